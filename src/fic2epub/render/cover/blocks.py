"""Lines of cover text set at one size: where each run of text goes and how much room it takes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from .fonts import CJK_FONT, bundled_font, font, runs

# Letter spacing (in ems) and line spacing (in font sizes) of each kind of text.
TRACKING = {"title": 0.0, "author": 0.01, "label": 0.16}
LEADING = {"title": 1.1, "author": 1.3, "label": 1.5}
CJK_LEADING = 1.3

Box = tuple[float, float, float, float]


# NamedTuples and a plain class, not dataclasses: a dataclass costs about a millisecond to create, and a
# process that draws one cover pays that for each.
class Piece(NamedTuple):
    """A run of text in one font, drawn with the left end of its baseline at (x, y)."""

    text: str
    font: str
    size: int
    x: float
    y: float

    @property
    def box(self) -> Box:
        """The ink bounds of the piece on the cover."""
        left, top, right, bottom = _ink(self.text, self.font, self.size)
        return (self.x + left, self.y + top, self.x + right, self.y + bottom)


# Titles repeat words and labels are set a letter at a time: measuring each once saves most of a layout.
@lru_cache(maxsize=8192)
def _ink(text: str, path: str, size: int) -> tuple[float, float, float, float]:
    return font(path, size).getbbox(text, anchor="ls")


def union(boxes: Iterable[Box]) -> Box:
    listed = list(boxes)
    if not listed:
        return (0.0, 0.0, 0.0, 0.0)
    return (
        min(b[0] for b in listed),
        min(b[1] for b in listed),
        max(b[2] for b in listed),
        max(b[3] for b in listed),
    )


class TextBlock:
    """Lines of text set at one size, centred on x = 0 until `moved` to their place; `box` holds the
    bounds of their ink."""

    __slots__ = ("box", "lines", "pieces", "role", "size", "truncated")

    def __init__(
        self,
        role: str,
        size: int,
        lines: tuple[str, ...],
        pieces: tuple[Piece, ...],
        truncated: bool = False,
    ) -> None:
        self.role = role
        self.size = size
        self.lines = lines
        self.pieces = pieces
        self.truncated = truncated
        self.box: Box = union(p.box for p in pieces if not p.text.isspace())  # the block's ink bounds

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    def moved(self, dx: float, dy: float) -> TextBlock:
        pieces = tuple(p._replace(x=p.x + dx, y=p.y + dy) for p in self.pieces)
        return TextBlock(self.role, self.size, self.lines, pieces, self.truncated)

    def placed(self, centre_x: float, top: float) -> TextBlock:
        """The block moved so that its ink is centred on `centre_x` and starts at `top`."""
        return self.moved(round(centre_x), round(top - self.box[1]))


@lru_cache(maxsize=8192)
def advance(text: str, role: str, size: int) -> float:
    """How far the pen moves setting `text`: its width in a line."""
    tracking = TRACKING[role] * size
    total = 0.0
    for path, part in runs(text, role):
        face = font(path, size)
        total += sum(face.getlength(c) + tracking for c in part) if tracking else face.getlength(part)
    return total


def _line_pieces(line: str, role: str, size: int, baseline: float) -> list[Piece]:
    """The pieces of one line, its ink centred on x = 0."""
    tracking = TRACKING[role] * size
    pieces: list[Piece] = []
    x = 0.0
    for path, part in runs(line, role):
        face = font(path, size)
        if tracking:
            for char in part:
                pieces.append(Piece(char, path, size, x, baseline))
                x += face.getlength(char) + tracking
        else:
            pieces.append(Piece(part, path, size, x, baseline))
            x += face.getlength(part)
    left, _, right, _ = union(p.box for p in pieces if not p.text.isspace())
    shift = -round((left + right) / 2)
    return [p._replace(x=p.x + shift) for p in pieces]


def line_step(text: str, role: str, size: int) -> int:
    """The baseline-to-baseline distance of the role's lines: more when the text has CJK."""
    cjk = bundled_font(CJK_FONT)
    has_cjk = any(path == cjk for path, _ in runs(text, role))
    return round(size * (max(LEADING[role], CJK_LEADING) if has_cjk else LEADING[role]))


def set_lines(lines: Sequence[str], role: str, size: int, *, truncated: bool = False) -> TextBlock:
    step = line_step("".join(lines), role, size)
    pieces = [p for i, line in enumerate(lines) for p in _line_pieces(line, role, size, i * step)]
    return TextBlock(role, size, tuple(lines), tuple(pieces), truncated)
