"""A timed session whose talks are headings: one record per title heading over its names.

Programme blocks often print a slot's time, the session's heading, then each talk as a
heading for its title over a smaller heading (or the next line) for its authors, with an
optional paragraph after ("<p>14:00 – 14:40</p><h3>Short talks – Chair Jane Roe</h3>
<h4>Title one</h4><h5>Ann Lee, Bo Chan</h5><p>Teaser…</p><h4>Title two</h4><h5>…</h5>").
`records` climbs from the time to the block and reads it as one talk with every author;
`sessions` splits papers given as list items, rows or paragraphs, not headings. Here each
title heading with the people line right under it starts a record of its own, up to the
next such title or a heading of its level or above; the session's own lines (its time, its
heading, its chair) stay in the session's record. Only with `MIN_PAPERS` such titles at
one heading level (then a title shaped like theirs counts too), never in a poster section
(its entries are no talks: `headings`), and never for a label heading ("Speaker").
"""

from __future__ import annotations

from parsers.common.people import people_in
from parsers.heuristic.headings import POSTER_HEADING
from parsers.heuristic.labels import label_of
from parsers.heuristic.lines import Line
from parsers.heuristic.owners import split_records

MIN_PAPERS = 2
MAX_NAMES_CHARS = 200  # a people line is short: an author list, not a paragraph
MAX_LABEL_WORDS = 3  # "Speaker", "Date and place": a label; a longer heading is a title


def split_heading_papers(lines: list[Line], owner: dict[int, int]) -> dict[int, int]:
    """`owner` with each titled paper of a heading-led session a record of its own."""
    return split_records(lines, owner, _papers)


def _papers(record: list[Line]) -> list[list[Line]]:
    """The papers of one record (module docstring), or [] when it is not such a session."""
    if any(line.heading and POSTER_HEADING.match(line.text) for line in record):
        return []
    starts = [k for k in range(len(record) - 1) if _title_over_names(record[k], record[k + 1])]
    if len(starts) < MIN_PAPERS or len({record[k].heading for k in starts}) != 1:
        return []
    level = record[starts[0]].heading
    starts = _like_starts(record, starts)
    papers = []
    for n, k in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(record)
        paper = [record[k]]
        for line in record[k + 1 : end]:
            if line.heading and line.heading <= level:
                break  # the next section's heading, not this paper's
            paper.append(line)
        papers.append(paper)
    return papers


def _like_starts(record: list[Line], starts: list[int]) -> list[int]:
    """`starts` plus the title headings shaped like them (the same heading level over a
    names heading of the same level as theirs) whose names `people_in` could not read
    (an unusual given name): the session's repeated structure vouches for them."""
    level = record[starts[0]].heading
    names = {record[k + 1].heading for k in starts}
    if len(names) != 1 or not next(iter(names)):
        return starts  # plain people lines: nothing but `people_in` tells them apart
    below = next(iter(names))
    like = [
        k
        for k in range(len(record) - 1)
        if record[k].heading == level
        and record[k + 1].heading == below
        and record[k + 1].index == record[k].index + 1
        and len(record[k + 1].text) <= MAX_NAMES_CHARS
    ]
    return sorted(set(starts) | set(like))


def _title_over_names(title: Line, names: Line) -> bool:
    """Is `title` a heading naming nobody, right over a line that only names people (a
    deeper heading, or a plain line: "<h4>Title</h4><p>Ann Lee</p>")? Not a label heading:
    a card's "Speaker" heading over the name is one talk's field."""
    if not title.heading or names.index != title.index + 1 or people_in(title.text):
        return False
    if label_of(title.text) and len(title.text.split()) <= MAX_LABEL_WORDS:
        return False  # a field's label over its value ("<h4>Authors</h4><p>Ann Lee</p>")
    if names.heading and names.heading <= title.heading:
        return False
    return len(names.text) <= MAX_NAMES_CHARS and bool(people_in(names.text))
