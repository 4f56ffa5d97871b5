"""Where a text puts names: the shapes of names and around them, before any word list says
whether a string is a person.

`people` decides whether a string is a person's name (`looks_like_person`: no title or
institution word in it); this module holds what it builds on: a name's shape (`looks_like_name`:
capitalised tokens, initials, particles, honorifics and degrees), the labels and slot names
around names (`EVENT_LABEL`, `SLOT_LABEL`), CJK names (`cjk_name`), and the strings that may
be names by the words and punctuation a page writes around them. Kept apart so both stay
small, and so `people` can ask these shapes without them asking `people` back (`people`
re-exports the labels its users import from it). Shapes (invented examples):
  "Ана Петрова · Some University"            -> name and affiliation set apart by a middle dot
  "李明 · 某大学"                              -> the same with a CJK name written without a space
  "Series: Week 3 given by Jane Doe & Bo Li"  -> a credit closing the line: who gives the talk
  "A short talk by our friend, Prof. Jane Doe (of Physics, MIT) on …" -> a credit in prose
  "Title. Jane Doe. Discussant: Bo Li"        -> the discussant's sentence is no speaker's
  "Doe, Jane, Bo Li, and Ann Lee. (2021). Title." -> a citation's author list, surname first
"""

from __future__ import annotations

import re

from parsers.common import daynames, vocab
from parsers.common.memo import per_page

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

# A capital in the Latin (with its extensions: "Łukasz", "Ştefan"), Greek or Cyrillic alphabet:
# "С. В. Иванова", "А.Б. Петров" are names as much as "J. R. Smith" is.
_CAPITAL = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x250) if chr(c).isupper())
_CAPITAL += "Ά-ΏΑ-ΩЀ-Я"
NAME_TOKEN = re.compile(rf"^(?:[{_CAPITAL}][\w'’\-.]*|[A-Z]\.|\w\.)$", re.UNICODE)


# A name opening with initials ("А.Б. Петрова", "J. R. Smith"): never an affiliation.
INITIALS_FIRST = re.compile(r"^(?:[^\W\d_]\.\s?){1,3}[^\W\d_]{2,}")


def strip_honorifics(name: str) -> str:
    """ "Prof. Dr. Jane Doe, Ph.D." -> "Jane Doe". "M." before a lone surname ("M. Doe") is
    an initial: a name is never one word, and lists of "A. Doe" names write it so."""
    bare = HONORIFICS.sub("", name.strip())
    if _INITIAL_M.match(name.strip()) and len(bare.split()) == 1:
        bare = name.strip()
    return DEGREES.sub("", bare).strip(" ,")


_INITIAL_M = re.compile(r"^M\.\s*[^\W\d_]{2,}$")


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
    return bool(capitalised) and all(NAME_TOKEN.match(t) for t in capitalised)


# A word of three letters or more with a full stop, inside a name, ends a sentence ("Doe.");
# initials ("J."), "St." and "Jr." are two letters or fewer or are degrees.
_SENTENCE_STOP = re.compile(r"^[^\W\d_]{3,}\.$")

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

# What a speaker's own line says after the name's full stop: a role or an institution.
ROLE_START = re.compile(
    r"^(?:an?\s+|the\s+)?(?:(?:assistant|associate|full|senior|junior|visiting|emeritus)\s+)?"
    r"(?:professor|researcher|lecturer|postdoc\w*|student|ph\.?\s?d|director|fellow|scientist|"
    r"engineer|department|dept|university|institute|school|faculty|college|laborator\w*|lab|"
    r"cent(?:er|re)|group|member|head|chair|ceo|cto|founder|editor|president[ae]?|consultant|"
    r"advis[eo]r|physician|surgeon|journalist|analyst|coordinat(?:or|ora|eur|rice)|"
    r"profesora?|investigadora?|directora|directeur|directrice|chercheu(?:r|se)|professeure?)\b",
    re.I,
)
INSTITUTION_WORD = re.compile(
    r"\b(?:universit\w*|institut\w*|college|school|laborator\w*|department|dept|cent(?:er|re)|"
    r"inc|ltd|gmbh|corporation|company)\b",
    re.I,
)

