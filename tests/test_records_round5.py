"""Record and title rules of the heuristic extractor (issue 10, round 5): a speaker column
holding "Name – Title", venue fragments after a one-line title, posters, file buttons, author
lists after an emphasised title, series headings repeated on every card, role lists and
labelled paragraphs under a heading. Pages and strings are written for the test; every name and
title is made up."""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html
from parsers.common.vocab import POSTER_LEAD
from parsers.heuristic import extract
from parsers.heuristic.cleanup import BOX_LABEL, looks_like_place, tidy_title
from parsers.heuristic.headings import POSTER_HEADING
from parsers.heuristic.labels import role_heading
from parsers.heuristic.lines import Line, page_lines
from parsers.heuristic.reading import Parsed
from parsers.heuristic.title_marks import before_venue, file_button
from parsers.heuristic.titles import _name_dash_title, title_and_speakers


def _parse(body: str, title: str = "Programme", url: str = "https://x.example/talks/"):
    head = f"<html lang='en'><head><title>{title}</title></head>"
    page = f"{head}<body><main>{body}</main></body></html>"
    return extract.parse(html.load(page, url), Context(url=url)).talks


def _speaker_table(cells: list[str]) -> str:
    rows = "".join(
        f"<tr><td>{9 + i}:00</td><td>Talk</td><td>{cell}</td>"
        f"<td><a href='/p{i}'>Details</a></td></tr>"
        for i, cell in enumerate(cells)
    )
    head = "<tr><th>Time</th><th>Type</th><th>Speaker</th><th>Details</th></tr>"
    return f"<h2>Monday 8 June 2026</h2><table>{head}{rows}</table>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "MARTA QUINTERO - Tidal turbines under shallow bays",
            ("Tidal turbines under shallow bays", "MARTA QUINTERO"),
        ),
        (
            "Jonas Weber – Wave loads on floating platforms",
            ("Wave loads on floating platforms", "Jonas Weber"),
        ),
        # negative rows: an author list, a short rest, a title before the name, no dash
        ("Ana Ruiz (Lake Institute); Bo Lind - Sea College of Tides", None),
        ("Ana Ruiz, Bo Lind - Sediment transport at scale", None),
        ("Cem Kaya - Chair", None),
        ("Sediment transport at scale - Cem Kaya", None),
        ("Cem Kaya (Lake Institute)", None),
    ],
)
def test_name_dash_title(text: str, expected: tuple[str, str] | None) -> None:
    found = _name_dash_title(text)
    assert ((found[0], found[1][0].name) if found else None) == expected


def test_speaker_column_name_dash_title() -> None:
    cells = [
        "MARTA QUINTERO - <em>Tidal turbines under shallow bays</em>",
        "Dora Feld - <em>Estuaries in a warming climate</em>",
    ]
    talks = _parse(_speaker_table(cells))
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Tidal turbines under shallow bays", ["MARTA QUINTERO"]),
        ("Estuaries in a warming climate", ["Dora Feld"]),
    ]


def _line(markup: str) -> Line:
    return page_lines(
        html.load(f"<html><body><p>{markup}</p></body></html>", "https://x.example/")
    )[0]


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        (
            "Tidal turbines in bays. <a href='/w'><em>Workshop on Coasts</em></a>, Bergen.",
            "Tidal turbines in bays",
        ),
        (
            "Wave loads on platforms. <em>Internal seminar</em> at Lake College.",
            "Wave loads on platforms",
        ),
        (
            "Wave loads: a review. <em>Internal talk at Lake College, Bergen.</em>",
            "Wave loads: a review",
        ),
        # negative rows: names before the italics (they are the title), no stop before the
        # italics, a title naming a work in italics, more marked words after the event
        ("Ana Ruiz and Bo Lind. <em>Tidal turbines in bays</em>.", None),
        ("Tidal turbines in bays <em>Workshop on Coasts</em>, Bergen.", None),
        ("Reading <em>Moby Dick</em> with sonar. Notes.", None),
        ("Tidal turbines. <em>Workshop</em> in <a href='/b'>Bergen</a>.", None),
    ],
)
def test_title_before_venue(markup: str, title: str | None) -> None:
    line = _line(markup)
    assert before_venue(Parsed(line=line, rest=line.text)) == title


