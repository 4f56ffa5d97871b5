"""Dates and times missed on the round-7 pages, as general rules.

Decisions these tables pin down (and why):
- A month with a two-digit year behind an apostrophe ("Mar '18", "Sept ’17") dates a talk by
  month only, as "March 2018" does: personal talk lists write "[Mon 'YY | venue]". Without
  the apostrophe ("May 18") the number is a day, and a lowercase "may" is a verb.
- A slot (a clock time, no date) in a programme section that prints no day takes the day of
  the overview row that links to the section ("Tuesday (9 July)" above "<a href='#s2'>Session
  2</a>"); a section linked from two days, a link inside its own section, one dated link
  alone, or links in the chrome give none, and a long talk row is no day row.
- A timetable with start and end in columns of their own ("12:45" | "1:45") is a 12-hour
  page once its start cells reach noon and start over at 1-6: "3:30" is 15:30. Not on a
  page with a cell at 13-23, and a bare "1:30" outside a table cell is no slot.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from lxml import html

from parsers.chain import parse_document
from parsers.common import memo
from parsers.heuristic.lines import Line
from parsers.heuristic.linked_days import section_day
from parsers.heuristic.months import month_only, without_month
from parsers.heuristic.programme import twelve_hour_page
from parsers.heuristic.reading import PageContext, parse_line
from tests.heuristic_support import page_lines_of


def _line(text: str) -> Line:
    root = html.fromstring(f"<p>{text}</p>")
    return Line(text=text, element=root, fragments=[(text, None)])


# --------------------------------------------------------------------------- month and 'YY

SHORT_YEAR_MONTHS = ["[Mar '18 | Lab talk series]", "Sept ’17", "(June '16)", "Oct. '09 — Rome"]
NOT_SHORT_YEAR_MONTHS = [
    "Mar 18 | Lab talk series",  # no apostrophe: a day with no year
    "may '18 be the year",  # a lowercase verb
    "Rock 'n' roll '18",  # no month
    "Mar '185",  # no two-digit year
]


@pytest.mark.parametrize("text", SHORT_YEAR_MONTHS)
def test_month_with_short_year_dates_by_month(text: str) -> None:
    assert month_only(_line(text))


@pytest.mark.parametrize("text", NOT_SHORT_YEAR_MONTHS)
def test_no_month_with_short_year(text: str) -> None:
    assert not month_only(_line(text))


def test_short_year_month_is_cut_from_a_title() -> None:
    assert without_month("Sparse graphs and friends [Mar '18]") == "Sparse graphs and friends"
    assert without_month("Rock 'n' roll forever") == "Rock 'n' roll forever"


SHORT_YEAR_LIST = """<html><head><title>Talks</title></head><body><h1>Talks</h1>
<div class="pager">
Sparse graphs and random walks. <br> [Mar '18 | Lab talk series]<br/><br/>
Towards faster graph colouring.<br> [Sept '17 | Lyon, group meeting]<br/><br/>
Expanders for everyone.<br>[June '17 | Summer School on Graphs]<br/><br/>
Cuts and flows revisited.<br>[May '16 | Reading group]<br/><br/>
</div></body></html>"""


def test_a_list_dated_by_month_and_short_year_gives_its_talks() -> None:
    result = parse_document(SHORT_YEAR_LIST, "https://ada.example.org/pages/talks.html")
    assert len(result.talks) == 4
    assert all(talk.starts_at is None for talk in result.talks)


# --------------------------------------------------------------------------- linked sections

OVERVIEW = """<html><head><title>Programme</title></head><body>
<h2>Programme of the Example Workshop 2024</h2>
<table><tr><th>Day</th><th>Time</th><th>Content</th></tr>
<tr><th>Monday (8 July)</th></tr>
<tr><td></td><td>14:00-15:00</td><td><a href='#s1'>Session 1</a></td></tr>
<tr><th>Tuesday (9 July)</th></tr>
<tr><td></td><td>09:00-10:00</td><td><a href='#s2'>Session 2</a></td></tr>
<tr><td></td><td>10:00-11:00</td><td><a href='#s3'>Session 3</a></td></tr>
<tr><th>Wednesday (10 July)</th></tr>
<tr><td></td><td>09:00-10:00</td><td><a href='#s4'>Session 4</a></td></tr>
</table>
<section id='s1'><h4>Session 1</h4><ul>
<li><span>14:00-14:30</span>, Ada Lindgren<br><a class='talk'>Sparse graphs and walks</a></li>
<li><span>14:30-15:00</span>, Bruno Keller<br><a class='talk'>Colouring dense graphs</a></li>
</ul></section>
<section id='s2'><h4>Session 2</h4><ul>
<li><span>9:00-9:30</span>, Carla Mendes<br><a class='talk'>Expanders for everyone</a></li>
</ul></section>
<section id='s3'><h4>Session 3</h4><ul>
<li><span>10:00-10:30</span>, Dario Fontana<br><a class='talk'>Cuts and flows again</a></li>
</ul></section>
<section id='s4'><h4>Session 4</h4><ul>
<li><span>9:00-9:30</span>, Eva Novak<br><a class='talk'>Matchings in practice</a></li>
</ul></section></body></html>"""


def test_sections_take_the_day_of_the_overview_row_linking_them() -> None:
    result = parse_document(OVERVIEW, "https://workshop.example.org/program.html")
    got = {talk.title: (talk.starts_at or "")[:16] for talk in result.talks}
    assert got == {
        "Sparse graphs and walks": "2024-07-08T14:00",
        "Colouring dense graphs": "2024-07-08T14:30",
        "Expanders for everyone": "2024-07-09T09:00",
        "Cuts and flows again": "2024-07-09T10:00",
        "Matchings in practice": "2024-07-10T09:00",
    }


def _section_day(overview: str, sections: str = "") -> date | None:
    """The day the slot line "10:00 First talk" gets from the sections' overview."""
    memo.new_page()
    sections = sections or (
        "<div id='a'><h3>Part A</h3><p>10:00 First talk</p></div>"
        "<div id='b'><h3>Part B</h3><p>11:00 Second talk</p></div>"
    )
    lines = page_lines_of(overview + sections)
    line = next(line for line in lines if line.text == "10:00 First talk")
    return section_day(line, 2024)


LINKED = [
    # a day row, then the links' rows
    (
        "<table><tr><th>Tuesday 9 July</th></tr><tr><td><a href='#a'>Part A</a></td></tr>"
        "<tr><td><a href='#b'>Part B</a></td></tr></table>",
        date(2024, 7, 9),
    ),
    # the link's own row gives its date
    (
        "<table><tr><td>9 July</td><td><a href='#a'>Part A</a></td></tr>"
        "<tr><td>10 July</td><td><a href='#b'>Part B</a></td></tr></table>",
        date(2024, 7, 9),
    ),
    # nested lists: the day item holds the sessions' list
    (
        "<ul><li>Tuesday, 9 July<ul><li><a href='#a'>Part A</a></li>"
        "<li><a href='#b'>Part B</a></li></ul></li></ul>",
        date(2024, 7, 9),
    ),
]
NOT_LINKED = [
    # linked from two days
    "<table><tr><th>8 July</th></tr><tr><td><a href='#a'>Part A</a></td></tr>"
    "<tr><th>9 July</th></tr><tr><td><a href='#a'>Part A again</a></td></tr>"
    "<tr><td><a href='#b'>Part B</a></td></tr></table>",
    # the row above is a talk with a long title, no day row
    "<table><tr><td>8 July: Jane Doe, On the theory of very long titles of talks</td></tr>"
    "<tr><td><a href='#a'>Part A</a></td></tr><tr><td><a href='#b'>Part B</a></td></tr></table>",
    # a table of contents with no day
    "<ul><li><a href='#a'>Part A</a></li><li><a href='#b'>Part B</a></li></ul>",
    # one dated link only: no overview
    "<ul><li>8 July: <a href='#a'>Part A</a></li></ul>",
    # the day rows are in the chrome
    "<nav><ul><li>8 July<ul><li><a href='#a'>Part A</a></li><li><a href='#b'>Part B</a>"
    "</li></ul></li></ul></nav>",
]


@pytest.mark.parametrize(("overview", "want"), LINKED)
def test_linked_section_day(overview: str, want: date) -> None:
    assert _section_day(overview) == want


@pytest.mark.parametrize("overview", NOT_LINKED)
def test_no_linked_section_day(overview: str) -> None:
    assert _section_day(overview) is None


def test_a_section_holding_its_own_link_is_not_dated() -> None:
    overview = (
        "<table><tr><th>8 July</th></tr><tr><td><a href='#b'>Part B</a></td></tr>"
        "<tr><td><a href='#c'>Part C</a></td></tr></table>"
    )
    sections = (
        "<div id='a'><table><tr><th>8 July</th></tr><tr><td><a href='#a'>Top</a></td></tr>"
        "</table><p>10:00 First talk</p></div><div id='b'><p>11:00 Second talk</p></div>"
        "<div id='c'><p>12:00 Third talk</p></div>"
    )
    assert _section_day(overview, sections) is None


# --------------------------------------------------------------------------- start/end columns

ROWS = [
    ("09:00", "10:00"),
    ("11:45", "12:45"),
    ("12:45", "1:45"),
    ("1:45", "3:30"),
    ("3:30", "4:15"),
]


def _timetable(rows: list[tuple[str, str]], wanted: str, cells: bool = True) -> Line:
    memo.new_page()
    if cells:
        body = (
            "<table>"
            + "".join(f"<tr><td>{a}</td><td>{b}</td><td>Item</td></tr>" for a, b in rows)
            + "</table>"
        )
    else:
        body = "".join(f"<p>{a}</p><p>Item</p>" for a, _b in rows)
    root = html.fromstring(f"<html><body>{body}</body></html>")
    element = next(e for e in root.iter("td", "p") if (e.text or "").strip() == wanted)
    return Line(text=wanted, element=element, fragments=[(wanted, None)], index=1)


def test_start_cells_after_noon_are_afternoon() -> None:
    line = _timetable(ROWS, "3:30")
    assert twelve_hour_page(line.element)
    assert parse_line(line, PageContext("https://x.example/", None, 2024)).start == time(15, 30)


@pytest.mark.parametrize(
    ("rows", "cells"),
    [
        ([*ROWS[:2], ("13:00", "13:45"), *ROWS[3:]], True),  # a 24-hour page
        (ROWS, False),  # bare clocks in paragraphs, not a timetable's cells
        ([("1:45", "3:30"), ("3:30", "4:15"), ("09:00", "10:00")], True),  # no noon first
    ],
)
def test_start_cells_stay_as_written(rows: list, cells: bool) -> None:
    line = _timetable(rows, "3:30", cells)
    assert not twelve_hour_page(line.element)
    assert parse_line(line, PageContext("https://x.example/", None, 2024)).start is None
