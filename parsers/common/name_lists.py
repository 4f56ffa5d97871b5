"""The punctuation of a written list of speakers, tidied before the names in it are judged.

`people` reads "A (X) and B (Y)", "A, B and C", "A (X); B (Y & Z)"; what it splits on and
what it drops around the names lives here, apart from the judging of names, so both stay
small; and one speaker's "Name (Affiliation)" or "Name, Affiliation" (`parse_speaker`).
Shapes (invented examples):
  "Ann Lee (Some University)*; Bo Chen (Other University)" -> "*" marks the presenter: dropped
  "Ann Lee (Some University & Other Institute); Bo Chen"  -> an "&" inside brackets joins two
                                                              institutions, not two speakers
  "Ann Lee (Some University); Bo Chen (Other University"  -> a cell cut before its last ")"
  "加藤 祥（某大学） 💻"                                   -> full-width brackets, a symbol marking
                                                              an online talk
"""

from __future__ import annotations

import re

from parsers.common.name_shapes import strip_honorifics
from parsers.common.text import clean
from parsers.talk import Speaker

SPEAKER_SEPARATORS = re.compile(
    r"\s*(?:;|\s[&+]\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\boch\b|\bog\b|\bи\b)\s*"
)  # "+" joins two presenters ("Jane Doe + Bo Li"), "и" is Russian "and"
# "A (X), B (Y), and C": a comma right after a bracketed affiliation ends that speaker; CJK
# lists write it full-width or as "、", and often with no space after it ("A (X),B (Y)").
# An author list may set its "Name (Affiliation)" entries apart by spaces alone ("A (X)   B
# (Y)", a table cell's authors): a capitalised word after the closing bracket that opens
# another bracketed entry starts the next speaker (each part must still be a name).
AFTER_BRACKET = re.compile(
    r"(?<=[)\]])\s*[,，、]\s*|(?<=[)\]])\s+(?=[A-ZÀ-ÖØ-Þ][^()\[\],;]{1,60}?\s[(\[][^()\[\]]+[)\]])"
)

# Symbols a programme sets after (or before) a presenter list to mark the talk ("💻" online,
# "🎤", "⚡"): no part of a name. Full-width brackets are read as brackets.
_MARK = r"[\s\u2190-\u2bff\ufe0f\U0001f000-\U0001faff]+"
_MARKERS = re.compile(rf"^{_MARK}|{_MARK}$")
_FULL_WIDTH = str.maketrans({"（": "(", "）": ")"})
# An author list marks who presents with "*", "†" or "‡" set right after the name or its
# bracketed affiliation ("Ann Lee (X)*; Bo Chen"): a footnote mark, no part of either.
_PRESENTER_MARK = re.compile(r"(?:(?<=[^\W\d_])|(?<=[)\]]))[*†‡]+(?=\s|[;,(]|$)")


def tidy(text: str) -> str:
    """The list without marks around it or after its names, with a last bracket a cut-off
    cell left open closed again ("Bo Chen (Other University")."""
    text = _MARKERS.sub("", text.translate(_FULL_WIDTH))
    text = _PRESENTER_MARK.sub("", text).strip()
    return _closed(text)


def _closed(text: str) -> str:
    """ "… (Other University" -> "… (Other University)": only the last bracket, opened after
    every closing one and holding a word, is closed; anything else is left as it is."""
    opened = text.rfind("(")
    if opened < 0 or text.count("(") != text.count(")") + 1 or text.rfind(")") > opened:
        return text
    inside = text[opened + 1 :]
    return f"{text})" if re.search(r"[^\W\d_]{2}", inside) and "[" not in inside else text


def bracketed_entries(text: str) -> bool:
    """Is a long text a list of short "Name (Affiliation)" entries? A paper's six authors
    with their institutions run past the length a single speaker's text is allowed."""
    parts = AFTER_BRACKET.split(text)
    return 2 <= len(parts) <= 12 and all(len(p) <= 120 and p.rstrip().endswith(")") for p in parts)


