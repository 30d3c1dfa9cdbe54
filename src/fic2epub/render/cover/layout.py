"""Where the title, byline, fandom, ornament and pattern of a cover go, worked out without drawing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .blocks import TextBlock
from .fit import fit
from .fonts import clean

SIZE = (1600, 2560)


class CoverLayout(NamedTuple):
    """Where everything on a cover goes; every text piece stays inside `safe`."""

    size: tuple[int, int]
    safe: tuple[int, int, int, int]
    frame: tuple[int, int]
    title: TextBlock
    authors: TextBlock | None
    fandom: TextBlock | None
    fandom_rule_y: int | None
    ornament_y: int
    pattern: tuple[int, int, int, int]

    def blocks(self) -> list[TextBlock]:
        return [b for b in (self.title, self.authors, self.fandom) if b is not None]


def byline(authors: Sequence[str]) -> str:
    """The authors as the cover names them: A; A & B; A, B & C."""
    names = [clean(a, "author") for a in authors]
    names = [n for n in names if n]
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]


def _fandom(fandom: str, width: float, height: float, cover_width: int) -> TextBlock | None:
    """The fandom in spaced capitals, two lines at most.  A list of fandoms too long for that loses
    fandoms from its end (shown by an ellipsis) rather than being cut in the middle of one."""
    text = clean(clean(fandom, "label").upper(), "label")
    if not text:
        return None
    largest, smallest = round(cover_width * 0.029), round(cover_width * 0.018)
    items = [item.strip() for item in text.split(",") if item.strip()]
    block = fit(text, "label", width, height, largest, smallest, 2)
    for keep in range(len(items) - 1, 0, -1):
        if not block.truncated and block.size >= round(cover_width * 0.022):
            break
        block = fit(", ".join(items[:keep]) + " …", "label", width, height, largest, smallest, 2)
    return block


def layout(
    title: str, authors: Sequence[str], fandom: str | None = None, *, size: tuple[int, int] = SIZE
) -> CoverLayout:
    """Fit and place the title, byline and fandom of a cover of `size` pixels."""
    width, height = size
    outer = round(width * 0.04)
    inner = outer + round(width * 0.016)
    margin_x = round(width * 0.11)
    safe = (margin_x, inner + round(height * 0.02), width - margin_x, height - inner - round(height * 0.02))
    box_width = width - 2 * margin_x
    centre = width / 2

    fandom_rule_y = None
    region_top = inner + round(height * 0.09)
    fandom_block = _fandom(fandom or "", box_width, height * 0.065, width)
    if fandom_block is not None:
        fandom_block = fandom_block.placed(centre, inner + round(height * 0.045))
        fandom_rule_y = round(fandom_block.box[3] + height * 0.024)
        region_top = fandom_rule_y + round(height * 0.05)

    pattern_top = round(height * 0.70)
    region_bottom = pattern_top - round(height * 0.035)
    ornament = round(width * 0.03)
    gap_above, gap_below = round(height * 0.032), round(height * 0.03)

    author_block = None
    names = byline(authors)
    if names:
        author_block = fit(
            names, "author", box_width, height * 0.09, round(width * 0.05), round(width * 0.024), 3
        )
    below = gap_above + ornament + (gap_below + author_block.height if author_block else 0)
    title_text = clean(title, "title") or ("Untitled" if not title.strip() else "")
    title_block = fit(
        title_text,
        "title",
        box_width,
        region_bottom - region_top - below,
        round(width * 0.15),
        round(width * 0.028),
    )
    group = title_block.height + below
    top = region_top + max(0, (region_bottom - region_top - group) * 0.5)
    title_block = title_block.placed(centre, top)
    title_bottom = title_block.box[3] if title_block.pieces else top
    ornament_y = round(title_bottom + gap_above + ornament / 2)
    if author_block:
        author_block = author_block.placed(centre, ornament_y + ornament / 2 + gap_below)
    pad = round(width * 0.012)
    pattern = (inner + pad, pattern_top, width - inner - pad, height - inner - pad)
    return CoverLayout(
        size,
        safe,
        (outer, inner),
        title_block,
        author_block,
        fandom_block,
        fandom_rule_y,
        ornament_y,
        pattern,
    )
