"""``reanalyze`` rebuilds articles from the stored raw bytes: same input, same rows."""

from __future__ import annotations

from newsledger.store.db import connect
from newsledger.store.ingest import ingest, reanalyze
from test_ingest_kill import dump
from test_store_failures import PAGE


def test_reanalyze_from_stored_bytes_gives_the_same_ledger(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(4):
        (corpus / f"p{n}.html").write_text(PAGE.format(n=n), encoding="utf-8")
    (corpus / "copy.html").write_text(
        PAGE.format(n=1).replace("<title>", "<title>Updated: "), encoding="utf-8"
    )
    db = tmp_path / "l.db"
    first = ingest([str(corpus)], db=db, analysis=False)
    assert first.ingested == 5
    before = dump(db)
    # The corpus is gone: only the stored bytes remain.
    for f in corpus.iterdir():
        f.unlink()
    stats = reanalyze(db=db, analysis=False)
    assert stats.ingested == 5 and stats.failed == 0
    assert dump(db) == before
    conn = connect(db)
    assert (
        conn.execute(
            "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'"
        ).fetchone()[0]
        == 5
    )
