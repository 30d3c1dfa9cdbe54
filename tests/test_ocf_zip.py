"""The EPUB's zip: the plain zip zipfile writes, deflated by ISA-L where python-isal is installed."""

from __future__ import annotations

import importlib.util
import io
import zipfile

import pytest

from fic2epub import ocf_zip
from fic2epub.errors import OutputError
from fic2epub.ocf_zip import DEFAULT, STORED, ZLIB, OcfZip

MOMENT = (2000, 1, 1, 0, 0, 0)
ENTRIES = [
    ("mimetype", b"application/epub+zip", STORED),
    ("META-INF/container.xml", b"<?xml version='1.0'?><container/>" * 40, None),
    ("EPUB/text/chapter-1.xhtml", "<p>It was a dark and stormy night.</p>\n" * 500, None),
    ("EPUB/images/cover.jpg", bytes(range(256)) * 300 + b"\xff\xd9" * 1000, None),
    ("EPUB/text/caf\u00e9.xhtml", "<p>Caf\u00e9 \u2014 \u00e0 la carte</p>", None),
    ("EPUB/empty.css", b"", None),
]


def _ours(deflater: ocf_zip.Deflater) -> bytes:
    buffer = io.BytesIO()
    book = OcfZip(buffer, MOMENT, deflater)
    for name, data, method in ENTRIES:
        book.writestr(name, data, compress_type=method)
    book.close()
    return buffer.getvalue()


def test_with_zlib_the_very_bytes_zipfile_writes() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        for name, data, method in ENTRIES:
            info = zipfile.ZipInfo(name, date_time=MOMENT)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            info.compress_type = zipfile.ZIP_STORED if method == STORED else zipfile.ZIP_DEFLATED
            picture = name.endswith(".jpg")
            level = ZLIB.picture_level if picture else ZLIB.text_level
            book.writestr(info, data, compresslevel=level)
    assert _ours(ZLIB) == buffer.getvalue()


@pytest.mark.parametrize("deflater", [DEFAULT, ZLIB], ids=lambda d: d.name)
def test_read_back_whole_by_zipfile(deflater: ocf_zip.Deflater) -> None:
    book = zipfile.ZipFile(io.BytesIO(_ours(deflater)))
    assert book.testzip() is None  # every entry's CRC checks
    infos = book.infolist()
    assert [info.filename for info in infos] == [name for name, _, _ in ENTRIES]
    for info, (_, data, method) in zip(infos, ENTRIES, strict=True):
        expected = data.encode() if isinstance(data, str) else data
        assert book.read(info) == expected
        assert info.compress_type == (zipfile.ZIP_STORED if method == STORED else zipfile.ZIP_DEFLATED)
        assert info.date_time == MOMENT and info.external_attr == 0o644 << 16 and info.create_system == 3
    assert infos[0].extra == b""  # EPUB: the mimetype's local header has no extra field


def test_isal_deflates_where_it_is_installed() -> None:
    expected = "isal" if importlib.util.find_spec("isal") else "zlib"
    assert DEFAULT.name == expected


def test_isal_books_are_not_much_bigger_than_zlib_books() -> None:
    assert len(_ours(DEFAULT)) <= 1.1 * len(_ours(ZLIB))


def test_too_many_files_is_an_error_not_a_zip64(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocf_zip, "_MOST_ENTRIES", 2)
    book = OcfZip(io.BytesIO(), MOMENT)
    book.writestr("a", b"a")
    book.writestr("b", b"b")
    with pytest.raises(OutputError, match="too big for an EPUB"):
        book.writestr("c", b"c")


def test_too_big_is_an_error_not_a_zip64(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocf_zip, "_LIMIT", 1000)
    book = OcfZip(io.BytesIO(), MOMENT)
    book.writestr("a", bytes(400), compress_type=STORED)
    with pytest.raises(OutputError, match="too big for an EPUB"):
        book.writestr("b", bytes(700), compress_type=STORED)
