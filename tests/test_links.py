"""parsers/common/links.py: resolving hrefs the seed pages use and classifying talk links.

What the export schema asks (fixture README): absolute URLs, percent-encoding kept as the page
wrote it, each URL once, `slides` / `video` / `paper` / `other`; anchors, mailto: and
javascript: are not links to keep.
"""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from parsers.common.links import absolute, anchor_url, classify, links_in, unique

IST = "https://mpml.tecnico.ulisboa.pt/seminars?year=2020"
GAP = "https://gapindnns.github.io/_pages/seminar.html"
WEI = "https://weihuang05.github.io/talks/"
NGML = "https://ngmlgroup.github.io/seminars.html"

ABSOLUTE = [
    # (href, base, expected)
    (
        "/files/Roberts%20slides.pdf",
        IST,
        "https://mpml.tecnico.ulisboa.pt/files/Roberts%20slides.pdf",
    ),
    (
        "/files/van%20den%20Berg%20slides.pdf",
        IST,
        "https://mpml.tecnico.ulisboa.pt/files/van%20den%20Berg%20slides.pdf",
    ),
    ("/seminars?id=6506", IST, "https://mpml.tecnico.ulisboa.pt/seminars?id=6506"),
    ("?id=6506", IST, "https://mpml.tecnico.ulisboa.pt/seminars?id=6506"),
    ("2021-06-01-talk-2", WEI, "https://weihuang05.github.io/talks/2021-06-01-talk-2"),
    ("../images/profile.png", WEI, "https://weihuang05.github.io/images/profile.png"),
    ("  https://arxiv.org/abs/2202.00293 ", IST, "https://arxiv.org/abs/2202.00293"),
    (
        "//www.youtube.com/@ngmlgroup/playlists",
        NGML,
        "https://www.youtube.com/@ngmlgroup/playlists",
    ),
    ("https://people.kth.se/~solus/", GAP, "https://people.kth.se/~solus/"),
    # a raw space is encoded; an existing %20 is not encoded twice
    (
        "/files/Roberts slides.pdf",
        IST,
        "https://mpml.tecnico.ulisboa.pt/files/Roberts%20slides.pdf",
    ),
    ("/files/Urbano%20JM.pdf", IST, "https://mpml.tecnico.ulisboa.pt/files/Urbano%20JM.pdf"),
    ("https://x.org/a.pdf", None, "https://x.org/a.pdf"),
]

NOT_LINKS = [
    "#talk_abstract_1",  # GAPinDNNs collapse target
    "#",
    "mailto:antonio.longa@uit.no",  # NGML contact
    "MAILTO:antonio.longa@uit.no",
    "javascript:void(0)",
    "JavaScript:alert(1)",
    "tel:+46317721000",
    "data:image/png;base64,iVBORw0KGgo=",
    "ftp://ftp.example.org/slides.pdf",
    "http://[::1",  # malformed: no link rather than an exception
    "   ",
    "",
    None,
]


@pytest.mark.parametrize(("href", "base", "want"), ABSOLUTE)
def test_absolute(href: str, base: str | None, want: str) -> None:
    assert absolute(href, base) == want


@pytest.mark.parametrize("href", NOT_LINKS)
def test_absolute_ignores(href: str | None) -> None:
    assert absolute(href, IST) is None


CLASSIFY = [
    # (url, link text, kind)
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", None, "video"),
    ("https://youtu.be/dQw4w9WgXcQ", "Watch", "video"),
    ("https://vimeo.com/123456789", None, "video"),
    ("https://example.org/media/talk.mp4", None, "video"),
    ("https://example.org/media/42", "Recording", "video"),
    ("https://arxiv.org/abs/2202.00293", "https://arxiv.org/abs/2202.00293", "paper"),  # IST
    ("https://arxiv.org/pdf/2202.00293.pdf", None, "paper"),  # a PDF on arXiv is the paper
    ("https://doi.org/10.1038/s41586-021-03819-2", None, "paper"),
    ("https://openreview.net/forum?id=abc", None, "paper"),
    ("https://example.org/pub/42", "Paper", "paper"),
    ("https://mpml.tecnico.ulisboa.pt/files/Roberts%20slides.pdf", "Roberts slides.pdf", "slides"),
    ("https://mpml.tecnico.ulisboa.pt/files/Urbano%20JM.pdf", "Urbano JM.pdf", "slides"),
    ("https://example.org/talk.pptx", None, "slides"),
    ("https://example.org/talk.key", None, "slides"),
    ("https://example.org/view?id=3", "Slides", "slides"),
    ("https://people.kth.se/~solus/", "Liam Solus", "other"),  # a homepage
    ("https://www.eventbrite.com/", "Eventbrite", "other"),
    ("https://ngmlgroup.github.io/", "Home", "other"),
    ("https://example.org/~jdoe/", "Homepage", "other"),
]


@pytest.mark.parametrize(("url", "text", "kind"), CLASSIFY)
def test_classify(url: str, text: str | None, kind: str) -> None:
    assert classify(url, text) == kind


# The IST "Additional file" box as the fixture page has it, plus links that must not count.
FILE_BOX = """
<div class="seminar-files">
  <h4>Additional file</h4>
  <a class="file-preview" href="/files/Roberts%20slides.pdf"
     ><img src="/files/Roberts%20slides.pdf.png" alt=""><span>document preview</span></a>
  <a class="file-name" href="/files/Roberts%20slides.pdf">Roberts slides.pdf</a>
  <a href="#top">top</a> <a href="mailto:mpml@tecnico.ulisboa.pt">mail</a> <a>no href</a>
  <a href="/files/handout">handout</a>
</div>
"""


def test_links_in_deduplicates_preview_and_file_name() -> None:
    box = lxml_html.fragment_fromstring(FILE_BOX)
    assert links_in(box, IST) == [
        ("https://mpml.tecnico.ulisboa.pt/files/Roberts%20slides.pdf", "slides"),
        ("https://mpml.tecnico.ulisboa.pt/files/handout", "other"),
    ]


def test_links_in_default_kind_for_links_that_say_nothing() -> None:
    box = lxml_html.fragment_fromstring(FILE_BOX)
    kinds = dict(links_in(box, IST, default="slides"))
    assert kinds["https://mpml.tecnico.ulisboa.pt/files/handout"] == "slides"


def test_links_in_abstract_paper_link() -> None:
    abstract = lxml_html.fragment_fromstring(
        '<div><p>Based on: <a href="https://arxiv.org/abs/2202.00293">'
        "https://arxiv.org/abs/2202.00293</a></p></div>"
    )
    assert links_in(abstract, IST, default=None) == [("https://arxiv.org/abs/2202.00293", "paper")]


def test_unique_keeps_first_kind() -> None:
    pairs = [("https://a/x.pdf", "slides"), ("https://a/y", "other"), ("https://a/x.pdf", "other")]
    assert unique(pairs) == [("https://a/x.pdf", "slides"), ("https://a/y", "other")]


@pytest.mark.parametrize(
    ("page", "element_id", "want"),
    [
        (
            GAP,
            "talk_2024-05-30_Emma_Andersdotter",
            "https://gapindnns.github.io/_pages/seminar.html#talk_2024-05-30_Emma_Andersdotter",
        ),
        (GAP + "#talk_old", "talk_1", GAP + "#talk_1"),  # the page's own fragment is replaced
        (GAP, None, None),
        (GAP, "", None),
    ],
)
def test_anchor_url(page: str, element_id: str | None, want: str | None) -> None:
    assert anchor_url(page, element_id) == want
