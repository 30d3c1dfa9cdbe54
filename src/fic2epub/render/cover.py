"""Covers: one drawn with Pillow from the title, authors and fandom, or the user's own image made fit
for readers.  The same story always gets the same cover: its colours come from a hash of its title
and authors, and every step is deterministic.

Fonts ship with the package (fic2epub/fonts, licences beside them): DejaVu Serif for Latin, Greek and
Cyrillic, a subset of Noto Serif CJK SC for Chinese and Japanese.  A character that no bundled font has
is drawn with a system font that has it, or left out.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..errors import CoverError

SIZE = (1600, 2560)
MARGIN = 170
FONT_FILES = {
    "title": ("DejaVuSerif-Bold.ttf", "NotoSerifCJKsc-Bold-subset.otf"),
    "text": ("DejaVuSerif.ttf", "NotoSerifCJKsc-Bold-subset.otf"),
}
SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "C:/Windows/Fonts")

Font = ImageFont.FreeTypeFont


@cache
def _font_path(name: str) -> str:
    return str(resources.files("fic2epub.fonts").joinpath(name))


@cache
def _coverage(path: str) -> frozenset[int]:
    """The code points a font has glyphs for."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=0, lazy=True)
    return frozenset(font.getBestCmap() or {})


@cache
def _system_fonts() -> tuple[str, ...]:
    found: list[str] = []
    for folder in SYSTEM_FONT_DIRS:
        base = Path(folder)
        if base.is_dir():
            found.extend(sorted(str(p) for p in base.rglob("*") if p.suffix.lower() in (".ttf", ".otf")))
    return tuple(found)


@cache
def _font(path: str, size: int) -> Font:
    return ImageFont.truetype(path, size)


def _font_for(char: str, role: str) -> str | None:
    """The first font, bundled then system, that has a glyph for `char`."""
    code = ord(char)
    for name in FONT_FILES[role]:
        path = _font_path(name)
        if code in _coverage(path):
            return path
    for path in _system_fonts():
        try:
            if code in _coverage(path):
                return path
        except Exception:
            continue
    return None


def _runs(text: str, role: str) -> list[tuple[str, str]]:
    """The text split into (font path, text) runs; characters no font has are dropped."""
    runs: list[tuple[str, str]] = []
    for char in text:
        if char.isspace():
            path = runs[-1][0] if runs else _font_path(FONT_FILES[role][0])
        else:
            found = _font_for(char, role)
            if found is None:
                continue
            path = found
        if runs and runs[-1][0] == path:
            runs[-1] = (path, runs[-1][1] + char)
        else:
            runs.append((path, char))
    return runs


def _width(text: str, role: str, size: int) -> float:
    return sum(_font(path, size).getlength(part) for path, part in _runs(text, role))


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Words for wrapping; CJK text breaks between any two characters."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if char.isspace():
            if word:
                tokens.append(word)
            word = ""
        elif _is_wide(char):
            if word:
                tokens.append(word)
            tokens.append(char)
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, role: str, size: int, width: int) -> list[str]:
    """Lines of `text` no wider than `width` at `size` where a line break can make them so."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        joiner = "" if (not line or _is_wide(token[0]) or _is_wide(line[-1])) else " "
        candidate = line + joiner + token
        if line and _width(candidate, role, size) > width:
            lines.append(line)
            line = token
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


@dataclass
class TextBlock:
    """Lines of text set at one size, and the box they take."""

    lines: list[str]
    size: int
    role: str
    line_height: int

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)

    def widest(self) -> float:
        return max((_width(line, self.role, self.size) for line in self.lines), default=0.0)


def fit(text: str, role: str, width: int, height: int, largest: int, smallest: int = 28) -> TextBlock:
    """The largest size (down to `smallest`) at which `text` wraps into the box; long words shrink it too."""
    size = largest
    while True:
        lines = wrap(text, role, size, width)
        block = TextBlock(lines, size, role, int(size * 1.22))
        if (block.height <= height and block.widest() <= width) or size <= smallest:
            if block.widest() > width:  # one unbreakable word wider than the box: cut it to fit
                block.lines = [_clip(line, role, size, width) for line in block.lines]
            else:
                block.lines = _balanced(text, role, size, width, len(lines))
            return block
        size = max(smallest, int(size * 0.92))


def _balanced(text: str, role: str, size: int, width: int, count: int) -> list[str]:
    """The same number of lines, as even as they can be: no lone word or character left on the last."""
    best = wrap(text, role, size, width)
    narrower = width
    while narrower > width // 2:
        narrower -= max(8, width // 40)
        lines = wrap(text, role, size, narrower)
        if len(lines) > count or any(_width(line, role, size) > narrower for line in lines):
            break
        best = lines
    return best


def _clip(line: str, role: str, size: int, width: int) -> str:
    while line and _width(line + "…", role, size) > width:
        line = line[:-1]
    return line + "…" if line else line


def palette(key: str) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
    """Background, accent and text colours derived from `key`: dark, saturated enough, always legible."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    hue = digest[0] / 255
    saturation = 0.35 + digest[1] / 255 * 0.3
    lightness = 0.20 + digest[2] / 255 * 0.1

    def rgb(h: float, light: float, sat: float) -> tuple[int, int, int]:
        r, g, b = colorsys.hls_to_rgb(h % 1.0, light, sat)
        return round(r * 255), round(g * 255), round(b * 255)

    background = rgb(hue, lightness, saturation)
    accent = rgb(hue + 0.08 + digest[3] / 255 * 0.1, 0.68, 0.55)
    text = rgb(hue, 0.95, 0.25)
    return background, accent, text


