"""What a line's label says it holds: "Speaker:", "Titre :", "Raum:", a table column's header
("Date") or a field's class name ("event-speaker").

Labels are data (`LABELS`), in the languages seminar pages use; `reading` cuts a label off
its line and keeps the field it names.
"""

from __future__ import annotations

import itertools
import re

from parsers.common.html import HtmlElement
from parsers.common.people import looks_like_person
from parsers.common.text import clean
from parsers.heuristic.lines import Line

LABELS = {
    "speaker": "speakers? presenters? lecturers? referent(?:in|en)? vortragende[r]? "
    "sprecher(?:in)? leader intervenants? orateurs? oratrices? conférenci(?:er|ère)s? "
    "ponentes? relatori? relatrice palestrante conferencista who quién quien guest invited "
    "talare föredragshållare foredragsholder taler spreker prelegent(?:ka)? puhuja "
    "authors auteur(?:e)?s "
    "докладчик konuşmacı 講演者 発表者 講師 报告人 主讲人 演讲者 강연자 연사",
    "title": "title titel titre título titolo topic thema tema talk vortrag exposé sujet subject "
    "paper tittel otsikko tytuł тема başlık 題目 演題 タイトル 题目 报告题目 제목",
    "abstract": "abstract summary résumé resume zusammenfassung kurzfassung resumen riassunto "
    "description descriptif details sammanfattning sammendrag samenvatting streszczenie "
    "tiivistelmä аннотация özet 要旨 概要 摘要 内容提要 초록",
    "date": "date datum fecha data quand when cuándo cuando day tag jour dates dato päivämäärä "
    "日時 日付 日期 时间 일시 "
    "(?:date|datum|fecha|data)\\s*(?:and|et|und|y|e|&)\\s*(?:time|heure|zeit|uhrzeit|hora|ora)",
    "time": "time zeit heure hora orario uhrzeit horaire tid tidspunkt aika tijd godzina 時間",
    "location": "location where dónde donde room venue place lieu salle ort raum sala aula "
    "luogo local lugar sede locatie plaats address plats lokal sted paikka miejsce место yer "
    "場所 会場 地点 장소 "
    # a place and a date under one label: the line's date is read wherever it is labelled
    "(?:lieu|place|location|venue|ort|luogo|lugar|local)\\s+(?:et|and|und|e|y)\\s+"
    "(?:date|datum|data|fecha|time|heure|zeit|hora) "
    "(?:date|datum|data|fecha)\\s+(?:et|and|und|e|y)\\s+"
    "(?:lieu|place|location|venue|ort|luogo|lugar|local)",
    "affiliation": "affiliation institution université university from 所属 单位",
    "ignore": "host hosts hosted chair chairs session\\s+chairs? moderator discussant "
    "organi[sz]er[s]? contact co-?authors? co-?autor(?:es|as)? co-?auteurs? "
    "zoom link links registration youtube recording video slides poster bio biography "
    "gastgeber einladung invited by office hours sprechstunde 世話人 司会 座長 主持人 좌장",
}


# A chair named after a session's name on its line ("Session 2 · 10:00 – Chair: Jane Doe",
# "午前＜１＞ 座長: …"): the name runs the session, it gives no talk. At a line's start the
# "ignore" label already says so; after other words a Latin label needs a separator before it
# ("Musical Chairs: a game" is a title), a CJK one does not.
ROLE_TAIL = re.compile(
    r"(?:[¶|·,;(（–—-]\s*(?:session\s+)?(?:chairs?|chairperson|moderator|discussant|vorsitz|"
    r"présidente?|modérat(?:eur|rice)|moderador(?:a)?)|(?<![^\W\d_])(?:座長|司会|主持人|좌장))"
    r"\s*[:：]",
    re.I,
)


