"""Entries of a list of talks that `anchors` cannot tell by a date line alone.

A line with a date is an anchor unless it reads as a sentence (`anchors._prose`); these
rules say when a long line is still an entry, and which undated lines are entries:
- a line that opens with a clock time is a slot ("13:15 - 14:00 Keynote: a long title …");
- a list item led by a title set in bold ("<strong>Title</strong> A talk for the lab …");
- a line whose last sentence, or last comma piece(s), is a date, before any "[slides]"
  labels ("… for the lab. November 25th, 2020. [slides]");
- a line that opens with its date set off by a stop, colon or dash ("July 8, 2018. Title."),
  in a list item or in a run of sibling paragraphs of that shape;
- on a page that lists talks, a venue line that ends in a year ("Venue, City - 2021"), a
  citation ("Doe, Jane, and Ann Roe. (2020). Title. *Venue*."), in a list item or in a run
  of sibling paragraphs of that shape, and the venue line under a title in a two-line list
  item that names its event with the year ("Title.<br>CONF 2016 Meeting, City");
- on such a page, the items under a "Past seminars" heading that read as a person and a
  title ("Jane Doe (Lab): Title"), and a list's undated items shaped like its dated ones.
"""

from __future__ import annotations

import re

from parsers.common.daynames import WEEKDAYS
from parsers.common.html import HtmlElement
from parsers.common.people import speaker_and_title
from parsers.common.text import clean
from parsers.heuristic.labels import label_of
from parsers.heuristic.lines import Line
from parsers.heuristic.reading import PageContext, clock_span, read_date

# Link labels in square brackets closing an entry ("… 2020. [slides ] [code]"): no part of it.
TRAILING_LABELS = re.compile(r"(?:\s*\[[^\[\]\d]{1,40}\])+\s*$")
# An entry's title set off at its start: the tags pages use to lead an item with its title.
LEAD_TAGS = frozenset(["strong", "b", "em", "i"])
ENTRY_TAGS = frozenset(["li", "tr", "dd"])
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def without_labels(text: str) -> str:
    """The text minus bracketed link labels at its end."""
    return TRAILING_LABELS.sub("", text)


def starts_with_clock(line: Line) -> bool:
    """Does the line open with a clock time or range ("13:15 - 14:00 Keynote …")? A
    programme's slot, however long its title, is never a sentence."""
    span = clock_span(line.text[:40])
    return span is not None and span[0] <= 2


def bold_lead(line: Line) -> bool:
    """Is the line a list item or table row led by a title set in bold or italics, with the
    occasion after it ("<strong>Title</strong> A talk for the lab, May 5th, 2020.")? A
    label ("<b>Note:</b> …"), a lone emphasised word or a date in bold ("<b>May 2024</b>")
    leads sentences too: not these."""
    piece = _lead_piece(line)
    if piece is None or len(piece.split()) < 2 or piece.endswith(":") or _YEAR.search(piece):
        return False  # "<b>May 2024</b> — …" leads with its date, not a title
    if label_of(piece) or len(line.text) - len(piece) < 10:
        return False
    return entry_item(line) is not None


def _lead_piece(line: Line) -> str | None:
    """The text of the line's first fragment, if an emphasis tag wraps it."""
    for text, element in line.fragments[:3]:
        piece = clean(text) or ""
        if not piece:
            continue
        node, depth = element, 0
        while node is not None and node is not line.element and depth < 3:
            if node.tag in LEAD_TAGS:
                return piece
            node, depth = node.getparent(), depth + 1
        return None
    return None


def entry_item(line: Line) -> HtmlElement | None:
    """The list item, table row or definition that holds the line (3 levels up at most)."""
    node = line.element
    for _ in range(4):
        if node is None:
            return None
        if node.tag in ENTRY_TAGS:
            return node
        node = node.getparent()
    return None


def date_closes(line: Line, probe: PageContext) -> bool:
    """Does the line end with a date, once its "[slides]" labels are cut: its last comma
    piece ("Event, Institution, 22 April 2021"), its last two ("…, November 25th, 2020") or
    its last sentence ("… for the lab. 8th of February, 2019.")? A listing's entry ends so;
    a sentence gives its date inside it, with words ("on 21 May 2024 in the hall")."""
    text = without_labels(line.text).rstrip(" .;)")
    head, comma, tail = text.rpartition(",")
    tails = [tail] if comma else []
    if comma and "," in head:
        tails.append(head.rpartition(",")[2] + "," + tail)
    sentences = re.split(r"(?<=[^\W\d_]{2}[.!?])\s+|(?<=\.)\s+(?=\d)", text)
    if len(sentences) > 1:
        tails.append(sentences[-1])
    return any(_only_a_date(piece.strip(), probe) for piece in tails)


