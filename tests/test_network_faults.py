"""Real networks, one clear line: an unreachable site is one `X failed: ...` line (no Scrapy
traceback, even from robots.txt), a URL no request can be made for fails its own source only,
pages are decoded by their HTTP charset, and the HTTP cache asks the site every time.

The crawls run `seminars crawl` in a subprocess against 127.0.0.1 (marked slow); the plain
parts (decoding, the cache policy) are tested directly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from crawl_support import (
    ROOT,
    SITES,
    Fault,
    Mirror,
    crawl_args,
    hang_up,
    query,
    refusing_port,
    run_cli,
    send,
    site,
    slow,
    write_sources,
)
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings

from crawler.cache import RevalidatePolicy
from parsers import parse_document
from parsers.common.html import charset_conflict, decode

POLISH_NAME = "Łukasz Żółćński"
POLISH_TITLE = f"{POLISH_NAME}: Grafy, gęślą jaźń i sieci neuronowe"
LATIN2 = "text/html; charset=iso-8859-2"


def ngml_page(meta: str = "") -> bytes:
    """A one-talk page in the NGML layout, in ISO-8859-2 (Latin-2), with `meta` in its head."""
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>Seminaria</title></head><body>"
        '<section class="talks"><div class="container talk-grid"><article class="talk-card">'
        f'<h3 class="talk-card__title">{POLISH_TITLE}</h3>'
        '<p class="talk-card__abstract">Zażółć gęślą jaźń.</p>'
        "</article></div></section></body></html>"
    ).encode("iso-8859-2")


def serve(page: bytes, content_type: str) -> Fault:
    def fault(handler, body: bytes) -> bool:
        send(handler, 200, page, content_type)
        return True

    return fault


def ngml_entry(source_id: str, url: str) -> dict[str, str]:
    info = site("ngml")
    name = f"{info['name']} ({source_id})"  # a talk's id includes its series name
    return {"id": source_id, "name": name, "url": url, "parser": "ngml"}


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# ---- one line per unreachable source -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1:{port}", "connection refused"),
        ("seminars-test.invalid", "cannot resolve the host name"),  # RFC 6761: never resolves
    ],
    ids=["refused", "dns"],
)
def test_an_unreachable_source_prints_one_line_with_quiet(
    tmp_path: Path, host: str, reason: str
) -> None:
    with refusing_port() as port:
        url = f"http://{host.format(port=port)}/seminars.html"
        sources = write_sources(tmp_path / "sources.toml", [ngml_entry("gone", url)])
        result = run_cli(*crawl_args(sources, tmp_path / "s.db", "--quiet"))
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert lines(result.stderr) == [f"gone failed: {reason} (after 1 retry) ({url})"]


@pytest.mark.slow
@pytest.mark.parametrize("fault", [slow(4), hang_up()], ids=["timeout", "no-answer"])
def test_a_robots_txt_that_fails_prints_nothing_when_the_source_crawls_fine(
    tmp_path: Path, fault: Fault
) -> None:
    mirror = Mirror(SITES / "ngml").start()
    mirror.faults["/robots.txt"] = fault
    try:
        sources = write_sources(tmp_path / "sources.toml", [ngml_entry("ngml", mirror.seed_url)])
        db = tmp_path / "s.db"
        limits = ("-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=0")
        quiet = run_cli(*crawl_args(sources, db, "--quiet", *limits))
        verbose = run_cli(*crawl_args(sources, db, "-v", *limits))
    finally:
        mirror.stop()
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert mirror.hits("/robots.txt") and mirror.hits(mirror.seed_path)
    # -v keeps Scrapy's own account, traceback included
    assert verbose.returncode == 0, verbose.stderr
    assert "Error downloading" in verbose.stderr and "Traceback" in verbose.stderr


# ---- a URL no request can be made for ----------------------------------------------------------

_WITHOUT_URL_CHECKS = """
import sys
import crawler.sources
check = crawler.sources._check_entry  # as if validation had missed the bad URL
crawler.sources._check_entry = lambda entry: [e for e in check(entry) if not e.startswith("url:")]
from crawler.cli import main
main(sys.argv[1:])
"""


@pytest.mark.slow
def test_a_bad_url_that_slips_past_validation_fails_its_source_only(tmp_path: Path) -> None:
    mirror = Mirror(SITES / "ngml").start()
    try:
        entries = [
            ngml_entry("badport", "http://127.0.0.1:99999/seminars.html"),
            ngml_entry("ngml", mirror.seed_url),
        ]
        sources = write_sources(tmp_path / "sources.toml", entries)
        db = tmp_path / "s.db"
        command = [sys.executable, "-c", _WITHOUT_URL_CHECKS, *crawl_args(sources, db, "--quiet")]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        result = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
        )
    finally:
        mirror.stop()
    assert result.returncode == 1, result.stderr
    assert lines(result.stderr) == [
        "badport failed: cannot request this URL: Port out of range 0-65535 "
        "(http://127.0.0.1:99999/seminars.html)"
    ]
    crawls = query(db, "SELECT source_id, status, talks_seen FROM crawls ORDER BY id")
    assert crawls == [
        {"source_id": "badport", "status": "failed", "talks_seen": 0},
        {"source_id": "ngml", "status": "ok", "talks_seen": 3},
    ]


# ---- the HTTP charset --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_page_is_decoded_by_its_http_charset(tmp_path: Path) -> None:
    """Latin-2 bytes, `charset=iso-8859-2` in the header: no meta (read by the header), and a
    stale `<meta charset="utf-8">` (still read by the header, with a warning for that page)."""
    plain, stale = Mirror(SITES / "ngml").start(), Mirror(SITES / "ngml").start()
    plain.faults["*"] = serve(ngml_page(), LATIN2)
    stale.faults["*"] = serve(ngml_page('<meta charset="utf-8">'), LATIN2)
    try:
        entries = [ngml_entry("plain", plain.seed_url), ngml_entry("stale", stale.seed_url)]
        sources = write_sources(tmp_path / "sources.toml", entries)
        db = tmp_path / "s.db"
        result = run_cli(*crawl_args(sources, db, "--quiet"))
    finally:
        plain.stop()
        stale.stop()
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    talks = query(db, "SELECT series_id, title FROM talks ORDER BY series_id")
    assert talks == [
        {"series_id": "plain", "title": POLISH_TITLE},
        {"series_id": "stale", "title": POLISH_TITLE},
    ]
    logged = query(db, "SELECT source_id, url, level, message FROM crawl_errors ORDER BY id")
    assert logged == [
        {
            "source_id": "stale",
            "url": stale.seed_url,
            "level": "warning",
            "message": f"{stale.seed_url}: charset: the HTTP header says iso8859-2, the page's "
            "<meta> says utf-8; read as iso8859-2, as browsers do",
        }
    ]


BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("content", "content_type", "text"),
    [
        (ngml_page(), LATIN2, POLISH_NAME),  # the header
        (ngml_page(), "text/html; charset=ISO-8859-2", POLISH_NAME),
        (ngml_page('<meta charset="utf-8">'), LATIN2, POLISH_NAME),  # the header beats the meta
        (ngml_page('<meta charset="iso-8859-2">'), None, POLISH_NAME),  # the meta
        (ngml_page('<meta charset="iso-8859-2">'), "text/html", POLISH_NAME),
        (ngml_page('<meta charset="iso-8859-2">'), "text/html; charset=nonsense", POLISH_NAME),
        (BOM + POLISH_NAME.encode(), LATIN2, POLISH_NAME),  # the byte order mark beats all
        (POLISH_NAME.encode(), None, POLISH_NAME),  # sniffed: valid UTF-8
        ("Zürich".encode("cp1252"), None, "Zürich"),  # sniffed: windows-1252
        # negative: without the header, undeclared Latin-2 is guessed as windows-1252
        (ngml_page(), None, "£ukasz ¯ó³æñski"),
    ],
)
def test_decode_reads_bom_then_header_then_meta_then_guesses(
    content: bytes, content_type: str | None, text: str
) -> None:
    assert text in decode(content, content_type)


@pytest.mark.parametrize(
    ("content", "content_type", "warned"),
    [
        (ngml_page('<meta charset="utf-8">'), LATIN2, True),
        (ngml_page('<meta charset="iso-8859-2">'), LATIN2, False),
        (ngml_page('<meta charset="windows-1252">'), "text/html; charset=latin1", False),  # alias
        (ngml_page('<meta charset="utf-8">'), None, False),
        (ngml_page('<meta charset="utf-8">'), "text/html", False),
        (ngml_page(), LATIN2, False),
    ],
)
def test_a_header_and_meta_that_disagree_are_a_warning(
    content: bytes, content_type: str | None, warned: bool
) -> None:
    assert (charset_conflict(content, content_type) is not None) is warned
    result = parse_document(content, "https://x.example/", "ngml", content_type=content_type)
    assert any("charset:" in warning for warning in result.warnings) is warned


# ---- the HTTP cache policy ---------------------------------------------------------------------

LAST_MODIFIED = b"Mon, 01 Jan 2024 00:00:00 GMT"


def _cached(headers: dict[bytes, bytes], status: int = 200) -> Response:
    return HtmlResponse("https://x.example/", status=status, headers=headers, body=b"<p>x</p>")


def test_the_cache_policy_always_asks_the_site_conditionally() -> None:
    policy = RevalidatePolicy(Settings())
    request = Request("https://x.example/")
    cached = _cached({b"ETag": b'"v1"', b"Last-Modified": LAST_MODIFIED})
    assert policy.is_cached_response_fresh(cached, request) is False
    assert request.headers[b"If-None-Match"] == b'"v1"'
    assert request.headers[b"If-Modified-Since"] == LAST_MODIFIED
    # even a page that says it is fresh for a day is asked for again
    long_lived = _cached({b"Cache-Control": b"max-age=86400", b"ETag": b'"v1"'})
    assert policy.is_cached_response_fresh(long_lived, Request("https://x.example/")) is False


@pytest.mark.parametrize(("status", "valid"), [(304, True), (200, False), (500, False)])
def test_the_cache_policy_uses_the_stored_copy_only_on_304(status: int, valid: bool) -> None:
    policy = RevalidatePolicy(Settings())
    cached = _cached({b"ETag": b'"v1"'})
    response = Response("https://x.example/", status=status)
    assert policy.is_cached_response_valid(cached, response, Request(cached.url)) is valid


@pytest.mark.parametrize(
    ("headers", "status", "stored"),
    [
        ({b"ETag": b'"v1"'}, 200, True),
        ({b"Last-Modified": LAST_MODIFIED}, 200, True),
        ({b"Cache-Control": b"max-age=600"}, 200, False),  # cannot be revalidated
        ({}, 200, False),
        ({b"ETag": b'"v1"', b"Cache-Control": b"no-store"}, 200, False),
        ({b"ETag": b'"v1"'}, 304, False),
    ],
)
def test_the_cache_stores_what_can_be_revalidated(
    headers: dict[bytes, bytes], status: int, stored: bool
) -> None:
    response = _cached(headers, status)
    policy = RevalidatePolicy(Settings())
    assert policy.should_cache_response(response, Request(response.url)) is stored
