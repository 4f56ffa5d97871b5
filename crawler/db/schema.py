"""The database schema: every table, index, trigger and view, as one sqlite-utils `Migrations`
set, and how a connection is opened (pragmas, then migrations).

Why one migration set: existing databases upgrade in place, in order, and each migration's
name is recorded in `_sqlite_migrations`, so names and order here never change; a new schema
change is a new migration at the end.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

FTS_COLUMNS = ("title", "abstract", "speaker_names")
SERIES_COLUMNS = ("id", "name", "url", "institution", "timezone", "kind", "parser")
WAL_CHECKPOINT_PAGES = 10_000  # log pages between automatic checkpoints (SQLite's default: 1,000)

MIGRATIONS = Migrations("seminars")


class NotSeminarsDatabase(Exception):
    """The file is not a SQLite database, or is one that another application made.

    The message is one line for the user, without the path (the caller names the file).
    """


def open_database(path: str | Path) -> Database:
    """A connection with the project's pragmas, its schema migrated to the latest version.

    Raises NotSeminarsDatabase (before writing anything) when the file is not a SQLite
    database, or has tables but not ours: migrating would add the whole schema to another
    application's file. A file with no tables yet is a new database.
    """
    path = str(path)
    if path != ":memory:" and Path(path).exists():
        check_database(path, empty_ok=True)
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


def open_readonly(path: str | Path) -> Database:
    """A read-only connection (SQLite `mode=ro`) to an existing seminars database.

    Raises NotSeminarsDatabase when the file is not one (an empty file included: nothing to
    read). Nothing is migrated: the caller migrates first when `MIGRATIONS.pending()` says so.
    """
    check_database(path, empty_ok=False)
    return Database(_connect_readonly(path))


def check_database(path: str | Path, *, empty_ok: bool) -> None:
    """Raise NotSeminarsDatabase unless `path` is a seminars database (or, with `empty_ok`, a
    SQLite file with no tables yet). Opens the file read-only: a check never writes."""
    try:
        conn = _connect_readonly(path)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            ours = MIGRATIONS.migrations_table in tables and bool(
                MIGRATIONS.applied(Database(conn))  # read-only, as sqlite-utils documents
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:  # "file is not a database", "... is encrypted"
        raise NotSeminarsDatabase(f"not a seminars database (SQLite: {error})") from None
    if ours or (empty_ok and not tables):
        return
    if not tables:
        raise NotSeminarsDatabase("not a seminars database (it has no tables)")
    shown = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
    raise NotSeminarsDatabase(
        f"not a seminars database (another application's SQLite file, tables: {shown})"
    )


def _connect_readonly(path: str | Path) -> sqlite3.Connection:
    """SQLite's own read-only mode: no write, no journal, no file created."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


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
    """(Re)create talks_view; a migration that renames or drops a talks column must call it.

    Always the latest definition: since m400 a plain view over talks_listing, the table
    `refresh_listing` keeps (REAL_TALKS_VIEW_SQL, m301, computes the same rows live;
    TALKS_VIEW_SQL is the per-listing view it grew from). A view may name tables a later
    migration creates: SQLite checks them when the view is read, not when it is created.
    """
    db.execute("DROP VIEW IF EXISTS talks_view")
    db.execute(LISTING_VIEW_SQL)


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


@MIGRATIONS()
def m200_crawls_restored(db: Database) -> None:
    """How many talks a crawl found again after they had been marked removed (the summary's
    `restored`), next to talks_new, talks_updated and talks_removed."""
    db["crawls"].add_column("talks_restored", int, not_null_default=0)


