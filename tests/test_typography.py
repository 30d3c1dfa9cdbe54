"""Smart typography: what changes, what must stay as the author typed it, and decisions that need
the text on both sides of an inline tag."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fic2epub.render.typography import (
    OPAQUE,
    _curl_quotes,
    _curl_quotes_in_order,
    make_fixer,
    make_typesetter,
    smarten,
)

CHANGED = [
    # double quotes
    ('"Hello," she said.', "“Hello,” she said."),
    ('He said, "Come here."', "He said, “Come here.”"),
    ('"Hello,"she said', "“Hello,”she said"),
    ('he said,"Hello."', "he said,“Hello.”"),
    ('"Why?" "Because."', "“Why?” “Because.”"),
    # single quotes and apostrophes
    ("'Hello,' he said.", "‘Hello,’ he said."),
    ("don't can't I'm o'clock", "don’t can’t I’m o’clock"),
    ("the boys' toys", "the boys’ toys"),
    ("James' book", "James’ book"),
    ("Everybody wanted 'em.", "Everybody wanted ’em."),
    ("'Tis the season", "’Tis the season"),
    ("'Twas the night", "’Twas the night"),
    ("the '90s and the '20s", "the ’90s and the ’20s"),
    ("born in '09", "born in ’09"),
    ("rock 'n' roll", "rock ’n’ roll"),
    ("'cause I said so", "’cause I said so"),
    ("in the 90's", "in the 90’s"),
    # a quote with spaces on both sides (a typo): whichever the open quotes call for
    ("'Yes,' Fleur said. ' Walk to the road.'", "‘Yes,’ Fleur said. ‘ Walk to the road.’"),
    ("'None of your business, ' Malfoy said.", "‘None of your business, ’ Malfoy said."),
    ('" Hello, " she said.', "“ Hello, ” she said."),
    # nested quotes
    ("\"She said, 'I'm going.'\"", "“She said, ‘I’m going.’”"),
    ('"\'Tis true," he said.', "“’Tis true,” he said."),
    ("\"'Ships come later,' she told me.\"", "“‘Ships come later,’ she told me.”"),
    ("\"He told me 'no' yesterday.\"", "“He told me ‘no’ yesterday.”"),
    # dashes
    ("Wait -- what?", "Wait—what?"),
    ("Wait--what?", "Wait—what?"),
    ("Wait---what?", "Wait—what?"),
    ("wait - what", "wait—what"),
    ("the end, - and then", "the end,—and then"),
    ("--and then", "—and then"),
    # quotes after dashes
    ('"I was--" "No."', "“I was—” “No.”"),
    ('He turned--"Wait!"', "He turned—“Wait!”"),
    ('"Stop--"', "“Stop—”"),
    ("'Stop--' she said", "‘Stop—’ she said"),
    # a word broken off
    ('"Why-"', "“Why—”"),
    ('"Please tell m-" he said.', "“Please tell m—” he said."),
    ('"Hn? Wha-!"', "“Hn? Wha—!”"),
    ("He was about to say and-", "He was about to say and—"),
    # ellipses
    ("Wait...what", "Wait…what"),
    ("so . . . yes", "so … yes"),
    ("The end....", "The end…."),
    # spaces
    ("Two  spaces   here", "Two spaces here"),
    # primes
    ("He was 5'10\" tall", "He was 5′10″ tall"),
]

KEPT = [
    "well-known e-mail self-aware",
    "sound- and motionlessly",
    "pages 10 - 20",
    "1990-2000",
    "it – even worse",  # the author's own spaced en dash
    "a line ---- of hyphens",
    "e.g. and i.e. and .. two dots",
    "Already “curly” and ‘curly’ and don’t",
    "Mr. Smith—who else?",
    "10:30 p.m.",
    "",
]


@pytest.mark.parametrize(("typed", "expected"), CHANGED)
def test_smart_typography_changes(typed: str, expected: str) -> None:
    assert smarten(typed) == expected


@pytest.mark.parametrize("text", KEPT)
def test_smart_typography_keeps(text: str) -> None:
    assert smarten(text) == text


@pytest.mark.parametrize(("typed", "expected"), CHANGED)
def test_smart_typography_is_idempotent(typed: str, expected: str) -> None:
    assert smarten(expected) == expected


def test_off_keeps_the_authors_characters() -> None:
    fix = make_fixer(False)
    typed = "\"Hello\" -- she said... 'em don't"
    assert fix(typed) == typed
    assert fix("two  spaces") == "two spaces"  # invisible in XHTML anyway


# Inline tags split a paragraph into runs; typography must see across them.
ACROSS_RUNS = [
    # “<em>Hello</em>” : the closing quote comes right after </em>
    (['"', "Hello", '"'], ["“", "Hello", "”"]),
    (['She whispered, "', "never", '."'], ["She whispered, “", "never", ".”"]),
    (['"I ', "know", '" he said.'], ["“I ", "know", "” he said."]),
    # an apostrophe after </em>
    (["", "Harry", "'s wand"], ["", "Harry", "’s wand"]),
    # a dash split from its spaces by a tag
    (["Wait ", "--", " what"], ["Wait", "—", "what"]),
    # quotes opened in one run and closed in another, nested
    (["\"He said '", "no", "' to me.\""], ["“He said ‘", "no", "’ to me.”"]),
    # spaces doubled across a tag
    (["two ", " spaces"], ["two ", "spaces"]),
    # a line break (given as a newline run) and inline code (an opaque stand-in) are left alone
    (['"Roses', "\n", 'violets."'], ["“Roses", "\n", "violets.”"]),
    (['Type "', OPAQUE, '" now'], ["Type “", OPAQUE, "” now"]),
]


@pytest.mark.parametrize(("runs", "expected"), ACROSS_RUNS)
def test_typography_sees_across_inline_tags(runs: list[str], expected: list[str]) -> None:
    assert make_typesetter(True)(runs) == expected


def test_runs_keep_their_number() -> None:
    runs = ["a -- b", "", "...", "'c'"]
    assert len(make_typesetter(True)(runs)) == len(runs)
    assert len(make_typesetter(False)(runs)) == len(runs)


# What the rules look at, so that random text often holds quotes beside dashes, spaces and marks; short,
# so that a quote decided by its neighbours alone is often the only one.
typed_text = st.text(alphabet=st.sampled_from([*"aZé9 \t\n-—–.,;:!?()[]<>…'\"“”‘’«_", OPAQUE]), max_size=8)


@settings(max_examples=300, deadline=None)
@given(typed_text)
def test_quotes_curled_by_substitution_as_one_by_one(text: str) -> None:
    assert _curl_quotes(text) == _curl_quotes_in_order(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(typed_text, min_size=1, max_size=5))
def test_runs_typeset_as_their_joined_text(runs: list[str]) -> None:
    for smart in (True, False):
        typeset = make_typesetter(smart)
        assert "".join(typeset(runs)) == typeset(["".join(runs)])[0]
