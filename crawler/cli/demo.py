"""`seminars demo`: the real crawl, replayed offline from the bundled seed-site snapshots."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.crawl import check_replay
from crawler.cli.options import check_crawl_db, db_option, shown_path
from crawler.paths import DEFAULT_DB, DEFAULT_SOURCES, SNAPSHOTS
from crawler.summary import EXIT_OK, EXIT_SOURCE_FAILED

# What to try after the demo: (command, what it shows); `--db PATH` is added when not default.
NEXT_STEPS = (
    ("seminars export jsonl{db} | head -1", "the talks as JSON, one per line"),
    ("seminars serve{db}", "search them in Datasette"),
    ("seminars report{db} --now 2024-01-01", "talks per month as a web page"),
)


@click.command()
@db_option
@click.option(
    "--snapshots",
    type=click.Path(file_okay=False, path_type=Path),
    default=SNAPSHOTS,
    show_default=True,
    help="Folder of site snapshots (one sub-folder per site).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress and no table; failures only.")
def demo(db_path: Path, snapshots: Path, quiet: bool) -> None:
    """Crawl the seed sites from their bundled snapshots into the database, offline.

    The same spider, middlewares and pipelines as `seminars crawl`, with every request answered
    from the snapshots (`seminars crawl --replay`); the database keeps the real URLs. Running it
    again changes nothing but `last_seen`. The last lines say where the database is and what
    to try next.

    \b
    Example:
      seminars demo --db /tmp/demo.db && seminars export jsonl --db /tmp/demo.db
    """
    from crawler.run import CrawlOptions, run_crawl  # keeps Scrapy out of CLI start-up

    check_crawl_db(db_path)
    check_replay(snapshots)
    options = CrawlOptions(sources=DEFAULT_SOURCES, db=db_path, replay=snapshots, quiet=quiet)
    code = run_crawl(options)
    if code in (EXIT_OK, EXIT_SOURCE_FAILED) and not quiet and db_path.exists():
        click.echo("")
        click.echo(next_steps(db_path))
    raise SystemExit(code)


def next_steps(db_path: Path) -> str:
    """Where the database is, how much it holds, and three commands to try on it."""
    from crawler.cli.options import open_store

    with open_store(db_path) as store:
        (talks, series), *_ = store.db.execute(
            "SELECT count(*), count(DISTINCT series_id) FROM talks WHERE removed_at IS NULL"
        )
    db = "" if db_path.resolve() == DEFAULT_DB.resolve() else f" --db {shown_path(db_path)}"
    commands = [(command.format(db=db), why) for command, why in NEXT_STEPS]
    width = max(len(command) for command, _ in commands)
    lines = [f"The database is {shown_path(db_path)}: {talks} talks in {series} series. Try:"]
    lines += [f"  {command:<{width}}   # {why}" for command, why in commands]
    return "\n".join(lines)
