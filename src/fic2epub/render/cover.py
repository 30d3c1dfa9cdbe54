"""Covers: one drawn from the story's title, authors and fandom, or the reader's own image made fit for
e-readers.

A drawn cover is the same for the same story: its colours and its pattern come from a hash of the title
and the authors, text is set with Pillow's basic layout engine (so it does not matter whether a machine has
libraqm), and the JPEG is written with fixed settings and no metadata.  The same inputs give byte-identical
JPEGs on any machine with the same Pillow.

Fonts ship in fic2epub/fonts (covers/README.md says where they come from): Noto Serif Display for Latin,
Greek and Cyrillic, DejaVu Serif and a DejaVu Sans symbol subset behind it, and a subset of Noto Serif CJK
for Chinese, Japanese and Korean.  Each character is drawn with the first of those that has a glyph for it.
A character none of them has is drawn with the first system font that has it (the one case where covers
can differ between machines), and left out when no font at all has it: a cover never shows empty boxes.

`layout` does all the text placing without drawing, so the tests can check where every piece of text goes.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
import math
import random
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from ..errors import CoverError

SIZE = (1600, 2560)
JPEG_QUALITY = 90
MIN_SIZE = (160, 256)

CJK_FONT = "NotoSerifCJKsc-Bold-subset.otf"
SYMBOL_FONT = "DejaVuSans-Bold-symbols.ttf"
# The fonts of each kind of text, first choice first.
ROLE_FONTS: dict[str, tuple[str, ...]] = {
    "title": ("NotoSerifDisplay-Bold.ttf", "DejaVuSerif-Bold.ttf", SYMBOL_FONT, CJK_FONT),
    "author": ("NotoSerifDisplay-Italic.ttf", "DejaVuSerif.ttf", SYMBOL_FONT, CJK_FONT),
    "label": ("NotoSerifDisplay-Bold.ttf", "DejaVuSerif-Bold.ttf", SYMBOL_FONT, CJK_FONT),
}
# Letter spacing (in ems) and line spacing (in font sizes) of each kind of text.
TRACKING = {"title": 0.0, "author": 0.01, "label": 0.16}
LEADING = {"title": 1.1, "author": 1.3, "label": 1.5}
CJK_LEADING = 1.3
SYSTEM_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/Library/Fonts",
    "C:/Windows/Fonts",
)
# Pillow's own limit for images it opens: beyond this a cover is taken for a decompression bomb.
MAX_PIXELS = 89_478_485

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]


# ----------------------------------------------------------------------------------------------- fonts


@cache
def bundled_font(name: str) -> str:
    """The path of a font shipped in fic2epub/fonts."""
    return str(resources.files("fic2epub.fonts").joinpath(name))


@cache
def font_coverage(path: str) -> frozenset[int]:
    """The code points a font (the first face of a collection) has glyphs for; empty if it can't be read."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:  # a broken or unusual system font: treat it as covering nothing
        return frozenset()


@cache
def _system_fonts() -> tuple[str, ...]:
    found: list[str] = []
    for folder in SYSTEM_FONT_DIRS:
        base = Path(folder).expanduser()
        if base.is_dir():
            found.extend(
                sorted(str(p) for p in base.rglob("*") if p.suffix.lower() in (".ttf", ".otf", ".ttc"))
            )
    return tuple(found)


@cache
def _scalable(path: str) -> bool:
    """Whether Pillow can draw with the font at any size (colour-bitmap emoji fonts it can't)."""
    try:
        _font(path, 37)
    except OSError:
        return False
    return True


@lru_cache(maxsize=512)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


@cache
def font_for(char: str, role: str) -> str | None:
    """The first font, bundled then system, that has a glyph for `char`; None when none has."""
    code = ord(char)
    for name in ROLE_FONTS[role]:
        path = bundled_font(name)
        if code in font_coverage(path):
            return path
    for path in _system_fonts():
        if code in font_coverage(path) and _scalable(path):
            return path
    return None


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


# Punctuation that CJK text draws full-width: taken from the CJK font when its neighbours are CJK.
_CJK_CONTEXT_PUNCTUATION = frozenset("“”‘’…—–·‥")


