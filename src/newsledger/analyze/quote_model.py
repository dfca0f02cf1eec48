"""A small linear model that keeps or drops quote candidates.

Trained on the PolNeAR train split by ``scripts/train_quotes.py`` (logistic
regression over the sparse binary features below) and stored as JSON in
``analyze/models/quotes.json``: feature weights, a bias, two decision thresholds
(quoted and unquoted candidates, tuned on the dev split), the cue lemmas seen
in training and the candidate kinds kept whatever their score.  Loaded lazily,
once; without the file the rules alone decide (lexicon cues, every candidate kept).

The features describe the cue (lemma, tag, position in its sentence, negation,
modality), the speaker (pronoun, entity type, resolved or not), the content
(length, share inside quotation marks, inner punctuation), the parser's own
context vectors of the cue, the content's first word and the subject (the
tok2vec rows of ``doc.tensor``, real-valued), and -- most useful against
unmatched indirect candidates -- the content span's geometry: what follows its
end and precedes its start, how much of its sentence it leaves out, whether it
runs over a clause boundary.  A content cut short or run long by the parse is a
prediction that matches no annotated quote.  The rules often offer several contents
for one report (a clause, its object, the quotation around it): :class:`Neighbours`
says how a candidate sits among the others of its document (nested, containing,
same span, sharing its cue, longest or shortest), which tells the one a reader
would call the quote from its rivals.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.analyze.coref import PRONOUNS_PERSON, PRONOUNS_THING
from newsledger.analyze.cues import OBJECT_VERBS, PARTICLE_CUES, SPEECH_VERBS
from newsledger.analyze.nlp import doc_text

__all__ = ["MODEL_PATH", "Neighbours", "QuoteModel", "features", "load"]

MODEL_PATH = Path(__file__).with_name("models") / "quotes.json"
# Set to another weights file to try a retrained model without replacing the shipped one.
MODEL_ENV = "NEWSLEDGER_QUOTE_MODEL"
_WORD = re.compile(r"\w+")
_SUBJ_WORDS = PRONOUNS_PERSON | PRONOUNS_THING | {"i", "we", "my", "our", "me", "us"}
_SUBJ_WORDS |= {"you", "who", "which", "that"}
_MODALS = frozenset({"will", "would", "could", "should", "might", "may", "can"})
_CUE_MODALS = _MODALS - {"can", "should"}
# Tokens next to a content edge that say whether the span stops where the report
# stops (a full stop) or where the parse gave up (", which", "and", "saying").
_EDGE_WORDS = frozenset(
    {",", ".", ";", ":", "and", "but", "which", "who", "because", "as", "after", "before"}
    | {"when", "while", "if", "saying", "adding", "according", "(", "--", "-", "\u2014"}
    | {"\u201d", '"', "to", "in", "of", "for", "that"}
)
# Words of a content that say whose voice it is: a first person in an unquoted
# content is seldom a report of someone else; a third person often is ("he said he").
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us", "mine", "ours"})
_THIRD_PERSON = frozenset({"he", "she", "they", "his", "her", "their", "him", "them"})
# Characters stripped from a content's end before looking for its question mark.
_CLOSERS = " \u201d\"'\u2019,"
# Dependency labels of the content head's children that mark a second clause.
_CLAUSE_DEPS = frozenset({"conj", "advcl", "relcl", "parataxis", "ccomp", "xcomp"})
# Characters of the content that often mark a span run past the report.
_INNER_MARKS = ((";", "semi"), ("--", "dash"), ("\u2014", "dash"), ("(", "paren"), (":", "colon"))
# Content kinds whose head is a child of the cue verb.
_HEAD_KINDS = frozenset({"ccomp", "xcomp", "dobj", "prep", "particle"})

# Feature names of the vector dimensions, made once: {(prefix, width): names}.
_VECTOR_NAMES: dict[tuple[str, int], list[str]] = {}

_lock = threading.Lock()
_cache: dict[str, QuoteModel | None] = {}


class _DocView:
    """Token offsets, word counts, heads and sentence starts of one parsed document as
    plain lists, built once per document: reading them per candidate through spaCy's
    Token objects cost more than the rest of the analysis of a candidate."""

    __slots__ = ("doc", "idx", "ends", "words", "space", "head", "sent_starts", "tensor")

    def __init__(self, doc):
        import numpy as np
        from spacy.attrs import HEAD, IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START

        arr = doc.to_array([IDX, IS_PUNCT, IS_SPACE, SENT_START, HEAD, LENGTH]).astype(np.int64)
        self.doc = doc
        self.idx = arr[:, 0].tolist()
        self.ends = (arr[:, 0] + arr[:, 5]).tolist()
        is_word = 1 - (arr[:, 1] | arr[:, 2])
        self.words = [0, *np.cumsum(is_word).tolist()]
        self.space = arr[:, 2].astype(bool).tolist()
        self.head = (np.arange(len(arr)) + arr[:, 4]).tolist()
        starts = np.flatnonzero(arr[:, 3] == 1).tolist()
        self.sent_starts = starts if starts and starts[0] == 0 else [0, *starts]
        # The tok2vec vectors (rows read on demand): absent from a Doc made without the
        # pipeline (an empty text) or read back from a DocBin.
        t = doc.tensor
        self.tensor = t if t is not None and len(doc) and t.shape[0] == len(doc) else None

    def word_from(self, i: int, step: int) -> int:
        """The first token from ``i`` on (``step`` 1) or back (-1) that is not a space;
        ``len`` or -1 when there is none."""
        n = len(self.space)
        while 0 <= i < n and self.space[i]:
            i += step
        return i

    def sentence(self, i: int) -> tuple[int, int]:
        """Token range [start, end) of the sentence of token ``i``."""
        k = bisect.bisect_right(self.sent_starts, i) - 1
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.idx)
        return self.sent_starts[k], end


def _bucket(n: int) -> str:
    for b in (1, 2, 3, 5, 8, 13, 21, 34, 55):
        if n <= b:
            return str(b)
    return "many"


def _small(n: int) -> str:
    """Coarse buckets for word counts at a span's edge."""
    if n == 0:
        return "0"
    if n <= 2:
        return "1-2"
    if n <= 5:
        return "3-5"
    return "6-10" if n <= 10 else "11+"


