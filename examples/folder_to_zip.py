"""Read every .txt story in a folder, put your name on them, add a tag, and zip the EPUBs together.

    python examples/folder_to_zip.py [FOLDER] [ZIP] [AUTHOR]

With no arguments it reads samples/ and writes out/books.zip, by "A. Reader".  The books are made in memory
(`epub_bytes`) and never touch the disk on their own.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import fic2epub


def zip_folder(folder: Path, target: Path, author: str) -> int:
    """Every .txt story of `folder` as an EPUB inside the zip `target`; returns how many were made."""
    made = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.glob("*.txt")):
            try:
                story = fic2epub.parse(path)
            except fic2epub.Fic2EpubError as error:  # one line naming the file and the reason
                print(f"skipped {error}")
                continue
            story.authors = [author]
            story.add_tag("From my archive")
            archive.writestr(f"{path.stem}.epub", fic2epub.epub_bytes(story))
            print(f"{path.name}: {story.title}, {story.word_count():,} words")
            made += 1
    return made


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("samples")
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out/books.zip")
    author = sys.argv[3] if len(sys.argv) > 3 else "A. Reader"
    count = zip_folder(folder, target, author)
    print(f"{count} book(s) in {target}")
