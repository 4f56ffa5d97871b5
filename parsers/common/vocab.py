"""Seminar vocabulary in every language we read, as data: one place to add a language.

Why a module of word lists: the heuristic, the people helpers and the status rules each
need "what a seminar is called" in English, German, French, Spanish, Italian, Dutch,
Swedish, Russian, Japanese, Chinese and Korean. Written into four regexes, a word added
for one rule was missing from the others. The rules now build their patterns from these
lists (`alternation`), and add only what is theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# What one session of a series is called: "Seminar: Jane Doe", "No colloquium this week".
SESSION_NOUNS = (
    "seminar", "talk", "colloquium", "kolloquium", "lecture", "webinar", "vortrag", "exposé",
    "séminaire", "seminaire", "seminario", "seminari",
)  # fmt: skip

# Words for "meeting" that a "no ... this week" line may use instead of a session noun.
MEETING_NOUNS = ("meeting", "session", "sitzung", "sesión", "seduta", "bijeenkomst")

# Kinds of event a label before a speaker or title may name ("Keynote: …", "Journal club: …").
EVENT_NOUNS = ("conference", "keynote", "presentation", "reading group", "journal club")

# Regex pieces for a page that calls itself a seminar, talks or programme page, with their
# plurals and inflections (hence patterns, not words), and the CJK terms (no word breaks).
SERIES_PATTERNS = (
    r"seminars?", r"colloqui(?:um|a)", r"kolloquium", r"talks?", r"speakers?", r"lecture series",
    r"séminaires?", r"seminaires?", r"seminari[oa]?s?", r"vortr[äa]ge?", r"vortragsreihe",
    r"exposés?", r"conférences?", r"workshop", r"journées?", r"programme", r"program", r"agenda",
    r"reading group", r"journal club", r"webinars?", r"seminari\w*", r"seminarium", r"föredrag",
    r"foredrag", r"voordrachten", r"семинар\w*", r"коллоквиум\w*", r"charlas?", r"palestras?",
)  # fmt: skip
SERIES_CJK = (
    "セミナー", "談話会", "講演会", "研究会", "研讨会", "讲座", "学术报告", "세미나", "콜로키움",
)  # fmt: skip


# Institution, role and programme words in CJK script: a text holding one is no person's name.
CJK_NOT_NAME_WORDS = (
    "大学", "大學", "学院", "學院", "研究", "公司", "中心", "会社", "協会", "学会", "センター",
    "教授", "博士", "講師", "讲师", "主任", "院长", "座長", "司会", "休憩", "講演", "发表", "報告",
    "报告", "招待", "閉会", "開会", "セッション", "세미나", "대학",
)  # fmt: skip
# What a page writes in an affiliation's place for a speaker who has none ("(所属なし)").
NO_AFFILIATION = frozenset(("所属なし", "無所属", "无", "無", "n/a", "none"))


def alternation(words: Iterable[str]) -> str:
    """`(?:a|b|…)` matching any of the words literally, longest first (so no prefix wins)."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(word) for word in ordered) + ")"


def series_words() -> re.Pattern[str]:
    """A page's own words for being a seminar/talks page (its title, headings, intro)."""
    latin = "|".join(SERIES_PATTERNS)
    return re.compile(rf"\b({latin})\b|" + "|".join(SERIES_CJK), re.I)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Korean surnames (the common one-syllable ones, and the two-syllable ones), and words that
# start like a name but are title or programme words: `name_shapes.korean_name`.
KOREAN_SURNAMES = _words(
    """
    김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남
    심 노 하 곽 성 차 주 우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설
    마 길 연 위 표 명 기 반 라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부
    남궁 황보 제갈 선우 독고 사공 서문
    """
)
KOREAN_NOT_NAMES = _words(
    """
    이야기 이론 이해 이산 강의 강사 정리 정보 정수 최적화 신경망 문제 기초 기술 기계 소개 연구 연습
    구현 구조 방법 방정식 인공지능 한국 안내 주제 서론 서비스 마무리 박사 석사 전략 조사 진행
    도입 원리 공학 경제 선형 지도 지식 우주 인간 성능 차원 표현 명제 부분 전산 고급 고전 공개
    """
)


# Who comments on a talk ("Discussant: …", "Comentario …") rather than gives it: a label, no name.
DISCUSSANT_WORDS = (
    "discussant", "discussants", "respondent", "respondents", "commentator", "commentators",
    "comentario", "comentarios", "comenta", "comentan", "comentarista", "comentaristas",
    "discutant", "discutants", "kommentar", "diskutant",
)  # fmt: skip

