"""One pass over the page that gathers everything metadata rules look at.

A filtered tree walk plus two attribute queries (instead of one XPath query per rule, or Python work on every element) keeps metadata
extraction to a few milliseconds per page.  :func:`scan_page` records meta
tags, links, JSON-LD scripts, headings, ``<time>`` and ``itemprop`` elements,
embeds and the elements whose class or id names a metadata role (byline,
caption, related links, breadcrumb, standfirst, date).  Nothing is changed in
the tree.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from newsledger.extract.social import embed_platform

__all__ = ["PageScan", "doc_order_key", "in_chrome", "scan_page"]

# Metadata sits near the top of the article: past this many elements of one role (dates of a
# 1,600-item archive list, say) the rest are listings, and looking at them only costs time.
MAX_ROLE_ELEMENTS = 120
# Elements deeper than this many <p> are far below the article; language detection needs only a sample.
MAX_PARAGRAPHS = 400

# Class/id words that mark an element's role.  A plain alternation of literals (no groups,
# no look-arounds) lets the regex engine skip ahead fast; the matched word names the role.
_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "byline": ("byline", "by-line", "author", "autor", "writer", "contributor", "reporter"),
    "caption": ("caption", "image-desc", "imagedesc", "img-desc", "photo-desc", "media-desc"),
    "related": (
        "related",
        "read-more",
        "readmore",
        "more-from",
        "morefrom",
        "keep-reading",
        "keepreading",
        "recommend",
        "also-read",
        "alsoread",
        "see-also",
        "more-stories",
        "morestories",
        "more-news",
        "further-reading",
        "read-next",
        "readnext",
        "more-on-this",
    ),
    "breadcrumb": ("breadcrumb", "crumbs"),
    "standfirst": (
        "standfirst",
        "dek",
        "deck",
        "subtitle",
        "sub-title",
        "subhead",
        "sub-head",
        "lede",
        "summary",
        "excerpt",
        "strapline",
        "intro",
        "article-lead",
        "lead-text",
        "teaser-text",
        "article-description",
    ),
    "date": ("date", "timestamp", "time", "published", "posted-on", "dateline"),
    "embed": (
        "twitter-tweet",
        "twitter-video",
        "instagram-media",
        "tiktok-embed",
        "fb-post",
        "fb-video",
        "bluesky-embed",
        "text-post-media",
        "mastodon-embed",
    ),
}
_ROLE_OF = {w: role for role, words in _ROLE_WORDS.items() for w in words}
# Short role words that are also parts of unrelated words ("intro" in "introduction" is fine,
# "dek" in "dekor" is not): they count only at a word edge.
_EDGE_WORDS = frozenset({"dek", "deck", "lede", "intro", "time"})
_ATTR_XPATH = etree.XPath("//@class | //@id")
_REL_XPATH = etree.XPath("//a/@rel")
# The same as plain strings: far cheaper (no element objects), to see whether any is "author".
_REL_TEXT_XPATH = etree.XPath("//a/@rel", smart_strings=False)
_ITEMPROP_XPATH = etree.XPath("//@itemprop")
_TAGS = (
    "meta",
    "script",
    "link",
    "title",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "time",
    "figcaption",
    "article",
    "iframe",
)
# Containers that are page chrome: metadata inside them belongs to other articles or the site.
_CHROME_TAGS = frozenset({"nav", "footer", "aside"})
_CHROME_CLASS = re.compile(
    r"(?<![a-z])(?:nav|navbar|navigation|menu|footer|sidebar|side-bar|comments?|masthead|"
    r"site-header|global-header|newsletter|promo|advert|ad-slot|widget|cookie|modal|popup|"
    r"related|recommend|suggested|trending|most-read|popular|more-stories|read-next)(?![a-z])"
)
_OTHER_ITEM_CLASS = re.compile(
    r"(?<![a-z])(?:comments?|related|teaser|recommend\w*|suggest\w*|promo|trending|popular)(?![a-z])"
)
# Class tokens that describe a layout ("layout-with-sidebar", "sticky-sidebar-parent"), not a box.
_LAYOUT_TOKEN = re.compile(
    r"layout|with|has-|parent|wrapper|container|grid|col-|offset|toggle|open|active"
)


def _is_chrome_key(key: str) -> bool:
    if not _CHROME_CLASS.search(key):
        return False
    return any(_CHROME_CLASS.search(tok) and not _LAYOUT_TOKEN.search(tok) for tok in key.split())


_ARTICLE_META_CLASS = re.compile(r"meta|byline|author|date|info")
# How far up the tree "is this element page chrome?" looks.
MAX_CHROME_DEPTH = 12


@dataclass
class PageScan:
    """What one walk over the tree found, in document order."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    rel_author: list[HtmlElement] = field(default_factory=list)
    ldjson: list[str] = field(default_factory=list)
    title_tag: str | None = None
    html_lang: str | None = None
    h1: list[HtmlElement] = field(default_factory=list)
    headings: list[HtmlElement] = field(default_factory=list)
    times: list[HtmlElement] = field(default_factory=list)
    itemprop: dict[str, list[HtmlElement]] = field(default_factory=dict)
    roles: dict[str, list[HtmlElement]] = field(default_factory=dict)
    figcaptions: list[HtmlElement] = field(default_factory=list)
    embeds: list[tuple[HtmlElement, str]] = field(default_factory=list)
    paragraphs: list[HtmlElement] = field(default_factory=list)
    articles: list[HtmlElement] = field(default_factory=list)
    root: HtmlElement | None = None
    _ptexts: list[str] | None = None

    def paragraph_texts(self) -> list[str]:
        """Texts of ``paragraphs`` (same order), computed once; ``<p>`` rarely holds scripts, so
        lxml's C ``text_content`` is used instead of the slower script-aware walk."""
        if self._ptexts is None:
            self._ptexts = [" ".join(p.text_content().split()) for p in self.paragraphs]
        return self._ptexts

    def first_meta(self, *names: str) -> str | None:
        """The first non-empty ``content`` among meta tags with these names, in the given order."""
        for name in names:
            for value in self.meta.get(name, ()):
                v = " ".join(value.split())
                if v:
                    # Double-encoded entities ("&amp;nbsp;", "&amp;quot;") are common in CMS output.
                    return " ".join(html.unescape(v).split()) if "&" in v else v
        return None


