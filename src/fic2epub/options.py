"""Options for one conversion, as one documented object shared by the CLI, the config file and the library."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .decode import clean_text
from .parse.rules import UserRules

SceneBreakStyle = Literal["rule", "asterisks", "asterism", "space"]
NotesPlacement = Literal["keep", "end", "drop"]
OutputFormat = Literal["epub", "kepub"]

DEFAULT_MAX_SIZE = 256 * 1024 * 1024


@dataclass
class Options:
    """How a story is read and how its book is made.  Every field has a CLI flag of the same name.

    title, authors, language: override what the story says (`--title`, `--author`, `--language`).
    cover: an image to use as the cover (`--cover`); `no_cover` leaves the cover out.
    title_page: make a title page (`--no-title-page` turns it off).
    smart_typography: curly quotes, dashes and ellipses (`--no-smart-typography`).
    scene_break: how a scene break looks: a short rule, `* * *`, `⁂` or blank space.
    notes: author notes kept in place, gathered at the end, or dropped.
    css: a stylesheet added after the default one.
    identifier: the book's identifier; by default a UUID derived from the story.
    format: `epub`, or `kepub` for Kobo readers.
    max_size: inputs larger than this many bytes are refused.
    rules: user patterns for the parser (from the config file).
    """

    title: str | None = None
    authors: list[str] | None = None
    language: str | None = None
    cover: Path | None = None
    no_cover: bool = False
    title_page: bool = True
    smart_typography: bool = True
    scene_break: SceneBreakStyle = "rule"
    notes: NotesPlacement = "keep"
    css: Path | None = None
    identifier: str | None = None
    format: OutputFormat = "epub"
    max_size: int = DEFAULT_MAX_SIZE
    rules: UserRules = field(default_factory=UserRules)

    def __post_init__(self) -> None:
        # A title or author typed on the command line reaches the book as it is: clean it as story text
        # is cleaned (no characters XML forbids), and treat one left blank as not given.
        if self.title is not None:
            self.title = clean_text(self.title).strip() or None
        if self.authors is not None:
            self.authors = [a for a in (clean_text(a).strip() for a in self.authors) if a] or None
