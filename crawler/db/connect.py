"""How a database is opened: pragmas, then migrations; or read-only, refusing files not ours.

Why apart from the schema: every command opens the file the same way, and the read-only
check (a file of another application is never written to) is about the file, not the tables.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from crawler.db.schema import MIGRATIONS

WAL_CHECKPOINT_PAGES = 10_000  # log pages between automatic checkpoints (SQLite's default: 1,000)


class NotSeminarsDatabase(Exception):
    """The file is not a SQLite database, or is one that another application made.

    The message is one line for the user, without the path (the caller names the file).
    """


def open_database(path: str | Path) -> Database:
    """A connection with the project's pragmas, its schema migrated to the latest version.

    Raises NotSeminarsDatabase (before writing anything) when the file is not a SQLite
    database, or has tables but not ours: migrating would add the whole schema to another
    application's file. A file with no tables yet is a new database.
    """
    path = str(path)
    if path != ":memory:" and Path(path).exists():
        check_database(path, empty_ok=True)
    db = Database(path)
    db.execute("PRAGMA foreign_keys=ON")
    if path != ":memory:":
        # Datasette reads while the crawler writes; WAL keeps readers from blocking it.
        db.enable_wal()
        # In WAL mode NORMAL never corrupts the file (a killed crawl still leaves a database
        # that passes integrity_check); only a power cut may lose the last commits, which
        # the next crawl writes again. FULL synced the log on every page's commit.
        db.execute("PRAGMA synchronous=NORMAL")
        # Checkpoint every ~40 MB of log instead of every 4 MB: talk ids are random, so a
        # page's commit dirties ~250 scattered pages, and each checkpoint ends in an fsync
        # of all of them; checkpointing a tenth as often made 100,000 upserts 1.5x faster.
        db.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    MIGRATIONS.apply(db)
    return db


def open_readonly(path: str | Path) -> Database:
    """A read-only connection (SQLite `mode=ro`) to an existing seminars database.

    Raises NotSeminarsDatabase when the file is not one (an empty file included: nothing to
    read). Nothing is migrated: the caller migrates first when `MIGRATIONS.pending()` says so.
    """
    check_database(path, empty_ok=False)
    return Database(_connect_readonly(path))


def check_database(path: str | Path, *, empty_ok: bool) -> None:
    """Raise NotSeminarsDatabase unless `path` is a seminars database (or, with `empty_ok`, a
    SQLite file with no tables yet). Opens the file read-only: a check never writes."""
    try:
        conn = _connect_readonly(path)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            ours = MIGRATIONS.migrations_table in tables and bool(
                MIGRATIONS.applied(Database(conn))  # read-only, as sqlite-utils documents
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:  # "file is not a database", "... is encrypted"
        raise NotSeminarsDatabase(f"not a seminars database (SQLite: {error})") from None
    if ours or (empty_ok and not tables):
        return
    if not tables:
        raise NotSeminarsDatabase("not a seminars database (it has no tables)")
    shown = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
    raise NotSeminarsDatabase(
        f"not a seminars database (another application's SQLite file, tables: {shown})"
    )


def _connect_readonly(path: str | Path) -> sqlite3.Connection:
    """SQLite's own read-only mode: no write, no journal, no file created."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
