"""A story told in a folder of text files: one file per chapter, in natural order (ch2 before ch10), the
header in the first file, and metadata files beside them (see `readers.metadata` for their names).

A file that holds no story text (a cover page, an index page with the summary) feeds the metadata
instead of failing the folder.  Each file's own title (`# Announce & Ask`, a front-matter
`title: Hope - Beauxbatons`) names its chapter when the files' titles differ, without the story's
title before it; the story's title is the metadata file's, else one title the files share, else
their common start ("Hope - ..."), else the folder's name.  A file with neither heading nor title
is named after the file: `01 - Beauxbatons.md` gives "Beauxbatons", `chapter-03.md` "Chapter 3".
"""

from __future__ import annotations

import re
from pathlib import Path

from ..decode import readable_name
from ..errors import InputError, ParseError
from ..model import Story
from ..options import Options
from .metadata import DATA_SUFFIXES, is_metadata_file, merge, read_metadata

_CHAPTER_WORD = re.compile(
    r"^(?:chapter|chap|ch|part|pt|episode|ep|section|sec)[\s._-]*(?P<num>\d+)(?P<rest>.*)$", re.IGNORECASE
)
_SEPARATOR = re.compile(r"\s+[-–—:|]\s+|:\s+")
_SMALL_WORDS = {"a", "an", "and", "the", "of", "in", "on", "at", "to", "for", "or", "but", "with", "by"}


def title_from_name(path: Path) -> str:
    """A chapter title from a file name: '01 - Beauxbatons.md' gives 'Beauxbatons', 'ch3.txt' 'Chapter 3',
    '03-dressmaking-and-determination.md' 'Dressmaking and Determination'."""
    stem = path.stem
    if re.search(r"\.[a-z]{2,10}$", stem, re.IGNORECASE) and " " not in stem:
        stem = stem.rsplit(".", 1)[0]  # 'Chapter1.fragment'
    m = _CHAPTER_WORD.match(stem)
    if m:
        rest = _words(m.group("rest").strip(" ._-"))
        return f"Chapter {int(m.group('num'))}" + (f": {rest}" if rest else "")
    number = re.match(r"^\s*(\d+)", stem)
    rest = re.sub(r"^[\d\s._-]+", "", stem).strip()
    if not rest:
        return f"Chapter {int(number.group(1))}" if number else stem
    return _words(rest)


def _words(text: str) -> str:
    """A slug ('darling-and-date') as words; a name already written with spaces stays as it is."""
    text = readable_name(text)  # a name that is not UTF-8 carries surrogate escapes, which XML cannot hold
    if not text or " " in text:
        return text.strip()
    words = [w for w in re.split(r"[-_.]+", text) if w]
    if any(c.isupper() for c in text):
        return " ".join(words)
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _shared_start(titles: list[str]) -> str | None:
    """The story title the files' titles start with: 'Hope - Beauxbatons', 'Hope - Paris' give 'Hope'."""
    heads = set()
    for title in titles:
        m = _SEPARATOR.search(title)
        if m is None:
            return None
        heads.add(title[: m.start()].strip())
    return heads.pop() if len(heads) == 1 else None


def _without_story_title(title: str, story_title: str | None) -> str:
    if story_title and title.casefold().startswith(story_title.casefold()):
        rest = title[len(story_title) :]
        m = re.match(r"^\s*[-–—:|]\s*", rest)
        if m and rest[m.end() :].strip():
            return rest[m.end() :].strip()
    return title


def read_folder(folder: Path, files: list[Path], options: Options) -> Story:
    """Read a story told in the text files of a folder."""
    from . import natural_key, read_file

    meta = Story(source=str(folder))

    def absorb(other: Story) -> None:
        merge(meta, other)
        meta.dropped.extend(other.dropped)

    chapter_files: list[Path] = []
    data_files = [
        p
        for p in sorted(folder.iterdir(), key=natural_key)
        if p.is_file() and p.suffix.lower() in DATA_SUFFIXES and not p.name.startswith(".")
    ]
    for path in data_files + files:
        if is_metadata_file(path):
            absorb(read_metadata(path, options.max_size))
        else:
            chapter_files.append(path)
    parts: list[tuple[Path, Story]] = []
    for path in chapter_files:
        try:
            part = read_file(path, options, part=True)
        except ParseError:
            continue  # an empty file
        if part.chapters:
            parts.append((path, part))
        else:
            absorb(part)  # a page with only a header: metadata
    if not parts:
        raise InputError("no file in the folder holds story text", folder)
    titles = [part.title for _, part in parts]
    named = [t for t in titles if t]
    per_file = len(parts) > 1 and len(set(named)) > 1
    story_title = meta.title
    if per_file and story_title is None:
        story_title = _shared_start(named) if len(named) == len(parts) else None
    elif not per_file and story_title is None and named:
        story_title = named[0]
    story = Story(source=str(folder), title=story_title)
    merge(story, meta)
    story.dropped = list(meta.dropped)
    story.front_notes = list(parts[0][1].front_notes)
    for index, (path, part) in enumerate(parts):
        if index == 0:
            own_title, part.title = part.title, None if per_file else part.title
            merge(story, part)
            part.title = own_title
        else:
            story.authors.extend(a for a in part.authors if a not in story.authors)
            first = part.chapters[0]
            first.blocks[:0] = part.front_notes
        if part.chapters[0].title is None:
            own = part.title if per_file and part.title else None
            part.chapters[0].title = _without_story_title(own, story.title) if own else title_from_name(path)
            if own:
                for seen in part.recognitions:
                    if seen.element == "title":
                        seen.element = "chapter title (the file's title)"
        if index < len(parts) - 1:
            part.chapters[-1].blocks.extend(part.back_notes)
        else:
            story.back_notes = list(part.back_notes)
        story.chapters.extend(part.chapters)
        story.recognitions.extend(part.recognitions)
        story.dropped.extend(f"{path.name}: {d}" for d in part.dropped)
    if story.title is None:
        story.title = _words(re.sub(r"^[\d\s._-]+", "", folder.name)) or folder.name
    return story
