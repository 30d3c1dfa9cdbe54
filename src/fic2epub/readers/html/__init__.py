"""Stories saved as web pages: AO3 downloads and work pages, FanFiction.Net chapter pages, any other
HTML, and folders of such pages; read with lxml straight into the Story model.

Whether a file is HTML is told by its content, not its name: a page saved as `.txt` is read as a page,
and a `.html` file with no markup is left to the text parser.  A page that is only a `<pre>` text dump
goes to the text parser too.  A page saved as one file (MHTML) is unpacked first, its images with it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ...decode import decode
from ...errors import ParseError
from ...model import Chapter, Recognition, Story
from ...options import Options
from .mhtml import is_mhtml

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["is_html_file", "looks_like_html", "read_html", "read_html_folder"]

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
_COMMENTS = r"(?:\s|<!--.*?-->)*"
_DOCUMENT = re.compile(
    rf"^\ufeff?{_COMMENTS}(?:<\?xml[^>]*>{_COMMENTS})?<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_FRAGMENT = re.compile(
    rf"^\ufeff?{_COMMENTS}<(?:head|body|article|section|main|div|p|table|h[1-6]|center|blockquote|ul|ol|pre)"
    r"[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAG = re.compile(
    r"<(?:p|br|div|hr|h[1-6]|blockquote|li|article|section|center|table|tr|td)\b[^>]*>", re.IGNORECASE
)
SNIFF_BYTES = 65536


def looks_like_html(text: str, suffix: str = "") -> bool:
    """Whether decoded text is an HTML page or fragment (sniffed, not parsed: the parser decides the rest).

    A whole document (doctype or `<html>` first) always is.  Markdown files may hold HTML blocks and stay
    Markdown unless they are whole documents.  Otherwise the text must open with a block element, or be
    mostly block markup, to count.
    """
    head = text[:SNIFF_BYTES]
    if _DOCUMENT.match(head) or is_mhtml(head):
        return True
    if suffix.lower() in MARKDOWN_SUFFIXES:
        return False
    tags = len(_BLOCK_TAG.findall(head))
    if not tags:
        return False
    if _FRAGMENT.match(head):
        return True
    lines = sum(1 for line in head.splitlines() if line.strip())
    return tags >= 5 and tags >= 0.3 * lines


def is_html_file(path: Path) -> bool:
    """Whether a file's first bytes look like HTML."""
    try:
        with path.open("rb") as f:
            data = f.read(SNIFF_BYTES)
    except OSError:
        return False
    text = data.decode("utf-8", errors="replace")
    if text.startswith(("\ufffd\ufffd", "\x00")) or "\x00" in text[:200]:  # UTF-16: let decode tell
        try:
            text = decode(data)
        except Exception:
            return False
    return looks_like_html(text, path.suffix)


def _text_dump(root: etree._Element) -> str | None:
    """The text of a page that is only a `<pre>` block (a text file wrapped in HTML), else None."""
    from .document import text_of

    body = root.find("body")
    if body is None:
        return None
    pres = list(body.iter("pre"))
    if len(pres) != 1:
        return None
    total = len(text_of(body))
    inside = len(text_of(pres[0]))
    return "".join(str(t) for t in pres[0].itertext()) if total and inside >= 0.9 * total else None


def read_html(text: str, path: Path | None = None, options: Options | None = None) -> Story:
    """Read one decoded HTML page into a Story (a notes page or contents page gives no chapters)."""
    # The page readers are imported here, not at the top: every story file is sniffed with
    # looks_like_html, and importing them (and lxml) costs ~40 ms of start-up that text stories never need.
    from lxml import etree

    from .ao3 import is_ao3_download, is_ao3_page, read_ao3_download, read_ao3_page
    from .blocks import BlockReader
    from .document import page_title, parse_html
    from .ffnet import is_ffnet, read_ffnet
    from .generic import read_generic
    from .mhtml import unpack

    options = options or Options()
    source = str(path) if path is not None else None
    packed: dict[str, bytes] = {}
    if is_mhtml(text):
        unpacked = unpack(text)
        if unpacked is None:
            raise ParseError("a page saved as one file (MHTML) that holds no page", path)
        text, packed = unpacked
    try:
        root = parse_html(text)
    except (etree.LxmlError, ValueError) as exc:
        raise ParseError(f"cannot read the page as HTML: {exc}", path) from None
    dump = _text_dump(root)
    if dump is not None:
        from .. import parse_story_text  # the text parser's entry point; imported late (it imports us)

        return parse_story_text(dump, markdown=False, options=options, source=source)
    story = Story(source=source)
    title = page_title(root)
    reader = BlockReader(path.parent if path is not None else None, story.dropped, packed)
    if is_ao3_download(root):
        layout = "AO3 download"
        read_ao3_download(root, story, reader)
    elif is_ao3_page(root):
        layout = "saved AO3 work page"
        read_ao3_page(root, story, reader)
    elif is_ffnet(root, title):
        layout = "saved FanFiction.Net chapter page"
        read_ffnet(root, story, reader, title)
    else:
        layout = "web page"
        read_generic(root, story, reader, title)
    story.recognitions.insert(0, Recognition("html", "page layout", 0, layout, source or ""))
    return story


