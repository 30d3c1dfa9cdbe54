"""The drawn cover: frame, pattern, ornament and text on the story's colours, encoded as a JPEG.

Everything is drawn in one channel, as steps on a palette of two ramps from the ground: 0-127 towards the
accent (pattern, frame, ornament, fandom) and 128-255 towards the ink (title, authors).  Smoothed edges
are in-between steps of a ramp, so the ground under each kind of text is that ramp's end: 0 or 128, the
same colour.  Only the rows that are encoded are turned into colour (see `jpeg`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from PIL import Image, ImageDraw

from .blocks import TextBlock
from .colours import RGB, Palette, digest, palette
from .fonts import font
from .jpeg import encode, stretch
from .layout import SIZE, layout
from .patterns import ACCENT, pattern, supersampled

MIN_SIZE = (160, 256)
INK = 128  # the ground at the foot of the ink's ramp; 255 is the ink
FRAME = round(0.8 * ACCENT)
AUTHOR_INK = INK + round(0.92 * (255 - INK))  # a shade softer than the title
# The ornament is small and in the accent colour on the ground: it gets finer smoothing than the pattern.
ORNAMENT_SUPERSAMPLE = 4


def _ramps(colours: Palette) -> bytes:
    def ramp(colour: RGB, steps: int) -> bytearray:
        out = bytearray(3 * (steps + 1))
        for channel, (g, c) in enumerate(zip(colours.background, colour, strict=True)):
            out[channel::3] = bytes([round(g + (c - g) * i / steps) for i in range(steps + 1)])
        return out

    return bytes(ramp(colours.accent, ACCENT) + ramp(colours.ink, 255 - INK))


class Picture(NamedTuple):
    """A drawn cover, one channel of palette steps; the spans of it (top, bottom, left, right) that hold
    anything but the ground and the frame's sides, the rows outside the frame (top, bottom), that
    hold nothing but the ground, and the rows of the frame's top and bottom lines (see `jpeg.encode`)."""

    image: Image.Image
    inked: list[tuple[float, float, float, float]]
    plain: list[tuple[float, float]]
    lined: list[tuple[float, float]]


def _frame(picture: Picture, frame: tuple[int, int]) -> None:
    width, height = picture.image.size
    draw = ImageDraw.Draw(picture.image)
    for inset, line in ((frame[0], max(2, round(width * 0.004))), (frame[1], max(1, round(width * 0.0015)))):
        draw.rectangle((inset, inset, width - 1 - inset, height - 1 - inset), outline=FRAME, width=line)
    deepest = frame[1] + max(1, round(width * 0.0015))
    # Between its corners, every stretch of a row of the frame's top or bottom lines is alike.
    for top, bottom in ((frame[0], deepest), (height - deepest, height - frame[0])):
        picture.inked.extend([(top, bottom, 0, deepest), (top, bottom, width - deepest, width)])
        picture.lined.append((top, bottom))
    picture.plain.extend([(0, frame[0]), (height - frame[0], height)])


def _ornament(picture: Picture, centre: tuple[int, int]) -> None:
    """A rule with a diamond at its middle and a dot at either end."""
    width = picture.image.width
    half = round(width * 0.15)
    diamond = width * 0.013
    stroke = max(1.0, width * 0.0022)
    x0, y0 = centre[0] - half - 8, centre[1] - round(diamond) - 4
    box = (x0, y0, centre[0] + half + 8, centre[1] + round(diamond) + 4)

    def paint(draw: ImageDraw.ImageDraw, s: int) -> None:
        cx, cy = (centre[0] - x0) * s, (centre[1] - y0) * s
        d, t, r = diamond * s, stroke * s / 2, half * s
        for sign in (-1, 1):
            near, far = cx + sign * d * 1.6, cx + sign * r
            draw.polygon([(near, cy - t), (far, cy - t), (far, cy + t), (near, cy + t)], fill=ACCENT)
            dot = d * 0.32
            draw.ellipse((far - dot, cy - dot, far + dot, cy + dot), fill=ACCENT)
        draw.polygon([(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)], fill=ACCENT)

    size = (box[2] - box[0], box[3] - box[1])
    picture.image.paste(supersampled(size, ORNAMENT_SUPERSAMPLE, paint), box[:2])
    picture.inked.append((box[1], box[3], box[0], box[2]))


