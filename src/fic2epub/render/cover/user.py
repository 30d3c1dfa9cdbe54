"""The reader's own cover image made fit for e-readers: upright, sRGB, no transparency, no metadata."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ...errors import CoverError
from .layout import SIZE

# Pillow's own limit for images it opens: beyond this a cover is taken for a decompression bomb.
MAX_PIXELS = 89_478_485
JPEG_QUALITY = 90


def _to_srgb(image: Image.Image) -> Image.Image:
    """An RGB or CMYK image with an embedded colour profile converted to sRGB; others as they are."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "CMYK"):
        return image
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    except (ImportError, OSError, ValueError, TypeError):
        return image
    return converted if converted is not None else image


def _flatten(image: Image.Image) -> Image.Image:
    """The image as RGB: turned upright, transparency laid on white, 16-bit grey scaled to 8 bits."""
    from PIL import ImageOps  # here, not above: a drawn cover does without its import time

    image = ImageOps.exif_transpose(image)
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    image = _to_srgb(image)
    transparent = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if transparent:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        return white.convert("RGB")
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    image.info.clear()  # Pillow would write a comment or profile kept in info
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=False, subsampling=2)
    return out.getvalue()


def prepare_user_cover(path: Path, *, max_size: tuple[int, int] = SIZE) -> tuple[bytes, str]:
    """The reader's cover image as JPEG bytes and "image/jpeg": RGB (transparency flattened on white),
    upright, shrunk to fit `max_size` keeping its shape (never enlarged), with no metadata.

    A missing file, one that is not an image, a truncated or damaged image, and one so large it may be a
    decompression bomb are a CoverError naming the file."""
    path = Path(path)
    if not path.exists():
        raise CoverError("no such cover image", path=path)
    if not path.is_file():
        raise CoverError("the cover is not a file", path=path, hint="give the path of a JPEG or PNG image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as source:
                pixels = source.width * source.height
                if pixels > MAX_PIXELS:
                    raise Image.DecompressionBombError(f"{source.width}x{source.height} pixels")
                source.load()
                image = _flatten(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CoverError(
            f"the cover image is too large to open safely (over {MAX_PIXELS:,} pixels)",
            path=path,
            hint="shrink it first",
        ) from None
    except UnidentifiedImageError:
        raise CoverError(
            "the cover is not an image fic2epub can read", path=path, hint="use a JPEG, PNG, GIF or WebP file"
        ) from None
    except PermissionError:
        raise CoverError("the cover image cannot be read (permission denied)", path=path) from None
    except (OSError, ValueError, SyntaxError, EOFError, IndexError) as exc:
        raise CoverError(f"the cover image is damaged or truncated ({exc})", path=path) from None
    limit_w, limit_h = max_size
    if image.width > limit_w or image.height > limit_h:
        scale = min(limit_w / image.width, limit_h / image.height)
        fitted = (
            min(limit_w, max(1, round(image.width * scale))),
            min(limit_h, max(1, round(image.height * scale))),
        )
        image = image.resize(fitted, Image.Resampling.LANCZOS)
    return _jpeg(image), "image/jpeg"
