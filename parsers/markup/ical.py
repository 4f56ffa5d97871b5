"""Calendar feeds (iCalendar, RFC 5545): an `.ics` file, or an HTML page that links one.

Many seminar series publish a feed (Indico, Google Calendar, researchseminars.org, scripts in
a site's repository) even when their page is hard to read, and a feed states dates, zones and
cancellations exactly. Read with the icalendar library; quirks handled:
- what an event's SUMMARY, DESCRIPTION and LOCATION say (title, speakers, place, abstract,
  links) is read in `ical_fields`;
- all-day events (`VALUE=DATE`) are dates, not midnight talks;
- times in UTC (`...Z`) are shown in the calendar's zone (`X-WR-TIMEZONE`) when it names one;
  floating times take that zone, or the source's;
- recurring events (RRULE/RDATE minus EXDATE, overridden instances by RECURRENCE-ID) are
  expanded only inside a bounded window: one year either side of `ctx.now`, or of the feed's
  own dates when no clock is given (a parser has no clock), and at most `MAX_OCCURRENCES`;
- `STATUS:CANCELLED` (or "cancelled" in the SUMMARY) gives the talk's status;
- an event with no speaker that lasts more than a working day (a symposium, a conference, a
  hackathon) is a programme, not a talk;
- talks come in the feed's own order (as a page lists them, newest first or not), the
  occurrences of one UID together and by date.
On an HTML page this stage finds no talks itself: it asks for the linked feed to be fetched
(`Follow(role="listing")`), with `webcal://` turned into `https://`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from parsers.base import Context, Follow, ParseResult
from parsers.common import zones
from parsers.common.html import HtmlElement
from parsers.common.links import absolute
from parsers.common.text import clean, fold, status_of
from parsers.markup import ical_fields as fields
from parsers.talk import Talk

NAME = "ical"
URL_PATTERNS: tuple[str, ...] = ()

EXTRACTED_BY = "ical"
WINDOW = timedelta(days=366)
MAX_OCCURRENCES = 1000  # per feed: a daily RRULE without end stops here
MAX_EVENTS = 5000
MAX_BYTES = 10_000_000
_FEED_HREF = re.compile(r"(^webcal://|\.ics(\?|#|$)|[?&](format|type)=ical\b|/ical/?(\?|$))", re.I)


def is_calendar(content: str | bytes, url: str = "") -> bool:
    """True for iCalendar text (BEGIN:VCALENDAR first) or an `.ics` URL."""
    head = content[:512] if isinstance(content, bytes) else content[:512].encode("utf-8", "ignore")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        return True
    return bool(re.search(r"\.ics(\?|#|$)", url or "", re.I)) and b"<" not in head[:100]


def feed_links(root: HtmlElement, base: str) -> list[str]:
    """Absolute URLs of the iCalendar feeds a page links (`.ics`, `webcal:`), each once."""
    found: list[str] = []
    candidates = list(root.iter("a", "link"))
    for element in candidates[:5000]:
        href = (element.get("href") or "").strip()
        kind = (element.get("type") or "").lower()
        if not href or not (_FEED_HREF.search(href) or kind == "text/calendar"):
            continue
        if href.lower().startswith("webcal://"):
            href = "https://" + href[len("webcal://") :]
        url = absolute(href, base)
        if url and url not in found:
            found.append(url)
    return found


def detect(root: HtmlElement) -> float:
    """How sure we are that the page's talks are best read from a feed it links."""
    return 0.3 if feed_links(root, "") else 0.0


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    """An HTML page: no talks here, but the feed(s) it links are to be fetched as listings."""
    feeds = feed_links(root, ctx.url)
    result = ParseResult(follow=[Follow(url, "listing") for url in feeds[:3]], confidence=0.3)
    if not feeds:
        result.confidence = 0.0
        result.warnings.append(f"{ctx.url}: no calendar feed linked")
    return result


