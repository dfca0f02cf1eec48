"""Who says a figure and where: the context, sources and places of the claim stage.

Split from :mod:`newsledger.analyze.claims`, which decides what is a claim;
this module answers, for a number already accepted, who is cited for it
(quote speaker, "according to X", subject of a reporting verb, colon
attribution) and which place it is about.  Everything is computed from one
:class:`ClaimContext` built once per document so that each figure costs a few
bisections and a bounded walk up the parse tree.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsledger.analyze import claim_lexicon as lex
from newsledger.model import Entity, Quote, QuoteType

if TYPE_CHECKING:  # spaCy is only needed for types here; the pipeline loads it
    from spacy.tokens import Doc, Span, Token

# How far up the parse tree we climb looking for a reporting verb.
MAX_CLIMB = 12
# Longest path (in dependency arcs) between a number and a place we accept.
MAX_PLACE_DISTANCE = 12
# Places further than this many tokens from the number are not looked at
# (keeps the search bounded in huge "sentences").
PLACE_WINDOW = 80
# Longest source / "what" phrase we keep, in tokens (longer = a parse accident).
MAX_PHRASE_TOKENS = 8
# Longest lead-in before a colon read as an attribution ("X said in a statement:").
MAX_COLON_LEFT = 30
# Tokens per pseudo-sentence when the Doc has no sentence boundaries.
UNPARSED_WINDOW = 64
# Quotes looked back at (by start) for one that holds a figure: nesting is shallow.
QUOTE_LOOKBACK = 8
# Persons looked back at, and how far (characters), to resolve "he said".
PRONOUN_CANDIDATES = 4
PRONOUN_REACH = 1500
# Tokens between a colon and the figure for "Name: figure" to read as an attribution.
COLON_REACH = 12
# Weight of a place named after "in/into/at..." when finding the dominant place.
LOCATIVE_WEIGHT = 2

PLACE_LABELS = frozenset({"GPE", "LOC"})
SOURCE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

# Dependencies by which a clause hangs from a reporting verb.
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "conj", "dep"})
# Dependencies of the words kept before a source's head noun.
_NP_MODIFIER_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "case"})
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_PARA_BREAK = re.compile(r"\n\s*\n")
_PHONE_RE = re.compile(
    r"(?<![\w,.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}(?![\w,])"
)


@dataclass
class ClaimContext:
    """Per-document lookups built once, so each number costs O(log n)."""

    doc: Doc
    text: str
    quotes: list[Quote]  # as given: Claim.quote indexes this list
    quote_order: list[int]  # indexes of ``quotes`` sorted by start
    quote_starts: list[int]  # start of each quote in ``quote_order``
    cue_starts: list[tuple[int, int, str]]  # (cue start, cue end, speaker name), sorted
    entity_by_offset: dict[int, Entity]
    places: list[Span]  # GPE/LOC ents, in order
    place_starts: list[int]  # token index of each place's start
    persons: list[Span]
    person_ends: list[int]  # char end of each PERSON ent
    dominant_place: str | None
    phone_spans: list[tuple[int, int]]
    para_starts: list[int]  # char offset where each paragraph starts
    sents: list[Span]
    sent_starts: list[int]  # token index where each sentence starts
    cache: dict[tuple[str, int, int], object]  # per-sentence results (according to, score words)


def build_context(doc: Doc, text: str, quotes: list[Quote], entities: list[Entity]) -> ClaimContext:
    """Everything the claim stage looks up, computed once for ``doc`` (whose text is ``text``).

    ``text`` is passed in because ``Doc.text`` joins every token on each access.
    """
    order = sorted(range(len(quotes)), key=lambda i: quotes[i].start)
    by_offset: dict[int, Entity] = {}
    for ent in entities:
        for m in ent.mentions:
            by_offset[m.start] = ent
    ents = doc.ents  # one pass: each access rebuilds the tuple
    places = [e for e in ents if e.label_ in PLACE_LABELS]
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        sents = list(doc.sents)
    else:  # a Doc that was only tokenized: fixed windows stand in for sentences
        sents = [doc[i : i + UNPARSED_WINDOW] for i in range(0, len(doc), UNPARSED_WINDOW)]
    persons = [e for e in ents if e.label_ == "PERSON"]
    return ClaimContext(
        doc=doc,
        text=text,
        quotes=list(quotes),
        quote_order=order,
        quote_starts=[quotes[i].start for i in order],
        cue_starts=sorted(
            (q.cue_start, q.cue_end or q.cue_start + 1, q.speaker.name)
            for q in quotes
            if q.cue_start is not None and q.speaker is not None and q.speaker.name
        ),
        entity_by_offset=by_offset,
        places=places,
        place_starts=[e.start for e in places],
        persons=persons,
        person_ends=[e.end_char for e in persons],
        dominant_place=_dominant_place(places, by_offset),
        phone_spans=[(m.start(), m.end()) for m in _PHONE_RE.finditer(text)],
        para_starts=[0] + [m.end() for m in _PARA_BREAK.finditer(text)],
        sents=sents,
        sent_starts=[s.start for s in sents],
        cache={},
    )


def _dominant_place(places: list[Span], by_offset: dict[int, Entity]) -> str | None:
    """The place the article is mostly about: the GPE/LOC most often named as a location.

    A mention after a locative preposition ("in Gaza") counts double: countries
    are also named as actors ("Israel refuses"), which says less about where
    the reported events happen.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for span in places:
        root = span.root
        if root.dep_ in ("compound", "amod") and not (span.start <= root.head.i < span.end):
            continue
        name = _place_name(span, by_offset)
        locative = root.dep_ == "pobj" and root.head.lower_ in lex.LOCATIVE_PREPS
        counts[name] += LOCATIVE_WEIGHT if locative else 1
        first.setdefault(name, span.start_char)
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first[n]))


