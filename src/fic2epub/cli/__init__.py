"""The command line: `fic2epub convert`, `fic2epub inspect`, `fic2epub batch`."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from .. import __version__
from ..errors import Fic2EpubError
from .batch import batch_command
from .convert import convert_command
from .inspect import inspect_command


class _Group(click.Group):
    """Turns the project's errors into one clear line and an exit code; --verbose shows the traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Fic2EpubError as exc:
            if ctx.obj and ctx.obj.get("verbose"):
                raise
            click.echo(f"fic2epub: error: {exc.one_line()}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="fic2epub")
@click.option("-v", "--verbose", is_flag=True, help="Log what is done, and show tracebacks of errors.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Turn stories (plain text, Markdown, saved web pages) into clean EPUB 3 books."""
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="fic2epub: %(message)s")


cli.add_command(convert_command)
cli.add_command(inspect_command)
cli.add_command(batch_command)


def main() -> None:
    cli(prog_name="fic2epub")
