"""One talk, many listings: talks from different sources that are one event form a group.

A series page, the speaker's own talks page and a calendar feed of the same series may all
list one talk. Each source's row stays as it is (its provenance, `talk_changes`, `removed_at`);
`talk_group_members` puts it in a group and `talk_groups` holds, per group, the one real talk
readers see (`talks_view`, exports, calendars): its id is the canonical talk's, the member
that was in the group first (the oldest row), so a calendar UID does not change when a second
source joins.

Two talks are linked only on all of this evidence (`pair_evidence`):

* different sources (never inside one source);
* the same local day, or +-1 day when either side has no clock time or no zone; a talk
  without a date matches only when it is the one candidate of that source (an undated talk
  with the same title on two dates of another source stays alone);
* overlapping speakers: two names that can be one person (`people.name_rule`);
* similar titles: folded ratio >= 0.85, or one side untitled or "TBA" (not for an undated
  talk: a date alone never links).
A personal page's venue line naming the other talk's series or institution adds to the score.
Links are made best first; a group never holds two talks of one source.

The canonical record takes the richest value of each field: series pages before personal
pages, then oldest first; a start with a clock time and zone over a date alone; the longest
abstract; the union of links; the series' own location over a personal page's venue line;
the speakers of the member that gives the most affiliations.

`refresh` runs after a crawl on the talks it touched: people (every spelling gets a surname),
the groups of those talks and of all talks they can link to, people again (a shared talk is
evidence for initials). `rebuild` does every talk.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from sqlite_utils import Database

from crawler.db import people
from crawler.db.rows import utc_now
from crawler.db.views import refresh_listing
from parsers.common.text import fold
from parsers.talk import EXPORT_FIELDS

TITLE_RATIO = 0.85
GROUP_COLUMNS = ("title", "starts_at", "ends_at", "timezone", "location", "abstract", "url")
PERSONAL_KIND = "talks"  # series.kind of a speaker's own talks page
UNTITLED = frozenset({"", "tba", "tbd", "tbc", "title tba", "title tbd", "to be announced"})
# Talks of other sources with a speaker whose name shares a rule key with one of ours
# (people._keys: compact name, nickname form, surname + initials), +-1 day or either undated.
CANDIDATES = """
WITH mine AS (
  SELECT t.id, t.series_id, substr(t.starts_at, 1, 10) AS day, k.key FROM talks t
  JOIN talk_speakers ts ON ts.talk_id = t.id JOIN alias_keys k ON k.name = ts.name
  WHERE t.id IN (SELECT value FROM json_each(:ids)))
SELECT DISTINCT m.id, o.id FROM mine m CROSS JOIN alias_keys ok ON ok.key = m.key
CROSS JOIN talk_speakers os ON os.name = ok.name CROSS JOIN talks o ON o.id = os.talk_id
WHERE o.series_id != m.series_id AND (m.day IS NULL OR o.starts_at IS NULL
  OR abs(julianday(m.day) - julianday(substr(o.starts_at, 1, 10))) <= 1)
