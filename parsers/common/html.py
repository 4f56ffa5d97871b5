"""Turning fetched bytes into an lxml tree without ever raising on bad input.

Pages arrive as bytes in any encoding (windows-1252 with a meta charset is common on old
department sites), empty, truncated or not HTML at all. `load` decodes with w3lib's rules
(BOM, HTTP header, meta charset, then a guess: the same rules Scrapy uses) and returns None
for a page with no markup, so a parser can warn and move on instead of crashing the crawl.
The HTTP header is the caller's `content_type` string (the spider passes the response's);
`charset_conflict` says when it and the page's own `<meta>` disagree.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache

import cssselect
from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
)

HtmlElement = lxml_html.HtmlElement
# lxml refuses str input that still carries an encoding declaration; the text is decoded already.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# A tag, comment or doctype: "<" alone (or "<<" in a PDF) is not markup.
_MARKUP = re.compile(r"<[A-Za-z!/?]")
# Control characters that never occur in a text page but fill binary files (PDF streams, images):
# \x00-\x08 and \x0e-\x1f.
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


def decode(content: str | bytes, content_type: str | None = None) -> str:
    """Bytes to text as a browser decodes them: a byte order mark, else the charset of the HTTP
    `content_type` header, else the page's `<meta>` charset, else the best guess."""
    if isinstance(content, str):
        return content
    _encoding, text = html_to_unicode(content_type, content, auto_detect_fun=_guess_encoding)
    return text


def charset_conflict(content: str | bytes, content_type: str | None) -> str | None:
    """What to warn about when the HTTP header and the page's `<meta>` name different charsets
    (the header wins, as in browsers, so the meta is likely stale); None when they agree."""
    if isinstance(content, str) or not content_type:
        return None
    header = http_content_type_encoding(content_type)
    meta = html_body_declared_encoding(content)
    if header is None or meta is None or header == meta:  # both are normalized codec names
        return None
    bom, _ = read_bom(content)
    used = f"{bom} (its byte order mark)" if bom else f"{header}, as browsers do"
    return f"charset: the HTTP header says {header}, the page's <meta> says {meta}; read as {used}"


def _guess_encoding(content: bytes) -> str:
    """For pages that declare nothing: UTF-8 if the bytes are valid UTF-8, else windows-1252.

    Browsers make the same guess; without it an undeclared Latin-1 page ("Zürich") came out
    with replacement characters.
    """
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def load(
    content: str | bytes, url: str | None = None, content_type: str | None = None
) -> HtmlElement | None:
    """Parse a page (bytes decoded as `decode` says); None when there is nothing to parse
    (empty, binary, not markup)."""
    text = decode(content, content_type)
    if text.startswith("%PDF-") or _control_characters(text[:4096]) > 8:
        return None  # a binary file (PDF, image) served where a page was expected
    if "\x00" in text:
        text = text.replace("\x00", "")
    if _XML_DECLARATION.match(text):
        text = _XML_DECLARATION.sub("", text, count=1)
    if not text or text.isspace() or not _MARKUP.search(text):  # (no copies of the page)
        return None
    try:
        root = lxml_html.document_fromstring(text, parser=_parser(), base_url=url)
    except (etree.ParserError, ValueError):
        return None
    return root


_parsers = threading.local()  # lxml parsers must not be shared between threads


def _parser() -> lxml_html.HTMLParser:
    """lxml.html's parser, with the element classes looked up in C.

    Why: lxml.html picks each element's Python class (HtmlElement, or FormElement for a
    `<form>`, ...) in a Python method called whenever lxml hands an element to Python: every
    child visited, every selector match. The same table in an `ElementNamespaceClassLookup`
    gives the same classes without that call.
    """
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = lxml_html.HTMLParser()
        lookup = etree.ElementNamespaceClassLookup(
            etree.ElementDefaultClassLookup(
                element=lxml_html.HtmlElement,
                comment=lxml_html.HtmlComment,
                pi=lxml_html.HtmlProcessingInstruction,
                entity=lxml_html.HtmlEntity,
            )
        )
        lookup.get_namespace(None).update(lxml_html.HtmlElementClassLookup._default_element_classes)
        parser.set_element_class_lookup(lookup)
    return parser


