"""SQLite storage for normalized talk records (read by Datasette, written by the crawler).

Why this module looks the way it does:

* Talks are upserted on an id computed upstream, so a talk whose title or slot changes stays the
  *same row*; the store never derives ids from content.
* Each talk keeps a ``content_hash`` of its export dict, so a re-crawl that finds nothing new
  costs one comparison per talk, and a real change is recorded field by field in
  ``talk_changes`` (people want to know that a talk moved, not just that "something changed").
* Talks that disappear from a page are only marked ``removed_at``, never deleted: a page that
  temporarily breaks must not erase history, and a talk that comes back is simply revived.
* All schema lives in one ``Migrations`` set, so existing databases upgrade in place.
* No Scrapy import: the CLI, tests and notebooks use this without a crawler running.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from parsers.common.dates import to_utc
from parsers.common.text import fold
from parsers.talk import EXPORT_FIELDS, STATUSES

log = logging.getLogger(__name__)

# Fields whose change is recorded in talk_changes: the export fields plus status, because a
# cancellation is exactly the kind of change a reader of the database wants to see.
TRACKED_FIELDS = (*EXPORT_FIELDS, "status")
CRAWL_STATUSES = ("running", "ok", "failed", "suspect")
FTS_COLUMNS = ("title", "abstract", "speaker_names")
SERIES_COLUMNS = ("id", "name", "url", "institution", "timezone", "kind", "parser")
INSERT_CHUNK = 200  # talks rows per INSERT statement (200 x 22 values, far below SQLite's cap)
WAL_CHECKPOINT_PAGES = 10_000  # log pages between automatic checkpoints (SQLite's default: 1,000)

MIGRATIONS = Migrations("seminars")


# --------------------------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------------------------


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    """All tables, foreign keys and the FTS index: the schema as first released."""
    db["series"].create(
        {c: str for c in SERIES_COLUMNS},
        pk="id",
    )
    db["talks"].create(
        {
            "id": str,
            "series_id": str,
            "position": int,
            "title": str,
            "starts_at": str,
            "ends_at": str,
            "starts_at_utc": str,
            "ends_at_utc": str,
            "timezone": str,
            "location": str,
            "online": int,
            "abstract": str,
            "url": str,
            "kind": str,
            "status": str,
            "speaker_names": str,
            "source_url": str,
            "extracted_by": str,
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
            "removed_at": str,
        },
        pk="id",
        foreign_keys=[("series_id", "series", "id")],
        not_null=["series_id", "status", "content_hash", "first_seen", "last_seen"],
    )
    db["speakers"].create({"id": str, "name": str}, pk="id", not_null=["name"])
    db["talk_speakers"].create(
        {
            "talk_id": str,
            "speaker_id": str,
            "position": int,
            # The spelling used on this talk's page: speakers.name is one spelling per folded
            # name, and exports must return exactly what the parser produced.
            "name": str,
            "affiliation": str,
        },
        pk=("talk_id", "position"),
        foreign_keys=[("talk_id", "talks", "id"), ("speaker_id", "speakers", "id")],
        not_null=["speaker_id"],
    )
    db["links"].create(
        {"talk_id": str, "position": int, "kind": str, "url": str},
        pk=("talk_id", "url"),
        foreign_keys=[("talk_id", "talks", "id")],
    )
    db["crawls"].create(
        {
            "id": int,
            "source_id": str,
            "started": str,
            "finished": str,
            "status": str,
            "pages": int,
            "talks_seen": int,
            "talks_new": int,
            "talks_updated": int,
            "talks_removed": int,
            "errors": int,
            "error_text": str,
        },
        pk="id",
        foreign_keys=[("source_id", "series", "id")],
        not_null=["source_id", "started", "status"],
    )
    db["crawl_errors"].create(
        {
            "id": int,
            "crawl_id": int,
            "source_id": str,
            "url": str,
            "level": str,
            "message": str,
            "at": str,
        },
        pk="id",
        foreign_keys=[("crawl_id", "crawls", "id")],
    )
    db["talk_changes"].create(
        {
            "id": int,
            "talk_id": str,
            "crawl_id": int,
            "field": str,
            "old_value": str,
            "new_value": str,
            "changed_at": str,
        },
        pk="id",
        foreign_keys=[("talk_id", "talks", "id")],
    )
    db["pages"].create(
        {"url": str, "source_id": str, "content_hash": str, "fetched_at": str}, pk="url"
    )
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


# --------------------------------------------------------------------------------------------
# Pure helpers
# --------------------------------------------------------------------------------------------


@dataclass
class SaveStats:
    """What one save_talks call did, so the crawler can fill its crawls row."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)
    # Ids that occurred more than once in one call; only the first occurrence is stored,
    # because saving both would flip the row between two versions on every crawl.
    duplicates: list[str] = field(default_factory=list)


