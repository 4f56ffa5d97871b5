"""Dates, times, link labels and status tags missed on the round-6 pages, as general rules.

Decisions these tables pin down (and why):
- A heading that is only a day number ("7") is read with the heading right after it ("de
  marzo"): themes print a programme day's number, month and weekday as separate headings.
  Only the next line, and only a heading: "7" before a paragraph, or a heading after a gap,
  dates nothing.
- An abbreviated month's dot may stand for the space ("Oct.14, 2026"); "Mar.2024" is no date.
- Day, month name and year joined by hyphens ("8-juin-2023", "12-févr.-2022") is a date, only
  with a four-digit year ("3-Mar", "12-Mar-24" and "v2-mai-2023" are none).
- A clock written "HH:MM" at 13-23 keeps its hour whatever am/pm follows ("15:00 a.m."); a
  bare "15 am" (German "am") stays no time.
- Afternoon slots on a 12-hour clock ("1:30 - 2:30" after "12:10 - 12:40") are 13:30, only on
  a page whose slots reach noon and then start over, unpadded, with no slot at 13-23.
- A link label of one or two link words ("Slides PDF", "Video recording", "vidéo", "Live") is
  cut from the end of a line, with a full stop after it ("Vidéo."); a link word with another
  word ("Live coding") is a title's.
- A bracket that held the date and otherwise only a status word or emoji ("[upcoming ✨
  02/11/2026]") goes with the date; any other word keeps it.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from lxml import html

from parsers.common import dates, memo, times
from parsers.heuristic.context import update_context
from parsers.heuristic.lines import Line
from parsers.heuristic.patterns import LINK_PIECE
from parsers.heuristic.programme import twelve_hour_page
from parsers.heuristic.reading import PageContext, parse_line


def _line(text: str, index: int = 0, heading: int = 0) -> Line:
    root = html.fromstring(f"<p>{text}</p>")
    return Line(text=text, element=root, fragments=[(text, None)], index=index, heading=heading)


# --------------------------------------------------------------------------- split day headings

DAY_HEADINGS = [
    # (lines as (text, heading level), the day read)
    ([("7", 6), ("de marzo", 6), ("Martes", 6)], date(2025, 3, 7)),
    ([("21.", 3), ("Oktober", 3)], date(2025, 10, 21)),
    ([("3", 2), ("June 2024", 2)], date(2024, 6, 3)),
]
NOT_DAY_HEADINGS = [
    [("7", 6), ("de marzo", 0)],  # the month is a paragraph, not the next heading
    [("7", 0), ("de marzo", 6)],  # the number is a paragraph
    [("12", 4), ("Speakers", 4)],  # a numbered section
    [("7", 6), ("Programme", 6), ("de marzo", 6)],  # not right after it
    [("45", 6), ("de marzo", 6)],  # no day of a month
]


@pytest.mark.parametrize(("rows", "want"), DAY_HEADINGS)
def test_day_number_heading_joins_the_next(rows: list, want: date) -> None:
    ctx = PageContext("https://example.org/programa/", None, 2025)
    ctx.chrome_read = True
    for index, (text, level) in enumerate(rows):
        update_context(ctx, [_line(text, index=index, heading=level)])
    assert ctx.day == want


@pytest.mark.parametrize("rows", NOT_DAY_HEADINGS)
def test_day_number_heading_alone_dates_nothing(rows: list) -> None:
    ctx = PageContext("https://example.org/programa/", None, 2025)
    ctx.chrome_read = True
    for index, (text, level) in enumerate(rows):
        update_context(ctx, [_line(text, index=index, heading=level)])
    assert ctx.day is None


# --------------------------------------------------------------------------- dates

FIND_DATE = [
    ("Tuesday, Oct.14, 2026", date(2026, 10, 14)),
    ("Sept.3 2024, 10:00", date(2024, 9, 3)),
    ("8-juin-2023 14:10", date(2023, 6, 8)),
    ("12-févr.-2022", date(2022, 2, 12)),
    ("30-Sep-2019", date(2019, 9, 30)),
    ("Sexta, 9-outubro-2020", date(2020, 10, 9)),
]
NOT_A_DATE = [
    "Mar.2024",  # a month and year
    "3-Mar",  # no year
    "12-Mar-24",  # a two-digit year: a code as often as a date
    "v2-mai-2023",  # part of a name
    "ref 8-juin-2023-b",  # part of a reference
    "sec.3 of the notes",
]


@pytest.mark.parametrize(("text", "want"), FIND_DATE)
def test_find_date(text: str, want: date) -> None:
    found = dates.find_date(text, default_year=2025)
    assert found is not None and found[0] == want


@pytest.mark.parametrize("text", NOT_A_DATE)
def test_not_a_date(text: str) -> None:
    assert dates.find_date(text, default_year=2025) is None


# --------------------------------------------------------------------------- times

TIME_RANGE = [
    ("15:00 a.m. — 15:45 a.m.", time(15, 0), time(15, 45)),
    ("16:30 p.m.", time(16, 30), None),
    ("10:00 - 14:00 pm", time(10, 0), time(14, 0)),
    ("9 am", time(9, 0), None),
    ("2:00-3:00 pm", time(14, 0), time(15, 0)),
]
NOT_A_TIME = ["15 am Institut", "0:30 am", "13 am"]


@pytest.mark.parametrize(("text", "start", "end"), TIME_RANGE)
def test_time_range(text: str, start: time, end: time | None) -> None:
    assert times.find_time_range(text)[:2] == (start, end)


@pytest.mark.parametrize("text", NOT_A_TIME)
def test_not_a_time(text: str) -> None:
    assert times.find_time_range(text)[0] is None


# --------------------------------------------------------------------------- 12-hour afternoons

MORNING = ["8:30 - 9:15", "9:15 - 10:00", "11:40 - 12:10"]
AFTERNOON_PAGES = [
    # (slots of the page, the slot read, its start)
    ([*MORNING, "12:10 - 12:40", "1:30 - 2:30", "2:45 -3:15"], "1:30 - 2:30", time(13, 30)),
    ([*MORNING, "12:10 - 12:40", "1:30 - 2:30", "2:45 -3:15"], "2:45 -3:15", time(14, 45)),
    ([*MORNING, "12:10 - 12:40", "1:30 - 2:30"], "9:15 - 10:00", time(9, 15)),
]
NOT_AFTERNOON_PAGES = [
    ([*MORNING, "1:30 - 2:30"], "1:30 - 2:30"),  # no slot at noon before it
    ([*MORNING, "12:10 - 12:40", "13:00 - 14:00", "1:30 - 2:30"], "1:30 - 2:30"),  # 24-hour
    (["1:30 - 2:30", *MORNING], "1:30 - 2:30"),  # before the morning: a night slot
]


def _page_line(slots: list[str], wanted: str) -> Line:
    memo.new_page()
    root = html.fromstring(
        "<html><body>" + "".join(f"<p>{s}</p>" for s in slots) + "</body></html>"
    )
    element = root.xpath("//p")[slots.index(wanted)]
    return Line(text=wanted, element=element, fragments=[(wanted, None)], index=1)


@pytest.mark.parametrize(("slots", "wanted", "start"), AFTERNOON_PAGES)
def test_afternoon_slot(slots: list[str], wanted: str, start: time) -> None:
    line = _page_line(slots, wanted)
    assert parse_line(line, PageContext("https://example.org/programa/", None, 2025)).start == start


@pytest.mark.parametrize(("slots", "wanted"), NOT_AFTERNOON_PAGES)
def test_no_afternoon_slot(slots: list[str], wanted: str) -> None:
    line = _page_line(slots, wanted)
    assert parse_line(line, PageContext("https://example.org/programa/", None, 2025)).start is None


def test_padded_night_slot_is_no_afternoon() -> None:
    slots = [*MORNING, "12:10 - 12:40", "03:15 - 04:00"]
    line = _page_line(slots, "03:15 - 04:00")
    assert twelve_hour_page(line.element) is False
    assert parse_line(line, PageContext("https://example.org/", None, 2025)).start == time(3, 15)


# --------------------------------------------------------------------------- link labels

LINK_LABELS = ["Slides PDF", "Video recording", "Vidéo", "Live", "Download Paper", "Slides (PDF)"]
NOT_LINK_LABELS = ["Live coding", "Paper title", "Video games", "Live from the lab", "PDF tools"]


@pytest.mark.parametrize("text", LINK_LABELS)
def test_link_piece(text: str) -> None:
    assert LINK_PIECE.match(text)


@pytest.mark.parametrize("text", NOT_LINK_LABELS)
def test_not_link_piece(text: str) -> None:
    assert not LINK_PIECE.match(text)


TRAILING_LINKS = [
    # (text before the link, the link's label, what is left)
    ("Jane Roe: Sparse graphs ", "[Slides PDF]", "Jane Roe: Sparse graphs"),
    ("Ann Lee - Knots and braids. ", "Vidéo.", "Ann Lee - Knots and braids."),
    ("Ann Lee - Knots and braids ", "Live", "Ann Lee - Knots and braids"),
    ("Ann Lee - Knots and braids ", "Live coding", "Ann Lee - Knots and braids Live coding"),
]


@pytest.mark.parametrize(("before", "label", "rest"), TRAILING_LINKS)
def test_link_label_is_cut_from_the_line(before: str, label: str, rest: str) -> None:
    root = html.fromstring(f'<p>{before}<a href="x.pdf">{label}</a></p>')
    line = Line(text=before + label, element=root, fragments=[(before, None), (label, root[0])])
    assert parse_line(line, PageContext("https://example.org/", None, 2025)).rest == rest


# --------------------------------------------------------------------------- status brackets

STATUS_TAGS = [
    ("[upcoming ✨ 02/11/2026] Jane Roe - Sparse graphs", "Jane Roe - Sparse graphs"),
    ("(à venir · 5 mars 2026) Ana Ruiz : Ondes", "Ana Ruiz : Ondes"),
    ("[🔴 live, 02/11/2026] Ann Lee — Knots", "Ann Lee — Knots"),
]
KEPT_BRACKETS = [
    ("(joint work, 02/11/2026) Sparse graphs", "(joint work"),
    ("[upcoming] Sparse graphs, 02/11/2026", "[upcoming]"),  # no date was in it
]


@pytest.mark.parametrize(("text", "rest"), STATUS_TAGS)
def test_status_bracket_goes_with_the_date(text: str, rest: str) -> None:
    parsed = parse_line(_line(text), PageContext("https://example.org/", None, 2026))
    assert parsed.day is not None and parsed.rest == rest


@pytest.mark.parametrize(("text", "kept"), KEPT_BRACKETS)
def test_other_brackets_stay(text: str, kept: str) -> None:
    parsed = parse_line(_line(text), PageContext("https://example.org/", None, 2026))
    assert parsed.day is not None and kept in parsed.rest
