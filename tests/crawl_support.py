"""Helpers for the crawl tests: local site mirrors with injectable faults, and the CLI runner.

Every crawl runs `seminars` in a subprocess, because Twisted's reactor cannot be restarted in
one process. Sites are served by `Mirror`: one snapshot folder (tests/fixtures/sites/<slug>) on
its own 127.0.0.1 port, with the real site's origin rewritten to the mirror's in every body, so
absolute links keep working and each mirror is its own "site" for the same-site rule.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.snapshots import Snapshot

ROOT = Path(__file__).resolve().parents[1]

SITES = ROOT / "tests" / "fixtures" / "sites"
SOURCES_TOML = ROOT / "data" / "sources.toml"
SEED_ORDER = ("ngml", "gapindnns", "weihuang", "ist_mpml", "utexas_mdl")
# Loopback needs no politeness; small limits keep the fault tests quick.
FAST = (
    "AUTOTHROTTLE_ENABLED=False",
    "DOWNLOAD_DELAY=0",
    "RETRY_TIMES=1",
    "DOWNLOAD_TIMEOUT=3",
)


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`seminars ARGS` in a fresh process (one reactor per process), from the repo root."""
    command = [sys.executable, "-m", "crawler.cli", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def start_cli(*args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "crawler.cli", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def crawl_args(sources: Path, db: Path, *extra: str) -> list[str]:
    args = ["crawl", "--sources", str(sources), "--db", str(db)]
    for setting in FAST:
        args += ["-s", setting]
    return [*args, *extra]


def expected(slug: str) -> list[dict[str, Any]]:
    lines = (SITES / slug / "expected.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def site(slug: str) -> dict[str, Any]:
    return json.loads((SITES / slug / "site.json").read_text("utf-8"))


def copy_sites(target: Path) -> Path:
    """A writable copy of the fixture sites (the originals are read-only)."""
    shutil.copytree(SITES, target, copy_function=shutil.copyfile)
    for path in [target, *target.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return target


def query(db: Path, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql, params)]


def export(db: Path) -> list[dict[str, Any]]:
    result = run_cli("export", "jsonl", "--db", str(db))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def write_sources(path: Path, entries: list[dict[str, Any]]) -> Path:
    """A sources.toml with these entries (strings and booleans only)."""
    lines = []
    for entry in entries:
        lines.append("[[source]]")
        for key, value in entry.items():
            if value is not None:
                lines.append(f"{key} = {json.dumps(value)}")
        lines.append("")
    path.write_text("\n".join(lines), "utf-8")
    return path


# ---- mirrors --------------------------------------------------------------------------------


Fault = Callable[[BaseHTTPRequestHandler, bytes], bool]  # True when it answered the request


@dataclass
class Mirror:
    """A snapshot folder served at http://127.0.0.1:<port>/ (see module docstring)."""

    folder: Path
    faults: dict[str, Fault] = field(default_factory=dict)  # path -> fault, "*" for any path
    robots: str | None = None
    etag: bool = False  # send ETags and answer If-None-Match with 304 (conditional requests)
    not_modified: list[str] = field(default_factory=list)  # paths answered with 304
    requests: list[tuple[float, str, str]] = field(default_factory=list)  # when, path, agent
    # Unix time every page was last modified: sent as Last-Modified (with no Cache-Control),
    # and an If-Modified-Since not older than it is answered with 304
    last_modified: float | None = None

    def __post_init__(self) -> None:
        self.snapshot = Snapshot(self.folder, json.loads((self.folder / "site.json").read_text()))
        self.real_origin = _origin(self.snapshot.site["seed_url"])
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def seed_url(self) -> str:
        return self.local(self.snapshot.site["seed_url"])

    @property
    def seed_path(self) -> str:
        return urlsplit(self.seed_url).path

    def local(self, text: str) -> str:
        return text.replace(self.real_origin, self.origin)

    def start(self) -> Mirror:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def hits(self, path: str) -> list[float]:
        return [when for when, seen, _ in self.requests if seen == path]

    def body(self, path: str) -> bytes | None:
        file = self.snapshot.path_for(self.real_origin + path)
        if file is None:
            return None
        return file.read_bytes().replace(self.real_origin.encode(), self.origin.encode())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _handler(mirror: Mirror) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            agent = self.headers.get("User-Agent", "")
            mirror.requests.append((time.monotonic(), path, agent))
            robots_fault = mirror.faults.get(path) if path == "/robots.txt" else None
            if robots_fault is not None and robots_fault(self, b""):
                return None
            if path == "/robots.txt":
                return self._robots()
            body = mirror.body(path)
            fault = mirror.faults.get(path) or mirror.faults.get("*")
            if fault is not None and fault(self, body or b""):
                return None
            if body is None:
                return send(self, 404, b"not found")
            if mirror.last_modified is not None:
                return _answer_by_date(self, mirror, path, body)
            if not mirror.etag:
                return send(self, 200, body)
            etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
            if self.headers.get("If-None-Match") == etag:
                mirror.not_modified.append(path)
                return send(self, 304, b"", headers={"ETag": etag})
            return send(self, 200, body, headers={"ETag": etag})

        def _robots(self) -> None:
            if mirror.robots is None:
                send(self, 404, b"no robots.txt")
            else:
                send(self, 200, mirror.robots.encode(), "text/plain")

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

        def handle(self) -> None:
            # the crawler gives up on slow or truncated responses, as intended
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()

    return Handler


def _answer_by_date(
    handler: BaseHTTPRequestHandler, mirror: Mirror, path: str, body: bytes
) -> None:
    """200 with Last-Modified, or 304 when If-Modified-Since is not older than the page."""
    modified = int(mirror.last_modified or 0)
    headers = {"Last-Modified": formatdate(modified, usegmt=True)}
    since = handler.headers.get("If-Modified-Since")
    with contextlib.suppress(TypeError, ValueError):
        if since and parsedate_to_datetime(since).timestamp() >= modified:
            mirror.not_modified.append(path)
            return send(handler, 304, b"", headers=headers)
    return send(handler, 200, body, headers=headers)


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
    length: int | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body) if length is None else length))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()


