"""The last resort of a talks page that dates nothing: its repeated sibling blocks.

Refusing a page that plainly lists talks is the worst outcome (`extract._judge`). A page
that calls itself a list of talks (`find_anchors`' `year_groups`) may print no date at all:
a personal page's talks as cards ("<div class=col><a><div class=card><h3>Title</h3><p>
Event</p>…"), a list of `<li>` entries with a video badge. When no line of such a page
anchors anything (no date, no year group, no video, no year in a venue), its talks are the
members of its largest set of repeated sibling blocks (`card_items`), and each member's
first line anchors one undated record (`card_anchors`):
- members are siblings of one tag and class, under parents of one tag and class (the rows
  of a card grid pool together), at least `MIN_CARDS` in all, with a run of
  `MIN_CARDS` among them; a run counts when most of its siblings hold text
  (`MIN_CARD_TEXT`) and their texts are mostly distinct; a block alone in its parent joins
  the pool when its parent sits beside a run's parent (a year's section with one card);
- never inline or void elements, never table cells (a row's cells are siblings too), never
  in the page's chrome (`<nav>`, `<header>`, `<footer>`, `<aside>`, or a class *token* such
  as "menu" or "sidebar": a `<body class="fixed-top-nav">` is no navigation bar).
Each guard keeps a known kind of page that lists no talks from giving any:
- someone gives the talks: the page is a person's list of their own talks (its owner
  gives every card), or half the members name a person (a series page's cards name their
  speakers; a list of series, a list of formats, a "Loading…" stub name nobody);
- a member is an entry, not prose: most members are no paragraph and hold a heading, a
  link or a bold lead (intro paragraphs are none of these);
- not publications (`anchors.PUBLICATION` terms in a share of the members), not a
  teaching list (course codes leading the members), not calls to action or series names
  ("Join our mailing list", "Applied Seminars").
"""

from __future__ import annotations

import re
from collections import defaultdict

from parsers.common.dates import find_date
from parsers.common.html import HtmlElement
from parsers.common.people import people_in, speaker_and_title
from parsers.common.text import clean
from parsers.heuristic.lines import Line

MIN_CARDS = 3
MIN_CARD_TEXT = 15  # characters: a member with less is a button, a tag, an icon
CARD_SHARE = 0.8  # of a run's siblings that hold text; of members that are entries
DISTINCT_SHARE = 0.8
NAMED_SHARE = 0.5
PUBLICATION_SHARE = 0.3
MAX_DATED_CHARS = 3000  # of a member's text searched for its date
MAX_PARENTS = 5000
NESTED_SHARE = 0.5  # of a pool's members inside another pool's: it is part of those
MAX_NESTING = 12  # levels searched up from a member for the member of another pool
# Blocks that can hold an entry; inline, void and cell elements never do.
BLOCK_TAGS = frozenset(
    ["li", "div", "article", "section", "tr", "dd", "dt", "p", "details", "figure", "blockquote"]
)
CHROME_TAGS = frozenset(["nav", "header", "footer", "aside"])
CHROME_TOKENS = frozenset(
    ["nav", "navbar", "navigation", "menu", "footer", "header", "sidebar", "breadcrumb",
     "breadcrumbs", "toc", "social", "pagination"]
)  # fmt: skip
ENTRY_MARKS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "a", "strong", "b"])
PUBLICATION = re.compile(
    r"\b(?:doi|journal(?! club)|proceedings|vol\.|pp\.|arxiv:|isbn|preprint)", re.I
)
# A member led by a course code ("MATH 2030 Linear algebra", "CS-101: Programming").
COURSE_CODE = re.compile(r"^[A-Z]{2,5}\s?-?\d{3,4}[A-Z]?\b")
# A member that is a call to action or names a series, not a talk.
NOT_A_TALK = re.compile(
    r"^(?:join|subscribe|register|sign up|follow|contact|read more|see all|view all|more)\b"
    r"|\b(?:seminars|colloquia|lectures|talks|series|workshops)\s*$",
    re.I,
)


