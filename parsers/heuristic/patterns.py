"""What the heuristic's field readers look for, as data: words and shapes, with examples.

Kept apart from `fields` (the code that reads a record) so a miss on a real page is usually a
one-line change here, the way trafilatura and dateparser keep their selectors and words.
Seminar nouns come from `parsers.common.vocab`, shared with the other rules.
"""

from __future__ import annotations

import re

from parsers.common import vocab

EXTRACTED_BY = "heuristic"


BREAKS = re.compile(
    r"^\W*(coffee|tea|lunch|break|pause|registration|welcome|opening|closing|reception|dinner|"
    r"breakfast|buffet|discussion|poster session|posters|social|networking|apéro|apero|"
    r"kaffee|mittag\w*|déjeuner|dejeuner|café|cafe|accueil|inscription|anmeldung|begrüßung|"
    r"fin|end|adjourn\w*|q ?& ?a|panel discussion|snacks|refreshments|to be announced|tba|tbd|"
    r"office hours?|sprechstunde|permanence|deadline|exam|midterm|homework|hw\d*|due|"
    r"kaffee\w*|wrap[- ]?up|farewell|empfang|abendessen|(?:morning|afternoon) break)"
    r"\b|^\W*(?:开场|開場|开幕|開幕|闭幕|閉幕|茶歇|午餐|午休|休息|问答|問答|提问|自由交流|签到|"
    r"簽到|合影|晚宴|懇親会|懇談会|休憩|昼食|受付|질의응답|휴식|점심|"
    # opening and closing as Japanese and Korean programmes write them ("オープニング",
    # "開会挨拶", "閉会式", "개회사", "폐회")
    r"オープニング|クロージング|開会|閉会|表彰式|개회|폐회|개막|폐막|오찬|만찬)"
    # a break named by what it is for, ending in the word for break ("昼休憩", "午间休息",
    # "コーヒーブレイク"): the whole line, so a title that only starts that way stays a title
    r"|^\W*[^\W\d_]{0,6}(?:休憩|休息|ブレイク|ブレーク|휴식)\W*$",
    re.I,
)


# A programme row that introduces the event or its hosts, never a talk whoever is named with
# it ("Welcome from the Organizers", "Opening remarks by the chairs", "Closing words",
# "Inauguration and announcements").
CEREMONY = re.compile(
    r"^\W*(?:welcome|opening|closing|introduction|introductory|inauguration)(?:\s+(?:remarks|"
    r"words|address|session|note|and\s+(?:introductions?|announcements?)))?(?:\s+(?:from|by)\s+"
    r"(?:the\s+)?(?:\w+\s+)?(?:organi[sz]ers?|chairs?|hosts?|committee|dean|director|team))?\W*$",
    re.I,
)


# A panel ("Panel: AI and society", "Panel discussion – Open problems"): a discussion, not a
# talk, whoever sits on it ("Panel data methods" names no panel: no label separator).
PANEL = re.compile(r"^\W*(?:panel|podium)(?:\s+discussion|sdiskussion)?\s*[:–—-]", re.I)


# A note set in a programme row about what follows the talk ("Anschließend kleiner Empfang",
# "followed by a reception", "ensuite apéritif"): not the title.
AGENDA_NOTE = re.compile(
    r"^\W*(?:anschließend|anschliessend|danach|im anschluss|followed by|afterwards|"
    r"ensuite|suivi(?:e)? d[eu'])\b",
    re.I,
)


# A line that is only a button's or a link's label ("abstract", "Show abstract", "Read more",
# "Download Paper"): the toggle next to a talk, never its title.
TOGGLE = re.compile(
    r"^\W*(?:(?:show|hide|view|read|see|toggle|download|get|watch|open)\s+)?(?:the\s+)?"
    r"(?:abstract|more|less|details|bio(?:graphy)?|summary|slides?|video|paper|pdf|poster|"
    r"recording|code|preprint)\W*$",
    re.I,
)


