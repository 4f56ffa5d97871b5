"""What a calendar event's text says: its title, speakers, place, abstract and links.

`ical` reads the feed (events, recurrence, zones); this module reads one event's SUMMARY,
DESCRIPTION and LOCATION (`ical_slots` says which SUMMARYs name no talk). Quirks handled:
- a bracketed tag opening SUMMARY ("[Some Colloquium] Title") labels the series, no title
  word; DESCRIPTION opening with the speaker's line ("Jane Doe · Some University ·
  Professor", "Jane Doe (Some University)") names the speaker;
- SUMMARY usually packs speaker and title ("Seminar: Jane Doe – Title", "Jane Doe: Title",
  "Title (Jane Doe)"), split by `people.speaker_and_title`; a series name before a colon
  ("Logic Seminar: Jane Doe — Title") is dropped. Where DESCRIPTION names the speaker
  ("Speaker: ...", or researchseminars.org's "by Jane Doe (MIT) as part of Series") that
  name is checked against the split, and cut out of the SUMMARY when no rule split it; a
  quoted title closing the SUMMARY ("Series - Jane Doe, PhD - \"Title\"") is read first,
  its speakers those right before it when DESCRIPTION names no one of another surname;
- a SUMMARY that is only a speaker ("Jane Doe (MIT)", as researchseminars.org and other
  generators write it) takes its title from DESCRIPTION: a "Title: ..." line, or a quoted
  first line; a SUMMARY that is only the series name, a generic word ("Seminar") or a slot's
  kind ("Closing Keynote", "Talk 3"), or a teaching week's number left by a credit ("Series:
  Week no 3 given by Jane Doe"), is no title either; a break or a meal with no speaker
  ("Morning Break", "Lunch"), or a series' slot over a term's break ("Summer Break - Some
  Meeting"), is no talk. An "Institution:"/"Affiliation:" line gives a lone
  speaker's affiliation;
- DESCRIPTION may hold HTML (`<b>Title:</b> <a href=...>...</a>`): it is read as text;
  labelled metadata lines (title, speaker, series, organisers, passwords, stream links) and
  a lone "Abstract" heading are not abstract;
- a LOCATION that is only a URL is not a place: a meeting link marks the talk online, any
  other URL is the event's page ("Lecture held in ..." in DESCRIPTION then gives the room).
"""

from __future__ import annotations

import html as html_text
import re
from dataclasses import replace

from parsers.common.links import classify
from parsers.common.people import (
    NOT_NAME_WORDS,
    clean_affiliation,
    people_in,
    speaker_and_title,
)
from parsers.common.text import clean, fold
from parsers.markup.ical_slots import (
    NAME_PARTS,
    ONLINE,
    PLACEHOLDER_SLOT,
    SERIES_NAME,
    SERIES_PREFIX,
    is_label,
    no_talk,
    without_series_tag,
)
from parsers.talk import Link, Speaker

__all__ = ["NAME_PARTS", "ONLINE", "no_talk"]  # read by `ical` and tests from here

# The speaker's label in the languages feeds are written in, with the gender-inclusive endings
# ("Intervenant·e", "Referent*in", "Vortragende(r)", "Ponente/a") some generators print.
_SPEAKER_LINE = re.compile(
    r"^\s*(?:speakers?|presenters?|lecturers?|referent|orat(?:eur|rice)|intervenant|"
    r"conf[ée]renci(?:er|ère)|vortragende|sprecher|ponente|relat(?:ore|rice)|palestrante|"
    r"conferencista)(?:[·.•*/_-]?\(?(?:e|in|innen|r|s|es|a|as)\)?){0,2}\s*:\s*(.+)$",
    re.I | re.M,
)
_URL = re.compile(r"^\s*https?://\S+\s*$")
_TITLE_LINE = re.compile(
    r"^\s*(?:talk\s+)?(?:title|titre|titel|título|titolo)\s*:\s*(.+)$", re.I | re.M
)
_AFFILIATION_LINE = re.compile(
    r"^\s*(?:institution|affiliation|institut|[ée]tablissement|instituci[óo]n|institui[çc][ãa]o|"
    r"afiliaci[óo]n|afilia[çc][ãa]o|affiliazione|einrichtung)\s*:\s*(.+)$",
    re.I | re.M,
)
# researchseminars.org: "by Jane Doe (MIT) as part of Series"; the series part may be absent.
_BY_LINE = re.compile(r"^\s*by\s+(?P<who>.{3,200}?)(?:\s+as part of\s+.+)?\s*$", re.I | re.M)
_HELD_IN = re.compile(r"^\s*(?:(?:lecture|talk|seminar)\s+)?held in\s+(.+?)\.?\s*$", re.I | re.M)
_QUOTED = re.compile(r"^\s*[\"“„«](?P<title>[^\"“”„«»]{3,250})[\"”“»]\.?\s*$")
# Lines of a DESCRIPTION that describe the event, not the talk: never part of the abstract.
_META_LINE = re.compile(
    r"^\s*(?:(?:talk\s+)?(?:title|titre|titel|título|titolo|institution|affiliation|series|"
    r"[ée]tablissement|instituci[óo]n|afiliaci[óo]n|keywords|mots[- ]cl[ée]s|schlagw[öo]rter|"
    r"organi[sz]ers?|speaker\s+link|homepage|password(?:\s+hint)?|passcode|meeting\s+id|"
    r"(?:interactive|view-only)?\s*livestream|zoom(?:\s+link)?|access)\s*:"
    r"|(?:(?:lecture|talk|seminar)\s+)?held in\s|by\s.{3,200}\sas part of\s"
    r"|abstract\s*:?\s*(?:tba|tbd|tbc)?\.?\s*$)",
    re.I,
)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,500}>")
_ABSTRACT_LABEL = re.compile(r"^\s*abstract\s*:\s*", re.I)
_SEPARATORS = " \t:;,|–—-"


