"""Text-dump section: newsledger's plain-text mode on dumps of the Scrapinghub pages.

Each of the 181 pages is turned into a plain-text dump in the two styles of
:mod:`bench.dumps` (``dom``: the DOM text content, glued; ``rendered``: a browser-like
innerText with line breaks), not timed.  newsledger then extracts the article from
the dump (``newsledger.extract(dump, kind="text").text``), timed per call, and the
result is scored with the Scrapinghub shingle metric against the same ground truth
as the HTML benchmark.  The whole dump, unextracted, is scored too: it is the
floor an extractor must beat on precision (and the ceiling of its recall).
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from bench.common import dist_version, fmt, md_table, median, progress, timed_call
from bench.extraction import PAGE_TIMEOUT_S, load_scrapinghub, shingle_counts, shingle_scores

QUICK_PAGES = 40  # --quick: the first N pages
TIMING_PASSES = 3  # median of this many passes when the first one is cheap
EXTRA_PASS_BUDGET_S = 60.0  # a first pass longer than this gets no extra passes


def _newsledger_text():
    import newsledger
    from newsledger.errors import NewsledgerError

    def run(dump: str, url: str | None) -> str:
        try:
            return newsledger.extract(dump, url=url, kind="text").text
        except NewsledgerError:
            return ""  # a deliberate "no article here": empty output, not a crash

    return run


def _score_style(style: str, pages: list, quick: bool) -> dict[str, Any]:
    from bench.dumps import make_dump

    t0 = time.perf_counter()
    dumps = [make_dump(p.html, style) for p in pages]
    progress(f"textdumps: {len(dumps)} {style} dumps made in {time.perf_counter() - t0:.0f}s")
    refs = [p.reference or "" for p in pages]
    whole = shingle_scores([shingle_counts(r, d) for r, d in zip(refs, dumps, strict=True)])
    fn = _newsledger_text()
    timed_call(lambda: fn(dumps[0], pages[0].url), PAGE_TIMEOUT_S)  # untimed warm-up
    counts: list[tuple[int, int, int]] = []
    errors: Counter = Counter()
    empty = 0
    passes: list[float] = []
    for n_pass in range(1 if quick else TIMING_PASSES):
        total = 0.0
        for page, dump, ref in zip(pages, dumps, refs, strict=True):
            res = timed_call(lambda dump=dump, page=page: fn(dump, page.url), PAGE_TIMEOUT_S)
            total += res.seconds
            if n_pass:
                continue
            if res.error:
                errors[res.error.split(":")[0]] += 1
            empty += not res.output.strip()
            counts.append(shingle_counts(ref, res.output))
        passes.append(total)
        if passes[0] > EXTRA_PASS_BUDGET_S:
            break
    seconds = median(passes)
    return {
        "dumps": len(dumps),
        "dump_MB": round(sum(len(d.encode("utf-8")) for d in dumps) / 1e6, 1),
        "whole_dump": whole,
        "newsledger": {
            **shingle_scores(counts),
            "seconds": seconds,
            # No speed when every call failed: failing fast is not extracting fast.
            "dumps_per_s": len(dumps) / seconds
            if seconds and sum(errors.values()) < len(dumps)
            else None,
            "passes_s": [round(s, 2) for s in passes],
            "crashes": sum(v for k, v in errors.items() if k != "timeout"),
            "timeouts": errors.get("timeout", 0),
            "error_kinds": dict(errors),
            "empty": empty,
        },
    }


def measure(quick: bool = False) -> dict[str, Any]:
    """Score newsledger's text-dump extraction per dump style; the raw numbers."""
    from bench.dumps import STYLES

    t0 = time.perf_counter()
    pages = load_scrapinghub(QUICK_PAGES if quick else None).pages
    styles = {style: _score_style(style, pages, quick) for style in STYLES}
    return {
        "quick": quick,
        "newsledger": dist_version("newsledger"),
        "styles": styles,
        "wall_s": round(time.perf_counter() - t0, 1),
    }


def render(data: dict[str, Any]) -> str:
    """The markdown section for :func:`measure`'s numbers."""
    out = ["## Text dumps: newsledger on plain-text saves of the Scrapinghub pages", ""]
    out.append(
        "The Scrapinghub pages, turned into plain-text dumps by `bench/dumps.py` in two styles (`dom`: "
        "DOM text content glued together as in the source; `rendered`: browser-like innerText, one block "
        'per line), are given to `newsledger.extract(dump, kind="text")` and scored with the same '
        "shingle metric and ground truth as the HTML benchmark. 'whole dump' is the dump itself, "
        "unextracted. No peer row: none of the peer extractors (trafilatura, readability-lxml, newspaper4k, "
        "goose3, jusText, boilerpy3, resiliparse) accepts plain text - they all need HTML."
        + (" **Quick mode: first pages only.**" if data["quick"] else "")
    )
    out.append("")
    rows = []
    for style, s in data["styles"].items():
        w, n = s["whole_dump"], s["newsledger"]
        rows.append(
            [
                style,
                "whole dump",
                fmt(w["F1"]),
                fmt(w["P"]),
                fmt(w["R"]),
                fmt(w["page_F1"]),
                "-",
                "",
                "",
                "",
            ]
        )
        rows.append(
            [
                style,
                f"newsledger {data['newsledger']}",
                fmt(n.get("F1")),
                fmt(n.get("P")),
                fmt(n.get("R")),
                fmt(n.get("page_F1")),
                fmt(n["dumps_per_s"], 1),
                n["crashes"],
                n["timeouts"],
                n["empty"],
            ]
        )
    out.append(
        md_table(
            [
                "style",
                "extractor",
                "F1",
                "P",
                "R",
                "page F1",
                "dumps/s",
                "crashes",
                "timeouts",
                "empty",
            ],
            rows,
        )
    )
    out.append("")
    kinds = [
        f"{style}: {s['newsledger']['error_kinds']}"
        for style, s in data["styles"].items()
        if s["newsledger"]["error_kinds"]
    ]
    if kinds:
        out += ["Crash kinds: " + "; ".join(kinds) + ".", ""]
    n = next(iter(data["styles"].values()))["newsledger"]
    sizes = ", ".join(
        f"{style} {s['dumps']} dumps, {s['dump_MB']} MB" for style, s in data["styles"].items()
    )
    out.append(
        f"Dumps: {sizes}. Speed: median of {len(n['passes_s'])} passes. Section wall time: {data['wall_s']:.0f} s."
    )
    return "\n".join(out) + "\n"


def run(quick: bool = False) -> str:
    """The text-dump section as markdown."""
    return render(measure(quick))