# talks_view since m301: one row per REAL talk. A talk in no group is its own row, as before;
# a group of listings (crawler/db/linking.py) is one row, on its canonical talk, with the
# group's richest values (talk_groups) and `sources` / `source_urls`; its other members are
# left out. The row stays while any member is live (a talk removed from one source stays in
# its group while another source still lists it).
REAL_TALKS_SELECT = """
SELECT
    coalesce(g.title, t.title) AS title,
    (SELECT group_concat(label, '; ') FROM (
        SELECT ts.name || coalesce(' (' || ts.affiliation || ')', '') AS label
        FROM talk_speakers ts WHERE ts.talk_id = coalesce(g.speakers_from, t.id)
        ORDER BY ts.position)) AS speakers,
    s.name AS series,
    replace(substr(coalesce(g.starts_at, t.starts_at), 1, 16), 'T', ' ') AS start_local,
    coalesce(g.timezone, t.timezone) AS timezone,
    coalesce(g.starts_at_utc, t.starts_at_utc) AS start_utc,
    coalesce(g.location, t.location) AS location,
    coalesce(g.online, t.online) AS online,
    t.kind,
    t.status,
    t.extracted_by,
    coalesce((SELECT value ->> 'url' FROM json_each(g.links) WHERE value ->> 'kind' = 'slides'),
        (SELECT url FROM links WHERE talk_id = t.id AND kind = 'slides'
            ORDER BY position LIMIT 1)) AS slides,
    coalesce((SELECT value ->> 'url' FROM json_each(g.links) WHERE value ->> 'kind' = 'video'),
        (SELECT url FROM links WHERE talk_id = t.id AND kind = 'video'
            ORDER BY position LIMIT 1)) AS video,
    coalesce((SELECT value ->> 'url' FROM json_each(g.links) WHERE value ->> 'kind' = 'paper'),
        (SELECT url FROM links WHERE talk_id = t.id AND kind = 'paper'
            ORDER BY position LIMIT 1)) AS paper,
    coalesce(g.url, t.url) AS url,
    CAST(substr(coalesce(g.starts_at, t.starts_at), 1, 4) AS INTEGER) AS year,
    replace(substr(coalesce(g.ends_at, t.ends_at), 1, 16), 'T', ' ') AS end_local,
    coalesce(g.ends_at_utc, t.ends_at_utc) AS end_utc,
    (SELECT group_concat(affiliation, '; ') FROM (
        SELECT ts.affiliation, min(ts.position) AS first FROM talk_speakers ts
        WHERE ts.talk_id = coalesce(g.speakers_from, t.id) AND ts.affiliation IS NOT NULL
        GROUP BY ts.affiliation ORDER BY first)) AS affiliations,
    coalesce(g.abstract, t.abstract) AS abstract,
    coalesce(g.links, (SELECT nullif(json_group_array(json_object('kind', kind, 'url', url)), '[]')
        FROM (SELECT kind, url FROM links WHERE talk_id = t.id ORDER BY position))) AS links,
    t.id,
    t.series_id,
    coalesce(g.speaker_names, t.speaker_names) AS speaker_names,
    coalesce(g.starts_at, t.starts_at) AS starts_at,
    coalesce(g.ends_at, t.ends_at) AS ends_at,
    max(coalesce((SELECT max(changed_at) FROM talk_changes c WHERE c.talk_id = t.id),
        t.first_seen), coalesce(g.changed_at, '')) AS updated_at,
    (SELECT count(*) FROM talk_changes c WHERE c.talk_id = t.id) + coalesce(g.revision, 0)
        AS changes,
    t.rowid AS talk_rowid,
    coalesce(g.sources, 1) AS sources,
    coalesce(g.source_urls, json_array(coalesce(t.url, t.source_url))) AS source_urls
FROM talks t JOIN series s ON s.id = t.series_id LEFT JOIN talk_groups g ON g.id = t.id
WHERE CASE WHEN g.id IS NULL
    THEN +t.removed_at IS NULL AND t.id NOT IN (SELECT talk_id FROM talk_group_members)
    ELSE g.live > 0 END
"""
REAL_TALKS_VIEW_SQL = f"CREATE VIEW talks_view AS{REAL_TALKS_SELECT}"

# Every talk of a person under any alias, one row per real talk, with the affiliation printed
# on that talk: the person's affiliation history, by date.
PEOPLE_VIEWS_SQL = (
    """
CREATE VIEW person_talks AS
SELECT
    p.id AS person_id,
    p.name AS person,
    ts.name AS spoken_as,
    ts.affiliation,
    v.start_local,
    v.title,
    v.series,
    v.sources,
    v.url,
    v.id AS talk_id,
    t.series_id AS listed_by,
    v.start_utc
FROM talk_speakers ts
JOIN people p ON p.id = ts.person_id
JOIN talks t ON t.id = ts.talk_id
LEFT JOIN talk_group_members m ON m.talk_id = ts.talk_id
JOIN talks_view v ON v.id = coalesce(m.group_id, ts.talk_id)
""",
    """
CREATE VIEW people_view AS
SELECT
    p.id,
    p.name,
    (SELECT group_concat(name, '; ') FROM (SELECT name FROM person_aliases a
        WHERE a.person_id = p.id ORDER BY name)) AS aliases,
    (SELECT group_concat(rule || ': ' || evidence, '; ') FROM person_aliases a
        WHERE a.person_id = p.id AND a.evidence IS NOT NULL) AS merged_by,
    (SELECT count(DISTINCT talk_id) FROM person_talks pt WHERE pt.person_id = p.id) AS talks,
    (SELECT count(DISTINCT listed_by) FROM person_talks pt WHERE pt.person_id = p.id)
        AS sources,
    (SELECT group_concat(affiliation, '; ') FROM (
        SELECT affiliation, min(start_local) AS since FROM person_talks pt
        WHERE pt.person_id = p.id AND affiliation IS NOT NULL
        GROUP BY affiliation ORDER BY since)) AS affiliations,
    (SELECT min(start_local) FROM person_talks pt WHERE pt.person_id = p.id) AS first_talk,
    (SELECT max(start_local) FROM person_talks pt WHERE pt.person_id = p.id) AS last_talk
FROM people p
""",
)


