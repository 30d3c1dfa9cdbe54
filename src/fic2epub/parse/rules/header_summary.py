"""Unlabelled summaries: a paragraph under the title, before the first chapter heading, with nothing
but header fields between it and that heading, is the story's summary ("Title / its blurb / Chapter 1").

It must read as prose (a few words ending in a full stop), not as dialogue or an epigraph, and the
story must start at a heading: without one, the paragraph is the story's first.
"""

from __future__ import annotations

from ...lazy import lazy_compile
from ..state import State
from .chapter_heading import match_heading
from .header_field import read_field
from .scene_divider import is_divider

_PROSE_END = lazy_compile(r"[.!?…][\"'”’)]*$")
_OPENING = lazy_compile(r"^\s*[\"“‘'«\-—(\[*_>]")
MAX_LENGTH = 1500


def header_summary(state: State) -> bool:
    if not state.in_header or state.title is None:
        return False
    if any(t.kind == "field" and t.data.get("key") == "summary" for t in state.tokens):
        return False
    start = state.pos
    last = state.last("blank")
    under_byline = last is not None and last.kind in ("byline", "field")
    if start > 0 and state.lines[start - 1].strip() and not under_byline:
        return False  # it starts a block, or follows the byline directly (FanFiction.Net's header)
    if any(t.kind in ("heading", "paragraph", "note") for t in state.tokens):
        return False
    end = start
    while end < len(state.lines) and state.lines[end].strip() and read_field(state.lines, end) is None:
        end += 1
    text = " ".join(line.strip() for line in state.lines[start:end])
    if len(text) > MAX_LENGTH or len(text.split()) < 6 or _OPENING.match(text) or not _PROSE_END.search(text):
        return False
    # the next thing after it, past blank lines and header fields, must be a chapter heading
    i = end
    while i < len(state.lines):
        line = state.lines[i]
        if not line.strip():
            i += 1
            continue
        found = read_field(state.lines, i)
        if found is not None:
            i = found.end
            continue
        break
    if i >= len(state.lines) or is_divider(state.lines[i]):
        return False
    fields_follow = any(read_field(state.lines, j) is not None for j in range(end, i))
    if match_heading(state.lines[i], allow_bare=False) is None and not fields_follow:
        return False
    state.emit("field", end - start, label="Summary", value=text, key="summary")
    return True
