"""fic2epub: turn stories (plain text, Markdown, saved web pages) into clean, valid EPUB 3 books.

    import fic2epub

    story = fic2epub.parse("story.txt")            # a file, a folder of chapters, text or bytes
    story.authors = ["Me"]
    story.add_tag("Fluff")
    fic2epub.write_epub(story, "story.epub")       # or: data = fic2epub.epub_bytes(story)

    fic2epub.convert("story.txt", "story.epub", fic2epub.Options(notes="end"))
    fic2epub.convert_tree(["library/"], "books/")  # a whole tree, in parallel, incrementally

Everything listed in `__all__` is the public API, documented in docs/library.md; the library never
prints, it logs to the "fic2epub" logger; every error it raises on purpose is a `Fic2EpubError`.
"""

from __future__ import annotations

import logging
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the one place the version is written (pyproject.toml reads it from here)

from .api import convert, epub_bytes, epub_from_story, parse, write_epub
from .config import Config, load_config, options_from_config
from .errors import ConfigError, CoverError, DecodeError, Fic2EpubError, InputError, OutputError, ParseError
from .model import (
    AuthorNote,
    BlockQuote,
    Chapter,
    Heading,
    Image,
    InlineNote,
    LineBreak,
    Link,
    ListBlock,
    MetadataField,
    Paragraph,
    Recognition,
    SceneBreak,
    Series,
    Span,
    Story,
    Text,
    text_of_block,
)
from .options import Options
from .user_rules import UserRules


class _Package(types.ModuleType):
    """This package, where `fic2epub.parse` stays the function.  The parser (the subpackage of the same
    name) is imported on first use, after this module has run, and the import system then sets the
    package's attribute to it: that one assignment is declined.  The subpackage is still reached by its
    full name (`from fic2epub.parse.rules import Rule`), as it always was."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "parse" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


if TYPE_CHECKING:
    from .anthology import anthology_bytes, make_anthology
    from .batch import Result, convert_tree

# Imported on first use (PEP 562): `fic2epub convert` needs neither anthologies nor batches, and
# importing them would add to the start-up time of every command.
_LAZY = {
    "anthology_bytes": "anthology",
    "make_anthology": "anthology",
    "Result": "batch",
    "convert_tree": "batch",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))  # dir() and completion show the lazy names too


# A library leaves logging to the application: nothing of fic2epub's is shown until the application sets
# logging up (`logging.basicConfig(level=logging.INFO)` shows what is done).
logging.getLogger("fic2epub").addHandler(logging.NullHandler())

__all__ = [
    "AuthorNote",
    "BlockQuote",
    "Chapter",
    "Config",
    "ConfigError",
    "CoverError",
    "DecodeError",
    "Fic2EpubError",
    "Heading",
    "Image",
    "InlineNote",
    "InputError",
    "LineBreak",
    "Link",
    "ListBlock",
    "MetadataField",
    "Options",
    "OutputError",
    "Paragraph",
    "ParseError",
    "Recognition",
    "Result",
    "SceneBreak",
    "Series",
    "Span",
    "Story",
    "Text",
    "UserRules",
    "__version__",
    "anthology_bytes",
    "convert",
    "convert_tree",
    "epub_bytes",
    "epub_from_story",
    "load_config",
    "make_anthology",
    "options_from_config",
    "parse",
    "text_of_block",
    "write_epub",
]
