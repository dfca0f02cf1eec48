"""Typed models shared by every stage of newsledger.

The JSON produced from :class:`Article` is a documented, versioned contract
(``schema == "newsledger/article@1"``); field names never change within a
major schema version.  Offsets (``start``/``end``) are Python ``str`` code-point
offsets into ``Article.text`` (or into the text given to ``analyze``), end
exclusive.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from newsledger._version import __version__

ARTICLE_SCHEMA = "newsledger/article@1"
ANALYSIS_SCHEMA = "newsledger/analysis@1"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DocumentKind(StrEnum):
    """What a raw document is, as detected (or forced) by ``sources``."""

    HTML = "html"
    TEXT = "text"  # a page saved as plain text (a "text dump")
    WARC = "warc"  # a container: yields HTML documents


class Origin(StrEnum):
    """Where a metadata field came from."""

    JSONLD = "jsonld"
    MICRODATA = "microdata"
    META = "meta"  # <meta>/OpenGraph/<title>/<link rel=canonical>
    DOM = "dom"  # a rule over the HTML tree
    TEXT_RULE = "text-rule"  # a rule over a plain-text dump
    URL = "url"  # derived from the URL
    WARC = "warc"  # the WARC record headers
    DETECTED = "detected"  # e.g. language detected from the text


class Source(_Model):
    path: str | None = None
    url: str | None = None
    kind: DocumentKind


class EmbeddedPost(_Model):
    platform: str | None = None  # "twitter", "instagram", "facebook", ...
    author: str | None = None
    handle: str | None = None
    text: str = ""
    date: str | None = None  # as printed, e.g. "November 3, 2023"
    url: str | None = None


class RelatedLink(_Model):
    title: str
    url: str | None = None


class Mention(_Model):
    text: str
    start: int
    end: int


class Entity(_Model):
    """One actor (person, organisation, place...) merged within an article."""

    id: str  # stable within the article, e.g. "e3"
    name: str  # canonical (longest proper) name
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, ...
    roles: list[str] = Field(default_factory=list)  # as printed: "US Secretary of State"
    mentions: list[Mention] = Field(default_factory=list)


class QuoteType(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class Speaker(_Model):
    name: str | None = None  # canonical name of the actor; None when unresolved
    mention: str  # the words in the sentence: "he", "the top US diplomat"
    start: int
    end: int
    entity: str | None = None  # Entity.id when resolved


class Quote(_Model):
    text: str
    start: int
    end: int
    type: QuoteType
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: Speaker | None = None


class Claim(_Model):
    text: str  # the counted phrase as printed: "more than 9,227 people"
    start: int
    end: int
    value: float
    qualifier: str | None = None  # "more than", "at least", "about", "up to", ...
    unit: str | None = None  # "USD", "%", ... when the figure is an amount
    what: str | None = None  # normalised: "people killed"
    source: str | None = None  # cited source; None = the reporter's own voice
    place: str | None = None
    quote: int | None = None  # index into quotes when the claim sits in one


class Analysis(_Model):
    """What ``newsledger.analyze`` returns for a clean text."""

    schema_: str = Field(ANALYSIS_SCHEMA, alias="schema")
    language: str | None = None
    text: str
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)  # stages skipped, with the reason
    version: str = __version__

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Article(_Model):
    """One document after extraction (and, optionally, analysis)."""

    schema_: str = Field(ARTICLE_SCHEMA, alias="schema")
    id: str  # sha256 of the raw bytes
    source: Source
    url: str | None = None
    site_name: str | None = None
    language: str | None = None
    title: str | None = None
    description: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None  # ISO 8601 (date or date-time)
    modified: str | None = None
    section: str | None = None
    text: str = ""
    paragraphs: list[tuple[int, int]] = Field(default_factory=list)
    captions: list[str] = Field(default_factory=list)
    embedded_posts: list[EmbeddedPost] = Field(default_factory=list)
    related: list[RelatedLink] = Field(default_factory=list)
    credits: str | None = None
    provenance: dict[str, Origin] = Field(default_factory=dict)
    version: str = __version__
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    analysis_skipped: list[str] = Field(default_factory=list)

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """Offsets of the paragraphs of ``text`` (separated by one blank line)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for block in text.split("\n\n"):
        if block.strip():
            spans.append((pos, pos + len(block)))
        pos += len(block) + 2
    return spans
