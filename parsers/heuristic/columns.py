"""Which table column a cell is in: the header text over it ("Speaker", "Date").

A table often names its fields once, in a header row; `lines` gives each line in a `td` the
header of its column, which says what the line holds (`reading` reads it as a label).
"""

from __future__ import annotations

from parsers.common.html import HtmlElement
from parsers.common.text import clean


def column_of(block: HtmlElement, headers: dict[int, list[str]]) -> str | None:
    """The header text of a table cell's column, for `td` cells under a header row."""
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
        headers[key] = _header_row(table)
    names = headers[key]
    if not names:
        return None
    position = 0
    for cell in row:
        if cell is block:
            break
        if isinstance(cell.tag, str) and cell.tag in ("td", "th"):
            position += (
                int(cell.get("colspan") or 1) if (cell.get("colspan") or "1").isdigit() else 1
            )
    return names[position] if position < len(names) else None


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
