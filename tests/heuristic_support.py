"""Shared helpers for the heuristic's table-driven tests: a page around a snippet, its lines,
and the anchors the records are built on (each rule test file had its own copy)."""

from __future__ import annotations

from parsers.common import html
from parsers.heuristic.anchors import find_anchors
from parsers.heuristic.lines import Line, page_lines
from parsers.heuristic.reading import PageContext

URL = "https://x.example/"


def page_lines_of(body: str, title: str = "Talks", url: str = URL) -> list[Line]:
    """The lines of a page whose <body> is `body` and whose <title> is `title`."""
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return page_lines(html.load(page, url))


def anchor_texts(
    body: str, probe: PageContext, *, year_groups: bool = True, title: str = "Talks"
) -> list[list[str]]:
    """Each anchor of the page, as the texts of its lines."""
    found = find_anchors(page_lines_of(body, title), probe, year_groups=year_groups)
    return [[line.text for line in anchor] for anchor in found]
