"""The page's title slot: the markup piece that holds the title in every entry of its template.

A list, table or card page prints its talks from one template, so the title sits in the same
slot of every entry: the `<strong>` of each list item, the `<h3 class="listing-title">` of
each card, the same column. Reading each record alone, the title rules can take a different
piece in different entries (the whole line "Title (Slides) at Event, Place" in one, the bold
piece in another). This step looks at the template once per page:
1. an *entry* is an element repeated at least `MIN_ENTRIES` times with the same tag and
   class under parents of the same tag and class, the nearest above the line that has a
   title slot (`_entries_of`);
2. a *slot* is the path of tags and classes from an entry down to an emphasised, linked or
   heading element holding two words or more; the *title slot* is the one found in most
   entries (`MIN_SHARE`) whose texts are mostly distinct (not a repeated "Slides" label or
   series name), rarely a person's name or a date, and which comes first in its entries;
3. a title line that holds the title slot's text as only a part of the title it gave (the
   slot preceded by a date or one short word, followed by its venue, files and place) is cut
   to the slot's text (`slot_title`).

Why page-level: three blind rounds showed per-layout title rules do not carry to new pages;
what every such page shares is that its entries repeat one template. Measured on the 182
corpus pages (round 9, in one process with the step on and off): micro F1 0.899 -> 0.928,
macro 0.894 -> 0.915, speakers +47, dates +20; four personal talks lists ("date: <b>Title
</b> (slides) at <em>Event</em>, Place") go from F1 0-0.12 to 0.70-0.91; no page got worse.
Bounded: the template of a page is read once (`_template`, memoised per page).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict

from parsers.common.dates import find_date
from parsers.common.html import HtmlElement
from parsers.common.memo import page_dict
from parsers.common.people import people_in
from parsers.common.text import BLOCK_TAGS, clean
from parsers.heuristic.reading import Parsed

MIN_ENTRIES = 3
MIN_SHARE = 0.6
_DISTINCT = 0.6
_PEOPLE = 0.3
_SLOT_TAGS = frozenset(["b", "strong", "em", "i", "cite", "a", "h2", "h3", "h4", "h5", "h6"])
_MAX_DEPTH = 4  # levels from a line's block up to its entry
_MAX_SLOT_CHARS = 300
_LEAD_WORDS = 2  # words the title line may show before the slot ("Minikurs", "Keynote")

_pages = page_dict()  # id(root) -> (root, {entry key: slot path or None}, entry counts)


def slot_title(part: Parsed, title: str) -> str | None:
    """The title slot's text when `part`'s line holds it as a proper part of `title` (module
    docstring, 3.); None when the page has no title slot or the line does not show it."""
    line = part.line
    for entry, key in _entries_of(line.element):
        path = _template(entry, key)
        if path is None:
            continue
        for text, element in line.fragments:
            if element is None or not (clean(text) or "") or _path(entry, element) != path:
                continue
            return _cut(title, clean(element.text_content()) or "")
        return None
    return None


def _cut(title: str, slot: str) -> str | None:
    at = title.find(slot)
    if at < 0 or slot == title or len(slot.split()) < 2:
        return None
    before = title[:at].strip(" :,;–—-(")
    after = title[at + len(slot) :].strip()
    if len(before.split()) > _LEAD_WORDS or not after or after.startswith(":"):
        return None  # "Event: Title": the slot leads a label, not a title
    return slot


def _root(element: HtmlElement) -> HtmlElement:
    return element.getroottree().getroot()


def _signature(element: HtmlElement) -> str:
    classes = sorted(c for c in (element.get("class") or "").split() if not re.search(r"\d", c))
    return f"{element.tag}.{'.'.join(classes[:3])}"


def _key(element: HtmlElement) -> str | None:
    parent = element.getparent()
    if parent is None or not isinstance(element.tag, str):
        return None
    return _signature(parent) + ">" + _signature(element)


def _page(root: HtmlElement) -> tuple[dict, Counter]:
    known = _pages.get(id(root))
    if known is None:
        counts = Counter(
            key
            for element in root.iter()
            if isinstance(element.tag, str) and element.tag in BLOCK_TAGS
            for key in [_key(element)]
            if key
        )
        known = _pages[id(root)] = (root, {}, counts)
    return known[1], known[2]


def _entries_of(element: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """The blocks at or above a line's block that the page repeats, nearest first: the
    nearest with a title slot is the entry (a card's paragraph repeats too, but only the
    card holds the title in each)."""
    _, counts = _page(_root(element))
    found = []
    node = element
    for _ in range(_MAX_DEPTH):
        if node is None or node.tag in ("body", "html"):
            break
        key = _key(node)
        if key and counts[key] >= MIN_ENTRIES:
            found.append((node, key))
        node = node.getparent()
    return found


def _path(entry: HtmlElement, element: HtmlElement) -> str | None:
    steps = []
    node = element
    for _ in range(6):
        if node is None:
            return None
        if node is entry:
            return "/".join(reversed(steps))
        steps.append(_signature(node))
        node = node.getparent()
    return None


def _template(entry: HtmlElement, key: str) -> str | None:
    """The title slot of the entries that share `entry`'s key (memoised per page)."""
    slots, _ = _page(_root(entry))
    if key in slots:
        return slots[key]
    parent_sig, own_sig = key.split(">", 1)
    entries = [
        node
        for node in _root(entry).iter(entry.tag)
        if node.getparent() is not None and _key(node) == key
    ]
    slots[key] = _winner(entries) if parent_sig and own_sig else None
    return slots[key]


def _winner(entries: list[HtmlElement]) -> str | None:
    texts: dict[str, list[str]] = defaultdict(list)
    offsets: dict[str, list[int]] = defaultdict(list)
    for entry in entries:
        whole = clean(entry.text_content()) or ""
        seen: set[str] = set()
        for element in entry.iterdescendants(*_SLOT_TAGS):
            path = _path(entry, element)
            if path is None or path in seen:
                continue
            seen.add(path)
            text = clean(element.text_content()) or ""
            if len(text.split()) < 2 or len(text) > _MAX_SLOT_CHARS:
                continue
            texts[path].append(text)
            at = whole.find(text)
            offsets[path].append(at if at >= 0 else len(whole))
    need = max(MIN_ENTRIES, MIN_SHARE * len(entries))
    good = [path for path, found in texts.items() if len(found) >= need and _titles(found)]
    if not good:
        return None
    return min(good, key=lambda p: (statistics.median(offsets[p]), p.count("/"), p))


def _titles(texts: list[str]) -> bool:
    """Do a slot's texts read as titles: mostly distinct, rarely a person or a date?"""
    distinct = len(set(texts)) >= _DISTINCT * len(texts)
    people = sum(1 for t in texts if people_in(t)) <= _PEOPLE * len(texts)
    dated = sum(1 for t in texts if find_date(t)) <= _PEOPLE * len(texts)
    return distinct and people and dated
