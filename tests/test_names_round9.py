"""Round-9 name and calendar rules, table-driven with negative rows (invented strings only).

Calendar DESCRIPTIONs that label the speaker in other languages, with gender-inclusive
endings ("Intervenant·e :", "Referent*in:"), and the affiliation as "Établissement :"; a
SUMMARY's opening words before its colon that are no described speaker; authors written
"Name (Affiliation)" one after another with only spaces between; a long list of such authors;
a company's or agency's name after a comma ("Acme France", "Police Nationale"); one
affiliation after several names, shared by them; co-speakers in a bracketed "with ..." on a
personal page.
"""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html
from parsers.common.people import people_in
from parsers.heuristic.extract import parse as heuristic_parse
from parsers.markup.ical import parse_calendar
from tests.heuristic_support import URL

FEED_URL = "https://x.example/seminars.ics"


def _pairs(speakers) -> list[tuple[str, str | None]]:
    return [(s.name, s.affiliation) for s in speakers]


def _talks(*events: str):
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    feed = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n"
    return parse_calendar(feed.encode(), Context(url=FEED_URL)).talks


def _event(summary: str, description: str = "") -> str:
    text = f"UID:u1\r\nSUMMARY:{summary}\r\nDTSTART:20300101T120000Z\r\nDTEND:20300101T130000Z"
    return text + (f"\r\nDESCRIPTION:{description}" if description else "")


# --------------------------------------------------------------------------- calendar labels


@pytest.mark.parametrize(
    ("description", "speakers"),
    [
        (
            "Intervenant·e : Jeanne ROUX\\nÉtablissement : Université de Valls\\nMots-clés : sols",
            [("Jeanne ROUX", "Université de Valls")],
        ),
        ("Referent*in: Bo Linden\\nEinrichtung: Some Institute", [("Bo Linden", "Some Institute")]),
        ("Vortragende(r): Ana Gris", [("Ana Gris", None)]),
        (
            "Ponente: Ana Gris\\nInstitución: Universidad de Tarn",
            [("Ana Gris", "Universidad de Tarn")],
        ),
        ("Conférencière : Jeanne Roux (Some Lab)", [("Jeanne Roux", "Some Lab")]),
        # negative rows: other roles' labels, an affiliation line with no speaker, a speaker
        # slot that holds an event's name
        ("Organisateur·rice : Jeanne Roux", []),
        ("Contact : Jeanne Roux\\nÉtablissement : Some Lab", []),
        ("Intervenant·e : Séminaire Doctorants\\nÉtablissement : Some Lab", []),
    ],
)
def test_speaker_labels_of_other_languages(description: str, speakers) -> None:
    (talk,) = _talks(_event("Seed banks after fire", description))
    assert talk.title == "Seed banks after fire"
    assert _pairs(talk.speakers) == speakers


@pytest.mark.parametrize(
    ("summary", "description", "title"),
    [
        (
            "Meadow Maps: Seed Banks After Fire",
            "Intervenant·e : Jeanne Roux",
            "Meadow Maps: Seed Banks After Fire",
        ),
        ("Glass Forests: A Survey", "Speaker: Bo Linden", "Glass Forests: A Survey"),
        # negative rows: the described speaker opens the SUMMARY; a lead with an affiliation
        # (a host's line), read as before; no described speaker at all
        ("Jeanne Roux: Seed Banks After Fire", "Speaker: Jeanne Roux", "Seed Banks After Fire"),
        ("Bo Linden (Acme): Seed Banks", "Speaker: Jeanne Roux", "Seed Banks"),
        ("Jeanne Roux: Seed Banks After Fire", "", "Seed Banks After Fire"),
    ],
)
def test_title_words_before_a_colon(summary: str, description: str, title: str) -> None:
    (talk,) = _talks(_event(summary, description))
    assert talk.title == title


# --------------------------------------------------------------------------- author lists


