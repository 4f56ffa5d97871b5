"""Dates, times and series facts missed on the round-3 pages, as general rules (issue 10).

Decisions these tables pin down (and why):
- "November, 30th, 2021" is a date: some pages put a comma after the month. Only with the year
  after it, so a month named in prose ("In March, 12 talks were given") is no date.
- Two days each with its weekday ("Lunes 22 y Miércoles 24 de octubre") date the talk by the
  first; a number before a conjunction without its weekday ("Sala 3 y martes 12") is none.
- A range of days written with "a", "al", "au", "to", "bis" ("05 a 07 de novembro") is dated
  by its first day.
- Accented month abbreviations are months ("1er Fév. 2023", "3 Déc. 2022", "5 févr."), and
  the Dutch "mrt" and German "Mrz" are March.
- "das 10:00 às 11:00", "de 10:00 a 11:00", "dalle 10 alle 11", "16:00 hasta 17:30" and
  "9:30〜18:00" are ranges; "10:00 as well as 11:00" is not.
- A Portuguese or Spanish sentence gives the series' time with a plural weekday ("às
  segundas-feiras", "los jueves", "todas as quartas") or a word for every other week
  ("quinzenalmente"); a bare "quintas" (fifths) or a name ("Domingos") is no weekday.
- A break is also a line that only ends in the word for break ("昼休憩", "コーヒーブレイク"),
  and opening/closing rows in Japanese and Korean are no talks; a title that merely starts
  with such a word runs on and stays a title.
- A hall named with an online stream ("…会議場＋オンライン中継…") is the page's place.
- A heading that is only a year gives yearless dates below it that year, even after a later
  talk ("February 22" under "2021" after "October 2"); with no such heading the date still
  lands near the talk before it (lists cross New Year).
- A bold "online" in a venue sentence runs on to the service named right after it.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from lxml import html

from parsers.common import dates, times
from parsers.heuristic.context import _with_platform, series_time, update_context
from parsers.heuristic.lines import Line
from parsers.heuristic.patterns import BREAKS, PLACE, SERIES_DAYS
from parsers.heuristic.reading import PageContext, parse_line


def _line(text: str, index: int = 0, heading: int = 0) -> Line:
    root = html.fromstring(f"<p>{text}</p>")
    return Line(text=text, element=root, fragments=[(text, None)], index=index, heading=heading)


# --------------------------------------------------------------------------- dates

FIND_DATE = [
    ("November, 30th, 2021. 4pm (JST)", date(2021, 11, 30)),
    ("November, 30, 2021", date(2021, 11, 30)),
    ("Sept., 2nd 2021", date(2021, 9, 2)),
    ("Sémidoc, 1er Fév. 2023. Title", date(2023, 2, 1)),
    ("FÉV. 5, 2023", date(2023, 2, 5)),
    ("5 févr. 2023", date(2023, 2, 5)),
    ("3 Déc. 2022", date(2022, 12, 3)),
    ("Août 3, 2021", date(2021, 8, 3)),
    ("14 août 2021", date(2021, 8, 14)),
    ("12 mrt 2024", date(2024, 3, 12)),
    ("5. Mrz. 2024", date(2024, 3, 5)),
    ("Lunes 22 y Miércoles 24 de octubre, 2012", date(2012, 10, 22)),
    ("jeudi 5 et vendredi 6 juin 2025", date(2025, 6, 5)),
    ("Mon 3 – Tue 4 June 2024", date(2024, 6, 3)),
    ("Sala 3 y martes 12 de marzo 2024", date(2024, 3, 12)),  # a room number, then the date
    ("Data: 05 a 07 de novembro 2014", date(2014, 11, 5)),
    ("del 3 al 5 de marzo de 2024", date(2024, 3, 3)),
    ("du 3 au 5 mars 2024", date(2024, 3, 3)),
    ("de 10 a 12 horas, 5 de marzo de 2024", date(2024, 3, 5)),  # hours, then the date
]
NOT_DATES = [
    "In March, 12 talks were given",  # a month in prose, no year
    "March, 2024",  # a month and a year
    "May, 2021, 5 talks",
    "November, 30th",  # a comma and no year: not enough
]


@pytest.mark.parametrize(("text", "want"), FIND_DATE)
def test_find_date(text: str, want: date) -> None:
    found = dates.find_date(text)
    assert found is not None and found[0] == want


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert dates.find_date(text) is None


# --------------------------------------------------------------------------- times

RANGES = [
    ("das 10:00 às 11:00", time(10), time(11)),
    ("de 10:00 a 11:00", time(10), time(11)),
    ("dalle 10:00 alle 11:00", time(10), time(11)),
    ("10h às 11h", time(10), time(11)),
    ("de 16:00 hasta 17:30", time(16), time(17, 30)),
    ("10:00 até 11:30", time(10), time(11, 30)),
    ("9:30〜18:00", time(9, 30), time(18)),
    ("10:00 as well as 11:00", time(10), None),  # no range
    ("14:00 alle", time(14), None),
]


@pytest.mark.parametrize(("text", "start", "end"), RANGES)
def test_time_range(text: str, start: time, end: time | None) -> None:
    assert times.find_time_range(text)[:2] == (start, end)


def test_bare_numbers_are_no_range() -> None:
    assert times.find_time_range("10 as 11")[0] is None


# --------------------------------------------------------------------------- series time

CTX = PageContext("https://example.org/seminarios/", None, 2024)

SERIES_TIMES = [
    (
        "Os seminários acontecem quinzenalmente às segundas-feiras, das 10:00 às 11:00.",
        time(10),
        time(11),
    ),
    ("Las charlas son todos los jueves de 16:00 a 17:00.", time(16), time(17)),
    ("Os encontros são todas as quartas-feiras às 14h.", time(14), None),
    ("El seminario se realiza quincenalmente, a las 12:00 horas.", time(12), None),
    ("Seminários nas quintas, 15:30.", time(15, 30), None),
]
NOT_SERIES_TIMES = [
    "Quintas da Regaleira: visita guiada às 10:00, almoço e passeio pela cidade velha",
    "Domingos Silva apresenta o projeto novo ao grupo às 10:00 na sala",
    "Biblioteca aberta de segunda a sexta, das 9:00 às 22:00",  # not about talks
]


@pytest.mark.parametrize(("text", "start", "end"), SERIES_TIMES)
def test_series_time_pt_es(text: str, start: time, end: time | None) -> None:
    fact, bare = series_time(_line(text), CTX)
    assert fact is not None and (fact.start, fact.end, bare) == (start, end, False)


@pytest.mark.parametrize("text", NOT_SERIES_TIMES)
def test_not_series_time_pt_es(text: str) -> None:
    assert series_time(_line(text), CTX)[0] is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("às segundas-feiras", True),
        ("los jueves", True),
        ("aos sábados", True),
        ("todas as quartas", True),
        ("tous les jeudis", True),
        ("as quintas edições do congresso", False),  # "the fifth editions"
        ("Domingos Silva", False),
        ("a segunda edição", False),
    ],
)
def test_series_days(text: str, said: bool) -> None:
    assert bool(SERIES_DAYS.search(text)) is said


# --------------------------------------------------------------------------- breaks, places


@pytest.mark.parametrize(
    ("text", "is_break"),
    [
        ("昼休憩", True),
        ("コーヒーブレイク", True),
        ("午间休息", True),
        ("オープニング", True),
        ("クロージング", True),
        ("開会挨拶", True),
        ("閉会式", True),
        ("개회사", True),
        ("昼休憩中の会話の分析", False),  # runs on: a title
        ("ブレイクスルーの条件", False),
        ("ランチョンセミナー", False),  # a sponsored talk, not lunch
        ("自然言語処理の評価", False),
    ],
)
def test_breaks(text: str, is_break: bool) -> None:
    assert bool(BREAKS.match(text)) is is_break


@pytest.mark.parametrize(
    ("text", "is_place"),
    [
        ("神戸国際会議場＋オンライン中継のハイブリッド開催", True),
        ("大講堂 + Zoom", True),
        ("国際会議場の歴史", False),  # a title about halls
        ("ブラックホールの物理", False),  # "hole", not "hall"
    ],
)
def test_hybrid_place(text: str, is_place: bool) -> None:
    assert bool(PLACE.search(text)) is is_place


@pytest.mark.parametrize(
    ("place", "text", "want"),
    [
        (
            "online",
            "Atualmente, os seminários são de forma online através do Google Meet",
            "online através do Google Meet",
        ),
        ("online", "Talks are held online via Zoom.", "online via Zoom"),
        ("Online", "Online (Microsoft Teams)", "Online (Microsoft Teams)"),
        ("online", "Talks are online. We use Zoom for the rest", "online"),  # another sentence
        ("Room 5", "Room 5, then Zoom", "Room 5"),  # a room is a place already
    ],
)
def test_with_platform(place: str, text: str, want: str) -> None:
    assert _with_platform(place, text) == want


# --------------------------------------------------------------------------- year headings


def test_year_heading_beats_the_talk_before() -> None:
    ctx = PageContext("https://example.org/talks/", None, 2026)
    update_context(ctx, [_line("2021", index=0, heading=2)])
    ctx.previous = date(2021, 10, 2)  # the talk above, later in the year: newest first
    assert parse_line(_line("February 22", index=1), ctx).day == date(2021, 2, 22)


def test_without_year_heading_dates_follow_the_talk_before() -> None:
    ctx = PageContext("https://example.org/seminar/", None, 2021)
    ctx.previous = date(2021, 10, 2)  # a list that crosses New Year
    assert parse_line(_line("February 22", index=1), ctx).day == date(2022, 2, 22)


def test_a_term_heading_is_no_bare_year() -> None:
    ctx = PageContext("https://example.org/seminar/", None, 2026)
    update_context(ctx, [_line("Seminar 2021", index=0, heading=2)])
    assert not ctx.year_heading
