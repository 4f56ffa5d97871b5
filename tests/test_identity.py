"""Re-identifying talks without a URL whose title was corrected (crawler/db/identity.py).

Records are real talks from the seed fixtures; "edits" are the kind a seminar page gets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.db.identity import evidence, reconcile

SITES = Path(__file__).parent / "fixtures" / "sites"


def expected(slug: str) -> list[dict]:
    lines = (SITES / slug / "expected.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def stored(talk: dict, talk_id: str) -> dict:
    """A talk as `Store.live_talks` returns it."""
    names = "; ".join(s["name"] for s in talk["speakers"])
    return {
        "id": talk_id,
        "title": talk["title"],
        "starts_at": talk["starts_at"],
        "speaker_names": names,
        "abstract": talk["abstract"],
    }


IST = expected("ist_mpml")
NGML = expected("ngml")
ROBERTS, HANSEN, MARTINS = IST[0], IST[1], IST[3]
GOMES_I, GOMES_II = IST[21], IST[22]


def new(talk: dict, **changes: object) -> dict:
    return {**talk, "id": "new", **changes}


@pytest.mark.parametrize(
    ("record", "old", "same"),
    [
        # same speaker, corrected title
        (new(ROBERTS, title="The Principles of Deep-Learning Theory"), ROBERTS, True),
        # same speaker and start, title rewritten completely
        (new(MARTINS, title="Sparse communication in neural models"), MARTINS, True),
        # nobody named (NGML): a typo fixed in the title
        (new(NGML[2], title="Sheaf Neural Network"), NGML[2], True),
        # nobody named: same abstract, title reworded
        (new(NGML[1], title="From Neural Networks to GNNs"), NGML[1], True),
        # another speaker with a similar title is another talk
        (new(ROBERTS, speakers=[{"name": "Sho Yaida", "affiliation": None}]), ROBERTS, False),
        # same speaker, different title and no shared start: a different talk
        (new(HANSEN, title="Computing the limits of AI, part 2"), HANSEN, False),
        # nobody named, different title and abstract
        (new(NGML[0], title="Sheaf Neural Networks II", abstract="x"), NGML[2], False),
    ],
)
def test_evidence(record: dict, old: dict, same: bool) -> None:
    assert (evidence(record, stored(old, "old")) > 0) is same


def test_reconcile_takes_over_the_old_id_one_to_one() -> None:
    """Two courses by one speaker, both retitled: each keeps its own id, best match first."""
    records = [
        new(GOMES_I, title="From Calculus of Variations to Reinforcement Learning (part I)"),
        new(GOMES_II, title="From Calculus of Variations to Reinforcement Learning (part II)"),
    ]
    records[1]["id"] = "new-2"
    reconcile(records, [stored(GOMES_II, "gomes-2"), stored(GOMES_I, "gomes-1")])
    assert [r["id"] for r in records] == ["gomes-1", "gomes-2"]


def test_reconcile_leaves_unrelated_talks_new() -> None:
    records = [new(ROBERTS)]
    reconcile(records, [stored(HANSEN, "hansen"), stored(NGML[0], "ngml-0")])
    assert records[0]["id"] == "new"


def test_reconcile_without_candidates_is_a_no_op() -> None:
    records = [new(ROBERTS)]
    reconcile(records, [])
    assert records[0]["id"] == "new"
