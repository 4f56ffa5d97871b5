"""Record-level rules of the heuristic extractor (issue 10, round 3): which lines anchor a
record, which anchors are one talk, where a record starts, and what a page gives its talks.
Pages here are written for the test; every name and title is made up."""

from __future__ import annotations

import pytest
from heuristic_support import page_lines_of

from parsers.base import Context
from parsers.common import html
from parsers.common.owner import page_owner
from parsers.heuristic import extract
from parsers.heuristic.anchors import _date_closes_entry, find_anchors, year_only
from parsers.heuristic.lines import Line, page_lines, tab_labels
from parsers.heuristic.reading import PageContext


def _lines(body: str, title: str = "Talks") -> list[Line]:
    return page_lines_of(body, title)


def _parse(body: str, title: str, url: str):
    head = f"<html lang='en'><head><title>{title}</title></head>"
    page = f"{head}<body><main>{body}</main></body></html>"
    return extract.parse(html.load(page, url), Context(url=url))


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("<ul><li>Journées de topologie, 2023</li></ul>", True),
        ("<ul><li>Séminaire LMA, Marseille (2024)</li></ul>", True),
        ('<ul><li>"A title" (Workshop on braids, 2025)</li></ul>', True),
        ("<table><tr><td><p>ICALP'22</p></td><td>A title</td></tr></table>", True),
        ("<table><tr><td><p>Nancy'19</p></td></tr></table>", True),
        ("<table><tr><td>CONF'20/21</td></tr></table>", True),
        # negative rows: a year inside the text, a paragraph, a bare number
        ("<ul><li>Since 2023 I organise the reading group</li></ul>", False),
        ("<p>Workshop on braids, 2025</p>", False),
        ("<ul><li>Room 2023</li></ul>", False),
        ("<ul><li>Slides (pdf, 12 pages)</li></ul>", False),
    ],
)
def test_year_only_entries(item: str, expected: bool) -> None:
    line = _lines(item)[0]
    assert year_only(line) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Graduate meeting on algebra and combinatorics, (virtually at) University of Oslo, "
            "Norway, 22 April 2021",
            True,
        ),
        ("Problem seminar, Lund University, Sweden, 25 March 2019.", True),
        # negative rows: a sentence with its date inside, no comma before the date
        ("The programme runs from Monday 27 May 2024 until Friday, with talks each day", False),
        ("The workshop will take place on 21 August 2018 in the main building", False),
    ],
)
def test_date_closes_entry(text: str, expected: bool) -> None:
    line = _lines(f"<p>{text}</p>")[0]
    probe = PageContext("https://x.example/", None, 2021, day_first=True)
    assert _date_closes_entry(line, probe) is expected


@pytest.mark.parametrize(
    ("title", "owner"),
    [
        ("Jana Kowalczyk -- presentations", "Jana Kowalczyk"),
        ("Talks -- Pedro Almeida", "Pedro Almeida"),
        ("Jana Kowalczyk - talks", "Jana Kowalczyk"),
        # negative rows: a series, or words joined by a hyphen
        ("Algebra Seminar -- talks", None),
        ("Self-Organised -- Lectures", None),
    ],
)
def test_owner_from_double_dash_title(title: str, owner: str | None) -> None:
    root = html.load(f"<html><head><title>{title}</title></head><body><p>x</p></body></html>")
    found = page_owner(root)
    assert (found.name if found else None) == owner


TABS = """<ul><li><a href="#a">Spring 2016</a></li><li><a href="#b">Fall 2015</a></li></ul>
<div id="a"><p>one</p></div><div id="b"><p>two</p></div>
<ul><li><a href="#c">Contact</a></li><li><a href="#d">News</a></li></ul>
<div id="c"><p>three</p></div><div id="d"><p>four</p></div>
<p><a href="#e">Fall 2014</a></p><div id="e"><p>five</p></div>"""


def test_tab_labels_head_their_panels() -> None:
    root = html.load(f"<html><body>{TABS}</body></html>")
    labels = sorted(label for _panel, label in tab_labels(root).values())
    assert labels == ["Fall 2015", "Spring 2016"]  # not "Contact"/"News"; not a lone link
    texts = [(line.text, line.heading) for line in page_lines(root)]
    assert texts.index(("Spring 2016", 4)) < texts.index(("one", 0))
    assert texts.index(("Fall 2015", 4)) < texts.index(("two", 0))


