"""`seminars report`: the HTML page checked structurally (the pixels: scripts/screenshot_report.py).

The chart is read back from the SVG's data attributes and compared with the database, so a
bar in the wrong place or a missing series fails here, without a browser.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from crawler.db.store import Store
from crawler.outputs.report import Series, month_range, nice_ceiling, nice_step

ROOT = Path(__file__).resolve().parents[1]

SEMINARS = [sys.executable, "-m", "crawler.cli"]
NOW = "2024-01-01"


def write_report(db: Path, out: Path, now: str) -> lxml_html.HtmlElement:
    result = subprocess.run(
        [*SEMINARS, "report", "--db", str(db), "--out", str(out), "--now", now],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{out}: ")
    return lxml_html.fromstring(out.read_bytes())


@pytest.fixture(scope="module")
def page(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> lxml_html.HtmlElement:
    return write_report(demo_db, tmp_path_factory.mktemp("page") / "report.html", NOW)


@pytest.fixture(scope="module")
def monthly(demo_db: Path) -> Counter[tuple[str, str]]:
    """(series id, 'YYYY-MM') -> talks, straight from the database."""
    with Store(demo_db) as store:
        rows = store.db.execute(
            "SELECT series_id, substr(starts_at, 1, 7), count(*) FROM talks "
            "WHERE starts_at IS NOT NULL AND removed_at IS NULL GROUP BY 1, 2"
        ).fetchall()
    return Counter({(series, month): count for series, month, count in rows})


def test_page_is_self_contained(page: lxml_html.HtmlElement) -> None:
    assert page.xpath("//script") == []
    assert page.xpath("//link") == []  # no stylesheets, icons or fonts from elsewhere
    assert page.xpath("//*[@src]") == []
    styles = " ".join(page.xpath("//style/text()"))
    assert "url(" not in styles and "@import" not in styles
    assert len(page.xpath("//svg")) == 1


def test_one_group_per_series_with_dated_talks(
    page: lxml_html.HtmlElement, monthly: Counter[tuple[str, str]]
) -> None:
    groups = page.xpath("//svg/g[@class='series']/@data-series")
    assert sorted(groups) == sorted({series for series, _ in monthly})
    assert len(groups) == len(set(groups))


def test_bars_match_the_database(
    page: lxml_html.HtmlElement, monthly: Counter[tuple[str, str]]
) -> None:
    bars = Counter()
    for group in page.xpath("//svg/g[@class='series']"):
        for rect in group.xpath("rect"):
            bars[(group.get("data-series"), rect.get("data-month"))] += int(rect.get("data-count"))
            assert rect.xpath("title/text()"), "every bar says its exact count on hover"
    assert bars == monthly


def test_bars_are_stacked_not_overlapping(page: lxml_html.HtmlElement) -> None:
    spans: dict[str, list[tuple[float, float]]] = {}
    for rect in page.xpath("//svg/g[@class='series']/rect"):
        y, height = float(rect.get("y")), float(rect.get("height"))
        assert height > 0
        spans.setdefault(rect.get("data-month"), []).append((y, y + height))
    for month, ranges in spans.items():
        ranges.sort()
        for (_, bottom), (top, _) in itertools.pairwise(ranges):
            assert top >= bottom - 0.2, month


def test_x_axis_labels_years(page: lxml_html.HtmlElement, monthly: Counter) -> None:
    years = sorted({month[:4] for _, month in monthly})
    labels = page.xpath("//svg/text[@class='xtick']/text()")
    assert set(labels) <= set(map(str, range(int(years[0]), int(years[-1]) + 1)))
    assert years[-1] in labels


def test_legend_lists_every_series(page: lxml_html.HtmlElement, demo_db: Path) -> None:
    with Store(demo_db) as store:
        names = [r[0] for r in store.db.execute("SELECT name FROM series ORDER BY rowid")]
    legend = [li.text_content() for li in page.xpath("//ul[@class='legend']/li")]
    assert len(legend) == len(names)
    for name, entry in zip(names, legend, strict=True):
        assert entry.startswith(name + " ")


def test_upcoming_talks_in_order(page: lxml_html.HtmlElement, demo_db: Path) -> None:
    with Store(demo_db) as store:
        expected = store.db.execute(
            "SELECT count(*) FROM talks WHERE removed_at IS NULL AND starts_at_utc >= ?", [NOW]
        ).fetchone()[0]
    times = page.xpath("//ol[@class='upcoming']/li//time/@datetime")
    assert len(times) == expected > 0
    starts = page.xpath("//ol[@class='upcoming']/li//time/text()")
    assert starts == sorted(starts)
    first = page.xpath("//ol[@class='upcoming']/li")[0].text_content()
    assert "Europe/Stockholm" in first and "Kathlén Kohn (KTH)" in first


def test_no_upcoming_talks_says_so(demo_db: Path, tmp_path: Path) -> None:
    page = write_report(demo_db, tmp_path / "later.html", "2099-01-01")
    assert page.xpath("//ol[@class='upcoming']") == []
    assert "No upcoming talks after 2099-01-01" in page.text_content()


def test_month_range_keeps_gaps() -> None:
    series = Series("a", "A", "#000")
    series.monthly.update({"2023-11": 1, "2024-02": 2})
    assert month_range([series]) == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert month_range([Series("b", "B", "#000")]) == []


@pytest.mark.parametrize(
    ("peak", "step", "top"),
    [(0, 1, 1), (1, 1, 1), (6, 1, 6), (7, 2, 8), (13, 5, 15), (31, 10, 40), (700, 200, 800)],
)
def test_y_axis_steps(peak: int, step: int, top: int) -> None:
    assert nice_step(max(peak, 1)) == step
    assert nice_ceiling(peak) == top
