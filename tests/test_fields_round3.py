"""Round-3 field rules (issue 10): titles and speakers on pages that do give talks.

Synthetic strings and small pages only; every rule has rows that must NOT match."""

from __future__ import annotations

from datetime import date

import pytest

from parsers import parse_document
from parsers.base import Context
from parsers.common.people import (
    SLOT_LABEL,
    looks_like_person,
    people_in,
    speaker_and_title,
)
from parsers.heuristic.labels import label_of
from parsers.heuristic.patterns import (
    BREAKS,
    CEREMONY,
    INSTITUTION,
    PANEL,
    POSTER_TAG,
    TOGGLE,
)
from parsers.heuristic.reading import read_date
from parsers.heuristic.speakers import _bracketed_person, cjk_people, name_then_sentence
from parsers.heuristic.titles import unquote
from parsers.markup.ical import parse_calendar


def names(speakers) -> list[tuple[str, str | None]]:
    return [(s.name, s.affiliation) for s in speakers]


# --------------------------------------------------------------------------- people


@pytest.mark.parametrize(
    "text, want",
    [
        # "Title. A, B, and C.": a paper-style item
        (
            "Fair ranking under uncertainty. Ada Moreno, Bo Lindqvist, and Cy Tran.",
            ("Fair ranking under uncertainty", ["Ada Moreno", "Bo Lindqvist", "Cy Tran"]),
        ),
        (
            "Do users want explanations?. Ada Moreno and Kenji P. Sato.",
            ("Do users want explanations?", ["Ada Moreno", "Kenji P. Sato"]),
        ),
        # "Keynote from Name: Title"
        ("Keynote from Ada Moreno: Indexes that learn", ("Indexes that learn", ["Ada Moreno"])),
        # a title of function words is no person: "Name – If …"
        ("Ada Moreno – If Bread Could Talk", ("If Bread Could Talk", ["Ada Moreno"])),
        # negative rows: an honorific's full stop, a title with a full stop and no people
        ("Talk by Dr. Ada Moreno", ("Talk by Dr. Ada Moreno", [])),
        ("Graphs and groups. Part two of three.", ("Graphs and groups. Part two of three.", [])),
        ("Keynote from the chairs: Opening", ("Keynote from the chairs: Opening", [])),
    ],
)
def test_speaker_and_title_round3(text: str, want: tuple) -> None:
    title, speakers = speaker_and_title(text)
    assert (title, [s.name for s in speakers]) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("Lin M.K. Wu, Ana Ruiz, Kofi Mensah", ["Lin M.K. Wu", "Ana Ruiz", "Kofi Mensah"]),
        ("Ana Ruiz, Kofi Mensah, and Ilse Brandt.", ["Ana Ruiz", "Kofi Mensah", "Ilse Brandt"]),
        # negative rows: a name and an affiliation stay one speaker
        ("Ana Ruiz, Santa Fe, Argentina", ["Ana Ruiz"]),
        ("Ana Ruiz, MIT, Center for Theoretical Physics", ["Ana Ruiz"]),
        ("Inicio el", []),  # a name never ends in a lower-case particle
        ("Ana Ruiz. Researcher at the Institute", []),  # a sentence, not a name
        ("Öffentlicher Abendvortrag", []),  # a German compound of "Vortrag"
        ("IVADO Symposium", []),
        ("Joint Statistical Meeting", []),
    ],
)
def test_people_round3(text: str, want: list[str]) -> None:
    assert [s.name for s in people_in(text)] == want


def test_full_stop_after_last_author_but_not_initial() -> None:
    assert [s.name for s in people_in("Ada Moreno and Cy Tran.")] == ["Ada Moreno", "Cy Tran"]
    assert [s.name for s in people_in("Ada Moreno and Kenji P.")] == ["Ada Moreno", "Kenji P."]
    assert looks_like_person("Daniel Park")  # a place word that is a surname stays a name


@pytest.mark.parametrize(
    "text, slot",
    [
        ("Talk 3", True),
        ("Sponsor Talk", True),
        ("Closing Keynote", True),
        ("Invited talk #2", True),
        ("Keynote Address", True),
        ("Talks about graphs", False),
        ("Seminar on Lie groups", False),
        ("Lecture 3: Groups", False),
    ],
)
def test_slot_label(text: str, slot: bool) -> None:
    assert bool(SLOT_LABEL.match(text)) is slot


# --------------------------------------------------------------------------- words as data


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Quién", "speaker"),
        ("Cuándo", "date"),
        ("Dónde", "location"),
        ("Co-autores", "ignore"),
        ("Coauthors", "ignore"),
        ("Seminar Title", "title"),
        ("Talk abstract", "abstract"),
        ("Session Chair", "ignore"),
        ("Seminar", None),  # a session noun alone is no field
        ("Seminar Room", "location"),
    ],
)
def test_labels_round3(label: str, kind: str | None) -> None:
    assert label_of(label) == kind


