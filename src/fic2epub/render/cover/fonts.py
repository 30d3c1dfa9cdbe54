"""Which font draws each character of a cover's text.

Each character is drawn with the first font of its role's list that has a glyph for it; a character none
of the bundled fonts has is drawn with the first system font that has it (the one case where covers can
differ between machines), and left out when no font at all has it: a cover never shows empty boxes.
"""

from __future__ import annotations

import base64
import unicodedata
import zlib
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from ... import fonts as font_files
from .coverage import CMAP_BITMAPS

CJK_FONT = "NotoSerifCJKsc-Bold-subset.otf"
SYMBOL_FONT = "DejaVuSans-Bold-symbols.ttf"
# The fonts of each kind of text, first choice first.
ROLE_FONTS: dict[str, tuple[str, ...]] = {
    "title": ("NotoSerifDisplay-Bold.ttf", "DejaVuSerif-Bold.ttf", SYMBOL_FONT, CJK_FONT),
    "author": ("NotoSerifDisplay-Italic.ttf", "DejaVuSerif.ttf", SYMBOL_FONT, CJK_FONT),
    "label": ("NotoSerifDisplay-Bold.ttf", "DejaVuSerif-Bold.ttf", SYMBOL_FONT, CJK_FONT),
}
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


@cache
def bundled_font(name: str) -> str:
    """The path of a font shipped in fic2epub/fonts."""
    # FreeType opens fonts by path, so the package is files on disk: no need for importlib.resources,
    # whose readers cost a fresh process half a millisecond to import.
    return str(Path(font_files.__file__).parent / name)


@cache
def font_coverage(path: str) -> frozenset[int]:
    """The code points a font (the first face of a collection) has glyphs for; empty if it can't be read."""
    from fontTools.ttLib import TTFont  # only for system fonts: the bundled ones' cmaps ship in .coverage

    try:
        with TTFont(path, fontNumber=0, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:  # a broken or unusual system font: treat it as covering nothing
        return frozenset()


@cache
def _bundled_cmap(path: str) -> bytes | None:
    """The shipped cmap bitmap of a bundled font; None for any other font."""
    for name, encoded in CMAP_BITMAPS.items():
        if bundled_font(name) == path:
            return zlib.decompress(base64.b85decode(encoded))
    return None


def has_glyph(path: str, char: str) -> bool:
    """Whether the font's cmap maps the character."""
    code = ord(char)
    bitmap = _bundled_cmap(path)
    if bitmap is None:
        return code in font_coverage(path)
    return code >> 3 < len(bitmap) and bool(bitmap[code >> 3] >> (code & 7) & 1)


@cache
def system_fonts() -> tuple[str, ...]:
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
        font(path, 37)
    except OSError:
        return False
    return True


@lru_cache(maxsize=512)
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


@cache
def font_for(char: str, role: str) -> str | None:
    """The first font, bundled then system, that has a glyph for `char`; None when none has."""
    for name in ROLE_FONTS[role]:
        path = bundled_font(name)
        if has_glyph(path, char):
            return path
    for path in system_fonts():
        if has_glyph(path, char) and _scalable(path):
            return path
    return None


def is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def is_wide(char: str) -> bool:
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
        elif is_mark(char) and chosen and chosen[-1][1] and has_glyph(chosen[-1][1] or "", char):
            chosen.append((char, chosen[-1][1]))
        else:
            chosen.append((char, font_for(char, role)))
    for i, (char, _) in enumerate(chosen):
        if char in _CJK_CONTEXT_PUNCTUATION and has_glyph(cjk, char):
            before = next((c for c, _ in reversed(chosen[:i]) if not c.isspace()), "")
            after = next((c for c, _ in chosen[i + 1 :] if not c.isspace()), "")
            if (before and is_wide(before)) or (after and is_wide(after)):
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
