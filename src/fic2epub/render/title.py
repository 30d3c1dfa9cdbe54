"""The title a book shows, on its title page, in its metadata and on its cover.

Apart from the rest of rendering because it is light: `fic2epub convert` asks its cover process for a
cover as soon as the story is read, before it loads lxml and the page makers (see cli/cover_process.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..decode import readable_name
from ..model import Story
from ..options import Options

STORY_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".mdown", ".html", ".htm", ".xhtml", ".mhtml", ".mht"}


def book_title(story: Story, options: Options | None = None) -> str:
    """The title the book shows: given, the story's own, else its file or folder name (the reader's own label
    for it), never an invented one.  The model keeps `story.title` None so `inspect` tells the truth."""
    if options is not None and options.title:
        return options.title
    if story.title:
        return story.title
    if story.source:
        source = Path(story.source)
        name = source.stem if source.suffix.lower() in STORY_SUFFIXES else source.name
        # a name that is not UTF-8 arrives with surrogate escapes, which no XML may hold
        words = re.sub(r"[_\s]+", " ", readable_name(name)).strip()
        if words:
            return words
    return "Untitled"