# The function words of Spanish, French, Italian and Portuguese titles ("Otra mirada de …",
# "Une nouvelle approche pour …"): as "the", "of", "for" in English, never part of a name.
# Those that are also name particles ("de", "la", "da", "du") or names and surnames ("Uma",
# "Una", "Su", "Mi", "Toda", "Como", "Nova", "Sem") are left out; the name shape decides those.
ROMANCE_FUNCTION_WORDS = _words(
    """
    otra otro otras otros nueva nuevo nuevas nuevos sobre entre hacia desde para según
    contra hasta cómo qué cuándo dónde porqué nuestra nuestro este esta estos estas
    une nouvelle nouveau nouvelles nouveaux autre autres sur pour avec sans vers chez
    notre votre quelques comment pourquoi quand cette ces
    nuova nuovo nuove nuovi altra altro sulla sulle sugli verso senza tra fra come perché
    questa questo nostra nostro
    novas novos outra outro outras outros até porque nossa nosso
    """
)

# Words that appear in talk titles, institution names and site titles but are not people's
# names (`people.looks_like_person`). A Title-Cased title ("Graph Neural Networks") passes
# `looks_like_name`; one of these words in it says it is not a person. Data, so a miss is a
# one-word fix. Lab and team words ("Axe …", "Équipe …") and site words ("… Homepage") too.
NOT_NAME_WORDS = _words(
    """
    the of for and in on with to from at by via about towards toward beyond without
    is are was were be been being all you your we our us how what why which not no
    into through between versus vs more less than or but its it this that these those
    has have had using use need needs one two three many every any some when where
    learning deep neural network networks model models modeling modelling data theory analysis
    system systems quantum graph graphs algorithm algorithms optimization optimisation
    introduction intro overview tutorial lecture lectures seminar seminars talk talks colloquium
    workshop session sessions keynote panel discussion break coffee lunch dinner welcome opening
    closing remarks reception registration poster posters tba tbd title abstract speaker
    speakers room hall building campus online zoom university universität université
    universidad università institute institut college school department dept laboratory lab
    labs center centre research group faculty science sciences engineering mathematics
    physics chemistry biology computer computing statistics economics informatics medicine
    foundation society association company inc ltd gmbh corporation labs ai ml nlp
    machine intelligence artificial language languages vision robotics control dynamics
    equations equation functions function spaces space methods method problems problem
    approach approaches applications application inference estimation geometry topology
    algebra probability random stochastic processes process optimal efficient robust
    scalable fast large small new recent advances challenges perspectives towards part
    spring summer fall autumn winter semester term week day programme program schedule
    monday tuesday wednesday thursday friday saturday sunday
    professor associate assistant postdoctoral postdoc researcher student students phd
    lecturer fellow director dean head manager engineer scientist emeritus visiting senior
    junior candidate staff member members alumni office hours joined administrator
    coordinator secretary chair
    quad stadium plaza square park street avenue road gym arena theatre theater auditorium
    atrium lobby court field garden gallery museum chapel church hotel house tower wing annex
    pavilion union commons lounge cafe cafeteria memorial main north south east west central
    library ceremony day open closed maintenance hour
    january february march july september october november december
    news events event calendar home about contact people publications teaching
    sala salle aula raum hörsaal amphithéâtre amphi auditorio auditório anfiteatro
    edificio gebäude bâtiment
    facultad facoltà faculté fakultät restaurant restaurante ristorante
    vorlesung organizers organisers survey primer spotlight showcase webinar webinars
    week weeks reading reserved holiday holidays recess vacation cancelled canceled
    if as whether does did could should would shall must might while after before under over
    against among across around upon onto yet just also very really never always inside
    outside within there here then
    symposium meeting meetings conference conferences congress summit forum annual joint
    international national nationale nationales nationaux nacional nacionales nazionale
    nazionali nationaal
    homepage webpage website site sites blog weblog portfolio cv
    team teams équipe equipe groupe gruppo grupo arbeitsgruppe axe pôle gt département
    departement dipartimento departamento consortium network réseau
    modélisation numérique santé informatique mathématiques physique statistique apprentissage
    journée journées colloque colloques rencontre rencontres atelier ateliers jornada jornadas
    encuentro convegno giornata giornate tagung
    coloquio coloquios programación programa ponencia ponencias invitados invitadas invitado
    invitada invited guests curso cursos course courses cours
    séminaires seminaires seminarios seminários webinars vorträge kolloquien colloquia
    academia académie accademia akademie sociedad sociedade società société gesellschaft
    hospital hôpital ospedale clínica clinica clinique clinic klinik klinikum fundación
    fundação fondation fondazione stiftung asociación associação associazione verein colegio
    instituto istituto escuela escola école scuola hochschule ministerio ministère ministry
    agencia agence agency consejo conseil council comité committee journal journals revista
    revue rivista zeitschrift magazine
    pdf youtube preprint arxiv bibtex handout transcript podcast download
    tech polytechnique google microsoft amazon nvidia inria cnrs inserm inrae ecole normale
    supérieure superieure url urls link links date time
    president vice officer chief ceo cto cfo founder cofounder co-founder executive
    """
) - frozenset(["park"]) | frozenset((*SESSION_NOUNS, *DISCUSSANT_WORDS, *ROMANCE_FUNCTION_WORDS))
# ("park": a place word that is also a common surname, "Daniel Park"; function words that are
# also names, "Will", "May", "Can", "Do", "An", "So", "Even", are left out on purpose)

