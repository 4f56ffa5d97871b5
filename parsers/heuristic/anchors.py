"""The heuristic extractor's anchors: the lines that date or time a talk (`records` then
grows a record around each).

A line that gives a date or a clock time is an *anchor* (a talk has a when; bibliography
entries and page stamps such as "Last updated" are not anchors), and so is a line that gives a
month and a year only ("May 2023", `month_only`: personal talk lists date talks so; the talk
gets no date from it); a date line and a time line next to each other ("Date: …" / "Time: …")
are one anchor, and a lone time line under a date heading belongs to that date's record.
On a page that calls itself a list of talks, the items of a list under a bare year line
("2023" in bold) are anchors too, as are a month alone under a year line ("October") and a
citation-style entry ("Doe, J. (2021). Title. Venue."), and a line that is only a date anchors
its record even when its block's class names another field ("publication-location").
Which long lines are still entries, and which undated lines are entries on such a page
("Past seminars" items, recordings, an undated item among dated ones), is `entries`'.
Month-only dates are `months`' (re-exported here for `titles`, `fields`, `title_marks`).
Bounded by `MAX_ANCHORS`.
"""

from __future__ import annotations

import re

from parsers.common.html import HtmlElement
from parsers.common.people import people_in, speaker_and_title
from parsers.common.text import clean
from parsers.heuristic.entries import (
    among_entries,
    bold_lead,
    cited_year,
    clocked_date_lead,
    date_closes,
    date_leads,
    entry_item,
    like_dated_siblings,
    media_headings,
    past_heading,
    person_and_title,
    starts_with_clock,
    venue_year,
    without_labels,
    year_only,
)
from parsers.heuristic.lines import Line
from parsers.heuristic.months import MONTH_YEAR as MONTH_YEAR
from parsers.heuristic.months import is_month_name as is_month_name
from parsers.heuristic.months import lone_month, month_leads, month_only
from parsers.heuristic.months import without_month as without_month
from parsers.heuristic.reading import META_DATE, PageContext, parse_line, read_date
from parsers.heuristic.records import DIGIT, is_inside

MAX_ANCHORS = 1500  # talks per page; a seminar archive rarely lists more


# A bibliography entry mentions dates too ("Proceedings of ICML, Baltimore, 17 July 2022").
PUBLICATION = re.compile(
    r"\b(proceedings|journal(?! club)|annals|transactions|conference on|arxiv|preprint|"
    r"vol\.|pp\.|doi|isbn|in (?:proc\.|neurips|nips|icml|iclr|cvpr|iccv|eccv|acl|emnlp|aaai|"
    r"ijcai|focs|stoc|soda|colt|kdd|www|sigir))\b",
    re.I,
)


def find_anchors(
    lines: list[Line], probe: PageContext, year_groups: bool = False
) -> list[list[Line]]:
    """Dated or timed lines; an adjacent date-only and time-only pair is one anchor. With
    `year_groups` (a page that calls itself a list of talks), each item of a list under a
    bare year line is an anchor too (`year_group_items`): such lists date talks by year only,
    as are the undated entries `entries` finds. A dated list item read as a sentence is an
    entry still when most items of its list are anchored (`entries.among_entries`)."""
    found: list[tuple[Line, bool, bool]] = []
    prose: list[tuple[Line, bool, bool]] = []  # dated lines read as sentences
    undated: list[Line] = []  # lines with no date on a talks page
    under_year = under_past = False  # below a bare year line ("2023"); a "Past talks" heading
    for line in lines:
        if len(line.text) > 400:
            continue
        if BARE_YEAR.match(line.text) or line.heading:
            under_year = bool(BARE_YEAR.match(line.text))
            under_past = past_heading(line)
        if len(found) > MAX_ANCHORS * 2:
            break
        entry = _anchor(line, probe, year_groups, under_year)
        if entry is None and year_groups and _venue_entry(lines, line):
            entry = (line, False, False)  # "Title.<br>CONF 2016 Meeting, City": by year only
        if entry is None and year_groups and not line.heading:
            if under_past and person_and_title(line):
                entry = (line, False, False)  # "Jane Doe (Lab): Title" under "Past talks"
            else:
                undated.append(line)
        if entry is not None and entry[0] is None:
            prose.append((line, entry[1], entry[2]))
        elif entry is not None:
            found.append(entry)
    found = _with_list_entries(found, prose, undated)
    if year_groups:
        found = _with_year_group_items(found, lines)
        found = _with_media_headings(found, lines)
    found = _absorb_lone_times(found)
    anchors: list[list[Line]] = []
    for k, (line, _day, _time) in enumerate(found):
        if anchors and (_pairs(found, k) or _same_day(found, k, probe)):
            anchors[-1].append(line)
            continue
        anchors.append([line])
    return anchors