class Neighbours:
    """The other candidates of one document, for the features that say how a candidate
    sits among them: the rules often offer several contents for one report (a clause,
    its object, a quotation), and at most one of them matches what the reader would
    call the quote.  Built once per document, before any candidate is scored; it also
    carries the document's token arrays (:class:`_DocView`) that every candidate's
    features read."""

    __slots__ = ("items", "starts", "longest", "cues", "_view")

    def __init__(self, cands):
        # Sorted by start, so that the candidates overlapping one lie in a window of
        # ``starts`` no wider than the longest content: scoring a document stays near
        # linear in its candidates (a long transcript has thousands).
        self.items = sorted(
            (c.start, c.end, id(c), c.kind, c.type, c.cue_tok.i if c.cue_tok is not None else -1)
            for c in cands
        )
        self.starts = [it[0] for it in self.items]
        self.longest = max((e - s for s, e, *_ in self.items), default=0)
        self.cues = Counter(it[5] for it in self.items if it[5] >= 0)
        self._view: _DocView | None = None

    def view(self, doc) -> _DocView:
        """The token arrays of ``doc``, built once for all its candidates (and let go
        with this object, when the document is done)."""
        if self._view is None or self._view.doc is not doc:
            self._view = _DocView(doc)
        return self._view

    def features(self, f: dict[str, float], cand) -> None:
        """Overlap counts, nesting, relative length and kinds of the overlapping others."""
        kind, typ = cand.kind, cand.type
        me, s, e = id(cand), cand.start, cand.end
        cue = cand.cue_tok.i if cand.cue_tok is not None else -1
        n_over = n_quoted = 0
        # The other candidates with this cue token (the count includes this one).
        shared_cue = self.cues[cue] - 1 if cue >= 0 else 0
        inside = contains = same = False
        longest = shortest = True
        kinds: set[str] = set()
        lo = bisect.bisect_right(self.starts, s - self.longest)
        hi = bisect.bisect_left(self.starts, e)
        for o_s, o_e, key, o_kind, o_type, _ in self.items[lo:hi]:
            if key == me or o_e <= s:
                continue
            n_over += 1
            kinds.add(o_kind)
            n_quoted += o_type != "indirect"
            if (o_s, o_e) == (s, e):
                same = True
            elif o_s <= s and e <= o_e:
                inside = True
            elif s <= o_s and o_e <= e:
                contains = True
            longest = longest and e - s >= o_e - o_s
            shortest = shortest and e - s <= o_e - o_s
        f[f"n_over*type={min(n_over, 3)}*{typ}"] = 1.0
        if cue >= 0:
            f[f"cue_shared*type={min(shared_cue, 2)}*{typ}"] = 1.0
        if n_quoted:
            f[f"over_quoted*type={typ}"] = 1.0
        for flag, name in ((inside, "inside"), (contains, "contains")):
            if flag:
                f[f"{name}*type={typ}"] = 1.0
                f[f"{name}*kind={kind}"] = 1.0
        if same:
            f[f"same_span*kind={kind}"] = 1.0
        if n_over:
            rank = "long" if longest else ("short" if shortest else "mid")
            f[f"over_rank={rank}*{typ}"] = 1.0
            for k in sorted(kinds):
                f[f"over_kind={k}*{kind}"] = 1.0


