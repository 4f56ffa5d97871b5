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
  an occasion listed under a talk's title ("<h2>Title</h2><ul><li>Host, May 2025") takes
  that heading (`headings`);
- speakers are lines (or the rest of a one-line record) that `people_in` reads as persons,
  "A and B", "Name (Affiliation)", "Name, Affiliation", with an affiliation on the next line;
- agenda slots that are not talks (coffee, lunch, breaks, registration, ...) give no talk,
  nor do ceremonies and panels whoever is named with them, nor posters (items tagged
  "[poster]", led by "Poster at …", or under a "Posters" heading), nor role blocks
  ("Programme committee:" over names, "Co-organizer of …" service entries).
"""

from __future__ import annotations

import itertools
import re

from parsers.common import dates
from parsers.common.links import absolute, links_in
from parsers.common.memo import page_dict
from parsers.common.owner import page_owner, personal_talks_page
from parsers.common.people import (
    people_in,
)
from parsers.common.text import clean, join_paragraphs, status_of
from parsers.common.vocab import POSTER_LEAD
from parsers.heuristic.anchors import lone_month, month_only
from parsers.heuristic.cleanup import UNTITLED_SLOT
from parsers.heuristic.headings import governing_title, under_poster_heading
from parsers.heuristic.labels import ROLE_TAIL, label_of, role_heading
from parsers.heuristic.lines import Line, emphasis, line_link
from parsers.heuristic.patterns import (
    BREAKS,
    BY_PREFIX,
    CEREMONY,
    EMAIL,
    EXTRACTED_BY,
    FIELD_SEPARATOR,
    LINK_PIECE,
    MORE_CANCELLED,
    MORE_POSTPONED,
    NO_SESSION,
    NOT_TALK,
    ONLINE,
    PANEL,
    PLACEHOLDER,
    POSTER_TAG,
)
from parsers.heuristic.reading import SEPARATORS, PageContext, Parsed, parse_line
from parsers.heuristic.social_slots import social_slot
from parsers.heuristic.title_links import lead_place
from parsers.heuristic.title_marks import event_lead, numbered_event
from parsers.heuristic.titles import looks_like_place, title_and_speakers
from parsers.talk import Link, Speaker, Talk

_ABSTRACT_MIN = 160


def extract(lines: list[Line], ctx: PageContext) -> Talk | None:
    """The talk a record's lines describe, or None when they do not describe one."""
    parts = [parse_line(line, ctx) for line in lines[:60]]
    parts = _split_fields(_label_pairs(_without_header_row(parts)))
    parts = _label_people(_without_chairs(_described_slots(parts)))
    day, start, end, zone, date_text = _when(parts, ctx)
    title, speakers, title_part = title_and_speakers(parts, _owner(lines, ctx.url))
    if not title or len(lines) == 1:  # "<h2>Title</h2><ul><li>Host, May 2025</li>"
        title = governing_title(lines) or title
    if (
        title
        and BREAKS.match(title)
        and len(title.split()) <= (4 if not speakers else 3)
        and not (speakers and PLACEHOLDER.match(title))
    ):
        return None  # "Coffee break", "Closing remarks"; not "Closing the gap between …"
    if title and not speakers and NOT_TALK.search(title):
        return None
    if title and not speakers and _joined_slots(title):
        return None  # "Introduction and Opening", "Coffee break / networking break"
    if title and (CEREMONY.match(title) or PANEL.match(title)):
        return None  # "Welcome from the Organizers", "Panel: …": named people, but no talk
    if social_slot(title):
        return None  # "Friday Registration", "Group Photo!", "Camp Party, sponsored by …"
    if numbered_event(title) and _owner(lines, ctx.url) is None:
        return None  # "2nd Workshop on …" over its date and venue: the programme's banner
    if title and role_heading(title):
        return None  # "Programme committee:" over names, "Co-organizer of the …": no talk
    if any(POSTER_TAG.search(line.text) for line in lines[:3]) or _poster(lines):
        return None  # "Title (June 2019) <br> Venue, City [poster]": a poster, not a talk
    if not title and (not speakers or all(UNTITLED_SLOT.match(s.name) for s in speakers)):
        return None  # "Sponsor symposium Acme", "Visit to the exhibition": a slot, no talk
    if NO_SESSION.match(title or "") or any(NO_SESSION.match(s.name) for s in speakers):
        return None
    location = _location(parts) or _event_city(title_part)
    location = location or _lead_place(title_part, title, lines, ctx.url) or ctx.location
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
        online=True if location and ONLINE.search(location) else None,
        abstract=_abstract(parts, title_part),
        url=url,
        links=tuple(links),
        status=_status(parts, title, date_text),
        extracted_by=EXTRACTED_BY,
    )


_JOINED = re.compile(r"\s+(?:and|&|\+)\s+|\s*/\s*", re.I)


def _joined_slots(title: str) -> bool:
    """Two slot names or more joined by "and" or a slash, each one a ceremony or a short break
    ("Welcome & Opening", "Lunch / networking"): an agenda slot, however many words in all."""
    pieces = [p for p in _JOINED.split(title) if p.strip()]
    return len(pieces) >= 2 and all(
        CEREMONY.match(p) or (BREAKS.match(p) and len(p.split()) <= 2) for p in pieces
    )


_owners = page_dict()  # id(root) -> (root, the owner of a personal talks page or None)


