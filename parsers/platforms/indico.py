"""Indico category pages (CERN's event manager; used by physics and maths institutes for their
seminar series): the month-grouped event list of `categories/display/event_list.html`.

Per event: `li > span.list-name` with `span.date` ("05 Mar") and `div.event-title > a`; the
month heading above the list ("March 2024") gives the year. Lectures print their speakers
in the title ("Title (Jane Doe)", "Jane Doe: Title"), split by `people.speaker_and_title`.
Quirks:
- no clock time in the list: a date-only talk (the event page and its `.ics` have the time);
- labels such as "Cancelled" sit next to the title (`span.ui.label`), not in it;
- the "Export to calendar" icon link is not a talk link.
"""

from __future__ import annotations

import re

from parsers.base import Context, ParserError, ParseResult
from parsers.common import dates
from parsers.common.html import HtmlElement, first, select
from parsers.common.links import absolute
from parsers.common.people import speaker_and_title
from parsers.common.text import clean, status_of, text_of
from parsers.talk import Talk

NAME = "indico"
URL_PATTERNS: tuple[str, ...] = ()

LIST = "div.event-list"
ITEMS = "span.list-name"
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def detect(root: HtmlElement) -> float:
    if not select(root, f"{LIST} {ITEMS}")[:1]:
        return 0.0
    powered = any("indico" in (a.get("href") or "").lower() for a in root.iter("a"))
    return 0.9 if powered else 0.7


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    lists = select(root, LIST)
    if not lists:
        raise ParserError(f"{ctx.url}: no event list ({LIST})")
    result = ParseResult()
    year = None
    for element in lists[0].iter("h3", "span"):
        if element.tag == "h3":
            found = _YEAR.search(text_of(element) or "")
            year = int(found.group(0)) if found else year
        elif "list-name" in (element.get("class") or ""):
            talk = _parse_item(element, ctx, year)
            if talk.title or talk.speakers:
                result.talks.append(talk)
    return result


def _parse_item(item: HtmlElement, ctx: Context, year: int | None) -> Talk:
    block = first(item, ".event-title")
    anchor = block.find(".//a") if block is not None else None
    raw = text_of(anchor if anchor is not None else block)
    title, speakers = _title_and_speakers(raw)
    labels = " ".join(text_of(s) or "" for s in select(item, ".ui.label"))
    when = text_of(first(item, ".date"))
    day = dates.parse_date(when, default_year=year, fallback=False)
    return Talk(
        title=title,
        speakers=tuple(speakers),
        starts_at=day.isoformat() if day else None,
        url=absolute(anchor.get("href"), ctx.url) if anchor is not None else None,
        status=status_of(raw, labels),
        extracted_by=NAME,
    )


def _title_and_speakers(raw: str | None) -> tuple[str | None, list]:
    return speaker_and_title(clean(raw))
