"""Paragraphs: whatever no other rule claimed.  A block of lines is split the way the file is laid out:
hard-wrapped text is unwrapped (a new paragraph at an indented line), long lines are one paragraph each,
and short lines that belong together (a poem, a letter, text messages) stay one paragraph of lines."""

from __future__ import annotations

from ..profile import Profile
from ..state import State
from .chapter_heading import match_heading
from .html_block import is_html_block
from .scene_divider import is_divider

_INDENT = (" ", "\t", "\u3000")


def split_block(lines: list[str], profile: Profile) -> list[tuple[int, str]]:
    """(offset of first line, text) for each paragraph of a block; newlines in text are kept line breaks."""
    if len(lines) == 1:
        return [(0, lines[0].strip())]
    if profile.wrapped:
        out: list[tuple[int, list[str]]] = []
        for i, line in enumerate(lines):
            starts = not out or (
                profile.indented and line.startswith(_INDENT) and not lines[i - 1].startswith(_INDENT)
            )
            short_prev = bool(out) and len(lines[i - 1].rstrip()) < profile.wrap_width * 0.5
            if starts or (short_prev and line.startswith(_INDENT)):
                out.append((i, []))
            out[-1][1].append(line.strip())
        return [(i, " ".join(part)) for i, part in out]
    if profile.indented and sum(line.startswith(_INDENT) for line in lines) > 1:
        grouped: list[tuple[int, list[str]]] = []
        for i, line in enumerate(lines):
            if not grouped or line.startswith(_INDENT):
                grouped.append((i, []))
            grouped[-1][1].append(line.strip())
        return [(i, " ".join(part)) for i, part in grouped]
    short = max(40, int(profile.long_line * 0.6))
    if profile.paragraph_gap == 0 or any(len(line.strip()) > short for line in lines):
        return [(i, line.strip()) for i, line in enumerate(lines)]
    return [(0, "\n".join(line.strip() for line in lines))]


def paragraph(state: State) -> bool:
    start = end = state.pos
    while end < len(state.lines) and state.lines[end].strip():
        if end > start and (
            is_divider(state.lines[end])
            or match_heading(state.lines[end], allow_bare=False)
            or is_html_block(state.lines[end])
        ):
            break
        end += 1
    block = state.lines[start:end]
    for offset, text in split_block(block, state.profile):
        state.pos = start + offset
        token = state.emit("paragraph", 0, text=text)
        token.lines = [text]
    state.pos = end
    state.in_header = False
    return True
