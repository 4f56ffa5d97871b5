"""The end-of-crawl summary and exit code, read back from the `crawls` rows the crawl wrote.

Why from the database and not from counters in memory: the summary then says exactly what was
recorded, and `seminars sources` shows the same numbers later.
"""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from crawler.db.store import Store

EXIT_OK = 0  # every source crawled fine
EXIT_SOURCE_FAILED = 1  # at least one source failed or looks suspect (the others were crawled)
EXIT_USAGE = 2  # bad options or a malformed sources file: nothing was crawled
EXIT_LOCKED = 3  # another crawl holds the database: nothing was crawled

HEADERS = ("source", "status", "pages", "talks", "new", "updated", "removed", "restored", "errors")


def summary_rows(store: Store, crawls: dict[str, int]) -> list[dict[str, Any]]:
    """One row per crawled source, in crawl order; `errors` counts its crawl_errors rows."""
    rows = []
    for source_id, crawl_id in crawls.items():
        crawl = store.crawl(crawl_id) or {}
        series = store.db.execute(
            "SELECT url, parser FROM series WHERE id = ?", [source_id]
        ).fetchone()
        rows.append(
            {
                "source": source_id,
                "status": crawl.get("status", "missing"),
                "pages": crawl.get("pages") or 0,
                "talks": crawl.get("talks_seen") or 0,
                "new": crawl.get("talks_new") or 0,
                "updated": crawl.get("talks_updated") or 0,
                "removed": crawl.get("talks_removed") or 0,
                "restored": crawl.get("talks_restored") or 0,
                "errors": crawl.get("logged") or 0,
                "error_text": crawl.get("error_text"),
                "url": series[0] if series else None,
                "parser": series[1] if series else None,
                "ever_ok": store.last_good_crawl(source_id) is not None,
            }
        )
    return rows


def render_table(rows: list[dict[str, Any]]) -> str:
    return tabulate([[row[key] for key in HEADERS] for row in rows], headers=HEADERS)


def failure_lines(rows: list[dict[str, Any]]) -> list[str]:
    """'source failed: why' (or 'suspect: why') for every source that did not end 'ok', with
    what to do next where there is one thing to do."""
    return [
        f"{row['source']} {row['status']}: {row['error_text'] or 'no reason recorded'}"
        + _next_step(row)
        for row in rows
        if row["status"] != "ok"
    ]


def _next_step(row: dict[str, Any]) -> str:
    """A suspect source names the option that accepts the drop; a new `auto` source whose
    page gave no talks points to `seminars probe`, which shows what each stage saw there."""
    source = row["source"]
    if row["status"] == "suspect":
        return (
            f"; if the talks really are gone: seminars crawl --source {source} "
            f"--accept-drop {source}"
        )
    new_auto = row["parser"] == "auto" and not row["ever_ok"] and row["url"]
    if row["status"] == "failed" and new_auto and row["talks"] == 0:
        return f"; see what each extraction stage finds there: seminars probe {row['url']}"
    return ""


def exit_code(rows: list[dict[str, Any]]) -> int:
    if not rows or any(row["status"] != "ok" for row in rows):
        return EXIT_SOURCE_FAILED
    return EXIT_OK
