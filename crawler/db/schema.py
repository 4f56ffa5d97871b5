"""The database schema: every table, index, trigger and view, as one sqlite-utils `Migrations`
set, and how a connection is opened (pragmas, then migrations).

Why one migration set: existing databases upgrade in place, in order, and each migration's
name is recorded in `_sqlite_migrations`, so names and order here never change; a new schema
change is a new migration at the end.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

FTS_COLUMNS = ("title", "abstract", "speaker_names")
SERIES_COLUMNS = ("id", "name", "url", "institution", "timezone", "kind", "parser")
WAL_CHECKPOINT_PAGES = 10_000  # log pages between automatic checkpoints (SQLite's default: 1,000)

MIGRATIONS = Migrations("seminars")


def open_database(path: str | Path) -> Database:
    """A connection with the project's pragmas, its schema migrated to the latest version."""
    path = str(path)
    db = Database(path)
    db.execute("PRAGMA foreign_keys=ON")
    if path != ":memory:":
        # Datasette reads while the crawler writes; WAL keeps readers from blocking it.
        db.enable_wal()
        # In WAL mode NORMAL never corrupts the file (a killed crawl still leaves a database
        # that passes integrity_check); only a power cut may lose the last commits, which
        # the next crawl writes again. FULL synced the log on every page's commit.
        db.execute("PRAGMA synchronous=NORMAL")
        # Checkpoint every ~40 MB of log instead of every 4 MB: talk ids are random, so a
        # page's commit dirties ~250 scattered pages, and each checkpoint ends in an fsync
        # of all of them; checkpointing a tenth as often made 100,000 upserts 1.5x faster.
        db.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    MIGRATIONS.apply(db)
    return db


def _columns(spec: str) -> dict[str, type]:
    """Column types in table order from "name name:int ...": TEXT unless marked :int."""
    pairs = (column.partition(":") for column in spec.split())
    return {name: int if kind == "int" else str for name, _, kind in pairs}


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    """All tables, foreign keys and the FTS index: the schema as first released."""
    db["series"].create(_columns(" ".join(SERIES_COLUMNS)), pk="id")
    db["talks"].create(
        _columns(
            "id series_id position:int title starts_at ends_at starts_at_utc ends_at_utc "
            "timezone location online:int abstract url kind status speaker_names source_url "
            "extracted_by content_hash first_seen last_seen removed_at"
        ),
        pk="id",
        foreign_keys=[("series_id", "series", "id")],
        not_null=["series_id", "status", "content_hash", "first_seen", "last_seen"],
    )
    db["speakers"].create(_columns("id name"), pk="id", not_null=["name"])
    # talk_speakers.name: the spelling used on this talk's page (speakers.name is one spelling
    # per folded name, and exports must return exactly what the parser produced).
    db["talk_speakers"].create(
        _columns("talk_id speaker_id position:int name affiliation"),
        pk=("talk_id", "position"),
        foreign_keys=[("talk_id", "talks", "id"), ("speaker_id", "speakers", "id")],
        not_null=["speaker_id"],
    )
    db["links"].create(
        _columns("talk_id position:int kind url"),
        pk=("talk_id", "url"),
        foreign_keys=[("talk_id", "talks", "id")],
    )
    db["crawls"].create(
        _columns(
            "id:int source_id started finished status pages:int talks_seen:int talks_new:int "
            "talks_updated:int talks_removed:int errors:int error_text"
        ),
        pk="id",
        foreign_keys=[("source_id", "series", "id")],
        not_null=["source_id", "started", "status"],
    )
    db["crawl_errors"].create(
        _columns("id:int crawl_id:int source_id url level message at"),
        pk="id",
        foreign_keys=[("crawl_id", "crawls", "id")],
    )
    db["talk_changes"].create(
        _columns("id:int talk_id crawl_id:int field old_value new_value changed_at"),
        pk="id",
        foreign_keys=[("talk_id", "talks", "id")],
    )
    db["pages"].create(_columns("url source_id content_hash fetched_at"), pk="url")
    db["talks"].enable_fts(list(FTS_COLUMNS), fts_version="FTS5", create_triggers=True)
    _narrow_fts_update_trigger(db)


