"""Record-structure rules from the round-3 misses (issue 10): hidden citation exports,
citation-style entries, a month alone under a year heading, rows of link buttons, field
labels set as headings, one talk per labelled card, paper rows under a session row, and
chairs named on a session's line. Strings and pages are made up; negative rows must NOT match.
Whole pages in these shapes are in tests/fixtures/generic/records-*."""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html
from parsers.heuristic import extract
from parsers.heuristic.anchors import citation_title, find_anchors, is_month_name, year_only
from parsers.heuristic.extract import PAPER_NUMBER
from parsers.heuristic.labels import ROLE_TAIL, label_of
from parsers.heuristic.lines import Line, links_only, page_lines
from parsers.heuristic.reading import PageContext
from parsers.heuristic.records import find_records
from parsers.heuristic.titles import _more_credited
from parsers.talk import Speaker

URL = "https://x.example/talks/"


def _lines(body: str) -> list[Line]:
    return page_lines(html.load(f"<html><body>{body}</body></html>", URL))


def _parse(body: str, title: str = "Seminar programme"):
    head = f"<html lang='en'><head><title>{title}</title></head>"
    page = f"{head}<body><main>{body}</main></body></html>"
    return extract.parse(html.load(page, URL), Context(url=URL))


# --------------------------------------------------------------------------- lines


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        # a hidden block holding only preformatted text (BibTeX behind a "bib" button): left out
        (
            '<p>Entry</p><div style="display: none"><pre>@misc{k, year={2020}}</pre></div>',
            ["Entry"],
        ),
        ('<p>Entry</p><pre style="display:none">author = {Doe}</pre>', ["Entry"]),
        ('<p>Entry</p><div style="visibility:hidden"><code>x = 1</code></div>', ["Entry"]),
        # BibTeX printed for all to see is still no line of the page's talks
        ("<p>Entry</p><pre>@inproceedings{doe20,\n title={T}}</pre>", ["Entry"]),
        # negative rows: hidden prose is content a click reveals (an abstract, older talks)
        (
            '<p>Entry</p><div style="display:none"><p>We study sparse graphs.</p></div>',
            ["Entry", "We study sparse graphs."],
        ),
        ("<p>Entry</p><pre>10:00 Opening</pre>", ["Entry", "10:00 Opening"]),
    ],
)
def test_machine_text_is_not_read(body: str, shown: list[str]) -> None:
    assert [line.text for line in _lines(body)] == shown


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<p><a href="/v">Video</a> / <a href="/s">Slides</a></p>', True),
        ('<p><a href="/v">YouTube video</a> <a href="/s">Powerpoint Presentation</a></p>', True),
        ('<p><a href="/v"><i class="icon"></i> Video</a> · <a href="/s">PDF</a></p>', True),
        # negative rows: a title is one link, or words with a link beside them
        ('<p><a href="/t">Sparse spectral methods</a></p>', False),
        ('<p><a href="/t"><em>Deep</em> learning</a></p>', False),
        ('<p>Sparse spectral methods <a href="/s">slides</a> <a href="/v">video</a></p>', False),
        ('<p><a href="/t">Sparse spectral methods for PDEs</a> <a href="/s">slides</a></p>', False),
    ],
)
def test_links_only(markup: str, expected: bool) -> None:
    assert links_only(_lines(markup)[0]) is expected


# --------------------------------------------------------------------------- anchors


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("<li><div>Doe, J. (2021). Title of the talk. Venue, Country.</div></li>", True),
        ("<li>Doe, J., &amp; Roe, K. (2019). Title. Workshop, City.</li>", True),
        ("<li>Dupont-Roy, M.-A. (2020a). Titre. Journées, France.</li>", True),
        # negative rows: no initials before the year, a year that is not in brackets, not an item
        ("<li>Seminar (2023) was held in Oslo and went well</li>", False),
        ("<li>Doe (2021). Title. Venue.</li>", False),
        ("<li>Doe, J. 2021. Title. Venue.</li>", False),
        ("<p>Doe, J. (2021). Title. Venue, Country.</p>", False),
    ],
)
def test_year_only_reads_citation_entries(item: str, expected: bool) -> None:
    assert year_only(_lines(f"<ul>{item}</ul>")[0]) is expected


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        ("Doe, J. (2021). Sampling in panels; Workshop on Surveys, Chile.", "Sampling in panels"),
        ("Doe, J. (2021). Time use in Peru. 35th Meeting of X, Brazil.", "Time use in Peru"),
        (
            "Doe, J. (2015). <i>Census data, ten years on. A re-weighting</i>. Congress, Spain.",
            "Census data, ten years on. A re-weighting",
        ),
        # negative rows: not a citation entry
        ("Sampling in panels. Workshop on Surveys, Chile (2021).", None),
        ("Doe (2021). Sampling in panels.", None),
    ],
)
def test_citation_title(markup: str, title: str | None) -> None:
    line = _lines(f"<p>{markup}</p>")[0]
    assert citation_title(line.text, line.fragments) == title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October", True),
        ("March", True),
        ("Sept.", True),
        ("(Août)", True),
        # negative rows: a date, words, a lowercase word that is also a month
        ("October 5", False),
        ("Marching band", False),
        ("may", False),
        ("Mo", False),
    ],
)
def test_is_month_name(text: str, expected: bool) -> None:
    assert is_month_name(text) is expected