# A block headed by an organising role ("Programme committee", "Comité de programme et
# d'organisation :", "Présidents du colloque", "Chairs"): the people under it run the event,
# they give no talk. The role word ends the heading or is qualified ("of …", "du …"), so a
# title that starts with one ("Committee machines for …") is not taken.
ROLE_HEADING = re.compile(
    r"^\W*(?:(?:program(?:me)?|organi[sz]ing|organi[sz]ation|scientific|steering|local|"
    r"advisory|technical|executive|honorary|conference|workshop|general|the)\s+){0,3}"
    r"(?:committees?|comités?|comites?|comitato|komitee|comisión|commission|chairs?|co-?chairs?|"
    r"chairpersons?|présidents?|présidentes?|presidents?|organi[sz]ers?|organisateurs?|"
    r"organisatrices?|jury)"
    r"(?:\s+(?:de|du|des|d[’']|of|scientifique|scientific)(?=[\s’']).*)?"
    r"\W*$",
    re.I,
)
# An entry led by the role its owner had ("Co-organizer of the Coffee meeting, …",
# "Organisatrice du séminaire …", "Chair of the session on …"): a service, not a talk given.
ROLE_LEAD = re.compile(
    r"^\W*(?:co-?)?(?:organi[sz]er|organisateur|organisatrice|organizador(?:a)?|"
    r"organi[sz]ing\s+committee\s+member|chair|convene[ro]|session\s+chair)\s+"
    r"(?:of|for|de|du|des|d[’']|del)(?=[\s’'])",
    re.I,
)
MAX_ROLE_WORDS = 8


def role_heading(text: str) -> bool:
    """A role block's heading or a service entry's lead (`ROLE_HEADING`, `ROLE_LEAD`)."""
    short = len(text.split()) <= MAX_ROLE_WORDS and bool(ROLE_HEADING.match(text))
    return short or bool(ROLE_LEAD.match(text))


# "Seminar Title:", "Talk abstract:": a field label may name the kind of session first.
_SESSION_PREFIX = r"(?:(?:seminar|talk|lecture|colloquium|presentation|keynote)\s+)?"
_LABEL_WORDS = [
    (kind, re.compile(rf"^{_SESSION_PREFIX}(?:{'|'.join(words.split())})$", re.I))
    for kind, words in LABELS.items()
]


COLON_LABELLED = re.compile(r"^\s*([^\W\d][\w ./'-]{0,28}?)\s*[:：]\s*(.*)$", re.S)
# "Speaker – Jane Doe (MIT)", "Title - On curves": a field label set off by a spaced dash
# instead of a colon. Read only when the words before the dash are a field label and not one
# a title or a name often starts with ("Talk – Jane Doe", "Guest – a play", "Video - Slides").
DASH_LABELLED = re.compile(r"^\s*([^\W\d][\w ./'-]{0,28}?)\s+[–—-]\s*(.*)$", re.S)
LOOSE_LABELS = frozenset(
    [
        "talk", "who", "when", "where", "day", "guest", "invited", "paper", "subject", "topic",
        "thema", "tema", "vortrag", "exposé", "sujet", "tag", "data", "place", "details",
        "description", "local", "sede", "quand", "cuando", "cuándo", "dónde", "donde", "quien",
        "quién", "yer", "taler", "dato", "aika", "tid",
    ]
)  # fmt: skip


class _Labelled:
    """`LABELLED.match(text)`: "Label: value", or "Label – value" with a known field label
    (`DASH_LABELLED`). Group 1 is the label, group 2 the value, as for one regex."""

    def match(self, text: str) -> re.Match | None:
        found = COLON_LABELLED.match(text)
        if found:
            return found
        dashed = DASH_LABELLED.match(text)
        if dashed and _dash_label(dashed.group(1)):
            return dashed
        return None


def _dash_label(words: str) -> bool:
    kind = label_kind(words)
    last = (clean(words) or "").split()[-1].lower() if words.split() else ""
    return kind not in (None, "ignore") and last not in LOOSE_LABELS


LABELLED = _Labelled()


# Class names CMSs give their fields ("event-speaker", "views-field-field-location").
CLASS_HINTS = (
    ("speaker", re.compile(r"speaker|presenter|lecturer|referent|orateur|ponente|relatore", re.I)),
    # a listing's event field ("listing-event": Quarto names each listed field so) says where
    # the talk was given, "Event, City"; never who gave it
    (
        "location",
        re.compile(
            r"location|venue|room|place|where|lieu|\bort\b|luogo|address|listing-event", re.I
        ),
    ),
    ("abstract", re.compile(r"abstract|summary|description|teaser|excerpt|resume", re.I)),
    # a class that names the talk's title ("talk-title", "seminar_title"), not any "title": a
    # theme's "page-title" or "section-title" names the page's or the section's
    (
        "title",
        re.compile(r"(?:talk|seminar|lecture|paper|presentation|colloquium)[-_]?title", re.I),
    ),
)


