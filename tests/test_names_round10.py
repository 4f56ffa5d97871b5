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
from parsers.common.handles import labelled_handle
from parsers.common.owner import page_owner
from parsers.common.people import people_in, speaker_and_title
from parsers.heuristic.extract import parse as heuristic_parse
from parsers.heuristic.social_slots import social_slot
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


# --------------------------------------------------------------------------- schedule fields


def _session(title: str, presenters: list[str], room: str) -> str:
    items = "".join(f"<div class='field__item'>{p}</div>" for p in presenters)
    return (
        f"<div class='session'><h3><a href='s.html'>{title}</a></h3>"
        "<div class='body'>A teaser of what the session covers, cut short here ...</div>"
        "<div class='info'><label>PRESENTERS: </label>"
        f"<div class='field field--name-presenters field__items'>{items}</div></div>"
        f"<div class='room'><label>ROOM: </label><div class='field__item'>{room}</div></div>"
        "</div>"
    )


def _schedule(*slots: tuple[str, str]) -> str:
    rows = "".join(f"<div class='slot'><h2>{t}</h2>{s}</div>" for t, s in slots)
    return f"<h1>Schedule</h1><h2>August 3, 2030</h2>{rows}"


def test_user_names_in_a_presenters_field_are_the_speakers() -> None:
    body = _schedule(
        ("8:00am - 8:30am", _session("Saturday Registration", ["campteam"], "Lobby")),
        ("9:00am - 9:50am", _session("Seed banks after fire", ["jroux", "bolinden42"], "Hall A")),
        ("10:00am - 10:50am", _session("Lichen cover in meadows", ["anagris"], "Hall B")),
        ("11:00am - 11:50am", _session("Pollinators of alpine plants", ["TBA"], "Hall A")),
        ("5:30pm - 8:00pm", _session("Camp 2030 Party, sponsored by Acme", ["campteam"], "Pub")),
    )
    talks = _talks(body, title="Camp 2030 schedule")
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Seed banks after fire", ["jroux", "bolinden42"]),
        ("Lichen cover in meadows", ["anagris"]),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("jroux", "jroux"),
        ("@SeedBanker", "SeedBanker"),
        ("bo.linden", "bo.linden"),
        # negative rows: placeholders, common words, numbers, two words
        ("TBA", None),
        ("Everyone", None),
        ("Workshop", None),
        ("42", None),
        ("Jeanne Roux", None),
    ],
)
def test_labelled_handle(text: str, name: str | None) -> None:
    found = labelled_handle(text)
    assert (found.name if found else None) == name


def test_one_item_per_presenter_in_one_field() -> None:
    body = (
        "<h1>Seminar</h1><div class='talk'><h3>March 3, 2030</h3><p>Seed banks after fire</p>"
        "<ul class='speakers'><li>Jeanne Roux</li><li>Bo Linden</li></ul></div>"
        "<div class='talk'><h3>March 10, 2030</h3><p>Lichen cover in meadows</p>"
        "<ul class='speakers'><li>Ana Gris</li></ul></div>"
    )
    talks = _talks(body, title="Ecology seminar")
    assert [[s.name for s in t.speakers] for t in talks] == [
        ["Jeanne Roux", "Bo Linden"],
        ["Ana Gris"],
    ]


@pytest.mark.parametrize(
    ("title", "social"),
    [
        ("Friday Registration", True),
        ("Group Photo!", True),
        ("Camp 2030 Party, sponsored by Acme Design", True),
        ("Contribution Day", True),
        ("Training: Accessible Forms Made Easy", True),
        ("Summit: Higher Ed", True),
        # negative rows: talks that mention a party, a weekday or a photo
        ("Third-party libraries in practice", False),
        ("The party is over: populism and its critics", False),
        ("Party politics in small states", False),
        ("Friday Seminar on graphs", False),
        ("Photo forensics at scale", False),
    ],
)
def test_social_slots_are_no_talks(title: str, social: bool) -> None:
    assert social_slot(title) is social


# --------------------------------------------------------------------------- venue leads

_VENUE_LED = (
    "<h1>Selected Talks</h1><ul>"
    "<li>2030.06.14, Lichen Day, Valls: Seed banks after fire (a new answer to an old "
    "question). See Meadow Forum 2030.</li>"
    "<li>2030.05.01, Meadow Forum, Oslo: Snow cover and seed dormancy</li>"
    "<li>2030.03.02, Alpine Week, Lyon: Pollinators of alpine plants</li>"
    "</ul>"
)


def test_entry_led_by_event_and_place_on_a_personal_page() -> None:
    talks = _talks(_VENUE_LED, title="Jeanne Roux - Talks")
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Seed banks after fire (a new answer to an old question)", ["Jeanne Roux"]),
        ("Snow cover and seed dormancy", ["Jeanne Roux"]),
        ("Pollinators of alpine plants", ["Jeanne Roux"]),
    ]


def test_quoted_title_before_the_event_is_no_venue_lead() -> None:
    body = (
        "<h1>Talks</h1><ul>"
        "<li>“Seed Banks After Fire”, MEAD 2030: Meadow Ecology Day, January 2030.</li>"
        "<li>“Lichen Cover in Meadows”, ALP 2029: Alpine Plants Day, May 2029.</li></ul>"
    )
    talks = _talks(body, title="Jeanne Roux - Talks")
    assert [t.title for t in talks] == ["Seed Banks After Fire", "Lichen Cover in Meadows"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Debugging Servers, A Look Into My Toolbox", []),
        ("Meadow Mapping, An Update From The Field", []),
        # negative rows: a short place, an institution led by the article
        ("Jeanne Roux, A Coruña", [("Jeanne Roux", "A Coruña")]),
        (
            "Bo Linden, An Najah National University",
            [("Bo Linden", "An Najah National University")],
        ),
    ],
)
def test_subtitle_after_a_comma_is_no_affiliation(text: str, want) -> None:
    assert [(s.name, s.affiliation) for s in people_in(text)] == want


def test_place_closing_the_lead_of_a_personal_entry() -> None:
    linked = _talks(_LINKED, title="Jeanne Roux - Talks")
    assert [t.location for t in linked] == ["Lyon", None, None, "Oslo"]
    led = _talks(_VENUE_LED, title="Jeanne Roux - Talks")
    assert [t.location for t in led] == ["Valls", "Oslo", "Lyon"]


def test_lead_naming_a_person_gives_no_place() -> None:
    body = (
        "<h1>Selected Talks</h1><ul>"
        "<li>2030.11.04, Ana Gris, Lyon: <a href='a.pdf'>Seed banks after fire</a></li>"
        "<li>2030.10.01, Bo Linden, Oslo: <a href='b.pdf'>Lichen cover in meadows</a></li></ul>"
    )
    talks = _talks(body, title="Jeanne Roux - Talks")
    assert [t.location for t in talks] == [None, None]
