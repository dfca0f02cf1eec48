"""The analysis pipeline: language check, parse, entities, quotes, claims.

Only English is analysed (the spaCy model is English); other languages get an
:class:`~newsledger.model.Analysis` with the language set and every stage listed
in ``skipped`` with the reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

from newsledger.analyze.attribution import extract_quotes
from newsledger.analyze.entities import build_entities
from newsledger.analyze.nlp import doc_text, parse_many
from newsledger.model import Analysis

__all__ = ["run_analysis", "run_analysis_many", "STAGES"]

log = logging.getLogger(__name__)

STAGES = ("entities", "quotes", "claims")
SUPPORTED = frozenset({"en"})
# Longer texts are analysed up to here (cut at a paragraph break): about 65k words,
# a minute of parsing; a news article is a few thousand words.
MAX_ANALYSIS_CHARS = 400_000
# From this many words on, a text whose distinct-word share is below MIN_DISTINCT_SHARE
# is not prose (a word or a few repeated) and is not parsed: it cannot hold quotes.
DEGENERATE_MIN_WORDS = 5_000
MIN_DISTINCT_SHARE = 0.01
_WORD = re.compile(r"\w+")


def _degenerate(text: str) -> bool:
    words = _WORD.findall(text[:MAX_ANALYSIS_CHARS])
    if len(words) < DEGENERATE_MIN_WORDS:
        return False
    return len({w.lower() for w in words}) < MIN_DISTINCT_SHARE * len(words)


def _truncate(text: str) -> str:
    if len(text) <= MAX_ANALYSIS_CHARS:
        return text
    cut = text.rfind("\n\n", 0, MAX_ANALYSIS_CHARS)
    if cut < MAX_ANALYSIS_CHARS // 2:
        cut = text.rfind(" ", 0, MAX_ANALYSIS_CHARS)
    return text[: cut if cut > 0 else MAX_ANALYSIS_CHARS]


def _detect(text: str) -> str | None:
    try:
        from newsledger.extract.language import detect_language
    except ImportError:  # the extract stage is optional for analysis
        return "en" if text.isascii() else None
    return detect_language(text)


def _language_of(text: str, language: str | None) -> str | None:
    lang = (language or "").strip().lower().replace("_", "-").split("-")[0] or None
    return lang or _detect(text)


def run_analysis(text: str, *, language: str | None = None) -> Analysis:
    """Analyse one clean text: entities, quotes with speakers, claims."""
    return run_analysis_many([text], languages=[language])[0]


def run_analysis_many(
    texts: Iterable[str], languages: Sequence[str | None] | None = None
) -> list[Analysis]:
    """Analyse many texts, parsing them in batches with ``nlp.pipe``."""
    texts = list(texts)
    langs = list(languages) if languages is not None else [None] * len(texts)
    if len(langs) != len(texts):
        raise ValueError("languages must have one entry per text")
    results: list[Analysis | None] = [None] * len(texts)
    todo: list[int] = []
    for i, (text, lang) in enumerate(zip(texts, langs, strict=True)):
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if not text.strip():
            results[i] = Analysis(
                text=text, language=lang, skipped=[f"{s}: empty text" for s in STAGES]
            )
            continue
        code = _language_of(text, lang)
        # An undetectable language (very short text, names only) is tried as English.
        if code is not None and code not in SUPPORTED:
            results[i] = Analysis(
                text=text,
                language=code,
                skipped=[f"{s}: language {code!r} not supported" for s in STAGES],
            )
            continue
        if _degenerate(text):
            results[i] = Analysis(
                text=text,
                language=code or lang,
                skipped=[f"{s}: text is not prose (a few words repeated)" for s in STAGES],
            )
            continue
        todo.append(i)
    for i, doc in zip(todo, parse_many(_truncate(texts[i]) for i in todo), strict=True):
        res = _analyse_doc(doc, langs[i] or "en")
        if len(doc_text(doc)) < len(texts[i]):
            log.info("analysis: text of %d chars cut to %d", len(texts[i]), len(doc_text(doc)))
            res = res.model_copy(
                update={
                    "text": texts[i],
                    "skipped": [
                        *res.skipped,
                        f"all: text after char {len(doc_text(doc))} not analysed "
                        f"(longer than {MAX_ANALYSIS_CHARS} chars)",
                    ],
                }
            )
        results[i] = res
    return [r for r in results if r is not None]


def _analyse_doc(doc, language: str) -> Analysis:
    index = build_entities(doc)
    quotes = extract_quotes(doc, index)
    entities = index.to_models()
    skipped: list[str] = []
    claims = []
    try:
        from newsledger.analyze.claims import extract_claims
    except ImportError:
        skipped.append("claims: claim extraction is not installed")
    else:
        claims = extract_claims(doc, quotes, entities)
    return Analysis(
        text=doc_text(doc),
        language=language,
        entities=entities,
        quotes=quotes,
        claims=claims,
        skipped=skipped,
    )
