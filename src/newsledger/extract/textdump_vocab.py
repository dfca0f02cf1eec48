"""Word lists the text-dump extractor uses, kept as data (lowercase; several languages).

Nothing here names a site: these are the words page furniture is made of everywhere
(cookie notices, share buttons, "read more" lists) and the function words that make
running prose.  Lists are short on purpose: they only have to tell page furniture from
prose, not to cover a language.
"""

from __future__ import annotations

import re

__all__ = [
    "BOILER_PHRASES",
    "BOILER_NGRAMS",
    "boiler_hits",
    "boiler_hits_in",
    "BYLINE_RE",
    "CAPTION_CREDIT_WORDS",
    "COMMENTS_RE",
    "RELATIVE_TIME_RE",
    "CREDITS_RE",
    "DATELINE_CUES",
    "RELATED_PREFIX_RE",
    "RELATED_RE",
    "STOPWORDS",
    "STOPWORD_LANGS",
]

# Function words per language (ISO 639-1).  Used for the share of stopwords in a segment
# (prose has many) and to guess the language of the body.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to a in is that for it on was with as he she be by at are this his her "
        "from have has had not but they were said an which its or their will been who would "
        "there we all also after than more when about into can our one other new you"
    ),
    "de": _words(
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch "
        "es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über "
        "einen so zum war haben nur oder aber vor zur bis mehr durch man"
    ),
    "fr": _words(
        "de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se "
        "ce il sont avec ou son mais comme on été aux cette elle ont ses leur nous vous"
    ),
    "es": _words(
        "de la que el en y a los del se las por un para con no una su al lo como más pero sus "
        "le ya o este fue ha sí porque esta son entre cuando muy sin sobre también me hasta"
    ),
    "it": _words(
        "di e il la che in a per un del è non una le si da con i dei al della come più lo ma "
        "gli ha alla anche sono nel delle questo nella sul era essere stato"
    ),
    "pt": _words(
        "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi "
        "ao ele das tem à seu sua ou ser quando muito há nos já está também pelo pela"
    ),
    "nl": _words(
        "de en van het een in is dat op te zijn met voor niet aan er die ook als bij door "
        "maar om nog wordt naar dan uit heeft over ze was hij tot werd"
    ),
    "ru": _words(
        "и в не на что с по как он это из а к у за же от для о бы так но его она был было "
        "они мы только еще уже при также"
    ),
    "pl": _words(
        "i w na z do się nie że to jest o jak po a od przez za ale czy tak był jego są dla "
        "oraz także który która które"
    ),
    "sv": _words(
        "och i att det som en på är av för med till den har inte om ett de var han men från "
        "vi så kan hon eller"
    ),
}

