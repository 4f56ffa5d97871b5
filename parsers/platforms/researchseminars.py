"""researchseminars.org (formerly mathseminars.org): one site hosting thousands of series.

Two kinds of page, both from the site's own templates:
- a series page, `/seminar/<shortname>`: upcoming and past talks in `table.ntdata` rows of
  `td.weekday` ("Thu"), `td.monthdate` ("Oct 09"), `td.time` ("15:00", its `title` the zone
  abbreviation), `td.speaker`, `td.talktitle > a[knowl="talk/<shortname>/<n>"]`;
- a talk page, `/talk/<shortname>/<n>/`: `h1` title, speakers as "Jane Doe (MIT), John Roe,
  and Ann Lee" in `.talk-title h3 i`, "Thu Oct 9, 15:00-16:00 (...)" in bold, "Lecture held
  in ...", the abstract after a bold "Abstract:", and "( slides | video | paper )" links.
Quirks:
- times are shown in the *viewer's* zone, named at the top right ("UTC (UTC +0)"); a crawler
  sends no zone cookie, so that is UTC, and the times are read in the zone the page names;
- the series list prints no year; a talk page prints one ("15-Jan-2026, ...") only for a talk
  outside the current year. A year-less date is placed by its weekday near `ctx.now`'s year;
  with no clock it stays null (the series' feed, `/seminar/<shortname>/ics`, has exact dates
  and is the better source for a whole series);
- a rescheduled talk keeps a struck-through row at its old slot, linking to the new one: the
  old row is skipped;
- "TBA" is the site's placeholder for a missing title, kept as shown.
Each listed talk's page is followed (detail) for affiliations, abstract, room and links.
"""

from __future__ import annotations

import re
from datetime import date, time

from parsers.base import Context, Follow, ParserError, ParseResult
from parsers.common import dates, zones
from parsers.common.html import HtmlElement, first, select
from parsers.common.links import absolute, links_in
from parsers.common.people import parse_speaker
from parsers.common.text import clean, join_paragraphs, paragraphs, status_of, text_of
from parsers.talk import Link, Speaker, Talk

NAME = "researchseminars"
URL_PATTERNS: tuple[str, ...] = ()

DOMAINS = ("researchseminars.org", "mathseminars.org")
ROWS = "table.ntdata tr"
TALK_BODY = "div.talk-body"
ZONE_BOX = "div.topright"
_KNOWL = re.compile(r"^talk/(?P<series>[^/\s]+)/(?P<n>-?\d+)$")
# "Thu Oct 9, 15:00-16:00 (...)" this year, "15-Jan-2026, 15:00-16:00 (...)" any other year
_WHEN = re.compile(
    r"(?:(?P<weekday>[A-Z][a-z]{2})\s+(?P<month>[A-Z][a-z]{2})\s+(?P<day>\d{1,2})"
    r"|(?P<dday>\d{1,2})-(?P<dmonth>[A-Z][a-z]{2})-(?P<year>\d{4})),\s*"
    r"(?P<start>\d{1,2}:\d\d)\s*-\s*(?:[A-Z][a-z]{2}\s+[A-Z][a-z]{2}\s+\d{1,2},\s*)?"
    r"(?P<end>\d{1,2}:\d\d)"
)
_HELD_IN = re.compile(r"^Lecture held in\s+(.{1,200}?)\.?$")
_SPEAKER_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_ABSTRACT_LABEL = re.compile(r"^\s*Abstract\s*:\s*", re.I)
_AFTER_ABSTRACT = re.compile(r"^\s*(?:Audience|Comments|Series comments)\s*:|^\(\s")


def detect(root: HtmlElement) -> float:
    """The site's series table or talk body; sure when the page names the site."""
    title = (root.findtext(".//title") or "").lower()
    named = any(domain in title for domain in DOMAINS)
    if any(_knowl(a) for a in select(root, "td.talktitle a[knowl]")[:5]):
        return 0.95 if named else 0.7
    if first(root, f"{TALK_BODY}") is not None and first(root, "h1") is not None:
        return 0.9 if named else 0.0
    return 0.0


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    """A series page (its talks, each talk page followed), or a talk page on its own."""
    if select(root, "td.talktitle a[knowl]"):
        return _parse_series(root, ctx)
    if first(root, TALK_BODY) is not None:
        return parse_detail(root, ctx)
    raise ParserError(f"{ctx.url}: neither a series table nor a talk body")