def clean(text: str, role: str) -> str:
    """`text` in NFC with whitespace collapsed, controls removed and characters no font has left out."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        elif font_for(char, role) is not None:
            kept.append(char)
    return " ".join("".join(kept).split())


@lru_cache(maxsize=4096)
def runs(text: str, role: str) -> tuple[tuple[str, str], ...]:
    """`text` cut into (font path, text) runs, each run drawn with one font.

    Spaces and combining marks go with the character before them (when that font has the mark); quotes,
    dashes and ellipses between CJK characters take the CJK font.  Characters no font has are dropped.
    """
    cjk = bundled_font(CJK_FONT)
    chosen: list[tuple[str, str | None]] = []
    for char in text:
        if char.isspace():
            chosen.append((char, None))
        elif _is_mark(char) and chosen and chosen[-1][1] and ord(char) in font_coverage(chosen[-1][1] or ""):
            chosen.append((char, chosen[-1][1]))
        else:
            chosen.append((char, font_for(char, role)))
    for i, (char, _) in enumerate(chosen):
        if char in _CJK_CONTEXT_PUNCTUATION and ord(char) in font_coverage(cjk):
            before = next((c for c, _ in reversed(chosen[:i]) if not c.isspace()), "")
            after = next((c for c, _ in chosen[i + 1 :] if not c.isspace()), "")
            if (before and _is_wide(before)) or (after and _is_wide(after)):
                chosen[i] = (char, cjk)
    out: list[tuple[str, str]] = []
    primary = bundled_font(ROLE_FONTS[role][0])
    for i, (char, path) in enumerate(chosen):
        if path is None and char.isspace():
            path = out[-1][0] if out else next((p for c, p in chosen[i:] if p), primary)
        if path is None:
            continue
        if out and out[-1][0] == path:
            out[-1] = (path, out[-1][1] + char)
        else:
            out.append((path, char))
    return tuple(out)


# ------------------------------------------------------------------------------------------ line breaks

# Characters a line may not start with, and ones it may not end with (kinsoku shori, and Western quotes).
_NO_START = frozenset(
    "、。，．,.!?！？：；:;)）]］}｝」』】〕〉》〗〙〛’”»›…‥ー～〜ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻・·ゝゞヽヾ%‰"
)
_NO_END = frozenset("(（[［{｛「『【〔〈《〖〘〚‘“«‹")
_BREAK_AFTER = frozenset("-‐/–—")


def _is_hangul(char: str) -> bool:
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _may_break(before: str, after: str) -> bool:
    """Whether a line may break between two characters with no space between them."""
    if after in _NO_START or before in _NO_END or _is_mark(after):
        return False
    if (_is_wide(before) and not _is_hangul(before)) or (_is_wide(after) and not _is_hangul(after)):
        return True
    return before in _BREAK_AFTER and after.isalnum()


def units(text: str) -> list[str]:
    """`text` cut where lines may break: words, single spaces, and single CJK characters."""
    out: list[str] = []
    word = ""
    for char in text:
        if char == " ":
            if word:
                out.append(word)
            out.append(" ")
            word = ""
        elif word and _may_break(word[-1], char):
            out.append(word)
            word = char
        else:
            word += char
    if word:
        out.append(word)
    return out


def _wrap(parts: Sequence[str], widths: Sequence[float], limit: float) -> list[tuple[int, int]]:
    """Greedy line breaking: (start, end) index pairs of `parts`, spaces at line ends left out."""
    lines: list[tuple[int, int]] = []
    start = last = -1
    width = 0.0
    pending = 0.0
    for i, (part, part_width) in enumerate(zip(parts, widths, strict=True)):
        if part == " ":
            if start >= 0:
                pending += part_width
            continue
        if start < 0:
            start, width, pending = i, part_width, 0.0
        elif width + pending + part_width > limit:
            lines.append((start, last))
            start, width, pending = i, part_width, 0.0
        else:
            width += pending + part_width
            pending = 0.0
        last = i + 1
    if start >= 0:
        lines.append((start, last))
    return lines


def _balanced(parts: Sequence[str], widths: Sequence[float], limit: float) -> list[tuple[int, int]]:
    """The fewest lines greedy breaking gives within `limit`, made as even in length as they can be."""
    lines = _wrap(parts, widths, limit)
    if len(lines) <= 1:
        return lines
    low = max(w for p, w in zip(parts, widths, strict=True) if p != " ")
    high = limit
    for _ in range(16):
        middle = (low + high) / 2
        if len(_wrap(parts, widths, middle)) <= len(lines):
            high = middle
        else:
            low = middle
    return _wrap(parts, widths, high)


# ------------------------------------------------------------------------------------------ text blocks


@dataclass(frozen=True)
class Piece:
    """A run of text in one font, drawn with the left end of its baseline at (x, y)."""

    text: str
    font: str
    size: int
    x: float
    y: float

    @property
    def box(self) -> Box:
        """The ink bounds of the piece on the cover."""
        left, top, right, bottom = _font(self.font, self.size).getbbox(self.text, anchor="ls")
        return (self.x + left, self.y + top, self.x + right, self.y + bottom)


def _union(boxes: Iterable[Box]) -> Box:
    listed = list(boxes)
    if not listed:
        return (0.0, 0.0, 0.0, 0.0)
    return (
        min(b[0] for b in listed),
        min(b[1] for b in listed),
        max(b[2] for b in listed),
        max(b[3] for b in listed),
    )


@dataclass(frozen=True)
class TextBlock:
    """Lines of text set at one size, centred on x = 0 until `moved` to their place."""

    role: str
    size: int
    lines: tuple[str, ...]
    pieces: tuple[Piece, ...]
    truncated: bool = False

    @property
    def box(self) -> Box:
        """The ink bounds of the whole block."""
        return _union(p.box for p in self.pieces if not p.text.isspace())

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    def moved(self, dx: float, dy: float) -> TextBlock:
        return replace(self, pieces=tuple(replace(p, x=p.x + dx, y=p.y + dy) for p in self.pieces))

    def placed(self, centre_x: float, top: float) -> TextBlock:
        """The block moved so that its ink is centred on `centre_x` and starts at `top`."""
        return self.moved(round(centre_x), round(top - self.box[1]))


@lru_cache(maxsize=8192)
def _advance(text: str, role: str, size: int) -> float:
    tracking = TRACKING[role] * size
    total = 0.0
    for path, part in runs(text, role):
        font = _font(path, size)
        total += sum(font.getlength(c) + tracking for c in part) if tracking else font.getlength(part)
    return total


def _line_pieces(line: str, role: str, size: int, baseline: float) -> list[Piece]:
    """The pieces of one line, its ink centred on x = 0."""
    tracking = TRACKING[role] * size
    pieces: list[Piece] = []
    x = 0.0
    for path, part in runs(line, role):
        font = _font(path, size)
        if tracking:
            for char in part:
                pieces.append(Piece(char, path, size, x, baseline))
                x += font.getlength(char) + tracking
        else:
            pieces.append(Piece(part, path, size, x, baseline))
            x += font.getlength(part)
    left, _, right, _ = _union(p.box for p in pieces if not p.text.isspace())
    shift = -round((left + right) / 2)
    return [replace(p, x=p.x + shift) for p in pieces]


def _set_step(text: str, role: str, size: int) -> int:
    """The baseline-to-baseline distance of the role's lines: more when the text has CJK."""
    cjk = bundled_font(CJK_FONT)
    has_cjk = any(path == cjk for path, _ in runs(text, role))
    return round(size * (max(LEADING[role], CJK_LEADING) if has_cjk else LEADING[role]))


