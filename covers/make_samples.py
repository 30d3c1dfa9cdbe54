"""Draw the sample covers in this folder again: `python covers/make_samples.py`.

Run it from a checkout with fic2epub installed (`pip install -e .`) or with src/ on PYTHONPATH.  The covers
are deterministic, so a re-run with the same Pillow and fonts leaves the files byte for byte the same.
"""

from __future__ import annotations

from pathlib import Path

from fic2epub.render.cover import generate_cover

HERE = Path(__file__).resolve().parent
SAMPLES: dict[str, tuple[str, list[str], str | None]] = {
    "sample-latin.jpg": ("Teach Me To Love You", ["nayru-kleinefee"], "Naruto"),
    "sample-cjk.jpg": ("吾輩は猫である", ["夏目漱石"], "日本文学"),
    "sample-cyrillic.jpg": ("Анна Каренина", ["Лев Толстой"], None),
}


def main() -> None:
    for name, (title, authors, fandom) in SAMPLES.items():
        (HERE / name).write_bytes(generate_cover(title, authors, fandom))
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
