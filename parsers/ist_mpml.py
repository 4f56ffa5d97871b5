"""Mathematics, Physics & Machine Learning seminar (IST Lisbon), https://mpml.tecnico.ulisboa.pt/seminars

IST seminar system listing: one `div.seminar` per talk. Quirks:
- dates are printed client-side, so the only dates are machine values in an empty
  `<time datetime data-end>`; most talks have none (null, not a guess);
- every talk states its zone ("Europe/Lisbon"), so every talk carries it, dated or not;
- place is "Online", or "<room> — Online" for hybrid talks: the room is the location and the
  talk counts as online either way;
- the "Additional file" box links each PDF twice (preview and file name) and the files are
  the talk's slides; the abstract may cite a paper link (arXiv);
- two-part minicourses are separate entries, recognised by their abstracts ("This course",
  "the minicourse"), and get kind `course`.
"""

from __future__ import annotations

import re

from parsers.base import Context, ParserError, ParseResult
from parsers.common import dates
from parsers.common.html import HtmlElement, first, select
from parsers.common.links import absolute, links_in
from parsers.common.people import parse_speaker
from parsers.common.text import join_paragraphs, paragraphs, status_of, text_of
from parsers.talk import Link, Speaker, Talk

NAME = "ist_mpml"
URL_PATTERNS = (r"^https?://mpml\.tecnico\.ulisboa\.pt/",)
TIMEZONE = "Europe/Lisbon"
SERIES = "Mathematics, Physics & Machine Learning"

TALK_BLOCKS = "div.seminar"
COURSE = re.compile(r"\b(?:this|the) (?:mini-?)?course\b|\bminicourse\b", re.IGNORECASE)


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    blocks = root.cssselect(TALK_BLOCKS)
    if not blocks:
        raise ParserError(f"{ctx.url}: no seminar blocks ({TALK_BLOCKS})")
    series = ctx.series or text_of(first(root, ".site-name")) or SERIES
    result = ParseResult()
    for block in blocks:
        tz = text_of(first(block, ".timezone")) or ctx.timezone
        starts_at, ends_at = _parse_times(block, tz, ctx, result.warnings)
        abstract = join_paragraphs(paragraphs(first(block, ".seminar-abstract")))
        title_el = first(block, ".seminar-title", "h3")
        result.talks.append(
            Talk(
                title=text_of(title_el),
                speakers=_parse_speakers(block),
                starts_at=starts_at,
                ends_at=ends_at,
                timezone=tz,
                location=_parse_location(block),
                online=True if first(block, ".online") is not None else None,
                abstract=abstract,
                url=_parse_url(title_el, ctx),
                links=_parse_links(block, ctx),
                kind="course" if abstract and COURSE.search(abstract) else "seminar",
                series=series,
                status=status_of(text_of(title_el), text_of(first(block, ".seminar-header"))),
            )
        )
    return result


def _parse_times(
    block: HtmlElement, tz: str | None, ctx: Context, warnings: list[str]
) -> tuple[str | None, str | None]:
    moment = first(block, "time.seminar-start", "time")
    if moment is None:
        return None, None
    value = moment.get("datetime")
    starts_at = dates.from_machine(value, tz)
    if value and starts_at is None:
        title = block.get("id") or text_of(first(block, ".seminar-title", "h3"))
        warnings.append(dates.unreadable(ctx.url, value, title))
    return starts_at, dates.from_machine(moment.get("data-end"), tz)


def _parse_speakers(block: HtmlElement) -> tuple[Speaker, ...]:
    speakers = []
    for line in select(block, "p.speaker"):
        speaker = parse_speaker(
            text_of(first(line, ".speaker-name")) or text_of(line),
            text_of(first(line, ".speaker-affiliation")),
        )
        if speaker:
            speakers.append(speaker)
    return tuple(speakers)


def _parse_location(block: HtmlElement) -> str | None:
    return text_of(first(block, ".seminar-where .room")) or text_of(
        first(block, ".seminar-where .online")
    )


def _parse_url(title: HtmlElement | None, ctx: Context) -> str | None:
    anchors = select(title, "a[href]") if title is not None else []
    return absolute(anchors[0].get("href"), ctx.url) if anchors else None


def _parse_links(block: HtmlElement, ctx: Context) -> tuple[Link, ...]:
    found = []
    for part, default in ((".seminar-files", "slides"), (".seminar-abstract", None)):
        element = first(block, part)
        if element is not None:
            found.extend(links_in(element, ctx.url, default=default))
    return tuple(Link(kind, url) for url, kind in found)