_YEARS = (
    "<h2>2024</h2><p><b>June 3</b></p><p>Talk at the harbour forum</p>"
    "<p><b>October</b></p><p>Talk at the city library</p>"
    "<h2>2022</h2><p><b>March</b></p><p>Talk at the rotary club</p>"
)


def _anchored(body: str, year_groups: bool) -> list[str]:
    lines = _lines(body)
    probe = PageContext(URL, None, 2024)
    return [a[0].text for a in find_anchors(lines, probe, year_groups=year_groups)]


def test_a_month_alone_under_a_year_heading_anchors_a_talk() -> None:
    assert _anchored(_YEARS, year_groups=True) == ["June 3", "October", "March"]


def test_a_month_alone_needs_a_talks_page_and_a_year_heading() -> None:
    assert _anchored(_YEARS, year_groups=False) == ["June 3"]
    no_year = "<h2>Recent</h2><p><b>June 3</b></p><p>Talk A</p><p><b>October</b></p><p>Talk B</p>"
    assert _anchored(no_year, year_groups=True) == ["June 3"]


def test_a_lone_time_line_under_a_date_still_joins_it() -> None:
    body = "<h4>March 5</h4><p>4:00-5:00 p.m., Room 306</p><p>Jane Doe: Title</p>"
    assert _anchored(body, year_groups=False) == ["March 5"]


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Authors", "speaker"),
        ("Auteurs", "speaker"),
        ("Lieu et date", "location"),
        ("Place and date", "location"),
        ("Date and time", "date"),
        ("Date & Time", "date"),
        ("座長", "ignore"),
        ("主持人", "ignore"),
        # negative rows: one author of a paper read in a reading group is no speaker
        ("Author", None),
        ("Co-authors", "ignore"),
        ("Authorship", None),
    ],
)
def test_labels(label: str, kind: str | None) -> None:
    assert label_of(label) == kind


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("午前＜１＞ ¶ 座長: 山田 花子 (東大)", "午前＜１＞ ¶ "),
        ("Session 2 · Chair: Jane Doe", "Session 2 "),
        ("Session B – Session chair: Jane Doe (MIT)", "Session B "),
        ("Contributed talks (Chair: Bo Li)", "Contributed talks "),
        # negative rows: the word in a title, or a label at the line's start (read as a label)
        ("Musical Chairs: a game of allocation", None),
        ("Tables and chairs: design", None),
        ("Chair: Jane Doe", None),
    ],
)
def test_role_tail(text: str, cut: str | None) -> None:
    match = ROLE_TAIL.search(text)
    assert (text[: match.start()] if match else None) == cut


def test_a_chaired_session_heading_is_no_talk() -> None:
    body = (
        "<h2>Morning 1 · 9:30-10:50 · Chair: Hana Mori (Kyoto U)</h2>"
        "<div><p>9:30-10:10</p><p>Graph kernels for text</p><p>Ken Aoki (Osaka U)</p></div>"
        "<div><p>10:10-10:50</p><p>Parsing with small models</p><p>Yui Sato (Tohoku U)</p></div>"
        "<h2>Morning 2 · 11:00-12:20 · Chair: Ken Aoki (Osaka U)</h2>"
        "<div><p>11:00-11:40</p><p>Corpora of spoken dialogue</p><p>Mei Ito (NINJAL)</p></div>"
    )
    talks = _parse(body).talks
    assert [t.title for t in talks] == [
        "Graph kernels for text",
        "Parsing with small models",
        "Corpora of spoken dialogue",
    ]


