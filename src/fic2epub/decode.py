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

# Files people rename to .txt by mistake; the magic bytes name them.  Each signature is long enough
# that no story starts with it ("Rar! said the dragon" is a story, "Rar!\x1a\x07" is not).
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),  # which kind: _zip_kind
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b\x08", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"ID3\x03", "an MP3 file"),
    (b"ID3\x04", "an MP3 file"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"OggS\x00", "an Ogg media file"),
    (b"\x1aE\xdf\xa3", "a Matroska or WebM video"),
)

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 up,
# except surrogates and U+FFFE/U+FFFF.  C1 controls are legal XML but never
# intended text, and several readers choke on them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile("\r\n?|\u2028|\u2029|\x85")
_OTHER_NEWLINES = ("\r", "\u2028", "\u2029", "\x85")
_FORBIDDEN_ASCII = bytes(c for c in range(128) if _FORBIDDEN.match(chr(c)))


def clean_text(text: str) -> str:
    """Normalise newlines to LF and remove characters XML 1.0 forbids."""
    if any(newline in text for newline in _OTHER_NEWLINES):  # looked for at C speed: most files have none
        text = _NEWLINES.sub("\n", text)
    if text.isascii():  # many files: their forbidden characters are deleted at C speed
        return text.encode("ascii").translate(None, _FORBIDDEN_ASCII).decode("ascii")
    return _FORBIDDEN.sub("", text)


