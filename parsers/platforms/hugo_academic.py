"""Hugo Academic / Wowchemy / Hugo Blox talk and event lists (thousands of lab and personal sites).

Recognised by the generator meta tag ("Source Themes Academic", "Wowchemy", "Hugo Blox") or
the theme's markup, and only on a *talk* list: items whose links go to `/talk/` or `/event/`
pages or whose meta line gives a clock time (a publication list has neither).
List item (`layouts/partials/li_list.html`, `li_compact.html`, `li_card.html`): `.article-title`
with the talk link, a summary (`.article-style`, truncated with "…"), a meta line
"Jan 30, 2023 12:00 PM — 1:00 PM · West Hall 411", then the author links.
Older and other views: `li_list` ("view-list-item": the title is a link around
`span[itemprop=name]`, no heading), `li_card` (the author line comes *before* the date in the
meta block), `talk_li_simple` ("pub-list-item" with a `div[itemprop=startDate]`) and the oldest
compact list (`ul.fa-ul > li` with "Jan 2, 2017, Event" in a paragraph).
Quirks:
- the speaker is the item's author, kept as the site writes it (a group author such as
  "Statistics Computing Club" is kept: it is what the page credits), linked, classed, or as
  bare comma-joined spans in a meta line of their own; a list that names no author is a
  personal site's: the owner (`parsers.common.owner`) gives those talks; elsewhere a title
  piece that is one person ("Seminar #3 - Jane Doe - Work") names the speaker;
- a range may span days ("Sep 18, 2019 2:30 PM — Sep 23, 2019 3:30 PM"): the start is the talk;
  the clock time is kept ("Feb 11, 2020 9:00 AM — 6:00 PM" starts at 9:00);
- the location is the meta span after the middot divider;
- no zone is printed: the source's zone applies.
"""

from __future__ import annotations

import re

from parsers.base import Context, ParserError, ParseResult
from parsers.common import dates, times, zones
from parsers.common.html import HtmlElement, first, select
from parsers.common.links import absolute, links_in
from parsers.common.owner import page_owner, personal_talks_page
from parsers.common.people import looks_like_name, people_in
from parsers.common.text import clean, status_of, text_of
from parsers.common.vocab import POSTER_LEAD
from parsers.talk import Link, Speaker, Talk

NAME = "hugo_academic"
URL_PATTERNS: tuple[str, ...] = ()

GENERATOR = re.compile(r"academic|wowchemy|hugo blox", re.I)
ITEMS = ".stream-item, .view-list-item, .card-simple, .view-card, .pub-list-item, ul.fa-ul > li"
TITLE = ".article-title, .section-subheading, h3, h4, [itemprop='name']"
# Where the date is, most specific first (a summary paragraph may mention a date too).
META = (".article-metadata, .stream-meta", "[itemprop='startDate']", ".talk-metadata", "p")
TALK_HREF = re.compile(r"/(talks?|events?)/[^/]+", re.I)


