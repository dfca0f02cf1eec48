"""Metadata read from the page's visible markup: bylines, standfirst, captions, related links, credits.

Each rule works on a :class:`~.meta_rules.PageScan` (one walk over the tree)
and skips page chrome (navigation, footers, sidebars, promo boxes) so that
other articles' bylines or captions do not leak into this one's metadata.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from newsledger.extract.authors import clean_authors
from newsledger.extract.dates import parse_date
from newsledger.extract.meta_rules import PageScan, doc_order_key, in_chrome
from newsledger.extract.nodetext import text_of
from newsledger.model import RelatedLink

__all__ = [
    "author_link_names",
    "breadcrumb_trail",
    "byline_authors",
    "captions",
    "credit_line",
    "header_date",
    "headline_candidates",
    "microdata_authors",
    "related_links",
    "standfirst",
    "visible_dates",
]

# A byline or date element longer than this is a bio or an article teaser.
MAX_BYLINE_CHARS = 250
MAX_DATE_CHARS = 120
# How far up from the <h1> a printed date is looked for, and in how much text at most.
HEADER_DATE_LEVELS = 3
MAX_HEADER_CHARS = 1500
# A written or numeric date inside running text (the parser then validates it).
_DATE_IN_TEXT = re.compile(
    r"\b(?:\d{1,2}\.?\s+[^\W\d_]{3,10}\.?,?\s+(?:19|20)\d{2}|[^\W\d_]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}|"
    r"(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?"
)
# The first few dates shown are the article's; later ones belong to comments and teasers.
MAX_VISIBLE_DATES = 6
# A standfirst is a sentence or two.
STANDFIRST_CHARS = (30, 700)
MIN_STANDFIRST_WORDS = 8
# Captions: shorter is a stray label ("Photo"), longer is a text block that happens to sit in a figure.
CAPTION_CHARS = (3, 1200)
MAX_CAPTIONS = 40
# Caption candidates looked at: galleries list hundreds; the article's own come first.
MAX_ROLE_CANDIDATES = 120
# How far up from a caption-classed element an image may be.
CAPTION_IMAGE_LEVELS = 3
_NOT_CAPTION_TAGS = frozenset(
    {"body", "html", "article", "main", "img", "meta", "script", "header", "section"}
)
# Related-story titles are headlines: a few words at least, at most a long headline.
RELATED_TITLE_CHARS = (12, 250)
MAX_RELATED = 20
# A related-links box is short; one with more text than this is the article or a layout wrapper.
MAX_RELATED_BOX_CHARS = 3000
# ... unless this share of its text is link text (teaser lists with summaries).
MIN_RELATED_LINK_SHARE = 0.3
# A paragraph longer than a headline line after a "Read more" heading is prose again.
MAX_RELATED_TITLE_LINE = 300
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Section links ("Science & Health") are shorter than story headlines.
MIN_RELATED_WORDS = 4
# Author-page links looked at when nothing else names the author.
MAX_AUTHOR_LINKS = 4
# Path parts of links to author pages.
_AUTHOR_PATHS = ("/author/", "/authors/", "/staff/", "/autor/", "/autoren/", "/journalist/")
# Two steps: the hrefs as plain strings (no element objects: cheap) tell whether any link
# can match, and only then the attribute query, whose hits are few, builds elements.
_HREF_XPATH = etree.XPath("//a/@href", smart_strings=False)
_AUTHOR_HREF_XPATH = etree.XPath(
    "//a/@href[" + " or ".join(f"contains(., '{p}')" for p in _AUTHOR_PATHS) + "]"
)
# Credit lines are short notes at the end of a story.
MAX_CREDIT_CHARS = 400
# Breadcrumb entries longer than this are the headline repeated, not a section.
MAX_SECTION_CHARS = 60

_RELATED_HEAD = re.compile(
    r"^\s*(?:related(?:\s+(?:stories|articles|news|coverage|content|reading|links|posts|topics))?|"
    r"read\s+more(?:\s+(?:stories|about|on))?|keep\s+reading|more\s+(?:from|on|about)\b.*|"
    r"more\s+stories|read\s+(?:also|next)|also\s+read|see\s+also|recommended(?:\s+\w+)?|"
    r"you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|further\s+reading|"
    r"mehr\s+zum\s+thema|lesen\s+sie\s+auch|auch\s+interessant|(?:à\s+)?lire\s+aussi|"
    r"sur\s+le\s+même\s+sujet|lee\s+también|te\s+puede\s+interesar|más\s+información|"
    r"leggi\s+anche|leia\s+também|lees\s+ook)\s*:?\s*$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\s*(?:sources?\s*:\s*\S"
    r"|\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|written|research)\s+by\b"
    r"|with\s+(?:additional\s+)?reporting\s+(?:by|from)\b"
    r"|mit\s+material\s+von\b|avec\s+(?:afp|reuters|ap)\b|con\s+información\s+de\b)"
    r"|(?:contributed\s+to\s+this\s+(?:report|story|article)\.?\s*$)"
    r"|(?:additional\s+reporting\s+by\b)",
    re.IGNORECASE,
)
# Player and gallery controls that carry caption classes.
_UI_LABEL = re.compile(
    r"^(?:advertisement|anzeige|werbung|reklama|publicité|publicidad|pubblicità|caption|close|expand|"
    r"enlarge|hide caption|show caption|toggle caption|"
    r"caption close|image|photo|video|play|pause|next|previous|prev|back|full screen|fullscreen|"
    r"\d+\s*(?:of|/)\s*\d+)$",
    re.IGNORECASE,
)
# A caption that is only a picture credit: "(Image: GETTY)", "Photo: Reuters".
_CREDIT_ONLY = re.compile(
    r"^(?:©|\(c\)|copyright\b|\(?\s*(?:image|images|photo|photos|picture|pictures|credit|credits|foto|"
    r"fotos|fot\.|bild|source|photograph|illustration)\s*(?::|by\b))",
    re.IGNORECASE,
)
MAX_CREDIT_ONLY_CHARS = 60
_HOME = re.compile(
    r"^(?:home|homepage|start|startseite|accueil|inicio|início|news)$", re.IGNORECASE
)
_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def headline_candidates(scan: PageScan) -> list[str]:
    """Texts of the page's ``<h1>`` elements outside page chrome, best first."""
    out: list[str] = []
    for h in scan.h1:
        if in_chrome(h):
            continue
        t = text_of(h)
        if t and t not in out:
            out.append(t)
    return out


