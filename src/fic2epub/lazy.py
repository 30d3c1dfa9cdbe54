"""Regular expressions compiled on first use.

The parser's rules hold some two hundred patterns, a few of them long (every spelling of "chapter" in a
dozen languages), and Python compiles a pattern slowly: compiling them all at import cost more than parsing
a short story.  Many are only ever needed by some files (Aozora Bunko's annotations, Project Gutenberg's
licence, Korean headings, CJK word counts, series and dates), so each is compiled when it is first used.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer")


class _LazyPattern:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # asked only for what the object lacks: on first use, compile the pattern and keep its methods
        # here, so that every later call goes straight to them
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def past_latin(text: str) -> bool:
    """Whether the text has a character from the kana and CJK blocks on (U+3040 and up): the patterns with
    a class of CJK, whose 28,000 characters take a millisecond to compile, ask this first."""
    return text != "" and max(text) >= "\u3040"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """What `re.compile(pattern, flags)` gives, compiled when one of its methods is first called."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