def _view_of(doc, near: Neighbours | None) -> _DocView:
    """The document's token arrays: the ones ``near`` carries, else built for this call."""
    return near.view(doc) if near is not None else _DocView(doc)


def features(doc, cand, qctx, near: Neighbours | None = None) -> dict[str, float]:
    """Sparse binary features of one candidate (shared by training and prediction);
    ``near``, the document's candidates, adds how this one overlaps the others."""
    view = _view_of(doc, near)
    return _features(doc, cand, qctx, near, view, vectors=True)


def _features(doc, cand, qctx, near, view: _DocView, vectors: bool) -> dict[str, float]:
    f: dict[str, float] = {}
    text = doc_text(doc)
    n_words = sum(len(_WORD.findall(text, s, e)) for s, e in cand.parts)
    _kind_features(f, cand, n_words)
    _cue_features(f, cand, view)
    _speaker_features(f, cand)
    _content_features(f, text, cand, qctx)
    _voice_features(f, text, cand)
    _span_features(f, view, cand)
    if vectors:
        _context_features(f, view, cand)
    if near is not None:
        near.features(f, cand)
    return f


def _kind_features(f: dict[str, float], cand, n_words: int) -> None:
    kind, typ = cand.kind, cand.type
    lemma = cand.lemma or "-"
    lex = lemma in SPEECH_VERBS or lemma in OBJECT_VERBS or lemma in PARTICLE_CUES
    for name in (
        f"kind={kind}",
        f"type={typ}",
        f"kind*type={kind}*{typ}",
        f"lemma={lemma}",
        f"lemma*kind={lemma}*{kind}",
        f"kind*type*lemma={kind}*{typ}*{lemma}",
        f"type*lemma={typ}*{lemma}",
        f"lex={lex}",
        f"lex*kind={lex}*{kind}",
        f"len={_bucket(n_words)}",
        f"len*type={_bucket(n_words)}*{typ}",
        f"len*kind={_bucket(n_words)}*{kind}",
        f"parts={min(len(cand.parts), 3)}",
    ):
        f[name] = 1.0
    if cand.carry_from is not None:
        f["carry"] = 1.0