def parse_calendar(content: str | bytes, ctx: Context) -> ParseResult:
    """The talks of an iCalendar feed; never raises (a broken feed is a warning)."""
    from icalendar import Calendar

    result = ParseResult(parser=NAME, confidence=0.0)
    if isinstance(content, str):
        content = content.encode("utf-8")
    if len(content) > MAX_BYTES:
        result.warnings.append(f"{ctx.url}: feed larger than {MAX_BYTES} bytes, truncated")
        content = content[:MAX_BYTES].rsplit(b"END:VEVENT", 1)[0] + b"END:VEVENT\r\nEND:VCALENDAR"
    calendar = _read_calendar(Calendar, content)
    if calendar is None:
        repaired = _repair(content)
        calendar = _read_calendar(Calendar, repaired) if repaired else None
        if calendar is None:
            result.warnings.append(f"{ctx.url}: not a readable iCalendar feed")
            return result
        result.warnings.append(f"{ctx.url}: feed truncated or malformed, read up to its last event")
    zone_name = clean(str(calendar.get("X-WR-TIMEZONE") or "")) or ctx.timezone
    names = (str(calendar.get("X-WR-CALNAME") or ""), ctx.series or "")
    labels = frozenset(
        fold(part)
        for name in names
        for part in (name, *fields.NAME_PARTS.split(name))
        if part.strip()
    )
    if not zones.is_valid_zone(zone_name):
        zone_name = ctx.timezone
    events = list(calendar.walk("VEVENT"))[:MAX_EVENTS]
    window = _window(events, ctx)
    overridden = {
        (str(e.get("UID")), _key(e.decoded("RECURRENCE-ID")))
        for e in events
        if e.get("RECURRENCE-ID") is not None and _safe_decoded(e, "RECURRENCE-ID") is not None
    }
    budget = [MAX_OCCURRENCES]
    groups: dict[str, int] = {}  # UID -> order of first appearance
    keyed = []
    for event in events:
        group = groups.setdefault(str(event.get("UID") or id(event)), len(groups))
        try:
            for start, end in _occurrences(event, window, overridden, budget):
                talk = _talk(event, start, end, zone_name, ctx, labels)
                if talk is not None:
                    keyed.append(((group, talk.starts_at or ""), talk))
        except Exception as error:  # one broken VEVENT must not lose the feed
            result.warnings.append(f"{ctx.url}: skipped an event: {error}")
    if budget[0] <= 0:
        result.warnings.append(f"{ctx.url}: recurrences cut at {MAX_OCCURRENCES} occurrences")
    result.talks = [talk for _key, talk in sorted(keyed, key=lambda pair: pair[0])]
    result.confidence = 0.95 if result.talks else 0.0
    return result


def _read_calendar(kind, content: bytes):
    try:
        return kind.from_ical(content)
    except Exception:  # icalendar raises ValueError, KeyError, IndexError ... on bad input
        return None


def _repair(content: bytes) -> bytes | None:
    """A cut download: keep everything up to the last complete VEVENT, then close it."""
    head, found, _tail = content.rpartition(b"END:VEVENT")
    if not found or b"BEGIN:VCALENDAR" not in head[:2048]:
        return None
    return head + b"END:VEVENT\r\nEND:VCALENDAR\r\n"


# --------------------------------------------------------------------------- one event


def _talk(
    event, start, end, zone_name: str | None, ctx: Context, labels=frozenset()
) -> Talk | None:
    """The event's talk, or None for a slot that is no talk (a placeholder, a working day)."""
    summary = clean(str(event.get("SUMMARY") or ""))
    raw_description = _text(event.get("DESCRIPTION"))
    description = fields.plain(raw_description)
    title, speakers = fields.title_and_speakers(summary, description, labels)
    if not speakers and (fields.no_talk(summary) or _spans_days(start, end)):
        return None
    location, online, page = fields.place(clean(str(event.get("LOCATION") or "")), description)
    url = clean(str(event.get("URL") or "")) or None
    if url and not url.startswith(("http://", "https://")):
        url = None
    if page and (url is None or fields.ONLINE.search(url)):
        url, online = page, online or (True if url else None)
    status = "cancelled" if str(event.get("STATUS") or "").upper() == "CANCELLED" else None
    talk_zone = _zone_of(start) or zone_name
    return Talk(
        title=title,
        speakers=tuple(speakers),
        starts_at=_iso(start, talk_zone) if start is not None else None,
        ends_at=_iso(end, talk_zone) if end is not None and _has_time(end) else None,
        timezone=talk_zone if _has_time(start) else None,
        location=location,
        online=online,
        abstract=fields.abstract(description),
        url=url,
        links=tuple(fields.links(raw_description)),
        status=status or status_of(summary),
        extracted_by=EXTRACTED_BY,
        source_key=f"{event.get('UID')}|{_key(start)}" if event.get("UID") else None,
    )


# A talk lasts hours: an event with no speaker over more than this (a conference, a symposium,
# a hackathon over days) is a programme whose talks the feed does not list.
_LONGEST_TALK = timedelta(hours=8)


