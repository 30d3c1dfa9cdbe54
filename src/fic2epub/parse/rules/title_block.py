"""Title blocks: the story's title written with its author at the very top of a file.

- On one line: `**Title** by **Author**`, `[三国演义 / 罗贯中 著]`, `《西游记》`, `《Title》 作者：X`, and
  a library's `Лев Толстой. Анна Каренина` (the author, a full stop, the title).
- On two short lines: the title over the author's bare name (`こころ` / `夏目漱石`, `A Cadmean Victory`
  / `M J Bradley`), or the name over a title set in capitals (`Лев Николаевич Толстой` /
  `АННА КАРЕНИНА`).
- On three or four stacked lines (Aozora Bunko): title, subtitle, author, and perhaps the translator.

A title written here wins over one `title_scan` found further down.
"""

from __future__ import annotations

import re

from ...lazy import lazy_compile
from ..state import State
from .byline import split_authors, valid_name
from .chapter_heading import match_heading
from .header_field import read_field
from .scene_divider import is_divider
from .title_line import (
    CJK,
    add_byline,
    at_top,
    clean,
    emit_title,
    looks_like_name,
    looks_like_title,
    next_nonblank,
    plain,
)

_BRACKET_TITLE = lazy_compile(
    r"^\s*《(?P<title>[^《》]{1,60})》\s*(?:(?:作者|著者)\s*[:：]?\s*)?(?P<author>[^\s《》].{0,30}?)?\s*(?:著|作)?\s*$"
)
_SLASH_TITLE = lazy_compile(
    r"^\s*[\[【(（]?\s*(?P<title>[^/／\[\]【】()（）]{1,80}?)\s*[/／]\s*(?:(?:作者|著者)\s*[:：]?\s*)?"
    r"(?P<author>[^/／\[\]【】()（）]{1,60}?)\s*(?:著|作|撰|编著|編著)?\s*[\]】)）]?\s*$"
)
_TITLE_BY = lazy_compile(r"\s+by\s+", re.IGNORECASE)
_AUTHOR_DOT_TITLE = lazy_compile(r"^(?P<author>[^.]{3,60}[^\s.A-ZА-ЯЁ])\.\s+(?P<title>[^.]{1,100}[^.\s])$")


def _one_line_title(state: State, line: str) -> bool:
    """A title written with its author on the first line."""
    text = line.strip()
    for pattern in (_BRACKET_TITLE, _SLASH_TITLE):
        m = pattern.match(text)
        if m is None:
            continue
        title = clean(m.group("title"))
        author = (m.group("author") or "").strip().strip("*_").strip()
        if pattern is _SLASH_TITLE and not (author and (looks_like_name(author) or valid_name(author))):
            continue
        if pattern is _SLASH_TITLE and not looks_like_title(title):
            continue
        emit_title(state, title)
        if author:
            add_byline(state, split_authors(author), state.pos - 1)
        return True
    m = _AUTHOR_DOT_TITLE.match(text)
    if m and looks_like_name(m.group("author")) and looks_like_title(m.group("title")):
        after = state.peek()
        if after is None or not after.strip() or is_divider(after):
            # "Лев Толстой. Анна Каренина": the library's author-then-title line
            emit_title(state, clean(m.group("title")))
            add_byline(state, [m.group("author").strip()], state.pos - 1)
            return True
    splits = list(_TITLE_BY.finditer(text))
    if not splits:
        return False
    cut = splits[-1]
    title, author = clean(text[: cut.start()]), text[cut.end() :].strip().strip("*_~ ").strip()
    emphasised = bool(re.match(r"^\s*[*_]", text)) and text[: cut.start()].rstrip().endswith(("*", "_"))
    after = state.peek()
    alone = after is None or not after.strip()
    if not (looks_like_title(title) and valid_name(author) and len(author.split()) <= 4):
        return False
    if not emphasised and not (
        (alone and looks_like_name(author, strict=False)) or re.search(r"\d|_", author)
    ):
        return False
    emit_title(state, title)
    add_byline(state, split_authors(author), state.pos - 1)
    return True


_TRANSLATOR = lazy_compile(
    r"^(?P<name>.+?)\s*(?:訳|译|翻訳|翻译|訳注)$|^(?:translated by|перевод)\s+(?P<by>.+)$", re.I
)


def _stacked_block(state: State) -> bool:
    """Three or four short lines stacked at the top (Aozora Bunko): the title, its subtitle, the author,
    and perhaps the translator."""
    end = state.pos
    while end < len(state.lines) and state.lines[end].strip() and end - state.pos < 5:
        end += 1
    block = state.lines[state.pos : end]
    if not 3 <= len(block) <= 4 or (end < len(state.lines) and state.lines[end].strip()):
        return False
    if not all(looks_like_title(line) and len(line.strip()) <= 40 for line in block):
        return False
    translator = _TRANSLATOR.match(clean(block[-1]))
    names = block[:-1] if translator else block
    if len(names) < 3 or not looks_like_name(names[-1]) or match_heading(names[-1]) is not None:
        return False
    parts = [clean(line) for line in names[:-1]]
    joiner = " " if re.search(rf"[{CJK}]", parts[0]) else ": "
    emit_title(state, joiner.join(parts), len(names) - 1)
    state.emit("byline", 1, authors=[clean(names[-1])])
    if translator:
        name = (translator.group("name") or translator.group("by") or "").strip()
        state.emit("field", 1, label="Translator", value=name, key="translator")
    return True


def _title_block(state: State) -> bool:
    """Two short lines at the top: title and author's name, in either order."""
    if _stacked_block(state):
        return True
    first = state.pos
    second = next_nonblank(state, first + 1)
    if second is None:
        return False
    after = second + 1
    if after < len(state.lines) and state.lines[after].strip():
        return False  # the second line runs into more text
    one, two = state.lines[first], state.lines[second]
    if match_heading(two) is not None or read_field(state.lines, second) is not None:
        return False
    upper = clean(two)
    if looks_like_name(one) and upper.isupper() and not clean(one).isupper() and looks_like_title(two):
        # a name over a title set in capitals: the author comes first
        state.emit("byline", 1, authors=[clean(one)])
        if second > state.pos:
            state.emit("blank", second - state.pos, blank_lines=second - state.pos, scene_break=False)
        emit_title(state, upper)
        return True
    if looks_like_title(one) and looks_like_name(two) and plain(one) != plain(two):
        emit_title(state, clean(one))
        if second > state.pos:
            state.emit("blank", second - state.pos, blank_lines=second - state.pos, scene_break=False)
        state.emit("byline", 1, authors=[clean(two)])
        return True
    return False


def title_block(state: State) -> bool:
    if not state.line.strip() or not at_top(state) or match_heading(state.line) is not None:
        return False
    if state.title is not None and not state.extra.get("title_from_scan"):
        return False
    return _one_line_title(state, state.line) or _title_block(state)
