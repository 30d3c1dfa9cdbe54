"""Scene dividers: a line made only of divider marks, with or without spaces (`***`, `* * *`, `-- -- --`,
`~~~`, `===`, `___`, `###`, `+++`, `•••`, `◊`, `⁂`, `§`, `❦`, `¤¤¤`, `<3<3<3`, a centred ornament), letter
patterns made of o and x (`oOo`, `xXx`, `-o-o-`, `OoO`, `XXX`, `0o0`, X-runs with a number in them), a short
word fenced by marks (`-.-FH-.-`, `~*~HP~*~`), and text markers (`[scene break]`, `Line break`, `* POV change
*`, `<hr>`).

Not dividers: a line that is only a number, a lone `.` or `_` (spacers), an ellipsis (`...`), a line of
`?!`, `xxx` (kisses), and end markers such as `~fin~`.  Every check looks at the set of characters of the
line first, so a divider ten megabytes long is recognised in linear time.
"""

from __future__ import annotations

import re
import unicodedata

from ...lazy import lazy_compile
from ..state import State
from .end_marker import is_end_marker

MARKS = frozenset("*-~=_#+•·¤◊⁂§°※○●◦◇◆□■▪▫☆★♦♥♠♣✿❀❁❖✦✧⋆∞^|/\\<>:.‐‑‒–—―＊＃＿")
SPACES = frozenset(" \t\u00a0\u2000\u2001\u2002\u2003\u2007\u2009\u200a\u200b\u3000\ufe0f\u200d")
DIGITS = frozenset("0123456789")
_OX = frozenset("oOxX0")
_TEXT_MARKER = lazy_compile(
    r"[\W_]*\s*(?:scene\s*(?:break|change|shift|switch)|line\s*break|page\s*break|section\s*break|"
    r"time\s*(?:skip|jump|break|lapse)|pov\s*(?:change|switch|shift)|change\s+of\s+(?:scene|pov)|"
    r"<hr\s*/?>)\s*[\W_]*",
    re.IGNORECASE,
)
_LETTER = lazy_compile(r"[^\W\d_oOxX]")  # letters, and numerals that are not digits (½, Ⅷ)
_FENCED_WORD = lazy_compile(r"(?P<left>[^\w\s]{2,12})\s*(?P<word>[^\W\d_]{1,4})\s*(?P<right>[^\w\s]{2,12})")


def _is_mark(c: str) -> bool:
    return c in MARKS or unicodedata.category(c) in ("So", "Sm", "Pd")


def _reads_as_text(text: str) -> bool:
    """Whether a line starts with a letter, or has letters in it at a length where only prose does (the
    letters of oOo and xXx aside): then only a text marker can make it a divider.  Most lines are prose,
    and this tells them at their first letter."""
    first = text[0]
    if first.isalpha() and first not in _OX:
        return True
    if len(text) <= 40:
        return False
    found = _LETTER.search(text)
    if found is None or found.group().isalpha():
        return found is not None
    # a numeral such as ½ came first: look at the characters of the whole line
    return any(c.isalpha() and c not in _OX for c in set(text))


# What a text marker starts with when the line does (IGNORECASE matches the long s to s)
_MARKER_INITIALS = frozenset("sScClLpPtT\u017f")


def may_start_divider(first: str) -> bool:
    """The rule table's gate (`Rule.starts`): a line starting with a letter other than those of oOo and
    xXx reads as text (`_reads_as_text`), and only a text marker, which starts with its word, can make
    it a divider."""
    return not first.isalpha() or first in _OX or first in _MARKER_INITIALS


def _is_text_marker(text: str) -> bool:
    return len(text) <= 80 and _TEXT_MARKER.fullmatch(text) is not None


def is_divider(line: str) -> bool:
    """Whether a line is only a scene divider."""
    text = line.strip()
    if not text:
        return False
    if _reads_as_text(text):
        return _is_text_marker(text)
    chars = set(text) - SPACES
    if not chars or chars <= DIGITS or chars <= {".", ":", "…"} or text == "_":
        return False
    if _is_text_marker(text):
        return True
    words = [c for c in chars if c.isalpha() and c not in _OX]
    if words and (len(text) > 40 or len(words) > 4):
        return False  # prose; only a short fenced word may mix letters with marks
    marks = {c for c in chars if _is_mark(c)}
    rest = chars - marks
    if not rest:
        return True
    if rest == {"3"} and text.count("<3") >= 2 and not text.replace("<3", "").strip(" <"):
        return True  # a row of hearts: <3<3<3, <3 <3 <3
    if rest <= _OX | DIGITS:
        return _ox_pattern(text, rest, bool(marks - {".", ":"}))
    if len(text) <= 40:
        m = _FENCED_WORD.fullmatch(text)
        fences = (m.group("left"), m.group("right")) if m else ("", "")
        ornate = all(set(f) - set("*_:.") for f in fences)  # -.-FH-.-, but not **Hi** or **Ciel:**
        if m and ornate and all(_is_mark(c) for c in "".join(fences)) and not is_end_marker(text):
            return True
    return False


def _ox_pattern(text: str, letters: set[str], has_marks: bool) -> bool:
    """`oOo`, `xXx`, `-o-o-`, `XXX`, `XXXX666XXXX`; not `xxx`, `oo`, or a number."""
    digits = letters & (DIGITS - {"0"})
    if digits:
        exes = text.count("x") + text.count("X")
        return exes >= 3 and exes >= 3 * sum(text.count(d) for d in digits)
    if has_marks:
        return True
    if letters == {"X"} or ((letters >= {"o", "0"} or letters >= {"O", "0"}) and len(letters) <= 3):
        return True
    for low, high in (("o", "O"), ("x", "X")):
        if letters == {low, high}:
            return low + high in text and high + low in text  # oOo and OoO, not Oooh
    squeezed = len(text) - sum(text.count(c) for c in SPACES)
    return squeezed >= 5 and len(letters) == 1


def closes_emphasis(block: list[str], line: str) -> bool:
    """Whether a line of only `**` (or `*`, `_`, ...) closes the emphasis a hard-wrapped paragraph opened
    (`**A long bold note` ... `**`): then it ends the paragraph rather than dividing scenes."""
    marks = line.strip()
    if marks not in ("*", "**", "***", "_", "__", "___") or len(block) > 200:
        return False
    return sum(text.count(marks) for text in block) % 2 == 1


def scene_divider(state: State) -> bool:
    if not is_divider(state.line):
        return False
    state.emit("divider", marker=state.line.strip()[:40])
    return True