# --------------------------------------------------------------------------- records


def _records(body: str) -> list[list[str]]:
    root = html.load(f"<html><body>{body}</body></html>", URL)
    alive = list(root.iter())  # records are keyed by id(element): keep every proxy alive
    lines = page_lines(root)
    anchors = find_anchors(lines, PageContext(URL, None, 2024))
    owner = find_records(lines, anchors)
    groups: dict[int, list[str]] = {}
    for line in lines:
        if line.index in owner:
            groups.setdefault(owner[line.index], []).append(line.text)
    del alive
    return list(groups.values())


_CARD = (
    '<div class="post"><h3>{head}</h3><div class="ribbon"><p>{posted} 2019</p></div>'
    "<h4>Speaker</h4><p>{name} (Lund University)</p><h4>Date</h4><p>{day} 2019, 14:00</p></div>"
)


def test_a_labelled_card_is_one_record() -> None:
    body = _CARD.format(head="Wave guides", posted="2 March", name="Petra Lind", day="7 March")
    body += _CARD.format(head="Heat flow", posted="1 Feb", name="Omar Haddad", day="14 Feb")
    records = _records(body)
    assert len(records) == 2
    assert records[0][0] == "Wave guides" and "7 March 2019, 14:00" in records[0]


def test_a_lone_section_or_an_agenda_is_no_card() -> None:
    # "When" / "Where" headings over an agenda: one block, several times, not one talk
    body = (
        "<div><h1>When</h1><p>Monday, 10 December 2018, 09:00-13:00</p><h1>Where</h1>"
        "<p>Room 4</p><ul><li>09:20: Jane Doe (CNRS), Phase transitions</li>"
        "<li>10:00: Bo Li (ENS), Random matrices</li></ul></div>"
    )
    assert len(_records(body)) == 3


_ROWS = (
    "<table><thead><tr><th>Time</th><th>Activity</th><th>Speaker</th></tr></thead><tbody>"
    "<tr><td>10:00 - 11:00</td><td>Session 1</td><td></td></tr>"
    "<tr><td></td><td>Paper #12</td><td>Ravi Menon</td></tr>"
    "<tr><td></td><td>Paper #27</td><td>Sofia Lind</td></tr>"
    "<tr><td>11:00 - 12:00</td><td>Graph limits</td><td>Jane Doe</td></tr>"
    "<tr><td></td><td>Abstract: we study limits of dense graphs.</td><td></td></tr>"
    "</tbody></table>"
)


def test_paper_rows_under_a_session_row_are_records_of_their_own() -> None:
    records = _records(_ROWS)
    assert ["Paper #12", "Ravi Menon"] in records
    assert ["Paper #27", "Sofia Lind"] in records
    assert ["10:00 - 11:00", "Session 1"] in records
    # negative: a following row with no speaker of its own stays with its talk
    assert [
        "11:00 - 12:00",
        "Graph limits",
        "Jane Doe",
        "Abstract: we study limits of dense graphs.",
    ] in records


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("Paper#151 (15 minutes)", "151"),
        ("Paper #12", "12"),
        ("Submission 7", "7"),
        ("#44", "44"),
        # negative rows: a number inside a real title, or no marker
        ("12 ways to fail", None),
        ("Paper airplanes #2: a physics view", None),
        ("Session 1", None),
    ],
)
def test_paper_number_placeholder(title: str, number: str | None) -> None:
    match = PAPER_NUMBER.match(title)
    assert (match.group(1) if match else None) == number


@pytest.mark.parametrize(
    ("first", "found", "expected"),
    [
        ([Speaker("Ann Lee", "MIT")], [Speaker("Bo Li", "ENS")], True),
        # negative rows: a loose line after a speaker, the same person again, nobody yet
        ([Speaker("Ann Lee", "MIT")], [Speaker("Bo Li", None)], False),
        ([Speaker("Ann Lee", None)], [Speaker("Bo Li", "ENS")], False),
        ([Speaker("Ann Lee", "MIT")], [Speaker("Ann Lee", "MIT")], False),
        ([], [Speaker("Bo Li", "ENS")], False),
    ],
)
def test_more_credited(first: list, found: list, expected: bool) -> None:
    assert _more_credited(first, found) is expected
