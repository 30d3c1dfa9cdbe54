"""`fic2epub convert SRC -o OUT.epub`: one story to one book."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..api import convert_drawing, draw_here
from .common import book_options, options_from
from .cover_process import CoverProcess


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
    options = options_from(kwargs)
    # a cover to draw is started at once, in a second process where one can help (see cover_process)
    drawing = CoverProcess.start() if not options.no_cover and options.cover is None else None
    try:
        written = convert_drawing(src, out, options, drawing.draw if drawing else draw_here)
    finally:
        if drawing:
            drawing.close()
    click.echo(f"wrote {written}")
