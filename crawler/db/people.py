"""One person, many spellings: the `people` table, its aliases, and `talk_speakers.person_id`.

Every distinct spelling of a speaker's name (`talk_speakers.name`, exactly as a page printed
it) is an alias (`person_aliases`) of exactly one person (`people`). Spellings are merged
conservatively, by these rules only, and each alias records the rule that joined it:

* `folded`: equal after folding case, diacritics, hyphens and spacing ("Kathlén Kohn" and
  "Kathlen Kohn", "Jean-Pierre Serre" and "Jean Pierre Serre");
* `nickname`: a nickname in parentheses stands for the given names ("Zhengkang (Kevin) Zhang"
  and "Kevin Zhang");
* `initials+affiliation`, `initials+talk`: initials against full given names ("J. Bruna" and
  "Joan Bruna"), only when the two spellings share an affiliation (as printed with their
  talks) or a talk (the same talk group, see `crawler.db.linking`).

Never on a surname alone, and never against a conflicting affiliation on the same day (two
spellings on different talks that day, with affiliations that do not match). Every rule needs
the same surname, so spellings are clustered per surname. A crawl reclusters only the
spellings on the talks it touched, those a rule could join them to and the other aliases of
their people, from the talk_speakers rows alone: the result is the same whatever order the
data came in, and an alias whose evidence is gone splits off again.

A person's id is derived from its first spelling (the alias with the oldest talk_speakers
row); its name is the fullest spelling (no initials) that most talks use.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlite_utils import Database

from parsers.common.text import fold

NICKNAME = re.compile(r"\s*\(([^()]{2,30})\)\s*")
# Rules in the order they are tried and preferred (the alias records the first that holds).
RULES = ("folded", "nickname", "initials+affiliation", "initials+talk")


@dataclass(frozen=True)
class Name:
    """A spelling taken apart: folded given-name tokens, surname, nickname, compact key."""

    given: tuple[str, ...]
    surname: str
    nickname: str | None
    compact: str  # folded, no spaces: the `folded` rule's key


@lru_cache(maxsize=1 << 16)
def split_name(name: str) -> Name:
    """Given names, surname and nickname of a spelling (the surname is the last word)."""
    match = NICKNAME.search(name)
    nickname = fold(match.group(1)) if match else None
    tokens = fold(NICKNAME.sub(" ", name)).split()
    if not tokens:
        return Name((), "", nickname, "")
    return Name(tuple(tokens[:-1]), tokens[-1], nickname, "".join(tokens))


def surname_key(name: str) -> str:
    return split_name(name).surname


def name_rule(a: str, b: str) -> str | None:
    """The rule under which two spellings may be one person from the names alone:
    `folded`, `nickname` or `initials` (which still needs evidence); None if they cannot."""
    x, y = split_name(a), split_name(b)
    if not x.surname or x.surname != y.surname:
        return None
    if x.compact == y.compact:
        return "folded"
    if _nickname_form(x) == y.compact or _nickname_form(y) == x.compact:
        return "nickname"
    if _initials_match(x.given, y.given):
        return "initials"
    return None


def _nickname_form(name: Name) -> str | None:
    return name.nickname.replace(" ", "") + name.surname if name.nickname else None


def _initials_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same number of given names, each equal or an initial of the other, one initial at
    least ("j" ~ "joan", "j p" ~ "jean pierre"); nothing when either has no given name."""
    if not a or len(a) != len(b):
        return False
    initial = False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            initial = True
            continue
        return False
    return initial


def person_id(name: str) -> str:
    """A person's id, from the exact spelling it was first seen under."""
    return hashlib.sha1(f"person:{name}".encode()).hexdigest()[:16]


@dataclass
class Spelling:
    """One alias and what its talks say: (talk id, affiliation, day, talk group)."""

    name: str
    first: int  # the oldest talk_speakers rowid with this spelling
    uses: list[tuple[str, str | None, str | None, str]] = field(default_factory=list)

    def affiliations(self) -> set[str]:
        return {fold(a) for _, a, _, _ in self.uses if a}

    def groups(self) -> dict[str, str]:
        return {group: talk for talk, _, _, group in self.uses}


# ---- refresh ----------------------------------------------------------------------------------


def refresh(db: Database, talk_ids: Iterable[str]) -> int:
    """Recompute the people of the spellings on these talks; returns how many spellings
    were reclustered."""
    rows = db.execute(
        "SELECT DISTINCT name FROM talk_speakers WHERE talk_id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(set(talk_ids)))],
    )
    return refresh_names(db, {name for (name,) in rows.fetchall()})


def rebuild(db: Database) -> int:
    """Every person again, from talk_speakers alone."""
    rows = db.execute("SELECT name FROM talk_speakers UNION SELECT name FROM person_aliases")
    return refresh_names(db, {name for (name,) in rows.fetchall()})