def title_and_speakers(
    summary: str | None, description: str | None, labels: frozenset[str]
) -> tuple[str | None, list]:
    """Title and speakers from SUMMARY, checked against and completed from DESCRIPTION."""
    named = _described_speakers(description)
    summary = without_series_tag(summary, labels)
    if not summary or is_label(summary, labels):
        title, speakers = None, []
    else:
        title, speakers = _split_summary(summary, named)
        if not speakers:
            title, speakers = _first_name_in_brackets(summary) or (title, speakers)
    if title is not None and is_label(title, labels):
        title = None  # "Jane Doe (MIT) — Seminar", "Series Name: Jane Doe (MIT)"
    if title is None and description:
        title = _described_title(description)
    speakers = _with_affiliations(speakers, named) if speakers else named
    return title, _with_institution(speakers, description)


def _split_summary(summary: str, named: list) -> tuple[str | None, list]:
    """The first reading of SUMMARY whose speakers agree with those DESCRIPTION names.

    Readings, in order: the common patterns (`speaker_and_title`); the same after a leading
    series label ("Logic Seminar: Jane Doe — Title"), tried first when the label ends in a
    session noun; the described speaker's name cut out of the SUMMARY. With no agreeing
    reading DESCRIPTION's speakers win, and the title of the whole SUMMARY's reading stands
    (the person it named is a host or chair, not the speaker); when that reading took the
    whole SUMMARY for a person ("PG Orientation", two capitalised words) who shares no name
    with the described speaker, the SUMMARY is the title.
    """
    quoted = _quoted_title(summary)
    if quoted is not None and (not named or _share_a_name(quoted[1], named)):
        return quoted
    whole = speaker_and_title(summary)
    readings = [whole]
    prefix = SERIES_PREFIX.match(summary)
    if prefix and not people_in(prefix["series"]):
        # "Applied Seminar: Title, presented by Jane Doe": a series named so is read past first
        first = len(readings) if not SERIES_NAME.search(prefix["series"]) else 0
        readings.insert(first, speaker_and_title(prefix["rest"]))
    for title, speakers in readings:
        if speakers and (not named or _agree(speakers, named)):
            return title, speakers
    if named:
        cut = _cut_name(summary, named)
        title, people = whole
        if not people or (
            not _share_a_name(people, named)
            and (title is None or _subtitle(summary, title) or _heading_words(summary, people))
        ):
            title = summary
        return (cut, named) if cut is not None else (title, named)
    return whole


def _subtitle(summary: str, title: str) -> bool:
    """Did the reading take what follows the title's colon for a person ("Title: Evolving
    Chips, Transforming Design")? With the speaker described elsewhere, that is a subtitle;
    a host or chair is named after a dash or in brackets, not after a colon."""
    return summary.startswith(title) and summary[len(title) :].lstrip().startswith(":")


def _heading_words(summary: str, people: list) -> bool:
    """Did the reading take a title's opening words before its colon ("Meters Matter: How
    ...") for a person? With the speaker described elsewhere under another name, those words
    open the title: a host or chair is not named before the title's colon."""
    if len(people) != 1 or people[0].affiliation:
        return False
    lead = people[0].name
    return summary.startswith(lead) and summary[len(lead) :].lstrip().startswith(":")


