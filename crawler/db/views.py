"""The views users query (talks_view, people_view, person_talks) and the listing table
behind talks_view, kept by the crawl: their SQL, and how the listing rows are refreshed.

Why apart from the migrations: the SQL of a view is read by several migrations (each that
changes talks_view recreates it) and by the store when it refreshes listing rows.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

# One row per current talk with the joins an analyst would otherwise write by hand. Speakers are
# "Name (Affiliation)" in page order; start_local is the talk's own wall-clock time (with its
# `timezone`), start_utc the UTC instant; talk_rowid lets Datasette search it through talks_fts.
# `+t.removed_at`: the unary plus keeps SQLite from reading talks through the index on
# removed_at, which narrows nothing (it is NULL for nearly every talk) yet made SQLite sort every
# live talk for `ORDER BY start_utc` and look up each search hit twice: with 100,000 talks the
# canned "upcoming" query took 560 ms and "with_slides" 1.9 s; along the starts_at_utc index,
# 93 and 55 ms.
TALKS_VIEW_SQL = """
CREATE VIEW talks_view AS
SELECT
    t.title,
    (SELECT group_concat(label, '; ') FROM (
        SELECT ts.name || coalesce(' (' || ts.affiliation || ')', '') AS label
        FROM talk_speakers ts WHERE ts.talk_id = t.id ORDER BY ts.position)) AS speakers,
    s.name AS series,
    replace(substr(t.starts_at, 1, 16), 'T', ' ') AS start_local,
    t.timezone,
    t.starts_at_utc AS start_utc,
    t.location,
    t.online,
    t.kind,
    t.status,
    t.extracted_by,
    (SELECT url FROM links WHERE talk_id = t.id AND kind = 'slides'
        ORDER BY position LIMIT 1) AS slides,
    (SELECT url FROM links WHERE talk_id = t.id AND kind = 'video'
        ORDER BY position LIMIT 1) AS video,
    (SELECT url FROM links WHERE talk_id = t.id AND kind = 'paper'
        ORDER BY position LIMIT 1) AS paper,
    t.url,
    CAST(substr(t.starts_at, 1, 4) AS INTEGER) AS year,
    replace(substr(t.ends_at, 1, 16), 'T', ' ') AS end_local,
    t.ends_at_utc AS end_utc,
    (SELECT group_concat(affiliation, '; ') FROM (
        SELECT ts.affiliation, min(ts.position) AS first FROM talk_speakers ts
        WHERE ts.talk_id = t.id AND ts.affiliation IS NOT NULL
        GROUP BY ts.affiliation ORDER BY first)) AS affiliations,
    t.abstract,
    (SELECT nullif(json_group_array(json_object('kind', kind, 'url', url)), '[]') FROM (
        SELECT kind, url FROM links WHERE talk_id = t.id ORDER BY position)) AS links,
    t.id,
    t.series_id,
    t.speaker_names,
    t.starts_at,
    t.ends_at,
    coalesce((SELECT max(changed_at) FROM talk_changes c WHERE c.talk_id = t.id),
        t.first_seen) AS updated_at,
    (SELECT count(*) FROM talk_changes c WHERE c.talk_id = t.id) AS changes,
    t.rowid AS talk_rowid
