"""The ledger schema, as an ordered list of migrations.

Each migration is a function of a connection inside an open transaction; a new
schema version appends a migration (never edits an applied one).  Table overview:

* ``documents``   - one row per distinct raw document (id = sha256 of the bytes), the bytes
  zlib-compressed so that ``newsledger reanalyze`` can re-run extraction without refetching.
* ``articles``    - the Article metadata and text (rowid is the FTS content rowid);
  ``articles_fts`` (FTS5: title, text) is kept in sync by triggers.
* ``paragraphs``  - paragraph offsets into ``articles.text``.
* ``actors``, ``actor_names``, ``actor_roles`` - people/organisations/places merged across documents.
* ``entities``, ``mentions`` - the per-article entities and their mentions, each linked to an actor.
* ``quotes``, ``claims`` - what was said and which figures, with offsets and the linked actor;
  ``quotes_fts`` (quote text) and ``claims_fts`` (what, source, place, text) index them.
* ``clusters``, ``minhashes``, ``lsh_buckets`` - near-duplicate clusters and what incremental
  clustering needs (MinHash signatures and LSH band buckets).
* ``failures``    - documents that could not be read, extracted or analysed, and why.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute ``script`` statement by statement (``executescript`` would commit the transaction)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                conn.execute(buf)
            buf = ""
    if buf.strip():
        conn.execute(buf)


_V1 = """
CREATE TABLE documents(
    id TEXT PRIMARY KEY,              -- sha256 of the raw bytes
    kind TEXT NOT NULL,               -- html | text
    path TEXT,
    url TEXT,
    content_type TEXT,
    captured TEXT,                    -- WARC-Date / fetch date when known
    size INTEGER NOT NULL,            -- raw size in bytes
    raw BLOB NOT NULL,                -- zlib-compressed raw bytes
    ingested_at TEXT NOT NULL,
    version TEXT NOT NULL             -- newsledger version that ingested it
);

CREATE TABLE clusters(
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE articles(
    -- Small, often-read columns first: SQLite reads a row's columns in order, and those
    -- after the (long) text may sit on overflow pages.
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
    cluster_id INTEGER REFERENCES clusters(id),
    day TEXT,                                   -- YYYY-MM-DD of published (for date filters)
    site_name TEXT,
    language TEXT,
    section TEXT,
    analyzed INTEGER NOT NULL DEFAULT 0,
    title TEXT,
    url TEXT,
    published TEXT,
    modified TEXT,
    source_path TEXT,
    source_url TEXT,
    source_kind TEXT NOT NULL,
    schema TEXT NOT NULL,
    version TEXT NOT NULL,
    credits TEXT,
    description TEXT,
    authors TEXT NOT NULL DEFAULT '[]',         -- JSON list
    analysis_skipped TEXT NOT NULL DEFAULT '[]', -- JSON
    provenance TEXT NOT NULL DEFAULT '{}',      -- JSON
    captions TEXT NOT NULL DEFAULT '[]',        -- JSON
    embedded_posts TEXT NOT NULL DEFAULT '[]',  -- JSON
    related TEXT NOT NULL DEFAULT '[]',         -- JSON
    text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_site ON articles(site_name);
CREATE INDEX articles_cluster ON articles(cluster_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE paragraphs(
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY(article, n)
) WITHOUT ROWID;

CREATE TABLE actors(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,               -- canonical (longest full) name
    label TEXT NOT NULL,              -- PERSON, ORG, GPE, NORP, ...
    kind TEXT NOT NULL,               -- person | other (the label family used for merging)
    key TEXT NOT NULL,                -- normalised name used for merging
    surname TEXT,                     -- normalised last name (persons)
    full INTEGER NOT NULL DEFAULT 1,  -- 0 for a person known only by one name
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX actors_key ON actors(kind, key);
CREATE INDEX actors_surname ON actors(kind, surname);

CREATE TABLE actor_names(
    actor INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    name TEXT NOT NULL,               -- every surface name merged into the actor
    norm TEXT NOT NULL,
    PRIMARY KEY(actor, name)
) WITHOUT ROWID;
CREATE INDEX actor_names_norm ON actor_names(norm);

CREATE TABLE actor_roles(
    actor INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    day TEXT,
    PRIMARY KEY(actor, role, article)
) WITHOUT ROWID;

CREATE TABLE entities(
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    local_id TEXT NOT NULL,           -- Entity.id within the article ("e3")
    n INTEGER NOT NULL,               -- index in Article.entities
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    roles TEXT NOT NULL DEFAULT '[]', -- JSON
    actor INTEGER REFERENCES actors(id),
    PRIMARY KEY(article, local_id)
) WITHOUT ROWID;
CREATE INDEX entities_actor ON entities(actor);

CREATE TABLE mentions(
    article INTEGER NOT NULL,
    local_id TEXT NOT NULL,
    n INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY(article, local_id, n),
    FOREIGN KEY(article, local_id) REFERENCES entities(article, local_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE quotes(
    -- Short columns first, the quote text last (see articles).
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    n INTEGER NOT NULL,               -- index in Article.quotes
    actor INTEGER REFERENCES actors(id),
    type TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_name TEXT,
    speaker_mention TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_entity TEXT,
    text TEXT NOT NULL,
    UNIQUE(article, n)
);
CREATE INDEX quotes_actor ON quotes(actor);
-- The speaker columns are indexed too: quotes whose speaker is no known actor are found
-- by the printed name without reading every quote.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, speaker_mention, content='quotes', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_name, speaker_mention)
    VALUES (new.rowid, new.text, new.speaker_name, new.speaker_mention);
END;
CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name, speaker_mention)
    VALUES ('delete', old.rowid, old.text, old.speaker_name, old.speaker_mention);
END;

CREATE TABLE claims(
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    n INTEGER NOT NULL,               -- index in Article.claims
    value REAL NOT NULL,
    qualifier TEXT,
    unit TEXT,
    source_actor INTEGER REFERENCES actors(id),
    quote INTEGER,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    what TEXT,
    source TEXT,
    place TEXT,
    text TEXT NOT NULL,
    UNIQUE(article, n)
);
CREATE INDEX claims_source_actor ON claims(source_actor);
CREATE VIRTUAL TABLE claims_fts USING fts5(
    what, source, place, text, content='claims', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts(rowid, what, source, place, text)
    VALUES (new.rowid, new.what, new.source, new.place, new.text);
END;
CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, what, source, place, text)
    VALUES ('delete', old.rowid, old.what, old.source, old.place, old.text);
END;

CREATE TABLE minhashes(
    article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    signature BLOB NOT NULL           -- MinHash hash values, little-endian uint32
);
CREATE TABLE lsh_buckets(
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,          -- 64-bit hash of the band's slice of the signature
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY(band, bucket, article)
) WITHOUT ROWID;
CREATE INDEX lsh_buckets_article ON lsh_buckets(article);

CREATE TABLE failures(
    key TEXT NOT NULL,                -- document id, else URL, else path
    stage TEXT NOT NULL,              -- source | fetch | extract | analyze | store
    document TEXT,
    path TEXT,
    url TEXT,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY(key, stage)
) WITHOUT ROWID;

CREATE TABLE settings(
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""


def _v1(conn: sqlite3.Connection) -> None:
    run_script(conn, _V1)


MIGRATIONS: list[Migration] = [
    Migration(1, "initial ledger schema", _v1),
]
