"""Turn raw author strings ("By JANE DOE and John Roe, Reuters | Nov 3, 2023") into person names."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["clean_authors", "looks_like_person"]

# Longer strings are a bio or a paragraph, not a byline.
MAX_BYLINE_CHARS = 250
# A person's name rarely has more words than this (particles included).
MAX_NAME_WORDS = 6
# ... or more characters than this.
MAX_NAME_CHARS = 60

# Titles before a name are not part of it ("Dr. Amara Nwosu" is Amara Nwosu).
_HONORIFIC = re.compile(r"^(?:(?:dr|prof|mr|mrs|ms|mx|sir|dame|rev|hon)\.?\s+)+", re.IGNORECASE)
# A trailing weekday abbreviation left over once the date after it is cut ("Tomas Spahn Fr").
_WEEKDAY_TAIL = re.compile(
    r"\s+(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim)\.?$",
    re.IGNORECASE,
)
# "Jens Bergmann Foto: Michael Hudler": a photo credit after the byline.
_PHOTO_CREDIT = re.compile(
    r"\s*\b(?:fotos?|photos?|bilder?|images?|illustrations?)\s*:.*$", re.IGNORECASE
)
# "Text: Jane Doe", "Текст: ...", "Fotos: ...": a one-word label before the name.
_LABEL = re.compile(r"^(?:[^\W\d_]{2,12}\s+){0,3}[^\W\d_]{2,12}\s*:\s+")
_PREFIX = re.compile(
    r"^(?:(?:written|words|story|text|reported|reporting|compiled|posted|published|"
    r"updated|edited|photos?|video|analysis|interview|veröffentlicht|erstellt|geschrieben|verfasst|"
    r"publié|publicado|escrito|scritto|pubblicato)\s+)?"
    r"(?:by|from|von|par|por|di|da|de|door|af|av|autor(?:in)?|auteur|author|autore|"
    r"writer|reporter)\s*[:\-]?\s+",
    re.IGNORECASE,
)
# Joiners between names.  Case-sensitive: "E." in "Sarah E. Needleman" is an initial, not Italian "e".
_SPLIT = re.compile(
    r"\s*(?:,|;|\||/|&|\+|·|•|\b(?:[Aa]nd|AND|und|et|y|e|en|och|og|[Ww]ith)\b(?!\.))\s*"
)
_DATEISH = re.compile(
    r"\b(?:\d{1,2}\.?\s+[^\W\d_]+\.?,?\s+(?:19|20)\d{2}|\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?|\d{1,2}:\d{2}|(?:19|20)\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|"
    r"(?:updated|published|posted|last\s+modified|aktualisiert|veröffentlicht|actualizado|publicado|"
    r"publié|mis\s+à\s+jour)\b.*|stand\s*:.*|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b.*)",
    re.IGNORECASE,
)
# "Jane Doe in Jerusalem", "Jane Doe reporting from Kyiv": the place is not part of the name.
_PLACE_TAIL = re.compile(r"\s+(?:in|at|reporting\s+from|from|aus|en|à|em|a)\s+\S.*$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net|co\.uk|html?)\b", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"@\w+")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")

# Words that make a byline piece a role or a desk, not a person.
_ROLE_WORDS = frozenset(
    [
        "reporter",
        "correspondent",
        "editor",
        "editors",
        "writer",
        "writers",
        "contributor",
        "contributors",
        "staff",
        "columnist",
        "journalist",
        "producer",
        "photographer",
        "photographers",
        "presenter",
        "anchor",
        "analyst",
        "senior",
        "chief",
        "associate",
        "deputy",
        "managing",
        "executive",
        "political",
        "economics",
        "foreign",
        "national",
        "sports",
        "business",
        "science",
        "health",
        "technology",
        "culture",
        "desk",
        "team",
        "newsroom",
        "bureau",
        "opinion",
        "guest",
        "special",
        "intern",
        "fellow",
        "freelance",
        "director",
        "founder",
        "ceo",
        "president",
        "professor",
        "dr.",
        "mr",
        "mrs",
        "ms",
        "dr",
        "journalists",
        "reporters",
        "correspondents",
        "contributing",
        "digital",
        "online",
        "web",
        "news",
        "wire",
        "wires",
        "published",
        "updated",
        "share",
        "follow",
        "email",
        "twitter",
        "facebook",
        "contact",
        "more",
        "articles",
        "about",
        "view",
        "profile",
        "read",
        "bio",
        "autor",
        "autorin",
        "autoren",
        "redakteur",
        "redakteurin",
        "chefredakteur",
        "chefredakteurin",
        "herausgeber",
        "journaliste",
        "rédacteur",
        "rédactrice",
        "periodista",
        "redactor",
        "redactora",
        "giornalista",
        "fotos",
        "photos",
        "videos",
        "comment",
        "comments",
        "kommentar",
        "kommentare",
        "beiträge",
        "beitrag",
        "posts",
        "inhalte",
        "sponsored",
        "anzeige",
        "werbung",
    ]
)
# Words that only organisations carry: any of them rules a name out.
_ORG_STRONG = frozenset(
    [
        "reuters",
        "afp",
        "ap",
        "associated",
        "press",
        "bloomberg",
        "cnn",
        "bbc",
        "dpa",
        "efe",
        "ansa",
        "xinhua",
        "tass",
        "ria",
        "pti",
        "ians",
        "upi",
        "aap",
        "kyodo",
        "yonhap",
        "anadolu",
        "sputnik",
        "news",
        "media",
        "inc",
        "ltd",
        "llc",
        "gmbh",
        "corp",
        "company",
        "network",
        "channel",
        "agency",
        "wire",
        "editorial",
        "board",
        "admin",
        "administrator",
        "webmaster",
        "staff",
        "team",
        "sport",
        "agencies",
        "redaktion",
        "rédaction",
        "redacción",
        "redazione",
        "redactie",
        "online-redaktion",
    ]
)
# Words that organisations carry but surnames can too ("Emily Post"): ruled out only when every word is one.
_ORG_WEAK = frozenset(
    [
        "times",
        "post",
        "herald",
        "tribune",
        "journal",
        "gazette",
        "daily",
        "weekly",
        "magazine",
        "group",
        "radio",
        "tv",
        "television",
        "online",
        "service",
        "services",
        "report",
        "the",
    ]
)
# Words no person's name starts with.
_NOT_FIRST = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "our",
        "your",
        "their",
        "all",
        "more",
        "view",
        "see",
        "no",
        "unknown",
        "anonymous",
        "die",
        "der",
        "das",
        "les",
        "los",
        "las",
        "artikel",
        "article",
        "beitrag",
        "über",
        "about",
        "alle",
        "gesponserte",
        "move",
        "neues",
        "neue",
        "zur",
        "zum",
        "mehr",
        "weitere",
        "tous",
        "todos",
    ]
)
# Words no person's name ends with (a byline cut in the middle: "Letters To The", "Artikel von").
_NOT_LAST = frozenset(
    [
        "the",
        "to",
        "of",
        "and",
        "by",
        "for",
        "says",
        "said",
        "sagt",
        "dit",
        "dice",
        "von",
        "van",
        "de",
        "da",
        "der",
        "di",
        "du",
        "le",
        "la",
        "al",
        "el",
    ]
)
# Lowercase name particles that may sit inside a person's name.
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "del",
        "della",
        "der",
        "den",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "ten",
        "ter",
        "al",
        "el",
        "bin",
        "bint",
        "ibn",
        "dos",
        "das",
        "y",
        "e",
        "st.",
        "abu",
    ]
)
_ROLE_TAIL = re.compile(
    r"\s*(?:[-–—,|:]\s*|\bis\s+an?\b|\bis\s+the\b).*?\b(?:"
    + "|".join(sorted(_ROLE_WORDS, key=len, reverse=True))
    + r")\b.*$",
    re.IGNORECASE,
)


def looks_like_person(name: str, *, allow_single: bool = False) -> bool:
    """Whether ``name`` is shaped like a person's name (capitalised words, no digits or roles)."""
    if not name or len(name) > MAX_NAME_CHARS or any(ch.isdigit() for ch in name):
        return False
    if _URL.search(name) or "@" in name:
        return False
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    if len(words) == 1 and not allow_single:
        return False
    low = [w.lower().strip(".,") for w in words]
    if low[0] in _NOT_FIRST or low[-1] in _NOT_LAST or ":" in name:
        return False
    # "Neues Lernen. Schwerpunkte": a full stop after a word (not an initial or "Jr.") ends a sentence.
    if any(w.endswith(".") and len(w) > 4 for w in words[:-1]):
        return False
    if any(w in _ROLE_WORDS or w in _ORG_STRONG for w in low):
        return False
    if all(w in _ORG_WEAK for w in low):
        return False
    capitalised = 0
    for w, lw in zip(words, low, strict=True):
        if lw in _PARTICLES:
            continue
        first = w.lstrip("'\"‘“(")[:1]
        if not first.isalpha():
            return False
        if first.isupper() or not first.isascii() and not first.islower():
            capitalised += 1
        else:
            return False
    return capitalised >= 1


