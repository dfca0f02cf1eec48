"""Extraction section: newsledger vs peer extractors on two public data sets.

* Scrapinghub article-extraction-benchmark (181 pages, ``ground-truth.json``
  ``articleBody``), scored with that benchmark's metric: 4-token shingles over
  ``\\w+`` tokens; per page tp/fp/fn; P = mean page precision over pages with
  output, R = mean page recall, F1 = harmonic mean of the two means; also the
  mean page F1 (an empty output scores 0 there).
* trafilatura's evaluation corpus (990 pages, ``expectations.json``): each 'with'
  snippet found (whitespace-normalised substring) is a TP, else an FN; each
  'without' snippet found is an FP, else a TN; counts summed over the corpus.

Protocol: same pages, same run, one process, one page at a time; pages are decoded
to ``str`` beforehand (not timed, same decoding for all); only the extractor call is
timed; one untimed warm-up per extractor; a per-page alarm turns a hang into empty
output, and a crash is empty output too (both counted).  Extractors are interleaved
page by page, so machine noise hits all of them alike and the speed ratios to
trafilatura are side by side.  Extra timing-only passes (median reported) are run
for extractors fast enough to afford them.

The numbers are checked against the reference scorer
(``shared/tools/extraction_eval.py``) by running it as a subprocess on trafilatura
and readability with the same settings.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import (
    REPO,
    decode_html,
    dist_version,
    fmt,
    md_table,
    median,
    progress,
    quiet_peers,
    read_bytes,
    require,
    shared_data_dir,
    timed_call,
)
from bench.peers import BASELINE, EXTRACTORS, Extractor

SHINGLE_N = 4  # the Scrapinghub benchmark's shingle size
PAGE_TIMEOUT_S = 30.0  # far above any sane page (peers take < 2 s); only a hang reaches it
TIMING_PASSES = 3  # passes for the median speed, for extractors that can afford it
EXTRA_PASS_BUDGET_S = (
    30.0  # a first pass longer than this gets no extra passes (keeps make bench short)
)
QUICK_LIMITS = {"scrapinghub": 40, "trafilatura-eval": 120}  # --quick: the first N pages
AGREEMENT_TOLERANCE = 0.0005  # "agree to 3 decimals"
REFERENCE_EXTRACTORS = {"trafilatura": "trafilatura_nocomments", "readability-lxml": "readability"}
PAGES_LOG = REPO / "bench" / "out" / "extraction_pages.jsonl"  # per-page rows, gitignored


# --- the metric -------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


def tokens(text: str | None) -> list[str]:
    """Runs of word characters: whitespace and punctuation only separate."""
    return _TOKEN.findall(text or "")


def shingles(toks: Sequence[str], n: int = SHINGLE_N) -> Counter:
    """The multiset of overlapping n-token shingles (a short text is one shingle)."""
    if not toks:
        return Counter()
    if len(toks) <= n:
        return Counter({tuple(toks): 1})
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def shingle_counts(
    reference: str, prediction: str | None, n: int = SHINGLE_N
) -> tuple[int, int, int]:
    """(tp, fp, fn) of one page: shared shingles, surplus in prediction, surplus in reference."""
    ref, pred = shingles(tokens(reference), n), shingles(tokens(prediction), n)
    tp = sum((ref & pred).values())
    return tp, sum(pred.values()) - tp, sum(ref.values()) - tp


def page_prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 of one page; identical texts (even both empty) score 1."""
    if fp == 0 and fn == 0:
        return 1.0, 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * tp / (2 * tp + fp + fn)


def shingle_scores(counts: Sequence[tuple[int, int, int]]) -> dict[str, float]:
    """The benchmark's aggregation (P over pages with output, R over pages with a reference).

    Also the mean page F1 and corpus-level (micro) P/R/F1 over summed counts.
    """
    if not counts:
        return {"pages": 0}
    per_page = [page_prf(*c) for c in counts]
    ps = [prf[0] for c, prf in zip(counts, per_page, strict=True) if c[0] + c[1] > 0]
    rs = [prf[1] for c, prf in zip(counts, per_page, strict=True) if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    mp = tp / (tp + fp) if tp + fp else 0.0
    mr = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pages": len(counts),
        "P": p,
        "R": r,
        "F1": _harmonic(p, r),
        "page_F1": sum(f for _, _, f in per_page) / len(per_page),
        "micro_P": mp,
        "micro_R": mr,
        "micro_F1": _harmonic(mp, mr),
    }


