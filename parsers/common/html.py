"""Turning fetched bytes into an lxml tree without ever raising on bad input.

Pages arrive as bytes in any encoding (windows-1252 with a meta charset is common on old
department sites), empty, truncated or not HTML at all. `load` decodes with w3lib's rules
(BOM, HTTP header, meta charset, then a guess: the same rules Scrapy uses) and returns None
for a page with no markup, so a parser can warn and move on instead of crashing the crawl.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html
from w3lib.encoding import html_to_unicode

HtmlElement = lxml_html.HtmlElement
# lxml refuses str input that still carries an encoding declaration; the text is decoded already.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode(content: str | bytes, content_type: str | None = None) -> str:
    """Bytes to text with the encoding the page declares (or the best guess)."""
    if isinstance(content, str):
        return content
    _encoding, text = html_to_unicode(content_type, content)
    return text


def load(content: str | bytes, url: str | None = None) -> HtmlElement | None:
    """Parse a page; None when there is nothing to parse (empty, binary, not markup)."""
    text = _XML_DECLARATION.sub("", decode(content).replace("\x00", ""), count=1)
    if not text.strip() or "<" not in text:
        return None
    try:
        root = lxml_html.document_fromstring(text, base_url=url)
    except (etree.ParserError, ValueError):
        return None
    return root


def first(root: HtmlElement, *selectors: str) -> HtmlElement | None:
    """First element matching any of the CSS selectors, tried in order."""
    for selector in selectors:
        found = root.cssselect(selector)
        if found:
            return found[0]
    return None
