"""The story header: titles, bylines, metadata fields in their many layouts, front matter, summaries,
tables of contents and site boilerplate.  Every example is written here; none is copied from a story."""

from __future__ import annotations

import pytest

from fic2epub.api import parse
from fic2epub.model import Story, canonical_key
from fic2epub.parse import tokenize
from fic2epub.parse.rules.byline import same_person
from fic2epub.parse.rules.header_field import split_field
from fic2epub.readers.metadata import parse_series
from fic2epub.render.language import detect_language

STORY = "The rain had not stopped for three days, and Mara had stopped counting the buckets.\n"


def story(text: str, *, markdown: bool = False) -> Story:
    return parse(text, markdown=markdown)


def fields(s: Story) -> dict[str, str]:
    return {f.key: f.value for f in s.metadata}


# --- labels ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Title", "title"),
        ("Author", "author"),
        ("Written by", "author"),
        ("Fandoms", "fandom"),
        ("Relationships", "pairing"),
        ("Ship", "pairing"),
        ("Characters", "characters"),
        ("Archive Warning", "warnings"),
        ("Additional Tags", "tags"),
        ("Word count", "words"),
        ("Beta'd by", "beta"),
        ("Beta’d by", "beta"),
        ("**Summary:**", "summary"),
        ("作者", "author"),
        ("書名", "title"),
        ("Автор", "author"),
        ("Описание", "summary"),
    ],
)
def test_labels_have_canonical_keys(label: str, key: str) -> None:
    assert canonical_key(label) == key


def test_split_field_reads_bold_labels_and_full_width_colons() -> None:
    assert split_field("**Title:** The Glass Orchard") == ("Title", "The Glass Orchard")
    assert split_field("**Rating**: T") == ("Rating", "T")
    assert split_field("作者：林小雨") == ("作者", "林小雨")
    assert split_field("See https://example.org for more") is None
    assert split_field("http://example.org/a") is None


# --- metadata headers ----------------------------------------------------------------------------------


def test_plain_header_with_every_common_field() -> None:
    text = (
        "Title: The Glass Orchard\n"
        "Author: quillfeather\n"
        "Fandom: Original Work\n"
        "Pairing: Mara/Tess\n"
        "Characters: Mara, Tess, the Gardener\n"
        "Rating: T\n"
        "Warnings: none\n"
        "Category: F/F\n"
        "Genre: Drama\n"
        "Tags: rain, orchards, found family\n"
        "Summary: Mara keeps the orchard alive.\n"
        "Status: Complete\n"
        "Disclaimer: All mine.\n"
        "Spoilers: none\n"
        "Word count: 1,234\n"
        "Published: 2020-01-02\n"
        "Updated: 2020-02-03\n"
        "Language: English\n"
        "Beta: nightjar\n"
        "Prompt: glass\n"
        "Dedication: for my sister\n"
        "\n" + STORY
    )
    s = story(text)
    assert s.title == "The Glass Orchard"
    assert s.authors == ["quillfeather"]
    got = fields(s)
    keys = (
        "fandom pairing characters rating warnings category genre tags summary status disclaimer "
        "spoilers words published updated language beta prompt dedication"
    )
    for key in keys.split(" "):
        assert key in got, key
    assert got["pairing"] == "Mara/Tess"
    assert s.language == "en"
    assert len(s.chapters) == 1


def test_fields_separated_by_blank_lines_and_a_summary_that_runs_on() -> None:
    text = (
        "Title: Salt\n\nFandom: Sea Stories\n\n"
        "Summary: The lighthouse keeper finds a letter\nthat was never sent.\n\n" + STORY
    )
    s = story(text)
    assert s.summary == "The lighthouse keeper finds a letter that was never sent."
    assert s.chapters[0].blocks


def test_bold_labels_in_markdown() -> None:
    text = (
        "**Title:** Salt\n\n**Rating:** M  \n\n**Summary:** A keeper\\! A letter.\n\n# Chapter 1\n\n" + STORY
    )
    s = story(text, markdown=True)
    assert s.title == "Salt"
    assert fields(s)["rating"] == "M"
    assert s.summary == "A keeper! A letter."


def test_unknown_labels_in_a_header_are_kept() -> None:
    text = "Title: Salt\nMood: wistful\nSoundtrack: sea shanties\nRating: G\n\n" + STORY
    s = story(text)
    labels = {f.label: f.value for f in s.metadata}
    assert labels["Mood"] == "wistful"
    assert labels["Soundtrack"] == "sea shanties"


