"""Dates and page context missed on the round-4 pages, as general rules (issue 10).

Decisions these tables pin down (and why):
- A short weekday printed *after* the date ("Sep 09 Tue", "March 24 (Tue)", "10月15日（火）")
  is read, and fixes the year of a yearless date: lists that run newest first, or mix
  upcoming and past talks, would otherwise drift a year forward. Bare, only a capitalised
  form that is no month ("12 Mar" is March) and that no word follows ("Jan 12 Sun Wei").
- "Mar 12" names no weekday: "mar" (Spanish/French Tuesday) counts only when another month
  follows ("mar. 5 mars").
- A yearless "(2/2)" in brackets is a part counter: a date only when the text gives no other.
- "05.2024" is a month and a year (`find_month_year`), never a day; "Nr. 3/2021" is an issue.
- On a page that names no year, a day and month by name ("Oct. 22nd") are still cut from the
  line, though the talk gets no date: left in, they would be read as the title or a name.
- A one-day event's day printed only in the chrome ("Friday September 17" in a sidebar, "Workshop
  on X 2024, 8 June" in a header) dates an undated programme; several chrome days, a range,
  or a body that prints dates of its own give none.
- A slot label before a title ("Keynote 2:", "Contributed talk 3 –", "Invited talk:") is
  `patterns.SLOT_LABEL`, cut by the title readers; "Talking heads:" or "Talk 12:30" are none.
"""

from __future__ import annotations

from datetime import date

import pytest
from lxml import html

from parsers.common import dates
from parsers.heuristic.chrome_day import chrome_day
from parsers.heuristic.lines import Line
from parsers.heuristic.patterns import SLOT_LABEL
from parsers.heuristic.reading import PageContext, parse_line, read_date


def _line(text: str) -> Line:
    root = html.fromstring(f"<p>{text}</p>")
    return Line(text=text, element=root, fragments=[(text, None)])


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("Sep 09 Tue", 1),
        ("Apr 03 Thu · 17:00", 3),
        ("March 24 (Tue) · 17:00", 1),
        ("5 June (Mon.)", 0),
        ("3/5 (Di)", 1),
        ("10月15日（火）", 1),
        ("3월 5일 (화)", 1),
        ("June 3 Sat.", 5),
        ("mar. 5 mars 2024", 1),
        ("Tue, 3/5", 1),
        ("jeudi 3 mars", 3),
        # negative rows: no weekday
        ("Mar 12", None),
        ("12 Mar 2024", None),
        ("Jan 12 Sun Wei: a talk", None),
        ("Sep 09 tue", None),
        ("Smith (Tue)", None),
        ("Issue 3 (Mar)", None),
        ("Room 2 Do", None),
    ],
)
def test_weekday_after_the_date(text: str, weekday: int | None) -> None:
    assert dates.find_weekday(text) == weekday


@pytest.mark.parametrize(
    ("text", "year", "near", "expected"),
    [
        ("Sep 09 Tue", 2026, date(2026, 3, 17), date(2025, 9, 9)),
        ("Apr 03 Thu", 2026, date(2025, 11, 25), date(2025, 4, 3)),
        ("Mar 24 (Tue)", 2025, None, date(2026, 3, 24)),
        # negative row: no weekday, the date lands near the talk before it
        ("Sep 09", 2026, date(2026, 3, 17), date(2026, 9, 9)),
    ],
)
def test_weekday_after_fixes_the_year(text, year, near, expected) -> None:
    assert read_date(text, year, True, near=near)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meetup (2/2): A talk on pandas. 27 abril 2016.", date(2016, 4, 27)),
        ("Part (1/3), 5 March 2019", date(2019, 3, 5)),
        ("(2/2) 3/5/2024", date(2024, 5, 3)),
        ("Seminar (3/5)", date(2020, 5, 3)),  # alone, it is still read as the date
        ("on 3/5 and (1/2)", date(2020, 5, 3)),
        # negative row: not a counter (n > m), the first date wins as before
        ("Talk (5/3), 27 abril 2016", date(2020, 3, 5)),
    ],
)
def test_part_counter_does_not_beat_a_date(text: str, expected: date) -> None:
    assert dates.find_date(text, default_year=2020)[0] == expected


