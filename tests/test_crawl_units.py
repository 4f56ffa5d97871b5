"""The crawl's plain parts, without a crawl: Retry-After, the lock, the refresh verdicts, the
replay middleware, and the import hygiene the reactor needs."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from crawl_support import ROOT, SITES

from crawler.db import refresh
from crawler.db.lock import CrawlLocked, crawl_lock, lock_path
from crawler.db.store import Store
from crawler.items import SourceDone
from crawler.middlewares import ReplayMiddleware, SameSiteMiddleware, retry_after
from crawler.sources import Source

NOW = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
SOURCE = Source("demo", "Demo", "https://example.org/talks")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (b"1", 1.0),
        (b"120", 120.0),
        (b" 30 ", 30.0),
        (b"Wed, 01 Jan 2025 12:00:30 GMT", 30.0),
        (b"Wed, 01 Jan 2025 11:00:00 GMT", 0.0),  # a date in the past: retry now
        (None, None),
        (b"", None),
        (b"soon", None),
        (b"-5", None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(header: bytes | None, seconds: float) -> None:
    assert retry_after(header, now=NOW) == seconds


def test_the_lock_is_exclusive_across_processes_and_reentrant_within_one(tmp_path: Path) -> None:
    db = tmp_path / "seminars.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        busy = f"another crawl is already running on {db}.*pid"
        with pytest.raises(CrawlLocked, match=busy), crawl_lock(db):
            pass
    finally:
        holder.kill()
        holder.wait()
    with crawl_lock(db), crawl_lock(db):  # the holder died: free again; nested: no-op
        assert lock_path(db).exists()


_HOLD_LOCK = """
import sys, time
sys.path.insert(0, ".")
from crawler.db.lock import crawl_lock
with crawl_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(60)
"""


def _done(problems: list[tuple[str, str]] = ()) -> SourceDone:
    return SourceDone(source=SOURCE, pages=1, page_items=1, problems=list(problems))


@pytest.mark.parametrize(
    ("last_good", "count", "problems", "verdict"),
    [
        (None, 5, [], ("ok", None)),
        (10, 5, [], ("ok", None)),  # exactly half: not suspect
        (10, 4, [], ("suspect", "talk count fell from 10 to 4")),
        (10, 0, [], ("failed", "no talks found (the last good crawl had 10)")),
        (None, 0, [], ("failed", "no talks found")),
        (10, 10, [("https://example.org/talks", "HTTP 500")], ("failed", "HTTP 500 (https://")),
    ],
)
def test_judge(
    last_good: int | None, count: int, problems: list, verdict: tuple[str, str | None]
) -> None:
    with Store(":memory:") as store:
        if last_good is not None:
            crawl = store.start_crawl(SOURCE.id)
            store.finish_crawl(crawl, status="ok", talks_seen=last_good)
        status, why = refresh.judge(store, SOURCE.id, _done(problems), count)
    assert status == verdict[0]
    assert (why is None) if verdict[1] is None else why.startswith(verdict[1])


def test_replay_serves_real_urls_and_404s_the_rest() -> None:
    from scrapy import Request

    replay = ReplayMiddleware(SITES)
    url = "https://weihuang05.github.io/talks/2021-06-01-talk-2"
    response = replay.process_request(Request(url))
    assert (response.status, response.url) == (200, url)
    assert b"neural tangent kernel" in response.body
    assert "text/html" in response.headers[b"Content-Type"].decode()
    for missing in (
        "https://mpml.tecnico.ulisboa.pt/seminars?id=6506",
        "https://weihuang05.github.io/robots.txt",
        "https://weihuang05.github.io/site.json",
        "https://unknown.example/",
    ):
        assert replay.process_request(Request(missing)).status == 404


def test_same_site_refuses_a_request_that_left_its_site() -> None:
    from scrapy import Request

    from crawler.middlewares import SITE_META, OffSiteRedirect

    middleware = SameSiteMiddleware()
    meta = {SITE_META: "gapindnns.github.io"}
    assert middleware.process_request(Request("https://gapindnns.github.io/x", meta=meta)) is None
    with pytest.raises(OffSiteRedirect, match="redirected off the site to https://evil"):
        middleware.process_request(Request("https://evil.example/", meta=meta))


def test_the_cli_keeps_twisted_out_until_the_crawl_starts() -> None:
    """Importing the CLI and the crawl command must not import Twisted's reactor."""
    code = (
        "import sys; import crawler.cli, crawler.cli.crawl, crawler.cli.demo, "
        "crawler.cli.sources, crawler.run; "
        "print('twisted.internet.reactor' in sys.modules, 'scrapy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_a_retry_after_beyond_the_cap_gives_up_at_once_and_says_why() -> None:
    import asyncio

    from scrapy import Request
    from scrapy.http import Response
    from scrapy.settings import Settings

    from crawler.middlewares import RetryAfterMiddleware

    middleware = RetryAfterMiddleware(Settings({"RETRY_AFTER_MAX": 60}))
    request = Request("https://example.org/talks")
    busy = Response(request.url, status=503, headers={"Retry-After": "3600"}, request=request)
    assert asyncio.run(middleware.process_response(request, busy)) is busy
    assert request.meta["seminars_note"] == "; Retry-After 3600 s is over RETRY_AFTER_MAX (60 s)"
    fine = Response(request.url, status=200, request=request)
    assert asyncio.run(middleware.process_response(request, fine)) is fine
