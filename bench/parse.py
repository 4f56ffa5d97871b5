"""How much parsing costs on top of building the HTML tree, page by page.

    python -m bench.parse [--runs 20] [--warmup 3] [--budget 1.0]

For every bundled snapshot page (each seed listing, plus the talk pages a listing follows, e.g.
weihuang's five) it times what the crawler runs on that page (`parse_page` for a listing,
`parse_document(..., detail=True)` for a talk page) against `lxml.html.fromstring` on the same
bytes, run for run (interleaved, so both see the same noise), and prints median / min / max
and the ratio of medians, per page and overall (the sum of the pages' medians; its min and max
are those of the single runs). Why lxml as the yardstick: it is the floor (every parser builds
that tree first), so the ratio says how much our own selectors, text and date rules add,
independently of the machine. The target is `RATIO_TARGET` overall.

Then the end-to-end number the foundation issue sets a budget for: `parse_site` over all five
snapshots, first run (cold caches) and median. Exits 1 when the median is over `--budget`
seconds, so CI can run it as a check.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from lxml import html as lxml_html
from tabulate import tabulate

from crawler.paths import SNAPSHOTS
from crawler.snapshots import Snapshot, load_snapshots
from parsers import parse_document, parse_page, parse_site

RATIO_TARGET = 5.0  # parse_page over lxml.html.fromstring, all pages together (the issue's)


@dataclass
class Page:
    name: str
    url: str
    content: bytes
    parse: Callable[[], int]  # returns the number of talks, so the work cannot be skipped


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

    @property
    def ratio(self) -> float:
        """Overall: the sum of the pages' median parse times over the sum of lxml's."""
        ours = sum(statistics.median(p.ours) for p in self.pages)
        return ours / sum(statistics.median(p.floor) for p in self.pages)

    @property
    def run_ratios(self) -> list[float]:
        """The overall ratio of each run (all pages' times in that run), for min and max."""
        return [
            sum(p.ours[i] for p in self.pages) / sum(p.floor[i] for p in self.pages)
            for i in range(self.runs)
        ]


def measure(runs: int = 20, warmup: int = 3) -> ParseFigures:
    """Every page's parse and lxml times, interleaved run by run so both see the same noise."""
    logging.disable(logging.WARNING)  # parse warnings are not what is measured
    snapshots = load_snapshots(SNAPSHOTS)
    start = time.perf_counter()
    talks = crawl_all(snapshots)  # first, so it pays for cold caches like a fresh process
    first_run = time.perf_counter() - start
    figures = []
    for page in pages(snapshots):

        def floor(p: Page = page) -> object:
            return lxml_html.fromstring(p.content)

        for _ in range(warmup):
            page.parse()
            floor()
        ours, tree = [], []
        for _ in range(runs):
            ours.extend(timed(page.parse, 1, 0))
            tree.extend(timed(floor, 1, 0))
        figures.append(PageFigures(page, page.parse(), ours, tree))
    site_runs = timed(lambda: crawl_all(snapshots), runs, warmup)
    return ParseFigures(figures, runs, warmup, first_run, site_runs, talks)


def table(figures: ParseFigures) -> str:
    rows = []
    for page in figures.pages:
        ratios = [o / f for o, f in zip(page.ours, page.floor, strict=True)]
        rows.append(
            [
                page.page.name,
                f"{len(page.page.content) / 1024:.1f}",
                page.talks,
                ms(statistics.median(page.ours)),
                ms(min(page.ours)),
                ms(max(page.ours)),
                ms(statistics.median(page.floor)),
                f"{page.ratio:.1f}x [{min(ratios):.1f}-{max(ratios):.1f}]",
            ]
        )
    ours = sum(statistics.median(p.ours) for p in figures.pages)
    floor = sum(statistics.median(p.floor) for p in figures.pages)
    run_ratios = figures.run_ratios
    rows.append(
        ["all pages", "", "", ms(ours), "", "", ms(floor),
         f"{figures.ratio:.1f}x [{min(run_ratios):.1f}-{max(run_ratios):.1f}]"]
    )  # fmt: skip
    headers = ["page", "KiB", "talks", "parse ms", "min", "max", "lxml ms", "ratio [min-max]"]
    return tabulate(rows, headers=headers, disable_numparse=True, colalign=("left",))


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--runs", type=int, default=20, help="timed runs per page (default 20)")
    options.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    options.add_argument("--budget", type=float, default=1.0, help="seconds for all snapshots")
    args = options.parse_args(argv)

    figures = measure(args.runs, args.warmup)
    print(f"median of {args.runs} runs after {args.warmup} warm-up runs\n")
    print(table(figures))
    verdict = "within" if figures.ratio <= RATIO_TARGET else "OVER"
    print(f"\noverall {figures.ratio:.1f}x lxml ({verdict} the {RATIO_TARGET:g}x target)")

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
