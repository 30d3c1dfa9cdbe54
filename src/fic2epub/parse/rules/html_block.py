"""HTML block markup on lines of its own in a text or Markdown file (`<p>`, `</p><p>`, `<div>`, `<br>`,
`<!-- comments -->`): a paragraph boundary, like a blank line; a line holding `<hr>` is a scene divider.
Inline tags inside text lines (`<i>`, `<b>`) are read with the paragraph's inline markup."""

from __future__ import annotations

from ...lazy import lazy_compile
from ..state import State

_PIECE = lazy_compile(r"\s*(?:<!--.*?-->|<(?P<close>/?)\s*(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,300}>)\s*")
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "hr",
    "center",
    "section",
    "article",
    "blockquote",
    "span",
    "body",
    "html",
    "head",
    "header",
    "footer",
    "main",
    "aside",
    "font",
}
MAX_LINE = 2000


def html_tags(line: str) -> list[str] | None:
    """The names of the tags a line is made of (comments as ""), or None when it holds anything else."""
    if "<" not in line or len(line) > MAX_LINE:
        return None
    names: list[str] = []
    at = 0
    while at < len(line):
        m = _PIECE.match(line, at)
        if m is None or m.end() == at:
            return None
        name = (m.group("name") or "").lower()
        if name and name not in BLOCK_TAGS:
            return None
        names.append(name)
        at = m.end()
    return names or None


def may_start_tag(first: str) -> bool:
    """The rule table's gate (`Rule.starts`): a line of tags starts with one past its spaces."""
    return first == "<"


def is_html_block(line: str) -> bool:
    return html_tags(line) is not None


def html_block(state: State) -> bool:
    names = html_tags(state.line)
    if names is None:
        return False
    if "hr" in names:
        state.emit("divider", marker="<hr>")
    else:
        state.emit("blank", blank_lines=0, scene_break=False)
    return True
