"""A user's own parser patterns (the `[rules]` table of fic2epub.toml, or `Options(rules=...)`).

Apart from the parser (`fic2epub.parse.rules` builds the rule table from it) so that options and the
config file can name it without loading the parser: the command line reads them before it needs one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["UserRules"]


@dataclass
class UserRules:
    """Patterns a user adds (regular expressions matched against a whole stripped line), and rules switched
    off."""

    dividers: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    end_markers: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
