"""Records and titles (round 8): a speaker's name set apart by its markup from the affiliation
beside it. Pages and strings here are written for the test; every name and title is made up."""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html
from parsers.heuristic.extract import parse
from parsers.heuristic.title_marks import numbered_event
from parsers.talk import Speaker

URL = "https://x.example/"


def _talks(body: str, title: str = "Seminar programme") -> list:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return parse(html.load(page, URL), Context(URL)).talks


def _speakers(body: str) -> list[list[Speaker]]:
    return [list(t.speakers) for t in _talks(body)]


# ------------------------------------------------------------ a boxed name and its affiliation

_TABLE = (
    "<h1>Seminar</h1><table><tr><th>Date</th><th>Speaker</th><th>Title</th></tr>"
    "<tr><td>Mar. 3, 2026</td><td>{a}</td><td>Orbits of finite groups</td></tr>"
    "<tr><td>Mar. 10, 2026</td><td>{b}</td><td>Counting lattice points</td></tr></table>"
)
_LIST = (
    "<h1>Seminar</h1><ul><li><p>Mar. 3, 2026</p><p>Speaker: {a}</p>"
    "<p>Title: Orbits of finite groups</p></li><li><p>Mar. 10, 2026</p><p>Speaker: {b}</p>"
    "<p>Title: Counting lattice points</p></li></ul>"
)


@pytest.mark.parametrize("layout", [_TABLE, _LIST])
def test_a_linked_name_then_an_affiliation_box_is_name_and_affiliation(layout):
    body = layout.format(
        a="<a href='/a'>Alma Verdi</a> <span class='aff'>Norland Tech</span>",
        b="<a href='/b'>Boris Tamm</a> <span class='aff'>University of Eastvale</span>",
    )
    assert _speakers(body) == [
        [Speaker("Alma Verdi", "Norland Tech")],
        [Speaker("Boris Tamm", "University of Eastvale")],
    ]


@pytest.mark.parametrize("layout", [_TABLE, _LIST])
def test_a_second_linked_name_is_no_affiliation(layout):
    body = layout.format(
        a="<a href='/a'>Alma Verdi</a> <a href='/c'>Carla Nunes</a>",
        b="<a href='/b'>Boris Tamm</a> and Dario Pell",
    )
    groups = _speakers(body)
    assert len(groups) == 2 and not any(s.affiliation for group in groups for s in group)
    assert [s.name for s in groups[1]] == ["Boris Tamm", "Dario Pell"]


def test_a_bracketed_affiliation_after_a_link_is_read_as_before():
    body = _TABLE.format(
        a="<a href='/a'>Alma Verdi</a> <span>(Norland Tech)</span>",
        b="<a href='/b'>Boris Tamm</a>",
    )
    assert _speakers(body) == [[Speaker("Alma Verdi", "Norland Tech")], [Speaker("Boris Tamm")]]


# ------------------------------------------------------------ a topic under the speaker's name

_SLOTS_TABLE = (
    "<h1>Workshop programme</h1><h2>12 May 2026</h2><table><tr><th>Time</th><th>Session</th></tr>"
    "<tr><td>10:00–10:30</td><td><strong>Alma Verdi</strong> <br> {a}</td></tr>"
    "<tr><td>10:30–11:00</td><td><strong>Boris Tamm</strong> <br> {b}</td></tr></table>"
)
_SLOTS_DIVS = (
    "<h1>Workshop programme</h1><h2>12 May 2026</h2>"
    "<div class='slot'><p>10:00–10:30</p><p><b>Alma Verdi</b><br>{a}</p></div>"
    "<div class='slot'><p>10:30–11:00</p><p><b>Boris Tamm</b><br>{b}</p></div>"
)


@pytest.mark.parametrize("layout", [_SLOTS_TABLE, _SLOTS_DIVS])
def test_a_sentence_case_line_under_a_name_is_the_topic(layout):
    talks = _talks(
        layout.format(a="Sparse models and spectral learning", b="Invited research talk")
    )
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("Sparse models and spectral learning", [("Alma Verdi", None)]),
        ("Invited research talk", [("Boris Tamm", None)]),
    ]


