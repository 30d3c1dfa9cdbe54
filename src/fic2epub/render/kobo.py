"""Kobo's KEPUB flavour of a page: what Kobo's own reading engine expects to find in a `.kepub.epub`.

* The body's content wrapped in `<div id="book-columns"><div id="book-inner">`, which the engine
  paginates.
* Every sentence in a `<span class="koboSpan" id="kobo.P.S">`, P counting paragraphs and S the sentences
  in each: highlights, bookmarks and reading statistics are anchored to these spans.  Images get a
  span of their own, as Kobo's store books do.

No Python library made for this is kept up (kepubify, the reference tool, is a Go program), so this
is written here with lxml, on the pages fic2epub made itself; the result passes EPUBCheck like any page.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from lxml import etree

from .xhtml import XHTML

if TYPE_CHECKING:
    from .book import RenderedBook

# Where a sentence ends: its closing marks and quotes, then space (or, in CJK text, nothing).
_SENTENCE_END = re.compile(r"[.!?…:;]+[\"'”’)\]»]*\s+|[。！？]+[」』”’）]*\s*")
# Elements that start a new paragraph number; text in them is spanned.
_PARAGRAPHS = {
    f"{{{XHTML}}}{t}" for t in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th")
}
# Elements whose text is left alone.
_UNTOUCHED = {f"{{{XHTML}}}{t}" for t in ("script", "style", "pre", "svg", "math")}
_IMG = f"{{{XHTML}}}img"
_SPAN = f"{{{XHTML}}}span"


def sentences(text: str) -> list[str]:
    """The text cut after each sentence; joined again, the pieces give the text back unchanged."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


class _Spanner:
    def __init__(self) -> None:
        self.paragraph = 0
        self.segment = 0
        self.new_paragraph = False

    def span(self) -> etree._Element:
        if self.new_paragraph:
            self.paragraph += 1
            self.segment = 0
            self.new_paragraph = False
        self.segment += 1
        return etree.Element(_SPAN, {"class": "koboSpan", "id": f"kobo.{self.paragraph}.{self.segment}"})

    def spans(self, text: str | None) -> list[etree._Element]:
        out: list[etree._Element] = []
        for piece in sentences(text or ""):
            if not piece.strip():
                if out:  # space between sentences stays with the sentence before it
                    out[-1].text = (out[-1].text or "") + piece
                continue
            span = self.span()
            span.text = piece
            out.append(span)
        return out

    def visit(self, el: etree._Element) -> None:
        if el.tag in _UNTOUCHED:
            return
        if el.tag in _PARAGRAPHS:
            self.new_paragraph = True
        children = list(el)
        if el.text and el.text.strip():
            for i, span in enumerate(self.spans(el.text)):
                el.insert(i, span)
            el.text = None
        for child in children:
            if child.tag == _IMG:
                self.new_paragraph = True
                wrapper = self.span()
                child.addprevious(wrapper)
                tail, child.tail = child.tail, None
                wrapper.append(child)
                wrapper.tail = tail
                child = wrapper
            elif isinstance(child.tag, str):
                self.visit(child)
            if child.tail and child.tail.strip():
                at = child
                for span in self.spans(child.tail):
                    at.addnext(span)
                    at = span
                child.tail = None


def kepub_page(content: bytes) -> bytes:
    """One XHTML page as Kobo's engine wants it (see the module's docstring)."""
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    body = root.find(f"{{{XHTML}}}body")
    if body is None:
        return content
    columns = etree.Element(f"{{{XHTML}}}div", {"id": "book-columns"})
    inner = etree.SubElement(columns, f"{{{XHTML}}}div", {"id": "book-inner"})
    inner.text, body.text = body.text, None
    for child in list(body):
        inner.append(child)
    body.append(columns)
    _Spanner().visit(inner)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>"))


def kepub_book(book: RenderedBook) -> RenderedBook:
    """The same book with every page in Kobo's form."""
    pages = [replace(doc, content=kepub_page(doc.content)) for doc in book.documents]
    return replace(book, documents=pages)
