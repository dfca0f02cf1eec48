"""Extract an article from a page saved as plain text (a "text dump").

A dump has no markup: menus, headline, standfirst, photo caption, date line, body,
related-article lists, embedded posts and footers follow each other, on their own
lines or glued together.  The steps:

1. :func:`~.textdump_segment.segment` cuts the text into segments at newlines and at
   glue points; a page-title first line (``Headline | Section | Site``) is parsed and
   its headline's repetition in the page gets forced cut points.
2. Special pieces are recognised by their form: embedded posts (``— Name (@handle)
   date``), related lists (``Keep reading``/``list 1 of 3``...), credits (``Source:``).
3. The body is the densest run of prose segments (:mod:`.textdump_classify`), with the
   short pieces between them (sub-headings, short paragraphs) that are not furniture.
4. The header just above the body gives the date line, byline, standfirst and caption;
   a breadcrumb just before the repeated headline gives the section.

Nothing here knows any site; every rule is about the shape of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsledger.errors import InputError
from newsledger.extract.draft import Draft, Metadata
from newsledger.extract.textdump_classify import (
    Features,
    features,
    guess_language,
    is_anchor,
    is_boiler,
    is_sentence,
)
from newsledger.extract.textdump_fields import (
    TitleLine,
    date_from_url,
    find_date,
    find_post_signature,
    parse_byline,
    parse_title_line,
)
from newsledger.extract.textdump_segment import Segment, normalise, segment
from newsledger.extract.textdump_vocab import (
    CAPTION_CREDIT_WORDS,
    COMMENTS_RE,
    CREDITS_RE,
    DATELINE_CUES,
    RELATED_PREFIX_RE,
    RELATED_RE,
    RELATIVE_TIME_RE,
)
from newsledger.model import EmbeddedPost, Origin, RelatedLink

__all__ = ["extract_text_dump"]

# Bigger inputs are not a page someone saved; refuse rather than grind.
MAX_DUMP_CHARS = 20_000_000
# A share of control characters above this means binary data, not text.
MAX_CONTROL_SHARE = 0.05
# Body selection scores every segment and keeps the run with the largest sum.  A short
# sentence counts for part of its length (it may be a teaser), a menu item or a heading
# costs a little (a few are fine between paragraphs, a menu of thirty is not), and each
# boilerplate phrase costs more.
SENTENCE_WEIGHT = 0.5
SEGMENT_COST = 15.0
MENU_COST = 25.0
MENU_CHAR_COST = 0.5
BOILER_HIT_COST = 60.0
# A paragraph ends like a sentence; a block that does not is often glued teasers.
UNENDED_WEIGHT = 0.6
# Prose has 30-45% function words; teaser blocks and lists of names have fewer.
QUALITY_STOP_FLOOR, QUALITY_STOP_RANGE = 0.1, 0.2
# An anchor that trails off ("...") is a truncated teaser far more often than a paragraph.
TRUNCATED_WEIGHT = 0.3
# An anchor with no prose on either side counts for this share of its length.
ISOLATED_WEIGHT = 0.4
# A blurb of at most this many words between two headlines is a teaser of another article.
TEASER_MAX_WORDS = 45
HEADLINE_MIN_WORDS, HEADLINE_MAX_WORDS = 3, 20
HEADLINE_MAX_LOWER = 0.5  # Title Case: most words capitalised
DATE_COST = 80.0
# The prose right below the headline or the byline is the article, not a footer notice.
HEADER_BONUS = 600.0
# Consecutive short, unpunctuated segments this many or more are a menu, even inside the body.
MENU_RUN = 4
# A menu item or heading has at most this many words.
SHORT_WORDS = 8
# A comment-section heading may quote the headline: "34 responses to “...”".
COMMENT_HEADING_WORDS = 20
# Date lines, bylines and captions are looked for this many segments above the body.
HEADER_LOOKBACK = 8
# A first line without separators is taken as the headline only if it has this many words
# (shorter repeated first lines are menu items: "Live TV").
MIN_BARE_TITLE_WORDS = 4
# A headline found above the body (without a page-title line) has at most this many words.
MAX_HEADLINE_WORDS = 30
FALLBACK_HEADLINE_MIN_WORDS = 4
# A breadcrumb trail ("News | Politics") is short.
MAX_BREADCRUMB_CHARS = 120
# Segments this long seen twice are a repeated copy (short ones repeat legitimately).
DUPLICATE_MIN_WORDS = 6
# "Tour dates:" introduces a list of content, not a menu: a few words before the colon,
# items of up to a sentence, counted for part of their length.
LIST_INTRO_MIN_WORDS, LIST_INTRO_MAX_WORDS = 3, 25
MAX_LIST_ITEMS = 80
LIST_ITEM_MAX_WORDS = 30
LIST_ITEM_WEIGHT = 0.5
# Date lines, bylines and captions are at most this long.
HEADER_ITEM_MAX_WORDS = 60
# A related-article list has at most this many items, each a headline.
MAX_RELATED = 12
RELATED_ITEM_MIN_WORDS, RELATED_ITEM_MAX_WORDS = 3, 25
# "READ MORE: <headline>" is a headline long at most.
MAX_POINTER_WORDS = 30
# A "Source: ..." line counts as the article's credits this close below the body.
CREDITS_WINDOW = 5
# Embedded posts are short; longer segments are not searched for a signature.
MAX_POST_SEGMENT = 800

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ENUM_MARKER = re.compile(
    r"(?i)^(?:(?:list|item|slide|story|image|photo|article|page)\s*\d{1,3}\s*(?:of|/)\s*\d{1,3}"
    r"|end of (?:list|slideshow|carousel|gallery))$"
)
_END_MARKER = re.compile(r"(?i)^end of ")
# Markers of picture galleries: what follows them is a caption, not a link to an article.
_GALLERY_MARKER = re.compile(r"(?i)^(?:slide|image|photo|page)\s*\d")
_BRACKET_CREDIT = re.compile(r"[\[(]([^\[\]()]{2,100})[\])]\s*\.?$")
_PHOTO_PREFIX = re.compile(
    r"^(?:photo|photograph|image|picture|foto|bild)\s*(?:credit)?\s*:\s*\S", re.IGNORECASE
)
# Times, handles, links, separators: what bylines, date lines and breadcrumbs have.
_NOT_HEADLINE = re.compile(
    r"\d{1,2}:\d\d|[@#]|https?://|www\.|\s[|›»>/•]\s|^[|›»>/•]|\bago\b|\bby [A-Z]|\d+\s*min"
)
_CAPTION_LABEL = re.compile(
    r"(?i)^(?:image|media|photo|video|picture)?\s*(?:caption|copyright|credit)s?\s*:?$|^(?:bildunterschrift|légende)$"
)
# A line made only of a photo credit: "Getty Images", "AP Photo/John Doe", "Reuters".
_ONLY_CREDIT = re.compile(
    r"(?i)^[(\[]?(?:photo|image|foto|bild)?\s*(?:credit)?:?\s*(?:getty(?: images)?|reuters|ap(?: photo)?|afp"
    r"|epa|shutterstock|alamy|istock|pa(?: media| wire)?|dpa|anadolu|xinhua|imago)(?:\s*/\s*[\w. ]{1,40})?[)\]]?$"
)
# A credit line has a few words only.
CREDIT_MAX_WORDS = 6
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:\||›|»|>|/|\u2022)\s*")

# Segment labels.
BODY, POST, RELATED, RELATED_HEAD, CREDITS, FURNITURE, DUPLICATE = (
    "body",
    "post",
    "related",
    "related-head",
    "credits",
    "furniture",
    "duplicate",
)


@dataclass
class _Page:
    text: str
    segments: list[Segment]
    feats: list[Features]
    language: str | None
    labels: dict[int, str] = field(default_factory=dict)
    posts: list[EmbeddedPost] = field(default_factory=list)
    related: list[RelatedLink] = field(default_factory=list)
    lists: set[int] = field(default_factory=set)  # items of colon-introduced lists
    pointers: list[tuple[int, str]] = field(default_factory=list)  # "READ MORE: <headline>"


def _check_input(text: str) -> None:
    if not isinstance(text, str):
        raise InputError(f"a text dump must be str, not {type(text).__name__}")
    if len(text) > MAX_DUMP_CHARS:
        raise InputError(f"text dump too large: {len(text)} characters (limit {MAX_DUMP_CHARS})")
    sample = text[:200_000]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise InputError("text dump looks like binary data (too many control characters)")
    if not text.strip():
        raise InputError("empty text dump")


def _title_line(segs: list[Segment], text: str) -> TitleLine | None:
    """A browser-style page title on the first line, if the dump starts with one."""
    first = segs[0]
    line_end = text.find("\n", first.start)
    whole_line = text[first.start : line_end if line_end >= 0 else len(text)].strip()
    if whole_line != first.text:
        return None  # the first line is glued to more: not a saved title line
    parsed = parse_title_line(first.text)
    if parsed is None:
        return None
    if parsed.others:
        return parsed
    # A bare first line is a title only if the page repeats it (as its headline).
    if (
        len(parsed.title.split()) >= MIN_BARE_TITLE_WORDS
        and len(segs) > 1
        and segs[1].before == "blank"
        and text.find(parsed.title, first.end) >= 0
    ):
        return parsed
    return None


def _title_cuts(text: str, title: str, after: int) -> list[int]:
    cuts: list[int] = []
    pos = text.find(title, after)
    while pos >= 0 and len(cuts) < 8:
        cuts.extend((pos, pos + len(title)))
        pos = text.find(title, pos + len(title))
    return cuts


def _mark_posts(page: _Page) -> None:
    segs = page.segments
    for i, seg in enumerate(segs):
        if len(seg.text) > MAX_POST_SEGMENT or "@" not in seg.text:
            continue
        m = find_post_signature(seg.text)
        if m is None:
            continue
        post = m.post
        page.labels[i] = POST
        if (
            not post.text
            and i > 0
            and seg.before != "blank"
            and len(segs[i - 1].text) <= MAX_POST_SEGMENT
        ):
            prev = segs[i - 1]
            post = post.model_copy(update={"text": prev.text})
            page.labels[i - 1] = POST
            if post.platform is None or post.platform == "twitter":
                for host, name in (("instagram.com", "instagram"), ("facebook.com", "facebook")):
                    if host in prev.text:
                        post = post.model_copy(update={"platform": name})
        page.posts.append(post)


def _mark_related(page: _Page) -> list[tuple[int, list[int]]]:
    """Label related-article lists; return (heading index, item indexes) for each list."""
    segs = page.segments
    lists: list[tuple[int, list[int]]] = []
    i = 0
    n = len(segs)
    while i < n:
        if _GALLERY_MARKER.match(segs[i].text):
            page.labels[i] = FURNITURE
            i += 1
            continue
        if _ENUM_MARKER.match(segs[i].text) and not _END_MARKER.match(segs[i].text):
            head = i - 1 if i > 0 and RELATED_RE.match(segs[i - 1].text) else -1
            items: list[int] = []
            j = i
            while j < n and _ENUM_MARKER.match(segs[j].text):
                if _END_MARKER.match(segs[j].text):
                    page.labels[j] = RELATED_HEAD
                    j += 1
                    break
                page.labels[j] = RELATED_HEAD
                # An item is what follows the marker up to the next marker or line break.
                k = j + 1
                item: list[int] = []
                while k < n and not _ENUM_MARKER.match(segs[k].text):
                    if item and segs[k].before in ("line", "blank"):
                        break
                    item.append(k)
                    k += 1
                items.extend(item)
                for k2 in item:
                    page.labels[k2] = RELATED
                if item:
                    page.related.append(RelatedLink(title=_join(page, item)))
                j = k
            if head >= 0:
                page.labels[head] = RELATED_HEAD
            lists.append((head, items))
            i = max(j, i + 1)
            continue
        pointer = RELATED_PREFIX_RE.match(segs[i].text)
        if pointer and page.feats[i].words <= MAX_POINTER_WORDS:
            page.labels[i] = RELATED
            page.pointers.append((i, pointer.group("title").strip()))
            i += 1
            continue
        if RELATED_RE.match(segs[i].text):
            page.labels.setdefault(i, RELATED_HEAD)
            if i + 1 < n and _ENUM_MARKER.match(segs[i + 1].text):
                i += 1  # an enumerated list follows: the branch above reads it
                continue
            items = []
            k = i + 1
            while k < n and len(items) < MAX_RELATED:
                f = page.feats[k]
                if (
                    k in page.labels
                    or not RELATED_ITEM_MIN_WORDS <= f.words <= RELATED_ITEM_MAX_WORDS
                    or is_anchor(f, page.language)
                ):
                    break
                items.append(k)
                k += 1
            for k2 in items:
                page.labels[k2] = RELATED
            lists.append((i, items))
            i = k if items else i + 1
            continue
        i += 1
    return lists


def _join(page: _Page, idx: list[int]) -> str:
    """The text of consecutive segments, joined as they were in the dump."""
    segs = page.segments
    out = segs[idx[0]].text
    for a, b in zip(idx, idx[1:], strict=False):
        sep = page.text[segs[a].end : segs[b].start]
        out += (" " if sep.strip() == "" and sep else "") + segs[b].text
    return " ".join(out.split())


def _mark_caption_labels(page: _Page) -> None:
    """Label photo furniture: a caption label and its caption, a credit line alone."""
    segs = page.segments
    for k, seg in enumerate(segs):
        if k in page.labels:
            continue
        if _CAPTION_LABEL.match(seg.text):
            page.labels[k] = FURNITURE
            if (
                k + 1 < len(segs)
                and (k + 1) not in page.labels
                and page.feats[k + 1].words <= HEADER_ITEM_MAX_WORDS
            ):
                page.labels[k + 1] = FURNITURE
        elif page.feats[k].words <= CREDIT_MAX_WORDS and _ONLY_CREDIT.match(seg.text):
            page.labels[k] = FURNITURE


def _mark_duplicates(page: _Page) -> None:
    """Label later copies of long segments: pages repeat their article (AMP, print, mobile)."""
    seen: set[str] = set()
    for k, seg in enumerate(page.segments):
        if page.feats[k].words < DUPLICATE_MIN_WORDS:
            continue
        if seg.text in seen:
            page.labels.setdefault(k, DUPLICATE)
        else:
            seen.add(seg.text)


def _is_caption(text: str) -> bool:
    m = _BRACKET_CREDIT.search(text)
    if m and (CAPTION_CREDIT_WORDS.search(m.group(1)) or "/" in m.group(1)):
        return True
    return bool(_PHOTO_PREFIX.match(text))


def _is_dateline(seg: Segment) -> bool:
    text = seg.text
    if len(text) > 120:
        return False
    found = find_date(text)
    if found is None:
        return False
    rest = (text[: found[1]] + text[found[2] :]).strip()
    return bool(DATELINE_CUES.search(text)) or len(rest.split()) <= 6


def _short(f: Features) -> bool:
    return f.words <= SHORT_WORDS and not f.sentence_end


def _intro_lists(page: _Page) -> set[int]:
    """Items of lists that a sentence ending in a colon introduces ("Tour dates:")."""
    out: set[int] = set()
    segs, feats = page.segments, page.feats
    n = len(segs)
    for k, seg in enumerate(segs):
        f = feats[k]
        if (
            not seg.text.endswith(":")
            or not LIST_INTRO_MIN_WORDS <= f.words <= LIST_INTRO_MAX_WORDS
            or is_boiler(f)
        ):
            continue
        j = k + 1
        while j < n and j - k <= MAX_LIST_ITEMS and j not in page.labels:
            f = feats[j]
            if (
                is_boiler(f)
                or f.words > LIST_ITEM_MAX_WORDS
                or is_anchor(f, page.language)
                or _is_dateline(segs[j])  # teasers: headline, author, date
                or parse_byline(segs[j].text)
            ):
                break
            out.add(j)
            j += 1
    return out


def _menu_runs(page: _Page, lo: int, hi: int, lists: set[int] | None = None) -> set[int]:
    """Indexes in [lo, hi) that belong to runs of short unpunctuated segments."""
    out: set[int] = set()
    run: list[int] = []
    lists = lists or set()
    for k in range(lo, hi + 1):
        if k < hi and _short(page.feats[k]) and k not in page.labels and k not in lists:
            run.append(k)
            continue
        if len(run) >= MENU_RUN:
            out.update(run)
        run = []
    return out


def _values(page: _Page, header_bonus_at: int | None) -> list[float]:
    """How much each segment speaks for being inside the body (+) or outside it (-)."""
    lang = page.language
    values: list[float] = []
    lists = page.lists
    menus = _menu_runs(page, 0, len(page.segments), lists)
    for k, (seg, f) in enumerate(zip(page.segments, page.feats, strict=True)):
        label = page.labels.get(k)
        if label in (POST, RELATED, RELATED_HEAD):
            values.append(0.0)  # inline widgets: neither for nor against
            continue
        if label == DUPLICATE:
            values.append(-float(len(seg.text)))  # a second copy of the page weighs against
            continue
        if label is not None:
            values.append(-SEGMENT_COST)
            continue
        n = len(seg.text)
        if is_anchor(f, lang):
            v = n * _quality(f, lang)
            if seg.text.endswith(("...", "…")):
                v *= TRUNCATED_WEIGHT  # a blurb cut short: "...said it is..." teases another page
            if (
                f.words <= TEASER_MAX_WORDS
                and _headline_like(page, k - 1)
                and _headline_like(page, k + 1)
            ):
                v = -SEGMENT_COST  # headline, blurb, headline: a list of teasers
            elif not (_prose_neighbour(page, k - 1) or _prose_neighbour(page, k + 1)):
                v *= ISOLATED_WEIGHT  # body paragraphs come in runs; teaser blurbs stand alone
        elif is_sentence(f, lang):
            v = SENTENCE_WEIGHT * n
        elif k in lists:
            v = LIST_ITEM_WEIGHT * n
        elif k in menus:
            v = -MENU_COST - n * MENU_CHAR_COST
        elif f.words <= SHORT_WORDS and (_is_dateline(seg) or RELATIVE_TIME_RE.search(seg.text)):
            v = -DATE_COST  # one date heads an article; a run of them is a list of teasers
        else:
            v = -SEGMENT_COST
        v -= BOILER_HIT_COST * (f.boiler_hits + (f.weak_hits if f.words <= SHORT_WORDS else 0))
        if k == header_bonus_at:
            v += HEADER_BONUS
        values.append(v)
    return values


def _prose_neighbour(page: _Page, k: int) -> bool:
    if k < 0 or k >= len(page.segments):
        return False
    if page.labels.get(k) in (POST, RELATED, RELATED_HEAD):
        return True  # an inline widget between paragraphs does not isolate them
    return k not in page.labels and is_sentence(page.feats[k], page.language)


def _quality(f: Features, language: str | None) -> float:
    """How much like running prose an anchor reads, 0..1: glued teaser blocks score low."""
    q = 1.0 if f.sentence_end else UNENDED_WEIGHT
    if language:
        q *= min(1.0, max(0.0, (f.stop_share - QUALITY_STOP_FLOOR) / QUALITY_STOP_RANGE))
    return q


def _headline_like(page: _Page, k: int) -> bool:
    """A Title Case line of a few words: a headline (of this or another article)."""
    if k < 0 or k >= len(page.segments):
        return True
    f = page.feats[k]
    return (
        HEADLINE_MIN_WORDS <= f.words <= HEADLINE_MAX_WORDS
        and f.lower_share < HEADLINE_MAX_LOWER
        and (not f.sentence_end or page.segments[k].text.endswith("?"))
    )


def _header_anchor(page: _Page, title_idx: list[int]) -> int | None:
    """The first prose segment right below the headline, or a byline/date line."""
    lang = page.language
    starts = list(title_idx) + [
        k
        for k, seg in enumerate(page.segments)
        if k not in page.labels and (_is_dateline(seg) or parse_byline(seg.text))
    ]
    for s0 in starts:
        for k in range(s0 + 1, min(len(page.segments), s0 + 1 + HEADER_LOOKBACK)):
            if k not in page.labels and is_anchor(page.feats[k], lang):
                return k
    return None


def _max_region(values: list[float]) -> tuple[int, int] | None:
    """The contiguous run of segments with the largest sum of values (Kadane)."""
    best_sum, best = 0.0, None
    cur_sum, cur_start = 0.0, 0
    for k, v in enumerate(values):
        if cur_sum <= 0:
            cur_sum, cur_start = v, k
        else:
            cur_sum += v
        if cur_sum > best_sum:
            best_sum, best = cur_sum, (cur_start, k)
    return best


def _select_body(page: _Page, title_idx: list[int]) -> tuple[int, int] | None:
    """Label the body segments; return the (first, last) body indexes."""
    lang = page.language
    values = _values(page, _header_anchor(page, title_idx))
    region = _max_region(values)
    if region is None:
        return None
    lo, hi = region
    # Trim the ends to real content: the region may start or end on a neutral widget.
    while lo < hi and values[lo] <= 0:
        lo += 1
    while hi > lo and values[hi] <= 0:
        hi -= 1
    # Reader comments are prose too; their heading ends the article.
    for k in range(lo + 1, hi + 1):
        if (
            COMMENTS_RE.match(page.segments[k].text)
            and page.feats[k].words <= COMMENT_HEADING_WORDS
        ):
            hi = k - 1
            while hi > lo and values[hi] <= 0:
                hi -= 1
            break
    menus = _menu_runs(page, lo, hi + 1, page.lists)
    for k in range(lo, hi + 1):
        if k in page.labels or k in menus:
            continue
        f = page.feats[k]
        seg = page.segments[k]
        if is_anchor(f, lang) or k in page.lists:
            page.labels[k] = BODY
        elif is_boiler(f) or _ENUM_MARKER.match(seg.text) or _is_caption(seg.text):
            page.labels[k] = FURNITURE
        elif is_sentence(f, lang, 2) or (0 < f.words <= 14 and not is_boiler(f)):
            page.labels[k] = BODY
        else:
            page.labels[k] = FURNITURE
    return lo, hi


def _header_start(page: _Page, lo: int) -> int:
    """Move the body start below a date line / byline / caption sitting at its top."""
    start = lo
    limit = min(len(page.segments), lo + HEADER_LOOKBACK)
    for k in range(lo, limit):
        seg = page.segments[k]
        if page.labels.get(k) != BODY or page.feats[k].words > HEADER_ITEM_MAX_WORDS:
            continue  # a paragraph with a caption glued to its end is still a paragraph
        if _is_dateline(seg) or parse_byline(seg.text) or _is_caption(seg.text):
            start = k + 1
    return start


def _paragraphs(page: _Page, first: int, last: int) -> list[str]:
    """Body segments as paragraphs: pieces glued softly (mid-word) are joined back."""
    paras: list[str] = []
    current: list[int] = []
    for k in range(first, last + 1):
        if page.labels.get(k) != BODY:
            if current:
                paras.append(_join(page, current))
                current = []
            continue
        seg = page.segments[k]
        if (
            current
            and seg.before in ("soft", "forced")
            and seg.line == page.segments[current[-1]].line
            and current[-1] == k - 1
        ):
            current.append(k)
            continue
        if current:
            paras.append(_join(page, current))
        current = [k]
    if current:
        paras.append(_join(page, current))
    return paras


def extract_text_dump(text: str, url: str | None) -> Draft:
    """Extract the article of a plain-text dump of a web page.

    Returns a :class:`~newsledger.extract.draft.Draft` whose metadata fields come from
    rules over the text (provenance ``Origin.TEXT_RULE``) and whose paragraphs are the
    body only.  Raises :class:`~newsledger.errors.InputError` for empty, binary or
    oversized input.
    """
    _check_input(text)
    norm = normalise(text)
    segs = segment(norm)
    if not segs:
        raise InputError("empty text dump")
    title_line = _title_line(segs, norm)
    if title_line is not None:
        cuts = _title_cuts(norm, title_line.title, segs[0].end)
        if cuts:
            segs = segment(norm, cuts)
    language = guess_language(segs)
    page = _Page(norm, segs, [features(s, language) for s in segs], language)
    md = Metadata()
    prov = md.provenance

    if title_line is not None:
        page.labels[0] = FURNITURE
        md.title = title_line.title
        prov["title"] = Origin.TEXT_RULE
    _mark_posts(page)
    lists = _mark_related(page)
    for k, seg in enumerate(segs):
        if k not in page.labels and CREDITS_RE.match(seg.text) and len(seg.text.split()) <= 15:
            page.labels[k] = CREDITS
    # Headline repetitions in the page are not body.
    title_idx = [k for k, s in enumerate(segs) if k and md.title and s.text == md.title]
    for k in title_idx:
        page.labels[k] = FURNITURE
    _mark_duplicates(page)
    _mark_caption_labels(page)

    page.lists = _intro_lists(page)
    span = _select_body(page, title_idx)
    paragraphs: list[str] = []
    if span is not None:
        lo, hi = span
        start = _header_start(page, lo)
        # The headline repeated at the top of the body marks where the header starts.
        heads = [k for k in title_idx if k < min(hi, lo + HEADER_LOOKBACK)]
        if heads and heads[-1] >= lo:
            start = max(start, heads[-1] + 1)
        _fill_header(page, md, start, heads)
        for k in range(lo, start):
            if page.labels.get(k) == BODY:
                page.labels[k] = FURNITURE
        paragraphs = _paragraphs(page, start, hi)
        for head, items in lists:
            # Unnumbered lists count as related articles only inside the body.
            if (
                head >= 0
                and lo <= head <= hi
                and items
                and not _ENUM_MARKER.match(segs[items[0]].text)
            ):
                known = {r.title for r in page.related}
                for k in items:
                    if segs[k].text not in known:
                        page.related.append(RelatedLink(title=segs[k].text))
        # So do "READ MORE: <headline>" pointers.
        known = {r.title for r in page.related}
        for k, title in page.pointers:
            if lo <= k <= hi and title not in known:
                page.related.append(RelatedLink(title=title))
        credits = [
            k
            for k in range(hi + 1, min(len(segs), hi + 1 + CREDITS_WINDOW))
            if page.labels.get(k) == CREDITS
        ]
        if credits:
            md.credits = segs[credits[0]].text
            prov["credits"] = Origin.TEXT_RULE

    if page.posts:
        md.embedded_posts = page.posts
        prov["embedded_posts"] = Origin.TEXT_RULE
    if page.related:
        md.related = page.related
        prov["related"] = Origin.TEXT_RULE
    if title_line is not None and title_line.site and _evident_site(title_line.site, norm):
        md.site_name = title_line.site
        prov["site_name"] = Origin.TEXT_RULE
    if not md.published:
        from_url = date_from_url(url)
        if from_url:
            md.published = from_url
            prov["published"] = Origin.URL
    if language:
        md.language = language
        prov["language"] = Origin.DETECTED
    if url:
        md.url = url
    return Draft(metadata=md, paragraphs=paragraphs)


def _evident_site(site: str, text: str) -> bool:
    """A title-line part is the site's name if the page names itself with it elsewhere."""
    if len(site.split()) > 5:
        return False
    return text.count(site) >= 2


