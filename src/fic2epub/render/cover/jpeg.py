"""Drawn covers as JPEGs, encoding only the stretches of rows that hold something.

Most of a cover is its plain ground: many of its 16-pixel rows hold nothing but the ground and the sides
of the frame (or, outside the frame, nothing but the ground), and most rows that hold text or pattern
hold it only in some of their stretches.  With a restart marker after every few 16x16 blocks
(`interval`), each such stretch of a row is coded on its own, so every plain stretch at the same place in
a row has the same bytes, wherever it is in the picture.  Only the stretches that hold something are
encoded, each kind of plain stretch once, packed side by side into a few small pictures, and the file is
put together from their bytes: the very file libjpeg writes for the whole picture with the same settings
(the tests check), in a fraction of the time.
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
    plain stretches of a row are coded apart from what it holds, else the whole row.  Each marker costs
    two or three bytes: about 8 kB more on a 1600x2560 cover (150-300 kB) for a millisecond less."""
    blocks = -(-width // ROW)
    return next((n for n in (10, 8, 5, 4, 6) if blocks % n == 0 and blocks > n), blocks)


def stretch(width: int) -> int:
    """How wide, in pixels, the stretches of a row between restart markers are."""
    return ROW * interval(width)


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


# Packed rows are encoded in pieces of this many: a fresh process then reuses one piece's memory for the
# next rather than touching new pages for all of them.
RUN = 12


def encode(
    image: Image.Image,
    inked: Iterable[Span],
    plain: Iterable[tuple[float, float]] = (),
    lined: Iterable[tuple[float, float]] = (),
) -> bytes:
    """The picture (any mode Pillow converts to RGB) as a baseline JPEG: 4:2:0, restart markers every
    `interval` blocks, no metadata.

    `inked` are the spans of pixels (top, bottom, left, right) that may hold anything, `plain` spans of
    rows (top, bottom) that hold nothing but the ground.  Every other row must be like any other such row
    (the ground and the frame's sides), and so must the stretches of inked rows that no inked span
    touches: each kind of stretch is encoded once.  The stretches an inked span touches are encoded as
    they are.  In the rows of `lined` spans (the frame's top and bottom lines), the stretches no inked
    span touches are like each other instead: one of them is encoded."""
    width, height = image.size
    rows, step = -(-height // ROW), interval(width)
    per_row = -(-width // ROW) // step
    wide, full = ROW * step, (1 << per_row) - 1
    marks = [0] * rows  # bit c set: stretch c of the row holds something of its own
    for top, bottom, left, right in inked:
        first, end = max(0, math.floor(left) // wide), min(per_row, -(-math.ceil(right) // wide))
        if first < end:
            bits = (1 << end) - (1 << first)
            for row in _rows(top, bottom, rows):
                marks[row] |= bits
    alike: dict[int, int] = {}  # a lined row's stretch its other plain ones are like
    for row in {row for top, bottom in lined for row in _rows(top, bottom, rows)}:
        if marks[row] != full:
            alike[row] = (~marks[row] & (marks[row] + 1)).bit_length() - 1  # its first plain stretch
            marks[row] |= 1 << alike[row]
    if height % ROW:
        marks[-1] = full  # the last row is padded: unlike others
    ground = {row for top, bottom in plain for row in _rows(top, bottom, rows) if not marks[row]}
    sides = [row for row in range(rows) if not marks[row] and row not in ground]
    if not sides:  # nothing to take the plain stretches of inked rows from
        marks = [full if bits else 0 for bits in marks]
    else:
        marks[sides[0]] = full
    if ground:
        marks[min(ground)] = 1  # every stretch of a plain row is like its first
    coded = _encoded(image, marks, per_row, wide)
    if coded is None:
        return save_whole(image)
    header, lines = coded
    side = lines[sides[0]] if sides else []
    plain_line = [lines[min(ground)][0]] * per_row if ground else []
    stretches: list[bytes] = []
    for row, bits in enumerate(marks):
        if row in ground:
            stretches += plain_line
        elif bits == full:
            stretches += lines[row]
        elif bits:  # a stretch not encoded for the row is empty here
            like = [lines[row][alike[row]]] * per_row if row in alike else side
            stretches += [own or other for own, other in zip(lines[row], like, strict=True)]
        else:
            stretches += side
    # Restart markers between the stretches, numbered 0-7 over and over.
    count = len(stretches)
    body = [b""] * (2 * count - 1)
    body[::2] = stretches
    body[1::2] = (_MARKERS * (count // 8 + 1))[: count - 1]
    return _with_size(header, image.size) + b"".join(body) + b"\xff\xd9"


_MARKERS = [bytes([0xFF, 0xD0 + n]) for n in range(8)]


Place = tuple[int, int, int, int, int]  # (packed row, place across it, row, first stretch, end)


def _runs(bits: int) -> list[tuple[int, int]]:
    """The runs of set bits, as (first, end) bit numbers."""
    runs: list[tuple[int, int]] = []
    c = 0
    while bits:
        skip = (bits & -bits).bit_length() - 1  # the unset bits before the next run
        bits >>= skip
        c += skip
        length = (~bits & (bits + 1)).bit_length() - 1
        runs.append((c, c + length))
        bits >>= length
        c += length
    return runs


def _placed(marks: list[int], per_row: int, edge: bool, short: bool) -> tuple[list[Place], int]:
    """Where each run of marked stretches goes in the packed picture, cut where a packed row ends, and
    how many packed rows there are.  A stretch's bytes depend only on its pixels, so it can go anywhere;
    but a stretch padded at the right edge (`edge`) stays at the right edge, and a padded last row
    (`short`) goes last, as it is."""
    placed: list[Place] = []
    free = per_row - 1 if edge else per_row  # the places across a packed row for any stretch
    slot = at_edge = 0
    for row, bits in enumerate(marks[:-1] if short else marks):
        for first, end in _runs(bits):
            if edge and end == per_row:
                placed.append((at_edge, per_row - 1, row, per_row - 1, per_row))
                at_edge += 1
                end -= 1
            while first < end:
                across = slot % free
                n = min(end - first, free - across)
                placed.append((slot // free, across, row, first, first + n))
                slot += n
                first += n
    count = max(-(-slot // free) if free else 0, at_edge)
    if short:
        placed.append((count, 0, len(marks) - 1, 0, per_row))
        count += 1
    return placed, count


def _encoded(
    image: Image.Image, marks: list[int], per_row: int, wide: int
) -> tuple[bytearray, dict[int, list[bytes]]] | None:
    """The JPEG header and the coded stretches of each marked row (those of its marked stretches);
    None when Pillow writes no restart markers."""
    width, height = image.size
    short = height % ROW
    placed, count = _placed(marks, per_row, width % wide != 0, short != 0)
    lines = {row: [b""] * per_row for row, bits in enumerate(marks) if bits}
    header = bytearray()
    source = image.im
    for start in range(0, count, RUN):
        end = min(count, start + RUN)
        tall = (end - start) * ROW - (ROW - short if short and end == count else 0)
        here = [place for place in placed if start <= place[0] < end]
        piece = image.crop((0, 0, width, tall))  # the mode and palette; each place used is pasted over
        for packed, across, row, first, last in here:
            box = (first * wide, row * ROW, min(width, last * wide), min(height, row * ROW + ROW))
            x, y = across * wide, (packed - start) * ROW
            piece.im.paste(source.crop(box), (x, y, x + box[2] - box[0], y + box[3] - box[1]))
        parts = _parts(_save(piece, wide // ROW))
        if parts is None:
            return None
        header, segments = parts
        for packed, across, row, first, last in here:
            at = (packed - start) * per_row + across
            lines[row][first:last] = segments[at : at + last - first]
    return header, lines
