"""Personal talk pages: the owner as speaker, month-only dates, and the title and place rules
they need. Strings are made up in the shapes such pages use; negative rows must NOT match."""

from __future__ import annotations

import pytest

from parsers.chain import parse_document
from parsers.common import html
from parsers.common.owner import page_owner, personal_talks_page
from parsers.heuristic.anchors import month_only
from parsers.heuristic.lines import Line
from parsers.heuristic.titles import _without_month, looks_like_place


def _root(markup: str, url: str = "https://example.org/talks.html"):
    return html.load(f"<html><head>{markup}</head><body></body></html>", url)


@pytest.mark.parametrize(
    ("head", "owner"),
    [
        ('<meta name="author" content="Jane Okafor"><title>Talks</title>', "Jane Okafor"),
        ("<title>Talks | Jane Okafor</title>", "Jane Okafor"),
        ("<title>Jane Okafor - Presentations</title>", "Jane Okafor"),
        ("<title>Jane Okafor</title>", "Jane Okafor"),
        (
            '<meta property="og:title" content="Talks · Dr. Jane Okafor"><title>x</title>',
            "Jane Okafor",
        ),
        # negative rows: groups, series and menu words are nobody
        ("<title>Talks | Vision Lab</title>", None),
        ("<title>Contact Colloquium | Research Network</title>", None),
        ("<title>Talks</title>", None),
        ('<meta name="author" content="Jane Okafor and Bo Li"><title>Talks</title>', None),
    ],
)
def test_page_owner_from_head(head, owner):
    found = page_owner(_root(head))
    assert (found.name if found else None) == owner


@pytest.mark.parametrize(
    ("body", "owner"),
    [
        (
            '<div class="navbar"><a class="navbar-brand" href="/">Ada Lindgren</a></div>',
            "Ada Lindgren",
        ),
        ('<td id="layout-menu"><div class="menu-category">Ada Lindgren</div></td>', "Ada Lindgren"),
        ("<footer><p>Copyright © Ada Lindgren 2021</p></footer>", "Ada Lindgren"),
        ("<footer><p>© 2019–2024 Ada Lindgren. All rights reserved.</p></footer>", "Ada Lindgren"),
        ("<h1>Ada Lindgren</h1><h2>Talks</h2>", "Ada Lindgren"),
        # negative rows
        ('<div class="navbar"><a class="navbar-brand" href="/">Home</a></div>', None),
        ("<footer><p>© 2024 Department of Statistics</p></footer>", None),
        ("<h1>Upcoming Talks</h1>", None),
    ],
)
def test_page_owner_from_body(body, owner):
    root = html.load(f"<html><head><title>Talks</title></head><body>{body}</body></html>", "x")
    found = page_owner(root)
    assert (found.name if found else None) == owner


@pytest.mark.parametrize(
    ("title", "url", "personal"),
    [
        ("Talks", "https://a.example.org/talks.html", True),
        ("Ada Lindgren", "https://a.example.org/palestras.html", True),
        ("Presentations | Ada Lindgren", "https://a.example.org/", True),
        ("Ada Lindgren", "https://a.example.org/vortraege/", True),  # ä spelled "ae"
        ("Ada Lindgren", "https://a.example.org/beitraege/", False),  # URL word unknown
        # negative rows: series pages list other people's talks
        ("Seminar talks", "https://a.example.org/talks.html", False),
        ("Colloquium | Dept", "https://a.example.org/colloquium/", False),
        ("Publications", "https://a.example.org/publications.html", False),
    ],
)
def test_personal_talks_page(title, url, personal):
    assert personal_talks_page(_root(f"<title>{title}</title>", url), url) is personal


@pytest.mark.parametrize(
    ("title", "headings", "personal"),
    [
        # the first text that names either kind decides: a later section does not
        ("Ada Lindgren", ["Talks", "Workshops organised"], True),
        ("Ada Lindgren", ["Invited talks", "Summer school programme"], True),
        # negative rows: a series page's "Upcoming talks" heading does not make it personal
        ("Ada Lindgren", ["Reading group", "Upcoming talks"], False),
        ("Seminar | Dept", ["Talks"], False),
        ("Talks and seminars", ["Talks"], False),  # a series word wins in the same text
    ],
)
def test_personal_talks_page_first_text_decides(title, headings, personal):
    body = "".join(f"<h2>{heading}</h2>" for heading in headings)
    root = html.load(f"<html><head><title>{title}</title></head><body>{body}</body></html>", "x")
    assert personal_talks_page(root, "https://a.example.org/") is personal


def _line(text: str, column: str | None = None) -> Line:
    root = html.load(f"<p>{text}</p>", "x")
    return Line(text=text, element=root, column=column)


@pytest.mark.parametrize(
    ("text", "column", "expected"),
    [
        ("Statistics Seminar, Rutgers University, October 2021.", None, True),
        ("(July, 2025)", None, True),
        ("Data: maio de 2014", None, True),
        ("Guest lecture, Oct 2022", None, True),
        ("TBC May", "date", True),
        # negative rows
        ("TBC May", None, False),  # no year, not in a Date column
        ("We may 2023 revisit this", None, False),  # "may" the verb
        ("Room 2023", None, False),
        ("2019 - 2023", None, False),
        ("TBC", "date", False),
    ],
)
def test_month_only(text, column, expected):
    assert month_only(_line(text, column)) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sparse factor models (July, 2024)", "Sparse factor models"),
        ("Sparse factor models (June 2022).", "Sparse factor models"),
        ("May 2023: Sparse factor models", "Sparse factor models"),
        # negative rows: a year or a month inside the title stays
        ("The May 2023 election, revisited", "The May 2023 election, revisited"),
        ("Forecasting in 2023", "Forecasting in 2023"),
    ],
)
def test_title_without_month(title, expected):
    assert _without_month(title) == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Online", True),
        ("Online via Zoom", True),
        ("Online (Teams)", True),
        ("Room 101", True),
        # negative rows: titles that start with a meeting-mode word
        ("Online matching under uncertainty", False),
        ("Virtual screening of ligand libraries", False),
    ],
)
def test_mode_led_titles_are_not_places(text, place):
    assert looks_like_place(text) is place


PERSONAL = """<html><head><title>Ada Lindgren</title></head><body>
<h2>Talks</h2>
<ul>
<li><p><em>Random walks on groups</em> (May 2023)<br>Probability Seminar, Uppsala</p></li>
<li><p><em>Entropy of random walks</em> (March 2022)<br>Colloquium, Lund</p></li>
<li><p><em>Random walks on groups</em> (January 2022)<br>Workshop, Oslo</p></li>
</ul>
<footer>© 2024 Ada Lindgren</footer>
</body></html>"""


def test_personal_page_gives_the_owner_and_no_dates():
    result = parse_document(PERSONAL, "https://ada.example.org/talks.html")
    assert [t.title for t in result.talks] == [
        "Random walks on groups",
        "Entropy of random walks",
        "Random walks on groups",  # the same title at another venue is another talk
    ]
    assert all([s.name for s in t.speakers] == ["Ada Lindgren"] for t in result.talks)
    assert all(t.starts_at is None for t in result.talks)  # a month is not a date
    assert result.confidence < 0.9


def test_same_list_on_a_series_page_gets_no_owner():
    """The same list on a page that calls itself a seminar's: nobody is made its speaker."""
    page = PERSONAL.replace("<h2>Talks</h2>", "<h1>Probability Seminar</h1>")
    result = parse_document(page, "https://dept.example.org/seminar.html")
    assert all(not t.speakers for t in result.talks)
