"""Our .ics files as real calendar clients read them: every event starts at talks.starts_at_utc.

Three readers, each on the file `seminars export ics` writes:

* ical.js 2.2.1, Mozilla's library (Thunderbird, many web calendars), through ``node`` and
  tests/clients/starts.mjs. It resolves a TZID from the file's own VTIMEZONE, so it is the
  reader that caught comma-separated RDATE lists (it reads only their first value).
* ``icalendar``, twice: the event as it reads it (it knows IANA zones itself), and the local
  time put through a tzinfo built from our VTIMEZONE alone (``to_tz(lookup_tzid=False)``).
* ``recurring-ical-events``, which expands calendars for many Python tools.

On two databases: the demo, and talks written here around DST changes in both hemispheres,
across the 2007 (US) and 2008 (Australia) rule changes, in the repeated autumn hour, and in
half-hour zones with and without DST.

ical.js comes from tests/clients/package-lock.json: `npm ci --prefix tests/clients` (.ci/run
runs it). Without it the ical.js tests fail, they do not skip: CI must run them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from crawler.db import Store

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parents[1]
SEMINARS = [sys.executable, "-m", "crawler.cli"]
CLIENTS = ROOT / "tests" / "clients"
ICAL_JS = CLIENTS / "node_modules" / "ical.js" / "package.json"
ICAL_JS_VERSION = "2.2.1"

# (zone, local wall-clock times): the days around each DST change, in both directions.
DST_TALKS = {
    "Europe/Stockholm": [
        "2024-03-29T10:00",
        "2024-03-31T10:00",
        "2024-04-02T10:00",
        "2024-10-25T10:00",
        "2024-10-27T10:00",
        "2024-10-29T10:00",
    ],
    "Australia/Sydney": [  # southern: DST ends in April, starts in October
        "2024-04-05T10:00",
        "2024-04-07T10:00",
        "2024-04-09T10:00",
        "2024-10-04T10:00",
        "2024-10-06T10:00",
        "2024-10-08T10:00",
        "2006-04-03T10:00",
        "2007-03-26T10:00",  # before the 2008 rule: ends 2 Apr / 25 Mar
    ],
    "America/Chicago": [
        "2024-03-08T12:00",
        "2024-03-10T12:00",
        "2024-03-12T12:00",
        "2024-11-01T12:00",
        "2024-11-03T12:00",
        "2024-11-05T12:00",
        "2006-04-03T12:00",
        "2006-10-30T12:00",  # the pre-2007 rule: April to October
        "2007-03-12T12:00",
        "2007-11-05T12:00",
    ],
    "Asia/Kolkata": ["2024-01-15T15:30", "2024-07-15T15:30"],  # +05:30, no DST
    "Australia/Adelaide": [  # +09:30 / +10:30
        "2024-04-05T16:00",
        "2024-04-07T16:00",
        "2024-10-04T16:00",
        "2024-10-06T16:00",
        "2008-04-07T16:00",
    ],
}
# The repeated hour of 2024-10-27 in Stockholm, both times round; a date-only talk; local
# times without offset in the hours a change repeats or skips (the store reads them as fold=0).
EXACT_TALKS = [
    ("Europe/Stockholm", datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Stockholm"))),
    (
        "Europe/Stockholm",
        datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Stockholm")),
    ),
    ("Australia/Sydney", date(2024, 10, 6)),
    ("America/Chicago", datetime(2024, 11, 3, 1, 30)),  # no offset: repeated hour, read as 1st
    ("America/Chicago", datetime(2024, 3, 10, 2, 30)),  # no offset: a skipped time
]


# --------------------------------------------------------------------------------------------
# Databases and files
# --------------------------------------------------------------------------------------------


def _talk(series: str, index: int, zone: str, start: date | datetime) -> dict[str, Any]:
    return {
        "id": hashlib.sha1(f"{series}:{index}".encode()).hexdigest()[:16],
        "title": f"Talk {index} in {zone}",
        "speakers": [{"name": f"Speaker {index}", "affiliation": None}],
        "starts_at": start.isoformat(),
        "ends_at": None,
        "timezone": zone,
        "location": None,
        "online": False,
        "abstract": None,
        "url": None,
        "links": [],
        "kind": "seminar",
        "series": zone,
        "status": "scheduled",
        "extracted_by": "tests",
        "source_url": f"https://example.org/{series}",
    }


@pytest.fixture(scope="module")
def dst_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Talks around DST changes, written with the store API, as a crawl would."""
    path = tmp_path_factory.mktemp("clients") / "dst.db"
    starts: dict[str, list[date | datetime]] = {
        zone: [datetime.fromisoformat(t).replace(tzinfo=ZoneInfo(zone)) for t in times]
        for zone, times in DST_TALKS.items()
    }
    for zone, start in EXACT_TALKS:
        starts[zone].append(start)
    with Store(path) as store:
        for zone, moments in starts.items():
            series = zone.replace("/", "_").lower()
            store.upsert_series(
                {
                    "id": series,
                    "name": zone,
                    "url": f"https://example.org/{series}",
                    "institution": None,
                    "timezone": zone,
                    "kind": "seminar",
                    "parser": "auto",
                }
            )
            talks = [_talk(series, i, zone, start) for i, start in enumerate(moments)]
            store.save_talks(series, talks, now="2025-01-01T00:00:00+00:00")
    return path


