"""`seminars crawl`: one real Scrapy crawl of the sources list into the database.

Options that would only fail once Scrapy runs (a `-s` value of the wrong type, a database of
another application, a snapshot folder with no sites, nothing to crawl) are checked here
first, so each is one error line and exit 2 instead of "the crawl did not start".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from crawler.cli.options import check_crawl_db, db_option, fail, sources_option
from crawler.sources import SourcesError, load_sources, select


def parse_overrides(values: tuple[str, ...]) -> dict[str, str]:
    """`NAME=VALUE` pairs (Scrapy's `-s`), as a dict; a pair without '=' is a usage error."""
    overrides = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="-s/--set")
        overrides[name.strip()] = setting
    return overrides


def check_overrides(overrides: dict[str, str]) -> None:
    """Exit 2 when a `-s` value cannot be read as the type of the setting it overrides
    (Scrapy would raise while building the crawler, after the crawl was announced)."""
    from scrapy.settings import Settings  # the settings only: no reactor, no Twisted import

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in overrides.items():
        problem = _value_problem(settings.get(name), value)
        if problem:
            fail(f"-s {name}={value}: {problem} (the default is {settings.get(name)!r})", code=2)


def _value_problem(default: Any, value: str) -> str | None:
    """Why `value` cannot stand for a setting whose default is `default`, as Scrapy reads it."""
    if isinstance(default, bool):
        if value in ("True", "true", "False", "false") or value.strip().lstrip("-").isdigit():
            return None
        return "not a boolean: true, false, 1 or 0"
    if isinstance(default, int | float):
        try:
            float(value)
        except ValueError:
            return "not a number"
        return None
    if isinstance(default, dict):
        try:
            decoded = json.loads(value)
        except ValueError:
            decoded = None
        return None if isinstance(decoded, dict) else "not a JSON object"
    return None


def check_replay(replay: Path | None) -> None:
    """Exit 2 when a snapshot folder holds no site (one sub-folder with a site.json each)."""
    if replay is not None and replay.is_dir() and not any(replay.glob("*/site.json")):
        fail(
            f"{replay}: no site folders with a site.json in this snapshot folder "
            "(tests/fixtures/sites shows the layout)",
            code=2,
        )


def check_selection(
    sources_path: Path, only: tuple[str, ...], accept_drop: tuple[str, ...]
) -> None:
    """Exit 2 when nothing would be crawled (every source disabled) or `--accept-drop` names
    a source this crawl does not crawl; a sources file with errors is left to the crawl,
    which reports every one of them."""
    try:
        known = load_sources(sources_path)
        selected = select(known, only)
    except SourcesError:
        return
    crawled = [source.id for source in selected]
    if not crawled:
        fail(
            f"{sources_path}: every source is disabled, nothing to crawl "
            "(name one with --source ID, or set enabled = true)",
            code=2,
        )
    ids = {source.id for source in known}
    unknown = [source_id for source_id in accept_drop if source_id not in ids]
    if unknown:
        fail(
            f"--accept-drop: unknown source id(s): {', '.join(unknown)} "
            f"(known: {', '.join(source.id for source in known)})",
            code=2,
        )
    idle = [source_id for source_id in accept_drop if source_id not in crawled]
    if idle:
        fail(
            f"--accept-drop: {', '.join(idle)} not crawled in this run (add --source {idle[0]})",
            code=2,
        )


@click.command()
@sources_option
@db_option
@click.option(
    "--source",
    "only",
    multiple=True,
    metavar="ID",
    help="Crawl only this source (repeatable; may name a disabled one).",
)
@click.option(
    "--accept-drop",
    multiple=True,
    metavar="ID",
    help="This source really lost more than half its talks: not suspect, mark them removed.",
)
@click.option(
    "--replay",
    type=click.Path(file_okay=False, path_type=Path),
    help="Answer every request from this snapshot folder instead of the network.",
)
@click.option(
    "--http-cache", is_flag=True, help="Use Scrapy's HTTP cache (RFC 2616, conditional requests)."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress and no table; failures only.")
@click.option("--verbose", "-v", count=True, help="Show Scrapy's log (-v info, -vv debug).")
@click.option(
    "--set",
    "-s",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting, as `scrapy crawl -s` does.",
)
def crawl(
    sources_path: Path,
    db_path: Path,
    only: tuple[str, ...],
    accept_drop: tuple[str, ...],
    replay: Path | None,
    http_cache: bool,
    quiet: bool,
    verbose: int,
    overrides: tuple[str, ...],
) -> None:
    """Crawl every enabled source into the database, then print a summary.

    Exit codes: 0 all sources ok; 1 a source failed or looks suspect (the others were still
    crawled); 2 bad options or sources file (nothing crawled); 3 another crawl holds the
    database (nothing crawled).

    \b
    Examples:
      seminars crawl                                  # nightly refresh of data/seminars.db
      seminars crawl --source gapindnns --verbose
      seminars crawl --replay tests/fixtures/sites --db /tmp/replay.db
    """
    from crawler.run import CrawlOptions, run_crawl  # keeps Scrapy out of CLI start-up

    settings = parse_overrides(overrides)
    check_overrides(settings)
    check_crawl_db(db_path)
    check_replay(replay)
    check_selection(sources_path, only, accept_drop)
    options = CrawlOptions(
        sources=sources_path,
        db=db_path,
        only=only,
        accept_drop=accept_drop,
        replay=replay,
        http_cache=http_cache,
        quiet=quiet,
        verbose=verbose,
        overrides=settings,
    )
    raise SystemExit(run_crawl(options))
