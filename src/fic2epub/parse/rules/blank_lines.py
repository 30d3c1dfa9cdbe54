"""Blank lines: a run of them is a paragraph gap or, when longer than the file's own gap, a scene break."""

from __future__ import annotations

from ..state import State


def blank_lines(state: State) -> bool:
    lines, start = state.lines, state.pos
    line = lines[start]
    if line and not line.isspace():
        return False
    end, last = start + 1, len(lines)
    while end < last and not lines[end].strip():
        end += 1
    count = end - start
    profile = state.profile
    state.emit(
        "blank",
        count,
        blank_lines=count,
        paragraph_gap=profile.paragraph_gap,
        scene_break=profile.is_break_gap(count),
    )
    return True
