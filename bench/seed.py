"""Seed checks: the Al Jazeera plain-text scrape against its hand-written gold.

``shared/data/seed/`` holds one article saved as a plain-text scrape (menus, related
links and footer glued into the text) and ``seed_gold.json``.  This section extracts
it with newsledger and checks every gold field (title, section, date, standfirst,
caption, first and last body sentence, embedded post, related titles, source line,
boilerplate that must not leak); then, with ``newsledger.process``, the gold quotes
(found, and with the right speaker, by type) and claims (value, qualifier, what,
source, place).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from bench.common import dist_version, md_table, progress, require

# A predicted quote matches a gold one when the shared words cover at least this
# share of both (the rule of the reference quote scorer, shared/tools/quotes_eval.py).
QUOTE_OVERLAP = 0.5
# 'what' of a claim is free text: this token Jaccard counts as a near match.
WHAT_CLOSE_JACCARD = 0.5
# Words that never identify a speaker or a source on their own.
_NAME_STOP = frozenset(
    ["the", "a", "an", "of", "and", "in", "on", "for", "to", "by", "unnamed", "s"]
)
_WORD = re.compile(r"\w+")
DETAIL_CHARS = 160  # how much of a mismatching value to show


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 1] + "…"


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _row(field: str, ok: bool, got: Any, expected: Any = None) -> dict[str, Any]:
    return {
        "field": field,
        "ok": ok,
        "got": None if ok else _short(got),
        "expected": None if ok or expected is None else _short(expected),
    }


def check_fields(article: Any, gold: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per gold field: ok, or the value newsledger gave."""
    text = article.text or ""
    paragraphs = [text[s:e] for s, e in article.paragraphs] or [text]
    rows = [
        _row(
            "title", _squash(article.title) == _squash(gold["title"]), article.title, gold["title"]
        ),
        _row(
            "section",
            _squash(article.section).lower() == _squash(gold["section"]).lower(),
            article.section,
            gold["section"],
        ),
        _row(
            "published",
            (article.published or "").startswith(gold["published"]),
            article.published,
            gold["published"],
        ),
        _row(
            "authors",
            sorted(article.authors) == sorted(gold["authors"]),
            article.authors,
            gold["authors"],
        ),
        _row(
            "standfirst",
            _squash(article.description) == _squash(gold["standfirst"]),
            article.description,
            gold["standfirst"],
        ),
        _row(
            "caption",
            _squash(gold["image_caption"]) in {_squash(c) for c in article.captions},
            article.captions,
            gold["image_caption"],
        ),
        _row(
            "body first sentence",
            _squash(paragraphs[0]).startswith(_squash(gold["body_first_sentence"])),
            paragraphs[0],
            gold["body_first_sentence"],
        ),
        _row(
            "body last sentence",
            _squash(text).endswith(_squash(gold["body_last_sentence"])),
            text[-DETAIL_CHARS:],
            gold["body_last_sentence"],
        ),
    ]
    for i, post in enumerate(gold.get("embedded_posts", [])):
        got = article.embedded_posts[i] if i < len(article.embedded_posts) else None
        for key in ("author", "handle", "text", "date"):
            value = getattr(got, key, None) if got else None
            rows.append(
                _row(
                    f"embedded post {i + 1} {key}",
                    _squash(value) == _squash(post[key]),
                    value,
                    post[key],
                )
            )
    got_related = [_squash(r.title) for r in article.related]
    want_related = [_squash(t) for t in gold.get("related_links", [])]
    rows.append(
        _row(
            "related titles", sorted(got_related) == sorted(want_related), got_related, want_related
        )
    )
    source = gold.get("source_line")
    if source:
        credits = _squash(article.credits)
        rows.append(
            _row(
                "source line",
                bool(credits) and (_squash(source) in credits),
                article.credits,
                source,
            )
        )
        rows.append(
            _row("source line not in body", _squash(source) not in _squash(text), "in body")
        )
    leaked = [s for s in gold.get("must_not_contain", []) if _squash(s) in _squash(text)]
    rows.append(
        _row(
            f"must_not_contain ({len(gold.get('must_not_contain', []))} strings)",
            not leaked,
            f"leaked: {leaked}",
        )
    )
    return rows


