"""Fixtures more than one test module needs: a fresh store and the demo database.

Served sites: `crawl_support.served` (a context manager each crawl module wraps in its own
fixture, since each serves a different set of sites with its own faults).

Why here: four modules each built their own demo database with the same subprocess; one
session-wide copy is built once (read-only users only: a test that changes the database
builds its own, as test_serve does).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.db import Store

SEMINARS = [sys.executable, "-m", "crawler.cli"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated store in a temporary file."""
    fresh = Store(tmp_path / "seminars.db")
    yield fresh
    fresh.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`seminars demo` (the five seed snapshots) into a temporary database, once per session.

    Shared: tests that use it must only read it.
    """
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = subprocess.run([*SEMINARS, "demo", "--db", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return path
