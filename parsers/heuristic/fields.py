"""The heuristic extractor's field recognisers: one record's lines in, one talk out.

A record is the lines of one repeated block (a list item, a table row, a card, a heading-led
section). Rules, each a guess the surrounding evidence can overrule:
- a labelled line ("Speaker:", "Titre :", "Raum:", a table column headed "Date") is taken at
  its word; labels are data (`LABELS`), in the languages seminar pages use;
- the date is the record's first date; a row without one takes the day of the heading above
  it, a date without a year takes the year of the heading or page (or the one in which its
  weekday falls right: "Tue 3/5");
- the title is, in order: labelled, a heading, a quoted phrase, a linked or emphasised line,
  the first plain line of title length; never a person, a date, a room or a long paragraph;
- speakers are lines (or the rest of a one-line record) that `people_in` reads as persons,
  "A and B", "Name (Affiliation)", "Name, Affiliation", with an affiliation on the next line;
- agenda slots that are not talks (coffee, lunch, breaks, registration, ...) give no talk.
"""

from __future__ import annotations

import itertools
import re

from parsers.common import dates
from parsers.common.links import absolute, links_in
from parsers.common.people import (
    clean_affiliation,
    looks_like_name,
    looks_like_person,
    parse_speaker,
    people_in,
    speaker_and_title,
    split_speakers,
)
from parsers.common.text import clean, join_paragraphs, status_of
from parsers.heuristic.lines import Line, emphasis, line_link
from parsers.heuristic.reading import (
    CLASS_HINTS,
    LABELLED,
    SEPARATORS,
    PageContext,
    Parsed,
    label_of,
    parse_line,
)
from parsers.talk import Link, Speaker, Talk

EXTRACTED_BY = "heuristic"


BREAKS = re.compile(
    r"^\W*(coffee|tea|lunch|break|pause|registration|welcome|opening|closing|reception|dinner|"
    r"breakfast|buffet|discussion|poster session|posters|social|networking|apéro|apero|"
    r"kaffee|mittag\w*|déjeuner|dejeuner|café|cafe|accueil|inscription|anmeldung|begrüßung|"
    r"fin|end|adjourn\w*|q ?& ?a|panel discussion|snacks|refreshments|to be announced|tba|tbd|"
    r"office hours?|sprechstunde|permanence|deadline|exam|midterm|homework|hw\d*|due)"
    r"\b",
    re.I,
)


# A title not known yet. With a named speaker the slot is a talk and keeps it as its title
# (the page shows it); without one it is an empty slot, as `BREAKS` says.
PLACEHOLDER = re.compile(
    r"^\W*(?:(?:title|titel|titre|título|titolo|topic|thema)\s*[:–-]?\s*)?"
    r"(?:tba|tbd|tbc|t\.b\.[ad]\.?|to be (?:announced|determined|confirmed)|"
    r"à (?:venir|préciser|confirmer|annoncer)|n\.\s?n\.|folgt|wird noch bekannt gegeben|"
    r"por (?:confirmar|determinar|anunciar)|da (?:definire|confermare|annunciare))\W*$",
    re.I,
)


# A slot that says there is no session ("No seminar (fall break)", "Kein Kolloquium").
NO_SESSION = re.compile(
    r"^\W*(?:no|kein\w*|pas de|sans|sin|nessun\w*|geen|niet)\s+(?:\w+\s+)?"
    r"(?:seminar|talk|colloquium|kolloquium|vortrag|lecture|meeting|session|sitzung|"
    r"séminaire|seminaire|exposé|seminario|seminari|sesión|seduta|bijeenkomst)s?\b",
    re.I,
)


# An e-mail address: a line with one is a contact (an organiser), not a speaker.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


# Dated lines of a call for papers or a job advert, not talks.
NOT_TALK = re.compile(
    r"\b(deadlines?|submissions?|notifications?|camera[- ]ready|anmeldeschluss|date limite|"
    r"(?:registration|applications?) (?:opens|closes|deadline))\b|\bdue\s*$",
    re.I,
)


