"""Round-4 name rules, table-driven with negative rows (invented strings throughout).

Cyrillic names and initials, "и" and "+" as joiners, a middle dot between a name and an
affiliation (CJK names without a space too), credits ("… given by NAME"), discussants, author
lists before a title, citation author lists, a credit in prose, the owner in a site title
("Academic website of Dr. X"), and the iCal slot label "Series: Week no N".
"""

from __future__ import annotations

import pytest
from lxml import html

from parsers.common import vocab
from parsers.common.name_shapes import cited_authors, credit_at_end, without_discussant
from parsers.common.owner import page_owner
from parsers.common.people import (
    cited_people,
    credited_in_prose,
    looks_like_person,
    people_in,
    speaker_and_title,
)
from parsers.heuristic.speakers import _plural_label_people
from parsers.markup.ical_fields import title_and_speakers


def _pairs(speakers) -> list[tuple[str, str | None]]:
    return [(s.name, s.affiliation) for s in speakers]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Е. В. Лаптева", True),  # Cyrillic initials with spaces
        ("М.П. Белова", True),  # glued initials
        ("Анна Сорокина", True),
        ("Łukasz Wrona", True),  # a capital from Latin Extended-A
        ("Σοφία Καλλέρη", True),  # Greek
        # negative rows: session and institution words, inflected Russian, a discussant label
        ("Семинар Лаборатории", False),
        ("Заседание Кафедры", False),
        ("Programación Coloquio Redes", False),
        ("Comentario R.T. Vidal", False),
        ("Discussant Omar Haddad", False),
        ("Invitados de Chile y Uruguay", False),
        ("Curso Modelado Estadístico", False),
    ],
)
def test_looks_like_person(text: str, person: bool) -> None:
    assert looks_like_person(text) is person


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("К. Орехов и М.П. Белова", [("К. Орехов", None), ("М.П. Белова", None)]),
        ("Lena Moritz + Arturo Peña", [("Lena Moritz", None), ("Arturo Peña", None)]),
        ("Н.С. Гусева, Т.А. Миронов", [("Н.С. Гусева", None), ("Т.А. Миронов", None)]),
        ("박지훈 · 한빛대학교 수학과", [("박지훈", "한빛대학교 수학과")]),
        ("Teodora Vasile · University of Westmark", [("Teodora Vasile", "University of Westmark")]),
        ("Dr. Teodora Vasile • Westmark Institute", [("Teodora Vasile", "Westmark Institute")]),
        # a name and an affiliation after a comma stay so when the second part has no initials
        ("Teodora Vasile, Westmark Institute", [("Teodora Vasile", "Westmark Institute")]),
        # negative rows: a room after the dot, two names around it, a title before it, a list
        ("강의실 · 301호", []),
        ("박지훈 · 이서연", []),
        ("Deep Learning · Westmark", []),
        ("Jupyter + Notebooks", []),
        ("박지훈 교수 · 이서연 교수 · 김하늘 교수", []),
    ],
)
def test_people_in(text: str, want: list) -> None:
    assert _pairs(people_in(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a credit closing the line
        (
            "Analysis Seminar: Week no 4 given by Orla Keane & Tomas Brandt",
            ("Analysis Seminar: Week no 4", ["Orla Keane", "Tomas Brandt"]),
        ),
        ("Flows on networks, presented by Dara Whelan", ("Flows on networks", ["Dara Whelan"])),
        # the discussant's sentence is cut, the speaker's sentence stays
        (
            "Redes de cuidado en barrios. Ines Paredes. Comentario R.T. Vidal",
            ("Redes de cuidado en barrios", ["Ines Paredes"]),
        ),
        (
            "Lena Moritz + Arturo Peña. Civismo y escuela. Comenta: por definir.",
            ("Civismo y escuela", ["Lena Moritz", "Arturo Peña"]),
        ),
        # an author list, a full stop, then the title
        (
            "Mirela Stan, Oskar Lind and Hana Vu Thi. Sketching tools that co-create",
            ("Sketching tools that co-create", ["Mirela Stan", "Oskar Lind", "Hana Vu Thi"]),
        ),
        ("Rafael Okoye. Robots on Stage!", ("Robots on Stage!", ["Rafael Okoye"])),
        # negative rows: a role or an institution after the name, a date's remnant, a title
        # with a full stop and no people, a name alone, "Talk by" as a line's head
        (
            "Rafael Okoye. Senior Lecturer in Design",
            ("Rafael Okoye. Senior Lecturer in Design", []),
        ),
        ("Rafael Okoye. Westmark University.", ("Rafael Okoye. Westmark University.", [])),
        (
            "Curso Intensivo Bayesiano. al 02/12/2022",
            ("Curso Intensivo Bayesiano. al 02/12/2022", []),
        ),
        ("Graphs and groups. Part two of three.", ("Graphs and groups. Part two of three.", [])),
        ("Talk by Dr. Ada Moreno", ("Talk by Dr. Ada Moreno", [])),
        ("What is given by the data", ("What is given by the data", [])),
    ],
)
def test_speaker_and_title(text: str, want: tuple) -> None:
    title, speakers = speaker_and_title(text)
    assert (title, [s.name for s in speakers]) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Title. Jane Doe. Discussant: Bo Li", "Title. Jane Doe."),
        ("Title. Comenta: J.C. Ortiz. 22 agosto", "Title. 22 agosto"),
        ("Discussant: Bo Li", "Discussant: Bo Li"),  # nothing else left: unchanged
        ("A comment on respondent-driven sampling", "A comment on respondent-driven sampling"),
    ],
)
def test_without_discussant(text: str, want: str) -> None:
    assert without_discussant(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Series: Week 3 given by Jane Doe", ("Series: Week 3", "Jane Doe")),
        ("Delivered by Jane Doe", ("", "Jane Doe")),  # a credit alone: no title before it
        ("A talk by Jane Doe", None),  # "talk by" opens a line: `BY_PREFIX`'s, not a credit
        ("Ideas given by nature", ("Ideas", "nature")),  # a shape: `people_in` judges the names
        ("Jane Doe (MIT)", None),
    ],
)
def test_credit_at_end(text: str, want) -> None:
    assert credit_at_end(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Varela, Nuno, Greta Holm, and Ivo Sandu. (2023). Gesture and rhythm. Some Meeting.",
            [("Nuno Varela", None), ("Greta Holm", None), ("Ivo Sandu", None)],
        ),
        ("Varela, Nuno. (2021). Why lists? Another Meeting. [Slides]", [("Nuno Varela", None)]),
        # negative rows: initials only (a personal page's owner gives the full name), no year,
        # a title before the year
        ("Varela, N. (2021). Why lists? Another Meeting.", []),
        ("Varela, Nuno, Greta Holm. Gesture and rhythm.", []),
        ("Graph limits revisited (2021). Some Meeting.", []),
    ],
)
def test_cited_people(text: str, want: list) -> None:
    assert _pairs(cited_people(text)) == want


