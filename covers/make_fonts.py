"""Re-make the fonts bundled in src/fic2epub/fonts/ (and their licence files) from Debian's packages.

    apt-get update && python covers/make_fonts.py

Needs `apt-get download` and `dpkg-deb` (any Debian or Ubuntu machine; no root needed for the download)
and fontTools (`pip install fonttools`).  It downloads fonts-noto-core, fonts-noto-cjk and
fonts-dejavu-core into a temporary folder, takes them apart, and writes:

* NotoSerifDisplay-{Bold,Italic}.ttf, DejaVuSerif{,-Bold}.ttf: copied unchanged;
* DejaVuSans-Bold-symbols.ttf: DejaVu Sans Bold cut down to arrows, maths, shapes, symbols and dingbats
  (the hearts, stars and notes that fan-fiction titles use);
* NotoSerifCJKsc-Bold-subset.otf: the Simplified Chinese face of Noto Serif CJK Bold cut down to every
  character of GB2312 (simplified Chinese), JIS X 0208 (Japanese), the 5,401 common characters of Big5
  (traditional Chinese) and the 2,350 Hangul syllables of KS X 1001, plus kana, CJK punctuation and
  full-width forms; no OpenType layout features (covers are drawn without shaping) and no hinting;
* OFL-NotoSerifDisplay.txt, OFL-NotoSerifCJK.txt, LICENSE-DejaVu.txt: the licences, taken from each
  package's copyright file;
* src/fic2epub/render/cover/coverage.py: the fonts' cmaps, by covers/make_coverage.py.

The versions the bundled files came from are in covers/README.md; this script prints the versions it
used, so a re-run with newer packages shows up in review.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
from make_coverage import main as write_coverage  # beside this script

REPO = Path(__file__).resolve().parent.parent
FONTS = REPO / "src" / "fic2epub" / "fonts"
PACKAGES = ("fonts-noto-core", "fonts-noto-cjk", "fonts-dejavu-core")
EXPECTED = {
    "fonts-noto-core": "20201225-1",
    "fonts-noto-cjk": "1:20220127+repack1-1",
    "fonts-dejavu-core": "2.37-6",
}
COPIED = {
    "usr/share/fonts/truetype/noto/NotoSerifDisplay-Bold.ttf": "NotoSerifDisplay-Bold.ttf",
    "usr/share/fonts/truetype/noto/NotoSerifDisplay-Italic.ttf": "NotoSerifDisplay-Italic.ttf",
    "usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf": "DejaVuSerif.ttf",
    "usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf": "DejaVuSerif-Bold.ttf",
}
SYMBOL_RANGES = [
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2300, 0x23FF),  # miscellaneous technical
    (0x2460, 0x24FF),  # enclosed alphanumerics
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2600, 0x26FF),  # miscellaneous symbols: ☆ ★ ♥ ♡ ♪ ☾ ⚢ ⚣
    (0x2700, 0x27BF),  # dingbats: ✿ ❤ ✧
    (0x2B00, 0x2BFF),  # miscellaneous symbols and arrows
]
CJK_RANGES = [
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x309F),  # hiragana
    (0x30A0, 0x30FF),  # katakana
    (0x31F0, 0x31FF),  # katakana phonetic extensions
    (0x3200, 0x32FF),  # enclosed CJK letters
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]


def _double_byte(encoding: str, leads: range, trails: range) -> set[str]:
    found: set[str] = set()
    for lead in leads:
        for trail in trails:
            with contextlib.suppress(UnicodeDecodeError):
                found.update(bytes([lead, trail]).decode(encoding))
    return found


def cjk_characters() -> str:
    """GB2312 + JIS X 0208 + Big5 level 1 + KS X 1001 (symbol rows too), kana and CJK punctuation."""
    chars: set[str] = set()
    chars |= _double_byte("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    chars |= _double_byte("euc_jp", range(0xA1, 0xF5), range(0xA1, 0xFF))
    chars |= _double_byte("big5", range(0xA1, 0xC7), range(0x40, 0xFF))
    chars |= _double_byte("euc_kr", range(0xA1, 0xC9), range(0xA1, 0xFF))
    for low, high in CJK_RANGES:
        chars.update(chr(c) for c in range(low, high + 1))
    chars.update(chr(c) for c in range(0x20, 0x7F))
    return "".join(sorted(chars))


def _subset(font: TTFont, unicodes: set[int], target: Path) -> None:
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    font.save(str(target))


def _licence(copyright_file: Path, header: str) -> str:
    """The licence of the `Files: *` stanza of a Debian copyright file, as plain text."""
    stanzas = copyright_file.read_text(encoding="utf-8").split("\n\n")

    def fields(stanza: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        key = ""
        for line in stanza.splitlines():
            if line[:1] in (" ", "\t") and key:
                out[key].append("" if line.strip() == "." else line[1:].rstrip())
            elif ":" in line:
                key, value = line.split(":", 1)
                out[key] = [value.strip()]
        return out

    files = next(fields(s) for s in stanzas if fields(s).get("Files", [""])[0] == "*")
    name, *body = files["License"]
    if not body:
        body = next(
            fields(s)["License"][1:]
            for s in stanzas
            if "Files" not in fields(s) and fields(s).get("License", [""])[0] == name
        )
    copyright_lines = [line.strip() for line in files["Copyright"] if line.strip()]
    return "\n".join([header, "", "Copyright:", *copyright_lines, "", f"License: {name}", "", *body]) + "\n"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="fic2epub-fonts-"))
    try:
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=work, check=True)
        versions: dict[str, str] = {}
        for deb in sorted(work.glob("*.deb")):
            package = subprocess.run(["dpkg-deb", "-f", str(deb), "Package"], capture_output=True, text=True)
            version = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True)
            versions[package.stdout.strip()] = version.stdout.strip()
            subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "root")], check=True)
        root = work / "root"
        for package, version in versions.items():
            note = (
                ""
                if EXPECTED.get(package) == version
                else f"  (covers/README.md records {EXPECTED[package]})"
            )
            print(f"{package} {version}{note}")
        FONTS.mkdir(parents=True, exist_ok=True)
        for source, name in COPIED.items():
            shutil.copyfile(root / source, FONTS / name)

        symbols = {c for low, high in SYMBOL_RANGES for c in range(low, high + 1)}
        _subset(
            TTFont(str(root / "usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")),
            symbols,
            FONTS / "DejaVuSans-Bold-symbols.ttf",
        )
        collection = TTCollection(str(root / "usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"))
        face = next(f for f in collection.fonts if "CJK SC" in f["name"].getDebugName(4))
        _subset(face, {ord(c) for c in cjk_characters()}, FONTS / "NotoSerifCJKsc-Bold-subset.otf")

        docs = root / "usr/share/doc"
        (FONTS / "OFL-NotoSerifDisplay.txt").write_text(
            _licence(
                docs / "fonts-noto-core/copyright",
                "Noto Serif Display (NotoSerifDisplay-*.ttf), unchanged from Debian's fonts-noto-core "
                f"{versions['fonts-noto-core']}.\nNoto Serif Display: Copyright 2016 Google Inc. "
                "All Rights Reserved.",
            ),
            encoding="utf-8",
        )
        (FONTS / "OFL-NotoSerifCJK.txt").write_text(
            _licence(
                docs / "fonts-noto-cjk/copyright",
                "Noto Serif CJK SC Bold (NotoSerifCJKsc-Bold-subset.otf), a subset made by "
                f"covers/make_fonts.py from Debian's fonts-noto-cjk {versions['fonts-noto-cjk']}.\n"
                "Noto Serif CJK: © 2017-2022 Adobe (http://www.adobe.com/), as its name table says.",
            ),
            encoding="utf-8",
        )
        (FONTS / "LICENSE-DejaVu.txt").write_text(
            _licence(
                docs / "fonts-dejavu-core/copyright",
                "DejaVu Serif (DejaVuSerif*.ttf, unchanged) and DejaVu Sans Bold "
                "(DejaVuSans-Bold-symbols.ttf, a subset made by covers/make_fonts.py)\n"
                f"from Debian's fonts-dejavu-core {versions['fonts-dejavu-core']}.",
            ),
            encoding="utf-8",
        )
        for path in sorted(FONTS.iterdir()):
            print(f"{path.relative_to(REPO)}: {path.stat().st_size:,} bytes")
        write_coverage()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