def _headline_shaped(page: _Page, k: int) -> bool:
    """A line that can be an article's headline: a few words, no date, no byline, no link."""
    f = page.feats[k]
    text = page.segments[k].text
    return (
        FALLBACK_HEADLINE_MIN_WORDS <= f.words <= MAX_HEADLINE_WORDS
        and (not f.sentence_end or text.endswith(("?", "!")))
        and not is_boiler(f)
        and not _NOT_HEADLINE.search(text)
        and not DATELINE_CUES.search(text)
        and find_date(text) is None
        and parse_byline(text) is None
    )


def _fill_header(page: _Page, md: Metadata, start: int, title_idx: list[int]) -> None:
    """Date, byline, standfirst, caption and section from the segments above the body."""
    segs = page.segments
    prov = md.provenance
    top = (
        title_idx[-1] + 1
        if title_idx and title_idx[-1] < start
        else max(0, start - HEADER_LOOKBACK)
    )
    header = [
        k
        for k in range(top, start)
        if page.labels.get(k) not in (POST, RELATED, RELATED_HEAD, CREDITS)
    ]
    used: set[int] = set()
    for k in header:
        seg = segs[k]
        f = page.feats[k]
        if _is_dateline(seg):
            used.add(k)
            found = find_date(seg.text)
            if found and not md.published:
                md.published = found[0]
                prov["published"] = Origin.TEXT_RULE
            continue
        names = parse_byline(seg.text)
        if names:
            used.add(k)
            if not md.authors:
                md.authors = names
                prov["authors"] = Origin.TEXT_RULE
            continue
        if _is_caption(seg.text):
            used.add(k)
            md.captions.append(seg.text)
            prov["captions"] = Origin.TEXT_RULE
            continue
        if (
            not md.description
            and title_idx
            and not md.captions
            and is_sentence(f, page.language, 5)
        ):
            used.add(k)
            md.description = seg.text
            prov["description"] = Origin.TEXT_RULE
    if md.title is None:
        # No page-title line: the headline is the nearest headline-shaped line above the body.
        # Only header items (date, byline, caption, standfirst) may sit between it and the body.
        k = start - 1
        while k >= top and k in used:
            k -= 1
        if k >= top and page.labels.get(k) in (None, BODY, FURNITURE) and _headline_shaped(page, k):
            md.title = segs[k].text
            prov["title"] = Origin.TEXT_RULE
    if title_idx:
        k = title_idx[-1] - 1
        if (
            k >= 0
            and len(segs[k].text) <= MAX_BREADCRUMB_CHARS
            and _BREADCRUMB_SPLIT.search(segs[k].text)
        ):
            crumbs = [c for c in _BREADCRUMB_SPLIT.split(segs[k].text) if c]
            if crumbs and len(crumbs[-1].split()) <= 5 and not page.feats[k].sentence_end:
                md.section = crumbs[-1]
                prov["section"] = Origin.TEXT_RULE
