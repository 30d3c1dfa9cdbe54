"""The library as a new user meets it: what `fic2epub` exports, parse from every kind of source, stories
built by hand, books as files or bytes, the errors, logging (never printing) and the version."""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import io
import logging
import re
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import fic2epub
from fic2epub import (
    AuthorNote,
    Chapter,
    ConfigError,
    CoverError,
    DecodeError,
    Fic2EpubError,
    InputError,
    Options,
    OutputError,
    Paragraph,
    ParseError,
    SceneBreak,
    Story,
)
from fic2epub.cli import cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "fic2epub"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
XHTML = "{http://www.w3.org/1999/xhtml}"

STORY = """The Lighthouse Keeper
by Quill

Chapter 1: Fog

The fog came in at noon, as it always did.

* * *

By evening the lamp was lit.

Chapter 2: Ships

Three ships passed in the night.
"""


def package_metadata(epub: bytes) -> dict[str, list[str]]:
    """The Dublin Core metadata of an EPUB: element name to its values, in order."""
    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        container = etree.fromstring(book.read("META-INF/container.xml"))
        rootfile = next(container.iter("{urn:oasis:names:tc:opendocument:xmlns:container}rootfile"))
        opf = etree.fromstring(book.read(str(rootfile.get("full-path"))))
    out: dict[str, list[str]] = {}
    for metadata in opf.iter(f"{{{NS['opf']}}}metadata"):
        for element in metadata:
            name = etree.QName(element)
            if name.namespace == NS["dc"]:
                out.setdefault(name.localname, []).append(element.text or "")
    return out


def nav_labels(epub: bytes) -> list[str]:
    """The entries of the navigation document's table of contents."""
    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        nav = next(n for n in book.namelist() if n.endswith("nav.xhtml"))
        root = etree.fromstring(book.read(nav))
    toc = next(n for n in root.iter(f"{XHTML}nav") if n.get("{http://www.idpf.org/2007/ops}type") == "toc")
    return [" ".join("".join(str(t) for t in a.itertext()).split()) for a in toc.iter(f"{XHTML}a")]


# ---------------------------------------------------------------- the script of the issue


def test_new_user_script_folder_to_zip_of_epubs(tmp_path: Path) -> None:
    """Read all .txt files of a folder, override the author, add a tag, make EPUBs as bytes, zip them."""
    folder = tmp_path / "fics"
    folder.mkdir()
    (folder / "lighthouse.txt").write_text(STORY, encoding="utf-8")
    (folder / "rain.txt").write_text("Rain\n\nIt rained all day, and nobody minded.\n", encoding="utf-8")
    (folder / "notes.md").write_text("# Not a .txt file\n\nLeft alone.\n", encoding="utf-8")

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(folder.glob("*.txt")):
            story = fic2epub.parse(path)
            story.authors = ["Ada Writer"]
            story.add_tag("Comfort Read")
            zipped.writestr(path.stem + ".epub", fic2epub.epub_bytes(story, Options(no_cover=True)))

    with zipfile.ZipFile(io.BytesIO(archive.getvalue())) as zipped:
        assert sorted(zipped.namelist()) == ["lighthouse.epub", "rain.epub"]
        books = {name: zipped.read(name) for name in zipped.namelist()}
    for data in books.values():
        meta = package_metadata(data)
        assert meta["creator"] == ["Ada Writer"]
        assert "Comfort Read" in meta["subject"]
    assert package_metadata(books["lighthouse.epub"])["title"] == ["The Lighthouse Keeper"]
    assert nav_labels(books["lighthouse.epub"])[-2:] == ["Chapter 1: Fog", "Chapter 2: Ships"]


def test_author_override_through_options_leaves_the_story_alone() -> None:
    story = fic2epub.parse(STORY)
    data = fic2epub.epub_bytes(story, Options(authors=["Someone Else"], title="Renamed", no_cover=True))
    meta = package_metadata(data)
    assert (meta["creator"], meta["title"]) == (["Someone Else"], ["Renamed"])
    assert story.authors == ["Quill"] and story.title == "The Lighthouse Keeper"


# ---------------------------------------------------------------- parse: every kind of source


