"""The `auto` chain on our own varied pages (tests/fixtures/generic) and the real dev set.

Cases are generated from the fixture folders: each `gold.json` (real-gold format plus
`page_url`, `stage`, optional `status` and `follow`) gives one test per talk, matched the way
the real set's scorer matches (`tests/fixtures/real/score.py`), plus one test that nothing
else was found. Then the heuristic's helpers, table-driven, with rows that must NOT match,
and its bounds (huge, deep and date-flooded pages).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import time
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from parsers import ParseResult, parse_document
from parsers.common import html
from parsers.common.people import looks_like_person, speaker_and_title
from parsers.heuristic.lines import page_lines
from parsers.heuristic.reading import PageContext, parse_line, read_date

FIXTURES = Path(__file__).parent / "fixtures"
CASES = {p.parent.name: p.parent for p in sorted((FIXTURES / "generic").glob("*/gold.json"))}
REAL = FIXTURES / "real"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("real_score", REAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORER = _load_scorer()


def gold(case: str) -> dict:
    return json.loads((CASES[case] / "gold.json").read_text("utf-8"))


@cache
def parsed(case: str) -> ParseResult:
    page = next(CASES[case].glob("page.*"))
    return parse_document(page.read_bytes(), gold(case)["page_url"])


def predictions(case: str) -> list[dict]:
    return [{**t.to_dict(), "status": t.status} for t in parsed(case).talks]


TALK_CASES = [(c, i) for c in CASES for i in range(len(gold(c)["talks"]))]


@pytest.mark.parametrize(("case", "index"), TALK_CASES, ids=[f"{c}-{i}" for c, i in TALK_CASES])
def test_talk_found_with_its_fields(case: str, index: int) -> None:
    expected = gold(case)["talks"][index]
    preds = predictions(case)
    pairs = dict(SCORER.match(gold(case)["talks"], preds))
    assert index in pairs, f"not found: {expected['title']!r} in {[p['title'] for p in preds]}"
    got = preds[pairs[index]]
    names = {SCORER.norm_name(s["name"]) for s in expected["speakers"]}
    assert SCORER.speaker_names(got) == names
    day, clock = SCORER.local_view(got, expected)
    assert day == expected["date"]
    assert clock == expected["start_time"]
    if expected["location"]:
        wanted, shown = SCORER.norm_loc(expected["location"]), SCORER.norm_loc(got["location"])
        assert shown and (wanted in shown or shown in wanted), got["location"]
    assert got["status"] == expected.get("status", "scheduled")
    assert bool(got["abstract"]) == expected["has_abstract"]


@pytest.mark.parametrize("case", list(CASES))
def test_nothing_invented_and_right_stage(case: str) -> None:
    expected = gold(case)
    result = parsed(case)
    assert len(result.talks) == len(expected["talks"]), [t.title for t in result.talks]
    if expected["talks"]:
        assert result.parser == expected["stage"]
        assert {t.extracted_by for t in result.talks} == {expected["stage"]}
    if "follow" in expected:
        assert [f.url for f in result.follow] == expected["follow"]


@pytest.mark.parametrize("item", [p.stem for p in sorted((REAL / "gold").glob("*.json"))])
def test_real_dev_set_meets_the_targets(item: str) -> None:
    manifest = {entry["id"]: entry for entry in SCORER.load_manifest(REAL)}[item]
    page = SCORER.page_path(REAL, manifest)
    result = parse_document(page.read_bytes(), manifest["page_url"])
    scored = SCORER.score_item(SCORER.load_gold(REAL, item), [t.to_dict() for t in result.talks])
    assert scored["f1"] >= 0.95
    assert scored["fields"]["date"]["accuracy"] >= 0.9
    assert scored["fields"]["speakers"]["accuracy"] >= 0.9


@pytest.mark.parametrize(
    "entry", json.loads((REAL / "manifest.json").read_text("utf-8")), ids=lambda entry: entry["id"]
)
def test_real_pages_are_the_committed_bytes(entry: dict) -> None:
    """The dev pages are byte copies of committed files: their manifest sha256 must hold."""
    page = SCORER.page_path(REAL, entry)
    assert hashlib.sha256(page.read_bytes()).hexdigest() == entry["sha256"]
    assert page.stat().st_size == entry["bytes"]


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("text", "year", "day_first", "expected"),
    [
        ("Tue 3/5 at 4pm", 2024, False, date(2024, 3, 5)),
        ("Tue 3/5 at 4pm", 2024, True, date(2024, 3, 5)),  # the weekday overrules day-first
        ("Fri 3/5", 2024, True, date(2024, 5, 3)),
        ("Monday, June 10", 2023, True, date(2024, 6, 10)),  # the weekday picks the year
        ("5. März 2024, 14:15 Uhr", None, True, date(2024, 3, 5)),
        ("mardi 3 décembre 2024 à 14h", None, True, date(2024, 12, 3)),
        ("martes, 5 de marzo de 2024, 12:00 h", None, True, date(2024, 3, 5)),
        ("Friday, December 9th 2022, 12 PM ET", None, True, date(2022, 12, 9)),
        ("Lundi 27 mai", 2024, True, date(2024, 5, 27)),
        ("Tisdag 24 september 2024, kl. 13.15–14.00", None, True, date(2024, 9, 24)),
        ("2024年10月15日(火) 15:30-16:30", None, True, date(2024, 10, 15)),
        ("Room 2.14", 2024, True, None),
        ("Version 3.10 released", None, True, None),
    ],
)
def test_read_date(text: str, year: int | None, day_first: bool, expected: date | None) -> None:
    assert read_date(text, year, day_first)[0] == expected


def _line(markup: str):
    root = html.load(f"<html><body>{markup}</body></html>")
    return page_lines(root)[0]


@pytest.mark.parametrize(
    ("markup", "label", "start", "rest"),
    [
        ("<p>Speaker: Jane Doe (MIT)</p>", "speaker", None, "Jane Doe (MIT)"),
        ("<p>Ort: Raum 0.01</p>", "location", None, "Raum 0.01"),
        ("<p>10h30 - 11h: Anne Martin (LBBE)</p>", None, "10:30", "Anne Martin (LBBE)"),
        # "du … au …" belongs to the date: no "Du Lyon" left to read as a person
        ("<p>Du 3 au 5 juin 2024 à Lyon</p>", None, None, "Lyon"),
        ("<p>Date: Friday, May 15 2020, 12:00-1:15 PM EST</p>", "date", "12:00", ""),
        ("<p>Salle de séminaire du LIP6</p>", None, None, "Salle de séminaire du LIP6"),
        ("<p>Joined August 1, 2015</p>", "ignore", None, "Joined August 1, 2015"),
        ("<p>Senast uppdaterad: 2024-09-16</p>", "ignore", None, "Senast uppdaterad: 2024-09-16"),
        ("<p>Talare: Karin Lindgren, KTH</p>", "speaker", None, "Karin Lindgren, KTH"),
        # an implausible clock ("3.05") stays in the text: it is a room number
        ("<p>5 de noviembre de 2024, 12:00 · Aula 3.05</p>", None, "12:00", "Aula 3.05"),
        # a class on the card around a heading names the card, not the heading's field
        (
            '<article class="node--view-mode-teaser"><h3>Record linkage</h3></article>',
            None,
            None,
            "Record linkage",
        ),
        ('<div><span class="location">MR14, CMS</span></div>', "location", None, "MR14, CMS"),
    ],
)
def test_parse_line(markup: str, label: str | None, start: str | None, rest: str) -> None:
    part = parse_line(_line(markup), PageContext("https://x.org/", None, 2024))
    assert part.label == label
    assert (part.start.strftime("%H:%M") if part.start else None) == start
    assert part.rest == rest


@pytest.mark.parametrize(
    ("text", "title", "names"),
    [
        ("Seminar: Jane Doe – Learning to rank", "Learning to rank", ["Jane Doe"]),
        ("Jane Doe (MIT): Graph Neural Networks", "Graph Neural Networks", ["Jane Doe"]),
        ("Graph Neural Networks - Jane Doe", "Graph Neural Networks", ["Jane Doe"]),
        ("Seminar: Sara Østergaard", None, ["Sara Østergaard"]),
        ("Deep Learning", "Deep Learning", []),  # a Title-Cased title is not a person
        ("Machine Learning: Theory and Practice", "Machine Learning: Theory and Practice", []),
    ],
)
def test_speaker_and_title(text: str, title: str | None, names: list[str]) -> None:
    found_title, speakers = speaker_and_title(text)
    assert found_title == title
    assert [s.name for s in speakers] == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe", True),
        ('Edward J. "Kingfish" Lada', True),
        ("Hugo Duminil-Copin", True),
        ("Graph Neural Networks", False),
        ("Associate Professor", False),
        ("Statistics Computing Club", False),
        ("Office Hours", False),
    ],
)
def test_looks_like_person(text: str, expected: bool) -> None:
    assert looks_like_person(text) is expected


# --------------------------------------------------------------------------- bounds


def _timed(content: bytes, url: str = "https://example.org/seminars/") -> tuple[float, object]:
    started = time.perf_counter()
    result = parse_document(content, url)
    return time.perf_counter() - started, result


@pytest.mark.slow  # a 5 MB page
def test_huge_page_is_bounded() -> None:
    row = (
        "<tr><td>March 5, 2024, 4pm</td><td>Jane Doe (MIT)</td>"
        "<td>A talk about bounded parsing and other things</td></tr>"
    )
    page = "<html><body><h1>Seminar</h1><table>" + row * 45000 + "</table></body></html>"
    assert len(page) > 5_000_000
    seconds, result = _timed(page.encode())
    assert seconds < 20
    assert result.talks  # what was found is returned


def test_deep_nesting_does_not_raise() -> None:
    page = "<html><body>" + "<div>" * 5000 + "March 5, 2024: Jane Doe, Title" + "</div>" * 5000
    seconds, _result = _timed(page.encode())
    assert seconds < 5


def test_thousands_of_dates_are_bounded() -> None:
    body = "".join(f"<p>{d % 28 + 1} March 2024, 10:{d % 60:02d}</p>" for d in range(20000))
    seconds, result = _timed(f"<html><body>{body}</body></html>".encode())
    assert seconds < 20
    assert not result.talks  # dates alone are not talks


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02", b"not html at all", b"<html>"])
def test_bad_input_gives_a_warning_not_an_error(content: bytes) -> None:
    result = parse_document(content, "https://example.org/")
    assert result.talks == []
