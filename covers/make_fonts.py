"""Re-make the bundled CJK cover font: a subset of Noto Serif CJK SC Bold from Debian's fonts-noto-cjk.

    apt-get install fonts-noto-cjk && python covers/make_fonts.py

Keeps every character of GB2312 (simplified Chinese) and JIS X 0208 (Japanese kanji), kana, CJK
punctuation and full-width forms: about 10,500 characters, 6.5 MB instead of the collection's 40 MB.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")
TARGET = Path(__file__).resolve().parent.parent / "src/fic2epub/fonts/NotoSerifCJKsc-Bold-subset.otf"
RANGES = [
    (0x20, 0x7E),
    (0x2000, 0x206F),
    (0x3000, 0x303F),
    (0x3040, 0x309F),
    (0x30A0, 0x30FF),
    (0xFF00, 0xFFEF),
]


def characters() -> str:
    chars: set[str] = set()
    for encoding, last_lead in (("gb2312", 0xF8), ("euc_jp", 0xF5)):
        for lead in range(0xB0, last_lead):
            for trail in range(0xA1, 0xFF):
                with contextlib.suppress(UnicodeDecodeError):
                    chars.add(bytes([lead, trail]).decode(encoding))
    for low, high in RANGES:
        chars.update(chr(c) for c in range(low, high + 1))
    return "".join(sorted(chars))


def main() -> None:
    font = next(f for f in TTCollection(str(SOURCE)).fonts if "CJK SC" in f["name"].getDebugName(4))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters())
    subsetter.subset(font)
    font.save(str(TARGET))
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
