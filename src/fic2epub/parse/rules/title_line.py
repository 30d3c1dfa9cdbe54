"""Title lines: the story's title as it stands alone at the top of a file, and its repeats.

- The first line, when it reads like a title (short, no sentence-ending stop, no opening quotation
  mark, not a heading, not a place and time such as "London, 1888") and stands alone, over a rule, or
  right above a header field or byline.  (A title written with its author, on one line or two, is
  `title_block`'s.)
- AO3's layout: after the fields, the title over the author's name.
- A title over its byline further down, before the first chapter (after a disclaimer, say).
- A line that repeats the known title (or a part of it, as a book's title page splits title and
  subtitle) before the story starts, or over its byline anywhere: dropped, the byline with it.
"""

from __future__ import annotations

import functools
import re

from ...lazy import lazy_compile, past_latin
from ..state import State, Token
from .byline import emit_byline, match_byline, split_authors, valid_name
from .chapter_heading import match_heading
from .header_field import read_field
from .scene_divider import is_divider

_SENTENCE_END = lazy_compile(r"[.,;:!\"”’'»)]\s*$")
_OPENING = lazy_compile(r"^\s*[\"“‘'«\-—(\[]")
_WORD = lazy_compile(r"\w+")
CJK = r"\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff"
_CJK_NAME = lazy_compile(rf"^[{CJK}・·]{{2,8}}$")
# A place and time over the first scene ("London, 1888", "Three years later"), not a title.
_STAMP = lazy_compile(
    r"^(?:.*,\s*\d{3,4}s?|.*\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|(?:[\w-]+\s+){0,3}(?:years?|months?|weeks?|"
    r"days?|hours?|minutes?)\s+(?:later|earlier|ago|before|after)|(?:meanwhile|later|earlier)\b.*)\W*$",
    re.IGNORECASE,
)
_NAME_WORD = lazy_compile(
    r"^(?:[A-ZÀ-ÞА-ЯЁ][\w'’\-]*\.?|(?:[A-ZА-ЯЁ]\.)+|\([A-ZÀ-ÞА-ЯЁ][\w'’\-]*\)|[A-ZА-ЯЁ]\.?-?[A-ZА-ЯЁ]?\.?)$"
)
_PARTICLES = {
    "von", "van", "de", "der", "den", "la", "le", "du", "di", "da", "del", "dos", "das",
    "bin", "ibn", "al", "y", "e", "ter", "ten", "zu", "af",
}  # fmt: skip
# Capitalised words that start or make up a line of story text, never a bare name.
_NOT_NAME_WORDS = {
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "my", "our",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "morning", "evening", "night", "afternoon", "later",
    "earlier", "now", "then", "today", "tonight", "tomorrow", "yesterday", "part", "book", "volume",
    "chapter", "prologue", "epilogue", "act", "scene", "present", "past", "future", "meanwhile",
    "somewhere", "elsewhere", "home", "school", "years", "days", "weeks", "months", "hours", "ago",
    "end", "fin", "begin", "beginning", "contents", "summary", "story", "title", "author",
}  # fmt: skip


