"""Round-10 rules for dates, times, zones and places: "Beijing Time" and "UTC/GMT +8" name a
zone. Pages and strings here are written for the test; every name, title and place is made
up."""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html, zones
from parsers.heuristic import extract
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
