"""Who gives a talk: the speakers a record's lines name, when no one-line rule split them.

`titles` finds the title line and calls these for the people: a labelled speaker whose
affiliation is a sentence ("Jane Doe. Researcher at X"), names in Han, kana or Hangul script
(which `people_in`, reading capitalised words, cannot see), a bracketed credit on a line of its
own ("(Affiliation, Name, role)"), author lists set in an "author" block, and an affiliation
on the line after a lone name.
"""

from __future__ import annotations

import re

from parsers.common import times
from parsers.common.name_forms import initials_last_authors
from parsers.common.name_shapes import CJK, without_day_lead
from parsers.common.people import (
    cited_people,
    clean_affiliation,
    credited_in_prose,
    looks_like_name,
    looks_like_person,
    parse_speaker,
    people_in,
)
from parsers.common.text import clean
from parsers.heuristic.labels import LABELLED, label_kind
from parsers.heuristic.patterns import (
    BY_PREFIX,
    EMAIL,
    INSTITUTION,
    LINK_PIECE,
)
from parsers.heuristic.reading import SEPARATORS, Parsed
from parsers.talk import Speaker


def same_people(found: list[Speaker], speakers: list[Speaker]) -> bool:
    names = {s.name.casefold() for s in speakers}
    return all(s.name.casefold() in names for s in found)


def bracketed_affiliation(speakers: list[Speaker], text: str) -> bool:
    """A bracketed line after a lone speaker's name ("(Tianjin)"): that speaker's affiliation."""
    return (
        len(speakers) == 1
        and speakers[0].affiliation is None
        and bool(re.fullmatch(r"\([^()]{2,100}\)", text.strip()))
    )


def name_then_sentence(text: str) -> list[Speaker]:
    """ "Jane Doe. Researcher at X, Some Institute.": a labelled speaker line whose name ends at
    a full stop, the affiliation written as a sentence after it (not "J. Doe": an initial)."""
    match = re.match(r"^(?P<name>[^.,;()]{3,60}?[^\W\d_]{2})\.\s+(?P<aff>\S.{2,200})$", text)
    if not match or not looks_like_person(match["name"]):
        return []
    return [Speaker(clean(match["name"]) or "", clean_affiliation(match["aff"]))]


_CJK = CJK  # one character class for CJK names, shared with people.py
_CJK_NAME = re.compile(rf"^[{_CJK}]{{1,5}}(?:\s?[{_CJK}]{{1,5}})?$")
# Honorifics written after a name in Japanese, Chinese and Korean ("田中 健二 氏 (京都大学)").
_CJK_HONORIFIC = re.compile(
    r"\s*(?:氏|先生|さん|様|教授|准教授|講師|博士|老师|研究员|교수|박사)(?=\s*(?:\(|$|[、，,]))"
)


def without_cjk_honorific(text: str) -> str:
    text = text.replace("（", "(").replace("）", ")")
    return _CJK_HONORIFIC.sub("", text)


def cjk_people(text: str) -> list[Speaker]:
    """Names in Han, kana or Hangul script, which `people_in` (capitalised words) cannot see;
    only for lines labelled as speakers, where the label vouches for them. A full-width comma
    after a name may start its affiliation ("王芳，某某大学博士生"), as "," does."""
    head, comma, tail = text.partition("，")
    if comma and _CJK_NAME.match(head.strip()) and not _cjk_names_only(text):
        speaker = parse_speaker(head, tail)
        return [speaker] if speaker else []
    found = []
    for piece in re.split(r"[、，;；]|\s+(?:and|und|et|y|e)\s+", text):
        speaker = parse_speaker(piece)
        if speaker is None or not (_CJK_NAME.match(speaker.name) or looks_like_name(speaker.name)):
            return []
        found.append(speaker)
    return found


_CJK_ROLE = re.compile(
    r"(?:大学|大學|学院|學院|研究|公司|中心|生|教授|博士|讲师|講師|主任|院长|会社)"
)


def _cjk_names_only(text: str) -> bool:
    """Every piece between full-width commas is a short name with no institution or role word
    in it (several speakers, not a name and an affiliation)."""
    pieces = [piece.strip() for piece in text.split("，")]
    return all(
        len(piece) <= 4 and _CJK_NAME.match(piece) and not _CJK_ROLE.search(piece)
        for piece in pieces
    )


# Words after a name in a bracketed credit that are a role, not part of the affiliation.
_ROLE = re.compile(
    r"^(?:prof(?:essor)?|dr|ceo|cto|founder|director|phd(?: student)?|postdoc|lecturer|"
    r"教授|副教授|博士|讲师|講師|研究员|研究員|主任|院长|博士生|硕士生|老师|先生|女士)\.?$",
    re.I,
)


def _short_cjk_name(text: str) -> bool:
    return len(text) <= 4 and bool(_CJK_NAME.fullmatch(text))


def _bracketed_person(text: str) -> list[Speaker]:
    """ "(Affiliation, Name, role)" written on a line of its own, with half- or full-width
    brackets and commas ("（某大学，Jane Doe，教授）"): the piece that is a name is the speaker,
    the piece that names an institution the affiliation, a role word is dropped."""
    text = text.strip()
    if not re.fullmatch(r"[(（].{3,150}[)）]", text):
        return []
    pieces = [piece.strip() for piece in re.split(r"[,，、]", text[1:-1]) if piece.strip()]
    if not 2 <= len(pieces) <= 3:
        return []
    names = [p for p in pieces if looks_like_person(p) or _short_cjk_name(p)]
    places = [p for p in pieces if INSTITUTION.search(p)]
    roles = [p for p in pieces if _ROLE.match(p)]
    names = [p for p in names if p not in places and p not in roles]
    if len(names) != 1 or len(places) != 1 or len(names) + len(places) + len(roles) != len(pieces):
        return []
    return [Speaker(names[0], clean_affiliation(places[0]))]


