"""Where a batch writes: safe output names, collisions between them, and atomic writes inside OUTDIR.

Output names are made from source names, which may hold anything a file system allows (and
archives hold what other file systems allow).  Every component is made safe on Linux, macOS and
Windows alike, so a tree converted on one can be copied to the others:

- characters Windows forbids (`<>:"/\\|?*`), control characters and bytes that are not UTF-8
  (a name from another system's encoding) become `_`;
- leading and trailing dots and spaces are removed (so no `..`, no hidden files, nothing Windows trims);
- Windows' reserved device names (`CON`, `NUL`, `COM1`, ... also with an extension) get a `_` in front;
- a name longer than `MAX_NAME_BYTES` is cut and ends with 8 hex digits of a hash of the full name.

The same source name always gives the same output name.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from ..errors import OutputError

MAX_NAME_BYTES = 150  # well under the 255 bytes of common file systems, leaving room for ".x.part"

_FORBIDDEN = re.compile('[\x00-\x1f\x7f<>:"/\\\\|?*\ud800-\udfff]')  # surrogates: undecodable bytes
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]
}


def safe_name(name: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """`name` made safe as one path component on every common file system (see the module docstring)."""
    original = name
    name = unicodedata.normalize("NFC", _FORBIDDEN.sub("_", name)).strip(" .") or "_"
    if name.split(".")[0].rstrip(" ").upper() in _RESERVED:
        name = "_" + name
    if len(name.encode("utf-8")) > max_bytes:
        tag = hashlib.sha256(original.encode("utf-8", "surrogateescape")).hexdigest()[:8]
        cut = name.encode("utf-8")[: max_bytes - len(tag) - 1].decode("utf-8", "ignore").rstrip(" .")
        name = f"{cut}-{tag}"
    return name


def collision_key(relative: str) -> str:
    """Two outputs collide when their paths are equal on a case-insensitive, Unicode-normalising system."""
    return unicodedata.normalize("NFC", relative).casefold()


def temp_name(target: Path) -> Path:
    """The temporary file an output is written to before it is renamed into place.

    Its name is fixed, not random: a run killed mid-write leaves at most one such file per story,
    hidden and not ending in .epub, and the next run that converts the story overwrites it.
    """
    return target.with_name(f".{target.name}.part")


def write_inside(outdir: Path, relative: str, data: bytes) -> Path:
    """Write `data` to `outdir/relative` atomically, refusing to write anywhere outside `outdir`.

    `relative` is made of `safe_name` components, but `outdir` may already hold symbolic links
    (left by someone else) that lead out of it: the folder written into is checked once resolved.
    The file is not fsync'ed: a batch records each output's size, and a file cut short by a crash
    of the machine has another size, so the next run converts its story again.
    """
    target = outdir / relative
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder: {exc.strerror or exc}", folder) from None
    real_outdir = os.path.realpath(outdir)
    real_folder = os.path.realpath(folder)
    if os.path.commonpath([real_outdir, real_folder]) != real_outdir:
        raise OutputError("the output folder leads outside the batch's output folder", folder)
    temp = temp_name(target)
    try:
        no_follow = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | no_follow, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write the EPUB: {exc.strerror or exc}", target) from None
        raise
    return target
