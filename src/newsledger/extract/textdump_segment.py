"""Cut a plain-text dump into segments: lines, and the pieces glued together inside lines.

A text dump keeps no markup, so block boundaries show only as newlines or, when the
page's source had no whitespace between elements, not at all: ``"...the
enclave.Keep reading list of 3 items list 1 of 3Mass graves..."``.  This module finds
the glue points from the shape of the text alone:

* *strong* boundaries: sentence-final punctuation, a closing quote or bracket directly
  followed by a capital (``"enclave.Keep"``, ``"AP]Published"``);
* *soft* boundaries: a lowercase letter or digit directly followed by a capital
  (``"sectionsMiddle"``, ``"2023Israeli"``), unless the glue looks like a camel-cased word
  inside running prose (``"YouTube"``, ``"McDonald"``, ``"iPhone"``);
* *marker* boundaries: enumeration markers of accessible widgets (``"list 2 of 3"``,
  ``"slide 1 of 5"``), and the same label repeated back to back (``"iconicon"``).

Every segment keeps its character span in the normalised text, so nothing is lost and
glued pieces that turn out to belong together can be joined back exactly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from newsledger.errors import InputError

__all__ = ["Segment", "normalise", "segment"]

# Paragraph-sized prose is rarely longer; longer lines are cut at sentence ends so that
# every later regex works on bounded strings.
MAX_LINE = 20_000
# A hard-wrapped source line is this long at least (menu items are shorter)...
WRAP_MIN_CHARS = 40
WRAP_MIN_WORDS = 6
# News pages give at most a few thousand segments; far more means a data file, not a page,
# and stopping early keeps the cost bounded.
MAX_SEGMENTS = 20_000
# Characters left of a glue point that are looked at to judge it.
GLUE_CONTEXT = 200
# A left fragment this short glued to a capital is a camel-cased word ("Mc|Donald", "i|Phone").
CAMEL_PREFIX_MAX = 3
# A left piece with at least this many words can be a sentence still running.
PROSE_MIN_WORDS = 4
# ...and most of its words are lowercase (menus and titles are mostly capitalised).
PROSE_LOWER_SHARE = 0.6


def _letters(test: str) -> str:
    """Upper- or lowercase letters of the Latin, Greek and Cyrillic blocks, as a regex class
    body.  (Latin Extended-A alternates case letter by letter, so ranges cannot be used.)"""
    chars = "".join(
        chr(c)
        for lo, hi in ((0x41, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF))
        for c in range(lo, hi + 1)
        if getattr(chr(c), test)()
    )
    return re.escape(chars)


_UP = _letters("isupper")
_LO = _letters("islower")
# Character classes, not str.translate: a regex scan skips ordinary text in C.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_ODD_SPACE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000\f\v]")
_ODD_NEWLINE = re.compile("[\r\u2028\u2029\x85]")

# Both patterns start on the rarer character (punctuation, a capital) so that the regex
# engine fails fast on ordinary letters; what must come before is checked afterwards.
# Strong: ".Keep", "!The", "…And", ".)Read", ".”The", ",”He", "AP]Published"; a capital
# before the dot is an initial ("J.Smith", "U.S.Army"), not a sentence end.
_STRONG = re.compile(rf"[.!?…”\"’»)\]](?=[“\"‘«¿¡(]?[{_UP}])")
# Soft: "sectionsMiddle", "2023Israeli", "SENTRANissan" (an acronym glued to a word).
_SOFT = re.compile(
    rf"[{_UP}](?:(?<=[{_LO}][{_UP}])|(?<=\d[{_UP}])(?=[{_LO}])|(?<=[{_UP}]{{3}})(?=[{_LO}]{{2}}))"
)
_SENTENCE_PUNCT = ".!?…"


def _strong_before(line: str, p: int) -> bool:
    """Whether the punctuation at ``line[p]`` ends a sentence (see ``_STRONG``)."""
    if p == 0:
        return False  # a mark opening the line ('”Never have I'): cutting after it leaves it alone
    c = line[p]
    prev = line[p - 1]
    if c in ")]":
        return True
    if c in _SENTENCE_PUNCT:
        # "...", "…" and "?!" end sentences too: "Elsewhere on the site...Leave a reply".
        return (
            prev.islower()
            or prev.isdigit()
            or prev == "%"
            or prev in ")]"
            or prev in _SENTENCE_PUNCT
        )
    # A closing quote: after a sentence end ('enclave.”The') or a comma (',”He said').
    if prev in ",;":
        return True
    if prev and prev in _SENTENCE_PUNCT and p >= 2:
        before = line[p - 2]
        return before.islower() or before.isdigit() or before == "%"
    return False


# Searched from the number (a keyword alternation tried at every position is slow); the
# keyword before it is checked afterwards.
_MARKER_NUMBER = re.compile(r"\d{1,3}\s*(?:of|OF|Of|/)\s*\d{1,3}")
_MARKER_KEYWORD = re.compile(r"(?i)(?:list|item|slide|story|image|photo|article|page)\s*$")
_END_MARKER = re.compile(r"(?<![a-z])(?i:end of (?:list|slideshow|carousel|gallery))\b")
# The same label glued to itself, as icon names are: "aj-logoaj-logoaj-logo".
_REPEAT = re.compile(r"([^\W\d_][\w-]{3,29}?)\1+")
_INNER_SPACE = re.compile(r"\s{2,}")
_SPACE_RUN = re.compile(r" {3,}")  # indentation between elements in a DOM dump
# A line that ends like this is not wrapped in mid-sentence.
_LINE_END = re.compile(r"[.!?…:;|»”\"’)\]]\s*$")
# A repeated label is at least twice four characters; glued runs longer than this are
# menus, where repetition does not matter (and backtracking over them is slow).
_WORD_RUN = re.compile(r"\S+")
LONG_WORD_MIN = 8
LONG_WORD_MAX = 160
MARKER_KEYWORD_SPAN = 9  # "article " before "1 of 3"
# English function words: enough to tell running prose from a menu at a glue point.
# fmt: off
_STOP_HINT = frozenset(
    {
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "is", "are",
        "was", "were", "be", "been", "has", "have", "had", "he", "she", "it", "they", "we", "you",
        "i", "his", "her", "its", "their", "our", "that", "this", "with", "from", "by", "as",
        "not", "will", "would", "said", "says",
    }
)
# fmt: on
_SENTENCE_END = re.compile(r"[.!?…][”\"’»)\]]?$")


class Segment(NamedTuple):
    """A piece of the dump: ``text`` is ``normalised[start:end]``, whitespace collapsed.

    ``before`` says what separates it from the previous segment: ``"start"``,
    ``"blank"`` (one or more blank lines), ``"line"`` (a newline or a run of spaces),
    ``"strong"``, ``"soft"`` (glued, see the module doc), ``"marker"`` or ``"forced"``.
    ``line`` is the index of the source line the segment is in.
    (A named tuple: pages have thousands of segments, and tuples are cheap to make.)
    """

    text: str
    start: int
    end: int
    before: str
    line: int


def normalise(text: str) -> str:
    """Unify newlines and spaces, drop zero-width characters; no other change."""
    text = text.replace("\r\n", "\n")
    text = _ODD_NEWLINE.sub("\n", text)
    text = _ODD_SPACE.sub(" ", text)
    return _ZERO_WIDTH.sub("", text)


def _looks_like_running_prose(left: str) -> bool:
    words = left.split()
    if len(words) < PROSE_MIN_WORDS or _SENTENCE_END.search(left):
        return False
    lower = sum(1 for w in words if w[:1].islower())
    stop = sum(1 for w in words if w.lower() in _STOP_HINT)
    return lower >= PROSE_LOWER_SHARE * len(words) and stop >= 1


def _keep_glued(left: str, right: str, spaced_after: bool) -> bool:
    """Whether a soft boundary between ``left`` and ``right`` is inside a word or sentence.

    ``spaced_after`` tells whether ``right`` is followed by whitespace (or the line end)
    rather than by another glue point.
    """
    tail = left.rsplit(" ", 1)[-1].lstrip("([{\"'“‘«")
    if tail[:1] in "@#" or "/" in tail:
        return True  # a handle, hashtag or URL: "@IsraeliPM", "#MeToo"
    if len(tail) <= CAMEL_PREFIX_MAX and (tail[:1].isupper() or len(tail) <= 2) and tail.isalpha():
        return True  # "Mc|Donald", "i|Phone", "You|Tube", "De|Santis"
    rwords = right.split()
    if not rwords:
        return True
    if _looks_like_running_prose(left):
        # "...uploaded it to You|Tube on Monday": the sentence goes on in lowercase.
        if len(rwords) == 1:
            return spaced_after or bool(_SENTENCE_END.search(right))
        return rwords[1][:1].islower()
    return False


def _cut_points(line: str, forced: list[int]) -> list[tuple[int, str]]:
    """Positions inside ``line`` where a new segment starts, with their kind."""
    points: dict[int, str] = dict.fromkeys(forced, "forced")
    for m in _MARKER_NUMBER.finditer(line):
        key = _MARKER_KEYWORD.search(line, max(0, m.start() - MARKER_KEYWORD_SPAN), m.start())
        if key:
            points[key.start()] = "marker"
            points[m.end()] = "marker"
    if "end of" in line or "End of" in line or "END OF" in line:
        for m in _END_MARKER.finditer(line):
            points[m.start()] = "marker"
            points[m.end()] = "marker"
    for word in _WORD_RUN.finditer(line) if "-" in line else ():
        # (Scanning words and testing them stays linear; a regex hunting for the hyphen
        # inside a word backtracks quadratically on long runs without spaces.)
        if not LONG_WORD_MIN <= len(word.group(0)) <= LONG_WORD_MAX or "-" not in word.group(0):
            continue
        # Only labels of icons and logos (hyphenated: "aj-logo") repeat glued like this.
        for m in _REPEAT.finditer(word.group(0)):
            unit = m.group(1)
            if "-" in unit or len(m.group(0)) >= 3 * len(unit):
                points.setdefault(word.start() + m.start(), "marker")
                points.setdefault(word.start() + m.end(), "marker")
    for m in _STRONG.finditer(line):
        if _strong_before(line, m.start()):
            points.setdefault(m.end(), "strong")
    for m in _SOFT.finditer(line):
        points.setdefault(m.start(), "soft?")
    ordered = sorted(points)
    cuts: list[tuple[int, str]] = []
    last = 0
    for i, pos in enumerate(ordered):
        kind = points[pos]
        if kind == "soft?":
            nxt = ordered[i + 1] if i + 1 < len(ordered) else len(line)
            spaced = (
                nxt >= len(line) or line[nxt - 1 : nxt].isspace() or line[nxt : nxt + 1].isspace()
            )
            # Only the end of the left piece matters; bounding it keeps long lines linear.
            if _keep_glued(line[max(last, pos - GLUE_CONTEXT) : pos], line[pos:nxt], spaced):
                continue
            kind = "soft"
        if 0 < pos < len(line):
            cuts.append((pos, kind))
        last = pos
    return cuts


def _split_long(line: str, offset: int) -> list[tuple[str, int]]:
    """Cut a huge line at spaces so no piece exceeds MAX_LINE (keeps regex work bounded)."""
    if len(line) <= MAX_LINE:
        return [(line, offset)]
    out: list[tuple[str, int]] = []
    pos = 0
    while pos < len(line):
        end = min(len(line), pos + MAX_LINE)
        if end < len(line):
            cut = line.rfind(" ", pos + MAX_LINE // 2, end)
            end = cut + 1 if cut > 0 else end
        out.append((line[pos:end], offset + pos))
        pos = end
    return out


def _wraps(prev: str, nxt: str) -> bool:
    """Whether a single newline between two lines is a wrap inside one paragraph.

    Pages whose HTML source is hard-wrapped give DOM dumps with newlines in mid-sentence:
    "...released online and are making the rounds on social media,\nshow Nigerian...".
    """
    if _LINE_END.search(prev):
        return False
    if nxt[:1].islower():
        return True
    last = prev.rsplit(" ", 1)[-1]
    return (
        len(prev) >= WRAP_MIN_CHARS
        and last[:1].islower()
        and len(prev.split()) >= WRAP_MIN_WORDS
        and _looks_like_running_prose(prev)
    )


def _line_pieces(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, after_blank) of each non-blank line, and of each piece of a line that
    a run of spaces cuts: DOM dumps keep the source's indentation between elements
    (``"Home » News     Headline     First paragraph..."``), never inside a sentence."""
    pos = 0
    blank = False
    for raw_line in text.split("\n"):
        start = pos
        pos += len(raw_line) + 1
        if not raw_line.strip():
            blank = True
            continue
        if "   " not in raw_line:
            yield start, start + len(raw_line), blank
        else:
            piece_start = 0
            for m in _SPACE_RUN.finditer(raw_line):
                if raw_line[piece_start : m.start()].strip():
                    yield start + piece_start, start + m.start(), blank
                    blank = False
                piece_start = m.end()
            if raw_line[piece_start:].strip():
                yield start + piece_start, start + len(raw_line), blank
        blank = False


