"""Talk writes: save (insert, touch or update), the change log, speakers and links, removals.

* Talks are upserted on an id computed upstream (`Talk.id`), so a talk whose title or slot
  changes stays the *same row*; the store never derives ids from content.
* Each talk keeps the `content_hash` of its export dict, so a re-crawl that finds nothing new
  costs one comparison per talk, and a real change is recorded field by field in
  `talk_changes` (people want to know that a talk moved, not just that "something changed").
* Talks that disappear from a page are only marked `removed_at`, never deleted: a page that
  temporarily breaks must not erase history, and a talk that comes back is simply revived.
* A talk new to a source that an earlier crawl already read gets a `first_seen` row in
  `talk_changes` (so "what changed" lists it); a source's first crawl is its baseline, and
  listing its whole archive as news would bury the real changes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from crawler.db.crawls import ensure_series
from crawler.db.queries import export_one
from crawler.db.rows import (
    TRACKED_FIELDS,
    change_value,
    export_dict,
    link_rows,
    speaker_rows,
    talk_row,
    utc_now,
)
from crawler.db.views import refresh_listing

log = logging.getLogger(__name__)

# content_hash, status, removed_at, then LISTED_COLUMNS
StoredState = tuple[Any, ...]
# The bookkeeping columns an unchanged talk's save may still move that talks_view shows
# (directly or in source_urls): its listing row is recomputed only when one of them did.
LISTED_COLUMNS = ("series_id", "source_url", "extracted_by")
_LISTED = itemgetter(*LISTED_COLUMNS)
INSERT_CHUNK = 200  # talks rows per INSERT statement (200 x 25 values, far below SQLite's cap)
# The rows of speaker_rows / link_rows (see TalkWrites._insert_children for why not insert_all)
INSERT_SPEAKER = "INSERT OR IGNORE INTO speakers (id, name) VALUES (:speaker_id, :name)"
# person_id: the person this spelling already belongs to (crawler/db/people.py); a spelling
# never seen stays NULL until the crawl's linking step clusters it.
INSERT_TALK_SPEAKER = (
    "INSERT INTO talk_speakers (talk_id, speaker_id, position, name, affiliation, person_id) "
    "VALUES (:talk_id, :speaker_id, :position, :name, :affiliation, "
    "(SELECT nullif(person_id, '') FROM person_aliases WHERE name = :name))"
)
INSERT_LINK = (
    "INSERT OR IGNORE INTO links (talk_id, position, kind, url) "
    "VALUES (:talk_id, :position, :kind, :url)"
)


@dataclass
class SaveStats:
    """What one save_talks call did, so the crawler can fill its crawls row."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    restored: int = 0  # talks marked removed that are back (also counted updated or unchanged)
    ids: list[str] = field(default_factory=list)
    # New, updated or restored talks: what the crawl's linking step recomputes groups for.
    touched: list[str] = field(default_factory=list)
    # Ids that occurred more than once in one call; only the first occurrence is stored,
    # because saving both would flip the row between two versions on every crawl.
    duplicates: list[str] = field(default_factory=list)


