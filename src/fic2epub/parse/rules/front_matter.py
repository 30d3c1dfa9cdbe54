"""Front matter: a YAML block fenced by `---` lines (closed by `---` or pandoc's `...`), or a TOML block
fenced by `+++`, at the very top of a file (Markdown exports, static sites, pandoc).

Every key becomes a header field (lists joined with commas), read with a YAML or TOML parser; where the
block is not valid YAML (hand-written front matter often is not: `title: Harry Potter: Book 2`), the
plain `key: value` and `- item` lines are read instead.  Keys that steer a website or a typesetter
rather than describe the story (`layout`, `permalink`, `imports`, `cover-image`, ...) are dropped.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from ...lazy import lazy_compile
from ...model import canonical_key
from ..state import State, Token

_PAIR = lazy_compile(r"^(?P<key>[\w][\w \-]*?)\s*:\s*(?P<value>.*)$")
_ITEM = lazy_compile(r"^\s+-\s+(?P<value>.*)$|^-\s+(?P<top>.*)$")
SITE_DIRECTIVES = {
    "layout", "permalink", "permalinks", "slug", "template", "imports", "import", "draft", "weight",
    "aliases", "redirect from", "redirect to", "css", "js", "stylesheet", "stylesheets", "header includes",
    "include before", "include after", "toc", "toc depth", "toc title", "numbersections",
    "documentclass", "classoption", "geometry", "fontsize", "mainfont", "sansfont", "monofont",
    "linestretch", "papersize", "output", "cover image", "cover", "image", "thumbnail", "banner",
    "excerpt separator", "sitemap", "nav order", "parent", "has children", "render with liquid",
    "eleventy navigation", "eleventyexcludefromcollections", "type", "menu",
}  # fmt: skip
_CAMEL = lazy_compile(r"(?<=[a-z])(?=[A-Z])")


def label_of(key: str) -> str:
    """A front-matter key as a label: `word_count` and `wordCount` give 'Word count'."""
    spaced = _CAMEL.sub(" ", key).replace("_", " ").replace("-", " ").strip()
    return spaced[:1].upper() + spaced[1:] if key.islower() or "_" in key or _CAMEL.search(key) else spaced


def flatten(value: Any) -> str:
    """A parsed value as text: lists joined with commas, mappings as `key: value` pairs."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(v for v in (flatten(x) for x in value) if v)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {flatten(v)}" for k, v in value.items() if flatten(v))
    return str(value).strip()


def fields_of_mapping(data: dict[Any, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, value) pairs of a parsed front matter, and the keys dropped as site directives."""
    fields: list[tuple[str, str]] = []
    dropped: list[str] = []
    for key, value in data.items():
        label = label_of(str(key))
        if canonical_key(label) in SITE_DIRECTIVES:
            dropped.append(str(key))
            continue
        text = flatten(value)
        if text:
            fields.append((label, text))
    return fields, dropped


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        value = ", ".join(_unquote(v) for v in value[1:-1].split(","))
    return value


def _lenient(lines: list[str]) -> dict[str, str]:
    """`key: value` and `- item` lines, for front matter that is not valid YAML."""
    data: dict[str, str] = {}
    last: str | None = None
    for line in lines:
        item = _ITEM.match(line)
        if item and last is not None:
            value = _unquote(item.group("value") or item.group("top") or "")
            data[last] = f"{data[last]}, {value}" if data[last] else value
            continue
        pair = _PAIR.match(line)
        if pair and not line[:1].isspace():
            last = pair.group("key").strip()
            data[last] = _unquote(pair.group("value"))
        elif last is not None and line.strip():
            data[last] = f"{data[last]} {line.strip()}".strip()
    return data


def parse_block(lines: list[str], toml: bool = False) -> dict[Any, Any]:
    """The mapping a front-matter block holds (empty if it holds none)."""
    text = "\n".join(lines)
    # here, not at the top: PyYAML costs ~20 ms of start-up, tomllib 3; most stories have no front matter
    import yaml

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        data: Any = tomllib.loads(text) if toml else yaml.load(text, Loader=yaml.BaseLoader)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError):
        data = None if toml else _lenient(lines)
    return data if isinstance(data, dict) else {}


def front_matter(state: State) -> bool:
    if state.pos != 0 or state.line.strip() not in ("---", "+++"):
        return False
    fence = state.line.strip()
    closers = ("---", "...") if fence == "---" else ("+++",)
    end = 1
    while end < len(state.lines) and end <= 200 and state.lines[end].strip() not in closers:
        end += 1
    if end >= len(state.lines) or end > 200:
        return False
    block = state.lines[1:end]
    top = [line for line in block if line.strip() and not line[:1].isspace() and not line.startswith("- ")]
    pairs = sum(1 for line in top if _PAIR.match(line) or re.match(r"^\s*[\w\-]+\s*=", line))
    if pairs < 0.8 * len(top):
        return False  # prose between two rules, not a block of keys
    fields, dropped = fields_of_mapping(parse_block(block, toml=fence == "+++"))
    if not fields and not dropped:
        return False
    start = state.pos
    for label, value in fields:
        if canonical_key(label) == "title" and state.title is None:
            state.title = value
    state.emit("skip", end + 1 - start)
    for label, value in fields:
        data = {"label": label, "value": value, "key": canonical_key(label)}
        state.tokens.append(Token("field", start + 1, [f"{label}: {value}"], state.rule_name, data))
    if dropped:
        what = f"front matter keys for the site, not the story: {', '.join(dropped)}"
        state.tokens.append(
            Token("dropped", start + 1, [", ".join(dropped)], state.rule_name, {"what": what})
        )
    return True
