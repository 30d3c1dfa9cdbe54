"""Story to the documents of a book: cover page, title page, contents page, one page per chapter,
and the author's-notes page when notes are gathered at the end.  The packager turns them into an EPUB."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from importlib import resources

from ..model import AuthorNote, Block, Chapter, Image, Story, text_of_block
from ..options import Options
from .language import detect_language
from .pages import chapter_page, contents_page, cover_page, notes_page, title_page
from .typography import make_fixer
from .xhtml import BlockRenderer


@dataclass
class Resource:
    """A file of the book that is not a page: stylesheet, image."""

    file_name: str
    media_type: str
    content: bytes
    id: str


@dataclass
class Document:
    """One XHTML page of the book, in reading order."""

    file_name: str
    title: str
    content: bytes
    id: str
    landmark: str | None = None  # epub:type of the landmark pointing here: cover, titlepage, toc, bodymatter


@dataclass
class TocEntry:
    """An entry of the table of contents; `children` nest (an anthology's stories hold their chapters)."""

    label: str
    href: str
    children: list[TocEntry] = field(default_factory=list)


@dataclass
class BookMetadata:
    """What the package document says about the book."""

    title: str
    authors: list[str]
    language: str
    identifier: str
    description: str | None = None
    subjects: list[str] = field(default_factory=list)
    series: str | None = None
    series_position: float | None = None
    publisher: str | None = None
    date: str | None = None


@dataclass
class RenderedBook:
    """Everything the packager needs: metadata, pages in spine order, other files and the contents."""

    metadata: BookMetadata
    documents: list[Document]
    resources: list[Resource]
    toc: list[TocEntry]
    cover: Resource | None = None


SUBJECT_KEYS = ("fandom", "pairing", "characters", "tags", "genre", "category")


def story_identifier(story: Story) -> str:
    """A stable identifier: a UUID derived from the title, authors and text, so a rebuild gets the same one."""
    digest = hashlib.sha256()
    digest.update((story.title or "").encode())
    digest.update("\x00".join(story.authors).encode())
    for chapter in story.chapters:
        digest.update((chapter.title or "").encode())
        for block in chapter.blocks:
            digest.update(text_of_block(block).encode())
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'fic2epub:' + digest.hexdigest())}"


def split_list(value: str) -> list[str]:
    """A tag list as written ("A, B, C") as separate tags."""
    sep = "," if "," in value else (";" if ";" in value else None)
    parts = value.split(sep) if sep else [value]
    return [p.strip() for p in parts if p.strip()]


def book_metadata(story: Story, options: Options) -> BookMetadata:
    subjects: list[str] = []
    for f in story.metadata:
        if f.key in SUBJECT_KEYS:
            subjects.extend(s for s in split_list(f.value) if s not in subjects)
    series = story.series
    return BookMetadata(
        title=options.title or story.title or "Untitled",
        authors=list(options.authors) if options.authors else list(story.authors),
        language=options.language or detect_language(story),
        identifier=options.identifier or story_identifier(story),
        description=story.summary,
        subjects=subjects,
        series=series.name if series else None,
        series_position=series.position if series else None,
    )


def chapter_label(chapter: Chapter, index: int, story: Story, total: int) -> str:
    """The contents label of a chapter: its heading as written, or a sensible stand-in."""
    if chapter.title:
        return chapter.title
    if total == 1:
        return story.title or "Story"
    if index == 0:
        return "Prologue" if any(c.title for c in story.chapters) else "Chapter 1"
    return f"Chapter {index + 1}"


def render_story(
    story: Story, options: Options | None = None, cover: Resource | None = None, *, prefix: str = ""
) -> RenderedBook:
    """Render one story into the documents of its book.

    `prefix` starts the name and id of every page and image, so that several stories rendered for one
    book (an anthology) never collide; the stylesheets are shared and keep their names.
    """
    options = options or Options()
    meta = book_metadata(story, options)
    fix = make_fixer(options.smart_typography)
    css = resources.files("fic2epub.render").joinpath("style.css").read_bytes()
    res = [Resource("style.css", "text/css", css, "style")]
    sheets = ["style.css"]
    if options.css is not None:
        res.append(Resource("user.css", "text/css", options.css.read_bytes(), "user_style"))
        sheets.append("user.css")
    images: list[Resource] = []

    def add_image(image: Image) -> str:
        ext = {
            "image/jpeg": "jpg",
            "image/png": "png",
            "image/gif": "gif",
            "image/svg+xml": "svg",
            "image/webp": "webp",
        }.get(image.media_type, "bin")
        name = f"{prefix}image{len(images) + 1:04d}.{ext}"
        images.append(Resource(name, image.media_type, image.data, f"{prefix}img{len(images) + 1:04d}"))
        return name

    renderer = BlockRenderer(fix, add_image)
    docs: list[Document] = []
    if cover is not None:
        docs.append(
            Document(
                f"{prefix}cover.xhtml",
                "Cover",
                cover_page(meta, cover.file_name, sheets),
                f"{prefix}cover",
                landmark="cover",
            )
        )
    if options.title_page:
        docs.append(
            Document(
                f"{prefix}titlepage.xhtml",
                "Title Page",
                title_page(story, meta, sheets, fix, renderer),
                f"{prefix}titlepage",
                landmark="titlepage",
            )
        )
    chapters = story.chapters
    labels = [chapter_label(c, i, story, len(chapters)) for i, c in enumerate(chapters)]
    gathered: list[tuple[str, AuthorNote, str]] = []  # (note id, note, page it came from)
    notes_name = f"{prefix}notes.xhtml"
    toc = [TocEntry(label, f"{prefix}ch{i + 1:04d}.xhtml") for i, label in enumerate(labels)]
    docs.append(
        Document(
            f"{prefix}contents.xhtml",
            "Contents",
            contents_page(meta, toc, sheets),
            f"{prefix}contents",
            landmark="toc",
        )
    )
    for i, (chapter, label) in enumerate(zip(chapters, labels)):
        name = f"{prefix}ch{i + 1:04d}.xhtml"
        place = (options, gathered, name, renderer, notes_name)
        front = _place_notes(story.front_notes if i == 0 else [], *place)
        blocks = _place_notes(chapter.blocks, *place)
        back = _place_notes(story.back_notes if i == len(chapters) - 1 else [], *place)
        content = chapter_page(chapter, label, blocks, front, back, meta, sheets, fix, renderer, options)
        docs.append(
            Document(
                name, label, content, f"{prefix}ch{i + 1:04d}", landmark="bodymatter" if i == 0 else None
            )
        )
    if gathered:
        docs.append(
            Document(
                notes_name,
                "Author's Notes",
                notes_page(gathered, meta, sheets, renderer),
                f"{prefix}notes",
            )
        )
        toc.append(TocEntry("Author's Notes", notes_name))
    return RenderedBook(meta, docs, res + images, toc, cover)


def _place_notes(
    blocks: list[Block],
    options: Options,
    gathered: list[tuple[str, AuthorNote, str]],
    page_name: str,
    renderer: BlockRenderer,
    notes_name: str = "notes.xhtml",
) -> list[Block]:
    """Keep author notes in place, drop them, or gather them for the notes page (leaving a link behind)."""
    if options.notes == "drop":
        return [b for b in blocks if not isinstance(b, AuthorNote)]
    if options.notes == "end":
        for block in blocks:
            if isinstance(block, AuthorNote):
                note_id = f"note{len(gathered) + 1}"
                gathered.append((note_id, block, page_name))
                renderer.note_links[id(block)] = f"{notes_name}#{note_id}"
    return blocks
