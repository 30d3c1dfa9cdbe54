"""The work a batch hands out: a story in, the bytes of its EPUB out.

Everything here runs where the conversion runs (a local worker process, a Dask worker) and writes
no file: the process that runs the batch writes the books.  Local workers read the story where it
is, with the same reader as `fic2epub convert`; remote ones get its bytes in the job (`memory`).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .. import package
from ..api import rendered_epub
from ..errors import Fic2EpubError
from ..options import Options
from ..readers import read_path
from ..render import book
from .memory import story_from_files

# The library loads the renderer and the packager (lxml, ebooklib) on first use; a batch loads them
# here, in the process its workers are forked from (or in the fork server), not once in every worker.
PRELOADED = (package, book)


@dataclass(frozen=True)
class Job:
    """One story to convert."""

    index: int  # its place in the batch's plan
    path: str  # the story file, or the folder of its chapter files
    folder: bool
    size: int  # bytes of its files
    files: tuple[tuple[str, bytes], ...] | None = None  # (path, bytes), for workers that cannot read them


@dataclass(frozen=True)
class Outcome:
    """What converting one story gave: the EPUB and what is in it, or why there is none."""

    index: int
    epub: bytes | None
    reason: str = ""
    seconds: float = 0.0
    words: int = 0
    chapters: int = 0
    scene_breaks: int = 0
    notes: int = 0


# A story makes a few objects per line (its tokens, then its blocks), which live until its book is made:
# at Python's default (a collection every 700 new objects) the collector walks them over and over.
YOUNG_COLLECTION = 50_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The garbage collector run less often while a story is converted (nothing in it makes cycles)."""
    young, *older = gc.get_threshold()
    if young:  # 0: collections are off, and stay so
        gc.set_threshold(max(young, YOUNG_COLLECTION), *older)
    try:
        yield
    finally:
        gc.set_threshold(young, *older)


def convert_job(job: Job, options: Options) -> Outcome:
    """Convert one story; a story that fails gives an Outcome with the reason instead of raising."""
    with fewer_collections():
        return _convert(job, options)


def _convert(job: Job, options: Options) -> Outcome:
    start = time.perf_counter()
    try:
        if job.files is None:
            story = read_path(job.path, options)
        else:
            story = story_from_files(job.path, job.files, options, folder=job.folder)
        epub, rendered = rendered_epub(story, options)
    except Fic2EpubError as exc:
        return Outcome(job.index, None, exc.one_line(), time.perf_counter() - start)
    except (MemoryError, RecursionError) as exc:
        return Outcome(job.index, None, f"{job.path}: too big to convert ({type(exc).__name__})")
    except Exception as exc:  # a bug, which should not stop the other stories
        reason = f"{job.path}: internal error, please report it: {type(exc).__name__}: {exc}"
        return Outcome(job.index, None, reason, time.perf_counter() - start)
    return Outcome(
        job.index,
        epub,
        seconds=time.perf_counter() - start,
        words=story.word_count() if rendered.words is None else rendered.words,  # counted once
        chapters=len(story.chapters),
        scene_breaks=story.scene_break_count(),
        notes=story.note_count(),
    )


def convert_jobs(jobs: list[Job], options: Options) -> list[Outcome]:
    """Convert several stories (one task of a pool or a cluster, to keep the cost per task low)."""
    return [convert_job(job, options) for job in jobs]
