"""The block rules one by one, on small examples written for these tests: chapter headings, scene
dividers, author notes, spacers and end markers, each with the lines that must NOT be read as one."""

from __future__ import annotations

import pytest

import fic2epub
from fic2epub.model import AuthorNote, Heading, InlineNote, Paragraph, Story, text_of_block
from fic2epub.parse.notes import talks_to_readers
from fic2epub.parse.rules.author_note import match_note
from fic2epub.parse.rules.chapter_heading import match_heading
from fic2epub.parse.rules.end_marker import is_end_marker
from fic2epub.parse.rules.scene_divider import is_divider
from fic2epub.parse.rules.spacer import is_spacer

PROSE = "The kettle sang while the rain went on outside, and nobody moved to take it off the stove."
MORE = "Later the lamps were lit one by one, and the house grew quiet again as the evening went on."


def parse(text: str, *, markdown: bool = False) -> Story:
    return fic2epub.parse(text, markdown=markdown)


def titles(story: Story) -> list[str | None]:
    return [c.title for c in story.chapters]


def texts(story: Story) -> list[str]:
    return [text_of_block(b) for c in story.chapters for b in c.blocks if isinstance(b, Paragraph)]


def notes(story: Story) -> list[str]:
    blocks = story.front_notes + [b for c in story.chapters for b in c.blocks] + story.back_notes
    return [text_of_block(b) for b in blocks if isinstance(b, AuthorNote)]


def breaks(story: Story) -> int:
    return story.scene_break_count()


# ---------------------------------------------------------------- chapter headings


@pytest.mark.parametrize(
    ("line", "title", "name"),
    [
        ("Chapter 1", "Chapter 1", None),
        ("Chapter One", "Chapter One", None),
        ("CHAPTER I.", "CHAPTER I.", None),
        ("Ch. 1", "Ch. 1", None),
        ("Chapter 1: The Lighthouse", "Chapter 1: The Lighthouse", "The Lighthouse"),
        ("Chapter 1 - The Lighthouse", "Chapter 1 - The Lighthouse", "The Lighthouse"),
        ("Chapter 1 – The Lighthouse", "Chapter 1 – The Lighthouse", "The Lighthouse"),
        ("Chapter 19. we r late again", "Chapter 19. we r late again", "we r late again"),
        ("Part One", "Part One", None),
        ("Book II", "Book II", None),
        ("Book the First--The Crossing", "Book the First--The Crossing", "The Crossing"),
        ("Prologue", "Prologue", None),
        ("Epilogue: Ten Years On", "Epilogue: Ten Years On", "Ten Years On"),
        ("Interlude", "Interlude", None),
        ("Interlude II:", "Interlude II:", None),
        ("Omake", "Omake", None),
        ("~Chapter 3~", "Chapter 3", None),
        ("*** Chapter 3 ***", "Chapter 3", None),
        ("**Chapter 3: Lanterns**", "Chapter 3: Lanterns", "Lanterns"),
        ("# Chapter 3", "Chapter 3", None),
        ("#Chapter 14 - Rust", "Chapter 14 - Rust", "Rust"),
        ("STAVE I", "STAVE I", None),
        ("LETTER 1", "LETTER 1", None),
        ("ADVENTURE I. THE GREEN DOOR", "ADVENTURE I. THE GREEN DOOR", "THE GREEN DOOR"),
        ("EPOCH THE FIRST.", "EPOCH THE FIRST.", None),
        ("第一章", "第一章", None),
        ("第1話", "第1話", None),
        ("第一回　山中の宿", "第一回　山中の宿", "山中の宿"),
        ("正文 第三回 江上夜话", "第三回 江上夜话", "江上夜话"),
        ("序言", "序言", None),
        ("Глава 1", "Глава 1", None),
        ("Глава первая", "Глава первая", None),
        ("ЧАСТЬ ПЕРВАЯ", "ЧАСТЬ ПЕРВАЯ", None),
        ("제3장", "제3장", None),
        ("Capítulo 4: La Casa", "Capítulo 4: La Casa", "La Casa"),
        ("Prólogo", "Prólogo", None),
        ("［＃５字下げ］三［＃「三」は中見出し］", "三", "三"),
    ],
)
def test_heading_forms(line: str, title: str, name: str | None) -> None:
    heading = match_heading(line)
    assert heading is not None, line
    assert heading.title == title
    assert heading.name == name


