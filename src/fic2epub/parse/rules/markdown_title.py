"""Markdown titles: a `# Title` (or a Setext `Title` over `=====`) at the top of a file is the story's
title, not a chapter heading, when the file's structure says so: it is the only level-one heading,
and it does not read as a chapter ("# Chapter 1: Liar", "# Prologue").  Chapters then start at the
deeper headings (`## Chapter One`), or the file is a one-shot with no headings at all.
"""

from __future__ import annotations

from ...lazy import lazy_compile
from ..state import State
from .chapter_heading import match_heading
from .title_line import clean, is_title_part

ATX = lazy_compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
SETEXT = lazy_compile(r"^\s{0,3}=+\s*$")
_FENCE = lazy_compile(r"^\s{0,3}(```|~~~)")


def _level_one_count(lines: list[str]) -> int:
    """How many level-one headings the file has, outside code fences."""
    count, fenced = 0, False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        m = ATX.match(line)
        setext = SETEXT.match(line) and i > 0 and lines[i - 1].strip()
        if (m and len(m.group("hashes")) == 1) or setext:
            count += 1
    return count


def _top(state: State) -> bool:
    """Whether only blank lines, dropped text and front matter came before (remembered once not so)."""
    if state.extra.get("past_markdown_top"):
        return False
    top = all(t.kind in ("blank", "dropped", "skip") or t.rule == "front_matter" for t in state.tokens)
    state.extra["past_markdown_top"] = not top
    return top


def past_markdown_top(state: State) -> bool:
    return not _top(state)


def markdown_title(state: State) -> bool:
    if not _top(state):
        return False
    line = state.line
    m = ATX.match(line)
    count = 1
    if m and len(m.group("hashes")) == 1:
        text = clean(m.group("text"))
    elif line.strip() and state.peek() is not None and SETEXT.match(state.peek() or ""):
        text, count = clean(line), 2
    else:
        return False
    if not text:
        return False
    if state.title is not None:
        if not is_title_part(text, state.title):
            return False
        state.emit("title", count, repeat=True, title=text)
        return True
    heading = match_heading(text)
    if heading is not None and heading.kind != "markdown":
        return False  # "# Chapter 1: Liar" starts a chapter
    if _level_one_count(state.lines) != 1:
        return False
    state.title = text
    state.emit("title", count, repeat=False, title=text)
    return True
