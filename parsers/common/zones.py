"""Time zones: IANA names, and the abbreviations pages print next to clock times.

Zones are attached with zoneinfo to a talk's local date and time (see `dates.combine`), so
the offset is the one in force that day; abbreviations map to IANA zones, never to fixed
offsets. Only an explicit offset ("GMT-3", "UTC+1") names a fixed one, as `Etc/GMT∓N`
(the POSIX sign is inverted: UTC+1 is `Etc/GMT-1`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# Abbreviations and zone names pages print next to clock times, mapped to IANA zones (never to
# fixed offsets: "EST" written in July still means New York's summer time).
ZONE_ABBREVIATIONS = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "HST": "Pacific/Honolulu",
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "MEZ": "Europe/Berlin",
    "MESZ": "Europe/Berlin",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow",
    "BST": "Europe/London",
    "GMT": "UTC",
    "UTC": "UTC",
    "WAT": "Africa/Lagos",
    "EAT": "Africa/Nairobi",
    "SAST": "Africa/Johannesburg",
    "BRT": "America/Sao_Paulo",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "HKT": "Asia/Hong_Kong",
    "SGT": "Asia/Singapore",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "AWST": "Australia/Perth",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
}
# Zones written out ("Eastern Time", "Central European Summer Time", "UK time").
ZONE_NAMES = {
    "eastern": "America/New_York",
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "central european": "Europe/Paris",
    "western european": "Europe/Lisbon",
    "eastern european": "Europe/Athens",
    "british": "Europe/London",
    "uk": "Europe/London",
    "greenwich mean": "UTC",
    "coordinated universal": "UTC",
    "japan": "Asia/Tokyo",
    "korea": "Asia/Seoul",
    "china": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",  # the zone database names Shanghai, pages say "Beijing Time"
    "india": "Asia/Kolkata",
    "brasília": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo",
}
_ZONE_WORD = re.compile(r"\b([A-Z]{2,4})\b|\b([A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Za-z_]+)?)\b")
# "CE(S)T", "C(E)ST": one abbreviation for both halves of the year; read as its short form.
_BRACKETED_LETTER = re.compile(r"\b([A-Z]{1,3})\(([A-Z])\)([A-Z]{1,2})\b")
_NAMED = re.compile(
    r"\b(?:US\s+)?(?P<name>"
    + "|".join(sorted((re.escape(n) for n in ZONE_NAMES), key=len, reverse=True))
    + r")\s+(?:(?:standard|daylight|summer|local)\s+)?time\b",
    re.I,
)
# "Paris time", "New York time": a city the zone database names ("Europe/Paris").
_CITY_TIME = re.compile(r"\b(?P<city>[A-Z][a-z]+(?:[ _][A-Z][a-z]+)?)\s+(?:local\s+)?time\b")
# "UTC/GMT +8 hours": both names for one reference; the offset after them is the zone.
_BOTH_NAMES = re.compile(r"\b(?:UTC\s*/\s*GMT|GMT\s*/\s*UTC)\b")
# "GMT-3", "UTC+1", "UTC +02:00": an explicit whole-hour offset.
_OFFSET = re.compile(
    r"\b(?:GMT|UTC)\s?(?P<sign>[+\-−–])\s?(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?\b"
)


def zone(name: str | None) -> ZoneInfo | None:
    """ZoneInfo for an IANA name, None for unknown or empty names (never raises)."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def is_valid_zone(name: str | None) -> bool:
    return zone(name) is not None


def find_zone(text: str | None) -> str | None:
    """The first zone a text names: an IANA name ("Europe/Lisbon"), an abbreviation ("ET",
    "CE(S)T"), a zone written out ("Eastern Time"), a city's time ("Paris time"), or an
    explicit offset ("GMT-3")."""
    if not text:
        return None
    text = _BRACKETED_LETTER.sub(r"\1\3", text[:2000])
    text = _BOTH_NAMES.sub("GMT", text)
    found = [*_offsets(text), *_named(text), *_words(text)]
    return min(found, key=lambda hit: hit[:2])[2] if found else None


def _words(text: str):
    for match in _ZONE_WORD.finditer(text):
        abbreviation, iana = match.groups()
        if iana and is_valid_zone(iana):
            yield match.start(), 2, iana
        elif abbreviation in ZONE_ABBREVIATIONS:
            yield match.start(), 2, ZONE_ABBREVIATIONS[abbreviation]


def _named(text: str):
    for match in _NAMED.finditer(text):
        if match.group(0)[0].isupper():  # "Eastern Time", not "the central time of day"
            yield match.start(), 1, ZONE_NAMES[match.group("name").casefold()]
    for match in _CITY_TIME.finditer(text):
        city = _cities().get(match.group("city").replace(" ", "_"))
        if city:
            yield match.start(), 1, city


def _offsets(text: str):
    for match in _OFFSET.finditer(text):
        hours, minutes = int(match.group("hours")), int(match.group("minutes") or 0)
        if minutes or hours > 14:
            yield match.start(), 0, None  # no Etc zone holds a half-hour offset: say none
            continue
        if hours == 0:
            yield match.start(), 0, "UTC"
            continue
        west = match.group("sign") not in "+"
        yield match.start(), 0, f"Etc/GMT{'+' if west else '-'}{hours}"


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City → zone from the zone database's own names ("Europe/Paris" gives "Paris")."""
    areas = ("Africa/", "America/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Pacific/")
    return {
        name.rsplit("/", 1)[1]: name
        for name in sorted(available_timezones())
        if name.startswith(areas) and name.count("/") == 1
    }