def plain(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def clean(line: str) -> str:
    """A line without the Markdown heading marks and emphasis around it."""
    return line.strip().strip("#*_~ ").strip()


def looks_like_title(line: str) -> bool:
    text = clean(line)
    if not text or len(text) > 120 or len(text.split()) > 16:
        return False
    if _OPENING.match(text) or is_divider(line) or re.search(r"https?://|www\.|^!\[|^<", text):
        return False
    if not re.search(r"[^\W\d_]", text):
        return False  # no letter: a number, a mark
    return not (_SENTENCE_END.search(text) and not text.endswith(("!", "?", ")", "...", "…")))


def looks_like_name(line: str, *, strict: bool = True) -> bool:
    """Whether a line is only a person's name: 'M J Bradley', 'Лев Николаевич Толстой', '夏目漱石'.

    `strict` asks for two words or more (a single word is a name only after "by")."""
    text = clean(line)
    if (past_latin(text) or "·" in text) and _CJK_NAME.match(text.rstrip("著作").strip()):
        return True
    words = text.split()
    if not words or len(words) > 5 or (strict and len(words) < 2) or any(c.isdigit() for c in text):
        return False
    if words[0].casefold() in _NOT_NAME_WORDS:
        return False
    named = 0
    for word in words:
        if word.casefold() in _PARTICLES:
            continue
        if not _NAME_WORD.match(word) or word.casefold().strip(".") in _NOT_NAME_WORDS:
            return False
        named += 1
    return named > 0


@functools.lru_cache(maxsize=64)
def _plain_title(title: str) -> tuple[str, list[str], dict[str, int], frozenset[str]]:
    """The title as `plain` gives it, its words, where each word first stands after the first place
    (the longest run of last words that can start with it), and the first characters of its words."""
    whole = plain(title)
    words = whole.split()
    later: dict[str, int] = {}
    for place, word in enumerate(words[1:], 1):
        later.setdefault(word, place)
    return whole, words, later, frozenset(word[0] for word in words)


def is_title_part(text: str, title: str) -> bool:
    """Whether `text` is the title, or its first or last words (a title page splits off the subtitle)."""
    whole, title_words, later, initials = _plain_title(title)
    if text[:1].isalnum() and text[0].casefold()[0] not in initials:
        return False  # its first word starts at once, and with a letter none of the title's words does
    first = _WORD.search(text)
    if first is None or not title_words:
        return False
    start = first.group().casefold()
    if start != title_words[0] and start not in later:
        return False  # a part of the title starts with one of its words; most lines do not, at once
    # `plain(text)`, read only as far as it can still be the title's first words or its last ones
    as_last = len(title_words) - later.get(start, len(title_words))  # the most last words it can be
    as_first = start == title_words[0]
    words = [first.group()]
    for word in _WORD.finditer(text, first.end()):
        as_first = (
            as_first and len(words) < len(title_words) and word.group().casefold() == title_words[len(words)]
        )
        if not as_first and len(words) >= as_last:
            return False
        words.append(word.group())
    part = " ".join(words).casefold()
    if part == whole:
        return True
    if len(part) < 4:
        return False
    return whole.startswith(part + " ") or whole.endswith(" " + part)


def _seen_heading(state: State) -> bool:
    """Whether a chapter heading came before; each token is looked at once, so a file of many thousand
    lines without a heading stays linear."""
    if not state.extra.get("title_seen_heading"):
        scanned = state.extra.get("title_heading_scanned", 0)
        state.extra["title_seen_heading"] = any(t.kind == "heading" for t in state.tokens[scanned:])
        state.extra["title_heading_scanned"] = len(state.tokens)
    return bool(state.extra["title_seen_heading"])


def at_top(state: State) -> bool:
    """Whether only blank lines and dropped text came before; once not, never again (tokens are only
    added), so that is remembered."""
    if state.extra.get("past_top"):
        return False
    top = all(t.kind in ("blank", "dropped") for t in state.tokens)
    state.extra["past_top"] = not top
    return top


def past_top(state: State) -> bool:
    return not at_top(state)


def next_nonblank(state: State, start: int, within: int = 3) -> int | None:
    i = start
    while i < len(state.lines) and i - start < within:
        if state.lines[i].strip():
            return i
        i += 1
    return None


def emit_title(state: State, text: str, count: int = 1, *, repeat: bool = False) -> None:
    if state.title is None or (not repeat and state.extra.pop("title_from_scan", False)):
        state.title = text
    state.emit("title", count, repeat=repeat, title=text)


def add_byline(state: State, authors: list[str], line: int) -> None:
    """A byline found on the title's own line: a token with no lines of its own."""
    state.tokens.append(
        Token("byline", line + 1, [", ".join(authors)], state.rule_name, {"authors": authors})
    )


def _emit_byline_after(state: State) -> bool:
    """Emit the byline at the next non-blank line (within two), if there is one."""
    nxt = next_nonblank(state, state.pos)
    if nxt is None:
        return False
    found = match_byline(state.lines, nxt)
    if found is None:
        return False
    if nxt > state.pos:
        state.emit("blank", nxt - state.pos, blank_lines=nxt - state.pos, scene_break=False)
    authors, end = found
    emit_byline(state, authors, end)
    return True


def _after_header(state: State) -> bool:
    """AO3's layout: the fields first, then the title over the author's name, then Summary: and Notes:."""
    last = state.last("blank")
    if not state.in_header or last is None or last.kind != "field" or not looks_like_title(state.line):
        return False
    name = state.peek()
    after = state.peek(2)
    if name is None or not name.strip() or read_field(state.lines, state.pos + 1) is not None:
        return False
    if not (looks_like_name(name, strict=False) or valid_name(name)) or len(name.split()) > 4:
        return False
    if after is not None and after.strip() and read_field(state.lines, state.pos + 2) is None:
        return False
    emit_title(state, clean(state.line))
    emit_byline(state, split_authors(clean(name)), state.pos + 1)
    return True


def title_line(state: State) -> bool:
    line = state.line
    text = clean(line)
    if not text:
        return False
    if state.title is not None:
        # a repeat of the title: dropped before the story starts, or anywhere over its byline
        if not is_title_part(text, state.title):
            return False
        # the first sighting of a title found ahead by `title_scan` is no repeat
        repeat = not state.extra.get("title_from_scan")
        if state.in_header:
            emit_title(state, text, repeat=repeat)
            return True
        nxt = next_nonblank(state, state.pos + 1)
        if nxt is None or match_byline(state.lines, nxt) is None:
            return False
        emit_title(state, text, repeat=repeat)
        return _emit_byline_after(state) or True
    top = at_top(state)
    if not top and not state.in_header and _seen_heading(state):
        return False  # past the header and a chapter heading: no title to find
    if match_heading(line) is not None:
        return False
    if top:
        if not looks_like_title(line) or _STAMP.match(text):
            return False
        after = state.peek()
        header_follows = read_field(state.lines, state.pos + 1) is not None or (
            match_byline(state.lines, state.pos + 1) is not None
        )
        if after is not None and after.strip() and not header_follows and not is_divider(after):
            return False  # a first line running straight into more text is a paragraph
        emit_title(state, text)
        return True
    if _after_header(state):
        return True
    # a title over its byline before the first chapter, after notes or a disclaimer
    if _seen_heading(state) or not looks_like_title(line):
        return False
    nxt = next_nonblank(state, state.pos + 1)
    if nxt is None or match_byline(state.lines, nxt) is None:
        return False
    emit_title(state, text)
    _emit_byline_after(state)
    return True
