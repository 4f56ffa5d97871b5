"""`seminars export`: the talks in the database, in the export schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from crawler.commands._options import db_option, fail
from crawler.storage import Store


@click.group()
def export() -> None:
    """Export talks from the database.

    \b
    Example:
      seminars export jsonl --db data/seminars.db > talks.jsonl
    """


@export.command("jsonl")
@db_option
@click.option("--series", "series_id", help="Only this series (its source id).")
def export_jsonl(db_path: Path, series_id: str | None) -> None:
    """One JSON object per talk, exactly the expected.jsonl schema, in page order."""
    if not db_path.exists():
        fail(f"{db_path}: no such database (run `seminars demo` or `seminars crawl` first)")
    with Store(db_path) as store:
        for talk in store.export_talks(series_id):
            click.echo(json.dumps(talk, ensure_ascii=False))
