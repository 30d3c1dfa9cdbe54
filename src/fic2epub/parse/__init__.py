"""Text to the Story model, markdown-it-py style: an ordered table of small block rules over a line
cursor (see `rules`), then an assembler that builds the Story from their tokens."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Story
from .assemble import assemble
from .profile import measure
from .rules import RULES, Rule, UserRules, build_rules
from .state import State, Token

__all__ = ["RULES", "Rule", "UserRules", "build_rules", "parse_text", "tokenize"]


def tokenize(text: str, rules: list[Rule] | None = None, *, markdown: bool = False) -> list[Token]:
    """Run the rule table over the lines of `text` and return the tokens."""
    lines = text.split("\n")
    state = State(lines, measure(lines), markdown=markdown)
    table = list(rules if rules is not None else RULES)
    ending = _ending(table)
    while state.pos < len(lines):
        if ending and any(until(state) for until in ending):
            # a rule of the top or the header is done: the lines after it need not ask it
            table = [rule for rule in table if rule.until is None or not rule.until(state)]
            ending = _ending(table)
        start = state.pos
        for rule in table:
            state.rule_name = rule.name
            if rule.function(state):
                break
        if state.pos == start:  # every rule declined: keep the line as text rather than loop
            state.rule_name = "paragraph"
            state.emit("paragraph", text=lines[start].strip())
    return state.tokens


def _ending(table: list[Rule]) -> list[Callable[[State], bool]]:
    return [rule.until for rule in table if rule.until is not None]


def parse_text(
    text: str, *, markdown: bool = False, rules: list[Rule] | None = None, source: str | None = None
) -> Story:
    """Parse the text of one story file into a Story."""
    return assemble(tokenize(text, rules, markdown=markdown), markdown=markdown, source=source)