# A phrase led by the indefinite article, four words or more ("A Look Into One Dev's
# Toolbox"): the second half of a title after its comma, never an affiliation ("A Coruña" is
# two words; an institution's word keeps it one).
_ARTICLE_PHRASE = re.compile(r"^(?:A|An)\s+[^\W\d_]+(?:\s+\S+){2,}$")


def article_phrase(text: str) -> bool:
    """Is the text a phrase led by "A"/"An" that names no institution (`_ARTICLE_PHRASE`)?"""
    return bool(_ARTICLE_PHRASE.match(text)) and not INSTITUTION_WORD.search(text)


# A name part as typed in lower case ("Jane doe"): a word of letters only, three or more, not
# ending the way English nouns and adjectives of titles do ("clustering", "estimation").
LOWER_NAME_TOKEN = re.compile(
    r"^(?![a-z]*(?:ing|tion|sion|ment|ness|ity|ics|ism|ence|ance|ous|ive|ful|less|ship|ogy|"
    r"ed|al|ar|ic|ies|es)$)[a-zß-ÿ][a-zß-ÿ'’-]{2,}$"
)

# A Title-Cased word ending the way abstract nouns of titles do ("Segmentation", "Robustness",
# "Topology", "Statistics"): no given name or surname. The stem must be long enough that names
# with such endings stay names ("Clement", "Tassion", "Youness").
NOUN_SUFFIX_WORD = re.compile(
    r"^[^\W\d_]{2,}tions?$|^[^\W\d_]{4,}(?:sions?|ments?|ity|ities|ics|isms?)$"
    r"|^[^\W\d_]{5,}ness(?:es)?$|^[^\W\d_]{2,}olog(?:y|ies)$",
    re.IGNORECASE,
)

# Romance adjectives and nouns of titles whose endings no name has ("Falla Cardiaca",
# "Estadística Bayesiana", "Nuevas Metodologías"): -íaco/-íaca, -ístico/-ística, -ología.
ROMANCE_SUFFIX_WORD = re.compile(
    r"^[^\W\d_]{3,}(?:[ií]ac[oa]s?|[ií]stic[oa]s?|[oó]log[íi]as?)$", re.IGNORECASE
)

# A hyphenated compound of technical titles ("Multi-Phase", "Semi-implicit", "Data-Driven",
# "Large-Scale"): a prefix or a second part that no hyphenated name has ("Jean-Pierre",
# "Gastier-Foster", "Min-Jun" have neither), or a lower-case second part of three letters or
# more after a word of three or more ("Self-supervised"; "Al-khalili" has a two-letter head).
_COMPOUND_HEAD = (
    r"multi|semi|non|self|cross|pre|post|inter|intra|sub|anti|meta|pseudo|quasi|hyper|super|"
    r"ultra|micro|macro|nano|bi|tri|uni|data|model|graph|state|end|open|zero|few|co"
)
_COMPOUND_TAIL = (
    r"based|driven|aware|free|scale|level|order|time|dimensional|term|shot|range|rank|wise|"
    r"like|efficient|invariant|preserving|guided|informed|supervised|agent|step|stage|phase|"
    r"layer|class|modal|source|art|world"
)
TECHNICAL_COMPOUND = re.compile(
    rf"^(?:(?:{_COMPOUND_HEAD})-[^\W\d_]+|[^\W\d_]+-(?:{_COMPOUND_TAIL})"
    r"|(?-i:[^\W\d_]{3,}-[a-zß-ÿ]{3,}))(?:-[^\W\d_]+)*$",
    re.IGNORECASE,
)


def technical_compound(text: str) -> bool:
    """Does the text hold a hyphenated word of technical titles (`TECHNICAL_COMPOUND`)? Such a
    word makes a Title-Cased phrase a title, not a name."""
    return any(TECHNICAL_COMPOUND.match(token.strip(".,;:()")) for token in text.split())


def country_or_compound(text: str) -> bool:
    """Name-shaped, but a country ("Costa Rica", a line under a speaker's institution) or a
    technical title with a hyphenated compound ("Multi-Phase Invariant Synthesis")."""
    country = re.sub(r"\s+", " ", text.strip(" .,;:()")).casefold()
    return country in vocab.COUNTRY_NAMES or technical_compound(text)


# "Jane Doe - Senior Editor", "Jane Doe – Profesora titular": a name, a spaced dash, the
# person's role (`ROLE_START`). The role is no affiliation: the institution, when given, is
# the next line's.
_DASH_ROLE = re.compile(r"^(?P<name>[^()\[\],]{3,60}?)\s+[-–—]\s+(?P<role>\S.{1,80})$")


