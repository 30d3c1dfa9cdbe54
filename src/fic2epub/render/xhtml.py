"""XHTML documents built with lxml: the page skeleton, and blocks and inlines of the model as elements."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ..model import (
    AuthorNote,
    Block,
    BlockQuote,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    SceneBreak,
    Span,
    Text,
)

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XML = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: XHTML, "epub": EPUB}

SPAN_TAGS = {
    "emphasis": ("em", None),
    "strong": ("strong", None),
    "underline": ("span", "underline"),
    "strikethrough": ("s", None),
    "superscript": ("sup", None),
    "subscript": ("sub", None),
    "code": ("code", None),
    "smallcaps": ("span", "smallcaps"),
}

TextFilter = Callable[[str], str]


def element(
    tag: str,
    attrib: dict[str, str] | None = None,
    text: str | None = None,
    parent: etree._Element | None = None,
) -> etree._Element:
    """An XHTML element; `epub:type` in attrib is put in the EPUB namespace."""
    attrs = {}
    for key, value in (attrib or {}).items():
        attrs[f"{{{EPUB}}}type" if key == "epub:type" else key] = value
    el = (
        etree.SubElement(parent, f"{{{XHTML}}}{tag}", attrs)
        if parent is not None
        else etree.Element(f"{{{XHTML}}}{tag}", attrs, nsmap=NSMAP)
    )
    if text:
        el.text = text
    return el


def page(title: str, language: str, stylesheets: list[str]) -> tuple[etree._Element, etree._Element]:
    """A new XHTML page: (html root, body)."""
    html = element("html", {"lang": language, f"{{{XML}}}lang": language})
    head = element("head", parent=html)
    element("meta", {"charset": "utf-8"}, parent=head)
    element("title", text=title or "Untitled", parent=head)
    for href in stylesheets:
        element("link", {"rel": "stylesheet", "type": "text/css", "href": href}, parent=head)
    body = element("body", parent=html)
    return html, body


def serialize(html: etree._Element) -> bytes:
    """The page as UTF-8 XHTML with its XML declaration and doctype."""
    return bytes(etree.tostring(html, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>"))


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def add_inlines(parent: etree._Element, inlines: list[Inline], fix: TextFilter) -> None:
    """Render inline nodes into `parent`, passing text through `fix` (typography)."""
    for node in inlines:
        if isinstance(node, Text):
            _append_text(parent, fix(node.text))
        elif isinstance(node, LineBreak):
            element("br", parent=parent)
        elif isinstance(node, Span):
            tag, cls = SPAN_TAGS[node.kind]
            child = element(tag, {"class": cls} if cls else None, parent=parent)
            add_inlines(child, node.children, fix)
        elif isinstance(node, Link):
            child = element("a", {"href": node.href}, parent=parent)
            add_inlines(child, node.children, fix)


class BlockRenderer:
    """Renders model blocks as XHTML elements; images are handed to `add_image` for the manifest."""

    def __init__(
        self,
        fix: TextFilter,
        add_image: Callable[[Image], str],
        note_label: str = "Author's note",
        scene_break_label: str = "Scene break",
    ) -> None:
        self.fix = fix
        self.add_image = add_image
        self.note_label = note_label
        self.scene_break_label = scene_break_label
        self.after_break = False
        self.note_links: dict[int, str] = {}  # id of a note gathered at the end -> where it went

    def blocks(self, parent: etree._Element, blocks: list[Block]) -> None:
        for block in blocks:
            self.block(parent, block)

    def block(self, parent: etree._Element, block: Block) -> None:
        classes: list[str] = []
        if isinstance(block, Paragraph):
            if self.after_break:
                classes.append("after-break")
            if block.align in ("center", "right"):
                classes.append(block.align)
            p = element("p", {"class": " ".join(classes)} if classes else None, parent=parent)
            add_inlines(p, block.inlines, self.fix)
        elif isinstance(block, SceneBreak):
            element("hr", {"class": "scene-break", "aria-label": self.scene_break_label}, parent=parent)
            self.after_break = True
            return
        elif isinstance(block, Heading):
            h = element(f"h{min(max(block.level, 3), 6)}", {"class": "section-heading"}, parent=parent)
            add_inlines(h, block.inlines, self.fix)
        elif isinstance(block, BlockQuote):
            self.blocks(element("blockquote", parent=parent), block.blocks)
        elif isinstance(block, ListBlock):
            ol = element("ol" if block.ordered else "ul", parent=parent)
            for item in block.items:
                self.blocks(element("li", parent=ol), item)
        elif isinstance(block, Image):
            href = self.add_image(block)
            figure = element("div", {"class": "figure"}, parent=parent)
            element("img", {"src": href, "alt": block.alt}, parent=figure)
        elif isinstance(block, AuthorNote):
            href = self.note_links.get(id(block))
            if href is None:
                self.note(parent, block)
            else:
                p = element("p", {"class": "note-link"}, parent=parent)
                link = element("a", {"href": href, "id": "ref-" + href.split("#")[1]}, parent=p)
                link.text = self.fix(note_label_text(block, self.note_label))
        self.after_break = False

    def note(self, parent: etree._Element, note: AuthorNote, note_id: str | None = None) -> etree._Element:
        attrs = {"class": "author-note", "role": "note", "aria-label": self.note_label}
        if note_id:
            attrs["id"] = note_id
        div = element("div", attrs, parent=parent)
        element(
            "p", {"class": "author-note-label"}, self.fix(note_label_text(note, self.note_label)), parent=div
        )
        saved = self.after_break
        self.after_break = False
        self.blocks(div, note.blocks)
        self.after_break = saved
        return div


def note_label_text(note: AuthorNote, default: str) -> str:
    """The label a note is shown with: the author's own when it says more than "A/N"."""
    label = (note.label or "").strip().strip(":").strip()
    if not label or label.replace(".", "").replace("/", "").replace(" ", "").upper().rstrip("0123456789") in (
        "AN",
        "",
    ):
        return default
    return label[:1].upper() + label[1:]
