"""The SQLite layer (no Scrapy): `Store` is the database, `MIGRATIONS` its schema."""

from crawler.db.rows import utc_now
from crawler.db.schema import MIGRATIONS
from crawler.db.store import Store

__all__ = ["MIGRATIONS", "Store", "utc_now"]
