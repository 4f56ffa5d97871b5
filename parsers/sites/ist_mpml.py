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
from parsers.common.html import Block, HtmlElement, first, select
from parsers.common.links import absolute, links_in
from parsers.common.people import parse_speaker
from parsers.common.text import abstract_of, status_of, text_of
from parsers.talk import Link, Speaker, Talk

NAME = "ist_mpml"
URL_PATTERNS = (r"^https?://mpml\.tecnico\.ulisboa\.pt/",)

TALK_BLOCKS = "div.seminar"
COURSE = re.compile(r"\b(?:this|the) (?:mini-?)?course\b|\bminicourse\b", re.IGNORECASE)


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    blocks = select(root, TALK_BLOCKS)
    if not blocks:
        raise ParserError(f"{ctx.url}: no seminar blocks ({TALK_BLOCKS})")
    series = ctx.series or text_of(first(root, ".site-name"))
    result = ParseResult()
    for element in blocks:
        block = Block(element)  # a dozen selectors per block: index it once
        tz = text_of(block.first(".timezone")) or ctx.timezone
        starts_at, ends_at = _parse_times(block, tz, ctx, result.warnings)
        abstract = abstract_of(block.first(".seminar-abstract"))
        title_el = block.first(".seminar-title", "h3")
        title = text_of(title_el)
        result.talks.append(
            Talk(
                title=title,
                speakers=_parse_speakers(block),
                starts_at=starts_at,
                ends_at=ends_at,
                timezone=tz,
                location=_parse_location(block),
                online=True if block.first(".online") is not None else None,
                abstract=abstract,
                url=_parse_url(title_el, ctx),
                links=_parse_links(block, ctx),
                kind="course" if _is_course(abstract) else "seminar",
                series=series,
                status=status_of(title, text_of(block.first(".seminar-header"))),
                extracted_by=NAME,
            )
        )
    return result


def _is_course(abstract: str | None) -> bool:
    # Every match contains "course" (casefold() also folds the "ſ" that re.I matches to "s");
    # the check first skips the 40 us regex on the abstracts that cannot match.
    return bool(abstract and "course" in abstract.casefold() and COURSE.search(abstract))


def _parse_times(
    block: Block, tz: str | None, ctx: Context, warnings: list[str]
) -> tuple[str | None, str | None]:
    moment = block.first("time.seminar-start", "time")
    if moment is None:
        return None, None
    value = moment.get("datetime")
    starts_at = dates.from_machine(value, tz)
    if value and starts_at is None:
        title = block.element.get("id") or text_of(block.first(".seminar-title", "h3"))
        warnings.append(dates.unreadable(ctx.url, value, title))
    return starts_at, dates.from_machine(moment.get("data-end"), tz)


def _parse_speakers(block: Block) -> tuple[Speaker, ...]:
    speakers = []
    for line in block.select("p.speaker"):
        # Two selectors on a three-element line: listing it once costs less than two XPath
        # queries (the 31 lines: 1.35 instead of 2.37 million instructions, valgrind).
        parts = Block(line)
        speaker = parse_speaker(
            text_of(parts.first(".speaker-name")) or text_of(line),
            text_of(parts.first(".speaker-affiliation")),
        )
        if speaker:
            speakers.append(speaker)
    return tuple(speakers)


def _parse_location(block: Block) -> str | None:
    return text_of(block.first(".seminar-where .room")) or text_of(
        block.first(".seminar-where .online")
    )


def _parse_url(title: HtmlElement | None, ctx: Context) -> str | None:
    anchors = select(title, "a[href]") if title is not None else []
    return absolute(anchors[0].get("href"), ctx.url) if anchors else None


def _parse_links(block: Block, ctx: Context) -> tuple[Link, ...]:
    found = []
    for part, default in ((".seminar-files", "slides"), (".seminar-abstract", None)):
        element = block.first(part)
        if element is not None:
            found.extend(links_in(element, ctx.url, default=default))
    return tuple(Link(kind, url) for url, kind in found)
