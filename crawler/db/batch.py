"""Many pages in one transaction: how a crawl's writes are committed.

Why: a commit costs more than the page it commits. Talk ids are random, so each listing
page's talks dirty a leaf in every index keyed by an id, and committing per page made COMMIT
half of the store's time (bench/RESULTS.md, "What bounds the targets still missed"); the
linking step, run once per finished source, repeated the same people and group queries for
every source. A `WriteBatch` keeps one transaction open over many pages and finished sources
and commits it every `pages` pages, every `seconds` seconds, and when the crawl closes;
linking runs once per batch, just before its COMMIT, over every talk the batch touched.

Each page is still all or nothing: it is written inside a SAVEPOINT of the batch
(`WriteBatch.page`), so a page that fails rolls back alone, the pages before it in the batch
stay, and the caller records the failure as a problem of that page's source.

What a `kill -9` (or a power cut) loses, and why the next crawl repairs it: the batch not yet
committed, i.e. at most the last `pages` pages or `seconds` seconds of writes, with their page
hashes, their links and the outcome of the sources that finished inside it. The database
stays as the last commit left it, which is consistent: a page's talks and its hashes are
committed together, so no hash is ever stored for talks that were not. The next crawl closes
the crawls rows left 'running' as failed (`close_interrupted_crawls`), finds no stored hash
for the lost pages, so it parses and writes them again, and relinks what it touches; crawls
are idempotent, so the result is what an uninterrupted crawl would have written.

No Scrapy here: the pipeline says when items arrive and when the crawl closes.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from crawler.db import linking
from crawler.db.store import Store

# Defaults of SEMINARS_COMMIT_PAGES / SEMINARS_COMMIT_SECONDS (crawler/settings.py); the
# figures behind them are in `WriteBatch`'s docstring.
COMMIT_PAGES = 500
COMMIT_SECONDS = 5.0
# SQLite's page cache on the batch's connection (SQLite's default: 2 MB). A batch's dirty
# pages must fit in it, or SQLite spills them to the log mid-transaction and writes them
# again at COMMIT; pages are allocated only as they are used.
CACHE_KIB = 64 * 1024
# Where SQLite keeps a savepoint's undo copies of the pages it changes: with the default, a
# temporary file written once per page per savepoint, which made the unchanged re-upsert
# (100,000 talks, one savepoint per page) run at 16,000-17,000 talks/s instead of 20,000-23,000.
PRAGMAS = (f"cache_size=-{CACHE_KIB}", "temp_store=MEMORY")


class BatchLost(Exception):
    """The open transaction ended without a COMMIT (SQLite rolled it back after an I/O
    error, a full disk, ...): every page written since the last commit is gone."""


class WriteBatch:
    """One open transaction over a crawl's pages; see the module docstring for why.

    `pages` and `seconds` bound what a crash loses. Measured side by side on 2 cores
    (bench/store.py, 100,000 new talks in listing pages of 20, 2 interleaved runs each): one
    commit per page 2,165 talks/s [1,909-2,421]; 250 pages per commit 3,820/s [3,416-4,225];
    500 pages 4,350/s [4,334-4,365], with the unchanged re-upsert at 23,557/s (per page:
    22,282/s). In a crawl (bench/crawl.py, 4,008 pages) the store's CPU went from 3.6 s to
    2.1 s. What stays is work per row, not per commit: the full-text index, the talks_listing
    row and the talks indexes each cost a quarter to a third of an insert.
    """

    def __init__(
        self,
        store: Store,
        *,
        pages: int = COMMIT_PAGES,
        seconds: float = COMMIT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        for pragma in PRAGMAS:
            store.db.execute(f"PRAGMA {pragma}")
        self.max_pages = max(1, pages)
        self.max_seconds = seconds
        self.clock = clock
        self.pages = 0  # pages written in the open transaction
        self.opened: float | None = None  # clock() when it began; None when none is open
        self.relink: dict[str, None] = {}  # talks to relink before the commit, in order

    @property
    def open(self) -> bool:
        return self.opened is not None

    @contextmanager
    def page(self) -> Iterator[None]:
        """Write one page inside the batch: a SAVEPOINT, so an error rolls back this page
        only and propagates. Raises BatchLost if the error took the whole transaction."""
        self.begin()
        try:
            with self.store.transaction():  # a SAVEPOINT: a transaction is open
                yield
        except Exception:
            self._check_alive()
            raise
        self.pages += 1

    def begin(self) -> None:
        """Open the batch's transaction unless one is open already (a statement outside any
        transaction may have begun one implicitly: the batch takes it over)."""
        if self.opened is None:
            if not self.store.db.conn.in_transaction:
                self.store.db.begin()
            self.opened = self.clock()

    def relink_later(self, talk_ids: Iterable[str]) -> None:
        """Talks to relink (`crawler.db.linking`) once, just before the batch commits."""
        self.relink.update(dict.fromkeys(talk_ids))

    def due(self) -> bool:
        """Whether the batch has written enough pages, or been open long enough, to commit."""
        if self.opened is None:
            return False
        return self.pages >= self.max_pages or self.clock() - self.opened >= self.max_seconds

    def commit(self) -> None:
        """Relink what the batch touched, then COMMIT; nothing to do without a batch."""
        if self.opened is None:
            return
        self._check_alive()
        if self.relink:
            with self.store.transaction():
                linking.refresh(self.store.db, list(self.relink))
        try:
            self.store.db.execute("COMMIT")
        except sqlite3.Error as error:  # a full disk, an I/O error: the batch is not saved
            if self.store.db.conn.in_transaction:
                self.store.db.execute("ROLLBACK")
            raise BatchLost(f"the batch could not be committed ({error})") from error
        finally:
            self._reset()

    def _check_alive(self) -> None:
        if self.opened is not None and not self.store.db.conn.in_transaction:
            self._reset()
            raise BatchLost("the database rolled back the batch; its pages were not saved")

    def _reset(self) -> None:
        self.pages = 0
        self.opened = None
        self.relink = {}