LOCATION_WORDS = re.compile(
    r"\b(room|rm\.|salle|raum|hall|building|bldg|auditorium|amphi\w*|hörsaal|aula|sala|"
    r"seminar ?room|campus|zoom|online|virtual|hybrid|webex|teams|lecture theatre|theater|"
    r"theatre|library|floor|étage|gebäude|bâtiment|batiment|institut|lab\b|remote)\b",
    re.I,
)


# A line that is a place: a room word with a room number or code, a campus, or just "Online".
PLACE = re.compile(
    r"\b(room|rm\.|salle|raum|hall|building|bldg|auditorium|amphi\w*|hörsaal|aula|sala|"
    r"lecture theatre|gebäude|bâtiment|batiment|seminar ?room|seminarraum)\b.{0,40}\d|"
    r"\d.{0,20}\b(room|salle|raum|hall|building|auditorium|amphi\w*|hörsaal|aula)\b|"
    r"\bcampus\b|^(online|zoom|remote|virtual|hybrid|webex|teams|tba|tbd)\b|"
    r"^(?:sala|salle|aula|hörsaal|seminarraum|auditori(?:um|o)|amphith[ée][âa]tre|amphi|"
    r"lecture (?:theatre|hall))\b",  # "Sala de Grados", "Salle du conseil": no number needed
    re.I,
)


# "Annenberg 105", "Pimentel Hall 120", "CSE 1242": a capitalised name and a room number.
NAMED_ROOM = re.compile(r"^(?:[A-Z][\w.&'’-]*\s){1,3}[A-Z]?\d{1,4}[A-Za-z]?$")


NOT_ROOM = re.compile(
    r"^(lecture|week|part|chapter|session|day|talk|seminar|hw|homework|lab|exercise|unit|"
    r"module|section|volume|issue|page|version|step|round|level|grade|class|group|team|"
    r"spring|summer|fall|autumn|winter|semester|term|year|wintersemester|sommersemester|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b",  # "Spring 2022" in a list of past terms is no room
    re.I,
)


_ONLINE = re.compile(r"\b(online|zoom|virtual|webex|teams|remote|hybrid|jitsi)\b", re.I)


# "by Jane Doe", "par …", "von …": the word before a speaker line.
BY_PREFIX = re.compile(r"^\s*(?:by|par|von|di|por|door|with|avec|mit|con)\s+", re.I)


_QUOTED = re.compile(r"[“«„\"]\s*([^“”«»„\"]{6,300}?)\s*[”»“\"]")


_INSTITUTION = re.compile(
    r"\b(univ\w*|institut\w*|college|school|lab\w*|inria|cnrs|inrae|inserm|mpi|eth|epfl|"
    r"centre|center|academy|académie|hochschule|polytechn\w*|research|corporation|inc\b|"
    r"google|microsoft|meta|ibm|deepmind|openai|hospital|foundation|ku|tu|ucl|mit|kth)\b",
    re.I,
)


# Between the fields of one meta line ("Jane Doe (MIT) — 12 March, 14:00 — Room G.07").
FIELD_SEPARATOR = re.compile(r"\s+[—–|·•]\s+|\s*[|·•]\s*")


# A piece of a meta line that is only a link's label ("Video", "Slides (PDF)").
LINK_PIECE = re.compile(
    r"^(?:video|slides?|pdf|recording|youtube|paper|arxiv|code|abstract|poster|notes|handout|"
    r"links?|watch|bib(?:tex)?|preprint)(?:\s*\(\w+\))?$",
    re.I,
)


_TITLE_MAX = 300


_ABSTRACT_MIN = 160


