"""What a batch has made already, so the next run converts only what changed.

OUTDIR/.fic2epub/batch.jsonl holds one JSON line per book written: its output path, a hash of the
story's bytes (every chapter file, with its name), a hash of the options, the fic2epub version,
and the EPUB's size.  A story is up to date when all of them match and the EPUB is still there
with that size; the file times play no part.

A line is appended (and flushed) right after each EPUB is renamed into place, so a run that is
killed loses at most the story it was writing: the next run skips everything recorded and goes on
from there.  Lines a kill cut short are ignored; a lock file keeps two batches out of one OUTDIR.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..errors import InputError, OutputError
from ..options import Options

STATE_DIR = ".fic2epub"
JOURNAL = "batch.jsonl"
LOCK = "batch.lock"


@dataclass
class Record:
    """One book the batch wrote, and what it was made from."""

    output: str  # relative to OUTDIR, with "/"
    source: str
    content: str
    options: str
    version: str
    size: int
    seconds: float = 0.0
    words: int = 0
    chapters: int = 0
    scene_breaks: int = 0
    notes: int = 0


def content_key(files: Sequence[tuple[str, bytes]]) -> str:
    """A hash of a story's bytes, with the names of its files (renaming a chapter file reorders it)."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(f"{Path(name).name}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        digest.update(data)
    return digest.hexdigest()


def options_key(options: Options) -> str:
    """A hash of everything in the options that changes a book (files named in them by their bytes)."""
    values: dict[str, Any] = {}
    for option in dataclasses.fields(options):
        value = getattr(options, option.name)
        if option.name == "max_size":  # only refuses inputs; changes no book that was made
            continue
        if isinstance(value, Path):
            try:
                value = {"sha256": hashlib.sha256(value.read_bytes()).hexdigest()}
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror or exc}", value) from None
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            value = dataclasses.asdict(value)
        values[option.name] = value
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


class State:
    """The records of the books in an output folder; `open` it to add records, `close` when done."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.folder = outdir / STATE_DIR
        self.records: dict[str, Record] = {}
        self.lines = 0
        self._journal: IO[str] | None = None
        self._lock: IO[bytes] | None = None
        self._load()

    def _load(self) -> None:
        try:
            with open(self.folder / JOURNAL, encoding="utf-8") as handle:
                for line in handle:
                    try:
                        record = Record(**json.loads(line))
                    except (ValueError, TypeError):
                        continue  # cut short by a kill, or written by another version
                    self.records[record.output] = record
                    self.lines += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(f"cannot read the batch state: {exc.strerror or exc}", self.folder) from None

    def why_convert(self, output: str, content: str, options: str) -> str | None:
        """Why the story for `output` must be converted, or None when its book is up to date."""
        record = self.records.get(output)
        if record is None:
            return "new"
        try:
            size = (self.outdir / output).stat().st_size
        except OSError:
            return "the EPUB is missing"
        if size != record.size:
            return "the EPUB was changed or cut short"
        if record.content != content:
            return "the story changed"
        if record.options != options:
            return "the options changed"
        if record.version != __version__:
            return f"fic2epub changed from {record.version} to {__version__}"
        return None

    def open(self) -> None:
        """Lock the output folder for this run and open the journal for appending."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.folder / LOCK, "wb")  # noqa: SIM115 - held until close()
            self._journal = open(self.folder / JOURNAL, "a", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise OutputError(f"cannot write the batch state: {exc.strerror or exc}", self.folder) from None
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; one batch per folder is up to the user
            return
        try:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.close()
            raise OutputError("another batch is writing into this folder", self.outdir) from None

    def add(self, record: Record) -> None:
        """Record a book just written (flushed at once: a kill after this keeps it)."""
        self.records[record.output] = record
        if self._journal is not None:
            self._journal.write(json.dumps(dataclasses.asdict(record)) + "\n")
            self._journal.flush()
            self.lines += 1

    def close(self) -> None:
        """Close the journal, rewritten with one line per book if it grew repetitive; unlock."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
            if self.lines > 2 * len(self.records) + 100:
                self._compact()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _compact(self) -> None:
        journal = self.folder / JOURNAL
        temp = journal.with_name(JOURNAL + ".part")
        with open(temp, "w", encoding="utf-8") as handle:
            for record in self.records.values():
                handle.write(json.dumps(dataclasses.asdict(record)) + "\n")
        os.replace(temp, journal)
        self.lines = len(self.records)
