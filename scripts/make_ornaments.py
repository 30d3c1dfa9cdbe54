"""Draw the scene-break ornaments the stylesheet shows on an <hr/>: a tapered rule, three asterisks
and an asterism.  Pictures rather than text or borders, because several readers ignore borders on <hr/>,
many ignore generated content (::after), and dingbat glyphs such as ⁂ are missing from some readers'
fonts; a PNG background survives all of that.

Drawn with plain geometry (no font), four times too big and scaled down for smooth edges, in a mid
grey that shows on white, sepia and black pages alike.  Run again after changing a shape:

    python scripts/make_ornaments.py          # writes src/fic2epub/render/ornaments/*.png
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "src" / "fic2epub" / "render" / "ornaments"
GREY = (112, 112, 112)
SCALE = 4


def _canvas(width: int, height: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    mask = Image.new("L", (width * SCALE, height * SCALE), 0)
    return mask, ImageDraw.Draw(mask)


def _finish(mask: Image.Image, width: int, height: int, name: str) -> None:
    alpha = mask.resize((width, height), Image.Resampling.LANCZOS)
    image = Image.new("RGBA", (width, height), (*GREY, 0))
    image.putalpha(alpha)
    OUT.mkdir(parents=True, exist_ok=True)
    image.save(OUT / name, optimize=True)


def _asterisk(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float, stroke: float) -> None:
    """A six-armed asterisk: three strokes through the centre, round-ended."""
    for angle in (90, 30, 150):
        dx = radius * math.cos(math.radians(angle))
        dy = radius * math.sin(math.radians(angle))
        ends = [(cx - dx, cy - dy), (cx + dx, cy + dy)]
        draw.line(ends, fill=255, width=round(stroke))
        for x, y in ends:
            r = stroke / 2
            draw.ellipse([x - r, y - r, x + r, y + r], fill=255)


def rule() -> None:
    """A rule that swells in the middle and fades to points at both ends: 10:1."""
    width, height = 240, 24
    mask, draw = _canvas(width, height)
    w, h = width * SCALE, height * SCALE
    half = 1.6 * SCALE  # half the thickness at the middle
    top, bottom = [], []
    steps = 200
    for i in range(steps + 1):
        x = w * 0.02 + (w * 0.96) * i / steps
        t = abs(i / steps - 0.5) * 2  # 0 in the middle, 1 at the ends
        y = half * (1 - t**2) + 0.25 * SCALE
        top.append((x, h / 2 - y))
        bottom.append((x, h / 2 + y))
    draw.polygon(top + bottom[::-1], fill=255)
    _finish(mask, width, height, "break-rule.png")


def asterisks() -> None:
    """Three asterisks in a row, well apart: 5:1."""
    width, height = 240, 48
    mask, draw = _canvas(width, height)
    w, h = width * SCALE, height * SCALE
    for cx in (w * 0.2, w * 0.5, w * 0.8):
        _asterisk(draw, cx, h / 2, radius=h * 0.26, stroke=2.6 * SCALE)
    _finish(mask, width, height, "break-asterisks.png")


def asterism() -> None:
    """An asterism: three asterisks in a triangle, one above two: 5:4."""
    width, height = 60, 48
    mask, draw = _canvas(width, height)
    w, h = width * SCALE, height * SCALE
    radius, stroke = h * 0.17, 2.2 * SCALE
    _asterisk(draw, w / 2, h * 0.3, radius, stroke)
    _asterisk(draw, w / 2 - h * 0.23, h * 0.7, radius, stroke)
    _asterisk(draw, w / 2 + h * 0.23, h * 0.7, radius, stroke)
    _finish(mask, width, height, "break-asterism.png")


if __name__ == "__main__":
    rule()
    asterisks()
    asterism()
    for path in sorted(OUT.glob("*.png")):
        print(f"{path.relative_to(OUT.parent.parent.parent.parent)}: {path.stat().st_size} bytes")
