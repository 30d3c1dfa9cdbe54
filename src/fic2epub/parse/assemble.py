"""Tokens to the Story: the header becomes metadata, headings start chapters (or parts and sections, see
`levels`), dividers and long gaps become scene breaks, notes become `AuthorNote` blocks, and breaks that
only open or close a chapter or fence a note off are dropped.

A short preamble before the first chapter heading (an epigraph, a title page) is front matter, not a
chapter of its own; a long one (a prologue without a heading) is the first chapter."""

from __future__ import annotations

from collections import Counter

from ..model import (
    AuthorNote,
    Block,
    Chapter,
    Heading,
    MetadataField,
    Paragraph,
    Recognition,
    SceneBreak,
    Story,
    count_words,
    text_of_block,
)
from .inline import parse_inlines
from .levels import heading_roles, promote_part_titles
from .notes import fenced_notes, note_block, reader_notes
from .rules.byline import split_authors
from .state import Token

_ELEMENT = {
    "title": "title",
    "byline": "author",
    "field": "metadata",
    "contents": "table of contents (dropped)",
    "heading": "chapter heading",
    "divider": "scene break",
    "note": "author note",
    "spacer": "spacer",
    "end": "end marker",
    "skip": "front matter",
    "dropped": "dropped (not story text)",
    "boilerplate": "site boilerplate",
}
_HEADING_ROLE = {
    "chapter": "chapter heading",
    "section": "section heading",
    "fold": "part heading",
}
PREAMBLE_WORDS = 300  # front matter before the first heading is at most this long; more is a prologue


def _tidy(blocks: list[Block]) -> list[Block]:
    """No break at the start or end of a chapter, none next to another or to a section heading (which
    is a break of its own), none right after a note (it fences the note off)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, SceneBreak) and (
            not out or isinstance(out[-1], (SceneBreak, Heading, AuthorNote))
        ):
            continue  # a divider after a note fences the note off
        if isinstance(block, Heading) and out and isinstance(out[-1], SceneBreak):
            out.pop()
        out.append(block)
    first = next((i for i, b in enumerate(out) if _is_text(b)), len(out))
    last = next((i for i in range(len(out) - 1, -1, -1) if _is_text(out[i])), -1)
    return [b for i, b in enumerate(out) if not isinstance(b, SceneBreak) or first < i < last]


def _is_text(block: Block) -> bool:
    return not isinstance(block, (SceneBreak, AuthorNote, Heading))


def _heading_block(token: Token, markdown: bool) -> Heading:
    level = max(1, min(int(token.data.get("level") or 1), 4))
    return Heading(parse_inlines(str(token.data.get("title") or ""), markdown=markdown), level)


class _Builder:
    """Collects blocks into chapters as the tokens come."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.chapters: list[Chapter] = []
        self.preamble: list[Block] = []
        self.pending: list[Block] = []  # a folded part heading, waiting for the chapter it opens
        self.end_marks: set[int] = set()  # ids of the paragraphs that hold an end marker

    @property
    def blocks(self) -> list[Block]:
        if self.pending:
            return self.pending
        return self.chapters[-1].blocks if self.chapters else self.preamble

    def start(self, token: Token) -> None:
        data = token.data
        chapter = Chapter(data.get("title"), self.pending, data.get("number"), data.get("name"))
        self.pending = []
        self.chapters.append(chapter)


def assemble(tokens: list[Token], *, markdown: bool = False, source: str | None = None) -> Story:
    """Build the Story from the tokens of one file."""
    story = Story(source=source)
    promote_part_titles(tokens)
    roles = heading_roles(tokens)
    break_gap = _break_gap(tokens)
    build = _Builder(markdown)
    in_header = True
    for index, token in enumerate(tokens):
        kind = token.kind
        if kind in _ELEMENT:
            element = _HEADING_ROLE[roles.get(index, "chapter")] if kind == "heading" else _ELEMENT[kind]
            story.recognitions.append(
                Recognition(token.rule, element, token.line, token.text[:200], source or "")
            )
        # the kinds most tokens are first: a novel has tens of thousands of them
        if kind == "paragraph":
            in_header = False
            build.blocks.append(Paragraph(parse_inlines(token.data["text"], markdown=markdown)))
        elif kind == "blank" or kind == "divider":
            breaks_scene = kind == "divider" or token.data.get("blank_lines", 0) > break_gap
            if breaks_scene and not in_header and not build.pending:  # a part's title page has no scenes
                build.blocks.append(SceneBreak(token.data.get("marker", "")))
        elif kind == "heading":
            in_header = False
            role = roles.get(index, "chapter")
            if role == "chapter":
                build.start(token)
            elif role == "fold":
                build.pending.append(_heading_block(token, markdown))
            else:
                build.blocks.append(_heading_block(token, markdown))
        elif kind == "note":
            build.blocks.append(note_block(token, markdown))
        elif kind == "end":
            mark = Paragraph(parse_inlines(token.data["marker"], markdown=markdown))
            build.end_marks.add(id(mark))
            build.blocks.append(mark)
        elif kind == "boilerplate":
            story.back_notes.append(Paragraph(parse_inlines(token.data["text"], markdown=markdown)))
        elif kind == "dropped":
            story.dropped.append(f"line {token.line}: {token.data.get('what', 'dropped')}")
        elif kind == "field":
            _field(story, token)
        elif kind == "title" and story.title is None:
            story.title = token.data["title"]
        elif kind == "byline":
            story.authors.extend(a for a in token.data["authors"] if a not in story.authors)
    if build.pending and build.chapters:
        build.chapters[-1].blocks.extend(build.pending)
    elif build.pending:
        build.preamble.extend(build.pending)
    _place_preamble(story, build)
    _close(story, build)
    return story


