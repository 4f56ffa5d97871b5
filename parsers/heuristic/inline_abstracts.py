"""Long entries whose abstract is set inline: the entry's head and its abstract as two lines.

Why: a line longer than `LONG_LINE` is read as a paragraph (no anchor, no date, no fields),
which is right for prose but loses an entry whose abstract sits in an inline element of the
entry's own block: "<td><b>Title</b>. <em>Event</em>, City. 7 May 2025. <span>We show
that …</span></td>" (a `<span>`, an `<em>`, an element the browser does not know). Its head
is the talk's entry and its tail the abstract, so the line is cut in two before anything
reads it; shorter lines are left as they are (their readings already see the whole entry).
"""

from __future__ import annotations

from dataclasses import replace

from parsers.common.text import clean
from parsers.heuristic.lines import Line

# A line longer than this is read as prose by the anchors and the fields (their own bound);
# an inline fragment at least `ABSTRACT_CHARS` long is a paragraph set inline.
LONG_LINE = 400
ABSTRACT_CHARS = 200


def split_inline_abstracts(lines: list[Line]) -> list[Line]:
    """`lines` with each long line whose head is a short entry followed by an inline
    paragraph (`_cut`) made two lines, the head then the rest; indexes renumbered."""
    if not any(len(line.text) > LONG_LINE for line in lines):
        return lines
    out: list[Line] = []
    for line in lines:
        out.extend(_cut(line) if len(line.text) > LONG_LINE else (line,))
    if len(out) == len(lines):
        return lines
    return [replace(line, index=k) if line.index != k else line for k, line in enumerate(out)]


def _cut(line: Line) -> tuple[Line, ...]:
    """The line's head and tail, cut before its first long inline fragment, when the head
    is a short entry (at most `LONG_LINE` characters, several words); else the line."""
    for k, (text, element) in enumerate(line.fragments):
        if element is None or len(clean(text) or "") < ABSTRACT_CHARS:
            continue
        head, tail = line.fragments[:k], line.fragments[k:]
        head_text = clean("".join(t for t, _ in head)) or ""
        if len(head_text) > LONG_LINE or len(head_text.split()) < 3:
            return (line,)
        tail_text = clean("".join(t for t, _ in tail)) or ""
        return (
            replace(line, text=head_text, fragments=head),
            replace(line, text=tail_text, fragments=tail, gap=False),
        )
    return (line,)
