"""Round-6 name rules, table-driven with negative rows (invented strings throughout).

Countries and institutions are no persons; hyphenated technical compounds, Romance title
words ("otra", "sobre", "-íaca") and link words ("PDF") are no name parts; a bracketed credit
"(by Jane Doe)" names the speaker before any colon split; "Jane Doe - Senior Editor" is a name
and a role; a site title with a series word is nobody's name.
"""

from __future__ import annotations

import lxml.html
import pytest

from parsers.common.name_shapes import technical_compound
from parsers.common.owner import page_owner
from parsers.common.people import looks_like_person, people_in, speaker_and_title


def _pairs(speakers) -> list[tuple[str, str | None]]:
    return [(s.name, s.affiliation) for s in speakers]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # countries printed under an institution
        ("Costa Rica", False),
        ("Estados Unidos", False),
        ("Reino Unido", False),
        ("United Kingdom", False),
        # institutions in Spanish, French, German, Italian
        ("Academia Nórdica de Cardiología", False),
        ("Sociedad Andina de Neumología", False),
        ("Hôpital Saint Louis", False),
        ("Fondazione Bruno Verdi", False),
        # hyphenated technical compounds, Romance title words and suffixes, link words
        ("Multi-Scale Spectral Synthesis", False),
        ("Semi-supervised Kernel Flow", False),
        ("Data-Driven Control", False),
        ("Otra Mirada de Pampa", False),
        ("Nuevas Rutas de Hierro", False),
        ("Falla Renal", True),  # two plain Spanish nouns: the shape cannot tell
        ("Insuficiencia Celíaca", False),
        ("Slides PDF", False),
        # negative rows: names with particles, hyphens, and lookalike endings stay names
        ("Juan de la Fuente", True),
        ("María Concepción Ríos", True),
        ("Jean-Pierre Lamarck", True),
        ("Ana Gastón-Ferrer", True),
        ("Min-Jun Seo", True),
        ("Clemente Ortiz", True),
        ("Costa Pereira", True),
        ("Ana de Sousa", True),
    ],
)
def test_looks_like_person(text: str, want: bool) -> None:
    assert looks_like_person(text) is want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Multi-Phase", True),
        ("Large-Scale Graphs", True),
        ("Self-supervised", True),
        ("Noise-Aware Training", True),
        # negative rows: hyphenated names
        ("Jean-Pierre", False),
        ("Ben-David", False),
        ("Al-khalili", False),
        ("Hsiang-Tsung Kung", False),
        ("Gastón-Ferrer", False),
    ],
)
def test_technical_compound(text: str, want: bool) -> None:
    assert technical_compound(text) is want


@pytest.mark.parametrize(
    ("text", "title", "speakers"),
    [
        (
            "Research Paper Presentation (by Ona Ferris): Multi-Level Region Growing",
            "Multi-Level Region Growing",
            [("Ona Ferris", None)],
        ),
        (
            "Paper Talk (by Ona Ferris): Quiet Graphs, Loud Walks",
            "Quiet Graphs, Loud Walks",
            [("Ona Ferris", None)],
        ),
        ("Exposé (par Lise Marchal) – Les nœuds", "Les nœuds", [("Lise Marchal", None)]),
        (
            "Sparse Codes (by Ivo Renz, Lake University)",
            "Sparse Codes",
            [("Ivo Renz", "Lake University")],
        ),
        # negative rows: a bracket that credits no person, a surname particle
        ("Tutorial (by the organisers): Notes on Sampling", None, []),
        ("Reading (de Boer): Notes on Shells", None, []),
        # a programme's name before a dash is no person
        ("Otra Mirada de Pampa — ¿Quién paga la cuenta?", None, []),
    ],
)
def test_bracketed_credit(text: str, title: str | None, speakers: list) -> None:
    found_title, found = speaker_and_title(text)
    assert _pairs(found) == speakers
    if title is not None:
        assert found_title == title


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Tove Halden - Senior Editor", [("Tove Halden", None)]),
        ("Tove Halden – Profesora titular", [("Tove Halden", None)]),
        ("Dr. Tove Halden — Associate Professor", [("Tove Halden", None)]),
        # negative rows: a dash before a title or a name, a role before the name
        ("Tove Halden - Directions in Sampling", []),
        ("Sparse Codes - Tove Halden", []),
        ("Senior Editor - Tove Halden", []),
    ],
)
def test_name_dash_role(text: str, want: list) -> None:
    assert _pairs(people_in(text)) == want


@pytest.mark.parametrize(
    ("title", "want"),
    [
        ("<title>Séminaires Côte Brune</title>", None),
        ("<title>Webinars Hale Moreno</title>", None),
        ("<title>Talks | Tove Halden</title>", "Tove Halden"),
        ("<title>Tove Halden</title>", "Tove Halden"),
    ],
)
def test_series_site_title_is_no_owner(title: str, want: str | None) -> None:
    root = lxml.html.fromstring(f"<html><head>{title}</head><body><p>x</p></body></html>")
    owner = page_owner(root)
    assert (owner.name if owner else None) == want