def _anchor(line: Line, probe: PageContext, year_groups: bool, under_year: bool) -> tuple | None:
    """The line as an anchor (line, dated, timed); `(None, dated, timed)` for a dated
    sentence (`_prose`); None for any other line."""
    if MINUTE_LABEL.fullmatch(line.text) and _minute_row(line):
        return (line, False, True)  # ":40" heading a row of a timetable grid
    if not DIGIT.search(line.text) and "noon" not in line.text:
        # "TBC May" under "Date"; "October" under "2023" on a talks page
        if (line.column and month_only(line)) or (year_groups and under_year and lone_month(line)):
            return (line, False, False)
        return None  # a date or a clock time has a digit ("noon" aside)
    parsed = parse_line(line, probe)
    if parsed.label == "location":
        # a theme's "…-location" class on the date line; "Raum 0.01": numbers, not times
        return (line, True, False) if _only_a_date(line, probe) else None
    day, timed = parsed.day, parsed.start is not None
    if not timed and (_publication(line.text, year_groups) or META_DATE.search(line.text)):
        return None
    if day or timed:
        return (None, day is not None, timed) if _prose(line, probe) else (line, bool(day), timed)
    if (month_only(line) and not _prose(line, probe)) or (year_groups and year_only(line)):
        return (line, False, False)  # a talk dated by month or year only
    return None


# A timetable grid's row labels: the hour rows print the hour ("9:00"), the rows between
# only their minutes (":10", ":40").
MINUTE_LABEL = re.compile(r"\s*:[0-5]\d\s*")
HOUR_LABEL = re.compile(r"\s*(?:[01]?\d|2[0-3])[:.h][0-5]\d\s*")
MIN_GRID_LABELS = 2


def _minute_row(line: Line) -> bool:
    """Is the line the label cell opening a table row, in a table whose first column holds
    hour labels and minute labels (`MIN_GRID_LABELS` of each)? In such a grid a talk's
    cell starts on its own row's time, not at the hour above it: each minute row is an
    anchor (timed; its time is the grid's to tell). A ":30" anywhere else is no time."""
    cell = line.element
    row = cell.getparent()
    if cell.tag not in ("td", "th") or row is None or row.tag != "tr":
        return False
    cells = [child for child in row if isinstance(child.tag, str)]
    if not cells or cells[0] is not cell or row.getparent() is None:
        return False
    hours = minutes = 0
    for other in row.getparent()[:400]:
        first = next((c for c in other if isinstance(c.tag, str)), None)
        label = (clean(first.text_content()) or "") if first is not None else ""
        hours += bool(HOUR_LABEL.fullmatch(label))
        minutes += bool(MINUTE_LABEL.fullmatch(label))
    return hours >= MIN_GRID_LABELS and minutes >= MIN_GRID_LABELS


def _venue_entry(lines: list[Line], line: Line) -> bool:
    """Is the line the venue line of a two-line entry dated by the year in its event's name
    (`entries.venue_year`), and no publication's or page stamp's?"""
    at = line.index
    if line.heading or at >= len(lines) or lines[at] is not line or not venue_year(lines, at):
        return False
    return not (_publication(line.text, True) or META_DATE.search(line.text))


# A bibliography entry mentions dates too ("Proceedings of ICML, Baltimore, 17 July 2022").
# On a page that calls itself a list of talks, a venue that is a "Conference on …" is where
# a talk was given: only the terms of print (proceedings, journal, doi) mark a publication.
_WEAK_PUBLICATION = re.compile(r"\bconference on\b", re.I)


def _publication(text: str, talks_page: bool) -> bool:
    found = PUBLICATION.search(text)
    if found is None or not talks_page:
        return found is not None
    return any(not _WEAK_PUBLICATION.fullmatch(m.group(0)) for m in PUBLICATION.finditer(text))


def _with_list_entries(
    found: list[tuple[Line, bool, bool]],
    prose: list[tuple[Line, bool, bool]],
    undated: list[Line],
) -> list[tuple[Line, bool, bool]]:
    """`found` plus the dated "sentences" and the undated items of lists whose items are
    mostly anchored (`entries.among_entries`, `entries.like_dated_siblings`). An undated
    line inside an item that is anchored already ("<li><b>Friday at 4pm</b><p>Speaker …
    <br>Title …</p></li>") is that entry's own line, not an entry of its own."""
    if not prose and not undated:
        return found
    anchored = {id(item) for line, _d, _t in found if (item := entry_item(line)) is not None}
    undated = [line for line in undated if id(entry_item(line)) not in anchored]
    extra = [entry for entry in prose if among_entries(entry[0], anchored)]
    extra += [(line, False, False) for line in undated if like_dated_siblings(line, anchored)]
    taken = {id(line.element) for line, _d, _t in found}
    extra = [entry for entry in extra if id(entry[0].element) not in taken]
    return sorted(found + extra, key=lambda entry: entry[0].index) if extra else found


