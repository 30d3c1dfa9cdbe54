"""What the writer measures in a story's text (its words, the script it is written in, where its scene
breaks may stand), each checked against the plain definition it must agree with."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fic2epub.model import _WIDE_SPACE, AuthorNote, Block, Paragraph, SceneBreak, count_words
from fic2epub.render.language import _by_script
from fic2epub.render.xhtml import story_blocks

_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"


def words_by_definition(text: str) -> int:
    """Runs of non-space, each CJK character one word."""
    return len(re.findall(f"[{_CJK}]|[^\\s{_CJK}]+", text))


def test_the_spaces_beyond_ascii_are_all_known() -> None:
    wide = [chr(c) for c in range(0x80, 0x110000) if chr(c).isspace()]
    assert all(_WIDE_SPACE.fullmatch(c) for c in wide)
    assert not any(_WIDE_SPACE.fullmatch(chr(c)) for c in range(0x80, 0x3100) if not chr(c).isspace())


spaced_text = st.text(
    alphabet=st.sampled_from(
        [*"ab.' \t\n\r\x0b\x0c\x1c\x1f", "é", "’", "ж", "中", "か", "\x85", "\xa0", "\u2009", "\udc80"]
    ),
    max_size=12,
)


@settings(max_examples=500, deadline=None)
@given(spaced_text)
def test_words_counted_as_defined(text: str) -> None:
    assert count_words(text) == words_by_definition(text)


def script_by_definition(sample: str) -> str | None:
    """Which script's letters are the most, counted one character at a time."""
    if not re.search(
        "[\u0370-\u03ff\u0590-\u06ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]", sample
    ):
        return None
    counts = {"kana": 0, "han": 0, "ko": 0, "el": 0, "he": 0, "ar": 0, "other": 0}
    for ch in sample:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            counts["han"] += 1
        elif 0xAC00 <= o <= 0xD7AF:
            counts["ko"] += 1
        elif 0x0370 <= o <= 0x03FF:
            counts["el"] += 1
        elif 0x0590 <= o <= 0x05FF:
            counts["he"] += 1
        elif 0x0600 <= o <= 0x06FF:
            counts["ar"] += 1
        elif ch.isalpha():
            counts["other"] += 1
    best = max(counts, key=lambda k: counts[k])
    if best == "other":
        return None
    if best in ("kana", "han"):
        japanese = counts["kana"] > 20 and counts["kana"] > 0.05 * (counts["kana"] + counts["han"])
        return "ja" if japanese else "zh"
    return best


# letters and marks of each script, including characters of its block that are no letter (Greek's
# question mark, Hebrew's points, Arabic's digits, the kana middle dot)
script_text = st.text(
    alphabet=st.sampled_from(
        [*"ab ß1²½_ж", *"\u3041\u30fb\u4e00\u3400\uac00\u03b1\u037e\u05d0\u05b0\u0627\u0660"]
    ),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(script_text)
def test_script_told_as_defined(sample: str) -> None:
    assert _by_script(sample) == script_by_definition(sample)


def test_japanese_told_by_its_kana() -> None:
    assert _by_script("\u3042" * 30 + "\u4e00" * 100) == "ja"
    assert _by_script("\u3042" * 3 + "\u4e00" * 100) == "zh"


def breaks_by_definition(blocks: list[Block]) -> list[Block]:
    """A break kept only between the first text and the last, and not after another with no text between."""
    text_at = [i for i, b in enumerate(blocks) if not isinstance(b, (SceneBreak, AuthorNote))]
    out: list[Block] = []
    pending = False
    for i, block in enumerate(blocks):
        if isinstance(block, SceneBreak):
            if text_at and text_at[0] < i < text_at[-1] and not pending:
                out.append(block)
                pending = True
            continue
        if not isinstance(block, AuthorNote):
            pending = False
        out.append(block)
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["text", "break", "note"]), max_size=10))
def test_scene_breaks_kept_as_defined(kinds: list[str]) -> None:
    make = {"text": lambda: Paragraph.of("x"), "break": SceneBreak, "note": lambda: AuthorNote.of("n")}
    blocks: list[Block] = [make[kind]() for kind in kinds]
    got, expected = story_blocks(blocks), breaks_by_definition(blocks)
    assert len(got) == len(expected) and all(a is b for a, b in zip(got, expected, strict=True))
