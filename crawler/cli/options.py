"""Options and output helpers shared by several commands."""

from __future__ import annotations

import logging
import re
import urllib.request
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from tabulate import tabulate

from crawler.paths import DEFAULT_DB, DEFAULT_SOURCES

if TYPE_CHECKING:
    from crawler.db.store import Store

USER_AGENT = "seminars-aggregator/0.1 (+https://github.com/seminars-aggregator/seminars)"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="SQLite database file.",
)

sources_option = click.option(
    "--sources",
    "sources_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_SOURCES,
    show_default=True,
    help="Sources list (TOML).",
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


def fail(message: str, code: int = 1) -> NoReturn:
    """One clear line on stderr and a non-zero exit, never a traceback."""
    click.echo(f"error: {message}", err=True)
    raise SystemExit(code)


def open_store(db_path: Path) -> Store:
    """The database, read-only, for a command that only reads it.

    One error line instead: exit 1 when the file does not exist (never create it here), exit 2
    when it is not a seminars database (then it is left exactly as it was).
    """
    from crawler.db.connect import NotSeminarsDatabase
    from crawler.db.store import Store

    if not db_path.exists():
        fail(f"{db_path}: no such database (run `seminars demo` or `seminars crawl` first)")
    try:
        return Store(db_path, readonly=True)
    except NotSeminarsDatabase as error:
        fail(f"{db_path}: {error}", code=2)


def check_series(store: Store, series_id: str | None) -> None:
    """Exit 2 with one line when `series_id` is given and names no series in the database (as
    `seminars crawl --source nosuch` does for the sources file)."""
    if series_id is None:
        return
    known = [row[0] for row in store.db.execute("SELECT id FROM series ORDER BY rowid")]
    if series_id not in known:
        fail(f"unknown series {series_id!r} (known: {', '.join(known) or 'none'})", code=2)


def check_crawl_db(db_path: Path) -> None:
    """Exit 2 with one line before a crawl starts when `--db` names a file that is not a
    seminars database (a new or empty file is fine: the crawl creates the schema)."""
    from crawler.db.connect import NotSeminarsDatabase, check_database

    if not db_path.exists():
        return
    try:
        check_database(db_path, empty_ok=True)
    except NotSeminarsDatabase as error:
        fail(f"{db_path}: {error}", code=2)


def check_timezone(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A `--timezone` callback: an IANA zone of a place, or one error line and exit 2 (an
    unknown zone would otherwise drop every talk with a clock time, one warning each)."""
    from crawler.sources import timezone_problem

    problem = timezone_problem(value) if value else None
    if problem:
        fail(f"--{param.name}: {problem}", code=2)
    return value


def iso_moment(text: str, option: str) -> str:
    """An ISO date (2024-01-01) or date and time (2024-01-01T09:00, 2024-01-01T09:00+02:00), as
    given; one error line and exit 2 for anything else."""
    try:
        if not ISO_DATE.match(text):  # 20240101, 2024-W01-1: ISO too, but not compared as text
            raise ValueError(text)
        datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
    except ValueError:
        fail(
            f"{option}: {text!r} is not an ISO date or time (e.g. 2024-01-01 or "
            "2024-01-01T09:00+00:00)",
            code=2,
        )
    return text


def shown_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def quiet_parser_log() -> None:
    """Parsers log each warning (for the crawl's log); a command that prints the warnings
    itself keeps them out of Python's last-resort handler, so each is shown once."""
    logging.getLogger("parsers").addHandler(logging.NullHandler())


def read_page(source: str, base_url: str | None) -> tuple[bytes, str]:
    """The bytes of a FILE or URL argument, and the URL the page is taken to live at."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.read(), base_url or response.geturl()
        except OSError as error:
            fail(f"{source}: cannot fetch: {error}")
    path = Path(source)
    if path.is_dir():
        fail(f"{source}: is a directory; give one page (a file or a URL)")
    if not path.is_file():
        fail(f"{source}: no such file")
    return path.read_bytes(), base_url or path.resolve().as_uri()


def source_settings(url: str, sources_path: Path) -> dict[str, str | None]:
    """The zone and series name sources.toml gives the source at `url` (empty if none).

    Why: a site's settings live in one place, its sources entry, so `seminars parse` of a
    source's page reads it exactly as the crawl does. An unreadable file is not an error
    here: `parse` works on any page.
    """
    from crawler.sources import SourcesError, load_sources

    try:
        sources = load_sources(sources_path)
    except (SourcesError, OSError):
        return {}
    for source in sources:
        if source.url.rstrip("/") == url.rstrip("/"):
            return {"timezone": source.timezone, "series": source.name}
    return {}
