"""No slow paths: every rule runs in linear time, so pathological files convert in seconds.

Each input is converted end to end (decode, parse, render, package) in this process; the bound is
generous (a slow CI machine passes, a quadratic rule does not: those took minutes).  The figures
measured on the 2-core development machine are in ../shared/notes/hostile-input.md;
`python scripts/bench_hostile.py` prints them again.
"""

from __future__ import annotations

import contextlib
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fic2epub import Options, convert, epub_from_story, parse
from fic2epub.errors import Fic2EpubError
from support.epub_xml import open_book

pytestmark = pytest.mark.slow

MB = 1024 * 1024
BOUND_SECONDS = 60.0

# name -> the story's text: the inputs issue 7 names, and the worst of those found since (the scaling
# test below tries many more kinds of line at smaller sizes)
INPUTS: dict[str, Callable[[], str]] = {
    "10 MB line of '- - - -'": lambda: "- " * (5 * MB),
    "10 MB line of '*****'": lambda: "*" * (10 * MB),
    "10 MB line of 'oOoOo'": lambda: "oO" * (5 * MB),
    "10 MB line of spaces": lambda: "Chapter 1\n\nSome text.\n\n" + " " * (10 * MB) + "\n\nMore text.\n",
    "100,000 one-character lines": lambda: "a\n" * 100_000,
    "100,000 one-character paragraphs": lambda: "Some text.\n\n" + "a\n\n" * 100_000,
    "10 MB paragraph of '*a' (emphasis openers)": lambda: "Some text.\n\n" + "*a" * (5 * MB) + "\n",
    "10 MB paragraph of quotes and dashes": lambda: "Some text.\n\n" + "'\"-- ..." * (MB * 10 // 8) + "\n",
    "100,000 unclosed '(A/N:' notes": lambda: "Chapter 1\n\ntext\n\n" + "(A/N: x\n" * 100_000,
}


@pytest.mark.parametrize("name", list(INPUTS))
def test_pathological_input_converts_in_seconds(name: str, tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(INPUTS[name](), encoding="utf-8")
    out = tmp_path / "story.epub"
    start = time.perf_counter()
    with contextlib.suppress(Fic2EpubError):  # refusing such a file is fine; taking minutes is not
        convert(src, out, Options(no_cover=True))
    elapsed = time.perf_counter() - start
    assert elapsed < BOUND_SECONDS, f"{name}: {elapsed:.1f} s"
    if out.exists():
        open_book(out.read_bytes())


def test_twenty_thousand_chapters(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text("".join(f"Chapter {i}\n\nText of chapter {i}.\n\n" for i in range(1, 20_001)))
    out = tmp_path / "story.epub"
    start = time.perf_counter()
    convert(src, out, Options(no_cover=True))
    elapsed = time.perf_counter() - start
    assert elapsed < 2 * BOUND_SECONDS, f"{elapsed:.1f} s"
    book = open_book(out.read_bytes())
    assert sum(1 for name in book.names if name.endswith(".xhtml")) >= 20_000


# Lines that once made a rule quadratic (each found by the scaling check below), and a few like them.
SCALING_PIECES = {
    "paragraphs of one character": ("a\n\n", False),
    "fence lines '---'": ("---\n", False),
    "bylines": ("by x\n", False),
    "dividers between paragraphs": ("oOo\n\ntext\n\n", False),
    "end markers": ("tbc\n", False),
    "unclosed bracketed notes": ("(A/N: x\n", False),
    "label-alone notes": ("A/N:\nx\n\n", False),
    "header fields": ("Fandom: x\n", False),
    "numbered lines": ("1.\n\n", False),
    "emphasis in one paragraph": ("*a* ", False),
    "unclosed HTML tags in Markdown": ("<i>x ", True),
    "links in Markdown": ("[a](http://x) ", True),
}


def _convert_seconds(text: str, markdown: bool) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        with contextlib.suppress(Fic2EpubError):
            epub_from_story(parse(text, markdown=markdown), Options(no_cover=True, language="en"))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("name", list(SCALING_PIECES))
def test_time_grows_linearly(name: str) -> None:
    """Four times the input takes about four times as long, not sixteen (a quadratic rule)."""
    piece, markdown = SCALING_PIECES[name]
    count = 12_000 // len(piece)
    small = _convert_seconds("Start of the story.\n\n" + piece * count, markdown)
    large = _convert_seconds("Start of the story.\n\n" + piece * (4 * count), markdown)
    assert large < 10 * small + 0.3, f"{name}: {small:.3f} s, then {large:.3f} s for four times as much"


def write_big_story(path: Path, size: int, seed: int = 1) -> None:
    """A story of about `size` bytes that reads like one: a header, chapters of paragraphs of varied
    length with curly quotes, dashes, accents and some emphasis, and scene breaks."""
    rng = random.Random(seed)
    words = re.split(
        r"\s+",
        "the a and of to in he she it was said looked back at the door light dark night morning "
        "Harry Hermione wand castle quietly suddenly “Yes,” ‘no’ — … café naïve",
    )
    parts = ["Title: A Very Long Story\nAuthor: Someone\nRating: T\n\n"]
    written, chapter = 0, 0
    while written < size:
        chapter += 1
        paragraphs = [f"Chapter {chapter}"]
        for _ in range(60):
            paragraph = " ".join(rng.choice(words) for _ in range(rng.randint(20, 120))) + "."
            paragraphs.append(f"*{paragraph}*" if rng.random() < 0.05 else paragraph)
        if chapter % 7 == 0:
            paragraphs.append("* * *")
        text = "\n\n".join(paragraphs) + "\n\n"
        parts.append(text)
        written += len(text.encode())
    path.write_text("".join(parts), encoding="utf-8")


# Run `fic2epub convert` in a child of a fresh interpreter, whose only child it is: RUSAGE_CHILDREN then
# gives the conversion's own peak resident memory.
_PEAK = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call([sys.executable, '-c', 'from fic2epub.cli import main; main()', *sys.argv[1:]])\n"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_memory_of_convert(*args: str) -> tuple[int, int]:
    """(exit code, peak resident memory in bytes) of `fic2epub convert ARGS` (Linux: ru_maxrss in KiB)."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, "convert", *args], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[-2]), int(out[-1]) * 1024


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
def test_fifty_megabyte_story_memory(tmp_path: Path) -> None:
    """A 50 MB story converts, in at most ten times its size of memory (about eight measured: the text
    as Python str, its lines, the model and the pages; see ../shared/notes/hostile-input.md)."""
    src = tmp_path / "big.txt"
    write_big_story(src, 50 * MB)
    out = tmp_path / "big.epub"
    code, peak = peak_memory_of_convert(str(src), "-o", str(out), "--no-cover")
    assert code == 0
    size = src.stat().st_size
    assert peak < 10 * size, f"peak {peak / MB:.0f} MB for a {size / MB:.0f} MB story"
    open_book(out.read_bytes())
