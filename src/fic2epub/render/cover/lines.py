"""Where lines of cover text may break, and greedy and balanced line breaking."""

from __future__ import annotations

from collections.abc import Sequence

from .fonts import is_mark, is_wide

# Characters a line may not start with, and ones it may not end with (kinsoku shori, and Western quotes).
_NO_START = frozenset(
    "、。，．,.!?！？：；:;)）]］}｝」』】〕〉》〗〙〛’”»›…‥ー～〜ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻・·ゝゞヽヾ%‰"
)
_NO_END = frozenset("(（[［{｛「『【〔〈《〖〘〚‘“«‹")
_BREAK_AFTER = frozenset("-‐/–—")


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _may_break(before: str, after: str) -> bool:
    """Whether a line may break between two characters with no space between them."""
    if after in _NO_START or before in _NO_END or is_mark(after):
        return False
    if (is_wide(before) and not _is_hangul(before)) or (is_wide(after) and not _is_hangul(after)):
        return True
    return before in _BREAK_AFTER and after.isalnum()


def units(text: str) -> list[str]:
    """`text` cut where lines may break: words, single spaces, and single CJK characters."""
    out: list[str] = []
    word = ""
    for char in text:
        if char == " ":
            if word:
                out.append(word)
            out.append(" ")
            word = ""
        elif word and _may_break(word[-1], char):
            out.append(word)
            word = char
        else:
            word += char
    if word:
        out.append(word)
    return out


def wrap(parts: Sequence[str], widths: Sequence[float], limit: float) -> list[tuple[int, int]]:
    """Greedy line breaking: (start, end) index pairs of `parts`, spaces at line ends left out."""
    lines: list[tuple[int, int]] = []
    start = last = -1
    width = 0.0
    pending = 0.0
    for i, (part, part_width) in enumerate(zip(parts, widths, strict=True)):
        if part == " ":
            if start >= 0:
                pending += part_width
            continue
        if start < 0:
            start, width, pending = i, part_width, 0.0
        elif width + pending + part_width > limit:
            lines.append((start, last))
            start, width, pending = i, part_width, 0.0
        else:
            width += pending + part_width
            pending = 0.0
        last = i + 1
    if start >= 0:
        lines.append((start, last))
    return lines


def balanced(parts: Sequence[str], widths: Sequence[float], limit: float) -> list[tuple[int, int]]:
    """The fewest lines greedy breaking gives within `limit`, made as even in length as they can be."""
    lines = wrap(parts, widths, limit)
    if len(lines) <= 1:
        return lines
    low = max(w for p, w in zip(parts, widths, strict=True) if p != " ")
    high = limit
    for _ in range(16):
        middle = (low + high) / 2
        if len(wrap(parts, widths, middle)) <= len(lines):
            high = middle
        else:
            low = middle
    return wrap(parts, widths, high)
