"""Word lists used by the claim stage (data, not logic).

Kept apart from :mod:`newsledger.analyze.claims` so that they can be read and
extended without touching the rules that use them.
"""

from __future__ import annotations

import re

# Qualifier phrases as printed (lower case) -> normalised qualifier.  The
# normalised set is small on purpose so that ledgers can be filtered on it.
QUALIFIERS: dict[str, str] = {
    "more than": "more than",
    "over": "more than",
    "just over": "more than",
    "well over": "more than",
    "in excess of": "more than",
    "upwards of": "more than",
    "above": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "a minimum of": "at least",
    "not less than": "at least",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "an approximate": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "just shy of": "nearly",
    "up to": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "at most": "up to",
    "no more than": "up to",
    "a maximum of": "up to",
    "fewer than": "fewer than",
    "less than": "fewer than",
    "under": "fewer than",
    "below": "fewer than",
    "exactly": "exactly",
    "precisely": "exactly",
}
# Qualifiers printed after the number ("300 or more") -> normalised qualifier.
POST_QUALIFIERS: dict[str, str] = {
    "or more": "at least",
    "or so": "about",
    "plus": "more than",
    "-plus": "more than",
    "+": "more than",
    "and counting": "at least",
}
# One regex for "qualifier right before the number" (longest phrases first so
# "just over" wins over "over").
QUALIFIER_RE = re.compile(
    r"(?<![\w])("
    + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")[^\S\n]+$",
    re.IGNORECASE,
)

# Nouns that make a number a date, time, age or duration, not a count.
TIME_UNITS = frozenset(
    [
        "second",
        "seconds",
        "minute",
        "minutes",
        "min",
        "mins",
        "hour",
        "hours",
        "hr",
        "hrs",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "yr",
        "yrs",
        "decade",
        "decades",
        "century",
        "centuries",
        "night",
        "nights",
        "weekend",
        "weekends",
        "fortnight",
        "fortnights",
        "morning",
        "mornings",
        "evening",
        "evenings",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "o'clock",
        "season",
        "seasons",
        "term",
        "terms",
    ]
)
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# Words that, right before a number, make it a label ("page 5", "Resolution 2334").
LABEL_WORDS = frozenset(
    [
        "page",
        "pages",
        "p.",
        "pp.",
        "chapter",
        "section",
        "article",
        "articles",
        "paragraph",
        "clause",
        "resolution",
        "number",
        "no.",
        "no",
        "#",
        "flight",
        "route",
        "room",
        "platform",
        "gate",
        "level",
        "grade",
        "class",
        "category",
        "phase",
        "stage",
        "round",
        "verse",
        "act",
        "episode",
        "season",
        "volume",
        "vol.",
        "issue",
        "item",
        "list",
        "bus",
        "line",
        "exit",
        "highway",
        "interstate",
        "road",
        "street",
        "apartment",
        "unit",
        "floor",
        "district",
        "ward",
        "zone",
        "terminal",
        "version",
        "model",
        "mark",
        "bill",
        "rule",
        "amendment",
        "table",
        "figure",
        "fig.",
        "chart",
        "appendix",
        "annex",
        "step",
        "point",
        "rank",
        "ranked",
        "ranking",
        "seed",
        "channel",
    ]
)
ADDRESS_WORDS = frozenset(
    [
        "street",
        "st",
        "st.",
        "road",
        "rd",
        "rd.",
        "avenue",
        "ave",
        "ave.",
        "boulevard",
        "blvd",
        "lane",
        "ln",
        "drive",
        "dr",
        "place",
        "square",
        "way",
        "court",
        "crescent",
        "terrace",
        "highway",
    ]
)
AGE_BEFORE = frozenset({"aged", "age", "ages", "ag"})
# Words in a sentence that make "3-1" a score rather than a range.
SCORE_WORDS = frozenset(
    [
        "win",
        "wins",
        "won",
        "beat",
        "beats",
        "beaten",
        "defeat",
        "defeated",
        "defeats",
        "victory",
        "draw",
        "drew",
        "lead",
        "led",
        "score",
        "scored",
        "scores",
        "match",
        "game",
        "games",
        "half",
        "final",
        "semi-final",
        "league",
        "cup",
        "goal",
        "goals",
        "set",
        "sets",
        "innings",
        "runs",
        "wickets",
        "points",
        "lost",
        "lose",
        "tie",
        "tied",
        "thrashed",
        "edged",
        "scoreline",
        "fixture",
        "derby",
        "rout",
    ]
)

