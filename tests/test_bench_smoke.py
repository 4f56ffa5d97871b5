"""Smoke run of every benchmark stage at toy sizes: it runs and its numbers are sane.

No timing is asserted (CI machines vary); `python -m bench` is the benchmark. What is checked
is that each stage measured what it claims: every page fetched, talks stored, 304s served,
queries answered.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench import __main__ as suite
from bench import big, crawl, parse, site_pages, store

# Subprocess crawls, servers or a demo database: deselect with -m 'not slow'.
pytestmark = pytest.mark.slow


ROOT = Path(__file__).resolve().parents[1]

PAGES = 23  # one academicpages source (21 pages), one cards page, one IST page


def quiet(*_: object) -> None:
    pass


def sane(value: float) -> bool:
    return math.isfinite(value) and value > 0


def test_parse_stage_times_every_snapshot_page() -> None:
    figures = parse.measure(runs=2, warmup=0)
    assert len(figures.pages) >= 5
    assert all(page.talks > 0 for page in figures.pages)
    assert sane(figures.ratio) and all(sane(r) for r in figures.run_ratios)


def test_synthetic_site_has_every_kind_of_source() -> None:
    built = site_pages.build("http://127.0.0.1:9", PAGES)
    assert len(built.pages) == PAGES == site_pages.pages_for(len(built.sources))
    assert [s["parser"] for s in built.sources] == ["auto", "gapindnns", "ist_mpml"]
    assert built.talks == 3 * site_pages.TALKS_PER_LISTING


def test_crawl_stage_fetches_every_page_with_both_spiders() -> None:
    [result] = crawl.crawl_stage([PAGES], repeats=1, log=quiet)
    assert result.pages == PAGES
    for figure in (result.ours_rate, result.bare_rate, result.ratio, result.ours_rss):
        assert figure.samples and all(sane(v) for v in figure.samples)


def test_refresh_stage_changes_only_last_seen_and_gets_304s() -> None:
    result = crawl.refresh_stage(PAGES, repeats=1, log=quiet)
    assert result.not_modified == PAGES
    assert result.talk_columns_changed <= {"last_seen"}
    assert result.second_rows["talks"]["inserted"] == 0
    assert result.third_rows["talk_changes"]["inserted"] == 0
    assert all(sane(v) for v in (result.first.median, result.second.median, result.third.median))


def test_store_stage_upserts_and_answers_every_query() -> None:
    result = store.store_stage(talks=200, repeats=1, queries=4, log=quiet)
    assert sane(result.insert_rate.median) and sane(result.update_rate.median)
    assert store.SEARCH in result.latency
    for name, (p50, p95, count) in result.latency.items():
        assert count > 0 and sane(p50) and p95 >= p50, name
        assert result.errors[name] == 0, name


def test_big_stage_builds_measures_and_keeps_its_section(tmp_path: Path) -> None:
    result = big.big_stage(talks=400, queries=4, repeats=1, log=quiet, directory=tmp_path)
    assert sane(result.build_rate) and sane(result.insert_rate.median) and result.db_mb > 0
    assert sane(result.build_rss_mb) and sane(result.server_rss_mb)
    assert {"talks_view (default facets)", "talks (default facets)", store.SEARCH} <= set(
        result.latency
    )
    assert not any(result.errors.values()), result.errors
    out = tmp_path / "RESULTS.md"
    out.write_text(f"# Benchmark results\n\n{suite.ANALYSIS}\nnotes\n", "utf-8")
    suite.write_big(out, result, 1.0)
    text = out.read_text("utf-8")
    assert text.index(suite.BIG_START) < text.index(suite.ANALYSIS) and text.endswith("notes\n")
    assert "400 talks" in text
    # a normal run rewrites the stages and keeps the --big section
    assert suite.main(["--quick", "--stages", "parse", "--out", str(out)]) == 0
    kept = out.read_text("utf-8")
    assert suite.BIG_START in kept and "400 talks" in kept and kept.endswith("notes\n")


@pytest.mark.parametrize("stages", ["parse"])
def test_suite_writes_results(tmp_path: Path, stages: str) -> None:
    out = tmp_path / "RESULTS.md"
    assert suite.main(["--quick", "--stages", stages, "--out", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "## Targets" in text and "parse_page vs lxml" in text and suite.ANALYSIS in text
