"""Schema.org JSON-LD: parse the page's blocks once and pick the article node.

Pages carry JSON-LD as one object, a list, an ``@graph``, objects nested in
``mainEntity``/``itemListElement``, ``@id`` references between nodes, and
sometimes broken JSON (trailing commas, raw newlines in strings, HTML comments
around the block).  Broken blocks are repaired when a cheap fix works, else
skipped with a debug log; nothing here raises on page content.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import html as lxml_html

log = logging.getLogger(__name__)

__all__ = ["JsonLd", "read_jsonld", "parse_blocks"]

# Article-like types, best first: a NewsArticle beats a generic WebPage describing the same page.
ARTICLE_TYPES: dict[str, int] = {
    "newsarticle": 10,
    "reportagenewsarticle": 10,
    "analysisnewsarticle": 10,
    "opinionnewsarticle": 10,
    "reviewnewsarticle": 10,
    "backgroundnewsarticle": 10,
    "askpublicnewsarticle": 10,
    "liveblogposting": 9,
    "article": 8,
    "blogposting": 8,
    "socialmediaposting": 6,
    "scholarlyarticle": 6,
    "techarticle": 6,
    "report": 6,
    "review": 5,
    "videoobject": 3,
    "webpage": 2,
    "itempage": 2,
    "aboutpage": 1,
}
# Types that are persons or organisations when they appear as an author.
_PERSON_TYPES = {"person"}
_ORG_TYPES = {"organization", "newsmediaorganization", "corporation", "organisation"}
# Deeper nesting than this is a data dump, not article metadata.
MAX_DEPTH = 8
# Blocks bigger than this are product catalogues or data exports, not article metadata.
MAX_BLOCK_CHARS = 2_000_000

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class JsonLd:
    """What the page's JSON-LD says about its article (``None`` where it is silent)."""

    headline: str | None = None
    alternative_headline: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    author_orgs: list[str] = field(default_factory=list)
    published: str | None = None  # raw value, parsed by the caller
    modified: str | None = None
    section: str | None = None
    publisher: str | None = None
    url: str | None = None
    body: str | None = None
    language: str | None = None
    breadcrumb: list[str] = field(default_factory=list)
    article_type: str | None = None
    found: bool = False  # at least one JSON-LD block parsed


def _loads(raw: str) -> Any:
    text = raw.strip()
    if not text or len(text) > MAX_BLOCK_CHARS:
        return None
    # Some CMSs wrap the block in HTML comments or CDATA markers.
    for prefix, suffix in (("<!--", "-->"), ("/*<![CDATA[*/", "/*]]>*/"), ("<![CDATA[", "]]>")):
        if text.startswith(prefix) and text.endswith(suffix):
            text = text[len(prefix) : -len(suffix)].strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    # Cheap repairs for the usual breakage: trailing commas, raw control characters, a final ";".
    fixed = _CTRL.sub(" ", _TRAILING_COMMA.sub(r"\1", text.replace("\n", " ").replace("\r", " ")))
    fixed = fixed.rstrip("; ")
    try:
        return json.loads(fixed)
    except ValueError:
        pass
    # Two objects pasted in one script: read them one after another.
    decoder = json.JSONDecoder()
    out: list[Any] = []
    pos = 0
    while pos < len(fixed):
        while pos < len(fixed) and fixed[pos] in " \t,;":
            pos += 1
        if pos >= len(fixed):
            break
        try:
            obj, pos = decoder.raw_decode(fixed, pos)
        except ValueError:
            log.debug("skipping a JSON-LD block that does not parse (%d chars)", len(raw))
            return out or None
        out.append(obj)
    return out or None


def parse_blocks(scripts: Iterable[str]) -> list[dict[str, Any]]:
    """Every JSON-LD node (a dict) in the given script texts, flattened, with ``@id`` resolved later."""
    nodes: list[dict[str, Any]] = []
    for raw in scripts:
        data = _loads(raw)
        if data is not None:
            nodes.extend(_walk(data, 0))
    return nodes


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
            child = data.get(key)
            if isinstance(child, (dict, list)):
                yield from _walk(child, depth + 1)


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("@type")
    if isinstance(t, str):
        return [t.rsplit("/", 1)[-1].lower()]
    if isinstance(t, list):
        return [x.rsplit("/", 1)[-1].lower() for x in t if isinstance(x, str)]
    return []


def _text(value: Any) -> str | None:
    """A plain string from a JSON-LD value: strings, numbers, ``{"@value": ...}``, first of a list."""
    if isinstance(value, str):
        s = " ".join(unescape_text(value).split())
        return s or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name"))
    if isinstance(value, list):
        for item in value:
            s = _text(item)
            if s:
                return s
    return None


_BLOCK_END = re.compile(r"</p\s*>|<br\s*/?>|</h[1-6]\s*>|</li\s*>", re.IGNORECASE)


