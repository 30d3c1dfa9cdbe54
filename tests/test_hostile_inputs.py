"""Hostile and broken input (issue 7): whatever arrives, fic2epub writes a valid EPUB or says in one line
which file is wrong and why, and it never damages anything.

Bad files, broken encodings, markup in stories, metadata full of XML's special characters, atomic
output, untouched inputs, unwritable folders, size limits, and what a person sees when it fails.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image

from fic2epub import Options, convert, parse
from fic2epub.cli import cli
from fic2epub.errors import ConfigError, CoverError, DecodeError, InputError, OutputError, ParseError
from fic2epub.options import DEFAULT_MAX_SIZE
from support.epub_xml import Book, foreign_elements, open_book
from support.permissions import SKIP_REASON, permissions_enforced

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
STORY = "Title: A Story\n\nChapter 1\n\nOnce upon a time there was a story.\n\nChapter 2\n\nIt ended well.\n"


def run(*args: object) -> Result:
    """The command line, in this process; the exception of a crash is re-raised by `refused`/`converted`."""
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="fic2epub")


def refused(result: Result, path: Path, code: int, *words: str) -> str:
    """Assert a refusal: the exit code, and one line of stderr naming the file and the reason."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == code, (result.exit_code, result.stderr, result.stdout)
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message, message
    assert message.startswith(f"fic2epub: error: {path}: "), message
    for word in words:
        assert word in message, message
    return message


