"""What a crawl hands the store: one record per listing page, one per finished source.

Why a page, not a talk, is the unit: the store writes a listing page's talks (after its detail
pages are merged in) all or nothing (a savepoint of the crawl's batch, crawler/db/batch.py),
together with the hashes of the pages they came from, so a crawl killed half-way never leaves
a page half-saved or a hash for talks never written.
Plain dataclasses, no Scrapy: the spider yields them as its items (`crawler.items`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.sources import Source
from parsers import Talk


@dataclass
class PageItem:
    """A listing page of one source, with its detail pages already merged into its talks.

    `talks` is None when the listing and all its detail pages were unchanged since they were
    last stored: nothing was parsed, and the store just counts that page's talks as seen.
    """

    source: Source
    url: str
    ordinal: int  # listing pages of a source in discovery order; orders talks across pages
    hashes: dict[str, str]  # url -> content hash, for the listing and each detail page
    follows: list[list[str]] = field(default_factory=list)  # [[url, role], ...] of the listing
    talks: list[Talk] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return self.talks is None


@dataclass
class SourceDone:
    """A source whose requests have all finished; the store decides ok / failed / suspect.

    `page_items` lets the store wait for page items still in flight before it finishes the
    source, whatever order Scrapy hands items over in.
    """

    source: Source
    pages: int  # responses received (listing and detail pages)
    page_items: int  # PageItems the spider emitted for this source
    problems: list[tuple[str, str]] = field(default_factory=list)  # (url, why) that fail it
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (url, what) worth a look