@pytest.mark.parametrize("layout", [_SLOTS_TABLE, _SLOTS_DIVS])
def test_an_institution_under_a_name_stays_the_affiliation(layout):
    talks = _talks(layout.format(a="University of Eastvale", b="Institute of applied physics"))
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        (None, [("Alma Verdi", "University of Eastvale")]),
        (None, [("Boris Tamm", "Institute of applied physics")]),
    ]


# ------------------------------------------------------- a Title-Case heading over the speaker

_HEADED_TABLE = (
    "<h1>Workshop programme</h1><h2>12 May 2026</h2><table>"
    "<thead><tr><th>09:00 - 09:30</th><th><h6>{a}</h6></th></tr></thead>"
    "<tbody><tr><td></td><td><p><b></b></p><p><i>Alma Verdi</i></p></td></tr></tbody>"
    "<thead><tr><th>09:30 - 10:00</th><th><h6>{b}</h6></th></tr></thead>"
    "<tbody><tr><td></td><td><p><b></b></p><p><i>Boris Tamm</i></p></td></tr></tbody></table>"
)
_HEADED_CARDS = (
    "<h1>Workshop programme</h1><h2>12 May 2026</h2>"
    "<div class='card'><h4>{a}</h4><p>09:00 - 09:30</p><p>Alma Verdi</p></div>"
    "<div class='card'><h4>{b}</h4><p>09:30 - 10:00</p><p>Boris Tamm</p></div>"
)


@pytest.mark.parametrize("layout", [_HEADED_TABLE, _HEADED_CARDS])
def test_a_heading_that_reads_like_a_name_over_the_speaker_is_the_title(layout):
    talks = _talks(layout.format(a="Common Track Summary", b="Dataset Track Recap"))
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Common Track Summary", ["Alma Verdi"]),
        ("Dataset Track Recap", ["Boris Tamm"]),
    ]


@pytest.mark.parametrize("layout", [_HEADED_TABLE, _HEADED_CARDS])
def test_a_heading_that_names_nobody_is_left_to_the_title_rules(layout):
    talks = _talks(layout.format(a="Sparse models of graphs", b="Counting lattice points"))
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Sparse models of graphs", ["Alma Verdi"]),
        ("Counting lattice points", ["Boris Tamm"]),
    ]


# ------------------------------------------------------------------ a numbered event's banner

_SLOT_ROWS = (
    "<table><tr><td>10:00 - 10:30</td><td><b>Orbits of finite groups</b><br>Alma Verdi</td></tr>"
    "<tr><td>10:30 - 11:00</td><td><b>Counting lattice points</b><br>Boris Tamm</td></tr></table>"
)
_BANNER_DIV = (
    "<h1>Programme</h1><div class='banner'><h6>{event}</h6><h6>May 12, 2026</h6>"
    "<p>{who}</p></div><h2>May 12, 2026</h2>" + _SLOT_ROWS
)
_BANNER_LIST = (
    "<h1>Programme</h1><ul class='events'><li><b>{event}</b> May 12, 2026, {who}</li></ul>"
    "<h2>May 12, 2026</h2>" + _SLOT_ROWS
)


@pytest.mark.parametrize("layout", [_BANNER_DIV, _BANNER_LIST])
@pytest.mark.parametrize(
    "event", ["2nd Workshop on Graph Learning", "The Third International Symposium on Orbits"]
)
def test_a_numbered_event_over_its_date_and_venue_is_no_talk(layout, event):
    talks = _talks(layout.format(event=event, who="NIT Eastvale, Norland"))
    assert [t.title for t in talks] == ["Orbits of finite groups", "Counting lattice points"]


@pytest.mark.parametrize("layout", [_BANNER_DIV, _BANNER_LIST])
def test_a_title_that_mentions_a_workshop_is_still_a_talk(layout):
    title = "Notes from the 2nd Workshop on Graph Learning"
    talks = _talks(layout.format(event=title, who="Carla Nunes"))
    assert title in [t.title for t in talks]
    assert not numbered_event("Second-order methods for sparse graphs")
