"""Records and titles (round 7): a table row's start and end cells, a programme's
"Description" column, slots named by their speaker, joined agenda slots, a zone left alone,
month-led entries of a personal talks list, bracketed link lists and material links after a
title, quotes inside a title, entries on a personal talks page that read like a name, talk
title classes, a table's header row and mode words leading a title. Pages and strings here
are written for the test; every name and title is made up."""

from __future__ import annotations

import pytest
from heuristic_support import page_lines_of

from parsers.base import Context
from parsers.common import html
from parsers.heuristic.anchors import find_anchors
from parsers.heuristic.cleanup import looks_like_place, slot_people
from parsers.heuristic.extract import parse
from parsers.heuristic.fields import _joined_slots, extract
from parsers.heuristic.labels import class_hint
from parsers.heuristic.lines import Line
from parsers.heuristic.one_lines import split_one_line
from parsers.heuristic.reading import PageContext, parse_line
from parsers.heuristic.sessions import row_times
from parsers.heuristic.title_marks import without_link_list, without_month_lead
from parsers.heuristic.titles import _zone_alone, title_and_speakers
from parsers.talk import Speaker

URL = "https://x.example/"
CTX = PageContext(URL, None, 2025, day_first=True)


def _lines(body: str, title: str = "Seminar") -> list[Line]:
    return page_lines_of(body, title)


def _talks(body: str, title: str = "Seminar programme") -> list:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return parse(html.load(page, URL), Context(URL)).talks


def _parts(body: str) -> list:
    return [parse_line(line, CTX) for line in _lines(body)]


# ------------------------------------------------------------------------- start/end cells


def _row(start: str, end: str, text: str) -> str:
    return f"<tr><td>{start}</td><td>{end}</td><td>{text}</td></tr>"


START_END = (
    "<h3>12 May 2025</h3><table><tr><th>Start</th><th>End</th><th>Programme</th></tr>"
    + _row("09:00", "09:40", "Jane Roe (Acme U) - Orbits of finite groups")
    + _row("09:40", "10:20", "John Poe (Beta U) - Counting lattice points")
    + "</table>"
)


def test_start_and_end_cells_of_one_row_are_one_anchor():
    lines = _lines(START_END)
    merged = row_times(find_anchors(lines, CTX))
    timed = [[line.text for line in anchor] for anchor in merged if len(anchor) > 1]
    assert timed == [["09:00", "09:40"], ["09:40", "10:20"]]


def test_a_start_end_programme_reads_each_row_as_a_talk():
    talks = _talks(START_END)
    assert [(t.title, t.starts_at[11:16]) for t in talks] == [
        ("Orbits of finite groups", "09:00"),
        ("Counting lattice points", "09:40"),
    ]


def test_time_cells_of_two_rows_stay_two_anchors():
    body = "<table><tr><td>09:00</td></tr><tr><td>09:40</td></tr></table>"
    merged = row_times(find_anchors(_lines(body), CTX))
    assert [[line.text for line in anchor] for anchor in merged] == [["09:00"], ["09:40"]]


def test_a_time_cell_and_a_timed_text_cell_are_not_merged():
    body = "<table><tr><td>09:00</td><td>10:00 Jane Roe on orbits of groups</td></tr></table>"
    merged = row_times(find_anchors(_lines(body), CTX))
    assert all(len(anchor) == 1 for anchor in merged)


# ------------------------------------------------------------------------- description column

DESCRIBED = (
    "<table><tr><th>Time</th><th>Description</th></tr>"
    "<tr><td>12 May 2025, 09:00</td>"
    "<td>Keynote 1: <b>Jane Roe</b> (Acme U) - <i>Orbits of finite groups</i></td></tr></table>"
)


def test_a_short_description_cell_gives_the_speaker_and_title():
    lines = [line for line in _lines(DESCRIBED) if line.element.tag == "td"]
    talk = extract(lines, CTX)
    assert talk is not None
    assert (talk.title, [s.name for s in talk.speakers]) == (
        "Orbits of finite groups",
        ["Jane Roe"],
    )
    assert talk.abstract is None


def test_a_description_cell_beside_a_title_cell_stays_the_abstract():
    body = (
        "<table><tr><th>Time</th><th>Title</th><th>Description</th></tr>"
        "<tr><td>12 May 2025, 09:00</td><td>Orbits of finite groups</td>"
        "<td>We count orbits.</td></tr></table>"
    )
    lines = [line for line in _lines(body) if line.element.tag == "td"]
    talk = extract(lines, CTX)
    assert talk is not None
    assert (talk.title, talk.abstract) == ("Orbits of finite groups", "We count orbits.")


# ------------------------------------------------------------------------- slots named by speaker

