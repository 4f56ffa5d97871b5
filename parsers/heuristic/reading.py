"""The heuristic extractor's reading of one line: its label, its date, its clock time, and
the text left once those are cut out.

What a label, a column header or a class name says the line holds is `labels`' call. Dates
go through `parsers.common.dates` (regexes, no dateparser), read by `date_reading` with the
page's aids (weekdays, the talk before, an academic year); a `<time datetime>` states the
year the text leaves out. On a page that names no year, a yearless date is still cut from
the line (no date is given). A cell under a column headed by a date is on that date.
A slot in a section that an overview links under a day is on that day (`linked_days`).
Times outside 7:00-22:59 without am/pm are numbers ("Raum 0.01"), not clocks.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date, time

from parsers.common import dates, times, zones
from parsers.common.memo import MAX_ENTRIES, page_dict
from parsers.common.people import EVENT_LABEL
from parsers.common.text import clean
from parsers.heuristic.date_reading import column_day, date_head, read_date
from parsers.heuristic.labels import LABELLED, class_hint, column_kind, inline_hint, label_kind
from parsers.heuristic.lines import Line
from parsers.heuristic.linked_days import section_day
from parsers.heuristic.literal_markup import without_literal_markup
from parsers.heuristic.patterns import LINK_PIECE, STATUS_BRACKET, TOGGLE
from parsers.heuristic.programme import afternoon_slot

# A date that stamps the page or a person, not an event ("Last updated 1/10/2024", "joined").
META_DATE = re.compile(
    r"\b(joined|since|posted|published|updated|last modified|modified|created|born|received|"
    r"accepted|submitted|copyright|dernière modification|mis à jour|publié|aktualisiert|"
    r"stand|veröffentlicht|actualizado|publicado|uppdaterad|oppdatert|opdateret|bijgewerkt|"
    r"gewijzigd|zaktualizowano|aggiornat[oa])\b|©|最終更新|更新日",
    re.I,
)


SEPARATORS = " \t,;:–—-|·•/@"


@dataclass(frozen=True)
class SeriesTime:
    """A clock time the page gives once for its talks ("Thursdays, 14:00–15:00", "Talks take
    place at 12pm"), with the zone printed next to it. `years` limits it to the terms the line
    names ("Meetings for Fall 2025 …": that term's talks, not the archive below); empty, it
    holds for every talk. `index` is its line: the nearest one above a talk is the talk's."""

    start: time
    end: time | None
    zone: str | None
    years: frozenset[int]
    index: int

    def covers(self, day: date | None) -> bool:
        return day is not None and (not self.years or day.year in self.years)


@dataclass
class PageContext:
    """What a record inherits from the page around it (not `parsers.base.Context`, which is
    what a parser is given; this is what the heuristic reads off the page as it goes)."""

    url: str
    timezone: str | None
    year: int | None
    day: date | None = None
    location: str | None = None
    day_first: bool = True
    previous: date | None = None  # the last talk's date: a yearless date lands near it
    # the year comes from a heading that is only a year ("2021"): a yearless date below it is
    # in that year, wherever the talk before it was (lists run newest first as often as not)
    year_heading: bool = False
    academic: bool = False  # the page covers `year`/`year + 1` ("Seminar 2023/24")
    series_time: SeriesTime | None = None  # the clock time given once for the talks
    zone: str | None = None  # the zone the page gives its times in ("All times CET")
    chrome_read: bool = False  # the chrome was searched for the event's day (`chrome_day`)
    day_number: Line | None = None  # a heading that is only a day ("7"), read with the next


@dataclass
class Parsed:
    """A line's reading: the date/time found in it, and what is left once they are cut out."""

    line: Line
    day: date | None = None
    start: time | None = None
    end: time | None = None
    rest: str = ""
    label: str | None = None
    zone: str | None = None
    used: bool = False
    extra: dict = field(default_factory=dict)


def parse_line(line: Line, ctx: PageContext) -> Parsed:
    """Cut the date, the clock time and any label out of a line.

    The record finder, the context pass and the record's fields read the same lines with the
    same page facts (a third of the calls, on the corpus pages): each reading is made once per
    page (`_READINGS`), and every caller gets its own copy, since callers mark parts `used`
    and relabel them. The key is all the reading depends on: the line and four page facts."""
    near = None if ctx.year_heading else ctx.previous
    key = (id(line), ctx.year, ctx.day_first, near, ctx.academic)
    known = _READINGS.get(key)
    if known is None or known.line is not line:
        if len(_READINGS) >= MAX_ENTRIES:
            _READINGS.clear()
        known = _READINGS[key] = _parse_line(line, ctx, near)
    parsed = copy.copy(known)
    parsed.extra = dict(known.extra)
    return parsed


_READINGS: dict[tuple, Parsed] = page_dict()  # each entry keeps its line alive: ids stay unique


def _parse_line(line: Line, ctx: PageContext, near: date | None) -> Parsed:
    text = without_literal_markup(_without_link_labels(line))
    parsed = Parsed(line=line)
    labelled = LABELLED.match(text)
    if labelled and len(text) < 2000:
        kind = label_kind(labelled.group(1))
        if kind:
            parsed.label = kind
            text = labelled.group(2)
    if parsed.label is None and line.column:
        parsed.label = label_kind(line.column) or column_kind(line.column)
        parsed.extra["column"] = parsed.label is not None  # a default the content may overrule
    hinted = False
    if parsed.label is None:
        parsed.label = class_hint(line) or inline_hint(line)
        hinted = parsed.label == "location" and _dated(text, ctx)
    stripped = EVENT_LABEL.sub("", text, count=1)
    if stripped != text and stripped.strip():
        text = stripped
    machine = _machine_date(line)
    shown = text  # what blanking leaves out: the words around a time ("Room", a date)
    if len(text) <= 400 and (parsed.label != "location" or hinted):
        day, span = read_date(text, ctx.year, ctx.day_first, near=near, academic=ctx.academic)
        if machine is not None and (day is None or day != machine):
            day = machine  # <time datetime> states the year a visible "Wed 7 Feb" leaves out
            span = span or (0, 0)
        if span and META_DATE.search(text):
            parsed.label = parsed.label or "ignore"
        elif span:
            parsed.day = day
            text = _blank_date(text, span)
        elif ctx.year is None and (yearless := dates.yearless_span(date_head(text))):
            # "Oct. 22nd – Jane Doe (MIT)" on a page that names no year: no date to give the
            # talk, but the date is cut all the same, or it would be read as the title
            parsed.extra["yearless"] = True
            text = _blank(text, yearless)
        kept: list[tuple[int, int]] = []  # "Aula 3.05": a number, left in the text
        before = text
        for _ in range(4):  # "12 PM ET / 5 PM WAT / 6 PM CET": the first is the talk's
            start, end, tspan = times.find_time_range(text)
            if start is None or not tspan:
                break
            written = text[tspan[0] : tspan[1]]
            plausible = _plausible(start, written, shown[: tspan[0]], shown[tspan[1] :])
            afternoon = afternoon_slot(start, end, written, line.element)
            if afternoon is not None:
                start, end = afternoon  # "1:30 - 2:30" after "12:10 - 12:40": 13:30
            elif not plausible:
                kept.append(tspan)
                text = text[: tspan[0]] + "\x01" * len(written) + text[tspan[1] :]
                continue
            if parsed.start is None:
                parsed.start, parsed.end = start, end
                parsed.zone = zones.find_zone(text[tspan[1] : tspan[1] + 12]) or zones.find_zone(
                    text
                )
            text = _blank(text, tspan)
        for a, b in kept:  # blanking keeps lengths, so the spans still fit
            text = text[:a] + before[a:b] + text[b:]
        if parsed.start and not parsed.day:  # a slot in a section an overview row dates
            parsed.day = section_day(line, ctx.year, ctx.day_first)
        parsed.day = parsed.day or column_day(line.column, ctx.year, ctx.day_first)
        if parsed.day or parsed.start or parsed.extra.get("yearless"):
            text = _strip_date_words(text)
    parsed.rest = _trim(text)
    if hinted and parsed.day and not parsed.rest:
        parsed.label = None  # a theme's "…-location" class on a line that is only the date
    return parsed


def _without_link_labels(line: Line) -> str:
    """The line minus links at its end that are only a button's label ("Jane Doe and Ann Lee
    <a>Download Paper</a>", "Title <a>Slides</a>"): they would run into the last name or the
    title. The links themselves are still read from the line's elements."""
    text = line.text
    for fragment, element in reversed(line.fragments[-3:]):
        label = (fragment or "").strip(" []()|·,.")  # "Vidéo." ends a sentence
        if element is None or element.tag != "a" or not label:
            break
        if not (LINK_PIECE.match(label) or TOGGLE.match(label)):
            break
        end = text.rstrip(" ]).|·,").rfind(label)
        if end <= 0 or not text[:end].strip(" [(|·,") or text[:end].rstrip().endswith(":"):
            break  # "Youtube Live: <a>Link</a>": the link is the labelled field's value
        text = text[:end].rstrip(" [(|·,")
    return text


def _dated(text: str, ctx: PageContext) -> bool:
    """Does a line a class calls a location start with a date ("2022-05-28" in a
    `publication-location` paragraph)? Then it is read for its date like any other line."""
    found = dates.find_date(text[:40], default_year=ctx.year, day_first=ctx.day_first)
    return bool(found and found[1][0] <= 2)


def _machine_date(line: Line) -> date | None:
    """The date of a `<time datetime>` element inside the line, if any."""
    for _text, element in line.fragments[:8]:
        node = element
        while node is not None and node is not line.element and node.tag != "time":
            node = node.getparent()
        if node is not None and node.tag == "time" and node.get("datetime"):
            value = dates.from_machine(node.get("datetime"))
            if value:
                try:
                    return date.fromisoformat(value[:10])
                except ValueError:
                    return None
    return None


def clock_span(text: str) -> tuple[int, int] | None:
    """Where the text gives a clock time a talk could start at ("14:00", "3pm"; not "M1.03")."""
    start, _end, span = times.find_time_range(text)
    if start is None:
        return None
    before, after = text[: span[0]], text[span[1] :]
    return span if _plausible(start, text[span[0] : span[1]], before, after) else None


def has_clock(text: str) -> bool:
    return clock_span(text) is not None


def _plausible(start: time, written: str, before: str = "", after: str = "") -> bool:
    """Talks start between 7:00 and 22:59; "0.01" or "2.14" without am/pm is a number. At
    night only a clock written "HH:MM" is a time (`_night_clock`)."""
    if re.search(r"[ap]\.?\s?m\b|noon", written, re.I):
        return True
    return 7 <= start.hour <= 22 or _night_clock(written, before, after)


_PADDED = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d(?!\d)")
# What a padded "HH:MM" after these is: a room, a score, a verse or a length, not a clock.
_NIGHT_LABEL = re.compile(
    r"(?:\b(?:room|rm|raum|sala|salle|aula|zaal|score|result|ratio|scale|verse|vers|"
    r"duration|length|runtime|durée|dauer|duración|durata|video|track|lap|chapter|ch)\b\.?|"
    r"[#§])\s*[:(\[]?\s*$",
    re.I,
)


def _night_clock(written: str, before: str, after: str) -> bool:
    """A zero-padded "HH:MM" with a colon is a clock at any hour: a list converted to a far
    zone has talks at "04:30" or "00:00". Not a video length or timestamp ("01:23:45"), a
    verse range ("03:16-18"), a labelled number ("Room 02:10", "Duration 00:45"), nor the
    midnight an event system writes for "no time given" ("2024-05-06 00:00", "00:00-23:59")."""
    if not _PADDED.match(written) or re.match(r":\d|[-–]\d{1,3}\b(?!\s?[:.h]\d)", after):
        return False
    if _NIGHT_LABEL.search(before[-24:]):
        return False
    placeholder = re.search(r"\d{4}-\d\d-\d\d[T\s]*$", before) or re.search(
        r"23:59|^\s*[-–]\s*00:00", written[5:] + after[:10]
    )
    return not (written.startswith("00:00") and placeholder)


def _blank(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + "\x00" * (span[1] - span[0]) + text[span[1] :]


def _blank_date(text: str, span: tuple[int, int]) -> str:
    """Blank a date; a full stop closing it before a capital ("June 18. The …") is marked
    `_STOP`: it ends a sentence, so the capitalised word after it starts the title, not the
    date ("on", "the" are cut next to a date only on its own side of the stop)."""
    blanked, after = _blank(text, span), text[span[1] :]
    sentence = re.match(r"\s+([^\W\d_])", after)
    if text[span[0] : span[1]].endswith(".") and sentence and sentence.group(1).isupper():
        blanked = blanked[: span[1] - 1] + _STOP + after
    return blanked


_STOP = "\x02"  # a blanked full stop that closes a date: date words do not reach past it


def _trim(text: str) -> str:
    """Whitespace collapsed, separators and unbalanced brackets cut from both ends (a full
    stop only where a date or time was cut out next to it: a title keeps its own)."""
    cut = "\x00" in text
    text = re.sub(r"[(\[][\s\x00,;]*[)\]]", " ", text)  # "(March 5, 2024)" once the date is cut
    text = STATUS_BRACKET.sub(" ", text) if cut else text  # "[upcoming ✨ 02/11]"
    text = (clean(text.replace("\x00", " ")) or "").strip(SEPARATORS + (".") if cut else SEPARATORS)
    text = text.lstrip(".")
    while text.endswith((")", "]")) and text.count("(") + text.count("[") < text.count(
        ")"
    ) + text.count("]"):
        text = text[:-1].strip(SEPARATORS)
    while text.startswith(("(", "[")) and text.count("(") + text.count("[") > text.count(
        ")"
    ) + text.count("]"):
        text = text[1:].strip(SEPARATORS)
    return text


# Words that belong to a date or time ("on Friday, …", "… à 14h", "4pm ET"): cut only where
# they touch the cut-out date or time, never elsewhere (a title keeps its "the" and "de").
_WORD = (
    r"(?:" + "|".join(sorted(dates.WEEKDAYS, key=len, reverse=True)) + r"|at|on|from|le|am|"
    r"um|à|às|as|a las|alle|ore|om|den|the|uhr|uur|h|hrs?|o'clock|cet|cest|est|edt|pst|pdt|"
    r"gmt|utc|bst|wat|mez|mesz|ct|pt|et|cst|cdt|jst|ist|aest|to|until|bis|till|de|du|dal|del|vom|desde)\b\.?"
)


_NEAR_DATE = re.compile(
    rf"(?:(?<![\w])(?:{_WORD})[\s,]*)*\x00+(?:{_STOP}|(?:[\s,/]*(?<![\w])(?:{_WORD}))*)", re.I
)


def _strip_date_words(text: str) -> str:
    text = _NEAR_DATE.sub(lambda m: "\x00" * len(m.group(0)), text)
    return text.replace(_STOP, "\x00")