# Phrases that make up page furniture.  A short segment containing one is boilerplate.
# fmt: off
BOILER_PHRASES: tuple[str, ...] = (
    # cookies, privacy, legal
    "cookie", "cookies", "privacy policy", "privacy notice", "terms of use", "terms of service",
    "terms and conditions", "terms & conditions", "all rights reserved", "copyright", "©",
    "do not sell my", "ad choices", "adchoices", "accessibility statement", "sitemap", "site map",
    "datenschutz", "impressum", "nutzungsbedingungen", "alle rechte vorbehalten",
    "mentions légales", "politique de confidentialité", "tous droits réservés", "conditions générales",
    "política de privacidad", "aviso legal", "todos los derechos reservados", "política de cookies",
    "informativa privacy", "tutti i diritti riservati", "política de privacidade",
    "todos os direitos reservados", "privacyverklaring", "alle rechten voorbehouden",
    # accounts and subscriptions
    "sign in", "sign up", "log in", "login", "log out", "register", "subscribe", "subscription",
    "newsletter", "my account", "create account", "forgot password", "anmelden", "einloggen",
    "registrieren", "abonnieren",
    "abonnement", "se connecter", "s'abonner", "s’abonner", "iniciar sesión", "suscríbete",
    "suscribirse", "accedi", "abbonati", "entrar", "assine", "inloggen", "abonneer",
    # sharing and following
    "share", "sharing options", "share this", "share on", "share article", "share via",
    "tweet this", "follow us",
    "like us on", "email this", "print this", "copy link", "whatsapp", "facebook", "twitter",
    "linkedin", "pinterest", "instagram", "youtube", "reddit", "teilen", "partager", "compartir",
    "condividi", "compartilhar", "delen", "folgen sie uns", "suivez-nous", "síguenos", "seguici",
    # navigation and widgets
    "skip to content", "skip to main", "skip links", "main menu", "navigation", "toggle",
    "back to top", "load more", "show more", "view more", "see more", "view all", "see all",
    "click here", "advertisement", "advertising", "sponsored", "promoted", "anzeige", "werbung",
    "publicité", "publicidad", "pubblicità", "publicidade", "most popular", "most read",
    "trending", "top stories", "related", "recommended", "read more", "read next", "keep reading",
    "more from", "more stories", "you may also like", "you might also like", "don't miss",
    "don’t miss", "comments", "leave a comment", "post comment", "write a comment", "reply",
    "contact us", "about us", "work for us", "careers", "advertise with us", "help center",
    "faq", "rss", "podcasts", "e-paper", "epaper", "download the app", "get the app",
    "all topics", "tags:", "topics:", "mehr zum thema", "lesen sie auch", "à lire aussi",
    "lire aussi", "lee también", "leer más", "leia também", "leggi anche", "lees ook",
    "читайте также", "подписаться", "enable javascript", "javascript is disabled",
    "your browser", "follow me", "about the author", "about me", "previous post", "next post",
    "previous article", "next article", "notify me", "leave a reply", "required fields are marked",
    "will not be published", "partner news", "sponsored content", "watch live", "live tv",
    "play video", "video player", "loading",
)
# fmt: on

# Phrases as token tuples, looked up by n-gram (a regex alternation of them all is slow).
BOILER_TOKEN_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|©")
BOILER_NGRAMS: frozenset[tuple[str, ...]] = frozenset(
    tuple(BOILER_TOKEN_RE.findall(p.lower())) for p in BOILER_PHRASES
)


# First token of each phrase -> the phrase lengths starting with it, longest first.
_BY_FIRST: dict[str, tuple[int, ...]] = {}
for _gram in BOILER_NGRAMS:
    _BY_FIRST[_gram[0]] = tuple(sorted({*_BY_FIRST.get(_gram[0], ()), len(_gram)}, reverse=True))


def boiler_hits(text: str) -> list[str]:
    """The boilerplate phrases found in ``text`` (lowercase, as space-joined tokens)."""
    return boiler_hits_in(BOILER_TOKEN_RE.findall(text.lower()))


def boiler_hits_in(tokens: list[str]) -> list[str]:
    """The boilerplate phrases in a list of lowercase tokens (see ``BOILER_TOKEN_RE``)."""
    hits: list[str] = []
    n_tok = len(tokens)
    i = 0
    while i < n_tok:
        lengths = _BY_FIRST.get(tokens[i])
        if lengths:
            for n in lengths:
                gram = tuple(tokens[i : i + n])
                if gram in BOILER_NGRAMS:
                    hits.append(" ".join(gram))
                    i += n - 1
                    break
        i += 1
    return hits


# Token -> the languages it is a function word of (one dict lookup per token).
STOPWORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words_of in STOPWORDS.items():
    for _w in _words_of:
        STOPWORD_LANGS[_w] = (*STOPWORD_LANGS.get(_w, ()), _lang)


