"""Time zones: IANA names, and the abbreviations pages print next to clock times.

Zones are attached with zoneinfo to a talk's local date and time (see `dates.combine`), so
the offset is the one in force that day; abbreviations map to IANA zones, never to fixed
offsets.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "MEZ": "Europe/Berlin",
    "MESZ": "Europe/Berlin",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "BST": "Europe/London",
    "GMT": "UTC",
    "UTC": "UTC",
    "WAT": "Africa/Lagos",
    "EAT": "Africa/Nairobi",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
}
_ZONE_WORD = re.compile(r"\b([A-Z]{2,4})\b|\b([A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Za-z_]+)?)\b")



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
    """The first zone a text names: an IANA name ("Europe/Lisbon") or an abbreviation ("ET")."""
    if not text:
        return None
    for abbreviation, iana in _ZONE_WORD.findall(text):
        if iana and is_valid_zone(iana):
            return iana
        if abbreviation in ZONE_ABBREVIATIONS:
            return ZONE_ABBREVIATIONS[abbreviation]
    return None
