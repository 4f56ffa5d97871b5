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


# ------------------------------------------------------------------ a person's site, a talks page

_CARDS = [
    ("Folding paper cranes quickly", ["Paper", "Folds", "Cranes"]),
    ("Counting lattice points", ["Lattices", "Polytopes"]),
    ("Orbits of finite groups", []),
    ("Tiling the plane with pentagons", ["Tilings", "Pentagons", "Symmetry", "Proofs"]),
]


def _card(title: str, topics: list[str]) -> str:
    bullets = "".join(f"<li>{topic} in depth and more</li>" for topic in topics)
    return (
        f"<article><div class='card'><div class='card-header'><a href='/s/{len(title)}'>{title}"
        "</a></div><div class='card-body'>In this talk we look at a pleasant question and "
        f"answer it by hand.<ul>{bullets}</ul></div><div class='card-footer'>"
        f"<a class='button' href='/s/{len(title)}'>Slides</a></div></div></article>"
    )


def _person_site(first_section: str) -> str:
    cards = "".join(_card(title, topics) for title, topics in _CARDS)
    return (
        f"<section><h2>{first_section}</h2><p>I teach courses on many subjects, at your "
        "company, for your team.</p></section>"
        f"<section><h2>Palestras</h2><h3>Slides of my talks</h3>{cards}</section>"
    )


def test_a_series_word_heading_a_section_of_a_persons_talks_page() -> None:
    """A page titled with one person's name at ".../palestras/" whose first heading is a
    section's ("Workshops": the courses they teach) is still that person's talks page."""
    url = "https://x.example/palestras/"
    root = html.load(_page(_person_site("Workshops"), "Jane Roe"), url)
    assert personal_talks_page(root, url)
    talks = _talks(_person_site("Workshops"), "Jane Roe", url)
    assert [t.title for t in talks] == [title for title, _ in _CARDS]
    assert {s.name for t in talks for s in t.speakers} == {"Jane Roe"}


def test_a_series_page_stays_a_series_page() -> None:
    """Negative rows: the title names a series, the address names none of talks, or the
    title is no one person's name."""
    body = _person_site("Workshops")
    for title, url in [
        ("Seminar | Jane Roe", "https://x.example/palestras/"),
        ("Jane Roe", "https://x.example/workshops/"),
        ("Jane Roe", "https://x.example/cursos/"),
        ("Geometry Group", "https://x.example/palestras/"),
    ]:
        assert not personal_talks_page(html.load(_page(body, title), url), url), (title, url)


def test_a_cards_own_bullet_list_is_no_list_of_entries() -> None:
    """The bullets inside the cards outnumber the cards: they are part of them, and the
    cards are the talks."""
    url = "https://x.example/talks/"
    talks = _talks(_person_site("Courses"), "Jane Roe", url)
    assert [t.title for t in talks] == [title for title, _ in _CARDS]


def test_cards_in_grid_rows_are_still_the_entries() -> None:
    """Negative row: the rows of a card grid hold the cards and nothing else; the cards, not
    the rows, are the entries, however few rows there are."""
    cards = [
        f"<div class='col'><div class='card'><h5>{title}</h5><p>Given at a meeting "
        f"somewhere, {k}.</p></div></div>"
        for k, (title, _) in enumerate(_CARDS * 2)
    ]
    rows = "".join(
        f"<div class='row'>{''.join(cards[k : k + 3])}</div>" for k in range(0, len(cards), 3)
    )
    talks = _talks(f"<h1>Talks</h1>{rows}", "Talks | Jane Roe", "https://x.example/talks/")
    assert len(talks) == 2 * len(_CARDS)
