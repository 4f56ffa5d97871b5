"""Markup a page shows as text: a theme that escapes its own HTML twice prints
`<span class="…">` and an icon's `<svg><path d="M288 32c-80.8 …"/></svg>` around a card's
date. Read as text, the tags make the line too long to be read for a date ("2025-05-29"
buried after 900 characters of path data) and their attributes look like words. Only tags
written out in full count: a name after "<" and a closing ">" ("a < b > c" is no tag).
"""

from __future__ import annotations

import html
import re

# A literal start or end tag: "<span>", "</span>", '<span id="x" title="views">', "<path …/>".
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^<>]*?)?/?>")
_TAGS_MIN = 2  # one "<b>" may be a title about HTML; a run of tags is the page's markup


def without_literal_markup(text: str) -> str:
    """The text with literal tags cut out (module docstring) and the entities among them
    read ("&middot;"), spaces collapsed; the text itself where it holds fewer than two tags."""
    if "<" not in text or len(_TAG.findall(text)) < _TAGS_MIN:
        return text
    return re.sub(r"\s{2,}", " ", html.unescape(_TAG.sub(" ", text))).strip()