def extract(lines: list[Line], ctx: PageContext) -> Talk | None:
    """The talk a record's lines describe, or None when they do not describe one."""
    parts = _split_fields(_label_pairs([parse_line(line, ctx) for line in lines[:60]]))
    day, start, end, zone, date_text = _when(parts, ctx)
    title, speakers, title_part = _title_and_speakers(parts)
    if (
        title
        and BREAKS.match(title)
        and len(title.split()) <= (4 if not speakers else 3)
        and not (speakers and PLACEHOLDER.match(title))
    ):
        return None  # "Coffee break", "Closing remarks"; not "Closing the gap between …"
    if title and not speakers and NOT_TALK.search(title):
        return None
    if not title and not speakers:
        return None
    if NO_SESSION.match(title or "") or any(NO_SESSION.match(s.name) for s in speakers):
        return None
    location = _location(parts) or ctx.location
    tz = zone or ctx.timezone
    starts_at = dates.combine(day, start, tz) if day else None
    ends_at = dates.combine(day, end, tz) if day and end else None
    url, links = _links(lines, title_part, speakers, ctx)
    return Talk(
        title=title,
        speakers=tuple(speakers),
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=tz if starts_at and start else None,
        location=location,
        online=True if location and _ONLINE.search(location) else None,
        abstract=_abstract(parts, title_part),
        url=url,
        links=tuple(links),
        status=_status(parts, title, date_text),
        extracted_by=EXTRACTED_BY,
    )


_LABEL_CELLS = frozenset(["dt", "th"])


def _label_pairs(parts: list[Parsed]) -> list[Parsed]:
    """A line that is only a label ("<dt>講演者</dt><dd>…</dd>", "<th>Speaker</th><td>…</td>",
    "<b>Abstract:</b>" alone) names the field of the line after it."""
    for part, nxt in itertools.pairwise(parts):
        if nxt.label is not None or part.day or part.start:
            continue
        if _label_only(nxt) and label_of(nxt.rest):
            continue  # a header row: "<th>Date</th><th>Speaker</th>"
        if part.label is not None and not part.rest:
            kind = part.label
        elif part.label is None and _label_only(part):
            kind = label_of(part.rest)
        else:
            continue
        if kind and kind != "ignore":
            nxt.label = kind
            part.label, part.used = "ignore", True
    return parts


def _label_only(part: Parsed) -> bool:
    text = part.rest
    if not text or len(text) > 30:
        return False
    return (
        part.line.element.tag in _LABEL_CELLS
        or text.endswith((":", "："))
        or emphasis(part.line) == "strong"
    )


def _split_fields(parts: list[Parsed]) -> list[Parsed]:
    """A meta line whose separated pieces are each a person or a place (the date cut out)
    becomes one part per piece, so the speaker and the room are read like lines of their own.
    A piece that is neither (a title) keeps the line whole for the one-line rules."""
    out: list[Parsed] = []
    for part in parts:
        pieces = _pieces(part)
        if pieces is None:
            out.append(part)
            continue
        out.append(Parsed(part.line, part.day, part.start, part.end, "", part.label, part.zone))
        out.extend(Parsed(part.line, rest=piece) for piece in pieces)
    return out


def _pieces(part: Parsed) -> list[str] | None:
    if part.label is not None or part.line.heading or len(part.rest) > 300:
        return None
    if not FIELD_SEPARATOR.search(part.rest):
        return None
    pieces = [p.strip(SEPARATORS) for p in FIELD_SEPARATOR.split(part.rest)]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return None
    pieces = [p for p in pieces if not LINK_PIECE.match(p)]  # "· Video · Slides"
    people = [p for p in pieces if people_in(BY_PREFIX.sub("", p))]
    places = [p for p in pieces if p not in people and looks_like_place(p)]
    if not people or len(people) + len(places) < len(pieces):
        return None
    return pieces


def _when(parts: list[Parsed], ctx: PageContext):
    day = start = end = zone = None
    text = None
    for part in parts:
        if part.label in ("abstract",) or len(part.line.text) > 400:
            continue
        if part.day and day is None:
            day, text = part.day, part.line.text
            part.used = not part.rest
        if part.start and start is None:
            start, end, zone = part.start, part.end, part.zone
            text = text or part.line.text
            part.used = part.used or not part.rest
        if day and start:
            break
    return day or ctx.day, start, end, zone, text


