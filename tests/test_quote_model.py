"""The quote-candidate filter: loading, thresholds, feature determinism, and that the
shipped weights tell a report from a non-report on small hand-written texts."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from newsledger.analyze import quote_model
from newsledger.analyze.quote_model import MODEL_PATH, QuoteModel, load


def _model(threshold: float = 0.3, threshold_unquoted: float = 0.7) -> QuoteModel:
    return QuoteModel(
        weights={"kind=ccomp": 1.0, "type=indirect": -0.5},
        bias=0.0,
        threshold=threshold,
        threshold_unquoted=threshold_unquoted,
        cue_lemmas=frozenset({"tweet"}),
    )


def test_keep_honours_the_threshold_of_each_type():
    m = _model(0.3, 0.7)

    def cand(type_: str, score: float) -> SimpleNamespace:
        return SimpleNamespace(kind="ccomp", type=type_, score=score)

    assert m.keep(cand("direct", 0.3))
    assert not m.keep(cand("direct", 0.29))
    assert m.keep(cand("mixed", 0.5))
    assert not m.keep(cand("indirect", 0.5))
    assert m.keep(cand("indirect", 0.7))


def test_keep_kinds_pass_whatever_their_score():
    m = _model(0.3, 0.7)
    m.keep_kinds = frozenset({"carry"})
    assert m.keep(SimpleNamespace(kind="carry", type="direct", score=0.0))
    assert not m.keep(SimpleNamespace(kind="after", type="direct", score=0.0))


def test_is_cue_takes_trained_lemmas_and_the_lexicon():
    m = _model()
    assert m.is_cue("tweet")
    assert m.is_cue("say")
    assert not m.is_cue("eat")


def test_missing_file_means_rules_only(tmp_path):
    assert load(tmp_path / "absent.json") is None


def test_read_a_weights_file(tmp_path):
    p = tmp_path / "m.json"
    p.write_text(
        json.dumps(
            {
                "bias": -1.0,
                "threshold": 0.4,
                "threshold_unquoted": 0.6,
                "cue_lemmas": ["tweet"],
                "keep_kinds": ["carry"],
                "weights": {"kind=ccomp": 2.5},
            }
        ),
        encoding="utf-8",
    )
    m = load(p)
    assert m is not None
    assert (m.bias, m.threshold, m.threshold_unquoted) == (-1.0, 0.4, 0.6)
    assert m.weights == {"kind=ccomp": 2.5}
    assert m.is_cue("tweet")
    assert m.keep_kinds == frozenset({"carry"})


def test_shipped_model_is_small_and_sane():
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 2_000_000
    m = load(MODEL_PATH)
    assert m is not None
    assert 0.0 < m.threshold < 1.0
    assert 0.0 < m.threshold_unquoted < 1.0
    assert len(m.weights) > 100
    assert all(abs(w) < 50 for w in m.weights.values())


# ---------------------------------------------------------------- parsed ----
REPORTS = """The minister said that the talks would resume next week after a short break.

Police found the car near the river on Tuesday morning.

“We will not give up,” the mayor told reporters on Monday.

She ate the sandwich her brother had made before leaving for work.

The senator argued that the bill would raise taxes for millions of families."""


def _candidates(text: str):
    from newsledger.analyze.coref import resolve_mention
    from newsledger.analyze.entities import build_entities
    from newsledger.analyze.nlp import parse
    from newsledger.analyze.quotes import QuoteContext, find_candidates

    m = load(MODEL_PATH)
    doc = parse(text)
    index = build_entities(doc)
    qctx = QuoteContext(text)
    cands = find_candidates(doc, index, qctx, is_cue=m.is_cue)
    for c in cands:
        if c.carry_from is not None:
            c.speaker = c.carry_from.speaker
        elif c.subj is not None:
            c.speaker = resolve_mention(doc, c.subj, index, qctx.in_quote)
    return m, doc, qctx, cands


def _find(text: str, cands, words: str):
    hits = [c for c in cands if words in text[c.start : c.end]]
    assert hits, f"no candidate with {words!r}"
    return hits[0]


@pytest.mark.slow
def test_scores_are_probabilities_and_features_deterministic():
    m, doc, qctx, cands = _candidates(REPORTS)
    assert cands
    near = quote_model.Neighbours(cands)
    for c in cands:
        s = m.score(doc, c, qctx, near)
        assert 0.0 <= s <= 1.0
        assert quote_model.features(doc, c, qctx, near) == quote_model.features(doc, c, qctx, near)
    # A second parse of the same text gives the same features, candidate by candidate:
    # the symbolic ones exactly; the parser's context vectors up to float noise (spaCy's
    # first parse in a process may differ from later ones in the sixth decimal), so the
    # scores agree to far below any threshold's resolution.
    _, doc2, qctx2, cands2 = _candidates(REPORTS)
    near2 = quote_model.Neighbours(cands2)
    assert len(cands) == len(cands2)
    for c, c2 in zip(cands, cands2, strict=True):
        f = quote_model.features(doc, c, qctx, near)
        f2 = quote_model.features(doc2, c2, qctx2, near2)
        assert f.keys() == f2.keys()
        for k, v in f.items():
            assert f2[k] == (pytest.approx(v, abs=1e-4) if k.startswith("v_") else v), k
        assert m.score(doc, c, qctx, near) == pytest.approx(
            m.score(doc2, c2, qctx2, near2), abs=1e-4
        )


@pytest.mark.slow
def test_shipped_model_keeps_reports_and_drops_non_reports():
    """The wide candidate set offers a sentence about a found car; the model keeps the
    reports and drops it."""
    m, doc, qctx, cands = _candidates(REPORTS)
    near = quote_model.Neighbours(cands)
    for c in cands:
        c.score = m.score(doc, c, qctx, near)
    said = _find(REPORTS, cands, "the talks would resume")
    argued = _find(REPORTS, cands, "the bill would raise taxes")
    told = _find(REPORTS, cands, "We will not give up")
    for good in (said, argued, told):
        assert m.keep(good), (REPORTS[good.start : good.end], good.score)
    bad = [c for c in cands if "the car" in REPORTS[c.start : c.end]]
    assert bad, "the rules should offer the found car as a candidate"
    assert not any(m.keep(c) for c in bad), [c.score for c in bad]
    assert min(said.score, argued.score, told.score) > max(c.score for c in bad)


FINDINGS = """The study found that emissions rose sharply in the last decade.