def export_ics(db: Path, out: Path) -> Path:
    result = subprocess.run(
        [*SEMINARS, "export", "ics", "--db", str(db), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module", params=["demo", "dst"])
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """(the exported file, {UID: starts_at_utc}) for each database."""
    db = request.getfixturevalue(f"{request.param}_db")
    ics = export_ics(db, tmp_path_factory.mktemp("ics") / f"{request.param}.ics")
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, starts_at_utc FROM talks WHERE starts_at IS NOT NULL")
        expected = {f"{talk_id}@seminars-aggregator": utc for talk_id, utc in rows}
    assert expected, "no dated talks to check"
    return ics, expected


def utc_text(value: date | datetime) -> str:
    """The starts_at_utc form: 'YYYY-MM-DDTHH:MM:SSZ', or the date of an all-day event."""
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


# --------------------------------------------------------------------------------------------
# The readers
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def node() -> str:
    """node with ical.js installed from the lock file; a clear failure otherwise (no skip)."""
    executable = shutil.which("node")
    if executable is None:
        pytest.fail("node is not installed: the ical.js check needs Node.js 18 or later")
    if not ICAL_JS.exists():
        pytest.fail(
            f"ical.js is not installed in {CLIENTS.relative_to(ROOT)}: "
            "run `npm ci --prefix tests/clients` (.ci/run does)"
        )
    version = json.loads(ICAL_JS.read_text())["version"]
    assert version == ICAL_JS_VERSION, f"ical.js {version} installed, the lock file says 2.2.1"
    return executable


def read_with_ical_js(node: str, ics: Path) -> dict[str, str]:
    result = subprocess.run(
        [node, str(CLIENTS / "starts.mjs"), str(ics)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    starts = {}
    for event in json.loads(result.stdout):
        if isinstance(event["utc"], int):
            assert event["zone"] not in (None, "floating"), event
            starts[event["uid"]] = utc_text(datetime.fromtimestamp(event["utc"], UTC))
        else:
            starts[event["uid"]] = event["utc"]
    return starts


def read_with_icalendar(ics: Path) -> dict[str, str]:
    calendar = Calendar.from_ical(ics.read_bytes())
    return {str(e["UID"]): utc_text(e["DTSTART"].dt) for e in calendar.walk("VEVENT")}


def read_with_our_vtimezones(ics: Path) -> dict[str, str]:
    """Local times through tzinfos built from the file's VTIMEZONEs only, not from tzdata."""
    calendar = Calendar.from_ical(ics.read_bytes())
    zones = {tz.tz_name: tz.to_tz(lookup_tzid=False) for tz in calendar.walk("VTIMEZONE")}
    starts = {}
    for event in calendar.walk("VEVENT"):
        start, tzid = event["DTSTART"].dt, event["DTSTART"].params.get("TZID")
        if tzid:
            start = start.replace(tzinfo=None).replace(tzinfo=zones[tzid])
        starts[str(event["UID"])] = utc_text(start)
    return starts


def read_with_recurring_ical_events(ics: Path) -> dict[str, str]:
    calendar = Calendar.from_ical(ics.read_bytes())
    events = recurring_ical_events.of(calendar).between(date(1990, 1, 1), date(2100, 1, 1))
    return {str(e["UID"]): utc_text(e["DTSTART"].dt) for e in events}


# --------------------------------------------------------------------------------------------
# Every reader, every event
# --------------------------------------------------------------------------------------------


def test_ical_js_reads_every_start(node: str, case: tuple) -> None:
    ics, expected = case
    assert read_with_ical_js(node, ics) == expected


def test_icalendar_reads_every_start(case: tuple) -> None:
    ics, expected = case
    assert read_with_icalendar(ics) == expected


def test_our_vtimezones_alone_give_every_start(case: tuple) -> None:
    ics, expected = case
    assert read_with_our_vtimezones(ics) == expected


def test_recurring_ical_events_reads_every_start(case: tuple) -> None:
    ics, expected = case
    assert read_with_recurring_ical_events(ics) == expected


def test_vtimezones_have_no_rdate_lists(case: tuple) -> None:
    """The shape ical.js misreads: several values in one RDATE."""
    ics, _ = case
    lines = ics.read_text().splitlines()
    assert [line for line in lines if line.startswith("RDATE") and "," in line] == []


def test_counts(dst_db: Path, demo_db: Path) -> None:
    """The numbers the tests above cover (so a shrinking fixture shows)."""
    dated = "SELECT count(*) FROM talks WHERE starts_at IS NOT NULL"
    with sqlite3.connect(demo_db) as demo, sqlite3.connect(dst_db) as dst:
        assert demo.execute(dated).fetchone()[0] == 20
        assert dst.execute(dated).fetchone()[0] == sum(map(len, DST_TALKS.values())) + len(
            EXACT_TALKS
        )


# --------------------------------------------------------------------------------------------
# User text never adds a line
# --------------------------------------------------------------------------------------------

INJECTION = (
    "x\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:evil\r\nDTSTART:20300101T000000Z\r\nEND:VEVENT"
)


def optimized_env() -> dict[str, str]:
    """`python -O`: asserts are gone, as in a deployment that sets PYTHONOPTIMIZE."""
    return {**os.environ, "PYTHONOPTIMIZE": "1"}


def assert_no_injection(text: str, events: int) -> None:
    lines = text.splitlines()
    assert lines.count("BEGIN:VEVENT") == events
    assert lines.count("END:VCALENDAR") == 1
    assert not any(line.startswith(("UID:evil", "DTSTART:2030")) for line in lines)
    assert [str(e["UID"]) for e in Calendar.from_ical(text).walk("VEVENT")].count("evil") == 0


def test_export_name_cannot_add_lines(dst_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "named.ics"
    result = subprocess.run(
        [*SEMINARS, "export", "ics", "--db", str(dst_db), "-o", str(out), "--name", INJECTION],
        capture_output=True,
        text=True,
        env=optimized_env(),
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert_no_injection(text, events=sum(map(len, DST_TALKS.values())) + len(EXACT_TALKS))
    name = str(Calendar.from_ical(text)["X-WR-CALNAME"])
    assert name == INJECTION.replace("\r\n", " ")


def served_feed(db: Path, params: dict[str, str]) -> list[str]:
    """The calendar canned query's feed from `seminars serve --get`, under PYTHONOPTIMIZE."""
    result = subprocess.run(
        [*SEMINARS, "serve", "--db", str(db), "--get", f"/demo/calendar.ics?{urlencode(params)}"],
        capture_output=True,
        text=True,
        env=optimized_env(),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("param", ["q", "tz"])
def test_feed_query_cannot_add_lines(demo_db: Path, param: str) -> None:
    """The served feed's X-WR-CALNAME is built from ?q= (and the other feed parameters); CR/LF
    there used to inject VEVENTs under PYTHONOPTIMIZE (and fail with a 500 without it)."""
    clean = {"q": "geometry", "series": ""}
    lines = served_feed(demo_db, {**clean, param: "geometry " + INJECTION})
    ours = [line for line in lines if line.startswith("UID:") and "@seminars-aggregator" in line]
    assert_no_injection("\r\n".join(lines), events=len(ours))
    expected = (
        []
        if param == "q"
        else [line for line in served_feed(demo_db, clean) if line.startswith("UID:")]
    )
    assert ours == expected
    assert any(line.startswith("X-WR-CALNAME:Seminar talks — Calendar feed — ") for line in lines)


@pytest.mark.parametrize("field", ["title", "location", "url", "kind"])
@pytest.mark.parametrize("breaks", ["\r\n", "\n", "\r", "\u2028", "\x85"])
def test_talk_text_cannot_add_lines(field: str, breaks: str) -> None:
    from crawler.outputs import calendar

    row = {
        **_talk("injected", 0, "Europe/Stockholm", datetime(2024, 5, 30, 10, 30)),
        "online": 0,
        field: "https://example.org/a" + INJECTION.replace("\r\n", breaks),
    }
    text = calendar.build_calendar([row]).to_ical().decode()
    assert_no_injection(text, events=1)
    for line in text.split("\r\n"):
        assert not any(ch in line for ch in "\r\n\u2028\x85"), repr(line)
