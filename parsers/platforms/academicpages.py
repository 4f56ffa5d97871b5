"""The academicpages Jekyll template (thousands of personal sites): the "Talks" listing and
each talk's own page. Not tied to one site: it recognises the template by its markup.

Listing (`_pages/talks.html` + `_includes/archive-single-talk.html`): per talk an
`article.archive__item` with the title linking the talk page (`rel="permalink"`), the date as
text ("February 15, 2023") in `p.page__meta`, a line "type, venue, location" and an excerpt.
Talk page (`_layouts/talk.html`): `<time datetime>` and the full abstract.
Quirks:
- the template's HTML is malformed (an unclosed `<p>` and a `<p>` inside a `<p>`), so the
  excerpt is read as "the paragraphs after the type line", not from one element;
- `<time datetime="...T00:00:00+00:00">` is a date written as midnight UTC, not a talk at
  midnight: it is read as a date only;
- the speaker is the site's owner (the author sidebar); the pages give no per-talk affiliation;
- newer template versions write "Talk at Venue, Location" instead of "Talk, Venue, Location".
"""

from __future__ import annotations

import re

from lxml.html import tostring

from parsers.base import Context, Follow, ParserError, ParseResult
from parsers.common import dates
from parsers.common.html import Block, HtmlElement, first, select
from parsers.common.links import absolute, links_in
from parsers.common.text import abstract_of, clean, join_paragraphs, paragraphs, status_of, text_of
from parsers.talk import Link, Speaker, Talk

NAME = "academicpages"
URL_PATTERNS: tuple[str, ...] = ()

TALK_BLOCKS = "article.archive__item"
KINDS = (  # talk type as the front matter writes it -> our kind; first match wins
    (re.compile(r"invited|keynote|plenary", re.I), "invited talk"),
    (re.compile(r"seminar|colloqui", re.I), "seminar"),
    (re.compile(r"workshop|conference|symposium", re.I), "workshop talk"),
    (re.compile(r"course|lecture|tutorial|school", re.I), "course"),
)
TYPE_WORDS = re.compile(
    r"\b(talk|seminar|lecture|presentation|keynote|tutorial|poster|course|"
    r"colloquium|workshop)\b",
    re.I,
)
SIGNATURES = ("academicpages", "archive__item", "page__meta", "author__name", 'rel="permalink"')


def detect(root: HtmlElement) -> float:
    """How sure we are that this page is an academicpages talks listing or talk page."""
    source = _markup(root)
    hits = sum(signature in source for signature in SIGNATURES)
    return min(1.0, hits / 4)


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    blocks = select(root, TALK_BLOCKS)
    if not blocks:
        if first(root, "section.page__content") is not None:
            return parse_detail(root, ctx)
        raise ParserError(f"{ctx.url}: no talk items ({TALK_BLOCKS})")
    author = _author(root)
    series = ctx.series or _series(root, author)
    result = ParseResult()
    for block in blocks:
        talk = _parse_item(Block(block), ctx, author, series, result.warnings)
        result.talks.append(talk)
        if talk.url and talk.url != ctx.url:
            result.follow.append(Follow(talk.url, "detail"))
    return result


def parse_detail(root: HtmlElement, ctx: Context) -> ParseResult:
    """A talk's own page: the authoritative date and the full abstract."""
    author = _author(root)
    moment = first(root, ".page__date time", "time[datetime]")
    value = moment.get("datetime") if moment is not None else None
    starts_at = dates.from_machine(value, date_only=True)
    warnings = [dates.unreadable(ctx.url, value)] if value and starts_at is None else []
    content = first(root, "section.page__content", ".page__content")
    talk = Talk(
        title=text_of(first(root, "h1.page__title", "h1")),
        speakers=(Speaker(author),) if author else (),
        starts_at=starts_at,
        abstract=abstract_of(content),
        url=_canonical(root) or ctx.url,
        links=tuple(Link(k, u) for u, k in links_in(content, ctx.url))
        if content is not None
        else (),
        series=ctx.series or _series(root, author),
        extracted_by=NAME,
    )
    return ParseResult(talks=[talk], warnings=warnings)


def _parse_item(
    block: Block, ctx: Context, author: str | None, series: str | None, warnings: list[str]
) -> Talk:
    heading = block.first(".archive__item-title", "h2", "h3")
    anchor = heading.find(".//a") if heading is not None else None
    talk_type, location = _type_and_place(block)
    title = text_of(heading)
    return Talk(
        title=title,
        speakers=(Speaker(author),) if author else (),
        starts_at=_parse_date(block, ctx, title, warnings),
        location=location,
        abstract=_parse_excerpt(block),
        url=absolute(anchor.get("href"), ctx.url) if anchor is not None else None,
        kind=_kind(talk_type),
        series=series,
        status=status_of(title),
        extracted_by=NAME,
    )


def _parse_date(block: Block, ctx: Context, title: str | None, warnings: list[str]) -> str | None:
    moment = block.first("time[datetime]")
    if moment is not None:
        raw = moment.get("datetime")
        value = dates.from_machine(raw, date_only=True)
    else:
        raw = text_of(block.first(".page__meta"))
        day = dates.parse_date(raw, formats=("%B %d, %Y",))
        value = day.isoformat() if day else None
    if raw and value is None:
        warnings.append(dates.unreadable(ctx.url, raw, title))
    return value


def _type_and_place(block: Block) -> tuple[str | None, str | None]:
    """ "Invited Talk, Venue,  City, Country" -> ("Invited Talk", "Venue, City, Country")."""
    line = text_of(block.first(".archive__item-excerpt"))
    if not line:
        return None, None
    head, _, rest = line.partition(",")
    if " at " in head and TYPE_WORDS.search(head.split(" at ")[0]):
        talk_type, venue = head.split(" at ", 1)
        return talk_type, clean(", ".join(p for p in (venue, rest) if p.strip()))
    if TYPE_WORDS.search(head):
        return head, clean(rest)
    return None, line


def _parse_excerpt(block: Block) -> str | None:
    """Every paragraph after the type line (the template nests and leaves `<p>`s open)."""
    parts = [p for p in block.select("p") if "page__meta" not in (p.get("class") or "")]
    excerpts = [text for p in parts[1:] for text in paragraphs(p)]
    return join_paragraphs(excerpts)


def _kind(talk_type: str | None) -> str:
    if not talk_type:
        return "talk"
    for pattern, kind in KINDS:
        if pattern.search(talk_type):
            return kind
    return "talk"


def _author(root: HtmlElement) -> str | None:
    name = text_of(first(root, ".author__name"))
    if name:
        return name
    meta = first(root, "meta[name='author'], meta[property='article:author']")
    return clean(meta.get("content")) if meta is not None else None


def _series(root: HtmlElement, author: str | None) -> str | None:
    heading = text_of(first(root, "h1.page__title", "h1"))
    if author and heading:
        return f"{author}: {heading}"
    return heading or author


def _canonical(root: HtmlElement) -> str | None:
    link = first(root, "link[rel='canonical']")
    return link.get("href") if link is not None else None


def _markup(root: HtmlElement) -> str:
    """The page's markup, bounded: signatures sit in the first part of any real page."""
    return tostring(root, encoding="unicode")[:200_000]
