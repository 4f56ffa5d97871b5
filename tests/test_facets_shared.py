"""The ``shared`` facet type (crawler/outputs/facets.py) shows exactly what Datasette's own
ColumnFacet shows: same values, labels, counts, order, toggle URLs, truncation, timeouts.

A small fixture database (a table with a foreign key to a labelled table, NULLs, count ties,
a column whose name starts with "_", a full-text index and a view over it) is served by two
Datasette instances in this process: one whose metadata lists plain column facets (Datasette's
ColumnFacet, what data/metadata.yml said before) and one listing the same columns as
``shared`` facets. Every request below must give both the same facets, in JSON and in HTML.
"""

from __future__ import annotations

import asyncio
import random
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from datasette import hookimpl
from datasette.app import Datasette
from datasette.facets import ColumnFacet
from datasette.plugins import pm
from datasette.utils import escape_sqlite
from datasette.utils.asgi import Request

from crawler.cli.serve import SETTINGS, _register_plugin
from crawler.outputs.facets import SHARED, SharedColumnFacet, shared_facet_sql

ROOT = Path(__file__).resolve().parents[1]
DB = "fixture"
COLUMNS = {
    "items": ["series_id", "kind", "online", "year", "_flag"],
    "items_view": ["series", "kind", "online", "year", "_flag"],
}
SEARCH = "alpha"  # in about half of the titles


def _metadata(shared: bool, facet_size: int = 30) -> dict[str, Any]:
    def facets(table: str) -> list[Any]:
        return [{SHARED: c} if shared else c for c in COLUMNS[table]]

    return {
        "databases": {
            DB: {
                "tables": {
                    "items": {"facets": facets("items"), "fts_table": "items_fts"},
                    "items_view": {
                        "facets": facets("items_view"),
                        "fts_table": "items_fts",
                        "fts_pk": "item_id",
                    },
                    "series": {"label_column": "name"},
                }
            }
        }
    }


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("facets") / f"{DB}.db"
    rnd = random.Random(13)
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE series (id TEXT PRIMARY KEY, name TEXT);
        CREATE TABLE items (
            id INTEGER PRIMARY KEY, title TEXT, series_id TEXT REFERENCES series(id),
            kind TEXT, online INTEGER, year INTEGER, _flag TEXT);
        CREATE INDEX items_kind ON items(kind);
        CREATE VIRTUAL TABLE items_fts USING fts5(title, content=items, content_rowid=id);
        CREATE VIEW items_view AS
            SELECT i.id AS item_id, i.title, s.name AS series, i.kind, i.online, i.year,
                   i._flag
            FROM items i JOIN series s ON s.id = i.series_id;
        """
    )
    db.executemany("INSERT INTO series VALUES (?, ?)", [(f"s{n}", f"Series {n}") for n in range(6)])
    for n in range(1, 121):
        db.execute(
            "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                n,
                " ".join(rnd.sample(["alpha", "beta", "gamma", "delta"], 2)),
                f"s{rnd.randrange(6)}",
                rnd.choice(["seminar", "workshop", "Seminar", None]),
                rnd.choice([0, 1, None]),
                rnd.choice([2020, 2021, 2022, 2023]),
                rnd.choice(["x", "y", None]),
            ),
        )
    db.execute("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
    db.commit()
    db.close()
    return path


def _datasette(db: Path, shared: bool, **settings: Any) -> Datasette:
    _register_plugin()
    return Datasette(
        immutables=[str(db)],
        metadata=_metadata(shared),
        settings={**SETTINGS, **settings},
    )


async def _get(ds: Datasette, path: str) -> tuple[int, str]:
    await ds.invoke_startup()
    response = await ds.client.get(path)
    return response.status_code, response.text


def _facet_html(html: str) -> str:
    match = re.search(r'<div class="facet-results">.*?\n</div>', html, re.S)
    return match.group(0) if match else ""


PATHS = [
    # no filter, a search, a filter, both, a selected value, ?_facet= on top, a column
    # whose query-string name is col__exact, the facet size, a sort
    "{table}.json",
    "{table}.json?_search=alpha",
    "{table}.json?year=2021",
    "{table}.json?_search=alpha&online=1",
    "{table}.json?kind=seminar&_facet=kind",
    "{table}.json?_search=gamma&_facet=year&_facet=kind",
    "{table}.json?_flag__exact=x",
    "{table}.json?_facet_size=2&_search=beta",
    "{table}.json?_facet_size=max",
    "{table}.json?year__gt=2020&_sort=kind",
]


@pytest.mark.parametrize("table", ["items", "items_view"])
@pytest.mark.parametrize("path", PATHS)
def test_json_and_html_facets_match_column_facets(fixture_db: Path, table: str, path: str) -> None:
    path = f"/{DB}/" + path.format(table=table)
    old, new = _datasette(fixture_db, shared=False), _datasette(fixture_db, shared=True)
    (old_status, old_json), (new_status, new_json) = (
        asyncio.run(_get(ds, path)) for ds in (old, new)
    )
    assert old_status == new_status == 200
    old_data, new_data = yaml.safe_load(old_json), yaml.safe_load(new_json)
    assert new_data["facet_results"] == old_data["facet_results"]
    assert list(new_data["facet_results"]) == list(old_data["facet_results"])  # key order
    assert set(new_data["facet_results"]) >= set(COLUMNS[table])
    html = path.replace(".json", "")
    old_html, new_html = (asyncio.run(_get(ds, html))[1] for ds in (old, new))
    assert _facet_html(new_html) == _facet_html(old_html) != ""


def test_series_labels_come_from_the_foreign_key(fixture_db: Path) -> None:
    ds = _datasette(fixture_db, shared=True)
    data = yaml.safe_load(asyncio.run(_get(ds, f"/{DB}/items.json?_search=alpha"))[1])
    labels = {r["value"]: r["label"] for r in data["facet_results"]["series_id"]["results"]}
    assert labels and all(label == f"Series {value[1:]}" for value, label in labels.items())


def test_nofacet_turns_them_off(fixture_db: Path) -> None:
    ds = _datasette(fixture_db, shared=True)
    data = yaml.safe_load(asyncio.run(_get(ds, f"/{DB}/items_view.json?_nofacet=1"))[1])
    assert data["facet_results"] == {}


# ---- the facet class itself, against ColumnFacet -------------------------------------------


def _page_sql(ds: Datasette, table: str, where: str = "") -> str:
    """The SQL Datasette hands facets: every column, the page's WHERE, no ORDER BY/LIMIT."""

    async def columns() -> list[str]:
        return await ds.get_database(DB).table_columns(table)

    names = asyncio.run(columns())
    select = ", ".join(escape_sqlite(c) for c in names)
    if table == "items":
        select = f"rowid, {select}"
    return f"select {select} from {escape_sqlite(table)} {where}"


