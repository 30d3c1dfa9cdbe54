"""Author notes: `AN:`, `A/N:`, `A.N.`, `AN1:`, `Author's Note(s):`, `Author Notes:`, `Notes:`,
`**A/N**`, `(A/N: ...)` and `[A/N: ...]`.

A label with text after it is a note of that one paragraph; a label alone on its
line starts a note that runs until a divider, a heading, an end marker or a
scene-sized gap of blank lines.  A bracketed note runs to its closing bracket.
"""

from __future__ import annotations

import re

from ..state import State
from .chapter_heading import match_heading
from .end_marker import is_end_marker
from .scene_divider import is_divider
from .spacer import is_spacer

LABEL = (
    r"(?:a\s*/\s*n|a\.\s*n\.?|an\s*\d*|author'?s?’?s?\s*notes?|authors?\s+notes?|notes?|"
    r"end\s+notes?|chapter\s+(?:end\s+)?notes?|translator'?s?\s+notes?|t/n|beta'?s?\s+notes?)"
)
NOTE = re.compile(
    rf"^\s*(?:[*_]{{1,2}})?(?P<label>{LABEL})(?:[*_]{{1,2}})?\s*(?::|-|\.|—|–)?\s*(?:[*_]{{1,2}})?"
    rf"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
BRACKETED = re.compile(
    rf"^\s*(?P<open>[(\[])\s*(?P<label>{LABEL})\s*[:.\-—–]?\s*(?P<rest>.*)$", re.IGNORECASE
)


def match_note(line: str) -> tuple[str, str, str | None] | None:
    """(label, text after it, closing bracket or None) if the line starts an author note."""
    if len(line) > 20000:
        return None
    m = BRACKETED.match(line)
    if m:
        return m.group("label"), m.group("rest"), ")" if m.group("open") == "(" else "]"
    m = NOTE.match(line)
    if not m:
        return None
    label, rest = m.group("label"), m.group("rest")
    bare = re.fullmatch(r"an\s*\d*|notes?", label.strip(), re.IGNORECASE)
    if bare and rest and not re.match(r"^\s*(?:[*_]{1,2})?\s*[:.\-—–]", line[m.end("label") :]):
        return None  # "An old man..." and "Notes were passed" are prose
    return label.strip(), rest.strip(), None


def _stops_note(line: str) -> bool:
    return (
        is_divider(line)
        or match_heading(line, allow_bare=False) is not None
        or is_end_marker(line)
        or is_spacer(line)
    )


def author_note(state: State) -> bool:
    found = match_note(state.line)
    if found is None:
        return False
    label, rest, closing = found
    end = state.pos + 1
    if closing:
        # a bracketed note runs to the line that closes it; one never closed is a note of its paragraph
        # only, so that a stray "(A/N:" cannot swallow the story that follows
        end = state.pos
        while end < len(state.lines) and end - state.pos < 200:
            if state.lines[end].rstrip().endswith(closing):
                break
            end += 1
        if end < len(state.lines) and end - state.pos < 200:
            end += 1
        else:
            end = state.pos + 1
            while end < len(state.lines) and state.lines[end].strip() and not _stops_note(state.lines[end]):
                end += 1
    elif not rest:
        # a label alone starts a note that runs until a divider, heading or scene-sized gap
        while end < len(state.lines):
            line = state.lines[end]
            if not line.strip():
                gap_end = end
                while gap_end < len(state.lines) and not state.lines[gap_end].strip():
                    gap_end += 1
                if gap_end >= len(state.lines) or state.profile.is_break_gap(gap_end - end):
                    break
                if _stops_note(state.lines[gap_end]) or match_note(state.lines[gap_end]):
                    break
                end = gap_end
                continue
            if _stops_note(line):
                break
            end += 1
    else:
        while end < len(state.lines) and state.lines[end].strip() and not _stops_note(state.lines[end]):
            end += 1
    state.emit("note", end - state.pos, label=label, bracket=closing)
    return True