def _control_characters(text: str) -> int:
    """How many `_BINARY_BYTES` characters `text` holds, counted on its UTF-8 bytes (they are
    ASCII, and no other character's encoding contains such a byte): a regex took 45 us a page."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _BINARY_BYTES))


def first(root: HtmlElement, *selectors: str) -> HtmlElement | None:
    """First element matching any of the CSS selectors, tried in order."""
    for selector in selectors:
        found = _compiled_first(selector)(root)
        if found:
            return found[0]
    return None


def select(root: HtmlElement, selector: str) -> list[HtmlElement]:
    """`root.cssselect(selector)`, with the CSS-to-XPath translation done once per selector.

    Why: translating the selector cost ~70% of parse time on the 31-talk IST page, since
    every talk block asks the same handful of selectors again.
    """
    return _compiled(selector)(root)


@lru_cache(maxsize=1024)
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


@lru_cache(maxsize=1024)
def _compiled_first(selector: str) -> etree.XPath:
    """The selector's XPath stopping at the first match when it is one location step
    (`descendant-or-self::div[...][1]` is the first such element in document order); libxml2
    then stops walking the tree there. Anything else is `(...)[1]`, the same nodes."""
    path = _compiled(selector).path
    chains = _simple(selector)
    one_step = chains is not None and len(chains) == 1 and len(chains[0]) == 1
    return etree.XPath(path + "[1]" if one_step else f"({path})[1]")


# ---- talk blocks ---------------------------------------------------------------------------


class Block:
    """A talk block (a card, an agenda row) asked many selectors: its elements are listed
    once, by class and by tag, as selectors need them.

    Why: a parser asks each block a dozen selectors, and an XPath query costs ~20 us even on
    a 25-element block, because libxml2 evaluates the class test on every node. Here one
    walk lists the block's elements that have a class, filed by each of their classes (the
    first class asked for pays for it); a selector is then a look-up there, and the rest of
    it (tag, other classes, ancestors) is checked against the same filing. On the IST page
    (31 blocks, ten classes asked of each) filing every class in one walk costs 4.9 million
    instructions (valgrind), where listing the classed elements with an XPath and scanning
    that list again for each class asked cost 7.0 million.
    `first` and `select` return exactly what the module's functions return for `element`:
    tags, classes, ids, `[attr]`, `[attr=v]`, `[attr^=v]` and the descendant and child
    combinators are matched here with cssselect's HTML semantics (classes are separated by
    XML whitespace; every compound left of a combinator matches inside `element`); any
    other selector goes to XPath. Do not modify the block meanwhile.
    """

    __slots__ = ("_buckets", "_by_class", "_classes", "_nodes", "_order", "element")

    def __init__(self, element: HtmlElement) -> None:
        self.element = element
        self._buckets: dict[str, list[HtmlElement]] = {}  # tag -> its elements
        self._by_class: dict[str, list[HtmlElement]] | None = None  # class -> its elements
        self._classes: dict[HtmlElement, list[str]] = {}  # element -> its classes
        self._nodes: list[HtmlElement] | None = None  # every element, for `*`, `#id`, `[a]`
        self._order: dict[HtmlElement, int] | None = None  # to merge comma-separated parts

    def first(self, *selectors: str) -> HtmlElement | None:
        """`first(element, *selectors)`."""
        for selector in selectors:
            chains = _simple(selector)
            if chains is None:
                found = first(self.element, selector)
            elif len(chains) == 1:
                found = next(iter(self._matches(chains[0])), None)
            else:
                matches = [next(iter(self._matches(chain)), None) for chain in chains]
                found = min((m for m in matches if m is not None), key=self._position, default=None)
            if found is not None:
                return found
        return None

    def select(self, selector: str) -> list[HtmlElement]:
        """`select(element, selector)`."""
        chains = _simple(selector)
        if chains is None:
            return select(self.element, selector)
        if len(chains) == 1:
            return list(self._matches(chains[0]))
        return sorted(
            {node for chain in chains for node in self._matches(chain)}, key=self._position
        )

    def _matches(self, chain: Chain) -> Iterable[HtmlElement]:
        """The elements matching `chain`, in document order."""
        tag, classes, tests = chain[0][1]
        if classes:  # the elements with the first class; the rest is checked on each
            nodes = self._with_class(classes[0])
            rest: Compound = (tag, classes[1:], tests)
        else:
            nodes = self._with_tag(tag) if tag else self._all()
            rest = (None, (), tests)
        if len(chain) == 1 and rest == (None, (), ()):
            return nodes
        return (
            node
            for node in nodes
            if self._compound_matches(node, rest) and self._ancestors_match(node, chain, 1)
        )

    def _with_class(self, name: str) -> list[HtmlElement]:
        if self._by_class is None:
            self._by_class = {}
            for node in self.element.iter(etree.Element):  # (an XPath for @class is slower)
                value = node.get("class")
                if value is None:
                    continue
                classes = self._classes[node] = _XML_SPACE.split(value)
                for token in classes:
                    nodes = self._by_class.setdefault(token, [])
                    if not nodes or nodes[-1] is not node:  # class="a a" lists it once
                        nodes.append(node)
        return self._by_class.get(name, [])

    def _with_tag(self, tag: str) -> list[HtmlElement]:
        nodes = self._buckets.get(tag)
        if nodes is None:
            nodes = self._buckets[tag] = list(self.element.iter(tag))
        return nodes

    def _all(self) -> list[HtmlElement]:
        if self._nodes is None:
            self._nodes = list(self.element.iter(etree.Element))
        return self._nodes

    def _position(self, node: HtmlElement) -> int:
        if self._order is None:
            self._order = {node: position for position, node in enumerate(self._all())}
        return self._order[node]

    def _compound_matches(self, node: HtmlElement, compound: Compound) -> bool:
        """Does `node`, an element of the block, match `compound`?"""
        tag, classes, tests = compound
        if tag is not None and node.tag != tag:
            return False
        if classes:
            self._with_class(classes[0])  # files the block's classes, once
            own = self._classes.get(node, ())
            if any(name not in own for name in classes):
                return False
        return all(test(node) for test in tests)

    def _ancestors_match(self, node: HtmlElement, chain: Chain, index: int) -> bool:
        """Does chain[index:] match ancestors of `node` inside the block (itself included)?"""
        if index == len(chain):
            return True
        combinator, compound = chain[index]
        parent = node.getparent() if node is not self.element else None
        while parent is not None:
            if self._compound_matches(parent, compound) and self._ancestors_match(
                parent, chain, index + 1
            ):
                return True
            if combinator == ">" or parent is self.element:
                return False
            parent = parent.getparent()
        return False


# A compound selector ("div.card[id^='talk_']") as (tag or None, classes, other tests); a
# chain is a selector's compounds right to left, each with the combinator on its right.
Test = Callable[[HtmlElement], bool]
Compound = tuple[str | None, tuple[str, ...], tuple[Test, ...]]
Chain = tuple[tuple[str, Compound], ...]
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_NON_WHITESPACE = re.compile(r"^[^ \t\r\n\f]+$")
_SAFE_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_.-]*$")
_NEVER = "\n"  # a class no element has (class names are split at whitespace)


class _Unsupported(Exception):
    """A selector feature left to XPath."""


@lru_cache(maxsize=1024)
def _simple(selector: str) -> tuple[Chain, ...] | None:
    """The selector's chains, one per comma-separated part; None when XPath must do it."""
    try:
        return tuple(_chain(parsed) for parsed in cssselect.parse(selector))
    except (_Unsupported, cssselect.SelectorError):
        return None