def converted(result: Result, out: Path) -> Book:
    """Assert a conversion: exit code 0 and a well-formed book at `out`."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return open_book(out.read_bytes())


def text_of(book: Book) -> str:
    return " ".join(book.text().split())


def image_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, kind)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def epub_bytes() -> bytes:
    from fic2epub import epub_from_story

    return epub_from_story(parse(STORY), Options(no_cover=True))


# ----------------------------------------------------------------------------- files that are no story

NOT_STORIES = {
    "empty": (lambda: b"", "the file is empty"),
    "whitespace only": (lambda: b"  \n\t\r\n \x0c \n", "the file is empty"),
    "a byte order mark only": (lambda: b"\xef\xbb\xbf\n", "the file is empty"),
    "NUL bytes": (lambda: b"\x00" * 2000, "binary"),
    "control characters": (lambda: bytes(range(1, 9)) * 300, "binary"),
    "PNG renamed .txt": (lambda: image_bytes("PNG"), "PNG image"),
    "JPEG renamed .txt": (lambda: image_bytes("JPEG"), "JPEG image"),
    "GIF renamed .txt": (lambda: image_bytes("GIF"), "GIF image"),
    "ZIP renamed .txt": (lambda: zip_bytes({"story.txt": b"hello"}), "ZIP archive"),
    "EPUB renamed .txt": (epub_bytes, "EPUB"),
    "DOCX renamed .txt": (lambda: zip_bytes({"[Content_Types].xml": b"<x/>", "word/a.xml": b"<x/>"}), "Word"),
    "PDF renamed .txt": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n" * 20, "PDF"),
    "gzip renamed .txt": (lambda: gzip.compress(STORY.encode()), "gzip"),
    "program renamed .txt": (lambda: b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8, "program"),
    "random bytes": (lambda: __import__("random").Random(7).randbytes(20000), ""),
}


@pytest.mark.parametrize("name", list(NOT_STORIES))
def test_a_file_that_is_no_story_is_refused_in_one_line(name: str, tmp_path: Path) -> None:
    make, words = NOT_STORIES[name]
    src = tmp_path / "story.txt"
    src.write_bytes(make())
    out = tmp_path / "story.epub"
    refused(run("convert", src, "-o", out, "--no-cover"), src, 2, words)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"], "something was left behind"


def test_the_library_raises_its_own_errors(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_bytes(image_bytes("PNG"))
    with pytest.raises(InputError, match="PNG image"):
        convert(src, tmp_path / "out.epub")
    with pytest.raises(ParseError, match="empty"):
        parse(b"   \n")
    with pytest.raises(DecodeError):
        parse(bytes(range(128, 256)) * 3 + b"\x81\x8d\x8f\x90\x9d" * 50)
    with pytest.raises(InputError, match="no such file"):
        convert(tmp_path / "missing.txt")


# ----------------------------------------------------------------------------- broken but readable text

CAFE = "“Café,” she said — naïve, déjà vu."
UTF8 = f"Title: Mixed\n\nChapter 1\n\n{CAFE}\n\n".encode()
CP1252 = f"Chapter 2\n\n{CAFE}\n".encode("cp1252")

READABLE = {
    "truncated UTF-8": (
        UTF8 + b"Chapter 2\n\nThe end is cut off: caf" + "é".encode()[:1],
        ["cut off: caf"],
    ),
    "invalid UTF-8 bytes": (
        UTF8 + b"Chapter 2\n\nBad \xff\xfe bytes, \xc3 here.\n",
        ["Bad", "bytes,", "here."],
    ),
    "UTF-8 then Windows-1252": (UTF8 + CP1252, [CAFE, CAFE]),
    "Windows-1252 then UTF-8": (CP1252.replace(b"Chapter 2", b"Chapter 1") + UTF8, [CAFE, CAFE]),
    "UTF-16 LE without BOM": (STORY.replace("a story", CAFE).encode("utf-16-le"), [CAFE]),
    "UTF-16 BE without BOM": (STORY.replace("a story", CAFE).encode("utf-16-be"), [CAFE]),
    "UTF-16 ASCII without BOM": (STORY.encode("utf-16-le"), ["Once upon a time"]),
    "UTF-16 with BOM": (STORY.replace("a story", CAFE).encode("utf-16"), [CAFE]),
    "UTF-32 without BOM": (STORY.encode("utf-32-le"), ["Once upon a time"]),
    "Latin-1": ("Chapter 1\n\nC'était l'été à Paris, où il a été très heureux.\n".encode("latin-1"), ["été"]),
    "CR line endings": (STORY.replace("\n", "\r").encode(), ["Once upon a time", "It ended well."]),
    "CRLF line endings": (STORY.replace("\n", "\r\n").encode(), ["Once upon a time", "It ended well."]),
    "NUL and control characters": (
        b"Chapter 1\n\nSome\x00 text\x01 with\x1b controls\x7f and \xc2\x85 C1.\n",
        ["Some text with controls and"],
    ),
    "lone surrogates encoded in UTF-8": (b"Chapter 1\n\nBefore \xed\xa0\x80 after.\n", ["Before", "after."]),
    "a story starting like a RAR archive": (b"Rar! said the dragon.\n\nThen it flew away.\n", ["Rar!"]),
}


@pytest.mark.parametrize("name", list(READABLE))
def test_broken_text_is_read_not_refused(name: str, tmp_path: Path) -> None:
    data, expected = READABLE[name]
    src = tmp_path / "story.txt"
    src.write_bytes(data)
    out = tmp_path / "story.epub"
    book = converted(run("convert", src, "-o", out, "--no-cover"), out)
    shown = text_of(book)
    for piece in expected:
        assert piece in shown, f"{piece!r} missing from {shown[:500]!r}"
    if expected.count(CAFE) == 2:
        assert shown.count(CAFE) >= 2, "both encodings of the mixed file read right"


# ----------------------------------------------------------------------------- markup in stories

MARKUP = (
    "She typed <script>alert(1)</script> and <b>bold</b> and <img src=x onerror=alert(2)> and "
    '<a href="javascript:alert(3)">a link</a> and &amp; and &lt;i&gt; and ]]> and <![CDATA[ x ]]> and '
    "<!-- a comment --> and <?php echo 1; ?> into the box."
)


def test_html_in_a_text_story_is_shown_as_text(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(f"Chapter 1: <i>Tags</i> & <script>x</script>\n\n{MARKUP}\n\nThe end of it.\n")
    out = tmp_path / "story.epub"
    book = converted(run("convert", src, "-o", out, "--no-cover"), out)
    assert not foreign_elements(book)
    for root in book.pages():
        assert not root.findall(f".//{XHTML}script") and not root.findall(f".//{XHTML}b")
        assert not [a for a in root.iter(f"{XHTML}a") if "javascript" in a.get("href", "")]
    shown = text_of(book)
    for piece in (
        "<script>alert(1)</script>",
        "<b>bold</b>",
        "<img src=x onerror=alert(2)>",
        "&amp;",
        "&lt;i&gt;",
        "]]>",
        "<![CDATA[ x ]]>",
        "<?php echo 1; ?>",
        "<i>Tags</i> & <script>x</script>",
    ):
        assert piece in shown, piece


def test_html_in_a_markdown_story_never_becomes_script(tmp_path: Path) -> None:
    src = tmp_path / "story.md"
    src.write_text(
        f"# Chapter 1\n\n{MARKUP}\n\n<script>\nalert('block')\n</script>\n\n"
        '[click](javascript:alert(4)) and <span onclick="x()">span</span>\n\nThe end.\n'
    )
    out = tmp_path / "story.epub"
    book = converted(run("convert", src, "-o", out, "--no-cover"), out)
    assert not foreign_elements(book)
    for root in book.pages():
        assert not root.findall(f".//{XHTML}script")
        assert not [a for a in root.iter(f"{XHTML}a") if "javascript" in a.get("href", "")]
    assert "into the box." in text_of(book) and "The end." in text_of(book)


def test_an_html_page_loses_its_scripts_and_keeps_its_story(tmp_path: Path) -> None:
    src = tmp_path / "story.html"
    src.write_text(
        "<!DOCTYPE html><html><head><title>Page</title><script>alert(1)</script>"
        '<style>p{color:red}</style></head><body onload="alert(2)">'
        '<h1>Chapter 1</h1><p onclick="alert(3)">Once upon a time <script>alert(4)</script>there was '
        '<a href="javascript:alert(5)">a link</a>.</p><iframe src="http://evil.example/"></iframe>'
        "<object data=x></object><form><input value=secret></form><noscript>no</noscript>"
        "<p>It ended &lt;script&gt; well.</p></body></html>"
    )
    out = tmp_path / "story.epub"
    book = converted(run("convert", src, "-o", out, "--no-cover"), out)
    assert not foreign_elements(book)
    for root in book.pages():
        for el in root.iter():
            assert not any(str(a).lower().startswith("on") for a in el.attrib)
        assert not [a for a in root.iter(f"{XHTML}a") if "javascript" in a.get("href", "")]
    shown = text_of(book)
    assert "Once upon a time there was a link." in shown
    assert "It ended <script> well." in shown
    assert "alert(" not in shown and "secret" not in shown


def test_a_saved_page_renamed_txt_is_read_as_a_page(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(
        "<!DOCTYPE html>\n<html><head><script>alert(1)</script></head><body>"
        "<h1>Chapter 1</h1><p>Once upon a time.</p></body></html>\n"
    )
    out = tmp_path / "story.epub"
    book = converted(run("convert", src, "-o", out, "--no-cover"), out)
    assert "Once upon a time." in text_of(book) and "alert(" not in text_of(book)


# ----------------------------------------------------------------------------- metadata of any text

NASTY_TITLE = (
    'Tom & Jerry <b>"Quoted"</b> ]]> \u05e9\u05dc\u05d5\u05dd \u202eevil\u202c '
    "😀👨\u200d👩\u200d👧 ze\u200bro"
)
NASTY_AUTHOR = "A&B <script>alert(1)</script> \u0627\u0644\u0643\u0627\u062a\u0628"


def nasty_story() -> str:
    return (
        f"Title: {NASTY_TITLE}\nAuthor: {NASTY_AUTHOR}\nFandom: X & Y <Z>\nSummary: ]]> <![CDATA[ & \"'\n"
        "Tags: <tag>, &amp;, ]]>, \u200f\u200e\n\n"
        "Chapter 1: <script>alert(1)</script> & ]]>\n\nText of the first chapter.\n\n"
        "Chapter 2: \u05e4\u05e8\u05e7 \U0001f525\n\nText of the second chapter.\n"
    )


def test_metadata_of_special_characters_reaches_the_book_intact(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(nasty_story())
    out = tmp_path / "story.epub"
    book = converted(run("convert", src, "-o", out), out)
    opf = next(root for name, root in book.documents.items() if name.endswith(".opf"))
    titles = [el.text or "" for el in opf.iter(f"{DC}title")]
    creators = [el.text or "" for el in opf.iter(f"{DC}creator")]
    for piece in ("Tom & Jerry", "<b>", "</b>", "]]>", "\u05e9\u05dc\u05d5\u05dd", "😀", "\u200d"):
        assert any(piece in t for t in titles), (piece, titles)
    assert any("<script>alert(1)</script>" in c for c in creators), creators
    nav = " ".join(text_of(book).split())
    assert "<script>alert(1)</script> & ]]>" in nav
    assert not foreign_elements(book)


@pytest.mark.epubcheck
def test_hostile_books_pass_epubcheck(epubcheck, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The books of the hostile inputs of this module that convert, checked in one call."""
    books = []
    sources = {"nasty.txt": nasty_story(), "markup.txt": f"Chapter 1\n\n{MARKUP}\n", "markup.md": MARKUP}
    for name, text in sources.items():
        (tmp_path / name).write_text(text)
    for name, (data, _) in READABLE.items():
        (tmp_path / f"{name.replace(' ', '_')}.txt").write_bytes(data)
    for src in sorted(tmp_path.glob("*.*")):
        out = tmp_path / "books" / f"{src.stem}.epub"
        converted(run("convert", src, "-o", out, *(["--no-cover"] if src.suffix == ".md" else [])), out)
        books.append(out)
    nasty = tmp_path / "books" / "options.epub"
    converted(
        run("convert", tmp_path / "nasty.txt", "-o", nasty, "--title", NASTY_TITLE + "\x00\x1b\ud800",
            "--author", NASTY_AUTHOR + "\x0b", "--author", "\u200b"),
        nasty,
    )  # fmt: skip
    books.append(nasty)
    epubcheck.assert_valid(books)


