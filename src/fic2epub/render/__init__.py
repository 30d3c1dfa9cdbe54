"""Story to XHTML documents (lxml), stylesheet and cover: everything the packager puts in the book."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .book import BookMetadata, Document, RenderedBook, Resource, TocEntry, render_story

__all__ = ["BookMetadata", "Document", "RenderedBook", "Resource", "TocEntry", "render_story"]


def __getattr__(name: str) -> Any:
    # imported on first use (PEP 562): the command line loads render.language before it knows whether
    # it will render a book, and rendering loads lxml
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import book

    return getattr(book, name)
