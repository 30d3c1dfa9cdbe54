"""Archive of Our Own works: the HTML download and a saved work page.

The download has three parts: `#preface` (the `dl.tags` list of Rating, Archive Warning(s),
Category/Categories, Fandom(s), Relationship(s), Character(s), Additional Tags, Language, Series,
Collections, Stats; then the title, the byline, and "Summary" and "Notes" each a label paragraph over
a `blockquote.userstuff`), `#chapters` (per chapter a `div.meta` with the `h2.heading` and its
"Chapter Summary" / "Chapter Notes", the text in `div.userstuff`, then "Chapter End Notes") and
`#afterword` ("End Notes").  A saved work page has the same parts as `dl.work.meta`, the preface
modules of `#workskin`, `div.chapter` elements and the afterword modules.

Tags go to metadata (and so to `dc:subject`), "Part 7 of X" to the series, summaries to the summary,
every note (AO3's own "See the end of the work for notes" pointers left out) to an author note.
"""

from __future__ import annotations

import re

from lxml import etree

from ...model import AuthorNote, Block, Chapter, MetadataField, Series, Story, canonical_key
from ...parse.rules.chapter_heading import match_heading
from .blocks import BlockReader
from .document import classes, drop, find_class, find_id, line_of, strip_non_text, text_of
from .shape import Shaper

_SERIES = re.compile(r"Part\s+(?P<part>\d+)\s+of\s+(?P<name>.+?)(?=\s*,?\s*Part\s+\d+\s+of\s|$)")
_STAT = re.compile(r"(?P<label>[A-Z][A-Za-z ]*?):\s*(?P<value>[^\s:]+)")
# AO3's own pointers to notes elsewhere, never the author's words
_POINTER_CLASSES = {"endnote-link", "jump", "landmark", "toc-heading"}


def is_ao3_download(root: etree._Element) -> bool:
    preface = find_id(root, "preface")
    return preface is not None and find_id(root, "chapters") is not None and bool(find_class(preface, "tags"))


def is_ao3_page(root: etree._Element) -> bool:
    return find_id(root, "workskin") is not None or (
        bool(find_class(root, "work", "meta", tag="dl")) and find_id(root, "chapters") is not None
    )


class _Work:
    """What both layouts share: the tags list, label/quote pairs, chapters and their notes."""

    def __init__(self, story: Story, reader: BlockReader) -> None:
        self.story = story
        self.reader = reader
        self.shaper = Shaper(story, story.source or "", reader.line)

    def tags(self, dl: etree._Element) -> None:
        for label, dd in _pairs(dl):
            key = canonical_key(label)
            if key == "stats":
                inner = next(iter(dd.iter("dl")), None)
                if inner is not None:
                    for stat, figure in _pairs(inner):
                        self.field(stat, text_of(figure))
                else:
                    for m in _STAT.finditer(text_of(dd)):
                        self.field(m.group("label"), m.group("value"))
            elif key == "series":
                parts = [text_of(s) for s in find_class(dd, "position")] or [text_of(dd)]
                series = ", ".join(p for p in parts if p)
                self.field(label, series)
                first = _SERIES.search(series)
                if first and self.story.series is None:
                    self.story.series = Series(first.group("name").strip(), float(first.group("part")))
            else:
                items = [text_of(li) for li in dd.iter("li")]
                self.field(label, ", ".join(i for i in items if i) if items else text_of(dd))

    def field(self, label: str, value: str) -> None:
        label = label.strip().rstrip(":").strip()
        if label and value:
            self.story.metadata.append(MetadataField(label, value))

    def byline(self, el: etree._Element) -> None:
        names = [text_of(a) for a in el.iter("a") if a.get("rel") == "author"]
        if not names:
            text = text_of(el)
            names = [text[3:] if text.casefold().startswith("by ") else text]
        self.story.authors = [n for n in names if n]

    def summary(self, quote: etree._Element) -> None:
        paragraphs = [text_of(p) for p in quote if isinstance(p.tag, str)] or [text_of(quote)]
        value = "\n\n".join(p for p in paragraphs if p)
        if value:
            self.story.metadata.append(MetadataField("Summary", value))

    def note(self, el: etree._Element, label: str) -> AuthorNote | None:
        _strip_pointers(el)
        quotes = [q for q in el.iter("blockquote") if "userstuff" in classes(q)]
        blocks = self.reader.read_many(quotes) if quotes else self.reader.read(el)
        if not blocks:
            return None
        self.shaper.note("ao3", "author note", None, label, line_of(el))
        return AuthorNote(blocks, label)

    def chapter(self, title: str | None, el: etree._Element | None = None) -> Chapter:
        """A new chapter of the work, its heading split into number and name where it has both."""
        found = match_heading(title) if title else None
        chapter = Chapter(title or None, [], found.number if found else None, found.name if found else None)
        self.story.chapters.append(chapter)
        if title:
            self.shaper.note("ao3", "chapter heading", None, title, line_of(el) if el is not None else 0)
        return chapter

    def text(self, el: etree._Element, chapter: Chapter) -> None:
        _strip_pointers(el)
        self.shaper.body(self.reader.read(el), chapter)


