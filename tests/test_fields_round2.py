"""Round-2 field rules (issue 10): calendar slots that are no talk, first-name speakers,
dotted ISO dates, multi-day dates, Oxford-comma speaker lists, printed zones over the
source's. Synthetic strings only; each rule has rows that must NOT match."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parsers.base import Context
from parsers.common import dates, html
from parsers.common.people import people_in
from parsers.heuristic.labels import label_of
from parsers.markup.ical import parse_calendar
from parsers.platforms import hugo_academic, tribe_events

URL = "https://example.org/group.ics"


def feed(*events: str, header: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{header}{body}END:VCALENDAR\r\n".encode()


def event(summary: str, extra: str = "", start: str = "DTSTART;VALUE=DATE:20300114") -> str:
    return f"UID:{abs(hash(summary))}@x\r\n{start}\r\nSUMMARY:{summary}\r\n{extra}"


def read(*events: str, header: str = "") -> list[tuple]:
    talks = parse_calendar(feed(*events, header=header), Context(url=URL)).talks
    return [(t.title, [(s.name, s.affiliation) for s in t.speakers], t.starts_at) for t in talks]


@pytest.mark.parametrize(
    "summary, want",
    [
        ("Sheaves on moduli stacks (Marta)", ("Sheaves on moduli stacks", [("Marta", None)])),
        ("Counting tropical curves (TJ)", ("Counting tropical curves", [("TJ", None)])),
        ("Derived categories again (TBD)", ("Derived categories again", [])),
        ("Quentin Ridley (Utrecht) — Seminar", (None, [("Quentin Ridley", "Utrecht")])),
        # negative rows: an acronym is an affiliation, one word is no title, a generic word
        ("Sheaves on moduli stacks (MIT)", ("Sheaves on moduli stacks (MIT)", [])),
        ("Sheaves (Marta)", ("Sheaves (Marta)", [])),
        ("Sheaves on moduli stacks (Seminar)", ("Sheaves on moduli stacks (Seminar)", [])),
    ],
)
def test_summary_title_and_first_name(summary: str, want: tuple) -> None:
    got = read(event(summary))
    assert got[0][:2] == want


@pytest.mark.parametrize(
    "summary, kept",
    [
        ("Working day — compute some examples", False),
        ("Writing session and/or working day", False),
        ("Group Seminar: speaker to be announced", False),
        ("TBA", False),
        # negative rows: a talk about work, a talk with a speaker, a titled placeholder speaker
        ("The working class in economic models", True),
        ("Working day — Quentin Ridley (Utrecht)", True),
        ("Title to be announced (Quentin Ridley)", True),
    ],
)
def test_slots_that_are_no_talk(summary: str, kept: bool) -> None:
    assert bool(read(event(summary))) is kept


def test_series_part_of_calendar_name_is_no_title() -> None:
    """SUMMARY "Series: Speaker (Aff)"; the title is the quoted line after the speaker in
    DESCRIPTION, whose fuller affiliation wins."""
    header = "X-WR-CALNAME:Institute Seminar — Markets and Models\r\n"
    description = (
        'DESCRIPTION:Quentin Ridley (Utrecht University)\\n"Auctions with noisy bidders"\\n'
        "\\nOpen to all."
    )
    got = read(event("Markets and Models: Quentin Ridley (Utrecht)", description), header=header)
    assert got == [
        ("Auctions with noisy bidders", [("Quentin Ridley", "Utrecht University")], "2030-01-14")
    ]
    # negative: a quoted line after a line that is no person is no title
    got = read(
        event(
            "Markets and Models: Quentin Ridley (Utrecht)",
            'DESCRIPTION:Open to all\\n"Bring a friend"',
        ),
        header=header,
    )
    assert got[0][0] is None


def test_event_without_dtstart_is_kept_undated() -> None:
    got = read(
        event("Quentin Ridley (Utrecht)", start=""),
        event("Seminar by Quentin Ridley postponed to May 3", start=""),  # a notice
    )
    assert got == [(None, [("Quentin Ridley", "Utrecht")], None)]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, want",
    [
        ("2023.11.27: Invited talk, Some Workshop", date(2023, 11, 27)),
        ("09, 10 e 11 de maio de 2018", date(2018, 5, 9)),
        ("26 e 27 de agosto 2016", date(2016, 8, 26)),
        ("3 and 4 March 2024", date(2024, 3, 3)),
        ("20-21 Feb 2025", date(2025, 2, 20)),
        # negative rows: a number before a comma is no first day; a dotted version is no date
        ("Talk 3, 12 March 2024", date(2024, 3, 12)),
        ("Room 5, 10 May 2024", date(2024, 5, 10)),
        ("release v2023.11.27.1", None),
        ("1.2023.11.27", None),
    ],
)
def test_dotted_iso_and_multi_day_dates(text: str, want: date | None) -> None:
    found = dates.find_date(text, default_year=2000)
    assert (found[0] if found else None) == want


# --------------------------------------------------------------------------- people


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "Ana Lima (MIT), Bo Chen (ETH), and Cy Dorn",
            [("Ana Lima", "MIT"), ("Bo Chen", "ETH"), ("Cy Dorn", None)],
        ),
        (
            "Ana Lima (MIT), Bo Chen (ETH) and Cy Dorn (KTH)",
            [("Ana Lima", "MIT"), ("Bo Chen", "ETH"), ("Cy Dorn", "KTH")],
        ),
        # negative rows: what follows the comma is no person, so the line is no speaker list
        ("Ana Lima (MIT), Center for Robotics", []),
        ("Jane Doe (MIT), Deep Learning for Graphs", []),
    ],
)
def test_oxford_comma_speaker_lists(text: str, want: list) -> None:
    assert [(s.name, s.affiliation) for s in people_in(text)] == want


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    "label, kind",
    [("Tema", "title"), ("Tema:", "title"), ("Topic", "title"), ("Temat", None), ("Team", None)],
)
def test_title_labels(label: str, kind: str | None) -> None:
    assert label_of(label) == kind


# --------------------------------------------------------------------------- printed zones

GENERIC = Path(__file__).parent / "fixtures" / "generic"


@pytest.mark.parametrize(
    "case, module, old, new, zone",
    [
        ("tribe-list", tribe_events, "3:30 pm<", "3:30 pm EST<", "America/New_York"),
        ("wowchemy-events", hugo_academic, "PM &mdash;", "PM CET &mdash;", "Europe/Paris"),
        # negative rows: with no zone printed, the source's zone stands
        ("tribe-list", tribe_events, "", "", "Asia/Tokyo"),
        ("wowchemy-events", hugo_academic, "", "", "Asia/Tokyo"),
    ],
)
def test_printed_zone_beats_the_sources(case, module, old, new, zone) -> None:
    text = (GENERIC / case / "page.html").read_text("utf-8")
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    ctx = Context(url="https://example.org/", timezone="Asia/Tokyo")
    assert module.parse(html.load(text), ctx).talks[0].timezone == zone
