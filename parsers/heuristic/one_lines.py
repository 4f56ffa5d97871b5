"""One line that holds a talk's speaker and title together: "Jane Doe (MIT), “Title”",
"<span class="speaker">Jane Doe</span> <a class="title">Title</a>", "A and B. <em>Title</em>.",
"Invited Talk 1: Jane Doe (MIT)".

Split from `titles`, which calls `one_liner` to decide that a record's first line is such a
line and `split_one_line` to read it.
"""

from __future__ import annotations

import re

from parsers.common.html import HtmlElement
from parsers.common.people import (
    clean_affiliation,
    looks_like_name,
    looks_like_person,
    people_in,
    speaker_and_title,
    split_speakers,
)
from parsers.common.text import clean
from parsers.heuristic.cleanup import slot_people, unquote
from parsers.heuristic.labels import CLASS_HINTS
from parsers.heuristic.patterns import BY_PREFIX, LINK_LABELS, QUOTED
from parsers.heuristic.reading import SEPARATORS, Parsed
from parsers.heuristic.speakers import loose_people
from parsers.talk import Speaker


def one_liner(part: Parsed) -> bool:
    """A line that holds speaker and title together ("Jane Doe (MIT), “Title”")."""
    if QUOTED.search(part.rest) or _by_class(part)[1] or _titled_names(part):
        return True
    return len(part.line.fragments) >= 2 and bool(people_in(_plain_prefix(part)))


def _plain_prefix(part: Parsed) -> str:
    return re.split(r"[,:–—]|\s-\s", part.rest, maxsplit=1)[0]


def _by_class(part: Parsed) -> tuple[str | None, list[Speaker]]:
    """Inline elements named for their field: `<span class="speaker">`, `<a class="title">`."""
    speaker = affiliation = title = None
    for text, element in part.line.fragments:
        classes = (element.get("class") or "") if element is not None else ""
        text = clean(text)
        if not classes or not text:
            continue
        if re.search(r"affil|institution|org", classes, re.I):
            affiliation = affiliation or text.strip("()")
        elif CLASS_HINTS[0][1].search(classes):
            speaker = speaker or text
        elif re.search(r"title", classes, re.I):
            title = title or text
    if not speaker:
        return None, []
    people = people_in(BY_PREFIX.sub("", speaker)) or [
        s for s in split_speakers(speaker) if looks_like_name(s.name)
    ]
    if len(people) == 1 and affiliation and not people[0].affiliation:
        people = [Speaker(people[0].name, clean_affiliation(affiliation))]
    return (unquote(title) if title else None), people


def split_one_line(part: Parsed) -> tuple[str | None, list[Speaker]]:
    title, people = _by_class(part)
    if people:
        return title, people
    titled = _titled_names(part)
    if titled:
        return titled
    rest = clean(LINK_LABELS.sub(" ", part.rest)) or ""
    slot, slotted = slot_people(rest)
    if slotted:
        return slot, slotted  # "Invited Talk 1: Jane Doe (MIT)": a slot named by its speaker
    quoted = QUOTED.search(rest)
    if quoted and len(quoted.group(1).split()) >= 2:
        title = quoted.group(1).strip()
        remainder = (rest[: quoted.start()] + " " + rest[quoted.end() :]).strip(SEPARATORS)
        people = people_in(remainder) or loose_people(remainder)
        inside = _quote_inside_heading(part, remainder) or _quote_inside_phrase(rest, quoted)
        if people or not inside:
            return title, people
    for text, element in part.line.fragments:
        if element is None or element.tag not in ("em", "i", "cite", "strong", "b", "a", "span"):
            continue
        text = clean(text) or ""
        if not text or people_in(text) or text not in rest:
            continue
        remainder = _loose_ends(rest.replace(text, " "))
        if len(text.split()) < 3 and not _whole_fragment(part, remainder):
            continue  # "<span>Jane Doe</span><span>Title TBD</span>": the markup splits them
        speakers = people_in(remainder) or loose_people(remainder)
        if speakers:
            return unquote(text), speakers
    people = people_in(rest)
    if people:
        return None, people
    title, speakers = speaker_and_title(rest)
    if speakers:
        return unquote(title) if title else None, speakers
    return None, []


def _loose_ends(text: str) -> str:
    """What is left of a line once its title is cut out, minus the stops left dangling ("A, B
    and C. <em>Title</em>." leaves "A, B and C.  ."): a stray stop would make the author list
    read as "Name, Affiliation"."""
    return re.sub(r"(?:\s+[.,;:])+$", "", clean(text) or "").strip(SEPARATORS)


def _quote_inside_heading(part: Parsed, remainder: str) -> bool:
    """A heading that quotes a name inside its own words ("A study of the «Atlas» corpus.
    New ideas."): the heading is the title, the quoted words a part of it."""
    return bool(part.line.heading) and len(remainder.split()) >= 4


