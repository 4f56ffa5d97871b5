"""`seminars changes`: what the crawls changed, source by source.

Read back from what the store logs as it writes: `talk_changes` has one row per changed field
(`first_seen` for a talk new to a source that an earlier crawl already read, `removed_at` for a
talk that vanished or came back), and `crawl_errors` has the warnings of sources that were
crawled fine (a detail page that is gone). A source's first crawl is its baseline: one line
with its talk count, not its whole archive talk by talk.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import click
from sqlite_utils import Database

from crawler.cli.options import check_series, db_option, iso_moment, open_store

# Line order within a source; `first crawl` stands for all the talks of a baseline crawl.
KINDS = (
    "first crawl",
    "new",
    "moved",
    "retitled",
    "cancelled",
    "updated",
    "removed",
    "restored",
    "warning",
)
DEFAULT_DAYS = 30  # as the `recent_changes` canned query
MOVE_FIELDS = ("ends_at", "timezone")  # part of a move when starts_at changed with them

TALK_CHANGES_SQL = """
SELECT c.talk_id, c.crawl_id, c.field, c.old_value, c.new_value, c.changed_at, t.series_id,
    t.title,
    t.starts_at, t.speaker_names
FROM talk_changes c JOIN talks t ON t.id = c.talk_id
WHERE c.changed_at >= :since AND (:source IS NULL OR t.series_id = :source)
ORDER BY c.id
"""
# The same warning every night is one line, with how many crawls logged it.
WARNINGS_SQL = """
SELECT e.source_id, e.url, e.message, max(e.at) AS at, count(*) AS crawls
FROM crawl_errors e JOIN crawls k ON k.id = e.crawl_id
WHERE k.status = 'ok' AND e.level = 'warning' AND e.at >= :since
    AND (:source IS NULL OR e.source_id = :source)
GROUP BY e.source_id, e.url, e.message
ORDER BY min(e.id)
"""
# A crawl with no earlier crawl of its source that saw talks (the rule crawler/db/talks.py
# applies before it logs a talk as new).
FIRST_CRAWLS_SQL = """
SELECT k.source_id, k.finished, k.talks_new FROM crawls k
WHERE k.finished >= :since AND k.talks_new > 0 AND (:source IS NULL OR k.source_id = :source)
    AND NOT EXISTS (SELECT 1 FROM crawls p
        WHERE p.source_id = k.source_id AND p.id < k.id AND p.talks_seen > 0)
ORDER BY k.id
"""


@dataclass(frozen=True)
class Change:
    """One line of the report: a talk that changed, or a source's baseline or warning."""

    source: str
    kind: str
    at: str  # when the crawl recorded it (UTC, ISO 8601)
    text: str  # the line as printed after the kind
    talk_id: str | None = None
    title: str | None = None  # the talk's title now
    old: str | None = None  # moved: the old start; retitled: the old title
    new: str | None = None


@click.command()
@db_option
@click.option(
    "--since",
    metavar="DATE",
    help=f"Changes recorded from this ISO date or UTC time on (default: the last {DEFAULT_DAYS} "
    "days).",
)
@click.option("--source", "source_id", metavar="ID", help="Only this source (its id).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format (json: one object per line of the text).",
)
def changes(db_path: Path, since: str | None, source_id: str | None, fmt: str) -> None:
    """Print what the crawls changed, source by source: new talks with their titles, moved
    dates (old -> new), retitled, cancelled, removed and restored talks, and the warnings of
    sources that were crawled fine (a detail page that is gone).

    A source's first crawl is one line with its talk count. Read-only.

    \b
    Examples:
      seminars changes                              # the last 30 days
      seminars changes --since 2024-06-01 --source gapindnns
    """
    since_utc = _utc(iso_moment(since, "--since")) if since else _days_ago(DEFAULT_DAYS)
    with open_store(db_path) as store:
        check_series(store, source_id)
        found = collect(store.db, since_utc, source_id)
        names = dict(store.db.execute("SELECT id, name FROM series"))
        order = [row[0] for row in store.db.execute("SELECT id FROM series ORDER BY rowid")]
    found.sort(key=lambda c: (order.index(c.source), KINDS.index(c.kind), c.at))
    if fmt == "json":
        click.echo(json.dumps([asdict(change) for change in found], ensure_ascii=False, indent=2))
        return
    click.echo(render(found, names, since_utc))


