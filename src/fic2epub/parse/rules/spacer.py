"""Spacer lines: a lone `.`, `_`, `&nbsp;` or invisible characters, put there to keep a blank line
that a site would otherwise squeeze out.  They produce nothing."""

from __future__ import annotations

import re

from ..lazy import lazy_compile
from ..state import State

SPACER = lazy_compile(
    r"^\s*(?:\.|_|&nbsp;|&#160;|[\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000]+)\s*$", re.IGNORECASE
)


def is_spacer(line: str) -> bool:
    return bool(SPACER.match(line))


def spacer(state: State) -> bool:
    if not is_spacer(state.line):
        return False
    state.emit("spacer")
    return True
