"""Number phrases: find them in running text and turn them into values.

Two public functions:

* :func:`parse_number` - one phrase ("9,227", "2.3 million", "$1.5bn", "two
  thousand three hundred", "a dozen", "tens of thousands") -> its value, or
  ``None`` when the phrase is not a number.  Never raises on any ``str``.
* :func:`find_numbers` - every number phrase in a text, with offsets, value,
  unit (currency / percent) and whether it is a vague lower bound
  ("hundreds of", "tens of thousands").

The scanner works on the raw text with regular expressions rather than on
spaCy tokens because the tokenizer splits amounts inconsistently
("$1.5bn" is one token, "€3.4 billion" three, "HK$4bn" one noun); the claim
stage maps the spans found here back onto tokens.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["NumberMatch", "find_numbers", "parse_amount", "parse_number"]

# Longest phrase we try to parse; longer input is not a number phrase and
# refusing it keeps parse_number O(1) on garbage.
MAX_PHRASE_CHARS = 200

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
# Abbreviated scales, as printed after a digit: "£200m", "1.5bn", "10k".
SHORT_SCALES = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "mil": 1e6,
}
# A bare "N pounds" below this is a weight, not sterling.
POUNDS_WEIGHT_BELOW = 1000
# Abbreviated scales believed without a currency sign ("2.3m residents", "10k").
BARE_SHORT_SCALES = frozenset({"m", "mn", "bn", "tn", "k", "mln", "bln"})
# Plural "vague" quantities: the value is the lower bound the phrase guarantees.
VAGUE = {
    "dozens": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}

CURRENCY_SYMBOLS = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "r$": "BRL",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "₦": "NGN",
    "₩": "KRW",
    "₪": "ILS",
    "₽": "RUB",
    "₺": "TRY",
    "chf": "CHF",
    "cny": "CNY",
    "rmb": "CNY",
}
CURRENCY_WORDS = {
    "hong kong dollars": "HKD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "singapore dollars": "SGD",
    "new zealand dollars": "NZD",
    "taiwan dollars": "TWD",
    "swiss francs": "CHF",
    "rand": "ZAR",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "shekels": "ILS",
    "shekel": "ILS",
    "roubles": "RUB",
    "rubles": "RUB",
    "francs": "CHF",
    "naira": "NGN",
    "won": "KRW",
    "lira": "TRY",
}

_NUMWORD = "|".join(
    sorted([*UNITS, *TEENS, *TENS, "hundred", *SCALES, "dozen"], key=len, reverse=True)
)
_VAGUEWORD = "|".join(VAGUE)
_SCALEWORD = "hundred|" + "|".join(SCALES) + "|dozen"
_SHORT = "|".join(sorted(SHORT_SCALES, key=len, reverse=True))
_CUR_PREFIX = r"(?:US\$|AU?\$|CA?\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₹|₦|₩|₪|₽|₺|(?:Rs\.?|USD|EUR|GBP|CHF|JPY|CNY|RMB|INR)\s?)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CUR_WORDS = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(CURRENCY_WORDS, key=len, reverse=True)
)

# One number phrase.  Alternatives, most specific first:
#  - digits with an optional attached/spaced scale: "2.3 million", "1.5bn", "10k"
#  - vague plurals: "tens of thousands", "hundreds", "dozens"
#  - "a few/several hundred", "half a million"
#  - word numbers: "two thousand three hundred", "a dozen", "twenty-one"
_PHRASE = rf"""
(?P<cur>{_CUR_PREFIX})?
(?:
   (?P<digits>{_DIGITS})
   (?:(?P<short>(?:{_SHORT}))\b|\s?(?P<scale>(?:(?:{_SCALEWORD})\s?)+)\b|(?!\w))
 | (?P<vague>(?:{_VAGUEWORD})(?:\s+of\s+(?:{_VAGUEWORD}))?)\b
 | (?P<fewscale>(?:a\s+few|several|a\s+couple\s+of)\s+(?:{_SCALEWORD}))\b
 | (?P<half>half\s+a\s+(?:{_SCALEWORD}))\b
 | (?P<words>(?:an?\s+)?(?:{_NUMWORD})(?:(?:\s+|-|\s+and\s+)(?:{_NUMWORD}))*)\b
)
(?P<post>\s?(?:%|percent\b|per\s?cent\b|percentage\s+points?\b|(?:{_CUR_WORDS})\b))?
"""
_PHRASE_RE = re.compile(rf"(?<![\w.,$€£¥]){_PHRASE}", re.IGNORECASE | re.VERBOSE)
_FULL_RE = re.compile(rf"\s*{_PHRASE}\s*", re.IGNORECASE | re.VERBOSE)
_WORD_SPLIT = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class NumberMatch:
    """One number phrase found in a text (offsets into that text, end exclusive)."""

    start: int
    end: int
    value: float
    unit: str | None = None  # ISO currency code, "%" or None for a count
    vague: bool = False  # "hundreds of", "tens of thousands": value is a lower bound
    words: bool = False  # spelled out ("two", "a dozen"), not digits
    scale: float = 1.0  # multiplier printed after digits: 1e6 for "2.3 million", "£200m"


def _words_value(phrase: str) -> float | None:
    """Value of a spelled-out number ("two thousand three hundred"), None if ill-formed."""
    parts = [p for p in _WORD_SPLIT.split(phrase.lower()) if p and p != "and"]
    if not parts:
        return None
    total = 0.0
    current = 0.0
    # What the previous word was, to reject "two three" or "twenty twelve".
    prev = "start"
    last_scale = 0.0
    for i, word in enumerate(parts):
        if word in ("a", "an"):
            if i != 0 or len(parts) == 1:
                return None
            current = 1.0
            prev = "article"
        elif word in UNITS:
            if prev in ("unit", "teen", "article"):
                return None
            current += UNITS[word]
            prev = "unit"
        elif word in TEENS:
            if prev in ("unit", "teen", "tens", "article"):
                return None
            current += TEENS[word]
            prev = "teen"
        elif word in TENS:
            if prev in ("unit", "teen", "tens", "article"):
                return None
            current += TENS[word]
            prev = "tens"
        elif word == "hundred":
            if prev in ("hundred",) or current >= 100:
                return None
            current = (current or 1.0) * 100
            prev = "hundred"
        elif word == "dozen":
            if prev == "dozen":
                return None
            current = (current or 1.0) * 12
            prev = "dozen"
        elif word in SCALES:
            scale = SCALES[word]
            # Scales come largest first and each once: "two million three thousand".
            if prev == "scale" or (last_scale and scale >= last_scale):
                return None
            last_scale = scale
            total += (current or 1.0) * scale
            current = 0.0
            prev = "scale"
        else:
            return None
    return total + current


def _digits_value(digits: str) -> float | None:
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _scale_value(scale: str) -> float | None:
    """Multiplier of a run of scale words after digits: "million" 1e6, "hundred thousand" 1e5."""
    value = 1.0
    for word in scale.lower().split():
        if word == "hundred":
            value *= 100
        elif word == "dozen":
            value *= 12
        elif word in SCALES:
            value *= SCALES[word]
        else:
            return None
    return value


def _vague_value(phrase: str) -> float | None:
    parts = phrase.lower().split()
    value = 1.0
    for word in parts:
        if word == "of":
            continue
        if word not in VAGUE:
            return None
        value *= VAGUE[word]
    return value


def _post_unit(post: str) -> str | None:
    key = " ".join(post.lower().split())
    if not key:
        return None
    if key == "%" or key.startswith("per"):
        return "%"
    if key.startswith("percentage"):
        return "percentage points"
    return CURRENCY_WORDS.get(key)


def _from_match(m: re.Match[str]) -> tuple[float, str | None, bool, bool, float] | None:
    """(value, unit, vague, words, scale) of one regex match, None when it is no number."""
    vague = False
    words = False
    scale = 1.0
    if m.group("digits") is not None:
        value = _digits_value(m.group("digits"))
        if value is None:
            return None
        if m.group("short"):
            short = m.group("short")
            # "2B Mindset", "4K", "5M" without a currency are names and resolutions.
            if m.group("cur") is None and short not in BARE_SHORT_SCALES:
                return None
            scale = SHORT_SCALES[short.lower()]
        elif m.group("scale"):
            mult = _scale_value(m.group("scale"))
            if mult is None:
                return None
            scale = mult
        value *= scale
    elif m.group("vague") is not None:
        value = _vague_value(m.group("vague"))
        vague = True
    elif m.group("fewscale") is not None:
        # "a few hundred", "several thousand": at least two of the scale.
        value = 2 * (_scale_value(m.group("fewscale").split()[-1]) or 0) or None
        vague = True
    elif m.group("half") is not None:
        mult = _scale_value(m.group("half").split()[-1])
        value = mult / 2 if mult else None
    else:
        value = _words_value(m.group("words"))
        words = True
    if value is None or not math.isfinite(value):
        return None
    unit = None
    if m.group("cur"):
        unit = CURRENCY_SYMBOLS.get(m.group("cur").strip().lower())
    post = _post_unit(m.group("post") or "")
    if post is not None:
        if unit is not None and post in ("%", "percentage points"):
            return None  # "$5%" is not an amount
        if post == "GBP" and unit is None and scale == 1 and value < POUNDS_WEIGHT_BELOW:
            post = "lb"  # "weighed 243 pounds": money in pounds is printed with £ or a scale
        unit = unit or post
    return value, unit, vague, words, scale


def parse_amount(text: str) -> tuple[float, str | None, bool] | None:
    """Parse a whole phrase into ``(value, unit, vague)``; ``None`` if it is not one number.

    >>> parse_amount("$1.5bn")
    (1500000000.0, 'USD', False)
    """
    if not isinstance(text, str) or len(text) > MAX_PHRASE_CHARS:
        return None
    m = _FULL_RE.fullmatch(text)
    if m is None:
        return None
    got = _from_match(m)
    if got is None:
        return None
    return got[0], got[1], got[2]


def parse_number(text: str) -> float | None:
    """Value of one number phrase ("9,227", "2.3 million", "a dozen"), else ``None``.

    Never raises for any ``str`` input: garbage gives ``None``.
    """
    got = parse_amount(text)
    return None if got is None else got[0]


def find_numbers(text: str, limit: int | None = None) -> list[NumberMatch]:
    """Every number phrase in ``text``, left to right, non-overlapping (at most ``limit``).

    Linear in the text length (one regex pass); the caller decides which
    phrases are claims.
    """
    found: list[NumberMatch] = []
    for m in _PHRASE_RE.finditer(text):
        if limit is not None and len(found) >= limit:
            break
        if m.end() == m.start():
            continue
        got = _from_match(m)
        if got is None:
            continue
        start, end = m.start(), m.end()
        # Do not swallow trailing blanks matched by an optional "\s?" with no unit after it.
        while end > start and text[end - 1].isspace():
            end -= 1
        if m.group("cur") is None and m.group("digits") is None and not text[start:end].strip():
            continue
        found.append(NumberMatch(start, end, *got))
    return found