def _break_gap(tokens: list[Token]) -> int:
    """The longest run of blank lines that still only separates paragraphs.

    A run longer than the paragraph gap is a scene break, unless the file sets its headings off by runs
    as long: then a run of that length without a heading is the same spacing (a letter set off, an
    epigraph), and only a longer one breaks scenes."""
    paragraph_gap: int | None = None
    before: Counter[int] = Counter()
    for i, token in enumerate(tokens):
        if token.kind != "blank" or "paragraph_gap" not in token.data:
            continue
        paragraph_gap = token.data["paragraph_gap"]
        if i + 1 < len(tokens) and tokens[i + 1].kind == "heading":
            before[token.data["blank_lines"]] += 1
    if paragraph_gap is None:
        return 10**9
    usual = before.most_common(1)[0][0] if sum(before.values()) >= 2 else 0
    return max(paragraph_gap, usual)


def _place_preamble(story: Story, build: _Builder) -> None:
    """Text before the first heading: front matter when short, else the story's untitled first chapter."""
    preamble = build.preamble
    if not preamble:
        return
    words = sum(count_words(text_of_block(b)) for b in preamble if _is_text(b))
    if build.chapters and words <= PREAMBLE_WORDS:
        story.front_notes[:0] = [b for b in preamble if not isinstance(b, SceneBreak)]
    elif any(_is_text(b) or isinstance(b, Heading) for b in preamble):
        build.chapters.insert(0, Chapter(None, preamble))
    elif build.chapters:
        story.front_notes[:0] = [b for b in preamble if isinstance(b, AuthorNote)]
    else:
        # nothing but notes: what the author wrote is the story, rather than no book at all
        blocks = [inner for b in preamble if isinstance(b, AuthorNote) for inner in b.blocks]
        build.chapters.append(Chapter(None, blocks))


def _end_markers(chapter: Chapter, marks: set[int]) -> bool:
    """Move the end markers after a chapter's last words to `end_marker`; one followed by more of the story
    ("Interlude: end", then the chapter goes on) stays where it is.  Whether the chapter ended so."""
    if not marks or not any(id(b) in marks for b in chapter.blocks):
        return False
    last_words = max(
        (i for i, b in enumerate(chapter.blocks) if _is_text(b) and id(b) not in marks), default=-1
    )
    closing = [b for i, b in enumerate(chapter.blocks) if id(b) in marks and i > last_words]
    if not closing:
        return False
    moved = {id(b) for b in closing}  # a set: thousands of end markers stay linear
    chapter.blocks = [b for b in chapter.blocks if id(b) not in moved]
    chapter.end_marker = "\n".join(text_of_block(b) for b in closing)
    return True


def _close(story: Story, build: _Builder) -> None:
    """Tidy every chapter; notes after the last words of the story belong to the story, not the chapter."""
    ended = [_end_markers(chapter, build.end_marks) for chapter in build.chapters]
    fenced_notes(build.chapters)
    reader_notes(build.chapters)
    for chapter in build.chapters:
        chapter.blocks = _tidy(chapter.blocks)
    chapters = [c for c in build.chapters if c.blocks or c.title]
    one_shot = len(chapters) == 1 and chapters[0].title is None
    if chapters and ((ended[-1] and build.chapters[-1] is chapters[-1]) or one_shot):
        last = chapters[-1]
        tail = len(last.blocks)
        while tail > 0 and isinstance(last.blocks[tail - 1], AuthorNote):
            tail -= 1
        if tail > 0:
            story.back_notes[:0] = last.blocks[tail:]
            del last.blocks[tail:]
    if one_shot:
        # a story told in one untitled piece: the notes before its first words are the story's
        first = chapters[0]
        head = next((i for i, b in enumerate(first.blocks) if not isinstance(b, AuthorNote)), 0)
        story.front_notes.extend(first.blocks[:head])
        del first.blocks[:head]
    story.chapters = chapters


def _field(story: Story, token: Token) -> None:
    key, label, value = token.data["key"], token.data["label"], token.data["value"]
    if key == "title" and story.title is None:
        story.title = value
    elif key == "author":
        story.authors.extend(a for a in split_authors(value) if a not in story.authors)
    elif value:
        story.metadata.append(MetadataField(label, value, key))
