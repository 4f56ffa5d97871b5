"""Anchors and the judge (issue 10, round 6): a talks page that dates nothing (its repeated
cards are its talks), undated lines inside an anchored list item, a schedule named in the
main heading, a line led by its date and clock time, a disclosure's summary and body, and a
one-line "EVENT YEAR in City: Title" entry. Pages here are written for the test; every name
and title is made up."""

from __future__ import annotations

import pytest
from heuristic_support import anchor_texts, page_lines_of

from parsers.common import html
from parsers.heuristic.anchors import _prose
from parsers.heuristic.cards import card_anchors
from parsers.heuristic.entries import clocked_date_lead, venue_year
from parsers.heuristic.extract import _mentions_talks
from parsers.heuristic.lines import Line
from parsers.heuristic.reading import PageContext

PROBE = PageContext("https://x.example/", None, 2025, day_first=True)
BIO = "Jane Roe studies the history of printing and of the book trade in early modern Europe"


def _lines(body: str, title: str = "Talks") -> list[Line]:
    return page_lines_of(body, title)


def _anchored(body: str, year_groups: bool = True) -> list[list[str]]:
    return anchor_texts(body, PROBE, year_groups=year_groups)


# --------------------------------------------------------------------------- undated cards

TITLES = [
    "Counting orbits of finite groups",
    "Lattice points in thin regions",
    "Quiver moduli and cohomology",
    "Heights on weighted stacks",
    "Puzzles that are secretly algebra",
]
CARD = "<div class='col'><a href='#'><div class='card'><h3>{}</h3><p>{}</p></div></a></div>"


def _cards(titles: list[str], events: list[str] | None = None) -> str:
    events = events or [f"Seminar number {k}" for k in range(len(titles))]
    return "".join(CARD.format(t, e) for t, e in zip(titles, events, strict=True))


CARD_ROWS = [
    # a grid of cards; two category rows pool together (3 + 2 cards; a row of 3 at least)
    (f"<div class='row'>{_cards(TITLES)}</div>", True, 5),
    (
        f"<div class='row'>{_cards(TITLES[:3])}</div><div class='row'>{_cards(TITLES[3:])}</div>",
        True,
        5,
    ),
    # list items with a linked title and a badge
    (
        "<ul>"
        + "".join(f"<li class='item'><h3><a>{t}</a></h3><span>Video</span></li>" for t in TITLES)
        + "</ul>",
        True,
        5,
    ),
    # the body's class "fixed-top-nav" is a token of its own, not the chrome token "nav"
    (f"<div class='fixed-top-nav'><div class='row'>{_cards(TITLES)}</div></div>", True, 5),
    # negative rows: rows of two cards only; a navigation menu; a sidebar; intro paragraphs; short
    # buttons; publications; a teaching list; series names and a call to action; the same
    # card five times
    (
        f"<div class='row'>{_cards(TITLES[:2])}</div><div class='row'>{_cards(TITLES[2:4])}</div>",
        False,
        0,
    ),
    (f"<nav><div class='row'>{_cards(TITLES)}</div></nav>", False, 0),
    (f"<div class='sidebar'><div class='row'>{_cards(TITLES)}</div></div>", False, 0),
    ("".join(f"<p>We meet to read about {t.lower()} and more.</p>" for t in TITLES), False, 0),
    ("<div>" + "".join(f"<div class='b'><a>{k}</a></div>" for k in "ABCD") + "</div>", False, 0),
    (
        f"<div class='row'>{_cards(TITLES, [f'J. Algebra 12, pp. {k}-9' for k in range(5)])}</div>",
        False,
        0,
    ),
    (
        "<ul>"
        + "".join(f"<li><a>MATH {200 + k} {t}</a></li>" for k, t in enumerate(TITLES))
        + "</ul>",
        False,
        0,
    ),
    (
        "<ul>"
        + "".join(
            f"<li><h3><a>{t}</a></h3><p>Once a week, all welcome.</p></li>"
            for t in [
                "Dynamics Seminars",
                "Student Colloquia",
                "Join our mailing list",
                "Modelling",
            ]
        )
        + "</ul>",
        False,
        0,
    ),
    (f"<div class='row'>{_cards([TITLES[0]] * 5, ['Same seminar'] * 5)}</div>", False, 0),
]


