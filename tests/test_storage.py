"""Tests for crawler.db.store, on the real records in tests/fixtures/sites/*/expected.jsonl."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

# The repo root is not on sys.path under the bare `pytest` script (no conftest, no install);
from crawler.db import MIGRATIONS, Store
from crawler.db.rows import speaker_id
from parsers.common.dates import to_utc
from parsers.talk import EXPORT_FIELDS

ROOT = Path(__file__).resolve().parents[1]

SITES_DIR = Path(__file__).parent / "fixtures" / "sites"
SLUGS = sorted(p.name for p in SITES_DIR.iterdir() if (p / "expected.jsonl").exists())

T0 = "2025-01-01T06:00:00+00:00"
T1 = "2025-01-02T06:00:00+00:00"
T2 = "2025-01-03T06:00:00+00:00"


def site_info(slug: str) -> dict[str, Any]:
    return json.loads((SITES_DIR / slug / "site.json").read_text())


def expected(slug: str) -> list[dict[str, Any]]:
    lines = (SITES_DIR / slug / "expected.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def talk_id(slug: str, index: int) -> str:
    """Ids come from upstream; in tests a stable stand-in per fixture record."""
    return hashlib.sha1(f"{slug}:{index}".encode()).hexdigest()[:16]


def talks_for(slug: str) -> list[dict[str, Any]]:
    """Fixture records plus the bookkeeping keys the crawler supplies."""
    return [
        {
            **record,
            "id": talk_id(slug, i),
            "status": "scheduled",
            "extracted_by": f"parsers.{slug}",
            "source_url": site_info(slug)["seed_url"],
        }
        for i, record in enumerate(expected(slug))
    ]


def register(store: Store, slug: str) -> None:
    site = site_info(slug)
    store.upsert_series(
        {
            "id": slug,
            "name": site["name"],
            "url": site["seed_url"],
            "institution": site["institution"],
            "timezone": site["timezone"],
            "kind": "seminar",
            "parser": slug,
        }
    )


def load_all(store: Store, now: str = T0) -> None:
    for slug in SLUGS:
        register(store, slug)
        store.save_talks(slug, talks_for(slug), now=now)


def table_rows(db: Database, table: str) -> list[dict[str, Any]]:
    """Every row of a table (FTS shadow tables included), in a stable order."""
    rows = [dict(r) for r in db.query(f"SELECT * FROM [{table}]")]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=repr))


def test_fixtures_are_present() -> None:
    assert len(SLUGS) >= 5
    assert all(list(r) == list(EXPORT_FIELDS) for slug in SLUGS for r in expected(slug))


@pytest.mark.parametrize("slug", SLUGS)
def test_export_round_trips_each_site(store: Store, slug: str) -> None:
    load_all(store)
    assert list(store.export_talks(slug)) == expected(slug)


def test_export_all_is_series_then_page_order(store: Store) -> None:
    load_all(store)
    assert list(store.export_talks()) == [r for slug in SLUGS for r in expected(slug)]


def test_file_database_settings(store: Store) -> None:
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_memory_database_works() -> None:
    with Store(":memory:") as mem:
        register(mem, "ngml")
        stats = mem.save_talks("ngml", talks_for("ngml"), now=T0)
        assert (stats.new, stats.updated, stats.unchanged) == (3, 0, 0)
        assert list(mem.export_talks()) == expected("ngml")


def test_saving_twice_is_idempotent(store: Store) -> None:
    load_all(store, now=T0)
    tables = store.db.table_names()
    before = {t: table_rows(store.db, t) for t in tables}

    for slug in SLUGS:
        stats = store.save_talks(slug, talks_for(slug), now=T1)
        assert (stats.new, stats.updated) == (0, 0)
        assert stats.unchanged == len(expected(slug))
        assert stats.ids == [talk_id(slug, i) for i in range(len(expected(slug)))]

    after = {t: table_rows(store.db, t) for t in tables}
    assert {t: len(r) for t, r in after.items()} == {t: len(r) for t, r in before.items()}
    for table in tables:
        if table == "talks":
            continue
        assert after[table] == before[table], table
    assert all(row["last_seen"] == T1 for row in after["talks"])
    strip = [{k: v for k, v in row.items() if k != "last_seen"} for row in before["talks"]]
    assert [{k: v for k, v in row.items() if k != "last_seen"} for row in after["talks"]] == strip
    assert store.db["talk_changes"].count == 0


def test_changed_talk_keeps_id_and_logs_changes(store: Store) -> None:
    register(store, "gapindnns")
    talks = talks_for("gapindnns")
    store.save_talks("gapindnns", talks, now=T0)
    crawl = store.start_crawl("gapindnns", now=T1)

    slides = {"kind": "slides", "url": "https://gapindnns.github.io/slides/svensson.pdf"}
    changed = [dict(t) for t in talks]
    changed[0]["starts_at"] = "2024-06-06T10:30:00+02:00"
    changed[0]["links"] = [slides]
    stats = store.save_talks("gapindnns", changed, crawl_id=crawl, now=T1)

    assert (stats.new, stats.updated, stats.unchanged) == (0, 1, 4)
    tid = talk_id("gapindnns", 0)
    row = store.db["talks"].get(tid)
    assert row["title"] == "Equivariant Manifold Neural ODEs and Differential Invariants"
    assert row["starts_at"] == "2024-06-06T10:30:00+02:00"
    assert row["starts_at_utc"] == "2024-06-06T08:30:00Z"
    assert (row["first_seen"], row["last_seen"]) == (T0, T1)
    assert store.db["talks"].count == 5

    changes = list(
        store.db.query(
            "SELECT talk_id, crawl_id, field, old_value, new_value, changed_at "
            "FROM talk_changes ORDER BY id"
        )
    )
    assert changes == [
        {
            "talk_id": tid,
            "crawl_id": crawl,
            "field": "starts_at",
            "old_value": "2024-05-30T10:30:00+02:00",
            "new_value": "2024-06-06T10:30:00+02:00",
            "changed_at": T1,
        },
        {
            "talk_id": tid,
            "crawl_id": crawl,
            "field": "links",
            "old_value": "[]",
            "new_value": json.dumps([slides]),
            "changed_at": T1,
        },
    ]
    exported = next(iter(store.export_talks("gapindnns")))
    assert exported == {
        **expected("gapindnns")[0],
        "starts_at": changed[0]["starts_at"],
        "links": [slides],
    }
    assert list(store.db.query("SELECT kind, url FROM links")) == [slides]


def test_status_and_bool_changes_are_logged_as_json(store: Store) -> None:
    register(store, "weihuang")
    talks = talks_for("weihuang")
    store.save_talks("weihuang", talks, now=T0)
    talks[1] = {**talks[1], "status": "cancelled", "online": True}
    stats = store.save_talks("weihuang", talks, now=T1)
    assert stats.updated == 1
    rows = list(store.db.query("SELECT field, old_value, new_value FROM talk_changes ORDER BY id"))
    assert rows == [
        {"field": "online", "old_value": None, "new_value": "true"},
        {"field": "status", "old_value": "scheduled", "new_value": "cancelled"},
    ]
    assert store.db["talks"].get(talk_id("weihuang", 1))["online"] == 1


def test_speakers_are_shared_and_keep_per_talk_affiliation(store: Store) -> None:
    load_all(store)
    wei = speaker_id("Wei Huang")
    assert store.db["speakers"].get(wei)["name"] == "Wei Huang"
    assert store.db["talk_speakers"].count_where("speaker_id = ?", [wei]) == 5
    # Accent- and case-folded: one person whatever the spelling.
    assert speaker_id("Kathlén Kohn") == speaker_id("kathlen  KOHN")
    row = store.db["talks"].get(talk_id("utexas_mdl", 1))
    assert row["speaker_names"] == "Vardan Papyan"
    assert store.db["talks"].get(talk_id("ngml", 0))["speaker_names"] is None


def test_mark_removed_flags_but_never_deletes(store: Store) -> None:
    register(store, "weihuang")
    talks = talks_for("weihuang")
    store.save_talks("weihuang", talks, now=T0)
    missing = talk_id("weihuang", 2)

    seen = [t["id"] for t in talks if t["id"] != missing]
    store.save_talks("weihuang", [t for t in talks if t["id"] != missing], now=T1)
    assert store.mark_removed("weihuang", seen, now=T1) == 1
    assert store.mark_removed("weihuang", seen, now=T1) == 0  # already flagged

    row = store.db["talks"].get(missing)
    assert row["removed_at"] == T1
    assert row["title"] == "Closing the Gap between Theory and Applications in Deep Learning."
    assert store.db["talks"].count == 5
    assert missing not in {t["url"] for t in store.export_talks("weihuang")}
    assert [t["url"] for t in store.export_talks("weihuang")] == [
        r["url"] for i, r in enumerate(expected("weihuang")) if i != 2
    ]
    assert list(store.export_talks("weihuang", include_removed=True)) == expected("weihuang")
    assert [h["talk_count"] for h in store.sources_health()] == [4]

    stats = store.save_talks("weihuang", talks, now=T2)
    assert (stats.new, stats.updated, stats.unchanged) == (0, 0, 5)
    assert store.db["talks"].get(missing)["removed_at"] is None
    assert list(store.export_talks("weihuang")) == expected("weihuang")
    log = list(store.db.query("SELECT field, old_value, new_value FROM talk_changes ORDER BY id"))
    assert log == [
        {"field": "removed_at", "old_value": None, "new_value": T1},
        {"field": "removed_at", "old_value": T1, "new_value": None},
    ]


def test_fts_finds_abstract_words_and_speakers(store: Store) -> None:
    load_all(store)
    gomes = {talk_id("ist_mpml", 21), talk_id("ist_mpml", 22)}
    for i in (21, 22):
        record = expected("ist_mpml")[i]
        assert "brachistochrone" in record["abstract"]
        assert "brachistochrone" not in record["title"].lower()

    hits = store.search("brachistochrone")
    assert {h["id"] for h in hits} == gomes
    assert all(list(h) == ["id", *EXPORT_FIELDS] for h in hits)

    by_speaker = store.search("Kathlén Kohn")
    assert [h["id"] for h in by_speaker] == [talk_id("gapindnns", 4)]
    assert by_speaker[0]["title"] == (
        "Understanding Linear Convolutional Neural Networks via Sparse Factorizations of "
        "Real Polynomials (and Decomposing Linear Group-Equivariant Networks)"
    )
    # The default unicode61 tokenizer folds accents, so ASCII spellings find accented names.
    assert [h["id"] for h in store.search("Velickovic")] == [talk_id("ist_mpml", 20)]
    assert store.search('"unbalanced AND OR') == []  # user input cannot break FTS syntax


def test_fts_follows_updates(store: Store) -> None:
    load_all(store)
    talks = talks_for("ist_mpml")
    part_one = talks[21]
    new_abstract = part_one["abstract"].replace("brachistochrone", "tautochrone")
    talks[21] = {**part_one, "abstract": new_abstract}
    stats = store.save_talks("ist_mpml", talks, now=T1)
    assert stats.updated == 1

    assert [h["id"] for h in store.search("brachistochrone")] == [talk_id("ist_mpml", 22)]
    assert [h["id"] for h in store.search("tautochrone")] == [talk_id("ist_mpml", 21)]
    # The external-content index still matches the talks table exactly (raises if not).
    store.db.execute("INSERT INTO talks_fts (talks_fts, rank) VALUES ('integrity-check', 1)")


def test_foreign_keys_are_enforced(store: Store) -> None:
    load_all(store)
    with pytest.raises(sqlite3.IntegrityError):
        store.db.conn.execute(
            "INSERT INTO talk_speakers (talk_id, speaker_id, position, name, affiliation) "
            "VALUES ('0000000000000000', ?, 0, 'Wei Huang', NULL)",
            [speaker_id("Wei Huang")],
        )


def test_starts_at_utc(store: Store) -> None:
    load_all(store)
    gap = store.db["talks"].get(talk_id("gapindnns", 0))
    assert gap["starts_at"] == "2024-05-30T10:30:00+02:00"
    assert gap["starts_at_utc"] == "2024-05-30T08:30:00Z"
    assert gap["ends_at_utc"] is None
    tx = store.db["talks"].get(talk_id("utexas_mdl", 0))
    assert (tx["starts_at_utc"], tx["ends_at_utc"]) == (
        "2025-02-20T15:00:00Z",
        "2025-02-20T15:45:00Z",
    )
    assert store.db["talks"].get(talk_id("ist_mpml", 14))["starts_at_utc"] == "2022-06-16"
    assert store.db["talks"].get(talk_id("ist_mpml", 0))["starts_at_utc"] is None


def test_to_utc_edge_cases() -> None:
    assert to_utc("2024-05-30T10:30:00+02:00") == "2024-05-30T08:30:00Z"
    assert to_utc("2022-06-16") == "2022-06-16"
    assert to_utc("2024-05-30T10:30:00", "Europe/Stockholm") == "2024-05-30T08:30:00Z"
    assert to_utc("2024-05-30T10:30:00") is None  # no offset, no zone: instant unknown
    assert to_utc("2024-05-30T10:30:00", "Not/AZone") is None
    assert to_utc("next Thursday") is None
    assert to_utc(None) is None


def test_sources_health(store: Store) -> None:
    for slug in ("gapindnns", "ngml", "weihuang"):
        register(store, slug)
    store.save_talks("gapindnns", talks_for("gapindnns"), now=T0)
    ok = store.start_crawl("gapindnns", now=T0)
    store.finish_crawl(ok, status="ok", pages=1, talks_seen=5, talks_new=5, now=T1)

    good = store.start_crawl("ngml", now=T0)
    store.finish_crawl(good, status="ok", pages=1, talks_seen=3, now=T0)
    bad = store.start_crawl("ngml", now=T1)
    store.log_error(bad, "ngml", "https://ngmlgroup.github.io/seminars.html", "HTTP 503", now=T1)
    store.finish_crawl(bad, status="failed", errors=1, error_text="HTTP 503", now=T2)
    store.start_crawl("weihuang", now=T2)  # still running: not a finished crawl

    health = {h["id"]: h for h in store.sources_health()}
    assert list(health) == ["gapindnns", "ngml", "weihuang"]
    assert health["gapindnns"] == {
        "id": "gapindnns",
        "name": "GAPinDNNs Seminar",
        "last_crawl": T1,
        "last_status": "ok",
        "last_success": T1,
        "talk_count": 5,
        "health": "ok",
    }
    assert health["ngml"]["health"] == "failing"
    assert (health["ngml"]["last_crawl"], health["ngml"]["last_success"]) == (T2, T0)
    assert health["weihuang"]["health"] == "never crawled"
    assert health["weihuang"]["last_crawl"] is None
    assert store.last_good_crawl("ngml")["id"] == good
    assert store.last_good_crawl("weihuang") is None
    error = store.db["crawl_errors"].get(1)
    assert (error["crawl_id"], error["level"], error["message"]) == (bad, "error", "HTTP 503")

    store.finish_crawl(store.start_crawl("ngml", now=T2), status="ok", suspect=True, now=T2)
    assert {h["id"]: h["health"] for h in store.sources_health()}["ngml"] == "suspect"


def test_page_hashes(store: Store) -> None:
    url = "https://weihuang05.github.io/talks/"
    assert store.page_hash(url) is None
    store.set_page_hash("weihuang", url, "abc", now=T0)
    store.set_page_hash("weihuang", url, "def", now=T1)
    assert store.page_hash(url) == "def"
    assert store.db["pages"].get(url)["fetched_at"] == T1


def test_unregistered_series_gets_minimal_row(store: Store) -> None:
    stats = store.save_talks("ngml", talks_for("ngml"), now=T0)
    assert stats.new == 3
    assert store.db["series"].get("ngml")["name"] == "NGML Seminar Series"
    assert list(store.export_talks("ngml")) == expected("ngml")


def test_save_talks_is_one_transaction(store: Store) -> None:
    register(store, "weihuang")
    talks = talks_for("weihuang")
    talks[3] = {**talks[3], "status": "rescheduled"}
    with pytest.raises(ValueError, match="status"):
        store.save_talks("weihuang", talks, now=T0)
    assert store.db["talks"].count == 0
    assert store.db["talk_speakers"].count == 0


def test_explicit_position_and_duplicate_ids(store: Store) -> None:
    register(store, "weihuang")
    talks = list(reversed(talks_for("weihuang")))
    talks = [{**t, "position": 4 - i} for i, t in enumerate(talks)]
    stats = store.save_talks("weihuang", [*talks, talks[0]], now=T0)
    assert stats.new == 5
    assert stats.duplicates == [talks[0]["id"]]
    assert list(store.export_talks("weihuang")) == expected("weihuang")


def test_upsert_series_keeps_order_and_unset_fields(store: Store) -> None:
    for slug in SLUGS:
        register(store, slug)
    store.upsert_series({"id": SLUGS[0], "name": "Renamed"})
    rows = list(store.db.query("SELECT id, name, parser FROM series ORDER BY rowid"))
    assert [r["id"] for r in rows] == SLUGS
    assert rows[0] == {"id": SLUGS[0], "name": "Renamed", "parser": SLUGS[0]}


def test_old_database_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m002_indexes")
    assert [m.name for m in MIGRATIONS.applied(old)] == ["m001_initial"]
    assert "suspect" not in old["crawls"].columns_dict
    old["series"].insert({"id": "ngml", "name": "NGML Seminar Series"})
    old["crawls"].insert({"source_id": "ngml", "started": T0, "finished": T0, "status": "ok"})
    old.close()

    with Store(path) as store:
        applied = [m.name for m in MIGRATIONS.applied(store.db)]
        # Later migrations (views, new columns) append to the list; the first three are fixed.
        assert applied[:3] == ["m001_initial", "m002_indexes", "m003_crawls_suspect"]
        assert not MIGRATIONS.pending(store.db)
        assert store.db["crawls"].columns_dict["suspect"] is int
        assert store.db["crawls"].get(1)["suspect"] == 0
        indexed = {
            (table, tuple(index.columns))
            for table in ("talks", "talk_speakers", "links", "crawls", "talk_changes")
            for index in store.db[table].indexes
        }
        for expected_index in [
            ("talks", ("series_id",)),
            ("talks", ("starts_at_utc",)),
            ("talks", ("kind",)),
            ("talks", ("status",)),
            ("talks", ("removed_at",)),
            ("talk_speakers", ("speaker_id",)),
            ("links", ("kind",)),
            ("crawls", ("source_id",)),
            ("talk_changes", ("talk_id",)),
        ]:
            assert expected_index in indexed
        assert store.last_good_crawl("ngml")["status"] == "ok"
        store.save_talks("ngml", talks_for("ngml"), now=T1)
        assert list(store.export_talks()) == expected("ngml")

    with Store(path) as again:  # reopening applies nothing twice
        assert len(MIGRATIONS.applied(again.db)) == len(applied)


def assert_listing_is_live(db: Database) -> None:
    """talks_view (the maintained talks_listing) holds exactly what the live SELECT gives,
    and the precomputed yearly counts are those of its rows."""
    from crawler.db.views import LISTING_COLUMNS, REAL_TALKS_SELECT

    columns = ", ".join(LISTING_COLUMNS)
    live = [dict(r) for r in db.query(f"SELECT {columns} FROM ({REAL_TALKS_SELECT}) ORDER BY id")]
    kept = [dict(r) for r in db.query(f"SELECT {columns} FROM talks_view ORDER BY id")]
    assert kept == live
    counts = (
        "SELECT series_id, coalesce(year, -1) AS year_key, count(*) AS talks, "
        "sum(slides IS NOT NULL) AS with_slides, sum(video IS NOT NULL) AS with_video, "
        "coalesce(sum(online = 1), 0) AS online FROM ({}) GROUP BY 1, 2 ORDER BY 1, 2"
    )
    years = "SELECT * FROM talks_listing_years ORDER BY series_id, year_key"
    assert [dict(r) for r in db.query(years)] == [
        dict(r) for r in db.query(counts.format(REAL_TALKS_SELECT))
    ]


def test_talks_view_listing_follows_every_write(store: Store) -> None:
    from crawler.db import linking

    load_all(store)
    assert_listing_is_live(store.db)
    slug = SLUGS[0]
    talks = talks_for(slug)
    changed = {
        **talks[0],
        "title": "A new title",
        "speakers": [{"name": "Ada Lovelace", "affiliation": "Analytical Engines"}],
        "links": [{"kind": "slides", "url": "https://example.org/slides.pdf"}],
        "online": True,
    }
    store.save_talks(slug, [changed, *talks[1:]], now=T1)
    assert_listing_is_live(store.db)
    store.mark_removed(slug, [t["id"] for t in talks[2:]], now=T1)  # two talks gone
    assert_listing_is_live(store.db)
    store.save_talks(slug, talks, now=T2)  # back again, the first one as it was
    assert_listing_is_live(store.db)
    store.upsert_series({"id": slug, "name": "Renamed series"})
    assert_listing_is_live(store.db)
    # the same talk on a speaker's own page: one real talk, two sources
    store.upsert_series({"id": "personal", "name": "Personal page", "kind": "talks"})
    twin = {**talks[1], "id": "twin", "abstract": None, "links": [], "url": None}
    stats = store.save_talks("personal", [twin], now=T2)
    with store.transaction():
        linking.refresh(store.db, stats.touched)
    assert store.db.execute("SELECT count(*) FROM talk_group_members").fetchone()[0] == 2
    assert_listing_is_live(store.db)
    store.mark_removed("personal", [], now=T2)
    with store.transaction():
        linking.refresh(store.db, ["twin"])
    assert_listing_is_live(store.db)


def test_an_existing_database_gets_its_listing_filled(tmp_path: Path) -> None:
    from crawler.db.talks import TalkWrites

    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m400_talks_listing")
    writer = TalkWrites()
    writer.db = old
    for slug in SLUGS:
        writer.save_talks(slug, talks_for(slug), now=T0)
    old.close()
    with Store(path) as store:
        assert store.db.execute("SELECT count(*) FROM talks_view").fetchone()[0] > 40
        assert_listing_is_live(store.db)