@MIGRATIONS()
def m301_talk_groups_and_people(db: Database) -> None:
    """One talk, one person (issue 12): talk groups across sources, people with aliases,
    talk_speakers.person_id, talks_view one row per real talk (+ sources, source_urls),
    people_view and person_talks; then every existing talk is linked once."""
    from crawler.db import linking  # imports people and rows; schema imports neither

    db["talk_groups"].create(
        _columns(
            "id sources:int live:int source_urls title starts_at ends_at starts_at_utc "
            "ends_at_utc timezone location online:int abstract url links speakers_from "
            "speaker_names record revision:int changed_at"
        ),
        pk="id",
    )
    db["talk_group_members"].create(
        _columns("talk_id group_id rule evidence"), pk="talk_id", not_null=["group_id"]
    )
    db["people"].create(_columns("id name"), pk="id", not_null=["name"])
    db["person_aliases"].create(
        _columns("name person_id surname rule evidence"), pk="name", not_null=["person_id"]
    )
    # the keys a rule needs two spellings to share (people._keys): how linking finds candidates
    db["alias_keys"].create(_columns("key name"), pk=("key", "name"))
    db["talk_speakers"].add_column("person_id", str)
    for table, column in (
        ("talk_group_members", "group_id"),
        ("person_aliases", "surname"),
        ("person_aliases", "person_id"),
        ("talk_speakers", "person_id"),
        ("talk_speakers", "name"),
        ("alias_keys", "name"),
    ):
        db[table].create_index([column], if_not_exists=True)
    create_talks_view(db)
    for sql in PEOPLE_VIEWS_SQL:
        db.execute(sql)
    linking.rebuild(db)


# talks_view since m400: a plain view over talks_listing, one stored row per real talk with
# exactly REAL_TALKS_SELECT's columns, kept by `refresh_listing` whenever a write changes what
# that SELECT would return. Why a table: the live view ran nine correlated subqueries and a
# group lookup per row, so every facet, count and canned query over it recomputed them for
# every talk (100,000 talks: talks_per_series_per_year 750 ms, upcoming 117 ms, a search with
# its five facets p95 164 ms). talk_rowid is the table's rowid, so Datasette's search
# (`talk_rowid IN (SELECT rowid FROM talks_fts ...)`) reads hits by rowid.
LISTING_COLUMNS = (
    "title", "speakers", "series", "start_local", "timezone", "start_utc", "location", "online",
    "kind", "status", "extracted_by", "slides", "video", "paper", "url", "year", "end_local",
    "end_utc", "affiliations", "abstract", "links", "id", "series_id", "speaker_names",
    "starts_at", "ends_at", "updated_at", "changes", "talk_rowid", "sources", "source_urls",
)  # fmt: skip
LISTING_TYPES = {"online": "INTEGER", "year": "INTEGER", "changes": "INTEGER",
                 "sources": "INTEGER"}  # fmt: skip
LISTING_VIEW_SQL = (
    f"CREATE VIEW talks_view AS SELECT {', '.join(LISTING_COLUMNS)} FROM talks_listing"
)
_LISTING_INSERT = (
    f"INSERT INTO talks_listing ({', '.join(LISTING_COLUMNS)}) "
    f"SELECT {', '.join(LISTING_COLUMNS)} FROM ({REAL_TALKS_SELECT}) "
)
# The real talks whose listing row these talks feed: themselves and their groups.
_LISTING_IDS = (
    "SELECT value FROM json_each(:ids) UNION SELECT group_id FROM talk_group_members "
    "WHERE talk_id IN (SELECT value FROM json_each(:ids))"
)