def class_hint(line: Line) -> str | None:
    """A field named by the class of the line's block or its parent (not the page's). A parent
    that holds a heading is a whole card ("node--view-mode-teaser", "event-summary"), and its
    class says nothing about the field each of its lines is."""
    node = line.element
    for level in range(2):
        if node is None:
            return None
        classes = field_classes(node.get("class") or "")
        if classes and len(classes) < 200:
            for kind, pattern in CLASS_HINTS:
                if pattern.search(classes):
                    if (level and _holds_heading(node)) or _named_not_told(kind, line.text):
                        return None
                    return kind
        node = node.getparent()
    return None


# Page builders name each part of their generic widgets ("elementor-icon-box-description",
# "wp-block-media-text__content", "et_pb_blurb_description"): the part is a slot of the
# layout, whatever the theme put in it, not the field of a talk a CMS's own class names.
BUILDER_PART = re.compile(r"^(?:elementor|wp-block|et_pb|vc|fl|uagb|kt|brxe|jet)[-_]", re.I)


def field_classes(classes: str) -> str:
    """A block's class names without the page builder's widget part names (`BUILDER_PART`)."""
    return " ".join(token for token in classes.split() if not BUILDER_PART.match(token))


MAX_NAME_LINE = 60


def _named_not_told(kind: str, text: str) -> bool:
    """A short line that is a person's name ("Jane Doe") is no abstract, whatever its block's
    class says; a short abstract placeholder ("Abstract to be announced.") still is one."""
    text = text.strip()
    return kind == "abstract" and len(text) < MAX_NAME_LINE and looks_like_person(text)


def inline_hint(line: Line) -> str | None:
    """A speaker or a place set in an inline element classed for it, alone on its line
    (`<br><span class="location">MR14</span>`, microformats' "speaker" and "location")."""
    kinds = {kind: pattern for kind, pattern in CLASS_HINTS if kind in ("speaker", "location")}
    for text, element in line.fragments[:3]:
        if element is None or len(text.strip()) < 0.8 * len(line.text):
            continue
        classes = element.get("class") or ""
        for kind, pattern in kinds.items():
            if classes and len(classes) < 200 and pattern.search(classes):
                return kind
    return None


_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])


def _holds_heading(node: HtmlElement) -> bool:
    """A heading among a block's first children (bounded: a card's heading comes early)."""
    return any(child.tag in _HEADING_TAGS for child in itertools.islice(node, 12))


def label_of(text: str) -> str | None:
    """The field a label names ("Speaker", "講演者", "Titel"), or None."""
    return label_kind(text.strip(" :：-–—"))


def label_kind(word: str) -> str | None:
    word = clean(word) or ""
    for kind, pattern in _LABEL_WORDS:
        if pattern.match(word):
            return kind
    return None


# Where a header's first noun phrase ends: a joined second field ("Title & Abstract",
# "Date/Time"), a qualifier ("Title of the talk", "Speaker (affiliation)") or a value.
_PHRASE_END = re.compile(
    r"[&/,;:+(（\[|–—]|\s-\s|\b(?:and|or|of|for|et|ou|und|oder|y|e|o|de|du|des|del|della|di|"
    r"von|der)\b",
    re.I,
)
MAX_COMPOUND_WORDS = 3


def column_kind(header: str) -> str | None:
    """The field a table column's header names. In a short compound ("Paper Venue", "Talk
    Title", "Speaker Affiliation") the last word is the head noun and names the field, the
    words before it only qualify it; otherwise the first field word wins ("Title &
    Abstract", "Title of the Presentation", "Date/Time")."""
    head = _PHRASE_END.split(header, maxsplit=1)[0].strip()
    words = head.split()
    if 1 < len(words) <= MAX_COMPOUND_WORDS and all(word.isalpha() for word in words):
        kinds = [kind for kind in map(_token_kind, words) if kind]
        # "Date Time" is a pair of fields, not a time qualified by a date
        if kinds and (kinds[0], kinds[-1]) != ("date", "time"):
            return kinds[-1]
    for token in re.findall(r"[^\W\d]+", header):
        kind = _token_kind(token)
        if kind:
            return kind
    return None


def _token_kind(token: str) -> str | None:
    for kind, pattern in _LABEL_WORDS:
        if pattern.match(token):
            return kind
    return None