def test_header_without_a_title_line_and_with_a_title_line_above() -> None:
    with_line = story("The Glass Orchard\nAuthor: quillfeather\nRating: T\n\n" + STORY)
    assert with_line.title == "The Glass Orchard"
    assert with_line.authors == ["quillfeather"]
    without = story("Fandom: Original Work\nRating: T\n\n" + STORY)
    assert without.title is None
    assert fields(without)["rating"] == "T"


def test_ao3_preface_layout_label_over_value() -> None:
    text = (
        "Rating:\nGeneral Audiences\nArchive Warning:\nNo Archive Warnings Apply\nFandom:\nOriginal Work\n"
        "Stats:\nPublished: 2021-05-06\nWords: 900\n\n" + STORY
    )
    got = fields(story(text))
    assert got["rating"] == "General Audiences"
    assert got["warnings"] == "No Archive Warnings Apply"
    assert got["published"] == "2021-05-06"
    assert "stats" not in got  # a label over other fields only groups them


def test_letter_inside_the_story_is_not_metadata() -> None:
    text = "Title: Salt\n\n" + STORY + "\nDear John: I am writing to tell you the orchard is gone.\n"
    s = story(text)
    assert all(f.label != "Dear John" for f in s.metadata)


def test_letter_at_the_start_of_a_story_is_not_metadata() -> None:
    s = story("Dear John: I am writing to tell you the orchard is gone.\n\n" + STORY)
    assert s.metadata == []
    assert s.chapters


def test_dialogue_with_a_colon_is_not_metadata() -> None:
    s = story("Mara: You came back.\nTess: I said I would.\n\n" + STORY)
    assert s.metadata == []


def test_a_lone_disclaimer_paragraph_is_no_header() -> None:
    tokens = tokenize("Disclaimer: I own nothing but the plot.\n\nChapter 1\n\n" + STORY)
    assert all(t.kind != "field" for t in tokens)


def test_a_disclaimer_among_header_fields_is_one() -> None:
    s = story("Fandom: Sea Stories\nRating: G\nDisclaimer: Not mine.\n\n" + STORY)
    assert fields(s)["disclaimer"] == "Not mine."


def test_character_set_encoding_is_a_file_property_and_dropped() -> None:
    s = story("Title: Salt\nCharacter set encoding: UTF-8\nLanguage: English\n\n" + STORY)
    assert "character set encoding" not in {f.key for f in s.metadata}
    assert any("file" in d for d in s.dropped)


def test_series_and_language_fields() -> None:
    s = story("Title: Salt\nSeries: Part 3 of The Lighthouse Years\nLanguage: Français\n\n" + STORY)
    assert s.series is not None
    assert (s.series.name, s.series.position) == ("The Lighthouse Years", 3)
    assert s.get("series") == "Part 3 of The Lighthouse Years"
    assert s.language == "fr"


@pytest.mark.parametrize(
    ("value", "name", "position"),
    [
        ("Part 10 of A Wheel Inside a Wheel", "A Wheel Inside a Wheel", 10),
        ("The Lighthouse Years #3", "The Lighthouse Years", 3),
        ("The Lighthouse Years, Book 2", "The Lighthouse Years", 2),
        ("The Lighthouse Years [4]", "The Lighthouse Years", 4),
        ("Book Two of the Lighthouse Years", "the Lighthouse Years", 2),
        ("The Lighthouse Years (Volume III)", "The Lighthouse Years", 3),
        ("The Lighthouse Years", "The Lighthouse Years", None),
    ],
)
def test_series_forms(value: str, name: str, position: float | None) -> None:
    series = parse_series(value)
    assert series is not None
    assert (series.name, series.position) == (name, position)


def test_cjk_and_russian_headers() -> None:
    zh = story("书名：山居笔记\n作者：林小雨\n简介：一个关于山的故事。\n\n第一章 山\n\n山很高。\n")
    assert (zh.title, zh.authors) == ("山居笔记", ["林小雨"])
    assert zh.summary == "一个关于山的故事。"
    ru = story(
        "Название: Соль\nАвтор: Мария Лесная\nФэндом: Ориджинал\nРейтинг: G\n\nГлава 1\n\nДождь шёл.\n"
    )
    assert (ru.title, ru.authors) == ("Соль", ["Мария Лесная"])
    assert fields(ru)["rating"] == "G"


# --- titles and bylines --------------------------------------------------------------------------------


