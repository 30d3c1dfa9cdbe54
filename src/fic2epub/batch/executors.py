"""Where conversions run: in this process, in a pool of local processes, or on a Dask cluster.

An executor takes the jobs (a lazy iterator: stories are read only as workers become free, so a
million stories never sit in memory) and yields an Outcome per job, in any order.  Jobs travel in
small chunks so that the cost of a task stays small next to the work in it.  Local workers read
the stories themselves; a `remote` executor's workers are sent their bytes.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import ConfigError
from ..forking import fork_is_safe
from ..options import Options
from .work import Job, Outcome, convert_job, convert_jobs

if TYPE_CHECKING:
    from concurrent.futures import Future


class Executor(Protocol):
    @property
    def remote(self) -> bool:
        """Whether the workers cannot read the files here, so that jobs must carry the stories' bytes."""

    def __call__(self, jobs: Iterator[Job], options: Options) -> Iterator[Outcome]: ...


# A task of the local pool: a few stories, about a tenth of a second of work (the larger stories go
# first, alone), so that workers are not left idle at the end while one finishes a long task.
CHUNK_JOBS = 8
CHUNK_BYTES = 256 << 10


def default_jobs() -> int:
    """The cores this process may use."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def make_executor(kind: str = "process", jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor for `--executor KIND --jobs N --scheduler ADDRESS`."""
    jobs = jobs or default_jobs()
    if jobs < 1:
        raise ConfigError(f"--jobs must be 1 or more, not {jobs}")
    if scheduler is not None or kind == "dask":
        from .cluster import Dask

        return Dask(scheduler, jobs)
    if kind != "process":
        raise ConfigError(f"unknown executor {kind!r} (known: process, dask)")
    return Here() if jobs == 1 else Processes(jobs)


def chunked(jobs: Iterator[Job], max_jobs: int, max_bytes: int) -> Iterator[list[Job]]:
    """The jobs in consecutive groups of at most `max_jobs` stories and about `max_bytes` bytes."""
    chunk: list[Job] = []
    size = 0
    for job in jobs:
        if chunk and (len(chunk) >= max_jobs or size + job.size > max_bytes):
            yield chunk
            chunk, size = [], 0
        chunk.append(job)
        size += job.size
    if chunk:
        yield chunk


class Here:
    """One job at a time in this process (`--jobs 1`): no process to start, nothing to copy."""

    remote = False

    def __call__(self, jobs: Iterator[Job], options: Options) -> Iterator[Outcome]:
        for job in jobs:
            yield convert_job(job, options)


@dataclass
class Processes:
    """Jobs on a pool of `workers` local processes, at most two chunks per worker in flight.

    A worker that dies (killed, out of memory) breaks the pool; the stories it held are then
    converted again one by one in a new pool, so only a story that kills its worker again fails.
    """

    workers: int
    remote = False

    def __call__(self, jobs: Iterator[Job], options: Options) -> Iterator[Outcome]:
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        def new_pool() -> ProcessPoolExecutor:
            return ProcessPoolExecutor(self.workers, mp_context=_context(), initializer=_worker_started)

        pool = new_pool()
        pending: dict[Future[list[Outcome]], list[Job]] = {}
        suspects: list[Job] = []
        chunks = chunked(jobs, CHUNK_JOBS, CHUNK_BYTES)
        try:
            more = True
            while more or pending:
                while more and len(pending) < 2 * self.workers and not suspects:
                    chunk = next(chunks, None)
                    if chunk is None:
                        more = False
                    else:
                        pending[pool.submit(convert_jobs, chunk, options)] = chunk
                if not pending:
                    break
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = pending.pop(future)
                    try:
                        yield from future.result()
                    except BrokenProcessPool:
                        suspects.extend(chunk)
                if suspects and not pending:
                    pool.shutdown(wait=True)
                    pool = new_pool()
                    for job in suspects:
                        outcome, broke = _alone(pool, job, options)
                        yield outcome
                        if broke:
                            pool.shutdown(wait=True)
                            pool = new_pool()
                    suspects = []
        except BaseException:
            _stop(pool)
            raise
        pool.shutdown(wait=True)


def _alone(pool: Any, job: Job, options: Options) -> tuple[Outcome, bool]:
    """Convert one story on its own in the pool; and whether it broke the pool."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return pool.submit(convert_job, job, options).result(), False
    except BrokenProcessPool:
        reason = f"{job.path}: the worker process died converting it (out of memory?)"
        return Outcome(job.index, None, reason), True


def _context() -> Any:
    """How workers are started: forked where that is safe (Linux, no threads here), which is fastest
    and inherits the imported modules; otherwise a fork server preloaded with the converter."""
    import multiprocessing

    if fork_is_safe():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["fic2epub.batch.work"])
        return context
    return multiprocessing.get_context("spawn")


def _worker_started() -> None:
    # Ctrl-C reaches the whole process group: the main process alone decides what happens, and
    # stops the workers.  A forked worker would inherit the CLI's SIGTERM handler; undo it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(pool: Any) -> None:
    """Shut the pool down without waiting for conversions nobody will collect."""
    pool.shutdown(wait=False, cancel_futures=True)
    if hasattr(pool, "terminate_workers"):  # Python 3.14
        pool.terminate_workers()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=True)
