"""A small language detector: writing system first, then function words.

Non-Latin scripts decide the language on their own (Cyrillic -> ``ru`` or
``uk``, Arabic -> ``ar`` or ``fa``, kana -> ``ja``, Han -> ``zh``, Hangul ->
``ko``, ...).  Latin-script text is scored by its share of very frequent
function words ("the", "und", "les", "el", "il", "não", "het", ...), which is
reliable from a sentence or two of news prose.  Returns an ISO 639-1 code, or
``None`` when the text is too short or nothing stands out.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["detect_language", "normalize_language_tag"]

# Reading more than this adds time, not accuracy.
MAX_CHARS = 5000
# Fewer letters than this cannot be told apart reliably.
MIN_LETTERS = 12
# A script must cover this share of letters to decide the language.
SCRIPT_SHARE = 0.3
# Latin text needs this many function-word hits for the winner ...
MIN_HITS = 2
# ... and the winner must beat the runner-up by this factor.
MARGIN = 1.25

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for it was on with as his he be at by this had "
        "are but from have they you were which she her has been their would said who will "
        "not an or its after about than more when there what we said",
        "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem "
        "auch es an als wie bei nach aus wird sind hat noch werden einer über oder vor "
        "einem zum zur wurde sie durch aber",
        "fr": "le la les et des est une du dans que pour qui pas sur au avec il ce sont "
        "par plus ne se aux elle ont été mais ou cette leur nous sa ses lui même était "
        "comme",
        "es": "el la los las y del en que por con para una se no es al lo su más como "
        "pero sus le ha fue este está son entre también desde ya muy hay sobre cuando "
        "todo esta",
        "it": "il di che la e per non una del della sono con gli da anche si alla dei "
        "nel le più ha come ma delle questo nella stato hanno essere ci dal loro cui "
        "tra questa",
        "pt": "o de que e do da em um para com não uma os no se na por mais as dos como "
        "mas ao ele das à seu sua ou quando muito nos já está também só pelo pela são "
        "foi",
        "nl": "de het een en van is dat in op te zijn met voor niet die aan er ook als "
        "door maar om dan nog bij uit wel naar hij heeft worden werd deze zo wordt "
        "hebben",
        "sv": "och att det som en på är av för med till den har inte om ett var jag men "
        "från vid så kan sig de eller också efter skulle hade när",
        "da": "og at det som en på er af for med til den har ikke om et var jeg men fra "
        "så kan sig de eller også efter skulle havde når blev være",
        "pl": "i w nie na się z że do to jest jak o co po tak przez od dla ale jego są "
        "już może tylko być czy także został jednak",
        "tr": "ve bir bu da de için ile çok gibi olarak daha olan ama en kadar sonra "
        "ancak değil var olduğunu şekilde göre ise",
        "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke "
        "karena ada mereka oleh sebagai bisa telah kami sudah",
    }.items()
}

# word -> languages it is a function word of, so scoring is one lookup per word.
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words:
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# (first code point, last code point, language) of scripts that name a language by themselves.
_SCRIPTS: list[tuple[int, int, str]] = [
    (0x0400, 0x04FF, "cyrillic"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0590, 0x05FF, "he"),
    (0x0370, 0x03FF, "el"),
    (0x0900, 0x097F, "hi"),
    (0x0E00, 0x0E7F, "th"),
    (0x3040, 0x30FF, "kana"),
    (0x4E00, 0x9FFF, "han"),
    (0x3400, 0x4DBF, "han"),
    (0xAC00, 0xD7AF, "ko"),
    (0x1100, 0x11FF, "ko"),
]
_UKRAINIAN = set("іїєґІЇЄҐ")
_PERSIAN = set("پچژگ")


# Runs, not single characters: findall then builds a few strings instead of one per letter
# (the joined runs are the same characters).
_LETTERS = re.compile(r"[^\W\d_]+")
_NON_LATIN = re.compile(r"[\u0370-\U0002FFFF]+")
_SCRIPT_RES: list[tuple[str, re.Pattern[str]]] = []
for _lo, _hi, _name in _SCRIPTS:
    _SCRIPT_RES.append((_name, re.compile(f"[{chr(_lo)}-{chr(_hi)}]")))


def _by_script(sample: str) -> str | None:
    if sample.isascii():
        return None
    foreign = "".join(_NON_LATIN.findall(sample))
    if len(foreign) < MIN_LETTERS:
        return None
    letters = len("".join(_LETTERS.findall(sample)))
    if letters < MIN_LETTERS:
        return None
    scripts: Counter[str] = Counter()
    for name, rx in _SCRIPT_RES:
        n = len(rx.findall(foreign))
        if n:
            scripts[name] += n
    if not scripts:
        return None
    # Japanese mixes kana with Han; any real share of kana makes it Japanese.
    if scripts["kana"] >= max(3, 0.05 * letters):
        return "ja"
    name, count = scripts.most_common(1)[0]
    if count < SCRIPT_SHARE * letters:
        return None
    if name == "cyrillic":
        return "uk" if sum(ch in _UKRAINIAN for ch in foreign) >= 3 else "ru"
    if name == "arabic":
        return "fa" if sum(ch in _PERSIAN for ch in foreign) >= 3 else "ar"
    if name == "han":
        return "zh"
    if name == "kana":
        return "ja"
    return name


def detect_language(text: str) -> str | None:
    """Guess the ISO 639-1 language code of ``text``; ``None`` when unsure."""
    if not text:
        return None
    sample = text[:MAX_CHARS]
    by_script = _by_script(sample)
    if by_script:
        return by_script
    words = _WORD.findall(sample.lower())
    if len("".join(words)) < MIN_LETTERS:
        return None
    # Each distinct word is looked up once (Counter keeps first-occurrence order, so the
    # languages enter ``scores`` in the same order as word by word: ties rank the same).
    scores: Counter[str] = Counter()
    for w, n in Counter(words).items():
        langs = _LANGS_OF.get(w)
        if langs:
            for lang in langs:
                scores[lang] += n
    if not scores:
        return None
    ranked = scores.most_common(2)
    best, hits = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    if hits < MIN_HITS or hits < MARGIN * runner:
        return None
    return best


_TAG = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{2,8})*\s*$")


def normalize_language_tag(tag: str | None) -> str | None:
    """``"en-US"``, ``"en_GB"``, ``"EN"`` -> ``"en"``; ``None`` for anything that is not a language tag."""
    if not tag:
        return None
    first = tag.split(",")[0]
    m = _TAG.match(first)
    if not m:
        return None
    code = m.group(1).lower()
    if code in ("xx", "und", "mul", "zxx"):
        return None
    return code
