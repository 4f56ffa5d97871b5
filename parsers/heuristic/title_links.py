"""A title linked to its slides after the event that heard it: "2021.11.04, <b>Spring Days</b>,
Lyon: <a href="talk.pdf">Title</a> (joint work with …)".

A personal talks list often leads each entry with the date, the event and the city, and links
the talk's own words to its slides; the line as a whole is no title, the link is. Split from
`titles`, which asks `linked_title` on the line it picked, like the other markup readers of
`title_marks`.
"""

from __future__ import annotations

import re

from parsers.common.links import SLIDE_FILES
from parsers.common.people import people_in
from parsers.common.text import clean
from parsers.heuristic.reading import Parsed

_TITLE_WORDS = 3
# What may close the line after the title: a bracketed note ("(joint work with …)") and stops.
_AFTER = re.compile(r"^[\s.;,]*(?:\([^()]*\))?[\s.;,]*$")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SET_OFF = ("b", "strong", "em", "i")


def linked_title(part: Parsed) -> str | None:
    """The one link of three words or more on a line led by other words (the event, the
    place) and closed by at most a bracketed note: the talk's title. The lead must say it is
    one: closed by a colon, or set in bold, or the link opens a document (slides). A link
    with a year in its words names an event ("<a>Summer School 2019</a>"), not a talk."""
    runs = _runs(part)
    long = [at for at, (text, link, _tag) in enumerate(runs) if _title_link(text, link)]
    if len(long) != 1:
        return None
    at = long[0]
    text, link, _tag = runs[at]
    before = clean(" ".join(t for t, _l, _g in runs[:at])) or ""
    after = " ".join(t for t, _l, _g in runs[at + 1 :])
    if not before or not _AFTER.match(after) or text not in part.rest:
        return None
    closed = before.endswith((":", "："))
    set_off = runs[at - 1][2] in _SET_OFF if at else False
    if not (closed or set_off or SLIDE_FILES.search(link.get("href") or "")):
        return None
    return text


def _title_link(text: str, link) -> bool:
    """A link whose words may be a title: three words or more, no year, no person's name."""
    if link is None or len(text.split()) < _TITLE_WORDS or _YEAR.search(text):
        return False
    return not people_in(text)


def _runs(part: Parsed) -> list[tuple[str, object, str | None]]:
    """The line's text in runs: each link's words as one run (with its `<a>`), and the words
    between links by the tag that sets them off (None for plain text)."""
    runs: list[tuple[list[str], object, str | None]] = []
    for text, element in part.line.fragments:
        link = _link_of(element, part)
        tag = element.tag if element is not None and link is None else None
        same = link is not None and runs[-1][1] is link if runs else False
        same = same or (bool(runs) and link is None and runs[-1][1] is None and runs[-1][2] == tag)
        if same:
            runs[-1][0].append(text)
        else:
            runs.append(([text], link, tag))
    joined = [(clean("".join(texts)) or "", link, tag) for texts, link, tag in runs]
    return [(text, link, tag) for text, link, tag in joined if text]


def _link_of(element, part: Parsed):
    """The `<a>` that holds `element` inside the line, if any."""
    node = element
    while node is not None and node is not part.line.element:
        if node.tag == "a":
            return node
        node = node.getparent()
    return None


_PLACE_WORDS = 5


def lead_place(part: Parsed, title: str) -> str | None:
    """The place that closes the lead of a personal list's entry before its title ("Spring
    Days, Lyon: Title", "Workshop, Acme 2030, Oslo: <a>Title</a>"): the last of two comma
    pieces or more, a few words, no digit. Not when the lead names a person ("Jane Doe, MIT:
    Title" gives a speaker's affiliation, not a place)."""
    at = part.rest.find(title)
    before = part.rest[:at].strip(" ,:;–—-") if at > 0 else ""
    pieces = [p.strip() for p in before.split(",")]
    if len(pieces) < 2 or not pieces[-1] or people_in(before):
        return None
    place = pieces[-1]
    if len(place.split()) > _PLACE_WORDS or re.search(r"\d", place) or "(" in place:
        return None
    return place