@pytest.mark.parametrize(
    "pattern, text, matches",
    [
        (CEREMONY, "Welcome from the Organizers", True),
        (CEREMONY, "Opening remarks by the chairs", True),
        (CEREMONY, "Opening the black box", False),
        (CEREMONY, "Welcome to the jungle of graphs", False),
        (PANEL, "Panel: Where next?", True),
        (PANEL, "Panel discussion – open problems", True),
        (PANEL, "Panel data methods", False),
        (POSTER_TAG, "Model-based Clustering Days, Wien [poster]", True),
        (POSTER_TAG, "(Poster) Graph colouring bounds", False),
        (POSTER_TAG, "Poster sessions in conferences", False),
        (TOGGLE, "abstract", True),
        (TOGGLE, "Show abstract", True),
        (TOGGLE, "Download Paper", True),
        (TOGGLE, "Abstract interpretation of programs", False),
        (BREAKS, "Kaffeepause", True),
        (BREAKS, "Wrap-up", True),
        (BREAKS, "问答与自由交流", True),
        (BREAKS, "Wrapping functors", False),
        (INSTITUTION, "北京大学", True),
        (INSTITUTION, "MIT", True),
        (INSTITUTION, "im Gespräch mit Kant", False),  # German "mit" is no MIT
        (INSTITUTION, "Deep learning at eth", False),
    ],
)
def test_patterns_round3(pattern, text: str, matches: bool) -> None:
    assert bool(pattern.search(text)) is matches


@pytest.mark.parametrize(
    "text, want",
    [
        ("Day 1: January 7, 2031", date(2031, 1, 7)),
        ("Day 2 - 8 January 2031", date(2031, 1, 8)),
        ("Jour 2, 8 janvier 2031", date(2031, 1, 8)),
        # negative rows: a date after "Day" is still read
        ("Day 12.03.2031", date(2031, 3, 12)),
        ("Day 3 May 2031", date(2031, 5, 3)),
    ],
)
def test_programme_day_number_is_no_date(text: str, want: date) -> None:
    assert read_date(text, 2031, True)[0] == want


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    "text, want",
    [
        ("“Sheaves on stacks”", "Sheaves on stacks"),
        ('"Sheaves on stacks', "Sheaves on stacks"),
        ("»Berlocken« – ein neu entdeckter Text", "»Berlocken« – ein neu entdeckter Text"),
        ("Kinder« und »Götter«. Eine Nachlese", "Kinder« und »Götter«. Eine Nachlese"),
        ("[Invited talk] Games on graphs", "Games on graphs"),
        ("Users' requirements", "Users' requirements"),
    ],
)
def test_unquote_keeps_inner_quotes(text: str, want: str) -> None:
    assert unquote(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("(北京大学，高志军）", [("高志军", "北京大学")]),
        ("（某某应用技术大学，Ada Moreno，教授）", [("Ada Moreno", "某某应用技术大学")]),
        ("(Docufy GmbH, Ada Moreno, CEO)", [("Ada Moreno", "Docufy GmbH")]),
        # negative rows: no institution, two names, a plain aside
        ("(joint work with Ada Moreno)", []),
        ("(Ada Moreno, Cy Tran)", []),
        ("(slides, video)", []),
    ],
)
def test_bracketed_affiliation_and_name(text: str, want: list) -> None:
    assert names(_bracketed_person(text)) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("王芳，某某大学博士生", [("王芳", "某某大学博士生")]),
        ("王芳，李明", [("王芳", None), ("李明", None)]),
        ("王芳、李明", [("王芳", None), ("李明", None)]),
    ],
)
def test_cjk_full_width_comma(text: str, want: list) -> None:
    assert names(cjk_people(text)) == want


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "Ada Moreno. Investigadora del CONICET, Instituto X, Santa Fe.",
            [("Ada Moreno", "Investigadora del CONICET, Instituto X, Santa Fe")],
        ),
        ("J. Moreno. Somewhere", []),  # an initial's full stop
        ("Graph theory. An introduction", []),
    ],
)
def test_labelled_name_then_sentence(text: str, want: list) -> None:
    assert names(name_then_sentence(text)) == want


def heuristic(body: str, url: str = "https://lab.example.org/talks/") -> list[tuple]:
    page = f"<html><head><title>Talks</title></head><body><main>{body}</main></body></html>"
    talks = parse_document(page.encode(), url, "heuristic").talks
    return [(t.title, [s.name for s in t.speakers], (t.starts_at or "")[:10]) for t in talks]


