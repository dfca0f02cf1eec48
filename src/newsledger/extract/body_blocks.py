"""Page cleaning and segmentation into text blocks, for :mod:`.body`.

:func:`clean_tree` removes what is never article text (scripts, forms controls,
hidden elements).  :func:`segment` walks the tree once and cuts it into *blocks*
(runs of text between block-level boundaries: a paragraph, a heading, a list item,
a table cell) and *nodes* (the block-level elements, in document order, each
with its parent node), which is all the scoring in :mod:`.body` needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from newsledger.extract import body_rules as R

__all__ = ["Block", "Segmentation", "clean_tree", "segment"]

NEUTRAL, POSITIVE, NEGATIVE = 0, 1, -1

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Written over attributes (not "//*[...]"): libxml2 then visits only the attribute nodes
# instead of testing four conditions on every element (a third of the time).
_HIDDEN_XPATH = etree.XPath(
    "//@hidden/.. | //@aria-hidden[. = 'true']/.."
    " | //@style[contains(., 'none') or contains(., 'hidden')]/.."
)
_PARAGRAPHS_XPATH = etree.XPath(".//p")
_ARTICLE_BODY_XPATH = etree.XPath("//*[@itemprop='articleBody' or @itemprop='articlebody']")
# Tags that never get a boilerplate flag from their class: page wrappers carry all kinds of
# layout classes ("has-sidebar", "comments-open") without being boilerplate.
_NO_NEGATIVE_TAGS = frozenset(("html", "body", "main", "article", "form"))


class Block:
    """One paragraph-level run of text and where it sits."""

    __slots__ = ("node", "text", "link_chars", "lead_link", "tag", "weight")

    def __init__(self, node: int, text: str, link_chars: int, tag: str, lead_link: int = 0) -> None:
        self.node = node  # index of the nearest block-level element in Segmentation.nodes
        self.text = text  # whitespace-normalised
        self.link_chars = link_chars  # characters of text inside <a>
        self.lead_link = lead_link  # link characters before the first text outside a link
        self.tag = tag  # tag of that element (p, h2, li, div...)
        self.weight = 0.0  # filled by the scorer

    def __repr__(self) -> str:  # debugging aid
        return f"Block({self.tag}, {self.weight:.0f}, {self.text[:40]!r})"


@dataclass
class Segmentation:
    """Block-level elements (``nodes``, parents before children) and text ``blocks``."""

    nodes: list[HtmlElement] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)  # -1 for the root
    flag: list[int] = field(default_factory=list)  # NEUTRAL / POSITIVE / NEGATIVE hint
    blocks: list[Block] = field(default_factory=list)


def clean_tree(root: HtmlElement) -> None:
    """Remove non-text elements and hidden elements in place (text after them is kept)."""
    for el in root.iter("nav", "noscript"):
        # A <nav> left unclosed swallows the rest of the page (the parser nests the article
        # inside it), and some pages put the whole article in <noscript> for readers without
        # scripts: one holding paragraphs is kept as a plain element.
        if len(_PARAGRAPHS_XPATH(el)) >= R.KEEP_MIN_PARAGRAPHS:
            el.tag = "div"
    etree.strip_elements(root, *R.DROP_TAGS, with_tail=False)
    for el in _HIDDEN_XPATH(root):
        if el.tag in ("html", "body"):
            continue
        style = el.get("style")
        if (
            el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or (style is not None and _HIDDEN_STYLE.search(style))
        ):
            parent = el.getparent()
            if parent is not None:
                el.drop_tree()


# class/id strings repeat a lot within and across pages of a site: the regex verdict is cached.
_HINT_CACHE: dict[str, int] = {}
_HINT_CACHE_MAX = 50_000
# Class words that are not region names: script hooks ("js-truncate-related", "js_readmore")
# and state flags saying what an element contains ("has-sharing", "o-section--has-ads",
# "header--with-sidebar"): the element itself is not that thing.
_NOT_A_REGION_RE = re.compile(r"(?:^|\s)js[-_]\S*|(?:^|[\s_-])(?:has|with)-\S*")


def _modified_positive(low: str) -> bool:
    """True when every positive word sits in a class name after a boilerplate word
    ("related-post-content", "sidebar-entry-content"): a box of that kind, not the body."""
    for token in low.split():
        pos = R.POSITIVE_RE.search(" " + token)
        if pos is None:
            continue
        neg = R.NEGATIVE_RE.search(" " + token)
        if neg is None or neg.start() >= pos.start():
            return False
    return True


def _hint_flag(hint: str) -> int:
    flag = _HINT_CACHE.get(hint)
    if flag is None:
        low = _NOT_A_REGION_RE.sub(" ", hint.lower())
        if R.POSITIVE_RE.search(low) and not _modified_positive(low):
            flag = POSITIVE
        elif R.NEGATIVE_RE.search(low) or R.CAMEL_NEGATIVE_RE.search(hint):
            flag = NEGATIVE
        else:
            flag = NEUTRAL
        if len(_HINT_CACHE) >= _HINT_CACHE_MAX:
            _HINT_CACHE.clear()
        _HINT_CACHE[hint] = flag
    return flag


def _class_flag(el: HtmlElement, tag: str) -> int:
    cls = el.get("class")
    # A heading's id is an anchor named after its text ("nav_nur_die_folie"), not a region.
    ident = el.get("id") if tag not in R.HEADING_TAGS else None
    if cls is None and ident is None:
        return NEGATIVE if tag in R.BOILERPLATE_TAGS else NEUTRAL
    flag = _hint_flag(f"{cls or ''} {ident or ''}")
    if flag == POSITIVE:
        return POSITIVE
    if tag in R.BOILERPLATE_TAGS or (flag == NEGATIVE and tag not in _NO_NEGATIVE_TAGS):
        return NEGATIVE
    return NEUTRAL


def segment(root: HtmlElement) -> Segmentation:
    """Cut the (cleaned) tree into blocks and block-level nodes in one pass."""
    seg = Segmentation()
    nodes, parents, flags, blocks = seg.nodes, seg.parent, seg.flag, seg.blocks
    article_bodies = set(_ARTICLE_BODY_XPATH(root))
    block_tags = R.BLOCK_TAGS
    cell_tags = R.CELL_TAGS
    word_re = R.WORD_RE.search

    nodes.append(root)
    parents.append(-1)
    flags.append(NEUTRAL)
    node_stack = [0]
    cur = 0  # current node index
    parts: list[str] = []
    has_text = False  # parts holds more than whitespace (most pieces between tags do not)
    link_chars = 0
    lead_link = 0  # link characters seen while no text outside a link was seen yet
    plain_seen = False
    link_depth = 0

    def flush() -> None:
        nonlocal parts, link_chars, has_text, lead_link, plain_seen
        text = " ".join("".join(parts).split())
        if "\xad" in text:  # soft hyphens: invisible break hints inside words
            text = text.replace("\xad", "")
        if word_re(text):
            n = len(text)
            blocks.append(Block(cur, text, min(link_chars, n), nodes[cur].tag, min(lead_link, n)))
        parts = []
        has_text = False
        link_chars = 0
        lead_link = 0
        plain_seen = False

    def take(piece: str) -> None:
        """Add a piece of text (an element's text or tail) to the current block."""
        nonlocal has_text, link_chars, lead_link, plain_seen
        parts.append(piece)
        if piece.isspace():
            return
        has_text = True
        if link_depth:
            k = len(piece.strip())
            link_chars += k
            if not plain_seen:
                lead_link += k
        else:
            plain_seen = True

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if type(tag) is not str:  # entities and other non-elements
            if event == "end" and el.tail:
                parts.append(el.tail)
                has_text = True
            continue
        if event == "start":
            if tag in block_tags:
                if has_text:
                    flush()
                elif parts:
                    parts = []
                if tag != "br" and tag != "hr" and el is not root:
                    idx = len(nodes)
                    nodes.append(el)
                    parents.append(cur)
                    if el in article_bodies:
                        flags.append(POSITIVE)
                    else:
                        flags.append(_class_flag(el, tag))
                    node_stack.append(idx)
                    cur = idx
            elif tag == "a":
                link_depth += 1
            elif tag in cell_tags:
                parts.append(" ")
            if el.text:
                take(el.text)
        else:
            if tag in block_tags:
                if has_text:
                    flush()
                elif parts:
                    parts = []
                if tag != "br" and tag != "hr" and el is not root:
                    node_stack.pop()
                    cur = node_stack[-1]
            elif tag == "a":
                link_depth -= 1
            if el.tail and el is not root:
                take(el.tail)
    if has_text:
        flush()
    return seg
