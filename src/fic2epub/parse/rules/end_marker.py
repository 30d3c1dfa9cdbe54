"""End markers: `tbc`, `TBC`, `To be continued...`, `The End`, `Fin`, `~fin~`, `End file.`, `End of chapter`,
`END OF THE FIRST EPOCH.`, `The end of the second book.`, `完`, `Конец`, and in other languages `Ende`, `Fim`,
`Koniec`, `Continuará...`, `À suivre`, `Fortsetzung folgt`, `Продолжение следует`: the author's sign-off, kept
as a marker rather than as story text.  `To be continued in:` takes the short lines after it along (the next
book's title, "Coming soon!").

A site's closing line (AO3's "Please drop by the Archive and comment...") is kept at the back of the story,
not as story text.
"""

from __future__ import annotations

import re

from ...lazy import lazy_compile
from ..state import State

_UNITS = r"chapter|story|part|book|volume|epoch|act|season|arc|fic|tale|vol\.?"
END = lazy_compile(
    r"[\W_]*\s*(?:t\.?b\.?c\.?|to\s+be\s+continued|the\s+end|fin|finis|end|end\s+file|"
    rf"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:[^\W\d_]+\s+){{0,2}}(?:{_UNITS})(?:\s+[\w.-]+){{0,2}}|"
    rf"(?:{_UNITS}|interlude|prologue|epilogue|omake|flashback|pov|side\s+story)(?:\s+[\w.]+)?\s*[-–—:~]*\s*"
    r"(?:end|fin)|"
    r"owari|終わり|完|全文完|（完）|конец|конец\s+(?:главы|части|книги)|"
    # other languages: the end, and "to be continued"
    r"ende|fim|koniec|continuar[áa]|continua|(?:la\s+)?suite\s+au\s+prochain\s+(?:chapitre|épisode)|"
    r"[àa]\s+suivre|fortsetzung\s+folgt|wird\s+fortgesetzt|ciąg\s+dalszy\s+nastąpi|"
    r"продолжение\s+следует)\s*[\W_]*",
    re.IGNORECASE,
)
CONTINUED_IN = lazy_compile(r"[\W_]*\s*to\s+be\s+continued\s+in\b.{0,80}", re.IGNORECASE)
MAX_MARKER = 80  # an end marker is a short line; so is a site's closing line, at most MAX_CLOSING
MAX_CLOSING = 300
LONGEST_END = MAX_CLOSING - 1  # the rule table's gate (`Rule.longest`): no longer line is this rule's
FOLLOWING_LINES = 4
FOLLOWING_WORDS = 14
SITE_CLOSING = lazy_compile(
    r"\s*(?:please\s+drop\s+by\s+the\s+archive\s+and\s+comment|please\s+(?:go\s+to|visit)\s+the\s+"
    r"(?:archive|original\s+work)\s+(?:to|and)\s+(?:leave\s+)?(?:comments?|kudos))\b.{0,200}",
    re.IGNORECASE,
)


_END_WORDS = lazy_compile(
    r"tbc|t\.b\.c|continu|end|fin|fim|owari|終わり|完|конец|koniec|suite|suivre|fortsetzung|fortgesetzt|nastąpi|"
    r"продолжение",
    re.IGNORECASE,
)


# The letters a word of `END`, `CONTINUED_IN` or `SITE_CLOSING` starts with, in both cases, and what
# IGNORECASE matches to them (the long s, the dotless i, the dotted capital I, the Kelvin sign)
_INITIALS = frozenset("tfecspbvaiokwlàкп終完全TFECSPBVAIOKWLÀКП\u017f\u0131\u0130\u212a")


def may_start_end(first: str) -> bool:
    """The rule table's gate (`Rule.starts`): a marker starts with its word, or with marks before it."""
    return not first.isalnum() or first in _INITIALS


def is_end_marker(line: str) -> bool:
    if len(line) >= MAX_MARKER:
        return False
    text = line.strip()
    if END.fullmatch(text) is None and CONTINUED_IN.fullmatch(text) is None:
        return False
    return _END_WORDS.search(line) is not None  # after the patterns: a search costs more than a match


def is_site_closing(line: str) -> bool:
    """A site's closing line; it starts with "please" (no other letter than p or P matches its p)."""
    if len(line) >= MAX_CLOSING:
        return False
    text = line.strip()
    return text[:1] in ("p", "P") and SITE_CLOSING.fullmatch(text) is not None


def end_marker(state: State) -> bool:
    line = state.line
    if is_site_closing(line):
        state.emit("boilerplate", text=line.strip())
        return True
    if not is_end_marker(line):
        return False
    count = 1
    if CONTINUED_IN.fullmatch(line.strip()) or line.strip(" *_~").rstrip().endswith((":", "in")):
        count = _announcement(state)
    marker = " ".join(x.strip(" *_") for x in state.lines[state.pos : state.pos + count] if x.strip())
    state.emit("end", count, marker=marker)
    return True


def _announcement(state: State) -> int:
    """`To be continued in:` over the next book's title: the short lines after it belong to the marker."""
    from .author_note import note_start

    end = state.pos + 1
    taken = 0
    while taken < FOLLOWING_LINES:
        nxt = state.next_nonblank(end)
        if nxt is None or nxt - end > 2:
            break
        line = state.lines[nxt]
        if len(line.split()) > FOLLOWING_WORDS or note_start(line) is not None:
            break
        end = nxt + 1
        taken += 1
    return end - state.pos
