"""Covers drawn with Pillow, and the reader's own cover images made fit for e-readers."""

from __future__ import annotations

import hashlib
import io
import math
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw, ImageFont

import fic2epub
from fic2epub.errors import CoverError
from fic2epub.render import cover
from fic2epub.render.cover import (
    SIZE,
    CoverLayout,
    blocks,
    bundled_font,
    colours,
    contrast,
    drawing,
    font_coverage,
    fonts,
    generate_cover,
    jpeg,
    layout,
    lines,
    palette,
    patterns,
    prepare_user_cover,
    user,
)
from fic2epub.render.cover.coverage import CMAP_BITMAPS
from support.modules import loaded_by

LONG_TITLE = (
    "The Unexpected and Entirely Unauthorised Adventures of Two Reluctant Heroes, Three Stolen Dragons, "
    "and One Very Disappointed Librarian Across the Seven Kingdoms of the Shattered Northern Coast, Part One"
)
FONTS_DIR = Path(bundled_font("NotoSerifDisplay-Bold.ttf")).parent


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _assert_inside(plan: CoverLayout) -> None:
    """Every drawn piece of text lies within the cover's safe margins, and above the pattern."""
    left, top, right, bottom = plan.safe
    for block in plan.blocks():
        for piece in block.pieces:
            if piece.text.isspace():
                continue
            x0, y0, x1, y1 = piece.box
            assert left <= x0 and x1 <= right, (piece.text, piece.box, plan.safe)
            assert top <= y0 and y1 <= bottom, (piece.text, piece.box, plan.safe)
            assert y1 < plan.pattern[1], (piece.text, piece.box, plan.pattern)


def _drawn_text(plan_block_lines: tuple[str, ...]) -> str:
    return "".join(plan_block_lines).replace(" ", "")


# --------------------------------------------------------------------------------------- drawn covers


def test_cover_is_a_1600x2560_baseline_jpeg_without_metadata() -> None:
    data = generate_cover("Teach Me To Love You", ["nayru-kleinefee"], "Naruto")
    image = _open(data)
    assert image.format == "JPEG"
    assert image.size == (1600, 2560) == SIZE
    assert image.mode == "RGB"
    assert not image.info.get("progressive") and not image.info.get("progression")
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert data[:2] == b"\xff\xd8"


def test_other_sizes_are_honoured() -> None:
    assert _open(generate_cover("Stay", ["someone"], size=(800, 1280))).size == (800, 1280)
    with pytest.raises(ValueError):
        generate_cover("Stay", ["someone"], size=(20, 30))


def test_the_same_story_gives_the_same_bytes() -> None:
    args = ("吾輩は猫である", ["夏目漱石"], "日本文学")
    assert generate_cover(*args) == generate_cover(*args)


def test_the_same_bytes_in_a_fresh_process_with_another_hash_seed() -> None:
    title, authors, fandom = "Анна Каренина", ["Лев Толстой"], "Russian Classics"
    here = hashlib.sha256(generate_cover(title, authors, fandom)).hexdigest()
    src = str(Path(fic2epub.__file__).resolve().parent.parent)
    script = (
        "import hashlib; from fic2epub.render.cover import generate_cover; "
        f"print(hashlib.sha256(generate_cover({title!r}, {authors!r}, {fandom!r})).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": src}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == here


def _title_with_pattern(kind: int) -> str:
    """A title whose cover has the pattern `kind` (hills, rings, scales, waves)."""
    return next(f"Story {n}" for n in range(1000) if colours.digest(f"Story {n}", ["someone"])[6] % 4 == kind)


def _whole(image: Image.Image) -> bytes:
    """The picture encoded in one go, as libjpeg writes it with the covers' settings."""
    out = io.BytesIO()
    blocks = jpeg.interval(image.width)
    image.convert("RGB").save(out, "JPEG", quality=jpeg.QUALITY, subsampling=2, restart_marker_blocks=blocks)
    return out.getvalue()


@pytest.mark.parametrize(
    ("title", "authors", "fandom", "size"),
    [
        *((_title_with_pattern(kind), ["someone"], "A Fandom", SIZE) for kind in range(4)),
        (LONG_TITLE, ["A. Writer", "B. Writer"], "The Lord of the Rings", SIZE),
        ("吾輩は猫である", ["夏目漱石"], "日本文学", SIZE),
        ("The Quiet Hours", [], None, (601, 963)),  # not whole 16-pixel blocks
        ("Stay", ["someone"], "A Fandom", cover.MIN_SIZE),
    ],
)
def test_encoding_only_the_inked_rows_gives_the_bytes_of_encoding_them_all(
    title: str, authors: list[str], fandom: str | None, size: tuple[int, int]
) -> None:
    picture = drawing.render(title, authors, fandom, size=size)
    assert jpeg.encode(*picture) == _whole(picture.image)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=120), authors=st.lists(st.text(max_size=30), max_size=3))
