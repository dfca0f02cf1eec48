"""A run killed with SIGKILL at a random moment, then restarted, ends with the rows of an
uninterrupted run; ingesting the same corpus twice adds nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store_fixtures import shared_data

pytestmark = pytest.mark.slow

# Columns that legitimately differ between runs (wall-clock times).
VOLATILE = {("documents", "ingested_at"), ("failures", "at"), ("schema_migrations", "applied_at")}
CORPUS_FILES = 24
KILLS = 3


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from newsledger.cli import main; main()", *args]


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every ledger table (FTS shadow tables excepted), sorted, without wall-clock times."""
    conn = sqlite3.connect(path)
    out: dict[str, list[tuple]] = {}
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for t in tables:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if (t, r[1]) not in VOLATILE]
        sel = ", ".join(f'"{c}"' for c in cols)
        out[t] = sorted(conn.execute(f"SELECT {sel} FROM {t}").fetchall(), key=repr)
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    conn.close()
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    data = shared_data()
    if data is None:
        pytest.skip("shared data (../shared/data or $NEWSLEDGER_SHARED_DATA) not available")
    folder = tmp_path_factory.mktemp("corpus")
    pages = sorted((data / "extraction" / "scrapinghub" / "html").glob("*.html.gz"))[:CORPUS_FILES]
    for p in pages:
        shutil.copy(p, folder / p.name)
    shutil.copy(data / "seed" / "aljazeera_blinken_netanyahu_2023-11-03.txt", folder / "seed.txt")
    # One near-duplicate of the seed, so that clustering is exercised across the kill too.
    seed = (data / "seed" / "aljazeera_blinken_netanyahu_2023-11-03.txt").read_text(
        encoding="utf-8"
    )
    (folder / "seed_copy.txt").write_text(
        seed.replace("Netanyahu resists", "Netanyahu rejects", 1), encoding="utf-8"
    )
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    start = time.monotonic()
    subprocess.run(
        _cli("ingest", str(corpus), "--db", str(db), "--no-analysis"),
        check=True,
        capture_output=True,
        timeout=600,
    )
    return db, time.monotonic() - start


def test_ingesting_twice_adds_nothing(corpus, reference, tmp_path):
    ref, _ = reference
    db = tmp_path / "twice.db"
    shutil.copy(ref, db)
    before = dump(db)
    assert before["documents"], "the first ingest stored nothing"
    run = subprocess.run(
        _cli("ingest", str(corpus), "--db", str(db), "--no-analysis"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "ingested 0," in run.stderr
    assert dump(db) == before


def test_kill_9_and_restart_gives_the_rows_of_an_uninterrupted_run(corpus, reference, tmp_path):
    ref, duration = reference
    expected = dump(ref)
    rng = random.Random(int(os.environ.get("NEWSLEDGER_KILL_SEED", "7")))
    killed_mid_run = 0
    for i in range(KILLS):
        db = tmp_path / f"k{i}.db"
        proc = subprocess.Popen(
            _cli("ingest", str(corpus), "--db", str(db), "--no-analysis"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, max(duration * 0.9, 0.5)))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed_mid_run += 1
        proc.wait(timeout=60)
        subprocess.run(
            _cli("ingest", str(corpus), "--db", str(db), "--no-analysis"),
            check=True,
            capture_output=True,
            timeout=600,
        )
        assert dump(db) == expected, f"run {i} differs after kill -9"
    assert killed_mid_run, (
        "every run finished before the kill: the corpus is too small to test anything"
    )


def test_parallel_workers_write_the_same_rows(corpus, reference, tmp_path):
    ref, _ = reference
    db = tmp_path / "jobs.db"
    run = subprocess.run(
        _cli("ingest", str(corpus), "--db", str(db), "--no-analysis", "--jobs", "2"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert dump(db) == dump(ref)
