"""Keep a talk's id when the only handle it has (its title) is corrected.

`Talk.id` comes from the talk's own URL or anchor when the page gives one, so a talk with a
URL keeps its id through any edit. Talks without one (most series pages) are keyed on their
speakers and title, so a corrected title would turn the talk into a "new" talk plus a
"removed" one. Before a page is stored, each talk whose id the series has never seen is
therefore matched against the series' live talks that this page no longer lists, on strong
evidence only:

* the same speakers, and the same start or a similar title (a retitled or moved talk);
* no speakers on either, and a nearly identical title with no conflicting abstract, or the
  same abstract with a similar title (a typo fixed on a page that names nobody).

A match takes over the old id, so the store records the change in `talk_changes` instead of
adding a row. Matching is one-to-one, best evidence first; anything weaker stays a new talk,
because merging two different talks would be worse than a spurious new/removed pair.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

from parsers.common.text import fold

SIMILAR_TITLE = 0.6  # with the same speakers: a retitle keeps most of its words
NEAR_IDENTICAL_TITLE = 0.85  # with nobody named: only typo-level edits
ABSTRACT_TITLE = 0.5  # with nobody named but the same abstract


def reconcile(records: list[dict[str, Any]], known: Iterable[dict[str, Any]]) -> None:
    """Give new `records` the id of the vanished talk they continue (updates them in place).

    `known`: the series' live talks that are not on this page, as dicts with `id`, `title`,
    `starts_at`, `speaker_names` ("A; B") and `abstract`.
    """
    candidates = list(known)
    if not candidates:
        return
    pairs = sorted(
        (
            (score, i, j)
            for i, record in enumerate(records)
            for j, old in enumerate(candidates)
            if (score := evidence(record, old)) > 0
        ),
        reverse=True,
    )
    taken_records: set[int] = set()
    taken_old: set[int] = set()
    for _score, i, j in pairs:
        if i not in taken_records and j not in taken_old:
            records[i]["id"] = candidates[j]["id"]
            taken_records.add(i)
            taken_old.add(j)


def evidence(record: dict[str, Any], old: dict[str, Any]) -> float:
    """How sure we are that `record` is `old` edited; 0 when not sure enough."""
    new_speakers = _speaker_key(s["name"] for s in record.get("speakers") or ())
    old_speakers = _speaker_key((old.get("speaker_names") or "").split(";"))
    title = _similarity(record.get("title"), old.get("title"))
    if new_speakers or old_speakers:
        if new_speakers != old_speakers:
            return 0.0
        same_start = bool(record.get("starts_at")) and record.get("starts_at") == old.get(
            "starts_at"
        )
        if same_start or title >= SIMILAR_TITLE:
            return 1.0 + title + (1.0 if same_start else 0.0)
        return 0.0
    new_abstract, old_abstract = record.get("abstract"), old.get("abstract")
    same_abstract = bool(new_abstract) and new_abstract == old_abstract
    conflicting = bool(new_abstract and old_abstract) and not same_abstract
    if same_abstract and title >= ABSTRACT_TITLE:
        return 1.0 + title
    if title >= NEAR_IDENTICAL_TITLE and not conflicting:
        return title
    return 0.0


def _speaker_key(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(key for key in (fold(name) for name in names) if key))


def _similarity(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, fold(a), fold(b)).ratio()
