"""Whose page is this? The owner of a personal "Talks" page, who gives every talk on it.

A personal talks page (a researcher's "Talks", "Presentations", "Palestras") lists the
owner's own talks and names no speaker: the owner is the speaker. Two parsers need this (the
heuristic and the Hugo Academic platform), so it lives here.

Where pages put the owner's name, most reliable first (`page_owner`): the author meta tag;
a part of `<title>` or `og:title` ("Talks | Jane Doe", the whole title "Jane Doe", or the
name a site title gives after what the site is, "Academic website of Dr. Jane Doe"); the
site name in the navigation bar (`.navbar-brand`, jemdoc's first `.menu-category`, a theme's
`.site-title`); the page's `<h1>`; the footer's copyright line ("© 2024 Jane Doe"), its
credit line ("Author: Jane Doe @handle") or its first line (a name set alone above the
footer's links); last, the page's description ("List of talks by Jane Doe"). A
candidate counts only when it is one person's name and nothing else (`looks_like_person`),
so a group ("Vision Lab"), a series ("Contact Colloquium") or a menu word ("Home") is never an
owner.

`personal_talks_page` says whether the page is a talks page at all: its title, first
headings, `og:title` or URL name talks or presentations (in the languages seminar pages use)
and do not name a series (a seminar, a colloquium, a workshop programme: those pages list
other people's talks), unless a page titled with one person's name qualifies the series word
as that person's own ("Séminaires extérieurs", "Invited seminars").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsers.common.html import HtmlElement, select
from parsers.common.people import looks_like_person, people_in, strip_honorifics
from parsers.common.text import clean
from parsers.talk import Speaker

# Where themes print the site's (here: the person's) name, as CSS selectors; data, so a theme
# missed is a one-line fix.
BRAND_SELECTORS = (
    ".navbar-brand",
    ".site-title",
    ".site-name",
    ".masthead__menu-item--lg",  # minimal-mistakes / academicpages
    ".author__name",
    "#site-title",
    ".brand",
    ".menu-category",  # jemdoc: the first menu heading is the site's name
    "header h1",
)
FOOTER_SELECTORS = ("footer", "#footer", ".footer", ".site-footer", ".page-footer")

# "Talks | Jane Doe", "Jane Doe - Presentations", "Jane Doe -- talks", "Jane Doe: Talks".
_TITLE_PARTS = re.compile(r"\s+(?:[|·•–—]|-{1,2})\s+|\s*[|·•]\s*|:\s+|\s+[–—]\s*")

# A personal page's own word for its list of talks (headings, title, URL).
TALK_PAGE_WORDS = re.compile(
    r"\b(?:talks?|presentations?|invited\s+talks?|selected\s+talks?|conference\s+talks?|"
    r"speaking|lectures?|palestras?|apresenta[çc][õo]es|charlas|ponencias|conferencias|"
    r"interventi|relazioni|vortr(?:[äa]|ae)ge|exposés|conférences|communications|voordrachten|"
    r"föredrag|講演|発表|报告|演讲)\b",
    re.I,
)
# Words that make a page a series' page (other people's talks), not a personal list.
SERIES_PAGE_WORDS = re.compile(
    r"\b(?:seminars?|séminaires?|seminari[oa]?s?|seminário|colloqui(?:um|a)|kolloquium|"
    r"workshops?|conference\s+programme|programme|program|journal\s+club|reading\s+group|"
    r"lecture\s+series|speaker\s+series|webinars?|schedule|agenda)\b",
    re.I,
)

# A series word qualified as the talks a person gave: "Séminaires extérieurs/internes/invités",
# "Invited/External seminars", "Seminars given". Only on a page titled with a person's name.
_SERIES_NOUN = r"(?:s[ée]minaires?|seminars?|seminari[oa]?s?|colloqui(?:um|a)|kolloquien|webinars?)"
_OWN_QUALIFIER = (
    r"(?:ext[ée]rieurs?|externes?|internes?|invit[ée]s?|donn[ée]s|given|invited|external|"
    r"internal|impartidos|dictados|tenuti|gehalten)"
)
OWN_SEMINARS = re.compile(
    rf"\b{_SERIES_NOUN}\s+{_OWN_QUALIFIER}\b|\b(?:invited|external|internal)\s+{_SERIES_NOUN}\b",
    re.I,
)

# A site title that names its owner after saying what the site is: "Academic website of Dr.
# Jane Doe", "Homepage of Jane Doe", "Page personnelle de Jane Doe", "Sitio web de Jane Doe".
_SITE_OF = re.compile(
    r"^(?:(?:the|my)\s+)?(?:(?:academic|personal|professional|official|research)\s+)?"
    r"(?:web\s?site|web\s?page|home\s?page|page|site|blog)\s+(?:of|by)\s+"
    r"|^(?:site|page)\s+(?:web\s+|personnelle\s+|perso\s+)?(?:de|d['’])\s*"
    r"|^(?:sitio|p[áa]gina)\s+(?:web\s+|personal\s+)?de\s+",
    re.I,
)

_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–—]\s*(?:(?:19|20)\d\d)?\s*)?)?"
    r",?\s*(?:by\s+)?(?P<name>[^.,|·•©\d\n]{3,60})",
    re.I,
)

# A footer's credit line: "Author: Jane Doe @handle", "Maintained by Jane Doe", "Autor: …"; a
# handle or an e-mail after the name is dropped.
_AUTHOR_LINE = re.compile(
    r"\b(?:author|autor(?:a|in)?|auteure?|maintained\s+by|written\s+by|made\s+by)\b\s*:?\s*"
    r"(?P<name>[^\W\d_][^@|·•©\d\n,;:(]{2,58}?)(?=\s*(?:@|\(|[|·•,;]|\s{2,}|\n|$))",
    re.I,
)


def page_owner(root: HtmlElement) -> Speaker | None:
    """The person the page belongs to (sources in the module docstring), or None."""
    for candidate in _candidates(root):
        name = _one_person(candidate)
        if name:
            return Speaker(name)
    return None


def personal_talks_page(root: HtmlElement, url: str | None = None) -> bool:
    """Does the page call itself a list of talks, and not a seminar series' page? The first of
    its title, og:title and first headings that names either decides (a series word wins in
    the same text): a personal page's later section ("Workshops organised") does not make it
    a series page, and a series page's "Upcoming talks" heading does not make it personal."""
    slug = _slug(url)
    for text in _head_texts(root):
        if SERIES_PAGE_WORDS.search(text):
            return _owns_series_heading(root, text) or _own_section(root, text, slug)
        if TALK_PAGE_WORDS.search(text):
            return True
    return bool(TALK_PAGE_WORDS.search(slug))


