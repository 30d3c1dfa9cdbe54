"""Convert a whole folder tree of stories, in parallel, and convert only what changed the next time.

    python examples/convert_library.py [SOURCE] [OUTDIR]

With no arguments: samples/ into out/books/.  `convert_tree` never raises for one bad story: each story
gets a `Result` (converted, skipped, failed, ...) with the reason.
"""

from __future__ import annotations

import sys
from pathlib import Path

import fic2epub


def show(result: fic2epub.Result) -> None:
    """Called with each story's Result as soon as it is known."""
    if result.status == "failed":
        print(f"  failed  {result.reason}")
    else:
        print(f"  {result.status:<9} {result.source.name} ({result.reason})")


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("samples")
    outdir = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out/books")
    options = fic2epub.Options(scene_break="asterisks", notes="end")

    print("first run:")
    results = fic2epub.convert_tree([source], outdir, options, jobs=2, on_result=show)
    print("second run (nothing changed):")
    again = fic2epub.convert_tree([source], outdir, options, jobs=2, on_result=show)

    assert {r.status for r in again} <= {"skipped", "ignored"}
    failed = [r for r in results if r.status == "failed"]
    print(f"{len(results) - len(failed)} fine, {len(failed)} failed; books in {outdir}/")