def parse_detail(root: HtmlElement, ctx: Context) -> ParseResult:
    """A talk page: the authoritative title, speakers, time, room, abstract and links."""
    body = first(root, TALK_BODY)
    if body is None:
        raise ParserError(f"{ctx.url}: no talk body ({TALK_BODY})")
    title = _title(text_of(first(root, "h1")))
    zone = _page_zone(root, ctx)
    starts_at, ends_at = _talk_time(text_of(first(body, "b")), zone, ctx)
    talk = Talk(
        title=title,
        speakers=tuple(_speakers(text_of(first(root, ".talk-title h3 i", ".talk-title h3")))),
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=zone if starts_at and "T" in starts_at else None,
        location=_room(body),
        online=True if first(body, ".access_button") is not None else None,
        abstract=_abstract(body),
        url=ctx.url,
        links=tuple(_links(body, ctx.url)),
        status=status_of(title),
        extracted_by=NAME,
    )
    return ParseResult(talks=[talk])


# --------------------------------------------------------------------------- series page


def _parse_series(root: HtmlElement, ctx: Context) -> ParseResult:
    result = ParseResult()
    zone = _page_zone(root, ctx)
    for row in select(root, ROWS):
        anchor = first(row, "td.talktitle a[knowl]")
        if anchor is None or "rescheduled" in _classes(row):
            continue
        talk = _row_talk(row, anchor, zone, ctx)
        if talk.title or talk.speakers:
            result.talks.append(talk)
            if talk.url:
                result.follow.append(Follow(talk.url, "detail"))
    return result


def _row_talk(row: HtmlElement, anchor: HtmlElement, zone: str | None, ctx: Context) -> Talk:
    day = _row_date(row, ctx)
    clock = _clock(text_of(first(row, "td.time")))
    title = _title(text_of(anchor))
    return Talk(
        title=title,
        speakers=tuple(_speakers(text_of(first(row, "td.speaker")))),
        starts_at=dates.combine(day, clock, zone),
        timezone=zone if day and clock else None,
        url=_talk_url(anchor, ctx.url),
        status=status_of(title),
        extracted_by=NAME,
    )


def _row_date(row: HtmlElement, ctx: Context) -> date | None:
    """ "Thu" + "Oct 09": the year is the one near `ctx.now` with that weekday, else unknown."""
    weekday = dates.find_weekday(f"{text_of(first(row, 'td.weekday')) or ''}, 1")
    month_day = clean(text_of(first(row, "td.monthdate")))
    if weekday is None or not month_day or ctx.now is None:
        return None
    month, _, day = month_day.partition(" ")
    number = dates.MONTHS.get(month.lower())
    if not number or not day.isdigit():
        return None
    year = dates.year_for_weekday(number, int(day), weekday, ctx.now.year)
    return date(year, number, int(day)) if year else None


def _talk_url(anchor: HtmlElement, page_url: str) -> str | None:
    found = _knowl(anchor)
    if not found:
        return None
    return absolute(f"/talk/{found['series']}/{found['n'].lstrip('-')}/", page_url)


# --------------------------------------------------------------------------- fields


def _knowl(anchor: HtmlElement) -> re.Match[str] | None:
    return _KNOWL.match((anchor.get("knowl") or "").strip())


def _classes(row: HtmlElement) -> str:
    return " ".join(td.get("class") or "" for td in row.iter("td"))


def _title(text: str | None) -> str | None:
    """The title as shown; the organiser-only markers the site appends are not part of it."""
    text = clean(text)
    if text:
        text = re.sub(r"\s*\((?:hidden|private|series private|series unlisted)\)$", "", text)
    return text or None


