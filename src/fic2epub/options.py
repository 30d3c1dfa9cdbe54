"""Options for one conversion, as one documented object shared by the CLI, the config file and the library."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from .decode import clean_text
from .errors import ConfigError
from .user_rules import UserRules

SceneBreakStyle = Literal["rule", "asterisks", "asterism", "space"]
NotesPlacement = Literal["keep", "end", "drop"]
OutputFormat = Literal["epub", "kepub"]

MEGABYTE = 1024 * 1024  # the unit of --max-size
# Inputs larger than this are refused.  A conversion holds about eight times its input in memory (the
# text as str, its lines, the model, the pages: ../shared/notes/hostile-input.md), so 64 MB keeps one
# conversion within about half a gigabyte, while the longest stories known (some 4 million words,
# 25 MB) still fit with room to spare.
DEFAULT_MAX_SIZE = 64 * MEGABYTE


@dataclass
class Options:
    """How a story is read and how its book is made.  Every field has a CLI flag of the same name.

    Every field has a default, so `Options()` makes the same book as `fic2epub convert` without flags;
    `Options(notes="end", no_cover=True)` changes two things; `dataclasses.replace(options, title=...)`
    makes a changed copy.  A value outside the choices below raises `ConfigError`.

    title, authors, language: override what the story says (`--title`, `--author`, `--language`).
    cover: an image to use as the cover (`--cover`), a Path or a str; `no_cover` leaves the cover out.
    title_page: make a title page (`--no-title-page` turns it off).
    smart_typography: curly quotes, dashes and ellipses (`--no-smart-typography`).
    scene_break: how a scene break looks: a short rule, `* * *`, `⁂` or blank space.
    notes: author notes kept in place, gathered at the end, or dropped.
    css: a stylesheet added after the default one.
    identifier: the book's identifier; by default a UUID derived from the story.
    format: `epub`, or `kepub` for Kobo readers.
    max_size: inputs larger than this many bytes are refused (`--max-size` counts megabytes).
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
        for name, kind in (
            ("scene_break", SceneBreakStyle),
            ("notes", NotesPlacement),
            ("format", OutputFormat),
        ):
            allowed = get_args(kind)
            if getattr(self, name) not in allowed:
                raise ConfigError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")
        if isinstance(self.authors, str):  # Options(authors="Me") means one author
            self.authors = [self.authors]
        # paths given as str work too
        self.cover = Path(self.cover) if self.cover is not None else None
        self.css = Path(self.css) if self.css is not None else None
        # A title or author typed on the command line reaches the book as it is: clean it as story text
        # is cleaned (no characters XML forbids), and treat one left blank as not given.
        if self.title is not None:
            self.title = clean_text(self.title).strip() or None
        if self.authors is not None:
            self.authors = [a for a in (clean_text(a).strip() for a in self.authors) if a] or None
