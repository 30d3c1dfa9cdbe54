"""The library's entry points: parse a story, make its EPUB (as a file or as bytes), convert in one call.

    import fic2epub
    story = fic2epub.parse("story.txt")          # a path, a folder, the text itself, or its bytes
    story.authors = ["Me"]
    fic2epub.write_epub(story, "story.epub")     # or: data = fic2epub.epub_bytes(story)
    fic2epub.convert("story.txt", "story.epub")  # both steps at once

Nothing here prints; what is done is logged to the "fic2epub" logger.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from .decode import clean_text, decode
from .errors import InputError, ParseError
from .model import Story
from .options import Options

if TYPE_CHECKING:
    from .render.book import RenderedBook, Resource

# The readers and the parser, the renderer and the packager (ebooklib, lxml) are imported where they are
# used, not with the library: `fic2epub convert` starts its cover process (cli/cover_process.py) first.

log = logging.getLogger("fic2epub")

PathLike: TypeAlias = str | os.PathLike[str]
"""A path given as a `str` or a `pathlib.Path` (or any other `os.PathLike`)."""

Source: TypeAlias = str | bytes | os.PathLike[str]
"""What `parse` reads: a path (file or folder), the story's text, or its bytes."""


def parse(source: Source, options: Options | None = None, *, markdown: bool = False) -> Story:
    """Read a story into the `Story` model.

    `source` is one of:

    - a `pathlib.Path` (or other path object): a story file (.txt, .md, .html, ...) or a folder holding
      one story as one file per chapter; the file's suffix says how it is read;
    - a `str` naming an existing file or folder: read as that path;
    - any other `str`: the text of the story itself (plain text, or Markdown with `markdown=True`; a
      saved web page is recognised by its content);
    - `bytes`: the raw text in any encoding (UTF-8, UTF-16, Windows-1252, ... are told apart).

    Raises `InputError` for a missing or unreadable file (a one-line `str` ending in a story suffix such
    as ".txt" that names no file is taken for a mistyped path, not for a story), `DecodeError` for bytes
    that are not text, `ParseError` when there is no story text, `ConfigError` for bad user rules.
    """
    from .readers import parse_story_text, read_path
    from .readers.html import looks_like_html, read_html

    options = options or Options()
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _names_a_file(source)):
        path = Path(source)
        log.info("reading %s", path)
        return read_path(path, options)
    if isinstance(source, str) and _looks_like_a_path(source):
        raise InputError("no such file or folder", source)
    # text handed in is cleaned as decoded bytes are: lxml cuts a page short at a lone surrogate
    text = decode(source) if isinstance(source, bytes) else clean_text(source)
    if not text.strip():
        raise ParseError("the story is empty")
    if looks_like_html(text):
        story = read_html(text, None, options)
    else:
        story = parse_story_text(text, markdown=markdown, options=options, source=None, clean=False)
    if not story.chapters:
        raise ParseError("no story text found (only a header or notes)")
    return story


def _names_a_file(text: str) -> bool:
    """Whether a str given to `parse` is the name of an existing file or folder rather than a story."""
    if "\n" in text or len(text) >= 4096:
        return False
    try:
        return Path(text).exists()
    except (OSError, ValueError):  # a name too long for the system, or holding a NUL: story text
        return False


def _looks_like_a_path(text: str) -> bool:
    """Whether a str that names no file was meant as one: one line ending in a story file's suffix."""
    from .readers import TEXT_SUFFIXES

    line = text.strip()
    return "\n" not in line and 0 < len(line) < 4096 and Path(line).suffix.lower() in TEXT_SUFFIXES


CoverDrawer: TypeAlias = Callable[[str, list[str], str | None], Callable[[], bytes]]
"""Starts drawing a cover from its title, authors and fandom, and returns what finishes it: a function
giving the JPEG's bytes.  The pages are rendered in between (see `cli/cover_process.py`)."""


def draw_here(title: str, authors: list[str], fandom: str | None) -> Callable[[], bytes]:
    """The cover drawn in this process, when its bytes are asked for."""
    # imported here: Pillow and the fonts cost start-up time that --no-cover never needs
    from .render.cover import generate_cover

    return lambda: generate_cover(title, authors, fandom)


def _cover(
    story: Story, options: Options, draw: CoverDrawer = draw_here
) -> tuple[Resource | None, Callable[[], bytes] | None]:
    """The book's cover, and for a drawn one what finishes its picture (its content is empty until then)."""
    if options.no_cover:
        return None, None
    user_cover = Path(options.cover) if options.cover is not None else story_cover(story)
    if user_cover is not None:
        from .render.book import Resource
        from .render.cover import prepare_user_cover

        data, media_type = prepare_user_cover(user_cover)
        ext = "png" if media_type == "image/png" else "jpg"
        return Resource(f"cover.{ext}", media_type, data, "cover-image"), None
    from .render.title import book_title
    from .render.typography import make_fixer

    fix = make_fixer(options.smart_typography)  # the cover's title as the title page shows it
    title = fix(book_title(story, options))
    authors = [fix(a) for a in (options.authors if options.authors is not None else story.authors)]
    finish = draw(title, authors, story.get("fandom"))  # before the renderer is loaded: see book_bytes
    from .render.book import Resource

    return Resource("cover.jpg", "image/jpeg", b"", "cover-image"), finish


