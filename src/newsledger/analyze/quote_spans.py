"""Content boundaries of quote candidates: where a reported content starts and ends.

A candidate's content starts as the subtree of its head token (the cue verb's
complement or object); the rules here stretch an object content over the verb's
later modifiers that belong to what is reported ("described X *as Y*", "ruled out X
*until ...*") and cut what PolNeAR annotators leave out: place and time modifiers,
a trailing participle clause, a non-restrictive relative clause or appositive, a
contrast clause, anything after a semicolon.
"""

from __future__ import annotations

import bisect
from itertools import accumulate

from newsledger.analyze.cues import verb_lemma
from newsledger.analyze.nlp import doc_text

__all__ = [
    "CLOSE_MARKS",
    "OPEN_MARKS",
    "SpanCover",
    "clause_start",
    "cut_participle",
    "cut_relative",
    "cut_time_clause",
    "extend_clause",
    "extend_conjunct",
    "extend_right",
    "paragraph_span",
    "subtree_span",
    "tokens_between",
]

OPEN_MARKS = frozenset('\u201c"\u2018\u00ab')
CLOSE_MARKS = frozenset("\u201d\"'\u2019\u00bb")
# Later modifiers of an object cue that belong to what is reported: "called Clinton
# *a “champion”*", "described Putin *as a “strong leader”*", "ruled out X *until ...*".
EXTEND_DEPS = frozenset({"prep", "advcl", "ccomp", "oprd", "xcomp"})
# Prepositions that carry what is reported after an object ("described X *as Y*",
# "likened X *to Y*", "accused X *of Y*"); PolNeAR leaves place and time modifiers
# out ("attacked Machado *in tweets*", "rejected it *in a ruling*", "endorsed one *in July*").
EXTEND_PREPS = frozenset({"as", "to", "of", "for", "about", "against", "into", "over", "until"})
# Conjunctions of an adverbial clause that is part of an object content ("ruled out a
# ceasefire *until Hamas releases ...*"); others ("as Pyongyang fired ...") are context.
EXTEND_MARKS = frozenset({"until", "unless", "if"})
# Longest aside between an object and its later modifier ("X*, then 44,* as Y").
MAX_ASIDE_WORDS = 10
# Trailing clauses after a comma that are the writer's, not the speaker's: relative
# clauses and appositives ("..., which ...", "..., a former governor"), and contrast or
# time clauses ("..., although he refused ...", "..., as Pyongyang fired ...").
CUT_DEPS = frozenset({"relcl", "appos"})
CUT_MARKS = frozenset({"although", "though", "while", "whereas", "as"})
# Conjunctions of a time clause that ends an infinitive content even without a comma
# ("warned states to boost their security *after hackers targeted ...*").
TIME_MARKS = frozenset({"after", "before", "when", "since"})


