"""Train the quote-candidate filter (``analyze/models/quotes.json``) on PolNeAR.

Reads PolNeAR in place (``../shared/data/quotes/polnear`` or
``$NEWSLEDGER_SHARED_DATA/quotes/polnear``; nothing of it is copied).  For every
article of the train split, newsledger's rules generate quote candidates (with a
wide cue vocabulary: the lexicon plus every verb that is a gold cue at least
``MIN_CUE_COUNT`` times in train); a candidate is positive when it matches a gold
attribution the way the reference scorer counts an attribution true positive
(content words shared >= 0.5 both ways, one-to-one, and the speaker right).  A
logistic regression over :func:`newsledger.analyze.quote_model.features` is fitted
on train; the decision thresholds (one for quoted, one for unquoted candidates)
are tuned on dev.  The test split is never read here.

    python scripts/train_quotes.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"\w+")
# A verb must be a gold cue this often in train to widen the cue vocabulary.
MIN_CUE_COUNT = 2
# L2 strength of the logistic regression (chosen on dev among a few values).
C_VALUES = (0.1, 0.3, 1.0)
OVERLAP = 0.5  # the reference scorer's content-match share
_DQ = frozenset('"\u201c\u201d\u00ab\u00bb\u201e')


def polnear_root() -> Path:
    env = os.environ.get("NEWSLEDGER_SHARED_DATA")
    base = Path(env) if env else REPO.parent / "shared" / "data"
    root = base / "quotes" / "polnear" / "data"
    if not root.is_dir():
        sys.exit(f"PolNeAR not found at {root}")
    return root


def _spans(s: str) -> list[tuple[int, int]]:
    out = []
    for part in s.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_gold(split_dir: Path) -> dict[str, tuple[str, list[dict]]]:
    """{doc_id: (text, [attribution{content, speaker, cue}])}, first annotator file."""
    out = {}
    anns: dict[str, list[Path]] = {}
    for p in (split_dir / "attributions").glob("*.ann"):
        anns.setdefault(p.stem.rsplit("_", 1)[0], []).append(p)
    for tp in sorted((split_dir / "text").glob("*.txt")):
        with open(tp, encoding="utf-8") as fh:
            text = fh.read()
        files = sorted(anns.get(tp.stem, []))
        quotes = []
        if files:
            tbs, events = {}, []
            with open(files[0], encoding="utf-8") as fh:
                for line in fh:
                    parts = line.rstrip("\n").split("\t")
                    if line.startswith("T") and len(parts) >= 2:
                        head = parts[1].split(" ", 1)
                        if len(head) == 2:
                            try:
                                tbs[parts[0]] = (head[0], _spans(head[1]))
                            except ValueError:
                                continue
                    elif line.startswith("E") and len(parts) >= 2:
                        events.append(parts[1].split())
            for ev in events:
                q: dict[str, list] = {"content": [], "speaker": [], "cue": []}
                for arg in ev:
                    role, _, tid = arg.partition(":")
                    role = role.rstrip("0123456789")
                    key = {"Content": "content", "Source": "speaker", "Cue": "cue"}.get(role)
                    if key and tid in tbs:
                        q[key].extend(tbs[tid][1])
                if q["content"]:
                    quotes.append(q)
        out[tp.stem] = (text, quotes)
    return out


def _tok_ids(starts: list[int], ends: list[int], spans) -> set[int]:
    import bisect

    ids = set()
    for s, e in spans:
        i = bisect.bisect_right(ends, s)
        while i < len(starts) and starts[i] < e:
            ids.add(i)
            i += 1
    return ids


_STOP = frozenset(
    str.split("""the a an of and or to in on for at by with from his her their its he she they
