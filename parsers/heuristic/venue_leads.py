"""A personal talks list's entry led by where the talk was given: "Spring Meeting, Lyon: Title"
or "Lichen Day, Université de Valls: Title. See Spring Meeting 2030."

On a page whose owner gives every talk, the words before the colon are the event and the
place, never a speaker with an affiliation (which is how `people` reads "Name, Place"); the
title is what follows, minus a closing cross-reference to another entry ("See …"). Split from
`titles`, which asks it, like `_owned_entry`, only on a personal page's unread first line.
"""

from __future__ import annotations

import re

from parsers.heuristic.cleanup import unquote
from parsers.heuristic.reading import Parsed
from parsers.talk import Speaker

# "Event, Place: Title": a short lead holding one comma, then a colon and the title; no quote
# in the lead (a quoted title before it: "“Title”, Event: Long Name of the Event").
_LEAD = re.compile(r"^(?P<lead>[^:,;()“”\"«»„]{2,60},\s*[^:,;()“”\"«»„]{2,40}):\s+(?P<title>\S.*)$")
# A closing note that points elsewhere: "… Problem). See Elica Meeting 2030."
_SEE = re.compile(r"(?<=[.)\]])\s*(?:see|cf\.|voir|siehe)\s+[^.]{3,60}\.?$", re.I)
_TITLE_WORDS = 3


def venue_led_title(part: Parsed, owner: Speaker | None) -> str | None:
    """The title of "Event, Place: Title" on a personal page (module docstring), or None: the
    lead must not name the owner, the title must have three words or more."""
    if owner is None:
        return None
    found = _LEAD.match(part.rest)
    if found is None or owner.name.casefold() in found["lead"].casefold():
        return None
    title = _SEE.sub("", found["title"]).strip()
    title = title[:-1] if title.endswith(".") and not title.endswith("..") else title
    if len(title.split()) < _TITLE_WORDS:
        return None
    return unquote(title)
