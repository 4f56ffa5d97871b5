"""What every benchmark stage needs: repeated samples summarised as median [min-max], child
processes timed with their peak memory, and a description of the machine and versions."""

from __future__ import annotations

import contextlib
import os
import platform
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Figure:
    """Repeated samples of one quantity; shown as `median [min-max]`."""

    samples: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.samples.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def low(self) -> float:
        return min(self.samples) if self.samples else float("nan")

    @property
    def high(self) -> float:
        return max(self.samples) if self.samples else float("nan")

    def show(self, digits: int = 1, unit: str = "") -> str:
        if len(self.samples) < 2:
            return f"{self.median:.{digits}f}{unit}"
        return f"{self.median:.{digits}f}{unit} [{self.low:.{digits}f}-{self.high:.{digits}f}]"


@dataclass
class Run:
    """One child process: wall time, CPU time, peak resident memory, exit code and output."""

    wall: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    cpu: float = 0.0  # user + system seconds of the child itself: steadier than wall on a busy box


def run(command: list[str], *, timeout: float, cwd: Path = ROOT) -> Run:
    """Run `command`, timing it and reading its peak RSS from `wait4` (its own rusage, not
    the sum of every child so far); killed after `timeout` seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
        timer = threading.Timer(timeout, _kill, [process.pid])
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        stdout.seek(0)
        stderr.seek(0)
        return Run(
            wall=wall,
            peak_rss_mb=usage.ru_maxrss / 1024,  # Linux: kilobytes
            returncode=process.returncode,
            stdout=stdout.read().decode("utf-8", "replace"),
            stderr=stderr.read().decode("utf-8", "replace"),
            cpu=usage.ru_utime + usage.ru_stime,
        )


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended in the meantime
        os.kill(pid, signal.SIGKILL)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def machine() -> dict[str, str]:
    """The machine and the versions that decide the figures."""

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB"
    except (ValueError, OSError):
        memory = "unknown"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": f"{cpu}, {os.cpu_count()} logical cores",
        "memory": memory,
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "Python": platform.python_version(),
        "Scrapy": version("scrapy"),
        "Twisted": version("twisted"),
        "lxml": version("lxml"),
        "libxml2": ".".join(map(str, _libxml2())),
        "SQLite": sqlite3.sqlite_version,
        "sqlite-utils": version("sqlite-utils"),
        "Datasette": version("datasette"),
        "dateparser": version("dateparser"),
    }


def _libxml2() -> tuple[int, ...]:
    from lxml import etree

    return etree.LIBXML_VERSION
