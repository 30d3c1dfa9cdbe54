"""Title scan: before the first line is read, the lines above the first chapter heading are searched for
the story's title written over its byline (`**Title**` / `**By Author**`), so that it is known from the
start: rules that read ahead, such as a note running over several bold paragraphs, stop at it.

It recognises no line itself; `title_line` reads the title block when the cursor reaches it.
"""

from __future__ import annotations

from ..state import State
from .byline import match_byline
from .chapter_heading import match_heading
from .header_field import split_field
from .title_line import clean, looks_like_title

SCAN_LINES = 400


def find_title_block(lines: list[str]) -> str | None:
    """The title of a title-over-byline block above the first chapter heading, if there is one."""
    for i in range(min(len(lines), SCAN_LINES)):
        line = lines[i]
        if not line.strip():
            continue
        if match_heading(line) is not None:
            return None
        parsed = split_field(line)
        if parsed is not None and parsed[0].casefold() == "title":
            return None  # the header names it
        if not looks_like_title(line):
            continue
        nxt = i + 1
        while nxt < len(lines) and nxt - i <= 2 and not lines[nxt].strip():
            nxt += 1
        if nxt < len(lines) and nxt - i <= 2 and match_byline(lines, nxt) is not None:
            return clean(line)
    return None


def scanned(state: State) -> bool:
    return "title_scanned" in state.extra


def title_scan(state: State) -> bool:
    if "title_scanned" not in state.extra:
        state.extra["title_scanned"] = True
        if state.title is None:
            state.title = find_title_block(state.lines)
            if state.title is not None:
                state.extra["title_from_scan"] = True
    return False
