"""Actors across documents: one Blinken under many names, two Smiths kept apart."""

from __future__ import annotations

from newsledger.store.actors import name_key, normalize
from newsledger.store.db import connect
from newsledger.store.queries import actors, quotes
from newsledger.store.writer import LedgerWriter
from store_fixtures import entity, make, quote, seed_article


def _ledger(tmp_path):
    conn = connect(tmp_path / "a.db")
    return conn, LedgerWriter(conn)


def test_name_keys():
    assert name_key("Secretary of State Antony Blinken", "PERSON") == name_key(
        "Antony Blinken", "PERSON"
    )
    assert name_key("Antony J. Blinken", "PERSON").key == "antony blinken"
    assert name_key("US Secretary of State Antony Blinken", "PERSON").surname == "blinken"
    assert not name_key("Blinken", "PERSON").full
    assert name_key("The United Nations", "ORG").key == "united nations"
    assert name_key("U.S.", "GPE") == name_key("US", "GPE") == name_key("the United States", "GPE")
    assert name_key("UN", "ORG").key == "united nations"
    assert name_key("Who", "PERSON").key == "who"  # aliases are for organisations and places only
    assert normalize("Pérez-Reverte's") == "perez reverte"


def test_blinken_variants_merge_across_documents(tmp_path):
    conn, w = _ledger(tmp_path)
    w.add_document(*seed_article(), analyzed=True)
    t2 = "Secretary of State Antony Blinken met Jordan's foreign minister. \u201cWe want calm,\u201d Blinken said."
    ents2 = [
        entity(
            "e1",
            "Secretary of State Antony Blinken",
            "PERSON",
            t2,
            ["Secretary of State Antony Blinken", "Blinken"],
            ["Secretary of State"],
        )
    ]
    raw2, a2 = make(
        t2,
        title="Blinken in Amman",
        published="2023-11-04",
        entities=ents2,
        quotes=[quote(t2, "We want calm", "Secretary of State Antony Blinken", "Blinken", "e1")],
    )
    w.add_document(raw2, a2, analyzed=True)
    t3 = "Blinken said the talks would go on. Officials declined to comment."
    raw3, a3 = make(
        t3,
        title="Talks go on",
        published="2023-11-05",
        entities=[entity("e1", "Blinken", "PERSON", t3, ["Blinken"])],
        quotes=[quote(t3, "the talks would go on", "Blinken", "Blinken", "e1")],
    )
    w.add_document(raw3, a3, analyzed=True)

    rows = actors(conn, name="Blinken")
    assert len(rows) == 1
    assert rows[0]["name"] == "Antony Blinken"
    assert rows[0]["articles"] == 3 and rows[0]["quotes"] == 4
    assert "US Secretary of State (2023-11-03)" in rows[0]["roles"]
    assert "Secretary of State (2023-11-04)" in rows[0]["roles"]
    assert rows[0]["first_seen"] == "2023-11-03" and rows[0]["last_seen"] == "2023-11-05"
    said = quotes(conn, speaker="Blinken")
    assert {q["speaker"] for q in said} == {"Antony Blinken"}
    assert len(said) == 4


def test_surname_only_actor_is_absorbed_when_full_name_appears_later(tmp_path):
    conn, w = _ledger(tmp_path)
    t1 = "Blinken said the talks would go on."
    w.add_document(
        *make(t1, title="One", entities=[entity("e1", "Blinken", "PERSON", t1, ["Blinken"])]),
        analyzed=True,
    )
    assert conn.execute("SELECT COUNT(*) FROM actors").fetchone()[0] == 1
    w.add_document(*seed_article(), analyzed=True)
    rows = actors(conn, name="Blinken")
    assert [r["name"] for r in rows] == ["Antony Blinken"]
    assert rows[0]["articles"] == 2


