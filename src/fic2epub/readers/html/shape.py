"""Story text read from a page, shaped into chapters with the plain-text parser's recognisers.

The blocks of a story's text still hold what the author typed around the story: a header
(`Title:`, `Summary:`, `Disclaimer:`), the title again, a chapter heading, author notes (`A/N:`),
dividers, a closing "Please review!".  Each paragraph's text is put to the same recognisers the
text parser uses (`split_field`, `match_note`, `match_heading`, `is_end_marker`), so a page and a
text file of the same story read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ...model import (
    AuthorNote,
    Block,
    Chapter,
    Heading,
    Inline,
    LineBreak,
    Link,
    MetadataField,
    Paragraph,
    Recognition,
    SceneBreak,
    Span,
    Story,
    Text,
    canonical_key,
    count_words,
    text_of_block,
    text_of_inlines,
)
from ...parse.rules.author_note import match_note
from ...parse.rules.byline import BYLINE, split_authors
from ...parse.rules.chapter_heading import DECORATION, HeadingMatch, match_heading
from ...parse.rules.end_marker import is_end_marker
from ...parse.rules.header_field import is_known, split_field

DISCLAIMER = re.compile(r"^\s*(?P<label>disclaimer)\s*[:.\-–—]\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
# Words that tell a short closing or opening section is the author talking to readers.
NOTE_WORDS = re.compile(
    r"\b(?:reviews?|reviewing|comments?|kudos|thanks?|thank you|please|enjoy(?:ed)?|updates?|next chapter|"
    r"disclaimer|feedback|beta|follow|favou?rites?|let me know|hope you|author'?s? note)\b",
    re.IGNORECASE,
)
HEADER_LOOKAHEAD = 10  # a chapter heading this close to the top makes what stands before it a header
SHORT_SECTION_WORDS = 60
# A note opened by a bare label ("A/N:") and closed by a break before more story is no longer than this.
NOTE_MAX_PARAGRAPHS = 8
NOTE_MAX_WORDS = 400


@dataclass
class Shaper:
    """Shapes the blocks of one page's story text into chapters, filling in the story's header."""

    story: Story
    source: str = ""
    line_of: Callable[[Block], int] = lambda block: 0
    weak_title: bool = False  # the title is the page's `<title>`: a `Title:` field replaces it

    def note(self, rule: str, element: str, block: Block | None, text: str, line: int = 0) -> None:
        """Tell `inspect` what was recognised, and where."""
        line = self.line_of(block) if block is not None else line
        self.story.recognitions.append(Recognition(f"html.{rule}", element, line, text[:200], self.source))

    # ---------------------------------------------------------------- header
    def header(self, blocks: list[Block]) -> tuple[list[AuthorNote], Chapter | None, list[Block]]:
        """Notes and fields before the story, the chapter heading if the text has one, and the rest."""
        notes: list[AuthorNote] = []
        top: list[Block] = []
        for block in blocks[:HEADER_LOOKAHEAD]:
            top.extend(self._header_lines(block))
        blocks = top + blocks[HEADER_LOOKAHEAD:]
        heading_at = self._heading_near_top(blocks)
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if heading_at is not None and i == heading_at:
                chapter = self._chapter_from(block)
                return notes, chapter, blocks[i + 1 :]
            if isinstance(block, SceneBreak):
                i += 1
                continue
            if isinstance(block, AuthorNote):
                notes.append(block)
                i += 1
                continue
            if not isinstance(block, Paragraph):
                break
            used, note = self._header_paragraph(blocks, i, before_heading=heading_at is not None)
            if not used:
                break
            if note is not None:
                notes.append(note)
            i += used
        return notes, None, blocks[i:]

    def _header_lines(self, block: Block) -> list[Block]:
        """A paragraph of several lines at the top whose lines are header lines ("Title: X<br>Rating: T<br>
        Chapter 1"), one paragraph per line; anything else as it is."""
        if not isinstance(block, Paragraph) or not any(isinstance(n, LineBreak) for n in block.inlines):
            return [block]
        lines = _lines_of(block)
        if not any(_is_header_line(line, self.story.title) for line in lines):
            return [block]
        return [
            Paragraph(part, block.align)
            for part in split_at_breaks(block.inlines)
            if text_of_inlines(part).strip()
        ]

    def _heading_near_top(self, blocks: list[Block]) -> int | None:
        words = 0
        for i, block in enumerate(blocks[:HEADER_LOOKAHEAD]):
            if isinstance(block, Heading) or (isinstance(block, Paragraph) and self._heading_of(block)):
                return i
            if not isinstance(block, (Paragraph, SceneBreak, AuthorNote)):
                return None
            words += count_words(text_of_block(block))
            if words > 400:
                return None
        return None

    def _heading_of(self, block: Block) -> HeadingMatch | None:
        if isinstance(block, Heading):
            text = " ".join(text_of_inlines(block.inlines).split())
            return match_heading(text) or HeadingMatch(text, None, text, block.level, "html")
        if not isinstance(block, Paragraph):
            return None
        lines = _lines_of(block)
        if len(lines) != 1 or len(lines[0].split()) > 12:
            return None
        found = match_heading(lines[0], allow_bare=False)
        return found if found is not None and found.kind in ("numbered", "named", "cjk") else None

    def _chapter_from(self, block: Block) -> Chapter:
        found = self._heading_of(block)
        assert found is not None
        self.note("chapter_heading", "chapter heading", block, found.title)
        return Chapter(found.title, [], found.number, found.name)

    def _header_paragraph(
        self, blocks: list[Block], i: int, *, before_heading: bool
    ) -> tuple[int, AuthorNote | None]:
        """How many blocks a header paragraph takes (0: it is story text), and the note it makes."""
        block = blocks[i]
        assert isinstance(block, Paragraph)
        lines = _lines_of(block)
        text = " ".join(lines)
        if not text:
            return 1, None
        disclaimer = DISCLAIMER.match(text)
        if disclaimer:
            self.note("disclaimer", "author note", block, text)
            return 1, AuthorNote([_cut(block, disclaimer.group("rest"))], "Disclaimer")
        found = match_note(text)
        if found is not None:
            return self._note_at(blocks, i, found)
        fields = [split_field(line) for line in lines]
        if all(f is not None and is_known(f[0]) for f in fields):
            for f in fields:
                assert f is not None
                self._field(block, *f)
            return 1, None
        if self.story.title and _same(text, self.story.title):
            self.note("title_line", "title", block, text)
            return 1, None
        if (self.story.title is None or self.weak_title) and _title_over_byline(blocks, i, lines):
            self.note("title_line", "title", block, text)
            self.story.title, self.weak_title = text, False
            return 1, None
        byline = BYLINE.match(text)
        if byline and len(byline.group("name").split()) <= 6:
            self.note("byline", "author", block, text)
            if not self.story.authors:
                self.story.authors = split_authors(byline.group("name"))
            return 1, None
        if before_heading:  # anything else above the chapter heading is the author talking
            self.note("author_note", "author note", block, text)
            return 1, AuthorNote([block])
        return 0, None

    def _field(self, block: Block, label: str, value: str) -> None:
        key = canonical_key(label)
        self.note("header_field", "metadata", block, f"{label}: {value}")
        if key == "title":
            if value and (self.weak_title or not self.story.title):
                self.story.title, self.weak_title = value, False
        elif key == "author":
            self.story.authors = self.story.authors or split_authors(value)
        elif key == "summary" and self.story.get("summary"):
            return  # the site's own summary is the same, and whole
        elif value and self.story.get(key) is None:
            self.story.metadata.append(MetadataField(label, value, key))

    # ---------------------------------------------------------------- notes
    def _note_at(
        self, blocks: list[Block], i: int, found: tuple[str, str, str | None]
    ) -> tuple[int, AuthorNote]:
        """An author note starting at block i: its own paragraph, or up to the next fence if the label
        stands alone."""
        label, rest, closing = found
        block = blocks[i]
        assert isinstance(block, Paragraph)
        text = " ".join(_lines_of(block))
        self.note("author_note", "author note", block, text)
        if rest:
            note = _cut(block, rest)
            if closing and text.endswith(closing):
                note.inlines = _drop_last_char(note.inlines)
            return 1, AuthorNote([note], label)
        end = i + 1
        while end < len(blocks) and not self._fence(blocks[end]):
            end += 1
        inside = blocks[i + 1 : end]
        if end >= len(blocks):  # up to the end of the text: a closing note, if it starts late
            too_much = i < len(blocks) // 2
        else:  # story follows the fence: a note before it is short
            words = sum(count_words(text_of_block(b)) for b in inside)
            too_much = len(inside) > NOTE_MAX_PARAGRAPHS or words > NOTE_MAX_WORDS
        if too_much:
            end = min(i + 2, len(blocks))  # no believable end: the label's next paragraph only
        return end - i, AuthorNote(list(blocks[i + 1 : end]), label)

    def _fence(self, block: Block) -> bool:
        if isinstance(block, (SceneBreak, Heading, AuthorNote)):
            return True
        if isinstance(block, Paragraph):
            text = " ".join(_lines_of(block))
            return bool(self._heading_of(block) or is_end_marker(text) or match_note(text))
        return False

    # ---------------------------------------------------------------- body
    def body(self, blocks: list[Block], chapter: Chapter) -> Chapter:
        """The story blocks of one chapter: its heading repeated as the first line dropped, notes
        recognised, end marker kept apart, breaks tidied."""
        out: list[Block] = []
        i = self._repeated_heading(blocks, chapter)
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, Paragraph):
                text = " ".join(_lines_of(block))
                found = match_note(text)
                if found is not None:
                    used, note = self._note_at(blocks, i, found)
                    out.append(note)
                    i += used
                    continue
                if is_end_marker(text) and _only_notes_after(blocks, i + 1):
                    self.note("end_marker", "end marker", block, text)
                    chapter.end_marker = text
                    i += 1
                    continue
            out.append(block)
            i += 1
        shaped = self._fenced_notes(out)
        kept = tidy(shaped)
        kept_ids = {id(b) for b in kept}
        for block in shaped:
            if isinstance(block, SceneBreak):
                left_out = id(block) not in kept_ids
                element = (
                    "scene break (fences notes off or doubles one: left out)" if left_out else "scene break"
                )
                self.note("scene_divider", element, block, block.marker)
        chapter.blocks.extend(kept)
        return chapter

    def _repeated_heading(self, blocks: list[Block], chapter: Chapter) -> int:
        """1 if the text opens with the chapter's own heading again (its title, or its name), else 0."""
        first = blocks[0] if blocks else None
        if not chapter.title or not isinstance(first, (Paragraph, Heading)):
            return 0
        text = " ".join(text_of_inlines(first.inlines).split())
        names = [n for n in (chapter.title, chapter.name) if n]
        if len(text) <= 120 and any(_same(text.strip(DECORATION), n) for n in names):
            self.note("chapter_heading", "chapter heading (repeated, dropped)", first, text)
            return 1
        return 0

    def _fenced_notes(self, blocks: list[Block]) -> list[Block]:
        """A short section fenced off by a break at the very end (or start), talking to readers, is a note."""
        breaks = [i for i, b in enumerate(blocks) if isinstance(b, SceneBreak)]
        if not breaks:
            return blocks
        last = breaks[-1]
        tail = blocks[last + 1 :]
        if _talks_to_readers(tail, blocks):
            self.note("author_note", "author note", tail[0], text_of_block(tail[0]))
            blocks = [*blocks[: last + 1], AuthorNote(list(tail))]
        first = breaks[0]
        head = blocks[:first]
        if _talks_to_readers(head, blocks):
            self.note("author_note", "author note", head[0], text_of_block(head[0]))
            blocks = [AuthorNote(list(head)), *blocks[first:]]
        return blocks


