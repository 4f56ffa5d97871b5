"""End to end over real HTTP: the five seed sites served on 127.0.0.1, crawled by `seminars crawl`.

The database must hold exactly the expected talks (with each site's origin rewritten to its
mirror's), with ids from `Talk.id`, and a second crawl of the unchanged sites must parse nothing.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from crawl_support import (
    SEED_ORDER,
    SITES,
    Fault,
    Mirror,
    copy_sites,
    crawl_args,
    expected,
    export,
    hang_up,
    query,
    run_cli,
    served,
    site,
    status,
    write_sources,
)

from crawler.sources import load_sources
from parsers import Talk

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mirrors() -> Iterator[dict[str, Mirror]]:
    with served({slug: SITES / slug for slug in SEED_ORDER}) as started:
        yield started


@pytest.fixture(scope="module")
def sources(mirrors: dict[str, Mirror], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/sources.toml with every URL pointed at the mirrors.

    Parsers are named explicitly where the real file says so: on 127.0.0.1 a site parser
    cannot be chosen by its URL pattern. weihuang stays `auto` (chosen from its markup).
    """
    entries = []
    for source in load_sources(Path(__file__).parents[1] / "data" / "sources.toml"):
        entry = {**source.series_row(), "url": mirrors[source.id].seed_url}
        entry.pop("id")
        entries.append({"id": source.id, **entry})
    return write_sources(tmp_path_factory.mktemp("http") / "sources.toml", entries)


def expected_here(mirrors: dict[str, Mirror], slugs: Iterable[str] = SEED_ORDER) -> list[dict]:
    """The fixtures' expected talks as the mirrors serve them (origins rewritten)."""
    talks = []
    for slug in slugs:
        for talk in expected(slug):
            talks.append(json.loads(mirrors[slug].local(json.dumps(talk, ensure_ascii=False))))
    return talks


def test_crawl_over_http_stores_the_expected_talks(
    mirrors: dict[str, Mirror], sources: Path, tmp_path: Path
) -> None:
    db = tmp_path / "seminars.db"
    result = run_cli(*crawl_args(sources, db))
    assert result.returncode == 0, result.stdout + result.stderr

    want = expected_here(mirrors)
    assert export(db) == want
    ids = [row["id"] for row in query(db, "SELECT id FROM talks ORDER BY series_id, position")]
    assert sorted(ids) == sorted(Talk.from_dict(talk).id for talk in want)
    crawls = query(db, "SELECT source_id, status, pages, talks_seen, talks_new FROM crawls")
    assert [(c["source_id"], c["status"], c["talks_new"]) for c in crawls] == [
        (slug, "ok", len(expected(slug))) for slug in SEED_ORDER
    ]
    assert {c["source_id"]: c["pages"] for c in crawls}["weihuang"] == 6  # listing + 5 talks
    # The crawl identified itself and asked robots.txt before the listing.
    agents = {agent for m in mirrors.values() for _, _, agent in m.requests}
    assert agents == {"seminars-aggregator/0.1 (+https://github.com/seminars-aggregator/seminars)"}
    assert all(m.hits("/robots.txt") for m in mirrors.values())
    listing = mirrors["gapindnns"]
    assert listing.hits("/robots.txt")[0] < listing.hits(listing.seed_path)[0]


def test_second_crawl_of_unchanged_sites_parses_and_writes_nothing(
    mirrors: dict[str, Mirror], sources: Path, tmp_path: Path
) -> None:
    db = tmp_path / "seminars.db"
    assert run_cli(*crawl_args(sources, db)).returncode == 0
    before = query(db, "SELECT * FROM talks ORDER BY id")

    result = run_cli(*crawl_args(sources, db, "-v"))
    assert result.returncode == 0, result.stderr
    assert "'seminars/listings_unchanged': 5" in result.stderr
    assert "seminars/pages_parsed" not in result.stderr

    after = query(db, "SELECT * FROM talks ORDER BY id")
    assert len(after) == len(before) == 52
    for old, new in zip(before, after, strict=True):
        assert {**old, "last_seen": None} == {**new, "last_seen": None}
        assert new["last_seen"] >= old["last_seen"]
    assert query(db, "SELECT count(*) AS n FROM talk_changes") == [{"n": 0}]
    second = query(
        db,
        "SELECT status, talks_seen, talks_new, talks_updated, talks_removed "
        "FROM crawls WHERE id > 5",
    )
    assert second == [
        {
            "status": "ok",
            "talks_seen": len(expected(slug)),
            "talks_new": 0,
            "talks_updated": 0,
            "talks_removed": 0,
        }
        for slug in SEED_ORDER
    ]


