"""Read raw documents (HTML, text dumps, WARC, URLs) into :class:`RawDocument` values.

This stage knows nothing of extraction: it finds bytes, identifies them (sha256),
guesses their kind and decodes them to text.
"""
from __future__ import annotations

from newsledger.sources.document import RawDocument, Rejection

__all__ = ["RawDocument", "Rejection"]