FROM talks t JOIN series s ON s.id = t.series_id
WHERE +t.removed_at IS NULL
"""


def create_talks_view(db: Database) -> None:
    """(Re)create talks_view; a migration that renames or drops a talks column must call it.

    Always the latest definition: since m400 a plain view over talks_listing, the table
    `refresh_listing` keeps (REAL_TALKS_VIEW_SQL, m301, computes the same rows live;
    TALKS_VIEW_SQL is the per-listing view it grew from). A view may name tables a later
    migration creates: SQLite checks them when the view is read, not when it is created.
    """
    db.execute("DROP VIEW IF EXISTS talks_view")
    db.execute(LISTING_VIEW_SQL)


# talks_view since m301: one row per REAL talk. A talk in no group is its own row, as before;
# a group of listings (crawler/db/linking.py) is one row, on its canonical talk, with the
# group's richest values (talk_groups) and `sources` / `source_urls`; its other members are
# left out. The row stays while any member is live (a talk removed from one source stays in
# its group while another source still lists it).
REAL_TALKS_SELECT = """
SELECT
    coalesce(g.title, t.title) AS title,
    (SELECT group_concat(label, '; ') FROM (
        SELECT ts.name || coalesce(' (' || ts.affiliation || ')', '') AS label
        FROM talk_speakers ts WHERE ts.talk_id = coalesce(g.speakers_from, t.id)
        ORDER BY ts.position)) AS speakers,
    s.name AS series,
    replace(substr(coalesce(g.starts_at, t.starts_at), 1, 16), 'T', ' ') AS start_local,
    coalesce(g.timezone, t.timezone) AS timezone,
    coalesce(g.starts_at_utc, t.starts_at_utc) AS start_utc,
    coalesce(g.location, t.location) AS location,
    coalesce(g.online, t.online) AS online,
    t.kind,
    t.status,
    t.extracted_by,
    coalesce((SELECT value ->> 'url' FROM json_each(g.links) WHERE value ->> 'kind' = 'slides'),
        (SELECT url FROM links WHERE talk_id = t.id AND kind = 'slides'
            ORDER BY position LIMIT 1)) AS slides,
    coalesce((SELECT value ->> 'url' FROM json_each(g.links) WHERE value ->> 'kind' = 'video'),
        (SELECT url FROM links WHERE talk_id = t.id AND kind = 'video'
            ORDER BY position LIMIT 1)) AS video,
    coalesce((SELECT value ->> 'url' FROM json_each(g.links) WHERE value ->> 'kind' = 'paper'),
        (SELECT url FROM links WHERE talk_id = t.id AND kind = 'paper'
            ORDER BY position LIMIT 1)) AS paper,
    coalesce(g.url, t.url) AS url,
    CAST(substr(coalesce(g.starts_at, t.starts_at), 1, 4) AS INTEGER) AS year,
    replace(substr(coalesce(g.ends_at, t.ends_at), 1, 16), 'T', ' ') AS end_local,
    coalesce(g.ends_at_utc, t.ends_at_utc) AS end_utc,
    (SELECT group_concat(affiliation, '; ') FROM (
        SELECT ts.affiliation, min(ts.position) AS first FROM talk_speakers ts
        WHERE ts.talk_id = coalesce(g.speakers_from, t.id) AND ts.affiliation IS NOT NULL
        GROUP BY ts.affiliation ORDER BY first)) AS affiliations,
    coalesce(g.abstract, t.abstract) AS abstract,
    coalesce(g.links, (SELECT nullif(json_group_array(json_object('kind', kind, 'url', url)), '[]')
        FROM (SELECT kind, url FROM links WHERE talk_id = t.id ORDER BY position))) AS links,
    t.id,
    t.series_id,
    coalesce(g.speaker_names, t.speaker_names) AS speaker_names,
    coalesce(g.starts_at, t.starts_at) AS starts_at,
    coalesce(g.ends_at, t.ends_at) AS ends_at,
    max(coalesce((SELECT max(changed_at) FROM talk_changes c WHERE c.talk_id = t.id),
        t.first_seen), coalesce(g.changed_at, '')) AS updated_at,
    (SELECT count(*) FROM talk_changes c WHERE c.talk_id = t.id) + coalesce(g.revision, 0)
        AS changes,
    t.rowid AS talk_rowid,
    coalesce(g.sources, 1) AS sources,
    coalesce(g.source_urls, json_array(coalesce(t.url, t.source_url))) AS source_urls
FROM talks t JOIN series s ON s.id = t.series_id LEFT JOIN talk_groups g ON g.id = t.id
WHERE CASE WHEN g.id IS NULL
    THEN +t.removed_at IS NULL AND t.id NOT IN (SELECT talk_id FROM talk_group_members)
    ELSE g.live > 0 END
