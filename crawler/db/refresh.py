"""Refresh semantics: how one crawl's results change what the database already knows.

Plain functions over a `Store` (no Scrapy), called by the store pipeline:

* `start_sources` registers every source (file order = export order), closes crawls a killed
  process left 'running', and opens one crawls row per source to crawl.
* `save_page` writes one listing page: its talks, and the hashes of the listing and detail
  pages they came from, in ONE transaction (a savepoint when the crawl's `WriteBatch` holds
  one open over many pages: crawler/db/batch.py). An unchanged page (`talks is None`) is not
  re-saved: its talks are counted as seen and get `last_seen` refreshed, nothing else.
* `finish_source` decides the crawl's outcome. Only a source that finished without a problem
  and with a plausible talk count marks missing talks `removed_at`; a failing or suspect
  source changes nothing it did not see, because a broken page must never erase history.
  Then the talks the source's crawl touched are relinked across sources (`link_touched`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crawler.db import identity, linking
from crawler.db.batch import WriteBatch
from crawler.db.records import PageItem, SourceDone
from crawler.db.store import Store
from crawler.sources import Source
from parsers import Talk

PAGE_STRIDE = 10_000  # position = listing ordinal * stride + index: page order across pages
MAX_ERROR_TEXT = 5  # problems spelled out in crawls.error_text (all are in crawl_errors)


@dataclass
class Tally:
    """One source's running totals during a crawl."""

    crawl_id: int
    seen: dict[str, None] = field(default_factory=dict)  # talk ids, in page order
    new: int = 0
    updated: int = 0
    restored: int = 0  # talks marked removed that came back
    touched: dict[str, None] = field(default_factory=dict)  # new, updated or restored talks
    logged: int = 0
    page_items: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (url, why) from storing
    done: SourceDone | None = None
    finished: bool = False

    def ready(self) -> bool:
        """The spider said the source is done and every page it emitted has been saved."""
        return self.done is not None and self.page_items >= self.done.page_items


def start_sources(store: Store, known: list[Source], selected: list[Source]) -> dict[str, Tally]:
    """Register all known sources, tidy up after a killed crawl, open a crawl per source."""
    store.close_interrupted_crawls()
    for source in known:
        store.upsert_series(source.series_row())
    return {source.id: Tally(crawl_id=store.start_crawl(source.id)) for source in selected}


def page_record(talk: Talk, item: PageItem, index: int) -> dict[str, Any]:
    """The store's record for a talk: id from `Talk.id`, position across listing pages."""
    return {**talk.to_record(item.url), "position": item.ordinal * PAGE_STRIDE + index}


def save_page(store: Store, tally: Tally, item: PageItem) -> None:
    """Write one listing page's talks and page hashes together (see module docstring)."""
    with store.transaction():
        ids = _seen_again(store, item) if item.talks is None else _write(store, tally, item)
        for warning in item.warnings:
            store.log_error(tally.crawl_id, item.source.id, item.url, warning, level="warning")
    tally.logged += len(item.warnings)
    tally.seen.update(dict.fromkeys(ids))
    tally.page_items += 1


def _seen_again(store: Store, item: PageItem) -> list[str]:
    """An unchanged page: its talks as of its last write, with `last_seen` refreshed."""
    ids = store.page_talk_ids(item.url)
    store.touch_talks(ids)
    return ids


def _write(store: Store, tally: Tally, item: PageItem) -> list[str]:
    """A parsed page: upsert its talks, then remember its pages' hashes, follows and talks."""
    source_id = item.source.id
    records = [page_record(talk, item, i) for i, talk in enumerate(item.talks or ())]
    _keep_ids_of_edited_talks(store, tally, source_id, records)
    stats = store.save_talks(source_id, records, crawl_id=tally.crawl_id)
    tally.new += stats.new
    tally.updated += stats.updated
    tally.restored += stats.restored
    tally.touched.update(dict.fromkeys(stats.touched))
    item.warnings.extend(f"duplicate talk id {tid}; kept the first" for tid in stats.duplicates)
    store.set_page_hashes(
        source_id,
        [
            (url, page_hash, item.follows, stats.ids)
            if url == item.url
            else (url, page_hash, None, None)
            for url, page_hash in item.hashes.items()
        ],
    )
    return stats.ids


