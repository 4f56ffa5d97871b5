"""Calendar feeds (iCalendar, RFC 5545): an `.ics` file, or an HTML page that links one.

Many seminar series publish a feed (Indico, Google Calendar, researchseminars.org, scripts in
a site's repository) even when their page is hard to read, and a feed states dates, zones and
cancellations exactly. Read with the icalendar library; quirks handled:
- SUMMARY usually packs speaker and title ("Seminar: Jane Doe – Title", "Jane Doe: Title",
  "Title (Jane Doe)"), split by `people.speaker_and_title`; a series name before a colon
  ("Logic Seminar: Jane Doe — Title") is dropped. Where DESCRIPTION names the speaker
  ("Speaker: ...", or researchseminars.org's "by Jane Doe (MIT) as part of Series") that
  name is checked against the split, and cut out of the SUMMARY when no rule split it;
- a SUMMARY that is only a speaker ("Jane Doe (MIT)", as researchseminars.org and other
  generators write it) takes its title from DESCRIPTION: a "Title: ..." line, or a quoted
  first line; a SUMMARY that is only the series name, a generic word ("Seminar") or a slot's
  kind ("Closing Keynote", "Talk 3") is no title either; a break or a meal with no speaker
  ("Morning Break", "Lunch") is no talk. An "Institution:"/"Affiliation:" line gives a lone
  speaker's affiliation;
- DESCRIPTION may hold HTML (`<b>Title:</b> <a href=...>...</a>`): it is read as text;
  labelled metadata lines (title, speaker, series, organisers, passwords, stream links) and
  a lone "Abstract" heading are not abstract;
- a LOCATION that is only a URL is not a place: a meeting link marks the talk online, any
  other URL is the event's page ("Lecture held in ..." in DESCRIPTION then gives the room);
- all-day events (`VALUE=DATE`) are dates, not midnight talks;
- times in UTC (`...Z`) are shown in the calendar's zone (`X-WR-TIMEZONE`) when it names one;
  floating times take that zone, or the source's;
- recurring events (RRULE/RDATE minus EXDATE, overridden instances by RECURRENCE-ID) are
  expanded only inside a bounded window: one year either side of `ctx.now`, or of the feed's
  own dates when no clock is given (a parser has no clock), and at most `MAX_OCCURRENCES`;
- `STATUS:CANCELLED` (or "cancelled" in the SUMMARY) gives the talk's status;
- talks come in the feed's own order (as a page lists them, newest first or not), the
  occurrences of one UID together and by date.
On an HTML page this stage finds no talks itself: it asks for the linked feed to be fetched
(`Follow(role="listing")`), with `webcal://` turned into `https://`.
"""

from __future__ import annotations

import html as html_text
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from parsers.base import Context, Follow, ParseResult
from parsers.common import vocab, zones
from parsers.common.html import HtmlElement
from parsers.common.links import absolute, classify
from parsers.common.people import (
    NOT_NAME_WORDS,
    SLOT_LABEL,
    clean_affiliation,
    people_in,
    speaker_and_title,
)
from parsers.common.text import clean, fold, status_of
from parsers.talk import Link, Speaker, Talk

NAME = "ical"
URL_PATTERNS: tuple[str, ...] = ()