def _spans_days(start, end) -> bool:
    """Timed, more than `_LONGEST_TALK`; all-day, two days or more (one all-day event is
    how some feeds give a talk whose hour they leave out)."""
    if start is None or end is None or _has_time(start) != _has_time(end):
        return False
    try:
        length = end - start
    except TypeError:  # a naive and an aware time
        return False
    return length > (_LONGEST_TALK if _has_time(start) else timedelta(days=1))


# --------------------------------------------------------------------------- occurrences


# A dateless event that announces a move ("Seminar by X postponed to July 1"): a notice.
_NOTICE = re.compile(r"\b(?:postponed|moved|rescheduled|shifted|verschoben|reporté)\s+to\b", re.I)


def _occurrences(event, window, overridden, budget):
    start = _safe_decoded(event, "DTSTART")
    if start is None:
        if event.get("DTSTART") is None and not _NOTICE.search(str(event.get("SUMMARY") or "")):
            budget[0] -= 1
            yield None, None  # a talk the feed lists without a date yet: kept, undated
        return
    end = _safe_decoded(event, "DTEND")
    if end is None and event.get("DURATION") is not None:
        end = start + event.decoded("DURATION")
    if event.get("RRULE") is None and event.get("RDATE") is None:
        budget[0] -= 1
        yield start, end
        return
    duration = (end - start) if end is not None else None
    uid = str(event.get("UID"))
    for moment in _expand(event, start, window, budget):
        if (uid, _key(moment)) in overridden and event.get("RECURRENCE-ID") is None:
            continue
        yield moment, (moment + duration) if duration is not None else None


def _expand(event, start, window, budget):
    """Occurrences of a recurring event inside the window, bounded by `budget`."""
    from dateutil.rrule import rruleset, rrulestr

    is_date = not isinstance(start, datetime)
    anchor = datetime.combine(start, datetime.min.time()) if is_date else start
    rules = rruleset()
    for rule in _as_list(event.get("RRULE")):
        rules.rrule(rrulestr(rule.to_ical().decode(), dtstart=anchor, ignoretz=False))
    for prop, add in (("RDATE", rules.rdate), ("EXDATE", rules.exdate)):
        for entry in _as_list(event.get(prop)):
            for item in getattr(entry, "dts", []):
                value = item.dt
                if isinstance(value, datetime) != (not is_date):
                    value = _align(value, anchor)
                add(value)
    low, high = window
    low, high = _align(low, anchor), _align(high, anchor)
    for moment in rules.xafter(low, inc=True):
        if moment > high or budget[0] <= 0:
            break
        budget[0] -= 1
        yield moment.date() if is_date else moment


def _window(events, ctx: Context) -> tuple[datetime, datetime]:
    if ctx.now is not None:
        centre = ctx.now if ctx.now.tzinfo else ctx.now.replace(tzinfo=ZoneInfo("UTC"))
        return centre - WINDOW, centre + WINDOW
    starts = [_aware(_safe_decoded(e, "DTSTART")) for e in events]
    starts = [s for s in starts if s is not None]
    if not starts:
        now = datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC"))
        return now, now
    return min(starts) - WINDOW, max(starts) + WINDOW


# --------------------------------------------------------------------------- small helpers


def _safe_decoded(event, name: str):
    try:
        value = event.decoded(name)
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    return value if isinstance(value, date) else None


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _has_time(value) -> bool:
    return isinstance(value, datetime)


def _aware(value) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())
    return value if value.tzinfo else value.replace(tzinfo=ZoneInfo("UTC"))


def _align(value, anchor: datetime):
    """`value` as a datetime comparable with `anchor` (both naive or both aware)."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, datetime.min.time())
    if anchor.tzinfo is None:
        return (
            value.replace(tzinfo=None)
            if value.tzinfo is None
            else value.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
        )
    return value if value.tzinfo else value.replace(tzinfo=anchor.tzinfo)


def _key(value) -> str:
    if isinstance(value, datetime) and value.tzinfo:
        return value.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")
    return value.isoformat() if value is not None else ""


def _zone_of(value) -> str | None:
    info = getattr(value, "tzinfo", None)
    key = getattr(info, "key", None) or getattr(info, "zone", None)
    return key if key and key != "UTC" and zones.is_valid_zone(key) else None


def _iso(value, zone_name: str | None) -> str:
    if not isinstance(value, datetime):
        return value.isoformat()
    info = zones.zone(zone_name)
    if value.tzinfo is None:
        return value.replace(tzinfo=info).isoformat() if info else value.isoformat()
    return value.astimezone(info).isoformat() if info else value.isoformat()


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").strip()
    return text or None