def read_ao3_download(root: etree._Element, story: Story, reader: BlockReader) -> None:
    """Fill `story` from an AO3 HTML download."""
    work = _Work(story, reader)
    preface = find_id(root, "preface")
    assert preface is not None
    strip_non_text(root)
    for dl in find_class(preface, "tags", tag="dl"):
        work.tags(dl)
    h1 = next(iter(preface.iter("h1")), None)
    if h1 is not None:
        story.title = text_of(h1)
    else:
        message = next(iter(preface.iter("b")), None)
        story.title = text_of(message) if message is not None else None
    for byline in find_class(preface, "byline"):
        work.byline(byline)
        break
    for label, quote in _labelled(preface):
        if "summary" in label:
            work.summary(quote)
        else:
            note = work.note(quote, _label(label))
            if note:
                story.front_notes.append(note)
    chapters = find_id(root, "chapters")
    assert chapters is not None
    _download_chapters(chapters, work)
    afterword = find_id(root, "afterword")
    if afterword is not None:
        for label, quote in _labelled(afterword):
            note = work.note(quote, _label(label))
            if note:
                story.back_notes.append(note)


def _download_chapters(chapters: etree._Element, work: _Work) -> None:
    current: Chapter | None = None
    pending: list[Block] = []  # notes met before the chapter's text

    def walk(container: etree._Element) -> None:
        nonlocal current
        for child in container:
            if not isinstance(child.tag, str) or classes(child) & _POINTER_CLASSES:
                continue
            names = classes(child)
            if child.tag == "h2" and "heading" in names:
                current = work.chapter(text_of(child), child)
            elif "meta" in names:
                walk_meta(child)
            elif "userstuff" in names:
                if current is None or (current.blocks and _has_text(current)):
                    current = work.chapter(None)
                current.blocks.extend(pending)
                pending.clear()
                work.text(child, current)
            else:
                walk(child)

    def walk_meta(meta: etree._Element) -> None:
        nonlocal current
        for child in meta:
            if isinstance(child.tag, str) and child.tag == "h2" and "heading" in classes(child):
                current = work.chapter(text_of(child), child)
        for label, quote in _labelled(meta):
            note = work.note(quote, _label(label))
            if note is None:
                continue
            if current is not None and ("end" in label or _has_text(current)):
                current.blocks.append(note)
            else:
                pending.append(note)

    parts = [c for c in chapters if isinstance(c.tag, str) and classes(c) & {"userstuff", "meta"}]
    if parts:
        walk(chapters)
    else:  # an old one-shot download: the text stands right inside #chapters
        work.text(chapters, work.chapter(None))


