"""Bundled site snapshots: real URLs mapped to files, for offline demo, replay and tests.

A snapshot folder holds one sub-folder per site (`site.json` with `seed_url` and
`local_path`, and the HTML laid out by URL path). URL -> file: take the URL's path (query
and fragment dropped); use that file if it exists, else `<path>/index.html`. Anything else is
not in the snapshot, which a replay answers with 404 like a real server would. A URL with a
query is held only when it is the seed URL itself: the layout drops queries, and
`/seminars?id=6506` (a talk page) is not the `/seminars?year=2020` listing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Snapshot:
    folder: Path
    site: dict

    @property
    def host(self) -> str:
        return urlsplit(self.site["seed_url"]).netloc.lower()

    def path_for(self, url: str) -> Path | None:
        """The file that answers `url`, or None when the snapshot does not hold it."""
        url = url.split("#", 1)[0]
        parts = urlsplit(url)
        if parts.netloc.lower() != self.host:
            return None
        if parts.query and url != self.site["seed_url"]:
            return None
        relative = parts.path.strip("/")
        candidate = (self.folder / relative).resolve()
        if not candidate.is_relative_to(self.folder.resolve()):
            return None  # "../" in a URL must not read outside the snapshot
        if candidate.is_file() and candidate.name not in ("site.json", "expected.jsonl"):
            return candidate
        index = candidate / "index.html"
        return index if index.is_file() else None

    def fetch(self, url: str) -> bytes | None:
        path = self.path_for(url)
        return path.read_bytes() if path else None


def load_snapshots(root: Path) -> list[Snapshot]:
    """Every site folder under `root` that has a site.json, in name order."""
    return [
        Snapshot(folder=site_json.parent, site=json.loads(site_json.read_text("utf-8")))
        for site_json in sorted(Path(root).glob("*/site.json"))
    ]


def snapshot_for(snapshots: list[Snapshot], url: str) -> Snapshot | None:
    host = urlsplit(url).netloc.lower()
    return next((snap for snap in snapshots if snap.host == host), None)
