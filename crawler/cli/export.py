"""`seminars export`: the talks in the database as jsonl, json, csv or an iCalendar feed."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click

from crawler.cli.options import check_series, db_option, open_store
from crawler.db import Store, utc_now
from crawler.outputs import calendar as ics
from crawler.outputs import files

series_option = click.option("--series", "series_id", help="Only this series (its source id).")
per_source_option = click.option(
    "--per-source",
    is_flag=True,
    help="One item per listing, as each source gave it, instead of one per real talk "
    "(a talk several sources list is otherwise one item, with sources and source_urls).",
)
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)


@click.group()
def export() -> None:
    """Export talks from the database.

    \b
    Examples:
      seminars export jsonl --db data/seminars.db > talks.jsonl
      seminars export csv --series gapindnns -o gapindnns.csv
      seminars export ics --upcoming --search "neural tangent" -o talks.ics
    """


@export.command("jsonl")
@db_option
@series_option
@output_option
@per_source_option
def export_jsonl(
    db_path: Path, series_id: str | None, output: Path | None, per_source: bool
) -> None:
    """One JSON object per talk, exactly the expected.jsonl schema, in page order.

    \b
    Example:
      seminars export jsonl --series gapindnns --db data/seminars.db | head -1
    """
    _export_talks(db_path, series_id, output, files.write_jsonl, per_source)


@export.command("json")
@db_option
@series_option
@output_option
@per_source_option
def export_json(
    db_path: Path, series_id: str | None, output: Path | None, per_source: bool
) -> None:
    """One JSON array of talks in the export schema, in page order.

    \b
    Example:
      seminars export json --db data/seminars.db -o talks.json
    """
    _export_talks(db_path, series_id, output, files.write_json, per_source)


@export.command("csv")
@db_option
@series_option
@output_option
@per_source_option
def export_csv(db_path: Path, series_id: str | None, output: Path | None, per_source: bool) -> None:
    """One row per talk; speakers ("Name (Affiliation)") and links ("kind: url") one per line.

    \b
    Example:
      seminars export csv --series gapindnns -o gapindnns.csv
    """
    _export_talks(db_path, series_id, output, files.write_csv, per_source)


@export.command("ics")
@db_option
@series_option
@output_option
@click.option("--upcoming", is_flag=True, help="Only talks from now on (today for date-only).")
@click.option(
    "--search", "query", help="Only talks matching these words (title, abstract, speakers)."
)
@click.option(
    "--name",
    default=ics.CALENDAR_NAME,
    show_default=True,
    help="Calendar name shown by calendar apps.",
)
def export_ics(
    db_path: Path,
    series_id: str | None,
    output: Path | None,
    upcoming: bool,
    query: str | None,
    name: str,
) -> None:
    """An iCalendar (RFC 5545) file: one event per dated talk, stable UIDs, time zones included.

    Talks without a date are left out; talks with only a date become all-day events.

    \b
    Example:
      seminars export ics --series gapindnns -o gapindnns.ics
    """
    with _store(db_path, series_id) as store:
        rows = ics.calendar_rows(
            store.db, series_id=series_id, since=utc_now() if upcoming else None, search=query
        )
    calendar = ics.build_calendar(rows, name=name)
    with _open(output) as out:
        out.write(calendar.to_ical().decode())
    if output:
        click.echo(f"{len(rows)} events -> {output}", err=True)


def _export_talks(
    db_path: Path,
    series_id: str | None,
    output: Path | None,
    writer: Callable[[Any, TextIO], int],
    per_source: bool = False,
) -> None:
    """Talks in the export schema through one of the files.write_* functions."""
    with _store(db_path, series_id) as store, _open(output) as out:
        count = writer(store.export_talks(series_id, per_source=per_source), out)
    if output:
        click.echo(f"{count} talks -> {output}", err=True)


@contextmanager
def _store(db_path: Path, series_id: str | None) -> Iterator[Store]:
    """The store, read-only, or one clear error line: the file is missing or not a seminars
    database, or `--series` names no series in it (exit 2, as `crawl --source` does)."""
    with open_store(db_path) as store:
        check_series(store, series_id)
        yield store


@contextmanager
def _open(output: Path | None) -> Iterator[TextIO]:
    """The output file (newline="" so CSV and ICS keep their CRLF line ends) or stdout."""
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with output.open("w", encoding="utf-8", newline="") as out:
        yield out