def _undouble(name: str) -> str:
    # "Olivier Minot Olivier Minot": a name printed twice (visible text plus a screen-reader copy).
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _fix_case(name: str) -> str:
    # "JANE DOE" -> "Jane Doe"; mixed-case names ("McDonald", "van der Berg") stay as written.
    if name.isupper() and len(name) > 3:
        return " ".join(w.capitalize() if len(w) > 1 else w for w in name.split())
    return name


def _pieces(raw: str) -> list[str]:
    s = " ".join(raw.split())
    if not s or len(s) > MAX_BYLINE_CHARS:
        return []
    s = _EMAIL.sub(" ", s)
    s = _PAREN.sub(" ", s)
    s = _HANDLE.sub(" ", s)
    m = _DATEISH.search(s)
    if m and m.start() > 0:
        s = s[: m.start()]
    s = _PHOTO_CREDIT.sub("", s)
    s = " ".join(s.split()).strip(" ,;:|-–—")
    s = _WEEKDAY_TAIL.sub("", s)
    s = _LABEL.sub("", s)
    out: list[str] = []
    for part in _SPLIT.split(s):
        part = _PREFIX.sub("", part.strip(" .,;:|-–—")).strip()
        part = _ROLE_TAIL.sub("", part).strip(" .,;:|-–—")
        part = _PLACE_TAIL.sub("", part)
        words = part.split()
        # "Tom Gillespie News reporter": a trailing role (and the desk before it) is not part of the name.
        if len(words) > 2 and words[-1].lower() in _ROLE_WORDS:
            while len(words) > 2 and (
                words[-1].lower() in _ROLE_WORDS or words[-1].lower() in _ORG_STRONG
            ):
                words.pop()
        part = " ".join(words)
        part = _PREFIX.sub("", part).strip()
        part = _HONORIFIC.sub("", part).strip()
        if part:
            out.append(part)
    return out


