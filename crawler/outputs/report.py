"""A one-page HTML report: talks per month per series (an SVG chart) and the upcoming talks.

Why it looks the way it does:

* One self-contained file (inline CSS and SVG, no script, no CDN, no web fonts), so it can be
  mailed, attached to a CI run or opened offline, and shows the same everywhere.
* The SVG is drawn here, by hand: a stacked bar per month is forty lines of arithmetic, cheaper
  than vendoring a plotting library into the page. Each bar carries ``data-series``,
  ``data-month`` and ``data-count`` and a hover title, so tests read the numbers back and a
  reader gets exact values.
* Months without talks are drawn as gaps on a continuous axis: a series that went quiet for a
  year should look like it.
* The data comes from ``talks_view`` (removed talks excluded), the same rows Datasette shows.
"""

from __future__ import annotations

import calendar
import html
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from crawler.outputs import calendar as ics

# Okabe-Ito, then Tableau: distinguishable for colour-blind readers, repeats after 16 series.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
    "#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#B07AA1", "#76B7B2", "#EDC948", "#9C755F",
)  # fmt: skip
UNPLOTTED = "#b8bec8"  # legend swatch of a series whose talks have no dates
UPCOMING_LIMIT = 50
CHART_WIDTH, CHART_HEIGHT = 960, 320
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 12, 14, 46


@dataclass
class Series:
    """One series as the report shows it."""

    id: str
    name: str
    color: str
    talks: int = 0
    dated: int = 0
    monthly: Counter[str] = field(default_factory=Counter)


@dataclass
class ReportData:
    """Everything the page shows, computed from the database before any HTML is written."""

    generated: str
    series: list[Series]
    months: list[str]
    upcoming: list[dict[str, Any]]
    undated: int

    @property
    def peak(self) -> int:
        """The highest monthly total, which sets the y axis."""
        totals = Counter()
        for item in self.series:
            totals.update(item.monthly)
        return max(totals.values(), default=0)


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def report_data(db: Database, now: str | None = None) -> ReportData:
    """Counts per series and month, the upcoming talks after ``now`` (UTC ISO), undated count."""
    now = now or datetime.now(UTC).isoformat(timespec="seconds")
    series = _series(db)
    by_id = {item.id: item for item in series}
    for series_id, month, count in db.execute(
        "SELECT series_id, substr(starts_at, 1, 7), count(*) FROM talks_view "
        "GROUP BY series_id, substr(starts_at, 1, 7)"
    ).fetchall():
        item = by_id[series_id]
        item.talks += count
        if month:
            item.dated += count
            item.monthly[month] = count
    shown = [item for item in series if item.talks]
    _colour(shown)
    upcoming = ics.calendar_rows(db, since=now)[:UPCOMING_LIMIT]
    undated = sum(item.talks - item.dated for item in shown)
    return ReportData(now, shown, month_range(shown), upcoming, undated)


def _series(db: Database) -> list[Series]:
    rows = db.execute("SELECT id, coalesce(name, id) FROM series ORDER BY rowid").fetchall()
    return [Series(series_id, name, UNPLOTTED) for series_id, name in rows]


def _colour(series: list[Series]) -> None:
    """Palette colours go to plotted series only, so none is spent on a legend-only entry."""
    plotted = [item for item in series if item.dated]
    for index, item in enumerate(plotted):
        item.color = PALETTE[index % len(PALETTE)]


def month_range(series: list[Series]) -> list[str]:
    """Every month 'YYYY-MM' from the first talk to the last, gaps included."""
    months = sorted({month for item in series for month in item.monthly})
    if not months:
        return []
    year, month = map(int, months[0].split("-"))
    last = months[-1]
    result = []
    while (current := f"{year:04d}-{month:02d}") <= last:
        result.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


# --------------------------------------------------------------------------------------------
# SVG chart
# --------------------------------------------------------------------------------------------


def chart_svg(data: ReportData) -> str:
    """Stacked bars of talks per month, one colour per series, with axes and hover titles."""
    if not data.months:
        return '<p class="empty">No dated talks to plot.</p>'
    plot_w = CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    step = plot_w / len(data.months)
    top = nice_ceiling(data.peak)
    scale = plot_h / top
    parts = [
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" '
        'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Talks per month, stacked by series</title>',
        *_y_axis(top, scale),
        *_x_axis(data.months, step),
    ]
    for item in (item for item in data.series if item.dated):
        parts.append(f'<g class="series" data-series="{_e(item.id)}" fill="{item.color}">')
        parts.extend(_bars(item, data, step, scale))
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def _bars(item: Series, data: ReportData, step: float, scale: float) -> list[str]:
    """One rect per month this series has talks, stacked on the series drawn before it."""
    baseline = CHART_HEIGHT - MARGIN_BOTTOM
    below = data.series[: data.series.index(item)]
    bars = []
    for index, month in enumerate(data.months):
        count = item.monthly.get(month, 0)
        if not count:
            continue
        offset = sum(other.monthly.get(month, 0) for other in below)
        x = MARGIN_LEFT + index * step + step * 0.1
        y = baseline - (offset + count) * scale
        label = f"{item.name}, {month_label(month)}: {count} talk{'s' if count > 1 else ''}"
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.8:.1f}" height="{count * scale:.1f}" '
            f'data-month="{month}" data-count="{count}"><title>{_e(label)}</title></rect>'
        )
    return bars


def _y_axis(top: int, scale: float) -> list[str]:
    baseline = CHART_HEIGHT - MARGIN_BOTTOM
    tick = nice_step(top)
    lines = []
    for value in range(0, top + 1, tick):
        y = baseline - value * scale
        lines.append(
            f'<line class="grid" x1="{MARGIN_LEFT}" x2="{CHART_WIDTH - MARGIN_RIGHT}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="ytick" x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}">{value}</text>'
        )
    return lines


