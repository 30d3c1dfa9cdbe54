"""Author notes as blocks: the text of a note token without its label or brackets, in paragraphs."""

from __future__ import annotations

import re

from ..model import AuthorNote, Block, Chapter, Paragraph, SceneBreak, count_words, text_of_block
from .inline import parse_inlines
from .rules.author_note import match_note
from .state import Token


def note_block(token: Token, markdown: bool) -> AuthorNote:
    """An author note's blocks: its first line without the label, then its paragraphs."""
    lines = list(token.lines)
    found = match_note(lines[0]) if lines else None
    if found is not None and token.data.get("label") is not None:
        lines[0] = found[1]
    if token.data.get("bracket") and lines:
        lines[-1] = lines[-1].rstrip().removesuffix(token.data["bracket"]).rstrip()
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    blocks: list[Block] = [Paragraph(parse_inlines(" ".join(p), markdown=markdown)) for p in paragraphs if p]
    return AuthorNote(blocks, token.data.get("label"))


# A chapter opening (or closing) with a short passage fenced off by a divider, in enough chapters to be the
# author's habit, opens (or closes) with a note (a disclaimer joke, thanks, the next posting date) even
# without a label.
NOTE_PARAGRAPHS = 3
NOTE_WORDS = 80
STORY_WORDS = 200
HABIT_CHAPTERS = 5
# A closing passage must also speak of the work, not in it: a last short scene is a common habit too.
ABOUT_THE_WORK = re.compile(
    r"\b(?:chapters?|ch\.|updates?|updated|post|posts|posted|posting|reviews?|reviewers?|readers?|story|"
    r"stories|fics?|fanfic(?:tion)?|author|disclaim\w*|beta|thanks|thank\s+you|comments?|kudos|patreon|"
    r"discord|next\s+time|stay\s+tuned|sorry\s+for)\b",
    re.IGNORECASE,
)


def _short_passage(blocks: list[Block]) -> bool:
    return (
        0 < len(blocks) <= NOTE_PARAGRAPHS
        and all(isinstance(b, Paragraph) for b in blocks)
        and sum(count_words(text_of_block(b)) for b in blocks) <= NOTE_WORDS
    )


def _words(blocks: list[Block]) -> int:
    return sum(count_words(text_of_block(b)) for b in blocks if not isinstance(b, AuthorNote))


def _about_the_work(blocks: list[Block]) -> bool:
    return any(ABOUT_THE_WORK.search(text_of_block(b)) for b in blocks)


def _habit(found: int, chapters: int) -> bool:
    return found >= HABIT_CHAPTERS or (found >= 3 and found * 4 >= chapters)


def fenced_notes(chapters: list[Chapter]) -> None:
    """Turn the unlabelled passages that open chapters before their first divider, or close them after
    their last, into notes, when the file makes a habit of it (in five chapters, or three and a quarter
    of them); a single short opening or closing is story."""
    openings: list[tuple[Chapter, int]] = []
    closings: list[tuple[Chapter, int]] = []
    for chapter in chapters:
        while chapter.blocks and isinstance(chapter.blocks[-1], SceneBreak):
            chapter.blocks.pop()  # a break that closes the chapter divides nothing
        blocks = chapter.blocks
        breaks = [i for i, b in enumerate(blocks) if isinstance(b, SceneBreak)]
        if not breaks:
            continue
        first, last = breaks[0], breaks[-1]
        if first and _short_passage(blocks[:first]) and _words(blocks[first:]) >= STORY_WORDS:
            openings.append((chapter, first))
        closing = blocks[last + 1 :]
        if _short_passage(closing) and _words(blocks[:last]) >= STORY_WORDS and _about_the_work(closing):
            closings.append((chapter, last))
    if _habit(len(closings), len(chapters)):
        for chapter, last in closings:
            chapter.blocks[last + 1 :] = [AuthorNote(list(chapter.blocks[last + 1 :]))]
    if _habit(len(openings), len(chapters)):
        for chapter, first in openings:
            chapter.blocks[:first] = [AuthorNote(list(chapter.blocks[:first]))]
