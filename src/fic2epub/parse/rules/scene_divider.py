"""Scene dividers: a line made only of divider marks (`*`, `-`, `~`, `=`, `_`, `#`, `+`, `•`, `◊`, `⁂`,
`§`, ...), letter patterns such as `oOo`, `xXx`, `-o-o-`, and text markers (`[scene break]`,
`Line break`, `* POV change *`, `<hr>`).  A line that is only a number is never a divider.
"""

from __future__ import annotations

import re

from ..state import State

MARKS = set("*-~=_#+•·◊⁂§°※○●◦◇◆□■▪▫☆★♦♥♠♣✿❀❁❖✦✧⋆∞^|/\\<>:.")
_LETTER_PATTERN = re.compile(r"^(?:[oO0]+|[xX]+)$")
_TEXT_MARKER = re.compile(
    r"^\s*[\W_]*\s*(?:scene\s*(?:break|change)|line\s*break|page\s*break|break|time\s*skip|pov(?:\s*(?:change|switch|shift))?"
    r"|change\s+of\s+(?:scene|pov)|flashback(?:\s+end)?|end\s+flashback|<hr\s*/?>)\s*[\W_]*\s*$",
    re.IGNORECASE,
)


def is_divider(line: str) -> bool:
    """Whether a line is only a scene divider."""
    text = line.strip()
    if not text or (len(text) > 400 and len(set(text.replace(" ", ""))) > 4):
        return False
    squeezed = text.replace(" ", "").replace("\u00a0", "")
    if squeezed.isdigit():
        return False
    if squeezed in (".", "_"):
        return False  # a lone full stop or underscore is a spacer, not a break
    if _TEXT_MARKER.match(text):
        return True
    letters = [c for c in squeezed if c.isalpha()]
    marks = [c for c in squeezed if c in MARKS]
    if len(letters) + len(marks) != len(squeezed):
        return False
    if not letters:
        return squeezed.strip(".:") != "" and not set(squeezed) <= set(".:")
    if not _LETTER_PATTERN.match("".join(letters)):
        return False
    word = "".join(letters)
    if marks:
        return True  # -o-o-, ~x~, +o+
    # oOo, OoO, xXx: mixed case or a long run; "xxx" (kisses) and "oo" stay text
    return (word != word.lower() and word != word.upper()) or (len(word) >= 5 and len(set(word)) == 1)


def scene_divider(state: State) -> bool:
    if not is_divider(state.line):
        return False
    state.emit("divider", marker=state.line.strip()[:40])
    return True
