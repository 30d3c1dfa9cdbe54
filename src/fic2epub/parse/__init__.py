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
    line with text (without the rules of shorter lines, see `Rule.longest`, nor those whose `Rule.starts`
    refuses its first character); and the `until`s."""

    def __init__(self, rules: list[Rule]) -> None:
        self.on_blank = [(rule.name, rule.function) for rule in rules if rule.lines != "text"]
        self.text = [rule for rule in rules if rule.lines != "blank"]
        self.limits = sorted({rule.longest for rule in self.text if rule.longest is not None})
        self.refused: dict[str, frozenset[int]] = {}  # first character: the rules (by place) refusing it
        self.steps: dict[tuple[int, frozenset[int]], list[Step]] = {}
        self.ending = [rule.until for rule in rules if rule.until]

    def on_text(self, line: str) -> list[Step]:
        text = line.strip()
        length = len(text)
        slot = 0  # how many limits the line is longer than
        for limit in self.limits:
            if length <= limit:
                break
            slot += 1
        first = text[0]
        refused = self.refused.get(first)
        if refused is None:
            refused = frozenset(
                i for i, rule in enumerate(self.text) if rule.starts is not None and not rule.starts(first)
            )
            if len(self.refused) < _FIRST_CHARACTERS:
                self.refused[first] = refused
        steps = self.steps.get((slot, refused))
        if steps is None:
            steps = self.steps[slot, refused] = self._steps(slot, refused)
        return steps

    def _steps(self, slot: int, refused: frozenset[int]) -> list[Step]:
        """The rules offered a line longer than `slot` limits whose first character the rules at the
        places `refused` refuse."""
        shortest = self.limits[slot - 1] + 1 if slot else 0
        return [
            (rule.name, rule.function)
            for i, rule in enumerate(self.text)
            if (rule.longest is None or rule.longest >= shortest) and i not in refused
        ]


_FIRST_CHARACTERS = 2048  # the first characters whose gates are remembered (a CJK novel has thousands)


def parse_text(
    text: str, *, markdown: bool = False, rules: list[Rule] | None = None, source: str | None = None
) -> Story:
    """Parse the text of one story file into a Story."""
    return assemble(tokenize(text, rules, markdown=markdown), markdown=markdown, source=source)
