"""End to end over real HTTP: the five seed sites served on 127.0.0.1, crawled by `seminars crawl`.

The database must hold exactly the expected talks (with each site's origin rewritten to its
mirror's), with ids from `Talk.id`, and a second crawl of the unchanged sites must parse nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from crawl_support import (
    SEED_ORDER,
    SITES,
    Mirror,
    crawl_args,
    expected,
    export,
    query,
    run_cli,
    served,
    site,
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


def test_http_cache_makes_refreshes_conditional(tmp_path: Path) -> None:
    """--http-cache (RFC 2616 policy): the second crawl revalidates with If-None-Match, the site
    answers 304, and the cached page is recognised as unchanged."""
    mirror = Mirror(SITES / "gapindnns", etag=True).start()
    try:
        info = site("gapindnns")
        entry = {
            "id": "gapindnns",
            "name": info["name"],
            "url": mirror.seed_url,
            "parser": "gapindnns",
            "timezone": info["timezone"],
        }
        sources = write_sources(tmp_path / "sources.toml", [entry])
        db = tmp_path / "seminars.db"
        assert run_cli(*crawl_args(sources, db, "--http-cache")).returncode == 0
        assert mirror.not_modified == []
        again = run_cli(*crawl_args(sources, db, "--http-cache", "-v"))
        assert again.returncode == 0, again.stderr
    finally:
        mirror.stop()
    assert mirror.not_modified == [mirror.seed_path]
    assert "'seminars/listings_unchanged': 1" in again.stderr
    assert (tmp_path / "httpcache").is_dir()
    assert export(db) == expected_here({"gapindnns": mirror}, ["gapindnns"])
