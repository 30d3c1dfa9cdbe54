"""The HTML reader: AO3 downloads (new and old labels), saved AO3 work pages (chapter view and one-shot),
saved FanFiction.Net chapter pages (one page, and several pages in a folder), other pages and
fragments, the cleaning rules, and detection by content.

The fixture pages under fixtures/html/ are small pages written here that imitate each layout's
structure; their stories are made up.  The corpus test at the end reads ../shared/corpus and is skipped
where it is absent.
"""

from __future__ import annotations

import base64
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import fic2epub
from fic2epub.cli.inspect import story_summary
from fic2epub.model import (
    AuthorNote,
    Block,
    BlockQuote,
    Chapter,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    SceneBreak,
    Span,
    Story,
    text_of_block,
    text_of_inlines,
)
from fic2epub.readers.html import looks_like_html
from fic2epub.readers.html.blocks import IN_PARAGRAPH
from support.modules import CORPUS, load_scorer

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
OPTIONS = fic2epub.Options()  # as `fic2epub convert` runs, cover included
# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def read(name: str) -> Story:
    return fic2epub.parse(FIXTURES / name)


def page(tmp_path: Path, body: str, name: str = "page.html") -> Story:
    """A story read from a small page written to tmp_path."""
    path = tmp_path / name
    path.write_text(f"<!DOCTYPE html><html><head><title>Test Page</title></head><body>{body}</body></html>")
    return fic2epub.parse(path)


def notes(chapter: Chapter) -> list[AuthorNote]:
    return [b for b in chapter.blocks if isinstance(b, AuthorNote)]


def story_text(story: Story) -> str:
    blocks: list[Block] = [*story.front_notes, *story.back_notes]
    for chapter in story.chapters:
        blocks.extend(chapter.blocks)
    return "\n".join(text_of_block(b) for b in blocks)


def paragraphs(chapter: Chapter) -> list[str]:
    return [text_of_inlines(b.inlines) for b in chapter.blocks if isinstance(b, Paragraph)]


def spans(inlines: list[Inline]) -> list[tuple[str, str]]:
    """(kind, text) of every span, depth first."""
    out: list[tuple[str, str]] = []
    for node in inlines:
        if isinstance(node, Span):
            out.append((node.kind, text_of_inlines(node.children)))
            out.extend(spans(node.children))
        elif isinstance(node, Link):
            out.extend(spans(node.children))
    return out


# ---------------------------------------------------------------- AO3 downloads


