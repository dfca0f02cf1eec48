"""What every benchmark section needs: where the data is, decoding, timing, tables.

The shared evaluation data lives beside the repository (``../shared/data``, as CI
lays it out) or wherever ``$NEWSLEDGER_SHARED_DATA`` points.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.metadata
import logging
import os
import re
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

# Bytes sniffed for a declared charset: a <meta charset> lives in the <head>, early.
CHARSET_SNIFF_BYTES = 8192


class DataMissing(RuntimeError):
    """The shared data a section needs is not there: the section is skipped, with this note."""


def shared_data_dir() -> Path:
    """``$NEWSLEDGER_SHARED_DATA`` or ``../shared/data`` relative to the repository root."""
    env = os.environ.get("NEWSLEDGER_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def require(relative: str) -> Path:
    """The path ``relative`` under the shared data folder; :class:`DataMissing` if absent."""
    path = shared_data_dir() / relative
    if not path.exists():
        raise DataMissing(f"shared data not found: {path} (set NEWSLEDGER_SHARED_DATA)")
    return path


def progress(message: str) -> None:
    """One progress line on stderr (stdout stays clean)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def read_bytes(path: Path) -> bytes:
    """The raw bytes of a file, gunzipped when its name ends in ``.gz``."""
    if path.name.endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def decode_html(raw: bytes) -> str:
    """Bytes to str, the same way for every extractor.

    Order: byte-order mark; strict UTF-8 (most pages); the charset the page declares
    in its first bytes; charset-normalizer's guess; cp1252 with replacement.  This is
    the order the reference scorer uses, so both feed identical strings to extractors.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(raw[:CHARSET_SNIFF_BYTES])
    if declared:
        try:
            return raw.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall through to guessing
    import charset_normalizer

    best = charset_normalizer.from_bytes(raw).best()
    if best is not None:
        return str(best)
    return raw.decode("cp1252", errors="replace")


def _declared_charset(head: bytes) -> str | None:
    # A <meta charset> wins over an XML declaration (XHTML pages often carry both).
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii", "ignore").strip() if found else None


@contextlib.contextmanager
def quiet_peers() -> Iterator[None]:
    """Silence what extractors log, warn and print while they run (it would bury the progress lines).

    Their failures are still counted: a crash is an exception, which this does not touch.
    """
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with (
            open(os.devnull, "w") as sink,
            warnings.catch_warnings(),
            contextlib.redirect_stdout(sink),
        ):
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous)


class _PageTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _PageTimeout()


@dataclass
class CallResult:
    """One timed extractor call: its output ('' on failure), seconds, and what went wrong."""

    output: str
    seconds: float
    error: str | None = None  # "timeout", or the exception type and message


def timed_call(fn: Callable[[], Any], timeout_s: float) -> CallResult:
    """Run ``fn()`` under a wall-clock alarm; a timeout or a crash gives empty output.

    Only the call itself is inside the timed window.  SIGALRM works in the main
    thread only, which is where the benchmark runs (one page at a time, by design).
    """
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    error: str | None = None
    out: Any = None
    t0 = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout_s)
        out = fn()
    except _PageTimeout:
        error = "timeout"
    except Exception as exc:  # noqa: BLE001 - a peer's crash is a data point, counted and reported
        error = f"{type(exc).__name__}: {str(exc)[:120]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - t0
        signal.signal(signal.SIGALRM, previous)
    if out is not None and not isinstance(out, str):
        out = str(out)
    return CallResult(output=out or "", seconds=seconds, error=error)


def dist_version(dist: str) -> str:
    """The installed version of a distribution, or 'not installed'."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def median(values: Sequence[float]) -> float:
    """Median of a non-empty sequence."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for a table cell; '-' when missing."""
    return "-" if value is None else f"{value:.{digits}f}"


def md_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A GitHub-flavoured markdown table (``|`` in cells escaped)."""

    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
