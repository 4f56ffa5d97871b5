"""The heuristic extractor's view of a page: its visible text as *lines*, in document order.

A line is a run of inline content inside one block element, cut at nested blocks and `<br>`
(so `<li>11h30: <em>contributed talks</em>:<ul>…</ul></li>` gives the line "11h30:
contributed talks:" and the nested items their own lines). Each line keeps its block element
(to find repeated record structures), its inline fragments with the element that wraps each
(a link, `<em>`, `<strong>`: how pages mark titles and speakers) and, in a table, the header
of its column ("Speaker", "Date": `columns`).
Built with `lxml.etree.iterwalk`, never by recursion, and bounded (`MAX_EVENTS`, `MAX_LINES`),
so deeply nested or huge pages cannot hang or overflow the stack.
Sibling inline boxes with nothing between them are kept a word apart (`_glued`).
A typed bullet ("• ", "- ") is cut from the start of a line, and a date badge printed in
sibling blocks (day, month, year) becomes one line in their parent block. Text for machines
(a BibTeX export, a hidden block of preformatted text) is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from parsers.common import dates
from parsers.common.html import HtmlElement
from parsers.common.text import BLOCK_TAGS, clean
from parsers.heuristic.columns import column_of
from parsers.heuristic.tabs import TAB_HEADING, tab_labels

MAX_EVENTS = 400_000
MAX_LINES = 20_000
MAX_LINE_CHARS = 5_000
# Page chrome whose text is never a talk; `header` only when it is the page's banner.
CHROME_TAGS = frozenset(["nav", "footer", "aside", "form", "select", "option", "iframe"])
SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "head", "title", "textarea", "math"]
)
CHROME_CLASSES = (
    "navbar",
    "breadcrumb",
    "site-footer",
    "skip-link",
    "cookie",
    "sidebar",
    "menu",
    "visually-hidden",
    "sr-only",
    "screen-reader",
)
# Chrome named by id rather than class (jemdoc's `<div id="footer">` with its "Page generated
# 2024-12-19" stamp, `id="sidebar"`, `id="layout-menu"`).
CHROME_ID = re.compile(r"(?:^|[-_])(?:footer|navbar|sidebar|menu|breadcrumbs?)(?:$|[-_])", re.I)
# Elements that hold the page's own content: a chrome class on one of their ancestors names a
# layout wrapper ("page-navbar", "has-sidebar", "no-sidebar"), not chrome, so it is read.
# The `<h1>` stands in only on pages without `<main>` (a theme may put its site title in an
# `<h1>` inside the sidebar).
CONTENT_XPATH = "(//main | //*[@role='main'])[position() <= 3]"
FALLBACK_XPATH = "(//h1)[position() <= 3]"
EXTRA_BLOCKS = frozenset(
    ["address", "center", "caption", "legend", "body", "html", "tbody", "thead", "tfoot", "button"]
)
BLOCKS = BLOCK_TAGS | EXTRA_BLOCKS
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# A glyph typed before a list line ("• Speaker: …", "- Title") is decoration: cut, so a label
# or a title starts the line as it does in a real `<li>`. A dash counts only before a space.
BULLET = re.compile(r"^(?:[•·▪▫◦‣●○■□►▸➢➤✓✔]+\s*|[-–—*]\s+)(?=\S)")
# A class naming a place relative to chrome ("mbr-after-navbar", "has-sidebar", "no-menu")
# is a content block, not the chrome itself.
RELATIVE_CHROME = re.compile(
    r"[\w-]*\b(?:after|before|below|under|above|beside|has|no|with|without)[-_](?:"
    + "|".join(CHROME_CLASSES)
    + r")[\w-]*",
    re.I,
)


@dataclass
class Line:
    text: str
    element: HtmlElement
    fragments: list[tuple[str, HtmlElement | None]] = field(default_factory=list)
    index: int = 0
    heading: int = 0
    column: str | None = None  # the header of its table column, lowercased
    gap: bool = True  # starts a block or follows an empty line (<br><br>)


def page_lines(root: HtmlElement, warnings: list[str] | None = None) -> list[Line]:
    """The visible lines of a page (see module docstring); chrome and scripts left out."""
    lines: list[Line] = []
    blocks: list[HtmlElement] = []
    inline: list[HtmlElement] = []
    buffer: list[tuple[str, HtmlElement | None]] = []
    skipping = 0
    headers: dict = {}  # id(table) -> its `columns.Table`
    breaks = [2]  # <br>s since the last line; a block boundary counts as an empty line

    def flush() -> None:
        if not buffer or not blocks:
            buffer.clear()
            return
        text = clean("".join(t for t, _ in buffer))
        text = BULLET.sub("", text) if text else text
        if not text:
            buffer.clear()
            return
        if len(lines) < MAX_LINES:
            block = blocks[-1]
            lines.append(
                Line(
                    text=text[:MAX_LINE_CHARS],
                    element=block,
                    fragments=[(t, e) for t, e in buffer if t.strip()],
                    index=len(lines),
                    heading=_heading_level(blocks),
                    column=column_of(block, headers),
                    gap=breaks[0] >= 2,
                )
            )
            breaks[0] = 0
        buffer.clear()

    def add(text: str | None) -> None:
        if text and not skipping:
            buffer.append((text, inline[-1] if inline else None))

    wrappers = _content_wrappers(root)
    tabs = tab_labels(root)
    events = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        events += 1
        if events > MAX_EVENTS:
            if warnings is not None:
                warnings.append("page too large: only its first part was read")
            break
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if skipping or tag is None or _skipped(element, tag, wrappers):
                skipping += 1
                continue
            if tag in BLOCKS:
                flush()
                breaks[0] = 2
                blocks.append(element)
                if id(element) in tabs and tabs[id(element)][0] is element:
                    buffer.append((tabs[id(element)][1], None))
                    flush()
                    if lines and lines[-1].element is element:
                        lines[-1].heading = lines[-1].heading or TAB_HEADING
            elif tag == "br":
                flush()
                breaks[0] += 1
            else:
                if _glued(element) and not skipping:
                    buffer.append((" ", None))
                inline.append(element)
            add(element.text)
        else:
            if skipping:
                skipping -= 1
                if skipping == 0 and tag is not None:
                    add(element.tail)
                continue
            if tag in BLOCKS:
                flush()
                breaks[0] = 2
                if blocks and blocks[-1] is element:
                    blocks.pop()
            elif tag != "br" and inline and inline[-1] is element:
                inline.pop()
            add(element.tail)
        if len(lines) >= MAX_LINES:
            if warnings is not None:
                warnings.append(f"page has over {MAX_LINES} text lines: the rest was not read")
            break
    flush()
    return _join_split_dates(lines)


# Inline boxes a page sets side by side with no text between ("<span>Host</span><span
# class="when">May 2025</span>"): its style spaces them, so their words are kept apart.
GLUED_TAGS = frozenset(["span", "time", "small", "label", "a"])


GLUED_PUNCTUATION = frozenset(",.;:!?)]}")


def _glued(element: HtmlElement) -> bool:
    """Does `element` follow a sibling box with nothing between them (`GLUED_TAGS`, one of the
    two classed)? Joined as they stand, "Google Cloud" and "May 2025" would read as one word."""
    before = element.getprevious()
    if before is None or before.tag not in GLUED_TAGS or element.tag not in GLUED_TAGS:
        return False
    if before.tail or not (before.get("class") or element.get("class")):
        return False
    # the box's words may sit in a box of their own ("<span class=meta><span>May 2025")
    first = (clean(element.text_content()) or "")[:1]
    return bool(first) and first not in GLUED_PUNCTUATION


# A date badge prints its parts in sibling blocks ("<div>20</div><div>Jan</div><div>2026</div>"):
# each part alone is no date. Parts are a day number, a month name, a year or a weekday.
_DAY_PART = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])\.?$")
_YEAR_PART = re.compile(r"^(?:19|20)\d\d$")
BADGE_PARTS = 4


def _date_part(text: str) -> str | None:
    """Which part of a date a short line is ("day", "month", "year", "weekday"), or None."""
    word = text.strip(" ,.").lower()
    if _DAY_PART.match(text.strip()):
        return "day"
    if _YEAR_PART.match(word):
        return "year"
    if word in dates.MONTHS and not word.isdigit():
        return "month"
    if word in dates.WEEKDAYS:
        return "weekday"
    return None


def _join_split_dates(lines: list[Line]) -> list[Line]:
    """Sibling blocks that each hold one part of a date, and together a day and a month,
    become one line in their parent block, so the date reads as one (module docstring)."""
    joined: list[Line] = []
    k = 0
    while k < len(lines):
        run = _badge_run(lines, k)
        if run > 1:
            parts = lines[k : k + run]
            parent = parts[0].element.getparent()
            joined.append(
                Line(
                    text=" ".join(part.text for part in parts),
                    element=parent,
                    fragments=[f for part in parts for f in part.fragments],
                    heading=parts[0].heading,
                    gap=parts[0].gap,
                )
            )
            k += run
            continue
        joined.append(lines[k])
        k += 1
    if len(joined) == len(lines):
        return lines
    for index, line in enumerate(joined):
        line.index = index
    return joined


def _badge_run(lines: list[Line], k: int) -> int:
    """How many lines from `k` are the parts of one split date (0 or 1: none)."""
    parent = lines[k].element.getparent()
    seen: list[str] = []
    for line in lines[k : k + BADGE_PARTS]:
        part = _date_part(line.text) if len(line.text) <= 12 else None
        if part is None or part in seen or line.element.getparent() is not parent:
            break
        if line.element is parent or line.element.tag in HEADINGS or line.column:
            break
        seen.append(part)
    if parent is None or "day" not in seen or "month" not in seen:
        return 0
    return len(seen)


def _content_wrappers(root: HtmlElement) -> dict[int, HtmlElement]:
    """The ancestors of the page's `<main>` (else of its first `<h1>`s), by id (values keep the
    proxies alive, so the ids stay unique while the page is read)."""
    wrappers: dict[int, HtmlElement] = {}
    try:
        found = root.xpath(CONTENT_XPATH) or root.xpath(FALLBACK_XPATH)
    except etree.XPathError:
        return wrappers
    for element in found:
        node, steps = element.getparent(), 0
        while node is not None and steps < 200:
            wrappers[id(node)] = node
            node, steps = node.getparent(), steps + 1
    return wrappers


def _skipped(
    element: HtmlElement, tag: str | None, wrappers: dict[int, HtmlElement] | None = None
) -> bool:
    if tag is None or tag in SKIP_TAGS or tag in CHROME_TAGS:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return tag not in ("span", "i")  # icon fonts use aria-hidden spans around nothing
    if element.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    if _machine_text(element, tag):
        return True
    classes = RELATIVE_CHROME.sub(" ", (element.get("class") or "").lower())
    chrome_tag = tag in ("div", "ul", "section", "header", "span", "a")
    if classes and chrome_tag and any(word in classes for word in CHROME_CLASSES):
        return not (wrappers and id(element) in wrappers)
    ident = element.get("id")
    if ident and tag in ("div", "td", "section", "ul") and CHROME_ID.search(ident):
        return not (wrappers and id(element) in wrappers)
    if tag == "header" and element.getparent() is not None:
        return element.getparent().tag == "body"
    return tag in BLOCK_TAGS and _off_desktop(classes)


# A block the page hides on a desktop screen ("elementor-hidden-desktop", Bootstrap's
# "hidden-lg"/"d-lg-none", Tailwind's "lg:hidden"): the phone layout's copy of content the
# desktop layout shows too, so reading it would give each of its talks twice.
OFF_DESKTOP = re.compile(
    r"(?:^|\s)(?:elementor-hidden-desktop|hidden-lg|d-lg-none|d-xl-none|hide-on-desktop|"
    r"hidden-desktop|hide-for-large|lg:hidden)(?=\s|$)"
)


def _off_desktop(classes: str) -> bool:
    return bool(classes) and bool(OFF_DESKTOP.search(classes))


# A citation export (BibTeX "@inproceedings{key, …}") printed in a `<pre>` or `<code>`, and
# an element hidden by its inline style: hidden blocks are often content a click reveals (an
# abstract, older talks), so only a hidden block that holds nothing but preformatted text
# (the BibTeX behind a "bib" button) is left out.
BIBTEX = re.compile(r"^\s*@[a-z]+\s*\{", re.I)
HIDDEN_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
PREFORMATTED = frozenset(["pre", "code", "textarea"])


def _machine_text(element: HtmlElement, tag: str) -> bool:
    """Text for machines, not readers (`BIBTEX`, `HIDDEN_STYLE`): read, it would put an entry's
    author, title and year on lines of their own, as if they were another talk's."""
    if tag in PREFORMATTED and BIBTEX.match(element.text or ""):
        return True
    if not HIDDEN_STYLE.search(element.get("style") or ""):
        return False
    if tag in PREFORMATTED:
        return True
    children = [child for child in element if isinstance(child.tag, str)]
    return bool(children) and all(child.tag in PREFORMATTED for child in children)