def test_title_line_and_byline() -> None:
    s = story("The Glass Orchard\n\nby quillfeather\n\n" + STORY)
    assert (s.title, s.authors) == ("The Glass Orchard", ["quillfeather"])


@pytest.mark.parametrize(
    "line",
    [
        "By: quillfeather",
        "Written by quillfeather",
        "A story by quillfeather",
        "~by quillfeather~",
        "**By quillfeather**",
    ],
)
def test_byline_spellings(line: str) -> None:
    assert story(f"The Glass Orchard\n\n{line}\n\n" + STORY).authors == ["quillfeather"]


def test_a_sentence_starting_with_by_is_no_byline() -> None:
    s = story("The Glass Orchard\n\nBy the time the rain stopped, the orchard had drowned.\n\n" + STORY)
    assert s.authors == []


def test_a_story_whose_first_line_is_dialogue_has_no_title() -> None:
    s = story('"You came back," said Mara.\n\n' + STORY)
    assert s.title is None


def test_a_first_line_running_into_more_text_is_no_title() -> None:
    s = story("The rain fell\nand Mara watched it from the porch.\n\n" + STORY)
    assert s.title is None


def test_title_and_author_on_one_line() -> None:
    s = story(
        "**The Glass Orchard** by **quillfeather**\n\n**Rating:** T\n\n# 1. Start\n\n" + STORY, markdown=True
    )
    assert (s.title, s.authors) == ("The Glass Orchard", ["quillfeather"])


def test_a_title_like_stand_by_me_is_not_split() -> None:
    s = story("Stand by Me\n\n" + STORY)
    assert s.title == "Stand by Me"
    assert s.authors == []


def test_title_block_of_title_and_bare_name() -> None:
    s = story("The Glass Orchard\n\nMara Quill\n\n# Prologue\n\n" + STORY, markdown=True)
    assert (s.title, s.authors) == ("The Glass Orchard", ["Mara Quill"])


def test_title_block_with_the_name_above_a_title_in_capitals() -> None:
    s = story("Мария Петровна Лесная\n\nСОЛЬ И ДОЖДЬ\n\nI\n\nДождь шёл три дня.\n")
    assert (s.title, s.authors) == ("СОЛЬ И ДОЖДЬ", ["Мария Петровна Лесная"])


def test_title_over_a_weekday_is_no_byline() -> None:
    s = story("The Glass Orchard\n\nMonday Morning\n\n" + STORY)
    assert s.authors == []


def test_aozora_style_title_and_author_on_the_first_two_lines() -> None:
    s = story("山の音\n川端花子\n\n［＃５字下げ］一［＃「一」は中見出し］\n\n　雨が降っていた。\n")
    assert (s.title, s.authors) == ("山の音", ["川端花子"])


def test_chinese_title_forms() -> None:
    bracket = story("《山居笔记》\n\n第一章 山\n\n山很高。\n")
    assert bracket.title == "山居笔记"
    slash = story("[山居笔记 / 林小雨 著]\n\n第一章 山\n\n山很高。\n")
    assert (slash.title, slash.authors) == ("山居笔记", ["林小雨"])


def test_title_over_byline_after_opening_notes() -> None:
    text = (
        "**Disclaimer: I own nothing.**\n\n**Thanks: to my patient beta.**\n\n"
        "**The Glass Orchard**\n\n**By quillfeather**\n\n**Chapter 1: Rain**\n\n" + STORY
    )
    s = story(text, markdown=True)
    assert (s.title, s.authors) == ("The Glass Orchard", ["quillfeather"])


def test_repeated_title_and_byline_are_not_story_text() -> None:
    text = (
        "Title: The Glass Orchard\nAuthor: quillfeather\n\n"
        "Chapter 1\n\nThe Glass Orchard\n\nby quillfeather\n\n" + STORY
    )
    s = story(text)
    words = " ".join(str(b) for c in s.chapters for b in c.blocks)
    assert "Glass Orchard" not in words
    assert s.authors == ["quillfeather"]


def test_same_person_in_other_spellings() -> None:
    assert same_person("SIR ARTHUR QUILL", "Arthur Quill")
    assert same_person("W. Harrison Quill", "William Harrison Quill")
    assert not same_person("Mara Quill", "Tess Quill")


# --- Markdown --------------------------------------------------------------------------------------------


def test_a_lone_h1_over_h2_chapters_is_the_title() -> None:
    s = story("# The Glass Orchard\n\n## The Rain\n\n" + STORY + "\n## The Sun\n\n" + STORY, markdown=True)
    assert s.title == "The Glass Orchard"
    assert [c.title for c in s.chapters] == ["The Rain", "The Sun"]


