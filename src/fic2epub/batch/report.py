"""What a batch did, per story and in sum: the `Result` records, the summary line, the JSON report."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import OutputError

# What happened to a story: converted, skipped (its book is up to date), failed, ignored (found but
# not a story by the discovery rules), or, in a dry run, planned (it would be converted).
STATUSES = ("converted", "skipped", "failed", "ignored", "planned")


@dataclass
class Result:
    """What happened to one story of a batch; `reason` says why (the error, for a failure)."""

    source: Path
    output: Path | None
    status: str
    reason: str = ""
    seconds: float = 0.0
    words: int | None = None
    chapters: int | None = None
    scene_breaks: int | None = None
    notes: int | None = None

    def record(self) -> dict[str, Any]:
        """The story's record in the JSON report."""
        data = asdict(self)
        data["source"] = str(self.source)
        data["output"] = str(self.output) if self.output is not None else None
        data["seconds"] = round(self.seconds, 4)
        return data


@dataclass
class Summary:
    """The counts of a batch and how long it took."""

    counts: Counter[str]
    seconds: float
    interrupted: bool = False

    @classmethod
    def of(cls, results: Sequence[Result], seconds: float, interrupted: bool = False) -> Summary:
        return cls(Counter(r.status for r in results), seconds, interrupted)

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def line(self) -> str:
        """One line for people: `12 converted, 30 skipped, 1 failed in 3.2 s (3.8 stories/s)`."""
        parts = [f"{self.counts[s]} {s}" for s in STATUSES if self.counts[s] or s in ("converted", "failed")]
        done = self.counts["converted"] + self.counts["failed"]
        rate = f" ({done / self.seconds:.1f} stories/s)" if done and self.seconds > 0 else ""
        tail = "; interrupted, run it again to go on" if self.interrupted else ""
        return f"{', '.join(parts)} in {self.seconds:.1f} s{rate}{tail}"


def write_report(path: Path, results: Sequence[Result], summary: Summary) -> None:
    """Write the JSON report: the summary, and one record per story in plan order."""
    data = {
        "summary": {
            **{status: summary.counts[status] for status in STATUSES},
            "seconds": round(summary.seconds, 3),
            "interrupted": summary.interrupted,
        },
        "stories": [r.record() for r in results],
    }
    text = json.dumps(data, indent=1) + "\n"
    temp = path.with_name(f".{path.name}.part")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"cannot write the report: {exc.strerror or exc}", path) from None
