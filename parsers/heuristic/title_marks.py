"""What a title line's markup says about its title: the words set off in their own element.

A personal talks list sets the title apart from its venue with markup ("<b>Title</b>, Venue",
"Title. <a><em>Event</em></a>, Place"), a programme sets a series label in bold before a linked
title, a note about the talk in italics of its own, and a button for its slides. Split from
`titles`, which calls these on the line it picked.
"""

from __future__ import annotations

import re
from collections import Counter

from parsers.common.memo import page_dict
from parsers.common.people import people_in
from parsers.common.text import clean
from parsers.heuristic.anchors import MONTH_YEAR
from parsers.heuristic.lines import Line
from parsers.heuristic.reading import SEPARATORS, Parsed


def without_note(part: Parsed, title: str) -> str:
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


# A month and year leading a line, closed by a separator: "May 2025 — ", "(June 2019): ".
_MONTH_LEAD = re.compile(
    rf"^\s*[(\[]?\s*(?:{MONTH_YEAR.pattern})\s*[)\]]?\s*[:.,|–—-]\s+(?=\S)", re.I
)


def without_month_lead(text: str) -> str:
    """A line minus the month and year that lead it ("May 2025 — Title (slides)"): a personal
    talks list dates its entries so, and the date must not be read as a name or the title
    before the one-line rules split the rest."""
    stripped = _MONTH_LEAD.sub("", text, count=1)
    return stripped if len(stripped) >= 3 else text


def without_link_list(part: Parsed, title: str) -> str:
    """A title minus the bracketed list of links that closes its line ("Title (<a>source</a>,
    <a>slides</a>)"): every word in the brackets is a link's label, so they name the talk's
    files, not its words. Plain words in the brackets ("(with Jane Doe)") keep them."""
    found = re.search(r"\s*[(\[]([^()\[\]]{2,120})[)\]]$", title)
    if not found:
        return _without_material_link(part, title)
    labels = {clean(text) for text, element in part.line.fragments if _in_link(element, part)}
    words = [w.strip() for w in re.split(r"[,;/|·]|\s+and\s+", found.group(1))]
    if not words or not all(w in labels for w in words if w) or not any(words):
        return title
    stripped = title[: found.start()].rstrip(SEPARATORS)
    return stripped if len(stripped) >= 3 else title


# A link to the talk's material after the title, led by a possessive or not ("mes notes",
# "my slides", "Notes"): the file, not the talk's words.
_MATERIAL = re.compile(
    r"^(?:(?:my|mes|mis|meine|mijn|les|the)\s+)?(?:notes|slides|transparents|diapositives|"
    r"diapositivas|folien|handout|pdf|vid[eé]o|recording|enregistrement|code|source)$",
    re.I,
)


def _without_material_link(part: Parsed, title: str) -> str:
    """ "Title; <a>mes notes</a>.": a link to the talk's material set after the title with a
    semicolon or a comma closes the line; the title is what comes before it."""
    found = re.search(r"\s*[;,]\s*([^;,]{2,40}?)\W*$", title)
    if not found or not _MATERIAL.match(found.group(1).strip()):
        return title
    labels = {clean(text) for text, element in part.line.fragments if _in_link(element, part)}
    if found.group(1).strip() not in labels:
        return title
    stripped = title[: found.start()].rstrip(SEPARATORS)
    return stripped if len(stripped) >= 3 else title


# Tags a blog prints after an entry ("#security", "#ml#systems"): each a link to a tag page.
_TAG_TAIL = re.compile(r"(?:\s*#[^\W\d]\w*(?:[-.]\w+)*)+$")


def without_tag_links(part: Parsed, title: str) -> str:
    """A title minus the hashtag links that close its line ("Title <a>#ml</a><a>#systems</a>"):
    they file the entry under a tag, they are no words of its title. A hashtag set in the
    title's own words ("Talking about #tags") is no link of its own and stays."""
    found = _TAG_TAIL.search(title)
    if not found or found.start() == 0:
        return title
    labels = {clean(text) for text, element in part.line.fragments if _in_link(element, part)}
    tags = re.findall(r"#[^\s#]+", found.group(0))
    if not all(tag in labels for tag in tags):
        return title
    stripped = title[: found.start()].rstrip(SEPARATORS)
    return stripped if len(stripped) >= 3 else title


