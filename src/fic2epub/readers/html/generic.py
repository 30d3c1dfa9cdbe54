"""Any other page: a story saved from a site fic2epub has no layout for, an export, a fragment.

Site chrome goes first (`<nav>`, banners, menus, link lists, paragraphs that are only a link within
the site).  The story is the smallest element that holds most of the remaining text without leaving a
heading behind; its headings start chapters (a bare number over a name, `<h1>1</h1><h2>Prologue</h2>`,
is one heading), and each chapter's text is shaped like a text file's.

Two kinds of page hold no chapter: a page of author notes (elements classed `author-note`), whose
notes go to the end of the book, and a table of contents, which is left out.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from ...model import AuthorNote, Block, Chapter, Heading, Story, Text, text_of_inlines
from ...parse.rules.chapter_heading import match_heading
from .blocks import NOTE_CLASSES, BlockReader
from .document import classes, drop, strip_non_text, text_of
from .shape import Shaper

CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "toolbar"}
CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "footer", "comments",
    "comment", "reviews", "review", "share", "social", "ads", "advert", "advertisement", "banner", "cookie",
    "cookies", "login", "signup", "pagination", "pager", "related", "widget", "toolbar", "masthead",
}  # fmt: skip
NAV_WORDS = re.compile(
    r"^\W*(?:next|prev(?:ious)?|back|index|home|top|contents|table of contents|chapters?(?: list)?|"
    r"author'?s? notes?|reviews?|[«»<>]+)\b",
    re.IGNORECASE,
)
PLACEHOLDER_NOTE = re.compile(r"^\W*no\s+(?:author'?s?\s+)?notes?\W*$", re.IGNORECASE)
DOMINANT = 0.8  # a child holding this share of the text is where the story is
TEXT_BLOCKS = {"p", "pre", "blockquote", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"}


def read_generic(root: etree._Element, story: Story, reader: BlockReader, title: str | None) -> None:
    """Fill `story` from a page of no known layout."""
    body = root.find("body")
    if body is None:
        body = root
    strip_non_text(body)
    if _is_contents(body):
        story.dropped.append(f"{story.source or 'page'}: a table of contents, left out")
        return
    _strip_chrome(body)
    notes = _note_elements(body)
    if notes and sum(len(text_of(n)) for n in notes) >= 0.6 * max(len(text_of(body)), 1):
        story.back_notes.extend(_notes_page(body, notes, reader))
        return
    container = _story_element(body)
    blocks = reader.read(container)
    shaper = Shaper(story, story.source or "", reader.line)
    sections = _sections(blocks, story)
    if story.title is None and title:
        story.title = title
    carried: list[Block] = []  # notes standing before the first heading open the first chapter
    for number, (chapter, part) in enumerate(sections):
        notes_found, heading, rest = shaper.header(part)
        if heading is not None and chapter.title is None:
            chapter = heading
        elif heading is not None:
            rest = [Heading([Text(heading.title or "")], 3), *rest]
        chapter.blocks.extend([*carried, *notes_found])
        carried = []
        shaper.body(rest, chapter)
        only_notes = all(isinstance(b, AuthorNote) for b in chapter.blocks)
        if chapter.title is None and only_notes and number + 1 < len(sections):
            carried = chapter.blocks
        elif chapter.blocks or chapter.title or number == 0:
            story.chapters.append(chapter)


def _is_contents(body: etree._Element) -> bool:
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        kinds = (el.get("epub:type") or el.get("role") or "").lower().split()
        if ("toc" in kinds or "doc-toc" in kinds) and _link_share(el) >= 0.6:
            return len(text_of(el)) >= 0.6 * len(text_of(body))
    links = sum(1 for _ in body.iter("a"))
    return links >= 5 and _link_share(body) >= 0.7


def _link_share(el: etree._Element) -> float:
    total = len(text_of(el))
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return linked / total if total else 0.0


def _strip_chrome(body: etree._Element) -> None:
    """Remove navigation, banners, menus and link-only paragraphs that point within the site; never an
    element that holds most of the page's text, whatever its name says."""
    total = _weight(body)
    for el in list(body.iter()):
        if not isinstance(el.tag, str) or el is body or el.getparent() is None or classes(el) & NOTE_CLASSES:
            continue
        names = f"{el.get('class', '')} {el.get('id', '')}".strip()
        words = set(re.split(r"[-_\s]+", names.lower())) if names else set()
        role = (el.get("role") or "").lower()
        chrome = el.tag == "nav" or role in CHROME_ROLES or bool(words & CHROME_WORDS)
        if chrome and _weight(el) >= 0.5 * total:
            continue  # the story itself, in a wrapper with an unlucky name
        if chrome or (
            el.tag in ("p", "div", "li", "span", "td") and el.find(".//a") is not None and _is_nav_link(el)
        ):
            drop(el)


def _is_nav_link(el: etree._Element) -> bool:
    """A block that is nothing but a link within the site ("Next chapter", "Back", "Author notes")."""
    text = text_of(el)
    links = list(el.iter("a"))
    if not text or not links or len(text.split()) > 8 or sum(len(text_of(a)) for a in links) < len(text) - 2:
        return False
    href = links[0].get("href") or ""
    inside = not href.startswith(("http://", "https://", "mailto:")) or bool(NAV_WORDS.match(text))
    return inside


def _note_elements(body: etree._Element) -> list[etree._Element]:
    found: list[etree._Element] = []
    for el in body.iter():
        outermost = not any(a in found for a in el.iterancestors())
        if isinstance(el.tag, str) and classes(el) & NOTE_CLASSES and outermost:
            found.append(el)
    return found


