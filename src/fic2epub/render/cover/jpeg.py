"""Drawn covers as JPEGs, encoding only the parts of rows that hold something.

Most of a cover is its plain ground: many of its 16-pixel rows hold nothing but the ground and the sides
of the frame (or, outside the frame, nothing but the ground), and most rows that hold text hold it only
in their middle.  With a restart marker after every few 16x16 blocks (`interval`), each such stretch of
a row is coded on its own, so every plain stretch at the same place in a row has the same bytes.  The
stretches that hold something are encoded, each kind of plain row once, and the file is put together
from their bytes: the very file libjpeg writes for the whole picture with the same settings (the tests
check), in a fraction of the time.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable

from PIL import Image

QUALITY = 85  # with 4:2:0 subsampling, the usual for covers: a few hundred kB, no visible loss
ROW = 16  # the height (and width) of a block (MCU) with 4:2:0 subsampling
_RESTART = re.compile(rb"\xff[\xd0-\xd7]")
_SOF0, _DRI, _SOS = 0xC0, 0xDD, 0xDA

Span = tuple[float, float, float, float]  # pixels (top, bottom, left, right)


def interval(width: int) -> int:
    """The blocks between restart markers: a tenth (or so) of a row when the row divides evenly, so the
    plain stretches of a row are coded apart from its middle, else the whole row.  Each marker costs
    two or three bytes: about 8 kB more on a 1600x2560 cover (150-300 kB) for a millisecond less."""
    blocks = -(-width // ROW)
    return next((n for n in (10, 8, 5, 4, 6) if blocks % n == 0 and blocks > n), blocks)


def _save(image: Image.Image, blocks: int) -> bytes:
    image = image.convert("RGB")
    out = io.BytesIO()
    # Named like a file, the buffer tells Pillow the format: it then loads only its JPEG plugin, not the
    # five it loads when given a format name (about 5 ms when a process draws its first cover).
    out.name = "cover.jpg"
    image.save(out, quality=QUALITY, subsampling=2, restart_marker_blocks=blocks)
    return out.getvalue()


def save_whole(image: Image.Image) -> bytes:
    """The picture encoded in one go, with the covers' settings."""
    return _save(image, interval(image.width))


def _parts(data: bytes) -> tuple[bytearray, list[bytes]] | None:
    """A JPEG's header (through the start of its scan) and the coded bytes of each restart interval;
    None when it has no restart markers (Pillow before 10.2 cannot write them)."""
    at, restarts = 2, False
    while data[at + 1] != _SOS:
        restarts |= data[at + 1] == _DRI
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    if not restarts:
        return None
    scan = at + 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return bytearray(data[:scan]), _RESTART.split(data[scan:-2])  # less the end-of-image marker


def _with_size(header: bytearray, size: tuple[int, int]) -> bytes:
    at = 2
    while header[at + 1] != _SOF0:
        at += 2 + int.from_bytes(header[at + 2 : at + 4], "big")
    header[at + 5 : at + 7] = size[1].to_bytes(2, "big")
    header[at + 7 : at + 9] = size[0].to_bytes(2, "big")
    return bytes(header)


def _rows(top: float, bottom: float, rows: int) -> range:
    """The rows of blocks that pixel rows top to bottom touch."""
    return range(max(0, math.floor(top) // ROW), min(rows, -(-math.ceil(bottom) // ROW)))


def encode(image: Image.Image, inked: Iterable[Span], plain: Iterable[tuple[float, float]] = ()) -> bytes:
    """The picture (any mode Pillow converts to RGB) as a baseline JPEG: 4:2:0, restart markers every
    `interval` blocks, no metadata.

    `inked` are the spans of pixels (top, bottom, left, right) that may hold anything, `plain` spans of
    rows (top, bottom) that hold nothing but the ground.  Every other row must be like any other such row
    (the ground and the frame's sides), and so must the stretches of inked rows outside their spans: each
    kind of row is encoded once.  The stretches of a row of blocks an inked span touches are encoded as
    they are."""
    width, height = image.size
    rows, step = -(-height // ROW), interval(width)
    per_row = -(-width // ROW) // step
    wide = ROW * step
    own: dict[int, tuple[int, int]] = {rows - 1: (0, per_row)}  # the last row is padded: unlike others
    for top, bottom, left, right in inked:
        first, end = max(0, math.floor(left) // wide), min(per_row, -(-math.ceil(right) // wide))
        for row in _rows(top, bottom, rows):
            was = own.get(row, (first, end))
            own[row] = (min(was[0], first), max(was[1], end))
    ground = {row for top, bottom in plain for row in _rows(top, bottom, rows)} - own.keys()
    sides = set(range(rows)) - own.keys() - ground  # the ground and the frame's sides
    if not sides:  # nothing to take the plain stretches of inked rows from
        own = dict.fromkeys(own, (0, per_row))
    like: dict[int, int] = {}
    for kind in (ground, sides):
        if kind:
            like.update(dict.fromkeys(kind, min(kind)))
            own[min(kind)] = (0, per_row)
    coded: dict[int, list[bytes]] = {}  # each encoded row's stretches, those of its span
    header = bytearray()
    for first, end, (left, right) in _runs(own):
        box = (left * wide, first * ROW, min(width, right * wide), min(height, end * ROW))
        parts = _parts(_save(image.crop(box), step))
        if parts is None:
            return save_whole(image)
        header, segments = parts
        across = right - left
        for row in range(first, end):
            at = (row - first) * across
            coded[row] = segments[at : at + across]
    side = coded[min(sides)] if sides else []
    stretches: list[bytes] = []
    for row in range(rows):
        if row in own:
            left, right = own[row]
            stretches += side[:left] if left else ()
            stretches += coded[row]
            stretches += side[right:] if right < per_row else ()
        else:
            stretches += coded[like[row]]
    # Restart markers between the stretches, numbered 0-7 over and over.
    count = len(stretches)
    body = [b""] * (2 * count - 1)
    body[::2] = stretches
    body[1::2] = (_MARKERS * (count // 8 + 1))[: count - 1]
    return _with_size(header, image.size) + b"".join(body) + b"\xff\xd9"


_MARKERS = [bytes([0xFF, 0xD0 + n]) for n in range(8)]


# A longer run of rows is encoded in pieces: a fresh process then reuses one piece's memory for the next
# rather than touching new pages for all of it.
RUN = 12


def _runs(own: dict[int, tuple[int, int]]) -> list[tuple[int, int, tuple[int, int]]]:
    """The rows to encode as (first, end, stretches) runs of consecutive rows with the same stretches,
    none longer than RUN."""
    runs: list[tuple[int, int, tuple[int, int]]] = []
    for row in sorted(own):
        span = own[row]
        if runs and runs[-1][1] == row and runs[-1][2] == span and row - runs[-1][0] < RUN:
            runs[-1] = (runs[-1][0], row + 1, span)
        else:
            runs.append((row, row + 1, span))
    return runs
