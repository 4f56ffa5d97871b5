"""A record's title and speakers: which line is the title, who the people are.

The hardest call the heuristic makes, so it has its own module: one-line records
("Jane Doe (MIT): Title"), labelled and class-marked lines, author lists, CJK names, and
the title line among the rest. `fields` calls `title_and_speakers` and uses the rest.
"""

from __future__ import annotations

import re

from parsers.common import times
from parsers.common.people import (
    clean_affiliation,
    looks_like_name,
    looks_like_person,
    parse_speaker,
    people_in,
    speaker_and_title,
    split_speakers,
)
from parsers.common.text import clean
from parsers.heuristic.lines import emphasis
from parsers.heuristic.patterns import (
    BY_PREFIX,
    EMAIL,
    INSTITUTION,
    LINK_LABELS,
    NAMED_ROOM,
    NOT_ROOM,
    PLACE,
    QUOTED,
    SLOT_NOT_PERSON,
    STATUS_MARKER,
)
from parsers.heuristic.reading import (
    CLASS_HINTS,
    LABELLED,
    SEPARATORS,
    Parsed,
)
from parsers.heuristic.records import MONTH_YEAR
from parsers.talk import Speaker

_TITLE_MAX = 300


def title_and_speakers(parts: list[Parsed]):
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
            found = [s for s in found if not SLOT_NOT_PERSON.search(s.name)]
            if found or not speakers:
                speakers = speakers or found
                part.used = True
        elif part.label == "title" and part.rest and title is None:
            title, title_part = unquote(_without_series_label(part)), part
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
            title = unquote(_without_series_label(title_part))
            title_part.used = True
            if not speakers:
                inner_title, inner_people = speaker_and_title(title)
                if inner_people:
                    title, speakers = inner_title, inner_people
    if title and title_part is not None:
        title = _without_note(title_part, _without_month(title))
    return title, speakers, title_part


def _without_month(title: str) -> str:
    """A title minus the month it was given in ("Title (July, 2025)", "May 2023: Title"):
    dates by month only are not cut out with the dates (`records.month_only`)."""
    for pattern in (_MONTH_AFTER, _MONTH_BEFORE):
        stripped = pattern.sub("", title).strip()
        if stripped and stripped != title and len(stripped) >= 3:
            return stripped
    return title


_MONTH_AFTER = re.compile(rf"[\s,;–—-]*[(\[]?\s*(?:{MONTH_YEAR.pattern})\s*[)\]]?\.?\s*$", re.I)
_MONTH_BEFORE = re.compile(rf"^\s*[(\[]?\s*(?:{MONTH_YEAR.pattern})\s*[)\]]?\s*[:.,–—-]\s*", re.I)


def _without_note(part: Parsed, title: str) -> str:
    """A title minus a trailing note in brackets set in italics of its own ("Title (<em>keynote
    at the Annual Summit</em>)"): the markup says it is about the talk, not part of its name."""
    if not title.endswith((")", "]")):
        return title
    for text, element in reversed(part.line.fragments):
        text = clean(text) or ""
        if not text or text in ")]":
            continue
        if (
            element is None
            or element.tag not in ("em", "i")
            or not title.endswith((f"({text})", f"[{text}]"))
        ):
            return title
        stripped = title[: -len(text) - 2].rstrip(" ,;:–—-")
        return stripped if len(stripped) >= 3 else title
    return title


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
    if QUOTED.search(part.rest) or _by_class(part)[1]:
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
    return (unquote(title) if title else None), people


def _split_one_line(part: Parsed) -> tuple[str | None, list[Speaker]]:
    title, people = _by_class(part)
    if people:
        return title, people
    rest = clean(LINK_LABELS.sub(" ", part.rest)) or ""
    quoted = QUOTED.search(rest)
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
                return unquote(text), speakers
    people = people_in(rest)
    if people:
        return None, people
    title, speakers = speaker_and_title(rest)
    if speakers:
        return unquote(title) if title else None, speakers
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
    if not text or len(text) > 120 or times.find_time_range(text)[0]:
        return False
    return bool(re.fullmatch(r"\(.+\)", text) or INSTITUTION.search(text))


def _title_line(content: list[Parsed]) -> Parsed | None:
    candidates = [p for p in content if not p.used and _title_like(p)]
    if not candidates:
        return None

    def rank(part: Parsed) -> tuple[int, int]:
        line = part.line
        if line.heading:
            return 0, part.line.index
        if QUOTED.fullmatch(part.rest):
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


def looks_like_place(text: str) -> bool:
    """A room or venue line ("Room 101", "Salle 105, tour 25-26", "Online", "Evans 1015")."""
    if len(text) > 120 or len(text.split()) > 14 or _MODE_LED_TITLE.match(text):
        return False
    return bool(PLACE.search(text)) or bool(NAMED_ROOM.match(text) and not NOT_ROOM.match(text))


# "Online matching under uncertainty", "Virtual screening of ligands": a title that starts with
# a word `PLACE` takes for a meeting mode, then runs on with no place word ("Online via Zoom",
# "Online (Teams)", "Hybrid: Room 12 and Zoom" are places).
_MODE_LED_TITLE = re.compile(
    r"^(?:online|remote|virtual|hybrid)\s+(?!(?:via|on|at|in|and|only|event|meeting|session|"
    r"seminar|talk|lecture|zoom|teams|webex)\b)[a-z][\w-]*(?:\s+[\w-]+){2,}$",
    re.I,
)


def unquote(text: str | None) -> str | None:
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
