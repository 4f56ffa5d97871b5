"""`seminars demo`: the real crawl, replayed offline from the bundled seed-site snapshots."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import db_option
from crawler.paths import DEFAULT_SOURCES, SNAPSHOTS


@click.command()
@db_option
@click.option(
    "--snapshots",
    type=click.Path(file_okay=False, path_type=Path),
    default=SNAPSHOTS,
    show_default=True,
    help="Folder of site snapshots (one sub-folder per site).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress and no table; failures only.")
def demo(db_path: Path, snapshots: Path, quiet: bool) -> None:
    """Crawl the seed sites from their bundled snapshots into the database, offline.

    The same spider, middlewares and pipelines as `seminars crawl`, with every request answered
    from the snapshots (`seminars crawl --replay`); the database keeps the real URLs. Running it
    again changes nothing but `last_seen`.

    \b
    Example:
      seminars demo --db /tmp/demo.db && seminars export jsonl --db /tmp/demo.db
    """
    from crawler.run import CrawlOptions, run_crawl  # keeps Scrapy out of CLI start-up

    options = CrawlOptions(sources=DEFAULT_SOURCES, db=db_path, replay=snapshots, quiet=quiet)
    raise SystemExit(run_crawl(options))