def test_options_of_any_text_are_cleaned(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    out = tmp_path / "story.epub"
    book = converted(
        run(
            "convert",
            src,
            "-o",
            out,
            "--no-cover",
            "--title",
            "T\x00i\x1bt\ud800le ]]> &",
            "--author",
            "\x07",
        ),
        out,
    )
    opf = next(root for name, root in book.documents.items() if name.endswith(".opf"))
    assert [el.text for el in opf.iter(f"{DC}title")] == ["Title ]]> &"]


# ----------------------------------------------------------------------------- files and folders


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under a folder: its content hash, modification time and mode."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            out[str(path.relative_to(folder))] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                info.st_mtime_ns,
                info.st_mode,
            )
    return out


def test_a_failed_conversion_keeps_the_existing_epub(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(STORY)
    bad.write_bytes(b"")
    out = tmp_path / "story.epub"
    converted(run("convert", good, "-o", out, "--no-cover"), out)
    before = out.read_bytes()
    refused(run("convert", bad, "-o", out, "--no-cover"), bad, 2, "empty")
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "good.txt", "story.epub"]


def test_a_write_error_keeps_the_existing_epub_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    out = tmp_path / "story.epub"
    converted(run("convert", src, "-o", out, "--no-cover"), out)
    before = out.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    src.write_text(STORY.replace("well", "badly"))
    message = refused(run("convert", src, "-o", out, "--no-cover"), out, 3, "No space left on device")
    assert "cannot write" in message
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.epub", "story.txt"]