def _set(lines: Sequence[str], role: str, size: int, *, truncated: bool = False) -> TextBlock:
    step = _set_step("".join(lines), role, size)
    pieces = [p for i, line in enumerate(lines) for p in _line_pieces(line, role, size, i * step)]
    return TextBlock(role, size, tuple(lines), tuple(pieces), truncated)


_SOFT_HYPHEN = "\u00ad"


def _split_wide(parts: list[str], role: str, size: int, limit: float) -> list[str]:
    """Words wider than `limit` cut into single characters, each but the last marked with a soft hyphen
    (where a line ends inside such a word it gets a hyphen, unless the word is CJK)."""
    out: list[str] = []
    for part in parts:
        if part != " " and len(part) > 1 and _advance(part, role, size) > limit:
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
        return text if text and _is_wide(text[-1]) else text + "-"
    return text.replace(_SOFT_HYPHEN, "")


def _widths(parts: Sequence[str], role: str, size: int) -> list[float]:
    return [_advance(p.replace(_SOFT_HYPHEN, ""), role, size) for p in parts]


def _try(
    parts: list[str], role: str, size: int, width: float, height: float, max_lines: int | None
) -> TextBlock | None:
    widths = _widths(parts, role, size)
    if max(w for p, w in zip(parts, widths, strict=True) if p != " ") > width:
        return None
    limit = width - (_advance("-", role, size) if any(_SOFT_HYPHEN in p for p in parts) else 0)
    spans = _wrap(parts, widths, limit)
    if max_lines is not None and len(spans) > max_lines:
        return None
    if (len(spans) - 1) * _line_step(parts, role, size) + size * 0.7 > height:  # too tall, whatever the ink
        return None
    block = _set([_line(parts[a:b]) for a, b in _balanced(parts, widths, limit)], role, size)
    return block if block.width <= width and block.height <= height else None


