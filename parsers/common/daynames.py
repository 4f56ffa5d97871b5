"""Month and weekday names in the languages seminar pages use, and what a printed weekday
says about a date (`find_weekday`, `year_for_weekday`).

Kept apart from `parsers.common.dates`, which reads dates with these tables and re-exports
the two functions: a weekday is how a page that leaves the year out fixes it.
"""

from __future__ import annotations

import re
from datetime import date

# Spanish and Italian short forms ("18 dic 2024", "3 ott", "5 abr."); not Portuguese "out"
# ("3 out of 5") nor Italian "mag" (a magnitude).
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan janvier janv januar jänner jän enero ene gennaio gen janeiro januari",
        "february feb febr février fevrier févr fevr fév februar febrero febbraio fevereiro fev "
        "februari",
        "march mar mars märz maerz mär mrz marzo março marco maart mrt",
        "april apr avril avr abril abr aprile aprili",
        "may mai mayo maggio maio mei maj",
        "june jun juin juni junio giugno giu junho",
        "july jul juillet juil juli julio luglio lug julho",
        "august aug août aout agosto ago augustus augusti",
        "september sep sept septembre setembro settembre septiembre setiembre set",
        "october oct octobre oktober okt octubre ottobre ott outubro",
        "november nov novembre noviembre novembro",
        "december dec décembre decembre déc dezember dez diciembre dicembre dic dezembro",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number


WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "monday mon lundi lun montag mo lunes lunedì lunedi segunda maandag måndag",
        "tuesday tue tues mardi mar dienstag di martes martedì martedi terça terca dinsdag tisdag",
        "wednesday wed mercredi mer mittwoch mi miércoles miercoles mercoledì mercoledi quarta "
        "woensdag onsdag",
        "thursday thu thur thurs jeudi jeu donnerstag do jueves giovedì giovedi quinta "
        "donderdag torsdag",
        "friday fri vendredi ven freitag fr viernes venerdì venerdi sexta vrijdag fredag",
        "saturday sat samedi sam samstag sa sábado sabado sabato zaterdag lördag",
        "sunday sun dimanche dim sonntag so domingo domenica zondag söndag",
    ]
):
    for _name in _names.split():
        WEEKDAYS[_name] = _number


_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))


# Full names anywhere; a short form ("Tue", "Di", "jeu.") only right before a day number. A
# short form that is also a month ("mar") only when a day and another month follow it
# ("mar. 5 mars", "Mar 5 de marzo"): "Mar 12" is March.
_WEEKDAY_LONG = re.compile(
    r"(?<![\w])("
    + "|".join(sorted((n for n in WEEKDAYS if len(n) > 3), key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)
_SHORT = sorted((n for n in WEEKDAYS if len(n) <= 3), key=len, reverse=True)
_WEEKDAY_SHORT = re.compile(
    r"(?<![\w])(?:("
    + "|".join(n for n in _SHORT if n not in MONTHS)
    + r")\.?,?\s+(?=\d)|("
    + "|".join(n for n in _SHORT if n in MONTHS)
    + rf")\.?,?\s+(?=[0-3]?\d\.?\s+(?:de\s+)?(?:{_MONTH_ALT})(?![\w])))",
    re.IGNORECASE,
)


# A short weekday printed right after the date ("Sep 09 Tue", "March 24 (Tue)", "5 June
# (Mon.)", "10月15日（火）", "3월 5일 (화)"). Bare, only a capitalised form of 3+ letters that
# is not also a month ("12 Mar" is March) and that no word follows ("Jan 12 Sun Wei" names a
# person): `find_weekday` checks that a date ends right before it.
_CJK_WEEKDAYS = {c: n for n, c in enumerate("月火水木金土日")} | {
    c: n for n, c in enumerate("월화수목금토일")
}
_WEEKDAY_AFTER = re.compile(
    r"[(（]\s*(?P<paren>(?i:"
    + "|".join(sorted((n for n in WEEKDAYS if len(n) <= 4 and n not in MONTHS), key=len)[::-1])
    + ")|["
    + "".join(_CJK_WEEKDAYS)
    + r"])\.?\s*[)）]|(?<![\w])(?P<bare>[A-Z](?i:"
    + "|".join(sorted({n[1:] for n in WEEKDAYS if 3 <= len(n) <= 4 and n not in MONTHS}))
    + r"))\.?(?=\s*(?:$|[^\w\s]|\d))"
)
_DATE_END = re.compile(rf"(?:\d(?:st|nd|rd|th)?|[日일]|(?<![\w])(?:{_MONTH_ALT}))\.?$", re.I)


def find_weekday(text: str | None) -> int | None:
    """The weekday a text names (0 = Monday), in the languages of `MONTHS`; None if none.

    Before the date ("Tue 3/5", "mardi 3 mars") or right after it ("Sep 09 Tue", "(Tue)"):
    pages that list talks newest first leave the year out, and the weekday is what fixes it."""
    if not text:
        return None
    match = _WEEKDAY_LONG.search(text) or _WEEKDAY_SHORT.search(text)
    if match:
        return WEEKDAYS[(match.group(1) or match.group(2)).lower()]
    for after in _WEEKDAY_AFTER.finditer(text):
        if not _DATE_END.search(text[: after.start()].rstrip(" ,")):
            continue
        name = after.group("paren") or after.group("bare")
        return _CJK_WEEKDAYS.get(name, WEEKDAYS.get(name.lower()))
    return None


def year_for_weekday(month: int, day: int, weekday: int, around: int) -> int | None:
    """The year near `around` (±2) in which month/day falls on `weekday` ("Tue 3/5")."""
    for offset in (0, 1, -1, 2, -2):
        try:
            if date(around + offset, month, day).weekday() == weekday:
                return around + offset
        except ValueError:
            continue
    return None
