"""Programme sessions for `records`: one slot's time printed in several zones, and a session
that lists several papers.

1. A time cell that repeats its slot's time in other zones ("9am" / "6am PDT" / "3pm CEST",
   one line each in one cell) gives one anchor, not one per zone: else each zone line is a
   record of its own and the activity cell beside it belongs to none (`zone_repeats`).
2. A timed session (a table row, a heading and its list) whose list holds two papers or more,
   each a title with its authors ("A and B. Title" on one line, or a title over a nested
   authors line), is one talk per paper; the session's own lines (its name, its chair, an
   "Opening" item) stay in the session's record, which names no speaker (`split_sessions`).
   Not when the session's own lines name a speaker (a talk whose abstract lists references)
   nor when the items give years (a reading list). An item is a list item, a row of the
   table body under the session's header row, or a paragraph of a title over its authors;
   the slot's time, alone before its papers, starts the first paper. A session that names
   nobody and lists its talks by title alone, each in a block of its own beside the
   session's name ("10:00 | Session name | <div>Title</div><div>Title</div>"), is one
   talk per block too, the slot's time on the first (`_title_blocks`).
3. A table row that prints its start and end in cells of their own gives one anchor
   (`row_times`).
"""

from __future__ import annotations

import re
from collections import defaultdict

from parsers.common.html import HtmlElement
from parsers.common.memo import page_dict
from parsers.common.people import looks_like_name, people_in, speaker_and_title, split_speakers
from parsers.common.text import clean
from parsers.common.times import find_time_range
from parsers.common.zones import find_zone
from parsers.heuristic.labels import LABELLED, label_of
from parsers.heuristic.lines import Line
from parsers.heuristic.owners import split_records

# At most this many lines repeat one time in a cell (a local time and two or three others).
MAX_ZONE_LINES = 4
# What may remain of a zone line once its time and zone are cut: brackets, dashes, "UTC+2".
_ZONE_LEFTOVER = re.compile(r"^[\s()\[\],;:/|·–—+-]*(?:[+-]?\d{1,2}(?::?\d\d)?)?[\s()\[\]]*$")
_ZONE_TOKEN = re.compile(r"\b(?:[A-Z]{2,5}|UTC|GMT)\b")


def zone_repeats(anchors: list[list[Line]]) -> list[list[Line]]:
    """Anchors minus the zone repeats of the anchor before them (module docstring, 1.):
    consecutive one-line anchors in one block, each a clock time alone, every later one with
    a zone other than the first's. Two times in one zone (or none) are two slots."""
    merged: list[list[Line]] = []
    for anchor in anchors:
        if merged and _repeats_in_zone(merged[-1], anchor):
            merged[-1] = merged[-1] + anchor
            continue
        merged.append(anchor)
    return merged


def row_times(anchors: list[list[Line]]) -> list[list[Line]]:
    """A table row that prints its slot's start and end in cells of their own ("09:15 |
    10:00 | Keynote …") gives one anchor: else each time cell is a record and the row's
    other cells belong to none. Only cells holding a time alone, in one row."""
    merged: list[list[Line]] = []
    for anchor in anchors:
        if merged and _same_row_times(merged[-1], anchor):
            merged[-1] = merged[-1] + anchor
            continue
        merged.append(anchor)
    return merged


def _same_row_times(before: list[Line], anchor: list[Line]) -> bool:
    cells = [*before, *anchor]
    if len(anchor) != 1 or len(cells) > MAX_ROW_TIMES:
        return False
    row = _row_of(cells[0])
    if row is None or any(_row_of(line) is not row for line in cells[1:]):
        return False
    return all(map(_time_alone, cells))


MAX_ROW_TIMES = 3  # start, end and perhaps a duration or a second zone


def _row_of(line: Line) -> HtmlElement | None:
    cell = line.element
    if cell.tag not in ("td", "th"):
        return None
    row = cell.getparent()
    return row if row is not None and row.tag == "tr" else None


def _repeats_in_zone(before: list[Line], anchor: list[Line]) -> bool:
    if len(anchor) != 1 or len(before) >= MAX_ZONE_LINES:
        return False
    line, first = anchor[0], before[0]
    if any(other.element is not line.element for other in before):
        return False
    if line.index - before[-1].index != 1 or not all(map(_time_alone, [*before, line])):
        return False
    zone = find_zone(line.text)
    return zone is not None and zone != find_zone(first.text)