# Countries whose names are two words or more, as programmes print them under a speaker's
# institution ("Some University / Costa Rica"): Title-Cased like a name, never a person. One
# word is never read as a name, so those need no entry. Data: a country missed is one line.
COUNTRY_NAMES = frozenset(
    re.split(
        r"\s*,\s*",
        """
    united states, united states of america, united kingdom, great britain, new zealand,
    south africa, south korea, north korea, saudi arabia, united arab emirates, costa rica,
    puerto rico, el salvador, sri lanka, hong kong, czech republic, dominican republic,
    north macedonia, bosnia and herzegovina, ivory coast, papua new guinea, new caledonia,
    estados unidos, reino unido, nueva zelanda, corea del sur, arabia saudita,
    emiratos árabes unidos, países bajos, república checa, república dominicana,
    estados unidos da américa, reino unido da grã-bretanha, nova zelândia, coreia do sul,
    países baixos, república tcheca, costa do marfim, afrique du sud, corée du sud,
    arabie saoudite, émirats arabes unis, république tchèque, côte d'ivoire,
    stati uniti, regno unito, nuova zelanda, corea del sud, paesi bassi, vereinigte staaten,
    vereinigtes königreich
    """.strip(),
    )
)

# Countries of one word, as a company's or agency's branch carries it ("Some Agency France",
# "Acme Deutschland"): after a speaker's name and a comma, such a name is an affiliation.
COUNTRY_WORDS = _words(
    """
    france germany deutschland italy italia spain españa espana portugal brasil brazil canada
    china japan india mexico méxico chile argentina colombia peru perú belgium belgique
    switzerland suisse schweiz austria österreich netherlands nederland sweden sverige norway
    norge denmark danmark finland suomi poland polska russia israel turkey türkiye greece
    ireland scotland england wales australia korea taiwan singapore europe africa asia
    """
)

# Institutions and places named like a person ("Jane Doe, Johns Hopkins" is a name and an
# affiliation, "Jane Doe, Bo Linden" two people): two capitalised words, no institution word.
NAME_SHAPED_PLACES = frozenset(
    re.split(
        r"\s*,\s*",
        """
    johns hopkins, carnegie mellon, simon fraser, georgia tech, virginia tech, santa barbara,
    santa cruz, santa fe, santa clara, san diego, san francisco, san jose, los angeles,
    los alamos, la jolla, max planck, tel aviv, abu dhabi, buenos aires, rio de janeiro,
    sao paulo, são paulo, cold spring harbor, woods hole, ann arbor, baton rouge, salt lake,
    notre dame, chapel hill, urbana champaign, stony brook, college park, palo alto,
    mountain view, menlo park, red hat, bell labs, morgan stanley, goldman sachs
    """.strip(),
    )
)

# Words matched by stem: Russian inflects its nouns ("семинар", "семинара", "семинаре"), and
# institution words vary by language; a word that starts with one is no part of a name.
NOT_NAME_STEMS = (
    "семинар", "доклад", "лекци", "конференц", "коллоквиум", "институт", "университет",
    "факультет", "кафедр", "лаборатор", "отдел", "центр", "групп", "программ", "школ",
    "академи", "секци", "заседани", "аудитори", "кабинет", "корпус",
    # the Latin-script institution words of many languages ("Universitat", "Universiteit",
    # "Universidade", "Politecnico", "Politechnika"): no name starts so
    "universi", "politec", "politèc", "polytech", "politech",
)  # fmt: skip


# What a poster is called. An item that says it is a poster is not a talk: the heuristic's
# entries and the platform parsers (a Hugo Academic "[poster] Title" item) drop it alike.
POSTER_WORDS = r"(?:poster|póster|affiche)"

# An entry that opens by saying it is a poster ("Poster at …", "Poster au/aux/à …", "Poster
# presented at …", "[poster] Title"). Only as the entry's first words: a talk's note further
# down ("Title <br> Poster presented at …") may be a judgement call either way.
POSTER_LEAD = re.compile(
    rf"^\s*(?:\[\s*{POSTER_WORDS}\s*\]|{POSTER_WORDS}\s+"
    r"(?:(?:presented|présentée?|presentado)\s+)?(?:at|au|aux|à|a|en|in|on|bei|auf)\b)",
    re.I,
)