EXTRACTED_BY = "ical"
WINDOW = timedelta(days=366)
MAX_OCCURRENCES = 1000  # per feed: a daily RRULE without end stops here
MAX_EVENTS = 5000
MAX_BYTES = 10_000_000
_FEED_HREF = re.compile(r"(^webcal://|\.ics(\?|#|$)|[?&](format|type)=ical\b|/ical/?(\?|$))", re.I)
_SPEAKER_LINE = re.compile(
    r"^\s*(?:speakers?|presenters?|referent(?:in)?|orateur)\s*:\s*(.+)$", re.I | re.M
)
_URL = re.compile(r"^\s*https?://\S+\s*$")
_ONLINE = re.compile(r"\b(online|zoom|teams|webex|virtual|remote|jitsi)\b", re.I)
_TITLE_LINE = re.compile(
    r"^\s*(?:talk\s+)?(?:title|titre|titel|título|titolo)\s*:\s*(.+)$", re.I | re.M
)
_AFFILIATION_LINE = re.compile(r"^\s*(?:institution|affiliation|institut)\s*:\s*(.+)$", re.I | re.M)
# researchseminars.org: "by Jane Doe (MIT) as part of Series"; the series part may be absent.
_BY_LINE = re.compile(r"^\s*by\s+(?P<who>.{3,200}?)(?:\s+as part of\s+.+)?\s*$", re.I | re.M)
_HELD_IN = re.compile(r"^\s*(?:(?:lecture|talk|seminar)\s+)?held in\s+(.+?)\.?\s*$", re.I | re.M)
_QUOTED = re.compile(r"^\s*[\"“„«](?P<title>[^\"“”„«»]{3,250})[\"”“»]\.?\s*$")
# Lines of a DESCRIPTION that describe the event, not the talk: never part of the abstract.
_META_LINE = re.compile(
    r"^\s*(?:(?:talk\s+)?(?:title|titre|titel|título|titolo|institution|affiliation|series|"
    r"organi[sz]ers?|speaker\s+link|homepage|password(?:\s+hint)?|passcode|meeting\s+id|"
    r"(?:interactive|view-only)?\s*livestream|zoom(?:\s+link)?|access)\s*:"
    r"|(?:(?:lecture|talk|seminar)\s+)?held in\s|by\s.{3,200}\sas part of\s"
    r"|abstract\s*:?\s*(?:tba|tbd|tbc)?\.?\s*$)",
    re.I,
)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,500}>")
_ABSTRACT_LABEL = re.compile(r"^\s*abstract\s*:\s*", re.I)
# A SUMMARY that names no talk: a generic word, with at most two qualifiers ("Research seminar").
_GENERIC_SUMMARY = re.compile(
    r"^(?:(?:special|invited|guest|research|weekly|monthly|online|hybrid|virtual|department(?:al)?"
    r"|group|student|graduate|internal|informal|joint|regular|lab|team)\s+){0,2}"
    + vocab.alternation((*vocab.SESSION_NOUNS, *vocab.MEETING_NOUNS, *vocab.EVENT_NOUNS))
    + r"s?$",
    re.I,
)
_SERIES_PREFIX = re.compile(r"^(?P<series>[^:]{2,80}?)\s*:\s+(?P<rest>.+)$")
_SEPARATORS = " \t:;,|–—-"


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
        fold(part) for name in names for part in (name, *_NAME_PARTS.split(name)) if part.strip()
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
    description = _plain(raw_description)
    title, speakers = _title_and_speakers(summary, description, labels)
    if not speakers and _no_talk(summary):
        return None
    location, online, page = _place(clean(str(event.get("LOCATION") or "")), description)
    url = clean(str(event.get("URL") or "")) or None
    if url and not url.startswith(("http://", "https://")):
        url = None
    if page and (url is None or _ONLINE.search(url)):
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
        abstract=_abstract(description),
        url=url,
        links=tuple(_links(raw_description)),
        status=status or status_of(summary),
        extracted_by=EXTRACTED_BY,
        source_key=f"{event.get('UID')}|{_key(start)}" if event.get("UID") else None,
    )


# --------------------------------------------------------------------------- title and speakers


def _title_and_speakers(
    summary: str | None, description: str | None, labels: frozenset[str]
) -> tuple[str | None, list]:
    """Title and speakers from SUMMARY, checked against and completed from DESCRIPTION."""
    named = _described_speakers(description)
    if not summary or _is_label(summary, labels):
        title, speakers = None, []
    else:
        title, speakers = _split_summary(summary, named)
        if not speakers:
            title, speakers = _first_name_in_brackets(summary) or (title, speakers)
    if title is not None and _is_label(title, labels):
        title = None  # "Jane Doe (MIT) — Seminar", "Series Name: Jane Doe (MIT)"
    if title is None and description:
        title = _described_title(description)
    speakers = _with_affiliations(speakers, named) if speakers else named
    return title, _with_institution(speakers, description)


def _split_summary(summary: str, named: list) -> tuple[str | None, list]:
    """The first reading of SUMMARY whose speakers agree with those DESCRIPTION names.

    Readings, in order: the common patterns (`speaker_and_title`); the same after a leading
    series label ("Logic Seminar: Jane Doe — Title"); the described speaker's name cut out of
    the SUMMARY. With no agreeing reading DESCRIPTION's speakers win, and the first
    reading's title stands (the person it named is a host or chair, not the speaker).
    """
    title, speakers = speaker_and_title(summary)
    readings = [(title, speakers)]
    prefix = _SERIES_PREFIX.match(summary)
    if prefix and not people_in(prefix["series"]):
        readings.append(speaker_and_title(prefix["rest"]))
    for title, speakers in readings:
        if speakers and (not named or _agree(speakers, named)):
            return title, speakers
    if named:
        cut = _cut_name(summary, named)
        title = readings[0][0] if readings[0][1] else summary
        return (cut, named) if cut is not None else (title, named)
    return readings[0]


