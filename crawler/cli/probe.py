"""`seminars probe`: which extraction stage fits a page, how sure it is, and what it finds.

For deciding how to add a source: when the chosen stage is confident, `parser = "auto"` is
enough; when it is not, the stage table shows what each stage saw, and a site parser may be
worth writing.
"""

from __future__ import annotations

import click
from tabulate import tabulate

from crawler.cli.options import check_timezone, quiet_parser_log, read_page, talk_rows
from parsers import Context, get_parser, parse_document
from parsers.chain import HEURISTIC_THRESHOLD, run_stage
from parsers.common import html
from parsers.markup.ical import feed_links, is_calendar
from parsers.registry import generic_parsers, platform_parsers, site_parser


@click.command()
@click.argument("source")
@click.option(
    "--base-url",
    help="URL the page is served at (for links and parser choice); default for a FILE: its "
    "file:// URL.",
)
@click.option(
    "--timezone",
    callback=check_timezone,
    help="IANA zone of the series, for clock times without one.",
)
@click.option("--show", default=5, show_default=True, help="How many talks to show.")
def probe(source: str, base_url: str | None, timezone: str | None, show: int) -> None:
    """Say which stage reads a page (FILE or URL), with what confidence, and show its talks.

    \b
    Example:
      seminars probe tests/fixtures/real/pages/md4sg-colloquium.html \\
          --base-url https://md4sg.github.io/website/colloquium/
      seminars probe https://example.org/seminars/
    """
    quiet_parser_log()
    content, url = read_page(source, base_url)
    rows = _stage_rows(content, url, timezone)
    click.echo(tabulate(rows, headers=["stage", "fits", "confidence", "talks", "note"]))
    result = parse_document(content, url, timezone=timezone)
    chosen = result.parser or "none"
    click.echo("")
    click.echo(
        f"chosen: {chosen}  confidence: {result.confidence:.2f}  talks: {len(result.talks)}"
        + (f"  follows: {', '.join(f.url for f in result.follow)}" if result.follow else "")
    )
    for warning in result.warnings[:10]:
        click.echo(f"warning: {warning}", err=True)
    if result.talks:
        click.echo("")
        click.echo(talk_rows([t.to_dict() for t in result.talks[:show]]))
    click.echo("")
    click.echo(_advice(result, chosen))


def _stage_rows(content: bytes, url: str, timezone: str | None) -> list[list]:
    if is_calendar(content, url):
        result = parse_document(content, url, "ical", timezone=timezone)
        return [["ical", "yes", f"{result.confidence:.2f}", len(result.talks), "iCalendar feed"]]
    root = html.load(content, url)
    if root is None:
        return [["-", "no", "0.00", 0, "empty or not an HTML page"]]
    ctx = Context(url=url, timezone=timezone)
    rows = []
    site = site_parser(url)
    if site is not None:
        rows.append([site.NAME, "yes", "1.00", "-", "site parser chosen by URL"])
    for name in platform_parsers():
        score = get_parser(name).detect(root)
        talks = len(run_stage(name, root, ctx).talks) if score >= 0.5 else "-"
        rows.append([name, "yes" if score >= 0.5 else "no", f"{score:.2f}", talks, "platform"])
    for name in generic_parsers():
        result = run_stage(name, root, ctx)
        note = {
            "structured": "schema.org Event markup",
            "heuristic": "repeated talk blocks",
            "ical": "linked feeds: " + (", ".join(feed_links(root, url)[:2]) or "none"),
        }[name]
        fits = "yes" if result.talks or result.follow else "no"
        rows.append([name, fits, f"{result.confidence:.2f}", len(result.talks), note])
    return rows


def _advice(result, chosen: str) -> str:
    if result.follow and not result.talks:
        return "advice: the page links a calendar feed; add the feed URL as the source."
    if not result.talks:
        return (
            "advice: no stage found talks; this page needs a site parser (or is not a talk list)."
        )
    if chosen in platform_parsers() or chosen in ("structured", "ical"):
        return f'advice: add the source with parser = "auto" (read by {chosen}).'
    if result.confidence >= HEURISTIC_THRESHOLD:
        return 'advice: add the source with parser = "auto"; check the talks above first.'
    return "advice: low confidence; check the talks above, or write a site parser."
