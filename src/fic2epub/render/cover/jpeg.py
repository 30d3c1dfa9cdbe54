"""Drawn covers as JPEGs, encoding only the rows that hold something.

Most of a cover is its plain ground: many of its 16-pixel rows hold nothing but the ground and the sides
of the frame (or, outside the frame, nothing but the ground).  With a restart marker after every row of
16x16 blocks, each row is coded on its own, so every such row has the same bytes.  The rows that hold
something are encoded, each kind of empty row once, and the file is put together from their bytes: the
very file libjpeg writes for the whole picture with the same settings (the tests check), in about half
the time.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable

from PIL import Image

QUALITY = 85  # with 4:2:0 subsampling, the usual for covers: a few hundred kB, no visible loss
ROW = 16  # the height of a row of blocks (MCUs) with 4:2:0 subsampling
_RESTART = re.compile(rb"\xff[\xd0-\xd7]")
_SOF0, _DRI, _SOS = 0xC0, 0xDD, 0xDA


def _save(image: Image.Image) -> bytes:
    image = image.convert("RGB")
    out = io.BytesIO()
    # Named like a file, the buffer tells Pillow the format: it then loads only its JPEG plugin, not the
    # five it loads when given a format name (about 5 ms when a process draws its first cover).
    out.name = "cover.jpg"
    image.save(out, quality=QUALITY, subsampling=2, restart_marker_rows=1)
    return out.getvalue()


def _parts(data: bytes) -> tuple[bytearray, list[bytes]] | None:
    """A JPEG's header (through the start of its scan) and the coded bytes of each row of blocks; None
    when it has no restart markers (Pillow before 10.2 cannot write them)."""
    at, restarts = 2, False
    while data[at + 1] != _SOS:
        restarts |= data[at + 1] == _DRI
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    if not restarts:
        return None
    scan = at + 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return bytearray(data[:scan]), _RESTART.split(data[scan:-2])  # less the end-of-image marker


def _with_height(header: bytearray, height: int) -> bytes:
    at = 2
    while header[at + 1] != _SOF0:
        at += 2 + int.from_bytes(header[at + 2 : at + 4], "big")
    header[at + 5 : at + 7] = height.to_bytes(2, "big")
    return bytes(header)


def _rows(top: float, bottom: float, rows: int) -> range:
    """The rows of blocks that pixel rows top to bottom touch."""
    return range(max(0, math.floor(top) // ROW), min(rows, -(-math.ceil(bottom) // ROW)))


def encode(
    image: Image.Image, inked: Iterable[tuple[float, float]], plain: Iterable[tuple[float, float]] = ()
) -> bytes:
    """The picture (any mode Pillow converts to RGB) as a baseline JPEG: 4:2:0, a restart marker after
    each row of blocks, no metadata.

    `inked` are the spans of pixel rows (top, bottom) that may hold anything, `plain` spans of rows that
    hold nothing but the ground.  Every other row must be like any other such row (the ground and the
    frame's sides): each kind of row is encoded once.  A row of blocks an inked span touches is encoded
    as it is."""
    rows = -(-image.height // ROW)
    own = {rows - 1}  # the last row is padded out by repeating its last line: not like the others
    for top, bottom in inked:
        own.update(_rows(top, bottom, rows))
    ground = {row for top, bottom in plain for row in _rows(top, bottom, rows)} - own
    like: dict[int, int] = {}
    for kind in (ground, set(range(rows)) - own - ground):
        if kind:
            own.add(min(kind))
            like.update(dict.fromkeys(kind, min(kind)))
    coded: dict[int, bytes] = {}
    header = bytearray()
    for first, end in _runs(sorted(own)):
        parts = _parts(_save(image.crop((0, first * ROW, image.width, min(end * ROW, image.height)))))
        if parts is None:
            return _save(image)
        header, segments = parts
        coded.update(zip(range(first, end), segments, strict=True))
    body = bytearray(_with_height(header, image.height))
    for row in range(rows):
        if row:
            body += b"\xff" + bytes([0xD0 + (row - 1) % 8])
        body += coded[like.get(row, row)]
    return bytes(body + b"\xff\xd9")


# A longer run of rows is encoded in pieces: a fresh process then reuses one piece's memory for the next
# rather than touching new pages for all of it.
RUN = 12


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, end) runs of consecutive rows, none longer than RUN."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row and row - runs[-1][0] < RUN:
            runs[-1] = (runs[-1][0], row + 1)
        else:
            runs.append((row, row + 1))
    return runs