SIX = (
    "Jeanne Roux (Université de Valls)* Bo Linden (Some Institute of Soils) "
    "Ana Gris (Universidad de Tarn) Tove Wit (Other University of Lund) "
    "Mara Holm (Acme Laboratories for Seeds) Ivo Dahl (Some College of Brno)"
)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Jeanne Roux (Some Lab)    Bo Linden (Other University)",
            [("Jeanne Roux", "Some Lab"), ("Bo Linden", "Other University")],
        ),
        (
            "Jeanne Roux (Some Lab)* Bo Linden (Some Lab) Ana Gris (UFX)",
            [("Jeanne Roux", "Some Lab"), ("Bo Linden", "Some Lab"), ("Ana Gris", "UFX")],
        ),
        (
            SIX,
            [
                (n, a)
                for n, a in zip(
                    ["Jeanne Roux", "Bo Linden", "Ana Gris", "Tove Wit", "Mara Holm", "Ivo Dahl"],
                    [
                        "Université de Valls",
                        "Some Institute of Soils",
                        "Universidad de Tarn",
                        "Other University of Lund",
                        "Acme Laboratories for Seeds",
                        "Some College of Brno",
                    ],
                    strict=True,
                )
            ],
        ),
        # negative rows: a title after the bracket; a long text that is no list of entries
        ("Jeanne Roux (Some Lab) Deep Seed Models (Tutorial)", []),
        ("Jeanne Roux (Some Lab) " + "spoke about seed banks after fire " * 6, []),
    ],
)
def test_authors_set_apart_by_spaces(text: str, want) -> None:
    assert _pairs(people_in(text)) == want


def _page(body: str) -> list:
    page = f"<html><head><title>Workshop programme</title></head><body>{body}</body></html>"
    return heuristic_parse(html.load(page, URL), Context(url=URL)).talks


_ROWS = [
    (
        "14:10-14:40",
        "Jeanne Roux (Some Lab)   Bo Linden (Other University)",
        "Seed banks after fire",
    ),
    ("14:40-15:10", "Ana Gris (UFX)* Tove Wit (Some Institute)", "Lichen cover in meadows"),
    ("15:10-15:40", "Mara Holm (Acme Labs)", "Pollinators of alpine plants"),
]


@pytest.mark.parametrize(
    "body",
    [
        "<h1>Programme</h1><p>Friday 12 December 2030</p><table><tr><th>Authors</th>"
        "<th>Title</th><th>Time</th></tr>"
        + "".join(f"<tr><td>{who}</td><td>{title}</td><td>{t}</td></tr>" for t, who, title in _ROWS)
        + "</table>",
        "<h1>Programme</h1><h2>Friday 12 December 2030</h2><ul>"
        + "".join(f"<li>{t}: <b>{title}</b><br>{who}</li>" for t, who, title in _ROWS)
        + "</ul>",
    ],
)
def test_authors_set_apart_by_spaces_on_a_page(body: str) -> None:
    talks = _page(body)
    assert [[s.name for s in t.speakers] for t in talks] == [
        ["Jeanne Roux", "Bo Linden"],
        ["Ana Gris", "Tove Wit"],
        ["Mara Holm"],
    ]


# --------------------------------------------------------------------------- name, affiliation


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Jeanne Roux, Acme France", [("Jeanne Roux", "Acme France")]),
        ("Jeanne Roux, Police Nationale", [("Jeanne Roux", "Police Nationale")]),
        ("Bo Linden, Meteo Deutschland", [("Bo Linden", "Meteo Deutschland")]),
        # negative rows: two people after all; a country word inside the first name's list
        ("Jeanne Roux, Bo Linden", [("Jeanne Roux", None), ("Bo Linden", None)]),
        ("Ana Gris, Tove Wit", [("Ana Gris", None), ("Tove Wit", None)]),
    ],
)
def test_branch_or_national_body_after_a_comma(text: str, want) -> None:
    assert _pairs(people_in(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Jeanne Roux & Bo Linden (Some Bank)", [("Jeanne Roux", None), ("Bo Linden", None)]),
        ("Jeanne Roux & Bo Linden, Acme", [("Jeanne Roux", None), ("Bo Linden", None)]),
        ("Jeanne Roux and Bo Linden (Some Lab)", [("Jeanne Roux", None), ("Bo Linden", None)]),
        # negative rows: each with an affiliation of their own; the first with hers only
        (
            "Jeanne Roux (Some Lab) and Bo Linden (Acme)",
            [("Jeanne Roux", "Some Lab"), ("Bo Linden", "Acme")],
        ),
        (
            "Jeanne Roux (Some Lab) and Bo Linden",
            [("Jeanne Roux", "Some Lab"), ("Bo Linden", None)],
        ),
        ("Jeanne Roux (Some Lab)", [("Jeanne Roux", "Some Lab")]),
    ],
)
def test_one_affiliation_after_several_names_is_shared(text: str, want) -> None:
    assert _pairs(people_in(text)) == want
