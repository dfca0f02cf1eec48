"""Near-duplicate clusters: MinHash signatures of word shingles, banded LSH kept in SQLite.

Wire copies of one story and updated versions of an article share most of their word
5-grams, so their Jaccard similarity is high; two different stories on the same topic
share only stock phrases.  Each article's MinHash signature (datasketch) is stored in
``minhashes`` and its LSH band hashes in ``lsh_buckets``: clustering a new article is
an indexed lookup of the articles sharing a band, then an exact signature comparison,
so incremental ingests (and restarts after a kill) cluster exactly as one long run
would, without rebuilding any in-memory index.

A new article joins the cluster of its most similar earlier article when the estimated
Jaccard similarity reaches :data:`JACCARD_THRESHOLD`; otherwise it starts its own
cluster.  Clusters are never merged after the fact, so
ids are stable.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import zlib
from functools import lru_cache

import numpy as np

# 128 permutations estimate Jaccard within about +-0.09 (two sigmas) - enough to tell a
# wire copy (> 0.6) from a different story (< 0.1).
NUM_PERM = 128
# 32 bands of 4 rows: an article with Jaccard 0.5 to an earlier one is a candidate with
# p = 0.87, at 0.6 with p = 0.99; candidates are then checked against the threshold.
BANDS = 32
ROWS = NUM_PERM // BANDS
# Estimated Jaccard of word 5-gram sets from which two texts are one story (a copy with
# a changed headline and one changed paragraph out of ten scores about 0.8).
JACCARD_THRESHOLD = 0.5
# Word n-gram size: 5 words rarely repeat across different stories, but survive small edits.
SHINGLE_WORDS = 5
# Upper bound on candidate articles checked per new article: a flood of identical
# boilerplate texts must not make one insert scan thousands of signatures.
MAX_CANDIDATES = 500
SEED = 1
# datasketch's hashing scheme; recorded in the ledger settings because signatures made
# with another scheme are not comparable.
SCHEME = "affine32"

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _template():
    # datasketch is imported here, not at module level: importing it pulls in scipy (seconds),
    # which query commands never need.  Building the permutations is the costly part of a
    # MinHash: do it once per process.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of lower-cased word ``size``-grams of ``text`` (the whole text if shorter)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text`` (uint32 array of NUM_PERM values), None for an empty text."""
    sh = shingles(text)
    if not sh:
        return None
    tpl = _template()
    # CRC-32 (C, ~20x faster than datasketch's default SHA-1 per shingle) is enough as the base
    # hash: the MinHash permutations are random affine maps over it.
    m = type(tpl)(
        num_perm=NUM_PERM,
        seed=SEED,
        permutations=tpl.permutations,
        scheme=SCHEME,
        hashfunc=zlib.crc32,
    )
    m.update_batch(list(sh))
    return np.asarray(m.hashvalues, dtype=np.uint32)


def signature_bytes(sig: np.ndarray) -> bytes:
    """Serialise a signature (little-endian uint32)."""
    return sig.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """Deserialise a signature stored by :func:`signature_bytes`."""
    return np.frombuffer(data, dtype="<u4")


def band_buckets(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs of a signature: the bucket is a signed 64-bit hash of the band."""
    raw = sig.astype("<u4").tobytes()
    width = ROWS * 4
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(raw[b * width : (b + 1) * width], digest_size=8).digest()
        out.append((b, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def check_settings(conn: sqlite3.Connection) -> None:
    """Record the MinHash parameters on first use; refuse a ledger built with other ones.

    Signatures made with other parameters are not comparable: mixing them would silently
    break clustering.
    """
    want = f"{NUM_PERM}:{BANDS}:{SHINGLE_WORDS}:{SEED}:{SCHEME}:crc32"
    row = conn.execute("SELECT value FROM settings WHERE key='minhash'").fetchone()
    if row is None:
        conn.execute("INSERT OR IGNORE INTO settings(key, value) VALUES ('minhash', ?)", (want,))
    elif row[0] != want:
        from newsledger.errors import StoreError

        raise StoreError(
            f"ledger near-duplicate parameters {row[0]} differ from this newsledger's "
            f"{want}; re-ingest into a new database"
        )


def assign_cluster(conn: sqlite3.Connection, article: int, sig: np.ndarray | None) -> int:
    """Store ``sig`` for ``article`` and put the article in a cluster; return the cluster id.

    Must run inside the writer's transaction for the article.
    """
    best: tuple[float, int] | None = None
    if sig is not None:
        buckets = band_buckets(sig)
        placeholders = ",".join("(?,?)" for _ in buckets)
        params = [v for pair in buckets for v in pair]
        cands = conn.execute(
            f"""SELECT l.article, COUNT(*) AS shared FROM lsh_buckets l
                JOIN (VALUES {placeholders}) v ON l.band = v.column1 AND l.bucket = v.column2
                GROUP BY l.article ORDER BY shared DESC, l.article LIMIT {MAX_CANDIDATES}""",
            params,
        ).fetchall()
        for cand_id, _shared in cands:
            row = conn.execute(
                "SELECT signature FROM minhashes WHERE article=?", (cand_id,)
            ).fetchone()
            if row is None:
                continue
            sim = similarity(sig, signature_from_bytes(row[0]))
            # Ties go to the earliest article: deterministic across runs.
            if sim >= JACCARD_THRESHOLD and (
                best is None or sim > best[0] or (sim == best[0] and cand_id < best[1])
            ):
                best = (sim, cand_id)
        conn.execute(
            "INSERT OR REPLACE INTO minhashes(article, signature) VALUES (?,?)",
            (article, signature_bytes(sig)),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO lsh_buckets(band, bucket, article) VALUES (?,?,?)",
            [(b, h, article) for b, h in buckets],
        )
    if best is not None:
        cluster = conn.execute(
            "SELECT cluster_id FROM articles WHERE rowid=?", (best[1],)
        ).fetchone()[0]
        conn.execute("UPDATE clusters SET size = size + 1 WHERE id=?", (cluster,))
    else:
        cluster = int(conn.execute("INSERT INTO clusters(size) VALUES (1)").lastrowid)
    conn.execute("UPDATE articles SET cluster_id=? WHERE rowid=?", (cluster, article))
    return cluster


def remove_article(conn: sqlite3.Connection, article: int) -> None:
    """Take ``article`` out of its cluster before it is deleted (the cluster goes when empty)."""
    row = conn.execute("SELECT cluster_id FROM articles WHERE rowid=?", (article,)).fetchone()
    if row is None or row[0] is None:
        return
    conn.execute("UPDATE articles SET cluster_id=NULL WHERE rowid=?", (article,))
    conn.execute("UPDATE clusters SET size = size - 1 WHERE id=?", (row[0],))
    conn.execute("DELETE FROM clusters WHERE id=? AND size <= 0", (row[0],))