def test_two_smiths_stay_apart_and_a_lone_smith_joins_neither(tmp_path):
    conn, w = _ledger(tmp_path)
    t1 = "John Smith, the mayor, said roads were closed. Smith added that schools were shut."
    t2 = "Mary Smith, a nurse, said the hospital was full."
    t3 = "Smith said the report was wrong."
    w.add_document(
        *make(
            t1,
            title="Mayor",
            entities=[entity("e1", "John Smith", "PERSON", t1, ["John Smith", "Smith"], ["mayor"])],
        ),
        analyzed=True,
    )
    w.add_document(
        *make(
            t2,
            title="Nurse",
            entities=[entity("e1", "Mary Smith", "PERSON", t2, ["Mary Smith"], ["nurse"])],
        ),
        analyzed=True,
    )
    w.add_document(
        *make(t3, title="Report", entities=[entity("e1", "Smith", "PERSON", t3, ["Smith"])]),
        analyzed=True,
    )
    names = sorted(r["name"] for r in actors(conn, name="Smith"))
    assert names == ["John Smith", "Mary Smith", "Smith"]
    by_name = {r["name"]: r for r in actors(conn, name="Smith")}
    assert by_name["John Smith"]["articles"] == 1 and by_name["Mary Smith"]["articles"] == 1


def test_surname_in_same_document_joins_the_full_name(tmp_path):
    conn, w = _ledger(tmp_path)
    # Two Smiths already in the corpus, but this document names only one of them in full.
    for t, n in (("John Smith spoke.", "John Smith"), ("Mary Smith spoke.", "Mary Smith")):
        w.add_document(
            *make(t, title=n, entities=[entity("e1", n, "PERSON", t, [n])]), analyzed=True
        )
    t = "Mary Smith arrived. Later, Smith said she was tired."
    w.add_document(
        *make(
            t,
            title="Later",
            entities=[
                entity("e1", "Mary Smith", "PERSON", t, ["Mary Smith"]),
                entity("e2", "Smith", "PERSON", t, ["Smith"]),
            ],
        ),
        analyzed=True,
    )
    mary = actors(conn, name="Mary Smith")[0]
    assert mary["articles"] == 2
    assert [r["name"] for r in actors(conn, name="Smith") if r["name"] == "Smith"] == []


def test_organisations_merge_on_normalised_name(tmp_path):
    conn, w = _ledger(tmp_path)
    for i, n in enumerate(["the United Nations", "United Nations", "UNITED NATIONS"]):
        t = f"{n} said aid was blocked, day {i}."
        w.add_document(
            *make(t, title=f"UN {i}", entities=[entity("e1", n, "ORG", t, [n])]), analyzed=True
        )
    rows = actors(conn, name="United Nations", collapse=False)
    assert len(rows) == 1 and rows[0]["articles"] == 3
    # The three short texts are near-duplicates of each other: one story when collapsed.
    assert actors(conn, name="United Nations")[0]["articles"] == 1


def test_abbreviations_join_the_written_out_name(tmp_path):
    conn, w = _ledger(tmp_path)
    for i, n in enumerate(["U.S.", "United States", "US"]):
        t = f"{n} officials said talks continue, report {i} of {i * 7} pages about something else {i}."
        w.add_document(
            *make(t, title=f"US {i}", entities=[entity("e1", n, "GPE", t, [n])]), analyzed=True
        )
    rows = actors(conn, name="United States", collapse=False)
    assert [(r["name"], r["articles"]) for r in rows] == [("United States", 3)]
    assert set(rows[0]["aliases"].split("; ")) == {"U.S.", "US"}


def test_a_mention_that_swallowed_a_neighbour_is_no_alias(tmp_path):
    conn, w = _ledger(tmp_path)
    w.add_document(*seed_article(), analyzed=True)
    t = "Blinken and US President Joe Biden backed pauses. Biden spoke later."
    ents = [entity("e1", "Joe Biden", "PERSON", t, ["Blinken and US President Joe Biden", "Biden"])]
    w.add_document(*make(t, title="Biden", entities=ents), analyzed=True)
    assert [r["name"] for r in actors(conn, name="Blinken")] == ["Antony Blinken"]
    assert "Biden" in actors(conn, name="Joe Biden")[0]["aliases"]
