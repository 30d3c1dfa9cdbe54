"""Bylines: "by X", "By: X", "Written by X", "A story by X", "A Harry Potter fanfic by X", "~by X~",
"**By X**", "by" alone on a line over the name (a book's title page), and "X 著" (Chinese and
Japanese), on a line of its own before the story starts; "von X", "par X", "por X", "di X" and the
other languages' "by" only right under a title on the first line.  A sentence that starts with "by"
("By the time he woke, ...") is not a byline.
"""

from __future__ import annotations

import itertools
import re

from ...lazy import lazy_compile, past_latin
from ..state import State

BYLINE = lazy_compile(
    r"^\s*[*_~=\-–—\s]*(?:(?:an?\s+(?:[\w'’ -]{1,40}\s+)?(?:story|fic|fanfic|fan\s?fiction|work|novel|tale|"
    r"one-?shot|drabble|ficlet|crossover)\s+)?by|written\s+by)"
    r"\s*:?\s+(?P<name>\S.*?)\s*[*_~=\-–—\s]*$",
    re.IGNORECASE,
)
# "by" in other languages, read only right under a title on the first line: "di", "de", "av" start
# sentences and names elsewhere.
FOREIGN_BYLINE = lazy_compile(
    r"^\s*[*_~=\-–—\s]*(?:(?:geschrieben\s+)?von|(?:[ée]crit[e]?\s+)?par|(?:escrit[oa]\s+)?por|"
    r"(?:scritt[oa]\s+)?(?:di|da)|de|door|av|af|(?:napisane\s+)?przez|от)"
    r"\s*:?\s+(?P<name>\S.*?)\s*[*_~=\-–—\s]*$",
    re.IGNORECASE,
)
BY_ALONE = lazy_compile(r"^\s*[*_~\s]*by\s*:?\s*[*_~\s]*$", re.IGNORECASE)
CJK_BYLINE = lazy_compile(
    r"^\s*(?P<name>[\u3400-\u9fff\u3040-\u30ff・·]{2,10})\s*(?:著|作|撰|编著|編著|原著)\s*$"
)
# Words that start a sentence after "by", never a name: "By the time ...", "by then".
_NOT_NAMES = lazy_compile(
    r"^(?:the|a|an|this|that|these|those|then|now|now,|far|all|any|some|his|her|their|my|your|our|its|way|"
    r"morning|evening|night|noon|midnight|dawn|day|chance|accident|mistake|default|hand|heart|myself|"
    r"himself|herself|themselves|itself|yourself|me|him|us|them|you|it|one|no|not|nightfall|sunrise|"
    r"sunset|tomorrow|today|tonight|yesterday|comparison|contrast|design|far|nature|force|law)\b",
    re.IGNORECASE,
)


def split_authors(names: str) -> list[str]:
    """Several authors joined by '&', ';' or ','; a bare ' and ' may be inside one pen name, so it stays."""
    parts = re.split(r"\s*(?:&|;|,\s*(?:and\s+)?)\s*", names.strip())
    return [p.strip(" *_~") for p in parts if p.strip(" *_~")]


def valid_name(name: str) -> bool:
    """Whether the text after "by" reads as one or more names, not the rest of a sentence."""
    name = name.strip(" *_~")
    if not name or len(name) > 80 or len(name.split()) > 8 or _NOT_NAMES.match(name):
        return False
    if re.search(r"[.!?,;:]$", name) and not re.search(r"\b[A-Z]\.$", name):
        return False  # a sentence ends with a stop; a name may end with an initial
    return not re.search(r"[\"“”]", name)


def match_byline(lines: list[str], index: int) -> tuple[list[str], int] | None:
    """(authors, index of the line after the byline) if a byline starts at `lines[index]`."""
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    if len(line) > 200:
        return None
    m = BYLINE.match(line)
    if m and valid_name(m.group("name")):
        return split_authors(m.group("name")), index + 1
    m = FOREIGN_BYLINE.match(line) if index <= 3 and _under_first_line(lines, index) else None
    if m and valid_name(m.group("name")) and len(m.group("name").split()) <= 4:
        return split_authors(m.group("name")), index + 1
    m = CJK_BYLINE.match(line) if past_latin(line) else None
    if m:
        return [m.group("name")], index + 1
    if BY_ALONE.match(line):
        # a title page: "by" on its own line, the name on the next non-blank one
        nxt = index + 1
        while nxt < len(lines) and nxt - index <= 3 and not lines[nxt].strip():
            nxt += 1
        if nxt < len(lines) and nxt - index <= 3 and valid_name(lines[nxt]) and len(lines[nxt].split()) <= 6:
            return split_authors(lines[nxt]), nxt + 1
    return None


def _under_first_line(lines: list[str], index: int) -> bool:
    """Whether exactly one line with text (the title) stands above `lines[index]`."""
    return sum(1 for line in lines[:index] if line.strip()) == 1


def _words(name: str) -> set[str]:
    return set(re.sub(r"[^\w\s]", " ", name).casefold().split())


# No story has more authors than this; past it, names are not compared (keeps a file of thousands of
# "by X" lines linear).
MAX_KNOWN_AUTHORS = 100


def known_authors(state: State) -> list[str]:
    """The authors named so far, by bylines and Author: fields (each token is looked at once)."""
    names: dict[str, None] = state.extra.setdefault("known_authors", {})
    scanned = state.extra.get("known_authors_scanned", 0)
    for token in state.tokens[scanned:]:
        if token.kind == "byline":
            names.update(dict.fromkeys(token.data.get("authors", [])))
        elif token.kind == "field" and token.data.get("key") == "author":
            names.update(dict.fromkeys(split_authors(str(token.data.get("value", "")))))
    state.extra["known_authors_scanned"] = len(state.tokens)
    return list(itertools.islice(names, MAX_KNOWN_AUTHORS))


def same_person(one: str, other: str) -> bool:
    """Whether two ways of writing a name are one person: 'SIR ARTHUR CONAN DOYLE' and 'Arthur Conan
    Doyle' (one holds the other's words), 'W. Harrison Ainsworth' and 'William Harrison Ainsworth'
    (the same surname, the same initial)."""
    a, b = _words(one), _words(other)
    if not a or not b:
        return False
    if a <= b or b <= a:
        return True
    first_a, first_b = one.split(), other.split()
    return (
        len(first_a) > 1
        and len(first_b) > 1
        and first_a[-1].casefold() == first_b[-1].casefold()
        and first_a[0][:1].casefold() == first_b[0][:1].casefold()
    )


def fresh_authors(state: State, authors: list[str]) -> list[str]:
    """The names not already known: a title page's "SIR ARTHUR CONAN DOYLE" repeats "Arthur Conan Doyle"."""
    known = known_authors(state)
    return [name for name in authors if not any(same_person(name, k) for k in known)]


def emit_byline(state: State, authors: list[str], end: int) -> None:
    """Emit a byline over the lines up to `end`; names already known are not added again."""
    state.emit("byline", end - state.pos, authors=fresh_authors(state, authors))


def byline(state: State) -> bool:
    if not state.in_header:
        return False
    found = match_byline(state.lines, state.pos)
    if found is None:
        return False
    authors, end = found
    emit_byline(state, authors, end)
    return True
