"""Refresh semantics through the real spider, on a writable copy of the snapshots (replay).

Crawl; then move a talk to another date (on its detail page only), delete a talk, add a
slides link to a third; crawl again; then bring the deleted talk back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from crawl_support import SOURCES_TOML, copy_sites, export, query, run_cli
from lxml import html as lxml_html

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow


WEIHUANG_TALK2 = "weihuang/talks/2021-06-01-talk-2/index.html"
GAPINDNNS = "gapindnns/_pages/seminar.html"
GAP = "https://gapindnns.github.io/_pages/seminar.html"
DELETED = f"{GAP}#talk_2024-05-02_karl_bengtsson_bernander"
SLIDES_TALK = f"{GAP}#talk_2024-05-16_Marten_Wadenback"
SLIDES_URL = "https://gapindnns.github.io/slides/wadenback.pdf"
MOVED = "https://weihuang05.github.io/talks/2021-06-01-talk-2"


def crawl(sites: Path, db: Path, *extra: str) -> tuple[int, str]:
    result = run_cli(
        "crawl", "--replay", str(sites), "--sources", str(SOURCES_TOML), "--db", str(db), *extra
    )
    return result.returncode, result.stdout + result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def ids_by_url(db: Path) -> dict[str, str]:
    return {r["url"]: r["id"] for r in query(db, "SELECT id, url FROM talks WHERE url IS NOT NULL")}


@pytest.fixture
def sites(tmp_path: Path) -> Path:
    return copy_sites(tmp_path / "sites")


def test_changes_are_updated_in_place_recorded_and_removals_marked(
    sites: Path, tmp_path: Path
) -> None:
    db = tmp_path / "seminars.db"
    assert crawl(sites, db)[0] == 0
    ids = ids_by_url(db)
    rows_before = len(query(db, "SELECT id FROM talks"))

    card = _card(sites / GAPINDNNS, "talk_2024-05-02_karl_bengtsson_bernander")
    edit(sites / GAPINDNNS, card, "")
    _add_slides(sites / GAPINDNNS)
    edit(
        sites / WEIHUANG_TALK2,
        'datetime="2021-06-01T00:00:00+00:00"',
        'datetime="2021-06-15T00:00:00+00:00"',
    )

    code, output = crawl(sites, db)
    assert code == 0, output
    assert ids_by_url(db) == ids  # same ids: updated in place, nothing re-inserted
    assert len(query(db, "SELECT id FROM talks")) == rows_before
    second = {r["source_id"]: r["id"] for r in query(db, "SELECT * FROM crawls WHERE id > 5")}

    changes = query(
        db,
        "SELECT c.talk_id, c.field, c.old_value, c.new_value, c.crawl_id, t.series_id "
        "FROM talk_changes c JOIN talks t ON t.id = c.talk_id ORDER BY c.id",
    )
    by_talk = {(c["talk_id"], c["field"]): c for c in changes}
    moved = by_talk.pop((ids[MOVED], "starts_at"))
    assert (moved["old_value"], moved["new_value"]) == ("2021-06-01", "2021-06-15")
    links = by_talk.pop((ids[SLIDES_TALK], "links"))
    assert json.loads(links["old_value"]) == []
    assert json.loads(links["new_value"]) == [{"kind": "slides", "url": SLIDES_URL}]
    removed = by_talk.pop((ids[DELETED], "removed_at"))
    assert removed["old_value"] is None and removed["new_value"]
    assert by_talk == {}
    assert all(c["crawl_id"] == second[c["series_id"]] for c in changes)

    talks = {t["url"]: t for t in export(db)}
    assert DELETED not in talks
    assert talks[MOVED]["starts_at"] == "2021-06-15"
    assert {"kind": "slides", "url": SLIDES_URL} in talks[SLIDES_TALK]["links"]
    row = query(db, "SELECT removed_at FROM talks WHERE id = ?", (ids[DELETED],))[0]
    assert row["removed_at"] is not None  # kept, only marked
    summary = query(db, "SELECT source_id, talks_updated, talks_removed FROM crawls WHERE id > 5")
    assert {s["source_id"]: (s["talks_updated"], s["talks_removed"]) for s in summary} == {
        "ngml": (0, 0),
        "gapindnns": (1, 1),
        "weihuang": (1, 0),
        "ist_mpml": (0, 0),
        "utexas_mdl": (0, 0),
    }

    # the talk comes back: revived in place, removed_at cleared and the change recorded
    gap = (sites / GAPINDNNS).read_text("utf-8")
    anchor = '<div id="talk_2024-04-04'
    (sites / GAPINDNNS).write_text(gap.replace(anchor, card + anchor, 1), "utf-8")
    assert crawl(sites, db)[0] == 0
    row = query(db, "SELECT removed_at FROM talks WHERE id = ?", (ids[DELETED],))[0]
    assert row["removed_at"] is None
    last = query(db, "SELECT field, new_value FROM talk_changes ORDER BY id DESC LIMIT 1")[0]
    assert last == {"field": "removed_at", "new_value": None}
    assert ids_by_url(db) == ids


def test_a_source_whose_talk_count_halves_is_suspect_and_removes_nothing(
    sites: Path, tmp_path: Path
) -> None:
    db = tmp_path / "seminars.db"
    assert crawl(sites, db, "--source", "ist_mpml")[0] == 0
    page = sites / "ist_mpml/seminars/index.html"
    root = lxml_html.fromstring(page.read_bytes())
    for block in root.cssselect("div.seminar")[10:]:
        block.drop_tree()
    page.write_bytes(lxml_html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>"))

    code, output = crawl(sites, db, "--source", "ist_mpml")
    assert code == 1, output
    assert "ist_mpml suspect: talk count fell from 31 to 10" in output
    crawl_row = query(db, "SELECT status, suspect, talks_removed FROM crawls ORDER BY id DESC")[0]
    assert crawl_row == {"status": "suspect", "suspect": 1, "talks_removed": 0}
    assert query(db, "SELECT count(*) AS n FROM talks WHERE removed_at IS NOT NULL") == [{"n": 0}]
    status = run_cli("sources", "--db", str(db), "--sources", str(SOURCES_TOML), "--check")
    assert status.returncode == 1
    assert "suspect" in status.stdout

    # still suspect next night (the baseline stays the last good crawl) until a human says
    # the fall is real; then the missing talks are marked removed
    assert crawl(sites, db, "--source", "ist_mpml")[0] == 1
    code, output = crawl(sites, db, "--source", "ist_mpml", "--accept-drop", "ist_mpml")
    assert code == 0, output
    assert query(db, "SELECT count(*) AS n FROM talks WHERE removed_at IS NOT NULL") == [{"n": 21}]


def test_a_parser_change_reparses_unchanged_pages(sites: Path, tmp_path: Path) -> None:
    """Page hashes include the parser code: a stored hash from other code never matches."""
    db = tmp_path / "seminars.db"
    assert crawl(sites, db, "--source", "ngml")[0] == 0
    query_sql = "UPDATE pages SET content_hash = 'from-an-older-parser'"
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute(query_sql)
    code, output = crawl(sites, db, "--source", "ngml", "-v")
    assert code == 0, output
    assert "seminars/listings_unchanged" not in output
    assert "'seminars/pages_parsed': 1" in output


def _card(page: Path, card_id: str) -> str:
    """The whole `<div id=card_id ...>...</div>` block, text as in the file."""
    text = page.read_text("utf-8")
    start = text.index(f'<div id="{card_id}"')
    end = text.index('<div id="talk_', start + 10)
    return text[start:end]


def _add_slides(page: Path) -> None:
    text = page.read_text("utf-8")
    start = text.index('<div id="talk_2024-05-16_Marten_Wadenback"')
    slot = text.index('<div class="col text-end">', start) + len('<div class="col text-end">')
    page.write_text(text[:slot] + '<a href="/slides/wadenback.pdf">Slides</a>' + text[slot:])


def test_corrected_titles_of_talks_without_url_keep_their_ids(sites: Path, tmp_path: Path) -> None:
    """IST's Dan Roberts talk and an NGML talk have no URL: their id falls back to speakers and
    title, so the crawl re-identifies them (crawler/db/identity.py) instead of new + removed."""
    db = tmp_path / "seminars.db"
    assert crawl(sites, db)[0] == 0
    before = {r["title"]: r["id"] for r in query(db, "SELECT id, title FROM talks")}
    rows_before = len(before)

    roberts_old = "The Principles of Deep Learning Theory</h3>"
    roberts_new = "The Principles of Deep-Learning Theory</h3>"
    edit(sites / "ist_mpml/seminars/index.html", roberts_old, roberts_new)
    edit(sites / "ngml/seminars.html", ">Sheaf Neural Networks</h3>", ">Sheaf Neural Network</h3>")

    code, output = crawl(sites, db)
    assert code == 0, output
    after = {r["title"]: r["id"] for r in query(db, "SELECT id, title FROM talks")}
    assert len(after) == rows_before
    assert (
        after["The Principles of Deep-Learning Theory"]
        == before["The Principles of Deep Learning Theory"]
    )
    assert after["Sheaf Neural Network"] == before["Sheaf Neural Networks"]
    assert query(db, "SELECT count(*) AS n FROM talks WHERE removed_at IS NOT NULL")[0]["n"] == 0
    titles = {
        (c["old_value"], c["new_value"])
        for c in query(db, "SELECT old_value, new_value FROM talk_changes WHERE field = 'title'")
    }
    assert titles == {
        ("The Principles of Deep Learning Theory", "The Principles of Deep-Learning Theory"),
        ("Sheaf Neural Networks", "Sheaf Neural Network"),
    }