def _ordered_by_article(scan: PageScan, elements: list[HtmlElement]) -> list[HtmlElement]:
    """Elements inside the page's ``<article>`` first, the others after, document order kept."""
    if not scan.articles:
        return elements
    main = scan.articles[0]
    inside, outside = [], []
    for el in elements:
        (inside if _is_inside(el, main) else outside).append(el)
    return inside + outside


def _is_inside(el: HtmlElement, container: HtmlElement) -> bool:
    node = el
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


def byline_authors(scan: PageScan, exclude: list[str], host: str | None = None) -> list[str]:
    """Person names from byline elements (class/id ``byline``, ``author``...) and ``rel=author`` links."""
    # Outer byline boxes come first (document order); when one yields nothing (a bio, a role
    # line), the elements inside it get their turn.
    for el in _ordered_by_article(scan, scan.roles.get("byline", [])):
        if el.tag in ("body", "html", "article", "main", "section") or in_chrome(el):
            continue
        text = text_of(el)
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        names = clean_authors([text], exclude=exclude, host=host, strict=True)
        if names:
            return names
    links = [text_of(a) for a in scan.rel_author if not in_chrome(a)]
    return clean_authors(links, exclude=exclude, host=host, strict=True)


def author_link_names(scan: PageScan, exclude: list[str], host: str | None = None) -> list[str]:
    """Names in links to author pages ("/author/jane-doe", "/staff/jane-doe") outside page chrome.

    A last resort: only the first few links count, since author lists in footers and
    widgets come later in the page.
    """
    if scan.root is None:
        return []
    hrefs = "\n".join(_HREF_XPATH(scan.root))
    if not any(p in hrefs for p in _AUTHOR_PATHS):
        return []
    found = [href.getparent() for href in _AUTHOR_HREF_XPATH(scan.root)]
    links = [text_of(a) for a in found[:MAX_AUTHOR_LINKS] if not in_chrome(a)]
    return clean_authors(links, exclude=exclude, host=host, strict=True)


