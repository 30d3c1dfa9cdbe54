"""Story to XHTML documents (lxml), stylesheet and cover: everything the packager puts in the book."""

from __future__ import annotations

from .book import BookMetadata, Document, RenderedBook, Resource, TocEntry, render_story

__all__ = ["BookMetadata", "Document", "RenderedBook", "Resource", "TocEntry", "render_story"]
