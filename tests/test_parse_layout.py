"""Paragraph layout as the file sets it (blank lines, hard wrapping, indentation, verse, Markdown breaks),
blank runs as scene breaks per file, inline emphasis, and rules that stay linear on pathological input.
Every example is written for these tests."""

from __future__ import annotations

import contextlib
import time

import pytest

import fic2epub
from fic2epub.decode import clean_text
from fic2epub.errors import ParseError
from fic2epub.model import LineBreak, Paragraph, Span, Story, Text, text_of_block
from fic2epub.parse.inline import parse_inlines
from fic2epub.parse.profile import measure

SENTENCE = "The tide came in slowly over the flats and the gulls rose from the mud, crying"


def parse(text: str, *, markdown: bool = False) -> Story:
    return fic2epub.parse(text, markdown=markdown)


def paragraphs(story: Story) -> list[str]:
    return [text_of_block(b) for c in story.chapters for b in c.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029", "\x85", "\n"])
def test_every_newline_becomes_a_line_feed(newline: str) -> None:
    text = f"One{newline}two{newline}{newline}three\x00\x1b, \x9f{newline}"
    assert clean_text(text) == "One\ntwo\n\nthree, \n"
    assert clean_text(f"a\r\nb{newline}c") == "a\nb\nc"  # mixed in one file


def test_clean_text_removes_the_same_characters_from_ascii_and_other_text() -> None:
    controls = "".join(chr(c) for c in range(128))
    assert clean_text(controls) == "\t\n\n" + "".join(chr(c) for c in range(32, 127))  # \r made \n
    assert clean_text(controls + "é") == clean_text(controls) + "é"


def wrapped(words: int, width: int = 70, indent: str = "") -> list[str]:
    """A paragraph of `words` words hard-wrapped at `width` columns, as a transcribed book is."""
    lines: list[str] = []
    line = indent
    for i in range(words):
        word = ["tide", "came", "slowly", "over", "the", "flats", "while", "gulls", "rose", "crying"][i % 10]
        if len(line) + len(word) + 1 > width:
            lines.append(line.rstrip())
            line = ""
        line += word + " "
    lines.append(line.rstrip() + ".")
    return lines


# ---------------------------------------------------------------- paragraphs


def test_one_line_paragraphs_separated_by_blank_lines() -> None:
    story = parse(f"{SENTENCE} one.\n\n{SENTENCE} two.\n\n{SENTENCE} three.\n")
    assert paragraphs(story) == [f"{SENTENCE} one.", f"{SENTENCE} two.", f"{SENTENCE} three."]


def test_paragraphs_with_no_blank_lines_between_them() -> None:
    text = "\n".join(f"{SENTENCE}, and that was paragraph {n}." for n in range(12))
    assert len(paragraphs(parse(text))) == 12
    assert measure(text.split("\n")).paragraph_gap == 0


def test_two_blank_lines_between_paragraphs() -> None:
    text = "\n\n\n".join(f"{SENTENCE}, paragraph {n}." for n in range(8)) + "\n\n\n\n\n* * *\n\n\nLast one.\n"
    story = parse(text)
    assert measure(text.split("\n")).paragraph_gap == 2
    assert len(paragraphs(story)) == 9
    assert story.scene_break_count() == 1


def test_hard_wrapped_text_is_unwrapped() -> None:
    blocks = ["\n".join(wrapped(60)), "\n".join(wrapped(45)), "\n".join(wrapped(80))]
    story = parse("\n\n".join(blocks * 4) + "\n")
    assert measure(("\n\n".join(blocks * 4)).split("\n")).wrapped
    texts = paragraphs(story)
    assert len(texts) == 12
    assert all("\n" not in t for t in texts)
    assert texts[0].startswith("tide came slowly over the flats")


def test_indented_first_lines_without_blank_lines() -> None:
    lines: list[str] = []
    for _ in range(10):
        lines += wrapped(50, indent="    ")
    story = parse("\n".join(lines) + "\n")
    assert len(paragraphs(story)) == 10


def test_verse_inside_wrapped_text_keeps_its_lines() -> None:
    prose = "\n".join(wrapped(60))
    verse = "    The road goes ever on,\n    Down from the door,\n    And I must follow."
    story = parse("\n\n".join([prose, prose, verse, prose, prose, prose]) + "\n")
    assert "The road goes ever on,\nDown from the door,\nAnd I must follow." in paragraphs(story)


def test_short_lines_together_stay_one_paragraph_of_lines() -> None:
    texts = "Mia: you up?\nMia: hello??\nJo: go to sleep"
    story = parse(f"{SENTENCE}.\n\n{texts}\n\n{SENTENCE} again.\n")
    paragraph = next(b for b in story.chapters[0].blocks if "Mia" in text_of_block(b))
    assert isinstance(paragraph, Paragraph)
    assert sum(isinstance(n, LineBreak) for n in paragraph.inlines) == 2


def test_markdown_lines_join_and_break_at_a_backslash_or_two_spaces() -> None:
    text = "First line of it\nruns on here.\n\nTwo words.\\\nThe greatest delusion.  \nAn old dream.\n"
    story = parse(text, markdown=True)
    assert paragraphs(story) == [
        "First line of it runs on here.",
        "Two words.\nThe greatest delusion.\nAn old dream.",
    ]


def test_html_paragraph_tags_and_rules_in_markdown() -> None:
    text = "<p>\nFirst passage here.\n</p><p>\nSecond one.\n</p><hr>\n<p>\nAfter the rule.\n</p>\n"
    story = parse(text, markdown=True)
    assert paragraphs(story) == ["First passage here.", "Second one.", "After the rule."]
    assert story.scene_break_count() == 1


# ---------------------------------------------------------------- blank runs as scene breaks


def test_blank_run_longer_than_the_paragraph_gap_is_a_break() -> None:
    text = "\n\n".join(f"{SENTENCE}, {n}." for n in range(6)) + "\n\n\n\nA new scene starts here.\n"
    story = parse(text)
    assert story.scene_break_count() == 1
    assert text_of_block(story.chapters[0].blocks[-1]) == "A new scene starts here."


def test_one_blank_line_breaks_scenes_where_paragraphs_touch() -> None:
    lines = [f"{SENTENCE}, and so on for line {n}." for n in range(10)]
    story = parse("\n".join(lines[:5]) + "\n\n" + "\n".join(lines[5:]) + "\n")
    assert story.scene_break_count() == 1


def test_spacing_used_before_headings_is_not_a_break() -> None:
    body = "\n\n".join(f"{SENTENCE}, {n}." for n in range(4))
    text = "".join(
        f"Chapter {i}\n\n{body}\n\n\n\nA letter, set off.\n\n\n\n{body}\n\n\n\n" for i in range(1, 4)
    )
    story = parse(text)
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2", "Chapter 3"]
    assert story.scene_break_count() == 0


# ---------------------------------------------------------------- inline emphasis


def test_balanced_emphasis_in_a_paragraph() -> None:
    inlines = parse_inlines("She *never* said _that_, he said **twice**.")
    spans = [(n.kind, text_of_block(Paragraph(n.children))) for n in inlines if isinstance(n, Span)]
    assert spans == [("emphasis", "never"), ("emphasis", "that"), ("strong", "twice")]


def test_unbalanced_marks_stay_text() -> None:
    assert parse_inlines("2 * 3 = 6 and snake_case_name") == [Text("2 * 3 = 6 and snake_case_name")]


def test_markdown_escapes_are_read() -> None:
    assert parse_inlines("It\\'s \\*not\\* bold\\!", markdown=True) == [Text("It's *not* bold!")]


# ---------------------------------------------------------------- linear time


@pytest.mark.parametrize(
    "line",
    ["- " * 5_000_000, "*" * 10_000_000, "oO" * 5_000_000, " " * 10_000_000],
    ids=["spaced-dashes", "stars", "oOo", "spaces"],
)
def test_ten_megabyte_line_parses_in_seconds(line: str) -> None:
    start = time.process_time()
    story = parse(f"{SENTENCE}.\n\n{line}\n\n{SENTENCE} again.\n")
    assert time.process_time() - start < 10
    assert paragraphs(story) == [f"{SENTENCE}.", f"{SENTENCE} again."]


@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["touching", "blank-separated"])
@pytest.mark.parametrize("char", ["a", "*", "1", "."])
def test_hundred_thousand_one_character_lines(char: str, separator: str) -> None:
    start = time.process_time()
    with contextlib.suppress(ParseError):  # nothing but dividers or spacers is no story: refusing is fine
        parse(f"{SENTENCE}.\n\n" + separator.join(char for _ in range(100_000)))
    assert time.process_time() - start < 20