def _quote_inside_phrase(rest: str, quoted: re.Match) -> bool:
    """A quote inside a sentence's words ("A “third way” of doing it"): a word right before the
    opening quote and a lowercase word right after the closing one; the quote is a part of
    the title, not the whole of it ("Jane Doe: “Title”, MIT" has a separator on a side)."""
    before, after = rest[: quoted.start()], rest[quoted.end() :]
    return bool(re.search(r"[^\W\d_]\s$", before)) and bool(re.match(r"\s[a-zà-ÿ]", after))


def _whole_fragment(part: Parsed, text: str) -> bool:
    """Is `text` exactly one inline element's text on the line (a name in its own span)?"""
    return any(
        element is not None and element.tag != "a" and (clean(t) or "") == text
        for t, element in part.line.fragments
    )


_TITLE_LINK = re.compile(r"title", re.I)
MAX_NAMES_WORDS = 10


def _titled_names(part: Parsed) -> tuple[str, list[Speaker]] | None:
    """Two boxes side by side on a line, a link classed as the title and a short run of names
    ("<a class="card-title">Title</a> <span class="card-subtitle">J. Doe, A. Roe</span>"):
    a card names its talk in the link and its speakers in the box beside it, whatever that
    box's class calls it. Every word of the other box must be a name."""
    boxes = _boxes(part)
    if boxes is None or len(boxes) != 2:
        return None
    links = [(text, box) for text, box in boxes if box.tag == "a"]
    if len(links) != 1 or not _TITLE_LINK.search(links[0][1].get("class") or ""):
        return None
    title = links[0][0]
    names = next(text for text, box in boxes if box is not links[0][1])
    if len(title.split()) < 2 or len(names.split()) > MAX_NAMES_WORDS:
        return None
    pieces = split_speakers(names)
    people = people_in(names)
    if not people or len(people) != len(pieces) or not all(looks_like_name(p.name) for p in pieces):
        return None
    return unquote(title) or title, people


def _boxes(part: Parsed) -> list[tuple[str, HtmlElement]] | None:
    """The line's text by the child of its block each piece is in, in order; None when some
    words stand in the block itself, outside any box."""
    block = part.line.element
    boxes: dict[int, tuple[list[str], HtmlElement]] = {}
    for text, element in part.line.fragments:
        node = element
        while node is not None and node.getparent() is not block:
            node = node.getparent()
        if node is None:
            if clean(text):
                return None
            continue
        boxes.setdefault(id(node), ([], node))[0].append(text)
    return [(clean("".join(texts)) or "", node) for texts, node in boxes.values()]


_NAME_BOXES = frozenset(["a", "strong", "b", "span", "em", "i"])
_AFFILIATION_MAX = 100


def marked_affiliation(part: Parsed, text: str) -> list[Speaker]:
    """A speaker line whose markup sets the name apart from what follows it ("<a>Jane Doe</a>
    <span>Acme University</span>", "<b>Jane Doe</b> Acme Labs"): the boxed name is the
    person and the rest the affiliation. Unsplit, the two run into one "name" ("Jane Doe
    Acme") or into no name at all. The rest in a box of the name's own kind (a second link)
    is another person; as plain text, it must name nobody."""
    boxes = _boxes_after_label(part)
    if len(boxes) < 2 or not text.startswith(boxes[0][0]):
        return []
    name, box = boxes[0]
    rest = text[len(name) :].strip(" ,;–—-")
    if not rest or len(rest) > _AFFILIATION_MAX or rest[0] in "(&+":
        return []  # "(MIT)" is read by `people_in`
    if re.match(r"(?i)(?:and|und|et|y|e)\b", rest) or re.search(r"\d{1,2}[:h.]\d\d", rest):
        return []
    tags = {tag for _text, tag in boxes[1:]}
    if box in tags or (None in tags and people_in(rest)):
        return []  # "<a>A</a> <a>B</a>", "<a>A</a> and B": two people
    people = people_in(name)
    if len(people) != 1 or people[0].affiliation or not looks_like_person(name):
        return []
    return [Speaker(people[0].name, clean_affiliation(rest))]


def _boxes_after_label(part: Parsed) -> list[tuple[str, str | None]]:
    """The line's text by inline box (its text, the box's tag; None for bare text), from the
    first box on: a label before it ("Speaker: <a>…</a>") is left out."""
    block = part.line.element
    boxes: list[tuple[list[str], object, str | None]] = []
    for text, element in part.line.fragments:
        node = element
        while node is not None and node.getparent() is not block:
            node = node.getparent()
        if node is not None and node.tag not in _NAME_BOXES:
            node = None
        if not boxes and node is None:
            continue
        if boxes and boxes[-1][1] is node:
            boxes[-1][0].append(text)
        else:
            boxes.append(([text], node, node.tag if node is not None else None))
    joined = [(clean("".join(texts)) or "", tag) for texts, _node, tag in boxes]
    return [(text, tag) for text, tag in joined if text]
