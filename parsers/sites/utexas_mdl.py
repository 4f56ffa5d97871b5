"""Mathematics of Deep Learning Workshop (UT Austin / IFML), https://ifml.institute/events/mathematics-deep-learning-workshop

A Drupal 10 event node whose body is the agenda, typed as WYSIWYG paragraphs:
    <p><strong>Feb 20, 2025</strong></p>                                      a day heading
    <p>9:55-10:40am <strong>Vardan Papyan</strong>, Assistant Professor, ...</p>   a slot
    <ul><li><strong>Talk:</strong> ...</li><li><strong>Abstract:</strong> ...</li></ul>
Quirks:
- times are 12-hour without am/pm on some slots ("1:00-2:00"), so bare 1-7 o'clock is pm;
- a slot is a talk only when it names a speaker in bold; coffee, lunch and "Three graduate
  student talks" name nobody and are skipped;
- a slot may have no "Talk:" line yet (Joan Bruna): the talk is kept with a null title;
- later versions of the page say "Title:" instead of "Talk:", so both labels are read;
- the venue is the event's address field and applies to every talk; the page describes a
  capacity-limited in-person event, hence `online: false`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from parsers.base import Context, ParserError, ParseResult
from parsers.common import dates, times
from parsers.common.html import HtmlElement, first
from parsers.common.people import parse_speaker
from parsers.common.text import abstract_of, clean, strip_label, text_of
from parsers.talk import Talk

NAME = "utexas_mdl"
URL_PATTERNS = (r"^https?://(?:www\.)?ifml\.institute/events/", r"^https?://ml\.utexas\.edu/")

AGENDA = (".field--name-body", ".node__content")
VENUE = (".field--name-field-location .address-line1", ".field--name-field-location")
TITLE_LABELS = ("Talk", "Title")
ABSTRACT_LABELS = ("Abstract",)
IN_PERSON = re.compile(r"in[- ]person|capacity is limited|register", re.IGNORECASE)


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    agenda = first(root, *AGENDA)
    if agenda is None:
        raise ParserError(f"{ctx.url}: no agenda ({AGENDA})")
    series = ctx.series or text_of(first(root, "h1"))
    venue = text_of(first(root, *VENUE))
    online = False if venue and IN_PERSON.search(text_of(agenda) or "") else None
    every_talk = {"location": venue, "online": online, "series": series}
    result = ParseResult()
    day: date | None = None
    for element in agenda:
        if element.tag == "p":
            # Each line's text is read once, here, for both questions asked of it.
            text = text_of(element) or ""
            bold = element.find("strong")
            strong = text_of(bold)
            if _is_day_heading(text, strong):
                day = dates.parse_date(text, fallback=False)
                if day is None:  # its slots are kept, undated, rather than given the previous day
                    result.warnings.append(dates.unreadable(ctx.url, text))
            elif bold is not None:
                talk = _parse_slot(text, strong, day, ctx, every_talk)
                if talk:
                    result.talks.append(talk)
        elif element.tag in ("ul", "ol") and result.talks:
            result.talks[-1] = _add_details(result.talks[-1], element)
    return result


def _is_day_heading(text: str, strong: str | None) -> bool:
    """A bold-only line holding a date, or digits that were meant as one ("Feb 31, 2025");
    `text` is the line's text, `strong` that of its first bold part."""
    if (strong or "") != text:
        return False
    return any(ch.isdigit() for ch in text) or dates.find_date(text) is not None


def _parse_slot(
    text: str, name: str | None, day: date | None, ctx: Context, every_talk: dict[str, Any]
) -> Talk | None:
    """A slot names its speaker in bold (`name`, the text of the line's first `<strong>`);
    a bold-free line is a break, not a talk. `every_talk`: the fields the page gives all."""
    start, end, span = times.find_time_range(text, twelve_hour=True)
    if not name or span is None:
        return None
    rest = clean(text[text.find(name) + len(name) :]) or ""
    speaker = parse_speaker(name, rest.lstrip(",").strip() or None)
    starts_at = dates.combine(day, start, ctx.timezone)
    return Talk(
        title=None,
        speakers=(speaker,) if speaker else (),
        starts_at=starts_at,
        ends_at=dates.combine(day, end, ctx.timezone) if end else None,
        timezone=ctx.timezone,
        kind="workshop talk",
        extracted_by=NAME,
        **every_talk,
    )


def _add_details(talk: Talk, listing: HtmlElement) -> Talk:
    """Fill title and abstract from the labelled bullets under a slot."""
    title, abstract = talk.title, talk.abstract
    for item in listing.iter("li"):
        label = (text_of(item.find("strong")) or "").rstrip(":").strip()
        if label in TITLE_LABELS:
            title = strip_label(text_of(item), TITLE_LABELS)
        elif label in ABSTRACT_LABELS:
            abstract = strip_label(abstract_of(item), ABSTRACT_LABELS)
    return talk.with_changes(title=title, abstract=abstract)