"""


REAL_TALKS_VIEW_SQL = f"CREATE VIEW talks_view AS{REAL_TALKS_SELECT}"


# Every talk of a person under any alias, one row per real talk, with the affiliation printed
# on that talk: the person's affiliation history, by date.
PEOPLE_VIEWS_SQL = (
    """
CREATE VIEW person_talks AS
SELECT
    p.id AS person_id,
    p.name AS person,
    ts.name AS spoken_as,
    ts.affiliation,
    v.start_local,
    v.title,
    v.series,
    v.sources,
    v.url,
    v.id AS talk_id,
    t.series_id AS listed_by,
    v.start_utc
FROM talk_speakers ts
JOIN people p ON p.id = ts.person_id
JOIN talks t ON t.id = ts.talk_id
LEFT JOIN talk_group_members m ON m.talk_id = ts.talk_id
JOIN talks_view v ON v.id = coalesce(m.group_id, ts.talk_id)
""",
    """
CREATE VIEW people_view AS
SELECT
    p.id,
    p.name,
    (SELECT group_concat(name, '; ') FROM (SELECT name FROM person_aliases a
        WHERE a.person_id = p.id ORDER BY name)) AS aliases,
    (SELECT group_concat(rule || ': ' || evidence, '; ') FROM person_aliases a
        WHERE a.person_id = p.id AND a.evidence IS NOT NULL) AS merged_by,
    (SELECT count(DISTINCT talk_id) FROM person_talks pt WHERE pt.person_id = p.id) AS talks,
    (SELECT count(DISTINCT listed_by) FROM person_talks pt WHERE pt.person_id = p.id)
        AS sources,
    (SELECT group_concat(affiliation, '; ') FROM (
        SELECT affiliation, min(start_local) AS since FROM person_talks pt
        WHERE pt.person_id = p.id AND affiliation IS NOT NULL
        GROUP BY affiliation ORDER BY since)) AS affiliations,
    (SELECT min(start_local) FROM person_talks pt WHERE pt.person_id = p.id) AS first_talk,
    (SELECT max(start_local) FROM person_talks pt WHERE pt.person_id = p.id) AS last_talk
FROM people p
""",
)


# talks_view since m400: a plain view over talks_listing, one stored row per real talk with
# exactly REAL_TALKS_SELECT's columns, kept by `refresh_listing` whenever a write changes what
# that SELECT would return. Why a table: the live view ran nine correlated subqueries and a
# group lookup per row, so every facet, count and canned query over it recomputed them for
# every talk (100,000 talks: talks_per_series_per_year 750 ms, upcoming 117 ms, a search with
# its five facets p95 164 ms). talk_rowid is the table's rowid, so Datasette's search
# (`talk_rowid IN (SELECT rowid FROM talks_fts ...)`) reads hits by rowid.
LISTING_COLUMNS = (
    "title", "speakers", "series", "start_local", "timezone", "start_utc", "location", "online",
    "kind", "status", "extracted_by", "slides", "video", "paper", "url", "year", "end_local",
    "end_utc", "affiliations", "abstract", "links", "id", "series_id", "speaker_names",
    "starts_at", "ends_at", "updated_at", "changes", "talk_rowid", "sources", "source_urls",
)  # fmt: skip


LISTING_TYPES = {"online": "INTEGER", "year": "INTEGER", "changes": "INTEGER",
                 "sources": "INTEGER"}  # fmt: skip


LISTING_VIEW_SQL = (
    f"CREATE VIEW talks_view AS SELECT {', '.join(LISTING_COLUMNS)} FROM talks_listing"
)


LISTING_INSERT = (
    f"INSERT INTO talks_listing ({', '.join(LISTING_COLUMNS)}) "
    f"SELECT {', '.join(LISTING_COLUMNS)} FROM ({REAL_TALKS_SELECT}) "
)


# The real talks whose listing row these talks feed: themselves and their groups.
_LISTING_IDS = (
    "SELECT value FROM json_each(:ids) UNION SELECT group_id FROM talk_group_members "
    "WHERE talk_id IN (SELECT value FROM json_each(:ids))"
)


# Sorting (Datasette's newest first, upcoming, with_slides) and the five default facets of
# talks_view, an index each: a facet is then a walk of its index in order, never a read of
# the rows with their abstracts. One index over all five columns was measured first (100,000
# talks: 6-22 ms a facet, each but the first sorting the whole index); one each, 3-6 ms.
# Facet columns have few values, so a new row lands at the end of its value's run: these
# indexes cost inserts far less than the random-id ones.
FACETS = ("series", "kind", "online", "year", "extracted_by")


LISTING_INDEXES = (
    "CREATE INDEX talks_listing_start ON talks_listing (start_utc)",
    *(f"CREATE INDEX talks_listing_{name} ON talks_listing ({name})" for name in FACETS),
)


# talks_per_series_per_year, precomputed: one row per series and year (year_key -1: no
# date), kept by triggers on talks_listing (refresh_listing deletes, then inserts).
LISTING_YEARS_SQL = """
CREATE TABLE talks_listing_years (
    series_id TEXT NOT NULL, year_key INTEGER NOT NULL, talks INTEGER NOT NULL,
    with_slides INTEGER NOT NULL, with_video INTEGER NOT NULL, online INTEGER NOT NULL,
    PRIMARY KEY (series_id, year_key)) WITHOUT ROWID