# A title not known yet. With a named speaker the slot is a talk and keeps it as its title
# (the page shows it); without one it is an empty slot, as `BREAKS` says.
PLACEHOLDER = re.compile(
    r"^\W*(?:(?:title|titel|titre|título|titolo|topic|thema)\s*[:–-]?\s*)?"
    r"(?:tba|tbd|tbc|t\.b\.[ad]\.?|to be (?:announced|determined|confirmed)|"
    r"à (?:venir|préciser|confirmer|annoncer)|n\.\s?n\.|folgt|wird noch bekannt gegeben|"
    r"por (?:confirmar|determinar|anunciar)|da (?:definire|confermare|annunciare))\W*$",
    re.I,
)


# A programme slot's label before its title ("Keynote 2: Title", "Contributed talk 3 – Title",
# "Invited talk: Title", "Lightning talk #4: Title"): the kind and number of the slot, no part
# of the title, cut with `SLOT_LABEL.sub("", title, count=1)`. Only with a separator and a
# title after it: a label alone ("Keynote 2") is `parsers.common.people.SLOT_LABEL`'s, and
# "Talking heads: …" or "Keynote speakers" are no labels.
SLOT_LABEL = re.compile(
    r"^\W*(?:(?:opening|closing|invited|contributed|keynote|plenary|sponsor(?:ed)?|lightning|"
    r"short|long|spotlight|guest|special|featured|oral|regular|student|industry)\s+){0,2}"
    r"(?:talk|keynote|presentation|lecture|spotlight|address|oral)"
    r"(?:\s*(?:#\s*|no\.?\s*)?(?:\d{1,3}[a-z]?|[ivx]{1,4}\b|[A-Z]\b))?"
    r"(?:\s*(?::(?!\d)|[–—])\s*|\s+-\s+)(?=\S)",
    re.I,
)


# A slot that says there is no session ("No seminar (fall break)", "Kein Kolloquium").
NO_SESSION = re.compile(
    r"^\W*(?:no|kein\w*|pas de|sans|sin|nessun\w*|geen|niet)\s+(?:\w+\s+)?"
    + vocab.alternation((*vocab.SESSION_NOUNS, *vocab.MEETING_NOUNS))
    + r"s?\b",
    re.I,
)


# What a schedule writes in the speaker cell of a slot with no talk ("Reading Week",
# "Reserved", "Spring Break", "Holiday"): a speaker label does not make these people.
SLOT_NOT_PERSON = re.compile(
    r"\b(?:weeks?|break|recess|holidays?|vacation|reserved|cancel+ed|no (?:talk|seminar))\b",
    re.I,
)


# An e-mail address: a line with one is a contact (an organiser), not a speaker.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


# Dated lines of a call for papers or a job advert, not talks.
NOT_TALK = re.compile(
    r"\b(deadlines?|submissions?|notifications?|camera[- ]ready|anmeldeschluss|date limite|"
    r"(?:registration|applications?) (?:opens|closes|deadline))\b|\bdue\s*$|"
    r"截止|締切|締め切り|마감",
    re.I,
)


LOCATION_WORDS = re.compile(
    r"\b(room|rm\.|salle|raum|hall|building|bldg|auditorium|amphi\w*|hörsaal|aula|sala|"
    r"seminar ?room|campus|zoom|online|virtual|hybrid|webex|teams|lecture theatre|theater|"
    r"theatre|library|floor|étage|gebäude|bâtiment|batiment|institut|lab\b|remote)\b",
    re.I,
)


# A campus named in a piece of at most five words ("North Campus", "Campus de Luminy,
# Marseille", "Venue: María Ruiz campus"); in a longer run of words it is a title's word
# ("Designing a greener campus for the next decade", "How campus networks fail under load").
_CAMPUS_WORD = r"[^\s,;:|()\[\]–—]+"
_CAMPUS = (
    rf"(?:^|[,;:|(\[–—])\s*(?=(?:{_CAMPUS_WORD}\s+){{0,4}}{_CAMPUS_WORD}\s*(?:$|[,;:|)\]–—]))"
    rf"(?:{_CAMPUS_WORD}\s+){{0,4}}campus\b"
)