CASES = {
    "search": (
        "where rowid in (select rowid from items_fts where items_fts match :search)",
        {"search": SEARCH},
        "?_search=alpha",
    ),
    "filter": ('where "year" = :p0', {"p0": "2022"}, "?year=2022"),
    "no filter": ("", {}, ""),
}


@pytest.mark.parametrize("case", list(CASES))
def test_facet_class_gives_column_facet_results(fixture_db: Path, case: str) -> None:
    where, params, query = CASES[case]
    ds = _datasette(fixture_db, shared=True)
    sql = _page_sql(ds, "items", where)
    request = Request.fake(f"/{DB}/items{query}")

    def run(klass: type[ColumnFacet], shared: bool) -> tuple[list[Any], list[str]]:
        table_metadata = _metadata(shared)["databases"][DB]["tables"]["items"]
        facet = klass(ds, request, DB, sql=sql, params=params, table="items",
                      metadata=table_metadata)  # fmt: skip
        return asyncio.run(facet.facet_results())

    expected, expected_timed_out = run(ColumnFacet, shared=False)
    got, timed_out = run(SharedColumnFacet, shared=True)
    assert timed_out == expected_timed_out == []
    assert [f["name"] for f in got] == COLUMNS["items"]
    assert got == expected  # values, labels, counts, order, toggle URLs, truncated, type
    assert any(r["count"] > 1 for f in got for r in f["results"])