"""


LISTING_TRIGGERS = (
    """
CREATE TRIGGER talks_listing_ai AFTER INSERT ON talks_listing BEGIN
  INSERT INTO talks_listing_years
    (series_id, year_key, talks, with_slides, with_video, online)
  VALUES (new.series_id, coalesce(new.year, -1), 1, new.slides IS NOT NULL,
    new.video IS NOT NULL, coalesce(new.online = 1, 0))
  ON CONFLICT (series_id, year_key) DO UPDATE SET talks = talks + 1,
    with_slides = with_slides + excluded.with_slides,
    with_video = with_video + excluded.with_video, online = online + excluded.online;
END
""",
    """
CREATE TRIGGER talks_listing_ad AFTER DELETE ON talks_listing BEGIN
  UPDATE talks_listing_years SET talks = talks - 1,
    with_slides = with_slides - (old.slides IS NOT NULL),
    with_video = with_video - (old.video IS NOT NULL),
    online = online - coalesce(old.online = 1, 0)
  WHERE series_id = old.series_id AND year_key = coalesce(old.year, -1);
  DELETE FROM talks_listing_years
  WHERE series_id = old.series_id AND year_key = coalesce(old.year, -1) AND talks = 0;
END
""",
    """
CREATE TRIGGER talks_listing_series AFTER UPDATE OF name ON series
WHEN old.name IS NOT new.name BEGIN
  UPDATE talks_listing SET series = new.name WHERE series_id = new.id;
END
""",
)


def refresh_listing(db: Database, talk_ids: list[str]) -> None:
    """Recompute the talks_listing rows of these talks and of their groups (deleted where
    the talk is no longer a real live talk), in the caller's transaction.

    Every write that changes a talks_view value calls it for the talks it wrote (talk saves,
    removals and change rows in crawler/db/talks.py; groups in crawler/db/linking.py); a
    series renamed is a trigger (`talks_listing_series`). A no-op before m400 made the table.
    """
    if not talk_ids or not _has_listing(db):
        return
    ids = json.dumps(sorted(set(talk_ids)))
    db.execute(f"DELETE FROM talks_listing WHERE id IN ({_LISTING_IDS})", {"ids": ids})
    db.execute(f"{LISTING_INSERT} WHERE id IN ({_LISTING_IDS})", {"ids": ids})


def _has_listing(db: Database) -> bool:
    row = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'talks_listing'"
    ).fetchone()
    return row is not None
