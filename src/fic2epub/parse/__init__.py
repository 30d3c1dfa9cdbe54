"""Text to the Story model, markdown-it-py style: an ordered table of small block rules over a line
cursor (see `rules`), then an assembler that builds the Story from their tokens."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Story
from .assemble import assemble
from .profile import measure
from .rules import RULES, Rule, RuleFunction, UserRules, build_rules
from .state import State, Token

__all__ = ["RULES", "Rule", "UserRules", "build_rules", "parse_text", "tokenize"]


def tokenize(text: str, rules: list[Rule] | None = None, *, markdown: bool = False) -> list[Token]:
    """Run the rule table over the lines of `text` and return the tokens."""
    lines = text.split("\n")
    state = State(lines, measure(lines), markdown=markdown)
    live = list(rules if rules is not None else RULES)
    on_text, on_blank, ending = _steps(live)
    count = len(lines)
    while state.pos < count:
        if ending and any(until(state) for until in ending):
            # a rule of the top or the header is done: the lines after it need not ask it
            live = [rule for rule in live if rule.until is None or not rule.until(state)]
            on_text, on_blank, ending = _steps(live)
        start = state.pos
        line = lines[start]
        for name, function in on_blank if not line or line.isspace() else on_text:
            state.rule_name = name
            if function(state):
                break
        if state.pos == start:  # every rule declined: keep the line as text rather than loop
            state.rule_name = "paragraph"
            state.emit("paragraph", text=line.strip())
    return state.tokens


Step = tuple[str, RuleFunction]


def _steps(rules: list[Rule]) -> tuple[list[Step], list[Step], list[Callable[[State], bool]]]:
    """Each rule's name and function, as the loop over every line wants them: for a line with text, for
    a blank line; and the `until`s."""
    on_text = [(rule.name, rule.function) for rule in rules if rule.lines != "blank"]
    on_blank = [(rule.name, rule.function) for rule in rules if rule.lines != "text"]
    return on_text, on_blank, [rule.until for rule in rules if rule.until]


def parse_text(
    text: str, *, markdown: bool = False, rules: list[Rule] | None = None, source: str | None = None
) -> Story:
    """Parse the text of one story file into a Story."""
    return assemble(tokenize(text, rules, markdown=markdown), markdown=markdown, source=source)