def _title_and_speakers(parts: list[Parsed]):
    speakers: list[Speaker] = []
    title: str | None = None
    title_part: Parsed | None = None
    for part in parts:
        if part.label == "speaker" and part.rest:
            text = _without_cjk_honorific(BY_PREFIX.sub("", part.rest))
            found = (
                people_in(text)
                or _loose_people(text)
                or [s for s in split_speakers(text) if looks_like_name(s.name)]
                or _cjk_people(text)
            )
            if found or not speakers:
                speakers = speakers or found
                part.used = True
        elif part.label == "title" and part.rest and title is None:
            title, title_part = _unquote(_without_series_label(part)), part
            part.used = True
        elif part.label in ("date", "time", "location", "ignore", "abstract"):
            part.used = part.label != "abstract"
    content = [p for p in parts if not p.used and p.rest and p.label is None]
    if len(content) == 1 or (
        content and len(content[0].rest) <= 400 and not title and _one_liner(content[0])
    ):
        found_title, found_speakers = _split_one_line(content[0])
        if found_title or found_speakers:
            if found_title and not title:
                title, title_part = found_title, content[0]
            speakers = speakers or found_speakers
            content[0].used = True
            content = content[1:]
    if not speakers:
        speakers = _speaker_lines(content)
    if title is None:
        title_part = _title_line(content)
        if title_part is not None:
            title = _unquote(_without_series_label(title_part))
            title_part.used = True
            if not speakers:
                inner_title, inner_people = speaker_and_title(title)
                if inner_people:
                    title, speakers = inner_title, inner_people
    return title, speakers, title_part


_SET_OFF = ("a", "em", "i", "cite")


def _without_series_label(part: Parsed) -> str:
    """A title line minus a label set in its own bold element before a linked or emphasised
    title ("<b>Gauß-Vorlesung:</b> <a>Title</a>", "<strong>Keynote:</strong> <em>Title</em>"):
    the label names the series or the kind of talk, and the title is what the markup sets off."""
    pieces = [(clean(text) or "", element) for text, element in part.line.fragments]
    pieces = [(text, element) for text, element in pieces if text]
    if len(pieces) < 2 or pieces[0][1] is None or pieces[0][1].tag not in ("strong", "b"):
        return part.rest
    label, rest = pieces[0][0], pieces[1:]
    if not label.endswith(":") or len(label.split()) > 3 or not part.rest.startswith(label):
        return part.rest
    if not all(element is not None and element.tag in _SET_OFF for _, element in rest):
        return part.rest
    return part.rest[len(label) :].strip()


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_CJK_NAME = re.compile(rf"^[{_CJK}]{{1,5}}(?:\s?[{_CJK}]{{1,5}})?$")
# Honorifics written after a name in Japanese, Chinese and Korean ("田中 健二 氏 (京都大学)").
_CJK_HONORIFIC = re.compile(
    r"\s*(?:氏|先生|さん|様|教授|准教授|講師|博士|老师|研究员|교수|박사)(?=\s*(?:\(|$|[、，,]))"
)


def _without_cjk_honorific(text: str) -> str:
    text = text.replace("（", "(").replace("）", ")")
    return _CJK_HONORIFIC.sub("", text)


def _cjk_people(text: str) -> list[Speaker]:
    """Names in Han, kana or Hangul script, which `people_in` (capitalised words) cannot see;
    only for lines labelled as speakers, where the label vouches for them."""
    found = []
    for piece in re.split(r"[、，;；]|\s+(?:and|und|et|y|e)\s+", text):
        speaker = parse_speaker(piece)
        if speaker is None or not (_CJK_NAME.match(speaker.name) or looks_like_name(speaker.name)):
            return []
        found.append(speaker)
    return found


def _one_liner(part: Parsed) -> bool:
    """A line that holds speaker and title together ("Jane Doe (MIT), “Title”")."""
    if _QUOTED.search(part.rest) or _by_class(part)[1]:
        return True
    return len(part.line.fragments) >= 2 and bool(people_in(_plain_prefix(part)))


def _plain_prefix(part: Parsed) -> str:
    return re.split(r"[,:–—]|\s-\s", part.rest, maxsplit=1)[0]