NEWS = """<h1>Logic Seminar</h1>
<div class="item"><div class="bar"><a href="/n/1">2024-12-12 Talk: Effects</a>
<div class="spacer"></div><span class="date">December 12, 2024</span></div>
<ul><li>Title: Effects and handlers for differentiation</li><li>Speaker: Ana Ruiz</li>
<li>Time: 4:00-5:00 pm</li></ul></div>
<div class="item"><div class="bar"><a href="/n/2">2024-10-17 Talk: Compilers</a>
<div class="spacer"></div><span class="date">October 17, 2024</span></div>
<ul><li>Title: A verified optimising compiler</li><li>Speaker: Ben Okafor</li>
<li>Time: 4:00-5:00 pm</li></ul></div>"""


def test_a_date_repeated_in_one_block_is_one_anchor() -> None:
    result = _parse(NEWS, "Logic Seminar", "https://logic.example.edu/")
    assert [(t.starts_at[:16], [s.name for s in t.speakers]) for t in result.talks] == [
        ("2024-12-12T16:00", ["Ana Ruiz"]),
        ("2024-10-17T16:00", ["Ben Okafor"]),
    ]


SLOTS = """<h1>Workshop programme</h1><div class="day">
<p>3 June 2024, 10:00 Ana Ruiz: Opening the black box</p>
<p>3 June 2024, 11:00 Ben Okafor: Closing it again</p></div>"""


def test_same_day_with_two_times_stays_two_anchors() -> None:
    probe = PageContext("https://w.example.org/", None, 2024)
    assert len(find_anchors(_lines(SLOTS), probe)) == 2
    assert len(find_anchors(_lines(NEWS), probe)) == 2  # the headline and its date: one each


YEAR_ONLY = """<h2>Talks</h2><ol>
<li><a href="/1">Winter school on lattices, 2023</a><br><i>Short vectors in ideal lattices</i></li>
<li><a href="/2">Number theory seminar, Lyon (2022)</a><br><i>Roots in number fields</i></li>
<li><a href="/3">Algorithms seminar, Caen (2022)</a><br><i>Short vectors in ideal lattices</i></li>
</ol>"""


def test_year_only_items_are_talks_of_the_owner() -> None:
    result = _parse(YEAR_ONLY, "Jana Kowalczyk -- talks", "https://jk.example.org/talks.html")
    assert len(result.talks) == 3
    assert {s.name for t in result.talks for s in t.speakers} == {"Jana Kowalczyk"}
    assert all(t.starts_at is None for t in result.talks)


def test_year_only_items_need_a_talks_page() -> None:
    page = YEAR_ONLY.replace("<h2>Talks</h2>", "<h2>Publications</h2>")
    result = _parse(page, "Jana Kowalczyk -- publications", "https://jk.example.org/pubs.html")
    assert result.talks == []


REPEATS = "".join(
    f"<tr><td><p>{label}</p></td><td><a href='/s{k}.pdf'>{title}</a></td></tr>"
    for k, (label, title) in enumerate(
        [
            ("CONF'22", "Counting extensions of linear arithmetic."),
            ("LOGIC'21", "Local quantifiers in modal logic."),
            ("Lyon'19", "Counting extensions of linear arithmetic."),
            ("Nancy'19", "Local quantifiers in modal logic."),
            ("Caen'18", "Reachability in separation logic."),
        ]
    )
)


def test_a_title_given_at_several_venues_is_still_a_list_of_talks() -> None:
    """Distinct titles need only be half the titles for a best reading (a club's calendar
    repeats one name for most entries); below that nothing is returned."""
    result = _parse(f"<table>{REPEATS}</table>", "Talks", "https://x.example.org/talks.html")
    assert len(result.talks) == 5 and result.confidence < 0.5
    same = "Counting extensions of linear arithmetic."
    club = REPEATS.replace("Reachability in separation logic.", same)
    club = club.replace("Local quantifiers in modal logic.", same)
    result = _parse(f"<table>{club}</table>", "Talks", "https://x.example.org/talks.html")
    assert result.talks == []


def test_a_series_line_read_as_a_record_still_gives_the_time() -> None:
    page = """<h1>Analysis Colloquium</h1><p class="lead">Fridays 4:00-5:00 PM Eastern Time</p>
    <p>Room 455</p>
    <div class="row"><div class="col">February 7, 2025</div><div class="col">
    <p>Speaker: Ana Ruiz (Some University)</p><p>Title: Discrete approximation</p></div></div>
    <div class="row"><div class="col">March 21, 2025</div><div class="col">
    <p>Speaker: Ben Okafor (Other University)</p><p>Title: Thin spectra</p></div></div>"""
    result = _parse(page, "Analysis Colloquium", "https://a.example.edu/colloquium.html")
    assert [t.starts_at for t in result.talks] == [
        "2025-02-07T16:00:00-05:00",
        "2025-03-21T16:00:00-04:00",
    ]
    assert extract.is_talk(result.talks[0])