def _good_or_untouched(out: Path, before: bytes) -> None:
    data = out.read_bytes()
    if data != before:
        open_book(data)  # a whole new book, never half of one
    epubs = sorted(p.name for p in out.parent.iterdir() if p.name.endswith(".epub"))
    assert epubs == [out.name], epubs


@pytest.mark.slow
def test_killing_a_conversion_never_leaves_half_an_epub(tmp_path: Path) -> None:
    """kill -9 at several moments of a conversion: the target is the old book or a complete new one."""
    src = tmp_path / "story.txt"
    src.write_text(
        "Title: Big\n\n" + "".join(f"Chapter {i}\n\n{'Some words here. ' * 300}\n\n" for i in range(1, 400))
    )
    out = tmp_path / "out" / "story.epub"
    out.parent.mkdir()
    small = tmp_path / "small.txt"
    small.write_text(STORY)
    converted(run("convert", small, "-o", out, "--no-cover"), out)
    before = out.read_bytes()
    command = [
        sys.executable,
        "-c",
        "from fic2epub.cli import main; main()",
        "convert",
        str(src),
        "-o",
        str(out),
    ]
    start = time.monotonic()
    subprocess.run([*command, "--no-cover"], check=True, capture_output=True)
    full = time.monotonic() - start
    for fraction in (0.2, 0.5, 0.8, 0.95, 0.99):
        process = subprocess.Popen(
            [*command, "--no-cover"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(full * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        _good_or_untouched(out, before)
        for part in out.parent.glob(".*.part"):  # what a kill -9 cannot clean up: hidden, never an .epub
            part.unlink()
        out.write_bytes(before)


def test_the_output_never_replaces_its_own_input(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    refused(run("convert", src, "-o", src, "--no-cover"), src, 3, "not an EPUB", "not overwritten")
    assert src.read_text() == STORY
    folder = tmp_path / "saga"
    folder.mkdir()
    (folder / "01.txt").write_text("Chapter 1\n\nOne.\n")
    (folder / "02.txt").write_text("Chapter 2\n\nTwo.\n")
    chapter = folder / "02.txt"
    refused(run("convert", folder, "-o", chapter, "--no-cover"), chapter, 3, "not an EPUB")
    assert (folder / "02.txt").read_text() == "Chapter 2\n\nTwo.\n"


def test_only_an_epub_or_an_empty_file_is_replaced(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    notes = tmp_path / "notes.epub"  # named .epub, but it is not one
    notes.write_text("my notes")
    refused(run("convert", src, "-o", notes, "--no-cover"), notes, 3, "not overwritten")
    assert notes.read_text() == "my notes"
    pipe = tmp_path / "pipe.epub"
    os.mkfifo(pipe)
    refused(run("convert", src, "-o", pipe, "--no-cover"), pipe, 3, "pipe")
    assert Path(pipe).exists() and not Path(pipe).is_file()
    empty = tmp_path / "empty.epub"
    empty.touch()
    converted(run("convert", src, "-o", empty, "--no-cover"), empty)
    converted(run("convert", src, "-o", empty, "--no-cover"), empty)  # an EPUB is replaced


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "folder-story").mkdir(parents=True)
    (src / "one.txt").write_text(STORY)
    (src / "two.md").write_text("# Chapter 1\n\nText.\n")
    (src / "page.html").write_text("<html><body><h1>Chapter 1</h1><p>Text.</p></body></html>")
    (src / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (src / "folder-story" / "01.txt").write_text("Chapter 1\n\nOne.\n")
    (src / "folder-story" / "02.txt").write_text("Chapter 2\n\nTwo.\n")
    for path in src.rglob("*.*"):
        path.chmod(0o444)
    before = snapshot(src)
    out = tmp_path / "out"
    for story in ("one.txt", "two.md", "page.html", "folder-story", "bad.txt"):
        run("convert", src / story, "-o", out / f"{story}.epub", "--no-cover")
        run("inspect", src / story)
    run("batch", src, "-o", out / "batch", "--no-cover")
    run("anthology", src / "one.txt", src / "two.md", "-o", out / "anthology.epub", "--no-cover")
    assert snapshot(src) == before
    assert sorted(p.name for p in src.iterdir()) == sorted(
        ["folder-story", "one.txt", "two.md", "page.html", "bad.txt"]
    )


def test_an_unwritable_output_folder_is_one_clear_line(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "sub" / "story.epub"
    message = refused(run("convert", src, "-o", target, "--no-cover"), blocker / "sub", 3, "output folder")
    assert "Not a directory" in message


@pytest.mark.skipif(not permissions_enforced(), reason=SKIP_REASON)
def test_a_read_only_output_folder_is_one_clear_line(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        refused(
            run("convert", src, "-o", folder / "story.epub", "--no-cover"), folder / "story.epub", 3, "denied"
        )
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not permissions_enforced(), reason=SKIP_REASON)
def test_an_unreadable_file_is_one_clear_line(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    src.chmod(0)
    try:
        refused(run("convert", src, "-o", tmp_path / "s.epub"), src, 2, "cannot read", "denied")
    finally:
        src.chmod(0o644)


def test_a_pipe_or_device_is_refused_not_read_forever(tmp_path: Path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    refused(run("convert", fifo, "-o", tmp_path / "a.epub"), fifo, 2, "not a regular file")
    if Path("/dev/zero").exists():
        refused(
            run("convert", "/dev/zero", "-o", tmp_path / "b.epub"), Path("/dev/zero"), 2, "not a regular file"
        )


def test_story_names_never_steer_the_output_path(tmp_path: Path) -> None:
    """Titles, authors and chapter names take no part in file names: the book is where -o says, or beside
    its source named after the file."""
    src = tmp_path / "in" / "story.txt"
    src.parent.mkdir()
    nasty = ["../../../../escaped", "/etc/passwd", "CON", "NUL.txt", "a" * 300, "C:\\Windows\\x", "~/x"]
    src.write_text(
        "".join(f"Title: {nasty[0]}\nAuthor: {nasty[1]}\n\n")
        + "".join(f"Chapter {i + 1}: {n}\n\nText.\n\n" for i, n in enumerate(nasty))
    )
    converted(run("convert", src, "--no-cover"), src.with_suffix(".epub"))
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert files == ["in", "in/story.epub", "in/story.txt"], files


def test_output_that_is_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    result = run("convert", src, "-o", tmp_path)
    assert result.exit_code == 2 and "is a directory" in result.stderr


# ----------------------------------------------------------------------------- limits


def test_max_size_refuses_a_large_file_before_reading_it(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY + "More text. " * 200_000)
    refused(
        run("convert", src, "-o", tmp_path / "s.epub", "--max-size", "1"),
        src,
        2,
        "more than the limit of 1 MB",
        "--max-size",
    )
    with pytest.raises(InputError, match="limit"):
        convert(src, tmp_path / "s.epub", Options(max_size=1000))


def test_the_default_limit_refuses_an_absurd_file(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    with src.open("wb") as handle:  # sparse: costs no disk, and must not be read
        handle.truncate(DEFAULT_MAX_SIZE + 1)
    start = time.monotonic()
    refused(run("convert", src, "-o", tmp_path / "s.epub"), src, 2, "limit")
    assert time.monotonic() - start < 10


def test_max_size_must_be_positive(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)
    assert run("convert", src, "--max-size", "0").exit_code == 2
    assert run("convert", src, "--max-size", "-5").exit_code == 2


# ----------------------------------------------------------------------------- errors for people


def test_exit_codes_are_those_documented() -> None:
    assert InputError.exit_code == ParseError.exit_code == DecodeError.exit_code == 2
    assert CoverError.exit_code == ConfigError.exit_code == 2
    assert OutputError.exit_code == 3
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert "## Exit codes" in readme
    section = readme.split("## Exit codes", 1)[1]
    for code in ("0", "1", "2", "3", "130"):
        assert f"| {code} " in section or f"`{code}`" in section, code


def test_verbose_shows_the_traceback(tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_bytes(b"")
    command = [sys.executable, "-c", "from fic2epub.cli import main; main()"]
    quiet = subprocess.run([*command, "convert", str(src)], capture_output=True, text=True)
    loud = subprocess.run([*command, "-v", "convert", str(src)], capture_output=True, text=True)
    assert quiet.returncode == 2 and quiet.stderr.count("\n") == 1 and "Traceback" not in quiet.stderr
    assert loud.returncode != 0 and "Traceback" in loud.stderr and "ParseError" in loud.stderr


def test_an_internal_error_is_one_line_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "story.txt"
    src.write_text(STORY)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something\nwent wrong")

    monkeypatch.setattr("fic2epub.readers.read_path", broken)
    result = run("convert", src, "-o", tmp_path / "s.epub")
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert "\n" not in message and "internal error: RuntimeError: something went wrong" in message
    assert "-v" in message


def test_a_file_name_too_long_for_the_system_is_a_usage_error(tmp_path: Path) -> None:
    result = run("convert", tmp_path / ("a" * 5000))
    assert result.exit_code == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, words",
    [
        (["convert", "missing.txt"], ["'missing.txt' does not exist", "fic2epub convert --help"]),
        (["convert"], ["Missing argument 'SRC'"]),
        (["convert", "x.txt", "--bogus"], ["No such option '--bogus'"]),
        (["--bogus", "convert"], ["No such option '--bogus'", "fic2epub --help"]),
        (["no-such-command"], ["No such command 'no-such-command'"]),
        (["convert", "x.txt", "--scene-break", "nope"], ["'nope' is not one of"]),
    ],
)
def test_usage_errors_are_one_line_too(
    args: list[str], words: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.txt").write_text(STORY)
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    message = result.stderr.strip()
    assert result.exit_code == 2 and "\n" not in message and message.startswith("fic2epub: error: "), message
    for word in words:
        assert word in message, message


def test_names_that_are_not_utf8_title_the_book_readably(tmp_path: Path) -> None:
    import os

    from fic2epub import convert

    folder = os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9_story")
    Path(folder).mkdir()
    (Path(folder) / "chapter-01.txt").write_text("It began in the rain.\n\nThen it stopped.\n")
    (Path(folder) / "chapter-02.txt").write_text("Morning came.\n\nThe end of it.\n")
    from fic2epub import Options

    with zipfile.ZipFile(convert(folder, tmp_path / "out.epub", Options(no_cover=True))) as book:
        assert "<dc:title>Café Story</dc:title>" in book.read("EPUB/content.opf").decode()
