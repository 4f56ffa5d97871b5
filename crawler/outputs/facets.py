"""A Datasette facet type that computes all of a page's column facets in one statement.

Why: Datasette's ``ColumnFacet`` runs one statement per facet, each over the page's whole
filtered SQL, so a ``talks_view?_search=`` page with its five default facets ran the
full-text match and read every hit's row five times (plus the page and the count). For a word
in a third of 100,000 talks that is ~25-30 ms a facet, and the facets were most of the page
(bench/RESULTS.md, "Search with facets"). Here the filtered rows are read once, into a
materialised CTE holding only the facet columns, and every facet is a GROUP BY over that:

    WITH hits AS MATERIALIZED (SELECT "series", "kind", ... FROM (<the page's SQL>))
    SELECT 0, value, count FROM (SELECT "series" AS value, count(*) AS count FROM hits
                                 WHERE "series" IS NOT NULL GROUP BY "series"
                                 ORDER BY count DESC, value LIMIT 31)
    UNION ALL SELECT 1, ...

Each arm is ``ColumnFacet``'s own statement with ``hits`` in place of the page's SQL, so the
values, counts and their order are the same; the results are turned into Datasette's facet
JSON by the same steps ``ColumnFacet`` takes (labels from foreign keys, toggle URLs, selected,
truncated), and reported as type ``column``, so the JSON and the HTML do not change.

It is used where data/metadata.yml says so, one entry per column, in the table's ``facets``:
``- shared: series`` instead of ``- series``. ``?_facet=column`` in a URL is still Datasette's
``ColumnFacet`` (one statement for that facet), as is every table that lists plain columns.

Unfiltered pages (the whole table) are the exception: there each facet's own statement reads
only that column's index, which is faster than reading every row once, so they run as
ColumnFacet runs them.

Time limit: the one statement may take ``facet_time_limit_ms`` times the number of facets it
computes, the time ColumnFacet's statements (run one after another, each with that limit) had
together. When it runs out, every facet it computes is reported timed out
(``facets_timed_out``) and the page is served without them, as a timed-out facet always was.
"""

from __future__ import annotations

from typing import Any

from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

# The facet type named in data/metadata.yml: `facets: [{shared: series}, ...]`.
SHARED = "shared"


def shared_facet_sql(sql: str, columns: list[str], limit: int) -> str:
    """One statement giving (facet index, value, count) rows for every column in ``columns``.

    ``sql`` (the page's filtered SQL, no ORDER BY or LIMIT) is read once into a materialised
    CTE of just the facet columns; each arm then is ColumnFacet's GROUP BY with the same
    ``ORDER BY count DESC, value LIMIT`` (``limit`` = facet size + 1, which says "truncated").
    """
    distinct = list(dict.fromkeys(columns))
    hits = ", ".join(escape_sqlite(column) for column in distinct)
    arms = [
        f"SELECT {index} AS facet, value, count FROM ("
        f"SELECT {escape_sqlite(column)} AS value, count(*) AS count FROM hits "
        f"WHERE {escape_sqlite(column)} IS NOT NULL GROUP BY {escape_sqlite(column)} "
        f"ORDER BY count DESC, value LIMIT {limit})"
        for index, column in enumerate(columns)
    ]
    union = "\nUNION ALL\n".join(arms)
    return f"WITH hits AS MATERIALIZED (SELECT {hits} FROM (\n{sql}\n))\n{union}"


def column_facet_sql(sql: str, column: str, limit: int) -> str:
    """ColumnFacet's own statement for one column (Datasette 0.65), whitespace aside."""
    col = escape_sqlite(column)
    return (
        f"select {col} as value, count(*) as count from (\n{sql}\n) "
        f"where {col} is not null group by {col} order by count desc, value limit {limit}"
    )


