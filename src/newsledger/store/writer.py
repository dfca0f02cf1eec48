"""The one writer of the ledger: each document is one transaction.

A document (raw bytes, compressed), its article, paragraphs, entities and actor links,
quotes, claims and near-duplicate cluster are committed together or not at all, so a
process killed at any moment leaves either the whole document or nothing; the next
run skips what is there (document id = sha256 of the bytes) and redoes the rest.
"""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass

import numpy as np

from newsledger._version import __version__
from newsledger.model import Article
from newsledger.sources.document import RawDocument
from newsledger.store import dedup
from newsledger.store.actors import ActorResolver
from newsledger.store.codec import day_of, insert_article
from newsledger.store.db import now_iso

# zlib level 6: the usual size/speed balance; HTML compresses about 4-6x.
ZLIB_LEVEL = 6


@dataclass(frozen=True)
class Failure:
    """Why one document (or would-be document) could not be ingested."""

    stage: str  # source | fetch | extract | analyze | store
    reason: str
    document: str | None = None
    path: str | None = None
    url: str | None = None

    @property
    def key(self) -> str:
        return self.document or self.url or self.path or "?"


def compress(data: bytes) -> bytes:
    return zlib.compress(data, ZLIB_LEVEL)


def decompress(data: bytes) -> bytes:
    return zlib.decompress(data)


class LedgerWriter:
    """Writes documents, articles and failures through one connection (the only writer)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.actors = ActorResolver(conn)
        self._begin()
        try:
            dedup.check_settings(conn)
            self._commit()
        except BaseException:
            self._rollback()
            raise

    # -- transactions --------------------------------------------------------------------
    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- reads ---------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        """Whether the raw document ``doc_id`` is already in the ledger."""
        return (
            self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone()
            is not None
        )

    # -- writes --------------------------------------------------------------------------
    def add_document(
        self,
        raw: RawDocument,
        article: Article | None,
        *,
        analyzed: bool,
        signature: np.ndarray | None = None,
        failure: Failure | None = None,
    ) -> int | None:
        """Store ``raw`` and, when extraction succeeded, its ``article``, in one transaction.

        ``failure`` (extraction or analysis error) is recorded with the document; a document
        whose extraction failed keeps its raw bytes so that ``reanalyze`` can retry it.
        Returns the article rowid, or None when there is no article (or the document was
        already there).
        """
        self._begin()
        try:
            if self.has_document(raw.id):
                self._commit()
                return None
            self.conn.execute(
                """INSERT INTO documents(id, kind, path, url, content_type, captured, size, raw,
                       ingested_at, version) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                (
                    raw.id,
                    raw.kind.value,
                    raw.path,
                    raw.url,
                    raw.content_type,
                    raw.date,
                    len(raw.data),
                    compress(raw.data),
                    now_iso(),
                    __version__,
                ),
            )
            rowid = None
            if article is not None:
                rowid = self._write_article(article, analyzed=analyzed, signature=signature)
            if failure is not None:
                self._write_failure(failure)
            else:
                self.conn.execute("DELETE FROM failures WHERE key=?", (raw.id,))
            self._commit()
            return rowid
        except BaseException:
            self._rollback()
            raise

    def replace_article(
        self,
        article: Article,
        *,
        analyzed: bool,
        signature: np.ndarray | None = None,
        failure: Failure | None = None,
    ) -> int:
        """Write a re-extracted article for a stored document (used by ``reanalyze``)."""
        self._begin()
        try:
            old = self.conn.execute(
                "SELECT rowid FROM articles WHERE id=?", (article.id,)
            ).fetchone()
            if old is not None:
                dedup.remove_article(self.conn, old[0])
                self.conn.execute("DELETE FROM articles WHERE rowid=?", (old[0],))
            rowid = self._write_article(article, analyzed=analyzed, signature=signature)
            self.conn.execute("DELETE FROM failures WHERE key=?", (article.id,))
            if failure is not None:
                self._write_failure(failure)
            self._commit()
            return rowid
        except BaseException:
            self._rollback()
            raise

    def record_failure(self, failure: Failure) -> None:
        """Record (or refresh) a failure that has no stored document, e.g. a source rejection."""
        self._begin()
        try:
            self._write_failure(failure)
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def _write_failure(self, f: Failure) -> None:
        # One row per (document, stage): a rerun refreshes the reason and time, never adds a row.
        self.conn.execute(
            """INSERT OR REPLACE INTO failures(key, stage, document, path, url, reason, at)
               VALUES (?,?,?,?,?,?,?)""",
            (f.key, f.stage, f.document, f.path, f.url, f.reason[:2000], now_iso()),
        )

    def _write_article(self, a: Article, *, analyzed: bool, signature: np.ndarray | None) -> int:
        rowid = insert_article(self.conn, a, analyzed=analyzed)
        day = day_of(a.published)
        links = self.actors.resolve_article(rowid, list(a.entities), day)
        self.conn.executemany(
            "UPDATE entities SET actor=? WHERE article=? AND local_id=?",
            [(actor, rowid, local) for local, actor in links.items()],
        )
        for i, q in enumerate(a.quotes):
            if q.speaker is None:
                continue
            actor = links.get(q.speaker.entity) if q.speaker.entity else None
            if actor is None and q.speaker.name:
                actor = self.actors.lookup(q.speaker.name, rowid)
            if actor is not None:
                self.conn.execute(
                    "UPDATE quotes SET actor=? WHERE article=? AND n=?", (actor, rowid, i)
                )
        for i, c in enumerate(a.claims):
            if c.source:
                actor = self.actors.lookup(c.source, rowid)
                if actor is not None:
                    self.conn.execute(
                        "UPDATE claims SET source_actor=? WHERE article=? AND n=?",
                        (actor, rowid, i),
                    )
        if signature is None and a.text:
            signature = dedup.signature(a.text)
        dedup.assign_cluster(self.conn, rowid, signature)
        return rowid

    def clear_articles(self) -> None:
        """Delete every article and everything derived from articles (kept: documents, source failures)."""
        self._begin()
        try:
            c = self.conn
            for table in (
                "lsh_buckets",
                "minhashes",
                "actor_roles",
                "mentions",
                "quotes",
                "claims",
                "entities",
                "paragraphs",
                "actor_names",
            ):
                c.execute(f"DELETE FROM {table}")
            c.execute("DELETE FROM articles")
            c.execute("DELETE FROM actors")
            c.execute("DELETE FROM clusters")
            c.execute("DELETE FROM failures WHERE stage IN ('extract', 'analyze', 'store')")
            self._commit()
        except BaseException:
            self._rollback()
            raise
