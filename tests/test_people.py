"""parsers/common/people.py on the speaker lines of the seed pages, plus negative rows.

Decisions pinned here:
- The affiliation is everything the page gives after the name, as given, minus a trailing full
  stop (`Joan Bruna, Professor of ... New York University` keeps the whole descriptor).
- "Name, Affiliation (ACRONYM)" splits at the comma, not at the parenthesis.
- "and" inside an affiliation ("RIKEN-AIP, Tokyo and OIST, Okinawa, Japan") never makes a
  second speaker: a split needs every part to look like a name.
- `looks_like_name` judges the shape (2-6 capitalised tokens, particles allowed, no digits);
  whether a Title-Cased phrase is a person or an agenda item ("Coffee Break") is the job of
  `looks_like_person`, which also knows the vocabulary.
"""

from __future__ import annotations

import pytest

from parsers.common.people import (
    clean_affiliation,
    looks_like_name,
    looks_like_person,
    parse_speaker,
    people_in,
    speaker_and_title,
    split_speakers,
    strip_honorifics,
)
from parsers.talk import Speaker

PAPYAN_AFFILIATION = (  # UT agenda: the text after the bold name
    "Assistant Professor, Department of Mathematics and Department of Computer Science, "
    "University of Toronto"
)
HANSEN_AFFILIATION = (  # IST speaker line
    "Faculty of Mathematics and Department of Applied Mathematics and Theoretical Physics, "
    "University of Cambridge"
)
BRUNA_AFFILIATION = (
    "Professor of Computer Science, Data Science and Mathematics at the Courant Institute and "
    "Center for Data Science, New York University"
)

PARSE_SPEAKER = [
    # (text, explicit affiliation, name, affiliation)
    ("Liam Solus (KTH)", None, "Liam Solus", "KTH"),  # GAPinDNNs subtitle
    (
        "Emma Andersdotter Svensson (Umeå University)",
        None,
        "Emma Andersdotter Svensson",
        "Umeå University",
    ),
    ("  Liam\n          Solus\n   (KTH)  ", None, "Liam Solus", "KTH"),  # as the markup has it
    ("Kathlén Kohn", None, "Kathlén Kohn", None),
    (
        "Dan Roberts, MIT, Center for Theoretical Physics",
        None,
        "Dan Roberts",
        "MIT, Center for Theoretical Physics",
    ),
    (f"Joan Bruna, {BRUNA_AFFILIATION}", None, "Joan Bruna", BRUNA_AFFILIATION),
    (
        "Jonathan Siegel, Assistant Professor, Mathematics Department at Texas A&M University.",
        None,
        "Jonathan Siegel",
        "Assistant Professor, Mathematics Department at Texas A&M University",
    ),
    (
        "Emtiyaz Khan, RIKEN-AIP, Tokyo and OIST, Okinawa, Japan",
        None,
        "Emtiyaz Khan",
        "RIKEN-AIP, Tokyo and OIST, Okinawa, Japan",
    ),
    ("John Baez, U.C. Riverside", None, "John Baez", "U.C. Riverside"),
    (
        "Jan Kieseler, European Organization for Nuclear Research (CERN)",
        None,
        "Jan Kieseler",
        "European Organization for Nuclear Research (CERN)",
    ),
    (
        "Bruno Loureiro, École Polytechnique Fédérale de Lausanne (EPFL)",
        None,
        "Bruno Loureiro",
        "École Polytechnique Fédérale de Lausanne (EPFL)",
    ),
    (
        "André F. T. Martins, Instituto Superior Técnico",
        None,
        "André F. T. Martins",
        "Instituto Superior Técnico",
    ),
    (
        "Petar Veličković, DeepMind and University of Cambridge",
        None,
        "Petar Veličković",
        "DeepMind and University of Cambridge",
    ),
    ("Rianne van den Berg", None, "Rianne van den Berg", None),
    ("Inês Hipólito, Humboldt-Universität", None, "Inês Hipólito", "Humboldt-Universität"),
    # an explicit affiliation (IST's separate span, UT's text after the bold name) wins
    (
        "Dan Roberts",
        "MIT, Center for Theoretical Physics.",
        "Dan Roberts",
        "MIT, Center for Theoretical Physics",
    ),
    ("Vardan Papyan", PAPYAN_AFFILIATION, "Vardan Papyan", PAPYAN_AFFILIATION),
    # honorifics and degrees are not part of the name
    ("Dr. Jane Doe", None, "Jane Doe", None),
    ("Prof. Dr. Hans Müller", None, "Hans Müller", None),
    ("Prof. Dr. Hans Müller (Humboldt-Universität)", None, "Hans Müller", "Humboldt-Universität"),
    ("Jane Doe, Ph.D.", None, "Jane Doe", None),
    ("Jane Doe, PhD", None, "Jane Doe", None),
    # a nickname in brackets: kept inside the name, dropped after it; never an acronym
    ("Minseo (Max) Park (Kyoto University)", None, "Minseo (Max) Park", "Kyoto University"),
    ("Robert Smith (Bob) (MIT)", None, "Robert Smith", "MIT"),
    ("Jane Doe (MIT)", None, "Jane Doe", "MIT"),
    ("Jane Doe (KTH) (Sweden)", None, "Jane Doe (KTH) (Sweden)", None),  # an acronym: no nickname
]


