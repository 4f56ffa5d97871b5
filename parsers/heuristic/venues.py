"""Venue listings read as talks: an event's practical page (where to eat, sleep, meet) gives
dated entries with a name and an address, which read like "Name, affiliation: Title"; the
telephone number a talk never prints tells them apart (`extract._judge`)."""

from __future__ import annotations

import re

from parsers.talk import Talk

# A telephone number: "418 692-5524", "(212) 555-0199", "+1 866 662 6647", "01 23 45 67 89".
PHONE = re.compile(
    r"(?<![\d.,/-])(?:\+\d{1,3}[\s.-]?)?(?:\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}"
    r"|0\d(?:[\s.]\d\d){4})(?![\d.,/-]?\d)"
)


def venue_listing(talk: Talk) -> bool:
    """Does the talk's title, location or a speaker's affiliation give a phone number?"""
    texts = [talk.title or "", talk.location or ""]
    texts += [s.affiliation or "" for s in talk.speakers]
    return any(PHONE.search(text) for text in texts)
