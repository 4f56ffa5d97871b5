"""Series-level facts (issue 10): a time, a zone, a room or a term given once for every talk.

Decisions these tables pin down (and why):
- A page-level line gives the series' time when it says so ("Talks take place at 12pm",
  "Thursdays, 14:00–15:00", "usually at 16:00") or is only a time ("12:00–13:00 CET"); a
  line that names something else at a time ("Registration 9:00", "Coffee every day at
  10:30", "Office hours: …") does not.
- "Fridays 2:00-3:00" is read as a US agenda would: 14:00.
- An exception in brackets ("(12:30–13:30 from autumn 2026)") neither gives the time nor
  limits it to a term; a term named in the sentence ("Meetings for Fall 2025 …") does.
- Two-digit terms in headings give the year ("Fall 18" is 2018).
- The room in a venue sentence is cut from the time said with it ("at 12pm in room 401B").
"""

from __future__ import annotations

from datetime import date, time

import pytest
from lxml import html

from parsers.heuristic.context import (
    _logistics_place,
    _venue_in_sentence,
    _without_when,
    page_zone,
    series_time,
    term_years,
    years_named,
)
from parsers.heuristic.lines import Line
from parsers.heuristic.reading import PageContext, SeriesTime


def _line(text: str, index: int = 0) -> Line:
    root = html.fromstring(f"<p>{text}</p>")
    return Line(text=text, element=root, fragments=[(text, None)], index=index)


CTX = PageContext("https://example.org/seminar/", None, 2024)

# (line, start, zone, years the fact is limited to, bare)
SERIES_TIMES = [
    ("Thursdays, 14:00–15:00 · Main campus (room to be confirmed).", time(14), None, set(), False),
    ("Talks are scheduled to take place at 12pm in room 401B.", time(12), None, set(), False),
    ("Fridays 2:00-3:00", time(14), None, set(), False),  # plural weekday: said
    ("usually at 16:00", time(16), None, set(), False),
    ("16:00", time(16), None, set(), True),
    ("All talks at 14:00 CE(S)T", time(14), "Europe/Paris", set(), False),
    ("12:00–13:00 CET (12:30–13:30 from autumn 2026)", time(12), "Europe/Paris", set(), True),
    (
        "Seminars are held every Tuesday at 3 pm Eastern Time.",
        time(15),
        "America/New_York",
        set(),
        False,
    ),
    (
        "Meetings for Fall 2025 will take place in Moody 241 on Mondays from 3:15-4:30PM.",
        time(15, 15),
        None,
        {2025},
        False,
    ),
    (
        "Das Seminar findet jeweils donnerstags um 16:15 Uhr statt.",
        time(16, 15),
        None,
        set(),
        False,
    ),
    (
        "Le séminaire a lieu le mardi à 14h (heure de Paris), année 2023/24.",
        time(14),
        None,
        {2023, 2024},
        False,
    ),
    ("14:00 (UTC+1)", time(14), "Etc/GMT-1", set(), True),
]

NOT_SERIES_TIMES = [
    "Registration opens at 9:00",  # an agenda slot, not the series' time
    "09:00 Welcome and opening remarks",
    "Coffee every day at 10:30",  # a break
    "Library open every day 9:00–22:00",  # recurring, but not about talks
    "Office hours: Mondays 14:00-15:00",  # a label that is not about talks
    "Last updated 12:30, March 3",
    "Thursday 5 June 2025, 14:00: Jane Doe",  # a dated line is a talk, not the series
    "Since 2019 the group has grown to twelve members.",  # no time at all
    "Room 2.14",  # a number, not a clock
]


@pytest.mark.parametrize(("text", "start", "zone", "years", "bare"), SERIES_TIMES)
def test_series_time(text: str, start: time, zone: str | None, years: set, bare: bool) -> None:
    fact, is_bare = series_time(_line(text), CTX)
    assert fact is not None
    assert (fact.start, fact.zone, set(fact.years), is_bare) == (start, zone, years, bare)


@pytest.mark.parametrize("text", NOT_SERIES_TIMES)
def test_not_series_time(text: str) -> None:
    assert series_time(_line(text), CTX)[0] is None


