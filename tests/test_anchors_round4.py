"""Anchors and the talk judge (issue 10, round 4): long lines that are still entries, entries
dated by a year or not at all, and what a page's judge keeps. Pages here are written for
the test; every name and title is made up."""

from __future__ import annotations

import pytest
from heuristic_support import anchor_texts, page_lines_of

from parsers.base import Context
from parsers.common import html
from parsers.heuristic import extract
from parsers.heuristic.anchors import (
    _date_closes_entry,
    _prose,
    citation_title,
    month_only,
    year_only,
)
from parsers.heuristic.entries import bold_lead, cited_year, media_headings, starts_with_clock
from parsers.heuristic.lines import Line
from parsers.heuristic.reading import PageContext

PROBE = PageContext("https://x.example/", None, 2021, day_first=False)


def _lines(body: str, title: str = "Talks") -> list[Line]:
    return page_lines_of(body, title)


def _parse(body: str, title: str, url: str):
    head = f"<html lang='en'><head><title>{title}</title></head>"
    page = f"{head}<body><main>{body}</main></body></html>"
    return extract.parse(html.load(page, url), Context(url=url))


def _anchored(body: str, year_groups: bool = True, title: str = "Talks") -> list[str]:
    return [a[0] for a in anchor_texts(body, PROBE, year_groups=year_groups, title=title)]


# --------------------------------------------------------------------------- prose or entry

LONG = "a long account of the ranking models we trained on logged clicks over many weeks"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (f"<p>13:15 - 14:00 Keynote: {LONG}</p>", True),
        (f"<li>• 9:30 {LONG}</li>", True),
        # negative rows: a time inside a sentence, a date first
        (f"<p>The session runs from 13:15 to 14:00 with {LONG}</p>", False),
        (f"<p>5 May 2021 {LONG}</p>", False),
    ],
)
def test_starts_with_clock(markup: str, expected: bool) -> None:
    assert starts_with_clock(_lines(markup)[0]) is expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (f"<ul><li><strong>Counting trees</strong> {LONG}</li></ul>", True),
        (f"<ul><li><em>Counting trees in forests</em>. {LONG}</li></ul>", True),
        # negative rows: a label, one word, a date in bold, a paragraph, nothing after it
        (f"<ul><li><strong>Please note:</strong> {LONG}</li></ul>", False),
        (f"<ul><li><b>Update</b> {LONG}</li></ul>", False),
        (f"<ul><li><b>May 2021</b> — {LONG}</li></ul>", False),
        (f"<p><strong>Counting trees</strong> {LONG}</p>", False),
        ("<ul><li><strong>Counting trees in forests</strong> (pdf)</li></ul>", False),
    ],
)
def test_bold_lead(markup: str, expected: bool) -> None:
    assert bold_lead(_lines(markup)[0]) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A small workshop for the lab, Some University. November 25th, 2020. [slides ]", True),
        ("Defense for the degree of Ph. D. 8th of February, 2019.", True),
        ("Reading group, Some Institute, March 3, 2021 [slides] [code]", True),
        ("Open problems session. Comments: to be announced. 22 agosto", True),
        # negative rows: the date inside the sentence, a year alone at the end
        ("The workshop will take place on 21 August 2018 in the main building", False),
        ("A tutorial on sampling given for the students of the school in 2019.", False),
    ],
)
def test_date_closes_entry(text: str, expected: bool) -> None:
    line = _lines(f"<p>{text}</p>")[0]
    assert _date_closes_entry(line, PROBE) is expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (f"<p>The programme runs from Monday 17 May 2021 at 10h30 and has {LONG}</p>", True),
        # negative rows: a slot, a bold-led entry, an entry that ends with its date
        (f"<p>10:30 - 11:00 Monday 17 May 2021 {LONG}</p>", False),
        (f"<ul><li><strong>Counting trees</strong> {LONG}, 17 May 2021</li></ul>", False),
        (f"<ul><li>Counting trees: {LONG}. 17th of May, 2021. [slides]</li></ul>", False),
    ],
)
def test_prose(markup: str, expected: bool) -> None:
    assert _prose(_lines(markup)[0], PROBE) is expected