@pytest.mark.parametrize(
    ("text", "poster"),
    [
        ("Poster au Colloque des Marées, Brest (France)", True),
        ("Poster at the Summer School on Tides, Bergen", True),
        ("Poster presented at the Coastal Meeting 2019", True),
        ("[poster] Sediment transport at scale", True),
        # negative rows: a talk, a prize named after posters, a poster session slot's title,
        # "(Poster)" naming the title's kind, poster in the middle
        ("Exposé au Séminaire des Marées", False),
        ("Prix du meilleur poster 2019", False),
        ("Poster session and drinks", False),
        ("Posters of the summer school", False),
        ("Tidal turbines in bays. Poster at Coastal Meeting", False),
    ],
)
def test_poster_lead(text: str, poster: bool) -> None:
    assert bool(POSTER_LEAD.match(text)) is poster


@pytest.mark.parametrize(
    ("heading", "poster"),
    [
        ("Posters", True),
        ("Poster", True),
        ("Poster sessions", True),
        ("Conference Poster Presentations", True),
        ("Affiches", True),
        # negative rows: talks and posters mixed, talks, a session slot name
        ("Talks and posters", False),
        ("Invited talks", False),
        ("Poster session winners announced", False),
    ],
)
def test_poster_heading(heading: str, poster: bool) -> None:
    assert bool(POSTER_HEADING.match(heading)) is poster


POSTERS = """
<h1>Talks</h1>
<h2>Talks</h2><ul>
<li><p><b>Tidal turbines in shallow bays</b>, Coastal Meeting, Bergen, May 2023</p></li>
<li><p><b>Wave loads on floating platforms</b>, Sea Workshop, Brest, June 2022</p></li>
<li><p>Poster at the <a href='/s'>Summer School on Tides</a>, Cadiz, July 2021</p></li>
</ul>
<h2>Posters</h2><ul>
<li><p><b>Sediment transport at scale</b>, Lake Symposium, Oslo, March 2021</p></li>
<li><p><b>Corrosion of submerged blades</b>, Sea Workshop, Brest, June 2020</p></li>
</ul>
"""


def test_posters_are_not_talks() -> None:
    talks = _parse(POSTERS, "Ana Ruiz - Talks", "https://anaruiz.example.org/talks/")
    assert [t.title for t in talks] == [
        "Tidal turbines in shallow bays",
        "Wave loads on floating platforms",
    ]


@pytest.mark.parametrize(
    ("markup", "button"),
    [
        ("<a class='btn' href='/a.pdf'><i class='fas fa-file-pdf'></i> Presentation</a>", True),
        ("<a href='/s.pdf'>Slides (PDF)</a>", True),
        ("<a href='/s.pdf'><i class='bi bi-easel'></i> Talk</a>", True),
        # negative rows: a title linked to its slides, a link with words beside it, a row of
        # two links (`links_only`'s), a long label in a button
        ("<a href='/s.pdf'>Tidal turbines in shallow bays</a>", False),
        ("<a class='btn' href='/s.pdf'>Slides</a> of the keynote", False),
        ("<a href='/v'>Video</a> <a href='/s'>Slides</a>", False),
        ("<a class='btn' href='/s'>Tidal turbines in shallow bays</a>", False),
    ],
)
def test_file_button(markup: str, button: bool) -> None:
    assert file_button(_line(markup)) is button


