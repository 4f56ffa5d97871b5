"""A title as the page means it, and the lines that are no title: `titles`' cleaning rules.

A page prints more than the title on the title's line: quotes, "[slides]" labels, a status
word, an enumeration ("[T3] - ", "2. "), the slot it fills ("Keynote 2:", "Contributed talk
3:"), link extras ("{slide, code}", "(ICML Video)"), the paper's length ("(short)").
`tidy_title` cuts them. Some lines are never a title, or the last choice for one: a session's
own heading ("Session 2 (On-site; 09:00-10:30)"), a box's label ("Next colloquium"), a room
(`looks_like_place`).
"""

from __future__ import annotations

import re

from parsers.common import dates
from parsers.common.memo import per_page
from parsers.common.people import people_in
from parsers.common.text import clean
from parsers.heuristic.patterns import LINK_LABELS, NAMED_ROOM, NOT_ROOM, PLACE, STATUS_MARKER


@per_page
def looks_like_place(text: str) -> bool:
    """A room or venue line ("Room 101", "Salle 105, tour 25-26", "Online", "Evans 1015"); not
    a slot's or session's title ("Session 1: Building Trust"), nor a course-like "LLMs 101"."""
    if len(text) > 120 or len(text.split()) > 14 or _MODE_LED_TITLE.match(text):
        return False
    tagged = _LEAD_TAG.match(text)
    if tagged and tagged["rest"]:  # "[Campus seminar] Title": the tag names the event
        return looks_like_place(tagged["rest"])
    if _SLOT_LED.match(text):
        return False
    if PLACE.search(text):
        return True
    named = NAMED_ROOM.match(text) and not NOT_ROOM.match(text) and not _EVENT_YEAR.search(text)
    return bool(named and not _PLURAL_CODE.match(text) and not _month_and_year(text))


# An event named with its year ("Education Conference 2023", "Spring School 2019", a card's
# subtitle under a talk's title): the occasion of the talk, not a building and room number.
_EVENT_YEAR = re.compile(
    r"\b(?:conference|workshop|meeting|congress|symposium|school|days|summit|forum|colloquium|"
    r"seminar|week|festival|retreat|conférence|congrès|journées|rencontres|colloque|congreso|"
    r"jornadas?|encuentro|tagung|konferenz|convegno|congresso)\s+(?:19|20)\d\d\W*$",
    re.I,
)


def _month_and_year(text: str) -> bool:
    """Does the text end in a month and a year ("Host March 2025")? A date, not a room number."""
    words = text.split()
    return (
        len(words) >= 2
        and bool(re.fullmatch(r"(?:19|20)\d\d", words[-1]))
        and words[-2].strip(".,").casefold() in dates.MONTHS
    )


# A bracketed tag before the line's own words ("[Campus seminar 2016] …", "[Online] Room 4"),
# maybe after a numeric date ("2016.10. [Campus seminar] …").
_LEAD_TAG = re.compile(r"^\s*(?:\d[\d./-]{3,10}\s*)?\[[^\]]{1,60}\]\s*(?P<rest>.*)$")
# "Online matching under uncertainty", "Virtual screening of ligands": a title that starts with
# a word `PLACE` takes for a meeting mode, then runs on with no place word ("Online via Zoom",
# "Online (Teams)", "Hybrid: Room 12 and Zoom" are places).
_MODE_LED_TITLE = re.compile(
    r"^(?:online|remote|virtual|hybrid)\s+(?!(?:via|on|at|in|and|only|event|meeting|session|"
    r"seminar|talk|lecture|zoom|teams|webex)\b)[a-z][\w-]*(?:\s+[\w'’-]+(?:/[\w'’-]+)*){2,}$",
    re.I,
)
# "Session 1: Building …", "Keynote 2: …", "Track B – …": a programme slot's label leads the
# line, so what follows names the slot, whatever place word it holds.
_SLOT_LED = re.compile(
    r"^\W*(?:session|track|keynote|talk|panel)\s*(?:\d{1,2}|[ivx]{1,4}|[a-z])?\s*[:–—]",
    re.I,
)
# A pluralised acronym and a number ("LLMs 101", "GPUs 2"): a course-like title, not a room
# named by its building ("Evans 1015").
_PLURAL_CODE = re.compile(r"^[A-Z]{2,}s\s+\d")


def unquote(text: str | None) -> str | None:
    """A title as shown, minus quotes, "[slides]" labels and a leading/trailing status word."""
    text = clean(LINK_LABELS.sub(" ", text or ""))
    if not text:
        return None
    text = _KIND_TAG.sub("", _unwrapped(text)).rstrip(" ,;:–—-")
    for pattern in (
        rf"^(?:{STATUS_MARKER.pattern})[:–—-]?\s*",
        rf"[–—-]?(?:{STATUS_MARKER.pattern})$",
    ):
        stripped = re.sub(pattern, " ", text, flags=re.I).strip(" ,;:–—-")
        if stripped and stripped != text and len(stripped) >= 3:
            text = stripped
    return _unwrapped(text) or None


