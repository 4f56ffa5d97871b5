"""Broken sites: each fault fails its own source, is recorded with its reason, and changes
nothing already known; the other sources are still crawled and the command exits 1.

One good crawl of every mirror first, then the same crawl with the faults switched on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from crawl_support import (
    SEED_ORDER,
    SITES,
    Mirror,
    crawl_args,
    export,
    huge,
    query,
    redirect,
    replace_body,
    run_cli,
    served,
    site,
    slow,
    status,
    truncated,
    write_sources,
)

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow

EMPTY_PAGE = b"<html><body><h1>Talks</h1><p>This page has moved.</p></body></html>"
WEIHUANG_TALK = "/talks/2021-12-01-talk-3"

# fault source id -> (site it copies, parser, what the failure must say)
FAULTS = {
    "http500": ("ngml", "ngml", "500 Internal Server Error"),
    "http503": ("ngml", "ngml", "503 Service Unavailable"),
    "timeout": ("ngml", "ngml", "timed out after 1 s (after 1 retry)"),
    "robots": ("ngml", "ngml", "Forbidden by robots.txt"),
    "zero": ("weihuang", "auto", "no talks found (the last good crawl had 5)"),
    "parser": ("gapindnns", "gapindnns", "parser error"),
    "offsite": ("ngml", "ngml", "redirected off the site"),
    "maxsize": ("ngml", "ngml", "larger than download max size (1000000)"),
    "truncated": ("ngml", "ngml", "truncated response"),
    "detail": (
        "weihuang",
        "auto",
        f"500 Internal Server Error (after 1 retry) ({{origin}}{WEIHUANG_TALK})",
    ),
}


@pytest.fixture(scope="module")
def mirrors() -> Iterator[dict[str, Mirror]]:
    folders = {slug: SITES / slug for slug in SEED_ORDER}
    folders |= {fid: SITES / base for fid, (base, _, _) in FAULTS.items()}
    with served(folders) as started:
        yield started


def switch_faults_on(mirrors: dict[str, Mirror]) -> None:
    seed = {fid: mirrors[fid].seed_path for fid in FAULTS}
    mirrors["http500"].faults[seed["http500"]] = status(500)
    mirrors["http503"].faults[seed["http503"]] = status(503, {"Retry-After": "1"})
    mirrors["timeout"].faults[seed["timeout"]] = slow(4)
    mirrors["robots"].robots = "User-agent: *\nDisallow: /\n"
    mirrors["zero"].faults[seed["zero"]] = replace_body(EMPTY_PAGE)
    mirrors["parser"].faults[seed["parser"]] = replace_body(EMPTY_PAGE)
    elsewhere = mirrors["gapindnns"].origin + "/elsewhere"
    mirrors["offsite"].faults[seed["offsite"]] = redirect(elsewhere)
    mirrors["maxsize"].faults[seed["maxsize"]] = huge(1_500_000)
    mirrors["truncated"].faults[seed["truncated"]] = truncated()
    mirrors["detail"].faults[WEIHUANG_TALK] = status(500)


def sources_file(mirrors: dict[str, Mirror], folder: Path) -> Path:
    entries = []
    for slug in SEED_ORDER:
        info = site(slug)
        entries.append(
            {
                "id": slug,
                "name": info["name"],
                "url": mirrors[slug].seed_url,
                "parser": slug if slug != "weihuang" else "auto",
                "timezone": info["timezone"],
            }
        )
    for fid, (base, parser, _) in FAULTS.items():
        info = site(base)
        entries.append(
            {
                "id": fid,
                "name": f"{info['name']} ({fid})",
                "url": mirrors[fid].seed_url,
                "parser": parser,
                "timezone": info["timezone"],
            }
        )
    return write_sources(folder / "sources.toml", entries)


def test_each_fault_fails_only_its_source_and_corrupts_nothing(
    mirrors: dict[str, Mirror], tmp_path: Path
) -> None:
    db = tmp_path / "seminars.db"
    sources = sources_file(mirrors, tmp_path)
    limits = ("-s", "DOWNLOAD_TIMEOUT=1", "-s", "DOWNLOAD_MAXSIZE=1000000")
    good = run_cli(*crawl_args(sources, db, *limits))
    assert good.returncode == 0, good.stdout + good.stderr
    known = export(db)
    talks_before = query(db, "SELECT * FROM talks ORDER BY id")

    switch_faults_on(mirrors)
    result = run_cli(*crawl_args(sources, db, *limits))
    assert result.returncode == 1, result.stdout + result.stderr

    crawls = {c["source_id"]: c for c in query(db, "SELECT * FROM crawls WHERE id > 15")}
    for slug in SEED_ORDER:
        assert crawls[slug]["status"] == "ok", crawls[slug]
    for fid, (_, _, reason) in FAULTS.items():
        reason = reason.format(origin=mirrors[fid].origin)
        crawl = crawls[fid]
        assert (crawl["status"], crawl["talks_removed"]) == ("failed", 0), crawl
        assert reason in crawl["error_text"], crawl
        assert f"{fid} failed: " in result.stderr
        logged = query(db, "SELECT level FROM crawl_errors WHERE crawl_id = ?", (crawl["id"],))
        assert "error" in {row["level"] for row in logged}

    # what we knew is intact: same talks, nothing removed, nothing changed, no new rows
    assert export(db) == known
    assert query(db, "SELECT * FROM talks ORDER BY id") == [
        {**row, "last_seen": new["last_seen"]}
        for row, new in zip(talks_before, query(db, "SELECT * FROM talks ORDER BY id"), strict=True)
    ]
    assert query(db, "SELECT count(*) AS n FROM talk_changes") == [{"n": 0}]

    # Retry-After honoured: a second try, at least a second after the first
    first, *later = mirrors["http503"].hits(mirrors["http503"].seed_path)[-2:]
    assert later and later[0] - first >= 0.9
    # the redirect target on the other site was never fetched
    assert mirrors["gapindnns"].hits("/elsewhere") == []

    health = run_cli("sources", "--db", str(db), "--sources", str(sources), "--check")
    assert health.returncode == 1
    failing = [line.split()[0] for line in health.stdout.splitlines() if " failing " in line]
    assert sorted(failing) == sorted(FAULTS)