"""
TALK_COLUMNS = (
    "t.id, t.rowid AS rowid, t.series_id, t.title, t.starts_at, t.ends_at, t.starts_at_utc, "
    "t.ends_at_utc, t.timezone, t.location, t.online, t.abstract, t.url, t.source_url, t.kind, "
    "t.removed_at, s.name AS series_name, s.kind AS series_kind, s.institution"
)


@dataclass
class Edge:
    """Why two talks are one: the score orders links, `evidence` is kept for analysts."""

    score: float
    a: str
    b: str
    evidence: dict[str, Any]


def refresh(db: Database, talk_ids: Iterable[str]) -> int:
    """People, groups, people again, for these talks; returns how many talks were regrouped."""
    touched = sorted(set(talk_ids))
    people.refresh(db, touched)
    regrouped = relink(db, touched)
    people.refresh(db, regrouped)
    return len(regrouped)


def rebuild(db: Database) -> int:
    """Every person and group again (existing group ids are kept where their talk remains)."""
    people.rebuild(db)
    ids = [row[0] for row in db.execute("SELECT id FROM talks ORDER BY rowid")]
    regrouped = relink(db, ids)
    people.refresh(db, regrouped)
    return len(regrouped)


def relink(db: Database, talk_ids: list[str]) -> list[str]:
    """Regroup these talks and every talk linked to them, following links (not mere
    candidates) outwards: the components of the whole database restricted to what a change
    can reach. Returns the talks whose group changed."""
    seen: set[str] = set()
    frontier = set(talk_ids)
    talks: dict[str, dict[str, Any]] = {}
    linked: dict[tuple[str, str], Edge] = {}
    while frontier:
        batch = sorted(frontier - seen)
        seen.update(batch)
        pairs = _candidates(db, batch) - set(linked)
        needed = ({x for pair in pairs for x in pair} | set(batch)) - set(talks)
        talks.update(_load_talks(db, sorted(needed)))
        for a, b in sorted(pairs):
            if a in talks and b in talks and (edge := pair_evidence(talks[a], talks[b])):
                linked[(a, b)] = edge
        reached = {x for pair in linked for x in pair}
        frontier = (reached | _group_mates(db, batch)) - seen
    talks = {talk_id: talks[talk_id] for talk_id in seen if talk_id in talks}
    edges = _edges(talks, list(linked.values()))
    groups = _components(talks, edges)
    return _write(db, talks, groups, edges)


def _candidates(db: Database, ids: list[str]) -> set[tuple[str, str]]:
    """Pairs of these talks and CANDIDATES, smaller id first."""
    rows = db.execute(CANDIDATES, {"ids": json.dumps(ids)}).fetchall()
    return {(a, b) if a < b else (b, a) for a, b in rows}


def _group_mates(db: Database, ids: list[str]) -> set[str]:
    """Every talk in a group with one of these."""
    rows = db.execute(
        "SELECT talk_id FROM talk_group_members WHERE group_id IN ("
        "SELECT group_id FROM talk_group_members WHERE talk_id IN "
        "(SELECT value FROM json_each(?)))",
        [json.dumps(ids)],
    )
    return {row[0] for row in rows}


def _load_talks(db: Database, ids: list[str]) -> dict[str, dict[str, Any]]:
    talks = {
        row["id"]: {**row, "speakers": [], "links": []}
        for row in db.query(
            f"SELECT {TALK_COLUMNS} FROM talks t JOIN series s ON s.id = t.series_id "
            "WHERE t.id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
    }
    for table, columns in (("talk_speakers", "name, affiliation"), ("links", "kind, url")):
        for row in db.query(
            f"SELECT talk_id, {columns} FROM {table} WHERE talk_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY talk_id, position",
            [json.dumps(ids)],
        ):
            talks[row.pop("talk_id")][table.split("_")[-1]].append(row)
    return talks


def pair_evidence(a: dict[str, Any], b: dict[str, Any]) -> Edge | None:
    """The link between two talks, or None when any piece of evidence is missing."""
    if a["series_id"] == b["series_id"]:
        return None
    when = _day_evidence(a, b)
    if when is None:
        return None
    speakers = _shared_speakers(a, b)
    if not speakers:
        return None
    title_a, title_b = _title_key(a["title"]), _title_key(b["title"])
    if title_a and title_b:
        ratio = SequenceMatcher(None, title_a, title_b).ratio()
        if ratio < TITLE_RATIO:
            return None
    elif when == "undated":
        return None  # no date and no title to compare: a speaker alone never links
    else:
        ratio = 0.0
    venue = _venue_named(a, b) or _venue_named(b, a)
    score = {"same day": 2.0, "+-1 day": 1.0, "undated": 0.5}[when] + ratio + 0.5 * venue
    titled = round(ratio, 3) if title_a and title_b else "untitled"
    evidence = {"date": when, "title": titled, "speakers": speakers}
    evidence |= {"venue": True} if venue else {}
    return Edge(score, *sorted((a["id"], b["id"])), evidence)


def _day_evidence(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    if not a["starts_at"] or not b["starts_at"]:
        return None if not a["starts_at"] and not b["starts_at"] else "undated"
    gap = abs(
        (date.fromisoformat(a["starts_at"][:10]) - date.fromisoformat(b["starts_at"][:10])).days
    )
    if gap == 0:
        return "same day"
    loose = any(len(t["starts_at"]) == 10 or not t["timezone"] for t in (a, b))
    return "+-1 day" if gap == 1 and loose else None


def _shared_speakers(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    found = []
    for x in a["speakers"]:
        for y in b["speakers"]:
            rule = people.name_rule(x["name"], y["name"])
            if rule:
                found.append(f"{x['name']} ~ {y['name']} ({rule})")
    return found


def _title_key(title: str | None) -> str:
    key = fold(title or "")
    return "" if key in UNTITLED else key


def _venue_named(personal: dict[str, Any], other: dict[str, Any]) -> bool:
    """A personal page's venue line names the other talk's series or institution."""
    venue = fold(personal["location"] or "")
    if personal["series_kind"] != PERSONAL_KIND or not venue:
        return False
    names = (other["series_name"], other["institution"])
    return any(name and fold(name) in venue for name in names)


def _edges(talks: dict[str, dict[str, Any]], found: list[Edge]) -> list[Edge]:
    """The links among these talks, minus an undated talk's ambiguous ones, best first."""
    edges = [edge for edge in found if edge.a in talks and edge.b in talks]
    undated: dict[tuple[str, str], list[Edge]] = defaultdict(list)
    for edge in edges:
        if edge.evidence["date"] == "undated":
            lone = edge.a if not talks[edge.a]["starts_at"] else edge.b
            other = edge.b if lone == edge.a else edge.a
            undated[(lone, talks[other]["series_id"])].append(edge)
    ambiguous = {id(e) for found in undated.values() if len(found) > 1 for e in found}
    edges = [edge for edge in edges if id(edge) not in ambiguous]
    return sorted(edges, key=lambda e: (-e.score, e.a, e.b))


