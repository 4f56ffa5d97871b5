"""Round-9 rules for anchors, record grouping, sessions and the page-level judgement: linked
cards and dated cards as the last resort of a talks page; one title given at several dated
venues is one talk per delivery; a timed session listing its talks by title alone; a talk
that takes its day from above is no day heading; a venue with a phone number is no talk.
Pages here are written for the test; every name, title and place is made up."""

from __future__ import annotations

import pytest
from heuristic_support import page_lines_of

from parsers.base import Context
from parsers.common import html
from parsers.heuristic import extract
from parsers.heuristic.agenda_days import without_day_headings
from parsers.heuristic.cards import card_anchors
from parsers.talk import Speaker, Talk

URL = "https://x.example/"
TITLES = [
    "Sparse orbits of folded lattices",
    "Quiet channels in noisy meshes",
    "A census of paper boats",
    "Learning to sort pebbles",
]


def _talks(body: str, title: str = "Talks", url: str = URL) -> list[Talk]:
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    return extract.parse(html.load(page, url), Context(url=url)).talks


# --------------------------------------------------------------------------- cards


def _linked_cards(extras: list[str]) -> str:
    """A grid whose every card is one link around blocks (the whole card clickable)."""
    return (
        "<section class='grid'>"
        + "".join(
            f"<a href='/s/{k}/' class='card'><div class='body'><div class='t'>{t}</div>"
            f"<div class='meta'>{extra}</div></div></a>"
            for k, (t, extra) in enumerate(zip(TITLES, extras, strict=True))
        )
        + "</section>"
    )


DATES = ["2025-05-29", "2025-05-22", "2025-05-12", "2025-05-08"]


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # linked cards that date themselves and name nobody: a series page's titles and days
        (_linked_cards([f"posted {d}" for d in DATES]), 4),
        # the same as list items with a bold title and a written date
        (
            "<ul>"
            + "".join(
                f"<li class='e'><b>{t}</b> <span>{d} March 2024</span></li>"
                for t, d in zip(TITLES, [3, 10, 17, 24], strict=True)
            )
            + "</ul>",
            4,
        ),
        # negative rows: undated cards naming nobody (a list of formats); inline links only
        (_linked_cards(["Thirty minutes each."] * 3 + ["All welcome."]), 0),
        ("<p>" + " ".join(f"<a href='/t{k}'>{t}</a>" for k, t in enumerate(TITLES)) + "</p>", 0),
    ],
)
def test_cards_may_be_links_and_may_be_dated_instead_of_named(body: str, count: int) -> None:
    assert len(card_anchors(page_lines_of(body), owned=False)) == count


# --------------------------------------------------------------------------- deliveries


@pytest.mark.parametrize(
    "body",
    [
        "<ul><li>Sparse Orbits<br>(3 May 2025) Acme Univ<br>(9 June 2025) Eastvale Lab</li>"
        "<li>Quiet Channels<br>(2 April 2025) Westfield College</li></ul>",
        "<p>Sparse Orbits<br>Acme Univ, 3 May 2025.<br>Eastvale Lab, 9 June 2025.</p>"
        "<p>Quiet Channels<br>Westfield College, 2 April 2025.</p>",
    ],
)
def test_one_title_at_several_dated_venues_is_one_talk_per_delivery(body: str) -> None:
    talks = _talks(body, "Talks - Mira Quint", "https://mquint.example.io/talks/")
    assert [(t.title, (t.starts_at or "")[:10]) for t in talks] == [
        ("Sparse Orbits", "2025-05-03"),
        ("Sparse Orbits", "2025-06-09"),
        ("Quiet Channels", "2025-04-02"),
    ]


def test_timed_lines_under_a_title_are_no_deliveries() -> None:
    """Negative row: a title over timed lines is an agenda, never one talk's deliveries."""
    body = (
        "<p>Workshop day<br>3 May 2025, 10:00 Ana Ruiz: Folded lattices<br>"
        "3 May 2025, 11:00 Ben Okafor: Paper boats</p>"
    )
    titles = [t.title for t in _talks(body, "Programme")]
    assert titles.count("Workshop day") <= 1


# --------------------------------------------------------------------------- title-only sessions

PAPERS = ["Horizontal folding of paper meshes", "Out of the box: case of pebbles"]


def _session_table(papers: list[str], name: str = "Resource juggling") -> str:
    return (
        "<h3>Thu Nov 20 2025</h3><table>"
        "<tr><td>09:00</td><td>Keynote: Quiet channels in noisy meshes by Ana Ruiz</td></tr>"
        f"<tr><td>10:00</td><td><table><tr><td><div>{name}</div></td><td><div>"
        + "".join(f"<div><a>{p}</a></div>" for p in papers)
        + "</div></td></tr></table></td></tr>"
        "<tr><td>11:00</td><td>Keynote: A census of paper boats by Ben Okafor</td></tr>"
        "<tr><td>13:30</td><td>Keynote: Learning to sort pebbles by Cara Lind</td></tr></table>"
    )


