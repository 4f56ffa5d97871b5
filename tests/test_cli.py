"""The `seminars` command line: real fixture pages in, expected.jsonl values out; bad input
gives one `error:` line and a non-zero exit, never a traceback.

Commands run in-process with click's CliRunner (fast, separate stderr); the demo -> export smoke
test runs the installed console script in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from crawler.cli import main
from parsers import available_parsers

SITES = Path(__file__).parent / "fixtures" / "sites"
SITE_INFO = {
    p.parent.name: json.loads(p.read_text("utf-8")) for p in sorted(SITES.glob("*/site.json"))
}


def expected(slug: str) -> list[dict[str, Any]]:
    lines = (SITES / slug / "expected.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def listing(slug: str) -> str:
    return str(SITES / slug / SITE_INFO[slug]["local_path"])


def parse_listing(slug: str, *options: str) -> Result:
    """`seminars parse <fixture listing> --base-url <its real URL> [options]`."""
    return run("parse", listing(slug), "--base-url", SITE_INFO[slug]["seed_url"], *options)


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    # A deliberate exit (SystemExit) or none; anything else would be a traceback for a user.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def assert_one_error_line(result: Result) -> str:
    assert result.exit_code != 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    return lines[0]


# --------------------------------------------------------------------------- parse


@pytest.mark.parametrize("slug", SITE_INFO)
def test_parse_jsonl_is_the_expected_output(slug: str) -> None:
    """Each listing page alone, through the CLI, gives exactly its expected.jsonl."""
    result = parse_listing(slug)
    assert result.exit_code == 0, result.output
    got = [json.loads(line) for line in result.stdout.splitlines()]
    assert got == expected(slug)
    assert result.stderr == ""


def test_parse_json() -> None:
    result = parse_listing("gapindnns", "--format", "json")
    assert result.exit_code == 0, result.output
    talks = json.loads(result.stdout)
    assert talks == expected("gapindnns")
    assert talks[1]["speakers"] == [{"name": "Liam Solus", "affiliation": "KTH"}]
    assert talks[0]["starts_at"] == "2024-05-30T10:30:00+02:00"


def test_parse_table() -> None:
    result = parse_listing("utexas_mdl", "--format", "table")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["starts_at", "title", "speakers", "location"]
    assert len(lines) == 2 + len(expected("utexas_mdl"))  # header, rule, one row per talk
    vardan = next(line for line in lines if "Vardan Papyan" in line)
    assert vardan.startswith("2025-02-20T09:55:00-06:00")
    assert "Block Coupling and its Correlation" in vardan
    assert "Gates Dell Complex" in vardan


def test_parse_timezone_option_applies_to_clock_times() -> None:
    """--timezone replaces the series zone: same wall-clock time, that zone's offset."""
    result = parse_listing("gapindnns", "--timezone", "America/Chicago")
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout.splitlines()[0])
    assert first["starts_at"] == "2024-05-30T10:30:00-05:00"
    assert first["timezone"] == "America/Chicago"


def test_parse_missing_file() -> None:
    line = assert_one_error_line(run("parse", "no/such/page.html"))
    assert "no/such/page.html" in line


def test_parse_directory_is_not_a_page(tmp_path: Path) -> None:
    line = assert_one_error_line(run("parse", str(tmp_path)))
    assert line == f"error: {tmp_path}: is a directory; give one page (a file or a URL)"


@pytest.mark.parametrize(
    "content",
    [
        b"<html><head><title>News</title></head><body><h1>Department news</h1>"
        b"<p>Our group won the best paper award.</p></body></html>",
        b"",
        b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n",
    ],
    ids=["news page", "empty file", "pdf"],
)
def test_parse_non_seminar_page(tmp_path: Path, content: bytes) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(content)
    line = assert_one_error_line(run("parse", str(page)))
    assert str(page) in line
    assert "no talks found" in line


def test_parse_site_parser_on_a_page_without_its_structure(tmp_path: Path) -> None:
    """--base-url picks the GAPinDNNs parser; a page without its cards is named, not traced."""
    page = tmp_path / "news.html"
    page.write_text("<html><body><h1>News</h1></body></html>")
    result = run("parse", str(page), "--base-url", SITE_INFO["gapindnns"]["seed_url"])
    line = assert_one_error_line(result)
    assert "no talk cards" in line


