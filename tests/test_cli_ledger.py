"""The ledger commands: output formats, options, and (with the real pipeline) the seed acceptance checks."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.cli.table import format_table
from newsledger.store.db import connect
from newsledger.store.writer import LedgerWriter
from store_fixtures import seed_article, shared_data


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "c.db"
    conn = connect(path)
    w = LedgerWriter(conn)
    w.add_document(*seed_article(), analyzed=True)
    w.add_document(*seed_article(salt="wire copy"), analyzed=True)
    conn.close()
    return str(path)


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return result


def test_quotes_default_is_jsonl_when_piped(db):
    r = run("quotes", "--speaker", "Blinken", "--db", db)
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert rows and {x["speaker"] for x in rows} == {"Antony Blinken"}


def test_db_from_environment(db):
    r = run("quotes", "--speaker", "Netanyahu", env={"NEWSLEDGER_DB": db})
    assert r.exit_code == 0 and "Benjamin Netanyahu" in r.output


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_every_format(db, fmt):
    r = run("claims", "--what", "killed", "--timeline", "--format", fmt, "--db", db)
    assert r.exit_code == 0, r.output
    assert "9,227" in r.output and "1,400" in r.output and "2023-11-03" in r.output
    if fmt == "json":
        assert isinstance(json.loads(r.output), list)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.output)))
        assert {"date", "source", "what", "values"} <= set(rows[0])
    if fmt == "table":
        assert r.output.splitlines()[0].startswith("DATE")


def test_search_claims_actors_show_failures(db):
    r = run("search", "humanitarian pauses", "--db", db, "--format", "json")
    hits = json.loads(r.output)
    assert len(hits) == 1 and hits[0]["copies"] == 2
    assert run("search", 'NEAR(" AND', "--db", db).exit_code == 0
    r = run("claims", "--source", "Israel", "--db", db, "--format", "json")
    assert [c["value"] for c in json.loads(r.output)] == [1400]
    r = run("actors", "--db", db, "--format", "json")
    by_name = {a["name"]: a for a in json.loads(r.output)}
    assert "Antony Blinken" in by_name and "Blinken" not in by_name
    # Two copies of one story: one article with collapsing, two without.
    assert by_name["Antony Blinken"]["articles"] == 1
    r = run(
        "actors", "--db", db, "--format", "json", "--no-collapse-duplicates", "--name", "Blinken"
    )
    assert json.loads(r.output)[0]["articles"] == 2
    doc_id = hits[0]["id"]
    r = run("show", doc_id[:10], "--db", db, "--format", "table")
    assert (
        r.exit_code == 0 and "Netanyahu resists" in r.output and "near-duplicates (1)" in r.output
    )
    r = run("show", doc_id[:10], "--db", db, "--format", "json")
    assert json.loads(r.output)["id"] == doc_id
    r = run("show", "ffffffffff", "--db", db)
    assert r.exit_code == 1 and "no article" in r.output
    assert run("failures", "--db", db).exit_code == 0


def test_missing_database_is_a_clear_error(tmp_path):
    r = run("search", "x", "--db", str(tmp_path / "none.db"))
    assert r.exit_code == 1 and "no ledger database" in r.output


def test_export_command(db, tmp_path):
    r = run(
        "export",
        "--db",
        db,
        "--format",
        "csv",
        "--out",
        str(tmp_path / "claims.csv"),
        "--what",
        "claims",
    )
    assert r.exit_code == 0
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8").startswith("article,n,date,value")


def test_table_fits_width():
    rows = [{"a": "x" * 200, "b": "short"}]
    out = format_table(rows, ["a", "b"], width=60)
    assert all(len(line) <= 60 for line in out.splitlines())
    assert "…" in out


def test_ingest_needs_a_source(tmp_path):
    r = run("ingest", "--db", str(tmp_path / "x.db"))
    assert r.exit_code == 2


# -- acceptance on the real pipeline (extraction + analysis by the other stages) ----------------
@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    data = shared_data()
    if data is None:
        pytest.skip("shared data (../shared/data or $NEWSLEDGER_SHARED_DATA) not available")
    path = str(tmp_path_factory.mktemp("real") / "real.db")
    args = [
        "ingest",
        str(data / "extraction" / "scrapinghub" / "html"),
        str(data / "seed"),
        "--db",
        path,
    ]
    first = run(*args)
    assert first.exit_code == 0, first.output
    return path, args


@pytest.mark.slow
@pytest.mark.timeout(1800)  # analyses ~180 pages, twice the time on a busy machine
def test_real_corpus_twice_keeps_counts_and_answers_the_seed_questions(real_db):
    from newsledger.store.queries import counts

    path, args = real_db
    conn = connect(path)
    before = counts(conn)
    assert before["articles"] >= 150
    assert run(*args).exit_code == 0
    assert counts(conn) == before

    rows = [
        json.loads(x)
        for x in run("quotes", "--speaker", "Blinken", "--db", path).output.splitlines()
    ]
    assert rows and all(r["speaker"] == "Antony Blinken" for r in rows)
    assert any("humanitarian pauses" in r["quote"] for r in rows)

    timeline = json.loads(
        run("claims", "--what", "killed", "--timeline", "--format", "json", "--db", path).output
    )
    found = {(r["date"], r["source"]): r["values"] for r in timeline}
    assert "9,227" in found.get(("2023-11-03", "Palestinian authorities"), "")
    assert "1,400" in found.get(("2023-11-03", "Israel"), "")

    hits = json.loads(run("search", "humanitarian pauses", "--format", "json", "--db", path).output)
    assert hits[0]["title"].startswith("Netanyahu resists")
