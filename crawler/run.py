"""Run one crawl in this process (`seminars crawl`, `seminars demo`) and report it.

Scrapy runs on a Twisted reactor that cannot be restarted, so a process runs at most one crawl;
tests run the command in a subprocess. Scrapy and Twisted are imported inside `run_crawl`, after
the sources file has been checked and the lock taken, and `CrawlerProcess` installs the asyncio
reactor before anything imports `twisted.internet.reactor`.
"""

from __future__ import annotations

import gc
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from crawler.db.lock import CrawlLocked, crawl_lock
from crawler.db.store import Store
from crawler.sources import SourcesError, load_sources, select
from crawler.summary import (
    EXIT_LOCKED,
    EXIT_SOURCE_FAILED,
    EXIT_USAGE,
    exit_code,
    failure_lines,
    render_table,
    summary_rows,
)

GC_THRESHOLD_FACTOR = 10  # young-generation collections a tenth as often as Python's default
ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"


@dataclass
class CrawlOptions:
    """What `seminars crawl` was asked to do."""

    sources: Path
    db: Path
    only: tuple[str, ...] = ()
    accept_drop: tuple[str, ...] = ()
    replay: Path | None = None
    http_cache: bool = False
    quiet: bool = False
    verbose: int = 0
    overrides: dict[str, str] = field(default_factory=dict)


def run_crawl(options: CrawlOptions) -> int:
    """Check the sources, take the lock, crawl, print the summary; returns the exit code."""
    try:
        select(load_sources(options.sources), options.only)
    except SourcesError as error:
        click.echo(f"error: {error}", err=True)
        return EXIT_USAGE
    if options.replay is not None and not options.replay.is_dir():
        click.echo(f"error: {options.replay}: no such snapshot folder", err=True)
        return EXIT_USAGE
    if options.replay is not None and options.http_cache:
        click.echo("error: --http-cache and --replay do not go together", err=True)
        return EXIT_USAGE
    options.db.parent.mkdir(parents=True, exist_ok=True)
    try:
        with crawl_lock(options.db):
            crawls = _crawl(options)
    except CrawlLocked as error:
        click.echo(f"error: {error}", err=True)
        return EXIT_LOCKED
    return _report(options, crawls)


def _crawl(options: CrawlOptions) -> dict[str, int]:
    """One Scrapy crawl; returns {source id: crawl id} as recorded by the store pipeline."""
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(_settings(options))
    from crawler.spiders.seminars import SeminarsSpider

    crawler = process.create_crawler(SeminarsSpider)
    if not options.verbose:
        logging.getLogger(ROBOTS_LOGGER).addFilter(_robots_download_errors)
    process.crawl(crawler)
    _tune_gc()
    process.start()
    return dict(crawler.stats.get_value("seminars/crawls") or {})


def _robots_download_errors(record: logging.LogRecord) -> bool:
    """Drop Scrapy's "Error downloading" record (with its 70-line traceback) for a robots.txt
    that could not be fetched: a DNS failure, a refused connection, a timeout.

    Why: Scrapy then crawls the site as if it had no robots.txt, so the page request meets the
    same fault and its source fails with one line in the summary, or the site answers and the
    source is fine. Either way the traceback says nothing more, and cron would mail it. `-v`
    keeps it.
    """
    return not str(record.msg).startswith("Error downloading")


def _tune_gc() -> None:
    """Collect less often, and never re-scan what start-up created.

    Why: every page leaves thousands of short-lived objects (lxml proxies, talk records), and
    Python's default threshold ran ~1,300 collections per 1,000 pages, each full one walking
    every object Scrapy, Twisted and the parsers keep for the whole process: 9% of a crawl.
    Tuned, 1,008 pages took 7.8 s instead of 8.2 s (bench/RESULTS.md).
    """
    gc.collect()
    gc.freeze()  # objects alive now live until exit; full collections skip them
    threshold, *older = gc.get_threshold()
    gc.set_threshold(threshold * GC_THRESHOLD_FACTOR, *older)


def _settings(options: CrawlOptions):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    values = {
        "SEMINARS_SOURCES": str(options.sources),
        "SEMINARS_DB": str(options.db),
        "SEMINARS_ONLY": list(options.only),
        "SEMINARS_ACCEPT_DROP": list(options.accept_drop),
        "SEMINARS_PROGRESS": sys.stderr.isatty() and not options.quiet and not options.verbose,
        "LOG_LEVEL": ("ERROR", "INFO", "DEBUG")[min(options.verbose, 2)],
    }
    if options.replay is not None:
        values["SEMINARS_REPLAY"] = str(options.replay)
    if options.http_cache:
        values["HTTPCACHE_ENABLED"] = True
        values["HTTPCACHE_DIR"] = str(options.db.resolve().parent / "httpcache")
    settings.setdict(values, priority="cmdline")
    settings.setdict(options.overrides, priority="cmdline")
    return settings


def _report(options: CrawlOptions, crawls: dict[str, int]) -> int:
    if not crawls:
        click.echo("error: the crawl did not start; run again with --verbose to see why", err=True)
        return EXIT_SOURCE_FAILED
    with Store(options.db) as store:
        rows = summary_rows(store, crawls)
    if not options.quiet:
        click.echo(render_table(rows))
    for line in failure_lines(rows):
        click.echo(line, err=True)
    return exit_code(rows)
