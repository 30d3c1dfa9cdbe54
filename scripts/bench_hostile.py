"""Time the pathological inputs of tests/test_slow_paths.py and measure the peak memory of a 50 MB story.

    python scripts/bench_hostile.py              # everything (a few minutes)
    python scripts/bench_hostile.py spaces '*'   # only the inputs whose name holds one of these words

Prints one line per input: seconds to parse, to render and package, and what became of it; then the
50 MB story's size, time and peak resident memory (Linux).  The figures go in
../shared/notes/hostile-input.md; the tests only check generous bounds.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
sys.path.insert(0, str(TESTS))

from fic2epub import Options, epub_from_story, parse  # noqa: E402
from fic2epub.errors import Fic2EpubError  # noqa: E402
from support.modules import module_from_file  # noqa: E402


def main(words: list[str]) -> None:
    slow = module_from_file("slow_paths", TESTS / "test_slow_paths.py")
    options = Options(no_cover=True, language="en")
    inputs = dict(slow.INPUTS)
    inputs["20,000 chapters"] = lambda: "".join(
        f"Chapter {i}\n\nText of chapter {i}.\n\n" for i in range(1, 20_001)
    )
    for name, make in inputs.items():
        if words and not any(w in name for w in words):
            continue
        text = make()
        start = time.perf_counter()
        try:
            story = parse(text)
            parsed = time.perf_counter()
            epub_from_story(story, options)
            done = time.perf_counter()
            outcome = f"{len(story.chapters)} chapter(s)"
            print(
                f"{name:45s} parse {parsed - start:6.2f} s  write {done - parsed:6.2f} s  {outcome}",
                flush=True,
            )
        except Fic2EpubError as exc:
            print(f"{name:45s} refused after {time.perf_counter() - start:6.2f} s: {exc}", flush=True)
    if words and not any(w in "50 MB story" for w in words):
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.txt"
        slow.write_big_story(src, 50 * slow.MB)
        start = time.perf_counter()
        code, peak = slow.peak_memory_of_convert(str(src), "-o", str(Path(tmp) / "big.epub"), "--no-cover")
        seconds = time.perf_counter() - start
        size = src.stat().st_size
        print(
            f"50 MB story: {size / 1e6:.1f} MB, exit {code}, {seconds:.1f} s, "
            f"peak {peak / 2**20:.0f} MiB = {peak / size:.1f} x the file"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
