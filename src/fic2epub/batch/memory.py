"""Reading a story from bytes in memory, for workers that cannot see the files (a Dask cluster).

It does what `readers.read_file` and `readers.read_folder` do with files, step for step, from
(file name, bytes) pairs; tests/test_batch.py checks that both give the same books.  If the readers
grow a bytes-level entry point, these functions should become calls to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..decode import decode
from ..errors import InputError, ParseError
from ..model import Chapter, Story
from ..options import Options
from ..readers import MARKDOWN_SUFFIXES, _title_from_name, parse_story_text

StoryFiles = Sequence[tuple[str, bytes]]  # (the file's path as the user knows it, its bytes), in order


def story_from_bytes(name: str, data: bytes, options: Options) -> Story:
    """One story file's Story, as `readers.read_file` makes it; `name` is used for messages and format."""
    if len(data) > options.max_size:
        raise InputError(
            f"the file is {len(data) / 1e6:.1f} MB, more than the limit of {options.max_size / 1e6:.0f} MB",
            name,
            hint="raise it with --max-size",
        )
    text = decode(data, name)
    if not text.strip():
        raise ParseError("the file is empty", name)
    markdown = Path(name).suffix.lower() in MARKDOWN_SUFFIXES
    story = parse_story_text(text, markdown=markdown, options=options, source=name)
    if not story.chapters:
        raise ParseError("no story text found (only a header or notes)", name)
    return story


def story_from_files(files: StoryFiles, options: Options, folder: str | None = None) -> Story:
    """The Story of one file (`folder` None), or of a folder's chapter files as `read_folder` reads it."""
    if folder is None:
        return story_from_bytes(*files[0], options)
    if not files:
        raise InputError("the folder holds no story files (.txt, .md, .html)", folder)
    story: Story | None = None
    for name, data in files:
        part = story_from_bytes(name, data, options)
        if story is None:
            story = part
            continue
        if len(part.chapters) == 1 and part.chapters[0].title is None:
            part.chapters[0].title = _title_from_name(Path(name))
        story.chapters.extend(part.chapters)
        if part.front_notes:
            first = part.chapters[0] if part.chapters else Chapter()
            first.blocks[:0] = part.front_notes
        story.back_notes = part.back_notes or story.back_notes
        story.recognitions.extend(part.recognitions)
    assert story is not None
    story.source = folder
    if story.title is None:
        story.title = Path(folder).name
    return story
