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
from collections.abc import Callable

# A run that holds something typography must not touch (inline code) is stood in for by this
# character while the paragraph is typeset; it is never matched by any rule below.
OPAQUE = "\ufffc"

Runs = Callable[[list[str]], list[str]]

_SPACES = re.compile(r"[ \t]{2,}")
_ELLIPSIS = re.compile(r"\.[ \t]?\.[ \t]?\.")
_DOUBLE_HYPHEN = re.compile(r"[ \t]*(?<!-)---?(?!-)[ \t]*")
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]|[,.!?;:'\"’”…)])[ \t]+-[ \t]+(?=[^\W\d_]|['\"‘“(])")
# The next four begin with the quote or hyphen they replace, and look behind it from there: the
# same matches as a look-behind first, but the regex engine then jumps from quote to quote instead
# of trying every position of every paragraph (ten times faster).
# A word broken off: "tell m-" before a closing quote, or at the very end of the paragraph.
_CUT_OFF = re.compile(r"-(?<=[^\W\d_]-)(?=[!?]*(?:[\"'”’](?:\s|$|[,.!?;:])|$))")
_PRIMES = re.compile(r"'(?<=\d')(\d{1,2})\"")
_INNER_APOSTROPHE = re.compile(r"'(?<=[^\W_]')(?=[^\W_])")
_ELISION = re.compile(
    r"'(?<![^\W_]')(?=(?:em|tis|twas|twere|twill|cause|cos|coz|n|round|til|bout|ello|ere|nother|fraid|"
    r"kay|scuse|cept|cuz|sup|im|\d\ds?)\b)",
    re.IGNORECASE,
)

_OPENERS = "([{<‘“«"
_DASHES = "—–-"
_AFTER_CLOSE = ".,;:!?)]}…>"


class _Chars:
    """The joined text of a paragraph, each character tagged with the run it belongs to."""

    def __init__(self, runs: list[str]) -> None:
        self.text = "".join(runs)
        self.owner = [i for i, run in enumerate(runs) for _ in run]
        self.count = len(runs)

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> None:
        pieces: list[str] = []
        owner: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            start, end = match.span()
            new = repl(match) if callable(repl) else match.expand(repl)
            if start == end and not new:
                continue
            pieces.append(self.text[last:start])
            owner.extend(self.owner[last:start])
            # the run of the first character that is not a space: "a <em>--</em> b" keeps its dash in <em>
            core = next((i for i in range(start, end) if not self.text[i].isspace()), start)
            who = self.owner[core] if core < len(self.owner) else self.owner[core - 1]
            pieces.append(new)
            owner.extend([who] * len(new))
            last = end
        if not pieces:
            return
        pieces.append(self.text[last:])
        owner.extend(self.owner[last:])
        self.text = "".join(pieces)
        self.owner = owner

    def runs(self) -> list[str]:
        out: list[list[str]] = [[] for _ in range(self.count)]
        for ch, who in zip(self.text, self.owner, strict=True):
            out[who].append(ch)
        return ["".join(chars) for chars in out]


def _space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _among(ch: str | None, chars: str) -> bool:
    return ch is not None and ch in chars


_QUOTES = re.compile("[\"'“”]")


def _curl_quotes(text: str) -> str:
    """Decide every straight quote left, from the characters around it and which quotes are open."""
    out = list(text)
    double_open = single_open = False
    for quote in _QUOTES.finditer(text):  # visiting only the quotes: this runs on every paragraph
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


# The rules in order: pattern, replacement, and strings one of which every match holds (a quick
# `in` test spares the regex engine a scan of paragraphs where the pattern cannot match).
_SMART: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (_SPACES, " ", ("  ", "\t")),
    (_ELLIPSIS, "…", ()),
    (_DOUBLE_HYPHEN, "—", ("--",)),
    (_SPACED_HYPHEN, "—", (" -", "\t-")),
    (_CUT_OFF, "—", ()),
    (_PRIMES, r"′\1″", ()),
    (_INNER_APOSTROPHE, "’", ()),
    (_ELISION, "’", ()),
)


def _smart_runs(runs: list[str]) -> list[str]:
    if len(runs) == 1:  # most paragraphs have no inline tags: no runs to keep apart, plain re.sub (faster)
        text = runs[0]
        for pattern, replacement, needles in _SMART:
            if not needles or any(needle in text for needle in needles):
                text = pattern.sub(replacement, text)
        return [_curl_quotes(text)]
    chars = _Chars(runs)
    for pattern, replacement, needles in _SMART:
        if not needles or any(needle in chars.text for needle in needles):
            chars.sub(pattern, replacement)
    curled = _curl_quotes(chars.text)
    if curled != chars.text:
        chars.text = curled  # same length: every character keeps its run
    return chars.runs()


def _plain_runs(runs: list[str]) -> list[str]:
    if len(runs) == 1:
        return [_SPACES.sub(" ", runs[0])]
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
