"""Speaker names and affiliations, in the forms seminar pages write them.

Forms handled (real strings from the seed pages):
  "Liam Solus (KTH)"                                  -> Liam Solus / KTH
  "Dan Roberts, MIT, Center for Theoretical Physics"  -> Dan Roberts / MIT, Center for ...
  "Joan Bruna, Professor of Computer Science, ..."    -> the whole descriptor after the name
  "Dr. Jane Doe"                                      -> Jane Doe (honorifics dropped)
  "A and B", "A, B and C", "A & B"                    -> several speakers
  "加藤 祥 (目白大),菊地 礼（国語研） 💻"               -> CJK names, each with its affiliation
  "Jane doe (MIT), Title"                             -> the shape vouches for a lower-case part
The affiliation is kept *as given* (only a trailing full stop goes): the schema records what
the page says for that talk, and institution matching is a later, separate concern.
"""

from __future__ import annotations

import re

from parsers.common import vocab
from parsers.common.memo import per_page
from parsers.common.text import clean
from parsers.talk import Speaker

HONORIFICS = re.compile(
    r"^(?:(?:prof(?:essor)?|dr|mr|mrs|ms|mx|sir|dame|assoc\.? prof|assistant prof|"
    r"associate prof|a/prof|pr|m(?=\.?\s+\w\w)|mme|herr|frau|"
    r"dott(?:\.?ssa)?|prof\.?ssa|dra|profa|drs|ing|"
    r"pd|priv\.?-?doz|jun\.?-?prof|apl\.?\s?prof)\.?\s+)+",  # "M. I. Jordan": initial
    re.IGNORECASE,
)
DEGREES = re.compile(r",?\s+\b(?:ph\.?\s?d|m\.?d|jr|sr|msc|m\.sc)\.?$", re.IGNORECASE)
PARTICLES = frozenset((
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "le", "la",
    "bin", "ibn", "al", "el", "y", "ten", "ter", "zu", "st",
))  # fmt: skip
SPEAKER_SEPARATORS = re.compile(
    r"\s*(?:;|\s&\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\boch\b|\bog\b)\s*"
)
# "A (X), B (Y), and C": a comma right after a bracketed affiliation ends that speaker; CJK
# lists write it full-width or as "、", and often with no space after it ("A (X),B (Y)").
_AFTER_BRACKET = re.compile(r"(?<=[)\]])\s*[,，、]\s*")
_DEGREE_ONLY = re.compile(r"^(?:ph\.?\s?d|m\.?d|jr|sr|msc|m\.sc)\.?$", re.IGNORECASE)
# "Name (Affiliation)", also with a nickname in brackets inside or after the name: "Minseo
# (Max) Park (Kyoto University)", "Robert Smith (Bob) (MIT)". A nickname is one capitalised
# word, never an acronym (an affiliation: "KTH", "MIT").
_BRACKET_NICKNAME = r"\([A-Z][a-z'’-]{1,14}\)"
_PAREN_AFFILIATION = re.compile(
    rf"^(?P<name>[^()]+?(?:\s*{_BRACKET_NICKNAME}(?:\s+[^()]+?)?)?)"
    r"\s*[(\[](?P<aff>[^()\[\]]+)[)\]]\s*\.?$"
)
# Inside the name only: "Karen Vogtmann (Warwick)" is a name and an affiliation.
_NICKNAME_IN_BRACKETS = re.compile(rf"\s{_BRACKET_NICKNAME}(?=\s+\w)")
_TRAILING_NICKNAME = re.compile(rf"\s*{_BRACKET_NICKNAME}$")
# "Name, Affiliation: Title": a colon and more words after the affiliation start a title.
_TITLE_AFTER_COLON = re.compile(r"[^\W\d]:\s+\S")
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’\-.]*|[A-Z]\.|\w\.)$", re.UNICODE)


def strip_honorifics(name: str) -> str:
    """ "Prof. Dr. Jane Doe, Ph.D." -> "Jane Doe"."""
    name = HONORIFICS.sub("", name.strip())
    return DEGREES.sub("", name).strip(" ,")


