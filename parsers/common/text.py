"""Whitespace, entities and paragraphs: the text rules of the export schema.

The schema wants an abstract's paragraphs joined by one blank line, whitespace inside a
paragraph collapsed (``<br>`` and ``&nbsp;`` included), and LaTeX and non-ASCII text kept
verbatim. These functions implement exactly that, once, for every parser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from lxml import html as lxml_html

_NON_WORD = re.compile(r"[\W_]+")

# Elements that start a new paragraph; everything else is inline and flows into the current one.
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "figure",
        "figcaption",
        "details",
        "summary",
        "main",
        "nav",
        "form",
        "hr",
    ]
)
SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "button", "svg", "head"])


def clean(value: str | None) -> str | None:
    """Collapse all whitespace (incl. NBSP) to single spaces; empty becomes None."""
    if value is None:
        return None
    # str.split() breaks on exactly the characters `\s` matches (NBSP included), 4x faster.
    return " ".join(value.split()) or None


def fold(value: str) -> str:
    """Case- and accent-insensitive comparison key ("Umeå" == "umea")."""
    if value.isascii():  # nothing to decompose or strip (most names and URLs): 5x faster
        return _NON_WORD.sub(" ", value.casefold()).strip()
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


def strip_label(text: str | None, labels: Iterable[str]) -> str | None:
    """Drop a leading "Abstract:"-style label, case-insensitively."""
    if not text:
        return text
    for label in labels:
        match = _label(label).match(text)
        if match:
            return clean(text[match.end() :])
    return clean(text)


@lru_cache(maxsize=256)
def _label(label: str) -> re.Pattern[str]:
    """A leading `label` and its punctuation, compiled once per label."""
    # (?!\w): "Abstracts of ..." does not start with the label "Abstract"
    return re.compile(rf"\s*{re.escape(label)}(?!\w)\s*[:.\-–—]?\s*", re.IGNORECASE)


def text_of(element: lxml_html.HtmlElement | None) -> str | None:
    """Visible text of an element, whitespace-normalized, ignoring scripts and buttons."""
    if element is None:
        return None
    parts: list[str] = []
    _text_into(element, parts)
    return clean(" ".join(parts))


def _text_into(element: lxml_html.HtmlElement, parts: list[str]) -> None:
    """The element's text pieces in document order (appending, not nested generators: a
    `yield from` chain costs every piece one step per level of nesting). Each of `tag`,
    `text` and `tail` is read once: lxml builds a new string at every read."""
    tag = element.tag
    if not isinstance(tag, str) or tag in SKIP_TAGS:
        return
    text = element.text
    if text:
        parts.append(text)
    for child in element:
        _text_into(child, parts)
        tail = child.tail
        if tail:
            parts.append(tail)


def paragraphs(element: lxml_html.HtmlElement | None) -> list[str]:
    """Split an element's text into paragraphs at block boundaries (not at ``<br>``)."""
    if element is None:
        return []
    chunks: list[list[str]] = [[]]
    _collect(element, chunks)
    return [p for p in (clean("".join(c)) for c in chunks if c) if p]


def _collect(element: lxml_html.HtmlElement, chunks: list[list[str]]) -> None:
    """`_text_into` with a new chunk at each block element's start and end."""
    tag = element.tag
    if not isinstance(tag, str) or tag in SKIP_TAGS:
        return
    is_block = tag in BLOCK_TAGS
    if is_block:
        chunks.append([])
    if tag == "br":
        chunks[-1].append(" ")
    text = element.text
    if text:
        chunks[-1].append(text)
    for child in element:
        _collect(child, chunks)
        tail = child.tail
        if tail:
            chunks[-1].append(tail)
    if is_block:
        chunks.append([])


def abstract_of(element: lxml_html.HtmlElement | None) -> str | None:
    """The element's paragraphs joined by one blank line: `join_paragraphs(paragraphs(...))`
    without cleaning each paragraph a second time (`paragraphs` returns them clean)."""
    return "\n\n".join(paragraphs(element)) or None


def join_paragraphs(parts: Iterable[str | None]) -> str | None:
    """Paragraphs joined by one blank line, as the export schema wants; None when empty."""
    kept = [p for p in (clean(part) for part in parts) if p]
    return "\n\n".join(kept) or None


# A talk's status is read from its title and meta lines (not the abstract, where "cancelled"
# can be part of the science). Several languages, since announcements are written locally.
_CANCELLED = re.compile(
    r"\b(cancel+ed|canceled|annul[ée]e?|abgesagt|entf[äa]llt|cancelad[oa]|annullat[oa])\b", re.I
)
_POSTPONED = re.compile(
    r"\b(postponed|rescheduled|report[ée]e?|verschoben|aplazad[oa]|rinviat[oa]|adiad[oa])\b", re.I
)


def status_of(*texts: str | None) -> str:
    """ "cancelled" / "postponed" when a title or meta line says so, else "scheduled"."""
    joined = " ".join(t for t in texts if t)
    if _CANCELLED.search(joined):
        return "cancelled"
    if _POSTPONED.search(joined):
        return "postponed"
    return "scheduled"
