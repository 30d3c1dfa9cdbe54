"""Site boilerplate: what an archive wraps around a story, which is neither story text nor metadata.

- Start and end markers: `*** START OF THE PROJECT GUTENBERG EBOOK ... ***` (and the older
  `*END*THE SMALL PRINT!`), `------章节内容开始-------` ("the chapter text starts").  Before a start
  marker, the header fields (Title:, Author:, Release Date:, Language:) are read and the rest (the
  licence preamble, a download disclaimer) is dropped; the producer's credit right after it
  ("Produced by ...") too.  From an end marker, or the "End of the Project Gutenberg EBook" line
  before it, to the end of the file, everything (the licence) is dropped.
- Aozora Bunko's legend of ruby symbols, fenced by dashed lines under the title, and its colophon
  at the end (from `底本：`).
- A site's watermark: a line carrying a web address that the file repeats (at the top and the end).
- A site's stamp under each chapter heading: its dates and word count ("更新时间:... 本章字数:...").

Dropped text is listed by `fic2epub inspect`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ...lazy import Literals, lazy_compile
from ...model import canonical_key
from ..state import State, Token
from .author_note import match_note
from .header_field import accepted_field, split_field

START = lazy_compile(
    r"^\W*(?:start|beginning) of (?:this|the) project gutenberg e-?(?:book|text)\b.*$"
    r"|^\s*\*?end\*?\s*the small print!.*$"
    r"|^[\s\-=*~—_]*(?:章节内容开始|正文开始|内容开始|本章内容开始|正文内容开始)[\s\-=*~—_]*$",
    re.IGNORECASE,
)
END = lazy_compile(
    r"^\W*(?:end of (?:this|the) project gutenberg e-?(?:book|text)\b"
    r"|end of (?:the )?project gutenberg'?s?\b).*$",
    re.IGNORECASE,
)
_GUTENBERG_LINE = lazy_compile(
    r"^\s*(?:the )?project gutenberg(?:'s)?\s+(?:e-?book|e-?text)?\s*(?:of\s+)?"
    r"(?P<title>.+?)(?:,\s+by\s+(?P<author>.+?))?\s*$",
    re.IGNORECASE,
)
_CREDIT = lazy_compile(
    r"^\s*(?:produced|prepared|transcribed|scanned|proofread|e-?text (?:prepared|produced))\s+by\b",
    re.IGNORECASE,
)
_RULE = lazy_compile(r"^\s*[-=－]{10,}\s*$")
_AOZORA_LEGEND = lazy_compile(r"^\s*【テキスト中に現れる記号について】")
_AOZORA_COLOPHON = lazy_compile(r"^\s*底本[:：]")
_WEB = Literals("http", "www")  # in every address
_ADDRESS = lazy_compile(r"https?://[A-Za-z0-9.\-]+|\bwww\.[A-Za-z0-9\-]+\.[A-Za-z0-9.\-]+", re.IGNORECASE)


@dataclass
class Frame:
    """Where the boilerplate lies in one file: found once, on the first call."""

    start: int | None = None  # index of the start marker
    end: int | None = None  # index of the first line of the closing boilerplate
    legend: tuple[int, int] | None = None
    watermarks: set[str] = field(default_factory=set)


# What every start marker holds, and every end marker or colophon: most files have none, and are not
# asked for them line by line
_STARTS = Literals("gutenberg", "small print", "开始")
_ENDS = Literals("gutenberg", "底本")


def find_frame(lines: list[str]) -> Frame:
    frame = Frame()
    head = min(len(lines), 800)
    if _STARTS.admit("\n".join(lines[:head])):
        frame.start = next((i for i in range(head) if START.match(lines[i]) and len(lines[i]) < 200), None)
    tail_from = max(0, len(lines) - max(1000, len(lines) // 5))
    if _ENDS.admit("\n".join(lines[tail_from:])):
        for i in range(tail_from, len(lines)):
            line = lines[i]
            if len(line) >= 200:
                continue
            if END.match(line) or (_AOZORA_COLOPHON.match(line) and i > len(lines) * 0.5):
                frame.end = i
                break
    for i in range(min(len(lines), 60)):
        if _RULE.match(lines[i]):
            nxt = next((j for j in range(i + 1, min(len(lines), i + 4)) if lines[j].strip()), None)
            if nxt is not None and _AOZORA_LEGEND.match(lines[nxt]):
                close = next(
                    (j for j in range(nxt, min(len(lines), nxt + 80)) if _RULE.match(lines[j])), None
                )
                if close is not None:
                    frame.legend = (i, close + 1)
            break
    frame.watermarks = _watermarks(lines)
    return frame


def _watermarks(lines: list[str]) -> set[str]:
    """Lines among the first and last three that carry the same web address: a site's stamp on its files
    (an author's "Also on AO3: <link>" is a field, and a note is a note)."""
    first = itertools.islice((i for i, line in enumerate(lines) if line.strip()), 3)
    last = itertools.islice((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), 3)
    edges = sorted({*first, *last})
    found: dict[str, list[str]] = {}
    for i in edges:
        line = lines[i].strip()
        m = _ADDRESS.search(line) if _WEB.admit(line) else None
        if m and len(line) < 1000 and match_note(line) is None and split_field(line) is None:
            address = re.sub(r"^https?://(www\.)?|^www\.", "", m.group(0).casefold()).split("/")[0]
            found.setdefault(address, []).append(line)
    return {line for group in found.values() if len(group) >= 2 for line in group}


_STAMP_LABEL = lazy_compile(r"(?:^|\s)([^\s:：\d][^\s:：]{0,11})\s*[:：]")
STAMP_KEYS = {"updated", "published", "words", "completed", "chapters"}
MAX_STAMP = 120


def is_chapter_stamp(line: str) -> bool:
    """A line under a chapter heading holding only its dates and word count ("更新时间:... 本章字数:...",
    "Updated: ... Words: ...")."""
    if len(line) > MAX_STAMP:
        return False
    labels = _STAMP_LABEL.findall(line)
    if not labels or not all(canonical_key(label) in STAMP_KEYS for label in labels):
        return False
    values = _STAMP_LABEL.sub(" ", line)
    letters = sum(c.isalpha() for c in values)
    return any(c.isdigit() for c in values) and letters <= 12  # dates and figures, not a sentence


def _under_heading(state: State) -> bool:
    last = state.last("blank")
    return last is not None and last.kind == "heading"


def _frame(state: State) -> Frame:
    frame = state.extra.get("frame")
    if not isinstance(frame, Frame):
        frame = find_frame(state.lines)
        state.extra["frame"] = frame
    return frame


def _block_end(state: State, start: int, stop: int) -> int:
    """End of the block of non-blank lines at `start`, at most `stop`."""
    end = start
    while end < stop and state.lines[end].strip():
        end += 1
    return max(end, start + 1)


def site_boilerplate(state: State) -> bool:
    pos = state.pos
    line = state.lines[pos]
    if not line or line.isspace():
        return False
    frame = _frame(state)
    if frame.end is not None and pos >= frame.end:
        state.emit("dropped", len(state.lines) - pos, what="the site's closing text (licence, colophon)")
        return True
    if frame.legend is not None and frame.legend[0] <= pos < frame.legend[1]:
        state.emit("dropped", frame.legend[1] - pos, what="the site's legend of text symbols")
        return True
    if frame.watermarks and line.strip() in frame.watermarks:
        state.emit("dropped", 1, what="a site's watermark")
        return True
    if (
        len(line) <= MAX_STAMP
        and (":" in line or "：" in line)
        and _under_heading(state)
        and is_chapter_stamp(line)
    ):
        state.emit("dropped", 1, what="the site's date and word count for the chapter")
        return True
    if frame.start is None:
        return False
    if pos == frame.start:
        state.emit("dropped", 1, what="the site's start marker")
        nxt = state.next_nonblank(state.pos)
        if nxt is not None and _CREDIT.match(state.lines[nxt]):
            if nxt > state.pos:
                state.emit("blank", nxt - state.pos, blank_lines=nxt - state.pos, scene_break=False)
            state.emit(
                "dropped", _block_end(state, nxt, len(state.lines)) - nxt, what="the producer's credit"
            )
        return True
    if pos > frame.start:
        return False
    # before the start marker: header fields are read, the rest is the site's preamble
    if accepted_field(state) is not None:
        return False
    m = _GUTENBERG_LINE.match(line)
    if m:
        # "The Project Gutenberg EBook of X, by Y" names the book when no Title: field does
        later = state.lines[pos + 1 : frame.start]
        if state.title is None and not any(re.match(r"^\s*title\s*:", x, re.IGNORECASE) for x in later):
            state.title = m.group("title").strip()
            state.emit("title", 1, repeat=False, title=state.title)
            if m.group("author") and not any(re.match(r"^\s*author\s*:", x, re.IGNORECASE) for x in later):
                author = m.group("author").strip()
                state.tokens.append(
                    Token("byline", pos + 1, [author], state.rule_name, {"authors": [author]})
                )
            return True
    elif all(t.kind == "blank" for t in state.tokens):
        return False  # a title line above the preamble is the title rules' to read
    state.emit("dropped", _block_end(state, pos, frame.start) - pos, what="the site's preamble")
    return True
