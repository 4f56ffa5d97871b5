"""The day of a programme section that prints none, from the overview that links to it.

A conference programme often opens with an overview table or list: day rows ("Monday (8
July)") and, under each, the sessions of that day as in-page links ("Session 1" ->
`#session1`). The sessions' own sections below print their talks' clock times but no day, so
read in order they would all take the last day the overview names. Here a section that is the
target of such a link takes the day in force at the link: the link's own row's date, else the
last day row above it in the same table or list; a slot in it (a clock time and no date of
its own, `reading`) is on that day.

Only a row that is a date and little else ("Tuesday, 9 July") is a day row: a talk row with a
long title dates only its own links. A section linked from two different days gets none (it
is no one day's), nor does one that holds its own link ("back to top"); links in the chrome
(a news box's "5 May: <a href='#content'>") are not read, and one dated link is no overview.
"""

from __future__ import annotations

import re
from datetime import date

from parsers.common import dates
from parsers.common.html import HtmlElement
from parsers.common.memo import page_dict
from parsers.common.text import clean
from parsers.heuristic.lines import Line

_UNITS = ("tr", "li", "dt", "dd")
_CONTAINERS = ("table", "ul", "ol", "dl")
_NESTED = frozenset(_UNITS + _CONTAINERS)
_LINKS_XPATH = (
    "//body//a[starts-with(@href, '#')][not(ancestor::nav or ancestor::header or "
    "ancestor::footer or ancestor::aside)]"
)
MAX_LINKS = 500  # in-page links read for a page's overview
MIN_SECTIONS = 2  # an overview links the sessions of its days, not one section
DAY_ROW_LETTERS = 24  # letters a day row may print besides its date and weekday
_WEEKDAY_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(dates.WEEKDAYS, key=len, reverse=True)) + r")\b\.?", re.I
)
# page root id -> (root, {(year, day_first): {id(section): (section, day)}})
_PAGES: dict[int, tuple[HtmlElement, dict[tuple, dict[int, tuple]]]] = page_dict()


def section_day(line: Line, year: int | None, day_first: bool = True) -> date | None:
    """The day of the linked section `line` lies in (module docstring); None outside one."""
    root = line.element.getroottree().getroot()
    known = _PAGES.get(id(root))
    if known is None or known[0] is not root:
        known = _PAGES[id(root)] = (root, {})
    sections = known[1].get((year, day_first))
    if sections is None:
        sections = known[1][(year, day_first)] = _section_days(root, year, day_first)
    if not sections:
        return None
    for element in (line.element, *line.element.iterancestors()):
        if id(element) in sections:
            return sections[id(element)][1]
    return None


def _section_days(
    root: HtmlElement, year: int | None, day_first: bool
) -> dict[int, tuple[HtmlElement, date]]:
    """Each linked section's day (module docstring), keyed by the section's identity."""
    links = root.xpath(_LINKS_XPATH)[:MAX_LINKS]
    if not links:
        return {}
    unit_days: dict[int, tuple[HtmlElement, date | None]] = {}  # rows kept alive: ids stay theirs
    done: set[int] = set()
    by_target: dict[str, set[date]] = {}
    for link in links:
        target = (link.get("href") or "")[1:].strip()
        unit = next(link.iterancestors(*_UNITS), None)
        if not target or unit is None:
            continue
        container = _outermost(link)
        if container is not None and id(container) not in done:
            done.add(id(container))
            unit_days.update(_days_in_force(container, year, day_first))
        day = unit_days.get(id(unit), (None, None))[1]
        if day is not None:
            by_target.setdefault(target, set()).add(day)
    if not by_target:
        return {}
    ids = {el.get("id"): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    found = {}
    for target, days in by_target.items():
        section = ids.get(target)
        if section is None or len(days) != 1 or section.xpath(".//a[@href=$h]", h="#" + target):
            continue  # no such section, several days, or a link inside its own section
        found[id(section)] = (section, days.pop())
    return found if len(found) >= MIN_SECTIONS else {}


def _outermost(element: HtmlElement) -> HtmlElement | None:
    last = None
    for ancestor in element.iterancestors(*_CONTAINERS):
        last = ancestor
    return last


def _days_in_force(
    container: HtmlElement, year: int | None, day_first: bool
) -> dict[int, tuple[HtmlElement, date | None]]:
    """Each row's day: its own date, else the last day row's above it in the container."""
    days: dict[int, tuple[HtmlElement, date | None]] = {}
    current = None
    for unit in container.iter(*_UNITS):
        text = _own_text(unit)
        found = dates.find_date(text, default_year=year, day_first=day_first) if text else None
        if found is not None:
            days[id(unit)] = (unit, found[0])
            if _day_row(text, found[1]):
                current = found[0]
        else:
            days[id(unit)] = (unit, current)
    return days


def _own_text(unit: HtmlElement) -> str:
    """The row's text without the rows and lists nested in it."""
    parts = [unit.text or ""]
    for child in unit:
        if isinstance(child.tag, str) and child.tag not in _NESTED:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return clean(" ".join(parts)) or ""


def _day_row(text: str, span: tuple[int, int]) -> bool:
    rest = _WEEKDAY_WORDS.sub(" ", text[: span[0]] + " " + text[span[1] :])
    return len(re.findall(r"[^\W\d_]", rest)) <= DAY_ROW_LETTERS