def test_ao3_download_new_labels_multi_chapter() -> None:
    story = read("ao3_download_new.html")
    assert story.title == "The Lighthouse Keeper's Ledger"
    assert story.authors == ["quillfeather"]
    assert story.get("rating") == "General Audiences"
    assert story.get("warnings") == "No Archive Warnings Apply"
    assert story.get("category") == "Gen"
    assert story.get("fandom") == "Tidewater Chronicles"
    assert story.get("pairing") == "Mara & Old Tobias"
    assert story.get("characters") == "Mara Quell, Old Tobias"
    assert story.get("tags") == "Found Family, Storms"
    assert story.get("language") == "English"
    assert story.get("collections") == "Small Harbours Exchange 2022"
    assert story.get("series") == "Part 3 of Salt and Lamplight"
    assert story.series is not None and story.series.name == "Salt and Lamplight"
    assert story.series.position == 3
    stats = [
        (f.label, f.value) for f in story.metadata if f.key in ("published", "completed", "words", "chapters")
    ]
    assert stats == [
        ("Published", "2022-04-01"),
        ("Completed", "2022-04-09"),
        ("Words", "412"),
        ("Chapters", "2/2"),
    ]
    assert story.summary == "A keeper counts ships. One night a ship counts her back."
    assert [n.label for n in story.front_notes] == ["Notes"]
    assert [n.label for n in story.back_notes] == ["End Notes"]

    first, second = story.chapters
    assert (first.title, first.number, first.name) == ("Chapter 1: The Ledger", "Chapter 1", "The Ledger")
    assert second.title == "Chapter 2: The Ship"
    assert [n.label for n in notes(first)] == ["Chapter Summary", "Chapter Notes", "Chapter End Notes"]
    assert isinstance(first.blocks[0], AuthorNote) and isinstance(first.blocks[-1], AuthorNote)
    assert sum(isinstance(b, SceneBreak) for b in first.blocks) == 1
    after_break = first.blocks[[isinstance(b, SceneBreak) for b in first.blocks].index(True) + 1]
    assert text_of_block(after_break) == "By morning the storm had passed over the point."
    assert any(isinstance(b, BlockQuote) for b in first.blocks)
    lists = [b for b in first.blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1 and [text_of_block(i[0]) for i in lists[0].items] == ["rope", "oil", "matches"]
    second_paragraph = next(
        b for b in first.blocks if isinstance(b, Paragraph) and "care" in text_of_block(b)
    )
    assert text_of_block(second_paragraph) == "Mara turned the first page with great care."
    assert ("emphasis", "great") in spans(second_paragraph.inlines)
    swore = next(b for b in second.blocks if isinstance(b, Paragraph) and "swore" in text_of_block(b))
    assert ("strong", "swore") in spans(swore.inlines)
    assert "See the end" not in story_text(story)


def test_ao3_download_old_plural_labels_one_shot() -> None:
    story = read("ao3_download_old.html")
    assert story.title == "Winter Orchard"
    assert story.authors == ["appletree", "snowpear"]
    labels = {f.label: f.key for f in story.metadata}
    assert labels["Archive Warnings"] == "warnings"
    assert labels["Categories"] == "category"
    assert labels["Fandoms"] == "fandom"
    assert labels["Relationships"] == "pairing"
    assert labels["Characters"] == "characters"
    assert story.get("fandom") == "Orchard Tales, Frost Kingdom"
    assert story.summary == "Two gardeners, one frost."
    (chapter,) = story.chapters
    assert chapter.title is None
    assert sum(isinstance(b, SceneBreak) for b in chapter.blocks) == 1
    assert "* * *" not in story_text(story)
    assert [n.label for n in story.back_notes] == ["End Notes"]


# ---------------------------------------------------------------- saved AO3 work pages


def test_ao3_work_page_chapter_view() -> None:
    story = read("ao3_page_chapter.html")
    assert story.title == "The Glass Canal"
    assert story.authors == ["rivet_and_reed"]
    assert story.get("tags") == "Heist, Glassblowing"
    assert story.get("warnings") == "Graphic Depictions Of Violence"
    assert story.series is not None and (story.series.name, story.series.position) == ("The Glass Cycle", 2)
    assert story.get("kudos") == "12" and story.get("updated") == "2021-06-08"
    assert story.summary == "Nobody steals from the glass guild. Almost nobody."
    assert [text_of_block(n) for n in story.front_notes] == ["This began as a dare from my sister."]
    (chapter,) = story.chapters
    assert (chapter.title, chapter.number, chapter.name) == (
        "Chapter 1: Cold Furnace",
        "Chapter 1",
        "Cold Furnace",
    )
    assert [n.label for n in notes(chapter)] == ["Chapter Notes", "Chapter End Notes"]
    assert sum(isinstance(b, SceneBreak) for b in chapter.blocks) == 1
    text = story_text(story)
    for chrome in (
        "Log In",
        "Fandoms",
        "Next Chapter",
        "Kudos",
        "Comment as guest",
        "Chapter Text",
        "Footer",
    ):
        assert chrome not in text


def test_ao3_work_page_one_shot_pointer_is_not_a_note() -> None:
    story = read("ao3_page_oneshot.html")
    assert story.title == "Paper Boats"
    assert story.front_notes == []  # "(See the end of the work for notes.)" is AO3's, not the author's
    assert [text_of_block(n) for n in story.back_notes] == ["Inspired by my niece and her boats."]
    (chapter,) = story.chapters
    assert chapter.title is None
    assert paragraphs(chapter)[0].startswith("Every Sunday Pia")
    assert "Work Text" not in story_text(story)


# ---------------------------------------------------------------- FanFiction.Net pages


def test_ffnet_pages_in_a_folder_make_one_book_in_chapter_order() -> None:
    story = read("ffnet_story")
    assert story.title == "Ember Road"
    assert story.authors == ["Cinder Quill"]
    assert story.get("fandom") == "Avatar: Last Airbender"
    assert story.get("rating") == "Fiction K+"
    assert story.get("language") == "English"
    assert story.get("genre") == "Adventure/Hurt/Comfort"
    assert story.get("characters") == "Zuko, Iroh"
    assert story.get("words") == "1,234"
    assert story.get("status") == "Complete"
    assert story.get("id") == "12345"
    assert story.summary == "Two travellers, one road, and a map that lies. Complete."
    # the files sort the other way round: the chapter menu orders them
    first, second = story.chapters
    assert first.title == "Chapter 1 – The Ash Gate"  # the heading as written in the text
    assert second.title == "Crossing"  # no heading in the text: the chapter menu's name
    assert [n.label for n in notes(first)] == ["Disclaimer", "A/N", None]
    assert text_of_block(notes(first)[0]) == "I own none of these characters."
    assert text_of_block(notes(first)[2]) == "Thanks for reading! Please review!"
    assert sum(isinstance(b, SceneBreak) for b in first.blocks) == 2  # xXx, and the centred ~o~ER~o~
    assert [text_of_block(n).split("\n\n") for n in notes(second)] == [
        ["That's the end! Thank you all for the kind reviews.", "See you in the sequel."]
    ]
    text = story_text(story)
    for chrome in ("Follow/Fav", "Review this chapter", "Terms of Service", "Next >", "FanFiction", "xXx"):
        assert chrome not in text


def test_metadata_file_beside_saved_pages(tmp_path: Path) -> None:
    folder = tmp_path / "ember"
    shutil.copytree(FIXTURES / "ffnet_story", folder)
    (folder / "index.md").write_text("Title: Ember Road (revised)\nSeries: Fire Roads, Book 2\n")
    story = fic2epub.parse(folder)
    assert story.title == "Ember Road (revised)"  # the reader's own metadata file wins
    assert story.series is not None and (story.series.name, story.series.position) == ("Fire Roads", 2)
    assert [c.title for c in story.chapters] == ["Chapter 1 – The Ash Gate", "Crossing"]
    assert story.authors == ["Cinder Quill"] and story.get("rating") == "Fiction K+"


def test_ffnet_stats_line_gives_the_same_fields_on_the_page_and_in_a_text_copy(tmp_path: Path) -> None:
    line = (
        "Rated: Fiction M - English - Romance/Drama - [Harry P., Ginny W.] Ron W. - Chapters: 3 - "
        "Words: 12,345 - Reviews: 56 - Favs: 7 - Follows: 8 - Updated: 5/6/2015 - Published: 1/2/2014 - "
        "Status: Complete - id: 1234567"
    )
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Moth Lantern, a harry potter fanfic | FanFiction</title></head><body>"
        "<div id=profile_top><b>Moth Lantern</b> By: <a href='/u/77/Pell'>Pell</a>"
        f"<span class='xgray xcontrast_txt'>{line.replace('Fiction M', '<a>Fiction  M</a>')}</span></div>"
        "<div id=storytext><p>The lantern hissed, and the moths came anyway.</p></div></body></html>"
    )
    copy = tmp_path / "copy.txt"
    copy.write_text(f"Moth Lantern\nBy: Pell\n{line}\n\nThe lantern hissed, and the moths came anyway.\n")
    on_page = [(f.label, f.value, f.key) for f in fic2epub.parse(page).metadata]
    in_text = [(f.label, f.value, f.key) for f in fic2epub.parse(copy).metadata]
    assert on_page == in_text
    assert on_page[:4] == [
        ("Rated", "Fiction M", "rating"),
        ("Language", "English", "language"),
        ("Genre", "Romance/Drama", "genre"),
        ("Characters", "[Harry P., Ginny W.] Ron W.", "characters"),
    ]