def _harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def snippet_counts(
    with_: Sequence[str], without: Sequence[str], prediction: str | None
) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page by whitespace-normalised substring presence."""
    out = _squash(prediction or "")
    tp = sum(1 for s in with_ if _squash(s) in out) if out else 0
    fp = sum(1 for s in without if _squash(s) in out) if out else 0
    return tp, fp, len(with_) - tp, len(without) - fp


def snippet_scores(counts: Sequence[tuple[int, int, int, int]]) -> dict[str, float]:
    """P, R, F1 and accuracy over counts summed across the corpus."""
    tp, fp, fn, tn = (sum(c[i] for c in counts) for i in range(4))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fp + fn + tn
    return {
        "pages": len(counts),
        "TP": tp,
        "FP": fp,
        "FN": fn,
        "TN": tn,
        "P": p,
        "R": r,
        "F1": _harmonic(p, r),
        "accuracy": (tp + tn) / total if total else 0.0,
    }


# --- the data sets -------------------------------------------------------------


@dataclass
class Page:
    """One benchmark page, decoded, with its expectations."""

    id: str
    html: str
    nbytes: int
    url: str | None
    reference: str | None = None  # Scrapinghub: the expected article body
    with_: list[str] = field(default_factory=list)  # trafilatura-eval snippets
    without: list[str] = field(default_factory=list)
    english: bool = False  # by the words of its expectations (see looks_english)


@dataclass
class Dataset:
    name: str
    kind: str  # "shingles" or "snippets"
    pages: list[Page]


# The commonest English function words; in English prose they are a third or more of
# the words, in other languages (even with English loanwords) far fewer.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "was",
        "on",
        "with",
        "as",
        "he",
        "be",
        "by",
        "at",
        "are",
        "this",
        "have",
        "from",
        "or",
        "an",
        "they",
        "which",
        "you",
        "were",
        "her",
        "his",
        "has",
        "not",
        "but",
        "we",
        "their",
        "will",
        "been",
        "would",
        "who",
    ]
)
ENGLISH_SHARE = (
    0.15  # English prose scores ~0.3-0.4; short English snippets dip, other languages stay lower
)


def looks_english(text: str) -> bool:
    """A rough language test, only to report the English pages apart."""
    words = [w.lower() for w in tokens(text)]
    return bool(words) and sum(w in _ENGLISH_WORDS for w in words) / len(words) >= ENGLISH_SHARE


def _html_file(folder: Path, stem: str) -> Path:
    for candidate in (folder / f"{stem}.gz", folder / stem):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no HTML file for {stem} in {folder}")


def load_scrapinghub(limit: int | None = None) -> Dataset:
    """The 181 Scrapinghub pages with their ground-truth article bodies (sorted by id)."""
    root = require("extraction/scrapinghub")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        raw = read_bytes(_html_file(root / "html", f"{key}.html"))
        entry = truth[key]
        pages.append(
            Page(
                key,
                decode_html(raw),
                len(raw),
                entry.get("url"),
                reference=entry.get("articleBody") or "",
                english=looks_english(entry.get("articleBody") or ""),
            )
        )
    return Dataset("scrapinghub", "shingles", pages)


def load_trafilatura_eval(limit: int | None = None) -> Dataset:
    """The 990 trafilatura evaluation pages with their snippet expectations (sorted by file)."""
    root = require("extraction/trafilatura-eval")
    expect = json.loads((root / "expectations.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(expect)[:limit]:
        raw = read_bytes(_html_file(root / "html", key))
        entry = expect[key]
        pages.append(
            Page(
                key,
                decode_html(raw),
                len(raw),
                entry.get("url"),
                with_=list(entry["with"]),
                without=list(entry["without"]),
                english=looks_english(" ".join(entry["with"])),
            )
        )
    return Dataset("trafilatura-eval", "snippets", pages)


# --- running ---------------------------------------------------------------------


@dataclass
class Tally:
    """What one extractor did on one data set."""

    name: str
    counts: list[tuple[int, ...]] = field(default_factory=list)
    pass_seconds: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)  # "timeout" / exception type -> pages
    page_errors: list[str | None] = field(default_factory=list)  # pass 1, aligned with counts
    empty: int = 0
    setup_error: str | None = None


def _score(dataset: Dataset, page: Page, output: str) -> tuple[int, ...]:
    if dataset.kind == "shingles":
        return shingle_counts(page.reference or "", output)
    return snippet_counts(page.with_, page.without, output)


def run_dataset(
    dataset: Dataset,
    extractors: Sequence[Extractor],
    passes: int,
    timeout_s: float,
    log: Any = None,
) -> dict[str, Tally]:
    """Score every extractor on every page (pass 1) and time it (median of passes)."""
    tallies = {e.name: Tally(e.name) for e in extractors}
    fns = {}
    for e in extractors:
        try:
            fns[e.name] = e.factory()
        except Exception as exc:  # noqa: BLE001 - a missing/broken peer is reported in the table
            tallies[e.name].setup_error = f"{type(exc).__name__}: {exc}"
    if not dataset.pages:
        return tallies
    first = dataset.pages[0]
    for fn in fns.values():  # untimed warm-up: lazy imports, caches
        timed_call(lambda fn=fn: fn(first.html, first.url), timeout_s)
    with quiet_peers():
        _passes(dataset, fns, tallies, passes, timeout_s, log)
    return tallies


def _passes(
    dataset: Dataset,
    fns: dict[str, Any],
    tallies: dict[str, Tally],
    passes: int,
    timeout_s: float,
    log: Any,
) -> None:
    active = list(fns)
    for n_pass in range(passes):
        totals = dict.fromkeys(active, 0.0)
        t_pass = time.perf_counter()
        for i, page in enumerate(dataset.pages):
            for name in active:
                res = timed_call(lambda fn=fns[name], page=page: fn(page.html, page.url), timeout_s)
                totals[name] += res.seconds
                if n_pass:
                    continue  # timing-only pass: outputs were scored in pass 1
                tally = tallies[name]
                if res.error:
                    tally.errors[res.error.split(":")[0]] += 1
                if not res.output.strip():
                    tally.empty += 1
                tally.counts.append(_score(dataset, page, res.output))
                tally.page_errors.append(res.error)
                if log is not None:
                    log.write(
                        json.dumps(
                            {
                                "dataset": dataset.name,
                                "extractor": name,
                                "page": page.id,
                                "seconds": round(res.seconds, 5),
                                "error": res.error,
                                "chars": len(res.output),
                                "counts": tally.counts[-1],
                            }
                        )
                        + "\n"
                    )
            if (i + 1) % 100 == 0:
                progress(
                    f"extraction {dataset.name} pass {n_pass + 1}: {i + 1}/{len(dataset.pages)} pages"
                )
        for name in active:
            tallies[name].pass_seconds.append(totals[name])
        progress(
            f"extraction {dataset.name} pass {n_pass + 1} done in {time.perf_counter() - t_pass:.0f}s"
        )
        # Only extractors whose first pass was cheap get more timing passes.
        active = [n for n in active if tallies[n].pass_seconds[0] <= EXTRA_PASS_BUDGET_S]
        if not active:
            break


def summarise(dataset: Dataset, tally: Tally) -> dict[str, Any]:
    """The raw numbers of one extractor on one data set."""
    if tally.setup_error:
        return {"setup_error": tally.setup_error}
    scores = (
        shingle_scores(tally.counts) if dataset.kind == "shingles" else snippet_scores(tally.counts)
    )
    english = [c for c, p in zip(tally.counts, dataset.pages, strict=True) if p.english]
    en_scores = shingle_scores(english) if dataset.kind == "shingles" else snippet_scores(english)
    seconds = median(tally.pass_seconds)
    failed = sum(tally.errors.values())
    return {
        **scores,
        "F1_en": en_scores.get("F1"),
        "pages_en": len(english),
        "seconds": seconds,
        # No speed when no call succeeded: failing fast is not extracting fast.
        "pages_per_s": len(dataset.pages) / seconds
        if seconds and failed < len(dataset.pages)
        else None,
        "passes_s": [round(s, 2) for s in tally.pass_seconds],
        "crashes": sum(v for k, v in tally.errors.items() if k != "timeout"),
        "timeouts": tally.errors.get("timeout", 0),
        "error_kinds": dict(tally.errors),
        "empty": tally.empty,
    }


def _add_ratios(results: dict[str, dict[str, Any]]) -> None:
    base = results.get(BASELINE, {})
    for row in results.values():
        if "setup_error" in row or "setup_error" in base or not base:
            continue
        row["F1_ratio"] = row["F1"] / base["F1"] if base.get("F1") else None
        fast, base_fast = row.get("pages_per_s"), base.get("pages_per_s")
        row["speed_ratio"] = fast / base_fast if fast and base_fast else None


# --- the reference scorer check ---------------------------------------------------


def reference_tool() -> Path | None:
    """The reference scorer beside the shared data (``shared/tools/extraction_eval.py``)."""
    path = shared_data_dir().parent / "tools" / "extraction_eval.py"
    return path if path.is_file() else None


@dataclass
class PageRecord:
    """Our pass-1 result on one page, for the per-page comparison with the reference."""

    counts: tuple[int, ...]
    error: str | None


def _run_reference(
    tool: Path, ds: Dataset, names: list[str], limit: int | None, timeout_s: float
) -> tuple[dict, list[dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        out, pages = Path(tmp) / "ref.json", Path(tmp) / "pages.jsonl"
        cmd = [sys.executable, str(tool), "--dataset", str(require(f"extraction/{ds.name}")), "-e", *names,
               "--bootstrap", "0", "--pass-url", "--timeout", str(timeout_s), "--quiet", "--out", str(out),
               "--per-page", str(pages)]  # fmt: skip
        if limit:
            cmd += ["--limit", str(limit)]
        progress(f"extraction: reference scorer on {ds.name} ({', '.join(names)})")
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600, check=False)
        if proc.returncode != 0 or not out.is_file():
            raise RuntimeError(
                f"reference scorer failed (rc {proc.returncode}): {proc.stderr[-500:]}"
            )
        summary = json.loads(out.read_text(encoding="utf-8"))
        rows = [
            json.loads(line)
            for line in pages.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return summary, rows


def reference_check(
    datasets: Sequence[Dataset],
    results: dict[str, dict[str, dict]],
    per_page: dict[str, dict[str, dict[str, PageRecord]]],
    limits: dict,
    timeout_s: float,
) -> dict:
    """Run the reference scorer on trafilatura and readability; compare P, R, F1 and every page's counts.

    Pages whose counts differ are listed with the side that failed, so a disagreement
    caused by one tool's crash is told apart from a metric or decoding difference.
    """
    tool = reference_tool()
    if tool is None:
        return {"status": "reference scorer not found beside the shared data: not checked"}
    rows = []
    for ds in datasets:
        ours_by_ref = {
            ref: name for name, ref in REFERENCE_EXTRACTORS.items() if name in results[ds.name]
        }
        if not ours_by_ref:
            continue
        try:
            ref, ref_pages = _run_reference(
                tool, ds, list(ours_by_ref), limits.get(ds.name), timeout_s
            )
        except (RuntimeError, subprocess.TimeoutExpired, OSError, ValueError) as exc:
            return {"status": f"not checked: {exc}"}
        keys = ("bench_P", "bench_R", "bench_F1") if ds.kind == "shingles" else ("P", "R", "F1")
        count_keys = ("tp", "fp", "fn") if ds.kind == "shingles" else ("tp", "fp", "fn", "tn")
        for summary in ref["results"]:
            name = ours_by_ref[summary["extractor"]]
            ours, theirs = results[ds.name][name], summary.get("all", {})
            diffs = [
                abs(ours[k] - theirs[rk]) for k, rk in zip(("P", "R", "F1"), keys, strict=True)
            ]
            differing = []
            for page in ref_pages:
                if page["extractor"] != summary["extractor"]:
                    continue
                mine = per_page[ds.name][name][page["id"]]
                if tuple(page[k] for k in count_keys) != tuple(mine.counts):
                    differing.append(
                        {
                            "page": page["id"],
                            "reference_error": page["error"],
                            "our_error": mine.error,
                        }
                    )
            rows.append({"dataset": ds.name, "extractor": name, "ours_F1": ours["F1"],
                         "reference_F1": theirs.get(keys[2]), "max_abs_diff": max(diffs),
                         "pages_differing": differing})  # fmt: skip
    agree = bool(rows) and all(r["max_abs_diff"] <= AGREEMENT_TOLERANCE for r in rows)
    # Every differing page explained by a crash on the reference's side only?
    explained = all(
        d["reference_error"] and not d["our_error"] for r in rows for d in r["pages_differing"]
    )
    return {
        "status": "yes" if agree else "no",
        "differences_only_reference_crashes": explained,
        "rows": rows,
    }


# --- the section -------------------------------------------------------------------


def measure(quick: bool = False, names: list[str] | None = None) -> dict[str, Any]:
    """Run every extractor on both data sets; the raw numbers."""
    limits = QUICK_LIMITS if quick else {}
    passes = 1 if quick else TIMING_PASSES
    extractors = [e for e in EXTRACTORS if not names or e.name in names]
    t0 = time.perf_counter()
    datasets = []
    for loader, key in (
        (load_scrapinghub, "scrapinghub"),
        (load_trafilatura_eval, "trafilatura-eval"),
    ):
        progress(f"extraction: loading {key}")
        datasets.append(loader(limits.get(key)))
    results: dict[str, dict[str, dict]] = {}
    PAGES_LOG.parent.mkdir(parents=True, exist_ok=True)
    per_page: dict[str, dict[str, dict[str, PageRecord]]] = {}
    with PAGES_LOG.open("w", encoding="utf-8") as log:
        for ds in datasets:
            progress(f"extraction: {ds.name}, {len(ds.pages)} pages x {len(extractors)} extractors")
            tallies = run_dataset(ds, extractors, passes, PAGE_TIMEOUT_S, log)
            per_page[ds.name] = {
                name: {
                    p.id: PageRecord(c, e)
                    for p, c, e in zip(ds.pages, t.counts, t.page_errors, strict=True)
                }
                for name, t in tallies.items()
                if name in REFERENCE_EXTRACTORS and not t.setup_error
            }
            results[ds.name] = {name: summarise(ds, t) for name, t in tallies.items()}
            _add_ratios(results[ds.name])
    check = reference_check(datasets, results, per_page, limits, PAGE_TIMEOUT_S)
    return {
        "quick": quick,
        "datasets": {
            ds.name: {
                "pages": len(ds.pages),
                "html_MB": round(sum(p.nbytes for p in ds.pages) / 1e6, 1),
            }
            for ds in datasets
        },
        "extractors": {
            e.name: {"version": dist_version(e.dist), "call": e.description} for e in extractors
        },
        "timing": {
            "passes": passes,
            "extra_pass_budget_s": EXTRA_PASS_BUDGET_S,
            "page_timeout_s": PAGE_TIMEOUT_S,
            "cpu_count": os.cpu_count(),
        },
        "results": results,
        "reference_check": check,
        "wall_s": round(time.perf_counter() - t0, 1),
    }


def _cells(row: dict[str, Any], keys: Sequence[str]) -> list[str]:
    return [fmt(row.get(k)) for k in keys]


_DATASET_COLUMNS = {
    "scrapinghub": ("F1", "P", "R", "page_F1", "micro_F1"),
    "trafilatura-eval": ("F1", "P", "R", "accuracy"),
}


def _intro(data: dict[str, Any]) -> list[str]:
    sh, te = data["datasets"].get("scrapinghub", {}), data["datasets"].get("trafilatura-eval", {})
    t = data["timing"]
    return [
        f"Data: Scrapinghub article-extraction-benchmark ({sh.get('pages')} pages, {sh.get('html_MB')} MB) "
        "scored with its shingle metric (4-token shingles over `\\w+` tokens; P = mean page precision over "
        "pages with output, R = mean page recall, F1 = harmonic mean of the two; page F1 = mean per-page "
        f"F1, empty output = 0); trafilatura evaluation corpus ({te.get('pages')} pages, {te.get('html_MB')} MB, "
        "most not in English) scored by whitespace-normalised snippet presence (TP/FP/FN/TN summed over the "
        "corpus). 'F1 en' = the same metric on the pages that look English (function-word share)."
        + (" **Quick mode: first pages only.**" if data["quick"] else ""),
        "",
        "Protocol: one process, one page at a time, extractors interleaved page by page; pages decoded to "
        "str beforehand (same decoding for all, not timed); the page URL given to every extractor; one "
        f"untimed warm-up each; per-page timeout {t['page_timeout_s']:.0f} s (a timeout or a crash = empty "
        f"output). Speed = pages / seconds inside the extractor call, median of {t['passes']} passes for "
        f"extractors whose first pass took at most {t['extra_pass_budget_s']:.0f} s, else one pass. Ratios "
        f"are to `{BASELINE}` (include_comments=False), measured side by side in the same run. The machine is "
        "shared with other jobs: absolute speeds are noisy, ratios less so.",
        "",
    ]


def _summary_table(data: dict[str, Any]) -> str:
    res = data["results"]
    rows = []
    for name, info in data["extractors"].items():
        a = res.get("scrapinghub", {}).get(name, {})
        b = res.get("trafilatura-eval", {}).get(name, {})
        rows.append(
            [name, info["version"], fmt(a.get("F1")), fmt(b.get("F1")), fmt(a.get("pages_per_s"), 1),
             fmt(b.get("pages_per_s"), 1), fmt(a.get("F1_ratio"), 2), fmt(b.get("F1_ratio"), 2),
             fmt(a.get("speed_ratio"), 2), fmt(b.get("speed_ratio"), 2)]
        )  # fmt: skip
    header = ["extractor", "version", "SH F1", "TE F1", "SH pages/s", "TE pages/s", "SH F1 / traf",
              "TE F1 / traf", "SH speed / traf", "TE speed / traf"]  # fmt: skip
    return md_table(header, rows)


def _dataset_table(data: dict[str, Any], ds_name: str) -> str:
    cols = _DATASET_COLUMNS[ds_name]
    rows = []
    n_en = 0
    for name in data["extractors"]:
        row = data["results"].get(ds_name, {}).get(name)
        if row is None:
            continue
        if "setup_error" in row:
            rows.append([name, f"setup failed: {row['setup_error']}"] + [""] * (len(cols) + 6))
            continue
        n_en = row["pages_en"]
        rows.append(
            [name, *_cells(row, cols), fmt(row.get("F1_en")), fmt(row["pages_per_s"], 1),
             fmt(row.get("F1_ratio"), 2), fmt(row.get("speed_ratio"), 2), row["crashes"], row["timeouts"],
             row["empty"]]
        )  # fmt: skip
    header = ["extractor", *cols, f"F1 en ({n_en} p.)", "pages/s", "F1 / traf", "speed / traf", "crashes",
              "timeouts", "empty"]  # fmt: skip
    return md_table(header, rows)


def _reference_lines(check: dict[str, Any]) -> list[str]:
    out = [
        "Reference scorer (`shared/tools/extraction_eval.py`, run as a subprocess on the same pages with "
        "`--pass-url`, trafilatura without comments and readability): F1s agree to 3 decimals: "
        f"**{check['status']}**"
    ]
    if not check.get("rows"):
        return out
    rows = []
    for r in check["rows"]:
        diff = r["pages_differing"]
        ref_only = sum(1 for d in diff if d["reference_error"] and not d["our_error"])
        rows.append([r["dataset"], r["extractor"], fmt(r["ours_F1"], 4), fmt(r["reference_F1"], 4),
                     f"{r['max_abs_diff']:.1e}", len(diff), ref_only])  # fmt: skip
    header = ["data set", "extractor", "our F1", "reference F1", "max abs diff of P/R/F1",
              "pages with other counts", "of which only the reference crashed"]  # fmt: skip
    out += ["", md_table(header, rows)]
    crashes = sorted(
        {
            d["reference_error"]
            for r in check["rows"]
            for d in r["pages_differing"]
            if d["reference_error"]
        }
    )
    if check.get("differences_only_reference_crashes") and crashes:
        out += [
            "",
            "Every page with different counts is one where the reference tool's own adapter crashed and "
            f"ours did not ({'; '.join(crashes)}): metric and decoding agree on all other pages.",
        ]
    return out


def render(data: dict[str, Any]) -> str:
    """The markdown section for :func:`measure`'s numbers."""
    out = ["## Extraction: newsledger vs peers", "", *_intro(data)]
    out += ["### Summary (SH = Scrapinghub, TE = trafilatura-eval)", "", _summary_table(data), ""]
    for ds_name in _DATASET_COLUMNS:
        if ds_name in data["results"]:
            out += [f"### {ds_name}", "", _dataset_table(data, ds_name), ""]
    kinds = [
        f"{name} on {ds}: {row['error_kinds']}"
        for ds, per in data["results"].items()
        for name, row in per.items()
        if row.get("error_kinds")
    ]
    if kinds:
        out += ["Crash/timeout kinds: " + "; ".join(kinds) + ".", ""]
    out += [
        "Notes: jusText runs with its English stoplist (as configured), so it returns little or nothing on "
        "the non-English trafilatura-eval pages; newspaper4k needs its optional `nlp` extra (nltk) for "
        "some languages (e.g. Korean) and crashes there without it.",
        "",
        *_reference_lines(data["reference_check"]),
        "",
        f"Section wall time: {data['wall_s']:.0f} s. Per-page rows: `bench/out/extraction_pages.jsonl` "
        "(not committed).",
    ]
    return "\n".join(out) + "\n"


def run(quick: bool = False) -> str:
    """The extraction section as markdown."""
    return render(measure(quick))