def microdata_authors(scan: PageScan, exclude: list[str], host: str | None = None) -> list[str]:
    """Names from schema.org microdata ``itemprop="author"`` (or ``creator``) elements."""
    raw: list[str] = []
    for el in scan.itemprop.get("author", []) + scan.itemprop.get("creator", []):
        if el.tag == "meta":
            continue
        name_el = next((d for d in el.iter() if "name" in (d.get("itemprop") or "").split()), None)
        if name_el is not None:
            raw.append(name_el.get("content") or text_of(name_el))
        else:
            raw.append(el.get("content") or text_of(el))
    return clean_authors([r for r in raw if r], exclude=exclude, host=host)


def standfirst(scan: PageScan, title: str | None) -> str | None:
    """The summary under the headline (class ``standfirst``, ``dek``, ``subtitle``...)."""
    h1_key = min((doc_order_key(h) for h in scan.h1), default=())
    for el in _ordered_by_article(scan, scan.roles.get("standfirst", [])):
        if el.tag in ("body", "html", "article", "main", "a", "meta") or doc_order_key(el) < h1_key:
            continue
        if in_chrome(el):
            continue
        text = text_of(el)
        if not STANDFIRST_CHARS[0] <= len(text) <= STANDFIRST_CHARS[1]:
            continue
        if title and _norm(text).lower() == _norm(title).lower():
            continue
        # A one-line label or a "by admin | Filed under: x | 0 comments" meta strip is no summary.
        if len(text.split()) < MIN_STANDFIRST_WORDS or " | " in text:
            continue
        link_chars = sum(len(text_of(a)) for a in el.iter("a"))
        if link_chars > len(text) / 2:
            continue
        return text
    return None


def _near_image(el: HtmlElement) -> bool:
    # A caption sits in a <figure> or beside an image within a couple of levels.
    node = el.getparent()
    for _ in range(CAPTION_IMAGE_LEVELS):
        if node is None:
            return False
        if node.tag == "figure":
            return True
        if next(node.iter("img", "picture", "video"), None) is not None:
            return True
        node = node.getparent()
    return False


def captions(scan: PageScan) -> list[str]:
    """Texts of image captions (``figcaption``, ``*caption*`` classes, ``itemprop=caption``)."""
    marked = scan.roles.get("caption", []) + scan.itemprop.get("caption", [])
    candidates = list(dict.fromkeys(scan.figcaptions + marked))[:MAX_ROLE_CANDIDATES]
    # A wrapper whose class merely mentions captions ("header--caption-style") holds the real
    # one: every candidate with another candidate inside it is a wrapper.  One walk up from each
    # candidate finds them all.
    members = set(candidates)
    wrappers: set[HtmlElement] = set()
    for c in candidates:
        for anc in c.iterancestors():
            if anc in members:
                wrappers.add(anc)
    kept: list[HtmlElement] = []
    for el in candidates:
        if el in wrappers or el.tag in _NOT_CAPTION_TAGS or in_chrome(el):
            continue
        if el.tag != "figcaption" and not _near_image(el):
            continue
        if next(el.iter("h1", "h2"), None) is not None:
            continue
        kept.append(el)
    kept.sort(key=doc_order_key)
    out: list[str] = []
    for el in kept:
        t = text_of(el)
        if not CAPTION_CHARS[0] <= len(t) <= CAPTION_CHARS[1] or t in out:
            continue
        if _UI_LABEL.match(t) or (len(t) <= MAX_CREDIT_ONLY_CHARS and _CREDIT_ONLY.match(t)):
            continue
        if " " not in t:
            continue  # one word: a label or an agency name ("ShutterStock"), not a caption
        out.append(t)
    return out[:MAX_CAPTIONS]


def _links_in(container: HtmlElement, base: str | None, seen: set[str]) -> list[RelatedLink]:
    out: list[RelatedLink] = []
    for a in container.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        title = text_of(a)
        if not RELATED_TITLE_CHARS[0] <= len(title) <= RELATED_TITLE_CHARS[1]:
            continue
        if len(title.split()) < MIN_RELATED_WORDS:
            continue
        url = urljoin(base, href) if base else href
        if url in seen:
            continue
        seen.add(url)
        out.append(RelatedLink(title=title, url=url))
    return out


def _in_site_chrome(el: HtmlElement | None) -> bool:
    node: HtmlElement | None = el
    while node is not None:
        if node.tag in ("nav", "footer"):
            return True
        node = node.getparent()
    return False


