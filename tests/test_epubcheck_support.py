"""Tests of the EPUBCheck harness itself (tests/support/epubcheck.py).

The books here are written by hand with zipfile, so these tests do not depend on the
package under test: if they fail, the harness (or Java/EPUBCheck) is broken, not fic2epub.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest

from support import epubcheck as ec
from support.epubcheck import EpubcheckRunner, Message, Severity

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

PACKAGE = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0b5e7a1c-4f7e-4d3a-9a39-0d2c1f6f0001</dc:identifier>
    {title}
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ch0001" href="ch0001.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine>
    <itemref idref="ch0001"/>
  </spine>
</package>
"""

NAV = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>Contents</title></head>
<body>
  <nav epub:type="toc" id="toc">
    <h1>Contents</h1>
    <ol><li><a href="{target}">Chapter One</a></li></ol>
  </nav>
</body>
</html>
"""

CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
<head><title>Chapter One</title></head>
<body>
  <section id="ch0001-body">
    <h1>Chapter One</h1>
    <p>{text}</p>
  </section>
</body>
</html>
"""


def build_epub(
    path: Path,
    *,
    title: str | None = "A Tiny Book",
    nav_target: str = "ch0001.xhtml",
    text: str = "It was a dark and stormy night.",
) -> Path:
    """Write a minimal EPUB 3; ``title=None`` or a bad ``nav_target`` make it invalid."""
    title_element = f"<dc:title>{title}</dc:title>" if title is not None else ""
    with zipfile.ZipFile(path, "w") as book:
        # OCF: "mimetype" must be the first entry, stored (not compressed), no extra field.
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        entries = {
            "META-INF/container.xml": CONTAINER,
            "EPUB/package.opf": PACKAGE.format(title=title_element),
            "EPUB/nav.xhtml": NAV.format(target=nav_target),
            "EPUB/ch0001.xhtml": CHAPTER.format(text=text),
        }
        for name, content in entries.items():
            book.writestr(name, content, zipfile.ZIP_DEFLATED)
    return path


def blocking(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.severity in ec.BLOCKING]


def test_valid_book_passes(tmp_path: Path, epubcheck: EpubcheckRunner) -> None:
    book = build_epub(tmp_path / "valid.epub")
    results = epubcheck.check([book])
    assert list(results) == [book]
    assert blocking(results[book]) == []
    epubcheck.assert_valid([book])  # must not raise


def test_missing_title_is_an_error(tmp_path: Path, epubcheck: EpubcheckRunner) -> None:
    book = build_epub(tmp_path / "untitled.epub", title=None)
    messages = epubcheck.check([book])[book]
    errors = [m for m in messages if m.severity is Severity.ERROR]
    assert errors, f"expected an ERROR for a missing dc:title, got {messages}"
    assert any("dc:title" in m.message for m in errors)
    assert any(m.location.startswith("EPUB/package.opf") for m in errors)


def test_nav_link_to_missing_file_is_an_error(tmp_path: Path, epubcheck: EpubcheckRunner) -> None:
    book = build_epub(tmp_path / "dangling.epub", nav_target="ch9999.xhtml")
    messages = epubcheck.check([book])[book]
    assert any(m.severity is Severity.ERROR and "ch9999.xhtml" in m.message for m in messages), messages


def test_assert_valid_lists_every_problem_per_book(tmp_path: Path, epubcheck: EpubcheckRunner) -> None:
    good = build_epub(tmp_path / "good.epub")
    untitled = build_epub(tmp_path / "untitled.epub", title=None)
    dangling = build_epub(tmp_path / "dangling.epub", nav_target="missing.xhtml")
    with pytest.raises(AssertionError) as failure:
        epubcheck.assert_valid([good, untitled, dangling])
    report = str(failure.value)
    assert "2 of 3 book(s)" in report
    assert str(untitled) in report and "dc:title" in report
    assert str(dangling) in report and "missing.xhtml" in report
    assert str(good) not in report


def test_many_books_in_one_call_each_get_their_own_result(tmp_path: Path, epubcheck: EpubcheckRunner) -> None:
    # Each book's defect names something unique to it, so a mix-up between books shows.
    expected: dict[Path, str | None] = {}  # book -> text its error must contain (None: valid)
    for i in range(6):
        path = tmp_path / f"book{i}.epub"
        if i % 3 == 0:
            build_epub(path, text=f"Book number {i}.")
            expected[path] = None
        elif i % 3 == 1:
            build_epub(path, title=None)
            expected[path] = "dc:title"
        else:
            build_epub(path, nav_target=f"gone{i}.xhtml")
            expected[path] = f"gone{i}.xhtml"
    results = epubcheck.check(list(expected))
    assert list(results) == list(expected), "results must come back keyed and ordered as given"
    for path, needle in expected.items():
        problems = blocking(results[path])
        if needle is None:
            assert problems == [], f"{path.name}: {problems}"
        else:
            assert any(needle in m.message for m in problems), f"{path.name}: {problems}"
            others = {n for p, n in expected.items() if n and n != needle}
            assert not any(o in m.message for m in problems for o in others), f"{path.name}: {problems}"


