"""Images of a saved page: kept when their file is beside the page (or inside it, as a `data:` URI or a
part of an MHTML archive) and is a PNG, JPEG, GIF or WebP image; nothing is ever fetched from the network."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from ...model import Image
from .document import classes

DIVIDER_WORDS = ("divider", "separator", "scenebreak", "scene-break", "linebreak", "line-break", "hr")
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
MAX_BYTES = 20 * 1024 * 1024


def source_of(el: etree._Element) -> str:
    return (el.get("src") or el.get("data-src") or "").strip()


def alt_of(el: etree._Element) -> str:
    return " ".join((el.get("alt") or el.get("title") or "").split())


def is_divider_image(el: etree._Element) -> bool:
    """An image drawn as a scene divider, by its file name or class."""
    name = source_of(el).lower().rsplit("/", 1)[-1]
    return any(word in name for word in DIVIDER_WORDS) or "divider" in classes(el)


def is_small(el: etree._Element) -> bool:
    """An image no bigger than a letter (an emoji or smiley), by its width and height attributes."""
    return all(el.get(d, "").isdigit() and int(el.get(d, "0")) <= 40 for d in ("width", "height"))


def load_image(
    el: etree._Element, base_dir: Path | None, dropped: list[str], packed: dict[str, bytes] | None = None
) -> Image | None:
    """The image an `<img>` shows, or None (with the reason added to `dropped`).  `packed` holds the
    images that came inside the page's own file (MHTML), by address."""
    src, alt = source_of(el), alt_of(el)
    if not src:
        return None
    what = f"image {src[:80]!r}" + (f" ({alt[:60]})" if alt else "")
    data = packed.get(src) if packed else None
    data = data if data is not None else _read(src, base_dir)
    if data is None:
        dropped.append(f"{what}: not found beside the page, left out")
        return None
    media_type = image_type(data)
    if media_type is None:
        dropped.append(f"{what}: not a PNG, JPEG, GIF or WebP image, left out")
        return None
    return Image(data, media_type, alt)


def _read(src: str, base_dir: Path | None) -> bytes | None:
    if src.startswith("data:"):
        header, _, payload = src.partition(",")
        if ";base64" not in header:
            return None
        try:
            return base64.b64decode(payload)
        except (binascii.Error, ValueError):
            return None
    parts = urlsplit(src)
    if parts.scheme or src.startswith("//") or base_dir is None:
        return None  # on the web: never fetched
    name = unquote(parts.path)
    if name.startswith(("/", "\\")) or Path(name).is_absolute():
        # "/images/x.png" is the site's root, not this disk's: reading it would put a file of the
        # machine's (any image anywhere) into a book that may be shared
        return None
    path = base_dir / name
    try:
        if path.is_file() and path.stat().st_size <= MAX_BYTES:
            return path.read_bytes()
    except OSError:
        return None
    return None


def image_type(data: bytes) -> str | None:
    """The media type of image bytes, by their magic number."""
    for magic, media_type in MAGIC:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None
