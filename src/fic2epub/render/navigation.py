"""The book's navigation, written here rather than by ebooklib so that every reader gets it right:
the EPUB 3 navigation document (contents and landmarks) and the EPUB 2 NCX with its play order.

Landmarks use the EPUB 3 names (`titlepage`, `bodymatter`, ...), which ebooklib would take from the
EPUB 2 guide (`title-page`, `text`) unchanged; the NCX lists the pages in spine order, which
Send-to-Kindle checks, and states its real depth."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from lxml import etree

from .pages import toc_list
from .xhtml import element, page, serialize, ui_text

if TYPE_CHECKING:
    from .book import BookMetadata, Document, TocEntry

NCX = "http://www.daisy.org/z3986/2005/ncx/"

LANDMARK_TITLES = {
    "cover": "Cover",
    "titlepage": "Title Page",
    "toc": "Contents",
    "bodymatter": "Start of the Story",
}
# The EPUB 2 guide's names for the same places (Kindle reads the guide).
GUIDE_TYPES = {"cover": "cover", "titlepage": "title-page", "toc": "toc", "bodymatter": "text"}


def landmarks(documents: list[Document]) -> list[tuple[str, str, str]]:
    """(landmark type, href, title) of each document that is a landmark, in reading order, once each."""
    seen: set[str] = set()
    out = []
    for doc in documents:
        if doc.landmark and doc.landmark not in seen:
            seen.add(doc.landmark)
            out.append((doc.landmark, doc.file_name, LANDMARK_TITLES[doc.landmark]))
    return out


def nav_document(meta: BookMetadata, toc: list[TocEntry], documents: list[Document]) -> bytes:
    """The EPUB 3 navigation document: the contents, and the landmarks (hidden: readers show them)."""
    html, body = page("Contents", meta.language, [])
    nav = element("nav", {"epub:type": "toc", "id": "toc", "role": "doc-toc"}, parent=body)
    ui_text(element("h2", text="Contents", parent=nav), meta.language)

    toc_list(nav, toc)
    marks = landmarks(documents)
    if marks:
        nav = element("nav", {"epub:type": "landmarks", "id": "landmarks", "hidden": "hidden"}, parent=body)
        ui_text(element("h2", text="Landmarks", parent=nav), meta.language)
        ol = element("ol", parent=nav)
        for kind, href, title in marks:
            li = element("li", parent=ol)
            ui_text(element("a", {"epub:type": kind, "href": href}, title, parent=li), meta.language)
    return serialize(html)


def _depth(items: list[TocEntry]) -> int:
    return 1 + max((_depth(i.children) for i in items if i.children), default=0) if items else 0


def ncx_document(meta: BookMetadata, toc: list[TocEntry]) -> bytes:
    """The EPUB 2 NCX: the same contents as the navigation document, numbered in reading order."""
    root = etree.Element(f"{{{NCX}}}ncx", {"version": "2005-1"}, nsmap=cast(Any, {None: NCX}))
    root.set("{http://www.w3.org/XML/1998/namespace}lang", meta.language)
    head = etree.SubElement(root, f"{{{NCX}}}head")
    for name, content in (
        ("dtb:uid", meta.identifier),
        ("dtb:depth", str(max(1, _depth(toc)))),
        ("dtb:totalPageCount", "0"),
        ("dtb:maxPageNumber", "0"),
    ):
        etree.SubElement(head, f"{{{NCX}}}meta", {"name": name, "content": content})
    etree.SubElement(etree.SubElement(root, f"{{{NCX}}}docTitle"), f"{{{NCX}}}text").text = meta.title
    for author in meta.authors:
        etree.SubElement(etree.SubElement(root, f"{{{NCX}}}docAuthor"), f"{{{NCX}}}text").text = author
    nav_map = etree.SubElement(root, f"{{{NCX}}}navMap")
    play_order: dict[str, int] = {}  # entries that open the same page share its number
    count = [0]

    def points(parent: etree._Element, items: list[TocEntry]) -> None:
        for item in items:
            count[0] += 1
            number = play_order.setdefault(item.href, len(play_order) + 1)
            point = etree.SubElement(
                parent, f"{{{NCX}}}navPoint", {"id": f"navpoint{count[0]}", "playOrder": str(number)}
            )
            label = etree.SubElement(point, f"{{{NCX}}}navLabel")
            etree.SubElement(label, f"{{{NCX}}}text").text = item.label
            etree.SubElement(point, f"{{{NCX}}}content", {"src": item.href})
            points(point, item.children)

    points(nav_map, toc)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))
