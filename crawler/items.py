"""The spider's items are the database layer's records, defined there so `crawler.db` never
imports the Scrapy layer."""

from crawler.db.records import PageItem, SourceDone

__all__ = ["PageItem", "SourceDone"]