def test_parse_unknown_parser_lists_the_parsers() -> None:
    result = run("parse", listing("ngml"), "--parser", "nonexistent")
    assert result.exit_code == 2, result.output
    line = assert_one_error_line(result)
    assert "nonexistent" in line
    for name in available_parsers():
        assert name in line


def test_parse_named_parser() -> None:
    result = run("parse", listing("ngml"), "--parser", "ngml")
    assert result.exit_code == 0, result.output
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
    assert titles == [talk["title"] for talk in expected("ngml")]


# --------------------------------------------------------------------------- help


def all_commands() -> list[tuple[str, ...]]:
    """Every command path the group offers, subcommands of groups included."""
    paths: list[tuple[str, ...]] = []
    with click.Context(main) as ctx:
        for name in main.list_commands(ctx):
            command = main.get_command(ctx, name)
            paths.append((name,))
            if isinstance(command, click.Group):
                paths += [(name, sub) for sub in command.list_commands(ctx)]
    return paths


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0, result.output
    listed = result.stdout.split("Commands:", 1)[1]
    for (name,) in [path for path in all_commands() if len(path) == 1]:
        assert f"  {name} " in listed
    for name in ("parse", "demo", "export"):
        assert f"  {name} " in listed


@pytest.mark.parametrize("path", all_commands(), ids=" ".join)
def test_every_command_help_has_an_example(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout, f"`seminars {' '.join(path)} --help` shows no example"


# --------------------------------------------------------------------------- demo -> export


@pytest.mark.slow  # starts Scrapy or builds a demo database
def test_demo_then_export_jsonl(tmp_path: Path) -> None:
    """The quick start, as a user types it: 52 talks from the five seed snapshots."""
    script = Path(sys.executable).with_name("seminars")  # the venv running the tests
    seminars = str(script) if script.exists() else shutil.which("seminars")
    assert seminars, "the `seminars` console script is not installed"
    db = tmp_path / "demo.db"
    demo = subprocess.run([seminars, "demo", "--db", str(db)], capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    export = subprocess.run(
        [seminars, "export", "jsonl", "--db", str(db)], capture_output=True, text=True
    )
    assert export.returncode == 0, export.stderr
    talks = [json.loads(line) for line in export.stdout.splitlines()]
    assert len(talks) == 52
    assert {talk["series"] for talk in talks} == {site["name"] for site in SITE_INFO.values()}
    lines = demo.stdout.splitlines()
    assert lines[-4] == f"The database is {db}: 52 talks in 5 series. Try:"
    assert [line.split("#")[0].strip() for line in lines[-3:]] == [
        f"seminars export jsonl --db {db} | head -1",
        f"seminars serve --db {db}",
        f"seminars report --db {db} --now 2024-01-01",
    ]


# --------------------------------------------------------------------------- bad input (issue 11)
# One clear line and exit 2, never a traceback. Commands that would start a crawl run in a
# subprocess: if a check let one through, Twisted's reactor would start in this process.

GAP_PAGE = listing("gapindnns")
# Every command that takes --db, with what it needs besides (serve: answer one request).
READERS = [
    ("export", "jsonl"),
    ("export", "json"),
    ("export", "csv"),
    ("export", "ics"),
    ("sources",),
    ("serve", "--get", "/"),
    ("report", "--out", "{tmp}/report.html"),
    ("changes",),
]
WRITERS = [("crawl", "--replay", str(SITES)), ("demo",)]


def seminars(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m crawler.cli ARGS` in a fresh process, as a user's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_exit_2_one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def with_tmp(command: tuple[str, ...], tmp_path: Path) -> list[str]:
    return [part.format(tmp=tmp_path) for part in command]


@pytest.fixture
def not_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "notdb.db"
    path.write_text("these are my notes, not a database\n")
    return path


@pytest.fixture
def other_app_db(tmp_path: Path) -> Path:
    """A SQLite file of another application: one table of its own."""
    path = tmp_path / "other" / "notes.db"
    path.parent.mkdir()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('buy milk')")
    conn.close()
    return path


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_reader_on_a_file_that_is_not_a_database(
    command: tuple[str, ...], not_sqlite: Path, tmp_path: Path
) -> None:
    result = run(*with_tmp(command, tmp_path), "--db", str(not_sqlite))
    assert result.exit_code == 2, result.output
    line = assert_one_error_line(result)
    assert line == f"error: {not_sqlite}: not a seminars database (SQLite: file is not a database)"


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_reader_refuses_another_applications_database_and_leaves_it_alone(
    command: tuple[str, ...], other_app_db: Path, tmp_path: Path
) -> None:
    before = other_app_db.read_bytes()
    result = run(*with_tmp(command, tmp_path), "--db", str(other_app_db))
    assert result.exit_code == 2, result.output
    line = assert_one_error_line(result)
    assert "not a seminars database (another application's SQLite file, tables: notes)" in line
    assert other_app_db.read_bytes() == before
    assert sorted(p.name for p in other_app_db.parent.iterdir()) == ["notes.db"]  # no -wal


@pytest.mark.slow  # starts Scrapy or builds a demo database
@pytest.mark.parametrize("command", WRITERS, ids=" ".join)
def test_crawl_refuses_a_file_that_is_not_a_seminars_database(
    command: tuple[str, ...], not_sqlite: Path, other_app_db: Path
) -> None:
    for path in (not_sqlite, other_app_db):
        before = path.read_bytes()
        line = assert_exit_2_one_line(seminars(*command, "--db", str(path), "--quiet"))
        assert line.startswith(f"error: {path}: not a seminars database")
        assert path.read_bytes() == before


def test_crawl_with_every_source_disabled_says_so(tmp_path: Path) -> None:
    disabled = tmp_path / "sources.toml"
    disabled.write_text(
        "".join(
            f'[[source]]\nid = "{slug}"\nname = "{info["name"]}"\nurl = "{info["seed_url"]}"\n'
            "enabled = false\n"
            for slug, info in SITE_INFO.items()
        ),
        "utf-8",
    )
    result = seminars("crawl", "--sources", str(disabled), "--db", str(tmp_path / "s.db"))
    line = assert_exit_2_one_line(result)
    assert line == (
        f"error: {disabled}: every source is disabled, nothing to crawl "
        "(name one with --source ID, or set enabled = true)"
    )


@pytest.mark.slow  # starts Scrapy or builds a demo database
@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("DOWNLOAD_TIMEOUT=abc", "-s DOWNLOAD_TIMEOUT=abc: not a number (the default is 30)"),
        (
            "ROBOTSTXT_OBEY=maybe",
            "-s ROBOTSTXT_OBEY=maybe: not a boolean: true, false, 1 or 0 (the default is True)",
        ),
    ],
)
def test_crawl_setting_of_the_wrong_type(setting: str, message: str, tmp_path: Path) -> None:
    result = seminars("crawl", "--db", str(tmp_path / "s.db"), "-s", setting)
    assert assert_exit_2_one_line(result) == f"error: {message}"
    assert not (tmp_path / "s.db").exists()


def test_demo_with_an_empty_snapshot_folder(tmp_path: Path) -> None:
    empty = tmp_path / "snapshots"
    empty.mkdir()
    result = seminars("demo", "--snapshots", str(empty), "--db", str(tmp_path / "d.db"))
    line = assert_exit_2_one_line(result)
    assert line.startswith(f"error: {empty}: no site folders with a site.json")


@pytest.mark.slow  # starts Scrapy or builds a demo database
@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--accept-drop", "nosuch"), "--accept-drop: unknown source id(s): nosuch (known: "),
        (
            ("--source", "ngml", "--accept-drop", "gapindnns"),
            "--accept-drop: gapindnns not crawled in this run (add --source gapindnns)",
        ),
    ],
)
def test_crawl_accept_drop_of_an_unknown_source(
    options: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    result = seminars("crawl", "--replay", str(SITES), "--db", str(tmp_path / "s.db"), *options)
    assert assert_exit_2_one_line(result).startswith(f"error: {message}")


@pytest.mark.slow  # starts Scrapy or builds a demo database
@pytest.mark.parametrize("subcommand", ["jsonl", "ics"])
def test_export_unknown_series(subcommand: str, demo_db: Path) -> None:
    result = run("export", subcommand, "--db", str(demo_db), "--series", "nope")
    assert result.exit_code == 2, result.output
    assert assert_one_error_line(result) == (
        "error: unknown series 'nope' (known: ngml, gapindnns, weihuang, ist_mpml, utexas_mdl)"
    )


@pytest.mark.parametrize("now", ["garbage", "2024-13-01", "01/02/2024", "2024-W01-1"])
def test_report_now_must_be_an_iso_date(now: str, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("report", "--db", str(demo_db), "--out", str(out), "--now", now)
    assert result.exit_code == 2, result.output
    assert assert_one_error_line(result).startswith(
        f"error: --now: {now!r} is not an ISO date or time"
    )
    assert not out.exists()


@pytest.mark.parametrize("command", ["parse", "probe"])
@pytest.mark.parametrize("zone", ["Mars/Base", "localtime"])
def test_unknown_timezone_is_refused_up_front(command: str, zone: str) -> None:
    result = run(command, GAP_PAGE, "--timezone", zone)
    assert result.exit_code == 2, result.output
    line = assert_one_error_line(result)
    assert line.startswith("error: --timezone: ")
    assert repr(zone) in line
    assert len(line) < 200
    assert result.stdout == ""


def test_sources_file_reports_every_error_of_an_entry_and_refuses_localtime(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text(
        '[[source]]\nid = "Bad Id"\nname = "X"\nurl = "ftp://example.org/"\n'
        'timezone = "localtime"\ntimezon = "Europe/Paris"\nkind = "party"\n',
        "utf-8",
    )
    result = run("sources", "--sources", str(bad), "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2, result.output
    entry = f"{bad}: source 1 (id 'Bad Id')"
    assert result.stderr.splitlines() == [
        f"error: {entry}: timezon: unknown field",
        f"{entry}: id: 'Bad Id' must be lower-case letters, digits, '_' or '-'",
        f"{entry}: url: 'ftp://example.org/' is not an absolute http(s) URL",
        f"{entry}: timezone: 'localtime' is the zone of whichever machine this runs on, "
        "not a place's zone (use an IANA name such as 'Europe/Paris')",
        f"{entry}: kind: 'party' is not one of seminar, workshop, conference, course, talks",
    ]


def test_parse_file_without_base_url_keeps_the_talks_at_file_urls() -> None:
    result = run("parse", GAP_PAGE, "--parser", "gapindnns")
    assert result.exit_code == 0, result.output
    talks = [json.loads(line) for line in result.stdout.splitlines()]
    page = Path(GAP_PAGE).resolve().as_uri()
    assert [talk["url"] for talk in talks] == [
        page + "#" + talk["url"].split("#")[1] for talk in expected("gapindnns")
    ]
    assert [talk["title"] for talk in talks] == [talk["title"] for talk in expected("gapindnns")]
    assert result.stderr == ""


def test_parse_page_cut_at_the_size_limit_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page over MAX_PAGE_BYTES (8 MB; 2,000 bytes here) is cut, and the message says so."""
    from parsers import chain

    monkeypatch.setattr(chain, "MAX_PAGE_BYTES", 2_000)
    page = tmp_path / "big.html"
    page.write_text("<html><body>" + "<p>Department news, nothing dated.</p>\n" * 200 + "</body>")
    line = assert_one_error_line(run("parse", str(page)))
    assert line.startswith(f"error: {page}: no talks found (page cut at the size limit: ")
    assert "MB were read (MAX_PAGE_BYTES)" in line


@pytest.mark.parametrize("command", ["parse", "probe"])
def test_parse_and_probe_print_each_warning_once(command: str, tmp_path: Path) -> None:
    """A card without title and speaker is dropped with one warning line (logging printed it
    a second time). Run in a subprocess: pytest's log capture would hide the duplicate."""
    text = Path(GAP_PAGE).read_text("utf-8")
    start = text.index('<div id="talk_2024-05-23_Liam_Solus"')
    end = text.index('<div id="talk_', start + 10)
    card = text[start:end]
    title_to_speaker = card[card.index("<h5 ") : card.index("</h6>") + len("</h6>")]
    page = tmp_path / "seminar.html"
    page.write_text(text.replace(card, card.replace(title_to_speaker, "")), "utf-8")
    result = seminars(command, str(page), "--base-url", SITE_INFO["gapindnns"]["seed_url"])
    assert result.returncode == 0, result.stderr
    dropped = [line for line in result.stderr.splitlines() if "dropped" in line]
    assert len(dropped) == 1, result.stderr
    assert dropped[0].startswith("warning: ")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_cut_short_by_head_exits_0(fmt: str, demo_db: Path) -> None:
    """`seminars export jsonl | head -1`: the reader stops early; no error, exit 0 (the
    export is larger than a pipe's buffer, so the writer does meet the closed pipe)."""
    assert demo_db.stat().st_size > 65_536
    command = [sys.executable, "-m", "crawler.cli", "export", fmt, "--db", str(demo_db)]
    pipeline = f"set -o pipefail; {shlex.join(command)} | head -1"
    result = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1
