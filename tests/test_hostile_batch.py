"""A hostile downloads folder through `fic2epub batch` (issue 7), end to end on the command line.

tests/test_batch.py checks the batch's discovery and naming rules one at a time; this module puts
everything at once into one tree and runs the real command in a subprocess, with a time limit (a link
loop must not hang it): links out of the tree and loops, a FIFO, a socket, a broken link, binary and
empty files, names no file system likes, story titles that look like paths, a planted link in the
output folder.  Whatever is in the tree: the command ends, each bad thing is one line naming it,
every book lands inside the output folder, nothing else on disk changes, and no byte of a file
outside the tree reaches a book.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support.epub_xml import open_book
from support.permissions import SKIP_REASON, permissions_enforced

STORY = "Chapter 1\n\nOnce upon a time there was a story.\n\nChapter 2\n\nIt ended well.\n"
SECRET = "TOP-SECRET-CONTENT-OUTSIDE-THE-TREE"
WINDOWS_FORBIDDEN = set('<>:"\\|?*')
WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs and sockets")


def batch(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from fic2epub.cli import main; main()", "batch", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple[str, int]]:
    """Every regular file under a folder (links not followed): content hash and modification time."""
    out: dict[str, tuple[str, int]] = {}
    for root, dirs, files in os.walk(folder):
        if skip is not None and Path(root) == skip.parent:
            dirs[:] = [d for d in dirs if Path(root, d) != skip]
        for name in files:
            path = Path(root, name)
            if path.is_symlink() or not path.is_file():
                continue
            out[str(path.relative_to(folder))] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                path.stat().st_mtime_ns,
            )
    return out


def hostile_tree(base: Path) -> tuple[Path, Path]:
    """(the source tree, a folder outside it that must stay unread and untouched)."""
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"Chapter 1\n\n{SECRET}\n")
    (outside / "deeper").mkdir()
    (outside / "deeper" / "also-secret.txt").write_text(f"Chapter 1\n\n{SECRET} again\n")

    src = base / "downloads"
    (src / "fandom" / "saga").mkdir(parents=True)
    (src / "good.txt").write_text(STORY)
    (src / "fandom" / "another.md").write_text("# Chapter 1\n\nText of another story.\n")
    (src / "fandom" / "saga" / "01.txt").write_text("Chapter 1\n\nThe first part.\n")
    (src / "fandom" / "saga" / "02.txt").write_text("Chapter 2\n\nThe second part.\n")
    # stories whose own words look like paths
    (src / "titled.txt").write_text(
        "Title: ../../../../escaped\nAuthor: /etc/passwd\n\n"
        "Chapter 1: CON\n\nText.\n\nChapter 2: C:\\x\n\nMore.\n"
    )
    # names no file system likes
    (src / "CON.txt").write_text(STORY)
    (src / "a:b*c?.txt").write_text(STORY)
    (src / "trailing dots...txt").write_text(STORY)
    (src / ("long" * 60 + ".txt")).write_text(STORY)
    (src / "new\nline.txt").write_text(STORY)
    os.makedirs(src / "deep" / ("d/" * 60).strip("/"), exist_ok=True)
    (src / "deep" / ("d/" * 60) / "deep.txt").write_text(STORY)
    # files that are no story
    (src / "empty.txt").write_bytes(b"")
    (src / "bad\nname\x1b[31m.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))  # a name that is an attack
    (src / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with zipfile.ZipFile(src / "book.txt", "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
    # things that are not files
    os.mkfifo(src / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    with contextlib.suppress(OSError):  # a path too long for a socket on this system
        sock.bind(str(src / "s.txt"))
    sock.close()
    (src / "folder.txt").mkdir()
    # links: out of the tree, loops, broken, and one inside that is fine
    (src / "link-out.txt").symlink_to(outside / "secret.txt")
    (src / "out\nlink.txt").symlink_to(outside / "secret.txt")
    (src / "dir-out").symlink_to(outside, target_is_directory=True)
    (src / "relative-out.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (src / "loop").symlink_to(src, target_is_directory=True)
    (src / "fandom" / "up").symlink_to(src / "fandom", target_is_directory=True)
    (src / "ping").symlink_to(src / "pong", target_is_directory=True)
    (src / "pong").symlink_to(src / "ping", target_is_directory=True)
    (src / "broken.txt").symlink_to(base / "nowhere.txt")
    (src / "link-in.txt").symlink_to(src / "good.txt")
    return src, outside


def all_books(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.epub") if p.is_file())


def test_a_hostile_tree_ends_reports_and_stays_inside(tmp_path: Path) -> None:
    src, outside = hostile_tree(tmp_path)
    out = tmp_path / "books"
    before_src, before_outside = snapshot(src), snapshot(outside)
    result = batch(src, "-o", out, "--no-cover", "-j", "2")

    assert result.returncode == 1, result.stderr  # some stories failed, the others were made
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(line.startswith("fic2epub: ") for line in errors), errors
    assert "Traceback" not in result.stderr
    said = "\n".join(errors)
    for name in ("empty.txt", "picture.txt", "book.txt", "link-out.txt", "dir-out", "broken.txt", "pipe.txt"):
        assert name in said, f"{name} not reported:\n{said}"
    assert "PNG image" in said and "EPUB" in said and "empty" in said
    assert "bad\\nname\\x1b[31m.txt" in said and "out\\nlink.txt" in said  # shown, not obeyed

    books = all_books(out)
    real_out = os.path.realpath(out)
    for book in books:
        assert os.path.realpath(book).startswith(real_out + os.sep)
        data = book.read_bytes()
        assert SECRET.encode() not in data
        open_book(data)
        with zipfile.ZipFile(book) as zf:
            assert not any(SECRET in zf.read(n).decode("utf-8", "replace") for n in zf.namelist())
    names = {book.relative_to(out).as_posix() for book in books}
    assert "good.epub" in names and "link-in.epub" in names and "fandom/another.epub" in names
    assert "fandom/saga.epub" in names and "titled.epub" in names
    assert any(name.startswith("deep/") for name in names)
    for book in books:
        for part in book.relative_to(out).parts:
            assert not WINDOWS_FORBIDDEN & set(part) and part == part.rstrip(" .") and "\n" not in part, part
            assert part.split(".")[0].upper() not in WINDOWS_RESERVED, part
            assert len(part.encode()) <= 255, part

    # nothing changed but the output folder
    assert snapshot(src) == before_src
    assert snapshot(outside) == before_outside
    around = sorted(p.name for p in tmp_path.iterdir())
    assert around == ["books", "downloads", "outside"], around


def test_a_second_run_on_a_hostile_tree_changes_nothing(tmp_path: Path) -> None:
    src, _ = hostile_tree(tmp_path)
    out = tmp_path / "books"
    batch(src, "-o", out, "--no-cover")
    first = snapshot(out, skip=out / ".fic2epub")
    result = batch(src, "-o", out, "--no-cover")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert snapshot(out, skip=out / ".fic2epub") == first


def test_a_link_planted_in_the_output_folder_is_not_followed(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "escape").mkdir(parents=True)
    (src / "escape" / "story.txt").write_text(STORY)
    (src / "ok.txt").write_text(STORY)
    victim = tmp_path / "victim"
    victim.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "escape").symlink_to(victim, target_is_directory=True)
    result = batch(src, "-o", out, "--no-cover")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{out / 'escape'}: the output folder leads outside" in result.stderr
    assert list(victim.iterdir()) == []
    assert (out / "ok.epub").is_file()


def test_a_broken_source_keeps_its_last_good_book(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "story.txt").write_text(STORY)
    out = tmp_path / "out"
    assert batch(src, "-o", out, "--no-cover").returncode == 0
    good = (out / "story.epub").read_bytes()
    (src / "story.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))  # overwritten by mistake
    result = batch(src, "-o", out, "--no-cover")
    assert result.returncode == 1 and "story.txt" in result.stderr and "PNG" in result.stderr
    assert (out / "story.epub").read_bytes() == good


def test_an_unwritable_output_folder_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "story.txt").write_text(STORY)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = batch(src, "-o", blocker / "out", "--no-cover")
    assert result.returncode == 3, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"fic2epub: error: {blocker / 'out'}"), lines


@pytest.mark.skipif(not permissions_enforced(), reason=SKIP_REASON)
def test_unreadable_files_and_folders_are_reported_and_skipped(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "locked-folder").mkdir(parents=True)
    (src / "locked-folder" / "inside.txt").write_text(STORY)
    (src / "locked.txt").write_text(STORY)
    (src / "ok.txt").write_text(STORY)
    (src / "locked.txt").chmod(0)
    (src / "locked-folder").chmod(0)
    try:
        result = batch(src, "-o", tmp_path / "out", "--no-cover")
    finally:
        (src / "locked.txt").chmod(0o644)
        (src / "locked-folder").chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "locked.txt" in result.stderr and "locked-folder" in result.stderr
    assert (tmp_path / "out" / "ok.epub").is_file()
