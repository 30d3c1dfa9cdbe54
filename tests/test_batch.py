"""fic2epub batch (issue 6): discovery, mirrored and safe names, collisions, incremental runs, resume
after a kill, failure isolation, the JSON report, and books that do not depend on the number of jobs.

Stories are small and written here; the corpus is used only to check that a batch makes the same
books as `fic2epub convert` (skipped where the corpus is absent).  Covers are off where they play
no part: they are the cover generator's business and cost time.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import fic2epub.batch.work
from fic2epub import Options, Result, convert_tree
from fic2epub.api import convert, epub_from_story
from fic2epub.batch import plan_batch
from fic2epub.batch.discover import chapter_number, discover, is_chapter_folder
from fic2epub.batch.memory import story_from_files
from fic2epub.batch.paths import MAX_NAME_BYTES, safe_name
from fic2epub.batch.state import STATE_DIR
from fic2epub.batch.work import Job, convert_job
from fic2epub.cli import cli
from fic2epub.readers import read_path
from fic2epub.render.book import RenderedBook

OPTIONS = Options(no_cover=True)


def story_text(title: str, chapters: int = 2, paragraphs: int = 3) -> str:
    parts = [f"Title: {title}\nAuthor: Test Writer\n"]
    for n in range(1, chapters + 1):
        parts.append(f"Chapter {n}\n")
        parts.extend(
            f"{title} paragraph {i} of chapter {n}, with a few words more." for i in range(paragraphs)
        )
        parts.append("* * *")
        parts.append(f"After the break in chapter {n}.")
    return "\n\n".join(parts) + "\n"


def write(path: Path, text: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else story_text(path.stem), encoding="utf-8")
    return path


def epubs(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.epub"))


def statuses(results: list[Result]) -> dict[str, str]:
    return {r.source.name: r.status for r in results}


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["batch", *args])
    return result.exit_code, result.output


# ------------------------------------------------------------------ discovery


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["01 - Beauxbatons.md", "02 - Paris.md", "03 - Normandy.md", "index.md"], True),
        (["0-cover.md", "chapter-00.md", "chapter-01.md", "title.txt"], True),
        (["Chapter1.fragment.html", "Chapter2.fragment.html", "TOC.fragment.html", "Notes.html"], True),
        (["story_ch1.txt", "story_ch2.txt"], True),
        (["000_fb6cf01391b8e67a.txt", "002_c952ecc62db0faf6.txt"], False),  # a gap: not chapters
        (["1234567.html", "2345678.html"], False),  # archive work ids
        (["my-immortal.txt", "hpmor.txt"], False),
        (["01.txt"], False),  # one file is a story of its own
        (["01.txt", "02.txt", "a.txt", "b.txt", "c.txt"], False),  # fewer than half numbered
    ],
)
def test_chapter_folder_rule(names: list[str], expected: bool) -> None:
    assert is_chapter_folder(names) is expected


def test_chapter_numbers() -> None:
    assert chapter_number("12 - London (2).md") == 12
    assert chapter_number("Chapter_7.txt") == 7
    assert chapter_number("epilogue.txt") is None


def test_discovery_finds_files_and_chapter_folders(tmp_path: Path) -> None:
    src = tmp_path / "lib"
    write(src / "one.txt")
    write(src / "two.md")
    write(src / "page.html", "<html><body><p>Hello there.</p></body></html>")
    write(src / "notes.pdf", "not a story format")
    write(src / ".hidden.txt")
    write(src / ".git" / "x.txt")
    for n in range(1, 11):
        write(src / "author" / "long" / f"{n} - Part.txt")
    write(src / "author" / "short.txt")
    found = discover([src])
    got = {f.relative.as_posix(): [p.name for p in f.files] for f in found.stories}
    assert got == {
        "author/long": [f"{n} - Part.txt" for n in range(1, 11)],  # in natural order
        "author/short.txt": ["short.txt"],
        "one.txt": ["one.txt"],
        "page.html": ["page.html"],
        "two.md": ["two.md"],
    }


def test_markers_override_the_rule_and_subfolders_make_a_library(tmp_path: Path) -> None:
    write(tmp_path / "forced" / "opening.txt")
    write(tmp_path / "forced" / "ending.txt")
    (tmp_path / "forced" / ".fic2epub-story").touch()
    write(tmp_path / "numbered" / "01.txt")
    write(tmp_path / "numbered" / "02.txt")
    (tmp_path / "numbered" / ".fic2epub-library").touch()
    write(tmp_path / "parent" / "01.txt")
    write(tmp_path / "parent" / "02.txt")
    write(tmp_path / "parent" / "child" / "story.txt")
    found = sorted(f.relative.as_posix() for f in discover([tmp_path]).stories)
    assert found == [
        "forced",
        "numbered/01.txt",
        "numbered/02.txt",
        "parent/01.txt",
        "parent/02.txt",
        "parent/child/story.txt",
    ]


def test_a_source_that_is_one_story_folder_is_named_after_itself(tmp_path: Path) -> None:
    write(tmp_path / "My Story" / "chapter1.txt")
    write(tmp_path / "My Story" / "chapter2.txt")
    results = convert_tree([tmp_path / "My Story"], tmp_path / "out", OPTIONS, jobs=1)
    assert [r.status for r in results] == ["converted"]
    assert epubs(tmp_path / "out") == ["My Story.epub"]


def test_sidecars_belong_to_their_story(tmp_path: Path) -> None:
    src, out = tmp_path / "lib", tmp_path / "out"
    write(src / "story.md")
    write(src / "story.meta.md", "Title: The Real Title\n")
    write(src / "other.txt")
    found = {f.relative.as_posix(): [p.name for p in f.files] for f in discover([src]).stories}
    assert found == {"other.txt": ["other.txt"], "story.md": ["story.md", "story.meta.md"]}
    first = statuses(convert_tree([src], out, OPTIONS, jobs=1))
    assert first == {"other.txt": "converted", "story.md": "converted"}
    write(src / "story.meta.md", "Title: A Better Title\n")
    again = {r.source.name: r.reason for r in convert_tree([src], out, OPTIONS, jobs=1)}
    assert again == {"other.txt": "up to date", "story.md": "the story changed"}


def test_symlinks_do_not_leave_the_tree_and_loops_do_not_hang(tmp_path: Path) -> None:
    outside = write(tmp_path / "secret" / "private.txt")
    src = tmp_path / "lib"
    write(src / "real.txt")
    (src / "inside-link.txt").symlink_to(src / "real.txt")
    (src / "outside-link.txt").symlink_to(outside)
    (src / "outside-dir").symlink_to(outside.parent, target_is_directory=True)
    (src / "loop").symlink_to(src, target_is_directory=True)
    (src / "a").mkdir()
    (src / "a" / "b").symlink_to(src / "a", target_is_directory=True)
    (src / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    found = discover([src])
    assert sorted(f.relative.as_posix() for f in found.stories) == ["inside-link.txt", "real.txt"]
    ignored = {p.name: why for p, why in found.ignored}
    assert "outside-link.txt" in ignored and "out of the source folder" in ignored["outside-link.txt"]
    assert "broken.txt" in ignored
    results = convert_tree([src], tmp_path / "out", OPTIONS, jobs=1)
    assert epubs(tmp_path / "out") == ["inside-link.epub", "real.epub"]
    assert {r.source.name for r in results if r.status == "ignored"} >= {"outside-link.txt", "outside-dir"}


def test_fifos_are_not_opened(tmp_path: Path) -> None:
    write(tmp_path / "lib" / "story.txt")
    os.mkfifo(tmp_path / "lib" / "pipe.txt")
    found = discover([tmp_path / "lib"])
    assert [f.relative.as_posix() for f in found.stories] == ["story.txt"]
    assert [(p.name, "not a regular file" in why) for p, why in found.ignored] == [("pipe.txt", True)]


def test_the_output_folder_inside_a_source_is_not_read(tmp_path: Path) -> None:
    write(tmp_path / "story.txt")
    convert_tree([tmp_path], tmp_path / "books", OPTIONS, jobs=1)
    write(tmp_path / "books" / "stray.txt")
    results = convert_tree([tmp_path], tmp_path / "books", OPTIONS, jobs=1)
    assert statuses(results) == {"story.txt": "skipped"}


# ------------------------------------------------------------------ names and collisions


def test_outputs_mirror_the_sources(tmp_path: Path) -> None:
    write(tmp_path / "lib" / "a" / "b" / "deep.txt")
    write(tmp_path / "lib" / "top.md")
    write(tmp_path / "lib" / "saga" / "ch1.txt")
    write(tmp_path / "lib" / "saga" / "ch2.txt")
    write(tmp_path / "other" / "more.txt")
    results = convert_tree([tmp_path / "lib", tmp_path / "other"], tmp_path / "out", OPTIONS, jobs=1)
    assert all(r.status == "converted" for r in results)
    assert epubs(tmp_path / "out") == ["a/b/deep.epub", "more.epub", "saga.epub", "top.epub"]


def test_collisions_are_resolved_predictably(tmp_path: Path) -> None:
    src = tmp_path / "lib"
    write(src / "story.txt")
    write(src / "story.md")
    write(src / "Story.html", "<p>Other words entirely.</p>")
    write(src / "alone.txt")
    write(src / "saga" / "ch1.txt")
    write(src / "saga" / "ch2.txt")
    write(src / "saga.txt")
    write(src / "x.epub" / "inner.txt")  # a folder whose name an output would take
    write(src / "x.txt")
    plan = plan_batch([src], tmp_path / "out")
    outputs = {p.found.relative.as_posix(): p.output for p in plan.stories}
    assert outputs == {
        "Story.html": "Story.html.epub",
        "alone.txt": "alone.epub",
        "saga": "saga.epub",
        "saga.txt": "saga.txt.epub",
        "story.md": "story.md.epub",
        "story.txt": "story.txt.epub",
        "x.epub/inner.txt": "x.epub/inner.epub",
        "x.txt": "x.txt.epub",
    }
    # two sources merging into one OUTDIR, and names equal but for case and extension
    write(tmp_path / "more" / "Story.txt")
    plan = plan_batch([src, tmp_path / "more"], tmp_path / "out")
    outputs = {str(p.source.relative_to(tmp_path)): p.output for p in plan.stories}
    assert outputs["lib/story.txt"] == "story.txt.epub"
    assert outputs["more/Story.txt"] == "Story.txt (2).epub"
    assert len({o.casefold() for o in outputs.values()}) == len(outputs)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("..", "_"),
        (".hidden", "hidden"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("console", "console"),
        ("a:b*c?.txt", "a_b_c_.txt"),
        ("tab\tand\nnewline", "tab_and_newline"),
        ("trailing dots...", "trailing dots"),
        ("Ünïcödé 物語", "Ünïcödé 物語"),
        ("caf\udce9", "caf_"),  # a Latin-1 name read on a UTF-8 system
        ("e\u0301", "\u00e9"),  # one spelling of é on every system
    ],
)
def test_safe_names(name: str, safe: str) -> None:
    assert safe_name(name) == safe


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux keeps file names that are not UTF-8")
def test_names_that_are_not_utf8_or_have_newlines(tmp_path: Path) -> None:
    src = tmp_path / "lib"
    src.mkdir()
    (src / os.fsdecode(b"caf\xe9.txt")).write_text(story_text("Cafe"), encoding="utf-8")  # Latin-1 bytes
    write(src / "two\nlines.txt")
    report = tmp_path / "report.json"
    code, _ = run_cli(str(src), "-o", str(tmp_path / "out"), "--no-cover", "--report", str(report))
    assert code == 0
    assert epubs(tmp_path / "out") == ["caf_.epub", "two_lines.epub"]
    assert len(json.loads(report.read_text(encoding="utf-8"))["stories"]) == 2


def test_long_names_are_shortened_stably() -> None:
    long = "A very long title " * 30
    short = safe_name(long)
    assert len(short.encode()) <= MAX_NAME_BYTES
    assert short == safe_name(long)
    assert safe_name(long + "!") != short  # the hash keeps different names apart
    assert len(safe_name("物語" * 100).encode()) <= MAX_NAME_BYTES  # cut at a character boundary


def test_nothing_is_written_outside_outdir(tmp_path: Path) -> None:
    src = tmp_path / "lib"
    write(src / "CON.txt")
    write(src / ("n" * 240 + ".txt"))
    write(src / "ok.txt")
    write(src / "escape" / "story.txt")
    out = tmp_path / "out"
    victim = tmp_path / "victim"
    victim.mkdir()
    out.mkdir()
    (out / "escape").symlink_to(victim, target_is_directory=True)  # planted in OUTDIR
    results = convert_tree([src], out, OPTIONS, jobs=1)
    by_name = {r.source.name: r for r in results}
    assert by_name["story.txt"].status == "failed"
    assert "outside" in by_name["story.txt"].reason
    assert list(victim.iterdir()) == []
    assert by_name["CON.txt"].output == out / "_CON.epub"
    long = by_name["n" * 240 + ".txt"]
    assert long.status == "converted" and long.output is not None
    assert len(long.output.name.encode()) <= MAX_NAME_BYTES and long.output.parent == out


# ------------------------------------------------------------------ incremental runs


def test_second_run_skips_what_is_up_to_date(tmp_path: Path) -> None:
    src, out = tmp_path / "lib", tmp_path / "out"
    for n in range(4):
        write(src / f"s{n}.txt")
    first = convert_tree([src], out, OPTIONS, jobs=1)
    assert [r.status for r in first] == ["converted"] * 4
    assert {r.reason for r in first} == {"new"}
    again = convert_tree([src], out, OPTIONS, jobs=1)
    assert [r.status for r in again] == ["skipped"] * 4
    assert (again[0].words, again[0].chapters) == (first[0].words, first[0].chapters)  # kept from run 1

    # a newer time alone changes nothing; new content does
    os.utime(src / "s0.txt", (time.time() + 100, time.time() + 100))
    write(src / "s1.txt", story_text("changed"))
    (out / "s2.epub").unlink()
    with zipfile.ZipFile(out / "s3.epub", "a") as book:  # someone changed the book
        book.writestr("extra.txt", "x")
    results = {r.source.name: (r.status, r.reason) for r in convert_tree([src], out, OPTIONS, jobs=1)}
    assert results == {
        "s0.txt": ("skipped", "up to date"),
        "s1.txt": ("converted", "the story changed"),
        "s2.txt": ("converted", "the EPUB is missing"),
        "s3.txt": ("converted", "the EPUB was changed or cut short"),
    }

    changed = convert_tree([src], out, Options(no_cover=True, scene_break="asterism"), jobs=1)
    assert {(r.status, r.reason) for r in changed} == {("converted", "the options changed")}
    forced = convert_tree([src], out, Options(no_cover=True, scene_break="asterism"), jobs=1, force=True)
    assert {(r.status, r.reason) for r in forced} == {("converted", "--force (it was up to date)")}


def test_a_renamed_chapter_file_changes_the_story(tmp_path: Path) -> None:
    src, out = tmp_path / "saga", tmp_path / "out"
    write(src / "01.txt")
    write(src / "02.txt")
    convert_tree([src], out, OPTIONS, jobs=1)
    (src / "02.txt").rename(src / "2.txt")
    assert [r.reason for r in convert_tree([src], out, OPTIONS, jobs=1)] == ["the story changed"]


def test_dry_run_writes_nothing_and_says_why(tmp_path: Path) -> None:
    src, out = tmp_path / "lib", tmp_path / "out"
    write(src / "a.txt")
    write(src / "b.txt")
    code, output = run_cli(str(src), "-o", str(out), "--no-cover", "--dry-run")
    assert code == 0 and not out.exists()
    assert f"would convert {src / 'a.txt'} -> {out / 'a.epub'} (new)" in output
    run_cli(str(src), "-o", str(out), "--no-cover", "-q")
    write(src / "b.txt", story_text("other"))
    code, output = run_cli(str(src), "-o", str(out), "--no-cover", "--dry-run")
    assert f"up to date    {src / 'a.txt'}" in output
    assert "(the story changed)" in output
    assert "1 skipped" in output and "1 planned" in output


def test_two_batches_cannot_write_into_one_folder(tmp_path: Path) -> None:
    from fic2epub.batch.state import State
    from fic2epub.errors import OutputError

    write(tmp_path / "lib" / "a.txt")
    holder = State(tmp_path / "out")
    holder.open()
    try:
        with pytest.raises(OutputError, match="another batch"):
            convert_tree([tmp_path / "lib"], tmp_path / "out", OPTIONS, jobs=1)
    finally:
        holder.close()


# ------------------------------------------------------------------ failures and the report


def test_failures_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    src, out = tmp_path / "lib", tmp_path / "out"
    write(src / "a-good.txt")
    (src / "b-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    write(src / "c-empty.txt", "   \n")
    write(src / "d-good.txt")
    report = tmp_path / "report.json"
    code, output = run_cli(str(src), "-o", str(out), "--no-cover", "-j", "2", "--report", str(report))
    assert code == 1
    assert f"fic2epub: error: {src / 'b-image.txt'}: this is a PNG image, not a story" in output
    assert f"{src / 'c-empty.txt'}: the file is empty" in output
    assert "2 converted, 2 failed" in output
    assert epubs(out) == ["a-good.epub", "d-good.epub"]

    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["converted"] == 2 and data["summary"]["failed"] == 2
    records = {Path(r["source"]).name: r for r in data["stories"]}
    assert list(records) == ["a-good.txt", "b-image.txt", "c-empty.txt", "d-good.txt"]  # plan order
    good = records["a-good.txt"]
    assert set(good) == {
        "source",
        "output",
        "status",
        "reason",
        "seconds",
        "words",
        "chapters",
        "scene_breaks",
        "notes",
    }
    assert good["status"] == "converted" and good["output"] == str(out / "a-good.epub")
    story = fic2epub.parse(src / "a-good.txt")
    assert (good["words"], good["chapters"], good["scene_breaks"], good["notes"]) == (
        story.word_count(),
        len(story.chapters),
        story.scene_break_count(),
        story.note_count(),
    )
    assert good["words"] > 30 and good["seconds"] > 0
    assert records["b-image.txt"]["status"] == "failed" and "PNG" in records["b-image.txt"]["reason"]
    assert records["b-image.txt"]["output"] == str(out / "b-image.epub")  # where it would have gone


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    src = tmp_path / "lib"
    for n in range(5):
        write(src / f"story{n}.txt")
    (src / "big-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20_000))  # largest: converted first
    results = convert_tree([src], tmp_path / "out", OPTIONS, jobs=1, fail_fast=True)
    assert [(r.source.name, r.status) for r in results] == [("big-image.txt", "failed")]
    assert epubs(tmp_path / "out") == []


def test_unreadable_files_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "lib"
    write(src / "fine.txt")
    locked = write(src / "locked.txt")
    if os.geteuid() == 0:  # root reads anything: make the read fail the way a permission error does
        import fic2epub.batch.run as run_module

        real = run_module.read_bytes

        def read_bytes(path: Path, max_size: int) -> bytes:
            if path == locked:
                raise fic2epub.errors.InputError("cannot read: Permission denied", path)
            return real(path, max_size)

        monkeypatch.setattr(run_module, "read_bytes", read_bytes)
    else:
        locked.chmod(0)
    results = {r.source.name: r for r in convert_tree([src], tmp_path / "out", OPTIONS, jobs=1)}
    assert results["fine.txt"].status == "converted"
    assert results["locked.txt"].status == "failed"
    assert results["locked.txt"].reason == f"{locked}: cannot read: Permission denied"


def test_a_crashing_worker_fails_only_its_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "lib"
    for name in ("a", "b", "crash", "d", "e"):
        write(src / f"{name}.txt")
    real = fic2epub.batch.work.rendered_epub

    def rendered_epub(story: fic2epub.Story, options: Options) -> tuple[bytes, RenderedBook]:
        if story.title == "crash":
            os._exit(9)  # as the kernel's OOM killer would end it
        return real(story, options)

    monkeypatch.setattr(fic2epub.batch.work, "rendered_epub", rendered_epub)  # forked workers inherit it
    results = statuses(convert_tree([src], tmp_path / "out", OPTIONS, jobs=2))
    assert results == {
        "a.txt": "converted",
        "b.txt": "converted",
        "crash.txt": "failed",
        "d.txt": "converted",
        "e.txt": "converted",
    }


# ------------------------------------------------------------------ parallel runs give the same books


def test_books_do_not_depend_on_the_number_of_jobs(tmp_path: Path) -> None:
    src = tmp_path / "lib"
    for n in range(12):
        write(src / f"group{n % 3}" / f"story{n}.txt", story_text(f"Story {n}", chapters=1 + n % 4))
    one = convert_tree([src], tmp_path / "one", OPTIONS, jobs=1)
    two = convert_tree([src], tmp_path / "two", OPTIONS, jobs=2)
    assert [(r.source, r.status) for r in one] == [(r.source, r.status) for r in two]
    names = epubs(tmp_path / "one")
    assert names == epubs(tmp_path / "two") and len(names) == 12
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


CORPUS_PICKS = [  # text, Latin-1, Markdown, a saved page, a folder of chapter files, a folder of pages
    "000_fb6cf01391b8e67a.txt",
    "19_gutenberg_jack-sheppard_latin1.txt",
    "27_silkrose_a-hug-and-a-kiss_oneshot.md",
    "13_ao3-page_fellow-traveler_ch1.html",
    "26_darling-and-date_silkrose_multifile",
    "32_nightmares-of-futures-past_html-fragments",
]


@pytest.mark.corpus
def test_batch_makes_the_same_books_as_convert(tmp_path: Path, corpus_dir: Path) -> None:
    files = corpus_dir / "files"
    results = convert_tree([files / p for p in CORPUS_PICKS], tmp_path / "batch", OPTIONS, jobs=2)
    assert [r.status for r in results] == ["converted"] * len(CORPUS_PICKS), [r.reason for r in results]
    for result in results:
        assert result.output is not None
        single = convert(result.source, tmp_path / "single" / result.output.name, OPTIONS)
        assert result.output.read_bytes() == single.read_bytes(), result.source.name


@pytest.mark.corpus
def test_stories_sent_as_bytes_make_the_same_books(corpus_dir: Path) -> None:
    """What a Dask worker does (batch/memory.py) gives the book `fic2epub convert` gives."""
    for pick in CORPUS_PICKS:
        path = corpus_dir / "files" / pick
        found = discover([path]).stories[0]
        sent = [(str(p), p.read_bytes()) for p in found.files]
        story = story_from_files(str(path), sent, OPTIONS, folder=found.is_folder)
        assert epub_from_story(story, OPTIONS) == epub_from_story(read_path(path, OPTIONS), OPTIONS), pick


def test_errors_from_bytes_name_the_real_file(tmp_path: Path) -> None:
    with pytest.raises(fic2epub.InputError) as caught:
        story_from_files("/library/saga", [("/library/saga/01.txt", b"")], OPTIONS, folder=True)
    assert str(caught.value).startswith("/library/saga")
    assert "fic2epub-story" not in str(caught.value)


def test_a_folder_with_a_link_out_of_the_tree_is_read_without_it(tmp_path: Path) -> None:
    write(tmp_path / "secret.txt", story_text("SECRET WORDS"))
    saga = tmp_path / "lib" / "saga"
    write(saga / "01.txt")
    write(saga / "02.txt")
    (saga / "03.txt").symlink_to(tmp_path / "secret.txt")
    results = convert_tree([tmp_path / "lib"], tmp_path / "out", OPTIONS, jobs=1)
    assert [r.status for r in results if r.status != "ignored"] == ["converted"]
    with zipfile.ZipFile(tmp_path / "out" / "saga.epub") as book:
        text = b"".join(book.read(n) for n in book.namelist())
    assert b"SECRET WORDS" not in text


# ------------------------------------------------------------------ interruptions


def _start_batch(src: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    fic2epub_cli = [sys.executable, "-c", "from fic2epub.cli import main; main()"]
    command = [*fic2epub_cli, "batch", str(src), "-o", str(out), "--no-cover"]
    return subprocess.Popen(
        [*command, "-j", "1", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=src.parent
    )


def _wait_for_books(out: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    journal = out / STATE_DIR / "batch.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= count:
            return
        time.sleep(0.01)
    pytest.fail("the batch did not get going, or finished before it could be interrupted")


@pytest.fixture
def many_stories(tmp_path: Path) -> Path:
    src = tmp_path / "lib"
    for n in range(60):
        write(src / f"story{n:02d}.txt", story_text(f"Story {n}", chapters=8, paragraphs=60))
    return src


def _assert_no_partial_books(out: Path) -> None:
    for book in out.rglob("*.epub"):
        with zipfile.ZipFile(book) as archive:
            assert archive.testzip() is None


@pytest.mark.slow
def test_a_killed_batch_leaves_no_partial_book_and_the_next_run_goes_on(many_stories: Path) -> None:
    out = many_stories.parent / "out"
    process = _start_batch(many_stories, out)
    _wait_for_books(out, 5, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _assert_no_partial_books(out)
    made = len(epubs(out))
    assert 5 <= made < 60

    rerun = convert_tree([many_stories], out, OPTIONS, jobs=2)
    counts = [r.status for r in rerun]
    assert counts.count("skipped") >= 5 and counts.count("converted") + counts.count("skipped") == 60
    assert not [p for p in out.rglob("*.part")], "the rerun overwrote what the kill left"
    clean = convert_tree([many_stories], many_stories.parent / "clean", OPTIONS, jobs=1)
    for result in clean:
        assert result.output is not None
        assert result.output.read_bytes() == (out / result.output.name).read_bytes()


@pytest.mark.slow
def test_sigterm_stops_cleanly_with_a_report(many_stories: Path) -> None:
    out = many_stories.parent / "out"
    report = many_stories.parent / "report.json"
    process = _start_batch(many_stories, out, "--report", str(report))
    _wait_for_books(out, 3, process)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert not [p for p in out.rglob("*.part")]
    _assert_no_partial_books(out)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["interrupted"] is True
    assert data["summary"]["converted"] == len(epubs(out))


@pytest.mark.parametrize("title_page", [True, False])
def test_the_word_count_reported_is_the_storys(tmp_path: Path, title_page: bool) -> None:
    # counted once, for the title page, and taken from the rendered book; counted here without one
    path = write(tmp_path / "story.txt")
    options = Options(no_cover=True, title_page=title_page)
    outcome = convert_job(Job(0, str(path), False, path.stat().st_size), options)
    assert outcome.epub is not None
    assert outcome.words == fic2epub.parse(path).word_count() > 30
