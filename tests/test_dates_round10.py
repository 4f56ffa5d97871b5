"""Round-10 rules for dates, times, zones and places: "Beijing Time" and "UTC/GMT +8" name a
zone. Pages and strings here are written for the test; every name, title and place is made
up."""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html, zones
from parsers.heuristic import extract
from parsers.heuristic.event_place import banner_place
from parsers.talk import Talk

URL = "https://x.example/"


def _talks(body: str, title: str = "Seminar") -> list[Talk]:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return list(extract.parse(html.load(page, URL), Context(url=URL)).talks)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("9:00-10:00 am (Beijing Time)", "Asia/Shanghai"),
        ("Thursdays in Beijing Time (UTC/GMT +8 hours)", "Asia/Shanghai"),
        ("Times are UTC/GMT +8 hours", "Etc/GMT-8"),
        ("Times are GMT/UTC -3", "Etc/GMT+3"),
        # negative rows: both names with no offset are UTC; a lower-case "beijing" is no zone
        ("All times UTC/GMT", "UTC"),
        ("the beijing time of day", None),
    ],
)
def test_beijing_time_and_both_reference_names(text: str, zone: str | None) -> None:
    assert zones.find_zone(text) == zone


_ZONED_PAGE = """
<h1>Online Seminar on Lattice Walks</h1>
<p>Meetings are held on Zoom, on Thursdays in Beijing Time (UTC/GMT +8 hours).</p>
<ul>
<li><b>Date:</b> 17:00-18:00 pm (Beijing Time), November 6, 2031<br>
<b>Speaker:</b> Mira Quellbach (Northfield University)<br>
<b>Title:</b> Random walks on sparse lattices</li>
<li><b>Date:</b> 9:00-10:00 am (Beijing Time), December 11, 2031<br>
<b>Speaker:</b> Tobin Arvell (Southgate Institute)<br>
<b>Title:</b> Spectral gaps of tangled graphs</li>
</ul>
"""


def test_times_in_beijing_time_keep_their_day() -> None:
    found = [(t.starts_at, t.timezone) for t in _talks(_ZONED_PAGE)]
    assert found == [
        ("2031-11-06T17:00:00+08:00", "Asia/Shanghai"),
        ("2031-12-11T09:00:00+08:00", "Asia/Shanghai"),
    ]


def test_venue_sentence_ends_before_how_often() -> None:
    page = _ZONED_PAGE.replace("on Zoom, on Thursdays", "on Zoom and typically scheduled monthly")
    assert {t.location for t in _talks(page)} == {"Zoom"}


@pytest.mark.parametrize("room", ["Auditório Lindoval Prates", "Anfiteatro Dorvalino Amaral"])
def test_portuguese_hall_named_after_a_person_is_the_room(room: str) -> None:
    body = f"""
    <h1>Seminário de Matemática</h1>
    <div class="card"><p>Entre grafos e redes</p><p>Marta Quelhas (UFXY)</p>
    <p>12/03/2031, às 15h00</p><p>{room}</p></div>
    <div class="card"><p>Equações de ondas rasas</p><p>Rui Pacheco Lemos (IMXY)</p>
    <p>19/03/2031, às 15h00</p><p>{room}</p></div>
    """
    assert [t.location for t in _talks(body)] == [room, room]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Porto Lindo, Freedonia | du jeudi 04 juin 2031 au samedi 06 juin 2031",
            "Porto Lindo, Freedonia",
        ),
        (
            "B 212, Université de Valmont, France | du jeudi 26 mars 2031",
            "B 212, Université de Valmont, France",
        ),
        ("Valmont - 31 mai 2031", "Valmont"),
        ("January 2031, Northgate Institute", "Northgate Institute"),
        (
            "December 23, 2031 Example Campus, Rivertown, Freedonia",
            "Example Campus, Rivertown, Freedonia",
        ),
        ("Examplia Hall · 29–30 September 2031", "Examplia Hall"),
        # negative rows: a label, a byline, a slot, a zone, an event's name, dates alone, a title
        ("Day 1: January 7, 2031", None),
        ("Data: 10 de agosto de 2031", None),
        ("Jane Quorra · 3 May 2031", None),
        ("3 May 2031 - Tomas Wendell (University of Examplia)", None),
        ("Valmont - 31 mai 2031, 14:00", None),
        ("May 11, 2031 (CET)", None),
        ("Workshop on Lattices · 4 June 2031", None),
        ("4 June 2031 – 6 June 2031", None),
        ("Geometry of curves (9 April 2031)", None),
        ("Deadline - 31 May 2031", None),
    ],
)
def test_banner_place(text: str, place: str | None) -> None:
    assert banner_place(text) == place


_PROGRAMME = """
<h2>Programme</h2>
<table>
<tr><td>10:00</td><td>Lina Orvath</td><td>Sheaves on wild curves</td></tr>
<tr><td>11:00</td><td>Piet Kalmus</td><td>Moduli of tangled knots</td></tr>
</table>
"""


def test_banner_above_the_programme_places_its_talks() -> None:
    body = "<h1>Journées Examplia 2031</h1><p>Porto Lindo, Freedonia | 4 juin 2031</p>"
    assert {t.location for t in _talks(body + _PROGRAMME)} == {"Porto Lindo, Freedonia"}


def test_event_head_record_places_its_talks() -> None:
    body = "<h1>Second Workshop on Tangled Curves</h1><p>January 2031, Northgate Institute</p>"
    assert {t.location for t in _talks(body + _PROGRAMME)} == {"Northgate Institute"}


def test_navbar_brand_places_its_talks_by_its_shortest_reading() -> None:
    chrome = '<nav><a class="brand">Examplia Days <span>Valmont - 31 mai 2031</span></a></nav>'
    assert {t.location for t in _talks(chrome + _PROGRAMME)} == {"Valmont"}


def test_one_room_in_the_chrome_places_its_talks() -> None:
    chrome = "<header><p>Programme</p><p>Orbis Building (room B1.07)</p></header>"
    assert {t.location for t in _talks(chrome + _PROGRAMME)} == {"Orbis Building (room B1.07)"}


def test_a_talk_entry_at_the_top_is_no_banner() -> None:
    body = """<h1>Talks</h1><ul>
    <li>2031-05-08 Tomas Wendell: Sheaves on wild curves</li>
    <li>2031-04-10 Lina Orvath: Moduli of tangled knots</li></ul>"""
    assert {t.location for t in _talks(body)} == {None}
