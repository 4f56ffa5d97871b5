"""What a crawl tells the person who ran it: `seminars changes`, the `restored` count, the
`first_seen` rows of new talks, and the next step a failure line names.

The fast tests write crawls through the store as the crawl does (start, save, mark removed,
log, finish); the slow one runs three real replay crawls of edited snapshots.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from crawl_support import SOURCES_TOML, copy_sites, query, run_cli

from crawler.cli import main
from crawler.db import Store
from crawler.summary import HEADERS, failure_lines, summary_rows

SITES = Path(__file__).parent / "fixtures" / "sites"
GAP_URL = "https://gapindnns.github.io/_pages/seminar.html"
T0 = "2025-01-01T06:00:00+00:00"
T1 = "2025-01-02T06:00:00+00:00"
T2 = "2025-01-03T06:00:00+00:00"
SINCE = "2025-01-01"


def records() -> list[dict[str, Any]]:
    """GAPinDNNs' talks as the crawl hands them to the store (ids as the page gives them)."""
    lines = (SITES / "gapindnns" / "expected.jsonl").read_text("utf-8").splitlines()
    talks = [json.loads(line) for line in lines]
    return [
        {
            **talk,
            "id": f"gap{index}",
            "status": "scheduled",
            "extracted_by": "gapindnns",
            "source_url": GAP_URL,
            "position": index,
        }
        for index, talk in enumerate(talks)
    ]


def crawl(store: Store, talks: list[dict[str, Any]], now: str, warning: str | None = None) -> int:
    """One ok crawl of gapindnns through the store, as crawler/db/refresh.py does it."""
    crawl_id = store.start_crawl("gapindnns", now=now)
    stats = store.save_talks("gapindnns", talks, crawl_id=crawl_id, now=now)
    removed = store.mark_removed("gapindnns", stats.ids, crawl_id=crawl_id, now=now)
    if warning:
        store.log_error(crawl_id, "gapindnns", f"{GAP_URL}/x", warning, level="warning", now=now)
    store.finish_crawl(
        crawl_id,
        status="ok",
        pages=1,
        talks_seen=len(stats.ids),
        talks_new=stats.new,
        talks_updated=stats.updated,
        talks_removed=removed,
        talks_restored=stats.restored,
        errors=int(bool(warning)),
        now=now,
    )
    return crawl_id


@pytest.fixture
def changed_db(tmp_path: Path) -> Path:
    """Crawl 1 is the baseline; crawl 2 adds, moves, retitles, removes and warns; crawl 3
    brings the removed talk back."""
    path = tmp_path / "seminars.db"
    with Store(path) as store:
        store.upsert_series({"id": "gapindnns", "name": "GAPinDNNs Seminar", "url": GAP_URL})
        first = records()
        crawl(store, first, T0)
        second = [dict(talk) for talk in first if talk["id"] != "gap3"]
        second[0]["starts_at"] = "2024-06-06T10:30:00+02:00"
        second[1]["title"] = "Causal Networks: Combinatorics and Geometry"
        second.append(
            {
                **first[0],
                "id": "gap9",
                "title": "Sheaf Neural Networks",
                "speakers": [{"name": "Cristian Bodnar", "affiliation": "Cambridge"}],
                "starts_at": "2024-06-13T10:30:00+02:00",
                "url": f"{GAP_URL}#talk_2024-06-13",
                "position": 9,
            }
        )
        crawl(store, second, T1, warning="404 Not Found (detail page gone)")
        crawl(store, [*second, first[3]], T2)
    return path


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


# --------------------------------------------------------------------------- store


def test_new_talks_after_the_first_crawl_are_logged_as_first_seen(changed_db: Path) -> None:
    rows = query(
        changed_db,
        "SELECT talk_id, field, old_value, new_value, changed_at FROM talk_changes "
        "WHERE field = 'first_seen'",
    )
    # the five talks of the baseline crawl are not news; the one added later is
    assert rows == [
        {"talk_id": "gap9", "field": "first_seen", "old_value": None, "new_value": T1,
         "changed_at": T1}
    ]  # fmt: skip


