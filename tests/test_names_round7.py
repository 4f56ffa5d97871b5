"""Round-7 name and calendar rules, table-driven with negative rows (invented strings only).

Citation author lists written "Surname I." ("Durand P.-L., Martin A."); credentials after a
name ("Jane Roe, PhD, RN"); "M." before a lone surname is an initial; names each set in a
link of their own are several people; a link label's bracket left after a title's cut; a
monogram is no page owner, a footer's first line may be. Calendar SUMMARYs closed by a
quoted title, a term break's placeholder slot, and events spanning a day with no speaker.
"""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html
from parsers.common.name_forms import initials_last_authors, without_credentials
from parsers.common.name_shapes import strip_honorifics
from parsers.common.owner import page_owner
from parsers.common.people import looks_like_person, people_in
from parsers.heuristic.extract import parse as heuristic_parse
from parsers.heuristic.reading import Parsed
from parsers.heuristic.speakers import linked_people, loose_people
from parsers.markup.ical import parse_calendar
from parsers.markup.ical_fields import no_talk
from tests.heuristic_support import URL, page_lines_of


def _pairs(speakers) -> list[tuple[str, str | None]]:
    return [(s.name, s.affiliation) for s in speakers]


# --------------------------------------------------------------------------- citation lists


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Durand P.-L., Martin A.", (["Durand P.-L.", "Martin A."], "")),
        (
            "Le Roux J. R., Vidal-Roy A. and Morel B.",
            (["Le Roux J. R.", "Vidal-Roy A.", "Morel B."], ""),
        ),
        (
            "Durand P.-L., Martin A. Some Meeting 05/2019. Lyon",
            (["Durand P.-L.", "Martin A."], "Some Meeting 05/2019. Lyon"),
        ),
        ("Durand P.-L.. Some Meeting", (["Durand P.-L."], "Some Meeting")),
        # negative rows: one author without the list's stop, given names first, no initials
        ("Martin A. Some Title Words", None),
        ("Jane Doe, Bo Li", None),
        ("A. Martin, B. Durand", None),
    ],
)
def test_initials_last_authors(text: str, want) -> None:
    assert initials_last_authors(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Durand P.-L., Martin A.", [("Durand P.-L.", None), ("Martin A.", None)]),
        # more words after the list: the caller cuts them, no co-author becomes an affiliation
        ("Durand P.-L., Martin A., Roux B. Some Meeting 05/2019. Lyon", []),
        # negative rows: "Name, Affiliation" stays so
        ("Jane Doe, Some University", [("Jane Doe", "Some University")]),
        ("Jane Doe (Some Lab)", [("Jane Doe", "Some Lab")]),
    ],
)
def test_people_in_citation_lists(text: str, want) -> None:
    assert _pairs(people_in(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Durand P.-L., Martin A., Roux B.   Some Annual Meeting 05/2019. Lyon, Fr.",
            [("Durand P.-L.", None), ("Martin A.", None), ("Roux B.", None)],
        ),
        ("Durand P.-L..   Some Annual Meeting 11/2020. Lyon, Fr.", [("Durand P.-L.", None)]),
        # a link label's bracket left by the cut: the name before it stands alone
        ("Ana Verde (XYZ) :   (📄 PDF )", [("Ana Verde", "XYZ")]),
        ("Ana Verde ( )", [("Ana Verde", None)]),
        # negative rows: a bracket with words in it is an affiliation
        ("Ana Verde (Code Lab)", [("Ana Verde", "Code Lab")]),
        ("Ana Verde (Some Institute)", [("Ana Verde", "Some Institute")]),
    ],
)
def test_loose_people(text: str, want) -> None:
    assert _pairs(loose_people(text)) == want