def _cue_features(f: dict[str, float], cand, view: _DocView) -> None:
    tok = cand.cue_tok
    if tok is None:
        f["no_cue"] = 1.0
        return
    kind = cand.kind
    lemma = cand.lemma or "-"
    i = tok.i
    tag, dep = tok.tag_, tok.dep_
    # (dependency, lower-case form) of the children: Token attributes are costly to read.
    children = [(c.dep_, c.lower_, c) for c in tok.children]
    deps = {d for d, _, _ in children}
    f[f"cue_tag={tag}"] = 1.0
    f[f"cue_dep={dep}"] = 1.0
    f[f"cue_tag*kind={tag}*{kind}"] = 1.0
    f[f"cue_dep*kind={dep}*{kind}"] = 1.0
    f[f"lemma*tag={lemma}*{tag}"] = 1.0
    if "neg" in deps:
        f["cue_neg"] = 1.0
    if any(d == "aux" and low in _CUE_MODALS for d, low, _ in children):
        f["cue_modal"] = 1.0
    f["content_before" if cand.start < tok.idx else "content_after"] = 1.0
    if "dobj" in deps:
        f["cue_has_dobj"] = 1.0
    sent_start, sent_end = view.sentence(i)
    if i - sent_start < 3:
        where = "first"
    elif sent_end - i < 4:
        where = "last"
    else:
        where = "mid"
    f[f"cue_sent_pos={where}"] = 1.0
    dist = min(abs(tok.idx - cand.start), abs(tok.idx - cand.end))
    f[f"dist={_bucket(dist // 10)}"] = 1.0
    if kind == "ccomp":
        ccomp = next((c for d, _, c in children if d == "ccomp"), None)
        if ccomp is not None:
            f[f"ccomp_tag={ccomp.tag_}"] = 1.0
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in ccomp.children):
                f["ccomp_has_subj"] = 1.0
    if kind in _HEAD_KINDS:
        head = next((c for d, _, c in children if d in ("ccomp", "xcomp", "dobj")), None)
        if head is not None:
            f[f"chead_tag*kind={head.tag_}*{kind}"] = 1.0
            f[f"chead_ent={head.ent_type_ or '-'}"] = 1.0
            sub = [(c.dep_, c.lower_) for c in head.children]
            mark = next((low for d, low in sub if d == "mark"), None)
            if mark is not None:
                f[f"chead_mark={mark}"] = 1.0
            if any(d == "aux" and low in _MODALS for d, low in sub):
                f["chead_modal"] = 1.0


def _speaker_features(f: dict[str, float], cand) -> None:
    kind, typ = cand.kind, cand.type
    subj = cand.subj
    if subj is None:
        f["subj=none"] = 1.0
    else:
        low = subj.lower_
        if low in PRONOUNS_PERSON:
            f["subj=pron_person"] = 1.0
        elif low in PRONOUNS_THING:
            f["subj=pron_thing"] = 1.0
        elif subj.tag_ in ("PRP", "WP", "WDT") or low in ("who", "that", "which"):
            f[f"subj={low}"] = 1.0
        else:
            f[f"subj_ent={subj.ent_type_ or 'none'}"] = 1.0
            f[f"subj_tag={subj.tag_}"] = 1.0
        tok = cand.cue_tok
        f[f"subj_side={'before' if tok is None or subj.i < tok.i else 'after'}"] = 1.0
        f[f"subj_lower*type={low if low in _SUBJ_WORDS else 'x'}*{typ}"] = 1.0
        f[f"subj_ent*type={subj.ent_type_ or '-'}*{typ}"] = 1.0
        f[f"subj_dep={subj.dep_}"] = 1.0
    sp = cand.speaker
    if sp is None:
        f[f"nospk*kind={kind}"] = 1.0
        return
    label = sp.actor.label if sp.actor is not None else "none"
    f[f"resolved={sp.name is not None}"] = 1.0
    f[f"actor={label}"] = 1.0
    f[f"actor*type={label}*{typ}"] = 1.0
    f[f"actor*kind={label}*{kind}"] = 1.0
    f[f"resolved*type={sp.name is not None}*{typ}"] = 1.0
    f[f"spk_len={min(len(sp.mention.split()), 4)}"] = 1.0


