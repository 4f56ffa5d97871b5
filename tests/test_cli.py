"""The `seminars` command line: real fixture pages in, expected.jsonl values out; bad input
gives one `error:` line and a non-zero exit, never a traceback.

Commands run in-process with click's CliRunner (fast, separate stderr); the demo -> export smoke
test runs the installed console script in a subprocess, as a user would.
"""

from __future__ import annotations

import json
import shutil
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
    assert_one_error_line(run("parse", str(tmp_path)))


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