SLOT_PEOPLE = [
    ("Invited Talk 1: Jane Roe (Acme U)", ("Invited Talk 1", ["Jane Roe"])),
    ("Keynote: Jane Roe", ("Keynote", ["Jane Roe"])),
    # a title follows the name, or no one is named: not this shape
    ("Keynote 2: Jane Roe (Acme U) - Orbits of finite groups", (None, [])),
    ("Keynote: Orbits of finite groups", (None, [])),
    ("Jane Roe (Acme U)", (None, [])),
]


@pytest.mark.parametrize(("text", "expected"), SLOT_PEOPLE)
def test_a_slot_named_by_its_speaker_alone(text, expected):
    slot, people = slot_people(text)
    assert (slot, [p.name for p in people]) == expected


def test_a_slot_line_gives_its_speaker_and_affiliation():
    part = _parts("<p>Invited Talk 1: <b>Jane Roe</b> (Acme U)</p>")[0]
    title, people = split_one_line(part)
    assert title == "Invited Talk 1"
    assert people == [Speaker("Jane Roe", "Acme U")]


# ------------------------------------------------------------------------- joined agenda slots

JOINED = [
    ("Introduction and Opening", True),
    ("Welcome & Opening", True),
    ("Coffee break / networking break", True),
    # one slot name, or a title that starts with a slot word
    ("Opening", False),
    ("Opening and closing of convex sets", False),
    ("Welcome to the theory of sheaves", False),
]


@pytest.mark.parametrize(("title", "joined"), JOINED)
def test_slot_names_joined_by_and_are_no_talk(title, joined):
    assert _joined_slots(title) is joined


def test_a_joined_slot_row_gives_no_talk():
    body = "<p>12 May 2025, 09:00</p><p>Coffee break / networking break</p>"
    assert extract(_lines(body), CTX) is None


# ------------------------------------------------------------------------- a zone alone

ZONES = [("(CET)", True), ("PDT", True), ("(ICML)", False), ("Orbits (CET)", False)]


@pytest.mark.parametrize(("text", "alone"), ZONES)
def test_a_zone_left_alone_is_no_title(text, alone):
    assert _zone_alone(text) is alone


def test_a_day_heading_with_its_zone_gives_no_titled_talk():
    talk = extract(_lines("<h3>12 May 2025 (CET)</h3>"), CTX)
    assert talk is None or talk.title is None


# ------------------------------------------------------------------------- month-led entries

MONTH_LEADS = [
    ("May 2025 — Orbits of finite groups", "Orbits of finite groups"),
    ("(June 2019): Counting lattice points", "Counting lattice points"),
    ("September 2023 - Sheaves for beginners (slides)", "Sheaves for beginners (slides)"),
    # no separator after the month, or no month leading
    ("May 2025 workshop recap", "May 2025 workshop recap"),
    ("Orbits of finite groups — May 2025", "Orbits of finite groups — May 2025"),
]


@pytest.mark.parametrize(("text", "expected"), MONTH_LEADS)
def test_a_leading_month_and_year_is_cut_from_an_entry(text, expected):
    assert without_month_lead(text) == expected


# ------------------------------------------------------------------------- link lists

LINK_LISTS = [
    (
        '<p>Sheaves for beginners (<a href="/s">source</a>, <a href="/p.pdf">slides</a>)</p>',
        "Sheaves for beginners",
    ),
    ('<p>Sheaves for beginners; <a href="/n.pdf">my notes</a>.</p>', "Sheaves for beginners"),
    # plain words in the brackets, a link that is not the talk's material
    ("<p>Sheaves for beginners (with Jane Roe)</p>", "Sheaves for beginners (with Jane Roe)"),
    (
        '<p>Sheaves for beginners (<a href="/s">source</a>, notes)</p>',
        "Sheaves for beginners (source, notes)",
    ),
    ('<p>Sheaves for beginners; <a href="/2">part two</a></p>', "Sheaves for beginners; part two"),
]


@pytest.mark.parametrize(("body", "expected"), LINK_LISTS)
def test_links_closing_a_title_line_are_cut(body, expected):
    part = _parts(body)[0]
    assert without_link_list(part, part.rest.rstrip(".")) == expected


def test_a_title_line_loses_its_link_list():
    parts = _parts(
        '<p><a href="/t">Sheaves for beginners</a> (<a href="/s">code</a>, '
        '<a href="/p.pdf">slides</a>)</p><p>Jane Roe</p>'
    )
    title, _people, _part = title_and_speakers(parts)
    assert title == "Sheaves for beginners"


# ------------------------------------------------------------------------- quotes inside a title


def test_a_quote_inside_a_sentence_is_part_of_the_title():
    part = _parts("<p>A “second look” at orbits of finite groups</p>")[0]
    assert split_one_line(part) == (None, [])


def test_a_quoted_title_after_its_speaker_is_the_title():
    part = _parts("<p>Jane Roe: “Second look at orbits”</p>")[0]
    title, people = split_one_line(part)
    assert (title, [p.name for p in people]) == ("Second look at orbits", ["Jane Roe"])


