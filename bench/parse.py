"""How much parsing costs on top of building the HTML tree, page by page.

    python -m bench.parse [--runs 20] [--warmup 3] [--budget 1.0]

For every bundled snapshot page (each seed listing, plus the talk pages a listing follows, e.g.
weihuang's five) it times what the crawler runs on that page (`parse_page` for a listing,
`parse_document(..., detail=True)` for a talk page) against `lxml.html.fromstring` on the same
bytes, and prints median / min / max and the ratio of medians. Why lxml as the yardstick: it
is the floor (every parser builds that tree first), so the ratio says how much our own
selectors, text and date rules add, independently of the machine.

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


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--runs", type=int, default=20, help="timed runs per page (default 20)")
    options.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    options.add_argument("--budget", type=float, default=1.0, help="seconds for all snapshots")
    args = options.parse_args(argv)
    logging.disable(logging.WARNING)  # parse warnings are not what is measured

    snapshots = load_snapshots(SNAPSHOTS)
    start = time.perf_counter()
    talks = crawl_all(snapshots)  # first, so it pays for cold caches like a fresh process
    first_run = time.perf_counter() - start

    rows, parse_total, lxml_total = [], 0.0, 0.0
    for page in pages(snapshots):
        ours = timed(page.parse, args.runs, args.warmup)
        tree = timed(lambda p=page: lxml_html.fromstring(p.content), args.runs, args.warmup)
        ours_median, tree_median = statistics.median(ours), statistics.median(tree)
        parse_total += ours_median
        lxml_total += tree_median
        rows.append(
            [
                page.name,
                f"{len(page.content) / 1024:.1f}",
                page.parse(),
                ms(ours_median),
                ms(min(ours)),
                ms(max(ours)),
                ms(tree_median),
                f"{ours_median / tree_median:.1f}x",
            ]
        )
    rows.append(
        ["all pages", "", "", ms(parse_total), "", "", ms(lxml_total),
         f"{parse_total / lxml_total:.1f}x"]
    )  # fmt: skip
    headers = ["page", "KiB", "talks", "parse ms", "min", "max", "lxml ms", "ratio"]
    print(f"median of {args.runs} runs after {args.warmup} warm-up runs\n")
    print(tabulate(rows, headers=headers, disable_numparse=True, colalign=("left",)))

    crawl = statistics.median(timed(lambda: crawl_all(snapshots), args.runs, args.warmup))
    verdict = "within" if crawl <= args.budget else "OVER"
    print(
        f"\nparse_site over all {len(snapshots)} snapshots ({talks} talks): "
        f"first run {ms(first_run)} ms, median {ms(crawl)} ms "
        f"({verdict} the {args.budget:g} s budget)"
    )
    return 0 if crawl <= args.budget else 1


if __name__ == "__main__":
    raise SystemExit(main())