def _heading_level(blocks: list[HtmlElement]) -> int:
    for block in reversed(blocks[-3:]):
        if block.tag in HEADINGS:
            return HEADINGS[block.tag]
    return 0


def line_link(line: Line) -> HtmlElement | None:
    """The `<a>` wrapping most of a line's text, if any (a title or name linked to its page)."""
    total = len(line.text)
    best, best_len = None, 0
    for text, element in line.fragments:
        anchor = element
        while anchor is not None and anchor.tag != "a" and anchor is not line.element:
            anchor = anchor.getparent()
        if anchor is not None and anchor.tag == "a" and len(text.strip()) > best_len:
            best, best_len = anchor, len(text.strip())
    return best if best is not None and best_len >= 0.6 * total else None


def emphasis(line: Line) -> str | None:
    """ "strong", "em" or "a" when one such element wraps (nearly) the whole line."""
    kinds: dict[str, int] = {}
    for text, element in line.fragments:
        node = element
        while node is not None and node is not line.element:
            kind = {
                "strong": "strong",
                "b": "strong",
                "em": "em",
                "i": "em",
                "cite": "em",
                "a": "a",
                "u": "em",
            }.get(node.tag)
            if kind:
                kinds[kind] = kinds.get(kind, 0) + len(text.strip())
                break
            node = node.getparent()
    if not kinds:
        return None
    kind, length = max(kinds.items(), key=lambda item: item[1])
    return kind if length >= 0.8 * len(line.text) else None


# Words in each link of a row of link buttons ("Video · Slides", "YouTube video").
LINK_ROW_WORDS = 3
LINK_ROW_SEPARATORS = " \t,;:–—-|·•/"


def links_only(line: Line) -> bool:
    """Is the line a row of links and nothing else ("<a>video</a> / <a>slides</a>")? Two
    links or more, each of a few words, with only separators between them: the talk's
    materials, never its title (a title is one link, or words with a link beside them)."""
    linked: dict[int, str] = {}  # each `<a>`'s words, however its markup splits them
    for text, element in line.fragments:
        node = element
        while node is not None and node.tag != "a" and node is not line.element:
            node = node.getparent()
        if node is not None and node.tag == "a":
            linked[id(node)] = linked.get(id(node), "") + " " + text
        elif text.strip(LINK_ROW_SEPARATORS):
            return False
    if len(linked) < 2:
        return False
    return all(len(text.split()) <= LINK_ROW_WORDS for text in linked.values())
