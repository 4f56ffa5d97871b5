"""Read queries: talks in the export schema, full-text search, and the one FTS quoting rule.

`fts_query` is the only way user text becomes an FTS5 query, for `Store.search` as for the
Datasette plugin's canned searches and the calendar's `--search`, so the same words find the
same talks everywhere.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlite_utils import Database

from crawler.db.rows import export_from_row

_FTS_TOKEN = re.compile(r'"[^"]*"?|\S+')
NO_MATCH = '""'  # the FTS5 query of empty input: matches nothing
# talks rows with their series' name, as export_from_row reads them
TALKS_WITH_SERIES = (
    "SELECT t.*, s.name AS series_name FROM talks t JOIN series s ON s.id = t.series_id"
)


def fts_query(text: str | None) -> str:
    """User text as an FTS5 query: every word quoted (so 'C++' or 'AND' cannot break the
    syntax), "quoted phrases" kept; empty input gives '""', which matches nothing."""
    tokens = []
    for token in _FTS_TOKEN.findall(text or ""):
        words = token.strip('"').replace('"', "")
        if words.strip():
            tokens.append(f'"{words}"')
    return " ".join(tokens) or NO_MATCH


def exports(db: Database, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Talks rows (with `series_name`) as export dicts; speakers and links in one query each."""
    rows = list(rows)
    ids = json.dumps([row["id"] for row in rows])
    speakers = _children(db, "talk_speakers", ("name", "affiliation"), ids)
    links = _children(db, "links", ("kind", "url"), ids)
    return [export_from_row(row, speakers[row["id"]], links[row["id"]]) for row in rows]


def _children(
    db: Database, table: str, columns: tuple[str, ...], ids: str
) -> dict[str, list[dict[str, Any]]]:
    """`columns` of the `table` rows of the talks in `ids` (JSON), by talk id, in page order."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in db.query(
        f"SELECT talk_id, {', '.join(columns)} FROM {table} "
        "WHERE talk_id IN (SELECT value FROM json_each(?)) ORDER BY talk_id, position",
        [ids],
    ):
        found[row.pop("talk_id")].append(row)
    return found


def export_one(db: Database, talk_id: str) -> dict[str, Any]:
    """One stored talk in the export schema (KeyError if there is none)."""
    found = exports(db, db.query(f"{TALKS_WITH_SERIES} WHERE t.id = ?", [talk_id]))
    if not found:
        raise KeyError(talk_id)
    return found[0]


class TalkReads:
    """Store methods that read talks back (mixed into `Store`)."""

    db: Database

    def export_talks(
        self,
        series_id: str | None = None,
        *,
        include_removed: bool = False,
        per_source: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Talks in the export schema, series in registration order, talks in page order.

        One item per real talk: a group of listings of one talk (`crawler.db.linking`) is
        its canonical record, once, where its first listing comes, with `sources` (how
        many) and `source_urls`; a talk listed once is exactly its listing. `per_source`:
        one item per listing, as each source gave it (the fixtures' expected.jsonl).
        """
        if per_source:
            rows = self.db.query(
                f"{TALKS_WITH_SERIES} WHERE (:series IS NULL OR t.series_id = :series) "
                "AND (:removed OR t.removed_at IS NULL) "
                "ORDER BY s.rowid, t.position, t.rowid",
                {"series": series_id, "removed": int(include_removed)},
            )
            yield from exports(self.db, rows)
            return
        yield from self._real_talks(series_id, include_removed)

    def _real_talks(self, series_id: str | None, include_removed: bool) -> Iterator[dict[str, Any]]:
        rows = list(
            self.db.query(
                "SELECT t.*, s.name AS series_name, g.id AS group_id, g.record AS group_record, "
                "g.sources AS group_sources, g.source_urls AS group_urls "
                "FROM talks t JOIN series s ON s.id = t.series_id "
                "LEFT JOIN talk_group_members m ON m.talk_id = t.id "
                "LEFT JOIN talk_groups g ON g.id = m.group_id "
                "WHERE (:series IS NULL OR t.series_id = :series) "
                "AND (:removed OR t.removed_at IS NULL OR g.live > 0) "
                "ORDER BY s.rowid, t.position, t.rowid",
                {"series": series_id, "removed": int(include_removed)},
            )
        )
        single = iter(exports(self.db, [row for row in rows if row["group_id"] is None]))
        done: set[str] = set()
        for row in rows:
            group = row["group_id"]
            if group is None:
                yield next(single)
            elif group not in done:
                done.add(group)
                yield {
                    **json.loads(row["group_record"]),
                    "sources": row["group_sources"],
                    "source_urls": json.loads(row["group_urls"]),
                }

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over title, abstract and speakers; best match first.

        Quoted by `fts_query`, so user input such as 'AND' or 'C++' cannot break FTS syntax.
        """
        match = fts_query(query)
        if match == NO_MATCH:
            return []
        rows = list(
            self.db.query(
                "SELECT t.*, s.name AS series_name FROM talks_fts "
                "JOIN talks t ON t.rowid = talks_fts.rowid JOIN series s ON s.id = t.series_id "
                "WHERE talks_fts MATCH ? AND t.removed_at IS NULL "
                "ORDER BY talks_fts.rank LIMIT ?",
                [match, limit],
            )
        )
        found = exports(self.db, rows)
        return [{"id": row["id"], **export} for row, export in zip(rows, found, strict=True)]