def _only_a_date(text: str, probe: PageContext) -> bool:
    if not text or len(text) > 30:
        return False
    day, span = read_date(text, probe.year, probe.day_first)
    return day is not None and span is not None and span[1] - span[0] >= len(text) - 1


# A year closing an entry ("Venue, 2023", "(Seminar, City, 2024)", "Venue, City - 2021") or
# glued to an event's name ("CONF'22", "City'19", "CONF'20/21"): how a talks list dates an
# item by year only.
YEAR_AT_END = re.compile(
    r"(?:[,(]\s*(?:19|20)\d\d|[^\W\d_]['’]\d\d(?:/\d\d)?"
    r"|(?:[^\W\d_]|\))\.?\s+[-–—]\s*(?:19|20)\d\d)\s*\)?\s*[.;]?\s*$"
)
# A citation-style entry: its authors, then the year in brackets, then the title ("Doe, J.
# (2022). Title.", "Doe, Jane, Ann Roe, and Li Wu. (2020). Title."). Reference managers
# print talks so. The authors are checked by `_author_list`.
_CITED = re.compile(r"^(?P<authors>[^()\d]{3,300}?)\s*\((?:19|20)\d\d[a-z]?\)[.,:]?\s+(?=\S)")
_AUTHOR_JOINER = re.compile(r"\s*(?:,|&|\band\b|\bet\b|\bund\b|\by\b)\s*")
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.\s*-?\s*){1,3}$")
_PARTICLES = frozenset(["van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le"])


def cited_year(text: str) -> re.Match[str] | None:
    """The match of a citation-style entry's head (authors and bracketed year), if any."""
    match = _CITED.match(text)
    return match if match and _author_list(match.group("authors")) else None


def _author_list(authors: str) -> bool:
    """Is the text an author list: "Surname, I." or "Surname, Given" pieces joined by commas
    and "and"/"&", ending with a full stop? ("Lyon, France" has no full stop; "Talk at MIT,
    Boston." has a lowercase word.)"""
    authors = authors.strip()
    if "," not in authors or not authors.endswith("."):
        return False
    pieces = [p.strip(" .") for p in _AUTHOR_JOINER.split(authors.rstrip("."))]
    pieces = [p for p in pieces if p]
    return len(pieces) >= 2 and all(_a_name(p) for p in pieces)


def _a_name(piece: str) -> bool:
    if _INITIALS.match(piece + "."):
        return True
    words = piece.split()
    return len(words) <= 4 and all(
        w[0].isupper() or w.lower() in _PARTICLES or _INITIALS.match(w) for w in words
    )


def year_only(line: Line) -> bool:
    """Does a line of a list item or table row, or of a run of sibling paragraphs of that
    shape, date its entry by a year only (`YEAR_AT_END`, `cited_year`)? Only pages that
    call themselves a list of talks ask (`find_anchors`' `year_groups`): on them such an
    entry is a talk; the talk gets no date from it."""
    text = without_labels(line.text)
    if len(text) > 300 or not _year_shaped(text):
        return False
    return entry_item(line) is not None or _paragraph_run(line.element)


def _year_shaped(text: str) -> bool:
    return bool(YEAR_AT_END.search(text) or cited_year(text))


def _paragraph_run(element: HtmlElement, shaped_like=None) -> bool:
    """Is the paragraph one of at least two sibling paragraphs dated by a year only (or of
    the shape `shaped_like` tells)? A lone paragraph that ends in a year is a sentence as
    often as an entry."""
    shaped_like = shaped_like or _year_shaped
    parent = element.getparent() if element.tag == "p" else None
    if parent is None:
        return False
    siblings = [child for child in parent[:60] if child.tag == "p"]
    shaped = 0
    for sibling in siblings:
        text = without_labels(clean(sibling.text_content()) or "")
        shaped += len(text) <= 300 and shaped_like(text)
        if shaped >= 2:
            return True
    return False


# A date set off at the head of an entry by a stop, a colon or a dash ("<em>July 8, 2018</em>.
# Title. Venue.", "8 July 2018 – Title"): a sentence runs on from its date ("On 8 July 2018
# we …", "8 July 2018 was the day …").
_AFTER_LEAD_DATE = re.compile(r"\s*[.:|–—-]\s")