def _title_over_byline(blocks: list[Block], i: int, lines: list[str]) -> bool:
    """A short line standing right over a byline ("Paper Boats" / "by Ilse Varga") is the title."""
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    if len(lines) != 1 or len(lines[0].split()) > 12 or lines[0].rstrip()[-1:] in ".!?,;" or after is None:
        return False
    if not isinstance(after, Paragraph):
        return False
    byline = BYLINE.match(" ".join(_lines_of(after)))
    return bool(byline and len(byline.group("name").split()) <= 6)


def _talks_to_readers(section: list[Block], chapter: list[Block]) -> bool:
    """A few short paragraphs with words of an author talking to readers, in a chapter ten times longer."""
    if not section or len(section) > 3 or not all(isinstance(b, Paragraph) for b in section):
        return False
    text = " ".join(text_of_block(b) for b in section)
    words = count_words(text)
    if words > SHORT_SECTION_WORDS or not NOTE_WORDS.search(text):
        return False
    story_words = sum(count_words(text_of_block(b)) for b in chapter if isinstance(b, Paragraph))
    return story_words >= 10 * words


def _only_notes_after(blocks: list[Block], start: int) -> bool:
    rest = blocks[start:]
    return all(
        isinstance(b, (SceneBreak, AuthorNote))
        or (isinstance(b, Paragraph) and match_note(" ".join(_lines_of(b))) is not None)
        for b in rest
    )