def test_every_drawn_row_is_counted_as_inked(title: str, authors: list[str]) -> None:
    picture = drawing.render(title, authors, "Fandom", size=(400, 640))
    assert jpeg.encode(*picture) == _whole(picture.image)


def test_without_restart_markers_the_whole_picture_is_encoded(monkeypatch: pytest.MonkeyPatch) -> None:
    def without_markers(image: Image.Image, blocks: int = 0) -> bytes:  # what Pillow before 10.2 writes
        out = io.BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=jpeg.QUALITY, subsampling=2)
        return out.getvalue()

    picture = drawing.render("Stay", ["someone"], None)
    monkeypatch.setattr(jpeg, "_save", without_markers)
    assert jpeg.encode(*picture) == without_markers(picture.image)


_SCALES = 2  # a seed whose first byte is 2 (mod 4) chooses the scales


@pytest.mark.parametrize("size", [(1382, 659), (400, 170), (140, 60)])
def test_scales_drawn_from_one_tile_are_the_scales_drawn_row_by_row(size: tuple[int, int]) -> None:
    tiled, _ = patterns.pattern(bytes([_SCALES]) + bytes(15), size)
    r = patterns.scale_radius(size[0], random.Random(int.from_bytes(bytes([_SCALES]) + bytes(15), "big")))

    def paint(draw: ImageDraw.ImageDraw, s: int) -> None:
        rs = r * s
        for row in range(int(size[1] / (r / 2)) + 3):
            x = -rs if row % 2 == 0 else 0
            while x <= size[0] * s + rs:
                patterns.draw_scale(draw, x, rs + row * rs / 2, rs, row)
                x += 2 * rs

    whole = patterns.supersampled(size, patterns.SUPERSAMPLE, paint)
    assert ImageChops.difference(tiled, whole).getbbox() is None


@settings(max_examples=40, deadline=None)
@given(
    seed=st.binary(min_size=16, max_size=16),
    size=st.sampled_from([(1382, 768), (1382, 659), (700, 390), (139, 71), (31, 20)]),
)
def test_outside_its_spans_a_pattern_is_the_ground(seed: bytes, size: tuple[int, int]) -> None:
    shapes, spans = patterns.pattern(seed, size)
    assert shapes.size == size
    for top, bottom, left, right in spans:
        box = (max(0, math.floor(left)), max(0, math.floor(top)), math.ceil(right), math.ceil(bottom))
        shapes.paste(0, box)
    assert shapes.getbbox() is None


def test_waves_and_hills_leave_some_of_their_box_to_the_ground() -> None:
    for kind in (0, 3):  # hills, waves
        _, spans = patterns.pattern(bytes([kind]) + bytes(15), (1382, 768))
        assert sum((b - t) * (r - left) for t, b, left, r in spans) < 0.95 * 1382 * 768


def test_a_cover_stays_a_few_hundred_kilobytes() -> None:
    assert len(generate_cover(LONG_TITLE, ["A. Writer", "B. Writer"], "The Lord of the Rings")) < 400_000


def test_different_stories_get_different_colours() -> None:
    first = _open(generate_cover("One Dance", ["someone"]))
    second = _open(generate_cover("Teach Me To Love You", ["nayru-kleinefee"]))
    assert _rgb(first, (8, 8)) != _rgb(second, (8, 8))
    titles = [f"Story number {n}" for n in range(60)]
    grounds = {palette(t, ["someone"]).background for t in titles}
    assert len(grounds) >= 50
    assert palette("Stay", ["a"]) != palette("Stay", ["b"])  # the authors count too
    assert palette("Stay", ["a"]) == palette("Stay", ["a"])


def test_colours_always_leave_the_text_legible() -> None:
    for n in range(300):
        colours = palette(f"title {n}", [f"author {n % 7}"])
        assert contrast(colours.ink, colours.background) >= 7
        assert contrast(colours.accent, colours.background) >= 4.5