@pytest.mark.parametrize(("body", "expected", "count"), CARD_ROWS)
def test_card_anchors_on_a_person_s_talks_page(body: str, expected: bool, count: int) -> None:
    found = card_anchors(_lines(body), owned=True)
    assert bool(found) is expected
    assert len(found) == count
    if expected:
        assert all(anchor[0].text in TITLES for anchor in found)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # a series page with no owner: its cards must name their speakers
        ([f"<h3><a>{t}</a></h3><p>Jane Doe (Lund University)</p>" for t in TITLES], True),
        ([f"<h3><a>Mira Quint: {t}</a></h3>" for t in TITLES], True),
        # negative rows: nobody named (formats, series, a page filled in by a script)
        ([f"<h3><a>{t}</a></h3><p>Thirty minutes each.</p>" for t in TITLES], False),
        (
            ["<strong>Invited talks</strong> six of thirty minutes"] * 2 + ["<b>Posters</b> two"],
            False,
        ),
    ],
)
def test_card_anchors_without_an_owner_need_names(items: list[str], expected: bool) -> None:
    body = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    assert bool(card_anchors(_lines(body), owned=False)) is expected


def test_card_anchors_are_a_last_resort_of_the_parse() -> None:
    from parsers.base import Context
    from parsers.heuristic.extract import parse

    page = (
        "<html><head><title>Talks - Mira Quint</title></head><body><h1>Talks</h1>"
        f"<div class='row'>{_cards(TITLES)}</div></body></html>"
    )
    ctx = Context(url="https://mquint.example.io/talks/", timezone=None, series=None, now=None)
    result = parse(html.load(page, ctx.url), ctx)
    assert [t.title for t in result.talks] == TITLES
    assert {s.name for t in result.talks for s in t.speakers} == {"Mira Quint"}
    # negative row: the same cards on a page that is no list of talks give nothing
    page = page.replace("Talks", "Gallery")
    ctx = Context(url="https://mquint.example.io/gallery/", timezone=None, series=None, now=None)
    assert parse(html.load(page, ctx.url), ctx).talks == []


# --------------------------------------------------------------------------- anchored items

SLOT = (
    "<li><b>Friday, March {0} at 16:30</b><p><b>Speaker -</b> {1} (Lund)<br>"
    "<b>Title -</b> {2}<br><b>Abstract:</b> We study things.</p></li>"
)


@pytest.mark.parametrize(
    ("items", "anchors"),
    [
        (
            [
                SLOT.format(d, n, t)
                for d, n, t in zip(
                    (7, 14, 21), ("Ann Roe", "Bo Li", "Cy Sand"), TITLES[:3], strict=True
                )
            ],
            3,
        ),
        # negative row: an undated item of its own among dated ones is still an entry
        (
            [
                SLOT.format(d, n, t)
                for d, n, t in zip((7, 14), ("Ann Roe", "Bo Li"), TITLES[:2], strict=True)
            ]
            + ["<li><b>Speaker to be announced</b> Title to be announced as well</li>"],
            3,
        ),
    ],
)
def test_undated_lines_of_an_anchored_item_are_its_own(items: list[str], anchors: int) -> None:
    body = "<ul>" + "".join(items) + "</ul>"
    assert len(_anchored(body, year_groups=True)) == anchors


# --------------------------------------------------------------------------- schedule heading


@pytest.mark.parametrize(
    ("body", "url", "expected"),
    [
        ("<h1>Schedule</h1>", "https://x.example/2025/", True),
        ("<h1>Workshop timetable</h1>", "https://x.example/2025/", True),
        ("<h1>Programa</h1>", "https://x.example/2025/", True),
        # negative rows: a schedule word below the main heading, a scheduling tool, no word
        ("<h1>Welcome</h1><h3>Schedule</h3>", "https://x.example/2025/", False),
        ("<h1>Welcome</h1><p>Schedule a meeting with us</p>", "https://x.example/2025/", False),
        ("<h1>Scheduler settings</h1>", "https://x.example/2025/", False),
        ("<h1>ML 229 Schedule (Autumn 2024)</h1>", "https://x.example/2025/", False),
        ("<h1>Course schedule</h1>", "https://x.example/2025/", False),
        ("<h1>Horaire du cours</h1>", "https://x.example/2025/", False),
    ],
)
def test_schedule_in_the_main_heading_mentions_talks(body: str, url: str, expected: bool) -> None:
    lines = _lines(body, title="Site")
    root = lines[0].element.getroottree().getroot()
    assert _mentions_talks(root, lines, url) is expected