def refresh_names(db: Database, names: set[str]) -> int:
    """Recluster these spellings with every spelling a rule could join them to, and the
    other aliases of their people: exactly what a change to them can change, because a
    merge is decided pair by pair from the two spellings' own talks."""
    names = names | _register(db)
    if not names:
        return 0
    old = _affected(db, names)
    spellings = _load(db, sorted(old))
    by_surname: dict[str, list[Spelling]] = defaultdict(list)
    for spelling in spellings.values():
        by_surname[surname_key(spelling.name)].append(spelling)
    db.execute(
        "DELETE FROM person_aliases WHERE name IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(old))],
    )
    db.execute(
        "DELETE FROM people WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(set(old.values())))],
    )
    _write(db, old, [(key, cluster(bucket)) for key, bucket in sorted(by_surname.items())])
    db.execute(  # spellings no talk uses any more are no alias
        "DELETE FROM alias_keys WHERE name IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(set(old) - set(spellings)))],
    )
    return len(old)


def _register(db: Database) -> set[str]:
    """Make an alias of every spelling no person has yet (the talk_speakers rows without a
    person_id, read through its index); returns them, to be clustered too."""
    rows = db.execute("SELECT DISTINCT name FROM talk_speakers WHERE person_id IS NULL")
    new = [(name, surname_key(name)) for (name,) in rows.fetchall()]
    db.conn.executemany(
        "INSERT OR IGNORE INTO person_aliases (name, person_id, surname, rule) "
        "VALUES (?, '', ?, 'new')",
        new,
    )
    keys = [(key, name) for name, _ in new for key in sorted(_keys(name))]
    db.conn.executemany("INSERT OR IGNORE INTO alias_keys (key, name) VALUES (?, ?)", keys)
    return {name for name, _ in new}


def _affected(db: Database, names: set[str]) -> dict[str, str]:
    """Spelling -> stored person ('' when new) of these spellings, of the spellings that
    share a rule key with them, and of every alias of those people."""
    rows = db.execute(
        "SELECT a.name, a.person_id FROM person_aliases a WHERE a.name IN ("
        "SELECT other.name FROM alias_keys mine JOIN alias_keys other ON other.key = mine.key "
        "WHERE mine.name IN (SELECT value FROM json_each(:names))) OR a.person_id IN ("
        "SELECT person_id FROM person_aliases WHERE person_id != '' AND name IN ("
        "SELECT other.name FROM alias_keys mine JOIN alias_keys other ON other.key = mine.key "
        "WHERE mine.name IN (SELECT value FROM json_each(:names))))",
        {"names": json.dumps(sorted(names))},
    )
    return dict(rows.fetchall())


def _load(db: Database, names: list[str]) -> dict[str, Spelling]:
    """These spellings with every talk they are on (none for a spelling no talk uses)."""
    found: dict[str, Spelling] = {}
    for name, first, talk, affiliation, day, group in db.execute(
        "SELECT ts.name, ts.rowid, ts.talk_id, ts.affiliation, substr(t.starts_at, 1, 10), "
        "coalesce(m.group_id, ts.talk_id) "
        "FROM talk_speakers ts JOIN talks t ON t.id = ts.talk_id "
        "LEFT JOIN talk_group_members m ON m.talk_id = ts.talk_id "
        "WHERE ts.name IN (SELECT value FROM json_each(?)) ORDER BY ts.rowid",
        [json.dumps(names)],
    ):
        spelling = found.setdefault(name, Spelling(name, first))
        spelling.uses.append((talk, affiliation, day, group))
    return found


# ---- clustering ---------------------------------------------------------------------------


@dataclass
class Merge:
    """Why two spellings are one person."""

    rule: str
    other: str
    evidence: str


def merge_evidence(a: Spelling, b: Spelling) -> Merge | None:
    """The rule that makes `a` and `b` one person, with its evidence; None when none holds
    or their affiliations conflict on a day both spoke."""
    rule = name_rule(a.name, b.name)
    if rule is None or _conflict(a, b):
        return None
    if rule != "initials":
        words = "equal after folding" if rule == "folded" else "nickname in parentheses"
        return Merge(rule, b.name, f"{a.name} ~ {b.name}: {words}")
    shared = sorted(a.affiliations() & b.affiliations())
    if shared:
        return Merge("initials+affiliation", b.name, f"{a.name} ~ {b.name}: both at {shared[0]}")
    groups_a, groups_b = a.groups(), b.groups()
    common = sorted(set(groups_a) & set(groups_b))
    if common:
        return Merge(
            "initials+talk", b.name, f"{a.name} ~ {b.name}: both speak at talk {common[0]}"
        )
    return None


