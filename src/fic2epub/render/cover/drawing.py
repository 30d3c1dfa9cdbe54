"""The drawn cover: frame, pattern, ornament and text on the story's colours, encoded as a JPEG."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw

from .colours import RGB, Palette, digest, mix, palette
from .fonts import font
from .layout import SIZE, layout
from .patterns import draw_pattern, smooth

JPEG_QUALITY = 90
MIN_SIZE = (160, 256)


def _frame(draw: ImageDraw.ImageDraw, size: tuple[int, int], frame: tuple[int, int], colour: RGB) -> None:
    width, height = size
    outer, inner = frame
    draw.rectangle(
        (outer, outer, width - 1 - outer, height - 1 - outer),
        outline=colour,
        width=max(2, round(width * 0.004)),
    )
    draw.rectangle(
        (inner, inner, width - 1 - inner, height - 1 - inner),
        outline=colour,
        width=max(1, round(width * 0.0015)),
    )


def _ornament(image: Image.Image, centre: tuple[int, int], width: int, colours: Palette) -> None:
    """A rule with a diamond at its middle and a dot at either end."""
    half = round(width * 0.15)
    diamond = width * 0.013
    stroke = max(1.0, width * 0.0022)
    x0, y0 = centre[0] - half - 8, centre[1] - round(diamond) - 4
    box = (x0, y0, centre[0] + half + 8, centre[1] + round(diamond) + 4)

    def paint(draw: ImageDraw.ImageDraw, s: float) -> None:
        cx, cy = (centre[0] - x0) * s, (centre[1] - y0) * s
        d, t, r = diamond * s, stroke * s / 2, half * s
        for sign in (-1, 1):
            draw.polygon(
                [
                    (cx + sign * d * 1.6, cy - t),
                    (cx + sign * r, cy - t),
                    (cx + sign * r, cy + t),
                    (cx + sign * d * 1.6, cy + t),
                ],
                fill=colours.accent,
            )
            dot = d * 0.32
            end = cx + sign * (r + 0.0)
            draw.ellipse((end - dot, cy - dot, end + dot, cy + dot), fill=colours.accent)
        draw.polygon([(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)], fill=colours.accent)

    smooth(image, box, colours.background, paint)


def jpeg(image: Image.Image, subsampling: int) -> bytes:
    image.info.clear()  # Pillow would write a comment or profile kept in info
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False, subsampling=subsampling)
    return out.getvalue()


def render(
    title: str, authors: Sequence[str], fandom: str | None = None, *, size: tuple[int, int] = SIZE
) -> Image.Image:
    """The cover as a Pillow image (what `generate_cover` encodes)."""
    if size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]:
        raise ValueError(
            f"a cover must be at least {MIN_SIZE[0]}x{MIN_SIZE[1]} pixels, not {size[0]}x{size[1]}"
        )
    plan = layout(title, authors, fandom, size=size)
    colours = palette(title, authors)
    image = Image.new("RGB", size, colours.background)
    draw_pattern(image, plan.pattern, colours, digest(title, authors)[6:22])
    draw = ImageDraw.Draw(image)
    _frame(draw, size, plan.frame, mix(colours.background, colours.accent, 0.8))
    _ornament(image, (size[0] // 2, plan.ornament_y), size[0], colours)
    if plan.fandom_rule_y is not None:
        half = round(size[0] * 0.035)
        y = plan.fandom_rule_y
        draw.rectangle(
            (size[0] // 2 - half, y, size[0] // 2 + half, y + max(1, round(size[0] * 0.0015))),
            fill=colours.accent,
        )
    author_ink = mix(colours.ink, colours.background, 0.08)
    for block, colour in (
        (plan.title, colours.ink),
        (plan.authors, author_ink),
        (plan.fandom, colours.accent),
    ):
        for piece in block.pieces if block else ():
            draw.text(
                (piece.x, piece.y), piece.text, font=font(piece.font, piece.size), fill=colour, anchor="ls"
            )
    return image


def generate_cover(
    title: str, authors: Sequence[str], fandom: str | None = None, *, size: tuple[int, int] = SIZE
) -> bytes:
    """A JPEG cover for a story: the title large, the authors below it, the fandom above, on colours and a
    pattern that come from the title and authors.  The same arguments always give the same bytes."""
    return jpeg(render(title, authors, fandom, size=size), subsampling=0)
