"""Options shared by the commands that make books, and their translation into `Options`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..options import DEFAULT_MAX_SIZE, MEGABYTE, Options
from ..render.language import language_code
from ..user_rules import UserRules

F = TypeVar("F", bound=Callable[..., Any])


def book_options(func: F) -> F:
    """The options of `convert` and `batch` that decide how a book is made."""
    decorators = [
        click.option("--title", help="Use this title instead of the story's own."),
        click.option("--author", "authors", multiple=True, help="Use this author (repeat for several)."),
        click.option(
            "--language",
            callback=_language,
            help="The book's language as a code or a name (en, fr, ja, French); detected when not given.",
        ),
        click.option(
            "--cover",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Use this image as the cover instead of a generated one.",
        ),
        click.option("--no-cover", is_flag=True, help="Make the book without a cover."),
        click.option("--no-title-page", is_flag=True, help="Leave out the generated title page."),
        click.option(
            "--no-smart-typography", is_flag=True, help="Keep the author's quotes, dashes and dots as typed."
        ),
        click.option(
            "--scene-break",
            type=click.Choice(["rule", "asterisks", "asterism", "space"]),
            default="rule",
            show_default=True,
            help="How scene breaks look.",
        ),
        click.option(
            "--notes",
            type=click.Choice(["keep", "end", "drop"]),
            default="keep",
            show_default=True,
            help="Author notes: kept in place, gathered at the end, or left out.",
        ),
        click.option(
            "--css",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="A stylesheet added after the default one.",
        ),
        click.option(
            "--format",
            type=click.Choice(["epub", "kepub"]),
            default="epub",
            show_default=True,
            help="epub, or kepub for Kobo readers (written as NAME.kepub.epub).",
        ),
        click.option(
            "--max-size",
            type=click.IntRange(min=1),
            default=DEFAULT_MAX_SIZE // MEGABYTE,
            show_default=True,
            metavar="MB",
            help="Refuse inputs larger than this many megabytes (a conversion needs about 8 times that).",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--language as a BCP 47 code: "fr", "pt-BR" and "French" are all understood."""
    if value is None:
        return None
    code = language_code(value)
    if code is None:
        raise click.BadParameter(f"{value!r} is not a language code (en, fr, pt-BR) or a known language name")
    return code


def options_from(kwargs: dict[str, Any]) -> Options:
    """The `Options` for the book options given on the command line."""
    return Options(
        title=kwargs.pop("title"),
        authors=list(kwargs.pop("authors")) or None,
        language=kwargs.pop("language"),
        cover=kwargs.pop("cover"),
        no_cover=kwargs.pop("no_cover"),
        title_page=not kwargs.pop("no_title_page"),
        smart_typography=not kwargs.pop("no_smart_typography"),
        scene_break=kwargs.pop("scene_break"),
        notes=kwargs.pop("notes"),
        css=kwargs.pop("css"),
        format=kwargs.pop("format"),
        max_size=kwargs.pop("max_size") * MEGABYTE,
        rules=config_rules(),
    )


def config_rules() -> UserRules:
    """The parser rules from the fic2epub.toml files that apply (loaded by the command group)."""
    ctx = click.get_current_context(silent=True)
    config = ctx.find_root().obj.get("config") if ctx is not None and ctx.find_root().obj else None
    return config.rules if config is not None else UserRules()
