"""Store and query benchmark: upserts through `crawler.db.store`, then Datasette latency.

Upsert: generated talks (1-3 speakers with affiliations, 0-3 links, abstracts of a few
hundred characters to a few thousand) are saved with `Store.save_talks` in listing pages of
20, `COMMIT_PAGES` pages per transaction, each page in its savepoint (as the crawler writes
them: `crawler.db.batch.WriteBatch`), into a fresh database: talks/s. Then the same talks
again, unchanged (the path a nightly refresh takes for every talk of a changed page):
talks/s.

Queries: `seminars serve` (Datasette, immutable, the project's metadata) runs over that
database on 127.0.0.1; every canned query of data/metadata.yml and a full-text search of
talks_view are timed over a keep-alive connection, with parameters drawn from the
generated data: p50 and p95 latency.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import math
import os
import random
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.measure import ROOT, Figure, python
from bench.site import FIRST, FRAME, LAST, PLACES, _words
from crawler import settings
from crawler.db.batch import WriteBatch
from crawler.db.store import Store

BATCH = 20  # talks per listing page
COMMIT_PAGES = settings.SEMINARS_COMMIT_PAGES  # listing pages per transaction, as a crawl
SEARCH = "talks_view ?_search="  # the search box of the table readers browse: the target's
COMMON = ("learning", "theory", "data")  # words in a fifth to a third of the abstracts
TALKS_PER_SERIES = 200
Batch = tuple[str, list[dict[str, Any]]]  # a source and one listing page of its talks


@dataclass
class StoreResult:
    talks: int
    insert_rate: Figure = field(default_factory=Figure)  # talks/s into a fresh database
    update_rate: Figure = field(default_factory=Figure)  # talks/s, the same talks again
    db_mb: float = 0.0
    latency: dict[str, tuple[float, float, int]] = field(default_factory=dict)  # p50, p95, n
    errors: dict[str, int] = field(default_factory=dict)


# A vocabulary about as varied as a real seminar archive: 60 x 60 topics, 3,600 surnames.
QUALIFIERS = _words(
    "equivariant stochastic sparse implicit quantum tropical random deep convex geometric "
    "bayesian spectral variational causal neural discrete continuous hyperbolic symplectic "
    "algebraic probabilistic robust adversarial federated unsupervised generative kernelized "
    "hierarchical recurrent topological combinatorial differentiable asymptotic nonparametric "
    "riemannian hamiltonian lagrangian statistical optimal adaptive distributed invariant "
    "multiscale nonlinear linear low-rank overparameterized infinite-width mean-field "
    "high-dimensional compositional relational graphical physical numerical scalable "
    "interpretable certified private fair"
)
SUBJECTS = _words(
    "kernels transport graphs manifolds operators diffusion attention transformers networks "
    "embeddings flows sampling inference regression classification clustering optimization "
    "dynamics symmetries invariants representations features priors posteriors estimators "
    "games control planning retrieval compression codes sheaves homology cohomology "
    "lattices polytopes matroids tensors matrices spectra wavelets signals images molecules "
    "proteins materials climate markets languages programs proofs theorems algorithms "
    "architectures gradients losses landscapes minima generalization memorization scaling "
    "tokenizers agents"
)
SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "to", "vi", "an", "ber", "da", "el", "fon", "gu", "ha",
             "is", "jo", "ku", "lin", "mar", "no", "or", "pe", "qui", "ro", "sen", "tur", "ul",
             "ve", "wen", "xi", "ya", "zo", "ström", "sson", "ová", "ez", "ini", "ski", "oglu",
             "ardt")  # fmt: skip
FILLER = (
    "Deep learning has changed how we approach {a}.",
    "We study {a} through the lens of {b}.",
    "This talk introduces a framework that unifies {a} and {b}.",
    "We prove convergence rates of order \\(O(n^{{-1/2}})\\) under mild assumptions.",
    "Numerical experiments on real data illustrate the theory.",
    "Joint work with colleagues from {place}.",
    "The approach draws on ideas from representation theory, probability and physics.",
    "Finally, we discuss open problems in {a}.",
    "Surprisingly, {a} behaves very differently once {b} enters the picture.",
    "I will survey recent progress on {a}, with an emphasis on open questions.",
    "Our main result characterizes when {a} can be computed efficiently.",
    "Applications range from molecular biology to weather forecasting.",
    "No background beyond basic linear algebra will be assumed.",
    "The second part of the talk is based on experiments with {b}.",
    "These estimates are sharp, as a matching lower bound shows.",
    "We also release an open-source implementation.",
    "A key ingredient is a new concentration inequality for {a}.",
    "Along the way we revisit classical results of Kolmogorov and Arnold.",
    "Simulations confirm the predicted phase transition.",
    "This is joint work with students at {place}.",
)


def _vocabulary(rnd: random.Random) -> tuple[list[str], list[str]]:
    topics = [f"{q} {s}" for q in QUALIFIERS for s in SUBJECTS]
    surnames = sorted(
        {
            (a + b + c).capitalize()
            for a in SYLLABLES
            for b in SYLLABLES
            for c in ("", "n", "s", "berg", "i", "a")
            if rnd.random() < 0.4
        }
    )
    return topics, [*LAST, *surnames]


def _abstract(rnd: random.Random, sentences: list[str]) -> str:
    """1-3 paragraphs, 4-10 different sentences in all (a filler is in a third of talks)."""
    chosen = rnd.sample(sentences, rnd.randint(4, 10))
    cuts = sorted(rnd.sample(range(1, len(chosen)), min(len(chosen) - 1, rnd.randint(0, 2))))
    parts = [chosen[a:b] for a, b in zip([0, *cuts], [*cuts, len(chosen)], strict=True)]
    return "\n\n".join(" ".join(part) for part in parts)


def generate(count: int, seed: int = 1) -> list[tuple[str, list[dict[str, Any]]]]:
    """`count` talk records as the crawler hands them to the store, in (source, batch)s."""
    return list(iter_batches(count, seed))


def iter_batches(count: int, seed: int = 1) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """`generate`, one batch at a time (the same talks: 1,000,000 do not fit in memory)."""
    rnd = random.Random(seed)
    topics, surnames = _vocabulary(rnd)
    for start in range(0, count, BATCH):
        series = start // TALKS_PER_SERIES
        source = f"series{series}"
        batch = []
        for index in range(start, min(start + BATCH, count)):
            a, b = rnd.sample(topics, 2)
            day = f"20{rnd.randint(15, 26)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            timed = rnd.random() < 0.7
            affiliation, place = rnd.choice(PLACES)
            sentences = [s.format(a=a, b=b, place=affiliation) for s in FILLER]
            url = f"https://talks{series}.example.org/talks/{index}"
            batch.append(
                {
                    "id": hashlib.sha1(url.encode()).hexdigest()[:16],  # as Talk.id: random
                    "title": rnd.choice(FRAME).format(a=a.title(), b=b.title()),
                    "speakers": [
                        {"name": f"{rnd.choice(FIRST)} {rnd.choice(surnames)}", "affiliation": aff}
                        for aff in rnd.sample([affiliation, None, "KTH", "CERN"], rnd.randint(1, 3))
                    ],
                    "starts_at": f"{day}T{rnd.randint(9, 17):02d}:30:00+01:00" if timed else day,
                    "ends_at": None,
                    "timezone": "Europe/Stockholm" if timed else None,
                    "location": f"Room {rnd.randint(1, 40)}, {place}",
                    "online": rnd.choice((True, False, None)),
                    "abstract": _abstract(rnd, sentences),
                    "url": url,
                    "links": [
                        {"kind": kind, "url": f"{url}/{kind}"}
                        for kind in rnd.sample(("slides", "video", "paper"), rnd.randint(0, 3))
                    ],
                    "kind": "seminar",
                    "series": f"Series {series}",
                    "status": "scheduled",
                    "extracted_by": "bench",
                    "source_url": f"https://talks{series}.example.org/talks/",
                    "position": index % TALKS_PER_SERIES,
                }
            )
        yield source, batch


def upsert(
    db: Path, batches: list[tuple[str, list[dict[str, Any]]]], commit_pages: int = 1
) -> float:
    """Seconds to save every batch: one transaction each, or with `commit_pages` > 1 as a
    crawl writes them (`WriteBatch`: that many pages per transaction, each in a savepoint)."""
    with Store(db) as store:
        start = time.perf_counter()
        if commit_pages == 1:
            for source, batch in batches:
                store.save_talks(source, batch)
            return time.perf_counter() - start
        writes = WriteBatch(store, pages=commit_pages, seconds=math.inf)
        for source, batch in batches:
            with writes.page():
                store.save_talks(source, batch)
            if writes.due():
                writes.commit()
        writes.commit()
        return time.perf_counter() - start


def store_stage(talks: int, repeats: int, queries: int, log: Any = print) -> StoreResult:
    result = StoreResult(talks=talks)
    batches = generate(talks)
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        db = Path(tmp) / "seminars.db"
        for attempt in range(repeats):
            for path in Path(tmp).glob("seminars.db*"):
                path.unlink()
            insert = upsert(db, batches, COMMIT_PAGES)
            update = upsert(db, batches, COMMIT_PAGES)
            result.insert_rate.add(talks / insert)
            result.update_rate.add(talks / update)
            log(
                f"  store {talks} talks run {attempt + 1}/{repeats}: insert {talks / insert:.0f}"
                f"/s, unchanged {talks / update:.0f}/s"
            )
        result.db_mb = db.stat().st_size / 2**20
        with Datasette(db) as server:
            for name, paths in _requests(batches, queries).items():
                times, errors = server.time(paths)
                result.latency[name] = (
                    _percentile(times, 50),
                    _percentile(times, 95),
                    len(times),
                )
                result.errors[name] = errors
                log(f"  query {name}: p50 {result.latency[name][0]:.1f} ms, p95 "
                    f"{result.latency[name][1]:.1f} ms ({errors} errors)")  # fmt: skip
    return result


def _requests(
    batches: list[tuple[str, list[dict[str, Any]]]], count: int, database: str = "seminars"
) -> dict[str, list[str]]:
    """Request paths per query, with parameters a reader would type (drawn from the data)."""
    rnd = random.Random(2)
    talks = [talk for _, batch in batches for talk in batch]
    topics, surnames = _vocabulary(random.Random(1))

    def pick_search() -> str:
        """What readers type: a topic word, two of them, a surname, a phrase; 1 in 33 a word
        in a quarter to a third of all abstracts ("learning", timed apart as well)."""
        roll = rnd.random()
        if roll < 0.35:
            return rnd.choice(rnd.choice(topics).split())
        if roll < 0.55:
            return " ".join(w for t in rnd.sample(topics, 2) for w in t.split()[:1])
        if roll < 0.8:
            return rnd.choice(surnames)
        if roll < 0.97:
            return f'"{rnd.choice(topics)}"'
        return rnd.choice(COMMON)

    def canned(name: str, **params: str) -> str:
        return f"/{database}/{name}.json?" + urlencode({**params, "_shape": "objects"})

    series = sorted({source for source, _ in batches})
    return {
        "search (canned)": [canned("search", q=pick_search()) for _ in range(count)],
        SEARCH: [
            f"/{database}/talks_view.json?"
            + urlencode({"_search": pick_search(), "_shape": "objects"})
            for _ in range(count)
        ],
        f"{SEARCH} (diagnostic: no facets)": [
            f"/{database}/talks_view.json?"
            + urlencode({"_search": pick_search(), "_shape": "objects", "_nofacet": "1"})
            for _ in range(count // 2)
        ],
        f"{SEARCH} (common words only)": [
            f"/{database}/talks_view.json?" + urlencode({"_search": word, "_shape": "objects"})
            for word in COMMON * max(1, count // 30)
        ],
        "upcoming": [
            canned("upcoming", tz=rnd.choice(("", "America/New_York")),
                   since=f"20{rnd.randint(24, 26)}-06-01")
            for _ in range(count // 4)
        ],
        "by_speaker": [
            canned("by_speaker", speaker=rnd.choice(surnames)) for _ in range(count // 4)
        ],
        "talks_per_series_per_year": [canned("talks_per_series_per_year")] * max(2, count // 20),
        "with_slides": [canned("with_slides")] * max(2, count // 20),
        "recent_changes": [canned("recent_changes", since="")] * max(2, count // 20),
        "calendar": [
            canned("calendar", q=pick_search(), series=rnd.choice(series + [""] * 3))
            for _ in range(count // 4)
        ],
        "talk row": [
            f"/{database}/talks/{rnd.choice(talks)['id']}.json" for _ in range(count // 4)
        ],
        # every default facet, with no filter: the first page a reader opens
        "talks_view (default facets)": [f"/{database}/talks_view.json?_shape=objects"]
        * max(2, count // 10),
        "talks (default facets)": [f"/{database}/talks.json?_shape=objects"]
        * max(2, count // 10),
        "talks ?_search=": [
            f"/{database}/talks.json?" + urlencode({"_search": pick_search(), "_shape": "objects"})
            for _ in range(count // 2)
        ],
    }  # fmt: skip


def _percentile(values: list[float], percent: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


class Datasette:
    """`seminars serve` on a free port, stopped (SIGTERM, then SIGKILL) on exit."""

    def __init__(self, db: Path, *options: str) -> None:
        self.db = db
        self.options = options  # more `seminars serve` options (e.g. another --metadata)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]

    def __enter__(self) -> Datasette:
        command = python(
            "-m", "crawler.cli", "serve", "--db", str(self.db), "--port", str(self.port),
            *self.options,
        )  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"seminars serve exited: {self.process.stderr.read()!r}")
            try:
                status, _ = self._get(
                    http.client.HTTPConnection("127.0.0.1", self.port), "/-/versions.json"
                )
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("seminars serve did not start within 60 s")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def peak_rss_mb(self) -> float:
        """The server's peak resident memory so far (Linux: VmHWM), in MB."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return float("nan")
        line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
        return int(line.split()[1]) / 1024

    def time(self, paths: list[str]) -> tuple[list[float], int]:
        """Milliseconds per request, one keep-alive connection, after one warm-up request."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        if paths:
            self._get(connection, paths[0])
        times, errors = [], 0
        for path in paths:
            start = time.perf_counter()
            status, body = self._get(connection, path)
            elapsed = (time.perf_counter() - start) * 1000
            if status != 200 or not isinstance(json.loads(body), dict | list):
                errors += 1
            times.append(elapsed)
        connection.close()
        return times, errors

    @staticmethod
    def _get(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
