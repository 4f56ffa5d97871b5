"""The floor for the crawl benchmark: a Scrapy spider that fetches a list of URLs and does
nothing with the responses.

    python -m bench.bare_spider URLS_FILE [-s NAME=VALUE ...]

It runs with the download settings of `crawler/settings.py` (user agent, robots.txt,
concurrency, timeouts, size limits, retries; `BARE_SETTINGS`), the project's `CONCURRENT_ITEMS`
(tasks Scrapy starts per response, whatever the spider does) and the same `-s` overrides the
benchmark gives `seminars crawl`, but none of the project's middlewares, pipelines or
extensions. It is handed every URL up front, so it never waits for a parse to discover one.
Prints the number of responses received as JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crawler import settings as project

# The project's settings that decide how pages are fetched; everything else stays default.
BARE_SETTINGS = (
    "USER_AGENT",
    "ROBOTSTXT_OBEY",
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "CONCURRENT_ITEMS",  # not a download setting, but Scrapy pays it per response
    "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED",
    "AUTOTHROTTLE_START_DELAY",
    "AUTOTHROTTLE_MAX_DELAY",
    "AUTOTHROTTLE_TARGET_CONCURRENCY",
    "COOKIES_ENABLED",
    "TELNETCONSOLE_ENABLED",
    "DOWNLOAD_TIMEOUT",
    "DOWNLOAD_MAXSIZE",
    "DOWNLOAD_WARNSIZE",
    "DOWNLOAD_FAIL_ON_DATALOSS",
    "REDIRECT_MAX_TIMES",
    "RETRY_ENABLED",
    "RETRY_TIMES",
    "RETRY_HTTP_CODES",
)


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("urls", type=Path, help="file with one URL per line")
    options.add_argument("-s", dest="overrides", action="append", default=[], metavar="N=V")
    args = options.parse_args(argv)

    import scrapy
    from scrapy.crawler import CrawlerProcess

    class BareSpider(scrapy.Spider):
        name = "bare"
        received = 0

        async def start(self):  # type: ignore[override]
            for url in args.urls.read_text("utf-8").split():
                yield scrapy.Request(url, callback=self.parse, dont_filter=True)

        def parse(self, response):  # type: ignore[override]
            BareSpider.received += 1
            return []

    settings = {name: getattr(project, name) for name in BARE_SETTINGS}
    settings["LOG_LEVEL"] = "ERROR"
    for pair in args.overrides:
        name, _, value = pair.partition("=")
        settings[name] = value
    process = CrawlerProcess(settings)
    process.crawl(BareSpider)
    process.start()
    json.dump({"responses": BareSpider.received}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
