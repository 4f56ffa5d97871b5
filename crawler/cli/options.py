"""Options and output helpers shared by several commands."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import click
from tabulate import tabulate

from crawler.paths import DEFAULT_DB, DEFAULT_SOURCES

USER_AGENT = "seminars-aggregator/0.1 (+https://github.com/seminars-aggregator/seminars)"

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


def fail(message: str, code: int = 1) -> None:
    """One clear line on stderr and a non-zero exit, never a traceback."""
    click.echo(f"error: {message}", err=True)
    raise SystemExit(code)


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