def test_ffnet_single_page() -> None:
    story = read("ffnet_story/b-the-ash-gate.html")
    assert story.title == "Ember Road"
    assert [c.title for c in story.chapters] == ["Chapter 1 – The Ash Gate"]
    assert paragraphs(story.chapters[0])[0].startswith("The road began at the ash gate")


def test_ffnet_mobile_page_and_header_lines_in_one_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "m.html"
    path.write_text(
        "<html><head><title>Moth Lantern, a harry potter fanfic | FanFiction</title></head><body>"
        "<div id=content><div align=center><b>Moth Lantern</b> by <a href='/u/77/Pell'>Pell</a></div>"
        "<div id=storycontent class=storycontent><p><b>Title:</b> Moth Lantern<br><b>Rating:</b> T<br>"
        "<b>Pairing:</b> None<br>Chapter 1: Wick</p><p>(A/N: first try, be nice)</p>"
        "<p>The lantern hissed, and the moths came anyway.</p></div></div></body></html>"
    )
    story = fic2epub.parse(path)
    assert (story.title, story.authors) == ("Moth Lantern", ["Pell"])
    assert (story.get("rating"), story.get("pairing")) == ("T", "None")
    (chapter,) = story.chapters
    assert chapter.title == "Chapter 1: Wick"
    assert [(n.label, text_of_block(n)) for n in notes(chapter)] == [("A/N", "first try, be nice")]
    assert paragraphs(chapter) == ["The lantern hissed, and the moths came anyway."]


def test_heading_repeated_as_the_first_line_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "ch2.html"
    path.write_text(
        "<html><head><title>Ember Road Chapter 2: Crossing, an avatar fanfic | FanFiction</title></head>"
        "<body><div id=profile_top><b>Ember Road</b> By: <a href='/u/1/x'>Cinder Quill</a></div>"
        "<select id=chap_select><option value=2 selected>2. Crossing</select><div id=storytext>"
        "<p><strong>~ Crossing ~</strong></p><p>The river crossing took all morning.</p></div></body></html>"
    )
    (chapter,) = fic2epub.parse(path).chapters
    assert chapter.title == "Crossing"
    assert paragraphs(chapter) == ["The river crossing took all morning."]


