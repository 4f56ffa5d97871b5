"""Speaker names and affiliations, in the forms seminar pages write them.

Forms handled (real strings from the seed pages):
  "Liam Solus (KTH)"                                  -> Liam Solus / KTH
  "Dan Roberts, MIT, Center for Theoretical Physics"  -> Dan Roberts / MIT, Center for ...
  "Joan Bruna, Professor of Computer Science, ..."    -> the whole descriptor after the name
  "Dr. Jane Doe"                                      -> Jane Doe (honorifics dropped)
  "A and B", "A, B and C", "A & B"                    -> several speakers
The affiliation is kept *as given* (only a trailing full stop goes): the schema records what
the page says for that talk, and institution matching is a later, separate concern.
"""

from __future__ import annotations

import re

from parsers.common.text import clean
from parsers.talk import Speaker

HONORIFICS = re.compile(
    r"^(?:(?:prof(?:essor)?|dr|mr|mrs|ms|mx|sir|dame|assoc\.? prof|assistant prof|"
    r"associate prof|a/prof|pr|m|mme|herr|frau)\.?\s+)+",
    re.IGNORECASE,
)
DEGREES = re.compile(r",?\s+\b(?:ph\.?\s?d|m\.?d|jr|sr|msc|m\.sc)\.?$", re.IGNORECASE)
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "le",
        "la",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "ten",
        "ter",
        "zu",
        "st",
    ]
)
SPEAKER_SEPARATORS = re.compile(r"\s*(?:;|\s&\s|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
_DEGREE_ONLY = re.compile(r"^(?:ph\.?\s?d|m\.?d|jr|sr|msc|m\.sc)\.?$", re.IGNORECASE)
_PAREN_AFFILIATION = re.compile(r"^(?P<name>[^()]+?)\s*[(\[](?P<aff>[^()\[\]]+)[)\]]\s*\.?$")
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’\-.]*|[A-Z]\.|\w\.)$", re.UNICODE)


def strip_honorifics(name: str) -> str:
    """ "Prof. Dr. Jane Doe, Ph.D." -> "Jane Doe"."""
    name = HONORIFICS.sub("", name.strip())
    return DEGREES.sub("", name).strip(" ,")


def looks_like_name(text: str | None) -> bool:
    """A person's name: 2-6 capitalised tokens (particles allowed), no digits, not a sentence."""
    if not text or any(ch.isdigit() for ch in text) or len(text) > 60:
        return False
    tokens = strip_honorifics(text).split()
    if not 2 <= len(tokens) <= 6:
        return False
    capitalised = [t for t in tokens if t.lower() not in PARTICLES]
    return bool(capitalised) and all(_NAME_TOKEN.match(t) for t in capitalised)


def clean_affiliation(text: str | None) -> str | None:
    """Affiliation as given, minus wrapping punctuation and a trailing full stop."""
    text = clean(text)
    if not text:
        return None
    text = text.strip(" ,;–—-")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1]
    return text.strip() or None


def parse_speaker(text: str | None, affiliation: str | None = None) -> Speaker | None:
    """One speaker from "Name (Affiliation)" or "Name, Affiliation"; an explicit affiliation wins.

    Splits at the first comma because names rarely contain one in these pages while
    affiliations often do ("MIT, Center for Theoretical Physics").
    """
    text = clean(text)
    if not text:
        return None
    name, given = text, None
    paren = _PAREN_AFFILIATION.match(text)
    if paren:
        name, given = paren["name"], paren["aff"]
    elif "," in text:
        head, tail = text.split(",", 1)
        if not _DEGREE_ONLY.match(tail.strip()):
            name, given = head, tail
    name = strip_honorifics(clean(name) or "")
    if not name:
        return None
    return Speaker(name=name, affiliation=clean_affiliation(affiliation or given))


def split_speakers(text: str | None) -> list[Speaker]:
    """Several speakers in one string ("A (X) and B (Y)", "A, B and C")."""
    text = clean(text)
    if not text:
        return []
    parts = [p for p in SPEAKER_SEPARATORS.split(text) if p and p.strip()]
    if len(parts) > 1 and all(_name_part(p) for p in parts):
        if all("(" not in p for p in parts) and "," in parts[0]:
            parts = [q for p in parts for q in p.split(",") if q.strip()]
        speakers = [parse_speaker(p) for p in parts]
        return [s for s in speakers if s]
    speaker = parse_speaker(text)
    return [speaker] if speaker else []


def _name_part(part: str) -> bool:
    head = re.split(r"[(,\[]", part, maxsplit=1)[0].strip()
    return looks_like_name(head) or all(looks_like_name(p.strip()) for p in part.split(",") if p)
