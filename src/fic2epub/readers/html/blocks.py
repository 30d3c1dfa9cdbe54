"""HTML to the model's blocks and inlines, cleaned: only what the story says survives, never the markup.

The walk first gathers raw paragraphs as flat runs of styled text and `<br>`s, then decides how the
`<br>` runs split them:

* inside a `<p>` (or `<pre>`), one `<br>` is a line break and two start a new paragraph, as if the
  paragraph gap were one blank line: a longer run is a scene break where a text file's would be
  (`Profile.is_break_gap`);
* in text written as loose runs of `<br>` (old FanFiction.Net pages, Word exports), the runs are
  decided like blank lines in a text file (`fic2epub.parse.profile.measure`): the file's most common
  run is its paragraph gap, and `is_break_gap` says which longer runs are scene breaks.

Then: empty and spacer paragraphs are removed, a paragraph that is only a divider (`is_divider`) or a
centred ornament becomes a scene break, `<center>` and `align`/`text-align` become `Paragraph.align`,
`<i>`, `<b>`, `<u>`, `<s>`, `<strike>`, inline CSS (italic, bold, underline, line-through, small caps)
become spans, `<font>`, site classes and other styles are dropped, links to outside addresses are
kept, and images are kept when their file is beside the page (dropped with a note in `Story.dropped`
otherwise).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ...decode import clean_text
from ...model import (
    Align,
    AuthorNote,
    Block,
    BlockQuote,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    SceneBreak,
    text_of_inlines,
)
from ...parse.profile import Profile, measure
from ...parse.rules.scene_divider import MARKS, is_divider
from ...parse.rules.spacer import is_spacer
from .document import classes, css_declarations, line_of
from .images import alt_of, is_divider_image, is_small, load_image
from .inlines import SPACES, Piece, build, inline_styles, styles_of, trim

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements whose content is a block of its own: the text before and after them is another paragraph.
CONTAINERS = {
    "html", "body", "div", "section", "article", "main", "header", "footer", "aside", "nav", "center",
    "address", "figure", "figcaption", "details", "summary", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "caption", "fieldset", "legend", "hgroup", "li", "p", "pre", "menu",
}  # fmt: skip
NOTE_CLASSES = {"author-note", "authornote", "author-notes", "authors-note", "authors-notes"}
# The caption a site puts over an author's note ("A note from Tam", "Author's Note:"): the note's label.
NOTE_CAPTION = re.compile(
    r"^\W*(?:an?\s+)?(?:(?:author'?s?|writer'?s?)\s+)?(?:notes?|words?|message)\s+from\b.{0,60}$"
    r"|^\W*(?:author'?s?|writer'?s?)\s+notes?\W*$|^\W*a/n\W*$",
    re.IGNORECASE,
)
# Inside a <p>: one <br> breaks the line, two make a paragraph (a gap of one blank line).
IN_PARAGRAPH = Profile(paragraph_gap=1)
_WHITESPACE = " \t\n\r\f"
_PROSE_LETTER = re.compile(r"[^\W\d_oOxX]")  # dividers hold no letters but o and x, save short markers


@dataclass
class _Para:
    pieces: list[Piece]
    align: Align | None
    in_paragraph: bool
    source: etree._Element


@dataclass
class _Heading:
    pieces: list[Piece]
    level: int
    source: etree._Element


@dataclass
class _Rule:
    source: etree._Element
    marker: str = "<hr>"


@dataclass
class _Blank:
    """An empty `<p>`: a run of them may stand for the blank lines of a scene break."""

    source: etree._Element


@dataclass
class _Quote:
    items: list[_Raw]


@dataclass
class _List:
    items: list[list[_Raw]]
    ordered: bool


@dataclass
class _Note:
    items: list[_Raw]


_Raw = _Para | _Heading | _Rule | _Blank | _Quote | _List | _Note | Image


@dataclass
class _Flow:
    """The paragraph being gathered inside one container."""

    align: Align | None
    in_paragraph: bool
    source: etree._Element
    pieces: list[Piece] = field(default_factory=list)


def is_note_element(el: etree._Element) -> bool:
    """Whether an element is an author's note by its class (`author-note`, and boxes named after it,
    such as `author-note-portlet`)."""
    return any(
        name in NOTE_CLASSES or name.startswith(tuple(f"{n}-" for n in NOTE_CLASSES)) for name in classes(el)
    )


def alignment(el: etree._Element) -> Align | None:
    """The alignment an element asks for: `<center>`, `align=`, or `text-align:` in its style."""
    if el.tag == "center":
        return "center"
    style = el.get("style")
    value = (el.get("align") or (css_declarations(style).get("text-align") if style else "") or "").lower()
    if value in ("center", "centre", "middle"):
        return "center"
    if value == "right":
        return "right"
    if value in ("left", "justify", "start"):
        return "left"
    return None


def is_ornament(text: str) -> bool:
    """A short run of marks with at most a few letters, such as `-.-FH-.-` or `~o~ER~o~`."""
    squeezed = "".join(text.split())
    if not squeezed or len(squeezed) > 30:
        return False
    letters = sum(1 for c in squeezed if c.isalpha())
    marks = sum(1 for c in squeezed if c in MARKS)
    return marks >= 2 and letters <= 4 and letters <= marks and letters + marks == len(squeezed)


class BlockReader:
    """Reads the blocks of one page.  `dropped` collects what was left out (for `inspect`)."""

    def __init__(
        self,
        base_dir: Path | None = None,
        dropped: list[str] | None = None,
        packed: dict[str, bytes] | None = None,
    ) -> None:
        self.base_dir = base_dir
        self.packed = packed or {}
        self.dropped: list[str] = dropped if dropped is not None else []
        self.sources: dict[int, etree._Element] = {}  # id(block) -> the element it came from

    def line(self, block: Block) -> int:
        """The source line a block came from (0 if unknown), for `inspect`."""
        source = self.sources.get(id(block))
        return line_of(source) if source is not None else 0

    def read(self, el: etree._Element) -> list[Block]:
        """The blocks of an element's content."""
        return self.read_many([el])

    def read_many(self, elements: list[etree._Element]) -> list[Block]:
        """The blocks of several elements' content, read as one text (one profile for the runs)."""
        raw: list[_Raw] = []
        for el in elements:
            raw.extend(self._container(el, (), alignment(el), in_paragraph=el.tag in ("p", "pre")))
        profile = _loose_profile(raw)
        return self._finish(_blank_paragraph_breaks(raw), profile)

    def _gather(self, el: etree._Element, styles: tuple[str, ...], pieces: list[Piece]) -> None:
        """Every piece of text inside an element as inline content, whatever blocks it is in."""
        flow = _Flow(None, True, el, pieces)
        if el.text:
            self._text(flow, el.text, styles, pre=False)
        for child in el:
            if isinstance(child.tag, str):
                if child.tag == "br":
                    pieces.append(Piece("", styles, brk=True))
                elif child.tag == "img":
                    alt = " ".join((child.get("alt") or "").split())
                    if alt:
                        pieces.append(Piece(alt, styles))
                else:
                    if child.tag in CONTAINERS or child.tag in HEADINGS:
                        pieces.append(Piece(" ", styles))
                    self._gather(child, styles_of(child, styles), pieces)
            if child.tail:
                self._text(flow, child.tail, styles, pre=False)

    # ---------------------------------------------------------------- the walk
    def _container(
        self, el: etree._Element, styles: tuple[str, ...], align: Align | None, in_paragraph: bool
    ) -> list[_Raw]:
        out: list[_Raw] = []
        flow = _Flow(align, in_paragraph, el)
        self._walk(el, styles, flow, out, in_paragraph, pre=el.tag == "pre")
        self._flush(flow, out)
        return out

    def _walk(
        self,
        el: etree._Element,
        styles: tuple[str, ...],
        flow: _Flow,
        out: list[_Raw],
        in_paragraph: bool,
        pre: bool,
    ) -> None:
        if el.text:
            self._text(flow, el.text, styles, pre)
        for child in el:
            if isinstance(child.tag, str):
                self._node(child, styles, flow, out, in_paragraph, pre)
            if child.tail:
                self._text(flow, child.tail, styles, pre)

    def _text(self, flow: _Flow, text: str, styles: tuple[str, ...], pre: bool) -> None:
        text = clean_text(text)
        if not pre:
            flow.pieces.append(Piece(SPACES.sub(" ", text), styles))
            return
        for i, line in enumerate(text.split("\n")):
            if i:
                flow.pieces.append(Piece("", styles, brk=True))
            if line:
                flow.pieces.append(Piece(line, styles))

    def _flush(self, flow: _Flow, out: list[_Raw]) -> None:
        if any(p.brk or p.text.strip() for p in flow.pieces):
            out.append(_Para(flow.pieces, flow.align, flow.in_paragraph, flow.source))
        flow.pieces = []

    def _node(
        self,
        el: etree._Element,
        styles: tuple[str, ...],
        flow: _Flow,
        out: list[_Raw],
        in_paragraph: bool,
        pre: bool,
    ) -> None:
        tag = str(el.tag).lower()
        if tag == "br":
            flow.pieces.append(Piece("", styles, brk=True))
        elif tag == "wbr":
            return
        elif tag == "img":
            self._image(el, styles, flow, out)
        elif tag == "hr":
            self._flush(flow, out)
            out.append(_Rule(el))
        elif tag in HEADINGS:
            self._flush(flow, out)
            pieces: list[Piece] = []
            self._gather(el, (), pieces)
            out.append(_Heading(pieces, HEADINGS[tag], el))
        elif el.get("class") and is_note_element(el):
            self._flush(flow, out)
            out.append(_Note(self._container(el, (), None, in_paragraph=False)))
        elif tag == "blockquote":
            self._flush(flow, out)
            out.append(_Quote(self._container(el, styles, alignment(el), in_paragraph=False)))
        elif tag in ("ul", "ol"):
            self._flush(flow, out)
            items = [
                self._container(li, styles, alignment(li), in_paragraph=False)
                for li in el
                if isinstance(li.tag, str)
            ]
            out.append(_List([i for i in items if i], ordered=tag == "ol"))
        elif tag in CONTAINERS:
            self._flush(flow, out)
            align = alignment(el) or flow.align
            own_styles = styles + tuple(s for s in inline_styles(el) if s not in styles)
            inside_p = tag in ("p", "pre") or in_paragraph
            found = self._container(el, own_styles, align, in_paragraph=inside_p)
            if tag == "p" and all(isinstance(i, _Para) and _blank(_text_of(i)) for i in found):
                out.append(_Blank(el))
            else:
                out.extend(found)
        else:
            self._walk(el, styles_of(el, styles), flow, out, in_paragraph, pre)

    # ---------------------------------------------------------------- images
    def _image(self, el: etree._Element, styles: tuple[str, ...], flow: _Flow, out: list[_Raw]) -> None:
        if is_divider_image(el):
            self._flush(flow, out)
            out.append(_Rule(el))
            return
        alt = alt_of(el)
        image = None if is_small(el) and alt else load_image(el, self.base_dir, self.dropped, self.packed)
        if image is None:  # an emoji drawn as a picture, or a lost image: its alt text reads the same
            if alt:
                flow.pieces.append(Piece(alt, styles))
            return
        self._flush(flow, out)
        out.append(image)

    # ---------------------------------------------------------------- finishing
    def _finish(self, raw: list[_Raw], profile: Profile) -> list[Block]:
        out: list[Block] = []
        for item in raw:
            if isinstance(item, _Para):
                for block in _split(item, IN_PARAGRAPH if item.in_paragraph else profile):
                    self.sources[id(block)] = item.source
                    out.append(block)
            elif isinstance(item, _Heading):
                inlines = build(trim([Piece(" ", p.styles) if p.brk else p for p in item.pieces]))
                if text_of_inlines(inlines).strip():
                    heading = Heading(inlines, item.level)
                    self.sources[id(heading)] = item.source
                    out.append(heading)
            elif isinstance(item, _Rule):
                rule = SceneBreak(item.marker)
                self.sources[id(rule)] = item.source
                out.append(rule)
            elif isinstance(item, _Quote):
                inner = self._finish(item.items, profile)
                if inner:
                    out.append(BlockQuote(inner))
            elif isinstance(item, _List):
                items = [self._finish(i, profile) for i in item.items]
                items = [i for i in items if i]
                if items:
                    out.append(ListBlock(items, item.ordered))
            elif isinstance(item, _Note):
                in_note: list[Block] = []
                for block in self._finish(item.items, profile):  # a note box around the note's body
                    in_note.extend(block.blocks if isinstance(block, AuthorNote) else [block])
                label = None
                first = in_note[0] if len(in_note) >= 2 else None
                if isinstance(first, Paragraph) and NOTE_CAPTION.match(text_of_inlines(first.inlines)):
                    label, in_note = " ".join(text_of_inlines(first.inlines).split()), in_note[1:]
                if in_note:
                    out.append(AuthorNote(in_note, label))
            elif not isinstance(item, _Blank):
                out.append(item)
        return out