def test_br_runs_are_decided_like_blank_lines() -> None:
    story = read("ffnet_old_br.html")
    (chapter,) = story.chapters
    kinds = ["break" if isinstance(b, SceneBreak) else "p" for b in chapter.blocks]
    assert kinds == ["p", "p", "p", "p", "break", "p", "p", "p", "p"]
    # the file's paragraph gap is <br><br>: a single <br> is a line break inside a paragraph
    grandmother = next(
        b for b in chapter.blocks if isinstance(b, Paragraph) and "foolish" in text_of_block(b)
    )
    assert any(isinstance(n, LineBreak) for n in grandmother.inlines)
    assert chapter.blocks[5] == Paragraph.of(
        "Three summers later, nobody remembered the well at all, except Tamsin."
    )


# ---------------------------------------------------------------- other pages and fragments


def test_fragments_folder_notes_page_and_contents_page() -> None:
    story = read("fragments_story")
    assert [(c.title, c.number, c.name) for c in story.chapters] == [
        ("The Bell Tower", "1", "The Bell Tower"),
        ("The Rope", "2", "The Rope"),
    ]
    assert paragraphs(story.chapters[0])[0].startswith("The bell had not rung")  # drop cap joined
    assert [(n.label, text_of_block(n)) for n in story.back_notes] == [
        ("Chapter 1", "I have always wanted to write about a bell."),
        ("Chapter 3", "The rope is a clue. Keep it in mind."),
    ]
    assert any("table of contents" in d for d in story.dropped)
    text = story_text(story)
    assert "Author notes" not in text and "Back" not in text and "No notes" not in text


# ---------------------------------------------------------------- cleaning rules


def test_markup_is_mapped_to_the_model(tmp_path: Path) -> None:
    story = page(
        tmp_path,
        "<center>A centred line</center>"
        '<p style="text-align: right" class="site-x">Signed, the author</p>'
        "<p><u>under</u> <strike>struck</strike> <s>gone</s> <font color=red size=5>red</font> "
        '<span style="font-style: italic">slanted</span> <span style="font-weight:bold">heavy</span> '
        '<span style="font-variant: small-caps">caps</span> x<sup>2</sup></p>',
    )
    centred, right, styled = story.chapters[0].blocks
    assert isinstance(centred, Paragraph) and centred.align == "center"
    assert isinstance(right, Paragraph) and right.align == "right"
    assert isinstance(styled, Paragraph)
    assert text_of_block(styled) == "under struck gone red slanted heavy caps x2"
    assert spans(styled.inlines) == [
        ("underline", "under"),
        ("strikethrough", "struck"),
        ("strikethrough", "gone"),
        ("emphasis", "slanted"),
        ("strong", "heavy"),
        ("smallcaps", "caps"),
        ("superscript", "2"),
    ]


def test_empty_and_spacer_paragraphs_are_removed(tmp_path: Path) -> None:
    story = page(
        tmp_path, "<p>One.</p><p></p><p>&nbsp;</p><p> <br> </p><p>.</p><p><em>.<br></em></p><p>Two.</p>"
    )
    assert paragraphs(story.chapters[0]) == ["One.", "Two."]


def test_dividers_and_ornaments_become_scene_breaks(tmp_path: Path) -> None:
    story = page(
        tmp_path,
        "<hr><p>Start.</p><p>* * *</p><p>Second scene.</p><hr><p>&nbsp;</p><hr>"
        '<p>Third scene.</p><p align="center">-.-AB-.-</p><p>Fourth scene.</p>'
        '<p align="center"><em>A centred line of a poem</em></p><p>The last line.</p><hr>',
    )
    kinds = ["break" if isinstance(b, SceneBreak) else text_of_block(b) for b in story.chapters[0].blocks]
    assert kinds == [
        "Start.",
        "break",
        "Second scene.",
        "break",
        "Third scene.",
        "break",
        "Fourth scene.",
        "A centred line of a poem",
        "The last line.",
    ]


def test_br_runs_inside_a_paragraph(tmp_path: Path) -> None:
    # a scene break takes as many blank lines as in a text file whose paragraphs are one blank line apart
    blanks = next(n for n in range(1, 10) if IN_PARAGRAPH.is_break_gap(n))
    scene = "<br>" * (blanks + 1)
    story = page(tmp_path, f"<p>line one<br>line two</p><p>para<br><br>split</p><p>scene{scene}change</p>")
    blocks = story.chapters[0].blocks
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Paragraph", "Paragraph", "Paragraph", "SceneBreak", "Paragraph"]
    assert text_of_block(blocks[0]) == "line one\nline two"
    assert [text_of_block(b) for b in blocks[1:3]] == ["para", "split"]
    assert [type(b).__name__ for b in page(tmp_path, f"<p>a{scene[4:]}b</p>").chapters[0].blocks] == [
        "Paragraph",
        "Paragraph",
    ]


