"""The pages of a book: cover, title page, contents, chapters and the gathered author's notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from ..model import AuthorNote, Block, Chapter, Story
from ..options import Options
from .xhtml import BlockRenderer, TextFilter, element, page, serialize, story_blocks, ui_text

if TYPE_CHECKING:
    from .book import BookMetadata, TocEntry

# The class on <body> that picks how the stylesheet draws a scene break.
BREAK_STYLE_CLASS = {
    "rule": "break-rule",
    "asterisks": "break-asterisks",
    "asterism": "break-asterism",
    "space": "break-space",
}

# Header fields shown elsewhere on the title page, never in its list.
_NOT_LISTED = {"title", "author", "summary"}


@dataclass
class GatheredNote:
    """An author note moved to the notes page: its id there, and the page and chapter it came from."""

    id: str
    note: AuthorNote
    page_name: str
    chapter_label: str


def and_list(names: list[str]) -> str:
    """Names joined as a reader says them: "A", "A and B", "A, B and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def cover_page(meta: BookMetadata, image_href: str, sheets: list[str]) -> bytes:
    html, body = page("Cover", meta.language, sheets)
    body.set("class", "cover-page")
    section = element("section", {"epub:type": "cover", "class": "cover", "id": "cover"}, parent=body)
    by = f", by {and_list(meta.authors)}" if meta.authors else ""
    element("img", {"src": image_href, "alt": f"Cover: {meta.title}{by}"}, parent=section)
    return serialize(html)


def _paragraphs(parent: etree._Element, text: str, fix: TextFilter) -> None:
    """Text with blank lines between paragraphs and single newlines as line breaks."""
    for para in (p.strip() for p in text.split("\n\n")):
        if not para:
            continue
        p = element("p", parent=parent)
        for i, line in enumerate(para.split("\n")):
            if i:
                br = element("br", parent=p)
                br.tail = fix(line)
            else:
                p.text = fix(line)


def title_page(
    story: Story, meta: BookMetadata, sheets: list[str], fix: TextFilter, renderer: BlockRenderer, words: int
) -> bytes:
    """Title, author(s), every header field with its label in the author's order, the summary set apart,
    and the story's own figures (its chapters and its `words`)."""
    html, body = page(meta.title, meta.language, sheets)
    section = element(
        "section", {"epub:type": "titlepage", "class": "titlepage", "id": "titlepage"}, parent=body
    )
    title_and_byline(section, meta, fix)
    fields = [f for f in story.metadata if f.key not in _NOT_LISTED and f.value.strip()]
    if fields:
        dl = element("dl", {"class": "metadata"}, parent=section)
        for f in fields:
            group = element("div", {"class": f"field field-{_css_name(f.key)}"}, parent=dl)
            element("dt", text=fix(f.label.strip().rstrip(":")), parent=group)
            dd = element("dd", parent=group)
            if "\n\n" in f.value.strip():
                _paragraphs(dd, f.value, fix)
            else:
                _inline_value(dd, f.value, fix)
    for f in story.metadata:
        if f.key == "summary" and f.value.strip():
            div = element("div", {"class": "summary", "role": "doc-abstract"}, parent=section)
            element("p", {"class": "summary-label"}, fix(f.label.strip().rstrip(":")), parent=div)
            _paragraphs(div, f.value, fix)
    figures = element("p", {"class": "figures"}, parent=section)
    chapters = len(story.chapters)
    figures.text = f"{count(chapters, 'chapter', 'chapters')} · {count(words, 'word', 'words')}"
    ui_text(figures, meta.language)
    return serialize(html)


def _inline_value(dd: etree._Element, value: str, fix: TextFilter) -> None:
    for i, line in enumerate(value.strip().split("\n")):
        if i:
            element("br", parent=dd).tail = fix(line.strip())
        else:
            dd.text = fix(line.strip())


