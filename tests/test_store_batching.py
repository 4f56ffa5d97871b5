"""Many pages per transaction (`crawler.db.batch.WriteBatch`, the store pipeline's batches).

What must hold: a page that fails inside a batch rolls back alone (the pages before it stay)
and is logged as a problem of its source; a batch is committed when it is due, when the crawl
closes, and never before; a killed process loses only the uncommitted batch, and what it
committed is consistent (a page's hashes never without its talks).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy.settings import Settings

from crawler import pipelines
from crawler.db import refresh
from crawler.db.batch import BatchLost, WriteBatch
from crawler.db.store import Store
from crawler.items import PageItem, SourceDone
from crawler.sources import Source
from parsers import Speaker, Talk

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [Source(id, f"Series {id}", f"https://{id}.example.org/talks") for id in ("a", "b")]


def talk(source: Source, number: int) -> Talk:
    return Talk(
        title=f"Talk {number} of {source.id}",
        speakers=(Speaker(f"Ada Speaker{number}"),),
        starts_at=f"2026-05-{number:02d}",
        url=f"{source.url}/{number}",
        series=source.name,
        extracted_by="test",
    )


def page(source: Source, ordinal: int, talks: range) -> PageItem:
    url = f"{source.url}?page={ordinal}"
    return PageItem(
        source, url, ordinal, {url: f"hash-{ordinal}"}, talks=[talk(source, n) for n in talks]
    )


def committed(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """What another connection sees: only committed rows."""
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def talk_count(path: Path) -> int:
    return committed(path, "SELECT count(*) FROM talks")[0][0]


# ---- WriteBatch ---------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "seminars.db"


@pytest.fixture
def writes(db_path: Path) -> Iterator[tuple[Store, refresh.Tally]]:
    with Store(db_path) as store:
        tally = refresh.start_sources(store, SOURCES, SOURCES[:1])["a"]
        yield store, tally


def test_a_failing_page_rolls_back_alone_and_the_batch_commits_the_rest(
    writes: tuple[Store, refresh.Tally], db_path: Path
) -> None:
    store, tally = writes
    batch = WriteBatch(store, pages=10)
    with batch.page():
        refresh.save_page(store, tally, page(SOURCES[0], 0, range(1, 4)))
    with pytest.raises(RuntimeError), batch.page():
        refresh.save_page(store, tally, page(SOURCES[0], 1, range(4, 7)))
        raise RuntimeError("broken after its talks were written")
    with batch.page():
        refresh.save_page(store, tally, page(SOURCES[0], 2, range(7, 9)))
    assert talk_count(db_path) == 0  # nothing committed yet
    assert batch.pages == 2 and not batch.due()
    batch.commit()
    titles = [row[0] for row in committed(db_path, "SELECT title FROM talks ORDER BY rowid")]
    assert titles == [f"Talk {n} of a" for n in (1, 2, 3, 7, 8)]
    assert [row[0] for row in committed(db_path, "SELECT url FROM pages ORDER BY url")] == [
        "https://a.example.org/talks?page=0",
        "https://a.example.org/talks?page=2",
    ]


def test_due_after_enough_pages_or_seconds(writes: tuple[Store, refresh.Tally]) -> None:
    store, tally = writes
    clock = Clock()
    batch = WriteBatch(store, pages=2, seconds=5, clock=clock)
    assert not batch.due()  # no batch open
    with batch.page():
        refresh.save_page(store, tally, page(SOURCES[0], 0, range(1, 2)))
    assert not batch.due()
    clock.now = 5.0
    assert batch.due()
    batch.commit()
    assert not batch.due() and not batch.open
    with batch.page():
        refresh.save_page(store, tally, page(SOURCES[0], 1, range(2, 3)))
    with batch.page():
        refresh.save_page(store, tally, page(SOURCES[0], 2, range(3, 4)))
    assert batch.due()


def test_relinking_waits_for_the_commit(writes: tuple[Store, refresh.Tally]) -> None:
    store, tally = writes
    batch = WriteBatch(store)
    with batch.page():
        refresh.save_page(store, tally, page(SOURCES[0], 0, range(1, 3)))
    refresh.link_touched(store, tally, batch)
    people = "SELECT count(*) FROM person_aliases"  # every spelling is given a person
    assert store.db.execute(people).fetchone()[0] == 0
    assert list(batch.relink) == list(tally.touched)
    batch.commit()
    assert store.db.execute(people).fetchone()[0] == 2 and not batch.relink


def test_a_transaction_sqlite_rolled_back_is_reported_lost(
    writes: tuple[Store, refresh.Tally], db_path: Path
) -> None:
    store, tally = writes
    batch = WriteBatch(store)
    with batch.page():
        refresh.save_page(store, tally, page(SOURCES[0], 0, range(1, 3)))
    with pytest.raises(BatchLost), batch.page():
        store.db.execute("ROLLBACK")  # what SQLite does itself on a full disk or an I/O error
        raise sqlite3.OperationalError("database or disk is full")
    assert not batch.open
    batch.commit()  # nothing open: nothing to do
    assert talk_count(db_path) == 0


# ---- the store pipeline -------------------------------------------------------------------------


class FakeTimer:
    """Stands for twisted's LoopingCall: no reactor in the test process."""

    def __init__(self, function: Any) -> None:
        self.running = False

    def start(self, interval: float, now: bool = True) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False


