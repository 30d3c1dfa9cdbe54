"""Property tests: whatever text or bytes arrive, fic2epub returns a Story or raises its own error, and
the book it writes is well-formed XML in every document, with the input's markup shown as text.

Two profiles (see README, "Testing with hostile input"):

    pytest tests/test_properties.py                              # ci: a few hundred examples in all
    HYPOTHESIS_PROFILE=long pytest tests/test_properties.py -p no:randomly   # thousands, minutes

The strategies aim at the parser's rules as well as at the bytes: lines that look like headings,
dividers, notes, header fields and HTML are mixed with arbitrary Unicode (control characters, lone
surrogates, non-characters, right-to-left and zero-width characters) and very long lines.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from fic2epub import Fic2EpubError, Options, Story, epub_from_story, parse
from fic2epub.readers.html import looks_like_html
from support.epub_xml import foreign_elements, open_book

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "long",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
NO_COVER = Options(no_cover=True)

# ----------------------------------------------------------------------------- strategies

# Every code point, surrogates and unassigned ones included.
any_char = st.characters(exclude_categories=())
# Characters that trouble XML and readers: C0/C1 controls, surrogates, non-characters, BOM, bidi and
# zero-width marks, line and paragraph separators, markup characters.
nasty_char = st.sampled_from(
    list("\x00\x01\x08\x0b\x0c\x1b\x7f\x80\x85\x9f\ud800\udc00\udfff\ufffe\uffff\ufeff\u200b\u200d\u200e")
    + list("\u200f\u202e\u2066\u2028\u2029\ufffd\U0001f600\U0001f3f3\ufe0f\u0301\u05d0\u0627<>&\"'\t\r")
)
text_char = st.one_of(any_char, nasty_char)

SHAPED_LINES = [
    'Title: <b>Bold</b> & "quoted" ]]>',
    "Author: a&b <script>alert(1)</script>",
    "Fandom: Harry Potter",
    "Summary: ",
    "Rating: T",
    "Tags: a, b, , ;;",
    "by Someone",
    "Chapter 1",
    "Chapter One: The Beginning",
    "# Heading",
    "###### ",
    "Prologue",
    "第一章",
    "1.",
    "IV",
    "***",
    "* * *",
    "- - - -",
    "oOoOo",
    "xXx",
    "~~~~~~~~~~",
    "[scene break]",
    "<hr>",
    "A/N: a note",
    "(A/N: bracketed note",
    "[A/N: unclosed",
    "Author's Note:",
    "Notes:",
    "The End",
    "tbc",
    ".",
    "&nbsp;",
    "\u00a0",
    "Contents",
    "---",
    "...",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[link](javascript:alert(1))",
    "<![CDATA[ raw ]]>",
    "<!-- comment -->",
    "<?xml version='1.0'?>",
    "<!DOCTYPE html>",
    "&amp; &lt; &#0; &#xD800; &#xFFFE; &bogus;",
    "<i>unclosed <b>tags",
    "*emphasis* _under_ **strong** ***both*** `code`",
    "`` ` ``",
    "\\*escaped\\*",
    '<p onclick="x()">para</p>',
    "<style>body{}</style>",
    "<math><mi>x</mi></math>",
    "<svg><script>x</script></svg>",
    "מה שלום \u202eevil\u202c عربى",
    "\U0001f600\U0001f468\u200d\U0001f469\u200d\U0001f467 emoji",
    "ze\u200bro\u200dwidth\u2060joiners",
    "    indented line",
    "\t\ttabbed",
    "",
    "",
    "",
]

shaped_line = st.one_of(
    st.sampled_from(SHAPED_LINES),
    st.text(text_char, max_size=80),
    st.text(st.characters(codec="ascii"), max_size=120),
)


@st.composite
def story_text(draw: st.DrawFn) -> str:
    """Lines shaped like a story (headers, headings, dividers, notes, markup) mixed with noise."""
    lines = draw(st.lists(shaped_line, min_size=1, max_size=40))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
    return newline.join(lines)


@st.composite
def long_line_text(draw: st.DrawFn) -> str:
    """A very long line of a repeated piece, possibly among ordinary lines."""
    piece = draw(
        st.one_of(
            st.sampled_from(["- ", "*", "oO", " ", "a", "<b>", "*a", "_", "&", "\u200b"]),
            st.text(text_char, min_size=1, max_size=4),
        )
    )
    line = piece * draw(st.integers(1000, 60_000))
    before = draw(st.lists(shaped_line, max_size=3))
    after = draw(st.lists(shaped_line, max_size=3))
    return "\n".join([*before, line, *after])


surrogate_escaped = st.binary(max_size=600).map(lambda b: b.decode("utf-8", "surrogateescape"))

PREFIXES = [
    b"",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"\x89PNG\r\n\x1a\n",
    b"PK\x03\x04",
    b"%PDF-1.4",
    b"\x1f\x8b",
    b"<html><body>",
    b"Title: ",
]


@st.composite
def story_bytes(draw: st.DrawFn) -> bytes:
    """Arbitrary bytes, story text in some encoding, or a mix of both."""
    kind = draw(st.sampled_from(["raw", "encoded", "mixed"]))
    prefix = draw(st.sampled_from(PREFIXES))
    if kind == "raw":
        return prefix + draw(st.binary(max_size=2000))
    text = draw(story_text())
    encoding = draw(
        st.sampled_from(
            [
                "utf-8",
                "utf-16-le",
                "utf-16-be",
                "utf-16",
                "cp1252",
                "latin-1",
                "gb18030",
                "shift_jis",
                "koi8-r",
            ]
        )
    )
    data = (
        text.encode(encoding, errors="replace")
        if encoding != "utf-8"
        else text.encode("utf-8", "surrogatepass")
    )
    if kind == "mixed":
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=200)) + data[cut:]
    return prefix + data


# ----------------------------------------------------------------------------- the properties


def _is_existing_path(text: str) -> bool:
    """`parse(str)` reads a str naming an existing file or folder as that file: not what is tested here."""
    try:
        return "\n" not in text and len(text) < 4096 and Path(text).exists()
    except (OSError, ValueError):
        return False


def parse_or_refuse(source: str | bytes, *, markdown: bool = False) -> Story | None:
    """The Story, or None when fic2epub refused the input with its own error (any other exception fails)."""
    try:
        story = parse(source, markdown=markdown)
    except Fic2EpubError as exc:
        message = str(exc)
        assert message and "\n" not in message, f"error message is not one line: {message!r}"
        event(f"refused: {type(exc).__name__}")
        return None
    event("made a book")
    return story


def assert_good_book(story: Story, options: Options = NO_COVER) -> bytes:
    """The story's EPUB: every document well-formed, and no markup of the input turned into elements."""
    data = epub_from_story(story, options)
    book = open_book(data)
    foreign = foreign_elements(book)
    assert not foreign, f"markup from the input became elements: {sorted(foreign)}"
    for root in book.pages():
        for el in root.iter("{http://www.w3.org/1999/xhtml}a"):
            href = el.get("href", "")
            assert not re.match(r"\s*(javascript|data|vbscript):", href, re.IGNORECASE), href
    return data


