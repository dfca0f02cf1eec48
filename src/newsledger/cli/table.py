"""Output of query results: a readable table on a terminal, json / jsonl / csv for pipes.

The default format is ``table`` when stdout is a terminal and ``jsonl`` otherwise, so
``newsledger quotes --speaker X | jq`` works without options.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Sequence
from typing import TextIO

FORMATS = ("table", "json", "jsonl", "csv")
# Narrowest a column is squeezed to when the table is wider than the terminal.
MIN_COL = 6
# Terminal width assumed when it cannot be read (e.g. under a pager).
DEFAULT_WIDTH = 120


def default_format(stream: TextIO | None = None) -> str:
    """``table`` for a terminal, ``jsonl`` for a pipe or file."""
    stream = stream or sys.stdout
    try:
        return "table" if stream.isatty() else "jsonl"
    except (AttributeError, ValueError):
        return "jsonl"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.6g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return " ".join(str(value).split())


def _fit(widths: list[int], total: int) -> list[int]:
    """Shrink the widest columns until the row (with 2-space gaps) fits in ``total``."""
    widths = list(widths)
    gaps = 2 * (len(widths) - 1)
    while sum(widths) + gaps > total:
        i = max(range(len(widths)), key=lambda k: widths[k])
        if widths[i] <= MIN_COL:
            break
        widths[i] -= 1
    return widths


def format_table(rows: Sequence[dict], columns: Sequence[str], width: int | None = None) -> str:
    """Rows as an aligned plain-text table, cells cut with an ellipsis to fit ``width``."""
    if not rows:
        return "(no results)"
    width = width or shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    widths = _fit(widths, width)

    def line(values: Sequence[str]) -> str:
        out = []
        for v, w in zip(values, widths, strict=True):
            out.append(v if len(v) <= w else v[: max(w - 1, 0)] + "…")
            out[-1] = out[-1].ljust(w)
        return "  ".join(out).rstrip()

    header = line([c.upper() for c in columns])
    rule = "  ".join("-" * w for w in widths)
    return "\n".join([header, rule, *(line(r) for r in cells)])


def format_rows(rows: Sequence[dict], columns: Sequence[str], fmt: str) -> str:
    """Render ``rows`` in ``fmt``: table and csv show ``columns``; json and jsonl every key."""
    if fmt == "table":
        return format_table(rows, columns)
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        keys = list(rows[0].keys()) if rows else list(columns)
        w = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
        return buf.getvalue().rstrip("\n")
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def emit(
    rows: Sequence[dict], columns: Sequence[str], fmt: str | None, stream: TextIO | None = None
) -> None:
    """Write ``rows`` to ``stream`` (stdout) in ``fmt`` (default: see :func:`default_format`)."""
    stream = stream or sys.stdout
    fmt = fmt or default_format(stream)
    text = format_rows(rows, columns, fmt)
    if text:
        stream.write(text + "\n")
