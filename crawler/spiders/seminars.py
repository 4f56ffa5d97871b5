"""The one spider: reads the sources list, fetches, hands pages to the parsers, follows what
they ask, and reports what went wrong per source. It extracts nothing itself.

Run it as `seminars crawl` (crawler/run.py) or `scrapy crawl seminars`; settings `SEMINARS_*`
(crawler/settings.py) say which sources file, database, source ids and replay folder to use.

How a source is crawled:
* The listing page (`url` in sources.toml) and every listing page a parser asks for (pagination)
  starts a *group*: the listing plus the detail pages its parser asks for. When the last page of
  a group has arrived, the group goes through the source's `parsers.Walk` (the same code the
  fixture tests and `seminars parse` use): detail talks are merged in and checked, and the
  group becomes one `PageItem`, which the store writes as one savepoint of its batch
  (`crawler/db/batch.py`).
* Which pages are fetched is the Walk's rule too: each URL once, only pages on the source's
  own site (`Source.owns`), at most SEMINARS_MAX_PAGES; redirects elsewhere are refused by
  `SameSiteMiddleware`.
* Every fetched page is decoded as a browser would: its HTTP Content-Type header goes to the
  parsers with the bytes (the charset it names comes before the page's `<meta>`).
* Every fetched page is hashed together with the parser code and the source's settings. When a
  listing and all its detail pages hash as when they were last stored, nothing is parsed: the
  item says "unchanged" and the store only counts those talks as seen. Hashing the parser code
  too means a parser fix re-parses every page on the next crawl, as it should.
* Per source, the spider counts requests in flight; when the last one is done it emits
  `SourceDone` with the problems (a listing or detail page that failed, a parser error) that
  make the store fail that source instead of marking its talks removed. A detail page that is
  gone (404/410) or forbidden by robots.txt is only a warning: the talk keeps what its listing
  says.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import AsyncIterator, Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy import exceptions
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import response_status_message

from crawler.db.lock import crawl_lock
from crawler.db.store import Store
from crawler.items import PageItem, SourceDone
from crawler.middlewares import SITE_META
from crawler.sources import Source, load_sources, select
from parsers import Follow, ParserError, ParseResult, Walk

if TYPE_CHECKING:
    from scrapy.http import Response
    from twisted.python.failure import Failure

PARSERS_DIR = Path(__file__).resolve().parents[2] / "parsers"
GONE = (404, 410)  # a detail page with this status is a warning, not a failure

# Replay reads local files: no reason to be slow or to cache.
REPLAY_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "HTTPCACHE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


@cache
def parser_fingerprint() -> str:
    """Hash of the parsers' source code: a parser change must invalidate page hashes."""
    digest = hashlib.sha256()
    for path in sorted(PARSERS_DIR.rglob("*.py")):
        digest.update(path.relative_to(PARSERS_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def page_hash(source: Source, role: str, body: bytes, content_type: str | None = None) -> str:
    """What decides whether a page must be parsed again (see module docstring); the
    Content-Type header too, since its charset decides how the body reads."""
    digest = hashlib.sha256(parser_fingerprint().encode())
    for part in (source.parser, source.timezone or "", source.name, role, content_type or ""):
        digest.update(b"\0" + part.encode())
    digest.update(b"\0" + body)
    return digest.hexdigest()


@dataclass
class Group:
    """A listing page and the detail pages it asked for, until all have arrived."""

    url: str
    ordinal: int
    body: bytes
    hash: str
    content_type: str | None = None  # the HTTP header (its charset decodes `body`)
    follows: list[Follow] = field(default_factory=list)
    result: ParseResult | None = None  # None while the listing looks unchanged (not parsed)
    waiting: set[str] = field(default_factory=set)
    details: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # url -> body, hash
    detail_types: dict[str, str | None] = field(default_factory=dict)  # url -> Content-Type
    failed: bool = False


@dataclass
class SourceState:
    """One source's bookkeeping during the crawl."""

    source: Source
    walk: Walk
    groups: dict[str, Group] = field(default_factory=dict)
    pending: int = 0
    pages: int = 0
    listings: int = 0
    page_items: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    done: bool = False


class SeminarsSpider(scrapy.Spider):
    name = "seminars"

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        super().update_settings(settings)
        if settings.get("SEMINARS_REPLAY"):
            settings.setdict(REPLAY_SETTINGS, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SeminarsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup(crawler.settings)
        return spider

    def setup(self, settings: Any) -> None:
        """Sources, lock and store: everything a crawl needs before its first request."""
        self.known_sources = load_sources(settings.get("SEMINARS_SOURCES"))
        self.sources = select(self.known_sources, settings.getlist("SEMINARS_ONLY"))
        self.max_pages = settings.getint("SEMINARS_MAX_PAGES", 200)
        db_path = Path(settings.get("SEMINARS_DB"))
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self._resources = ExitStack()  # released in closed(), in reverse order
        self._resources.enter_context(crawl_lock(db_path))
        self.store = self._resources.enter_context(Store(db_path))
        self.states = {
            source.id: SourceState(source, self._walk(source)) for source in self.sources
        }

    def _walk(self, source: Source) -> Walk:
        return Walk(
            source.parser,
            source.timezone,
            source.name,
            max_pages=self.max_pages,
            owns=source.owns,
        )

    def closed(self, reason: str) -> None:
        self._resources.close()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for state in self.states.values():
            request = self._request(state, state.source.url, "listing")
            if request is not None:
                yield request
            elif state.pending == 0 and not state.done:  # its URL cannot be requested
                yield self._finish(state)

    # ---- callbacks: each returns a list, so a parser exception is caught here, per source ----

    def on_listing(self, response: Response) -> list[Any]:
        return self._handle(response, self._listing)

    def on_detail(self, response: Response) -> list[Any]:
        return self._handle(response, self._detail)

    def on_error(self, failure: Failure) -> list[Any]:
        request = failure.request
        state = self.states[request.meta["source"]]
        return self._settle(state, lambda: self._failed(state, request, failure))

    def _handle(self, response: Response, step: Callable[..., list[Any]]) -> list[Any]:
        state = self.states[response.meta["source"]]
        state.pages += 1
        return self._settle(state, lambda: step(state, response))

    def _settle(self, state: SourceState, step: Callable[[], list[Any]]) -> list[Any]:
        """Run one step for a finished request; emit SourceDone after the source's last one."""
        try:
            output = step()
        except ParserError as error:
            output = self._problem(state, state.source.url, f"parser error: {error}")
        except Exception as error:  # any bug or surprise fails this source only
            self.logger.exception("%s: unexpected error", state.source.id)
            output = self._problem(state, state.source.url, f"{type(error).__name__}: {error}")
        state.pending -= 1
        if state.pending == 0 and not state.done:
            output.append(self._finish(state))
        return output

    @staticmethod
    def _finish(state: SourceState) -> SourceDone:
        state.done = True
        return SourceDone(
            source=state.source,
            pages=state.pages,
            page_items=state.page_items,
            problems=state.problems,
            warnings=state.warnings,
        )

    # ---- steps ----------------------------------------------------------------------------

    def _listing(self, state: SourceState, response: Response) -> list[Any]:
        url = response.meta["seminars_url"]
        if not state.source.owns(response.url):
            return self._problem(state, url, f"redirected off the site to {response.url}")
        body, content_type = response.body, _content_type(response)
        digest = page_hash(state.source, "listing", body, content_type)
        group = Group(url, response.meta["ordinal"], body, digest, content_type)
        stored = self.store.page_follows(url) if self.store.page_hash(url) == group.hash else None
        if stored is not None:
            group.follows = [Follow(follow_url, role) for follow_url, role in stored]
        else:
            group.result = self._parse(state, body, url, content_type)
            group.follows = group.result.follow
        state.groups[url] = group
        return self._follow(state, group)

    def _follow(self, state: SourceState, group: Group) -> list[Any]:
        output: list[Any] = []
        for follow in group.follows:
            role = "detail" if follow.role == "detail" else "listing"
            request = self._request(state, follow.url, role, group=group.url)
            if request is not None:
                output.append(request)
                if role == "detail":
                    group.waiting.add(follow.url)
        if not group.waiting:
            output.extend(self._complete(state, group))
        return output

    def _detail(self, state: SourceState, response: Response) -> list[Any]:
        url = response.meta["seminars_url"]
        group = state.groups[response.meta["group"]]
        group.waiting.discard(url)
        if state.source.owns(response.url):
            body, content_type = response.body, _content_type(response)
            group.details[url] = (body, page_hash(state.source, "detail", body, content_type))
            group.detail_types[url] = content_type
        else:
            group.failed = True
            state.problems.append((url, f"redirected off the site to {response.url}"))
        return self._complete(state, group) if not group.waiting else []

    def _failed(self, state: SourceState, request: scrapy.Request, failure: Failure) -> list[Any]:
        url = request.meta["seminars_url"]
        why = describe_failure(failure)
        if request.meta["role"] != "detail":
            return self._problem(state, url, why)
        group = state.groups[request.meta["group"]]
        group.waiting.discard(url)
        if _gone(failure):
            state.warnings.append(
                (url, f"detail page not fetched ({why}); kept the listing's data")
            )
        else:
            group.failed = True
            state.problems.append((url, why))
        return self._complete(state, group) if not group.waiting else []

    def _complete(self, state: SourceState, group: Group) -> list[Any]:
        """All pages of a group are in: one PageItem (unless a page of it failed)."""
        state.groups.pop(group.url, None)
        if group.failed:
            return []
        hashes = {group.url: group.hash} | {url: h for url, (_, h) in group.details.items()}
        follows = [[follow.url, follow.role] for follow in group.follows]
        if group.result is None and self._unchanged(group):
            self.crawler.stats.inc_value("seminars/listings_unchanged")
            item = PageItem(state.source, group.url, group.ordinal, hashes, follows)
        else:
            try:  # caught here: the caller may hold requests it already counted as pending
                item = self._parsed_item(state, group, hashes)
            except ParserError as error:
                return self._problem(state, group.url, f"parser error: {error}")
        state.page_items += 1
        return [item]

    def _unchanged(self, group: Group) -> bool:
        details = [follow.url for follow in group.follows if follow.role == "detail"]
        return all(
            url in group.details and self.store.page_hash(url) == group.details[url][1]
            for url in details
        )

    def _parsed_item(self, state: SourceState, group: Group, hashes: dict[str, str]) -> PageItem:
        listing = group.result or self._parse(state, group.body, group.url, group.content_type)
        bodies = {url: body for url, (body, _) in group.details.items()}
        self.crawler.stats.inc_value("seminars/pages_parsed", len(bodies))
        page = state.walk.assemble(group.url, listing, bodies, group.detail_types)
        follows = [[follow.url, follow.role] for follow in page.follow]
        return PageItem(
            state.source, group.url, group.ordinal, hashes, follows, page.talks, page.warnings
        )

    # ---- helpers --------------------------------------------------------------------------

    def _parse(
        self, state: SourceState, body: bytes, url: str, content_type: str | None
    ) -> ParseResult:
        self.crawler.stats.inc_value("seminars/pages_parsed")
        return state.walk.read(body, url, content_type=content_type)

    def _request(
        self, state: SourceState, url: str, role: str, *, group: str | None = None
    ) -> scrapy.Request | None:
        """A request for a page of this source, or None (seen, off-site, over the limit, or a
        URL no request can be made for: a problem for the source's own URL, else a warning)."""
        try:
            admitted, why = state.walk.admit(url)
            if admitted is None:
                if why:
                    state.warnings.append((url.split("#", 1)[0], why))
                return None
            meta = {"source": state.source.id, "role": role, "seminars_url": admitted}
            meta[SITE_META] = state.source.site
            if role == "listing":
                meta["ordinal"] = state.listings
            else:
                meta["group"] = group
            request = scrapy.Request(
                admitted,
                callback=self.on_listing if role == "listing" else self.on_detail,
                errback=self.on_error,
                meta=meta,
                dont_filter=True,  # deduplicated above; a filtered request would never settle
            )
        except ValueError as error:  # a port out of range, a broken IPv6 host (sources.py
            # rejects such a source URL; this keeps one that slips through to its own source)
            why = f"cannot request this URL: {error}"
            if url == state.source.url:
                state.problems.append((url, why))
            else:
                state.warnings.append((url, f"not followed: {why}"))
            return None
        if role == "listing":
            state.listings += 1
        state.pending += 1
        return request

    @staticmethod
    def _problem(state: SourceState, url: str, why: str) -> list[Any]:
        state.problems.append((url, why))
        return []


def _content_type(response: Response) -> str | None:
    """The response's Content-Type header as text (header bytes are Latin-1 by HTTP's rules)."""
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None


def _gone(failure: Failure) -> bool:
    """A detail page the site no longer has (404/410) or that robots.txt forbids: the site's
    choice, not a fault, so its talk keeps the listing's data and the source does not fail."""
    if failure.check(HttpError):
        return failure.value.response.status in GONE
    return bool(failure.check(exceptions.IgnoreRequest)) and "robots.txt" in str(failure.value)


def describe_failure(failure: Failure) -> str:
    """One line a researcher understands, for the summary and crawl_errors."""
    error = failure.value
    retries = failure.request.meta.get("retry_times", 0) if failure.request else 0
    suffix = f" (after {retries} {'retry' if retries == 1 else 'retries'})" if retries else ""
    if isinstance(error, HttpError):
        response = error.response
        note = response.meta.get("seminars_note", "")
        return f"{response_status_message(response.status)}{note}{suffix}"
    if isinstance(error, exceptions.DownloadTimeoutError):
        timeout = failure.request.meta.get("download_timeout") if failure.request else None
        return f"timed out after {timeout:g} s{suffix}" if timeout else f"timed out{suffix}"
    if isinstance(error, exceptions.DownloadCancelledError):  # Scrapy's DOWNLOAD_MAXSIZE check
        detail = re.sub(r" in request <[^>]*>\.?$", "", str(error))
        return f"response too large: {detail}" if detail else "response too large"
    messages: list[tuple[type[BaseException], str]] = [
        (exceptions.ResponseDataLossError, "truncated response (the body ended early)"),
        (exceptions.DownloadConnectionRefusedError, "connection refused"),
        (exceptions.CannotResolveHostError, "cannot resolve the host name"),
    ]
    for kind, message in messages:
        if isinstance(error, kind):
            return message + suffix
    if isinstance(error, exceptions.IgnoreRequest):
        return str(error) or "request ignored"
    return f"{type(error).__name__}: {error}{suffix}"
