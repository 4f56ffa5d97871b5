"""Clock times and time ranges in free text, resolved the way agendas mean them.

Times are never given to dateparser: `find_time_range` splits ranges itself and resolves
am/pm as agendas mean it ("11:00-12:00pm" is 11:00-12:00, "12:15-1:00pm" ends at 13:00).
"""

from __future__ import annotations

import re
from datetime import time

from parsers.common.memo import per_page

_HOUR = r"(?P<{n}h>[01]?\d|2[0-3])"
_MINUTE = r"(?:\s?[:.h]\s?(?P<{n}m>[0-5]\d))"
_AMPM = r"(?:\s?(?P<{n}ap>[ap])\.?\s?m\b\.?|\s?(?P<{n}noon>noon)\b|\s?(?P<{n}hh>h|uhr)\b)"
_T_LOOSE = r"{h}{m}?{a}?"
_NOT_AFTER_NUMBER = r"(?<![\d:/.-])"
# "10:00 às 11:00", "de 10 a 11 h", "dalle 10 alle 11", "16:00 hasta 17:00": the words for "to".
_RANGE_SEP = r"\s*(?:-|–|—|〜|~|to|till|until|bis|às|as|até|ate|hasta|alle|à|a)\s*"


def _token(template: str, name: str) -> str:
    return template.format(h=_HOUR.format(n=name), m=_MINUTE.format(n=name), a=_AMPM.format(n=name))


# Tokens match loosely ("3", "3:30", "3pm"); `_strict` then demands minutes or a suffix,
# so a bare number in prose is never taken for a clock time.
_TIME_RANGE = re.compile(
    _NOT_AFTER_NUMBER + _token(_T_LOOSE, "s") + _RANGE_SEP + _token(_T_LOOSE, "e") + r"(?![\d/])",
    re.IGNORECASE,
)
_TIME_SINGLE = re.compile(_NOT_AFTER_NUMBER + _token(_T_LOOSE, "s") + r"(?![\d/])", re.IGNORECASE)
_NOON = re.compile(r"\b(?:noon|midday|mittag|midi)\b", re.IGNORECASE)
# After these a dotted "10.30" is a number, not a clock time ("version 10.30", "Section 3.15",
# "Room 2.15"). A dot is a decimal point as often as a time separator, so "10.30" after a
# weekday, "at" or "kl." stays a time; only these labels veto it.
NUMBER_LABELS = re.compile(
    r"(?:\b(?:v|ver|version|release|python|section|sec|chapter|ch|room|rm|no|nr|number|page|"
    r"aula|sala|salle|raum|hörsaal|zaal|lokaal|building|bldg|"
    r"p|pp|vol|volume|eq|equation|fig|figure|table|tab|step|item|lemma|theorem|thm|exercise|"
    r"problem|score|grade|level)\.?|[$€£§#])\s*$",
    re.IGNORECASE,
)


@per_page  # every line is read for its time by several passes (`heuristic.reading`)
def find_time_range(
    text: str | None, *, twelve_hour: bool = False
) -> tuple[time | None, time | None, tuple[int, int] | None]:
    """Start and end clock times in a text ("9:55-10:40am", "14h - 15h", "4pm"), with span.

    `twelve_hour` is for US agendas that drop am/pm ("1:00-2:00" after lunch means 13-14h):
    then bare hours 1-7 are read as afternoon.
    """
    if not text:
        return None, None, None
    for match in _TIME_RANGE.finditer(text):
        if not _strict(match, "e") or _labelled_number(text, match):
            continue
        start, end = _resolve_range(match, twelve_hour)
        if start is not None and end is not None:
            return start, end, match.span()
    for match in _TIME_SINGLE.finditer(text):
        if not _strict(match, "s") or _labelled_number(text, match):
            continue
        hour = _hour24(int(match.group("sh")), _meridiem(match, "s"), twelve_hour)
        if hour is not None:
            return time(hour, int(match.group("sm") or 0)), None, match.span()
    noon = _NOON.search(text)
    if noon:
        return time(12, 0), None, noon.span()
    return None, None, None


def _strict(match: re.Match[str], name: str) -> bool:
    return any(match.group(f"{name}{part}") for part in ("m", "ap", "noon", "hh"))


def _labelled_number(text: str, match: re.Match[str]) -> bool:
    """A start written "H.MM" right after a label in `NUMBER_LABELS` ("version 10.30")."""
    if not match.group("sm") or "." not in text[match.end("sh") : match.start("sm")]:
        return False
    return NUMBER_LABELS.search(text[max(0, match.start() - 12) : match.start()]) is not None


def _meridiem(match: re.Match[str], name: str) -> str | None:
    """The marker: "am", "pm", "noon" or None. A clock written "HH:MM" at 13-23 says its
    half of the day itself: an am/pm next to it is a template's slip ("15:00 a.m."), not a
    reason to drop the time. Without minutes it is kept, and the time refused ("15 am" is
    German "on the 15th")."""
    if match.group(f"{name}noon"):
        return "noon"
    if match.group(f"{name}m") and 13 <= int(match.group(f"{name}h")) <= 23:
        return None
    letter = match.group(f"{name}ap")
    return f"{letter.lower()}m" if letter else None


def _hour24(hour: int, meridiem: str | None, twelve_hour: bool) -> int | None:
    if meridiem in ("am", "pm") and not 1 <= hour <= 12:
        return None
    if meridiem == "pm" and hour < 12:
        return hour + 12
    if meridiem == "am" and hour == 12:
        return 0
    if meridiem is None and twelve_hour and 1 <= hour <= 7:
        return hour + 12
    return hour


def _resolve_range(match: re.Match[str], twelve_hour: bool) -> tuple[time | None, time | None]:
    start_h, end_h = int(match.group("sh")), int(match.group("eh"))
    start_m, end_m = int(match.group("sm") or 0), int(match.group("em") or 0)
    start_mer, end_mer = _meridiem(match, "s"), _meridiem(match, "e")
    end = _hour24(end_h, end_mer, twelve_hour and not end_mer)
    if end is None:
        return None, None
    if start_mer is None and end_mer in ("am", "pm"):
        # The suffix belongs to both ends unless that puts the start after the end.
        start = _hour24(start_h, end_mer, False)
        if start is not None and (start, start_m) > (end, end_m):
            start = _hour24(start_h, "am" if end_mer == "pm" else None, False)
    else:
        start = _hour24(start_h, start_mer, twelve_hour and not end_mer)
    if start is None:
        return None, None
    backwards = (end, end_m) < (start, start_m)
    if backwards and not (start_mer or end_mer) and end < 12 and 1 <= start <= 12:
        end += 12  # "12:00-1:00" with no am/pm: a 12-hour agenda, the talk ends after it starts
    return time(start, start_m), time(end, end_m)
