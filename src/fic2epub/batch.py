"""Many stories at once: find every story under some folders and convert each into a mirrored tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .api import convert
from .errors import Fic2EpubError
from .options import Options
from .readers import TEXT_SUFFIXES


@dataclass
class Result:
    """What happened to one story of a batch."""

    source: Path
    output: Path
    status: str  # converted, failed
    reason: str = ""


def find_stories(root: Path) -> list[Path]:
    """Every story file under `root`, in a stable order."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)


def convert_tree(sources: list[Path], outdir: Path, options: Options | None = None) -> list[Result]:
    """Convert every story under `sources` into `outdir`, one after the other; failures do not stop it."""
    results: list[Result] = []
    for root in sources:
        for story in find_stories(root):
            relative = story.relative_to(root) if root.is_dir() else Path(story.name)
            target = outdir / relative.with_suffix(".epub")
            try:
                convert(story, target, options)
                results.append(Result(story, target, "converted"))
            except Fic2EpubError as exc:
                results.append(Result(story, target, "failed", exc.one_line()))
    return results