def _time_alone(line: Line) -> bool:
    """Is the line a clock time with at most a zone ("6am PDT", "15:00 (CEST)")?"""
    text = line.text
    if len(text) > 30:
        return False
    start, _end, span = find_time_range(text)
    if start is None or span is None:
        return False
    rest = _ZONE_TOKEN.sub(" ", text[: span[0]] + " " + text[span[1] :])
    return bool(_ZONE_LEFTOVER.match(rest))


# Papers in one session: at least this many, and this share of the list's items.
MIN_PAPERS = 2
PAPER_SHARE = 0.6
MAX_ITEM_LINES = 4
MAX_ITEM_CHARS = 400
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# "Jane Doe and John Roe. Title": the authors end at the first full stop after a word of two
# letters or more (an initial's full stop, "J. Doe", does not end them).
_AUTHORS_FIRST = re.compile(r"^(?P<who>[^.:;()]{3,300}?[^\W\d_]{2})\.\s+(?P<what>\S.{2,})$")
LI_DEPTH = 8


def split_sessions(lines: list[Line], owner: dict[int, int]) -> dict[int, int]:
    """`owner` with each paper of a session given a record of its own (module docstring, 2.).
    The name of a session whose talks name nobody becomes context: left a record, it would
    read as one more untitled talk at the slot's time."""
    names: list[Line] = []
    owner = split_records(lines, owner, lambda record: _papers(record, names))
    for line in names:
        owner.pop(line.index, None)
    return owner


def _papers(record: list[Line], names: list[Line] | None = None) -> list[list[Line]]:
    """The paper items of a session record (each a list of its lines), or []."""
    if len(record) < 3:
        return []
    items = _items(record)
    by_list: dict[int, list[list[Line]]] = defaultdict(list)
    for item_element, item_lines in items:
        parent = item_element.getparent()
        by_list[id(parent)].append(item_lines)
    in_items = {line.index for _element, item_lines in items for line in item_lines}
    head = [line for line in record if line.index not in in_items]
    if not head or any(_names_someone(line.text) for line in head):
        return []
    found: list[list[Line]] = []
    for entries in by_list.values():
        papers = [entry for entry in entries if _paper(entry)]
        if len(papers) >= MIN_PAPERS and len(papers) >= PAPER_SHARE * len(entries):
            found.extend(papers)
    if not found:
        return _title_blocks(record, names if names is not None else [])
    # The slot's time alone before its papers starts the first one; the others' is not given
    lead = [line for line in head if line.index < found[0][0].index]
    if lead and all(map(_time_alone, lead)):
        found[0] = lead + found[0]
    return found


MAX_TITLE_CHARS = 250
MIN_TITLE_WORDS = 3


def _title_blocks(record: list[Line], names: list[Line]) -> list[list[Line]]:
    """The talks of a session listed by title alone (module docstring, 2.): sibling blocks of
    one tag, one line each, at least `MIN_PAPERS`, all after the session's own lines, which
    give the slot's time alone and a name besides it. Never when a line of the record names
    someone (a talk's speaker and title in two blocks are one talk) or a block is no title (a
    year, a clock time, prose of several sentences). The session's own lines other than its time
    are added to `names`."""
    if any(_names_someone(line.text) for line in record):
        return []
    per_element: dict[int, int] = defaultdict(int)
    for line in record:
        per_element[id(line.element)] += 1
    groups: dict[tuple, list[Line]] = defaultdict(list)
    for line in record:
        parent = line.element.getparent()
        if per_element[id(line.element)] == 1 and parent is not None:
            groups[(id(parent), line.element.tag)].append(line)
    for group in groups.values():
        if len(group) < MIN_PAPERS or not all(map(_title_line, group)):
            continue
        rest = [line for line in record if line not in group]
        if any(line.index > group[0].index for line in rest):
            continue
        times = [line for line in rest if _time_alone(line)]
        if not times or len(times) == len(rest):
            continue  # no slot time (a dated notice over paragraphs), or no session name
        names.extend(line for line in rest if line not in times)
        _TITLE_PAPERS.update((id(line), line) for line in group)
        return [[*times, group[0]], *([line] for line in group[1:])]
    return []