# "[Invited talk] Title": the kind of talk in square brackets before its title.
_KIND_TAG = re.compile(
    r"^\[\s*(?:invited|keynote|plenary|contributed|tutorial|spotlight)[^\]]{0,20}\]\s*(?=\S)",
    re.I,
)
_QUOTE_FAMILIES = ('"“”„', "«»‹›", "'‘’‚")


def _unwrapped(text: str) -> str:
    """A title minus quotes around the whole of it, or a lone stray quote at one end; quotes
    that set off a part ("»Berlocken« – ein Text", "Kinderphysik« und »…«") stay."""
    for _ in range(3):
        text = text.strip()
        if len(text) < 2:
            return text
        first, last = text[0], text[-1]
        family = next((f for f in _QUOTE_FAMILIES if first in f or last in f), None)
        if family is None:
            return text
        count = sum(text.count(ch) for ch in family)
        if first in family and last in family and count == 2:
            text = text[1:-1]
        elif count == 1 and (first in family or last in family):
            text = text[1:] if first in family else text[:-1]
        else:
            return text
    return text.strip()


# An enumeration before the title: "[T9] - ", "[3] ", "2. ", "12) " (not "3D", "1.5 …"); a
# circled number "①", a part number "第2部・" ("part 2 ·"; not "第2回", the meeting's number).
_ENUMERATION = re.compile(
    r"^(?:\[\s*[A-Za-z]{0,3}\d{1,3}\s*\]\s*[-–—:.]?|\d{1,3}[.)])\s+(?=\S)"
    r"|^[\u2460-\u2473\u2776-\u277f]\s*(?=\S)"
    r"|^第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[部講]\s*[・：:．.\s]\s*(?=\S)"
)
# The slot a talk fills, before its title: "Keynote 2:", "Contributed talk 3:", "Invited
# talk:", "Talk #4 –". A slot name alone ("Talk 1") is kept: it is the title the page gives.
_SLOT_PREFIX = re.compile(
    r"^\W*(?:(?:invited|contributed|keynote|plenary|spotlight|lightning|short|long|featured|"
    r"opening|closing|guest|tutorial)\s+)?(?:keynote|talk|lecture|presentation|plenary|"
    r"spotlight|tutorial)(?:\s+(?:talk|lecture|address))?\s*(?:#\s*|no\.?\s*)?"
    r"(?:\d{1,3}|[ivx]{1,4})?\s*[:：–—]\s+(?=\S)",
    re.I,
)
# Link extras after a title: "{slide}", "{slide, code}", "(ICML Video)", "(short)", "(long
# paper)". What they name is a file or a format, not part of the title.
_EXTRAS = re.compile(
    r"\s*\{\s*(?:slides?|code|video|paper|pdf|poster|recording)(?:\s*,\s*\w+){0,4}\s*\}"
    r"|\s*\(\s*(?:[A-Z][\w-]*\s+)?(?:slides?|video|recording)\s*\)",
    re.I,
)
# A call to action after the title ("📌 Register here", "Inscription ici", "→ Sign up now"):
# an invitation to a form, never part of the talk's name. The verb needs its "here" or its
# pictogram, so a title ending in "… voter registration" keeps its last word.
_CALL_TO_ACTION = re.compile(
    r"\s*(?:(?:[\u2190-\u21ff\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?\s*)+(?=\w)|(?<=[.!?]))"
    r"\s*(?:inscription|inscrivez[- ]vous|register|registration|sign[- ]?up|rsvp|anmeldung|"
    r"inscripci[oó]n|reg[ií]strate|iscrizion[ei])(?:\s+(?:ici|here|now|aqu[ií]|hier|qui))?\W*$"
    r"|\s*\b(?:inscription|inscrivez[- ]vous|register|sign[- ]?up|anmeldung|inscripci[oó]n|"
    r"reg[ií]strate|iscrizione)\s+(?:ici|here|now|aqu[ií]|hier|qui)\W*$",
    re.I,
)
_LENGTH_TAIL = re.compile(r"\s*\((?:long|short|full|extended)(?:\s+(?:paper|talk))?\)\s*$", re.I)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th|er|e|º|°)\b", re.I)


