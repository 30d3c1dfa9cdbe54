"""`fic2epub convert SRC -o OUT.epub`: one story to one book."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..api import convert
from .common import book_options, options_from


@click.command("convert")
# readable=False: an unreadable file is for the reader to refuse, on one line naming the file
@click.argument("src", type=click.Path(exists=True, readable=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The EPUB to write (default: beside SRC, named after it).",
)
@book_options
def convert_command(src: Path, out: Path | None, **kwargs: Any) -> None:
    """Convert one story to an EPUB.

    SRC is a story file (.txt, .md, .html) or a folder holding one story as one file per chapter.
    """
    written = convert(src, out, options_from(kwargs))
    click.echo(f"wrote {written}")
