"""Tokens to the Story: the header becomes metadata and front notes, headings start chapters,
dividers and long gaps become scene breaks, and breaks that only fence notes off are dropped."""

from __future__ import annotations

from ..model import AuthorNote, Block, Chapter, MetadataField, Paragraph, Recognition, SceneBreak, Story
from .inline import parse_inlines
from .rules.author_note import match_note
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
}


def _note(token: Token, markdown: bool) -> AuthorNote:
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


def _tidy(blocks: list[Block]) -> list[Block]:
    """No break at the start or end of a chapter, none next to another, none fencing notes off."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, SceneBreak):
            if not any(isinstance(b, Paragraph) for b in out) or isinstance(out[-1], SceneBreak):
                continue
        out.append(block)
    # a break followed only by notes (or nothing) closes the story part: drop it
    last_text = max((i for i, b in enumerate(out) if not isinstance(b, (SceneBreak, AuthorNote))), default=-1)
    out = [b for i, b in enumerate(out) if i < last_text or not isinstance(b, SceneBreak)]
    # a break right after the notes that open a chapter only fences them off
    first_text = next((i for i, b in enumerate(out) if not isinstance(b, (SceneBreak, AuthorNote))), len(out))
    return [b for i, b in enumerate(out) if i > first_text or not isinstance(b, SceneBreak)]


def assemble(tokens: list[Token], *, markdown: bool = False, source: str | None = None) -> Story:
    """Build the Story from the tokens of one file."""
    story = Story(source=source)
    chapters: list[Chapter] = []
    current: Chapter | None = None
    in_header = True
    after_end = False
    for token in tokens:
        kind = token.kind
        if kind in _ELEMENT:
            story.recognitions.append(
                Recognition(token.rule, _ELEMENT[kind], token.line, token.text[:200], source or "")
            )
        if kind == "heading":
            in_header, after_end = False, False
            current = Chapter(token.data["title"], [], token.data.get("number"), token.data.get("name"))
            chapters.append(current)
        elif kind == "paragraph":
            in_header, after_end = False, False
            if current is None:
                current = Chapter()
                chapters.append(current)
            current.blocks.append(Paragraph(parse_inlines(token.data["text"], markdown=markdown)))
        elif kind == "note":
            note = _note(token, markdown)
            if current is None:
                story.front_notes.append(note)
            elif after_end:
                story.back_notes.append(note)
            else:
                current.blocks.append(note)
        elif kind == "divider" or (kind == "blank" and token.data.get("scene_break")):
            if current is not None and not in_header:
                current.blocks.append(SceneBreak(token.data.get("marker", "")))
        elif kind == "end":
            if current is not None:
                current.end_marker = token.data["marker"]
                after_end = True
        elif kind == "field":
            _field(story, token)
        elif kind == "title" and story.title is None:
            story.title = token.data["title"]
        elif kind == "byline":
            story.authors.extend(a for a in token.data["authors"] if a not in story.authors)
    for chapter in chapters:
        chapter.blocks = _tidy(chapter.blocks)
    # notes after the last words of a one-chapter story belong to the story, not the chapter
    story.chapters = [c for c in chapters if c.blocks or c.title]
    return story


def _field(story: Story, token: Token) -> None:
    key, label, value = token.data["key"], token.data["label"], token.data["value"]
    if key == "title" and story.title is None:
        story.title = value
    elif key == "author":
        story.authors.extend(a for a in split_authors(value) if a not in story.authors)
    elif value:
        story.metadata.append(MetadataField(label, value, key))