def test_a_talk_that_comes_back_is_counted_restored(changed_db: Path) -> None:
    crawls = query(
        changed_db,
        "SELECT talks_new, talks_updated, talks_removed, talks_restored FROM crawls ORDER BY id",
    )
    assert crawls == [
        {"talks_new": 5, "talks_updated": 0, "talks_removed": 0, "talks_restored": 0},
        {"talks_new": 1, "talks_updated": 2, "talks_removed": 1, "talks_restored": 0},
        {"talks_new": 0, "talks_updated": 0, "talks_removed": 0, "talks_restored": 1},
    ]
    with Store(changed_db) as store:
        rows = summary_rows(store, {"gapindnns": 3})
    assert "restored" in HEADERS
    assert rows[0]["restored"] == 1


def test_recent_changes_query_shows_new_talks(changed_db: Path) -> None:
    result = run(
        "serve",
        "--db",
        str(changed_db),
        "--get",
        f"/{changed_db.stem}/recent_changes.json?since={SINCE}&_shape=array",
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    new = [row for row in rows if row["field"] == "first_seen"]
    assert [(row["title"], row["new_value"]) for row in new] == [("Sheaf Neural Networks", T1)]


# --------------------------------------------------------------------------- seminars changes


def test_changes_lists_every_kind_of_change(changed_db: Path) -> None:
    result = run("changes", "--db", str(changed_db), "--since", SINCE)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Changes since {SINCE}:",
        "",
        "gapindnns: GAPinDNNs Seminar",
        "  2025-01-01  first crawl  5 talks (the baseline: not listed one by one)",
        "  2025-01-02  new          Sheaf Neural Networks (2024-06-13 10:30; Cristian Bodnar)",
        "  2025-01-02  moved        Equivariant Manifold Neural ODEs and Differential Invariants: "
        "2024-05-30 10:30 -> 2024-06-06 10:30",
        "  2025-01-02  retitled     Combinatorics and Geometry of Complex Causal Networks -> "
        "Causal Networks: Combinatorics and Geometry",
        "  2025-01-02  removed      Equivariant Neural Networks for Biomedical Image Analysis "
        "(2024-05-02 10:30)",
        "  2025-01-03  restored     Equivariant Neural Networks for Biomedical Image Analysis "
        "(2024-05-02 10:30)",
        f"  2025-01-02  warning      {GAP_URL}/x: 404 Not Found (detail page gone)",
    ]


def test_changes_since_a_time_and_as_json(changed_db: Path) -> None:
    result = run(
        "changes", "--db", str(changed_db), "--since", "2025-01-03T07:00+01:00", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "source": "gapindnns",
            "kind": "restored",
            "at": T2,
            "text": "Equivariant Neural Networks for Biomedical Image Analysis (2024-05-02 10:30)",
            "talk_id": "gap3",
            "title": "Equivariant Neural Networks for Biomedical Image Analysis",
            "old": None,
            "new": None,
        }
    ]