# Headings that open a list of links to other articles.
RELATED_RE = re.compile(
    r"^(?:keep reading|read more|read next|read also|also read|related(?: articles| stories| news| content| coverage)?"
    r"|more (?:on|from|about) (?:this|the)\b.*|more stories|recommended(?: for you)?|you may also like"
    r"|you might also like|most (?:read|popular|viewed|shared)|trending(?: now)?|top stories|see also"
    r"|further reading|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|à lire aussi|lire aussi"
    r"|sur le même sujet|lee también|leer más|te puede interesar|noticias relacionadas|leia também"
    r"|leia mais|leggi anche|potrebbe interessarti|lees ook|читайте также|по теме)"
    r"(?:\s*(?:list of \d+ items?|:))?\s*$",
    re.IGNORECASE,
)

# Headings of reader-comment sections: "34 Comments", "Leave a Reply", "12 responses to ...".
COMMENTS_RE = re.compile(
    r"^\W*(?:\d+\s+|top rated |top |all |reader |user |latest |newest |view |show |load |read )?"
    r"(?:comments?|responses?|replies|reactions|kommentare?|commentaires?|comentarios?|commenti"
    r"|reacties|комментари\w*)\b"
    r"|^(?:leave|post|add|write|submit) (?:a |your )?(?:comment|reply|response)"
    r"|^join the (?:conversation|discussion)|^(?:show|view|load|read) (?:all )?(?:\d+ )?comments",
    re.IGNORECASE,
)
# "2 days ago", "5 hours ago at 07:47 am": the timestamps of comments and live feeds.
RELATIVE_TIME_RE = re.compile(
    r"\b\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)

# An inline pointer to another article: "READ MORE: Title", "Lea también: Title".
RELATED_PREFIX_RE = re.compile(
    r"^(?:read more|read also|also read|see also|related|more|lea también|lee también|leer más"
    r"|ver también|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|voir aussi|leia também"
    r"|leia mais|veja também|leggi anche|lees ook|читайте также|czytaj (?:też|także|również)"
    r"|zobacz (?:też|także|również)|läs också|læs også|les også)\s*:\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)

# "Source: Al Jazeera and news agencies", "Quelle: dpa".
CREDITS_RE = re.compile(
    r"^(?:sources?|source\(s\)|quellen?|fuentes?|fontes?|fonti|bronnen?|источник|źródło|kaynak)\s*:\s*\S",
    re.IGNORECASE,
)

# Bylines: "By Jane Doe", "Von Max Muster", "Par Jean Dupont", "Por ...", "Di ...", "Door ...".
BYLINE_RE = re.compile(
    r"^(?i:by|written by|words by|von|par|por|di|door|av|af)\s+"
    r"(?P<names>[A-ZÀ-Þ][\w.'’-]+(?:\s+(?:[A-ZÀ-Þ][\w.'’-]+|de|van|von|da|di|del|la|le|bin|al|el)){0,4}"
    r"(?:\s*(?:,|and|&|und|et|y|e|en|och|og)\s+[A-ZÀ-Þ][\w.'’-]+(?:\s+[A-ZÀ-Þ][\w.'’-]+){0,4})*)",
)

# Words that say a line carries the publication date.
DATELINE_CUES = re.compile(
    r"\b(?:published|posted|updated|last updated|first published|date|veröffentlicht|aktualisiert"
    r"|stand|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|atualizado"
    r"|gepubliceerd|bijgewerkt|опубликовано|обновлено|opublikowano|publicerad)\b",
    re.IGNORECASE,
)

# Words found in photo credits: "[Jonathan Ernst/Pool Photo via AP]", "(Photo: Reuters)".
CAPTION_CREDIT_WORDS = re.compile(
    r"\b(?:photo|photos|photograph|photographer|image|images|picture|pictures|pic|credit|credits"
    r"|getty|reuters|ap|afp|epa|anadolu|shutterstock|istock|alamy|pool|file|courtesy|handout"
    r"|via|foto|fotos|bild|bildquelle|imago|dpa|keystone|ansa|efe|xinhua|sipa|supplied)\b",
    re.IGNORECASE,
)
