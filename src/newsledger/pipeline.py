"""The runner: loops documents through sources -> extract -> analyze with one error policy.

Stages are pure callables; only this module loops, batches and decides what a failure
does.  With ``on_error="record"`` (the default for command-line runs) a failing
document becomes a :class:`~newsledger.sources.Rejection` naming its stage and the
reason, and the run goes on; with ``on_error="raise"`` (tests) the error propagates.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Literal

from newsledger.errors import NewsledgerError
from newsledger.model import Article
from newsledger.sources.document import RawDocument, Rejection

log = logging.getLogger("newsledger")

ErrorPolicy = Literal["record", "raise"]


def _stage_error(doc: RawDocument, stage: str, exc: BaseException) -> Rejection:
    reason = f"{type(exc).__name__}: {exc}" if not isinstance(exc, NewsledgerError) else str(exc)
    return Rejection(reason=reason, stage=stage, path=doc.path, url=doc.url, id=doc.id)


def run_raw(
    docs: Iterable[RawDocument | Rejection],
    *,
    analysis: bool = True,
    on_error: ErrorPolicy = "record",
) -> Iterator[Article | Rejection]:
    """Turn raw documents into articles, one at a time, applying the error policy."""
    from newsledger.extract import extract_document

    for doc in docs:
        if isinstance(doc, Rejection):
            yield doc
            continue
        try:
            article = extract_document(doc)
        except (NewsledgerError, ValueError, RecursionError, MemoryError) as exc:
            if on_error == "raise":
                raise
            log.info("skipped %s: %s", doc.path or doc.url or doc.id, exc)
            yield _stage_error(doc, "extract", exc)
            continue
        if analysis:
            from newsledger.analyze import analyze_article

            try:
                article = analyze_article(article)
            except (NewsledgerError, ValueError, RecursionError, MemoryError) as exc:
                if on_error == "raise":
                    raise
                yield _stage_error(doc, "analyze", exc)
                continue
        yield article


def run_documents(
    paths: Iterable[str],
    *,
    kind: str = "auto",
    url: str | None = None,
    analysis: bool = True,
    on_error: ErrorPolicy = "record",
) -> Iterator[Article | Rejection]:
    """Read ``paths`` (files, folders, globs, .gz, WARC, "-") and yield articles or rejections."""
    from newsledger.sources.files import iter_documents

    def with_url(docs: Iterable[RawDocument | Rejection]) -> Iterator[RawDocument | Rejection]:
        for d in docs:
            if url and isinstance(d, RawDocument) and not d.url:
                d = RawDocument(
                    data=d.data,
                    kind=d.kind,
                    path=d.path,
                    url=url,
                    content_type=d.content_type,
                    date=d.date,
                    id=d.id,
                )
            yield d

    yield from run_raw(
        with_url(iter_documents(paths, kind=kind)), analysis=analysis, on_error=on_error
    )


__all__ = ["ErrorPolicy", "run_documents", "run_raw"]