def _owner(lines: list[Line], url: str) -> Speaker | None:
    """The owner of a personal talks page, who gives its talks (`owner.page_owner`)."""
    if not lines:
        return None
    root = lines[0].element.getroottree().getroot()
    known = _owners.get(id(root))
    if known is None:
        owner = page_owner(root) if personal_talks_page(root, url) else None
        known = _owners[id(root)] = (root, owner)
    return known[1]


def _poster(lines: list[Line]) -> bool:
    """A poster, not a talk: the entry is led by a poster tag, or stands under a heading that
    names a poster section ("<h2>Posters</h2><ul>…")."""
    return bool(lines) and (
        bool(POSTER_LEAD.match(lines[0].text)) or under_poster_heading(lines[0].element)
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


def _without_header_row(parts: list[Parsed]) -> list[Parsed]:
    """A table's header row ("<tr><th>Date</th><th>Speaker</th><th>Talk</th></tr>") read into
    the record of its only data row: the headers name the columns the data cells are read by,
    they are no fields of the talk ("Date" is no title, "Talk" no speaker)."""
    rows = [_header_row(part.line.element) for part in parts]
    if not any(rows) or all(rows):
        return parts
    for part, row in zip(parts, rows, strict=True):
        if row:
            part.label, part.used = "ignore", True
    return parts


def _header_row(cell) -> bool:
    """Is `cell` a `<th>` in a row of `<th>` cells only?"""
    row = cell.getparent()
    if cell.tag != "th" or row is None or row.tag != "tr":
        return False
    return all(child.tag == "th" for child in row if isinstance(child.tag, str))


def _label_only(part: Parsed) -> bool:
    """A short line set apart as a label: a `dt`/`th` cell, a trailing colon, bold, or a
    heading of its own ("<h4>Speaker</h4><p>Jane Doe</p>": a post's fields as subheadings)."""
    text = part.rest
    if not text or len(text) > 30:
        return False
    return (
        part.line.element.tag in _LABEL_CELLS
        or text.endswith((":", "："))
        or emphasis(part.line) == "strong"
        or bool(part.line.heading)
    )


def _described_slots(parts: list[Parsed]) -> list[Parsed]:
    """A programme table's one text column headed "Description" or "Details" ("09:15 | 10:00 |
    Keynote 1: Jane Doe (MIT) - Title") describes the slot: its short cell is the talk's
    speaker and title, not an abstract. Only when no other line names the title or speaker
    and the cell is the record's one such line (a long cell stays an abstract)."""
    described = [p for p in parts if p.label == "abstract" and p.extra.get("column")]
    if len(described) != 1 or len(described[0].rest) >= _ABSTRACT_MIN:
        return parts
    if any(p.label in ("title", "speaker") or (p.label is None and p.rest) for p in parts):
        return parts
    described[0].label = None
    return parts


def _without_chairs(parts: list[Parsed]) -> list[Parsed]:
    """A line's rest minus a chair named after other words (`labels.ROLE_TAIL`): "Session
    A · Chair: Jane Doe" is a session's heading, and Jane Doe gives no talk in it."""
    for part in parts:
        match = ROLE_TAIL.search(part.rest) if part.label is None else None
        if match and match.start() > 0:
            part.rest = part.rest[: match.start()].rstrip(SEPARATORS + "¶")
    return parts


def _label_people(parts: list[Parsed]) -> list[Parsed]:
    """A line that is wholly "Name (Affiliation)" is a speaker line, however its markup splits
    it (`<a>Name</a> <span>(Affiliation)</span>`): the bracketed part is the affiliation, never
    a title set off by the markup."""
    for part in parts:
        text = part.rest
        if part.label is not None or not text.endswith(")") or len(text) > 200:
            continue
        if EMAIL.search(text):  # "Jane Doe (jdoe@example.edu)": a contact, not a speaker
            continue
        found = people_in(text)
        if found and all(s.affiliation for s in found):
            part.label = "speaker"
    return parts


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
    """The record's date and time: its first, but a line labelled as the date, then a day
    given with its clock time, before a day alone ("Date: 9 April", "Room 2, 9 April at
    14:00" beat a post's publication stamp above them)."""
    day = start = end = zone = None
    text = None
    for part in sorted(parts, key=lambda p: (p.label != "date" or not p.day, not p.start)):
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
    if day is None and _month_only(parts):
        return None, start, end, zone, text
    return day or ctx.day, start, end, zone, text


def _month_only(parts: list[Parsed]) -> bool:
    """Is the record dated by a month only ("October" under "2024", "May 2023")? It has no
    day, so it takes none from the talk or heading above it either."""
    return any(lone_month(p.line) or month_only(p.line) for p in parts[:3] if not p.day)


def _event_city(title_part: Parsed | None) -> str | None:
    """The city of a "<a>Event 2025</a> in City: Title" line (`event_lead`)."""
    lead = event_lead(title_part) if title_part is not None else None
    return lead[1] if lead else None


def _lead_place(part: Parsed | None, title: str | None, lines: list[Line], url: str) -> str | None:
    """On a personal talks page, the place closing the lead before an entry's title
    (`title_links.lead_place`): "Spring Days, Lyon: <a>Title</a>"."""
    if part is None or not title or _owner(lines, url) is None:
        return None
    return lead_place(part, title)


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
        if MORE_CANCELLED.search(joined):
            return "cancelled"
        if MORE_POSTPONED.search(joined):
            return "postponed"
    return found


# Status words `text.status_of` does not know yet (Dutch, Nordic, Polish, Czech, Japanese).
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
