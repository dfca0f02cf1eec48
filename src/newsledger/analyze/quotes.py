"""Quotes with speakers: direct, indirect and mixed reported speech.

Two passes over a parsed text:

1. **Cue pass.**  Every verb outside quotation marks is a possible cue.  Its
   content is its clausal complement ("said *that ...*"), an infinitive
   ("pledged *to dismantle Hamas*"), the object of a phrasal cue ("ruled out
   *a ceasefire*", "called for *steps*") or of an object cue ("rejected *the
   idea of ...*"); "according to X" makes X the source of its clause.  The
   speaker is the verb's subject (inherited through "to call for", "adding",
   "but asked for").  Content inside quotation marks makes the quote direct;
   partly inside makes it mixed.  Content boundaries follow PolNeAR's annotation
   (:mod:`newsledger.analyze.quote_spans`); a line opening with a named person
   and a colon (``Pat Caddell: Voters ...``) is a quote of that name.
2. **Quotation-mark pass.**  Each quotation not yet claimed finds its cue right
   after it (``“...,” he said``), right before it (``Netanyahu said: “...”``)
   or a dash attribution (``“...” — Jane Doe``).  A quotation split by its cue
   (``“...,” he said, “...”``) and further quotations in the same paragraph
   join the first as one quote, also across the rest of a cue sentence
   (``“...,” said X, who ... . “...”``); a quotation paragraph with no cue continues
   the speaker of the quote in the paragraph before.

Candidates of the cue pass are scored by a small linear model trained on
PolNeAR (see :mod:`newsledger.analyze.quote_model`) when its weights are present;
otherwise only verbs of the reporting lexicon count.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from newsledger.analyze.coref import Resolution
from newsledger.analyze.cues import (
    OBJECT_VERBS,
    PARTICLE_CUES,
    SPEECH_VERBS,
    verb_lemma,
    word_set,
)
from newsledger.analyze.entities import EntityIndex
from newsledger.analyze.nlp import doc_text
from newsledger.analyze.quote_marks import QuoteSpan, find_quote_spans
from newsledger.analyze.quote_spans import (
    CLOSE_MARKS,
    OPEN_MARKS,
    SpanCover,
    clause_start,
    cut_participle,
    cut_relative,
    cut_time_clause,
    extend_clause,
    extend_conjunct,
    extend_right,
    paragraph_span,
    subtree_span,
    tokens_between,
)

__all__ = ["Candidate", "find_candidates", "QuoteContext"]

# Share of a content's word characters inside quotation marks that makes it direct.
DIRECT_SHARE = 0.8
# Tokens allowed between a quotation and its cue ("," the top US diplomat told).
MAX_GAP_AFTER = 8
# Words allowed between two quotations joined by their cue clause (with an appositive).
MAX_GAP_JOIN = 30
# Words allowed in a whole cue sentence between two quotations of one speaker
# (`“A,” said X, who ... . “B.”`): PolNeAR joins them into one quote.
MAX_GAP_SENTENCE = 40
# A line that opens with a short capitalised name and a colon ("Pat Caddell: Voters ...").
# A transcript's speaker label may follow the opening mark of a quoted paragraph
# (`"PENCE: Well, ...`).
_NAME_COLON = re.compile(
    "^[\"\u201c]?([A-Z][\\w.'\u2019-]+(?: [A-Z][\\w.'\u2019-]+){0,3}): (\\S[^\n]{8,})$", re.M
)
# An upper-case label the parser does not know as a name ("WALLACE:") is a transcript's
# speaker when it labels this many lines of the text.
MIN_LABEL_LINES = 2
# Prepositions of time and place that end a mixed content after its last quotation.
_TAIL_PREPS = frozenset({"during", "on", "in", "at", "after", "before", "amid", "while", "since"})
# Of those, the ones that start a time or circumstance modifier wherever the parse hangs
# them (`a “crazy system” *during a campaign stop*`: on the noun, still not content).
_TIME_PREPS = frozenset({"during", "amid"})
# Quote types that a later quotation of the same speaker in the paragraph joins.
JOIN_TYPES = frozenset({"direct", "mixed"})
# Tokens allowed between a cue and the quotation it introduces ("said in a statement: “").
MAX_GAP_BEFORE = 8
# Words of an untagged name that may sign a quotation after a dash ("― Edwin G. Monroy").
MAX_DASH_NAME = 4
# A quotation with no cue and no carried-over speaker is kept only from this many words.
MIN_ORPHAN_WORDS = 6
# Characters that end the sentence before a quotation that opens one.
_SENTENCE_END = frozenset('.!?:"\u201d\u2019)')
# Verbs whose infinitive complement is reported content ("pledged to dismantle").
XCOMP_CUES = word_set("""pledge promise vow threaten urge ask tell order instruct call warn advise remind
    demand agree refuse decline offer plan vow intend encourage""")
# Object contents stretched over the verb's later modifiers ("ruled out X until ...").
EXTEND_KINDS = frozenset({"dobj", "particle", "vp_quote"})
# Cue-pass kinds whose unquoted content inside another quote's content is a verb of
# the reported clause, not a report of its own.
INNER_KINDS = frozenset({"ccomp", "xcomp", "dobj", "particle", "prep", "vp_quote"})
# Entity types of a speaker whose report inside another report is a nested quote of its own.
NAMED_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Prepositions whose object after a cue verb is what is said or thought ("talked about X").
TOPIC_PREPS = frozenset({"of", "about", "on", "for", "against", "over"})
_WORD = re.compile(r"\w+")
# A dash right after a closing quotation mark, before a signature ("” ― Jane Doe").
# (Spaces other than a line break, the no-break space of web copy included.)
_DASH_AFTER = re.compile("[^\\S\n]*(--|[\u2014\u2013\u2015-])[^\\S\n]*")


@dataclass
class Candidate:
    """A quote being built: content parts, cue and speaker head, plus features."""

    parts: list[tuple[int, int]]
    kind: str  # ccomp, xcomp, dobj, particle, prep, vp_quote, paren, according, after, before,
    # dash, colon, carry, follow, follow_para, orphan
    cue: tuple[int, int] | None = None
    cue_tok: object | None = None
    subj: object | None = None  # head token of the speaker noun phrase
    speaker: Resolution | None = None
    type: str = "indirect"
    lemma: str = ""
    quotes: list[int] = field(default_factory=list)  # indices of QuoteSpans used
    score: float = 1.0
    carry_from: Candidate | None = None  # the quote whose speaker this one continues

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


class QuoteContext:
    """The quotation marks of a text with fast lookups."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[QuoteSpan] = find_quote_spans(text)
        self._starts = [q.start for q in self.spans]

    def index_at(self, offset: int) -> int | None:
        """Index of the quotation whose marks enclose ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.spans[i].end:
            return i
        return None

    def in_quote(self, offset: int) -> bool:
        return self.index_at(offset) is not None

    def quoted_share(self, parts: list[tuple[int, int]]) -> float:
        """Share of the word characters of ``parts`` that lie inside quotation marks."""
        total = inside = 0
        for s, e in parts:
            for m in _WORD.finditer(self.text, s, e):
                n = m.end() - m.start()
                total += n
                if self.in_quote(m.start()):
                    inside += n
        return inside / total if total else 0.0

    def overlapping(self, s: int, e: int) -> list[int]:
        i = max(0, bisect.bisect_right(self._starts, s) - 1)
        out = []
        while i < len(self.spans) and self.spans[i].start < e:
            if self.spans[i].end > s:
                out.append(i)
            i += 1
        return out


def _subject(verb, depth: int = 0):
    """The subject head of ``verb``, inherited through infinitives, -ing adjuncts and conjuncts."""
    # A date or time parsed as the subject ("said Saturday", "2:40 p.m. ... says") is a
    # misparse: it never speaks.
    subjects = [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "csubj") and c.ent_type_ not in ("DATE", "TIME")
    ]
    if subjects:
        # Two subjects is a misparse ("12:15 p.m.\n\nDonald Trump says"): the nearest
        # one before the verb is its own.
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    for c in verb.children:
        if c.dep_ == "agent":  # "was told by X": X speaks
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "he was told": the subject is the hearer
    head = verb.head
    # Inherit through "to call for", "adding", "but asked for" -- not from a
    # subordinate clause ("until Hamas releases ..., pushing back": not Hamas).
    if (
        depth < 2
        and verb.dep_ in ("xcomp", "advcl", "conj")
        and head.i != verb.i
        and (
            # A conjunct shares its head's subject even in a subordinate clause
            # ("Though she called X and called for Y").
            verb.dep_ == "conj" or not any(c.dep_ == "mark" for c in head.children)
        )
    ):
        return _subject(head, depth + 1)
    if depth < 2 and verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.tag_[:2] == "VB":
        # "responded by saying X", "After saying X, she was taken to ...": the gerund's
        # speaker is the subject of the clause the preposition modifies (even a passive one).
        gov = head.head
        subj = _subject(gov, depth + 1)
        if subj is None:
            subj = next((c for c in gov.children if c.dep_ == "nsubjpass"), None)
        return subj
    return None


def _cue_subject(verb, qctx: QuoteContext):
    """:func:`_subject`, mended where the parse puts it inside quotation marks or finds
    none after a quotation."""
    subj = _subject(verb)
    if subj is None:
        return _inverted_subject(verb)
    if qctx.in_quote(subj.idx):
        return _name_before(verb, qctx)
    return subj


def _inverted_subject(verb):
    """The speaker after a cue that follows its quotation (`“...,” read one`, `“...,” said
    the 46-year-old`) when the parse gives the cue no subject: its first noun to the
    right, parsed as an object or a modifier.  None when the cue does not follow a
    closing mark."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].text not in CLOSE_MARKS and doc[i].text != "''":
        return None
    for c in verb.rights:
        if c.dep_ in ("dobj", "attr", "npadvmod", "oprd") and c.tag_[:2] in ("NN", "CD"):
            return c
        if not c.is_punct:
            return None
    return None


