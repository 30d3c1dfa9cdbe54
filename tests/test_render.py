"""The book as a reading system sees it: read back with zipfile and lxml, its structure checked."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from fic2epub import (
    AuthorNote,
    Chapter,
    InlineNote,
    Options,
    Paragraph,
    SceneBreak,
    Span,
    Story,
    Text,
    epub_from_story,
    parse,
)
from fic2epub.model import MetadataField

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SHOWCASE = SAMPLES / "showcase_lanterns.txt"
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class Book:
    """An EPUB read back: its package document, spine and pages."""

    zip: zipfile.ZipFile
    opf: etree._Element

    @classmethod
    def of(cls, data: bytes) -> Book:
        zf = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(zf.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        assert opf_path == "EPUB/content.opf"
        return cls(zf, etree.fromstring(zf.read(opf_path)))

    def raw(self, name: str) -> bytes:
        return self.zip.read(f"EPUB/{name}")

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.raw(name))

    def manifest(self) -> dict[str, etree._Element]:
        return {item.get("id"): item for item in self.opf.findall("opf:manifest/opf:item", NS)}

    def spine(self) -> list[str]:
        items = self.manifest()
        return [items[ref.get("idref")].get("href") for ref in self.opf.findall("opf:spine/opf:itemref", NS)]

    def meta(self, prop: str) -> list[str]:
        return [m.text or "" for m in self.opf.findall(f"opf:metadata/opf:meta[@property='{prop}']", NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text or "" for e in self.opf.findall(f"opf:metadata/dc:{name}", NS)]

    def page(self, name: str) -> etree._Element:
        return self.xml(name)

    def text(self, name: str) -> str:
        return " ".join("".join(self.page(name).find("h:body", NS).itertext()).split())

    def chapters(self) -> list[str]:
        return [name for name in self.spine() if re.fullmatch(r"ch\d{4}\.xhtml", name)]


def build(source: Story | Path = SHOWCASE, **options: Any) -> Book:
    story = parse(source) if isinstance(source, Path) else source
    return Book.of(epub_from_story(story, Options(no_cover=True, **options)))


@pytest.fixture(scope="module")
def showcase() -> Book:
    return build()


def story_of(*blocks: Any, title: str = "A Test", chapters: int = 1) -> Story:
    return Story(
        title=title,
        authors=["Tester"],
        chapters=[Chapter(title=f"Chapter {i + 1}", blocks=list(blocks)) for i in range(chapters)],
    )


def para(text: str) -> Paragraph:
    return Paragraph([Text(text)])


# --------------------------------------------------------------------------- package and spine


def test_spine_order_and_landmarks(showcase: Book) -> None:
    assert showcase.spine() == ["titlepage.xhtml", "contents.xhtml", "ch0001.xhtml", "ch0002.xhtml"]
    nav = showcase.xml("nav.xhtml")
    marks = nav.findall(".//h:nav[@epub:type='landmarks']//h:a", NS)
    assert [(a.get(EPUB_TYPE), a.get("href")) for a in marks] == [
        ("titlepage", "titlepage.xhtml"),
        ("toc", "contents.xhtml"),
        ("bodymatter", "ch0001.xhtml"),
    ]
    guide = showcase.opf.findall("opf:guide/opf:reference", NS)
    assert [(r.get("type"), r.get("href")) for r in guide] == [
        ("title-page", "titlepage.xhtml"),
        ("toc", "contents.xhtml"),
        ("text", "ch0001.xhtml"),  # Kindle's "start of the story"
    ]


def test_nav_and_ncx_list_the_chapters_as_written_in_spine_order(showcase: Book) -> None:
    labels = ["Chapter 1: The Shop on Tallow Street", "Chapter 2: What the Fog Took"]
    nav = showcase.xml("nav.xhtml").find(".//h:nav[@epub:type='toc']", NS)
    assert ["".join(a.itertext()) for a in nav.findall(".//h:a", NS)] == labels
    ncx = showcase.xml("toc.ncx")
    points = ncx.findall(".//ncx:navPoint", NS)
    assert [p.findtext("ncx:navLabel/ncx:text", namespaces=NS) for p in points] == labels
    assert [int(p.get("playOrder")) for p in points] == [1, 2]
    spine = showcase.spine()
    hrefs = [p.find("ncx:content", NS).get("src") for p in points]
    assert [spine.index(h) for h in hrefs] == sorted(
        spine.index(h) for h in hrefs
    )  # Kindle: NCX order = spine
    assert ncx.find("ncx:head/ncx:meta[@name='dtb:depth']", NS).get("content") == "1"
    assert ncx.findtext("ncx:docTitle/ncx:text", namespaces=NS) == "The Lanternmaker's Apprentice"
    contents = showcase.page("contents.xhtml")
    assert [a.text for a in contents.findall(".//h:a", NS)] == labels


def test_every_document_declares_utf8_and_the_books_language(showcase: Book) -> None:
    language = showcase.dc("language")
    assert language == ["en"]
    for name in [*showcase.spine(), "nav.xhtml"]:
        raw = showcase.raw(name)
        assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>"), name
        root = etree.fromstring(raw)
        assert root.get(XML_LANG) == "en" and root.get("lang") == "en", name


def test_no_link_targets_a_body(showcase: Book) -> None:
    for name in [*showcase.spine(), "nav.xhtml"]:
        for a in showcase.page(name).iter("{*}a"):
            href = a.get("href", "")
            if "#" in href:
                page, fragment = href.split("#")
                target = showcase.page(page or name).xpath("//*[@id=$id]", id=fragment)
                assert target and target[0].tag != "{http://www.w3.org/1999/xhtml}body", href


def test_metadata_series_subjects_and_accessibility(showcase: Book) -> None:
    assert showcase.dc("title") == ["The Lanternmaker's Apprentice"]
    assert showcase.dc("creator") == ["fic2epub contributors"]
    subjects = showcase.dc("subject")
    for subject in ("Original Work", "Mira & Old Tobiah", "Tobiah Fenn", "Found Family", "Hurt/Comfort"):
        assert subject in subjects
    assert showcase.dc("description")[0].startswith("Mira wanted to build ships.")
    collection = showcase.opf.find("opf:metadata/opf:meta[@property='belongs-to-collection']", NS)
    assert collection.text == "Tales of the Harbour Town"
    refines = "#" + collection.get("id")
    position = showcase.opf.find(
        f"opf:metadata/opf:meta[@property='group-position'][@refines='{refines}']", NS
    )
    assert position.text == "2"
    calibre = {
        m.get("name"): m.get("content") for m in showcase.opf.findall("opf:metadata/opf:meta[@name]", NS)
    }
    assert calibre["calibre:series"] == "Tales of the Harbour Town"
    assert calibre["calibre:series_index"] == "2"
    assert showcase.meta("schema:accessMode") == ["textual"]
    assert showcase.meta("schema:accessModeSufficient") == ["textual"]
    features = showcase.meta("schema:accessibilityFeature")
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(features)
    assert showcase.meta("schema:accessibilityHazard") == ["none"]
    assert showcase.meta("schema:accessibilitySummary")[0]


def test_language_given_on_the_command_line_reaches_every_page() -> None:
    book = build(language="fr")
    assert book.dc("language") == ["fr"]
    assert book.page("ch0001.xhtml").get(XML_LANG) == "fr"
    heading = book.page("contents.xhtml").find(".//h:h2", NS)
    assert heading.text == "Contents" and heading.get(XML_LANG) == "en"  # fic2epub's own words


# --------------------------------------------------------------------------- title page


def test_title_page(showcase: Book) -> None:
    page = showcase.page("titlepage.xhtml")
    section = page.find(".//h:section", NS)
    assert section.get(EPUB_TYPE) == "titlepage"
    assert section.findtext("h:h1", namespaces=NS) == "The Lanternmaker’s Apprentice"
    assert "".join(section.find("h:p[@class='byline']", NS).itertext()) == "by fic2epub contributors"
    labels = [dt.text for dt in section.findall(".//h:dt", NS)]
    assert labels == ["Fandom", "Series", "Rating", "Relationship", "Characters", "Additional Tags", "Status"]
    values = ["".join(dd.itertext()) for dd in section.findall(".//h:dd", NS)]
    assert values[-2].endswith("Long tag lists must wrap and never be cut")  # nothing is cut
    summary = section.find("h:div[@class='summary']", NS)
    assert summary is not None and "until the night" in "".join(summary.itertext())
    assert "—until the night" in "".join(summary.itertext())  # typography on metadata too
    assert section.findtext("h:p[@class='figures']", namespaces=NS) == "2 chapters · 454 words"


def test_no_title_page() -> None:
    book = build(title_page=False)
    assert "titlepage.xhtml" not in book.spine()
    marks = book.xml("nav.xhtml").findall(".//h:nav[@epub:type='landmarks']//h:a", NS)
    assert "titlepage" not in [a.get(EPUB_TYPE) for a in marks]


# --------------------------------------------------------------------------- chapters


def test_chapter_heading_number_over_name(showcase: Book) -> None:
    page = showcase.page("ch0001.xhtml")
    section = page.find(".//h:section[@epub:type='chapter']", NS)
    h2 = section.find("h:h2", NS)
    assert h2.findtext("h:span[@class='chapter-number']", namespaces=NS) == "Chapter 1"
    assert h2.findtext("h:span[@class='chapter-name']", namespaces=NS) == "The Shop on Tallow Street"


def test_chapters_without_a_heading_get_a_label() -> None:
    story = Story(
        title="Untitled Chapters", chapters=[Chapter(blocks=[para("One.")]), Chapter(blocks=[para("Two.")])]
    )
    book = build(story)
    nav = book.xml("nav.xhtml").find(".//h:nav[@epub:type='toc']", NS)
    assert [a.text for a in nav.findall(".//h:a", NS)] == ["Chapter 1", "Chapter 2"]
    one_shot = build(Story(title="A One-Shot", chapters=[Chapter(blocks=[para("Only.")])]))
    assert one_shot.page("ch0001.xhtml").findtext(".//h:h2", namespaces=NS) == "A One-Shot"


# --------------------------------------------------------------------------- scene breaks


def chapter_children(book: Book, name: str = "ch0001.xhtml") -> list[etree._Element]:
    section = book.page(name).find(".//h:section[@epub:type='chapter']", NS)
    return [el for el in section if etree.QName(el).localname != "h2"]


def test_scene_break_is_a_labelled_hr_and_the_next_paragraph_is_not_indented(showcase: Book) -> None:
    children = chapter_children(showcase)
    breaks = [i for i, el in enumerate(children) if etree.QName(el).localname == "hr"]
    assert len(breaks) == 1
    hr = children[breaks[0]]
    assert hr.get("class") == "scene-break" and hr.get("aria-label") == "Scene break"
    assert hr.text is None and len(hr) == 0  # nothing of the divider leaks into the story
    assert children[breaks[0] + 1].get("class") == "after-break"


def test_scene_breaks_never_open_or_close_a_chapter_nor_come_two_in_a_row() -> None:
    story = story_of(
        SceneBreak("***"),
        para("First."),
        SceneBreak("***"),
        SceneBreak("~~~"),
        para("Second."),
        SceneBreak("***"),
        AuthorNote([para("A note between breaks.")], "A/N"),
        SceneBreak("***"),
        para("Third."),
        SceneBreak("***"),
    )
    kinds = [etree.QName(el).localname for el in chapter_children(build(story))]
    assert kinds == ["p", "hr", "p", "hr", "div", "p"]


@pytest.mark.parametrize("style", ["rule", "asterisks", "asterism", "space"])
def test_scene_break_styles(style: str) -> None:
    book = build(scene_break=style)
    assert book.page("ch0001.xhtml").find("h:body", NS).get("class") == f"break-{style}"
    css = book.raw("style.css").decode()
    hrefs = {item.get("href") for item in book.manifest().values()}
    for picture in re.findall(r"url\((break-[a-z]+\.png)\)", css):
        assert picture in hrefs
    if style != "space":
        assert f".break-{style} hr.scene-break {{ background-image: url(break-{style}.png)" in css


# --------------------------------------------------------------------------- author notes


def test_author_notes_kept_in_place_and_labelled(showcase: Book) -> None:
    notes = showcase.page("ch0001.xhtml").findall(".//h:div[@class='author-note']", NS)
    assert len(notes) == 2  # the story's opening note and the chapter's closing one
    for note in notes:
        assert note.get("role") == "note"
        assert note.findtext("h:p[@class='author-note-label']", namespaces=NS) == "Author’s note"
        assert note.get(EPUB_TYPE) is None  # never footnote/rearnote: readers hide those


def test_author_notes_gathered_at_the_end_with_links_both_ways() -> None:
    book = build(notes="end")
    assert book.spine()[-1] == "notes.xhtml"
    nav = book.xml("nav.xhtml").find(".//h:nav[@epub:type='toc']", NS)
    assert [a.get("href") for a in nav.findall(".//h:a", NS)][-1] == "notes.xhtml"
    notes_page = book.page("notes.xhtml")
    gathered = notes_page.findall(".//h:div[@class='author-note']", NS)
    assert len(gathered) == 3
    for note in gathered:
        back = note.find(".//h:p[@class='note-back']/h:a", NS)
        page, ref = back.get("href").split("#")
        link = book.page(page).xpath("//*[@id=$id]", id=ref)[0]
        assert link.get("href") == f"notes.xhtml#{note.get('id')}"
    for name in book.chapters():
        assert not book.page(name).findall(".//h:div[@class='author-note']", NS)


def test_author_notes_dropped() -> None:
    book = build(notes="drop")
    assert "notes.xhtml" not in book.spine()
    for name in book.chapters():
        page = etree.tostring(book.page(name)).decode()
        assert "author-note" not in page and "note-link" not in page


def test_notes_inside_a_paragraph() -> None:
    inline = InlineNote([Text("(A/N: sorry for the wait)")], "A/N")
    story = story_of(Paragraph([Text("Before "), inline, Text(" after.")]), para("More."))
    kept = build(story).page("ch0001.xhtml").find(".//h:span[@class='author-note inline-note']", NS)
    assert kept is not None and kept.text == "(A/N: sorry for the wait)"
    gathered = build(story, notes="end")
    ref = gathered.page("ch0001.xhtml").find(".//h:a[@class='note-ref']", NS)
    assert ref.get("href") == "notes.xhtml#note1"
    assert "sorry for the wait" in gathered.text("notes.xhtml")
    dropped = build(story, notes="drop")
    assert "sorry" not in dropped.text("ch0001.xhtml")
    assert "Before after." in dropped.text("ch0001.xhtml")


# --------------------------------------------------------------------------- typography in the book


def test_typography_across_inline_tags_in_the_book() -> None:
    story = story_of(
        Paragraph([Text('"I '), Span("emphasis", [Text("know")]), Text('," she said -- quietly...')])
    )
    p = build(story).page("ch0001.xhtml").find(".//h:section/h:p", NS)
    assert "".join(p.itertext()) == "“I know,” she said—quietly…"
    assert p.find("h:em", NS).tail == ",” she said—quietly…"
    plain = build(story, smart_typography=False).page("ch0001.xhtml").find(".//h:section/h:p", NS)
    assert "".join(plain.itertext()) == '"I know," she said -- quietly...'


def test_metadata_typography_on_the_title_page() -> None:
    story = Story(
        title="Don't Look Back",
        authors=["Someone"],
        metadata=[MetadataField("Warnings", "None -- it's fluff...")],
        chapters=[Chapter(blocks=[para("Text.")])],
    )
    page = build(story).page("titlepage.xhtml")
    assert page.findtext(".//h:h1", namespaces=NS) == "Don’t Look Back"
    assert page.findtext(".//h:dd", namespaces=NS) == "None—it’s fluff…"


# --------------------------------------------------------------------------- custom look, Kobo


def test_user_stylesheet_comes_after_the_default(tmp_path: Path) -> None:
    css = tmp_path / "mine.css"
    css.write_text("p { text-indent: 2em; }\n")
    book = build(css=css)
    assert book.raw("user.css") == css.read_bytes()
    for name in book.spine():
        links = [link.get("href") for link in book.page(name).findall(".//h:link", NS)]
        assert links == ["style.css", "user.css"], name


def test_kepub_spans_every_sentence_and_keeps_the_text(showcase: Book) -> None:
    kepub = build(format="kepub")
    for name in showcase.chapters():
        body = kepub.page(name).find("h:body", NS)
        columns = body[0]
        assert columns.get("id") == "book-columns" and columns[0].get("id") == "book-inner"
        assert kepub.text(name) == showcase.text(name)
        spans = body.findall(".//h:span[@class='koboSpan']", NS)
        assert spans and all(re.fullmatch(r"kobo\.\d+\.\d+", s.get("id")) for s in spans)
        ids = [s.get("id") for s in spans]
        assert len(ids) == len(set(ids))
    first = kepub.page("ch0001.xhtml").find(".//h:section/h:p", NS)
    assert [s.text for s in first.findall("h:span", NS)][:2] == [
        "Mira had swept the same floor three times before Tobiah looked up from his bench. ",
        "“You’re doing it wrong,” he said—not unkindly. ",
    ]


# --------------------------------------------------------------------------- reproducible


def test_same_input_same_bytes() -> None:
    story = parse(SHOWCASE)
    options = Options(no_cover=True)
    assert epub_from_story(story, options) == epub_from_story(parse(SHOWCASE), options)
    zf = zipfile.ZipFile(io.BytesIO(epub_from_story(story, options)))
    first = zf.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert {info.date_time for info in zf.infolist()} == {(2000, 1, 1, 0, 0, 0)}


# --------------------------------------------------------------------------- covers


def test_cover_named_after_the_story_in_a_covers_folder(tmp_path: Path) -> None:
    from PIL import Image

    from fic2epub.api import story_cover

    story_file = tmp_path / "lanterns.txt"
    story_file.write_bytes(SHOWCASE.read_bytes())
    assert story_cover(parse(story_file)) is None
    covers = tmp_path / "covers"
    covers.mkdir()
    (covers / "notes.txt").write_text("not a picture")
    by_title = covers / "The Lanternmaker's Apprentice.png"
    Image.new("RGB", (60, 90), "navy").save(by_title)
    assert story_cover(parse(story_file)) == by_title
    by_name = covers / "Lanterns.JPG"
    Image.new("RGB", (60, 90), "teal").save(by_name, "JPEG")
    assert story_cover(parse(story_file)) in (by_name, by_title)


def test_a_cover_is_shown_on_its_own_page_with_alt_text(tmp_path: Path) -> None:
    pytest.importorskip("fic2epub.render.cover")
    from PIL import Image

    picture = tmp_path / "mine.png"
    Image.new("RGB", (600, 900), "darkred").save(picture)
    story = parse(SHOWCASE)
    book = Book.of(epub_from_story(story, Options(cover=picture)))
    assert book.spine()[0] == "cover.xhtml"
    cover_items = [i for i in book.manifest().values() if "cover-image" in (i.get("properties") or "")]
    assert len(cover_items) == 1
    img = book.page("cover.xhtml").find(".//h:img", NS)
    assert img.get("src") == cover_items[0].get("href")
    assert img.get("alt") == "Cover: The Lanternmaker's Apprentice, by fic2epub contributors"
    assert "alternativeText" in book.meta("schema:accessibilityFeature")
    assert "visual" in book.meta("schema:accessMode")
    marks = book.xml("nav.xhtml").findall(".//h:nav[@epub:type='landmarks']//h:a", NS)
    assert marks[0].get(EPUB_TYPE) == "cover"


def test_a_broken_cover_image_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("fic2epub.render.cover")
    from fic2epub import CoverError

    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG")
    with pytest.raises(CoverError) as caught:
        epub_from_story(parse(SHOWCASE), Options(cover=broken))
    assert "broken.jpg" in str(caught.value) and "\n" not in str(caught.value)


def test_right_to_left_books() -> None:
    story = Story(
        title="סיפור קצר",
        authors=["כותב"],
        chapters=[Chapter(title="פרק 1", blocks=[para("שלום עולם, זה סיפור קצר מאוד על חתול שאהב לישון.")])],
    )
    book = build(story)
    assert book.dc("language") == ["he"]
    assert book.opf.find("opf:spine", NS).get("page-progression-direction") == "rtl"
    page = book.page("ch0001.xhtml")
    assert page.get("dir") == "rtl" and page.get(XML_LANG) == "he"
    heading = book.page("contents.xhtml").find(".//h:h2", NS)
    assert heading.get("dir") == "ltr" and heading.get(XML_LANG) == "en"


def test_same_bytes_from_separate_processes(tmp_path: Path) -> None:
    """No set or dict order leaks into the book: two runs with different hash seeds agree."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"book{seed}.kepub.epub"
        cli = [sys.executable, "-c", "from fic2epub.cli import main; main()"]
        options = ["--no-cover", "--notes", "end", "--format", "kepub"]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([*cli, "convert", str(SHOWCASE), "-o", str(out), *options], check=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


# --------------------------------------------------------------------------- command line


def test_cli_kepub_name_and_language(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from fic2epub.cli import cli

    story = tmp_path / "lanterns.txt"
    story.write_bytes(SHOWCASE.read_bytes())
    runner = CliRunner()
    options = ["--no-cover", "--format", "kepub", "--language", "French"]
    done = runner.invoke(cli, ["convert", str(story), *options])
    assert done.exit_code == 0, done.output
    book = Book.of((tmp_path / "lanterns.kepub.epub").read_bytes())
    assert book.dc("language") == ["fr"]
    refused = runner.invoke(cli, ["convert", str(story), "--no-cover", "--language", "Klingonese"])
    assert refused.exit_code == 2 and "Klingonese" in refused.output


def test_untitled_book_is_named_after_its_file_and_given_title_labels_its_chapter(tmp_path: Path) -> None:
    from fic2epub import Options, convert

    source = tmp_path / "late_night_walk.txt"
    source.write_text('"Is anyone there?" she asked the dark.\n\nNobody answered.\n', encoding="utf-8")
    with zipfile.ZipFile(convert(source, tmp_path / "a.epub", Options(no_cover=True))) as book:
        opf = book.read("EPUB/content.opf").decode()
        assert "<dc:title>late night walk</dc:title>" in opf
    retitled = Options(no_cover=True, title="At Night")
    with zipfile.ZipFile(convert(source, tmp_path / "b.epub", retitled)) as book:
        nav = book.read("EPUB/nav.xhtml").decode()
        assert "At Night" in nav and "late night walk" not in nav


def test_a_bracketed_pairing_among_characters_is_one_subject() -> None:
    from fic2epub.render.book import split_list

    assert split_list("[Harry P., Ginny W.] Ron W.") == ["Harry P./Ginny W.", "Ron W."]
    assert split_list("[A, B] C; D") == ["A/B", "C", "D"]
    assert split_list("Star Wars [Legends], Naruto") == ["Star Wars [Legends]", "Naruto"]
    assert split_list("Harry/Draco, Ron") == ["Harry/Draco", "Ron"]
