"""The crawl log: sources (series rows), crawls and their errors, page hashes, source health.

A crawls row is opened before a source is fetched and closed with its outcome, so a crawl that
dies half-way still leaves a trace; per-page problems go to crawl_errors, queryable long after
a log file has rotated away. `pages` remembers each fetched page's hash (and, for a listing,
what it asked to follow and which talks it gave), so an unchanged page is not parsed again.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from crawler.db.rows import utc_now
from crawler.db.schema import SERIES_COLUMNS

CRAWL_STATUSES = ("running", "ok", "failed", "suspect")
# (url, content hash, follows or None, talk ids or None): one row of `pages` to write
PageHash = tuple[str, str, list[Any] | None, list[str] | None]
UPSERT_PAGE = (
    "INSERT INTO pages (url, source_id, content_hash, fetched_at, follows, talk_ids) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET source_id = excluded.source_id, "
    "content_hash = excluded.content_hash, fetched_at = excluded.fetched_at, "
    "follows = excluded.follows, talk_ids = excluded.talk_ids"
)


def ensure_series(db: Database, source_id: str, name: str | None) -> None:
    """Make a minimal series row so foreign keys hold when a source was never registered
    (a name is filled in only where none is stored: the registered one wins)."""
    db.execute(
        "INSERT INTO series (id, name) VALUES (?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = coalesce(series.name, excluded.name)",
        [source_id, name],
    )


def health(status: str | None, suspect: bool) -> str:
    """Summarize the latest finished crawl."""
    if status is None:
        return "never crawled"
    if status == "failed":
        return "failing"
    if status == "suspect" or suspect:
        return "suspect"
    return "ok"


class CrawlLog:
    """Store methods over series, crawls, crawl_errors and pages (mixed into `Store`)."""

    db: Database

    # ---- series ---------------------------------------------------------------------------

    def upsert_series(self, series: dict[str, Any]) -> None:
        """Insert or update a source; only the given keys are overwritten.

        An upsert (ON CONFLICT DO UPDATE, not REPLACE) keeps the rowid: the export order.
        """
        data = {k: series[k] for k in SERIES_COLUMNS if k in series}
        if "id" not in data:
            raise ValueError("series needs an 'id'")
        self.db.table("series").upsert(data, pk="id")

    # ---- crawls ---------------------------------------------------------------------------

    def start_crawl(self, source_id: str, *, now: str | None = None) -> int:
        """Open a crawls row first, so a crawl that dies half-way still leaves a trace."""
        with self.db.atomic():
            ensure_series(self.db, source_id, None)
            crawls = self.db.table("crawls").insert(
                {"source_id": source_id, "started": now or utc_now(), "status": "running"}
            )
        return int(crawls.last_pk or 0)

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
        talks_restored: int = 0,
        errors: int = 0,
        error_text: str | None = None,
        suspect: bool = False,
        now: str | None = None,
    ) -> None:
        """Close a crawls row with its outcome; sources_health is computed from these rows."""
        if status not in CRAWL_STATUSES:
            raise ValueError(f"unknown crawl status {status!r}")
        outcome = {
            "finished": now or utc_now(),
            "status": status,
            "pages": pages,
            "talks_seen": talks_seen,
            "talks_new": talks_new,
            "talks_updated": talks_updated,
            "talks_removed": talks_removed,
            "talks_restored": talks_restored,
            "errors": errors,
            "error_text": error_text,
            "suspect": int(suspect),
        }
        try:
            self.db.table("crawls").update(crawl_id, outcome)
        except NotFoundError:
            raise KeyError(f"no crawl with id {crawl_id}") from None

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
        self.db.table("crawl_errors").insert(
            {
                "crawl_id": crawl_id,
                "source_id": source_id,
                "url": url,
                "level": level,
                "message": message,
                "at": now or utc_now(),
            }
        )

    def last_good_crawl(self, source_id: str) -> dict[str, Any] | None:
        """The latest successful crawl: the baseline a suspicious new result is compared to."""
        rows = self.db.table("crawls").rows_where(
            "source_id = ? AND status = 'ok'", [source_id], order_by="id DESC", limit=1
        )
        return next(rows, None)

    def last_crawl(self, source_id: str) -> dict[str, Any] | None:
        """The latest finished crawl of a source, whatever its outcome (for status listings)."""
        rows = self.db.table("crawls").rows_where(
            "source_id = ? AND finished IS NOT NULL", [source_id], order_by="id DESC", limit=1
        )
        return next(rows, None)

    def crawl(self, crawl_id: int) -> dict[str, Any] | None:
        """One crawls row, with `logged`: how many crawl_errors rows it has."""
        rows = self.db.query(
            "SELECT c.*, (SELECT count(*) FROM crawl_errors e WHERE e.crawl_id = c.id) AS logged "
            "FROM crawls c WHERE c.id = ?",
            [crawl_id],
        )
        return next(rows, None)

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
        self.set_page_hashes(source_id, [(url, content_hash, follows, talk_ids)], now=now)

    def set_page_hashes(
        self, source_id: str, pages: list[PageHash], *, now: str | None = None
    ) -> None:
        """`set_page_hash` for a listing and its detail pages, in one `executemany`.

        Hand-written, not `Table.upsert` per page: that introspects the table on every call
        (~0.25 ms a page, a quarter of the store's time in a crawl; bench/crawl.py, 4,008
        pages). ON CONFLICT DO UPDATE keeps the row's rowid, as the upsert did.
        """
        fetched_at = now or utc_now()
        self.db.conn.executemany(
            UPSERT_PAGE,
            [
                (
                    url,
                    source_id,
                    content_hash,
                    fetched_at,
                    None if follows is None else json.dumps(follows),
                    None if talk_ids is None else json.dumps(talk_ids),
                )
                for url, content_hash, follows, talk_ids in pages
            ],
        )

    def page_follows(self, url: str) -> list[Any] | None:
        """What a listing asked to follow when last stored; None unless both it and its talk
        ids were recorded (then the page can be skipped when unchanged)."""
        row = self.db.execute(
            "SELECT follows FROM pages WHERE url = ? AND talk_ids IS NOT NULL", [url]
        ).fetchone()
        return json.loads(row[0]) if row and row[0] is not None else None

    def page_talk_ids(self, url: str) -> list[str]:
        """Ids of the talks a listing page gave when it was last stored, in page order."""
        row = self.db.execute("SELECT talk_ids FROM pages WHERE url = ?", [url]).fetchone()
        return json.loads(row[0]) if row and row[0] else []

    # ---- health ---------------------------------------------------------------------------

    def sources_health(self) -> list[dict[str, Any]]:
        """One line per source for the status page: is each one still being crawled fine?"""
        series = self.db.execute("SELECT id, name FROM series ORDER BY rowid").fetchall()
        return [self._source_health(source_id, name) for source_id, name in series]

    def _source_health(self, source_id: str, name: str | None) -> dict[str, Any]:
        last = self.last_crawl(source_id) or {}
        good = self.last_good_crawl(source_id) or {}
        count = self.db.table("talks").count_where(
            "series_id = ? AND removed_at IS NULL", [source_id]
        )
        return {
            "id": source_id,
            "name": name,
            "last_crawl": last.get("finished"),
            "last_status": last.get("status"),
            "last_success": good.get("finished"),
            "talk_count": count,
            "health": health(last.get("status"), bool(last.get("suspect"))),
        }
