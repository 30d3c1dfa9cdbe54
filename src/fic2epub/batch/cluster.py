"""Conversions on a Dask distributed cluster (`--scheduler ADDRESS`, or `--executor dask` for a local one).

Install with `pip install 'fic2epub[dask]'` where the command runs and on the workers.  Stories
travel to the workers as bytes inside the tasks and books come back as bytes, so workers need no
shared file system.  Tasks hold up to `CHUNK_JOBS` stories (about `CHUNK_BYTES` bytes), and at
most two tasks per worker thread are in flight: a million small stories make a steady stream of a
few hundred tasks at a time, not a million at once for the scheduler to hold.

Dask is imported only here, only when asked for: the rest of fic2epub never needs it.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..options import Options
from .executors import chunked
from .work import Job, Outcome, convert_jobs

CHUNK_JOBS = 64
CHUNK_BYTES = 8 << 20  # Dask warns about tasks over 10 MB; one bigger story still goes alone

Attachments = dict[str, tuple[str, bytes]]  # option name -> (file suffix, bytes)


@dataclass
class Dask:
    """Jobs on the Dask cluster at `address`, or on a local cluster of `workers` processes if None."""

    address: str | None
    workers: int = 1
    remote = True

    def __call__(self, jobs: Iterator[Job], options: Options) -> Iterator[Outcome]:
        client = _connect(self.address, self.workers)
        portable, attachments = detach(options)
        in_flight: dict[Any, list[Job]] = {}
        chunks = chunked(jobs, CHUNK_JOBS, CHUNK_BYTES)
        finished = _dask().as_completed()

        def submit() -> None:
            chunk = next(chunks, None)
            if chunk is not None:
                future = client.submit(convert_portable, chunk, portable, attachments, pure=False)
                in_flight[future] = chunk
                finished.add(future)

        try:
            for _ in range(2 * max(1, sum(client.nthreads().values()))):
                submit()
            for future in finished:
                chunk = in_flight.pop(future)
                try:
                    outcomes: list[Outcome] = future.result()
                except Exception as exc:  # the task failed as a whole: a worker died, fic2epub missing there
                    reason = f"the Dask task failed: {type(exc).__name__}: {exc}"
                    outcomes = [Outcome(job.index, None, f"{job.path}: {reason}") for job in chunk]
                future.release()
                yield from outcomes
                submit()
        finally:
            client.cancel(list(in_flight))
            client.close()  # and the local cluster, when the client started one


def _dask() -> Any:
    """The distributed module (its API is not fully typed), or a clear error where it is missing."""
    try:
        import distributed
    except ImportError:
        raise ConfigError(
            "the Dask executor needs dask.distributed", hint="pip install 'fic2epub[dask]'"
        ) from None
    return distributed


def _connect(address: str | None, workers: int) -> Any:
    dask = _dask()
    # Dask logs its start-up at INFO level: let it say as much as fic2epub does (--verbose shows both)
    if not logging.getLogger("fic2epub").isEnabledFor(logging.INFO):
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if address is None:
        return dask.Client(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    try:
        return dask.Client(address, timeout="20s")
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def detach(options: Options) -> tuple[Options, Attachments]:
    """The options without the files they name (cover, stylesheet), and those files' bytes."""
    attachments: Attachments = {}
    changes: dict[str, Any] = {}
    for name in ("cover", "css"):
        path = getattr(options, name)
        if path is not None:
            attachments[name] = (Path(path).suffix, Path(path).read_bytes())
            changes[name] = None
    return replace(options, **changes), attachments


def convert_portable(jobs: list[Job], options: Options, attachments: Attachments) -> list[Outcome]:
    """Run on a worker: put the attached files in a private folder there, then convert the jobs."""
    if attachments:
        cover, css = attachments.get("cover"), attachments.get("css")
        options = replace(
            options,
            cover=_materialise(*cover) if cover else options.cover,
            css=_materialise(*css) if css else options.css,
        )
    return convert_jobs(jobs, options)


_folder: Path | None = None
_folder_lock = threading.Lock()  # a worker runs tasks in several threads


def _materialise(suffix: str, data: bytes) -> Path:
    """A file on this worker holding `data` (one per content, kept until the worker exits)."""
    global _folder
    with _folder_lock:
        if _folder is None:
            _folder = Path(tempfile.mkdtemp(prefix="fic2epub-"))
            atexit.register(shutil.rmtree, _folder, True)
        path = _folder / (hashlib.sha256(data).hexdigest()[:32] + suffix)
        if not path.exists():
            path.write_bytes(data)
    return path