def _is_label(summary: str, labels: frozenset[str]) -> bool:
    """A SUMMARY (or the title part of one) that is the series' or calendar's name, or a
    generic word, names no talk. A calendar named "Institute Seminar — Series Name" labels its
    events with either part, so a part of the name between separators counts too."""
    return (
        fold(summary) in labels
        or bool(_GENERIC_SUMMARY.match(summary))
        or bool(SLOT_LABEL.match(summary))  # "Closing Keynote", "Talk 3": a slot, no title
    )


_NAME_PARTS = re.compile(r"\s+[–—|-]\s+|:\s+")


def _no_talk(summary: str | None) -> bool:
    """A SUMMARY with no speaker that says the slot is no talk: a placeholder ("Series:
    speaker to be announced", "TBA") or a working or writing session."""
    text = clean(summary) or ""
    prefix = _SERIES_PREFIX.match(text)
    rest = prefix["rest"] if prefix and not people_in(prefix["series"]) else text
    return bool(
        _PLACEHOLDER_SLOT.match(rest) or _WORK_SESSION.search(text) or _BREAK_SLOT.match(rest)
    )


def _first_name_in_brackets(summary: str) -> tuple[str, list] | None:
    """(title, speakers) from "Title (Ben)": a group's internal talk, the speaker by first name
    (or two initials, "CJ") in brackets after the title. A placeholder in the brackets ("Title
    (TBD)") is cut with no speaker; an acronym of three or more capitals is an affiliation."""
    match = _TITLE_THEN_WORD.match(summary)
    if match is None or len(match["title"].split()) < 2:
        return None
    word = match["who"]
    if _PLACEHOLDER_SLOT.match(word):
        return match["title"], []
    if fold(word) in NOT_NAME_WORDS or not _FIRST_NAME.match(word):
        return None
    return match["title"], [Speaker(word)]


_TITLE_THEN_WORD = re.compile(r"^(?P<title>[^()]{3,}?)\s*\((?P<who>[^\s()]{2,20})\)$")
_FIRST_NAME = re.compile(r"^(?:[A-ZÀ-Ý][a-zß-ÿ'’-]{1,19}|[A-Z]{2})$")
_PLACEHOLDER_SLOT = re.compile(
    r"^\W*(?:(?:speakers?|talk|title|topic|speaker and title)\s+)?(?:tba|tbd|tbc|"
    r"to be (?:announced|confirmed|determined))\W*$",
    re.I,
)
# A conference calendar's breaks and meals ("Morning Break", "Lunch", "Coffee & Registration").
_BREAK_SLOT = re.compile(
    r"^\W*(?:(?:morning|afternoon|evening|coffee|tea|lunch|dinner|networking)\s+)?"
    r"(?:breaks?|lunch|dinner|breakfast|coffee|registration|reception|check-?in|doors open)"
    r"(?:\s*(?:&|and)\s*(?:registration|coffee|networking|check-?in))?\W*$",
    re.I,
)
# Events a group's calendar holds besides its talks ("Working day — coding", "Writing day").
_WORK_SESSION = re.compile(
    r"\b(?:working|work|writing|coding|study)\s+(?:days?|sessions?|afternoons?|mornings?)\b|"
    r"\bworkdays?\b|\boffice hours\b",
    re.I,
)
# A dateless event that announces a move ("Seminar by X postponed to July 1"): a notice.
_NOTICE = re.compile(r"\b(?:postponed|moved|rescheduled|shifted|verschoben|reporté)\s+to\b", re.I)


def _agree(found: list, named: list) -> bool:
    return bool({fold(s.name) for s in found} & {fold(s.name) for s in named})


def _cut_name(summary: str, named: list) -> str | None:
    """SUMMARY minus a described speaker's name (and its bracketed affiliation): the title.

    The title is what follows the name ("Series: Jane Doe — Title"), else what precedes it
    ("Title (Jane Doe)"); a series label before a colon is dropped from what precedes.
    """
    for speaker in named:
        words = r"\s+".join(re.escape(word) for word in speaker.name.split())
        found = re.search(rf"(?<!\w){words}(?!\w)", summary, re.I)
        if found is None:
            continue
        before, after = summary[: found.start()], summary[found.end() :]
        after = re.sub(r"^\s*[(\[][^()\[\]]*[)\]]", "", after).strip(_SEPARATORS + " \"“”'")
        if after:
            return after
        before = before.rstrip(_SEPARATORS + "([ ")
        prefix = _SERIES_PREFIX.match(before)
        before = prefix["rest"] if prefix and not people_in(prefix["series"]) else before
        return before.strip(_SEPARATORS + " \"“”'") or None
    return None


