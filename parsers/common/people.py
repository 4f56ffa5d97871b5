"""Speaker names and affiliations, in the forms seminar pages write them.

Forms handled (real strings from the seed pages):
  "Liam Solus (KTH)"                                  -> Liam Solus / KTH
  "Dan Roberts, MIT, Center for Theoretical Physics"  -> Dan Roberts / MIT, Center for ...
  "Joan Bruna, Professor of Computer Science, ..."    -> the whole descriptor after the name
  "Dr. Jane Doe"                                      -> Jane Doe (honorifics dropped)
  "A and B", "A, B and C", "A & B"                    -> several speakers
  "加藤 祥 (目白大),菊地 礼（国語研） 💻"               -> CJK names, each with its affiliation
  "Jane doe (MIT), Title"                             -> the shape vouches for a lower-case part
  "А. Петрова и Б. Иванов", "Jane Doe + Bo Li"       -> Cyrillic initials; "и" and "+" join
  "김민수 · Some University"                          -> a middle dot sets the affiliation apart
  "Series: Week 2 given by Jane Doe & Bo Li"          -> the credit names the speakers
  "Jane Doe, Bo Li and Ann Lee. Title"                -> the authors' sentence, then the title
  "Title. Jane Doe. Discussant: Bo Li"                -> a discussant is no speaker
  "Title: Subtitle, Alignment — Jane Doe", "Title - 김민수" -> the name after the last dash
  "Paper talk (by Jane Doe): Title"                  -> a bracketed credit, read before the colon
  "Jane Doe - Senior Editor"                          -> a name and a role (the role dropped)
Countries ("Costa Rica") and hyphenated technical compounds ("Multi-Phase Synthesis") are
name-shaped but no person (`name_shapes.country_or_compound`).
(invented examples for the last eight; the shapes themselves are in `name_shapes`, the list's
punctuation and one speaker's "Name (Affiliation)" in `name_lists`.)
The affiliation is kept *as given* (only a trailing full stop goes): the schema records what
the page says for that talk, and institution matching is a later, separate concern.
"""

from __future__ import annotations

import re

from parsers.common import name_forms, name_lists, name_shapes, vocab
from parsers.common.memo import per_page
from parsers.common.name_lists import clean_affiliation, parse_speaker, without_full_stop
from parsers.common.name_shapes import cjk_name, looks_like_name, strip_honorifics
from parsers.common.text import clean
from parsers.talk import Speaker

# Shapes that live in `name_shapes` now, still imported from here by their users.
EVENT_LABEL, SLOT_LABEL = name_shapes.EVENT_LABEL, name_shapes.SLOT_LABEL
HONORIFICS, PARTICLES = name_shapes.HONORIFICS, name_shapes.PARTICLES
SPEAKER_SEPARATORS = name_lists.SPEAKER_SEPARATORS  # split outside brackets only
# "Name, Affiliation: Title": a colon and more words after the affiliation start a title.
_TITLE_AFTER_COLON = re.compile(r"[^\W\d]:\s+\S")


def split_speakers(text: str | None) -> list[Speaker]:
    """Several speakers in one string ("A (X) and B (Y)", "A, B and C")."""
    text = clean(text)
    if not text:
        return []
    parts = [
        p
        for piece in name_lists.AFTER_BRACKET.split(text)
        for p in name_lists.split_list(piece)
        if p and p.strip()
    ]
    if len(parts) > 1 and all(_name_part(p) for p in parts):
        if all("(" not in p for p in parts) and "," in parts[0]:
            parts = [q for p in parts for q in p.split(",") if q.strip()]
        speakers = [parse_speaker(p) for p in parts]
        return name_lists.unshared([s for s in speakers if s])
    names = [clean(piece) or "" for piece in text.split(",")]
    # "А.Б. Петрова, В. Иванов", "Jane Doe, Bo Linden": an affiliation never opens with
    # initials nor is typed as a full personal name, so those are two people (elsewhere "Name,
    # X" is a name and an affiliation: "Jane Doe, UC Irvine", "Jane Doe, Johns Hopkins").
    initials = len(names) == 2 and all(name_shapes.INITIALS_FIRST.match(n) for n in names)
    pair = len(names) == 2 and all(name_shapes.personal_name_shape(n) for n in names)
    if (len(names) >= 3 or initials or pair) and all(looks_like_person(name) for name in names):
        return [Speaker(without_full_stop(name)) for name in names]  # "A, B, C": authors
    speaker = parse_speaker(text)
    return [speaker] if speaker else []


