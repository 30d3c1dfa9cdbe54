"""Bytes to clean text: the encoding found, newlines normalised, XML-forbidden characters removed.

Nothing else of the text is touched: typography and layout are decided later.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import DecodeError, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Files people rename to .txt by mistake; the magic bytes name them.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an EPUB, DOCX or ZIP file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"RIFF", "a RIFF media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x01\x00", "an icon file"),
)

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 up,
# except surrogates and U+FFFE/U+FFFF.  C1 controls are legal XML but never
# intended text, and several readers choke on them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n?|\u2028|\u2029|\x85")


def clean_text(text: str) -> str:
    """Normalise newlines to LF and remove characters XML 1.0 forbids."""
    return _FORBIDDEN.sub("", _NEWLINES.sub("\n", text))


def sniff_binary(data: bytes) -> str | None:
    """What kind of non-text file the bytes are, or None if they may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def detect_encoding(data: bytes) -> str:
    """The encoding of `data`: from its BOM, UTF-8 if valid, else charset-normalizer's best guess."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name + ("-sig" if name == "utf-8" else "")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # imported here: most stories are UTF-8, and charset-normalizer costs ~40 ms of start-up
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144] if len(data) > 262144 else data).best()
    if best is None:
        raise DecodeError("not text in any known encoding")
    name = best.encoding
    # Windows-1252 is a superset of Latin-1 for printable text; it is what
    # "Latin-1" files from Windows really are (curly quotes at 0x91-0x94).
    if name in ("latin_1", "iso8859_1", "iso8859_15"):
        name = "cp1252"
    return name


def decode(data: bytes, path: str | Path | None = None) -> str:
    """Decode the bytes of a story file to clean text.

    Raises `InputError` for binary files and `DecodeError` for bytes that are no text.
    """
    kind = sniff_binary(data)
    if kind:
        raise InputError(f"this is {kind}, not a story", path, hint="give a .txt, .md or .html file")
    try:
        encoding = detect_encoding(data)
    except DecodeError as exc:
        raise DecodeError(exc.reason, path) from None
    text = data.decode(encoding, errors="replace")
    if encoding.startswith(("utf-16", "utf-32")) or encoding == "utf-8-sig":
        text = text.lstrip("\ufeff")
    if text.count("\ufffd") > max(16, len(text) // 100) and encoding != "utf-8":
        raise DecodeError(f"the text is not valid {encoding}", path)
    if "\x00" in text[:4096] and text.count("\x00") > len(text) // 10:
        raise InputError("this looks like a binary file, not a story", path)
    return clean_text(text)
