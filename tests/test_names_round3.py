"""Names and owners, round 3: the shapes behind the misses on the third blind round.

Decisions pinned here (every string below is made up):
- a CJK name "Surname Given" is a person when the page gives its affiliation in brackets
  ("山田 一郎 (北海大)"), alone or in a list joined by ", ", "," with no space, or "、", with
  half- or full-width brackets; written without the space ("西村光太") only beside a surer name
  in the same list; a trailing marker symbol ("💻") is no part of a name; "(所属なし)" says
  "no affiliation";
- a site title ("X's Homepage", "… Website", "My Blog") and a lab, team or event name
  ("Axe …", "Équipe …", "Journées …") is no person, so no owner and no speaker;
- "Séminaires extérieurs/internes", "Invited seminars" are the owner's own talks on a page whose
  `<title>` is one person's name, and a series elsewhere;
- "Name (Affiliation), Title" vouches for a name typed with a lower-case part;
- an iCalendar SUMMARY read whole as a person who is not DESCRIPTION's speaker is the title.
"""

from __future__ import annotations

import pytest

from parsers.common import html
from parsers.common.owner import page_owner, personal_talks_page
from parsers.common.people import looks_like_person, people_in, speaker_and_title
from parsers.markup.ical_fields import title_and_speakers
from parsers.talk import Speaker

CJK_LISTS = [
    ("山田 一郎 (北海大)", [("山田 一郎", "北海大")]),
    ("森 花子（言語研）", [("森 花子", "言語研")]),
    ("長谷川 美穂 (文献館)  💻 ", [("長谷川 美穂", "文献館")]),
    (
        "山田 一郎 (北海大), 森 花子 (言語研), 池田 真 (東洋工大)",
        [("山田 一郎", "北海大"), ("森 花子", "言語研"), ("池田 真", "東洋工大")],
    ),
    (
        "崔 民俊 (ソウル工大),陳 小雨（台北科大）",
        [("崔 民俊", "ソウル工大"), ("陳 小雨", "台北科大")],
    ),
    ("藤井 薫（地理院）、高木 智子（地理院）", [("藤井 薫", "地理院"), ("高木 智子", "地理院")]),
    (
        "Maria Lindqvist (Nordic AI), 崔 民俊 (ソウル工大)",
        [("Maria Lindqvist", "Nordic AI"), ("崔 民俊", "ソウル工大")],
    ),
    (
        "西村光太 (東洋工大), 池田 真 (東洋工大)",
        [("西村光太", "東洋工大"), ("池田 真", "東洋工大")],
    ),
    ("池田 真 (東洋工大), 岡 ゆり (所属なし) 💻", [("池田 真", "東洋工大"), ("岡 ゆり", None)]),
    ("Jane Doe (MIT) 🎤", [("Jane Doe", "MIT")]),
]


@pytest.mark.parametrize(("text", "expected"), CJK_LISTS)
def test_cjk_presenter_lists(text: str, expected: list) -> None:
    assert [(s.name, s.affiliation) for s in people_in(text)] == expected


NOT_CJK_PEOPLE = [
    "山田 一郎",  # no bracketed affiliation: nothing vouches for the CJK word
    "深層学習 (入門)",  # one word, alone
    "深層学習 (入門), 機械学習 (基礎)",  # unspaced words with no surer name beside them
    "東京 大学 (本郷)",  # an institution word
    "座長: 河原 大輔 (早大)",  # a chair label before the name
    "方言音声コーパスの設計と公開",
]


@pytest.mark.parametrize("text", NOT_CJK_PEOPLE)
def test_cjk_texts_that_are_no_people(text: str) -> None:
    assert people_in(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "RKT’s Homepage",
        "Jane Doe's Website",
        "Jane Doe Blog",
        "Personal Website",
        "My Blog",
        "Axe Calcul Scientifique",
        "Équipe Données Massives",
        "Journées Nationales du Calcul",
        "Colloque Annuel",
        "Rencontre Data-Sud",
        "GT Modélisation du Son",
    ],
)
def test_site_lab_and_event_names_are_no_people(text: str) -> None:
    assert not looks_like_person(text)
    assert people_in(text) == []