def read_html_folder(folder: Path, files: list[Path], options: Options | None = None) -> Story:
    """A story saved as several pages in one folder (chapter pages, a notes page, a contents page): one
    Story, its header from a metadata file if there is one (`readers.metadata`), else from the first
    page that has one; its chapters in the order of the files (or of the chapter numbers the pages give)."""
    from .. import natural_key, parse_story_text, read_bytes
    from ..metadata import DATA_SUFFIXES, finish, is_metadata_file, merge, read_metadata

    options = options or Options()
    meta = Story(source=str(folder))
    data_files = sorted((p for p in folder.iterdir() if p.suffix.lower() in DATA_SUFFIXES), key=natural_key)
    parts: list[Story] = []
    for path in data_files + files:
        if path.name.startswith(".") or not path.is_file():
            continue
        if is_metadata_file(path):
            described = read_metadata(path, options.max_size)
            merge(meta, described)
            meta.dropped.extend(described.dropped)
            continue
        text = decode(read_bytes(path, options.max_size), path)
        if not text.strip():
            continue
        if looks_like_html(text, path.suffix):
            parts.append(read_html(text, path, options))
        else:
            markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
            parts.append(
                parse_story_text(text, markdown=markdown, options=options, source=str(path), clean=False)
            )
    chapters = [p for p in parts if p.chapters]
    if not chapters:
        raise ParseError("no story text found in any page of the folder", folder)
    chapters = _in_chapter_order(chapters)
    story = Story(source=str(folder))
    merge(story, meta)  # what a metadata file says wins over the pages
    head = chapters[0]
    story.title = story.title or next((p.title for p in chapters if p.title), None) or folder.name
    story.authors = story.authors or next((p.authors for p in chapters if p.authors), [])
    story.series = story.series or next((p.series for p in chapters if p.series), None)
    story.language = story.language or head.language
    for part in chapters:
        for f in part.metadata:
            if story.get(f.key) is None:
                story.metadata.append(f)
    story.front_notes = list(head.front_notes)
    for part in chapters:
        if part is not head and part.front_notes:
            part.chapters[0].blocks[:0] = part.front_notes
        if part is not chapters[-1] and part.back_notes:
            part.chapters[-1].blocks.extend(part.back_notes)
        story.chapters.extend(part.chapters)
    story.back_notes = list(chapters[-1].back_notes)
    story.dropped = list(meta.dropped)
    for part in parts:
        if not part.chapters:
            story.back_notes.extend(part.back_notes)
        story.recognitions.extend(part.recognitions)
        story.dropped.extend(part.dropped)
    finish(story, markdown=False)  # a page's Language: and Series: fields set the book's too
    return story


def _in_chapter_order(parts: list[Story]) -> list[Story]:
    """Pages in the order of their chapter numbers when every page names a different one, else as given."""
    numbers: list[int] = []
    for part in parts:
        number = _number(part.chapters[0]) if len(part.chapters) == 1 else None
        if number is None:
            return parts
        numbers.append(number)
    if len(set(numbers)) != len(numbers):
        return parts
    return [p for _, p in sorted(zip(numbers, parts, strict=True), key=lambda pair: pair[0])]


def _number(chapter: Chapter) -> int | None:
    m = re.search(r"\d+", chapter.number or "")
    return int(m.group()) if m else None
