"""Records (round 10): pages the extractor refused although they list talks. Pages and
strings here are written for the test; every name and title is made up."""

from __future__ import annotations

from parsers.base import Context
from parsers.common import html
from parsers.common.owner import personal_talks_page
from parsers.heuristic.columns import column_of
from parsers.heuristic.extract import parse

URL = "https://x.example/"


def _page(body: str, title: str = "Talks") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def _talks(body: str, title: str = "Talks", url: str = URL) -> list:
    return parse(html.load(_page(body, title), url), Context(url)).talks


# ------------------------------------------------------------------ a transliterated slug


def test_transliterated_umlaut_in_the_file_name_names_a_talks_page() -> None:
    """German 'Vorträge' written 'vortraege' in a file name (umlauts are often spelled out in
    URLs): the page is a personal list of talks, whose owner gives every talk."""
    body = (
        "<h1>Erika Beispiel</h1><h3>2021</h3>"
        "<h4>Über das Falten von Papier</h4><p>Vortrag an der Universität Irgendwo, 4.3.2021</p>"
        "<h4>Gitterpunkte zählen</h4><p>Vortrag beim Kolloquium Nirgendwo, 12.5.2021</p>"
        "<h4>Endliche Gruppen</h4><p>Vortrag auf der Tagung Anderswo, 1.-2.7.2021</p>"
    )
    root = html.load(_page(body, "Dr. Erika Beispiel"), URL)
    assert personal_talks_page(root, "https://x.example/vortraege.html")
    assert not personal_talks_page(root, "https://x.example/lehre.html")
    talks = _talks(body, "Dr. Erika Beispiel", "https://x.example/vortraege.html")
    assert [t.starts_at for t in talks] == ["2021-03-04", "2021-05-12", "2021-07-01"]
    assert {s.name for t in talks for s in t.speakers} == {"Erika Beispiel"}


# ------------------------------------------------------------------ cells spanning rows

_AGENDA = (
    "<table><tr><th></th><th>Time</th><th>Talk</th><th>Chair</th></tr>"
    "<tr><td rowspan='2'>Morning</td><td>9:00</td><td>Opening</td><td>Ann Chair</td></tr>"
    "<tr><td>9:30</td><td>Folding paper cranes</td><td>Ann Chair</td></tr>"
    "</table>"
)


def test_a_cell_spanning_rows_moves_the_columns_of_the_rows_below() -> None:
    """A first column spanning rows ("Morning") takes its place in every row it covers: the
    second row's cells sit under "Time", "Talk" and "Chair", not one column to the left."""
    root = html.load(_page(_AGENDA), URL)
    cells = root.xpath("//td")
    headers: dict = {}
    assert [column_of(cell, headers) for cell in cells] == [
        "",
        "time",
        "talk",
        "chair",
        "time",
        "talk",
        "chair",
    ]


def test_spans_across_columns_and_rows_together() -> None:
    table = (
        "<table><tr><th>A</th><th>B</th><th>C</th></tr>"
        "<tr><td rowspan='2' colspan='2'>ab</td><td>c1</td></tr>"
        "<tr><td>c2</td></tr><tr><td>a3</td><td>b3</td><td>c3</td></tr></table>"
    )
    cells = html.load(_page(table), URL).xpath("//td")
    headers: dict = {}
    assert [column_of(cell, headers) for cell in cells] == ["a", "c", "c", "a", "b", "c"]
