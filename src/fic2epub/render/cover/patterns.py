"""The quiet pattern at the foot of a cover: hills, rings, scales or waves, chosen by the story's hash."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

from .colours import RGB, Palette

_SUPERSAMPLE = 3


def smooth(
    image: Image.Image,
    box: tuple[int, int, int, int],
    fill: RGB,
    paint: Callable[[ImageDraw.ImageDraw, float], None],
) -> None:
    """Paint shapes anti-aliased: drawn three times larger over `box`, then shrunk onto the image."""
    left, top, right, bottom = box
    layer = Image.new("RGB", ((right - left) * _SUPERSAMPLE, (bottom - top) * _SUPERSAMPLE), fill)
    paint(ImageDraw.Draw(layer), _SUPERSAMPLE)
    image.paste(layer.reduce(_SUPERSAMPLE), (left, top))


def _hills(draw: ImageDraw.ImageDraw, w: float, h: float, colours: Palette, rng: random.Random) -> None:
    sun_x, sun_r = w * (0.2 + 0.6 * rng.random()), h * (0.16 + 0.08 * rng.random())
    sun_y = h * (0.22 + 0.12 * rng.random())
    draw.ellipse((sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r), fill=colours.tints[1])
    for layer, colour in enumerate(colours.tints):
        waves = [
            (0.5 + 2.5 * rng.random(), rng.random() * math.tau, 0.02 + 0.05 * rng.random()) for _ in range(3)
        ]
        base = h * (0.38 + 0.16 * layer)
        points = [(0.0, h)]
        for step in range(121):
            x = w * step / 120
            y = base - h * sum(a * math.sin(f * math.tau * x / w + p) for f, p, a in waves)
            points.append((x, y))
        points.append((w, h))
        draw.polygon(points, fill=colour)


def _rings(draw: ImageDraw.ImageDraw, w: float, h: float, colours: Palette, rng: random.Random) -> None:
    cx, cy = w * (0.5 + 0.3 * (rng.random() - 0.5)), h * 1.02
    count = 6 + int(rng.random() * 4)
    outer = h * 0.95
    for ring in range(count):
        r = outer * (1 - ring / count)
        colour = colours.tints[ring % 2 * 2 + (1 if ring > count / 2 else 0)]
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    rays = 12 + int(rng.random() * 12)
    for ray in range(rays):
        angle = math.pi + math.pi * (ray + 0.5) / rays
        draw.line(
            (cx, cy, cx + math.cos(angle) * outer * 1.4, cy + math.sin(angle) * outer * 1.4),
            fill=colours.tints[0],
            width=max(1, round(w * 0.002)),
        )


def _scales(draw: ImageDraw.ImageDraw, w: float, h: float, colours: Palette, rng: random.Random) -> None:
    across = 5 + int(rng.random() * 4)
    r = w / across / 2 * 1.15
    rows = int(h / (r / 2)) + 2
    bands = 4
    for row in range(rows):
        y = r + row * r / 2
        shift = 0.0 if row % 2 == 0 else r
        x = -r + shift
        while x < w + r:
            for band in range(bands):
                rr = r * (1 - band / bands)
                colour = colours.tints[2] if band % 2 == 0 else colours.background
                if band == 0:
                    colour = colours.tints[1 + row % 2]
                draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=colour)
            x += 2 * r


def _waves(draw: ImageDraw.ImageDraw, w: float, h: float, colours: Palette, rng: random.Random) -> None:
    count = 9 + int(rng.random() * 5)
    freq = 1.0 + 2.0 * rng.random()
    amplitude = h * (0.03 + 0.04 * rng.random())
    drift = rng.random() * 0.8
    line_width = max(2, round(w * 0.006))
    for line in range(count):
        y0 = h * (0.12 + 0.85 * line / count)
        phase = line * drift
        points = [
            (w * s / 160, y0 + amplitude * math.sin(freq * math.tau * s / 160 + phase)) for s in range(161)
        ]
        draw.line(points, fill=colours.tints[1 + line % 3], width=line_width, joint="curve")


_PATTERNS = (_hills, _rings, _scales, _waves)


def draw_pattern(image: Image.Image, box: tuple[int, int, int, int], colours: Palette, seed: bytes) -> None:
    rng = random.Random(int.from_bytes(seed, "big"))
    pattern = _PATTERNS[seed[0] % len(_PATTERNS)]
    width, height = box[2] - box[0], box[3] - box[1]

    def paint(draw: ImageDraw.ImageDraw, scale: float) -> None:
        pattern(draw, width * scale, height * scale, colours, rng)

    smooth(image, box, colours.background, paint)