@pytest.mark.parametrize(
    "line",
    [
        "Chapter one was the dullest part of the book, she said.",
        "Chapter 3 was where it all went wrong",
        "Part of me wanted to stay.",
        "Book 2 of the series is out now",
        "Ch. 12 will be posted on Friday at noon.",
        "OMAKE FILES #2: Three Wishes",
        "Interlude:",
        "#hashtag",
        "\\_/Interlude: Mirrors",
        "CHAPTER 4 - END",
        "Parting is such sweet sorrow.",
        "",
    ],
)
def test_not_headings(line: str) -> None:
    assert match_heading(line) is None


def test_sentence_starting_with_chapter_is_prose() -> None:
    story = parse(
        f"Chapter 1\n\n{PROSE}\n\nChapter two of her diary was missing, torn out long ago.\n\n{MORE}\n"
    )
    assert titles(story) == ["Chapter 1"]


def test_numbered_list_inside_a_chapter_is_not_headings() -> None:
    story = parse(
        f"Chapter 1\n\n{PROSE}\n\n1. Flour\n2. Sugar\n3. Eggs\n\n{MORE}\n\n"
        f"Things to remember:\n\n1. Lock the door\n\nshe said, twice.\n\n2. Feed the cat\n\n{MORE}\n"
    )
    assert titles(story) == ["Chapter 1"]


def test_bare_numbers_and_numbered_titles_start_chapters() -> None:
    story = parse(f"1\n\n{PROSE}\n\n2\n\n{MORE}\n\nIII.\n\n{PROSE}\n")
    assert titles(story) == ["1", "2", "III."]
    story = parse(f"1. The Harbour\n\n{PROSE}\n\n{MORE}\n\n{PROSE}\n\n2. The Ferry\n\n{MORE}\n")
    assert titles(story) == ["1. The Harbour", "2. The Ferry"]


def test_subtitle_on_the_next_line() -> None:
    story = parse(f"Chapter 1\n\nThe Lighthouse\n\n{PROSE}\n\nChapter 2\n\nCold Water\n\n{MORE}\n")
    assert titles(story) == ["Chapter 1: The Lighthouse", "Chapter 2: Cold Water"]
    # a first sentence, a note or a line that ends a sentence is not a subtitle
    story = parse(f"Chapter 1\n\nA/N: thanks for reading!\n\n{PROSE}\n\nChapter 2\n\nShe ran.\n\n{MORE}\n")
    assert titles(story) == ["Chapter 1", "Chapter 2"]


def test_gutenberg_heading_with_its_title_set_apart() -> None:
    story = parse(
        f"CHAPTER I.\n\nThe Widow's House.\n\n\n{PROSE}\n\nCHAPTER II.\n\nThe Bridge.\n\n\n{MORE}\n"
    )
    assert titles(story) == ["CHAPTER I. The Widow's House.", "CHAPTER II. The Bridge."]


def test_markdown_levels_chapters_and_sections() -> None:
    story = parse(
        f"# Prologue\n\n# *A Quiet Start*\n\n## The Gate\n\n{PROSE}\n\n## The Road\n\n{MORE}\n\n"
        f"# The Town\n\n{PROSE}\n\n# The Sea\n\n{MORE}\n",
        markdown=True,
    )
    assert titles(story) == ["Prologue", "The Town", "The Sea"]
    first = story.chapters[0].blocks
    assert [text_of_block(b) for b in first if isinstance(b, Heading)] == [
        "A Quiet Start",
        "The Gate",
        "The Road",
    ]


