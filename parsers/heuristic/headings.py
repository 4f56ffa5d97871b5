"""A page grouped by title: each heading is a talk's title and the list under it names the
occasions it was given ("<h2>Title</h2><ul><li>Host, May 2025</li><li>Host, June 2025</li>").

Each occasion is a record of its own (its date anchors it) and prints no title: it takes the
heading right above its list (`governing_title`). Only when the page repeats the pattern (two
headings or more, each directly over a list) and the heading reads as a title, not a section
name ("Invited talks", "2024") nor a person (a page grouped by speaker). A one-line item
under such a heading is the occasion (host and date), even where it reads as a title.
"""

from __future__ import annotations

import bisect
import re

from parsers.common import vocab
from parsers.common.html import HtmlElement
from parsers.common.memo import page_dict
from parsers.common.people import people_in
from parsers.common.text import clean
from parsers.heuristic.cleanup import BOX_LABEL, date_only
from parsers.heuristic.lines import Line

HEADING_TAGS = frozenset(["h2", "h3", "h4", "h5", "h6"])
LIST_TAGS = frozenset(["ul", "ol"])
MIN_GROUPS = 2
MIN_TITLE_WORDS = 3
MAX_GROUPS_SCANNED = 500
SERIES = vocab.series_words()
_groups = page_dict()  # id(root) -> (root, {heading tag: headings directly over a list})


def governing_title(lines: list[Line]) -> str | None:
    """The title of the heading over the list that holds the record's lines, or None."""
    item = _item(lines[0].element) if lines else None
    if item is None or any(not _inside(line.element, item) for line in lines):
        return None
    listing = item.getparent()
    heading = _before(listing) if listing is not None and listing.tag in LIST_TAGS else None
    if heading is None or heading.tag not in HEADING_TAGS:
        return None
    if _heads_of_lists(heading).get(heading.tag, 0) < MIN_GROUPS:
        return None
    text = clean(heading.text_content()[:400]) or ""
    return text if _title_like(text) else None


def _item(element: HtmlElement) -> HtmlElement | None:
    node = element
    for _ in range(3):
        if node is None:
            return None
        if node.tag == "li":
            return node
        node = node.getparent()
    return None


def _inside(node: HtmlElement, container: HtmlElement) -> bool:
    for _ in range(12):
        if node is None:
            return False
        if node is container:
            return True
        node = node.getparent()
    return False


def _before(element: HtmlElement) -> HtmlElement | None:
    """The element right before `element` among its siblings (comments skipped)."""
    node = element.getprevious()
    while node is not None and not isinstance(node.tag, str):
        node = node.getprevious()
    return node


def _heads_of_lists(heading: HtmlElement) -> dict[str, int]:
    """How many headings of each tag stand directly over a list on the page."""
    root = heading.getroottree().getroot()
    known = _groups.get(id(root))
    if known is not None:
        return known[1]
    counts: dict[str, int] = {}
    for count, listing in enumerate(root.iter("ul", "ol")):
        if count >= MAX_GROUPS_SCANNED:
            break
        head = _before(listing)
        if head is not None and head.tag in HEADING_TAGS:
            counts[head.tag] = counts.get(head.tag, 0) + 1
    _groups[id(root)] = (root, counts)
    return counts


# Words of a section's name on a personal page ("Invited Talks", "Conference presentations",
# "Selected keynotes", "Outreach"): a heading with one groups talks by kind, not by title.
SECTION_WORDS = re.compile(
    r"\b(?:presentations?|conferences?|workshops?|invited|keynotes?|posters?|selected|recent|"
    r"past|upcoming|other|media|interviews?|panels?|teaching|courses?|outreach|events?)\b",
    re.I,
)


def _title_like(text: str) -> bool:
    """A talk's title, not a section's name: enough words, none of them a series or section
    word ("Invited Talks", "Workshops"), and no date, box label or person."""
    if not text or BOX_LABEL.match(text) or date_only(text) or re.search(r"(?:19|20)\d\d", text):
        return False
    if SERIES.search(text) or SECTION_WORDS.search(text):
        return False
    if len(re.findall(r"[^\W\d_]{2,}", text)) < MIN_TITLE_WORDS:
        return False
    return not people_in(text)


ALL_HEADINGS = frozenset(["h1", *HEADING_TAGS])
# A section of posters ("Posters", "Poster sessions", "Conference Poster Presentations",
# "Affiches"): the entries under it were shown on a board, not given as talks.
POSTER_HEADING = re.compile(
    r"^(?:(?:conference|selected|contributed)\s+)?(?:posters?|pósters?|affiches?)"
    r"(?:\s+(?:sessions?|presentations?|contributions?))?\W*$",
    re.I,
)
_order = page_dict()  # id(root) -> (root, {element: document position}, [(position, heading)])


def under_poster_heading(element: HtmlElement) -> bool:
    """Is the nearest heading before `element` (in document order) a poster section's?"""
    heading = _heading_before(element)
    text = clean(heading.text_content()[:100]) if heading is not None else None
    return bool(text and POSTER_HEADING.match(text))


def _heading_before(element: HtmlElement) -> HtmlElement | None:
    """The last heading that opens at or before `element` in document order. The page's
    order is computed once, so each record costs a lookup and a binary search."""
    root = element.getroottree().getroot()
    known = _order.get(id(root))
    if known is None:
        positions = {node: at for at, node in enumerate(root.iter())}
        headings = [(at, node) for node, at in positions.items() if node.tag in ALL_HEADINGS]
        known = _order[id(root)] = (root, positions, headings)
    position = known[1].get(element)
    if position is None:
        return None
    found = bisect.bisect_right(known[2], position, key=lambda pair: pair[0])
    return known[2][found - 1][1] if found else None
