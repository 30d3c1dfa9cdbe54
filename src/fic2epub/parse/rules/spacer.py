"""Spacer lines: a lone `.`, `_`, `&nbsp;` or invisible characters, put there to keep a blank line
that a site would otherwise squeeze out.  They produce nothing."""

from __future__ import annotations

import re

from ...lazy import lazy_compile
from ..state import State

SPACER = lazy_compile(
    r"^\s*(?:\.|_|&nbsp;|&#160;|[\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000]+)\s*$", re.IGNORECASE
)


# What a spacer starts with past its spaces (a line of spaces only may still hold a no-break space)
_STARTS = frozenset(("", ".", "_", "&", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"))


def may_start_spacer(first: str) -> bool:
    """The rule table's gate (`Rule.starts`): what `is_spacer` asks first."""
    return first in _STARTS


def is_spacer(line: str) -> bool:
    return line.lstrip()[:1] in _STARTS and SPACER.match(line) is not None


def spacer(state: State) -> bool:
    if not is_spacer(state.line):
        return False
    state.emit("spacer")
    return True