def _session_list(papers: list[str], name: str = "Resource juggling") -> str:
    return (
        "<h3>Thu Nov 20 2025</h3><ul>"
        "<li><span>09:00</span> <div>Keynote: Quiet channels in noisy meshes by Ana Ruiz</div></li>"
        f"<li><span>10:00</span><p>{name}</p><section>"
        + "".join(f"<p>{p}</p>" for p in papers)
        + "</section></li>"
        "<li><span>11:00</span> <div>Keynote: A census of paper boats by Ben Okafor</div></li>"
        "<li><span>13:30</span> <div>Keynote: Learning to sort pebbles by Cara Lind</div></li></ul>"
    )


@pytest.mark.parametrize("build", [_session_table, _session_list])
def test_a_session_listing_titles_alone_gives_one_talk_per_title(build) -> None:
    talks = _talks(build(PAPERS), "Workshop programme")
    by_title = {t.title: t for t in talks}
    assert set(PAPERS) <= set(by_title)
    assert by_title[PAPERS[0]].starts_at.startswith("2025-11-20T10:00")
    assert "T" not in (by_title[PAPERS[1]].starts_at or "")
    assert "Resource juggling" not in by_title  # the session's name is no talk


@pytest.mark.parametrize("build", [_session_table, _session_list])
def test_a_session_naming_its_speaker_is_not_cut_into_titles(build) -> None:
    """Negative row: a speaker's name beside two title-like blocks is one talk."""
    talks = _talks(build(["Jane Doe (Lund University)", PAPERS[0]]), "Workshop programme")
    assert PAPERS[0] not in {t.title for t in talks if not t.speakers}


def test_a_dated_notice_over_paragraphs_is_no_session() -> None:
    """Negative row: no slot time alone in the record, so its blocks are not titles."""
    body = (
        "<div><h4>Reading course, 28 November 2022</h4><div>"
        + "".join(f"<p>{p} for everyone in the lab</p>" for p in PAPERS)
        + "</div></div>"
        "<div><p>Talk on 5 December 2022 by Ana Ruiz: Folded lattices</p></div>"
    )
    titles = [t.title for t in _talks(body, "Seminars")]
    assert not any(t and t.startswith(PAPERS[0]) for t in titles)


# --------------------------------------------------------------------------- day headings


def _talk(title: str | None, when: str, name: str | None = None) -> Talk:
    speakers = (Speaker(name=name),) if name else ()
    return Talk(title=title, speakers=speakers, starts_at=when)


def test_a_talk_dated_from_above_is_no_day_heading() -> None:
    found = [
        (_talk("Out of the box: case of pebbles", "2025-11-20"), 5),
        (_talk("Folded lattices", "2025-11-20T11:00:00", "Ana Ruiz"), 6),
        (_talk("Paper boats", "2025-11-20T13:30:00", "Ben Okafor"), 7),
    ]
    assert len(without_day_headings(found, frozenset({5}))) == 3
    # negative row: the same line printing its own date heads the day's agenda
    assert len(without_day_headings(found)) == 2


# --------------------------------------------------------------------------- venue listings


@pytest.mark.parametrize(
    "body",
    [
        "<h1>Colloquium</h1><h3>Useful addresses</h3><ul>"
        "<li>The Blue Pot, where lunch is served on Friday 22 November 2024: 12 Elm Road; "
        "418 555-0142</li>"
        "<li>Chez Nous, dinner on Friday 22 November 2024 (19h30): 9 Oak Street; 418 555-0177</li>"
        "<li>Pizza Corner, lunch on Saturday 23 November 2024: 4 Pine Lane; 418 555-0190</li></ul>",
        "<h1>Colloquium</h1><table>"
        "<tr><td>22 November 2024</td><td>Hotel Aurore, 3 Rue Basse, tel. 01 23 45 67 89</td></tr>"
        "<tr><td>23 November 2024</td><td>Hotel Brume, 8 Rue Haute, tel. 01 98 76 54 32</td></tr>"
        "<tr><td>24 November 2024</td><td>Hotel Ciel, 5 Rue Neuve, tel. 01 11 22 33 44</td></tr>"
        "</table>",
    ],
)
def test_venues_with_phone_numbers_are_no_talks(body: str) -> None:
    assert _talks(body, "Colloquium") == []


def test_numbers_in_a_talk_are_no_phone() -> None:
    """Negative row: a dotted number, a year range and a count in talks are kept."""
    body = (
        "<ul>"
        + "".join(
            f"<li>{d} March 2024: Ana Ruiz (Lund), {t}</li>"
            for d, t in [
                (3, "Notes on item 2305.12345 and 1999-2004 data"),
                (10, "Counting 12 456 pebbles in 2024-2025, twice"),
                (17, "A census of paper boats"),
            ]
        )
        + "</ul>"
    )
    assert len(_talks(body, "Seminar")) == 3