def _draw_line(
    draw: ImageDraw.ImageDraw,
    line: str,
    role: str,
    size: int,
    y: int,
    fill: tuple[int, int, int],
    canvas_width: int,
) -> None:
    x = (canvas_width - _width(line, role, size)) / 2
    for path, part in _runs(line, role):
        font = _font(path, size)
        draw.text((x, y), part, font=font, fill=fill)
        x += font.getlength(part)


def layout(
    title: str, authors: Sequence[str], fandom: str | None, size: tuple[int, int] = SIZE
) -> dict[str, TextBlock]:
    """The text blocks of a cover: title, byline and fandom, each fitted into its own box."""
    width, height = size
    box = width - 2 * MARGIN
    blocks = {"title": fit(title.strip() or "Untitled", "title", box, int(height * 0.42), int(width * 0.125))}
    if authors:
        blocks["authors"] = fit(" & ".join(authors), "text", box, int(height * 0.12), int(width * 0.055))
    if fandom:
        blocks["fandom"] = fit(fandom.upper(), "text", box, int(height * 0.08), int(width * 0.034))
    return blocks


def generate_cover(
    title: str, authors: Sequence[str], fandom: str | None = None, *, size: tuple[int, int] = SIZE
) -> bytes:
    """A JPEG cover for a story: title, authors and fandom on colours derived from the story."""
    width, height = size
    background, accent, ink = palette(title + "\x00" + "\x00".join(authors))
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    inset = int(width * 0.05)
    draw.rectangle((inset, inset, width - inset, height - inset), outline=accent, width=max(2, width // 200))
    inner = inset + int(width * 0.018)
    draw.rectangle((inner, inner, width - inner, height - inner), outline=accent, width=max(1, width // 800))
    blocks = layout(title, authors, fandom, size)
    title_block = blocks["title"]
    y = int(height * 0.40) - title_block.height // 2
    y = max(y, int(height * 0.12))
    for line in title_block.lines:
        _draw_line(draw, line, "title", title_block.size, y, ink, width)
        y += title_block.line_height
    rule_y = y + int(height * 0.035)
    half = int(width * 0.12)
    draw.line((width // 2 - half, rule_y, width // 2 + half, rule_y), fill=accent, width=max(2, width // 300))
    draw.ellipse((width // 2 - 9, rule_y - 9, width // 2 + 9, rule_y + 9), fill=accent)
    if "authors" in blocks:
        author_block = blocks["authors"]
        y = rule_y + int(height * 0.045)
        for line in author_block.lines:
            _draw_line(draw, line, "text", author_block.size, y, ink, width)
            y += author_block.line_height
    if "fandom" in blocks:
        fandom_block = blocks["fandom"]
        y = int(height * 0.86) - fandom_block.height
        for line in fandom_block.lines:
            _draw_line(draw, line, "text", fandom_block.size, y, accent, width)
            y += fandom_block.line_height
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, optimize=True, progressive=False)
    return out.getvalue()


def prepare_user_cover(path: Path, *, max_size: tuple[int, int] = SIZE) -> tuple[bytes, str]:
    """A user's cover image as a JPEG that fits readers: RGB, within `max_size`, no metadata."""
    try:
        with Image.open(path) as source:
            source.load()
            image = source.copy()
    except FileNotFoundError:
        raise CoverError("no such cover image", path) from None
    except Image.DecompressionBombError:
        raise CoverError("the cover image is too large to open safely", path) from None
    except (OSError, ValueError, SyntaxError) as exc:
        reason = "not an image Pillow can read" if "identify" in str(exc) else f"a broken image ({exc})"
        raise CoverError(f"the cover is {reason}", path, hint="use a JPEG or PNG file") from None
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    else:
        image = image.convert("RGB")
    if image.width > max_size[0] or image.height > max_size[1]:
        image.thumbnail(max_size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, optimize=True, progressive=False)
    return out.getvalue(), "image/jpeg"
