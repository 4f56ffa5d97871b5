"""GAPinDNNs seminar (Chalmers / University of Gothenburg), https://gapindnns.github.io/_pages/seminar.html

Jekyll site: one Bootstrap card per talk (`_includes/talk.html`), newest first. Quirks:
- the date is "30 May 2024" in `span.talk-date`, the clock time is bare text after a clock
  icon in the same row, the room is bare text after a map-pin icon;
- speaker and affiliation share the subtitle: "Liam Solus (KTH)"; a speaker without a
  homepage has no link and no affiliation;
- cards carry `id="talk_<id>"`, which the site's own calendar uses as the talk's URL, so it
  is our stable handle;
- the intro says seminars are "in-person only", so every talk is `online: false`.
"""

from __future__ import annotations

from parsers.base import Context, ParserError, ParseResult
from parsers.common import dates
from parsers.common.html import Block, HtmlElement, first, select
from parsers.common.links import anchor_url, links_in
from parsers.common.people import parse_speaker
from parsers.common.text import abstract_of, text_of
from parsers.talk import Link, Talk

NAME = "gapindnns"
URL_PATTERNS = (r"^https?://gapindnns\.github\.io/",)

TALK_BLOCKS = "div.card[id^='talk_'], div.talk-entry"
IN_PERSON_ONLY = "in-person only"


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    blocks = select(root, TALK_BLOCKS)
    if not blocks:
        raise ParserError(f"{ctx.url}: no talk cards ({TALK_BLOCKS})")
    series = ctx.series or text_of(first(root, "h1"))
    online = False if IN_PERSON_ONLY in (text_of(root.body) or "").lower() else None
    result = ParseResult()
    for element in blocks:
        block = Block(element)  # several selectors per card: list its elements once
        starts_at = _parse_start(block, ctx, result.warnings)
        result.talks.append(
            Talk(
                title=text_of(block.first(".card-title", "h5")),
                speakers=_parse_speakers(block),
                starts_at=starts_at,
                timezone=ctx.timezone if starts_at and "T" in starts_at else None,
                location=_after_icon(block, "bi-geo-alt-fill"),
                online=online,
                abstract=abstract_of(block.first("div.collapse")),
                url=anchor_url(ctx.url, element.get("id")),
                links=_parse_links(block, ctx),
                kind="seminar",
                series=series,
                extracted_by=NAME,
            )
        )
    return result


def _parse_speakers(block: Block) -> tuple:
    speaker = parse_speaker(text_of(block.first(".card-subtitle", "h6")))
    return (speaker,) if speaker else ()


def _parse_start(block: Block, ctx: Context, warnings: list[str]) -> str | None:
    date_span = block.first(".talk-date")
    if date_span is None:
        return None
    row = text_of(date_span.getparent())
    starts_at, _ends_at = dates.when(row, ctx.timezone)
    if starts_at is None and row:
        warnings.append(dates.unreadable(ctx.url, row, block.element.get("id")))
    return starts_at


def _after_icon(block: Block, icon: str) -> str | None:
    """Text of the row holding an icon (the site prints the room right after a map pin)."""
    found = block.select(f"i.{icon}")
    return text_of(found[0].getparent()) if found else None


def _parse_links(block: Block, ctx: Context) -> tuple[Link, ...]:
    """Links in the card body, not the speaker's homepage in the subtitle."""
    body = block.first(".card-text")
    if body is None:
        return ()
    return tuple(Link(kind, url) for url, kind in links_in(body, ctx.url))
