"""Records and titles (round 7, second pass): a table column named by its head noun, a title
link glued to a meta box, hashtag links after a title, a month and year inside a title link
dated elsewhere on its line, a card's title link beside a box of names, the papers of one
timed session set as paragraphs or as table-body rows, and a slot's kind ("Keynote:") over a
title. Pages and strings here are written for the test; every name and title is made up."""

from __future__ import annotations

import pytest
from heuristic_support import page_lines_of

from parsers.base import Context
from parsers.common import html
from parsers.heuristic.extract import parse
from parsers.heuristic.labels import column_kind
from parsers.heuristic.one_lines import one_liner, split_one_line
from parsers.heuristic.reading import PageContext, parse_line
from parsers.heuristic.title_marks import without_tag_links
from parsers.heuristic.titles import title_and_speakers

URL = "https://x.example/"
CTX = PageContext(URL, None, 2025, day_first=True)


def _talks(body: str, title: str = "Talks") -> list:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return parse(html.load(page, URL), Context(URL)).talks


def _part(body: str):
    return parse_line(page_lines_of(body)[0], CTX)


# ------------------------------------------------------------------- column head nouns


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("paper venue", "location"),  # the venue of a paper: the last word is the head noun
        ("talk room", "location"),
        ("speaker affiliation", "affiliation"),
        # negative rows: the head noun already named the field, or a second field is joined
        ("paper title", "title"),
        ("title", "title"),
        ("venue", "location"),
        ("presenter name", "speaker"),
        ("title & abstract", "title"),
        ("title of the presentation", "title"),
        ("date/time", "date"),
        ("date time", "date"),  # a pair of fields, not a time qualified by a date
        ("time slot", "time"),
        ("speaker (affiliation)", "speaker"),
        ("keynote talk 1 session chair", "title"),
        ("notes", None),
    ],
)
def test_a_short_compound_header_is_named_by_its_last_field_word(header, kind):
    assert column_kind(header) == kind


def _paper_table(first: str) -> str:
    return (
        f"<h3>Seminar on 12 May 2025</h3><table><thead><tr><th>{first}</th>"
        "<th>Title of the Talk</th><th>Presenter</th><th>Time Slot</th></tr></thead><tbody>"
        "<tr><td>ABC 2019</td><td>Orbits of finite groups</td><td>Jane Roe</td>"
        "<td>10:00-10:30</td></tr>"
        "<tr><td>-</td><td>Counting lattice points</td><td>John Poe</td>"
        "<td>10:30-11:00</td></tr>"
        "</tbody></table>"
    )


def test_a_paper_venue_column_is_not_read_as_the_title():
    talks = _talks(_paper_table("Paper Venue"), "Seminar")
    assert [t.title for t in talks] == ["Orbits of finite groups", "Counting lattice points"]
    assert [t.speakers[0].name for t in talks] == ["Jane Roe", "John Poe"]


# ------------------------------------------------------------------------ glued boxes


def test_a_title_link_and_a_meta_box_beside_it_are_kept_a_word_apart():
    body = (
        '<li><a class="item-title" href="/a">Orbits of groups</a><span class="item-meta">'
        '<span class="date">March 3, 2020</span></span></li>'
    )
    assert page_lines_of(body)[0].text == "Orbits of groups March 3, 2020"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # no class on either box: the page did not set them apart
        ('<li><a href="/a">Orbit</a><span><span>al</span></span></li>', "Orbital"),
        # a stop right after the link stays on it
        (
            '<li><a class="t" href="/a">Orbits</a><span class="m"><b>, 2020</b></span></li>',
            "Orbits, 2020",
        ),
    ],
)
def test_boxes_that_are_not_set_apart_stay_glued(body, text):
    assert page_lines_of(body)[0].text == text