BUTTONS = """
<h2>Talks</h2><ul>
<li><strong>Tidal turbines in shallow bays</strong>. <em>May 2022</em>. A talk given at the
Coastal Meeting.<br><a href="/t.pdf" class="btn"><i class="fa fa-pdf"></i> Presentation</a></li>
<li><strong>Wave loads on floating platforms</strong>. <em>June 2021</em>. A talk given at the
Sea Workshop.<br><a href="/w.pdf" class="btn"><i class="fa fa-pdf"></i> Presentation</a></li>
</ul>
"""


def test_bold_title_beats_file_button() -> None:
    talks = _parse(BUTTONS, "Ana Ruiz - Talks", "https://anaruiz.example.org/talks/")
    assert [t.title for t in talks] == [
        "Tidal turbines in shallow bays",
        "Wave loads on floating platforms",
    ]


@pytest.mark.parametrize(
    ("markup", "title", "speakers"),
    [
        (
            "Ana Ruiz, Bo Lind and Cem Kaya. <em>Tidal turbines in shallow bays</em>.",
            "Tidal turbines in shallow bays",
            [("Ana Ruiz", None), ("Bo Lind", None), ("Cem Kaya", None)],
        ),
        # negative rows: a real "Name, Affiliation" after the title, a bracketed affiliation
        (
            "<em>Tidal turbines in shallow bays</em>, Ana Ruiz, Lake College.",
            "Tidal turbines in shallow bays",
            [("Ana Ruiz", "Lake College")],
        ),
        (
            "Ana Ruiz (Lake Univ.). <em>Tidal turbines in shallow bays</em>",
            "Tidal turbines in shallow bays",
            [("Ana Ruiz", "Lake Univ")],
        ),
    ],
)
def test_author_list_before_emphasised_title(markup: str, title: str, speakers: list) -> None:
    line = _line(markup)
    found_title, people, _ = title_and_speakers([Parsed(line=line, rest=line.text)])
    assert found_title == title
    assert [(s.name, s.affiliation) for s in people] == speakers


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Comité de programme et d’organisation", True),
        ("Présidents du colloque", True),
        ("Programme committee", True),
        ("Organizers", True),
        ("Co-organizer of the Friday reading group, a weekly seminar", True),
        ("Organisatrice du séminaire des doctorants", True),
        # negative rows: titles that start with a role word, a talk about committees
        ("Committee machines for ensemble learning", False),
        ("Organizing principles of the visual cortex", False),
        ("Chairs and tables: a furniture ontology", False),
        ("How programme committees review papers", False),
    ],
)
def test_role_heading(text: str, role: bool) -> None:
    assert role_heading(text) is role


ROLES = """
<h2>Monday 8 June 2026</h2>
<h3>Programme committee:</h3>
<p>Ana Ruiz, Lake College</p><p>Bo Lind, Sea Institute</p>
<table><tr><th>Time</th><th>Speaker</th><th>Title</th></tr>
<tr><td>09:00</td><td>Cem Kaya</td><td>Tidal turbines in shallow bays</td></tr>
<tr><td>10:00</td><td>Dora Feld</td><td>Wave loads on floating platforms</td></tr></table>
"""


def test_role_blocks_are_not_talks() -> None:
    assert [t.title for t in _parse(ROLES)] == [
        "Tidal turbines in shallow bays",
        "Wave loads on floating platforms",
    ]


@pytest.mark.parametrize(
    ("title", "tidy"),
    [
        ("第1部・潮汐発電の基礎", "潮汐発電の基礎"),
        ("①潮汐発電の基礎", "潮汐発電の基礎"),
        ("第２講：波の力学", "波の力学"),
        # negative rows: the meeting's number, a title with a part number inside
        ("第2回 海洋セミナー", "第2回 海洋セミナー"),
        ("潮汐発電 第1部", "潮汐発電 第1部"),
    ],
)
def test_cjk_enumeration_cut(title: str, tidy: str) -> None:
    assert tidy_title(title) == tidy


