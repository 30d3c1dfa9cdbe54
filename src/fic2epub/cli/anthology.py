"""`fic2epub anthology SRC... -o BOOK.epub`: several stories in one book."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..options import Options
from ..ordering import ORDERS
from .common import book_options, options_from

F = TypeVar("F", bound=Callable[..., Any])

ORDER_OPTION = click.option(
    "--order",
    type=click.Choice(ORDERS),
    default="given",
    show_default=True,
    help="The order of the stories: as given, by series and part number, by title, or by publication date.",
)


@click.command("anthology")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The EPUB to write.",
)
@ORDER_OPTION
@book_options
def anthology_command(sources: tuple[Path, ...], out: Path, order: str, **kwargs: Any) -> None:
    """Put several stories into one book, each with its own title page.

    Each SOURCE is one story: a file (.txt, .md, .html) or a folder holding one story as one file per
    chapter.  --title and --author name the collection; without them the title is the series name when
    all the stories belong to one series, and the authors are the stories' own.
    """
    from ..anthology import make_anthology  # here: other commands load this module and do not need it

    written = make_anthology(list(sources), out, options_from(kwargs), order=order)
    click.echo(f"wrote {written}")


def per_folder_options(func: F) -> F:
    """`batch --anthology-per-folder` (and its `--order`): one book per folder of stories."""
    func = click.option(
        "--order",
        type=click.Choice(ORDERS),
        default="given",
        show_default=True,
        help="With --anthology-per-folder: the order of each book's stories (as given means by name).",
    )(func)
    return click.option(
        "--anthology-per-folder",
        is_flag=True,
        help="Make one anthology of each folder's stories (FOLDER.epub) instead of one book per story; "
        "made one after the other: --jobs, --force and --dry-run do not apply.",
    )(func)


def run_per_folder(
    sources: tuple[Path, ...],
    outdir: Path,
    options: Options,
    order: str,
    *,
    quiet: bool = False,
    report_file: Path | None = None,
) -> None:
    """Make the anthologies of `batch --anthology-per-folder`, report like batch does, exit 1 on a failure."""
    from ..anthology import make_anthologies  # here: other commands load this module and do not need it
    from ..batch import Summary, write_report

    started = time.monotonic()
    results = make_anthologies(list(sources), outdir, options, order=order)
    for result in results:
        if result.status == "failed":
            click.echo(f"fic2epub: error: {result.reason}", err=True)
        elif not quiet:
            click.echo(f"wrote {result.output}")
    summary = Summary.of(results, time.monotonic() - started)
    if report_file is not None:
        write_report(report_file, results, summary)
    if not quiet:
        click.echo(summary.line())
    if summary.failed:
        sys.exit(1)
