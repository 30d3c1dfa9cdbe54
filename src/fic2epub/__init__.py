"""fic2epub: turn stories (plain text, Markdown, saved web pages) into clean, valid EPUB 3 books.

import fic2epub
story = fic2epub.parse("story.txt")
fic2epub.write_epub(story, "story.epub")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .anthology import anthology_bytes, make_anthology
from .api import convert, epub_from_story, parse, write_epub
from .batch import Result, convert_tree
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
    SceneBreak,
    Series,
    Span,
    Story,
    Text,
)
from .options import Options

__all__ = [
    "AuthorNote",
    "BlockQuote",
    "Chapter",
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
    "Result",
    "SceneBreak",
    "Series",
    "Span",
    "Story",
    "Text",
    "__version__",
    "anthology_bytes",
    "convert",
    "convert_tree",
    "epub_from_story",
    "make_anthology",
    "parse",
    "write_epub",
]
