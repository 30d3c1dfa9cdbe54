"""Pictures of fic2epub's books as a reading engine shows them, for docs/images/.

Each book is made by fic2epub, laid out by calibre's reading engine (ebook-convert to PDF, on a
phone-sized page, with calibre's own page-break heuristics turned off so that only the book's CSS
decides) and the page wanted is drawn to PNG with pdftoppm:

    docs/images/title-page.png              the title page of samples/showcase_lanterns.txt
    docs/images/chapter-break-and-note.png  a chapter page with a scene break and an author note
    docs/images/chapter-opening.png         a chapter's first page (a note before it, the heading)
    docs/images/cover-generated.png         the cover fic2epub draws for a story
    docs/images/cover-cjk.png               the cover drawn for a story with a Chinese title

Needs the Debian packages calibre and poppler-utils (`apt-get install calibre poppler-utils`).
Run from anywhere:  python scripts/make_pictures.py [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOWCASE = ROOT / "samples" / "showcase_lanterns.txt"
# Our own few lines in Chinese, so that the cover has a CJK title to draw.
CJK_STORY = """标题：灯笼匠的学徒
作者：fic2epub

第一章 港口的灯

雾从海上来的时候，港口的灯一盏一盏地灭了。

只有老托比亚做的三盏灯笼还亮着，像三颗不肯落下的星星。
"""
# Laid out as on a phone: a small page, a reader's margins, a comfortable type size.
PAGE = ["--custom-size", "105x185", "--unit", "millimeter"]
LAYOUT = [
    "--chapter-mark", "none", "--page-breaks-before", "/",
    "--pdf-page-margin-left", "26", "--pdf-page-margin-right", "26",
    "--pdf-page-margin-top", "30", "--pdf-page-margin-bottom", "30",
    "--pdf-default-font-size", "15", "--base-font-size", "15", "--disable-font-rescaling",
    "--pdf-serif-family", "DejaVu Serif", "--pdf-sans-family", "DejaVu Sans",
]  # fmt: skip
ENGINE_ENV = {
    # calibre's engine (Chromium) without a display and, as root, without its sandbox
    "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
    "QTWEBENGINE_DISABLE_SANDBOX": "1",
    "QT_QPA_PLATFORM": "offscreen",
}


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def fic2epub(src: Path, out: Path, *options: str) -> Path:
    run(
        [
            sys.executable,
            "-c",
            "from fic2epub.cli import main; main()",
            "convert",
            str(src),
            "-o",
            str(out),
            *options,
        ]
    )
    return out


def to_pdf(book: Path) -> Path:
    pdf = book.with_suffix(".pdf")
    run(["ebook-convert", str(book), str(pdf), *PAGE, *LAYOUT], env={**os.environ, **ENGINE_ENV})
    return pdf


def pages_text(pdf: Path) -> list[str]:
    return [
        " ".join(page.split()) for page in run(["pdftotext", "-layout", str(pdf), "-"]).stdout.split("\f")
    ]


def find_page(pdf: Path, *needles: str) -> int:
    """The first page (1-based) showing all the needles."""
    for number, text in enumerate(pages_text(pdf), start=1):
        if all(needle in text for needle in needles):
            return number
    raise SystemExit(f"no page of {pdf.name} shows {needles}")


def draw(pdf: Path, page: int, out: Path, dpi: int = 110) -> None:
    stem = out.with_suffix("")
    run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(stem),
        ]
    )
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: page {page} of {pdf.name}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    for tool in ("ebook-convert", "pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install calibre poppler-utils")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = to_pdf(fic2epub(SHOWCASE, work / "showcase.epub"))
        draw(book, find_page(book, "Lanternmaker", "Original Work"), args.out / "title-page.png")
        page = find_page(book, "CHAPTER 1", "Tallow Street", "This story was written")
        draw(book, page, args.out / "chapter-opening.png")
        page = find_page(book, "By evening the shop", "Thank you for reading")
        draw(book, page, args.out / "chapter-break-and-note.png")
        draw(book, 1, args.out / "cover-generated.png", dpi=100)
        cjk = work / "cjk.txt"
        cjk.write_text(CJK_STORY, encoding="utf-8")
        draw(to_pdf(fic2epub(cjk, work / "cjk.epub")), 1, args.out / "cover-cjk.png", dpi=100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
