"""Linking benchmark: talk groups and people after a crawl that touched a small part of a big
database (issue 12's target: 100,000 talks, 1,000 touched, under 2 s).

The database is bench/store.py's generated talks (series of 200, 1-3 speakers drawn from some
4,000 surnames, dates over twelve years), plus one speaker's-page listing for every
`SHARE`-th talk: the same talk on another source, title in lower case, date only, speaker
without affiliation, so groups really form. Everything is linked once (`linking.rebuild`,
reported too), then `TOUCHED` talks are saved again with a changed abstract, as a crawl of
their pages would, and `linking.refresh` on exactly those ids is timed: the step
`crawler/db/refresh.py` runs after each source of a crawl.

    python -m bench.linking [--talks 100000] [--touched 1000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.store import generate, upsert
from crawler.db import Store, linking

SHARE = 20  # one talk in 20 is also on a speaker's own page
PERSONAL_BATCH = 200


Batches = list[tuple[str, list[dict[str, Any]]]]


def personal_copies(batches: Batches) -> Batches:
    """Every SHARE-th talk again, as a speaker's talks page lists it."""
    copies = []
    talks = [talk for _, batch in batches for talk in batch][::SHARE]
    for start in range(0, len(talks), PERSONAL_BATCH):
        chunk = []
        for talk in talks[start : start + PERSONAL_BATCH]:
            url = talk["url"].replace("talks", "people", 1)
            chunk.append(
                {
                    **talk,
                    "id": "p" + talk["id"][1:],
                    "title": talk["title"].lower(),
                    "starts_at": talk["starts_at"][:10],
                    "timezone": None,
                    "speakers": [{"name": talk["speakers"][0]["name"], "affiliation": None}],
                    "abstract": None,
                    "links": [],
                    "url": url,
                    "series": f"Personal {start // PERSONAL_BATCH}",
                    "kind": "talk",
                }
            )
        copies.append((f"personal{start // PERSONAL_BATCH}", chunk))
    return copies


def build(db: Path, talks: int) -> tuple[list[dict[str, Any]], float, float]:
    """The database (listings, personal copies), every talk linked once; returns the
    talks, the upsert seconds and the full linking seconds."""
    batches = generate(talks)
    copies = personal_copies(batches)
    saved = upsert(db, [*batches, *copies])
    with Store(db) as store:
        for source, _ in copies:
            store.db.execute("UPDATE series SET kind = 'talks' WHERE id = ?", [source])
        start = time.perf_counter()
        with store.transaction():
            linking.rebuild(store.db)
        full = time.perf_counter() - start
    return [t for _, batch in batches for t in batch], saved, full


def touch_and_link(db: Path, talks: list[dict[str, Any]], touched: int, seed: int) -> float:
    """Save `touched` talks with a new abstract (one crawl's changes), then time the
    linking step on them."""
    chosen = random.Random(seed).sample(talks, touched)
    with Store(db) as store:
        ids: list[str] = []
        by_source: dict[str, list[dict[str, Any]]] = {}
        for talk in chosen:
            by_source.setdefault(talk["source_url"], []).append(
                {**talk, "abstract": f"{talk['abstract']} (updated {seed})"}
            )
        for batch in by_source.values():
            source = "series" + batch[0]["source_url"].split("talks")[1].split(".")[0]
            ids += store.save_talks(source, batch).touched
        start = time.perf_counter()
        with store.transaction():
            linking.refresh(store.db, ids)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=100_000)
    parser.add_argument("--touched", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "linking.db"
        talks, saved, full = build(db, args.talks)
        with Store(db) as store:
            listings = store.db.execute("SELECT count(*) FROM talks").fetchone()[0]
            grouped = store.db.execute("SELECT count(*) FROM talk_groups").fetchone()[0]
            persons = store.db.execute("SELECT count(*) FROM people").fetchone()[0]
        print(f"{listings:,} listings ({args.talks:,} talks + speakers' pages), {saved:.1f} s")
        print(f"full linking: {full:.1f} s -> {grouped:,} groups, {persons:,} people")
        times = [touch_and_link(db, talks, args.touched, seed) for seed in range(args.repeats)]
        print(
            f"linking after a crawl touching {args.touched:,}: median "
            f"{statistics.median(times):.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
