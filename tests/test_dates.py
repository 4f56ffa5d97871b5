"""parsers/common/dates.py: real strings from the seed pages, the forms seminar pages use in
other languages, and negative rows that must NOT produce a date or a time.

Decisions these tables pin down (and why):
- A date without a year ("Lundi 27 mai", "the 5 March", "Tue 3/5") is a date only when the
  caller supplies `default_year`; without it the answer is None, never a guessed year.
- "the 5 March" is a date (day + month), like "5 March"; the article does not matter.
- A bare year ("2024"), a month and year ("May 2024") or a season are not dates of a talk.
- "May I ask" is not a date: "May" needs a day next to it.
- "10.30" after a label ("version 10.30", "Room 2.15", "Section 10.30") is a number; the same
  digits at the start of a line, after "at"/"kl." or a weekday are a clock time.
- Times with no am/pm are 24-hour, except with `twelve_hour=True` (US agendas: "1:00-2:00"
  after lunch is 13:00-14:00) or when the range would otherwise end before it starts
  ("12:00-1:00" is 12:00-13:00; "22:00-1:00" stays an overnight range).
"""

from __future__ import annotations

from datetime import date, time

import pytest

from parsers.common import dates, times, zones

# --------------------------------------------------------------------------- find_date

# (text, default_year, day_first, expected date, expected matched text or None to skip)
FIND_DATE = [
    # seed pages
    ("30 May 2024", None, True, date(2024, 5, 30), "30 May 2024"),  # GAPinDNNs card
    ("30 May 2024 10:30", None, True, date(2024, 5, 30), "30 May 2024"),
    ("February 15, 2023", None, True, date(2023, 2, 15), "February 15, 2023"),  # weihuang
    ("December 01, 2021", None, True, date(2021, 12, 1), "December 01, 2021"),  # weihuang
    ("Feb 20, 2025", None, True, date(2025, 2, 20), "Feb 20, 2025"),  # UT agenda heading
    ("Feb 20, 2025 9:55-10:40am", None, True, date(2025, 2, 20), "Feb 20, 2025"),
    ("2021-06-01", None, True, date(2021, 6, 1), "2021-06-01"),  # academicpages permalink
    # other languages and spellings
    ("5. März 2024, 14:15 Uhr", None, True, date(2024, 3, 5), "5. März 2024"),
    ("mardi 3 décembre 2024 à 14h", None, True, date(2024, 12, 3), "3 décembre 2024"),
    ("December 9th 2022", None, True, date(2022, 12, 9), "December 9th 2022"),
    ("1er mars 2024", None, True, date(2024, 3, 1), "1er mars 2024"),
    ("3 de março de 2024", None, True, date(2024, 3, 3), "3 de março de 2024"),
    ("20-21 Feb 2025", None, True, date(2025, 2, 20), None),  # a two-day event starts day 1
    ("Feb 20-21, 2025", None, True, date(2025, 2, 20), None),
    ("Feb 29, 2024", None, True, date(2024, 2, 29), None),
    # no year in the text: only with a default year
    ("Lundi 27 mai", 2024, True, date(2024, 5, 27), "27 mai"),
    ("the 5 March", 2024, True, date(2024, 3, 5), "5 March"),
    ("Tue 3/5 at 4pm", 2024, False, date(2024, 3, 5), "3/5"),  # US: month first
    ("Tue 3/5 at 4pm", 2024, True, date(2024, 5, 3), "3/5"),  # Europe: day first
    # numeric dates
    ("13/05/2024", None, True, date(2024, 5, 13), None),
    ("05/13/2024", None, False, date(2024, 5, 13), None),
    ("31.12.2024", None, True, date(2024, 12, 31), None),
    # Japanese, Chinese and Korean
    ("2024年10月15日(火) 15:30-16:30", None, True, date(2024, 10, 15), "2024年10月15日"),
    ("10月15日", 2024, True, date(2024, 10, 15), "10月15日"),
    ("2024년 10월 15일", None, True, date(2024, 10, 15), "2024년 10월 15일"),
]