# Spaced text (fandom, authors) is drawn a letter at a time, and a batch of stories draws the same fandom
# and authors again and again: their letters are rendered once.  Small masks, so the cache stays small.
@lru_cache(maxsize=1024)
def _letter(char: str, path: str, size: int, start: tuple[float, float]) -> tuple[Any, tuple[int, int]]:
    return font(path, size).getmask2(char, "L", anchor="ls", start=start)


def _text(picture: Picture, block: TextBlock | None, ink: int, ground: int) -> None:
    if block is None or not block.pieces:
        return
    draw = ImageDraw.Draw(picture.image)
    wide = stretch(picture.image.width)
    left, top, right, bottom = block.box
    # A glyph's smoothed edge can reach a pixel past its ink box: the ramp's ground goes a little wider.
    region = (left - 2, top - 2, right + 2, bottom + 2)
    if ground:
        draw.rectangle(region, fill=ground)
    for piece in block.pieces:
        x, y = int(piece.x), int(piece.y)  # what ImageDraw.text does, less its checks and set-up
        start = (math.modf(piece.x)[0], math.modf(piece.y)[0])
        if len(piece.text) == 1:
            mask, offset = _letter(piece.text, piece.font, piece.size, start)
        else:
            mask, offset = font(piece.font, piece.size).getmask2(piece.text, "L", anchor="ls", start=start)
        at = (x + offset[0], y + offset[1])
        draw.draw.draw_bitmap(at, mask, ink)
        _inked(picture, mask, at, wide)


def _inked(picture: Picture, mask: Any, at: tuple[int, int], wide: int) -> None:
    """The ink of a mask drawn at `at`, a span for each stretch `wide` pixels wide of the JPEG's rows
    (`jpeg`) it reaches: a line of large type leaves many stretches above and below its small letters
    plain.  Around the ink, the rows are the ground: 0 or 128, one colour."""
    width, height = mask.size
    left = 0
    while left < width:
        right = min(width, (at[0] + left) // wide * wide + wide - at[0])
        # A letter usually lies within one stretch: its own box, without a copy.
        box = (mask if left == 0 and right == width else mask.crop((left, 0, right, height))).getbbox()
        if box:
            x0, y0, x1, y1 = box
            picture.inked.append((at[1] + y0, at[1] + y1, at[0] + left + x0, at[0] + left + x1))
        left = right


def render(
    title: str, authors: Sequence[str], fandom: str | None = None, *, size: tuple[int, int] = SIZE
) -> Picture:
    """The cover drawn (what `generate_cover` encodes)."""
    if size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]:
        raise ValueError(
            f"a cover must be at least {MIN_SIZE[0]}x{MIN_SIZE[1]} pixels, not {size[0]}x{size[1]}"
        )
    plan = layout(title, authors, fandom, size=size)
    picture = Picture(Image.new("L", size, 0), [], [], [])
    left, top, right, bottom = plan.pattern
    shapes, spans = pattern(digest(title, authors)[6:22], (right - left, bottom - top))
    picture.image.paste(shapes, (left, top))
    picture.inked.extend((top + t, top + b, left + x0, left + x1) for t, b, x0, x1 in spans)
    _frame(picture, plan.frame)
    if plan.fandom_rule_y is not None:
        half, y = round(size[0] * 0.035), plan.fandom_rule_y
        rule_bottom = y + max(1, round(size[0] * 0.0015))
        ImageDraw.Draw(picture.image).rectangle(
            (size[0] // 2 - half, y, size[0] // 2 + half, rule_bottom), fill=ACCENT
        )
        picture.inked.append((y, rule_bottom + 1, size[0] // 2 - half, size[0] // 2 + half + 1))
    _ornament(picture, (size[0] // 2, plan.ornament_y))
    _text(picture, plan.title, 255, INK)
    _text(picture, plan.authors, AUTHOR_INK, INK)
    _text(picture, plan.fandom, ACCENT, 0)
    picture.image.putpalette(_ramps(palette(title, authors)))
    return picture


def generate_cover(
    title: str, authors: Sequence[str], fandom: str | None = None, *, size: tuple[int, int] = SIZE
) -> bytes:
    """A JPEG cover for a story: the title large, the authors below it, the fandom above, on colours and a
    pattern that come from the title and authors.  The same arguments always give the same bytes."""
    picture = render(title, authors, fandom, size=size)
    return encode(picture.image, picture.inked, picture.plain, picture.lined)
