"""Where the project's data lives, so every command agrees on defaults.

The defaults are relative to the repository (the `data/` folder next to `crawler/`) when run
from a checkout, which is how the quick start runs; `--db` and `--sources` override them.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DEFAULT_DB = DATA / "seminars.db"
DEFAULT_SOURCES = DATA / "sources.toml"
METADATA = DATA / "metadata.yml"
SNAPSHOTS = ROOT / "tests" / "fixtures" / "sites"
