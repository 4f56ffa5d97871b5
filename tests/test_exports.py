"""`seminars export jsonl|json|csv|ics` on a demo database, and the builders behind them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from crawler.db.queries import fts_query
from crawler.db.store import Store
from crawler.outputs import (
    calendar,
    files,
)
from crawler.outputs.datasette_plugin import in_zone
from parsers.talk import EXPORT_FIELDS

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parents[1]

SEMINARS = [sys.executable, "-m", "crawler.cli"]
SITES = ROOT / "tests" / "fixtures" / "sites"


def run(*args: str) -> str:
    result = subprocess.run([*SEMINARS, *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def talks(demo_db: Path) -> list[dict[str, Any]]:
    """The reference: `export jsonl` (one talk per line, the export schema)."""
    return [json.loads(line) for line in run("export", "jsonl", "--db", str(demo_db)).splitlines()]


@pytest.fixture(scope="module")
def ics(demo_db: Path) -> Calendar:
    return Calendar.from_ical(run("export", "ics", "--db", str(demo_db)))


def events_by_title(calendar: Calendar) -> dict[str, Any]:
    return {str(e["SUMMARY"]).split(" — ")[0]: e for e in calendar.walk("VEVENT")}


# --------------------------------------------------------------------------------------------
# JSON Lines, JSON, CSV
# --------------------------------------------------------------------------------------------


def test_jsonl_is_the_store_export(demo_db: Path, talks: list[dict[str, Any]]) -> None:
    with Store(demo_db) as store:
        assert talks == list(store.export_talks())
    gold = sum(len(p.read_text().splitlines()) for p in SITES.glob("*/expected.jsonl"))
    assert len(talks) == gold
    assert all(list(talk) == list(EXPORT_FIELDS) for talk in talks)


def test_json_round_trips(demo_db: Path, talks: list[dict[str, Any]]) -> None:
    assert json.loads(run("export", "json", "--db", str(demo_db))) == talks


def test_csv_round_trips(demo_db: Path, talks: list[dict[str, Any]]) -> None:
    assert files.read_csv(run("export", "csv", "--db", str(demo_db))) == talks


def test_csv_is_readable(demo_db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "csv", "--db", str(demo_db)))))
    assert list(rows[0]) == list(EXPORT_FIELDS)
    by_title = {row["title"]: row for row in rows}
    solus = by_title["Combinatorics and Geometry of Complex Causal Networks"]
    assert solus["speakers"] == "Liam Solus (KTH)"
    assert solus["online"] == "false"
    roberts = by_title["The Principles of Deep Learning Theory"]
    assert roberts["links"] == "slides: https://mpml.tecnico.ulisboa.pt/files/Roberts%20slides.pdf"


def test_csv_file_output(demo_db: Path, talks: list[dict[str, Any]], tmp_path: Path) -> None:
    out = tmp_path / "talks.csv"
    run("export", "csv", "--db", str(demo_db), "-o", str(out))
    assert files.read_csv(out.read_text(encoding="utf-8")) == talks


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "ics"])
def test_series_filter(demo_db: Path, fmt: str) -> None:
    text = run("export", fmt, "--db", str(demo_db), "--series", "gapindnns")
    if fmt == "jsonl":
        series = [json.loads(line)["series"] for line in text.splitlines()]
    elif fmt == "json":
        series = [talk["series"] for talk in json.loads(text)]
    elif fmt == "csv":
        series = [talk["series"] for talk in files.read_csv(text)]
    else:
        series = ["GAPinDNNs Seminar" for _ in Calendar.from_ical(text).walk("VEVENT")]
        assert all(
            "Series: GAPinDNNs Seminar" in str(e["DESCRIPTION"])
            for e in Calendar.from_ical(text).walk("VEVENT")
        )
    assert series == ["GAPinDNNs Seminar"] * 5


def test_missing_database_is_one_clear_error(tmp_path: Path) -> None:
    for fmt in ("jsonl", "json", "csv", "ics"):
        result = subprocess.run(
            [*SEMINARS, "export", fmt, "--db", str(tmp_path / "none.db")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1
        assert result.stderr.startswith("error: ") and "no such database" in result.stderr
        assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("Liam Solus (KTH)", {"name": "Liam Solus", "affiliation": "KTH"}),
        ("Wei Huang", {"name": "Wei Huang", "affiliation": None}),
        (
            "A (Gates Dell Complex (GDC 6))",
            {"name": "A", "affiliation": "Gates Dell Complex (GDC 6)"},
        ),
        # negative rows: brackets that are not a trailing affiliation stay in the name
        ("Jean (Johnny) Doe", {"name": "Jean (Johnny) Doe", "affiliation": None}),
        ("Doe(KTH)", {"name": "Doe(KTH)", "affiliation": None}),
    ],
)
def test_csv_speaker_cells(line: str, speaker: dict[str, Any]) -> None:
    assert files.talk_from_csv_row({"speakers": line})["speakers"] == [speaker]
    if speaker["affiliation"]:
        assert files.csv_row({"speakers": [speaker]})["speakers"] == line


# --------------------------------------------------------------------------------------------
# iCalendar
# --------------------------------------------------------------------------------------------


def test_one_event_per_dated_talk(ics: Calendar, talks: list[dict[str, Any]]) -> None:
    dated = [talk for talk in talks if talk["starts_at"]]
    assert len(ics.walk("VEVENT")) == len(dated) > 0


def test_every_event_has_the_required_properties(ics: Calendar) -> None:
    for event in ics.walk("VEVENT"):
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "STATUS"):
            assert name in event, (name, event.get("SUMMARY"))
        assert ("DTEND" in event) != ("DURATION" in event)
    assert str(ics["VERSION"]) == "2.0"
    assert ics["PRODID"]


def test_every_tzid_has_a_vtimezone(ics: Calendar) -> None:
    used = {
        event[name].params["TZID"]
        for event in ics.walk("VEVENT")
        for name in ("DTSTART", "DTEND")
        if name in event and "TZID" in event[name].params
    }
    assert {"Europe/Stockholm", "America/Chicago", "Europe/Lisbon"} <= used
    assert sorted(tz["TZID"] for tz in ics.walk("VTIMEZONE")) == sorted(used)


def test_uids_are_stable_across_exports(demo_db: Path) -> None:
    first = run("export", "ics", "--db", str(demo_db))
    second = run("export", "ics", "--db", str(demo_db))
    assert first == second
    uids = [str(e["UID"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    with Store(demo_db) as store:
        ids = {row[0] for row in store.db.execute("SELECT id FROM talks")}
    assert {uid.removesuffix("@seminars-aggregator") for uid in uids} <= ids


def test_uid_survives_a_changed_title(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    run("demo", "--db", str(path))
    before = events_by_title(Calendar.from_ical(run("export", "ics", "--db", str(path))))
    with Store(path) as store:
        talk = store.search("Tetris")[0]
        store.save_talks("gapindnns", [{**talk, "title": "Spherical Neurons, revised"}])
    after = events_by_title(Calendar.from_ical(run("export", "ics", "--db", str(path))))
    old = before["Geometric Deep Learning Using Spherical Neurons"]
    new = after["Spherical Neurons, revised"]
    assert str(new["UID"]) == str(old["UID"])
    assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1
    assert new["DTSTAMP"].dt > old["DTSTAMP"].dt or new["DTSTAMP"].dt == old["DTSTAMP"].dt


def test_stockholm_summer_talk_is_0830_utc(ics: Calendar) -> None:
    event = events_by_title(ics)["Combinatorics and Geometry of Complex Causal Networks"]
    start = event["DTSTART"]
    assert start.params["TZID"] == "Europe/Stockholm"
    assert (start.dt.hour, start.dt.minute) == (10, 30)
    assert start.dt.astimezone(UTC) == datetime(2024, 5, 23, 8, 30, tzinfo=UTC)
    assert event["DURATION"].dt == timedelta(hours=1)  # the page gives no end time
    assert str(event["SUMMARY"]) == (
        "Combinatorics and Geometry of Complex Causal Networks — Liam Solus"
    )
    assert str(event["LOCATION"]) == "MVL-14"
    assert str(event["URL"]).endswith("#talk_2024-05-23_Liam_Solus")
    description = str(event["DESCRIPTION"])
    assert description.startswith("Speakers: Liam Solus (KTH)\nSeries: GAPinDNNs Seminar\n\n")
    assert "causal discovery" in description


def test_chicago_winter_talk_has_its_end(ics: Calendar) -> None:
    titles = [title for title in events_by_title(ics) if title.startswith("Block Coupling and")]
    event = events_by_title(ics)[titles[0]]
    assert event["DTSTART"].dt.astimezone(UTC) == datetime(2025, 2, 20, 15, 55, tzinfo=UTC)
    assert event["DTEND"].dt.astimezone(UTC) == datetime(2025, 2, 20, 16, 40, tzinfo=UTC)
    assert event["DTEND"].params["TZID"] == "America/Chicago"


def test_date_only_talk_is_all_day(ics: Calendar) -> None:
    event = events_by_title(ics)["Shannon Entropy from Category Theory"]
    assert type(event["DTSTART"].dt) is date
    assert event["DTSTART"].dt == date(2022, 6, 16)
    assert event["DTEND"].dt == date(2022, 6, 17)
    links = str(event["DESCRIPTION"]).split("\n\n")[-1]
    assert links.startswith("Slides: https://mpml.tecnico.ulisboa.pt/files/")


def test_search_and_upcoming_filters(demo_db: Path, talks: list[dict[str, Any]]) -> None:
    found = Calendar.from_ical(run("export", "ics", "--db", str(demo_db), "--search", "Tetris"))
    assert [str(e["SUMMARY"]) for e in found.walk("VEVENT")] == [
        "Geometric Deep Learning Using Spherical Neurons — Mårten Wadenbäck"
    ]
    for text in ("C++", "AND", '"'):
        run("export", "ics", "--db", str(demo_db), "--search", text)
    upcoming = Calendar.from_ical(run("export", "ics", "--db", str(demo_db), "--upcoming"))
    now = datetime.now(UTC)
    for event in upcoming.walk("VEVENT"):
        start = event["DTSTART"].dt
        assert start >= (now.date() if type(start) is date else now)
    with Store(demo_db) as store:
        since_2025 = calendar.calendar_rows(store.db, since="2025-01-01")
    expected = sorted(t["title"] or "" for t in talks if (t["starts_at"] or "") >= "2025-01-01")
    assert sorted(row["title"] or "" for row in since_2025) == expected
    assert "utexas_mdl" in {row["series_id"] for row in since_2025}


def row(**values: Any) -> dict[str, Any]:
    base = {
        "id": "abc",
        "title": "A talk",
        "starts_at": "2025-03-01T15:00:00+01:00",
        "ends_at": None,
        "timezone": "Europe/Paris",
        "status": "scheduled",
        "updated_at": "2025-01-01T00:00:00+00:00",
    }
    return {**base, **values}


def test_cancelled_talk() -> None:
    event = calendar.talk_event(row(status="cancelled", speaker_names="Ada Lovelace"))
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "CANCELLED: A talk — Ada Lovelace"
    assert "Status: cancelled" in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    ("values", "start", "end"),
    [
        ({}, datetime(2025, 3, 1, 14, tzinfo=UTC), None),
        (
            {"ends_at": "2025-03-01T16:30:00+01:00"},
            datetime(2025, 3, 1, 14, tzinfo=UTC),
            datetime(2025, 3, 1, 15, 30, tzinfo=UTC),
        ),
        # an end before the start is a parsing slip: keep the start, drop the end
        ({"ends_at": "2025-03-01T14:00:00+01:00"}, datetime(2025, 3, 1, 14, tzinfo=UTC), None),
        ({"starts_at": "2025-03-01"}, date(2025, 3, 1), date(2025, 3, 2)),
        ({"starts_at": "2025-03-01", "ends_at": "2025-03-03"}, date(2025, 3, 1), date(2025, 3, 4)),
        ({"timezone": None}, datetime(2025, 3, 1, 14, tzinfo=UTC), None),
        ({"timezone": "Not/AZone"}, datetime(2025, 3, 1, 14, tzinfo=UTC), None),
    ],
)
def test_event_times(values: dict[str, Any], start: Any, end: Any) -> None:
    got_start, got_end = calendar.event_times(row(**values))
    assert got_start == start and type(got_start) is type(start)
    assert got_end == end


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("neural tangent", '"neural" "tangent"'),
        ('"neural tangent" kernel', '"neural tangent" "kernel"'),
        ("C++", '"C++"'),
        ("AND", '"AND"'),
        ('"unbalanced', '"unbalanced"'),
        ("", '""'),
        ('  "" ', '""'),
    ],
)
def test_fts_query(text: str, query: str) -> None:
    assert fts_query(text) == query


@pytest.mark.parametrize(
    ("value", "zone", "shown"),
    [
        ("2024-05-30T10:30:00+02:00", "Asia/Tokyo", "2024-05-30 17:30"),
        ("2024-05-30T08:30:00Z", "Europe/Stockholm", "2024-05-30 10:30"),
        ("2024-12-30T08:30:00Z", "Europe/Stockholm", "2024-12-30 09:30"),
        ("2022-06-16", "Asia/Tokyo", "2022-06-16"),
        ("2024-05-30T10:30:00+02:00", "", None),
        (None, "Asia/Tokyo", None),
        ("2024-05-30T10:30:00+02:00", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
    ],
)
def test_in_zone(value: str | None, zone: str, shown: str | None) -> None:
    assert in_zone(value, zone) == shown


def test_since_is_compared_as_an_instant(demo_db: Path) -> None:
    """A talk starting exactly at `since` is upcoming, whatever offset `since` is written in."""
    with Store(demo_db) as store:
        for since in ("2024-05-30T10:30:00+02:00", "2024-05-30T08:30:00Z", "2024-05-30"):
            rows = calendar.calendar_rows(store.db, since=since, series_id="gapindnns")
            assert [row["starts_at"] for row in rows] == ["2024-05-30T10:30:00+02:00"], since
        late = calendar.calendar_rows(store.db, since="2024-05-30T10:31:00+02:00")
        assert "2024-05-30T10:30:00+02:00" not in [row["starts_at"] for row in late]
