"""Readers: stories told in several files, metadata files and sidecars, file names as chapter titles,
and Markdown's HTML.  Every example is written here; none is copied from a story."""

from __future__ import annotations

from pathlib import Path

import pytest

from fic2epub.errors import Fic2EpubError
from fic2epub.model import SceneBreak, text_of_block
from fic2epub.readers import read_path
from fic2epub.readers.folder import title_from_name
from fic2epub.readers.markdown import prepare_markdown
from fic2epub.readers.metadata import is_metadata_file, sidecars

PROSE = "The rain had not stopped for three days, and Mara had stopped counting the buckets.\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def all_text(story: object) -> str:
    chapters = getattr(story, "chapters", [])
    return " ".join(text_of_block(b) for c in chapters for b in c.blocks)


# --- file names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("01 - Beauxbatons.md", "Beauxbatons"),
        ("12 - London (2).md", "London (2)"),
        ("chapter-03.md", "Chapter 3"),
        ("ch2.txt", "Chapter 2"),
        ("Chapter1.fragment.html", "Chapter 1"),
        ("07.txt", "Chapter 7"),
        ("03-dressmaking-and-determination.md", "Dressmaking and Determination"),
        ("the_long_night.txt", "The Long Night"),
    ],
)
def test_chapter_titles_from_file_names(name: str, title: str) -> None:
    assert title_from_name(Path(name)) == title


@pytest.mark.parametrize(
    ("name", "meta"),
    [
        ("index.md", True),
        ("README.md", True),
        ("0-cover.md", True),
        ("title.txt", True),
        ("metadata.yaml", True),
        ("story.toml", True),
        ("darling-and-date-meta.md", True),
        ("oneshot.meta.md", True),
        ("01-announce.md", False),
        ("chapter-00.md", False),
        ("metamorphosis.md", False),
    ],
)
def test_metadata_file_names(name: str, meta: bool) -> None:
    assert is_metadata_file(Path(name)) is meta


# --- folders --------------------------------------------------------------------------------------------


def test_folder_in_natural_order_with_header_in_the_first_file(tmp_path: Path) -> None:
    write(tmp_path, "ch10.txt", "Chapter 10\n\n" + PROSE)
    write(tmp_path, "ch2.txt", "Chapter 2\n\n" + PROSE)
    write(tmp_path, "ch1.txt", "Title: Salt\nAuthor: quillfeather\nRating: T\n\nChapter 1\n\n" + PROSE)
    story = read_path(tmp_path)
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2", "Chapter 10"]
    assert (story.title, story.authors) == ("Salt", ["quillfeather"])
    assert story.get("rating") == "T"


def test_folder_with_an_index_page_and_front_matter_in_every_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        "index.md",
        "---\ntitle: Salt\nauthor: quillfeather\nlayout: standard\ncollection: Stories\n---\n\n"
        "A keeper finds a letter that was never sent.\n\n---\n\n<story-index></story-index>\n",
    )
    for n, place in ((1, "The Harbour"), (2, "The Lamp"), (10, "The Storm")):
        write(
            tmp_path,
            f"{n:02d} - {place}.md",
            f"---\ntitle: Salt - {place}\nauthor: quillfeather\n---\n{PROSE}",
        )
    story = read_path(tmp_path)
    assert story.title == "Salt"
    assert story.authors == ["quillfeather"]
    assert [c.title for c in story.chapters] == ["The Harbour", "The Lamp", "The Storm"]
    assert story.summary == "A keeper finds a letter that was never sent."
    assert story.get("collection") == "Stories"
    assert story.get("layout") is None


def test_folder_titles_shared_by_the_files_name_the_story(tmp_path: Path) -> None:
    for n, place in ((1, "The Harbour"), (2, "The Lamp")):
        write(tmp_path, f"{n:02d}.md", f"---\ntitle: Salt - {place}\n---\n{PROSE}")
    story = read_path(tmp_path)
    assert story.title == "Salt"
    assert [c.title for c in story.chapters] == ["The Harbour", "The Lamp"]


def test_a_cover_page_and_a_title_file_feed_metadata_not_fail(tmp_path: Path) -> None:
    write(tmp_path, "0-cover.md", "![](images/cover.jpeg)\n")
    write(
        tmp_path,
        "title.txt",
        "---\ntitle: Salt\nauthor: quillfeather\nlanguage: en-GB\ncover-image: c.jpg\n...\n",
    )
    write(tmp_path, "chapter-00.md", "# Prologue -- The Harbour\n\n" + PROSE)
    write(tmp_path, "chapter-01.md", "# Chapter 1 -- The Lamp\n\n" + PROSE)
    story = read_path(tmp_path)
    assert (story.title, story.authors, story.language) == ("Salt", ["quillfeather"], "en-GB")
    assert [c.title for c in story.chapters] == ["Prologue -- The Harbour", "Chapter 1 -- The Lamp"]
    assert story.get("cover image") is None


def test_a_file_with_only_a_header_in_a_folder_is_metadata(tmp_path: Path) -> None:
    write(tmp_path, "00-about.txt", "Title: Salt\nFandom: Sea Stories\nRating: G\n")
    write(tmp_path, "01.txt", PROSE)
    write(tmp_path, "02.txt", PROSE)
    story = read_path(tmp_path)
    assert story.title == "Salt"
    assert story.get("fandom") == "Sea Stories"
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2"]


