"""Listing -> detail pages -> assembled talks: how one source's pages become its talks.

Pure (no fetching, no Scrapy): the caller fetches. Both the spider (`crawler/spiders`) and
`parse_site` (the fixture tests, `seminars parse`) drive a `Walk`, so the fixture tests
exercise the crawl's own follow and merge rules:
* `admit` decides whether a page is fetched at all: fragments are dropped, each URL once,
  only pages the source owns (the spider passes `Source.owns`), at most `max_pages`;
* `read` parses a listing page (talks are not checked yet);
* `assemble` parses the detail pages a listing asked for with the parser that read the
  listing and merges each into its listing talk (matched by URL). The merged talks are then
  normalized and validated once: by `parse_site` here, by the pipelines in a crawl.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from parsers.base import Context, ParserError, ParseResult
from parsers.chain import parse_document
from parsers.normalize import checked
from parsers.talk import Talk, merge


def assemble(listing: list[Talk], details: list[Talk]) -> list[Talk]:
    """Complete listing talks with the talks parsed from their own pages (matched by URL)."""
    by_url = {talk.url: talk for talk in details if talk.url}
    return [merge(talk, by_url[talk.url]) if talk.url in by_url else talk for talk in listing]


@dataclass
class Walk:
    """One source's pages: which to fetch, and how their talks are put together."""

    parser: str = "auto"
    timezone: str | None = None
    series: str | None = None
    now: datetime | None = None
    max_pages: int = 200
    owns: Callable[[str], bool] = lambda url: True
    requested: set[str] = field(default_factory=set)

    def admit(self, url: str) -> tuple[str | None, str | None]:
        """(URL to fetch, None), or (None, why not); why is None for a page already asked for."""
        url = url.split("#", 1)[0]
        if url in self.requested:
            return None, None
        if not self.owns(url):
            return None, "not followed: not on the source's site"
        if len(self.requested) >= self.max_pages:
            return None, f"not followed: page limit ({self.max_pages}) reached"
        self.requested.add(url)
        return url, None

    def read(
        self,
        content: str | bytes,
        url: str,
        *,
        parser: str | None = None,
        detail: bool = False,
        content_type: str | None = None,
    ) -> ParseResult:
        """One page parsed with the source's settings; its talks are checked in `assemble`.
        `content_type` is the HTTP header the page came with (its charset decodes the bytes)."""
        return parse_document(
            content,
            url,
            parser or self.parser,
            timezone=self.timezone,
            series=self.series,
            now=self.now,
            detail=detail,
            check=False,
            content_type=content_type,
        )

    def assemble(
        self,
        url: str,
        listing: ParseResult,
        details: Mapping[str, bytes | str],
        content_types: Mapping[str, str | None] | None = None,
    ) -> ParseResult:
        """The talks of listing page `url` completed from its detail pages (not yet checked);
        `content_types` holds the HTTP Content-Type header of each detail page, by URL."""
        parser = listing.parser if self.parser == "auto" else self.parser
        warnings = list(listing.warnings)
        found: list[Talk] = []
        for url, content in details.items():
            content_type = (content_types or {}).get(url)
            page = self.read(content, url, parser=parser, detail=True, content_type=content_type)
            found.extend(page.talks)
            warnings.extend(page.warnings)
        return ParseResult(
            talks=assemble(listing.talks, found),
            follow=listing.follow,
            warnings=warnings,
            parser=listing.parser,
            confidence=listing.confidence,
        )


def parse_site(
    fetch: Callable[[str], bytes | None],
    url: str,
    parser: str = "auto",
    *,
    timezone: str | None = None,
    series: str | None = None,
    max_pages: int = 200,
) -> ParseResult:
    """Parse a listing and every page it asks for, with `fetch` supplying the bytes.

    The offline twin of the spider (the same `Walk`, no Scrapy) for tests and `seminars
    parse`: `fetch` returns None for a page it cannot supply, which becomes a warning.
    """
    walk = Walk(parser, timezone, series, max_pages=max_pages)
    out = ParseResult(parser=parser)
    queue = [walk.admit(url)[0] or url]
    while queue:
        page_url = queue.pop(0)
        content = fetch(page_url)
        if content is None:
            if page_url == url:
                raise ParserError(f"{url}: page not available")
            out.warnings.append(f"{page_url}: not available")
            continue
        listing = walk.read(content, page_url)
        details: dict[str, bytes | str] = {}
        for follow in listing.follow:
            target, why = walk.admit(follow.url)
            if target is None:
                if why:
                    out.warnings.append(f"{follow.url}: {why}")
            elif follow.role == "listing":
                queue.append(target)
            elif (body := fetch(target)) is None:
                out.warnings.append(f"{target}: not available")
            else:
                details[target] = body
        page = walk.assemble(page_url, listing, details)
        talks, dropped = checked(page.talks, Context(page_url, timezone, series))
        out.talks.extend(talks)
        out.warnings.extend(dropped)
        out.follow.extend(page.follow)
        out.warnings.extend(page.warnings)
        if page_url == url:  # the seed page says which parser read the site
            out.parser, out.confidence = page.parser, page.confidence
    return out