def loose_people(text: str) -> list[Speaker]:
    """Speakers from "Name (Affiliation)," leftovers once a title is cut out of a line."""
    text = clean(text.strip(SEPARATORS)) or ""
    if not text:
        return []
    cited = _initials_cited(text)
    if cited:
        return cited
    text = clean(_LINK_BRACKET.sub(_link_bracket, text).strip(SEPARATORS)) or ""
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


# A bracket the title's cut left behind, holding only a link's label and its symbol ("(📄
# PDF)", "[ Slides ]") or nothing: no affiliation, so the name before it stands alone.
_LINK_BRACKET = re.compile(r"[(\[]([^()\[\]]{0,40})[)\]]")


def _link_bracket(match: re.Match) -> str:
    inner = " ".join(re.sub(r"[^\w\s]", " ", match[1]).split())
    return " " if not inner or LINK_PIECE.match(inner) else match[0]


def _initials_cited(text: str) -> list[Speaker]:
    """The authors opening a line's leftover once its title is cut out ("Durand P.-L., Martin
    A. Some Meeting 05/2019. Lyon", or one author closed by the list's own stop, "Durand
    P.-L.. Some Meeting"): what follows them is the venue, no affiliation."""
    found = initials_last_authors(text)
    if found is None or not all(looks_like_person(name) for name in found[0]):
        return []
    return [Speaker(name) for name in found[0]]


def speaker_lines(content: list[Parsed]) -> list[Speaker]:
    speakers: list[Speaker] = []
    for position, part in enumerate(content):
        cited = [] if part.used or speakers else cited_people(part.rest)
        if cited:
            return cited  # the line gives the title too (`titles._cited_title`): left unused
        credited = [] if part.used or speakers else credited_in_prose(part.rest)
        if credited:
            return credited  # a sentence about the talk: it stays the abstract
        if part.used or len(part.rest) > 200 or EMAIL.search(part.rest):
            continue  # an affiliation line already read, a contact
        found = (
            people_in(BY_PREFIX.sub("", without_day_lead(part.rest)))
            or _bracketed_person(part.rest)
            or _plural_label_people(part.rest)
            or _author_block_name(part)
        )
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


def _in_author_block(part: Parsed) -> bool:
    node, classes = part.line.element, ""
    for _ in range(2):
        if node is None:
            break
        classes += " " + (node.get("class") or "")
        node = node.getparent()
    return bool(_AUTHOR_CLASS.search(classes))


def _author_block_name(part: Parsed) -> list[Speaker]:
    """ "Ana Ruiz-garcía" alone in an author block: the class vouches for a hyphenated name
    typed with a lower-case part, which the shape of a title's compound ("Self-supervised")
    refuses elsewhere. The name is kept as typed."""
    name = clean(part.rest) or ""
    if "-" not in name or not _in_author_block(part):
        return []
    capitalised = re.sub(r"(?<=[^\W\d_]-)([^\W\d_])", lambda m: m[1].upper(), name)
    return [Speaker(name)] if looks_like_person(capitalised) else []


def _author_list(part: Parsed) -> list[Speaker]:
    """ "Yasmin Haddad, Tobias Lin" in an author block, or with each name its own link: two
    people, not a name and an affiliation (elsewhere "Jane Doe, Johns Hopkins" is a name and
    an affiliation)."""
    if "," not in part.rest:
        return []
    names = [clean(name) or "" for name in part.rest.split(",")]
    if not (_in_author_block(part) or _each_linked(part, names)):
        return []
    if len(names) < 2 or not all(looks_like_person(name) for name in names):
        return []
    return [Speaker(name) for name in names]


def linked_people(part: Parsed) -> list[Speaker]:
    """ "<a>Jane Doe</a>, <a>Bo Li</a>" in a speaker cell: each name links its own page, so
    the second is a person too, not the first one's affiliation."""
    return _author_list(part)


def _each_linked(part: Parsed, names: list[str]) -> bool:
    """Is every comma-separated piece of the line the whole text of a link of its own?"""
    linked = [clean(text) for text, element in part.line.fragments if _is_link(element)]
    return len(names) >= 2 and all(name and name in linked for name in names)


def _is_link(element) -> bool:
    """The fragment's element is a link, or sits in one ("<a><span>Jane Doe</span></a>")."""
    for _ in range(3):
        if element is None:
            return False
        if element.tag == "a" and element.get("href"):
            return True
        element = element.getparent()
    return False


def _plural_label_people(text: str) -> list[Speaker]:
    """ "Докладчики: А. Петрова и Б. Иванов": a speaker label in a plural the label list lacks
    (the singular with one ending letter more), then the names."""
    match = LABELLED.match(text)
    if match is None or label_kind(match[1]) is not None or label_kind(match[1][:-1]) != "speaker":
        return []
    return people_in(match[2])


def _is_affiliation(text: str) -> bool:
    if not text or len(text) > 120 or times.find_time_range(text)[0]:
        return False
    return bool(re.fullmatch(r"\(.+\)", text) or INSTITUTION.search(text))
