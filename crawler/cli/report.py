"""`seminars report`: one self-contained HTML page with a chart and the upcoming talks."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import db_option, iso_moment, open_store
from crawler.outputs.report import render_report, report_data


@click.command()
@db_option
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="HTML file to write.",
)
@click.option(
    "--now",
    metavar="ISO",
    help="Treat this ISO date or UTC time as now (which talks are upcoming); default: the clock.",
)
@click.option("--title", default="Seminar talks", show_default=True, help="Page title.")
def report(db_path: Path, out_path: Path, now: str | None, title: str) -> None:
    """Write talks per month per series (an SVG chart) and the upcoming talks to one HTML file.

    The page has no scripts and loads nothing from the network: open it offline, mail it.

    \b
    Example:
      seminars report --db data/seminars.db --out report.html
    """
    if now is not None:
        iso_moment(now, "--now")
    with open_store(db_path) as store:
        data = report_data(store.db, now=now)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(render_report(data, title=title), encoding="utf-8")
    dated = sum(item.dated for item in data.series)
    click.echo(
        f"{out_path}: {dated} dated talks in {len(data.series)} series over "
        f"{len(data.months)} months, {len(data.upcoming)} upcoming"
    )
