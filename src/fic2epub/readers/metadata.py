"""Metadata that describes a story rather than tells it: metadata files, sidecars, and the fields that set
the story's language and series.

Metadata files (in a folder of chapter files, see `readers.folder`):
- by name: `index`, `readme`, `metadata`, `meta`, `info`, `about`, `title`, `titlepage`, `cover`,
  `summary`, `synopsis`, `description`, `details` (`.md`, `.txt`), also with a leading number
  (`0-cover.md`) and any name ending in `-meta`, `_meta` or `.meta` (`darling-and-date-meta.md`);
- by kind: `.yaml`, `.yml`, `.toml` and `.json` files.

Sidecars (beside a single story file `story.md`): `story.meta.md` (or `.txt`, `.yaml`, `.yml`,
`.toml`, `.json`), `story-meta.md`, and `story.yaml` / `story.toml` / `story.json`.

A metadata document is read like a story header: front matter, `Label: value` lines, a `# Title`, a
byline; `## Label:` sections whose label is a known field (Synopsis, Description, Warnings, ...) give
that field; an unlabelled paragraph gives the summary.  Sections with other labels (an author's
planning notes: Ideas, Chapters, Cover) are not metadata and are listed as dropped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from ..decode import decode
from ..lazy import lazy_compile
from ..model import Link, MetadataField, Series, Story, canonical_key, text_of_inlines
from ..parse import tokenize
from ..parse.inline import parse_inlines
from ..parse.rules.byline import split_authors
from ..parse.rules.front_matter import fields_of_mapping
from ..parse.rules.header_field import KNOWN_KEYS, split_field
from ..render.language import language_code
from .markdown import prepare_markdown

METADATA_STEMS = {
    "index", "readme", "metadata", "meta", "info", "information", "about", "title", "titlepage",
    "title-page", "title page", "cover", "summary", "synopsis", "description", "details",
}  # fmt: skip
DOCUMENT_SUFFIXES = {".md", ".markdown", ".mdown", ".txt", ".text"}
DATA_SUFFIXES = {".yaml", ".yml", ".toml", ".json"}
_META_END = re.compile(r"[-_.]meta(?:data)?$", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def is_metadata_file(path: Path) -> bool:
    """Whether a file in a story folder describes the story instead of telling a part of it."""
    suffix = path.suffix.lower()
    if suffix in DATA_SUFFIXES:
        return True
    if suffix not in DOCUMENT_SUFFIXES:
        return False
    stem = re.sub(r"^[\d\s._-]+", "", path.stem).casefold()
    return stem in METADATA_STEMS or bool(_META_END.search(path.stem))


def sidecars(path: Path) -> list[Path]:
    """The metadata files written beside one story file, for it."""
    stem = path.stem
    names = [f"{stem}.meta{s}" for s in (".md", ".txt", ".yaml", ".yml", ".toml", ".json")]
    names += [f"{stem}-meta{s}" for s in (".md", ".txt")]
    names += [f"{stem}{s}" for s in (".yaml", ".yml", ".toml", ".json")]
    return [path.with_name(n) for n in names if path.with_name(n).is_file() and path.with_name(n) != path]


def read_metadata(path: Path, max_size: int) -> Story:
    """The title, authors and fields a metadata file holds (a Story without chapters)."""
    from . import read_bytes  # the reader's size and error checks

    text = decode(read_bytes(path, max_size), path)
    suffix = path.suffix.lower()
    story = Story(source=str(path))
    if suffix in DATA_SUFFIXES:
        data = _load_data(text, suffix)
        fields, dropped = fields_of_mapping(data)
        for label, value in fields:
            _add_field(story, label, value)
        story.dropped.extend(f"{path.name}: {key} (a directive for the site)" for key in dropped)
    else:
        _read_document(story, text, markdown=suffix != ".txt" and suffix != ".text", name=path.name)
    finish(story, markdown=suffix not in (".txt", ".text"))
    return story


def _load_data(text: str, suffix: str) -> dict[Any, Any]:
    # here, not at the top: the parsers cost start-up time (PyYAML ~20 ms), needed only for data files
    import json

    import yaml

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=yaml.BaseLoader)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _add_field(story: Story, label: str, value: str) -> None:
    key = canonical_key(label)
    value = value.strip()
    if not value:
        return
    if key == "title":
        story.title = story.title or value
    elif key == "author":
        story.authors.extend(a for a in split_authors(value) if a not in story.authors)
    else:
        story.metadata.append(MetadataField(label, value, key))


def _read_document(story: Story, text: str, *, markdown: bool, name: str) -> None:
    """A metadata document: header tokens, then `## Label:` sections and unlabelled paragraphs."""
    tokens = tokenize(prepare_markdown(text) if markdown else text)
    section: tuple[str, bool] | None = None  # (label, kept)
    values: dict[str, list[str]] = {}
    order: list[str] = []
    loose: list[str] = []
    for token in tokens:
        data = token.data
        if token.kind == "field" and data.get("value"):
            _add_field(story, str(data["label"]), str(data["value"]))
        elif token.kind == "title" and not data.get("repeat"):
            story.title = story.title or str(data["title"])
        elif token.kind == "byline":
            story.authors.extend(a for a in data.get("authors", []) if a not in story.authors)
        elif token.kind == "heading":
            label = re.sub(r"[\s:：]+$", "", _plain(str(data.get("title") or ""), markdown))
            kept = canonical_key(label) in KNOWN_KEYS and canonical_key(label) not in ("title", "chapters")
            section = (label, kept)
            if not kept:
                story.dropped.append(f"{name}: the '{label}' section (not metadata)")
        elif token.kind in ("paragraph", "note"):
            raw = token.text if token.kind == "note" else str(data.get("text", ""))
            plain = _plain(_IMAGE.sub("", raw), markdown)
            if len(plain.split()) < 2 and not section:
                continue
            parsed = split_field(plain) if section is None else None
            if parsed is not None and parsed[1] and canonical_key(parsed[0]) in KNOWN_KEYS:
                _add_field(story, *parsed)
            elif section is None:
                loose.append(plain)
            elif section[1] and plain:
                if section[0] not in values:
                    order.append(section[0])
                values.setdefault(section[0], []).append(plain)
    for label in order:
        _add_field(story, label, "\n\n".join(values[label]))
    if loose and story.summary is None:
        story.metadata.insert(0, MetadataField("Summary", "\n\n".join(loose), "summary"))
    for token in tokens:
        if token.kind == "dropped":
            story.dropped.append(f"{name}: {token.data.get('what', '')}")


def _plain(text: str, markdown: bool) -> str:
    """Text without its inline markup: links keep their words, emphasis marks go."""
    return " ".join(text_of_inlines(parse_inlines(text, markdown=markdown)).split())


def merge(base: Story, other: Story) -> None:
    """Fill in `base` from `other`: the title and authors where `base` has none, and fields of keys it
    lacks (every field of such a key, so a file's Synopsis and Description both come)."""
    base.title = base.title or other.title
    if not base.authors:
        base.authors = list(other.authors)
    base.language = base.language or other.language
    base.series = base.series or other.series
    keys = {f.key for f in base.metadata}
    labels = {f.label.casefold() for f in base.metadata}
    for f in other.metadata:
        if f.key in keys or f.label.casefold() in labels:
            continue
        base.metadata.append(MetadataField(f.label, f.value, f.key))


_NUMBER_WORDS = {
    w: i + 1
    for i, w in enumerate(
        re.split(
            r"\s+",
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen twenty",
        )
    )
}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_NUM = r"(\d+(?:\.\d+)?|[ivxlc]+|" + "|".join(_NUMBER_WORDS) + r")"
_PART = r"(?:part|book|volume|vol\.?|installment|instalment|entry|story|season|arc|no\.?|number|#)"


# Compiled on first use: most stories have no series, and these took 1.5 ms of every start.
_SERIES_FORMS = (
    lazy_compile(rf"^{_PART}\s*{_NUM}\s+(?:of|in)\s+(?P<name>.+?)$", re.IGNORECASE),
    lazy_compile(rf"^(?P<name>.+?)\s*[\[(]\s*(?:{_PART}\s*)?{_NUM}\s*[\])]$", re.IGNORECASE),
    lazy_compile(rf"^(?P<name>.+?)\s*(?:[,:;–—-]\s*)?(?:{_PART})\s*{_NUM}$", re.IGNORECASE),
)


def _number(text: str) -> float | None:
    text = text.casefold().rstrip(".")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    if re.fullmatch(r"[ivxlc]+", text):
        total = 0
        for i, c in enumerate(text):
            value = _ROMAN[c]
            total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
        return float(total) if total > 0 else None
    return None


def parse_series(value: str) -> Series | None:
    """The series named by a Series field: 'Part 10 of A Wheel Inside a Wheel', 'Name #3', 'Name [3]',
    'Name, Book 2', 'Book 2 of Name'; the first series where several are listed."""
    first = re.split(r"\s*(?:;|\n|,\s*(?=part\s+\d+\s+of\b))\s*", value.strip(), flags=re.IGNORECASE)[
        0
    ].strip()
    if not first:
        return None
    for form in _SERIES_FORMS:
        m = form.match(first)
        if m:
            number = next(g for g in m.groups() if g is not None and g != m.group("name"))
            position = _number(number)
            name = m.group("name").strip(" ,:;–—-")
            if name and position is not None:
                return Series(name, position)
    return Series(first, None)


def finish(story: Story, *, markdown: bool) -> None:
    """Settle what the header says: plain text for Markdown values, the language, the series."""
    if markdown:
        for f in story.metadata:
            f.value = plain_value(f.value)
        story.title = plain_value(story.title, address=False) if story.title else story.title
        story.authors = [plain_value(a, address=False) for a in story.authors]
    if story.language is None:
        named = story.get("language")
        if named:
            story.language = language_code(named) or named
    if story.series is None:
        value = story.get("series")
        if value:
            story.series = parse_series(value)
    if story.series is not None and story.series.position is None:
        index = story.get("series index") or story.get("series number") or story.get("series position")
        if index:
            story.series.position = _number(index.strip())


def plain_value(value: str, *, address: bool = True) -> str:
    """A Markdown value as plain text; with `address`, a value that is only a link to elsewhere becomes
    its address (a "Source:" field), else its words (an author's name linked to their profile)."""
    if not any(c in value for c in "*_<&`[\\~"):
        return value
    inlines = parse_inlines(value, markdown=True)
    if address and len(inlines) == 1 and isinstance(inlines[0], Link) and inlines[0].href:
        return inlines[0].href
    paragraphs = value.split("\n\n")
    if len(paragraphs) > 1:
        return "\n\n".join(plain_value(p, address=address) for p in paragraphs)
    return text_of_inlines(inlines).strip()
