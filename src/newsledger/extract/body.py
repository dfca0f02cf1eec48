"""Main-text (article body) extraction from a parsed HTML page.

The method, in three steps over one segmentation of the page (:mod:`.body_blocks`):

1. **Weigh blocks.**  Every paragraph-level block gets a weight: prose (long, or
   punctuated, with little link text) counts its non-link characters; menus,
   labels and link lists cost something.  Blocks under an element whose
   tag or class/id marks boilerplate (nav, footer, share, comments...) only cost.
2. **Pick the container.**  A node's score is the sum of the weights below it.
   The node with the highest score is the smallest element that holds the
   article's prose while leaving out the link-heavy surroundings; an article body
   split over sibling elements is kept whole because their common parent scores
   higher than either half.
   The choice then grows: to a parent that adds mostly prose, to sibling elements
   that are mostly prose, to a standfirst marked as such (class "intro", "lead"...)
   between headline and body, and to prose right after the container.
   Lists of linked items (teasers, comment threads, menus) are marked boilerplate.
3. **Clean inside.**  From the chosen container keep the prose blocks, headings
   and list items; drop boilerplate-marked and link-heavy blocks, the title, and
   short lines (byline, date, "Share") before the first and after the last
   paragraph.  A page without any prose falls back to its plain (non-link) lines.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsledger.extract import body_rules as R
from newsledger.extract.body_blocks import (
    NEGATIVE,
    POSITIVE,
    Block,
    Segmentation,
    clean_tree,
    segment,
)
from newsledger.extract.draft import Metadata

__all__ = ["extract_body"]


def _weight(block: Block) -> float:
    text = block.text
    n = len(text)
    links = block.link_chars
    prose = n - links
    if links > n * R.MAX_LINK_DENSITY:
        return -R.SHORT_BLOCK_PENALTY - links * R.LINK_CHAR_PENALTY
    if block.tag in R.CAPTION_TAGS:
        return -R.SHORT_BLOCK_PENALTY
    if prose >= R.LONG_BLOCK_CHARS or (
        prose >= R.MIN_PROSE_CHARS
        and R.PUNCT_RE.search(text)
        and (text.count(" ") >= R.MIN_PROSE_WORDS - 1 or R.CJK_RE.search(text))
        and sum(c.isdigit() for c in text) <= n * R.MAX_DIGIT_SHARE
    ):
        return prose - links * R.LINK_CHAR_PENALTY
    if block.tag == "tr" and not links:
        return 0.0  # a row of a data table: neither prose nor page furniture
    if block.tag in R.LIST_ITEM_TAGS and not links:
        return 0.0  # an unlinked list item (an ingredient, a fact): content, not furniture
    return -R.SHORT_BLOCK_PENALTY - links * R.LINK_CHAR_PENALTY


def _score(seg: Segmentation) -> tuple[int, int, list[bool], list[tuple[int, int]]]:
    """Weigh blocks, then return the best node, its subtree end and the boilerplate mask."""
    n_nodes = len(seg.nodes)
    parent = seg.parent
    flag = list(seg.flag)
    blocks = seg.blocks
    raw = [0.0] * n_nodes
    for b in blocks:
        b.weight = w = _weight(b)
        if w > 0:
            raw[b.node] += w
    # Lists of linked items: a node whose children (3 or more, with text) mostly hold
    # a link-only line (a headline, a name) is a teaser list, a comment thread or a menu,
    # even when the items carry a prose summary.
    linky = [False] * n_nodes
    has_text = [False] * n_nodes
    for b in blocks:
        has_text[b.node] = True
        if (
            b.link_chars >= R.LINK_LINE_MIN_CHARS
            and b.link_chars > len(b.text) * R.MAX_LINK_DENSITY
        ) or (b.lead_link >= R.TEASER_HEADLINE_MIN_CHARS and b.text.endswith(R.TRUNCATION_MARKS)):
            # (a linked headline with its summary cut short: a teaser)
            linky[b.node] = True
    n_items = [0] * n_nodes
    n_linky = [0] * n_nodes
    for i in range(n_nodes - 1, 0, -1):
        p = parent[i]
        raw[p] += raw[i]
        # Children already marked boilerplate (figures, ad slots) say nothing about
        # whether their parent is a list of linked items.
        if has_text[i] and flag[i] != NEGATIVE:
            has_text[p] = True
            n_items[p] += 1
            if linky[i]:
                linky[p] = True
                n_linky[p] += 1
    total = raw[0]
    for i in range(n_nodes):
        if (
            n_items[i] >= R.LINK_LIST_MIN_ITEMS
            and n_linky[i] >= R.LINK_LIST_SHARE * n_items[i]
            and flag[i] != POSITIVE
            and raw[i] < R.LINK_LIST_MAX_SHARE * total
        ):
            flag[i] = NEGATIVE
    # A boilerplate-looking wrapper around most of the prose is a layout class, not boilerplate.
    # (Only class hints are overruled: a <footer> or <nav> element is never the article.)
    nodes = seg.nodes
    for i in range(n_nodes):
        if (
            flag[i] == NEGATIVE
            and total > 0
            and raw[i] >= R.NEGATIVE_WRAPPER_SHARE * total
            and nodes[i].tag not in R.BOILERPLATE_TAGS
        ):
            flag[i] = 0
    boiler = [False] * n_nodes
    for i in range(1, n_nodes):
        # A node marked as the article (positive class, itemprop, <main>) is not boilerplate
        # even under a boilerplate-looking wrapper ("left-navigation" on the page wrapper).
        boiler[i] = flag[i] == NEGATIVE or (
            boiler[parent[i]] and flag[i] != POSITIVE and nodes[i].tag != "main"
        )
    score = [0.0] * n_nodes  # prose minus costs: what the selection maximises
    prose = [0.0] * n_nodes  # plain sums, for the expansion step
    cost = [0.0] * n_nodes
    for b in blocks:
        w = b.weight
        if boiler[b.node]:
            # Prose under a boilerplate mark is a cost; link lists there cost less than
            # elsewhere because the cleaning step removes them anyway.
            w = w * R.NEGATIVE_CLASS_FACTOR if w > 0 else w * R.BOILER_COST
            b.weight = w
        score[b.node] += w
        if boiler[b.node]:
            continue  # removed by the cleaning step: no reason to stop an expansion
        if w > 0:
            prose[b.node] += w
        else:
            cost[b.node] -= w
    size = [1] * n_nodes
    for i in range(n_nodes - 1, 0, -1):
        p = parent[i]
        score[p] += score[i]
        prose[p] += prose[i]
        cost[p] += cost[i]
        size[p] += size[i]
    best, best_score = 0, float("-inf")
    for i in range(n_nodes):
        if boiler[i]:
            continue
        s = score[i]
        if flag[i] == POSITIVE and s > 0:
            s *= 1.0 + R.POSITIVE_CLASS_BONUS
        if s > best_score:
            best, best_score = i, s
    # Expand to ancestors whose extra content is mostly prose: an article body split
    # over sibling elements (around an ad slot, a figure, a pull quote).
    cur = best
    node = best
    while node > 0:
        p = parent[node]
        extra_prose = prose[p] - prose[cur]
        extra_cost = cost[p] - cost[cur]
        if extra_prose > R.EXPAND_RATIO * extra_cost and extra_prose > 0:
            cur = p
        elif extra_prose > 0 or extra_cost > R.EXPAND_MAX_COST:
            break
        node = p
    # Sibling elements that are mostly prose continue the body (readability's sibling idea).
    siblings: list[tuple[int, int]] = []
    if cur > 0 and R.SIBLING_MIN_SHARE > 0:
        p = parent[cur]
        need = max(R.SIBLING_MIN_PROSE, R.SIBLING_MIN_SHARE * prose[cur])
        i = p + 1
        stop = p + size[p]
        while i < stop:
            if (
                i != cur
                and not boiler[i]
                and prose[i] >= need
                and cost[i] * R.SIBLING_RATIO <= prose[i]
            ):
                siblings.append((i, i + size[i]))
            i += size[i]  # next child of p
    return cur, cur + size[cur], boiler, siblings


def _is_prose(block: Block) -> bool:
    return block.weight > 0


def _is_lead(seg: Segmentation, node: int) -> bool:
    for _ in range(R.LEAD_CLASS_DEPTH):
        if node <= 0:
            return False
        el = seg.nodes[node]
        hint = f"{el.get('class') or ''} {el.get('id') or ''}"
        if R.LEAD_RE.search(hint.lower()):
            return True
        node = seg.parent[node]
    return False


def _lead(seg: Segmentation, first: int, boiler: list[bool], title: str | None) -> list[Block]:
    """A standfirst between the headline and the chosen container, marked as such by its class."""
    blocks = seg.blocks
    lead: list[Block] = []
    for i in range(first - 1, max(-1, first - 1 - R.LEAD_WINDOW), -1):
        b = blocks[i]
        if b.tag == "h1" or (title is not None and b.text == title):
            return lead[::-1]
        if b.weight > 0 and not boiler[b.node] and _is_lead(seg, b.node):
            lead.append(b)
    return []


def _extend_before(
    seg: Segmentation, first: int, start: int, boiler: list[bool], title: str | None
) -> list[Block]:
    """Prose right before the container, inside its parent's subtree (an unmarked standfirst,
    an intro paragraph set apart from the body by a picture or an ad slot).

    The walk goes back from the container's first block and stops at the headline, at a
    link line, outside the scope element and after a few lines without prose.
    """
    scope = start
    for _ in range(R.BEFORE_SCOPE_LEVELS):
        if scope > 0:
            scope = seg.parent[scope]
    parent = seg.parent
    blocks = seg.blocks
    found: list[Block] = []
    gap = 0
    for i in range(first - 1, -1, -1):
        b = blocks[i]
        node = b.node
        while node > scope:
            node = parent[node]
        if node != scope or b.tag == "h1" or (title is not None and b.text == title):
            break
        if boiler[b.node]:
            gap += 1
        elif (
            b.link_chars >= R.LINK_LINE_MIN_CHARS
            and b.link_chars > len(b.text) * R.MAX_LINK_DENSITY
        ):
            break
        elif b.weight > 0:
            found.append(b)
            gap = 0
            continue
        else:
            gap += 1
        if gap > R.EXTEND_GAP:
            break
    return found[::-1]


def _extend_after(seg: Segmentation, last: int, boiler: list[bool]) -> list[Block]:
    """Prose that continues right after the container (a body split by an ad or a figure).

    The walk stops at boilerplate, at a link line (teaser headline, author link, menu) and
    after a few lines without prose: continuation follows the body closely, teaser lists
    and comment threads start with links.
    """
    blocks = seg.blocks
    found: list[Block] = []
    gap = 0
    for i in range(last + 1, len(blocks)):
        b = blocks[i]
        if boiler[b.node] or b.link_chars >= R.LINK_LINE_MIN_CHARS or b.tag in R.HEADING_TAGS:
            break
        if b.weight > 0:
            found.append(b)
            gap = 0
        else:
            gap += 1
            if gap > R.EXTEND_GAP:
                break
    return found


def _cut_trailing_section(chosen: list[Block]) -> list[Block]:
    """Cut the body at a label that opens an end-of-article section ("Related", "Read more",
    "About the author", "Mehr zum Thema"...) once most of the body's prose is behind it."""
    total = sum(b.weight for b in chosen if b.weight > 0)
    seen = 0.0
    drop: list[int] = []
    for i, b in enumerate(chosen):
        if len(b.text) <= R.SECTION_LABEL_MAX_CHARS and R.SECTION_LABEL_RE.match(b.text):
            # (a label may read like a sentence: "Das könnte Sie auch interessieren!")
            if (
                seen >= R.SECTION_CUT_MIN_SHARE * total
                and total - seen <= R.SECTION_TAIL_MAX_SHARE * total
            ):
                return [c for j, c in enumerate(chosen[:i]) if j not in drop]
            drop.append(i)
            continue
        w = max(b.weight, 0.0)
        if (
            seen >= R.SECTION_CUT_MIN_SHARE * total
            and total - seen - w <= R.PROMO_TAIL_MAX_SHARE * total
            and len(b.text) <= R.PROMO_MAX_CHARS
            and R.PROMO_RE.search(b.text)
        ):
            # A call to subscribe or donate near the end: what follows is more of the same
            # ("Thanks!", the editor's signature, the donation form's text).
            return [c for j, c in enumerate(chosen[:i]) if j not in drop]
        seen += w
    return [c for j, c in enumerate(chosen) if j not in drop] if drop else chosen


