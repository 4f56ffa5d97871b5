"""A record's title and speakers: which line is the title, who the people are.

The hardest call the heuristic makes, so it has its own module: one-line records
("Jane Doe (MIT): Title"), labelled and class-marked lines, and the title line among the rest;
the speaker lines themselves (author lists, CJK names, bracketed credits) are `speakers`',
what is cut from a title ("[T3] - ", "Keynote 2:", "{slides}") is `cleanup`'s, and what the
chosen line's markup says (a bold lead title, an event in italics, a file button, a heading
repeated on every card) is `title_marks`'.
`fields` calls `title_and_speakers` and uses the rest.
"""

from __future__ import annotations

import re

from parsers.common.dates import find_date
from parsers.common.handles import labelled_handle
from parsers.common.people import (
    clean_affiliation,
    looks_like_name,
    people_in,
    slot_speaker_title,
    speaker_and_title,
    split_speakers,
)
from parsers.common.text import clean
from parsers.common.zones import find_zone
from parsers.heuristic.anchors import citation_title, is_month_name
from parsers.heuristic.anchors import without_month as _without_month
from parsers.heuristic.cleanup import (
    BOX_LABEL,
    UNTITLED_SLOT,
    looks_like_place,
    session_head,
    slot_label,
    tidy_title,
    unquote,
)
from parsers.heuristic.labels import LABELLED
from parsers.heuristic.lines import emphasis, links_only
from parsers.heuristic.one_lines import marked_affiliation, one_liner, split_one_line
from parsers.heuristic.patterns import (
    AGENDA_NOTE,
    BREAKS,
    BY_PREFIX,
    LINK_LABELS,
    QUOTED,
    SLOT_NOT_PERSON,
    TOGGLE,
)
from parsers.heuristic.reading import Parsed
from parsers.heuristic.speakers import (
    bracketed_affiliation,
    cjk_people,
    loose_people,
    name_then_sentence,
    same_people,
    speaker_lines,
    without_cjk_honorific,
)
from parsers.heuristic.title_fallbacks import named_heading, topic_under_name
from parsers.heuristic.title_links import linked_title
from parsers.heuristic.title_marks import (
    before_venue,
    event_lead,
    file_button,
    lead_title,
    series_heading,
    without_link_list,
    without_month_lead,
    without_note,
    without_series_label,
    without_tag_links,
)
from parsers.heuristic.title_slots import slot_title
from parsers.heuristic.venue_leads import venue_led_title
from parsers.talk import Speaker

_TITLE_MAX = 300


