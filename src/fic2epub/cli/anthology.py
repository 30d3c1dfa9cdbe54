"""`fic2epub anthology SRC... -o BOOK.epub`: several stories in one book."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..anthology import make_anthology
from ..ordering import ORDERS
from .common import book_options, options_from

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
    written = make_anthology(list(sources), out, options_from(kwargs), order=order)
    click.echo(f"wrote {written}")
