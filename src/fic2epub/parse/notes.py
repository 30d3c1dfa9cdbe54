"""Author notes as blocks: the text of a note token without its label or brackets, in paragraphs."""

from __future__ import annotations

from ..model import AuthorNote, Block, Paragraph
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


def settle_notes(tokens: list[Token]) -> None:
    """Notes a reader recognises only from where they stand (nothing yet)."""
