"""fic2epub.toml: defaults for every command-line option, and the user's own parser rules.

Files are looked for, and merged in this order (later wins): the user config folder
(`~/.config/fic2epub/fic2epub.toml` on Linux), the working folder, the story's folder,
then a file named with `--config`.  Options given on the command line win over all of them.
Every option of every command can be set, by its long flag without the dashes; a relative
path (cover, css, output, report) is taken from the config file's folder.  docs/configuration.md
is the guide.

    verbose = true                # the one option of `fic2epub` itself a file can set
    # options for every command, named as on the command line (without --)
    scene-break = "asterisks"
    notes = "end"
    smart-typography = true       # or: no-smart-typography = false

    [batch]                       # options for one command only
    jobs = 2

    [rules]                       # patterns matched against a whole line (Python regular expressions)
    dividers = ['~\\*~ ?break ?~\\*~']
    headings = ['Episode \\d+']
    notes = ['Translator.s note:.*']
    end-markers = ['-+ ?end ?-+']
    disable = ["title_line"]
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .options import Options
from .user_rules import UserRules

CONFIG_NAME = "fic2epub.toml"
COMMANDS = ("convert", "batch", "inspect", "anthology")
RULE_KEYS = {"dividers", "headings", "notes", "end_markers", "disable"}
# Options phrased positively in the file map onto the CLI's negative flags.
NEGATED = {"title_page": "no_title_page", "smart_typography": "no_smart_typography", "cover_page": "no_cover"}
# Options naming a file: a relative path in a config file is taken from the config file's folder.
PATH_KEYS = {"cover", "css", "output", "report"}


@dataclass
class Config:
    """Merged configuration: option defaults for all commands, per command, and user rules."""

    defaults: dict[str, Any] = field(default_factory=dict)
    commands: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: UserRules = field(default_factory=UserRules)
    files: list[Path] = field(default_factory=list)

    def for_command(self, name: str) -> dict[str, Any]:
        """Option defaults for one command, keyed by the CLI's parameter names."""
        return {**self.defaults, **self.commands.get(name, {})}

    def options(self, command: str = "convert", **overrides: Any) -> Options:
        """The `Options` this configuration gives `command`, with `overrides` (see `options_from_config`)."""
        return options_from_config(self, command, **overrides)


def _key(name: str) -> str:
    return name.strip().replace("-", "_")


def _options(table: dict[str, Any], path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for raw, value in table.items():
        key = _key(raw)
        if key in NEGATED:
            if not isinstance(value, bool):
                raise ConfigError(f"'{raw}' must be true or false", path)
            key, value = NEGATED[key], not value
        elif key == "author":
            key = "authors"
        if key == "authors" and isinstance(value, str):
            value = [value]
        if key in PATH_KEYS and isinstance(value, str) and value:
            value = os.path.normpath(path.parent / Path(value).expanduser())
        out[key] = value
    return out


def _rules(table: dict[str, Any], path: Path, into: UserRules) -> None:
    for raw, value in table.items():
        key = _key(raw)
        if key not in RULE_KEYS:
            raise ConfigError(f"unknown key '{raw}' in [rules] (known: {', '.join(sorted(RULE_KEYS))})", path)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"[rules] {raw} must be a list of strings", path)
        if key == "disable":
            from .parse.rules import RULES  # the parser, loaded only for a config that switches rules off

            unknown = set(value) - {r.name for r in RULES}
            if unknown:
                names = ", ".join(r.name for r in RULES)
                raise ConfigError(f"no rule named {', '.join(sorted(unknown))} (rules: {names})", path)
        else:
            import re

            for pattern in value:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ConfigError(f"[rules] {raw}: bad pattern {pattern!r}: {exc}", path) from None
        getattr(into, key).extend(v for v in value if v not in getattr(into, key))


def read_config(path: Path, into: Config | None = None) -> Config:
    """Read one config file, merging it over `into` (or a new Config)."""
    # here, not at the top: most runs find no config file, and the TOML parser costs 3 ms of start-up
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    config = into or Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the config file: {exc.strerror or exc}", path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML: {exc}", path) from None
    for key, value in data.items():
        if key == "rules":
            if not isinstance(value, dict):
                raise ConfigError("[rules] must be a table", path)
            _rules(value, path, config.rules)
        elif key in COMMANDS and isinstance(value, dict):
            config.commands.setdefault(key, {}).update(_options(value, path))
        elif isinstance(value, dict):
            raise ConfigError(f"unknown table [{key}] (known: rules, {', '.join(COMMANDS)})", path)
        else:
            config.defaults.update(_options({key: value}, path))
    config.files.append(path)
    return config


def user_config_dir() -> Path:
    """The per-user config folder (XDG on Linux, Application Support on macOS, AppData on Windows)."""
    import click

    return Path(click.get_app_dir("fic2epub"))


def find_config_files(story: Path | None = None, explicit: Path | None = None) -> list[Path]:
    """The config files that apply, lowest precedence first."""
    candidates = [user_config_dir() / CONFIG_NAME, Path.cwd() / CONFIG_NAME]
    if story is not None:
        folder = story if story.is_dir() else story.parent
        candidates.append(folder / CONFIG_NAME)
    found: list[Path] = []
    for candidate in candidates:
        resolved = candidate.resolve()
        if candidate.is_file() and resolved not in [f.resolve() for f in found]:
            found.append(candidate)
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("no such config file", explicit)
        found.append(explicit)
    return found


def load_config(story: Path | None = None, explicit: Path | None = None) -> Config:
    """The merged configuration for a story (or for the working folder when `story` is None)."""
    config = Config()
    for path in find_config_files(story, explicit):
        read_config(path, config)
    return config


def options_from_config(config: Config, command: str = "convert", **overrides: Any) -> Options:
    """`Options` for library users: the book options the config sets for `command`, with its user rules,
    then `overrides` by `Options` field name (`notes="end"`, `title_page=False`, `max_size` in bytes).

    The config's other options (such as batch's `jobs`) belong to their command and are not used here.
    """
    kwargs: dict[str, Any] = {}
    for key, value in config.for_command(command).items():
        if key == "no_title_page":
            kwargs["title_page"] = not value
        elif key == "no_smart_typography":
            kwargs["smart_typography"] = not value
        elif key == "max_size":
            kwargs["max_size"] = int(value) * 1024 * 1024  # megabytes, as on the command line
        elif key in ("cover", "css"):
            kwargs[key] = Path(value) if value else None
        elif key in _OPTION_FIELDS and key != "rules":
            kwargs[key] = value
    unknown = sorted(set(overrides) - _OPTION_FIELDS)
    if unknown:
        raise ConfigError(
            f"Options has no field '{unknown[0]}' (fields: {', '.join(sorted(_OPTION_FIELDS))})"
        )
    kwargs.update(overrides)
    kwargs.setdefault("rules", config.rules)
    return Options(**kwargs)


_OPTION_FIELDS = {f.name for f in fields(Options)}
