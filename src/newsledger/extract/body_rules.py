"""Data for main-text extraction: tag classes, class/id hint words and thresholds.

Everything here is generic HTML knowledge; nothing is keyed on a site or domain.
"""

from __future__ import annotations

import re

# Elements whose whole subtree never holds article text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "button", "select", "option", "input", "textarea", "link", "meta", "head",
    "video", "audio", "map", "dialog", "frameset", "frame", "applet", "nav",
    "rt", "rp",  # ruby annotations: pronunciation printed above the words, not text
)  # fmt: skip

# A <nav> or <noscript> with this many paragraphs is page content (nested into an unclosed
# <nav> by the parser, or the article for readers without scripts), not a menu or a notice.
KEEP_MIN_PARAGRAPHS = 3

# Elements that start a new text block (paragraph boundary).  Any other element,
# including unknown ones, is inline: its text continues the surrounding block.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
        "caption",
        "legend",
        "br",
    ]
)
# Table cells are inline: one table row is one block ("1 Kyle Busch 5040 5"), which keeps
# data tables readable; cells holding paragraphs still split at those paragraphs.
CELL_TAGS = frozenset(("td", "th"))
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Captions and credits under pictures: part of the page, not of the article text.
CAPTION_TAGS = frozenset(("figcaption", "caption"))
LIST_ITEM_TAGS = frozenset(("li", "dd", "dt"))
# Structural elements that are never article text by themselves (boilerplate regions).
BOILERPLATE_TAGS = frozenset(("nav", "aside", "footer", "menu", "figure", "figcaption"))