def _speakers(text: str | None) -> list[Speaker]:
    """ "Jane Doe (MIT), John Roe, and Ann Lee": commas outside brackets separate speakers."""
    parts, depth, current = [], 0, ""
    for piece in re.split(r"([()])", clean(text) or ""):
        depth += {"(": 1, ")": -1}.get(piece, 0)
        if depth > 0 or piece in "()":
            current += piece
            continue
        chunks = _SPEAKER_SPLIT.split(piece)
        current += chunks[0]
        for chunk in chunks[1:]:
            parts.append(current)
            current = chunk
    parts.append(current)
    speakers = [parse_speaker(part.strip()) for part in parts if part.strip()]
    return [s for s in speakers if s]


def _page_zone(root: HtmlElement, ctx: Context) -> str | None:
    """The zone the page shows times in: named at the top right ("UTC (UTC +0)",
    "Europe/Lisbon (UTC +1)"), else by the abbreviation on a time cell, else the source's."""
    box = text_of(first(root, ZONE_BOX)) or ""
    for word in box.split():
        if zones.is_valid_zone(word) and ("/" in word or word == "UTC"):
            return word
    cell = first(root, "td.time[title]")
    found = zones.find_zone(cell.get("title")) if cell is not None else None
    return found if zones.is_valid_zone(found) else ctx.timezone


def _clock(text: str | None) -> time | None:
    match = re.fullmatch(r"(\d{1,2}):(\d\d)", clean(text) or "")
    return time(int(match[1]), int(match[2])) if match and int(match[1]) < 24 else None


def _talk_time(text: str | None, zone: str | None, ctx: Context) -> tuple[str | None, str | None]:
    match = _WHEN.search(text or "")
    if not match:
        return None, None
    if match["year"]:
        month, day, year = match["dmonth"], int(match["dday"]), int(match["year"])
    else:
        month, day = match["month"], int(match["day"])
        weekday = dates.WEEKDAYS.get(match["weekday"].lower())
        known = dates.MONTHS.get(month.lower())
        year = (
            dates.year_for_weekday(known, day, weekday, ctx.now.year)
            if ctx.now and known and weekday is not None
            else None
        )
    number = dates.MONTHS.get(month.lower())
    if not year or not number:
        return None, None
    try:
        day_value = date(year, number, day)
    except ValueError:
        return None, None
    start, end = _clock(match["start"]), _clock(match["end"])
    ends = dates.combine(day_value, end, zone) if end else None
    if ends and start and end < start:  # ends after midnight
        ends = dates.combine(date.fromordinal(day_value.toordinal() + 1), end, zone)
    return dates.combine(day_value, start, zone), ends


def _room(body: HtmlElement) -> str | None:
    """ "Lecture held in Room P3.10." is a text of its own (a cell, or a line before <br>)."""
    for piece in body.itertext():
        match = _HELD_IN.match(piece.strip())
        if match:
            return clean(match.group(1))
    return None


def _abstract(body: HtmlElement) -> str | None:
    """The paragraphs from the bold "Abstract:" label (printed in the first one) up to the
    topic labels or the "Audience:" line that follow it."""
    box = first(body, ".talk-details-container")
    found, kept = False, []
    for paragraph in (box if box is not None else body).iter("p"):
        text = " ".join(paragraphs(paragraph))
        if _ABSTRACT_LABEL.match(text):
            found, text = True, _ABSTRACT_LABEL.sub("", text)
        elif found and (_AFTER_ABSTRACT.match(text) or _is_labels(paragraph)):
            break
        if found and text:
            kept.append(text)
    return join_paragraphs(kept)


def _is_labels(paragraph: HtmlElement) -> bool:
    return first(paragraph, ".topic_label", ".language_label") is not None


def _links(body: HtmlElement, base: str) -> list[Link]:
    """Slides, video and paper links; the site labels them with exactly those words."""
    return [
        Link(kind, url)
        for url, kind in links_in(body, base)
        if kind in ("slides", "video", "paper")
    ]
