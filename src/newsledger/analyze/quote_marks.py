"""Quotation-mark spans in a text, tolerant of the ways news text gets them wrong.

Handles straight ``"``, curly ``“ ”``, PTB-style ``` `` ... '' ```, guillemets
``« »``, and (only in paragraphs without any double marks) single curly quotes
``‘ ’``.  A quote may run over several paragraphs when a paragraph ends inside
an open quote and the next one starts with an opening mark (the newspaper
convention).  An unclosed quote ends at its paragraph end; a closing ``”`` that
starts a paragraph (a common typo) opens a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["QuoteSpan", "find_quote_spans", "DOUBLE_MARKS"]

DOUBLE_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb\u201e')
_OPENERS = frozenset("\u201c\u00ab\u201e")
_CLOSERS = frozenset("\u201d\u00bb")
_MARK_RE = re.compile("``|''|[\"\u201c\u201d\u00ab\u00bb\u201e]")
_SINGLE_RE = re.compile("[\u2018\u2019]")
_PARA_RE = re.compile(r"[^\n]+")
# A paragraph that starts with one of these continues an open quote.
_CONTINUE_RE = re.compile('[ \t]*(``|["\u201c\u00ab\u201e\u201d])')


@dataclass
class QuoteSpan:
    """One quotation: its inner text parts (one per paragraph) and its marks."""

    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end if unclosed)
    parts: list[tuple[int, int]] = field(default_factory=list)  # inner (start, end) per paragraph
    closed: bool = True

    @property
    def inner_start(self) -> int:
        return self.parts[0][0]

    @property
    def inner_end(self) -> int:
        return self.parts[-1][1]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _opens(text: str, i: int, mark: str) -> bool:
    """Whether an ambiguous mark at ``i`` looks like an opening one (word follows, space before)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def _paragraph_marks(text: str, a: int, b: int) -> list[tuple[int, str]]:
    marks = [(m.start(), m.group()) for m in _MARK_RE.finditer(text, a, b)]
    if marks:
        return marks
    # British style: single quotes, only where no double marks are used at all.
    out = []
    for m in _SINGLE_RE.finditer(text, a, b):
        i, ch = m.start(), m.group()
        if ch == "\u2018" and _opens(text, i, ch):
            out.append((i, "\u2018"))
        elif ch == "\u2019":
            after = text[i + 1] if i + 1 < b else " "
            if not _is_word_char(after):  # not an apostrophe inside a word
                out.append((i, "\u2019"))
    return out


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quotations in ``text``, in order, with their inner parts."""
    paras = [(m.start(), m.end()) for m in _PARA_RE.finditer(text) if m.group().strip()]
    spans: list[QuoteSpan] = []
    current: QuoteSpan | None = None  # a quote left open at the end of the previous paragraph
    for pi, (a, b) in enumerate(paras):
        marks = _paragraph_marks(text, a, b)
        single_mode = bool(marks) and marks[0][1] in "\u2018\u2019"
        open_at: int | None = None  # inner start of the quote open in this paragraph
        idx = 0
        if current is not None:
            m = _CONTINUE_RE.match(text, a)
            if (
                m
                and marks
                and marks[0][0] == m.start(1)
                and _same_style(text, current.start, m.group(1))
            ):
                open_at = m.end(1)
                idx = 1
            else:  # no continuation: the open quote ended with its paragraph
                current.closed = False
                spans.append(current)
                current = None
        while idx < len(marks):
            i, mk = marks[idx]
            idx += 1
            if open_at is None:
                # A mark that cannot open (closing mark after a word) is stray: skip it.
                if mk in _OPENERS or mk in ("``", "\u2018") or _opens(text, i, mk):
                    open_at = i + len(mk)
                    if current is None:
                        current = QuoteSpan(start=i, end=i)
                continue
            is_close = mk in _CLOSERS or mk in ("''", "\u2019", '"')
            if mk in _OPENERS and not is_close:
                if (
                    idx + 1 < len(marks)
                    and marks[idx][1] in _CLOSERS
                    and marks[idx + 1][1] in _CLOSERS
                ):
                    # A quotation inside a quotation in the same marks (`“... what he calls
                    # “hell” than live ...”`): two closers follow; the outer one goes on.
                    idx += 1
                    continue
                # A second opener while open: the first was never closed.
                if current is not None:
                    _add_part(current, text, open_at, i)
                    current.end = i
                    current.closed = False
                    _push(spans, current)
                current = QuoteSpan(start=i, end=i)
                open_at = i + len(mk)
                continue
            if mk in ("``", "\u2018"):
                continue
            if current is not None:
                _add_part(current, text, open_at, i)
                current.end = i + len(mk)
                current.closed = True
                _push(spans, current)
            current, open_at = None, None
        if open_at is not None and current is not None:
            _add_part(current, text, open_at, b)
            current.end = b
            nxt = paras[pi + 1][0] if pi + 1 < len(paras) else None
            if nxt is None or single_mode or not _CONTINUE_RE.match(text, nxt):
                current.closed = False
                _push(spans, current)
                current = None
    if current is not None:
        current.closed = False
        _push(spans, current)
    return spans


# Marks that may open a continuation paragraph of a quote opened by the key mark (a
# closing mark at a paragraph start is a typo for the opening one).
_FAMILY = {
    '"': frozenset('"'),
    "\u201c": frozenset("\u201c\u201d"),
    "\u201d": frozenset("\u201c\u201d"),
    "`": frozenset(["``"]),
    "\u00ab": frozenset("\u00ab"),
    "\u201e": frozenset("\u201e\u201c"),
}


def _same_style(text: str, opened_at: int, mark: str) -> bool:
    """Whether ``mark`` continues the quote opened at ``opened_at`` in the same style: a
    straight mark that opens a block-quoted paragraph (a common way to paste an excerpt)
    does not run on into the curly quotation of the next paragraph."""
    family = _FAMILY.get(text[opened_at])
    return family is None or mark in family


def _add_part(span: QuoteSpan, text: str, s: int, e: int) -> None:
    # Trim whitespace so parts are tight around the words.
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        span.parts.append((s, e))


def _push(spans: list[QuoteSpan], span: QuoteSpan) -> None:
    if span.parts:
        spans.append(span)
