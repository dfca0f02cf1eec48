"""The date parser: fixed examples and property tests (hypothesis)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract.dates import MIN_YEAR, date_from_url, parse_date, to_date

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_DE = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]

# Dates the parser must accept: from MIN_YEAR to the present year.
dates = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(datetime.now(UTC).year, 12, 31))
offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-11-03", "2023-11-03"),
        ("2023-11-03T10:00:00Z", "2023-11-03T10:00:00+00:00"),
        ("2023-11-03T10:00:00.123+0200", "2023-11-03T10:00:00+02:00"),
        ("2023-11-03 10:00", "2023-11-03T10:00:00"),
        ("20231103", "2023-11-03"),
        ("Fri, 03 Nov 2023 10:00:00 GMT", "2023-11-03T10:00:00+00:00"),
        ("November 3, 2023 10:15 AM EDT", "2023-11-03T10:15:00-04:00"),
        ("Nov. 3rd, 2023, 4:05 p.m.", "2023-11-03T16:05:00"),
        ("Published On 3 Nov 2023", "2023-11-03"),
        ("3. November 2023 um 14:30 Uhr", "2023-11-03T14:30:00"),
        ("3 de noviembre de 2023", "2023-11-03"),
        ("3 novembre 2023", "2023-11-03"),
        ("03.11.2023", "2023-11-03"),
        ("11/03/2023", "2023-11-03"),  # slashes: month first ...
        ("13/03/2023", "2023-03-13"),  # ... unless that is impossible
        ("Tue 21 May 2019 07.00 BST", "2019-05-21T07:00:00+01:00"),
        ("1699000000", "2023-11-03T08:26:40+00:00"),
    ],
)
def test_known_formats(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2023-02-30",
        "2023-13-01",
        "1066-10-14",
        "31/31/2023",
        "no date here",
        "9999-01-01",
        "25:99",
    ],
)
def test_impossible_or_missing_dates(text: str) -> None:
    assert parse_date(text) is None


def test_day_first_flag_settles_ambiguous_dates() -> None:
    assert parse_date("03/11/2023", day_first=True) == "2023-11-03"
    assert parse_date("03/11/2023", day_first=False) == "2023-03-11"


def test_dates_in_urls() -> None:
    assert date_from_url("https://x.example/2023/11/03/story") == "2023-11-03"
    assert date_from_url("https://x.example/news/20231103-story") == "2023-11-03"
    assert date_from_url("https://x.example/story-2023-11-03.html") == "2023-11-03"
    assert date_from_url("https://x.example/2023/1/3/story") == "2023-01-03"
    assert date_from_url("https://x.example/commentisfree/2019/nov/18/view") == "2019-11-18"
    assert date_from_url("https://x.example/2023/13/45/story") is None
    assert date_from_url("https://x.example/story/12345678") is None
    assert date_from_url(None) is None


@given(dates)
def test_iso_dates_round_trip(d: date) -> None:
    assert parse_date(d.isoformat()) == d.isoformat()


@given(dates, st.integers(0, 23), st.integers(0, 59), st.integers(0, 59), offsets)
def test_iso_datetimes_keep_their_zone(d: date, h: int, m: int, s: int, tz: timezone) -> None:
    dt = datetime(d.year, d.month, d.day, h, m, s, tzinfo=tz)
    assert parse_date(dt.isoformat()) == dt.isoformat()


@given(dates, st.sampled_from(["{M} {d}, {Y}", "{d} {M} {Y}", "{m} {d}, {Y}", "{d} {m}. {Y}"]))
def test_written_english_dates(d: date, pattern: str) -> None:
    name = MONTHS_EN[d.month - 1]
    text = pattern.format(M=name, m=name[:3], d=d.day, Y=d.year)
    assert parse_date(text) == d.isoformat()


@given(dates)
def test_written_german_dates(d: date) -> None:
    assert parse_date(f"{d.day}. {MONTHS_DE[d.month - 1]} {d.year}") == d.isoformat()


@given(dates)
def test_dotted_dates_are_day_first(d: date) -> None:
    assert parse_date(f"{d.day:02d}.{d.month:02d}.{d.year}") == d.isoformat()


@settings(max_examples=300)
@given(st.text(max_size=80))
def test_any_text_gives_none_or_a_valid_iso_string(text: str) -> None:
    result = parse_date(text)
    if result is not None:
        parsed = datetime.fromisoformat(result)
        assert MIN_YEAR <= parsed.year <= datetime.now(UTC).year + 1
        assert to_date(result) == parsed.date()


@settings(max_examples=200)
@given(st.text(alphabet="0123456789-/.: TZ+", max_size=40))
def test_digit_soup_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or datetime.fromisoformat(result)


@given(dates)
def test_url_dates_round_trip(d: date) -> None:
    url = f"https://news.example/{d.year}/{d.month:02d}/{d.day:02d}/some-story"
    assert date_from_url(url) == d.isoformat()
