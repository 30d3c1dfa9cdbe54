"""Chapter headings: `Chapter 1`, `Chapter One: Title`, `CHAPTER I.`, `Ch. 1 - Title`, `Part Two`,
`Book II`, `Prologue`, `Epilogue`, `Interlude`, `Omake`, a bare number or roman numeral, `1. Title`,
decorated forms (`~Chapter 3~`, `*** Chapter 3 ***`), Markdown headings (`#`, `##`) and CJK headings
(`第一章`, `第1話`).  A heading may carry its title on the next line.

Not headings: a sentence that starts with "Chapter", and numbered lists inside a chapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..state import State

NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|first|second|"
    r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final"
)
NUMBER = rf"(?:\d{{1,4}}(?:\.\d{{1,2}})?|[ivxlcdm]{{1,8}}|(?:{NUMBER_WORDS})(?:[\s-]+(?:{NUMBER_WORDS}))*)"
SEPARATOR = r"\s*(?:[:.\-–—|~/]+|\s)\s*"
NUMBERED = re.compile(
    rf"^(?P<word>chapter|chapitre|capítulo|capitulo|kapitel|глава|ch\.?|chap\.?|part|book|volume|vol\.?|"
    rf"section|episode|act|arc|story|tale|letter|day|stave|canto)\s+(?P<num>{NUMBER})\.?"
    rf"(?:{SEPARATOR}(?P<name>.+?))?$",
    re.IGNORECASE,
)
NAMED = re.compile(
    r"^(?P<word>prologue|epilogue|interlude|omake|intermission|afterword|foreword|preface|introduction|"
    r"coda|finale|bonus(?: chapter)?|side ?story|extra)\b\.?(?:" + SEPARATOR + r"(?P<name>.+?))?$",
    re.IGNORECASE,
)
BARE_NUMBER = re.compile(r"^(?P<num>\d{1,3}|[IVXLC]{1,8})\.?$")
NUMBER_TITLE = re.compile(r"^(?P<num>\d{1,3})[.)]\s+(?P<name>[^\W\d_].{0,80})$")
CJK = re.compile(
    r"^(?P<num>第\s*[0-9０-９一二三四五六七八九十百千万零〇两壹贰叁肆伍陆柒捌玖拾佰]+\s*"
    r"[章回话話节節卷部篇集幕])(?:[\s:：、.．　]*(?P<name>.*))?$"
)
MARKDOWN = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
DECORATION = " \t*~=#_-+•·◊§<>[]{}|"


@dataclass
class HeadingMatch:
    """A heading as written, split into its number part and its name where it has both."""

    title: str
    number: str | None
    name: str | None
    level: int
    kind: str  # numbered, named, bare, number-title, cjk, markdown


def _undecorated(line: str) -> str:
    text = line.strip()
    stripped = text.strip(DECORATION).strip()
    # ~Chapter 3~ and *** Chapter 3 *** lose their decoration; "Chapter 3" keeps its full stop
    return stripped if stripped else text


def _strip_emphasis(text: str) -> str:
    m = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", text)
    return m.group(2).strip() if m else text


def match_heading(line: str, *, allow_bare: bool = True) -> HeadingMatch | None:
    """The heading this line reads as, or None."""
    if not line.strip() or len(line) > 200:
        return None
    level = 1
    text = line.strip()
    md = MARKDOWN.match(text)
    if md:
        level = len(md.group("hashes"))
        text = md.group("text")
    text = _strip_emphasis(_undecorated(_strip_emphasis(text)))
    for kind, pattern in (("numbered", NUMBERED), ("named", NAMED), ("cjk", CJK)):
        m = pattern.match(text)
        if m:
            name = (m.groupdict().get("name") or "").strip().strip("*_").strip() or None
            if kind == "numbered" and name and len(name) > 100:
                return None
            if kind == "numbered" and name and name[:1].islower() and not re.match(r"^\w+\s*[:.\-–—]", text):
                return None  # "Chapter one was boring" is a sentence
            number = text[: m.start("name")].strip(" :.-–—|~/") if name else text.rstrip(".")
            return HeadingMatch(text, number, name, level, kind)
    if md:
        return HeadingMatch(text, None, text, level, "markdown")
    if allow_bare:
        m = BARE_NUMBER.match(text)
        if m:
            return HeadingMatch(text, text.rstrip("."), None, level, "bare")
        m = NUMBER_TITLE.match(text)
        if m and not text.endswith((".", ",", ";")) and len(text.split()) <= 12:
            return HeadingMatch(text, m.group("num"), m.group("name").strip(), level, "number-title")
    return None


def _is_list_item(state: State, index: int) -> bool:
    """Whether a `1. Title` line stands among other numbered lines (a list, not a heading)."""
    for offset in (-2, -1, 1, 2):
        i = index + offset
        if 0 <= i < len(state.lines) and NUMBER_TITLE.match(state.lines[i].strip()):
            return True
    return False


def chapter_heading(state: State) -> bool:
    line = state.line
    heading = match_heading(line)
    if heading is None:
        return False
    if heading.kind in ("bare", "number-title"):
        before = state.pos == 0 or not state.lines[state.pos - 1].strip()
        after = state.peek()
        if not before or (after is not None and after.strip()) or _is_list_item(state, state.pos):
            return False
    elif heading.kind != "markdown":
        after = state.peek()
        if after is not None and after.strip() and not _subtitle(after, heading):
            # a heading line running straight into prose is prose unless it is short
            if len(line.split()) > 8:
                return False
    count = 1
    if heading.name is None and heading.kind in ("numbered", "bare", "cjk"):
        # a subtitle on the next line: "Chapter 1" over "Do you wish it was a dream?"
        nxt = state.next_nonblank()
        if nxt is not None and nxt - state.pos <= 2 and _subtitle(state.lines[nxt], heading):
            following = state.next_nonblank(nxt + 1)
            if following is not None and match_heading(state.lines[following]) is None:
                subtitle = _strip_emphasis(_undecorated(state.lines[nxt]))
                heading = HeadingMatch(
                    f"{heading.title}: {subtitle}", heading.number, subtitle, heading.level, heading.kind
                )
                count = nxt - state.pos + 1
    state.emit(
        "heading",
        count,
        title=heading.title,
        number=heading.number,
        name=heading.name,
        level=heading.level,
        heading_kind=heading.kind,
    )
    state.in_header = False
    return True


def _subtitle(line: str, heading: HeadingMatch) -> bool:
    """Whether a line reads as the title of the heading above it: short, title-like, no full stop."""
    text = _undecorated(line)
    if not text or len(text) > 80 or len(text.split()) > 12 or match_heading(text) is not None:
        return False
    if text[0] in "\"“‘'«(-—":
        return False
    return not text.endswith((".", ",", ";", ":", '"', "”")) or text.endswith("...")