def _is_prose_box(el: HtmlElement) -> bool:
    # Long and mostly unlinked: an article body or a layout wrapper, not a list of other stories
    # (teaser boxes are long too, but most of their text sits in links).
    n = len(el.text_content())
    if n <= MAX_RELATED_BOX_CHARS:
        return False
    linked = sum(len(a.text_content()) for a in el.iter("a"))
    return linked < MIN_RELATED_LINK_SHARE * n


def related_links(scan: PageScan, base: str | None) -> list[RelatedLink]:
    """Links of "Related" / "Read more" / "Keep reading" lists near or inside the article."""
    containers: list[HtmlElement] = []
    for el in scan.roles.get("related", []):
        if el.tag in ("body", "html", "a") or _in_site_chrome(el.getparent()):
            continue
        if any(_is_inside(el, c) for c in containers):
            continue
        # A "related"-classed box holding a whole text is a layout wrapper, not a link list.
        if _is_prose_box(el):
            continue
        containers.append(el)
    heads = [(h, text_of(h)) for h in scan.headings]
    heads += [
        (p, t) for p, t in zip(scan.paragraphs, scan.paragraph_texts(), strict=True) if len(t) <= 40
    ]
    for h, text in heads:
        if len(text) > 40 or not _RELATED_HEAD.match(text):
            continue
        parent = h.getparent()
        if (
            parent is None
            or _in_site_chrome(parent)
            or any(_is_inside(parent, c) for c in containers)
        ):
            continue
        if not _is_prose_box(parent):
            containers.append(parent)
            continue
        # The heading sits in the article body itself: the list is what follows it.
        for sib in h.itersiblings():
            if (
                not isinstance(sib.tag, str)
                or sib.tag in _HEADING_TAGS
                or len(containers) > MAX_RELATED
            ):
                break
            if sib.tag == "p" and len(sib.text_content()) > MAX_RELATED_TITLE_LINE:
                break  # the article's prose resumes
            containers.append(sib)
    seen: set[str] = set()
    out: list[RelatedLink] = []
    for c in containers:
        out.extend(_links_in(c, base, seen))
        if len(out) >= MAX_RELATED:
            break
    return out[:MAX_RELATED]


def credit_line(scan: PageScan) -> str | None:
    """Source and credit notes ("Source: Al Jazeera and news agencies", "(Reporting by ...)")."""
    found: list[str] = []
    for p, text in zip(scan.paragraphs, scan.paragraph_texts(), strict=True):
        if not text or len(text) > MAX_CREDIT_CHARS or not _CREDIT.search(text):
            continue
        if in_chrome(p) or text in found:
            continue
        found.append(text)
    return " ".join(found) or None


def visible_dates(scan: PageScan) -> list[str]:
    """Dates shown in the page (``<time>``, elements whose class says date), ISO, document order."""
    out: list[str] = []
    for el in scan.times + scan.roles.get("date", []):
        if len(out) >= MAX_VISIBLE_DATES:
            break
        if el.tag in ("body", "html", "article", "main") or in_chrome(el):
            continue
        raw = el.get("datetime") or el.get("content") or el.get("value") or ""
        iso = parse_date(raw) if raw else None
        if iso is None:
            text = text_of(el)
            if text and len(text) <= MAX_DATE_CHARS:
                iso = parse_date(text)
        if iso and iso not in out:
            out.append(iso)
    return out


def header_date(scan: PageScan) -> str | None:
    """A date printed near the headline: in the text of the ``<h1>``'s parent or grandparent.

    Used only when the page declares no date; the search is bounded to the headline block
    so that dates of other stories and comments are not picked up.
    """
    for h in scan.h1[:2]:
        if in_chrome(h):
            continue
        node = h.getparent()
        for _ in range(HEADER_DATE_LEVELS):
            if node is None or node.tag in ("body", "html"):
                break
            text = text_of(node)
            if len(text) > MAX_HEADER_CHARS:
                break
            for m in _DATE_IN_TEXT.finditer(text):
                iso = parse_date(m.group(0))
                if iso:
                    return iso
            node = node.getparent()
    return None


def breadcrumb_trail(scan: PageScan) -> list[str]:
    """Entries of the first breadcrumb trail in the page, without "Home"."""
    for el in scan.roles.get("breadcrumb", []):
        if el.tag in ("body", "html"):
            continue
        items = [text_of(a) for a in el.iter("a")] or [text_of(li) for li in el.iter("li")]
        items = [i for i in items if i and len(i) <= MAX_SECTION_CHARS and not _HOME.match(i)]
        if items:
            return items
    return []
