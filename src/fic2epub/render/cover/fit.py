"""Text set as large as it fits its box: line breaks, shrinking, hyphens, and as a last resort an ellipsis."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .blocks import LEADING, TextBlock, advance, line_step, set_lines
from .fonts import is_wide
from .lines import balanced, units, wrap

_SOFT_HYPHEN = "\u00ad"


def _split_wide(parts: list[str], role: str, size: int, limit: float) -> list[str]:
    """Words wider than `limit` cut into single characters, each but the last marked with a soft hyphen
    (where a line ends inside such a word it gets a hyphen, unless the word is CJK)."""
    out: list[str] = []
    for part in parts:
        if part != " " and len(part) > 1 and advance(part, role, size) > limit:
            out.extend(char + _SOFT_HYPHEN for char in part[:-1])
            out.append(part[-1])
        else:
            out.append(part)
    return out


def _line(parts: Sequence[str]) -> str:
    """Parts joined into a line: soft hyphens dropped, a hyphen where a word breaks at the line's end."""
    text = "".join(parts).strip(" ")
    if text.endswith(_SOFT_HYPHEN):
        text = text[:-1].replace(_SOFT_HYPHEN, "")
        return text if text and is_wide(text[-1]) else text + "-"
    return text.replace(_SOFT_HYPHEN, "")


def _widths(parts: Sequence[str], role: str, size: int) -> list[float]:
    return [advance(p.replace(_SOFT_HYPHEN, ""), role, size) for p in parts]


def _try(
    parts: list[str], role: str, size: int, width: float, height: float, max_lines: int | None
) -> TextBlock | None:
    widths = _widths(parts, role, size)
    if max(w for p, w in zip(parts, widths, strict=True) if p != " ") > width:
        return None
    limit = width - (advance("-", role, size) if any(_SOFT_HYPHEN in p for p in parts) else 0)
    spans = wrap(parts, widths, limit)
    if max_lines is not None and len(spans) > max_lines:
        return None
    if (len(spans) - 1) * _line_step(parts, role, size) + size * 0.7 > height:  # too tall, whatever the ink
        return None
    block = set_lines([_line(parts[a:b]) for a, b in balanced(parts, widths, limit)], role, size)
    return block if block.width <= width and block.height <= height else None


def _line_step(parts: Sequence[str], role: str, size: int) -> int:
    return line_step("".join(parts).replace(_SOFT_HYPHEN, ""), role, size)


def _truncated(
    parts: list[str], role: str, size: int, width: float, height: float, max_lines: int | None
) -> TextBlock:
    """What fits of the text at `size`, ending in an ellipsis: only for text far too long for its box."""
    parts = _split_wide(parts, role, size, width)
    spans = wrap(parts, _widths(parts, role, size), width)
    count = len(spans) if max_lines is None else min(len(spans), max_lines)
    for keep in range(count, 0, -1):
        a, b = spans[keep - 1]
        last = parts[a:b]
        while True:
            line = _line(last).rstrip(" -,;:") + "…"
            if not last or advance(line, role, size) <= width:
                break
            last = last[:-1]
        lines = [_line(parts[x:y]) for x, y in spans[: keep - 1]] + [line]
        block = set_lines(lines, role, size, truncated=True)
        if block.height <= height and block.width <= width:
            return block
    return set_lines(["…"], role, size, truncated=True)


def _estimate(parts: Sequence[str], role: str, width: float, height: float) -> float:
    """The largest size at which the text could fill the box if lines broke anywhere."""
    at_100 = sum(_widths(parts, role, 100))
    if at_100 <= 0:
        return height
    return math.sqrt(width * height * 100 / (at_100 * LEADING[role]))


def fit(
    text: str,
    role: str,
    width: float,
    height: float,
    largest: int,
    smallest: int,
    max_lines: int | None = None,
) -> TextBlock:
    """`text` set as large as it fits a `width` x `height` box, between `largest` and `smallest`.

    Lines break between words (between any two CJK characters) and are balanced.  A word too wide for the
    box shrinks the text down to 45% of `largest`; below that, too-wide words are broken with a hyphen.
    Only text that does not fit even at `smallest` is cut short with an ellipsis (`truncated`).
    """
    parts = units(text)
    if not parts:
        return TextBlock(role, largest, (), ())
    size = max(smallest, min(largest, math.floor(_estimate(parts, role, width, height))))
    breaking = max(smallest, round(largest * 0.45))
    while True:
        candidate = parts if size > breaking else _split_wide(parts, role, size, width)
        block = _try(candidate, role, size, width, height, max_lines)
        if block is not None:
            return block
        if size <= smallest:
            break
        size = max(smallest, size - max(1, round(size * 0.04)))
    return _truncated(parts, role, smallest, width, height, max_lines)
