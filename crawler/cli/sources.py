"""`seminars sources`: every source with its crawl health, so a broken one shows at a glance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from tabulate import tabulate

from crawler.cli.options import db_option, fail, open_store, sources_option
from crawler.sources import Source, SourcesError, load_sources

COLUMNS = ("source", "enabled", "last_crawl", "last_status", "last_success", "talks", "health")
ERROR_WIDTH = 70


@click.command()
@sources_option
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--check", is_flag=True, help="Exit 1 if an enabled source is not healthy.")
def sources(sources_path: Path, db_path: Path, fmt: str, check: bool) -> None:
    """List the sources with their last crawl, last success, talk count and health.

    Health is that of the latest finished crawl: ok, failing, suspect (talk count fell by more
    than half) or never crawled. Sources in the database but no longer in the file are listed
    too, marked "not in sources file".

    \b
    Examples:
      seminars sources
      seminars sources --check || echo "a source needs attention"
    """
    try:
        known = load_sources(sources_path)
    except SourcesError as error:
        fail(str(error), code=2)
    rows = source_rows(known, db_path)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(render(rows))
    if check and any(row["enabled"] and row["health"] != "ok" for row in rows):
        raise SystemExit(1)


def source_rows(known: list[Source], db_path: Path) -> list[dict[str, Any]]:
    """One row per source in the file, then per series only the database still has."""
    if not db_path.exists():
        return [_row(source.id, source.enabled, None, None) for source in known]
    with open_store(db_path) as store:
        health = {row["id"]: row for row in store.sources_health()}
        rows = [_row(s.id, s.enabled, health.get(s.id), store.last_crawl(s.id)) for s in known]
        listed = {source.id for source in known}
        for source_id, row in health.items():
            if source_id not in listed:
                rows.append(_row(source_id, False, row, store.last_crawl(source_id), orphan=True))
    return rows


def _row(
    source_id: str,
    enabled: bool,
    health: dict[str, Any] | None,
    last: dict[str, Any] | None,
    *,
    orphan: bool = False,
) -> dict[str, Any]:
    health = health or {}
    status = health.get("health", "never crawled")
    return {
        "source": source_id,
        "enabled": enabled,
        "last_crawl": health.get("last_crawl"),
        "last_status": health.get("last_status"),
        "last_success": health.get("last_success"),
        "talks": health.get("talk_count", 0),
        "health": f"{status} (not in sources file)" if orphan else status,
        "error": (last or {}).get("error_text"),
    }


def render(rows: list[dict[str, Any]]) -> str:
    table = [
        [*(row[key] if row[key] is not None else "-" for key in COLUMNS), _short(row["error"])]
        for row in rows
    ]
    return tabulate(table, headers=[*COLUMNS, "error"])


def _short(text: str | None) -> str:
    if not text:
        return ""
    return text if len(text) <= ERROR_WIDTH else text[: ERROR_WIDTH - 1] + "…"