def _line_step(parts: Sequence[str], role: str, size: int) -> int:
    return _set_step("".join(parts).replace(_SOFT_HYPHEN, ""), role, size)


def _truncated(
    parts: list[str], role: str, size: int, width: float, height: float, max_lines: int | None
) -> TextBlock:
    """What fits of the text at `size`, ending in an ellipsis: only for text far too long for its box."""
    parts = _split_wide(parts, role, size, width)
    spans = _wrap(parts, _widths(parts, role, size), width)
    count = len(spans) if max_lines is None else min(len(spans), max_lines)
    for keep in range(count, 0, -1):
        a, b = spans[keep - 1]
        last = parts[a:b]
        while True:
            line = _line(last).rstrip(" -,;:") + "…"
            if not last or _advance(line, role, size) <= width:
                break
            last = last[:-1]
        lines = [_line(parts[x:y]) for x, y in spans[: keep - 1]] + [line]
        block = _set(lines, role, size, truncated=True)
        if block.height <= height and block.width <= width:
            return block
    return _set(["…"], role, size, truncated=True)


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


# ---------------------------------------------------------------------------------------------- colours


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


def _mix(first: RGB, second: RGB, amount: float) -> RGB:
    r, g, b = (round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))
    return (r, g, b)


@dataclass(frozen=True)
class Palette:
    """The colours of a cover: ground, text, accent (rules, fandom) and the tints of its pattern."""

    background: RGB
    ink: RGB
    accent: RGB
    tints: tuple[RGB, ...]
    dark: bool


def _digest(title: str, authors: Sequence[str]) -> bytes:
    key = "\x1f".join([title.strip(), *(a.strip() for a in authors)])
    return hashlib.sha256(key.encode("utf-8")).digest()


# Hues (degrees) of grounds that look good dark and pale: navy, petrol, teal, forest, olive, ochre, rust,
# crimson, wine, plum, violet, indigo; each cover's hue is one of them, moved by up to 8 degrees.
HUES = (215, 195, 172, 145, 80, 40, 18, 352, 332, 295, 265, 235)


def palette(title: str, authors: Sequence[str]) -> Palette:
    """Colours from a hash of the title and authors.  Text is always legible: the ink has a contrast of
    at least 7:1 with the ground, the accent (fandom, rules) at least 4.5:1."""
    d = _digest(title, authors)
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
    tints = tuple(_mix(background, accent, amount) for amount in (0.10, 0.17, 0.25, 0.34))
    return Palette(background, ink, accent, tints, dark)


# ----------------------------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class CoverLayout:
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


# -------------------------------------------------------------------------------------------- drawing

_SUPERSAMPLE = 3


