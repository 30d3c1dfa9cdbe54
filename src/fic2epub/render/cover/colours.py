"""A cover's colours, chosen from a hash of the title and authors, always legible."""

from __future__ import annotations

import colorsys
import hashlib
from collections.abc import Sequence
from typing import NamedTuple

RGB = tuple[int, int, int]


def _rgb(hue: float, saturation: float, lightness: float) -> RGB:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, min(1.0, max(0.0, lightness)), saturation)
    return (round(r * 255), round(g * 255), round(b * 255))


def _luminance(colour: RGB) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: RGB, second: RGB) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(first: RGB, second: RGB, amount: float) -> RGB:
    r, g, b = (round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))
    return (r, g, b)


class Palette(NamedTuple):
    """The colours of a cover: ground, text, and accent (rules, fandom, ornament; its pattern is tinted
    towards it)."""

    background: RGB
    ink: RGB
    accent: RGB
    dark: bool


def digest(title: str, authors: Sequence[str]) -> bytes:
    """The hash every choice a cover makes comes from."""
    key = "\x1f".join([title.strip(), *(a.strip() for a in authors)])
    return hashlib.sha256(key.encode("utf-8")).digest()


# Hues (degrees) of grounds that look good dark and pale: navy, petrol, teal, forest, olive, ochre, rust,
# crimson, wine, plum, violet, indigo; each cover's hue is one of them, moved by up to 8 degrees.
HUES = (215, 195, 172, 145, 80, 40, 18, 352, 332, 295, 265, 235)


def palette(title: str, authors: Sequence[str]) -> Palette:
    """Colours from a hash of the title and authors.  Text is always legible: the ink has a contrast of
    at least 7:1 with the ground, the accent (fandom, rules) at least 4.5:1."""
    d = digest(title, authors)
    hue = (HUES[d[0] % len(HUES)] + (d[1] / 255 - 0.5) * 16) / 360
    dark = d[2] >= 80  # about two covers in three are dark, the rest pale
    accent_hue = hue + (0.07, -0.07, 0.5, 0.13)[d[5] % 4]
    # Lightness moves away from the ink (ground) or away from the ground (accent) until they contrast.
    away = -0.01 if dark else 0.01
    if dark:
        saturation, lightness, accent_light = 0.30 + d[3] / 255 * 0.30, 0.15 + d[4] / 255 * 0.10, 0.66
        ink = _rgb(hue, 0.35, 0.94)
    else:
        saturation, lightness, accent_light = 0.22 + d[3] / 255 * 0.25, 0.86 + d[4] / 255 * 0.05, 0.40
        ink = _rgb(hue, 0.55, 0.14)
    background = _rgb(hue, saturation, lightness)
    while contrast(ink, background) < 7 and 0 < lightness < 1:
        lightness += away
        background = _rgb(hue, saturation, lightness)
    accent = _rgb(accent_hue, 0.55, accent_light)
    while contrast(accent, background) < 4.5 and 0 < accent_light < 1:
        accent_light -= 2 * away
        accent = _rgb(accent_hue, 0.55, accent_light)
    return Palette(background, ink, accent, dark)
