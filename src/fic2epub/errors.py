"""The errors fic2epub raises: one base class, one subclass per kind of failure.

Every message is one line a person can act on; `path` names the file involved.
"""

from __future__ import annotations

from pathlib import Path


class Fic2EpubError(Exception):
    """Base class of every error fic2epub raises on purpose."""

    exit_code = 1

    def __init__(self, reason: str, path: str | Path | None = None, hint: str | None = None) -> None:
        self.reason = reason
        self.path = str(path) if path is not None else None
        self.hint = hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message: "PATH: REASON (HINT)", each part only when known."""
        where = f"{self.path}: " if self.path else ""
        tail = f" ({self.hint})" if self.hint else ""
        return printable(f"{where}{self.reason}{tail}")


def printable(text: str) -> str:
    """Text as one line a terminal shows as it is: a newline or an escape code in a file name (or in a
    library's message) is written as an escape (`\\n`, `\\x1b`), never obeyed."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class InputError(Fic2EpubError):
    """The input cannot be read as a story: missing, unreadable, binary, empty, too large."""

    exit_code = 2


class DecodeError(InputError):
    """The bytes are not text in any encoding we can tell."""


class ParseError(InputError):
    """The text was read but holds no story."""


class CoverError(Fic2EpubError):
    """A cover image given by the user cannot be used."""

    exit_code = 2


class ConfigError(Fic2EpubError):
    """A configuration file or option is invalid."""

    exit_code = 2


class OutputError(Fic2EpubError):
    """The EPUB cannot be written where it was asked to go."""

    exit_code = 3