# A line that is a place: a room word with a room number or code, a campus, or just "Online".
PLACE = re.compile(
    r"\b(room|rm\.|salle|raum|hall|building|bldg|auditorium|amphi\w*|hörsaal|aula|sala|"
    r"lecture theatre|gebäude|bâtiment|batiment|seminar ?room|seminarraum)\b.{0,40}\d|"
    r"\d.{0,20}\b(room|salle|raum|hall|building|auditorium|amphi\w*|hörsaal|aula)\b|"
    rf"{_CAMPUS}|^(online|zoom|remote|virtual|hybrid|webex|teams|tba|tbd)\b|"
    r"^(?:腾讯会议|騰訊會議|线上|線上|在线|在線|オンライン|온라인)|"
    r"(?:会议室|會議室|报告厅|報告廳|教室|講堂|会議室|강의실|세미나실)\s*\w{0,6}$|"
    # a hall and an online stream ("…会議場＋オンライン中継"): the hall is the place
    r"(?:会议室|會議室|报告厅|報告廳|教室|講堂|会議室|会議場|会館|ホール|講義室|강의실|세미나실)"
    r"\s*[＋+]\s*(?:オンライン|online|zoom|线上|線上|在线|在線|온라인)|"
    r"^(?:sala|salle|aula|hörsaal|seminarraum|audit[oó]ri(?:um|o)|anfiteatro|amphith[ée][âa]tre|amphi|"
    r"lecture (?:theatre|hall))\b",  # "Sala de Grados", "Salle du conseil": no number needed
    re.I,
)


# "Annenberg 105", "Pimentel Hall 120", "CSE 1242": a capitalised name and a room number.
NAMED_ROOM = re.compile(r"^(?:[A-Z][\w.&'’-]*\s){1,3}[A-Z]?\d{1,4}[A-Za-z]?$")


NOT_ROOM = re.compile(
    r"^(lecture|week|part|chapter|session|day|talk|seminar|hw|homework|lab|exercise|unit|"
    r"module|section|volume|issue|page|version|step|round|level|grade|class|group|team|"
    r"spring|summer|fall|autumn|winter|semester|term|year|wintersemester|sommersemester|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b",  # "Spring 2022" in a list of past terms is no room
    re.I,
)


ONLINE = re.compile(r"\b(online|zoom|virtual|webex|teams|remote|hybrid|jitsi)\b", re.I)


# "by Jane Doe", "par …", "von …": the word before a speaker line.
BY_PREFIX = re.compile(r"^\s*(?:by|par|von|di|por|door|with|avec|mit|con)\s+", re.I)


# A quoted title; two apostrophes close it as well ("Title'' (2016)": typewriter quotes).
QUOTED = re.compile(r"[“«„\"]\s*([^“”«»„\"]{6,300}?)\s*(?:[”»“\"]|'')")


# Institution words in any case; acronyms only in capitals ("mit" is German for "with", "eth"
# and "tu" are words too), and CJK institution suffixes ("…大学", "…研究所", "…公司").
INSTITUTION = re.compile(
    r"(?i:\b(?:univ\w*|institut\w*|college|school|lab\w*|inria|cnrs|inrae|inserm|centre|center|"
    r"academy|académie|hochschule|polytechn\w*|research|corporation|inc\b|google|microsoft|"
    r"deepmind|openai|hospital|foundation|gmbh))\b|"
    r"\b(?:MPI|ETH|EPFL|IBM|KU|TU|UCL|MIT|KTH|Meta)\b|"
    r"(?:大学|大學|学院|學院|研究所|研究院|研究中心|实验室|實驗室|研究室|公司|会社|대학교?|연구소)"
)


# Between the fields of one meta line ("Jane Doe (MIT) — 12 March, 14:00 — Room G.07").
FIELD_SEPARATOR = re.compile(r"\s+[—–|·•]\s+|\s*[|·•]\s*")


# A piece of a meta line that is only a link's label: one or two link words ("Video",
# "Slides (PDF)", "Slides PDF", "Video recording", French "vidéo", "live"); a link word with
# any other word is a title's ("Live coding", "Paper title", "Video games").
_LINK_WORD = (
    r"(?:video|vidéo|slides?|pdf|recording|youtube|paper|arxiv|code|abstract|poster|notes|"
    r"handout|links?|watch|bib(?:tex)?|preprint|live)"
)
LINK_PIECE = re.compile(
    rf"^(?:download\s+)?{_LINK_WORD}(?:\s+{_LINK_WORD})?(?:\s*\(\w+\))?$",
    re.I,
)