def test_images_kept_beside_the_page_or_dropped_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "map.png").write_bytes(PNG)
    data_uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    story = page(
        tmp_path,
        '<p>Before.</p><p><img src="page_files/map.png" alt="A map of the road"></p>'
        '<p><img src="https://example.org/lost.jpg" alt="A lost picture"></p>'
        f'<p><img src="{data_uri}" alt="Inline"></p>'
        '<p>Smile <img src="smile.gif" width="16" height="16" alt=":)"> here.</p>',
    )
    images = [b for b in story.chapters[0].blocks if isinstance(b, Image)]
    assert [(i.media_type, i.alt) for i in images] == [
        ("image/png", "A map of the road"),
        ("image/png", "Inline"),
    ]
    assert images[0].data == PNG
    assert len(story.dropped) == 1 and "lost.jpg" in story.dropped[0]
    assert story_summary(story)["dropped"] == story.dropped  # what `inspect` shows
    assert "Smile :) here." in paragraphs(story.chapters[0])


def test_links_outside_kept_inside_the_site_reduced_to_text(tmp_path: Path) -> None:
    story = page(
        tmp_path, '<p>See <a href="https://example.org/a">my blog</a> or <a href="/u/5">my page</a>.</p>'
    )
    (para,) = story.chapters[0].blocks
    assert isinstance(para, Paragraph)
    links = [n for n in para.inlines if isinstance(n, Link)]
    assert [(link.href, text_of_inlines(link.children)) for link in links] == [
        ("https://example.org/a", "my blog")
    ]
    assert text_of_block(para) == "See my blog or my page."


def test_scripts_styles_forms_and_navigation_are_never_text(tmp_path: Path) -> None:
    story = page(
        tmp_path,
        "<nav><a href='/'>Home</a> <a href='/b'>Browse</a></nav><script>var x = 'SCRIPT';</script>"
        "<style>p { color: red }</style><form><input value='FORM'><button>Go</button></form>"
        "<div class='comments'><p>COMMENT by a reader</p></div>"
        "<div id='story'><p>The only story text is here, and it is long enough to be the story.</p>"
        "<p><a href='/s/1/2'>Next chapter</a></p></div>",
    )
    assert paragraphs(story.chapters[0]) == [
        "The only story text is here, and it is long enough to be the story."
    ]


def test_story_in_a_wrapper_is_kept_whole(tmp_path: Path) -> None:
    long = "The first paragraph is by far the longest text on the page, " * 5
    story = page(
        tmp_path,
        "<div class='menu'><a href='/'>Home</a></div>"
        f"<div id='main-nav-content'><div><p>{long}</p><p>A short second one.</p></div></div>"
        "<div class='copyright'>(c) 2020 A Site</div>",
    )
    assert paragraphs(story.chapters[0]) == [long.strip(), "A short second one."]


def test_author_notes_in_the_text_of_a_generic_page(tmp_path: Path) -> None:
    story = page(
        tmp_path,
        "<p>A/N: Thanks for waiting.</p><h2>Chapter 3: Rain</h2><p>It rained.</p><p>It kept raining.</p>"
        "<p>Author's Note: Short one, sorry.</p>",
    )
    (chapter,) = story.chapters
    assert chapter.title == "Chapter 3: Rain"
    assert [(n.label, text_of_block(n)) for n in notes(chapter)] == [
        ("A/N", "Thanks for waiting."),
        ("Author's Note", "Short one, sorry."),
    ]


# ---------------------------------------------------------------- detection by content


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("<p>First <i>paragraph</i>.</p>\n<p>Second paragraph.</p>\n<hr>\n<p>Third.</p>\n")
    story = fic2epub.parse(path)
    chapter = story.chapters[0]
    assert paragraphs(chapter) == ["First paragraph.", "Second paragraph.", "Third."]
    assert sum(isinstance(b, SceneBreak) for b in chapter.blocks) == 1


def test_html_file_that_is_only_text_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text("Chapter 1: Dust\n\nThe first paragraph.\n\n* * *\n\nThe second scene.\n")
    story = fic2epub.parse(path)
    (chapter,) = story.chapters
    assert chapter.title == "Chapter 1: Dust"
    assert sum(isinstance(b, SceneBreak) for b in chapter.blocks) == 1