def test_shared_statement_reads_the_rows_once(fixture_db: Path) -> None:
    """One materialised CTE over the page's SQL, one GROUP BY arm per facet."""
    sql = shared_facet_sql("select * from items where year = :p0", ["kind", "year"], 31)
    assert sql.count("select * from items") == 1
    assert "AS MATERIALIZED" in sql and sql.count("GROUP BY") == 2
    db = sqlite3.connect(fixture_db)
    plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, {"p0": 2021}))
    assert plan.count("MATERIALIZE") == 1 and plan.count("SCAN hits") == 2


# ---- time limit: timed-out facets are reported, the page is still served -------------------


class _SlowKind:
    """A plugin making every read of items.kind through slow_kind() take 5 ms."""

    __name__ = "test_slow_kind"  # Datasette's plugin list reads it, as of a module

    @staticmethod
    def _slow(value: Any) -> Any:
        time.sleep(0.005)
        return value

    @hookimpl
    def prepare_connection(self, conn: Any) -> None:
        conn.create_function("slow_kind", 1, self._slow)


@pytest.fixture
def slow_view(fixture_db: Path, tmp_path: Path) -> Any:
    path = tmp_path / f"{DB}.db"
    path.write_bytes(fixture_db.read_bytes())
    db = sqlite3.connect(path)
    db.execute("CREATE VIEW slow AS SELECT id, slow_kind(kind) AS kind, year FROM items")
    db.commit()
    db.close()
    plugin = _SlowKind()
    pm.register(plugin, name="test-slow-kind")
    yield path
    pm.unregister(plugin)


@pytest.mark.parametrize("shared", [False, True])
def test_a_timeout_marks_the_facets_timed_out_and_serves_the_page(
    slow_view: Path, shared: bool
) -> None:
    _register_plugin()
    facets = [{SHARED: c} if shared else c for c in ("kind", "year")]
    ds = Datasette(
        immutables=[str(slow_view)],
        metadata={"databases": {DB: {"tables": {"slow": {"facets": facets}}}}},
        settings={**SETTINGS, "facet_time_limit_ms": 20},
    )
    status, html = asyncio.run(_get(ds, f"/{DB}/slow?year__gte=2020&_size=1"))
    assert status == 200
    assert "These facets timed out" in html and "kind" in html
    data = yaml.safe_load(asyncio.run(_get(ds, f"/{DB}/slow.json?year__gte=2020&_size=1"))[1])
    assert "kind" not in data["facet_results"]
    if shared:  # one statement: all its facets go together
        assert data["facet_results"] == {}
    else:
        assert set(data["facet_results"]) == {"year"}


def test_metadata_serves_the_default_facets_of_talks_and_talks_view_shared() -> None:
    metadata = yaml.safe_load((ROOT / "data" / "metadata.yml").read_text(encoding="utf-8"))
    tables = metadata["databases"]["seminars"]["tables"]
    assert tables["talks_view"]["facets"] == [
        {SHARED: c} for c in ("series", "kind", "online", "year", "extracted_by")
    ]
    assert tables["talks"]["facets"] == [
        {SHARED: c} for c in ("series_id", "kind", "online", "year", "extracted_by")
    ]


def test_a_shared_facet_asked_for_in_the_url_is_hideable(fixture_db: Path) -> None:
    """?_facet_shared=col works as ?_facet=col does: listed after the defaults, with a cross
    (hideable) whose URL drops it."""
    old, new = _datasette(fixture_db, shared=False), _datasette(fixture_db, shared=True)
    base = f"/{DB}/items.json?_search=alpha"
    old_data = yaml.safe_load(asyncio.run(_get(old, base + "&_facet=kind"))[1])
    new_data = yaml.safe_load(asyncio.run(_get(new, base + f"&_facet_{SHARED}=kind"))[1])
    assert list(new_data["facet_results"]) == list(old_data["facet_results"])
    old_kind, new_kind = old_data["facet_results"]["kind_2"], new_data["facet_results"]["kind_2"]
    assert new_kind["hideable"] is old_kind["hideable"] is True
    assert new_kind["toggle_url"] == old_kind["toggle_url"] == base
    assert [(r["value"], r["count"]) for r in new_kind["results"]] == [
        (r["value"], r["count"]) for r in old_kind["results"]
    ]
