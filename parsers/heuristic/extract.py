"""The heuristic extractor: talks from any seminar page, with no site parser and no markup help.

How it finds the blocks that each hold one talk:
1. the page becomes *lines* (`generic_lines`), each read for its label, date and time
   (`generic_when`);
2. lines that give a date or a time anchor *records*: the list item, table row, card or
   heading-led section around each (`generic_records` says how records are grown and split);
3. lines in no record are *context*: day headings give rows their date, year headings and the
   page title their year, a room line under a day heading its location;
4. `generic_fields.extract` reads each record; records that are not talks (breaks, workshops
   without speakers, news items) give nothing, and when most records name a speaker, one that
   names none is dropped.
Confidence grows with the number of talks and the share with speakers and dates; a page where
few records name a speaker is accepted only when it calls itself a seminar/talk page.
Bounded: `MAX_ANCHORS`, lines capped in `generic_lines`, dates via regexes (`find_date`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

from parsers.base import Context, ParseResult
from parsers.common import vocab
from parsers.common.html import HtmlElement
from parsers.common.people import people_in
from parsers.common.text import clean, fold, join_paragraphs
from parsers.heuristic.fields import extract
from parsers.heuristic.lines import Line, page_lines
from parsers.heuristic.reading import PageContext as FieldContext
from parsers.heuristic.reading import parse_line
from parsers.heuristic.records import MAX_ANCHORS, YEAR, find_anchors, find_records
from parsers.heuristic.titles import looks_like_place
from parsers.talk import Speaker

NAME = "heuristic"
URL_PATTERNS: tuple[str, ...] = ()


SEMINAR_WORDS = vocab.series_words()


# "Talks take place in Room 507", "I seminari si tengono presso l'Aula Magna": where the
# series meets, said once in a sentence above the talks.
VENUE_PHRASE = re.compile(
    r"\b(?:takes?\s+place|held|meets?|are|is|will\s+be|findet|finden|ont\s+lieu|a\s+lieu|"
    r"se\s+celebran?|si\s+tiene|si\s+tengono|vinden?\s+plaats)"
    r"(?:\s+\w+){0,3}?\s+(?:in|at|im|en|dans|à|nella|nell'|presso|nel)\s+"
    r"(?:the\s+|la\s+|le\s+|el\s+|il\s+|l')?(?P<place>[^.;]{3,160})",
    re.I,
)
# Where the place named in such a sentence ends.
VENUE_END = re.compile(
    r",?\s+(?:unless|except|but|where|salvo|sauf|außer|excepto|and\s+(?:are|is|streamed|"
    r"online|on|via|will))\b|\s+\(?(?:unless|except)\b",
    re.I,
)


_DAY_FIRST_LANGS = re.compile(r"^en-(gb|au|nz|ie|in|za)$|^(?!en)", re.I)


def detect(root: HtmlElement) -> float:
    """The heuristic reads any page; its confidence comes from what it finds (see `parse`)."""
    return 0.1


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    result = ParseResult(confidence=0.0)
    # Records are keyed by id(element): every lxml proxy must stay alive (and its id unique)
    # while this page is read, or a recycled id would join two unrelated elements.
    alive = list(root.iter())
    lines = page_lines(root, result.warnings)
    if not lines:
        return result
    page_year = _page_year(root, lines, ctx)
    academic = _academic_year(root, lines, page_year)
    day_first = _day_first(root, lines, page_year)
    probe = FieldContext(ctx.url, ctx.timezone, page_year or 2000, day_first=day_first)
    anchors = find_anchors(lines, probe)
    if len(anchors) > MAX_ANCHORS:
        result.warnings.append(f"{ctx.url}: over {MAX_ANCHORS} dated lines, only the first read")
        anchors = anchors[:MAX_ANCHORS]
    owner = find_records(lines, anchors)
    talks = _read(lines, owner, ctx, page_year, day_first, academic)
    talks = _abstracts_below(talks, lines, owner)
    result.talks, result.confidence = _judge(talks, root, lines)
    del alive
    return result


def _page_year(root: HtmlElement, lines: list[Line], ctx: Context) -> int | None:
    title = clean(root.findtext(".//title") or "") or ""
    headings = " ".join(line.text for line in lines[:80] if line.heading in (1, 2))
    for text in (title, headings):
        found = YEAR.findall(text)
        if found:
            return int(Counter(found).most_common(1)[0][0])
    years = Counter(y for line in lines[:3000] for y in YEAR.findall(line.text[:300]))
    if years:
        return int(years.most_common(1)[0][0])
    return ctx.now.year if ctx.now else None


_ACADEMIC = re.compile(r"(?<!\d)(?:19|20)(\d\d)\s*[/–-]\s*(?:(?:19|20)?\d\d)(?!\d)")


def _academic_year(root: HtmlElement, lines: list[Line], year: int | None) -> bool:
    """Does the page's title or main heading name an academic year ("2023/24", "2023-2024")?"""
    title = root.findtext(".//title") or ""
    main = " ".join(line.text for line in lines[:300] if line.heading in (1, 2))
    for match in _ACADEMIC.finditer(f"{title} {main}"):
        first = int(match.group(0)[:4])
        second = re.sub(r"\D", "", match.group(0)[4:])
        if year == first and second and int(second[-2:]) == (first + 1) % 100:
            return True
    return False


