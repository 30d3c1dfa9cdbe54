"""A chapter page of FanFiction.Net (or FictionPress) as the browser saved it.

The story header is `#profile_top`: the title in bold, "By:" and the author's link, the summary, and
one grey line "Rated: Fiction T - English - Adventure - Naruto U. - Chapters: 151 - Words: ... -
id: 7347955", split into fields just as a text file's copy of it is (`parse.ffnet_stats`).  The fandom
is the last link of the breadcrumb `#pre_story_links`; the chapter's name is the selected entry of the
chapter menu (`1. Prologue`).  The text is `#storytext`: the author's own header, notes and
heading inside it are shaped like a text file's (see `shape`).  Menus, buttons, reviews and scripts
around it are never read.
"""

from __future__ import annotations

import re

from lxml import etree

from ...model import Chapter, MetadataField, Story
from ...parse.ffnet_stats import split_stats
from .blocks import BlockReader
from .document import find_id, strip_non_text, text_of
from .shape import Shaper

_OPTION_NUMBER = re.compile(r"^\s*\d+\s*[.)]\s*")
# "Ember Road Chapter 1: The Ash Gate, an avatar fanfic | FanFiction"; one-shots have no chapter part
_PAGE_TITLE = re.compile(
    r"^(?P<title>.+?)(?: Chapter (?P<number>\d+)(?::\s*(?P<name>.+?))?)?, an? .+ \| "
    r"(?:FanFiction|FictionPress)"
)


def _story_text(root: etree._Element) -> etree._Element | None:
    """The chapter's text: `#storytext` on the full site, `#storycontent` on the mobile one."""
    found = find_id(root, "storytext")
    return found if found is not None else find_id(root, "storycontent")


def is_ffnet(root: etree._Element, page_title: str | None) -> bool:
    if _story_text(root) is None:
        return False
    site_title = bool(page_title and re.search(r"\| (?:FanFiction|FictionPress)\s*$", page_title))
    return site_title or find_id(root, "profile_top") is not None or find_id(root, "chap_select") is not None


def read_ffnet(root: etree._Element, story: Story, reader: BlockReader, page_title: str | None) -> None:
    """Fill `story` from a FanFiction.Net chapter page."""
    header = find_id(root, "profile_top")
    text = _story_text(root)
    assert text is not None
    if header is not None:
        _header(header, story)
    else:  # the mobile site or an old page: the author is the first profile link outside the text
        inside = set(text.iter())
        author = next((a for a in root.iter("a") if "/u/" in (a.get("href") or "") and a not in inside), None)
        if author is not None and text_of(author):
            story.authors = [text_of(author)]
    links = find_id(root, "pre_story_links")
    fandom = [text_of(a) for a in links.iter("a")] if links is not None else []
    if fandom and fandom[-1]:
        story.metadata.insert(0, MetadataField("Fandom", fandom[-1]))
    chapter_name, number = _selected_chapter(root)
    if page_title and (chapter_name is None or story.title is None):
        m = _PAGE_TITLE.match(page_title)
        if m:
            story.title = story.title or m.group("title")
            chapter_name = chapter_name or m.group("name")
    strip_non_text(text)
    shaper = Shaper(story, story.source or "", reader.line)
    blocks = reader.read(text)
    notes, chapter, rest = shaper.header(blocks)
    if chapter is None:
        chapter = Chapter(chapter_name, [], number, chapter_name)
    chapter.blocks.extend(notes)
    story.chapters.append(shaper.body(rest, chapter))


def _header(header: etree._Element, story: Story) -> None:
    bold = next((b for b in header.iter("b")), None)
    if bold is not None and text_of(bold):
        story.title = text_of(bold)
    for a in header.iter("a"):
        if "/u/" in (a.get("href") or "") and text_of(a):
            story.authors = [text_of(a)]
            break
    summary = next(
        (d for d in header if d.tag == "div" and text_of(d) and "xcontrast_txt" in d.get("class", "")), None
    )
    grey = next((s for s in header.iter("span") if "xgray" in s.get("class", "")), None)
    if grey is not None:
        story.metadata.extend(MetadataField(label, value) for label, value in split_stats(text_of(grey)))
    if summary is not None:
        story.metadata.append(MetadataField("Summary", text_of(summary)))


def _selected_chapter(root: etree._Element) -> tuple[str | None, str | None]:
    """The chapter's name and number from the chapter menu (the selected entry, else the first)."""
    menu = find_id(root, "chap_select")
    if menu is None:
        return None, None
    options = [o for o in menu.iter("option")]
    chosen = next((o for o in options if o.get("selected") is not None), options[0] if options else None)
    if chosen is None:
        return None, None
    text = text_of(chosen)
    number = chosen.get("value")
    return _OPTION_NUMBER.sub("", text) or None, f"Chapter {number}" if number else None
