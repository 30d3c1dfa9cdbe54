"""The command line: `fic2epub convert`, `fic2epub inspect`, `fic2epub batch`."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from .. import __version__
from ..config import load_config
from ..errors import ConfigError, Fic2EpubError, printable
from .anthology import anthology_command
from .batch import batch_command
from .convert import convert_command
from .inspect import inspect_command


class _Group(click.Group):
    """Turns the project's errors into one clear line and an exit code; --verbose shows the traceback."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.UsageError as exc:  # a wrong option of fic2epub itself (before the command)
            if type(exc).__name__ == "NoArgsIsHelpError":
                raise  # `fic2epub` alone: click shows the help
            _usage_error(exc)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # the story named on the command line decides which folder's fic2epub.toml applies
        ctx.meta["fic2epub.args"] = list(args[1:])
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.UsageError as exc:
            _usage_error(exc)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("fic2epub: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("verbose"):
                raise
            message, code = _one_line(exc)
            click.echo(f"fic2epub: error: {message}", err=True)
            sys.exit(code)


def _usage_error(exc: click.exceptions.UsageError) -> NoReturn:
    """A wrong option or argument, on one line like every other error, saying where to look."""
    where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
    click.echo(f"fic2epub: error: {printable(exc.format_message())}{where}", err=True)
    sys.exit(exc.exit_code)


def _one_line(exc: Exception) -> tuple[str, int]:
    """What a person is told of an error, on one line, and the exit code (README, "Exit codes")."""
    if isinstance(exc, Fic2EpubError):
        return exc.one_line(), exc.exit_code
    if isinstance(exc, MemoryError):
        return "out of memory (a smaller --max-size refuses such inputs before reading them)", 1
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return printable(f"{where}{exc.strerror or exc}"), 1
    # a bug: still one line, with the way to learn more
    text = printable(" ".join(str(exc).split())[:300])
    return f"internal error: {type(exc).__name__}: {text} (please report it; -v shows the traceback)", 1


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="fic2epub")
@click.option("-v", "--verbose", is_flag=True, help="Log what is done, and show tracebacks of errors.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read option defaults and parser rules from this TOML file too (see docs/configuration.md).",
)
@click.pass_context
def cli(ctx: click.Context, verbose: bool, config_file: Path | None) -> None:
    """Turn stories (plain text, Markdown, saved web pages) into clean EPUB 3 books.

    Option defaults and extra parser rules come from fic2epub.toml files (in the user config
    folder, the working folder and the story's folder) and --config FILE; flags given here win.
    """
    ctx.ensure_object(dict)
    story = next((Path(a) for a in ctx.meta.get("fic2epub.args", []) if _existing(a)), None)
    config = load_config(story, config_file)
    # `verbose = true` in a config file is the one option of the group itself a file can set
    from_file = config.defaults.pop("verbose", False)
    if not isinstance(from_file, bool):
        raise ConfigError("'verbose' must be true or false", config.files[-1])
    verbose = verbose or from_file
    ctx.obj["verbose"] = verbose
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="fic2epub: %(message)s")
    for path in config.files:
        logging.getLogger("fic2epub").info("config: %s", path)
    ctx.obj["config"] = config
    ctx.default_map = _default_map(config)


def _existing(arg: str) -> bool:
    """Whether a command-line argument names an existing file or folder (not an option, nor a value
    too long or too odd to be a name)."""
    if arg.startswith("-"):
        return False
    try:
        return Path(arg).exists()
    except (OSError, ValueError):
        return False


def config_names(command: click.Command) -> dict[str, str]:
    """The keys a config file may use for a command's options, each with the parameter it sets: the
    parameter's name and its long flags without the dashes ("report" and "report_file" for --report)."""
    names: dict[str, str] = {}
    for param in command.params:
        if isinstance(param, click.Option) and param.name:
            names[param.name] = param.name
            for flag in param.opts:
                if flag.startswith("--"):
                    names[flag[2:].replace("-", "_")] = param.name
    return names


def _default_map(config: Any) -> dict[str, dict[str, Any]]:
    """Config values as click defaults per command; a key no command knows is an error."""
    commands = cli.commands
    per_command = {name: config_names(command) for name, command in commands.items()}
    known = {key for names in per_command.values() for key in names}
    for name, values in [("", config.defaults), *config.commands.items()]:
        allowed = set(per_command[name]) if name in per_command else known
        unknown = sorted(set(values) - allowed)
        if unknown:
            where = f"[{name}] " if name else ""
            raise ConfigError(f"unknown option {where}'{unknown[0]}' in the config", config.files[-1])
    return {
        name: {names[k]: v for k, v in config.for_command(name).items() if k in names}
        for name, names in per_command.items()
    }


cli.add_command(convert_command)
cli.add_command(inspect_command)
cli.add_command(batch_command)
cli.add_command(anthology_command)


def main() -> None:
    """The `fic2epub` command."""
    try:
        cli(prog_name="fic2epub")  # ends by raising SystemExit, as click's commands do
    except SystemExit as done:
        _end(done)


def _end(done: SystemExit) -> NoReturn:
    """End the process as `sys.exit` would, but without tearing the interpreter down when nothing else is
    left running: freeing lxml's, Pillow's and ebooklib's objects one by one added a tenth to a short
    conversion (about 12 ms), and the work is done and written.  mypy ends the same way.  With a thread or
    a child process still running (a Dask client's), the usual exit waits for it."""
    multiprocessing = sys.modules.get("multiprocessing")
    children = multiprocessing is not None and multiprocessing.active_children()
    threading = sys.modules.get("threading")
    if children or (threading is not None and threading.active_count() > 1):
        raise done
    if done.code is None or isinstance(done.code, int):
        status = done.code or 0
    else:  # sys.exit("message"): the message on stderr, status 1
        print(done.code, file=sys.stderr)
        status = 1
    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said
        status = status or 1
    os._exit(status)