# A bracketed kind tag at the end of an item ("… , Wien [poster]", "(poster)"): the item is a
# poster, not a talk. Only as a tag after the text: "(Poster) Title" names the title's kind.
POSTER_TAG = re.compile(rf"[\[(]\s*{vocab.POSTER_WORDS}\s*[\])]\W*$", re.I)


MORE_CANCELLED = re.compile(
    r"\b(geannuleerd|afgelast|vervalt|inställt|inställd|avlyst|aflyst|peruttu|odwołan[ey]|"
    r"zrušen[oa]?)\b|中止|休講",
    re.I,
)


MORE_POSTPONED = re.compile(r"\b(uitgesteld|uppskjutet|flyttat|utsatt|przełożon[ey])\b|延期", re.I)


STATUS_MARKER = re.compile(
    r"\s*[(\[]?\s*(?:cancel+ed|canceled|annul[ée]e?|abgesagt|entf[äa]llt|cancelad[oa]|"
    r"annullat[oa]|geannuleerd|afgelast|vervalt|postponed|rescheduled|report[ée]e?|verschoben|"
    r"aplazad[oa]|rinviat[oa]|adiad[oa]|uitgesteld|inställt|avlyst|aflyst)"
    r"\s*[!.]?\s*[)\]]?\s*",
    re.I,
)


# A bracket that held a date and otherwise only says the talk is coming ("[upcoming ✨
# 02/11]", "(à venir · 5 mars)"), once the date is cut out (\x00): a status tag, no part of
# the title. Another word with the date ("(joint work, 5 March)") keeps the bracket.
STATUS_BRACKET = re.compile(
    r"[(\[](?=[^()\[\]]*\x00)(?:[\s\x00,;:·|/-]|[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]|"
    r"\b(?:upcoming|coming\s+soon|coming\s+up|next|new|today|live|à\s+venir|a\s+venir|"
    r"prochain(?:e|ement)?|nouveau|bientôt|próximamente|próxim[oa]|demnächst|neu|heute|"
    r"in\s+arrivo|prossim[oa]|binnenkort)\b)*[)\]]",
    re.I,
)


LINK_LABELS = re.compile(
    r"[\[(]\s*(?:slides?|video|pdf|paper|abstract|recording|youtube|arxiv|code|link|poster|"
    r"bib(?:tex)?|notes|handout)\s*[\])]",
    re.I,
)


# Days that recur: a time said with them is the series' time ("Thursdays, 14:00–15:00",
# "every other Wednesday, 12:00", "jeweils donnerstags um 16:15").
# Portuguese and Spanish say it with a plural ("às segundas-feiras", "nas quintas", "los
# jueves", "todas as quartas"); a bare "quintas" or "sextas" is also an ordinal, so it needs
# "-feiras" or the article in front of it.
_PT_DAYS = r"(?:segundas|terças|tercas|quartas|quintas|sextas)"
_ANY_WEEKDAY = (
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi|lunes|"
    r"martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|lunedì|martedì|mercoledì|"
    r"giovedì|venerdì|montag|dienstag|mittwoch|donnerstag|freitag|segunda|terça|terca|quarta|"
    r"quinta|sexta|maandag|dinsdag|woensdag|donderdag|vrijdag|måndag|tisdag|onsdag|torsdag|"
    r"fredag"
)
SERIES_DAYS = re.compile(
    r"\b(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|"
    r"montags|dienstags|mittwochs|donnerstags|freitags|lundis|mardis|mercredis|jeudis|"
    r"vendredis|"
    r"(?:every|each|jeden|jede|chaque|tous les|toutes les|cada|todos los|todas las|todas as|"
    r"todos os|ogni|elke|iedere|varje|hver)\s+(?:other\s+|second\s+|2nd\s+|autre\s+)?"
    rf"(?:{_ANY_WEEKDAY})s?(?:-feiras?)?|"
    rf"{_PT_DAYS}-feiras|(?:às|nas|aos|nos)\s+(?:{_PT_DAYS}|sábados|sabados|domingos)|"
    r"los\s+(?:lunes|martes|miércoles|miercoles|jueves|viernes|sábados|sabados|domingos)|"
    r"(?:le|el|il|am|jeden)\s+(?:lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|"
    r"jueves|viernes|lunedì|martedì|mercoledì|giovedì|venerdì|montag|dienstag|mittwoch|"
    r"donnerstag|freitag))\b",
    re.I,
)


