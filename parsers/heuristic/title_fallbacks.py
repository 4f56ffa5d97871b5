"""A record's title when the usual rules (`titles`) find none, because the line that gives it
was read as a person or an affiliation: a slot's heading in Title Case that reads like a name,
over the speakers' own line; a topic line under a name, taken for the speaker's affiliation.
"""

from __future__ import annotations

import re

from parsers.common.name_lists import clean_affiliation
from parsers.common.name_shapes import INSTITUTION_WORD
from parsers.common.people import people_in
from parsers.heuristic.reading import Parsed
from parsers.talk import Speaker


def named_heading(
    content: list[Parsed], speakers: list[Speaker]
) -> tuple[Parsed | None, list[Speaker]]:
    """A record's heading read as a person while a plain line below it names the speakers
    ("<h6>Common Track Summary</h6> … <p><i>Jane Doe</i></p>"): a slot's heading that
    reads like a name in Title Case is the talk's title, and the people below give it."""
    heads = [p for p in content if p.used and p.line.heading and p.label is None]
    if len(heads) != 1 or len(heads[0].rest.split()) > _HEADING_NAME_WORDS:
        return None, speakers
    head = heads[0]
    named = {s.name for s in people_in(head.rest)}
    others = [s for s in speakers if s.name not in named]
    below = [
        p
        for p in content
        if p.used
        and p.label is None
        and not p.line.heading
        and p.line.index > head.line.index
        and any(s.name in p.rest for s in others)
    ]
    if not named or not others or len(others) == len(speakers) or not below:
        return None, speakers
    return head, others


_HEADING_NAME_WORDS = 4


# Short words of institution names and titles alike (three letters or more: shorter ones are
# never counted).
_FUNCTION_WORDS = frozenset(
    {"for", "and", "the", "with", "from", "des", "les", "und", "der", "die", "das", "für", "del"}
)


def topic_under_name(content: list[Parsed], speaker: Speaker) -> Parsed | None:
    """The line under a name that was read as the speaker's affiliation ("<b>Jane Doe</b><br>
    Graph models and their learning"), in a record with no title: a phrase in sentence case
    (two lowercase words or more besides "of", "and") names no institution, it is the talk's
    title or topic, the only one the slot shows."""
    if not speaker.affiliation:
        return None
    for part in content:
        if not part.used or part.label is not None:
            continue
        if clean_affiliation(part.rest.strip("()")) != speaker.affiliation:
            continue
        text = part.rest
        words = re.findall(r"[^\W\d_]+", text)
        lower = [w for w in words if w.islower() and w not in _FUNCTION_WORDS and len(w) >= 3]
        if text.startswith("(") or INSTITUTION_WORD.search(text) or len(lower) < 2:
            return None
        return part
    return None
