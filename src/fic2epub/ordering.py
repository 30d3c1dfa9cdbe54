"""The order of the stories of an anthology: as given, by series and part, by title, or by date.

Dates are read leniently by hand rather than with dateutil: its parser fills a missing year with the
current one ("Published: Mar 2" on FanFiction.Net), which would make the order depend on the day the
book is made; here a date without a year is simply unknown, and unknown dates sort last.
"""

from __future__ import annotations

import re
from typing import Literal

from .errors import ConfigError
from .lazy import lazy_compile
from .model import Series, Story

Order = Literal["given", "series", "title", "date"]
ORDERS: tuple[Order, ...] = ("given", "series", "title", "date")

_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(_WORDS) + ")"
_PART = r"(?:part|book|volume|vol\.?|episode|installment|no\.?|#)"


# Compiled on first use: most books have no series and are no anthology, and compiling these patterns
# took 2 ms of every start of the program.
_SERIES_PATTERNS = (
    # "Part 2 of Foo", "Part 2 of the Foo series" (AO3), "Book 2 in Foo"; several series: the first one
    lazy_compile(
        rf"^{_PART}\s*{_NUM}\s+(?:of|in)\s+(?:the\s+)?(?P<name>.+?)(?:\s+series)?(?=,\s*{_PART}\s|$)", re.I
    ),
    # "Foo, Part 2", "Foo: Book 2 of 5", "Foo (Part 2)", "Foo #2"
    lazy_compile(rf"^(?P<name>.+?)[\s,:;–—-]*[(\[]?\s*{_PART}\s*{_NUM}(?:\s+of\s+\d+)?\s*[)\]]?$", re.I),
    # "Foo (2)", "Foo [2]"
    lazy_compile(rf"^(?P<name>.+?)\s*[(\[]\s*{_NUM}\s*[)\]]$", re.I),
)


def series_from_text(text: str) -> Series | None:
    """The series named in a header value: "Part 2 of Foo", "Foo, Book 2", "Foo (2)", or just "Foo"."""
    value = " ".join(text.split()).strip(" .")
    if not value or re.fullmatch(rf"{_PART}\s*{_NUM}(?:\s+of\s+\d+)?", value, re.I):
        return None  # a place without a name ("Part 2 of 5") is no series
    for pattern in _SERIES_PATTERNS:
        match = pattern.match(value)
        if match and re.search(r"[^\W\d_]", match["name"]):
            return Series(match["name"].strip(" ,:;–—-"), _number(match["num"]))
    return Series(value)


def _number(text: str) -> float:
    word = text.casefold()
    return float(_WORDS.index(word) + 1) if word in _WORDS else float(text)


def story_series(story: Story) -> Series | None:
    """The series of a story: as the reader found it, or read from its "Series:" field."""
    if story.series is not None:
        return story.series
    value = story.get("series")
    return series_from_text(value) if value else None


_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(1[5-9]\d\d|2\d\d\d)"


_DATE_PATTERNS = (
    (lazy_compile(rf"\b{_YEAR}[-/.](\d{{1,2}})[-/.](\d{{1,2}})\b"), "ymd"),  # 2015-03-02
    (lazy_compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d\d)\b"), "dmy"),  # 02.03.2015
    (lazy_compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d\d)\b"), "mdy"),  # 3/2/2015, or 23/2/2015
    (lazy_compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I), "dMy"),  # 2 March 2015
    (lazy_compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I), "Mdy"),  # Mar 2, 2015
    (lazy_compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I), "My"),  # March 2015
    (lazy_compile(rf"\b{_YEAR}\b"), "y"),  # 2015
)


def parse_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) from a date written in one of many usual ways; 0 for a part not given."""
    for pattern, form in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(form, match.groups(), strict=True))
            month = _MONTHS[parts["M"].casefold()] if "M" in parts else int(parts.get("m", "0"))
            day = int(parts.get("d", "0"))
            if form == "mdy" and month > 12:
                month, day = day, month  # 23/2/2015 can only be day first
            year = int(parts["y"])
            year += (2000 if year < 70 else 1900) if year < 100 else 0
            if month <= 12 and day <= 31:
                return year, month, day
    return None


def story_date(story: Story) -> tuple[int, int, int] | None:
    """When a story was published (or else updated or completed), from its header."""
    for key in ("published", "updated", "completed"):
        value = story.get(key)
        date = parse_date(value) if value else None
        if date:
            return date
    stats = story.get("stats") or ""
    match = re.search(r"(?:published|updated|completed):?\s*(.+?)(?=\s+\w+:|$)", stats, re.I)
    return parse_date(match[1]) if match else None


def natural_key(text: str) -> list[object]:
    """Sort key that puts "Part 2" before "Part 10", ignoring case."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text.casefold())]


def order_stories(stories: list[Story], order: str) -> list[Story]:
    """The stories in the asked order; ties, and stories the order knows nothing of, keep the given order
    (stories without a series, title or readable date come last)."""
    if order not in ORDERS:
        raise ConfigError(f"unknown anthology order '{order}' (choose from {', '.join(ORDERS)})")
    indexed = list(enumerate(stories))
    if order == "series":

        def series_key(item: tuple[int, Story]) -> tuple[object, ...]:
            series = story_series(item[1])
            if series is None:
                return (1, [], 0.0, item[0])
            position = series.position if series.position is not None else float("inf")
            return (0, natural_key(series.name), position, item[0])

        indexed.sort(key=series_key)
    elif order == "title":
        indexed.sort(key=lambda it: (it[1].title is None, natural_key(it[1].title or ""), it[0]))
    elif order == "date":
        indexed.sort(key=lambda it: (story_date(it[1]) or (10_000, 0, 0), it[0]))
    return [story for _, story in indexed]