# Verbs whose subject is the cited source of the clause below them.
REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "claim",
        "estimate",
        "add",
        "confirm",
        "warn",
        "note",
        "put",
        "count",
        "record",
        "document",
        "show",
        "reveal",
        "suggest",
        "indicate",
        "find",
        "write",
        "explain",
        "insist",
        "allege",
        "acknowledge",
        "admit",
        "assert",
        "declare",
        "disclose",
        "tally",
        "tweet",
        "cite",
        "quote",
        "believe",
        "think",
        "calculate",
        "conclude",
        "argue",
        "stress",
        "emphasise",
        "emphasize",
        "reiterate",
        "testify",
        "deny",
    ]
)

# Verbs whose subject is what a figure measures: "the death toll rose to 300",
# "unemployment fell to 3.9%", "turnout was 12%" (irregular forms are in VERB_FORMS).
LEVEL_VERBS = frozenset(
    {
        *("be", "rise", "fall", "reach", "hit", "stand", "total", "climb", "increase"),
        *("decrease", "grow", "drop", "jump", "remain", "top", "exceed", "surpass", "double"),
        *("triple", "range", "soar", "surge", "plunge", "slide", "decline", "dip", "edge"),
        *("shrink", "swell", "near", "approach", "average", "amount", "come", "gain", "lose"),
    }
)
# Nouns that name a source before a colon: "Health ministry: 300 dead".
SOURCE_NOUNS = frozenset(
    {
        *("ministry", "minister", "police", "officials", "official", "authorities", "agency"),
        *("department", "government", "army", "military", "spokesman", "spokeswoman"),
        *("spokesperson", "hospital", "hospitals", "report", "statement", "survey", "poll"),
        *("study", "data", "figures", "census", "office", "council", "commission", "committee"),
        *("court", "prosecutors", "regulator", "bank", "board", "service", "services", "un"),
        *("who", "unicef", "unhcr", "ocha", "sources", "source", "media", "reports", "channel"),
    }
)
# Reporting verbs whose object is the figure reported: "the ministry reported 300 deaths".
REPORT_OBJECT_VERBS = frozenset(
    {
        *("report", "announce", "confirm", "record", "document", "count", "estimate"),
        *("tally", "register", "disclose", "reveal", "cite", "show", "list", "log"),
    }
)
# Verbs that state a figure with "at": "officials put the death toll at 45".
PUT_AT_VERBS = frozenset({"put", "estimate", "place", "peg", "set"})