# "Series - Jane Doe, PhD - "Title"", "Jane Doe: “Title”": a quoted title closes the SUMMARY
# after a separator; the speakers are the part right before it, a series label before them.
_QUOTED_TAIL = re.compile(
    r"^(?P<head>.{3,}?)(?:\s+[-–—|]|:)\s+[\"“„«](?P<title>[^\"“”„«»]{3,300})[\"”“»]\.?\s*$"
)
_HEAD_PARTS = re.compile(r"\s+[-–—|]\s+|:\s+")


def _quoted_title(summary: str) -> tuple[str, list] | None:
    """(title, speakers) for a SUMMARY closed by a quoted title after its speakers; the quotes
    mark the title, so the dashes and colons inside it ("Work-Up: Review") split nothing."""
    match = _QUOTED_TAIL.match(summary)
    if match is None:
        return None
    people = people_in(_HEAD_PARTS.split(match["head"])[-1])
    return (clean(match["title"]) or "", people) if people else None


def _share_a_name(found: list, named: list) -> bool:
    """A word of a name in common ("J. Doe" and "Jane Doe"): the same person, spelt apart."""
    words = {fold(w) for s in named for w in s.name.split() if len(w.strip(".")) > 1}
    return any(fold(w) in words for s in found for w in s.name.split())


def _first_name_in_brackets(summary: str) -> tuple[str, list] | None:
    """(title, speakers) from "Title (Ben)": a group's internal talk, the speaker by first name
    (or two initials, "CJ") in brackets after the title. A placeholder in the brackets ("Title
    (TBD)") is cut with no speaker; an acronym of three or more capitals is an affiliation."""
    match = _TITLE_THEN_WORD.match(summary)
    if match is None or len(match["title"].split()) < 2:
        return None
    word = match["who"]
    if PLACEHOLDER_SLOT.match(word):
        return match["title"], []
    if fold(word) in NOT_NAME_WORDS or not _FIRST_NAME.match(word):
        return None
    return match["title"], [Speaker(word)]


_TITLE_THEN_WORD = re.compile(r"^(?P<title>[^()]{3,}?)\s*\((?P<who>[^\s()]{2,20})\)$")
_FIRST_NAME = re.compile(r"^(?:[A-ZÀ-Ý][a-zß-ÿ'’-]{1,19}|[A-Z]{2})$")


def _agree(found: list, named: list) -> bool:
    return bool({fold(s.name) for s in found} & {fold(s.name) for s in named})


def _cut_name(summary: str, named: list) -> str | None:
    """SUMMARY minus a described speaker's name (and its bracketed affiliation): the title.

    The title is what follows the name ("Series: Jane Doe — Title"), else what precedes it
    ("Title (Jane Doe)"); a series label before a colon is dropped from what precedes.
    """
    for speaker in named:
        words = r"\s+".join(re.escape(word) for word in speaker.name.split())
        found = re.search(rf"(?<!\w){words}(?!\w)", summary, re.I)
        if found is None:
            continue
        before, after = summary[: found.start()], summary[found.end() :]
        after = re.sub(r"^\s*[(\[][^()\[\]]*[)\]]", "", after).strip(_SEPARATORS + " \"“”'")
        if after:
            return after
        before = before.rstrip(_SEPARATORS + "([ ")
        prefix = SERIES_PREFIX.match(before)
        before = prefix["rest"] if prefix and not people_in(prefix["series"]) else before
        return before.strip(_SEPARATORS + " \"“”'") or None
    return None


def _described_speakers(description: str | None) -> list:
    """The speakers DESCRIPTION names: a "Speaker:" line, or a "by Jane Doe (MIT) ..." line."""
    if not description:
        return []
    for pattern in (_SPEAKER_LINE, _BY_LINE):
        for match in pattern.finditer(description):
            people = people_in(match.group(1))
            if people:
                return people
    lines = [ln for ln in description.splitlines() if ln.strip()]
    if len(lines) >= 2 and _QUOTED.match(lines[1]):  # "Jane Doe (MIT)" / "\"Title\""
        return people_in(lines[0])
    return _speaker_first_line(lines[0]) if lines else []


def _speaker_first_line(line: str) -> list:
    """A DESCRIPTION opening with the speaker's line, "Jane Doe · Some University ·
    Professor" or "Jane Doe (Some University)": one person given with an affiliation is the
    speaker (a bare name could be a host's; a label with a colon is read above)."""
    if ":" in line or len(line) > 200:
        return []
    people = people_in(line)
    return people if len(people) == 1 and people[0].affiliation else []