def title_and_speakers(parts: list[Parsed], owner: Speaker | None = None):
    speakers: list[Speaker] = []
    title: str | None = None
    title_part: Parsed | None = None
    speaker_part: Parsed | None = None
    for part in parts:
        if part.label == "speaker" and part.rest:
            text = without_cjk_honorific(BY_PREFIX.sub("", part.rest))
            named = _name_dash_title(text) if title is None else None
            if named and not any(p.label == "title" and p.rest for p in parts):
                title, title_part, part.used = named[0], part, True
                speakers = speakers or named[1]  # "JANE DOE - Title" in the speaker column
                continue
            found = (
                marked_affiliation(part, text)
                or name_then_sentence(text)
                or people_in(text)
                or loose_people(text)
                or [s for s in split_speakers(text) if looks_like_name(s.name)]
                or cjk_people(text)
                or _handle(text)
            )
            found = [s for s in found if not SLOT_NOT_PERSON.search(s.name)]
            if not found and bracketed_affiliation(speakers, text):
                speakers = [Speaker(speakers[0].name, clean_affiliation(text))]
                part.used = True  # "<strong>Jane Doe</strong><br>(MIT)" in a speaker cell
                continue
            if _sibling_item(speaker_part, part) and found and speakers:
                speakers = speakers + [s for s in found if s not in speakers]
                part.used, speaker_part = True, part  # one item per presenter in one field
                continue
            if found or not speakers:
                speaker_part = speaker_part if speakers else part  # whose items may follow
                speakers = speakers or found
                part.used = True
            if _more_credited(speakers, found):
                speakers = speakers + found  # one "Name (Affiliation)" line per author
        elif part.label == "title" and part.rest and title is None:
            title, title_part = unquote(without_series_label(part)), part
            part.used = True
        elif part.label in ("date", "time", "location", "ignore", "abstract"):
            part.used = part.label != "abstract"
    content = [p for p in parts if not p.used and p.rest and p.label is None]
    for part in content:
        part.rest = without_month_lead(part.rest)  # "May 2025 — Title (slides)"
    owned = None
    if content and not title and not speakers:
        owned = _owned_entry(content[0], owner) or venue_led_title(content[0], owner)
    if owned:
        title, title_part, content[0].used = owned, content[0], True
        content = content[1:]
    elif content and session_head(content[0].rest):
        pass  # "Session 2: Theme: Subtheme" names a session, no speaker
    elif len(content) == 1 or (
        content and len(content[0].rest) <= 400 and not title and one_liner(content[0])
    ):
        found_title, found_speakers = split_one_line(content[0])
        if found_title or (found_speakers and not speakers):
            if found_title and not title:
                title, title_part = found_title, content[0]
            speakers = speakers or found_speakers
            content[0].used = True
            content = content[1:]
    if not speakers:
        speakers = speaker_lines(content)
        if title is None:
            title_part, speakers = named_heading(content, speakers)
            title = title_part.rest if title_part is not None else None
    if title is None:
        title_part, title = _cited_title(content)
    if title is None:
        title_part = _title_line(content)
        if title_part is not None:
            title = unquote(
                lead_title(title_part)
                or linked_title(title_part)
                or (event_lead(title_part) or (None,))[0]
                or before_venue(title_part)
                or without_series_label(title_part)
            )
            title_part.used = True
            if not speakers and not session_head(title):
                inner_title, inner_people = speaker_and_title(title)
                if inner_people:
                    title, speakers = inner_title, inner_people
    if title is None and speakers:
        title_part = _person_like_title(content)
        if title_part is not None:
            title, title_part.used = unquote(title_part.rest), True
    if title is None and len(speakers) == 1:
        title_part = topic_under_name(content, speakers[0])
        if title_part is not None:
            title, speakers = unquote(title_part.rest), [Speaker(speakers[0].name)]
    if title and title_part is not None:
        dated = title if _named_link(title_part, title) else _without_month(title)
        title = without_link_list(title_part, without_note(title_part, dated))
        title = without_tag_links(title_part, title)
        title = slot_title(title_part, title) or title
    slot = slot_speaker_title(title or "")
    if slot is not None and (not speakers or same_people(slot[1], speakers)):
        title, speakers = slot[0], speakers or slot[1]  # "Keynote from Jane Doe: Title"
    return tidy_title(title), speakers, title_part


def _sibling_item(before: Parsed | None, part: Parsed) -> bool:
    """Is `part` the next item of the speaker field `before` was read from: the same tag in
    the same parent, right after it ("<div class="presenters"><div>A</div><div>B</div>")? Each
    such item names one more presenter."""
    if before is None:
        return False
    first, second = before.line.element, part.line.element
    parent = first.getparent()
    return (
        parent is not None
        and second.getparent() is parent
        and first.tag == second.tag
        and first.getnext() is second
    )


def _handle(text: str) -> list[Speaker]:
    """A labelled speaker field that gives one user name ("jdoe42"): the speaker as printed."""
    found = labelled_handle(text)
    return [found] if found else []


def _named_link(part: Parsed, title: str) -> bool:
    """Is the title the whole text of its own link, on a line that dates it elsewhere with a
    full date ("<a>Workshop Nov 2015</a> <span>November 1, 2015</span>")? A month and year
    in the link's words then name the talk, as printed; they are not its date."""
    value = clean(title) or ""
    linked = [
        element
        for text, element in part.line.fragments
        if element is not None and element.tag == "a" and clean(text) == value
    ]
    if not linked:
        return False
    rest = " ".join(text for text, element in part.line.fragments if element is not linked[0])
    return find_date(rest) is not None