def _content_features(f: dict[str, float], text: str, cand, qctx) -> None:
    kind = cand.kind
    first = text[cand.start : cand.start + 5].lower()
    if first.startswith("that "):
        f["starts_that"] = 1.0
    if first[:3] in ("to ", "if "):
        f[f"starts={first[:3].strip()}"] = 1.0
    total = inside = 0
    quotes = qctx.overlapping(cand.start, cand.end)
    for s, e in cand.parts:
        total += e - s
        for qi in quotes:
            q = qctx.spans[qi]
            inside += max(0, min(e, q.end) - max(s, q.start))
    share = inside / total if total else 0.0
    if share == 0:
        b = "0"
    elif share < 0.3:
        b = "lo"
    else:
        b = "mid" if share < 0.8 else "hi"
    f[f"qshare={b}"] = 1.0
    f[f"qshare*kind={b}*{kind}"] = 1.0
    f[f"nquotes={min(len(quotes), 3)}"] = 1.0
    for mark, name in _INNER_MARKS:
        if any(mark in text[s:e] for s, e in cand.parts):
            f[f"c_has={name}"] = 1.0
    para = text.rfind("\n", 0, cand.start) + 1
    f[f"para_init={not text[para : cand.start].strip()}"] = 1.0
    f[f"early={'1' if cand.start < 300 else ('2' if cand.start < 1500 else '3')}"] = 1.0


def _voice_features(f: dict[str, float], text: str, cand) -> None:
    """Person, question, figures and capital start of the content's words."""
    kind, typ = cand.kind, cand.type
    content = " ".join(text[s:e] for s, e in cand.parts)
    words = {w.lower() for w in _WORD.findall(content)}
    if content.rstrip(_CLOSERS).endswith("?"):
        f["question"] = 1.0
        f[f"question*type={typ}"] = 1.0
    if words & _FIRST_PERSON:
        f[f"first_person*type={typ}"] = 1.0
    if words & _THIRD_PERSON:
        f[f"third_person*type={typ}"] = 1.0
    if any(ch.isdigit() for ch in content):
        f[f"digit*type={typ}"] = 1.0
    first = content.lstrip(" \"\u201c'\u2018")[:1]
    if first:
        f[f"capital={first.isupper()}*{kind}"] = 1.0


def _context_rows(view: _DocView, cand) -> list[tuple[str, int]]:
    """(feature prefix, token index) of the tokens whose parser context vectors are
    features: the cue, the content's first word and the subject."""
    rows = []
    if cand.cue_tok is not None:
        rows.append(("v_cue", cand.cue_tok.i))
    i = bisect.bisect_right(view.ends, cand.start)  # the content's first token
    if i < len(view.idx):
        rows.append(("v_first", i))
    if cand.subj is not None:
        rows.append(("v_subj", cand.subj.i))
    return rows


def _context_features(f: dict[str, float], view: _DocView, cand) -> None:
    """The parser's context vectors (``doc.tensor``, the shared tok2vec layer) of the cue,
    the content's first word and the subject: how the pipeline itself reads those words
    in their sentence, beyond the lemma and tag."""
    tensor = view.tensor
    if tensor is None:
        return
    for name, at in _context_rows(view, cand):
        row = tensor[at].tolist()
        names = _VECTOR_NAMES.get((name, len(row)))
        if names is None:
            names = _VECTOR_NAMES[(name, len(row))] = [f"{name}{k}" for k in range(len(row))]
        f.update(zip(names, row, strict=True))


def _edge(tok) -> str:
    low = tok.lower_
    return low if low in _EDGE_WORDS else tok.tag_