# --------------------------------------------------------------------------- year only


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<ul><li>Open Source Days, Ghent - Belgium - 2021</li></ul>", True),
        ("<ul><li>Tooling Workshop, Utrecht – The Netherlands. – 2019</li></ul>", True),
        ("<ul><li>Summit on packages (VIRTUAL) - 2020 [Slides]</li></ul>", True),
        (
            "<p>Doe, Jane. (2022). Counting trees. Meeting on Woods.</p>"
            "<p>Doe, Jane, Ann Roe, and Li Wu. (2020). Leaves. Forest Days.</p>",
            True,
        ),
        # negative rows: a span of years, a year inside, a lone paragraph, city and country
        ("<ul><li>Lecturer at the summer school 2019 - 2023</li></ul>", False),
        ("<ul><li>Release notes - 2023 edition</li></ul>", False),
        ("<p>Doe, Jane. (2022). Counting trees. Meeting on Woods.</p>", False),
        ("<ul><li>Berlin, Germany (2022). A great talk</li></ul>", False),
    ],
)
def test_year_only(markup: str, expected: bool) -> None:
    assert year_only(_lines(markup)[0]) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doe, Jane. (2022). Counting trees.", True),
        ("Doe, Jane, Ann Roe, Li Wu, and Omar Haddad. (2025). Leaves.", True),
        ("Doe, J., & Roe, K. (2019). Title.", True),
        ("van Dijk, A. (2018). Titel.", True),
        # negative rows: no comma, a place, lowercase words, no full stop before the year
        ("Doe (2021). Title.", None),
        ("Talk at the institute, Boston. (2021). Title.", None),
        ("Lyon, France (2022). Title.", None),
    ],
)
def test_cited_year(text: str, expected: bool | None) -> None:
    assert (cited_year(text) is not None) is bool(expected)


@pytest.mark.parametrize(
    ("markup", "title"),
    [
        (
            "Doe, Jane. (2022). Counting trees in forests. <i>5th Meeting on Woods (MW)</i>. "
            "<a href='/s'>[Slides]</a>",
            "Counting trees in forests",
        ),
        (
            "Doe, Jane, and Li Wu. (2020). What do “or” trees say? <i>Annual Forest Days</i>.",
            "What do “or” trees say?",
        ),
        # negative rows: italics that are the title stay the title; not a citation
        (
            "Doe, J. (2015). <i>Census data, ten years on. A re-weighting</i>. Congress, Spain.",
            "Census data, ten years on. A re-weighting",
        ),
        ("Counting trees. <i>Meeting on Woods</i> (2022).", None),
    ],
)
def test_citation_title_with_venue_in_italics(markup: str, title: str | None) -> None:
    line = _lines(f"<p>{markup}</p>")[0]
    assert citation_title(line.text, line.fragments) == title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05.2024", True),
        ("(11/2023)", True),
        # negative rows: no such month, more words, year first
        ("13.2024", False),
        ("05.2024 release notes", False),
        ("2024.05", False),
    ],
)
def test_numeric_month_only(text: str, expected: bool) -> None:
    assert month_only(_lines(f"<p>{text}</p>")[0]) is expected


# --------------------------------------------------------------------------- anchors

VENUES = """<ul><li><strong>Drift in ecosystems</strong><br>the 9th International Conference
on Software Packages (ICSP) - Lisbon - 2022</li>
<li><strong>Old images</strong><br>Proceedings of the Conference on Images, pp. 1-9 - 2021</li>
</ul>"""


def test_conference_venue_is_no_publication_on_a_talks_page() -> None:
    assert len(_anchored(VENUES)) == 1  # the proceedings entry stays out
    assert _anchored(VENUES, year_groups=False) == []


PAST = """<h2>Organizers</h2><ul><li>Ruth Okonjo (Tallinn Lab)</li><li>Pavel Orlov (Lab)</li></ul>
<h2>{heading}</h2><ul><li>Marta Quiroga (Lake University): “Matching on scores”</li>
<li>Jonas Feld (Harbour College) - Negative controls in panel data</li></ul>"""


@pytest.mark.parametrize(
    ("heading", "year_groups", "count"),
    [
        ("Past seminars", True, 2),
        ("Séminaires passés", True, 2),
        # negative rows: another heading, a page that is no list of talks
        ("Members", True, 0),
        ("Past seminars", False, 0),
    ],
)
def test_past_items_are_entries(heading: str, year_groups: bool, count: int) -> None:
    assert len(_anchored(PAST.format(heading=heading), year_groups)) == count


SENTENCES = """<ul><li>Networks of trust. 20 junio. Ana Ruiz. Comenta: Luis Vera</li>
<li>Segregation and conflict. 25 julio. Ben Okafor. Comenta: Eva Lind</li>
<li>Residential density and the networks of sociability in the growing metropolis of our time.
Ponencia Carla Nuñez. Comenta: por definir 26 septiembre</li></ul>"""


