"""Bad pages, built from the real fixture pages: nothing may raise out of the parser.

The rule (foundation issue): a page that is empty, truncated, not HTML, in another encoding or
missing fields must not raise out of the parser; talks with no title and no speaker are
dropped with a warning naming the page; an unparseable date becomes null with a warning; every
other talk on the page is kept.

One deliberate exception, from STYLE.md: a page that is HTML but lacks the structure its site
parser relies on (e.g. cut off before the first talk card) raises `ParserError`, the named
error the crawler reports for that source only, because a silent "zero talks" is how scrapers
rot unnoticed. Nothing else may escape.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.snapshots import Snapshot
from parsers import ParserError, ParseResult, parse_document, parse_page, parse_site
from parsers.common import dates, links, people, text, times, zones

SITES = Path(__file__).parent / "fixtures" / "sites"


class Site:
    """A fixture site: its listing bytes, URL, options and gold output."""

    def __init__(self, slug: str) -> None:
        self.info = json.loads((SITES / slug / "site.json").read_text("utf-8"))
        self.url: str = self.info["seed_url"]
        self.page: bytes = (SITES / slug / self.info["local_path"]).read_bytes()
        lines = (SITES / slug / "expected.jsonl").read_text("utf-8").splitlines()
        self.expected: list[dict[str, Any]] = [json.loads(line) for line in lines]

    def parse(self, content: str | bytes) -> ParseResult:
        return parse_document(
            content, self.url, timezone=self.info["timezone"], series=self.info["name"]
        )


GAP = Site("gapindnns")
IST = Site("ist_mpml")
UT = Site("utexas_mdl")
WEI = Site("weihuang")
NEWS_URL = "https://www.example.org/news/"


def dicts(result: ParseResult) -> list[dict[str, Any]]:
    return [talk.to_dict() for talk in result.talks]


def without(talk: dict[str, Any], *fields: str) -> dict[str, Any]:
    return {key: value for key, value in talk.items() if key not in fields}


# --------------------------------------------------------------------------- not a page

NOT_HTML = {
    "empty": b"",
    "whitespace": b" \r\n\t ",
    "pdf": b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n4 0 obj\n<</Filter/FlateDecode/Length 120>>stream\n"
    + random.Random(1).randbytes(600),
    "random bytes": random.Random(0).randbytes(4096),
    "json": b'{"talks": [{"title": "Sheaf Neural Networks"}]}',
    "plain text": b"Sheaf Neural Networks\nThis seminar provides an introduction.",
    "lone bracket": b"<",
    "nul bytes": b"\x00" * 64,
}


@pytest.mark.parametrize("url", [GAP.url, IST.url, NEWS_URL])
@pytest.mark.parametrize("content", NOT_HTML.values(), ids=NOT_HTML.keys())
def test_not_html_is_a_warning(content: bytes, url: str) -> None:
    result = parse_document(content, url)
    assert result.talks == []
    assert [w for w in result.warnings if w.startswith(url)], result.warnings


def test_page_no_parser_knows_gives_no_talks() -> None:
    news = b"<html><body><h1>News</h1><p>Our department won a prize.</p></body></html>"
    result = parse_document(news, NEWS_URL)
    assert result.talks == []
    assert all(warning.startswith(NEWS_URL) for warning in result.warnings)


# --------------------------------------------------------------------------- truncated


@pytest.mark.parametrize("site", [GAP, IST], ids=["gapindnns", "ist_mpml"])
@pytest.mark.parametrize("fraction", [n / 16 for n in range(1, 16)])
def test_truncated_page_keeps_every_complete_talk(site: Site, fraction: float) -> None:
    """Cut anywhere: every talk block closed before the cut parses exactly as in the gold."""
    content = site.page[: int(len(site.page) * fraction)]
    block = b'class="card mb-3 talk-entry"' if site is GAP else b'<div class="seminar"'
    begun = content.count(block)
    if begun == 0:
        with pytest.raises(ParserError, match=re.escape(site.url)):
            site.parse(content)
        return
    got = dicts(site.parse(content))
    complete = begun - 1  # the last block begun may be cut short
    assert complete <= len(got) <= begun
    assert got[:complete] == site.expected[:complete]


def test_truncated_mid_card_keeps_the_cards_before_it() -> None:
    """GAPinDNNs cut inside the third card's abstract: two whole talks, the third as far as
    it goes (title, speaker and date were before the cut)."""
    third = GAP.page.index(b'id="talk_2024-05-16_')
    cut = GAP.page.index(b"<p>", third) + 40
    got = dicts(GAP.parse(GAP.page[:cut]))
    assert got[:2] == GAP.expected[:2]
    assert len(got) == 3
    partial = without(got[2], "abstract")
    assert partial == without(GAP.expected[2], "abstract")
    assert GAP.expected[2]["abstract"].startswith(got[2]["abstract"][:30])


# --------------------------------------------------------------------------- encodings


def declare(charset: str | None) -> str:
    """The IST page with its meta charset replaced (or removed)."""
    page = IST.page.decode("utf-8")
    meta = f'<meta charset="{charset}">' if charset else ""
    return page.replace('<meta charset="utf-8">', meta, 1)


ENCODED = {
    # Characters outside the encoding become numeric references, as a CMS writes them
    # ("Veličković" -> "Veli&#269;kovi&#263;"); everything else is real single bytes.
    "windows-1252 meta": declare("windows-1252").encode("cp1252", "xmlcharrefreplace"),
    "windows-1252 http-equiv": declare(None)
    .replace(
        "<head>",
        '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        1,
    )
    .encode("cp1252", "xmlcharrefreplace"),
    "iso-8859-1 meta": declare("iso-8859-1").encode("latin-1", "xmlcharrefreplace"),
    "windows-1252 undeclared": declare(None).encode("cp1252", "xmlcharrefreplace"),
    "utf-8 BOM undeclared": b"\xef\xbb\xbf" + declare(None).encode("utf-8"),
    "utf-16 BOM": declare(None).encode("utf-16"),
}


@pytest.mark.parametrize("content", ENCODED.values(), ids=ENCODED.keys())
def test_other_encodings_read_from_bytes(content: bytes) -> None:
    got = dicts(IST.parse(content))
    assert got == IST.expected
    speakers = {s["name"]: s["affiliation"] for talk in got for s in talk["speakers"]}
    assert speakers["Inês Hipólito"] == "Humboldt-Universität"
    assert speakers["André F. T. Martins"] == "Instituto Superior Técnico"
    assert speakers["João Sacramento"] == "ETH Zürich"
    assert speakers["Petar Veličković"] == "DeepMind and University of Cambridge"


def test_windows_1252_bytes_really_are_single_bytes() -> None:
    """Guard for the test above: the page must not have stayed UTF-8 by accident."""
    content = ENCODED["windows-1252 meta"]
    assert b"In\xeas Hip\xf3lito" in content
    assert b"Veli&#269;kovi&#263;" in content
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")


# --------------------------------------------------------------------------- missing fields


def gap_card(talk_id: str) -> tuple[int, int]:
    """Start and end offsets of one GAPinDNNs card in the page text."""
    page = GAP.page.decode("utf-8")
    start = page.index(f'<div id="{talk_id}"')
    end = page.find('<div id="talk_', start + 1)
    return start, end if end != -1 else len(page)


def edit_gap_card(talk_id: str, pattern: str, replacement: str) -> str:
    page = GAP.page.decode("utf-8")
    start, end = gap_card(talk_id)
    card, count = re.subn(pattern, replacement, page[start:end], flags=re.S)
    assert count, f"{pattern!r} not in card {talk_id}"
    return page[:start] + card + page[end:]


def test_card_without_title_and_speaker_is_dropped_with_a_warning() -> None:
    page = edit_gap_card("talk_2024-05-23_Liam_Solus", r"<h5 .*?</h6>", "")
    result = GAP.parse(page)
    assert dicts(result) == GAP.expected[:1] + GAP.expected[2:]
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith(GAP.url + ": dropped")
    assert "no title and no speaker" in result.warnings[0]


def test_card_without_speaker_is_kept() -> None:
    page = edit_gap_card("talk_2024-05-23_Liam_Solus", r"<h6 .*?</h6>", "")
    got = dicts(GAP.parse(page))
    assert got[1] == {**GAP.expected[1], "speakers": []}
    assert got[:1] + got[2:] == GAP.expected[:1] + GAP.expected[2:]


def test_card_without_date_is_kept_undated_and_silent() -> None:
    """No date printed is not an error: null, and no warning."""
    page = edit_gap_card(
        "talk_2024-05-23_Liam_Solus", r'<span class="talk-date">23 May 2024</span>', ""
    )
    result = GAP.parse(page)
    got = dicts(result)
    assert got[1] == {**GAP.expected[1], "starts_at": None, "timezone": None}
    assert got[:1] + got[2:] == GAP.expected[:1] + GAP.expected[2:]
    assert result.warnings == []


# --------------------------------------------------------------------------- unparseable dates


def assert_only_dates_lost(
    got: list[dict[str, Any]], expected: list[dict[str, Any]], lost: set[int]
) -> None:
    """Talks in `lost` have null dates and are otherwise intact; all others are untouched."""
    assert len(got) == len(expected)
    for index, (talk, want) in enumerate(zip(got, expected, strict=True)):
        if index in lost:
            assert talk["starts_at"] is None, index
            assert without(talk, "starts_at", "ends_at", "timezone") == without(
                want, "starts_at", "ends_at", "timezone"
            )
        else:
            assert talk == want, index


def test_unparseable_date_gapindnns() -> None:
    page = edit_gap_card("talk_2024-05-23_Liam_Solus", r"23 May 2024", "23 May 2O24")
    result = GAP.parse(page)
    assert_only_dates_lost(dicts(result), GAP.expected, {1})
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.startswith(GAP.url + ": ")
    assert "'23 May 2O24 10:30'" in warning
    assert "talk_2024-05-23_Liam_Solus" in warning


def test_unparseable_machine_date_ist() -> None:
    page = IST.page.replace(
        b'datetime="2022-02-24T16:30:00+00:00"', b'datetime="2022-02-30T16:30:00+00:00"'
    )
    assert page != IST.page
    result = IST.parse(page)
    martins = next(i for i, t in enumerate(IST.expected) if "Martins" in str(t["speakers"]))
    assert_only_dates_lost(dicts(result), IST.expected, {martins})
    assert dicts(result)[martins]["ends_at"] == IST.expected[martins]["ends_at"]
    assert [w for w in result.warnings if "'2022-02-30T16:30:00+00:00'" in w]
    assert all(w.startswith(IST.url) for w in result.warnings)


def test_unparseable_day_heading_utexas() -> None:
    """A broken day heading leaves its slots undated instead of giving them the previous day."""
    page = UT.page.replace(b"<strong>Feb 21, 2025</strong>", b"<strong>Feb 31, 2025</strong>")
    assert page != UT.page
    result = parse_document(page, UT.url, timezone=UT.info["timezone"], series=UT.info["name"])
    second_day = {i for i, t in enumerate(UT.expected) if t["starts_at"].startswith("2025-02-21")}
    assert len(second_day) == 4
    assert_only_dates_lost(dicts(result), UT.expected, second_day)
    assert all(t["ends_at"] is None for i, t in enumerate(dicts(result)) if i in second_day)
    assert result.warnings == [dates.unreadable(UT.url, "Feb 31, 2025")]


def test_unparseable_listing_date_is_completed_by_the_talk_page() -> None:
    """weihuang: the listing's date text is broken, the talk page's <time> is not."""
    listing = WEI.page.replace(b"February 15, 2023", b"Febuary 15, 2023")
    assert listing != WEI.page

    alone = parse_page(listing, WEI.url)
    assert alone[0].starts_at is None
    assert [t.to_dict() for t in alone[1:]] == WEI.expected[1:]

    snapshot = Snapshot(folder=SITES / "weihuang", site=WEI.info)

    def fetch(url: str) -> bytes | None:
        return listing if url == WEI.url else snapshot.fetch(url)

    crawl = parse_site(fetch, WEI.url, series=WEI.info["name"])
    assert [t.to_dict() for t in crawl.talks] == WEI.expected
    assert [w for w in crawl.warnings if "'Febuary 15, 2023'" in w and w.startswith(WEI.url)]


# --------------------------------------------------------------------------- never raises

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKUP = st.text(alphabet=list("<>/=\"' \n&#;!-abcdhiklmnprstv0123456789:.ÄéЖ€"), max_size=400)


@FUZZ
@given(content=st.one_of(st.binary(max_size=1500), MARKUP))
def test_any_content_never_raises_anything_but_parser_error(content: bytes | str) -> None:
    for url in (GAP.url, IST.url, UT.url, WEI.url, NEWS_URL):
        try:
            result = parse_document(content, url)
        except ParserError as error:
            assert url in str(error)
        else:
            assert isinstance(result.talks, list)


@FUZZ
@given(value=st.text(max_size=300))
def test_helpers_never_raise(value: str) -> None:
    dates.find_date(value)
    dates.find_date(value, default_year=2024, day_first=False)
    times.find_time_range(value, twelve_hour=True)
    dates.when(value, "Europe/Stockholm", default_year=2024)
    dates.from_machine(value, "Europe/Lisbon")
    dates.to_utc(value, "America/Chicago")
    zones.find_zone(value)
    people.parse_speaker(value, value)
    people.split_speakers(value)
    people.looks_like_name(value)
    people.clean_affiliation(value)
    text.clean(value)
    text.strip_label(value, ("Abstract", "Talk"))
    text.status_of(value, value)
    links.absolute(value, IST.url)
    links.classify(value, value)


# --------------------------------------------------------------------------- too big, file URLs


def test_page_over_the_size_limit_is_cut_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page past MAX_PAGE_BYTES keeps the talks before the cut, and says it was cut."""
    from parsers import chain

    cut = GAP.page.index(b'<div id="talk_2024-05-16')  # after the first two cards
    monkeypatch.setattr(chain, "MAX_PAGE_BYTES", cut)
    result = GAP.parse(GAP.page)
    assert dicts(result) == GAP.expected[:2]
    assert result.warnings[0] == (
        f"{GAP.url}: page cut at the size limit: only the first {cut / 1e6:g} MB of "
        f"{len(GAP.page) / 1e6:.1f} MB were read (MAX_PAGE_BYTES)"
    )


def test_page_under_the_size_limit_has_no_cut_warning() -> None:
    assert not any("size limit" in warning for warning in GAP.parse(GAP.page).warnings)


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("file:///home/me/seminar.html#talk_1", True),  # `seminars parse FILE`
        ("https://gapindnns.github.io/_pages/seminar.html#talk_1", True),
        ("/_pages/seminar.html#talk_1", False),
        ("seminar.html", False),
        ("ftp://example.org/talk", False),
    ],
)
def test_validate_accepts_file_urls_but_no_relative_ones(url: str, kept: bool) -> None:
    from parsers.normalize import validate
    from parsers.talk import Talk

    problems = validate(Talk(title="Sheaf Neural Networks", url=url))
    assert (problems == []) is kept, problems