# (text, default_year): none of these is a date
NOT_A_DATE = [
    ("Lundi 27 mai", None),  # no year and no default: not placeable
    ("the 5 March", None),
    ("Tue 3/5 at 4pm", None),
    ("3-4", 2024),
    ("2022-2023", 2024),  # an academic year
    ("Room 6.302", 2024),
    ("Gates Dell Complex (GDC 6.302)", 2024),  # UT venue
    ("1:00-2:00 - Faculty Lunch (GDC 4.202)", 2024),  # UT agenda line
    ("call 555-1234", 2024),
    ("Section 3.2", 2024),
    ("version 10.30", 2024),
    ("2024", None),
    ("2024", 2024),
    ("May 2024", None),  # a month, not a day
    ("May I ask", 2024),
    ("Thursdays at 10.30am", 2024),  # GAPinDNNs intro: a weekly slot, not a date
    ("MVL-14", 2024),  # GAPinDNNs room
    ("2:30-4:00pm - Three graduate student talks, 25 mins each", 2024),
    ("Jan 32, 2024", None),
    ("Feb 29, 2023", None),  # not a leap year
    ("13/13/2024", None),
    ("05/13/2024", None),  # day-first reading has no month 13
    ("112月3日", 2024),  # a month of 112
]


@pytest.mark.parametrize(("text", "year", "day_first", "want", "matched"), FIND_DATE)
def test_find_date(
    text: str, year: int | None, day_first: bool, want: date, matched: str | None
) -> None:
    found = dates.find_date(text, default_year=year, day_first=day_first)
    assert found is not None
    day, (start, stop) = found
    assert day == want
    if matched is not None:
        assert text[start:stop] == matched


@pytest.mark.parametrize(("text", "year"), NOT_A_DATE)
def test_find_date_negative(text: str, year: int | None) -> None:
    assert dates.find_date(text, default_year=year) is None


# --------------------------------------------------------------------------- parse_date

PARSE_DATE = [
    # (text, kwargs, expected)
    ("December 01, 2021", {"formats": ("%B %d, %Y",)}, date(2021, 12, 1)),  # strptime path
    ("Feb 20, 2025", {"fallback": False}, date(2025, 2, 20)),
    ("  30 May\n 2024 ", {}, date(2024, 5, 30)),  # whitespace from markup
    ("5th of March 2024", {}, date(2024, 3, 5)),  # only dateparser reads this
    ("2024/03/05", {}, date(2024, 3, 5)),
    ("Donnerstag, 14. März 2024", {}, date(2024, 3, 14)),
    ("martes, 5 de marzo de 2024", {}, date(2024, 3, 5)),
    ("Tuesday 5 March", {"default_year": 2024}, date(2024, 3, 5)),
    ("5th of March 2024", {"fallback": False}, None),  # the cheap rules alone do not
    ("Tuesday 5 March", {}, None),
    ("Spring 2023", {}, None),
    ("March 2024", {}, None),
    ("TBA", {}, None),
    ("next Tuesday", {}, None),  # relative dates need a clock we do not have
    ("tomorrow", {}, None),
]


@pytest.mark.parametrize(("text", "kwargs", "want"), PARSE_DATE)
def test_parse_date(text: str, kwargs: dict, want: date | None) -> None:
    assert dates.parse_date(text, **kwargs) == want


# --------------------------------------------------------------------------- find_time_range

T = time
FIND_TIME = [
    # (text, twelve_hour, start, end)   seed pages first
    ("10:30", False, T(10, 30), None),  # GAPinDNNs clock, after its calendar date
    ("9:55-10:40am", True, T(9, 55), T(10, 40)),  # UT agenda
    ("8:30-9:00am Coffee and Breakfast", True, T(8, 30), T(9, 0)),
    ("9:00-9:45am", True, T(9, 0), T(9, 45)),
    ("1:00-2:00 - Faculty Lunch (GDC 4.202)", True, T(13, 0), T(14, 0)),
    ("1:00-2:00", False, T(1, 0), T(2, 0)),  # literal 24-hour reading without the flag
    ("12:15-1:00pm - Eli Grigsby", True, T(12, 15), T(13, 0)),
    ("11:00-12:00pm - Yoav Wald", True, T(11, 0), T(12, 0)),
    ("2:30-4:00pm - Three graduate student talks, 25 mins each", True, T(14, 30), T(16, 0)),
    ("Thursdays at 10.30am", False, T(10, 30), None),  # GAPinDNNs intro
    # other forms
    ("3-4pm", False, T(15, 0), T(16, 0)),
    ("1-2 pm", False, T(13, 0), T(14, 0)),
    ("11am-12pm", False, T(11, 0), T(12, 0)),
    ("11:30am - 1pm", False, T(11, 30), T(13, 0)),
    ("4 p.m.", False, T(16, 0), None),
    ("at 4pm", False, T(16, 0), None),
    ("12pm", False, T(12, 0), None),
    ("12am", False, T(0, 0), None),
    ("noon", False, T(12, 0), None),
    ("14h - 15h", False, T(14, 0), T(15, 0)),
    ("14h-15h30", False, T(14, 0), T(15, 30)),
    ("à 14h", False, T(14, 0), None),
    ("14:15 Uhr", False, T(14, 15), None),
    ("16.00-17.00", False, T(16, 0), T(17, 0)),
    ("kl. 10.30", False, T(10, 30), None),
    ("Thursday 14.15", False, T(14, 15), None),
    ("9:00 to 10:30", False, T(9, 0), T(10, 30)),
    ("13:00-14:00 CET", False, T(13, 0), T(14, 0)),
    ("12:00-1:00", False, T(12, 0), T(13, 0)),  # never an end before the start
    ("22:00-1:00", False, T(22, 0), T(1, 0)),  # a 24-hour start: overnight, kept as written
]

