"""YAML front matter: a block fenced by `---` lines at the very top of a file (Markdown exports).

Simple `key: value` pairs and `key:` followed by `- item` lists are read; anything
else in the block is kept as text of its key.
"""

from __future__ import annotations

import re

from ...model import canonical_key
from ..state import State, Token

_PAIR = re.compile(r"^(?P<key>[\w][\w \-]*?)\s*:\s*(?P<value>.*)$")
_ITEM = re.compile(r"^\s+-\s+(?P<value>.*)$|^-\s+(?P<top>.*)$")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        value = ", ".join(_unquote(v) for v in value[1:-1].split(","))
    return value


def front_matter(state: State) -> bool:
    if state.pos != 0 or state.line.strip() != "---":
        return False
    end = 1
    while end < len(state.lines) and state.lines[end].strip() not in ("---", "..."):
        end += 1
    if end >= len(state.lines) or end > 200:
        return False
    fields: list[tuple[str, str]] = []
    for line in state.lines[1:end]:
        item = _ITEM.match(line)
        if item and fields:
            value = _unquote(item.group("value") or item.group("top") or "")
            label, old = fields[-1]
            fields[-1] = (label, f"{old}, {value}" if old else value)
            continue
        pair = _PAIR.match(line)
        if pair:
            fields.append((pair.group("key").strip(), _unquote(pair.group("value"))))
        elif fields and line.strip():
            label, old = fields[-1]
            fields[-1] = (label, f"{old} {line.strip()}".strip())
    if not fields:
        return False
    start = state.pos
    for label, value in fields:
        if canonical_key(label) == "title" and state.title is None:
            state.title = value
    state.emit("skip", end + 1 - start)
    for label, value in fields:
        shown = label.replace("_", " ").capitalize() if label.islower() else label
        data = {"label": shown, "value": value, "key": canonical_key(label)}
        state.tokens.append(Token("field", start + 1, [], state.rule_name, data))
    return True