def test_part_without_text_opens_the_next_chapter() -> None:
    story = parse(f"PART ONE\n\nI\n\n{PROSE}\n\nII\n\n{MORE}\n\nPART TWO\n\nI\n\n{PROSE}\n\nII\n\n{MORE}\n")
    assert titles(story) == ["I", "II", "I", "II"]
    assert isinstance(story.chapters[2].blocks[0], Heading)
    assert text_of_block(story.chapters[2].blocks[0]) == "PART TWO"


def test_part_with_text_of_its_own_stays_a_chapter() -> None:
    story = parse(f"Part One\n\n{PROSE} {MORE} {PROSE} {MORE}\n\nChapter 1\n\n{PROSE}\n")
    assert titles(story) == ["Part One", "Chapter 1"]


def test_title_line_over_a_part_of_lone_numbers() -> None:
    story = parse(f"一\n\n{PROSE}\n\n\n\n上　海辺の宿\n\n\n一\n\n{MORE}\n\n二\n\n{PROSE}\n")
    assert titles(story) == ["一", "一", "二"]


def test_lone_numbers_under_a_numbered_chapter_are_sections() -> None:
    story = parse(
        f"ADVENTURE I. THE GREEN DOOR\n\nI.\n\n{PROSE}\n\nII.\n\n{MORE}\n\n"
        f"ADVENTURE II. THE RED LAMP\n\n{PROSE}\n"
    )
    assert titles(story) == ["ADVENTURE I. THE GREEN DOOR", "ADVENTURE II. THE RED LAMP"]
    sections = [text_of_block(b) for b in story.chapters[0].blocks if isinstance(b, Heading)]
    assert sections == ["I.", "II."]


def test_title_repeated_in_the_chapter_text_is_not_a_second_chapter() -> None:
    story = parse(
        f"1. Prologue\n\n**Disclaimer: I own nothing.**\n\n**Prologue: The Long Night**\n\n{PROSE}\n\n"
        f"2. AB Ch 1: Lanterns\n\n**Chapter 1: Lanterns**\n\n{MORE}\n",
        markdown=True,
    )
    assert titles(story) == ["1. Prologue", "2. AB Ch 1: Lanterns"]


def test_short_chapters_with_different_numbers_stay_apart() -> None:
    story = parse("Chapter 1\n\nOne line.\n\nChapter 2\n\nAnother line.\n")
    assert titles(story) == ["Chapter 1", "Chapter 2"]


def test_headings_from_a_table_of_contents() -> None:
    contents = "1. The Long Night\n2. Morning Tea\n3. Lanterns\n"
    story = parse(
        f"{contents}\n\n\n\nThe Long Night\n\n\n{PROSE}\n\n\n\nMorning Tea\n\n\n{MORE}\n\n"
        f"She thought of lanterns.\n\n\n\nLanterns\n\n\n{PROSE}\n"
    )
    assert titles(story) == ["The Long Night", "Morning Tea", "Lanterns"]


def test_heading_lines_in_a_row_are_a_list() -> None:
    story = parse(f"{PROSE}\n\nChapter 1   The Gate\nChapter 2   The Road\n\n{MORE}\n")
    assert titles(story) == [None]


def test_short_preamble_is_front_matter_not_a_chapter() -> None:
    story = parse(f"For my sister, who read it first.\n\nChapter 1\n\n{PROSE}\n\nChapter 2\n\n{MORE}\n")
    assert titles(story) == ["Chapter 1", "Chapter 2"]
    assert [text_of_block(b) for b in story.front_notes] == ["For my sister, who read it first."]


# ---------------------------------------------------------------- scene dividers


@pytest.mark.parametrize(
    "line",
    [
        "***",
        "* * *",
        "-- -- --",
        "~~~~~",
        "=====",
        "_____",
        "###",
        "+++++",
        "•••",
        "· · ·",
        "◊",
        "⁂",
        "§",
        "❦",
        "          *          *          *",
        "oOo",
        "OoO",
        "xXx",
        "-o-o-",
        "~*~",
        "+~+",
        "0o0",
        "XXX",
        "XXXXXXXXXX42XXXXXXXX",
        "-.-AB-.-",
        "[scene break]",
        "Line break",
        "* POV change *",
        "~~~Time Skip~~~",
        "<hr>",
        "-",
        "＊＊＊",
        "◇◆◇",
    ],
)
def test_divider_forms(line: str) -> None:
    assert is_divider(line)