NOT_A_TIME = [
    "3-4",  # a score, pages, a range of anything
    "2022-2023",
    "Room 6.302",
    "Gates Dell Complex (GDC 6.302)",
    "call 555-1234",
    "Section 3.2",
    "Section 10.30",
    "version 10.30",
    "Python 3.10",
    "Room 2.15",
    "$12.50",
    "2024",
    "25 mins each",
    "MVL-14",
    "25:00",
    "10:75",
    "Coffee Break",
    "Amphitheatre Fa2, IST",
    "Aula 10.30",  # a room number after a room word, in any language
    "Raum 10.15",
]


@pytest.mark.parametrize(("text", "twelve_hour", "start", "end"), FIND_TIME)
def test_find_time_range(text: str, twelve_hour: bool, start: time, end: time | None) -> None:
    got_start, got_end, span = times.find_time_range(text, twelve_hour=twelve_hour)
    assert (got_start, got_end) == (start, end)
    assert span is not None and 0 <= span[0] < span[1] <= len(text)


@pytest.mark.parametrize("text", NOT_A_TIME)
@pytest.mark.parametrize("twelve_hour", [False, True])
def test_find_time_range_negative(text: str, twelve_hour: bool) -> None:
    assert times.find_time_range(text, twelve_hour=twelve_hour) == (None, None, None)


# --------------------------------------------------------------------------- when

WHEN = [
    # (text, tz, kwargs, starts_at, ends_at)
    ("30 May 2024 10:30", "Europe/Stockholm", {}, "2024-05-30T10:30:00+02:00", None),
    (
        "Feb 20, 2025 9:55-10:40am",
        "America/Chicago",
        {},
        "2025-02-20T09:55:00-06:00",
        "2025-02-20T10:40:00-06:00",
    ),
    (
        "June 5, 2025 9:55-10:40am",
        "America/Chicago",
        {},
        "2025-06-05T09:55:00-05:00",
        "2025-06-05T10:40:00-05:00",
    ),
    # both sides of a DST change: the offset is the one in force on that local day
    ("29 March 2025 10:30", "Europe/Stockholm", {}, "2025-03-29T10:30:00+01:00", None),
    ("30 March 2025 10:30", "Europe/Stockholm", {}, "2025-03-30T10:30:00+02:00", None),
    ("25 October 2025 10:30", "Europe/Stockholm", {}, "2025-10-25T10:30:00+02:00", None),
    ("26 October 2025 10:30", "Europe/Stockholm", {}, "2025-10-26T10:30:00+01:00", None),
    ("March 8, 2025 4pm", "America/Chicago", {}, "2025-03-08T16:00:00-06:00", None),
    ("March 10, 2025 4pm", "America/Chicago", {}, "2025-03-10T16:00:00-05:00", None),
    # agenda rows under a day heading
    (
        "9:55-10:40am",
        "America/Chicago",
        {"day": date(2025, 2, 20), "twelve_hour": True},
        "2025-02-20T09:55:00-06:00",
        "2025-02-20T10:40:00-06:00",
    ),
    (
        "1:00-2:00",
        "America/Chicago",
        {"day": date(2025, 2, 21), "twelve_hour": True},
        "2025-02-21T13:00:00-06:00",
        "2025-02-21T14:00:00-06:00",
    ),
    (
        "12:15-1:00pm",
        "America/Chicago",
        {"day": date(2025, 2, 21), "twelve_hour": True},
        "2025-02-21T12:15:00-06:00",
        "2025-02-21T13:00:00-06:00",
    ),
    # other languages
    ("5. März 2024, 14:15 Uhr", "Europe/Berlin", {}, "2024-03-05T14:15:00+01:00", None),
    ("mardi 3 décembre 2024 à 14h", "Europe/Paris", {}, "2024-12-03T14:00:00+01:00", None),
    ("December 9th 2022", None, {}, "2022-12-09", None),
    ("Lundi 27 mai", "Europe/Paris", {"default_year": 2024}, "2024-05-27", None),
    (
        "Tue 3/5 at 4pm",
        "America/New_York",
        {"default_year": 2024, "day_first": False},
        "2024-03-05T16:00:00-05:00",
        None,
    ),
    (
        "Tue 3/5 at 4pm",
        "America/New_York",
        {"default_year": 2024},
        "2024-05-03T16:00:00-04:00",
        None,
    ),
    # a date with no clock time stays a date (no offset); a time with no zone stays local
    ("30 May 2024", "Europe/Stockholm", {}, "2024-05-30", None),
    ("30 May 2024 10:30", None, {}, "2024-05-30T10:30:00", None),
    # nothing to place
    ("Thursdays at 10.30am", "Europe/Stockholm", {}, None, None),
    ("Lundi 27 mai", "Europe/Paris", {}, None, None),
    ("version 10.30", "Europe/Stockholm", {"day": date(2024, 5, 30)}, "2024-05-30", None),
    ("", "Europe/Stockholm", {}, None, None),
    (None, "Europe/Stockholm", {}, None, None),
]


