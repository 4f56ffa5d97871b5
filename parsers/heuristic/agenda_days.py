"""A day's heading read as a talk: the dated line over a day's agenda of timed slots.

A list of seminar days prints each day as a card headed by its date ("Reading group on
March 3, 2024") over a table or list of the day's timed slots. The heading is dated and so
anchors a record of its own; when its words read as a name ("Reading Group"), `fields`
makes it an untitled "talk" on that day by that "speaker", else a talk titled by the
heading's words with nobody to give it. Such a record gives no clock time and lacks a title
or a speaker, and the slots right after it are timed on its very day: it is the day's
heading (context, which has already dated the slots), not a talk.

A programme can also be an outline of its slots only: sessions, workshops, panels and
excursions with their themes ("Session 2: Soil and water", "Workshop (parallel): …"), breaks
in between, and nobody named anywhere (`session_outline`). Its rows are dated and timed like
talks, but none is one: a talk's title names its subject, not the kind of slot it fills.
"""

from __future__ import annotations

import re

# Timed talks on the heading's day, right after it, that make it an agenda's heading: one
# timed talk under a dated line is that talk's own time (`anchors._absorb_lone_times`).
MIN_SLOTS = 2


def without_day_headings(found: list[tuple], undated: frozenset[int] = frozenset()) -> list[tuple]:
    """`found` ((talk, line index) in page order) minus the untimed talks without a title or
    a speaker that head at least `MIN_SLOTS` timed talks on their own day (module docstring).
    `undated`: the line indexes of talks whose record printed no date (the day came from the
    context): a heading prints its day, a session's second paper takes it from above."""
    kept = []
    for k, (talk, at) in enumerate(found):
        following = [t for t, _ in found[k + 1 : k + 1 + MIN_SLOTS]]
        if at not in undated and _heads_agenda(talk, following):
            continue
        kept.append((talk, at))
    return kept


def _heads_agenda(talk, following: list) -> bool:
    day = talk.starts_at or ""
    if (talk.title and talk.speakers) or len(day) != 10 or len(following) < MIN_SLOTS:
        return False
    return all((t.starts_at or "").startswith(f"{day}T") for t in following)


# A programme slot named by its kind, not a talk's subject: "Session 2: …", "Plenary session
# 1", "Thematic session", "Workshop 3 (parallel): …", "Panel …", "Round table", "Tutorial",
# "Field trip", in the languages programmes use. A kind word then a modifier (French and
# Spanish put the adjective after: "Session plénière") is still the kind.
SLOT_KIND = re.compile(
    r"^\W*(?:(?:plenary|parallel|thematic|special|poster|invited|contributed|oral)\s+)?"
    r"(?:sessions?|sess[ãa]o|sesi[óo]n|sessione|sitzung|tracks?|workshops?|ateliers?|"
    r"tutori(?:als?|els?)|panels?|plenary|pl[ée]ni[èe]re|round[- ]?tables?|tables?[- ]rondes?|"
    r"mesas?[- ]redondas?|excursions?|excurs[ãa]o|exkursion|field[- ]trips?)\b",
    re.I,
)
# At least this share of the talks named by their slot's kind makes the page an outline.
OUTLINE_SHARE = 0.5


def session_outline(talks: list) -> bool:
    """Does a list of "talks" none of which names a speaker read as a programme's outline,
    at least `OUTLINE_SHARE` of them titled by the kind of their slot (`SLOT_KIND`)? Such a
    page lists its sessions, workshops and panels, not talks (module docstring)."""
    if not talks or any(t.speakers for t in talks):
        return False
    slots = sum(1 for t in talks if t.title and SLOT_KIND.match(t.title))
    return slots >= OUTLINE_SHARE * len(talks)