def unescape_text(s: str) -> str:
    """Unescape HTML entities left in JSON strings (``&amp;``, ``&#8217;``) - many CMSs double-encode."""
    if "&" not in s and "<" not in s:
        return s
    if "<" in s:
        # Markup inside a JSON string (articleBody often has <p> tags): keep only its text.
        # Paragraph ends survive as line breaks (the body extractor compares paragraphs).
        s = _BLOCK_END.sub("\n", s)
        try:
            frag = lxml_html.fragment_fromstring(s, create_parent="div")
            s = frag.text_content()
        except (ValueError, TypeError):
            return s
    if "&" in s:
        s = html.unescape(s)
    return s


def _people(
    value: Any, index: dict[str, dict[str, Any]], depth: int = 0
) -> Iterator[tuple[str, str]]:
    """``(kind, name)`` pairs from an author value; kind is "person", "org" or "unknown"."""
    if depth > 3 or value is None:
        return
    if isinstance(value, list):
        for item in value:
            yield from _people(item, index, depth + 1)
        return
    if isinstance(value, str):
        s = value.strip()
        if s:
            yield "unknown", s
        return
    if not isinstance(value, dict):
        return
    if set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
        ref = index.get(value["@id"])
        if ref is not None and ref is not value:
            yield from _people(ref, index, depth + 1)
        return
    name = _text(value.get("name"))
    if not name:
        given, family = _text(value.get("givenName")), _text(value.get("familyName"))
        name = " ".join(x for x in (given, family) if x) or None
    if not name:
        return
    types = set(_types(value))
    kind = "person" if types & _PERSON_TYPES else "org" if types & _ORG_TYPES else "unknown"
    yield kind, name


def _breadcrumb(node: dict[str, Any]) -> list[str]:
    items = node.get("itemListElement")
    if not isinstance(items, list):
        return []
    named: list[tuple[float, str]] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        name = _text(item.get("name"))
        if not name and isinstance(item.get("item"), dict):
            name = _text(item["item"].get("name"))
        pos = item.get("position")
        order = float(pos) if isinstance(pos, (int, float)) else float(i)
        if name:
            named.append((order, name))
    return [n for _, n in sorted(named)]


def read_jsonld(scripts: Iterable[str]) -> JsonLd:
    """Read the article metadata from the texts of a page's ``application/ld+json`` scripts."""
    nodes = parse_blocks(scripts)
    out = JsonLd(found=bool(nodes))
    if not nodes:
        return out
    index = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 2}
    best: dict[str, Any] | None = None
    best_score = 0.0
    breadcrumb: list[str] = []
    site_publisher: str | None = None
    for node in nodes:
        types = _types(node)
        if "breadcrumblist" in types and not breadcrumb:
            breadcrumb = _breadcrumb(node)
        if "website" in types and not site_publisher:
            site_publisher = _text(node.get("name"))
        score = max((ARTICLE_TYPES.get(t, 0) for t in types), default=0)
        if score == 0:
            continue
        # A node with a headline and a date describes an article; prefer it over bare WebPages.
        score += 2 * bool(node.get("headline")) + bool(node.get("datePublished"))
        score += bool(node.get("articleBody")) * 0.5
        if score > best_score:
            best, best_score = node, score
    out.breadcrumb = breadcrumb
    if best is None:
        out.publisher = site_publisher
        return out
    out.article_type = _types(best)[0] if _types(best) else None
    out.headline = _text(best.get("headline")) or (
        _text(best.get("name")) if out.article_type not in ("webpage", "itempage") else None
    )
    out.alternative_headline = _text(best.get("alternativeHeadline"))
    out.description = _text(best.get("description"))
    for kind, name in _people(best.get("author"), index):
        if kind == "org":
            out.author_orgs.append(name)
        else:
            out.authors.append(name)
    if not out.authors:
        for kind, name in _people(best.get("creator"), index):
            if kind != "org":
                out.authors.append(name)
    out.published = _text(best.get("datePublished")) or _text(best.get("dateCreated"))
    out.modified = _text(best.get("dateModified"))
    out.section = _text(best.get("articleSection"))
    publisher = best.get("publisher") or best.get("sourceOrganization")
    if isinstance(publisher, dict) and set(publisher) <= {"@id", "@type"}:
        publisher = index.get(str(publisher.get("@id")), publisher)
    out.publisher = _text(publisher) if isinstance(publisher, (dict, list)) else _text(publisher)
    if not out.publisher:
        out.publisher = site_publisher
    main = best.get("mainEntityOfPage")
    out.url = _text(best.get("url")) or (
        _text(main.get("@id")) if isinstance(main, dict) else _text(main)
    )
    body = best.get("articleBody")
    if isinstance(body, str) and body.strip():
        out.body = unescape_text(body).strip()
    out.language = _text(best.get("inLanguage"))
    return out
