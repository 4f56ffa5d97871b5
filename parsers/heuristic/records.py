"""The heuristic extractor's record discovery: which lines belong to which talk.

1. lines that give a date or a clock time are *anchors* (`anchors` says which lines count,
   and when two lines are one anchor);
2. each anchor climbs to the largest element that holds no other anchor: its list item, table
   row, card or section; records whose structure differs from the page's usual one step down
   to it (a one-talk year group becomes its card);
3. content between records joins the record before it, or the one after it when every record
   starts the same way before its anchor (an `<h3>` title, a photo); a year row or heading
   between records stays outside them (it is context);
4. a block holding several anchors (talks separated by `<br><br>`) is cut at its empty lines,
   or at each anchor; a title line followed only by dated lines without times is one talk
   given at several venues (one record);
5. a card whose fields are headed by labels ("<h4>Speaker</h4>", each once) is one record
   whatever dates it shows (`_one_per_card`), and a row with an empty time cell that fills
   its own speaker cell is a talk of its own, not part of the session row above it;
6. a time repeated in other zones in one cell, or a table row's start and end cells, is one
   anchor, and a session listing several papers is one record per paper (`sessions`);
7. the last record of a block runs on over the labelled paragraphs ("Title: …", "Speaker:
   …") shortly after it, up to the next heading (`_labelled_run`);
8. a block's own records (4.) are read in `block_records`, where a heading before every
   anchor leads its record; each filled cell of a time grid's row is a record (`grid_cells`).
Bounded by `MAX_CLIMB`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict

from parsers.common.html import HtmlElement
from parsers.common.text import clean
from parsers.common.times import find_time_range
from parsers.heuristic.block_records import block_records
from parsers.heuristic.grid_cells import grid_cells
from parsers.heuristic.labels import LABELLED, column_kind, label_of
from parsers.heuristic.lines import Line
from parsers.heuristic.sessions import row_times, split_sessions, zone_repeats

MAX_CLIMB = 40
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])


DIGIT = re.compile(r"\d")


YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def find_records(lines: list[Line], anchors: list[list[Line]]) -> dict[int, int]:
    """Map line index -> record number (records as described in the module docstring)."""
    anchors = _one_per_card(lines, row_times(zone_repeats(anchors)))
    seeds = [_common_ancestor([line.element for line in anchor]) for anchor in anchors]
    counts: Counter = Counter()
    for seed in seeds:
        for node in _ancestors(seed):
            counts[id(node)] += 1
    roots = []
    for seed in seeds:
        node = seed
        for _ in range(MAX_CLIMB):
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html") or counts[id(parent)] != 1:
                break
            node = parent
        roots.append(node)
    roots = _harmonise(roots, seeds)
    shared = Counter(id(root) for root in roots)
    groups = _own_speaker_rows(_segments(roots, counts), lines)
    owner_of: dict[int, int] = {}
    for number, elements in enumerate(groups):
        for element in elements:
            if shared[id(element)] < 2:
                owner_of.setdefault(id(element), number)
    owner: dict[int, int] = block_records(lines, anchors, roots, shared)
    for line in lines:
        if line.index in owner:
            continue
        node, steps = line.element, 0
        while node is not None and steps < MAX_CLIMB * 2:
            if id(node) in owner_of:
                owner[line.index] = owner_of[id(node)]
                break
            node, steps = node.getparent(), steps + 1
    return grid_cells(lines, split_sessions(lines, owner))


CARD_DEPTH = 8  # levels from a label heading up to its card


def _one_per_card(lines: list[Line], anchors: list[list[Line]]) -> list[list[Line]]:
    """A card whose fields are headed by labels ("<h4>Speaker</h4>", "<h4>Date</h4>"), each
    label once, describes one talk: the dated lines inside it (a post's publication ribbon,
    the heading's date, the labelled date) are one anchor, not one record each. A block in
    which a label repeats holds several talks and is no card."""
    kinds: dict[int, list[str]] = defaultdict(list)
    for line in lines:
        kind = label_of(line.text) if line.heading and len(line.text) <= 30 else None
        if kind is None or kind == "ignore":
            continue
        for depth, node in enumerate(_ancestors(line.element)):
            if depth > CARD_DEPTH:
                break
            kinds[id(node)].append(kind)
    if not kinds:
        return anchors
    merged: list[list[Line]] = []
    last_card = None
    for anchor in anchors:
        card = _card_of(anchor[0].element, kinds)
        if card is not None and card is last_card and _one_time(merged[-1] + anchor):
            merged[-1] = merged[-1] + anchor
            continue
        merged.append(anchor)
        last_card = card
    return merged


def _card_of(element: HtmlElement, kinds: dict[int, list[str]]) -> HtmlElement | None:
    """The nearest block above `element` holding two labelled fields or more, none twice,
    one of several alike (a card among cards; a page's lone "When"/"Where" section is not)."""
    for depth, node in enumerate(_ancestors(element)):
        found = kinds.get(id(node))
        if depth > CARD_DEPTH or node.tag in ("body", "html"):
            return None
        if not found:
            continue
        if len(found) != len(set(found)):
            return None
        if len(found) >= 2:
            return node if _repeated(node) else None
    return None


def _repeated(node: HtmlElement) -> bool:
    parent = node.getparent()
    if parent is None:
        return False
    signature = _signature(node)
    return sum(1 for child in parent if child is not node and _signature(child) == signature) >= 1


def _one_time(lines: list[Line]) -> bool:
    """Do the lines give one clock time at most (the same time said twice)? An agenda's
    block gives several."""
    starts = {find_time_range(line.text)[0] for line in lines}
    return len(starts - {None}) <= 1


def _ancestors(node: HtmlElement):
    steps = 0
    while node is not None and steps < MAX_CLIMB * 3:
        yield node
        node, steps = node.getparent(), steps + 1


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement:
    if len(elements) == 1:
        return elements[0]
    paths = [list(_ancestors(e))[::-1] for e in elements]
    common = paths[0][0]
    for level in zip(*paths, strict=False):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    return common


def _signature(element: HtmlElement) -> str:
    classes = sorted(c for c in (element.get("class") or "").split() if not re.search(r"\d", c))
    return element.tag + "." + ".".join(classes[:4]) if isinstance(element.tag, str) else ""


def _harmonise(roots: list[HtmlElement], seeds: list[HtmlElement]) -> list[HtmlElement]:
    """A record unlike the others steps down to the usual record element inside it."""
    frequency = Counter(_signature(r) for r in roots)
    usual = {sig for sig, n in frequency.items() if n >= 2}
    if not usual:
        return roots
    fixed = []
    for root, seed in zip(roots, seeds, strict=True):
        if frequency[_signature(root)] >= 2:
            fixed.append(root)
            continue
        inner = [
            node
            for node in _ancestors(seed)
            if node is not root and _signature(node) in usual and is_inside(node, root)
        ]
        fixed.append(inner[-1] if inner else root)
    return fixed


def is_inside(node: HtmlElement, root: HtmlElement) -> bool:
    return any(parent is root for parent in _ancestors(node))


def _segments(roots: list[HtmlElement], counts: Counter) -> list[list[HtmlElement]]:
    """Each record root plus the sibling elements that belong with it (module docstring, 3.)."""
    by_parent: dict[int, list[int]] = defaultdict(list)
    for number, root in enumerate(roots):
        parent = root.getparent()
        if parent is not None:
            by_parent[id(parent)].append(number)
    groups: list[list[HtmlElement]] = [[root] for root in roots]
    taken: set[int] = {id(root) for root in roots}
    heads: Counter = Counter()  # (lead, head signature) of the parents with several records
    for numbers in sorted(by_parent.values(), key=len, reverse=True):
        parent = roots[numbers[0]].getparent()
        children = [c for c in parent if isinstance(c.tag, str)]
        position = {id(c): i for i, c in enumerate(children)}
        spots = sorted((position[id(roots[n])], n) for n in numbers if id(roots[n]) in position)
        if not spots:
            continue
        lead = _lead(children, [s for s, _ in spots], counts)
        if lead and spots[0][0] >= lead:
            heads[(lead, _signature(children[spots[0][0] - lead]))] += 1
        elif len(spots) == 1:
            lead = _known_lead(children, spots[0][0], heads, counts)
        limit = max([b - a for (a, _), (b, _) in itertools.pairwise(spots)] or [6])
        for k, (spot, number) in enumerate(spots):
            start = max(0, spot - lead)
            stop = (
                spots[k + 1][0] - lead
                if k + 1 < len(spots)
                else _labelled_run(children, min(len(children), spot + limit), counts)
            )
            members = []
            for child in children[start:stop]:
                # the head every record starts with (an `<h2>` title) is the record's own
                header = _group_header(child) and not (lead and child is children[start])
                if child is not roots[number] and (
                    id(child) in taken or counts[id(child)] > 0 or header
                ):
                    if position[id(child)] > spot:
                        break
                    continue
                members.append(child)
            for child in members:
                taken.add(id(child))
            groups[number] = members or [roots[number]]
    return groups


# Fields a talk's labelled paragraphs give ("<p><b>Speaker:</b> Jane Doe</p>").
_TALK_FIELDS = frozenset(["title", "speaker", "abstract", "location", "affiliation"])
_RUN_SCAN = 6


def _labelled_run(children: list[HtmlElement], stop: int, counts: Counter) -> int:
    """The last record of a block runs on over the labelled paragraphs shortly after it
    ("<h1>Closing seminar (18:00)</h1><p>Intro</p><p>Title: …</p><p>Speaker: …</p>"), up to
    the next heading: they are its fields, however closely its siblings' records were spaced."""
    end = stop
    for at in range(stop, min(len(children), stop + _RUN_SCAN)):
        child = children[at]
        if counts[id(child)] or child.tag in _HEADINGS:
            break
        labelled = LABELLED.match(clean(child.text_content()[:200]) or "")
        if labelled and label_of(labelled[1]) in _TALK_FIELDS:
            end = at + 1
    return end


def _own_speaker_rows(groups: list[list[HtmlElement]], lines: list[Line]) -> list:
    """A timed table row followed by rows with an empty time cell (a session and its papers:
    "18:00 | Session I | ", " | Paper 12 | Jane Doe"): each following row that fills its own
    speaker cell and another cell is a talk of its own, not more lines of the session's."""
    filled: dict[int, set[str]] = defaultdict(set)  # row -> kinds of its non-empty cells
    for line in lines:
        if line.column and line.element.tag == "td" and line.element.getparent() is not None:
            kind = label_of(line.column) or column_kind(line.column) or line.column
            filled[id(line.element.getparent())].add(kind)
    extra: list[list[HtmlElement]] = []
    for group in groups:
        if len(group) < 2 or any(element.tag != "tr" for element in group):
            continue
        own = [
            row for row in group[1:] if "speaker" in filled[id(row)] and len(filled[id(row)]) >= 2
        ]
        if own:
            group[:] = [row for row in group if not any(row is o for o in own)]
            extra.extend([row] for row in own)
    return groups + extra


def _known_lead(children: list[HtmlElement], spot: int, heads: Counter, counts: Counter) -> int:
    """The lead of a lone record (the only talk in its tab or section): the one the page's
    other records show, when the same head stands as far before this record's anchor."""
    for (lead, signature), _n in heads.most_common():
        if spot >= lead:
            head = children[spot - lead]
            if counts[id(head)] == 0 and _distinctive(head) and _signature(head) == signature:
                return lead
    return 0


def _lead(children: list[HtmlElement], spots: list[int], counts: Counter) -> int:
    """How many siblings before its anchor a record starts: the largest distance at which
    (nearly) every record shows the same distinctive element (a heading, a classed block),
    holding no other talk and found nowhere else between records."""
    if len(spots) < 2:
        return 0
    signatures = [
        _signature(c) if counts[id(c)] == 0 and _distinctive(c) else f"#{i}"
        for i, c in enumerate(children)
    ]
    best = 0
    for distance in range(1, 6):
        seen = []
        for k, spot in enumerate(spots):
            floor = spots[k - 1] + 1 if k else 0
            index = spot - distance
            if index < floor:
                seen.append(None)
                continue
            signature = signatures[index]
            if signature in signatures[floor:index]:
                seen.append(None)
                continue
            seen.append(signature)
        common = Counter(s for s in seen if s).most_common(1)
        if (
            common
            and common[0][1] >= max(2, 0.8 * len(spots))
            and not common[0][0].startswith(("hr.", "br."))
        ):
            best = distance
    return best


def _group_header(element: HtmlElement) -> bool:
    """A heading over a group of records ("2023", "Spring 2024 Talks", a `<th>`-only row)."""
    if element.tag in ("h1", "h2"):
        return True
    if element.tag == "tr":
        cells = [c for c in element if isinstance(c.tag, str)]
        if cells and all(c.tag == "th" for c in cells):
            return True
    text = clean(element.text_content()[:200]) or ""
    return len(text) <= 40 and bool(YEAR.search(text)) and not DIGIT.search(YEAR.sub("", text))


def _distinctive(element: HtmlElement) -> bool:
    return element.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "dt", "figure", "img") or bool(
        (element.get("class") or "").strip()
    )