@pytest.mark.parametrize(("text", "tz", "kwargs", "starts", "ends"), WHEN)
def test_when(
    text: str | None, tz: str | None, kwargs: dict, starts: str | None, ends: str | None
) -> None:
    assert dates.when(text, tz, **kwargs) == (starts, ends)


# --------------------------------------------------------------------------- machine values

FROM_MACHINE = [
    # (value, tz, date_only, expected)
    ("2021-06-01T00:00:00+00:00", None, True, "2021-06-01"),  # academicpages: a date
    ("2022-02-24T16:30:00+00:00", "Europe/Lisbon", False, "2022-02-24T16:30:00+00:00"),  # IST
    ("2022-02-24T17:30:00+00:00", "Europe/Lisbon", False, "2022-02-24T17:30:00+00:00"),
    ("2022-06-16T16:30:00+00:00", "Europe/Lisbon", False, "2022-06-16T17:30:00+01:00"),
    ("2022-02-24T16:30:00Z", "Europe/Lisbon", False, "2022-02-24T16:30:00+00:00"),
    ("2025-02-20T14:30:00Z", "America/Chicago", False, "2025-02-20T08:30:00-06:00"),
    ("2024-05-30T10:30:00", "Europe/Stockholm", False, "2024-05-30T10:30:00+02:00"),
    ("2022-06-16", "Europe/Lisbon", False, "2022-06-16"),  # John Baez: date only
    (" 2022-06-16 ", None, False, "2022-06-16"),
    ("2022-02-24T16:30:00+00:00", None, False, "2022-02-24T16:30:00+00:00"),
    # unreadable -> None
    ("2022-02-30T16:30:00+00:00", "Europe/Lisbon", False, None),
    ("2022-13-01", None, False, None),
    ("TBA", None, False, None),
    ("", None, False, None),
    (None, None, False, None),
]


@pytest.mark.parametrize(("value", "tz", "date_only", "want"), FROM_MACHINE)
def test_from_machine(value: str | None, tz: str | None, date_only: bool, want: str | None) -> None:
    assert dates.from_machine(value, tz, date_only=date_only) == want


TO_UTC = [
    ("2024-05-30T10:30:00+02:00", None, "2024-05-30T08:30:00Z"),
    ("2025-02-20T09:55:00-06:00", None, "2025-02-20T15:55:00Z"),
    ("2022-02-24T16:30:00+00:00", None, "2022-02-24T16:30:00Z"),
    ("2024-05-30T10:30:00", "Europe/Stockholm", "2024-05-30T08:30:00Z"),
    ("2024-05-30", None, "2024-05-30"),
    ("2024-05-30T10:30:00", None, None),  # local time, zone unknown: no instant
    ("2024-05-30T10:30:00", "Not/AZone", None),
    ("garbage", None, None),
    ("", None, None),
    (None, None, None),
]


@pytest.mark.parametrize(("value", "tz", "want"), TO_UTC)
def test_to_utc(value: str | None, tz: str | None, want: str | None) -> None:
    assert dates.to_utc(value, tz) == want