@pytest.mark.parametrize(
    ("text", "whole", "expected"),
    [
        ("05.2024", True, (2024, 5)),
        ("(11/2023)", True, (2023, 11)),
        ("2024年5月", True, (2024, 5)),
        ("2024년 5월", True, (2024, 5)),
        ("Talk given 05.2024", False, (2024, 5)),
        # negative rows
        ("Talk given 05.2024", True, None),
        ("12.05.2024", False, None),
        ("Nr. 3/2021", False, None),
        ("v1.2024", False, None),
        ("13.2024", False, None),
        ("2024年5月3日", False, None),
    ],
)
def test_numeric_month_year(text: str, whole: bool, expected) -> None:
    found = dates.find_month_year(text, whole=whole)
    assert (found[:2] if found else None) == expected
    assert dates.find_date(text, default_year=2024) is None or expected is None


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Oct. 22nd – Jane Roe (Acme Labs)", (0, 9)),
        ("5 mars : un titre", (0, 6)),
        ("Feb 29", (0, 6)),
        # negative rows: a year is given, or no month name
        ("12 March 2024", None),
        ("spin 1/2 chains", None),
        ("May 2023", None),
    ],
)
def test_yearless_span(text: str, span) -> None:
    assert dates.yearless_span(text) == span


@pytest.mark.parametrize(
    ("text", "year", "rest"),
    [
        ("Oct. 22nd – Jane Roe (Acme Labs)", None, "Jane Roe (Acme Labs)"),
        ("on Nov. 5th: Mark Poe", None, "Mark Poe"),
        ("Nov. 5th: Mark Poe", 2020, "Mark Poe"),  # an ordinal before a colon is the date's
        # negative rows: with a page year the date is read as before; numbers stay
        ("Oct. 22nd – Jane Roe (Acme Labs)", 2020, "Jane Roe (Acme Labs)"),
        ("Spin 1/2 chains", None, "Spin 1/2 chains"),
    ],
)
def test_yearless_date_is_cut_without_a_page_year(text, year, rest) -> None:
    parsed = parse_line(_line(text), PageContext("https://example.org/", None, year))
    assert parsed.rest == rest
    assert (parsed.day is None) == (year is None)


def _page(chrome: str, body: str) -> html.HtmlElement:
    return html.fromstring(f"<html><body>{chrome}<main>{body}</main></body></html>")


PROGRAMME = "<h1>Programme</h1><p>10:00 - 10:45 A talk</p><p>11:00 - 11:45 Another talk</p>"


@pytest.mark.parametrize(
    ("chrome", "body", "expected"),
    [
        (
            '<div class="sidebar"><span>Data Workshop 2021</span>'
            "<span>Friday September 17</span></div>",
            PROGRAMME,
            date(2021, 9, 17),
        ),
        ("<header><p>Workshop on Graphs 2024, 8 June</p></header>", PROGRAMME, date(2024, 6, 8)),
        ("<aside><p>Saturday, 7 June 2025</p></aside>", PROGRAMME, date(2025, 6, 7)),
        # negative rows
        ("<aside><p>17–19 September 2021</p></aside>", PROGRAMME, None),  # several days
        (
            "<aside><p>News</p><p>3 May 2024</p><p>9 June 2024</p></aside>",
            PROGRAMME,
            None,
        ),
        ("<aside><p>Saturday, 7 June 2025</p></aside>", "<p>12 May 2025: A talk</p>", None),
        ("<aside><p>Next talk: Friday September 17</p></aside>", PROGRAMME, None),
        ("<aside><p>Friday September 18</p></aside>", PROGRAMME, None),  # no Friday in 2021
        ("<aside><p>Updated 3 May 2024 by the editors</p></aside>", PROGRAMME, None),
    ],
)
def test_chrome_day(chrome: str, body: str, expected) -> None:
    root = _page(chrome, body)
    assert chrome_day(root.find(".//main"), 2021) == expected


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Keynote 2: TBA", "TBA"),
        ("Contributed talk 3: Graph sampling", "Graph sampling"),
        ("Invited talk: Foo bar", "Foo bar"),
        ("Lightning talk #4 – Short notes", "Short notes"),
        ("Talk 1 - Title here", "Title here"),
        ("Keynote 1: 3D vision", "3D vision"),
        # negative rows: no slot label to cut
        ("Talking heads: a study", None),
        ("Keynote speakers", None),
        ("Keynote 2", None),
        ("Presentation attacks: detection", None),
        ("Lecture notes: a survey", None),
        ("Talk 12:30 start", None),
        ("Addressing bias: methods", None),
    ],
)
def test_slot_label(text: str, rest: str | None) -> None:
    match = SLOT_LABEL.match(text)
    assert (SLOT_LABEL.sub("", text, count=1) if match else None) == rest