def _by_class(part: Parsed) -> tuple[str | None, list[Speaker]]:
    """Inline elements named for their field: `<span class="speaker">`, `<a class="title">`."""
    speaker = affiliation = title = None
    for text, element in part.line.fragments:
        classes = (element.get("class") or "") if element is not None else ""
        text = clean(text)
        if not classes or not text:
            continue
        if re.search(r"affil|institution|org", classes, re.I):
            affiliation = affiliation or text.strip("()")
        elif CLASS_HINTS[0][1].search(classes):
            speaker = speaker or text
        elif re.search(r"title", classes, re.I):
            title = title or text
    if not speaker:
        return None, []
    people = people_in(BY_PREFIX.sub("", speaker)) or [
        s for s in split_speakers(speaker) if looks_like_name(s.name)
    ]
    if len(people) == 1 and affiliation and not people[0].affiliation:
        people = [Speaker(people[0].name, clean_affiliation(affiliation))]
    return (_unquote(title) if title else None), people


def _split_one_line(part: Parsed) -> tuple[str | None, list[Speaker]]:
    title, people = _by_class(part)
    if people:
        return title, people
    rest = clean(LINK_LABELS.sub(" ", part.rest)) or ""
    quoted = _QUOTED.search(rest)
    if quoted and len(quoted.group(1).split()) >= 2:
        title = quoted.group(1).strip()
        remainder = (rest[: quoted.start()] + " " + rest[quoted.end() :]).strip(SEPARATORS)
        return title, people_in(remainder) or _loose_people(remainder)
    for text, element in part.line.fragments:
        if element is None or element.tag not in ("em", "i", "cite", "strong", "b", "a", "span"):
            continue
        text = clean(text) or ""
        if len(text.split()) >= 3 and not people_in(text) and text in rest:
            remainder = rest.replace(text, " ").strip(SEPARATORS)
            speakers = people_in(remainder) or _loose_people(remainder)
            if speakers:
                return _unquote(text), speakers
    people = people_in(rest)
    if people:
        return None, people
    title, speakers = speaker_and_title(rest)
    if speakers:
        return _unquote(title) if title else None, speakers
    return None, []


def _loose_people(text: str) -> list[Speaker]:
    """Speakers from "Name (Affiliation)," leftovers once a title is cut out of a line."""
    text = clean(text.strip(SEPARATORS)) or ""
    if not text:
        return []
    people = people_in(text)
    if people:
        return people
    head, _, tail = text.partition(",")
    people = people_in(head)
    if (
        people
        and len(people) == 1
        and tail.strip()
        and len(tail) <= 100
        and not re.search(r"\d", tail)
    ):
        return [Speaker(people[0].name, people[0].affiliation or clean_affiliation(tail))]
    return people


def _speaker_lines(content: list[Parsed]) -> list[Speaker]:
    speakers: list[Speaker] = []
    for position, part in enumerate(content):
        if part.used or len(part.rest) > 200 or EMAIL.search(part.rest):
            continue  # an affiliation line already read, a contact
        found = people_in(BY_PREFIX.sub("", part.rest))
        if not found:
            if speakers:
                break
            continue
        part.used = True
        found = _author_list(part) or found
        nxt = content[position + 1] if position + 1 < len(content) else None
        if (
            len(found) == 1
            and found[0].affiliation is None
            and nxt is not None
            and _is_affiliation(nxt.rest)
        ):
            found = [Speaker(found[0].name, clean_affiliation(nxt.rest.strip("()")))]
            nxt.used = True
        speakers.extend(found)
        if len(speakers) >= 6:
            break
    return speakers


# Generators (Quarto's `listing-author`, Hugo and Jekyll bylines) set the names, and only the
# names, in a block classed "author(s)", joined by commas.
_AUTHOR_CLASS = re.compile(r"(?:^|[\s_-])authors?(?:$|[\s_-])", re.I)