def tidy_title(title: str | None) -> str | None:
    """`title` minus what the page prints around it (module docstring). Each cut is kept only
    when a title of three characters or more remains."""
    if not title:
        return title
    text = title
    for pattern in (_EXTRAS, _CALL_TO_ACTION, _LENGTH_TAIL, _ENUMERATION, _SLOT_PREFIX):
        stripped = (clean(pattern.sub(" ", text)) or "").strip(" ,;:–—-")
        if len(stripped) >= 3:
            text = stripped
    return text


def slot_label(text: str) -> bool:
    """Is the line a slot's kind and its colon only ("Keynote:", "Invited talk 2:")? It
    labels the title on the line below, as "Title:" would; it is no title itself."""
    text = text.strip()
    found = _SLOT_PREFIX.match(text + " ·")
    return found is not None and found.end() == len(text) + 1


def slot_people(text: str) -> tuple[str | None, list]:
    """The slot's name and the people it names after it, and nothing else ("Invited Talk 1:
    Jane Doe (MIT)", "Keynote: Jane Doe"): the slot has a speaker and no title yet, so its
    name stands for one, as "Talk 1: Jane Doe" reads. (None, []) for any other line."""
    found = _SLOT_PREFIX.match(text)
    if not found:
        return None, []
    rest = text[found.end() :]
    people = people_in(rest)
    if not people or len(rest) > _SLOT_PEOPLE_MAX:
        return None, []
    return text[: found.end()].strip(" :：–—"), people


_SLOT_PEOPLE_MAX = 160


def date_only(text: str) -> bool:
    """Is the text a date and nothing more ("Nov. 5th", "Tue, 3 March")? Month and weekday
    names, numbers and punctuation only, with a month named."""
    words = re.findall(r"[^\W\d_]+", _ORDINAL.sub("", text).casefold())
    if not words or not re.search(r"\d", text):
        return False
    known = all(w in dates.MONTHS or w in dates.WEEKDAYS for w in words)
    return known and any(w in dates.MONTHS for w in words)


# A session's own heading: "Session 2", "Session 3 (On-site; , )" once its times are cut out,
# "Track B: Theme" — a heading over talks, named at most by a theme after a colon.
_SESSION_HEAD = re.compile(
    r"^\W*(?:session|sessão|sesión|sessione|sitzung|séance|track)\s*(?:\d{1,2}|[ivx]{1,4}|[a-z])?"
    r"\b\s*(?P<rest>.*)$",
    re.I,
)


def session_head(text: str) -> bool:
    """A session's heading with or without its theme ("Session 2: Fairness", "Track B")."""
    match = _SESSION_HEAD.match(text)
    return match is not None and (not match["rest"] or match["rest"][0] in ":(–—-·|,")


# A box's label over a repeated talk ("Next colloquium", "Upcoming talk", "Past seminars"):
# the box names its role, the talk's title is in it.
BOX_LABEL = re.compile(
    r"^\W*(?:next|upcoming|previous|past|latest|recent|forthcoming|coming\s+up|coming|"
    r"this\s+week'?s?|today'?s?)(?:\s+(?:\w+\s+)?(?:talks?|seminars?|colloqui(?:um|a)|"
    r"lectures?|events?|sessions?|meetings?|speakers?|webinars?))?\W*$"
    # and in CJK: "次回の定例会" (next meeting), "過去のセミナー", "다음 세미나", "往期讲座"
    r"|^\W*(?:次回|今後|過去|直近|最新|다음|지난|예정된|최근|下期|下一期|往期|近期)\s*の?\s*"
    r"(?:[^\W\d_]{0,6}?)(?:セミナー|定例会|講演会|談話会|研究会|勉強会|例会|講演|予定|イベント|"
    r"세미나|강연|콜로키움|讲座|报告|講座|活动|研讨会)\W*$",
    re.I,
)


# What a programme names an untitled slot by (a sponsor's symposium, a visit to the trade
# show, the opening act, registration, the close): read as a "speaker" because it is short
# and capitalised ("Simposio Acme", "VISITA A LA EXPOSICIÓN"), but nobody gives a talk;
# over a title in the same slot, the slot's name is not its title.
UNTITLED_SLOT = re.compile(
    r"^\W*(?:(?:sponsor(?:ed)?|industry|satellite)\s+)?(?:symposi(?:um|a)|simp[oó]sios?|"
    r"visits?|visita|tours?|exhibitions?|exhibits?|exposici[oó]n|exposi[cç][aã]o|muestra|"
    r"trade\s+show|ceremon(?:y|ies)|ceremonia|cerim[oô]nia|c[ée]r[ée]monie|acto|registro|"
    r"registration|inscripci[oó]n|inscri[cç][aã]o|cierre|clausura|encerramento|cl[oô]ture|"
    r"inauguraci[oó]n|inauguration|abertura|apertura)\b",
    re.I,
)