def _owned_entry(part: Parsed, owner: Speaker | None) -> str | None:
    """On a personal talks page (its owner gives every talk) an entry's first line read as
    one bare name other than the owner's ("Lambda Calculus", or "Snake Charming - a journey"
    before a dash) is its title: the page lists its owner's talks, not other people."""
    if owner is None:
        return None
    rest = clean(without_link_list(part, LINK_LABELS.sub(" ", part.rest))) or ""
    people = people_in(rest) or speaker_and_title(rest)[1]
    if len(people) != 1 or people[0].affiliation or len(rest.split()) > _TITLE_WORDS:
        return None
    name = people[0].name
    if name.casefold() == owner.name.casefold() or not rest.startswith(name):
        return None
    after = rest[len(name) :]
    return unquote(rest) if not after.strip(" .") or re.match(r"\s[-–—]\s", after) else None


_TITLE_WORDS = 25


# One name (no list: no comma, semicolon, bracket or "&") before the first spaced dash.
_ONE_NAME_DASH = re.compile(r"^[^,;()&]+?\s[-–—]\s\S")


def _name_dash_title(text: str) -> tuple[str, list[Speaker]] | None:
    """A speaker-column cell that holds "Name – Title": the one name before the dash is the
    speaker and the rest the title. Only one name: author lists "A (X); B (Y)" stay speakers."""
    if not _ONE_NAME_DASH.match(text):
        return None
    found_title, people = speaker_and_title(text)
    if not found_title or len(people) != 1 or len(found_title) <= 15:
        return None
    if not text.startswith(people[0].name):
        return None
    return unquote(found_title), people


def _more_credited(speakers: list[Speaker], found: list[Speaker]) -> bool:
    """Are `found` more speakers, each line a "Name (Affiliation)" like the first ("Authors"
    over one line per author)? Only this full form adds: loose lines may be roles."""
    named = {s.name.casefold() for s in speakers}
    everyone = speakers + found
    return (
        bool(speakers and found)
        and all(s.affiliation for s in everyone)
        and not any(s.name.casefold() in named for s in found)
    )


def _cited_title(content: list[Parsed]) -> tuple[Parsed | None, str | None]:
    """A citation-style entry's title (`anchors.citation_title`): as a whole, the line is too
    long and has too many full stops to be a title."""
    for part in content:
        text, fragments = part.line.text, part.line.fragments
        title = None if part.used or part.label else unquote(citation_title(text, fragments))
        if title and len(title) >= 3:
            part.used = True
            return part, title
    return None, None


def _person_like_title(content: list[Parsed]) -> Parsed | None:
    """With the speakers known from other lines, a linked or emphasised line that reads like a
    name is the title after all: Title-Case titles ("Sparse Spectral Methods") pass
    `people_in`. Only when it is the one such line left, so an unread co-speaker is not taken."""
    left = [p for p in content if not p.used and p.rest and p.label is None]
    marked = [p for p in left if emphasis(p.line) in ("a", "em", "strong") or p.line.heading]
    if len(marked) != 1 or (len(marked[0].rest.split()) < 3 and not _title_class(marked[0])):
        return None
    part = marked[0]
    people = people_in(part.rest)
    if len(people) != 1 or people[0].affiliation or "," in part.rest:
        return None
    return part


_TITLE_CLASS = re.compile(r"\b(?:talk|title|paper)\b|(?:talk|paper)[-_]?title", re.I)


def _title_class(part: Parsed) -> bool:
    """Is the whole line one inline element classed as the talk ("<a class="talk">Gradient
    Flows</a>")? Its class says what a two-word line that reads like a name is."""
    for text, element in part.line.fragments:
        if element is None or not (clean(text) or ""):
            continue
        whole = (clean(text) or "") == part.rest
        return whole and bool(_TITLE_CLASS.search(element.get("class") or ""))
    return False


