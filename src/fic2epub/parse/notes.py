"""Author notes as blocks: the text of a note token without its label or brackets, in paragraphs; and the
notes told by where they stand: passages fenced off by dividers by habit, and the words to readers at a
chapter's very start or end."""

from __future__ import annotations

import itertools
import re

from ..lazy import lazy_compile
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


# The author speaking to the readers without a label, in a chapter's first or last short paragraphs: "Hey
# guys, I'm back!", "Sorry this took so long", "Please review!", "Thanks for reading!", "See you next
# chapter!", "Don't forget to vote and comment!".  Each phrase names the readers' side of the work
# (reviews, reading, votes, updates, chapters) so that a story's own words rarely say it; and a paragraph
# with dialogue in it, a speech verb or more than a few sentences' worth of words is story however it reads.
TALK_WORDS = 60
TALK_CHARS = 450  # looked at before the words are counted: most paragraphs of a story are longer
TALK_PARAGRAPHS = 3  # at most so many paragraphs at either end of a chapter
TALK_STORY_WORDS = 100  # and the chapter keeps at least so many words of story
_FOR = (
    r"(?:all\s+)?(?:the\s+|your\s+|of\s+your\s+)?(?:\w+\s+){0,2}?(?:reviews?|favou?rites?|favs?|follows?|"
    r"kudos|comments?|votes?|feedback|alerts?|patience|support)\b|for\s+(?:all\s+)?(?:the\s+)?waiting\b"
)
TALKS_TO_READERS = lazy_compile(
    r"\b(?:please|pls|plz)\s+(?:r\s*(?:&|and)\s*r|review|rate\s+and\s+review|comment|vote|"
    r"leave\s+(?:a\s+|some\s+)?(?:reviews?|comments?|kudos))\b|"
    r"\breviews?\s+(?:please|pls|plz|make|makes|keep|feed|fuel|motivate|inspire|are\s+(?:love|appreciated|"
    r"welcome))\b|\bread\s+(?:and|&)\s+review\b|(?<!\w)r\s*&\s*r(?!\w)|"
    rf"\b(?:thanks|thank\s+you|ty)\s+(?:(?:so\s+)?(?:much|very\s+much|again|everyone|everybody|all|guys|"
    rf"you\s+all|y['’]?all)[\s,]+){{0,3}}(?:for\s+{_FOR}|"
    r"for\s+reading(?=\s*(?:[!.,:;)~<3♥]|$|and\b|this\b|everyone\b|guys\b|all\b|my\s+(?:story|fic)\b))|"
    r"to\s+(?:all\s+)?(?:(?:my|the|our)\s+)?(?:\w+\s+)?(?:reviewers|readers|followers|beta)\b)|"
    r"\b(?:let|tell)\s+me\s+(?:know\s+)?what\s+(?:you|y['’]?all)\s+(?:all\s+|guys\s+)?think"
    r"(?:\s+(?:of|about)\s+(?:this|the|it)(?:\s+(?:chapter|story|fic|so\s+far))?)?\s*(?:[!.?:;)~]|$)|"
    r"\blet\s+me\s+know\s+in\s+the\s+(?:reviews|comments)\b|"
    r"\bsee\s+(?:you|ya|y['’]?all)\s+(?:all\s+|guys\s+|everyone\s+)?(?:in\s+|on\s+)?(?:the\s+)?next\s+"
    r"(?:chapter|update)\b|\bsee\s+(?:you|ya)\s+(?:all|guys|everyone)\s+next\s+time\b|"
    r"\buntil\s+(?:the\s+)?next\s+(?:chapter|update)\b|"
    r"\b(?:don['’]?t|do\s+not)\s+forget\s+to\s+"
    r"(?:vote|comment|review|leave\s+(?:a\s+)?(?:review|comment|kudos))|"
    r"\bvote\s+(?:and|&|\+)\s+comment\b|\bcomment\s+(?:and|&|\+)\s+vote\b|"
    r"\bsorry\s+(?:for|about)\s+(?:the\s+)?(?:late|long|slow)\s+(?:update|wait|chapter)\b|"
    r"\bsorry\s+(?:for|about)\s+the\s+(?:wait|delay)\b|\bsorry\s+(?:this|it)\s+took\s+(?:me\s+)?(?:so\s+)?"
    r"long\b|\breal\s+life\s+got\s+in\s+the\s+way\b|"
    r"\bhope\s+(?:you|y['’]?all)\s+(?:all\s+|guys\s+)?(?:enjoy|enjoyed|like|liked)\s+(?:this|the)\s+"
    r"(?:chapter|update|story|fic)\b|"
    r"\b(?:next|new)\s+(?:chapter|update)\s+(?:will\s+be\s+(?:up|out|posted)|should\s+be\s+(?:up|out)|is\s+"
    r"(?:up|out|coming)|coming\s+soon|soon)\b|"
    r"\b(?:hey|hi|hello|heya|hiya)\s+(?:guys|everyone|everybody|readers|y['’]?all|peeps|folks)\b"
    r"(?=.{0,200}\b(?:i['’]?m\s+back|i\s+am\s+back|sorry|chapters?|update[sd]?|story|fic|reviews?)\b)",
    re.IGNORECASE,
)
# "Enjoy!" or "On with the story!" is a note's last word before the story, never one of its own.
TALK_CLOSER = lazy_compile(
    r"[\W_]*(?:(?:anyway|so|now|and\s+now)[\s,]+)?"
    r"(?:(?:on|back)\s+(?:with|to)\s+the\s+(?:story|chapter|fic|show)|"
    r"enjoy(?:\s+the\s+(?:chapter|story|update))?|here\s+(?:it\s+is|is\s+the\s+(?:next\s+|new\s+)?chapter))"
    r"[\W_]*",
    re.IGNORECASE,
)
# "See ya.", "Bye!": the author's goodbye after the words to readers, never one of its own.
TALK_SIGN_OFF = lazy_compile(
    r"[\W_]*(?:see\s+(?:ya|you)(?:\s+(?:all|guys|soon|later))?|bye(?:\s+bye)?|byes|ciao|cheers|later|"
    r"peace(?:\s+out)?|until\s+next\s+time|till\s+next\s+time|take\s+care)[\W_]*",
    re.IGNORECASE,
)
# dialogue, a speech verb, an opening single quote (an apostrophe only follows a letter)
STORY_SIGNS = lazy_compile(
    r"[\"“”«»„「」『』‘]|(?:^|\s)'\w|\b(?:said|says|asked|replied|whispered|shouted|muttered|mumbled|"
    r"murmured|sighed|snapped|yelled|cried|answered|added|thought|wrote|called|told)\b",
    re.IGNORECASE,
)