def _text_of(para: _Para) -> str:
    return "".join(p.text for p in para.pieces)


def _blank_paragraph_breaks(raw: list[_Raw]) -> list[_Raw]:
    """Runs of empty `<p>`s between paragraphs: a run of two or more that is longer than the page's
    usual gap between paragraphs (most often none) is a scene break (an export from a word
    processor leaves the author's empty lines as empty paragraphs)."""
    if not any(isinstance(item, _Blank) for item in raw):
        return raw
    runs: Counter[int] = Counter()  # empty paragraphs between two others, zero included
    count = 0
    for item in raw:
        if isinstance(item, _Blank):
            count += 1
        else:
            runs[count] += 1
            count = 0
    usual = runs.most_common(1)[0][0]
    out: list[_Raw] = []
    run: list[_Blank] = []
    for item in raw:
        if isinstance(item, _Blank):
            run.append(item)
            continue
        if len(run) >= 2 and len(run) > usual and out:
            out.append(_Rule(run[0].source, ""))
        run = []
        out.append(item)
    return out


def _lines(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces cut at each `<br>`; a line of only spaces or a spacer (a lone `.`) is blank."""
    lines: list[list[Piece]] = [[]]
    for piece in pieces:
        if piece.brk:
            lines.append([])
        else:
            lines[-1].append(piece)
    return [[] if _blank("".join(p.text for p in line)) else line for line in lines]


def _may_divide(text: str) -> bool:
    """Cheap first look: prose (a long line with letters a divider never has) is spared `is_divider`."""
    return len(text) <= 40 or len(set(text)) <= 4 or not _PROSE_LETTER.search(text)


def _blank(text: str) -> bool:
    return not text.strip(_WHITESPACE + "\u00a0\u200b\ufeff") or is_spacer(text)


def _loose_profile(raw: list[_Raw]) -> Profile:
    """The layout of the text written as loose `<br>` runs, measured like the lines of a text file."""
    lines: list[str] = []

    def gather(items: list[_Raw]) -> None:
        for item in items:
            if isinstance(item, _Para) and not item.in_paragraph and any(p.brk for p in item.pieces):
                if lines:
                    lines.append("")
                lines.extend("".join(p.text for p in line) for line in _lines(item.pieces))
            elif isinstance(item, (_Quote, _Note)):
                gather(item.items)
            elif isinstance(item, _List):
                for entry in item.items:
                    gather(entry)

    gather(raw)
    return measure(lines) if sum(1 for line in lines if line) >= 3 else IN_PARAGRAPH


def _split(para: _Para, profile: Profile) -> list[Block]:
    """One raw paragraph as paragraphs and scene breaks, cut where its `<br>` runs say."""
    out: list[Block] = []
    current: list[Piece] = []
    blank_run = -1  # -1: no text seen yet
    for line in _lines(para.pieces):
        if not line:
            if blank_run >= 0:
                blank_run += 1
            continue
        if blank_run > 0 and profile.is_break_gap(blank_run):
            _close(current, para.align, out)
            out.append(SceneBreak(""))
            current = []
        elif blank_run > 0 or (blank_run == 0 and profile.paragraph_gap == 0 and not para.in_paragraph):
            _close(current, para.align, out)
            current = []
        elif blank_run == 0:
            current.append(Piece(" ", line[0].styles) if profile.wrapped else Piece("", (), brk=True))
        current.extend(line)
        blank_run = 0
    _close(current, para.align, out)
    return out


def _close(pieces: list[Piece], align: Align | None, out: list[Block]) -> None:
    inlines = build(trim(pieces))
    text = text_of_inlines(inlines)
    if _blank(text.replace("\n", " ")):
        return
    flat = " ".join(text.split())
    if _may_divide(flat) and (is_divider(flat) or (align == "center" and is_ornament(flat))):
        out.append(SceneBreak(flat[:40]))
        return
    out.append(Paragraph(inlines, align if align in ("center", "right") else None))