def test_a_lone_h1_on_a_one_shot_is_the_title() -> None:
    s = story("# The Glass Orchard\n\n" + STORY, markdown=True)
    assert s.title == "The Glass Orchard"


def test_h1_chapter_headings_are_not_the_title() -> None:
    s = story("# Chapter 1: Rain\n\n" + STORY, markdown=True)
    assert s.title is None
    several = story("# Rain\n\n" + STORY + "\n# Sun\n\n" + STORY, markdown=True)
    assert several.title is None


def test_yaml_front_matter() -> None:
    text = (
        "---\ntitle: 'Salt: A Sea Story'\nauthor: [quillfeather, nightjar]\nlayout: post\n"
        "tags:\n  - sea\n  - letters\nsummary: >\n  A keeper and\n  a letter.\n---\n\n" + STORY
    )
    s = story(text, markdown=True)
    assert s.title == "Salt: A Sea Story"
    assert s.authors == ["quillfeather", "nightjar"]
    assert fields(s)["tags"] == "sea, letters"
    assert s.summary == "A keeper and a letter."
    assert "layout" not in fields(s)


def test_front_matter_that_is_not_valid_yaml_is_still_read() -> None:
    s = story("---\ntitle: Salt: Book Two\nauthor: quillfeather\n---\n\n" + STORY, markdown=True)
    assert (s.title, s.authors) == ("Salt: Book Two", ["quillfeather"])


def test_prose_between_two_rules_is_not_front_matter() -> None:
    s = story(
        "---\nThe rain fell. Mara watched it fall and said nothing at all.\n---\n\n" + STORY, markdown=True
    )
    assert s.metadata == []


def test_toml_front_matter() -> None:
    s = story('+++\ntitle = "Salt"\nauthor = "quillfeather"\n+++\n\n' + STORY, markdown=True)
    assert (s.title, s.authors) == ("Salt", ["quillfeather"])


def test_html_in_markdown_is_structure() -> None:
    text = (
        "<p>\nFirst passage, the rain.\n</p><p>\nStill the rain.\n"
        "</p><hr><!-- a note -->\n<p>\nSun at last.\n</p>\n"
    )
    s = story(text, markdown=True)
    from fic2epub.model import SceneBreak, text_of_block

    blocks = s.chapters[0].blocks
    texts = [text_of_block(b) for b in blocks]
    assert "a note" not in " ".join(texts)
    assert "<p>" not in " ".join(texts)
    assert sum(isinstance(b, SceneBreak) for b in blocks) == 1


def test_unlabelled_summary_between_title_and_first_chapter() -> None:
    text = (
        "The Glass Orchard\n\nMara keeps an orchard of glass trees alive through a year of rain.\n\n"
        "<!-- more -->\n\n# Chapter 1\n\n" + STORY
    )
    s = story(text, markdown=True)
    assert s.summary == "Mara keeps an orchard of glass trees alive through a year of rain."


def test_an_epigraph_is_not_a_summary() -> None:
    s = story("The Glass Orchard\n\nAll that glitters\n\nChapter 1\n\n" + STORY)
    assert s.summary is None


def test_first_paragraph_of_a_one_shot_is_not_a_summary() -> None:
    s = story("The Glass Orchard\n\n" + STORY + "\n" + STORY)
    assert s.summary is None
    assert s.chapters and s.chapters[0].blocks


def test_a_link_value_keeps_its_address() -> None:
    text = (
        "The Glass Orchard\n\n"
        '<div class="panel">\nFirst posted at: <a href="\nhttps://example.org/s/1\n">\n'
        "The Glass Orchard\n</a>\n</div>\n\n"
        "# Rain\n\n" + STORY
    )
    s = story(text, markdown=True)
    assert {f.label: f.value for f in s.metadata}["First posted at"] == "https://example.org/s/1"


# --- contents and boilerplate -------------------------------------------------------------------------


def test_a_table_of_contents_is_dropped() -> None:
    text = (
        "Contents\n\nChapter 1: The Rain\nChapter 2: The Sun\n\nChapter 1: The Rain\n\n"
        + STORY
        + "\nChapter 2: The Sun\n\nThe sun came out at last, and dried it all.\n"
    )
    tokens = tokenize(text)
    assert tokens[0].kind == "contents"
    assert tokens[0].data["entries"] == ["Chapter 1: The Rain", "Chapter 2: The Sun"]
    s = story(text)
    assert s.chapters[0].title == "Chapter 1: The Rain"
    assert "Chapter 2" not in " ".join(str(b) for b in s.chapters[0].blocks[:1])


