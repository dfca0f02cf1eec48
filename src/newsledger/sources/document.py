"""The value types produced by ``sources``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from newsledger.model import DocumentKind


def document_id(data: bytes) -> str:
    """The stable id of a document: the sha256 of its raw bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class RawDocument:
    """One document as read from disk, stdin, a WARC record or the network."""

    data: bytes
    kind: DocumentKind  # HTML or TEXT (a WARC file yields HTML documents)
    path: str | None = None
    url: str | None = None
    content_type: str | None = None  # HTTP Content-Type header, when known
    date: str | None = None  # ISO 8601 capture/fetch date (WARC-Date), when known
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", document_id(self.data))


@dataclass(frozen=True)
class Rejection:
    """A document (or would-be document) that could not be read, and why.

    Yielded in place of a RawDocument so that a run can log or record it and go on.
    """

    reason: str
    stage: str = "source"
    path: str | None = None
    url: str | None = None
    id: str | None = None
