"""Records and titles (issue 10, round 6): dash-separated field labels, a page builder's
widget part names as class hints, blocks hidden on the desktop layout, untitled programme
slots, headings that lead records inside one block, "EVENT YEAR in City: Title" entries,
events named with their year as no room, and calls to action after a title. Pages and
strings here are written for the test; every name and title is made up."""

from __future__ import annotations

import pytest
from heuristic_support import page_lines_of

from parsers.heuristic.anchors import find_anchors
from parsers.heuristic.cleanup import UNTITLED_SLOT, looks_like_place, tidy_title
from parsers.heuristic.fields import extract
from parsers.heuristic.labels import LABELLED, class_hint
from parsers.heuristic.lines import Line
from parsers.heuristic.reading import PageContext, Parsed, parse_line
from parsers.heuristic.records import find_records
from parsers.heuristic.title_marks import event_lead

CTX = PageContext("https://x.example/", None, 2025, day_first=True)


def _lines(body: str) -> list[Line]:
    return page_lines_of(body, "Seminar")


# ------------------------------------------------------------------------- dash labels

DASH_LABELS = [
    ("Speaker – Jane Roe (Uppsala)", ("Speaker", "Jane Roe (Uppsala)")),
    ("Title - On the moduli of curves", ("Title", "On the moduli of curves")),
    ("Seminar Title — Heights on stacks", ("Seminar Title", "Heights on stacks")),
    ("Abstract – We count orbits.", ("Abstract", "We count orbits.")),
    ("Speaker: Jane Roe", ("Speaker", "Jane Roe")),  # the colon form as before
    # not labels: a title or a name before a dash, a word titles often start with
    ("Talk – Jane Roe", None),
    ("Guest - a play in three acts", None),
    ("Jane Roe - On the moduli of curves", None),
    ("Spectral theory – a survey", None),
    ("Video - Slides", None),
    ("Topic - graphs", None),
]


@pytest.mark.parametrize(("text", "expected"), DASH_LABELS)
def test_a_known_label_before_a_spaced_dash_labels_the_line(text, expected):
    found = LABELLED.match(text)
    got = (found.group(1).strip(), found.group(2).strip()) if found else None
    assert got == expected


def test_a_dash_labelled_line_gives_its_field():
    line = _lines("<p><b>Speaker –</b> Jane Roe (Uppsala)</p>")[0]
    parsed = parse_line(line, CTX)
    assert (parsed.label, parsed.rest) == ("speaker", "Jane Roe (Uppsala)")


# ------------------------------------------------------------------------- class hints

CLASS_HINTS = [
    ('<div class="elementor-icon-box-description">Jane Roe</div>', None),
    ('<div class="wp-block-media-text__description">Jane Roe</div>', None),
    ('<div class="abstract">Jane Roe</div>', None),  # a name is no abstract, whatever the class
    ('<div class="abstract">Abstract to be announced.</div>', "abstract"),
    ('<div class="event-description">We count orbits of finite groups.</div>', "abstract"),
    ('<div class="elementor-widget event-speaker">Jane Roe</div>', "speaker"),
]


@pytest.mark.parametrize(("body", "expected"), CLASS_HINTS)
def test_builder_part_names_and_names_give_no_abstract_hint(body, expected):
    assert class_hint(_lines(body)[0]) == expected


# ------------------------------------------------------------------------- hidden blocks

HIDDEN = [
    ('<div class="elementor-element elementor-hidden-desktop">Copy</div>', False),
    ('<div class="hidden-md hidden-lg">Copy</div>', False),
    ('<div class="d-lg-none">Copy</div>', False),
    ('<div class="lg:hidden">Copy</div>', False),
    # shown on the desktop: read
    ('<div class="d-none d-lg-block">Copy</div>', True),
    ('<div class="hidden-xs">Copy</div>', True),
    ('<div class="elementor-hidden-mobile">Copy</div>', True),
    ('<div class="unhidden-lg-note">Copy</div>', True),
]


@pytest.mark.parametrize(("body", "read"), HIDDEN)
def test_blocks_hidden_on_the_desktop_are_not_read(body, read):
    texts = [line.text for line in _lines(f"<p>Intro</p>{body}")]
    assert ("Copy" in texts) is read


# ------------------------------------------------------------------------- untitled slots

SLOTS = [
    ("Simposio Acme", True),
    ("Sponsor symposium Acme", True),
    ("VISITA A LA EXPOSICIÓN", True),
    ("Visit to the exhibition", True),
    ("Acto inaugural", True),
    ("Registro de participantes", True),
    ("Cierre del evento", True),
    ("Jane Roe", False),
    ("Visitacion Mendez", False),
    ("Tom Tourelle", False),
]


@pytest.mark.parametrize(("name", "slot"), SLOTS)
def test_an_untitled_slot_named_by_what_happens_is_no_speaker(name, slot):
    assert bool(UNTITLED_SLOT.match(name)) is slot


# ------------------------------------------------------------------------- event leads

EVENT_LEADS = [
    (
        '<li><a href="/e">Spring Meeting 2024</a> in Lyon: Orbits of finite groups '
        '<a href="/s.pdf">View slides</a></li>',
        ("Orbits of finite groups", "Lyon"),
    ),
    (
        "<li><em>Days of Algebra 2023</em> in San Sebastian: Quivers: a primer</li>",
        ("Quivers: a primer", "San Sebastian"),
    ),
    # not an event lead: no year closing the set-off event, a plain lead, a lowercase "place"
    ('<li><a href="/e">Spring Meeting</a> in Lyon: Orbits of finite groups</li>', None),
    ("<li>Trends 2020 in Europe: a review of methods</li>", None),
    ('<li><a href="/e">Workshop 2022</a> in general: what we learnt</li>', None),
    ('<li><a href="/e">Workshop 2022</a>, Lyon. Orbits of finite groups</li>', None),
]


