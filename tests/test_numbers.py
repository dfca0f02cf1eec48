"""Number-phrase parsing: property tests (hypothesis) and worked examples."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.analyze.numbers import find_numbers, parse_amount, parse_number

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand(n: int, use_and: bool) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [_UNITS[hundreds], "hundred"]
        if rest and use_and:
            words.append("and")
    if rest >= 20:
        tens, units = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_UNITS[units]}" if units else ""))
    elif rest >= 10:
        words.append(_TEENS[rest - 10])
    elif rest or not words:
        words.append(_UNITS[rest])
    return words


def to_words(n: int, use_and: bool = False) -> str:
    """English words for 0 <= n < 10**12 (independent of the code under test)."""
    if n == 0:
        return "zero"
    words: list[str] = []
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        chunk, n = divmod(n, scale)
        if chunk:
            words += _below_thousand(chunk, use_and)
            if name:
                words.append(name)
    return " ".join(words)


@given(st.integers(min_value=0, max_value=10**13))
def test_thousands_separators_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_decimals_round_trip(whole: int, cents: int) -> None:
    printed = f"{whole:,}.{cents:02d}"
    assert parse_number(printed) == pytest.approx(whole + cents / 100)


@given(st.integers(min_value=0, max_value=10**12 - 1), st.booleans())
def test_words_round_trip(n: int, use_and: bool) -> None:
    assert parse_number(to_words(n, use_and)) == n
    assert parse_number(to_words(n, use_and).capitalize()) == n


@given(
    st.integers(min_value=1, max_value=9999),
    st.sampled_from([0, 1, 2]),
    st.sampled_from(
        [
            (" thousand", 1e3),
            (" million", 1e6),
            (" billion", 1e9),
            (" trillion", 1e12),
            ("m", 1e6),
            ("bn", 1e9),
            ("k", 1e3),
            ("mn", 1e6),
            ("tn", 1e12),
        ]
    ),
)
def test_scale_suffixes_round_trip(mantissa: int, decimals: int, suffix: tuple[str, float]) -> None:
    value = mantissa / 10**decimals
    printed = f"{value:.{decimals}f}{suffix[0]}"
    assert parse_number(printed) == pytest.approx(value * suffix[1])


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(
        [("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("US$", "USD"), ("HK$", "HKD")]
    ),
    st.sampled_from([("bn", 1e9), ("m", 1e6), (" million", 1e6), ("", 1.0)]),
)
def test_money_round_trip(n: int, currency: tuple[str, str], suffix: tuple[str, float]) -> None:
    got = parse_amount(f"{currency[0]}{n}{suffix[0]}")
    assert got is not None
    assert got[0] == pytest.approx(n * suffix[1])
    assert got[1] == currency[1]


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_garbage_gives_none_or_a_number(text: str) -> None:
    got = parse_number(text)
    assert got is None or (isinstance(got, float) and math.isfinite(got))


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(), max_size=400))
def test_find_numbers_spans_are_ordered_and_in_bounds(text: str) -> None:
    last_end = 0
    for m in find_numbers(text):
        assert last_end <= m.start < m.end <= len(text)
        assert math.isfinite(m.value)
        last_end = m.end


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("9,227", 9227, None),
        ("2.3 million", 2_300_000, None),
        ("$1.5bn", 1.5e9, "USD"),
        ("€3.4 billion", 3.4e9, "EUR"),
        ("£200m", 2e8, "GBP"),
        ("5 million yuan", 5e6, "CNY"),
        ("300 euros", 300, "EUR"),
        ("12%", 12, "%"),
        ("12 percent", 12, "%"),
        ("3.5 per cent", 3.5, "%"),
        ("two thousand three hundred", 2300, None),
        ("a dozen", 12, None),
        ("a hundred and five", 105, None),
        ("half a million", 500_000, None),
        ("twenty-one", 21, None),
        ("tens of thousands", 10_000, None),
        ("hundreds of thousands", 100_000, None),
        ("Rs 500 crore", 5e9, "INR"),
    ],
)
def test_examples(text: str, value: float, unit: str | None) -> None:
    got = parse_amount(text)
    assert got is not None, text
    assert got[0] == pytest.approx(value)
    assert got[1] == unit


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "1,2,3",
        "two three",
        "twenty twelve",
        "million thousand",
        "1st",
        "$5%",
        "x" * 10_000,
        "nan",
        "inf",
        "1e309",
    ],
)
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_vague_phrases_are_flagged() -> None:
    found = find_numbers("Tens of thousands of people fled and dozens of homes burned.")
    assert [(m.value, m.vague) for m in found] == [(10_000, True), (12, True)]


def test_find_numbers_offsets() -> None:
    text = "Officials said more than 9,227 people and $1.5bn, up 12% on 2.3 million."
    found = find_numbers(text)
    assert [text[m.start : m.end] for m in found] == ["9,227", "$1.5bn", "12%", "2.3 million"]
    assert [m.unit for m in found] == [None, "USD", "%", None]


def test_scale_printed_once_is_kept_for_ranges() -> None:
    a, b = find_numbers("$10-20 million")
    assert (a.value, a.scale, b.value, b.scale) == (10, 1, 20e6, 1e6)


def test_bare_letter_suffixes_need_a_currency() -> None:
    assert parse_number("2B") is None  # "2B Mindset": a name
    assert parse_amount("$2B") == (2e9, "USD", False)
    assert parse_amount("243 pounds") == (243, "lb", False)  # a weight
    assert parse_amount("5 million pounds") == (5e6, "GBP", False)


def test_digits_glued_to_words_are_not_numbers() -> None:
    # Scraped page furniture: "list 1 of 3Mass graves" - the 3 belongs to no count.
    assert [m.value for m in find_numbers("3Mass graves")] == []
    assert [m.value for m in find_numbers("a 3440x1440 120Hz 512GB monitor")] == []