@pytest.mark.parametrize(
    "line",
    [
        "1",
        "42",
        "2024",
        ".",
        "_",
        "...",
        "…",
        "?!",
        "xxx",
        "oo",
        "Oooh",
        "o.O",
        "~fin~",
        "**Hi**",
        "**Ciel:**",
        "Hello",
        "",
    ],
)
def test_not_dividers(line: str) -> None:
    assert not is_divider(line)


def test_consecutive_dividers_make_one_break() -> None:
    story = parse(f"{PROSE}\n\n***\n\nXXX\n\n***\n\n{MORE}\n")
    assert breaks(story) == 1


def test_divider_at_chapter_start_or_end_is_not_a_break() -> None:
    story = parse(f"Chapter 1\n\n***\n\n{PROSE}\n\n***\n\n{MORE}\n\n***\n\nChapter 2\n\n{PROSE}\n\n***\n")
    assert breaks(story) == 1


def test_divider_fencing_a_note_is_not_a_break() -> None:
    story = parse(f"Chapter 1\n\nA/N: Thanks for the reviews!\n\n-----\n\n{PROSE}\n\n{MORE}\n")
    assert breaks(story) == 0
    assert notes(story) == ["Thanks for the reviews!"]


def test_lone_x_is_a_numeral_in_a_run_of_numerals_and_a_divider_elsewhere() -> None:
    numerals = "\n\n".join(f"{n}\n\n{PROSE}" for n in ["VIII", "IX", "X", "XI"])
    assert titles(parse(numerals)) == ["VIII", "IX", "X", "XI"]
    assert breaks(parse(f"{PROSE}\n\nX\n\n{MORE}\n")) == 1


# ---------------------------------------------------------------- author notes


@pytest.mark.parametrize(
    ("line", "label", "rest"),
    [
        ("AN: thanks for reading", "AN", "thanks for reading"),
        ("A/N: thanks for reading", "A/N", "thanks for reading"),
        ("A.N. thanks for reading", "A.N.", "thanks for reading"),
        ("AN1: the first note", "AN1", "the first note"),
        ("AN// a slashed note", "AN", "a slashed note"),
        ("A\\N: a backslashed note", "A\\N", "a backslashed note"),
        ("Author's Note: long day", "Author's Note", "long day"),
        ("Author's Notes:", "Author's Notes", ""),
        ("Author Notes:", "Author Notes", ""),
        ("Notes: see below", "Notes", "see below"),
        ("Beta's note: what a ride", "Beta's note", "what a ride"),
        ("THE EDITOR'S NOTE: sorry", "THE EDITOR'S NOTE", "sorry"),
        ("Disclaimer: I own nothing.", "Disclaimer", "I own nothing."),
        ("**A/N**", "A/N", ""),
        ("**Acknowledgements: thank you all.**", "Acknowledgements", "thank you all."),
        ("Author\\'s Endnote:", "Author's Endnote", ""),
        ("Chapter End Notes", "Chapter End Notes", ""),
        ("N/A: gracias por leer", "N/A", "gracias por leer"),
        ("Nota de la autora: hola", "Nota de la autora", "hola"),
        ("Примечание автора: спасибо", "Примечание автора", "спасибо"),
        ("作者有话说：谢谢", "作者有话说", "谢谢"),
    ],
)
def test_note_labels(line: str, label: str, rest: str) -> None:
    found = match_note(line)
    assert found is not None, line
    assert found[0] == label
    assert found[1] == rest


@pytest.mark.parametrize(
    "line",
    [
        "An old man sat by the door.",
        "Notes were passed under the desks all morning.",
        "Note to self: never trust a cat.",
        "Disclaimers aside, the plan was sound.",
        "Annie said nothing.",
        "[Footnote 3: the bridge fell in 1802.]",
    ],
)
def test_not_note_labels(line: str) -> None:
    assert match_note(line) is None


