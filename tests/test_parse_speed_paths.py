"""The hand-written fast paths of parsing return exactly what the slow paths return.

Each fast path is justified in its docstring by a `python -m bench.parse` figure; here it is
checked against the plain code it replaces, on the seed snapshots, the real-page corpus and
markup made to hit the edge cases:
- `html.Block` (a talk block's elements filed by class and tag) against `html.first` /
  `html.select` (cssselect's XPath);
- `text.abstract_of` against `join_paragraphs(paragraphs(...))`;
- `links.links_in` (a URL's later links are not classified) against classifying every link
  and keeping each URL's first;
- `Talk.to_dict` (field by field) against `dataclasses.asdict`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from lxml import etree

from bench.parse import pages as seed_pages
from crawler.paths import SNAPSHOTS
from crawler.snapshots import load_snapshots
from parsers import parse_site
from parsers.common import html
from parsers.common.links import absolute, classify, links_in, unique
from parsers.common.text import abstract_of, join_paragraphs, paragraphs
from parsers.talk import EXPORT_FIELDS, Link, Speaker, Talk

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

# What the parsers ask of their blocks, and forms the Block matcher must get right or leave
# to XPath (pseudo-classes, sibling combinators, attribute operators it does not handle).
SELECTORS = [
    ".timezone",
    "time.seminar-start",
    "time",
    ".seminar-where .room",
    ".seminar-where .online",
    ".online",
    "p.speaker",
    ".seminar-title, h3",
    "div.card[id^='talk_'], div.talk-entry",
    ".card-title",
    "h5, h6",
    "i.bi-geo-alt-fill",
    "div.collapse",
    ".archive__item-title",
    "time[datetime]",
    "p",
    "a[href]",
    "a[href^='http']",
    "a[href='#']",
    "[id]",
    "[class]",
    "*",
    "div p",
    "div > p",
    "ul > li a",
    "div div",
    "div.a.b",
    ".a .a",
    ".a > .b",
    "section .a",
    "li:first-child",
    "p + p",
    "[title~='x']",
    "a[HREF]",
    ".missing",
    "div.missing p",
]

EDGES = """<html><body>
<div class="block a" id="b1">
  <div class="a  a b">one <p class="b">x</p></div>
  <div class=""><p class="a">two</p></div>
  <section class="a\tb\nc"><div class="b"><p class="a b">three</p></div></section>
  <div class="a\fb"><p>four</p></div>
  <ul class="b"><li class="a"><a href="http://x/1" title="x y">1</a></li>
      <li><a HREF="#">2</a><a href="/3">3</a></li></ul>
  <div class="a b">
    <div><p class="b">deep</p></div>
    <div class="b"><div class="a"><p>nested</p></div></div>
  </div>
  <!-- a comment --><p class="seminar-title">t</p><h3 id="h">h</h3>
</div>
</body></html>"""


def _blocks(root: html.HtmlElement) -> list[html.HtmlElement]:
    """Elements likely to be parsed as blocks: the first 60 with a class or an id, and the
    body."""
    found = [e for e in root.iter(etree.Element) if e.get("class") is not None or e.get("id")]
    return [*found[:60], root.body] if root.body is not None else found[:60]


def _pages() -> list[tuple[str, html.HtmlElement]]:
    pages = [("edges", html.load(EDGES))]
    for page in seed_pages(load_snapshots(SNAPSHOTS)):
        root = html.load(page.content, page.url)
        if root is not None:
            pages.append((page.url, root))
    for item in json.loads((CORPUS / "manifest.json").read_text("utf-8")):
        if item["kind"] != "ics":
            root = html.load((CORPUS / "pages" / f"{item['id']}.html").read_bytes())
            if root is not None:
                pages.append((item["id"], root))
    return pages


@pytest.fixture(scope="module")
def pages() -> list[tuple[str, html.HtmlElement]]:
    return _pages()


def test_block_answers_as_xpath(pages: list[tuple[str, html.HtmlElement]]) -> None:
    asked = 0
    for name, root in pages:
        for element in _blocks(root):
            block = html.Block(element)
            for selector in SELECTORS:
                assert block.select(selector) == html.select(element, selector), (name, selector)
                assert block.first(selector) is html.first(element, selector), (name, selector)
                asked += 1
            pair = ("div.missing", ".b", "p")
            assert block.first(*pair) is html.first(element, *pair), name
    assert asked > 100_000  # the corpus was read, not just the edge cases


def test_block_edge_cases() -> None:
    root = html.load(EDGES)
    block = html.Block(root.get_element_by_id("b1"))
    inner = html.Block(block.select("section")[0])  # class="a<tab>b<newline>c"
    assert [e.tag for e in inner.select(".a .b")] == ["div", "p"]
    assert inner.select(".c > .b") == inner.select(".c .b")[:1]
    assert [p.text for p in block.select(".a .b")] == [
        p.text for p in html.select(block.element, ".a .b")
    ]
    assert block.select("div.a.b")[0].text == "one "  # class="a  a b" is listed once
    assert len(block.select(".a")) == len(set(block.select(".a")))
    assert block.select("div.a.b") == html.select(block.element, "div.a.b")


def test_abstract_of_is_joined_paragraphs(pages: list[tuple[str, html.HtmlElement]]) -> None:
    for name, root in pages:
        for element in _blocks(root)[:60]:
            assert abstract_of(element) == join_paragraphs(paragraphs(element)), name
    assert abstract_of(None) is None


def test_links_in_is_every_link_classified_then_made_unique(
    pages: list[tuple[str, html.HtmlElement]],
) -> None:
    for name, root in pages:
        base = name if name.startswith("http") else "https://example.org/talks/"
        for default in (None, "slides"):
            slow = []
            for anchor in root.iter("a"):
                url = absolute(anchor.get("href"), base)
                if url:
                    kind = classify(url, " ".join(anchor.itertext()))
                    slow.append((url, default if kind == "other" and default else kind))
            assert links_in(root, base, default=default) == unique(slow), name


def test_to_dict_is_asdict() -> None:
    talks = [
        Talk(title=None),
        Talk(
            title="T",
            speakers=(Speaker("A", "U"), Speaker("B")),
            starts_at="2024-01-02T10:00:00",
            timezone="Europe/Lisbon",
            online=False,
            links=(Link("slides", "https://x/s.pdf"),),
            extracted_by="x",
            source_key="k",
        ),
    ]
    for snap in load_snapshots(SNAPSHOTS):
        talks += parse_site(snap.fetch, snap.site["seed_url"]).talks
    for talk in talks:
        slow = asdict(talk)
        slow["speakers"] = [asdict(s) for s in talk.speakers]
        slow["links"] = [asdict(link) for link in talk.links]
        want = {key: slow[key] for key in EXPORT_FIELDS}
        got = talk.to_dict()
        assert got == want
        assert list(got) == list(want)
        assert json.dumps(got) == json.dumps(want)
