"""Anchors (issue 10, round 5): a year-first numeric month leading an entry, a date set off
at the head of a long entry, the venue line of a two-line entry that names its event with
the year, and two cards that each carry their own labelled date. Pages here are written for
the test; every name and title is made up."""

from __future__ import annotations

import pytest
from heuristic_support import anchor_texts, page_lines_of

from parsers.heuristic.anchors import _prose
from parsers.heuristic.entries import date_leads, venue_year
from parsers.heuristic.lines import Line
from parsers.heuristic.months import month_only, without_month
from parsers.heuristic.reading import PageContext

PROBE = PageContext("https://x.example/", None, 2021, day_first=False)
LONG = "probing classifiers show how recurrent networks track nested brackets in long sequences"


def _lines(body: str, title: str = "Talks") -> list[Line]:
    return page_lines_of(body, title)


def _anchored(body: str, year_groups: bool = True) -> list[list[str]]:
    return anchor_texts(body, PROBE, year_groups=year_groups)


# --------------------------------------------------------------------------- year-first month


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016.10. [DevCon 2016] Writing a tiny compiler - Daniel Roth", True),
        ("2019.3. Notes on streaming joins - Clara Vance", True),
        ("2018/07 Profiling web servers without tears", True),
        ("(2017.05.) Reading group on type systems", True),
        # negative rows: a software version, a full date, a month 13, a month not leading
        ("2019.3 release notes for the editor", False),
        ("2016.10.05 Writing a tiny compiler", False),
        ("2016.13. Writing a tiny compiler", False),
        ("Version 2016.10. of the handbook", False),
        ("2016 was the year of the compiler", False),
    ],
)
def test_month_only_year_first(text: str, expected: bool) -> None:
    assert month_only(_lines(f"<p>{text}</p>")[0]) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("2016.10. [DevCon 2016] Writing a tiny compiler", "[DevCon 2016] Writing a tiny compiler"),
        ("2018/07 – Profiling web servers", "Profiling web servers"),
        ("May 2023: Counting trees", "Counting trees"),
        # negative rows: a version, a month at the end of a number, nothing left
        ("2019.3 release notes", "2019.3 release notes"),
        ("Writing a tiny compiler 2016.10.", "Writing a tiny compiler 2016.10."),
        ("2016.10. ab", "2016.10. ab"),
    ],
)
def test_without_month_year_first(title: str, expected: str) -> None:
    assert without_month(title) == expected


# --------------------------------------------------------------------------- date-led entries


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (f"<ul><li><p><em>July 14, 2020</em>. {LONG}. <a><em>NLPX</em></a>.</p></li></ul>", True),
        (f"<ul><li>14 July 2020 – {LONG}, Lund</li></ul>", True),
        (f"<p><em>July 14, 2020</em>. {LONG}.</p><p><em>June 2, 2020</em>. {LONG}.</p>", True),
        # negative rows: a lone paragraph, a sentence that runs on from its date, a date inside
        (f"<p><em>July 14, 2020</em>. {LONG}.</p>", False),
        (f"<ul><li>July 14, 2020 was the day we showed that {LONG}</li></ul>", False),
        (f"<ul><li>On July 14, 2020: {LONG}</li></ul>", False),
        (f"<ul><li>We met on July 14, 2020. {LONG}</li></ul>", False),
    ],
)
def test_date_leads(markup: str, expected: bool) -> None:
    assert date_leads(_lines(markup)[0], PROBE) is expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (f"<ul><li><p><em>July 14, 2020</em>. {LONG}. Internal seminar.</p></li></ul>", False),
        # negative row: the same words as a paragraph of its own are a sentence
        (f"<p>The school runs from July 14, 2020 and shows how {LONG}.</p>", True),
    ],
)
def test_date_led_entry_is_not_prose(markup: str, expected: bool) -> None:
    assert _prose(_lines(markup)[0], PROBE) is expected


# --------------------------------------------------------------------------- venue with a year

VENUE_ROWS = [
    (
        "<ul><li><p>Sparse priors for networks.<br><a>CONF 2016</a> Spring Meeting, Austin, TX</p>"
        "</li></ul>",
        True,
    ),
    (
        "<ul><li><p>Sparse priors for networks.<br>Research Day 2019, School of Health, Springfield"
        "</p></li></ul>",
        True,
    ),
    (
        "<ul><li>Sparse priors for networks.<br>Training Program, 2017 Springfield, IL</li></ul>",
        True,
    ),
    # negative rows: one line, a third line, a year in the title line, no place after the event,
    # the year in a later comma piece, a paragraph outside a list
    ("<ul><li>Sparse priors for networks at CONF 2016 Spring Meeting, Austin, TX</li></ul>", False),
    (
        "<ul><li>Sparse priors for networks.<br>CONF 2016 Meeting, Austin, TX<br>Slides</li></ul>",
        False,
    ),
    (
        "<ul><li>Sparse priors, 2016 edition.<br>CONF 2016 Spring Meeting, Austin, TX</li></ul>",
        False,
    ),
    ("<ul><li>Sparse priors for networks.<br>CONF 2016 Spring Meeting</li></ul>", False),
    ("<ul><li>Sparse priors for networks.<br>Meeting, Austin, TX 2016 edition</li></ul>", False),
    ("<p>Sparse priors for networks.<br>CONF 2016 Spring Meeting, Austin, TX</p>", False),
]


@pytest.mark.parametrize(("markup", "expected"), VENUE_ROWS)
def test_venue_year(markup: str, expected: bool) -> None:
    lines = _lines(markup)
    assert venue_year(lines, len(lines) - 1 if len(lines) <= 2 else 1) is expected


def test_venue_year_anchors_only_on_a_talks_page() -> None:
    body = VENUE_ROWS[0][0]
    assert _anchored(body) == [["CONF 2016 Spring Meeting, Austin, TX"]]
    assert _anchored(body, year_groups=False) == []
    # a publication's venue line stays out, year inside or not
    paper = "<ul><li><p>Sparse priors.<br>Journal of Networks 2016, Vol. 3, Austin</p></li></ul>"
    assert _anchored(paper) == []


# --------------------------------------------------------------------------- same-day cards

CARD = "<div><p><img src='x.jpg'></p><b>Speaker:</b> {0}<br><b>Topic:</b> {1}<br>{2}</div>"


@pytest.mark.parametrize(
    ("cards", "anchors"),
    [
        (
            [
                ("Petra Lund", "Sound", "<b>Date:</b>March 4, 2021"),
                ("Tomas Berg", "Graphs", "<b>Date:</b>March 4, 2021"),
            ],
            2,
        ),
        (
            [
                ("Petra Lund", "Sound", "<b>When:</b> 4 March 2021"),
                ("Tomas Berg", "Graphs", "<b>When:</b> 4 March 2021"),
            ],
            2,
        ),
    ],
)
def test_labelled_dates_of_two_cards_are_two_anchors(cards: list, anchors: int) -> None:
    body = "<div class='row'>" + "".join(CARD.format(*card) for card in cards) + "</div>"
    assert len(_anchored(body, year_groups=False)) == anchors


def test_headline_and_date_badge_stay_one_anchor() -> None:
    # negative row: a headline and a badge that give one day, neither a "Date:" field
    body = "<div><h3><a>2024-12-12 Talk: Counting trees</a></h3><div>December 12, 2024</div></div>"
    assert len(_anchored(body, year_groups=False)) == 1
