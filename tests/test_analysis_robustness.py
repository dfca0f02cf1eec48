"""Odd input to the analysis: a result or a clear skip, never a crash, in bounded time."""

from __future__ import annotations

import time

import pytest

from newsledger.analyze.nlp import chunk_text
from newsledger.model import Analysis

pytestmark = pytest.mark.slow  # loads the spaCy model

# Generous: the whole 1 MB text must be analysed well inside the test timeout.
MAX_SECONDS_1MB = 240


def _run(text: str, **kw) -> Analysis:
    from newsledger.analyze.pipeline import run_analysis

    return run_analysis(text, **kw)


def _offsets_ok(a: Analysis) -> None:
    for q in a.quotes:
        assert 0 <= q.start <= q.end <= len(a.text)
    for e in a.entities:
        for m in e.mentions:
            assert a.text[m.start : m.end] == m.text


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "\t"])
def test_empty_text_is_a_clear_skip(text):
    a = _run(text)
    assert a.quotes == [] and a.entities == []
    assert a.skipped and all("empty" in s for s in a.skipped)


@pytest.mark.parametrize(
    "text",
    [
        "...",
        "—",
        "“”",
        '"""',
        "12 34 56",
        "#### ----- ****",
        "a",
        "“",
        "”\n\n“",
    ],
)
def test_no_sentences(text):
    a = _run(text, language="en")
    _offsets_ok(a)


def test_unbalanced_quotes():
    text = (
        "“This opens but never closes, the minister said.\n\n"
        'Then ” a stray closing mark and " a straight one, said John Smith.\n\n'
        "«Guillemets without end\n\n“Another “nested” opener,” she said."
    )
    a = _run(text, language="en")
    _offsets_ok(a)


def test_emoji_and_mixed_scripts():
    text = (
        "The president 🇺🇸 said “we will win 💪” on Friday. Москва ответила, and 東京 "
        "said nothing. Der Kanzler sagte: „Wir schaffen das“. 👍🏽👍🏽 "
        "Zero\u200bwidth and combining e\u0301 marks."
    )
    a = _run(text, language="en")
    _offsets_ok(a)
    assert a.language == "en"


@pytest.mark.parametrize(
    "text,lang",
    [
        (
            "Der Bundeskanzler sagte am Freitag, dass die Regierung die Steuern senken werde. "
            "Die Opposition kritisierte den Plan und forderte eine Debatte im Bundestag.",
            "de",
        ),
        (
            "Le président a déclaré vendredi que le gouvernement allait baisser les impôts. "
            "L'opposition a critiqué le plan et demandé un débat.",
            "fr",
        ),
        ("Президент заявил в пятницу, что правительство снизит налоги.", "ru"),
    ],
)
def test_non_english_is_skipped_with_reason(text, lang):
    a = _run(text)
    assert a.language == lang
    assert a.quotes == [] and a.entities == []
    assert any("quotes" in s and "not supported" in s for s in a.skipped)


def test_explicit_language_is_respected():
    a = _run("Angela Merkel said the plan was good.", language="de")
    assert a.language == "de" and a.quotes == []


def test_one_megabyte_of_one_word_in_bounded_time():
    text = ("word " * 200_000)[:1_000_000]
    t0 = time.monotonic()
    a = _run(text, language="en")
    assert time.monotonic() - t0 < MAX_SECONDS_1MB
    assert a.text == text
    assert a.skipped and a.quotes == []
    _offsets_ok(a)


def test_very_long_text_is_cut_with_a_note(monkeypatch):
    from newsledger.analyze import pipeline

    # A small cap keeps the test fast; the real cap only changes how much is parsed.
    monkeypatch.setattr(pipeline, "MAX_ANALYSIS_CHARS", 20_000)
    paras = [
        f"Official number {i} said road {i} would reopen on day {i * 7} after storm {i}."
        for i in range(1500)
    ]
    text = "\n\n".join(paras)
    a = _run(text, language="en")
    assert a.text == text
    assert any("not analysed" in s for s in a.skipped)
    assert a.quotes and all(q.end <= 20_000 for q in a.quotes)


def test_one_huge_token_is_chunked():
    text = "x" * 120_000
    pieces = chunk_text(text)
    assert "".join(pieces) == text and len(pieces) > 1
    a = _run(text, language="en")
    assert a.text == text


def test_chunks_concatenate_back_and_prefer_paragraph_breaks():
    para = "Sentence one is here. Sentence two follows it. " * 60
    text = "\n\n".join([para] * 30)
    pieces = chunk_text(text, limit=10_000)
    assert "".join(pieces) == text
    assert all(len(p) <= 10_000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_long_article_offsets_survive_chunking():
    text = "\n\n".join(  # ~ 80k chars, several chunks
        f"“We will rebuild pier {i},” Mayor Lena Ortiz said on Monday. "
        f"Ortiz said that the work on berth {i * 3} would take {i % 7 + 2} years."
        for i in range(600)
    )
    a = _run(text, language="en")
    _offsets_ok(a)
    assert len(a.quotes) >= 600
    for q in a.quotes[-3:]:
        assert q.speaker is not None and q.speaker.name == "Lena Ortiz"


def test_many_texts_batched():
    from newsledger.analyze.pipeline import run_analysis_many

    texts = [
        "“Yes,” he said.",
        "",
        "Der Hund sagte, dass er müde sei und schlafen wolle.",
        "Jane Doe said that the bridge would close.",
    ]
    out = run_analysis_many(texts)
    assert len(out) == 4
    assert [a.text for a in out] == texts
    assert out[3].quotes and out[3].quotes[0].speaker.name == "Jane Doe"


def test_non_str_input_is_a_clear_error():
    from newsledger.analyze.pipeline import run_analysis

    with pytest.raises(TypeError):
        run_analysis(b"bytes")  # type: ignore[arg-type]
