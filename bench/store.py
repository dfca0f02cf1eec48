"""Ledger benchmark: ingest rate, database size, and query latency on a 20,000-document corpus.

1. Ingest the Scrapinghub pages plus the seed through the real pipeline, once without
   analysis and once with it (documents/s, bytes of database per document).
2. Build a corpus of ``CORPUS_DOCS`` articles fast: synthetic variants of the analysed
   articles, written directly through the store API (no re-analysis).  A variant swaps
   a share of the words outside every quote, claim and entity mention for other words
   of the same length (offsets stay valid), gets another date and site; about one in
   five is instead a near copy of an earlier variant (a few words changed, a new
   headline), so near-duplicate clusters are not trivial.
3. Time the ``search``, ``quotes`` and ``claims`` (plus ``--timeline``) queries on it:
   p50 / p95 over randomised query sets, on a warm read-only connection as the CLI uses.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import md_table, progress, require

CORPUS_DOCS = 20000
QUICK_CORPUS_DOCS = 2000
# Queries per kind: enough for a stable p95 (the 95th of 200 is the 10th slowest).
QUERIES = 200
QUICK_QUERIES = 60
# Pages ingested with analysis in quick mode (analysis is the slow stage).
QUICK_ANALYSED_PAGES = 25
# Share of words swapped in a fresh variant (5-word shingles then mostly differ) and in
# a near copy (most shingles survive: it must cluster with its original).
FRESH_SWAP = 0.35
NEAR_SWAP = 0.02
NEAR_COPY_SHARE = 0.2
SITES = [f"site{k:02d}.example" for k in range(40)]
SEED = 20231103
TARGETS_MS = {"search": 50.0, "quotes": 100.0, "claims": 100.0, "timeline": 100.0}

_WORD = re.compile(r"[A-Za-z]{3,}")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def _db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def _ingest(paths: list[str], db: Path, analysis: bool) -> dict[str, Any]:
    from newsledger.store.db import connect
    from newsledger.store.ingest import Progress, ingest

    stats = ingest(paths, db=db, analysis=analysis, progress=Progress(enabled=False))
    conn = connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    n = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    conn.close()
    return {
        "documents": stats.seen,
        "ingested": stats.ingested,
        "failed": stats.failed,
        "seconds": round(stats.elapsed_s, 2),
        "docs_per_s": round(stats.seen / stats.elapsed_s, 2),
        "db_bytes_per_doc": round(_db_bytes(db) / max(n, 1)),
    }


# -- synthetic corpus ----------------------------------------------------------------------
def _protected(a) -> list[tuple[int, int]]:
    spans = [(q.start, q.end) for q in a.quotes] + [(c.start, c.end) for c in a.claims]
    spans += [(q.speaker.start, q.speaker.end) for q in a.quotes if q.speaker]
    spans += [(q.cue_start, q.cue_end) for q in a.quotes if q.cue_start is not None]
    spans += [(m.start, m.end) for e in a.entities for m in e.mentions]
    return sorted(spans)


def _swap(
    text: str,
    rate: float,
    protected: list[tuple[int, int]],
    vocab: dict[int, list[str]],
    rng: random.Random,
) -> str:
    out = list(text)
    for m in _WORD.finditer(text):
        if rng.random() >= rate:
            continue
        s, e = m.span()
        if any(ps < e and s < pe for ps, pe in protected):
            continue
        choices = vocab.get(e - s)
        if not choices:
            continue
        w = rng.choice(choices)
        if text[s].isupper():
            w = w.capitalize()
        out[s:e] = list(w)
    return "".join(out)


def build_corpus(templates: list, db: Path, n_docs: int) -> dict[str, Any]:
    """Write ``n_docs`` variants of ``templates`` through the store API; return timing and size."""
    from newsledger.model import DocumentKind
    from newsledger.sources.document import RawDocument
    from newsledger.store.db import connect
    from newsledger.store.ingest import optimize
    from newsledger.store.writer import LedgerWriter

    rng = random.Random(SEED)
    vocab: dict[int, set[str]] = {}
    for a in templates:
        for w in _WORD.findall(a.text):
            vocab.setdefault(len(w), set()).add(w.lower())
    vocab_l = {k: sorted(v) for k, v in vocab.items()}
    protected = [_protected(a) for a in templates]
    conn = connect(db)
    w = LedgerWriter(conn)
    recent: list[tuple[int, str, str]] = []
    start = time.monotonic()
    for i in range(n_docs):
        if recent and rng.random() < NEAR_COPY_SHARE:
            t, text, title = rng.choice(recent[-50:])
            text = _swap(text, NEAR_SWAP, protected[t], vocab_l, rng)
            title = "Update: " + _swap(title, 0.3, [], vocab_l, rng)
        else:
            t = rng.randrange(len(templates))
            base = templates[t]
            text = _swap(base.text, FRESH_SWAP, protected[t], vocab_l, rng)
            title = _swap(base.title or "", FRESH_SWAP, [], vocab_l, rng)
            recent.append((t, text, title))
        base = templates[t]
        day = 19358 + rng.randrange(730)  # days since 1970: 2023-01-01 .. 2024-12-31
        published = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
        raw = RawDocument(
            data=f"{title}\n\n{text}\n<!-- variant {i} -->".encode(),
            kind=DocumentKind.TEXT,
            path=f"synthetic/{i}.txt",
        )
        art = base.model_copy(
            update={
                "id": raw.id,
                "text": text,
                "title": title,
                "published": published,
                "site_name": rng.choice(SITES),
                "url": f"https://{rng.choice(SITES)}/{i}",
                "source": base.source.model_copy(
                    update={"path": raw.path, "kind": DocumentKind.TEXT, "url": None}
                ),
            }
        )
        w.add_document(raw, art, analyzed=True)
        if (i + 1) % 2000 == 0:
            progress(f"store: synthetic corpus {i + 1}/{n_docs}")
    optimize(conn)  # as `newsledger ingest` does after a big run
    elapsed = time.monotonic() - start
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {
        t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("articles", "clusters", "actors", "quotes", "claims")
    }
    conn.close()
    return {
        "documents": n_docs,
        "seconds": round(elapsed, 1),
        "docs_per_s": round(n_docs / elapsed, 1),
        "db_bytes_per_doc": round(_db_bytes(db) / n_docs),
        **counts,
    }


# -- query latency -------------------------------------------------------------------------
def _time(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def query_latency(db: Path, n_queries: int) -> dict[str, dict[str, float]]:
    """p50/p95 (ms) of randomised search, quotes, claims and timeline queries."""
    from newsledger.store import queries as Q
    from newsledger.store.db import connect

    rng = random.Random(SEED + 1)
    conn = connect(db, readonly=True)
    titles = [
        r[0] for r in conn.execute("SELECT title FROM articles WHERE title IS NOT NULL LIMIT 3000")
    ]
    words = [w for t in titles for w in _WORD.findall(t) if len(w) > 3] or ["news"]
    actors = [
        r[0]
        for r in conn.execute(
            "SELECT a.name FROM actors a JOIN quotes q ON q.actor = a.id GROUP BY a.id ORDER BY COUNT(*) DESC LIMIT 200"
        )
    ]
    whats = [
        w
        for (t,) in conn.execute("SELECT what FROM claims WHERE what IS NOT NULL LIMIT 5000")
        for w in _WORD.findall(t)
        if len(w) > 3
    ] or ["people"]
    fixed_search = [
        "humanitarian pauses",
        "Gaza",
        "Blinken",
        '"prime minister"',
        "killed",
        'NEAR(" AND',
    ]

    def since() -> Q.Filters:
        return (
            Q.Filters(since=f"2024-{rng.randrange(1, 13):02d}")
            if rng.random() < 0.3
            else Q.Filters()
        )

    kinds = {
        "search": lambda: Q.search(
            conn,
            rng.choice(fixed_search)
            if rng.random() < 0.2
            else " ".join(rng.sample(words, rng.choice((1, 2)))),
            filters=since(),
        ),
        "quotes": lambda: (
            Q.quotes(conn, speaker=rng.choice(actors or ["Blinken"]), filters=since())
            if rng.random() < 0.7
            else Q.quotes(conn, about=rng.choice(words))
        ),
        "claims": lambda: Q.claims(conn, what=rng.choice(whats), filters=since()),
        "timeline": lambda: Q.claims_timeline(conn, what=rng.choice(whats)),
    }
    out: dict[str, dict[str, float]] = {}
    for name, fn in kinds.items():
        for _ in range(5):  # warm the page cache, as a second CLI call would find it
            fn()
        times = [_time(fn) for _ in range(n_queries)]
        out[name] = {
            "p50_ms": round(_percentile(times, 50), 2),
            "p95_ms": round(_percentile(times, 95), 2),
            "max_ms": round(max(times), 2),
            "queries": n_queries,
        }
    conn.close()
    return out


# -- section -------------------------------------------------------------------------------
def measure(quick: bool = False) -> dict[str, Any]:
    """Run every measurement; return the raw numbers."""
    from newsledger.store.codec import load_article
    from newsledger.store.db import connect

    pages = require("extraction/scrapinghub/html")
    seed = require("seed/aljazeera_blinken_netanyahu_2023-11-03.txt")
    keep = os.environ.get("NEWSLEDGER_BENCH_DIR")
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="newsledger-bench-store-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result: dict[str, Any] = {}
        all_pages = sorted(str(p) for p in pages.glob("*.html.gz"))
        progress(f"store: ingest without analysis ({len(all_pages) + 1} documents)")
        for f in work.glob("plain.db*"):
            f.unlink()
        result["ingest_no_analysis"] = _ingest(
            [*all_pages, str(seed)], work / "plain.db", analysis=False
        )
        analysed_pages = all_pages[:QUICK_ANALYSED_PAGES] if quick else all_pages
        progress(f"store: ingest with analysis ({len(analysed_pages) + 1} documents)")
        for f in work.glob("analysed.db*"):
            f.unlink()
        result["ingest_analysis"] = _ingest(
            [str(seed), *analysed_pages], work / "analysed.db", analysis=True
        )
        conn = connect(work / "analysed.db")
        rowids = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM articles WHERE analyzed = 1 AND length(text) > 500 ORDER BY rowid"
            )
        ]
        templates = [load_article(conn, r) for r in rowids]
        conn.close()
        result["templates"] = len(templates)
        if not templates:
            result["error"] = (
                "no analysed article to build the corpus from (analysis failed on every page)"
            )
            return result
        n_docs = QUICK_CORPUS_DOCS if quick else CORPUS_DOCS
        big = work / f"corpus{n_docs}.db"
        for f in work.glob(big.name + "*"):
            f.unlink()
        progress(f"store: building a {n_docs}-document corpus through the store API")
        result["corpus"] = build_corpus(templates, big, n_docs)
        progress("store: query latency")
        result["latency"] = query_latency(big, QUICK_QUERIES if quick else QUERIES)
        return result
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def render(r: dict[str, Any]) -> str:
    """The markdown section for the numbers of :func:`measure`."""
    lines = ["## Ledger (store)", ""]
    rows = []
    for key, label in (
        ("ingest_no_analysis", "ingest, no analysis"),
        ("ingest_analysis", "ingest, with analysis"),
    ):
        x = r.get(key)
        if x:
            rows.append(
                [
                    label,
                    x["documents"],
                    x["failed"],
                    x["seconds"],
                    x["docs_per_s"],
                    f"{x['db_bytes_per_doc']:,}",
                ]
            )
    c = r.get("corpus")
    if c:
        rows.append(
            [
                f"synthetic corpus via store API ({c['clusters']:,} clusters)",
                c["documents"],
                0,
                c["seconds"],
                c["docs_per_s"],
                f"{c['db_bytes_per_doc']:,}",
            ]
        )
    lines.append(
        "Real pages: the Scrapinghub set plus the seed, one process (`--jobs 1`); the synthetic "
        "corpus is written without re-analysis (raw bytes are short text dumps, so its size per "
        "document excludes the big HTML pages)."
    )
    lines.append("")
    lines.append(
        md_table(["run", "documents", "failed", "seconds", "documents/s", "DB bytes/doc"], rows)
    )
    if r.get("error"):
        lines += ["", f"**Not measured:** {r['error']}"]
    lat = r.get("latency")
    if lat:
        lines += [
            "",
            f"Query latency on the {c['documents']:,}-document ledger ({c['quotes']:,} quotes, "
            f"{c['claims']:,} claims, {c['actors']:,} actors), warm read-only connection:",
            "",
        ]
        lrows = []
        for name, x in lat.items():
            target = TARGETS_MS.get(name)
            ok = "yes" if target and x["p95_ms"] < target else "NO"
            lrows.append(
                [
                    name,
                    x["queries"],
                    x["p50_ms"],
                    x["p95_ms"],
                    x["max_ms"],
                    f"< {target:g} ms: {ok}",
                ]
            )
        lines.append(md_table(["query", "runs", "p50 ms", "p95 ms", "max ms", "p95 target"], lrows))
    return "\n".join(lines) + "\n"


def run(quick: bool = False) -> str:
    """Measure and render the ledger section."""
    return render(measure(quick))


if __name__ == "__main__":
    import sys

    print(run(quick="--quick" in sys.argv))
