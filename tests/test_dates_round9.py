"""Round-9 rules for dates and times: a numeric day range ending in a full date starts on its
first day; Spanish and Italian short month names; a table whose columns are headed by days
dates the cells under them, and a single cell across the table is a section's head, not a
column's; literal tags a theme prints as text are no part of a line; a place set off before
the chrome's date; a padded "01:00" after a slot across noon is afternoon. Pages and strings
here are written for the test; every name, title and place is made up."""

from __future__ import annotations

from datetime import date

import pytest

from parsers.base import Context
from parsers.common import dates, html
from parsers.heuristic import extract
from parsers.heuristic.chrome_day import _lone_day
from parsers.heuristic.columns import column_of
from parsers.heuristic.date_reading import column_day
from parsers.heuristic.literal_markup import without_literal_markup

URL = "https://x.example/"


def _talks(body: str, title: str) -> list[tuple[str | None, str | None]]:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    talks = extract.parse(html.load(page, URL), Context(url=URL)).talks
    return [(t.title, t.starts_at) for t in talks]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("18.–20.02.2020 Winter school", date(2020, 2, 18)),
        ("18.-19.02.2020", date(2020, 2, 18)),
        ("18–20.02.2020", date(2020, 2, 18)),
        ("30.01.–02.02.2020", date(2020, 1, 30)),  # the first day with its own month
        ("30.12.–02.01.2021", date(2020, 12, 30)),  # across New Year
        # negative rows: a number before a dash is no day of a range
        ("Room 3 – 20.02.2020", date(2020, 2, 20)),
        ("01.02.2020", date(2020, 2, 1)),
    ],
)
def test_numeric_day_range_starts_on_its_first_day(text: str, day: date) -> None:
    found = dates.find_date(text, default_year=None, day_first=True)
    assert found is not None and found[0] == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("18 dic 2024", date(2024, 12, 18)),
        ("3 ott 2023", date(2023, 10, 3)),
        ("5 abr. 2021", date(2021, 4, 5)),
        ("12 giu 2022", date(2022, 6, 12)),
        ("9 lug 2022", date(2022, 7, 9)),
        ("20 ago 2022", date(2022, 8, 20)),
    ],
)
def test_spanish_and_italian_short_months(text: str, day: date) -> None:
    found = dates.find_date(text, default_year=None, day_first=True)
    assert found is not None and found[0] == day


def test_out_is_no_month() -> None:
    assert dates.find_date("3 out of 5 talks in 2021", default_year=None, day_first=True) is None


@pytest.mark.parametrize(
    ("header", "day"),
    [
        ("Lunes 11 de noviembre", date(2030, 11, 11)),
        ("Tue 3 June 2031", date(2031, 6, 3)),
        # negative rows: a header that says more than its day, or no day
        ("Talks since 3 June", None),
        ("Date", None),
        (None, None),
    ],
)
def test_column_day(header: str | None, day: date | None) -> None:
    assert column_day(header, 2030, True) == day


def test_cells_take_the_day_of_their_column() -> None:
    body = (
        "<table><tr><th>Hora</th><th>Lunes 11 de noviembre 2030</th></tr>"
        "<tr><td>10:00</td><td>Jane Doe (Acme): Sparse orbits</td></tr>"
        "<tr><td>11:00</td><td>Ann Lee (Bar U): Paper boats</td></tr></table>"
    )
    assert _talks(body, "Programa") == [
        ("Sparse orbits", "2030-11-11T10:00:00"),
        ("Paper boats", "2030-11-11T11:00:00"),
    ]


def test_one_cell_across_the_table_heads_a_section_not_a_column() -> None:
    page = html.load(
        "<table><tr><th colspan='2'>Wednesday 12 June</th></tr>"
        "<tr><td>09:30</td><td>Jane Doe</td></tr>"
        "<tr><th>Time</th><th>Talk</th></tr></table>",
        URL,
    )
    cells = page.xpath("//td")
    assert [column_of(cell, {}) for cell in cells] == [None, None]
    page = html.load("<table><tr><th>Time</th><th>Talk</th></tr><tr><td>9</td></tr></table>", URL)
    assert column_of(page.xpath("//td")[0], {}) == "time"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '<span class="date">2025-05-29</span> <svg><path d="M288 32c-80 0"/></svg> Orbits',
            "2025-05-29 Orbits",
        ),
        ("Titles &amp; <b>dates</b>", "Titles & dates"),
        # negative rows: fewer than two tags, or no tag at all
        ("Why <b> is bold", "Why <b> is bold"),
        ("a < b > c", "a < b > c"),
    ],
)
def test_literal_markup(text: str, expected: str) -> None:
    assert without_literal_markup(text) == expected


@pytest.mark.parametrize(
    ("piece", "day"),
    [
        ("Lille – 31 mai 2016", date(2016, 5, 31)),
        ("Example Town, 4 June 2031", date(2031, 6, 4)),
        # negative rows: a deadline or news label, no year, a range
        ("Deadline – 31 mai 2016", None),
        ("News – 31 mai 2016", None),
        ("Lille – 31 mai", None),
        ("Lille – 17–19 September 2031", None),
    ],
)
def test_place_before_the_chromes_date(piece: str, day: date | None) -> None:
    assert _lone_day(piece, None, True) == day


def _slots(lunch: str) -> str:
    rows = [
        ("10:00 - 11:00", "Jane Doe (Acme): Sparse orbits of lattices"),
        (lunch, "Lunch"),
        ("01:00 - 01:45", "Ann Lee (Bar U): A census of paper boats"),
        ("02:00 - 02:45", "Carl Moe (Baz U): Learning to sort pebbles"),
    ]
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    return f"<h1>Workshop programme, 4 March 2031</h1><table>{cells}</table>"


def test_padded_slot_after_a_slot_across_noon_is_afternoon() -> None:
    starts = [start for _, start in _talks(_slots("12:15 - 01:00"), "Programme")]
    assert starts == ["2031-03-04T10:00:00", "2031-03-04T13:00:00", "2031-03-04T14:00:00"]


def test_padded_slot_on_a_24_hour_page_is_not_moved() -> None:
    starts = [start for _, start in _talks(_slots("12:15 - 13:00"), "Programme")]
    assert "2031-03-04T13:00:00" not in starts and starts[0] == "2031-03-04T10:00:00"


def _series_page(hour: str) -> str:
    talks = "".join(
        f"<hr/><p><strong>Date:</strong> {day}</p><p><strong>Speaker:</strong> Jane Doe{k}</p>"
        f"<p><strong>Title:</strong> Title number {k} on lattices</p>"
        for k, day in enumerate(["3 March 2031", "10 March 2031", "17 March 2031"])
    )
    return f"<h1>Seminars</h1><h3>Information</h3><p>{hour}</p><p><b>Room</b>: 0.05</p>{talks}"


@pytest.mark.parametrize(
    ("hour", "start"),
    [
        ("<strong>Hour</strong>:\n16h00 (CET)", "2031-03-03T16:00:00+01:00"),
        ("<strong>Horário</strong>: 16h00 (CET)", "2031-03-03T16:00:00+01:00"),
        # negative row: a label that names no hour is not the series' time
        ("<strong>Room</strong>: 16h00 (CET)", "2031-03-03"),
    ],
)
def test_a_label_naming_the_hour_gives_the_series_time(hour: str, start: str) -> None:
    starts = [s for _, s in _talks(_series_page(hour), "Seminars")]
    assert len(starts) == 3 and starts[0].startswith(start)
