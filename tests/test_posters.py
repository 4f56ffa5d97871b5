"""A poster is not a talk, whichever stage reads the list: the heuristic's entries and the
Hugo Academic platform share `vocab.POSTER_LEAD` (a "[poster] Title" item of a talks list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.chain import parse_document
from parsers.common.vocab import POSTER_LEAD

CARD = Path(__file__).parent / "fixtures" / "generic" / "personal-hugo-card"
URL = "https://okonkwo.example.org/talk/"


def _titles(page: str) -> list[str | None]:
    result = parse_document(page.encode(), URL)
    assert result.parser == "hugo_academic"
    return [talk.title for talk in result.talks]


def test_a_poster_item_of_a_hugo_talk_list_is_dropped() -> None:
    page = (CARD / "page.html").read_text("utf-8")
    assert _titles(page) == ["Sparse flows on random graphs", "Mixing times, a tutorial"]
    tagged = page.replace("Mixing times, a tutorial", "[poster] Mixing times, a tutorial")
    assert _titles(tagged) == ["Sparse flows on random graphs"]


@pytest.mark.parametrize(
    ("text", "poster"),
    [
        ("[poster] Mixing times", True),
        ("Poster at the Spring Meeting, Lyon", True),
        ("Affiche au colloque de Nancy", True),
        ("Poster presented at ICML", True),
        ("Posterior sampling at scale", False),  # a word that only starts like one
        ("Mixing times [poster]", False),  # a trailing tag is patterns.POSTER_TAG's
        ("Posters and pitfalls in peer review", False),
    ],
)
def test_poster_lead(text: str, poster: bool) -> None:
    assert bool(POSTER_LEAD.match(text)) is poster