def test_pre_text_dump_goes_to_the_text_parser(tmp_path: Path) -> None:
    story = page(tmp_path, "<pre>Chapter 1: Dust\n\nThe first paragraph.\n\n* * *\n\nThe second scene.</pre>")
    (chapter,) = story.chapters
    assert chapter.title == "Chapter 1: Dust"
    assert paragraphs(chapter) == ["The first paragraph.", "The second scene."]


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", ".txt", True),
        ("<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>", ".txt", True),
        ("<article><h1>1</h1><p>Text.</p></article>", ".html", True),
        ("<p>One.</p>\n<p>Two.</p>", ".txt", True),
        ("Just a story.\n\nWith <i>one</i> tag.\n", ".txt", False),
        ("A story with a divider\n\n<hr>\n\nand more.\n", ".txt", False),
        ("Plain text saved as a web page.\n", ".html", False),
        ("Chapter 1\n\n<p>\nMarkdown with HTML blocks.\n</p><p>\nMore.\n</p>", ".md", False),
        ("<!DOCTYPE html>\n<html><body><p>A whole page named .md</p></body></html>", ".md", True),
    ],
)
def test_looks_like_html(text: str, suffix: str, expected: bool) -> None:
    assert looks_like_html(text, suffix) is expected


def test_page_saved_as_one_file_mhtml(tmp_path: Path) -> None:
    boundary = "----MultipartBoundary--abc123----"
    image = base64.b64encode(PNG).decode()
    archive = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/s/1\r\n"
        "Subject: Tin Star\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://example.org/s/1\r\n\r\n"
        '<html><head><title>Tin Star</title></head><body><div id=3D"story"><p>The sheriff=E2=80=99s st=\r\n'
        'ar was made of tin, and everyone knew it.</p><p><img src=3D"https://example.org/star.png" =\r\n'
        'alt=3D"A tin star"></p><p>Nobody said so.</p></div></body></html>\r\n\r\n'
        f"--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Location: https://example.org/star.png\r\n\r\n{image}\r\n\r\n--{boundary}--\r\n"
    )
    path = tmp_path / "tin-star.mhtml"
    path.write_text(archive, newline="")
    story = fic2epub.parse(path)
    assert story.title == "Tin Star"
    (chapter,) = story.chapters
    assert paragraphs(chapter) == [
        "The sheriff’s star was made of tin, and everyone knew it.",
        "Nobody said so.",
    ]
    images = [b for b in chapter.blocks if isinstance(b, Image)]
    assert [(i.data, i.alt) for i in images] == [(PNG, "A tin star")]
    assert story.dropped == []


# ---------------------------------------------------------------- the books


def xhtml_pages(book: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith(".xhtml")}


@pytest.mark.epubcheck
def test_books_from_pages_are_valid_and_clean(tmp_path: Path, epubcheck: Any) -> None:
    sources = [FIXTURES / n for n in sorted(p.name for p in FIXTURES.iterdir())]
    messy = tmp_path / "messy" / "page.html"
    messy.parent.mkdir()
    messy.write_text(
        "<html><body><center><font face=Arial>Centre</font></center><p class='x' style='color:red'>"
        "<u>u</u><strike>s</strike><b><i>bi</i></b><br><br><br>after</p><p><img src=x.png alt=gone></p>"
        "<table><tr><td>cell</td></tr></table><h3>A section</h3><ol><li><p>item</p></li></ol>"
        "<blockquote>quoted<br>lines</blockquote><p>&#1;&#xFFFE;bad characters</p></body></html>"
    )
    books = []
    for src in [*sources, messy.parent]:
        out = tmp_path / f"{src.stem}.epub"
        fic2epub.convert(src, out, OPTIONS)
        books.append(out)
    epubcheck.assert_valid(books)
    for book in books:
        for name, content in xhtml_pages(book).items():
            root = etree.fromstring(content)
            tags = {etree.QName(el).localname for el in root.iter() if isinstance(el.tag, str)}
            assert not tags & {"center", "font", "u", "strike", "big", "tt"}, (book.name, name)
            styled = [el for el in root.iter() if isinstance(el.tag, str) and el.get("style")]
            assert not styled, (book.name, name)


# ---------------------------------------------------------------- the corpus

ELEMENTS = ("title", "author", "metadata", "chapters", "scene_breaks", "author_notes")
MEAN_FLOOR = 0.95
ELEMENT_FLOOR = 0.90