def test_a_dated_sentence_among_entries_is_an_entry() -> None:
    assert len(_anchored(SENTENCES, year_groups=False)) == 3
    alone = SENTENCES.split("<li>")[3].replace("</li></ul>", "")
    assert _anchored(f"<p>{alone}</p>", year_groups=False) == []  # a paragraph alone


LISTED = """<ul><li><strong>Counting trees</strong> A talk for the lab, May 5th, 2020.</li>
<li><strong>Leaves and roots</strong> A workshop for our group of twelve students.</li>
<li><strong>Bark beetles</strong> Seminar of the forestry department, 8th of May, 2019.</li>
<li>Coffee and cake after every talk.</li></ul>"""


def test_undated_items_shaped_like_dated_ones() -> None:
    texts = _anchored(LISTED)
    assert len(texts) == 3 and not any(t.startswith("Coffee") for t in texts)
    assert len(_anchored(LISTED, year_groups=False)) == 2


def test_an_undated_entry_takes_no_date_from_the_entry_above() -> None:
    result = _parse(f"<h1>Talks</h1>{LISTED}", "Talks -- Jana Kowalczyk", "https://jk.example/")
    dates = {(t.title or "")[:12]: t.starts_at for t in result.talks}
    leaves = [v for k, v in dates.items() if k.startswith("Leaves")]
    assert leaves == [None]
    assert "2020-05-05" in dates.values()


PAPERS = """<h1>Programme</h1><p>Monday 7 June 2021</p><table>
<tr><td>14:00</td><td>Session on graphs</td></tr>
<tr><td></td><td>Ana Ruiz: Sparse cuts</td></tr>
<tr><td></td><td>Ben Okafor: Dense cores</td></tr></table>"""


def test_a_timed_session_still_dates_its_papers() -> None:
    result = _parse(PAPERS, "Programme", "https://w.example/programme.html")
    assert {t.starts_at[:10] for t in result.talks if t.starts_at} == {"2021-06-07"}


# --------------------------------------------------------------------------- recordings

VIDEO = '<h3>{title}</h3><div class="v"><iframe src="https://v.example/e/{k}"></iframe></div><hr>'
TITLES = ["Transport networks", "Contagion on temporal graphs", "Weighted percolation"]


def _videos(titles: list[str], between: str = "") -> str:
    return "".join(
        VIDEO.format(title=t, k=k).replace("</h3>", f"</h3>{between}") for k, t in enumerate(titles)
    )


@pytest.mark.parametrize(
    ("body", "count"),
    [
        (_videos(TITLES), 3),
        # negative rows: two recordings only, words between heading and video
        (_videos(TITLES[:2]), 0),
        (_videos(TITLES, "<p>Our lab at the open day.</p>"), 0),
    ],
)
def test_media_headings(body: str, count: int) -> None:
    assert len(media_headings(_lines(body))) == count


@pytest.mark.parametrize(
    ("title", "count"),
    [
        ("Seminars", 3),
        # negative row: a page that does not call itself a seminar page
        ("Gallery", 0),
    ],
)
def test_recordings_are_talks_on_a_seminar_page(title: str, count: int) -> None:
    body = f"<h1>{title}</h1>{_videos(TITLES)}"
    result = _parse(body, title, "https://lab.example.org/media/")
    assert [t.title for t in result.talks] == TITLES[:count]


# --------------------------------------------------------------------------- the judge

OWNED = """<h1>Talks</h1><ul>
<li>3 May 2022 — Ana Ruiz (Some Lab): Sparse cuts</li>
<li>9 June 2022 — Ben Okafor (Other Lab): Dense cores</li>
<li>12 July 2022 — Counting trees in forests</li></ul>"""


def test_the_owner_gives_the_entries_that_name_nobody() -> None:
    result = _parse(OWNED, "Talks -- Jana Kowalczyk", "https://jk.example.org/talks.html")
    names = {t.starts_at[:10]: [s.name for s in t.speakers] for t in result.talks}
    assert names.get("2022-07-12") == ["Jana Kowalczyk"]
    seminar = _parse(OWNED, "Forest Seminar", "https://forest.example.org/seminar.html")
    assert "2022-07-12" not in {t.starts_at[:10] for t in seminar.talks}  # no owner: dropped