_ARTICLE = re.compile(r"^(?:the|die|der|das|le|la|les|el|los|las|il|lo|de|het)\s+")
# Everything but letters and digits: regex \w is exactly str.isalnum() plus "_", so this
# keeps what a per-character isalnum() test keeps, in one C pass.
_NOT_ALNUM = re.compile(r"[\W_]+")


def _squash(s: str) -> str:
    # "The Jerusalem Post" and "Jerusalem Post" are one name; so are "Die FURCHE" and "furche".
    return _NOT_ALNUM.sub("", _ARTICLE.sub("", s.lower()))


def clean_authors(
    values: Iterable[str],
    *,
    exclude: Iterable[str] = (),
    host: str | None = None,
    allow_single: bool = False,
    strict: bool = False,
) -> list[str]:
    """Person names from raw author values; roles, dates, organisations and duplicates removed.

    ``exclude`` names organisations known for this page (the site name, the
    publisher) and ``host`` is the page's host name: a "name" that is either
    one is the site, not a person ("Jerusalem Post" on jpost.com).  With
    ``strict`` (for text found in the page rather than declared as an author),
    a value with any piece in lower case ("The Russian and Syrian defense
    ministries") is prose and gives no name at all.
    """
    banned = {_squash(e) for e in exclude if e}
    banned.discard("")
    host_key = _NOT_ALNUM.sub("", (host or "").lower())
    host_labels = set((host or "").lower().split("."))
    names: list[str] = []
    seen: set[str] = set()
    for raw in values:
        if not raw or _URL.match(raw.strip()):
            continue
        pieces = _pieces(raw)
        if strict and any(_is_prose(p) for p in pieces):
            continue
        for name in pieces:
            name = _fix_case(_strip_org_tail(_undouble(name), exclude))
            key = _squash(name)
            if not key or key in seen or key in banned or (len(key) > 5 and key in host_key):
                continue
            # "Houzz Deutschland" on houzz.de: a name that starts with the site's brand is the site.
            first = _squash(name.split()[0])
            if len(first) >= 4 and first in host_labels:
                continue
            if not looks_like_person(name, allow_single=allow_single):
                continue
            seen.add(key)
            names.append(name)
    return names


_AGENCY_TAIL = re.compile(
    r"\s+(?:the\s+)?(?:associated\s+press|reuters|afp|ap|bloomberg|cnn|bbc|dpa|upi|aap|xinhua|"
    r"tass|efe|ansa|pti|ians|kyodo|yonhap|anadolu)$",
    re.IGNORECASE,
)


def _strip_org_tail(name: str, orgs: Iterable[str]) -> str:
    # "Kevin McCoy USA TODAY", "Elliot Brownstein Florida Today", "JILL LAWLESS Associated Press":
    # the outlet printed after the name.
    name = _AGENCY_TAIL.sub("", name)
    words = name.split()
    if len(words) > 2 and words[-1].isupper() and len(words[-1]) > 1 and not name.isupper():
        while len(words) > 2 and words[-1].isupper():
            words.pop()
        name = " ".join(words)
    for org in orgs:
        if org and name.lower().endswith(" " + org.lower()) and len(name) > len(org) + 3:
            return name[: -len(org)].strip()
    return name


def _is_prose(piece: str) -> bool:
    # Two or more lower-case words that are not name particles: a phrase, not a name.
    lower = [w for w in piece.split() if w[:1].islower() and w.lower() not in _PARTICLES]
    return len(lower) >= 2
