"""Many stories at once: every story under some folders, converted into a mirrored tree, in parallel,
incrementally, on local processes or a Dask cluster.

    from fic2epub import convert_tree
    results = convert_tree(["library/"], "books/", jobs=4)
    failed = [r for r in results if r.status == "failed"]

The steps, one module each (`batch.discover` is the module; its function is `batch.discover.discover`):
    discover   which files and folders are stories (the rule is in its docstring)
    plan       where each book goes under OUTDIR; collisions; `paths` makes names safe, writes atomically
    state      what was made before, so a second run converts only what changed
    run        read, skip or convert, write; `executors` and `cluster` (Dask) run the conversions
    work       bytes in, EPUB bytes out: what runs on workers (`memory` parses from bytes)
    report     the per-story Result records, the summary, the JSON report; `progress` shows them live
"""

from __future__ import annotations

from .discover import Found
from .plan import Plan, plan_batch
from .report import Result, Summary, write_report
from .run import BatchRun, convert_tree

__all__ = [
    "BatchRun",
    "Found",
    "Plan",
    "Result",
    "Summary",
    "convert_tree",
    "plan_batch",
    "write_report",
]