# Verbs that make the counted noun meaningful ("people killed"): lemma ->
# participle as it is written after the noun.
IMPACT_VERBS: dict[str, str] = {
    "kill": "killed",
    "injure": "injured",
    "wound": "wounded",
    "hurt": "hurt",
    "displace": "displaced",
    "evacuate": "evacuated",
    "arrest": "arrested",
    "detain": "detained",
    "rescue": "rescued",
    "abduct": "abducted",
    "kidnap": "kidnapped",
    "deport": "deported",
    "hospitalise": "hospitalised",
    "hospitalize": "hospitalized",
    "infect": "infected",
    "fire": "fired",
    "hire": "hired",
    "lay": "laid off",
    "vaccinate": "vaccinated",
    "destroy": "destroyed",
    "damage": "damaged",
    "execute": "executed",
    "imprison": "imprisoned",
    "jail": "jailed",
    "sentence": "sentenced",
    "release": "released",
    "free": "freed",
    "capture": "captured",
    "take": "taken",
    "hold": "held",
    "strand": "stranded",
    "affect": "affected",
    "test": "tested",
    "charge": "charged",
    "convict": "convicted",
    "shoot": "shot",
    "stab": "stabbed",
    "massacre": "massacred",
    "murder": "murdered",
    "bury": "buried",
    "sack": "sacked",
    "cut": "cut",
    "employ": "employed",
    "treat": "treated",
    "admit": "admitted",
    "relocate": "relocated",
    "expel": "expelled",
    "strike": "struck",
    "sicken": "sickened",
    "starve": "starved",
    "orphan": "orphaned",
    "disappear": "disappeared",
}
# Intransitive verbs whose subject is counted: lemma -> past form.
INTRANSITIVE_VERBS: dict[str, str] = {
    "die": "died",
    "flee": "fled",
    "drown": "drowned",
    "perish": "perished",
    "disappear": "disappeared",
    "starve": "starved",
    "protest": "protested",
    "march": "marched",
    "gather": "gathered",
    "vote": "voted",
    "strike": "went on strike",
    "escape": "escaped",
    "surrender": "surrendered",
    "defect": "defected",
    "migrate": "migrated",
    "cross": "crossed",
    "arrive": "arrived",
    "survive": "survived",
    "attend": "attended",
    "participate": "participated",
    "demonstrate": "demonstrated",
    "resign": "resigned",
    "quit": "quit",
    "sign": "signed",
    "apply": "applied",
    "register": "registered",
    "enrol": "enrolled",
    "enroll": "enrolled",
    "lose": "lost",
    "return": "returned",
    "leave": "left",
    "emigrate": "emigrated",
    "graduate": "graduated",
    "join": "joined",
}
# Words before a figure that make "X to Y" a change ("fell 3% to $55"), not a range.
CHANGE_WORDS = frozenset(
    {
        *("rose", "rise", "rises", "rising", "fell", "fall", "falls", "falling"),
        *("increased", "increase", "increases", "decreased", "decrease", "dropped", "drop"),
        *("drops", "climbed", "climb", "jumped", "jump", "gained", "gain", "lost", "slid"),
        *("slip", "slipped", "declined", "decline", "grew", "grow", "shrank", "surged"),
        *("plunged", "soared", "tumbled", "edged", "added", "eased", "rallied", "sank"),
        *("raised", "cut", "lowered", "up", "down"),
    }
)
# Adjectives that count the subject: "300 dead", "12 people are missing".
CASUALTY_ADJECTIVES = frozenset(
    [
        "dead",
        "killed",
        "injured",
        "wounded",
        "missing",
        "hurt",
        "homeless",
        "displaced",
        "unaccounted",
        "hospitalised",
        "hospitalized",
        "infected",
        "sick",
        "ill",
        "critical",
        "trapped",
        "stranded",
    ]
)
# Nouns measuring something else: "pieces of bread", "tonnes of aid".
MEASURE_NOUNS = frozenset(
    [
        "piece",
        "pieces",
        "tonne",
        "tonnes",
        "ton",
        "tons",
        "kilogram",
        "kilograms",
        "kilo",
        "kilos",
        "kg",
        "gram",
        "grams",
        "litre",
        "litres",
        "liter",
        "liters",
        "gallon",
        "gallons",
        "barrel",
        "barrels",
        "bag",
        "bags",
        "sack",
        "sacks",
        "box",
        "boxes",
        "truck",
        "trucks",
        "truckload",
        "truckloads",
        "lorry",
        "lorries",
        "load",
        "loads",
        "bottle",
        "bottles",
        "dose",
        "doses",
        "meal",
        "meals",
        "loaf",
        "loaves",
        "cup",
        "cups",
        "packet",
        "packets",
        "parcel",
        "parcels",
        "bundle",
        "bundles",
        "crate",
        "crates",
        "container",
        "containers",
        "pallet",
        "pallets",
        "shipment",
        "shipments",
        "carton",
        "cartons",
        "can",
        "cans",
        "hectare",
        "hectares",
        "acre",
        "acres",
        "square",
        "cubic",
        "pound",
        "pounds",
        "ounce",
        "ounces",
        "portion",
        "portions",
        "ration",
        "rations",
        "unit",
        "units",
    ]
)
# Prepositions after which a place is where something happens.
LOCATIVE_PREPS = frozenset(
    [
        "in",
        "into",
        "inside",
        "at",
        "near",
        "across",
        "throughout",
        "within",
        "outside",
        "around",
        "from",
        "to",
        "towards",
        "toward",
        "through",
    ]
)
# Penn Treebank tags, read instead of coarse POS: the pipeline runs without the
# attribute ruler that would map tags to ``Token.pos_``.
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
ADJ_TAGS = frozenset({"JJ", "JJR", "JJS"})
# Tags of a bare name before a colon ("Health ministry: ...", "The UN's agency: ...").
NAME_TAGS = NOUN_TAGS | ADJ_TAGS | {"DT", "POS", "PRP$", "HYPH", ",", "-LRB-", "-RRB-"}
# Determiners and possessives dropped from the start of a source or "what".
LEADING_DROP = frozenset({"the", "a", "an", "this", "that", "these", "those"})
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "which", "that"}
)