def test_parse_text_bytes_path_str_path_and_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    folder = tmp_path / "chapters"
    folder.mkdir()
    (folder / "01.txt").write_text("Chapter 1: Fog\n\nThe fog came in.\n", encoding="utf-8")
    (folder / "02.txt").write_text("Chapter 2: Ships\n\nThree ships passed.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    from_text = fic2epub.parse(STORY)
    assert from_text.title == "The Lighthouse Keeper" and from_text.authors == ["Quill"]
    assert [c.title for c in from_text.chapters] == ["Chapter 1: Fog", "Chapter 2: Ships"]
    assert from_text.scene_break_count() == 1
    for source in (path, str(path), "story.txt", STORY.encode("utf-16"), STORY.encode("utf-8")):
        story = fic2epub.parse(source)
        assert story.title == from_text.title and len(story.chapters) == 2, source
    assert fic2epub.parse(path).source == str(path)
    assert [c.title for c in fic2epub.parse(folder).chapters] == ["Chapter 1: Fog", "Chapter 2: Ships"]


def test_parse_markdown_and_html_text() -> None:
    markdown = "# Title Here\n\n## One\n\nSome *emphasis* in the text.\n\n## Two\n\nMore text follows.\n"
    story = fic2epub.parse(markdown, markdown=True)
    assert story.title == "Title Here" and [c.title for c in story.chapters] == ["One", "Two"]
    page = "<html><head><title>A Page</title></head><body><p>First paragraph.</p><p>Second.</p></body></html>"
    story = fic2epub.parse(page)
    text = " ".join(fic2epub.text_of_block(b) for c in story.chapters for b in c.blocks)
    assert "First paragraph." in text and "<p>" not in text


@pytest.mark.parametrize(
    "text",
    [
        "Chapter 1\n\nThe river.\n\nChapter 2\n\nThe sea.\n",
        "Chapter One\n\nThe river.\n\nChapter Two\n\nThe sea.\n",
        "Episode 1: Low Tide\n\nThe river.\n\nEpisode 2: High Tide\n\nThe sea.\n",
    ],
)
def test_short_numbered_chapters_stay_chapters(text: str) -> None:
    """A newcomer's first test story has tiny chapters: headings with different numbers are never taken for
    a chapter's title repeated inside it."""
    assert len(fic2epub.parse(text).chapters) == 2


# ---------------------------------------------------------------- stories built by hand


def test_hand_built_story(tmp_path: Path, epubcheck: object) -> None:
    story = Story(title="Built by Hand", authors=["A Script"], language="en")
    story.set("Fandom", "Original Work")
    story.add_tag("Fluff", "Short")
    story.front_notes.append(AuthorNote.of("Written for a test.\n\nEnjoy!"))
    story.chapters.append(Chapter.from_text("Morning", "The sun rose.\n\n* * *\n\nThe kettle sang."))
    story.chapters.append(Chapter("Evening", [Paragraph.of("Night fell.\nStars came out.")]))

    assert story.tags == ["Fluff", "Short"] and story.get("fandom") == "Original Work"
    assert isinstance(story.chapters[0].blocks[1], SceneBreak)
    assert story.word_count() == 11

    written = fic2epub.write_epub(story, tmp_path / "made" / "book.epub")
    assert written == tmp_path / "made" / "book.epub"
    data = written.read_bytes()
    assert data == fic2epub.epub_bytes(story)  # the same story gives the same bytes
    meta = package_metadata(data)
    assert meta["title"] == ["Built by Hand"] and meta["creator"] == ["A Script"]
    assert meta["subject"] == ["Original Work", "Fluff", "Short"]
    assert nav_labels(data)[-2:] == ["Morning", "Evening"]
    epubcheck.assert_valid([written])  # type: ignore[attr-defined]


def test_story_conveniences() -> None:
    assert Story(authors="Solo").authors == ["Solo"]  # type: ignore[arg-type]
    story = Story()
    story.add_tag("a", "b")
    story.add_tag("B", "c", " ")
    assert story.tags == ["a", "b", "c"] and story.get("Tags") == "a, b, c"
    story.set("Characters", "X; Y")
    assert story.values("characters") == ["X", "Y"] and story.values("pairing") == []
    chapter = Chapter.from_text(None, "one\r\ntwo\r\n\r\n~~~\r\n\r\n...")
    assert [type(b).__name__ for b in chapter.blocks] == ["Paragraph", "SceneBreak", "Paragraph"]
    assert fic2epub.epub_from_story is fic2epub.epub_bytes


def test_convert_and_default_output(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(STORY, encoding="utf-8")
    assert fic2epub.convert(source, options=Options(no_cover=True)) == tmp_path / "story.epub"
    assert fic2epub.convert(str(source), tmp_path / "x.epub", Options(format="kepub")) == tmp_path / "x.epub"
    assert zipfile.ZipFile(tmp_path / "story.epub").read("mimetype") == b"application/epub+zip"


# ---------------------------------------------------------------- errors


def test_errors_are_fic2epub_errors_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be")
    broken_cover = tmp_path / "cover.jpg"
    broken_cover.write_bytes(b"not an image")
    story = fic2epub.parse(STORY)
    cases: list[tuple[type[Fic2EpubError], object]] = [
        (InputError, lambda: fic2epub.parse(tmp_path / "missing.txt")),
        (InputError, lambda: fic2epub.parse("missing-story.txt")),
        (InputError, lambda: fic2epub.convert(tmp_path / "missing", tmp_path / "x.epub")),
        (InputError, lambda: fic2epub.epub_bytes(Story(title="Nothing yet"))),
        (ParseError, lambda: fic2epub.parse("   \n\n ")),
        (ParseError, lambda: fic2epub.parse(b"")),
        (OutputError, lambda: fic2epub.write_epub(story, tmp_path / "blocker" / "book.epub")),
        (CoverError, lambda: fic2epub.epub_bytes(story, Options(cover=broken_cover))),
        (ConfigError, lambda: Options(notes="later")),  # type: ignore[arg-type]
        (ConfigError, lambda: fic2epub.load_config(explicit=tmp_path / "no-such.toml")),
    ]
    for kind, call in cases:
        with pytest.raises(kind) as caught:
            call()  # type: ignore[operator]
        error = caught.value
        assert isinstance(error, Fic2EpubError)
        assert "\n" not in str(error) and str(error) == error.one_line()
        assert error.exit_code in (1, 2, 3)
    assert issubclass(DecodeError, InputError) and issubclass(ParseError, InputError)


# ---------------------------------------------------------------- the public face


def test_everything_in_all_is_importable_and_documented() -> None:
    for name in fic2epub.__all__:
        value = getattr(fic2epub, name)
        if name == "__version__":
            continue
        assert inspect.getdoc(value), f"fic2epub.{name} has no docstring"
        if inspect.isclass(value):
            for attr, member in vars(value).items():
                if attr.startswith("_"):
                    continue
                if isinstance(member, (classmethod, staticmethod)):
                    member = member.__func__
                elif isinstance(member, property):
                    member = member.fget
                if inspect.isfunction(member):
                    assert inspect.getdoc(member), f"fic2epub.{name}.{attr} has no docstring"
    for name in ("parse", "write_epub", "epub_bytes", "convert", "convert_tree", "make_anthology"):
        assert name in fic2epub.__all__
    assert (SRC / "py.typed").is_file()


def test_the_library_never_prints() -> None:
    """No print() anywhere in the package: it logs through logging.getLogger("fic2epub")."""
    offenders = []
    for path in SRC.rglob("*.py"):
        # the command line talks to people, through click.echo: its commands, and the batch's progress
        # display, which only `fic2epub batch` uses
        if "cli" in path.relative_to(SRC).parts or path == SRC / "batch" / "progress.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr in ("echo", "secho"):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("stdout", "stderr")
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
            ):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, f"the library writes to the terminal: {offenders}"


def test_library_logs_and_stays_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    source = tmp_path / "story.txt"
    source.write_text(STORY, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="fic2epub"):
        fic2epub.convert(source, tmp_path / "story.epub", Options(no_cover=True))
    assert capsys.readouterr() == ("", "")
    assert any(r.name.startswith("fic2epub") and "story.epub" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- version


def test_version_in_one_place() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "fic2epub.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", fic2epub.__version__)
    assert importlib.metadata.version("fic2epub") == fic2epub.__version__
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{fic2epub.__version__}]" in changelog
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output.strip() == f"fic2epub, version {fic2epub.__version__}"


def test_fic2epub_parse_stays_the_function_once_the_parser_is_loaded() -> None:
    """The parser (the subpackage fic2epub.parse) is loaded on first use, which would rebind the name."""
    import subprocess
    import sys

    script = (
        "import fic2epub\n"
        "fic2epub.parse('Chapter 1\\n\\nShe lit the lanterns.\\n')\n"
        "story = fic2epub.parse('Chapter 1\\n\\nAnd again.\\n')\n"
        "from fic2epub.parse.rules import RULES\n"
        "print(callable(fic2epub.parse), story.chapters[0].title, RULES[-1].name)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "Chapter", "1", "paragraph"]