def collect(db: Database, since: str, source: str | None) -> list[Change]:
    """Every change recorded from `since` (UTC ISO text), of one source or of all."""
    params = {"since": since, "source": source}
    found = list(_talk_changes(db.query(TALK_CHANGES_SQL, params)))
    for row in db.query(FIRST_CRAWLS_SQL, params):
        found.append(Change(row["source_id"], "first crawl", row["finished"], _talks(row)))
    for row in db.query(WARNINGS_SQL, params):
        again = f" ({row['crawls']} crawls)" if row["crawls"] > 1 else ""
        where = f"{row['url']}: " if row["url"] else ""
        text = where + row["message"] + again
        found.append(Change(row["source_id"], "warning", row["at"], text))
    return found


def _talk_changes(rows: Iterator[dict[str, Any]]) -> Iterator[Change]:
    """The talk lines: the rows come one per changed field; a crawl's changes of one talk are
    grouped, one line per kind of change.

    Grouped by crawl, not only by time: two crawls within one second (a scheduled refresh
    right after a manual one) share a `changed_at`, and a talk removed by the first and
    restored by the second would print only as restored."""
    key = itemgetter("talk_id", "crawl_id", "changed_at")
    for _, group in groupby(rows, key=key):
        yield from _talk_lines({row["field"]: row for row in group})


def _talk_lines(fields: dict[str, dict[str, Any]]) -> Iterator[Change]:
    talk = next(iter(fields.values()))
    title = talk["title"] or "(untitled)"

    def line(kind: str, text: str, old: str | None = None, new: str | None = None) -> Change:
        source, at, talk_id = talk["series_id"], talk["changed_at"], talk["talk_id"]
        return Change(source, kind, at, text, talk_id, talk["title"], old, new)

    if fields.pop("first_seen", None):
        who = talk["speaker_names"] or "no speaker named"
        yield line("new", f"{title} ({_when(talk['starts_at'])}; {who})")
    if moved := fields.pop("starts_at", None):
        for name in MOVE_FIELDS:
            fields.pop(name, None)
        old, new = moved["old_value"], moved["new_value"]
        yield line("moved", f"{title}: {_when(old)} -> {_when(new)}", old, new)
    if retitled := fields.pop("title", None):
        old, new = retitled["old_value"], retitled["new_value"]
        yield line("retitled", f"{old or '(untitled)'} -> {new or '(untitled)'}", old, new)
    if fields.get("status", {}).get("new_value") == "cancelled":
        fields.pop("status")
        yield line("cancelled", f"{title} ({_when(talk['starts_at'])})")
    if removal := fields.pop("removed_at", None):
        kind = "removed" if removal["new_value"] else "restored"
        yield line(kind, f"{title} ({_when(talk['starts_at'])})")
    if fields:
        yield line("updated", f"{title}: {', '.join(fields)}")


def render(found: list[Change], names: dict[str, str], since: str) -> str:
    """The text report: a heading per source, then one line per change."""
    if not found:
        return f"No changes since {since}."
    lines = [f"Changes since {since}:"]
    for source, group in groupby(found, key=lambda c: c.source):
        lines += ["", f"{source}: {names.get(source) or source}"]
        width = max(len(kind) for kind in KINDS)
        lines += [f"  {c.at[:10]}  {c.kind:<{width}}  {c.text}" for c in group]
    return "\n".join(lines)


def _when(value: str | None) -> str:
    """A stored start as people read it: '2024-05-30 10:30' (local time), or 'undated'."""
    return value[:16].replace("T", " ") if value else "undated"


def _talks(row: dict[str, Any]) -> str:
    count = row["talks_new"]
    return f"{count} talk{'s' if count != 1 else ''} (the baseline: not listed one by one)"


def _utc(moment: str) -> str:
    """An ISO date as is; a time as UTC in the stored format ('...T09:00:00+00:00')."""
    if len(moment) == 10:
        return moment
    parsed = datetime.fromisoformat(moment)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="seconds")


def _days_ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
