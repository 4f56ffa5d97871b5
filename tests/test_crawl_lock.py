"""One crawl per database, and a crawl killed with SIGKILL leaves a sound database behind."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawl_support import (
    SITES,
    Mirror,
    crawl_args,
    query,
    run_cli,
    served,
    site,
    slow,
    start_cli,
    wait_for,
    write_sources,
)

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow


FAST_SITES = ("gapindnns", "ist_mpml", "utexas_mdl")


@pytest.fixture
def mirrors() -> Iterator[dict[str, Mirror]]:
    with served({slug: SITES / slug for slug in ("ngml", *FAST_SITES)}) as started:
        yield started


def sources_file(mirrors: dict[str, Mirror], folder: Path) -> Path:
    entries = [
        {
            "id": slug,
            "name": site(slug)["name"],
            "url": mirror.seed_url,
            "parser": slug,
            "timezone": site(slug)["timezone"],
        }
        for slug, mirror in mirrors.items()
    ]
    return write_sources(folder / "sources.toml", entries)


def crawl_rows(db: Path) -> list[dict]:
    try:
        return query(db, "SELECT * FROM crawls ORDER BY id")
    except sqlite3.Error:
        return []  # not created yet


def crawl_held_up(
    mirrors: dict[str, Mirror], tmp_path: Path, delay: float, timeout: int
) -> tuple[Path, Path, subprocess.Popen[str]]:
    """A crawl running in the background while ngml's page takes `delay` seconds to answer."""
    ngml = mirrors["ngml"]
    ngml.faults[ngml.seed_path] = slow(delay)
    db = tmp_path / "seminars.db"
    sources = sources_file(mirrors, tmp_path)
    return db, sources, start_cli(*crawl_args(sources, db, "-s", f"DOWNLOAD_TIMEOUT={timeout}"))


def test_a_second_crawl_is_refused_while_one_runs(
    mirrors: dict[str, Mirror], tmp_path: Path
) -> None:
    db, sources, first = crawl_held_up(mirrors, tmp_path, delay=3, timeout=20)
    try:
        wait_for(lambda: any(r["status"] == "running" for r in crawl_rows(db)), what="crawl 1")
        started = time.monotonic()
        second = run_cli(*crawl_args(sources, db))
        assert second.returncode == 3, second.stdout + second.stderr
        assert "another crawl is already running" in second.stderr
        assert "pid " in second.stderr
        assert time.monotonic() - started < 10
        assert first.wait(timeout=60) == 0, first.communicate()
    finally:
        first.kill()
    assert {r["status"] for r in crawl_rows(db)} == {"ok"}
    assert len(crawl_rows(db)) == 4  # the refused crawl opened no crawls rows


def test_a_crawl_killed_midway_leaves_an_intact_database(
    mirrors: dict[str, Mirror], tmp_path: Path
) -> None:
    db, sources, crawl = crawl_held_up(mirrors, tmp_path, delay=60, timeout=120)
    try:
        finished = lambda: {r["source_id"] for r in crawl_rows(db) if r["finished"]}  # noqa: E731
        wait_for(lambda: finished() == set(FAST_SITES), what="the fast sources")
        crawl.kill()  # SIGKILL: no cleanup of any kind
        crawl.wait(timeout=30)
    finally:
        crawl.kill()

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert query(db, "SELECT count(*) AS n FROM talks") == [{"n": 5 + 31 + 8}]
    assert [r["status"] for r in crawl_rows(db) if r["source_id"] == "ngml"] == ["running"]

    mirrors["ngml"].faults.clear()
    again = run_cli(*crawl_args(sources, db))
    assert again.returncode == 0, again.stdout + again.stderr
    killed = crawl_rows(db)[0]
    assert (killed["source_id"], killed["status"]) == ("ngml", "failed")
    assert "interrupted" in killed["error_text"]
    assert query(db, "SELECT count(*) AS n FROM talks") == [{"n": 3 + 5 + 31 + 8}]
    assert query(db, "SELECT count(*) AS n FROM talks WHERE removed_at IS NOT NULL") == [{"n": 0}]
