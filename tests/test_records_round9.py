"""Titles (round 9): the page's title slot. Pages and
strings here are written for the test; every name and title is made up."""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html
from parsers.heuristic.extract import parse

URL = "https://x.example/"

_TITLES = ["Folding paper cranes quickly", "Counting lattice points", "Orbits of finite groups"]


def _talks(body: str, title: str = "Talks") -> list:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return parse(html.load(page, URL), Context(URL)).talks


def _list(entry: str, count: int = 3) -> str:
    items = "".join(
        "<li>" + entry.format(day=3 + k, t=_TITLES[k], n=k) + "</li>" for k in range(count)
    )
    return f"<h1>Talks</h1><h2>2024</h2><ul>{items}</ul>"


def _table(entry: str, count: int = 3) -> str:
    rows = "".join(
        f"<tr><td>{3 + k:02d}/03/2024</td><td>" + entry.format(t=_TITLES[k], n=k) + "</td></tr>"
        for k in range(count)
    )
    return f"<h1>Talks</h1><table>{rows}</table>"


def _divs(entry: str, count: int = 3) -> str:
    cards = "".join(
        f'<div class="talk"><p>March {3 + k}, 2024</p><p>'
        + entry.format(t=_TITLES[k], n=k)
        + "</p></div>"
        for k in range(count)
    )
    return f"<h1>Talks</h1><div>{cards}</div>"


# ------------------------------------------------------------------ the page's title slot

_AFTER = (
    " (<a href='https://x.example/s{n}.pdf'>Slides</a>) at <em>Meeting number {n}</em>, Townsville"
)
_PLACE = (
    "Invited <strong>{t}</strong> (<a href='https://x.example/s{n}.pdf'>Slides</a>) at "
    "<a href='https://x.example/e{n}'>Workshop number {n}</a>, Townsville"
)


@pytest.mark.parametrize(
    "body",
    [
        _list("Mar {day}: <b>{t}</b>" + _AFTER),  # a date, the bold title, files and venue
        _list("Mar {day}: Keynote <b>{t}</b>" + _AFTER),  # one word before the slot
        _table(_PLACE),  # the title cell of a table
        _divs(_PLACE),  # a card's paragraph
    ],
)
def test_title_slot_cuts_the_line_to_its_slot(body: str) -> None:
    assert [t.title for t in _talks(body)] == _TITLES


@pytest.mark.parametrize(
    "body",
    [
        # the emphasised piece repeats in every entry: a label, not a title
        _list("Mar {day}: {t}, <em>Invited lecture series</em>, Townsville"),
        _table("{t}, <em>Invited lecture series</em>, Townsville"),
        # the plain title comes first, the slot after it is the venue
        _list("Mar {day}: {t}, <em>Meeting number {n}</em>, Townsville"),
        _divs("{t} at <em>Meeting number {n}</em>, Townsville"),
    ],
)
def test_title_slot_leaves_other_shapes(body: str) -> None:
    titles = [t.title or "" for t in _talks(body)]
    assert len(titles) == 3
    assert all(title.startswith(_TITLES[k]) for k, title in enumerate(titles))
    assert not any(title.startswith(("Invited", "Meeting")) for title in titles)


def test_title_slot_needs_several_entries() -> None:
    """Two entries are no template: the line is read as before."""
    body = _list("Mar {day}: <b>{t}</b> (draft) at <em>Meeting number {n}</em>, Townsville", 2)
    assert all("Meeting number" in (t.title or "") for t in _talks(body))