# class/id words that mark boilerplate regions.  Matched as whole words inside
# class/id values split on '-', '_', ' ' and camelCase is not split (kept simple).
_NEGATIVE_WORDS = [
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "footer",
    "sidebar",
    "aside",
    "side-bar",
    "related",
    "relatedposts",
    "recommended",
    "recommendations",
    "recirc",
    "recirculation",
    "share",
    "shares",
    "sharing",
    "sharebar",
    "social",
    "socials",
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "promo",
    "promos",
    "promotion",
    "advert",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "adslot",
    "adunit",
    "dfp",
    "banner",
    "sponsor",
    "sponsored",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "tags",
    "tagcloud",
    "taglist",
    "keywords",
    "cookie",
    "cookies",
    "consent",
    "popup",
    "modal",
    "overlay",
    "outbrain",
    "taboola",
    "trending",
    "popular",
    "mostread",
    "most-read",
    "most-popular",
    "more-stories",
    "read-more",
    "readmore",
    "signup",
    "login",
    "toolbar",
    "skip",
    "sr-only",
    "visually-hidden",
    "screen-reader",
    "screenreader",
    "byline",
    "author-bio",
    "authorbio",
    "author-info",
    "bio",
    "disclaimer",
    "copyright",
    "masthead",
    "follow",
    "rating",
    "ratings",
    "vote",
    "poll",
    "share-tools",
    "tools",
    "jump",
    "jumplink",
    "caption",
    "credit",
    "credits",
    "photo-credit",
    "image-credit",
    "kommentar",
    "kommentare",
    "author-box",
    "author",
    "authors",
    "cta",
    "noprint",
    "no-print",
    # teaser lists, disclosures, purchase boxes, picture legends, post metadata, embedded
    # social posts, author boxes, licence notes, "robots-nocontent", text/fact boxes set
    # into the article, calls to donate, the next story, picture descriptions, ad-inserter
    # code blocks, privacy placeholders of embeds, app-store and subscription ("Abo") boxes,
    # share blocks, tables of contents of the "ez-toc" plugin.
    # ("teaser" alone and
    # "tweet" are left out: the first often marks a standfirst, the second quoted tweets.)
    "teasers",
    "teasertext",
    "disclosure",
    "buybox",
    "legend",
    "imagedescription",
    "annotation",
    "postmetadata",
    "nextread",
    "relatedlinks",
    "instagram-media",
    "fb-post",
    "saboxplugin",
    "licence",
    "license",
    "nocontent",
    "textbox",
    "factbox",
    "donate",
    "donation",
    "spenden",
    "nextstory",
    "next-story",
    "img_description",
    "img-description",
    "image-box",
    "imagebox",
    "code-block",
    "privacy",
    "third-party-services",
    "news-letter",
    "appstore",
    "appstores",
    "app-stores",
    "abo",
    "shareblock",
    "sharebox",
    "ez-toc",
    # affiliate-link notes, fly-out panels (donation calls), elements hidden in print (browser
    # warnings, sign-up boxes), the comment form, placeholders of blocked embeds.
    "affiliate-info",
    "affiliate-disclaimer",
    "affiliate-notice",
    "flyout",
    "hide-print",
    "commentform",
    "content-blocker",
]
NEGATIVE_RE = re.compile(
    r"(?:^|[\s_\-])(?:"
    + "|".join(re.escape(w) for w in sorted(_NEGATIVE_WORDS, key=len, reverse=True))
    + r")(?=$|[\s_\-\d])"
)
# The same in camelCase class names ("NewsletterModule", "licenceInfo", "BorlabsCookie"): only
# words that never name the article (camelCase "Comment", "Share"... also mark forum posts and
# share counts the article shows).
_CAMEL_WORDS = (
    "Newsletter", "Cookie", "Cookies", "Consent", "Licence", "License", "Copyright",
    "Disclaimer", "Subscribe", "Subscription", "Sponsored", "Promo",
    "Textbox", "Factbox", "AuthorBox", "AuthorBio", "Sidebar", "Breadcrumb", "Related",
    "Recommended", "Taboola", "Outbrain", "Disclosure",
)  # fmt: skip
CAMEL_NEGATIVE_RE = re.compile(
    r"(?:[a-z]|\b)(?:" + "|".join(_CAMEL_WORDS) + r")(?=[A-Z]|$|[\s_\-\d])"
    r"|\b(?:" + "|".join(w.lower() for w in _CAMEL_WORDS) + r")(?=[A-Z])"
)
# class/id words that mark the article body; they protect an element from a
# negative word (e.g. "article-body sidebar-aware") and raise its score.
_POSITIVE_WORDS = [
    "articlebody",
    "article-body",
    "article-content",
    "article-text",
    "articletext",
    "story-body",
    "storybody",
    "story-content",
    "story-text",
    "entry-content",
    "entry-body",
    "post-body",
    "post-content",
    "post-text",
    "postbody",
    "content-body",
    "body-text",
    "bodytext",
    "main-content",
    "maincontent",
    "text-content",
    "rich-text",
    "richtext",
]
POSITIVE_RE = re.compile(
    r"(?:^|[\s_\-])(?:"
    + "|".join(re.escape(w) for w in sorted(_POSITIVE_WORDS, key=len, reverse=True))
    + r")(?=$|[\s_\-\d])"
)

# Sentence-ending or clause punctuation (Latin and CJK): prose has it, menus do not.
PUNCT_RE = re.compile(r"[.!?,;:\u3002\uff0c\uff01\uff1f\u060c\u061f]")

