"""Showing a batch as it runs: a progress bar on a terminal, plain lines otherwise, errors only with --quiet.

Each is called with every Result as it is known.  Failures always go to stderr as
`fic2epub: error: FILE: REASON`; what else is said depends on where the output goes.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import click

from ..errors import printable as one_line
from .report import Result


class Progress:
    """--quiet: failures only."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()

    def __call__(self, result: Result) -> None:
        if result.output is not None:
            self.done += 1
        if result.status == "failed":
            self.failed += 1
            self.say(f"fic2epub: error: {result.reason}", err=True)
        else:
            self.tell(result)

    def tell(self, result: Result) -> None:
        """Say what happened to a story that did not fail."""

    def say(self, line: str, err: bool = False) -> None:
        click.echo(printable(line), err=err)

    def close(self) -> None:
        """Done: leave the terminal clean for the summary."""


class Lines(Progress):
    """Output to a file or pipe: a line per story converted; in a dry run, a line per story."""

    def __init__(self, total: int, dry_run: bool = False) -> None:
        super().__init__(total)
        self.dry_run = dry_run

    def tell(self, result: Result) -> None:
        width = len(str(self.total))
        where = f"[{self.done:>{width}}/{self.total}]"
        if result.status == "converted":
            self.say(f"{where} converted {result.source} -> {result.output} ({result.seconds:.2f} s)")
        elif result.status == "planned":
            self.say(f"would convert {result.source} -> {result.output} ({result.reason})")
        elif result.status == "skipped" and self.dry_run:
            self.say(f"up to date    {result.source} -> {result.output}")
        elif result.status == "ignored":
            self.say(f"fic2epub: ignored {result.source}: {result.reason}", err=True)


class Bar(Progress):
    """A terminal: a bar with counts, rate and time left on stderr; failures and warnings above it."""

    def __init__(self, total: int) -> None:
        super().__init__(total)
        self.bar: Any = click.progressbar(
            length=total,
            label="Converting",
            show_pos=True,
            show_eta=True,
            item_show_func=self._status,
            file=sys.stderr,
            width=24,
        )
        self.bar.__enter__()

    def _status(self, _: Any) -> str:
        elapsed = time.monotonic() - self.started
        rate = f"{self.done / elapsed:.1f} stories/s" if elapsed > 0 else ""
        return f"{rate}, {self.failed} failed" if self.failed else rate

    def __call__(self, result: Result) -> None:
        super().__call__(result)
        if result.output is not None:
            self.bar.update(1, result)

    def tell(self, result: Result) -> None:
        if result.status == "ignored":
            self.say(f"fic2epub: ignored {result.source}: {result.reason}", err=True)

    def say(self, line: str, err: bool = False) -> None:
        click.echo("\r\033[K" + printable(line), err=True)  # over the bar, which is drawn again below it

    def close(self) -> None:
        self.bar.__exit__(None, None, None)


def printable(line: str) -> str:
    """A line any terminal or log can take: bytes of a file name that are not UTF-8 shown as \\xe9, and
    a newline or escape code in a name shown as \\n or \\x1b rather than obeyed."""
    return one_line(line.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def progress_for(total: int, *, quiet: bool, dry_run: bool) -> Progress:
    """The progress display that suits where the output goes."""
    if quiet:
        return Progress(total)
    if dry_run:
        return Lines(total, dry_run=True)
    if sys.stderr.isatty():
        return Bar(total)
    return Lines(total)