# Words that say a clock time holds for the whole series ("Talks take place at 12pm",
# "usually at 16:00", "all talks at 14:00 CET"); with no word for talks in the line, only
# when little else is said ("Library open every day 9:00–22:00" is no series).
SERIES_WHEN = re.compile(
    r"\b(?:every|each|weekly|bi-?weekly|fortnightly|monthly|usually|normally|typically|"
    r"generally|regularly|unless (?:otherwise|noted|stated)|all (?:talks|seminars|sessions|"
    r"meetings|lectures|events)|takes? place|taking place|(?:are|is) held|held (?:on|at|every)|"
    r"meets?|scheduled|(?:start|begin)s? at|jeweils|immer|wöchentlich|findet|finden|"
    r"tous les|chaque|habituellement|ont lieu|a lieu|todos los|cada|semanal\w*|se celebran?|"
    r"ogni|si tiene|si tengono|settimanal\w*|elke|iedere|wekelijks|vinden plaats|varje|hver|"
    r"każd\w*|"
    # every other week or every month, and "take place", in more languages ("acontecem
    # quinzenalmente", "se realizan quincenalmente", "a cadenza quindicinale")
    r"quinzenal\w*|quincenal\w*|quindicinal\w*|bimensuel\w*|tous les quinze jours|"
    r"zweiwöchentlich\w*|vierzehntägig\w*|tweewekelijks|mensal\w*|mensual\w*|mensil\w*|"
    r"mensuel\w*|monatlich\w*|maandelijks|acontece[m]?|realiza[m]?-se|se realizan?|"
    r"tienen? lugar|têm lugar|tem lugar)\b",
    re.I,
)
ABOUT_TALKS = re.compile(
    r"\b(?:"
    + "|".join(vocab.SERIES_PATTERNS)
    + r"|meetings?|sessions?|sitzung\w*|séances?|sesion\w*|sesión|we meet|group meets)\b",
    re.I,
)


# Words that make a page-level line about time zones ("All times are CET", "Time zone: …").
ZONE_WORDS = re.compile(
    r"\b(?:times?|time ?zone|zone|horaires?|heures?|zeit(?:en|zone)?|uhrzeit\w*|hora(?:rio)?s?|"
    r"orari[oa]?|tijd(?:en)?|tid(?:er)?|ora)\b",
    re.I,
)


# A term a page names with its year ("Fall 2025", "Spring 2023", "WS 2023/24", "2022/23"):
# a series fact stated for one term holds for that term's talks only.
TERM = re.compile(
    r"\b(?:(?:spring|summer|fall|autumn|winter|semester|term|trimester|quarter|"
    r"academic year|school year|ws|ss|wise|sose|wintersemester|sommersemester|semestre|"
    r"printemps|automne|hiver|été|primavera|otoño|verano|invierno|herbst|frühjahr|"
    r"frühling|sommer|inverno|estate|autunno|najaar|voorjaar|höst|vår|hösten|våren)\s+"
    r"(?P<year>(?:19|20)\d\d)(?:\s*[/–-]\s*(?P<next>(?:19|20)?\d\d))?"
    r"|(?P<first>(?:19|20)\d\d)\s*[/–-]\s*(?P<second>(?:19|20)?\d\d)(?![\d/-]))\b",
    re.I,
)


# A term with a two-digit year ("Fall 18", "Spring '23", "WS 23/24"): a heading that gives
# the talks below their year, as "Fall 2018" would.
SHORT_TERM = re.compile(
    r"\b(?:spring|summer|fall|autumn|winter|ws|ss|wise|sose|semester|term|printemps|automne|"
    r"hiver|été|herbst|frühjahr|sommer|winter|primavera|otoño|verano|invierno)"
    r"\s*['’]?(?P<yy>\d\d)(?:\s*/\s*\d\d)?(?![\d:.])",
    re.I,
)