def _components(talks: dict[str, dict[str, Any]], edges: list[Edge]) -> list[list[str]]:
    """Groups of two or more talks, best links first, never two talks of one source."""
    root = {talk_id: talk_id for talk_id in talks}
    series = {talk_id: {talk["series_id"]} for talk_id, talk in talks.items()}

    def find(x: str) -> str:
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    for edge in edges:
        ra, rb = find(edge.a), find(edge.b)
        if ra == rb or series[ra] & series[rb]:
            continue
        root[rb] = ra
        series[ra] |= series.pop(rb)
    members: dict[str, list[str]] = defaultdict(list)
    for talk_id in talks:
        members[find(talk_id)].append(talk_id)
    return [
        sorted(group, key=lambda t: talks[t]["rowid"])
        for group in members.values()
        if len(group) > 1
    ]


def canonical_record(members: list[dict[str, Any]]) -> dict[str, Any]:
    """The group's real talk: the richest value of each field (see module docstring).

    `members` come oldest first; the first is the canonical talk (its series and kind)."""
    ranked = sorted(members, key=lambda t: (t["series_kind"] == PERSONAL_KIND, t["rowid"]))
    timed = [t for t in ranked if t["starts_at"]]
    start = next(
        (t for t in timed if len(t["starts_at"]) > 10 and t["timezone"]),
        next((t for t in timed if len(t["starts_at"]) > 10), timed[0] if timed else None),
    )
    speakers_from = max(
        ranked, key=lambda t: (sum(1 for s in t["speakers"] if s["affiliation"]), -ranked.index(t))
    )
    links: dict[str, dict[str, Any]] = {}
    for talk in ranked:
        for link in talk["links"]:
            links.setdefault(link["url"], {"kind": link["kind"], "url": link["url"]})
    abstracts = [t["abstract"] for t in ranked if t["abstract"]]
    online = next((t["online"] for t in ranked if t["online"] is not None), None)
    first = members[0]
    values = {
        "title": next((t["title"] for t in ranked if _title_key(t["title"])), first["title"]),
        "speakers": [dict(s) for s in speakers_from["speakers"]],
        "starts_at": start["starts_at"] if start else None,
        "ends_at": start["ends_at"] if start else None,
        "timezone": start["timezone"] if start else first["timezone"],
        "location": next((t["location"] for t in ranked if t["location"]), None),
        "online": None if online is None else bool(online),
        "abstract": max(abstracts, key=len) if abstracts else None,
        "url": next((t["url"] for t in ranked if t["url"]), None),
        "links": list(links.values()),
        "kind": first["kind"],
        "series": first["series_name"],
    }
    return {key: values[key] for key in EXPORT_FIELDS}