def test_notes_at_the_top_and_bottom_of_chapters() -> None:
    story = parse(
        f"Chapter 1\n\nA/N: First chapter, be kind.\n\n{PROSE}\n\n{MORE}\n\nAN: Next week!\n\n"
        f"Chapter 2\n\nAuthor's Note:\n\nThis one took a while.\n\nSorry about that.\n\n***\n\n{PROSE}\n"
    )
    assert notes(story) == [
        "First chapter, be kind.",
        "Next week!",
        "This one took a while.\n\nSorry about that.",
    ]
    assert texts(story) == [PROSE, MORE, PROSE]


def test_bracketed_notes_run_to_their_closing_bracket() -> None:
    story = parse(f"{PROSE}\n\n(A/N: this part\nwas hard to write)\n\n[A/N: and this one too]\n\n{MORE}\n")
    assert notes(story) == ["this part was hard to write", "and this one too"]


def test_bold_note_continues_in_bold_paragraphs() -> None:
    story = parse(
        f"{PROSE}\n\n**A/N: Thank you for reading.**\n\n**Please leave a review.**\n\n{MORE}\n", markdown=True
    )
    assert notes(story) == ["Thank you for reading.\n\nPlease leave a review."]
    assert texts(story) == [PROSE, MORE]


def test_signature_belongs_to_the_note() -> None:
    story = parse(f"{PROSE}\n\nBeta's note: Loved every page.\n\n- Wren\n")
    assert notes(story) == ["Loved every page.\n\n- Wren"]


def test_inline_note_stays_inside_its_paragraph() -> None:
    story = parse(f"She wore black (AN: like me lol) and smiled. {PROSE}\n")
    paragraph = story.chapters[0].blocks[0]
    assert isinstance(paragraph, Paragraph)
    inline = [n for n in paragraph.inlines if isinstance(n, InlineNote)]
    assert len(inline) == 1 and inline[0].label == "AN"
    assert text_of_block(paragraph).startswith("She wore black (AN: like me lol) and smiled.")


def test_parenthesis_without_a_label_is_story() -> None:
    story = parse(f"She wore black (like always) and smiled. {PROSE}\n")
    paragraph = story.chapters[0].blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert not any(isinstance(n, InlineNote) for n in paragraph.inlines)


def test_disclaimer_among_header_fields_is_a_field() -> None:
    story = parse(f"Title: Lanterns\n\nRating: T\n\nDisclaimer: Not mine.\n\n{PROSE}\n")
    assert story.get("disclaimer") == "Not mine."
    assert notes(story) == []


def test_notes_fenced_by_dividers_by_habit() -> None:
    long_story = " ".join([PROSE, MORE] * 8)
    chapters = "".join(
        f"Chapter {i}\n\nNothing here is mine, as usual.\n\n***\n\n{long_story}\n\n***\n\n"
        f"The next chapter will post on Friday.\n\n"
        for i in range(1, 6)
    )
    story = parse(chapters)
    assert notes(story).count("Nothing here is mine, as usual.") == 5
    assert notes(story).count("The next chapter will post on Friday.") == 5
    assert breaks(story) == 0


def test_a_single_short_opening_is_story() -> None:
    long_story = " ".join([PROSE, MORE] * 8)
    story = parse(f"Chapter 1\n\nThe night was cold.\n\n***\n\n{long_story}\n\nChapter 2\n\n{long_story}\n")
    assert notes(story) == []
    assert "The night was cold." in texts(story)


# ---------------------------------------------------------------- spacers and end markers


@pytest.mark.parametrize("line", [".", "_", "&nbsp;", "\u00a0", "\u200b"])
def test_spacers(line: str) -> None:
    assert is_spacer(line)


