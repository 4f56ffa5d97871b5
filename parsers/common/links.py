"""Absolute URLs and what a link attached to a talk is: slides, video, paper or other.

Classification looks at the URL and the link text together, because neither alone is
enough: "/files/Urbano%20JM.pdf" says nothing but ".pdf", and "Recording" links often point
at opaque hosts. The keyword tables are data, at the top, so a new host is a one-line change.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

VIDEO_HOSTS = (
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "bilibili.com",
    "panopto",
    "kaltura",
    "mediaspace",
    "zoom.us/rec",
    "video.",
    "videos.",
)
PAPER_HOSTS = (
    "arxiv.org",
    "doi.org",
    "openreview.net",
    "proceedings.",
    "biorxiv.org",
    "medrxiv.org",
    "ssrn.com",
    "semanticscholar.org",
    "aclanthology.org",
    "hal.science",
)
VIDEO_WORDS = re.compile(r"\b(video|recording|recorded|youtube|watch|vimeo|replay)\b", re.I)
SLIDES_WORDS = re.compile(
    r"\b(slides?|slide deck|presentation|transparencies|diapositives)\b", re.I
)
PAPER_WORDS = re.compile(r"\b(paper|preprint|arxiv|article|publication|pdf of the paper)\b", re.I)
SLIDE_FILES = re.compile(r"\.(pdf|pptx?|key|odp)(\?|#|$)", re.I)
VIDEO_FILES = re.compile(r"\.(mp4|webm|mov|m4v)(\?|#|$)", re.I)
IGNORED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:")
# The host tables as one search each (same answer as testing every host in turn, faster).
_VIDEO_HOST = re.compile("|".join(map(re.escape, VIDEO_HOSTS)))
_PAPER_HOST = re.compile("|".join(map(re.escape, PAPER_HOSTS)))


# An href whose resolution `urljoin` would return unchanged (absolute) or glued to the base's
# origin (root-relative): no dot segments, no empty "?" or "#", no ";" params, no whitespace,
# so re-serialising its parts gives it back. Most links are like this, and urljoin costs ~20 us.
_PLAIN_PATH = r"(?:/(?!\.\.?(?:[/?#]|$))[^\s;?#\\\[\]/]*)*"  # no "." or ".." segment
_PLAIN_TAIL = r"(?:\?[^\s#\\\[\]]+)?(?:#[^\s\\\[\]]+)?"
_PLAIN_ABSOLUTE = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?" + _PLAIN_PATH + _PLAIN_TAIL)
_PLAIN_ROOTED = re.compile(_PLAIN_PATH + _PLAIN_TAIL)
_PLAIN_BASE = re.compile(r"(https?://[A-Za-z0-9.-]+(?::\d+)?)(?:[/?#]|$)")


def absolute(href: str | None, base: str | None) -> str | None:
    """Resolve a link against its page; None for anchors-only, mailto:, javascript: etc."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(IGNORED_SCHEMES):
        return None
    if href.isascii() and base and base.isascii():
        plain = _plain_join(href, base)
        if plain is not None:
            return plain
    try:
        url = urljoin(base or "", href)
        scheme = urlsplit(url).scheme
    except ValueError:  # "http://[::1": a malformed href is no link, not a crashed crawl
        return None
    return url.replace(" ", "%20") if scheme in ("http", "https") else None


def _plain_join(href: str, base: str) -> str | None:
    """`urljoin(base, href)` for the plain cases above, else None (then urljoin decides)."""
    origin = _PLAIN_BASE.match(base)
    if origin is None:
        return None
    if href.startswith("/") and not href.startswith("//") and _PLAIN_ROOTED.fullmatch(href):
        return origin.group(1) + href
    if _PLAIN_ABSOLUTE.fullmatch(href):
        return href
    return None


def classify(url: str, text: str | None = None) -> str:
    """slides | video | paper | other, from the URL and the link's visible text."""
    lowered = url.lower()
    label = text or ""
    if _VIDEO_HOST.search(lowered) or VIDEO_FILES.search(lowered):
        return "video"
    if _PAPER_HOST.search(lowered):
        return "paper"
    if VIDEO_WORDS.search(label):
        return "video"
    if SLIDES_WORDS.search(label) or SLIDES_WORDS.search(lowered.replace("%20", " ")):
        return "slides"
    if PAPER_WORDS.search(label):
        return "paper"
    if SLIDE_FILES.search(lowered):
        return "slides"
    return "other"


def unique(urls_and_kinds: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each URL once, first occurrence wins (a preview image and a file name often share one)."""
    seen: set[str] = set()
    kept = []
    for url, kind in urls_and_kinds:
        if url not in seen:
            seen.add(url)
            kept.append((url, kind))
    return kept


def links_in(element, base: str | None, *, default: str | None = None) -> list[tuple[str, str]]:
    """(url, kind) of every link inside an element, each URL once.

    `default` is the kind for links the text and URL say nothing about: a site parser that
    knows its "Additional file" box holds slides passes "slides".
    """
    found = []
    seen: set[str] = set()
    for anchor in element.iter("a"):
        url = absolute(anchor.get("href"), base)
        if not url or url in seen:  # the first link to a URL says what it is (as `unique`)
            continue
        seen.add(url)
        text = " ".join(anchor.itertext())
        kind = classify(url, text)
        if kind == "other" and default:
            kind = default
        found.append((url, kind))
    return found


def anchor_url(page_url: str, element_id: str | None) -> str | None:
    """The page URL pointing at an element's id: a talk's permalink on one-page listings."""
    if not element_id:
        return None
    return page_url.split("#", 1)[0] + "#" + element_id
