"""The intermediate result every extractor (HTML, text dump) produces.

``newsledger.extract`` turns a :class:`Draft` into an :class:`~newsledger.model.Article`
(joining paragraphs, computing offsets, adding ids and source info).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsledger.model import EmbeddedPost, Origin, RelatedLink


@dataclass
class Metadata:
    """Everything but the body. Each filled field should have an entry in ``provenance``."""

    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601
    modified: str | None = None  # ISO 8601
    section: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None  # canonical URL
    captions: list[str] = field(default_factory=list)
    embedded_posts: list[EmbeddedPost] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    credits: str | None = None
    provenance: dict[str, Origin] = field(default_factory=dict)
    jsonld_body: str | None = None  # JSON-LD articleBody, if any (often cut short)


@dataclass
class Draft:
    metadata: Metadata
    paragraphs: list[str]  # the body, one string per paragraph, no blank ones
