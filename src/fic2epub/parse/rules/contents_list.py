"""A table of contents before the story: dropped, since the EPUB makes its own.

Either a "Contents" / "Table of Contents" / "目次" / "Содержание" line over short entries (any titles,
with page numbers, dot leaders, list marks or links), or, without that line, a run of three or more
chapter headings or numbered entries ("1. A Day of Very Low Probability", "I. A Scandal in Bohemia")
whose first entry comes back further down as the heading of the story's first chapter.  The table ends
where an entry comes back (the story starts) or at a line that is not an entry.  Its entries are kept
in the token (`entries`) and in `state.extra["contents"]`, for rules that want to know the chapter titles.
"""

from __future__ import annotations

import re

from ...lazy import lazy_compile
from ..state import State
from .chapter_heading import match_heading

CONTENTS = lazy_compile(
    r"^\s*[#*_]*\s*(?:table\s+of\s+contents|contents|index|toc|目次|目录|目錄|содержание|оглавление|"
    r"table\s+des\s+matières|índice|inhalt|inhaltsverzeichnis)\s*[:.*_]*\s*$",
    re.IGNORECASE,
)
_LIST_MARK = lazy_compile(r"^\s*(?:[-*+•]\s+|\d{1,3}[.)]\s+|[IVXLC]{1,7}[.)]\s+)")
_ENUMERATED = lazy_compile(r"^\s*(?:\d{1,3}|[IVXLC]{1,7})[.)]\s+\S")
_PAGE = lazy_compile(r"(?:\s*[.·…_ ]{2,}\s*|\s{2,})\d{1,4}\s*$")
_LINK = lazy_compile(r"\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = lazy_compile(r"[,;!?]$|[^.]\.$")
MAX_GAP = 4


def entry_text(line: str) -> str:
    """An entry as its title: without list marks, page numbers, dot leaders, links or emphasis."""
    text = _LINK.sub(r"\1", line.strip())
    text = _PAGE.sub("", text).strip()
    return text.strip("*_#~ ").strip()


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).casefold()


def _bare(text: str) -> str:
    """The title without its number: "1. A Day" gives "a day"."""
    return _fold(_LIST_MARK.sub("", text, count=1))


def _is_entry(line: str, titled: bool) -> bool:
    text = entry_text(line)
    if not text or len(text) > 100 or len(text.split()) > 16:
        return False
    if match_heading(line) is not None or _ENUMERATED.match(line):
        return True
    if not titled:
        return bool(_LIST_MARK.match(line)) and not _SENTENCE_END.search(text)
    return not _SENTENCE_END.search(text) and not text.startswith(('"', "“", "'", "‘"))


def _repeats(line: str, entry: str) -> bool:
    """Whether a line restates an entry: the same words, or the entry's title after other words
    ("ADVENTURE I. A SCANDAL IN BOHEMIA" restates "I. A Scandal in Bohemia")."""
    full, bare = _fold(entry), _bare(entry)
    if len(bare) < 2:
        return False
    folded = _fold(line)
    return folded in (full, bare) or (len(bare) > 6 and folded.endswith(" " + bare))


def _comes_back(lines: list[str], start: int, first: str) -> bool:
    """Whether the first entry comes back later as a line of its own (the first chapter's heading)."""
    return any(
        line.strip() and len(line) < 200 and _repeats(line, first) for line in lines[start : start + 20000]
    )


def contents_list(state: State) -> bool:
    if state.seen_story:
        return False
    line = state.line
    titled = bool(CONTENTS.match(line))
    if not titled and not _is_entry(line, titled=False):
        return False
    i = state.pos + (1 if titled else 0)
    entries: list[str] = []
    seen: set[str] = set()
    last = state.pos
    gap = 0
    while i < len(state.lines):
        current = state.lines[i]
        if not current.strip():
            gap += 1
            if entries and gap > MAX_GAP:
                break
            i += 1
            continue
        if not _is_entry(current, titled):
            break
        text = entry_text(current)
        if entries and (_repeats(text, entries[0]) or _fold(text) in seen or _bare(text) in seen):
            break  # an entry comes back: the story starts here
        entries.append(text)
        seen.update((_fold(text), _bare(text)))
        last, gap = i, 0
        i += 1
    if len(entries) < (2 if titled else 3):
        return False
    if not titled and not _comes_back(state.lines, last + 1, entries[0]):
        return False  # a run of headings with no text between them, not a table
    state.emit("contents", last + 1 - state.pos, entries=entries)
    state.extra["contents"] = entries
    return True