@pytest.mark.parametrize(
    "text", ["Jane Doe", "Claire M. Dubreuil", "Seán O'Sullivan", "Vita Kowalska", "Larry Page"]
)
def test_names_still_people(text: str) -> None:
    assert looks_like_person(text)


LOWER_CASE_SURNAME = [
    ("Alexis marchetti (CFM), Order flow in thin markets", "Order flow in thin markets",
     [("Alexis marchetti", "CFM")]),
    ("Jean-luc moreau (CNRS): Un titre de plus", "Un titre de plus", [("Jean-luc moreau", "CNRS")]),
    # the shape also vouches for an affiliation with "and" in it, which a list split would cut
    ("Ravi Menon (CNRS and Tata Institute, Pune) - Zeros of L-functions", "Zeros of L-functions",
     [("Ravi Menon", "CNRS and Tata Institute, Pune")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "title", "people"), LOWER_CASE_SURNAME)
def test_lower_case_surname_in_the_name_affiliation_title_shape(
    text: str, title: str, people: list
) -> None:
    found_title, found = speaker_and_title(text)
    assert found_title == title
    assert [(s.name, s.affiliation) for s in found] == people


@pytest.mark.parametrize(
    "text",
    [
        "Happy hour (Bar), drinks and food",
        "Spectral clustering (Part two), again",
        "Machine learning (part 1), basics",
        "Coffee break (Hall A), then posters",
        "Title words (Jane doe)",  # only the leading shape vouches
        "Alexis marchetti, Order flow in thin markets",  # no bracketed affiliation
    ],
)
def test_lower_case_words_not_taken_for_names(text: str) -> None:
    assert speaker_and_title(text)[1] == []


def test_two_word_summary_is_the_title_when_description_names_someone_else() -> None:
    title, speakers = title_and_speakers(
        "Grad Mixer", "Speaker: Dr. Jane Doe\nAffiliation: Graduate Office", frozenset()
    )
    assert title == "Grad Mixer"
    assert speakers == [Speaker("Jane Doe", "Graduate Office")]


def test_summary_naming_the_described_speaker_differently_is_no_title() -> None:
    title, speakers = title_and_speakers("J. Doe", "Speaker: Jane Doe (MIT)", frozenset())
    assert title is None
    assert speakers == [Speaker("Jane Doe", "MIT")]


def test_summary_with_speaker_and_title_keeps_its_split() -> None:
    title, speakers = title_and_speakers(
        "Jane Doe: Sparse recovery", "Speaker: Jane Doe (MIT)", frozenset()
    )
    assert (title, speakers) == ("Sparse recovery", [Speaker("Jane Doe", "MIT")])


def _page(title: str, heading: str) -> html.HtmlElement:
    return html.load(
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
        f"<h2>{heading}</h2><ul><li>x</li></ul></body></html>",
        "x",
    )


@pytest.mark.parametrize(
    ("title", "heading", "personal"),
    [
        ("Claire M. Dubreuil", "Séminaires extérieurs", True),
        ("Claire M. Dubreuil", "Séminaires internes", True),
        ("Claire M. Dubreuil", "Invited seminars", True),
        ("Claire M. Dubreuil", "Talks", True),
        ("Claire M. Dubreuil", "Séminaires", False),  # unqualified: seminars she may organise
        ("Claire M. Dubreuil", "Séminaires organisés", False),
        ("Équipe Données Massives", "Séminaires internes", False),  # a lab's own series
        ("Internal seminars | Vision Lab", "Internal seminars", False),
    ],
)
def test_qualified_seminars_heading_on_a_personal_site(
    title: str, heading: str, personal: bool
) -> None:
    assert personal_talks_page(_page(title, heading)) is personal


def test_possessive_site_title_is_no_owner() -> None:
    root = html.load(
        "<html><head><title>Talks - RKT’s Homepage</title></head><body>"
        '<a class="site-title" href="/">RKT’s Homepage</a><h1>Talks</h1></body></html>',
        "x",
    )
    assert page_owner(root) is None
