"""researchseminars.org: series pages, talk pages, and how the two are put together."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from parsers import parse_document
from parsers.common import html
from parsers.platforms import researchseminars
from parsers.platforms.researchseminars import _speakers, detect
from parsers.walk import parse_site

GENERIC = Path(__file__).parent / "fixtures" / "generic"
SERIES = (GENERIC / "researchseminars-series" / "page.html").read_bytes()
TALK = (GENERIC / "researchseminars-talk" / "page.html").read_bytes()
SERIES_URL = "https://researchseminars.org/seminar/CATSem"


def test_series_page_with_a_clock_places_the_year_by_weekday() -> None:
    result = parse_document(SERIES, SERIES_URL, now=datetime(2025, 9, 1))
    assert result.parser == "researchseminars"
    assert [(t.title, t.starts_at) for t in result.talks] == [
        ("Higher sheaves and descent", "2025-10-09T15:00:00+00:00"),
        ("Operads and their algebras in homotopy theory", "2025-06-05T14:00:00+00:00"),
        ("Model structures on simplicial sets", "2025-05-15T14:00:00+00:00"),
        ("TBA", "2025-05-08T14:00:00+00:00"),
    ]


def test_series_page_follows_each_talk_page() -> None:
    result = parse_document(SERIES, SERIES_URL)
    assert [f.url for f in result.follow] == [
        f"https://researchseminars.org/talk/CATSem/{n}/" for n in (12, 11, 10, 9)
    ]
    assert {f.role for f in result.follow} == {"detail"}


def test_talk_page_completes_its_listing_row() -> None:
    series = SERIES.replace(b'knowl="talk/CATSem/12"', b'knowl="talk/CATSem/13"')
    pages = {SERIES_URL: series, "https://researchseminars.org/talk/CATSem/13/": TALK}
    result = parse_site(pages.get, SERIES_URL)
    talk = next(t for t in result.talks if t.url.endswith("/13/"))
    assert talk.title == "Stable homotopy of spheres via synthetic spectra"
    assert [(s.name, s.affiliation) for s in talk.speakers] == [
        ("Hanna Berg", "Universitetet i Exempelby"),
        ("Luca Moretti", None),
    ]
    assert (talk.starts_at, talk.ends_at) == (
        "2026-01-15T15:00:00+00:00",
        "2026-01-15T16:30:00+00:00",
    )
    assert (talk.location, talk.online) == ("Room P3.10", True)
    assert talk.abstract.startswith("Synthetic spectra") and "Audience" not in talk.abstract
    assert {link.kind for link in talk.links} == {"slides", "video"}


def test_talk_page_of_the_current_year_needs_a_clock() -> None:
    page = TALK.replace(b"15-Jan-2026, 15:00-16:30", b"Thu Jan 15, 15:00-16:30")
    url = "https://researchseminars.org/talk/CATSem/13/"
    assert parse_document(page, url).talks[0].starts_at is None
    dated = parse_document(page, url, now=datetime(2026, 1, 2)).talks[0]
    assert dated.starts_at == "2026-01-15T15:00:00+00:00"


def test_times_follow_the_zone_the_page_names() -> None:
    page = TALK.replace(b"UTC (UTC +0)", b"Europe/Lisbon (UTC +0)")
    talk = parse_document(page, "https://researchseminars.org/talk/CATSem/13/").talks[0]
    assert (talk.starts_at, talk.timezone) == ("2026-01-15T15:00:00+00:00", "Europe/Lisbon")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Jane Doe", [("Jane Doe", None)]),
        ("Jane Doe (MIT)", [("Jane Doe", "MIT")]),
        ("Jane Doe (MIT) and John Roe", [("Jane Doe", "MIT"), ("John Roe", None)]),
        (
            "Jane Doe (Univ. of X, Lisbon), John Roe, and Ann Lee (KTH)",
            [("Jane Doe", "Univ. of X, Lisbon"), ("John Roe", None), ("Ann Lee", "KTH")],
        ),
        ("", []),
    ],
)
def test_speaker_cells(cell: str, expected: list) -> None:
    assert [(s.name, s.affiliation) for s in _speakers(cell)] == expected


@pytest.mark.parametrize(
    ("page", "sure"),
    [
        (SERIES, True),
        (TALK, True),
        # negative rows: a talk body without the site's name, a plain table of talks
        (TALK.replace(b"researchseminars.org - View talk", b"Talks"), False),
        (b"<html><body><table class='ntdata'><tr><td>Thu</td></tr></table></body></html>", False),
    ],
)
def test_detect(page: bytes, sure: bool) -> None:
    assert (detect(html.load(page)) >= 0.5) is sure


def test_module_is_a_platform_parser() -> None:
    from parsers import registry

    assert registry.platform_parsers()["researchseminars"] is researchseminars