def utc_now() -> str:
    """Current UTC time as ISO 8601 with an explicit +00:00, the format of every timestamp."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def speaker_id(name: str) -> str:
    """Stable speaker id from the folded name (same person, same id, across series)."""
    return hashlib.sha1(fold(name).encode()).hexdigest()[:16]


def export_dict(talk: dict[str, Any]) -> dict[str, Any]:
    """The talk reduced to the export schema, in export key order (what gets hashed and diffed)."""
    data = {key: talk.get(key) for key in EXPORT_FIELDS}
    data["speakers"] = [
        {"name": s["name"], "affiliation": s.get("affiliation")} for s in talk.get("speakers") or ()
    ]
    data["links"] = [{"kind": lk.get("kind"), "url": lk["url"]} for lk in talk.get("links") or ()]
    return data


def content_hash(export: dict[str, Any]) -> str:
    """sha1 of canonical JSON: equal hash means nothing a reader can see has changed."""
    canonical = json.dumps(export, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(canonical.encode()).hexdigest()


def change_value(value: Any) -> str | None:
    """talk_changes stores text: strings as-is, lists/bools/numbers as JSON, None as NULL."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


@lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...], rows: int = 1) -> str:
    """INSERT of `rows` rows (one statement) into `table`."""
    names = ", ".join(f"[{column}]" for column in columns)
    row = f"({', '.join('?' * len(columns))})"
    return f"INSERT INTO [{table}] ({names}) VALUES {', '.join([row] * rows)}"


