"""Several stories to the documents of one book: a title page for the collection, a nested contents page,
then each story as `render_story` makes it (its own title page, chapters and notes), its pages and images
named with a per-story prefix so that nothing collides."""

from __future__ import annotations

from dataclasses import replace

from ..model import Story
from ..options import Options
from .book import (
    BookMetadata,
    Document,
    RenderedBook,
    Resource,
    TocEntry,
    render_story,
    split_list,
)
from .pages import and_list, contents_page, count, cover_page, title_and_byline
from .title import book_title
from .typography import make_fixer
from .xhtml import TextFilter, element, page, serialize, ui_text


def story_prefix(index: int, total: int) -> str:
    """The prefix of the files of the story at `index`: s01-, s02-, ... (wider for big collections)."""
    return f"s{index + 1:0{max(2, len(str(total)))}d}-"


def story_label(story: Story, with_author: bool) -> str:
    """The contents label of a story: its title, and its authors when the collection has several."""
    title = book_title(story)
    if with_author and story.authors:
        return f"{title}, by {and_list(story.authors)}"
    return title


def collection_title_page(
    meta: BookMetadata, stories: list[Story], sheets: list[str], fix: TextFilter, fandoms: list[str]
) -> bytes:
    """Title, authors, series and fandoms of the collection, and its figures (marked up as a story's)."""
    html, body = page(meta.title, meta.language, sheets)
    section = element(
        "section", {"epub:type": "titlepage", "class": "titlepage anthology", "id": "titlepage"}, parent=body
    )
    title_and_byline(section, meta, fix)
    fields = []
    if meta.series:
        fields.append(("series", "Series", meta.series))
    if fandoms:
        fields.append(("fandom", "Fandoms" if len(fandoms) > 1 else "Fandom", ", ".join(fandoms)))
    if fields:
        dl = element("dl", {"class": "metadata"}, parent=section)
        for key, label, value in fields:
            group = element("div", {"class": f"field field-{key}"}, parent=dl)
            ui_text(element("dt", text=label, parent=group), meta.language)
            element("dd", text=fix(value), parent=group)
    chapters = sum(len(s.chapters) for s in stories)
    words = sum(s.word_count() for s in stories)
    figures = element("p", {"class": "figures"}, parent=section)
    figures.text = " · ".join(
        [
            count(len(stories), "story", "stories"),
            count(chapters, "chapter", "chapters"),
            count(words, "word", "words"),
        ]
    )
    ui_text(figures, meta.language)
    return serialize(html)


def render_anthology(
    stories: list[Story], meta: BookMetadata, options: Options, cover: Resource | None = None
) -> RenderedBook:
    """The documents of one book holding `stories` in the order given, under the collection's `meta`."""
    # each story is rendered as itself: the collection's title, authors, cover and identifier are not its own
    story_options = replace(options, title=None, authors=None, identifier=None, cover=None, no_cover=True)
    fix = make_fixer(options.smart_typography)
    shared: list[Resource] = []
    images: list[Resource] = []
    story_docs: list[Document] = []
    toc: list[TocEntry] = []
    described = True
    authors = {a.casefold() for s in stories for a in s.authors}
    for i, story in enumerate(stories):
        prefix = story_prefix(i, len(stories))
        rendered = render_story(story, story_options, prefix=prefix)
        shared = shared or [r for r in rendered.resources if not r.file_name.startswith(prefix)]
        images.extend(r for r in rendered.resources if r.file_name.startswith(prefix))
        described = described and rendered.images_described
        docs = [d for d in rendered.documents if d.landmark != "toc"]  # the collection has one contents page
        for doc in docs:
            doc.landmark = "bodymatter" if not story_docs and doc is docs[0] else None
        story_docs.extend(docs)
        children = rendered.toc
        if len(children) == 1 and children[0].label.casefold() == fix(story.title or "").casefold():
            children = []  # a one-shot: the story's entry is enough
        toc.append(TocEntry(fix(story_label(story, len(authors) > 1)), docs[0].file_name, children))
    sheets = [r.file_name for r in shared if r.media_type == "text/css"]
    docs = []
    if cover is not None:
        docs.append(
            Document("cover.xhtml", "Cover", cover_page(meta, cover.file_name, sheets), "cover", "cover")
        )
    if options.title_page:
        fandoms = _fandoms(stories)
        content = collection_title_page(meta, stories, sheets, fix, fandoms)
        docs.append(Document("titlepage.xhtml", "Title Page", content, "titlepage", "titlepage"))
    contents = contents_page(meta, toc, sheets)
    docs.append(Document("contents.xhtml", "Contents", contents, "contents", "toc"))
    return RenderedBook(meta, docs + story_docs, shared + images, toc, cover, images_described=described)


def _fandoms(stories: list[Story]) -> list[str]:
    seen: dict[str, str] = {}
    for story in stories:
        for fandom in split_list(story.get("fandom") or ""):
            seen.setdefault(fandom.casefold(), fandom)
    return list(seen.values())