@pytest.mark.parametrize(("body", "expected"), EVENT_LEADS)
def test_event_year_in_city_leads_the_title(body, expected):
    line = _lines(body)[0]
    assert event_lead(Parsed(line=line, rest=line.text)) == expected


# ------------------------------------------------------------------------- places

PLACES = [
    ("Education Conference 2023", False),
    ("Spring School 2019", False),
    ("Journées de probabilités 2024", False),
    ("Evans 1015", True),
    ("Room 2023", True),
]


@pytest.mark.parametrize(("text", "place"), PLACES)
def test_an_event_named_with_its_year_is_no_room(text, place):
    assert looks_like_place(text) is place


# ------------------------------------------------------------------------- calls to action

CALLS = [
    ("Orbits of finite groups. 📌 Inscription ici", "Orbits of finite groups."),
    ("Orbits of finite groups → Register here", "Orbits of finite groups"),
    ("Orbits of finite groups. Sign up now", "Orbits of finite groups."),
    ("Why register? Register now", "Why register?"),
    # part of the title
    ("Voter registration", "Voter registration"),
    ("Online registration systems", "Online registration systems"),
    ("Policy (EU) registration", "Policy (EU) registration"),
    ("A study of sign up flows", "A study of sign up flows"),
]


@pytest.mark.parametrize(("title", "expected"), CALLS)
def test_a_call_to_action_is_cut_from_the_title(title, expected):
    assert tidy_title(title) == expected


# ------------------------------------------------------------------------- heading leads

HEADED = (
    '<div class="w"><h1>Programme</h1>'
    '<a href="/a"><h2>Shrinkage for panels</h2></a><br>9:00 – 9:40, May 17, 2025<hr>'
    '<a href="/b"><h2>Bands under drift</h2></a><br>9:50 – 10:30, May 17, 2025<hr>'
    '<a href="/c"><h2>Random features</h2></a><br>14:00 – 14:40, May 18, 2025<hr></div>'
)
# a heading over a group, not before each talk: context, in no record
GROUPED = (
    '<div class="w"><h2>Saturday</h2><br>9:00 – 9:40, May 17, 2025 Shrinkage for panels<br>'
    "9:50 – 10:30, May 17, 2025 Bands under drift<br>"
    "14:00 – 14:40, May 17, 2025 Random features<br></div>"
)


@pytest.mark.parametrize(
    ("body", "led"),
    [
        (HEADED, {"Shrinkage for panels", "Bands under drift", "Random features"}),
        (GROUPED, set()),
    ],
)
def test_a_heading_before_every_anchor_of_a_block_leads_its_record(body, led):
    lines = _lines(body)
    anchors = find_anchors(lines, CTX, year_groups=False)
    owner = find_records(lines, anchors)
    headings = {line.text for line in lines if line.heading == 2 and line.index in owner}
    assert headings == led
    if led:  # each heading joins the record of the date line right after it
        for line in lines:
            if line.heading == 2:
                assert owner[line.index] == owner[line.index + 1]


SLOT_OVER_TITLE = [
    (["Simposio A&B", "Orbits of finite groups"], "Orbits of finite groups"),
    (["Industry symposium (Acme)", "Heights on stacks"], "Heights on stacks"),
    # a title that only starts with a slot word, or a slot name alone, stays the title
    (["Symposium on the geometry of numbers and its uses", "Heights"], None),
    (["Orbits of finite groups", "Heights on stacks"], None),
]


@pytest.mark.parametrize(("headings", "expected"), SLOT_OVER_TITLE)
def test_a_slot_name_over_a_title_is_not_the_title(headings, expected):
    body = "".join(f"<h2>{text}</h2>" for text in headings)
    lines = _lines(f"<div><p>9:00 – 9:40, 17 May 2025</p>{body}<p>Jane Roe</p></div>")
    talk = extract(lines, CTX)
    assert talk is not None and talk.title == (expected or headings[0])


# ------------------------------------------------------------------------- time grids


def _grid(first: str, left: str, right: str, classes=("slot a", "slot b")) -> str:
    head = "<tr><th></th><th>Thursday</th><th>Friday</th></tr>"
    row = (
        f"<tr>{first}<td class='{classes[0]}'>{left}</td><td class='{classes[1]}'>{right}</td></tr>"
    )
    return f"<table>{head}{row}<tr><th>10:00</th><td></td><td></td></tr></table>"


TALK_A = "<p><a href='/a'>Orbits of finite groups</a></p><p>Jane Roe</p>"
TALK_B = "<p><a href='/b'>Heights on stacks</a></p><p>Omar Okafor</p>"
GRIDS = [
    (_grid("<th>9:20</th>", TALK_A, TALK_B), 2),
    # not a time grid's row: a date cell leads it, the cells share no class, one line each
    (_grid("<td>9:20</td>", TALK_A, TALK_B), 1),
    (_grid("<th>9:20</th>", TALK_A, TALK_B, ("speaker", "title")), 1),
    (_grid("<th>9:20</th>", "<p>Jane Roe</p>", "<p>Orbits of finite groups</p>"), 1),
]


@pytest.mark.parametrize(("body", "records"), GRIDS)
def test_each_filled_cell_of_a_time_grid_row_is_a_record(body, records):
    lines = _lines(body)
    owner = find_records(lines, find_anchors(lines, CTX, year_groups=False))
    cells = [line for line in lines if line.element.getparent().tag == "td"]
    assert cells and all(line.index in owner for line in cells)
    assert len({owner[line.index] for line in cells}) == records
