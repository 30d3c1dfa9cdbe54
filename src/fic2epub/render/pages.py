"""The pages of a book: cover, title page, contents, chapters and the gathered author's notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import AuthorNote, Block, Chapter, Story
from ..options import Options
from .xhtml import BlockRenderer, TextFilter, element, page, serialize

if TYPE_CHECKING:
    from .book import BookMetadata, TocEntry

BREAK_STYLE_CLASS = {
    "rule": None,
    "asterisks": "break-asterisks",
    "asterism": "break-asterism",
    "space": "break-space",
}


def cover_page(meta: BookMetadata, image_href: str, sheets: list[str]) -> bytes:
    html, body = page("Cover", meta.language, sheets)
    section = element("section", {"epub:type": "cover", "class": "cover"}, parent=body)
    by = f" by {', '.join(meta.authors)}" if meta.authors else ""
    element("img", {"src": image_href, "alt": f"Cover of {meta.title}{by}"}, parent=section)
    return serialize(html)


def title_page(
    story: Story, meta: BookMetadata, sheets: list[str], fix: TextFilter, renderer: BlockRenderer
) -> bytes:
    """Title, author(s), every header field with its label in the author's order, the summary set apart,
    and the story's own figures."""
    html, body = page(meta.title, meta.language, sheets)
    section = element(
        "section", {"epub:type": "titlepage", "class": "titlepage", "id": "titlepage"}, parent=body
    )
    element("h1", {"epub:type": "fulltitle"}, fix(meta.title), parent=section)
    if meta.authors:
        element("p", {"class": "byline"}, "by " + " and ".join(meta.authors), parent=section)
    else:
        element("p", {"class": "byline no-author"}, "Author not named in the story", parent=section)
    fields = [f for f in story.metadata if f.key != "summary"]
    if fields:
        dl = element("dl", {"class": "metadata"}, parent=section)
        for f in fields:
            element("dt", text=fix(f.label), parent=dl)
            element("dd", text=fix(f.value), parent=dl)
    summary = [f for f in story.metadata if f.key == "summary"]
    for f in summary:
        div = element("div", {"class": "summary"}, parent=section)
        element("p", {"class": "summary-label"}, fix(f.label), parent=div)
        for para in f.value.split("\n\n"):
            element("p", text=fix(para), parent=div)
    chapters = len(story.chapters)
    words = story.word_count()
    figures = f"{chapters} chapter{'s' if chapters != 1 else ''} · {words:,} word{'s' if words != 1 else ''}"
    element("p", {"class": "figures"}, figures, parent=section)
    return serialize(html)


def contents_page(meta: BookMetadata, toc: list[TocEntry], sheets: list[str]) -> bytes:
    html, body = page("Contents", meta.language, sheets)
    section = element("section", {"epub:type": "toc", "class": "contents", "id": "contents"}, parent=body)
    element("h2", text="Contents", parent=section)

    def entries(parent_el: object, items: list[TocEntry]) -> None:
        ol = element("ol", parent=parent_el)  # type: ignore[arg-type]
        for item in items:
            li = element("li", parent=ol)
            element("a", {"href": item.href}, item.label, parent=li)
            if item.children:
                entries(li, item.children)

    entries(section, toc)
    return serialize(html)


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
    style = BREAK_STYLE_CLASS[options.scene_break]
    if style:
        body.set("class", style)
    renderer.blocks(body, front)
    section = element(
        "section", {"epub:type": "chapter", "class": "chapter", "role": "doc-chapter"}, parent=body
    )
    heading = element("h2", parent=section)
    if chapter.number and chapter.name:
        element("span", {"class": "chapter-number"}, fix(chapter.number), parent=heading)
        element("span", {"class": "chapter-separator"}, ": ", parent=heading)
        element("span", {"class": "chapter-name"}, fix(chapter.name), parent=heading)
    else:
        heading.text = fix(label)
    renderer.after_break = False
    renderer.blocks(section, blocks)
    if chapter.end_marker:
        element("p", {"class": "end-marker"}, fix(chapter.end_marker), parent=section)
    renderer.blocks(body, back)
    return serialize(html)


def notes_page(
    gathered: list[tuple[str, AuthorNote, str]],
    meta: BookMetadata,
    sheets: list[str],
    renderer: BlockRenderer,
) -> bytes:
    """The author's notes gathered at the end, each with a link back to where it stood."""
    html, body = page("Author's Notes", meta.language, sheets)
    section = element("section", {"epub:type": "backmatter", "class": "notes", "id": "notes"}, parent=body)
    element("h2", text="Author's Notes", parent=section)
    for note_id, note, page_name in gathered:
        div = renderer.note(section, note, note_id)
        back = element("p", {"class": "note-back"}, parent=div)
        element("a", {"href": f"{page_name}#ref-{note_id}"}, "Back to the story", parent=back)
    return serialize(html)