@per_page
def looks_like_name(text: str | None) -> bool:
    """A person's name: 2-6 capitalised tokens (particles allowed), no digits, not a sentence."""
    if not text or any(ch.isdigit() for ch in text) or len(text) > 60:
        return False
    tokens = strip_honorifics(text).split()
    if not 2 <= len(tokens) <= 6:
        return False
    capitalised = [t for t in tokens if t.lower() not in PARTICLES]
    if tokens[-1] in PARTICLES:
        return False  # "Inicio el": a name never ends in a lower-case particle
    if any(_SENTENCE_STOP.match(t) for t in tokens[:-1]):
        return False  # "Jane Doe. Researcher at …": a full stop ends the name's sentence
    return bool(capitalised) and all(_NAME_TOKEN.match(t) for t in capitalised)


# A word of three letters or more with a full stop, inside a name, ends a sentence ("Doe.");
# initials ("J."), "St." and "Jr." are two letters or fewer or are degrees.
_SENTENCE_STOP = re.compile(r"^[^\W\d_]{3,}\.$")


def clean_affiliation(text: str | None) -> str | None:
    """Affiliation as given, minus wrapping punctuation and a trailing full stop."""
    text = clean(text)
    if not text:
        return None
    text = text.strip(" ,;–—-")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()  # "(KTH)" as a page prints it next to the name
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1]
    return text.strip() or None


def parse_speaker(text: str | None, affiliation: str | None = None) -> Speaker | None:
    """One speaker from "Name (Affiliation)" or "Name, Affiliation"; an explicit affiliation wins.

    Splits at the first comma because names rarely contain one in these pages while
    affiliations often do ("MIT, Center for Theoretical Physics").
    """
    text = clean(text)
    if not text:
        return None
    name, given = text, None
    paren = _PAREN_AFFILIATION.match(text)
    if paren and "," not in paren["name"]:  # "Jan Kieseler, European Org. ... (CERN)": comma first
        # "Robert Smith (Bob) (MIT)": the nickname after the name goes, one inside it stays
        name, given = _TRAILING_NICKNAME.sub("", paren["name"]), paren["aff"]
    elif "," in text:
        head, tail = text.split(",", 1)
        if not _DEGREE_ONLY.match(tail.strip()):
            name, given = head, tail
    name = _without_full_stop(strip_honorifics(clean(name) or ""))
    if not name:
        return None
    return Speaker(name=name, affiliation=clean_affiliation(affiliation or given))


def _without_full_stop(name: str) -> str:
    """The sentence's full stop after the last name of an author list ("…, and Paolo Rossi."),
    not an initial's ("Krishna P.")."""
    if name.endswith(".") and not re.search(r"(?:^|\s)\w\.$", name):
        return name[:-1].rstrip()
    return name


def split_speakers(text: str | None) -> list[Speaker]:
    """Several speakers in one string ("A (X) and B (Y)", "A, B and C")."""
    text = clean(text)
    if not text:
        return []
    parts = [
        p
        for piece in _AFTER_BRACKET.split(text)
        for p in SPEAKER_SEPARATORS.split(piece)
        if p and p.strip()
    ]
    if len(parts) > 1 and all(_name_part(p) for p in parts):
        if all("(" not in p for p in parts) and "," in parts[0]:
            parts = [q for p in parts for q in p.split(",") if q.strip()]
        speakers = [parse_speaker(p) for p in parts]
        return [s for s in speakers if s]
    names = [clean(piece) or "" for piece in text.split(",")]
    if len(names) >= 3 and all(looks_like_person(name) for name in names):
        return [Speaker(_without_full_stop(name)) for name in names]  # "A, B, C": authors
    speaker = parse_speaker(text)
    return [speaker] if speaker else []


def _name_part(part: str) -> bool:
    head = re.split(r"[(,\[]", part, maxsplit=1)[0].strip()
    if "(" in part and cjk_name(head, in_list=True):
        return True  # "加藤 祥 (目白大)" in "A (X), B (Y)"; `_people_in` checks the list again
    return looks_like_name(head) or all(looks_like_name(p.strip()) for p in part.split(",") if p)


CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"  # kana, CJK ideographs, Hangul
# "Surname Given" with a space between, as Japanese, Chinese and Korean programmes print a
# name among Latin text ("加藤 祥", "李 凌寒"); a surname and a given name are 1-3 characters.
_CJK_SPACED_NAME = re.compile(rf"^[{CJK}]{{1,3}} [{CJK}]{{1,3}}$")
# Written without the space ("桂樹哲雄"): believed only among other names in a list.
_CJK_RUN_NAME = re.compile(rf"^[{CJK}]{{2,4}}$")
_CJK_NOT_NAME = re.compile("|".join(vocab.CJK_NOT_NAME_WORDS))  # "東京 大学", "座長"


def cjk_name(text: str | None, *, in_list: bool = False) -> bool:
    """A name in Han, kana or Hangul script, which `looks_like_name` cannot read: "Surname
    Given" with one space; without it only in a list, where the other names vouch for it. Any
    CJK word could pass, so callers want a shape around it too (a bracketed affiliation)."""
    text = (text or "").strip()
    if _CJK_NOT_NAME.search(text):
        return False
    return bool(_CJK_SPACED_NAME.match(text) or (in_list and _CJK_RUN_NAME.match(text)))


# --------------------------------------------------------------------------- person vs. title


# Words of titles and institutions that are no part of a person's name: `vocab.NOT_NAME_WORDS`.
NOT_NAME_WORDS = vocab.NOT_NAME_WORDS
# German compounds end in the noun they name ("Abendvortrag", "Festkolloquium"): a word ending
# in a session noun is no name.
_SESSION_COMPOUND = re.compile(r"(?:vortrag|vorlesung|kolloquium|seminar|lecture)$", re.I)
# "Seminar: Jane Doe – Title": a label before the speaker or title that is neither.
EVENT_LABEL = re.compile(
    r"^\s*(?:(?:special|invited|guest|keynote|plenary|online|hybrid|virtual)\s+)?"
    + vocab.alternation((*vocab.SESSION_NOUNS, *vocab.EVENT_NOUNS))
    + r"(?:\s+(?:talk|series|lecture))?\s*[:–—|-]\s*",
    re.IGNORECASE,
)
# A programme slot named by its kind alone, with no title ("Talk 3", "Invited talk", "Closing
# Keynote", "Sponsor Talk", "Keynote Address"): the slot's speaker gives a talk without a title.
SLOT_LABEL = re.compile(
    r"^\W*(?:(?:opening|closing|invited|contributed|keynote|plenary|sponsor(?:ed)?|lightning|"
    r"short|long|spotlight|guest|special|featured|morning|afternoon|evening|public)\s+){0,2}"
    + vocab.alternation((*vocab.SESSION_NOUNS, *vocab.EVENT_NOUNS, "address", "spotlight"))
    + r"s?(?:\s+(?:address|talk|lecture))?"
    + r"(?:\s*(?:#\s*|no\.?\s*)?(?:\d{1,3}|[ivx]{1,4}|[a-z]))?\W*$",
    re.IGNORECASE,
)
# "Title (Jane Doe, MIT)" and "Jane Doe (MIT), Title": the person in or before brackets.
_TRAILING_PERSON = re.compile(r"^(?P<title>.{3,}?)\s*[(\[](?P<who>[^()\[\]]{3,100})[)\]]\s*$")
_LEADING_PERSON = re.compile(
    r"^(?P<who>[^()\[\]]{3,60}?\s*[(\[][^()\[\]]{2,100}[)\]])\s*[,:;–—-]\s*(?P<title>.{3,})$"
)
_TITLE_SPLIT = re.compile(r"\s+[–—|]\s+|\s+-{1,2}\s+|(?<=[\w)\]])\s*:\s+")


_NICKNAME = re.compile(r"\s[\"“'‘][^\"“”'’]{2,20}[\"”'’](?=\s)")
# A word with a possessive "'s" and a word after it: what a person owns, never their name.
_POSSESSIVE = re.compile(r"\w['’]s\s+\w")


@per_page
def looks_like_person(text: str | None) -> bool:
    """A person's name and not a Title-Cased title or institution ("Deep Learning" is not).

    A nickname, quoted (Edward J. "Kingfish" Lada) or in brackets (Minseo (Max) Park), does
    not count against the name.
    """
    if not looks_like_name(_NICKNAME_IN_BRACKETS.sub(" ", _NICKNAME.sub(" ", text or ""))):
        return False
    if _POSSESSIVE.search(text or ""):
        return False  # "Jane's Homepage", "AJG's Website": a site title, not the person
    words = re.findall(r"[^\W\d_]{2,}", (text or "").lower())  # not initials ("A. Smith")
    return not any(word in NOT_NAME_WORDS or _SESSION_COMPOUND.search(word) for word in words)