def _title_line(content: list[Parsed]) -> Parsed | None:
    candidates = [p for p in content if not p.used and _title_like(p)]
    if not candidates:
        return None

    def is_pause(part: Parsed) -> bool:
        return bool(BREAKS.match(part.rest)) and len(part.rest.split()) <= 2

    # "Kaffeepause" in the row after a talk's is not its title; a break first is the slot's
    first = min((p.line.index for p in candidates if not is_pause(p)), default=None)

    def rank(part: Parsed) -> tuple[bool, int, int]:
        line = part.line
        pause = first is not None and is_pause(part) and part.line.index > first
        pause = pause or (
            len(candidates) > 1
            and (session_head(part.rest) or _slot(part.rest) or _slot_label(part))
        )
        if line.heading and not series_heading(line):
            return pause, 0, part.line.index
        if QUOTED.fullmatch(part.rest):
            return pause, 1, part.line.index
        if emphasis(line) in ("a", "strong", "em"):
            return pause, 2, part.line.index
        return pause, 3 + bool(line.heading), part.line.index

    return min(candidates, key=rank)


def _slot_label(part: Parsed) -> bool:
    """A slot's kind alone on its line, closed by a colon or set as a heading ("<b>Keynote:
    </b><br>Title", "<h6>Keynote Talk 1</h6> … <b>Title</b>"): it names the slot over the
    talk's title, as "Title:" would."""
    closed = part.line.text.rstrip().endswith((":", "："))
    return (closed or bool(part.line.heading)) and slot_label(part.rest + ":")


def _slot(text: str) -> bool:
    """A slot's short name over its talk's title ("Simposio Acme" above the title)."""
    return bool(UNTITLED_SLOT.match(text)) and len(text.split()) <= _SLOT_WORDS


_SLOT_WORDS = 4


def _title_like(part: Parsed) -> bool:
    text = part.rest
    if not text or len(text) > _TITLE_MAX or len(text) < 3:
        return False
    if people_in(text) or re.fullmatch(r"[\W\d_]+", text) or is_month_name(text):
        return False
    if BOX_LABEL.match(text) or _zone_alone(text):
        return False  # "Next colloquium", "Upcoming talk": a box's label; "(CET)"
    if TOGGLE.match(text) or re.match(r"^<?https?://\S+$", text) or AGENDA_NOTE.match(text):
        return False  # an "abstract" button, a bare URL, "Anschließend kleiner Empfang"
    if not part.line.heading and looks_like_place(text):
        return False
    if re.fullmatch(
        r"(?i)(spring|summer|fall|autumn|winter|semester|term|year)?\s*"
        r"(19|20)\d\d(\s*[-/]\s*\d{2,4})?\s*\w{0,12}",
        text,
    ):
        return False
    labelled = LABELLED.match(text)
    if labelled and _is_link_text(part, labelled.group(2)) and _few_words(labelled.group(2)):
        return False  # "Youtube Live: Link", "Slides: PDF"; not "Event: <a>A Long Title</a>"
    if links_only(part.line) or file_button(part.line):
        return False  # "Video · Slides", "YouTube video Powerpoint Presentation"
    return not (len(text) > 160 and text.count(". ") >= 2)


_LINK_LABEL_WORDS = 3


def _few_words(text: str) -> bool:
    """A link's label after a label's colon: a few words name the link ("Link", "Watch
    here"); four or more after an event's name are the talk's title, linked to its slides."""
    return len(text.split()) <= _LINK_LABEL_WORDS


_ZONE_ALONE = re.compile(r"^[(\[]?\s*[A-Z]{2,5}\s*[)\]]?$")


def _zone_alone(text: str) -> bool:
    """A zone abbreviation left alone once a heading's date is cut ("May 3, 2024 (CET)"): the
    day's zone, never a title."""
    return bool(_ZONE_ALONE.match(text)) and find_zone(text) is not None


def _is_link_text(part: Parsed, value: str) -> bool:
    value = clean(value) or ""
    return any(
        element is not None and element.tag == "a" and clean(text) == value
        for text, element in part.line.fragments
    )
