"""Covers: one drawn from the story's title, authors and fandom, or the reader's own image made fit for
e-readers.

A drawn cover is the same for the same story: its colours and its pattern come from a hash of the title
and the authors, text is set with Pillow's basic layout engine (so it does not matter whether a machine has
libraqm), and the JPEG is written with fixed settings and no metadata.  The same inputs give byte-identical
JPEGs on any machine with the same Pillow.

Fonts ship in fic2epub/fonts (covers/README.md says where they come from): Noto Serif Display for Latin,
Greek and Cyrillic, DejaVu Serif and a DejaVu Sans symbol subset behind it, and a subset of Noto Serif CJK
for Chinese, Japanese and Korean (`fonts`).

The modules, in the order a cover is made: `fonts` (which font draws each character), `lines` (where lines
may break), `blocks` and `fit` (text set as large as its box allows), `layout` (where everything goes,
without drawing, so the tests can check where every piece of text lands), `colours`, `patterns`,
`drawing` (the picture) and `jpeg` (the file); `user` makes the reader's own image fit for a book.
"""

from .colours import Palette, contrast, palette
from .drawing import MIN_SIZE, generate_cover
from .fonts import bundled_font, font_coverage
from .layout import SIZE, CoverLayout, layout
from .user import prepare_user_cover

__all__ = [
    "MIN_SIZE",
    "SIZE",
    "CoverLayout",
    "Palette",
    "bundled_font",
    "contrast",
    "font_coverage",
    "generate_cover",
    "layout",
    "palette",
    "prepare_user_cover",
]
