"""Round-8 name, page-owner and calendar rules, table-driven with negative rows (invented
strings only).

A speaker line in dot-separated fields ("Name (name in another script) · Affiliation ·
Position"); a second full personal name after a comma is a second person; a dash left before
a bracket ends no name; "Title by Name"; a weekday left before a colon once a date is read; a
name in an author block typed with a lower-case part; institution words by stem. The page
owner named in the page's description or in a footer's "Author:" line. Calendar SUMMARYs
opened by a bracketed series tag, DESCRIPTIONs opened by the speaker's line, and a subtitle
after a colon that reads like a name.
"""

from __future__ import annotations

import pytest

from parsers.base import Context
from parsers.common import html
from parsers.common.name_shapes import credit_at_end, without_day_lead
from parsers.common.owner import page_owner
from parsers.common.people import looks_like_person, people_in, speaker_and_title
from parsers.heuristic.extract import parse as heuristic_parse
from parsers.heuristic.reading import Parsed
from parsers.heuristic.speakers import speaker_lines
from parsers.markup.ical import parse_calendar
from tests.heuristic_support import URL, page_lines_of


def _pairs(speakers) -> list[tuple[str, str | None]]:
    return [(s.name, s.affiliation) for s in speakers]


# --------------------------------------------------------------------------- dotted fields


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Jane Roe (王芳) · Some University · Professor", [("Jane Roe", "Some University")]),
        ("Bo Lind (김보린) · Acme Labs · Chief Data Officer", [("Bo Lind", "Acme Labs")]),
        ("Ana Gris · Some Tech · Associate Professor", [("Ana Gris", "Some Tech")]),
        ("Jane Roe · Some University", [("Jane Roe", "Some University")]),
        # negative rows: names in every field, a date in the third field, a Latin bracket
        ("Jane Roe · Bo Lind · Ana Gris", []),
        ("Jane Roe · Some University · 3 May", []),
        ("Jane Roe (Some Lab) · Seed Banks", []),
    ],
)
def test_dotted_speaker_fields(text: str, want) -> None:
    assert _pairs(people_in(text)) == want


# --------------------------------------------------------------------------- comma lists


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Jane Roe, Bo Linden", [("Jane Roe", None), ("Bo Linden", None)]),
        ("Mara K. Holm, Tove de Wit", [("Mara K. Holm", None), ("Tove de Wit", None)]),
        # negative rows: an affiliation after the comma, however name-shaped
        ("Jane Roe, Stanford", [("Jane Roe", "Stanford")]),
        ("Jane Roe, UC Irvine", [("Jane Roe", "UC Irvine")]),
        ("Jane Roe, Johns Hopkins", [("Jane Roe", "Johns Hopkins")]),
        ("Jane Roe, Some University", [("Jane Roe", "Some University")]),
        (
            "Jane Roe, Universitat Politècnica de Valls",
            [("Jane Roe", "Universitat Politècnica de Valls")],
        ),
    ],
)
def test_second_full_name_after_a_comma(text: str, want) -> None:
    assert _pairs(people_in(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Jane Roe- (Some Lab)", [("Jane Roe", "Some Lab")]),
        ("Jane Roe – (Some Lab)", [("Jane Roe", "Some Lab")]),
        # negative row: a hyphen inside the name stays
        ("Jane Roe-Lind (Some Lab)", [("Jane Roe-Lind", "Some Lab")]),
    ],
)
def test_dash_before_the_bracket(text: str, want) -> None:
    assert _pairs(people_in(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Universitat Politècnica de Valls", False),
        ("Politechnika Some", False),
        ("Virginia Tech", False),
        # negative rows: names stay names
        ("Jane Roe", True),
        ("Ana Polit", True),
    ],
)
def test_institution_words_by_stem(text: str, want: bool) -> None:
    assert looks_like_person(text) is want


# --------------------------------------------------------------------------- title by name


