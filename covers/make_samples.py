"""Draw the sample covers in this folder again: `python covers/make_samples.py`."""

from __future__ import annotations

from pathlib import Path

from fic2epub.render.cover import generate_cover

HERE = Path(__file__).resolve().parent
SAMPLES = {
    "sample-latin.jpg": ("Teach Me To Love You", ["nayru-kleinefee"], "Naruto"),
    "sample-cjk.jpg": ("吾輩は猫である", ["夏目漱石"], None),
    "sample-cyrillic.jpg": ("Анна Каренина", ["Лев Толстой"], None),
}

if __name__ == "__main__":
    for name, (title, authors, fandom) in SAMPLES.items():
        (HERE / name).write_bytes(generate_cover(title, authors, fandom))
        print(f"wrote {HERE / name}")
