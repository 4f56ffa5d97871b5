"""How much parsing costs on top of building the HTML tree, page by page.

    python -m bench.parse [--runs 20] [--warmup 3] [--budget 1.0] [--no-corpus] [--all-pages]

For every bundled snapshot page (each seed listing, plus the talk pages a listing follows, e.g.
weihuang's five) it times what the crawler runs on that page (`parse_page` for a listing,
`parse_document(..., detail=True)` for a talk page) against `lxml.html.fromstring` on the same
bytes, run for run (interleaved, so both see the same noise), and prints median / min / max
and the ratio of medians, per page and overall (the sum of the pages' medians; its min and max
are those of the single runs). Why lxml as the yardstick: it is the floor (every parser builds
that tree first), so the ratio says how much our own selectors, text and date rules add,
independently of the machine. The target is `RATIO_TARGET` overall.

The same measurement over the real-page corpus (`tests/fixtures/corpus/`, every page as
`bench.score_corpus` parses it: `parse_page(content, page_url)`, the `auto` chain), reported
separately: those are the pages no site parser knows, read by the platform detectors,
schema.org, the heuristic extractor or the iCalendar parser. Its iCalendar feeds are timed
against `lxml.html.fromstring` on their bytes too (the same yardstick, though no tree is built
from a feed), and shown apart in the summary. `--all-pages` lists every corpus page.

Then the end-to-end number the foundation issue sets a budget for: `parse_site` over all five
snapshots, first run (cold caches) and median. Exits 1 when the median is over `--budget`
seconds, so CI can run it as a check.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html
from tabulate import tabulate

from crawler.paths import ROOT, SNAPSHOTS
from crawler.snapshots import Snapshot, load_snapshots
from parsers import parse_document, parse_page, parse_site

RATIO_TARGET = 5.0  # parse_page over lxml.html.fromstring, all pages together (the issue's)
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


@dataclass
class Page:
    name: str
    url: str
    content: bytes
    parse: Callable[[], int]  # returns the number of talks, so the work cannot be skipped
    kind: str = "html"  # "ics" for a corpus feed


def pages(snapshots: list[Snapshot]) -> list[Page]:
    """Each listing, then the detail pages it follows, as the crawler would meet them."""
    found = []
    for snap in snapshots:
        url = snap.site["seed_url"]
        content = snap.fetch(url) or b""
        found.append(Page(snap.site["slug"], url, content, _listing(content, url)))
        result = parse_document(content, url)
        for follow in result.follow:
            detail = snap.fetch(follow.url)
            if detail is not None:
                name = f"  {snap.site['slug']} {follow.url.rstrip('/').rsplit('/', 1)[-1]}"
                parse = _detail(detail, follow.url, result.parser)
                found.append(Page(name, follow.url, detail, parse))
    return found


def corpus_pages(root: Path = CORPUS) -> list[Page]:
    """Every page of the real-page corpus, parsed as `bench.score_corpus` does (`auto`)."""
    found = []
    for item in json.loads((root / "manifest.json").read_text("utf-8")):
        kind = "ics" if item["kind"] == "ics" else "html"
        content = (root / "pages" / f"{item['id']}.{kind}").read_bytes()
        url = item["page_url"]
        found.append(Page(item["id"], url, content, _listing(content, url), kind))
    return found


def _listing(content: bytes, url: str) -> Callable[[], int]:
    return lambda: len(parse_page(content, url))


def _detail(content: bytes, url: str, parser: str) -> Callable[[], int]:
    return lambda: len(parse_document(content, url, parser, detail=True).talks)


def timed(function: Callable[[], object], runs: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def crawl_all(snapshots: list[Snapshot]) -> int:
    """What `seminars demo` parses: every site, listing plus followed pages."""
    talks = 0
    for snap in snapshots:
        site = snap.site
        result = parse_site(
            snap.fetch, site["seed_url"], timezone=site["timezone"], series=site["name"]
        )
        talks += len(result.talks)
    return talks


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


@dataclass
class PageFigures:
    page: Page
    talks: int
    ours: list[float]  # seconds per run
    floor: list[float]  # lxml.html.fromstring, the same runs, interleaved

    @property
    def ratio(self) -> float:
        return statistics.median(self.ours) / statistics.median(self.floor)


@dataclass
class ParseFigures:
    pages: list[PageFigures]
    runs: int
    warmup: int
    first_run: float  # parse_site over every snapshot in a fresh process (cold caches)
    site_runs: list[float]  # parse_site over every snapshot, warm
    talks: int

    corpus: list[PageFigures] = field(default_factory=list)  # the real-page corpus, if run

    @property
    def ratio(self) -> float:
        """Overall: the sum of the pages' median parse times over the sum of lxml's."""
        return overall(self.pages)

    @property
    def run_ratios(self) -> list[float]:
        """The overall ratio of each run (all pages' times in that run), for min and max."""
        return run_ratios(self.pages, self.runs)

    @property
    def corpus_ratio(self) -> float:
        """The same overall ratio over the real-page corpus (nan when it was not run)."""
        return overall(self.corpus) if self.corpus else float("nan")


def overall(pages: list[PageFigures]) -> float:
    """The sum of the pages' median parse times over the sum of lxml's."""
    ours = sum(statistics.median(p.ours) for p in pages)
    return ours / sum(statistics.median(p.floor) for p in pages)


def run_ratios(pages: list[PageFigures], runs: int) -> list[float]:
    """The overall ratio of each run (all pages' times in that run), for min and max."""
    return [sum(p.ours[i] for p in pages) / sum(p.floor[i] for p in pages) for i in range(runs)]


def measure(runs: int = 20, warmup: int = 3, corpus: bool = True) -> ParseFigures:
    """Every page's parse and lxml times, interleaved run by run so both see the same noise;
    with `corpus`, the real-page corpus too."""
    logging.disable(logging.WARNING)  # parse warnings are not what is measured
    snapshots = load_snapshots(SNAPSHOTS)
    start = time.perf_counter()
    talks = crawl_all(snapshots)  # first, so it pays for cold caches like a fresh process
    first_run = time.perf_counter() - start
    figures = [side_by_side(page, runs, warmup) for page in pages(snapshots)]
    site_runs = timed(lambda: crawl_all(snapshots), runs, warmup)
    real = [side_by_side(page, runs, warmup) for page in corpus_pages()] if corpus else []
    return ParseFigures(figures, runs, warmup, first_run, site_runs, talks, real)


def side_by_side(page: Page, runs: int, warmup: int) -> PageFigures:
    """One page's parse and lxml times, interleaved run by run."""

    def floor() -> object:
        return lxml_html.fromstring(page.content)

    for _ in range(warmup):
        page.parse()
        floor()
    ours, tree = [], []
    for _ in range(runs):
        ours.extend(timed(page.parse, 1, 0))
        tree.extend(timed(floor, 1, 0))
    return PageFigures(page, page.parse(), ours, tree)


HEADERS = ["page", "KiB", "talks", "parse ms", "min", "max", "lxml ms", "ratio [min-max]"]


def table(figures: ParseFigures, all_pages: bool = False) -> str:
    """The seed pages' table; then, when it was run, the corpus summary (every corpus page
    with `all_pages`, else the ten that take the most parse time)."""
    rows = [_row(page) for page in figures.pages]
    rows.append(_total("all pages", figures.pages, figures.runs))
    text = tabulate(rows, headers=HEADERS, disable_numparse=True, colalign=("left",))
    if figures.corpus:
        text += "\n\n" + corpus_table(figures, all_pages)
    return text


def corpus_table(figures: ParseFigures, all_pages: bool = False) -> str:
    corpus = figures.corpus
    shown = corpus if all_pages else sorted(corpus, key=lambda p: -statistics.median(p.ours))[:10]
    title = "real-page corpus" + ("" if all_pages else f": the {len(shown)} slowest pages")
    rows = [[f"{title}:"] + [""] * 7] + [_row(page) for page in shown]
    html_pages = [p for p in corpus if p.page.kind == "html"]
    feeds = [p for p in corpus if p.page.kind == "ics"]
    rows.append(_total(f"corpus, all {len(corpus)} pages", corpus, figures.runs))
    if html_pages and feeds:
        rows.append(_total(f"corpus, {len(html_pages)} HTML pages", html_pages, figures.runs))
        rows.append(_total(f"corpus, {len(feeds)} iCalendar feeds", feeds, figures.runs))
    return tabulate(rows, headers=HEADERS, disable_numparse=True, colalign=("left",))


def _row(page: PageFigures) -> list[object]:
    ratios = [o / f for o, f in zip(page.ours, page.floor, strict=True)]
    return [
        page.page.name,
        f"{len(page.page.content) / 1024:.1f}",
        page.talks,
        ms(statistics.median(page.ours)),
        ms(min(page.ours)),
        ms(max(page.ours)),
        ms(statistics.median(page.floor)),
        f"{page.ratio:.1f}x [{min(ratios):.1f}-{max(ratios):.1f}]",
    ]


def _total(name: str, pages: list[PageFigures], runs: int) -> list[object]:
    ours = sum(statistics.median(p.ours) for p in pages)
    floor = sum(statistics.median(p.floor) for p in pages)
    each = run_ratios(pages, runs)
    return [name, "", "", ms(ours), "", "", ms(floor),
            f"{overall(pages):.1f}x [{min(each):.1f}-{max(each):.1f}]"]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--runs", type=int, default=20, help="timed runs per page (default 20)")
    options.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    options.add_argument("--budget", type=float, default=1.0, help="seconds for all snapshots")
    options.add_argument("--no-corpus", action="store_true", help="seed pages only")
    options.add_argument("--all-pages", action="store_true", help="list every corpus page")
    args = options.parse_args(argv)

    figures = measure(args.runs, args.warmup, corpus=not args.no_corpus)
    print(f"median of {args.runs} runs after {args.warmup} warm-up runs\n")
    print(table(figures, args.all_pages))
    verdict = "within" if figures.ratio <= RATIO_TARGET else "OVER"
    print(f"\nseed pages: {figures.ratio:.1f}x lxml ({verdict} the {RATIO_TARGET:g}x target)")
    if figures.corpus:
        verdict = "within" if figures.corpus_ratio <= RATIO_TARGET else "OVER"
        print(
            f"real-page corpus ({len(figures.corpus)} pages): {figures.corpus_ratio:.1f}x lxml "
            f"({verdict} the {RATIO_TARGET:g}x target)"
        )

    crawl = statistics.median(figures.site_runs)
    verdict = "within" if crawl <= args.budget else "OVER"
    print(
        f"parse_site over all {len(load_snapshots(SNAPSHOTS))} snapshots ({figures.talks} talks): "
        f"first run {ms(figures.first_run)} ms, median {ms(crawl)} ms "
        f"({verdict} the {args.budget:g} s budget)"
    )
    return 0 if crawl <= args.budget else 1


if __name__ == "__main__":
    raise SystemExit(main())