Police found the car near the river on Tuesday morning.

The poll showed that most voters want stricter gun laws.

He showed the photos to his friends at the party.

The minister said that the talks would resume next week."""
FINDINGS_GOLD = [
    "that emissions rose sharply in the last decade",
    "that most voters want stricter gun laws",
    "that the talks would resume next week",
]


def _f1(quotes) -> float:
    texts = [q.text for q in quotes]
    tp = sum(any(g in t for t in texts) for g in FINDINGS_GOLD)
    return 2 * tp / (len(texts) + len(FINDINGS_GOLD))


@pytest.mark.slow
def test_shipped_model_beats_the_rules_alone(tmp_path, monkeypatch):
    """Reports with cues outside the lexicon ("found that", "showed that") are kept,
    the same verbs without a report are not: better than the lexicon rules alone."""
    from newsledger.analyze.attribution import extract_quotes
    from newsledger.analyze.entities import build_entities
    from newsledger.analyze.nlp import parse

    doc = parse(FINDINGS)
    with_model = extract_quotes(doc, build_entities(doc))
    monkeypatch.setenv(quote_model.MODEL_ENV, str(tmp_path / "absent.json"))
    assert quote_model.load() is None
    rules_only = extract_quotes(doc, build_entities(doc))
    assert _f1(with_model) == 1.0, [q.text for q in with_model]
    assert _f1(with_model) > _f1(rules_only), [q.text for q in rules_only]


@pytest.mark.slow
def test_doc_view_agrees_with_spacy():
    """The per-document token arrays give what spaCy's Token objects give."""
    from newsledger.analyze.nlp import parse

    doc = parse(REPORTS)
    view = quote_model._DocView(doc)
    for sent in doc.sents:
        for tok in sent:
            assert view.sentence(tok.i) == (sent.start, sent.end)
    assert view.head == [t.head.i for t in doc]
    assert view.ends == [t.idx + len(t.text) for t in doc]
    assert view.words[-1] == sum(not (t.is_punct or t.is_space) for t in doc)


def _cand(start: int, end: int, kind: str = "ccomp", type_: str = "indirect", cue: int = -1):
    tok = SimpleNamespace(i=cue) if cue >= 0 else None
    return SimpleNamespace(start=start, end=end, kind=kind, type=type_, cue_tok=tok)


def test_neighbours_describe_overlap_nesting_and_shared_cues():
    """A clause inside a longer quotation of the same cue, and a lone candidate."""
    outer = _cand(0, 50, kind="after", type_="direct", cue=12)
    inner = _cand(10, 30, kind="ccomp", cue=12)
    twin = _cand(10, 30, kind="dobj", cue=40)
    alone = _cand(60, 80, kind="xcomp", cue=70)
    near = quote_model.Neighbours([outer, inner, twin, alone])
    f_in: dict[str, float] = {}
    near.features(f_in, inner)
    assert f_in["inside*type=indirect"] == 1.0
    assert f_in["inside*kind=ccomp"] == 1.0
    assert f_in["same_span*kind=ccomp"] == 1.0
    assert f_in["over_quoted*type=indirect"] == 1.0
    assert f_in["cue_shared*type=1*indirect"] == 1.0
    assert f_in["n_over*type=2*indirect"] == 1.0
    assert f_in["over_kind=after*ccomp"] == f_in["over_kind=dobj*ccomp"] == 1.0
    assert f_in["over_rank=short*indirect"] == 1.0
    f_out: dict[str, float] = {}
    near.features(f_out, outer)
    assert f_out["contains*type=direct"] == 1.0
    assert f_out["over_rank=long*direct"] == 1.0
    assert "over_quoted*type=direct" not in f_out
    f_alone: dict[str, float] = {}
    near.features(f_alone, alone)
    assert f_alone == {"n_over*type=0*indirect": 1.0, "cue_shared*type=0*indirect": 1.0}


