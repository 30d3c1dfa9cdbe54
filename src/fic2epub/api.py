"""The library's entry points: parse a story, write its EPUB, convert a file in one call."""

from __future__ import annotations

import logging
from pathlib import Path

from .decode import decode
from .errors import ParseError
from .model import Story
from .options import Options
from .package import epub_bytes, write_atomic
from .readers import MARKDOWN_SUFFIXES, parse_story_text, read_path
from .render.book import Resource, render_story

log = logging.getLogger("fic2epub")


def parse(source: str | bytes | Path, options: Options | None = None, *, markdown: bool = False) -> Story:
    """Parse a story into the `Story` model.

    `source` is a `Path` (a file or a folder of chapter files), the text of a story as `str`, or its raw
    bytes in any encoding.  A `str` naming an existing file is read as that file.
    """
    options = options or Options()
    if isinstance(source, Path) or (isinstance(source, str) and _names_a_file(source)):
        return read_path(Path(source), options)
    text = decode(source) if isinstance(source, bytes) else source
    if not text.strip():
        raise ParseError("the story is empty")
    story = parse_story_text(text, markdown=markdown, options=options, source=None)
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


def _cover(story: Story, options: Options) -> Resource | None:
    if options.no_cover:
        return None
    # imported here: Pillow and the fonts cost start-up time that --no-cover never needs
    from .render.cover import generate_cover, prepare_user_cover

    user_cover = Path(options.cover) if options.cover is not None else story_cover(story)
    if user_cover is not None:
        data, media_type = prepare_user_cover(user_cover)
    else:
        title = options.title or story.title or "Untitled"
        authors = options.authors if options.authors is not None else story.authors
        data, media_type = generate_cover(title, authors, story.get("fandom")), "image/jpeg"
    ext = "png" if media_type == "image/png" else "jpg"
    return Resource(f"cover.{ext}", media_type, data, "cover-image")


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


def epub_from_story(story: Story, options: Options | None = None) -> bytes:
    """The EPUB of a story, as bytes (a Kobo KEPUB with `options.format == "kepub"`)."""
    options = options or Options()
    book = render_story(story, options, _cover(story, options))
    return epub_bytes(book, kepub=options.format == "kepub")


def write_epub(story: Story, path: str | Path, options: Options | None = None) -> Path:
    """Write the EPUB of a story to `path`, atomically; returns the path written."""
    return write_atomic(epub_from_story(story, options), Path(path))


def default_output(src: Path, options: Options | None = None) -> Path:
    """Where `convert` writes when no output is given: beside the source, named after it
    (`.kepub.epub` for Kobo's flavour)."""
    name = src.name if src.is_dir() else src.stem
    suffix = ".kepub.epub" if options is not None and options.format == "kepub" else ".epub"
    return src.parent / f"{name}{suffix}"


def convert(src: str | Path, out: str | Path | None = None, options: Options | None = None) -> Path:
    """Convert one story (a file, or a folder of chapter files) to an EPUB; returns the path written."""
    options = options or Options()
    src = Path(src)
    story = read_path(src, options)
    target = Path(out) if out is not None else default_output(src, options)
    log.info("converting %s to %s", src, target)
    return write_epub(story, target, options)


__all__ = ["MARKDOWN_SUFFIXES", "convert", "default_output", "epub_from_story", "parse", "write_epub"]