def unshared(speakers: list[Speaker]) -> list[Speaker]:
    """ "Ann Lee & Bo Chen (Some Bank)", "Ann Lee and Bo Chen, Some Lab": one affiliation
    after the last of several names covers them all, so it is no one's own (the schema keeps
    an affiliation only where the page states it for that speaker)."""
    if len(speakers) < 2 or any(s.affiliation for s in speakers[:-1]):
        return speakers
    return [Speaker(s.name, None) for s in speakers]


def split_list(piece: str) -> list[str]:
    """`piece` cut at the speaker separators that stand outside brackets: the "&" of "(Some
    University & Other Institute)" joins two institutions of one speaker."""
    cuts, depth, start = [], 0, 0
    for match in SPEAKER_SEPARATORS.finditer(piece):
        depth = _depth(piece, start, match.start(), depth)
        start = match.start()
        if depth == 0:
            cuts.append(match)
    parts, last = [], 0
    for match in cuts:
        parts.append(piece[last : match.start()])
        last = match.end()
    parts.append(piece[last:])
    return parts


def _depth(text: str, start: int, end: int, depth: int) -> int:
    """The bracket depth at `end`, counting on from `depth` at `start`."""
    for char in text[start:end]:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
    return depth


# --------------------------------------------------------------------------- one speaker

_DEGREE_ONLY = re.compile(r"^(?:ph\.?\s?d|m\.?d|jr|sr|msc|m\.sc)\.?$", re.IGNORECASE)
# "Name (Affiliation)", also with a nickname in brackets inside or after the name: "Minseo
# (Max) Park (Kyoto University)", "Robert Smith (Bob) (MIT)". A nickname is one capitalised
# word, never an acronym (an affiliation: "KTH", "MIT").
_BRACKET_NICKNAME = r"\([A-Z][a-z'’-]{1,14}\)"
_PAREN_AFFILIATION = re.compile(
    rf"^(?P<name>[^()]+?(?:\s*{_BRACKET_NICKNAME}(?:\s+[^()]+?)?)?)"
    r"\s*[(\[](?P<aff>[^()\[\]]+)[)\]]\s*\.?$"
)
# Inside the name only: "Karen Vogtmann (Warwick)" is a name and an affiliation.
NICKNAME_IN_BRACKETS = re.compile(rf"\s{_BRACKET_NICKNAME}(?=\s+\w)")
_TRAILING_NICKNAME = re.compile(rf"\s*{_BRACKET_NICKNAME}$")


def clean_affiliation(text: str | None) -> str | None:
    """Affiliation as given, minus wrapping punctuation and a trailing full stop."""
    text = clean(text)
    if not text:
        return None
    text = text.strip(" ,;–—-")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()  # "(KTH)" as a page prints it next to the name
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
    if paren and "," not in paren["name"]:  # "Jan Kieseler, European Org. ... (CERN)": comma first
        # "Robert Smith (Bob) (MIT)": the nickname after the name goes, one inside it stays
        name, given = _TRAILING_NICKNAME.sub("", paren["name"]), paren["aff"]
    elif "," in text:
        head, tail = text.split(",", 1)
        if not _DEGREE_ONLY.match(tail.strip()):
            name, given = head, tail
    # a dash left between the name and its bracket ("Jane Doe- (MIT)") ends no name
    name = without_full_stop(strip_honorifics(clean(name) or "")).rstrip(" -–—")
    if not name:
        return None
    return Speaker(name=name, affiliation=clean_affiliation(affiliation or given))


def without_full_stop(name: str) -> str:
    """The sentence's full stop after the last name of an author list ("…, and Paolo Rossi."),
    not an initial's ("Krishna P.")."""
    if name.endswith(".") and not re.search(r"(?:^|\s)\w\.$", name):
        return name[:-1].rstrip()
    return name
