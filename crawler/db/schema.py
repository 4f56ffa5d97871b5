"""The database schema: every table, index, trigger and view, as one sqlite-utils `Migrations`
set. The views' SQL is in `views.py`; opening a database is `connect.py`.

Why one migration set: existing databases upgrade in place, in order, and each migration's
name is recorded in `_sqlite_migrations`, so names and order here never change; a new schema
change is a new migration at the end.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from crawler.db.views import (
    LISTING_COLUMNS,
    LISTING_INDEXES,
    LISTING_INSERT,
    LISTING_TRIGGERS,
    LISTING_TYPES,
    LISTING_YEARS_SQL,
    PEOPLE_VIEWS_SQL,
    create_talks_view,
)

FTS_COLUMNS = ("title", "abstract", "speaker_names")


SERIES_COLUMNS = ("id", "name", "url", "institution", "timezone", "kind", "parser")


MIGRATIONS = Migrations("seminars")


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
    db.execute(f"{LISTING_INSERT} ORDER BY talk_rowid")
    create_talks_view(db)


@MIGRATIONS()
def m401_talks_facet_indexes(db: Database) -> None:
    """Indexes for the talks table's default facets that had none (online, year, extracted_by):
    each facet read every row of talks, abstracts included (100,000 talks: 45-80 ms each)."""
    for column in ("online", "year", "extracted_by"):
        db["talks"].create_index([column], if_not_exists=True)
