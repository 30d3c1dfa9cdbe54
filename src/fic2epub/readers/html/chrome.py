"""Site chrome on a page of no known layout: navigation, banners, menus, sharing and reaction bars,
post meta, and rows of links within the site ("Previous | Index | Next"); and a page that is only a
table of contents.  An element that holds most of the page's text is never chrome, whatever its name.
"""

from __future__ import annotations

import re

from lxml import etree

from ...parse.rules.byline import BYLINE
from .blocks import is_note_element
from .document import classes, drop, text_of

CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "toolbar"}
CHROME_WORDS = {
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "footer", "comments",
    "comment", "reviews", "review", "share", "social", "ads", "advert", "advertisement", "banner", "cookie",
    "cookies", "login", "signup", "pagination", "pager", "related", "widget", "toolbar", "masthead",
    "signature", "sharedaddy", "sharing", "reactions", "reactionsbar", "actionbar", "attribution", "lastedit",
    "usertitle", "userbanner", "avatar", "stats", "threadmarkheader",
}  # fmt: skip
# Whole class names of the line under a post's title and the box after it (blogs, forums): the date,
# "Posted in", "Filed under"; read for the author before they go.
CHROME_CLASSES = {
    "entry-meta", "post-meta", "postmeta", "postmetadata", "entry-footer", "post-footer", "message-user",
    "message-cell--user",
}  # fmt: skip
NAV_WORDS = re.compile(
    r"^\W*(?:next|prev(?:ious)?|back|index|home|top|contents|table of contents|chapters?(?: list)?|"
    r"author'?s? notes?|reviews?|[«»<>]+)\b",
    re.IGNORECASE,
)
NAV_SEPARATORS = re.compile(r"[\s|/•·~\-–—«»<>\[\]]+")  # "Previous | Index | Next", "<< Prev - Next >>"


def is_contents(body: etree._Element) -> bool:
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        kinds = (el.get("epub:type") or el.get("role") or "").lower().split()
        if ("toc" in kinds or "doc-toc" in kinds) and _link_share(el) >= 0.6:
            return len(text_of(el)) >= 0.6 * len(text_of(body))
    links = sum(1 for _ in body.iter("a"))
    return links >= 5 and _link_share(body) >= 0.7


def _link_share(el: etree._Element) -> float:
    total = len(text_of(el))
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return linked / total if total else 0.0


def strip_chrome(body: etree._Element) -> None:
    """Remove navigation, banners, menus and link-only paragraphs that point within the site; never an
    element that holds most of the page's text, whatever its name says."""
    total = weight(body)
    for el in list(body.iter()):
        if not isinstance(el.tag, str) or el is body or el.getparent() is None or is_note_element(el):
            continue
        names = f"{el.get('class', '')} {el.get('id', '')}".strip()
        words = set(re.split(r"[-_\s]+", names.lower())) if names else set()
        role = (el.get("role") or "").lower()
        chrome = (
            el.tag == "nav"
            or role in CHROME_ROLES
            or bool(words & CHROME_WORDS)
            or bool(classes(el) & CHROME_CLASSES)
        )
        if chrome and weight(el) >= 0.5 * total:
            continue  # the story itself, in a wrapper with an unlucky name
        if chrome or (
            el.tag in ("p", "div", "li", "span", "td") and el.find(".//a") is not None and _is_nav_link(el)
        ):
            drop(el)


def _is_nav_link(el: etree._Element) -> bool:
    """A block that is nothing but a link within the site ("Next chapter", "Back", "Author notes")."""
    text = text_of(el)
    links = list(el.iter("a"))
    if BYLINE.match(text):
        return False  # "by <a>Name</a>": the author, linked to their profile
    words = len(NAV_SEPARATORS.sub(" ", text).split())
    if (
        not text
        or not links
        or words > 8
        or sum(len(text_of(a)) for a in links) < len(_unseparated(text)) - 2
    ):
        return False
    href = links[0].get("href") or ""
    inside = not href.startswith(("http://", "https://", "mailto:")) or bool(NAV_WORDS.match(text))
    return inside


def _unseparated(text: str) -> str:
    """The text of a row of links without the bars and dashes that stand between them."""
    return NAV_SEPARATORS.sub("", text)


def weight(el: etree._Element) -> int:
    """How much text an element holds outside links."""
    return len(text_of(el)) - sum(len(text_of(a)) for a in el.iter("a"))