def sniff_binary(data: bytes) -> str | None:
    """What kind of non-text file the bytes are, or None if they may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return _zip_kind(data) if magic.startswith(b"PK\x03\x04") else kind
    if data.startswith(b"MZ") and (b"PE\x00\x00" in data[:1024] or b"DOS mode" in data[:1024]):
        return "a Windows program"
    if data[4:12] in (b"ftypisom", b"ftypmp42", b"ftypM4A ", b"ftypheic", b"ftypavif"):
        return "a video, audio or image file"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file"
    return None


def _zip_kind(data: bytes) -> str:
    """An EPUB names itself in its first entry; Office and OpenDocument files name theirs early on."""
    head = data[:4096]
    if b"mimetypeapplication/epub+zip" in head:
        return "an EPUB book already"
    if b"[Content_Types].xml" in head or b"word/" in head:
        return "a Word or Office document"
    if b"mimetypeapplication/vnd.oasis.opendocument" in head:
        return "an OpenDocument file"
    return "a ZIP archive"


# UTF-8 where the bytes are UTF-8, Windows-1252 for the bytes that are not: a file put together from
# chapters saved in two encodings, or UTF-8 with a few bad bytes (a file cut short, a copy gone wrong).
MIXED_UTF8 = "utf-8+cp1252"
_ASCII = bytes(range(128))
_ESCAPED = re.compile("[\udc80-\udcff]")
# Control characters no text file holds (tab, newline, form feed and carriage return are not among them).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _cp1252_for_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    if exc.end == len(exc.object) and "end of data" in exc.reason:
        return "\ufffd", exc.end  # a character cut off at the end of the file
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("fic2epub-cp1252", _cp1252_for_bad_bytes)


def _bom_less_utf16(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte order mark.  Text files hold no zero bytes, so with some there,
    the wide encodings that decode the start of the file to readable text are candidates, and the one
    whose high bytes vary least wins: text in one script keeps them within its block (0x00 for Latin)."""
    sample = data[:4096]
    if sample.count(0) * 20 < len(sample):  # none, or a few stray ones in a UTF-8 file
        return None
    best: tuple[int, str] | None = None
    for name, high in (("utf-32-le", 1), ("utf-32-be", 2), ("utf-16-le", 1), ("utf-16-be", 0)):
        step = 4 if "32" in name else 2
        chunk = sample[: len(sample) // 4 * 4]
        try:
            text = chunk.decode(name)
        except UnicodeDecodeError:
            try:
                text = chunk[:-4].decode(name)  # a surrogate pair cut by the sample's end
            except UnicodeDecodeError:
                continue
        if not text or sum(c.isprintable() or c in "\n\r\t" for c in text) < 0.95 * len(text):
            continue
        diversity = len(set(chunk[high::step]))
        if best is None or diversity < best[0]:
            best = (diversity, name)
    return best[1] if best else None


def _utf8_share(data: bytes) -> tuple[int, int, bool]:
    """(characters of several valid UTF-8 bytes, bytes that are not UTF-8, whether those bad bytes are
    only the last three: a file cut off in the middle of a character)."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    ascii_bytes = len(data) - len(data.translate(None, _ASCII))
    cut_off = _ESCAPED.search(text, 0, max(0, len(text) - 3)) is None
    return len(text) - ascii_bytes - bad, bad, cut_off


def _single_byte(encoding: str, sample: bytes) -> bool:
    return len(sample.decode(encoding, errors="replace")) == len(sample)


def _foreign_letters(text: str) -> int:
    return sum(1 for c in text if ord(c) > 127 and c.isalpha())


def _legacy_guess(data: bytes) -> str | None:
    """charset-normalizer's best guess, except that between single-byte encodings it cannot tell apart
    (French in cp1252 or cp1257) Windows-1252, by far the most common for stories, is preferred."""
    # imported here: most stories are UTF-8, and charset-normalizer costs ~40 ms of start-up
    from charset_normalizer import from_bytes

    sample = data[:262144]
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    name: str = best.encoding
    if name in ("latin_1", "iso8859_1", "iso8859_15"):
        return "cp1252"  # Windows-1252 is what "Latin-1" files from Windows really are
    western = next((m for m in matches if m.encoding == "cp1252"), None)
    if western is not None and name != "cp1252" and _single_byte(name, sample[:4096]):
        as_western = sample.decode("cp1252", errors="replace")
        if (
            western.coherence >= best.coherence - 0.01
            and "\ufffd" not in as_western
            and _foreign_letters(as_western) >= _foreign_letters(sample.decode(name, errors="replace"))
        ):
            return "cp1252"
    return name


def detect_encoding(data: bytes) -> str:
    """The encoding of `data`: from its BOM; UTF-16/32 without BOM from its zero bytes; UTF-8 if valid;
    `MIXED_UTF8` for UTF-8 with some bytes that are not (see there); else charset-normalizer's guess."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name + ("-sig" if name == "utf-8" else "")
    wide = _bom_less_utf16(data)
    if wide:
        return wide
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    good, bad, cut_off = _utf8_share(data)
    if cut_off:
        return MIXED_UTF8
    guess = _legacy_guess(data)
    # Bytes no encoding explains, or a single-byte guess for bytes mostly valid UTF-8: two encodings in
    # one file.  (Double-byte encodings such as EUC-JP make valid UTF-8 pairs by chance: trust the guess.)
    if guess is None:
        if not good:
            raise DecodeError("not text in any known encoding")
        return MIXED_UTF8
    if good >= 2 and good >= 4 * bad and _single_byte(guess, data[:4096]):
        return MIXED_UTF8
    return guess


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
    if encoding == MIXED_UTF8:
        text = data.decode("utf-8", errors="fic2epub-cp1252")
    else:
        text = data.decode(encoding, errors="replace")
    if encoding.startswith(("utf-16", "utf-32")) or encoding == "utf-8-sig":
        text = text.lstrip("\ufeff")
    if text.count("\ufffd") > max(16, len(text) // 100) and encoding != "utf-8":
        raise DecodeError(f"the text is not valid {encoding}", path)
    head = text[:65536]
    if len(_CONTROLS.findall(head)) > max(8, len(head) // 50):
        raise InputError(
            "this looks like a binary file, not a story", path, hint="give a .txt, .md or .html file"
        )
    return clean_text(text)


def readable_name(name: str) -> str:
    """A file or folder name as text: bytes that were not UTF-8 (kept by Python as surrogate escapes)
    are read as Windows-1252, the usual encoding of such names, so "caf\xe9" becomes "café"."""
    if not any("\udc80" <= c <= "\udcff" for c in name):
        return clean_text(name)
    chars = [
        bytes([ord(c) - 0xDC00]).decode("cp1252", "replace") if "\udc80" <= c <= "\udcff" else c for c in name
    ]
    return clean_text("".join(chars))