def _day_first(root: HtmlElement, lines: list[Line], year: int | None) -> bool:
    """Numeric dates: 3/5 is 3 May unless the page shows month-first (13+ in the day slot, or
    weekdays that agree only with month-first), or is US English and shows no evidence."""
    votes = Counter()
    for line in lines[:3000]:
        for a, b in re.findall(
            r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?:[/.]\d{2,4})?(?![\d/])", line.text[:200]
        ):
            a, b = int(a), int(b)
            if a > 12 >= b:
                votes["day"] += 1
            elif b > 12 >= a:
                votes["month"] += 1
    if votes["day"] != votes["month"]:
        return votes["day"] > votes["month"]
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    return bool(_DAY_FIRST_LANGS.search(lang)) if lang else True


def _read(
    lines: list[Line],
    owner: dict[int, int],
    ctx: Context,
    page_year: int | None,
    day_first: bool,
    academic: bool = False,
) -> list:
    field_ctx = FieldContext(
        ctx.url, ctx.timezone, page_year, day_first=day_first, academic=academic
    )
    members: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if line.index in owner:
            members[owner[line.index]].append(line)
    talks, done = [], set()
    last = max(owner, default=-1)
    for line in lines[: last + 1]:
        number = owner.get(line.index)
        if number is None:
            _update_context(field_ctx, [line])
            continue
        if number in done:
            continue
        done.add(number)
        record = members[number]
        talk = extract(record, field_ctx)
        if talk is None or not talk.speakers:
            _update_context(field_ctx, record)  # a day heading, a room line, a break
        if talk is None:
            continue
        talks.append(talk)
        if talk.starts_at:
            field_ctx.day = field_ctx.previous = date.fromisoformat(talk.starts_at[:10])
    return talks


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


def _update_context(field_ctx: FieldContext, lines: list[Line]) -> None:
    """Headings and loose lines set the year, the day and the room of the records below."""
    for line in lines:
        text = line.text
        if len(text) > 300:
            continue
        years = YEAR.findall(text)
        if years and (line.heading or len(text) <= 60):
            field_ctx.year = int(years[0])
            field_ctx.previous = None  # a new year heading: dates below follow it
            field_ctx.academic = bool(_ACADEMIC.search(text))
        parsed = parse_line(line, field_ctx)
        if parsed.day and (line.heading or len(parsed.rest) <= 40):
            field_ctx.day = parsed.day
        elif parsed.label == "location" and parsed.rest:
            field_ctx.location = parsed.rest
        elif not parsed.day and not line.heading and looks_like_place(text):
            field_ctx.location = _location_text(line)
        elif not line.heading and len(text) > 40:
            field_ctx.location = _venue_in_sentence(line) or field_ctx.location


