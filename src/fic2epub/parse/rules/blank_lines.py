"""Blank lines: a run of them is a paragraph gap or, when longer than the file's own gap, a scene break."""

from __future__ import annotations

from ..state import State


def blank_lines(state: State) -> bool:
    line = state.line
    if line and not line.isspace():
        return False
    end = state.pos
    while end < len(state.lines) and not state.lines[end].strip():
        end += 1
    count = end - state.pos
    state.emit(
        "blank",
        count,
        blank_lines=count,
        paragraph_gap=state.profile.paragraph_gap,
        scene_break=state.profile.is_break_gap(count),
    )
    return True