# Irregular verb forms -> lemma (the pipeline runs without spaCy's lemmatizer,
# so the lemmas of the verbs above are found from this table and the regular
# inflection rules in _inflections).
IRREGULAR_FORMS: dict[str, str] = {
    "said": "say",
    "told": "tell",
    "put": "put",
    "found": "find",
    "wrote": "write",
    "written": "write",
    "shown": "show",
    "thought": "think",
    "held": "hold",
    "took": "take",
    "taken": "take",
    "shot": "shoot",
    "laid": "lay",
    "struck": "strike",
    "stricken": "strike",
    "fled": "flee",
    "lost": "lose",
    "hurt": "hurt",
    "cut": "cut",
    "quit": "quit",
    "left": "leave",
    "dying": "die",
    "lying": "lie",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "been": "be",
    "'s": "be",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "stood": "stand",
    "grew": "grow",
    "grown": "grow",
    "shrank": "shrink",
    "shrunk": "shrink",
    "came": "come",
    "swollen": "swell",
    "led": "lead",
    "kept": "keep",
}
_VOWELS = "aeiou"


def _inflections(lemma: str) -> set[str]:
    """Regular forms of ``lemma``: -s, -ed, -ing, with the usual spelling changes."""
    forms = {lemma}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(lemma + "es")
    elif len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.update(
            {lemma + "d", lemma[:-1] + "ing" if not lemma.endswith("ee") else lemma + "ing"}
        )
    elif len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in _VOWELS:
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + "ed", lemma + "ing"})
        # Doubled final consonant (kidnapped, stabbed, admitted): harmless when unused.
        if (
            len(lemma) > 2
            and lemma[-1] not in _VOWELS + "wxy"
            and lemma[-2] in _VOWELS
            and lemma[-3] not in _VOWELS
        ):
            forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    return forms


def _form_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma in sorted(
        {
            *REPORTING_VERBS,
            *REPORT_OBJECT_VERBS,
            *IMPACT_VERBS,
            *INTRANSITIVE_VERBS,
            *PUT_AT_VERBS,
            *LEVEL_VERBS,
        }
    ):
        for form in _inflections(lemma):
            table.setdefault(form, lemma)
    table.update(IRREGULAR_FORMS)
    return table


VERB_FORMS: dict[str, str] = _form_table()


def verb_lemma(word: str) -> str:
    """Lemma of one of the lexicon's verbs as printed ("said" -> "say"); else ``word``."""
    return VERB_FORMS.get(word.lower(), word.lower())
