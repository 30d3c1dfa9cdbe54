"""XHTML documents built with lxml: the page skeleton, and blocks and inlines of the model as elements."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from lxml import etree

from ..model import (
    AuthorNote,
    Block,
    BlockQuote,
    Heading,
    Image,
    Inline,
    InlineNote,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    SceneBreak,
    Span,
    Text,
)
from .typography import OPAQUE, Runs

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XML = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: XHTML, "epub": EPUB}

# The language of the words fic2epub itself puts in a book ("Contents", "Author's note"); marked on
# them when the story is in another language, so that a screen reader pronounces them right.
UI_LANGUAGE = "en"

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

_QUALIFIED = {"epub:type": f"{{{EPUB}}}type", "xml:lang": f"{{{XML}}}lang"}


def element(
    tag: str,
    attrib: dict[str, str] | None = None,
    text: str | None = None,
    parent: etree._Element | None = None,
) -> etree._Element:
    """An XHTML element; `epub:type` in attrib is put in the EPUB namespace, `xml:lang` in XML's."""
    attrs = {_QUALIFIED.get(key, key): value for key, value in attrib.items()} if attrib else None
    el = (
        etree.SubElement(parent, f"{{{XHTML}}}{tag}", attrs)
        if parent is not None
        else etree.Element(f"{{{XHTML}}}{tag}", attrs, nsmap=cast(Any, NSMAP))  # None: the default namespace
    )
    if text:
        el.text = text
    return el


def ui_text(el: etree._Element, language: str) -> etree._Element:
    """Mark an element holding fic2epub's own words with their language, when the book's is another."""
    if language.split("-")[0].casefold() != UI_LANGUAGE:
        el.set("lang", UI_LANGUAGE)
        el.set(f"{{{XML}}}lang", UI_LANGUAGE)
        if is_rtl(language):
            el.set("dir", "ltr")
    return el


# Languages written from right to left: their pages say so, and so does the spine.
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})


def is_rtl(language: str) -> bool:
    return language.split("-")[0].casefold() in RTL_LANGUAGES


def page(title: str, language: str, stylesheets: list[str]) -> tuple[etree._Element, etree._Element]:
    """A new XHTML page: (html root, body)."""
    html = element("html", {"lang": language, "xml:lang": language})
    if is_rtl(language):
        html.set("dir", "rtl")
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


def add_inlines(
    parent: etree._Element,
    inlines: list[Inline],
    note: Callable[[etree._Element, InlineNote], etree._Element] | None = None,
) -> None:
    """Render inline nodes into `parent`, a new element, text as written (typography is applied to the
    whole block); `note` renders a note inside the paragraph and returns the element it added (by
    default: in place, marked as an author note)."""
    last: etree._Element | None = None  # the child added last: text goes into its tail, else parent's text
    texts: list[str] = []  # text since then, set at once (lxml reads and writes text slowly)
    for node in inlines:
        if isinstance(node, Text):
            texts.append(node.text)
            continue
        if texts:
            _set_text(parent, last, "".join(texts))
            texts = []
        if isinstance(node, LineBreak):
            last = element("br", parent=parent)
        elif isinstance(node, Span):
            tag, cls = SPAN_TAGS[node.kind]
            last = element(tag, {"class": cls} if cls else None, parent=parent)
            add_inlines(last, node.children, note)
        elif isinstance(node, Link):
            last = element("a", {"href": node.href}, parent=parent)
            add_inlines(last, node.children, note)
        elif isinstance(node, InlineNote):
            if note is not None:
                last = note(parent, node)
            else:
                last = element("span", {"class": "author-note inline-note"}, parent=parent)
                add_inlines(last, node.children)
    if texts:
        _set_text(parent, last, "".join(texts))