def _with_media_headings(
    found: list[tuple[Line, bool, bool]], lines: list[Line]
) -> list[tuple[Line, bool, bool]]:
    """`found` plus the headings of recorded talks (`entries.media_headings`), when no
    other line anchors anything: an archive of videos gives its talks no date."""
    if found:
        return found
    return [(line, False, False) for line in media_headings(lines)]


# A year alone on its line ("2023", "<b> 2022 </b>", "– 2021 –"): the head of a year group.
BARE_YEAR = re.compile(r"^[\W_]*(?:19|20)\d\d[\W_]*$")


def year_group_items(lines: list[Line]) -> set[int]:
    """The list items (`<li>`) that follow a bare year line, up to the next heading or the
    next line outside a list, that give no date of their own and read as no publication:
    "2023 / • Title, Venue, City" on a personal talks page."""
    items: set[int] = set()
    open_group = False
    for line in lines:
        if BARE_YEAR.match(line.text):
            open_group = True
            continue
        if line.heading or line.element.tag not in ("li", "ul", "ol"):
            open_group = False
            continue
        if open_group and line.element.tag == "li" and not PUBLICATION.search(line.text):
            items.add(line.index)
    return items


def _with_year_group_items(
    found: list[tuple[Line, bool, bool]], lines: list[Line]
) -> list[tuple[Line, bool, bool]]:
    """`found` plus the year groups' items whose list item gives no dated line of its own
    (an item whose date sits on its second line is anchored there already)."""
    dated = {id(line.element) for line, _day, _time in found}
    extra = [
        (lines[index], False, False)
        for index in sorted(year_group_items(lines))
        if id(lines[index].element) not in dated
    ]
    return sorted(found + extra, key=lambda entry: entry[0].index) if extra else found


def citation_title(text: str, fragments: list) -> str | None:
    """The title of a citation-style entry (`entries.cited_year`): the words set in italics
    after the year, else those up to the first full stop or semicolon ("Title. Venue,
    Country."). Italics that close the entry (only link labels after them) set off its
    venue, not its title: the title is then all between the year and them."""
    match = cited_year(text)
    if match is None:
        return None
    rest = without_labels(text[match.end() :]).rstrip(" .")
    set_off = [
        clean(piece) or ""
        for piece, element in fragments
        if element is not None and element.tag in ("em", "i", "cite")
    ]
    set_off = [piece for piece in set_off if len(piece.split()) >= 2 and piece in rest]
    if set_off and rest.endswith(set_off[-1]) and len(rest) > len(set_off[-1]) + 10:
        title = rest[: -len(set_off[-1])]
    elif set_off:
        title = set_off[0]
    else:
        title = re.split(r";\s|\.\s+(?=\S)", rest, maxsplit=1)[0]
    return title.strip(" .") or None


def _only_a_date(line: Line, probe: PageContext) -> bool:
    """Is the line a full date and nothing else ("2022-05-28", "March 5, 2024")? Such a line
    dates its record whatever field its block's class names."""
    text = line.text.strip(" ,.;:()[]")
    if len(text) > 40:
        return False
    day, span = read_date(text, probe.year, probe.day_first)
    return day is not None and span is not None and span[1] - span[0] >= len(text) - 1


def _absorb_lone_times(found: list[tuple[Line, bool, bool]]) -> list[tuple[Line, bool, bool]]:
    """A date-only line followed by exactly one time-only line before the next date ("<h4>
    March 5</h4> … <p>4:00-5:00 p.m., Soda 306</p>") is one talk: the time line is content of
    the date's record, not an anchor. Several time lines under a date are an agenda."""
    keep = [True] * len(found)
    for k, (line, has_day, has_time) in enumerate(found):
        if not has_day or has_time:
            continue
        following = []
        for j in range(k + 1, len(found)):
            if found[j][1]:
                break
            following.append(j)
        if len(following) == 1:
            j = following[0]
            close = found[j][0].index - line.index <= 6 and not found[j][0].heading
            if close and found[j][2]:  # a time line; a month-only line is a talk of its own
                keep[j] = False
    return [entry for entry, kept in zip(found, keep, strict=True) if kept]