def _conflict(a: Spelling, b: Spelling) -> bool:
    """On some day each spoke at a different talk with affiliations that do not match."""
    for _, aff_a, day_a, group_a in a.uses:
        for _, aff_b, day_b, group_b in b.uses:
            if day_a and day_a == day_b and group_a != group_b and aff_a and aff_b:
                x, y = fold(aff_a), fold(aff_b)
                if x != y and x not in y and y not in x:
                    return True
    return False


def cluster(bucket: list[Spelling]) -> list[tuple[Spelling, list[tuple[Spelling, Merge | None]]]]:
    """People of one surname: (the person's first spelling, [(alias, why)]) each, the
    first spelling's own entry with why None. Deterministic: spellings in first-seen order,
    merges preferred in RULES order."""
    bucket = sorted(bucket, key=lambda s: s.first)
    parent = list(range(len(bucket)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    merges: dict[tuple[int, int], Merge] = {}
    for i, j in _pairs_to_try(bucket):
        found = merge_evidence(bucket[j], bucket[i])
        if found is not None:
            merges[(i, j)] = found
    for (i, j), _merge in sorted(merges.items(), key=lambda kv: (RULES.index(kv[1].rule), kv[0])):
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    people: dict[int, list[tuple[Spelling, Merge | None]]] = defaultdict(list)
    for j, spelling in enumerate(bucket):
        why = None
        if root(j) != j:
            candidates = [m for (x, y), m in merges.items() if y == j and root(x) == root(j)]
            candidates += [
                _flip(m, bucket[y], spelling)
                for (x, y), m in merges.items()
                if x == j and root(y) == root(j)
            ]
            why = min(candidates, key=lambda m: (RULES.index(m.rule), m.other))
        people[root(j)].append((spelling, why))
    return [(bucket[r], members) for r, members in sorted(people.items())]


@lru_cache(maxsize=1 << 16)
def _keys(name: str) -> frozenset[str]:
    """Keys two spellings must share for a rule to join them (stored in alias_keys): the
    compact name and its nickname form, the surname with the initials of the given names."""
    parts = split_name(name)
    keys = {f"c:{parts.compact}", f"i:{parts.surname}:{' '.join(t[0] for t in parts.given)}"}
    if parts.nickname:
        keys.add(f"c:{_nickname_form(parts)}")
    return frozenset(keys)


def _pairs_to_try(bucket: list[Spelling]) -> list[tuple[int, int]]:
    """Index pairs (i < j) that share a rule key (the other pairs of a surname can never
    merge, and a common surname has hundreds of spellings)."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, spelling in enumerate(bucket):
        for key in _keys(spelling.name):
            by_key[key].append(index)
    pairs = set()
    for found in by_key.values():
        for x in found:
            pairs.update((min(x, y), max(x, y)) for y in found if x != y)
    return sorted(pairs)


def _flip(merge: Merge, other: Spelling, this: Spelling) -> Merge:
    """The same merge, told from the other spelling's side."""
    return Merge(
        merge.rule,
        other.name,
        merge.evidence.replace(f"{other.name} ~ {this.name}", f"{this.name} ~ {other.name}", 1),
    )


def display_name(members: list[Spelling]) -> str:
    """The fullest spelling most talks use: no initials if any spelling has none."""

    def has_initials(s: Spelling) -> bool:
        return any(len(token) == 1 for token in split_name(s.name).given)

    full = [s for s in members if not has_initials(s)] or members
    return max(full, key=lambda s: (len(s.uses), len(s.name), s.name)).name


def _write(
    db: Database,
    old: dict[str, str],
    buckets: list[tuple[str, list[tuple[Spelling, list[tuple[Spelling, Merge | None]]]]]],
) -> None:
    """The people and aliases of these buckets; talk_speakers rows only where a spelling's
    person changed (or it had none)."""
    persons: list[tuple[str, str]] = []
    aliases: list[tuple[Any, ...]] = []
    moved: list[tuple[str, str]] = []
    for surname, people in buckets:
        for first, members in people:
            pid = person_id(first.name)
            persons.append((pid, display_name([s for s, _ in members])))
            for spelling, why in members:
                rule = why.rule if why else "first"
                evidence = why.evidence if why else None
                aliases.append((spelling.name, pid, surname, rule, evidence))
                if old.get(spelling.name) != pid:
                    moved.append((pid, spelling.name))
    db.conn.executemany("INSERT INTO people (id, name) VALUES (?, ?)", persons)
    db.conn.executemany(
        "INSERT INTO person_aliases (name, person_id, surname, rule, evidence) "
        "VALUES (?, ?, ?, ?, ?)",
        aliases,
    )
    db.conn.executemany("UPDATE talk_speakers SET person_id = ? WHERE name = ?", moved)
