"""Header fields: `Label: value` lines before the story starts (Title, Fandom, Pairing, Rating, ...).

Known labels in every common spelling (`model.canonical_key`) are recognised, bold labels
(`**Title:**`, `**Title**:`) and full-width colons (`作者：`) too.  A value may run on over the
next lines, or stand on the line after its label (AO3's preface); a label with no value above
other fields (`Stats:`) only groups them.  Whether a run of fields is a metadata header is decided
for the run as a whole: it must hold a known field other than a disclaimer, notes or a dedication
(a lone "Disclaimer: ..." paragraph is the author talking), and an unknown label counts only beside
known ones, so that dialogue or a letter ("Dear John: ...") is never metadata.  Unknown labels in a
header are kept.  Fields that describe the file rather than the story (`Character set encoding`)
are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lazy import lazy_compile
from ...model import canonical_key
from ..ffnet_stats import stats_fields
from ..state import State, Token
from .chapter_heading import match_heading
from .scene_divider import is_divider

FIELD = lazy_compile(
    r"^\s*(?:[-*+•]\s+)?(?:[*_]{1,2})?(?P<label>[^\W\d_][\w '’/().&+-]{0,48}?)\s*(?:[*_]{1,2})?\s*[:：]"
    r"(?!//)\s*(?:[*_]{1,2}(?=\s|$))?\s*(?P<value>.*?)\s*$"
)
KNOWN_KEYS = {
    "title",
    "author",
    "fandom",
    "category",
    "pairing",
    "characters",
    "rating",
    "warnings",
    "genre",
    "tags",
    "summary",
    "notes",
    "status",
    "disclaimer",
    "spoilers",
    "series",
    "words",
    "published",
    "updated",
    "completed",
    "stats",
    "language",
    "beta",
    "prompt",
    "dedication",
    "chapters",
    "collections",
    "source",
}
# Fields whose value is one line: what follows on the next line is something else.
ONE_LINE_KEYS = {
    "author", "rating", "status", "words", "published", "updated", "completed", "language", "series",
    "chapters", "category", "genre", "fandom", "beta", "source",
}  # fmt: skip
# Known fields an author also writes on their own, as a note to the reader, outside any header.
WEAK_KEYS = {"disclaimer", "notes", "dedication"}
# Fields about the file, not the story: dropped.
FILE_PROPERTIES = {"character set encoding", "encoding", "charset", "character set", "file encoding"}
# AO3's landmark headings: not fields, and what follows them is the story.
LANDMARKS = {"work text", "chapter text"}
_NOT_LABELS = lazy_compile(r"^(https?|ftp|mailto|www|note|a/?n|author'?s? notes?)$", re.IGNORECASE)
MAX_LABEL_WORDS = 5
_ADDRESS = lazy_compile(r"^\[?[^\]]{0,200}\]?\(?https?://\S+\)?$")


@dataclass
class Field:
    """One field as read from the lines: label, value, and the index of the line after it."""

    label: str
    value: str
    end: int

    @property
    def key(self) -> str:
        return canonical_key(self.label)


def split_field(line: str) -> tuple[str, str] | None:
    """(label, value) if the line reads as `Label: value`, else None."""
    if len(line) > 4000:
        return None
    m = FIELD.match(line)
    if not m:
        return None
    label = m.group("label").strip()
    if _NOT_LABELS.match(label) or len(label.split()) > MAX_LABEL_WORDS:
        return None
    value = m.group("value").strip()
    if value.startswith(("**", "__")) and value.endswith(("**", "__")) and len(value) > 4:
        value = value[2:-2].strip()
    elif re.fullmatch(r"[*_]+", value):
        value = ""
    elif re.search(r"[^*_][*_]{1,2}$", value) and value.count("*") % 2:
        value = value.rstrip("*_").strip()  # the close of a bold label around the whole line
    return label, value


def is_known(label: str) -> bool:
    return canonical_key(label) in KNOWN_KEYS


def _is_label_line(line: str) -> bool:
    """A line that is a field's label, not text that could continue a value."""
    parsed = split_field(line)
    if parsed is None:
        return False
    label, value = parsed
    if is_known(label):
        return True
    if value:
        return not label[0].islower()
    return label[0].isupper() and len(label.split()) <= 3  # "Kudos:" alone on its line


