"""`fic2epub batch SRC... -o OUTDIR`: every story under the given folders, mirrored into OUTDIR."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..batch import convert_tree
from .common import book_options, options_from


@click.command("batch")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the EPUBs into, mirroring the source folders.",
)
@book_options
def batch_command(sources: tuple[Path, ...], outdir: Path, **kwargs: Any) -> None:
    """Convert every story found under SOURCES into OUTDIR."""
    results = convert_tree(list(sources), outdir, options_from(kwargs))
    failed = [r for r in results if r.status == "failed"]
    for r in results:
        if r.status == "failed":
            click.echo(f"fic2epub: error: {r.reason}", err=True)
        else:
            click.echo(f"{r.status}: {r.output}")
    click.echo(f"{len(results) - len(failed)} converted, {len(failed)} failed")
    if failed:
        sys.exit(1)