# ------------------------------------------------------------------------- owned entries

OWNER = Speaker("Jane Roe")
OWNED = [
    ('<p>Lambda Sheaves (<a href="/s.pdf">slides</a>)</p>', OWNER, "Lambda Sheaves", []),
    (
        "<p>Snake Charming - a journey through parsers</p>",
        OWNER,
        "Snake Charming - a journey through parsers",
        [],
    ),
    # the owner's own name, a name with an affiliation, no owner: a speaker
    ("<p>Jane Roe</p>", OWNER, None, ["Jane Roe"]),
    ("<p>John Poe (Acme U)</p>", OWNER, None, ["John Poe"]),
    ('<p>Lambda Sheaves (<a href="/s.pdf">slides</a>)</p>', None, None, ["Lambda Sheaves"]),
]


@pytest.mark.parametrize(("body", "owner", "title", "names"), OWNED)
def test_a_name_like_entry_on_a_personal_talks_page_is_a_title(body, owner, title, names):
    got, people, _part = title_and_speakers(_parts(body), owner)
    assert (got, [p.name for p in people]) == (title, names)


def test_a_personal_talks_page_titles_its_month_led_entries():
    body = (
        "<h1>Talks</h1><footer>© Jane Roe</footer><ul>"
        '<li><p>May 2025 — Lambda Sheaves (<a href="/a">source</a>, <a href="/s.pdf">slides'
        "</a>)</p><p>Guest lecture at Acme University.</p></li>"
        '<li><p>March 2024 — Type Inference (<a href="/b.pdf">slides</a>)</p>'
        "<p>Meetup presentation.</p></li></ul>"
    )
    talks = _talks(body, title="Talks - Jane Roe")
    assert [t.title for t in talks] == ["Lambda Sheaves", "Type Inference"]


# ------------------------------------------------------------------------- title classes

TITLE_CLASSES = [
    ('<p class="talk-title">Orbits of finite groups</p>', "title"),
    ('<div class="seminar_title">Orbits of finite groups</div>', "title"),
    ('<p class="page-title">Orbits of finite groups</p>', None),
    ('<p class="title">Orbits of finite groups</p>', None),
]


@pytest.mark.parametrize(("body", "expected"), TITLE_CLASSES)
def test_a_class_naming_the_talk_title_labels_the_line(body, expected):
    assert class_hint(_lines(body)[0]) == expected


def test_a_two_word_link_classed_as_the_talk_is_the_title():
    body = (
        '<ul><li><span>12 May 2025, 15:20</span>, Jane Roe<br><a class="talk" href="/t">'
        "Gradient Flows</a></li>"
        '<li><span>13 May 2025, 15:20</span>, John Poe<br><a class="talk" href="/u">'
        "Counting lattice points</a></li></ul>"
    )
    talks = _talks(body)
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Gradient Flows", ["Jane Roe"]),
        ("Counting lattice points", ["John Poe"]),
    ]


def test_a_two_word_plain_link_after_the_speaker_is_not_taken_for_the_title():
    body = (
        "<ul><li><span>12 May 2025, 15:20</span>, Jane Roe<br>"
        '<a href="/t">Gradient Flows</a></li></ul>'
    )
    talks = _talks(body)
    assert all(t.title != "Gradient Flows" for t in talks)


# ------------------------------------------------------------------------- header rows


def test_a_header_row_read_into_a_lone_row_names_no_field():
    body = (
        "<h2>Spring 2025</h2><table><tr><th>Date</th><th>Speaker</th><th>Details</th></tr>"
        '<tr><td>12 May 2025</td><td class="speaker">Jane Roe</td>'
        "<td><p>Orbits of finite groups</p></td></tr></table>"
    )
    lines = [line for line in _lines(body) if line.element.tag in ("th", "td", "p")]
    talk = extract(lines, CTX)
    assert talk is not None
    assert (talk.title, [s.name for s in talk.speakers]) == (
        "Orbits of finite groups",
        ["Jane Roe"],
    )


def test_a_label_cell_beside_its_value_still_labels_it():
    body = (
        "<table><tr><th>Speaker</th><td>Jane Roe</td></tr>"
        "<tr><th>Date</th><td>12 May 2025</td></tr></table>"
    )
    talk = extract(_lines(body), CTX)
    assert talk is not None
    assert [s.name for s in talk.speakers] == ["Jane Roe"]


# ------------------------------------------------------------------------- mode-led titles

MODE_LED = [
    ("Hybrid Agreement in Serbian/Croatian", False),
    ("Online matching under uncertainty", False),
    ("Hybrid (Room 4 / Zoom)", True),
    ("Online via Zoom", True),
]


@pytest.mark.parametrize(("text", "place"), MODE_LED)
def test_a_mode_word_leading_a_title_is_no_place(text, place):
    assert looks_like_place(text) is place
