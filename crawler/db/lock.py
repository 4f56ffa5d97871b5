"""One crawl per database at a time: an advisory lock on `<db>.lock`.

Why a lock although SQLite has its own: two crawls interleaving on one database would each
mark the other's talks removed and double-count changes; SQLite's locks only keep single
statements apart. `fcntl.flock` is released by the kernel when the process dies, even by
SIGKILL, so a crashed crawl never leaves a stale lock behind (the file itself stays; its
content, the holder's pid and start time, is only for the error message).

Re-entrant within one process: `seminars crawl` takes the lock before it starts Scrapy, and
the spider takes it again (a no-op then) so that `scrapy crawl seminars` is locked too.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

_held: set[Path] = set()


class CrawlLocked(RuntimeError):
    """Another crawl holds the database's lock."""


def lock_path(db_path: str | Path) -> Path:
    db = Path(db_path).resolve()
    return db.with_name(db.name + ".lock")


@contextmanager
def crawl_lock(db_path: str | Path) -> Iterator[Path]:
    """Hold the crawl lock of `db_path` for the block; CrawlLocked at once if it is taken."""
    path = lock_path(db_path)
    if path in _held:
        yield path
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, db_path)
        _held.add(path)
        try:
            yield path
        finally:
            _held.discard(path)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, db_path: str | Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown process"
        raise CrawlLocked(
            f"another crawl is already running on {db_path} ({holder}); "
            f"try again when it has finished (lock file: {path})"
        ) from None
    started = datetime.now(UTC).isoformat(timespec="seconds")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}, started {started}".encode(), 0)
