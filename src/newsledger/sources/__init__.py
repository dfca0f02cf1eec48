"""Read raw documents (HTML, text dumps, WARC, URLs) into :class:`RawDocument` values.

This stage knows nothing of extraction: it finds bytes, identifies them (sha256),
guesses their kind and decodes them to text.

Entry points (imported on first use, so that ``import newsledger`` stays light):
:func:`iter_documents` (files, folders, globs, .gz, WARC, stdin), :func:`iter_warc`,
:func:`fetch_urls` and :func:`detect_kind`. ``decode`` lives in
:mod:`newsledger.sources.decode` (a package attribute of that name would be
shadowed by the submodule once it is imported).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from newsledger.sources.document import RawDocument, Rejection

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "RawDocument",
    "Rejection",
    "detect_kind",
    "fetch_urls",
    "iter_documents",
    "iter_warc",
]

_LAZY = {
    "MAX_DOCUMENT_BYTES": "newsledger.sources.limits",
    "detect_kind": "newsledger.sources.detect",
    "fetch_urls": "newsledger.sources.fetch",
    "iter_documents": "newsledger.sources.files",
    "iter_warc": "newsledger.sources.warc",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module), name)