def name_before_role(text: str) -> str | None:
    """The name part of "Name - Role" (not yet judged a person), else None."""
    match = _DASH_ROLE.match(text)
    return match["name"] if match and ROLE_START.match(match["role"]) else None


# "Paper presentation (by Jane Doe): Title", "Exposé (par Jane Doe) – Titre", "Title (by Jane
# Doe)": a bracketed credit names the speaker; the title is what follows the lead's colon or
# dash, else what precedes the brackets. "de"/"da" are left out: "(de Boer)" is a surname.
_BRACKET_CREDIT = re.compile(
    r"^(?P<lead>[^()\[\]]{0,80}?)\s*[(\[](?:by|par|von|por|di|door)\s+"
    r"(?P<who>[^()\[\]]{3,100})[)\]]\s*(?:(?:[:–—|]|\s-{1,2})\s*(?P<title>\S.{2,}))?$",
    re.I,
)


def bracket_credit(text: str) -> tuple[str, str] | None:
    """(the title, the credited names) for a bracketed credit (`_BRACKET_CREDIT`), else None."""
    match = _BRACKET_CREDIT.match(text)
    return (match["title"] or match["lead"], match["who"]) if match else None


CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"  # kana, CJK ideographs, Hangul
# "Surname Given" with a space between, as Japanese, Chinese and Korean programmes print a
# name among Latin text ("加藤 祥", "李 凌寒"); a surname and a given name are 1-3 characters.
_CJK_SPACED_NAME = re.compile(rf"^[{CJK}]{{1,3}} [{CJK}]{{1,3}}$")
# Written without the space ("桂樹哲雄"): believed only among other names in a list, or set
# apart from an affiliation ("李明 · 某大学").
_CJK_RUN_NAME = re.compile(rf"^[{CJK}]{{2,4}}$")
_CJK_NOT_NAME = re.compile("|".join(vocab.CJK_NOT_NAME_WORDS))  # "東京 大学", "座長"


def cjk_name(text: str | None, *, in_list: bool = False) -> bool:
    """A name in Han, kana or Hangul script, which `looks_like_name` cannot read: "Surname
    Given" with one space; without it only where the shape vouches for it (`in_list`: other
    names beside it, or an affiliation set off after it). Any CJK word could pass, so callers
    want a shape around it too (a bracketed affiliation)."""
    text = (text or "").strip()
    if _CJK_NOT_NAME.search(text):
        return False
    return bool(_CJK_SPACED_NAME.match(text) or (in_list and _CJK_RUN_NAME.match(text)))


_HANGUL_RUN = re.compile(r"^[\uac00-\ud7af]{2,4}$")


def korean_name(text: str | None) -> bool:
    """A Korean name written as one run of Hangul ("김민수", "남궁민"): a known surname, then a
    given name of one or two syllables, and no title word that starts like one ("이론")."""
    text = (text or "").strip()
    if not _HANGUL_RUN.match(text) or text in vocab.KOREAN_NOT_NAMES:
        return False
    return any(
        text.startswith(surname) and 1 <= len(text) - len(surname) <= 2
        for surname in vocab.KOREAN_SURNAMES
    )


# "Name · Affiliation", "Name • Affiliation": cards set the two apart with a middle dot or a
# bullet between spaces. "Name · Affiliation · Position" (a speaker line of a feed or a card)
# adds the person's position, dropped; a further field with a digit (a date, a room) says the
# line is no speaker's.
_DOT = re.compile(r"\s+[·•]\s+")
_DOTTED_NAME = re.compile(r"^[^·•()\[\]]{2,60}$")
# "Jane Doe (王芳)", "Ana Petrova (Анна Петрова)": the name written again in another script.
_SCRIPT_NOTE = re.compile(
    r"^(?P<name>[A-Za-zÀ-ɏ][^()\[\]]{1,58}?)\s*[(\[](?P<note>[^()\[\]]{1,30})[)\]]$"
)


