"""newsledger: turn raw news pages into a searchable ledger of what the news says.

Public Python API::

    import newsledger
    article = newsledger.extract(open("page.html", "rb").read(), url="https://...")
    article = newsledger.process(data)          # extraction + analysis
    analysis = newsledger.analyze(clean_text)    # analysis of text that is already clean
"""

from __future__ import annotations

from typing import Literal

from newsledger._version import __version__
from newsledger.errors import (
    AnalysisError,
    DecodeError,
    ExtractionError,
    FetchError,
    InputError,
    NewsledgerError,
    StoreError,
    UnsupportedInput,
)
from newsledger.model import (
    Analysis,
    Article,
    Claim,
    DocumentKind,
    EmbeddedPost,
    Entity,
    Quote,
    RelatedLink,
    Speaker,
)

__all__ = [
    "Analysis",
    "AnalysisError",
    "Article",
    "Claim",
    "DecodeError",
    "DocumentKind",
    "EmbeddedPost",
    "Entity",
    "ExtractionError",
    "FetchError",
    "InputError",
    "NewsledgerError",
    "Quote",
    "RelatedLink",
    "Speaker",
    "StoreError",
    "UnsupportedInput",
    "__version__",
    "analyze",
    "extract",
    "process",
]

Kind = Literal["auto", "html", "text"]

# Load the stage packages now, before the functions below are defined: importing a
# subpackage sets it as an attribute of this package, so a first lazy import of
# ``newsledger.extract`` inside ``extract()`` would replace the function with the module.
import newsledger.analyze  # noqa: E402, F401
import newsledger.extract  # noqa: E402, F401


def _raw(data: bytes | str, url: str | None, kind: Kind):
    from newsledger.sources.document import RawDocument

    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    # Text already decoded is re-encoded as UTF-8 here: say so, or a <meta charset> in the
    # page (gb2312, iso-8859-2...) would decode those bytes a second time into mojibake.
    content_type = "charset=utf-8" if isinstance(data, str) else None
    if kind == "auto":
        from newsledger.sources.detect import detect_kind

        dkind = detect_kind(raw)
    else:
        try:
            dkind = DocumentKind(kind)
        except ValueError:
            raise InputError(f"unknown kind {kind!r}: use auto, html or text") from None
    return RawDocument(data=raw, kind=dkind, url=url, content_type=content_type)


def extract(data: bytes | str, *, url: str | None = None, kind: Kind = "auto") -> Article:
    """Extract the article (text and metadata) from one page: HTML or a text dump."""
    from newsledger.extract import extract_document

    return extract_document(_raw(data, url, kind))


def analyze(text: str, *, language: str | None = None) -> Analysis:
    """Find entities, quotes and claims in a clean article text (offsets into ``text``)."""
    from newsledger.analyze import analyze_text

    return analyze_text(text, language=language)


def process(data: bytes | str, *, url: str | None = None, kind: Kind = "auto") -> Article:
    """Extract, then analyse: an Article with ``entities``, ``quotes`` and ``claims`` filled."""
    from newsledger.analyze import analyze_article

    return analyze_article(extract(data, url=url, kind=kind))
