"""A conference schedule's slots that are no talks though the schedule credits them to
someone (often the event's own account): "Friday Registration", "Group Photo!", "Camp Party,
sponsored by Acme", "Contribution Day", a day-long "Training: …" or "Summit: …" block.

`fields` drops a record whose title `BREAKS` names only when it is short and starts with the
break word; these slots lead with a weekday, end with a sponsor, or name a day's activity
that `BREAKS` does not list. Split from `fields` to keep that module's rules readable.
"""

from __future__ import annotations

import re

from parsers.common.daynames import WEEKDAYS
from parsers.heuristic.patterns import BREAKS

_BREAK_WORDS = 3
_WEEKDAY_LEAD = re.compile(r"^\W*(?P<day>[^\W\d_]+)\.?,?\s+(?P<rest>\S.*)$")
_ACTIVITY = re.compile(
    r"^\W*(?:(?:group|family|conference|camp|team)\s+(?:photo|picture)s?|photo\s+session|"
    r"(?:contribution|contributor|code)\s+(?:day|sprint)s?|sprints?|hackathon)\b"
    # a day-long block of its own kind, its programme elsewhere: "Training: …", "Summit: …"
    r"|^\W*(?:training|summit)\s*[:–—]",
    re.I,
)
# "Camp Party", "Closing party, sponsored by Acme", "Party at the pub": a party, never a
# third-party library or a political party (a word before it that qualifies it otherwise).
_PARTY = re.compile(
    r"^(?!.*\b(?:third|multi|political|two|opposition|ruling)[\s-]+party\b)"
    r"(?:[^\s,:]+\s+){0,4}(?:after-?)?party\b(?=\s*(?:$|[,(!–—]|sponsored\b|at\b|@))",
    re.I,
)


def social_slot(title: str | None) -> bool:
    """Is the title a schedule's social or organisational slot, not a talk (module doc)?"""
    if not title:
        return False
    return bool(_ACTIVITY.match(title) or _PARTY.match(title)) or _day_break(title)


def _day_break(title: str) -> bool:
    """ "Friday Registration", "Saturday lunch": a break led by the weekday it falls on."""
    found = _WEEKDAY_LEAD.match(title)
    if found is None or found["day"].casefold() not in WEEKDAYS:
        return False
    rest = found["rest"]
    return bool(BREAKS.match(rest)) and len(rest.split()) <= _BREAK_WORDS