def _name_part(part: str) -> bool:
    head = re.split(r"[(,\[]", part, maxsplit=1)[0].strip()
    if "(" in part and cjk_name(head, in_list=True):
        return True  # "加藤 祥 (目白大)" in "A (X), B (Y)"; `_people_in` checks the list again
    return looks_like_name(head) or all(looks_like_name(p.strip()) for p in part.split(",") if p)


# --------------------------------------------------------------------------- person vs. title


# Words of titles and institutions that are no part of a person's name: `vocab.NOT_NAME_WORDS`.
NOT_NAME_WORDS = vocab.NOT_NAME_WORDS
# German compounds end in the noun they name ("Abendvortrag", "Festkolloquium"): a word ending
# in a session noun is no name.
_SESSION_COMPOUND = re.compile(r"(?:vortrag|vorlesung|kolloquium|seminar|lecture)$", re.I)
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
    bare = name_lists.NICKNAME_IN_BRACKETS.sub(" ", _NICKNAME.sub(" ", text or ""))
    if not looks_like_name(bare):
        return False
    if _POSSESSIVE.search(text or ""):
        return False  # "Jane's Homepage", "AJG's Website": a site title, not the person
    if name_shapes.country_or_compound(text or ""):
        return False  # "Costa Rica", "Multi-Phase Invariant Synthesis"
    words = re.findall(r"[^\W\d_]{2,}", (text or "").lower())  # not initials ("A. Smith")
    return not any(
        word in NOT_NAME_WORDS
        or _SESSION_COMPOUND.search(word)
        or word.startswith(vocab.NOT_NAME_STEMS)  # inflected words ("семинара", "кафедры")
        or name_shapes.NOUN_SUFFIX_WORD.match(word)  # "Semantic Segmentation"
        or name_shapes.ROMANCE_SUFFIX_WORD.match(word)  # "Falla Cardiaca"
        for word in words
    )


def people_in(text: str | None) -> list[Speaker]:
    """The speakers a short text names ("A (X) and B (Y)", "Jane Doe, MIT"), else [].

    Stricter than `split_speakers`: every name must look like a person, so a title or an
    institution yields nothing.
    """
    return list(_people_in(text))


@per_page  # each title/speaker hypothesis asks again of texts another one tried
def _people_in(text: str | None) -> tuple[Speaker, ...]:
    text = name_lists.tidy(clean(text) or "")  # marks, presenter "*", a cut-off ")"
    if not text or (len(text) > 200 and not name_lists.bracketed_entries(text)):
        return ()
    text = name_forms.without_credentials(text)  # "Jane Doe, PhD, RN": no affiliation
    listed = _initials_last(text)
    if listed is not None:
        return listed
    dotted = _dotted_person(text)
    if dotted is not None:
        return (dotted,)
    named = name_shapes.name_before_role(text)  # "Jane Doe - Senior Editor"
    if named and looks_like_person(named):
        return (Speaker(strip_honorifics(named)),)
    speakers = split_speakers(text)
    if any(s.affiliation and _TITLE_AFTER_COLON.search(s.affiliation) for s in speakers):
        return ()  # "Jane Doe, MIT: Title": a speaker and a title, which `speaker_and_title` splits
    if any(s.affiliation and name_shapes.article_phrase(s.affiliation) for s in speakers):
        return ()  # "Debugging Servers, A Look Into My Toolbox": a title and its subtitle
    if speakers and all(_person(s, speakers) for s in speakers):
        return tuple(_stated_affiliation(s) for s in speakers)
    return ()


