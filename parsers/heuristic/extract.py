"""The heuristic extractor: talks from any seminar page, with no site parser and no markup help.

How it finds the blocks that each hold one talk:
1. the page becomes *lines* (`lines`), each read for its label (`labels`), date and time
   (`reading`); a long entry whose abstract is set inline becomes its head and its abstract
   (`inline_abstracts`);
2. lines that give a date or a time anchor *records* (`anchors`): the list item, table row,
   card or heading-led section around each (`records` says how records are grown and split);
   a page that calls itself a list of talks and dates nothing at all has its repeated
   entries (cards, list items) as undated anchors instead (`cards`, the last resort: such
   talks have no owner's word for them unless the page is a person's, so the confidence
   stays low without one); a timed session whose talks are title headings over author
   lines gives one record per talk (`heading_papers`);
3. lines in no record are *context* (`context` says what each gives): the date, year and room
   of the records below them, and a time or zone given once for the whole series;
4. `fields.extract` reads each record; records that are not talks (breaks, workshops
   without speakers, news items) give nothing, and when most records name a speaker, one that
   names none is dropped, and so is a day's dated heading read as an untitled or unnamed
   talk over that day's timed slots (`agenda_days`);
5. lines in no record may complete the talks: a title that only numbers a paper takes the
   quoted title of the list entry with that number (`_titles_by_number`), and a title repeated
   further down carries its abstract (`_abstracts_below`).
Confidence grows with the number of talks and the share with speakers and dates; a page where
few records name a speaker is accepted only when it calls itself a seminar/talk page; a page
the rules would refuse that still looks like a list of talks gets its best reading with a low
confidence (`_best_reading`), which the chain returns with a warning.
Bounded: `MAX_ANCHORS`, lines capped in `lines`, dates via regexes (`find_date`).
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from parsers.base import Context, ParseResult
from parsers.common import vocab
from parsers.common.html import HtmlElement
from parsers.common.owner import page_owner, personal_talks_page
from parsers.common.text import fold, join_paragraphs
from parsers.heuristic import context
from parsers.heuristic.agenda_days import session_outline, without_day_headings
from parsers.heuristic.anchors import MAX_ANCHORS, find_anchors
from parsers.heuristic.block_records import delivery_heads
from parsers.heuristic.cards import card_anchors
from parsers.heuristic.entries import media_headings
from parsers.heuristic.event_place import page_place
from parsers.heuristic.fields import extract
from parsers.heuristic.heading_papers import split_heading_papers
from parsers.heuristic.inline_abstracts import split_inline_abstracts
from parsers.heuristic.lines import Line, page_lines
from parsers.heuristic.owners import members_of
from parsers.heuristic.patterns import QUOTED
from parsers.heuristic.reading import PageContext as FieldContext
from parsers.heuristic.reading import parse_line
from parsers.heuristic.records import find_records
from parsers.heuristic.sessions import title_paper
from parsers.heuristic.venues import venue_listing
from parsers.talk import Speaker

NAME = "heuristic"
URL_PATTERNS: tuple[str, ...] = ()


SEMINAR_WORDS = vocab.series_words()


def detect(root: HtmlElement) -> float:
    """The heuristic reads any page; its confidence comes from what it finds (see `parse`)."""
    return 0.1


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    result = ParseResult(confidence=0.0)
    # Records are keyed by id(element): every lxml proxy must stay alive (and its id unique)
    # while this page is read, or a recycled id would join two unrelated elements.
    alive = list(root.iter())
    lines = split_inline_abstracts(page_lines(root, result.warnings))
    if not lines:
        return result
    page_year = context.page_year(root, lines, ctx)
    academic = context.academic_year(root, lines, page_year)
    day_first = context.day_first(root, lines, page_year)
    probe = FieldContext(ctx.url, ctx.timezone, page_year or 2000, day_first=day_first)
    listing = _talk_list_page(root, lines, ctx.url)
    anchors = find_anchors(lines, probe, year_groups=listing)
    carded = listing and not anchors  # a talks page that dates nothing: the last resort
    owned = carded and _page_author(root, ctx.url) is not None
    if carded:
        anchors = card_anchors(lines, owned)
    if len(anchors) > MAX_ANCHORS:
        result.warnings.append(f"{ctx.url}: over {MAX_ANCHORS} dated lines, only the first read")
        anchors = anchors[:MAX_ANCHORS]
    owner = split_heading_papers(lines, find_records(lines, anchors))
    heads = delivery_heads(lines, owner, anchors)
    talks, yearless, papers = _read(lines, owner, ctx, page_year, day_first, academic, heads)
    talks = _abstracts_below(_titles_by_number(talks, lines, owner), lines, owner)
    recorded = {fold(line.text) for line in media_headings(lines)} if listing else set()
    result.talks, result.confidence = _judge(
        talks, root, lines, ctx.url, recorded | yearless, papers
    )
    if carded and not owned:  # no owner vouches for the cards
        result.confidence = min(result.confidence, UNSURE_CONFIDENCE)
    del alive
    return result


def _read(
    lines: list[Line],
    owner: dict[int, int],
    ctx: Context,
    page_year: int | None,
    day_first: bool,
    academic: bool = False,
    heads: dict[int, list[Line]] | None = None,
) -> tuple[list, set[str], set[str]]:
    """The records' talks, the keys (`_key`) of those that are titles listed alone in a
    session (`sessions.title_paper`), and the keys of those whose record printed a day and month
    with no year on a page that names none: that is a when, so `_judge` keeps such a talk
    although it has neither a date nor a title ("Oct. 22nd: Jane Doe (MIT)"). `heads`: lines
    a record reads before its own (a talk's title shared by its deliveries)."""
    # No zone while records are read: a talk's own printed zone is kept apart from the page's
    # and the source's, which `context.with_series_facts` applies afterwards, in that order.
    field_ctx = FieldContext(ctx.url, None, page_year, day_first=day_first, academic=academic)
    field_ctx.location = page_place(lines, owner, day_first)
    members = members_of(lines, owner)
    found, done, talking, yearless, undated, papers = [], set(), set(), set(), set(), set()
    # The date an untimed talk read off its own lines: a record below it with no clock time
    # and no date of its own does not take it. A timed slot's papers run on in its day; an
    # undated entry of a list ("<li><b>Title</b> A workshop for the lab.</li>") has no date.
    talk_day = None
    last = max(owner, default=-1)
    for line in lines[: last + 1]:
        number = owner.get(line.index)
        if number is None:
            context.update_context(field_ctx, [line])
            continue
        if number in done:
            continue
        done.add(number)
        record = [*(heads or {}).get(number, []), *members[number]]
        after_talk = field_ctx.day is not None and field_ctx.day is talk_day
        talk = extract(record, field_ctx)
        own_day = any(parse_line(line, field_ctx).day for line in record)
        if after_talk and talk is not None and not own_day and _untimed(talk):
            talk = talk.with_changes(starts_at=None)  # an entry's neighbour's date
        if talk is None or not talk.speakers:
            context.update_context(field_ctx, record)  # a day heading, a room line, a break
        if talk is None:
            continue
        if is_talk(talk):  # a series line read as a record ("Fridays 4-5 PM") is still context
            talking.add(number)
        elif any(parse_line(line, field_ctx).extra.get("yearless") for line in record):
            yearless.add(_key(talk))
        found.append((talk, line.index))
        if any(map(title_paper, record)):
            papers.add(_key(talk))
        if not own_day:
            undated.add(line.index)
        if talk.starts_at:
            field_ctx.day = field_ctx.previous = date.fromisoformat(talk.starts_at[:10])
            talk_day = field_ctx.day if own_day and _untimed(talk) else None
    facts, zone = context.series_facts(lines, owner, talking, field_ctx)
    found = without_day_headings(found, frozenset(undated))
    talks = [context.with_series_facts(t, at, facts, zone or ctx.timezone) for t, at in found]
    return talks, yearless, papers


def _key(talk) -> str:
    """What `_judge` matches a kept talk by: its folded title, else its speakers' names."""
    return fold(talk.title) if talk.title else "|".join(s.name for s in talk.speakers)


def _untimed(talk) -> bool:
    return bool(talk.starts_at) and "T" not in talk.starts_at


# A title that only numbers the paper ("Paper#151 (15 minutes)", "Submission 12"): a
# programme's slot points into the list of accepted papers, whose entry "#151 “Title”, …"
# gives the title. Only an explicit marker ("#", "Paper") and a quoted title are trusted.
PAPER_NUMBER = re.compile(
    r"^(?:(?:paper|submission|contribution|poster|article)\s*(?:#|no\.?|n[°º])?\s*|#\s*)"
    r"(\d{1,6})\b(?:\s*\([^()]{0,40}\))?\s*$",
    re.I,
)
NUMBERED_ENTRY = re.compile(
    r"^\s*(?:(?:paper|submission|contribution|poster|article)\s*)?#\s*(\d{1,6})\b", re.I
)


def _titles_by_number(talks: list, lines: list[Line], owner: dict[int, int]) -> list:
    """Talks titled only by their paper's number take the quoted title of the entry with
    that number among the lines in no record (`PAPER_NUMBER`)."""
    numbered = {}
    for talk in talks:
        match = PAPER_NUMBER.match(talk.title or "")
        if match:
            numbered.setdefault(match.group(1).lstrip("0"), []).append(talk)
    if not numbered:
        return talks
    titles: dict[int, str] = {}
    for line in lines[:MAX_ABSTRACT_LINES]:
        entry = NUMBERED_ENTRY.match(line.text) if line.index not in owner else None
        quoted = QUOTED.search(line.text[:400]) if entry else None
        for talk in numbered.get(entry.group(1).lstrip("0"), []) if quoted else []:
            titles[id(talk)] = quoted.group(1).strip()
    return [t.with_changes(title=titles[id(t)]) if id(t) in titles else t for t in talks]


MAX_ABSTRACT_LINES = 3000  # free lines searched for titles repeated over their abstracts
MAX_ABSTRACT_TALKS = 300


def _abstracts_below(talks: list, lines: list[Line], owner: dict[int, int]) -> list:
    """Programmes often list the talks first and give the abstracts in a section further down:
    a line in no record that repeats a talk's title carries its abstract, either in the rest of
    that line ("Name, *Title.* We show …") or in the long paragraphs right after it (up to the
    next heading or the next title: "<h3>Name</h3><p><em>Title</em></p><p>…</p>")."""
    missing = [t for t in talks if not t.abstract and t.title and len(t.title) >= 12]
    if not missing or not owner:
        return talks
    first = min(owner)
    free = [line for line in lines if line.index > first and line.index not in owner]
    free = [(fold(line.text), line) for line in free[:MAX_ABSTRACT_LINES]]
    titles = {fold(t.title) for t in talks if t.title and len(t.title) >= 12}
    found: dict[int, str] = {}
    for talk in missing[:MAX_ABSTRACT_TALKS]:
        key = fold(talk.title)
        for k, (text, _line) in enumerate(free):
            at = text.find(key)
            # the title leads the line, or is most of it: not a title merely mentioned
            if 0 <= at <= 150 and (at <= 80 or len(text) <= 2.5 * len(key) + 20):
                abstract = _abstract_at(free, k, talk.title, titles)
                if abstract:
                    found[id(talk)] = abstract
                break
    return [t.with_changes(abstract=found[id(t)]) if id(t) in found else t for t in talks]


def _abstract_at(free: list, k: int, title: str, titles: set[str]) -> str | None:
    """The abstract that the free line `k`, which repeats `title`, carries or heads."""
    line = free[k][1]
    if len(line.text) >= 160:
        at = line.text.casefold().find(title.casefold())
        rest = line.text[at + len(title) :] if at >= 0 else line.text
        rest = rest.strip(' .,:;–—-”"»')
        return rest if len(rest) >= 80 else None
    paragraphs = []
    for text, after in free[k + 1 : k + 8]:
        if after.heading or after.index - line.index > 10 or any(t in text for t in titles):
            break
        if len(after.text) >= 80:
            paragraphs.append(after.text)
    return join_paragraphs(paragraphs)


def _judge(
    talks: list,
    root: HtmlElement,
    lines: list[Line],
    url: str = "",
    recorded: set | None = None,
    papers: set | None = None,
) -> tuple[list, float]:
    """Which talks the page gives, and how sure we are. The rules, in order:
    - the same talk listed twice (same title, start and speakers) counts once; talks without
      a date are never merged (a personal list gives one title at several venues);
    - on a personal talks page (`_page_author`) where most talks name nobody, the owner gives
      every talk: names read off its venue lines ("CodePen Meetup Brasil") are misreadings;
      where most name someone, the owner gives those that name nobody (not dropped);
    - elsewhere, when most talks name a speaker, one that names none is dropped (not a title
      a session lists alone, `papers`: a programme names its keynotes' speakers and
      only the titles of its contributed talks); when few do,
      the page must call itself a seminar/talks page;
    - a record that gives a telephone number (`venues.PHONE`) is a venue, a restaurant, a hotel
      of an event's practical page, not a talk;
    - a talk needs a when or a what besides its who; on a talks page, a recording's title
      is a talk of its own, and so is a record that printed a day with no year (`recorded`:
      the folded titles of `entries.media_headings` and the keys of `_read`'s yearless ones).
    - a programme that only outlines its sessions and workshops, nobody named, gives
      nothing (`agenda_days.session_outline`).
    A page these rules would refuse gets its best reading instead (`_best_reading`): refusing
    a page that plainly lists talks is the worst outcome, a low confidence says "check me".
    Confidence grows with the share of talks with speakers (an owner's counts for less than
    a named one), dates and titles, and with their number."""
    talks = [t for t in talks if not venue_listing(t)]
    if not talks:
        return [], 0.0
    talks = _unique(talks)
    owner = _page_author(root, url)
    if owner is None and session_outline(talks):
        return [], 0.0  # sessions and workshops with their themes, nobody named
    with_speakers = sum(1 for t in talks if t.speakers) / len(talks)
    calls = _calls_itself_seminar(root, lines)
    if owner is not None and with_speakers < 0.5:
        talks = [t.with_changes(speakers=(owner,)) for t in talks]
        with_speakers = OWNER_WEIGHT
    elif owner is not None:  # the owner's own entries among talks that name their speaker
        talks = [t if t.speakers else t.with_changes(speakers=(owner,)) for t in talks]
    elif with_speakers >= 0.34:
        talks = [t for t in talks if t.speakers or _key(t) in (papers or ())]
    elif not calls:
        return _best_reading(talks, root, lines, url)
    # A talk needs a when or a what besides its who, and a list of mostly untitled "talks"
    # (a people directory with office hours) is not a seminar list.
    kept = [t for t in talks if is_talk(t) or _key(t) in (recorded or ())]
    if not kept or (sum(1 for t in kept if t.title) < 0.5 * len(kept) and not calls):
        return _best_reading(talks, root, lines, url)
    dated = sum(1 for t in kept if t.starts_at) / len(kept)
    titled = sum(1 for t in kept if t.title) / len(kept)
    size = min(1.0, len(kept) / 4)
    confidence = 0.15 + 0.35 * with_speakers + 0.2 * dated + 0.1 * titled + 0.15 * size
    return kept, round(min(confidence, 0.9), 2)


def is_talk(talk) -> bool:
    """A talk needs a when or a what besides its who: a record with a clock time and no date,
    title or speaker ("Fridays 4:00-5:00 PM Eastern Time") is a fact about the series."""
    return bool((talk.speakers or talk.starts_at) and (talk.title or talk.starts_at))


# The best reading of a page the rules would refuse: at least this many records, nearly all
# titled and with distinct titles (a club's calendar repeats one meeting's name; a page of
# talks names a different talk in each), on a page that mentions talks somewhere
# (`_mentions_talks`). Its confidence stays under the chain's threshold, so it is flagged.
UNSURE_MIN_TALKS = 3
UNSURE_SHARE = 0.8
# A personal list repeats a title given at several venues; a club's calendar repeats one name
# for most of its entries: half the titles distinct tells them apart.
UNSURE_DISTINCT = 0.5
UNSURE_CONFIDENCE = 0.3


def _best_reading(
    talks: list, root: HtmlElement, lines: list[Line], url: str
) -> tuple[list, float]:
    """The titled talks, with a low confidence, when the records look like a list of talks
    (rules above `UNSURE_MIN_TALKS`); else nothing."""
    titled = [t for t in talks if t.title]
    distinct = {fold(t.title) for t in titled}
    if (
        len(titled) < UNSURE_MIN_TALKS
        or len(titled) < UNSURE_SHARE * len(talks)
        or len(distinct) < UNSURE_DISTINCT * len(titled)
        or not _mentions_talks(root, lines, url)
    ):
        return [], 0.0
    return titled, UNSURE_CONFIDENCE


# What an owner-given speaker counts for in the confidence, against 1 for a speaker the talk
# names itself: the page did not say it, we inferred it.
OWNER_WEIGHT = 0.75


def _unique(talks: list) -> list:
    """Talks minus repeats of a dated talk (an "Upcoming" box repeating the archive's first)."""
    seen, unique = set(), []
    for talk in talks:
        key = (talk.title, talk.starts_at, tuple(s.name for s in talk.speakers))
        if talk.starts_at and key in seen:
            continue
        seen.add(key)
        unique.append(talk)
    return unique


def _page_author(root: HtmlElement, url: str = "") -> Speaker | None:
    """The owner of a personal talks page (`parsers.common.owner`: from the author meta tag,
    the title, the navbar brand, the `<h1>` or the footer's ©), who gives every talk on it.
    None on any other page, a seminar series' included: its talks are other people's."""
    if not personal_talks_page(root, url):
        return None
    return page_owner(root)


def _talk_list_page(root: HtmlElement, lines: list[Line], url: str) -> bool:
    """A personal talks page, or a page that calls itself a seminar/talks page: one whose
    year groups list talks (`records.year_group_items`), not publications or news."""
    return personal_talks_page(root, url) or _calls_itself_seminar(root, lines)


def _calls_itself_seminar(root: HtmlElement, lines: list[Line]) -> bool:
    """The page's title or main heading names a seminar, talks, a programme (not any
    heading: "Program committee" on a call for papers is not a programme of talks)."""
    title = root.findtext(".//title") or ""
    main = " ".join(line.text for line in lines[:300] if line.heading == 1)
    return bool(SEMINAR_WORDS.search(title) or SEMINAR_WORDS.search(main))


def _mentions_talks(root: HtmlElement, lines: list[Line], url: str) -> bool:
    """Weaker evidence than `_calls_itself_seminar`, enough for a best reading: a seminar or
    talks word in the page's own file name (".../seminar.html", ".../talks/") or in a
    top-level heading (`<h1>`, `<h2>`: a record's own heading, a news item's "to serve as
    program chair", says nothing about the page), or a schedule word in the `<h1>`
    (`SCHEDULE_WORDS`) on a page that names no course (`TEACHING`)."""
    path = [part for part in urlsplit(url).path.split("/") if part][-1:]
    slug = re.sub(r"\.\w+$", "", path[0]).replace("-", " ").replace("_", " ") if path else ""
    headings = " ".join(line.text for line in lines[:300] if line.heading in (1, 2))
    main = " ".join(line.text for line in lines[:300] if line.heading == 1)
    title = root.findtext(".//title") or ""
    schedule = SCHEDULE_WORDS.search(main) and not TEACHING.search(f"{main} {title}")
    return bool(SEMINAR_WORDS.search(slug) or SEMINAR_WORDS.search(headings) or schedule)


# A page whose main heading names a schedule ("Schedule", "Timetable", "Programa") lists its
# sessions: with dated records, they are the talks of an event. Only the `<h1>` counts: a
# site's "Schedule a meeting" box or a record's "schedule" says nothing of the page.
SCHEDULE_WORDS = re.compile(
    r"\b(?:schedule|timetable|programa|horaire|zeitplan|cronograma)\b"
    r"|日程|议程|프로그램",
    re.I,
)
# A course's schedule is no programme of talks: a course code ("CS 229", "MATH-2030") or a
# teaching word in the same heading or in the page's title.
TEACHING = re.compile(
    r"\b[A-Z]{2,5}\s?-?\d{3,4}[A-Z]?\b|\b(?i:course|syllabus|class|lectures|homework|"
    r"semester|cours|curso|vorlesung|lehrveranstaltung)\b"
)