def _author_list(part: Parsed) -> list[Speaker]:
    """ "Yasmin Haddad, Tobias Lin" in an author block: two people, not a name and an
    affiliation (elsewhere "Jane Doe, Johns Hopkins" is a name and an affiliation)."""
    node, classes = part.line.element, ""
    for _ in range(2):
        if node is None:
            break
        classes += " " + (node.get("class") or "")
        node = node.getparent()
    if "," not in part.rest or not _AUTHOR_CLASS.search(classes):
        return []
    names = [clean(name) or "" for name in part.rest.split(",")]
    if len(names) < 2 or not all(looks_like_person(name) for name in names):
        return []
    return [Speaker(name) for name in names]


def _is_affiliation(text: str) -> bool:
    if not text or len(text) > 120 or dates.find_time_range(text)[0]:
        return False
    return bool(re.fullmatch(r"\(.+\)", text) or _INSTITUTION.search(text))


def _title_line(content: list[Parsed]) -> Parsed | None:
    candidates = [p for p in content if not p.used and _title_like(p)]
    if not candidates:
        return None

    def rank(part: Parsed) -> tuple[int, int]:
        line = part.line
        if line.heading:
            return 0, part.line.index
        if _QUOTED.fullmatch(part.rest):
            return 1, part.line.index
        if emphasis(line) in ("a", "strong", "em"):
            return 2, part.line.index
        return 3, part.line.index

    return min(candidates, key=rank)


def _title_like(part: Parsed) -> bool:
    text = part.rest
    if not text or len(text) > _TITLE_MAX or len(text) < 3:
        return False
    if people_in(text) or re.fullmatch(r"[\W\d_]+", text):
        return False
    if not part.line.heading and looks_like_place(text):
        return False
    if re.fullmatch(
        r"(?i)(spring|summer|fall|autumn|winter|semester|term|year)?\s*"
        r"(19|20)\d\d(\s*[-/]\s*\d{2,4})?\s*\w{0,12}",
        text,
    ):
        return False
    labelled = LABELLED.match(text)
    if labelled and _is_link_text(part, labelled.group(2)):
        return False  # "Youtube Live: Link", "Slides: PDF"
    return not (len(text) > 160 and text.count(". ") >= 2)


def _is_link_text(part: Parsed, value: str) -> bool:
    value = clean(value) or ""
    return any(
        element is not None and element.tag == "a" and clean(text) == value
        for text, element in part.line.fragments
    )


def _location(parts: list[Parsed]) -> str | None:
    for part in parts:
        if part.label == "location" and part.rest:
            part.used = True
            return part.rest
    for part in parts:  # "Mi, 13.11.2024, 16:15 Uhr<br>Raum 2.414" in a "Datum" column
        in_when_column = part.extra.get("column") and part.label in ("date", "time")
        if in_when_column and not (part.day or part.start) and looks_like_place(part.rest):
            return part.rest
    for part in parts:
        if part.rest and not part.used and not part.line.heading and looks_like_place(part.rest):
            if people_in(part.rest):
                continue
            part.used = True
            return part.rest
    for part in parts:  # "11:45 AM · Gates 104 · new date to be announced"
        if not part.rest or part.used or part.line.heading or part.label is not None:
            continue
        for piece in FIELD_SEPARATOR.split(part.rest)[:4]:
            piece = piece.strip(SEPARATORS)
            if piece != part.rest and looks_like_place(piece) and not people_in(piece):
                return piece
    return None


def looks_like_place(text: str) -> bool:
    """A room or venue line ("Room 101", "Salle 105, tour 25-26", "Online", "Evans 1015")."""
    if len(text) > 120 or len(text.split()) > 14:
        return False
    return bool(PLACE.search(text)) or bool(NAMED_ROOM.match(text) and not NOT_ROOM.match(text))


def _abstract(parts: list[Parsed], title_part: Parsed | None) -> str | None:
    labelled = [p.rest for p in parts if p.label == "abstract" and p.rest]
    if labelled:
        after = [
            p.rest
            for p in parts[parts.index(_first(parts, "abstract")) + 1 :]
            if not p.used and p.label is None and len(p.rest) >= 40
        ]
        return join_paragraphs(labelled + after)
    start = parts.index(title_part) + 1 if title_part in parts else 0
    long = [
        p.rest
        for p in parts[start:]
        if not p.used and p.label is None and len(p.rest) >= _ABSTRACT_MIN
    ]
    if not long:
        long = [
            p.rest for p in parts if not p.used and p.label is None and len(p.rest) >= _ABSTRACT_MIN
        ]
    return join_paragraphs(long)