def html_stories() -> list[tuple[str, dict[str, Any]]]:
    """(truth name, truth) for every corpus story told in .html files."""
    out = []
    for path in sorted((CORPUS / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        src = CORPUS / truth["file"]
        files = [p for p in src.rglob("*") if p.is_file()] if src.is_dir() else [src]
        if any(p.suffix.lower() == ".html" for p in files):
            out.append((path.stem, truth))
    return out


@pytest.mark.corpus
@pytest.mark.epubcheck
@pytest.mark.slow
def test_corpus_pages_score_and_validate(tmp_path: Path, epubcheck: Any) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}: corpus test skipped")
    scorer = load_scorer()
    stories = html_stories()
    assert stories, "the corpus holds no .html stories"
    books, results = [], {}
    for name, truth in stories:
        out = tmp_path / f"{name}.epub"
        fic2epub.convert(CORPUS / truth["file"], out, OPTIONS)
        books.append(out)
        results[name] = scorer.score_book(out, truth)
    epubcheck.assert_valid(books)
    means = {}
    for element in ELEMENTS:
        values = [r[element] for r in results.values() if element in r]
        means[element] = sum(values) / len(values)
    report = json.dumps({"means": means, "stories": results}, indent=1)
    assert all(m >= ELEMENT_FLOOR for m in means.values()), report
    assert sum(means.values()) / len(means) >= MEAN_FLOOR, report


def test_a_title_heading_right_over_the_first_chapter_heading_keeps_every_chapter(tmp_path: Path) -> None:
    story = page(
        tmp_path,
        "<h1>Blue Hour</h1><h2>Prologue</h2><p>The city went quiet at the blue hour.</p>"
        "<h2>Chapter One</h2><p>Morning came with rain and a letter under the door.</p>",
    )
    assert story.title == "Blue Hour"
    assert [c.title for c in story.chapters] == ["Prologue", "Chapter One"]
    assert not notes(story.chapters[0]), "the prologue's text is story, not a note"
    assert "letter under the door" in text_of_block(story.chapters[1].blocks[0])


def test_a_title_heading_over_one_chapter_heading_names_the_story(tmp_path: Path) -> None:
    story = page(tmp_path, "<h1>Blue Hour</h1><h2>Chapter 5: Rain</h2><p>Morning came with rain.</p>")
    assert story.title == "Blue Hour"
    assert [c.title for c in story.chapters] == ["Chapter 5: Rain"]


def test_a_number_over_a_name_stays_one_chapter_heading(tmp_path: Path) -> None:
    story = page(tmp_path, "<h1>1</h1><h2>Prologue</h2><p>The city went quiet at the blue hour.</p>")
    assert story.title == "Test Page"
    assert [c.title for c in story.chapters] == ["Prologue"]
    assert story.chapters[0].number == "1"


def test_an_image_at_an_absolute_path_is_the_sites_not_read_from_this_disk(tmp_path: Path) -> None:
    secret = tmp_path / "private" / "photo.png"
    secret.parent.mkdir()
    secret.write_bytes(PNG)
    site = tmp_path / "site"
    site.mkdir()
    story = page(site, f'<p>Before.</p><p><img src="{secret}" alt="Private"></p><p>After.</p>')
    assert not [b for b in story.chapters[0].blocks if isinstance(b, Image)]
    assert len(story.dropped) == 1 and "(Private): not found beside the page" in story.dropped[0]
    beside = page(site, '<p>Before.</p><p><img src="../private/photo.png" alt="Near"></p>', "near.html")
    assert [b.alt for b in beside.chapters[0].blocks if isinstance(b, Image)] == ["Near"]


def full_page(tmp_path: Path, html: str, name: str = "saved.html") -> Story:
    """A story read from a whole page (its own `<head>` and `<title>`) written to tmp_path."""
    path = tmp_path / name
    path.write_text(html)
    return fic2epub.parse(path)


PROSE = "<p>The lamps along the quay went out one by one while the boats came in against the wind.</p>"


def test_a_chapter_page_takes_the_storys_title_from_the_heading_its_title_tag_shares(tmp_path: Path) -> None:
    story = full_page(
        tmp_path,
        "<html><head><title>Quay Lights - Chapter 3: Low Water - Reading Site</title></head><body>"
        '<h1>Quay Lights</h1><div>by <a href="/user/oriel">oriel</a></div><h2>Chapter 3: Low Water</h2>'
        f"{PROSE * 3}</body></html>",
    )
    assert story.title == "Quay Lights" and story.authors == ["oriel"]
    assert [c.title for c in story.chapters] == ["Chapter 3: Low Water"]


def test_a_byline_heading_is_the_author_not_a_chapter(tmp_path: Path) -> None:
    story = full_page(
        tmp_path,
        "<html><head><title>Chapter 12 - The Forge | Ash Ledger | Serial Site</title></head><body>"
        '<h1>Chapter 12 - The Forge</h1><h2>Ash Ledger</h2><h3>by <a href="/p/1">Tam Rook</a></h3>'
        f"{PROSE * 3}</body></html>",
    )
    assert story.title == "Ash Ledger" and story.authors == ["Tam Rook"]
    assert [c.title for c in story.chapters] == ["Chapter 12 - The Forge"]


def test_the_page_title_loses_the_chapter_and_the_site_and_a_title_field_wins(tmp_path: Path) -> None:
    blog = full_page(
        tmp_path,
        "<html><head><title>Chapter 7 – Glass Orchard – Hollow Serial</title></head><body>"
        '<article><h1 class="entry-title">Chapter 7 – Glass Orchard</h1>'
        '<div class="entry-meta">Posted on May 1 by <span class="author vcard"><a href="/a/">Pell Ard</a>'
        '</span></div><div class="entry-content"><p><a href="/6/">Previous Chapter</a> | <a href="/toc/">'
        f'Index</a> | <a href="/8/">Next Chapter</a></p>{PROSE * 3}</div></article></body></html>',
    )
    assert blog.title == "Hollow Serial" and blog.authors == ["Pell Ard"]
    text = story_text(blog)
    assert "Posted on" not in text and "Next Chapter" not in text
    journal = full_page(
        tmp_path,
        "<html><head><title>someone: Fic: Winter Ledger (PG)</title></head><body><div class='entry'>"
        "<b>Title:</b> Winter Ledger<br><b>Rating:</b> PG<br><br>"
        "The first entry was a teacup, written in green ink in March.<br><br>Then came the rest.</div>"
        "</body></html>",
        "journal.html",
    )
    assert journal.title == "Winter Ledger"


def test_a_forum_posts_user_box_signature_and_bars_are_left_out(tmp_path: Path) -> None:
    story = full_page(
        tmp_path,
        "<html><head><title>Salt Story | Page 3 | Forum</title></head><body>"
        '<article class="message" data-author="Quill"><div class="message-cell message-cell--user">'
        '<h4><a href="/m/1">Quill</a></h4><h5 class="userTitle">Lurker</h5></div>'
        '<div class="message-cell--main"><div class="message-attribution">Mar 3, 2022</div>'
        '<article class="message-body"><div class="bbWrapper"><b>Chapter 4: Brine</b><br><br>'
        "The docks smelled of diesel and old fish.<br><br>She kept her hood up anyway.</div></article>"
        '<aside class="message-signature">Also writing: Other Things</aside>'
        '<div class="reactionsBar">Reactions: 213 people</div></div></article></body></html>',
    )
    assert story.title == "Salt Story" and story.authors == ["Quill"]
    assert [c.title for c in story.chapters] == ["Chapter 4: Brine"]
    text = story_text(story)
    assert "Also writing" not in text and "Reactions" not in text and "Mar 3" not in text


def test_a_sites_note_box_keeps_its_caption_as_the_label(tmp_path: Path) -> None:
    story = page(
        tmp_path,
        '<h1>Chapter 2 - Forge</h1><div class="author-note-portlet"><p>A note from Tam</p>'
        '<div class="author-note"><p>Sorry this one is late.</p></div></div>' + PROSE * 3,
    )
    found = notes(story.chapters[0])
    assert len(found) == 1 and found[0].label == "A note from Tam"
    assert [text_of_block(b) for b in found[0].blocks] == ["Sorry this one is late."]


def test_a_word_processor_export_styles_by_class_and_breaks_on_empty_paragraphs(tmp_path: Path) -> None:
    story = full_page(
        tmp_path,
        "<html><head><style>.c1{font-style:italic}.c2{font-weight:700}.c4{text-align:center}"
        "@media print{.c9{font-style:italic}}</style></head><body>"
        '<p class="c4"><span class="c2">Paper Boats</span></p><p class="c4"><span>by Ilse Varga</span></p>'
        "<p><span>Chapter One</span></p>"
        '<p><span>She folded a boat from a </span><span class="c1">love letter</span><span>.</span></p>'
        "<p><span>It floated all the way to the corner of the street.</span></p>"
        "<p><span></span></p><p><span></span></p><p><span></span></p>"
        '<p><span class="c9">The rain stopped on Thursday, and the gutters dried out.</span></p>'
        "<p><span>Chapter Two</span></p><p><span>In summer the boats stayed in a shoebox.</span></p>"
        "</body></html>",
    )
    assert story.title == "Paper Boats" and story.authors == ["Ilse Varga"]
    assert [c.title for c in story.chapters] == ["Chapter One", "Chapter Two"]
    first = story.chapters[0].blocks
    assert [type(b).__name__ for b in first] == ["Paragraph", "Paragraph", "SceneBreak", "Paragraph"]
    assert isinstance(first[0], Paragraph) and any(isinstance(n, Span) for n in first[0].inlines)
    assert isinstance(first[3], Paragraph) and not any(isinstance(n, Span) for n in first[3].inlines)