def test_cited_authors_invert_every_surname_first_author() -> None:
    found = cited_authors("Varela, N., Holm, G., & Sandu, I. (2020). Title. Venue.")
    assert found == (["N. Varela", "G. Holm", "I. Sandu"], "Title. Venue.")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Notes: A short presentation by our friend and colleague, Prof. Ines Ruiz "
            "(of Physics, Westmark University) on knots.",
            [("Ines Ruiz", "Physics, Westmark University")],
        ),
        ("This talk given by Dr. Mary Lou Carver explores tides.", [("Mary Lou Carver", None)]),
        # negative rows: no article before the credit, a group, lower-case words after "by"
        ("Based on the lecture by Jane Doe in 2019.", []),
        ("A talk by the Vision Lab Group on cameras.", []),
        ("A short talk by several members of the group.", []),
    ],
)
def test_credited_in_prose(text: str, want: list) -> None:
    assert _pairs(credited_in_prose(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Докладчики: К. Орехов и М.П. Белова", [("К. Орехов", None), ("М.П. Белова", None)]),
        # negative rows: a known label (read elsewhere), another label, no label
        ("Докладчик: К. Орехов", []),
        ("Organisers: Jane Doe and Bo Li", []),
        ("К. Орехов и М.П. Белова", []),
    ],
)
def test_plural_speaker_label(text: str, want: list) -> None:
    assert _pairs(_plural_label_people(text)) == want


@pytest.mark.parametrize(
    ("title", "owner"),
    [
        ("Talks | Academic website of Dr. Ines Roe", "Ines Roe"),
        ("Homepage of Ines Roe", "Ines Roe"),
        ("Page personnelle de Jean Dupuis - Exposés", "Jean Dupuis"),
        ("Ines Roe", "Ines Roe"),
        # negative rows: a group's or a series' site
        ("Website of the Vision Lab", None),
        ("Blog of Deep Learning Group", None),
        ("Talks | Homepage of Ines Roe's Lab", None),
    ],
)
def test_owner_from_site_title(title: str, owner: str | None) -> None:
    root = html.fromstring(f"<html><head><title>{title}</title></head><body></body></html>")
    found = page_owner(root)
    assert (found.name if found else None) == owner


@pytest.mark.parametrize(
    ("summary", "want"),
    [
        ("Analysis Seminar: Week no 2 given by Orla Keane", (None, ["Orla Keane"])),
        ("Week 7 given by Orla Keane", (None, ["Orla Keane"])),
        ("Analysis Seminar: Flows, presented by Dara Whelan", ("Flows", ["Dara Whelan"])),
        # negative rows: a title that starts with a week, a series word that is not a week
        ("Week 4: Graph limits and their uses", ("Week 4: Graph limits and their uses", [])),
        ("Analysis Seminar: Weekly meeting", ("Analysis Seminar: Weekly meeting", [])),
    ],
)
def test_ical_week_slot_is_no_title(summary: str, want: tuple) -> None:
    title, speakers = title_and_speakers(summary, None, frozenset())
    assert (title, [s.name for s in speakers]) == want


@pytest.mark.parametrize(
    ("text", "found"),
    [("Charlas", True), ("Palestras do grupo", True), ("Charlatans", False)],
)
def test_series_words_know_spanish_and_portuguese_talks(text: str, found: bool) -> None:
    assert bool(vocab.series_words().search(text)) is found