def _edge_ok(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalpha() and not after.isalpha()


def scan_page(tree: HtmlElement) -> PageScan:
    """Collect what the metadata rules need, with as little per-element Python work as possible."""
    scan = PageScan(root=tree)
    meta = scan.meta
    html_el = tree if tree.tag == "html" else tree.getroottree().getroot()
    lang = html_el.get("lang") or html_el.get("xml:lang")
    scan.html_lang = lang.strip() if lang else None
    for el in tree.iter(*_TAGS):
        tag = el.tag
        if tag == "p":
            if len(scan.paragraphs) < MAX_PARAGRAPHS:
                scan.paragraphs.append(el)
        elif tag == "meta":
            key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
            content = el.get("content")
            if key and content is not None:
                meta.setdefault(key.strip().lower(), []).append(content)
        elif tag == "script":
            stype = el.get("type")
            if stype and "ld+json" in stype.lower() and el.text:
                scan.ldjson.append(el.text)
        elif tag == "link":
            rel = (el.get("rel") or "").lower().split()
            if "canonical" in rel and scan.canonical is None:
                scan.canonical = el.get("href")
        elif tag == "title":
            if scan.title_tag is None and el.text:
                scan.title_tag = " ".join(el.text.split())
        elif tag == "h1":
            scan.h1.append(el)
        elif tag == "time":
            if len(scan.times) < MAX_ROLE_ELEMENTS:
                scan.times.append(el)
        elif tag == "figcaption":
            scan.figcaptions.append(el)
        elif tag == "article":
            scan.articles.append(el)
        elif tag == "iframe":
            platform = embed_platform(el)
            if platform:
                scan.embeds.append((el, platform))
        else:
            scan.headings.append(el)
    if "author" in " ".join(_REL_TEXT_XPATH(tree)).lower():
        for rel in _REL_XPATH(tree):
            if "author" in rel.lower().split():
                scan.rel_author.append(rel.getparent())
    for value in _ITEMPROP_XPATH(tree):
        for prop in value.split():
            scan.itemprop.setdefault(prop.lower(), []).append(value.getparent())
    _scan_roles(tree, scan)
    if len(scan.embeds) > 1:
        # Embeds come from two passes (iframes by tag, blockquotes by class): restore page order.
        scan.embeds.sort(key=lambda pair: doc_order_key(pair[0]))
    return scan


def _scan_roles(tree: HtmlElement, scan: PageScan) -> None:
    # All distinct class and id values joined into one string: one pass per role word finds
    # every hit, and only the few matching elements are touched from Python.  Values repeat
    # a lot (every card of a teaser list has the same class), so searching each distinct
    # value once halves the text scanned.
    values = _ATTR_XPATH(tree)
    if not values:
        return
    unique = list(dict.fromkeys(values))
    joined = "\n".join(unique).lower()
    if len(joined) != sum(map(len, unique)) + len(unique) - 1:
        # A few characters lower-case to two ("İ"): positions must come from the lowered values.
        joined = "\n".join(v.lower() for v in unique)
        lengths = [len(v.lower()) for v in unique]
    else:
        lengths = [len(v) for v in unique]
    starts: list[int] = []
    pos = 0
    for n in lengths:
        starts.append(pos)
        pos += n + 1
    # str.find per role word is a C scan; far faster than one regex with dozens of branches.
    found: dict[int, list[tuple[int, str]]] = {}
    for word in _ROLE_OF:
        i = joined.find(word)
        while i >= 0:
            if word not in _EDGE_WORDS or _edge_ok(joined, i, i + len(word)):
                d = bisect_right(starts, i) - 1
                found.setdefault(d, []).append((i - starts[d], word))
            i = joined.find(word, i + len(word))
    if not found:
        return
    # Back to the page's values, in document order (and, in one value, by position).
    hits_of: dict[str, list[tuple[int, str]]] = {}
    for d, hits in found.items():
        hits.sort()
        hits_of[unique[d]] = hits
    last: dict[str, HtmlElement] = {}
    for value in values:
        hits = hits_of.get(value)
        if hits is None:
            continue
        el = value.getparent()
        if el is None:
            continue
        for _, word in hits:
            role = _ROLE_OF[word]
            if last.get(role) is el:
                continue
            last[role] = el
            if role == "embed":
                platform = embed_platform(el)
                if platform and all(e is not el for e, _ in scan.embeds):
                    scan.embeds.append((el, platform))
                continue
            bucket = scan.roles.setdefault(role, [])
            if len(bucket) < MAX_ROLE_ELEMENTS and el not in bucket:
                bucket.append(el)


def doc_order_key(el: HtmlElement) -> tuple[int, ...]:
    """A sort key giving document order: the child index at each level from the root.

    Source line numbers tie on minified pages; this costs one ``index`` call per ancestor,
    cheap for the handful of elements a rule needs to order.
    """
    path: list[int] = []
    node = el
    parent = node.getparent()
    while parent is not None:
        path.append(parent.index(node))
        node, parent = parent, parent.getparent()
    return tuple(reversed(path))


def in_chrome(el: HtmlElement) -> bool:
    """Whether ``el`` is or sits in navigation, a footer, a sidebar, comments or a promo box."""
    depth = 0
    node: HtmlElement | None = el
    past_article = False
    while node is not None and depth < MAX_CHROME_DEPTH:
        tag = node.tag
        if tag == "body":
            return False
        cls = node.get("class")
        ident = node.get("id")
        key = f"{cls or ''} {ident or ''}".lower() if (cls or ident) else ""
        if past_article:
            # Above an <article>, layout classes ("sticky-sidebar-parent") say nothing; only a
            # list of other stories or comments around it, or the site's nav/footer, makes it chrome.
            if tag in ("nav", "footer") or (key and _OTHER_ITEM_CLASS.search(key)):
                return True
        elif tag in _CHROME_TAGS:
            # <aside class="meta"> holding the byline and date is part of the article.
            if not (tag == "aside" and key and _ARTICLE_META_CLASS.search(key)):
                return True
        elif tag in ("article", "main"):
            if key and _OTHER_ITEM_CLASS.search(key):
                return True  # a comment or a teaser of another story
            past_article = True
        elif key and _is_chrome_key(key):
            return True
        node = node.getparent()
        depth += 1
    return False