def tidy(blocks: list[Block]) -> list[Block]:
    """No scene break before the first words or after the last, none next to another, none fencing notes."""
    is_text = [not isinstance(b, (SceneBreak, AuthorNote)) for b in blocks]
    first = next((i for i, t in enumerate(is_text) if t), len(blocks))
    last = max((i for i, t in enumerate(is_text) if t), default=-1)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if isinstance(block, SceneBreak) and (
            i < first or i > last or (out and isinstance(out[-1], SceneBreak))
        ):
            continue
        out.append(block)
    return out


def _is_header_line(line: str, title: str | None) -> bool:
    field = split_field(line)
    return (
        (field is not None and is_known(field[0]))
        or match_heading(line, allow_bare=False) is not None
        or match_note(line) is not None
        or bool(title and _same(line, title))
    )


def split_at_breaks(inlines: list[Inline]) -> list[list[Inline]]:
    """Inlines cut at their line breaks, spans and links cut with them."""
    lines: list[list[Inline]] = [[]]
    for node in inlines:
        if isinstance(node, LineBreak):
            lines.append([])
        elif isinstance(node, (Span, Link)):
            parts = split_at_breaks(node.children)
            for n, part in enumerate(parts):
                if n:
                    lines.append([])
                if part:
                    lines[-1].append(
                        Span(node.kind, part) if isinstance(node, Span) else Link(node.href, part)
                    )
        else:
            lines[-1].append(node)
    return lines


