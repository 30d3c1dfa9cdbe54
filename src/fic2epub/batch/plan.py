"""A batch's plan: the stories found, and the place of each one's EPUB under OUTDIR.

Each EPUB goes where its story sits under its source folder, `.epub` replacing the extension (a
folder of chapter files becomes `folder.epub`); several source folders merge into OUTDIR.  Every
name is made safe (see `paths.safe_name`).  When outputs would collide, on any file system,
including case-insensitive ones (`story.txt` and `story.md`, `Story.txt` and `story.txt`, a story
named like a folder of outputs):

1. each of the colliding stories is named after its full file name: `story.txt.epub`, `story.md.epub`;
2. any that still collide get ` (2)`, ` (3)`, ... in the order the stories were found (sorted by
   name, source folders in the order given).

So the names depend only on the set of stories, never on timing or on the number of jobs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .discover import Found, discover
from .paths import MAX_NAME_BYTES, collision_key, safe_name


@dataclass(frozen=True)
class Planned:
    """A story and where its book goes."""

    found: Found
    output: str  # relative to OUTDIR, with "/"

    @property
    def source(self) -> Path:
        return self.found.path


@dataclass
class Plan:
    """Everything a batch will look at, before anything is read."""

    outdir: Path
    stories: list[Planned] = field(default_factory=list)
    ignored: list[tuple[Path, str]] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)


def plan_batch(sources: Iterable[Path], outdir: Path) -> Plan:
    """Find the stories under `sources` and name their books under `outdir`."""
    found = discover(sources, exclude=[outdir])
    outputs = output_names(found.stories)
    stories = [Planned(f, out) for f, out in zip(found.stories, outputs, strict=True)]
    return Plan(outdir, stories, found.ignored, found.unreadable)


def output_names(stories: list[Found]) -> list[str]:
    """The output path of each story, relative to OUTDIR, collisions resolved (see the module docstring)."""
    stem_bytes = MAX_NAME_BYTES - len(".epub")

    def named(story: Found, full: bool) -> str:
        rel = story.relative
        name = rel.name if full or story.is_folder else PurePosixPath(rel.name).stem
        folders = [safe_name(part) for part in rel.parent.parts]
        return "/".join([*folders, safe_name(name, stem_bytes) + ".epub"])

    names = [named(s, full=False) for s in stories]
    folders = {collision_key(str(parent)) for n in names for parent in PurePosixPath(n).parents}
    counts = Counter(collision_key(n) for n in names)
    names = [
        named(s, full=True) if counts[collision_key(n)] > 1 or collision_key(n) in folders else n
        for s, n in zip(stories, names, strict=True)
    ]
    taken = set(folders)
    unique: list[str] = []
    for name in names:
        candidate, number = name, 1
        while collision_key(candidate) in taken:
            number += 1
            candidate = f"{name[: -len('.epub')]} ({number}).epub"
        taken.add(collision_key(candidate))
        unique.append(candidate)
    return unique