def test_spacer_lines_produce_nothing() -> None:
    story = parse(f"{PROSE}\n\n.\n\n{MORE}\n\n&nbsp;\n\n{PROSE}\n")
    assert texts(story) == [PROSE, MORE, PROSE]
    assert breaks(story) == 0


@pytest.mark.parametrize(
    "line",
    [
        "tbc",
        "TBC",
        "T.B.C.",
        "To be continued...",
        "The End",
        "THE END.",
        "Fin",
        "~fin~",
        "End file.",
        "End of Chapter 3",
        "END OF THE FIRST PART.",
        "Interlude: end",
        "**TO BE CONTINUED IN**",
        "完",
        "Конец",
    ],
)
def test_end_markers(line: str) -> None:
    assert is_end_marker(line)


@pytest.mark.parametrize(
    "line",
    ["The end of the road was near.", "Endless", "Finally!", "Chapter 12: The End", "the end, she said"],
)
def test_not_end_markers(line: str) -> None:
    assert not is_end_marker(line)


def test_end_marker_closes_the_chapter_and_later_notes_go_to_the_back() -> None:
    story = parse(f"Chapter 1\n\n{PROSE}\n\nThe End\n\nA/N: Thank you all!\n")
    assert story.chapters[-1].end_marker == "The End"
    assert [text_of_block(b) for b in story.back_notes] == ["Thank you all!"]


def test_end_marker_inside_a_chapter_stays_in_place() -> None:
    story = parse(f"Chapter 1\n\n{PROSE}\n\nFlashback: end\n\n***\n\n{MORE}\n")
    assert story.chapters[0].end_marker is None
    assert "Flashback: end" in texts(story)


def test_to_be_continued_takes_its_announcement() -> None:
    story = parse(
        f"Chapter 1\n\n{PROSE}\n\nTo be continued in:\n\nBOOK TWO:\n\nThe Far Shore\n\nA/N: Thanks!\n"
    )
    assert story.chapters[-1].end_marker == "To be continued in: BOOK TWO: The Far Shore"
    assert titles(story) == ["Chapter 1"]


def test_site_closing_line_is_kept_at_the_back() -> None:
    story = parse(
        f"{PROSE}\n\nPlease drop by the Archive and comment to let the creator know you enjoyed it!\n"
    )
    assert texts(story) == [PROSE]
    assert [text_of_block(b) for b in story.back_notes][-1].startswith("Please drop by the Archive")


def test_appendix_between_the_story_and_its_closing_note_is_the_authors() -> None:
    story = parse(
        f"{PROSE}\n\n-----\n\nCharacter stats page:\n\nStrength: B\n\nLuck: E\n\n-----\n\n"
        "Author's Notes:\n\nSee you next time.\n"
    )
    assert notes(story) == ["Character stats page:\n\nStrength: B\n\nLuck: E", "See you next time."]
    assert breaks(story) == 0


def test_a_titled_authors_note_line_heads_the_note_under_it() -> None:
    story = parse(
        f"{PROSE}\n\n-----\n\nAuthor's notes and some trivia (in that order).\n\nThanks to all of you.\n"
    )
    assert notes(story) == ["Thanks to all of you."]
    story = parse(f"{PROSE}\n\nAuthor's notes were scattered over the desk.\n\n{MORE}\n")
    assert notes(story) == []


# --- layouts from outside the corpus: forums, Royal Road, Wattpad, other languages ---


@pytest.mark.parametrize(
    ("line", "title", "name"),
    [
        ("Book 2, Chapter 3: Embers", "Book 2, Chapter 3: Embers", "Embers"),
        ("Part One - Chapter 4", "Part One - Chapter 4", None),
        ("[Omake] The Ship Has Opinions", "[Omake] The Ship Has Opinions", "The Ship Has Opinions"),
        ("[Interlude] The Director", "[Interlude] The Director", "The Director"),
        ("Threadmarks: Chapter 12 - Cold Open", "Chapter 12 - Cold Open", "Cold Open"),
    ],
)
def test_compound_bracketed_and_threadmarked_headings(line: str, title: str, name: str | None) -> None:
    found = match_heading(line)
    assert found is not None and found.rank == "chapter"
    assert (found.title, found.name) == (title, name)