def date_leads(line: Line, probe: PageContext) -> bool:
    """Is the line an entry that opens with its date, set off (`_AFTER_LEAD_DATE`), in a
    list item or in a run of sibling paragraphs led so? However long its title and venue,
    such a line is a listing's entry, not a sentence (`anchors._prose`)."""
    if not _leading_date(line.text, probe):
        return False
    if entry_item(line) is not None:
        return True
    return _paragraph_run(line.element, lambda text: _leading_date(text, probe))


def _leading_date(text: str, probe: PageContext) -> bool:
    day, span = read_date(text[:80], probe.year, probe.day_first)
    if day is None or span is None or span[0] > 2:
        return False
    return text[span[1] - 1] in ".:" or bool(_AFTER_LEAD_DATE.match(text, span[1]))


# What may stand between a leading date and its clock time: punctuation and one short
# connecting word ("…, de 18h à 20h", "… at 4pm", "… – 16:00").
_DATE_TO_CLOCK = re.compile(r"^[\s,;:.|·–—-]*(?:[^\W\d_]{1,5}\.?\s*)?$")


def clocked_date_lead(line: Line, probe: PageContext) -> bool:
    """Does the line open with its date (a weekday before it at most) and a clock time
    right after it ("Tuesday 4 March 2025, 6-8 pm @ Hall. Jane Doe is a …")? That is a
    talk's date line, however long the bio it runs into (`anchors._prose`); a sentence gives
    its date after some words ("On 4 March 2025 at 6pm we …", "Join us on …")."""
    text = line.text[:120]
    day, span = read_date(text[:80], probe.year, probe.day_first)
    if day is None or span is None:
        return False
    before = text[: span[0]].strip(" ,.;:()[]–—-").casefold()
    if before and before.rstrip(".") not in WEEKDAYS:
        return False
    after = text[span[1] : span[1] + 40]
    clock = clock_span(after)
    return clock is not None and bool(_DATE_TO_CLOCK.match(after[: clock[0]]))


# The venue line of a two-line entry naming its event with the year inside ("CONF 2016
# Spring Meeting, City, ST", "Research Day 2019, School of X, City") or opening its place
# with it ("Training Program, 2016 City, ST"): the year is a word of the first comma piece,
# or leads the second, and a place follows.
_VENUE_YEAR = re.compile(
    r"^[^,]*?(?<![\w/.'’-])(?:19|20)\d\d(?![\w/.'’-])[^,]*,\s*[^\W\d_]"
    r"|^[^,]+,\s*(?:19|20)\d\d\s+[^\W\d_]"
)


# A one-line entry led by its event, the year in the event's name, and the place, then a
# colon and the title ("CONF Days 2025 in Springfield: Title", "Meeting 2019 at Lund: …").
# The event's words end on no preposition ("… held in 2019" is a sentence); the place is
# capitalised words; the title opens with a capital or a quote.
_VENUE_YEAR_LEAD = re.compile(
    r"^(?:[^\W\d_][^:.!?]{0,60}?(?<!\b(?:in|on|of|at|en|se))(?<!\bfrom)(?<!\bsince)\s)?"
    r"(?:19|20)\d\d(?![\w/.'’-])[^:.!?]{0,30}?\s(?:in|at|à|en)\s+"
    r"(?P<place>[^\W\d_][\w'’-]*(?:[\s-]+(?:[^\W\d_][\w'’-]*)){0,4})\s*:\s+"
    r"[\"“«'‘]?\s?(?P<title>[^\W\d_]\S*\s+\S)",
    re.I,
)


def venue_year(lines: list[Line], k: int) -> bool:
    """Is `lines[k]` the venue line of a list item of exactly two lines (cut at a `<br>`),
    under a title line that gives no year, dating the entry by the year in its event's
    name (`_VENUE_YEAR`)? Personal talk lists print "Title.<br>CONF 2016 Meeting, City";
    a year inside a line of any other shape is a sentence's or a name's as often. A list
    item of one line that opens with its event, year and place before a colon and the
    title (`_VENUE_YEAR_LEAD`: "CONF Days 2025 in City: Title") is such an entry too."""
    line = lines[k]
    lead = _VENUE_YEAR_LEAD.match(line.text) if len(line.text) <= 300 else None
    if lead and _capitalised(lead.group("place")) and lead.group("title")[0].isupper():
        return entry_item(line) is not None and _alone_in_block(lines, k)
    if k == 0 or len(line.text) > 200 or not _VENUE_YEAR.search(line.text):
        return False
    title, block = lines[k - 1], line.element
    if title.element is not block or entry_item(line) is None:
        return False
    if (k >= 2 and lines[k - 2].element is block) or (
        k + 1 < len(lines) and lines[k + 1].element is block
    ):
        return False  # a third line: a paragraph, not a title and its venue
    return len(title.text.split()) >= 3 and not _YEAR.search(title.text)


