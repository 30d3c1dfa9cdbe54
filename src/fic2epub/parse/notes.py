"""Author notes as blocks: the text of a note token without its label or brackets, in paragraphs."""

from __future__ import annotations

import itertools
import re

from ..model import AuthorNote, Block, Chapter, Paragraph, SceneBreak, count_words, text_of_block
from .inline import parse_inlines
from .lazy import lazy_compile
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
# without a label.  The fenced passages after an opening note are notes too when they speak of the work
# (reviews, updates, the story), and may be longer.
NOTE_PARAGRAPHS = 3
NOTE_WORDS = 80
WORK_PARAGRAPHS = 6
WORK_WORDS = 250
STORY_WORDS = 200
HABIT_CHAPTERS = 5
MORE_OPENING_PASSAGES = 2
# A closing passage must also speak of the work, not in it: a last short scene is a common habit too.
ABOUT_THE_WORK = lazy_compile(
    r"\b(?:chapters?|ch\.|updates?|updated|post|posts|posted|posting|reviews?|reviewers?|readers?|story|"
    r"stories|fics?|fanfic(?:tion)?|author|disclaim\w*|beta|thanks|thank\s+you|comments?|kudos|patreon|"
    r"discord|next\s+time|stay\s+tuned|sorry\s+for)\b",
    re.IGNORECASE,
)


def _text_blocks(blocks: list[Block]) -> list[Block] | None:
    """The paragraphs of a passage made of paragraphs and notes, or None when it holds anything else."""
    if not all(isinstance(b, (Paragraph, AuthorNote)) for b in blocks):
        return None
    return [b for b in blocks if isinstance(b, Paragraph)]


def _short_passage(blocks: list[Block], *, about_work: bool = False) -> bool:
    paragraphs = _text_blocks(blocks)
    if not paragraphs:
        return False
    most, words = (WORK_PARAGRAPHS, WORK_WORDS) if about_work else (NOTE_PARAGRAPHS, NOTE_WORDS)
    return len(paragraphs) <= most and sum(count_words(text_of_block(b)) for b in paragraphs) <= words


def _fewer_words(blocks: list[Block], limit: int) -> bool:
    """Whether the blocks outside notes hold fewer than `limit` words; the count stops at the limit, as
    the rest of a chapter can be long."""
    words = 0
    for block in blocks:
        if not isinstance(block, AuthorNote):
            words += count_words(text_of_block(block))
            if words >= limit:
                return False
    return True


def _about_the_work(blocks: list[Block]) -> bool:
    return any(ABOUT_THE_WORK.search(text_of_block(b)) for b in blocks if isinstance(b, Paragraph))


def _habit(found: int, chapters: int) -> bool:
    return found >= HABIT_CHAPTERS or (found >= 3 and found * 4 >= chapters)


def _as_notes(blocks: list[Block]) -> list[Block]:
    """A passage with each run of paragraphs made one note (the notes in it stay as they are)."""
    out: list[Block] = []
    run: list[Block] = []
    for block in [*blocks, None]:
        if isinstance(block, Paragraph):
            run.append(block)
            continue
        if run:
            out.append(AuthorNote(run))
            run = []
        if block is not None:
            out.append(block)
    return out


def _opening(blocks: list[Block]) -> list[tuple[int, int]] | None:
    """The fenced passages (start, end) that open a chapter and read as notes, or None."""
    breaks = [i for i, b in enumerate(blocks) if isinstance(b, SceneBreak)]
    if not breaks or not breaks[0] or _fewer_words(blocks[breaks[0] :], STORY_WORDS):
        return None
    if not _short_passage(blocks[: breaks[0]]):
        return None
    passages = [(0, breaks[0])]
    for start, end in itertools.pairwise(breaks[: 2 + MORE_OPENING_PASSAGES - 1]):
        passage = blocks[start + 1 : end]
        if not (_short_passage(passage, about_work=True) and _about_the_work(passage)):
            break
        if _fewer_words(blocks[end:], STORY_WORDS):
            break
        passages.append((start + 1, end))
    return passages


def _closing(blocks: list[Block]) -> int | None:
    """Where the fenced passage that closes a chapter and speaks of the work starts, or None."""
    breaks = [i for i, b in enumerate(blocks) if isinstance(b, SceneBreak)]
    if not breaks or _fewer_words(blocks[: breaks[-1]], STORY_WORDS):
        return None
    closing = blocks[breaks[-1] + 1 :]
    if _short_passage(closing) and _about_the_work(closing):
        return breaks[-1] + 1
    return None


APPENDIX = lazy_compile(
    r"\b(?:stats|statistics|wiki|glossary|appendix|infodump|trivia|faq|q\s*&\s*a)\b", re.IGNORECASE
)


def appendix_notes(chapter: Chapter) -> None:
    """A passage fenced off between a chapter's story and its closing note, under a short title that names
    out-of-story material ("Servant stats page:", "-- Story Wiki --"), is the author's, like the note."""
    blocks = chapter.blocks
    closing = len(blocks)
    while closing and isinstance(blocks[closing - 1], (AuthorNote, SceneBreak)):
        closing -= 1
    if closing == len(blocks) or not any(isinstance(b, AuthorNote) for b in blocks[closing:]):
        return
    start = max((i for i, b in enumerate(blocks[:closing]) if isinstance(b, SceneBreak)), default=-1) + 1
    if start == 0 or not isinstance(blocks[start], Paragraph):
        return
    title = text_of_block(blocks[start])
    if len(title.split()) <= 8 and "\n" not in title and APPENDIX.search(title):
        blocks[start:closing] = [AuthorNote(list(blocks[start:closing]))]


def fenced_notes(chapters: list[Chapter]) -> None:
    """Turn the unlabelled passages that open chapters before their first divider, or close them after
    their last, into notes, when the file makes a habit of it (in five chapters, or three and a quarter
    of them); a single short opening or closing is story."""
    for chapter in chapters:
        while chapter.blocks and isinstance(chapter.blocks[-1], SceneBreak):
            chapter.blocks.pop()  # a break that closes the chapter divides nothing
        appendix_notes(chapter)
    openings = [(c, found) for c in chapters if (found := _opening(c.blocks)) is not None]
    closings = [(c, start) for c in chapters if (start := _closing(c.blocks)) is not None]
    if _habit(len(closings), len(chapters)):
        for chapter, start in closings:
            chapter.blocks[start:] = _as_notes(chapter.blocks[start:])
    if _habit(len(openings), len(chapters)):
        for chapter, passages in openings:
            for start, end in reversed(passages):
                chapter.blocks[start:end] = _as_notes(chapter.blocks[start:end])
