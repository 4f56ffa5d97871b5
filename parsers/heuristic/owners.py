"""The record map (`owner`: line index -> record number) and the one way to cut it finer.

Why a module: record discovery (`records.find_records`) builds the map, and later steps cut a
record into several (a session's papers, a time grid's cells) or read it record by record
(`extract`); each did its own grouping and renumbering before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from parsers.heuristic.lines import Line


def members_of(lines: list[Line], owner: dict[int, int]) -> dict[int, list[Line]]:
    """Each record's lines, in page order."""
    members: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if line.index in owner:
            members[owner[line.index]].append(line)
    return members


def split_records(
    lines: list[Line], owner: dict[int, int], parts: Callable[[list[Line]], list[list[Line]]]
) -> dict[int, int]:
    """`owner` with each piece `parts` cuts out of a record made a record of its own (new
    numbers after the largest); lines `parts` does not return stay in their record."""
    number = max(owner.values(), default=-1) + 1
    for record in list(members_of(lines, owner).values()):
        for piece in parts(record):
            for line in piece:
                owner[line.index] = number
            number += 1
    return owner
