"""normalize -> validate: the last pure steps before a talk is stored.

Parsers already use the shared helpers; this pass makes the guarantees that the store and the
exports rely on hold for every parser, including future ones: clean strings, absolute and
unique links, a known `kind`, a series name, a zone only when a clock time was given, and no
talk without a title and without a speaker (such a record is an agenda line, not a talk).
"""

from __future__ import annotations

import re
from dataclasses import replace

from parsers.base import Context
from parsers.common import zones
from parsers.common.text import clean
from parsers.talk import LINK_KINDS, STATUSES, TALK_KINDS, Link, Speaker, Talk

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?)?$")


def normalize(talk: Talk, ctx: Context) -> Talk:
    """Clean every field of a parser's talk; never drops information the parser found.

    The talk itself comes back when it was clean already (site parsers clean as they read):
    only the fields that normalizing changes are replaced.
    """
    speakers = tuple(
        Speaker(name=name, affiliation=clean(s.affiliation))
        for s in talk.speakers
        if (name := clean(s.name))
    )
    seen: set[str] = set()
    links = []
    for link in talk.links:
        if link.url and link.url not in seen:
            seen.add(link.url)
            links.append(Link(kind=link.kind if link.kind in LINK_KINDS else "other", url=link.url))
    normalized = {
        "title": clean(talk.title),
        "speakers": speakers,
        "location": clean(talk.location),
        "abstract": talk.abstract.strip() or None if talk.abstract else None,
        "links": tuple(links),
        "kind": talk.kind if talk.kind in TALK_KINDS else "talk",
        "series": talk.series or ctx.series,
        "status": talk.status if talk.status in STATUSES else "scheduled",
    }
    changes = {name: value for name, value in normalized.items() if value != getattr(talk, name)}
    return replace(talk, **changes) if changes else talk


def validate(talk: Talk) -> list[str]:
    """Problems that make a talk unfit to store; empty when it is fine."""
    problems = []
    if not talk.title and not talk.speakers:
        problems.append("no title and no speaker")
    for name in ("starts_at", "ends_at"):
        value = getattr(talk, name)
        if value is not None and not _ISO.match(value):
            problems.append(f"{name} is not ISO 8601: {value!r}")
    if talk.timezone and not zones.is_valid_zone(talk.timezone):
        problems.append(f"unknown time zone {talk.timezone!r}")
    # file: is absolute too: `seminars parse page.html` reads a page at its file URL (a crawl
    # only ever fetches http(s), so no stored talk gets one).
    if talk.url and not talk.url.startswith(("http://", "https://", "file:")):
        problems.append(f"url is not absolute: {talk.url!r}")
    return problems


def describe(talk: Talk) -> str:
    """A short handle for warnings ("talk 'Sheaf Neural Networks'")."""
    if talk.title:
        return f"talk {talk.title[:60]!r}"
    if talk.speakers:
        return f"talk by {talk.speakers[0].name}"
    return "untitled talk"


def validated(talks: list[Talk], url: str) -> tuple[list[Talk], list[str]]:
    """The talks fit to store, and a warning (naming the page) for each one dropped."""
    kept, warnings = [], []
    for talk in talks:
        problems = validate(talk)
        if problems:
            warnings.append(f"{url}: dropped {describe(talk)}: {'; '.join(problems)}")
        else:
            kept.append(talk)
    return kept, warnings


def checked(talks: list[Talk], ctx: Context) -> tuple[list[Talk], list[str]]:
    """normalize -> validate, the last pure steps, in the one order every path uses.

    Each talk goes through them once: a standalone page in `parse_document`, a listing with
    its detail pages merged in `parse_site`, and a crawled page in the crawl's Normalize and
    Validate pipelines (which call `normalize` and `validated` themselves, as two stages).
    """
    return validated([normalize(talk, ctx) for talk in talks], ctx.url)
