"""Seminar page parsers: pure functions from a page (HTML or iCalendar) and its URL to talks.

    >>> from parsers import parse_page
    >>> talks = parse_page(html, "https://gapindnns.github.io/_pages/seminar.html",
    ...                    timezone="Europe/Stockholm")
    >>> talks[0].to_dict()["starts_at"]
    '2024-05-30T10:30:00+02:00'

This module only re-exports the public API. Where things live:
* `chain` - `parse_document`/`parse_page` and the `auto` cascade (site, platform, schema.org,
  heuristic, linked feed);
* `walk` - a listing, its detail pages and their merge (`parse_site`, and the spider);
* `registry` - which parser reads a page (site and platform modules are discovered);
* `talk`, `base`, `normalize` - the record, what parsers get and return, normalize + validate;
* `common/` shared date, name, link, text and vocabulary helpers; `sites/`, `platforms/`,
  `markup/` (schema.org, iCalendar) and `heuristic/` hold the parsers themselves.
Settings of a source (its zone and series name) come in through `Context`, from
`data/sources.toml`; no parser module hard-codes them.
"""

from parsers.base import Context, Follow, ParserError, ParseResult
from parsers.chain import parse_document, parse_page
from parsers.registry import available_parsers, get_parser
from parsers.talk import Link, Speaker, Talk
from parsers.walk import Walk, assemble, parse_site

__all__ = [
    "Context",
    "Follow",
    "Link",
    "ParseResult",
    "ParserError",
    "Speaker",
    "Talk",
    "Walk",
    "assemble",
    "available_parsers",
    "get_parser",
    "parse_document",
    "parse_page",
    "parse_site",
]
