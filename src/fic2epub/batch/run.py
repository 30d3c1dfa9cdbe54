"""Running a plan: read each story, skip what is up to date, convert the rest, write the books.

Only this process writes.  It reads a story, hashes it, and either skips it or hands it to an
executor (this process, a pool of local processes that read the story again where it is, or a Dask
cluster that is sent its bytes: see `executors`); each EPUB that comes back is written atomically
under OUTDIR and recorded in the state at once, so an interrupted run loses nothing it finished.
The books do not depend on the executor or the number of jobs: each is made from its story and
the options alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import Fic2EpubError, OutputError
from ..options import Options
from ..readers import read_bytes
from .executors import Executor, make_executor
from .paths import write_inside
from .plan import Plan, plan_batch
from .report import Result
from .state import Record, State, content_key, options_key
from .work import Job, Outcome


class BatchRun:
    """One run of a plan with some options; `run` it with an executor."""

    def __init__(
        self,
        plan: Plan,
        options: Options,
        *,
        force: bool = False,
        fail_fast: bool = False,
        dry_run: bool = False,
        on_result: Callable[[Result], None] | None = None,
    ) -> None:
        self.plan = plan
        self.options = options
        self.options_key = options_key(options)
        self.force = force
        self.fail_fast = fail_fast
        self.dry_run = dry_run
        self.on_result = on_result
        self.state = State(plan.outdir)
        self.by_index: list[Result | None] = [None] * len(plan.stories)
        self.left_out = [Result(path, None, "failed", f"{path}: {why}") for path, why in plan.unreadable]
        self.left_out += [Result(path, None, "ignored", why) for path, why in plan.ignored]
        self.pending: dict[int, tuple[str, str]] = {}  # index -> (content key, why it is converted)
        self.stopping = False

    def run(self, executor: Executor) -> list[Result]:
        """Convert what needs it; returns `results()`."""
        for result in self.left_out:
            self._report(result)
        if not self.dry_run:
            self.state.open()
        try:
            for outcome in executor(self._jobs(executor.remote), self.options):
                self._finish(outcome)
        finally:
            self.state.close()
        return self.results()

    def results(self) -> list[Result]:
        """The results so far: the stories reached, in plan order, then what discovery left out."""
        return [r for r in self.by_index if r is not None] + self.left_out

    def _jobs(self, send_bytes: bool) -> Iterator[Job]:
        """The stories to convert; those up to date or unreadable are settled on the way.

        Every story is read here, to be hashed; its bytes go with the job only to workers that
        cannot read it themselves, or when its folder holds entries it must not be read with.
        """
        stories = self.plan.stories
        # largest first: a big story started last would be converted alone while the other workers idle
        for index in sorted(range(len(stories)), key=lambda i: -stories[i].found.size):
            if self.stopping:
                return
            planned = stories[index]
            found = planned.found
            try:
                files = tuple((str(p), read_bytes(p, self.options.max_size)) for p in found.files)
            except Fic2EpubError as exc:
                self._settle(index, "failed", exc.one_line())
                continue
            content = content_key(files)
            why = self.state.why_convert(planned.output, content, self.options_key)
            if why is None and self.force:
                why = "--force (it was up to date)"
            if why is None:
                self._settle(index, "skipped", "up to date", self.state.records[planned.output])
            elif self.dry_run:
                self._settle(index, "planned", why)
            else:
                self.pending[index] = (content, why)
                size = sum(len(data) for _, data in files)
                shipped = files if send_bytes or found.sealed else None
                yield Job(index, str(found.path), found.is_folder, size, shipped)

    def _finish(self, outcome: Outcome) -> None:
        """Write a converted story's book and record it; or record why it failed."""
        index = outcome.index
        content, why = self.pending.pop(index)
        planned = self.plan.stories[index]
        if outcome.epub is None:
            self._settle(index, "failed", outcome.reason)
            return
        try:
            write_inside(self.plan.outdir, planned.output, outcome.epub)
        except OutputError as exc:
            self._settle(index, "failed", exc.one_line())
            return
        record = Record(
            planned.output,
            str(planned.source),
            content,
            self.options_key,
            _version(),
            len(outcome.epub),
            outcome.seconds,
            outcome.words,
            outcome.chapters,
            outcome.scene_breaks,
            outcome.notes,
        )
        self.state.add(record)
        self._settle(index, "converted", why, record)

    def _settle(self, index: int, status: str, reason: str, record: Record | None = None) -> None:
        planned = self.plan.stories[index]
        result = Result(planned.source, self.plan.outdir / planned.output, status, reason)
        if record is not None:
            result.seconds = record.seconds if status == "converted" else 0.0
            result.words, result.chapters = record.words, record.chapters
            result.scene_breaks, result.notes = record.scene_breaks, record.notes
        self.by_index[index] = result
        self._report(result)

    def _report(self, result: Result) -> None:
        if result.status == "failed" and self.fail_fast:
            self.stopping = True
        if self.on_result is not None:
            self.on_result(result)


def _version() -> str:
    from .. import __version__

    return __version__


def convert_tree(
    sources: Iterable[str | Path] | str | Path,
    outdir: str | Path,
    options: Options | None = None,
    *,
    jobs: int | None = None,
    force: bool = False,
    fail_fast: bool = False,
    dry_run: bool = False,
    executor: str = "process",
    scheduler: str | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Convert every story under `sources` into a mirrored tree under `outdir`; returns one Result per story.

    jobs: conversions at a time (default: every core); `executor` "process" (local processes) or
    "dask" (a Dask cluster at `scheduler`, or a local one); force: convert even what is up to date;
    fail_fast: stop at the first failure; dry_run: only say what would be converted and why;
    on_result: called with each Result as soon as it is known.  Failures do not raise: they are
    results with status "failed".  Ctrl-C raises KeyboardInterrupt once the state is saved.
    """
    roots = [Path(sources)] if isinstance(sources, (str, Path)) else [Path(s) for s in sources]
    plan = plan_batch(roots, Path(outdir))
    batch = BatchRun(
        plan, options or Options(), force=force, fail_fast=fail_fast, dry_run=dry_run, on_result=on_result
    )
    return batch.run(make_executor(executor, jobs, scheduler))