def _set_text(parent: etree._Element, last: etree._Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        parent.text = text
    else:
        last.tail = text


_OPAQUE_TAGS = {f"{{{XHTML}}}code", f"{{{XHTML}}}img"}
_BREAK_TAGS = {f"{{{XHTML}}}br"}


def typeset(el: etree._Element, runs: Runs) -> None:
    """Apply typography to all the text inside `el` at once, so that quotes see across inline tags.

    The text runs (element text and tails, in reading order) are handed to `runs` together; inline code
    stands in as one opaque character and a line break as a newline, and neither is changed."""
    slots: list[tuple[etree._Element, bool] | None] = []  # (node, is_tail); None for a stand-in
    texts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            slots.append((node, False))
            texts.append(node.text)
        for child in node:
            if child.tag in _OPAQUE_TAGS or child.tag in _BREAK_TAGS:
                slots.append(None)
                texts.append(OPAQUE if child.tag in _OPAQUE_TAGS else "\n")
            elif isinstance(child.tag, str):
                visit(child)
            if child.tail:
                slots.append((child, True))
                texts.append(child.tail)

    visit(el)
    if not texts:
        return
    for slot, text in zip(slots, runs(texts), strict=True):
        if slot is None:
            continue
        node, is_tail = slot
        if is_tail:
            node.tail = text or None
        else:
            node.text = text or None


def typeset_text(runs: Runs) -> TextFilter:
    """The typography of a single string (a heading, a metadata value)."""
    return lambda text: runs([text])[0]


def story_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks with scene breaks only where they separate story text: none before the first text or
    after the last, and never two in a row (author notes between breaks do not count as text)."""
    out: list[Block] = []
    seen_text = False
    held: int | None = None  # where in `out` a break waits for the text that keeps it
    for block in blocks:
        if isinstance(block, SceneBreak):
            if seen_text and held is None:
                held = len(out)
                out.append(block)
        elif not isinstance(block, AuthorNote):
            seen_text = True
            held = None
            out.append(block)
        else:
            out.append(block)
    if held is not None:  # no text after it
        del out[held]
    return out


class BlockRenderer:
    """Renders model blocks as XHTML elements; images are handed to `add_image` for the manifest."""

    def __init__(
        self,
        runs: Runs,
        add_image: Callable[[Image], str],
        note_label: str = "Author’s note",
        scene_break_label: str = "Scene break",
        language: str = UI_LANGUAGE,
    ) -> None:
        self.runs = runs
        self.fix = typeset_text(runs)
        self.add_image = add_image
        self.note_label = note_label
        self.scene_break_label = scene_break_label
        self.language = language
        self.after_break = False
        self.note_links: dict[int, str] = {}  # id of a note gathered at the end -> where it went

    def blocks(self, parent: etree._Element, blocks: list[Block]) -> None:
        for block in blocks:
            self.block(parent, block)

    def inline_block(
        self, tag: str, attrs: dict[str, str] | None, inlines: list[Inline], parent: etree._Element
    ) -> etree._Element:
        """A block of inline content (paragraph, heading), typeset as a whole."""
        el = element(tag, attrs, parent=parent)
        if len(inlines) == 1 and isinstance(inlines[0], Text):  # most paragraphs: one run, nothing to visit
            el.text = self.runs([inlines[0].text])[0] or None
            return el
        add_inlines(el, inlines, self.inline_note)
        typeset(el, self.runs)
        return el

    def block(self, parent: etree._Element, block: Block) -> None:
        classes: list[str] = []
        if isinstance(block, Paragraph):
            if self.after_break:
                classes.append("after-break")
            if block.align in ("center", "right"):
                classes.append(block.align)
            self.inline_block("p", {"class": " ".join(classes)} if classes else None, block.inlines, parent)
        elif isinstance(block, SceneBreak):
            element("hr", {"class": "scene-break", "aria-label": self.scene_break_label}, parent=parent)
            self.after_break = True
            return
        elif isinstance(block, Heading):
            level = min(max(block.level, 3), 6)
            self.inline_block(f"h{level}", {"class": "section-heading"}, block.inlines, parent)
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
            target = self.note_links.get(id(block))
            if target is None:
                self.note(parent, block)
            else:
                self.note_link(parent, block, target)
            return  # a note does not end the break: the text after it still starts a scene
        self.after_break = False

    def note_label_for(self, note: AuthorNote) -> str:
        return self.fix(note_label_text(note, self.note_label))

    def note(self, parent: etree._Element, note: AuthorNote, note_id: str | None = None) -> etree._Element:
        """An author note in full: labelled, set apart by the stylesheet, never hidden."""
        attrs = {"class": "author-note", "role": "note", "aria-label": self.note_label}
        if note_id:
            attrs["id"] = note_id
        div = element("div", attrs, parent=parent)
        text = self.note_label_for(note)
        label = element("p", {"class": "author-note-label"}, text, parent=div)
        if text == self.fix(self.note_label):
            ui_text(label, self.language)
        saved = self.after_break
        self.after_break = False
        self.blocks(div, note.blocks)
        self.after_break = saved
        return div

    def inline_note(self, parent: etree._Element, note: InlineNote) -> etree._Element:
        """A note inside a paragraph: kept as written and marked, or a link where it went to the end."""
        href = self.note_links.get(id(note))
        if href is None:
            span = element("span", {"class": "author-note inline-note"}, parent=parent)
            add_inlines(span, note.children)
            return span
        attrs = {"class": "note-ref", "href": href, "id": "ref-" + href.split("#")[1]}
        link = element("a", attrs, parent=parent)
        link.text = f"[{self.note_label_for(AuthorNote([], note.label))}]"
        return ui_text(link, self.language)

    def note_link(self, parent: etree._Element, note: AuthorNote, href: str) -> None:
        """Where a note gathered at the end stood: a link to it, which the note links back to."""
        p = element("p", {"class": "note-link"}, parent=parent)
        link = element("a", {"href": href, "id": "ref-" + href.split("#")[1]}, parent=p)
        link.text = self.note_label_for(note)
        ui_text(p, self.language)


def note_label_text(note: AuthorNote, default: str) -> str:
    """The label a note is shown with: the author's own when it says more than "A/N"."""
    label = (note.label or "").strip().strip(":").strip()
    letters = label.replace(".", "").replace("/", "").replace(" ", "").upper().rstrip("0123456789")
    if not label or letters in ("AN", "", "NOTE", "NOTES", "AUTHORNOTE", "AUTHORSNOTE", "AUTHOR'SNOTE"):
        return default
    return label[:1].upper() + label[1:]
