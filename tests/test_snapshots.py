"""URL -> file rules of the bundled snapshots (tests/fixtures/README.md, "URL to file")."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.snapshots import load_snapshots, snapshot_for

SITES = Path(__file__).parent / "fixtures" / "sites"
SNAPSHOTS = load_snapshots(SITES)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://gapindnns.github.io/_pages/seminar.html", "gapindnns/_pages/seminar.html"),
        ("https://gapindnns.github.io/_pages/seminar.html#talk_x", "gapindnns/_pages/seminar.html"),
        ("https://weihuang05.github.io/talks/", "weihuang/talks/index.html"),
        (
            "https://weihuang05.github.io/talks/2021-06-01-talk-2",
            "weihuang/talks/2021-06-01-talk-2/index.html",
        ),
        ("https://mpml.tecnico.ulisboa.pt/seminars?year=2020", "ist_mpml/seminars/index.html"),
        # not in the snapshot: another query, a slide PDF, the gold files, outside the folder
        ("https://mpml.tecnico.ulisboa.pt/seminars?id=6506", None),
        ("https://mpml.tecnico.ulisboa.pt/files/Roberts%20slides.pdf", None),
        ("https://gapindnns.github.io/expected.jsonl", None),
        ("https://gapindnns.github.io/site.json", None),
        ("https://gapindnns.github.io/../ngml/seminars.html", None),
        ("https://example.org/seminars.html", None),
    ],
)
def test_url_to_file(url: str, expected: str | None) -> None:
    snapshot = snapshot_for(SNAPSHOTS, url)
    path = snapshot.path_for(url) if snapshot else None
    assert (path.relative_to(SITES.resolve()).as_posix() if path else None) == expected


def test_every_site_folder_is_a_snapshot() -> None:
    assert sorted(s.site["slug"] for s in SNAPSHOTS) == sorted(
        p.parent.name for p in SITES.glob("*/site.json")
    )
