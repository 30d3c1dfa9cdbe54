"""Inline content as flat pieces: runs of text, each with the styles around it, and `<br>`s.

Flat pieces are easy to cut at `<br>` runs and to trim as a browser shows spaces; `build` nests them
back into the model's spans and links.  A style is a span kind, or `"a " + href` for a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast, get_args

from lxml import etree

from ...model import HTML_SPAN_TAGS, Inline, LineBreak, Link, Span, SpanKind, Text
from .document import css_declarations

SPAN_TAGS = HTML_SPAN_TAGS
SPAN_KINDS = set(get_args(SpanKind))
SPACES = re.compile("[ \t\n\r\f]+")
EDGE_SPACE = " \u00a0"


@dataclass
class Piece:
    """A run of text with the styles around it, or a `<br>` (text empty, `brk` set)."""

    text: str
    styles: tuple[str, ...]
    brk: bool = False


def inline_styles(el: etree._Element) -> list[str]:
    """The span kinds an element's tag and inline CSS give its text (`<font>`, classes: none)."""
    tag = str(el.tag)
    found: list[str] = [SPAN_TAGS[tag]] if tag in SPAN_TAGS else []
    style = el.get("style")
    if not style:
        return found
    css = css_declarations(style)
    if css.get("font-style") in ("italic", "oblique"):
        found.append("emphasis")
    weight = css.get("font-weight", "")
    if weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600):
        found.append("strong")
    decoration = css.get("text-decoration", "") + " " + css.get("text-decoration-line", "")
    if "underline" in decoration:
        found.append("underline")
    if "line-through" in decoration:
        found.append("strikethrough")
    if css.get("font-variant") == "small-caps":
        found.append("smallcaps")
    vertical = css.get("vertical-align", "")
    if vertical in ("super", "sub"):
        found.append("superscript" if vertical == "super" else "subscript")
    return found


def styles_of(el: etree._Element, around: tuple[str, ...]) -> tuple[str, ...]:
    """The styles inside an element: those around it, its own, and a link to an outside address."""
    found = [s for s in inline_styles(el) if s not in around]
    if el.tag == "a" and not any(s.startswith("a ") for s in around):
        href = (el.get("href") or "").strip()
        if href.startswith(("http://", "https://", "mailto:")):
            found.append("a " + href)
    return around + tuple(found)


def trim(pieces: list[Piece]) -> list[Piece]:
    """Spaces as a browser shows them: none at the start or end of a line, never two in a row."""
    out: list[Piece] = []
    line_start = True
    for piece in pieces:
        if piece.brk:
            _rstrip(out)
            out.append(piece)
            line_start = True
            continue
        text = piece.text
        if line_start:
            text = text.lstrip(EDGE_SPACE)
        elif text.startswith(" ") and _ends_with_space(out):
            text = text[1:]
        if text:
            out.append(Piece(text, piece.styles))
            line_start = False
    _rstrip(out)
    while out and out[-1].brk:
        out.pop()
    while out and out[0].brk:
        out.pop(0)
    return _spaces_outside(out)


def _spaces_outside(pieces: list[Piece]) -> list[Piece]:
    """A space at the edge of a styled run belongs to the text around it: `<em> great </em>care` reads
    as ` <em>great</em> care`."""
    for i, piece in enumerate(pieces):
        if piece.brk or not piece.styles:
            continue
        before = pieces[i - 1] if i > 0 else None
        after = pieces[i + 1] if i + 1 < len(pieces) else None
        if (
            piece.text.startswith(" ")
            and before
            and not before.brk
            and len(before.styles) < len(piece.styles)
        ):
            piece.text = piece.text[1:]
            before.text = before.text if before.text.endswith(" ") else before.text + " "
        if piece.text.endswith(" ") and after and not after.brk and len(after.styles) < len(piece.styles):
            piece.text = piece.text[:-1]
            after.text = after.text if after.text.startswith(" ") else " " + after.text
    return [p for p in pieces if p.brk or p.text]


def _ends_with_space(pieces: list[Piece]) -> bool:
    for piece in reversed(pieces):
        if piece.brk:
            return True
        if piece.text:
            return piece.text.endswith(" ")
    return True


def _rstrip(pieces: list[Piece]) -> None:
    while pieces and not pieces[-1].brk:
        stripped = pieces[-1].text.rstrip(EDGE_SPACE)
        if stripped:
            pieces[-1].text = stripped
            return
        pieces.pop()


def build(pieces: list[Piece]) -> list[Inline]:
    """Flat styled pieces as nested inlines: a span opens where a style starts and closes where it ends."""
    root: list[Inline] = []
    stack: list[tuple[tuple[str, ...], list[Inline]]] = [((), root)]
    for piece in pieces:
        styles = piece.styles
        while stack[-1][0] != styles[: len(stack[-1][0])]:
            stack.pop()
        for style in styles[len(stack[-1][0]) :]:
            node: Span | Link = Link(style[2:]) if style.startswith("a ") else Span(_kind(style))
            stack[-1][1].append(node)
            stack.append((stack[-1][0] + (style,), node.children))
        target = stack[-1][1]
        if piece.brk:
            target.append(LineBreak())
        elif target and isinstance(target[-1], Text):
            target[-1].text += piece.text
        else:
            target.append(Text(piece.text))
    return root


def _kind(style: str) -> SpanKind:
    if style not in SPAN_KINDS:
        raise ValueError(f"not a span kind: {style}")
    return cast(SpanKind, style)