# The title lines `_title_blocks` made talks of, this page: id -> line (kept alive, so ids
# stay unique). A session's talks name nobody by design, which the judgement must not hold
# against them (`extract._judge`).
_TITLE_PAPERS: dict[int, Line] = page_dict()


def title_paper(line: Line) -> bool:
    """Is the line a talk's title listed alone in a session (`_title_blocks`)?"""
    return _TITLE_PAPERS.get(id(line)) is line


def _title_line(line: Line) -> bool:
    text = line.text
    if len(text) > MAX_TITLE_CHARS or len(text.split()) < MIN_TITLE_WORDS:
        return False
    if _YEAR.search(text) or find_time_range(text)[0] is not None:
        return False
    return not re.search(r"[.!?]\s+[A-Z].*[.!?]\s+[A-Z]", text)


def _items(record: list[Line]) -> list[tuple[HtmlElement, list[Line]]]:
    """The record's list items, outermost first: each line goes to the outermost `<li>` above
    it that does not hold the whole record (a record inside a list item is no item of its
    own)."""
    holders: dict[int, int] = defaultdict(int)
    chains: list[list[HtmlElement]] = []
    for line in record:
        chain, node = [], line.element
        for _ in range(LI_DEPTH):
            if node is None:
                break
            if node.tag == "li" or (node.tag == "tr" and _body_row(node)):
                chain.append(node)
                holders[id(node)] += 1
            node = node.getparent()
        chains.append(chain)
    items: dict[int, tuple[HtmlElement, list[Line]]] = {}
    for line, chain in zip(record, chains, strict=True):
        inner = [li for li in chain if holders[id(li)] < len(record)]
        if inner:
            top = inner[-1]
            items.setdefault(id(top), (top, []))[1].append(line)
    return list(items.values()) or _paragraph_items(record)


def _paragraph_items(record: list[Line]) -> list[tuple[HtmlElement, list[Line]]]:
    """A session that sets each paper in a paragraph of its own, its title over its authors
    with a `<br>` between ("<p>Title<br><em>A, B</em></p><p>Title<br>…</p>"): each block
    that holds two lines or more, beside another such block, is an item, as an `<li>` is."""
    blocks: dict[int, tuple[HtmlElement, list[Line]]] = {}
    for line in record:
        blocks.setdefault(id(line.element), (line.element, []))[1].append(line)
    items = [(block, held) for block, held in blocks.values() if len(held) >= 2]
    parents = defaultdict(int)
    for block, _held in items:
        parents[id(block.getparent())] += 1
    return [
        (block, held)
        for block, held in items
        if len(held) < len(record) and parents[id(block.getparent())] >= MIN_PAPERS
    ]


def _body_row(row: HtmlElement) -> bool:
    """A row of a table's body, as an item of the session whose own header row is over it
    ("<thead>10:00 | Session 1</thead><tbody><tr>Title, A and B</tr>…"); not a header row."""
    parent = row.getparent()
    return (parent is None or parent.tag != "thead") and any(cell.tag == "td" for cell in row)


def _names_someone(text: str) -> bool:
    """Does a session's own line name a speaker? A labelled role ("Chair: Jane Doe") does not."""
    labelled = LABELLED.match(text)
    if labelled and label_of(labelled.group(1)) == "ignore":
        return False
    return bool(people_in(text))


def _paper(item: list[Line]) -> bool:
    """A list item that is one paper: a title with its authors, and no year (`_papers`)."""
    if len(item) > MAX_ITEM_LINES or any(len(line.text) > MAX_ITEM_CHARS for line in item):
        return False
    if any(_YEAR.search(line.text) for line in item):
        return False
    if len(item) == 1:
        return _authors_and_title(item[0].text)
    people = [line for line in item if _authors(line.text)]
    return 1 <= len(people) < len(item) and not _authors(item[0].text)


def _authors(text: str) -> bool:
    """Is the text an author list and nothing else ("A, B and C")?"""
    if people_in(text):
        return True
    names = split_speakers(text)
    return len(names) >= 2 and all(looks_like_name(s.name) for s in names)


def _authors_and_title(text: str) -> bool:
    """One line holding a paper's authors and its title ("A and B. Title", "A: Title")."""
    shaped = _AUTHORS_FIRST.match(text)
    if shaped and _authors(shaped["who"]) and not _authors(shaped["what"]):
        return True
    title, people = speaker_and_title(text)
    return bool(people and title and len(clean(title) or "") >= 6)