def test_a_200_character_title_fits_inside_the_margins() -> None:
    assert len(LONG_TITLE) >= 200
    for size in (SIZE, (600, 960)):
        plan = layout(
            LONG_TITLE, ["A. Writer", "B. Writer"], "The Lord of the Rings - J. R. R. Tolkien", size=size
        )
        _assert_inside(plan)
        assert not plan.title.truncated
        assert _drawn_text(plan.title.lines) == LONG_TITLE.replace(" ", "")
        assert len(plan.title.lines) > 3


@pytest.mark.parametrize("size", [cover.MIN_SIZE, (600, 960), (1000, 1000), (2400, 3840)])
def test_text_stays_inside_the_margins_at_any_cover_size(size: tuple[int, int]) -> None:
    for title in (LONG_TITLE, "A", "三国演义" * 40):
        plan = layout(title, ["Someone Else"] * 4, "Harry Potter - J. K. Rowling, Star Wars", size=size)
        _assert_inside(plan)
        assert not plan.title.truncated


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(max_size=250),
    authors=st.lists(st.text(max_size=40), max_size=5),
    fandom=st.none() | st.text(max_size=120),
)
def test_any_text_at_all_is_laid_out_inside_the_margins(
    title: str, authors: list[str], fandom: str | None
) -> None:
    _assert_inside(layout(title, authors, fandom, size=(400, 640)))


def test_a_one_word_title_is_set_large_on_one_line() -> None:
    plan = layout("Tangled", ["someone"], None)
    _assert_inside(plan)
    assert plan.title.lines == ("Tangled",)
    assert plan.title.size >= SIZE[0] * 0.12


@pytest.mark.parametrize(
    "title",
    [
        "A",
        "word " * 60,
        "Supercalifragilisticexpialidocious" * 3,
        "三国演义" * 50,
        "Naruto: 木ノ葉の春「約束」",
        "♥ Hearts & ★ Stars ♥",
        "Ἰλιὰς καὶ Ὀδύσσεια",
    ],
)
def test_any_title_stays_inside_the_margins(title: str) -> None:
    plan = layout(title, ["An Author"], "A Fandom")
    _assert_inside(plan)
    assert plan.title.lines


def test_a_word_too_long_for_a_line_is_broken_with_a_hyphen() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitänswitwe"
    plan = layout(word, [], None)
    _assert_inside(plan)
    assert len(plan.title.lines) > 1
    assert all(line.endswith("-") for line in plan.title.lines[:-1])
    assert "".join(line.rstrip("-") for line in plan.title.lines) == word
    assert plan.title.size >= SIZE[0] * 0.05  # broken, not shrunk to a whisper


def test_cjk_titles_wrap_between_characters_and_keep_punctuation_attached() -> None:
    title = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。" * 4
    plan = layout(title, ["孟浩然"], None)
    _assert_inside(plan)
    lines = plan.title.lines
    assert len(lines) > 2
    assert "".join(lines) == title
    assert not any(line[0] in "，。" for line in lines)


def test_line_break_opportunities() -> None:
    assert lines.units("吾輩は猫である。") == ["吾", "輩", "は", "猫", "で", "あ", "る。"]
    assert lines.units("「約束」の春") == ["「約", "束」", "の", "春"]
    assert lines.units("Hello, world") == ["Hello,", " ", "world"]
    assert lines.units("well-known") == ["well-", "known"]
    assert lines.units("별이 빛나는") == ["별이", " ", "빛나는"]  # Korean breaks at spaces


def test_a_cover_without_authors_has_no_byline_and_keeps_its_ornament_under_the_title() -> None:
    plan = layout("The Quiet Hours", [], None)
    assert plan.authors is None
    _assert_inside(plan)
    assert plan.ornament_y > plan.title.box[3]
    region_middle = (plan.safe[1] + plan.pattern[1]) / 2
    assert abs((plan.title.box[1] + plan.ornament_y) / 2 - region_middle) < SIZE[1] * 0.08
    assert _open(generate_cover("The Quiet Hours", [])).size == SIZE
    assert layout("The Quiet Hours", ["", "  "], None).authors is None


def test_many_authors_and_a_long_fandom_list_stay_in_their_boxes() -> None:
    fandom = ", ".join(
        [
            "Marvel Cinematic Universe",
            "The Avengers (Marvel Movies)",
            "Captain America (Movies)",
            "Iron Man (Movies)",
            "Thor (Movies)",
            "Spider-Man: Homecoming (2017)",
        ]
    )
    plan = layout("Salt & Iron", [f"author_number_{n}" for n in range(12)], fandom)
    _assert_inside(plan)
    assert plan.fandom is not None and plan.authors is not None
    assert len(plan.fandom.lines) <= 2 and len(plan.authors.lines) <= 3
    assert plan.fandom.lines[0].startswith("MARVEL CINEMATIC UNIVERSE")


