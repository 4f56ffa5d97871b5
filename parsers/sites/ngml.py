"""NGML Seminar Series (UiT), https://ngmlgroup.github.io/seminars.html

A static page with one card per talk (`article.talk-card`: an h3 title and an abstract
paragraph). The page names no speakers, dates or rooms, so those stay empty rather than being
guessed; the hero's playlist link belongs to the series, not to a talk, and is not collected.
The series name, when the source does not give one, is the footer's (the title says "NGML").
"""

from __future__ import annotations

from parsers.base import Context, ParserError, ParseResult
from parsers.common.html import HtmlElement, first, select
from parsers.common.links import links_in
from parsers.common.text import abstract_of, join_paragraphs, text_of
from parsers.talk import Link, Talk

NAME = "ngml"
URL_PATTERNS = (r"^https?://ngmlgroup\.github\.io/",)

TALK_BLOCKS = "article.talk-card, .talk-grid > article"


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    blocks = select(root, TALK_BLOCKS)
    if not blocks:
        raise ParserError(f"{ctx.url}: no talk cards ({TALK_BLOCKS})")
    result = ParseResult()
    series = ctx.series or text_of(first(root, ".site-footer p"))
    for block in blocks:
        result.talks.append(
            Talk(
                title=text_of(first(block, ".talk-card__title", "h3", "h2")),
                abstract=_parse_abstract(block),
                links=tuple(Link(kind, url) for url, kind in links_in(block, ctx.url)),
                kind="seminar",
                series=series,
                extracted_by=NAME,
            )
        )
    return result


def _parse_abstract(block: HtmlElement) -> str | None:
    abstract = first(block, ".talk-card__abstract")
    if abstract is not None:
        return abstract_of(abstract)
    return join_paragraphs(text_of(p) for p in select(block, "p"))