def test_a_numbered_list_is_a_table_of_contents_when_its_first_entry_comes_back() -> None:
    text = "1. The Rain\n2. The Sun\n3. The Moon\n\n\nThe Rain\n\n" + STORY
    assert tokenize(text)[0].kind == "contents"
    listed = "1. Buy salt\n2. Buy bread\n3. Buy rope\n\n" + STORY
    assert tokenize(listed)[0].kind != "contents"


GUTENBERG = (
    "The Project Gutenberg EBook of Salt, by Mara Quill\n\n"
    "This eBook is for the use of anyone anywhere at no cost and with\nalmost no restrictions whatsoever.\n\n"
    "Title: Salt\n       A Sea Story\n\nAuthor: Mara Quill\n\nRelease Date: May 1, 2001 [EBook #1]\n\n"
    "Language: English\n\nCharacter set encoding: ASCII\n\n"
    "*** START OF THIS PROJECT GUTENBERG EBOOK SALT ***\n\n\n\nProduced by a volunteer\n\n\n\n"
    "SALT\n\nA SEA STORY\n\nby\n\nMARA QUILL\n\n\n\nCHAPTER I\n\n" + STORY + "\n\n"
    "End of the Project Gutenberg EBook of Salt, by Mara Quill\n\n"
    "*** END OF THIS PROJECT GUTENBERG EBOOK SALT ***\n\nSection 1. The licence says many things.\n"
)


def test_gutenberg_header_and_licence() -> None:
    s = story(GUTENBERG)
    assert s.title == "Salt: A Sea Story"
    assert s.authors == ["Mara Quill"]
    assert fields(s)["release date"] == "May 1, 2001 [EBook #1]"
    assert s.language == "en"
    text = " ".join(str(b) for c in s.chapters for b in c.blocks)
    for boilerplate in ("licence", "Gutenberg", "use of anyone", "Produced by", "MARA QUILL", "SALT"):
        assert boilerplate not in text
    assert any("closing" in d for d in s.dropped)


def test_a_site_watermark_at_top_and_end_is_dropped() -> None:
    text = (
        "《山居笔记》\n书香小站 https://www.example.cn 最好的小说网站\n\n第一章 山\n\n山很高。\n\n"
        "书香小站 https://www.example.cn 欢迎再来\n"
    )
    s = story(text)
    assert s.title == "山居笔记"
    assert all("example" not in str(b) for c in s.chapters for b in c.blocks)


def test_content_start_marker_drops_the_download_disclaimer() -> None:
    text = (
        "[山居笔记 / 林小雨 著]\n本书仅供预览，请于下载后删除。\n\n"
        "------章节内容开始-------\n\n第一章 山\n\n山很高。\n"
    )
    s = story(text)
    assert (s.title, s.authors) == ("山居笔记", ["林小雨"])
    assert all("预览" not in str(b) for c in s.chapters for b in c.blocks)


# --- whole layouts from the tools and sites people copy stories from ------------------------------------

LONG = "The rain had not stopped for three days, and Mara had stopped counting the buckets on the porch.\n"


def test_fanficfare_text_layout() -> None:
    text = (
        "\n\n\nThe Glass Orchard\n\nby quillfeather\n\n\n\n"
        "Category: Original Work\nGenre: Drama, Family\nLanguage: English\nStatus: In-Progress\n"
        "Published: 2020-01-01\nUpdated: 2020-02-02\nPackaged: 2021-01-01 10:00:00\nRating: T\nChapters: 2\n"
        "Words: 5,000\nPublisher: www.fanfiction.net\nSummary: Mara keeps an orchard of glass\n"
        "trees through a year of rain.\n\n\n\nTABLE OF CONTENTS\n\n\nThe Rain\n\n\nThe Sun\n\n\n"
        "\tThe Rain\n\n" + LONG + "\n" + LONG + "\n\n\tThe Sun\n\n" + LONG + "\n\nEnd file.\n"
    )
    s = story(text)
    assert (s.title, s.authors) == ("The Glass Orchard", ["quillfeather"])
    got = fields(s)
    assert got["summary"] == "Mara keeps an orchard of glass trees through a year of rain."
    assert got["words"] == "5,000"
    assert {f.label for f in s.metadata} >= {"Packaged", "Publisher"}
    assert "TABLE OF CONTENTS" not in " ".join(str(b) for c in s.chapters for b in c.blocks)


