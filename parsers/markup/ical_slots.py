"""What a calendar's SUMMARY says besides its talk: the series' label, a slot's kind, a
placeholder, a break or a working session (`ical_fields` reads the talk itself).

Kept apart from `ical_fields` so each stays small: these are the recognisers of text that
is *not* a title, the other module splits speakers from titles.
"""

from __future__ import annotations

import re

from parsers.common import vocab
from parsers.common.people import SLOT_LABEL, people_in
from parsers.common.text import clean, fold

ONLINE = re.compile(r"\b(online|zoom|teams|webex|virtual|remote|jitsi)\b", re.I)

# A SUMMARY that names no talk: a generic word, with at most two qualifiers ("Research seminar").
GENERIC_SUMMARY = re.compile(
    r"^(?:(?:special|invited|guest|research|weekly|monthly|online|hybrid|virtual|department(?:al)?"
    r"|group|student|graduate|internal|informal|joint|regular|lab|team)\s+){0,2}"
    + vocab.alternation((*vocab.SESSION_NOUNS, *vocab.MEETING_NOUNS, *vocab.EVENT_NOUNS))
    + r"s?$",
    re.I,
)
SERIES_PREFIX = re.compile(r"^(?P<series>[^:]{2,80}?)\s*:\s+(?P<rest>.+)$")
# A series' name ending in a session noun ("Applied Analysis Seminar", "Physics Colloquium").
SERIES_NAME = re.compile(
    r"\b" + vocab.alternation((*vocab.SESSION_NOUNS, *vocab.MEETING_NOUNS, "series")) + r"s?$",
    re.I,
)


# "[Series Colloquium] Title", "[Online] Title": a bracketed tag opening the SUMMARY.
_TAG_LEAD = re.compile(r"^\s*\[(?P<tag>[^\[\]]{2,60})\]\s*(?P<rest>\S.*)$")


def without_series_tag(summary: str | None, labels: frozenset[str]) -> str | None:
    """SUMMARY minus a leading bracketed tag naming the series (the calendar's name, a name
    ending in a session noun) or the way the event is held: a label on every event, not a
    word of the title ("[Some Seminar] Title" is the talk "Title")."""
    match = _TAG_LEAD.match(summary or "")
    if match is None:
        return summary
    tag = clean(match["tag"]) or ""
    named = fold(tag) in labels or SERIES_NAME.search(tag) or GENERIC_SUMMARY.match(tag)
    return match["rest"].strip() if named or ONLINE.fullmatch(tag) else summary


def is_label(summary: str, labels: frozenset[str]) -> bool:
    """A SUMMARY (or the title part of one) that is the series' or calendar's name, or a
    generic word, names no talk. A calendar named "Institute Seminar — Series Name" labels its
    events with either part, so a part of the name between separators counts too."""
    prefix = SERIES_PREFIX.match(summary)
    rest = prefix["rest"] if prefix and not people_in(prefix["series"]) else summary
    return (
        fold(summary) in labels
        or bool(GENERIC_SUMMARY.match(summary))
        or bool(SLOT_LABEL.match(summary))  # "Closing Keynote", "Talk 3": a slot, no title
        or bool(_WEEK_SLOT.match(rest))  # "Series: Week no 3" (left by "… given by Jane Doe")
    )


# A teaching week's number, the slot of a term's weekly series: "Week 3", "Week no. 12".
_WEEK_SLOT = re.compile(
    r"^(?:week|wk|semaine|woche|semana|settimana)\.?\s*(?:no\.?|nr\.?|n[º°o]\.?|#)?\s*\d{1,2}\W*$",
    re.I,
)


NAME_PARTS = re.compile(r"\s+[–—|-]\s+|:\s+")


def no_talk(summary: str | None) -> bool:
    """A SUMMARY with no speaker that says the slot is no talk: a placeholder ("Series:
    speaker to be announced", "TBA") or a working or writing session."""
    text = clean(summary) or ""
    prefix = SERIES_PREFIX.match(text)
    rest = prefix["rest"] if prefix and not people_in(prefix["series"]) else text
    return bool(
        PLACEHOLDER_SLOT.match(rest)
        or _WORK_SESSION.search(text)
        or _BREAK_SLOT.match(rest)
        or _TERM_BREAK.match(text)
    )


# A series' slot kept in the calendar over a term's break ("Summer Break - Some Program
# Meeting", "Winter recess: Journal Club"): the meeting does not take place.
_TERM_BREAK = re.compile(
    r"^\W*(?:summer|winter|spring|fall|autumn|holiday|christmas|thanksgiving|easter|"
    r"mid-?term|mid-?semester|semester|term|reading)\s+(?:break|recess|vacation|holidays?)"
    r"(?:\s*(?:[-–—:|]|$))",
    re.I,
)


PLACEHOLDER_SLOT = re.compile(
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