# --------------------------------------------------------------------------- date and clock lead


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Mardi 4 février 2025, de 18h à 20h @ Salle B. {BIO}.", True),
        (f"Tuesday, 4 March 2025 – 16:00, Room 3. {BIO}.", True),
        (f"4 March 2025, 4-5 pm. {BIO}.", True),
        # negative rows: words before the date, no clock right after it, a clock far on
        (f"On 4 March 2025 at 4pm we meet again, and {BIO}.", False),
        (f"Join us on 4 March 2025 at 4pm: {BIO}.", False),
        (f"4 March 2025 was the day the lab moved, at 4pm, and {BIO}.", False),
    ],
)
def test_clocked_date_lead(text: str, expected: bool) -> None:
    line = _lines(f"<p>{text}</p>")[0]
    assert clocked_date_lead(line, PROBE) is expected
    assert _prose(line, PROBE) is not expected


# --------------------------------------------------------------------------- summary and body


def test_summary_joins_its_details_body_even_when_nested() -> None:
    # an unclosed div in each summary nests the next details inside it
    body = (
        "<details><summary>[19/03] Ann Roe - Counting orbits.<div>"
        "<p>Mercredi 19 mars 2025, de 18h à 20h @ Salle B.</p>"
        "<details><summary>[18/02] Bo Li - Lattice points.<div>"
        "<p>Mardi 18 février 2025, de 18h à 20h @ Salle C.</p>"
        "</div></summary></details></div></summary></details>"
    )
    assert [len(anchor) for anchor in _anchored(body, year_groups=False)] == [2, 2]


def test_summary_keeps_apart_a_body_of_another_day() -> None:
    # negative row: the body gives another day, so the two are two anchors
    body = (
        "<details><summary>[19/03] Ann Roe - Counting orbits.</summary>"
        "<p>Mercredi 26 mars 2025, de 18h à 20h @ Salle B.</p></details>"
    )
    assert [len(anchor) for anchor in _anchored(body, year_groups=False)] == [1, 1]


# --------------------------------------------------------------------------- one-line venue year


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (
            "<ul><li><a>Data Days 2025</a> in Springfield: Signal finding by local means</li></ul>",
            True,
        ),
        ("<ul><li>CONF 2019 at Lund: Counting trees fast <a>Slides</a></li></ul>", True),
        ("<ul><li>Rencontres 2024 à Aix-en-Provence : « Une étude des graphes »</li></ul>", True),
        # negative rows: no year, a sentence, a lowercase place or title, not in a list,
        # a second line in the item
        ("<ul><li>Data Days in Springfield: Signal finding by local means</li></ul>", False),
        ("<ul><li>The meeting held in 2019 in Lund: We met many friends</li></ul>", False),
        ("<ul><li>Data Days 2025 in the spring: Signal finding by local means</li></ul>", False),
        ("<ul><li>Data Days 2025 in Springfield: signal finding by local means</li></ul>", False),
        ("<p>Data Days 2025 in Springfield: Signal finding by local means</p>", False),
        ("<ul><li><p>Data Days 2025 in Springfield: Signal finding<br>Slides</p></li></ul>", False),
    ],
)
def test_one_line_venue_year(markup: str, expected: bool) -> None:
    lines = _lines(markup)
    assert venue_year(lines, 0) is expected


# --------------------------------------------------------------------------- minute-row grid


def _grid(labels: list[str], cells: dict[int, str]) -> str:
    rows = "".join(
        f"<tr><th>{label}</th><td>{cells.get(k, '')}</td></tr>" for k, label in enumerate(labels)
    )
    return f"<table><tbody>{rows}</tbody></table>"


TALK = "<p>{}</p><p>Ann Roe</p>"


@pytest.mark.parametrize(
    ("body", "anchors"),
    [
        # an hour/minute grid: the talks on ":20" and ":40" rows anchor rows of their own
        (
            _grid(
                ["9:00", ":20", ":40", "10:00", ":20", ":40"],
                {0: TALK.format("Counting orbits"), 2: TALK.format("Lattice points")},
            ),
            6,
        ),
        # negative rows: minute labels with one hour label only; minute labels in a second
        # column; a ":30" in a paragraph
        (_grid(["9:00", ":20", ":40", "Lunch", ":20", ":40"], {0: "Counting orbits"}), 1),
        (
            "<table>"
            + "".join(
                f"<tr><td>{t}</td><td>:{m}</td></tr>" for t, m in [("9:00", 20), ("10:00", 40)]
            )
            + "</table>",
            2,
        ),
        ("<p>:30</p><p>:40</p>", 0),
    ],
)
def test_minute_rows_of_a_time_grid(body: str, anchors: int) -> None:
    assert len(_anchored(body, year_groups=False)) == anchors