def _initials_last(text: str) -> tuple[Speaker, ...] | None:
    """ "Durand P.-L., Martin A.": authors written surname first. With more words after the
    list (a venue, a title) nothing is read: the caller cuts those off (`speakers.loose_people`)."""
    found = name_forms.initials_last_authors(text)
    if found is None or len(found[0]) < 2 or not all(looks_like_person(n) for n in found[0]):
        return None
    return () if found[1] else tuple(Speaker(name) for name in found[0])


def _dotted_person(text: str) -> Speaker | None:
    """ "Jane Doe · MIT", "李明 · 某大学": the dot sets the affiliation apart, and so vouches for
    a CJK name written without a space (one with no digit after it: "講堂 · 201" is a room)."""
    parts = name_shapes.dotted_affiliation(text)
    if parts is None:
        return None
    name, affiliation, position = strip_honorifics(parts[0]), parts[1], parts[2]
    if looks_like_person(position or affiliation) or cjk_name(affiliation, in_list=True):
        return None  # "A · B", "A · B · C": names (a position after the third dot is none)
    if looks_like_person(name) or (cjk_name(name, in_list=True) and not DIGIT.search(affiliation)):
        return Speaker(name, clean_affiliation(affiliation))
    return None


DIGIT = re.compile(r"\d")


def _person(speaker: Speaker, speakers: list[Speaker]) -> bool:
    """A Latin-script person, or a CJK name with its bracketed affiliation; one written without
    the space between surname and given name only beside a surer name in the same list."""
    if looks_like_person(speaker.name):
        return True
    if not speaker.affiliation:
        return False
    surer = any(looks_like_person(s.name) or cjk_name(s.name) for s in speakers if s != speaker)
    return cjk_name(speaker.name, in_list=surer)


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
    text = name_shapes.without_day_lead(EVENT_LABEL.sub("", text, count=1).strip() or text)
    text = name_shapes.without_discussant(text)  # "Title. Jane Doe. Discussant: Bo Li"
    credit = _bracketed_credit(text)  # "Paper presentation (by Jane Doe): Title"
    if credit is not None:
        return credit
    first = _authors_before_title(text)  # before "Jane Doe, <the rest as affiliation>"
    if first is not None:
        return first
    whole = people_in(text)
    if whole:
        return None, whole
    slot = slot_speaker_title(text) or _credited(text)
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
    at_end = _speaker_at_end(text)
    if at_end is not None:
        return at_end
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


# "Title: Subtitle, More — Jane Doe", "Title - 김민수": the last dash of the line, then a name.
_LAST_DASH = re.compile(r"^(?P<title>.{3,})\s+(?:[–—]|-{1,2})\s+(?P<who>[^–—]{2,60}?)\s*$")


def _speaker_at_end(text: str) -> tuple[str, list[Speaker]] | None:
    """A name after the line's last dash is its speaker, before any earlier colon: what follows
    a title's colon is a subtitle ("Segmentation, Alignment"), not a person. A CJK name needs
    this slot to be believed, as it has no capitals to show it. None when a person leads the
    line ("Jane Doe - Title - Bo Li": the splits below read it)."""
    match = _LAST_DASH.match(text)
    if match is None:
        return None
    title, who = match["title"].strip(), match["who"].strip()
    people = people_in(who) or _cjk_at_end(who)
    if not people or people_in(title):
        return None
    for split in _TITLE_SPLIT.finditer(title):
        if people_in(title[: split.start()]):
            return None
    return title.strip(" \"“”'"), people


def _cjk_at_end(who: str) -> list[Speaker]:
    """ "加藤 祥", "김민수" closing an entry after a dash: a CJK name in the speaker's slot."""
    if cjk_name(who) or name_shapes.korean_name(who):
        return [Speaker(who)]
    return []


def _bracketed_credit(text: str) -> tuple[str | None, list[Speaker]] | None:
    """(title, speakers) for "Paper talk (by Jane Doe): Title" (`name_shapes.bracket_credit`),
    read before any split at the colon, which would take the title after it for a name."""
    found = name_shapes.bracket_credit(text)
    people = people_in(found[1]) if found else []
    return ((found[0].strip(" \"“”'") or None), people) if found and people else None


