"""The HTTP cache of `seminars crawl --http-cache`: every page is asked for again, conditionally.

Why not Scrapy's RFC 2616 policy as it is: it treats a page with a `Last-Modified` date and no
`Cache-Control` as fresh for a tenth of its age (Firefox's heuristic), so a page unchanged for
100 days was not asked for again for 10 days and every edit in that time was missed; and it
answers a 5xx or a dropped connection with the stored copy, so a broken site looked healthy. A
nightly crawl wants the opposite: each crawl sends every page's validators (`If-None-Match`,
`If-Modified-Since`), and only a 304 means "use the stored copy". What is stored is what can
be revalidated: a response with an `ETag` or a `Last-Modified` date.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Response

# (header of the stored response, header of the conditional request that sends it back)
VALIDATORS = ((b"ETag", b"If-None-Match"), (b"Last-Modified", b"If-Modified-Since"))


class RevalidatePolicy(RFC2616Policy):
    """Store what has a validator; never trust a stored copy without the site's 304."""

    def should_cache_response(self, response: Response, request: Request) -> bool:
        has_validator = any(header in response.headers for header, _ in VALIDATORS)
        return has_validator and super().should_cache_response(response, request)

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        for header, condition in VALIDATORS:
            if header in cachedresponse.headers:
                request.headers[condition] = cachedresponse.headers[header]
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304


class RevalidatingCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's cache middleware without its error recovery: a page that cannot be fetched
    fails (and is retried) instead of being answered from the cache (see module doc)."""

    DOWNLOAD_EXCEPTIONS = ()
