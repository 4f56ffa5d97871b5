"""Round-10 title and speaker rules, table-driven with negative rows (invented strings only).

A personal page titled with its owner's name in the possessive ("J. Roe's Talks"); quoted
titles closed by two apostrophes ("Title'' (2016)"); a personal list's entry led by the date,
the event and the city, whose title is the one link to the slides; a label before a long
linked title ("Event'30: <a>Title</a>"); a lone "Article version" link under an entry, which
is no title.
"""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html
from parsers.common.owner import page_owner
from parsers.common.people import speaker_and_title
from parsers.heuristic.extract import parse as heuristic_parse
from tests.heuristic_support import URL


def _talks(body: str, title: str = "Talks", url: str = URL) -> list:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return heuristic_parse(html.load(page, url), Context(url=url)).talks


# --------------------------------------------------------------------------- owner


@pytest.mark.parametrize(
    ("title", "owner"),
    [
        ("J. Roe's Talks", "J. Roe"),
        ("Jeanne Roux’s home page", "Jeanne Roux"),
        ("Bo Linden's Selected Talks", "Bo Linden"),
        # negative rows: a group in the possessive, a possessive before no page word
        ("The Lichen Lab's Talks", None),
        ("J. Roe's Favourite Recipes", None),
    ],
)
def test_owner_named_in_the_possessive(title: str, owner: str | None) -> None:
    found = page_owner(html.load(f"<html><head><title>{title}</title></head><body></body></html>"))
    assert (found.name if found else None) == owner


_QUOTED_ITEMS = (
    "<h1>Talks</h1><ul>"
    "<li>\"Seed Banks After Fire'' (2016) <a href='a.pdf'>[PDF]</a></li>"
    "<li>\"Lichen Cover in Alpine Meadows'' (2012) <a href='b.pdf'>[PDF]</a></li>"
    "<li>\"Pollinators of Alpine Plants\" (2009) <a href='c.pdf'>[PDF]</a></li>"
    "</ul>"
)


def test_possessive_owner_gives_the_talks_of_a_personal_page() -> None:
    talks = _talks(_QUOTED_ITEMS, title="J. Roe's Talks")
    assert [[s.name for s in t.speakers] for t in talks] == [["J. Roe"]] * 3


# --------------------------------------------------------------------------- quoted titles


def test_two_apostrophes_close_a_quoted_title() -> None:
    talks = _talks(_QUOTED_ITEMS, title="J. Roe's Talks")
    assert [t.title for t in talks] == [
        "Seed Banks After Fire",
        "Lichen Cover in Alpine Meadows",
        "Pollinators of Alpine Plants",
    ]


# --------------------------------------------------------------------------- linked titles

_LINKED = (
    "<h1>Selected Talks</h1><ul>"
    "<li>2030.11.04, <b>Spring Days</b>, Lyon, <a href='spring.pdf'>Seed banks after fire"
    "</a> (joint work with Ana Gris and Tove Wit).</li>"
    "<li>2030.09.13, <b>Universidad de Valls</b> <a href='valls.pdf'>A glimpse at lichen "
    "cover</a></li>"
    "<li>2030.06.25, <b>MEAD'30</b>: <a href='mead.pdf'>Pollinators of alpine plants</a></li>"
    "<li>2030.03.10, Meadow Meeting, Oslo: <a href='meadow.pdf'>Snow cover and seed "
    "dormancy</a>.<br><a href='paper.pdf'>Article version</a>.</li>"
    "</ul>"
)


def test_entry_titled_by_its_one_long_link() -> None:
    talks = _talks(_LINKED, title="Jeanne Roux - Talks")
    assert [t.title for t in talks] == [
        "Seed banks after fire",
        "A glimpse at lichen cover",
        "Pollinators of alpine plants",
        "Snow cover and seed dormancy",
    ]
    assert {s.name for t in talks for s in t.speakers} == {"Jeanne Roux"}


@pytest.mark.parametrize(
    ("item", "title"),
    [
        # the linked words name an event (a year), or the line goes on after the link: the
        # plain reading stands
        (
            "2030.11.04, Seed banks after fire, <a href='https://x.example/s'>Summer School "
            "2030</a>",
            "Seed banks after fire, Summer School 2030",
        ),
        (
            "2030.11.04, Seed banks after fire: <a href='s.pdf'>the long version</a>, Lyon",
            "Seed banks after fire: the long version, Lyon",
        ),
    ],
)
def test_linked_words_that_are_no_title(item: str, title: str) -> None:
    body = f"<h1>Selected Talks</h1><ul><li>{item}</li><li>2030.10.01, Lichen cover in " + (
        "meadows, Oslo</li></ul>"
    )
    talks = _talks(body, title="Jeanne Roux - Talks")
    assert talks[0].title == title


# --------------------------------------------------------------------------- listing fields


def _listing(event: str, title: str, day: str) -> str:
    return (
        f"<div class='quarto-post'><h3 class='listing-title'><a href='t.html'>{title}</a></h3>"
        f"<div class='listing-description'>A short teaser of what the talk is about.</div>"
        f"<div class='listing-date'>{day}</div><div class='listing-event'>{event}</div></div>"
    )


def test_listing_event_field_is_where_not_who() -> None:
    body = "<h1>Talks</h1>" + "".join(
        [
            _listing("Lichen Day, Online", "Seed banks after fire", "Jun 14, 2030"),
            _listing("MUG Oslo, Online", "Snow cover and seed dormancy", "Mar 14, 2030"),
            _listing("MUG Lyon, Lyon - FR", "Pollinators of alpine plants", "Jan 22, 2030"),
            _listing("Meadow Forum, Online", "Lichen cover in meadows", "Nov 2, 2029"),
        ]
    )
    talks = _talks(body, title="Talks – Jeanne Roux")
    assert [[s.name for s in t.speakers] for t in talks] == [["Jeanne Roux"]] * 4
    assert [t.location for t in talks] == [
        "Lichen Day, Online",
        "MUG Oslo, Online",
        "MUG Lyon, Lyon - FR",
        "Meadow Forum, Online",
    ]


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Dev Spotlight: Seed Banks for a Warmer World", []),
        ("Partner Showcase: Seed Banks for a Warmer World", []),
        # negative row: a person's name before the colon still is one
        ("Jeanne Roux: Seed Banks for a Warmer World", ["Jeanne Roux"]),
    ],
)
def test_event_kind_words_are_no_names(text: str, people: list[str]) -> None:
    assert [s.name for s in speaker_and_title(text)[1]] == people
