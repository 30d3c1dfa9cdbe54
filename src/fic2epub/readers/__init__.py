"""Readers: a story file or folder to the Story model.  Plain text and Markdown go through the rule
table in `fic2epub.parse`; a folder of chapter files is read file by file into one Story."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from ..decode import clean_text, decode
from ..errors import InputError, ParseError
from ..model import Story
from ..options import Options
from ..parse import build_rules, parse_text
from .folder import read_folder as read_text_folder
from .folder import title_from_name
from .html import is_html_file, looks_like_html, read_html, read_html_folder
from .markdown import prepare_markdown
from .metadata import finish, merge, read_metadata, sidecars

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".mdown", ".htm", ".html", ".xhtml", ".mhtml", ".mht"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
_title_from_name = title_from_name  # the name batch.memory imported before the folder reader moved


def natural_key(path: Path) -> list[object]:
    """Sort key that puts ch2 before ch10."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", path.name)]


def read_bytes(path: Path, max_size: int) -> bytes:
    """The bytes of a story file, refusing what cannot or should not be read: a folder, a device or a
    pipe (reading /dev/zero or a FIFO never ends), a file larger than `max_size` (checked on what is
    read too, so a file still growing cannot slip past the limit)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file or folder", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file", path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a device, pipe or socket)", path)
    if info.st_size > max_size:
        raise _too_large(path, info.st_size, max_size)
    try:
        with path.open("rb") as handle:
            # read(n) sets n bytes aside at once: ask for the size stat() gave, then for what grew since
            chunks = [handle.read(info.st_size + 1)]
            total = len(chunks[0])
            while total <= max_size:
                more = handle.read(min(1 << 20, max_size + 1 - total))
                if not more:
                    break
                chunks.append(more)
                total += len(more)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    if total > max_size:
        raise _too_large(path, total, max_size)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(path: Path, size: int, max_size: int) -> InputError:
    mb = 1024 * 1024  # --max-size counts in these
    return InputError(
        f"the file is {size / mb:.1f} MB, more than the limit of {max_size / mb:g} MB",
        path,
        hint="raise it with --max-size",
    )


def parse_story_text(
    text: str, *, markdown: bool, options: Options, source: str | None, clean: bool = True
) -> Story:
    """Parse text with the options' rule table; characters XML forbids are removed first, so that text
    handed in by a caller (not decoded from a file) is as clean as decoded text.  `clean=False` says
    the text is clean already (`decode` gave it): cleaning a novel twice costs hundredths of a second."""
    try:
        rules = build_rules(options.rules)
    except ValueError as exc:
        raise InputError(str(exc), source) from None
    if clean:
        text = clean_text(text)
    story = parse_text(
        prepare_markdown(text) if markdown else text, markdown=markdown, rules=rules, source=source
    )
    finish(story, markdown=markdown)
    return story


def read_file(path: Path, options: Options | None = None, *, part: bool = False) -> Story:
    """Read one story file, with the metadata of its sidecar files (`readers.metadata`).

    `part` reads one file of a story told in several: no sidecars, and a file with no story text
    (only a header) is no error."""
    options = options or Options()
    text = decode(read_bytes(path, options.max_size), path)
    if not text.strip():
        raise ParseError("the file is empty", path)
    if looks_like_html(text, path.suffix):  # told by content: a page saved as .txt is still a page
        story = read_html(text, path, options)
        finish(story, markdown=False)  # a page's Language: and Series: fields set the book's too
    else:
        markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
        story = parse_story_text(text, markdown=markdown, options=options, source=str(path), clean=False)
    if part:
        return story
    for sidecar in sidecars(path):
        extra = read_metadata(sidecar, options.max_size)
        merge(story, extra)
        story.dropped.extend(extra.dropped)
    if not story.chapters:
        raise ParseError("no story text found (only a header or notes)", path)
    return story


def story_files(folder: Path) -> list[Path]:
    """The story files of a folder (chapters, and metadata files such as index.md), in natural order."""
    files = [
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")
    ]
    return sorted(files, key=natural_key)


def read_folder(folder: Path, options: Options | None = None) -> Story:
    """Read a story told in one file per chapter (see `readers.folder`)."""
    options = options or Options()
    files = story_files(folder)
    if not files:
        raise InputError("the folder holds no story files (.txt, .md, .html)", folder)
    if any(is_html_file(p) for p in files):  # saved pages: chapter pages, a notes page, a contents page
        return read_html_folder(folder, files, options)
    return read_text_folder(folder, files, options)


def read_path(path: str | Path, options: Options | None = None) -> Story:
    """Read a story from a file or a folder of chapter files."""
    path = Path(path)
    if path.is_dir():
        return read_folder(path, options)
    return read_file(path, options)