it we i you him them who that this these those mr mrs ms miss dr sen senator rep gov governor
president former prime minister secretary chairman s said says spokesman spokeswoman official
officials""")
)


def _cwords(s: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(s)} - _STOP


def is_quoted(text: str, spans) -> bool:
    """Whether a gold content has double quotation marks in or right around it."""
    return any(ch in _DQ for s, e in spans for ch in text[max(0, s - 1) : e + 2])


def label_candidates(text: str, gold: list[dict], cands: list) -> tuple[list[int], list]:
    """1 for a candidate that is an attribution true positive, else 0; and, per
    candidate, whether the gold quote it matched is quoted (None: matched none)."""
    starts, ends = [], []
    for m in _WORD.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    g_tok = [_tok_ids(starts, ends, g["content"]) for g in gold]
    g_src = [_tok_ids(starts, ends, g["speaker"]) for g in gold]
    g_words = [_cwords(" ".join(text[s:e] for s, e in g["speaker"])) for g in gold]
    pairs = []
    for i, c in enumerate(cands):
        pt = _tok_ids(starts, ends, c.parts)
        for j, gt in enumerate(g_tok):
            inter = len(pt & gt)
            if inter and inter >= OVERLAP * len(gt) and inter >= OVERLAP * len(pt):
                pairs.append((-inter / len(pt | gt), i, j))
    pairs.sort()
    labels = [0] * len(cands)
    matched: list = [None] * len(cands)
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matched[i] = is_quoted(text, gold[j]["content"])
        sp = cands[i].speaker
        if g_src[j]:
            ok = sp is not None and (
                bool(_tok_ids(starts, ends, [(sp.start, sp.end)]) & g_src[j])
                or bool(_cwords(sp.name or "") & g_words[j])
            )
        else:
            ok = sp is None  # the scorer wants no speaker where the gold has none
        labels[i] = int(ok)
    return labels, matched


def candidates_of(split_dir: Path, gold, is_cue, limit: int = 0):
    """Feature dicts, labels, candidate types and the gold counts of one split."""
    from newsledger.analyze.attribution import _dedupe
    from newsledger.analyze.coref import resolve_mention
    from newsledger.analyze.entities import build_entities
    from newsledger.analyze.nlp import parse_many
    from newsledger.analyze.quote_model import features
    from newsledger.analyze.quotes import QuoteContext, find_candidates

    ids = sorted(gold)[: limit or None]
    X, y, types, quoted_match = [], [], [], []
    n_gold = Counter()
    for doc_id, doc in zip(ids, parse_many(gold[i][0] for i in ids), strict=True):
        text, quotes = gold[doc_id]
        for q in quotes:
            n_gold["quoted" if is_quoted(text, q["content"]) else "unquoted"] += 1
        index = build_entities(doc)
        qctx = QuoteContext(text)
        cands = find_candidates(doc, index, qctx, is_cue=is_cue)
        for c in cands:
            if c.carry_from is not None:
                c.speaker = c.carry_from.speaker
            elif c.subj is not None:
                c.speaker = resolve_mention(doc, c.subj, index, qctx.in_quote)
        cands = _dedupe(cands)
        labels, matched = label_candidates(text, quotes, cands)
        for c, lab, m in zip(cands, labels, matched, strict=True):
            X.append(features(doc, c, qctx))
            y.append(lab)
            types.append(c.type)
            quoted_match.append(m)
    return X, y, types, quoted_match, n_gold


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def tune_thresholds(probs, y, types, quoted_match, n_gold) -> tuple[float, float, float, float]:
    """Thresholds (quoted, unquoted candidates) maximising the sum of the scorer's two
    attribution F1s: ``quoted`` (predictions matched to an unquoted gold quote are not
    counted) and ``all``."""
    grid = [i / 100 for i in range(5, 96, 5)]
    best = (0.5, 0.5, 0.0, 0.0)
    total = n_gold["quoted"] + n_gold["unquoted"]
    for tq in grid:
        for tu in grid:
            tp_q = tp_a = pred_q = pred_a = 0
            for p, lab, t, m in zip(probs, y, types, quoted_match, strict=True):
                if p < (tq if t != "indirect" else tu):
                    continue
                pred_a += 1
                tp_a += lab
                if m is not False:  # unmatched or matched a quoted gold quote
                    pred_q += 1
                    tp_q += lab if m else 0
            fq, fa = _f1(tp_q, pred_q, n_gold["quoted"]), _f1(tp_a, pred_a, total)
            if fq + fa > best[2] + best[3]:
                best = (tq, tu, fq, fa)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="train articles to use (0 = all)")
    ap.add_argument("--out", default=str(REPO / "src/newsledger/analyze/models/quotes.json"))
    a = ap.parse_args(argv)
    import sklearn
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from newsledger.analyze.cues import OBJECT_VERBS, PARTICLE_CUES, SPEECH_VERBS, verb_lemma

    root = polnear_root()
    train = read_gold(root / "train")
    dev = read_gold(root / "dev")
    cue_counts: Counter[str] = Counter()
    for text, quotes in train.values():
        for q in quotes:
            for s, e in q["cue"][:1]:
                words = _WORD.findall(text[s:e])
                if words:
                    cue_counts[verb_lemma(words[0])] += 1
    cue_lemmas = sorted(w for w, n in cue_counts.items() if n >= MIN_CUE_COUNT and w.isalpha())

    def is_cue(lemma: str) -> bool:
        return (
            lemma in cue_set
            or lemma in SPEECH_VERBS
            or lemma in OBJECT_VERBS
            or lemma in PARTICLE_CUES
        )

    cue_set = frozenset(cue_lemmas)
    print(f"cue lemmas: {len(cue_lemmas)}", file=sys.stderr)
    Xtr, ytr, _, _, _ = candidates_of(root / "train", train, is_cue, a.limit)
    print(f"train candidates: {len(ytr)}, positive {sum(ytr)}", file=sys.stderr)
    Xdv, ydv, tdv, mdv, gdv = candidates_of(root / "dev", dev, is_cue)
    vec = DictVectorizer()
    Atr = vec.fit_transform(Xtr)
    Adv = vec.transform(Xdv)
    best = None
    for C in C_VALUES:
        clf = LogisticRegression(C=C, max_iter=2000)
        clf.fit(Atr, ytr)
        probs = clf.predict_proba(Adv)[:, 1]
        tq, tu, fq, fa = tune_thresholds(probs, ydv, tdv, mdv, gdv)
        print(
            f"C={C}: dev attribution F1 quoted {fq:.3f}, all {fa:.3f} (thresholds {tq}/{tu})",
            file=sys.stderr,
        )
        if best is None or fq + fa > best[0]:
            best = (fq + fa, C, clf, tq, tu)
    _, C, clf, tq, tu = best
    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), 4)
        for n, w in zip(names, clf.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }
    out = {
        "about": "quote-candidate filter trained on PolNeAR train by scripts/train_quotes.py",
        "sklearn": sklearn.__version__,
        "C": C,
        "bias": round(float(clf.intercept_[0]), 4),
        "threshold": tq,
        "threshold_unquoted": tu,
        "cue_lemmas": cue_lemmas,
        "weights": dict(sorted(weights.items())),
    }
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {a.out}: {len(weights)} weights, C={C}, thresholds {tq}/{tu}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