def _narrow_fts_update_trigger(db: Database) -> None:
    """Re-index a talk only when an indexed column changes.

    sqlite-utils' trigger fires on any UPDATE; every crawl touches last_seen on every talk, which
    would rewrite the whole FTS index each run and grow its segment table for nothing.
    """
    columns = ", ".join(FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    db.execute("DROP TRIGGER IF EXISTS talks_au")
    db.execute(
        f"CREATE TRIGGER talks_au AFTER UPDATE OF {columns} ON talks BEGIN "
        f"INSERT INTO talks_fts (talks_fts, rowid, {columns}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO talks_fts (rowid, {columns}) VALUES (new.rowid, {new}); "
        "END"
    )


@MIGRATIONS()
def m002_indexes(db: Database) -> None:
    """Indexes on the columns Datasette facets and the crawler filter by."""
    for table, column in (
        ("talks", "series_id"),
        ("talks", "starts_at_utc"),
        ("talks", "kind"),
        ("talks", "status"),
        ("talks", "removed_at"),
        ("talk_speakers", "speaker_id"),
        ("links", "kind"),
        ("crawls", "source_id"),
        ("talk_changes", "talk_id"),
    ):
        db[table].create_index([column], if_not_exists=True)


@MIGRATIONS()
def m003_crawls_suspect(db: Database) -> None:
    """Flag crawls whose result looks wrong (e.g. a page suddenly lists no talks)."""
    db["crawls"].add_column("suspect", int, not_null_default=0)


@MIGRATIONS()
def m010_pages_follows(db: Database) -> None:
    """What a listing page asked to follow and which talks it gave (JSON), next to its hash.

    An unchanged listing is not parsed again, but its detail pages must still be fetched to see
    whether *they* changed (`follows`), and its talks still count as seen (`talk_ids`: exactly
    the ids of its last write, because after a suspect crawl the talks table still holds talks
    the page no longer lists).
    """
    db["pages"].add_column("follows", str)
    db["pages"].add_column("talk_ids", str)


@MIGRATIONS()
def m100_talks_year(db: Database) -> None:
    """A virtual ``year`` column (the talk's local year), so Datasette can facet talks by year.

    Generated, not stored: the crawler never has to fill it in and it cannot go stale. Note that
    ``Table.transform()`` does not copy generated columns; a migration that transforms ``talks``
    must add it back.
    """
    db.execute(
        "ALTER TABLE talks ADD COLUMN year INTEGER "
        "GENERATED ALWAYS AS (CAST(substr(starts_at, 1, 4) AS INTEGER)) VIRTUAL"
    )


# One row per current talk with the joins an analyst would otherwise write by hand. Speakers are
# "Name (Affiliation)" in page order; start_local is the talk's own wall-clock time (with its
# `timezone`), start_utc the UTC instant; talk_rowid lets Datasette search it through talks_fts.
# `+t.removed_at`: the unary plus keeps SQLite from reading talks through the index on
# removed_at, which narrows nothing (it is NULL for nearly every talk) yet made SQLite sort every
# live talk for `ORDER BY start_utc` and look up each search hit twice: with 100,000 talks the
# canned "upcoming" query took 560 ms and "with_slides" 1.9 s; along the starts_at_utc index,
# 93 and 55 ms.
TALKS_VIEW_SQL = """
CREATE VIEW talks_view AS
SELECT
    t.title,
    (SELECT group_concat(label, '; ') FROM (
        SELECT ts.name || coalesce(' (' || ts.affiliation || ')', '') AS label
        FROM talk_speakers ts WHERE ts.talk_id = t.id ORDER BY ts.position)) AS speakers,
    s.name AS series,
    replace(substr(t.starts_at, 1, 16), 'T', ' ') AS start_local,
    t.timezone,
    t.starts_at_utc AS start_utc,
    t.location,
    t.online,
    t.kind,
    t.status,
    t.extracted_by,
    (SELECT url FROM links WHERE talk_id = t.id AND kind = 'slides'
        ORDER BY position LIMIT 1) AS slides,
    (SELECT url FROM links WHERE talk_id = t.id AND kind = 'video'
        ORDER BY position LIMIT 1) AS video,
    (SELECT url FROM links WHERE talk_id = t.id AND kind = 'paper'
        ORDER BY position LIMIT 1) AS paper,
    t.url,
    CAST(substr(t.starts_at, 1, 4) AS INTEGER) AS year,
    replace(substr(t.ends_at, 1, 16), 'T', ' ') AS end_local,
    t.ends_at_utc AS end_utc,
    (SELECT group_concat(affiliation, '; ') FROM (
        SELECT ts.affiliation, min(ts.position) AS first FROM talk_speakers ts
        WHERE ts.talk_id = t.id AND ts.affiliation IS NOT NULL
        GROUP BY ts.affiliation ORDER BY first)) AS affiliations,
    t.abstract,
    (SELECT nullif(json_group_array(json_object('kind', kind, 'url', url)), '[]') FROM (
        SELECT kind, url FROM links WHERE talk_id = t.id ORDER BY position)) AS links,
    t.id,
    t.series_id,
    t.speaker_names,
    t.starts_at,
    t.ends_at,
    coalesce((SELECT max(changed_at) FROM talk_changes c WHERE c.talk_id = t.id),
        t.first_seen) AS updated_at,
    (SELECT count(*) FROM talk_changes c WHERE c.talk_id = t.id) AS changes,
    t.rowid AS talk_rowid
FROM talks t JOIN series s ON s.id = t.series_id
WHERE +t.removed_at IS NULL
"""


def create_talks_view(db: Database) -> None:
    """(Re)create talks_view; a migration that renames or drops a talks column must call it."""
    db.execute("DROP VIEW IF EXISTS talks_view")
    db.execute(TALKS_VIEW_SQL)


@MIGRATIONS()
def m101_talks_view(db: Database) -> None:
    """talks_view: the human-friendly table Datasette users browse, search and subscribe to."""
    create_talks_view(db)


@MIGRATIONS()
def m102_talks_view_extracted_by(db: Database) -> None:
    """talks_view gains extracted_by, so analysts can facet talks by the stage that found them."""
    create_talks_view(db)


@MIGRATIONS()
def m103_links_by_talk(db: Database) -> None:
    """An index for talks_view's link columns: a talk's links in page order, covering kind
    and url, so "its first slides link" and "all its links as JSON" read only this index.

    Without it SQLite answered `WHERE talk_id = ? AND kind = 'slides'` from the index on
    `kind` alone, reading every slides link for every talk shown: a canned query over 5,000
    talks took 11 s (and hit Datasette's time limit); with it, 25 ms.
    """
    db["links"].create_index(["talk_id", "position", "kind", "url"], if_not_exists=True)


@MIGRATIONS()
def m104_talks_view_plans(db: Database) -> None:
    """talks_view no longer filters removed talks through the removed_at index (see
    TALKS_VIEW_SQL): same rows, plans that follow the start-time index and the searches."""
    create_talks_view(db)
