"""The rendered book to an EPUB 3 file: ebooklib assembles it (package document, nav, NCX) into a zip
whose entries carry fixed dates, so the same input always gives the same bytes, and the file is
written atomically (a temporary file beside the target, renamed into place)."""

from __future__ import annotations

import io
import os
import stat
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ebooklib import epub

from .errors import OutputError
from .ocf_zip import STORED, OcfZip
from .render.book import ORNAMENT_IDS, Document, RenderedBook
from .render.navigation import GUIDE_TYPES, landmarks, nav_document, ncx_document
from .render.xhtml import is_rtl

# One fixed moment for dcterms:modified and the zip entries; SOURCE_DATE_EPOCH overrides it.
DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z


def build_time() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else DEFAULT_EPOCH
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


class _Page(epub.EpubHtml):  # type: ignore[misc]
    """A page whose XHTML we made ourselves: ebooklib writes it unchanged."""

    def __init__(self, doc: Document) -> None:
        super().__init__(
            uid=doc.id, file_name=doc.file_name, title=doc.title, media_type="application/xhtml+xml"
        )
        self.raw = doc.content
        self.properties: list[str] = []

    def get_content(self, default: Any = None) -> bytes:
        return self.raw


def _ebooklib_book(book: RenderedBook) -> epub.EpubBook:
    meta = book.metadata
    eb = epub.EpubBook()
    eb.set_identifier(meta.identifier)
    eb.set_title(meta.title)
    eb.set_language(meta.language)
    if is_rtl(meta.language):
        eb.set_direction("rtl")  # the spine's page-progression-direction
    for i, author in enumerate(meta.authors):
        eb.add_author(author, uid=f"creator{i + 1}")
    if meta.description:
        eb.add_metadata("DC", "description", meta.description)
    for subject in meta.subjects:
        eb.add_metadata("DC", "subject", subject)
    if meta.date:
        eb.add_metadata("DC", "date", meta.date)
    if meta.publisher:
        eb.add_metadata("DC", "publisher", meta.publisher)
    if meta.series:
        eb.add_metadata(None, "meta", meta.series, {"property": "belongs-to-collection", "id": "series"})
        eb.add_metadata(None, "meta", "series", {"property": "collection-type", "refines": "#series"})
        eb.add_metadata(None, "meta", "", {"name": "calibre:series", "content": meta.series})
        if meta.series_position is not None:
            position = f"{meta.series_position:g}"
            eb.add_metadata(None, "meta", position, {"property": "group-position", "refines": "#series"})
            eb.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": position})
    for prop, value in accessibility(book):
        eb.add_metadata(None, "meta", value, {"property": prop})
    for res in book.resources:
        eb.add_item(
            epub.EpubItem(uid=res.id, file_name=res.file_name, media_type=res.media_type, content=res.content)
        )
    if book.cover is not None:
        item = epub.EpubItem(
            uid="cover-image",
            file_name=book.cover.file_name,
            media_type=book.cover.media_type,
            content=book.cover.content,
        )
        item.properties = ["cover-image"]  # EPUB 3 cover marker
        eb.add_item(item)
        eb.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})  # EPUB 2, Kindle
    pages = [_Page(doc) for doc in book.documents]
    for p in pages:
        eb.add_item(p)
    # Our own navigation document and NCX, as plain items: ebooklib's need fixing (see navigation.py).
    nav_xhtml = nav_document(meta, book.toc, book.documents)
    nav = epub.EpubItem(
        uid="nav", file_name="nav.xhtml", media_type="application/xhtml+xml", content=nav_xhtml
    )
    nav.properties = ["nav"]
    eb.add_item(nav)
    ncx = ncx_document(meta, book.toc)
    eb.add_item(
        epub.EpubItem(uid="ncx", file_name="toc.ncx", media_type="application/x-dtbncx+xml", content=ncx)
    )
    eb.spine = pages
    marks = landmarks(book.documents)
    eb.guide = [{"href": href, "title": title, "type": GUIDE_TYPES[kind]} for kind, href, title in marks]
    return eb


def accessibility(book: RenderedBook) -> list[tuple[str, str]]:
    """The schema.org accessibility metadata: what the book holds and how it can be read."""
    pictures = [r for r in book.resources if r.media_type.startswith("image/") and r.id not in ORNAMENT_IDS]
    visual = bool(pictures) or book.cover is not None
    described = visual and book.images_described
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability", "ARIA"]
    if described:
        features.append("alternativeText")
    summary = (
        "A story as reflowable text: chapters with headings, a table of contents and landmarks, scene "
        "breaks marked for screen readers, author's notes labelled as such. Readers can change the size, "
        "fonts and colours of the text. "
        + ("Every image has a text alternative. " if described else "")
        + "No known hazards."
    )
    out = [("schema:accessMode", "textual")]
    if visual:
        out.append(("schema:accessMode", "visual"))
    out.append(("schema:accessModeSufficient", "textual"))
    out += [("schema:accessibilityFeature", f) for f in features]
    out += [("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", summary)]
    return out


class _Writer(epub.EpubWriter):  # type: ignore[misc]
    """ebooklib's writer, into a reproducible zip: mimetype first and stored, the rest deflated."""

    def write(self) -> None:
        self.out = OcfZip(self.file_name, build_time().timetuple()[:6])
        self.out.writestr("mimetype", "application/epub+zip", compress_type=STORED)
        self._write_container()
        self._write_opf()
        self._write_items()
        self.out.close()


def epub_bytes(book: RenderedBook, *, kepub: bool = False) -> bytes:
    """The EPUB file of a rendered book, as bytes; with `kepub`, in Kobo's flavour (a `.kepub.epub`)."""
    if kepub:
        from .render.kobo import kepub_book  # here, not at the top: most books are no KEPUB

        book = kepub_book(book)
    eb = _ebooklib_book(book)
    buffer = io.BytesIO()
    options = {
        "mtime": build_time(),
        "epub3_pages": False,
        "raise_exceptions": True,
        "epub3_landmark": False,  # our navigation document has the landmarks
    }
    writer = _Writer(buffer, eb, options)
    writer.process()
    writer.write()
    return buffer.getvalue()


def write_atomic(data: bytes, path: Path) -> Path:
    """Write bytes to `path` through a temporary file beside it, so a failure never leaves half a file.

    Only an EPUB (or an empty file) is ever replaced: `-o story.txt` must not turn the story into its
    book, nor `-o /dev/null` replace a device."""
    path = Path(path)
    _check_replaceable(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the output folder: {exc.strerror or exc}", folder) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write the EPUB: {exc.strerror or exc}", path) from None
        raise
    return path


def _check_replaceable(path: Path) -> None:
    """Refuse to replace anything at `path` but an EPUB, an empty file or a link (the link is replaced)."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there (a missing folder is reported when it cannot be made)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", path) from None
    if stat.S_ISLNK(info.st_mode) or (stat.S_ISREG(info.st_mode) and info.st_size == 0):
        return
    if stat.S_ISDIR(info.st_mode):
        raise OutputError("is a folder", path, hint="give the EPUB's file name")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError("is a device, pipe or socket: not replaced", path)
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        raise OutputError(f"cannot read what is there: {exc.strerror or exc}", path) from None
    if not (head.startswith(b"PK\x03\x04") and b"mimetypeapplication/epub+zip" in head):
        raise OutputError(
            "a file that is not an EPUB is there: not overwritten", path, hint="give another output name"
        )