def test_ao3_copied_work_page_layout() -> None:
    text = (
        "Rating:\n    Teen And Up Audiences\nArchive Warning:\n    No Archive Warnings Apply\n"
        "Fandom:\n    Original Work\nRelationship:\n    Mara/Tess\nAdditional Tags:\n    Fluff, Rain\n"
        "Language:\n    English\nStats:\n    Published:\n        2020-01-01\n    Words:\n        1,234\n"
        "    Chapters:\n        1/1\n    Kudos:\n        10\n\n"
        "The Glass Orchard\nquillfeather\nSummary:\n\n    Mara keeps an orchard.\n\n"
        "Notes:\n\n    Thanks to my beta.\n\nWork Text:\n\n" + LONG + "\n" + LONG
    )
    s = story(text)
    assert (s.title, s.authors) == ("The Glass Orchard", ["quillfeather"])
    got = fields(s)
    assert (got["rating"], got["pairing"], got["words"]) == ("Teen And Up Audiences", "Mara/Tess", "1,234")
    assert {f.label: f.value for f in s.metadata}["Kudos"] == "10"
    assert s.summary == "Mara keeps an orchard."
    text_blocks = " ".join(str(b) for c in s.chapters for b in c.blocks)
    assert "Work Text" not in text_blocks and "buckets" in text_blocks


def test_fanfiction_net_copied_header() -> None:
    text = (
        "The Glass Orchard\nBy: quillfeather\n"
        "Mara keeps an orchard of glass trees through a year of rain. Tess helps.\n"
        "Rated: Fiction T - English - Drama/Family - Mara, Tess - Words: 5,000 - Reviews: 3 - "
        "Published: Jan 1, 2020 - Status: Complete - id: 123\n\n" + LONG
    )
    s = story(text)
    assert (s.title, s.authors) == ("The Glass Orchard", ["quillfeather"])
    assert s.summary == "Mara keeps an orchard of glass trees through a year of rain. Tess helps."
    got = fields(s)
    assert (got["rating"], got["language"], got["genre"], got["characters"]) == (
        "Fiction T",
        "English",
        "Drama/Family",
        "Mara, Tess",
    )
    assert (got["words"], got["status"]) == ("5,000", "Complete")


FFNET_STATS = (
    "Rated: Fiction T - English - Romance/Drama - Harry P., Hermione G. - Chapters: 3 - Words: 12,345 - "
    "Reviews: 56 - Favs: 7 - Follows: 8 - Updated: 5/6/2015 - Published: 1/2/2014 - Status: Complete - "
    "id: 1234567"
)


def test_fanfiction_net_stats_line_is_split_into_its_fields() -> None:
    s = story("The Glass Orchard\nBy: quillfeather\n" + FFNET_STATS + "\n\n" + LONG)
    assert [(f.label, f.value) for f in s.metadata] == [
        ("Rated", "Fiction T"),
        ("Language", "English"),
        ("Genre", "Romance/Drama"),
        ("Characters", "Harry P., Hermione G."),
        ("Chapters", "3"),
        ("Words", "12,345"),
        ("Reviews", "56"),
        ("Favs", "7"),
        ("Follows", "8"),
        ("Updated", "5/6/2015"),
        ("Published", "1/2/2014"),
        ("Status", "Complete"),
        ("id", "1234567"),
    ]
    assert [f.key for f in s.metadata][:4] == ["rating", "language", "genre", "characters"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Rated: K+ - English - Humor - Words: 800 - Published: Jan 2, 2014 - id: 99",
            {"rating": "K+", "language": "English", "genre": "Humor", "words": "800", "id": "99"},
        ),
        (
            "Rated: Fiction M - Spanish - [Harry P., Ginny W.] Ron W. - Chapters: 12 - Status: Complete",
            {"rating": "Fiction M", "language": "Spanish", "characters": "[Harry P., Ginny W.] Ron W."},
        ),
        (
            "Rated: T  -  English  -  Adventure/Hurt/Comfort  -  Words: 1,234",
            {"rating": "T", "language": "English", "genre": "Adventure/Hurt/Comfort", "words": "1,234"},
        ),
        ("Rated: M - French - Words: 5,000", {"rating": "M", "language": "French", "words": "5,000"}),
    ],
    ids=["no-fiction-word", "pairing-in-brackets", "spaces-doubled", "language-and-figures-only"],
)
def test_fanfiction_net_stats_line_variants(line: str, expected: dict[str, str]) -> None:
    got = fields(story("Title: The Glass Orchard\n" + line + "\n\n" + LONG))
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("Rating: T", "rating", "T"),
        ("Rated: T", "rating", "T"),
        ("Rating: T - English - Romance - Words: 5 - Status: Complete", "rating", "T - English - Romance"),
        ("Rated: T - for language - and some violence", "rating", "T - for language - and some violence"),
        ("Rated: PG-13 - Romance - Drama - Words: 5 - Status: Complete", "rating", "PG-13 - Romance - Drama"),
    ],
    ids=["rating", "rated-alone", "not-rated", "no-stats-labels", "not-a-site-rating"],
)
def test_other_rating_lines_are_not_split_as_the_stats_line(line: str, key: str, value: str) -> None:
    got = fields(story("Title: The Glass Orchard\n" + line + "\n\n" + LONG))
    assert got[key] == value
    assert "language" not in got


