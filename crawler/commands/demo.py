"""`seminars demo`: the bundled seed snapshots, parsed offline into the database."""

from __future__ import annotations

from pathlib import Path

import click
from tabulate import tabulate

from crawler.commands._options import db_option
from crawler.paths import SNAPSHOTS
from crawler.snapshots import load_snapshots
from crawler.storage import Store
from parsers import parse_site


@click.command()
@db_option
@click.option(
    "--snapshots",
    type=click.Path(file_okay=False, path_type=Path),
    default=SNAPSHOTS,
    show_default=True,
    help="Folder of site snapshots (one sub-folder per site).",
)
def demo(db_path: Path, snapshots: Path) -> None:
    """Load the bundled snapshots of the seed sites into the database, offline.

    \b
    Example:
      seminars demo --db /tmp/demo.db && seminars export jsonl --db /tmp/demo.db
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    rows = []
    with Store(db_path) as store:
        for snap in load_snapshots(snapshots):
            site = snap.site
            store.upsert_series(
                {
                    "id": site["slug"],
                    "name": site["name"],
                    "url": site["seed_url"],
                    "institution": site.get("institution"),
                    "timezone": site.get("timezone"),
                    "parser": "auto",
                }
            )
            crawl_id = store.start_crawl(site["slug"])
            result = parse_site(
                snap.fetch, site["seed_url"], timezone=site.get("timezone"), series=site["name"]
            )
            records = [talk.to_record(site["seed_url"]) for talk in result.talks]
            stats = store.save_talks(site["slug"], records, crawl_id=crawl_id)
            removed = store.mark_removed(site["slug"], stats.ids, crawl_id=crawl_id)
            store.finish_crawl(
                crawl_id,
                status="ok",
                talks_seen=len(records),
                talks_new=stats.new,
                talks_updated=stats.updated,
                talks_removed=removed,
                errors=len(result.warnings),
            )
            rows.append([site["slug"], len(records), stats.new, stats.updated, removed])
    click.echo(tabulate(rows, headers=["source", "talks", "new", "updated", "removed"]))
    click.echo(f"database: {db_path}")
