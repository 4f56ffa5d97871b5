"""Item pipelines: normalize -> validate -> store, each a thin wrapper around plain functions.

The spider's `parsers.Walk` hands over a listing's talks with its detail pages merged in,
not yet checked; these two stages run `parsers.normalize` on them, once (the same functions
`parse_site` and `parse_document` use off-line). The store pipeline only routes to
`crawler.db.refresh`, where the refresh semantics live (testable without Scrapy), through one
`crawler.db.batch.WriteBatch`: pages are committed many at a time (every SEMINARS_COMMIT_PAGES
pages or SEMINARS_COMMIT_SECONDS seconds, and when the crawl closes), each page in its own
savepoint.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from twisted.internet import task

from crawler import summary
from crawler.db import refresh
from crawler.db.batch import BatchLost, WriteBatch
from crawler.items import PageItem, SourceDone
from parsers import Context
from parsers.normalize import normalize, validated

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)

# Sent (source=Source, crawl=dict) when a source's crawls row is closed; progress listens.
source_finished = object()


def page_context(item: PageItem) -> Context:
    return Context(url=item.url, timezone=item.source.timezone, series=item.source.name)


class NormalizePipeline:
    """Clean every field of every talk of a page (idempotent on parser output)."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem) and item.talks is not None:
            context = page_context(item)
            item.talks = [normalize(talk, context) for talk in item.talks]
        return item


class ValidatePipeline:
    """Drop talks unfit to store; each drop becomes a warning in crawl_errors."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem) and item.talks is not None:
            item.talks, warnings = validated(item.talks, item.url)
            item.warnings.extend(warnings)
        return item


class StorePipeline:
    """Write pages and close sources through `crawler.db.refresh`, on the spider's store."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.tallies: dict[str, refresh.Tally] = {}
        self.accept_drop = set(crawler.settings.getlist("SEMINARS_ACCEPT_DROP"))
        self.unsaved: list[tuple[refresh.Tally, str]] = []  # pages of the uncommitted batch

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.store = spider.store
        self.tallies = refresh.start_sources(self.store, spider.known_sources, spider.sources)
        crawls = {source_id: tally.crawl_id for source_id, tally in self.tallies.items()}
        self.crawler.stats.set_value("seminars/crawls", crawls)
        settings = self.crawler.settings
        seconds = settings.getfloat("SEMINARS_COMMIT_SECONDS")
        self.batch = WriteBatch(
            self.store, pages=settings.getint("SEMINARS_COMMIT_PAGES"), seconds=seconds
        )
        # Commits a batch that is due while no item arrives (a slow, polite crawl).
        self.timer = task.LoopingCall(self._commit_if_due)
        self.timer.start(max(seconds, 1.0), now=False)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem):
            tally = self.tallies[item.source.id]
            self._save(tally, item)
        elif isinstance(item, SourceDone):
            tally = self.tallies[item.source.id]
            tally.done = item
        else:
            return item
        if tally.ready() and not tally.finished:
            self._finish(tally)
        self._commit_if_due()
        return item

    def close_spider(self) -> None:
        if self.timer.running:
            self.timer.stop()
        refresh.finish_leftovers(self.store, self.tallies, self.batch)
        self._commit()
        crawls = {source_id: tally.crawl_id for source_id, tally in self.tallies.items()}
        rows = summary.summary_rows(self.store, crawls)
        log.info("crawl summary:\n%s", summary.render_table(rows))  # `scrapy crawl` shows it
        for line in summary.failure_lines(rows):
            log.warning(line)

    def _save(self, tally: refresh.Tally, item: PageItem) -> None:
        try:
            with self.batch.page():  # a savepoint: an error rolls back this page only
                refresh.save_page(self.store, tally, item)
        except BatchLost as error:  # ... unless SQLite rolled back the whole batch
            self._lost([*self.unsaved, (tally, item.url)], error)
            tally.page_items += 1
        except Exception as error:  # a store failure fails this source, not the whole crawl
            log.exception("could not save %s", item.url)
            tally.problems.append((item.url, f"could not save the page: {error}"))
            tally.page_items += 1
        else:
            self.unsaved.append((tally, item.url))

    def _commit_if_due(self) -> None:
        if self.batch.due():
            self._commit()

    def _commit(self) -> None:
        try:
            self.batch.commit()
        except BatchLost as error:
            self._lost(self.unsaved, error)
        self.unsaved = []

    def _lost(self, pages: list[tuple[refresh.Tally, str]], error: Exception) -> None:
        """Every page of a batch SQLite rolled back fails its source (nothing is marked
        removed); the next crawl writes them again."""
        log.error("could not save %d pages: %s", len(pages), error)
        for tally, url in pages:
            tally.problems.append((url, f"could not save the page: {error}"))
        self.unsaved = []

    def _finish(self, tally: refresh.Tally) -> None:
        done = tally.done
        assert done is not None  # tally.ready() checked it
        accept = done.source.id in self.accept_drop
        # The outcome is written in the batch with the source's last pages, not committed on
        # its own: a COMMIT and a linking run per finished source cost the crawl 0.6 s of CPU
        # (2.6 s instead of 2.0 s in the store at 4,008 pages of 268 one-listing sources).
        self.batch.begin()
        refresh.finish_source(self.store, tally, done, accept_drop=accept, batch=self.batch)
        self.crawler.signals.send_catch_log(
            source_finished, source=done.source, crawl=self.store.crawl(tally.crawl_id)
        )
