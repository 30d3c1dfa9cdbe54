"""Open an EPUB the strict way a reading system does: every XML document must be well-formed.

Used by the hostile-input and property tests: whatever went in, each document of the book parses
with a strict XML parser (no recovery, no entities resolved, no network), and the story's words
can be read back from the chapter pages.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
_XML_SUFFIXES = (".xhtml", ".html", ".opf", ".ncx", ".xml", ".svg")

# The elements fic2epub itself writes into a page; anything else came from the input's markup.
WRITER_TAGS = {
    "html", "head", "meta", "title", "link", "body", "section", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
    "p", "br", "hr", "div", "span", "em", "strong", "s", "sup", "sub", "code", "a", "img", "ol", "ul",
    "li", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "aside", "small", "header", "footer",
    "cite", "abbr", "b", "i", "u", "q", "table", "thead", "tbody", "tr", "th", "td", "caption", "pre",
}  # fmt: skip


@dataclass
class Book:
    """The parsed XML documents of an EPUB, by name inside the zip."""

    names: list[str]
    documents: dict[str, etree._Element] = field(default_factory=dict)

    def pages(self) -> list[etree._Element]:
        """The XHTML content documents, navigation included."""
        return [root for name, root in self.documents.items() if name.endswith((".xhtml", ".html"))]

    def text(self) -> str:
        """All the text of every page, joined with spaces (what a reader could show)."""
        return " ".join(" ".join(root.itertext()) for root in self.pages())


def open_book(data: bytes) -> Book:
    """Every XML document of the EPUB parsed strictly; raises AssertionError naming the first bad one."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert names and names[0] == "mimetype", f"mimetype is not the first entry: {names[:3]}"
        assert zf.read("mimetype") == b"application/epub+zip"
        assert zf.testzip() is None, "a zip entry is corrupt"
        book = Book(names)
        for name in names:
            if not name.endswith(_XML_SUFFIXES):
                continue
            raw = zf.read(name)
            try:
                book.documents[name] = etree.fromstring(raw, _STRICT)
            except etree.XMLSyntaxError as exc:
                raise AssertionError(f"{name} is not well-formed XML: {exc}") from None
    return book


def foreign_elements(book: Book) -> set[str]:
    """Tags in the pages that fic2epub never writes itself (so they came from the input's markup)."""
    found: set[str] = set()
    for root in book.pages():
        for el in root.iter():
            if not isinstance(el.tag, str):
                found.add("<!-- comment or PI -->")
                continue
            local = el.tag.removeprefix(XHTML)
            if local not in WRITER_TAGS:
                found.add(local)
            for attr in el.attrib:
                if str(attr).lower().startswith("on"):
                    found.add(f"{local}@{attr}")
    return found
