"""Anthologies (issue 9): several stories in one book, read back the way a reading system reads it.

The books are built once per module (samples; samples with three corpus stories of different kinds;
hand-made stories that would collide; a series given out of order through the CLI) and EPUBCheck sees
them all in one call.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree
from PIL import Image as PILImage

from fic2epub import AuthorNote, Chapter, InputError, Options, Paragraph, Story
from fic2epub.anthology import anthology_bytes, collection_metadata, make_anthologies, make_anthology
from fic2epub.cli import cli
from fic2epub.model import Image, Series
from fic2epub.ordering import order_stories, parse_date, series_from_text, story_date
from fic2epub.readers import read_path
from fic2epub.render.book import chapter_label
from fic2epub.render.pages import and_list
from fic2epub.render.typography import make_fixer

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
CORPUS_STORIES = (  # plain text, Markdown, a folder of chapter files
    "01_my-immortal_chapters-AN.txt",
    "27_silkrose_a-hug-and-a-kiss_oneshot.md",
    "26_darling-and-date_silkrose_multifile",
)
AO3_SERIES = (  # parts 7, 10 and 9 of one AO3 series, published 2021, 2023 and 2022
    "35_ao3-download_keep-the-home-fires.html",
    "35_ao3-download_the-world-in-its.html",
    "35_ao3-download_will-the-real-mr-bronner.html",
)
OPTIONS = Options(no_cover=True)
FIX = make_fixer(True)  # labels are typeset as the book's text is

Entry = tuple[str, str, list[Any]]  # label, href, children


@dataclass
class Book:
    """An EPUB read back: its package document, navigation document, NCX and file names."""

    opf: etree._Element
    nav: etree._Element
    ncx: etree._Element
    names: list[str]
    files: dict[str, bytes]

    @classmethod
    def read(cls, path: Path) -> Book:
        with zipfile.ZipFile(path) as z:
            files = {n: z.read(n) for n in z.namelist()}
        return cls(
            etree.fromstring(files["EPUB/content.opf"]),
            etree.fromstring(files["EPUB/nav.xhtml"]),
            etree.fromstring(files["EPUB/toc.ncx"]),
            list(files),
            files,
        )

    def dc(self, name: str) -> list[str]:
        return [e.text or "" for e in self.opf.findall(f".//dc:{name}", NS)]

    def meta(self, prop: str) -> list[str]:
        return [e.text or "" for e in self.opf.findall(f".//opf:meta[@property='{prop}']", NS)]

    def spine(self) -> list[str]:
        hrefs = {i.get("id"): i.get("href") for i in self.opf.findall(".//opf:manifest/opf:item", NS)}
        return [str(hrefs[i.get("idref")]) for i in self.opf.findall(".//opf:spine/opf:itemref", NS)]

    def nav_toc(self) -> list[Entry]:
        ol = self.nav.find(".//x:nav[@epub:type='toc']/x:ol", NS)
        assert ol is not None
        return _entries(ol)

    def ncx_toc(self) -> list[Entry]:
        def points(parent: etree._Element) -> list[Entry]:
            return [
                (
                    p.findtext("ncx:navLabel/ncx:text", "", NS),
                    str(p.find("ncx:content", NS).get("src")),  # type: ignore[union-attr]
                    points(p),
                )
                for p in parent.findall("ncx:navPoint", NS)
            ]

        nav_map = self.ncx.find("ncx:navMap", NS)
        assert nav_map is not None
        return points(nav_map)

    def contents_page(self) -> list[Entry]:
        ol = etree.fromstring(self.files["EPUB/contents.xhtml"]).find(
            ".//x:section[@epub:type='toc']/x:ol", NS
        )
        assert ol is not None
        return _entries(ol)

    def page_text(self, href: str) -> str:
        return " ".join(" ".join(etree.fromstring(self.files["EPUB/" + href]).itertext()).split())


def _entries(ol: etree._Element) -> list[Entry]:
    out: list[Entry] = []
    for li in ol.findall("x:li", NS):
        a = li.find("x:a", NS)
        sub = li.find("x:ol", NS)
        assert a is not None
        out.append(("".join(a.itertext()), str(a.get("href")), _entries(sub) if sub is not None else []))
    return out


def _story(title: str, author: str, text: str, **fields: str) -> str:
    header = "".join(f"{k.capitalize()}: {v}\n" for k, v in fields.items())
    body = "\n\n".join(f"Chapter {i + 1}\n\n{p}" for i, p in enumerate(text.split("|")))
    return f"Title: {title}\nAuthor: {author}\n{header}\n{body}\n"


def _png() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (4, 4), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _twin(note: str) -> Story:
    """A story every other twin collides with: same title, same chapter heading, a note and an image."""
    chapter = Chapter(
        "Chapter 1",
        [
            AuthorNote([Paragraph.of(note)], "A/N"),
            Paragraph.of("The same words, but not quite the same story."),
            Image(_png(), "image/png", "a red square"),
        ],
    )
    return Story(title="Same Title", authors=["Twin"], chapters=[chapter])


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("anthologies")
    samples = sorted(samples_dir.glob("*.txt"))
    built = {"samples": make_anthology(samples, out / "samples.epub", OPTIONS)}
    twins = [_twin("First note."), _twin("Second note.")]
    notes_end = Options(no_cover=True, notes="end")
    (out / "twins.epub").write_bytes(anthology_bytes(twins, notes_end, title="Twins"))
    built["twins"] = out / "twins.epub"
    kobo = Options(no_cover=True, format="kepub")
    built["kepub"] = make_anthology(samples[:2], out / "samples.kepub.epub", kobo, order="title")
    series = out / "series"
    series.mkdir()
    parts = [
        ("c.txt", "Third Light", "Part 3 of Lanterns", "2022-01-09"),
        ("a.txt", "First Light", "Lanterns, Part 1", "March 3, 2019"),
        ("b.txt", "Second Light", "Lanterns [2]", "05/01/2021"),
    ]
    for name, title, where, date in parts:
        text = _story(title, "A. Writer", "She lit the lamp.|It burned down.", fandom="Lamps", series=where)
        (series / name).write_text(text.replace("\n\n", f"\nPublished: {date}\n\n", 1))
    book = str(out / "series.epub")
    result = CliRunner().invoke(
        cli,
        ["anthology", *(str(series / p[0]) for p in parts), "--order", "series", "--no-cover", "-o", book],
    )
    assert result.exit_code == 0, result.output
    built["series"] = out / "series.epub"
    corpus = samples_dir.parent.parent / "shared" / "corpus" / "files"
    if corpus.is_dir():
        sources = [*samples, *(corpus / name for name in CORPUS_STORIES)]
        built["corpus"] = make_anthology(sources, out / "corpus.epub", OPTIONS)
    return built


def test_anthology_of_the_samples_nests_each_story_over_its_chapters(
    books: dict[str, Path], samples_dir: Path
) -> None:
    book = Book.read(books["samples"])
    stories = [read_path(p) for p in sorted(samples_dir.glob("*.txt"))]
    toc = book.nav_toc()
    assert len(toc) == len(stories)
    for (label, _, _), story in zip(toc, stories, strict=True):  # several authors: each story says whose
        assert label == FIX(
            f"{story.title}, by {and_list(story.authors)}" if story.authors else str(story.title)
        )
    assert toc == book.ncx_toc() == book.contents_page()
    spine = book.spine()
    assert spine[:2] == ["titlepage.xhtml", "contents.xhtml"]
    for (_, href, children), story in zip(toc, stories, strict=True):
        assert href.endswith("titlepage.xhtml") and str(story.title) in book.page_text(href)  # its title page
        for _, chapter_href, _ in children:
            assert spine.index(chapter_href) > spine.index(href)
    assert b'epub:type="titlepage"' in book.files["EPUB/titlepage.xhtml"]


def test_anthology_with_corpus_stories_of_three_kinds(books: dict[str, Path], samples_dir: Path) -> None:
    if "corpus" not in books:
        pytest.skip("shared corpus not found beside the repository: corpus anthology not built")
    corpus = samples_dir.parent.parent / "shared" / "corpus" / "files"
    sources = [*sorted(samples_dir.glob("*.txt")), *(corpus / n for n in CORPUS_STORIES)]
    stories = [read_path(p) for p in sources]
    book = Book.read(books["corpus"])
    toc = book.nav_toc()
    assert len(toc) == len(stories) == len(sources)
    assert toc == book.ncx_toc() == book.contents_page()
    for (label, href, children), story in zip(toc, stories, strict=True):
        prefix = href.split("-")[0] + "-"
        assert all(child[1].startswith(prefix) for child in children)
        n = len(story.chapters)
        labels = [FIX(chapter_label(c, i, story, n)) for i, c in enumerate(story.chapters)]
        assert [c[0] for c in children] == ([] if labels == [label] else labels)  # a one-shot stands alone
    folder_entry = toc[-1]
    assert folder_entry[0] == stories[-1].title and len(folder_entry[2]) == len(stories[-1].chapters) > 1
    plain = toc[len(sources) - 3]
    if stories[len(sources) - 3].title is None:  # an untitled story is known by its file
        assert plain[0] == Path(CORPUS_STORIES[0]).stem
    assert len(set(book.spine())) == len(book.spine())


def test_stories_that_would_collide_keep_apart(books: dict[str, Path]) -> None:
    book = Book.read(books["twins"])
    toc = book.nav_toc()
    assert [e[0] for e in toc] == ["Same Title", "Same Title"]
    hrefs = [h for _, _, children in toc for _, h, _ in children]
    assert [h.split("-", 1)[1] for h in hrefs] == ["ch0001.xhtml", "notes.xhtml"] * 2
    assert len(set(hrefs)) == 4
    ids = [i.get("id") for i in book.opf.findall(".//opf:manifest/opf:item", NS)]
    assert len(ids) == len(set(ids))
    assert [n for n in book.names if "image" in n] == ["EPUB/s01-image0001.png", "EPUB/s02-image0001.png"]
    first_notes, second_notes = book.page_text(hrefs[1]), book.page_text(hrefs[3])
    assert "First note." in first_notes and "Second note." in second_notes  # each story keeps its own notes


def test_series_order_and_metadata(books: dict[str, Path]) -> None:
    book = Book.read(books["series"])
    assert [e[0] for e in book.nav_toc()] == ["First Light", "Second Light", "Third Light"]
    assert book.dc("title") == ["Lanterns"]
    assert book.dc("creator") == ["A. Writer"]
    assert book.meta("belongs-to-collection") == ["Lanterns"]
    subjects = book.dc("subject")
    assert subjects.count("Lamps") == 1 and len(subjects) == len(set(subjects))
    titlepage = book.page_text("titlepage.xhtml")
    chapters = sum(len(read_path(p).chapters) for p in sorted(books["series"].parent.glob("series/*.txt")))
    assert "Lanterns" in titlepage and f"3 stories · {chapters} chapters" in titlepage


def test_books_are_valid(books: dict[str, Path], epubcheck: Any) -> None:
    epubcheck.assert_valid(list(books.values()))


def test_same_inputs_same_bytes(samples_dir: Path) -> None:
    samples = sorted(samples_dir.glob("*.txt"))
    stories = [read_path(p) for p in samples]
    first = anthology_bytes(stories, OPTIONS)
    assert first == anthology_bytes([read_path(p) for p in samples], OPTIONS)


def test_the_story_that_fails_is_named(tmp_path: Path, samples_dir: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(InputError) as caught:
        make_anthology([next(samples_dir.glob("*.txt")), empty], tmp_path / "x.epub", OPTIONS)
    assert str(empty) in caught.value.one_line()
    result = CliRunner().invoke(cli, ["anthology", str(empty), "-o", str(tmp_path / "x.epub")])
    assert result.exit_code == 2 and "empty.txt" in result.output
    assert not (tmp_path / "x.epub").exists()


def _made(title: str, authors: list[str], **fields: str) -> Story:
    story = Story(title=title, authors=authors, chapters=[Chapter(None, [Paragraph.of(f"Text of {title}.")])])
    for key, value in fields.items():
        story.set(key.capitalize(), value)
    return story


def test_collection_title_and_authors_are_derived() -> None:
    one = [_made("A", ["Ann"], fandom="X, Y"), _made("B", ["ann"], fandom="Y; Z", tags="fluff")]
    meta = collection_metadata(one)
    assert (meta.title, meta.authors) == ("Stories by Ann", ["Ann"])
    assert meta.subjects == ["X", "Y", "Z", "fluff"]
    several = [_made("A", ["Ann"]), _made("B", ["Bob"]), _made("C", [])]
    meta = collection_metadata(several)
    assert (meta.title, meta.authors) == ("A and 2 other stories", ["Ann", "Bob"])
    assert collection_metadata(several, title="Fest", authors=["Mods"]).title == "Fest"
    assert collection_metadata(several, Options(title="Given")).title == "Given"
    series = [_made("A", ["Ann"], series="Part 1 of S"), _made("B", ["Bob"], series="S, Part 2")]
    assert (collection_metadata(series).title, collection_metadata(series).series) == ("S", "S")
    mixed = [_made("A", ["Ann"], series="Part 1 of S"), _made("B", ["Bob"])]
    assert collection_metadata(mixed).series is None


def test_orders() -> None:
    stories = [
        _made("Part 10", ["A"], series="Part 10 of Zed", published="Mar 2"),  # no year: unknown date
        _made("part 2", ["A"], series="Part 2 of Zed", published="2 January 2020"),
        _made("Alpha", ["A"], published="2019-12-31"),
        _made("Beta", ["A"], series="Part 1 of Able", updated="1/2/2020"),
    ]
    stories[0].series = Series("Zed", 10)  # as a reader that knows the series sets it
    titles = lambda order: [s.title for s in order_stories(stories, order)]  # noqa: E731
    assert titles("given") == ["Part 10", "part 2", "Alpha", "Beta"]
    assert titles("series") == ["Beta", "part 2", "Part 10", "Alpha"]
    assert titles("title") == ["Alpha", "Beta", "part 2", "Part 10"]
    assert titles("date") == ["Alpha", "part 2", "Beta", "Part 10"]
    with pytest.raises(Exception, match="unknown anthology order"):
        order_stories(stories, "random")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Part 2 of Foo", Series("Foo", 2)),
        ("Part 2 of the Foo Bar series", Series("Foo Bar", 2)),
        ("Part 7 of A Wheel Inside a Wheel", Series("A Wheel Inside a Wheel", 7)),
        ("Part 1 of A, Part 3 of B", Series("A", 1)),
        ("Foo: Book Two of 5", Series("Foo", 2)),
        ("Foo (2)", Series("Foo", 2)),
        ("Foo #3", Series("Foo", 3)),
        ("Just A Name", Series("Just A Name")),
        ("Part 2 of 5", None),
    ],
)
def test_series_from_text(text: str, expected: Series | None) -> None:
    assert series_from_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015-03-02", (2015, 3, 2)),
        ("Mar 2, 2015", (2015, 3, 2)),
        ("2nd of March 2015", (2015, 3, 2)),
        ("3/2/2015", (2015, 3, 2)),
        ("23/2/2015", (2015, 2, 23)),
        ("02.03.15", (2015, 3, 2)),
        ("March 2015", (2015, 3, 0)),
        ("Mar 2", None),
        ("soon", None),
    ],
)
def test_parse_date(text: str, expected: tuple[int, int, int] | None) -> None:
    assert parse_date(text) == expected


def test_date_from_ao3_stats() -> None:
    story = _made("S", [], stats="Published: 2021-03-03 Words: 32,900 Chapters: 3/3")
    assert story_date(story) == (2021, 3, 3)


def test_ao3_series_in_reading_order(corpus_dir: Path, tmp_path: Path, epubcheck: Any) -> None:
    sources = [corpus_dir / "files" / name for name in AO3_SERIES]
    if not any(read_path(p).get("series") or read_path(p).series for p in sources):
        pytest.skip("the HTML reader does not read AO3's Series field yet")
    out = make_anthology(sources, tmp_path / "wheel.epub", OPTIONS, order="series")
    book = Book.read(out)
    assert book.nav_toc()[0][0] == "Keep the Home Fires (Burning)"
    assert book.dc("title") == ["A Wheel Inside a Wheel"]
    assert book.meta("belongs-to-collection") == ["A Wheel Inside a Wheel"]
    epubcheck.assert_valid([out])


def test_one_anthology_per_folder(tmp_path: Path) -> None:
    tree = {
        "lamps": ["b.txt", "a.txt"],
        "lamps/more": ["c.md"],
        "lamps/Told in chapters": ["chapter-1.txt", "chapter-2.txt"],  # one story, by the discovery rule
        ".hidden": ["d.txt"],
    }
    for folder, names in tree.items():
        (tmp_path / "in" / folder).mkdir(parents=True, exist_ok=True)
        for name in names:
            text = _story(name, "W", "Words here.|More words.")
            (tmp_path / "in" / folder / name).write_text(text.split("\n\n", 1)[1] if "chap" in name else text)
    results = make_anthologies([tmp_path / "in"], tmp_path / "out", OPTIONS)
    assert [(r.status, r.output.relative_to(tmp_path)) for r in results if r.output] == [
        ("converted", Path("out/lamps.epub")),
        ("converted", Path("out/lamps/more.epub")),
    ]
    book = Book.read(tmp_path / "out" / "lamps.epub")
    assert book.dc("title") == ["lamps"]
    assert [e[0] for e in book.nav_toc()] == ["a.txt", "b.txt", "Told in chapters"]
    result = CliRunner().invoke(
        cli,
        ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "cli"), "--anthology-per-folder", "--no-cover"],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "cli").rglob("*.epub")) == ["lamps.epub", "more.epub"]
