"""Fuzzing the `auto` chain with hypothesis: mutated fixture pages never make it raise.

Mutations are the ways real pages break: truncated downloads, stray bytes and NULs, deleted
or duplicated markup, unbalanced tags, junk inside JSON-LD and iCalendar, deep nesting.
Each example must parse without an exception and within a time bound.
"""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import parse_document

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(
    [
        *FIXTURES.glob("generic/*/page.*"),
        *FIXTURES.glob("real/pages/*"),
        *FIXTURES.glob("sites/*/**/*.html"),
    ]
)
SEEDS = [p.read_bytes()[:60_000] for p in PAGES]
JUNK = [
    b"<",
    b">",
    b"</div>",
    b"<li>",
    b"<table>",
    b"\x00",
    b"\xff\xfe",
    b"&#",
    b"]]>",
    b'<script type="application/ld+json">{',
    b"BEGIN:VEVENT\r\n",
    b"RRULE:FREQ=SECONDLY\r\n",
    b"12/31 at 25:99pm",
    b"31. Februar 2024",
    b"Speaker: ",
    b'"@type": "Event",',
    b"<div>" * 300,
    "été à 14h – “".encode(),
]


@st.composite
def mutated(draw) -> bytes:
    page = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cut", "insert", "delete", "duplicate", "junk"]))
        if not page:
            break
        at = draw(st.integers(0, len(page) - 1))
        size = draw(st.integers(1, 2000))
        if kind == "cut":
            page = page[:at]
        elif kind == "insert":
            page = page[:at] + draw(st.binary(max_size=64)) + page[at:]
        elif kind == "delete":
            page = page[:at] + page[at + size :]
        elif kind == "duplicate":
            page = page[:at] + page[at : at + size] * draw(st.integers(2, 5)) + page[at:]
        else:
            page = page[:at] + draw(st.sampled_from(JUNK)) + page[at:]
    return page


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    page=mutated(),
    url=st.sampled_from(
        ["https://example.org/seminars/", "https://example.org/feed.ics", "file:///tmp/x.html"]
    ),
)
def test_mutated_pages_never_raise(page: bytes, url: str) -> None:
    started = time.perf_counter()
    result = parse_document(page, url)
    assert time.perf_counter() - started < 10
    for talk in result.talks:
        assert talk.title or talk.speakers


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=3000))
def test_arbitrary_text_never_raises(text: str) -> None:
    parse_document(text, "https://example.org/")
    parse_document("<html><body><ul><li>" + text + "</li></ul></body></html>", "https://e.org/")
