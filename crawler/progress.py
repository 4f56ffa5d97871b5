"""Live progress on a terminal: what each source is doing, and a line for each finished one.

A Scrapy extension, on only when `SEMINARS_PROGRESS` is set (`seminars crawl` sets it when
stderr is a terminal and neither --quiet nor --verbose is given), so cron mail and CI logs
never fill with carriage returns.
"""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.pipelines import source_finished

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

CLEAR = "\r\033[K"


class Progress:
    """One status line rewritten in place, plus a permanent line per finished source."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.pages: Counter[str] = Counter()
        self.finished: set[str] = set()
        self.total = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("SEMINARS_PROGRESS"):
            raise NotConfigured
        extension = cls(sys.stderr)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.fetched, signal=signals.response_received)
        crawler.signals.connect(extension.source_done, signal=source_finished)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider: Any) -> None:
        self.total = len(getattr(spider, "sources", ()))
        self._draw()

    def fetched(self, response: Any, request: Any, spider: Any) -> None:
        source_id = request.meta.get("source")
        if source_id:  # robots.txt requests carry no source
            self.pages[source_id] += 1
            self._draw()

    def source_done(self, source: Any, crawl: dict[str, Any] | None) -> None:
        self.finished.add(source.id)
        crawl = crawl or {}
        status = crawl.get("status", "?")
        mark = "✓" if status == "ok" else "✗"
        pages = crawl.get("pages") or 0
        line = (
            f"{mark} {source.id}: {status}, {pages} page{'' if pages == 1 else 's'}, "
            f"{crawl.get('talks_seen') or 0} talks ({crawl.get('talks_new') or 0} new, "
            f"{crawl.get('talks_updated') or 0} updated, {crawl.get('talks_removed') or 0} removed)"
        )
        if status != "ok" and crawl.get("error_text"):
            line += f": {crawl['error_text']}"
        self.stream.write(f"{CLEAR}{line}\n")
        self._draw()

    def closed(self, spider: Any) -> None:
        self.stream.write(CLEAR)
        self.stream.flush()

    def _draw(self) -> None:
        active = [f"{sid} {n}p" for sid, n in self.pages.items() if sid not in self.finished]
        idle = "done" if self.total and len(self.finished) >= self.total else "starting"
        line = f"[{len(self.finished)}/{self.total} sources] " + (" · ".join(active) or idle)
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write(CLEAR + line[:width])
        self.stream.flush()