def sent_of(ctx: ClaimContext, tok: Token) -> Span:
    """The sentence holding ``tok`` (precomputed: ``Token.sent`` rescans the doc each call)."""
    i = bisect.bisect_right(ctx.sent_starts, tok.i) - 1
    return ctx.sents[max(i, 0)]


def para_of(ctx: ClaimContext, pos: int) -> int:
    """Index of the paragraph holding character ``pos``."""
    return bisect.bisect_right(ctx.para_starts, pos) - 1


def tokens_in(ctx: ClaimContext, start: int, end: int) -> list[Token]:
    """Tokens overlapping ``[start, end)`` (spaCy's binary search over token offsets)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    return list(span)


def anchor_of(toks: list[Token]) -> Token:
    """The token of a number phrase that carries its syntax: the one whose head is outside."""
    inside = {t.i for t in toks}
    for t in toks:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return toks[-1]


def quote_index(ctx: ClaimContext, start: int, end: int) -> int | None:
    """Index (into the quotes given) of the quote that holds ``[start, end)``, if any."""
    i = bisect.bisect_right(ctx.quote_starts, start) - 1
    # Quotes may nest or overlap (direct inside indirect): look back a few,
    # innermost (latest start) first.
    for j in range(i, max(i - QUOTE_LOOKBACK, -1), -1):
        q = ctx.quotes[ctx.quote_order[j]]
        if q.start <= start and end <= q.end:
            return ctx.quote_order[j]
    return None


def find_source(ctx: ClaimContext, anchor: Token, noun: Token | None, qi: int | None) -> str | None:
    """Cited source of the figure at ``anchor`` (counting ``noun``); None = the reporter's voice.

    In order: the speaker of the direct quote it sits in, "according to X",
    the subject of a reporting verb above it in the parse, a colon
    attribution, and last the speaker of an indirect quote whose cue is a
    verb of saying.  Indirect and mixed quotes come after the parse because
    the quote stage also reports paraphrases like "Netanyahu ruled out a
    truce until Hamas releases its 240 captives", where the figure is the
    reporter's background, not the speaker's claim.
    """
    quote = ctx.quotes[qi] if qi is not None else None
    speaker = _speaker_name(quote) if quote is not None else None
    direct = quote is not None and quote.type == QuoteType.DIRECT
    if direct and speaker and speaker.lower() not in lex.PRONOUNS:
        return speaker
    sent = sent_of(ctx, anchor)
    para = para_of(ctx, anchor.idx)
    key = ("according", sent.start, para)
    if key not in ctx.cache:
        ctx.cache[key] = _according_to(ctx, sent, para)
    src = ctx.cache[key]
    if isinstance(src, str):
        return src
    src, aside = _reporting_subject(ctx, noun or anchor)
    if src or aside:
        return src
    src = _colon_attribution(ctx, sent, anchor)
    if src:
        return src
    if quote is not None and speaker and (quote.type == QuoteType.DIRECT or _said(quote)):
        return speaker
    return None


def _speaker_name(quote: Quote) -> str | None:
    sp = quote.speaker
    if sp is None:
        return None
    return sp.name or sp.mention or None


def _said(quote: Quote) -> bool:
    """Whether the quote's cue is a verb of saying ("said", "told"), not "ruled out"."""
    cue = (quote.cue or "").split()
    return any(lex.verb_lemma(w) in lex.REPORTING_VERBS for w in cue)


