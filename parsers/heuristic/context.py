"""What the page around the talks says: the heuristic extractor's context pass.

Lines in no record are *context* (`extract`, step 3):
- the page's year (its title or main headings, "Fall 18" too), whether it covers an academic
  year ("2023/24"), and whether its numeric dates put the day first;
- series facts: a time or zone given once for the series ("Thursdays, 14:00–15:00", "all
  times CET"), above the talks or in a side card below them, holds for every talk that gives
  none (a term it names limits it: "Meetings for Fall 2025 …"), before the source's zone;
- as the page is read, day headings give rows their date, year headings their year, and a
  room line under a day heading or a sentence saying where the series meets its location;
  a one-day event's day printed only in the chrome dates an undated programme (`chrome_day`).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime

from parsers.base import Context
from parsers.common import dates, times, zones
from parsers.common.html import HtmlElement
from parsers.common.text import clean
from parsers.heuristic.chrome_day import chrome_day
from parsers.heuristic.chrome_facts import chrome_lines
from parsers.heuristic.lines import Line
from parsers.heuristic.patterns import (
    ABOUT_TALKS,
    BREAKS,
    FIELD_SEPARATOR,
    ONLINE,
    PLACEHOLDER,
    SERIES_DAYS,
    SERIES_WHEN,
    SHORT_TERM,
    TERM,
    ZONE_WORDS,
)
from parsers.heuristic.programme import day_number_joined
from parsers.heuristic.reading import PageContext, SeriesTime, clock_span, has_clock, parse_line
from parsers.heuristic.records import YEAR
from parsers.heuristic.titles import looks_like_place


def term_years(text: str) -> frozenset[int]:
    """The years of the terms a text names ("Fall 2025" -> 2025, "2022/23" -> 2022 and 2023);
    a range of years that is not one academic year ("2006–2025") names no term."""
    years: set[int] = set()
    for match in TERM.finditer(text):
        first = int(match.group("year") or match.group("first"))
        second = match.group("next") or match.group("second")
        if second and int(second[-2:]) != (first + 1) % 100:
            continue
        years.add(first)
        if second:
            years.add(first + 1)
    return frozenset(years)


_FULL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def years_named(text: str) -> list[int]:
    """The years a heading names: four-digit years, else a term's two-digit one ("Fall 18"
    is 2018, "WS 23/24" 2023)."""
    found = [int(y) for y in _FULL_YEAR.findall(text)]
    if found:
        return found
    return [
        2000 + int(m.group("yy")) if int(m.group("yy")) < 70 else 1900 + int(m.group("yy"))
        for m in SHORT_TERM.finditer(text)
    ]


_DAY_FIRST_LANGS = re.compile(r"^en-(gb|au|nz|ie|in|za)$|^(?!en)", re.I)


def page_year(root: HtmlElement, lines: list[Line], ctx: Context) -> int | None:
    title = clean(root.findtext(".//title") or "") or ""
    headings = " ".join(line.text for line in lines[:80] if line.heading in (1, 2))
    for text in (title, headings):
        found = years_named(text)  # "Seminar 2024", or a term's short year: "Fall 18"
        if found:
            return Counter(found).most_common(1)[0][0]
    years = Counter(y for line in lines[:3000] for y in YEAR.findall(line.text[:300]))
    if years:
        return int(years.most_common(1)[0][0])
    return ctx.now.year if ctx.now else None


_ACADEMIC = re.compile(r"(?<!\d)(?:19|20)(\d\d)\s*[/–-]\s*(?:(?:19|20)?\d\d)(?!\d)")


def academic_year(root: HtmlElement, lines: list[Line], year: int | None) -> bool:
    """Does the page's title or main heading name an academic year ("2023/24", "2023-2024")?"""
    title = root.findtext(".//title") or ""
    main = " ".join(line.text for line in lines[:300] if line.heading in (1, 2))
    for match in _ACADEMIC.finditer(f"{title} {main}"):
        first = int(match.group(0)[:4])
        second = re.sub(r"\D", "", match.group(0)[4:])
        if year == first and second and int(second[-2:]) == (first + 1) % 100:
            return True
    return False


def day_first(root: HtmlElement, lines: list[Line], year: int | None) -> bool:
    """Numeric dates: 3/5 is 3 May unless the page shows month-first (13+ in the day slot, or
    weekdays that agree only with month-first), or is US English and shows no evidence."""
    votes = Counter()
    for line in lines[:3000]:
        for a, b in re.findall(
            r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?:[/.]\d{2,4})?(?![\d/])", line.text[:200]
        ):
            a, b = int(a), int(b)
            if a > 12 >= b:
                votes["day"] += 1
            elif b > 12 >= a:
                votes["month"] += 1
    if votes["day"] != votes["month"]:
        return votes["day"] > votes["month"]
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    return bool(_DAY_FIRST_LANGS.search(lang)) if lang else True