@pytest.mark.parametrize(("language", "code"), [("English", "en"), ("French", "fr"), ("Spanish", "es")])
def test_the_stats_lines_language_is_the_books(language: str, code: str) -> None:
    text = f"Title: The Glass Orchard\nRated: Fiction K - {language} - Family - Words: 900\n\n{LONG}"
    assert detect_language(story(text)) == code


def test_ficbook_style_russian_header() -> None:
    text = (
        "Соль\n\nАвтор: Мария Лесная\nФэндом: Ориджиналы\nПэйринг и персонажи: Мара/Тесса\nРейтинг: G\n"
        "Метки: Дождь, Сад\n\nОписание:\nМара хранит стеклянный сад.\n\n"
        "Дождь шёл третий день, и Мара перестала считать вёдра.\n"
    )
    s = story(text)
    assert (s.title, s.authors) == ("Соль", ["Мария Лесная"])
    got = fields(s)
    assert (got["pairing"], got["rating"], got["summary"]) == (
        "Мара/Тесса",
        "G",
        "Мара хранит стеклянный сад.",
    )


def test_a_sites_stamp_under_each_chapter_heading_is_dropped() -> None:
    text = (
        "第一章 山\n更新时间:2007-11-16 7:55:51 本章字数:4804\n\n山很高。\n\n"
        "第二章 水\n更新时间:2007-11-17 8:00:00\n\n水很深。\n"
    )
    s = story(text)
    assert all("更新" not in str(b) for c in s.chapters for b in c.blocks)
    assert sum("date and word count" in d for d in s.dropped) == 2
    kept = story("Chapter 1\n\nUpdated: the orchard had grown since spring, and so had Mara.\n")
    assert "orchard" in str(kept.chapters[0].blocks)


def test_a_chat_after_the_header_is_story_text() -> None:
    text = "Title: Salt\nRating: G\n\nMara: You came back.\nTess: I said I would.\nMara: It rained.\n"
    s = story(text)
    assert [f.key for f in s.metadata] == ["rating"]
    assert "You came back" in str(s.chapters[0].blocks)


def test_an_authors_links_at_top_and_end_are_kept() -> None:
    text = (
        "Also on AO3: https://archive.example.org/works/1\n\n" + LONG + "\n" + LONG + "\n" + LONG + "\n"
        "Find me at https://archive.example.org/users/me and say hello!\n"
    )
    s = story(text)
    assert "Find me" in " ".join(str(b) for c in s.chapters for b in c.blocks)


def test_fields_as_a_markdown_list_and_a_linked_author() -> None:
    text = (
        "# The Glass Orchard\n\n- **Author:** [quillfeather](https://example.org/u/quill)\n"
        "- **Fandom:** Original Work\n- **Source:** [first posted](https://example.org/s/1)\n\n" + STORY
    )
    s = story(text, markdown=True)
    assert s.authors == ["quillfeather"]
    assert fields(s)["fandom"] == "Original Work"
    assert fields(s)["source"] == "https://example.org/s/1"
    listed = story("- Buy salt: two bags\n- Buy bread: one loaf\n\n" + STORY, markdown=True)
    assert listed.metadata == []