def people_in(text: str | None) -> list[Speaker]:
    """The speakers a short text names ("A (X) and B (Y)", "Jane Doe, MIT"), else [].

    Stricter than `split_speakers`: every name must look like a person, so a title or an
    institution yields nothing.
    """
    return list(_people_in(text))


@per_page  # each title/speaker hypothesis asks again of texts another one tried
def _people_in(text: str | None) -> tuple[Speaker, ...]:
    text = _without_markers(clean(text) or "")
    if not text or len(text) > 200:
        return ()
    speakers = split_speakers(text)
    if any(s.affiliation and _TITLE_AFTER_COLON.search(s.affiliation) for s in speakers):
        return ()  # "Jane Doe, MIT: Title": a speaker and a title, which `speaker_and_title` splits
    if speakers and all(_person(s, speakers) for s in speakers):
        return tuple(_stated_affiliation(s) for s in speakers)
    return ()


def _person(speaker: Speaker, speakers: list[Speaker]) -> bool:
    """A Latin-script person, or a CJK name with its bracketed affiliation; one written without
    the space between surname and given name only beside a surer name in the same list."""
    if looks_like_person(speaker.name):
        return True
    if not speaker.affiliation:
        return False
    surer = any(looks_like_person(s.name) or cjk_name(s.name) for s in speakers if s != speaker)
    return cjk_name(speaker.name, in_list=surer)


# Symbols a programme sets after (or before) a presenter list to mark the talk ("💻" online,
# "🎤", "⚡"): no part of a name. Full-width brackets are read as brackets.
_MARK = r"[\s\u2190-\u2bff\ufe0f\U0001f000-\U0001faff]+"
_MARKERS = re.compile(rf"^{_MARK}|{_MARK}$")
_FULL_WIDTH = str.maketrans({"（": "(", "）": ")"})


def _without_markers(text: str) -> str:
    return _MARKERS.sub("", text.translate(_FULL_WIDTH))


def _stated_affiliation(speaker: Speaker) -> Speaker:
    """ "(所属なし)", "(none)": the page says the speaker has no affiliation."""
    if speaker.affiliation and speaker.affiliation.casefold() in vocab.NO_AFFILIATION:
        return Speaker(speaker.name, None)
    return speaker


def speaker_and_title(
    text: str | None, *, labelled: bool = True
) -> tuple[str | None, list[Speaker]]:
    """Split a one-line heading into (title, speakers).

    "Seminar: Jane Doe – Title", "Jane Doe (MIT): Title", "Title - Jane Doe", "Jane Doe"
    (speaker only), "Title (Jane Doe, MIT)", "Jane Doe (MIT), Title", and behind a short
    label of any kind (a course code): "MATH 501: Jane Doe, MIT: Title". A line with no
    recognisable person is all title.
    """
    text = clean(text)
    if not text:
        return None, []
    text = EVENT_LABEL.sub("", text, count=1).strip() or text
    whole = people_in(text)
    if whole:
        return None, whole
    slot = slot_speaker_title(text)
    if slot is not None:
        return slot
    for pattern in (_LEADING_PERSON, _TRAILING_PERSON):
        match = pattern.match(text)
        if match:
            who = match.group("who").strip("()[] ")
            people = (
                people_in(match.group("who"))
                or people_in(who)
                or people_in(who.replace(",", " and "))
                or (_shaped_name(match.group("who")) if pattern is _LEADING_PERSON else [])
            )
            if people:
                return match.group("title").strip(" \"“”'"), people
    for match in _TITLE_SPLIT.finditer(text):
        left, right = text[: match.start()].strip(), text[match.end() :].strip()
        if not left or not right:
            continue
        left_people, right_people = people_in(left), people_in(right)
        if left_people and not right_people:
            return right.strip(" \"“”'"), left_people
        if right_people and not left_people:
            return left.strip(" \"“”'"), right_people
    found = _authors_after_title(text)
    if found is not None:
        return found
    return _behind_label(text) if labelled else (text, [])


