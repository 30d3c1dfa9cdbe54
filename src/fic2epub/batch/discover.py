"""Finding the stories under some folders: story files, and folders that hold one story in chapter files.

The rule (also in the user guide):

1. Every file whose extension is a story format (.txt, .md, .html, ...) is a story of its own,
2. except in a folder that holds *one story told in chapter files*.  A folder is one when
   - it holds an (empty) file named `.fic2epub-story`; or
   - it holds no `.fic2epub-library` file, no sub-folder with stories in it, at least two story
     files, and at least half of them carry a chapter number: a number at the start of the name
     (`01 - Beauxbatons.md`, `2.txt`) or after a word such as chapter, ch, part or episode
     (`chapter-03.md`, `Chapter1.fragment.html`, `story_ch12.txt`); and those numbers run without
     a gap (one may repeat: `0-cover.md` beside `chapter-00.md`).  A gap means the numbers are not
     chapters (`000_story.txt`, `002_other.txt`; work ids in an archive).
   Such a folder becomes one book named after the folder; all its story files are its chapters.
3. A story file's sidecars (`story.meta.md`, `story.yaml`, ... see `readers.metadata`) belong to
   it, as a story folder's metadata files (`index.md`, `book.yaml`) belong to the folder: they are
   no stories of their own, and a change to them changes the story.
4. Names beginning with a dot are skipped, and so is the batch's own output folder.

Hostile trees are walked safely: symbolic links to files are followed only when they lead to a
file inside the same source folder, links to folders are never followed (what they lead to inside
the tree is reached by its real path; outside it, it is not ours to read), so link loops cannot
hang the walk; fifos, sockets and devices are never opened; folders nested deeper than `MAX_DEPTH`
are not entered.  Each thing left out this way is listed in `Discovery.ignored` with the reason.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..readers import TEXT_SUFFIXES, natural_key
from ..readers.metadata import DATA_SUFFIXES, sidecars

STORY_MARKER = ".fic2epub-story"
LIBRARY_MARKER = ".fic2epub-library"
MAX_DEPTH = 100

_CHAPTER_NUMBER = re.compile(
    r"^\s*(\d+)|(?<![a-z])(?:chapter|chap|ch|part|pt|episode|ep|section|sec)[\s._-]*(\d+)", re.IGNORECASE
)


@dataclass(frozen=True)
class Found:
    """One story found: a story file, or a folder of chapter files."""

    path: Path  # the file, or the folder
    relative: PurePosixPath  # where it sits under its source folder (for a source file: its name)
    files: tuple[Path, ...]  # every file the story is read from (sidecars, metadata files too)
    # the reader would find entries the walk passed over (links out of the tree, fifos): the story
    # must be read from `files` alone
    sealed: bool = False
    size: int = 0  # bytes of its files, as the walk saw them

    @property
    def is_folder(self) -> bool:
        return self.path not in self.files


@dataclass
class Discovery:
    """What a walk found: the stories, and what it left out and why."""

    stories: list[Found] = field(default_factory=list)
    ignored: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason) not a story, by rule
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # (folder, reason) stories may hide here


def chapter_number(name: str) -> int | None:
    """The chapter number a file name carries, if any (see the module docstring)."""
    match = _CHAPTER_NUMBER.search(name)
    return int(match.group(1) or match.group(2)) if match else None


def is_chapter_folder(file_names: Sequence[str]) -> bool:
    """Whether the story files of a folder (no story sub-folder, no marker) are the chapters of one story."""
    numbers = [n for n in map(chapter_number, file_names) if n is not None]
    distinct = sorted(set(numbers))
    return (
        len(distinct) >= 2
        and 2 * len(numbers) >= len(file_names)
        and distinct[-1] - distinct[0] == len(distinct) - 1
    )


def is_story_file(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


def discover(sources: Iterable[Path], exclude: Iterable[Path] = ()) -> Discovery:
    """Every story under `sources` (files or folders), in a stable order (see the module docstring).

    Folders in `exclude` (the output folder) are not entered.
    """
    found = Discovery()
    skip = {os.path.realpath(p) for p in exclude}
    for source in sources:
        source = Path(source)
        if source.is_dir():
            _Walk(source, skip, found).folder(source, PurePosixPath(), 0)
        elif source.is_file():  # named on purpose: taken whatever its extension
            files = (source, *_sidecars(source))
            size = sum(p.stat().st_size for p in files)
            found.stories.append(Found(source, PurePosixPath(source.name), files, size=size))
        else:
            found.ignored.append((source, "not a file or folder"))
    return found


class _Walk:
    """One source folder walked; the results go into `found`."""

    def __init__(self, root: Path, skip: set[str], found: Discovery) -> None:
        self.real_root = os.path.realpath(root)
        self.skip = skip
        self.found = found

    def _inside(self, real: str) -> bool:
        return os.path.commonpath([self.real_root, real]) == self.real_root

    def folder(self, folder: Path, relative: PurePosixPath, depth: int) -> bool:
        """Walk one folder; returns whether any story was found in it or below."""
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            self.found.unreadable.append((folder, f"cannot read the folder: {exc.strerror or exc}"))
            return False
        names = {e.name for e in entries}
        files: list[Path] = []  # story files
        data: list[Path] = []  # metadata files that are not story files (book.yaml)
        sub_stories = passed_over = False
        sizes: dict[Path, int] = {}
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            kind = self._kind(entry, path, sizes)
            if kind == "folder":
                if os.path.realpath(path) in self.skip:
                    continue
                if depth + 1 > MAX_DEPTH:
                    self.found.ignored.append((path, f"folders nested deeper than {MAX_DEPTH} levels"))
                    continue
                sub_stories |= self.folder(path, relative / entry.name, depth + 1)
            elif kind == "file" and is_story_file(path):
                files.append(path)
            elif kind == "file" and path.suffix.lower() in DATA_SUFFIXES:
                data.append(path)
            elif not kind and (is_story_file(path) or path.suffix.lower() in DATA_SUFFIXES):
                passed_over = True  # the reader would take it
        if not files:
            return sub_stories
        one_story = STORY_MARKER in names or (
            LIBRARY_MARKER not in names and not sub_stories and is_chapter_folder([p.name for p in files])
        )
        if one_story:
            # a source folder that is itself one story is named after itself
            where = relative if relative.parts else PurePosixPath(folder.resolve().name or "story")
            everything = tuple(sorted(files + data, key=natural_key))
            size = sum(sizes[p] for p in everything)
            self.found.stories.append(Found(folder, where, everything, passed_over, size))
            return True
        walked = set(files + data)
        extras = {p: _sidecars(p) for p in files}
        belongs = {side for sides in extras.values() for side in sides}
        for path in files:
            if path not in belongs:
                sealed = not walked.issuperset(extras[path])
                with_sidecars = (path, *(side for side in extras[path] if side in walked))
                size = sum(sizes[p] for p in with_sidecars)
                self.found.stories.append(Found(path, relative / path.name, with_sidecars, sealed, size))
        return True

    def _kind(self, entry: os.DirEntry[str], path: Path, sizes: dict[Path, int]) -> str:
        """What an entry is to the walk: "folder", "file", or "" for what is passed over (reason recorded)."""
        try:
            if entry.is_symlink():
                real = os.path.realpath(path)
                if not self._inside(real):
                    self.found.ignored.append((path, "a symbolic link leading out of the source folder"))
                    return ""
                info = os.stat(real)
                if stat.S_ISDIR(info.st_mode):
                    return ""  # reached by its real path
            else:
                info = entry.stat(follow_symlinks=False)
        except OSError as exc:  # broken link, vanished file
            self.found.ignored.append((path, f"cannot look at it: {exc.strerror or exc}"))
            return ""
        if stat.S_ISDIR(info.st_mode):
            return "folder"
        if stat.S_ISREG(info.st_mode):
            sizes[path] = info.st_size
            return "file"
        if is_story_file(path):
            self.found.ignored.append((path, "not a regular file (a fifo, socket or device)"))
        return ""


def _sidecars(path: Path) -> list[Path]:
    try:
        return sidecars(path)
    except OSError:  # a sidecar's name would be too long for the file system: there is none
        return []
