"""A synthetic seminar web on 127.0.0.1 for the crawl and refresh benchmarks: its pages, the
server that serves them, and the words its talks are made of.

`site_pages.build` makes the sources and their pages (in the seed fixtures' own markup);
`Site` holds them by path, with their sources.toml entries. Every source lives under its own
path on one server, whose origin is in every absolute link. `Server` answers with `ETag`,
`Last-Modified` and `Cache-Control: max-age=0` (stale at once, so an HTTP cache must
revalidate; not `no-cache`, on which Scrapy's RFC 2616 policy refetches without validators)
and answers `If-None-Match` / `If-Modified-Since` with 304; it keeps HTTP/1.1 connections
alive and counts what it served. The vocabulary (`FIRST`, `LAST`, `PLACES`, `FRAME`, ...) is
shared with the store benchmark (`bench/store.py`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)  # fixed: pages never change by themselves
ROBOTS = b"User-agent: *\nAllow: /\n"


def _words(text: str, separator: str | None = None) -> list[str]:
    return text.split(separator)


FIRST = _words(
    "Emma Ana Liam Marten Karl Kathlén Wei Dan Anders Joosep Sofía Jiří Ngozi Hiroshi Priya "
    "Olga Mateus Chloé Tomasz Aisha Jonas Yuki Rafael Ingrid Omar Léa Bjørn Zhang Fatima Lucas"
)
LAST = _words(
    "Andersdotter Solus Wadenbäck Bengtsson Kohn Huang Roberts Hansen Pata Müller García "
    "Dvořák Okafor Tanaka Raman Ivanova Silva Dubois Kowalski Rahman Lindqvist Sato Costa "
    "Nyström Haddad Moreau Løvås Zhang Benali Ferreira"
)
PLACES = (
    ("KTH", "Stockholm, Sweden"),
    ("Umeå University", "Umeå, Sweden"),
    ("ETH Zürich", "Zürich, Switzerland"),
    ("University of Cambridge", "Cambridge, UK"),
    ("CERN", "Geneva, Switzerland"),
    ("MIT, Center for Theoretical Physics", "Cambridge, MA, USA"),
    ("Instituto Superior Técnico", "Lisbon, Portugal"),
    ("RIKEN AIP", "Tokyo, Japan"),
    ("Université Paris-Saclay", "Paris, France"),
    ("Max Planck Institute for Mathematics in the Sciences", "Leipzig, Germany"),
    ("University of Toronto", "Toronto, Canada"),
    ("Chalmers University of Technology", "Gothenburg, Sweden"),
)
TOPIC = _words(
    "Equivariant Neural Networks|Neural Tangent Kernels|Optimal Transport|Graph Neural Networks|"
    "Diffusion Models|Sheaf Theory|Lie Group Symmetries|Kernel Methods|Score Matching|"
    "Random Matrix Theory|Persistent Homology|Mean-Field Limits|Implicit Regularization|"
    "Causal Discovery|Operator Learning|Transformers|Sparse Coding|Stochastic Gradient Descent|"
    "Hamiltonian Dynamics|Gaussian Processes|Quantum Field Theory|Tropical Geometry",
    "|",
)
FRAME = (
    "{a} and {b}",
    "On {a} in {b}",
    "{a}: a {b} Perspective",
    "Towards {a} for {b}",
    "What {a} Can Teach Us About {b}",
    "Scaling Laws for {a}",
    "{a}, {b} and the Limits of Generalization",
    "Geometry of {a}",
)
SENTENCES = (
    "We study {a} through the lens of {b}.",
    "In the infinite-width limit the dynamics of {a} are governed by a deterministic kernel.",
    "This talk introduces a framework that unifies {a} and {b} and explains their success.",
    "We prove convergence rates of order \\(O(n^{{-1/2}})\\) under mild assumptions.",
    "Numerical experiments on molecular data illustrate the theory.",
    "Joint work with colleagues from {place}.",
    "The approach draws on ideas from representation theory, probability and physics.",
    "Finally, we discuss open problems and the limits of current methods.",
)
KINDS = ("Invited Talk", "Seminar Talk", "Conference Talk", "Workshop Talk", "Keynote")
TIMES = ("10:30", "14:15", "16:00", "11:00", "09:45", "13:30")


@dataclass
class Page:
    body: bytes
    etag: str


@dataclass
class Site:
    """Every page of the synthetic web, by path, and its sources (sources.toml entries)."""

    origin: str
    pages: dict[str, Page] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    talks: int = 0

    @property
    def urls(self) -> list[str]:
        return [self.origin + path for path in self.pages]

    def write_sources(self, path: Path) -> Path:
        lines = []
        for entry in self.sources:
            lines.append("[[source]]")
            lines.extend(f"{key} = {json.dumps(value)}" for key, value in entry.items())
            lines.append("")
        path.write_text("\n".join(lines), "utf-8")
        return path

    def add(self, path: str, html: str) -> None:
        body = html.encode("utf-8")
        self.pages[path] = Page(body, f'"{hashlib.sha1(body).hexdigest()[:16]}"')


# ---- the server ---------------------------------------------------------------------------------


class Server:
    """The site on http://127.0.0.1:<port>/, one thread per connection, HTTP/1.1 keep-alive.

    Usage: `server = Server(); site = server.serve(build(server.origin, 250))`; `stop()`.
    """

    def __init__(self) -> None:
        self.site: Site | None = None
        self.counts: Counter[str] = Counter()  # "200", "304", "404", "robots"
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def serve(self, site: Site) -> Site:
        self.site = site
        self.reset()
        return site

    def reset(self) -> Counter[str]:
        """The counts so far, then zero."""
        with self._lock:
            counts, self.counts = self.counts, Counter()
        return counts

    def count(self, key: str) -> None:
        with self._lock:
            self.counts[key] += 1

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real sites and Scrapy's pool do

        def do_GET(self) -> None:
            path = self.path.split("#", 1)[0]
            if path == "/robots.txt":
                server.count("robots")
                return self._send(200, ROBOTS, {"Content-Type": "text/plain"})
            page = server.site.pages.get(path) if server.site else None
            if page is None:
                server.count("404")
                return self._send(404, b"not found", {"Content-Type": "text/plain"})
            headers = {
                "Content-Type": "text/html; charset=utf-8",
                "ETag": page.etag,
                "Last-Modified": LAST_MODIFIED,
                "Cache-Control": "max-age=0",  # stale at once: a cache must revalidate
            }
            match = self.headers.get("If-None-Match")
            since = self.headers.get("If-Modified-Since")
            if match == page.etag or (match is None and since == LAST_MODIFIED):
                server.count("304")
                return self._send(304, b"", headers)
            server.count("200")
            return self._send(200, page.body, headers)

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response_only(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def handle(self) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()

    return Handler
