"""Covers drawn with Pillow, and user covers made fit for readers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from fic2epub.errors import CoverError
from fic2epub.render.cover import (
    FONT_FILES,
    MARGIN,
    SIZE,
    _coverage,
    _font_path,
    _width,
    generate_cover,
    layout,
    palette,
    prepare_user_cover,
)


def test_cover_is_a_full_size_jpeg_and_always_the_same() -> None:
    data = generate_cover("Teach Me To Love You", ["nayru-kleinefee"], "Naruto")
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == SIZE
    assert generate_cover("Teach Me To Love You", ["nayru-kleinefee"], "Naruto") == data


def test_colours_come_from_the_story_and_text_stays_legible() -> None:
    first, second = palette("One Dance\x00"), palette("Teach Me To Love You\x00nayru")
    assert first != second
    for background, _, ink in (first, second):
        assert sum(ink) - sum(background) > 350  # light text on a dark ground


@pytest.mark.parametrize(
    "title", ["A", "word " * 40, "Supercalifragilisticexpialidocious" * 3, "三国演义" * 20]
)
def test_any_title_fits_inside_the_margins(title: str) -> None:
    blocks = layout(title.strip(), ["An Author"], "A Fandom")
    box = SIZE[0] - 2 * MARGIN
    for block in blocks.values():
        assert block.lines
        assert all(_width(line, block.role, block.size) <= box for line in block.lines)
    assert blocks["title"].height <= SIZE[1] * 0.42


@pytest.mark.parametrize("title", ["三国演义", "吾輩は猫である", "АННА КАРЕНИНА", "Ἰλιάς", "Café déjà vu"])
def test_every_character_of_other_scripts_has_a_bundled_glyph(title: str) -> None:
    fonts = [_coverage(_font_path(name)) for name in FONT_FILES["title"]]
    for char in title.replace(" ", ""):
        assert any(ord(char) in cmap for cmap in fonts), char
    generate_cover(title, ["夏目漱石"], None)


def test_a_long_cjk_title_wraps_without_spaces() -> None:
    block = layout("吾輩は猫である" * 6, [], None)["title"]
    assert len(block.lines) > 1


def test_user_cover_with_alpha_becomes_a_jpeg_within_bounds(tmp_path: Path) -> None:
    path = tmp_path / "cover.png"
    Image.new("RGBA", (4000, 3000), (255, 0, 0, 128)).save(path)
    data, media_type = prepare_user_cover(path)
    image = Image.open(io.BytesIO(data))
    assert media_type == "image/jpeg" and image.format == "JPEG" and image.mode == "RGB"
    assert image.width <= SIZE[0] and image.height <= SIZE[1]
    assert prepare_user_cover(path) == (data, media_type)


def test_small_user_cover_keeps_its_size(tmp_path: Path) -> None:
    path = tmp_path / "small.jpg"
    Image.new("RGB", (600, 900), (10, 20, 30)).save(path)
    data, _ = prepare_user_cover(path)
    assert Image.open(io.BytesIO(data)).size == (600, 900)


def test_text_file_named_jpg_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cover.jpg"
    path.write_text("not an image")
    with pytest.raises(CoverError) as err:
        prepare_user_cover(path)
    assert str(path) in str(err.value) and "image" in str(err.value)


def test_truncated_jpeg_is_a_clear_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 800), (200, 100, 50)).save(buffer, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[:300])
    with pytest.raises(CoverError):
        prepare_user_cover(path)


def test_missing_cover_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CoverError, match="no such cover"):
        prepare_user_cover(tmp_path / "absent.png")
