"""The ledger database: pragmas, migrations, model round trip, idempotent writes, FTS sync."""

from __future__ import annotations

import sqlite3

import pytest

from newsledger.errors import StoreError
from newsledger.model import EmbeddedPost, Origin, RelatedLink
from newsledger.store.codec import article_rowid, load_article
from newsledger.store.db import DB_ENV, connect, resolve_db_path
from newsledger.store.queries import counts
from newsledger.store.schema import MIGRATIONS
from newsledger.store.writer import LedgerWriter, decompress
from store_fixtures import make, seed_article


@pytest.fixture()
def ledger(tmp_path):
    conn = connect(tmp_path / "l.db")
    yield conn, LedgerWriter(conn)
    conn.close()


def test_pragmas_and_migrations(tmp_path):
    conn = connect(tmp_path / "a.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    conn.close()
    # Re-opening applies nothing new and keeps one row per migration.
    conn = connect(tmp_path / "a.db")
    assert conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_unknown_future_migration_is_refused(tmp_path):
    conn = connect(tmp_path / "a.db")
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        connect(tmp_path / "a.db")


def test_readonly_missing_db_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no ledger database"):
        connect(tmp_path / "missing.db", readonly=True)


def test_db_path_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv(DB_ENV, raising=False)
    assert str(resolve_db_path(None)) == "newsledger.db"
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.db"))
    assert resolve_db_path(None) == tmp_path / "env.db"
    assert str(resolve_db_path("x.db")) == "x.db"


def test_article_round_trip_is_exact(ledger):
    conn, w = ledger
    raw, art = seed_article()
    art = art.model_copy(
        update={
            "authors": ["A. Writer", "B. Writer"],
            "modified": "2023-11-04T10:00:00Z",
            "description": "Standfirst.",
            "captions": ["A caption"],
            "credits": "Reuters",
            "embedded_posts": [
                EmbeddedPost(platform="twitter", author="X", handle="@x", text="post", date="3 Nov")
            ],
            "related": [RelatedLink(title="Other story", url="https://e.com/o")],
            "provenance": {"title": Origin.META, "published": Origin.JSONLD},
            "analysis_skipped": ["coref: model missing"],
        }
    )
    rowid = w.add_document(raw, art, analyzed=True)
    assert rowid is not None
    back = load_article(conn, rowid)
    assert back == art
    assert back.to_json_dict() == art.to_json_dict()
    stored = conn.execute("SELECT raw FROM documents WHERE id=?", (raw.id,)).fetchone()[0]
    assert decompress(stored) == raw.data and len(stored) < len(raw.data) + 64


def test_same_bytes_twice_adds_nothing(ledger):
    conn, w = ledger
    raw, art = seed_article()
    assert w.add_document(raw, art, analyzed=True) is not None
    before = counts(conn)
    assert w.add_document(raw, art, analyzed=True) is None
    assert counts(conn) == before


def test_fts_follows_replace_and_delete(ledger):
    conn, w = ledger
    raw, art = make("The quick brown fox jumps.", title="Fox story")
    w.add_document(raw, art, analyzed=False)
    hit = "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?"
    assert conn.execute(hit, ('"fox"',)).fetchone()[0] == 1
    w.replace_article(
        art.model_copy(
            update={"text": "A lazy dog sleeps.", "paragraphs": [(0, 18)], "title": "Dog story"}
        ),
        analyzed=False,
    )
    assert conn.execute(hit, ('"fox"',)).fetchone()[0] == 0
    assert conn.execute(hit, ('"dog"',)).fetchone()[0] == 1
    conn.execute("DELETE FROM articles")
    assert conn.execute(hit, ('"dog"',)).fetchone()[0] == 0
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_foreign_keys_are_enforced(ledger):
    conn, _ = ledger
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute('INSERT INTO paragraphs(article, n, start, "end") VALUES (12345, 0, 0, 1)')


def test_id_prefix_lookup(ledger):
    conn, w = ledger
    raw, art = seed_article()
    rowid = w.add_document(raw, art, analyzed=True)
    assert article_rowid(conn, raw.id[:8]) == rowid
    assert article_rowid(conn, raw.id.upper()[:10]) == rowid
    with pytest.raises(StoreError):
        article_rowid(conn, "zz'; DROP TABLE articles; --")
    with pytest.raises(StoreError, match="no article"):
        article_rowid(conn, "0000000000")
