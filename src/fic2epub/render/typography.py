"""Typography decided at render time: straight quotes to curly ones, `--` and spaced hyphens to em
dashes, `...` to an ellipsis, runs of spaces to one.

A paragraph is typeset as a whole: its text runs (the text between inline tags) are joined, every
decision is taken on the joined text, where a quote can see the characters on both sides of an
`</em>`, and the result is split back into the same runs.  Each character remembers the run it came
from; a replacement belongs to the run of the first character it replaces that is not a space.

With smart typography off, the author's characters are kept; only runs of spaces are squeezed (they
are invisible in XHTML anyway).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import pairwise

# A run that holds something typography must not touch (inline code) is stood in for by this
# character while the paragraph is typeset; it is never matched by any rule below.
OPAQUE = "\ufffc"

Runs = Callable[[list[str]], list[str]]

_SPACES = re.compile(r"[ \t]{2,}")
_ELLIPSIS = re.compile(r"\.[ \t]?\.[ \t]?\.")
_DOUBLE_HYPHEN = re.compile(r"[ \t]*(?<!-)---?(?!-)[ \t]*")
# This and the next three begin with a character they replace, and look behind it from there: the
# same matches as a look-behind first, but the regex engine then jumps from space to space or quote to
# quote instead of trying every position of every paragraph (ten times faster).
_SPACED_HYPHEN = re.compile(
    r"[ \t](?:(?<=[^\W\d_][ \t])|(?<=[,.!?;:'\"’”…)][ \t]))[ \t]*-[ \t]+(?=[^\W\d_]|['\"‘“(])"
)
# A word broken off: "tell m-" before a closing quote, or at the very end of the paragraph.
_CUT_OFF = re.compile(r"-(?<=[^\W\d_]-)(?=[!?]*(?:[\"'”’](?:\s|$|[,.!?;:])|$))")
_PRIMES = re.compile(r"'(?<=\d')(\d{1,2})\"")
# An apostrophe inside a word (don't), or eliding the start of one ('em, 'tis, '90s).
_APOSTROPHE = re.compile(
    r"'(?:(?<=[^\W_]')(?=[^\W_])|(?<![^\W_]')(?=(?i:em|tis|twas|twere|twill|cause|cos|coz|n|round|til|"
    r"bout|ello|ere|nother|fraid|kay|scuse|cept|cuz|sup|im|\d\ds?)\b))"
)

_OPENERS = "([{<‘“«"
_DASHES = "—–-"
_AFTER_CLOSE = ".,;:!?)]}…>"

# Most quotes are decided by their neighbours alone: a quote opens after a space (or an opener, or for a
# single quote a dash too) and before a non-space.  These quotes also need to know which quotes are open:
# a quote beside another straight quote (which is decided first), one with spaces on both sides, and a
# double quote between a letter, dash or mark and a word.  (One pattern for each quote: the regex engine
# finds a single character much faster than any of two.)
_DOUBLE_NEEDS_STATE = re.compile(
    r""""(?:(?<=["']")|(?=["'])|(?<!\S")(?!\S)|(?<=[^\s([{<‘“«]")(?=[^\s.,;:!?)\]}…>]))"""
)
_SINGLE_NEEDS_STATE = re.compile(r"'(?:(?=')|(?<!\S')(?!\S))")  # a quote beside a double one: see above
_OPENING_DOUBLE = re.compile(r'"(?<![^\s([{<‘“«]")(?=\S)')
_OPENING_SINGLE = re.compile(r"'(?<![^\s([{<‘“«—–-]')(?=\S)")


class _Chars:
    """The joined text of a paragraph, each character tagged with the run it belongs to.

    The tags never decrease along the text (a replacement takes the run of a character inside it), so
    every list operation here is one slice or bisection, never a loop over the characters."""

    def __init__(self, runs: list[str]) -> None:
        self.text = "".join(runs)
        self.owner: list[int] = []
        for i, run in enumerate(runs):
            self.owner += [i] * len(run)
        self.count = len(runs)

    def sub(self, pattern: re.Pattern[str], repl: str) -> str:
        """`pattern.sub(repl, ...)` on the text, each character keeping its run; the new text."""
        pieces: list[str] = []
        owner: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            start, end = match.span()
            new = match.expand(repl) if "\\" in repl else repl  # expand parses the template each time
            if start == end and not new:
                continue
            pieces.append(self.text[last:start])
            owner += self.owner[last:start]
            # the run of the first character that is not a space: "a <em>--</em> b" keeps its dash in <em>
            core = next((i for i in range(start, end) if not self.text[i].isspace()), start)
            who = self.owner[core] if core < len(self.owner) else self.owner[core - 1]
            pieces.append(new)
            owner += [who] * len(new)
            last = end
        if not pieces:
            return self.text
        pieces.append(self.text[last:])
        owner += self.owner[last:]
        self.text = "".join(pieces)
        self.owner = owner
        return self.text

    def runs(self) -> list[str]:
        cuts = [bisect_left(self.owner, i) for i in range(self.count + 1)]
        return [self.text[start:end] for start, end in pairwise(cuts)]


def _space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _among(ch: str | None, chars: str) -> bool:
    return ch is not None and ch in chars


_QUOTES = re.compile("[\"'“”]")


def _curl_quotes(text: str) -> str:
    """Every straight quote left made curly: by a few substitutions where its neighbours decide, else
    one by one."""
    doubles, singles = '"' in text, "'" in text
    if (doubles and _DOUBLE_NEEDS_STATE.search(text)) or (singles and _SINGLE_NEEDS_STATE.search(text)):
        return _curl_quotes_in_order(text)
    if doubles:
        text = _OPENING_DOUBLE.sub("“", text).replace('"', "”")
    if singles:
        text = _OPENING_SINGLE.sub("‘", text).replace("'", "’")
    return text


def _curl_quotes_in_order(text: str) -> str:
    """Decide every straight quote, from the characters around it and which quotes are open."""
    out = list(text)
    double_open = single_open = False
    for quote in _QUOTES.finditer(text):  # visiting only the quotes
        i, ch = quote.start(), quote.group()
        if ch in "“”":
            double_open = ch == "“"
            continue
        prev = out[i - 1] if i else None
        nxt = out[i + 1] if i + 1 < len(out) else None
        if ch == "'":
            if _space(prev) and _space(nxt):  # spaced on both sides: whichever the open quotes call for
                opening = not single_open
            else:
                opening = (_space(prev) or _among(prev, _OPENERS + _DASHES)) and not _space(nxt)
            out[i] = "‘" if opening else "’"
            if opening or not (nxt is not None and nxt.isalpha()):
                single_open = opening
            continue
        if _space(nxt):
            opening = not double_open if _space(prev) else False
        elif _space(prev) or _among(prev, _OPENERS):
            opening = True
        elif _among(nxt, _AFTER_CLOSE):
            opening = False
        else:  # between a letter, dash or mark and a word: whichever the open quotes call for
            opening = not double_open
        out[i] = "“" if opening else "”"
        double_open = opening
    return "".join(out)


Substitute = Callable[[re.Pattern[str], str, str], str]


def _smarten(text: str, sub: Substitute) -> str:
    """The rules in order, each tried only where the text holds what every match of it holds: a quick
    `in` test spares the regex engine a slow scan of the many paragraphs where the pattern cannot match.
    (The ellipsis needs none: its pattern begins with a dot, which the engine finds as fast.)"""
    if "  " in text or "\t" in text:
        text = sub(_SPACES, " ", text)
    text = sub(_ELLIPSIS, "…", text)
    if "-" in text:
        if "--" in text:
            text = sub(_DOUBLE_HYPHEN, "—", text)
        if " - " in text or "\t" in text:
            text = sub(_SPACED_HYPHEN, "—", text)
        text = sub(_CUT_OFF, "—", text)
    if "'" in text:
        # searched first: a substitution with a template calls back into Python each time, and it is rare
        if '"' in text and _PRIMES.search(text):
            text = sub(_PRIMES, r"′\1″", text)
        text = sub(_APOSTROPHE, "’", text)
    return _curl_quotes(text) if "'" in text or '"' in text else text


def _smart_runs(runs: list[str]) -> list[str]:
    if len(runs) == 1:  # most paragraphs have no inline tags: no runs to keep apart, plain re.sub (faster)
        return [_smarten(runs[0], re.Pattern.sub)]
    chars = _Chars(runs)
    # quotes are curled in place (same length, same runs): the last step needs no sub
    chars.text = _smarten(chars.text, lambda pattern, replacement, _: chars.sub(pattern, replacement))
    return chars.runs()


def _plain_runs(runs: list[str]) -> list[str]:
    if len(runs) == 1:
        text = runs[0]
        return [_SPACES.sub(" ", text) if "  " in text or "\t" in text else text]
    chars = _Chars(runs)
    chars.sub(_SPACES, " ")
    return chars.runs()


def make_typesetter(smart: bool) -> Runs:
    """The typesetter for a paragraph's text runs: smart typography, or only runs of spaces squeezed."""
    return _smart_runs if smart else _plain_runs


def smarten(text: str) -> str:
    """Smart typography for one string (a title, a metadata value)."""
    return _smart_runs([text])[0]


def make_fixer(smart: bool) -> Callable[[str], str]:
    """The typography filter for one string, e.g. a metadata value on the title page."""
    typeset = make_typesetter(smart)
    return lambda text: typeset([text])[0]