# --------------------------------------------------------------------------- series facts


_BRACKETED = re.compile(r"\([^()]{2,}\)|\[[^\[\]]{2,}\]")
# What may stand next to a bare series time ("Fridays, 2:00–3:00 pm CET") and say nothing else.
_TIME_ONLY_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(dates.WEEKDAYS, key=len, reverse=True)) + r")s?\b|"
    r"\b(?:at|from|to|on|and|every|each|weekly|monthly|usually|all|times?|local|time)\b|"
    # a label naming the hour ("Hour: 14h00", "Horário: 14h", "Uhrzeit: 14:00")
    r"^\W*(?:hours?|heures?|horas?|hor[aá]rios?|horaires?|orario|ora|uhrzeit|zeit)\s*:|"
    r"[^\w]+",
    re.I,
)
SERIES_LINE_MAX = 300


def series_time(line: Line, ctx: PageContext) -> tuple[SeriesTime | None, bool]:
    """The clock time a page-level line gives for the whole series, and whether the line is
    bare (only the time, its zone and weekday words: "12:00–13:00 CET"), which is weaker
    evidence than a sentence that says so ("Talks take place at 12pm", "Thursdays, 14:00").

    Read only when the line holds no date; with no am/pm, "2:00-3:00" is read as a US agenda
    would ("Fridays 2:00-3:00" is 14:00). A break ("Coffee every day at 10:30") or a label
    that is not about talks ("Office hours:") gives nothing."""
    text = line.text
    if len(text) > SERIES_LINE_MAX or not times.find_time_range(text)[0]:
        return None, False
    parsed = parse_line(line, ctx)
    if parsed.day is not None or parsed.label not in (None, "time", "date"):
        return None, False
    outside = _blank_brackets(text)  # "(12:30–13:30 from autumn 2026)": an exception
    start, end, span = times.find_time_range(outside, twelve_hour=True)
    if start is None or BREAKS.match(parsed.rest):
        return None, False
    left = _TIME_ONLY_WORDS.sub(" ", _blank_brackets(parsed.rest))
    said = bool(
        SERIES_DAYS.search(outside)
        or (
            SERIES_WHEN.search(outside)
            and (ABOUT_TALKS.search(outside) or len(re.findall(r"[^\W\d_]{2,}", left)) <= 2)
        )
    )
    if not said and re.search(r"[^\W\d_]", left):
        return None, False
    # the zone printed right after the time, brackets included ("14:00 (UTC+1)")
    zone = zones.find_zone(text[span[1] : span[1] + 30]) or zones.find_zone(outside)
    return SeriesTime(start, end, zone, term_years(outside), line.index), not said


def _blank_brackets(text: str) -> str:
    """Bracketed asides as spaces, keeping offsets ("CE(S)T" keeps its letter)."""
    return _BRACKETED.sub(lambda m: " " * len(m.group(0)), text)


def page_zone(line: Line) -> str | None:
    """The zone a page-level line gives its times in ("All times are CET", "Time zone:
    Europe/Berlin", "Horaires en heure de Paris"); a zone in any other sentence is not one."""
    text = line.text
    if len(text) > SERIES_LINE_MAX or not ZONE_WORDS.search(text):
        return None
    return zones.find_zone(text)


MAX_FACT_LINES = 3000  # lines searched for a time or zone given once for the series


def series_facts(
    lines: list[Line], owner: dict[int, int], talking: set[int], field_ctx: PageContext
) -> tuple[list[SeriesTime], str | None]:
    """The clock times and the zone the page gives once for its talks, wherever it gives them:
    an intro sentence, a side card after the list, a block that gave no talk. A bare time
    line ("12:00–13:00 CET") counts only when the page has one such time: several are the
    slots of an agenda, not the series' time."""
    sentences, bare, zone = [], [], None
    for line in lines[:MAX_FACT_LINES]:
        if owner.get(line.index) in talking or line.column:  # a table row's own cell
            continue
        fact, is_bare = series_time(line, field_ctx)
        if fact is not None:
            (bare if is_bare else sentences).append(fact)
        elif zone is None:
            zone = page_zone(line)
    for line in chrome_lines(lines):  # the site's header or sidebar: sentences only
        fact, is_bare = series_time(line, field_ctx)
        sentences += [fact] if fact is not None and not is_bare else []
    facts = sentences + (bare if len({f.start for f in bare}) == 1 else [])
    facts.sort(key=lambda f: f.index)
    return facts, zone or next((f.zone for f in facts if f.zone), None)


