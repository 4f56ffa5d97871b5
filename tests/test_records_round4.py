"""Record and title rules of the heuristic extractor (issue 10, round 4): a time repeated in
other zones in one cell, sessions listing papers, pages grouped by title, inline boxes glued
together, and what is cut from a title. Pages and strings are written for the test; every
name and title is made up."""

from __future__ import annotations

import pytest
from heuristic_support import page_lines_of

from parsers.base import Context
from parsers.common import html
from parsers.heuristic import extract
from parsers.heuristic.cleanup import BOX_LABEL, looks_like_place, session_head, tidy_title
from parsers.heuristic.headings import governing_title
from parsers.heuristic.lines import Line
from parsers.heuristic.sessions import _authors_and_title, zone_repeats


def _lines(body: str, title: str = "Programme") -> list[Line]:
    return page_lines_of(body, title)


def _parse(body: str, title: str, url: str = "https://x.example/talks/"):
    head = f"<html lang='en'><head><title>{title}</title></head>"
    page = f"{head}<body><main>{body}</main></body></html>"
    return extract.parse(html.load(page, url), Context(url=url)).talks


@pytest.mark.parametrize(
    ("cell", "anchors"),
    [
        ("9:00am<br><span>3:00am EDT</span>", 1),
        ("14:00<br>13:00 UTC<br>08:00 EST", 1),
        ("10am ET<br>4pm CET", 1),
        # negative rows: two slots (no zone, one zone), a zone line that says more
        ("9:00<br>10:00", 2),
        ("9:00 CET<br>10:00 CET", 2),
        ("9:00<br>10:00 EDT Lunch with the speakers", 2),
    ],
)
def test_zone_repeats_are_one_anchor(cell: str, anchors: int) -> None:
    lines = _lines(f"<table><tr><td>{cell}</td><td>Talk</td></tr></table>")
    timed = [[line] for line in lines if line.element.tag == "td" and line.text != "Talk"]
    assert len(zone_repeats(timed)) == anchors


def test_zone_repeats_in_other_cells_stay_apart() -> None:
    lines = _lines("<table><tr><td>9:00</td><td>15:00 CET</td></tr></table>")
    assert len(zone_repeats([[line] for line in lines])) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ana Ruiz and Bo Lind. Tidal turbines in shallow bays", True),
        ("Ana Ruiz, Bo Lind and Cem Kaya. Sediment transport at scale", True),
        ("Ana Ruiz - Tidal turbines in shallow bays", True),
        # negative rows: a title alone, names alone, a sentence
        ("Tidal turbines in shallow bays", False),
        ("Ana Ruiz and Bo Lind", False),
        ("Welcome and introduction. Coffee will be served", False),
    ],
)
def test_one_line_paper(text: str, expected: bool) -> None:
    assert _authors_and_title(text) is expected


SESSION = """
<h2>Monday, 3 March 2025</h2>
<table><tr><th>Time</th><th>Activity</th></tr>
<tr><td>10:00</td><td><p><b>Session A: Coasts</b></p><p>Chair: Ines Moll</p><ul>
<li>Ana Ruiz - Tidal turbines in shallow bays</li>
<li>Cem Kaya - Sediment transport at scale</li></ul></td></tr>
<tr><td>11:00</td><td><p><b>Estuaries in a warming climate</b></p><p>Dora Feld (Lake Institute)</p>
<p>Abstract: we revisit earlier work.</p><ul>
<li>Ana Ruiz - Tidal turbines in shallow bays</li>
<li>Cem Kaya - Sediment transport at scale</li></ul></td></tr>
<tr><td>12:00</td><td><p><b>Session B: Reading list</b></p><ul>
<li>Ana Ruiz - Turbines in the 2019 floods revisited</li>
<li>Cem Kaya - Sediment maps from 2021 onwards</li></ul></td></tr>
</table>"""


def test_session_papers_are_talks_but_not_a_talks_references() -> None:
    talks = _parse(SESSION, "Workshop programme")
    titles = [t.title for t in talks]
    # the 10:00 session: one talk per paper, the session itself no talk
    assert titles[:2] == ["Tidal turbines in shallow bays", "Sediment transport at scale"]
    assert "Session A: Coasts" not in titles
    # negative: a talk whose own lines name its speaker keeps its list (references) inside it
    assert "Estuaries in a warming climate" in titles
    assert titles.count("Tidal turbines in shallow bays") == 1
    # negative: items that give years are a reading list: the 12:00 row stays one record
    assert len([t for t in talks if (t.starts_at or "").endswith("12:00:00")]) == 1


GROUPED = """
<h2>Sparse Solvers for Coupled Ocean Models</h2>
<ul><li><span>Harbor Computing Lab</span><span class="when">May 2024</span></li></ul>
<h2>Learning Boundary Conditions from Buoy Data</h2>
<ul><li><span>Blue Current Analytics</span><span class="when">October 2023</span></li></ul>"""