@pytest.mark.parametrize(("text", "given", "name", "affiliation"), PARSE_SPEAKER)
def test_parse_speaker(text: str, given: str | None, name: str, affiliation: str | None) -> None:
    assert parse_speaker(text, given) == Speaker(name=name, affiliation=affiliation)


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t"])
def test_parse_speaker_empty(text: str | None) -> None:
    assert parse_speaker(text) is None


SPLIT = [
    # several speakers
    ("Jan Gerken and Max Guillen", [("Jan Gerken", None), ("Max Guillen", None)]),  # GAPinDNNs
    (
        "Yoav Wald, Eli Grigsby and Nhat Ho",
        [("Yoav Wald", None), ("Eli Grigsby", None), ("Nhat Ho", None)],
    ),
    (
        "Yoav Wald, Eli Grigsby, and Nhat Ho",
        [("Yoav Wald", None), ("Eli Grigsby", None), ("Nhat Ho", None)],
    ),
    ("Liam Solus (KTH) and Kathlén Kohn (KTH)", [("Liam Solus", "KTH"), ("Kathlén Kohn", "KTH")]),
    (
        "Rianne van den Berg and Petar Veličković",
        [("Rianne van den Berg", None), ("Petar Veličković", None)],
    ),
    ("Yoav Wald & Eli Grigsby", [("Yoav Wald", None), ("Eli Grigsby", None)]),
    ("Yoav Wald; Eli Grigsby", [("Yoav Wald", None), ("Eli Grigsby", None)]),
    # one speaker whose affiliation contains "and"
    (
        "Emtiyaz Khan, RIKEN-AIP, Tokyo and OIST, Okinawa, Japan",
        [("Emtiyaz Khan", "RIKEN-AIP, Tokyo and OIST, Okinawa, Japan")],
    ),
    (
        "Petar Veličković, DeepMind and University of Cambridge",
        [("Petar Veličković", "DeepMind and University of Cambridge")],
    ),
    (
        "Dmitry Krotov, MIT-IBM Watson AI Lab and IBM Research in Cambridge",
        [("Dmitry Krotov", "MIT-IBM Watson AI Lab and IBM Research in Cambridge")],
    ),
    (f"Anders Hansen, {HANSEN_AFFILIATION}", [("Anders Hansen", HANSEN_AFFILIATION)]),
    (f"Joan Bruna, {BRUNA_AFFILIATION}", [("Joan Bruna", BRUNA_AFFILIATION)]),
    (
        "Dan Roberts, MIT, Center for Theoretical Physics",
        [("Dan Roberts", "MIT, Center for Theoretical Physics")],
    ),
    ("Andrea L. Bertozzi", [("Andrea L. Bertozzi", None)]),
    ("Astrid Nilsson och Erik Berg", [("Astrid Nilsson", None), ("Erik Berg", None)]),
    ("", []),
    (None, []),
]


