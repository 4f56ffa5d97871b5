"""Item pipelines: normalize -> validate -> store, each a thin wrapper around plain functions.

The spider's `parsers.Walk` hands over a listing's talks with its detail pages merged in,
not yet checked; these two stages run `parsers.normalize` on them, once (the same functions
`parse_site` and `parse_document` use off-line). The store pipeline only routes to
`crawler.db.refresh`, where the refresh semantics live (testable without Scrapy).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from crawler import summary
from crawler.db import refresh
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

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.store = spider.store
        self.tallies = refresh.start_sources(self.store, spider.known_sources, spider.sources)
        crawls = {source_id: tally.crawl_id for source_id, tally in self.tallies.items()}
        self.crawler.stats.set_value("seminars/crawls", crawls)

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
        return item

    def close_spider(self) -> None:
        refresh.finish_leftovers(self.store, self.tallies)
        crawls = {source_id: tally.crawl_id for source_id, tally in self.tallies.items()}
        rows = summary.summary_rows(self.store, crawls)
        log.info("crawl summary:\n%s", summary.render_table(rows))  # `scrapy crawl` shows it
        for line in summary.failure_lines(rows):
            log.warning(line)

    def _save(self, tally: refresh.Tally, item: PageItem) -> None:
        try:
            refresh.save_page(self.store, tally, item)
        except Exception as error:  # a store failure fails this source, not the whole crawl
            log.exception("could not save %s", item.url)
            tally.problems.append((item.url, f"could not save the page: {error}"))
            tally.page_items += 1

    def _finish(self, tally: refresh.Tally) -> None:
        done = tally.done
        assert done is not None  # tally.ready() checked it
        accept = done.source.id in self.accept_drop
        refresh.finish_source(self.store, tally, done, accept_drop=accept)
        self.crawler.signals.send_catch_log(
            source_finished, source=done.source, crawl=self.store.crawl(tally.crawl_id)
        )