def _write(
    db: Database,
    talks: dict[str, dict[str, Any]],
    groups: list[list[str]],
    edges: list[Edge],
) -> None:
    """Replace the groups of these talks; a group keeps its id while its canonical talk stays
    in it, and its revision goes up only when its record changes. Returns the talks whose
    group changed."""
    ids = json.dumps(sorted(talks))
    previous = dict(
        db.execute(
            "SELECT talk_id, group_id FROM talk_group_members "
            "WHERE talk_id IN (SELECT value FROM json_each(?))",
            [ids],
        ).fetchall()
    )
    old = {
        row["id"]: row
        for row in db.query(
            "SELECT id, record, revision, changed_at FROM talk_groups WHERE id IN "
            "(SELECT group_id FROM talk_group_members WHERE talk_id IN "
            "(SELECT value FROM json_each(?)))",
            [ids],
        )
    }
    db.execute(
        "DELETE FROM talk_groups WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(old))],
    )
    db.execute(
        "DELETE FROM talk_group_members WHERE talk_id IN (SELECT value FROM json_each(?))", [ids]
    )
    now = utc_now()
    after: dict[str, str] = {}
    by_talk: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        by_talk[edge.a].append(edge)
        by_talk[edge.b].append(edge)
    for group in groups:
        kept = [t for t in group if t in old]
        group_id = kept[0] if kept else group[0]
        members = [talks[group_id]] + [talks[t] for t in group if t != group_id]
        record = canonical_record(members)
        before = old.get(group_id)
        db.table("talk_groups").insert(_group_row(group_id, members, record, before, now))
        db.conn.executemany(
            "INSERT INTO talk_group_members (talk_id, group_id, rule, evidence) "
            "VALUES (?, ?, ?, ?)",
            [_member_row(talk, group_id, group, by_talk) for talk in group],
        )
        after.update(dict.fromkeys(group, group_id))
    refresh_listing(db, list(talks))  # talks_view's rows of these talks and their groups
    return sorted(t for t in talks if previous.get(t) != after.get(t))


def _group_row(
    group_id: str,
    members: list[dict[str, Any]],
    record: dict[str, Any],
    before: dict[str, Any] | None,
    now: str,
) -> dict[str, Any]:
    """The talk_groups row: the record's fields as talks_view reads them, plus bookkeeping.
    A new group is revision 1 (its calendar event changed from the single listing's)."""
    ranked = sorted(members, key=lambda t: (t["series_kind"] == PERSONAL_KIND, t["rowid"]))
    start = next((t for t in members if t["starts_at"] == record["starts_at"]), members[0])
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    same = before is not None and before["record"] == text
    dated = bool(record["starts_at"])
    return {
        "id": group_id,
        "sources": len(members),
        "live": sum(1 for t in members if t["removed_at"] is None),
        "source_urls": json.dumps([t["url"] or t["source_url"] for t in ranked]),
        **{key: record[key] for key in GROUP_COLUMNS},
        "starts_at_utc": start["starts_at_utc"] if dated else None,
        "ends_at_utc": start["ends_at_utc"] if dated else None,
        "online": None if record["online"] is None else int(record["online"]),
        "links": json.dumps(record["links"]) if record["links"] else None,
        "speakers_from": next(t for t in ranked if t["speakers"] == record["speakers"])["id"],
        "speaker_names": "; ".join(s["name"] for s in record["speakers"]) or None,
        "record": text,
        "revision": before["revision"] + (not same) if before else 1,
        "changed_at": before["changed_at"] if same and before else now,
    }


def _member_row(
    talk_id: str, group_id: str, group: list[str], by_talk: dict[str, list[Edge]]
) -> tuple[str, str, str, str | None]:
    """A member's rule: 'canonical', or the best link to another member of its group."""
    if talk_id == group_id:
        return (talk_id, group_id, "canonical", None)
    inside = set(group)
    edge = next(e for e in by_talk[talk_id] if e.a in inside and e.b in inside)
    other = edge.b if edge.a == talk_id else edge.a
    rule = f"{edge.evidence['date']}+speakers+title"
    return (talk_id, group_id, rule, json.dumps({"with": other, **edge.evidence}))
