"""Every fixture folder under tests/fixtures/sites/ against its hand-written expected.jsonl.

Cases are generated from the folders (site.json + expected.jsonl + the pages by URL path), so
adding a site adds tests without new test code. One case per (site, talk, field): a failure
names exactly what drifted, e.g. `test_field[ist_mpml-talk03-starts_at]`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from crawler.snapshots import Snapshot, load_snapshots
from parsers import ParseResult, parse_page, parse_site

SITES_DIR = Path(__file__).parent / "fixtures" / "sites"
SNAPSHOTS: dict[str, Snapshot] = {
    snap.site["slug"]: snap
    for snap in load_snapshots(SITES_DIR)
    if (snap.folder / "expected.jsonl").is_file()
}


def expected(slug: str) -> list[dict[str, Any]]:
    lines = (SNAPSHOTS[slug].folder / "expected.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@cache
def crawled(slug: str) -> ParseResult:
    """The offline crawl of one site (listing + the pages it follows), done once per session."""
    site = SNAPSHOTS[slug].site
    return parse_site(
        SNAPSHOTS[slug].fetch, site["seed_url"], timezone=site["timezone"], series=site["name"]
    )


def comparable(field: str, value: Any) -> Any:
    """Links compare as a set: the fixture README says their order does not matter."""
    if field == "links":
        return sorted((link["kind"], link["url"]) for link in value)
    return value


FIELD_CASES = [
    pytest.param(slug, index, field, id=f"{slug}-talk{index:02d}-{field}")
    for slug in SNAPSHOTS
    for index, talk in enumerate(expected(slug))
    for field in talk
]


def test_fixture_folders_found() -> None:
    """Guard against a path mistake that would silently generate zero cases."""
    assert {"gapindnns", "ist_mpml", "ngml", "utexas_mdl", "weihuang"} <= set(SNAPSHOTS)


@pytest.mark.parametrize(("slug", "index", "field"), FIELD_CASES)
def test_field(slug: str, index: int, field: str) -> None:
    talks = crawled(slug).talks
    want = expected(slug)[index]
    assert index < len(talks), f"{slug}: talk {index} ({want['title']!r}) missing"
    got = talks[index].to_dict()
    assert comparable(field, got[field]) == comparable(field, want[field]), (
        f"{slug} talk {index} ({want['title']!r}): {field}"
    )


@pytest.mark.parametrize("slug", SNAPSHOTS)
def test_talk_count(slug: str) -> None:
    got = [talk.title for talk in crawled(slug).talks]
    assert len(got) == len(expected(slug)), got


@pytest.mark.parametrize("slug", SNAPSHOTS)
def test_schema_keys_in_order(slug: str) -> None:
    """to_dict() is the expected.jsonl schema: same keys, same order."""
    want = list(expected(slug)[0])
    for talk in crawled(slug).talks:
        assert list(talk.to_dict()) == want


@pytest.mark.parametrize("slug", SNAPSHOTS)
def test_crawl_has_no_warnings(slug: str) -> None:
    """The seed pages are clean: a warning here means a rule misreads a real page."""
    assert crawled(slug).warnings == []


@pytest.mark.parametrize("slug", SNAPSHOTS)
def test_listing_page_alone(slug: str) -> None:
    """The listing with nothing but its URL: the parser is chosen by URL or platform and the
    series name is read from the page, so count and series match the crawl with site.json."""
    site = SNAPSHOTS[slug].site
    content = SNAPSHOTS[slug].fetch(site["seed_url"])
    assert content is not None
    talks = parse_page(content, site["seed_url"])
    assert len(talks) == len(expected(slug))
    assert {talk.series for talk in talks} == {talk["series"] for talk in expected(slug)}
    assert {talk.series for talk in talks} == {site["name"]}
