"""`seminars parse`: one page in, its normalized talks out."""

from __future__ import annotations

import json
from pathlib import Path

import click

from crawler.cli.options import (
    check_timezone,
    fail,
    quiet_parser_log,
    read_page,
    source_settings,
    sources_option,
    talk_rows,
)
from parsers import ParserError, available_parsers, parse_document


@click.command()
@click.argument("source")
@click.option(
    "--parser",
    "parser_name",
    default="auto",
    show_default=True,
    help=f"Parser to use: auto or one of {', '.join(available_parsers())}.",
)
@click.option(
    "--base-url",
    help="URL the page is served at (for absolute links and parser choice); "
    "default for a FILE: its file:// URL.",
)
@click.option(
    "--timezone",
    callback=check_timezone,
    help="IANA zone of the series, for clock times without one "
    "(default: the zone of the sources entry with this URL, if any).",
)
@sources_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
def parse(
    source: str,
    parser_name: str,
    base_url: str | None,
    timezone: str | None,
    sources_path: Path,
    fmt: str,
) -> None:
    """Print the normalized talks of one page, read from a FILE or fetched from a URL.

    A FILE without --base-url is read at its file:// URL: talk URLs and links then point into
    the file, and no site parser is chosen by URL (name one with --parser). Give the page's
    real URL with --base-url to get the talks exactly as a crawl stores them.

    \b
    Examples:
      seminars parse tests/fixtures/sites/gapindnns/_pages/seminar.html \\
          --base-url https://gapindnns.github.io/_pages/seminar.html --format table
      seminars parse https://example.org/seminars --parser auto
    """
    quiet_parser_log()
    content, url = read_page(source, base_url)
    settings = source_settings(url, sources_path)
    try:
        result = parse_document(
            content,
            url,
            parser_name,
            timezone=timezone or settings.get("timezone"),
            series=settings.get("series"),
        )
    except ParserError as error:
        fail(f"{source}: {error}")
    except ValueError as error:
        fail(str(error), code=2)
    if not result.talks:
        # One line saying why ("no parser recognises this page"), not a warning plus a vague error.
        reasons = "; ".join(w.removeprefix(f"{url}: ") for w in result.warnings)
        fail(f"{source}: no talks found ({reasons or 'parser ' + (result.parser or parser_name)})")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    talks = [talk.to_dict() for talk in result.talks]
    if fmt == "json":
        click.echo(json.dumps(talks, ensure_ascii=False, indent=2))
    elif fmt == "table":
        click.echo(talk_rows(talks))
    else:
        for talk in talks:
            click.echo(json.dumps(talk, ensure_ascii=False))
