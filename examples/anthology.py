"""Several stories in one book, each with its own title page, from files or from stories in memory.

    python examples/anthology.py

See docs/anthologies.md for the order and metadata rules.
"""

from __future__ import annotations

from pathlib import Path

import fic2epub

if __name__ == "__main__":
    # From files (each source is a story file or a folder of chapter files), ordered by title:
    sources = sorted(Path("samples").glob("*.txt"))
    written = fic2epub.make_anthology(sources, "out/collection.epub", title="Samples", order="title")
    print(f"wrote {written}")

    # From stories already in memory, as bytes:
    drabbles = [
        fic2epub.Story(
            title=f"Drabble {n}",
            authors=["Fest Participant"],
            chapters=[fic2epub.Chapter.from_text(None, f"The {n}th hundred words went here.")],
        )
        for n in (1, 2, 3)
    ]
    data = fic2epub.anthology_bytes(drabbles, fic2epub.Options(no_cover=True), title="Drabble Fest")
    Path("out/fest.epub").write_bytes(data)  # make_anthology made out/
    print(f"out/fest.epub: {len(data):,} bytes")
