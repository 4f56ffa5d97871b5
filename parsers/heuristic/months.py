"""Talks dated by a month only: "May 2023", "(July, 2025)", "05.2024", "2016.10. Title".

Personal talk lists and club archives date talks so. Such a line still anchors a talk's
record (`anchors.month_only`), but the talk gets no date; the month printed in a title is
cut from it (`without_month`). A month name alone under a year line dates the talk below it
the same way (`lone_month`). Split from `anchors`, which imports these (and `titles`,
`fields` and `title_marks` use them from there).
"""

from __future__ import annotations

import re

from parsers.common.dates import MONTHS
from parsers.heuristic.labels import label_of
from parsers.heuristic.lines import Line

# "May 2023", "(July, 2025)", "Oct 2022.", "maio de 2014": a month and a year with no day.
# Personal talk lists date talks this way: the line is still a talk's, it has no date.
_MONTH_NAMES = "|".join(
    sorted((re.escape(m) for m in MONTHS if len(m) >= 3), key=len, reverse=True)
)
# A year may be cut to two digits behind an apostrophe ("Mar '18", "Sept ’17"): the
# apostrophe is what makes it a year, so "May 18" stays a day.
MONTH_YEAR = re.compile(
    rf"(?<![\w/.-])(?P<month>{_MONTH_NAMES})\.?,?\s+(?:de\s+)?(?:(?:19|20)\d\d|['’‘]\d\d)"
    r"(?![\d/-])",
    re.I,
)
# Month names that are also common lowercase words ("may 2023 be", "set 2021 as"): these count
# only capitalised.
_MONTH_WORDS = frozenset(["may", "march", "mar", "set", "sept", "dec", "gen", "mai"])
# A month with no year is a date only in a column headed as the date ("TBC May").
_BARE_MONTH = re.compile(rf"(?<![\w/.-])(?:{_MONTH_NAMES})\.?(?![\w/-])", re.I)


# A numeric month and year alone on a line ("05.2024", "(11/2023)"): a card's date by
# month only. Alone only: inside a text the shape is a version, a page or a ratio as often.
NUMERIC_MONTH = re.compile(r"^[(\[]?(?:0?[1-9]|1[0-2])[./](?:19|20)\d\d[)\]]?$")
# A year-first numeric month leading an entry ("2016.10. Title - Name", "2019/03 Title"), as
# East Asian pages date their archives. Closed by its separator, or a two-digit month: a
# software version ("2019.3 release notes") has neither.
YEAR_MONTH_LEAD = re.compile(
    r"^[(\[]?(?:19|20)\d\d(?P<sep>[./])(?:(?:0[1-9]|1[0-2])(?P=sep)?|[1-9](?P=sep))[)\]]?"
    r"(?=\s+\S)"
)
# A month-first numeric month and year leading an entry ("03/2025: Title, Event, Place",
# "(11.2019) Title"), as personal talk lists date talks they gave: closed by a colon, a dash,
# a bar or brackets; "3/2025 of the budget" (a ratio, a page) is not closed so.
MONTH_YEAR_LEAD = re.compile(
    r"^(?:\((?:0?[1-9]|1[0-2])[./](?:19|20)\d\d\)|\[(?:0?[1-9]|1[0-2])[./](?:19|20)\d\d\]|"
    r"(?:0?[1-9]|1[0-2])[./](?:19|20)\d\d\s*[:|–—-])(?=\s*[^\W\d_])"
)


def month_only(line: Line) -> bool:
    """Does the line date a talk by month only ("May 2023", "05.2024", "2016.10. Title";
    "TBC May" in a Date column)? Callers have found no full date in it."""
    text = line.text[:300]
    if NUMERIC_MONTH.match(text.strip(" .,;")) or YEAR_MONTH_LEAD.match(text):
        return True
    if MONTH_YEAR_LEAD.match(text):
        return True
    for match in MONTH_YEAR.finditer(text):
        word = match.group("month")
        if not (word.islower() and word.lower() in _MONTH_WORDS):
            return True
    column = line.column or ""
    return bool(column and label_of(column) == "date" and _BARE_MONTH.search(text))


def month_leads(line: Line) -> bool:
    """Does the line open with a numeric month and year set off from what follows ("03/2025:
    Title, Event, Place", "2019/03 Title")? However long, such a line is a listing's entry:
    no sentence opens with a numeric date (`anchors._prose`). A named month may ("March 2018
    — we moved …"), so it is not counted here."""
    text = line.text[:120]
    return bool(MONTH_YEAR_LEAD.match(text) or YEAR_MONTH_LEAD.match(text))


def without_month(title: str) -> str:
    """A title minus the month it was given in ("Title (July, 2025)", "May 2023: Title",
    "2016.10. Title"): dates by month only are not cut out with the dates (`month_only`)."""
    for pattern in (_MONTH_AFTER, _MONTH_BEFORE, _YEAR_MONTH_BEFORE, _MONTH_YEAR_BEFORE):
        stripped = pattern.sub("", title).strip()
        if stripped and stripped != title and len(stripped) >= 3:
            return stripped
    return title


_MONTH_AFTER = re.compile(rf"[\s,;–—-]*[(\[]?\s*(?:{MONTH_YEAR.pattern})\s*[)\]]?\.?\s*$", re.I)
_MONTH_BEFORE = re.compile(rf"^\s*[(\[]?\s*(?:{MONTH_YEAR.pattern})\s*[)\]]?\s*[:.,–—-]\s*", re.I)
_YEAR_MONTH_BEFORE = re.compile(rf"{YEAR_MONTH_LEAD.pattern}\s*(?:[:|–—-]\s+)?")
_MONTH_YEAR_BEFORE = re.compile(rf"{MONTH_YEAR_LEAD.pattern}\s*")


def lone_month(line: Line) -> bool:
    """Is the line a month name and nothing else ("October", "<b>Mar.</b>")? Under a year
    heading on a talks page it dates the talk below it by month; the talk gets no date."""
    return is_month_name(line.text)


def is_month_name(text: str) -> bool:
    """`lone_month` for a text."""
    word = text.strip(" .,:;()[]")
    if not _BARE_MONTH.fullmatch(word) or len(word) < 3:
        return False
    return not (word.islower() and word.lower() in _MONTH_WORDS)