def _is_byline(b: Block) -> bool:
    """A short line naming the author or the date."""
    text = b.text
    if len(text) > R.BYLINE_MAX_CHARS or b.tag == "tr":
        return False
    return bool(R.BYLINE_RE.match(text) or R.DATELINE_RE.search(text))


def _is_notice(b: Block) -> bool:
    """A caption, credit, reading-time or consent line that is no article text wherever it stands."""
    text = b.text
    n = len(text)
    if n <= R.CAPTION_MAX_CHARS and (
        R.PHOTO_CREDIT_RE.search(text) or R.FIGURE_CAPTION_RE.match(text)
    ):
        return True  # a picture caption outside <figcaption>: a photo credit or a figure number
    if n <= R.READING_TIME_MAX_CHARS and R.READING_TIME_RE.match(text):
        return True
    if not text.isascii() and len(R.MIXED_SCRIPT_RE.findall(text)) >= R.MIXED_SCRIPT_MIN_WORDS:
        return True  # an ad disguised with look-alike letters
    # a cookie or consent notice
    return bool(n <= R.CONSENT_MAX_CHARS and R.COOKIE_RE.search(text) and R.CONSENT_RE.search(text))


def _is_picture_legend(seg: Segmentation, i: int, b: Block) -> bool:
    """A short text that is the only text (or one of two short texts) of a box holding a
    picture: a caption written without <figure>/<figcaption> ("<div class=visual><img>
    <div>Caption</div></div>"), a picture teaser (image, headline, one line)."""
    if len(b.text) > R.CAPTION_MAX_CHARS or b.node == 0:
        return False
    box = seg.parent[b.node]
    if box <= 0 or seg.nodes[box].tag not in R.LEGEND_BOX_TAGS:
        return False  # (a <blockquote> with a picture and a line is a quoted reader review)
    blocks = seg.blocks
    inside = 0  # other blocks in the box: at most one, short (a legend and its credit line)
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(blocks):
            node = blocks[j].node
            while node > box:
                node = seg.parent[node]
            if node == box:
                if abs(j - i) == 2 or len(blocks[j].text) > R.CAPTION_MAX_CHARS:
                    return False
                inside += 1
    if inside > 1:
        return False
    return next(seg.nodes[box].iter("img", "picture"), None) is not None