def _described_speakers(description: str | None) -> list:
    """The speakers DESCRIPTION names: a "Speaker:" line, or a "by Jane Doe (MIT) ..." line."""
    if not description:
        return []
    for pattern in (_SPEAKER_LINE, _BY_LINE):
        for match in pattern.finditer(description):
            people = people_in(match.group(1))
            if people:
                return people
    lines = [ln for ln in description.splitlines() if ln.strip()]
    if len(lines) >= 2 and _QUOTED.match(lines[1]):  # "Jane Doe (MIT)" / "\"Title\""
        return people_in(lines[0])
    return []


def _described_title(description: str) -> str | None:
    """A "Title: ..." line, else a first line in quotes; a placeholder ("TBA") is kept."""
    line = _TITLE_LINE.search(description)
    if line:
        return clean(line.group(1).strip(" \"“”'")) or None
    lines = [ln for ln in description.splitlines() if ln.strip()]
    for position, text in enumerate(lines[:2]):  # the first line, or the one after a speaker
        quoted = _QUOTED.match(text)
        if quoted and (position == 0 or people_in(lines[0])):
            return clean(quoted["title"])
    return None


def _with_affiliations(speakers: list, named: list) -> list:
    """SUMMARY's speakers, each given the affiliation DESCRIPTION states for the same name."""
    by_name = {fold(s.name): s for s in named}
    kept = []
    for speaker in speakers:
        described = by_name.get(fold(speaker.name))
        if described is not None and described.affiliation and _fuller(described, speaker):
            speaker = described  # "Northwestern University" for SUMMARY's "Northwestern"
        kept.append(speaker)
    return kept


def _fuller(described, speaker) -> bool:
    """DESCRIPTION's affiliation says at least what SUMMARY's does (or SUMMARY has none)."""
    given = fold(speaker.affiliation or "")
    return not given or fold(described.affiliation).startswith(given)


def _with_institution(speakers: list, description: str | None) -> list:
    """A lone speaker without affiliation takes DESCRIPTION's "Institution:" line."""
    if len(speakers) != 1 or speakers[0].affiliation or not description:
        return speakers
    line = _AFFILIATION_LINE.search(description)
    affiliation = clean_affiliation(line.group(1)) if line else None
    return [replace(speakers[0], affiliation=affiliation)] if affiliation else speakers


def _place(
    location: str | None, description: str | None
) -> tuple[str | None, bool | None, str | None]:
    """(location, online, page URL): a LOCATION that is only a URL is a link, not a place."""
    page = None
    if location and _URL.match(location):
        page, location = location.strip(), None
        if _ONLINE.search(page):
            return _held_in(description), True, None
    location = location or _held_in(description)
    online = True if location and _ONLINE.search(location) else None
    return location, online, page


def _held_in(description: str | None) -> str | None:
    match = _HELD_IN.search(description or "")
    return clean(match.group(1)) if match else None


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


def _plain(description: str | None) -> str | None:
    """DESCRIPTION as text: some generators write HTML into it (`<b>Title:</b> <a ...>`)."""
    if not description or not _TAG.search(description):
        return description
    text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</li\s*>", "\n", description)
    return html_text.unescape(_TAG.sub("", text)).strip() or None


def _abstract(description: str | None) -> str | None:
    """DESCRIPTION minus bare URL lines, speaker lines and event metadata, paragraphs kept."""
    if not description:
        return None
    paragraphs = []
    lines = [ln for ln in description.splitlines() if ln.strip()]
    if lines and _QUOTED.match(lines[0]):  # the title, when SUMMARY has none (`_described_title`)
        description = description.replace(lines[0], "", 1)
    elif len(lines) >= 2 and _QUOTED.match(lines[1]) and people_in(lines[0]):
        description = description.replace(lines[0], "", 1).replace(lines[1], "", 1)
    for block in re.split(r"\n\s*\n", description):
        lines = [ln for ln in block.splitlines() if not _URL.match(ln)]
        lines = [ln for ln in lines if not _SPEAKER_LINE.match(ln) and not _META_LINE.match(ln)]
        lines = [_ABSTRACT_LABEL.sub("", ln) for ln in lines if ln.strip().lower() != "abstract"]
        text = clean(" ".join(lines))
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs) or None


def _links(description: str | None) -> list[Link]:
    if not description:
        return []
    found = []
    for url in re.findall(r"https?://[^\s<>\"']+", description)[:20]:
        kind = classify(url.rstrip(".,;)"))
        if kind != "other":
            found.append(Link(kind, url.rstrip(".,;)")))
    return found