def _venue_in_sentence(line: Line) -> str | None:
    """The place an intro sentence gives for the series: set in bold, or named after "take
    place in" and its like ("… in <b>Hurley Hall 257</b> unless otherwise noted")."""
    for text, element in line.fragments:
        text = clean(text) or ""
        if element is not None and element.tag in ("strong", "b") and looks_like_place(text):
            return text.strip(" ,;")
    for match in VENUE_PHRASE.finditer(line.text):
        place = VENUE_END.split(match.group("place"), maxsplit=1)[0].strip(" ,;:")
        if looks_like_place(place):
            return place
    return None


def _location_text(line: Line) -> str:
    """A room line minus a trailing map link ("… Campus Jussieu — MAP")."""
    text = line.text.replace("\xad", "")
    last = line.fragments[-1] if line.fragments else None
    if last and last[1] is not None and last[1].tag == "a" and len(last[0].strip()) <= 8:
        text = text[: text.rfind(last[0].strip())] if last[0].strip() in text else text
    return (clean(text) or "").strip(" ,;–—-|")


def _judge(talks: list, root: HtmlElement, lines: list[Line]) -> tuple[list, float]:
    if not talks:
        return [], 0.0
    seen, unique = set(), []
    for talk in talks:
        key = (talk.title, talk.starts_at, tuple(s.name for s in talk.speakers))
        if key not in seen:
            seen.add(key)
            unique.append(talk)
    talks = unique
    with_speakers = sum(1 for t in talks if t.speakers) / len(talks)
    if with_speakers >= 0.34:
        talks = [t for t in talks if t.speakers]
    elif not _calls_itself_seminar(root, lines):
        return [], 0.0
    else:
        author = _page_author(root)
        if author:  # a personal "Talks" page: the owner gives every talk
            talks = [t if t.speakers else t.with_changes(speakers=(author,)) for t in talks]
            with_speakers = 1.0
    # A talk needs a when or a what besides its who, and a list of mostly untitled "talks"
    # (a people directory with office hours) is not a seminar list.
    talks = [t for t in talks if (t.speakers or t.starts_at) and (t.title or t.starts_at)]
    if not talks:
        return [], 0.0
    if sum(1 for t in talks if t.title) < 0.5 * len(talks) and not _calls_itself_seminar(
        root, lines
    ):
        return [], 0.0
    dated = sum(1 for t in talks if t.starts_at) / len(talks)
    titled = sum(1 for t in talks if t.title) / len(talks)
    size = min(1.0, len(talks) / 4)
    confidence = 0.15 + 0.35 * with_speakers + 0.2 * dated + 0.1 * titled + 0.15 * size
    return talks, round(min(confidence, 0.9), 2)


def _page_author(root: HtmlElement) -> Speaker | None:
    """The person a page belongs to: its author meta tag, or a name in its title
    ("Talks | Jane Doe"), when that is a person's name."""
    for meta in root.iterfind(".//meta[@name='author']"):
        found = people_in(meta.get("content"))
        if len(found) == 1:
            return Speaker(found[0].name)
    title = clean(root.findtext(".//title") or "") or ""
    for part in re.split(r"\s+[|·–—-]\s+|:\s+", title):
        found = people_in(part)
        if len(found) == 1 and part != title:
            return Speaker(found[0].name)
    return None


def _calls_itself_seminar(root: HtmlElement, lines: list[Line]) -> bool:
    """The page's title or main heading names a seminar, talks, a programme (not any
    heading: "Program committee" on a call for papers is not a programme of talks)."""
    title = root.findtext(".//title") or ""
    main = " ".join(line.text for line in lines[:300] if line.heading == 1)
    return bool(SEMINAR_WORDS.search(title) or SEMINAR_WORDS.search(main))
