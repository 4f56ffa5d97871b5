"""Which table column a cell is in: the header text over it ("Speaker", "Date").

A table often names its fields once, in a header row; `lines` gives each line in a `td` the
header of its column, which says what the line holds (`reading` reads it as a label).

A cell's column is its place in the table's grid, not in its row: a cell spanning several
rows ("Morning" down the first column of an agenda, a time shared by parallel rows) takes
that column in every row it covers, so the cells of those rows sit one column further right
than their place in the row says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.common.html import HtmlElement
from parsers.common.text import clean

MAX_SPAN = 100  # a larger rowspan/colspan is a typo ("rowspan=1000"), read as the cap
MAX_GRID_ROWS = 2000  # rows placed per table; cells further down keep their place in the row


@dataclass
class Table:
    """A table's header names, and where each cell of its body sits in its grid."""

    names: list[str]
    # id(cell) -> (cell, column); the cell is kept so that its id stays its own
    places: dict[int, tuple[HtmlElement, int]] = field(default_factory=dict)


def column_of(block: HtmlElement, headers: dict[int, Table]) -> str | None:
    """The header text of a table cell's column, for `td` cells under a header row.
    `headers`: the tables read so far on this page (filled here)."""
    if block.tag != "td":
        return None
    row = block.getparent()
    table = row
    while table is not None and table.tag != "table":
        table = table.getparent()
    if table is None:
        return None
    key = id(table)
    if key not in headers:
        names = _header_row(table)
        headers[key] = Table(names, _grid(table) if names else {})
    known = headers[key]
    if not known.names:
        return None
    placed = known.places.get(id(block))
    position = placed[1] if placed and placed[0] is block else _row_position(row, block)
    return known.names[position] if position < len(known.names) else None


def _span(cell: HtmlElement, attribute: str) -> int:
    value = (cell.get(attribute) or "1").strip()
    return min(int(value), MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def _row_position(row: HtmlElement, block: HtmlElement) -> int:
    """The cell's column counted in its own row only (colspans included)."""
    position = 0
    for cell in row:
        if cell is block:
            break
        if isinstance(cell.tag, str) and cell.tag in ("td", "th"):
            position += _span(cell, "colspan")
    return position


def _rows(table: HtmlElement) -> list[HtmlElement]:
    """The table's own rows (not those of a table nested in one of its cells)."""
    rows = []
    for row in table.iter("tr"):
        owner = row.getparent()
        while owner is not None and owner.tag != "table":
            owner = owner.getparent()
        if owner is table:
            rows.append(row)
            if len(rows) >= MAX_GRID_ROWS:
                break
    return rows


def _grid(table: HtmlElement) -> dict[int, tuple[HtmlElement, int]]:
    """Each cell's column in the table's grid: cells spanning rows take their column in the
    rows below them (the usual HTML table layout)."""
    places: dict[int, tuple[HtmlElement, int]] = {}
    covered: dict[int, set[int]] = {}  # row number -> columns taken by cells from above
    for number, row in enumerate(_rows(table)):
        taken = covered.pop(number, set())
        column = 0
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while column in taken:
                column += 1
            places[id(cell)] = (cell, column)
            width, height = _span(cell, "colspan"), _span(cell, "rowspan")
            for below in range(number + 1, number + height):
                covered.setdefault(below, set()).update(range(column, column + width))
            column += width
    return places


def _header_row(table: HtmlElement) -> list[str]:
    for row in table.iter("tr"):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if cells and all(c.tag == "th" for c in cells):
            if len(cells) == 1 and (cells[0].get("colspan") or "1") != "1":
                return []  # one cell across the table ("Thursday 13 June"): a section's head
            names = []
            for cell in cells:
                span = cell.get("colspan") or "1"
                count = int(span) if span.isdigit() and int(span) < 20 else 1
                names.extend([(clean(cell.text_content()) or "").lower()] * count)
            return names
        return []
    return []