def _keep_ids_of_edited_talks(
    store: Store, tally: Tally, source_id: str, records: list[dict[str, Any]]
) -> None:
    """A talk new to the database may be a known talk whose title was corrected (see
    `crawler.db.identity`); only talks neither on this page nor seen earlier in this crawl can
    be the one it continues."""
    unknown = store.unknown_ids(r["id"] for r in records)
    new = [r for r in records if r["id"] in unknown]
    if new:
        on_page = {r["id"] for r in records}
        candidates = store.live_talks(source_id, excluding=on_page | set(tally.seen))
        identity.reconcile(new, candidates)


def finish_source(
    store: Store,
    tally: Tally,
    done: SourceDone,
    *,
    accept_drop: bool = False,
    batch: WriteBatch | None = None,
) -> str:
    """Log the source's problems, decide ok / suspect / failed, mark removals if ok.

    `accept_drop`: a human confirmed that the source really lost talks (`--accept-drop`).
    `batch`: the crawl's open `WriteBatch`, which relinks the talks when it commits.
    """
    source_id = done.source.id
    done.problems.extend(tally.problems)
    for level, entries in (("error", done.problems), ("warning", done.warnings)):
        for url, message in entries:
            store.log_error(tally.crawl_id, source_id, url, message, level=level)
    tally.logged += len(done.problems) + len(done.warnings)
    status, error_text = judge(store, source_id, done, len(tally.seen), accept_drop=accept_drop)
    if status != "ok" and not done.problems:  # zero or too few talks: say so in crawl_errors
        level = "error" if status == "failed" else "warning"
        store.log_error(
            tally.crawl_id, source_id, done.source.url, error_text or status, level=level
        )
        tally.logged += 1
    removed = 0
    if status == "ok":
        removed = store.mark_removed(source_id, tally.seen, crawl_id=tally.crawl_id)
    link_touched(store, tally, batch)
    store.finish_crawl(
        tally.crawl_id,
        status=status,
        pages=done.pages,
        talks_seen=len(tally.seen),
        talks_new=tally.new,
        talks_updated=tally.updated,
        talks_removed=removed,
        talks_restored=tally.restored,
        errors=tally.logged,
        error_text=error_text,
        suspect=status == "suspect",
    )
    tally.finished = True
    return status


def link_touched(store: Store, tally: Tally, batch: WriteBatch | None = None) -> None:
    """Relink what this source's crawl changed: its new, updated and restored talks and the
    talks it marked removed (`crawler.db.linking`: talk groups and people). Per source, so
    a crawl stopped half-way leaves the finished sources linked; with a `batch`, once for
    all the sources the batch finishes, in the transaction that commits them."""
    removed = store.db.execute(
        "SELECT talk_id FROM talk_changes WHERE crawl_id = ? AND field = 'removed_at'",
        [tally.crawl_id],
    )
    touched = [*tally.touched, *(row[0] for row in removed)]
    if batch is not None:
        batch.relink_later(touched)
    elif touched:
        with store.transaction():
            linking.refresh(store.db, touched)


def judge(
    store: Store, source_id: str, done: SourceDone, count: int, *, accept_drop: bool = False
) -> tuple[str, str | None]:
    """The crawl's status and why: failed on any problem or on zero talks, suspect on a fall.

    Zero talks fails even without history: a new source whose parser finds nothing is far
    more often a wrong parser than an empty seminar, and it should be seen either way.
    """
    if done.problems:
        shown = [f"{why} ({url})" for url, why in done.problems[:MAX_ERROR_TEXT]]
        more = len(done.problems) - MAX_ERROR_TEXT
        return "failed", "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    good = store.last_good_crawl(source_id)
    before = (good or {}).get("talks_seen") or 0
    if count == 0:
        return "failed", "no talks found" + (
            f" (the last good crawl had {before})" if before else ""
        )
    if count * 2 < before and not accept_drop:
        return "suspect", (
            f"talk count fell from {before} to {count} (more than half): "
            "has the page layout changed? nothing was marked removed"
        )
    return "ok", None


def finish_leftovers(
    store: Store, tallies: dict[str, Tally], batch: WriteBatch | None = None
) -> None:
    """At the end of a crawl, fail every source not finished yet (the crawl stopped early)."""
    for tally in tallies.values():
        if tally.finished:
            continue
        if tally.done is not None:
            reason = "some pages were not saved before the crawl ended"
            tally.done.problems.append((tally.done.source.url, reason))
            finish_source(store, tally, tally.done, batch=batch)
            continue
        link_touched(store, tally, batch)
        store.finish_crawl(
            tally.crawl_id,
            status="failed",
            talks_seen=len(tally.seen),
            talks_new=tally.new,
            talks_updated=tally.updated,
            talks_restored=tally.restored,
            errors=tally.logged,
            error_text="the crawl stopped before this source finished",
        )
        tally.finished = True
