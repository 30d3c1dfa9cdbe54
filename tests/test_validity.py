"""Every book fic2epub makes passes EPUBCheck 5 with 0 errors and 0 warnings: each sample under each
option a user can choose, and every corpus story with the default options.

Books are converted first and then checked together, many per Java VM (tests/support/epubcheck.py),
so the whole corpus takes about a minute rather than a quarter of an hour.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from fic2epub import Options, convert

SAMPLES = sorted(
    p for p in (Path(__file__).resolve().parent.parent / "samples").iterdir() if p.suffix in {".txt", ".md"}
)

# One book per option a user can choose (besides the defaults), on every sample.
OPTION_SETS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "no-smart-typography": {"smart_typography": False},
    "scene-break-rule": {"scene_break": "rule"},
    "scene-break-asterisks": {"scene_break": "asterisks"},
    "scene-break-asterism": {"scene_break": "asterism"},
    "scene-break-space": {"scene_break": "space"},
    "notes-keep": {"notes": "keep"},
    "notes-end": {"notes": "end"},
    "notes-drop": {"notes": "drop"},
    "no-title-page": {"title_page": False},
    "no-cover": {"no_cover": True},
    "cover-png": {"cover": "cover.png"},
    "cover-jpeg": {"cover": "cover.jpg"},
    "css": {"css": "extra.css"},
    "language-fr": {"language": "fr"},
    "title-and-authors": {"title": 'Another "Title" -- Here', "authors": ["One Author", "Two Authors"]},
    "kepub": {"format": "kepub"},
    "kepub-notes-end-asterism": {"format": "kepub", "notes": "end", "scene_break": "asterism"},
}


@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user cover in two formats and a user stylesheet, made for the tests."""
    folder = tmp_path_factory.mktemp("assets")
    picture = Image.new("RGB", (900, 1400), (40, 70, 110))
    picture.paste((220, 190, 120), (100, 500, 800, 700))
    picture.save(folder / "cover.png")
    picture.save(folder / "cover.jpg", quality=90)
    (folder / "extra.css").write_text("p { text-indent: 2em; }\nhr.scene-break { height: 2em; }\n")
    return folder


def _options(values: dict[str, Any], assets: Path) -> Options:
    return Options(**{k: assets / v if k in ("cover", "css") else v for k, v in values.items()})


@pytest.mark.epubcheck
def test_samples_under_every_option(epubcheck: Any, assets: Path, tmp_path: Path) -> None:
    books = []
    for sample in SAMPLES:
        for name, values in OPTION_SETS.items():
            suffix = ".kepub.epub" if values.get("format") == "kepub" else ".epub"
            books.append(
                convert(sample, tmp_path / f"{sample.stem}--{name}{suffix}", _options(values, assets))
            )
    assert len(books) == len(SAMPLES) * len(OPTION_SETS)
    epubcheck.assert_valid(books)


def corpus_stories(corpus: Path) -> list[Path]:
    """Every story of the corpus, as its truth files name them."""
    return [corpus / json.loads(t.read_text())["file"] for t in sorted((corpus / "truth").glob("*.json"))]


@pytest.mark.corpus
@pytest.mark.epubcheck
@pytest.mark.slow
@pytest.mark.parametrize("half", [0, 1])
def test_every_corpus_story_with_the_defaults(
    corpus_dir: Path, epubcheck: Any, tmp_path: Path, half: int
) -> None:
    # two halves, so that two test workers share the work
    stories = corpus_stories(corpus_dir)[half::2]
    books, failed = [], []
    for story in stories:
        try:
            books.append(convert(story, tmp_path / f"{story.name}.epub"))
        except Exception as exc:  # every failure is reported, not only the first
            failed.append(f"{story.name}: {exc}")
    assert not failed, "stories that did not convert:\n" + "\n".join(failed)
    epubcheck.assert_valid(books)
