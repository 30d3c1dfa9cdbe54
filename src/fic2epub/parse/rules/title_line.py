"""Title lines: the story's title on a line of its own at the very top, or repeated above the story.

A first line is a title when it is short, reads like a title (no sentence-ending
full stop, no opening quotation mark) and is not a heading, divider or field.
A later line that repeats the known title, before the story starts, is dropped.
"""

from __future__ import annotations

import re

from ..state import State

_SENTENCE_END = re.compile(r"[.,;:!\"”’'»)]\s*$")
_OPENING = re.compile(r"^\s*[\"“‘'«\-—(\[]")


def _plain(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def looks_like_title(line: str) -> bool:
    text = line.strip().strip("#*_ ").strip()
    if not text or len(text) > 120 or len(text.split()) > 16:
        return False
    if _OPENING.match(text):
        return False
    return not (_SENTENCE_END.search(text) and not text.endswith(("!", "?", ")", "...", "…")))


def title_line(state: State) -> bool:
    if not state.in_header:
        return False
    text = state.line.strip().strip("#*_ ").strip()
    if state.title is not None:
        if _plain(text) and _plain(text) == _plain(state.title):
            state.emit("title", repeat=True, title=text)
            return True
        return False
    if any(t.kind != "blank" for t in state.tokens) or not looks_like_title(state.line):
        return False
    after = state.peek()
    if after is not None and after.strip():
        return False  # a first line running straight into more text is a paragraph
    state.title = text
    state.emit("title", repeat=False, title=text)
    return True