def test_citation_items_on_a_page() -> None:
    items = "".join(
        f"<li><b><span>Durand P.-L.</span></b>, Martin A., Roux B. <b>{title}.</b> "
        f'<a href="">Some Annual Meeting</a> 0{n}/2019. Lyon, Fr.</li>'
        for n, title in enumerate(
            ("Grazing effects on alpine meadows", "Seed banks after fire", "Lichen cover trends"),
            start=1,
        )
    )
    page = (
        f"<html><head><title>Talks</title></head><body><h1>Talks</h1><ul>{items}</ul></body></html>"
    )
    talks = heuristic_parse(html.load(page, URL), Context(url=URL)).talks
    assert [[s.name for s in t.speakers] for t in talks] == [
        ["Durand P.-L.", "Martin A.", "Roux B."]
    ] * 3


# --------------------------------------------------------------------------- credentials


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Jane Roe, PhD, RN, MPH", [("Jane Roe", None)]),
        ("Ana Gris, DO and Bo Lind, MD", [("Ana Gris", None), ("Bo Lind", None)]),
        (
            "Jane B. Roe, PhD, MPH Assistant Professor, Some School",
            [("Jane B. Roe", "Assistant Professor, Some School")],
        ),
        # negative rows: a word that only starts like a credential, a place after a comma
        ("Jane Roe, MDA Systems", [("Jane Roe", "MDA Systems")]),
        ("Jane Roe, Springfield, MA", [("Jane Roe", "Springfield, MA")]),
    ],
)
def test_credentials_are_no_affiliation(text: str, want) -> None:
    assert _pairs(people_in(text)) == want


def test_without_credentials_keeps_other_text() -> None:
    assert without_credentials("Jane Roe, Dorm Head") == "Jane Roe, Dorm Head"
    assert without_credentials("Jane Roe, PhD (Some Lab)") == "Jane Roe (Some Lab)"


# --------------------------------------------------------------------------- "M." initial


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("M. Rossini", "M. Rossini"),
        # negative rows: "M." before a full name is an honorific, two initials stay
        ("M. Jean Dupont", "Jean Dupont"),
        ("M. I. Jordan", "M. I. Jordan"),
        ("Dr. Rossini", "Rossini"),
    ],
)
def test_m_before_a_lone_surname(text: str, want: str) -> None:
    assert strip_honorifics(text) == want


def test_m_initial_is_a_person() -> None:
    assert looks_like_person("M. Rossini")
    assert people_in("M. Rossini, E. Neri") == people_in("M. Rossini and E. Neri")
    assert not looks_like_person("M. Methods")  # negative row: a title word after it


# --------------------------------------------------------------------------- linked names


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ('<a href="/a">Jane Roe</a>, <a href="/b">Bo Lind</a>', ["Jane Roe", "Bo Lind"]),
        (
            '<a href="/a"><span>Jane Roe</span></a>, <a href="/b">Bo Lind</a>',
            ["Jane Roe", "Bo Lind"],
        ),
        # negative rows: one name unlinked, a linked institution, one link
        ('<a href="/a">Jane Roe</a>, Bo Lind', []),
        ('<a href="/a">Jane Roe</a>, <a href="/b">Some University</a>', []),
        ('<a href="/a">Jane Roe</a>', []),
    ],
)
def test_linked_people(cell: str, want: list[str]) -> None:
    (line,) = page_lines_of(f"<p>{cell}</p>")
    assert [s.name for s in linked_people(Parsed(line, rest=line.text))] == want


# --------------------------------------------------------------------------- page owner


def _owner(head_h1: str, footer: str) -> str | None:
    page = (
        f"<html><head><title>Talks</title></head><body><header><h1>{head_h1}</h1></header>"
        f"<main><h1>Talks</h1></main><footer>{footer}</footer></body></html>"
    )
    found = page_owner(html.load(page, URL))
    return found.name if found else None


@pytest.mark.parametrize(
    ("h1", "footer", "want"),
    [
        (
            '<a href="/">J R</a>',
            "<span>Jane Roe</span><ol><li><a href='/x'>GitHub</a></li></ol>",
            "Jane Roe",
        ),
        ('<a href="/">J. R.</a>', "<span>Jane Roe</span>", "Jane Roe"),
        # negative rows: a monogram alone, a footer opening with a menu word
        ('<a href="/">J R</a>', "<span>Home</span><span>Jane Roe</span>", None),
        ("Talks", "<p>Built with a generator</p>", None),
    ],
)
def test_page_owner_monogram_and_footer(h1: str, footer: str, want: str | None) -> None:
    assert _owner(h1, footer) == want