def test_entries_whose_title_link_is_glued_to_their_date_are_one_talk_each():
    entry = (
        '<li><div class="entry"><a class="entry-title" href="/t/{n}">{title}</a>'
        '<span class="entry-meta"><span class="meta date">{day}</span>'
        '<span class="meta tags"><a href="/tags/{tag}">#{tag}</a></span></span></div></li>'
    )
    rows = [
        ("a", "Orbits of finite groups", "August 6, 2020", "alpha"),
        ("b", "Counting lattice points", "June 21, 2019", "beta"),
        ("c", "Sieve methods revisited", "May 2, 2018", "alpha"),
    ]
    body = "<h1>Talks</h1><ul>" + "".join(
        entry.format(n=n, title=t, day=d, tag=g) for n, t, d, g in rows
    )
    talks = _talks(body + "</ul>")
    assert [(t.title, t.starts_at) for t in talks] == [
        ("Orbits of finite groups", "2020-08-06"),
        ("Counting lattice points", "2019-06-21"),
        ("Sieve methods revisited", "2018-05-02"),
    ]


# ----------------------------------------------------------------------- hashtag links


@pytest.mark.parametrize(
    ("body", "title", "expected"),
    [
        (
            '<li><a href="/t">Orbits of groups</a> <a href="/tags/x">#alpha</a>'
            '<a href="/tags/y">#beta-gamma</a></li>',
            "Orbits of groups #alpha#beta-gamma",
            "Orbits of groups",
        ),
        (
            '<li><a href="/t">Orbits of groups</a> <a href="/tags/x">#alpha</a></li>',
            "Orbits of groups #alpha",
            "Orbits of groups",
        ),
        # negative rows: a hashtag in the title's own words; a number after "#"
        (
            '<li><a href="/t">Talking about #alpha</a></li>',
            "Talking about #alpha",
            "Talking about #alpha",
        ),
        ("<li>Orbits of groups #alpha</li>", "Orbits of groups #alpha", "Orbits of groups #alpha"),
        (
            '<li><a href="/t">Lecture</a> <a href="/n">#3</a></li>',
            "Lecture #3",
            "Lecture #3",
        ),
    ],
)
def test_hashtag_links_after_a_title_are_cut(body, title, expected):
    assert without_tag_links(_part(body), title) == expected


# ----------------------------------------------------------- a month inside a title link


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            '<li><a class="post-title" href="/a">Reading group Nov 2015</a>'
            '<span class="post-date">November 1, 2015</span></li>',
            "Reading group Nov 2015",
        ),
        # negative rows: no other date on the line; the month outside the link
        ('<li><a href="/a">Reading group Nov 2015</a></li>', "Reading group"),
        ('<li><a href="/a">Reading group</a> (Nov 2015)</li>', "Reading group"),
    ],
)
def test_a_month_in_a_title_link_dated_elsewhere_on_its_line_is_kept(body, title):
    parts = [parse_line(line, CTX) for line in page_lines_of(body)]
    assert title_and_speakers(parts)[0] == title


# ------------------------------------------------------ a card's title link and its names


def _card(title: str, subtitle: str, link_class: str = "card-title") -> str:
    return (
        '<div class="card"><div class="card-text">'
        f'<a href="/s/x" class="{link_class}">{title}</a>\n'
        f'<span class="card-subtitle">{subtitle}</span>'
        '<div class="tags"><a class="tag" href="/t">tool</a></div></div></div>'
    )


@pytest.mark.parametrize(
    ("subtitle", "names"),
    [
        ("J. Roe", ["J. Roe"]),
        ("J. Roe, A. Poe", ["J. Roe", "A. Poe"]),
        ("R. van der Berg", ["R. van der Berg"]),
    ],
)
def test_a_title_link_beside_a_box_of_names_is_title_and_speakers(subtitle, names):
    part = _part(_card("Orbits of finite groups", subtitle))
    assert one_liner(part)
    title, people = split_one_line(part)
    assert title == "Orbits of finite groups"
    assert [p.name for p in people] == names


@pytest.mark.parametrize(
    "body",
    [
        _card("Orbits of finite groups", "A hands-on workshop"),  # a subtitle, not a name
        _card("Orbits of finite groups", "J. Roe", link_class="card-link"),  # no title class
        _card("Groups", "J. Roe"),  # a one-word link may itself be a name
    ],
)
def test_other_boxes_beside_a_title_link_give_no_speaker(body):
    part = _part(body)
    assert not one_liner(part) or split_one_line(part)[0] != "Orbits of finite groups"