@pytest.mark.parametrize(
    ("text", "box"),
    [
        ("次回の定例会", True),
        ("過去のセミナー", True),
        ("다음 세미나", True),
        ("往期讲座", True),
        # negative rows: titles
        ("潮汐発電の基礎", False),
        ("次回予告の解説と展望について", False),
    ],
)
def test_cjk_box_label(text: str, box: bool) -> None:
    assert bool(BOX_LABEL.match(text)) is box


CARDS = "".join(
    f"<div class='card'><h3>Spring Seminar on Tides</h3><p>{day} May 2024</p><p>{title}</p></div>"
    for day, title in [
        (3, "Tidal turbines in shallow bays"),
        (10, "Wave loads on floating platforms"),
        (17, "Sediment transport at scale"),
    ]
)


def test_heading_repeated_on_every_card_is_a_series_label() -> None:
    talks = _parse(f"<h1>Seminars</h1>{CARDS}", "Seminars")
    assert [t.title for t in talks] == [
        "Tidal turbines in shallow bays",
        "Wave loads on floating platforms",
        "Sediment transport at scale",
    ]


def test_heading_on_two_cards_stays_their_title() -> None:
    cards = (
        "<div><h3>Tidal turbines in shallow bays</h3><p>3 May 2024</p><p>Lake College</p></div>"
        "<div><h3>Tidal turbines in shallow bays</h3><p>10 June 2024</p><p>Sea Institute</p></div>"
    )
    talks = _parse(f"<h1>Talks</h1>{cards}", "Talks")
    assert [t.title for t in talks] == ["Tidal turbines in shallow bays"] * 2


def _keynote(after: str) -> str:
    session = (
        "<h2>Session {n} (Monday 8 June 2026, {t}:00-{t}:30)</h2>"
        "<table><tr><th>Authors</th><th>Title</th><th>Time</th></tr>"
        "<tr><td>{who}</td><td>{title}</td><td>{t}:00-{t}:30</td></tr></table>"
    )
    return (
        session.format(n=1, t=10, who="Ana Ruiz", title="Tidal turbines in shallow bays")
        + session.format(n=2, t=11, who="Bo Lind", title="Wave loads on floating platforms")
        + "<h2>Closing keynote (18:00-19:00)</h2><p>Held jointly with the ocean lecture series.</p>"
        + after
    )


LABELLED_FIELDS = (
    "<p><b>Title:</b> Sediment transport at scale</p>"
    "<p><b>Speaker:</b> Cem Kaya, Lake College</p>"
    "<p><b>Abstract:</b> Rivers move sand; we measure how much.</p>"
)


@pytest.mark.parametrize(
    ("after", "keynote"),
    [
        (LABELLED_FIELDS, ("Sediment transport at scale", ["Cem Kaya"])),
        # negative rows: paragraphs under a heading of their own, lines labelled with no
        # talk field (a contact, a registration note)
        ("<h2>Sponsors</h2>" + LABELLED_FIELDS, None),
        ("<p><b>Contact:</b> Dora Feld</p><p><b>Registration:</b> free of charge</p>", None),
    ],
)
def test_heading_record_takes_labelled_paragraphs(after: str, keynote) -> None:
    talks = _parse(_keynote(after), "Workshop programme")
    found = [(t.title, [s.name for s in t.speakers]) for t in talks]
    assert found[:2] == [
        ("Tidal turbines in shallow bays", ["Ana Ruiz"]),
        ("Wave loads on floating platforms", ["Bo Lind"]),
    ]
    assert found[2:] == ([keynote] if keynote else [])


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("[Online] Room 12", True),
        ("[Hybrid] Zoom", True),
        ("[Room 4]", True),
        # negative rows: a room word inside the event tag before a title
        ("[Campus seminar 2016] Python in forty minutes", False),
        ("[Auditorium talks] Tidal turbines in shallow bays", False),
        ("2016.10. [Campus seminar] Python in forty minutes", False),
    ],
)
def test_place_after_a_bracketed_tag(text: str, place: bool) -> None:
    assert looks_like_place(text) is place
