"""A small linear model that keeps or drops quote candidates.

Trained on the PolNeAR train split by ``scripts/train_quotes.py`` (logistic
regression over the features below) and stored as JSON in
``analyze/models/quotes.json``: feature weights, a bias, a decision threshold
(tuned on the dev split) and the cue lemmas seen in training.  Loaded lazily,
once; without the file the rules alone decide (lexicon cues, every candidate kept).
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from newsledger.analyze.coref import PRONOUNS_PERSON, PRONOUNS_THING
from newsledger.analyze.cues import OBJECT_VERBS, PARTICLE_CUES, SPEECH_VERBS
from newsledger.analyze.nlp import doc_text

__all__ = ["QuoteModel", "features", "load", "MODEL_PATH"]

MODEL_PATH = Path(__file__).with_name("models") / "quotes.json"
# Set to another weights file to try a retrained model without replacing the shipped one.
MODEL_ENV = "NEWSLEDGER_QUOTE_MODEL"
_WORD = re.compile(r"\w+")

_lock = threading.Lock()
_cache: dict[str, QuoteModel | None] = {}


def _bucket(n: int) -> str:
    for b in (1, 2, 3, 5, 8, 13, 21, 34, 55):
        if n <= b:
            return str(b)
    return "many"


def features(doc, cand, qctx) -> dict[str, float]:
    """Sparse binary features of one candidate (shared by training and prediction)."""
    f: dict[str, float] = {}

    def on(name: str) -> None:
        f[name] = 1.0

    lemma = cand.lemma or "-"
    lex = lemma in SPEECH_VERBS or lemma in OBJECT_VERBS or lemma in PARTICLE_CUES
    on(f"kind={cand.kind}")
    on(f"type={cand.type}")
    on(f"kind*type={cand.kind}*{cand.type}")
    on(f"lemma={lemma}")
    on(f"lemma*kind={lemma}*{cand.kind}")
    on(f"lex={lex}")
    on(f"lex*kind={lex}*{cand.kind}")
    n_words = sum(len(_WORD.findall(doc_text(doc)[s:e])) for s, e in cand.parts)
    on(f"len={_bucket(n_words)}")
    on(f"len*type={_bucket(n_words)}*{cand.type}")
    on(f"parts={min(len(cand.parts), 3)}")
    tok = cand.cue_tok
    if tok is not None:
        on(f"cue_tag={tok.tag_}")
        on(f"cue_dep={tok.dep_}")
        on(f"lemma*tag={lemma}*{tok.tag_}")
        if any(c.dep_ == "neg" for c in tok.children):
            on("cue_neg")
        if any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "might", "may")
            for c in tok.children
        ):
            on("cue_modal")
        on("content_before" if cand.start < tok.idx else "content_after")
        if any(c.dep_ == "dobj" for c in tok.children):
            on("cue_has_dobj")
    else:
        on("no_cue")
    first = doc_text(doc)[cand.start : cand.start + 5].lower()
    if first.startswith("that "):
        on("starts_that")
    if first[:3] in ("to ", "if "):
        on(f"starts={first[:3].strip()}")
    sp = cand.speaker
    subj = cand.subj
    if subj is None:
        on("subj=none")
    else:
        low = subj.lower_
        if low in PRONOUNS_PERSON:
            on("subj=pron_person")
        elif low in PRONOUNS_THING:
            on("subj=pron_thing")
        elif subj.tag_ in ("PRP", "WP", "WDT") or low in ("who", "that", "which"):
            on(f"subj={low}")
        else:
            on(f"subj_ent={subj.ent_type_ or 'none'}")
            on(f"subj_tag={subj.tag_}")
        on(f"subj_side={'before' if tok is None or subj.i < tok.i else 'after'}")
    if sp is not None:
        on(f"resolved={sp.name is not None}")
        on(f"actor={sp.actor.label if sp.actor is not None else 'none'}")
    if cand.carry_from is not None:
        on("carry")
    if cand.kind == "ccomp" and tok is not None:
        ccomp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if ccomp is not None:
            on(f"ccomp_tag={ccomp.tag_}")
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in ccomp.children):
                on("ccomp_has_subj")
    return f


@dataclass
class QuoteModel:
    """Weights of the candidate filter."""

    weights: dict[str, float]
    bias: float
    threshold: float  # for candidates with quotation marks (direct, mixed)
    threshold_unquoted: float  # for indirect candidates
    cue_lemmas: frozenset[str]

    def keep(self, cand) -> bool:
        """Whether a scored candidate passes its threshold."""
        t = self.threshold if cand.type != "indirect" else self.threshold_unquoted
        return cand.score >= t

    def is_cue(self, lemma: str) -> bool:
        """Verbs the model has seen as cues in training (plus the lexicon)."""
        return (
            lemma in self.cue_lemmas
            or lemma in SPEECH_VERBS
            or lemma in OBJECT_VERBS
            or lemma in PARTICLE_CUES
        )

    def score(self, doc, cand, qctx) -> float:
        """Probability that ``cand`` is a correct, correctly attributed quote."""
        z = self.bias + sum(
            self.weights.get(k, 0.0) * v for k, v in features(doc, cand, qctx).items()
        )
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
    )