@pytest.mark.parametrize(("text", "want"), SPLIT)
def test_split_speakers(text: str | None, want: list[tuple[str, str | None]]) -> None:
    assert split_speakers(text) == [Speaker(name, affiliation) for name, affiliation in want]


NAMES = [
    "Liam Solus",
    "Emma Andersdotter Svensson",
    "Mårten Wadenbäck",
    "Kathlén Kohn",
    "Rianne van den Berg",
    "Petar Veličković",
    "André F. T. Martins",
    "Inês Hipólito",
    "João Sacramento",
    "Andrea L. Bertozzi",
    "Jean-Pierre Serre",
    "Dr. Jane Doe",
    "Nhat Ho",
    "Daniel Park",  # a place word that is a common surname
]
NOT_NAMES = [
    "Three graduate student talks, 25 mins each",  # UT agenda
    "Registration",
    "2:30pm",
    "Coffee and Breakfast",
    "Break for Individual Lunch",
    "Faculty Lunch (GDC 4.202)",
    "Agenda:",
    "Feb 20, 2025",
    "MVL-14",
    "Online",
    "Watch the full playlist",
    "University of Maryland",
    "Equivariant Manifold Neural ODEs and Differential Invariants",
    "Madonna",  # one token is not enough to call it a name
    "",
    None,
]


@pytest.mark.parametrize("text", NAMES)
def test_looks_like_name(text: str) -> None:
    assert looks_like_name(text)


@pytest.mark.parametrize("text", NOT_NAMES)
def test_looks_like_name_negative(text: str | None) -> None:
    assert not looks_like_name(text)


@pytest.mark.parametrize("text", NAMES)
def test_looks_like_person(text: str) -> None:
    assert looks_like_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "Coffee Break",
        "Lunch Break",
        "Opening Remarks",
        "Panel Discussion",
        "Sheaf Neural Networks",
        "Sala de Grados",  # rooms, restaurants and "no session" notes, in other languages
        "Restaurante O Pescador",
        "Kein Kolloquium",
        "Central Park",
    ],
)
def test_title_cased_agenda_items_are_not_people(text: str) -> None:
    assert looks_like_name(text)  # the shape alone cannot tell ...
    assert not looks_like_person(text)  # ... the vocabulary can


HONORIFICS = [
    ("Dr. Jane Doe", "Jane Doe"),
    ("Dr Jane Doe", "Jane Doe"),
    ("Prof. Dr. Hans Müller", "Hans Müller"),
    ("Professor Jane Doe", "Jane Doe"),
    ("Assoc. Prof. Jane Doe", "Jane Doe"),
    ("Prof. Dr. Jane Doe, Ph.D.", "Jane Doe"),
    ("Mme Marie Curie", "Marie Curie"),
    ("M. Jean Dupont", "Jean Dupont"),
    # names that merely start like an honorific, and initials, are left alone
    ("Drake Bell", "Drake Bell"),
    ("Mrinal Kanti Das", "Mrinal Kanti Das"),
    ("Marie Curie", "Marie Curie"),
    ("M. I. Jordan", "M. I. Jordan"),
    ("Mohammed bin Salman", "Mohammed bin Salman"),
    ("Rianne van den Berg", "Rianne van den Berg"),
    ("PD Dr. Sebastian Vogt", "Sebastian Vogt"),
    ("Priv.-Doz. Dr. Anna Roth", "Anna Roth"),
    ("Jun.-Prof. Dr. Max Weber", "Max Weber"),
]


@pytest.mark.parametrize(("text", "want"), HONORIFICS)
def test_strip_honorifics(text: str, want: str) -> None:
    assert strip_honorifics(text) == want


