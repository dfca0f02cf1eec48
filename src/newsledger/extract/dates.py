"""A small, fast date parser for the dates news pages print or declare.

It understands ISO 8601 and its common sloppy variants, RFC 2822 (``Fri, 03 Nov
2023 10:00:00 GMT``), written dates in English, German, French, Spanish,
Italian, Portuguese and Dutch (``November 3, 2023``, ``3. November 2023``,
``3 de noviembre de 2023``), numeric dates (``03.11.2023``, ``11/03/2023``) and
dates in URL paths (``/2023/11/03/``).  The result is an ISO 8601 string: a
date-time with its UTC offset when the input gave one (``2023-11-03T10:00:00+00:00``),
a naive date-time when it gave a time but no zone, or a bare date
(``2023-11-03``).  Impossible or implausible dates (month 13, 30 February,
year 1066) give ``None``.  Nothing here raises on bad input.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

__all__ = ["date_from_url", "parse_date", "to_date"]

# News pages older than this are almost always a parsing accident (a copyright year, an ID).
MIN_YEAR = 1900
# Pages may be dated a little ahead of the crawl clock (time zones, embargoes), never years ahead.
MAX_YEARS_AHEAD = 1
# Longer strings are prose, not a date field; bounding the input keeps every regex linear.
MAX_INPUT = 200

_MONTHS: dict[str, int] = {}


def _add_months(names: str) -> None:
    for i, group in enumerate(names.split(";"), start=1):
        for name in group.split(","):
            _MONTHS[name.strip()] = i


# English, German, French, Spanish, Italian, Portuguese, Dutch; full names and usual abbreviations.
_add_months(
    "january,jan,januar,janvier,janv,enero,ene,gennaio,gen,janeiro,januari,jänner;"
    "february,feb,febr,februar,février,fevrier,févr,fevr,febrero,febbraio,fevereiro,fev,februari;"
    "march,mar,märz,maerz,mars,marzo,março,marco,maart,mrt;"
    "april,apr,avril,avr,abril,abr,aprile;"
    "may,mai,mayo,maggio,mag,maio,mei;"
    "june,jun,juni,juin,junio,giugno,giu,junho;"
    "july,jul,juli,juillet,juil,julio,luglio,lug,julho;"
    "august,aug,août,aout,agosto,ago,augustus;"
    "september,sep,sept,septembre,septiembre,setiembre,settembre,set,setembro;"
    "october,oct,oktober,okt,octobre,octubre,ottobre,ott,outubro,out;"
    "november,nov,novembre,noviembre,novembro;"
    "december,dec,dez,dezember,décembre,decembre,déc,diciembre,dic,dicembre,dezembro,desember"
)

# Zone abbreviations that news sites print; ambiguous ones (IST, CST in Asia) take the common newsroom meaning.
_ZONES: dict[str, int] = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "ut": 0,
    "bst": 60,
    "ist": 330,
    "cet": 60,
    "cest": 120,
    "met": 60,
    "mez": 60,
    "mesz": 120,
    "eet": 120,
    "eest": 180,
    "wet": 0,
    "west": 60,
    "msk": 180,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "mst": -420,
    "mdt": -360,
    "pst": -480,
    "pdt": -420,
    "akst": -540,
    "akdt": -480,
    "hst": -600,
    "aest": 600,
    "aedt": 660,
    "acst": 570,
    "awst": 480,
    "nzst": 720,
    "nzdt": 780,
    "jst": 540,
    "kst": 540,
    "hkt": 480,
    "sgt": 480,
}

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_ZONE_ALT = "|".join(sorted(_ZONES, key=len, reverse=True))

# 2023-11-03, 2023-11-03T10:00, 2023-11-03 10:00:00.123+0200, 2023/11/03 ..., 20231103T1000Z
_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?:(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})|(?P<m2>[01]\d)(?P<d2>[0-3]\d))(?!\d)"
    r"(?:(?:T|\s+|,\s*)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?P<tz>Z(?![a-z])|[+-]\d{2}(?::?\d{2})?|(?:" + _ZONE_ALT + r")(?![a-z]))?)?",
    re.IGNORECASE,
)
# November 3, 2023 / Nov. 3rd 2023 / Friday, November 3, 2023 10:15 AM EDT
_MDY = re.compile(
    r"(?<![a-zà-ü])(?P<mon>"
    + _MONTH_ALT
    + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
# 3 November 2023 / 3. November 2023 / 3 de noviembre de 2023 / 03 Nov 2023 / 3rd of May, 2023
_DMY = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+|of\s+)?(?P<mon>"
    + _MONTH_ALT
    + r")\.?,?\s+(?:de\s+)?(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
# 03.11.2023 / 3/11/2023 / 11-03-2023 (day or month first: decided below)
_NUM = re.compile(r"(?<!\d)(?P<a>\d{1,2})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})(?!\d)")
# a time after a written date: 10:15, 10:15:30, 10.15 am, 10:15 a.m. EDT, 10:15 (UTC+2)
_TIME = re.compile(
    r"^[\s,|@-]*(?:at\s+|um\s+|à\s+|a\s+las\s+|alle\s+|-\s*)?(?P<H>\d{1,2})[:.h](?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?\s*(?:\(?\s*(?P<tz>(?:utc|gmt)?\s*[+-]\d{1,2}(?::?\d{2})?|(?:"
    + _ZONE_ALT
    + r")(?![a-z]))\s*\)?)?",
    re.IGNORECASE,
)
_URL_DATE = re.compile(
    r"[/_-](?P<y>(?:19|20)\d{2})(?P<s>[/-]?)(?P<m>[01]\d)(?P=s)(?P<d>[0-3]\d)(?=[/_.-]|$)"
)
_URL_DATE_SPLIT = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?=/|$)")
# /2019/nov/18/ (The Guardian, PolitiFact)
_URL_DATE_NAMED = re.compile(
    r"/(?P<y>(?:19|20)\d{2})/(?P<mon>[a-z]{3,9})/(?P<d>[0-3]?\d)(?=/|$)", re.IGNORECASE
)
_EPOCH = re.compile(r"^\d{9,13}$")


def _max_year() -> int:
    return datetime.now(UTC).year + MAX_YEARS_AHEAD


def _valid_date(y: int, m: int, d: int) -> date | None:
    if not MIN_YEAR <= y <= _max_year():
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _offset_minutes(tz: str | None) -> int | None:
    """Minutes east of UTC for ``Z``, ``+02``, ``+0200``, ``-05:30``, ``UTC+2``, ``EDT``..."""
    if not tz:
        return None
    t = tz.strip().lower().replace(" ", "")
    if t in _ZONES:
        return _ZONES[t]
    t = t.removeprefix("utc").removeprefix("gmt")
    m = re.fullmatch(r"([+-])(\d{1,2})(?::?(\d{2}))?", t)
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes >= 60:
        return None
    sign = -1 if m.group(1) == "-" else 1
    return sign * (hours * 60 + minutes)


def _hour24(hour: int, ampm: str | None) -> int | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        pm = ampm.lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return hour if 0 <= hour <= 23 else None


def _format(
    d: date,
    hour: int | None = None,
    minute: int = 0,
    second: int = 0,
    offset: int | None = None,
) -> str | None:
    if hour is None:
        return d.isoformat()
    if not (0 <= minute <= 59 and 0 <= second <= 59):
        return d.isoformat()
    tzinfo = timezone(timedelta(minutes=offset)) if offset is not None else None
    return datetime(d.year, d.month, d.day, hour, minute, second, tzinfo=tzinfo).isoformat()


def _with_time(d: date, rest: str) -> str | None:
    """Format ``d`` with the time that may follow it in ``rest``."""
    m = _TIME.match(rest)
    if not m:
        return d.isoformat()
    hour = _hour24(int(m.group("H")), m.group("ampm"))
    if hour is None:
        return d.isoformat()
    return _format(
        d, hour, int(m.group("M")), int(m.group("S") or 0), _offset_minutes(m.group("tz"))
    )


def _parse_iso(m: re.Match[str]) -> str | None:
    month, day = m.group("m") or m.group("m2"), m.group("d") or m.group("d2")
    d = _valid_date(int(m.group("y")), int(month), int(day))
    if d is None:
        return None
    if m.group("H") is None:
        return d.isoformat()
    hour = _hour24(int(m.group("H")), m.group("ampm"))
    if hour is None:
        return d.isoformat()
    tz = m.group("tz")
    return _format(d, hour, int(m.group("M")), int(m.group("S") or 0), _offset_minutes(tz))


def parse_date(text: str | None, *, day_first: bool | None = None) -> str | None:
    """Parse one date (optionally with a time) found in ``text``; ISO 8601 out, or ``None``.

    ``day_first`` settles numeric dates like ``03/11/2023``; by default a
    dotted date (``03.11.2023``) is read day first, a slashed one month first
    unless that is impossible.
    """
    if not text:
        return None
    s = " ".join(text.split())[:MAX_INPUT]
    if not s:
        return None
    if _EPOCH.match(s):
        return _parse_epoch(s)
    m = _ISO.search(s)
    if m:
        result = _parse_iso(m)
        if result:
            return result
    # A written date: the earliest of "November 3, 2023" and "3 November 2023" wins.
    written = [m for m in (_MDY.search(s), _DMY.search(s)) if m]
    for m in sorted(written, key=lambda w: w.start()):
        month = _MONTHS.get(m.group("mon").lower())
        d = _valid_date(int(m.group("y")), month or 0, int(m.group("d")))
        if d is not None:
            return _with_time(d, s[m.end() :])
    m = _NUM.search(s)
    if m:
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        first_day = day_first if day_first is not None else m.group("s") == "."
        order = [(b, a), (a, b)] if first_day else [(a, b), (b, a)]
        for month, day in order:
            d = _valid_date(y, month, day)
            if d is not None:
                return _with_time(d, s[m.end() :])
    return None


def _parse_epoch(s: str) -> str | None:
    # Unix time in seconds or milliseconds, as some JSON data carries it.
    value = int(s)
    if len(s) > 10:
        value //= 1000
    try:
        dt = datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not MIN_YEAR <= dt.year <= _max_year():
        return None
    return dt.isoformat()


def date_from_url(url: str | None) -> str | None:
    """The publication date encoded in a URL path (``/2023/11/03/``, ``/20231103/``), if any."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    for rx in (_URL_DATE, _URL_DATE_SPLIT):
        for m in rx.finditer(path):
            d = _valid_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if d is not None:
                return d.isoformat()
    for m in _URL_DATE_NAMED.finditer(path):
        month = _MONTHS.get(m.group("mon").lower())
        d = _valid_date(int(m.group("y")), month, int(m.group("d"))) if month else None
        if d is not None:
            return d.isoformat()
    return None


def to_date(iso: str | None) -> date | None:
    """The calendar date of an ISO string produced by :func:`parse_date`."""
    if not iso or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None
