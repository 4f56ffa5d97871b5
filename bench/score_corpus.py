#!/usr/bin/env python3
"""Score the `auto` extractor on the real-page corpus (`tests/fixtures/corpus/`).

    python -m bench.score_corpus                     # every page, a table
    python -m bench.score_corpus --set held-out      # only the held-out pages
    python -m bench.score_corpus --set tune --json   # machine-readable

Pages are parsed in-process with `parsers.parse_document(..., "auto")` (the same code as
`seminars parse FILE --base-url URL`), then matched and scored with the development set's own
scorer (`tests/fixtures/real/score.py`), so every table counts the same way. Two things the
scorer does not do, done here:
* negative pages (no talks in the gold) are scored apart: each talk found on one is a false
  positive, listed by page; they are left out of F1, where an empty page would count 0;
* which stage read each page (`extracted_by`), for per-stage F1: the regression gate in
  tests/test_corpus.py pins floors per stage on the tuning pages.
`split.json` names the held-out pages (scored blind, never tuned for) and the blind rounds.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from parsers import parse_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SCORER = ROOT / "tests" / "fixtures" / "real" / "score.py"


def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def items(which: str = "all", root: Path = CORPUS) -> list[dict[str, Any]]:
    manifest = json.loads((root / "manifest.json").read_text("utf-8"))
    held = set(json.loads((root / "split.json").read_text("utf-8"))["held_out"])
    if which == "all":
        return manifest
    return [item for item in manifest if (item["id"] in held) == (which == "held-out")]


def predict(path: Path, url: str) -> tuple[list[dict[str, Any]], str, float, float]:
    """(talks as the scorer reads them, stage, confidence, seconds) for one page."""
    started = time.perf_counter()
    result = parse_document(path.read_bytes(), url)
    seconds = time.perf_counter() - started
    talks = [talk.to_dict() for talk in result.talks]
    return talks, result.parser or "none", result.confidence, seconds


def evaluate(chosen: list[dict[str, Any]], root: Path = CORPUS) -> dict[str, Any]:
    score = scorer()
    positives: dict[str, dict[str, Any]] = {}
    negatives: dict[str, int] = {}
    stages: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    pages: dict[str, dict[str, Any]] = {}
    for item in chosen:
        gold = score.load_gold(root, item["id"])
        preds, stage, confidence, seconds = predict(score.page_path(root, item), item["page_url"])
        pages[item["id"]] = {
            "stage": stage,
            "confidence": confidence,
            "seconds": seconds,
            "predicted": len(preds),
            "gold": len(gold["talks"]),
        }
        if not gold["talks"]:
            negatives[item["id"]] = len(preds)
            continue
        result = score.score_item(gold, preds)
        positives[item["id"]] = result
        stages[stage][item["id"]] = result
    summary = score.summarise(positives)
    overall = summary["overall"]
    return {
        "overall": overall,
        "items": summary["items"],
        "stages": {name: score.summarise(found)["overall"] for name, found in stages.items()},
        "negatives": negatives,
        "pages": pages,
        "refused": sorted(  # a page that lists 3 or more talks and gave none: the worst outcome
            key for key, page in pages.items() if page["gold"] >= 3 and page["predicted"] == 0
        ),
    }


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{100 * value:5.1f}"


def print_report(report: dict[str, Any]) -> None:
    print(
        f"{'page':40} {'stage':14} {'gold':>4} {'pred':>4} {'F1':>5} {'spk':>5} {'date':>5}"
        f" {'time':>5} {'sec':>5}"
    )
    for key, page in sorted(report["pages"].items()):
        result = report["items"].get(key)
        fields = result["fields"] if result else {}
        f1 = _pct(result["f1"]) if result else ("  ok " if page["predicted"] == 0 else " FP! ")
        print(
            f"{key[:40]:40} {page['stage'][:14]:14} {page['gold']:4} {page['predicted']:4} "
            f"{f1} {_pct(fields.get('speakers', {}).get('accuracy'))} "
            f"{_pct(fields.get('date', {}).get('accuracy'))} "
            f"{_pct(fields.get('start_time', {}).get('accuracy'))} {page['seconds']:5.2f}"
        )
    o = report["overall"]
    f = o["fields"]
    print(
        f"\npositive pages {o['items']}: micro P {_pct(o['precision'])} R {_pct(o['recall'])} "
        f"F1 {_pct(o['f1'])}, macro F1 {_pct(o['macro_f1'])}; speakers "
        f"{_pct(f['speakers']['accuracy'])}, dates {_pct(f['date']['accuracy'])}, start times "
        f"{_pct(f['start_time']['accuracy'])}, location {_pct(f['location']['accuracy'])}"
    )
    wrong = {k: n for k, n in report["negatives"].items() if n}
    print(f"negative pages {len(report['negatives'])}: {len(wrong)} with talks found {wrong}")
    print(f"pages with >= 3 talks that gave none: {len(report['refused'])} {report['refused']}")
    for name, stage in sorted(report["stages"].items()):
        print(f"  stage {name:14} pages {stage['items']:3}  F1 {_pct(stage['f1'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["all", "tune", "held-out"], default="all")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = evaluate(items(args.set))
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
