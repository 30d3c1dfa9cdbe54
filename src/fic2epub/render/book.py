"""Story to the documents of a book: cover page, title page, contents page, one page per chapter,
and the author's-notes page when notes are gathered at the end.  The packager turns them into an EPUB."""

from __future__ import annotations

import functools
import hashlib
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from importlib import resources

from ..model import (
    AuthorNote,
    Block,
    BlockQuote,
    Chapter,
    Heading,
    Image,
    Inline,
    InlineNote,
    Link,
    ListBlock,
    Paragraph,
    Span,
    Story,
    text_of_block,
)
from ..options import Options
from ..ordering import story_series
from .language import detect_language, language_code
from .pages import GatheredNote, chapter_page, contents_page, cover_page, notes_page, title_page
from .title import book_title
from .typography import make_typesetter
from .xhtml import BlockRenderer, typeset_text


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
    images_described: bool = True  # every image of the story has alt text (the cover always has)
    words: int | None = None  # the story's word count, where its title page needed it (a batch reports it)


# The ids of the scene-break pictures: decoration, not content.
ORNAMENT_IDS = frozenset({"break_rule", "break_asterisks", "break_asterism"})

SUBJECT_KEYS = ("fandom", "pairing", "characters", "tags", "genre", "category")


def story_identifier(story: Story) -> str:
    """A stable identifier: a UUID derived from the title, authors and text; a rebuild gets the same one."""
    digest = hashlib.sha256()
    digest.update((story.title or "").encode())
    digest.update("\x00".join(story.authors).encode())
    for chapter in story.chapters:
        digest.update((chapter.title or "").encode())
        for block in chapter.blocks:
            digest.update(text_of_block(block).encode())
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'fic2epub:' + digest.hexdigest())}"


_BRACKETED = re.compile(r"\[([^\[\]]*)\]")


def split_list(value: str) -> list[str]:
    """A tag list as written ("A, B, C") as separate tags.  Names in brackets are a pairing, as
    FanFiction.Net writes one among the characters ("[Harry P., Ginny W.] Ron W."): one tag,
    "Harry P./Ginny W."."""
    pairings: list[str] = []

    def pairing(match: re.Match[str]) -> str:
        names = [n.strip() for n in re.split(r"[,;/]", match.group(1)) if n.strip()]
        if len(names) < 2:
            return match.group(0)  # "Star Wars [Legends]": a name's own brackets
        pairings.append("/".join(names))
        return " "

    value = _BRACKETED.sub(pairing, value)
    sep = "," if "," in value else (";" if ";" in value else None)
    parts = value.split(sep) if sep else [value]
    return pairings + [p.strip() for p in parts if p.strip()]


def book_metadata(story: Story, options: Options) -> BookMetadata:
    subjects: list[str] = []
    for key in SUBJECT_KEYS:  # fandoms first: a reader lists a book under its first subject
        for f in story.metadata:
            if f.key == key:
                subjects.extend(s for s in split_list(f.value) if s not in subjects)
    series = story_series(story)
    return BookMetadata(
        title=book_title(story, options),
        authors=list(options.authors) if options.authors else list(story.authors),
        language=(language_code(options.language) if options.language else None) or detect_language(story),
        identifier=options.identifier or story_identifier(story),
        description=story.summary,
        subjects=subjects,
        series=series.name if series else None,
        series_position=series.position if series else None,
        date=iso_date(story.get("published") or ""),
    )


def iso_date(value: str) -> str | None:
    """A publication date for dc:date, only when written as an ISO date (2019, 2019-03, 2019-03-02)."""
    match = re.match(r"^\s*(\d{4})(-\d{2}(-\d{2})?)?\s*$", value)
    return match.group(0).strip() if match else None


def chapter_label(
    chapter: Chapter, index: int, story: Story, total: int, options: Options | None = None
) -> str:
    """The contents label of a chapter: its heading as written, or a sensible stand-in.

    A story of one chapter is labelled with its title.  An untitled first chapter before titled ones is
    the prologue, unless the next is numbered 2; other untitled chapters are labelled by their place."""
    if chapter.title:
        return chapter.title
    if total == 1:
        return book_title(story, options)
    if index == 0:
        following = story.chapters[1].title or "" if len(story.chapters) > 1 else ""
        if _SECOND.match(following) or not any(c.title for c in story.chapters):
            return "Chapter 1"
        return "Prologue"
    return f"Chapter {index + 1}"


_SECOND = re.compile(r"^\W*(chapter|part|ch\.?)?\s*(2|two|ii)\b", re.IGNORECASE)


@functools.cache  # a few files, the same for every book: read once, not for each story of a batch
def shipped_file(path: str) -> bytes:
    """A file that comes with fic2epub's renderer: the stylesheet, an ornament."""
    return resources.files("fic2epub.render").joinpath(path).read_bytes()


def ornaments() -> list[Resource]:
    """The pictures scene breaks are drawn with, one per style; the stylesheet names them all, so that a
    stylesheet of the user's own (--css) can pick another style."""
    return [
        Resource(
            f"break-{style}.png", "image/png", shipped_file(f"ornaments/break-{style}.png"), f"break_{style}"
        )
        for style in ("rule", "asterisks", "asterism")
    ]


