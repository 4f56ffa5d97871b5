"""The one mapping between a talk record and database rows, both ways.

A talk record is what the crawl hands the store: `Talk.to_record()`, i.e. `Talk.to_dict()` (THE
export schema, `EXPORT_FIELDS` in order) plus `id`, `status`, `extracted_by`, `source_url` and
a `position`. Each export field is stored in exactly one way, declared once below:

* `speakers`, `links`: rows of `talk_speakers` / `links`, in page order;
* `series`: the series' `name` (joined in as `series_name` when read back);
* every other export field: the `talks` column of the same name (`online` as 0/1).

`talk_row` goes record -> talks row, `export_from_row` goes talks row (+ its speakers and links)
-> export dict; both are built on `EXPORT_FIELDS`, so a field added to `Talk.to_dict()` is a
column here or fails loudly. The `content_hash` of the export dict is how a re-crawl tells an
unchanged talk with one comparison, and `change_value` is how `talk_changes` stores a value.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from parsers.common.dates import to_utc
from parsers.common.text import fold
from parsers.talk import EXPORT_FIELDS, STATUSES

CHILD_FIELDS = ("speakers", "links")  # export fields kept as rows of their own table
COLUMN_FIELDS = tuple(f for f in EXPORT_FIELDS if f not in (*CHILD_FIELDS, "series"))
# Fields whose change is recorded in talk_changes: the export fields plus status, because a
# cancellation is exactly the kind of change a reader of the database wants to see.
TRACKED_FIELDS = (*EXPORT_FIELDS, "status")


def utc_now() -> str:
    """Current UTC time as ISO 8601 with an explicit +00:00, the format of every timestamp."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def speaker_id(name: str) -> str:
    """Stable speaker id from the folded name (same person, same id, across series)."""
    return hashlib.sha1(fold(name).encode()).hexdigest()[:16]


def export_dict(talk: dict[str, Any]) -> dict[str, Any]:
    """A talk record reduced to the export schema, in export key order (what gets hashed and
    diffed): equal to `Talk.to_dict()` for a record made by `Talk.to_record()`, and tolerant
    of hand-made records (missing keys are None, extra speaker/link keys are dropped)."""
    data = {key: talk.get(key) for key in EXPORT_FIELDS}
    data["speakers"] = [
        {"name": s["name"], "affiliation": s.get("affiliation")} for s in talk.get("speakers") or ()
    ]
    data["links"] = [{"kind": lk.get("kind"), "url": lk["url"]} for lk in talk.get("links") or ()]
    return data


def content_hash(export: dict[str, Any]) -> str:
    """sha1 of canonical JSON: equal hash means nothing a reader can see has changed."""
    canonical = json.dumps(export, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(canonical.encode()).hexdigest()


def change_value(value: Any) -> str | None:
    """talk_changes stores text: strings as-is, lists/bools/numbers as JSON, None as NULL."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def talk_row(
    talk: dict[str, Any], export: dict[str, Any], source_id: str, position: int
) -> dict[str, Any]:
    """The talks row of one incoming record (everything but the first/last seen timestamps)."""
    status = talk.get("status") or "scheduled"
    if status not in STATUSES:
        raise ValueError(f"talk {talk.get('id')}: unknown status {status!r}")
    row = {"id": talk["id"], "series_id": source_id, "position": position}
    row.update((name, export[name]) for name in COLUMN_FIELDS)
    row["online"] = None if row["online"] is None else int(bool(row["online"]))
    row.update(
        starts_at_utc=to_utc(export["starts_at"], export["timezone"]),
        ends_at_utc=to_utc(export["ends_at"], export["timezone"]),
        status=status,
        speaker_names="; ".join(s["name"] for s in export["speakers"]) or None,
        source_url=talk.get("source_url"),
        extracted_by=talk.get("extracted_by"),
        content_hash=content_hash(export),
    )
    return row


def speaker_rows(talk_id: str, speakers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """talk_speakers rows of one talk, in page order (speakers.name is one spelling per folded
    name; the row keeps this page's spelling, which is what exports return)."""
    return [
        {
            "talk_id": talk_id,
            "speaker_id": speaker_id(s["name"]),
            "position": position,
            "name": s["name"],
            "affiliation": s["affiliation"],
        }
        for position, s in enumerate(speakers)
    ]


def link_rows(talk_id: str, links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """links rows of one talk, in page order."""
    return [
        {"talk_id": talk_id, "position": position, "kind": link["kind"], "url": link["url"]}
        for position, link in enumerate(links)
    ]


def export_from_row(
    row: dict[str, Any], speakers: list[dict[str, Any]], links: list[dict[str, Any]]
) -> dict[str, Any]:
    """Inverse of `talk_row` + `speaker_rows` + `link_rows`: the export dict, in export order.

    `row` is a talks row with the series' name as `series_name`; `speakers` and `links` are
    the export dicts of its talk_speakers and links rows, in page order.
    """
    online = row["online"]
    values = {
        **row,
        "online": None if online is None else bool(online),
        "series": row["series_name"],
        "speakers": speakers,
        "links": links,
    }
    return {key: values[key] for key in EXPORT_FIELDS}
