"""A speaker given by a user name: a community site's schedule prints the account of each
presenter ("jdoe42", "SeedBanker", "@lichenfan") in its speaker field, not a person's name.

`people.people_in` reads only names of two words or more, so such a field would credit nobody.
A handle is the speaker only where the page labels the field as the speaker's (the caller
knows): any other single word may be a track, a level or a room.
"""

from __future__ import annotations

import re

from parsers.common.vocab import NOT_NAME_WORDS
from parsers.talk import Speaker

# One token of letters, digits and "_.-", led by a letter (an "@" before it is dropped).
_HANDLE = re.compile(r"^@?(?P<name>[^\W\d_][\w.-]{1,29})$")
# Single words a speaker field holds that name nobody: placeholders and collective words.
_NOBODY = re.compile(
    r"^(?:tba|tbd|tbc|nn|none|n/a|various|everyone|everybody|all|staff|organi[sz]ers?|"
    r"speakers?|presenters?|guest|guests|unknown|anonymous|cancel+ed|panel|panelists)$",
    re.I,
)
_MIN_LETTERS = 3


def labelled_handle(text: str) -> Speaker | None:
    """The speaker a labelled speaker field gives as one user name, or None: the text is one
    token of three letters or more that is no placeholder ("TBA") and no common word."""
    found = _HANDLE.match(text.strip())
    if found is None:
        return None
    name = found["name"].rstrip(".-")
    if sum(ch.isalpha() for ch in name) < _MIN_LETTERS or _NOBODY.match(name):
        return None
    if name.casefold() in NOT_NAME_WORDS:
        return None
    return Speaker(name)
