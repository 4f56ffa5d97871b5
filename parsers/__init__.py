"""Seminar page parsers: a registry, and `parse_page()` for turning one page into talks.

    >>> from parsers import parse_page
    >>> talks = parse_page(html, "https://gapindnns.github.io/_pages/seminar.html")
    >>> talks[0].to_dict()["starts_at"]
    '2024-05-30T10:30:00+02:00'

Parser choice (`parser="auto"`), the extraction chain:
1. a site parser whose URL pattern matches the page's URL (used as is, errors and all);
2. a platform parser that recognises the page's generator (`detect(root) >= 0.5`:
   academicpages, Hugo Academic, Indico, The Events Calendar);
3. schema.org Events in the page's structured data (`structured`);
4. the heuristic extractor (`heuristic`, module `generic`);
5. a calendar feed the page links (`ical`): its URL is followed as a listing.
Stages 2-3 read markup made for machines, so the first of them that yields talks wins;
the heuristic wins when it is confident (>= `HEURISTIC_THRESHOLD`) or finds clearly more
talks than the structured data (pages often mark up only the next event); otherwise a linked
feed is followed, and only then are low-confidence heuristic talks returned (with a warning).
An iCalendar document (bytes starting BEGIN:VCALENDAR, or an `.ics` URL) goes straight to
the calendar stage. A name picks that parser directly. Adding a site = one module listed in
`SITE_PARSERS` or `PLATFORM_PARSERS`; nothing else changes.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable
from datetime import datetime
from types import ModuleType

from parsers.base import Context, Follow, ParserError, ParseResult
from parsers.common import html
from parsers.normalize import describe, normalize, validate
from parsers.talk import Link, Speaker, Talk, merge

__all__ = [
    "Context",
    "Follow",
    "Link",
    "ParseResult",
    "ParserError",
    "Speaker",
    "Talk",
    "assemble",
    "available_parsers",
    "get_parser",
    "parse_document",
    "parse_page",
    "parse_site",
]

log = logging.getLogger(__name__)

# Site parsers are chosen by URL; platform parsers by what the page looks like (their `detect`).
SITE_PARSERS = ("ngml", "gapindnns", "ist_mpml", "utexas_mdl")
PLATFORM_PARSERS = ("academicpages", "hugo_academic", "indico", "tribe_events")
GENERIC_PARSERS = ("structured", "ical", "heuristic")
# Parser names whose module is named differently.
MODULES = {"heuristic": "generic"}
HEURISTIC_THRESHOLD = 0.5
PLATFORM_THRESHOLD = 0.5


def available_parsers() -> list[str]:
    return [*SITE_PARSERS, *PLATFORM_PARSERS, *GENERIC_PARSERS]


def get_parser(name: str) -> ModuleType:
    """The parser module called `name`; ValueError naming the choices if there is none."""
    if name not in available_parsers():
        raise ValueError(f"unknown parser {name!r} (choose from: {', '.join(available_parsers())})")
    return importlib.import_module(f"parsers.{MODULES.get(name, name)}")


def choose_parser(root: html.HtmlElement | None, url: str) -> ModuleType | None:
    """Site parser by URL, else the platform parser most sure it recognises the page."""
    site = site_parser(url)
    if site is not None or root is None:
        return site
    scored = [(_detect(get_parser(name), root), name) for name in PLATFORM_PARSERS]
    best = max(scored, default=(0.0, ""))
    return get_parser(best[1]) if best[0] >= PLATFORM_THRESHOLD else None


def site_parser(url: str) -> ModuleType | None:
    for name in SITE_PARSERS:
        module = get_parser(name)
        if any(re.search(pattern, url) for pattern in module.URL_PATTERNS):
            return module
    return None


def _detect(module: ModuleType, root: html.HtmlElement) -> float:
    try:
        return float(module.detect(root))
    except Exception as error:  # a detector must never take the page down
        log.warning("%s.detect failed: %s", module.NAME, error)
        return 0.0


def run_stage(name: str, root: html.HtmlElement, ctx: Context) -> ParseResult:
    """One stage of the chain on a page; never raises (a failure is a warning, no talks)."""
    module = get_parser(name)
    try:
        result = module.parse(root, ctx)
    except ParserError as error:
        result = ParseResult(warnings=[f"{ctx.url}: {name}: {error}"], confidence=0.0)
    except Exception as error:  # a bug in one stage must not lose the page
        log.exception("stage %s failed on %s", name, ctx.url)
        result = ParseResult(warnings=[f"{ctx.url}: {name} failed: {error!r}"], confidence=0.0)
    result.parser = module.NAME
    if result.talks and result.confidence == 1.0 and name in PLATFORM_PARSERS:
        result.confidence = _detect(module, root)
    return result


def run_chain(root: html.HtmlElement, ctx: Context) -> ParseResult:
    """The `auto` chain for a page no site parser claims (rules in the module docstring)."""
    warnings: list[str] = []
    platform = choose_parser(root, ctx.url)
    if platform is not None:
        result = run_stage(platform.NAME, root, ctx)
        if result.talks:
            return result
        warnings.extend(result.warnings)
    has_markup = _detect(get_parser("structured"), root) > 0
    structured = run_stage("structured", root, ctx) if has_markup else None
    heuristic = run_stage("heuristic", root, ctx)
    if structured is not None and structured.talks:
        much_more = len(heuristic.talks) >= max(3, 2 * len(structured.talks))
        if not (much_more and heuristic.confidence >= HEURISTIC_THRESHOLD):
            return _with_warnings(structured, warnings)
    if heuristic.talks and heuristic.confidence >= HEURISTIC_THRESHOLD:
        return _with_warnings(heuristic, warnings)
    feed = run_stage("ical", root, ctx)
    if feed.follow:
        return _with_warnings(feed, warnings)
    if heuristic.talks:
        heuristic.warnings.append(
            f"{ctx.url}: low confidence ({heuristic.confidence:.2f}) in the heuristic talks"
        )
    return _with_warnings(heuristic, warnings)


def _with_warnings(result: ParseResult, warnings: list[str]) -> ParseResult:
    result.warnings = warnings + result.warnings
    return result


def parse_document(
    content: str | bytes,
    url: str,
    parser: str = "auto",
    *,
    timezone: str | None = None,
    series: str | None = None,
    now: datetime | None = None,
    detail: bool = False,
) -> ParseResult:
    """Parse one page into normalized, validated talks plus the pages it asks to follow.

    Never raises for a bad page: an empty or non-HTML page, or one the parser cannot read,
    comes back with no talks and a warning. `ParserError` is raised only when the chosen
    parser finds the page's anchor structure gone, which the caller reports per source.
    """
    if parser in ("auto", "ical") and _is_calendar(content, url):
        from parsers import ical

        ctx = Context(url=url, timezone=timezone, series=series, now=now)
        result = ical.parse_calendar(content, ctx)
        result.talks = _checked(result, ctx)
        return result
    root = html.load(_bounded(content), url)
    if root is None:
        return ParseResult(warnings=[f"{url}: empty or not an HTML page"], parser=parser)
    if parser == "auto" and site_parser(url) is None:
        ctx = Context(url=url, timezone=timezone, series=series, now=now)
        result = run_chain(root, ctx)
        result.talks = _checked(result, ctx)
        return result
    module = choose_parser(root, url) if parser == "auto" else get_parser(parser)
    if module is None:
        return ParseResult(warnings=[f"{url}: no parser recognises this page"], parser=parser)
    ctx = Context(
        url=url, timezone=timezone or getattr(module, "TIMEZONE", None), series=series, now=now
    )
    if module.NAME in GENERIC_PARSERS:
        result = run_stage(module.NAME, root, ctx)
    else:
        parse: Callable[..., ParseResult] = (
            module.parse_detail if detail and hasattr(module, "parse_detail") else module.parse
        )
        result = parse(root, ctx)
    result.parser = module.NAME
    result.talks = _checked(result, ctx)
    return result


MAX_PAGE_BYTES = 8_000_000


def _bounded(content: str | bytes) -> str | bytes:
    """Pages past `MAX_PAGE_BYTES` are cut: talks sit near the top, and lxml time is linear."""
    return content[:MAX_PAGE_BYTES] if len(content) > MAX_PAGE_BYTES else content


def _is_calendar(content: str | bytes, url: str) -> bool:
    from parsers.ical import is_calendar

    return is_calendar(content, url)


def _checked(result: ParseResult, ctx: Context) -> list[Talk]:
    kept = []
    for talk in result.talks:
        talk = normalize(talk, ctx)
        if talk.extracted_by is None:
            talk = talk.with_changes(extracted_by=result.parser)
        problems = validate(talk)
        if problems:
            result.warnings.append(f"{ctx.url}: dropped {describe(talk)}: {'; '.join(problems)}")
            continue
        kept.append(talk)
    for warning in result.warnings:
        log.warning(warning)
    return kept


def parse_page(
    content: str | bytes,
    url: str,
    parser: str = "auto",
    *,
    timezone: str | None = None,
    series: str | None = None,
    now: datetime | None = None,
) -> list[Talk]:
    """The normalized talks of one page (the Python API; see `parse_document` for details)."""
    return parse_document(content, url, parser, timezone=timezone, series=series, now=now).talks


def assemble(listing: list[Talk], details: list[Talk]) -> list[Talk]:
    """Complete listing talks with the talks parsed from their own pages (matched by URL)."""
    by_url = {talk.url: talk for talk in details if talk.url}
    return [merge(talk, by_url[talk.url]) if talk.url in by_url else talk for talk in listing]


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

    The offline twin of the spider (same follow rules, no Scrapy) for tests and `seminars
    parse`: `fetch` returns None for a page it cannot supply, which becomes a warning.
    """
    options = {"timezone": timezone, "series": series}
    first = fetch(url)
    if first is None:
        raise ParserError(f"{url}: page not available")
    result = parse_document(first, url, parser, **options)
    name = result.parser if parser == "auto" else parser
    details: list[Talk] = []
    queue, seen = list(result.follow), {url}
    while queue and len(seen) < max_pages:
        follow = queue.pop(0)
        if follow.url in seen:
            continue
        seen.add(follow.url)
        content = fetch(follow.url)
        if content is None:
            result.warnings.append(f"{follow.url}: not available")
            continue
        page = parse_document(content, follow.url, name, detail=follow.role == "detail", **options)
        result.warnings.extend(page.warnings)
        if follow.role == "detail":
            details.extend(page.talks)
        else:
            result.talks.extend(page.talks)
            queue.extend(page.follow)
    result.talks = assemble(result.talks, details)
    return result
