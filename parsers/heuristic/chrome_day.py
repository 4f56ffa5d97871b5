"""The event's day when the page prints it only in its chrome: a one-day workshop's programme
lists clock times under no date, and the sidebar or site header says "Friday September 17"
or "Workshop at the Conference 2021, 17 September". `page_lines` leaves chrome out (menus
and news boxes hold no talks), so this reads it apart, for `context.update_context`.

Only a day the chrome states once and plainly counts: the line is the date alone (its
weekday aside), an event's name with its year and the date, or a place or name set off
before the full date ("Lille – 31 mai 2016" in a navbar brand); several days (a news box, a
list of past editions, "17–19 September") give none, and so does a page whose body prints a
date of its own (its headings and rows date the talks).
"""

from __future__ import annotations

import re
from datetime import date

from parsers.common import dates, vocab
from parsers.common.html import HtmlElement
from parsers.common.text import clean
from parsers.heuristic.reading import META_DATE

# Where a theme prints the event's day: the sidebar, the banner, the site header.
_CHROME = (
    "self::aside or self::header or self::nav or contains(concat(' ', normalize-space(@class),"
    " ' '), ' sidebar ') or contains(@class, 'sidebar-') or contains(@class, 'masthead') or"
    " contains(@class, 'site-header') or contains(@id, 'sidebar')"
)
CHROME_XPATH = f"//*[{_CHROME}]"
BODY_TEXT_XPATH = (
    f"//body//text()[not(ancestor::*[{_CHROME}])][not(ancestor::script or ancestor::style)]"
)
CHROME_PIECE_MAX = 80  # a chrome line that says more is a news item, not the event's day
BODY_TEXT_MAX = 200_000  # characters of the body searched for a date of its own
PROSE_TEXT_MIN = 300  # a text this long is a paragraph of prose, not a row or a heading
# What an event is called next to its day ("Workshop 2021, 17 September", "Journée 2024").
EVENT_WORDS = re.compile(
    r"\b(?:workshop|symposium|conference|congress|summit|meeting|school|tagung|journée|"
    r"jornadas?|convegno|congreso|congrès|kongress|"
    + vocab.alternation((*vocab.SESSION_NOUNS, *vocab.EVENT_NOUNS))
    + r")s?\b",
    re.I,
)
_WEEKDAY_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(dates.WEEKDAYS, key=len, reverse=True)) + r")\b\.?", re.I
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A place or a name set off before the date ("Lille – ", "Example Town, ", "EvCon · "): a
# brand line gives the event's where and when so. Not a deadline or a news label.
_PLACE_LEAD = re.compile(
    r"^\s*(?!(?i:deadline|registration|submission|news|notification|call|abstracts?)\b)"
    r"(?:[A-ZÀ-Ý][\w'’.&-]*\s+){0,3}[A-ZÀ-Ý][\w'’.&-]*\s*[-–—,|·•]\s*$"
)
_RANGE = re.compile(r"\d\s*(?:[-–—]|\bto\b|\bbis\b|\bau\b|\bal\b)\s*\d", re.I)


def chrome_day(element: HtmlElement, year: int | None, day_first: bool = True) -> date | None:
    """The one day the page's chrome gives for the event (see the module docstring); None if
    it gives none, several, or the body dates its talks itself. `element` is any element of
    the page; the year comes from the line, else from the chrome, else `year`."""
    root = element.getroottree().getroot()
    pieces = _pieces(root.xpath(CHROME_XPATH))
    years = {y for piece in pieces for y in _YEAR.findall(piece)}
    around = int(next(iter(years))) if len(years) == 1 else year
    found = {day for piece in pieces if (day := _lone_day(piece, around, day_first))}
    if not found and (titled := title_day(root, day_first)):
        found, around = {titled}, titled.year
    if len(found) != 1 or _body_dated(root, around, day_first, day := found.pop()):
        return None
    return day


def _pieces(chrome: list[HtmlElement]) -> list[str]:
    """Short texts of the chrome's elements, each once ("Friday September 17")."""
    return list(chrome_pieces(chrome))


def chrome_pieces(chrome: list[HtmlElement]) -> dict[str, HtmlElement]:
    """Short texts with a digit among the chrome's elements, each once, with the element
    that holds it ("Friday September 17", "Mondays, 4–5pm")."""
    seen: dict[str, HtmlElement] = {}
    for block in chrome[:50]:
        for node in block.iter():
            if not isinstance(node.tag, str):
                continue
            text = clean(node.text_content()) or ""
            if 4 <= len(text) <= CHROME_PIECE_MAX and re.search(r"\d", text):
                seen.setdefault(text, node)
    return seen


def title_day(root: HtmlElement, day_first: bool = True) -> date | None:
    """The one day the page's <title> names with its year ("Workshop on X (9 April 2018)",
    "Programme | Journée 2024 – 3 juin 2024"): the title names the page, so a single full date
    in it is the event's, whatever words stand around it. A range ("17–19 September 2021"),
    two dates or a day without its year give none."""
    title = clean(root.findtext(".//title") or "") or ""
    if not title or _RANGE.search(_YEAR.sub(" ", title)):
        return None
    found = dates.find_date(title, day_first=day_first)
    if found is None:
        return None
    day, (start, end) = found
    if not _YEAR.search(title[start:end]):
        return None  # a numeric "9/4" read with a year from elsewhere
    if dates.find_date(title[:start], day_first=day_first) or dates.find_date(
        title[end:], day_first=day_first
    ):
        return None
    return day


def _lone_day(piece: str, year: int | None, day_first: bool) -> date | None:
    """The date of a chrome line that is only a date, or an event's name, year and date."""
    if _RANGE.search(_YEAR.sub(" ", piece)):
        return None  # "17–19 September": several days
    found = dates.find_date(piece, default_year=year, day_first=day_first)
    if found is None:
        return None
    day, (start, end) = found
    weekday = dates.find_weekday(piece)
    if weekday is not None and day.weekday() != weekday:
        return None  # "Friday September 17" in a year where it is no Friday
    rest = _WEEKDAY_WORDS.sub(" ", piece[:start] + " " + piece[end:])
    if not re.search(r"[^\W\d_]", rest):
        return day  # the date alone
    has_year = bool(_YEAR.search(piece))
    if has_year and _PLACE_LEAD.match(piece[:start]) and not re.search(r"[^\W\d_]", piece[end:]):
        return None if META_DATE.search(piece[:start]) else day  # "Lille – 31 mai 2016"
    return (
        day
        if has_year and EVENT_WORDS.search(rest) and not re.search(r"\d", _YEAR.sub("", rest))
        else None
    )


def _body_dated(root: HtmlElement, year: int | None, day_first: bool, day: date) -> bool:
    """Does the page outside its chrome print a date other than `day` (the talks' own, or
    day headings)? The event's day repeated in a footer is not one, nor a "2/3" inside a
    paragraph of prose (an abstract): a row or a heading holds its date in a short text."""
    size = 0
    for text in root.xpath(BODY_TEXT_XPATH):
        size += len(text)
        if size > BODY_TEXT_MAX:
            return True  # a long page: no one-day programme
        if not text.strip() or len(text) > PROSE_TEXT_MIN:
            continue
        found = dates.find_date(text, default_year=year, day_first=day_first)
        if found and found[0] != day:
            return True
    return False