def dotted_affiliation(text: str) -> tuple[str, str, str] | None:
    """(name, affiliation, position or "") when middle dots set them apart, else None. A
    bracket after a Latin-script name holding only letters of other scripts is the name as
    written there, no affiliation: the dot gives that."""
    fields = _DOT.split(text.strip())
    if not 2 <= len(fields) <= 4 or any(re.search(r"\d", f) for f in fields[2:]):
        return None
    name, affiliation = fields[0].strip(), fields[1].strip()
    note = _SCRIPT_NOTE.match(name)
    if note and not re.search(r"[A-Za-zÀ-ɏ\d]", note["note"]):
        name = note["name"].strip()
    if not _DOTTED_NAME.match(name) or not 2 <= len(affiliation) <= 150:
        return None
    if any(len(field.split()) > 8 for field in fields[2:]):
        return None  # a sentence, not a position
    return name, affiliation, " · ".join(fields[2:])


# One word of a personal name as typed in full: a capital, then lower case ("Doe", "Ruiz-Roe",
# "O'Neil", "McLane"); an all-capital word ("MIT", "UC") is an institution's, not a name's.
_FULL_WORD = re.compile(
    rf"^[{_CAPITAL}][a-zß-ÿā-ž'’]*(?:[{_CAPITAL}][a-zß-ÿā-ž'’]+)?[a-zß-ÿā-ž]"
    rf"(?:-[{_CAPITAL}][a-zß-ÿā-ž'’]+)*$"
)
_MIDDLE_INITIAL = re.compile(rf"^[{_CAPITAL}]\.$")


def personal_name_shape(text: str) -> bool:
    """Two to four words, each a capitalised word in full (a middle initial or a particle
    between them allowed): how a person's name is typed, and how "UC Irvine", "ETH Zürich",
    "Stanford U" are not; nor the name-shaped places and institutions `vocab` lists. The word
    lists (`people.looks_like_person`) judge the rest."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or not all(_FULL_WORD.match(t) for t in (tokens[0], tokens[-1])):
        return False
    if " ".join(tokens).casefold() in vocab.NAME_SHAPED_PLACES:
        return False
    if tokens[-1].casefold() in vocab.COUNTRY_WORDS:
        return False  # "Some Agency France": a branch, named for its country
    return all(
        _FULL_WORD.match(t) or _MIDDLE_INITIAL.match(t) or t in PARTICLES for t in tokens[1:-1]
    )


# "Friday , : Jane Doe (MIT)", "Thursday , (online): Jane Doe": what a line keeps of its
# lead once the date and time are read out of it (a weekday name, a bracketed note, stops).
_DAY_LEAD = re.compile(r"^(?P<lead>[^:]{1,40}?)\s*:\s+(?P<rest>\S.*)$")
_NOTE = re.compile(r"\([^()]{0,30}\)")


def without_day_lead(text: str) -> str:
    """The text after a lead that holds nothing but a weekday's name, punctuation and a
    bracketed note, with the colon closing it; the text itself otherwise. The speaker and
    title follow such a lead ("Friday (3 May), 2-3 pm: Jane Doe (MIT)" read for its date)."""
    match = _DAY_LEAD.match(text)
    if match is None:
        return text
    lead = _NOTE.sub(" ", match["lead"])
    words = re.findall(r"[^\W\d_]+", lead)
    if len(words) != 1 or words[0].casefold() not in daynames.WEEKDAYS or len(words[0]) < 4:
        return text
    return match["rest"]


# A credit closing a line: "… given by Jane Doe & Bo Li", "… presented by Jane Doe".
_CREDIT_AT_END = re.compile(
    r"^(?P<rest>.*?)[\s,;:–—-]*\b(?:given|presented|delivered)\s+by\s+"
    r"(?P<who>[^,;:()]{3,120}?)\s*\.?$",
    re.I,
)


# "Title by Jane Doe", "Titre par Jane Doe": a bare "by" before the closing names. Not after
# a participle ("Guided by …", "modifié par …"): there "by" is the title's own word.
_BARE_CREDIT = re.compile(
    r"^(?P<rest>\S+(?:\s+\S+)+?)\s+(?:by|par)\s+(?P<who>[^,;:()]{3,120}?)\s*\.?$"
)
_SLOT_END = re.compile(
    r"\b" + vocab.alternation((*vocab.SESSION_NOUNS, *vocab.EVENT_NOUNS)) + r"s?$", re.I
)
_PARTICIPLE = re.compile(r"(?:ed|en|é|ée|és|ées)$", re.I)


def credit_at_end(text: str) -> tuple[str, str] | None:
    """(what precedes the credit, the credited names) for "… given by NAME[ & NAME]", or for
    a title of two words or more closed by a bare "by NAME" (callers check it is a person)."""
    match = _CREDIT_AT_END.match(text.strip())
    if match:
        return match["rest"].strip(" ,;:–—-"), match["who"]
    match = _BARE_CREDIT.match(text.strip())
    if match is None or _PARTICIPLE.search(match["rest"]) or _SLOT_END.search(match["rest"]):
        return None  # "A talk by Jane Doe": the slot's lead (`BY_PREFIX`), no title
    return match["rest"].strip(" ,;:–—-"), match["who"]


# A credit opening a sentence of prose: "A short presentation by our friend and collaborator,
# Prof. Jane Doe (of Physics, MIT) on …". The descriptive words before a comma are skipped; the
# name is the capitalised words after it, with the bracketed affiliation ("of" dropped).
_PROSE_CREDIT = re.compile(
    r"(?:^|[.:!?]\s+)(?:[Aa]n?|[Tt]he|[Tt]his)\s+(?:[^\W\d_]+\s+){0,2}"
    r"(?:talk|presentation|lecture|seminar)\s+(?:given\s+)?by\s+(?:[^,.;()]{0,60},\s+)?"
    rf"(?P<who>(?:[^\W\d_]{{1,12}}\.\s+)*[{_CAPITAL}][\w'’-]+(?:\s+[{_CAPITAL}][\w'’.-]*){{1,4}})"
    r"(?:\s*\((?:of|from|at)?\s*(?P<aff>[^()]{2,100})\))?(?=[\s,.;:]|$)"
)


def prose_credit(text: str) -> tuple[str, str | None] | None:
    """(name, affiliation or None) credited as the talk's giver in a sentence, else None."""
    match = _PROSE_CREDIT.search(text)
    return (match["who"], match["aff"]) if match else None