def render_story(
    story: Story, options: Options | None = None, cover: Resource | None = None, *, prefix: str = ""
) -> RenderedBook:
    """Render one story into the documents of its book.

    `prefix` starts the name and id of every page and image, so that several stories rendered for one
    book (an anthology) never collide; the stylesheets are shared and keep their names.
    """
    options = options or Options()
    meta = book_metadata(story, options)
    runs = make_typesetter(options.smart_typography)
    fix = typeset_text(runs)
    res = [Resource("style.css", "text/css", shipped_file("style.css"), "style")]
    sheets = ["style.css"]
    if options.css is not None:
        res.append(Resource("user.css", "text/css", options.css.read_bytes(), "user_style"))
        sheets.append("user.css")
    res += ornaments()
    images: list[Resource] = []
    described_images: list[Image] = []

    def add_image(image: Image) -> str:
        described_images.append(image)
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

    renderer = BlockRenderer(runs, add_image, language=meta.language)
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
    words = None
    if options.title_page:
        words = story.word_count()
        docs.append(
            Document(
                f"{prefix}titlepage.xhtml",
                "Title Page",
                title_page(story, meta, sheets, fix, renderer, words),
                f"{prefix}titlepage",
                landmark="titlepage",
            )
        )
    chapters = story.chapters
    labels = [chapter_label(c, i, story, len(chapters), options) for i, c in enumerate(chapters)]
    gathered: list[GatheredNote] = []
    notes_name = f"{prefix}notes.xhtml"
    toc = [TocEntry(fix(label), f"{prefix}ch{i + 1:04d}.xhtml") for i, label in enumerate(labels)]
    contents_at = len(docs)  # the contents page goes here once the notes page is known
    for i, (chapter, label) in enumerate(zip(chapters, labels, strict=True)):
        name = f"{prefix}ch{i + 1:04d}.xhtml"
        place = (options, gathered, name, renderer, notes_name, fix(label))
        front = _place_notes(story.front_notes if i == 0 else [], *place)
        blocks = _place_notes(chapter.blocks, *place)
        back = _place_notes(story.back_notes if i == len(chapters) - 1 else [], *place)
        content = chapter_page(chapter, label, blocks, front, back, meta, sheets, fix, renderer, options)
        docs.append(
            Document(
                name, fix(label), content, f"{prefix}ch{i + 1:04d}", landmark="bodymatter" if i == 0 else None
            )
        )
    if gathered:
        docs.append(
            Document(
                notes_name,
                "Author’s Notes",
                notes_page(gathered, meta, sheets, renderer),
                f"{prefix}notes",
            )
        )
        toc.append(TocEntry("Author’s Notes", notes_name))
    contents = contents_page(meta, toc, sheets)
    docs.insert(
        contents_at, Document(f"{prefix}contents.xhtml", "Contents", contents, f"{prefix}contents", "toc")
    )
    described = all(image.alt.strip() for image in described_images)
    return RenderedBook(meta, docs, res + images, toc, cover, images_described=described, words=words)


def _place_notes(
    blocks: list[Block],
    options: Options,
    gathered: list[GatheredNote],
    page_name: str,
    renderer: BlockRenderer,
    notes_name: str = "notes.xhtml",
    chapter_label: str = "",
) -> list[Block]:
    """Keep author notes in place, drop them, or gather them for the notes page (leaving a link behind).

    Notes inside a paragraph ("(A/N: ...)") go the same way as notes of their own."""
    if options.notes == "drop":
        return [_drop_inline_notes(b) for b in blocks if not isinstance(b, AuthorNote)]
    if options.notes == "end":

        def gather(key: int, note: AuthorNote) -> None:
            note_id = f"note{len(gathered) + 1}"
            gathered.append(GatheredNote(note_id, note, page_name, chapter_label))
            renderer.note_links[key] = f"{notes_name}#{note_id}"

        for block in blocks:
            if isinstance(block, AuthorNote):
                gather(id(block), block)
            for inline in _inline_notes(block):
                gather(id(inline), AuthorNote([Paragraph(inline.children)], inline.label))
    return blocks


def _inline_notes(block: Block) -> Iterator[InlineNote]:
    """The notes inside the paragraphs of a block, in reading order."""

    def walk(inlines: list[Inline]) -> Iterator[InlineNote]:
        for node in inlines:
            if isinstance(node, InlineNote):
                yield node
            elif isinstance(node, (Span, Link)):
                yield from walk(node.children)

    if isinstance(block, (Paragraph, Heading)):
        yield from walk(block.inlines)
    elif isinstance(block, BlockQuote):
        for inner in block.blocks:
            yield from _inline_notes(inner)
    elif isinstance(block, ListBlock):
        for item in block.items:
            for inner in item:
                yield from _inline_notes(inner)


def _drop_inline_notes(block: Block) -> Block:
    """The block without the notes inside its paragraphs (a copy where there were some)."""

    def strip(inlines: list[Inline]) -> list[Inline]:
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, InlineNote):
                continue
            if isinstance(node, (Span, Link)):
                node = replace(node, children=strip(node.children))
            out.append(node)
        return out

    if not any(True for _ in _inline_notes(block)):
        return block
    if isinstance(block, (Paragraph, Heading)):
        return replace(block, inlines=strip(block.inlines))
    if isinstance(block, BlockQuote):
        return replace(block, blocks=[_drop_inline_notes(b) for b in block.blocks])
    if isinstance(block, ListBlock):
        return replace(block, items=[[_drop_inline_notes(b) for b in item] for item in block.items])
    return block
