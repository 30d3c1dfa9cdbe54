"""The EPUB's zip file (its OCF container), written front to back, its entries deflated by ISA-L where
python-isal is installed and by zlib elsewhere.

`zipfile` can only deflate with zlib, and zlib's deflate was a seventh of the work of a batch: ISA-L
deflates a book's pages five times as fast for books 1-5% bigger (text at ISA-L's level 3, pictures at 2;
see `_isal`).  The zip is the plain one `zipfile` writes: with zlib's deflate, the very same bytes
(tests/test_ocf_zip.py checks).  Nothing an EPUB holds needs ZIP64, so a book over 2 GB or 65,535 files
is refused rather than written in a form some reading systems cannot open.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from typing import IO, Any, NamedTuple

from .errors import OutputError

STORED, DEFLATED = 0, 8
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
_LIMIT = (1 << 31) - 1  # past this zipfile too switches to ZIP64
_MOST_ENTRIES = 0xFFFF
_VERSION = 20  # "2.0": deflate; the version zipfile gives when it needs no ZIP64
_UNIX = 3
_PERMISSIONS = 0o644 << 16
_UTF8_NAME = 0x800


class Deflater(NamedTuple):
    """A raw deflate (no zlib or gzip wrapper) at a level, its CRC-32, and its levels for text and for
    pictures.  A picture is compressed already, but a drawn cover's JPEG repeats the same bytes for each
    plain row (render/cover/jpeg.py): its level is the fastest that still finds those repeats."""

    name: str
    deflate: Callable[[bytes, int], bytes]
    crc32: Callable[[bytes], int]
    text_level: int
    picture_level: int


def _raw(compressobj: Callable[..., Any]) -> Callable[[bytes, int], bytes]:
    def deflate(data: bytes, level: int) -> bytes:
        compressor = compressobj(level, DEFLATED, -15)
        return bytes(compressor.compress(data) + compressor.flush())

    return deflate


# zlib, measured on the corpus's pages: level 5 is 1% bigger than 9 in half its time; level 1 finds a
# cover's repeats (89 kB where 5 gives 86) in three quarters of the time.
ZLIB = Deflater("zlib", _raw(zlib.compressobj), zlib.crc32, 5, 1)


def _isal() -> Deflater | None:
    try:
        from isal import isal_zlib
    except ImportError:  # not installed: python-isal has no wheel for this machine
        return None
    # Over the benchmark's 200 books: pages at level 3 (ISA-L's highest) are 4.7% bigger than zlib's 5
    # in a fifth of the time; covers at level 2 are as small as zlib's 1 in a sixth of its time.
    return Deflater("isal", _raw(isal_zlib.compressobj), isal_zlib.crc32, 3, 2)


DEFAULT = _isal() or ZLIB


def _dos_date_time(moment: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = moment
    return (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2


class OcfZip:
    """A zip written into `file` as entries come (all dated `moment`, readable by all): the `writestr`
    and `close` of `zipfile.ZipFile`, which is all ebooklib's writer calls."""

    def __init__(
        self,
        file: IO[bytes],
        moment: tuple[int, int, int, int, int, int],
        deflater: Deflater = DEFAULT,
    ) -> None:
        self._file = file
        self._date, self._time = _dos_date_time(moment)
        self._deflater = deflater
        self._directory: list[bytes] = []
        self._offset = 0

    def writestr(self, name: str, data: str | bytes, compress_type: int | None = None) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAME
        encoded = name.encode("utf-8")
        method = STORED if compress_type == STORED else DEFLATED
        if method == STORED:
            packed = data
        else:
            picture = name.lower().endswith(PICTURE_SUFFIXES)
            level = self._deflater.picture_level if picture else self._deflater.text_level
            packed = self._deflater.deflate(data, level)
        crc = self._deflater.crc32(data)
        # What a local header and its entry in the central directory share, from the flags on.
        fields = (flags, method, self._time, self._date, crc, len(packed), len(data), len(encoded), 0)
        local = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", _VERSION, 0, *fields) + encoded
        end = self._offset + len(local) + len(packed)
        if max(len(data), end) > _LIMIT or len(self._directory) == _MOST_ENTRIES:
            raise OutputError("the book is too big for an EPUB file (over 2 GB, or over 65,535 files)")
        self._directory.append(self._central(fields, encoded))
        self._file.write(local)
        self._file.write(packed)
        self._offset = end

    def _central(self, fields: tuple[int, ...], encoded: bytes) -> bytes:
        return (
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                _VERSION,
                _UNIX,
                _VERSION,
                0,
                *fields,
                0,  # comment length
                0,  # disk number
                0,  # internal attributes
                _PERMISSIONS,
                self._offset,
            )
            + encoded
        )

    def close(self) -> None:
        directory = b"".join(self._directory)
        count = len(self._directory)
        end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), self._offset, 0)
        self._file.write(directory + end)