def _span_features(f: dict[str, float], view: _DocView, cand) -> None:
    """Where the content span starts and stops relative to its sentence and clause."""
    kind, typ = cand.kind, cand.type
    doc = view.doc
    n = len(view.idx)
    i = bisect.bisect_right(view.ends, cand.start)  # first token ending after the start
    j = bisect.bisect_left(view.idx, cand.end)  # first token at or after the end
    if i >= j:
        f["geom=none"] = 1.0
        return
    a = view.word_from(j, 1)
    b = view.word_from(a + 1, 1)
    k = view.word_from(i - 1, -1)
    nxt = _edge(doc[a]) if a < n else "$"
    nxt2 = _edge(doc[b]) if b < n else "$"
    prv = _edge(doc[k]) if k >= 0 else "^"
    f[f"after_end={nxt}"] = 1.0
    f[f"after_end*kind={nxt}*{kind}"] = 1.0
    f[f"after_end2={nxt}_{nxt2}"] = 1.0
    f[f"after_end2*type={nxt}_{nxt2}*{typ}"] = 1.0
    f[f"before_start={prv}"] = 1.0
    f[f"before_start*kind={prv}*{kind}"] = 1.0
    head = view.head
    roots = [t for t in range(i, j) if not i <= head[t] < j or head[t] == t]
    if roots:
        for c in doc[roots[0]].children:
            if i <= c.i < j and c.dep_ in _CLAUSE_DEPS:
                f[f"chead_child={c.dep_}*{kind}"] = 1.0
        f[f"nheads={min(len(roots), 3)}"] = 1.0
    first_start, _ = view.sentence(i)
    last_start, last_end = view.sentence(j - 1)
    words = view.words
    tail = words[last_end] - words[j]
    lead = words[i] - words[first_start]
    inner = words[j] - words[i]
    f[f"tail={_small(tail)}"] = 1.0
    f[f"tail*kind={_small(tail)}*{kind}"] = 1.0
    f[f"lead={_small(lead)}"] = 1.0
    f[f"nsents={1 if last_start == first_start else 2}"] = 1.0
    total = inner + tail + lead
    r = inner / total if total else 1.0
    f[f"cover={'lo' if r < 0.4 else ('mid' if r < 0.75 else 'hi')}*{kind}"] = 1.0


@dataclass
class QuoteModel:
    """Weights of the candidate filter."""

    weights: dict[str, float]
    bias: float
    threshold: float  # for candidates with quotation marks (direct, mixed)
    threshold_unquoted: float  # for indirect candidates
    cue_lemmas: frozenset[str]
    keep_kinds: frozenset[str] = frozenset()  # candidate kinds kept whatever their score
    _vectors: dict = field(default_factory=dict, repr=False, compare=False)

    def keep(self, cand) -> bool:
        """Whether a scored candidate passes its threshold (or is of a kept kind)."""
        if cand.kind in self.keep_kinds:
            return True
        t = self.threshold if cand.type != "indirect" else self.threshold_unquoted
        return cand.score >= t

    def _vector_weights(self, name: str, width: int):
        """The weights of one context vector's dimensions as an array (made once)."""
        key = (name, width)
        w = self._vectors.get(key)
        if w is None:
            import numpy as np

            w = np.array([self.weights.get(f"{name}{k}", 0.0) for k in range(width)])
            self._vectors[key] = w
        return w

    def is_cue(self, lemma: str) -> bool:
        """Verbs the model has seen as cues in training (plus the lexicon)."""
        return (
            lemma in self.cue_lemmas
            or lemma in SPEECH_VERBS
            or lemma in OBJECT_VERBS
            or lemma in PARTICLE_CUES
        )

    def score(self, doc, cand, qctx, near: Neighbours | None = None) -> float:
        """Probability that ``cand`` is a correct, correctly attributed quote; pass
        ``near`` (the document's candidates) as training did."""
        weight = self.weights.get
        view = _view_of(doc, near)
        # The context vectors go in as dot products with the weight vectors (the same
        # sum as through the feature dict, a fifth of the scoring time less).
        feats = _features(doc, cand, qctx, near, view, vectors=False)
        z = self.bias + sum([weight(k, 0.0) * v for k, v in feats.items()])
        if view.tensor is not None:
            for name, at in _context_rows(view, cand):
                w = self._vector_weights(name, view.tensor.shape[1])
                z += float(view.tensor[at] @ w)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load(path: Path | None = None) -> QuoteModel | None:
    """The stored model, loaded once; ``None`` when no weights file is shipped."""
    p = path or Path(os.environ.get(MODEL_ENV) or MODEL_PATH)
    key = str(p)
    if key not in _cache:
        with _lock:
            if key not in _cache:
                _cache[key] = _read(p)
    return _cache[key]


def _read(p: Path) -> QuoteModel | None:
    if not p.is_file():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    return QuoteModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        threshold_unquoted=float(data.get("threshold_unquoted", data["threshold"])),
        cue_lemmas=frozenset(data.get("cue_lemmas", ())),
        keep_kinds=frozenset(data.get("keep_kinds", ())),
    )