@pytest.mark.parametrize(
    "line", ["Book 2, chapter 3 was long and boring.", "[Omake] and then he left.", "[Citation needed] Fine."]
)
def test_not_compound_or_bracketed_headings(line: str) -> None:
    assert match_heading(line) is None


def test_parts_one_after_another_are_chapters() -> None:
    story = parse(
        f"Part One: The Letter\n\n{PROSE}\n\nPart Two: The Train\n\n{MORE}\n\n"
        f"Part Three: The Gate\n\n{PROSE}\n"
    )
    assert titles(story) == ["Part One: The Letter", "Part Two: The Train", "Part Three: The Gate"]


def test_a_part_over_its_first_chapter_still_opens_it() -> None:
    story = parse(f"Part One\n\nChapter 1: Dawn\n\n{PROSE}\n\nChapter 2: Dusk\n\n{MORE}\n")
    assert titles(story) == ["Chapter 1: Dawn", "Chapter 2: Dusk"]


@pytest.mark.parametrize("line", ["<3<3<3", "<3 <3 <3", "¤¤¤", "¤ ¤ ¤"])
def test_hearts_and_currency_sign_dividers(line: str) -> None:
    assert is_divider(line)


@pytest.mark.parametrize("line", ["<3", "I <3 you", "$$", "£100", "3<3<3"])
def test_not_heart_dividers(line: str) -> None:
    assert not is_divider(line)


@pytest.mark.parametrize(
    "line",
    ["Ende", "Fim", "Koniec", "Continuará...", "À suivre", "Fortsetzung folgt!", "Продолжение следует..."],
)
def test_end_markers_in_other_languages(line: str) -> None:
    assert is_end_marker(line)


@pytest.mark.parametrize("line", ["Endet.", "Continua a leggere il libro.", "Fine."])
def test_not_end_markers_in_other_languages(line: str) -> None:
    assert not is_end_marker(line)


def test_a_beta_credit_is_a_note() -> None:
    story = parse(f"Chapter 1\n\nBeta'd by the lovely fernandfeather. Mistakes are mine.\n\n{PROSE}\n")
    assert notes(story) == ["Beta'd by the lovely fernandfeather. Mistakes are mine."]
    assert texts(story) == [PROSE]


def test_a_sentence_about_betting_is_not_a_beta_credit() -> None:
    story = parse(f"Chapter 1\n\nBetting by the river was forbidden.\n\n{PROSE}\n")
    assert notes(story) == []


# ---------------------------------------------------------------- words to readers at a chapter's ends

LONG_STORY = " ".join([PROSE, MORE] * 4)


@pytest.mark.parametrize(
    "line",
    [
        "Thanks everyone for the reviews! Sorry this took so long, real life got in the way.",
        "Hey guys, I'm back!",
        "Please review!",
        "Reviews make me write faster :)",
        "Let me know what you think!",
        "Thanks for reading!",
        "See you next chapter!",
        "Don't forget to vote and comment!",
        "Thank you so much for all the lovely reviews and follows!",
        "R&R please!",
        "Sorry for the late update!",
        "Hope you enjoyed this chapter!",
        "The next chapter will be up on Friday.",
    ],
)
def test_words_to_readers(line: str) -> None:
    assert talks_to_readers(line)


@pytest.mark.parametrize(
    "line",
    [
        '"Thanks for reading my letter," she said.',
        "Thanks for reading my letter, she said.",
        "‘Please review the file,’ Harry said.",
        "'Please review the file,' Harry said.",
        "Thanks for waiting, Ron mumbled.",
        "Please, he begged, review the evidence again.",
        "She hoped the review would be kind.",
        "The reviews were in: the play was a disaster.",
        "He was back. Hey guys, he thought.",
        "Hey guys, wait up!",
        "The next chapter of her life began on a Tuesday.",
        "Sorry, it took a while to find the keys.",
        "Let me know what you decide.",
        "Let me know what you think of the plan by tonight.",
        "I'm back in the hospital again.",
        "Thanks for the tea.",
        "Thank you for reading to me, Mum.",
        "She did not forget to vote in the election.",
        "Until next time, then.",
        "Enjoy!",
        "See ya.",
        "Thanks for reading! " + LONG_STORY,  # a long paragraph is never a note
    ],
)
def test_not_words_to_readers(line: str) -> None:
    assert not talks_to_readers(line)


