"""Render `seminars report` in headless Chromium and save a screenshot to look at.

Why a script and not a test: CI does not install a browser, and whether a chart *looks* right
is for a person to judge. The unit test (tests/test_report.py) checks the HTML structure;
this checks the pixels. Needs Debian's chromium (`apt-get install -y chromium`).

    python scripts/screenshot_report.py                      # demo database, --now 2024-01-01
    python scripts/screenshot_report.py --db data/seminars.db --out report.png
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database (default: a fresh demo database)")
    parser.add_argument("--out", type=Path, default=Path("report.html.png"), help="PNG to write")
    parser.add_argument("--now", default="2024-01-01", help="'now' for the upcoming list")
    parser.add_argument("--size", default="1200,1600", help="window size WIDTH,HEIGHT")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("chromium not found (apt-get install -y chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or _demo_database(Path(tmp) / "demo.db")
        html = Path(tmp) / "report.html"
        _run([_seminars(), "report", "--db", str(db), "--out", str(html), "--now", args.now])
        _screenshot(browser, html, args.out.resolve(), args.size, Path(tmp) / "profile")
    print(args.out)
    return 0


def _demo_database(path: Path) -> Path:
    _run([_seminars(), "demo", "--db", str(path)])
    return path


def _screenshot(browser: str, html: Path, png: Path, size: str, profile: Path) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={size}",
            html.as_uri(),
        ]
    )
    if not png.exists() or png.stat().st_size == 0:
        raise SystemExit(f"chromium wrote no screenshot to {png}")


def _seminars() -> str:
    """The `seminars` script next to this interpreter (the project's virtualenv)."""
    script = Path(sys.executable).with_name("seminars")
    return str(script) if script.exists() else "seminars"


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stderr}")


if __name__ == "__main__":
    raise SystemExit(main())
