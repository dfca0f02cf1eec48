"""The benchmark's metrics (bench/extraction.py) against values computed by hand on tiny texts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # bench/ is a top-level folder, not part of the installed package
    sys.path.insert(0, str(REPO))

from bench.common import decode_html  # noqa: E402
from bench.extraction import (  # noqa: E402
    page_prf,
    shingle_counts,
    shingle_scores,
    shingles,
    snippet_counts,
    snippet_scores,
    tokens,
)
from bench.peers import fragment_text  # noqa: E402


def test_tokens_split_on_punctuation_and_space():
    assert tokens("U.S. state-of-the-art, 9,227") == [
        "U",
        "S",
        "state",
        "of",
        "the",
        "art",
        "9",
        "227",
    ]
    assert tokens(None) == []


def test_shingles_short_text_is_one_shingle():
    assert shingles(["a", "b"], 4) == {("a", "b"): 1}
    assert shingles(list("abcde"), 4) == {tuple("abcd"): 1, tuple("bcde"): 1}
    assert shingles([], 4) == {}


def test_identical_texts_score_one():
    assert shingle_counts("a b c d e", "a b c d e") == (2, 0, 0)
    assert page_prf(2, 0, 0) == (1.0, 1.0, 1.0)


def test_one_word_changed():
    # ref shingles: 1234 2345 3456; pred: 1234 2345 345-seven
    counts = shingle_counts("one two three four five six", "one two three four five, seven")
    assert counts == (2, 1, 1)
    p, r, f = page_prf(*counts)
    assert p == pytest.approx(2 / 3) and r == pytest.approx(2 / 3) and f == pytest.approx(2 / 3)


def test_case_matters_and_multisets_count():
    assert shingle_counts("hello world", "Hello world") == (0, 1, 1)
    # 5 x's = two (x,x,x,x) shingles; 4 x's = one.
    assert shingle_counts("x x x x x", "x x x x") == (1, 0, 1)


def test_empty_prediction():
    assert shingle_counts("a b c d", "") == (0, 0, 1)
    assert page_prf(0, 0, 1) == (0.0, 0.0, 0.0)


def test_benchmark_aggregation_skips_empty_outputs_for_precision():
    scores = shingle_scores([(2, 1, 1), (0, 0, 1), (1, 0, 1)])
    p, r = 5 / 6, 7 / 18  # P over pages 1 and 3 only; R over all three
    assert scores["P"] == pytest.approx(p)
    assert scores["R"] == pytest.approx(r)
    assert scores["F1"] == pytest.approx(2 * p * r / (p + r))
    assert scores["F1"] == pytest.approx(0.530303, abs=1e-6)
    assert scores["page_F1"] == pytest.approx(4 / 9)
    assert scores["micro_P"] == pytest.approx(3 / 4) and scores["micro_R"] == pytest.approx(3 / 6)


def test_snippets_whitespace_normalised():
    assert snippet_counts(["Hello  world", "gone"], ["Menu"], "Hello\nworld and more Menu") == (
        1,
        1,
        1,
        0,
    )
    assert snippet_counts(["Hello  world", "gone"], ["Menu"], "") == (0, 0, 2, 1)
    s = snippet_scores([(1, 1, 1, 0), (0, 0, 2, 1)])
    assert (s["TP"], s["FP"], s["FN"], s["TN"]) == (1, 1, 3, 1)
    assert s["P"] == pytest.approx(0.5) and s["R"] == pytest.approx(0.25)
    assert s["F1"] == pytest.approx(1 / 3) and s["accuracy"] == pytest.approx(2 / 6)


def test_fragment_text_separates_blocks():
    html = "<div><p>One</p><p>two<br>three</p><ul><li>a</li><li>b</li></ul><script>x()</script>tail</div>"
    text = fragment_text(html)
    assert tokens(text) == ["One", "two", "three", "a", "b", "tail"]
    assert "\n\n" in text and "x()" not in text


def test_decode_declared_charset():
    raw = '<html><head><meta charset="iso-8859-1"></head><body>café</body></html>'.encode("latin-1")
    assert "café" in decode_html(raw)
    assert decode_html(b"\xef\xbb\xbfplain") == "plain"