def test_heading_over_occasions_titles_them() -> None:
    talks = _parse(GROUPED, "Talks · Irene Castellanos", "https://icastellanos.example.net/talks/")
    assert [t.title for t in talks] == [
        "Sparse Solvers for Coupled Ocean Models",
        "Learning Boundary Conditions from Buoy Data",
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (GROUPED, "Sparse Solvers for Coupled Ocean Models"),
        # negative rows: section names, a year, a person, a heading over one list only, a
        # heading with text between it and the list
        (GROUPED.replace("Sparse Solvers for Coupled Ocean Models", "Invited talks"), None),
        (
            GROUPED.replace("Sparse Solvers for Coupled Ocean Models", "Conference presentations"),
            None,
        ),
        (GROUPED.replace("Sparse Solvers for Coupled Ocean Models", "Spring 2024"), None),
        (GROUPED.replace("Sparse Solvers for Coupled Ocean Models", "Irene Castellanos"), None),
        (GROUPED.split("<h2>Learning")[0], None),
        (
            GROUPED.replace(
                "</h2>\n<ul><li><span>Harbor", "</h2><p>Given at:</p><ul><li><span>Harbor"
            ),
            None,
        ),
    ],
)
def test_governing_title(body: str, expected: str | None) -> None:
    lines = _lines(body)
    item = next(line for line in lines if line.element.tag == "li")
    assert governing_title([item]) == expected


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (
            '<li><span>Harbor Lab</span><span class="when">May 2024</span></li>',
            "Harbor Lab May 2024",
        ),
        ('<p><time class="d">12</time><span class="m">May</span></p>', "12 May"),
        # negative rows: text between the boxes, no class on either, a box's tail glued on
        (
            '<li><span>Harbor Lab</span>, <span class="when">May 2024</span></li>',
            "Harbor Lab, May 2024",
        ),
        ("<p><span>Semi</span><span>nar</span></p>", "Seminar"),
        ('<p><span class="cap">S</span>eminar</p>', "Seminar"),
    ],
)
def test_glued_inline_boxes_keep_a_space(body: str, text: str) -> None:
    assert _lines(body)[0].text == text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("[T4] - Measuring lag in container images", "Measuring lag in container images"),
        ("[12] Measuring lag", "Measuring lag"),
        ("2. Graph colourings and entropy", "Graph colourings and entropy"),
        ("Keynote 2: TBA", "TBA"),
        ("Contributed talk 3: Fair scheduling of nurses", "Fair scheduling of nurses"),
        ("Invited talk: Quantum walks", "Quantum walks"),
        ("Keynote: Oceans and us", "Oceans and us"),
        ("Wave loads on platforms {slides} (long)", "Wave loads on platforms"),
        ("Grid integration {slide, code} (short)", "Grid integration"),
        ("Fair optimisation (ICML Video)", "Fair optimisation"),
        ("Coming of age(slides)", "Coming of age"),
        # negative rows: the slot name alone, numbers that belong to the title, a colon title
        ("Talk 1", "Talk 1"),
        ("3D printing of bones", "3D printing of bones"),
        ("1.5 degrees and what follows", "1.5 degrees and what follows"),
        ("2001: A space odyssey revisited", "2001: A space odyssey revisited"),
        ("Talking heads: a study", "Talking heads: a study"),
        ("The long and short of it (long)", "The long and short of it"),
        ("Sessions (short and long) in review", "Sessions (short and long) in review"),
    ],
)
def test_tidy_title(title: str, expected: str) -> None:
    assert tidy_title(title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Session 2: Coastal models", True),
        ("Session 3 (On-site; , )", True),
        ("Track B", True),
        # negative rows: titles that start with the word
        ("Sessions of the parliament and their records", False),
        ("Session types in concurrency", False),
        ("Trackers for migrating birds", False),
    ],
)
def test_session_head(text: str, expected: bool) -> None:
    assert session_head(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Next colloquium", True),
        ("Upcoming talks", True),
        ("Past seminars", True),
        ("Upcoming", True),
        # negative rows: titles that start with such a word
        ("Next generation sequencing", False),
        ("Past climates and future oceans", False),
        ("Recent advances in sparse solvers", False),
    ],
)
def test_box_labels(text: str, expected: bool) -> None:
    assert bool(BOX_LABEL.match(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Evans 1015", True),
        ("Room 101", True),
        ("Building 5, room 12", True),
        # negative rows: a course-like title, a slot's title with a place word, a host and month
        ("GPUs 101", False),
        ("APIs 2", False),
        ("Session 1: Building Trust in Models", False),
        ("Keynote 2: Hall effects in graphene", False),
        ("Harbor Lab March 2025", False),
    ],
)
def test_looks_like_place_round4(text: str, expected: bool) -> None:
    assert looks_like_place(text) is expected


def test_quote_inside_a_heading_is_part_of_the_title() -> None:
    body = """
<div class="card"><h3>A survey of the «Atlas of coastal dialects» and its gaps. New ideas.</h3>
<p>12 March 2025</p><p>Speaker: Vera Holm</p></div>
<div class="card"><h3>Wave energy in «cold» seas</h3>
<p>19 March 2025</p><p>Speaker: Omar Said</p></div>"""
    titles = [t.title for t in _parse(body, "Dialect seminar")]
    assert titles[0].startswith("A survey of the «Atlas of coastal dialects»")
    # negative: a short heading around a quote is still read as a whole
    assert titles[1] == "Wave energy in «cold» seas"
