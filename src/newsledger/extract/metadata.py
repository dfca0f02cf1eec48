"""Article metadata from an HTML page: title, authors, dates, section, language, captions...

Sources, from most to least structured: JSON-LD (schema.org), microdata,
``<meta>`` tags (OpenGraph, Dublin Core, Parse.ly, ...), rules over the
visible page, and the URL.  Structured data is not trusted blindly: a JSON-LD
headline that neither the ``<h1>`` nor ``og:title`` supports does not win, and
a declared date far from every date shown on the page (or in the URL) gives way
to one that agrees with them.  Every filled field records where it came from
in ``Metadata.provenance``.

The tree is only read, never changed: the body extractor runs on it next.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newsledger.extract import dom_rules as D
from newsledger.extract.authors import clean_authors
from newsledger.extract.dates import date_from_url, parse_date, to_date
from newsledger.extract.draft import Metadata
from newsledger.extract.jsonld import JsonLd, read_jsonld
from newsledger.extract.language import detect_language, normalize_language_tag
from newsledger.extract.meta_rules import PageScan, scan_page
from newsledger.extract.nodetext import drop_invisible, text_of
from newsledger.extract.social import read_embed
from newsledger.model import EmbeddedPost, Origin

__all__ = ["clean_title", "extract_metadata"]

# A declared date more than this far from every date the page shows is suspect.
MAX_DATE_DRIFT_DAYS = 7
# Dates later than the clock by more than this are template junk (event dates, expiry dates).
MAX_FUTURE = timedelta(days=2)
# Two titles agree when the shorter is inside the longer and covers at least this share of it.
TITLE_AGREEMENT = 0.6
# ... and is at least this long (short strings are contained everywhere).
MIN_AGREE_CHARS = 12
# A trailing "| Section | Site" part of a title is at most this many words.
MAX_SUFFIX_WORDS = 6
# Text sample for language detection: enough prose for a confident guess, cheap to scan.
LANG_SAMPLE_CHARS = 1500
MIN_LANG_PARAGRAPH = 40
# Detection overrides a declared language only with this much text behind it.
MIN_OVERRIDE_CHARS = 400
# Languages the detector can recognise; a declared language outside this set is never overridden.
_DETECTABLE = frozenset(
    [
        "en",
        "de",
        "fr",
        "es",
        "it",
        "pt",
        "nl",
        "sv",
        "da",
        "pl",
        "tr",
        "id",
        "ru",
        "uk",
        "ar",
        "fa",
        "he",
        "el",
        "hi",
        "th",
        "ja",
        "zh",
        "ko",
    ]
)
MAX_EMBEDS = 50

_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pub_date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "rnews:datepublished",
    "article_date_original",
    "date",
    "displaydate",
    "article.created",
    "created",
    "release_date",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
    "updated_time",
    "article.updated",
    "date.updated",
    "revised",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
    "citation_author",
    "article.author",
    "authors",
)
_SECTION_META = (
    "article:section",
    "og:article:section",
    "parsely-section",
    "section",
    "article.section",
    "cxenseparse:recs:articlesection",
    "category",
)
_DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description")
_SEPARATORS = re.compile(r"\s+(\||-|–|—|::|»|·|//|•)\s+")
_STRONG_SEPARATORS = frozenset({"|", "::", "»", "·", "//", "•"})
_NON_ALNUM = re.compile(r"[^\w]+")
# Values CMSs put in section fields that name no section.
_NOT_SECTION = re.compile(
    r"^(?:home|homepage|home page|front ?page|start|startseite|index|main|all|none|null|post|posts|"
    r"article|articles|page|uncategori[sz]ed|default|general|allgemein|[\w-]+(?:\.[\w-]+)+)$",
    re.IGNORECASE,
)
_GENERIC_SITE_WORDS = frozenset({"news", "online", "the", "com", "daily", "tv", "live"})


def _norm(s: str) -> str:
    return _NON_ALNUM.sub(" ", drop_invisible(s).lower()).strip()


def _agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = (na, nb) if len(na) <= len(nb) else (nb, na)
    return (
        len(short) >= MIN_AGREE_CHARS
        and len(short) >= TITLE_AGREEMENT * len(long_)
        and short in long_
    )


def _host_words(url: str | None) -> set[str]:
    if not url:
        return set()
    host = urlsplit(url).hostname or ""
    parts = [
        p for p in host.split(".") if p not in ("www", "com", "org", "net", "co", "uk", "news")
    ]
    return {p for p in parts if len(p) > 2}


def _is_site(part: str, site_name: str | None, host_words: set[str]) -> bool:
    np_ = _norm(part)
    if not np_:
        return True
    if site_name and (
        np_ == _norm(site_name) or _norm(site_name) in np_ and len(np_) < 2 * len(site_name)
    ):
        return True
    # "Sky News" on news.sky.com: generic words do not count in the comparison with the host.
    squashed = "".join(w for w in np_.split() if w not in _GENERIC_SITE_WORDS) or np_.replace(
        " ", ""
    )
    return any(
        w == squashed or (len(w) > 4 and w in squashed and len(squashed) <= len(w) + 12)
        for w in host_words
    )


def clean_title(
    title: str | None,
    site_name: str | None = None,
    url: str | None = None,
    sections: tuple[str | None, ...] = (),
) -> str | None:
    """Strip the site name and section suffix ("Headline | Section News | Site") from a page title.

    ``sections`` are section names the page declares: "Headline - Auto News" loses
    its suffix when "Auto News" is the section.
    """
    if not title:
        return None
    title = " ".join(title.split())
    pieces = _SEPARATORS.split(title)
    parts, seps = pieces[0::2], pieces[1::2]
    host_words = _host_words(url)
    section_keys = {_norm(x) for x in sections if x}
    # A leading "Site | Headline" form.
    while len(parts) > 1 and _is_site(parts[0], site_name, host_words):
        parts, seps = parts[1:], seps[1:]
    while len(parts) > 1:
        last, sep = parts[-1], seps[-1]
        if (
            _is_site(last, site_name, host_words)
            or _norm(last) in section_keys
            or (sep in _STRONG_SEPARATORS and len(last.split()) <= MAX_SUFFIX_WORDS)
        ):
            parts, seps = parts[:-1], seps[:-1]
        else:
            break
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += f" {sep} {part}"
    return out.strip() or None


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "#")):
        return None
    url = urljoin(base, href) if base else href
    return url if url.startswith(("http://", "https://")) else None


def _canonical(
    scan: PageScan, ld: JsonLd, page_url: str | None
) -> tuple[str | None, Origin | None]:
    page_path = urlsplit(page_url).path if page_url else ""
    for raw, origin in (
        (scan.canonical, Origin.META),
        (scan.first_meta("og:url"), Origin.META),
        (ld.url, Origin.JSONLD),
    ):
        url = _absolute(raw, page_url)
        if not url:
            continue
        # A canonical pointing at the home page while we read an article is a template bug.
        if urlsplit(url).path in ("", "/") and page_path not in ("", "/"):
            continue
        return url, origin
    return None, None


def _title(
    scan: PageScan, ld: JsonLd, site: str | None, url: str | None
) -> tuple[str | None, Origin | None]:
    microdata = next(
        (
            text_of(e) or e.get("content")
            for e in scan.itemprop.get("headline", [])
            if e.tag != "meta"
        ),
        None,
    )
    microdata = microdata or next(
        (e.get("content") for e in scan.itemprop.get("headline", []) if e.tag == "meta"), None
    )
    sections = (scan.first_meta(*_SECTION_META), ld.section)
    candidates: list[tuple[str, Origin]] = [
        (c, o)
        for c, o in (
            (clean_title(scan.first_meta("og:title"), site, url, sections), Origin.META),
            (ld.headline, Origin.JSONLD),
            (" ".join(microdata.split()) if microdata else None, Origin.MICRODATA),
            (clean_title(scan.first_meta("twitter:title"), site, url, sections), Origin.META),
            (clean_title(scan.title_tag, site, url, sections), Origin.META),
        )
        if c
    ]
    h1s = D.headline_candidates(scan)
    # Raw titles count too: an h1 equal to the whole og:title ("Update | Crash victims named")
    # agrees with it even where suffix stripping cut the title short.
    raw = [r for r in (scan.first_meta("og:title"), scan.title_tag) if r]
    for h in h1s[:3]:
        if any(_agree(h, c) for c, _ in candidates) or any(_norm(h) == _norm(r) for r in raw):
            return h, Origin.DOM
    if not candidates:
        return (h1s[0], Origin.DOM) if h1s else (None, None)
    # The candidate most other sources agree with wins; ties go to the more reliable source.
    best, best_support = candidates[0], -1
    for i, (c, o) in enumerate(candidates):
        support = sum(_agree(c, other) for j, (other, _) in enumerate(candidates) if j != i)
        support += any(_agree(c, h) for h in h1s)
        if o is Origin.JSONLD and support == 0 and len(candidates) > 1:
            continue  # an unsupported JSON-LD headline must not win silently
        if support > best_support:
            best, best_support = (c, o), support
    return best


def _description(scan: PageScan, ld: JsonLd, title: str | None) -> tuple[str | None, Origin | None]:
    dom = D.standfirst(scan, title)
    for value, origin in (
        (scan.first_meta(*_DESCRIPTION_META), Origin.META),
        (ld.description, Origin.JSONLD),
    ):
        if value and not _agree(value, title):
            # Meta descriptions are often cut short ("..."): the page's own standfirst is the full text.
            if (
                dom
                and value.rstrip().endswith(("...", "…"))
                and _norm(dom).startswith(_norm(value)[:40])
            ):
                return dom, Origin.DOM
            return value, origin
    if dom:
        return dom, Origin.DOM
    return None, None


def _authors(
    tree: HtmlElement, scan: PageScan, ld: JsonLd, exclude: list[str], host: str | None
) -> tuple[list[str], Origin | None]:
    declared: tuple[list[str], Origin] | None = None
    for names, origin in (
        (
            clean_authors(ld.authors, exclude=exclude, host=host) if ld.authors else [],
            Origin.JSONLD,
        ),
        (D.microdata_authors(scan, exclude, host), Origin.MICRODATA),
        (
            clean_authors(
                [v for n in _AUTHOR_META for v in scan.meta.get(n, ())], exclude=exclude, host=host
            ),
            Origin.META,
        ),
    ):
        if names:
            declared = (names, origin)
            break
    byline = D.byline_authors(scan, exclude, host)
    if declared is None:
        byline = byline or D.author_link_names(scan, exclude, host)
        return (byline, Origin.DOM) if byline else ([], None)
    names, origin = declared
    if byline and not {n.lower() for n in byline} & {n.lower() for n in names}:
        # Declared and printed bylines disagree.  A declared name printed nowhere on the page
        # (an uploader, an editor, a template default) gives way to the printed byline.
        body = tree.find("body")
        text = body.text_content().lower() if body is not None else ""
        if not any(n.lower() in text for n in names):
            return byline, Origin.DOM
    return names, origin


def _microdata_date(scan: PageScan, prop: str) -> str | None:
    for el in scan.itemprop.get(prop, []):
        raw = el.get("datetime") or el.get("content") or (text_of(el) if el.tag != "meta" else "")
        iso = parse_date(raw)
        if iso:
            return iso
    return None


def _too_late(iso: str, now: datetime) -> bool:
    d = to_date(iso)
    return d is not None and d > (now + MAX_FUTURE).date()


def _near(iso: str, refs: list[str]) -> bool:
    d = to_date(iso)
    return d is not None and any(
        (r := to_date(ref)) is not None and abs((d - r).days) <= MAX_DATE_DRIFT_DAYS for ref in refs
    )


def _pick_date(
    candidates: list[tuple[str | None, Origin]], refs: list[str], now: datetime
) -> tuple[str | None, Origin | None]:
    valid = [(iso, o) for iso, o in candidates if iso and not _too_late(iso, now)]
    if not valid:
        return None, None
    chosen = valid[0]
    if refs and not _near(chosen[0], refs):
        # The declared date contradicts the page: take the first candidate the page agrees with.
        chosen = next(((iso, o) for iso, o in valid if _near(iso, refs)), chosen)
    # A bare date, or a time without zone: a candidate saying the same with more precision is better.
    if len(chosen[0]) == 10:
        chosen = next(
            ((iso, o) for iso, o in valid if len(iso) > 10 and iso[:10] == chosen[0]), chosen
        )
    elif len(chosen[0]) == 19:
        chosen = next(
            ((iso, o) for iso, o in valid if len(iso) > 19 and iso[:16] == chosen[0][:16]), chosen
        )
    return chosen


def _dates(scan: PageScan, ld: JsonLd, url: str | None, md: Metadata) -> None:
    now = datetime.now(UTC)
    visible = D.visible_dates(scan)
    url_date = date_from_url(url)
    refs = ([url_date] if url_date else []) + visible[:3]
    published = [
        (parse_date(ld.published), Origin.JSONLD),
        (_microdata_date(scan, "datepublished"), Origin.MICRODATA),
        *(
            (parse_date(v), Origin.META)
            for name in _PUBLISHED_META
            for v in scan.meta.get(name, ())[:1]
        ),
        *((v, Origin.DOM) for v in visible[:1]),
        (url_date, Origin.URL),
    ]
    iso, origin = _pick_date(published, refs, now)
    # Nothing declared: a date printed in the headline's block (byline line, dateline),
    # as long as it agrees with the URL's date when there is one.
    header = D.header_date(scan) if iso is None or origin is Origin.URL else None
    if header and (iso is None or _near(header, [iso])):
        iso, origin = header, Origin.DOM
    if iso and origin:
        md.published, md.provenance["published"] = iso, origin
    modified = [
        (parse_date(ld.modified), Origin.JSONLD),
        (_microdata_date(scan, "datemodified"), Origin.MICRODATA),
        *(
            (parse_date(v), Origin.META)
            for name in _MODIFIED_META
            for v in scan.meta.get(name, ())[:1]
        ),
    ]
    iso, origin = _pick_date(modified, [], now)
    if iso and origin and not _before(iso, md.published):
        md.modified, md.provenance["modified"] = iso, origin


def _before(a: str, b: str | None) -> bool:
    """Whether ISO ``a`` is earlier than ``b``: by the instant when both carry a zone, else by date."""
    if not b:
        return False
    if len(a) > 19 and len(b) > 19:
        try:
            return datetime.fromisoformat(a) < datetime.fromisoformat(b)
        except ValueError:
            return False
    da, db = to_date(a), to_date(b)
    return da is not None and db is not None and da < db


def _good_section(value: str | None) -> bool:
    return bool(value) and len(value) <= D.MAX_SECTION_CHARS and not _NOT_SECTION.match(value)


def _section(scan: PageScan, ld: JsonLd, title: str | None) -> tuple[str | None, Origin | None]:
    value = scan.first_meta(*_SECTION_META)
    if value and _good_section(value):
        return value, Origin.META
    if ld.section and _good_section(ld.section):
        return ld.section, Origin.JSONLD
    for el in scan.itemprop.get("articlesection", []):
        value = el.get("content") or text_of(el)
        if _good_section(value):
            return value, Origin.MICRODATA
    for trail, origin in ((ld.breadcrumb, Origin.JSONLD), (D.breadcrumb_trail(scan), Origin.DOM)):
        items = [i for i in trail if not _agree(i, title) and _good_section(i)]
        if items:
            return items[-1], origin
    return None, None


def _site_name(scan: PageScan, ld: JsonLd) -> tuple[str | None, Origin | None]:
    for value, origin in (
        (scan.first_meta("og:site_name"), Origin.META),
        (ld.publisher, Origin.JSONLD),
        (
            scan.first_meta("application-name", "al:android:app_name", "al:iphone:app_name"),
            Origin.META,
        ),
    ):
        if not value or value.startswith(("http://", "https://", "www.", "@")):
            continue
        # "Autoracing | F1 | Indy | MotoGP": the name is the first part.
        value = _SEPARATORS.split(value)[0].strip()
        if value and len(value) <= D.MAX_SECTION_CHARS:
            return value, origin
    return None, None


def _language(scan: PageScan, ld: JsonLd) -> tuple[str | None, Origin | None]:
    declared = None
    for raw, origin in (
        (scan.html_lang, Origin.DOM),
        (scan.first_meta("content-language", "language", "dc.language"), Origin.META),
        (scan.first_meta("og:locale"), Origin.META),
        (ld.language, Origin.JSONLD),
    ):
        code = normalize_language_tag(raw)
        if code:
            declared = (code, origin)
            break
    if declared and declared[0] not in _DETECTABLE:
        return declared  # nothing the detector could say would override it
    sample: list[str] = []
    size = 0
    for t in scan.paragraph_texts():
        if len(t) >= MIN_LANG_PARAGRAPH:
            sample.append(t)
            size += len(t)
            if size >= LANG_SAMPLE_CHARS:
                break
    detected = detect_language(" ".join(sample)) if size else None
    if declared:
        code, origin = declared
        if detected and detected != code and code in _DETECTABLE and size >= MIN_OVERRIDE_CHARS:
            # Templates often hard-code lang="en"; the text itself says otherwise.
            return detected, Origin.DETECTED
        return code, origin
    if detected:
        return detected, Origin.DETECTED
    # Pages without <p> prose (blogs built of <div>s and <br>s): the title and summary still tell.
    fallback = " ".join(x for x in (scan.title_tag, scan.first_meta(*_DESCRIPTION_META)) if x)
    title_lang = detect_language(fallback) if fallback else None
    if title_lang:
        return title_lang, Origin.DETECTED
    return None, None


def _embedded_posts(scan: PageScan, base: str | None) -> list[EmbeddedPost]:
    posts: list[EmbeddedPost] = []
    seen_urls: set[str] = set()
    taken: list[HtmlElement] = []
    for el, platform in scan.embeds[:MAX_EMBEDS]:
        # fb-post wraps a blockquote; read the outer embed only.
        if any(_inside(el, t) for t in taken):
            continue
        post = read_embed(el, platform)
        if post is None:
            continue
        taken.append(el)
        if post.url:
            url = _absolute(post.url, base) or post.url
            if url in seen_urls:
                continue
            seen_urls.add(url)
            post = post.model_copy(update={"url": url})
        posts.append(post)
    return posts


def _inside(el: HtmlElement, container: HtmlElement) -> bool:
    node = el.getparent()
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


def extract_metadata(tree: HtmlElement, url: str | None) -> Metadata:
    """Read every metadata field of the page ``tree`` (fetched from ``url``, if known).

    The tree is not modified.  Fields the page does not give stay ``None`` or empty;
    ``provenance`` names the source of each filled field.
    """
    scan = scan_page(tree)
    ld = read_jsonld(scan.ldjson)
    md = Metadata()
    prov = md.provenance

    canonical, origin = _canonical(scan, ld, url)
    if canonical and origin:
        md.url, prov["url"] = canonical, origin
    base = url or canonical

    site, origin = _site_name(scan, ld)
    if site and origin:
        md.site_name, prov["site_name"] = site, origin

    title, origin = _title(scan, ld, site, base)
    if title and origin:
        md.title, prov["title"] = title, origin

    desc, origin = _description(scan, ld, title)
    if desc and origin:
        md.description, prov["description"] = desc, origin

    exclude = [x for x in (site, ld.publisher, *ld.author_orgs) if x]
    authors, origin = _authors(tree, scan, ld, exclude, urlsplit(base).hostname if base else None)
    if authors and origin:
        md.authors, prov["authors"] = authors, origin

    _dates(scan, ld, base, md)

    section, origin = _section(scan, ld, title)
    if section and origin:
        md.section, prov["section"] = section, origin

    lang, origin = _language(scan, ld)
    if lang and origin:
        md.language, prov["language"] = lang, origin

    md.captions = D.captions(scan)
    if md.captions:
        prov["captions"] = Origin.DOM
    md.embedded_posts = _embedded_posts(scan, base)
    if md.embedded_posts:
        prov["embedded_posts"] = Origin.DOM
    md.related = D.related_links(scan, base)
    if md.related:
        prov["related"] = Origin.DOM
    credits = D.credit_line(scan)
    if credits:
        md.credits, prov["credits"] = credits, Origin.DOM
    if ld.body:
        md.jsonld_body, prov["jsonld_body"] = ld.body, Origin.JSONLD
    return md