def with_series_facts(talk, at: int, facts: list[SeriesTime], zone: str | None):
    """A dated talk without a clock time takes the series time that covers its date (the
    nearest above it, else the first below: a side card after the list); a talk with a time
    but no printed zone takes the page's zone, else the source's."""
    if not talk.starts_at or talk.timezone:
        return talk
    day = date.fromisoformat(talk.starts_at[:10])
    if len(talk.starts_at) == 10:
        covering = [f for f in facts if f.covers(day)]
        above = [f for f in covering if f.index < at]
        fact = above[-1] if above else (covering[0] if covering else None)
        if fact is None:
            return talk
        tz = fact.zone or zone
        return talk.with_changes(
            starts_at=dates.combine(day, fact.start, tz),
            ends_at=dates.combine(day, fact.end, tz) if fact.end else None,
            timezone=tz,
        )
    if not zone or datetime.fromisoformat(talk.starts_at).tzinfo is not None:
        return talk
    return talk.with_changes(
        starts_at=_in_zone(talk.starts_at, zone),
        ends_at=_in_zone(talk.ends_at, zone),
        timezone=zone,
    )


def _in_zone(moment: str | None, zone: str) -> str | None:
    """A local "YYYY-MM-DDTHH:MM:SS" given the offset of `zone` on that day."""
    if not moment or len(moment) <= 10:
        return moment
    local = datetime.fromisoformat(moment)
    if local.tzinfo is not None:
        return moment
    return dates.combine(local.date(), local.time(), zone)


# ----------------------------------------------------------------------------- the page read so far


# "Talks take place in Room 507", "I seminari si tengono presso l'Aula Magna", "takes place
# on zoom": where the series meets, said once in a sentence above the talks.
VENUE_PHRASE = re.compile(
    r"\b(?:takes?\s+place|held|meets?|are|is|will\s+be|findet|finden|ont\s+lieu|a\s+lieu|"
    r"se\s+celebran?|si\s+tiene|si\s+tengono|vinden?\s+plaats)"
    r"(?:\s+\w+){0,3}?\s+(?:in|at|im|en|dans|à|nella|nell'|presso|nel|"
    r"(?:on|via|over|über|sur|por|su)(?=\s+(?:zoom|teams|webex|jitsi|google\s+meet|gather)\b))\s+"
    r"(?:the\s+|la\s+|le\s+|el\s+|il\s+|l')?(?P<place>[^.;]{3,160})",
    re.I,
)
# Where the place named in such a sentence ends.
VENUE_END = re.compile(
    r",?\s+(?:unless|except|but|where|salvo|sauf|außer|excepto|and\s+(?:are|is|streamed|"
    r"online|on|via|will|typically|usually|normally|generally|often|scheduled))\b"
    r"|\s+\(?(?:unless|except)\b",
    re.I,
)


def update_context(field_ctx: PageContext, lines: list[Line]) -> None:
    """Headings and loose lines set the year, the day and the room of the records below; the
    first call also reads the day a one-day event prints only in its chrome (`chrome_day`)."""
    if not field_ctx.chrome_read and lines:
        field_ctx.chrome_read = True
        if field_ctx.day is None:
            field_ctx.day = chrome_day(lines[0].element, field_ctx.year, field_ctx.day_first)
    for line in lines:
        line = day_number_joined(field_ctx, line)
        if line is None:
            continue
        text = line.text
        if len(text) > 300:  # a paragraph: only its venue sentence, if any, is context
            if len(text) <= VENUE_PARAGRAPH_MAX and not line.heading:
                field_ctx.location = _venue_in_sentence(line) or field_ctx.location
            continue
        if not line.heading and in_page_link(line):
            continue  # a table of contents ("2019", "2018" … linked to "#2019"): navigation
        years = years_named(text) if line.heading or len(text) <= 60 else []
        if years:
            field_ctx.year = years[0]
            field_ctx.previous = None  # a new year heading: dates below follow it
            field_ctx.academic = bool(_ACADEMIC.search(text))
            field_ctx.year_heading = bool(_BARE_YEAR.match(text))
        parsed = parse_line(line, field_ctx)
        if parsed.day and (line.heading or len(parsed.rest) <= 40):
            field_ctx.day = parsed.day
        elif parsed.label == "location" and parsed.rest:
            field_ctx.location = parsed.rest
        elif (
            not parsed.day
            and not line.heading
            and looks_like_place(text)
            and not PLACEHOLDER.match(text)  # a "TBA" cell is no room for the whole page
        ):
            field_ctx.location = _logistics_place(line) or _location_text(line)
        elif not line.heading and len(text) > 40:
            field_ctx.location = _venue_in_sentence(line) or field_ctx.location


def in_page_link(line: Line) -> bool:
    """Is the line wholly links to places on its own page (`href="#…"`)? Such a line is a
    table of contents: the years and days it lists say where the sections are, not when the
    talks below it are (the last entry, "2015", would date the first talks after it)."""
    shown = [element for text, element in line.fragments if text.strip()]
    return bool(shown) and all(_anchor_link(element, line.element) for element in shown)