# A discussant's sentence ("Comentario X", "Comenta: X", "Discussant: X") names someone who
# comments on the talk, not its speaker: it is cut before the speakers are read.
# The sentence runs to its full stop; an initial's stop ("J.C. Doe") does not end it.
_DISCUSSANT = re.compile(
    r"(?:^|(?<=[.;]))\s*"
    + vocab.alternation(vocab.DISCUSSANT_WORDS)
    + r"\b\s*:?(?:[^.;]|(?<=\b\w)\.)*(?:[.;]|$)",
    re.I,
)


def without_discussant(text: str) -> str:
    """The text minus a sentence that opens with a discussant label."""
    return _DISCUSSANT.sub("", text).strip() or text


# A citation's author list before "(YYYY).": "Doe, Jane, Bo Li, and Ann Lee. (2021). Title."
_CITED_HEAD = re.compile(r"^(?P<authors>[^()\d]{3,300}?)\s*\((?:19|20)\d\d[a-z]?\)[.,:]?\s+")
_AUTHOR_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
_GIVEN = re.compile(r"^(?:[^\W\d_]\.?\s?-?){1,3}$|^[^\W\d_][^\W\d_'’-]+$")  # "J.", "J. R.", "Jane"


def cited_authors(text: str) -> tuple[list[str], str] | None:
    """(author names as "Given Surname", the text after the year) for a citation-style entry,
    else None. The first author is written "Surname, Given"; the others either so (every one
    inverted) or "Given Surname". The names are not judged here."""
    match = _CITED_HEAD.match(text.strip())
    if match is None:
        return None
    authors = re.sub(r"(?<=[^\W\d_]{2})\.$", "", match["authors"].strip())  # the list's stop
    pieces = [p.strip() for p in _AUTHOR_SPLIT.split(authors) if p.strip()]
    if len(pieces) < 2 or len(pieces[0].split()) > 3 or not _GIVEN.match(pieces[1]):
        return None
    names, position = [], 0
    while position < len(pieces):
        piece = pieces[position]
        nxt = pieces[position + 1] if position + 1 < len(pieces) else ""
        if len(piece.split()) <= 2 and nxt and _GIVEN.match(nxt) and (position == 0 or "." in nxt):
            names.append(f"{nxt} {piece}")  # "Doe, Jane" / "Li, B."
            position += 2
        else:
            names.append(piece)
            position += 1
    return names, text.strip()[match.end() :]