def test_markdown_meta_file_sections(tmp_path: Path) -> None:
    write(
        tmp_path,
        "salt-meta.md",
        "# Salt\n\n## Synopsis:\nA keeper and [a letter](../letter/letter-meta.md).\n\n"
        "## Description:\nFirst paragraph.\n\nSecond paragraph, with [a link](https://example.org).\n\n"
        "## Ideas:\n- make it rain\n- then the sun\n\n"
        "## Chapters:\n[Chapter 1: Rain](01-rain.md):\n - it rains\n",
    )
    write(tmp_path, "01-rain.md", "# Rain\n\n" + PROSE)
    write(tmp_path, "02-sun.md", "# Sun\n\n" + PROSE)
    story = read_path(tmp_path)
    assert story.title == "Salt"
    assert [c.title for c in story.chapters] == ["Rain", "Sun"]
    labels = {f.label: f.value for f in story.metadata}
    assert labels["Synopsis"] == "A keeper and a letter."
    assert labels["Description"] == "First paragraph.\n\nSecond paragraph, with a link."
    assert "Ideas" not in labels and "Chapters" not in labels
    assert any("Ideas" in d for d in story.dropped)


def test_yaml_and_toml_metadata_files_in_a_folder(tmp_path: Path) -> None:
    write(
        tmp_path,
        "metadata.toml",
        'title = "Salt"\nauthors = ["quillfeather", "nightjar"]\nseries = "Sea Tales #2"\n',
    )
    write(tmp_path, "01.md", PROSE)
    write(tmp_path, "02.md", PROSE)
    story = read_path(tmp_path)
    assert story.title == "Salt"
    assert story.authors == ["quillfeather", "nightjar"]
    assert story.series is not None and (story.series.name, story.series.position) == ("Sea Tales", 2)


def test_folder_without_story_text_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "index.md", "---\ntitle: Salt\n---\n")
    with pytest.raises(Fic2EpubError):
        read_path(tmp_path)


# --- sidecars ---------------------------------------------------------------------------------------------


def test_sidecar_meta_markdown_beside_one_story(tmp_path: Path) -> None:
    story_file = write(tmp_path, "salt.md", "# Salt\n\n" + PROSE)
    write(
        tmp_path, "salt.meta.md", "# Salt\n\n## Synopsis:\nA keeper and a letter.\n\n## Cover:\n![c](c.png)\n"
    )
    assert sidecars(story_file) == [tmp_path / "salt.meta.md"]
    story = read_path(story_file)
    assert story.title == "Salt"
    assert story.summary == "A keeper and a letter."


def test_sidecar_yaml_fills_only_what_the_story_lacks(tmp_path: Path) -> None:
    story_file = write(tmp_path, "salt.txt", "Title: Salt\nRating: T\n\n" + PROSE)
    write(tmp_path, "salt.yaml", "title: Other\nauthor: quillfeather\nrating: M\nfandom: Sea Stories\n")
    story = read_path(story_file)
    assert (story.title, story.authors) == ("Salt", ["quillfeather"])
    assert story.get("rating") == "T"
    assert story.get("fandom") == "Sea Stories"


def test_no_sidecar_no_change(tmp_path: Path) -> None:
    story_file = write(tmp_path, "salt.md", "# Salt\n\n" + PROSE)
    write(tmp_path, "pepper.meta.md", "## Synopsis:\nNot this one.\n")
    assert read_path(story_file).summary is None


# --- Markdown's HTML ----------------------------------------------------------------------------------


def test_prepare_markdown_blocks_comments_links() -> None:
    text = (
        "<p>\nOne.\n</p><p>\nTwo.\n</p><hr><!-- merged\nchapters -->\n<p>Three.</p>\n"
        'Source: <a href="\nhttps://example.org/s/1\n">\nSalt\n</a>\n'
    )
    out = prepare_markdown(text)
    assert "<p>" not in out and "merged" not in out
    assert "\n<hr>\n" in out
    assert "Source: [Salt](https://example.org/s/1)" in out
    lines = out.split("\n")
    assert lines[lines.index("Two.") + 1] == ""  # a paragraph gap, not a run of blank lines
    assert "\n\n\n" not in out


def test_comments_leave_no_scene_break_behind(tmp_path: Path) -> None:
    story_file = write(tmp_path, "salt.md", "# Salt\n\n" + PROSE + "\n<!-- more -->\n\n" + PROSE)
    story = read_path(story_file)
    assert not any(isinstance(b, SceneBreak) for c in story.chapters for b in c.blocks)


def test_code_fences_are_left_alone() -> None:
    text = "```\n<p>kept</p>\n```\n"
    assert prepare_markdown(text) == text


def test_front_matter_then_a_markdown_title(tmp_path: Path) -> None:
    story_file = write(
        tmp_path, "salt.md", "---\nauthor: quillfeather\n---\n\n# Salt\n\n## The Rain\n\n" + PROSE
    )
    story = read_path(story_file)
    assert (story.title, story.authors) == ("Salt", ["quillfeather"])
    assert [c.title for c in story.chapters] == ["The Rain"]