def _in_link(element, part: Parsed) -> bool:
    return element is not None and _link_of(element, part.line) is not None


_LEAD_TAGS = ("b", "strong", "em", "i", "cite", "a")
# What may follow a title set in its own element before the venue: a comma, a spaced dash or
# a full stop ("<strong>Title</strong>. May 2022. A talk given at …").
_AFTER_LEAD = re.compile(r"^\s*(?:,|\.\s|[–—-]\s|\s[–—-]\s)")


def lead_title(part: Parsed) -> str | None:
    """ "<b>Title</b>, Venue, City." and "<em>Title</em> - Venue": the emphasised words that open
    the line are the title, the rest the venue (a personal talks list). Not a label ("<b>Keynote:
    </b>"), a name ("<b>Jane Doe</b>, MIT") or a lone word."""
    pieces = [(clean(text) or "", element) for text, element in part.line.fragments]
    pieces = [(text, element) for text, element in pieces if text]
    if len(pieces) < 2 or pieces[0][1] is None or pieces[0][1].tag not in _LEAD_TAGS:
        return None
    lead = pieces[0][0]
    if len(lead.split()) < 2 or lead.endswith((":", "：")) or people_in(lead):
        return None
    if re.search(r"\d", lead) and (MONTH_YEAR.search(lead) or re.search(r"(?:19|20)\d\d", lead)):
        return None  # "<strong>August 2026</strong> — <em>Title</em>": the date, not the title
    if not part.rest.startswith(lead):
        return None
    rest = part.rest[len(lead) :]
    if not _AFTER_LEAD.match(rest) or len(rest.strip(SEPARATORS + ".")) < 3:
        return None
    return lead


_SET_OFF = ("a", "em", "i", "cite")


# "<a>Spring Meeting 2025</a> in Lyon: Title" (a personal talks list): the event, named with
# its year and set off in a link or emphasis, then the city, then the title after the colon.
_EVENT_IN_CITY = re.compile(
    r"^\s*(?:in|at|à|en|em|a|bei|te)\s+(?P<city>[^\W\d_][\w'’.-]*(?:[ -][^\W\d_][\w'’.-]*){0,3})"
    r"\s*[:：]\s+(?P<title>\S.*)$"
)


def event_lead(part: Parsed) -> tuple[str, str] | None:
    """(title, city) of a line led by a set-off event name ending in a year, "in City:", and
    the title. The city is capitalised ("in general: …" is no place), the year closes the
    event (a dated title such as "Trends in 2020: a review" is plain text, not a link)."""
    pieces = [(clean(text) or "", element) for text, element in part.line.fragments]
    pieces = [(text, element) for text, element in pieces if text]
    if len(pieces) < 2 or pieces[0][1] is None or pieces[0][1].tag not in (*_SET_OFF, "b"):
        return None
    event = pieces[0][0]
    if not re.search(r"(?<!\d)(?:19|20)\d\d\W*$", event) or not part.rest.startswith(event):
        return None
    found = _EVENT_IN_CITY.match(part.rest[len(event) :])
    if found is None or not found["city"][0].isupper() or len(found["title"].split()) < 2:
        return None
    title, (last, element) = found["title"].strip(), pieces[-1]
    if len(pieces) > 2 and element is not None and element.tag == "a" and title.endswith(last):
        title = title[: -len(last)].rstrip(SEPARATORS + ":")  # "… Title <a>View slides</a>"
    return title, found["city"]


def before_venue(part: Parsed) -> str | None:
    """ "Title. <a><em>Event</em></a>, Place." (a personal talks list): plain words closed by a
    full stop, then the event set off in a link or italics; the title is the plain sentence.
    Not when the plain words are names ("A and B. <em>Title</em>.": the italics are the title)."""
    pieces = [(clean(text) or "", element) for text, element in part.line.fragments]
    pieces = [(text, element) for text, element in pieces if text]
    for at, (text, element) in enumerate(pieces[1:], start=1):
        before = pieces[at - 1]
        if element is None or element.tag not in _SET_OFF or before[1] is not None:
            continue
        stop = re.search(r"\.\s+" + re.escape(text.rstrip(".")), part.rest)
        if not before[0].endswith(".") or stop is None:
            continue
        title = part.rest[: stop.start()].strip()
        if len(title.split()) < 2 or people_in(title) or people_in(text):
            return None
        if any(element is not None for _, element in pieces[at + 1 :]):
            return None  # more marked words after: not one event fragment closing the line
        return title
    return None


