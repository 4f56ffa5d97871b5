"""Round-7 rules for anchors and record grouping: a dated heading over a day's agenda of timed
slots is that day's heading, not a talk; a year's section that holds one card joins the cards
of the sections beside it. Pages here are written for the test; every name and title is
made up."""

from __future__ import annotations

import pytest
from heuristic_support import page_lines_of

from parsers.base import Context
from parsers.common import html
from parsers.heuristic import extract
from parsers.heuristic.agenda_days import without_day_headings
from parsers.heuristic.cards import card_anchors
from parsers.talk import Speaker, Talk

URL = "https://x.example/"

# --------------------------------------------------------------------------- day headings

ROW = (
    "<tr><td>-</td><td><a href='/t/{k}/'>{title}</a></td><td><a href='/p/{k}/'>{name}</a></td>"
    "<td>{slot}</td></tr>"
)


def _day_card(heading: str, rows: list[tuple[str, str, str]]) -> str:
    body = "".join(
        ROW.format(k=k, title=title, name=name, slot=slot)
        for k, (title, name, slot) in enumerate(rows)
    )
    return (
        "<div class='media stream-item'><div class='media-body'>"
        f"<div class='article-title'><a href='/s/'>{heading}</a></div>"
        "<a class='summary-link' href='/s/'><div><table><thead><tr><th>Venue</th><th>Title</th>"
        f"<th>Presenter</th><th>Time Slot</th></tr></thead><tbody>{body}</tbody></table></div>"
        "</a></div></div>"
    )


DAYS_PAGE = (
    "<html><head><title>Reading Seminar</title></head><body><h1>Reading Seminar</h1>"
    + _day_card(
        "Selected Papers on March 3, 2024",
        [
            ("Lattice points in thin regions", "Alma Verdi", "10:00-10:30"),
            ("Heights on weighted stacks", "Boris Tamm", "10:30-11:00"),
            ("Quiver moduli and cohomology", "Carla Nunes", "11:00-11:30"),
        ],
    )
    + _day_card(
        "Selected Papers on April 7, 2024",
        [
            ("Counting orbits of finite groups", "Dario Pell", "10:00-10:30"),
            ("Puzzles that are secretly algebra", "Erin Vale", "10:30-11:00"),
        ],
    )
    + "</body></html>"
)


def test_a_day_card_s_dated_heading_is_no_talk() -> None:
    result = extract.parse(html.load(DAYS_PAGE, URL), Context(url=URL))
    assert [t.title for t in result.talks] == [
        "Lattice points in thin regions",
        "Heights on weighted stacks",
        "Quiver moduli and cohomology",
        "Counting orbits of finite groups",
        "Puzzles that are secretly algebra",
    ]
    assert [t.starts_at[:10] for t in result.talks] == ["2024-03-03"] * 3 + ["2024-04-07"] * 2


def _talk(title: str | None, day: str, name: str | None = "Alma Verdi") -> Talk:
    return Talk(title=title, speakers=(Speaker(name),) if name else (), starts_at=day)


SLOT_A = _talk("Heights on weighted stacks", "2024-03-03T10:00:00")
SLOT_B = _talk("Lattice points in thin regions", "2024-03-03T10:30:00")


@pytest.mark.parametrize(
    ("found", "kept"),
    [
        # an untitled day "talk" over two timed slots of its day: its heading
        ([_talk(None, "2024-03-03"), SLOT_A, SLOT_B], 2),
        # a titled day heading that names nobody: its heading too
        ([_talk("Workshop day", "2024-03-03", None), SLOT_A, SLOT_B], 2),
        # negative rows: a titled talk by someone on that day; one slot only (the talk's own
        # time); slots on another day; a heading with a clock time of its own
        ([_talk("Quiver moduli and cohomology", "2024-03-03"), SLOT_A, SLOT_B], 3),
        ([_talk(None, "2024-03-03"), SLOT_A], 2),
        ([_talk(None, "2024-03-04"), SLOT_A, SLOT_B], 3),
        ([_talk(None, "2024-03-03T09:00:00"), SLOT_A, SLOT_B], 3),
        ([_talk(None, "2024-03-03"), SLOT_A, _talk("Puzzles", "2024-03-03")], 3),
    ],
)
def test_day_headings_over_timed_slots(found: list[Talk], kept: int) -> None:
    pairs = [(talk, k) for k, talk in enumerate(found)]
    assert len(without_day_headings(pairs)) == kept


# --------------------------------------------------------------------------- lone cards

CARD = (
    "<div class='card'><div class='card-text'><a class='card-title' href='#'>{}</a>"
    "<span class='card-subtitle'>{}</span></div></div>"
)
TITLES = [
    "Counting orbits of finite groups",
    "Lattice points in thin regions",
    "Quiver moduli and cohomology",
    "Heights on weighted stacks",
    "Puzzles that are secretly algebra",
    "Tilings of the hyperbolic plane",
    "Random walks on buildings",
]
NAMES = ["Alma Verdi", "Boris Tamm", "Carla Nunes", "Dario Pell", "Erin Vale", "Femi Ola", "Gus Ek"]


def _section(year: int, cards: list[int], kind: str = "band") -> str:
    body = "".join(CARD.format(TITLES[k], NAMES[k]) for k in cards)
    return f"<section class='{kind}'><h2>Talks {year}</h2>{body}</section>"


def _firsts(body: str) -> list[str]:
    return [anchor[0].text.split(" ")[0] for anchor in card_anchors(page_lines_of(body), True)]


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a year with one card beside years with four and two: all seven cards
        (
            "<main>"
            + _section(2025, [0])
            + _section(2024, [1, 2, 3, 4])
            + _section(2021, [5, 6])
            + "</main>",
            7,
        ),
        # negative rows: a lone card of the same kind elsewhere on the page (under another
        # block) is not a year's section beside the others; a lone card does not make runs
        # of two cards a set of cards (each section classed apart, so none pool either)
        (
            "<main>"
            + _section(2024, [1, 2, 3, 4])
            + _section(2021, [5, 6])
            + "</main><div class='extra'>"
            + _section(2020, [0])
            + "</div>",
            6,
        ),
        (
            "<main>"
            + _section(2024, [0, 1], "band-a")
            + _section(2023, [2, 3], "band-b")
            + _section(2022, [4], "band-c")
            + "</main>",
            0,
        ),
    ],
)
def test_a_year_s_lone_card_joins_the_cards_beside_it(body: str, count: int) -> None:
    assert len(_firsts(body)) == count