def _css_name(key: str) -> str:
    return "".join(c if c.isascii() and c.isalnum() else "-" for c in key.casefold()).strip("-") or "other"


def title_and_byline(section: etree._Element, meta: BookMetadata, fix: TextFilter) -> None:
    """The title over "by" and the authors, as a story's and a collection's title page begin."""
    element("h1", {"epub:type": "fulltitle", "class": "title"}, fix(meta.title), parent=section)
    if meta.authors:
        byline = element("p", {"class": "byline"}, parent=section)
        ui_text(element("span", {"class": "by"}, "by", parent=byline), meta.language).tail = " "
        element("span", {"class": "author"}, fix(and_list(meta.authors)), parent=byline)


def contents_page(meta: BookMetadata, toc: list[TocEntry], sheets: list[str]) -> bytes:
    html, body = page("Contents", meta.language, sheets)
    section = element("section", {"epub:type": "toc", "class": "contents", "id": "contents"}, parent=body)
    ui_text(element("h2", text="Contents", parent=section), meta.language)

    toc_list(section, toc)
    return serialize(html)


def toc_list(parent: etree._Element, items: list[TocEntry]) -> None:
    """The nested list of contents entries, as the contents page and the nav document both show it."""
    ol = element("ol", parent=parent)
    for item in items:
        li = element("li", parent=ol)
        element("a", {"href": item.href}, item.label, parent=li)
        if item.children:
            toc_list(li, item.children)


def chapter_page(
    chapter: Chapter,
    label: str,
    blocks: list[Block],
    front: list[Block],
    back: list[Block],
    meta: BookMetadata,
    sheets: list[str],
    fix: TextFilter,
    renderer: BlockRenderer,
    options: Options,
) -> bytes:
    """One chapter: notes before the story, its heading, its blocks, its end marker, notes after it."""
    html, body = page(label, meta.language, sheets)
    body.set("class", BREAK_STYLE_CLASS[options.scene_break])
    renderer.after_break = False
    renderer.blocks(body, front)
    section = element(
        "section", {"epub:type": "chapter", "class": "chapter", "role": "doc-chapter"}, parent=body
    )
    heading = element("h2", {"class": "chapter-title"}, parent=section)
    if chapter.number and chapter.name:
        element("span", {"class": "chapter-number"}, fix(chapter.number), parent=heading)
        # read aloud and shown where the stylesheet is ignored; hidden where the two halves get a line each
        element("span", {"class": "chapter-separator"}, ": ", parent=heading)
        element("span", {"class": "chapter-name"}, fix(chapter.name), parent=heading)
    else:
        heading.text = fix(label)
        if not chapter.title and label != meta.title:  # a stand-in label: fic2epub's words
            ui_text(heading, meta.language)
    renderer.after_break = False
    renderer.blocks(section, story_blocks(blocks))
    if chapter.end_marker:
        element("p", {"class": "end-marker"}, fix(chapter.end_marker), parent=section)
    renderer.blocks(body, back)
    return serialize(html)


def notes_page(
    gathered: list[GatheredNote], meta: BookMetadata, sheets: list[str], renderer: BlockRenderer
) -> bytes:
    """The author's notes gathered at the end, under the chapter each came from, each with a link back."""
    html, body = page("Author’s Notes", meta.language, sheets)
    section = element("section", {"epub:type": "backmatter", "class": "notes", "id": "notes"}, parent=body)
    ui_text(element("h2", text="Author’s Notes", parent=section), meta.language)
    current = None
    for item in gathered:
        if item.chapter_label != current:
            current = item.chapter_label
            element("h3", {"class": "notes-chapter"}, current, parent=section)
        div = renderer.note(section, item.note, item.id)
        back = element("p", {"class": "note-back"}, parent=div)
        element("a", {"href": f"{item.page_name}#ref-{item.id}"}, "Back to the story", parent=back)
        ui_text(back, meta.language)
    return serialize(html)
