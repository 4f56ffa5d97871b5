"""Tabs: a tab's label names its panel's term or year ("Spring 2016" over dates without one).

`lines` gives each panel its tab's label as a heading line, read before the panel's own.
"""

from __future__ import annotations

import re

from parsers.common.html import HtmlElement
from parsers.common.text import BLOCK_TAGS, clean

# A tab's label ("Spring 2016", "2023/24") given to its panel as a heading line: a link to an
# element of the page (`href="#id"`), one of at least `MIN_TABS` such links in one list.
TAB_LABEL = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
TAB_LABEL_MAX = 40
TAB_HEADING = 4
MIN_TABS = 2
MAX_TAB_LINKS = 200


def tab_labels(root: HtmlElement) -> dict[int, tuple[HtmlElement, str]]:
    """Tab panels by id(panel) -> (panel, its tab's label). Tabs print their labels in a row
    far from the panels they open, so a panel's talks would not see a term or year that only
    the tab names ("Spring 2016" over dates without a year). Only labels that name a year."""
    by_list: dict[int, list[tuple[HtmlElement, str]]] = {}
    for count, link in enumerate(root.iterfind(".//a[@href]")):
        if count >= MAX_TAB_LINKS * 10:
            break
        href = link.get("href") or ""
        label = clean(link.text_content()) or ""
        if not href.startswith("#") or len(href) < 2 or len(label) > TAB_LABEL_MAX:
            continue
        if not TAB_LABEL.search(label):
            continue
        holder = link.getparent()
        holder = holder.getparent() if holder is not None and holder.tag == "li" else holder
        if holder is not None:
            by_list.setdefault(id(holder), []).append((link, label))
    panels: dict[int, tuple[HtmlElement, str]] = {}
    for links in by_list.values():
        if len(links) < MIN_TABS:
            continue
        for link, label in links[:MAX_TAB_LINKS]:
            found = root.xpath("//*[@id=$name]", name=link.get("href")[1:])
            if found and found[0].tag in BLOCK_TAGS and not _is_within(link, found[0]):
                panels[id(found[0])] = (found[0], label)
    return panels


def _is_within(node: HtmlElement, container: HtmlElement) -> bool:
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False
