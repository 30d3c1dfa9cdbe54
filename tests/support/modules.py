"""Modules the tests load from a file rather than import: the corpus's scorer, the repo's scripts; and
which modules a fresh process loads."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def module_from_file(name: str, path: Path) -> ModuleType:
    """The module in the Python file at `path`, run once under `name`."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_scorer() -> ModuleType:
    """The corpus's scorer (`../shared/corpus/score.py`), which reads books as any reading system would."""
    return module_from_file("corpus_score", CORPUS / "score.py")


def loaded_by(code: str, names: list[str]) -> list[str]:
    """Which of the modules `names` a fresh Python process has loaded once it has run `code`."""
    script = f"import sys\n{code}\nprint(' '.join(n for n in {names!r} if n in sys.modules))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stdout.split()
