"""A table of contents at the top of a file: "Contents" or a run of chapter headings with no text
between them.  It is dropped: the EPUB makes its own."""

from __future__ import annotations

import re

from ..state import State
from .chapter_heading import match_heading

CONTENTS = re.compile(
    r"^\s*[#*_]*\s*(?:table\s+of\s+contents|contents|index|toc|目次|目录|目錄|содержание)\s*[:*_]*\s*$",
    re.IGNORECASE,
)


def contents_list(state: State) -> bool:
    if state.seen_story:
        return False
    titled = bool(CONTENTS.match(state.line))
    if not titled and match_heading(state.line) is None:
        return False
    end = state.pos + (1 if titled else 0)
    headings = 0
    while end < len(state.lines):
        line = state.lines[end]
        if line.strip():
            if match_heading(line) is None and not re.match(r"^\s*[-*+]\s|^\s*\d+[.)]\s", line):
                break
            headings += 1
        end += 1
    if headings < (2 if titled else 3):
        return False
    # a list of headings is a table of contents only when the text that follows repeats them
    while end > state.pos and not state.lines[end - 1].strip():
        end -= 1
    state.emit("contents", end - state.pos, entries=headings)
    return True
