"""Dates, times and series-level facts missed on the round-8 pages, as general rules.

Decisions these tables pin down (and why):
- A numeric month and year leading an entry, set off by a colon, a dash, a bar or brackets
  ("03/2025: Title, Event, Place", "(11.2019) Title") dates a talk by month only, like
  "March 2018" does: personal talk lists write their dates so. "3/2025 of the budget" (a
  ratio, no separator) and "3/2025:" with nothing after it are none. Such a lead marks a
  listing's entry however long (`months.month_leads`); a named month does not (a sentence
  may open "March 2018 — we moved …").
- A series time printed only in the site's chrome ("Mondays, 4–5pm" under the series' name in
  a header or sidebar) holds for every dated talk that gives no time; a bare time in the
  chrome ("14:00") does not: a header's clock, an office hour or a news item as often.
- A one-day programme whose only date is in the page's <title> ("Workshop on X (9 April
  2018)") dates its timed rows; a range, two dates or a day without its year in the title
  give none, nor does a body that prints another date of its own. The event's day repeated in
  a footer, or a "2/3" inside an abstract, is no date of the body's own.
- A time in a table cell under a column head ("Time": "2:00 PM") is that row's, never the
  series' time, even when the row gave no talk: it must not time another table's talks.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from lxml import html

from parsers.chain import parse_document
from parsers.heuristic import context
from parsers.heuristic.chrome_day import chrome_day, title_day
from parsers.heuristic.lines import Line
from parsers.heuristic.months import month_leads, month_only, without_month
from parsers.heuristic.reading import PageContext
from tests.heuristic_support import URL, page_lines_of


def _line(text: str) -> Line:
    root = html.fromstring(f"<p>{text}</p>")
    return Line(text=text, element=root, fragments=[(text, None)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/2025: Braids and knots, Workshop on Loops, Springfield", True),
        ("3/2025 – Braids and knots, Colloquium, Shelbyville", True),
        ("(11.2019) Braids and knots", True),
        ("[07/2021] Braids and knots", True),
        ("12/2023 | Invited talk at the Example Seminar", True),
        # negative rows: a ratio, a version, nothing after the date, a month 13
        ("3/2025 of the budget went to travel", False),
        ("2/3 of the audience", False),
        ("03/2025:", False),
        ("13/2025: Braids and knots", False),
        ("Version 1.2020: release notes", False),
    ],
)
def test_numeric_month_lead_dates_by_month_only(text: str, expected: bool) -> None:
    assert month_only(_line(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "05/2024: A very long title about loops and braids and knots in many dimensions, "
            "Seminar on Things, Some University, Springfield (Freedonia)",
            True,
        ),
        ("2019/03 A long entry about braids and knots at a seminar somewhere far away", True),
        # negative rows: a named month can open a sentence; a date inside the text
        ("March 2018 — we moved the seminar to a new room on the second floor of the hall", False),
        ("In 05/2024: we moved the seminar to a new room on the second floor", False),
    ],
)
def test_numeric_month_lead_marks_an_entry(text: str, expected: bool) -> None:
    assert month_leads(_line(text)) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("03/2025: Braids and knots", "Braids and knots"),
        ("(11.2019) Braids and knots", "Braids and knots"),
        # negative row: a date inside the title stays
        ("Braids in 3/2025 form", "Braids in 3/2025 form"),
    ],
)
def test_numeric_month_lead_is_cut_from_the_title(title: str, expected: str) -> None:
    assert without_month(title) == expected


def _site(header: str, body: str, where: str = "header") -> str:
    return (
        "<html><head><title>Talks | Example Loops Seminar</title></head><body>"
        f"<{where}><h1>Example Loops Seminar</h1><p>{header}</p></{where}>"
        f"<main><h1>Upcoming talks</h1>{body}</main></body></html>"
    )


_LIST_BODY = (
    "<ul>"
    "<li><h2>6th October 2031 - <a href='https://x.example/a'>Jane Roe</a> (Example University)"
    "</h2><h2>Knots in higher dimensions</h2></li>"
    "<li><h2>13th October 2031 - <a href='https://x.example/b'>John Doe</a> (Sample Institute)"
    "</h2><h2>Braids and their groups</h2></li>"
    "<li><h2>20th October 2031 - <a href='https://x.example/c'>Ann Poe</a> (Test College)"
    "</h2><h2>Loops on surfaces</h2></li>"
    "</ul>"
)
_TABLE_BODY = (
    "<table><tr><th>Date</th><th>Speaker</th><th>Title</th></tr>"
    "<tr><td>6 October 2031</td><td>Jane Roe</td><td>Knots in higher dimensions</td></tr>"
    "<tr><td>13 October 2031</td><td>John Doe</td><td>Braids and their groups</td></tr>"
    "<tr><td>20 October 2031</td><td>Ann Poe</td><td>Loops on surfaces</td></tr>"
    "</table>"
)


@pytest.mark.parametrize("body", [_LIST_BODY, _TABLE_BODY], ids=["list", "table"])
@pytest.mark.parametrize(
    ("header", "where", "expected"),
    [
        ("Mondays, 4&ndash;5pm", "header", "16:00"),
        ("Every Monday at 14:00", "nav", "14:00"),
        ("Mondays, 4&ndash;5pm", "aside", "16:00"),
        # negative rows: a bare time in the chrome, a time with a date (a news item)
        ("14:00", "header", None),
        ("Next: 1 October 2031, 14:00", "header", None),
    ],
)
def test_series_time_in_the_chrome(body: str, header: str, where: str, expected) -> None:
    result = parse_document(_site(header, body, where), "https://x.example/talks")
    starts = [t.starts_at for t in result.talks]
    assert len(starts) == 3
    if expected is None:
        assert all("T" not in (s or "") for s in starts)
    else:
        assert all(s and s[11:16] == expected for s in starts)


def _programme(title: str, rows: str, footer: str = "") -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        f"<main><h1>Programme</h1>{rows}</main><footer><h2>{footer}</h2></footer></body></html>"
    )


_TABLE_ROWS = (
    "<table>"
    "<tr><td>9:00-10:00</td><td>Registration and coffee</td><td></td></tr>"
    "<tr><td>10:00-11:00</td><td><strong>Jane Roe</strong></td><td>Knots in higher dimensions"
    "<div><p>We show that knots in many dimensions untie.</p></div>"
    "</td></tr>"
    "<tr><td>11:00-12:00</td><td><strong>John Doe</strong></td><td>Braids and their groups"
    "</td></tr>"
    "<tr><td>13:00-14:00</td><td><strong>Ann Poe</strong></td><td>Loops on surfaces</td></tr>"
    "</table>"
)
_LIST_ROWS = (
    "<ul>"
    "<li>10:00 – Jane Roe (Example University): <em>Knots in higher dimensions</em></li>"
    "<li>11:00 – John Doe (Sample Institute): <em>Braids and their groups</em></li>"
    "<li>13:00 – Ann Poe (Test College): <em>Loops on surfaces</em></li>"
    "</ul>"
)


@pytest.mark.parametrize("rows", [_TABLE_ROWS, _LIST_ROWS], ids=["table", "list"])
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Programme | Loops come to Life (9 April 2031)", "2031-04-09"),
        ("Loops Day 2031 – 9 April 2031", "2031-04-09"),
        # negative rows: a range, two dates, no year, no date
        ("Programme | Loops come to Life (9–10 April 2031)", None),
        ("Loops Day (9 April 2031, postponed from 2 April 2031)", None),
        ("Programme | Loops come to Life (9 April)", None),
        ("Programme | Loops come to Life", None),
    ],
)
def test_one_day_programme_dated_by_its_title(rows: str, title: str, expected) -> None:
    page = _programme(title, rows, footer=title.split("|")[-1].strip())
    result = parse_document(page, "https://x.example/programme/")
    starts = [t.starts_at for t in result.talks]
    assert len(starts) == 3
    if expected is None:
        assert not any(starts)
    else:
        assert all(s and s.startswith(expected + "T") for s in starts)


_PROSE = "We show that 2/3 of all knots untie. " * 10


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("Loops come to Life (9 April 2031)", "<p>10:00 Jane Roe</p>", date(2031, 4, 9)),
        (
            "Loops come to Life (9 April 2031)",
            f"<p>10:00 Jane</p><p>{_PROSE}</p>",
            date(2031, 4, 9),
        ),
        (
            "Loops come to Life (9 April 2031)",
            "<p>10:00 Jane</p><footer>Loops come to Life (9 April 2031)</footer>",
            date(2031, 4, 9),
        ),
        # negative rows: the body prints a day of its own; a page with no <title> date
        ("Loops come to Life (9 April 2031)", "<h2>10 April 2031</h2><p>10:00 Jane</p>", None),
        ("Loops come to Life", "<p>10:00 Jane Roe</p>", None),
    ],
)
def test_title_day(title: str, body: str, expected) -> None:
    root = html.fromstring(f"<html><head><title>{title}</title></head><body>{body}</body></html>")
    assert chrome_day(root, 2031) == expected
    assert (title_day(root) is not None) is ("2031" in title)


_HEAD = "<tr><th>Date</th><th>Time</th><th>Speaker</th></tr>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (f"<table>{_HEAD}<tr><td>Oct. 6, 2031</td><td>2:00 PM</td><td>Jane</td></tr></table>", []),
        (
            f"<table><thead>{_HEAD}</thead><tbody><tr><td>Oct. 6, 2031</td><td>2:00 PM</td>"
            "<td>Jane Roe</td></tr></tbody></table>",
            [],
        ),
        # negative rows: the time said once for the series, in a paragraph or a list
        ("<p>Seminars take place on Mondays at 2:00 PM.</p>", [time(14, 0)]),
        ("<ul><li>When: Mondays, 2:00 PM</li></ul>", [time(14, 0)]),
    ],
)
def test_a_table_cell_time_is_no_series_time(body: str, expected: list) -> None:
    lines = page_lines_of(body)
    facts, _zone = context.series_facts(lines, {}, set(), PageContext(URL, None, 2031))
    assert [f.start for f in facts] == expected
