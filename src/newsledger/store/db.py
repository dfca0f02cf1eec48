"""Opening the ledger database: path resolution, pragmas and schema migrations.

The ledger is one SQLite file in WAL mode (readers never block the writer) with
foreign keys on.  The schema is built by an ordered list of migration functions
(:data:`newsledger.store.schema.MIGRATIONS`); each applied migration is recorded in
the ``schema_migrations`` table, so opening an old database upgrades it in place
and opening a current one does nothing.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

from newsledger.errors import StoreError

log = logging.getLogger("newsledger.store")

DEFAULT_DB = "newsledger.db"
DB_ENV = "NEWSLEDGER_DB"
# Seconds a connection waits for a lock held by another process before failing:
# long enough for one writer transaction (one document), short enough to report a stuck lock.
BUSY_TIMEOUT_S = 30.0
# Page cache per connection (negative = KiB): 64 MiB keeps the FTS and index pages of a
# 20k-document ledger in memory for queries.
CACHE_KIB = 65536


def resolve_db_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The database path to use: ``db`` if given, else ``$NEWSLEDGER_DB``, else ``./newsledger.db``."""
    if db:
        return Path(db)
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return Path(DEFAULT_DB)


def _pragmas(conn: sqlite3.Connection, *, readonly: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA temp_store = MEMORY")
    if not readonly:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal" and str(mode).lower() != "memory":
            raise StoreError(f"cannot switch the database to WAL mode (got {mode!r})")
        # NORMAL is durable across application crashes in WAL mode (only an OS crash or
        # power loss can drop the last transactions), and several times faster than FULL.
        conn.execute("PRAGMA synchronous = NORMAL")


def connect(
    db: str | os.PathLike[str] | None = None, *, readonly: bool = False, migrate: bool = True
) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the ledger at ``db`` (see :func:`resolve_db_path`).

    ``readonly`` opens an existing database for queries only; a missing file is then a
    :class:`StoreError` rather than a new empty ledger.
    """
    path = resolve_db_path(db)
    try:
        if readonly:
            if not path.exists():
                raise StoreError(
                    f"no ledger database at {path} (run `newsledger ingest` first, or pass --db)"
                )
            conn = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        else:
            if path.parent and not path.parent.exists():
                raise StoreError(f"folder {path.parent} does not exist")
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        _pragmas(conn, readonly=readonly)
        if readonly:
            check_schema(conn)
        elif migrate:
            apply_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open ledger database {path}: {exc}") from exc
    return conn


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    """The migration versions already applied to ``conn``'s database."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'"
    ).fetchone()
    if not exists:
        return set()
    return {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}


def check_schema(conn: sqlite3.Connection) -> None:
    """Fail clearly when a read-only database is older or newer than this newsledger."""
    from newsledger.store.schema import MIGRATIONS

    have = applied_versions(conn)
    want = {m.version for m in MIGRATIONS}
    if not have:
        raise StoreError("not a newsledger database (no schema_migrations table)")
    if have - want:
        raise StoreError(
            "the ledger was written by a newer newsledger; upgrade newsledger to read it"
        )
    if want - have:
        raise StoreError(
            "the ledger needs a schema upgrade: run any writing command "
            "(e.g. `newsledger ingest` with no new documents) first"
        )


def apply_migrations(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet recorded, each in its own transaction; return their versions."""
    from newsledger.store.schema import MIGRATIONS

    conn.execute("""CREATE TABLE IF NOT EXISTS schema_migrations(
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""")
    have = applied_versions(conn)
    unknown = have - {m.version for m in MIGRATIONS}
    if unknown:
        raise StoreError(
            f"the ledger has schema versions {sorted(unknown)} from a newer newsledger; "
            "upgrade newsledger"
        )
    done: list[int] = []
    for m in MIGRATIONS:
        if m.version in have:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have applied it while we waited for the lock.
            if conn.execute(
                "SELECT 1 FROM schema_migrations WHERE version=?", (m.version,)
            ).fetchone():
                conn.execute("COMMIT")
                continue
            m.apply(conn)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?,?,?)",
                (m.version, m.name, now_iso()),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("applied ledger migration %d (%s)", m.version, m.name)
        done.append(m.version)
    return done


def now_iso() -> str:
    """The current UTC time, ISO 8601 with seconds."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