def _credited(text: str) -> tuple[str | None, list[Speaker]] | None:
    """ "Series: Week 3 given by Jane Doe & Bo Li": the credit closing the line names the
    speakers; what precedes it is the title (callers judge whether it is only a label)."""
    found = name_shapes.credit_at_end(text)
    people = people_in(found[1]) if found else []
    return (found[0] or None, people) if found and people else None


def credited_in_prose(text: str) -> list[Speaker]:
    """ "A short talk by our friend, Prof. Jane Doe (of Physics, MIT) on …": the person a
    sentence credits with the talk (`name_shapes.prose_credit`), with the bracketed affiliation."""
    found = name_shapes.prose_credit(text)
    name = strip_honorifics(found[0]) if found else ""
    return [Speaker(name, clean_affiliation(found[1]))] if looks_like_person(name) else []


def cited_people(text: str) -> list[Speaker]:
    """ "Doe, Jane, Bo Li, and Ann Lee. (2021). Title. Venue.": a citation's authors (the
    first written surname first, `name_shapes.cited_authors`), who give a talk listed so."""
    found = name_shapes.cited_authors(text)
    if found is None or not all(looks_like_person(name) for name in found[0]):
        return []
    if all(name_shapes.INITIALS_FIRST.match(name) for name in found[0]):
        return []  # "Doe, J.": on a personal list the owner gives the name in full
    return [Speaker(without_full_stop(name)) for name in found[0]]


def _authors_before_title(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Jane Doe, Bo Li and Ann Lee. Title": the authors' sentence, then the title (a paper in
    a session). The full stop must end a name, not an initial or an honorific, and the sentence
    after it must be no role or institution ("Jane Doe. Professor at X" is a speaker's line)."""
    for match in _SENTENCE_END.finditer(text):
        left, right = text[: match.start()], text[match.end() :].strip()
        last = left.split()[-1] if left.split() else ""
        if re.search(r"(?:^|\.)[^\W\d_]$", last) or HONORIFICS.match(f"{last}. Name"):
            continue  # "J. Doe", "Dr. Jane Doe": not the end of the authors' sentence
        people = people_in(left)
        if not people or any(s.affiliation for s in people) or not _title_sentence(right):
            return None
        return re.sub(r"(?<=[^\W\d_]{2})\.$", "", right).strip(" \"“”'"), people
    return None


def _title_sentence(text: str) -> bool:
    """Could the sentence after an author list be a title: two words or more, no person, no
    role, and no short institution name ("Some University.")?"""
    words = re.findall(r"[^\W\d_]{2,}", text)  # "al 02/12/2022" is a date's remnant, no title
    if len(words) < 2 or name_shapes.ROLE_START.match(text) or people_in(text):
        return False
    return not (len(words) <= 8 and name_shapes.INSTITUTION_WORD.search(text))


def _shaped_name(who: str) -> list[Speaker]:
    """ "Jane doe (MIT)" at the head of "Jane doe (MIT), Title": the "Name (Affiliation),
    Title" shape vouches for a name typed with a lower-case part, which `looks_like_name`
    refuses, and for one whose affiliation `people_in` splits ("(CNRS and ISI, Kolkata)").
    Two or three words, the first capitalised, none a title or institution word."""
    speaker = parse_speaker(who)
    if speaker is None or not re.match(r"^[^\W\d_][^\d]*$", speaker.affiliation or ""):
        return []  # "(Part 2)", "(2 talks)": no affiliation, so no name shape either
    tokens = speaker.name.split()
    if not 2 <= len(tokens) <= 3 or not name_shapes.NAME_TOKEN.match(tokens[0]):
        return []
    lower = name_shapes.LOWER_NAME_TOKEN
    if not all(name_shapes.NAME_TOKEN.match(t) or lower.match(t) for t in tokens[1:]):
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
