"""Author notes: paragraphs that start with a note label: `AN:`, `A/N:`, `A.N.`, `A\\N:`, `AN1:`, `AN//`,
`Author's Note(s):`, `Author Notes:`, `Author's Endnote:`, `Notes:`, `Beta's note:`, `Historical note:`,
`Disclaimer:`, `Acknowledgements:`, `Self-Promotion:`, `Special Announcement:`, `Chapter References:`,
`EDIT:`, `Update:`, `T/N:`, a beta's credit (`Beta'd by X`), in bold or italics too (`**A/N:** ...`,
`**Disclaimer: ...**`), or in brackets (`(A/N: ...)`, `[A/N: ...]`).

A label with text after it makes a note of that paragraph, continued by the next paragraphs set in the same
bold or italic type and by a signature line (`- Name`).  A label alone on its line starts a note that runs
until a divider, a heading, an end marker, another note or the end; a plain one also stops at a blank gap
as wide as a scene break.  A bracketed note runs to its closing bracket; one that closes inside a paragraph
is an inline note of that paragraph (see `fic2epub.parse.inline`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lazy import lazy_compile
from ..state import State
from .chapter_heading import match_heading
from .end_marker import is_end_marker, is_site_closing
from .header_field import is_known, is_landmark, split_field
from .scene_divider import closes_emphasis, is_divider

_NOTE_WORDS = (
    r"(?:(?:the|a|my|our)\s+)?(?:[\w-]{1,20}['’]s?\s+)?(?:chapter\s+)?(?:end\s?)?notes?|"
    r"(?:historical|final|additional|closing|opening|quick|important|some|extra|last|general|chapter|"
    r"story|other|more|short|beta|editor|translator|translation|author|authors)\s+(?:[\w-]{1,20}['’]s?\s+)?"
    r"notes?"
)
_OTHER_LABELS = (
    r"(?:[\w-]{1,20}\s+)?disclaimers?|acknowledge?ments?|self[\s-]promotion|shameless\s+plug|"
    r"(?:special\s+)?announcements?|(?:chapter\s+)?references|edit|t/n|n/a|"
    r"notas?(?:\s+d[aeo]l?\s+(?:la\s+)?(?:autor[ae]?|autrice|traductor[ae]?))?|note\s+de\s+l['’]auteur|"
    r"примечани[ея](?:\s+автора)?|от\s+автора|作者的话|作者有话说|作者有話說|後書き|前書き|あとがき"
)
# A/N and its spellings need no colon; AN needs one ("An old man" is prose); the others need one too.
_AN = lazy_compile(r"a\s*[/\\.]\s*n\b\.?", re.IGNORECASE)
_BARE_AN = lazy_compile(r"an\s*\d{0,2}(?=\s*(?:\([^)]{0,80}\))?\s*(?::|//|-\s))", re.IGNORECASE)
_WORD_LABEL = lazy_compile(rf"(?:{_NOTE_WORDS}|{_OTHER_LABELS})(?![\w'’])", re.IGNORECASE)
_AFTER_LABEL = lazy_compile(
    r"\s*(?:\([^)]{0,80}\))?\s*[*_]{0,3}\s*(?P<sep>:|：|//|\s[-–—]\s|[-–—]\s)?\s*[*_]{0,3}"
)
_OPENING = lazy_compile(r"\s*(?P<wrap>[*_]{0,3})\s*(?P<bracket>[(\[]?)\s*(?P<inner>[*_]{0,3})")
_OPENERS = frozenset("*_([")  # what _OPENING reads past spaces
DISCLAIMER = lazy_compile(r"disclaimer", re.IGNORECASE)
_TITLED = lazy_compile(r"authors?['’]?s?\s+notes?\s+(?:and|for|on|about|to|&|\()", re.IGNORECASE)
SIGNATURE = lazy_compile(r"\s*[-–—~]+\s*[^\W\d_][\w .'’-]{0,30}\s*$")
MAX_NOTE_PARAGRAPHS = 40


@dataclass
class NoteStart:
    """The start of an author note: its label, the text after it, its closing bracket, its type."""

    label: str
    rest: str
    closing: str | None
    wrap: str


def may_start_note(first: str) -> bool:
    """The rule table's gate (`Rule.starts`): a note starts with its label's first character (a word
    character or a dash), or with the type or bracket around it, or a Markdown escape; a beta's credit
    with its B or P.  Not with a quotation mark: most lines of dialogue are never asked."""
    return first.isalnum() or first in "-_*([\\"


def match_note(line: str) -> tuple[str, str, str | None] | None:
    """(label, text after it, closing bracket or None) if the line starts an author note."""
    found = note_start(line)
    return None if found is None else (found.label, found.rest, found.closing)


def note_start(line: str) -> NoteStart | None:
    """How the line starts an author note, or None."""
    if len(line) > 20000 or not line or line.isspace():
        return None
    if line.find("\\", 0, 200) >= 0:
        line = re.sub(r"\\(?=[^\w\s])", "", line)  # Markdown escapes: Author\'s Note, A\/N
    at, outer, bracket, wrap = 0, "", "", ""  # where the label starts, the type and bracket before it
    first = line[0]
    if first.isspace() or first in _OPENERS:  # only then can the pattern find any (most lines: no)
        opening = _OPENING.match(line)
        assert opening is not None  # every part of it may be empty
        at, outer, bracket = opening.end(), opening.group("wrap"), opening.group("bracket")
        wrap = outer or opening.group("inner")
    head = line[at : at + 120]
    if not (head[:1].isalnum() or head[:1] in ("_", "-")):
        return None  # every label starts with a word character, or a dash ("-Beta's note:"): not a quote
    an = head[0] in "aA"  # A/N and AN start with an a: most lines need not be asked for them
    label_match = _AN.match(head) if an else None
    needs_separator = label_match is None
    if label_match is None:
        label_match = (_BARE_AN.match(head) if an else None) or _WORD_LABEL.match(head)
        if label_match is None:
            return None
    after = _AFTER_LABEL.match(line, at + label_match.end())
    assert after is not None
    rest = line[after.end() :].strip()
    closing = {"(": ")", "[": "]"}.get(bracket)
    if needs_separator and not after.group("sep") and (rest.strip("*_ ") or closing):
        if not closing and _TITLED.match(label_match.group(0) + " " + rest) and len(line.split()) <= 16:
            # "Author's notes and a bit of trivia (in this order)." titles the note under it
            return NoteStart(line.strip().strip("*_").strip(), "", None, outer)
        return None  # "Notes were passed" and "Disclaimers aside, ..." are prose
    if closing is None and bracket:
        return None
    rest = rest.removesuffix(wrap).strip() if wrap and not closing else rest
    return NoteStart(label_match.group(0).strip(), rest.strip(" *_") if not closing else rest, closing, wrap)


def _wrap_of(line: str) -> str:
    m = re.match(r"\s*([*_]{1,3})(?=\S)", line)
    if not m or not line.rstrip().endswith(m.group(1)[:1]):
        return ""
    return m.group(1)


def _stops(line: str, state: State) -> bool:
    return (
        is_divider(line)
        or match_heading(line, allow_bare=False) is not None
        or is_end_marker(line)
        or is_site_closing(line)
        or note_start(line) is not None
        or (state.title is not None and line.strip(" *_#") == state.title)
        or is_landmark(line)
        or (state.in_header and _header_field_line(line))
    )


def _header_field_line(line: str) -> bool:
    """A known header field ("Summary: ...") under a note among the fields starts a field of its own."""
    parsed = split_field(line) if len(line) < 2000 else None
    return parsed is not None and is_known(parsed[0]) and note_start(line) is None


def _bracket_end(state: State, closing: str) -> tuple[int, bool] | None:
    """(last line of a bracketed note, whether it ends its line) or None when it never closes."""
    opening = "(" if closing == ")" else "["
    depth = 0
    last = min(len(state.lines), state.pos + 200)
    # looked for at C speed first, so that a file of thousands of unclosed notes stays fast
    if closing not in "\n".join(state.lines[state.pos : last]):
        return None
    for i in range(state.pos, last):
        line = state.lines[i]
        if len(line) > 20000:
            return None
        if closing not in line:
            depth += line.count(opening)
            continue
        for j, c in enumerate(line):
            if c == opening:
                depth += 1
            elif c == closing:
                depth -= 1
                if depth == 0:
                    return i, not line[j + 1 :].strip(" *_")
    return None


def _paragraph_end(state: State, start: int) -> int:
    end = start + 1
    while end < len(state.lines) and state.lines[end].strip():
        line = state.lines[end]
        if _stops(line, state) and not closes_emphasis(state.lines[start:end], line):
            break
        end += 1
    return end


# A beta reader's credit is the author speaking, though it has no label: "Beta'd by X.", "Betaed by X"
BETA_CREDIT = lazy_compile(
    r"\s*[*_(\[]{0,3}\s*(?:un)?(?:beta(?:['’]?d|ed|[\s-]read)|proof-?read)\s+by\s+\S", re.IGNORECASE
)


def author_note(state: State) -> bool:
    line = state.line
    found = note_start(line)
    if found is None:
        if line[:4].lstrip(" *_([")[:1] in ("B", "b", "P", "p") and BETA_CREDIT.match(line):
            state.emit("note", _paragraph_end(state, state.pos) - state.pos, label=None, bracket=None)
            return True
        return False
    if state.in_header and DISCLAIMER.match(found.label):
        last = state.last("blank", "spacer")
        if last is not None and last.kind == "field":
            return False  # a disclaimer among the header fields is one of them
    if found.closing:
        closed = _bracket_end(state, found.closing)
        if closed is not None and not closed[1]:
            return False  # "(A/N: ...) and then the story went on": an inline note of the paragraph
        end = closed[0] + 1 if closed is not None else _paragraph_end(state, state.pos)
    elif found.rest:
        end = _paragraph_end(state, state.pos)
        end = _continuation(state, end, found.wrap)
    else:
        end = _label_alone(state, found.wrap)
    state.emit("note", end - state.pos, label=found.label, bracket=found.closing)
    return True


def _continuation(state: State, end: int, wrap: str) -> int:
    """Past the paragraphs that continue a note: those set in its type, and a signature."""
    while True:
        nxt = state.next_nonblank(end)
        if nxt is None or nxt - end > state.profile.paragraph_gap + 1 or _stops(state.lines[nxt], state):
            return end
        line = state.lines[nxt]
        if SIGNATURE.match(line) and (nxt + 1 >= len(state.lines) or not state.lines[nxt + 1].strip()):
            return nxt + 1
        after = _paragraph_end(state, nxt)
        kind = _wrap_of(" ".join(state.lines[nxt:after]))
        if not wrap or kind != wrap:
            return end
        end = after


def _label_alone(state: State, wrap: str) -> int:
    """A note whose label stands alone runs until something that is not a note: a divider, a heading,
    another note, a wide gap (when the note is plain), or a paragraph in other type (when it is not)."""
    end = state.pos + 1
    first_end: int | None = None
    kind: str | None = None
    paragraphs = 0
    while end < len(state.lines):
        nxt = state.next_nonblank(end)
        if nxt is None:
            return len(state.lines)
        line = state.lines[nxt]
        if _stops(line, state) or (not wrap and state.profile.is_break_gap(nxt - end)):
            return end
        after = _paragraph_end(state, nxt)
        if kind is None:
            kind = _wrap_of(" ".join(state.lines[nxt:after]))
        elif kind and _wrap_of(" ".join(state.lines[nxt:after])) != kind:
            return end
        paragraphs += 1
        if paragraphs > MAX_NOTE_PARAGRAPHS:
            return first_end or end  # no end in sight: the note is its first paragraph
        end = after
        first_end = first_end or end
    return end
