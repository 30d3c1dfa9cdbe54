"""Inline rules: emphasis written as `*word*`, `_word_`, `**word**` (balanced within a paragraph),
and in Markdown files also inline HTML (`<i>`, `<b>`, `<br>`), entities, code spans and links.

markdown-it-py does the delimiter matching, which runs in linear time on any input.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..lazy import lazy_compile
from ..model import HTML_SPAN_TAGS, Inline, InlineNote, LineBreak, Link, Span, SpanKind, Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token as MdToken


@functools.cache
def _parser(markdown: bool) -> MarkdownIt:
    """markdown-it, imported for the first paragraph with markup: its start-up (~20 ms) is more than a
    story without any takes to parse."""
    from markdown_it import MarkdownIt

    if not markdown:
        return MarkdownIt("zero").enable(["emphasis"])
    return MarkdownIt("zero", {"html": True}).enable(
        [
            "emphasis",
            "escape",
            "html_inline",
            "entity",
            "backticks",
            "strikethrough",
            "link",
            "autolink",
            "newline",
        ]
    )


_TAG = lazy_compile(r"^<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)\s*>$")
_HTML_SPANS = HTML_SPAN_TAGS
_MD_SPANS: dict[str, SpanKind] = {"em": "emphasis", "strong": "strong", "s": "strikethrough"}


# How deep spans may nest; the model, the writer and reading systems all walk nesting recursively.
MAX_DEPTH = 20


class _Builder:
    """Turns a flat stream of open/close/text events into nested inline nodes."""

    def __init__(self) -> None:
        self.root: list[Inline] = []
        self.stack: list[tuple[str, list[Inline]]] = [("", self.root)]

    def text(self, text: str) -> None:
        if not text:
            return
        children = self.stack[-1][1]
        if children and isinstance(children[-1], Text):
            children[-1].text += text
        else:
            children.append(Text(text))

    def node(self, node: Inline) -> None:
        self.stack[-1][1].append(node)

    def open(self, tag: str, node: Span | Link) -> None:
        if len(self.stack) > MAX_DEPTH:
            return  # thousands of unclosed tags (`<i><i><i>...`): deeper nesting would show nothing more
        self.stack[-1][1].append(node)
        self.stack.append((tag, node.children))

    def close(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def result(self) -> list[Inline]:
        return _prune(self.root)


def _prune(nodes: list[Inline]) -> list[Inline]:
    """Drop empty spans and links left by unbalanced markup."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, (Span, Link)):
            node.children = _prune(node.children)
            if not node.children:
                continue
        out.append(node)
    return out