def detect(root: HtmlElement) -> float:
    """Sure when the theme made the page and its items are talks (not publications)."""
    items = select(root, ITEMS)[:200]
    if not items:
        return 0.0
    talkish = sum(1 for item in items if _is_talk_item(item))
    if talkish < max(1, len(items) // 2):
        return 0.0
    generator = select(root, "meta[name='generator']")
    by_theme = bool(generator and GENERATOR.search(generator[0].get("content") or ""))
    return 0.9 if by_theme else 0.6


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    items = [item for item in select(root, ITEMS) if _is_talk_item(item)]
    if not items:
        raise ParserError(f"{ctx.url}: no talk items ({ITEMS})")
    result = ParseResult()
    owner = page_owner(root) if personal_talks_page(root, ctx.url) else None
    for item in items:
        talk = _parse_item(item, ctx)
        if owner is not None and not talk.speakers:
            talk = talk.with_changes(speakers=(owner,))
        elif not talk.speakers and (named := _named_in_title(talk.title)):
            talk = talk.with_changes(speakers=tuple(named))
        if (talk.title or talk.speakers) and not POSTER_LEAD.match(talk.title or ""):
            result.talks.append(talk)  # a "[poster] Title" item lists a poster, not a talk
    return result


def _is_talk_item(item: HtmlElement) -> bool:
    anchor = _title_link(item)
    if anchor is not None and TALK_HREF.search(anchor.get("href") or ""):
        return True
    if "schema.org/Event" in (item.get("itemtype") or ""):
        return True
    meta = text_of(first(item, ".article-metadata, .stream-meta"))
    return bool(meta and times.find_time_range(meta)[0])


def _title_link(item: HtmlElement) -> HtmlElement | None:
    """The title's link: inside the heading, or around it (`li_list`: `<a><span
    itemprop="name">Title</span></a>`)."""
    heading = first(item, TITLE)
    if heading is None:
        return None
    anchor = heading.find(".//a")
    if anchor is None and heading.getparent() is not None and heading.getparent().tag == "a":
        anchor = heading.getparent()
    return anchor


def _parse_item(item: HtmlElement, ctx: Context) -> Talk:
    heading = first(item, TITLE)
    anchor = _title_link(item)
    title = text_of(heading)
    when, place = _meta(item)
    tz = zones.find_zone(when) or ctx.timezone  # a zone printed with the time wins
    starts_at, ends_at = dates.when(when, tz)
    url = absolute(anchor.get("href"), ctx.url) if anchor is not None else None
    buttons = first(item, ".btn-links")
    return Talk(
        title=title,
        speakers=tuple(Speaker(name) for name in _authors(item)),
        starts_at=starts_at,
        ends_at=ends_at if ends_at and _same_day(starts_at, ends_at) else None,
        timezone=tz if starts_at and "T" in starts_at else None,
        location=place,
        abstract=text_of(first(item, ".article-style, .summary")),
        url=url,
        links=tuple(Link(k, u) for u, k in links_in(buttons, ctx.url) if u != url)
        if buttons is not None
        else (),
        status=status_of(title, when),
        extracted_by=NAME,
    )


def _meta(item: HtmlElement) -> tuple[str | None, str | None]:
    """(date text, location) from the meta line that holds the date, split at the middot
    divider. The first meta block with a date is the one: `li_card` puts the author line
    before it, and the oldest lists write "Jan 2, 2017, Event" in a paragraph."""
    for meta in (found for selector in META for found in select(item, selector)):
        lines = [meta, *meta.findall("div")]
        for line in reversed(lines):  # the innermost line with a date
            spans = [s for s in line.findall("span") if _not_divider(s)]
            text = text_of(spans[0]) if spans else text_of(line)
            if not text or dates.find_date(text) is None:
                continue
            if len(spans) >= 2:
                return text, text_of(spans[1])
            return text, None
    return None, None


def _not_divider(span: HtmlElement) -> bool:
    return "middot-divider" not in (span.get("class") or "")


def _authors(item: HtmlElement) -> list[str]:
    meta = first(item, ".article-metadata, .stream-meta")
    if meta is None:
        return []
    names = []
    for anchor in meta.iter("a"):
        href = anchor.get("href") or ""
        if "/author" in href or "/people/" in href:
            name = clean(text_of(anchor))
            if name and name not in names:
                names.append(name)
    if not names:
        for span in select(meta, ".author-highlighted, .author"):
            name = clean(text_of(span))
            if name and name not in names:
                names.append(name)
    return names or _author_line(meta)


def _author_line(meta: HtmlElement) -> list[str]:
    """The author line of themes that print names as bare `<span>`s joined by commas, in a
    meta `<div>` of its own (not the one with the date): every span must read as a name."""
    for line in meta.findall("div"):
        text = text_of(line) or ""
        spans = [clean(text_of(span)) or "" for span in line.findall("span")]
        if not spans or dates.find_date(text) is not None:
            continue
        if all(looks_like_name(name) for name in spans):
            return list(dict.fromkeys(spans))
    return []


def _named_in_title(title: str | None) -> list[Speaker]:
    """An event list that credits no author may name the speaker as one piece of the title
    ("Seminar #3 - Jane Doe - Work (Venue)"): a piece between spaced dashes that is wholly one
    person. The title is kept as the site wrote it."""
    pieces = [piece.strip() for piece in re.split(r"\s+[–—-]\s+", title or "")]
    if len(pieces) < 2:
        return []
    found = [people for piece in pieces if (people := people_in(piece)) and len(people) == 1]
    return found[0] if len(found) == 1 else []


def _same_day(start: str | None, end: str | None) -> bool:
    return bool(start and end and start[:10] == end[:10])