def _bool_to_int(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


def _int_to_bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _talk_row(
    talk: dict[str, Any], export: dict[str, Any], source_id: str, position: int
) -> dict[str, Any]:
    """Columns of the talks row derived from one incoming talk (everything but timestamps)."""
    status = talk.get("status") or "scheduled"
    if status not in STATUSES:
        raise ValueError(f"talk {talk.get('id')}: unknown status {status!r}")
    return {
        "id": talk["id"],
        "series_id": source_id,
        "position": position,
        "title": export["title"],
        "starts_at": export["starts_at"],
        "ends_at": export["ends_at"],
        "starts_at_utc": to_utc(export["starts_at"], export["timezone"]),
        "ends_at_utc": to_utc(export["ends_at"], export["timezone"]),
        "timezone": export["timezone"],
        "location": export["location"],
        "online": _bool_to_int(export["online"]),
        "abstract": export["abstract"],
        "url": export["url"],
        "kind": export["kind"],
        "status": status,
        "speaker_names": "; ".join(s["name"] for s in export["speakers"]) or None,
        "source_url": talk.get("source_url"),
        "extracted_by": talk.get("extracted_by"),
        "content_hash": content_hash(export),
    }


# --------------------------------------------------------------------------------------------
# Store
# --------------------------------------------------------------------------------------------


class Store:
    """The seminars database: one object per connection, schema migrated on open."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.db = Database(self.path)
        self.db.execute("PRAGMA foreign_keys=ON")
        if self.path != ":memory:":
            # Datasette reads while the crawler writes; WAL keeps readers from blocking it.
            self.db.enable_wal()
            # In WAL mode NORMAL never corrupts the file (a killed crawl still leaves a database
            # that passes integrity_check); only a power cut may lose the last commits, which
            # the next crawl writes again. FULL synced the log on every page's commit.
            self.db.execute("PRAGMA synchronous=NORMAL")
            # Checkpoint every ~40 MB of log instead of every 4 MB: talk ids are random, so a
            # page's commit dirties ~250 scattered pages, and each checkpoint ends in an fsync
            # of all of them; checkpointing a tenth as often made 100,000 upserts 1.5x faster.
            self.db.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
        MIGRATIONS.apply(self.db)

    def close(self) -> None:
        """Close the connection (WAL files are checkpointed by SQLite on last close)."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- series ---------------------------------------------------------------------------

    def upsert_series(self, series: dict[str, Any]) -> None:
        """Insert or update a source; only the given keys are overwritten.

        ON CONFLICT DO UPDATE (not REPLACE) keeps the rowid, which fixes the export order.
        """
        data = {k: series[k] for k in SERIES_COLUMNS if k in series}
        if "id" not in data:
            raise ValueError("series needs an 'id'")
        columns = ", ".join(data)
        updates = ", ".join(f"{c} = excluded.{c}" for c in data if c != "id") or "id = id"
        self.db.execute(
            f"INSERT INTO series ({columns}) VALUES ({', '.join('?' * len(data))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            list(data.values()),
        )

    def _ensure_series(self, source_id: str, name: str | None) -> None:
        """Make a minimal series row so foreign keys hold when a source was never registered."""
        self.db.execute(
            "INSERT INTO series (id, name) VALUES (?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = coalesce(series.name, excluded.name)",
            [source_id, name],
        )

    # ---- crawls ---------------------------------------------------------------------------

    def start_crawl(self, source_id: str, *, now: str | None = None) -> int:
        """Open a crawls row first, so a crawl that dies half-way still leaves a trace."""
        with self.db.atomic():
            self._ensure_series(source_id, None)
            cursor = self.db.execute(
                "INSERT INTO crawls (source_id, started, status) VALUES (?, ?, 'running')",
                [source_id, now or utc_now()],
            )
        return int(cursor.lastrowid or 0)

    def finish_crawl(
        self,
        crawl_id: int,
        *,
        status: str,
        pages: int = 0,
        talks_seen: int = 0,
        talks_new: int = 0,
        talks_updated: int = 0,
        talks_removed: int = 0,
        errors: int = 0,
        error_text: str | None = None,
        suspect: bool = False,
        now: str | None = None,
    ) -> None:
        """Close a crawls row with its outcome; sources_health is computed from these rows."""
        if status not in CRAWL_STATUSES:
            raise ValueError(f"unknown crawl status {status!r}")
        cursor = self.db.execute(
            "UPDATE crawls SET finished = ?, status = ?, pages = ?, talks_seen = ?, "
            "talks_new = ?, talks_updated = ?, talks_removed = ?, errors = ?, error_text = ?, "
            "suspect = ? WHERE id = ?",
            [
                now or utc_now(),
                status,
                pages,
                talks_seen,
                talks_new,
                talks_updated,
                talks_removed,
                errors,
                error_text,
                int(suspect),
                crawl_id,
            ],
        )
        if cursor.rowcount == 0:
            raise KeyError(f"no crawl with id {crawl_id}")

    def log_error(
        self,
        crawl_id: int | None,
        source_id: str,
        url: str | None,
        message: str,
        *,
        level: str = "error",
        now: str | None = None,
    ) -> None:
        """Keep per-page failures queryable instead of only in a log file that rotates away."""
        self.db.execute(
            "INSERT INTO crawl_errors (crawl_id, source_id, url, level, message, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [crawl_id, source_id, url, level, message, now or utc_now()],
        )

    def last_good_crawl(self, source_id: str) -> dict[str, Any] | None:
        """The latest successful crawl: the baseline a suspicious new result is compared to."""
        rows = self.db.query(
            "SELECT * FROM crawls WHERE source_id = ? AND status = 'ok' ORDER BY id DESC LIMIT 1",
            [source_id],
        )
        return next(iter(rows), None)

    def last_crawl(self, source_id: str) -> dict[str, Any] | None:
        """The latest finished crawl of a source, whatever its outcome (for status listings)."""
        rows = self.db.query(
            "SELECT * FROM crawls WHERE source_id = ? AND finished IS NOT NULL "
            "ORDER BY id DESC LIMIT 1",
            [source_id],
        )
        return next(iter(rows), None)

    def crawl(self, crawl_id: int) -> dict[str, Any] | None:
        """One crawls row, with `logged`: how many crawl_errors rows it has."""
        rows = self.db.query(
            "SELECT c.*, (SELECT count(*) FROM crawl_errors e WHERE e.crawl_id = c.id) AS logged "
            "FROM crawls c WHERE c.id = ?",
            [crawl_id],
        )
        return next(iter(rows), None)

    def close_interrupted_crawls(self, *, now: str | None = None) -> int:
        """Mark crawls left 'running' by a process that died as failed; returns how many.

        Only call this while holding the crawl lock: then no other crawl can be running.
        """
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE crawls SET status = 'failed', finished = ?, error_text = "
                "'interrupted: the crawl process stopped before this source finished' "
                "WHERE status = 'running'",
                [now or utc_now()],
            )
        return cursor.rowcount

    # ---- pages ----------------------------------------------------------------------------

    def page_hash(self, url: str) -> str | None:
        """Hash of the page as last fetched, so unchanged pages can skip parsing."""
        row = self.db.execute("SELECT content_hash FROM pages WHERE url = ?", [url]).fetchone()
        return row[0] if row else None

    def set_page_hash(
        self,
        source_id: str,
        url: str,
        content_hash: str,
        *,
        now: str | None = None,
        follows: list[Any] | None = None,
        talk_ids: list[str] | None = None,
    ) -> None:
        """Remember a fetched page's hash (one row per URL, overwritten on each fetch).

        For a listing page, also what it asked to fetch next and the ids of the talks it gave
        (see `page_follows`, `page_talk_ids`).
        """
        self.db.execute(
            "INSERT INTO pages (url, source_id, content_hash, fetched_at, follows, talk_ids) "
            "VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET source_id = excluded.source_id, "
            "content_hash = excluded.content_hash, fetched_at = excluded.fetched_at, "
            "follows = excluded.follows, talk_ids = excluded.talk_ids",
            [
                url,
                source_id,
                content_hash,
                now or utc_now(),
                None if follows is None else json.dumps(follows),
                None if talk_ids is None else json.dumps(talk_ids),
            ],
        )

    def page_follows(self, url: str) -> list[Any] | None:
        """What a listing asked to follow when last stored; None unless both it and its talk
        ids were recorded (then the page can be skipped when unchanged)."""
        row = self.db.execute(
            "SELECT follows FROM pages WHERE url = ? AND talk_ids IS NOT NULL", [url]
        ).fetchone()
        return json.loads(row[0]) if row and row[0] is not None else None

    def unknown_ids(self, talk_ids: Iterable[str]) -> set[str]:
        """The ids among `talk_ids` that no stored talk has (talks new to the database)."""
        unknown = set(talk_ids)
        for talk_id in list(unknown):
            if self.db.execute("SELECT 1 FROM talks WHERE id = ?", [talk_id]).fetchone():
                unknown.discard(talk_id)
        return unknown

    def live_talks(self, series_id: str, *, excluding: Iterable[str] = ()) -> list[dict[str, Any]]:
        """The series' talks not marked removed, minus `excluding`: candidates for re-identity."""
        skip = set(excluding)
        rows = _dict_rows(
            self.db.execute(
                "SELECT id, title, starts_at, speaker_names, abstract FROM talks "
                "WHERE series_id = ? AND removed_at IS NULL",
                [series_id],
            )
        )
        return [row for row in rows if row["id"] not in skip]

    def page_talk_ids(self, url: str) -> list[str]:
        """Ids of the talks a listing page gave when it was last stored, in page order."""
        row = self.db.execute("SELECT talk_ids FROM pages WHERE url = ?", [url]).fetchone()
        return json.loads(row[0]) if row and row[0] else []

    def touch_talks(self, talk_ids: Iterable[str], *, now: str | None = None) -> None:
        """Mark talks as seen again without re-saving them (their page did not change)."""
        self.db.execute(
            "UPDATE talks SET last_seen = ? WHERE id IN (SELECT value FROM json_each(?))",
            [now or utc_now(), json.dumps(list(talk_ids))],
        )

    def transaction(self) -> Any:
        """One transaction (a savepoint when nested): `with store.transaction(): ...`."""
        return self.db.atomic()

    # ---- talks ----------------------------------------------------------------------------

    def save_talks(
        self,
        source_id: str,
        talks: list[dict[str, Any]],
        *,
        crawl_id: int | None = None,
        now: str | None = None,
    ) -> SaveStats:
        """Upsert one source's talks in a single transaction.

        One transaction so that a crash half-way never leaves a page half-updated (readers
        see the old crawl or the new one), and because it is much faster than autocommit.
        """
        now = now or utc_now()
        stats = SaveStats()
        seen: set[str] = set()
        with self.db.atomic():
            self._ensure_series(source_id, next((t.get("series") for t in talks), None))
            stored = self._stored_states([talk["id"] for talk in talks])
            rows = []
            for index, talk in enumerate(talks):
                if talk["id"] in seen:
                    log.warning("duplicate talk id %s in %s; kept the first", talk["id"], source_id)
                    stats.duplicates.append(talk["id"])
                    continue
                seen.add(talk["id"])
                export = export_dict(talk)
                position = talk.get("position", index)
                rows.append((_talk_row(talk, export, source_id, position), export))
            self._insert_talks([row for row, _ in rows if row["id"] not in stored], now)
            for row, export in rows:
                outcome = self._save_talk(row, export, crawl_id, now, stored.get(row["id"]))
                setattr(stats, outcome, getattr(stats, outcome) + 1)
                stats.ids.append(row["id"])
        return stats

    def _stored_states(self, ids: list[str]) -> dict[str, tuple[str, str, str | None]]:
        """(content_hash, status, removed_at) of those talks already stored, in one query."""
        rows = self.db.execute(
            "SELECT id, content_hash, status, removed_at FROM talks "
            "WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
        return {talk_id: (content, status, removed) for talk_id, content, status, removed in rows}

    def _insert_talks(self, rows: list[dict[str, Any]], now: str) -> None:
        """The page's new talks rows, in page order, in as few statements as possible.

        Why: the full-text index is kept by a trigger, and FTS5 flushes its pending terms to
        a new segment at the end of every statement that fires it; one statement per talk
        made the index insert cost four times what one statement per page does.
        """
        extra = {"first_seen": now, "last_seen": now, "removed_at": None}
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = [{**row, **extra} for row in rows[start : start + INSERT_CHUNK]]
            columns = tuple(chunk[0])
            values = [value for row in chunk for value in row.values()]
            self.db.execute(_insert_sql("talks", columns, len(chunk)), values)

    def _save_talk(
        self,
        row: dict[str, Any],
        export: dict[str, Any],
        crawl_id: int | None,
        now: str,
        old: tuple[str, str, str | None] | None,
    ) -> str:
        """Complete a new talk (its row is in), or touch or update a stored one; returns
        'new', 'unchanged' or 'updated'."""
        if old is None:  # no speakers or links to replace: foreign keys allow no orphans
            self._insert_speakers(row["id"], export["speakers"])
            self._insert_links(row["id"], export["links"])
            return "new"
        old_hash, old_status, removed_at = old
        if removed_at is not None:
            self._record_change(row["id"], crawl_id, "removed_at", removed_at, None, now)
        if old_hash == row["content_hash"] and old_status == row["status"]:
            self._touch_talk(row, now)
            return "unchanged"
        self._update_talk(row, export, old_status, crawl_id, now)
        return "updated"

    def _touch_talk(self, row: dict[str, Any], now: str) -> None:
        """Content unchanged: refresh last_seen and bookkeeping columns (page order may move)."""
        self.db.execute(
            "UPDATE talks SET last_seen = ?, removed_at = NULL, position = ?, series_id = ?, "
            "source_url = ?, extracted_by = ? WHERE id = ?",
            [
                now,
                row["position"],
                row["series_id"],
                row["source_url"],
                row["extracted_by"],
                row["id"],
            ],
        )

    def _update_talk(
        self,
        row: dict[str, Any],
        export: dict[str, Any],
        old_status: str,
        crawl_id: int | None,
        now: str,
    ) -> None:
        """Content changed: diff against what is stored, log each field, update in place."""
        talk_id = row["id"]
        old = {**self._export_one(talk_id), "status": old_status}
        new = {**export, "status": row["status"]}
        for name in TRACKED_FIELDS:
            if old[name] != new[name]:
                self._record_change(talk_id, crawl_id, name, old[name], new[name], now)
        columns = {k: v for k, v in row.items() if k != "id"}
        columns.update(last_seen=now, removed_at=None)
        assignments = ", ".join(f"{c} = ?" for c in columns)
        self.db.execute(
            f"UPDATE talks SET {assignments} WHERE id = ?", [*columns.values(), talk_id]
        )
        if old["speakers"] != new["speakers"]:
            self._replace_speakers(talk_id, export["speakers"])
        if old["links"] != new["links"]:
            self._replace_links(talk_id, export["links"])

    def _record_change(
        self, talk_id: str, crawl_id: int | None, name: str, old: Any, new: Any, now: str
    ) -> None:
        self.db.execute(
            "INSERT INTO talk_changes (talk_id, crawl_id, field, old_value, new_value, "
            "changed_at) VALUES (?, ?, ?, ?, ?, ?)",
            [talk_id, crawl_id, name, change_value(old), change_value(new), now],
        )

    def _replace_speakers(self, talk_id: str, speakers: list[dict[str, Any]]) -> None:
        self.db.execute("DELETE FROM talk_speakers WHERE talk_id = ?", [talk_id])
        self._insert_speakers(talk_id, speakers)

    def _insert_speakers(self, talk_id: str, speakers: list[dict[str, Any]]) -> None:
        rows = [
            (talk_id, speaker_id(s["name"]), position, s["name"], s["affiliation"])
            for position, s in enumerate(speakers)
        ]
        self.db.conn.executemany(  # every speaker first: talk_speakers refers to them
            "INSERT OR IGNORE INTO speakers (id, name) VALUES (?, ?)",
            [(sid, name) for _, sid, _, name, _ in rows],
        )
        self.db.conn.executemany(
            "INSERT INTO talk_speakers (talk_id, speaker_id, position, name, affiliation) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )

    def _replace_links(self, talk_id: str, links: list[dict[str, Any]]) -> None:
        """Links are keyed by (talk_id, url): a URL listed twice is kept once, first kind wins."""
        self.db.execute("DELETE FROM links WHERE talk_id = ?", [talk_id])
        self._insert_links(talk_id, links)

    def _insert_links(self, talk_id: str, links: list[dict[str, Any]]) -> None:
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO links (talk_id, position, kind, url) VALUES (?, ?, ?, ?)",
            [(talk_id, position, link["kind"], link["url"]) for position, link in enumerate(links)],
        )

    def mark_removed(
        self,
        source_id: str,
        seen_ids: Iterable[str],
        *,
        crawl_id: int | None = None,
        now: str | None = None,
    ) -> int:
        """Flag talks that vanished from the source; never delete, a page may come back.

        Callers should skip this for crawls they consider suspect (e.g. zero talks parsed).
        """
        now = now or utc_now()
        seen_json = json.dumps(sorted(set(seen_ids)))
        with self.db.atomic():
            gone = [
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM talks WHERE series_id = ? AND removed_at IS NULL "
                    "AND id NOT IN (SELECT value FROM json_each(?))",
                    [source_id, seen_json],
                )
            ]
            for talk_id in gone:
                self.db.execute("UPDATE talks SET removed_at = ? WHERE id = ?", [now, talk_id])
                self._record_change(talk_id, crawl_id, "removed_at", None, now, now)
        return len(gone)

    # ---- reading --------------------------------------------------------------------------

    def export_talks(
        self, series_id: str | None = None, *, include_removed: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Talks in the export schema, series in registration order, talks in page order."""
        rows = self.db.execute(
            "SELECT t.*, s.name AS series_name FROM talks t JOIN series s ON s.id = t.series_id "
            "WHERE (:series IS NULL OR t.series_id = :series) "
            "AND (:removed OR t.removed_at IS NULL) "
            "ORDER BY s.rowid, t.position, t.rowid",
            {"series": series_id, "removed": int(include_removed)},
        )
        yield from self._build_exports(_dict_rows(rows))

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over title, abstract and speakers; best match first.

        Every token is quoted, so user input such as 'AND' or 'C++' cannot break FTS syntax.
        """
        match = self.db.quote_fts(query)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT t.*, s.name AS series_name FROM talks_fts "
            "JOIN talks t ON t.rowid = talks_fts.rowid JOIN series s ON s.id = t.series_id "
            "WHERE talks_fts MATCH ? AND t.removed_at IS NULL ORDER BY talks_fts.rank LIMIT ?",
            [match, limit],
        )
        rows_list = _dict_rows(rows)
        exports = self._build_exports(rows_list)
        return [{"id": row["id"], **export} for row, export in zip(rows_list, exports, strict=True)]

    def _export_one(self, talk_id: str) -> dict[str, Any]:
        rows = self.db.execute(
            "SELECT t.*, s.name AS series_name FROM talks t JOIN series s ON s.id = t.series_id "
            "WHERE t.id = ?",
            [talk_id],
        )
        return self._build_exports(_dict_rows(rows))[0]

    def _build_exports(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Turn talks rows into export dicts, fetching speakers and links in one query each."""
        ids = json.dumps([row["id"] for row in rows])
        speakers: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for talk_id, name, affiliation in self.db.execute(
            "SELECT talk_id, name, affiliation FROM talk_speakers "
            "WHERE talk_id IN (SELECT value FROM json_each(?)) ORDER BY talk_id, position",
            [ids],
        ):
            speakers[talk_id].append({"name": name, "affiliation": affiliation})
        links: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for talk_id, kind, url in self.db.execute(
            "SELECT talk_id, kind, url FROM links "
            "WHERE talk_id IN (SELECT value FROM json_each(?)) ORDER BY talk_id, position",
            [ids],
        ):
            links[talk_id].append({"kind": kind, "url": url})
        return [_export_from_row(row, speakers[row["id"]], links[row["id"]]) for row in rows]

    def sources_health(self) -> list[dict[str, Any]]:
        """One line per source for the status page: is each one still being crawled fine?"""
        result = []
        for series in self.db.execute("SELECT id, name FROM series ORDER BY rowid").fetchall():
            result.append(self._source_health(*series))
        return result

    def _source_health(self, source_id: str, name: str | None) -> dict[str, Any]:
        last = self.db.execute(
            "SELECT finished, status, suspect FROM crawls "
            "WHERE source_id = ? AND finished IS NOT NULL ORDER BY id DESC LIMIT 1",
            [source_id],
        ).fetchone()
        good = self.last_good_crawl(source_id)
        count = self.db.execute(
            "SELECT count(*) FROM talks WHERE series_id = ? AND removed_at IS NULL", [source_id]
        ).fetchone()[0]
        return {
            "id": source_id,
            "name": name,
            "last_crawl": last[0] if last else None,
            "last_status": last[1] if last else None,
            "last_success": good["finished"] if good else None,
            "talk_count": count,
            "health": _health(last[1] if last else None, bool(last and last[2])),
        }


def _health(status: str | None, suspect: bool) -> str:
    """Summarize the latest finished crawl."""
    if status is None:
        return "never crawled"
    if status == "failed":
        return "failing"
    if status == "suspect" or suspect:
        return "suspect"
    return "ok"


def _dict_rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


def _export_from_row(
    row: dict[str, Any], speakers: list[dict[str, Any]], links: list[dict[str, Any]]
) -> dict[str, Any]:
    """Inverse of _talk_row + speakers/links: the export dict, in export key order."""
    return {
        "title": row["title"],
        "speakers": speakers,
        "starts_at": row["starts_at"],
        "ends_at": row["ends_at"],
        "timezone": row["timezone"],
        "location": row["location"],
        "online": _int_to_bool(row["online"]),
        "abstract": row["abstract"],
        "url": row["url"],
        "links": links,
        "kind": row["kind"],
        "series": row["series_name"],
    }
