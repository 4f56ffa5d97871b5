"""What a parser receives and returns, so the spider, the CLI and tests treat all alike.

A parser is a module with `NAME`, `URL_PATTERNS`, `parse(root, ctx) -> ParseResult` and, when
a listing links to per-talk pages, `parse_detail(root, ctx) -> ParseResult`. It is pure: the
page and a `Context` in, talks plus the URLs it wants fetched plus warnings out. No network,
no clock (`ctx.now`), no Scrapy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from parsers.talk import Talk


class ParserError(Exception):
    """The page lacks the structure its parser relies on (the site changed, or wrong parser).

    Raised for the whole page, and reported for that source only: a silent "zero talks" is how
    scrapers rot unnoticed.
    """


@dataclass(frozen=True)
class Context:
    """What a parser may know besides the page: where it lives and what the source says."""

    url: str
    timezone: str | None = None
    series: str | None = None
    now: datetime | None = None


@dataclass(frozen=True)
class Follow:
    """A page the parser wants fetched: a talk's own page (`detail`) or another listing page."""

    url: str
    role: Literal["detail", "listing"] = "detail"


@dataclass
class ParseResult:
    talks: list[Talk] = field(default_factory=list)
    follow: list[Follow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    parser: str = ""
    confidence: float = 1.0