def _runs_on(key: str, line: str) -> bool:
    """Whether a value of this field may run on to the next line: a summary or a list of tags may, a
    name, a date or a rating may not (FanFiction.Net's header has its summary right under the byline);
    a title's subtitle stands indented under it (Project Gutenberg)."""
    if key == "title":
        return line[:1].isspace()
    return key not in ONE_LINE_KEYS


def _stops_value(line: str) -> bool:
    from .author_note import note_start  # here: author_note reads this module

    return (
        not line.strip()
        or _is_label_line(line)
        or is_divider(line)
        or match_heading(line, allow_bare=False) is not None
        or note_start(line) is not None  # "Author's notes: ..." under the fields is a note, not a value
    )


def read_field(lines: list[str], index: int) -> Field | None:
    """The field that starts at `lines[index]`, with its value read over the lines it runs on, or None."""
    if not 0 <= index < len(lines):
        return None
    parsed = split_field(lines[index])
    if parsed is None:
        return None
    label, value = parsed
    if match_heading(lines[index]) is not None and not is_known(label):
        return None  # "Chapter 1: The Start" is a heading
    key = canonical_key(label)
    end = index + 1
    if value:
        # a value that runs on over the next lines, up to a blank line or another field;
        # a title's indented second line is its subtitle
        while end < len(lines) and not _stops_value(lines[end]) and _runs_on(key, lines[end]):
            nxt = lines[end].strip()
            joiner = ": " if key == "title" and lines[end][:1].isspace() and value[-1:].isalnum() else " "
            value += joiner + nxt
            end += 1
        return Field(label, value, end)
    if key in LANDMARKS:
        return Field(label, "", end)
    # AO3's preface: the value stands on the next non-blank line(s); a label over other fields groups them
    after = _next_nonblank(lines, index + 1)
    if after is None or after - index > 3:
        return None
    if _is_label_line(lines[after]):
        return Field(label, "", end) if is_known(label) or key in ("stats",) else None
    blocks: list[str] = []
    i = after
    stopped_by_label = False
    while i < len(lines) and len(blocks) < 6:
        block_end = i
        while block_end < len(lines) and lines[block_end].strip() and not _stops_value(lines[block_end]):
            block_end += 1
        if block_end == i:
            break
        blocks.append(" ".join(line.strip() for line in lines[i:block_end]))
        following = _next_nonblank(lines, block_end)
        end = block_end
        if following is None or following - block_end > 2:
            break
        if _is_label_line(lines[following]):
            stopped_by_label = True
            break
        if _stops_value(lines[following]) or _indent(lines[following]) < max(1, _indent(lines[after])):
            break  # a value of several paragraphs is indented under its label (AO3's layout)
        i = following
    if not blocks:
        return None
    if not stopped_by_label and len(blocks) > 1:
        # only the first block is surely the value; what follows may be the story
        first_end = after
        while first_end < len(lines) and lines[first_end].strip() and not _stops_value(lines[first_end]):
            first_end += 1
        blocks, end = blocks[:1], first_end
    return Field(label, "\n\n".join(blocks), end)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _next_nonblank(lines: list[str], start: int) -> int | None:
    i = start
    while i < len(lines):
        if lines[i].strip():
            return i
        i += 1
    return None


def read_run(lines: list[str], index: int) -> list[Field]:
    """The run of fields starting at `lines[index]`: fields one after another, blank lines between allowed."""
    run: list[Field] = []
    i: int | None = index
    while i is not None and len(run) < 80:
        found = read_field(lines, i)
        if found is None:
            break
        run.append(found)
        i = _next_nonblank(lines, found.end)
    return run


def _run_is_header(run: list[Field], after_title: bool) -> bool:
    """Whether a run of fields is a metadata header rather than notes or story text."""
    keys = [f.key for f in run if f.key in KNOWN_KEYS]
    if any(k not in WEAK_KEYS for k in keys):
        return True
    if after_title and all(_ADDRESS.search(f.value) for f in run):
        return True  # "Originally posted at: <link>" under the title
    return after_title and bool(keys) and all(f.key in KNOWN_KEYS for f in run)