class FakeVm:
    """Stands in for a Java VM: "finds" one ERROR naming the book, slowly."""

    instances: ClassVar[list[FakeVm]] = []

    def __init__(self, java: str, jar: Path) -> None:
        self.seen: list[Path] = []
        self.closed = False
        FakeVm.instances.append(self)

    def alive(self) -> bool:
        return not self.closed

    def check(self, path: Path) -> list[Message]:
        time.sleep(0.01)  # long enough for the other thread to take its share
        if path.name.startswith("crash"):
            raise ec.EpubcheckCrashed("fake crash")
        self.seen.append(path)
        return [Message(Severity.ERROR, "FAKE-001", f"about {path.name}")]

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def fake_vms(monkeypatch: pytest.MonkeyPatch) -> list[FakeVm]:
    monkeypatch.setattr(FakeVm, "instances", [])
    monkeypatch.setattr(ec, "_Vm", FakeVm)
    monkeypatch.setattr(ec, "find_java", lambda: "java")
    monkeypatch.setattr(ec, "find_jar", lambda: Path("epubcheck.jar"))
    return FakeVm.instances


def test_big_batches_are_spread_over_two_vms(tmp_path: Path, fake_vms: list[FakeVm]) -> None:
    books = [tmp_path / f"b{i}.epub" for i in range(12)]
    for book in books:
        book.write_bytes(b"")
    with EpubcheckRunner(jobs=2, parallel_min_books=10) as runner:
        small = runner.check(books[:3])
        assert len(fake_vms) == 1, "a small batch must not start a second VM"
        results = runner.check(books)
    assert len(fake_vms) == 2
    assert all(vm.seen for vm in fake_vms), "both VMs should have taken books"
    assert sorted(p for vm in fake_vms for p in vm.seen) == sorted(books[:3] + books)
    assert list(results) == books
    for book in books:
        assert [m.message for m in results[book]] == [f"about {book.name}"]
    assert small == {b: results[b] for b in books[:3]}
    assert all(vm.closed for vm in fake_vms)


def test_a_crash_in_a_batch_is_raised_and_its_vm_dropped(tmp_path: Path, fake_vms: list[FakeVm]) -> None:
    books = [tmp_path / f"b{i}.epub" for i in range(4)] + [tmp_path / "crash.epub"]
    for book in books:
        book.write_bytes(b"")
    runner = EpubcheckRunner(jobs=2, parallel_min_books=2)
    with pytest.raises(ec.EpubcheckCrashed):
        runner.check(books)
    assert sum(vm.closed for vm in fake_vms) == 1
    assert len(runner._vms) == 1
    runner.close()


def test_duplicates_and_empty_input(tmp_path: Path, epubcheck: EpubcheckRunner) -> None:
    book = build_epub(tmp_path / "twice.epub")
    assert list(epubcheck.check([book, book])) == [book]
    assert epubcheck.check([]) == {}


def test_missing_file_raises(tmp_path: Path, epubcheck: EpubcheckRunner) -> None:
    with pytest.raises(FileNotFoundError):
        epubcheck.check([tmp_path / "nope.epub"])


def test_not_a_zip_is_fatal_or_error(tmp_path: Path, epubcheck: EpubcheckRunner) -> None:
    junk = tmp_path / "junk.epub"
    junk.write_bytes(b"this is not a zip file")
    messages = epubcheck.check([junk])[junk]
    assert blocking(messages), messages
    with pytest.raises(AssertionError):
        epubcheck.assert_valid([junk])


def test_usage_and_info_do_not_fail_assert_valid() -> None:
    results = {
        Path("a.epub"): [
            Message(Severity.USAGE, "OPF-097", "advice", "EPUB/package.opf:3:1"),
            Message(Severity.INFO, "INF-001", "info"),
        ],
        Path("b.epub"): [Message(Severity.WARNING, "RSC-017", "warned", "EPUB/x.xhtml:1:2")],
    }
    report = ec.format_messages(results)
    assert "a.epub" not in report
    assert "b.epub: 1 problem(s)" in report
    assert "WARNING RSC-017 EPUB/x.xhtml:1:2: warned" in report


def test_missing_java_is_reported_clearly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(ec, "_java_cache", None)
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no java on PATH
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(ec.JavaNotFound, match="Java"):
        ec.find_java()


def test_dead_vm_is_replaced(tmp_path: Path, epubcheck: EpubcheckRunner) -> None:
    book = build_epub(tmp_path / "again.epub")
    assert blocking(epubcheck.check([book])[book]) == []
    epubcheck._vms[0]._proc.kill()
    epubcheck._vms[0]._proc.wait()
    assert blocking(epubcheck.check([book])[book]) == []
