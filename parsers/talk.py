"""The normalized talk record: the one shape every parser produces and the store keeps.

`Talk.to_dict()` is exactly the schema of `tests/fixtures/sites/*/expected.jsonl` (same keys,
same order), so exports, fixtures and the database agree by construction. Fields that are
bookkeeping rather than talk facts (`status`, `extracted_by`) live on the record but stay out
of `to_dict()`; the store adds them as columns.

Why the id ignores title and date: a scheduled refresh must recognise a talk whose title was
corrected or whose slot moved as the *same* talk, so the id comes from the source's own handle
for the talk (its page URL or anchor) when it has one, and otherwise from the series and the
speakers (a speaker rarely gives two talks in one series; when they do, the title breaks the tie).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from typing import Any

from parsers.common.text import fold

LINK_KINDS = ("slides", "video", "paper", "other")
TALK_KINDS = ("seminar", "workshop talk", "invited talk", "course", "talk")
STATUSES = ("scheduled", "cancelled", "postponed")

EXPORT_FIELDS = (
    "title",
    "speakers",
    "starts_at",
    "ends_at",
    "timezone",
    "location",
    "online",
    "abstract",
    "url",
    "links",
    "kind",
    "series",
)


@dataclass(frozen=True)
class Speaker:
    name: str
    affiliation: str | None = None


@dataclass(frozen=True)
class Link:
    kind: str
    url: str


@dataclass(frozen=True)
class Talk:
    """One talk. Dates are ISO strings already normalized by `parsers.common.dates`."""

    title: str | None
    speakers: tuple[Speaker, ...] = ()
    starts_at: str | None = None
    ends_at: str | None = None
    timezone: str | None = None
    location: str | None = None
    online: bool | None = None
    abstract: str | None = None
    url: str | None = None
    links: tuple[Link, ...] = ()
    kind: str = "talk"
    series: str | None = None
    status: str = "scheduled"
    extracted_by: str | None = None
    source_key: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The export schema: key order and types exactly as in expected.jsonl.

        Read field by field rather than with `dataclasses.asdict`, which deep-copies every
        field (immutable strings included): `to_record` took 55 us a talk that way, 11 us now
        (3 us of it here), over the 52 snapshot talks. Every value is a str, bool or None, or
        a tuple of flat `Speaker`s / `Link`s, which become a list of dicts.
        """
        data = {key: getattr(self, key) for key in EXPORT_FIELDS}
        data["speakers"] = [_flat(s) for s in self.speakers]
        data["links"] = [_flat(link) for link in self.links]
        return data

    def to_record(self, source_url: str | None = None) -> dict[str, Any]:
        """What the store saves: the export dict plus id, status and provenance."""
        return {
            **self.to_dict(),
            "id": self.id,
            "status": self.status,
            "extracted_by": self.extracted_by,
            "source_url": source_url,
        }

    @property
    def key(self) -> str:
        """The talk's handle within its series (see module docstring for why not the title)."""
        if self.source_key:
            return self.source_key
        if self.url:
            return self.url
        names = ",".join(fold(s.name) for s in self.speakers)
        return f"{names}|{fold(self.title or '')}"

    @property
    def id(self) -> str:
        """Stable 16-hex id: same talk, same id on every crawl."""
        digest = hashlib.sha1(f"{fold(self.series or '')}|{self.key}".encode())
        return digest.hexdigest()[:16]

    def with_changes(self, **changes: Any) -> Talk:
        return replace(self, **changes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Talk:
        """Inverse of `to_dict()` (extra keys such as `status` are honoured when present)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["speakers"] = tuple(Speaker(**s) for s in data.get("speakers") or ())
        known["links"] = tuple(Link(**link) for link in data.get("links") or ())
        return cls(**known)


def _flat(record: Speaker | Link) -> dict[str, Any]:
    """`dataclasses.asdict` of a dataclass whose fields are all strings or None."""
    return {name: getattr(record, name) for name in _FIELDS[type(record)]}


_FIELDS = {kind: tuple(f.name for f in fields(kind)) for kind in (Speaker, Link)}


def merge(base: Talk, detail: Talk) -> Talk:
    """Complete a listing's talk with what its own page adds.

    The detail page wins where it has a value, because it is the talk's authoritative page
    (machine-readable dates, full abstracts); the listing keeps what the detail page lacks.
    Links are unioned, listing order first.
    """
    changes: dict[str, Any] = {}
    for name in ("title", "starts_at", "ends_at", "timezone", "location", "online", "abstract"):
        value = getattr(detail, name)
        if value is not None:
            changes[name] = value
    if detail.speakers:
        changes["speakers"] = detail.speakers
    seen = {link.url for link in base.links}
    changes["links"] = base.links + tuple(lk for lk in detail.links if lk.url not in seen)
    return replace(base, **changes)
