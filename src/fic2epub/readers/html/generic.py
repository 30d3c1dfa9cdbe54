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

from ...model import (
    AuthorNote,
    Block,
    Chapter,
    Heading,
    LineBreak,
    Paragraph,
    Story,
    Text,
    count_words,
    text_of_block,
    text_of_inlines,
)
from ...parse.rules.byline import BYLINE
from ...parse.rules.chapter_heading import match_heading
from .blocks import BlockReader, is_note_element
from .chrome import is_contents, strip_chrome, weight
from .document import classes, inline_class_styles, strip_non_text, text_of
from .shape import Shaper, same_text

PLACEHOLDER_NOTE = re.compile(r"^\W*no\s+(?:author'?s?\s+)?notes?\W*$", re.IGNORECASE)
DOMINANT = 0.8  # a child holding this share of the text is where the story is
TEXT_BLOCKS = {"p", "pre", "blockquote", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"}


def read_generic(root: etree._Element, story: Story, reader: BlockReader, title: str | None) -> None:
    """Fill `story` from a page of no known layout."""
    body = root.find("body")
    if body is None:
        body = root
    marked_author = _marked_author(root)
    inline_class_styles(root)
    strip_non_text(body)
    if is_contents(body):
        story.dropped.append(f"{story.source or 'page'}: a table of contents, left out")
        return
    strip_chrome(body)
    notes = _note_elements(body)
    if notes and sum(len(text_of(n)) for n in notes) >= 0.6 * max(len(text_of(body)), 1):
        story.back_notes.extend(_notes_page(body, notes, reader))
        return
    container = _story_element(body)
    blocks = _heading_paragraphs(_bylines_as_paragraphs(reader.read(container)))
    shaper = Shaper(story, story.source or "", reader.line)
    named = _title_in_page_title(title, blocks)
    if named is not None:
        story.title = named
        blocks = _without_title_headings(blocks, named)
    sections = _sections(blocks, story)
    if story.title is None and title:
        story.title = _site_name_dropped(title, [c.title for c, _ in sections if c.title])
        shaper.weak_title = True  # a `Title:` line in the story's own header says it better
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
    if not story.authors and marked_author:
        story.authors = [marked_author]


def _marked_author(root: etree._Element) -> str | None:
    """The author the page's markup names: `<meta name="author">`, a `rel="author"` link, an
    `itemprop="author"`, a blog's `author vcard`, or the one `data-author` every post of a forum
    thread bears; read before the head and the post's byline line are cleaned away."""
    found: list[str] = []
    posters: set[str] = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "meta" and (el.get("name") or "").lower() == "author":
            found.append(el.get("content") or "")
        elif _marks_author(el):
            found.append(text_of(el))
        elif el.tag == "article" and el.get("data-author"):
            posters.add(el.get("data-author") or "")
    if len(posters) == 1:
        found.append(posters.pop())
    for name in found:
        name = " ".join(name.split())
        if name and len(name.split()) <= 6 and len(name) <= 60:
            return name
    return None


PAGE_TITLE_PARTS = re.compile(r"\s+(?:[|\-–—•»·:]{1,2})\s+|\s*\|\s*")
PAGE_NUMBER = re.compile(r"^(?:page|part|p\.)\s*\d+$", re.IGNORECASE)


def _title_parts(title: str) -> list[str]:
    return [p.strip() for p in PAGE_TITLE_PARTS.split(title) if p.strip()]


def _title_in_page_title(title: str | None, blocks: list[Block]) -> str | None:
    """The story's title where a heading of the page that is no chapter heading is also a part of the
    page's `<title>` ("Story - Chapter 3 - Site" over `<h1>Story</h1>`): sites put the story's name in
    both, the chapter's name and their own in only one."""
    if not title:
        return None
    parts = [p.casefold() for p in _title_parts(title)]
    if len(parts) < 2:
        return None
    for text in _texts([b for b in blocks if isinstance(b, Heading)]):
        folded = text.casefold()
        if len(text) < 3 or match_heading(text) is not None:
            continue
        if any(p == folded or (p.startswith(folded) and p[len(folded)] in " (") for p in parts):
            return text
    return None


def _without_title_headings(blocks: list[Block], title: str) -> list[Block]:
    """The blocks without the headings that only repeat the story's title, above its first prose."""
    out: list[Block] = []
    for n, block in enumerate(blocks):
        if isinstance(block, Paragraph) and count_words(text_of_block(block)) >= 20:
            return out + blocks[n:]
        if not (isinstance(block, Heading) and same_text(_texts([block])[0], title)):
            out.append(block)
    return out


def _site_name_dropped(title: str, chapter_titles: list[str]) -> str:
    """The page's `<title>` without the chapter's name, a page number and the site's name after the
    story's ("Story | Page 3 | Site"), as far as they can be told apart."""
    rest = title
    for chapter in chapter_titles[:1]:
        folded = rest.casefold()
        if folded.startswith(chapter.casefold()):
            rest = rest[len(chapter) :]
        elif folded.endswith(chapter.casefold()):
            rest = rest[: len(rest) - len(chapter)]
    parts = [p for p in _title_parts(rest) if not PAGE_NUMBER.match(p) and match_heading(p) is None]
    if len(parts) >= 2:
        parts = parts[:-1]
    return " - ".join(parts) if parts else title


def _heading_paragraphs(blocks: list[Block]) -> list[Block]:
    """On a page with no heading elements (an export from a word processor), a paragraph that is only a
    chapter heading ("Chapter Two", "Chapter 3: The Well") starts a chapter, as its line would in text."""
    if any(isinstance(b, Heading) for b in blocks):
        return blocks
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and not any(isinstance(n, LineBreak) for n in block.inlines):
            text = " ".join(text_of_inlines(block.inlines).split())
            found = match_heading(text, allow_bare=False) if len(text.split()) <= 12 else None
            if found is not None and found.kind in ("numbered", "named"):
                block = Heading(block.inlines, 2)
        out.append(block)
    return out


def _bylines_as_paragraphs(blocks: list[Block]) -> list[Block]:
    """A heading that is only a byline ("by Name") is no chapter: it is read as the byline it is."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            byline = BYLINE.match(_texts([block])[0])
            if byline and len(byline.group("name").split()) <= 6:
                block = Paragraph(block.inlines)
        out.append(block)
    return out


def _marks_author(el: etree._Element) -> bool:
    rel = (el.get("rel") or "").lower().split()
    return "author" in rel or el.get("itemprop") == "author" or {"author", "vcard"} <= classes(el)


def _note_elements(body: etree._Element) -> list[etree._Element]:
    found: list[etree._Element] = []
    for el in body.iter():
        outermost = not any(a in found for a in el.iterancestors())
        if isinstance(el.tag, str) and is_note_element(el) and outermost:
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


def _story_element(body: etree._Element) -> etree._Element:
    """The smallest element holding most of the page's text, leaving behind no heading and no other
    prose: losing part of a story is worse than keeping a line of the page around it."""
    el = body
    while True:
        kids = [c for c in el if isinstance(c.tag, str)]
        weights = [weight(c) for c in kids]
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
    return weight(el) >= 300 or sum(1 for p in el.iter("p") if len(text_of(p)) >= 40) >= 2


def _has_heading(el: etree._Element) -> bool:
    return any(weight(h) > 0 for h in el.iter("h1", "h2", "h3", "h4", "h5", "h6"))


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
