#!/usr/bin/env python3
"""Evaluate the `auto` extraction chain: per-stage P/R/F1 on our own test set, and the real
development set scored by its own scorer.

    python bench/eval_generic.py                 # both tables
    python bench/eval_generic.py --json          # machine-readable
    python bench/eval_generic.py --check         # exit 1 below the quality floors (CI gate)

Own set: `tests/fixtures/generic/<case>/` holds `page.html` (or `page.ics`) and `gold.json`
in the real gold format plus `page_url`, `stage` (the stage that should read it; "none" for a
page that must yield no talk), optional `status` per talk and `follow` (feed URLs). Pages
are parsed in-process with `parsers.parse_document(..., "auto")`, then matched and scored
with `tests/fixtures/real/score.py`'s own functions, so both tables count the same way.
Negative pages count every talk found as a false positive of the stage that produced it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers import parse_document  # noqa: E402

OWN = ROOT / "tests" / "fixtures" / "generic"
REAL = ROOT / "tests" / "fixtures" / "real"
# Floors for --check: the targets, on both sets.
FLOORS = {"f1": 0.85, "date": 0.9, "speakers": 0.85}


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", REAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(path: Path, url: str) -> tuple[list[dict], list[str], str, float, list[str]]:
    result = parse_document(path.read_bytes(), url)
    preds = []
    for talk in result.talks:
        record = talk.to_dict()
        record["status"] = talk.status
        record["extracted_by"] = talk.extracted_by
        preds.append(record)
    follows = [f.url for f in result.follow]
    return preds, follows, result.parser, result.confidence, result.warnings


def own_cases() -> list[tuple[str, Path, dict]]:
    cases = []
    for gold_path in sorted(OWN.glob("*/gold.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        page = next(p for p in sorted(gold_path.parent.glob("page.*")))
        cases.append((gold["id"], page, gold))
    return cases


def evaluate_own(scorer) -> dict:
    items, stages = (
        {},
        defaultdict(
            lambda: {
                "labelled": 0,
                "matched": 0,
                "predicted": 0,
                "fields": defaultdict(lambda: [0, 0]),
            }
        ),
    )
    for case_id, page, gold in own_cases():
        started = time.perf_counter()
        preds, follows, parser, confidence, _warnings = predict(page, gold["page_url"])
        elapsed = time.perf_counter() - started
        stage = gold["stage"]
        if gold["talks"]:
            scored = scorer.score_item(gold, preds)
        else:
            scored = {"labelled": 0, "matched": 0, "predicted": len(preds), "fields": {}}
        status = _status_accuracy(scorer, gold, preds)
        follow_ok = sorted(gold.get("follow", [])) == sorted(follows) if "follow" in gold else None
        items[case_id] = {
            **scored,
            "stage": stage,
            "chosen": parser,
            "confidence": confidence,
            "status": status,
            "follow_ok": follow_ok,
            "seconds": round(elapsed, 3),
        }
        bucket = stages[stage if gold["talks"] else f"negative ({parser or 'none'})"]
        bucket["labelled"] += scored["labelled"]
        bucket["matched"] += scored["matched"]
        bucket["predicted"] += scored["predicted"]
        for name, field in scored.get("fields", {}).items():
            bucket["fields"][name][0] += field["correct"]
            bucket["fields"][name][1] += field["total"]
    return {
        "items": items,
        "stages": {k: _summary(v) for k, v in stages.items()},
        "overall": _summary(_total(stages.values())),
    }


def _status_accuracy(scorer, gold: dict, preds: list[dict]) -> tuple[int, int]:
    pairs = scorer.match(gold["talks"], preds)
    right = sum(
        1 for i, j in pairs if gold["talks"][i].get("status", "scheduled") == preds[j]["status"]
    )
    return right, len(pairs)


def _total(buckets) -> dict:
    total = {"labelled": 0, "matched": 0, "predicted": 0, "fields": defaultdict(lambda: [0, 0])}
    for bucket in buckets:
        for key in ("labelled", "matched", "predicted"):
            total[key] += bucket[key]
        for name, (right, count) in bucket["fields"].items():
            total["fields"][name][0] += right
            total["fields"][name][1] += count
    return total


def _summary(bucket: dict) -> dict:
    p = (
        bucket["matched"] / bucket["predicted"]
        if bucket["predicted"]
        else (1.0 if not bucket["labelled"] else 0.0)
    )
    r = bucket["matched"] / bucket["labelled"] if bucket["labelled"] else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    fields = {k: (c / t if t else None) for k, (c, t) in bucket["fields"].items()}
    return {
        "labelled": bucket["labelled"],
        "predicted": bucket["predicted"],
        "matched": bucket["matched"],
        "precision": p,
        "recall": r,
        "f1": f1,
        "fields": fields,
    }


def evaluate_real(scorer) -> dict:
    results = {}
    for item in scorer.load_manifest(REAL):
        gold = scorer.load_gold(REAL, item["id"])
        preds, *_rest = predict(scorer.page_path(REAL, item), item["page_url"])
        results[item["id"]] = scorer.score_item(gold, preds)
    return scorer.summarise(results)


def _pct(value) -> str:
    return "   - " if value is None else f"{100 * value:5.1f}"


def print_own(report: dict) -> None:
    print("Own test set (tests/fixtures/generic), by the stage each page is meant for")
    head = (
        f"{'case':22} {'stage':14} {'chosen':14} {'gold':>4} {'pred':>4} {'F1':>5} "
        f"{'spk':>5} {'date':>5} {'time':>5} {'loc':>5} {'sec':>5}"
    )
    print(head)
    print("-" * len(head))
    for case_id, item in report["items"].items():
        fields = item.get("fields", {})
        f1 = item.get("f1") if item["labelled"] else (1.0 if not item["predicted"] else 0.0)
        print(
            f"{case_id[:22]:22} {item['stage'][:14]:14} {(item['chosen'] or '-')[:14]:14} "
            f"{item['labelled']:>4} {item['predicted']:>4} {_pct(f1)} "
            + " ".join(
                _pct((fields.get(k) or {}).get("accuracy"))
                for k in ("speakers", "date", "start_time", "location")
            )
            + f" {item['seconds']:5.2f}"
        )
    print()
    print(
        f"{'stage':30} {'gold':>5} {'pred':>5} {'match':>5} {'P':>5} {'R':>5} {'F1':>5} | "
        f"{'spk':>5} {'date':>5} {'time':>5}"
    )
    for name, summary in [*sorted(report["stages"].items()), ("OVERALL", report["overall"])]:
        f = summary["fields"]
        print(
            f"{name[:30]:30} {summary['labelled']:>5} {summary['predicted']:>5} "
            f"{summary['matched']:>5} {_pct(summary['precision'])} {_pct(summary['recall'])} "
            f"{_pct(summary['f1'])} | {_pct(f.get('speakers'))} {_pct(f.get('date'))} "
            f"{_pct(f.get('start_time'))}"
        )
    right = sum(i["status"][0] for i in report["items"].values())
    total = sum(i["status"][1] for i in report["items"].values())
    print(f"status (scheduled/cancelled/postponed) correct on matched talks: {right}/{total}")


def print_real(summary: dict) -> None:
    print("\nReal development set (tests/fixtures/real, its scorer's matching)")
    for item_id, r in summary["items"].items():
        f = r["fields"]
        print(
            f"{item_id[:26]:26} gold={r['labelled']:>3} pred={r['predicted']:>3} "
            f"F1={_pct(r['f1'])} spk={_pct(f['speakers']['accuracy'])} "
            f"date={_pct(f['date']['accuracy'])} time={_pct(f['start_time']['accuracy'])}"
        )
    o = summary["overall"]
    print(
        f"OVERALL micro F1={_pct(o['f1'])} speakers={_pct(o['fields']['speakers']['accuracy'])} "
        f"date={_pct(o['fields']['date']['accuracy'])}"
    )


def below_floors(own: dict, real: dict) -> list[str]:
    problems = []
    checks = [
        ("own", own["overall"]["f1"], own["overall"]["fields"]),
        (
            "real",
            real["overall"]["f1"],
            {k: v["accuracy"] for k, v in real["overall"]["fields"].items()},
        ),
    ]
    for name, f1, fields in checks:
        if f1 < FLOORS["f1"]:
            problems.append(f"{name}: F1 {f1:.3f} < {FLOORS['f1']}")
        for field in ("date", "speakers"):
            value = fields.get(field)
            if value is not None and value < FLOORS[field]:
                problems.append(f"{name}: {field} accuracy {value:.3f} < {FLOORS[field]}")
    invented = sum(i["predicted"] for i in own["items"].values() if i["stage"] == "none")
    if invented:
        problems.append(f"own: {invented} talks invented on negative pages")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print a JSON report")
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors")
    args = parser.parse_args(argv)
    scorer = load_scorer()
    own, real = evaluate_own(scorer), evaluate_real(scorer)
    if args.json:
        print(json.dumps({"own": own, "real": real}, indent=1, default=str))
    else:
        print_own(own)
        print_real(real)
    problems = below_floors(own, real)
    for problem in problems:
        print(f"BELOW FLOOR: {problem}", file=sys.stderr)
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
