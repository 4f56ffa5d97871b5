"""A line's date, read with the page's aids: a weekday before or after the date fixes the
year or the day/month order ("Tue 3/5", "Sep 09 Tue"), a yearless date lands near the talk
before it (lists cross New Year without saying so), an academic year splits at August, and
what only looks like a date ("Day 1", "5th of March", "March 5:") is blanked first.
Split from `reading`, which cuts the date out of the line with the rest of its reading.
"""

from __future__ import annotations

import re
from datetime import date

from parsers.common import dates
from parsers.common.memo import per_page


@per_page  # the same line, read by the record finder, the context pass and the fields
def read_date(
    text: str,
    year: int | None,
    day_first: bool,
    *,
    near: date | None = None,
    academic: bool = False,
) -> tuple[date | None, tuple | None]:
    """The first date in a short text, with its span; weekdays fix years and day/month order.

    A date printed without a year takes, in order: the year its weekday agrees with; in an
    academic year (`academic`), `year` for August-December and `year + 1` after; else the
    year that puts it closest to `near` (the talk before it, within 200 days: lists cross
    New Year without saying so).
    """
    head = date_head(text)
    found = dates.find_date(head, default_year=year, day_first=day_first)
    if not found:
        return None, None
    day, span = found
    weekday = dates.find_weekday(head)
    yearless = not _has_year(head[span[0] : span[1]])
    if yearless and (weekday is None or day.weekday() == weekday):
        if academic and year:
            day = _with_year(day, year + 1 if day.month < 8 else year) or day
        elif near is not None:
            day = _closest(day, near)
    if weekday is not None and day.weekday() != weekday:
        swapped = _swapped(head, span, day, year, day_first)
        if swapped and swapped.weekday() == weekday:
            return swapped, span
        if not re.search(r"(19|20)\d\d", head[span[0] : span[1]]) and year:
            fixed = dates.year_for_weekday(day.month, day.day, weekday, year)
            if fixed:
                return date(fixed, day.month, day.day), span
    return day, span


def date_head(text: str) -> str:
    """The first 300 characters, with what is no date blanked (offsets kept)."""
    head = _OF_MONTH.sub(lambda m: " " * len(m.group(0)), text[:300])  # "5th of March"
    head = _DAY_NUMBER.sub(lambda m: " " * len(m.group(0)), head)  # "Day 1: January 7"
    return _DAY_COLON.sub(r"\1 ", head)  # "March 5: Lisa Randall", "Nov. 5th: Ann Lee"


_OF_MONTH = re.compile(
    r"(?<=\d)(?:st|nd|rd|th)?\s+of(?=\s+(?:"
    + "|".join(sorted((re.escape(m) for m in dates.MONTHS if len(m) > 2), key=len, reverse=True))
    + r")\b)",
    re.I,
)


_DAY_COLON = re.compile(r"(?<=\d)((?:st|nd|rd|th)?):(?=\s)")  # a clock has digits after ":"
# A programme's day or session number ("Day 1", "Jour 2", "Tag 3", "Session 4"), not a date.
_DAY_NUMBER = re.compile(
    r"\b(?:day|jour|journée|tag|día|dia|giorno|dag|dzień|session|sesión|séance|sitzung)\s+"
    r"\d{1,2}\b(?![./]\d)(?!\.?\s*(?:"
    + "|".join(sorted((re.escape(m) for m in dates.MONTHS if len(m) > 2), key=len, reverse=True))
    + r")\b)",
    re.I,
)


def _has_year(piece: str) -> bool:
    return bool(re.search(r"(19|20)\d\d|\d[/.]\d{1,2}[/.]\d{2}\b", piece))


def _with_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _closest(day: date, near: date) -> date:
    options = [d for d in (_with_year(day, near.year + k) for k in (-1, 0, 1)) if d]
    best = min(options, key=lambda d: abs((d - near).days)) if options else day
    return best if abs((best - near).days) <= 200 else day


def _swapped(text: str, span: tuple, day: date, year: int | None, day_first: bool) -> date | None:
    piece = text[span[0] : span[1]]
    if not re.fullmatch(r"\s*\d{1,2}[/.]\d{1,2}([/.]\d{2,4})?\s*", piece):
        return None
    found = dates.find_date(piece, default_year=year or day.year, day_first=not day_first)
    return found[0] if found else None


_WEEKDAY_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(dates.WEEKDAYS, key=len, reverse=True)) + r")\b\.?", re.I
)


def column_day(column: str | None, year: int | None, day_first: bool) -> date | None:
    """The day a table's column header names ("Lunes 11 de noviembre", "Tue 3 June 2031"): in
    a grid whose columns are the days and whose rows are the slots, every cell under it is on
    that day. Only a header that is the date alone (its weekday aside); "Talks since 3 June"
    or a header of a date column ("Date") gives none."""
    if not column or len(column) > 60:
        return None
    day, span = read_date(column, year, day_first)
    if day is None or span is None:
        return None
    rest = _WEEKDAY_WORDS.sub(" ", column[: span[0]] + " " + column[span[1] :])
    return None if re.search(r"[^\W\d_]|\d", rest) else day