def _described_title(description: str) -> str | None:
    """A "Title: ..." line, else a first line in quotes; a placeholder ("TBA") is kept."""
    line = _TITLE_LINE.search(description)
    if line:
        return clean(line.group(1).strip(" \"“”'")) or None
    lines = [ln for ln in description.splitlines() if ln.strip()]
    for position, text in enumerate(lines[:2]):  # the first line, or the one after a speaker
        quoted = _QUOTED.match(text)
        if quoted and (position == 0 or people_in(lines[0])):
            return clean(quoted["title"])
    return None


def _with_affiliations(speakers: list, named: list) -> list:
    """SUMMARY's speakers, each given the affiliation DESCRIPTION states for the same name,
    or for the one described speaker of the same surname ("Jane B. Doe" for SUMMARY's "Jane
    Doe"; SUMMARY's spelling stays, as the feed's title for the talk gives it)."""
    by_name = {fold(s.name): s for s in named}
    by_surname = {fold(s.name.split()[-1]): s for s in named if s.name.split()}
    kept = []
    for speaker in speakers:
        described = by_name.get(fold(speaker.name))
        if described is None and len(by_surname) == len(named) and speaker.name.split():
            described = by_surname.get(fold(speaker.name.split()[-1]))
            described = described and replace(described, name=speaker.name)
        if described is not None and described.affiliation and _fuller(described, speaker):
            speaker = described  # "Northwestern University" for SUMMARY's "Northwestern"
        kept.append(speaker)
    return kept


def _fuller(described, speaker) -> bool:
    """DESCRIPTION's affiliation says at least what SUMMARY's does (or SUMMARY has none)."""
    given = fold(speaker.affiliation or "")
    return not given or fold(described.affiliation).startswith(given)


def _with_institution(speakers: list, description: str | None) -> list:
    """A lone speaker without affiliation takes DESCRIPTION's "Institution:" line."""
    if len(speakers) != 1 or speakers[0].affiliation or not description:
        return speakers
    line = _AFFILIATION_LINE.search(description)
    affiliation = clean_affiliation(line.group(1)) if line else None
    return [replace(speakers[0], affiliation=affiliation)] if affiliation else speakers


def place(
    location: str | None, description: str | None
) -> tuple[str | None, bool | None, str | None]:
    """(location, online, page URL): a LOCATION that is only a URL is a link, not a place."""
    page = None
    if location and _URL.match(location):
        page, location = location.strip(), None
        if ONLINE.search(page):
            return _held_in(description), True, None
    location = location or _held_in(description)
    online = True if location and ONLINE.search(location) else None
    return location, online, page


def _held_in(description: str | None) -> str | None:
    match = _HELD_IN.search(description or "")
    return clean(match.group(1)) if match else None


def plain(description: str | None) -> str | None:
    """DESCRIPTION as text: some generators write HTML into it (`<b>Title:</b> <a ...>`)."""
    if not description or not _TAG.search(description):
        return description
    text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</li\s*>", "\n", description)
    return html_text.unescape(_TAG.sub("", text)).strip() or None


def abstract(description: str | None) -> str | None:
    """DESCRIPTION minus bare URL lines, speaker lines and event metadata, paragraphs kept."""
    if not description:
        return None
    paragraphs = []
    lines = [ln for ln in description.splitlines() if ln.strip()]
    if lines and _QUOTED.match(lines[0]):  # the title, when SUMMARY has none (`_described_title`)
        description = description.replace(lines[0], "", 1)
    elif len(lines) >= 2 and _QUOTED.match(lines[1]) and people_in(lines[0]):
        description = description.replace(lines[0], "", 1).replace(lines[1], "", 1)
    for block in re.split(r"\n\s*\n", description):
        lines = [ln for ln in block.splitlines() if not _URL.match(ln)]
        lines = [ln for ln in lines if not _SPEAKER_LINE.match(ln) and not _META_LINE.match(ln)]
        lines = [_ABSTRACT_LABEL.sub("", ln) for ln in lines if ln.strip().lower() != "abstract"]
        text = clean(" ".join(lines))
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs) or None


def links(description: str | None) -> list[Link]:
    if not description:
        return []
    found = []
    for url in re.findall(r"https?://[^\s<>\"']+", description)[:20]:
        kind = classify(url.rstrip(".,;)"))
        if kind != "other":
            found.append(Link(kind, url.rstrip(".,;)")))
    return found