def test_newer_gutenberg_header() -> None:
    text = (
        "The Project Gutenberg eBook of Salt; Or, A Sea Story\n\n"
        "This ebook is for the use of anyone anywhere in the United States and\n"
        "most other parts of the world.\n\n"
        "Title: Salt; Or, A Sea Story\n\nAuthor: Mara Quill\n\nRelease date: May 1, 2001 [eBook #1]\n"
        "                Most recently updated: June 2, 2022\n\nLanguage: English\n\n"
        "Credits: A volunteer\n\n*** START OF THE PROJECT GUTENBERG EBOOK SALT; OR, A SEA STORY ***\n\n\n"
        "CHAPTER I\n\n"
        + STORY
        + "\n*** END OF THE PROJECT GUTENBERG EBOOK SALT; OR, A SEA STORY ***\n\nLicence.\n"
    )
    s = story(text)
    assert (s.title, s.authors) == ("Salt; Or, A Sea Story", ["Mara Quill"])
    assert fields(s)["release date"] == "May 1, 2001 [eBook #1]"
    assert "Licence" not in " ".join(str(b) for c in s.chapters for b in c.blocks)


def test_gutenberg_header_without_title_field() -> None:
    text = (
        "The Project Gutenberg EBook of Salt, by Mara Quill\n\nThis eBook is for the use of anyone.\n\n"
        "*** START OF THIS PROJECT GUTENBERG EBOOK SALT ***\n\nCHAPTER I\n\n" + STORY
    )
    s = story(text)
    assert (s.title, s.authors) == ("Salt", ["Mara Quill"])


def test_author_full_stop_title_line() -> None:
    s = story("Мария Лесная. Соль и дождь\n" + "-" * 40 + "\n\nДождь шёл третий день.\n")
    assert (s.title, s.authors) == ("Соль и дождь", ["Мария Лесная"])
    plain = story("Mara went home. Tess stayed\n\n" + STORY)
    assert plain.authors == []


def test_a_fandom_named_in_the_byline() -> None:
    s = story("The Glass Orchard\n\nA Sea Stories fanfic by quillfeather\n\n" + STORY)
    assert s.authors == ["quillfeather"]


def test_aozora_title_subtitle_author_translator() -> None:
    s = story(
        "山の音\n上巻\n川端花子\n森一郎訳\n\n［＃５字下げ］一［＃「一」は中見出し］\n\n　雨が降っていた。\n"
    )
    assert (s.title, s.authors) == ("山の音 上巻", ["川端花子"])
    assert fields(s)["translator"] == "森一郎"
    poem = story("Rain on the roof\nRain on the road\nRain in my heart\n\n" + STORY)
    assert poem.authors == []


@pytest.mark.parametrize("stamp", ["London, 1888", "Three years later", "Meanwhile, at the lake", "10:30 pm"])
def test_a_place_and_time_over_the_first_scene_is_no_title(stamp: str) -> None:
    s = story(f"{stamp}\n\n" + STORY)
    assert s.title is None
    assert stamp.split()[0] in str(s.chapters[0].blocks[0])


def test_a_title_underlined_by_a_rule() -> None:
    assert story("The Glass Orchard\n*****************\n\n" + STORY).title == "The Glass Orchard"
    assert story("The Glass Orchard\n=================\n\n" + STORY).title == "The Glass Orchard"


# --- headers from outside the corpus: LiveJournal, Dreamwidth, other languages ---


@pytest.mark.parametrize(
    ("byline", "author"),
    [("von nachtfalter", "nachtfalter"), ("par brumedemer", "brumedemer"), ("por lunallena", "lunallena"),
     ("di ventodelnord", "ventodelnord"), ("escrito por Ana Sol", "Ana Sol")],
)  # fmt: skip
def test_a_byline_in_another_language_under_the_title(byline: str, author: str) -> None:
    s = story(f"Der Garten\n{byline}\n\nKapitel 1\n\n{STORY}")
    assert (s.title, s.authors) == ("Der Garten", [author])


def test_another_languages_by_is_read_only_under_a_first_line_title() -> None:
    s = story(f"Chapter 1\n\nThe garden was quiet.\nDe Vries came in.\n\n{STORY}")
    assert s.authors == []


def test_a_note_among_the_fields_stops_at_the_next_field() -> None:
    s = story(
        "Title: The Long Way Round\nAuthor: marginalia\nRating: PG-13\n"
        'Notes: For the prompt "maps".\nSummary: John buys a map.\n\n' + STORY
    )
    assert fields(s)["summary"] == "John buys a map."
    assert [b.blocks[0] for b in s.front_notes]  # the note is still a note
    assert "Summary" not in str(s.front_notes)


def test_a_field_value_stops_at_a_note_label() -> None:
    s = story(
        "Title: Lighthouse Hours\nAuthor: saltmarsh\nWarnings: none\n"
        "Author's notes: Written in one sitting.\n\n" + STORY
    )
    assert fields(s)["warnings"] == "none"
    assert s.note_count() == 1
