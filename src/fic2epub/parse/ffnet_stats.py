"""FanFiction.Net's (and FictionPress's) stats line, split into the fields it packs.

    Rated: Fiction T - English - Romance/Drama - [Harry P., Ginny W.] Ron W. - Chapters: 3 -
    Words: 12,345 - Reviews: 56 - Favs: 7 - Follows: 8 - Updated: 5/6/2015 - Published: 1/2/2014 -
    Status: Complete - id: 1234567

Labelled parts are fields as they are; the unlabelled ones are, in order, the language, the genres and
the characters.  The saved-page reader (`readers.html.ffnet`) splits the page's grey line with
`split_stats`; the text parser (`rules.header_field`) first asks `stats_fields` whether a "Rated:" line
is this line at all.  Kept free of lxml: the parser imports it.
"""

from __future__ import annotations

from ..lazy import lazy_compile

GENRES = {
    "adventure", "angst", "crime", "drama", "family", "fantasy", "friendship", "general", "horror",
    "humor", "hurt", "comfort", "mystery", "parody", "poetry", "romance", "sci-fi", "spiritual",
    "supernatural", "suspense", "tragedy", "western",
}  # fmt: skip
# The labels of the figures the site writes after the unlabelled parts.
STATS_LABELS = {
    "chapters", "words", "reviews", "favs", "follows", "updated", "published", "status", "id",
}  # fmt: skip
_LABELLED = lazy_compile(r"^(?P<label>[A-Za-z][A-Za-z ]{0,20}):\s*(?P<value>.+)$")
_RATING = lazy_compile(r"^(?:Fiction\s+)?(?:K\+?|T|MA?)$")
_GENRE_WORDS = lazy_compile(r"[/\s]+")


def split_stats(line: str) -> list[tuple[str, str]]:
    """The stats line's fields as (label, value), in the site's order: the rating, the language, genre
    and characters, then the figures."""
    labelled: list[tuple[str, str]] = []
    unlabelled: list[str] = []
    # whitespace made single first: splitting on r"\s+-\s+" would go back over every long run of spaces
    for part in " ".join(line.split()).split(" - "):
        m = _LABELLED.match(part)
        if m:
            labelled.append((m.group("label").strip(), m.group("value").strip()))
        elif part:
            unlabelled.append(part)
    named: list[tuple[str, str]] = []
    for part in unlabelled:
        words = {w.casefold() for w in _GENRE_WORDS.split(part) if w}
        if not named:  # the language always comes first
            named.append(("Language", part))
        elif words and words <= GENRES and not any(label == "Genre" for label, _ in named):
            named.append(("Genre", part))
        else:
            named.append(("Characters", part))
    return labelled[:1] + named + labelled[1:]


def stats_fields(label: str, value: str) -> list[tuple[str, str]] | None:
    """The fields of a header field `label: value` that is the stats line, or None when it is not: the
    label is "Rated", the value a rating (`T`, `Fiction K+`) followed by " - " and more parts, at least
    one of them a figure the site labels (Words, Chapters, Status, ...)."""
    if label.strip().casefold() != "rated" or "-" not in value:
        return None
    fields = split_stats(f"{label}: {value}")
    if len(fields) < 3 or not _RATING.match(fields[0][1]):
        return None
    if not any(name.casefold() in STATS_LABELS for name, _ in fields[1:]):
        return None
    return fields