def _bitmap(font: ImageFont.FreeTypeFont, char: str) -> bytes:
    image = Image.new("L", (400, 400))
    ImageDraw.Draw(image).text((100, 300), char, font=font, fill=255, anchor="ls")
    return image.tobytes()


def _assert_real_glyphs(title: str) -> None:
    plan = layout(title, ["夏目漱石"], None)
    drawn = "".join(piece.text for piece in plan.title.pieces).replace(" ", "")
    assert drawn == title.replace(" ", "")
    for piece in plan.title.pieces:
        assert Path(piece.font).parent == FONTS_DIR  # a bundled font, not whatever the machine has
        font = ImageFont.truetype(piece.font, 120, layout_engine=ImageFont.Layout.BASIC)
        notdef = _bitmap(font, "\U0010ffff")  # no font maps this: it draws the .notdef box
        for char in piece.text.replace(" ", ""):
            assert ord(char) in font_coverage(piece.font), (char, piece.font)
            glyph = _bitmap(font, char)
            assert glyph != notdef and any(glyph), (char, piece.font)


@pytest.mark.parametrize(
    "title", ["三国演义", "こころ", "吾輩は猫である", "АННА КАРЕНИНА", "Ἰλιάς", "별이 빛나는 밤에"]
)
def test_cjk_cyrillic_and_greek_titles_draw_real_glyphs(title: str) -> None:
    _assert_real_glyphs(title)


def test_the_glyph_check_would_catch_a_box() -> None:
    latin = ImageFont.truetype(
        bundled_font("NotoSerifDisplay-Bold.ttf"), 120, layout_engine=ImageFont.Layout.BASIC
    )
    assert ord("三") not in font_coverage(bundled_font("NotoSerifDisplay-Bold.ttf"))
    assert _bitmap(latin, "三") == _bitmap(latin, "\U0010ffff")


def test_the_shipped_cmaps_are_the_bundled_fonts_cmaps() -> None:
    bundled = {name for names in fonts.ROLE_FONTS.values() for name in names}
    assert set(CMAP_BITMAPS) == bundled == {p.name for p in FONTS_DIR.glob("*.[ot]tf")}
    for name in bundled:
        path = bundled_font(name)
        codes = font_coverage(path)
        shipped = {code for code in range(max(codes) + 64) if fonts.has_glyph(path, chr(code))}
        assert shipped == codes, f"{name}: run python covers/make_coverage.py"
        assert not fonts.has_glyph(path, "\U0010ffff")


def test_drawing_a_cover_needs_no_font_tools() -> None:
    """fontTools takes longer to import than a cover takes to draw: only system fonts need it."""
    code = (
        "from fic2epub.render.cover import generate_cover; "
        "generate_cover('Naruto: 木ノ葉の春 ♥ Ἰλιάς', ['Лев Толстой'], 'Fandom')"
    )
    assert loaded_by(code, ["fontTools"]) == []


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def clear() -> None:
        for cached in (fonts.system_fonts, fonts.font_for, fonts.runs, blocks.advance):
            cached.cache_clear()

    monkeypatch.setattr(fonts, "SYSTEM_FONT_DIRS", ())
    clear()
    yield
    monkeypatch.undo()
    clear()


@pytest.mark.usefixtures("no_system_fonts")
def test_characters_no_font_has_are_left_out_not_drawn_as_boxes() -> None:
    title = "Sakura 🌸 ไทย"  # an emoji and Thai: in none of the bundled fonts
    plan = layout(title, ["x"], None)
    assert plan.title.lines == ("Sakura",)
    _open(generate_cover(title, ["x"]))
    assert layout("🌸", [], None).title.lines == ()
    _open(generate_cover("🌸", []))


# ---------------------------------------------------------------------------------------- user covers


def _write(image: Image.Image, path: Path, fmt: str | None = None, **options: Any) -> Path:
    image.save(path, fmt, **options)
    return path


def _rgb(image: Image.Image, xy: tuple[int, int]) -> tuple[int, ...]:
    pixel = image.getpixel(xy)
    assert isinstance(pixel, tuple)
    return pixel


