"""End markers: `tbc`, `To be continued`, `The End`, `Fin`, `~fin~`, `End file.`, `End of chapter`:
the author's sign-off, kept as a marker rather than as story text."""

from __future__ import annotations

import re

from ..state import State

END = re.compile(
    r"^\s*[\W_]*\s*(?:t\.?b\.?c\.?|to\s+be\s+continued|the\s+end|fin|finis|end|end\s+(?:file|of\s+(?:chapter|story|part)"
    r"(?:\s+\w+)?)|owari|終わり|完|全文完|（完）|конец)\s*[\W_]*\s*$",
    re.IGNORECASE,
)


def is_end_marker(line: str) -> bool:
    return len(line) < 60 and bool(END.match(line)) and any(c.isalpha() or ord(c) > 0x2E80 for c in line)


def end_marker(state: State) -> bool:
    if not is_end_marker(state.line):
        return False
    state.emit("end", marker=state.line.strip())
    return True
