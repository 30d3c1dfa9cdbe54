"""Header fields: `Label: value` lines before the story starts (Title, Fandom, Pairing, Rating, ...).

Known labels in every common spelling are recognised, bold labels (`**Title:**`)
too; the value may run on over several lines, or stand on the next line (AO3's
preface).  An unknown label counts only beside known ones, so that a line of
dialogue or a letter ("Dear John: ...") inside the story is never metadata.
"""

from __future__ import annotations

import re

from ...model import canonical_key
from ..state import State

FIELD = re.compile(
    r"^\s*(?:[*_]{1,2})?(?P<label>[^\W\d_][\w '’/().&-]{0,34}?)\s*(?:[*_]{1,2})?\s*:\s*(?:[*_]{1,2}(?=\s|$))?"
    r"\s*(?P<value>.*?)\s*$"
)
KNOWN_KEYS = {
    "title",
    "author",
    "fandom",
    "category",
    "pairing",
    "characters",
    "rating",
    "warnings",
    "genre",
    "tags",
    "summary",
    "status",
    "disclaimer",
    "spoilers",
    "series",
    "words",
    "published",
    "updated",
    "completed",
    "stats",
    "language",
    "beta",
    "prompt",
    "dedication",
    "chapters",
    "collections",
}
_NOT_LABELS = re.compile(r"^(https?|ftp|mailto|note|a/?n|author'?s? notes?)$", re.IGNORECASE)


def split_field(line: str) -> tuple[str, str] | None:
    """(label, value) if the line reads as `Label: value`, else None."""
    if len(line) > 2000:
        return None
    m = FIELD.match(line)
    if not m:
        return None
    label = m.group("label").strip()
    if _NOT_LABELS.match(label) or len(label.split()) > 4:
        return None
    value = m.group("value").strip().strip("*_").strip()
    return label, value


def is_known(label: str) -> bool:
    return canonical_key(label) in KNOWN_KEYS


def header_field(state: State) -> bool:
    if not state.in_header:
        return False
    parsed = split_field(state.line)
    if parsed is None:
        return False
    label, value = parsed
    if not is_known(label):
        last = state.last("blank")
        after = state.next_nonblank()
        neighbour_known = last is not None and last.kind == "field"
        if not neighbour_known and after is not None:
            following = split_field(state.lines[after])
            neighbour_known = following is not None and is_known(following[0])
        if not neighbour_known or not value:
            return False
    count = 1
    if value:
        # a value that runs on over the next lines, up to a blank line or another field
        while state.pos + count < len(state.lines):
            nxt = state.lines[state.pos + count]
            if not nxt.strip() or split_field(nxt) is not None:
                break
            value += " " + nxt.strip()
            count += 1
    else:
        # AO3 preface: the value stands on the next non-blank line(s)
        after = state.next_nonblank()
        if after is None or after - state.pos > 2 or split_field(state.lines[after]) is not None:
            return False
        end = after
        parts = []
        while end < len(state.lines) and state.lines[end].strip() and split_field(state.lines[end]) is None:
            parts.append(state.lines[end].strip())
            end += 1
        value = " ".join(parts)
        count = end - state.pos
    key = canonical_key(label)
    if key == "title" and state.title is None:
        state.title = value
    state.emit("field", count, label=label, value=value, key=key)
    return True
