"""Bylines: "by X", "Written by X", "A story by X" on a line of its own, before the story starts."""

from __future__ import annotations

import re

from ..state import State

BYLINE = re.compile(
    r"^\s*[*_~]*\s*(?:(?:a\s+(?:story|fic|fanfic|work)\s+)?by|written\s+by|author:)\s+(?P<name>.+?)\s*[*_~]*\s*$",
    re.IGNORECASE,
)


def split_authors(names: str) -> list[str]:
    """Several authors joined by '&', ' and ' stays one pen name unless a comma list precedes it."""
    parts = re.split(r"\s*(?:&|;|,\s*(?:and\s+)?)\s*", names)
    return [p.strip(" *_") for p in parts if p.strip(" *_")]


def byline(state: State) -> bool:
    if not state.in_header:
        return False
    m = BYLINE.match(state.line)
    if not m or len(m.group("name")) > 60 or len(m.group("name").split()) > 6:
        return False
    state.emit("byline", authors=split_authors(m.group("name")))
    return True