def _name_before(verb, qctx: QuoteContext):
    """The noun just before a cue verb whose parsed subject lies inside quotation marks
    (`“...,” Flynn, a top Trump surrogate, said ... on “Fox and Friends.”`, where the
    parse makes the show the subject and Flynn an appositive inside the quote); an
    appositive stands for the noun it describes.  None when no noun is there."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_space):
        i -= 1
    if i < 0 or not doc[i].tag_.startswith("NN") or qctx.in_quote(doc[i].idx):
        return None
    t = doc[i]
    while (
        t.dep_ == "appos"
        and t.head.i < t.i
        and t.head.tag_.startswith("NN")
        and not qctx.in_quote(t.head.idx)
    ):
        t = t.head
    return t


def _cue_span(verb) -> tuple[int, int]:
    end_tok = verb
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end_tok = c
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if (
        nxt is not None
        and nxt.dep_ == "prep"
        and nxt.head.i == verb.i
        and nxt.lower_ in PARTICLE_CUES.get(verb_lemma(verb.text), ())
    ):
        end_tok = nxt
    return verb.idx, end_tok.idx + len(end_tok.text)


def _verb_content(verb, lemma: str, qctx: QuoteContext | None = None, wide: bool = False):
    """(kind, content head token) for a verb, or None.

    ``wide``: any cue verb's object is a candidate (a trained model filters them).
    """
    children = list(verb.children)
    ccomps = [c for c in children if c.dep_ == "ccomp"]
    if ccomps:
        return "ccomp", max(ccomps, key=lambda c: len(list(c.subtree)))
    particles = PARTICLE_CUES.get(lemma, frozenset())
    for c in children:
        if c.dep_ == "prt" and c.lower_ in particles:
            for d in children:
                if d.dep_ == "dobj":
                    return "particle", d
        if c.dep_ == "prep" and c.lower_ in particles:
            for d in c.children:
                if d.dep_ in ("pobj", "pcomp"):
                    return "particle", d
    xcomps = [c for c in children if c.dep_ == "xcomp"]
    if xcomps and (lemma in XCOMP_CUES or lemma in SPEECH_VERBS or wide):
        return "xcomp", xcomps[0]
    if lemma in OBJECT_VERBS or wide:
        for c in children:
            if c.dep_ == "dobj":
                return "dobj", c
    if qctx is not None:
        # Any cue whose object phrase holds a quotation: "called Clinton a “champion”".
        for c in children:
            if c.dep_ in ("dobj", "prep", "oprd", "attr") and c.i > verb.i:
                s, e = subtree_span(c)
                e = extend_right(verb, e)
                if qctx.overlapping(s, e):
                    return "vp_quote", c
                break
    if wide:
        # "campaigned for X", "talked about X", "were coy about X": the object of
        # a topic preposition after a cue verb (the trained model filters them).
        for c in children:
            if c.dep_ == "prep" and c.i > verb.i and c.lower_ in TOPIC_PREPS:
                for d in c.children:
                    if d.dep_ in ("pobj", "pcomp"):
                        return "prep", d
    return None


def find_candidates(doc, index: EntityIndex, qctx: QuoteContext, is_cue=None) -> list[Candidate]:
    """All quote candidates of a parsed text, in text order (before filtering).

    ``is_cue(lemma) -> bool`` decides which verbs may be cues; by default the
    lexicon.  With an ``is_cue`` of its own (a trained model's) the candidates are
    wide: the model filters them.
    """
    wide = is_cue is not None
    if is_cue is None:

        def is_cue(lemma: str) -> bool:
            return lemma in SPEECH_VERBS or lemma in OBJECT_VERBS or lemma in PARTICLE_CUES

    cands: list[Candidate] = []
    by_verb: dict[int, Candidate] = {}
    for tok in _cue_tokens(doc):
        if tok.lower_ == "according" and not qctx.in_quote(tok.idx):
            cand = _according(tok, qctx)
            if cand:
                cands.append(cand)
            continue
        if not tok.tag_.startswith("VB") or qctx.in_quote(tok.idx):
            continue
        lemma = verb_lemma(tok.text)
        if not is_cue(lemma):
            continue
        found = _verb_content(tok, lemma, qctx, wide)
        if found is None:
            if tok.dep_ == "parataxis" and lemma in SPEECH_VERBS:
                cand = _parenthetical(tok, lemma, qctx)
                if cand is not None:
                    cands.append(cand)
                    by_verb[tok.i] = cand
            continue
        kind, head = found
        s, e = subtree_span(head)
        if kind == "ccomp" and head.i < tok.i:
            # Content before the cue ("X is Y," he said): stop at the cue clause.
            e = min(e, clause_start(tok))
        elif kind == "ccomp":
            # "tweeted in the early hours that X": the content starts at its "that".
            mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
            if mark is not None and tok.i < mark.i and mark.idx > s:
                s = mark.idx
            e = extend_clause(tok, head, e, SPEECH_VERBS)
        if kind in EXTEND_KINDS:
            e = extend_right(tok, e, s)
        elif kind == "xcomp":
            e = extend_conjunct(tok, head, e)
        if kind == "dobj":
            # "called Clinton a “champion”" parsed as dative + object: both are content.
            dative = next((c for c in tok.children if c.dep_ == "dative" and c.i < head.i), None)
            if dative is not None and dative.i > tok.i:
                s = min(s, subtree_span(dative)[0])
        e = cut_participle(doc, s, e, tok)
        cut = cut_relative(doc, s, e)
        if kind == "xcomp":
            cut = cut_time_clause(doc, s, cut, (tok.i, head.i))
        if not qctx.overlapping(cut, e):
            # (A relative or time clause that quotes the speaker stays: `..., which is a
            # problem because, “In the end, we don’t vote against somebody.”`; a participle
            # clause is the writer's even so: `..., pushing back against US pressure for
            # “humanitarian pauses”`.)
            e = cut
        # Reported content never crosses the cue's paragraph.
        ps, pe = paragraph_span(doc_text(doc), tok.idx)
        s, e = max(s, ps), min(e, pe)
        if e <= s:
            continue
        parts = [(s, e)]
        if kind == "ccomp" and qctx.overlapping(s, e):
            # `“A,” X said, “B.”` parses as two complements of one cue: one quote.  (A
            # quotation after an unquoted content, `A, X said: “B.”`, is a quote of its own.)
            for c in tok.children:
                if c.dep_ == "ccomp" and c.i != head.i and qctx.in_quote(c.idx):
                    cs, ce = subtree_span(c)
                    if c.i < tok.i:
                        ce = min(ce, clause_start(tok))
                    if ce > cs:
                        parts.append((cs, ce))
            parts.sort()
        cand = Candidate(
            parts=parts,
            kind=kind,
            cue=_cue_span(tok),
            cue_tok=tok,
            subj=_cue_subject(tok, qctx),
            lemma=lemma,
        )
        cands.append(cand)
        by_verb[tok.i] = cand
    cands.extend(_name_colon_lines(doc))
    claimed: set[int] = set()
    # A cue inside another candidate's content claims its quotations last: in `The
    # summit accomplished “too little,” he added`, the quotation is what "added" reports.
    cover = SpanCover((c.start, c.end) for c in cands)
    for cand in sorted(cands, key=lambda c: c.cue is not None and cover.covers(c.cue[0])):
        _apply_quotes(cand, qctx, claimed)
    cands.extend(_quote_pass(doc, qctx, claimed, by_verb, is_cue))
    cands = _drop_inner_reports(cands)
    cands.sort(key=lambda c: c.start)
    return cands


def _drop_inner_reports(cands: list[Candidate]) -> list[Candidate]:
    """Drop an unquoted cue candidate whose content lies inside the content of a report
    that follows its cue (`X said *he hoped* it would ...`, `said the videos *show* Scott
    leaving`): PolNeAR annotates the outer report, and the inner cue is mostly a verb of
    the reported clause (on PolNeAR dev most such candidates that the model kept matched
    no gold quote).  A content before its cue does not count as outer: in `X said A; Y
    blamed B` the parse may make `X said A` the content of "blamed"."""
    outer = SpanCover((c.start, c.end) for c in cands if c.cue is None or c.cue[0] < c.start)
    return [c for c in cands if not (_inner_candidate(c) and outer.contains(c.start, c.end))]


def _inner_candidate(c: Candidate) -> bool:
    """An unquoted cue-pass candidate that may be a verb of a reported clause: one whose
    speaker is a named entity is a nested report of its own (`X said the military, which
    *pledged* to dismantle Hamas, ...`) and stays."""
    if c.type != "indirect" or c.kind not in INNER_KINDS:
        return False
    subj = c.subj
    if subj is not None and subj.tag_ in ("WDT", "WP") and subj.head.dep_ == "relcl":
        subj = subj.head.head  # "the military, which pledged": the military
    return subj is None or subj.ent_type_ not in NAMED_SPEAKER_ENTS


def _name_colon_lines(doc) -> list[Candidate]:
    """`Pat Caddell: Democrat Voters Worried About ...`: a line (a headline, a
    sub-head) that opens with a named person or organisation and a colon reports
    what follows as theirs."""
    text = doc_text(doc)
    out = []
    found = list(_NAME_COLON.finditer(text))
    labels = Counter(m.group(1) for m in found if m.group(1).isupper() and len(m.group(1)) > 1)
    for m in found:
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        if name is None:
            continue
        named = any(t.ent_type_ in ("PERSON", "ORG") for t in name)
        if not named and labels[m.group(1)] < MIN_LABEL_LINES:
            continue
        s, e = m.start(2), m.end(2)
        while e > s and text[e - 1] in ".,;: \t":
            e -= 1
        out.append(
            Candidate(
                parts=[(s, e)], kind="colon", cue=(m.end(1), m.end(1) + 1), subj=name[-1], lemma=":"
            )
        )
    return out


def _label_line(cand: Candidate) -> bool:
    """Whether ``cand`` is a line of :func:`_name_colon_lines` (`"PENCE: ...`): a colon
    cue of its own, no cue verb."""
    return cand.kind == "colon" and cand.cue is not None and cand.cue_tok is None


def _cue_tokens(doc):
    """Verbs and "according" (Token objects are costly: pick them from the tag array)."""
    from spacy.attrs import LOWER, TAG

    strings = doc.vocab.strings
    verb_tags = {strings.add(t) for t in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")}
    according = strings.add("according")
    arr = doc.to_array([TAG, LOWER])
    for i, (tag, low) in enumerate(arr.tolist()):
        if tag in verb_tags or low == according:
            yield doc[i]


def _parenthetical(tok, lemma: str, qctx: QuoteContext) -> Candidate | None:
    """`Climate change, Mr. Obama often says, is the greatest threat`: a cue clause
    set off by commas inside the sentence it reports; the sentence around it is
    the content (two parts, the cue clause left out)."""
    doc = tok.doc
    sent = tok.sent
    lo, hi = tok.left_edge.i, tok.right_edge.i
    a, b = sent.start, sent.end - 1
    # A sentence the parser ran over a paragraph break: the cue's paragraph only.
    ps, pe = paragraph_span(doc_text(doc), tok.idx)
    while a < lo and doc[a].idx < ps:
        a += 1
    while b > hi and doc[b].idx >= pe:
        b -= 1
    while a < lo and (doc[a].is_punct or doc[a].is_space) and doc[a].text not in OPEN_MARKS:
        a += 1
    while b > hi and (doc[b].is_punct or doc[b].is_space) and doc[b].text not in CLOSE_MARKS:
        b -= 1
    left_end = lo - 1
    while left_end >= a and (doc[left_end].is_punct or doc[left_end].is_space):
        left_end -= 1
    right_start = hi + 1
    while right_start <= b and (doc[right_start].is_punct or doc[right_start].is_space):
        right_start += 1
    if left_end < a or right_start > b:
        return None  # the cue opens or closes the sentence: not parenthetical
    parts = [
        (doc[a].idx, doc[left_end].idx + len(doc[left_end].text)),
        (doc[right_start].idx, doc[b].idx + len(doc[b].text)),
    ]
    return Candidate(
        parts=parts, kind="paren", cue=_cue_span(tok), cue_tok=tok, subj=_subject(tok), lemma=lemma
    )


def _according(tok, qctx: QuoteContext) -> Candidate | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
        to = tok.nbor(1)
    if to is None:
        return None
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    clause = tok.head
    while clause.dep_ in ("prep", "pobj") and clause.head.i != clause.i:
        clause = clause.head
    sent = tok.sent
    excl = {t.i for t in tok.subtree}
    excl.update(t.i for t in to.subtree)
    # The report never crosses its paragraph (the parse may run a sentence over two).
    ps, pe = paragraph_span(doc_text(tok.doc), tok.idx)
    toks = [t for t in sent if t.i not in excl and not t.is_space and ps <= t.idx < pe]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    # The clause on the larger side of "according to X" is the content.
    before = [t for t in toks if t.i < tok.i]
    after = [t for t in toks if t.i > tok.i]
    side = after if len(after) >= len(before) else before
    while side and side[0].is_punct:
        side = side[1:]
    if not side:
        return None
    parts = [(side[0].idx, side[-1].idx + len(side[-1].text))]
    return Candidate(
        parts=parts,
        kind="according",
        cue=(tok.idx, to.idx + len(to.text)),
        cue_tok=tok,
        subj=src,
        lemma="according",
    )


def _apply_quotes(cand: Candidate, qctx: QuoteContext, claimed: set[int]) -> None:
    """Set the type of a cue candidate from the quotation marks its content overlaps."""
    s, e = cand.start, cand.end
    hit = [i for i in qctx.overlapping(s, e) if i not in claimed]
    if not hit:
        cand.type = "indirect"
        return
    share = qctx.quoted_share(cand.parts)
    if share >= DIRECT_SHARE:
        if not _label_line(cand):  # (a transcript line keeps its own line)
            cand.parts = [p for i in hit for p in qctx.spans[i].parts]
        cand.type = "direct"
    else:
        # Stretch to the end of a quotation the parse cut short; of a content in two
        # parts only the outer edges move (the cue between them stays out).
        last = qctx.spans[hit[-1]]
        if last.end > e and last.start < e:
            cand.parts[-1] = (cand.parts[-1][0], last.inner_end)
        first = qctx.spans[hit[0]]
        if first.start < s:
            cand.parts[0] = (first.inner_start, cand.parts[0][1])
        cand.type = "mixed" if qctx.quoted_share(cand.parts) > 0 else "indirect"
        if cand.type == "mixed" and len(cand.parts) == 1:
            _cut_after_quote(cand, last)
    cand.quotes = hit
    claimed.update(hit)


def _cut_after_quote(cand: Candidate, last: QuoteSpan) -> None:
    """End a mixed content at its last quotation when only a time, place or aside
    follows (`blasted Clinton as a “disgrace” *Wednesday on ...*`, `“...” *during a
    stop in Flint*`, `“...,” *which ...*`): PolNeAR's content stops at the quote."""
    if cand.cue_tok is None or not cand.start < last.start < last.end < cand.end:
        return
    tail = tokens_between(cand.cue_tok.doc, last.end, cand.end)
    i = 0
    while i < len(tail) and tail[i].is_punct:
        i += 1
    if i == len(tail):
        return
    t = tail[i]
    aside = i > 0 and (t.tag_ in ("WDT", "WP", "VBG", "DT") or t.dep_ == "appos")
    # A preposition counts only on a verb: "“some progress” *on negotiations*" goes on.
    verb_prep = t.lower_ in _TAIL_PREPS and t.head.tag_.startswith("VB") or t.lower_ in _TIME_PREPS
    if t.ent_type_ in ("DATE", "TIME") or verb_prep or aside:
        cand.parts = [(cand.start, last.end)]


def _quote_pass(
    doc, qctx: QuoteContext, claimed: set[int], by_verb: dict[int, Candidate], is_cue
) -> list[Candidate]:
    text = qctx.text
    out: list[Candidate] = []
    last: Candidate | None = None  # the last quote-attributed candidate (for carry-over)
    reports = _Reports(by_verb.values())
    for qi, q in enumerate(qctx.spans):
        if qi in claimed:
            owner = next((c for c in by_verb.values() if qi in c.quotes), None)
            if owner is not None:
                last = owner
            continue
        para_start = text.rfind("\n", 0, q.start) + 1
        nl = text.find("\n", q.end)
        para_end = len(text) if nl < 0 else nl
        nxt = qctx.spans[qi + 1].start if qi + 1 < len(qctx.spans) else len(text)
        prev_end = qctx.spans[qi - 1].end if qi > 0 else 0
        # Same paragraph as the previous quote-attributed candidate: join it.
        if (
            last is not None
            and last.end >= para_start
            and last.type != "indirect"
            and (
                _only_cue_between(doc, last, q, qctx)
                or _cue_sentence_between(doc, last, q)
                and _cue_after(doc, q, min(nxt, para_end), is_cue) is None
            )
        ):
            if last.type in JOIN_TYPES:
                last.parts = last.parts + q.parts
                last.quotes.append(qi)
                claimed.add(qi)
                continue
            # After a mixed quote the next quotation is a quote of its own, same speaker.
            cand = Candidate(
                parts=list(q.parts),
                kind="carry",
                subj=last.subj,
                lemma=last.lemma,
                carry_from=last,
                type="direct",
                quotes=[qi],
            )
            claimed.add(qi)
            out.append(cand)
            last = cand
            continue
        cand = (
            _cue_after(doc, q, min(nxt, para_end), is_cue)
            or _cue_before(doc, q, max(prev_end, para_start), is_cue)
            or _dash_after(doc, q, min(nxt, para_end))
        )
        if cand is not None and cand.cue_tok is not None and cand.cue_tok.i in by_verb:
            other = by_verb[cand.cue_tok.i]
            if other.type == "direct" and other.quotes and cand.kind in ("after", "before"):
                other.parts = sorted(other.parts + list(q.parts))
                other.quotes.append(qi)
                claimed.add(qi)
                last = other
                continue
            if other.type == "indirect" and not other.quotes:
                out_c = other  # the parse gave the verb a wrong complement: the quote wins
                out_c.parts, out_c.type, out_c.quotes = list(q.parts), "direct", [qi]
                out_c.kind = cand.kind
                claimed.add(qi)
                last = out_c
                continue
        if cand is None and q.start == para_start and para_start > 0:
            # "Sanders made the following comment:" closing the paragraph before.
            prev_start, _ = _previous_paragraph(text, para_start)
            if text[prev_start:para_start].rstrip().endswith(":"):
                cand = _cue_before(doc, q, max(prev_end, prev_start), is_cue)
        if (
            cand is None
            and q.start == para_start
            and last is not None
            and last.type != "indirect"
            and last.end >= _previous_paragraph(text, para_start)[0] - 1
        ):
            # A quotation paragraph right after a quote: the same speaker goes on.
            cand = Candidate(
                parts=list(q.parts), kind="carry", subj=last.subj, lemma=last.lemma, carry_from=last
            )
        if cand is None:
            cand = _follow_report(reports, q, text, para_start)
        if cand is None:
            words = sum(len(_WORD.findall(text[s:e])) for s, e in q.parts)
            if words < MIN_ORPHAN_WORDS:
                continue
            cand = Candidate(parts=list(q.parts), kind="orphan")
        cand.type = "direct"
        cand.quotes = [qi]
        claimed.add(qi)
        out.append(cand)
        last = cand
    return out


class _Reports:
    """The cue-pass candidates with a subject, by cue offset: the reports a quotation
    with no cue of its own may go on from."""

    def __init__(self, cands):
        self.items = sorted(
            ((c.cue[0], id(c), c) for c in cands if c.cue is not None and c.subj is not None),
            key=lambda it: it[:2],
        )
        self.starts = [it[0] for it in self.items]

    def last_before(self, lo: int, hi: int) -> Candidate | None:
        """The report whose cue is the last one in ``[lo, hi)``."""
        k = bisect.bisect_left(self.starts, hi) - 1
        return self.items[k][2] if k >= 0 and self.starts[k] >= lo else None


def _follow_report(reports: _Reports, q: QuoteSpan, text: str, para_start: int) -> Candidate | None:
    """A quotation that opens a sentence with no cue of its own, after a report in its
    paragraph ("She said they had made progress. “I really believe ...”") or, opening a
    paragraph, after the last report of the paragraph before ("Howard continued his
    remarks.\n\n“Eight years ago ...”"): the reporter's speaker goes on.  The model
    weighs the two kinds (``follow``, ``follow_para``) like any other."""
    before = text[para_start : q.start].rstrip()
    if before and before[-1] not in _SENTENCE_END:
        return None
    kind = "follow"
    prev = reports.last_before(para_start, q.start)
    if prev is None and not before and para_start > 0:
        kind = "follow_para"
        prev = reports.last_before(*_previous_paragraph(text, para_start))
    if prev is None:
        return None
    return Candidate(
        parts=list(q.parts),
        kind=kind,
        cue=prev.cue,
        cue_tok=prev.cue_tok,
        subj=prev.subj,
        lemma=prev.lemma,
    )


def _previous_paragraph(text: str, para_start: int) -> tuple[int, int]:
    """Start and end (trailing space left out) of the paragraph before the one at
    ``para_start``."""
    i = para_start - 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return text.rfind("\n", 0, i) + 1, i


def _only_cue_between(doc, cand: Candidate, q: QuoteSpan, qctx: QuoteContext) -> bool:
    """Whether only the cue clause (or nothing) separates ``cand`` from quotation ``q``."""
    gap = tokens_between(doc, cand.end, q.start)
    words = [t for t in gap if not t.is_punct]
    if not words:
        return True
    if cand.cue is None or not (cand.cue[0] >= cand.end and cand.cue[1] <= q.start):
        return False
    # `“A,” said X, head of Y. “B.”` -- the gap is the cue clause: no other finite verb.
    return len(words) <= MAX_GAP_JOIN and not any(
        t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.idx != cand.cue[0] for t in words
    )


def _cue_sentence_between(doc, cand: Candidate, q: QuoteSpan) -> bool:
    """Whether the gap from ``cand`` to quotation ``q`` is the rest of the sentence that
    holds ``cand``'s cue (`“A,” said X, who heads Y. “B.”`): one sentence end, just
    before ``q``."""
    if cand.cue is None or not (cand.cue[0] >= cand.end and cand.cue[1] <= q.start):
        return False
    gap = tokens_between(doc, cand.end, q.start)
    ends = [i for i, t in enumerate(gap) if t.text in (".", "!", "?")]
    if ends != [len(gap) - 1] and not (len(gap) > 1 and ends == [len(gap) - 2]):
        return False  # no sentence end, or more than one sentence between
    words = [t for t in gap if not t.is_punct]
    return 0 < len(words) <= MAX_GAP_SENTENCE


def _speech_verb(tok, is_cue) -> bool:
    return (
        tok.tag_.startswith("VB")
        and is_cue(verb_lemma(tok.text))
        and verb_lemma(tok.text) not in OBJECT_VERBS - SPEECH_VERBS
    )


def _cue_after(doc, q: QuoteSpan, limit: int, is_cue) -> Candidate | None:
    toks = tokens_between(doc, q.end, limit)
    words = 0
    for t in toks:
        if t.is_punct:
            if t.text in ".!?" and words:
                break
            continue
        words += 1
        if words > MAX_GAP_AFTER:
            break
        if _speech_verb(t, is_cue):
            subj = _subject(t)
            if subj is not None and subj.idx < q.end:
                subj = None  # '“One of the best,” said X' parsed with a subject in the quote
            if subj is None:
                # A misparsed cue clause: the name between the quotation and the verb
                # ("“...,” Tulsa police Chief Chuck Jordan said Monday"), else the noun
                # after the verb ("said Tom White"), never a date ("said Monday").
                subj = _name_head([x for x in toks if x.i < t.i]) or next(
                    (
                        c
                        for c in t.children
                        if c.i > t.i
                        and c.tag_.startswith("NN")
                        and c.ent_type_ not in ("DATE", "TIME")
                    ),
                    None,
                )
            return Candidate(
                parts=list(q.parts),
                kind="after",
                cue=_cue_span(t),
                cue_tok=t,
                subj=subj,
                lemma=verb_lemma(t.text),
            )
    return None


def _name_head(toks: list):
    """The last word of the first noun run in ``toks`` ("Rep. Elijah Cummings (D-Md.)"
    -> "Cummings"), or None."""
    head = None
    for t in toks:
        if t.tag_.startswith("NN") or t.tag_ == "PRP" and head is None:
            head = t
        elif head is not None:
            break
    return head


def _cue_before(doc, q: QuoteSpan, limit: int, is_cue) -> Candidate | None:
    toks = tokens_between(doc, limit, q.start)
    if not toks:
        return None
    last = toks[-1]
    if _speech_verb(last, is_cue) and last.tag_ == "VBG":
        # "..., saying “That makes me smart”": the participle introduces the quotation.
        return Candidate(
            parts=list(q.parts),
            kind="before",
            cue=_cue_span(last),
            cue_tok=last,
            subj=_subject(last),
            lemma=verb_lemma(last.text),
        )
    # Only a cue that introduces the quotation: "said:", "said," "told reporters:".
    if not (last.text in (":", ",") or last.lower_ == "that"):
        return None
    words = 0
    for t in reversed(toks[:-1]):
        if t.is_punct and t.text in ".!?;":
            break
        if t.is_punct:
            continue
        words += 1
        if words > MAX_GAP_BEFORE:
            break
        if _speech_verb(t, is_cue):
            return Candidate(
                parts=list(q.parts),
                kind="before",
                cue=_cue_span(t),
                cue_tok=t,
                subj=_subject(t),
                lemma=verb_lemma(t.text),
            )
    if last.text == ":":
        # "Netanyahu: “...”" -- a bare name before a colon.
        name = [t for t in toks[:-1]]
        if name and all(t.ent_type_ in ("PERSON", "ORG") for t in name[-3:]) and len(name) <= 4:
            head = name[-1]
            return Candidate(parts=list(q.parts), kind="colon", subj=head, lemma=":")
    return None


def _dash_after(doc, q: QuoteSpan, limit: int) -> Candidate | None:
    text = doc_text(doc)
    m = _DASH_AFTER.match(text, q.end, limit)
    if m is None:
        return None
    # The dash may be glued to the closing mark in one token ("”―"): go by the text.
    dash = (m.start(1), m.end(1))
    toks = [None, *tokens_between(doc, m.end(), limit)]
    if len(toks) < 2:
        return None
    if toks[1].ent_type_ == "PERSON":
        head = toks[1]
        while (
            head.i + 1 < len(doc)
            and doc[head.i + 1].ent_type_ == "PERSON"
            and doc[head.i + 1].ent_iob_ == "I"
        ):
            head = doc[head.i + 1]
    else:
        # "” ― Pamela Padilla" closing its line, a name NER did not tag.
        name = [t for t in toks[1:] if not (t.is_space or t.text == ".")]
        if not name or len(name) > MAX_DASH_NAME or not all(t.tag_ == "NNP" for t in name):
            return None
        head = name[-1]
    return Candidate(
        parts=list(q.parts),
        kind="dash",
        cue=dash,
        subj=head,
        lemma="—",
    )
