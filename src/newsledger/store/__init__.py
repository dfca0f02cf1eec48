"""The ledger: a SQLite database (WAL, FTS5) of documents, articles, actors, quotes and claims.

Public entry points:

* :func:`~newsledger.store.db.connect` - open (create, migrate) a ledger database
* :class:`~newsledger.store.writer.LedgerWriter` - the one writer (a transaction per document)
* :func:`~newsledger.store.ingest.ingest` / :func:`~newsledger.store.ingest.reanalyze`
* :mod:`~newsledger.store.queries` - search, quotes, claims, claims_timeline, actors, show
* :func:`~newsledger.store.export.export` - JSON Lines, CSV, Parquet
"""

from __future__ import annotations
