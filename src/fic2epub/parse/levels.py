"""Which headings start chapters: decided for the whole file, as a reader decides from the book's layout.

The model has one chapter level, so every heading token gets one role:

- `chapter`: starts a chapter and is an entry of the contents;
- `section`: a heading inside a chapter (kept as a `Heading` block): Markdown headings deeper than the
  file's chapter level, lone numbers under a numbered chapter ("ADVENTURE I." then "I.", "II."), a
  chapter's title repeated in its text ("1. Prologue" ... "**Prologue: The Kiss of Destiny**"), and a
  Markdown line right under a heading that gives its subtitle;
- `fold`: a part or book heading with no text of its own ("Book the First--Recalled to Life" directly
  followed by "I. The Period"): it opens the next chapter's page instead of being an entry of its own.

A part that has text of its own (an introduction, a prologue) stays a chapter, and so does a short part
followed by the next part (a story told in parts, as on Wattpad, has no chapters under them).
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import count_words
from .state import Token

# What may stand between two headings for the first to count as having no text of its own.
LIGHT_PARAGRAPHS = 8
LIGHT_WORDS = 80
LIGHT_PARAGRAPH_WORDS = 40
OWNING_KINDS = ("numbered", "number-title", "cjk")


def _kind(token: Token) -> str:
    return str(token.data.get("heading_kind") or "")


def _rank(token: Token) -> str:
    return str(token.data.get("rank") or "chapter")


def _light(tokens: list[Token], start: int, end: int) -> tuple[bool, bool]:
    """(whether the tokens between two headings hold no text of their own, whether they hold nothing)."""
    paragraphs = words = 0
    empty = True
    for token in tokens[start:end]:
        if token.kind == "paragraph":
            n = count_words(token.data.get("text", ""))
            paragraphs += 1
            words += n
            empty = False
            if n > LIGHT_PARAGRAPH_WORDS:
                return False, False
        elif token.kind == "note":
            empty = False
    return paragraphs <= LIGHT_PARAGRAPHS and words <= LIGHT_WORDS, empty


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).casefold()


_GENERIC = {"chapter", "ch", "chap", "part", "pt", "the", "a", "an", "and", "of", "in", "to"}


def _words(text: str) -> set[str]:
    return set(_fold(text).split()) - _GENERIC


def _count(token: Token) -> str | None:
    """The number a heading carries: the last word of its number ("Chapter Two" gives "two", "Episode 3"
    gives "3"), else the first figures of its title; None when it has none."""
    number = _fold(str(token.data.get("number") or ""))
    if number:
        return number.split()[-1]
    figures = re.search(r"\d+", str(token.data.get("title") or ""))
    return (figures.group(0).lstrip("0") or "0") if figures else None


def _repeats(first: Token, second: Token) -> bool:
    """Whether the second heading restates the first (a chapter's title repeated in its text): one holds
    the other, or most of their words are the same.  Headings of one kind with different numbers
    ("Chapter 1" and "Chapter 2", however short the first chapter) never restate each other."""
    counts = (_count(first), _count(second))
    same_kind = _kind(first) == _kind(second)  # "9. TFA Ch 8: X" may restate "Chapter 8: X"
    if same_kind and None not in counts and counts[0] != counts[1]:
        return False
    names = [_fold(str(t.data.get(k) or "")) for t in (first, second) for k in ("title", "name")]
    a = [n for n in names[:2] if n]
    b = [n for n in names[2:] if n]
    import difflib  # here: most files have no two headings without text between them

    for x in a:
        for y in b:
            if x in y or y in x or difflib.SequenceMatcher(None, x, y).ratio() >= 0.75:
                return True
    x_words, y_words = _words(str(first.data.get("title") or "")), _words(str(second.data.get("title") or ""))
    shorter = min(len(x_words), len(y_words))
    return shorter >= 2 and len(x_words & y_words) / shorter >= 0.6


_TITLE_END = (".", ",", ";", ":", "!", "?", "…", "。", "，", "！", "？", "、", '"', "”", "」", "'", "’", ")")


def promote_part_titles(tokens: list[Token]) -> None:
    """A short title-like line set apart by a wide gap and standing right over a heading is the title of a
    part ("上　先生と私" over "一"): it becomes a part heading of its own."""
    for i, token in enumerate(tokens):
        if token.kind != "paragraph" or i < 1 or tokens[i - 1].kind != "blank" or i + 2 >= len(tokens):
            continue
        if tokens[i + 1].kind != "blank" or tokens[i + 2].kind != "heading":
            continue
        text = str(token.data.get("text", ""))
        if "\n" in text or len(text) > 40 or len(text.split()) > 8 or text.endswith(_TITLE_END):
            continue
        if text[:1] in "\"“‘'«(-—「『" or not any(c.isalpha() for c in text):
            continue
        gap = tokens[i - 1].data.get("blank_lines", 0)
        if gap <= tokens[i - 1].data.get("paragraph_gap", 1):
            continue
        token.kind = "heading"
        token.rule = "part_title"
        token.data = {
            "title": text,
            "number": None,
            "name": text,
            "level": 1,
            "heading_kind": "title-line",
            "rank": "part",
        }


def heading_roles(tokens: list[Token]) -> dict[int, str]:
    """The role of every heading token, by index: chapter, section or fold."""
    heads = [i for i, t in enumerate(tokens) if t.kind == "heading"]
    roles = {i: "chapter" for i in heads}
    # Markdown and Aozora headings: the shallowest level used more than once holds the chapters
    levelled = [i for i in heads if _kind(tokens[i]) in ("markdown", "aozora") and _rank(tokens[i]) != "part"]
    levels = Counter(int(tokens[i].data.get("level") or 1) for i in levelled)
    if levels:
        repeated = [level for level, n in levels.items() if n > 1]
        chapter_level = min(repeated) if repeated else min(levels)
        for i in levelled:
            if int(tokens[i].data.get("level") or 1) > chapter_level:
                roles[i] = "section"
    # lone numbers are sections of a numbered chapter above them, else chapters themselves
    owner: int | None = None
    for i in heads:
        if _rank(tokens[i]) == "bare":
            roles[i] = "section" if owner is not None else "chapter"
        elif roles[i] == "chapter":
            owner = i if _kind(tokens[i]) in OWNING_KINDS and _rank(tokens[i]) == "chapter" else None
    # two headings with no text between them
    chapters = [i for i in heads if roles[i] == "chapter"]
    k = 0
    while k + 1 < len(chapters):
        first, second = chapters[k], chapters[k + 1]
        light, empty = _light(tokens, first + 1, second)
        a, b = tokens[first], tokens[second]
        if light and _rank(a) == "part" and _rank(b) != "part":
            roles[first] = "fold"  # a part over its first chapter; "Part One" over "Part Two" is a chapter
        elif light and _rank(a) != "part" and _rank(b) != "part":
            plain_title = _kind(b) in ("markdown", "aozora") and _kind(a) not in ("markdown", "aozora", "toc")
            if _repeats(a, b) or (empty and plain_title):
                roles[second] = "section"
                del chapters[k + 1]
                continue
        k += 1
    return roles