def paragraph_span(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of the line (paragraph) of ``text`` that holds ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def tokens_between(doc, s: int, e: int) -> list:
    """The non-space tokens wholly inside the characters ``s:e``."""
    span = doc.char_span(s, e, alignment_mode="contract")
    return [t for t in span if not t.is_space] if span is not None else []


def subtree_span(tok, exclude: set[int] | None = None) -> tuple[int, int]:
    """Offsets of ``tok``'s subtree (from its left to its right edge).

    A subtree that reaches over its own governor ("where it has pledged *to
    dismantle*": "where" hangs on "dismantle") keeps only the side of ``tok``; a
    fronted relative adverb and edge punctuation are left out.
    """
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    gov = tok.head.i
    if lo < gov < tok.i:
        lo = gov + 1
    elif tok.i < gov < hi:
        hi = gov - 1
    if exclude:
        while lo < tok.i and lo in exclude:
            lo += 1
        while hi > tok.i and hi in exclude:
            hi -= 1
    while lo < tok.i and (
        doc[lo].tag_ in ("WRB", "WDT", "WP")
        or doc[lo].is_space
        or doc[lo].is_punct
        and doc[lo].text not in OPEN_MARKS
    ):
        lo += 1
    while hi > tok.i and (doc[hi].is_space or doc[hi].is_punct and doc[hi].text not in CLOSE_MARKS):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def clause_start(verb) -> int:
    """Offset where the cue clause begins (its subject or the verb itself)."""
    first = verb
    for c in verb.children:
        if c.dep_ in ("nsubj", "aux", "advmod", "neg") and c.i < first.i:
            first = min(c.subtree, key=lambda t: t.i)
    return first.idx


def extend_right(verb, end: int, start: int | None = None) -> int:
    """Stretch an object content over the verb's later modifiers up to a comma
    ("ruled out a ceasefire *until Hamas releases its captives*"), and over a short
    aside set off by commas ("portraying immigrants*, in particular,* as ..."; with
    ``start``, the content's own closing one: "described Smith*, whom he knew,* as")."""
    doc = verb.doc
    text = doc_text(doc)
    for c in verb.children:
        if c.idx < end or c.dep_ not in EXTEND_DEPS:
            continue
        if c.dep_ == "prep" and c.lower_ not in EXTEND_PREPS:
            continue
        if c.dep_ == "advcl" and not any(
            m.dep_ in ("mark", "prep") and m.lower_ in EXTEND_MARKS for m in c.children
        ):
            continue
        gap = text[end : c.left_edge.idx].strip()
        closing = gap == "," and start is not None and "," in text[start:end]
        if gap and not (closing or _aside(gap)):
            break
        last = c.right_edge
        end = max(end, last.idx + len(last.text))
    return end


def extend_clause(verb, head, end: int, stop_lemmas: frozenset[str]) -> int:
    """Stretch a complement that follows its cue over the cue verb's later modifiers
    ("said that claim smacked of hypocrisy*, because ...*", "*— something a caller also
    told ...*"): the parse often hangs them on the cue verb, but PolNeAR's content runs on
    to them.  A conjunct ("*and says* he will ...") or a participle of a verb in
    ``stop_lemmas`` ("*, saying* ...") is a report of its own and ends the stretch."""
    for c in verb.children:
        if c.i <= head.i or c.idx < end:
            continue
        if c.dep_ in ("conj", "cc") or c.tag_ == "VBG" and verb_lemma(c.text) in stop_lemmas:
            break
        if c.is_punct:
            continue
        end = max(end, subtree_span(c)[1])
    return end


def _aside(g: str) -> bool:
    """Whether the stripped gap ``g`` is a short aside set off by commas ("described
    Smith*, whom he has known for years,* as ...", "portraying immigrants*, in
    particular,* as ..."): the object's content goes on over it."""
    return (
        len(g) > 1
        and g[0] == ","
        and g[-1] == ","
        and len(g.split()) <= MAX_ASIDE_WORDS
        and not any(ch in g for ch in ';"\u201c\u201d\n')
    )


def extend_conjunct(verb, head, end: int) -> int:
    """Stretch an infinitive content over the cue verb's bare-infinitive conjuncts
    ("wants to triple X*, grow Y and create Z*"): the parse hangs them on the cue verb,
    but they go on with the infinitive.  Only a comma or a conjunction may lie between."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ != "conj" or c.i < head.i or c.tag_ != "VB":
            continue
        if any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children):
            continue
        gap = tokens_between(doc, end, c.left_edge.idx)
        if any(not (t.is_punct or t.dep_ == "cc") for t in gap):
            break
        end = max(end, subtree_span(c)[1])
    return end


def cut_participle(doc, s: int, e: int, verb) -> int:
    """End the content before ", pushing back ..." (a participle clause after a comma)."""
    span = doc.char_span(s, e, alignment_mode="contract")
    if span is None:
        return e
    for t in span[1:]:
        if (
            t.tag_ == "VBG"
            and t.dep_ == "advcl"
            and t.i > 0
            and doc[t.i - 1].text == ","
            and t.head.i != verb.i
        ):
            return doc[t.i - 1].idx
    return e


def cut_relative(doc, s: int, e: int) -> int:
    """End an indirect content before a trailing non-restrictive relative clause or
    appositive ("endorsed Clinton's plan*, which would ...*"), a trailing contrast or
    time clause ("*, although he refused ...*") or a semicolon: PolNeAR leaves them out."""
    span = doc.char_span(s, e, alignment_mode="contract")
    if span is None or len(span) < 3:
        return e
    last = span[-1].i
    for t in span[1:]:
        if t.text == ";":
            return t.idx
        if (
            t.dep_ in CUT_DEPS
            or t.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in CUT_MARKS for c in t.children)
        ):
            lo = t.left_edge.i
            if lo > span.start + 1 and doc[lo - 1].text == "," and t.right_edge.i >= last:
                return doc[lo - 1].idx
    return e


def cut_time_clause(doc, s: int, e: int, heads: tuple[int, ...]) -> int:
    """End a content before a time clause or time phrase that closes it and hangs on
    one of ``heads`` (the cue verb or the content's head): when it was said, not what."""
    span = doc.char_span(s, e, alignment_mode="contract")
    if span is None:
        return e
    last = span[-1].i
    for t in span[1:]:
        if (
            t.head.i in heads
            and t.right_edge.i >= last
            and (
                t.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in TIME_MARKS for m in t.children)
                # "pledged to dismantle Hamas *after a deadly attack ...*"
                or t.dep_ == "prep"
                and t.lower_ in TIME_MARKS
                and any(c.dep_ == "pobj" for c in t.children)
            )
        ):
            end = t.left_edge.i - 1
            while end > span.start and doc[end].is_punct:
                end -= 1
            if end > span.start:
                return doc[end].idx + len(doc[end].text)
            return e
    return e


class SpanCover:
    """Containment queries over a fixed set of ``(start, end)`` spans in O(log n) each,
    so that checking every candidate against every other stays near linear (a long
    transcript has thousands of candidates)."""

    __slots__ = ("starts", "max_end")

    def __init__(self, spans):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        # max_end[k]: the furthest end among the first k spans by start.
        self.max_end = [-1, *accumulate((e for _, e in ordered), max)]

    def covers(self, at: int) -> bool:
        """Whether some span has ``start <= at < end``."""
        return self.max_end[bisect.bisect_right(self.starts, at)] > at

    def contains(self, s: int, e: int) -> bool:
        """Whether some span other than ``(s, e)`` itself has ``start <= s`` and
        ``e <= end``: one starting at ``s`` must end after ``e``, one starting before
        ``s`` may end at ``e``."""
        return (
            self.max_end[bisect.bisect_right(self.starts, s)] > e
            or self.max_end[bisect.bisect_left(self.starts, s)] >= e
        )