def _logical_lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, after_blank) of each line or line piece, wrapped lines joined."""
    out: list[tuple[int, int, bool]] = []
    prev_text = ""
    for start, end, blank in _line_pieces(text):
        stripped = text[start:end].strip()
        if out and not blank and _wraps(prev_text, stripped):
            s0, _, b0 = out[-1]
            out[-1] = (s0, end, b0)
        else:
            out.append((start, end, blank))
        prev_text = stripped
    return out


def segment(
    text: str, forced: Iterable[int] = (), max_segments: int = MAX_SEGMENTS
) -> list[Segment]:
    """Cut normalised ``text`` into segments (see :class:`Segment`), in order.

    ``forced`` are offsets in ``text`` where a segment must start or end whatever the
    text looks like there (e.g. around a known headline).  Raises
    :class:`~newsledger.errors.InputError` past ``max_segments`` pieces: such a text is
    not one page (the biggest news pages give a few thousand).
    """
    forced_sorted = sorted(set(forced))
    segments: list[Segment] = []
    for line_no, (line_start, line_end, blank) in enumerate(_logical_lines(text)):
        # Wrapped lines keep their length (newline -> space) so offsets stay exact.
        raw_line = text[line_start:line_end].replace("\n", " ")
        first_in_line = True
        for chunk, chunk_start in _split_long(raw_line, line_start):
            lo = bisect_left(forced_sorted, chunk_start)
            hi = bisect_left(forced_sorted, chunk_start + len(chunk))
            local = [f - chunk_start for f in forced_sorted[lo:hi]]
            cuts = [(0, "")] + _cut_points(chunk, local) + [(len(chunk), "")]
            for (a, kind), (b, _) in zip(cuts, cuts[1:], strict=False):
                piece = chunk[a:b]
                stripped = piece.strip()
                if not stripped:
                    continue
                lead = len(piece) - len(piece.lstrip())
                if first_in_line:
                    before = "start" if not segments else ("blank" if blank else "line")
                else:
                    before = kind or "strong"
                segments.append(
                    Segment(
                        text=_INNER_SPACE.sub(" ", stripped) if "  " in stripped else stripped,
                        start=chunk_start + a + lead,
                        end=chunk_start + a + lead + len(stripped),
                        before=before,
                        line=line_no,
                    )
                )
                first_in_line = False
            if len(segments) > max_segments:
                raise InputError(
                    f"text dump cut into more than {max_segments} pieces: not a single page"
                )
    return segments