def check_text(text: str) -> None:
    assume(not _is_existing_path(text))
    story = parse_or_refuse(text)
    if story is not None:
        assert_good_book(story)


@PROFILE
@given(st.text(text_char, max_size=3000))
def test_any_text(text: str) -> None:
    check_text(text)


@PROFILE
@given(story_text())
def test_story_shaped_text(text: str) -> None:
    check_text(text)


@PROFILE
@given(story_text())
def test_story_shaped_markdown(text: str) -> None:
    assume(not _is_existing_path(text))
    story = parse_or_refuse(text, markdown=True)
    if story is not None:
        assert_good_book(story)


@PROFILE
@given(surrogate_escaped)
def test_surrogate_escaped_text(text: str) -> None:
    check_text(text)


@settings(PROFILE, max_examples=max(10, PROFILE.max_examples // 4))
@given(long_line_text())
def test_long_lines(text: str) -> None:
    check_text(text)


@PROFILE
@given(story_bytes())
def test_any_bytes(data: bytes) -> None:
    story = parse_or_refuse(data)
    if story is not None:
        assert_good_book(story)


# Prose no rule may take for anything but story text: lowercase words, ending with a full stop.
word = st.text(st.sampled_from("abcdefghijklmnpqrstuvwyz"), min_size=3, max_size=10)
MARKUP_PROSE = "she typed <script>alert(1)</script> and <b>bold</b> &amp; <i>it</i> ]]> then left."


@st.composite
def prose_among_noise(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Story-shaped text with prose lines mixed in; returns the text and the prose lines."""
    lines: list[str] = []
    prose: list[str] = []
    for _ in range(draw(st.integers(1, 25))):
        if draw(st.booleans()):
            line = " ".join(draw(st.lists(word, min_size=2, max_size=12))) + "."
            if draw(st.integers(0, 9)) == 0:
                line = MARKUP_PROSE
            prose.append(line)
            lines.append(line)
        else:
            lines.append(draw(shaped_line))
    return draw(st.sampled_from(["\n\n", "\r\n\r\n", "\n\n\n"])).join(lines), prose


@PROFILE
@given(prose_among_noise(), st.booleans())
def test_no_story_text_lost(case: tuple[str, list[str]], markdown: bool) -> None:
    """Every paragraph of prose reaches the book, whatever paragraphs surround it; markup in a plain text
    story stays text (unless the text opens like a web page: then it is read as one)."""
    text, prose = case
    assume(prose and not _is_existing_path(text))
    story = parse_or_refuse(text, markdown=markdown)
    assert story is not None, "a story with prose paragraphs in it was refused"
    book = open_book(assert_good_book(story))
    shown = " ".join(book.text().split())
    as_markup = markdown or looks_like_html(text)  # a text opening with <p> is a page saved as text
    for line in prose:
        if as_markup and line == MARKUP_PROSE:
            continue  # HTML read as markup: what it keeps is checked by assert_good_book
        for piece in line.split():
            assert piece in shown, f"{piece!r} of {line!r} is missing from the book"


@settings(PROFILE, max_examples=max(10, PROFILE.max_examples // 3))
@given(
    title=st.text(text_char, max_size=60),
    authors=st.lists(st.text(text_char, max_size=30), max_size=3),
    fields=st.lists(
        st.tuples(
            st.sampled_from(["Fandom", "Summary", "Tags", "Pairing", "Rating", "Series"]),
            st.text(text_char, max_size=60),
        ),
        max_size=4,
    ),
    body=story_text(),
)
def test_metadata_and_cover(title: str, authors: list[str], fields: list[tuple[str, str]], body: str) -> None:
    """Header fields of any text reach the package document, the title page and the generated cover."""
    header = [f"Title: {title}", *(f"Author: {a}" for a in authors), *(f"{k}: {v}" for k, v in fields)]
    story = parse_or_refuse("\n".join([*header, "", "Chapter 1", "", "Some text.", "", body]))
    if story is not None:
        assert_good_book(story, Options())


@settings(PROFILE, max_examples=max(10, PROFILE.max_examples // 3))
@given(
    title=st.text(text_char, max_size=60),
    authors=st.lists(st.text(text_char, max_size=30), max_size=3),
    language=st.text(text_char, max_size=12),
)
def test_options_of_any_text(title: str, authors: list[str], language: str) -> None:
    """--title, --author and --language given by the user are cleaned like the story's own text."""
    story = parse("Chapter 1\n\nSome text.")
    options = Options(title=title, authors=authors, language=language or None, no_cover=True)
    with contextlib.suppress(Fic2EpubError):
        assert_good_book(story, options)


@pytest.mark.epubcheck
def test_sample_passes_epubcheck(epubcheck, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A sample of the books the properties write passes EPUBCheck (one call, one warm Java VM)."""
    books: list[Path] = []

    @settings(PROFILE, max_examples=max(20, PROFILE.max_examples // 2), database=None)
    @given(st.one_of(story_text(), st.text(text_char, max_size=400), surrogate_escaped, story_bytes()))
    def build(source: str | bytes) -> None:
        assume(not (isinstance(source, str) and _is_existing_path(source)))
        story = parse_or_refuse(source)
        if story is None:
            return
        path = tmp_path / f"book{len(books):04d}.epub"
        path.write_bytes(assert_good_book(story, Options() if len(books) % 5 == 0 else NO_COVER))
        books.append(path)

    build()
    assert books, "no example made a book"
    epubcheck.assert_valid(books)