def card_anchors(lines: list[Line], owned: bool) -> list[list[Line]]:
    """One undated anchor per member of the page's repeated entries (`card_items`): the
    member's first line. [] when the guards (module docstring) refuse the page. `owned`:
    the page is a person's list of their own talks (`extract._page_author`)."""
    members = card_items(lines)
    if len(members) < MIN_CARDS:
        return []
    firsts = _first_lines(lines, members)
    if len(firsts) < MIN_CARDS or not _guarded(members, firsts, owned):
        return []
    return [[line] for line in firsts]


def card_items(lines: list[Line]) -> list[HtmlElement]:
    """The members of the largest pool of repeated sibling blocks outside the page's chrome
    (module docstring), in page order."""
    parents: dict[int, HtmlElement] = {}
    for line in lines:
        node = line.element.getparent()
        while node is not None and id(node) not in parents and len(parents) < MAX_PARENTS:
            parents[id(node)] = node
            node = node.getparent()
    pools: dict[tuple, list[list[HtmlElement]]] = defaultdict(list)
    lone: dict[tuple, list[HtmlElement]] = defaultdict(list)
    for parent in parents.values():
        if _chrome(parent):
            continue
        runs: dict[tuple, list[HtmlElement]] = defaultdict(list)
        for child in parent:
            if _block(child) and not _chrome_mark(child):
                runs[_signature(child)].append(child)
        for signature, run in runs.items():
            key = (_signature(parent), signature)
            if len(run) >= 2 and _run_holds_entries(run):
                pools[key].append(run)
            elif len(run) == 1 and _run_holds_entries(run):
                lone[key].append(run[0])
    candidates: list[list[HtmlElement]] = []
    for key, runs in pools.items():
        members = [member for run in runs for member in run] + _lone_members(runs, lone[key])
        if max(len(run) for run in runs) < MIN_CARDS:
            continue
        if _distinct(members) and not _publications(members):
            candidates.append(members)
    outer = [members for members in candidates if not _nested(members, candidates)]
    return max(outer, key=len, default=[])


def _nested(members: list[HtmlElement], candidates: list[list[HtmlElement]]) -> bool:
    """Is the pool a detail of another pool's members? A card's own bullet list
    ("<article><h3>Title</h3><p>Abstract…</p><ul><li>Docker</li>…</ul></article>"), pooled
    over all the cards, can outnumber the cards. It is one when most of its members sit
    inside the other pool's members and make up a small part of their text (a grid's rows,
    whose text is all their cards', are wrappers, not cards)."""
    for other in candidates:
        if other is members:
            continue
        boxes = {id(box): box for box in other}
        holders: dict[int, list[HtmlElement]] = defaultdict(list)
        for member in members:
            box = _box_of(member, boxes)
            if box is not None:
                holders[id(box)].append(member)
        if sum(map(len, holders.values())) <= NESTED_SHARE * len(members):
            continue
        inner = sum(len(_text(m)) for held in holders.values() for m in held)
        outer = sum(len(_text(boxes[key])) for key in holders)
        if inner < NESTED_SHARE * outer:
            return True
    return False


def _box_of(element: HtmlElement, boxes: dict[int, HtmlElement]) -> HtmlElement | None:
    """The member of `boxes` that holds the element, if any (a few levels up)."""
    node, depth = element.getparent(), 0
    while node is not None and depth < MAX_NESTING:
        if id(node) in boxes:
            return node
        node, depth = node.getparent(), depth + 1
    return None


def _block(element: HtmlElement) -> bool:
    """Can the element hold an entry? A block tag, or a link wrapped around blocks: a card
    grid whose every card is one `<a href><div>…</div></a>` (the whole card clickable)."""
    if not isinstance(element.tag, str):
        return False
    if element.tag in BLOCK_TAGS:
        return True
    return element.tag == "a" and any(
        isinstance(child.tag, str) and child.tag in BLOCK_TAGS for child in element
    )