def _notes_page(body: etree._Element, notes: list[etree._Element], reader: BlockReader) -> list[AuthorNote]:
    """Each note of a notes page, labelled with the heading over it; "No notes" placeholders skipped."""
    out: list[AuthorNote] = []
    label: str | None = None
    note_ids = {id(n) for n in notes}
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            label = text_of(el) or None
        elif id(el) in note_ids:
            if PLACEHOLDER_NOTE.match(text_of(el)):
                continue
            blocks = reader.read(el)
            if blocks:
                out.append(AuthorNote(blocks, label))
    return out


def _weight(el: etree._Element) -> int:
    """How much text an element holds outside links."""
    return len(text_of(el)) - sum(len(text_of(a)) for a in el.iter("a"))


def _story_element(body: etree._Element) -> etree._Element:
    """The smallest element holding most of the page's text, leaving behind no heading and no other
    prose: losing part of a story is worse than keeping a line of the page around it."""
    el = body
    while True:
        kids = [c for c in el if isinstance(c.tag, str)]
        weights = [_weight(c) for c in kids]
        if not kids or (el.text or "").strip() or any((c.tail or "").strip() for c in kids):
            return el  # text loose at this level (a tail between elements) is story too
        best = kids[weights.index(max(weights))]
        if best.tag in TEXT_BLOCKS or max(weights) < DOMINANT * sum(weights):
            return el
        others = [c for c in kids if c is not best]
        if any(_has_heading(c) or _has_prose(c) for c in others):
            return el
        el = best


def _has_prose(el: etree._Element) -> bool:
    """Whether an element holds story-like text: a few paragraphs, or a long run of words."""
    return _weight(el) >= 300 or sum(1 for p in el.iter("p") if len(text_of(p)) >= 40) >= 2


def _has_heading(el: etree._Element) -> bool:
    return any(_weight(h) > 0 for h in el.iter("h1", "h2", "h3", "h4", "h5", "h6"))


def _sections(blocks: list[Block], story: Story) -> list[tuple[Chapter, list[Block]]]:
    """The blocks cut at the chapter headings: runs of headings, at the level chapters start at."""
    groups: list[tuple[int, int]] = []  # (start, end) of each run of headings
    i = 0
    while i < len(blocks):
        if isinstance(blocks[i], Heading):
            start = i
            while i < len(blocks) and isinstance(blocks[i], Heading):
                i += 1
            groups.append((start, i))
        else:
            i += 1
    if not groups:
        return [(Chapter(), blocks)]
    if _titles_the_story(blocks, groups):
        at = groups[0][0]
        heading = _texts(blocks[at : at + 1])[0]
        if story.title is None:
            story.title = heading
        else:
            story.dropped.append(f"{story.source or 'page'}: a heading over the title, left out: {heading}")
        return _sections(blocks[:at] + blocks[at + 1 :], story)
    levels = [_level(blocks[s]) for s, _ in groups]
    counts = Counter(levels)
    repeated = sorted(level for level, n in counts.items() if n >= 2)
    top = repeated[0] if repeated else min(levels)  # chapters: the shallowest level that repeats
    starts = [(s, e) for (s, e), level in zip(groups, levels, strict=True) if level == top]
    preamble = blocks[: starts[0][0]]
    for (s, e), level in zip(groups, levels, strict=True):
        if s < starts[0][0] and level < top:  # a heading over the chapters names the story
            story.title = story.title or _texts(blocks[s:e])[0]
            preamble = [b for b in preamble if all(b is not h for h in blocks[s:e])]
    sections: list[tuple[Chapter, list[Block]]] = []
    if preamble:
        sections.append((Chapter(), preamble))
    for n, (s, e) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        sections.append((_chapter(_texts(blocks[s:e])), blocks[e:end]))
    return sections


def _titles_the_story(blocks: list[Block], groups: list[tuple[int, int]]) -> bool:
    """Whether the page's first heading is the story's title standing right over its first chapter
    heading (`<h1>Title</h1><h2>Prologue</h2> ... <h2>Chapter One</h2>`): the one heading of its level,
    shallower than every other, and no chapter heading itself.  Left in the run, it would make the run's
    level the chapters' and hide every chapter heading after it."""
    start, end = groups[0]
    if end - start < 2:
        return False  # a heading on its own over the chapters is taken as the title already
    first = _level(blocks[start])
    others = [_level(b) for b in blocks[start + 1 :] if isinstance(b, Heading)]
    text = _texts(blocks[start : start + 1])[0]
    return all(level > first for level in others) and bool(text) and match_heading(text) is None


def _level(block: Block) -> int:
    return block.level if isinstance(block, Heading) else 9


def _texts(blocks: list[Block]) -> list[str]:
    return [" ".join(text_of_inlines(b.inlines).split()) for b in blocks if isinstance(b, Heading)]


def _chapter(texts: list[str]) -> Chapter:
    """One chapter heading from a run of headings: `1` over `Prologue` is number and name."""
    texts = [t for t in texts if t]
    if not texts:
        return Chapter()
    first = match_heading(texts[0])
    if len(texts) >= 2 and first is not None and first.name is None:
        name = texts[1]
        title = name if first.kind == "bare" else f"{texts[0]}: {name}"
        return Chapter(title, [], first.number, name)
    found = match_heading(texts[-1])
    return Chapter(texts[-1], [], found.number if found else None, found.name if found else None)
