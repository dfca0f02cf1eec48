"""Extraction: a :class:`~newsledger.sources.RawDocument` in, an :class:`~newsledger.model.Article` out.

HTML pages go through :mod:`.metadata` (structured data, meta tags, DOM rules) and
:mod:`.body` (main-text extraction); text dumps through :mod:`.textdump`.  Both
produce a :class:`~.draft.Draft`, which :func:`build_article` turns into the
versioned ``Article`` model.
"""

from __future__ import annotations

import re

from newsledger.errors import ExtractionError, InputError
from newsledger.extract.draft import Draft, Metadata
from newsledger.model import Article, DocumentKind, Origin, Source
from newsledger.sources.document import RawDocument

__all__ = ["Draft", "Metadata", "build_article", "extract_document"]

_WS_PARA = "\n\n"

# Size policy.  The largest page of the Scrapinghub set is 1.5 MB of HTML and real
# article pages stay under a few MB even with inline scripts; past these limits a
# document is not one article, and the extractors' cost (linear, but ~1 us/char for
# HTML and ~4 us/char for text dumps) would turn into minutes.
# Above this size, scripts, styles, SVG, comments and data: URIs are cut before parsing.
LARGE_HTML_CHARS = 3_000_000
# What is left of a page after that cut must be below this to be read as one article.
MAX_ARTICLE_HTML_CHARS = 8_000_000
# A page saved as text is a few tens of KB; 2 M characters is ~300,000 words.
MAX_TEXT_DUMP_CHARS = 2_000_000

_HEAVY_MARKUP = re.compile(
    r"<(script|style|svg|noscript|template)\b.*?</\1\s*>|<!--.*?-->|data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+",
    re.IGNORECASE | re.DOTALL,
)


def _bounded(text: str, kind: DocumentKind) -> str:
    """Apply the size policy: a trimmed page, or a clear error for a document too big."""
    if kind is DocumentKind.TEXT and len(text) > MAX_TEXT_DUMP_CHARS:
        raise ExtractionError(
            f"text document too large: {len(text):,} characters "
            f"(limit {MAX_TEXT_DUMP_CHARS:,} for one article saved as text)"
        )
    if kind is DocumentKind.HTML and len(text) > LARGE_HTML_CHARS:
        text = _HEAVY_MARKUP.sub(" ", text)
        if len(text) > MAX_ARTICLE_HTML_CHARS:
            raise ExtractionError(
                f"HTML page too large: {len(text):,} characters of markup without scripts and "
                f"styles (limit {MAX_ARTICLE_HTML_CHARS:,} for one article page)"
            )
    return text


def _clean_paragraph(p: str) -> str:
    # One paragraph is one line of text: inner newlines and runs of spaces collapse.
    return " ".join(p.split())


def build_article(draft: Draft, doc: RawDocument) -> Article:
    """Join the draft's paragraphs into ``text`` and record their offsets."""
    paragraphs = [c for c in (_clean_paragraph(p) for p in draft.paragraphs) if c]
    spans: list[tuple[int, int]] = []
    pos = 0
    for p in paragraphs:
        spans.append((pos, pos + len(p)))
        pos += len(p) + len(_WS_PARA)
    md = draft.metadata
    provenance = dict(md.provenance)
    url = md.url or doc.url
    if url and "url" not in provenance:
        provenance["url"] = Origin.WARC if doc.date else Origin.URL
    published = md.published
    return Article(
        id=doc.id,
        source=Source(path=doc.path, url=doc.url, kind=doc.kind),
        url=url,
        site_name=md.site_name,
        language=md.language,
        title=md.title,
        description=md.description,
        authors=list(md.authors),
        published=published,
        modified=md.modified,
        section=md.section,
        text=_WS_PARA.join(paragraphs),
        paragraphs=spans,
        captions=list(md.captions),
        embedded_posts=list(md.embedded_posts),
        related=list(md.related),
        credits=md.credits,
        provenance={k: v for k, v in provenance.items()},
    )


def extract_draft(text: str, kind: DocumentKind, url: str | None = None) -> Draft:
    """Run the extractor that fits ``kind`` on already-decoded text."""
    text = _bounded(text, kind)
    if kind is DocumentKind.HTML:
        from newsledger.extract.body import extract_body
        from newsledger.extract.htmlparse import parse_html
        from newsledger.extract.metadata import extract_metadata

        tree = parse_html(text)
        metadata = extract_metadata(tree, url)
        paragraphs = extract_body(tree, url, metadata)
        return Draft(metadata=metadata, paragraphs=paragraphs)
    if kind is DocumentKind.TEXT:
        from newsledger.extract.textdump import extract_text_dump

        return extract_text_dump(text, url)
    raise InputError(f"cannot extract an article from a document of kind {kind.value!r}")


def extract_document(doc: RawDocument) -> Article:
    """Decode and extract one raw document."""
    from newsledger.sources.decode import decode

    text = decode(doc.data, content_type=doc.content_type)
    draft = extract_draft(text, doc.kind, doc.url)
    article = build_article(draft, doc)
    if doc.date and not article.published:
        # A WARC capture date is a fallback for the publication date, and says so.
        prov = dict(article.provenance)
        prov["published"] = Origin.WARC
        article = article.model_copy(update={"published": doc.date, "provenance": prov})
    if not article.text.strip() and not article.title:
        raise ExtractionError("no article text or title found")
    return article