def test_changes_of_one_source_and_nothing_to_say(changed_db: Path) -> None:
    result = run(
        "changes", "--db", str(changed_db), "--since", "2030-01-01", "--source", "gapindnns"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "No changes since 2030-01-01.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--source", "nosuch"), "unknown series 'nosuch' (known: gapindnns)"),
        (("--since", "last week"), "--since: 'last week' is not an ISO date or time"),
        (("--since", "20250101"), "--since: '20250101' is not an ISO date or time"),
    ],
)
def test_changes_bad_options_are_one_line_and_exit_2(
    changed_db: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("changes", "--db", str(changed_db), *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"error: {message}")
    assert len(result.stderr.splitlines()) == 1


def test_changes_opens_the_database_read_only(changed_db: Path) -> None:
    changed_db.chmod(0o444)
    try:
        result = run("changes", "--db", str(changed_db), "--since", SINCE)
    finally:
        changed_db.chmod(0o644)
    assert result.exit_code == 0, result.output


# --------------------------------------------------------------------------- failure lines


def failure(store: Store, source: dict[str, Any], status: str, why: str, seen: int = 0) -> str:
    store.upsert_series(source)
    crawl_id = store.start_crawl(source["id"])
    store.finish_crawl(crawl_id, status=status, talks_seen=seen, error_text=why)
    [line] = failure_lines(summary_rows(store, {source["id"]: crawl_id}))
    return line


def test_a_suspect_source_names_accept_drop(store: Store) -> None:
    source = {"id": "ist_mpml", "name": "IST", "url": "https://example.org/", "parser": "ist_mpml"}
    line = failure(store, source, "suspect", "talk count fell from 31 to 10", seen=10)
    assert line == (
        "ist_mpml suspect: talk count fell from 31 to 10; if the talks really are gone: "
        "seminars crawl --source ist_mpml --accept-drop ist_mpml"
    )


def test_a_new_auto_source_without_talks_suggests_probe(store: Store) -> None:
    source = {"id": "newone", "name": "New", "url": "https://example.org/talks/", "parser": "auto"}
    line = failure(store, source, "failed", "no talks found")
    assert line == (
        "newone failed: no talks found; see what each extraction stage finds there: "
        "seminars probe https://example.org/talks/"
    )


@pytest.mark.parametrize("parser", ["gapindnns", "auto"])
def test_no_probe_advice_for_a_site_parser_or_a_source_that_worked(
    store: Store, parser: str
) -> None:
    source = {"id": "old", "name": "Old", "url": "https://example.org/", "parser": parser}
    if parser == "auto":  # it had a good crawl: the page changed, probing the URL is no news
        crawl_id = store.start_crawl("old")
        store.finish_crawl(crawl_id, status="ok", talks_seen=4)
    line = failure(store, source, "failed", "no talks found")
    assert line == "old failed: no talks found"


# --------------------------------------------------------------------------- real crawls

GAPINDNNS = "gapindnns/_pages/seminar.html"
REMOVED_CARD = "talk_2024-05-02_karl_bengtsson_bernander"


def card(page: Path, card_id: str) -> str:
    text = page.read_text("utf-8")
    start = text.index(f'<div id="{card_id}"')
    return text[start : text.index('<div id="talk_', start + 10)]


def replay(sites: Path, db: Path) -> tuple[int, str, str]:
    result = run_cli(
        "crawl", "--replay", str(sites), "--sources", str(SOURCES_TOML), "--db", str(db)
    )
    return result.returncode, result.stdout, result.stderr


def table_row(stdout: str, source: str) -> dict[str, str]:
    lines = stdout.splitlines()
    header = lines[0].split()
    row = next(line for line in lines if line.startswith(f"{source} "))
    return dict(zip(header, row.split(), strict=True))


@pytest.mark.slow
def test_real_crawls_count_restored_and_changes_tells_the_story(tmp_path: Path) -> None:
    sites = copy_sites(tmp_path / "sites")
    db = tmp_path / "seminars.db"
    page = sites / GAPINDNNS
    original = page.read_text("utf-8")
    assert replay(sites, db)[0] == 0

    removed = card(page, REMOVED_CARD)
    page.write_text(original.replace(removed, ""), "utf-8")
    shutil.rmtree(sites / "weihuang/talks/2021-06-01-talk-2")  # a detail page now 404s
    code, stdout, stderr = replay(sites, db)
    assert code == 0, stdout + stderr
    assert table_row(stdout, "gapindnns")["removed"] == "1"

    page.write_text(original, "utf-8")
    code, stdout, stderr = replay(sites, db)
    assert code == 0, stdout + stderr
    row = table_row(stdout, "gapindnns")
    assert (row["restored"], row["new"], row["removed"]) == ("1", "0", "0"), stdout

    result = run_cli("changes", "--db", str(db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    title = "Equivariant Neural Networks for Biomedical Image Analysis (2024-05-02 10:30)"
    assert [line.split(None, 2)[1:] for line in lines if title in line] == [
        ["removed", title],
        ["restored", title],
    ]
    warning = next(line for line in lines if "warning" in line)
    assert "https://weihuang05.github.io/talks/2021-06-01-talk-2" in warning
    assert "404" in warning
    assert query(db, "SELECT count(*) AS n FROM talk_changes WHERE field = 'first_seen'") == [
        {"n": 0}
    ]


def test_two_crawls_in_one_second_keep_both_lines(tmp_path: Path) -> None:
    """A talk removed by one crawl and restored by the next, both stamped the same second:
    the report shows both, in order (they were merged into one 'restored' line)."""
    path = tmp_path / "seminars.db"
    with Store(path) as store:
        store.upsert_series({"id": "gapindnns", "name": "GAPinDNNs Seminar", "url": GAP_URL})
        first = records()
        crawl(store, first, T0)
        crawl(store, [t for t in first if t["id"] != "gap3"], T1)
        crawl(store, first, T1)
    lines = run("changes", "--db", str(path), "--since", SINCE).output.splitlines()
    title = next(t["title"] for t in first if t["id"] == "gap3")
    kinds = [line.split(None, 2)[1] for line in lines if title in line]
    assert kinds == ["removed", "restored"], lines
