"""Exports of the ledger as JSON Lines, CSV or Parquet, with stable column names.

The columns are a documented contract (docs/export.md): they are only ever added to,
never renamed.  ``articles`` in JSON Lines are whole Article objects
(``newsledger/article@1``); every other export is flat rows with the columns below.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from newsledger.errors import StoreError
from newsledger.store.codec import load_article

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
EXPORT_WHAT = ("articles", "quotes", "claims", "actors", "all")
# Rows per Parquet row group / per fetch: bounded memory on big ledgers.
BATCH_ROWS = 5000

# name -> (column, type); type is one of "str", "int", "float", "bool".
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("id", "str"),
        ("url", "str"),
        ("site_name", "str"),
        ("language", "str"),
        ("title", "str"),
        ("description", "str"),
        ("authors", "str"),
        ("published", "str"),
        ("date", "str"),
        ("modified", "str"),
        ("section", "str"),
        ("text", "str"),
        ("source_path", "str"),
        ("source_url", "str"),
        ("source_kind", "str"),
        ("cluster_id", "int"),
        ("cluster_size", "int"),
        ("analyzed", "bool"),
        ("quotes", "int"),
        ("claims", "int"),
        ("version", "str"),
    ],
    "quotes": [
        ("article", "str"),
        ("n", "int"),
        ("date", "str"),
        ("speaker", "str"),
        ("actor_id", "int"),
        ("speaker_name", "str"),
        ("speaker_mention", "str"),
        ("type", "str"),
        ("cue", "str"),
        ("text", "str"),
        ("start", "int"),
        ("end", "int"),
        ("cluster_id", "int"),
        ("title", "str"),
        ("url", "str"),
    ],
    "claims": [
        ("article", "str"),
        ("n", "int"),
        ("date", "str"),
        ("value", "float"),
        ("qualifier", "str"),
        ("unit", "str"),
        ("what", "str"),
        ("source", "str"),
        ("source_actor_id", "int"),
        ("place", "str"),
        ("text", "str"),
        ("start", "int"),
        ("end", "int"),
        ("quote", "int"),
        ("cluster_id", "int"),
        ("title", "str"),
        ("url", "str"),
    ],
    "actors": [
        ("actor_id", "int"),
        ("name", "str"),
        ("label", "str"),
        ("aliases", "str"),
        ("roles", "str"),
        ("articles", "int"),
        ("quotes", "int"),
        ("figures", "int"),
        ("first_seen", "str"),
        ("last_seen", "str"),
    ],
}

_SQL = {
    "articles": """
        SELECT a.id, a.url, a.site_name, a.language, a.title, a.description, a.authors, a.published,
               a.day AS date, a.modified, a.section, a.text, a.source_path, a.source_url, a.source_kind,
               a.cluster_id, cl.size AS cluster_size, a.analyzed,
               (SELECT COUNT(*) FROM quotes q WHERE q.article = a.rowid) AS quotes,
               (SELECT COUNT(*) FROM claims c WHERE c.article = a.rowid) AS claims, a.version
        FROM articles a LEFT JOIN clusters cl ON cl.id = a.cluster_id ORDER BY a.rowid""",
    "quotes": """
        SELECT a.id AS article, q.n, a.day AS date, COALESCE(ac.name, q.speaker_name) AS speaker,
               q.actor AS actor_id, q.speaker_name, q.speaker_mention, q.type, q.cue, q.text, q.start,
               q."end", a.cluster_id, a.title, a.url
        FROM quotes q JOIN articles a ON a.rowid = q.article LEFT JOIN actors ac ON ac.id = q.actor
        ORDER BY a.rowid, q.n""",
    "claims": """
        SELECT a.id AS article, c.n, a.day AS date, c.value, c.qualifier, c.unit, c.what, c.source,
               c.source_actor AS source_actor_id, c.place, c.text, c.start, c."end", c.quote,
               a.cluster_id, a.title, a.url
        FROM claims c JOIN articles a ON a.rowid = c.article ORDER BY a.rowid, c.n""",
    "actors": """
        SELECT ac.id AS actor_id, ac.name, ac.label,
               (SELECT group_concat(name, '; ') FROM actor_names n WHERE n.actor = ac.id AND n.name != ac.name)
                   AS aliases,
               (SELECT group_concat(role, '; ') FROM (SELECT DISTINCT role FROM actor_roles r
                                                      WHERE r.actor = ac.id)) AS roles,
               (SELECT COUNT(DISTINCT e.article) FROM entities e WHERE e.actor = ac.id) AS articles,
               (SELECT COUNT(*) FROM quotes q WHERE q.actor = ac.id) AS quotes,
               (SELECT COUNT(*) FROM claims c WHERE c.source_actor = ac.id) AS figures,
               ac.first_seen, ac.last_seen
        FROM actors ac ORDER BY ac.id""",
}


def rows(conn: sqlite3.Connection, what: str) -> Iterator[dict]:
    """The export rows of ``what`` (articles, quotes, claims or actors), with the documented columns."""
    if what not in COLUMNS:
        raise StoreError(f"cannot export {what!r}; choose one of {', '.join(EXPORT_WHAT)}")
    cur = conn.execute(_SQL[what])
    names = [c for c, _ in COLUMNS[what]]
    while True:
        batch = cur.fetchmany(BATCH_ROWS)
        if not batch:
            return
        for r in batch:
            d = dict(zip(names, tuple(r), strict=True))
            if what == "articles":
                d["authors"] = "; ".join(json.loads(d["authors"] or "[]"))
                d["analyzed"] = bool(d["analyzed"])
            yield d


def _article_json(conn: sqlite3.Connection) -> Iterator[dict]:
    for (rowid,) in conn.execute("SELECT rowid FROM articles ORDER BY rowid").fetchall():
        yield load_article(conn, rowid).to_json_dict()


def _write_jsonl(path: Path, items: Iterator[dict]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_csv(path: Path, what: str, items: Iterator[dict]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=[c for c, _ in COLUMNS[what]])
        w.writeheader()
        for item in items:
            w.writerow({k: ("" if v is None else v) for k, v in item.items()})
            n += 1
    return n


def _write_parquet(path: Path, what: str, items: Iterator[dict]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError(
            "Parquet export needs pyarrow: pip install 'newsledger[parquet]'"
        ) from None
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(c, types[t]) for c, t in COLUMNS[what]])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict] = []
        for item in items:
            batch.append(item)
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def export(
    conn: sqlite3.Connection, *, fmt: str, out: str | os.PathLike[str], what: str = "all"
) -> dict[str, tuple[Path, int]]:
    """Write ``what`` in ``fmt`` to ``out`` (a file; a folder for ``all``); return {what: (path, rows)}."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if what not in EXPORT_WHAT:
        raise StoreError(f"cannot export {what!r}; choose one of {', '.join(EXPORT_WHAT)}")
    out = Path(out)
    if what == "all":
        out.mkdir(parents=True, exist_ok=True)
        targets = {w: out / f"{w}.{fmt}" for w in COLUMNS}
    else:
        if out.is_dir():
            out = out / f"{what}.{fmt}"
        elif not out.parent.exists():
            raise StoreError(f"folder {out.parent} does not exist")
        targets = {what: out}
    done: dict[str, tuple[Path, int]] = {}
    for w, path in targets.items():
        if fmt == "jsonl":
            n = _write_jsonl(path, _article_json(conn) if w == "articles" else rows(conn, w))
        elif fmt == "csv":
            n = _write_csv(path, w, rows(conn, w))
        else:
            n = _write_parquet(path, w, rows(conn, w))
        done[w] = (path, n)
    return done