def pipeline_for(store: Store, **settings: Any) -> pipelines.StorePipeline:
    spider = SimpleNamespace(store=store, known_sources=SOURCES, sources=SOURCES)
    crawler = SimpleNamespace(
        spider=spider,
        settings=Settings({"SEMINARS_COMMIT_SECONDS": 5, "SEMINARS_COMMIT_PAGES": 100} | settings),
        stats=SimpleNamespace(set_value=lambda *args: None),
        signals=SimpleNamespace(send_catch_log=lambda *args, **kwargs: None),
    )
    store_pipeline = pipelines.StorePipeline(crawler)  # type: ignore[arg-type]
    store_pipeline.open_spider()
    return store_pipeline


@pytest.fixture
def no_reactor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipelines.task, "LoopingCall", FakeTimer)


@pytest.mark.usefixtures("no_reactor")
def test_pipeline_logs_a_broken_page_and_keeps_the_rest_of_the_batch(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = page(SOURCES[0], 1, range(4, 7))
    save = refresh.save_page

    def save_or_break(store: Store, tally: refresh.Tally, item: PageItem) -> None:
        save(store, tally, item)
        if item is broken:
            raise sqlite3.IntegrityError("a constraint failed after the talks were written")

    monkeypatch.setattr(refresh, "save_page", save_or_break)
    with Store(db_path) as store:
        store_pipeline = pipeline_for(store)
        for item in (page(SOURCES[0], 0, range(1, 4)), broken, page(SOURCES[1], 0, range(1, 3))):
            store_pipeline.process_item(item)
        for source in SOURCES:
            items = 2 if source.id == "a" else 1
            store_pipeline.process_item(SourceDone(source, pages=items, page_items=items))
        assert talk_count(db_path) == 0  # one open batch so far
        store_pipeline.close_spider()
    rows = committed(db_path, "SELECT series_id, count(*) FROM talks GROUP BY 1 ORDER BY 1")
    assert rows == [("a", 3), ("b", 2)]
    errors = committed(db_path, "SELECT source_id, url, message FROM crawl_errors")
    why = "could not save the page: a constraint failed after the talks were written"
    assert errors == [("a", broken.url, why)]
    status = committed(db_path, "SELECT source_id, status FROM crawls ORDER BY source_id")
    assert status == [("a", "failed"), ("b", "ok")]


@pytest.mark.usefixtures("no_reactor")
def test_pipeline_commits_when_due_and_at_close(db_path: Path) -> None:
    with Store(db_path) as store:
        store_pipeline = pipeline_for(store, SEMINARS_COMMIT_PAGES=2)
        store_pipeline.process_item(page(SOURCES[0], 0, range(1, 3)))
        assert talk_count(db_path) == 0
        store_pipeline.process_item(page(SOURCES[0], 1, range(3, 5)))
        assert talk_count(db_path) == 4  # two pages: due, committed
        store_pipeline.process_item(page(SOURCES[1], 0, range(1, 2)))
        store_pipeline.process_item(SourceDone(SOURCES[1], pages=1, page_items=1))
        assert talk_count(db_path) == 4
        store_pipeline.close_spider()  # source a never finished: failed, and committed
    assert talk_count(db_path) == 5
    status = committed(db_path, "SELECT source_id, status FROM crawls ORDER BY source_id")
    assert status == [("a", "failed"), ("b", "ok")]
    # every spelling linked to a person: Ada Speaker1-4 (b has Ada Speaker1 too)
    assert committed(db_path, "SELECT count(*) FROM person_aliases") == [(4,)]


# ---- a killed crawl -----------------------------------------------------------------------------

KILLED = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from test_store_batching import SOURCES, page
    from crawler.db import refresh
    from crawler.db.batch import WriteBatch
    from crawler.db.store import Store

    store = Store({db!r})
    tally = refresh.start_sources(store, SOURCES, SOURCES[:1])["a"]
    batch = WriteBatch(store, pages=2)
    for ordinal in range(3):
        talks = range(ordinal * 5 + 1, ordinal * 5 + 6)
        with batch.page():
            refresh.save_page(store, tally, page(SOURCES[0], ordinal, talks))
        if batch.due():
            batch.commit()
    os.kill(os.getpid(), signal.SIGKILL)  # the third page's batch is open
    """
)


def test_a_killed_crawl_loses_only_its_open_batch_and_the_next_crawl_repairs_it(
    db_path: Path,
) -> None:
    script = KILLED.format(tests=str(ROOT / "tests"), db=str(db_path))
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True)
    assert result.returncode == -9, result.stderr
    assert talk_count(db_path) == 10  # the first two pages, committed together
    hashed = committed(db_path, "SELECT url FROM pages ORDER BY url")
    assert [url for (url,) in hashed] == [f"{SOURCES[0].url}?page={n}" for n in (0, 1)]
    with Store(db_path) as store:  # the next crawl: the lost page has no hash, so it is parsed
        assert store.page_hash(f"{SOURCES[0].url}?page=2") is None
        tally = refresh.start_sources(store, SOURCES, SOURCES[:1])["a"]
        batch = WriteBatch(store)
        for ordinal in range(3):
            with batch.page():
                talks = range(ordinal * 5 + 1, ordinal * 5 + 6)
                refresh.save_page(store, tally, page(SOURCES[0], ordinal, talks))
        done = SourceDone(SOURCES[0], pages=3, page_items=3)
        assert refresh.finish_source(store, tally, done, batch=batch) == "ok"
        batch.commit()
    assert talk_count(db_path) == 15
    crawls = committed(db_path, "SELECT status, error_text FROM crawls ORDER BY id")
    assert crawls[0][0] == "failed" and "interrupted" in crawls[0][1]
    assert crawls[1] == ("ok", None)
