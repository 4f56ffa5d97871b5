"""The event's place when the page says it once, next to the event's dates: a conference's
banner or navbar brand reads "Example Town, Country | 4–6 June 2031", "Lille - 31 mai 2016",
"January 2031, Example Institute" or "December 23, 2031 Example Campus, City". Its talks
print no room of their own, and the place holds for all of them (`context` keeps it as the
location of every record that gives none; a room line further down still replaces it).

Only a short line counts whose dates stand at one end and whose other end is a name set off
from them: no clock time (a slot), no deadline or news label, no event word (the line names
the event, not its place: "Workshop 2031 · 4 June"), no person (a byline's "Jane Doe · 3 May").
"""

from __future__ import annotations

import re

from parsers.common import dates, zones
from parsers.common.people import people_in
from parsers.heuristic.chrome_day import EVENT_WORDS
from parsers.heuristic.chrome_facts import chrome_lines
from parsers.heuristic.lines import Line
from parsers.heuristic.months import MONTH_YEAR
from parsers.heuristic.patterns import PLACE
from parsers.heuristic.reading import META_DATE, has_clock

BANNER_MAX = 120  # a banner line that says more is a sentence, read by `context` apart
BANNER_LINES = 12  # page lines near the top searched for the banner
PLACE_WORDS_MAX = 10
# Words that join the two days of a range, or lead a date ("du … au …", "from … to …").
_RANGE_WORDS = re.compile(
    r"^(?:du|au|from|to|until|bis|vom|al|del|dal|de|a|–|—|-|&|and|et|und|y|e)$", re.I
)
_WEEKDAYS = frozenset(dates.WEEKDAYS)
# What a banner's place never is: a deadline, a news or call label, a page's section name.
_NOT_PLACE = re.compile(
    r"\b(?:deadline|registration|submission|notification|news|call|abstracts?|posted|updated|"
    r"programme|program|schedule|agenda|dates?|day|home|menu|copyright)\b",
    re.I,
)
_DAY_NUMBER = re.compile(r"^\d{1,2}(?:st|nd|rd|th|er)?\.?$")
_SEPARATORS = " ,;:|·•–—-/()[]"


def banner_place(text: str, *, day_first: bool = True) -> str | None:
    """The place a banner line names beside the event's dates (see the module docstring)."""
    text = text.strip()
    if len(text) > BANNER_MAX or has_clock(text) or META_DATE.search(text):
        return None
    spans = _date_spans(text, day_first)
    if not spans:
        return None
    first, last = spans[0][0], spans[-1][1]
    between = text[first:last]
    for start, end in reversed(spans):
        between = between[: start - first] + " " + between[end - first :]
    if not all(map(_date_word, _words(between))):
        return None  # words between two dates: a sentence or a list, not one banner
    head, tail = _rest(text[:first], before=True), _rest(text[last:], before=False)
    if bool(head) == bool(tail) or text[:first].rstrip().endswith((":", "(")):
        return None  # dates alone, a name on both sides, a label's ("Day 1:") or a title's

    place = head or tail
    return place if _place_like(place) else None


def _date_spans(text: str, day_first: bool) -> list[tuple[int, int]]:
    """The spans of the full dates and month-years a text gives, in order."""
    spans: list[tuple[int, int]] = []
    at = 0
    while at < len(text) and len(spans) < 4:
        found = dates.find_date(text[at:], day_first=day_first)
        if found is None:
            break
        start, end = found[1]
        spans.append((at + start, at + end))
        at += end
    spans += [m.span() for m in MONTH_YEAR.finditer(text) if not _inside(m.span(), spans)]
    return sorted(spans)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] < end or start < span[1] <= end for start, end in spans)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,.;:|·•()]+", text) if w]


def _rest(piece: str, *, before: bool) -> str:
    """A banner's name beside its dates, without the weekday, day numbers and range words
    next to them ("Djerba | du jeudi 04 juin …": "Djerba"); `before`: the name leads."""
    words = piece.split()
    while words and _date_word(words[-1 if before else 0]):
        words.pop(-1 if before else 0)
    return " ".join(words).strip(_SEPARATORS)


def _date_word(word: str) -> bool:
    bare = word.strip(_SEPARATORS).casefold()
    return (
        not bare or bare in _WEEKDAYS or bool(_RANGE_WORDS.match(bare) or _DAY_NUMBER.match(bare))
    )


def _place_like(place: str) -> bool:
    """A name that may be a place: a few words, led by a capital or a digit ("A 148, …"), no
    event word, no label, not a person."""
    words = place.split()
    if not 1 <= len(words) <= PLACE_WORDS_MAX or not re.match(r"[A-ZÀ-Ý\d@]", place):
        return False
    if not re.search(r"[^\W\d_]{2}", place) or EVENT_WORDS.search(place):
        return False
    if _NOT_PLACE.search(place) or zones.find_zone(place):
        return False
    people = people_in(place)  # "Jane Doe", "Jane Doe (Example University)": a byline
    return not any((p.name == place and not p.affiliation) or "(" in place for p in people)


def page_place(lines: list[Line], owner: dict[int, int], day_first: bool = True) -> str | None:
    """The place a banner above the page's first record gives, else the one the chrome's
    banner gives (its shortest reading: a navbar brand holds the site's name too), else the
    one room the chrome names ("Example Building (room 0.51)" under the site's title)."""
    first = min(owner, default=BANNER_LINES)
    for line in lines[:BANNER_LINES]:
        if line.index >= first and not _event_head(line, lines, owner):
            continue
        if place := banner_place(line.text, day_first=day_first):
            return place
    chrome = chrome_lines(lines)
    found = [p for line in chrome if (p := banner_place(line.text, day_first=day_first))]
    if found:
        return min(found, key=len)
    rooms = {line.text for line in chrome if PLACE.search(line.text) and ":" not in line.text}
    rooms = {room for room in rooms if not any(r != room and r in room for r in rooms)}
    return rooms.pop() if len(rooms) == 1 else None  # the innermost: not "Title Room 1"


def _event_head(line: Line, lines: list[Line], owner: dict[int, int]) -> bool:
    """Is the line part of the page's first record, the event's head and not a talk: the line
    above it names the event ("Third Workshop on …" over "January 2031, Example Institute"),
    not a list of talks ("Conference talks"), and no line of its record gives a clock time?"""
    number = owner.get(line.index)
    above = [other for other in lines[:BANNER_LINES] if other.index < line.index]
    record = [other for other in lines[:BANNER_LINES] if owner.get(other.index) == number]
    return (
        number is not None
        and number == owner[min(owner)]  # the page's first record: the head, above the talks
        and bool(above)
        and bool(EVENT_WORDS.search(above[-1].text))
        and not _TALK_LIST.search(above[-1].text)
        and not any(has_clock(other.text) for other in record)
    )


# A heading over a list of talks, which a person's page or a series names with an event word.
_TALK_LIST = re.compile(
    r"\b(?:talks?|presentations?|lectures?|vortr[äa]ge|exposés|charlas|palestras|"
    r"invited|contributed|upcoming|past)\b",
    re.I,
)
