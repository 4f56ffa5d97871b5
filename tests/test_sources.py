"""The sources list: the real file matches the seed sites, and malformed entries are rejected
before anything is crawled, with a message naming the entry and the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.sources import (
    Source,
    SourcesError,
    load_sources,
    parse_sources,
    select,
    site_of,
)

ROOT = Path(__file__).resolve().parents[1]

SITES = ROOT / "tests" / "fixtures" / "sites"
SEED_ORDER = ["ngml", "gapindnns", "weihuang", "ist_mpml", "utexas_mdl"]
GOOD = {"id": "demo", "name": "Demo Seminar", "url": "https://example.org/talks"}


def test_the_sources_file_lists_the_seed_sites_in_order() -> None:
    sources = load_sources(ROOT / "data" / "sources.toml")
    assert [s.id for s in sources] == SEED_ORDER
    for source in sources:
        site = json.loads((SITES / source.id / "site.json").read_text("utf-8"))
        assert (source.name, source.url, source.timezone) == (
            site["name"],
            site["seed_url"],
            site["timezone"],
        )
        assert source.enabled
    assert {s.id: s.parser for s in sources}["weihuang"] == "auto"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {**GOOD, "parser": "wordpress"},
            "source 1 (id 'demo'): parser: unknown parser 'wordpress'",
        ),
        ({**GOOD, "url": "example.org/talks"}, "source 1 (id 'demo'): url: 'example.org/talks' is"),
        ({**GOOD, "url": "ftp://example.org/"}, "url: 'ftp://example.org/' is not an absolute"),
        ({**GOOD, "timezone": "Europe/Pari"}, "timezone: unknown time zone 'Europe/Pari'"),
        ({**GOOD, "timezone": "CEST"}, "timezone: unknown time zone 'CEST'"),
        ({**GOOD, "kind": "party"}, "kind: 'party' is not one of"),
        ({**GOOD, "enabled": "yes"}, "enabled: must be true or false"),
        ({**GOOD, "timezon": "Europe/Paris"}, "timezon: unknown field"),
        ({**GOOD, "id": "Bad Id"}, "id: 'Bad Id' must be lower-case"),
        ({"id": "demo", "url": "https://example.org/"}, "source 1 (id 'demo'): name: missing"),
        ({"name": "x", "url": "https://example.org/"}, "source 1: id: missing"),
        ({**GOOD, "name": ""}, "name: must be a non-empty string"),
    ],
)
def test_malformed_entries_name_the_entry_and_the_field(
    entry: dict[str, Any], message: str
) -> None:
    with pytest.raises(SourcesError) as error:
        parse_sources({"source": [entry]}, "sources.toml")
    assert message in str(error.value)
    assert str(error.value).startswith("sources.toml: source 1")


def test_duplicate_ids_and_every_problem_are_reported() -> None:
    entries = [GOOD, {**GOOD, "timezone": "Nowhere/Land"}, {**GOOD, "parser": "nope"}]
    with pytest.raises(SourcesError) as error:
        parse_sources({"source": entries}, "s.toml")
    lines = str(error.value).splitlines()
    assert "s.toml: source 2 (id 'demo'): id: duplicate id 'demo' (also source 1)" in lines
    assert any(line.startswith("s.toml: source 2 (id 'demo'): timezone:") for line in lines)
    assert any(line.startswith("s.toml: source 3 (id 'demo'): parser:") for line in lines)


@pytest.mark.parametrize(
    "entry",
    [
        GOOD,
        {**GOOD, "parser": "auto", "timezone": "Europe/Lisbon", "kind": "seminar"},
        {**GOOD, "parser": "academicpages", "institution": "IST", "enabled": False},
    ],
)
def test_well_formed_entries_load(entry: dict[str, Any]) -> None:
    (source,) = parse_sources({"source": [entry]})
    assert source.id == "demo" and source.url == GOOD["url"]


def test_a_file_without_sources_or_not_toml_is_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("# nothing\n")
    with pytest.raises(SourcesError, match="no \\[\\[source\\]\\] entries"):
        load_sources(empty)
    broken = tmp_path / "broken.toml"
    broken.write_text("[[source]]\nid = \n")
    with pytest.raises(SourcesError, match="not valid TOML"):
        load_sources(broken)
    with pytest.raises(SourcesError, match="no such sources file"):
        load_sources(tmp_path / "missing.toml")


def test_select_defaults_to_enabled_sources_and_names_unknown_ids() -> None:
    on = Source("a", "A", "https://a.example/")
    off = Source("b", "B", "https://b.example/", enabled=False)
    assert select([on, off]) == [on]
    assert select([on, off], ["b"]) == [off]  # named explicitly: crawled although disabled
    with pytest.raises(SourcesError, match="unknown source id\\(s\\): zzz"):
        select([on, off], ["zzz"])


@pytest.mark.parametrize(
    ("url", "other", "same"),
    [
        ("https://weihuang05.github.io/talks/", "https://weihuang05.github.io/talks/x", True),
        ("https://ifml.institute/events/x", "http://www.ifml.institute/y", True),
        ("https://weihuang05.github.io/talks/", "https://gapindnns.github.io/", False),
        ("http://127.0.0.1:8001/a", "http://127.0.0.1:8002/a", False),
        ("https://mpml.tecnico.ulisboa.pt/seminars", "https://tecnico.ulisboa.pt/", False),
    ],
)
def test_a_source_owns_only_its_own_host(url: str, other: str, same: bool) -> None:
    assert Source("s", "S", url).owns(other) is same
    assert (site_of(url) == site_of(other)) is same


def test_crawl_rejects_a_malformed_file_before_crawling(tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nid = "x"\nname = "X"\nurl = "https://x.example/"\nparser = "no"\n')
    db = tmp_path / "never.db"
    result = CliRunner().invoke(main, ["crawl", "--sources", str(bad), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "source 1 (id 'x'): parser: unknown parser 'no'" in result.output
    assert not db.exists()
    result = CliRunner().invoke(main, ["crawl", "--db", str(db), "--source", "nope"])
    assert result.exit_code == 2 and "unknown source id(s): nope" in result.output
    assert not db.exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://example.org:99999/talks",
            "url: 'https://example.org:99999/talks' has an invalid port ('example.org:99999';",
        ),
        ("https://example.org:0/talks", "has an invalid port ('example.org:0';"),
        ("https://example.org:http/", "has an invalid port ('example.org:http';"),
        (
            "https://exa mple.org/talks",
            "url: 'https://exa mple.org/talks' has an invalid host name ('exa mple.org')",
        ),
        ("https://example..org/", "has an invalid host name ('example..org')"),
        ("https://-example.org/", "has an invalid host name ('-example.org')"),
        ("https://[::1/talks", "has an invalid host name ('[::1')"),
        ("https://[fe80::zz]/talks", "has an invalid host name"),
    ],
)
def test_urls_no_request_can_be_made_for_are_rejected(url: str, message: str) -> None:
    with pytest.raises(SourcesError) as error:
        parse_sources({"source": [{**GOOD, "url": url}]}, "sources.toml")
    assert str(error.value).startswith("sources.toml: source 1 (id 'demo'): url: ")
    assert message in str(error.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org:8443/talks",
        "http://127.0.0.1:65535/seminars.html",
        "http://[::1]:8080/talks",
        "https://münchen.example/vorträge",
        "https://example.org./talks with a space in the path",
        "https://my_group.github.io/talks",
    ],
)
def test_unusual_but_valid_urls_load(url: str) -> None:
    (source,) = parse_sources({"source": [{**GOOD, "url": url}]})
    assert source.url == url


def test_crawl_exits_2_on_a_bad_url_and_crawls_nothing(tmp_path: Path) -> None:
    good = '[[source]]\nid = "ok"\nname = "OK"\nurl = "https://ok.example/"\n\n'
    bad = '[[source]]\nid = "bad"\nname = "Bad"\nurl = "https://bad.example:99999/"\n'
    sources = tmp_path / "sources.toml"
    sources.write_text(good + bad)
    db = tmp_path / "never.db"
    result = CliRunner().invoke(main, ["crawl", "--sources", str(sources), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "source 2 (id 'bad'): url: 'https://bad.example:99999/' has an invalid port" in (
        result.output
    )
    assert not db.exists()