def _capitalised(words: str) -> bool:
    """Do the words name a place: each capitalised, bar a particle ("Aix-en-Provence",
    "Rio de Janeiro")?"""
    return all(w[0].isupper() or w in _PARTICLES for w in words.split())


def _alone_in_block(lines: list[Line], k: int) -> bool:
    """Is `lines[k]` the only line of its block (no line before or after it in it)?"""
    block = lines[k].element
    before = k >= 1 and lines[k - 1].element is block
    after = k + 1 < len(lines) and lines[k + 1].element is block
    return not (before or after)


# A heading over a series' past talks ("Past seminars", "Previous talks", "Séminaires
# passés"): its items are talks that have happened, often listed with no date.
PAST_HEADING = re.compile(
    r"\b(?:past|previous|earlier|former|anteriores|pasad[oa]s|pass[ée]e?s|précédents?|"
    r"vergangene|frühere|precedenti|passati|eerdere|tidigare)\b",
    re.I,
)


def past_heading(line: Line) -> bool:
    """Is the line a short heading over past talks (`PAST_HEADING`)?"""
    return bool(line.heading and len(line.text.split()) <= 6 and PAST_HEADING.search(line.text))


def person_and_title(line: Line) -> bool:
    """Is the line a list item that reads as a person and a title ("Jane Doe (Lab): Title",
    "Jane Doe (Lab) - Title")? A list of organisers names people with no title."""
    if len(line.text) > 300 or entry_item(line) is None:
        return False
    title, people = speaker_and_title(line.text)
    return bool(people and title and len(title.split()) >= 2)


def like_dated_siblings(line: Line, anchored: set[int]) -> bool:
    """Is an undated list item one of a list whose items are mostly anchored (at least two,
    and half of the others), and led by the same kind of set-off piece as they are (a
    `<strong>` title)? Such an item is an entry whose date was left out."""
    item = entry_item(line)
    parent = item.getparent() if item is not None else None
    if parent is None or _lead_tag(item) is None:
        return False
    others = [child for child in parent[:200] if child.tag == item.tag and child is not item]
    dated = [child for child in others if id(child) in anchored]
    if len(dated) < 2 or 2 * len(dated) < len(others):
        return False
    return sum(_lead_tag(child) == _lead_tag(item) for child in dated) * 2 > len(dated)


def _lead_tag(item: HtmlElement) -> str | None:
    """The emphasis tag of an item's first child, when the item opens with it."""
    if (item.text or "").strip() or not len(item):
        return None
    first = item[0]
    return first.tag if first.tag in LEAD_TAGS else None


def among_entries(line: Line, anchored: set[int]) -> bool:
    """Is the line a list item among items that are mostly anchored (at least two, and half
    of the others)? A dated item there is an entry, however long its sentence."""
    item = entry_item(line)
    parent = item.getparent() if item is not None else None
    if parent is None:
        return False
    others = [child for child in parent[:200] if child.tag == item.tag and child is not item]
    dated = sum(1 for child in others if id(child) in anchored)
    return dated >= 2 and 2 * dated >= len(others)


# What a recorded talk is embedded as: a video player, or a frame that holds one.
MEDIA_TAGS = frozenset(["iframe", "video", "embed", "object"])
MIN_MEDIA_ENTRIES = 3


def media_headings(lines: list[Line]) -> list[Line]:
    """The headings of a page's recorded talks: a run of at least `MIN_MEDIA_ENTRIES`
    headings of one level, each followed right away by an embedded video ("<h3>Title</h3>
    <div><iframe …></div><hr>"). An archive of recordings gives each talk its title and
    nothing else; a heading or two over a video is a page's illustration."""
    shown: dict[int, list[Line]] = {}
    for line in lines:
        if line.heading and len(line.text) <= 300 and _media_after(line.element):
            shown.setdefault(line.heading, []).append(line)
    runs = [run for run in shown.values() if len(run) >= MIN_MEDIA_ENTRIES]
    return sorted((line for run in runs for line in run), key=lambda line: line.index)


def _media_after(element: HtmlElement) -> bool:
    """Is the element's next sibling an embedded video, or a block holding one?"""
    following = element.getnext()
    if following is None or not isinstance(following.tag, str):
        return False
    if following.tag in MEDIA_TAGS:
        return True
    if (clean(following.text_content()) or "").strip():
        return False  # words between the heading and the video: not a bare recording
    return any(node.tag in MEDIA_TAGS for node in following.iterdescendants())