def _pairs(found: list[tuple[Line, bool, bool]], k: int) -> bool:
    """Does found[k] complete the anchor before it ("Date: 5 March" + "Time: 4pm")? Only
    a date-only and a time-only line, neither a heading, close together, in a block that
    holds no other dated or timed line (else they are a day heading and a slot)."""
    line, has_day, has_time = found[k]
    last, last_day, last_time = found[k - 1]
    complementary = (has_time and not has_day and last_day and not last_time) or (
        has_day and not has_time and last_time and not last_day
    )
    if not complementary or line.heading or last.heading or line.index - last.index > 3:
        return False
    block = _meeting_point(last, line)
    if block is None:
        return False
    for other in (
        found[k - 2][0] if k >= 2 else None,
        found[k + 1][0] if k + 1 < len(found) else None,
    ):
        if other is not None and is_inside(other.element, block):
            return False
    return True


def _same_day(found: list[tuple[Line, bool, bool]], k: int, probe: PageContext) -> bool:
    """Does found[k] repeat the date of the anchor before it, in the same small block ("<a>
    2024-12-12 Talk: …</a> <span>December 12, 2024</span>")? A headline and a date badge
    that give one day are one talk's, not two records; two clock times are two slots, and
    two labelled date fields ("Date: …" in each of two cards) are two talks' fields. A
    `<summary>` and the first dated line of its `<details>` are one talk (`_summary_and_body`)."""
    line, has_day, has_time = found[k]
    last, last_day, last_time = found[k - 1]
    if not (has_day and last_day) or (has_time and last_time) or line.index - last.index > 3:
        return False
    here, before = parse_line(line, probe), parse_line(last, probe)
    if here.day != before.day or here.label == before.label == "date":
        return False
    if _summary_and_body(last, line):
        return True
    block = _meeting_point(last, line)
    if block is None:
        return False
    return not any(
        is_inside(found[j][0].element, block) for j in (k - 2, k + 1) if 0 <= j < len(found)
    )


def _summary_and_body(summary: Line, line: Line) -> bool:
    """Is `summary` a `<summary>` line and `line` inside its `<details>`? A disclosure's
    headline ("[12/03] Jane Doe - Title") and the first dated line it opens onto ("Wednesday
    12 March, 6-8 pm @ Hall") are one talk, even where a block left open in the summary
    nests the next talks' details inside it (so the two share their block with them)."""
    node = summary.element
    for _ in range(3):
        if node is None or node.tag == "summary":
            break
        node = node.getparent()
    details = node.getparent() if node is not None and node.tag == "summary" else None
    return details is not None and details.tag == "details" and is_inside(line.element, details)


def _meeting_point(a: Line, b: Line) -> HtmlElement | None:
    """The nearest common ancestor of two lines' blocks, if it is at most 3 levels up."""
    ancestors = {}
    node, depth = a.element, 0
    while node is not None and depth < 4:
        ancestors[id(node)] = node
        node, depth = node.getparent(), depth + 1
    node, depth = b.element, 0
    while node is not None and depth < 4:
        if id(node) in ancestors:
            return node
        node, depth = node.getparent(), depth + 1
    return None


def _prose(line: Line, probe: PageContext) -> bool:
    """A sentence that mentions a date ("The programme runs from Monday 27 May at 10h30 …"),
    not a talk's date line: many words, no person, no quoted or emphasised title; not a slot
    that opens with its time, nor an entry that opens or closes with its date or opens with
    its numeric month (`months.month_leads`), nor a line
    that opens with its date and clock time (`entries`)."""
    if line.heading or starts_with_clock(line):
        return False
    rest = parse_line(line, probe).rest
    words = rest.split()
    if len(words) < 14 or re.search(r"[“”«»\"]", rest) or _date_closes_entry(line, probe):
        return False
    if date_leads(line, probe):  # "<em>July 8, 2018</em>. Title. Venue." in a list
        return False
    if month_leads(line):  # "03/2025: Title, Event, Place": no sentence opens so
        return False
    if clocked_date_lead(line, probe):  # "Tuesday 4 March 2025, 6-8 pm. Jane Doe is a …"
        return False
    if bold_lead(line):
        return False
    if len(line.fragments) >= 2 and any(
        people_in(clean(text)) for text, element in line.fragments if element is not None
    ):
        return False
    return not speaker_and_title(rest)[1]


def _date_closes_entry(line: Line, probe: PageContext) -> bool:
    """Does the line end with a date ("Event, Institution, Country, 22 April 2021")? A
    listing's entry ends so; a sentence gives its date inside it (`entries.date_closes`)."""
    return date_closes(line, probe)
