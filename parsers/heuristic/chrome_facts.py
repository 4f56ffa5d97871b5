"""The series' time when the site prints it only in its chrome: a theme's header or sidebar
says "Mondays, 4–5pm" or "Seminar every Thursday at 14:00" under the series' name, and the
talks below give a date each but no clock time. `page_lines` leaves chrome out, so
`context.series_facts` reads it here, apart.

Only a sentence counts (a weekday plural, "every …", "talks take place at …"): a bare time
in a header is a clock widget, an office hour or a news item as often as the series' time.
"""

from __future__ import annotations

from parsers.heuristic.chrome_day import CHROME_XPATH, chrome_pieces
from parsers.heuristic.lines import Line

CHROME_LINE_INDEX = -1  # read as above every line of the page: it heads the whole site


def chrome_lines(lines: list[Line]) -> list[Line]:
    """The chrome's short texts as lines of their own, numbered above the page's lines."""
    if not lines:
        return []
    root = lines[0].element.getroottree().getroot()
    pieces = chrome_pieces(root.xpath(CHROME_XPATH))
    return [
        Line(text, element, [(text, element)], index=CHROME_LINE_INDEX)
        for text, element in pieces.items()
    ]
