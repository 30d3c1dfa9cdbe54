"""Paragraphs: whatever no other rule claimed.  A block of lines is split the way the file is laid out:

- Markdown: the lines of a block are one paragraph; a line ending in a backslash or two spaces breaks;
- hard-wrapped text (a book transcribed at ~70 columns) is unwrapped: a full line runs on into the next,
  a short one ends its line (verse, a letter's address), an indented line starts a new paragraph when
  paragraphs are marked by indentation;
- indented first lines with no blank lines between paragraphs: each indented line starts a paragraph;
- otherwise long lines are one paragraph each, and short lines that belong together (a poem, lyrics, a
  letter, text messages) stay one paragraph of lines.
"""

from __future__ import annotations

from ..profile import Profile
from ..state import State
from .chapter_heading import match_heading
from .html_block import is_html_block
from .scene_divider import closes_emphasis, is_divider

_INDENT = (" ", "\t", "\u3000")
FULL_LINE = 0.6  # a wrapped line at least this share of the wrap width ran on into the next


def _markdown_block(lines: list[str]) -> list[tuple[int, str]]:
    parts: list[str] = []
    for i, line in enumerate(lines):
        hard = line.endswith(("  ", "\\")) and i + 1 < len(lines)
        text = line.strip().removesuffix("\\").rstrip() if hard else line.strip()
        parts.append(text + ("\n" if hard else " "))
    return [(0, "".join(parts).strip())]


def _unwrap(lines: list[str], profile: Profile) -> list[tuple[int, str]]:
    out: list[tuple[int, list[str]]] = []
    for i, line in enumerate(lines):
        indented = line.startswith(_INDENT)
        previous = lines[i - 1] if i else ""
        starts = not out or (profile.indented and indented and not previous.startswith(_INDENT))
        if starts:
            out.append((i, []))
        elif len(previous.rstrip()) >= profile.wrap_width * FULL_LINE:
            out[-1][1].append(" ")
        else:
            out[-1][1].append("\n")
        out[-1][1].append(line.strip())
    return [(i, "".join(part)) for i, part in out]


def split_block(lines: list[str], profile: Profile, markdown: bool = False) -> list[tuple[int, str]]:
    """(offset of first line, text) for each paragraph of a block; newlines in text are kept line breaks."""
    if len(lines) == 1:
        return [(0, lines[0].strip())]
    if markdown and profile.paragraph_gap > 0:
        return _markdown_block(lines)
    if profile.wrapped:
        return _unwrap(lines, profile)
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
    lines = state.lines
    start = end = state.pos
    while end < len(lines) and lines[end].strip():
        line = lines[end]
        if end > start and (
            (is_divider(line) and not closes_emphasis(lines[start:end], line))
            or match_heading(line, allow_bare=False)
            or is_html_block(line)
        ):
            break
        end += 1
    block = lines[start:end]
    for offset, text in split_block(block, state.profile, state.markdown):
        state.pos = start + offset
        token = state.emit("paragraph", 0, text=text)
        token.lines = [text]
    state.pos = end
    state.in_header = False
    return True
