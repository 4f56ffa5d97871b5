"""Talks as iCalendar (RFC 5545): one builder for `seminars export ics` and the `.ics` feeds.

* Calendars are built from ``talks_view`` rows (talk id, status, speakers and links already
  joined), so ``seminars export ics`` and the Datasette ``.ics`` renderer share one builder.
* One VEVENT per real talk: a talk several sources list (``crawler/db/linking.py``) is one
  talks_view row, whose id is its group's canonical talk, the listing that was there first.
* A talk keeps its UID across exports (``<talk id>@seminars-aggregator``), also when a second
  source joins its group, and its DTSTAMP is its last change, so re-exporting an unchanged
  database gives byte-identical files and calendar apps update events in place instead of
  duplicating them.
* VTIMEZONEs are written from the zone database by ``vtimezone.py`` (why not by
  ``icalendar``: its docstring), one per zone used, sorted, before the events.
* A wall time that a DST change repeats or skips goes out in UTC: RFC 5545 reads a repeated
  time as its first pass, ical.js as its second, and all read UTC alike.
* User text never adds a line to the file: one-line properties (name, title, location, URL,
  kind) have every line break replaced by a space, explicitly, before ``icalendar`` sees them;
  the description keeps its line breaks as the escaped ``\\n`` of RFC 5545.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event, vDuration, vText
from sqlite_utils import Database

from crawler.db.queries import fts_query
from crawler.outputs.vtimezone import vtimezone
from parsers.common import zones

UID_DOMAIN = "seminars-aggregator"
PRODID = "-//seminars-aggregator//seminars//EN"
CALENDAR_NAME = "Seminar talks"
# Most pages give only a start time; a one-hour block is what a seminar slot usually is, and a
# zero-length event is easy to miss in a calendar. DURATION (not DTEND) marks it as assumed.
DEFAULT_DURATION = timedelta(hours=1)
# How often subscribed calendar apps should re-fetch a feed (they may ignore it).
REFRESH_INTERVAL = timedelta(hours=12)
ICS_STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
LINK_LABELS = {"slides": "Slides", "video": "Video", "paper": "Paper", "other": "Link"}
# The real talk (talks_view id) of each listing: its group's canonical talk, else itself.
REAL_TALK_OF = (
    "SELECT coalesce(m.group_id, t.id) FROM talks t "
    "LEFT JOIN talk_group_members m ON m.talk_id = t.id"
)
# Columns a row must have to become a calendar event (talks_view and talks both have them).
ICS_REQUIRED_COLUMNS = frozenset({"id", "title", "starts_at", "timezone"})


def calendar_rows(
    db: Database,
    *,
    series_id: str | None = None,
    since: str | None = None,
    search: str | None = None,
) -> list[dict[str, Any]]:
    """Dated talks from talks_view, earliest first, optionally filtered.

    ``since`` is an ISO date or UTC time; a date-only talk counts from its whole day, so a talk
    "on 2025-03-01" is still upcoming at noon that day.
    """
    clauses = ["starts_at IS NOT NULL"]
    params: dict[str, Any] = {}
    if series_id:  # a real talk is in every series that lists it
        clauses.append(f"id IN ({REAL_TALK_OF} WHERE t.series_id = :series)")
        params["series"] = series_id
    if since:
        clauses.append("start_utc >= substr(:since, 1, length(start_utc))")
        params["since"] = _utc_text(since)
    if search is not None:
        clauses.append(
            f"id IN ({REAL_TALK_OF} WHERE t.rowid IN "
            "(SELECT rowid FROM talks_fts WHERE talks_fts MATCH :q))"
        )
        params["q"] = fts_query(search)
    sql = f"SELECT * FROM talks_view WHERE {' AND '.join(clauses)} ORDER BY start_utc, id"
    return [dict(row) for row in db.query(sql, params)]


def _utc_text(value: str) -> str:
    """A date as is, a time as 'YYYY-MM-DDTHH:MM:SSZ' (the starts_at_utc format it is compared
    with as text)."""
    if len(value) <= 10:
        return value
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_calendar(rows: Iterable[Mapping[str, Any]], name: str = CALENDAR_NAME) -> Calendar:
    """An RFC 5545 calendar with one VEVENT per dated talk and a VTIMEZONE per zone used."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(one_line(name)))
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    days = []
    for row in rows:
        if not row.get("starts_at"):
            continue
        event = talk_event(row)
        calendar.add_component(event)
        days.append(_day(event.start))
    if days:
        _add_timezones(calendar, min(days) - timedelta(days=366), max(days) + timedelta(days=366))
    return calendar


def _add_timezones(calendar: Calendar, first: date, last: date) -> None:
    """A VTIMEZONE for every TZID used, sorted, before the events (RFC 5545 requires one).

    Not ``Calendar.add_missing_timezones``: it adds them in set order, which changes from run
    to run, and equal databases must export equal files. Transitions from a year before the
    first talk to a year after the last keep each VTIMEZONE to a few lines.
    """
    for position, tzid in enumerate(sorted(calendar.get_missing_tzids())):
        calendar.subcomponents.insert(position, vtimezone(tzid, first, last))