def test_a_png_with_transparency_becomes_an_rgb_jpeg_on_white(tmp_path: Path) -> None:
    image = Image.new("RGBA", (400, 600), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((100, 100, 300, 500), fill=(200, 0, 0, 255))
    path = _write(image, tmp_path / "cover.png")
    data, media_type = prepare_user_cover(path)
    result = _open(data)
    assert media_type == "image/jpeg" and result.format == "JPEG" and result.mode == "RGB"
    assert result.size == (400, 600)
    assert all(c > 245 for c in _rgb(result, (10, 10)))  # transparent corner: white, not black
    red = _rgb(result, (200, 300))
    assert red[0] > 180 and red[1] < 40
    assert prepare_user_cover(path) == (data, media_type)


def test_a_large_image_is_shrunk_to_fit_keeping_its_shape(tmp_path: Path) -> None:
    path = _write(Image.new("RGB", (4000, 3000), (10, 120, 200)), tmp_path / "big.jpg")
    result = _open(prepare_user_cover(path)[0])
    assert result.size == (1600, 1200)
    tall = _write(Image.new("RGB", (2000, 6000), (10, 120, 200)), tmp_path / "tall.png")
    assert _open(prepare_user_cover(tall)[0]).size == (853, 2560)
    small = _open(prepare_user_cover(tall, max_size=(300, 300))[0])
    assert small.size == (100, 300)


def test_a_small_image_keeps_its_size(tmp_path: Path) -> None:
    path = _write(Image.new("RGB", (600, 900), (10, 20, 30)), tmp_path / "small.jpg")
    assert _open(prepare_user_cover(path)[0]).size == (600, 900)


@pytest.mark.parametrize(
    ("mode", "fmt", "suffix"),
    [("P", "GIF", ".gif"), ("CMYK", "JPEG", ".jpg"), ("LA", "PNG", ".png"), ("L", "PNG", ".png")],
)
def test_other_modes_and_formats_become_rgb_jpegs(tmp_path: Path, mode: str, fmt: str, suffix: str) -> None:
    path = _write(Image.new("RGB", (300, 200), (30, 160, 90)).convert(mode), tmp_path / f"c{suffix}", fmt)
    result = _open(prepare_user_cover(path)[0])
    assert result.mode == "RGB" and result.size == (300, 200)


def test_a_sixteen_bit_grey_png_keeps_its_tones(tmp_path: Path) -> None:
    path = _write(Image.new("I;16", (100, 100), 32768), tmp_path / "grey16.png")
    assert 110 < _rgb(_open(prepare_user_cover(path)[0]), (50, 50))[0] < 145


def test_a_photo_is_turned_upright_by_its_exif_orientation(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90 degrees clockwise when shown
    path = _write(Image.new("RGB", (400, 200), (90, 90, 90)), tmp_path / "phone.jpg", exif=exif.tobytes())
    result = _open(prepare_user_cover(path)[0])
    assert result.size == (200, 400)
    assert "exif" not in result.info


def test_a_text_file_named_jpg_is_a_one_line_cover_error(tmp_path: Path) -> None:
    path = tmp_path / "cover.jpg"
    path.write_text("this is not an image\n" * 10)
    with pytest.raises(CoverError) as caught:
        prepare_user_cover(path)
    message = str(caught.value)
    assert str(path) in message and "not an image" in message and "\n" not in message
    assert caught.value.path == str(path)


def test_a_truncated_jpeg_is_a_cover_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.effect_noise((800, 800), 60).convert("RGB").save(buffer, "JPEG", quality=95)
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(CoverError, match="damaged or truncated"):
        prepare_user_cover(path)


def test_a_missing_file_or_a_folder_is_a_cover_error(tmp_path: Path) -> None:
    with pytest.raises(CoverError, match="no such cover image"):
        prepare_user_cover(tmp_path / "absent.png")
    with pytest.raises(CoverError, match="not a file"):
        prepare_user_cover(tmp_path)


def test_a_decompression_bomb_is_a_cover_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(Image.new("L", (400, 400)), tmp_path / "bomb.png")
    monkeypatch.setattr(user, "MAX_PIXELS", 100_000)
    with pytest.raises(CoverError, match="too large to open safely"):
        prepare_user_cover(path)
    monkeypatch.setattr(user, "MAX_PIXELS", 10**9)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100_000)  # Pillow's own warning, made an error
    with pytest.raises(CoverError, match="too large to open safely"):
        prepare_user_cover(path)
