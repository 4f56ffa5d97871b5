"""Seminar page parsers: a registry, and `parse_page()` for turning one page into talks.

    >>> from parsers import parse_page
    >>> talks = parse_page(html, "https://gapindnns.github.io/_pages/seminar.html")
    >>> talks[0].to_dict()["starts_at"]
    '2024-05-30T10:30:00+02:00'

Parser choice (`parser="auto"`): a site parser whose URL pattern matches the page's URL, then
a platform parser that recognises the page's generator (academicpages, ...), then the generic
extraction chain. A name picks that parser directly. Adding a site = one module listed in
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
PLATFORM_PARSERS = ("academicpages",)
GENERIC_PARSERS: tuple[str, ...] = ()


def available_parsers() -> list[str]:
    return [*SITE_PARSERS, *PLATFORM_PARSERS, *GENERIC_PARSERS]


def get_parser(name: str) -> ModuleType:
    """The parser module called `name`; ValueError naming the choices if there is none."""
    if name not in available_parsers():
        raise ValueError(f"unknown parser {name!r} (choose from: {', '.join(available_parsers())})")
    return importlib.import_module(f"parsers.{name}")


def choose_parser(root: html.HtmlElement | None, url: str) -> ModuleType | None:
    """Site parser by URL, else the platform parser most sure it recognises the page."""
    for name in SITE_PARSERS:
        module = get_parser(name)
        if any(re.search(pattern, url) for pattern in module.URL_PATTERNS):
            return module
    if root is None:
        return None
    scored = [(get_parser(name).detect(root), name) for name in PLATFORM_PARSERS]
    best = max(scored, default=(0.0, ""))
    return get_parser(best[1]) if best[0] >= 0.5 else None


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
    root = html.load(content, url)
    if root is None:
        return ParseResult(warnings=[f"{url}: empty or not an HTML page"], parser=parser)
    module = choose_parser(root, url) if parser == "auto" else get_parser(parser)
    if module is None:
        return ParseResult(warnings=[f"{url}: no parser recognises this page"], parser=parser)
    ctx = Context(
        url=url, timezone=timezone or getattr(module, "TIMEZONE", None), series=series, now=now
    )
    parse: Callable[..., ParseResult] = module.parse_detail if detail else module.parse
    result = parse(root, ctx)
    result.parser = module.NAME
    result.talks = _checked(result, ctx)
    return result


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
