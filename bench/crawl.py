"""Crawl and refresh benchmarks: `seminars crawl` over a synthetic site on 127.0.0.1.

Crawl: for each size N (pages), `seminars crawl` into a fresh database against the bare
spider (`bench/bare_spider.py`) fetching the same URLs, alternately, with the same settings:
the project's download settings and `CONCURRENT_ITEMS` (Scrapy's per-response cost) plus
`LOOPBACK` (no throttling; 16 connections to the one local host, standing for the 16 sites a
real crawl fetches from at once). robots.txt is obeyed by both (one fetch each). Each run is
a fresh process, timed from start to exit, with its peak RSS and CPU time (user + system:
steadier than wall time on a busy machine).

Refresh: a first crawl with `--http-cache` (an empty cache: every page is fetched and
stored), a second crawl of the unchanged site without the cache (every page fetched; none
parsed, since all hash as stored), and a third with `--http-cache` (every request
conditional, answered 304). The database is compared before and after each later crawl:
rows inserted, updated and deleted per table, and which talk columns changed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.measure import Figure, python, run
from bench.site import Server
from bench.site_pages import build

LOOPBACK = (
    "AUTOTHROTTLE_ENABLED=False",
    "DOWNLOAD_DELAY=0",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
)
TIMEOUT = 600  # seconds for one crawl process


class BenchError(RuntimeError):
    """A benchmark run did not do what it measures (a crawl failed, pages were missed)."""


@dataclass
class CrawlResult:
    pages: int
    talks: int
    ours_wall: Figure = field(default_factory=Figure)
    bare_wall: Figure = field(default_factory=Figure)
    ours_rate: Figure = field(default_factory=Figure)
    bare_rate: Figure = field(default_factory=Figure)
    ratio: Figure = field(default_factory=Figure)  # ours pages/s over bare pages/s
    ours_rss: Figure = field(default_factory=Figure)
    bare_rss: Figure = field(default_factory=Figure)
    ours_cpu: Figure = field(default_factory=Figure)  # seconds of CPU
    bare_cpu: Figure = field(default_factory=Figure)


def seminars_crawl(sources: Path, db: Path, *extra: str) -> list[str]:
    command = python("-m", "crawler.cli", "crawl", "--sources", str(sources), "--db", str(db))
    for setting in LOOPBACK:
        command += ["-s", setting]
    return [*command, "--quiet", *extra]


def bare_crawl(urls: Path) -> list[str]:
    command = python("-m", "bench.bare_spider", str(urls))
    for setting in LOOPBACK:
        command += ["-s", setting]
    return command


def crawl_stage(sizes: list[int], repeats: int, log: Any = print) -> list[CrawlResult]:
    results = []
    with Server() as server, tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        work = Path(tmp)
        for size in sizes:
            site = server.serve(build(server.origin, size))
            sources = site.write_sources(work / "sources.toml")
            urls = work / "urls.txt"
            urls.write_text("\n".join(site.urls), "utf-8")
            result = CrawlResult(pages=len(site.pages), talks=site.talks)
            for attempt in range(repeats):
                db = work / f"run{attempt}" / "seminars.db"
                db.parent.mkdir()
                ours = run(seminars_crawl(sources, db), timeout=TIMEOUT)
                served = server.reset()
                _check_crawl(ours, served, site.pages, db, site.talks)
                bare = run(bare_crawl(urls), timeout=TIMEOUT)
                served = server.reset()
                if bare.returncode or served["200"] != len(site.pages):
                    raise BenchError(
                        f"bare spider: exit {bare.returncode}, {served}\n{bare.stderr}"
                    )
                for figure, value in (
                    (result.ours_wall, ours.wall),
                    (result.bare_wall, bare.wall),
                    (result.ours_rate, len(site.pages) / ours.wall),
                    (result.bare_rate, len(site.pages) / bare.wall),
                    (result.ratio, bare.wall / ours.wall),
                    (result.ours_rss, ours.peak_rss_mb),
                    (result.bare_rss, bare.peak_rss_mb),
                    (result.ours_cpu, ours.cpu),
                    (result.bare_cpu, bare.cpu),
                ):
                    figure.add(value)
                shutil.rmtree(db.parent)
                log(
                    f"  crawl N={len(site.pages)} run {attempt + 1}/{repeats}: seminars "
                    f"{ours.wall:.1f} s ({ours.peak_rss_mb:.0f} MB, {ours.cpu:.1f} s CPU), "
                    f"bare {bare.wall:.1f} s ({bare.cpu:.1f} s CPU)"
                )
            results.append(result)
    return results


def _check_crawl(
    ours: Any, served: Counter[str], pages: dict[str, Any], db: Path, talks: int
) -> None:
    if ours.returncode != 0:
        raise BenchError(f"seminars crawl exited {ours.returncode}:\n{ours.stderr[-3000:]}")
    fetched = served["200"] + served["304"]
    if fetched != len(pages):
        raise BenchError(f"seminars crawl fetched {fetched} of {len(pages)} pages ({served})")
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM talks WHERE removed_at IS NULL").fetchone()[0]
    if stored != talks:
        raise BenchError(f"seminars crawl stored {stored} talks of {talks}")


# ---- refresh ------------------------------------------------------------------------------------


@dataclass
class RefreshResult:
    pages: int
    talks: int
    first: Figure = field(default_factory=Figure)
    second: Figure = field(default_factory=Figure)
    third: Figure = field(default_factory=Figure)
    second_ratio: Figure = field(default_factory=Figure)
    third_ratio: Figure = field(default_factory=Figure)
    not_modified: int = 0  # 304s the server sent in the third crawl
    second_rows: dict[str, Counter[str]] = field(default_factory=dict)
    third_rows: dict[str, Counter[str]] = field(default_factory=dict)
    talk_columns_changed: set[str] = field(default_factory=set)


def refresh_stage(size: int, repeats: int, log: Any = print) -> RefreshResult:
    with Server() as server, tempfile.TemporaryDirectory(prefix="bench-refresh-") as tmp:
        work = Path(tmp)
        site = server.serve(build(server.origin, size))
        sources = site.write_sources(work / "sources.toml")
        result = RefreshResult(pages=len(site.pages), talks=site.talks)
        for attempt in range(repeats):
            db = work / f"run{attempt}" / "seminars.db"  # the cache goes next to it
            db.parent.mkdir()
            first = run(seminars_crawl(sources, db, "--http-cache"), timeout=TIMEOUT)
            _check_crawl(first, server.reset(), site.pages, db, site.talks)
            before = snapshot(db)
            second = run(seminars_crawl(sources, db), timeout=TIMEOUT)
            _check_crawl(second, server.reset(), site.pages, db, site.talks)
            middle = snapshot(db)
            third = run(seminars_crawl(sources, db, "--http-cache"), timeout=TIMEOUT)
            served = server.reset()
            _check_crawl(third, served, site.pages, db, site.talks)
            after = snapshot(db)
            result.first.add(first.wall)
            result.second.add(second.wall)
            result.third.add(third.wall)
            result.second_ratio.add(second.wall / first.wall)
            result.third_ratio.add(third.wall / first.wall)
            result.not_modified = served["304"]
            result.second_rows, columns_2 = compare(before, middle)
            result.third_rows, columns_3 = compare(middle, after)
            result.talk_columns_changed |= columns_2 | columns_3
            shutil.rmtree(db.parent)
            log(
                f"  refresh N={len(site.pages)} run {attempt + 1}/{repeats}: "
                f"{first.wall:.1f} s, {second.wall:.1f} s, {third.wall:.1f} s "
                f"({served['304']} answered 304)"
            )
    return result


Snapshot = dict[str, tuple[list[str], dict[Any, tuple[Any, ...]]]]


def snapshot(db: Path) -> Snapshot:
    """Every row of every table (virtual FTS tables and their shadows left out), by key."""
    with sqlite3.connect(db) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'talks_fts%'"
            )
        ]
        data = {}
        for table in tables:
            # a WITHOUT ROWID table has no rowid: its primary key is the key
            key = [r[1] for r in sorted(conn.execute(f"PRAGMA table_info([{table}])")) if r[5]]
            try:
                cursor = conn.execute(f"SELECT rowid, * FROM [{table}]")
                keyed = {row[0]: row[1:] for row in cursor}
            except sqlite3.OperationalError:
                cursor = conn.execute(f"SELECT * FROM [{table}]")
                names = [d[0] for d in cursor.description]
                where = [names.index(column) for column in key]
                keyed = {tuple(row[i] for i in where): row for row in cursor}
            else:
                names = [d[0] for d in cursor.description][1:]
            data[table] = (names, keyed)
    return data


def compare(before: Snapshot, after: Snapshot) -> tuple[dict[str, Counter[str]], set[str]]:
    """Rows inserted / updated / deleted per table, and the talk columns any update changed."""
    rows: dict[str, Counter[str]] = {}
    talk_columns: set[str] = set()
    for table, (columns, new) in after.items():
        old = before.get(table, (columns, {}))[1]
        counts: Counter[str] = Counter()
        counts["inserted"] = len(new.keys() - old.keys())
        counts["deleted"] = len(old.keys() - new.keys())
        for key in new.keys() & old.keys():
            if new[key] != old[key]:
                counts["updated"] += 1
                if table == "talks":
                    changed = {
                        c for c, a, b in zip(columns, old[key], new[key], strict=True) if a != b
                    }
                    talk_columns |= changed
        rows[table] = counts
    return rows, talk_columns


def rows_written(rows: dict[str, Counter[str]]) -> int:
    return sum(sum(counts.values()) for counts in rows.values())


def describe_rows(rows: dict[str, Counter[str]]) -> str:
    parts = []
    for table, counts in sorted(rows.items()):
        done = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()) if n)
        if done:
            parts.append(f"{table}: {done}")
    return "; ".join(parts) or "none"


def as_json(result: Any) -> str:
    return json.dumps(result, default=lambda o: getattr(o, "__dict__", str(o)))