def _slug(url: str | None) -> str:
    """The last two parts of the page's path, as words ("talks/index.html": "talks index")."""
    path = urlsplit(url or "").path.rsplit("/", 2)
    slug = " ".join(p for p in path[-2:] if p).replace("-", " ").replace("_", " ")
    return re.sub(r"\.\w+$", "", slug)


def _own_section(root: HtmlElement, text: str, slug: str) -> bool:
    """A series word in a heading ("Workshops": the courses a person offers, a section above
    the talks) on a page titled with one person's name whose own address names talks
    ("/palestras/", "talks.html"): that person's talks page, not a series' page. The title
    itself naming a series ("Seminar | Jane Doe") still makes a series page."""
    title = clean(root.findtext(".//title")) or ""
    return (
        text != title
        and bool(TALK_PAGE_WORDS.search(slug))
        and not SERIES_PAGE_WORDS.search(slug)
        and bool(_one_person(title))
    )


def _owns_series_heading(root: HtmlElement, text: str) -> bool:
    """ "Séminaires extérieurs", "Invited seminars" on a site whose `<title>` is one person's
    name: the seminars that person gave (elsewhere, in the own lab, when invited), not a
    series. Both must hold: a lab's "Internal seminars" page is titled with the lab's name."""
    return bool(OWN_SEMINARS.search(text)) and bool(_one_person(root.findtext(".//title")))


def _head_texts(root: HtmlElement) -> list[str]:
    """The page's title, og:title and first headings: where a page says what it is."""
    texts = [root.findtext(".//title") or ""]
    texts += [m.get("content") or "" for m in root.iterfind(".//meta[@property='og:title']")]
    for count, heading in enumerate(root.iter("h1", "h2")):
        if count >= 3:
            break
        texts.append(heading.text_content()[:120])
    return [clean(text) or "" for text in texts]