# --- block weights -----------------------------------------------------------------
# A block of at least this many non-link characters reads as prose on its own.
LONG_BLOCK_CHARS = 80
# Shorter blocks count as prose only if they have punctuation and this many characters.
MIN_PROSE_CHARS = 25
# Each short, punctuation-free block (menu entry, label) costs this much: enough to keep
# a container of link lists from winning, small next to one paragraph of text.
SHORT_BLOCK_PENALTY = 12.0
# ... and at least this many words (a date line like "Monday, May 4, 2020" is not prose).
MIN_PROSE_WORDS = 5
# How many blocks before the chosen container are searched for the headline, to keep a
# standfirst that sits between headline and body.
LEAD_WINDOW = 6
# class/id words of a standfirst (lead paragraph) printed between headline and body.
LEAD_RE = re.compile(
    r"(?:^|[\s_\-])(?:intro|lead|lede|excerpt|chapo|chapeau|standfirst|bajada|abstract|dek|deck)"
    r"(?=$|[\s_\-\d])"
)
# How many levels above a lead block are searched for that class.
LEAD_CLASS_DEPTH = 3
# Scripts written without spaces between words: word counts do not apply.
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Shorter lines with more digits than this are dates, times, scores or prices, not prose.
MAX_DIGIT_SHARE = 0.15
# A block must have at least one letter or digit to be text at all (not a lone "|" or ZWSP).
WORD_RE = re.compile(r"\w")
# A block whose link text is above this share is navigation, not prose.
MAX_LINK_DENSITY = 0.5
# Link characters cost this much each: teaser lists and menus are mostly links.
LINK_CHAR_PENALTY = 1.0
# Blocks under a boilerplate class/id keep this share of their weight (as a cost).
NEGATIVE_CLASS_FACTOR = -1.0
# A positive class/id adds this share of the node's own score: a tie-breaker between
# nested containers, never a reason to pick a container without text.
POSITIVE_CLASS_BONUS = 0.10
# A boilerplate-marked element holding at least this share of the page's prose is a
# mislabelled wrapper (class="has-sidebar" on the layout div), not boilerplate.
NEGATIVE_WRAPPER_SHARE = 0.6
# Blocks of link lists and labels under a boilerplate mark cost this share of their
# weight: they still tell the scorer where the page furniture is.
BOILER_COST = 1.0
# A node moves up to its parent when the parent adds this many times more prose than
# cost (menus, labels, link lines): continuation of the body, not a new page region.
EXPAND_RATIO = 2.0
# While climbing through wrappers that add no prose, stop once they add this much cost.
EXPAND_MAX_COST = 200
# A link-only line (headline, author, menu entry) has at least this many link characters.
LINK_LINE_MIN_CHARS = 10
# A block that opens with a link this long and ends with a truncation mark is a teaser: a
# linked headline followed by its summary cut short ("<a>Headline</a> <span>Summary...</span>").
# (A digest article's items open with a linked headline too, but their text is complete.)
TEASER_HEADLINE_MIN_CHARS = 25
TRUNCATION_MARKS = ("...", "…", "[…]", "[...]")
# A node with at least this many text-holding children, of which this share holds a
# link-only line, is a list of linked items (teasers, comments, menus).
LINK_LIST_MIN_ITEMS = 4
LINK_LIST_SHARE = 0.8
# ... unless it holds this share of the page's prose (a wrapper of the whole page).
LINK_LIST_MAX_SHARE = 0.5
# Prose right before the container is taken when it lies within this many levels above it.
BEFORE_SCOPE_LEVELS = 1
# After the container, prose continues to be taken across at most this many non-prose lines.
EXTEND_GAP = 2
# A sibling of the chosen container joins the body when it holds at least this share of
# the container's prose (and this many characters) at under half as much cost: the
# rest of an article split into two boxes, not a teaser or a comment.
SIBLING_MIN_SHARE = 0.2
SIBLING_MIN_PROSE = 150
SIBLING_RATIO = 2.0