# ------------------------------------------------------- papers of one timed session


def _slot(time: str, body: str) -> str:
    return (
        f'<div class="row"><div class="c3"><p class="time">{time}</p></div>'
        f'<div class="c9">{body}</div></div>'
    )


def _paper_p(title: str, authors: str) -> str:
    return f'<p class="item">{title}<br><em>{authors}</em></p>'


PARAGRAPH_SESSION = (
    "<h1>Programme</h1><p>The workshop takes place on Tuesday, May 12th, 2026.</p>"
    + _slot("09:00 - 10:00", _paper_p("Orbits of finite groups", "Jane Roe, Ann Poe"))
    + _slot(
        "10:00 - 11:30",
        _paper_p("Counting lattice points", "John Doe, Mary Major")
        + _paper_p("Sieve methods revisited", "Carl Minor, Eve Stone")
        + '<p class="item">Open discussion</p>',
    )
)


def test_each_paragraph_of_a_timed_session_is_a_paper_of_its_own():
    talks = [(t.title, t.starts_at) for t in _talks(PARAGRAPH_SESSION, "Programme")]
    assert talks == [
        ("Orbits of finite groups", "2026-05-12T09:00:00"),
        ("Counting lattice points", "2026-05-12T10:00:00"),  # the slot's time starts the first
        ("Sieve methods revisited", "2026-05-12"),
    ]


def test_one_paragraph_with_a_title_and_its_speaker_stays_one_talk():
    body = PARAGRAPH_SESSION.replace(
        _paper_p("Sieve methods revisited", "Carl Minor, Eve Stone"),
        '<p class="item">Abstract: we count points.<br>Slides to follow.</p>',
    )
    titles = [t.title for t in _talks(body, "Programme")]
    assert titles == ["Orbits of finite groups", "Counting lattice points"]


def _session_table(rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><td></td><td><span class='badge'>paper</span><p><b>{title}</b></p>"
        f"<p><i>{authors}</i></p></td></tr>"
        for title, authors in rows
    )
    return (
        "<thead><tr><th><div>11:00 - 12:00</div></th><th><h6>Research Session 1</h6>"
        "<span><strong>Session Chair</strong>: Paul Chair</span></th></tr></thead>"
        f"<tbody>{body}</tbody>"
    )


def test_rows_of_a_table_body_under_a_session_header_are_papers():
    rows = [
        ("Orbits of finite groups", "Jane Roe, Ann Poe, Bo Lee"),
        ("Counting lattice points", "John Doe, Mary Major, Eve Stone"),
    ]
    body = "<h5>May 12, 2026 - Day 1</h5><table>" + _session_table(rows) + "</table>"
    talks = _talks(body, "Workshop programme")
    assert [t.title for t in talks] == ["Orbits of finite groups", "Counting lattice points"]
    assert [len(t.speakers) for t in talks] == [3, 3]


# ------------------------------------------------------------- a slot's kind as a label


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            "<p><strong>Keynote:</strong><br>Orbits of finite groups<br><em>"
            '<a href="/p">Jane Roe</a></em></p>',
            "Orbits of finite groups",
        ),
        (
            "<h6>Invited Talk 2</h6><p><b>Orbits of finite groups</b></p><p><i>Jane Roe</i></p>",
            "Orbits of finite groups",
        ),
        # negative rows: a slot's name with nothing else is the title the page gives
        ("<h6>Keynote Talk 1</h6><p><i>Jane Roe</i></p>", "Keynote Talk 1"),
        ("<p><b>Keynote: Orbits of finite groups</b><br>Jane Roe</p>", "Orbits of finite groups"),
    ],
)
def test_a_slot_kind_over_a_title_is_not_the_title(body, title):
    parts = [parse_line(line, CTX) for line in page_lines_of(body)]
    assert title_and_speakers(parts)[0] == title
