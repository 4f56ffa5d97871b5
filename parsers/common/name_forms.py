"""Ways a name is written beside other words that are not the name: citation-style author
lists with the initials after the surname, and credentials after the name.

Shapes (invented examples):
  "Durand P.-L., Martin A., Roux J. R. Some Meeting 05/2019. Lyon"
      -> three authors written surname first, then what the list is followed by (a venue)
  "Durand P.-L.. Some Meeting"          -> one author, the list closed by its own full stop
  "Jane Doe, PhD, RN, MPH"              -> the credentials after a name are no affiliation
  "Jane Doe, MD and Bo Li, DO"          -> two speakers, each with a credential
`people` reads these before it splits "Name, Affiliation" at the first comma, which would
take the co-authors or the degrees for an affiliation.
"""

from __future__ import annotations

import re

from parsers.common.name_shapes import _CAPITAL

_CAP = f"[{_CAPITAL}]"
# A surname ("Martin", "Le Roux", "Durand-Roy", "O'Neil"): capitalised words, one or two.
_SURNAME = rf"{_CAP}[^\W\d_]+(?:['’-]{_CAP}?[^\W\d_]+)?"
# Initials after it: "A.", "P.-L.", "J. R.", "J.R.".
_INITIALS = rf"{_CAP}\.(?:\s?-?\s?{_CAP}\.){{0,2}}"
_CITED = rf"{_SURNAME}(?:\s+{_SURNAME})?\s+{_INITIALS}"
_INITIALS_LAST_LIST = re.compile(
    rf"^(?P<names>{_CITED}(?:\s*,\s*(?:and\s+|&\s*|et\s+)?{_CITED})*)"
    r"(?:\s+(?:and|&|et)\s+(?P<last>" + _CITED + r"))?(?P<stop>\s?\.)?(?=\s|$)"
)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*|et\s+)?")


def initials_last_authors(text: str) -> tuple[list[str], str] | None:
    """(the authors, the text after the list) when `text` opens with authors written
    "Surname I." and joined by commas, else None. One author is read only with the list's
    own full stop after the initial's ("Durand P.-L.. Venue") or alone: "Martin A. Title"
    may be a name and a title, or a title's words."""
    text = text.strip()
    match = _INITIALS_LAST_LIST.match(text)
    if match is None:
        return None
    names = [n.strip() for n in _LIST_SPLIT.split(match["names"]) if n.strip()]
    if match["last"]:
        names.append(match["last"].strip())
    rest = text[match.end() :].strip()
    if len(names) < 2 and rest and not match["stop"]:
        return None
    return names, rest


# Credentials written after a name: academic degrees, licences and fellowships. Case matters
# ("DO" is a degree, "Do" a word); two-letter words that are also places or firms ("MA",
# "MS", "PA") are left out.
_CREDENTIAL = (
    r"(?:Ph\.?\s?D|D\.?Phil|M\.?D|D\.?O|R\.?N|M\.?P\.?H|M\.?Sc|M\.?B\.?A|MBBS|MBChB|Pharm\.?D|"
    r"DNP|BSN|MSN|DDS|DMD|DVM|LCSW|MSW|FRCPC?|FRCS|FACS|FACP|FACC|FAHA|Dr\.?\s?PH|Sc\.?D|"
    r"Ed\.?D|Psy\.?D|APRN|CRNP|NP|PA-C)\.?"
)
_CREDENTIAL_RUN = re.compile(rf"\s*,\s*{_CREDENTIAL}(?:\s*,\s*{_CREDENTIAL})*(?=[\s,;&()]|$)")


def without_credentials(text: str) -> str:
    """The text minus the credentials a comma sets after a name ("Jane Doe, PhD, RN"). What
    follows the run stays: after a comma again when it is more words ("Jane Doe, MD
    Professor, X" -> "Jane Doe, Professor, X"), so an affiliation is still one."""

    def cut(match: re.Match) -> str:
        following = text[match.end() :].lstrip()
        if not following or following[0] in ",;&(" or following.startswith("and "):
            return ""
        return ","

    return _CREDENTIAL_RUN.sub(cut, text)
