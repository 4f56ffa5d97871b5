"""Records inside one block that holds several anchors (`records`, step 4): talks set one
after another in a single container, separated by `<br><br>`, a rule, or each led by a
heading ("<a><h2>Title</h2></a><br>9:00 – 9:40, Sat 21 June<hr>").

The block's lines are its own text lines and its child headings (a heading wrapped only in
inline elements, such as a link); they split at empty lines when those separate the
anchors, else at each anchor, the record starting as many lines before its anchor as every
record shows the same lead (a "Speaker:" label, a heading).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

from parsers.common.times import find_time_range
from parsers.heuristic.lines import Line


def block_records(lines, anchors, roots, shared) -> dict[int, int]:
    """Records inside one block that holds several anchors (talks separated by `<br><br>`):
    its lines split at empty lines when those separate the anchors, else at each anchor (the
    record starting as many lines before it as the usual title-first layout needs)."""
    owner: dict[int, int] = {}
    by_root: dict[int, list[int]] = defaultdict(list)
    for number, root in enumerate(roots):
        if shared[id(root)] >= 2:
            by_root[id(root)].append(number)
    for numbers in by_root.values():
        root = roots[numbers[0]]
        own = [line for line in lines if line.element is root]
        first_line = {n: anchors[n][0].index for n in numbers}
        headed = _with_heads(lines, root, own, set(first_line.values()), anchors)
        own = headed or own
        starts = [] if headed else [k for k, line in enumerate(own) if line.gap]
        segments = [own[a:b] for a, b in itertools.pairwise([*starts, len(own)])]
        holders = []
        for segment in segments:
            inside = [n for n in numbers if any(x.index == first_line[n] for x in segment)]
            holders.append(inside)
        if sum(1 for h in holders if len(h) == 1) == len(numbers):
            for segment, inside in zip(segments, holders, strict=True):
                for line in segment:
                    if inside:
                        owner[line.index] = inside[0]
            continue
        position = {line.index: k for k, line in enumerate(own)}
        spots = sorted(position[first_line[n]] for n in numbers)
        ordered = sorted(numbers, key=lambda n: first_line[n])
        if _one_talk_many_dates(own, spots):  # one record per delivery, the first titled
            bounds = [0, *spots[1:], len(own)]
            for k, number in enumerate(ordered):
                owner.update((line.index, number) for line in own[bounds[k] : bounds[k + 1]])
            continue
        lead = _line_lead(own, spots)
        for k, number in enumerate(ordered):
            start = max(0, spots[k] - lead)
            stop = spots[k + 1] - lead if k + 1 < len(spots) else len(own)
            for line in own[start:stop]:
                owner[line.index] = number
    return owner


def _one_talk_many_dates(own: list[Line], spots: list[int]) -> bool:
    """A title line, then only dated lines without a clock time ("Title<br>Venue A, May 2022
    <br>Venue B, June 2022"): one talk given at several venues, each delivery a talk of its
    own. The block is cut at each dated line, the title staying with the first; the others
    take it back when read (`delivery_heads`), not read as venue lines without a title.
    Lines with times are an agenda, never this."""
    if not 1 <= spots[0] <= 2 or spots != list(range(spots[0], len(own))):
        return False
    return all(find_time_range(own[spot].text)[0] is None for spot in spots)


def _line_lead(own: list[Line], spots: list[int]) -> int:
    """`_lead` for lines of one block: lines before each anchor that start every record."""

    def key(line: Line) -> str:
        if line.heading:
            return f"h{line.heading}"
        labelled = re.match(r"\s*([^\W\d][\w ]{0,20}):", line.text)
        return labelled.group(1).lower() if labelled else f"#{line.index}"

    best = 0
    for distance in range(1, 6):
        seen = [key(own[s - distance]) for s in spots if s - distance >= 0]
        if len(seen) == len(spots) and len(set(seen)) == 1 and not seen[0].startswith("#"):
            best = distance
    return best


INLINE_WRAPPERS = frozenset(["a", "span", "b", "strong", "em", "i", "font"])
MIN_HEADED = 3


def _with_heads(lines, root, own: list[Line], firsts: set[int], anchors) -> list[Line]:
    """The block's lines with its child headings ("<a><h2>Title</h2></a>" set among the
    block's own text), when a heading stands right before every anchor: each is the title
    that leads its record. Empty when that is not so: headings then stay context (a year
    heading over several records)."""
    anchored = {line.index for anchor in anchors for line in anchor}
    heads = [
        line
        for line in lines
        if line.heading and line.index not in anchored and _child_of(line.element, root)
    ]
    if len(firsts) < MIN_HEADED or not heads:
        return []
    merged = sorted([*own, *heads], key=lambda line: line.index)
    before = {merged[k + 1].index: merged[k] for k in range(len(merged) - 1)}
    if all(index in before and before[index].heading for index in firsts):
        return merged
    return []


def _child_of(element, root) -> bool:
    """Is `element` a child of `root`, or wrapped in inline elements only (a link) below it?"""
    node = element.getparent()
    for _ in range(3):
        if node is root:
            return True
        if node is None or node.tag not in INLINE_WRAPPERS:
            return False
        node = node.getparent()
    return False


def delivery_heads(
    lines: list[Line], owner: dict[int, int], anchors: list[list[Line]]
) -> dict[int, list[Line]]:
    """The title lines each further delivery of one talk shares with its first
    (`_one_talk_many_dates`): record number -> the lines to read before its own. The shape,
    after the cut: records set in one block, the first one or two unanchored lines then one
    anchored line, each next record a single anchored line without a clock time."""
    anchored = {line.index for anchor in anchors for line in anchor}
    members: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if line.index in owner:
            members[owner[line.index]].append(line)
    heads: dict[int, list[Line]] = {}
    head: list[Line] = []
    element = None
    for number, record in members.items():
        lead = [line for line in record if line.index not in anchored]
        single = len(record) == 1 and not lead
        if single and head and record[0].element is element and _untimed(record[0]):
            heads[number] = head
            continue
        head, element = [], None
        shaped = 1 <= len(lead) <= 2 and record[: len(lead)] == lead
        one_block = len({id(line.element) for line in record}) == 1
        if shaped and one_block and len(record) == len(lead) + 1 and _untimed(record[-1]):
            head, element = lead, record[0].element
    return heads


def _untimed(line: Line) -> bool:
    return find_time_range(line.text)[0] is None
