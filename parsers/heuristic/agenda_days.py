"""A day's heading read as a talk: the dated line over a day's agenda of timed slots.

A list of seminar days prints each day as a card headed by its date ("Reading group on
March 3, 2024") over a table or list of the day's timed slots. The heading is dated and so
anchors a record of its own; when its words read as a name ("Reading Group"), `fields`
makes it an untitled "talk" on that day by that "speaker", else a talk titled by the
heading's words with nobody to give it. Such a record gives no clock time and lacks a title
or a speaker, and the slots right after it are timed on its very day: it is the day's
heading (context, which has already dated the slots), not a talk.
"""

from __future__ import annotations

# Timed talks on the heading's day, right after it, that make it an agenda's heading: one
# timed talk under a dated line is that talk's own time (`anchors._absorb_lone_times`).
MIN_SLOTS = 2


def without_day_headings(found: list[tuple]) -> list[tuple]:
    """`found` ((talk, line index) in page order) minus the untimed talks without a title or
    a speaker that head at least `MIN_SLOTS` timed talks on their own day (module docstring)."""
    kept = []
    for k, (talk, at) in enumerate(found):
        if _heads_agenda(talk, [t for t, _ in found[k + 1 : k + 1 + MIN_SLOTS]]):
            continue
        kept.append((talk, at))
    return kept


def _heads_agenda(talk, following: list) -> bool:
    day = talk.starts_at or ""
    if (talk.title and talk.speakers) or len(day) != 10 or len(following) < MIN_SLOTS:
        return False
    return all((t.starts_at or "").startswith(f"{day}T") for t in following)