def test_glued_spans_split_by_markup() -> None:
    rows = "".join(
        f'<div class="row"><span>2031-0{m}-10</span><span><span class="who">{who}</span>'
        f'<span class="what">{what}</span></span></div>'
        for m, who, what in [
            (3, "Ada Moreno", "Title TBD"),
            (4, "Cy Tran", "AI adoption"),
            (5, "Bo Lindqvist", "Markets for compute and their regulation"),
        ]
    )
    got = heuristic(f"<h2>Seminar series</h2>{rows}")
    assert got == [
        ("Title TBD", ["Ada Moreno"], "2031-03-10"),
        ("AI adoption", ["Cy Tran"], "2031-04-10"),
        ("Markets for compute and their regulation", ["Bo Lindqvist"], "2031-05-10"),
    ]


def test_button_label_is_no_title_and_date_in_location_class() -> None:
    items = "".join(
        f'<div class="item"><p class="item-title">{title}</p>'
        f'<p class="item-location">2031-0{m}-02</p><p>Speaker: {who}, Lakeshore University</p>'
        f'<div><a href="#a{m}">abstract</a></div><p>{"We study things. " * 12}</p></div>'
        for m, title, who in [
            (3, "Sampling on manifolds", "Ada Moreno"),
            (4, "Queues with impatience", "Cy Tran"),
            (5, "Sparse recovery revisited", "Bo Lindqvist"),
        ]
    )
    got = heuristic(f"<h1>Seminars</h1>{items}")
    assert [title for title, _, _ in got] == [
        "Sampling on manifolds",
        "Queues with impatience",
        "Sparse recovery revisited",
    ]
    assert [day for _, _, day in got] == ["2031-03-02", "2031-04-02", "2031-05-02"]


def test_bold_title_before_venue_on_a_personal_list() -> None:
    items = "".join(
        f"<li><b>{title}</b>{sep}{venue}</li>"
        for title, sep, venue in [
            ("Games on weighted graphs", ", ", "GAMES'31, Nice, France."),
            ("Reachability with costs", " - ", "Highlights'31, Kassel, Germany."),
            ("Equilibria in timed games", " - ", "FORMATS'30, Online."),
        ]
    )
    page = (
        "<html><head><title>Ada Moreno - Talks</title></head><body><main><h1>Talks</h1>"
        f"<p><b>2031</b></p><ul>{items}</ul></main></body></html>"
    )
    talks = parse_document(page.encode(), "https://ada.example.org/talks.html").talks
    assert [t.title for t in talks] == [
        "Games on weighted graphs",
        "Reachability with costs",
        "Equilibria in timed games",
    ]


# --------------------------------------------------------------------------- calendar, hugo


def feed(*summaries: str) -> bytes:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}@x\r\nDTSTART:2031031{n}T090000Z\r\nSUMMARY:{s}\r\nEND:VEVENT\r\n"
        for n, s in enumerate(summaries)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n".encode()


def test_calendar_breaks_and_slot_titles() -> None:
    talks = parse_calendar(
        feed(
            "Morning Break",
            "Lunch",
            "Ada Moreno – Closing Keynote",
            "Cy Tran – If Bread Could Talk",
            "Break-even analysis for clouds (Bo Lindqvist)",
        ),
        Context(url="https://conf.example.org/talks.ics"),
    ).talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        (None, ["Ada Moreno"]),
        ("If Bread Could Talk", ["Cy Tran"]),
        ("Break-even analysis for clouds", ["Bo Lindqvist"]),
    ]


HUGO_ITEM = """
<div class="media stream-item">
  <div class="media-body">
    <h3 class="article-title mb-0 mt-0"><a href="/event/{slug}/">{title}</a></h3>
    <div class="stream-meta article-metadata">
      <div><span>Jul 2{n}, 2031 10:30 AM &mdash; 11:30 AM</span>
        <span class="middot-divider"></span><span>Room 315</span></div>
      {authors}
    </div>
  </div>
</div>"""


def hugo_page(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        HUGO_ITEM.format(n=n, slug=f"s{n}", title=title, authors=authors)
        for n, (title, authors, _) in enumerate(items)
    )
    return (
        '<html><head><meta name="generator" content="Wowchemy 5.5.0 for Hugo">'
        f"<title>Events</title></head><body><main>{body}</main></body></html>"
    ).encode()


def test_hugo_bare_span_authors_and_speaker_in_title() -> None:
    items = [
        ("Weaponizing middleboxes", "<div><span>Ada Moreno</span>, <span>Cy Tran</span></div>", ""),
        ("Seminar #2 - Bo Lindqvist - NuPS (SIGMOD'31)", "", ""),
        ("Seminar #1 - Sparse recovery - Revisited", "", ""),  # no person in the title
    ]
    talks = parse_document(hugo_page(items), "https://lab.example.org/event/").talks
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Weaponizing middleboxes", ["Ada Moreno", "Cy Tran"]),
        ("Seminar #2 - Bo Lindqvist - NuPS (SIGMOD'31)", ["Bo Lindqvist"]),
        ("Seminar #1 - Sparse recovery - Revisited", []),
    ]
