"""How a programme page prints its days and its slots, where that differs from a line that
reads alone (for `context` and `reading`):
- a day heading split over several headings: a theme prints the day's number, its month and
  its weekday as headings of their own ("7" / "de marzo" / "Martes"), none a date alone, so
  a heading that is only a day number is read with the heading right after it;
- afternoon slots on a 12-hour clock with no am/pm: a programme that runs "11:40 - 12:10",
  "12:10 - 12:40", then "1:30 - 2:30" means 13:30, though a bare "1:30" is no time of day a
  talk starts at (`reading._plausible`). Only for a page whose own slots reach noon and then
  start over at 1-6, written "H:MM" (unpadded), and that writes no slot at 13-23 (a 24-hour
  page's "1:30" is one at night; a padded "03:15" is a far zone's night, never afternoon).
  A timetable with its start and end in columns of their own ("12:45" | "1:45") counts its
  clock cells as slots. A padded "01:00" is afternoon only where the page writes a slot that
  runs across noon on a 12-hour clock ("12:15 - 01:00": on a 24-hour clock no slot runs from
  noon to one at night), and no slot at 13-23.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import time
from typing import TYPE_CHECKING

from parsers.common.html import HtmlElement
from parsers.common.memo import page_dict
from parsers.heuristic.lines import Line

if TYPE_CHECKING:
    from parsers.heuristic.reading import PageContext

# A heading that is only a day of the month ("7", "21.").
DAY_NUMBER = re.compile(r"\s*(?:0?[1-9]|[12]\d|3[01])\.?\s*")


def day_number_joined(field_ctx: PageContext, line: Line) -> Line | None:
    """A day-number heading waits for the heading right after it and is read with it ("7" +
    "de marzo" is 7 March): None while it waits (alone it says nothing). A heading that is not
    right after it ("7" then a paragraph) ends the wait; any other line is itself."""
    pending, field_ctx.day_number = field_ctx.day_number, None
    if line.heading and DAY_NUMBER.fullmatch(line.text):
        field_ctx.day_number = line
        return None
    if pending is not None and line.heading and line.index == pending.index + 1:
        return dataclasses.replace(line, text=f"{pending.text.strip()} {line.text}")
    return line


# A slot at the start of a text, with no am/pm: "1:30 - 2:30", "12:10 - 12:40", "2:45 -3:15".
_SLOT = re.compile(
    r"^\s*(?P<hour>\d{1,2}):[0-5]\d\s*[-–—]\s*\d{1,2}:[0-5]\d(?!\d|\s*[ap]\.?\s?m\b)", re.I
)
# A clock alone in a table cell ("1:30"): a timetable that gives start and end in columns of
# their own ("Start" | "End" | "Description"), no range in one text.
_CELL_CLOCK = re.compile(r"\s*(?P<hour>\d{1,2}):[0-5]\d\s*")
_UNPADDED = re.compile(r"^\s*[1-6]:[0-5]\d(?!\d)(?![^-–—]*[ap]\.?\s?m\b)", re.I)
_PADDED = re.compile(r"^\s*0[1-6]:[0-5]\d(?!\d)(?![^-–—]*[ap]\.?\s?m\b)", re.I)
# A slot across noon on a 12-hour clock: "12:15 - 01:00", "12:30-1:30" (no am/pm).
_ACROSS_NOON = re.compile(r"^\s*12:[0-5]\d\s*[-–—]\s*0?[1-6]:[0-5]\d(?!\d|\s*[ap]\.?\s?m\b)", re.I)
_BODY_TEXT = "//body//text()[not(ancestor::script or ancestor::style)]"
SLOT_TEXT_MAX = 200_000  # characters of a page searched for its slots
_PAGES: dict[int, tuple[HtmlElement, bool, bool]] = page_dict()


def afternoon_slot(
    start: time, end: time | None, written: str, element: HtmlElement
) -> tuple[time, time | None] | None:
    """A slot written "H:MM" (or "0H:MM") at 1-6 with no am/pm, read as afternoon on a page
    whose slots run on a 12-hour clock (module docstring); None where it is no such slot."""
    if not 1 <= start.hour <= 6:
        return None
    restarts, across_noon = _clock_of(element)
    if not ((restarts and _UNPADDED.match(written)) or (across_noon and _PADDED.match(written))):
        return None
    if end is not None and end.hour < 12:
        end = end.replace(hour=end.hour + 12)
    return start.replace(hour=start.hour + 12), end


def twelve_hour_page(element: HtmlElement) -> bool:
    """Do the slots of the page `element` is on reach noon and start over at 1-6 ("12:10 -
    12:40" then "1:30 - 2:30"), with none at 13-23?"""
    return _clock_of(element)[0]


def _clock_of(element: HtmlElement) -> tuple[bool, bool]:
    """Whether the page's slots restart after noon unpadded, and whether one runs across noon
    on a 12-hour clock (both False on a 24-hour page). Read once per page."""
    root = element.getroottree().getroot()
    known = _PAGES.get(id(root))
    if known is None or known[0] is not root:
        known = _PAGES[id(root)] = (root, *_restarts_after_noon(root))
    return known[1], known[2]


def _restarts_after_noon(root: HtmlElement) -> tuple[bool, bool]:
    noon = restarted = across = False
    size = 0
    for text in root.xpath(_BODY_TEXT):
        size += len(text)
        if size > SLOT_TEXT_MAX:
            break
        slot = _SLOT.match(text) or _cell_clock(text)
        hour = int(slot.group("hour")) if slot else None
        if hour is None:
            continue
        if hour >= 13:
            return False, False  # a 24-hour page
        noon = noon or hour == 12
        restarted = restarted or (noon and hour <= 6 and bool(_UNPADDED.match(text)))
        across = across or bool(_ACROSS_NOON.match(text))
    return restarted, across


def _cell_clock(text: str) -> re.Match[str] | None:
    """A bare "H:MM" that is all a table cell says (`_CELL_CLOCK`); None for any other text."""
    parent = text.getparent() if hasattr(text, "getparent") else None
    if parent is None or parent.tag not in ("td", "th") or not text.is_text:
        return None
    return _CELL_CLOCK.fullmatch(text)