def _according_to(ctx: ClaimContext, sent: Span, para: int) -> str | None:
    for t in sent:
        if (
            t.lower_ == "according"
            and para_of(ctx, t.idx) == para
            and t.i + 1 < len(ctx.doc)
            and ctx.doc[t.i + 1].lower_ == "to"
        ):
            to = ctx.doc[t.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return _np_text(ctx, objs[0])
    return None


def _reporting_subject(ctx: ClaimContext, start_tok: Token) -> tuple[str | None, bool]:
    """(subject of the reporting verb whose clause holds the number, whether it is an aside).

    The second value is True when the climb stopped at a relative clause on a
    noun ("the West Bank, where 132 ... have been killed"): the reporter's own
    background, which no quote around it should claim.
    """
    tok = start_tok
    para = para_of(ctx, tok.idx)
    for _ in range(MAX_CLIMB):
        head = tok.head
        if head.i == tok.i or para_of(ctx, head.idx) != para:
            return None, False  # the parser sometimes links sentences across a paragraph break
        lemma = lex.verb_lemma(head.lower_)
        reported = (
            (lemma in lex.REPORTING_VERBS and tok.dep_ in _REPORTED_DEPS)
            # "the ministry reported 300 deaths" (but "the stock added 2%" is no report)
            or (lemma in lex.REPORT_OBJECT_VERBS and tok.dep_ in ("dobj", "nsubjpass"))
            or (lemma in lex.PUT_AT_VERBS and tok.lower_ == "at")  # "put the toll at 45"
        )
        if head.tag_ in lex.VERB_TAGS and reported and tok.dep_ != "nsubj":
            # (a figure inside the subject - "44 percent of Americans say" - is not reported;
            # one as the object is: "the ministry reported 300 deaths")
            subj = _subject_of(head)
            if subj is not None:
                return _np_text(ctx, subj), False
        if tok.dep_ in ("relcl", "acl") and head.tag_ in lex.NOUN_TAGS:
            return None, True
        tok = head
    return None, False


def _subject_of(verb: Token) -> Token | None:
    """Who reports with ``verb``: its subject, the agent of a passive ("was reported by X"),
    or the subject of the verb it hangs from ("said X, adding that ...")."""
    tok = verb
    for _ in range(3):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        for child in tok.children:
            if passive and child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
            # Tags, not words: a relative "who" is WP, the WHO is NNP.
            if child.dep_ == "nsubj" and child.tag_ not in ("WDT", "WP", "EX"):
                return child
        if passive:
            return None  # "a case was reported": the subject is what was reported
        if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return None


def _np_text(ctx: ClaimContext, head: Token) -> str | None:
    """Printable name of a source noun phrase: entity name, else its core words."""
    if head.tag_ in ("PRP", "WP") or (head.lower_ in lex.PRONOUNS and not head.ent_type_):
        return _resolve_pronoun(ctx, head)
    if head.ent_type_:
        ent = _ent_of(head)
        if ent is not None:
            known = ctx.entity_by_offset.get(ent.start_char)
            return known.name if known is not None else strip_det(ent.text)
    # The head noun with the modifiers printed right before it ("the UN's aid agency").
    doc = head.doc
    first = head.i
    while first > max(head.i - MAX_PHRASE_TOKENS, 0):
        prev = doc[first - 1]
        modifier = prev.dep_ in _NP_MODIFIER_DEPS or prev.tag_ == "HYPH"  # "al-Shifa"
        if not modifier or not first <= prev.head.i <= head.i:
            break
        first -= 1
    name = strip_det(ctx.text[doc[first].idx : head.idx + len(head.text)])
    return name if len(name) > 1 else None


def _ent_of(tok: Token) -> Span | None:
    """The entity that ``tok`` ends (None inside or outside one).  Walks the IOB tags
    rather than reading ``Span.ents``, which scans every entity of the document."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I":
        return None  # the entity goes on past tok
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return doc[start : tok.i + 1]


def strip_det(text: str) -> str:
    """A name without leading determiners or a trailing possessive: "the UN's" -> "UN"."""
    words = text.lstrip("-–—,.:;'\"“”‘’ ").split()
    while len(words) > 1 and words[0].lower() in lex.LEADING_DROP:
        words = words[1:]
    return _POSSESSIVE.sub("", " ".join(words))


def _resolve_pronoun(ctx: ClaimContext, pron: Token) -> str | None:
    """ "he said": the quote stage's speaker when it resolved this cue, else the last person named."""
    verb = pron.head
    i = bisect.bisect_right(ctx.cue_starts, (verb.idx, 1 << 62)) - 1
    if i >= 0:
        cue_start, cue_end, name = ctx.cue_starts[i]
        if cue_start <= verb.idx < cue_end:
            return name
    if pron.lower_ in ("he", "she"):
        # The last person named as the subject of a clause, else the last person named,
        # within a few paragraphs' reach.
        i = bisect.bisect_right(ctx.person_ends, pron.idx) - 1
        candidates = [
            ctx.persons[j]
            for j in range(i, max(i - PRONOUN_CANDIDATES, -1), -1)
            if pron.idx - ctx.persons[j].end_char <= PRONOUN_REACH
        ]
        if candidates:
            ent = next(
                (e for e in candidates if e.root.dep_ in ("nsubj", "nsubjpass")), candidates[0]
            )
            known = ctx.entity_by_offset.get(ent.start_char)
            return known.name if known is not None else strip_det(ent.text)
    # An unresolved "they"/"it"/"we" names nobody: better no source than an invented one.
    return None


def _colon_attribution(ctx: ClaimContext, sent: Span, anchor: Token) -> str | None:
    """ "Health ministry: 300 dead", "The ministry said in a statement: ..." before the number."""
    para = para_of(ctx, anchor.idx)
    key = ("colon", sent.start, para)
    if key not in ctx.cache:
        ctx.cache[key] = _colon_source(ctx, sent, para)
    got = ctx.cache[key]
    if not isinstance(got, tuple) or not 0 < anchor.i - got[0] <= COLON_REACH:
        return None  # no colon before the figure, or a list ("Name: charge, charge, ... $5,000")
    return got[1]


def _colon_source(ctx: ClaimContext, sent: Span, para: int) -> tuple[int, str] | None:
    """(token index of the colon, source named before it) for one sentence, if any."""
    start = sent.start
    while start < sent.end and para_of(ctx, ctx.doc[start].idx) != para:
        start += 1
    colon = next((t for t in ctx.doc[start : sent.end] if t.text == ":"), None)
    if colon is None or para_of(ctx, colon.idx) != para or colon.i - start > MAX_COLON_LEFT:
        return None
    left = ctx.doc[start : colon.i]
    verb = next(
        (
            t
            for t in left
            if t.tag_ in lex.VERB_TAGS and lex.verb_lemma(t.lower_) in lex.REPORTING_VERBS
        ),
        None,
    )
    if verb is not None:
        subj = _subject_of(verb)
        name = _np_text(ctx, subj) if subj is not None else None
        return (colon.i, name) if name else None
    short_name = 0 < len(left) <= MAX_PHRASE_TOKENS and all(
        t.tag_ in lex.NAME_TAGS or t.is_punct for t in left
    )
    dateline = all(t.ent_type_ in PLACE_LABELS or t.is_punct for t in left)  # "NEW DELHI: ..."
    # A source is named: an actor entity or a word like "ministry" ("Portion Fix
    # Containers: 1 Green" is a list heading, not a source).
    names_source = any(
        t.ent_type_ in ("PERSON", "ORG", "NORP") or t.lower_ in lex.SOURCE_NOUNS for t in left
    )
    if short_name and not dateline and names_source:
        return colon.i, strip_det(left.text.strip())
    return None


# ---------------------------------------------------------------- places


def find_place(ctx: ClaimContext, anchor: Token) -> str | None:
    """Nearest place (in dependency arcs) in the number's sentence, else the dominant place."""
    sent = sent_of(ctx, anchor)
    lo = bisect.bisect_left(ctx.place_starts, max(sent.start, anchor.i - PLACE_WINDOW))
    hi = bisect.bisect_right(ctx.place_starts, min(sent.end, anchor.i + PLACE_WINDOW))
    path = _path_to_root(anchor)
    best: tuple[int, int, Span] | None = None
    para = para_of(ctx, anchor.idx)
    for span in ctx.places[lo:hi]:
        if not (sent.start <= span.start < sent.end) or para_of(ctx, span.start_char) != para:
            continue
        root = span.root
        # "US pressure", "Gaza City residents": a place used as a modifier is not where it happened.
        if root.dep_ in ("compound", "amod") and not (span.start <= root.head.i < span.end):
            continue
        dist = _tree_distance(path, root)
        if dist > MAX_PLACE_DISTANCE:
            continue
        key = (dist, abs(span.start - anchor.i))
        if best is None or key < best[:2]:
            best = (key[0], key[1], span)
    if best is not None:
        return _place_name(best[2], ctx.entity_by_offset)
    return ctx.dominant_place


def _place_name(span: Span, by_offset: dict[int, Entity]) -> str:
    known = by_offset.get(span.start_char)
    return known.name if known is not None else strip_det(span.text)


def _path_to_root(tok: Token) -> dict[int, int]:
    """token index -> arcs from ``tok``, for ``tok`` and its ancestors (bounded)."""
    path = {tok.i: 0}
    for n in range(1, 40):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        path[tok.i] = n
    return path


def _tree_distance(path: dict[int, int], tok: Token) -> int:
    for n in range(40):
        if tok.i in path:
            return path[tok.i] + n
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return 1 << 30
