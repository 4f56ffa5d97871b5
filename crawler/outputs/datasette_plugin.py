"""Datasette plugin: SQL helpers for the canned queries and a ``.ics`` renderer.

Why a plugin of our own:

* ``in_zone(iso, zone)`` shows a talk's start in the reader's time zone; SQLite has no time
  zone database, and fixed offsets would be wrong on half of the year's dates.
* ``fts_query(text)`` quotes search words, so a canned search for "C++" or "AND" matches
  instead of failing with an FTS5 syntax error, and an empty box matches nothing.
* The ``.ics`` renderer turns any table, view or canned query with talk columns (id, title,
  starts_at, timezone) into a calendar built by ``crawler.outputs.calendar`` — the same builder as
  ``seminars export ics``. We do not use datasette-ics 0.5.2: it cannot make all-day events
  (date-only talks become midnight UTC), writes TZID without a VTIMEZONE, has no STATUS,
  LOCATION or URL, and pins ics==0.7.2, which warns on every render.

* A ``shared`` facet type (``crawler.outputs.facets``): the default facets of talks and
  talks_view computed in one statement that reads the page's rows once, instead of one
  statement per facet that each re-ran the search; the same results, with less than half
  the SQL time for a search's facets (bench figures in crawler/outputs/facets.py).

``seminars serve`` registers this module; ``datasette`` itself finds it through the
``datasette`` entry point in pyproject.toml.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response

from crawler.db.queries import fts_query
from crawler.outputs import calendar as ics
from crawler.outputs.facets import SharedColumnFacet
from parsers.common import zones

# Query-string parameters of our canned queries worth showing in a feed's calendar name.
FEED_PARAMETERS = ("q", "_search", "series", "speaker", "tz")


def in_zone(value: str | None, zone: str | None) -> str | None:
    """'YYYY-MM-DD HH:MM' of an ISO time in ``zone``; dates pass through; no zone gives NULL.

    NULL lets queries write ``coalesce(in_zone(starts_at, :tz), start_local)``.
    """
    if not value or not zone:
        return None
    if len(value) == 10:
        return value
    target = zones.zone(zone)
    if target is None:
        return f"unknown time zone {zone!r}"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        return value.replace("T", " ")[:16]
    return moment.astimezone(target).strftime("%Y-%m-%d %H:%M")


# SQLite's page cache per connection (KiB). Datasette reads through a few connections; the
# default 2 MB held almost nothing of a 100,000-talk database, and a search's facets each
# read their hits' rows again: five facets of a word in 3% of the talks took 39 ms with the
# default cache, 18-21 ms with this one (bench/RESULTS.md). Pages are cached only as read.
PAGE_CACHE_KIB = 256 * 1024


@hookimpl
def prepare_connection(conn: Any) -> None:
    """Every connection Datasette opens gets the two SQL functions the canned queries use,
    and a page cache large enough for the hot part of the database."""
    conn.create_function("in_zone", 2, in_zone, deterministic=True)
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
    conn.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")


def can_render_ics(columns: list[str]) -> bool:
    """Offer the .ics link only where rows are talks."""
    return ics.ICS_REQUIRED_COLUMNS.issubset(columns)


async def render_ics(
    datasette: Any,
    request: Any,
    columns: list[str],
    rows: list[Any],
    database: str,
    table: str | None,
    query_name: str | None,
) -> Response:
    """The rows on this page (all of a canned query's rows) as an iCalendar feed."""
    if not can_render_ics(columns):
        needs = ", ".join(sorted(ics.ICS_REQUIRED_COLUMNS))
        return Response.text(f"an .ics feed needs the columns {needs}", status=400)
    title = table
    if query_name:
        query = await datasette.get_canned_query(database, query_name, None) or {}
        title = query.get("title") or query_name
    name = " — ".join(filter(None, [ics.CALENDAR_NAME, title, _filters(request.args)]))
    talks = [dict(zip(columns, row, strict=True)) for row in rows]
    calendar = ics.build_calendar(talks, name=name)
    return Response(
        calendar.to_ical().decode(), content_type="text/calendar; charset=utf-8", status=200
    )


def _filters(args: Any) -> str:
    """What the feed was asked for, so two subscriptions get two calendar names.

    Query-string text, so its line breaks go (a CR/LF in ``?q=`` once started new properties
    and events in the feed); ``build_calendar`` strips the whole name again.
    """
    parts = [
        f"{key.lstrip('_')}: {ics.one_line(args.get(key))}"
        for key in FEED_PARAMETERS
        if args.get(key)
    ]
    return ", ".join(parts)


@hookimpl
def register_output_renderer() -> dict[str, Any]:
    """Adds ``.ics`` next to ``.json`` and ``.csv`` wherever rows are talks."""
    return {"extension": "ics", "render": render_ics, "can_render": can_render_ics}


# tryfirst: our facets come first in facet_results, where Datasette's ColumnFacet put the
# default facets before any ?_facet= one (plain `datasette` loads entry-point plugins before its
# own, and pluggy calls the last registered first).
@hookimpl(tryfirst=True)
def register_facet_classes() -> list[type]:
    """The ``shared`` facet type data/metadata.yml uses for the default facets of talks and
    talks_view."""
    return [SharedColumnFacet]
