"""Time grids: a timetable whose rows are clock times and whose columns are days or rooms.

A row of such a grid ("<th>:20</th><td class="slot">Title<br>Speaker</td><td></td><td
class="slot">Title<br>Speaker</td>") holds one talk per filled cell: `records` climbs from
the row's time to the row and would read the cells as one talk with all their speakers.
Each filled cell after the first becomes a record of its own (the first keeps the row's
time). Only when the row is led by a time header cell and its filled cells share a class
name and hold a title and more each: a talk table's row (date, speaker, title cells) is led
by no time header and its cells are classed apart, if at all.
"""

from __future__ import annotations

import re
from collections import defaultdict

from parsers.heuristic.lines import Line
from parsers.heuristic.owners import split_records

# A grid row's header: a clock time ("9:00", "14:30") or its minutes only (":20").
ROW_TIME = re.compile(r"^\s*(?:\d{1,2})?:[0-5]\d\s*$")
MIN_CELL_LINES = 2
CELL_DEPTH = 6


def grid_cells(lines: list[Line], owner: dict[int, int]) -> dict[int, int]:
    """`owner` with each filled cell of a time-grid row after the first a record of its own."""
    return split_records(lines, owner, _extra_cells)


def _extra_cells(record: list[Line]) -> list[list[Line]]:
    """The lines of each filled cell of a time-grid row after the first, or []."""
    row = record[0].element if record[0].element.tag == "tr" else record[0].element.getparent()
    if row is None or row.tag != "tr" or not _time_header(row):
        return []
    by_cell: dict[int, list[Line]] = defaultdict(list)
    cells = {}
    for line in record:
        cell = _cell_of(line, row)
        if cell is None:
            return []  # a line outside the row: not one grid row's record
        if cell.tag == "td":
            by_cell[id(cell)].append(line)
            cells[id(cell)] = cell
    filled = [key for key, cell_lines in by_cell.items() if len(cell_lines) >= MIN_CELL_LINES]
    if len(filled) < 2:
        return []
    if not set.intersection(*[set((cells[key].get("class") or "").split()) for key in filled]):
        return []
    return [by_cell[key] for key in filled[1:]]


def _time_header(row) -> bool:
    first = next((cell for cell in row if isinstance(cell.tag, str)), None)
    return first is not None and first.tag == "th" and bool(ROW_TIME.match(first.text_content()))


def _cell_of(line: Line, row):
    node = line.element
    for _ in range(CELL_DEPTH):
        if node is None:
            return None
        parent = node.getparent()
        if parent is row:
            return node
        node = parent
    return None
