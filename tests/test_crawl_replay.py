"""Offline replay through the real spider: `seminars demo` and `scrapy crawl seminars`.

The foundation's acceptance check, now through Scrapy: `seminars demo` then
`seminars export jsonl` reproduces every fixture's expected.jsonl exactly, in page order.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from crawl_support import ROOT, SEED_ORDER, SITES, expected, export, query, run_cli

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow


def all_expected() -> list[dict]:
    return [talk for slug in SEED_ORDER for talk in expected(slug)]


def test_demo_reproduces_the_fixtures_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "seminars.db"
    first = run_cli("demo", "--db", str(db))
    assert first.returncode == 0, first.stdout + first.stderr
    assert export(db) == all_expected()
    for slug in SEED_ORDER:  # the rows carry the real URLs, not file paths
        assert f"{slug} " in first.stdout
    urls = {row["source_url"] for row in query(db, "SELECT DISTINCT source_url FROM talks")}
    assert urls == {_seed(slug) for slug in SEED_ORDER}
    before = query(db, "SELECT * FROM talks ORDER BY id")

    second = run_cli("demo", "--db", str(db))
    assert second.returncode == 0, second.stdout + second.stderr
    assert export(db) == all_expected()
    after = query(db, "SELECT * FROM talks ORDER BY id")
    assert [{**row, "last_seen": None} for row in after] == [
        {**row, "last_seen": None} for row in before
    ]
    assert query(db, "SELECT count(*) AS n FROM talk_changes") == [{"n": 0}]
    assert query(db, "SELECT count(*) AS n FROM crawl_errors") == [{"n": 0}]


def test_replay_answers_404_for_pages_not_in_the_snapshot(tmp_path: Path) -> None:
    """A snapshot without weihuang's talk pages: the listing still gives five talks (the
    detail pages are gone, a warning each), dated from the listing, no abstracts lost."""
    import shutil

    snapshots = tmp_path / "sites"
    shutil.copytree(
        SITES / "weihuang",
        snapshots / "weihuang",
        copy_function=shutil.copyfile,
        ignore=shutil.ignore_patterns("20*"),
    )
    db = tmp_path / "replay.db"
    result = run_cli("crawl", "--replay", str(snapshots), "--db", str(db), "--source", "weihuang")
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = query(db, "SELECT url, level, message FROM crawl_errors ORDER BY id")
    assert len(warnings) == 5
    assert all(w["level"] == "warning" and "404" in w["message"] for w in warnings)
    assert warnings[0]["url"].startswith("https://weihuang05.github.io/talks/20")
    assert [t["title"] for t in export(db)] == [t["title"] for t in expected("weihuang")]


def test_scrapy_crawl_seminars_runs_from_the_repository_root(tmp_path: Path) -> None:
    db = tmp_path / "scrapy.db"
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "seminars",
        "-s",
        f"SEMINARS_REPLAY={SITES}",
        "-s",
        f"SEMINARS_DB={db}",
        "-s",
        "SEMINARS_ONLY=gapindnns,ngml",
        "-s",
        "LOG_LEVEL=WARNING",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    crawls = query(db, "SELECT source_id, status, talks_new FROM crawls ORDER BY id")
    assert crawls == [
        {"source_id": "gapindnns", "status": "ok", "talks_new": 5},
        {"source_id": "ngml", "status": "ok", "talks_new": 3},
    ]
    # every source of the file is registered, in file order (export order)
    assert [r["id"] for r in query(db, "SELECT id FROM series ORDER BY rowid")] == list(SEED_ORDER)


def _seed(slug: str) -> str:
    import json

    return json.loads((SITES / slug / "site.json").read_text())["seed_url"]