def test_words_to_readers_open_and_close_chapters_as_notes() -> None:
    story = parse(
        f"Chapter 1\n\nHey guys, I'm back!\n\nSorry this took so long, real life got in the way.\n\n"
        f"{LONG_STORY}\n\n{MORE}\n\nPlease review!\n\n"
        f"Chapter 2\n\n{LONG_STORY}\n\nThanks for reading!\n\nSee ya.\n\n"
        f"Chapter 3\n\nA/N: A short one.\n\nEnjoy!\n\n{LONG_STORY}\n\nDon't forget to vote and comment!\n"
    )
    assert notes(story) == [
        "Hey guys, I'm back!\n\nSorry this took so long, real life got in the way.",
        "Please review!",
        "Thanks for reading!\n\nSee ya.",
        "A short one.\n\nEnjoy!",
        "Don't forget to vote and comment!",
    ]
    assert texts(story) == [LONG_STORY, MORE, LONG_STORY, LONG_STORY]


def test_words_to_readers_mid_chapter_stay_story() -> None:
    story = parse(
        f"Chapter 1\n\n{LONG_STORY}\n\nPlease review!\n\n{LONG_STORY}\n\nChapter 2\n\n{LONG_STORY}\n"
    )
    assert notes(story) == []
    assert "Please review!" in texts(story)


def test_dialogue_and_goodbyes_at_a_chapters_end_stay_story() -> None:
    story = parse(
        f'Chapter 1\n\n{LONG_STORY}\n\n"Thanks for reading my letter," she said.\n\n'
        f"Chapter 2\n\n{LONG_STORY}\n\nBye!\n\n"
        f"Chapter 3\n\nEnjoy!\n\n{LONG_STORY}\n\nUntil next time, then.\n"
    )
    assert notes(story) == []


def test_a_short_chapter_keeps_its_words_to_readers() -> None:
    story = parse("Chapter 1\n\nThe door opened.\n\nThanks for reading!\n\nChapter 2\n\nIt closed.\n")
    assert notes(story) == []


def test_a_labelled_note_runs_on_to_the_closing_words_to_readers() -> None:
    story = parse(
        f"Chapter 1\n\n{LONG_STORY}\n\n***\n\nAN: That was a long one.\n\nI had to rewrite the fight.\n\n"
        f"Just a thought.\n\nAnyway, thanks for reading and for reviewing.\n\n"
        f"Chapter 2\n\n{LONG_STORY}\n\nA/N: Magic words are Latin.\n\n{PROSE}\n\n{MORE}\n\n{PROSE}\n\n"
        f"Please review!\n"
    )
    assert notes(story) == [
        "That was a long one.\n\nI had to rewrite the fight.\n\nJust a thought.\n\n"
        "Anyway, thanks for reading and for reviewing.",
        "Magic words are Latin.",  # three paragraphs of story after it, and no divider before it
        "Please review!",
    ]
    assert texts(story)[-3:] == [PROSE, MORE, PROSE]


def test_a_fenced_note_does_not_run_on_over_dialogue() -> None:
    story = parse(
        f'Chapter 1\n\n{LONG_STORY}\n\n***\n\nA/N: Back to the ship.\n\n"Ready?" Kate asked.\n\n'
        f"{PROSE}\n\nThanks for reading!\n\nChapter 2\n\n{LONG_STORY}\n"
    )
    assert notes(story) == ["Back to the ship.", "Thanks for reading!"]
    assert texts(story)[1:3] == ['"Ready?" Kate asked.', PROSE]