def _is_data_line(b: Block) -> bool:
    """A table row or an unlinked list item: short, but content (a list can end an article)."""
    return b.tag == "tr" or (
        b.weight == 0 and b.tag in R.LIST_ITEM_TAGS and not R.LEAD_IN_RE.search(b.text)
    )


def _is_tail_furniture(b: Block) -> bool:
    """A block that cannot end an article: page furniture once it is the last line left."""
    text = b.text
    n = len(text)
    if b.weight <= 0:
        return not _is_data_line(b)
    if n <= R.PROMO_MAX_CHARS and R.PROMO_RE.search(text):
        return True
    if n <= R.LEAD_IN_MAX_CHARS and R.LEAD_IN_RE.search(text):
        return True  # "Read these articles too:" whose list (links) was removed
    return n <= R.READER_QUESTION_MAX_CHARS and text.endswith("?")


def _select(
    seg: Segmentation,
    start: int,
    end: int,
    boiler: list[bool],
    title: str | None,
    siblings: list[tuple[int, int]],
) -> list[str]:
    """The body paragraphs: the container's blocks (and its prose siblings'), cleaned."""
    chosen: list[Block] = []
    first_index = last_index = -1
    for i, b in enumerate(seg.blocks):
        node = b.node
        if not (start <= node < end) and not any(s <= node < e for s, e in siblings):
            continue
        if first_index < 0:
            first_index = i
        last_index = i
        if boiler[b.node]:
            continue
        n = len(b.text)
        if b.tag in R.CAPTION_TAGS:
            continue
        if b.link_chars > n * R.MAX_LINK_DENSITY and not (b.tag == "tr" and b.link_chars < n):
            continue  # (a table row with some text outside its links is data, not a menu)
        if b.tag == "h1" or (title is not None and b.text == title):
            continue
        if _is_notice(b) or _is_picture_legend(seg, i, b):
            continue
        chosen.append(b)
    if first_index > 0:
        lead = _lead(seg, first_index, boiler, title)
        if not lead and R.BEFORE_SCOPE_LEVELS > 0:
            lead = _extend_before(seg, first_index, start, boiler, title)
        chosen[:0] = [b for b in lead if not _is_notice(b)]
    if chosen and R.EXTEND_GAP > 0:
        chosen.extend(b for b in _extend_after(seg, last_index, boiler) if not _is_notice(b))
    chosen = _cut_trailing_section(chosen)
    # Calls to subscribe, sign up or follow, reader questions and lead-ins to removed
    # link lists, at the end of the body.
    end = len(chosen)
    while end > 0 and _is_tail_furniture(chosen[end - 1]):
        end -= 1
    if end > 0:
        del chosen[end:]
    if sum(1 for b in chosen if b.weight > 0 and b.tag == "p") >= R.DROP_SHORT_LOOSE:
        # A body written in <p> paragraphs: short lines in bare <div>s are page furniture
        # ("Print recipe", "5 min read", "Show picture"), not text.
        chosen = [b for b in chosen if b.weight > 0 or b.tag not in R.LOOSE_TEXT_TAGS]
    # Bylines, datelines and field labels ("Author:") among the first lines of the body.
    zone = chosen[: R.BYLINE_ZONE]
    if any(_is_byline(b) for b in zone):
        chosen = [b for b in zone if not _is_byline(b)] + chosen[R.BYLINE_ZONE :]
    # Trim short non-prose lines around the body (bylines, dates, share labels, credits).
    first = next((i for i, b in enumerate(chosen) if _is_prose(b)), None)
    if first is None:
        return [b.text for b in chosen]
    # Table rows count as body here: data tables are often the end of an article.
    last = max(i for i, b in enumerate(chosen) if _is_prose(b) or _is_data_line(b))
    head = chosen[first - 1 : first] if first and chosen[first - 1].tag in R.HEADING_TAGS else []
    return [b.text for b in head] + [b.text for b in chosen[first : last + 1]]


def extract_body(tree: HtmlElement, url: str | None, metadata: Metadata) -> list[str]:
    """Return the article body of a parsed page as paragraphs (no title, no boilerplate).

    ``tree`` is modified (cleaned) in place.  ``url`` and ``metadata`` are hints
    (the title is left out of the body).  An empty list means no body text was found.
    """
    body = tree.body if tree.find("body") is not None else tree
    clean_tree(body)
    seg = segment(body)
    if not seg.blocks:
        return []
    start, end, boiler, siblings = _score(seg)
    title = " ".join(metadata.title.split()) if metadata.title else None
    paragraphs = _select(seg, start, end, boiler, title, siblings)
    if not paragraphs:
        # No prose anywhere (a page of short lines, or everything under boilerplate-looking
        # classes): fall back to every line that is not a link, the title or a caption.
        paragraphs = [
            b.text
            for b in seg.blocks
            if b.link_chars <= len(b.text) * R.MAX_LINK_DENSITY
            and b.tag not in R.CAPTION_TAGS
            and b.tag != "h1"
            and b.text != title
        ]
    return paragraphs