def _overlap_ok(pred: set[str], gold: set[str]) -> bool:
    shared = len(pred & gold)
    return (
        bool(gold)
        and bool(pred)
        and shared >= QUOTE_OVERLAP * len(gold)
        and shared >= QUOTE_OVERLAP * len(pred)
    )


def _names_agree(predicted: Sequence[str | None], gold: str | None) -> bool:
    want = _words(gold) - _NAME_STOP
    return any(want & (_words(p) - _NAME_STOP) for p in predicted if p)


def check_quotes(quotes: Sequence[Any], gold: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Gold quotes found (one-to-one, greedy by word Jaccard) and with the right speaker, by type."""
    pairs = []
    for gi, g in enumerate(gold):
        gw = _words(g["quote"])
        for pi, q in enumerate(quotes):
            pw = _words(q.text)
            if _overlap_ok(pw, gw):
                pairs.append((len(pw & gw) / len(pw | gw), gi, pi))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    by_type: dict[str, dict[str, int]] = {}
    details = []
    for gi, g in enumerate(gold):
        row = by_type.setdefault(
            g["type"], {"gold": 0, "found": 0, "right_speaker": 0, "right_type": 0}
        )
        row["gold"] += 1
        q = quotes[matched[gi]] if gi in matched else None
        speaker_ok = False
        if q is not None:
            row["found"] += 1
            sp = q.speaker
            speaker_ok = sp is not None and _names_agree([sp.name, sp.mention], g["speaker"])
            row["right_speaker"] += speaker_ok
            row["right_type"] += getattr(q.type, "value", q.type) == g["type"]
        details.append(
            {
                "gold": _short(g["quote"]),
                "type": g["type"],
                "speaker": g["speaker"],
                "found": q is not None,
                "got_speaker": (q.speaker.name or q.speaker.mention)
                if q is not None and q.speaker
                else None,
                "speaker_ok": speaker_ok,
            }
        )
    return {
        "predicted": len(quotes),
        "unmatched_predicted": len(quotes) - len(used),
        "by_type": by_type,
        "details": details,
    }


def _what_status(got: str | None, want: str | None) -> str:
    g, w = _squash(got).lower(), _squash(want).lower()
    if g == w:
        return "ok"
    gw, ww = _words(g), _words(w)
    if gw and ww and len(gw & ww) / len(gw | ww) >= WHAT_CLOSE_JACCARD:
        return f"close ({got})"
    return f"✗ ({got})"


def check_claims(claims: Sequence[Any], gold: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per gold claim: the predicted claim on the same words (same value preferred), field by field."""
    used: set[int] = set()
    rows = []
    for g in gold:
        gw = _words(g["text"])
        candidates = [
            i
            for i, c in enumerate(claims)
            if i not in used
            and _words(c.text) & gw
            and (_words(c.text) >= gw or gw >= _words(c.text))
        ]
        same_value = [i for i in candidates if abs(claims[i].value - g["value"]) < 1e-9]
        pick = (same_value or candidates or [None])[0]
        row: dict[str, Any] = {"text": g["text"], "value": g["value"]}
        if pick is None:
            row["found"] = False
            rows.append(row)
            continue
        used.add(pick)
        c = claims[pick]
        row["found"] = True
        row["value_ok"] = abs(c.value - g["value"]) < 1e-9 or f"✗ ({c.value:g})"
        row["qualifier"] = (
            "ok" if (c.qualifier or None) == (g["qualifier"] or None) else f"✗ ({c.qualifier})"
        )
        row["what"] = _what_status(c.what, g["what"])
        if g["source"] is None:
            row["source"] = "ok" if c.source is None else f"✗ ({c.source})"
        else:
            row["source"] = "ok" if _names_agree([c.source], g["source"]) else f"✗ ({c.source})"
        if "place" in g:
            row["place"] = "ok" if _names_agree([c.place], g["place"]) else f"✗ ({c.place})"
        rows.append(row)
    return rows


def measure(quick: bool = False) -> dict[str, Any]:
    """Extract (and process) every seed document that has gold; the raw results."""
    import newsledger

    folder = require("seed")
    gold = json.loads((folder / "seed_gold.json").read_text(encoding="utf-8"))
    data = (folder / gold["doc"]).read_bytes()
    progress(f"seed: extracting {gold['doc']}")
    result: dict[str, Any] = {"doc": gold["doc"], "newsledger": dist_version("newsledger")}
    try:
        article = newsledger.extract(data, kind="text")
    except Exception as exc:  # noqa: BLE001 - reported in the section, as the check's result
        result["extract_error"] = f"{type(exc).__name__}: {exc}"
        return result
    result["fields"] = check_fields(article, gold)
    try:
        processed = newsledger.process(data, kind="text")
    except Exception as exc:  # noqa: BLE001 - the analysis stage may be missing: say so
        result["process_error"] = f"{type(exc).__name__}: {exc}"
        return result
    result["analysis_skipped"] = list(processed.analysis_skipped)
    result["quotes"] = check_quotes(processed.quotes, gold.get("quotes", []))
    result["claims"] = check_claims(processed.claims, gold.get("claims", []))
    result["claims_predicted"] = len(processed.claims)
    return result


def render(data: dict[str, Any]) -> str:
    """The markdown section for :func:`measure`'s results."""
    out = [
        "## Seed checks: the Al Jazeera plain-text scrape",
        "",
        f"`{data['doc']}` extracted with newsledger {data['newsledger']} "
        '(`newsledger.extract(data, kind="text")`) and compared with `seed_gold.json`.',
        "",
    ]
    if "extract_error" in data:
        return "\n".join([*out, f"Extraction failed: `{data['extract_error']}`", ""])
    fields = data["fields"]
    ok = sum(1 for r in fields if r["ok"])
    out += [
        f"Fields: {ok}/{len(fields)} ok.",
        "",
        md_table(
            ["field", "result", "newsledger gave", "gold"],
            [
                [r["field"], "ok" if r["ok"] else "mismatch", r["got"] or "", r["expected"] or ""]
                for r in fields
            ],
        ),
        "",
    ]
    if "process_error" in data:
        return "\n".join(
            [
                *out,
                f"Quotes and claims not checked: `newsledger.process` failed: `{data['process_error']}`",
                "",
            ]
        )
    q = data["quotes"]
    rows = [
        [t, c["gold"], c["found"], c["right_speaker"], c["right_type"]]
        for t, c in q["by_type"].items()
    ]
    tot = {
        k: sum(c[k] for c in q["by_type"].values())
        for k in ("gold", "found", "right_speaker", "right_type")
    }
    rows.append(["all", tot["gold"], tot["found"], tot["right_speaker"], tot["right_type"]])
    out += [
        f"Quotes (`newsledger.process`): {q['predicted']} predicted, {q['unmatched_predicted']} not matching any "
        "gold quote. A match shares at least half the words of both; the speaker is right when its name "
        "or mention shares a name word with the gold speaker.",
        "",
        md_table(["gold type", "gold", "found", "right speaker", "right type"], rows),
        "",
    ]
    missed = [d for d in q["details"] if not d["found"] or not d["speaker_ok"]]
    if missed:
        out += ["Missed or misattributed:", ""]
        out += [
            f'- ({d["type"]}, {d["speaker"]}) "{d["gold"]}": '
            + ("not found" if not d["found"] else f"speaker given: {d['got_speaker']}")
            for d in missed
        ]
        out.append("")
    claims = data["claims"]
    found = sum(1 for c in claims if c["found"])
    out += [
        f"Claims: {found}/{len(claims)} gold claims found ({data['claims_predicted']} predicted).",
        "",
        md_table(
            ["gold claim", "value", "qualifier", "what", "source", "place"],
            [
                [
                    f"{c['text']} ({_number(c['value'])})",
                    *(
                        ["not found"] + [""] * 4
                        if not c["found"]
                        else [
                            "ok" if c["value_ok"] is True else c["value_ok"],
                            c["qualifier"],
                            c["what"],
                            c["source"],
                            c.get("place", ""),
                        ]
                    ),
                ]
                for c in claims
            ],
        ),
        "",
    ]
    if data.get("analysis_skipped"):
        out += [f"Analysis stages skipped: {data['analysis_skipped']}", ""]
    return "\n".join(out)


def run(quick: bool = False) -> str:
    """The seed section as markdown."""
    return render(measure(quick))
