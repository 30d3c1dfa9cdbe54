"""An HTML page as an lxml tree, and the small questions every layout asks of it.

lxml's HTML parser (libxml2) reads whatever a browser saved: XHTML, tag soup, fragments without
`<html>`, uppercase Word markup.  Comments and processing instructions are left out when parsing;
scripts, styles, forms and other things that are never story text are removed right after.
"""

from __future__ import annotations

import re

from lxml import etree

from ...decode import clean_text

# Never story text, wherever they stand.
_NEVER_TEXT = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "iframe",
    "object",
    "embed",
    "canvas",
    "svg",
    "math",
    "map",
    "audio",
    "video",
    "source",
    "track",
    "link",
    "meta",
    "base",
)
# Elements whose edges separate words (the rest join the text around them, as `<span>H</span>arry`).
_SPACED = {
    "br", "p", "div", "li", "dd", "dt", "td", "th", "tr", "blockquote", "section", "article", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "hr", "pre", "center", "header", "footer",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\n\r\f]+")
MAX_DEPTH = 64
# lxml's plain HTML parser: lxml.html's element classes cost a lookup per element and are not needed.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, no_network=True)


def _without_xml_declaration(text: str) -> str:
    """libxml2 refuses a decoded string that still declares its encoding."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<?xml"):
        end = stripped.find("?>")
        if end != -1:
            return stripped[end + 2 :]
    return text


def parse_html(text: str) -> etree._Element:
    """The page's tree: always an `<html>` root with a `<body>`, whatever the input looked like.

    The text is cleaned first (`clean_text`): libxml2 silently drops the rest of a page after a lone
    surrogate, and text handed in by a caller has not been through `decode`."""
    root = etree.fromstring(_without_xml_declaration(clean_text(text)), _PARSER)
    if root is None:
        raise ValueError("the page is empty")
    if root.find("body") is None:
        etree.SubElement(root, "body")
    _limit_depth(root)
    return root


def _limit_depth(root: etree._Element) -> None:
    """Flatten what is nested deeper than MAX_DEPTH into its ancestor at that depth, text kept: no real
    page comes near it, and the readers walk the tree recursively."""
    depth = 0
    deepest: list[etree._Element] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth == MAX_DEPTH:
                deepest.append(el)
        else:
            depth -= 1
    for el in deepest:
        etree.strip_tags(el, "*")


def page_title(root: etree._Element) -> str | None:
    """The text of the page's `<title>`, read before the head is cleaned away."""
    for title in root.iter("title"):
        return text_of(title) or None
    return None


# What a class rule of the page's own stylesheet may say about text, copied onto the elements it names:
# exports (Google Docs "Download as HTML", some editors) set italics and centring only through classes.
_CLASS_PROPERTIES = ("font-style", "font-weight", "text-decoration", "text-decoration-line", "text-align",
                     "font-variant", "vertical-align")  # fmt: skip
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?\.([\w-]+)$", re.IGNORECASE)


def inline_class_styles(root: etree._Element) -> None:
    """Apply the page's `<style>` rules for single classes (`.c1`, `p.c4`) as inline styles, under any
    style the element has itself.  Rules inside `@media` blocks and rules with any other selector are
    left alone: they say how a screen shows the page, not how its text is set."""
    rules: dict[tuple[str, str], str] = {}  # (tag or "", class) -> declarations
    for style in root.iter("style"):
        css = "".join(str(t) for t in style.itertext())
        depth = 0
        for chunk in css.split("}"):  # one split: linear in the stylesheet
            selector, brace, body = chunk.rpartition("{")
            if not brace:
                depth = max(depth - 1, 0)
                continue
            if "{" in selector or selector.lstrip().startswith("@"):
                depth += 1  # an @media block opens: its rules are skipped until it closes
                continue
            if depth:
                if not selector.strip() and not body.strip():
                    depth -= 1
                continue
            wanted = "; ".join(
                f"{k}: {v}" for k, v in css_declarations(body).items() if k in _CLASS_PROPERTIES
            )
            if not wanted:
                continue
            for one in selector.split(","):
                m = _SIMPLE_SELECTOR.match(one.strip())
                if m:
                    key = ((m.group(1) or "").lower(), m.group(2).lower())
                    rules[key] = f"{rules[key]}; {wanted}" if key in rules else wanted
    if not rules:
        return
    for el in root.iter():
        if not isinstance(el.tag, str) or not el.get("class"):
            continue
        tag = el.tag.lower()
        found = [rules.get(("", c)) or rules.get((tag, c)) for c in classes(el)]
        given = [f for f in found if f]
        if given:
            own = el.get("style")
            el.set("style", "; ".join(given + ([own] if own else [])))


def strip_non_text(root: etree._Element) -> None:
    """Remove what is never story text: scripts, styles, forms, media, hidden elements."""
    etree.strip_elements(root, *_NEVER_TEXT, with_tail=False)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        style = el.get("style")
        if el.get("hidden") is not None or (style and _hidden_by_style(style)):
            drop(el)


def _hidden_by_style(style: str) -> bool:
    decls = css_declarations(style)
    return decls.get("display") == "none" or decls.get("visibility") == "hidden"


def css_declarations(style: str) -> dict[str, str]:
    """An inline `style` attribute as property -> value, lowercased."""
    out: dict[str, str] = {}
    for decl in style.split(";"):
        name, sep, value = decl.partition(":")
        if sep:
            out[name.strip().lower()] = value.strip().lower().replace("!important", "").strip()
    return out


def drop(el: etree._Element) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def classes(el: etree._Element) -> set[str]:
    """The element's class names, lowercased."""
    value = el.get("class")
    return set(value.lower().split()) if value else set()


def text_of(el: etree._Element) -> str:
    """All the text inside an element, whitespace squashed as a browser shows it: a line break or the
    edge of a block is a space."""
    parts: list[str] = []
    _gather_text(el, parts)
    return squash("".join(parts))


def _gather_text(el: etree._Element, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            if child.tag in _SPACED:
                parts.append(" ")
            _gather_text(child, parts)
            if child.tag in _SPACED:
                parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def line_of(el: etree._Element) -> int:
    """The line of the source the element starts on (0 when lxml does not know)."""
    line = getattr(el, "sourceline", None)
    return line if isinstance(line, int) else 0


def squash(text: str) -> str:
    """Whitespace runs as one space, ends trimmed, characters XML forbids removed."""
    return _SPACE.sub(" ", clean_text(text)).strip()


def find_id(root: etree._Element, value: str) -> etree._Element | None:
    """The first element with this id."""
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("id") == value:
            return el
    return None


def find_class(root: etree._Element, *names: str, tag: str | None = None) -> list[etree._Element]:
    """Elements (of `tag`, if given) whose class list holds every one of `names`."""
    wanted = {n.lower() for n in names}
    found = []
    for el in root.iter(tag) if tag else root.iter():
        if isinstance(el.tag, str) and wanted <= classes(el):
            found.append(el)
    return found
