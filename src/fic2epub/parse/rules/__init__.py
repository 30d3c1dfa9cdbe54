"""The block rules, in the order they are tried on each line.  Read the table top to bottom:
the first rule that recognises the line at the cursor emits tokens and moves the cursor on.

Users add their own patterns with `UserRules` (from the `[rules]` table of fic2epub.toml);
each becomes a rule tried just before the built-in rule of the same concern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ...user_rules import UserRules as UserRules  # here too, for those who import it from the parser
from ..state import State
from .author_note import author_note, may_start_note
from .blank_lines import blank_lines
from .byline import byline
from .chapter_heading import LONGEST_HEADING, chapter_heading
from .contents_list import contents_list
from .end_marker import LONGEST_END, end_marker, may_start_end
from .front_matter import front_matter
from .header_field import header_field, may_start_field
from .header_summary import header_summary
from .html_block import html_block, may_start_tag
from .markdown_title import markdown_title, past_markdown_top
from .paragraph import paragraph
from .scene_divider import may_start_divider, scene_divider
from .site_boilerplate import site_boilerplate
from .spacer import may_start_spacer, spacer
from .title_block import title_block
from .title_line import past_top, title_line
from .title_scan import scanned, title_scan

RuleFunction = Callable[[State], bool]
LineKind = Literal["any", "text", "blank"]


@dataclass(frozen=True)
class Rule:
    """A named block rule: `function(state)` returns True when it recognised the line at the cursor.

    `until(state)`, for a rule of the top of a file or of its header, says when it will recognise nothing
    more: from then on the table does not try it (every line would ask it only to be told no).

    `lines` says which lines it can recognise at all: `"blank"` (empty or only spaces), `"text"`, or
    `"any"`; the table offers it no other (half the lines of a story are blank).

    `longest`, for a rule of short lines (a heading, an end marker), is the longest line it can recognise,
    counted without the spaces at its ends: the table offers it no longer one (most lines of prose are
    longer).  The rule's module says why no longer line can be its.

    `starts`, for a rule whose lines can start with few characters (a tag's `<`, a note's label, a
    divider's mark), says whether a line whose first character past its spaces is this one may be its:
    the table offers it no line it says no to (most lines of prose start with a letter or a quotation
    mark).  The rule's module says why no other line can be its."""

    name: str
    function: RuleFunction
    until: Callable[[State], bool] | None = None
    lines: LineKind = "any"
    longest: int | None = None
    starts: Callable[[str], bool] | None = None

    @property
    def doc(self) -> str:
        module = __import__(self.function.__module__, fromlist=["_"])
        return (module.__doc__ or "").strip().split("\n\n")[0]


RULES: list[Rule] = [
    Rule("title_scan", title_scan, until=scanned),  # a title over its byline ahead, so that notes stop at it
    Rule("front_matter", front_matter, until=State.past_first_line),  # YAML fenced by --- at the top
    Rule(
        "blank_lines", blank_lines, lines="blank"
    ),  # paragraph gap, or a scene break when longer than the file's gap
    Rule("html_block", html_block, starts=may_start_tag),  # <p>, <div>: a paragraph gap; <hr>: a divider
    Rule("site_boilerplate", site_boilerplate),  # Project Gutenberg's licence, a site's start/end markers
    Rule("contents_list", contents_list, until=State.story_started),  # a table of contents: dropped
    Rule("author_note", author_note, starts=may_start_note),  # A/N:, Author's Note:, (A/N: ...)
    Rule("header_field", header_field, starts=may_start_field),  # Title:, Fandom:, ... before the story
    Rule("byline", byline, until=State.header_over),  # by X, Written by X
    Rule("markdown_title", markdown_title, until=past_markdown_top),  # a lone # Title atop a Markdown file
    Rule("chapter_heading", chapter_heading, longest=LONGEST_HEADING),  # Chapter 1, Prologue, # Heading
    Rule("title_block", title_block, until=past_top),  # the title with its author at the top
    Rule("title_line", title_line),  # the title alone on the first line, or repeated
    Rule("header_summary", header_summary, until=State.header_over),  # a blurb between title and chapter 1
    Rule("scene_divider", scene_divider, starts=may_start_divider),  # ***, -- -- --, oOo, [scene break]
    Rule("spacer", spacer, starts=may_start_spacer),  # a lone . or &nbsp; keeping a blank line
    Rule(
        "end_marker", end_marker, longest=LONGEST_END, starts=may_start_end
    ),  # tbc, The End, Fin; a site's closing line
    Rule("paragraph", paragraph),  # anything else is story text
]


def _pattern_rule(kind: str, patterns: list[str]) -> RuleFunction:
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]

    def rule(state: State) -> bool:
        line = state.line.strip()
        if not line or not any(p.fullmatch(line) for p in compiled):
            return False
        if kind == "heading":
            state.emit("heading", title=line, number=None, name=line, level=1, heading_kind="user")
            state.in_header = False
        elif kind == "note":
            state.emit("note", label=None, bracket=None)
        elif kind == "end":
            state.emit("end", marker=line)
        else:
            state.emit("divider", marker=line[:40])
        return True

    return rule


def build_rules(user: UserRules | None = None) -> list[Rule]:
    """The rule table with a user's patterns inserted and the rules they switched off removed."""
    rules = list(RULES)
    if user is None:
        return rules
    unknown = set(user.disable) - {r.name for r in RULES}
    if unknown:
        raise ValueError(f"no such rule to disable: {', '.join(sorted(unknown))}")
    extra = (
        ("chapter_heading", "user_heading", "heading", user.headings),
        ("scene_divider", "user_divider", "divider", user.dividers),
        ("author_note", "user_note", "note", user.notes),
        ("end_marker", "user_end_marker", "end", user.end_markers),
    )
    for before, name, kind, patterns in extra:
        if patterns:
            index = next(i for i, r in enumerate(rules) if r.name == before)
            rules.insert(index, Rule(name, _pattern_rule(kind, patterns), lines="text"))
    return [r for r in rules if r.name not in user.disable]
