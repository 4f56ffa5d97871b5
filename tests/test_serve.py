"""`seminars serve` for real: a Datasette process on a free loopback port over a demo database.

The server is started once per module as a subprocess (exactly what a user runs), queried over
HTTP through its JSON API, then stopped with SIGINT (what Ctrl-C sends) and must exit 0.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar

from crawler.db.store import Store

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parents[1]

SEMINARS = [sys.executable, "-m", "crawler.cli"]
METADATA = ROOT / "data" / "metadata.yml"
DB_NAME = "demo"  # the file is demo.db: metadata written for "seminars" must follow the file
STOCKHOLM_TITLE = "Geometric Deep Learning Using Spherical Neurons"

# Each canned query with parameters that return rows on the demo database. Every query in
# data/metadata.yml must be listed (test_every_canned_query_is_tested).
CANNED = {
    "upcoming": {"since": "2024-01-01", "tz": ""},
    "search": {"q": "Minkowski"},
    "by_speaker": {"speaker": "solus"},
    "talks_per_series_per_year": {},
    "with_slides": {},
    "recent_changes": {"since": ""},
    "calendar": {"q": "geometry", "series": ""},
}


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo crawl, plus one re-crawl that changed a title (so talk_changes has a row)."""
    path = tmp_path_factory.mktemp("serve") / f"{DB_NAME}.db"
    result = subprocess.run([*SEMINARS, "demo", "--db", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with Store(path) as store:
        talk = {**store.search("Tetris")[0], "extracted_by": "gapindnns"}
        store.save_talks("gapindnns", [{**talk, "title": STOCKHOLM_TITLE + " (revised)"}])
        store.save_talks("gapindnns", [{**talk, "title": STOCKHOLM_TITLE}])
    return path


class Server:
    """A running `seminars serve` subprocess and how to talk to it."""

    def __init__(self, db: Path, *extra: str) -> None:
        self.process = subprocess.Popen(
            [*SEMINARS, "serve", "--db", str(db), "--port", "0", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.base = self._bound_url()
        self._wait_until_up()

    def _bound_url(self) -> str:
        """The origin from the 'Serving ... at http://host:port/db' line: port 0 picked it."""
        line = self.banner = self.process.stdout.readline()
        match = re.search(r"at (http://[\d.]+:\d+)/", line)
        if match is None:
            self.process.kill()
            raise AssertionError(f"no URL in the first line of output: {line!r}")
        return match.group(1)

    def _wait_until_up(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited early:\n{self.process.stdout.read()}")
            try:
                if self.get("/-/versions.json")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        self.process.kill()
        raise AssertionError("server did not come up")

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request(path)

    def request(self, path: str, data: bytes | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, data=data)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def json(self, path: str) -> Any:
        status, body = self.get(path)
        assert status == 200, body[:500]
        return json.loads(body)

    def stop(self) -> str:
        """SIGINT, as Ctrl-C sends; the server must exit 0 on its own."""
        self.process.send_signal(signal.SIGINT)
        try:
            output, _ = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        assert self.process.returncode == 0, output
        return self.banner + output


@pytest.fixture(scope="module")
def server(demo_db: Path):
    running = Server(demo_db)
    yield running
    running.stop()


def query(params: dict[str, str]) -> str:
    return urllib.parse.urlencode({**params, "_shape": "objects"})


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_database_is_served_immutable(server: Server) -> None:
    databases = server.json("/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [(DB_NAME, False)]


@pytest.mark.parametrize(
    ("table", "facets"),
    [
        ("talks", {"series_id", "kind", "online", "year", "extracted_by"}),
        ("talks_view", {"series", "kind", "online", "year", "extracted_by"}),
        ("talk_speakers", {"affiliation"}),
    ],
)
def test_default_facets(server: Server, table: str, facets: set[str]) -> None:
    data = server.json(f"/{DB_NAME}/{table}.json?_size=0")
    assert set(data["facet_results"]) == facets
    for name in facets:
        assert data["facet_results"][name]["results"], name


def test_extracted_by_facet_names_the_parser_of_each_seed_site(server: Server) -> None:
    data = server.json(f"/{DB_NAME}/talks_view.json?_size=0")
    counts = {r["value"]: r["count"] for r in data["facet_results"]["extracted_by"]["results"]}
    # weihuang's source says parser = "auto": the academicpages platform parser recognises it
    assert counts == {
        "ist_mpml": 31,
        "utexas_mdl": 8,
        "gapindnns": 5,
        "academicpages": 5,
        "ngml": 3,
    }


def test_series_facet_shows_names_not_ids(server: Server) -> None:
    data = server.json(f"/{DB_NAME}/talks.json?_size=0")
    labels = {r["label"] for r in data["facet_results"]["series_id"]["results"]}
    assert "GAPinDNNs Seminar" in labels
    assert "gapindnns" not in labels


def test_talks_sorted_newest_first(server: Server) -> None:
    rows = server.json(f"/{DB_NAME}/talks_view.json?_shape=objects&_size=5")["rows"]
    starts = [row["start_utc"] for row in rows]
    assert starts == sorted(starts, reverse=True)
    assert starts[0].startswith("2025-02-21")


@pytest.mark.parametrize("table", ["talks", "talks_view"])
def test_search_box_finds_a_talk_by_an_abstract_word(server: Server, table: str) -> None:
    # "Minkowski" occurs only in the abstract of one GAPinDNNs talk.
    rows = server.json(f"/{DB_NAME}/{table}.json?_search=Minkowski&_shape=objects")["rows"]
    assert [row["title"] for row in rows] == [STOCKHOLM_TITLE]


def test_every_canned_query_is_tested() -> None:
    metadata = yaml.safe_load(METADATA.read_text())
    queries = metadata["databases"]["seminars"]["queries"]
    assert set(queries) == set(CANNED)
    for name, spec in queries.items():
        assert spec.get("title") and (spec.get("description") or spec.get("description_html")), name


@pytest.mark.parametrize("name", sorted(CANNED))
def test_canned_query_returns_rows(server: Server, name: str) -> None:
    data = server.json(f"/{DB_NAME}/{name}.json?{query(CANNED[name])}")
    assert data["ok"], data.get("error")
    assert data["rows"], name


def test_upcoming_in_another_time_zone(server: Server) -> None:
    params = {"since": "2024-05-30", "tz": "Asia/Tokyo"}
    rows = server.json(f"/{DB_NAME}/upcoming.json?{query(params)}")["rows"]
    first = rows[0]
    assert first["starts_at"] == "2024-05-30T10:30:00+02:00"
    assert (first["start"], first["zone"]) == ("2024-05-30 17:30", "Asia/Tokyo")


def test_upcoming_defaults_to_now(server: Server) -> None:
    rows = server.json(f"/{DB_NAME}/upcoming.json?{query({'since': '', 'tz': ''})}")["rows"]
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    assert all(row["starts_at"] >= now[:10] for row in rows)


def test_search_query_tolerates_fts_syntax(server: Server) -> None:
    for text in ("C++", "AND", '"unbalanced', ""):
        data = server.json(f"/{DB_NAME}/search.json?{query({'q': text})}")
        assert data["ok"], (text, data.get("error"))


def test_recent_changes_show_the_re_crawl(server: Server) -> None:
    rows = server.json(f"/{DB_NAME}/recent_changes.json?{query({'since': ''})}")["rows"]
    assert [(r["field"], r["new_value"]) for r in rows][:2] == [
        ("title", STOCKHOLM_TITLE),
        ("title", STOCKHOLM_TITLE + " (revised)"),
    ]


def test_calendar_query_is_a_subscribable_feed(server: Server) -> None:
    params = {"q": "geometry", "series": ""}
    rows = server.json(f"/{DB_NAME}/calendar.json?{query(params)}")["rows"]
    status, body = server.get(f"/{DB_NAME}/calendar.ics?{urllib.parse.urlencode(params)}")
    assert status == 200
    calendar = Calendar.from_ical(body)
    uids = sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))
    assert uids == sorted(f"{row['id']}@seminars-aggregator" for row in rows)
    assert [tz.tz_name for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]


def test_sql_write_is_refused(server: Server) -> None:
    sql = urllib.parse.urlencode({"sql": "update talks set title = 'vandalized'"})
    status, body = server.get(f"/{DB_NAME}.json?{sql}")
    assert status == 400
    assert "must be a SELECT" in body.decode()
    count = "select count(*) from talks where title = 'vandalized'"
    assert server.json(f"/{DB_NAME}.json?{urllib.parse.urlencode({'sql': count})}")["rows"] == [[0]]


def test_writable_canned_query_is_refused_and_ctrl_c_stops(demo_db: Path, tmp_path: Path) -> None:
    """Even a query configured to write cannot: the file is opened immutable."""
    metadata = yaml.safe_load(METADATA.read_text())
    metadata["databases"]["seminars"]["queries"]["vandalize"] = {
        "sql": "update talks set title = 'vandalized'",
        "write": True,
    }
    path = tmp_path / "metadata.yml"
    path.write_text(yaml.safe_dump(metadata))
    server = Server(demo_db, "--metadata", str(path))
    try:
        status, body = server.request(f"/{DB_NAME}/vandalize", data=b"")
        assert status == 403
        assert b"Database is immutable" in body
    finally:
        output = server.stop()
    assert f"{server.base}/{DB_NAME}" in output
    assert output.rstrip().endswith("Stopped.")
    with Store(demo_db) as store:
        vandalized = store.db.execute("SELECT count(*) FROM talks WHERE title = 'vandalized'")
        assert vandalized.fetchone()[0] == 0


def test_get_prints_a_page_without_a_server(demo_db: Path) -> None:
    result = subprocess.run(
        [*SEMINARS, "serve", "--db", str(demo_db), "--get", f"/{DB_NAME}/talks.json?_size=1"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["table"] == "talks"
