"""Text to the Story model, markdown-it-py style: an ordered table of small block rules over a line
cursor (see `rules`), then an assembler that builds the Story from their tokens."""

from __future__ import annotations

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
    steps = _Steps(live)
    count = len(lines)
    while state.pos < count:
        if steps.ending and any(until(state) for until in steps.ending):
            # a rule of the top or the header is done: the lines after it need not ask it
            live = [rule for rule in live if rule.until is None or not rule.until(state)]
            steps = _Steps(live)
        start = state.pos
        line = lines[start]
        for name, function in steps.on_blank if not line or line.isspace() else steps.on_text(line):
            state.rule_name = name
            if function(state):
                break
        if state.pos == start:  # every rule declined: keep the line as text rather than loop
            state.rule_name = "paragraph"
            state.emit("paragraph", text=line.strip())
    return state.tokens


Step = tuple[str, RuleFunction]


class _Steps:
    """Each rule's name and function, as the loop over every line wants them: for a blank line, for a
    line with text (without the rules of shorter lines, see `Rule.longest`); and the `until`s."""

    def __init__(self, rules: list[Rule]) -> None:
        self.on_blank = [(rule.name, rule.function) for rule in rules if rule.lines != "text"]
        text = [rule for rule in rules if rule.lines != "blank"]
        self.on_long = [(rule.name, rule.function) for rule in text if rule.longest is None]
        # for each limit, smallest first: the rules a line that long at most may be offered
        limits = sorted({rule.longest for rule in text if rule.longest is not None})
        self.by_length = [
            (limit, [(r.name, r.function) for r in text if r.longest is None or r.longest >= limit])
            for limit in limits
        ]
        self.ending = [rule.until for rule in rules if rule.until]

    def on_text(self, line: str) -> list[Step]:
        length = len(line.strip())
        for limit, steps in self.by_length:
            if length <= limit:
                return steps
        return self.on_long


def parse_text(
    text: str, *, markdown: bool = False, rules: list[Rule] | None = None, source: str | None = None
) -> Story:
    """Parse the text of one story file into a Story."""
    return assemble(tokenize(text, rules, markdown=markdown), markdown=markdown, source=source)
