"""The structured-data stage: schema.org Events in JSON-LD, microdata and RDFa."""

from __future__ import annotations

import json

import pytest

from parsers import parse_document
from parsers.base import Context
from parsers.common import html
from parsers.markup.structured import detect, parse

URL = "https://example.org/events/"


def page(*scripts: str, body: str = "<p>Events</p>") -> str:
    blocks = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return f"<html><head><title>Events</title>{blocks}</head><body>{body}</body></html>"


def run(markup: str):
    root = html.load(markup, URL)
    return parse(root, Context(url=URL))


def event(**fields) -> str:
    return json.dumps({"@context": "https://schema.org", "@type": "Event", **fields})


def test_event_fields() -> None:
    result = run(
        page(
            event(
                name="Sphere packings",
                startDate="2024-10-14T14:00:00-04:00",
                endDate="2024-10-14T15:00:00-04:00",
                performer={"@type": "Person", "name": "Maryna Viazovska"},
                location={"@type": "Place", "name": "Hall 101"},
                url="/events/1",
                eventStatus="https://schema.org/EventCancelled",
                description="Abstract text.",
            )
        )
    )
    [talk] = result.talks
    assert talk.title == "Sphere packings"
    assert [s.name for s in talk.speakers] == ["Maryna Viazovska"]
    assert (talk.starts_at, talk.ends_at) == (
        "2024-10-14T14:00:00-04:00",
        "2024-10-14T15:00:00-04:00",
    )
    assert talk.location == "Hall 101"
    assert talk.url == "https://example.org/events/1"
    assert talk.status == "cancelled"
    assert talk.abstract == "Abstract text."
    assert talk.extracted_by == "structured"
    assert result.confidence >= 0.9


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("EventPostponed", "postponed"),
        ("https://schema.org/EventScheduled", "scheduled"),
        ("EventRescheduled", "scheduled"),
        (None, "scheduled"),
    ],
)
def test_event_status(status: str | None, expected: str) -> None:
    fields = {"name": "T", "startDate": "2024-01-01", "performer": "Jane Doe"}
    if status:
        fields["eventStatus"] = status
    assert run(page(event(**fields))).talks[0].status == expected


def test_name_packing_speaker_and_title_is_split() -> None:
    [talk] = run(
        page(event(name="Terence Tao: Machine assisted proof", startDate="2024-11-04"))
    ).talks
    assert talk.title == "Machine assisted proof"
    assert [s.name for s in talk.speakers] == ["Terence Tao"]


def test_nested_graph_item_list_and_subevents() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "ItemList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "item": {"@type": "EducationEvent", "name": "A", "startDate": "2024-01-02"},
                    }
                ],
            },
            {
                "@type": "EventSeries",
                "name": "Series",
                "subEvent": [{"@type": "Event", "name": "B", "startDate": "2024-01-03"}],
            },
            {"@type": "Organization", "name": "Not an event"},
        ],
    }
    assert [t.title for t in run(page(json.dumps(data))).talks] == ["A", "B"]


def test_malformed_json_ld_is_skipped_with_a_warning() -> None:
    result = run(
        page(
            '{"@type": "Event", "name": "x", "startDate": 2024-01-01,,,}',
            event(name="Kept", startDate="2024-02-08"),
        )
    )
    assert [t.title for t in result.talks] == ["Kept"]
    assert any("malformed JSON-LD" in w for w in result.warnings)


def test_lenient_json_with_comments_and_trailing_commas() -> None:
    text = '// cms comment\n{"@type": "Event", "name": "Lenient", "startDate": "2024-02-08",}'
    assert [t.title for t in run(page(text)).talks] == ["Lenient"]


def test_microdata_event() -> None:
    body = (
        '<div itemscope itemtype="https://schema.org/Event"><h2 itemprop="name">Flies</h2>'
        '<span itemprop="performer" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Patricia Wittkopp</span></span>'
        '<time itemprop="startDate" datetime="2024-04-09T12:00:00-04:00">April 9</time></div>'
    )
    [talk] = run(page(body=body)).talks
    assert (talk.title, talk.speakers[0].name, talk.starts_at) == (
        "Flies",
        "Patricia Wittkopp",
        "2024-04-09T12:00:00-04:00",
    )


def test_rdfa_event() -> None:
    body = (
        '<div vocab="https://schema.org/" typeof="Event"><span property="name">RDFa talk</span>'
        '<span property="startDate" content="2024-05-01T10:00:00+02:00">1 May</span></div>'
    )
    talks = run(page(body=body)).talks
    assert [(t.title, t.starts_at) for t in talks] == [("RDFa talk", "2024-05-01T10:00:00+02:00")]


@pytest.mark.parametrize(
    "markup",
    [
        page(json.dumps({"@type": "Organization", "name": "Org"})),
        page(body="<p>nothing</p>"),
        page("[]"),
        page("null"),
        page('"just a string"'),
        page("{" * 5000),
    ],
)
def test_pages_without_events(markup: str) -> None:
    root = html.load(markup, URL)
    result = parse(root, Context(url=URL))
    assert result.talks == [] and result.confidence == 0.0
    assert detect(root) in (0.0, 0.6)


def test_chain_prefers_structured_data() -> None:
    markup = page(
        event(name="From JSON-LD", startDate="2024-03-05T16:00:00+01:00", performer="Jane Doe")
    )
    result = parse_document(markup, URL)
    assert result.parser == "structured"
    assert [t.title for t in result.talks] == ["From JSON-LD"]
