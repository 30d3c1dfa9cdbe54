"""The rule table's shortcuts change nothing: a rule dropped by its `until` would have declined every line
after, a rule not offered the lines its `lines` leaves out, or those longer than its `longest`, would have
declined them, and a pattern compiled on first use matches as the compiled pattern does."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest

from fic2epub.lazy import Literals, Openings, lazy_compile, past_latin
from fic2epub.parse import RULES, tokenize
from fic2epub.parse.profile import Profile
from fic2epub.parse.rules import Rule, UserRules, build_rules
from fic2epub.parse.rules.chapter_heading import LONGEST_HEADING
from fic2epub.parse.rules.end_marker import LONGEST_END
from fic2epub.parse.rules.title_line import is_title_part
from fic2epub.parse.state import State


def chapter_heading_module() -> Any:
    """The module (`fic2epub.parse.rules.chapter_heading` names its rule function in the package)."""
    return importlib.import_module("fic2epub.parse.rules.chapter_heading")


def site_boilerplate_module() -> Any:
    return importlib.import_module("fic2epub.parse.rules.site_boilerplate")


SAMPLES = Path(__file__).resolve().parent.parent / "samples"

STORIES = {
    "header and chapters": (
        "Title: The Long Way Round\nAuthor: tidewrack\nRating: T\n\nSummary: Two ferrymen and a river "
        "that will not stay in its bed.\n\nChapter 1: Low Tide\n\nThe ferry was late again.\n\n* * *\n\n"
        "Nobody complained.\n\nA/N: thanks for reading!\n\nChapter 2: High Tide\n\nThe river rose.\n\nTBC\n"
    ),
    "title over byline": "The Long Way Round\n\nby tidewrack\n\nThe ferry was late again.\n",
    "front matter": "---\ntitle: Lanterns\nauthor: Someone\n---\n\n# Chapter 1\n\nThe lamps were lit.\n",
    "contents first": (
        "Contents\n\n1. Low Tide\n2. High Tide\n\nLow Tide\n\nThe ferry was late.\n\nHigh Tide\n\n"
        "The river rose.\n"
    ),
    "no header at all": "The ferry was late again.\n\nNobody complained.\n",
}


def _without_until(rules: list[Rule]) -> list[Rule]:
    """The table without its shortcuts: every rule offered every line."""
    return [Rule(rule.name, rule.function) for rule in rules]


@pytest.mark.parametrize("name", list(STORIES))
def test_until_only_saves_work(name: str) -> None:
    text = STORIES[name]
    for markdown in (False, True):
        assert tokenize(text, markdown=markdown) == tokenize(text, _without_until(RULES), markdown=markdown)


@pytest.mark.parametrize("name", list(STORIES))
def test_shortcuts_save_work_with_user_rules_and_blank_lines_off(name: str) -> None:
    rules = build_rules(UserRules(dividers=[r"~+"], notes=[r"tn:.*"], disable=["blank_lines"]))
    text = STORIES[name] + "\n~~~\n\n   \nTN: a note\n\nThe end of it.\n"
    assert tokenize(text, rules) == tokenize(text, _without_until(rules))


def test_until_only_saves_work_on_the_samples() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert tokenize(text) == tokenize(text, _without_until(RULES)), path.name


# Long lines the gated rules recognise: a heading of the greatest length, with the longest name and many
# marks; a site's closing line as long as its pattern allows
LONG_NAME = "Extraordinarily Uncomfortable Circumnavigations, " * 2 + "Retold Unabridged"
LONG_HEADING = "~" * 35 + " Chapter 12: " + LONG_NAME + " " + "~" * 36
LONG_CLOSING = "Please drop by the Archive and comment" + (" to let the creator know" * 9)[:200]


def _claims(rule: Rule, text: str) -> bool:
    lines = ["", text, ""]
    state = State(lines, Profile(), pos=1)
    return rule.function(state)


def test_longest_is_the_longest_line_a_gated_rule_claims() -> None:
    gated = {rule.name: rule for rule in RULES if rule.longest is not None}
    assert gated.keys() == {"chapter_heading", "end_marker"}
    heading, end = gated["chapter_heading"], gated["end_marker"]
    assert len(LONG_HEADING) == LONGEST_HEADING and len(LONG_CLOSING) <= LONGEST_END
    # the longest, with spaces around them (not counted), the rules still claim ...
    for rule, line in ((heading, LONG_HEADING), (end, LONG_CLOSING), (end, "Fin.")):
        for spaced in (line, "    " + line + "   ", "\t" + line):
            assert _claims(rule, spaced), (rule.name, spaced)
    # ... and the table offers them as ever
    text = f"Some story text.\n\n    {LONG_HEADING}\n\nMore text.\n\n{LONG_CLOSING}\n"
    kinds = [t.kind for t in tokenize(text) if t.kind != "blank"]
    assert kinds == ["paragraph", "heading", "paragraph", "boilerplate"]
    assert tokenize(text) == tokenize(text, _without_until(RULES))


@pytest.mark.parametrize("rule_name", ["chapter_heading", "end_marker"])
def test_a_gated_rule_declines_every_longer_line(rule_name: str) -> None:
    rule = next(rule for rule in RULES if rule.name == rule_name)
    assert rule.longest is not None
    examples = (LONG_HEADING, LONG_CLOSING, "Chapter 3", "* The End *")
    lines = [line for line in examples if len(line) <= rule.longest]
    assert len(lines) >= 3
    for line in lines:
        longer = line + "~" * (rule.longest + 1 - len(line))  # marks a heading or an end marker may have
        assert not _claims(rule, longer), longer


def test_lazy_pattern_compiles_on_first_use_and_matches_as_compiled() -> None:
    source = r"(?P<word>chapter|part)\s+(?P<num>\d+)"
    lazy = lazy_compile(source, re.IGNORECASE)
    assert "match" not in vars(lazy)  # nothing compiled yet
    compiled = re.compile(source, re.IGNORECASE)
    for text in ("Chapter 12", "PART 3 and more", "chapters", ""):
        found, expected = lazy.match(text), compiled.match(text)
        assert (found and found.groupdict()) == (expected and expected.groupdict())
    assert lazy.sub("#", "part 1, chapter 2") == compiled.sub("#", "part 1, chapter 2")
    assert lazy.pattern == source and lazy.groupindex == compiled.groupindex


def _case_variants(word: str) -> list[str]:
    """A word as written, in capitals and capitalised, and with the characters IGNORECASE matches to ASCII
    letters: the Kelvin sign for k, the long s for s, the dotless i and the dotted capital I for i."""
    plain = re.sub(r"[\\?()\[\]]", "", word)
    forms = [plain, plain.upper(), plain.title()]
    for ascii_letter, other in (("k", "\u212a"), ("s", "\u017f"), ("i", "\u0131"), ("i", "\u0130")):
        forms += [
            form.replace(ascii_letter, other).replace(ascii_letter.upper(), other) for form in forms[:3]
        ]
    return forms


@pytest.mark.parametrize(
    "words",
    [
        chapter_heading_module().NAMED_WORDS,
        chapter_heading_module()._KEYWORDS,
        f"{chapter_heading_module()._EN_NUMBER_WORDS}|the",
        "\u212aelvin|\u017fide|straße|side ?story|vol\\.?|naïve|часть|[xy]ear|(?:odd)",
    ],
)
def test_openings_admit_every_text_the_words_match(words: str) -> None:
    openings = Openings(words)
    pattern = re.compile(f"(?:{words})", re.IGNORECASE)
    texts = [
        variant + tail for word in words.split("|") for variant in _case_variants(word) for tail in ("", " 1")
    ]
    texts += ["Mulling these thoughts", "Nobody came", "", "x", "“Quoted”", "Ωmega"]
    for text in texts:
        if pattern.match(text):
            assert openings.admit(text), (words, text)
    if "" not in openings.starts:  # a word starting with pattern syntax or a letter like ſ admits all
        assert not openings.admit("Mulling these thoughts")


def test_openings_leave_out_alternatives_no_ascii_text_matches() -> None:
    openings = Openings("пролог|プロローグ|prólogo|épilogue")
    assert openings.starts == ("pr",)  # prólogo's ASCII opening; the others need a letter past ASCII
    assert not openings.admit("Epilogue") and not openings.admit("Part") and openings.admit("Пролог")
    assert Openings("part|\u017fide").starts == ("part", "")  # ſ: IGNORECASE matches it to s
    assert Openings("side ?story|vol\\.?|[xy]ear").starts == ("side", "vol", "")


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (site_boilerplate_module().START.pattern, ("gutenberg", "small print", "开始")),
        (site_boilerplate_module().END.pattern, ("gutenberg",)),
        (site_boilerplate_module()._ADDRESS.pattern, ("http", "www")),
    ],
)
def test_literals_admit_every_text_the_pattern_matches(pattern: str, words: tuple[str, ...]) -> None:
    literals = Literals(*words)
    compiled = re.compile(pattern, re.IGNORECASE)
    texts = [
        "*** START OF THE PROJECT GUTENBERG EBOOK PRIDE ***",
        "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS",
        "------章节内容开始-------",
        "End of the Project Gutenberg's Emma",
        "See https://example.org/x and WWW.example.org",
        "[Scene Break]",
        "~*~ Time Skip ~*~",
        "POV change",
        "<HR/>",
        "Change of scene",
        "The story goes on.",
    ]
    forms = [text.replace("s", "\u017f").replace("S", "\u017f") for text in texts]
    forms += [text.replace("i", "\u0131").replace("I", "\u0130").replace("k", "\u212a") for text in texts]
    matched = [text for text in texts + forms if compiled.search(text)]
    assert matched and all(literals.admit(text) for text in matched)
    assert not literals.admit("The story goes on.")
    assert not literals.admit("A lone surrogate \udc80 and “quotes”.")


def test_a_line_a_numeral_starts_without_a_dot_or_bracket_after_it_is_no_bare_heading() -> None:
    module = chapter_heading_module()
    for numeral in ("I", "IV", "MCMXCIV", "IIII", "CM", "MMMMDCCCLXXXVIII", "Vi", "XIV"):
        for tail in ("", ".", ". Title", ") Title", " said", ".x", "..", "a", " 2", "\u2024", ":"):
            text = numeral + tail
            gated = text.lstrip("IVXLCDM")[:1] not in ("", ".", ")")
            if gated:
                assert module.BARE.fullmatch(text) is None and module.NUMBER_TITLE.fullmatch(text) is None, (
                    text
                )


def _numbered_lines() -> list[str]:
    lines = {
        line.strip()
        for path in SAMPLES.iterdir()
        if path.is_file()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(line.strip()) <= LONGEST_HEADING
    }
    for keyword in (
        "Chapter",
        "CHAPTER",
        "Part",
        "Book",
        "Vol.",
        "Ch.",
        "Глава",
        "Day",
        "Letter",
        "capítulo",
    ):
        for number in ("1", "12.5", "XIV", "iv", "One", "Twenty-One", "the First", "первая", "ten Days", "i"):
            for tail in ("", ".", ": A Title", " - A Title", " was boring.", "Title", " — Título"):
                lines.add(f"{keyword} {number}{tail}")
                lines.add(f"{keyword}{number}{tail}")
    return sorted(lines)


def test_numbered_in_two_steps_matches_as_the_whole_pattern() -> None:
    module = chapter_heading_module()
    for line in _numbered_lines():
        found, expected = module.numbered(line), module.NUMBERED.fullmatch(line)
        assert (found and (found.span(), found.groupdict())) == (
            expected and (expected.span(), expected.groupdict())
        )


def test_past_latin() -> None:
    assert not past_latin("")
    assert not past_latin("A “quoted” title — with dashes…")
    assert past_latin("夏目漱石 著")
    assert past_latin("こころ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harry Potter and the Ashes of Chaos", True),
        ("**Harry Potter and the Ashes of Chaos**", True),
        ("Harry Potter", True),  # the first words
        ("the Ashes of Chaos", True),  # the last words
        ("Ashes of Chaos", True),
        ("Harry looked at the door", False),
        ("Harry Potter and the Ashes of Chaos, again", False),
        ("the Ashes", False),  # the middle
        ("of", False),  # too short to stand for a part
        ("", False),
    ],
)
def test_title_part(text: str, expected: bool) -> None:
    assert is_title_part(text, "Harry Potter and the Ashes of Chaos") is expected


def test_title_part_with_a_repeated_word() -> None:
    title = "The Boy and the Sea and the Boy"
    assert is_title_part("The Boy and the Sea and the Boy", title)
    assert is_title_part("the Boy", title)  # first words, and last words too
    assert is_title_part("the Sea and the Boy", title)
    assert not is_title_part("the Sea and the", title)


# What the rules with a `starts` gate claim, behind every kind of first character: a label, a tag, a
# divider's mark, a field, a spacer
_GATED_TAILS = (
    "/N: thanks for reading", "N: thanks", "uthor's Note: hi", "isclaimer: not mine", "otes:", "eta'd by X",
    "**A/N:** hi", "(A/N: hi)", "[Author's note: hi]", "\\*A/N: hi", "Standard disclaimer applies",
    "itle: The Long Way", "ating: T", "ork Text:", "hapter Text", "*Title:** X", "# Work Text",
    "cene break", "ine break", "OV change", "ime skip", "hange of scene", "<hr>", "**", "*", "o", "Oo", "xXx",
    "-", "~", "~*~HP~*~", "<3<3", "0o0", "p>", "/p><p>", "div>", "!-- c -->", "nbsp;", "", "\u200b",
    "he ferry was late.", '"Yes," she said.', "he End", "BC", ".B.C.", "o be continued...", "in", "inis",
    "nd file.", "hapter end", "rologue - end", "OV end", "ide story end", "wari", "nde", "im", "oniec",
    "ontinuará...", "uite au prochain chapitre", " suivre", "ortsetzung folgt", "ird fortgesetzt",
    "iąg dalszy nastąpi", "онец", "родолжение следует", "lease drop by the Archive and comment",
    "nd of the second book.", "ND OF THE FIRST EPOCH.", "ale end", "olume end", "ct end", "nterlude end",
    "わり", "文完", "（完）", "*The End*", "~fin~", "ook end", "eason end", "rc end", "ic end", "make end",
    "lashback end",
)  # fmt: skip
_FIRSTS = (
    [chr(c) for c in range(0x21, 0x250)]
    + list("\u2010\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000")
    + list("\u017f\u0131\u0130\u212a\u2160\u00bd\u00b2\u30fc\u7b2c\uff1a\uff0a\u300c\u0410\u043f\u2042\u2756")
    + list("кКпП終完全")
)


def test_a_rule_claims_no_line_its_starts_gate_refuses() -> None:
    gated = [rule for rule in RULES if rule.starts is not None]
    assert {rule.name for rule in gated} == {
        "end_marker",
        "html_block",
        "author_note",
        "header_field",
        "scene_divider",
        "spacer",
    }
    lines = {first + tail for first in _FIRSTS for tail in _GATED_TAILS}
    lines |= {tail for tail in _GATED_TAILS if tail}
    for path in sorted(SAMPLES.glob("*.txt")):
        lines |= {line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()}
    claimed: dict[str, int] = {rule.name: 0 for rule in gated}
    for line in sorted(lines):
        text = line.strip()
        if not text:
            continue
        for rule in gated:
            for spaced in (line, "  " + line):
                if _claims(rule, spaced):
                    claimed[rule.name] += 1
                    assert rule.starts is not None and rule.starts(text[0]), (rule.name, spaced)
    assert all(count > 10 for count in claimed.values()), claimed
    # and the gates do refuse the first characters of most prose: dialogue's, and a plain capital's
    starts = {rule.name: rule.starts for rule in gated if rule.starts is not None}
    for name in ("author_note", "header_field", "html_block", "spacer"):
        assert not any(starts[name](first) for first in ('"', "“", "‘", "'", "—", "…")), name
    for name in ("scene_divider", "spacer", "html_block", "end_marker"):
        assert not any(starts[name](first) for first in "HRé"), name
