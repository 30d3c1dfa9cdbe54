"""The shared state the block rules work on: a cursor over the lines, and the tokens emitted so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .profile import Profile


@dataclass(slots=True)  # a novel has a hundred thousand of them
class Token:
    """One thing a rule recognised.

    kind is one of: title, byline, field, contents, heading, divider, note, spacer,
    end, boilerplate, blank, paragraph, skip, dropped.  `line` is the 1-based number of its first line.
    """

    kind: str
    line: int
    lines: list[str]
    rule: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(slots=True)  # its fields are read some ten times for each line
class State:
    """A cursor over the lines of one file and what the rules have seen so far."""

    lines: list[str]
    profile: Profile
    pos: int = 0
    tokens: list[Token] = field(default_factory=list)
    in_header: bool = True
    title: str | None = None
    rule_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    markdown: bool = False  # the file is Markdown: a line ending in a backslash or two spaces breaks

    @property
    def line(self) -> str:
        return self.lines[self.pos]

    def peek(self, offset: int = 1) -> str | None:
        i = self.pos + offset
        return self.lines[i] if 0 <= i < len(self.lines) else None

    def next_nonblank(self, start: int | None = None) -> int | None:
        """Index of the first non-blank line at or after `start` (default: after the current line)."""
        i = self.pos + 1 if start is None else start
        while i < len(self.lines):
            if self.lines[i].strip():
                return i
            i += 1
        return None

    def emit(self, kind: str, count: int = 1, **data: Any) -> Token:
        """Emit a token for the next `count` lines and move the cursor past them."""
        pos = self.pos
        token = Token(kind, pos + 1, self.lines[pos : pos + count], self.rule_name, data)
        self.tokens.append(token)
        if kind in ("heading", "paragraph"):
            self.extra["seen_story"] = True
        self.pos = pos + count
        return token

    def last(self, *skip: str) -> Token | None:
        """The most recent token whose kind is not in `skip`."""
        for token in reversed(self.tokens):
            if token.kind not in skip:
                return token
        return None

    # What a rule's `until` asks (see `rules.Rule`): each, once true, stays true for the rest of the file.
    def past_first_line(self) -> bool:
        return self.pos > 0

    def header_over(self) -> bool:
        """Whether the header is over: a heading or story text came."""
        return not self.in_header

    def story_started(self) -> bool:
        return self.seen_story

    @property
    def seen_story(self) -> bool:
        """Whether story text (a heading or a paragraph) has been seen."""
        if not self.extra.get("seen_story"):
            # tokens appended without emit(): look at each of them once
            scanned = self.extra.get("seen_scanned", 0)
            self.extra["seen_story"] = any(t.kind in ("heading", "paragraph") for t in self.tokens[scanned:])
            self.extra["seen_scanned"] = len(self.tokens)
        return bool(self.extra["seen_story"])
