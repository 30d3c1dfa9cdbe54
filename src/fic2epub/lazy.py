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


_SYNTAX = "\\.^$*+?{}[]()|"


def _ascii_opening(word: str) -> str | None:
    """The lower-case ASCII text any match of one alternative starts with: its plain characters up to its
    first piece of pattern syntax (less the character a quantifier makes optional), or None when no
    ASCII text can match it (it starts with a letter none of whose case forms is ASCII, as Cyrillic)."""
    opening = ""
    for c in word:
        if c in _SYNTAX:
            return opening[:-1] if c in "?*{" else opening
        if not c.isascii():
            forms = c.lower() + c.upper() + c.casefold()
            if opening or any(form.isascii() for form in forms) or not c.isalpha():
                return opening  # ſ, the Kelvin sign: IGNORECASE matches them to ASCII letters
            return None
        opening += c.lower()
    return opening


class Openings:
    """Whether a text may start with one of a list of alternatives ("prologue|epilogue|side ?story|пролог"),
    case ignored, asked without compiling them: a line that cannot is never offered their pattern.

    An ASCII text must start with one of the alternatives' ASCII openings; a text with a character past
    ASCII among its first ones goes on to the pattern (IGNORECASE matches ſ to s and the Kelvin sign to k).
    """

    def __init__(self, words: str) -> None:
        openings = [_ascii_opening(word) for word in words.split("|")]
        self.starts = tuple(opening for opening in openings if opening is not None)
        self.length = max(map(len, self.starts), default=0)

    def admit(self, text: str) -> bool:
        head = text[: self.length]
        return not head.isascii() or head.lower().startswith(self.starts)


# What IGNORECASE matches to an ASCII letter and str.lower() does not make one: the long s, the dotless i,
# the dotted capital I (whose lower case is two characters) and the Kelvin sign
_OTHER_FORMS = {"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"}
_ASCII_FORMS = str.maketrans(_OTHER_FORMS)


class Literals:
    """Whether a text may hold a match of a pattern every match of which holds one of these words, case
    ignored (lower-case ASCII, or characters without case such as CJK), asked without compiling it."""

    def __init__(self, *words: str) -> None:
        assert all((c.isascii() and not c.isupper()) or c.lower() == c.upper() == c for w in words for c in w)
        self.words = tuple(word.encode() for word in words)

    def admit(self, text: str) -> bool:
        if not text.isascii() and any(c in text for c in _OTHER_FORMS):  # seldom: translate is slow
            text = text.translate(_ASCII_FORMS)
        # in UTF-8 no byte of a character past ASCII is an ASCII one: lowering the bytes lowers exactly the
        # ASCII letters, four times faster than str.lower on a text past ASCII
        folded = text.encode("utf-8", "surrogatepass").lower()
        return any(word in folded for word in self.words)