def _anchor_link(element: HtmlElement | None, stop: HtmlElement) -> bool:
    while element is not None and element is not stop:
        if element.tag == "a":
            return (element.get("href") or "").startswith("#")
        element = element.getparent()
    return False


VENUE_PARAGRAPH_MAX = 800  # an intro paragraph that says where the series meets
# A line that is only a year ("2021", "— 2019 —"): the talks below it are in that year, even
# when the list runs newest first and "February 22" follows "October 2".
_BARE_YEAR = re.compile(r"^\W*(?:19|20)\d\d\W*$")


def _venue_in_sentence(line: Line) -> str | None:
    """The place an intro sentence gives for the series: set in bold, or named after "take
    place in" and its like ("… in <b>Hurley Hall 257</b> unless otherwise noted")."""
    for text, element in line.fragments:
        text = clean(text) or ""
        if element is not None and element.tag in ("strong", "b") and looks_like_place(text):
            return _with_platform(text.strip(" ,;"), line.text)
    for match in VENUE_PHRASE.finditer(line.text):
        place = VENUE_END.split(match.group("place"), maxsplit=1)[0].strip(" ,;:")
        place = _without_when(place)
        if looks_like_place(place):
            return place
    return _logistics_place(line)


# A meeting service a sentence names after "online" ("online via Zoom", "online através do
# Google Meet", "Online (Microsoft Teams)").
_PLATFORM_AFTER = re.compile(
    r"^[\s,(]*(?:[^\s.;:!?]+\s+){0,3}?(?P<name>zoom|google\s+meet|(?:microsoft\s+|ms\s+)?teams|webex|"
    r"jitsi(?:\s+meet)?|skype|gather(?:\.town)?|big\s?blue\s?button)\b",
    re.I,
)


def _with_platform(place: str, text: str) -> str:
    """A bold mode word ("<b>online</b> through Google Meet") runs on to the service the
    sentence names right after it: the service says where the talks are held."""
    if not ONLINE.fullmatch(place):
        return place
    at = text.find(place)
    after = _PLATFORM_AFTER.match(text[at + len(place) :]) if at >= 0 else None
    if not after:
        return place
    found = text[at : at + len(place) + after.end()]
    return found + ")" if found.count("(") > found.count(")") else found  # "Online (Teams)"


# "… on Mondays from 3:15", "…, every Friday": where the when of a venue sentence begins.
_WHEN_AFTER_PLACE = re.compile(
    r",?\s+(?:on|every|each|from|at|,)?\s*(?:"
    + "|".join(sorted(dates.WEEKDAYS, key=len, reverse=True))
    + r")s?\b.*$",
    re.I,
)


def _without_when(place: str) -> str:
    """The place of "take place at 12pm in room 401B" or "in Moody 241 on Mondays from 3:15":
    the clock time and the weekdays said with it are the series' time, not part of the room."""
    place = _WHEN_AFTER_PLACE.sub("", place)
    span = clock_span(place)
    if span and span[0] == 0:
        place = re.sub(r"^\s*(?:in|at|,)?\s+", "", place[span[1] :])
    elif span:
        place = re.sub(r"[\s,]*(?:from|at|,)?\s*$", "", place[: span[0]])
    return place.strip(" ,;:")


def _logistics_place(line: Line) -> str | None:
    """The place in a series' "when · where" line ("Thursdays, 14:00–15:00 · Main campus,
    Madrid (room to be confirmed).", "Fridays 15:00–16:00, Room M1.03.", "every Wednesday,
    12:00 in Gates 463A"): a separated piece of its first sentence that reads as a place once
    its time is cut, when the line gives a clock time."""
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", line.text, maxsplit=1)[0]
    if not has_clock(first):
        return None
    pieces = FIELD_SEPARATOR.split(first)
    if len(pieces) < 2:  # "Fridays 15:00–16:00, Room M1.03."
        pieces = re.split(r"[,;]\s+", first)
    for piece in pieces:
        piece = _without_when(piece.strip(" ,;."))  # "12:00 in Gates 463A"
        if looks_like_place(piece) and not has_clock(piece):
            return piece
    return None


def _location_text(line: Line) -> str:
    """A room line minus a trailing map link ("… Campus Jussieu — MAP")."""
    text = line.text.replace("\xad", "")
    last = line.fragments[-1] if line.fragments else None
    if last and last[1] is not None and last[1].tag == "a" and len(last[0].strip()) <= 8:
        text = text[: text.rfind(last[0].strip())] if last[0].strip() in text else text
    return (clean(text) or "").strip(" ,;–—-|")
