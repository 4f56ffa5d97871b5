"""Seminar vocabulary in every language we read, as data: one place to add a language.

Why a module of word lists: the heuristic, the people helpers and the status rules each
need "what a seminar is called" in English, German, French, Spanish, Italian, Dutch,
Swedish, Russian, Japanese, Chinese and Korean. Written into four regexes, a word added
for one rule was missing from the others. The rules now build their patterns from these
lists (`alternation`), and add only what is theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# What one session of a series is called: "Seminar: Jane Doe", "No colloquium this week".
SESSION_NOUNS = (
    "seminar", "talk", "colloquium", "kolloquium", "lecture", "webinar", "vortrag", "exposé",
    "séminaire", "seminaire", "seminario", "seminari",
)  # fmt: skip

# Words for "meeting" that a "no ... this week" line may use instead of a session noun.
MEETING_NOUNS = ("meeting", "session", "sitzung", "sesión", "seduta", "bijeenkomst")

# Kinds of event a label before a speaker or title may name ("Keynote: …", "Journal club: …").
EVENT_NOUNS = ("conference", "keynote", "presentation", "reading group", "journal club")

# Regex pieces for a page that calls itself a seminar, talks or programme page, with their
# plurals and inflections (hence patterns, not words), and the CJK terms (no word breaks).
SERIES_PATTERNS = (
    r"seminars?", r"colloqui(?:um|a)", r"kolloquium", r"talks?", r"speakers?", r"lecture series",
    r"séminaires?", r"seminaires?", r"seminari[oa]?s?", r"vortr[äa]ge?", r"vortragsreihe",
    r"exposés?", r"conférences?", r"workshop", r"journées?", r"programme", r"program", r"agenda",
    r"reading group", r"journal club", r"webinars?", r"seminari\w*", r"seminarium", r"föredrag",
    r"foredrag", r"voordrachten", r"семинар\w*", r"коллоквиум\w*",
)  # fmt: skip
SERIES_CJK = (
    "セミナー", "談話会", "講演会", "研究会", "研讨会", "讲座", "学术报告", "세미나", "콜로키움",
)  # fmt: skip


def alternation(words: Iterable[str]) -> str:
    """`(?:a|b|…)` matching any of the words literally, longest first (so no prefix wins)."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(word) for word in ordered) + ")"


def series_words() -> re.Pattern[str]:
    """A page's own words for being a seminar/talks page (its title, headings, intro)."""
    latin = "|".join(SERIES_PATTERNS)
    return re.compile(rf"\b({latin})\b|" + "|".join(SERIES_CJK), re.I)
