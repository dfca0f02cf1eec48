"""Ingesting corpora into the ledger: sources -> (workers: extract + analyse) -> one writer.

The parent process reads the sources, skips documents already in the ledger (same
sha256), hands the rest to worker processes (``jobs`` > 1) or processes them itself,
and writes the results in input order, one transaction per document.  Input order
makes actor merging and near-duplicate clustering deterministic, so a run that is
killed (even with SIGKILL) and started again ends with exactly the rows of an
uninterrupted run.  Bad documents become rows of ``failures`` and the run goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import numpy as np

from newsledger.errors import NewsledgerError, StoreError
from newsledger.model import Article, DocumentKind
from newsledger.sources.document import RawDocument, Rejection
from newsledger.store import dedup
from newsledger.store.db import connect, resolve_db_path
from newsledger.store.writer import Failure, LedgerWriter, decompress

log = logging.getLogger("newsledger.store")

# Documents larger than this are refused before extraction: no news article is 50 MB of
# HTML, and parsing one would take minutes and gigabytes.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
# Documents in flight per worker: enough to keep workers busy, small enough that the
# parent does not read a whole corpus into memory ahead of the writer.
WINDOW_PER_JOB = 4
# After a run that added this many articles, and at least OPTIMIZE_SHARE of the ledger,
# merge the full-text index segments (FTS5 'optimize'): one ingest of thousands of
# documents leaves many small segments that slow every later search, while rewriting a
# big index for a small top-up would cost more than it saves.
OPTIMIZE_AFTER = 500
OPTIMIZE_SHARE = 0.1
# Seconds between two redraws of the progress line.
PROGRESS_EVERY_S = 0.25


@dataclass
class IngestStats:
    """What one ingest (or reanalyze) run did."""

    seen: int = 0
    ingested: int = 0
    duplicates: int = 0  # documents already in the ledger (or twice in the input)
    failed: int = 0
    near_duplicates: int = 0  # ingested articles that joined an existing cluster
    elapsed_s: float = 0.0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        rate = self.seen / self.elapsed_s if self.elapsed_s > 0 else 0.0
        return (
            f"ingested {self.ingested}, duplicates {self.duplicates}, failed {self.failed} "
            f"({self.near_duplicates} near-duplicates clustered; {self.seen} documents in "
            f"{self.elapsed_s:.1f} s, {rate:.1f}/s)"
        )


@dataclass(frozen=True)
class Processed:
    """What a worker returns for one document."""

    article: Article | None
    signature: np.ndarray | None
    failure: Failure | None
    analyzed: bool


# -- worker side ---------------------------------------------------------------------------
def _warm_up(analysis: bool) -> None:
    """Worker initializer: load the analysis models once per process, not once per document."""
    if analysis:
        try:
            from newsledger.analyze import analyze_text

            analyze_text("Warm-up sentence, said the worker.")
        except Exception as exc:  # the per-document call reports the same error as a failure
            log.warning("analysis is unavailable in this worker: %s", exc)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, NewsledgerError):
        return str(exc) or type(exc).__name__
    # Not an expected error: keep the type so the bug can be found from the failures table.
    return f"internal error: {type(exc).__name__}: {exc}"


def process_document(raw: RawDocument, analysis: bool) -> Processed:
    """Extract (and analyse) one document; errors become a :class:`Failure`, never an exception."""
    from newsledger.extract import extract_document

    fail = {"document": raw.id, "path": raw.path, "url": raw.url}
    try:
        article = extract_document(raw)
    except Exception as exc:
        log.debug("extraction failed for %s", raw.path or raw.url or raw.id, exc_info=True)
        return Processed(None, None, Failure("extract", _reason(exc), **fail), False)
    failure = None
    analyzed = False
    if analysis:
        try:
            from newsledger.analyze import analyze_article

            article = analyze_article(article)
            analyzed = True
        except Exception as exc:
            log.debug("analysis failed for %s", raw.path or raw.url or raw.id, exc_info=True)
            failure = Failure("analyze", _reason(exc), **fail)
    sig = dedup.signature(article.text) if article.text else None
    return Processed(article, sig, failure, analyzed)


# -- parent side ---------------------------------------------------------------------------
class Progress:
    """A one-line progress counter on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last = 0.0

    def update(self, stats: IngestStats, start: float, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < PROGRESS_EVERY_S:
            return
        self._last = now
        rate = stats.seen / (now - start) if now > start else 0.0
        self.stream.write(
            f"\r\x1b[Kingest: {stats.seen} documents - {stats.ingested} new, "
            f"{stats.duplicates} duplicates, {stats.failed} failed - {rate:.1f}/s"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _results(
    docs: Iterable[RawDocument], jobs: int, analysis: bool
) -> Iterator[tuple[RawDocument, Processed]]:
    """Process ``docs`` in worker processes; yield results in input order."""
    if jobs <= 1:
        _warm_up(analysis)
        for raw in docs:
            yield raw, process_document(raw, analysis)
        return
    # spawn: workers must not inherit the parent's SQLite connection or threads.
    ctx = multiprocessing.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_warm_up, initargs=(analysis,))

    pool = new_pool()
    window: deque[tuple[RawDocument, Future]] = deque()
    it = iter(docs)
    exhausted = False
    try:
        while True:
            while not exhausted and len(window) < jobs * WINDOW_PER_JOB:
                raw = next(it, None)
                if raw is None:
                    exhausted = True
                    break
                window.append((raw, pool.submit(process_document, raw, analysis)))
            if not window:
                return
            raw, fut = window.popleft()
            try:
                yield raw, fut.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): blame this document, restart the pool
                # and resubmit the rest of the window.
                pool.shutdown(wait=False, cancel_futures=True)
                yield (
                    raw,
                    Processed(
                        None,
                        None,
                        Failure(
                            "extract",
                            "worker process died on this document",
                            document=raw.id,
                            path=raw.path,
                            url=raw.url,
                        ),
                        False,
                    ),
                )
                pool = new_pool()
                window = deque((r, pool.submit(process_document, r, analysis)) for r, _ in window)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def read_url_list(path: str) -> list[str]:
    """URLs from a file (one per line; blank lines and # comments skipped; "-" reads stdin)."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot read the URL list {path}: {exc}") from exc
    return [u.strip() for u in text.splitlines() if u.strip() and not u.lstrip().startswith("#")]


def _sources(
    paths: Iterable[str], urls: list[str], kind: str, fetch_options: dict | None
) -> Iterator[RawDocument | Rejection]:
    paths = list(paths)
    if paths:
        from newsledger.sources.files import iter_documents

        yield from iter_documents(paths, kind=kind, max_bytes=MAX_DOCUMENT_BYTES)
    if urls:
        from newsledger.sources.fetch import fetch_urls

        yield from fetch_urls(urls, **(fetch_options or {}))


def ingest(
    paths: Iterable[str] = (),
    *,
    db: str | os.PathLike[str] | None = None,
    urls: Iterable[str] = (),
    jobs: int = 1,
    analysis: bool = True,
    kind: str = "auto",
    progress: Progress | None = None,
    fetch_options: dict | None = None,
) -> IngestStats:
    """Ingest documents from ``paths`` (files, folders, globs, .gz, WARC, "-") and ``urls``.

    ``fetch_options`` are passed to :func:`newsledger.sources.fetch.fetch_urls` (timeouts, delays).
    """
    items = _sources(paths, list(urls), kind, fetch_options)
    return ingest_items(items, db=db, jobs=jobs, analysis=analysis, progress=progress)


def ingest_items(
    items: Iterable[RawDocument | Rejection],
    *,
    db: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    analysis: bool = True,
    progress: Progress | None = None,
) -> IngestStats:
    """Ingest already-read documents and rejections (the core of :func:`ingest`)."""
    conn = connect(db)
    writer = LedgerWriter(conn)
    stats = IngestStats()
    start = time.monotonic()
    progress = progress or Progress()
    pending: set[str] = set()
    # The ledger's own files, when they sit inside a folder being ingested.
    own = {
        os.path.realpath(resolve_db_path(db)) + suffix
        for suffix in ("", "-wal", "-shm", "-journal")
    }

    def fail(f: Failure) -> None:
        stats.failed += 1
        stats.failures.append(f"{f.stage}: {f.path or f.url or f.document}: {f.reason}")
        log.info("failed (%s) %s: %s", f.stage, f.path or f.url or f.document, f.reason)

    def to_process() -> Iterator[RawDocument]:
        for item in items:
            if item.path and not getattr(item, "url", None) and os.path.realpath(item.path) in own:
                continue
            stats.seen += 1
            if isinstance(item, Rejection):
                f = Failure(
                    item.stage or "source",
                    item.reason,
                    document=item.id,
                    path=item.path,
                    url=item.url,
                )
                writer.record_failure(f)
                fail(f)
            elif len(item.data) > MAX_DOCUMENT_BYTES:
                f = Failure(
                    "source",
                    f"document too large ({len(item.data):,} bytes > {MAX_DOCUMENT_BYTES:,})",
                    document=item.id,
                    path=item.path,
                    url=item.url,
                )
                writer.record_failure(f)
                fail(f)
            elif item.id in pending or writer.has_document(item.id):
                stats.duplicates += 1
            else:
                pending.add(item.id)
                yield item
            progress.update(stats, start)

    try:
        for raw, res in _results(to_process(), jobs, analysis):
            pending.discard(raw.id)
            try:
                rowid = writer.add_document(
                    raw,
                    res.article,
                    analyzed=res.analyzed,
                    signature=res.signature,
                    failure=res.failure,
                )
            except (StoreError, ValueError) as exc:
                f = Failure("store", _reason(exc), document=raw.id, path=raw.path, url=raw.url)
                writer.record_failure(f)
                fail(f)
                continue
            if res.failure is not None:
                fail(res.failure)
            if rowid is not None:
                stats.ingested += 1
                size = conn.execute(
                    "SELECT c.size FROM clusters c JOIN articles a ON a.cluster_id = c.id "
                    "WHERE a.rowid=?",
                    (rowid,),
                ).fetchone()
                if size is not None and size[0] > 1:
                    stats.near_duplicates += 1
            progress.update(stats, start)
        total = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        if stats.ingested >= OPTIMIZE_AFTER and stats.ingested >= OPTIMIZE_SHARE * total:
            optimize(conn)
    finally:
        progress.close()
        stats.elapsed_s = time.monotonic() - start
        conn.close()
    return stats


def optimize(conn) -> None:
    """Merge the full-text indexes into one segment each and refresh the query planner's statistics."""
    for table in ("articles_fts", "quotes_fts", "claims_fts"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    conn.execute("PRAGMA optimize")


def reanalyze(
    *,
    db: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    analysis: bool = True,
    progress: Progress | None = None,
) -> IngestStats:
    """Re-run extraction (and analysis) on every stored document, from its stored raw bytes.

    Articles, actors and clusters are rebuilt in the original ingest order.
    """
    conn = connect(db)
    writer = LedgerWriter(conn)
    stats = IngestStats()
    start = time.monotonic()
    progress = progress or Progress()
    ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY rowid")]
    writer.clear_articles()

    def docs() -> Iterator[RawDocument]:
        for doc_id in ids:
            r = conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
            stats.seen += 1
            yield RawDocument(
                data=decompress(r["raw"]),
                kind=DocumentKind(r["kind"]),
                path=r["path"],
                url=r["url"],
                content_type=r["content_type"],
                date=r["captured"],
                id=r["id"],
            )

    try:
        for _raw, res in _results(docs(), jobs, analysis):
            if res.article is not None:
                writer.replace_article(
                    res.article, analyzed=res.analyzed, signature=res.signature, failure=res.failure
                )
                stats.ingested += 1
            else:
                writer.record_failure(res.failure)
            if res.failure is not None:
                stats.failed += 1
                stats.failures.append(
                    f"{res.failure.stage}: {res.failure.key}: {res.failure.reason}"
                )
            progress.update(stats, start)
        optimize(conn)
    finally:
        progress.close()
        stats.elapsed_s = time.monotonic() - start
        conn.close()
    return stats
