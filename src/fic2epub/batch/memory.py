"""Reading a story from its files' bytes, on a worker that cannot see the files (a Dask cluster).

The readers read files, and decide much from them (saved pages or text, one file or a folder of
chapter pages, images beside a page).  Rather than a second reader working from memory, which
would drift from them, the worker lays the story's files out in a private temporary folder, under
their own names, and reads them with the same reader `fic2epub convert` uses: the same bytes give
the same book.  Paths in error messages are given back their real names.  Images a saved page
links to are not shipped: they are left out (and noted) unless the worker can see them.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import Fic2EpubError
from ..model import Story
from ..options import Options
from ..readers import read_path

StoryFiles = Sequence[tuple[str, bytes]]  # (the file's path where the batch runs, its bytes)


def story_from_files(path: str, files: StoryFiles, options: Options, *, folder: bool) -> Story:
    """The Story of the file (or `folder` of chapter files) at `path` elsewhere, given its files' bytes."""
    where = Path(path)
    scratch = Path(tempfile.mkdtemp(prefix="fic2epub-story-"))
    try:
        local = scratch / (where.name or "story")
        into = local if folder else scratch
        into.mkdir(exist_ok=True)
        for name, data in files:  # only the last component of a name is used: nothing lands elsewhere
            (into / Path(name).name).write_bytes(data)
        try:
            story = read_path(local, options)
        except Fic2EpubError as exc:
            if exc.path is not None and exc.path.startswith(str(scratch)):
                exc.path = str(where.parent / Path(exc.path).relative_to(scratch))
                exc.args = (exc.one_line(),)
            raise
        story.source = path
        return story
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
