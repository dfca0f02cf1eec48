"""Field parsers for text dumps: printed dates, embedded posts, page-title lines, bylines.

Each works on one short string (a segment) and returns ``None`` when the string is not
what it looks for; none raises on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsledger.extract.textdump_vocab import BYLINE_RE
from newsledger.model import EmbeddedPost

__all__ = [
    "PostMatch",
    "TitleLine",
    "date_from_url",
    "find_date",
    "find_post_signature",
    "parse_byline",
    "parse_title_line",
]

# A printed date is never in prose this long; longer segments are not date lines.
MAX_DATE_SEGMENT = 160
# Years outside this range are ids, prices or copyright lines, not publication dates.
MIN_YEAR, MAX_YEAR = 1990, 2100

_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "january jan januar janvier janv enero ene gennaio gen janeiro januari jänner",
        "february feb febr februar février fevrier févr febrero febbraio fevereiro fev februari",
        "march mar märz maerz mars marzo março marco maart mrt",
        "april apr avril avr abril abr aprile",
        "may mai mayo maggio mag maio mei",
        "june jun juni juin junio giugno giu junho",
        "july jul juli juillet juil julio luglio lug julho",
        "august aug août aout agosto ago augustus",
        "september sep sept septembre septiembre setiembre settembre set setembro",
        "october oct oktober okt octobre octubre ottobre ott outubro out",
        "november nov novembre noviembre novembro",
        "december dec dez dezember décembre decembre déc diciembre dic dicembre dezembro",
    ),
    start=1,
):
    for _n in _names.split():
        _MONTHS[_n] = _i

_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|\.|º)?"
_YEAR = r"(?P<y>(?:19|20|21)\d\d)"
_MON = rf"(?P<m>{_MONTH_ALT})\.?"
# "3 Nov 2023", "3. November 2023", "3 de noviembre de 2023", "November 3, 2023", "2023-11-03".
_DATE_PATTERNS = (
    re.compile(rf"(?<!\d){_DAY}\s*(?:de\s+)?{_MON}\s*(?:de\s+|,\s*)?{_YEAR}", re.IGNORECASE),
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<y>(?:19|20|21)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20|21)\d\d)(?!\d)"),
)
_YEAR_HINT = re.compile(r"(?:19|20|21)\d\d")  # every pattern has a 4-digit year: a cheap pre-check
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|-|$)")


def _iso(y: str, m: str, d: str) -> str | None:
    month = int(m) if m.isdigit() else _MONTHS.get(m.lower().rstrip("."))
    if month is None:
        return None
    try:
        value = date(int(y), month, int(d))
    except ValueError:
        return None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value.isoformat()


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first printed date in a short ``text``: (ISO date, start, end) or None."""
    if len(text) > MAX_DATE_SEGMENT or not _YEAR_HINT.search(text):
        return None
    best: tuple[str, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m.group("y"), m.group("m"), m.group("d"))
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
                break
    return best


def date_from_url(url: str | None) -> str | None:
    """A date written in a URL path (``/2023/11/03/``), as ISO, or None."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    return _iso(*m.groups()) if m else None


@dataclass(frozen=True)
class PostMatch:
    """Where an embedded post's signature sits in a segment."""

    post: EmbeddedPost
    start: int  # where the signature (the dash) starts; text before it is the post's text
    end: int


# "— Secretary Antony Blinken (@SecBlinken) November 3, 2023" (the tweet embed signature).
_POST_SIGNATURE = re.compile(
    r"(?:^|(?<=\S)|\s)[—–-]\s*(?P<author>[^()\n—–]{1,80}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    r"(?P<date>(?:"
    + _MONTH_ALT
    + r")\.?\s+[0-3]?\d,\s+(?:19|20)\d\d|[0-3]?\d\s+(?:"
    + _MONTH_ALT
    + r")\.?\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)
# "A post shared by Name (@handle)" (the Instagram embed signature).
_INSTAGRAM_SIGNATURE = re.compile(
    r"A post shared by (?P<author>[^()\n]{1,80}?)\s*\((?P<handle>@[\w.]{1,30})\)", re.IGNORECASE
)
# The post's own address, when printed (a pic.twitter.com link is the picture, not the post).
_POST_URL = re.compile(
    r"https?://(?:www\.|mobile\.)?(?:twitter\.com|x\.com)/\w+/status/\d+"
    r"|https?://(?:www\.)?instagram\.com/(?:p|reel)/[\w-]+"
    r"|https?://(?:www\.)?facebook\.com/\S+/posts/\S+"
)
# fmt: off
_PLATFORM_HOSTS = (
    ("twitter.com", "twitter"), ("t.co/", "twitter"), ("x.com/", "twitter"),
    ("instagram.com", "instagram"), ("facebook.com", "facebook"), ("youtube.com", "youtube"),
    ("youtu.be", "youtube"), ("tiktok.com", "tiktok"),
)
# fmt: on


def find_post_signature(text: str) -> PostMatch | None:
    """The signature line of an embedded social-media post inside ``text``, if any."""
    m = _POST_SIGNATURE.search(text)
    platform = "twitter"  # "— Name (@handle) Month D, YYYY" is how tweet embeds sign off
    if m is None:
        m = _INSTAGRAM_SIGNATURE.search(text)
        platform = "instagram"
        if m is None:
            return None
    before = text[: m.start()].strip()
    for host, name in _PLATFORM_HOSTS:
        if host in before:
            platform = name
            break
    url_match = _POST_URL.search(text)
    post = EmbeddedPost(
        platform=platform,
        author=m.group("author").strip(),
        handle=m.group("handle"),
        text=before,
        date=m.groupdict().get("date"),
        url=url_match.group(0) if url_match else None,
    )
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    return PostMatch(post=post, start=start, end=m.end())


@dataclass(frozen=True)
class TitleLine:
    """A browser-style page title: ``Headline | Section | Site``."""

    title: str
    others: tuple[str, ...]  # the other parts, in order
    site: str | None  # the last part, when there are several


_TITLE_SEPARATORS = re.compile(r"\s+[|–—•·»]{1,2}\s+|\s+-\s+|\s*\|\s*")
# A page title is one line of a few words; longer first lines are prose or glued menus.
MAX_TITLE_WORDS = 40


def parse_title_line(line: str) -> TitleLine | None:
    """Split a page-title line into its headline and the other parts, or None."""
    words = line.split()
    if not words or len(words) > MAX_TITLE_WORDS:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(line) if p.strip()]
    if len(parts) <= 1:
        return TitleLine(title=line.strip(), others=(), site=None)
    # The headline is the longest part; the others are section and site names.
    idx = max(range(len(parts)), key=lambda i: len(parts[i]))
    others = tuple(p for i, p in enumerate(parts) if i != idx)
    site = parts[-1] if idx != len(parts) - 1 else parts[0]
    return TitleLine(title=parts[idx], others=others, site=site)


def parse_byline(text: str) -> list[str] | None:
    """Author names from a byline segment (``"By Jane Doe and John Roe"``), or None."""
    if len(text) > 200:
        return None
    m = BYLINE_RE.match(text.strip())
    if not m:
        return None
    names = re.split(
        r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\boch\b|\bog\b)\s*", m.group("names")
    )
    out = [n.strip(" .") for n in names if n.strip(" .") and len(n.split()) >= 2]
    return out or None