def _candidates(root: HtmlElement):
    """Texts that may hold the owner's name, most reliable first (lazily: most pages stop at
    the first)."""
    for meta in root.iterfind(".//meta[@name='author']"):
        yield meta.get("content")
    for text in (root.findtext(".//title"), *_og_titles(root)):
        text = clean(text) or ""
        yield text
        parts = _TITLE_PARTS.split(text)
        if len(parts) > 1:
            yield from parts
        yield from (_SITE_OF.sub("", part) for part in parts if _SITE_OF.match(part))
        yield from _possessive_owner(parts)
    for selector in BRAND_SELECTORS:
        found = _select_first(root, selector)
        if found is not None:
            yield found.text_content()[:120]
    for count, heading in enumerate(root.iter("h1")):
        if count >= 2:
            break
        yield heading.text_content()[:120]
    for selector in FOOTER_SELECTORS:
        found = _select_first(root, selector)
        if found is not None:
            for match in _COPYRIGHT.finditer(found.text_content()[:2000]):
                yield match.group("name")
            lines = "\n".join(found.itertext())[:2000]  # "…RSS</a><p>Author: …": apart
            for match in _AUTHOR_LINE.finditer(lines):
                yield match.group("name")
            texts = (clean(text) for text in found.itertext())  # a line per text node
            yield next((text for text in texts if text), "")
    for meta in root.iterfind(".//meta[@content]"):
        if (meta.get("name") or meta.get("property") or "").lower() in _DESCRIPTIONS:
            yield from _described_owner(meta.get("content"))


# "Jane Doe's Talks", "J. Doe’s home page": a name in the possessive before what the page is.
_POSSESSIVE = re.compile(
    r"^(?P<name>[^,;:()|]{3,60}?)['’]s?\s+(?:(?:list\s+of|selected|recent|invited|past)\s+)?"
    r"(?P<what>[^\W\d_][\w\s-]{2,40})$",
    re.I,
)
_SITE_WORDS = re.compile(r"^(?:home\s?page|web\s?(?:site|page)|site|page|blog)$", re.I)


def _possessive_owner(parts: list[str]) -> list[str]:
    """The name a title part gives in the possessive before the page's own word for itself
    ("Jane Doe's Talks", "J. Doe's Homepage"): `_one_person` never accepts the whole part, and
    the description's "Jane Doe's talks" reading stops at an initial's full stop."""
    found = []
    for part in parts:
        match = _POSSESSIVE.match(part)
        what = match["what"].strip() if match else ""
        if match and (TALK_PAGE_WORDS.fullmatch(what) or _SITE_WORDS.match(what)):
            found.append(match["name"])
    return found


_DESCRIPTIONS = ("description", "og:description", "twitter:description")
# "List of talks by Jane Doe", "Homepage of Jane Doe", "Exposés de Jane Doe": the name closes
# a description after "by"/"of"; "Jane Doe's talks", "Jane Doe is a …": the name opens it.
_NAME_AFTER = re.compile(
    r"^.*\b(?:by|of|from|de|d['’]|von|di|por|par|door)\s*(?P<name>[^,;:]{3,60}?)\.?$", re.I
)
_NAME_BEFORE = re.compile(
    r"^(?P<name>[^,;:.()]{3,60}?)(?:['’]s\s|\s+(?:is|was|est|es|ist|è|é)\s)", re.I
)


def _described_owner(text: str | None) -> list[str]:
    """Where the page's description names its owner: the whole of it, the name after its
    last "by"/"of" ("List of talks by Jane Doe"), or the name opening it ("Jane Doe's
    talks", "Jane Doe is a researcher …"). `_one_person` judges each; the description is
    the last place asked, as a theme may fill it with its own words."""
    text = clean(text) or ""
    first = re.split(r"(?<=[^\W\d_]{3})(?<!Prof)[.!?]\s", text, maxsplit=1)[0]
    named = (_NAME_AFTER.match(first), _NAME_BEFORE.match(first))
    return [first] + [match["name"] for match in named if match]


def _og_titles(root: HtmlElement) -> list[str]:
    return [
        m.get("content") or ""
        for m in root.iterfind(".//meta[@property]")
        if m.get("property") in ("og:title", "og:site_name")
    ]


def _select_first(root: HtmlElement, selector: str) -> HtmlElement | None:
    try:
        found = select(root, selector)
    except Exception:  # a selector lxml cannot compile is a bug in the table, not the page
        return None
    return found[0] if found else None


def _one_person(text: str | None) -> str | None:
    """The name, when the text is one person's name and nothing more."""
    text = clean(text) or ""
    text = re.sub(r"(?i)\s*(?:all rights reserved|powered by.*)$", "", text).strip(" .,;:")
    if not text or len(text) > 60 or SERIES_PAGE_WORDS.search(text):
        return None  # "Seminars Some Group City": a series' site title is nobody's name
    found = people_in(text)
    if len(found) != 1 or found[0].affiliation:
        return None
    name = strip_honorifics(found[0].name)
    if not re.search(r"[^\W\d_]{2}", name):
        return None  # "J D", "I. E.": a monogram (a site's logo), no name to credit talks to
    return name if looks_like_person(name) else None
