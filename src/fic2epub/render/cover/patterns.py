"""The quiet pattern at the foot of a cover: hills, rings, scales or waves, chosen by the story's hash.

Shapes are drawn on a one-channel image a few times larger than needed and shrunk, which smooths their
edges.  Its values are steps on the cover's palette from the ground (0) towards the accent (`ACCENT`), so
averaging them while shrinking averages the colours.  Hills and waves also tell where their shapes can
be, band by band across (`Span`): between them lies the ground, which the JPEG need not encode.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw

# The palette's steps from the ground (0) to the accent (ACCENT); the rest of it goes to the ink.
ACCENT = 127
# The pattern's four tints, each a step from the ground towards the accent.
LEVELS = tuple(round(amount * ACCENT) for amount in (0.10, 0.17, 0.25, 0.34))
# Two times larger is enough for edges this soft: neighbouring tints differ by a few shades.
SUPERSAMPLE = 2
# Shapes are bounded in bands this wide (pixels), half a JPEG stretch on a full-size cover.
BAND = 80
# How far a smoothed edge can reach past the points it was drawn through (pixels).
EDGE = 2

Span = tuple[float, float, float, float]  # pixels (top, bottom, left, right) that may hold anything
Pattern = tuple[Image.Image, list[Span]]


Bands = list[tuple[int, int, int, int]]  # (first point, end, left, right) of each band


def _bands(width: int, scale: int, across: tuple[float, float, float], count: int) -> Bands:
    """The bands across a pattern `width` pixels wide, each with the points of a line of `count` drawn
    at `scale` whose segments may cross it: given the first point's place, the points' spacing, and how
    far one may lie from its place (all at `scale`)."""
    first, spacing, reach = across
    bands: Bands = []
    for left in range(0, width, BAND):
        right = min(width, left + BAND)
        # From the last point before the band to the first one after it.
        a = max(0, math.floor((left * scale - reach - first) / spacing) - 1)
        b = min(count, math.ceil((right * scale + reach - first) / spacing) + 2)
        if a < b:
            bands.append((a, b, left - EDGE, right + EDGE))
    return bands


def _bounds(bands: Bands, scale: int, tops: Sequence[float], bottoms: Sequence[float]) -> list[Span]:
    """Band by band, the span of a shape drawn (at `scale`) between two lines of points: `tops` the
    heights of the upper line's points, `bottoms` of the lower one's."""
    return [
        (min(tops[a:b]) / scale - EDGE, max(bottoms[a:b]) / scale + EDGE, left, right)
        for a, b, left, right in bands
    ]


def supersampled(
    size: tuple[int, int], scale: int, paint: Callable[[ImageDraw.ImageDraw, int], None]
) -> Image.Image:
    """An image of `size` whose shapes `paint` drew at `scale` times that size (given the scale)."""
    layer = Image.new("L", (size[0] * scale, size[1] * scale), 0)
    paint(ImageDraw.Draw(layer), scale)
    return layer.reduce(scale)


def _hills(size: tuple[int, int], rng: random.Random) -> Pattern:
    sun_x, sun_r = 0.2 + 0.6 * rng.random(), 0.16 + 0.08 * rng.random()
    sun_y = 0.22 + 0.12 * rng.random()
    layers = [
        [(0.5 + 2.5 * rng.random(), rng.random() * math.tau, 0.02 + 0.05 * rng.random()) for _ in range(3)]
        for _ in LEVELS
    ]

    spans: list[Span] = []

    def paint(draw: ImageDraw.ImageDraw, scale: int) -> None:
        w, h = size[0] * scale, size[1] * scale
        x, y, r = sun_x * w, sun_y * h, sun_r * h
        draw.ellipse((x - r, y - r, x + r, y + r), fill=LEVELS[1])
        spans.append(
            ((y - r) / scale - EDGE, (y + r) / scale + EDGE, (x - r) / scale - EDGE, (x + r) / scale + EDGE)
        )
        xs = [w * step / 120 for step in range(121)]
        sin = math.sin
        crests = [float(h)] * 121  # the highest hill at each point
        for layer, (waves, level) in enumerate(zip(layers, LEVELS, strict=True)):
            base = h * (0.38 + 0.16 * layer)
            (f1, p1, a1), (f2, p2, a2), (f3, p3, a3) = ((f * math.tau, p, a) for f, p, a in waves)
            heights = [
                base - h * (a1 * sin(f1 * x / w + p1) + a2 * sin(f2 * x / w + p2) + a3 * sin(f3 * x / w + p3))
                for x in xs
            ]
            draw.polygon([(0.0, float(h)), *zip(xs, heights, strict=True), (float(w), float(h))], fill=level)
            crests = list(map(min, crests, heights))
        spans.extend(
            _bounds(_bands(size[0], scale, (0.0, w / 120, 0.0), 121), scale, crests, [float(h)] * 121)
        )

    return supersampled(size, SUPERSAMPLE, paint), spans


def _rings(size: tuple[int, int], rng: random.Random) -> Pattern:
    centre_x = 0.5 + 0.3 * (rng.random() - 0.5)
    count = 6 + int(rng.random() * 4)
    rays = 12 + int(rng.random() * 12)

    def paint(draw: ImageDraw.ImageDraw, scale: int) -> None:
        w, h = size[0] * scale, size[1] * scale
        cx, cy, outer = w * centre_x, h * 1.02, h * 0.95
        for ring in range(count):
            r = outer * (1 - ring / count)
            level = LEVELS[ring % 2 * 2 + (1 if ring > count / 2 else 0)]
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=level)
        for ray in range(rays):
            angle = math.pi + math.pi * (ray + 0.5) / rays
            end = (cx + math.cos(angle) * outer * 1.4, cy + math.sin(angle) * outer * 1.4)
            draw.line((cx, cy, *end), fill=LEVELS[0], width=max(1, round(w * 0.002)))

    return supersampled(size, SUPERSAMPLE, paint), [(0, size[1], 0, size[0])]  # rays reach everywhere


def draw_scale(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, row: int) -> None:
    """One scale: rings of a tint and the ground inside a rim, the rim in one of two tints row by row."""
    bands = 4
    for band in range(bands):
        rr = r * (1 - band / bands)
        level = (LEVELS[2] if band % 2 == 0 else 0) if band else LEVELS[1 + row % 2]
        draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=level)


def scale_radius(width: int, rng: random.Random) -> int:
    """The radius of the scales: a whole even number of pixels, so the pattern repeats every r rows."""
    across = 5 + int(rng.random() * 4)
    return max(2, 2 * round(width / across * 1.15 / 4))


def _scales(size: tuple[int, int], rng: random.Random) -> Pattern:
    """Rows of scales r apart across and r/2 down, each row shifted by r and drawn over the last.

    They repeat every 2r across and every two rows (r) down, so only the first three rows' height is
    drawn: the top two rows as they start, the third as the tile every row below repeats."""
    width, height = size
    r = scale_radius(width, rng)

    def paint(draw: ImageDraw.ImageDraw, s: int) -> None:
        rs = r * s
        for row in range(8):  # rows centred down to 4r cover every pixel of the first 3r
            x = -rs if row % 2 == 0 else 0
            while x <= 3 * rs:
                draw_scale(draw, x, rs + row * rs / 2, rs, row)
                x += 2 * rs

    start = supersampled((2 * r, 3 * r), SUPERSAMPLE, paint)
    strip = Image.new("L", (width, 3 * r))
    for x in range(0, width, 2 * r):
        strip.paste(start, (x, 0))
    tiled = Image.new("L", size)
    tiled.paste(strip, (0, 0))
    tile = strip.crop((0, 2 * r, width, 3 * r))
    for y in range(3 * r, height, r):
        tiled.paste(tile, (0, y))
    return tiled, [(0, size[1], 0, size[0])]


def _waves(size: tuple[int, int], rng: random.Random) -> Pattern:
    count = 9 + int(rng.random() * 5)
    freq = 1.0 + 2.0 * rng.random()
    amplitude = 0.03 + 0.04 * rng.random()
    drift = rng.random() * 0.8

    spans: list[Span] = []

    def paint(draw: ImageDraw.ImageDraw, scale: int) -> None:
        # Each wave is filled between its two edges, half a line's width either side of the curve
        # (along the curve's normal): much cheaper than Pillow's wide lines with rounded joints.
        w, h = size[0] * scale, size[1] * scale
        half = max(2, round(w * 0.006)) / 2
        k = freq * math.tau / w
        # The edges' points lie up to half a line's width across from the curve's.
        bands = _bands(size[0], scale, (-w / 80, w / 80, half), 83)
        # The same points across for every wave; the products as the formulas group them.
        across = [(x, k * x) for x in (w * step / 80 for step in range(-1, 82))]
        rise, steep = amplitude * h, amplitude * h * k
        cos, sin, hypot = math.cos, math.sin, math.hypot
        for line in range(count):
            y0, phase = h * (0.12 + 0.85 * line / count), line * drift
            upper, lower, tops, bottoms = [], [], [], []
            for x, kx in across:
                slope = steep * cos(kx + phase)
                norm = hypot(1.0, slope)
                y = y0 + rise * sin(kx + phase)
                dx, dy = -slope * half / norm, half / norm
                upper.append((x - dx, y - dy))
                lower.append((x + dx, y + dy))
                tops.append(y - dy)
                bottoms.append(y + dy)
            draw.polygon(upper + lower[::-1], fill=LEVELS[1 + line % 3])
            spans.extend(_bounds(bands, scale, tops, bottoms))

    return supersampled(size, SUPERSAMPLE, paint), spans


_PATTERNS: tuple[Callable[[tuple[int, int], random.Random], Pattern], ...] = (
    _hills,
    _rings,
    _scales,
    _waves,
)


def pattern(seed: bytes, size: tuple[int, int]) -> Pattern:
    """The pattern `seed` chooses and shapes, `size` pixels large, and the spans of it that may hold
    anything but the ground."""
    rng = random.Random(int.from_bytes(seed, "big"))
    return _PATTERNS[seed[0] % len(_PATTERNS)](size, rng)
