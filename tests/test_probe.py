"""`seminars probe` on every fixture: it runs, names a stage and never shows a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def _cases() -> list[tuple[str, str]]:
    cases = []
    for gold in sorted((FIXTURES / "generic").glob("*/gold.json")):
        page = next(gold.parent.glob("page.*"))
        cases.append((str(page), json.loads(gold.read_text("utf-8"))["page_url"]))
    for item in json.loads((FIXTURES / "real" / "manifest.json").read_text("utf-8")):
        ext = "ics" if item["kind"] == "ics" else "html"
        cases.append((str(FIXTURES / "real" / "pages" / f"{item['id']}.{ext}"), item["page_url"]))
    for site in sorted((FIXTURES / "sites").glob("*/site.json")):
        info = json.loads(site.read_text("utf-8"))
        cases.append((str(site.parent / info["local_path"]), info["seed_url"]))
    return cases


CASES = _cases()


@pytest.mark.parametrize(
    ("page", "url"), CASES, ids=[Path(p).parent.name + "/" + Path(p).name for p, _ in CASES]
)
def test_probe_every_fixture(page: str, url: str) -> None:
    result = CliRunner().invoke(main, ["probe", page, "--base-url", url])
    assert result.exit_code == 0, result.output
    assert "chosen:" in result.stdout
    assert "advice:" in result.stdout


def test_probe_shows_stage_table_and_talks() -> None:
    page = FIXTURES / "real" / "pages" / "md4sg-colloquium.html"
    result = CliRunner().invoke(
        main,
        [
            "probe",
            str(page),
            "--base-url",
            "https://md4sg.github.io/website/colloquium/",
            "--show",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "heuristic" in result.stdout and "structured" in result.stdout
    assert "chosen: heuristic" in result.stdout
    assert "Elissa Redmiles" in result.stdout
    assert "Saiph Savage" not in result.stdout  # only --show talks


def test_probe_refuses_a_news_page() -> None:
    page = FIXTURES / "generic" / "neg-news" / "page.html"
    result = CliRunner().invoke(main, ["probe", str(page)])
    assert result.exit_code == 0, result.output
    assert "talks: 0" in result.stdout
    assert "no stage found talks" in result.stdout


def test_probe_missing_file() -> None:
    result = CliRunner().invoke(main, ["probe", "/nonexistent/page.html"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