def _smooth(
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


def _pattern(image: Image.Image, box: tuple[int, int, int, int], colours: Palette, seed: bytes) -> None:
    rng = random.Random(int.from_bytes(seed, "big"))
    draw_pattern = _PATTERNS[seed[0] % len(_PATTERNS)]
    width, height = box[2] - box[0], box[3] - box[1]

    def paint(draw: ImageDraw.ImageDraw, scale: float) -> None:
        draw_pattern(draw, width * scale, height * scale, colours, rng)

    _smooth(image, box, colours.background, paint)


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

    _smooth(image, box, colours.background, paint)


def _jpeg(image: Image.Image, subsampling: int) -> bytes:
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
    _pattern(image, plan.pattern, colours, _digest(title, authors)[6:22])
    draw = ImageDraw.Draw(image)
    _frame(draw, size, plan.frame, _mix(colours.background, colours.accent, 0.8))
    _ornament(image, (size[0] // 2, plan.ornament_y), size[0], colours)
    if plan.fandom_rule_y is not None:
        half = round(size[0] * 0.035)
        y = plan.fandom_rule_y
        draw.rectangle(
            (size[0] // 2 - half, y, size[0] // 2 + half, y + max(1, round(size[0] * 0.0015))),
            fill=colours.accent,
        )
    author_ink = _mix(colours.ink, colours.background, 0.08)
    for block, colour in (
        (plan.title, colours.ink),
        (plan.authors, author_ink),
        (plan.fandom, colours.accent),
    ):
        for piece in block.pieces if block else ():
            draw.text(
                (piece.x, piece.y), piece.text, font=_font(piece.font, piece.size), fill=colour, anchor="ls"
            )
    return image


def generate_cover(
    title: str, authors: Sequence[str], fandom: str | None = None, *, size: tuple[int, int] = SIZE
) -> bytes:
    """A JPEG cover for a story: the title large, the authors below it, the fandom above, on colours and a
    pattern that come from the title and authors.  The same arguments always give the same bytes."""
    return _jpeg(render(title, authors, fandom, size=size), subsampling=0)


# ------------------------------------------------------------------------------------------ user covers


def _to_srgb(image: Image.Image) -> Image.Image:
    """An RGB or CMYK image with an embedded colour profile converted to sRGB; others as they are."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "CMYK"):
        return image
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    except (ImportError, OSError, ValueError, TypeError):
        return image
    return converted if converted is not None else image


def _flatten(image: Image.Image) -> Image.Image:
    """The image as RGB: turned upright, transparency laid on white, 16-bit grey scaled to 8 bits."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    image = _to_srgb(image)
    transparent = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if transparent:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        return white.convert("RGB")
    return image.convert("RGB")


def prepare_user_cover(path: Path, *, max_size: tuple[int, int] = SIZE) -> tuple[bytes, str]:
    """The reader's cover image as JPEG bytes and "image/jpeg": RGB (transparency flattened on white),
    upright, shrunk to fit `max_size` keeping its shape (never enlarged), with no metadata.

    A missing file, one that is not an image, a truncated or damaged image, and one so large it may be a
    decompression bomb are a CoverError naming the file."""
    path = Path(path)
    if not path.exists():
        raise CoverError("no such cover image", path=path)
    if not path.is_file():
        raise CoverError("the cover is not a file", path=path, hint="give the path of a JPEG or PNG image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as source:
                pixels = source.width * source.height
                if pixels > MAX_PIXELS:
                    raise Image.DecompressionBombError(f"{source.width}x{source.height} pixels")
                source.load()
                image = _flatten(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CoverError(
            f"the cover image is too large to open safely (over {MAX_PIXELS:,} pixels)",
            path=path,
            hint="shrink it first",
        ) from None
    except UnidentifiedImageError:
        raise CoverError(
            "the cover is not an image fic2epub can read", path=path, hint="use a JPEG, PNG, GIF or WebP file"
        ) from None
    except PermissionError:
        raise CoverError("the cover image cannot be read (permission denied)", path=path) from None
    except (OSError, ValueError, SyntaxError, EOFError, IndexError) as exc:
        raise CoverError(f"the cover image is damaged or truncated ({exc})", path=path) from None
    limit_w, limit_h = max_size
    if image.width > limit_w or image.height > limit_h:
        scale = min(limit_w / image.width, limit_h / image.height)
        fitted = (
            min(limit_w, max(1, round(image.width * scale))),
            min(limit_h, max(1, round(image.height * scale))),
        )
        image = image.resize(fitted, Image.Resampling.LANCZOS)
    return _jpeg(image, subsampling=2), "image/jpeg"
