"""The real-page corpus as a regression gate (as trafilatura's evaluation pins its scores).

* every page is the file its manifest names (sha256), and its gold is consistent;
* `seminars parse` reads every page in under 2 s (a bench-free ceiling, 10x today's worst)
  without a traceback;
* per-stage F1 on the tuning pages stays above its floor, and no tuning page that lists 3 or
  more talks gives none beyond the ones recorded. Floors are the last measured figures,
  rounded down: raise them when the extractor improves; a change that breaks real pages fails.
The held-out pages are not gated: they are scored blind, round by round (bench/RESULTS.md).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import score_corpus

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text("utf-8"))

# stage -> minimum micro F1 over the tuning pages that stage read.
STAGE_FLOORS = {"academicpages": 1.0, "hugo_academic": 1.0, "heuristic": 0.91, "ical": 0.99}
OVERALL_FLOOR = 0.92
KNOWN_REFUSED: set[str] = set()


@pytest.mark.parametrize("item", MANIFEST, ids=[item["id"] for item in MANIFEST])
def test_page_is_the_committed_file(item: dict) -> None:
    page = score_corpus.scorer().page_path(CORPUS, item)
    data = page.read_bytes()
    assert hashlib.sha256(data).hexdigest() == item["sha256"]
    assert len(data) == item["bytes"]
    gold = json.loads((CORPUS / "gold" / f"{item['id']}.json").read_text("utf-8"))
    assert gold["talk_count"] == len(gold["talks"]) == item["talk_count"]


def test_held_out_pages_exist_and_are_enough() -> None:
    held = set(json.loads((CORPUS / "split.json").read_text("utf-8"))["held_out"])
    assert held <= {item["id"] for item in MANIFEST}
    assert len(held) >= 15


@pytest.mark.slow
def test_every_page_parses_quickly_without_a_traceback() -> None:
    """One subprocess for all pages (the CLI path), timed per page inside it."""
    script = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from click.testing import CliRunner\n"
        "from crawler.cli import main\n"
        "out = {}\n"
        "for line in sys.stdin:\n"
        "    path, url = json.loads(line)\n"
        "    started = time.perf_counter()\n"
        "    args = ['parse', path, '--base-url', url, '--format', 'jsonl']\n"
        "    r = CliRunner().invoke(main, args)\n"
        "    tb = r.exception is not None and not isinstance(r.exception, SystemExit)\n"
        "    out[path] = [time.perf_counter() - started, tb, r.exit_code]\n"
        "print(json.dumps(out))\n"
    )
    pages = [
        json.dumps([str(score_corpus.scorer().page_path(CORPUS, item)), item["page_url"]])
        for item in MANIFEST
    ]
    done = subprocess.run(
        [sys.executable, "-c", script], input="\n".join(pages), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout.splitlines()[-1])
    tracebacks = [path for path, (_, tb, _) in results.items() if tb]
    assert not tracebacks
    slow = {path: seconds for path, (seconds, _, _) in results.items() if seconds > 2.0}
    assert not slow


def test_tuning_pages_keep_their_scores() -> None:
    report = score_corpus.evaluate(score_corpus.items("tune"))
    below = {
        stage: round(report["stages"][stage]["f1"], 3)
        for stage, floor in STAGE_FLOORS.items()
        if stage in report["stages"] and report["stages"][stage]["f1"] < floor
    }
    assert not below, f"stages below their floor: {below}"
    assert report["overall"]["f1"] >= OVERALL_FLOOR
    assert set(report["refused"]) <= KNOWN_REFUSED, report["refused"]