def _x_axis(months: list[str], step: float) -> list[str]:
    """A tick and label at each January, or at every month when the span is short."""
    baseline = CHART_HEIGHT - MARGIN_BOTTOM
    every_month = len(months) <= 18
    lines = [
        f'<line class="axis" x1="{MARGIN_LEFT}" x2="{CHART_WIDTH - MARGIN_RIGHT}" '
        f'y1="{baseline}" y2="{baseline}"/>'
    ]
    for index, month in enumerate(months):
        year, number = month.split("-")
        if not (every_month or number == "01"):
            continue
        x = MARGIN_LEFT + (index + 0.5) * step
        text = calendar.month_abbr[int(number)] if every_month else year
        if every_month and (number == "01" or index == 0):
            text = f"{text} {year}"
        lines.append(
            f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="{baseline}" y2="{baseline + 5}"/>'
            f'<text class="xtick" x="{x:.1f}" y="{baseline + 19}">{text}</text>'
        )
    return lines


def nice_ceiling(value: int) -> int:
    """The y axis top: the value rounded up to a multiple of a 1-2-5 step."""
    step = nice_step(max(value, 1))
    return max(step, -(-value // step) * step)


def nice_step(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten giving at most six grid steps to ``value``."""
    power = 1
    while True:
        for multiple in (1, 2, 5):
            if value <= 6 * multiple * power:
                return multiple * power
        power *= 10


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{calendar.month_name[int(number)]} {year}"


# --------------------------------------------------------------------------------------------
# Page
# --------------------------------------------------------------------------------------------


def render_report(data: ReportData, title: str = "Seminar talks") -> str:
    """The whole page as a string."""
    return PAGE.format(
        title=_e(title),
        generated=_e(data.generated),
        summary=_summary(data),
        chart=chart_svg(data),
        legend=_legend(data),
        upcoming=_upcoming(data),
        style=STYLE,
    )


def _summary(data: ReportData) -> str:
    talks = sum(item.talks for item in data.series)
    dated = talks - data.undated
    span = ""
    if data.months:
        span = f" from {month_label(data.months[0])} to {month_label(data.months[-1])}"
    note = f"; {data.undated} without a date are not plotted" if data.undated else ""
    return (
        f"{talks} talks in {len(data.series)} series; {dated} dated talks{span}{note}. "
        "Hover a bar for its exact count."
    )


def _legend(data: ReportData) -> str:
    items = [
        f'<li><span class="swatch" style="background:{item.color}"></span>{_e(item.name)} '
        f'<span class="count">{item.dated} dated / {item.talks} talks</span></li>'
        for item in data.series
    ]
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _upcoming(data: ReportData) -> str:
    if not data.upcoming:
        return f'<p class="empty">No upcoming talks after {_e(data.generated[:10])}.</p>'
    return '<ol class="upcoming">' + "".join(_upcoming_item(t) for t in data.upcoming) + "</ol>"


def _upcoming_item(talk: dict[str, Any]) -> str:
    when = talk.get("start_local") or ""
    zone = f' <span class="zone">{_e(talk["timezone"])}</span>' if talk.get("timezone") else ""
    names = (talk.get("speaker_names") or "").replace("; ", ", ")
    title = _e(talk.get("title") or (f"Talk by {names}" if names else "(untitled)"))
    if talk.get("url"):
        title = f'<a href="{_e(talk["url"])}">{title}</a>'
    status = talk.get("status")
    flag = f' <span class="status">{_e(status)}</span>' if status and status != "scheduled" else ""
    details = " · ".join(
        _e(value)
        for value in (talk.get("speakers"), talk.get("series"), talk.get("location"))
        if value
    )
    return (
        f'<li><div class="when"><time datetime="{_e(talk.get("starts_at") or "")}">{_e(when)}'
        f"</time>{zone}</div>"
        f'<div class="talk">{title}{flag}<div class="details">{details}</div></div></li>'
    )


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330;
  margin: 0 auto; max-width: 1000px; padding: 24px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; }
.meta, .count, .zone, .details { color: #5b6473; } .meta { margin: 0 0 16px; }
.chart { width: 100%; height: auto; display: block; }
.chart .grid { stroke: #e3e6eb; } .chart .axis, .chart .tick { stroke: #8a93a3; }
.chart text { font: 12px system-ui, sans-serif; fill: #5b6473; }
.chart .ytick { text-anchor: end; } .chart .xtick { text-anchor: middle; }
.chart rect:hover { opacity: .75; }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap;
  gap: 6px 20px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
  margin-right: 6px; vertical-align: -1px; }
.upcoming { padding-left: 0; list-style: none; }
.upcoming li { display: grid; grid-template-columns: 190px 1fr; gap: 12px; padding: 8px 0;
  border-top: 1px solid #e3e6eb; }
.upcoming time { font-variant-numeric: tabular-nums; font-weight: 600; }
.zone { display: block; font-size: 13px; } .details { font-size: 14px; }
.status { background: #fde2e1; color: #a1231b; border-radius: 3px; padding: 0 5px;
  font-size: 13px; margin-left: 6px; }
a { color: #0b5cad; } .empty { color: #5b6473; font-style: italic; }
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<h1>{title}</h1>
<p class="meta">As of {generated} (UTC). {summary}</p>
<h2>Talks per month, by series</h2>
<p class="meta">Number of talks starting each month (local date), stacked by series.</p>
{chart}
{legend}
<h2>Upcoming talks</h2>
{upcoming}
</body>
</html>
"""