# Labels that open an end-of-article section (related links, reading tips, author box,
# newsletter and subscription calls), in the languages most often met.  A body line that
# is only such a label ends the body, once this share of the body's prose lies before it.
SECTION_LABEL_RE = re.compile(
    r"(?i)(?:related(?: articles| stories| posts| news| content| reading)?|read more|"
    r"more on this(?: topic| story)?|you (?:may|might) also (?:like|be interested in)|"
    r"explore further|further reading|see also|also read|recommended(?: for you)?|"
    r"about the author|more from [\w ]{1,30}|sign up for [\w ]{1,30}|"
    r"mehr zum thema|mehr zu[mr]? [\w-]{1,30}|das könnte (?:dich|sie|euch) auch interessieren|"
    r"auch interessant|ähnliche (?:artikel|beiträge|nachrichten|themen)|zum weiterlesen|"
    r"weiterlesen|lesen sie auch|lesen sie mehr|über den autor|über die autorin|"
    r"weitere (?:informationen|artikel|beiträge|nachrichten|themen)|"
    r"notas relacionadas|relacionad[ao]s|lee también|te puede interesar|más noticias|"
    r"(?:à )?lire aussi|sur le même sujet|articles similaires|"
    r"leggi anche|potrebbe interessarti|zobacz (?:także|też)|czytaj (?:także|też)|"
    r"leia também|veja também|leia mais|(?:você|voce) (?:pode|também pode) gostar|"
    r"more (?:stories|news|articles)|most read|trending(?: now)?|don'?t miss|"
    r"related coverage|(?:leave a|post a|add a) (?:comment|reply)|comments?(?: \(\d+\))?|"
    r"(?:[\w ]{1,30} )?könnte[n]? (?:dich|sie|euch) auch interessieren|"
    r"weitere [\w -]{1,40}|noch mehr [\w -]{1,30}|mehr zum thema [\w .-]{1,30}|"
    r"über diese (?:reihe|serie)|zusatzinformationen|kommentieren|kommentare?(?: \(\d+\))?|"
    r"(?:schreibe|hinterlasse) einen kommentar|kommentar verfassen|"
    r"dejar? un comentario|comentarios|laisser un commentaire|commentaires|"
    r"bildnachweis|bildquellen?|image credits?|photo credits?|originalpublikation|"
    r"quellenangaben|titelbild|beitragsbild|articles? liés|try these next|neueste artikel|"
    r"verwandte (?:artikel|beiträge)|artikel und videos zum thema|mehr aus: [\w ,-]{1,30}|"
    r"mehr über [\w ,-]{1,40}:|was sind cookies\?|cookie[- ]?richtlinien?|cookie policy|"
    r"datenschutzerklärung|privacy policy)[\s:!.…»>-]*$"
)
SECTION_LABEL_MAX_CHARS = 60
SECTION_CUT_MIN_SHARE = 0.6
# ... and at most this share lies after it; otherwise the label heads a box inside the
# article ("Read more: <link>") and only the label line is dropped.
SECTION_TAIL_MAX_SHARE = 0.2
# A body with at least this many prose <p> blocks is written in paragraphs: its short lines
# in bare containers (tags below) are page furniture, not text.
DROP_SHORT_LOOSE = 3
LOOSE_TEXT_TAGS = frozenset(
    ("div", "section", "article", "span", "header", "main", "center", "form", "body", "aside")
)
# A short block that ends with a photo credit ("... (Image: GETTY)", "... Photo: AP",
# "... © Agency / Name"; a line that starts with © is a copyright note and stays) is a
# picture caption, whatever its markup.
CAPTION_MAX_CHARS = 300
PHOTO_CREDIT_RE = re.compile(
    r"(?i)(?:\((?:image|images|photo|photos|picture|pic|foto|bild|credit)s?\s*:[^()]{1,60}\)"
    r"|(?:\b(?:photos?|photograph|images?|fotos?|bild|bilder|credits?)|titelbild|beitragsbild|"
    r"bildquelle|bildnachweis)\s*:\s*[^.!?]{1,60}|(?<=\S)\s*©\s*[^.!?©]{1,60})\s*$"
)
# A line that opens with a figure number ("Abbildung 4: ...", "Fig. 2.", "Figure:") is the
# caption of a picture or chart, whatever its markup.
FIGURE_CAPTION_RE = re.compile(r"(?i)^(?:abbildung|abb\.|figure|fig\.)\s*\d*\s*[:.]\s")
# Plain boxes that, holding a picture and one short text, are a picture with its legend.
LEGEND_BOX_TAGS = frozenset(("div", "section", "center", "span"))
# A line that only tells the reading time ("4 Min Read", "Lesedauer: 8 Min.") is page furniture.
READING_TIME_RE = re.compile(
    r"(?i)^(?:(?:estimated )?(?:reading time|read time|lesezeit|lesedauer|temps de lecture|"
    r"tiempo de lectura)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:min\.?|minuten|minutes?)|"
    r"\d+\s*(?:min\.?|mins|minutes?|minuten)\s*(?:read|lesezeit|de lecture|de lectura))$"
)
READING_TIME_MAX_CHARS = 60
# Latin words spelled with look-alike Cyrillic letters ("Аdvеrtіѕе wіth uѕ"): text disguised
# to pass ad filters.  This many mixed words mark a block as such (one can be a typo).
MIXED_SCRIPT_RE = re.compile(r"[a-zA-Z][\u0400-\u04ff]|[\u0400-\u04ff][a-zA-Z]")
MIXED_SCRIPT_MIN_WORDS = 3
# A short line at the end of the body with one of these words calls the reader to
# subscribe, sign up, download or follow: not article text.  (Copyright lines are left:
# news agencies' copyright notes are part of the article as published.)
PROMO_MAX_CHARS = 300
PROMO_RE = re.compile(
    r"(?i)\b(?:subscribe|subscription|sign(?:ing)? up|newsletter|inbox|download\b.{0,40}\bapps?\b|"
    r"follow us|follow (?:[\w'@.]+ ){0,4}on (?:twitter|facebook|instagram|linkedin|x\b)|"
    r"follow (?:him|her|them|me) @|s[ií]guenos|únete|telegram|whatsapp|abonnieren|abonnement|anmelden|"
    r"suscr[ií]b|abonnez|inscrivez|iscriviti|zapisz si[eę]|assine|subskrypcj|"
    r"support (?:our|us|independent)|unterstützen sie|unterstütze uns|apoya|soutenez|"
    r"if you (?:enjoyed|liked)|gefällt (?:dir|ihnen) unser|canal de youtube|youtube[- ]kanal|"
    r"youtube channel)"
)
# A promotional line (below) cuts the body when at most this share of its prose follows.
PROMO_TAIL_MAX_SHARE = 0.1
# A line ending with a colon this short, left at the end of the body, introduced a list of
# links or a box that the cleaning removed ("Lesen Sie auch die folgenden Beiträge:").
LEAD_IN_MAX_CHARS = 120
LEAD_IN_RE = re.compile(r"\w:$")  # a letter before the colon: "(:" is a smiley
# A question this short, left at the end of the body, is addressed to the reader ("Wie
# bewerten Sie diesen Artikel?", "Möchten Sie den Artikel teilen?"), not the article's close.
READER_QUESTION_MAX_CHARS = 60
# Among the first lines of the body, short lines that start like a byline or carry a date
# are the article's metadata, not its text ("Von Moritz Bachmann publiziert am 30. Juli
# 2018", "Wednesday 20 November 2019 11:42, UK", "Author:").
BYLINE_ZONE = 5
BYLINE_MAX_CHARS = 80
BYLINE_RE = re.compile(
    r"(?i)(?:by|von|par|por|di|door|przez|autor(?:in)?|author|written by|posted by|published|"
    r"publish date|veröffentlicht|publiziert|aktualisiert|updated|stand|erschienen|"
    r"publicado|publié|mis à jour)\b"
)
_MONTHS = (
    r"(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|may|mai|june?|juni|"
    r"july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|"
    r"dec(?:ember)?|dez(?:ember)?)"
)
DATELINE_RE = re.compile(
    r"(?i)\b(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}\.?\s" + _MONTHS + r"\.?\s\d{4}|" + _MONTHS + r"\.?\s\d{1,2},?\s\d{4})\b"
)
# A short block that names cookies and asks for or states their use is a consent notice.
CONSENT_MAX_CHARS = 400
COOKIE_RE = re.compile(r"(?i)\bcookies?\b")
CONSENT_RE = re.compile(
    r"(?i)\b(?:we use|uses|this (?:site|website)|consent|accept|agree|verwende|nutz|"
    r"einverstanden|akzeptier|zustimm|korzysta|utilis|utiliz|usamos|usiamo)"
)
