"""Anthologies: several stories in one book (a series in reading order, one author's one-shots, a fest).

Each source is read exactly as `convert` reads it; the book holds a title page for the collection, a
nested contents page, then every story with its own title page and chapters.  The collection's title
and authors are given or derived from the stories (see `collection_metadata`).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from .api import cover_resource
from .batch.discover import discover
from .batch.report import Result
from .errors import Fic2EpubError, InputError
from .model import MetadataField, Story
from .options import Options
from .ordering import ORDERS, Order, order_stories, story_series
from .package import epub_bytes, write_atomic
from .readers import natural_key, read_path
from .render.anthology import render_anthology
from .render.book import BookMetadata, book_metadata, split_list

__all__ = [
    "ORDERS",
    "Order",
    "anthology_bytes",
    "collection_metadata",
    "folders_of_stories",
    "make_anthologies",
    "make_anthology",
    "read_stories",
]


def read_stories(sources: Sequence[str | Path], options: Options | None = None) -> list[Story]:
    """Read every source (a story file, or a folder of chapter files) as `convert` would."""
    options = options or Options()
    if not sources:
        raise InputError("an anthology needs at least one story")
    stories = []
    for source in sources:
        try:
            stories.append(read_path(Path(source), options))
        except Fic2EpubError as exc:
            if exc.path is not None:
                raise
            raise type(exc)(exc.reason, source, exc.hint) from exc
    return stories


def _unique(values: list[str]) -> list[str]:
    """Values without repeats (ignoring case), each kept as first written."""
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return list(seen.values())


def _titled(story: Story) -> Story:
    """The story with a title, so that no two entries of the contents read "Untitled": a one-shot without
    one is known by its chapter's heading, any other story by its file's name."""
    if story.title:
        return story
    if len(story.chapters) == 1 and story.chapters[0].title:
        return replace(story, title=story.chapters[0].title)
    return replace(story, title=Path(story.source).stem) if story.source else story


def collection_metadata(
    stories: list[Story],
    options: Options | None = None,
    *,
    title: str | None = None,
    authors: list[str] | None = None,
    fallback_title: str | None = None,
) -> BookMetadata:
    """What the package says about a collection.

    Title: given, else the series name when every story belongs to one series, else `fallback_title`,
    else "Stories by A" when one author wrote them all, else "T and N other stories".  Authors: given,
    else every story's authors, without repeats.  Subjects: every story's fandoms and tags, without
    repeats.  Language: given, else the most common among the stories.
    """
    options = options or Options()
    own = replace(options, title=None, authors=None, identifier=None)
    metas = [book_metadata(story, own) for story in stories]
    names = _unique([a for story in stories for a in story.authors])
    one_author = len(names) == 1 and all(story.authors for story in stories)
    series = [story_series(story) for story in stories]
    series_names = _unique([s.name for s in series if s is not None])
    common_series = series_names[0] if len(series_names) == 1 and all(series) else None
    title = title or options.title or common_series or fallback_title
    if not title:
        first = stories[0].title or "Untitled"
        others = len(stories) - 1
        if one_author and others:
            title = f"Stories by {names[0]}"
        else:
            title = f"{first} and {others} other {'story' if others == 1 else 'stories'}" if others else first
    languages = Counter(m.language for m in metas)
    listing = "; ".join(
        (s.title or "Untitled") + (f" by {' and '.join(s.authors)}" if s.authors else "") for s in stories
    )
    count = f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}"
    digest = hashlib.sha256("\x00".join([title, *(m.identifier for m in metas)]).encode()).hexdigest()
    return BookMetadata(
        title=title,
        authors=list(authors or options.authors or names),
        language=options.language or languages.most_common(1)[0][0],
        identifier=options.identifier
        or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'fic2epub-anthology:' + digest)}",
        description=f"A collection of {count}: {listing}.",
        subjects=_unique([s for m in metas for s in m.subjects]),
        series=common_series,
    )


def anthology_bytes(
    stories: list[Story],
    options: Options | None = None,
    *,
    title: str | None = None,
    authors: list[str] | None = None,
    order: Order | str = "given",
    fallback_title: str | None = None,
) -> bytes:
    """The EPUB of a collection of parsed stories, as bytes (a KEPUB with `options.format == "kepub"`)."""
    options = options or Options()
    if not stories:
        raise InputError("an anthology needs at least one story")
    stories = order_stories([_titled(story) for story in stories], order)
    meta = collection_metadata(stories, options, title=title, authors=authors, fallback_title=fallback_title)
    fandoms = _unique([f for story in stories for f in split_list(story.get("fandom") or "")])
    face = Story(
        title=meta.title,
        authors=meta.authors,
        metadata=[MetadataField("Fandom", fandoms[0])] if len(fandoms) == 1 else [],
    )
    cover = cover_resource(face, replace(options, title=None, authors=None))
    return epub_bytes(render_anthology(stories, meta, options, cover), kepub=options.format == "kepub")


def make_anthology(
    sources: Sequence[str | Path],
    out: str | Path,
    options: Options | None = None,
    *,
    title: str | None = None,
    authors: list[str] | None = None,
    order: Order | str = "given",
    fallback_title: str | None = None,
) -> Path:
    """Read every source as a story and write one book holding them all to `out`; returns the path."""
    stories = read_stories(sources, options)
    data = anthology_bytes(
        stories, options, title=title, authors=authors, order=order, fallback_title=fallback_title
    )
    return write_atomic(data, Path(out))


def folders_of_stories(root: Path, exclude: Sequence[Path] = ()) -> list[tuple[Path, list[Path]]]:
    """Every folder under `root` that holds stories, with its stories: files, and sub-folders that hold
    one story in chapter files, found by the batch's discovery rule, in natural order.  A folder's other
    sub-folders make collections of their own."""
    groups: dict[PurePosixPath, list[Path]] = {}
    for found in discover([root], exclude).stories:
        groups.setdefault(found.relative.parent, []).append(found.path)
    return [(root / folder, sorted(stories, key=natural_key)) for folder, stories in sorted(groups.items())]


def make_anthologies(
    roots: Sequence[Path], outdir: Path, options: Options | None = None, *, order: Order | str = "given"
) -> list[Result]:
    """One anthology per folder of stories under `roots`, written into `outdir` as FOLDER.epub (the
    root's own stories as ROOTNAME.epub); titled after the series or the folder.  Failures do not stop it."""
    results: list[Result] = []
    suffix = ".kepub.epub" if options is not None and options.format == "kepub" else ".epub"
    for root in roots:
        if not root.is_dir():
            results.append(Result(root, None, "failed", InputError("not a folder", root).one_line()))
            continue
        for folder, sources in folders_of_stories(root, [outdir]):
            relative = folder.relative_to(root)
            name = root.resolve().name if relative == Path(".") else relative
            target = outdir / f"{name}{suffix}"
            try:
                make_anthology(sources, target, options, order=order, fallback_title=folder.resolve().name)
                results.append(Result(folder, target, "converted"))
            except Fic2EpubError as exc:
                results.append(Result(folder, target, "failed", exc.one_line()))
    return results