def _lone_members(runs: list[list[HtmlElement]], lone: list[HtmlElement]) -> list[HtmlElement]:
    """The members alone in their parent whose parent sits beside a parent of the pool's
    runs (one grandparent): a year's section with one card among sections with several."""
    beside = {id(run[0].getparent().getparent()) for run in runs}
    return [member for member in lone if id(member.getparent().getparent()) in beside]


def _signature(element: HtmlElement) -> tuple[str, tuple[str, ...]]:
    return element.tag, tuple(sorted((element.get("class") or "").split()))


def _text(element: HtmlElement) -> str:
    return clean(element.text_content()) or ""


def _run_holds_entries(run: list[HtmlElement]) -> bool:
    """Do most siblings of the run hold some text (`MIN_CARD_TEXT`)?"""
    full = sum(1 for member in run if len(_text(member)) >= MIN_CARD_TEXT)
    return full >= CARD_SHARE * len(run)


def _distinct(members: list[HtmlElement]) -> bool:
    texts = [_text(member) for member in members]
    return len(set(texts)) >= DISTINCT_SHARE * len(texts)


def _publications(members: list[HtmlElement]) -> bool:
    cited = sum(1 for member in members if PUBLICATION.search(_text(member)[:600]))
    return cited > PUBLICATION_SHARE * len(members)


def _chrome_mark(element: HtmlElement) -> bool:
    """Is the element navigation, a header, a footer or a sidebar, by tag or class token?"""
    if element.tag in CHROME_TAGS:
        return True
    tokens = set((element.get("class") or "").lower().split())
    tokens.add((element.get("id") or "").lower())
    return bool(tokens & CHROME_TOKENS)


def _chrome(element: HtmlElement | None) -> bool:
    """Is the element, or any block around it, the page's chrome (`_chrome_mark`)?"""
    while element is not None:
        if _chrome_mark(element):
            return True
        element = element.getparent()
    return False


def _first_lines(lines: list[Line], members: list[HtmlElement]) -> list[Line]:
    """The first line inside each member, in page order."""
    wanted = {id(member) for member in members}
    seen: set[int] = set()
    firsts = []
    for line in lines:
        node, depth = line.element, 0
        while node is not None and id(node) not in wanted and depth < 12:
            node, depth = node.getparent(), depth + 1
        if node is not None and id(node) in wanted and id(node) not in seen:
            seen.add(id(node))
            firsts.append(line)
    return firsts


def _guarded(members: list[HtmlElement], firsts: list[Line], owned: bool) -> bool:
    """Do the members pass the guards of the module docstring?"""
    entries = sum(
        1
        for member in members
        if member.tag == "a"
        or (member.tag != "p" and any(n.tag in ENTRY_MARKS for n in member.iterdescendants()))
    )
    if entries < CARD_SHARE * len(members):
        return False
    heads = [line.text for line in firsts]
    if sum(1 for head in heads if COURSE_CODE.match(head) or NOT_A_TALK.search(head)) * 2 >= len(
        heads
    ):
        return False
    if owned:
        return True
    named = sum(1 for member in members if _names_someone(member) or _dated(member))
    return named >= NAMED_SHARE * len(members)


def _dated(member: HtmlElement) -> bool:
    """Does the member print a full date (day, month and year) of its own? A card that dates
    itself is an event's, even when it names nobody (a series page listing titles and days);
    a list of series, of formats or a stub dates none of its members."""
    return find_date(_text(member)[:MAX_DATED_CHARS]) is not None


def _names_someone(member: HtmlElement) -> bool:
    """Does a short piece of the member name a person ("Jane Doe (Lab): Title", "Jane Doe")?"""
    pieces = [clean(text) or "" for text in member.itertext()]
    for piece in [p for p in pieces if p][:6]:
        if len(piece) <= 200 and (people_in(piece) or speaker_and_title(piece)[1]):
            return True
    return False