# --------------------------------------------------------------------------- calendar feeds


FEED_URL = "https://x.example/feed.ics"


def _feed(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n".encode()


def _event(summary: str, start: str, end: str, description: str = "", uid: str = "u") -> str:
    text = f"UID:{uid}\r\nSUMMARY:{summary}\r\nDTSTART:{start}\r\nDTEND:{end}"
    return text + (f"\r\nDESCRIPTION:{description}" if description else "")


def _all_day(summary: str, start: str, end: str, uid: str) -> str:
    return f"UID:{uid}\r\nSUMMARY:{summary}\r\nDTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}"


def _talks(*events: str):
    return parse_calendar(_feed(*events), Context(url=FEED_URL)).talks


@pytest.mark.parametrize(
    ("summary", "description", "title", "speakers"),
    [
        (
            'Some Seminar Series - Jane Roe\\, PhD\\, RN - "A Study of Alpine Meadows"',
            "Presenter: Jane B. Roe\\, PhD Assistant Professor\\, Some School",
            "A Study of Alpine Meadows",
            [("Jane Roe", "Assistant Professor, Some School")],
        ),
        (
            'Grand Rounds - Ana Gris\\, DO and Bo Lind\\, MD - "Care Pathways: Work-Up\\, Review"',
            "",
            "Care Pathways: Work-Up, Review",
            [("Ana Gris", None), ("Bo Lind", None)],
        ),
        ("Jane Roe: “Seed Banks After Fire”", "", "Seed Banks After Fire", [("Jane Roe", None)]),
        # negative rows: no person before the quote; DESCRIPTION names someone else
        ('Journal Club - "Seed Banks After Fire"', "", None, []),
        (
            'Some Series - Jane Roe - "Seed Banks After Fire"',
            "Speaker: Bo Lind",
            None,
            [("Bo Lind", None)],
        ),
    ],
)
def test_quoted_title_summary(summary, description, title, speakers) -> None:
    (talk,) = _talks(_event(summary, "20300101T120000", "20300101T130000", description))
    if title is not None:
        assert talk.title == title
    assert _pairs(talk.speakers) == speakers


@pytest.mark.parametrize(
    ("summary", "want"),
    [
        ("Summer Break - Some Program Meeting", True),
        ("Winter recess: Journal Club", True),
        ("Spring Break", True),
        # negative rows: a title that starts with a break-like word
        ("Breaking Symmetry in Alpine Meadows", False),
        ("Summer Schools of Thought in Ecology", False),
        ("Term Structure Models", False),
    ],
)
def test_term_break_slot(summary: str, want: bool) -> None:
    assert no_talk(summary) is want


def test_events_spanning_a_day_without_speaker_are_no_talks() -> None:
    talks = _talks(
        _event("Some Annual Symposium", "20300717T200000", "20300718T120000", uid="a"),
        _event("Some Conference on Meadows", "20300723T073000", "20300726T110000", uid="b"),
        _all_day("Some Datathon", "20300801", "20300803", uid="c"),
        # negative rows: a talk of an hour, a one-day all-day talk, a long event with a speaker
        _event("Jane Roe - Seed Banks After Fire", "20300801T120000", "20300801T130000", uid="d"),
        _all_day("Jane Roe - Lichen cover trends", "20300805", "20300806", uid="e"),
        _event("Ana Gris - A Day of Meadows", "20300810T090000", "20300810T190000", uid="f"),
        _all_day("Lichen cover in alpine meadows", "20300812", "20300813", uid="g"),
    )
    assert [t.title for t in talks] == [
        "Seed Banks After Fire",
        "Lichen cover trends",
        "A Day of Meadows",
        "Lichen cover in alpine meadows",
    ]