# No wall-clock limits in the cache tests: a loaded machine may be slow, never wrong.
PATIENT = ("-s", "DOWNLOAD_TIMEOUT=120", "-s", "RETRY_TIMES=0")


def gapindnns_sources(mirror: Mirror, folder: Path) -> Path:
    info = site("gapindnns")
    entry = {
        "id": "gapindnns",
        "name": info["name"],
        "url": mirror.seed_url,
        "parser": "gapindnns",
        "timezone": info["timezone"],
    }
    return write_sources(folder / "sources.toml", [entry])


def cached_crawl(sources: Path, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*crawl_args(sources, db, "--http-cache", *PATIENT, "-v", *extra))


def crawled_twice(mirror: Mirror, tmp_path: Path) -> tuple[Path, Path, Any]:
    """Two --http-cache crawls of the served gapindnns site; the first must see no 304."""
    sources = gapindnns_sources(mirror, tmp_path)
    db = tmp_path / "seminars.db"
    first = cached_crawl(sources, db)
    assert first.returncode == 0, first.stderr
    assert mirror.not_modified == []
    again = cached_crawl(sources, db)
    assert again.returncode == 0, again.stderr
    return db, sources, again


def test_http_cache_makes_refreshes_conditional(tmp_path: Path) -> None:
    """--http-cache: the second crawl revalidates with If-None-Match, the site answers 304,
    and the cached page is recognised as unchanged."""
    mirror = Mirror(SITES / "gapindnns", etag=True).start()
    try:
        db, _sources, again = crawled_twice(mirror, tmp_path)
    finally:
        mirror.stop()
    assert len(mirror.hits(mirror.seed_path)) == 2
    assert mirror.not_modified == [mirror.seed_path]
    assert "'seminars/listings_unchanged': 1" in again.stderr
    assert (tmp_path / "httpcache").is_dir()
    assert export(db) == expected_here({"gapindnns": mirror}, ["gapindnns"])


def test_http_cache_revalidates_a_page_modified_long_ago(tmp_path: Path) -> None:
    """A page last modified 100 days ago, with no Cache-Control: Scrapy's RFC 2616 policy held
    it fresh for 10 days (a tenth of its age) and never asked again. Every crawl must ask with
    If-Modified-Since; a 304 gets the stored copy, an edit is picked up."""
    folder = copy_sites(tmp_path / "sites") / "gapindnns"
    mirror = Mirror(folder, last_modified=time.time() - 100 * 86400).start()
    try:
        db, sources, again = crawled_twice(mirror, tmp_path)
        assert len(mirror.hits(mirror.seed_path)) == 2  # the site was asked again ...
        assert mirror.not_modified == [mirror.seed_path]  # ... conditionally, and said 304
        assert "'seminars/listings_unchanged': 1" in again.stderr
        assert "'httpcache/revalidate': 1" in again.stderr

        page = folder / "_pages" / "seminar.html"
        old_title = "Equivariant Manifold Neural ODEs and Differential Invariants"
        new_title = "Equivariant Manifold Neural ODEs, Revisited"
        page.write_text(page.read_text("utf-8").replace(old_title, new_title), "utf-8")
        mirror.last_modified = time.time() - 86400
        edited = cached_crawl(sources, db)
        assert edited.returncode == 0, edited.stderr
    finally:
        mirror.stop()
    assert len(mirror.hits(mirror.seed_path)) == 3
    assert mirror.not_modified == [mirror.seed_path]  # the edited page came in full
    titles = {talk["title"] for talk in export(db)}
    assert new_title in titles and old_title not in titles


@pytest.mark.parametrize("fault", [status(500), hang_up()], ids=["http500", "no-answer"])
def test_http_cache_never_answers_for_a_failing_site(tmp_path: Path, fault: Fault) -> None:
    """Only a 304 uses the stored copy: a 5xx or a dropped connection fails the source (Scrapy's
    RFC 2616 policy served the stored copy and the source looked healthy)."""
    mirror = Mirror(SITES / "gapindnns", etag=True).start()
    try:
        sources = gapindnns_sources(mirror, tmp_path)
        db = tmp_path / "seminars.db"
        first = cached_crawl(sources, db)
        assert first.returncode == 0, first.stderr
        mirror.faults[mirror.seed_path] = fault
        broken = cached_crawl(sources, db)
    finally:
        mirror.stop()
    assert broken.returncode == 1, broken.stderr
    assert "gapindnns failed: " in broken.stderr
    assert "httpcache/errorrecovery" not in broken.stderr