def _chain(parsed: cssselect.Selector) -> Chain:
    if parsed.pseudo_element is not None:
        raise _Unsupported
    chain = []
    tree, combinator = parsed.parsed_tree, ""
    while isinstance(tree, cssselect.parser.CombinedSelector):
        if tree.combinator not in (" ", ">"):
            raise _Unsupported
        chain.append((combinator, _compound(tree.subselector)))
        tree, combinator = tree.selector, tree.combinator
    chain.append((combinator, _compound(tree)))
    return tuple(chain)


def _compound(tree: object) -> Compound:
    classes: list[str] = []
    tests: list[Test] = []
    while not isinstance(tree, cssselect.parser.Element):
        if isinstance(tree, cssselect.parser.Class):
            name = tree.class_name
            classes.append(name if _NON_WHITESPACE.match(name) else _NEVER)
        elif isinstance(tree, cssselect.parser.Hash):
            tests.append(_equals("id", tree.id))
        elif isinstance(tree, cssselect.parser.Attrib):
            tests.append(_attribute_test(tree))
        else:
            raise _Unsupported
        tree = tree.selector
    if tree.namespace or (tree.element and not _SAFE_NAME.match(tree.element)):
        raise _Unsupported
    return (tree.element.lower() if tree.element else None), tuple(classes), tuple(tests)


def _attribute_test(attrib: cssselect.parser.Attrib) -> Test:
    name = attrib.attrib.lower()
    if attrib.namespace or attrib.flag == "i" or not _SAFE_NAME.match(name):
        raise _Unsupported
    value = attrib.value.value if attrib.value is not None else None
    if attrib.operator == "exists":
        return lambda node: node.get(name) is not None
    if attrib.operator == "=":
        return _equals(name, value)
    if attrib.operator == "^=" and value:
        return lambda node: (node.get(name) or "").startswith(value)
    if attrib.operator == "^=":
        return lambda node: False
    raise _Unsupported


def _equals(name: str, value: str) -> Test:
    return lambda node: node.get(name) == value
