"""Round-8 rules for anchors and record grouping: a long entry whose abstract is set inline is
read by its head; a programme that only outlines its sessions gives no talks; a timed
session's talks given as title headings over author lines are one record each; an entry
opened by a numeric month and year is no sentence. Pages here are written for the test;
every name, title and place is made up."""

from __future__ import annotations

import pytest
from heuristic_support import anchor_texts, page_lines_of

from parsers.base import Context
from parsers.common import html
from parsers.heuristic import extract
from parsers.heuristic.agenda_days import session_outline
from parsers.heuristic.inline_abstracts import split_inline_abstracts
from parsers.heuristic.reading import PageContext
from parsers.talk import Speaker, Talk

URL = "https://x.example/"
PROBE = PageContext(URL, None, 2024)


def _talks(body: str, title: str = "Talks") -> list[Talk]:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract.parse(html.load(page, URL), Context(url=URL)).talks


ABSTRACT = (
    "We study how a family of invented objects behaves under a made-up operation, and show "
    "that the behaviour is governed by a small set of fictitious invariants which we compute "
    "explicitly for every example in the imaginary catalogue, including the degenerate ones. "
    "Along the way we meet several invented conjectures, settle two of them, and explain why "
    "the third one is out of reach of every method we know of in this made-up setting."
)
ENTRIES = [
    ("Folding invented lattices", "Meeting on Lattices", "Arden, Freedonia", "7 May 2024"),
    ("Colouring imaginary graphs", "Graph Days", "Belmont, Sylvania", "12 March 2024"),
    ("Counting fictional words", "Word Workshop", "Corvin, Latveria", "3 February 2024"),
]


def _entry(title: str, event: str, place: str, day: str, tag: str) -> str:
    return f"<strong>{title}</strong>. <em>{event}</em>, {place}. {day}. <{tag}>{ABSTRACT}</{tag}>"


# ------------------------------------------------------------------- inline abstracts


@pytest.mark.parametrize(
    "body",
    [
        "<h1>Talks</h1><table><tr><th>Talks</th></tr>"
        + "".join(f"<tr><td>{_entry(*e, 'abstract')}</td></tr>" for e in ENTRIES)
        + "</table>",
        "<h1>Talks</h1><ul>" + "".join(f"<li>{_entry(*e, 'span')}</li>" for e in ENTRIES) + "</ul>",
    ],
    ids=["table-unknown-element", "list-span"],
)
def test_long_entry_with_inline_abstract_is_read_by_its_head(body: str) -> None:
    talks = _talks(body)
    assert [(t.title, t.starts_at) for t in talks] == [
        ("Folding invented lattices", "2024-05-07"),
        ("Colouring imaginary graphs", "2024-03-12"),
        ("Counting fictional words", "2024-02-03"),
    ]
    assert all(t.abstract and t.abstract.startswith("We study") for t in talks)


def test_inline_abstract_split_keeps_head_and_tail_in_order() -> None:
    lines = page_lines_of(f"<ul><li>{_entry(*ENTRIES[0], 'span')}</li></ul>")
    split = split_inline_abstracts(lines)
    assert [line.text[:25] for line in split] == [
        "Folding invented lattices",
        "We study how a family of ",
    ]
    assert [line.index for line in split] == [0, 1]
    assert split[0].element is split[1].element


@pytest.mark.parametrize(
    "body",
    [
        # a paragraph that opens with a long emphasised phrase: no short head before it
        f"<p><em>{ABSTRACT}</em> {ABSTRACT}</p>",
        # a short entry with a short inline note: left as it is
        "<ul><li><b>Folding invented lattices</b>. Arden, 7 May 2024. <span>Slides.</span>"
        "</li></ul>",
        # a long line of plain text: prose, not an entry
        f"<p>Folding invented lattices, Arden, 7 May 2024. {ABSTRACT} {ABSTRACT}</p>",
    ],
    ids=["emphasised-paragraph", "short-entry", "plain-prose"],
)
def test_lines_without_an_entry_head_are_not_split(body: str) -> None:
    lines = page_lines_of(body)
    assert split_inline_abstracts(lines) is lines


# ------------------------------------------------------------------- session outlines

OUTLINE_ROWS = [
    ("09h00 – 09h30", "Welcome of the participants"),
    ("09h30 – 11h00", "Plenary session 1: Maps and machines for tomorrow"),
    ("11h00 – 11h15", "Coffee break"),
    ("11h15 – 12h30", "Thematic session 2: Water and soils"),
    ("14h00 – 15h30", "Workshop 1 (parallel): Open data for cities"),
    ("15h45 – 17h00", "Panel: Sovereign data infrastructures"),
]
PAPER_ROWS = [
    ("09h30 – 10h00", "Sparse maps of invented rivers"),
    ("10h00 – 10h30", "Learning soil moisture from made-up sensors"),
    ("11h15 – 11h45", "A fictional benchmark for city footprints"),
]