@pytest.mark.parametrize(
    ("text", "title", "speakers"),
    [
        ("Seed Banks After Fire by Jane Roe", "Seed Banks After Fire", [("Jane Roe", None)]),
        ("Keynote: Seed banks: a review by Jane Roe", "Seed banks: a review", [("Jane Roe", None)]),
        ("Méthodes de graines par Jane Roe", "Méthodes de graines", [("Jane Roe", None)]),
        # negative rows: a participle before "by", a slot's lead, no person after "by"
        ("Meadow Recovery Guided by Seed Bank Links", None, []),
        ("Graines proposées par Jane Roe", None, []),
        ("Learning by Doing", None, []),
    ],
)
def test_title_by_name(text: str, title, speakers) -> None:
    found_title, people = speaker_and_title(text)
    assert _pairs(people) == speakers
    if title is not None:
        assert found_title == title


def test_credit_at_end_skips_a_slot_lead() -> None:
    assert credit_at_end("A talk by Jane Roe") is None
    assert credit_at_end("Seed Banks by Jane Roe") == ("Seed Banks", "Jane Roe")


# --------------------------------------------------------------------------- weekday lead


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Friday , : Jane Roe (Some University)", "Jane Roe (Some University)"),
        ("Thursday , (online talk): Jane Roe (Some Lab)", "Jane Roe (Some Lab)"),
        # negative rows: a label that is more than a weekday, a short form, no colon
        ("Friday Lecture: Jane Roe", "Friday Lecture: Jane Roe"),
        ("Fri: Jane Roe", "Fri: Jane Roe"),
        ("Friday Jane Roe", "Friday Jane Roe"),
    ],
)
def test_without_day_lead(text: str, want: str) -> None:
    assert without_day_lead(text) == want


@pytest.mark.parametrize(
    "body",
    [
        # a list item and a card of paragraphs, each opening with the date line
        "<ul>{}</ul>".format(
            "".join(
                f"<li>{day} ({mon} {d}, 2030), 3-4 pm: <a href='/p'>{who}</a> (Some University)"
                f"<br><strong>{title}</strong></li>"
                for day, mon, d, who, title in [
                    ("Thursday", "May", 2, "Jane Roe", "Seed banks after fire"),
                    ("Friday", "May", 10, "Bo Lind", "Lichen cover in meadows"),
                    ("Thursday", "May", 16, "Ana Gris", "Pollinators of alpine plants"),
                ]
            )
        ),
        "".join(
            f"<div class='card'><p>{day} ({mon} {d}, 2030), 3-4 pm: <a href='/p'>{who}</a>"
            f" (Some University)</p><p><strong>{title}</strong></p></div>"
            for day, mon, d, who, title in [
                ("Thursday", "May", 2, "Jane Roe", "Seed banks after fire"),
                ("Friday", "May", 10, "Bo Lind", "Lichen cover in meadows"),
                ("Thursday", "May", 16, "Ana Gris", "Pollinators of alpine plants"),
            ]
        ),
    ],
)
def test_speaker_after_a_weekday_lead_on_a_page(body: str) -> None:
    page = f"<html><head><title>Seminar</title></head><body><h1>Seminar</h1>{body}</body></html>"
    talks = heuristic_parse(html.load(page, URL), Context(url=URL)).talks
    assert [_pairs(t.speakers) for t in talks] == [
        [("Jane Roe", "Some University")],
        [("Bo Lind", "Some University")],
        [("Ana Gris", "Some University")],
    ]


# --------------------------------------------------------------------------- author blocks


@pytest.mark.parametrize(
    ("snippet", "want"),
    [
        ('<div class="listing-author">Ana Ruiz-garcía</div>', [("Ana Ruiz-garcía", None)]),
        ('<ul><li class="post-author">Ana Ruiz-garcía</li></ul>', [("Ana Ruiz-garcía", None)]),
        # negative rows: no author block; an author block holding a title's compound
        ('<p class="summary">Ana Ruiz-garcía</p>', []),
        ('<div class="listing-author">Self-supervised Seed Models</div>', []),
    ],
)
def test_author_block_name_with_a_lower_case_part(snippet: str, want) -> None:
    (line,) = page_lines_of(snippet)
    assert _pairs(speaker_lines([Parsed(line, rest=line.text)])) == want


