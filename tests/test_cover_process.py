"""`fic2epub convert` draws its cover in a second process: the same book, and the same errors, as without."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import fic2epub
from fic2epub.cli import cover_process
from fic2epub.cli.cover_process import CoverProcess
from fic2epub.render.cover import generate_cover
from support.modules import loaded_by

STORY = "Title: Lanterns Over the Bay\nAuthor: Wren\nFandom: Original Work\n\nChapter 1\n\nShe lit them.\n"

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2,
    reason="the cover process needs Linux and a second core",
)

# The command line in a fresh process (as a user runs it), where drawing the cover in this process fails:
# the book can then only have come from the second process.
CLI_DRAWING_ONLY_IN_THE_CHILD = """
import sys
from fic2epub.cli import convert, cover_process
def refuse(*args):
    raise SystemExit("the cover was drawn in the parent")
convert.draw_here = cover_process.draw_here = refuse
from fic2epub.cli import main
main()
"""


def _cli(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=False)


def test_the_second_process_draws_the_very_cover_of_the_library(tmp_path: Path) -> None:
    story = tmp_path / "lanterns.txt"
    story.write_text(STORY, encoding="utf-8")
    done = _cli(CLI_DRAWING_ONLY_IN_THE_CHILD, "convert", str(story), "-o", str(tmp_path / "book.epub"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "book.epub").read_bytes() == fic2epub.epub_bytes(fic2epub.parse(story))


def test_a_story_with_its_own_cover_asks_nothing_of_the_second_process(tmp_path: Path) -> None:
    from PIL import Image

    story = tmp_path / "lanterns.txt"
    story.write_text(STORY, encoding="utf-8")
    (tmp_path / "covers").mkdir()
    Image.new("RGB", (400, 640), (40, 60, 90)).save(tmp_path / "covers" / "lanterns.jpg")
    done = _cli(CLI_DRAWING_ONLY_IN_THE_CHILD, "convert", str(story), "-o", str(tmp_path / "book.epub"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "book.epub").read_bytes() == fic2epub.epub_bytes(fic2epub.parse(story))


def test_when_the_drawing_fails_in_the_second_process_the_first_draws_the_cover(tmp_path: Path) -> None:
    script = """
from fic2epub.cli import cover_process
def fail(requests, answers):
    raise RuntimeError("no fonts here")
cover_process._serve = fail
from fic2epub.cli import main
main()
"""
    story = tmp_path / "lanterns.txt"
    story.write_text(STORY, encoding="utf-8")
    done = _cli(script, "convert", str(story), "-o", str(tmp_path / "book.epub"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "book.epub").read_bytes() == fic2epub.epub_bytes(fic2epub.parse(story))


def test_a_process_that_died_leaves_the_cover_to_this_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cover_process, "usable", lambda: True)
    drawing = CoverProcess.start()
    assert drawing is not None
    os.kill(drawing.pid, 9)
    finish = drawing.draw("Lanterns", ["Wren"], None)
    assert finish() == generate_cover("Lanterns", ["Wren"], None)
    with pytest.raises(ChildProcessError):  # reaped: no zombie left behind
        os.waitpid(drawing.pid, os.WNOHANG)


def test_a_process_never_asked_is_stopped_and_reaped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cover_process, "usable", lambda: True)
    drawing = CoverProcess.start()
    assert drawing is not None
    drawing.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(drawing.pid, os.WNOHANG)


def test_a_cover_asked_for_and_never_collected_leaves_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cover_process, "usable", lambda: True)
    drawing = CoverProcess.start()
    assert drawing is not None
    drawing.draw("Lanterns", ["Wren"], None)  # and then the conversion failed
    drawing.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(drawing.pid, os.WNOHANG)


def test_no_second_process_without_a_second_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not cover_process.usable()
    assert CoverProcess.start() is None


def test_the_command_line_starts_without_the_parser_the_renderer_or_pillow() -> None:
    """What the cover process gains is what `convert` has not loaded when it forks."""
    heavy = ["fic2epub.parse", "fic2epub.readers", "fic2epub.render.book", "ebooklib", "lxml", "PIL"]
    assert loaded_by("import fic2epub.cli", heavy) == []
