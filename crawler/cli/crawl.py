"""`seminars crawl`: one real Scrapy crawl of the sources list into the database."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import db_option, sources_option


def parse_overrides(values: tuple[str, ...]) -> dict[str, str]:
    """`NAME=VALUE` pairs (Scrapy's `-s`), as a dict; a pair without '=' is a usage error."""
    overrides = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="-s/--set")
        overrides[name.strip()] = setting
    return overrides


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

    options = CrawlOptions(
        sources=sources_path,
        db=db_path,
        only=only,
        accept_drop=accept_drop,
        replay=replay,
        http_cache=http_cache,
        quiet=quiet,
        verbose=verbose,
        overrides=parse_overrides(overrides),
    )
    raise SystemExit(run_crawl(options))