def _drop_last_char(inlines: list[Inline]) -> list[Inline]:
    """The inlines without their last character of text (a note's closing bracket)."""
    for node in reversed(inlines):
        if isinstance(node, Text) and node.text.rstrip():
            node.text = node.text.rstrip()[:-1].rstrip()
            break
        if isinstance(node, (Span, Link)) and text_of_inlines(node.children).strip():
            node.children = _drop_last_char(node.children)
            break
    return inlines


def _lines_of(block: Paragraph) -> list[str]:
    """A paragraph's text as its non-empty lines, whitespace squashed."""
    return [" ".join(line.split()) for line in text_of_inlines(block.inlines).split("\n") if line.strip()]


def same_text(a: str, b: str) -> bool:
    """Whether two texts say the same, case, spaces and punctuation aside."""
    return _same(a, b)


def _same(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return " ".join(re.sub(r"[^\w]+", " ", s.casefold()).split())

    return fold(a) == fold(b)


def _cut(block: Paragraph, rest: str) -> Paragraph:
    """The paragraph without what stands before `rest` (the label of a note)."""
    plain = text_of_inlines(block.inlines)
    start = plain.find(rest[:30]) if rest else len(plain)
    return Paragraph(_drop_chars(block.inlines, max(start, 0)), block.align)


def _drop_chars(inlines: list[Inline], count: int) -> list[Inline]:
    """The inlines without their first `count` characters of text (line breaks count as a space)."""
    out: list[Inline] = []
    remaining = count
    for node in inlines:
        if remaining <= 0:
            out.append(node)
            continue
        if isinstance(node, Text):
            if len(node.text) <= remaining:
                remaining -= len(node.text)
                continue
            out.append(Text(node.text[remaining:]))
            remaining = 0
        elif isinstance(node, LineBreak):
            remaining -= 1
        elif isinstance(node, (Span, Link)):
            size = len(text_of_inlines(node.children))
            if size <= remaining:
                remaining -= size
                continue
            node.children = _drop_chars(node.children, remaining)
            remaining = 0
            out.append(node)
        else:
            out.append(node)
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip(" :.-–—"))
    return out