# A name part as typed in lower case ("Jane doe"): a word of letters only, three or more, not
# ending the way English nouns and adjectives of titles do ("clustering", "estimation").
_LOWER_NAME_TOKEN = re.compile(
    r"^(?![a-z]*(?:ing|tion|sion|ment|ness|ity|ics|ism|ence|ance|ous|ive|ful|less|ship|ogy|"
    r"ed|al|ar|ic|ies|es)$)[a-zß-ÿ][a-zß-ÿ'’-]{2,}$"
)


def _shaped_name(who: str) -> list[Speaker]:
    """ "Jane doe (MIT)" at the head of "Jane doe (MIT), Title": the "Name (Affiliation),
    Title" shape vouches for a name typed with a lower-case part, which `looks_like_name`
    refuses, and for one whose affiliation `people_in` splits ("(CNRS and ISI, Kolkata)").
    Two or three words, the first capitalised, none a title or institution word."""
    speaker = parse_speaker(who)
    if speaker is None or not re.match(r"^[^\W\d_][^\d]*$", speaker.affiliation or ""):
        return []  # "(Part 2)", "(2 talks)": no affiliation, so no name shape either
    tokens = speaker.name.split()
    if not 2 <= len(tokens) <= 3 or not _NAME_TOKEN.match(tokens[0]):
        return []
    if not all(_NAME_TOKEN.match(t) or _LOWER_NAME_TOKEN.match(t) for t in tokens[1:]):
        return []
    words = {t.lower().strip(".") for t in tokens}
    if words & (NOT_NAME_WORDS | PARTICLES) or any(_SESSION_COMPOUND.search(w) for w in words):
        return []
    return [speaker]


_SENTENCE_END = re.compile(r"\.\s+")


def _authors_after_title(text: str) -> tuple[str, list[Speaker]] | None:
    """A paper-style item, "Title. Jane Doe, Ann Lee, and Bo Chen.": the title, a full stop,
    then only people. The full stop must end a word of two letters or more ("J. Smith" has an
    initial's), and the title must be more than a word or two."""
    for match in _SENTENCE_END.finditer(text):
        left, right = text[: match.start()], text[match.end() :]
        last = left.split()[-1] if left.split() else ""
        if len(left.split()) < 3 or not re.search(r"(?:[^\W\d_]{2}|[?!)\]\"”])$", last):
            continue
        if HONORIFICS.match(f"{last}. Name"):  # "Talk by Dr. Jane Doe"
            continue
        if people_in(left):
            continue
        people = people_in(right)
        if people:
            return left.strip(" \"“”'"), people
    return None


# "Keynote from Jane Doe: Title", "Invited talk by Jane Doe – Title": the slot, its speaker,
# then the title.
_SLOT_BY = re.compile(
    r"^\W*(?:(?:opening|closing|invited|keynote|plenary|guest|special)\s+)?"
    + vocab.alternation((*vocab.SESSION_NOUNS, *vocab.EVENT_NOUNS, "address"))
    + r"\s+(?:from|by|with|de|von|par)\s+(?P<who>[^:–—]{3,80}?)\s*[:–—]\s+(?P<title>.{3,})$",
    re.I,
)


def slot_speaker_title(text: str) -> tuple[str, list[Speaker]] | None:
    """(title, speakers) from "Keynote from Jane Doe: Title", else None."""
    match = _SLOT_BY.match(text)
    people = people_in(match["who"]) if match else []
    return (match["title"].strip(" \"“”'"), people) if match and people else None


def _behind_label(text: str) -> tuple[str | None, list[Speaker]]:
    """ "MATH 501: Jane Doe, MIT: Title": a short label (a course code, a series' short name)
    before "Speaker: Title", which the splits above cannot see past."""
    first = _TITLE_SPLIT.search(text)
    if first is None:
        return text, []
    label = text[: first.start()].strip()
    if len(label) > 30 or len(label.split()) > 4 or people_in(label):
        return text, []
    title, people = speaker_and_title(text[first.end() :], labelled=False)
    return (title, people) if people and title else (text, [])
