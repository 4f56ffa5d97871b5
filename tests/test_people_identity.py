"""One person across sources (issue 12): the people table, aliases, the rule of each merge.

Name rules as a table of real spellings with negative rows; the multi-source fixture crawl
(tests/fixtures/multisource/) checked person by person; evidence rules on hand-made talks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from crawl_support import query, run_cli
from test_linking import crawl

from crawler.db import Store, linking
from crawler.db.people import name_rule


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        ("Kathlén Kohn", "Kathlen Kohn", "folded"),
        ("Jean-Pierre Serre", "Jean Pierre Serre", "folded"),
        ("Mårten Wadenbäck", "MARTEN WADENBACK", "folded"),
        ("Zhengkang (Kevin) Zhang", "Kevin Zhang", "nickname"),
        ("Zhengkang (Kevin) Zhang", "Zhengkang Zhang", "folded"),
        ("J. Bruna", "Joan Bruna", "initials"),
        ("J.-P. Serre", "Jean-Pierre Serre", "initials"),
        # must NOT be one person on the names alone
        ("Anna Kohn", "Kathlén Kohn", None),
        ("Wei Zhang", "Kevin Zhang", None),
        ("Wei Zhang", "Zhengkang (Kevin) Zhang", None),
        ("J. Bruna", "Jim Smith", None),
        ("Bruna", "Joan Bruna", None),
        ("K. Kohn", "Anna Kohn", None),
        ("J. Bruna", "Joan Bruno", None),
    ],
)
def test_name_rule(a: str, b: str, rule: str | None) -> None:
    assert name_rule(a, b) == rule
    assert name_rule(b, a) == rule


# ---------------------------------------------------------------------------- the crawl

# display name -> {alias: rule}; the alias seen first has rule "first"
EXPECTED_PEOPLE = {
    "Anna Kohn": {"Anna Kohn": "first"},
    "Kathlén Kohn": {"Kathlen Kohn": "first", "Kathlén Kohn": "folded"},
    "Joan Bruna": {"J. Bruna": "first", "Joan Bruna": "initials+talk"},
    "Zhengkang (Kevin) Zhang": {"Zhengkang (Kevin) Zhang": "first", "Kevin Zhang": "nickname"},
    "Wei Zhang": {"Wei Zhang": "first"},
}


@pytest.fixture(scope="module")
def multi_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("people") / "multi.db"
    crawl(db)
    return db


@pytest.mark.slow
def test_every_person_with_exactly_their_aliases(multi_db: Path) -> None:
    found: dict[str, dict[str, str]] = {}
    for row in query(
        multi_db,
        "SELECT p.name AS person, a.name AS alias, a.rule FROM person_aliases a "
        "JOIN people p ON p.id = a.person_id",
    ):
        found.setdefault(row["person"], {})[row["alias"]] = row["rule"]
    assert found == EXPECTED_PEOPLE


@pytest.mark.slow
def test_every_speaker_row_points_at_its_person(multi_db: Path) -> None:
    rows = query(
        multi_db,
        "SELECT ts.name, p.name AS person FROM talk_speakers ts "
        "LEFT JOIN people p ON p.id = ts.person_id",
    )
    assert rows
    for row in rows:
        assert row["name"] in EXPECTED_PEOPLE[row["person"]]


@pytest.mark.slow
def test_people_view_and_person_talks(multi_db: Path) -> None:
    [bruna] = query(multi_db, "SELECT * FROM people_view WHERE name = 'Joan Bruna'")
    assert bruna["aliases"] == "J. Bruna; Joan Bruna"
    assert bruna["merged_by"].startswith("initials+talk: ")
    assert (bruna["talks"], bruna["sources"]) == (3, 4)
    assert bruna["affiliations"] == "New York University; Courant Institute, NYU"
    rows = query(
        multi_db,
        "SELECT start_local, spoken_as, affiliation, listed_by, sources FROM person_talks "
        "WHERE person = 'Joan Bruna' ORDER BY start_utc, listed_by",
    )
    assert [tuple(r.values()) for r in rows] == [
        ("2021-11-18", "Joan Bruna", None, "bruna", 1),
        ("2022-06-02 17:00", "Joan Bruna", None, "bruna", 3),
        ("2022-06-02 17:00", "Joan Bruna", "New York University", "mpml_ist", 3),
        ("2022-06-02 17:00", "Joan Bruna", "New York University", "mpml_rs", 3),
        ("2024-03-14 10:30", "Joan Bruna", None, "bruna", 2),
        ("2024-03-14 10:30", "J. Bruna", "Courant Institute, NYU", "lts", 2),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("spelling", ["J. Bruna", "Joan Bruna", "bruna"])
def test_by_speaker_finds_every_talk_under_any_alias(multi_db: Path, spelling: str) -> None:
    path = f"/{multi_db.stem}/by_speaker.json?speaker={spelling}&_shape=array"
    result = run_cli("serve", "--db", str(multi_db), "--get", path.replace(" ", "%20"))
    assert result.returncode == 0, result.stderr
    titles = sorted(row["title"] for row in json.loads(result.stdout))
    assert titles == [
        "Mean-field limits of shallow neural networks",
        "On the sample complexity of learning under invariance",
        "Sparse Recovery in Scattering Transforms",
    ]


# ---------------------------------------------------------------------------- by hand (fast)


def talk(talk_id: str, day: str, title: str, name: str, affiliation: str | None) -> dict[str, Any]:
    return {
        "id": talk_id,
        "title": title,
        "speakers": [{"name": name, "affiliation": affiliation}],
        "starts_at": day,
        "series": "s",
        "links": [],
    }


def save(store: Store, series: str, *talks: dict[str, Any]) -> None:
    store.save_talks(series, list(talks))
    with store.transaction():
        linking.refresh(store.db, [t["id"] for t in talks])


def people(store: Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in store.db.query(
        "SELECT p.name AS person, a.name AS alias FROM person_aliases a "
        "JOIN people p ON p.id = a.person_id"
    ):
        found.setdefault(row["person"], set()).add(row["alias"])
    return found


def test_initials_need_evidence(store: Store) -> None:
    save(store, "s", talk("a", "2024-01-10", "Graphs", "J. Smith", "Uppsala University"))
    save(store, "p", talk("b", "2024-03-01", "Knots", "John Smith", "Lund University"))
    assert people(store) == {"J. Smith": {"J. Smith"}, "John Smith": {"John Smith"}}


def test_initials_with_a_shared_affiliation(store: Store) -> None:
    save(store, "s", talk("a", "2024-01-10", "Graphs", "J. Smith", "Uppsala University"))
    save(store, "p", talk("b", "2024-03-01", "Knots", "John Smith", "Uppsala University"))
    assert people(store) == {"John Smith": {"J. Smith", "John Smith"}}
    rules = {r["name"]: r["rule"] for r in store.db.query("SELECT * FROM person_aliases")}
    assert rules == {"J. Smith": "first", "John Smith": "initials+affiliation"}


def test_never_against_a_conflicting_affiliation_on_the_same_day(store: Store) -> None:
    save(
        store,
        "s",
        talk("a", "2024-01-10", "Graphs", "J. Smith", "Uppsala University"),
        talk("a2", "2024-05-05", "Lattices", "J. Smith", "Lund University"),
    )
    save(
        store,
        "p",
        talk("b", "2024-03-01", "Knots", "John Smith", "Uppsala University"),
        talk("b2", "2024-05-05", "Braids", "John Smith", "Chalmers"),
    )
    assert people(store) == {"J. Smith": {"J. Smith"}, "John Smith": {"John Smith"}}


def test_a_person_whose_alias_evidence_disappears_is_split_again(store: Store) -> None:
    save(store, "s", talk("a", "2024-01-10", "Graphs", "J. Smith", "Uppsala University"))
    save(store, "p", talk("b", "2024-03-01", "Knots", "John Smith", "Uppsala University"))
    assert people(store) == {"John Smith": {"J. Smith", "John Smith"}}
    save(store, "p", talk("b", "2024-03-01", "Knots", "John Smith", "Lund University"))
    assert people(store) == {"J. Smith": {"J. Smith"}, "John Smith": {"John Smith"}}
    persons = {r["name"]: r["person_id"] for r in store.db.query("SELECT * FROM talk_speakers")}
    assert persons["J. Smith"] != persons["John Smith"]


def test_a_spelling_no_talk_uses_any_more_is_no_alias(store: Store) -> None:
    save(store, "s", talk("a", "2024-01-10", "Graphs", "Jon Smith", None))
    save(store, "s", talk("a", "2024-01-10", "Graphs", "John Smith", None))
    assert people(store) == {"John Smith": {"John Smith"}}
