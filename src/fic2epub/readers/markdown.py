"""Markdown as written by people and exporters: block-level HTML read as structure before the rule table.

Markdown allows raw HTML, and exports are full of it: `<p>` ... `</p>` around paragraphs,
`</p><hr>` between scenes, `<div class="panel">` around a link, `<!-- more -->` excerpt marks.
Here comments are removed, paragraph and block tags become paragraph gaps, `<hr>` stands on a
line of its own (the divider rule reads it), and `<a href="...">text</a>` becomes a Markdown link
so that its address survives.  Inline tags (`<i>`, `<b>`, `<br>`) are left to the inline parser.
A line that held only tags or comments becomes a paragraph gap between text, and nothing beside a blank
line, so that no gap grows wide enough to read as a scene break.
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK = re.compile(
    r"<a\b[^>]*?\bhref\s*=\s*(?P<q>[\"'])(?P<href>.*?)(?P=q)[^>]*>(?P<text>.*?)</a\s*>",
    re.DOTALL | re.IGNORECASE,
)
_BLOCK = (
    r"p|div|center|section|article|header|footer|main|aside|blockquote|figure|figcaption|table|tbody|thead|"
    r"tr|td|th|ul|ol|li|dl|dt|dd|h[1-6]|pre|details|summary|nav|body|html|head"
)
_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK})\b[^>]*>", re.IGNORECASE)
_HR = re.compile(r"<hr\b[^>]*>", re.IGNORECASE)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_COMMENT_MARK = "\x00c"  # where a comment stood; a line left with nothing else goes


def _link(m: re.Match[str]) -> str:
    href = " ".join(m.group("href").split())
    text = " ".join(re.sub(r"<[^>]+>", "", m.group("text")).split()) or href
    return f"[{text}]({href})" if href else text


def _split_line(line: str) -> list[str]:
    """One line with its block tags made into paragraph gaps and its `<hr>` into lines of their own."""
    if not _BLOCK_TAG.search(line) and not _HR.search(line):
        return [line]
    marked = _HR.sub("\x00<hr>\x00", _BLOCK_TAG.sub("\x00", line))
    pieces = [p for p in (part.strip() for part in marked.split("\x00"))]
    texts = [p for p in pieces if p]
    if not texts:
        return [""]
    if len(texts) == 1:
        return texts
    out: list[str] = []
    for text in texts:
        if out:
            out.append("")
        out.append(text)
    return out


def prepare_markdown(text: str) -> str:
    """The text with its block-level HTML turned into the plain layout the rule table reads."""
    if "<" not in text:
        return text
    text = _COMMENT.sub(_COMMENT_MARK, text)
    text = _LINK.sub(_link, text)
    out: list[str] = []
    fenced = False
    lines = text.split("\n")
    squeeze = False  # a line of tags went between blank lines: the blank line after it goes too
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        if squeeze and not line.strip() and out and not out[-1].strip():
            squeeze = False
            continue
        squeeze = False
        if fenced or ("<" not in line and _COMMENT_MARK not in line):
            out.append(line)
            continue
        bare = line.replace(_COMMENT_MARK, "")
        parts = _split_line(bare) if "<" in bare else [bare]
        if parts == [""] or not bare.strip():
            # a line of tags or comments only: a paragraph gap between text, nothing beside a blank line
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if out and out[-1].strip() and nxt.replace(_COMMENT_MARK, "").strip():
                out.append("")
            squeeze = True
            continue
        if parts != [bare] and out and out[-1].strip() and _starts_with_tag(bare):
            out.append("")  # a block opened on this line: a new paragraph
        out.extend(parts)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if parts != [bare] and nxt.strip() and _ends_with_tag(bare) and not _starts_with_tag(nxt):
            out.append("")  # a block closed on this line: the next line starts another
    return "\n".join(out).replace(_COMMENT_MARK, "")


def _starts_with_tag(line: str) -> bool:
    m = _BLOCK_TAG.match(line.lstrip()) or _HR.match(line.lstrip())
    return m is not None


def _ends_with_tag(line: str) -> bool:
    stripped = line.rstrip()
    return bool(re.search(rf"</?(?:{_BLOCK}|hr)\b[^>]*>$", stripped, re.IGNORECASE))
