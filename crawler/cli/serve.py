"""`seminars serve`: Datasette on the database, read-only, with the project's metadata.

Why it looks the way it does:

* Immutable mode (``datasette -i``): SQLite opens the file with ``immutable=1``, so no query,
  canned or not, can write through the server, and Datasette refuses writable queries with
  403. The flip side: a crawl that writes while we serve is not seen (and must not run while
  we serve: see the README, "Browse and search in Datasette") — restart after a crawl.
* Datasette runs in this process (its Python API plus uvicorn) rather than as a child
  ``datasette`` process: Ctrl-C reaches one process, which shuts down cleanly, and the
  metadata is passed as a dict, with its ``seminars`` database entry renamed to the file's
  actual name, so ``--db /tmp/demo.db`` keeps its canned queries and facets.
* The file is checked first (read-only): a file that is not a seminars database is refused
  and left untouched. Pending schema migrations (views included) of a seminars database are
  applied before serving, as every other command does when it opens the store; the server
  itself then only reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import socket
import sys
from pathlib import Path
from typing import Any

import click
import yaml

from crawler.cli.options import db_option, open_store, shown_path
from crawler.paths import METADATA

# The database name data/metadata.yml uses for "whatever file is being served".
METADATA_DATABASE = "seminars"
# Long abstracts are cut in HTML tables (not in JSON, CSV or .ics) so a page of talks stays
# scannable; the full text is one click away on the row page. No suggested facets: the
# metadata names the useful ones, and trying every other column (29 in talks_view, up to 50 ms
# each) cost 1.2 s on every table page and search of a 100,000-talk database.
# Time limits, on purpose (bench/RESULTS.md, "Store and query" and "One million talks"):
# every canned query answers within 0.6 s at 1,000,000 talks, so 3 s only stops runaway
# hand-written SQL. A facet is extra: one that needs more than 150 ms (a search for a word in
# a third of a million talks: ~0.7 s a facet, five of them) is left out of that page, shown
# as timed out, instead of making the page take seconds; every facet of a 100,000-talk
# database, and the unfiltered ones at 1,000,000, take less. The default facets of talks and
# talks_view are `shared` (crawler/outputs/facets.py): one statement for all five of a page,
# which may take 150 ms per facet it counts, what the five separate statements had together.
SETTINGS = {
    "default_page_size": 50,
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 150,
    "suggest_facets": False,
    "truncate_cells_html": 200,
}


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port; the URL printed names it).",
)
@click.option(
    "--metadata",
    "metadata_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=METADATA,
    show_default=True,
    help="Datasette metadata (titles, facets, canned queries).",
)
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Print the response to this path (e.g. /seminars/talks.json) and exit, no server.",
)
def serve(db_path: Path, host: str, port: int, metadata_path: Path, get_path: str | None) -> None:
    """Serve the database read-only in Datasette; Ctrl-C stops it.

    \b
    Examples:
      seminars serve --db data/seminars.db --port 8001
      seminars serve --get '/seminars/search.json?q=neural+tangent&_shape=objects'
    """
    upgrade(db_path)
    datasette = build_datasette(db_path, metadata_path)
    if get_path:
        status, text = asyncio.run(_get(datasette, get_path))
        click.echo(text)
        raise SystemExit(0 if status == 200 else 1)
    _run(datasette, db_path, host, port)


def upgrade(db_path: Path) -> None:
    """Check that the file is a seminars database and apply its pending migrations, if any
    (the read-only store does both); one error line and an exit when it is not."""
    open_store(db_path).close()


def build_datasette(db_path: Path, metadata_path: Path = METADATA) -> Any:
    """A Datasette instance serving ``db_path`` immutably with our metadata and plugin."""
    from datasette.app import Datasette

    _register_plugin()
    metadata = load_metadata(metadata_path, database=db_path.stem)
    return Datasette(immutables=[str(db_path)], metadata=metadata, settings=SETTINGS)


def load_metadata(path: Path, database: str) -> dict[str, Any]:
    """The metadata file with its ``seminars`` database entry renamed to ``database``."""
    metadata = copy.deepcopy(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    databases = metadata.get("databases") or {}
    if METADATA_DATABASE in databases and database != METADATA_DATABASE:
        databases[database] = databases.pop(METADATA_DATABASE)
    return metadata


def _register_plugin() -> None:
    """Load crawler.outputs.datasette_plugin even where the entry point is not installed."""
    from datasette.plugins import pm

    from crawler.outputs import datasette_plugin

    if not pm.is_registered(datasette_plugin) and pm.get_plugin("seminars") is None:
        pm.register(datasette_plugin, name="seminars")


async def _get(datasette: Any, path: str) -> tuple[int, str]:
    await datasette.invoke_startup()
    response = await datasette.client.get(path)
    return response.status_code, response.text


def _run(datasette: Any, db_path: Path, host: str, port: int) -> None:
    """Start uvicorn in the foreground; it handles Ctrl-C (SIGINT) and SIGTERM gracefully.

    We bind the socket ourselves and hand it to uvicorn, so `--port 0` gets a free port from
    the kernel and the line printed names the port really bound (tests and scripts read it
    back instead of guessing a free port, which another process could take first).
    """
    import uvicorn

    asyncio.run(datasette.invoke_startup())
    listener = socket.create_server((host, port))
    # Accepted sockets inherit TCP_NODELAY. asyncio sets it itself only on sockets it made
    # (or whose proto is IPPROTO_TCP; create_server's is 0): without it every response after
    # the first on a keep-alive connection waited ~40 ms for a delayed ACK (Nagle), whatever
    # the query cost (bench/RESULTS.md, "Store and query").
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    port = listener.getsockname()[1]
    click.echo(f"Serving {shown_path(db_path)} read-only at http://{host}:{port}/{db_path.stem}")
    click.echo("Press Ctrl-C to stop.", nl=True)
    sys.stdout.flush()
    config = uvicorn.Config(datasette.app(), log_level="warning", lifespan="on")
    with contextlib.suppress(KeyboardInterrupt):  # a second Ctrl-C during shutdown
        uvicorn.Server(config).run(sockets=[listener])
    click.echo("Stopped.")
