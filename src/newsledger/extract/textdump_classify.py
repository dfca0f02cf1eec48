"""Shape features of text-dump segments, and the rules that call them prose or furniture.

The signals are language-light: word count, whether the segment ends like a sentence,
the share of function words (for the language guessed from the whole dump), the share
of words that start in lowercase (menus and headlines are capitalised), and the
boilerplate vocabulary of :mod:`.textdump_vocab`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from newsledger.extract.textdump_segment import Segment
from newsledger.extract.textdump_vocab import (
    BOILER_TOKEN_RE,
    STOPWORD_LANGS,
    STOPWORDS,
    boiler_hits_in,
)

__all__ = ["Features", "guess_language", "features", "is_anchor", "is_boiler", "is_sentence"]

# A body paragraph that anchors the article: enough words to be prose, not a teaser line.
ANCHOR_MIN_WORDS = 14
# Share of function words above which a segment reads as prose (menus have almost none).
ANCHOR_MIN_STOP = 0.18
# Without a known language, prose is told by its lowercase words instead.
ANCHOR_MIN_LOWER = 0.55
# Even in German (capitalised nouns) prose has this share of lowercase words; headlines less.
ANCHOR_MIN_LOWER_ANY = 0.35
# Short segments with a boilerplate phrase are furniture; longer ones need this density.
BOILER_SHORT_WORDS = 12
BOILER_WORDS_PER_HIT = 10
# Brand names of social networks are furniture only in short segments.
_WEAK_BOILER = frozenset(
    {"facebook", "twitter", "linkedin", "pinterest", "instagram", "youtube", "reddit", "whatsapp"}
)
# The end of a segment that is looked at for a sentence end (the pattern is anchored at $).
SENTENCE_TAIL = 80
TRAILING_OFF_WORDS = 8
# Stopword hits needed before a language guess is trusted.
LANGUAGE_MIN_HITS = 6
# ... and must clearly beat the runner-up (languages share short words: "a", "de", "in").
LANGUAGE_MARGIN = 1.5
# Enough running text to tell the language (about 1500 words); reading more only costs time.
LANGUAGE_SAMPLE_CHARS = 9000
# Segments shorter than this are menus and labels, not a sample of the language.
LANGUAGE_MIN_SEGMENT = 80

_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# The first letter of each word (the letter class first: the engine fails fast elsewhere).
_INITIAL = re.compile(r"[^\W\d_](?<![^\W_].)")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?…。！？][”\"’»)\]]*$|[.!?…][”\"’»)\]]*\s*\(\w[^()]{0,40}\)$")


class Features(NamedTuple):
    """What a segment looks like."""

    words: int
    sentence_end: bool
    stop_share: float
    lower_share: float
    boiler_hits: int  # strong boilerplate phrases found
    weak_hits: int  # social-network names found


def guess_language(segments: Sequence[Segment]) -> str | None:
    """The language whose function words are most frequent in the long segments."""
    sample: list[str] = []
    size = 0
    for seg in segments:
        if len(seg.text) >= LANGUAGE_MIN_SEGMENT:
            sample.append(seg.text)
            size += len(seg.text)
            if size > LANGUAGE_SAMPLE_CHARS:
                break
    # Count the tokens once (in C), then credit each distinct stopword to its languages.
    tokens = Counter(_TOKEN.findall(" ".join(sample).lower()))
    counts: Counter[str] = Counter()
    for tok, n in tokens.items():
        for lang in STOPWORD_LANGS.get(tok, ()):
            counts[lang] += n
    if not counts:
        return None
    ranked = counts.most_common(2)
    lang, hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return lang if hits >= LANGUAGE_MIN_HITS and hits >= LANGUAGE_MARGIN * runner_up else None


def features(seg: Segment, language: str | None) -> Features:
    """Shape features of one segment."""
    text = seg.text
    lowered = text.lower()
    # One tokenisation serves the word count, the stopword share and the boilerplate phrases.
    tokens = BOILER_TOKEN_RE.findall(lowered)
    cjk = len(_CJK.findall(text)) if max(text) >= "\u3040" else 0
    n_words = len(tokens) + cjk // 2  # CJK has no spaces: two characters count as a word
    if tokens:
        stop = STOPWORDS.get(language or "", frozenset())
        stop_share = sum(map(stop.__contains__, tokens)) / len(tokens)
        # Word-initial letters: lowercase ones against all cased ones.  Caseless scripts
        # (CJK, Arabic...) tell nothing here and count as prose.
        initials = "".join(_INITIAL.findall(text))
        lower = sum(map(str.islower, initials))
        cased = lower + sum(map(str.isupper, initials))
        lower_share = lower / cased if cased else 1.0
    else:
        stop_share = lower_share = 0.0
    strong = weak = 0
    for hit in boiler_hits_in(tokens):
        if hit in _WEAK_BOILER:
            weak += 1
        else:
            strong += 1
    return Features(
        words=n_words,
        # A short line trailing off ("Elsewhere on the site...", "Read more…") is a link label.
        sentence_end=bool(_SENTENCE_END.search(text[-SENTENCE_TAIL:]))
        and not (n_words < TRAILING_OFF_WORDS and text.endswith(("...", "…"))),
        stop_share=stop_share,
        lower_share=lower_share,
        boiler_hits=strong,
        weak_hits=weak,
    )


def is_boiler(f: Features) -> bool:
    """Page furniture by its vocabulary: cookie notices, share bars, sign-in links."""
    if f.words <= BOILER_SHORT_WORDS:
        return f.boiler_hits + f.weak_hits > 0
    return f.boiler_hits * BOILER_WORDS_PER_HIT >= f.words


def _prose_like(f: Features, language: str | None) -> bool:
    if language:
        return f.stop_share >= ANCHOR_MIN_STOP
    return f.lower_share >= ANCHOR_MIN_LOWER or f.words >= 2 * ANCHOR_MIN_WORDS


def is_anchor(f: Features, language: str | None) -> bool:
    """A segment that is surely body prose: long, sentence-like, not furniture."""
    if f.words < ANCHOR_MIN_WORDS or is_boiler(f):
        return False
    if f.lower_share < ANCHOR_MIN_LOWER_ANY:
        return False  # Title Case Headlines Of Teasers, however long
    return _prose_like(f, language) and (f.sentence_end or f.words >= 2 * ANCHOR_MIN_WORDS)


def is_sentence(f: Features, language: str | None, min_words: int = 4) -> bool:
    """A shorter piece of prose: ends like a sentence and reads like one."""
    return (
        f.words >= min_words
        and f.sentence_end
        and not is_boiler(f)
        and (f.lower_share >= 0.4 or _prose_like(f, language))
    )
