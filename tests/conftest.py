"""Fixtures shared by the whole test suite.

* ``corpus_dir``: the shared story corpus, ``<repo>/../shared/corpus``; tests using it are
  skipped where it is absent (for example in a bare clone).
* ``samples_dir``: ``<repo>/samples``.
* ``epubcheck``: the session's EPUBCheck runner (``tests/support/epubcheck.py``), with
  ``check(paths)`` and ``assert_valid(paths)``. Missing Java is a FAILURE, not a skip:
  producing valid EPUB is a hard requirement of the project.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.epubcheck import EpubcheckRunner, EpubcheckUnavailable, JavaNotFound, get_runner

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"
SAMPLES_DIR = REPO_ROOT / "samples"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS_DIR}: corpus tests skipped")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    if not SAMPLES_DIR.is_dir():
        pytest.skip(f"samples folder not found at {SAMPLES_DIR}")
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def epubcheck() -> Iterator[EpubcheckRunner]:
    """Session-wide EPUBCheck runner; its Java VMs start on first use and stay up.

    Check many books in one call where you can (``epubcheck.assert_valid(paths)``):
    one warm VM checks about 20 typical books a second, and a big batch is spread over
    two VMs.
    """
    runner = get_runner()
    try:
        runner.ensure_available()
    except JavaNotFound as exc:
        pytest.fail(f"EPUBCheck needs Java: run bash scripts/test.sh, which installs it\n({exc})")
    except EpubcheckUnavailable as exc:
        pytest.fail(f"EPUBCheck is not available: {exc}")
    runner.warm_up()
    yield runner
    runner.close()
