"""Read a story and walk its model: metadata, chapters, scene breaks, author notes, the text itself.

    python examples/read_a_story.py [STORY]

With no argument: samples/showcase_lanterns.txt.  Everything the book is made from is in the `Story`;
change it and write it (`fic2epub.write_epub`), or just read it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import fic2epub
from fic2epub import AuthorNote, Paragraph, SceneBreak

if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("samples/showcase_lanterns.txt")
    story = fic2epub.parse(path)

    print(f"{story.title} by {', '.join(story.authors) or 'unknown'}")
    print(f"fandom: {story.get('fandom')}; rating: {story.get('rating')}; series: {story.series}")
    print(f"characters: {story.values('characters')}")
    for field in story.metadata:  # every header field, with the author's own label
        print(f"  {field.label} ({field.key}): {field.value[:50]}")

    for chapter in story.chapters:
        paragraphs = [b for b in chapter.blocks if isinstance(b, Paragraph)]
        breaks = sum(isinstance(b, SceneBreak) for b in chapter.blocks)
        notes = [b for b in chapter.blocks if isinstance(b, AuthorNote)]
        print(f"{chapter.title}: {len(paragraphs)} paragraphs, {breaks} scene breaks, {len(notes)} notes")
        print(f"  begins: {fic2epub.text_of_block(paragraphs[0])[:60]}...")

    # Change it, and write the book:
    story.chapters = story.chapters[:1]
    story.set("Status", "First chapter only")
    print(f"wrote {fic2epub.write_epub(story, 'out/first-chapter.epub')}")
