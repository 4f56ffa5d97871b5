"""`python -m bench --big`: a 1,000,000-talk database, built through the store and measured.

Build: bench/store.py's generated talks (the same generator, streamed: a million records do
not fit in memory at once) saved with `Store.save_talks`, one call per listing page of 20
as a crawl writes them, with `BUILD_PAGES` pages to a transaction, a larger page cache
(`BUILD_CACHE_KB`) and the rollback journal in memory, unsynced: a crawl commits every page
safely, a bulk load into a scratch file need not, and the database is the same either way
(40,000 talks: 3,330/s with WAL, 4,388/s so). Then, on the full database: fresh talks
written one page per transaction as a crawl does (`WRITE_SAMPLE` of them), the same talks
again unchanged, and `seminars serve` timed on every canned query, the search boxes and the
default facets of `talks` and `talks_view` (bench/store.py's requests). Reported: database
size, the peak memory of the build and of the server, and every figure as at 100,000 talks.
"""

from __future__ import annotations

import resource
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tabulate import tabulate

from bench import store
from crawler.db.store import Store

TALKS = 1_000_000
BUILD_PAGES = 250  # listing pages (of 20 talks) per transaction while building
BUILD_CACHE_KB = 512 * 1024  # SQLite page cache while building
WRITE_SAMPLE = 10_000  # talks written page by page into the full database
SAMPLE_EVERY = 100  # one listing page in SAMPLE_EVERY feeds the requests' parameters


@dataclass
class BigResult:
    talks: int
    build_seconds: float = 0.0
    build_rate: float = 0.0
    build_rss_mb: float = 0.0
    insert_rate: store.Figure = field(default_factory=store.Figure)
    update_rate: store.Figure = field(default_factory=store.Figure)
    db_mb: float = 0.0
    server_rss_mb: float = 0.0
    latency: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)


def build(db: Path, talks: int, log: Any = print) -> tuple[float, list[store.Batch]]:
    """Save `talks` generated talks into `db`; seconds taken and a sample of the batches."""
    sample: list[store.Batch] = []
    start = time.perf_counter()
    with Store(db) as target:
        target.db.execute(f"PRAGMA cache_size=-{BUILD_CACHE_KB}")
        # A bulk load: no write-ahead log to copy every page through twice and no sync (a
        # crash loses the scratch database, not data); the next Store() turns WAL back on.
        target.db.execute("PRAGMA journal_mode=MEMORY")
        target.db.execute("PRAGMA synchronous=OFF")
        batches = store.iter_batches(talks)
        done = 0
        while True:
            chunk = [b for _, b in zip(range(BUILD_PAGES), batches, strict=False)]
            if not chunk:
                break
            with target.transaction():
                for source, batch in chunk:
                    target.save_talks(source, batch)
            sample += chunk[::SAMPLE_EVERY]
            done += sum(len(batch) for _, batch in chunk)
            if done % 100_000 < BUILD_PAGES * store.BATCH:
                log(f"  big: {done:,} talks, {done / (time.perf_counter() - start):,.0f}/s")
    return time.perf_counter() - start, sample


def big_stage(talks: int = TALKS, queries: int = 100, repeats: int = 2, log: Any = print,
              directory: Path | None = None) -> BigResult:  # fmt: skip
    result = BigResult(talks=talks)
    with tempfile.TemporaryDirectory(prefix="bench-big-", dir=directory) as tmp:
        db = Path(tmp) / "seminars.db"
        result.build_seconds, sample = build(db, talks, log)
        result.build_rate = talks / result.build_seconds
        result.build_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        fresh = _fresh(min(WRITE_SAMPLE, talks // 10))
        for attempt in range(repeats):
            insert = store.upsert(db, fresh[attempt])
            update = store.upsert(db, fresh[attempt])
            count = sum(len(batch) for _, batch in fresh[attempt])
            result.insert_rate.add(count / insert)
            result.update_rate.add(count / update)
            log(f"  big: write {count} more talks page by page, run {attempt + 1}/{repeats}: "
                f"insert {count / insert:.0f}/s, unchanged {count / update:.0f}/s")  # fmt: skip
        result.db_mb = db.stat().st_size / 2**20
        with store.Datasette(db) as server:
            for name, paths in store._requests(sample, queries).items():
                times, errors = server.time(paths)
                result.latency[name] = (
                    store._percentile(times, 50),
                    store._percentile(times, 95),
                    len(times),
                )
                result.errors[name] = errors
                log(f"  big query {name}: p50 {result.latency[name][0]:.1f} ms, p95 "
                    f"{result.latency[name][1]:.1f} ms ({errors} errors)")  # fmt: skip
            result.server_rss_mb = server.peak_rss_mb()
    return result


def _fresh(count: int) -> list[list[store.Batch]]:
    """Two sets of `count` talks none of the database has (other seed, other ids)."""
    sets = []
    for seed in (7, 8):
        batches = []
        for source, batch in store.iter_batches(count, seed=seed):
            for talk in batch:
                talk["id"] = f"s{seed}" + talk["id"][2:]
                talk["url"] = talk["url"].replace("talks", f"fresh{seed}-", 1)
            batches.append((f"fresh{seed}-{source}", batch))
        sets.append(batches)
    return sets


def table(result: BigResult) -> str:
    head = tabulate(
        [
            ["build (250 pages of 20 per transaction)",
             f"{result.build_seconds / 60:.1f} min, {result.build_rate:,.0f} talks/s"],
            [f"insert into the full database, {store.BATCH} per transaction",
             result.insert_rate.show(0, " talks/s")],
            ["upsert again, unchanged", result.update_rate.show(0, " talks/s")],
            ["database size", f"{result.db_mb:,.0f} MB"],
            ["peak memory, build (RSS)", f"{result.build_rss_mb:,.0f} MB"],
            ["peak memory, seminars serve (RSS)", f"{result.server_rss_mb:,.0f} MB"],
        ],
        headers=[f"{result.talks:,} talks", ""],
        disable_numparse=True,
    )  # fmt: skip
    queries = tabulate(
        [
            [name, f"{p50:.1f}", f"{p95:.1f}", count, result.errors.get(name, 0)]
            for name, (p50, p95, count) in result.latency.items()
        ],
        headers=["query (Datasette)", "p50 ms", "p95 ms", "requests", "errors"],
        disable_numparse=True,
    )
    return f"{head}\n\n{queries}"
