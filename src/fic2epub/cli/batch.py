"""`fic2epub batch SRC... -o OUTDIR`: every story under the given folders, mirrored into OUTDIR."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, NoReturn

import click

from .anthology import per_folder_options, run_per_folder
from .common import book_options, options_from


@click.command("batch")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the EPUBs into, mirroring the source folders.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Conversions at a time  [default: all cores]")
@click.option("--force", is_flag=True, help="Convert every story, even those whose EPUB is up to date.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first story that fails.")
@click.option("--dry-run", is_flag=True, help="List what would be converted and why; write nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a JSON report here: one record per story (status, reason, time, words, ...).",
)
@click.option(
    "--executor",
    type=click.Choice(["process", "dask"]),
    default="process",
    show_default=True,
    help="Local processes, or a Dask cluster (needs fic2epub[dask]).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Send the conversions to the Dask scheduler at this address (implies --executor dask).",
)
@per_folder_options
@book_options
def batch_command(
    sources: tuple[Path, ...],
    outdir: Path,
    jobs: int | None,
    force: bool,
    fail_fast: bool,
    dry_run: bool,
    quiet: bool,
    report_file: Path | None,
    executor: str,
    scheduler: str | None,
    **kwargs: Any,
) -> None:
    """Convert every story found under SOURCES into OUTDIR, at the same relative places.

    A story is a file (.txt, .md, .html, ...) or a folder holding one story as numbered chapter
    files.  A second run converts only stories (or options) that changed since the first; an
    interrupted run goes on where it stopped.  Exit status: 0 if no story failed, 1 otherwise.
    """
    # imported here: `fic2epub convert` loads every command module, and needs none of this
    import signal

    from ..batch import BatchRun, Summary, plan_batch, write_report
    from ..batch.executors import make_executor
    from ..batch.progress import progress_for

    started = time.monotonic()
    per_folder, order = kwargs.pop("anthology_per_folder"), kwargs.pop("order")
    options = options_from(kwargs)
    if per_folder:
        run_per_folder(sources, outdir, options, order, quiet=quiet, report_file=report_file)
        return
    run_on = make_executor(executor, jobs, scheduler)
    plan = plan_batch(sources, outdir)
    progress = progress_for(len(plan.stories), quiet=quiet, dry_run=dry_run)
    batch = BatchRun(plan, options, force=force, fail_fast=fail_fast, dry_run=dry_run, on_result=progress)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    interrupted = False
    try:
        batch.run(run_on)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous)
        progress.close()
    results = batch.results()
    summary = Summary.of(results, time.monotonic() - started, interrupted)
    if report_file is not None:
        write_report(report_file, results, summary)
    if not quiet:
        click.echo(summary.line())
    if interrupted:
        sys.exit(130)
    if summary.failed:
        sys.exit(1)


def _interrupt(signum: int, frame: Any) -> NoReturn:
    raise KeyboardInterrupt  # SIGTERM stops a batch as Ctrl-C does: state saved, workers stopped