# --------------------------------------------------------------------------- page owner


def _owner(head: str = "", footer: str = "") -> str | None:
    page = (
        f"<html><head><title>Talks</title>{head}</head><body><main><h1>Talks</h1></main>"
        f"<footer>{footer}</footer></body></html>"
    )
    found = page_owner(html.load(page, URL))
    return found.name if found else None


@pytest.mark.parametrize(
    ("head", "want"),
    [
        ('<meta name="description" content="List of talks by Jane Roe-Lind">', "Jane Roe-Lind"),
        ('<meta property="og:description" content="Jane Roe\'s talks and slides.">', "Jane Roe"),
        ('<meta name="description" content="Homepage of Dr. Jane Roe. Talks.">', "Jane Roe"),
        # negative rows: a description naming nobody, or a group
        ('<meta name="description" content="Slides and videos of my talks">', None),
        ('<meta name="description" content="Talks given by members of the group">', None),
    ],
)
def test_owner_in_the_description(head: str, want) -> None:
    assert _owner(head=head) == want


@pytest.mark.parametrize(
    ("footer", "want"),
    [
        ("<p>Follow via RSS</p><p>Author: Jane Roe <a href='/t'>@jroe</a></p>", "Jane Roe"),
        ("<div><a href='/feed'>RSS</a>Maintained by Jane Roe.</div>", "Jane Roe"),
        # negative rows: the theme's authors, a credit naming no person
        ("<p>Subscribe</p><p>Authors of the theme thank you</p>", None),
        ("<p>Subscribe</p><p>Author: Some Theme Team</p>", None),
    ],
)
def test_owner_in_a_footer_author_line(footer: str, want) -> None:
    assert _owner(footer=footer) == want


# --------------------------------------------------------------------------- calendar feeds


FEED_URL = "https://x.example/feed.ics"


def _talks(*events: str, name: str = "Some Institute Colloquium (Fall)"):
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    feed = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:{name}\r\n{body}END:VCALENDAR\r\n"
    return parse_calendar(feed.encode(), Context(url=FEED_URL)).talks


def _event(summary: str, description: str = "", uid: str = "u") -> str:
    text = f"UID:{uid}\r\nSUMMARY:{summary}\r\nDTSTART:20300101T120000Z\r\nDTEND:20300101T130000Z"
    return text + (f"\r\nDESCRIPTION:{description}" if description else "")


@pytest.mark.parametrize(
    ("summary", "description", "title", "speakers"),
    [
        (
            "[Some Colloquium] Seed Banks After Fire",
            "Jane Roe (王芳) · Some University · Professor\\nhttps://x.example/t1",
            "Seed Banks After Fire",
            [("Jane Roe", "Some University")],
        ),
        (
            "[Online] Lichen cover: trends\\, causes",
            "Bo Lind (Acme Labs)\\nAbstract text.",
            "Lichen cover: trends, causes",
            [("Bo Lind", "Acme Labs")],
        ),
        (
            "[Some Colloquium] Meadow Maps: Evolving Seeds\\, Transforming Soils",
            "Ana Gris · Acme Labs · Fellow",
            "Meadow Maps: Evolving Seeds, Transforming Soils",
            [("Ana Gris", "Acme Labs")],
        ),
        # negative rows: a tag that names no series stays; a bare name opening DESCRIPTION
        # (a host's, perhaps) names no speaker; a labelled line is read as before
        ("[Draft] Seed Banks After Fire", "", "[Draft] Seed Banks After Fire", []),
        ("Seed Banks After Fire", "Jane Roe\\nHosted here.", "Seed Banks After Fire", []),
        ("Seed Banks After Fire", "Host: Bo Lind (Acme Labs)", "Seed Banks After Fire", []),
    ],
)
def test_tagged_summary_and_speaker_line(summary, description, title, speakers) -> None:
    (talk,) = _talks(_event(summary, description))
    assert talk.title == title
    assert _pairs(talk.speakers) == speakers
