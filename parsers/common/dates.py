"""The ONE place where dates are parsed, and dates, times and zones are put together.

Clock times live in `parsers.common.times`, zones in `parsers.common.zones`; this module
combines them (`combine`, `when`, `to_utc`).

The cascade, cheapest and most exact first (why: dateparser costs ~1.5 ms a call against
~9 us for strptime, returns nothing for "9:00-9:45am" and turns "3-4pm" into a wrong date):

1. machine values (`<time datetime>`, JSON-LD, iCal) -> `from_machine` (datetime.fromisoformat);
2. the formats a site parser knows -> `parse_date(text, formats=...)` (strptime);
3. month-name dates in free text, in the languages seminar pages use -> a month table and
   three regexes (`find_date`), which also understand ordinals, "5. März", "1er mars";
4. only then dateparser, with languages and settings fixed (`_dateparser_date`).

A yearless "(2/2)" is a part counter, read as a date only when nothing else is; a numeric
month-year ("05.2024") is no date (`find_month_year` tells it apart), and `yearless_span`
finds a day and month that a page with no year cannot place.

Times are never given to dateparser (see `times.find_time_range`).
Zones are attached with zoneinfo to the talk's *local* date and time, so the offset is the
one in force that day on either side of a DST change; never by adding fixed offsets.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from parsers.common.daynames import MONTHS, WEEKDAYS
from parsers.common.daynames import find_weekday as find_weekday  # re-exported
from parsers.common.daynames import year_for_weekday as year_for_weekday  # re-exported
from parsers.common.memo import per_page
from parsers.common.times import find_time_range
from parsers.common.zones import zone

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|\.|º)?"
# More days of the same month after the first ("20-21 Feb", "05 a 07 de novembro", "09, 10 e
# 11 de maio", "3 and 4 March"): the talk's date is the first. A comma list must end in a
# conjunction, so "Talk 3, 12 March" is 12 March.
_MORE_DAYS = (
    r"(?:(?:\s*[-–]\s*|\s+(?:a|al|au|to|bis|até)\s+)[0-3]?\d\.?|(?:\s*,\s*[0-3]?\d\.?){0,5}\s+(?:e|y|et|and|und|&|i|och|og|en)"
    r"\s+[0-3]?\d\.?)?"
)
# "30 May 2024", "5. März 2024", "mardi 3 décembre 2024", "27 mai", "20-21 Feb 2025"
_DAY_MONTH = re.compile(
    rf"(?<![\w/.:-]){_DAY}{_MORE_DAYS}\s+(?:de\s+)?(?P<month>{_MONTH_ALT})\.?"
    rf"(?![\w])(?:,?\s+(?:de\s+)?{_YEAR})?(?!\d)",
    re.IGNORECASE,
)
_WEEKDAY_WORD = (
    r"(?:"
    + "|".join(sorted((re.escape(n) for n in WEEKDAYS if len(n) > 2), key=len, reverse=True))
    + r")\.?,?\s+"
)
# Two days, each with its weekday ("Lunes 22 y Miércoles 24 de octubre, 2012", "Mon 3 – Tue 4
# June"): the first. Only with both weekdays, so "Sala 3 y martes 12 de marzo" is 12 March.
_WEEKDAY_DAYS = re.compile(
    rf"(?<![\w]){_WEEKDAY_WORD}{_DAY}(?:\s*[-–]\s*|\s+(?:e|y|et|and|und|&|i|och|og|en)\s+)"
    rf"{_WEEKDAY_WORD}[0-3]?\d\.?\s+(?:de\s+)?(?P<month>{_MONTH_ALT})\.?"
    rf"(?![\w])(?:,?\s+(?:de\s+)?{_YEAR})?(?!\d)",
    re.IGNORECASE,
)
# "8-juin-2023", "12-févr.-2022", "30-Sep-2019": day, month name and year joined by hyphens
# (a theme's short date); only with the year, so "3-Mar" in a code or a range is no date.
_DAY_MONTH_HYPHEN = re.compile(
    rf"(?<![\w/.:-])(?P<day>[0-3]?\d)-(?P<month>{_MONTH_ALT})\.?-{_YEAR}(?![\w-])",
    re.IGNORECASE,
)
# "February 15, 2023", "Feb 20, 2025", "December 9th 2022", "Feb 20-21, 2025"; an
# abbreviation's dot may stand for the space ("Oct.14, 2026").
_MONTH_DAY = re.compile(
    rf"(?<![\w])(?P<month>{_MONTH_ALT})(?:\.?\s+|\.(?=\d)){_DAY}(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?"
    rf"(?![\d:])(?:,?\s+{_YEAR})?(?!\d)",
    re.IGNORECASE,
)
# "November, 30th, 2021", "March, 5, 2024": a comma after the month too. Only with the year,
# so a month named in prose ("in March, 12 talks were given") is no date.
_MONTH_COMMA_DAY = re.compile(
    rf"(?<![\w])(?P<month>{_MONTH_ALT})\.?,\s*{_DAY}(?![\d:]),?\s+{_YEAR}(?!\d)",
    re.IGNORECASE,
)
# "2024-03-05", and "2024/03/05" or "2024.03.05" as Japanese, Korean, Chinese and some
# European pages write it (not "2024.03.05.1", a version or an address).
_ISO_DATE = re.compile(
    r"(?<![\d.])(?P<year>(?:19|20)\d\d)(?P<isep>[-/.])(?P<month>[01]\d)(?P=isep)(?P<day>[0-3]\d)"
    r"(?!\d|\.\d)"
)
# "2024年10月15日" (Japanese, Chinese), "2024년 10월 15일" (Korean); the year may be left out.
_CJK_DATE = re.compile(
    r"(?<!\d)(?:(?P<year>(?:19|20)\d\d)\s*[年년]\s*)?"
    r"(?P<month>[01]?\d)\s*[月월]\s*(?P<day>[0-3]?\d)\s*[日일]"
)
# Numeric dates: "03/05/2024", "5.3.2024", "3/5" (year optional only with a slash).
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.:])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)"
    r"(?:(?P=sep)(?P<year>(?:19|20)?\d\d))?(?![\w/:]|\.\d)"
)


# --------------------------------------------------------------------------- machine values


def from_machine(
    value: str | None, tz: str | None = None, *, date_only: bool = False
) -> str | None:
    """An ISO 8601 value (`<time datetime>`, JSON-LD, iCal) as the export wants it.

    With an offset and a zone, the instant is shown in the zone's local time with that day's
    offset. `date_only` is for generators that write a date as midnight UTC (academicpages).
    """
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    if date_only or ("T" not in value and " " not in value.strip()):
        return parsed.date().isoformat()
    info = zone(tz)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=info).isoformat() if info else parsed.isoformat()
    return parsed.astimezone(info).isoformat() if info else parsed.isoformat()


def to_utc(value: str | None, tz: str | None = None) -> str | None:
    """Sortable UTC form of a talk time: "YYYY-MM-DDTHH:MM:SSZ", or the date for date-only.

    A local time without an offset is converted only when the talk names its IANA zone;
    otherwise the instant is unknown and None is better than a wrong answer.
    """
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        info = zone(tz)
        if info is None:
            return None
        moment = moment.replace(tzinfo=info)
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------- dates


def parse_date(
    text: str | None,
    *,
    formats: tuple[str, ...] = (),
    default_year: int | None = None,
    day_first: bool = True,
    fallback: bool = True,
) -> date | None:
    """A calendar date from text, via the cascade in the module docstring; None if none."""
    if not text:
        return None
    text = " ".join(text.split())
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    found = find_date(text, default_year=default_year, day_first=day_first)
    if found:
        return found[0]
    return _dateparser_date(text, default_year) if fallback else None


@per_page  # the record finder, the context pass and the fields read the same lines
def find_date(
    text: str | None, *, default_year: int | None = None, day_first: bool = True
) -> tuple[date, tuple[int, int]] | None:
    """The first date written in a text, with its span; None when no full date is found.

    A date without a year takes `default_year` (from a heading or the page); with neither it
    is not a date we can place, so None rather than a guess.
    """
    if not text:
        return None
    candidates = []
    for pattern in (
        _ISO_DATE,
        _WEEKDAY_DAYS,
        _DAY_MONTH,
        _DAY_MONTH_HYPHEN,
        _MONTH_DAY,
        _MONTH_COMMA_DAY,
        _CJK_DATE,
    ):
        for match in pattern.finditer(text):
            found = _named_date(match, default_year)
            if found:
                candidates.append((match.start(), found, match.span()))
                break
    numeric = _numeric_date(text, default_year, day_first, counters=False)
    if numeric:
        candidates.append(numeric)
    if not candidates:  # "(2/2)" after a name is a part counter, a date only if nothing else is
        numeric = _numeric_date(text, default_year, day_first, counters=True)
        candidates = [numeric] if numeric else []
    if not candidates:
        return None
    _start, found, span = min(candidates, key=lambda c: c[0])
    return found, span


def yearless_span(text: str | None) -> tuple[int, int] | None:
    """Where a text gives a day and a month by name but no year ("Oct. 22nd", "5 mars"): on
    a page that names no year it is not a date we can place, but it is still no part of a
    title or a name. Numeric "1/2" is left alone ("spin 1/2")."""
    if not text:
        return None
    found = [
        match.span()
        for pattern in (_WEEKDAY_DAYS, _DAY_MONTH, _MONTH_DAY)
        for match in pattern.finditer(text)
        if not match.group("year") and _named_date(match, 2000)  # 2000: 29 February exists
    ]
    return min(found) if found else None


# "05.2024", "5/2024", "2024年5月", "2024년 5월": a month and a year with no day (not "Nr.
# 3/2021", an issue number, nor "12.05.2024", a full date).
_MONTH_YEAR = re.compile(
    r"(?<![\w./-])(?<!(?i:no|nr)\.\s)(?P<month>0?[1-9]|1[0-2])[./](?P<year>(?:19|20)\d\d)"
    r"(?![\w/-]|[.,]\d)|(?<!\d)(?P<cyear>(?:19|20)\d\d)\s*[年년]\s*(?P<cmonth>1[0-2]|0?[1-9])"
    r"\s*[月월](?!\s*\d)"
)


def find_month_year(text: str | None, *, whole: bool = False) -> tuple[int, int, tuple] | None:
    """(year, month, span) of a numeric month-year in a text ("05.2024"); with `whole`, only
    when that is all the text says, brackets and punctuation aside (a card dated "05.2024"
    dates its talk by month; the talk gets no day). Month names: `anchors.MONTH_YEAR`."""
    if not text:
        return None
    match = _MONTH_YEAR.search(text)
    if match is None:
        return None
    if whole and re.sub(r"[\W_]", "", text[: match.start()] + text[match.end() :]):
        return None
    year = match.group("year") or match.group("cyear")
    return int(year), int(match.group("month") or match.group("cmonth")), match.span()


def _named_date(match: re.Match[str], default_year: int | None) -> date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower())
    year = match.group("year")
    year_value = int(year) if year else default_year
    if not month or not year_value:
        return None
    try:
        return date(year_value, month, int(match.group("day")))
    except ValueError:
        return None


def _numeric_date(
    text: str, default_year: int | None, day_first: bool, *, counters: bool
) -> tuple[int, date, tuple[int, int]] | None:
    for match in _NUMERIC_DATE.finditer(text):
        year_text = match.group("year")
        if match.group("sep") == "." and not year_text:
            continue  # "10.30" is a time far more often than a date
        if not counters and _counter(text, match):
            continue
        year = int(year_text) if year_text else default_year
        if not year:
            continue
        if year < 100:
            year += 2000
        first, second = int(match.group("a")), int(match.group("b"))
        day, month = (first, second) if day_first else (second, first)
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        lead = _DAY_RANGE_LEAD.search(text, 0, match.start()) if day_first else None
        return _range_start(lead, found, match.end()) or (match.start(), found, match.span())
    return None


# The first day of a numeric day range ending in a full date: "18.–20.02.2020", "18.-19.02."
# and "18–20.02.2020" (the first day alone: its dot or the dash right after it, so "Room 3 –
# 20.02.2020" is 20 February), or "30.01.–02.02.2020" (with its own month).
_DAY_RANGE_LEAD = re.compile(
    r"(?<![\w/.:])(?P<day>[0-3]?\d)(?:\.(?P<month>[01]?\d))?(?:\.\s*|(?<=\d))[-–]\s*\Z"
)


def _range_start(
    lead: re.Match[str] | None, last: date, end: int
) -> tuple[int, date, tuple[int, int]] | None:
    """The range's first day, with the range's span; None when the lead is no earlier day."""
    if lead is None:
        return None
    month = int(lead.group("month") or last.month)
    year = last.year - 1 if month > last.month else last.year  # "30.12.–02.01.2021"
    try:
        first = date(year, month, int(lead.group("day")))
    except ValueError:
        return None
    if not 0 < (last - first).days <= 31:
        return None
    return lead.start(), first, (lead.start(), end)


def _counter(text: str, match: re.Match[str]) -> bool:
    """Is a yearless "n/m" bracketed alone, with n <= m ("Part (2/2)", "(1/3)")? That is part n
    of m of a talk or a series: a date only when the text gives no other."""
    whole = text[max(match.start() - 1, 0) : match.end() + 1]
    n, m = int(match.group("a")), int(match.group("b"))
    return not match.group("year") and whole[:1] in "([" and whole[-1:] in ")]" and n <= m


@lru_cache(maxsize=1024)
def _dateparser_date(text: str, default_year: int | None) -> date | None:
    """Last resort for free text; languages and settings fixed so results are predictable."""
    if len(text) > 80 or not re.search(r"\d", text):
        return None
    import dateparser  # imported lazily: it costs ~0.3 s to load and most pages never need it

    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"] if default_year is None else ["day", "month"],
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["absolute-time", "custom-formats"],
    }
    if default_year:
        settings["RELATIVE_BASE"] = datetime(default_year, 1, 1)
    parsed = dateparser.parse(
        text, languages=["en", "fr", "de", "es", "it", "pt", "nl", "sv"], settings=settings
    )
    return parsed.date() if parsed else None


# --------------------------------------------------------------------------- combining


def combine(day: date | None, at: time | None, tz: str | None) -> str | None:
    """Export form of a local date and clock time: offset of that day in `tz`, or a bare date."""
    if day is None:
        return None
    if at is None:
        return day.isoformat()
    moment = datetime.combine(day, at)
    info = zone(tz)
    return moment.replace(tzinfo=info).isoformat() if info else moment.isoformat()


def unreadable(url: str, text: str, talk: str | None = None) -> str:
    """The warning for a date a page prints but no rule reads: the talk is kept, its date null.

    One wording for every parser, so a crawl log can be searched for it and a silent null (the
    way a date format change goes unnoticed) cannot happen.
    """
    about = f" ({talk})" if talk else ""
    return f"{url}: unparseable date {text!r}{about}; starts_at left null"


def when(
    text: str | None,
    tz: str | None = None,
    *,
    default_year: int | None = None,
    day: date | None = None,
    twelve_hour: bool = False,
    day_first: bool = True,
) -> tuple[str | None, str | None]:
    """(starts_at, ends_at) from free text such as "Feb 20, 2025 9:55-10:40am".

    `day` supplies the date when the text holds only times (agenda rows under a day heading).
    The time is searched in the text with the date cut out, so "30 May 2024 10:30" does not
    read "30" as an hour.
    """
    if not text:
        return combine(day, None, tz), None
    found = find_date(text, default_year=default_year, day_first=day_first)
    rest = text
    if found:
        day = found[0]
        start, stop = found[1]
        rest = text[:start] + " " + text[stop:]
    if day is None:
        return None, None
    start_time, end_time, _span = find_time_range(rest, twelve_hour=twelve_hour)
    ends = combine(day, end_time, tz) if end_time else None
    return combine(day, start_time, tz), ends
