"""`Store`: the seminars database as one object, what the crawler, CLI, tests and notebooks use.

Composed from one mixin class per job, because the callers want one object with the public
method names they always had (`store.save_talks`, `store.finish_crawl`, `store.search`, ...),
and mixins give exactly that without a second copy of every signature: a facade delegating to
functions would repeat each of some twenty signatures and docstrings here, and every new
method would have to be added twice. Each mixin holds only `self.db`; where one job needs
another (a talk update reads the stored talk back, a save registers its series), it calls a
plain function of that module (`queries.export_one`, `crawls.ensure_series`), never a method
of a sibling mixin, so each module reads on its own.

* `crawler.db.schema`, `views`, `connect`: migrations; the views and the listing table;
  pragmas (`open_database`);
* `crawler.db.rows`: talk record <-> rows, content hash, change values;
* `crawler.db.talks.TalkWrites`: save, touch, update, removals, change log;
* `crawler.db.crawls.CrawlLog`: series, crawls, crawl errors, page hashes, source health;
* `crawler.db.queries.TalkReads`: exports and search.

No Scrapy import anywhere in `crawler.db`: the CLI, tests and notebooks use it without a crawl.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawler.db.connect import open_database, open_readonly
from crawler.db.crawls import CrawlLog
from crawler.db.queries import TalkReads
from crawler.db.schema import MIGRATIONS
from crawler.db.talks import TalkWrites


class Store(TalkWrites, CrawlLog, TalkReads):
    """The seminars database: one object per connection, schema migrated on open.

    `readonly=True` is for the commands that only read (export, sources, serve, report,
    changes): the file must already be a seminars database (else `NotSeminarsDatabase`, and
    the file is left as it was) and the connection cannot write. A seminars database of an
    older version is migrated first, as opening it for writing would.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if not readonly:
            self.db = open_database(self.path)
            return
        self.db = open_readonly(self.path)
        if MIGRATIONS.pending(self.db):
            self.db.close()
            open_database(self.path).close()
            self.db = open_readonly(self.path)

    def close(self) -> None:
        """Close the connection (WAL files are checkpointed by SQLite on last close)."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> Any:
        """One transaction (a savepoint when nested): `with store.transaction(): ...`."""
        return self.db.atomic()
