"""The analysis pipeline: language check, parse, entities, quotes, claims.

Only English is analysed (the spaCy model is English); other languages get an
:class:`~newsledger.model.Analysis` with the language set and every stage listed
in ``skipped`` with the reason.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from newsledger.analyze.attribution import extract_quotes
from newsledger.analyze.entities import build_entities
from newsledger.analyze.nlp import parse_many
from newsledger.model import Analysis

__all__ = ["run_analysis", "run_analysis_many", "STAGES"]

log = logging.getLogger(__name__)

STAGES = ("entities", "quotes", "claims")
SUPPORTED = frozenset({"en"})


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


def run_analysis_many(texts: Iterable[str], languages: Sequence[str | None] | None = None
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
            results[i] = Analysis(text=text, language=lang,
                                  skipped=[f"{s}: empty text" for s in STAGES])
            continue
        code = _language_of(text, lang)
        # An undetectable language (very short text, names only) is tried as English.
        if code is not None and code not in SUPPORTED:
            results[i] = Analysis(text=text, language=code,
                                  skipped=[f"{s}: language {code!r} not supported"
                                           for s in STAGES])
            continue
        todo.append(i)
    for i, doc in zip(todo, parse_many(texts[i] for i in todo), strict=True):
        results[i] = _analyse_doc(doc, langs[i] or "en")
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
    return Analysis(text=doc.text, language=language, entities=entities, quotes=quotes,
                    claims=claims, skipped=skipped)
