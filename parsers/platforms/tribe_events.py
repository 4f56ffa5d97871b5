"""WordPress "The Events Calendar" (Modern Tribe) list views: department and institute sites.

Recognised by its class names (`tribe-events-calendar-list__event` in the v2 views,
`type-tribe_events` in the legacy v1 list). Per event: the title link, a `<time datetime>`
holding the date, a schedule text ("March 5 @ 4:00 pm - 5:00 pm"), the venue and an excerpt.
Quirks:
- the plugin has no speaker field: speakers come from the title ("Jane Doe: Title",
  "Title – Jane Doe (MIT)") or a "Speaker:" line of the excerpt, else none;
- the schedule text omits the year for the current year: the date comes from the machine
  value, only the clock time from the text;
- a cancelled or postponed event carries a status label (`tribe-events-status-label`).
"""

from __future__ import annotations

import re

from parsers.base import Context, ParserError, ParseResult
from parsers.common import dates, times, zones
from parsers.common.html import HtmlElement, first, select
from parsers.common.links import absolute
from parsers.common.people import people_in, speaker_and_title
from parsers.common.text import clean, join_paragraphs, paragraphs, status_of, text_of
from parsers.talk import Talk

NAME = "tribe_events"
URL_PATTERNS: tuple[str, ...] = ()

ITEMS = (
    "article.tribe-events-calendar-list__event, div.type-tribe_events, article.type-tribe_events"
)
TITLE = (
    ".tribe-events-calendar-list__event-title, .tribe-events-list-event-title, "
    ".tribe-events-single-event-title, h2, h3"
)
WHEN = (
    ".tribe-events-calendar-list__event-datetime, .tribe-event-schedule-details, "
    ".tribe-events-schedule"
)
VENUE = (
    ".tribe-events-calendar-list__event-venue-title, .tribe-events-venue-details, "
    ".tribe-venue, .tribe-events-calendar-list__event-venue"
)
DESCRIPTION = ".tribe-events-calendar-list__event-description, .tribe-events-list-event-description"
STATUS_LABEL = (
    ".tribe-events-status-label, .tribe-events-calendar-list__event-datetime-featured-text"
)
SPEAKER_LINE = re.compile(r"^\s*(?:speakers?|presenters?|presented by)\s*:?\s*(.+)$", re.I)


def detect(root: HtmlElement) -> float:
    return 0.9 if select(root, ITEMS)[:1] else 0.0


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    items = select(root, ITEMS)
    if not items:
        raise ParserError(f"{ctx.url}: no event items ({ITEMS})")
    result = ParseResult()
    for item in items[:2000]:
        talk = _parse_item(item, ctx)
        if talk.title or talk.speakers:
            result.talks.append(talk)
    return result


def _parse_item(item: HtmlElement, ctx: Context) -> Talk:
    heading = first(item, TITLE)
    anchor = heading.find(".//a") if heading is not None else None
    title, speakers = speaker_and_title(text_of(heading))
    description = first(item, DESCRIPTION)
    texts = paragraphs(description)
    if not speakers:
        for line in texts[:4]:
            match = SPEAKER_LINE.match(line)
            if match:
                speakers = people_in(match.group(1))
                break
    starts_at, ends_at, tz = _when(item, ctx)
    label = text_of(first(item, STATUS_LABEL))
    return Talk(
        title=title,
        speakers=tuple(speakers),
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=tz if starts_at and "T" in starts_at else None,
        location=clean(text_of(first(item, VENUE))),
        abstract=join_paragraphs(t for t in texts if not SPEAKER_LINE.match(t)),
        url=absolute(anchor.get("href"), ctx.url) if anchor is not None else None,
        status=status_of(title, label, " ".join(item.get("class", "").split("-"))),
        extracted_by=NAME,
    )


def _when(item: HtmlElement, ctx: Context) -> tuple[str | None, str | None, str | None]:
    schedule = first(item, WHEN)
    text = text_of(schedule)
    tz = zones.find_zone(text) or ctx.timezone  # a zone printed with the time wins
    machine = schedule.get("datetime") if schedule is not None else None
    if machine is None:
        moment = first(item, "time[datetime]")
        machine = moment.get("datetime") if moment is not None else None
    day = None
    if machine and re.match(r"\d{4}-\d{2}-\d{2}", machine):
        day = dates.parse_date(machine[:10], formats=("%Y-%m-%d",))
    if day is not None and text:
        text = re.sub(r"^[^@]*@", "", text) if "@" in text else text
        start, end, _span = times.find_time_range(text)
        return dates.combine(day, start, tz), dates.combine(day, end, tz) if end else None, tz
    if day is not None:
        return day.isoformat(), None, tz
    starts_at, ends_at = dates.when(text, tz)
    return starts_at, ends_at, tz