def cover_resource(story: Story, options: Options) -> Resource | None:
    """The book's cover, drawn or the user's, with its picture."""
    cover, finish = _cover(story, options)
    return cover if finish is None or cover is None else replace(cover, content=finish())


COVER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def _cover_key(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def story_cover(story: Story) -> Path | None:
    """A cover the user left for the story: an image in a `covers` folder beside it, named after the story's
    file (covers/my-story.jpg for my-story.txt) or after its title."""
    if not story.source:
        return None
    source = Path(story.source)
    folder = source.parent / "covers"
    if not folder.is_dir():
        return None
    wanted = {_cover_key(source.stem if source.suffix else source.name)} | {_cover_key(story.title or "")}
    wanted.discard("")
    images = sorted(p for p in folder.iterdir() if p.suffix.lower() in COVER_SUFFIXES and p.is_file())
    return next((p for p in images if _cover_key(p.stem) in wanted), None)


def epub_bytes(story: Story, options: Options | None = None) -> bytes:
    """The EPUB of a story, as bytes (a Kobo KEPUB with `options.format == "kepub"`).

    The same story and options always give the same bytes.  Raises `InputError` for a story without
    chapters, `CoverError` for a cover image that cannot be used.
    """
    return book_bytes(story, options or Options(), draw_here)


def book_bytes(story: Story, options: Options, draw_cover: CoverDrawer) -> bytes:
    """`epub_bytes` with the cover drawn by `draw_cover` (see `rendered_epub`)."""
    return rendered_epub(story, options, draw_cover)[0]


def rendered_epub(
    story: Story, options: Options, draw_cover: CoverDrawer = draw_here
) -> tuple[bytes, RenderedBook]:
    """The EPUB's bytes, and the book as rendered (a batch reports the word count its title page holds).
    `draw_cover` is started before the pages are rendered and finished after."""
    if not story.chapters:
        raise InputError("the story has no chapters: nothing to put in a book", story.source)
    cover, finish = _cover(story, options, draw_cover)  # first: a cover process draws while we render
    from .package import epub_bytes as package_epub
    from .render.book import render_story

    book = render_story(story, options, cover)
    if cover is not None and finish is not None:
        book.cover = replace(cover, content=finish())
    return package_epub(book, kepub=options.format == "kepub"), book


epub_from_story = epub_bytes
"""The former name of `epub_bytes`, kept for scripts that use it."""


def write_epub(story: Story, path: PathLike, options: Options | None = None) -> Path:
    """Write the EPUB of a story to `path`, atomically (a reader never sees half a book); returns the
    path written.  Folders on the way are made; raises `OutputError` when the file cannot be written."""
    return _write(story, Path(path), options or Options(), draw_here)


def _write(story: Story, target: Path, options: Options, draw_cover: CoverDrawer) -> Path:
    log.info("writing %s", target)
    data = book_bytes(story, options, draw_cover)
    from .package import write_atomic  # not before: see book_bytes

    return write_atomic(data, target)


def default_output(src: PathLike, options: Options | None = None) -> Path:
    """Where `convert` writes when no output is given: beside the source, named after it
    (`.kepub.epub` for Kobo's flavour)."""
    src = Path(src)
    name = src.name if src.is_dir() else src.stem
    suffix = ".kepub.epub" if options is not None and options.format == "kepub" else ".epub"
    return src.parent / f"{name}{suffix}"


def convert(src: PathLike, out: PathLike | None = None, options: Options | None = None) -> Path:
    """Convert one story (a file, or a folder of chapter files) to an EPUB; returns the path written.

    `out` defaults to the source's name with `.epub` beside it.  The same as `parse` then `write_epub`.
    """
    return convert_drawing(src, out, options or Options(), draw_here)


def convert_drawing(src: PathLike, out: PathLike | None, options: Options, draw_cover: CoverDrawer) -> Path:
    """`convert` with the cover drawn by `draw_cover` (see `book_bytes`)."""
    from .readers import read_path

    src = Path(src)
    story = read_path(src, options)
    target = Path(out) if out is not None else default_output(src, options)
    log.info("converting %s to %s", src, target)
    return _write(story, target, options, draw_cover)


__all__ = [
    "PathLike",
    "Source",
    "convert",
    "default_output",
    "epub_bytes",
    "epub_from_story",
    "parse",
    "write_epub",
]