def _first(parts: list[Parsed], label: str) -> Parsed:
    return next(p for p in parts if p.label == label)


def _status(parts: list[Parsed], title: str | None, date_text: str | None) -> str:
    short = [p.line.text for p in parts if len(p.line.text) <= 200 and p.label != "abstract"]
    for part in parts:
        for node in part.line.element.iter("del", "s", "strike"):
            if title and (clean(node.text_content()) or "") in (title or ""):
                return "cancelled"
    found = status_of(title, date_text, *short[:6])
    if found == "scheduled":
        joined = " ".join(t for t in [title, date_text, *short[:6]] if t)
        if _MORE_CANCELLED.search(joined):
            return "cancelled"
        if _MORE_POSTPONED.search(joined):
            return "postponed"
    return found


# Status words `text.status_of` does not know yet (Dutch, Nordic, Polish, Czech, Japanese).
_MORE_CANCELLED = re.compile(
    r"\b(geannuleerd|afgelast|vervalt|inställt|inställd|avlyst|aflyst|peruttu|odwołan[ey]|"
    r"zrušen[oa]?)\b|中止|休講",
    re.I,
)


_MORE_POSTPONED = re.compile(r"\b(uitgesteld|uppskjutet|flyttat|utsatt|przełożon[ey])\b|延期", re.I)


def _links(lines: list[Line], title_part: Parsed | None, speakers: list[Speaker], ctx: PageContext):
    url = None
    if title_part is not None:
        anchor = line_link(title_part.line)
        if anchor is not None:
            url = absolute(anchor.get("href"), ctx.url)
    if url and url.split("#")[0] == ctx.url.split("#")[0] and "#" not in url:
        url = None
    names = {s.name.casefold() for s in speakers}
    found: list[Link] = []
    seen = {url}
    for line in lines[:60]:
        for href, kind in links_in(line.element, ctx.url) if line.element.tag != "a" else []:
            if href in seen or kind == "other":
                continue
            seen.add(href)
            found.append(Link(kind, href))
    found = [lk for lk in found if lk.url not in names]
    return url, found[:10]


STATUS_MARKER = re.compile(
    r"\s*[(\[]?\s*(?:cancel+ed|canceled|annul[ée]e?|abgesagt|entf[äa]llt|cancelad[oa]|"
    r"annullat[oa]|geannuleerd|afgelast|vervalt|postponed|rescheduled|report[ée]e?|verschoben|"
    r"aplazad[oa]|rinviat[oa]|adiad[oa]|uitgesteld|inställt|avlyst|aflyst)"
    r"\s*[!.]?\s*[)\]]?\s*",
    re.I,
)


LINK_LABELS = re.compile(
    r"[\[(]\s*(?:slides?|video|pdf|paper|abstract|recording|youtube|arxiv|code|link|poster|"
    r"bib(?:tex)?|notes|handout)\s*[\])]",
    re.I,
)


def _unquote(text: str | None) -> str | None:
    """A title as shown, minus quotes, "[slides]" labels and a leading/trailing status word."""
    text = clean(LINK_LABELS.sub(" ", text or ""))
    if not text:
        return None
    text = text.strip(" \"“”«»„'‘’").rstrip(" ,;:–—-")
    for pattern in (
        rf"^(?:{STATUS_MARKER.pattern})[:–—-]?\s*",
        rf"[–—-]?(?:{STATUS_MARKER.pattern})$",
    ):
        stripped = re.sub(pattern, " ", text, flags=re.I).strip(" ,;:–—-")
        if stripped and stripped != text and len(stripped) >= 3:
            text = stripped
    return text.strip(" \"“”«»„'‘’") or None