D = date
COMBINE = [
    (D(2024, 5, 30), T(10, 30), "Europe/Stockholm", "2024-05-30T10:30:00+02:00"),
    (D(2025, 3, 29), T(10, 30), "Europe/Stockholm", "2025-03-29T10:30:00+01:00"),
    (D(2025, 3, 30), T(10, 30), "Europe/Stockholm", "2025-03-30T10:30:00+02:00"),
    (D(2025, 10, 25), T(10, 30), "Europe/Stockholm", "2025-10-25T10:30:00+02:00"),
    (D(2025, 10, 27), T(10, 30), "Europe/Stockholm", "2025-10-27T10:30:00+01:00"),
    (D(2025, 2, 20), T(9, 55), "America/Chicago", "2025-02-20T09:55:00-06:00"),
    (D(2025, 6, 20), T(9, 55), "America/Chicago", "2025-06-20T09:55:00-05:00"),
    (D(2022, 2, 24), T(16, 30), "Europe/Lisbon", "2022-02-24T16:30:00+00:00"),
    (D(2024, 5, 30), None, "Europe/Stockholm", "2024-05-30"),
    (D(2024, 5, 30), T(10, 30), None, "2024-05-30T10:30:00"),
    (None, T(10, 30), "Europe/Stockholm", None),
]


@pytest.mark.parametrize(("day", "at", "tz", "want"), COMBINE)
def test_combine(day: date | None, at: time | None, tz: str | None, want: str | None) -> None:
    assert dates.combine(day, at, tz) == want


FIND_ZONE = [
    ("Europe/Lisbon", "Europe/Lisbon"),  # IST shows it on every talk
    ("Time zone: America/Chicago", "America/Chicago"),
    ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("4pm ET", "America/New_York"),
    ("3pm EDT", "America/New_York"),  # an abbreviation names a zone, never a fixed offset
    ("3pm CST", "America/Chicago"),
    ("14:00 CET", "Europe/Paris"),
    ("16:30 UTC", "UTC"),
    ("all talks at 14:00 CE(S)T", "Europe/Paris"),  # one label for both halves of the year
    ("14:00 CET/CEST", "Europe/Paris"),
    ("3 pm Eastern Time", "America/New_York"),  # written out
    ("Central European Summer Time", "Europe/Paris"),
    ("11:00 (Paris time)", "Europe/Paris"),  # a city the zone database names
    ("10am New York time", "America/New_York"),
    ("15h (GMT-3)", "Etc/GMT+3"),  # an explicit offset: POSIX sign inverted
    ("14:00 UTC+1", "Etc/GMT-1"),
    ("14:00 UTC+01:00", "Etc/GMT-1"),
    ("16:00 GMT+0", "UTC"),
    ("12:00 12 PM ET / 5 PM WAT", "America/New_York"),  # the first zone printed
    ("Room MVL-14", None),
    ("9:30 UTC+5:30", None),  # no Etc zone for a half-hour offset, and not UTC either
    ("the central time of day", None),  # a zone word in lower case is prose
    ("Question time", None),  # not a city
    ("Local time", None),
    ("Amphitheatre Fa2, IST", None),  # IST is the school here, and ambiguous as a zone anyway
    ("IT Department", None),
    ("ETH Zürich", None),
    ("Online", None),
    ("Mars/Olympus", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "want"), FIND_ZONE)
def test_find_zone(text: str | None, want: str | None) -> None:
    assert zones.find_zone(text) == want


# --------------------------------------------------------------------------- bad input

BAD_TEXT = [
    None,
    "",
    "   ",
    "x" * 100_000,
    "1:" * 20_000,  # long runs of the characters the patterns look for
    "May " * 10_000,
    "1 " * 20_000,
    "\x00\x01\x02",
    "💥🗓️⏰",
    "<script>alert(1)</script>",
    "%PDF-1.4",
]


@pytest.mark.parametrize("text", BAD_TEXT, ids=lambda t: repr(t)[:20])
def test_bad_text_gives_none(text: str | None) -> None:
    assert dates.find_date(text) is None
    assert dates.parse_date(text) is None
    assert times.find_time_range(text) == (None, None, None)
    assert dates.when(text, "Europe/Stockholm") == (None, None)
    assert dates.from_machine(text, "Europe/Stockholm") is None
    assert dates.to_utc(text, "Europe/Stockholm") is None
    assert zones.find_zone(text) is None


def test_unreadable_names_page_text_and_talk() -> None:
    url = "https://gapindnns.github.io/_pages/seminar.html"
    message = dates.unreadable(url, "30 May 2O24 10:30", "talk_2024-05-30_Emma_Andersdotter")
    assert message.startswith(url + ": ")
    assert "'30 May 2O24 10:30'" in message
    assert "talk_2024-05-30_Emma_Andersdotter" in message
