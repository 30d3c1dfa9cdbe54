"""The parser on the shared corpus: every plain-text or Markdown story is parsed and its chapters,
scene breaks and author notes are scored against the careful reader's truth file, the way
`../shared/corpus/score.py` scores an EPUB (its own matching functions are used), but on the model,
so that the parser is measured without the writer.

Skipped with a message where the corpus is absent.  Stories are never copied into this repository.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest

import fic2epub
from fic2epub.model import (
    AuthorNote,
    Block,
    BlockQuote,
    Heading,
    Inline,
    InlineNote,
    LineBreak,
    ListBlock,
    Paragraph,
    SceneBreak,
    Story,
    Text,
    text_of_inlines,
)
from support.modules import CORPUS, load_scorer

TEXT_KINDS = {".txt", ".md"}
ELEMENTS = ("chapters", "scene_breaks", "author_notes")
# The floor each story must keep; a story below it has regressed.  The mean must stay above MEAN_FLOOR.
FLOOR = 0.9
MEAN_FLOOR = 0.97
# Stories a careful reader reads partly from what the words say, which rules read only in part: HPMoR's
# notes are mostly unlabelled jokes at the top of chapters and posting dates at the end of them.
FLOORS = {("02_hpmor", "author_notes"): 0.75}

Item = tuple[str, str]  # ("block" | "break" | "note-start" | "note", text), as score.py's Page reads a book


def text_stories() -> list[tuple[str, dict[str, Any]]]:
    """(truth name, truth) for every story told in .txt or .md files."""
    if not CORPUS.is_dir():
        return []
    out = []
    for path in sorted((CORPUS / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        src = CORPUS / truth["file"]
        files = [p for p in src.rglob("*") if p.is_file()] if src.is_dir() else [src]
        if {p.suffix.lower() for p in files} & TEXT_KINDS:
            out.append((path.stem, truth))
    return out


def chapter_labels(story: Story) -> list[str]:
    """The contents labels the writer gives the chapters (its stand-ins for untitled ones included)."""
    total = len(story.chapters)
    labels = []
    for i, chapter in enumerate(story.chapters):
        if chapter.title:
            labels.append(chapter.title)
        elif total == 1:
            labels.append(story.title or "Story")
        elif i == 0:
            labels.append("Prologue" if any(c.title for c in story.chapters) else "Chapter 1")
        else:
            labels.append(f"Chapter {i + 1}")
    return labels


def _inline_items(inlines: list[Inline]) -> list[Item]:
    """A paragraph as the reader sees it: an inline author note is a note of its own inside it."""
    items: list[Item] = []
    run: list[Inline] = []
    for node in inlines:
        if isinstance(node, InlineNote):
            items.append(("block", text_of_inlines(run)))
            run = []
            words = text_of_inlines(node.children)
            items += [("note-start", ""), ("block", words), ("note", words)]
        else:
            run.append(node)
    items.append(("block", text_of_inlines(run)))
    return [(kind, " ".join(text.split())) for kind, text in items if kind != "block" or text.strip()]


def block_items(blocks: list[Block]) -> list[Item]:
    items: list[Item] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            items += _inline_items(block.inlines)
        elif isinstance(block, SceneBreak):
            items.append(("break", ""))
        elif isinstance(block, AuthorNote):
            inner = block_items(block.blocks)
            words = " ".join(text for kind, text in inner if kind == "block")
            items += [("note-start", ""), ("block", block.label or "Note"), *inner, ("note", words)]
        elif isinstance(block, BlockQuote):
            items += block_items(block.blocks)
        elif isinstance(block, ListBlock):
            for entry in block.items:
                items += block_items(entry)
    return items


def story_items(story: Story) -> list[Item]:
    """The story pages of the book in reading order: front notes, then per chapter its heading,
    blocks and end marker, then the back notes."""
    items: list[Item] = []
    labels = chapter_labels(story)
    for i, (chapter, label) in enumerate(zip(story.chapters, labels, strict=True)):
        if i == 0:
            items += block_items(story.front_notes)
        items.append(("block", label))
        items += block_items(chapter.blocks)
        if chapter.end_marker:
            items.append(("block", chapter.end_marker))
        if i == len(story.chapters) - 1:
            items += block_items(story.back_notes)
    return items


def found_elements(story: Story, truth: dict[str, Any], score: ModuleType) -> dict[str, list[str]]:
    """What a reader of the book would find: chapter labels, the words after each break, note words."""
    labels = [x for x in chapter_labels(story) if not score.FRONT_MATTER.match(score.norm(x))]
    items = story_items(story)
    optional = truth.get("scene_breaks_optional", [])
    breaks = []
    for i, (kind, _) in enumerate(items):
        if kind != "break":
            continue
        after = ""
        for k, text in items[i + 1 :]:
            if k == "note-start":
                break
            if k == "block" and score.norm(text):
                after = text
                break
        if after and not any(score.norm(after).startswith(score.norm(o)[:40]) for o in optional):
            breaks.append(after)
    notes = [text for kind, text in items if kind == "note"]
    return {"chapters": labels, "scene_breaks": breaks, "author_notes": notes}


def score_story(story: Story, truth: dict[str, Any], score: ModuleType) -> dict[str, float]:
    """Per element F1, computed as score.py computes it on an EPUB."""
    found = found_elements(story, truth, score)
    result: dict[str, float] = {}
    labels = found["chapters"]
    chapters = truth.get("chapters") or []
    if chapters:
        hits = score.match_in_order(chapters, labels, score.same)
        result["chapters"] = score.f1(hits, len(chapters), len(labels))
    else:
        extra = max(0, len([x for x in labels if not score.same(x, truth.get("title", ""))]) - 1)
        result["chapters"] = 1.0 / (1 + extra)
    breaks = found["scene_breaks"]
    truth_breaks = truth.get("scene_breaks", [])
    if isinstance(truth_breaks, int):
        result["scene_breaks"] = score.f1(min(truth_breaks, len(breaks)), truth_breaks, len(breaks))
    else:
        hits = score.match_in_order(
            truth_breaks, breaks, lambda t, f: score.norm(f).startswith(score.norm(t)[:40])
        )
        result["scene_breaks"] = score.f1(hits, len(truth_breaks), len(breaks))
    notes = found["author_notes"]
    truth_notes = truth.get("author_notes", [])
    if isinstance(truth_notes, int):
        result["author_notes"] = score.f1(min(truth_notes, len(notes)), truth_notes, len(notes))
    else:
        hits = sum(1 for t in truth_notes if any(score.norm(t)[:40] in score.norm(f) for f in notes))
        result["author_notes"] = score.f1(hits, len(truth_notes), max(len(notes), hits))
    return result


STORIES = text_stories()


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}: corpus tests skipped")
    return load_scorer()


@pytest.fixture(scope="module")
def results(scorer: ModuleType) -> dict[str, dict[str, float]]:
    out = {}
    for name, truth in STORIES:
        try:
            story = fic2epub.parse(CORPUS / truth["file"])
        except fic2epub.Fic2EpubError:
            out[name] = dict.fromkeys(ELEMENTS, 0.0)
            continue
        out[name] = score_story(story, truth, scorer)
    return out


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")
@pytest.mark.parametrize("name", [name for name, _ in STORIES])
def test_story_keeps_its_floor(name: str, results: dict[str, dict[str, float]]) -> None:
    low = {k: round(v, 3) for k, v in results[name].items() if v < FLOORS.get((name, k), FLOOR)}
    assert not low, f"{name}: below {FLOOR}: {low}"


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")
def test_corpus_means(results: dict[str, dict[str, float]]) -> None:
    for element in ELEMENTS:
        values = [r[element] for r in results.values()]
        mean = sum(values) / len(values)
        assert mean >= MEAN_FLOOR, f"{element}: mean {mean:.3f} below {MEAN_FLOOR}"


def test_paragraph_items_split_at_inline_notes() -> None:
    """The model view used above reads an inline note as score.py reads the writer's note span."""
    inlines: list[Inline] = [Text("She left."), InlineNote([Text("sorry")]), LineBreak(), Text("Then")]
    assert _inline_items(inlines) == [
        ("block", "She left."),
        ("note-start", ""),
        ("block", "sorry"),
        ("note", "sorry"),
        ("block", "Then"),
    ]
