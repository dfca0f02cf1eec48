"""Queries: search (hostile input, filters, ranking, collapse), quotes, claims timeline, export."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.errors import StoreError
from newsledger.store.db import connect
from newsledger.store.export import COLUMNS, export
from newsledger.store.queries import Filters, claims, claims_timeline, fts_query, quotes, search
from newsledger.store.writer import LedgerWriter
from store_fixtures import claim, make, seed_article
from test_store_dedup import STORY, _text


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "q.db"
    conn = connect(path)
    w = LedgerWriter(conn)
    w.add_document(*seed_article(), analyzed=True)
    # A wire copy of the seed (same text, other site): one cluster.
    w.add_document(*seed_article(salt="copy"), analyzed=True)
    # Later reporting: the toll rises.
    t = (
        "Palestinian authorities said on Tuesday that more than 10,022 people have been killed in Gaza. "
        "Aid agencies called for humanitarian access."
    )
    w.add_document(
        *make(
            t,
            title="Gaza toll passes 10,000",
            published="2023-11-07",
            site="Other Paper",
            claims=[
                claim(
                    t,
                    "more than 10,022 people",
                    10022,
                    "people killed",
                    "Palestinian authorities",
                    "Gaza",
                    "more than",
                )
            ],
        ),
        analyzed=True,
    )
    w.add_document(
        *make(
            _text(STORY),
            title="Floods kill dozens in eastern Spain",
            published="2024-10-30",
            site="Spain Daily",
            section="Europe",
        ),
        analyzed=False,
    )
    yield conn


HOSTILE = [
    '"',
    '""',
    "AND",
    "OR NOT",
    "NEAR(",
    "title:x",
    "*",
    "-",
    "(((",
    "a'b",
    "x\x00y",
    "💥",
    "'; DROP TABLE articles; --",
    "^",
    "col : val",
    'humanitarian"pauses',
    "\\",
    "%",
    "_",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_do_not_crash(ledger, q):
    search(ledger, q)
    quotes(ledger, about=q, speaker=q)
    claims(ledger, what=q, source=q, place=q)
    claims_timeline(ledger, what=q)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_valid_query(q):
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    conn.execute("INSERT INTO t VALUES ('some words here')")
    fq = fts_query(q)
    if fq:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", (fq,)).fetchall()


def test_search_ranks_title_hit_first_and_collapses_copies(ledger):
    rows = search(ledger, "humanitarian pauses")
    assert rows[0]["title"].startswith("Netanyahu resists")
    assert rows[0]["copies"] == 2
    assert sum(r["title"].startswith("Netanyahu") for r in rows) == 1
    assert "[humanitarian]" in rows[0]["snippet"] or "[pauses]" in rows[0]["snippet"]
    all_rows = search(ledger, "humanitarian pauses", collapse=False)
    assert sum(r["title"].startswith("Netanyahu") for r in all_rows) == 2


def test_search_filters(ledger):
    assert [r["site"] for r in search(ledger, "killed", filters=Filters(since="2023-11-05"))] == [
        "Other Paper"
    ]
    assert all(
        r["date"] <= "2023-11-03"
        for r in search(ledger, "killed", filters=Filters(until="2023-11-03"))
    )
    assert search(ledger, "floods", filters=Filters(section="europe"))[0]["site"] == "Spain Daily"
    assert search(ledger, "floods", filters=Filters(site="Al Jazeera")) == []
    assert search(ledger, "floods", filters=Filters(language="en"))
    assert search(ledger, "killed", filters=Filters(until="2023-11"))
    with pytest.raises(StoreError):
        search(ledger, "x", filters=Filters(since="last week"))


def test_ranking_cap_keeps_filters_right(ledger, monkeypatch):
    from newsledger.store import queries as q

    monkeypatch.setattr(q, "MAX_RANKED", 1)
    # Only the newest match is ranked, but a filter still reaches the older ones.
    assert [r["site"] for r in search(ledger, "killed")] == ["Other Paper"]
    assert [r["site"] for r in search(ledger, "killed", filters=Filters(until="2023-11-03"))] == [
        "Al Jazeera"
    ]


def test_phrase_and_prefix_queries(ledger):
    assert search(ledger, '"orange groves"')[0]["site"] == "Spain Daily"
    assert search(ledger, '"groves orange"') == []
    assert search(ledger, "meteorolog*")[0]["site"] == "Spain Daily"


def test_quotes_by_speaker_and_about(ledger):
    rows = quotes(ledger, speaker="Blinken")
    assert rows and {r["speaker"] for r in rows} == {"Antony Blinken"}
    assert all(r["copies"] == 2 for r in rows)
    assert len(quotes(ledger, speaker="Blinken", collapse=False)) == 2 * len(rows)
    about = quotes(ledger, about="ceasefire")
    assert [r["speaker"] for r in about] == ["Benjamin Netanyahu"]
    assert quotes(ledger, speaker="Nobody Atall") == []


def test_claims_timeline_shows_the_toll_rising(ledger):
    rows = claims_timeline(ledger, what="killed")
    by = {(r["date"], r["source"]): r for r in rows}
    assert "9,227" in by[("2023-11-03", "Palestinian authorities")]["values"]
    assert "1,400" in by[("2023-11-03", "Israel")]["values"]
    assert "10,022" in by[("2023-11-07", "Palestinian authorities")]["values"]
    # The two copies of the seed count once.
    assert by[("2023-11-03", "Israel")]["articles"] == 1
    assert claims_timeline(ledger, what="killed", collapse=False)[0]["articles"] == 2
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    src = claims(ledger, what="killed", source="Palestinian authorities")
    assert {r["value"] for r in src} == {9227, 10022}
    assert claims(ledger, place="Israel")[0]["value"] == 1400


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_has_the_documented_columns(ledger, tmp_path, fmt):
    done = export(ledger, fmt=fmt, out=tmp_path / "out", what="all")
    assert set(done) == {"articles", "quotes", "claims", "actors"}
    assert done["articles"][1] == 4 and done["claims"][1] == 7
    for what, (path, n) in done.items():
        cols = [c for c, _ in COLUMNS[what]]
        if fmt == "csv":
            with open(path, newline="", encoding="utf-8") as f:
                r = csv.reader(f)
                assert next(r) == cols
                assert sum(1 for _ in r) == n
        elif fmt == "parquet":
            import pyarrow.parquet as pq

            t = pq.read_table(path)
            assert t.column_names == cols and t.num_rows == n
        else:
            lines = path.read_text(encoding="utf-8").splitlines()
            assert len(lines) == n
            first = json.loads(lines[0])
            if what == "articles":
                assert first["schema"] == "newsledger/article@1"
            else:
                assert list(first) == cols


def test_export_single_table_to_file(ledger, tmp_path):
    done = export(ledger, fmt="csv", out=tmp_path / "q.csv", what="quotes")
    assert done["quotes"][0] == tmp_path / "q.csv" and done["quotes"][1] == 6
    with pytest.raises(StoreError):
        export(ledger, fmt="xml", out=tmp_path / "x", what="quotes")


def test_unresolved_speaker_is_found_by_printed_name(tmp_path):
    from newsledger.model import QuoteType
    from store_fixtures import quote

    conn = connect(tmp_path / "u.db")
    w = LedgerWriter(conn)
    t = "\u201cThe bridge is safe,\u201d said Ana Ruiz, an engineer. Later a spokesman said nothing."
    q1 = quote(t, "The bridge is safe", "Ana Ruiz", "Ana Ruiz", None)
    q2 = quote(t, "nothing", None, "a spokesman", None, qtype=QuoteType.INDIRECT)
    w.add_document(*make(t, title="Bridge", published=None, quotes=[q1, q2]), analyzed=True)
    assert [r["speaker"] for r in quotes(conn, speaker="Ruiz")] == ["Ana Ruiz"]
    assert [r["speaker"] for r in quotes(conn, speaker="spokesman")] == ["a spokesman"]
    assert quotes(conn, speaker="engineer") == []
    # Undated articles sort after dated ones.
    w.add_document(*seed_article(), analyzed=True)
    assert quotes(conn)[-1]["date"] is None


def test_progress_line_only_when_enabled():
    import io

    from newsledger.store.ingest import IngestStats, Progress

    buf = io.StringIO()
    Progress(stream=buf).update(IngestStats(seen=3), 0.0, force=True)
    assert buf.getvalue() == ""  # not a terminal
    Progress(stream=buf, enabled=True).update(IngestStats(seen=3, ingested=2), 0.0, force=True)
    assert "3 documents - 2 new" in buf.getvalue()


def test_walking_and_sorting_paths_agree(ledger):
    from newsledger.store import queries as q

    # No condition: the date-index walk; an always-true condition: the sort.
    for table, fn in (("quotes", quotes), ("claims", claims)):
        walked = fn(ledger)
        cols = q._QUOTE_COLS if table == "quotes" else q._CLAIM_COLS
        key = (
            (lambda r: (r["actor"] or r["speaker_name"] or "", r["text"]))
            if table == "quotes"
            else (lambda r: (r["value"], r["what"] or "", r["source"] or ""))
        )
        sorted_rows = q._newest_first(
            ledger, table, cols, ["t.rowid > ?"], [0], Filters(), key, 50, True
        )
        assert [(r["rowid"], c) for r, c in sorted_rows] == [
            (r["rowid"], c)
            for r, c in q._newest_first(ledger, table, cols, [], [], Filters(), key, 50, True)
        ]
        assert len(walked) == len(sorted_rows) > 0
