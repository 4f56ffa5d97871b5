"""Round-5 name rules, table-driven with negative rows (invented strings throughout).

Author lists with a presenter mark ("*", "†") after a name or its bracketed affiliation, an
"&"/"and" inside an affiliation's brackets of a ";"-separated list, a last bracket a cell cut
off; abstract nouns ("Segmentation", "Robustness") as no name parts; a speaker after the last
dash of a line beating an earlier colon; a Korean or spaced CJK name in that slot.
"""

from __future__ import annotations

import pytest

from parsers.common.name_lists import split_list, tidy
from parsers.common.name_shapes import korean_name
from parsers.common.people import looks_like_person, people_in, speaker_and_title, split_speakers


def _pairs(speakers) -> list[tuple[str, str | None]]:
    return [(s.name, s.affiliation) for s in speakers]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a presenter mark after the bracket, after the name, or "†"
        (
            "Ann Lee (Some University)*; Bo Chen (Other Institute)",
            [("Ann Lee", "Some University"), ("Bo Chen", "Other Institute")],
        ),
        (
            "Ann Lee*, Bo Chen and Cy Park",
            [("Ann Lee", None), ("Bo Chen", None), ("Cy Park", None)],
        ),
        ("Ann Lee† (Some University)", [("Ann Lee", "Some University")]),
        # "&" and "and" inside an affiliation do not split the speaker
        (
            "Ann Lee (Some University); Bo Chen (North College & South Institute); Cy Park (X Lab)",
            [
                ("Ann Lee", "Some University"),
                ("Bo Chen", "North College & South Institute"),
                ("Cy Park", "X Lab"),
            ],
        ),
        (
            "Dana Roth (Lake University and Hill Institute) and Eli Vance (Bay College)",
            [("Dana Roth", "Lake University and Hill Institute"), ("Eli Vance", "Bay College")],
        ),
        # the last bracket of a cut-off cell
        (
            "Ann Lee (Some University); Bo Chen (Other Institute",
            [
                ("Ann Lee", "Some University"),
                ("Bo Chen", "Other Institute"),
            ],
        ),
        ("Bo Chen (Other Institute", [("Bo Chen", "Other Institute")]),
        # negative rows: a title is no author list, marks or brackets notwithstanding
        ("Robust Estimation (Part 2)*", []),
        ("Graph Learning (an overview", []),
        ("Semantic Segmentation; Instance Segmentation", []),
    ],
)
def test_author_lists(text: str, want: list) -> None:
    assert _pairs(people_in(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Ann Lee (X)*; Bo Chen", "Ann Lee (X); Bo Chen"),
        ("Ann Lee*", "Ann Lee"),
        ("Bo Chen (Other Institute", "Bo Chen (Other Institute)"),
        ("加藤 祥（某大学） 💻", "加藤 祥(某大学)"),
        ("Ann Lee (Lab) (Some Univ", "Ann Lee (Lab) (Some Univ)"),
        # negative rows: an asterisk not set right after a word, a balanced or wordless bracket
        ("Title * Note", "Title * Note"),
        ("Ann Lee (X) (Y", "Ann Lee (X) (Y"),
        ("Ann Lee (X)", "Ann Lee (X)"),
        ("Talk (2", "Talk (2"),
        ("a) first b) second", "a) first b) second"),
    ],
)
def test_tidy(text: str, want: str) -> None:
    assert tidy(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Ann Lee (X & Y); Bo Chen", ["Ann Lee (X & Y)", "Bo Chen"]),
        ("Ann Lee [X and Y] and Bo Chen", ["Ann Lee [X and Y]", "Bo Chen"]),
        ("Ann Lee & Bo Chen", ["Ann Lee", "Bo Chen"]),
        # negative row: no separator outside the brackets
        ("Ann Lee (X; Y and Z)", ["Ann Lee (X; Y and Z)"]),
    ],
)
def test_split_list_outside_brackets(text: str, want: list[str]) -> None:
    assert split_list(text) == want


def test_split_speakers_keeps_bracketed_and() -> None:
    assert _pairs(split_speakers("Ann Lee (North College & South Institute)")) == [
        ("Ann Lee", "North College & South Institute")
    ]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Clement Vance", True),  # "-ment" after a short stem: a given name
        ("Luca Tassion", True),  # "-sion" after a short stem
        ("Youness Amrani", True),  # "-ness" after a short stem
        ("Rosa Fairness", True),  # too short a stem to be sure
        # negative rows: abstract nouns of titles
        ("Semantic Segmentation", False),
        ("Robust Estimation", False),
        ("Adversarial Robustness", False),
        ("Algebraic Topologies", False),
        ("Spectral Statistics", False),
        ("Sparse Embeddings Commitments", False),
    ],
)
def test_noun_suffix_words(text: str, person: bool) -> None:
    assert looks_like_person(text) is person


@pytest.mark.parametrize(
    ("text", "title", "speakers"),
    [
        (
            "Learning from Satellites: Scene Segmentation, Fast Alignment (slides) — Ana Duarte",
            "Learning from Satellites: Scene Segmentation, Fast Alignment (slides)",
            ["Ana Duarte"],
        ),
        (
            "Sheaves on Graphs: an Introduction – Tom Berg",
            "Sheaves on Graphs: an Introduction",
            [
                "Tom Berg",
            ],
        ),
        (
            "[Meetup 2019] 그래프 신경망 입문 - 김민수",
            "[Meetup 2019] 그래프 신경망 입문",
            ["김민수"],
        ),
        ("분산 시스템 설계 - 남궁민", "분산 시스템 설계", ["남궁민"]),
        ("Corpus tools for dialects - 加藤 祥", "Corpus tools for dialects", ["加藤 祥"]),
        # negative rows: a person leads the line; a title word or no name after the dash
        ("Jane Doe - Title of the Talk - Bo Li", "Title of the Talk - Bo Li", ["Jane Doe"]),
        ("딥러닝 기초 - 이론", "딥러닝 기초 - 이론", []),
        ("Graph Theory: Old and New - Part Two", "Graph Theory: Old and New - Part Two", []),
        ("Workshop on Flows - 세미나", "Workshop on Flows - 세미나", []),
    ],
)
def test_speaker_after_last_dash(text: str, title: str, speakers: list[str]) -> None:
    got_title, got = speaker_and_title(text)
    assert (got_title, [s.name for s in got]) == (title, speakers)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("김민수", True),
        ("이영", True),
        ("남궁민", True),  # a two-syllable surname
        ("황보지훈", True),
        # negative rows: title words that start like a surname, a non-surname start, length
        ("이론", False),
        ("최적화", False),
        ("세미나", False),
        ("그래프", False),
        ("김", False),
        ("김민수민수", False),
        ("Kim Minsu", False),
    ],
)
def test_korean_name(text: str, name: bool) -> None:
    assert korean_name(text) is name
