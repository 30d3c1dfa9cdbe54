"""Build a story from your own data, without any text to parse, and write its EPUB.

    python examples/hand_built.py [OUT.epub]

A downloader or a database already knows the title, the author and each chapter's text: it can hand
them to fic2epub as a `Story` directly.  Chapters are made from plain text (`Chapter.from_text`: blank
lines part paragraphs, a line of `* * *` is a scene break) or block by block.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from fic2epub import AuthorNote, Chapter, Paragraph, SceneBreak, Series, Span, Story, Text, write_epub


@dataclass
class Download:
    """What a downloader might have gathered about a story."""

    title: str
    author: str
    summary: str
    fandom: str
    tags: list[str]
    chapters: list[tuple[str, str]]  # (title, text)


DOWNLOAD = Download(
    title="Letters from the Lighthouse",
    author="K. Marlowe",
    summary="A keeper writes to her sister through one long winter.",
    fandom="Original Work",
    tags=["Epistolary", "Winter", "Sisters"],
    chapters=[
        ("The First Letter", "Dear Ada,\n\nThe lamp is lit and the sea is loud.\n\n* * *\n\nMorning now."),
        ("The Second Letter", "Dear Ada,\n\nIt snowed.  The gulls are furious about it."),
    ],
)


def story_from(download: Download) -> Story:
    story = Story(title=download.title, authors=[download.author], language="en")
    story.set("Summary", download.summary)
    story.set("Fandom", download.fandom)
    story.add_tag(*download.tags)
    story.series = Series("Lighthouse Letters", 1)
    story.front_notes.append(AuthorNote.of("Written for a winter exchange.", label="Author's Note"))
    for title, text in download.chapters:
        story.chapters.append(Chapter.from_text(title, text))
    # A chapter block by block: styled text is a Span around Text.
    story.chapters.append(
        Chapter(
            "The Last Letter",
            [
                Paragraph([Text("Dear Ada, "), Span("emphasis", [Text("come home")]), Text(".")]),
                SceneBreak(),
                Paragraph.of("Spring,\nat last."),
                AuthorNote.of("Thank you for reading!"),
            ],
        )
    )
    return story


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/letters.epub")
    story = story_from(DOWNLOAD)
    print(f"{story.title}: {len(story.chapters)} chapters, {story.word_count()} words, tags {story.tags}")
    print(f"wrote {write_epub(story, out)}")