def _walk(tokens: list[MdToken], build: _Builder) -> None:
    for tok in tokens:
        kind = tok.type
        if kind == "text":
            build.text(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            build.node(LineBreak())
        elif kind == "code_inline":
            build.open("code", Span("code"))
            build.text(tok.content)
            build.close("code")
        elif kind.endswith("_open") and tok.tag in _MD_SPANS:
            build.open(tok.tag, Span(_MD_SPANS[tok.tag]))
        elif kind.endswith("_close") and tok.tag in _MD_SPANS:
            build.close(tok.tag)
        elif kind == "link_open":
            href = str(tok.attrGet("href") or "")
            outside = href.startswith(("http://", "https://", "mailto:"))
            build.open("a", Link(href if outside else ""))
        elif kind == "link_close":
            build.close("a")
        elif kind == "html_inline":
            _html_tag(tok.content, build)
        elif tok.children:
            _walk(tok.children, build)


def _html_tag(tag: str, build: _Builder) -> None:
    m = _TAG.match(tag.strip())
    if not m:
        return  # comments and processing instructions are dropped
    closing, name, _ = m.group(1), m.group(2).lower(), m.group(3)
    if name == "br":
        build.node(LineBreak())
    elif name in _HTML_SPANS:
        if closing:
            build.close(name)
        else:
            build.open(name, Span(_HTML_SPANS[name]))


def parse_inlines(text: str, *, markdown: bool = False, env: dict[str, Any] | None = None) -> list[Inline]:
    """The inline nodes of one paragraph's text (newlines are line breaks); author notes inside it,
    such as `(A/N: ...)`, become `InlineNote` nodes."""
    if not markdown and "*" not in text and "_" not in text and "(" not in text and "[" not in text:
        return _plain(text)  # most paragraphs of a text file: no markup, no note
    notes = list(_inline_notes(text)) if ("(" in text or "[" in text) and len(text) <= MAX_MARKUP else []
    if not notes:
        return _inlines(text, markdown, env)
    out: list[Inline] = []
    at = 0
    for start, end, label in notes:
        out.extend(_inlines(text[at:start], markdown, env))
        out.append(InlineNote(_inlines(text[start:end], markdown, env), label))
        at = end
    out.extend(_inlines(text[at:], markdown, env))
    return out


_NOTE_OPENING = lazy_compile(
    r"[(\[]\s*(?P<label>a\s*[/\\.]\s*n\b\.?|an\d{0,2}(?=\s*(?::|//))|author['’]?s?\s+notes?)", re.IGNORECASE
)


def _inline_notes(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, label) of each bracketed author note in a paragraph, brackets included."""
    at = 0
    while True:
        m = _NOTE_OPENING.search(text, at)
        if m is None:
            return
        opening = text[m.start()]
        closing = ")" if opening == "(" else "]"
        depth = 0
        end = None
        for i in range(m.start(), len(text)):
            if text[i] == opening:
                depth += 1
            elif text[i] == closing:
                depth -= 1
                if depth == 0:
                    end = i + 1
                    break
        if end is None:
            return
        yield m.start(), end, m.group("label").strip()
        at = end


_ESCAPE = lazy_compile(r"\\([!-/:-@\[-`{-~])")
_MARKUP = lazy_compile(r"[*_<&`\[\\~]")  # what markdown-it reads in a Markdown paragraph


def _mostly_markup(text: str, markdown: bool) -> bool:
    """Whether a long paragraph is mostly markup characters (`*a*a*a...` for megabytes): no story is written
    like that, and markdown-it spends some 30 µs on each, so such a paragraph is shown as typed."""
    if len(text) < 10_000:
        return False
    marks = "*_<&`[\\~" if markdown else "*_"
    return sum(text.count(c) for c in marks) > len(text) // 10


MAX_MARKUP = 200_000  # no paragraph is this long; one that is (a pasted blob) is kept as plain text


def _inlines(text: str, markdown: bool, env: dict[str, Any] | None) -> list[Inline]:
    if not text:
        return []
    if len(text) > MAX_MARKUP:
        return _plain(text)
    if markdown and "\\" in text:
        bare = _ESCAPE.sub("", text)
        if not _MARKUP.search(bare):
            return _plain(_ESCAPE.sub(r"\1", text))  # only escapes (\' \! \*): no need to parse
    if not (_MARKUP.search(text) if markdown else ("*" in text or "_" in text)):
        return _plain(text)
    if _mostly_markup(text, markdown):
        return _plain(text)
    parser = _parser(markdown)
    build = _Builder()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i:
            build.node(LineBreak())
        _walk(parser.parseInline(line, env if env is not None else {}), build)
    return _unlink(build.result())


def _unlink(nodes: list[Inline]) -> list[Inline]:
    """Links without an outside address keep only their text."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Link) and not node.href:
            out.extend(_unlink(node.children))
            continue
        if isinstance(node, (Span, Link)):
            node.children = _unlink(node.children)
        out.append(node)
    return out


def _plain(text: str) -> list[Inline]:
    if "\n" not in text:
        return [Text(text)] if text else []
    out: list[Inline] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(LineBreak())
        if line:
            out.append(Text(line))
    return out
