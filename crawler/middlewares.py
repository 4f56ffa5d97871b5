"""Downloader middlewares: offline replay, staying on a source's site, and Retry-After.

* `ReplayMiddleware` (on when `SEMINARS_REPLAY` names a snapshot folder) answers every request
  from the snapshot instead of the network, with the request's real URL, so the real spider,
  the other middlewares and the pipelines run exactly as online; a URL the snapshot does not
  hold gets a 404 (robots.txt included, which a robots parser reads as "allow all").
* `SameSiteMiddleware` refuses a request that left its source's site, which is how a redirect
  to another host shows up; refusing it before it is fetched keeps the crawl polite and makes
  the redirect a reported failure instead of foreign content parsed as talks.
* `RetryAfterMiddleware` is Scrapy's retry middleware that also waits what a 429/503 response's
  `Retry-After` asks (capped by `RETRY_AFTER_MAX`; a longer wait fails the page instead of
  stalling the crawl).
"""

from __future__ import annotations

import email.utils
import logging
import mimetypes
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.responsetypes import responsetypes

from crawler.snapshots import load_snapshots, snapshot_for
from crawler.sources import site_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

log = logging.getLogger(__name__)

SITE_META = "seminars_site"  # request.meta key: the site (host[:port]) the request must stay on


class OffSiteRedirect(IgnoreRequest):
    """A request (normally a redirect) that left its source's site."""


class ReplayMiddleware:
    """Serve responses from a snapshot folder laid out like tests/fixtures/sites/."""

    def __init__(self, root: Path) -> None:
        self.snapshots = load_snapshots(root)
        if not self.snapshots:
            raise ValueError(f"{root}: no site folders with a site.json")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        root = crawler.settings.get("SEMINARS_REPLAY")
        if not root:
            raise NotConfigured
        return cls(Path(root))

    def process_request(self, request: Request) -> Response:
        path = self.path_for(request.url)
        if path is None:
            return Response(request.url, status=404, body=b"not in snapshot", request=request)
        # No charset: the real site's header is not in the snapshot, so the page's own <meta>
        # (or the bytes) say how it is encoded.
        headers = {"Content-Type": mimetypes.guess_type(path.name)[0] or "text/html"}
        body = path.read_bytes()
        cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return cls(request.url, status=200, headers=headers, body=body, request=request)

    def path_for(self, url: str) -> Path | None:
        """The snapshot file for `url` (the mapping rules live in `crawler.snapshots`)."""
        snapshot = snapshot_for(self.snapshots, url)
        return snapshot.path_for(url) if snapshot else None


class SameSiteMiddleware:
    """Refuse requests whose URL is off the site recorded in their meta (see module doc)."""

    def process_request(self, request: Request) -> None:
        site = request.meta.get(SITE_META)
        if site and site_of(request.url) != site:
            raise OffSiteRedirect(f"redirected off the site to {request.url}")


class RetryAfterMiddleware(RetryMiddleware):
    """RetryMiddleware that honours Retry-After on retryable responses."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("RETRY_AFTER_MAX", 120.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = retry_after(response.headers.get(b"Retry-After"))
        reason = f"HTTP {response.status}"
        if wait is not None and wait > self.max_wait:
            request.meta["seminars_note"] = (
                f"; Retry-After {wait:.0f} s is over RETRY_AFTER_MAX ({self.max_wait:.0f} s)"
            )
            return response
        retries = request.meta.get("retry_times", 0)
        limit = request.meta.get("max_retry_times", self.max_retry_times)
        if wait and retries < limit:
            await sleep(wait)
        return self._retry(request, reason) or response


def retry_after(value: bytes | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date); None if absent
    or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


async def sleep(seconds: float) -> None:
    """Wait on the running reactor without blocking it (imported here: see crawler/cli.py)."""
    from scrapy.utils.defer import maybe_deferred_to_future
    from twisted.internet import reactor
    from twisted.internet.task import deferLater

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))