def talk_event(row: Mapping[str, Any]) -> Event:
    """One VEVENT from a talks_view (or talks) row."""
    event = Event()
    event.add("uid", talk_uid(row["id"]))
    event.add("dtstamp", _stamp(row))
    start, end = event_times(row)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    else:
        event.add("duration", DEFAULT_DURATION)
    event.add("summary", one_line(summary(row)))
    event.add("description", "\n".join(description(row).splitlines()))
    location = row.get("location") or ("Online" if row.get("online") else None)
    if location:
        event.add("location", one_line(location))
    if row.get("url"):
        event.add("url", one_line(row["url"]))
    event.add("status", ICS_STATUS.get(row.get("status") or "scheduled", "CONFIRMED"))
    event.add("sequence", int(row.get("changes") or 0))
    if row.get("kind"):
        event.add("categories", [one_line(row["kind"])])
    return event


# Every character some reader ends a line at: CR, LF, and what Python's splitlines() (and so
# many a script) also splits on: VT, FF, FS, GS, RS, NEL, LINE and PARAGRAPH SEPARATOR.
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """User text for a one-line property: every run of line breaks becomes one space.

    ``icalendar`` escapes newlines in TEXT values but not in URIs or unknown X- properties,
    where a CR/LF started a new property (with ``python -O``, which drops its assert), and
    a URI with one raised: explicit here, whatever the property type.
    """
    return _LINE_BREAKS.sub(" ", text).strip()


def talk_uid(talk_id: str) -> str:
    """Stable across exports and crawls because the talk id is (see parsers/talk.py)."""
    return f"{talk_id}@{UID_DOMAIN}"


def event_times(row: Mapping[str, Any]) -> tuple[date | datetime, date | datetime | None]:
    """(DTSTART, DTEND) in the talk's own zone, or all-day dates when no time is known.

    DTEND of an all-day event is exclusive (RFC 5545), hence the extra day. An end is None
    when the page gave none, and the caller adds DEFAULT_DURATION.
    """
    starts_at, ends_at = row["starts_at"], row.get("ends_at")
    if _is_date(starts_at):
        start = date.fromisoformat(starts_at)
        last = date.fromisoformat(ends_at[:10]) if ends_at else start
        return start, max(last, start) + timedelta(days=1)
    start_dt = _zoned(starts_at, row.get("timezone"))
    if not ends_at or _is_date(ends_at):
        return start_dt, None
    end_dt = _zoned(ends_at, row.get("timezone"))
    return start_dt, end_dt if end_dt > start_dt else None


def summary(row: Mapping[str, Any]) -> str:
    """'Title — Speaker, Speaker' (what a calendar shows in its grid)."""
    title = row.get("title") or f"Talk in {row.get('series') or 'a seminar series'}"
    names = [n for n in (row.get("speaker_names") or "").split("; ") if n]
    if row.get("status") == "cancelled":
        title = f"CANCELLED: {title}"
    return f"{title} — {', '.join(names)}" if names else title


def description(row: Mapping[str, Any]) -> str:
    """Speakers, series, abstract, then every link: what a reader needs to decide to go."""
    parts = []
    header = []
    if row.get("speakers") or row.get("speaker_names"):
        header.append(f"Speakers: {row.get('speakers') or row.get('speaker_names')}")
    if row.get("series"):
        header.append(f"Series: {row['series']}")
    if row.get("status") and row["status"] != "scheduled":
        header.append(f"Status: {row['status']}")
    if (row.get("sources") or 1) > 1:
        header.append(f"Listed by {row['sources']} sources")
    if header:
        parts.append("\n".join(header))
    if row.get("abstract"):
        parts.append(row["abstract"])
    links = [f"{LINK_LABELS.get(lk.get('kind'), 'Link')}: {lk['url']}" for lk in _links(row)]
    if row.get("url"):
        links.append(f"Talk page: {row['url']}")
    links += [f"Also listed at: {url}" for url in _also_listed(row)]
    if links:
        parts.append("\n".join(links))
    return "\n\n".join(parts)


def _links(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Links from talks_view's JSON column (absent on the raw talks table)."""
    value = row.get("links")
    if not value:
        return []
    return json.loads(value) if isinstance(value, str) else list(value)


def _also_listed(row: Mapping[str, Any]) -> list[str]:
    """The other sources' URLs of a talk several sources list (talks_view's source_urls)."""
    if (row.get("sources") or 1) < 2 or not row.get("source_urls"):
        return []
    value = row["source_urls"]
    urls = json.loads(value) if isinstance(value, str) else list(value)
    return [url for url in urls if url and url != row.get("url")]


def _is_date(value: str) -> bool:
    return len(value) == 10


def _zoned(value: str, timezone: str | None) -> datetime:
    """The instant in the talk's IANA zone (so a VTIMEZONE is emitted), else in UTC.

    In UTC too when the zone's wall time is ambiguous or skipped (a DST change's hour).

    A time without offset and without zone stays floating: that is what the page said.
    """
    moment = datetime.fromisoformat(value)
    zone = zones.zone(timezone)
    if zone is not None:
        local = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
        if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
            # A wall time that happens twice (autumn) or never (spring): RFC 5545 says the
            # first, ical.js reads the second; UTC is read alike by all. Same instant as
            # talks.starts_at_utc, which reads a bare local time as fold=0 too.
            return local.astimezone(UTC)
        return local
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment


def _stamp(row: Mapping[str, Any]) -> datetime:
    """DTSTAMP: when the talk last changed in the store (deterministic, unlike 'now')."""
    value = row.get("updated_at") or row.get("last_seen") or row.get("first_seen")
    if not value:
        return datetime.now(UTC).replace(microsecond=0)
    moment = datetime.fromisoformat(value)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