def talks_to_readers(text: str, *, after_note: bool = False) -> bool:
    """Whether a paragraph is the author speaking to readers about the work, with no label: short, no
    dialogue, and a phrase of the readers' side of the work (or, right after a note, its "Enjoy!")."""
    if len(text) > TALK_CHARS or count_words(text) > TALK_WORDS or STORY_SIGNS.search(text):
        return False
    if after_note and TALK_CLOSER.fullmatch(text):
        return True
    return TALKS_TO_READERS.search(text) is not None


def _talk_run(blocks: list[Block], order: range) -> list[int]:
    """The indexes of the paragraphs at one end of a chapter (walked in `order`) that talk to readers,
    past the notes already there, until the first paragraph of the story.  Walking back from the end, a
    goodbye ("See ya.") counts only when words to readers or a note come before it."""
    found: list[int] = []
    confirmed = 0  # how many of `found` are certain
    after_note = False
    forward = order.step > 0
    for i in order:
        block = blocks[i]
        if isinstance(block, AuthorNote):
            after_note, confirmed = True, len(found)
            continue
        if not isinstance(block, Paragraph) or len(found) == TALK_PARAGRAPHS:
            break
        text = text_of_block(block)
        if talks_to_readers(text, after_note=after_note and forward):
            found.append(i)
            after_note, confirmed = True, len(found)
        elif not forward and len(text) < 40 and TALK_SIGN_OFF.fullmatch(text):
            found.append(i)
        else:
            break
    return found[:confirmed]


def _bridge(blocks: list[Block], first: int) -> int:
    """Where the note the author labelled starts when the paragraphs between it and the closing words to
    readers at `first` are its own: when a divider fences the note off from the story before it, and the
    few paragraphs after it hold no dialogue."""
    i = first - 1
    while i >= 0 and first - i <= BRIDGE_PARAGRAPHS + 1 and isinstance(blocks[i], Paragraph):
        i -= 1
    if i < 0 or i == first - 1 or not isinstance(blocks[i], AuthorNote):
        return first
    if _fewer_words(blocks[:i], TALK_STORY_WORDS):
        return first  # the chapter's opening note, with the story between
    if i == 0 or not isinstance(blocks[i - 1], SceneBreak):
        return first  # a note inside the story, which may go on after it
    if any(_DIALOGUE.search(text_of_block(b)) for b in blocks[i + 1 : first]):
        return first
    return i


BRIDGE_PARAGRAPHS = 8  # at most so many paragraphs continue a note fenced off by a divider
_DIALOGUE = lazy_compile(r"[\"“”«»„「」『』]")


def reader_notes(chapters: list[Chapter]) -> None:
    """Turn the paragraphs that open or close a chapter talking to readers into notes (see
    `talks_to_readers`), joined to a note next to them; never in a chapter with little story besides."""
    for chapter in chapters:
        blocks = chapter.blocks
        opening = _talk_run(blocks, range(len(blocks)))
        closing = _talk_run(blocks, range(len(blocks) - 1, -1, -1))
        talk = set(opening) | set(closing)
        if closing:
            bridged = _bridge(blocks, min(closing))
            talk.update(range(bridged + 1, min(closing)))
        if not talk or _fewer_words([b for i, b in enumerate(blocks) if i not in talk], TALK_STORY_WORDS):
            continue
        out: list[Block] = []
        new: set[int] = set()  # ids of the notes made here
        for i, block in enumerate(blocks):
            last = out[-1] if out and isinstance(out[-1], AuthorNote) else None
            if i in talk and last is not None:
                last.blocks.append(block)
            elif i in talk:
                note = AuthorNote([block])
                new.add(id(note))
                out.append(note)
            elif isinstance(block, AuthorNote) and last is not None and id(last) in new:
                # a note the author labelled, right after the words that led to it: one note
                out[-1] = AuthorNote([*last.blocks, *block.blocks], block.label)
            else:
                out.append(block)
        chapter.blocks = out