def without_series_label(part: Parsed) -> str:
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


# A link's label that names the file it opens, not the talk ("Presentation", "Slides (PDF)").
_FILE_LABEL = re.compile(
    r"^(?:(?:download|view|see)\s+)?(?:the\s+)?(?:presentation|présentation|slides?|"
    r"transparents|diapositivas|diapositives|folien|handout|poster|pdf|pptx?|preprint|"
    r"(?:(?:article|paper|journal|conference|extended|full|long|short|arxiv)\s+)?version)"
    r"(?:\s*\(\w+\))?$",
    re.I,
)
_ICON = re.compile(r"\b(?:fa[srlb]?|fa-[\w-]+|bi|icon|glyphicon)\b")


def file_button(line: Line) -> bool:
    """A line that is one link styled as a button or led by an icon ("<a class="btn"><i
    class="fa-file-pdf"></i> Presentation</a>"), or labelled with a file word: the talk's
    material, never its title (a title linked to its slides keeps its own words)."""
    links = [element for _, element in line.fragments if element is not None]
    anchors = {id(a): a for a in (_link_of(e, line) for e in links) if a is not None}
    if len(anchors) != 1 or any(_link_of(e, line) is None and _words(t) for t, e in line.fragments):
        return False
    link = next(iter(anchors.values()))
    label = clean(link.text_content()) or ""
    styled = re.search(r"\b(?:btn|button)\b", link.get("class") or "") or any(
        _ICON.search(node.get("class") or "") for node in link.iter("i", "span", "svg")
    )
    return bool(_FILE_LABEL.match(label)) or (bool(styled) and len(label.split()) <= 2)


def _words(text: str) -> bool:
    """Does the text hold more than stops ("<a>Paper version</a>." closes with one)?"""
    return bool((clean(text) or "").strip(".,;:"))


def _link_of(element, line: Line):
    """The `<a>` that holds `element` inside the line, if any."""
    node = element
    while node is not None and node is not line.element:
        if node.tag == "a":
            return node
        node = node.getparent()
    return node if node is not None and node.tag == "a" else None


SERIES_REPEATS = 3
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_heading_texts = page_dict()  # id(root) -> (root, Counter of (tag, heading text))


def series_heading(line: Line) -> bool:
    """A heading printed word for word on three cards or more ("<h3>Spring Seminar
    2024</h3>" over each talk): it names the series or the event, and each card's own line
    names its talk, so it is a title only when the card has nothing else."""
    element = line.element
    if element.tag not in _HEADING_TAGS:
        return False
    root = element.getroottree().getroot()
    known = _heading_texts.get(id(root))
    if known is None:
        counts = Counter(
            (node.tag, clean(node.text_content()[:200]) or "") for node in root.iter(*_HEADING_TAGS)
        )
        known = _heading_texts[id(root)] = (root, counts)
    return known[1][(element.tag, clean(element.text_content()[:200]) or "")] >= SERIES_REPEATS


# An event's own name, numbered ("1st Workshop on …", "The 3rd International Conference
# of …", "Second Symposium on …"): a programme's banner, never a talk's title.
_NUMBERED_EVENT = re.compile(
    r"^(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th|e|er|ème|º|°)|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth)\s+(?:[\w-]+\s+){0,3}?(?:workshop|conference|symposium|"
    r"congress|summer school|winter school|meeting|colloquium|forum|summit)s?\s+(?:on|of|in|for)\b",
    re.I,
)


def numbered_event(title: str | None) -> bool:
    """Does the title name a numbered event (`_NUMBERED_EVENT`), as a programme's banner does
    over the date and venue ("1st Workshop on X" · "May 3, 2026" · "Acme University")?"""
    return bool(title and _NUMBERED_EVENT.match(title))
