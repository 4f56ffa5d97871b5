"""Scrapy settings for the seminars crawl: polite by default, as a site owner would expect.

Used by `scrapy crawl seminars` (via scrapy.cfg) and by `seminars crawl` (crawler/run.py), which
overrides the `SEMINARS_*` values from its options. Any setting can be overridden per run with
`-s NAME=VALUE` (both commands), e.g. `-s AUTOTHROTTLE_ENABLED=False` against a local server.

Why these values: seminar pages are small, change rarely and sit on university and personal
sites that did not ask to be crawled, so the crawl identifies itself, obeys robots.txt, asks
little (AutoThrottle, two connections per site at most) and gives up on anything pathological
(slow, huge, broken) instead of retrying it for long.
"""

from crawler.paths import DEFAULT_DB, DEFAULT_SOURCES

BOT_NAME = "seminars"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# ---- the crawl's own settings (see crawler/spiders/seminars.py) ------------------------------
SEMINARS_SOURCES = str(DEFAULT_SOURCES)  # the sources list
SEMINARS_DB = str(DEFAULT_DB)  # the SQLite database (locked while a crawl runs)
SEMINARS_ONLY: list[str] = []  # source ids to crawl; empty = every enabled source
SEMINARS_REPLAY = None  # a snapshot folder to answer every request from (offline replay)
SEMINARS_MAX_PAGES = 200  # pages fetched per source at most (runaway pagination)
SEMINARS_PROGRESS = False  # live progress lines on stderr (`seminars crawl` on a terminal)
SEMINARS_ACCEPT_DROP: list[str] = []  # source ids whose talk-count fall is real (not suspect)
# Pages written per transaction at most, and seconds one stays open at most: what a killed
# crawl can lose (the next crawl writes it again); see crawler/db/batch.py for the figures.
SEMINARS_COMMIT_PAGES = 500
SEMINARS_COMMIT_SECONDS = 5.0

# ---- politeness --------------------------------------------------------------------------------
USER_AGENT = "seminars-aggregator/0.1 (+https://github.com/seminars-aggregator/seminars)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16  # across sites
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0  # the floor AutoThrottle never goes below
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False  # seminar pages need no session
TELNETCONSOLE_ENABLED = False  # no control ports open on a machine running nightly jobs
REMOTE_CONTROL_ENABLED = False
# Scrapy starts this many asyncio tasks for EVERY response, whatever its callback returns (a
# listing yields ~20 requests, a detail page nothing; the pipelines are synchronous). Scrapy's
# 100 was the largest single cost of a crawl on 127.0.0.1: a bare spider fetching 4,008 pages
# used 10.9 s of CPU with 100, 6.4 s with 16, no less with 4 or 1 (bench/RESULTS.md, crawl).
# bench/bare_spider.py uses it too, so the crawl benchmark's floor stays a fair one.
CONCURRENT_ITEMS = 16

# ---- robustness --------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # a seminar page is a few hundred KB at most
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True  # a truncated page fails its source, it is never parsed
REDIRECT_MAX_TIMES = 5
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_AFTER_MAX = 120  # seconds; a longer Retry-After fails the page instead of stalling
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"  # the failure is reported per source anyway

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SameSiteMiddleware": 50,  # before robots.txt is fetched for a new host
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "crawler.cache.RevalidatingCacheMiddleware": 900,  # on with HTTPCACHE_ENABLED only
    "crawler.middlewares.ReplayMiddleware": 950,  # last: every other middleware still runs
}

ITEM_PIPELINES = {
    "crawler.pipelines.NormalizePipeline": 100,
    "crawler.pipelines.ValidatePipeline": 200,
    "crawler.pipelines.StorePipeline": 300,
}

EXTENSIONS = {
    "crawler.progress.Progress": 500,
}

# ---- HTTP cache (`seminars crawl --http-cache`) --------------------------------------------------
# Every crawl asks for every page again with its validators (If-None-Match / If-Modified-Since);
# a 304 costs the site nothing and only a 304 uses the stored copy (crawler/cache.py says why
# Scrapy's RFC 2616 policy alone missed edits).
HTTPCACHE_ENABLED = False
HTTPCACHE_POLICY = "crawler.cache.RevalidatePolicy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_IGNORE_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]

LOG_LEVEL = "INFO"
