"""Times, dates and page context missed on the round-5 pages, as general rules (issue 10).

Decisions these tables pin down (and why):
- A zero-padded "HH:MM" written with a colon is a clock at any hour: a list converted to a far
  time zone has talks at "04:30" or "00:00". Unpadded or dotted night numbers stay numbers
  ("3:16", "0.01", "04h30" at night), and so does a padded one that is a length or a timestamp
  ("01:23:45"), a verse range ("03:16-18"), a labelled number ("Room 02:10", "Duration 00:45"),
  or the midnight an event system writes for "no time" ("2024-05-06 00:00", "00:00-23:59").
- A date closed by a full stop before a capital ("June 18. The typology …") ends its sentence:
  the capitalised "The"/"On"/"At" after it starts the title. Without the stop, or before a
  lowercase word ("5 Mar. at 3pm"), words next to the date are still the date's.
- "campus" makes a place only in a piece of at most five words ("North Campus", "Campus de
  Luminy, Marseille"): in a longer run it is a title's word ("How campus networks fail").
- A line that is wholly links to its own page (`href="#2019"`, a table of contents) sets no
  year and no day: its last entry would date the talks printed below it without a year.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from lxml import html

from parsers.heuristic.context import in_page_link, update_context
from parsers.heuristic.lines import Line, page_lines
from parsers.heuristic.patterns import PLACE
from parsers.heuristic.reading import PageContext, clock_span, parse_line


def _line(text: str) -> Line:
    root = html.fromstring(f"<p>{text}</p>")
    return Line(text=text, element=root, fragments=[(text, None)])


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("On May 5, 04:30, Ada Lind, Knots and links", time(4, 30)),
        ("On May 6, 00:00, Ben Ortiz, Curves", time(0, 0)),
        ("Sunday 01:45 (UTC+8)", time(1, 45)),
        ("02:00-03:00 Carla Diaz", time(2, 0)),
        ("23:30 late talk", time(23, 30)),
        ("14:00 Dana Wu", time(14, 0)),
        # negative rows: numbers, lengths, labels and placeholders, not clocks
        ("John 3:16", None),
        ("Raum 0.01", None),
        ("04h30 Ada Lind", None),
        ("Video 01:23:45", None),
        ("Psalm 03:16-18", None),
        ("Room 02:10", None),
        ("Duration: 00:45", None),
        ("score 02:01", None),
        ("2024-05-06 00:00", None),
        ("00:00 - 23:59", None),
    ],
)
def test_padded_night_clock(text: str, start: time | None) -> None:
    parsed = parse_line(_line(text), PageContext("https://example.org/", None, 2024))
    assert parsed.start == start
    assert (clock_span(text) is not None) == (start is not None)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("June 18. The typology of languages", "The typology of languages"),
        ("March 14. On neural networks", "On neural networks"),
        ("May 2. At the edge of chaos", "At the edge of chaos"),
        ("Oct. 3. From atoms to stars", "From atoms to stars"),
        # negative rows: the words belong to the date or time
        ("5 Mar. at 3pm Cells and tissues", "Cells and tissues"),
        ("June 18. On Monday at 4pm", ""),
        ("June 18, the talk", "talk"),
        ("Homology. 20 junio. Ana Ruiz", "Homology. Ana Ruiz"),
    ],
)
def test_full_stop_ends_the_date(text: str, rest: str) -> None:
    assert parse_line(_line(text), PageContext("https://example.org/", None, 2019)).rest == rest


TOC_PAGE = """<html><body><main>
<ul><li><a href="#upcoming">Upcoming</a><ul>
<li><a href="#y2019">2019</a></li><li><a href="#y2015"><span>2015</span></a></li>
<li><a href="#d5">5 March 2015</a></li></ul></li></ul>
<p><a href="/archive/2014/">2014</a></p>
<p>2013</p>
<h3><a href="#y2012">2012</a></h3>
</main></body></html>"""


@pytest.mark.parametrize(
    ("text", "in_page", "year"),
    [
        ("2019", True, None),
        ("2015", True, None),
        ("5 March 2015", True, None),
        # negative rows: a link elsewhere, a plain line, a heading (a self-link): years
        ("2014", False, 2014),
        ("2013", False, 2013),
        ("2012", True, 2012),
    ],
)
def test_table_of_contents_sets_no_year(text: str, in_page: bool, year: int | None) -> None:
    line = next(line for line in page_lines(html.fromstring(TOC_PAGE)) if line.text == text)
    assert in_page_link(line) == in_page
    ctx = PageContext("https://example.org/", None, None, chrome_read=True)
    update_context(ctx, [line])
    assert ctx.year == year
    assert ctx.day is None or ctx.day != date(2015, 3, 5)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("North Campus", True),
        ("Campus de Luminy, Marseille", True),
        ("Room 12, Building B, Riverside Campus", True),
        ("Venue: Main campus", True),
        ("Hörsaal 3 (Campus Nord)", True),
        ("Campus Universitario de Santiago", True),
        # negative rows: a campus in a title's run of words
        ("Designing the Campus of the Future", False),
        ("How campus networks fail under load", False),
        ("Campus life and learning outcomes in rural schools", False),
        ("Campuses of the world", False),
    ],
)
def test_campus_names_a_place_only_in_a_short_piece(text: str, place: bool) -> None:
    assert bool(PLACE.search(text)) == place