def _table_programme(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{slot}</td><td>{what}</td></tr>" for slot, what in rows)
    return (
        "<h1>Programme</h1><h3>Day 1 – Monday 17 November 2025</h3>"
        f"<table><tr><th>Time</th><th>Activity</th></tr>{body}</table>"
    )


def _list_programme(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<li>{slot}: {what}</li>" for slot, what in rows)
    return f"<h1>Programme</h1><h3>Monday 17 November 2025</h3><ul>{body}</ul>"


@pytest.mark.parametrize("markup", [_table_programme, _list_programme], ids=["table", "list"])
def test_programme_of_sessions_with_nobody_named_gives_no_talks(markup) -> None:
    assert _talks(markup(OUTLINE_ROWS), title="Programme") == []


@pytest.mark.parametrize("markup", [_table_programme, _list_programme], ids=["table", "list"])
def test_programme_of_paper_titles_with_nobody_named_keeps_its_talks(markup) -> None:
    talks = _talks(markup(PAPER_ROWS), title="Programme")
    assert [t.title for t in talks] == [title for _slot, title in PAPER_ROWS]


def test_session_outline_needs_nobody_named_and_mostly_slot_kinds() -> None:
    sessions = [Talk(title=what) for _slot, what in OUTLINE_ROWS[1:]]
    assert session_outline(sessions)
    named = [t.with_changes(speakers=(Speaker("Ann Lee"),)) for t in sessions[:1]] + sessions[1:]
    assert not session_outline(named)  # someone gives a talk: not an outline
    papers = [Talk(title=title) for _slot, title in PAPER_ROWS] + sessions[:1]
    assert not session_outline(papers)  # one session among papers
    assert not session_outline([Talk(title="Sessional work in invented markets")])  # no break


# ------------------------------------------------------------------- heading papers

PAPERS = [
    ("Sparse maps of invented rivers", "Ann Lee and Bo Chan"),
    ("Learning soil moisture from made-up sensors", "Carla Nunes"),
    ("A fictional benchmark for city footprints", "Dmitri Volk"),
]


def _session(chair_heading: str, names_tag: str, papers=PAPERS) -> str:
    body = "".join(
        f"<h4>{title}</h4><{names_tag}>{names}</{names_tag}><p>A short teaser of the work.</p>"
        for title, names in papers
    )
    return (
        "<div class='block'><p>10:00 – 10:15</p><h3>Welcome and registration</h3></div>"
        f"<div class='block'><p>14:00 – 14:40</p><h3>{chair_heading}</h3>{body}</div>"
        "<div class='block'><p>15:00 – 15:30</p><h3>Closing words</h3></div>"
    )


@pytest.mark.parametrize("names_tag", ["h5", "p"], ids=["names-heading", "names-paragraph"])
def test_session_of_title_headings_gives_one_talk_per_paper(names_tag: str) -> None:
    body = "<h1>Programme of the symposium</h1>" + _session("Short talks 1", names_tag)
    talks = _talks(body, title="Symposium programme")
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Sparse maps of invented rivers", ["Ann Lee", "Bo Chan"]),
        ("Learning soil moisture from made-up sensors", ["Carla Nunes"]),
        ("A fictional benchmark for city footprints", ["Dmitri Volk"]),
    ]


def test_one_titled_paper_under_a_slot_stays_one_record() -> None:
    body = "<h1>Programme of the symposium</h1>" + _session("Keynote", "h5", PAPERS[:1])
    talks = _talks(body, title="Symposium programme")
    assert len(talks) == 1 and [s.name for s in talks[0].speakers] == ["Ann Lee", "Bo Chan"]


def test_poster_section_and_label_headings_are_not_split() -> None:
    posters = "<h1>Programme of the symposium</h1>" + _session("Posters", "h5")
    assert _talks(posters, title="Symposium programme") == []
    card = (
        "<h1>Seminar</h1><div><h3>Tuesday 5 March 2024, 14:00</h3><h3>Sparse maps of rivers</h3>"
        "<h4>Speaker</h4><p>Ann Lee</p><h4>Authors</h4><p>Ann Lee, Bo Chan</p></div>"
    )
    talks = _talks(card, title="Seminar")
    assert [t.title for t in talks] == ["Sparse maps of rivers"]


# ------------------------------------------------------------------- numeric month leads

MONTH_ITEMS = [
    "03/2024: Folding invented lattices and their many imaginary cousins, Meeting on Lattices"
    " of the Invented Society, University of Arden (Freedonia)",
    "11/2023: Colouring imaginary graphs with a small set of fictional colours, Graph Days"
    " of the Made-up Network, Institute of Belmont (Sylvania)",
]


@pytest.mark.parametrize(
    "body",
    [
        "<h1>Talks</h1><ul>" + "".join(f"<li>{item}</li>" for item in MONTH_ITEMS) + "</ul>",
        "<h1>Talks</h1>" + "".join(f"<p>{item}</p>" for item in MONTH_ITEMS),
    ],
    ids=["list", "paragraphs"],
)
def test_long_entry_opened_by_numeric_month_is_an_anchor(body: str) -> None:
    assert anchor_texts(body, PROBE) == [[item] for item in MONTH_ITEMS]


def test_sentence_with_numeric_month_inside_is_still_prose() -> None:
    sentence = (
        "<p>Our invented group moved to a new fictional building in 03/2024 and will host many"
        " more imaginary visitors from all over the made-up world next year.</p>"
    )
    assert anchor_texts("<h1>Talks</h1>" + sentence, PROBE) == []
