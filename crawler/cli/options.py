"""Options and output helpers shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click
from tabulate import tabulate

from crawler.paths import DEFAULT_DB

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite database file.",
)


def talk_rows(talks: list[dict], width: int = 60) -> str:
    """A compact table of talks for terminals: start, title, speakers, location."""
    rows = []
    for talk in talks:
        speakers = "; ".join(s["name"] for s in talk.get("speakers") or [])
        title = (talk.get("title") or "")[:width]
        rows.append(
            [talk.get("starts_at") or "", title, speakers[:40], (talk.get("location") or "")[:30]]
        )
    return tabulate(rows, headers=["starts_at", "title", "speakers", "location"])


def fail(message: str, code: int = 1) -> None:
    """One clear line on stderr and a non-zero exit, never a traceback."""
    click.echo(f"error: {message}", err=True)
    raise SystemExit(code)