AFFILIATIONS = [
    ("MIT, Center for Theoretical Physics", "MIT, Center for Theoretical Physics"),
    (
        "Assistant Professor, Mathematics Department at Texas A&M University.",
        "Assistant Professor, Mathematics Department at Texas A&M University",
    ),
    ("(KTH)", "KTH"),
    (
        "European Organization for Nuclear Research (CERN)",
        "European Organization for Nuclear Research (CERN)",
    ),
    ("U.C. Riverside", "U.C. Riverside"),
    ("U.C.", "U.C."),  # an abbreviation's own full stop stays
    ("Dept. of Math.", "Dept. of Math"),
    (" , KTH ", "KTH"),
    ("– KTH –", "KTH"),
    ("IID, Université Laval, Canada", "IID, Université Laval, Canada"),
    ("Humboldt-Universität", "Humboldt-Universität"),
    ("ETH Zürich\xa0", "ETH Zürich"),
    ("", None),
    ("   ", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "want"), AFFILIATIONS)
def test_clean_affiliation(text: str | None, want: str | None) -> None:
    assert clean_affiliation(text) == want


# (text, speakers people_in reads, [] when none)
PEOPLE_IN = [
    ("Minseo (Max) Park (Kyoto University)", [("Minseo (Max) Park", "Kyoto University")]),
    ("Minseo (Max) Park", [("Minseo (Max) Park", None)]),
    ("Mara Holt (University of Bergen)", [("Mara Holt", "University of Bergen")]),
    ("Karen Vogtmann (Warwick)", [("Karen Vogtmann", "Warwick")]),
    # a colon after the affiliation starts a title: not one speaker with a long affiliation
    ("Tom Vesik, TalTech, Tallinn, Estonia: Typed rewriting", []),
    ("Jane Doe, MIT: Learning Things", []),
    ("Karen Vogtmann (Warwick), The topology of outer space", []),  # "(Warwick)" is no nickname
    ("Graph Theory (Part 2)", []),
]


@pytest.mark.parametrize(("text", "want"), PEOPLE_IN)
def test_people_in(text: str, want: list[tuple[str, str | None]]) -> None:
    assert people_in(text) == [Speaker(name, affiliation) for name, affiliation in want]


# (heading, title, speakers)
SPEAKER_AND_TITLE = [
    (
        "Tom Vesik, TalTech, Tallinn, Estonia: Typed rewriting",
        "Typed rewriting",
        [("Tom Vesik", "TalTech, Tallinn, Estonia")],
    ),
    (
        "Remi Anselin, Institute of Computing Science, Osaka, Japan: TBA",
        "TBA",
        [("Remi Anselin", "Institute of Computing Science, Osaka, Japan")],
    ),
    # "COURSE: Speaker, Affiliation: Title": the course code is a label, not the title
    ("MATH 501: Jane Doe, MIT: Learning Things", "Learning Things", [("Jane Doe", "MIT")]),
    ("Colloquium: Jane Doe (MIT): Sparse Graphs", "Sparse Graphs", [("Jane Doe", "MIT")]),
    ("Jane Doe (MIT): Deep Nets: A Survey", "Deep Nets: A Survey", [("Jane Doe", "MIT")]),
    # negative rows: no person behind the label, or a label too long to be one
    ("Deep Learning: A Survey", "Deep Learning: A Survey", []),
    ("MATH 501: Topics in Topology: Knots", "MATH 501: Topics in Topology: Knots", []),
    (
        "A very long series name of many words: Jane Doe: Title",
        "A very long series name of many words: Jane Doe: Title",
        [],
    ),
]


@pytest.mark.parametrize(("text", "title", "want"), SPEAKER_AND_TITLE)
def test_speaker_and_title(text: str, title: str, want: list[tuple[str, str | None]]) -> None:
    assert speaker_and_title(text) == (title, [Speaker(n, a) for n, a in want])