# ---- faults -------------------------------------------------------------------------------------


def status(code: int, headers: dict[str, str] | None = None) -> Fault:
    def fault(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        send(handler, code, b"<html><body>error</body></html>", headers=headers)
        return True

    return fault


def slow(seconds: float) -> Fault:
    def fault(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        time.sleep(seconds)
        return False  # then answer normally (if anyone is still listening)

    return fault


def replace_body(new_body: bytes) -> Fault:
    def fault(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        send(handler, 200, new_body)
        return True

    return fault


def redirect(location: str) -> Fault:
    def fault(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        send(handler, 302, b"", headers={"Location": location})
        return True

    return fault


def huge(size: int) -> Fault:
    def fault(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        send(handler, 200, body + b"<!--" + b"x" * size + b"-->")
        return True

    return fault


def truncated() -> Fault:
    """Promise more bytes than are sent, then close the connection."""

    def fault(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        send(handler, 200, body[: len(body) // 2], length=len(body))
        handler.close_connection = True
        return True

    return fault


def hang_up() -> Fault:
    """Close the connection without answering."""

    def fault(handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        handler.close_connection = True
        return True

    return fault


@contextmanager
def refusing_port() -> Iterator[int]:
    """A 127.0.0.1 port that refuses connections while the block runs: bound by this process
    but not listening, so no other program can start listening on it meanwhile."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


def wait_for(check: Callable[[], bool], timeout: float = 30, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def served(folders: dict[str, Path]) -> Iterator[dict[str, Mirror]]:
    """Each snapshot folder served by its own Mirror while the block runs, by key."""
    started = {key: Mirror(folder).start() for key, folder in folders.items()}
    try:
        yield started
    finally:
        for mirror in started.values():
            mirror.stop()
