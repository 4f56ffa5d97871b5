"""The `auto` chain, and `parse_document`: one page in, normalized talks out.

Parser choice for `parser="auto"`:
1. a site parser whose URL pattern matches the page's URL (used as is, errors and all);
2. a platform parser that recognises the page's generator (`detect(root) >= 0.5`);
3. schema.org Events in the page's structured data (`structured`);
4. the heuristic extractor (`heuristic`);
5. a calendar feed the page links (`ical`): its URL is followed as a listing.
Stages 2-3 read markup made for machines, so the first of them that yields talks wins;
the heuristic wins when it is confident (>= `HEURISTIC_THRESHOLD`) or finds clearly more
talks than the structured data (pages often mark up only the next event); otherwise a linked
feed is followed, and only then are low-confidence heuristic talks returned (with a warning).
An iCalendar document (bytes starting BEGIN:VCALENDAR, or an `.ics` URL) goes straight to
the calendar stage. A name picks that parser directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from parsers import registry
from parsers.base import Context, ParserError, ParseResult
from parsers.common import html, memo
from parsers.normalize import checked
from parsers.talk import Talk

log = logging.getLogger(__name__)

HEURISTIC_THRESHOLD = 0.5
MAX_PAGE_BYTES = 8_000_000


def run_stage(
    name: str, root: html.HtmlElement, ctx: Context, detected: float | None = None
) -> ParseResult:
    """One stage of the chain on a page; never raises (a failure is a warning, no talks).

    A platform parser's talks get its `detect` score as their confidence: `detected`, when
    the caller has already scored the page (the chain chose the platform by it), else here.
    """
    module = registry.get_parser(name)
    try:
        result = module.parse(root, ctx)
    except ParserError as error:
        result = ParseResult(warnings=[f"{ctx.url}: {name}: {error}"], confidence=0.0)
    except Exception as error:  # a bug in one stage must not lose the page
        log.exception("stage %s failed on %s", name, ctx.url)
        result = ParseResult(warnings=[f"{ctx.url}: {name} failed: {error!r}"], confidence=0.0)
    result.parser = module.NAME
    if result.talks and result.confidence == 1.0 and name in registry.platform_parsers():
        result.confidence = registry.detect(module, root) if detected is None else detected
    return result


def run_chain(root: html.HtmlElement, ctx: Context) -> ParseResult:
    """The `auto` chain for a page no site parser claims (rules in the module docstring)."""
    warnings: list[str] = []
    platform, score = registry.choose_platform(root)
    if platform is not None:
        result = run_stage(platform.NAME, root, ctx, detected=score)
        if result.talks:
            return result
        warnings.extend(result.warnings)
    has_markup = registry.detect(registry.get_parser("structured"), root) > 0
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
    check: bool = True,
    content_type: str | None = None,
) -> ParseResult:
    """Parse one page into talks plus the pages it asks to follow.

    With `check` (the default) the talks are normalized and validated here; `parsers.walk`
    passes `check=False` and checks once, after a listing's detail pages are merged in.
    `content_type` is the HTTP header the page came with: its charset decides how bytes are
    decoded (after a byte order mark, before the page's `<meta>`; a disagreement is a warning).
    Never raises for a bad page: an empty or non-HTML page, or one the parser cannot read,
    comes back with no talks and a warning. `ParserError` is raised only when the chosen
    parser finds the page's anchor structure gone, which the caller reports per source.
    """
    memo.new_page()
    ctx = Context(url=url, timezone=timezone, series=series, now=now)
    result = _parse(content, ctx, parser, detail, content_type)
    if warning := _cut_warning(content, ctx):
        result.warnings.insert(0, warning)
    if conflict := html.charset_conflict(content, content_type):
        result.warnings.append(f"{url}: {conflict}")
    for talk_index, talk in enumerate(result.talks):
        if talk.extracted_by is None:  # (parsers that set it themselves spare each talk a copy)
            result.talks[talk_index] = talk.with_changes(extracted_by=result.parser)
    if check:
        result.talks, dropped = checked(result.talks, ctx)
        result.warnings.extend(dropped)
    for warning in result.warnings:
        log.warning(warning)
    return result


def _parse(
    content: str | bytes, ctx: Context, parser: str, detail: bool, content_type: str | None
) -> ParseResult:
    from parsers.markup import ical

    if parser in ("auto", "ical") and ical.is_calendar(content, ctx.url):
        return ical.parse_calendar(content, ctx)
    root = html.load(_bounded(content), ctx.url, content_type)
    if root is None:
        return ParseResult(warnings=[f"{ctx.url}: empty or not an HTML page"], parser=parser)
    if parser == "auto" and registry.site_parser(ctx.url) is None:
        return run_chain(root, ctx)
    if parser == "auto":
        module = registry.choose_parser(root, ctx.url)
    else:
        module = registry.get_parser(parser)
    if module is None:
        return ParseResult(warnings=[f"{ctx.url}: no parser recognises this page"], parser=parser)
    if module.NAME in registry.GENERIC_MODULES:
        return run_stage(module.NAME, root, ctx)
    parse: Callable[..., ParseResult] = (
        module.parse_detail if detail and hasattr(module, "parse_detail") else module.parse
    )
    result = parse(root, ctx)
    result.parser = module.NAME
    return result


def _bounded(content: str | bytes) -> str | bytes:
    """Pages past `MAX_PAGE_BYTES` are cut: talks sit near the top, and lxml time is linear."""
    return content[:MAX_PAGE_BYTES] if len(content) > MAX_PAGE_BYTES else content


def _cut_warning(content: str | bytes, ctx: Context) -> str | None:
    """The warning for an HTML page `_bounded` cut (talks past the cut are missing), or None."""
    from parsers.markup import ical

    if len(content) <= MAX_PAGE_BYTES or ical.is_calendar(content, ctx.url):
        return None
    return (
        f"{ctx.url}: page cut at the size limit: only the first {MAX_PAGE_BYTES / 1e6:g} MB "
        f"of {len(content) / 1e6:.1f} MB were read (MAX_PAGE_BYTES)"
    )


def parse_page(
    content: str | bytes, url: str, parser: str = "auto", **options: str | datetime | None
) -> list[Talk]:
    """The normalized talks of one page: `parse_document(...)`'s talks, with its options
    (`timezone`, `series`, `now`)."""
    return parse_document(content, url, parser, **options).talks  # type: ignore[arg-type]