class SharedColumnFacet(ColumnFacet):
    """Column facets computed together: one read of the page's rows for all of them.

    A ``ColumnFacet`` in all it shows (same values, counts, order, labels and URLs; type
    ``column``); only how the counts are queried differs. No suggestions of its own: the
    inherited ones would repeat Datasette's ``ColumnFacet`` suggestions.
    """

    type = SHARED

    async def suggest(self) -> list[dict[str, Any]]:
        """Nothing: Datasette's ColumnFacet already suggests columns."""
        return []

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        """([facet JSON per configured column], [columns timed out]), as ColumnFacet's."""
        configs = self.get_configs()
        if not configs:
            return [], []
        columns = [config["config"].get("column") or config["config"]["simple"]
                   for config in configs]  # fmt: skip
        facet_size = self.get_facet_size()
        if self._unfiltered():
            counted = await self._per_column(columns, facet_size + 1)
        else:
            counted = await self._shared(columns, facet_size + 1)
        qs_pairs = self.get_querystring_pairs()
        results, timed_out = [], []
        for config, column, rows in zip(configs, columns, counted, strict=True):
            if rows is None:
                timed_out.append(column)
            else:
                results.append(
                    await self._facet(column, config["source"], rows, facet_size, qs_pairs)
                )
        return results, timed_out

    def _unfiltered(self) -> bool:
        """Whether the page is the whole table (Datasette's SQL then ends with its name)."""
        return (
            bool(self.table)
            and not self.params
            and self.sql.rstrip().endswith(f" from {escape_sqlite(self.table)}")
        )

    async def _shared(self, columns: list[str], limit: int) -> list[list[Any] | None]:
        """Every column's rows from one statement; all None when it runs out of time.

        Its time limit is what the separate statements had together (``facet_time_limit_ms``
        each, and ColumnFacet runs them one after the other): whatever ColumnFacet showed
        in time is shown here too, and a page never waits longer for its facets than before.
        """
        try:
            rows = await self.ds.execute(
                self.database,
                shared_facet_sql(self.sql, columns, limit),
                self.params,
                truncate=False,
                custom_time_limit=self.ds.setting("facet_time_limit_ms") * len(columns),
            )
        except QueryInterrupted:
            return [None for _ in columns]
        counted: list[list[Any] | None] = [[] for _ in columns]
        for row in rows.rows:
            counted[row["facet"]].append(row)
        return counted

    async def _per_column(self, columns: list[str], limit: int) -> list[list[Any] | None]:
        """ColumnFacet's statements, one a column, each within ``facet_time_limit_ms``.

        For the unfiltered table: each then reads only its column's index (talks and
        talks_view have one per default facet), where the shared statement would read every
        row of the table (100,000 talks: 5 facets 37 ms this way, over 150 ms shared).
        """
        counted: list[list[Any] | None] = []
        for column in columns:
            try:
                rows = await self.ds.execute(
                    self.database,
                    column_facet_sql(self.sql, column, limit),
                    self.params,
                    truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
                counted.append(list(rows.rows))
            except QueryInterrupted:
                counted.append(None)
        return counted

    async def _facet(
        self,
        column: str,
        source: str,
        facet_rows: list[Any],
        facet_size: int,
        qs_pairs: list[tuple[str, str]],
    ) -> dict[str, Any]:
        """One facet's JSON from its rows, step for step as ColumnFacet.facet_results."""
        values = []
        shown = facet_rows[:facet_size]
        if self.table:
            expanded = await self.ds.expand_foreign_keys(
                self.database, self.table, column, [row["value"] for row in shown]
            )
        else:
            expanded = {}
        column_qs = f"{column}__exact" if column.startswith("_") else column
        for row in shown:
            selected = (column_qs, str(row["value"])) in qs_pairs
            if selected:
                toggle_path = path_with_removed_args(self.request, {column_qs: str(row["value"])})
            else:
                toggle_path = path_with_added_args(self.request, {column_qs: row["value"]})
            values.append(
                {
                    "value": row["value"],
                    "label": expanded.get((column, row["value"]), row["value"]),
                    "count": row["count"],
                    "toggle_url": self.ds.absolute_url(
                        self.request, self.ds.urls.path(toggle_path)
                    ),
                    "selected": selected,
                }
            )
        return {
            "name": column,
            "type": ColumnFacet.type,
            "hideable": source != "metadata",
            # ColumnFacet's, which drops ?_facet=column; also ?_facet_shared=column, the way
            # a facet of this type is asked for in a URL
            "toggle_url": self.ds.urls.path(
                path_with_removed_args(self.request, {"_facet": column, f"_facet_{SHARED}": column})
            ),
            "results": values,
            "truncated": len(facet_rows) > facet_size,
        }