def read_ao3_page(root: etree._Element, story: Story, reader: BlockReader) -> None:
    """Fill `story` from a saved AO3 work page (one chapter, or the entire work)."""
    work = _Work(story, reader)
    strip_non_text(root)
    for dl in find_class(root, "work", "meta", tag="dl"):
        work.tags(dl)
        break
    skin = find_id(root, "workskin")
    if skin is None:
        skin = root
    preface = next(iter(find_class(skin, "preface", "group")), None)
    if preface is not None:
        for title in find_class(preface, "title", "heading"):
            story.title = text_of(title)
            break
        for byline in find_class(preface, "byline"):
            work.byline(byline)
            break
        for module in find_class(preface, "summary", "module"):
            for quote in find_class(module, "userstuff", tag="blockquote"):
                work.summary(quote)
        for module in find_class(preface, "notes", "module"):
            note = work.note(module, "Notes")
            if note:
                story.front_notes.append(note)
    chapters = find_id(skin, "chapters")
    if chapters is not None:
        parts = [c for c in chapters if isinstance(c.tag, str) and "chapter" in classes(c)]
        if parts:
            for part in parts:
                _page_chapter(part, work)
        else:
            for text in find_class(chapters, "userstuff"):
                work.text(text, work.chapter(None))
                break
    for afterword in find_class(skin, "afterword"):
        for module in find_class(afterword, "end", "notes"):
            note = work.note(module, "End Notes")
            if note:
                story.back_notes.append(note)


def _page_chapter(part: etree._Element, work: _Work) -> None:
    prefaces = [c for c in part if isinstance(c.tag, str) and {"chapter", "preface"} <= classes(c)]
    title_el = next((t for p in prefaces[:1] for t in find_class(p, "title")), None)
    chapter = work.chapter(text_of(title_el) if title_el is not None else None, title_el)
    for preface in prefaces[:1]:
        _chapter_notes(preface, chapter, work)
    for text in (c for c in part if isinstance(c.tag, str) and "userstuff" in classes(c)):
        work.text(text, chapter)
    for preface in prefaces[1:]:
        _chapter_notes(preface, chapter, work)


def _chapter_notes(preface: etree._Element, chapter: Chapter, work: _Work) -> None:
    for module in find_class(preface, "module"):
        names = classes(module)
        if "end" in names:
            label = "Chapter End Notes"
        else:
            label = "Chapter Summary" if "summary" in names else "Chapter Notes"
        note = work.note(module, label)
        if note:
            chapter.blocks.append(note)


def _has_text(chapter: Chapter) -> bool:
    return any(not isinstance(b, AuthorNote) for b in chapter.blocks)


def _pairs(dl: etree._Element) -> list[tuple[str, etree._Element]]:
    """The (label, dd) pairs of a definition list, labels without their colon."""
    out: list[tuple[str, etree._Element]] = []
    label: str | None = None
    for child in dl:
        if child.tag == "dt":
            label = text_of(child).rstrip(":").strip()
        elif child.tag == "dd" and label:
            out.append((label, child))
            label = None
    return out


def _labelled(container: etree._Element) -> list[tuple[str, etree._Element]]:
    """(label, blockquote) for each "Summary" / "Notes" / "Chapter End Notes" paragraph over its quote,
    labels lowercased and without their colon, in the order they stand."""
    out: list[tuple[str, etree._Element]] = []
    label: str | None = None
    for el in container.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("p", "h3", "h4") and not classes(el) & _POINTER_CLASSES:
            text = text_of(el)
            label = text.rstrip(":").strip().casefold() if 0 < len(text) <= 40 else None
        elif el.tag == "blockquote" and "userstuff" in classes(el) and label:
            out.append((label, el))
            label = None
    return out


def _label(label: str) -> str:
    return " ".join(w.capitalize() for w in label.split())


def _strip_pointers(el: etree._Element) -> None:
    for child in list(el.iter()):
        if isinstance(child.tag, str) and classes(child) & _POINTER_CLASSES:
            drop(child)
        elif isinstance(child.tag, str) and child.tag in ("h3", "h4") and "heading" in classes(child):
            drop(child)  # a module's own "Notes:" heading: the note's label says it