def _overlap_by_brute_force(cands, cand) -> tuple[int, int, bool, bool, bool]:
    """Overlap count, shared-cue count, inside, contains, same span: every pair looked at."""
    others = [o for o in cands if o is not cand]
    over = [o for o in others if o.start < cand.end and cand.start < o.end]
    cue = cand.cue_tok.i
    return (
        len(over),
        sum(o.cue_tok.i == cue for o in others),
        any(
            o.start <= cand.start
            and cand.end <= o.end
            and (o.start, o.end) != (cand.start, cand.end)
            for o in over
        ),
        any(
            cand.start <= o.start
            and o.end <= cand.end
            and (o.start, o.end) != (cand.start, cand.end)
            for o in over
        ),
        any((o.start, o.end) == (cand.start, cand.end) for o in over),
    )


def test_neighbours_window_finds_every_overlap_and_stays_fast():
    """The sorted window gives what comparing every pair gives, and a long transcript's
    thousands of candidates cost milliseconds, not the seconds of every pair."""
    import random
    import time

    rng = random.Random(7)
    cands = []
    for _ in range(400):
        s = rng.randrange(0, 2000)
        cands.append(_cand(s, s + rng.randrange(1, 300), kind="ccomp", cue=rng.randrange(0, 60)))
    near = quote_model.Neighbours(cands)
    for c in cands:
        f: dict[str, float] = {}
        near.features(f, c)
        n_over, shared, inside, contains, same = _overlap_by_brute_force(cands, c)
        assert f[f"n_over*type={min(n_over, 3)}*indirect"] == 1.0
        assert f[f"cue_shared*type={min(shared, 2)}*indirect"] == 1.0
        assert ("inside*type=indirect" in f) == inside
        assert ("contains*type=indirect" in f) == contains
        assert ("same_span*kind=ccomp" in f) == same
    many = [_cand(i * 100, i * 100 + 80, kind="ccomp", cue=i * 20) for i in range(20_000)]
    t0 = time.process_time()
    near = quote_model.Neighbours(many)
    for c in many:
        near.features({}, c)
    assert time.process_time() - t0 < 5.0


def test_voice_features_read_person_question_and_figures():
    text = "He asked whether we could pay 20 dollars? They said it was late."
    q = SimpleNamespace(parts=[(17, 41)], kind="ccomp", type="indirect")
    f: dict[str, float] = {}
    quote_model._voice_features(f, text, q)
    assert text[17:41] == "we could pay 20 dollars?"
    assert f["question*type=indirect"] == 1.0
    assert f["first_person*type=indirect"] == 1.0
    assert f["digit*type=indirect"] == 1.0
    assert f["capital=False*ccomp"] == 1.0
    assert "third_person*type=indirect" not in f
    r = SimpleNamespace(parts=[(52, 63)], kind="ccomp", type="indirect")
    g: dict[str, float] = {}
    quote_model._voice_features(g, text, r)
    assert text[52:63] == "it was late"
    assert g == {"capital=False*ccomp": 1.0}


def test_context_vector_features_read_the_tok2vec_rows():
    """Cue, first content word and subject each give the parser's context vector; a Doc
    without vectors (made without the pipeline, read from a DocBin) gives none and no
    error."""
    import numpy

    m, doc, qctx, cands = _candidates(REPORTS)
    c = _find(REPORTS, cands, "the talks would resume")
    f = quote_model.features(doc, c, qctx)
    width = doc.tensor.shape[1]
    for name, tok_i in (("v_cue", c.cue_tok.i), ("v_subj", c.subj.i)):
        got = [f[f"{name}{k}"] for k in range(width)]
        assert got == pytest.approx(doc.tensor[tok_i].tolist())
    assert f"v_first{width - 1}" in f
    _, doc2, qctx2, cands2 = _candidates(REPORTS)
    doc2.tensor = numpy.zeros((0, width), dtype="float32")
    c2 = _find(REPORTS, cands2, "the talks would resume")
    bare = quote_model.features(doc2, c2, qctx2)
    assert not any(k.startswith("v_") for k in bare)
    assert {k: v for k, v in f.items() if not k.startswith("v_")} == bare
    assert 0.0 <= m.score(doc2, c2, qctx2) <= 1.0


def test_score_adds_context_vectors_as_the_feature_dict_would():
    """score() takes the context vectors as dot products; the result is the logistic of
    the weighted sum over the full feature dict, as in training."""
    import math

    m, doc, qctx, cands = _candidates(REPORTS)
    near = quote_model.Neighbours(cands)
    assert any(k.startswith("v_") for k in m.weights)
    for c in cands:
        f = quote_model.features(doc, c, qctx, near)
        z = m.bias + sum(m.weights.get(k, 0.0) * v for k, v in f.items())
        assert m.score(doc, c, qctx, near) == pytest.approx(1 / (1 + math.exp(-z)), abs=1e-9)