# Sorting (Datasette's newest first, upcoming, with_slides) and the five default facets of
# talks_view, an index each: a facet is then a walk of its index in order, never a read of
# the rows with their abstracts. One index over all five columns was measured first (100,000
# talks: 6-22 ms a facet, each but the first sorting the whole index); one each, 3-6 ms.
# Facet columns have few values, so a new row lands at the end of its value's run: these
# indexes cost inserts far less than the random-id ones.
FACETS = ("series", "kind", "online", "year", "extracted_by")
LISTING_INDEXES = (
    "CREATE INDEX talks_listing_start ON talks_listing (start_utc)",
    *(f"CREATE INDEX talks_listing_{name} ON talks_listing ({name})" for name in FACETS),
)
# talks_per_series_per_year, precomputed: one row per series and year (year_key -1: no
# date), kept by triggers on talks_listing (refresh_listing deletes, then inserts).
LISTING_YEARS_SQL = """
CREATE TABLE talks_listing_years (
    series_id TEXT NOT NULL, year_key INTEGER NOT NULL, talks INTEGER NOT NULL,
    with_slides INTEGER NOT NULL, with_video INTEGER NOT NULL, online INTEGER NOT NULL,
    PRIMARY KEY (series_id, year_key)) WITHOUT ROWID
"""
LISTING_TRIGGERS = (
    """
CREATE TRIGGER talks_listing_ai AFTER INSERT ON talks_listing BEGIN
  INSERT INTO talks_listing_years
    (series_id, year_key, talks, with_slides, with_video, online)
  VALUES (new.series_id, coalesce(new.year, -1), 1, new.slides IS NOT NULL,
    new.video IS NOT NULL, coalesce(new.online = 1, 0))
  ON CONFLICT (series_id, year_key) DO UPDATE SET talks = talks + 1,
    with_slides = with_slides + excluded.with_slides,
    with_video = with_video + excluded.with_video, online = online + excluded.online;
END
""",
    """
CREATE TRIGGER talks_listing_ad AFTER DELETE ON talks_listing BEGIN
  UPDATE talks_listing_years SET talks = talks - 1,
    with_slides = with_slides - (old.slides IS NOT NULL),
    with_video = with_video - (old.video IS NOT NULL),
    online = online - coalesce(old.online = 1, 0)
  WHERE series_id = old.series_id AND year_key = coalesce(old.year, -1);
  DELETE FROM talks_listing_years
  WHERE series_id = old.series_id AND year_key = coalesce(old.year, -1) AND talks = 0;
END
""",
    """
CREATE TRIGGER talks_listing_series AFTER UPDATE OF name ON series
WHEN old.name IS NOT new.name BEGIN
  UPDATE talks_listing SET series = new.name WHERE series_id = new.id;
END
""",
)


def refresh_listing(db: Database, talk_ids: list[str]) -> None:
    """Recompute the talks_listing rows of these talks and of their groups (deleted where
    the talk is no longer a real live talk), in the caller's transaction.

    Every write that changes a talks_view value calls it for the talks it wrote (talk saves,
    removals and change rows in crawler/db/talks.py; groups in crawler/db/linking.py); a
    series renamed is a trigger (`talks_listing_series`). A no-op before m400 made the table.
    """
    if not talk_ids or not _has_listing(db):
        return
    ids = json.dumps(sorted(set(talk_ids)))
    db.execute(f"DELETE FROM talks_listing WHERE id IN ({_LISTING_IDS})", {"ids": ids})
    db.execute(f"{_LISTING_INSERT} WHERE id IN ({_LISTING_IDS})", {"ids": ids})


def _has_listing(db: Database) -> bool:
    row = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'talks_listing'"
    ).fetchone()
    return row is not None


@MIGRATIONS()
def m400_talks_listing(db: Database) -> None:
    """talks_listing, the table talks_view reads (see LISTING_VIEW_SQL), filled once; its
    indexes for sorting, facets and lookups; precomputed counts per series and year."""
    columns = ", ".join(
        "talk_rowid INTEGER PRIMARY KEY" if name == "talk_rowid"
        else "id TEXT NOT NULL UNIQUE" if name == "id"
        else f"{name} {LISTING_TYPES.get(name, 'TEXT')}"
        for name in LISTING_COLUMNS
    )  # fmt: skip
    db.execute(f"CREATE TABLE talks_listing ({columns})")
    for sql in LISTING_INDEXES:
        db.execute(sql)
    db.execute(LISTING_YEARS_SQL)
    for sql in LISTING_TRIGGERS:
        db.execute(sql)
    db.execute(f"{_LISTING_INSERT} ORDER BY talk_rowid")
    create_talks_view(db)
    # No ANALYZE: run here on a new (empty) database, its statistics made FTS5's own
    # statements on its shadow tables slower (30,000 inserts: INSERT INTO talks 2.6 s -> 7.0 s),
    # and the plans above need none (bench/RESULTS.md, "Store and query").


@MIGRATIONS()
def m401_talks_facet_indexes(db: Database) -> None:
    """Indexes for the talks table's default facets that had none (online, year, extracted_by):
    each facet read every row of talks, abstracts included (100,000 talks: 45-80 ms each)."""
    for column in ("online", "year", "extracted_by"):
        db["talks"].create_index([column], if_not_exists=True)
