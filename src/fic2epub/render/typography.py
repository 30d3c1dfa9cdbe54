"""Typography decided at render time: straight quotes to curly ones, `--` to em dashes, `...` to an
ellipsis, runs of spaces to one.  The author's characters are kept when smart typography is off."""

from __future__ import annotations

import re
from collections.abc import Callable

_SPACES = re.compile(r"[ \t]{2,}")
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.")
_DASH = re.compile(r"\s*---?\s*(?=\S)|(?<=\w)\s+-\s+(?=\w)")
_APOSTROPHE_ELISION = re.compile(
    r"(?<![\w'’])'(?=(?:em|tis|twas|cause|n|round|til|bout|ello|ere|\d0s|\d\d)\b)", re.IGNORECASE
)
_OPEN_DOUBLE = re.compile(r'(^|[\s(\[{“‘—–-])"')
_OPEN_SINGLE = re.compile(r"(^|[\s(\[{“\"—–-])'")


def smarten(text: str) -> str:
    """Curly quotes, em dashes and ellipses for one run of text."""
    text = _SPACES.sub(" ", text)
    text = _ELLIPSIS.sub("…", text)
    text = _DASH.sub("—", text)
    text = _APOSTROPHE_ELISION.sub("’", text)
    text = _OPEN_DOUBLE.sub(r"\1“", text)
    text = text.replace('"', "”")
    text = _OPEN_SINGLE.sub(r"\1‘", text)
    return text.replace("'", "’")


def make_fixer(smart: bool) -> Callable[[str], str]:
    """The text filter for rendering: smart typography, or only runs of spaces squeezed."""
    if smart:
        return smarten
    return lambda text: text
