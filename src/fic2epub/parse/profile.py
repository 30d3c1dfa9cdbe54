"""Per-file layout: how this file separates paragraphs, and whether its lines are hard-wrapped.

Authors differ: one blank line between paragraphs, two, or none; text wrapped at
~70 columns or one line per paragraph.  A run of blank lines is a scene break only
when it is clearly longer than the file's own paragraph gap, so the gap is measured per file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

_INDENTS = (" ", "\t", "\u3000")


@dataclass
class Profile:
    """What the file's layout looks like."""

    paragraph_gap: int = 1
    wrapped: bool = False
    wrap_width: int = 0
    indented: bool = False
    long_line: int = 80

    def is_break_gap(self, blank_lines: int) -> bool:
        """Whether a run of this many blank lines may separate scenes rather than paragraphs (the
        assembler also weighs the runs that stand before headings)."""
        return blank_lines > self.paragraph_gap


def measure(lines: list[str]) -> Profile:
    """Measure the layout of a file from its lines."""
    lengths: list[int] = []
    runs: list[int] = []  # of blank lines between two lines of text
    indented_lines = 0
    run = 0
    seen = False
    for line in lines:  # one pass: a novel has a hundred thousand lines
        if line and not line.isspace():
            lengths.append(len(line.rstrip()))
            if line[0] in _INDENTS:
                indented_lines += 1
            if seen:
                runs.append(run)
            seen, run = True, 0
        else:
            run += 1
    if not lengths:
        return Profile()
    gaps = Counter(runs)
    ordered = sorted(lengths)
    p95 = ordered[int(len(ordered) * 0.95) - 1] if len(ordered) > 20 else ordered[-1]
    median = ordered[len(ordered) // 2]
    near_width = sum(1 for n in lengths if p95 * 0.6 <= n <= p95) / len(lengths)
    wrapped = 50 <= p95 <= 100 and near_width >= 0.5 and gaps[0] > sum(gaps.values()) * 0.4
    indented = indented_lines > 0.05 * len(lengths) and gaps[0] > sum(gaps.values()) * 0.5
    nonzero = Counter({gap: n for gap, n in gaps.items() if gap > 0})
    usual_gap = nonzero.most_common(1)[0][0] if nonzero else 1
    if wrapped:
        # lines touch inside paragraphs; paragraphs are set off by blank lines, or only by indentation
        gap = 0 if indented and sum(nonzero.values()) < indented_lines * 0.2 else usual_gap
    elif gaps[0] > sum(nonzero.values()) and median > 40:
        gap = 0  # one line per paragraph and no blank lines between them
    else:
        gap = usual_gap
    return Profile(
        paragraph_gap=gap, wrapped=wrapped, wrap_width=p95, indented=indented, long_line=max(p95, 1)
    )
