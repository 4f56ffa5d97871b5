"""One talk across sources (issue 12): talk groups, the canonical record, exports and calendars.

The multi-source fixture set (tests/fixtures/multisource/, sources.toml there) is replayed as a
real crawl: a series page (lts), two speakers' own pages (kohn: Hugo Academic, bruna:
academicpages), an IST-like page without dates (mpml_ist) and a researchseminars.org-style
feed of the same series (mpml_rs). Groups are checked exactly, as sets of (source, title);
the near misses must stay apart. Fast tests build talks by hand in a store.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from crawl_support import ROOT, SEED_ORDER, SITES, query, run_cli

from crawler.db import Store, linking

MULTI = ROOT / "tests" / "fixtures" / "multisource"
SOURCES = MULTI / "sources.toml"

# Every real talk listed by more than one source, as (source, title as that source prints it).
EXPECTED_GROUPS = {
    frozenset(
        {
            ("lts", "Algebraic Geometry of Neural Networks"),
            ("kohn", "Algebraic geometry of neural networks"),
        }
    ),
    frozenset(
        {
            ("lts", "Sparse Recovery in Scattering Transforms"),
            ("bruna", "Sparse recovery in scattering transforms"),
        }
    ),
    frozenset(
        {
            ("mpml_ist", "Mean-field limits of shallow neural networks"),
            ("mpml_rs", "Mean-field limits of shallow neural networks"),
            ("bruna", "Mean-Field Limits of Shallow Neural Networks"),
        }
    ),
    frozenset(
        {
            ("mpml_ist", "Quantum Field Theory and Neural Networks"),
            ("mpml_rs", "Quantum field theory and neural networks"),
        }
    ),
    frozenset(
        {
            ("mpml_ist", "Neural network approximation of PDE solutions"),
            ("mpml_rs", "Neural network approximation of PDE solutions"),
        }
    ),
}
# Listings that must stay alone: the same title at two venues on different dates (lts and
# kohn), a speaker's second talk on a day she also spoke at lts, the other Kohn, a talk only
# one source lists.
EXPECTED_ALONE = {
    ("lts", "The Geometry of Linear Convolutional Networks"),
    ("kohn", "The geometry of linear convolutional networks"),
    ("kohn", "Invitation to algebraic statistics"),
    ("lts", "Identifiability of Tensor Decompositions"),
    ("bruna", "On the sample complexity of learning under invariance"),
}


def crawl(db: Path, *only: str) -> None:
    args = ["crawl", "--sources", str(SOURCES), "--replay", str(MULTI), "--db", str(db)]
    for source in only:
        args += ["--source", source]
    result = run_cli(*args)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def multi_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("multisource") / "multi.db"
    crawl(db)
    return db


def groups(db: Path) -> set[frozenset[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for row in query(
        db,
        "SELECT m.group_id, t.series_id, t.title FROM talk_group_members m "
        "JOIN talks t ON t.id = m.talk_id",
    ):
        found.setdefault(row["group_id"], set()).add((row["series_id"], row["title"]))
    return {frozenset(members) for members in found.values()}


def run_json(*args: str) -> list[dict[str, Any]]:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


# ---------------------------------------------------------------------------- the crawl


@pytest.mark.slow
def test_every_expected_group_and_nothing_else(multi_db: Path) -> None:
    assert groups(multi_db) == EXPECTED_GROUPS


@pytest.mark.slow
def test_near_misses_stay_alone(multi_db: Path) -> None:
    grouped = {member for group in groups(multi_db) for member in group}
    listed = {(r["series_id"], r["title"]) for r in query(multi_db, "SELECT * FROM talks")}
    assert listed >= EXPECTED_ALONE
    assert not EXPECTED_ALONE & grouped


@pytest.mark.slow
def test_the_canonical_talk_is_the_first_listing_and_takes_the_richest_values(
    multi_db: Path,
) -> None:
    [row] = query(
        multi_db,
        "SELECT * FROM talks_view WHERE title = 'Mean-field limits of shallow neural networks'",
    )
    [ist] = query(
        multi_db,
        "SELECT id, abstract FROM talks WHERE series_id = 'mpml_ist' AND title LIKE 'Mean-field%'",
    )
    assert row["id"] == ist["id"]  # IST was crawled first: its id (and UID) is the group's
    assert row["start_local"] == "2022-06-02 17:00"  # the feed's time with its zone
    assert row["timezone"] == "Europe/Lisbon"
    assert row["abstract"] == ist["abstract"]  # only the IST page has it
    assert row["slides"] == "https://mpml.example.org/files/Bruna%20slides.pdf"
    assert row["location"] == "Online"  # the series' own, not the personal page's venue line
    assert row["speakers"] == "Joan Bruna (New York University)"
    assert row["sources"] == 3
    assert json.loads(row["source_urls"]) == [
        "https://mpml.example.org/seminars/",
        "https://feeds.example.net/talk/MPMLX/71/",
        "https://bruna.example.org/talks/2022-06-02-talk-2",
    ]
    [kohn] = query(
        multi_db, "SELECT * FROM talks_view WHERE title = 'Algebraic Geometry of Neural Networks'"
    )
    assert (kohn["location"], kohn["start_local"], kohn["timezone"]) == (
        "MVL-14",
        "2024-03-07 10:30",
        "Europe/Stockholm",
    )


@pytest.mark.slow
def test_member_rows_record_the_evidence(multi_db: Path) -> None:
    rows = query(
        multi_db,
        "SELECT t.series_id, m.rule, m.evidence FROM talk_group_members m "
        "JOIN talks t ON t.id = m.talk_id "
        "WHERE t.title = 'Quantum field theory and neural networks'",
    )
    assert [(r["series_id"], r["rule"]) for r in rows] == [("mpml_rs", "undated+speakers+title")]
    evidence = json.loads(rows[0]["evidence"])
    assert evidence["speakers"] == ["Zhengkang (Kevin) Zhang ~ Kevin Zhang (nickname)"]


@pytest.mark.slow
def test_exports_give_one_item_per_real_talk(multi_db: Path) -> None:
    talks = run_json("export", "jsonl", "--db", str(multi_db))
    listings = query(multi_db, "SELECT count(*) AS n FROM talks")[0]["n"]
    grouped = sum(len(group) for group in EXPECTED_GROUPS)
    assert len(talks) == listings - grouped + len(EXPECTED_GROUPS) == 10
    assert sorted(t.get("sources", 1) for t in talks) == [1] * 5 + [2] * 4 + [3]
    view = query(multi_db, "SELECT title FROM talks_view")
    assert sorted(t["title"] for t in talks) == sorted(r["title"] for r in view)
    per_source = run_json("export", "jsonl", "--per-source", "--db", str(multi_db))
    assert len(per_source) == listings
    assert all("sources" not in talk for talk in per_source)
    csv = run_cli("export", "csv", "--db", str(multi_db)).stdout
    assert csv.splitlines()[0].endswith(",sources,source_urls")


@pytest.mark.slow
def test_ics_one_event_per_real_talk_with_a_uid_kept_when_a_second_source_joins(
    tmp_path: Path,
) -> None:
    db = tmp_path / "joins.db"
    crawl(db, "lts")
    before = run_cli("export", "ics", "--db", str(db)).stdout
    [lts_id] = [
        r["id"] for r in query(db, "SELECT id FROM talks WHERE title LIKE 'Sparse Recovery%'")
    ]
    assert f"UID:{lts_id}@seminars-aggregator" in before
    crawl(db, "lts", "kohn", "bruna", "mpml_ist", "mpml_rs")
    after = run_cli("export", "ics", "--db", str(db)).stdout
    uids = [line for line in after.splitlines() if line.startswith("UID:")]
    dated = query(db, "SELECT count(*) AS n FROM talks_view WHERE starts_at IS NOT NULL")
    assert len(uids) == len(set(uids)) == dated[0]["n"] == 10
    assert f"UID:{lts_id}@seminars-aggregator" in uids
    unfolded = after.replace("\r\n ", "").replace("\n ", "")
    assert "Also listed at: https://bruna.example.org/talks/2024-03-14-talk-3" in unfolded


@pytest.mark.slow
def test_incremental_linking_equals_a_rebuild(multi_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "rebuilt.db"
    shutil.copyfile(multi_db, copy)
    tables = {
        "talk_groups": "SELECT * FROM talk_groups ORDER BY id",
        "talk_group_members": "SELECT * FROM talk_group_members ORDER BY talk_id",
        "people": "SELECT * FROM people ORDER BY id",
        "person_aliases": "SELECT * FROM person_aliases ORDER BY name",
        "talk_speakers": "SELECT talk_id, position, person_id FROM talk_speakers ORDER BY 1, 2",
    }
    before = {name: query(multi_db, sql) for name, sql in tables.items()}
    with Store(copy) as store, store.transaction():
        linking.rebuild(store.db)
    assert {name: query(copy, sql) for name, sql in tables.items()} == before


@pytest.mark.slow
def test_a_second_crawl_of_unchanged_sources_changes_no_group(tmp_path: Path) -> None:
    db = tmp_path / "twice.db"
    crawl(db)
    first = query(db, "SELECT * FROM talk_groups ORDER BY id")
    crawl(db)
    assert query(db, "SELECT * FROM talk_groups ORDER BY id") == first


@pytest.mark.slow
@pytest.mark.parametrize("slug", SEED_ORDER)
def test_per_source_export_is_byte_identical_to_expected(demo_db: Path, slug: str) -> None:
    result = run_cli("export", "jsonl", "--per-source", "--series", slug, "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (SITES / slug / "expected.jsonl").read_text("utf-8")


# ---------------------------------------------------------------------------- by hand (fast)


def record(
    talk_id: str,
    series: str,
    title: str | None,
    starts_at: str | None,
    *names: str,
    timezone: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": talk_id,
        "title": title,
        "speakers": [{"name": n, "affiliation": None} for n in names],
        "starts_at": starts_at,
        "timezone": timezone,
        "series": series,
        "links": [],
        **extra,
    }


def save(store: Store, series: str, *records: dict[str, Any]) -> None:
    store.save_talks(series, list(records))
    with store.transaction():
        linking.refresh(store.db, [r["id"] for r in records])


def members(store: Store) -> set[frozenset[str]]:
    found: dict[str, set[str]] = {}
    for row in store.db.query("SELECT group_id, talk_id FROM talk_group_members"):
        found.setdefault(row["group_id"], set()).add(row["talk_id"])
    return {frozenset(group) for group in found.values()}


PAIRS = [
    # (a, b, linked?) — a is on series "s", b on series "p"
    (
        ("Deep nets", "2024-05-02T10:00:00+02:00", "Ada Lovelace"),
        ("Deep Nets.", "2024-05-02", "Ada Lovelace"),
        True,
    ),
    (
        ("Deep nets", "2024-05-02T23:30:00+02:00", "Ada Lovelace"),
        ("Deep nets", "2024-05-03", "Ada Lovelace"),
        True,
    ),  # +-1 day: one side has no time
    (
        ("Deep nets", "2024-05-02T10:00:00+02:00", "Ada Lovelace"),
        ("Deep nets", "2024-05-03T10:00:00+02:00", "Ada Lovelace"),
        False,
    ),  # both timed
    (
        ("TBA", "2024-05-02T10:00:00+02:00", "Ada Lovelace"),
        ("Deep nets", "2024-05-02", "A. Lovelace"),
        True,
    ),  # untitled side, initials
    (
        ("Deep nets", "2024-05-02T10:00:00+02:00", "Ada Lovelace"),
        ("Deep nets", "2024-05-02", "Bea Lovelace"),
        False,
    ),  # same surname, other person
    (
        ("Deep nets", "2024-05-02T10:00:00+02:00", "Ada Lovelace"),
        ("Shallow trees", "2024-05-02", "Ada Lovelace"),
        False,
    ),  # her other talk that day
    (("Deep nets", None, "Ada Lovelace"), ("Deep nets", "2024-05-02", "Ada Lovelace"), True),
    (("TBA", None, "Ada Lovelace"), ("Deep nets", "2024-05-02", "Ada Lovelace"), False),
    (("Deep nets", None, "Ada Lovelace"), ("Deep nets", None, "Ada Lovelace"), False),
]


def zone_of(starts_at: str | None) -> str | None:
    return "Europe/Berlin" if starts_at and len(starts_at) > 10 else None


@pytest.mark.parametrize(("a", "b", "linked"), PAIRS)
def test_pair_evidence(store: Store, a: tuple, b: tuple, linked: bool) -> None:
    save(store, "s", record("a1", "s", *a, timezone=zone_of(a[1])))
    save(store, "p", record("b1", "p", *b, timezone=zone_of(b[1])))
    assert members(store) == ({frozenset({"a1", "b1"})} if linked else set())


def test_never_inside_one_source(store: Store) -> None:
    save(
        store,
        "s",
        record("a1", "s", "Deep nets", "2024-05-02", "Ada Lovelace"),
        record("a2", "s", "Deep nets", "2024-05-02", "Ada Lovelace"),
    )
    assert members(store) == set()


def test_an_undated_talk_with_two_dated_twins_in_one_source_stays_alone(store: Store) -> None:
    save(store, "s", record("u", "s", "Deep nets", None, "Ada Lovelace"))
    save(
        store,
        "p",
        record("d1", "p", "Deep nets", "2024-05-02", "Ada Lovelace", location="Oslo"),
        record("d2", "p", "Deep nets", "2024-09-12", "Ada Lovelace", location="Lyon"),
    )
    assert members(store) == set()


def test_a_removed_listing_stays_in_its_group_while_another_source_lists_it(
    store: Store,
) -> None:
    save(store, "s", record("a1", "s", "Deep nets", "2024-05-02", "Ada Lovelace"))
    save(store, "p", record("b1", "p", "Deep nets", "2024-05-02", "Ada Lovelace"))
    store.mark_removed("s", [])
    with store.transaction():
        linking.refresh(store.db, ["a1"])
    assert members(store) == {frozenset({"a1", "b1"})}
    view = list(store.db.query("SELECT id, sources FROM talks_view"))
    assert view == [{"id": "a1", "sources": 2}]  # the UID stays the first listing's
    assert [t["sources"] for t in store.export_talks()] == [2]
    store.mark_removed("p", [])
    with store.transaction():
        linking.refresh(store.db, ["b1"])
    assert list(store.db.query("SELECT id FROM talks_view")) == []
    assert list(store.export_talks()) == []


def test_a_retitled_listing_leaves_its_group(store: Store) -> None:
    save(store, "s", record("a1", "s", "Deep nets", "2024-05-02", "Ada Lovelace"))
    save(store, "p", record("b1", "p", "Deep nets", "2024-05-02", "Ada Lovelace"))
    assert members(store) == {frozenset({"a1", "b1"})}
    save(store, "p", record("b1", "p", "Something else entirely", "2024-05-02", "Ada Lovelace"))
    assert members(store) == set()
    assert sorted(r["id"] for r in store.db.query("SELECT id FROM talks_view")) == ["a1", "b1"]