def accepted_field(state: State) -> Field | None:
    """The header field at the cursor, if the header rule would take it."""
    if not state.in_header:
        return None
    found = read_field(state.lines, state.pos)
    if found is None:
        return None
    last = state.last("blank", "dropped")
    if last is not None and last.kind == "field":
        # inside a header already: a known label, or an unknown one that reads as a field
        known = found.key in KNOWN_KEYS or found.key in FILE_PROPERTIES
        return found if known or _plausible_unknown(state, found) else None
    after_title = last is not None and last.kind in ("title", "byline")
    run = read_run(state.lines, state.pos)
    if not run or not _run_is_header(run, after_title):
        return None
    if found.key not in KNOWN_KEYS and not _plausible_unknown(state, found):
        return None
    return found


def _plausible_unknown(state: State, found: Field) -> bool:
    """Whether an unknown label in a header reads as a field: a label over more fields, a field between
    fields, or a short value that is not a sentence (a letter's "Dear John: ..." is a sentence)."""
    nxt = _next_nonblank(state.lines, found.end)
    sandwiched = nxt is not None and _is_label_line(state.lines[nxt])
    if not found.value:
        return sandwiched
    if _LETTER.match(found.label) or _is_dialogue(state.lines, found):
        return False
    if sandwiched:
        return True
    return len(found.value) <= 100 and not _SENTENCE_END.search(found.value)


def _is_dialogue(lines: list[str], found: Field) -> bool:
    """Whether the label comes back within the next lines, as a speaker's name does in a chat or a
    script ("Mara: You came back." / "Tess: I said I would." / "Mara: ...")."""
    seen = 0
    for line in lines[found.end : found.end + 8]:
        parsed = split_field(line)
        if parsed is not None and not is_known(parsed[0]):
            seen += 1
            if parsed[0].casefold() == found.label.casefold():
                return True
    return seen >= 3 and not is_known(found.label)


_LETTER = lazy_compile(r"^(?:dear|dearest|hi|hey|hello|to|from|re|ps|p\.s|love)\b", re.IGNORECASE)
_SENTENCE_END = lazy_compile(r"[.!?…][\"'”’)]*$")


def may_start_field(first: str) -> bool:
    """The rule table's gate (`Rule.starts`): a field starts with its label's first letter, or with the
    list mark or bold type before it (`FIELD`); a landmark heading with a letter, or the marks
    `is_landmark` takes off."""
    return first.isalnum() or first in "-*+•_#:："


def is_landmark(line: str) -> bool:
    """AO3's landmark headings ("Work Text:", "Chapter Text"): where the story text starts."""
    if len(line) >= 40 or "text" not in line.casefold():  # both end in "text": most lines never get further
        return False
    return canonical_key(line.strip().strip("#*_ ")) in LANDMARKS


def header_field(state: State) -> bool:
    if is_landmark(state.line):
        state.emit("dropped", what="AO3's landmark heading")
        return True
    found = accepted_field(state)
    if found is None:
        return False
    count = found.end - state.pos
    if found.key in FILE_PROPERTIES:
        state.emit("dropped", count, what=f"{found.label} (a property of the file, not the story)")
        return True
    if found.key == "title" and state.title is None and found.value:
        state.title = found.value
    packed = stats_fields(found.label, found.value) or unpack(found.label, found.value)
    state.emit("field", count, label=found.label, value=packed[0][1], key=found.key)
    for label, value in packed[1:]:
        data = {"label": label, "value": value, "key": canonical_key(label)}
        state.tokens.append(Token("field", state.pos - count + 1, [], state.rule_name, data))
    return True


_PACKED = lazy_compile(r"\s+[-–|•·]\s+(?=[^\W\d_][\w ]{0,20}:\s)")


def unpack(label: str, value: str) -> list[tuple[str, str]]:
    """A line that packs several fields ("Rated: T - English - Words: 5,000 - Status: Complete", as
    FanFiction.Net writes them): each labelled part a field of its own."""
    parts = _PACKED.split(value)
    if len(parts) < 3:
        return [(label, value)]
    out = [(label, parts[0].strip())]
    for part in parts[1:]:
        parsed = split_field(part)
        if parsed is None or not parsed[1]:
            out[-1] = (out[-1][0], f"{out[-1][1]} - {part.strip()}")
        else:
            out.append(parsed)
    return out