class TalkWrites:
    """Store methods that write talks and their speakers, links and changes (mixed into
    `Store`)."""

    db: Database

    def save_talks(
        self,
        source_id: str,
        talks: list[dict[str, Any]],
        *,
        crawl_id: int | None = None,
        now: str | None = None,
    ) -> SaveStats:
        """Upsert one source's talks (records as `Talk.to_record()` makes them, plus a
        `position`) in a single transaction.

        One transaction so that a crash half-way never leaves a page half-updated (readers
        see the old crawl or the new one), and because it is much faster than autocommit.
        """
        now = now or utc_now()
        stats = SaveStats()
        rows: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # id -> (row, export)
        for index, talk in enumerate(talks):
            if talk["id"] in rows:
                log.warning("duplicate talk id %s in %s; kept the first", talk["id"], source_id)
                stats.duplicates.append(talk["id"])
                continue
            export = export_dict(talk)
            position = talk.get("position", index)
            rows[talk["id"]] = (talk_row(talk, export, source_id, position), export)
        with self.db.atomic():
            ensure_series(self.db, source_id, next((t.get("series") for t in talks), None))
            stored = self._stored_states(list(rows))
            new = [tid for tid in rows if tid not in stored]
            self._insert_talks([rows[tid] for tid in new], now)
            if new and self._has_baseline(source_id, crawl_id):
                self._record_changes(crawl_id, now, [(t, "first_seen", None, now) for t in new])
            unchanged = []
            listed = list(new)  # talks whose talks_view row may differ now
            for talk_id, (row, export) in rows.items():
                old = stored.get(talk_id)
                outcome = self._save_stored(row, export, crawl_id, now, old) if old else "new"
                if outcome == "unchanged":
                    unchanged.append(row)
                    if old[2] is not None or old[3:] != _LISTED(row):
                        listed.append(talk_id)
                elif outcome == "updated":
                    listed.append(talk_id)
                setattr(stats, outcome, getattr(stats, outcome) + 1)
                stats.restored += bool(old and old[2] is not None)
                stats.ids.append(talk_id)
                if outcome != "unchanged" or (old and old[2] is not None):
                    stats.touched.append(talk_id)
            self._touch_unchanged(unchanged, now)
            refresh_listing(self.db, listed)
        return stats

    def _has_baseline(self, source_id: str, crawl_id: int | None) -> bool:
        """Whether an earlier crawl of the source stored talks: then a talk new to the
        database is news. Not for the source's first crawl, nor outside a crawl."""
        if crawl_id is None:
            return False
        row = self.db.execute(
            "SELECT 1 FROM crawls WHERE source_id = ? AND id < ? AND talks_seen > 0 LIMIT 1",
            [source_id, crawl_id],
        ).fetchone()
        return row is not None

    def _stored_states(self, ids: list[str]) -> dict[str, StoredState]:
        """(content_hash, status, removed_at, *LISTED_COLUMNS) of those talks already stored,
        in one query."""
        rows = self.db.execute(
            f"SELECT id, content_hash, status, removed_at, {', '.join(LISTED_COLUMNS)} "
            "FROM talks WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
        return {row[0]: row[1:] for row in rows}

    def _insert_talks(self, new: list[tuple[dict[str, Any], dict[str, Any]]], now: str) -> None:
        """A page's new talks, with their speakers and links, in page order.

        Talks rows in one multi-row INSERT per page (up to INSERT_CHUNK rows), not one per
        talk: the full-text index is kept by a trigger, and FTS5 flushes its pending terms to a
        new segment at the end of every statement that fires it (one statement per talk made
        the index insert cost four times what one statement per page does). Talks rows go
        first: the others refer to them.

        Hand-written, not `Table.insert_all` (which also writes one statement per page),
        because the store benchmark says so: 20,000 generated talks in pages of 20, 5
        interleaved runs each (bench/store.py's `upsert`), inserted at a median 4,133
        talks/s through `insert_all` and 4,502/s with this statement; `insert_all` spends the
        difference converting each of the ~25 values of every row in Python.
        """
        if not new:
            return
        stamps = {"first_seen": now, "last_seen": now, "removed_at": None}
        rows = [{**row, **stamps} for row, _ in new]
        columns = ", ".join(rows[0])
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start : start + INSERT_CHUNK]
            values = ", ".join([f"({', '.join('?' * len(rows[0]))})"] * len(chunk))
            self.db.execute(
                f"INSERT INTO talks ({columns}) VALUES {values}",
                [value for row in chunk for value in row.values()],
            )
        speakers = [s for row, export in new for s in speaker_rows(row["id"], export["speakers"])]
        links = [lk for row, export in new for lk in link_rows(row["id"], export["links"])]
        self._insert_children(speakers, links)

    def _insert_children(self, speakers: list[dict[str, Any]], links: list[dict[str, Any]]) -> None:
        """speakers (one per folded name, first spelling wins), talk_speakers and links rows.

        Hand-written `executemany`, not `Table.insert_all`, because the store benchmark says
        so: 20,000 generated talks in pages of 20, 4 interleaved runs each, inserted at a
        median 2,111 talks/s with `insert_all` for these three tables against 2,822/s with
        this (`insert_all` for the talks rows in both; bench/store.py's `upsert`). Links are
        keyed by (talk_id, url): a URL listed twice is kept once, the first kind wins.
        """
        self.db.conn.executemany(INSERT_SPEAKER, speakers)
        self.db.conn.executemany(INSERT_TALK_SPEAKER, speakers)
        self.db.conn.executemany(INSERT_LINK, links)

    def _save_stored(
        self,
        row: dict[str, Any],
        export: dict[str, Any],
        crawl_id: int | None,
        now: str,
        old: StoredState,
    ) -> str:
        """Revive a talk marked removed, update it if changed; 'unchanged' or 'updated'."""
        old_hash, old_status, removed_at = old[:3]
        if removed_at is not None:
            self._record_changes(crawl_id, now, [(row["id"], "removed_at", removed_at, None)])
        if old_hash == row["content_hash"] and old_status == row["status"]:
            return "unchanged"
        self._update_talk(row, export, old_status, crawl_id, now)
        return "updated"

    def _touch_unchanged(self, rows: list[dict[str, Any]], now: str) -> None:
        """Content unchanged: refresh last_seen and bookkeeping columns (page order may move).

        One executemany for the page, not `Table.update` per talk: that first reads each row
        back to check it exists, and the unchanged re-upsert is what a refresh does for most
        talks of a changed page (bench/RESULTS.md, "upsert again, unchanged").
        """
        self.db.conn.executemany(
            "UPDATE talks SET last_seen = ?, removed_at = NULL, position = ?, series_id = ?, "
            "source_url = ?, extracted_by = ? WHERE id = ?",
            [
                (now, r["position"], r["series_id"], r["source_url"], r["extracted_by"], r["id"])
                for r in rows
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
        old = {**export_one(self.db, talk_id), "status": old_status}
        new = {**export, "status": row["status"]}
        changed = [name for name in TRACKED_FIELDS if old[name] != new[name]]
        self._record_changes(crawl_id, now, [(talk_id, n, old[n], new[n]) for n in changed])
        columns = {k: v for k, v in row.items() if k != "id"}
        self.db.table("talks").update(talk_id, {**columns, "last_seen": now, "removed_at": None})
        speakers, links = [], []
        if "speakers" in changed:
            self.db.table("talk_speakers").delete_where("talk_id = ?", [talk_id])
            speakers = speaker_rows(talk_id, export["speakers"])
        if "links" in changed:
            self.db.table("links").delete_where("talk_id = ?", [talk_id])
            links = link_rows(talk_id, export["links"])
        self._insert_children(speakers, links)

    def _record_changes(
        self, crawl_id: int | None, now: str, changes: list[tuple[str, str, Any, Any]]
    ) -> None:
        """talk_changes rows for (talk id, field, old value, new value) tuples."""
        self.db.table("talk_changes").insert_all(
            {
                "talk_id": talk_id,
                "crawl_id": crawl_id,
                "field": name,
                "old_value": change_value(old),
                "new_value": change_value(new),
                "changed_at": now,
            }
            for talk_id, name, old, new in changes
        )

    def touch_talks(self, talk_ids: Iterable[str], *, now: str | None = None) -> None:
        """Mark talks as seen again without re-saving them (their page did not change)."""
        self.db.execute(
            "UPDATE talks SET last_seen = ? WHERE id IN (SELECT value FROM json_each(?))",
            [now or utc_now(), json.dumps(list(talk_ids))],
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
        where = (
            "series_id = ? AND removed_at IS NULL AND id NOT IN (SELECT value FROM json_each(?))"
        )
        with self.db.atomic():
            gone = [
                r["id"]
                for r in self.db.table("talks").rows_where(
                    where, [source_id, json.dumps(sorted(set(seen_ids)))], select="id"
                )
            ]
            self.db.execute(
                "UPDATE talks SET removed_at = ? WHERE id IN (SELECT value FROM json_each(?))",
                [now, json.dumps(gone)],
            )
            self._record_changes(crawl_id, now, [(t, "removed_at", None, now) for t in gone])
            refresh_listing(self.db, gone)
        return len(gone)

    def unknown_ids(self, talk_ids: Iterable[str]) -> set[str]:
        """The ids among `talk_ids` that no stored talk has (talks new to the database)."""
        unknown = set(talk_ids)
        return unknown - set(self._stored_states(sorted(unknown)))

    def live_talks(self, series_id: str, *, excluding: Iterable[str] = ()) -> list[dict[str, Any]]:
        """The series' talks not marked removed, minus `excluding`: candidates for re-identity."""
        skip = set(excluding)
        rows = self.db.table("talks").rows_where(
            "series_id = ? AND removed_at IS NULL",
            [series_id],
            select="id, title, starts_at, speaker_names, abstract",
        )
        return [row for row in rows if row["id"] not in skip]