def test_series_time_covers_its_terms_only() -> None:
    fall = SeriesTime(time(15, 15), None, None, frozenset([2025]), 3)
    always = SeriesTime(time(12), None, None, frozenset(), 3)
    assert fall.covers(date(2025, 9, 22))
    assert not fall.covers(date(2024, 11, 19))
    assert always.covers(date(1999, 1, 1))
    assert not always.covers(None)


PAGE_ZONES = [
    ("All times are CET.", "Europe/Paris"),
    ("Times are given in Eastern Time.", "America/New_York"),
    ("Time zone: America/Chicago", "America/Chicago"),
    ("All times UTC-3", "Etc/GMT+3"),
    ("Horaires en heure de Paris (Paris time)", "Europe/Paris"),
]
NOT_PAGE_ZONES = [
    "Jane Doe (ETH Zürich)",  # no zone
    "Join us on Zoom from anywhere.",
    "We thank the PT group for its support.",  # an abbreviation, but no word about times
    "Times are shown in your local time.",  # a word about times, but no zone
]


@pytest.mark.parametrize(("text", "want"), PAGE_ZONES)
def test_page_zone(text: str, want: str) -> None:
    assert page_zone(_line(text)) == want


@pytest.mark.parametrize("text", NOT_PAGE_ZONES)
def test_not_page_zone(text: str) -> None:
    assert page_zone(_line(text)) is None


TERM_YEARS = [
    ("Meetings for Fall 2025", {2025}),
    ("Spring 2023 schedule", {2023}),
    ("Academic year 2022/23", {2022, 2023}),
    ("WS 2023/24", {2023, 2024}),
    ("Wintersemester 2024", {2024}),
    ("2006–2025", set()),  # a span of years, not one term
    ("since 2019", set()),  # a year, not a term
    ("Room 2025", set()),
]


@pytest.mark.parametrize(("text", "want"), TERM_YEARS)
def test_term_years(text: str, want: set) -> None:
    assert set(term_years(text)) == want


YEARS_NAMED = [
    ("Fall 18", [2018]),
    ("Spring '23", [2023]),
    ("WS 23/24", [2023]),
    ("Seminars 2024", [2024]),
    ("Fall 2018 and Spring 2019", [2018, 2019]),
    ("Room 18", []),
    ("Fall 18:00", []),  # a clock time, not a year
    ("Talk 18", []),
]


@pytest.mark.parametrize(("text", "want"), YEARS_NAMED)
def test_years_named(text: str, want: list) -> None:
    assert years_named(text) == want


WITHOUT_WHEN = [
    ("12pm in room 401B of 3401 Walnut St", "room 401B of 3401 Walnut St"),
    ("Moody 241 on Mondays from 3:15-4:30PM", "Moody 241"),
    ("Room 5, every Friday", "Room 5"),
    ("Gates 463A", "Gates 463A"),
    ("Room 2.14", "Room 2.14"),  # a room number is not a time
]


@pytest.mark.parametrize(("text", "want"), WITHOUT_WHEN)
def test_without_when(text: str, want: str) -> None:
    assert _without_when(text) == want


VENUES = [
    (
        "Talks are scheduled to take place at 12pm in room 401B of 3401 Walnut St.",
        "room 401B of 3401 Walnut St",
    ),
    ("The seminar is organised by A. Person and takes place on zoom.", "zoom"),
    (
        "Thursdays, 14:00–15:00 · Main campus, Madrid (room to be confirmed).",
        "Main campus, Madrid (room to be confirmed)",
    ),
    ("Fridays 15:00–16:00, Room M1.03.", "Room M1.03"),
    ("Informal talks every other Wednesday, 12:00 in Gates 463A.", "Gates 463A"),
]
NOT_VENUES = [
    "The seminar is organised by A. Person and B. Person.",
    "We meet on Fridays to discuss new papers.",
    "Talks are on Mondays at 4pm.",  # a time, and no place
    "Thursdays, 14:00 · Host: Jane Doe",
]


@pytest.mark.parametrize(("text", "want"), VENUES)
def test_venue_in_sentence(text: str, want: str) -> None:
    assert _venue_in_sentence(_line(text)) == want


@pytest.mark.parametrize("text", NOT_VENUES)
def test_not_venue_in_sentence(text: str) -> None:
    assert _venue_in_sentence(_line(text)) is None
    assert _logistics_place(_line(text)) is None
