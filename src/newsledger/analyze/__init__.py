"""Analysis: entities, quotes and claims, each with character offsets into the article text.

Public entry points (the rest of the package is private):

* :func:`analyze_text` (text -> :class:`~newsledger.model.Analysis`)
* :func:`analyze_article` (Article -> Article with entities/quotes/claims filled)
"""

from __future__ import annotations

from newsledger.model import Analysis, Article

__all__ = ["analyze_article", "analyze_text"]


def analyze_text(text: str, *, language: str | None = None) -> Analysis:
    from newsledger.analyze.pipeline import run_analysis

    return run_analysis(text, language=language)


def analyze_article(article: Article) -> Article:
    result = analyze_text(article.text, language=article.language)
    return article.model_copy(
        update={
            "entities": result.entities,
            "quotes": result.quotes,
            "claims": result.claims,
            "analysis_skipped": result.skipped,
            "language": article.language or result.language,
        }
    )
