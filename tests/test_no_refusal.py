"""A page that lists talks must never give `no talks found` (issue 10): the rules that find
records on pages without full dates, and the best reading the judge returns with a low
confidence instead of nothing. Pages and strings are made up; negative rows must NOT match."""

from __future__ import annotations

import pytest

from parsers.chain import HEURISTIC_THRESHOLD, parse_document
from parsers.common import html
from parsers.heuristic.anchors import BARE_YEAR, _only_a_date, year_group_items
from parsers.heuristic.lines import BULLET, page_lines
from parsers.heuristic.reading import PageContext


def _lines(body: str):
    root = html.load(f"<html><body>{body}</body></html>", "https://example.org/")
    alive = list(root.iter())
    lines = page_lines(root)
    return lines, alive


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("• Speaker: Ana Ruiz", "Speaker: Ana Ruiz"),
        ("▪ Title", "Title"),
        ("- Opening talk", "Opening talk"),
        ("– Coffee", "Coffee"),
        # negative rows: not list decoration
        ("-3 degrees", "-3 degrees"),
        ("2-3 pm", "2-3 pm"),
        ("•", "•"),  # nothing after the glyph
        ("Date: TBA • Speaker: TBA", "Date: TBA • Speaker: TBA"),
    ],
)
def test_bullet_glyphs_are_cut(text, expected):
    assert BULLET.sub("", text) == expected


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["20", "Jan", "2026"], "20 Jan 2026"),
        (["Mar", "5"], "Mar 5"),
        (["Tue", "14", "May"], "Tue 14 May"),
        # negative rows: no day and month together, or not a date's parts
        (["2026", "Jan"], None),
        (["20", "people"], None),
        (["3", "4"], None),
        (["Jan", "Feb"], None),
    ],
)
def test_split_date_badges_join(parts, joined):
    badge = "".join(f"<div>{part}</div>" for part in parts)
    lines, _alive = _lines(f'<div class="card"><div class="date">{badge}</div><p>Talk</p></div>')
    texts = [line.text for line in lines]
    if joined:
        assert texts == [joined, "Talk"]
        assert lines[0].element.get("class") == "date"
    else:
        assert texts == [*parts, "Talk"]
    assert [line.index for line in lines] == list(range(len(lines)))


@pytest.mark.parametrize(
    ("classes", "read"),
    [
        ("mbr-section mbr-after-navbar", True),  # a block placed after the navbar
        ("content has-sidebar", True),
        # negative rows: the chrome itself
        ("navbar navbar-fixed-top", False),
        ("site-footer", False),
        ("sidebar-left", False),
    ],
)
def test_blocks_named_after_chrome_are_read(classes, read):
    lines, _alive = _lines(f'<div class="{classes}"><p>Talk on 5 March 2024</p></div>')
    assert bool(lines) is read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-05-28", True),
        ("March 5, 2024", True),
        ("(12 May 2023)", True),
        # negative rows: a room, or a date inside other words
        ("Room 2022", False),
        ("Raum 0.01", False),
        ("Main hall, 5 March 2024", False),
    ],
)
def test_only_a_date(text, expected):
    lines, _alive = _lines(f"<p>{text}</p>")
    assert _only_a_date(lines[0], PageContext("x", None, 2024)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023", True), (" 2022 ", True), ("– 2021 –", True), ("Fall 2023", False), ("12023", False)],
)
def test_bare_year(text, expected):
    assert bool(BARE_YEAR.match(text)) is expected


def test_year_group_items():
    lines, _alive = _lines(
        "<div><b>2023</b><ul><li>Graph games, Workshop on Games, Lyon.</li>"
        "<li>Timed games, Theory Day, Online.</li></ul>"
        "<b>2022</b><ul><li>Paper title. Proceedings of GAMES, pp. 1-10, 2022.</li></ul></div>"
        "<h2>Service</h2><ul><li>Reviewer for journals</li></ul>"
    )
    grouped = {lines[i].text for i in year_group_items(lines)}
    assert grouped == {"Graph games, Workshop on Games, Lyon.", "Timed games, Theory Day, Online."}


PERSONAL_YEARS = """<html><head><title>Ada Lindgren</title></head><body>
<h2>Talks</h2><div><b>2023</b><ul>
<li><b>Graph colouring in practice</b>, Combinatorics Day, Lyon, France.</li>
<li><b>Sparse cuts revisited</b>, Theory Seminar, Oslo, Norway.</li></ul>
<b>2022</b><ul><li><b>Expanders for everyone</b>, Summer School, Online.</li></ul></div>
<h2>Workshops organised</h2><ul><li>Graph Days 2021, Lyon</li></ul></body></html>"""

CLUB_CALENDAR = """<html><head><title>Annual calendar</title></head><body>
<h1>Club calendar 2026</h1><table>
<tr><td>18 Jan 2026</td><td>Monthly meeting and exchange</td></tr>
<tr><td>15 Feb 2026</td><td>Monthly meeting and exchange</td></tr>
<tr><td>15 Mar 2026</td><td>Monthly meeting and exchange</td></tr>
<tr><td>19 Apr 2026</td><td>Monthly meeting and exchange</td></tr></table></body></html>"""

AGENDA_NO_NAMES = """<html><head><title>Tenth salon</title></head><body>
<h3>Programme</h3>
<p>14:00-14:50</p><p>From content to services</p>
<p>15:00-15:50</p><p>Classifying information</p>
<p>16:00-16:50</p><p>Systems in production</p></body></html>"""


def test_year_groups_on_a_personal_page_are_talks():
    result = parse_document(PERSONAL_YEARS, "https://ada.example.org/talks.html")
    assert [t.speakers[0].name for t in result.talks] == ["Ada Lindgren"] * 3


def test_a_talk_list_without_names_gets_its_best_reading_flagged():
    result = parse_document(AGENDA_NO_NAMES, "https://salon.example.org/seminar.html")
    assert len(result.talks) == 3
    assert result.confidence < HEURISTIC_THRESHOLD
    assert any("low confidence" in warning for warning in result.warnings)


@pytest.mark.parametrize(
    ("page", "url"),
    [
        # negative rows: no best reading without a talks word, or for one repeated meeting
        (AGENDA_NO_NAMES, "https://salon.example.org/index.html"),
        (CLUB_CALENDAR, "https://club.example.org/seminar.html"),
    ],
)
def test_no_best_reading_without_evidence(page, url):
    assert parse_document(page, url).talks == []
