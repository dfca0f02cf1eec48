"""Entities: one actor per real person, canonical names, roles as printed, offsets, ids."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # loads the spaCy model

TEXT = (
    "US Secretary of State Antony Blinken arrived in Israel on Friday.\n\n"
    "Israeli Prime Minister Benjamin Netanyahu met Blinken in Tel Aviv.\n\n"
    "“We discussed the pauses,” Blinken said.\n\n"
    "Tom White, director of the UN agency on Palestinian refugees, said supplies were short. "
    "UN aid chief Martin Griffiths said there had been some progress."
)


@pytest.fixture(scope="module")
def analysis():
    from newsledger.analyze.pipeline import run_analysis

    return run_analysis(TEXT, language="en")


def _entity(analysis, name):
    hits = [e for e in analysis.entities if e.name == name]
    assert len(hits) == 1, [(e.name, e.label) for e in analysis.entities]
    return hits[0]


def test_surname_mentions_merge_into_one_actor(analysis):
    blinken = _entity(analysis, "Antony Blinken")
    assert blinken.label == "PERSON"
    assert [m.text for m in blinken.mentions].count("Blinken") >= 2
    assert not [e for e in analysis.entities if e.name == "Blinken"]


def test_roles_as_printed(analysis):
    assert "US Secretary of State" in _entity(analysis, "Antony Blinken").roles
    assert "Israeli Prime Minister" in _entity(analysis, "Benjamin Netanyahu").roles
    assert "UN aid chief" in _entity(analysis, "Martin Griffiths").roles
    assert (
        "director of the UN agency on Palestinian refugees" in _entity(analysis, "Tom White").roles
    )


def test_mention_offsets_point_at_the_text(analysis):
    for e in analysis.entities:
        assert e.mentions
        for m in e.mentions:
            assert TEXT[m.start : m.end] == m.text


def test_ids_are_stable_and_in_order_of_first_mention(analysis):
    ids = [e.id for e in analysis.entities]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
    firsts = [min(m.start for m in e.mentions) for e in analysis.entities]
    assert firsts == sorted(firsts)
    from newsledger.analyze.pipeline import run_analysis

    again = run_analysis(TEXT, language="en")
    assert [(e.id, e.name) for e in again.entities] == [(e.id, e.name) for e in analysis.entities]


def test_other_labels_present(analysis):
    labels = {e.label for e in analysis.entities}
    assert {"PERSON", "GPE"} <= labels


def test_quote_speaker_points_to_entity(analysis):
    q = next(q for q in analysis.quotes if "discussed the pauses" in q.text)
    assert q.speaker.entity == _entity(analysis, "Antony Blinken").id


def test_two_people_with_different_names_stay_apart():
    from newsledger.analyze.pipeline import run_analysis

    a = run_analysis("Joe Biden met Hunter Biden and Jill Smith. Smith said little.", language="en")
    names = {e.name for e in a.entities if e.label == "PERSON"}
    assert "Jill Smith" in names
    assert len([n for n in names if "Biden" in n]) >= 1
    smith = next(e for e in a.entities if e.name == "Jill Smith")
    assert len(smith.mentions) == 2


def test_index_lookups_match_a_full_scan_and_stay_fast():
    """``mentions_in`` and ``actor_at`` read a sorted range: same answers as looking at
    every mention (ties go to the earlier added), and 20,000 mentions cost milliseconds."""
    import random
    import time

    from newsledger.analyze.entities import EntityIndex

    rng = random.Random(3)
    index = EntityIndex("x" * 3000)
    actors = [
        index.new_actor(rng.choice(["PERSON", "ORG"]), f"a{i}", frozenset()) for i in range(8)
    ]
    added = []
    for _ in range(600):
        s = rng.randrange(0, 2900)
        e = s + rng.randrange(1, 40)
        actor = rng.choice(actors)
        if (s, e) not in actor.mentions:
            added.append((s, e, actor))
        index.add_mention(actor, s, e)
        index.add_mention(actor, s, e)  # idempotent
    for _ in range(300):
        a = rng.randrange(0, 3000)
        b = a + rng.randrange(0, 200)
        inside = [m for m in added if a <= m[0] and m[1] <= b]
        assert index.mentions_in(a, b) == sorted(inside, key=lambda m: m[0])
        head = a + rng.randrange(0, 50)
        best, best_len = None, -1
        for s, e, actor in added:
            if a <= s and e <= b and s <= head < e:
                n = e - s + (1000 if actor.label == "PERSON" else 0)
                if n > best_len:
                    best, best_len = actor, n
        assert index.actor_at(a, b, head=head) is best
    big = EntityIndex("")
    person = big.new_actor("PERSON", "P", frozenset())
    t0 = time.process_time()
    for i in range(20_000):
        big.add_mention(person, i * 10, i * 10 + 5)
        big.actor_at(i * 10 - 50, i * 10 + 5)
    assert time.process_time() - t0 < 5.0
