"""Claims: the counts and amounts an article reports, with what they count and who says so.

Entry point: :func:`extract_claims` (called by the analysis pipeline after the
quote stage).  The stage is cheap on purpose: number phrases are found with one
regex pass over the text (:func:`newsledger.analyze.numbers.find_numbers`) and
only those few spans are looked up in the dependency parse.

For each number phrase we decide, in order:

1. whether it is a claim at all (dates, times, ages, durations, scores,
   labels like "page 5", phone numbers and addresses are not);
2. the qualifier printed right before it ("more than" ...), and ranges
   ("one or two", "between 10 and 20", "10-20") which give two claims;
3. what is counted: the noun the number modifies plus the verb or adjective
   that makes it meaningful ("people killed");
4. the cited source: the speaker of the quote it sits in, "according to X",
   the subject of a reporting verb above it in the parse, or a colon
   attribution ("Health ministry: 300 dead");
5. the place: the nearest GPE/LOC in the parse tree of its sentence, else the
   article's dominant place.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsledger.analyze import claim_lexicon as lex
from newsledger.analyze.claim_attribution import (
    MAX_PHRASE_TOKENS,
    SOURCE_LABELS,
    ClaimContext,
    anchor_of,
    build_context,
    find_place,
    find_source,
    para_of,
    quote_index,
    sent_of,
    tokens_in,
)
from newsledger.analyze.numbers import NumberMatch, find_numbers
from newsledger.errors import AnalysisError
from newsledger.model import Claim, Entity, Quote

if TYPE_CHECKING:  # spaCy is only needed for types here; the pipeline loads it
    from spacy.tokens import Doc, Token

__all__ = ["extract_claims"]

log = logging.getLogger(__name__)

# A real article has well under a few hundred numbers; past this many number
# phrases the text is a table or junk, and we stop to keep the stage bounded.
MAX_NUMBERS = 3000
# Longest "by ..." agent kept in "what" ("killed by israeli soldiers and settlers").
MAX_AGENT_TOKENS = 6
# Furthest "of" object (in tokens) kept after a measure noun ("3 tonnes of fresh food").
MAX_OF_OBJECT_GAP = 4
# Characters looked at before a number for a qualifier.
QUALIFIER_LOOKBACK = 24
# Longest text between the two ends of a range (" and ", " to ", "-").
MAX_RANGE_GAP = 9
# Characters looked at before a range for "between"/"from".
RANGE_LEAD = 9
# Characters looked back for an open straight quote before deciding '34"' is inches.
INCH_LOOKBACK = 400
# Years a bare four-digit number is taken for.
YEAR_MIN, YEAR_MAX = 1800, 2100

# spaCy entity labels that make a number part of a name, date or time.
NAME_LABELS = frozenset({"FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"})
DATE_LABELS = frozenset({"DATE", "TIME", "ORDINAL"})

_RANGE_SEP = re.compile(r"\s*(?:-|–|—)\s*|\s+(?:to|or)\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
_PERCENT_WORDS = frozenset({"%", "percent", "cent", "pc"})
# Numbers that are positions or ratios ("list 1 of 3") or counts of page furniture.
_OF_NUMBER = re.compile(r"\s+of\s+\d")
_OF_IN_FOR = re.compile(
    r"[^\S\n]+(of|in|for)[^\S\n]+((?:the[^\S\n]+)?[\w'-]+(?:[^\S\n]+[\w'-]+)?)", re.IGNORECASE
)
# Entities that name no measured thing after "of/in/for" (actors, dates).
_NOT_WHAT_LABELS = SOURCE_LABELS | {"DATE", "TIME", "LOC", "FAC", "EVENT"}
# Dependencies climbed from a figure to the verb stating its level ("rose to 300").
_LEVEL_PATH_DEPS = frozenset({"pobj", "prep", "dobj", "attr", "npadvmod", "advmod", "conj"})
# Qualifiers printed after the figure: "300 or more", "500-plus", "40 or so".
_POST_QUALIFIER = re.compile(
    r"[^\S\n]*(or[^\S\n]+more|or[^\S\n]+so|-?plus|\+|and[^\S\n]+counting)(?!\w)", re.IGNORECASE
)
# Words before "from X to Y" that make it a range rather than a change.
_RANGE_VERBS = frozenset(
    {"ranging", "range", "ranges", "ranged", "varying", "vary", "varies", "varied"}
)
# Dependencies that end an agent phrase: clauses and phrases hung on its noun.
_AGENT_CUT_DEPS = frozenset({"relcl", "acl", "prep", "appos", "advcl"})
_POUNDS_OF = re.compile(r"pounds?\s+of\b", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_FURNITURE = re.compile(
    r"\s+(?:items?|things|ways|reasons|stories|articles|photos|pictures|images|videos|slides|comments|results|minutes? read|times\b)",
    re.IGNORECASE,
)
# Right after a number: a time/date separator, a hyphenated modifier ("5-gallon",
# "45-year-old") or an inch/foot mark - none of these is a count.
_SEPARATED_AFTER = re.compile(r"[:/.]\d|-(?!plus\b)[^\W\d_]|[″′]", re.IGNORECASE)
# Right before a number: part of a code ("F-16", "#5") or of a date ("3/11").
_DIGIT_HYPHEN = re.compile(r"\d-$")
_HYPHEN_DIGIT = re.compile(r"-\d")
_CODE_BEFORE = re.compile(r"(?:[^\W\d_]-|#|\w|\d[:/])$")
_NUMBER_WORD = r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred))"
# "five of the 10 Democrats", "eight out of ten companies": the second is a denominator.
_PARTITIVE_BEFORE = re.compile(
    _NUMBER_WORD + r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+)?$",
    re.IGNORECASE,
)
_AGE_OR_ORDINAL_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:years?|yrs?)[\s-]*old\b|-year\b|\s*(?:st|nd|rd|th)\b", re.IGNORECASE
)
_MONTH_AFTER = re.compile(r"\s*(?:" + "|".join(sorted(lex.MONTHS)) + r")\b", re.IGNORECASE)


def extract_claims(
    doc: Doc, quotes: list[Quote], entities: list[Entity], *, text: str | None = None
) -> list[Claim]:
    """Find the claims (reported counts and amounts) of ``doc``.

    ``quotes`` and ``entities`` are the results of the earlier stages (offsets
    into ``doc.text``); either may be empty, the stage then finds sources and
    places from the parse alone.  Offsets of the claims are into ``doc.text``.
    ``text`` may be given when the caller already holds ``doc.text`` (spaCy
    rebuilds that string from the tokens on every access, a third of this
    stage's time); it must be exactly ``doc.text``.
    """
    if text is None:
        text = doc.text
    elif len(doc) and len(text) != doc[-1].idx + len(doc[-1].text_with_ws):
        raise AnalysisError("extract_claims: text is not the text of doc")  # O(1) sanity check
    if not text.strip() or len(doc) == 0:
        return []
    matches = find_numbers(text, limit=MAX_NUMBERS + 1)
    if not matches:
        return []
    if len(matches) > MAX_NUMBERS:
        log.info(
            "claims: over %d number phrases, only the first %d are read", MAX_NUMBERS, MAX_NUMBERS
        )
        matches = matches[:MAX_NUMBERS]
    ctx = build_context(doc, text, quotes, entities)
    claims: list[Claim] = []
    i = 0
    while i < len(matches):
        pair = _range_pair(ctx, matches, i)
        if pair is not None:
            claims.extend(_range_claims(ctx, *pair))
            i += 2
            continue
        claim = _single_claim(ctx, matches[i])
        if claim is not None:
            claims.append(claim)
        i += 1
    return claims


# ---------------------------------------------------------------- is it a claim?


def _excluded(
    ctx: ClaimContext, m: NumberMatch, toks: list[Token], noun: Token | None, in_range: bool = False
) -> bool:
    """True for dates, times, ages, durations, labels, phone numbers, addresses, ratios."""
    text = ctx.text
    before = text[max(0, m.start - 24) : m.start]
    after = text[m.end : m.end + 24]
    if (
        _SEPARATED_AFTER.match(after)  # "7:30", "3/11/2023", "5-gallon", "34″"
        or _is_inch_mark(ctx, m)
        or _CODE_BEFORE.search(before)  # "F-16", "COVID-19", "#5", "3/11"
        or (not in_range and _DIGIT_HYPHEN.search(before))  # the 9 of "787-9"
        or (not in_range and _HYPHEN_DIGIT.match(after))  # the 787 of "787-9"
        or _PARTITIVE_BEFORE.search(before)  # the 10 in "five of the 10 Democrats"
        or _OF_NUMBER.match(after)  # "1 of 3"
        or _FURNITURE.match(after)  # "list of 3 items", "2.5 times"
        or (m.words and m.value == 1 and _OF_AFTER.match(after))  # "one of the ..."
        or any(a <= m.start < b for a, b in _near(ctx.phone_spans, m.start))
        or (noun is not None and noun.lower_ in lex.TIME_UNITS)
    ):
        return True
    if m.unit is None and m.value == int(m.value) and _date_age_or_label(ctx, m, toks, noun):
        return True
    ent_labels = {t.ent_type_ for t in toks}
    if ent_labels & NAME_LABELS:
        return True
    if ent_labels & DATE_LABELS and (noun is None or noun.tag_ not in ("NNS", "NNPS")):
        return True
    # Numbers inside a proper name ("10 Downing Street"), or an address.
    nxt = _next_words(text, m.end, 3)
    if (
        nxt
        and any(w.lower().rstrip(".") in lex.ADDRESS_WORDS for w in nxt[1:])
        and nxt[0][:1].isupper()
    ):
        return True
    if noun is None and m.unit is None and _is_score(ctx, m, toks):
        return True  # "won 3-1" (but "lost 10-15 soldiers" counts soldiers)
    return _is_age_apposition(ctx, m)


def _date_age_or_label(
    ctx: ClaimContext, m: NumberMatch, toks: list[Token], noun: Token | None
) -> bool:
    """Whole numbers that are days, years, ages, ordinals or labels ("page 5", "Stoxx 600")."""
    text = ctx.text
    word_before = _word_before(text, m.start)
    if word_before in lex.AGE_BEFORE or word_before in lex.MONTHS:
        return True
    if _AGE_OR_ORDINAL_AFTER.match(text, m.end) or _MONTH_AFTER.match(text, m.end):
        return True
    if (
        not m.words
        and YEAR_MIN <= m.value <= YEAR_MAX
        and "," not in text[m.start : m.end]
        and (noun is None or noun.tag_ not in ("NNS", "NNPS") or toks[0].ent_type_ == "DATE")
    ):
        return True  # "in 2023", "the 2016 elections"
    # "the Three Amigos", "Seven Samurai": a capitalised number word inside a name.
    capitalised = m.words and text[m.start].isupper() and not toks[0].is_sent_start
    if capitalised and noun is not None and noun.tag_ in ("NNP", "NNPS"):
        return True
    if word_before in lex.LABEL_WORDS and (
        noun is None or noun.tag_ not in ("NNS", "NNPS") or _capitalised_before(text, m.start)
    ):
        return True  # "page 5", "Resolution 2334", "Level 2 stations"
    # "Stoxx 600 index", "iPhone 11": a number right after a proper noun names something.
    first = toks[0]
    if first.i > 0 and not m.words:
        prev = first.doc[first.i - 1]
        if (
            prev.tag_ in ("NNP", "NNPS")
            and prev.ent_type_ not in ("GPE", "NORP", "LOC")
            and prev.idx + len(prev.text) + 1 == first.idx
            and not first.is_sent_start
        ):
            return True
    return False


def _capitalised_before(text: str, pos: int) -> bool:
    m = re.search(r"([^\W\d_])[\w.'-]*\W*$", text[max(0, pos - 24) : pos])
    return m is not None and m.group(1).isupper()


def _is_inch_mark(ctx: ClaimContext, m: NumberMatch) -> bool:
    """'a 34" monitor': a straight quote after a number that closes no open quotation."""
    if not ctx.text.startswith('"', m.end):
        return False
    para_start = ctx.para_starts[para_of(ctx, m.start)]
    return ctx.text.count('"', max(para_start, m.start - INCH_LOOKBACK), m.start) % 2 == 0


def _near(spans: list[tuple[int, int]], pos: int) -> list[tuple[int, int]]:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return spans[max(i, 0) : i + 1] if spans else []


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([\w.#'-]+)\W*$", text[max(0, pos - 24) : pos])
    return m.group(1).lower() if m else ""


def _next_words(text: str, pos: int, n: int) -> list[str]:
    return re.findall(r"[\w.'-]+", text[pos : pos + 40])[:n]


def _is_age_apposition(ctx: ClaimContext, m: NumberMatch) -> bool:
    """ "John Smith, 45, said": a number alone between commas after a person is an age."""
    text = ctx.text
    if not (
        re.search(r",\s*$", text[max(0, m.start - 3) : m.start])
        and re.match(r"\s*[,)]", text[m.end : m.end + 2])
    ):
        return False
    if m.unit is not None or not 0 < m.value < 130:
        return False
    i = bisect.bisect_right(ctx.person_ends, m.start) - 1
    return i >= 0 and m.start - ctx.person_ends[i] <= 3


def _is_score(ctx: ClaimContext, m: NumberMatch, toks: list[Token]) -> bool:
    """ "won 3-1": a hyphenated pair of small numbers in a sentence about a match."""
    text = ctx.text
    joined = re.match(r"\s*[-–]\s*\d+", text[m.end : m.end + 6]) or re.search(
        r"\d+\s*[-–]\s*$", text[max(0, m.start - 6) : m.start]
    )
    if not joined or m.value > 200:
        return False
    sent = sent_of(ctx, toks[0])
    key = ("score", sent.start, 0)
    if key not in ctx.cache:
        ctx.cache[key] = any(t.lower_ in lex.SCORE_WORDS for t in sent[:200])
    return bool(ctx.cache[key])


# ---------------------------------------------------------------- single claims


def _qualifier(ctx: ClaimContext, start: int) -> tuple[str | None, int]:
    """Normalised qualifier printed right before ``start`` and where it begins."""
    window = ctx.text[max(0, start - QUALIFIER_LOOKBACK) : start]
    m = lex.QUALIFIER_RE.search(window)
    if m is None:
        return None, start
    return lex.QUALIFIERS[m.group(1).lower()], start - len(window) + m.start(1)


def _counted_noun(anchor: Token, span_end: int) -> Token | None:
    """The noun the number counts: its head when it modifies one, or "of NOUN" for "dozens of"."""
    # Climb through the number's own pieces and coordinated numbers ("one or two").
    tok = _number_top(anchor)
    head = tok.head
    if (
        tok.dep_ in ("nummod", "compound", "quantmod", "nmod", "amod")
        and head.i > tok.i
        and head.tag_ in lex.NOUN_TAGS
    ):
        return head
    # "dozens of people", "2,000 of them": the number is itself the noun.
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.tag_ in lex.NOUN_TAGS and pobj.idx >= span_end:
                    return pobj
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if (
        nxt is not None
        and nxt.idx >= span_end
        and nxt.tag_ in ("NNS", "NNPS")
        and nxt.head.i in (tok.i, nxt.i, tok.head.i)
    ):
        return nxt
    return None


def _of_object(noun: Token) -> Token | None:
    """ "pieces of bread" -> bread (for measure nouns only)."""
    if noun.lower_ not in lex.MEASURE_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i - noun.i <= MAX_OF_OBJECT_GAP:
                    return pobj
    return None


def _event(noun: Token | None, anchor: Token) -> str | None:
    """The verb or adjective that makes the count meaningful ("killed", "taken captive")."""
    tok = noun if noun is not None else anchor
    # "people taken captive", "civilians killed in the raid": a participle on the noun.
    if noun is not None:
        for child in noun.children:
            if child.dep_ in ("acl", "amod") and child.tag_ == "VBN" and child.i > noun.i:
                return _verb_phrase(child)
        nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if (
            nxt is not None
            and nxt.tag_ == "VBN"
            and nxt.dep_ in ("acl", "ccomp", "relcl", "xcomp", "conj")
        ):
            return _verb_phrase(nxt)  # "240 people taken captive", parsed as a clause
        top = _number_top(anchor)
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i == top.i:
            tok = top  # "Dozens of people were injured": the number phrase holds the role
    head = tok.head
    if tok.dep_ == "nsubjpass":
        return _verb_phrase(head)
    if (
        tok.dep_ == "dobj"
        and lex.verb_lemma(head.lower_) in lex.IMPACT_VERBS
        and head.tag_ in ("VBD", "VBN", "VBG")
    ):
        # Only what happened: "until Hamas releases 240 captives" is no release.
        participle = lex.IMPACT_VERBS[lex.verb_lemma(head.lower_)]
        particles = [c.lower_ for c in head.children if c.dep_ == "prt"]
        if all(p in participle.split() for p in particles):
            return participle
    if tok.dep_ == "nsubj":
        if lex.verb_lemma(head.lower_) in lex.INTRANSITIVE_VERBS:
            return lex.INTRANSITIVE_VERBS[lex.verb_lemma(head.lower_)]
        for child in head.children:
            if child.dep_ in ("acomp", "attr", "oprd") and child.lower_ in lex.CASUALTY_ADJECTIVES:
                return child.lower_
    if head.lower_ in lex.CASUALTY_ADJECTIVES and head.i > tok.i:
        return head.lower_
    return None


def _path_up_to(tok: Token, top: Token) -> list[Token]:
    """``tok`` and its ancestors below ``top`` (``top`` is an ancestor of ``tok`` or ``tok``)."""
    path = []
    while tok.i != top.i and len(path) < MAX_AGENT_TOKENS * 4:
        path.append(tok)
        tok = tok.head
    return path


def _particle_and_predicate(verb: Token) -> str:
    extra = [c.lower_ for c in verb.children if c.dep_ in ("prt", "oprd") and c.i > verb.i]
    return (" " + " ".join(extra)) if extra else ""


def _verb_phrase(verb: Token) -> str:
    """ "killed", "taken captive", "killed by israeli soldiers and settlers"."""
    return verb.lower_ + _particle_and_predicate(verb) + _agent_phrase(verb)


def _agent_phrase(verb: Token) -> str:
    """ " by <who>" for a passive with an agent, kept short (the head noun and its words)."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if pobj is None:
        return ""
    # The agent's words, leaving out clauses and phrases hung on it ("bombardment, combined with ...").
    words = [
        t
        for t in pobj.subtree
        if not t.is_punct
        and t.tag_ not in ("DT", "PRP$")
        and not any(a.dep_ in _AGENT_CUT_DEPS for a in _path_up_to(t, pobj))
    ]
    if not words or len(words) > MAX_AGENT_TOKENS:
        words = [t for t in pobj.lefts if t.dep_ in ("compound", "amod")] + [pobj]
    return " by " + " ".join(t.lower_ for t in words)


def _noun_phrase(noun: Token, start_char: int) -> str:
    """Counted noun with its modifiers after the number: "israeli hostages", "aid trucks"."""
    words = [
        t
        for t in noun.doc[max(noun.i - 3, 0) : noun.i + 1]
        if t.idx >= start_char
        and (t.i == noun.i or (t.head.i == noun.i and t.dep_ in ("compound", "amod", "nmod")))
        and not t.is_punct
        and t.lower_ not in lex.LEADING_DROP
    ]
    return " ".join(t.lower_ for t in words) or noun.lower_


def _what_from_subject(anchor: Token) -> str | None:
    """For "the death toll rose to 300", "turnout was 12%": the subject names what is measured.

    Only with verbs that state a level ("rise", "stand", "be"...): the subject
    of "Wall Street predicted $2.52" or "Neymar was among the 12,000" is not
    what the figure measures.
    """
    tok = _number_top(anchor)
    for _ in range(3):
        if tok.dep_ not in _LEVEL_PATH_DEPS or tok.head.i == tok.i:
            break
        if tok.dep_ == "pobj" and tok.head.lower_ not in ("to", "at", "by", "from"):
            return None
        tok = tok.head
        if tok.tag_ in lex.VERB_TAGS:
            break
    if tok.tag_ not in lex.VERB_TAGS or lex.verb_lemma(tok.lower_) not in lex.LEVEL_VERBS:
        return None
    for child in tok.children:
        if (
            child.dep_ in ("nsubj", "nsubjpass")
            and child.tag_ in lex.NOUN_TAGS
            and child.lower_ not in _PERCENT_WORDS
            and child.ent_type_ not in SOURCE_LABELS  # "Japan will spend": an actor, not a measure
        ):
            words = [t for t in child.subtree if t.dep_ in ("compound", "amod") or t.i == child.i]
            words = [t for t in words if t.i <= child.i][-MAX_PHRASE_TOKENS:]
            return " ".join(t.lower_ for t in words)
    return None


@dataclass
class _Parts:
    """What one number phrase contributes to a claim."""

    text_start: int
    text_end: int
    qualifier: str | None
    what: str | None
    anchor: Token
    noun: Token | None
    unit: str | None


def _parts(
    ctx: ClaimContext,
    m: NumberMatch,
    toks: list[Token],
    span_start: int,
    span_end: int,
    in_range: bool = False,
) -> _Parts | None:
    """Qualifier, counted phrase and extent of the claim text; None when it is no claim."""
    anchor = anchor_of(toks)
    noun = _counted_noun(anchor, span_end)
    if m.unit == "%" and noun is not None and noun.lower_ in _PERCENT_WORDS:
        # "45 percent of voters": the noun is the percent word; count what follows "of".
        noun = _of_pobj(noun)
    if noun is not None and (noun.idx < span_end or "\n" in ctx.text[span_end : noun.idx]):
        noun = None  # part of the amount ("Hong Kong dollars"), or across a line break
    if _excluded(ctx, m, toks, noun, in_range):
        return None
    if m.unit == "GBP" and _POUNDS_OF.search(ctx.text, m.start, m.end + 4):
        m = replace(m, unit="lb")  # "5,200 pounds of water vapour" is a weight
    if m.vague and noun is None:
        return None  # "hundreds" alone, "scores" in sport: not a count of anything
    qualifier, q_start = _qualifier(ctx, span_start)
    post = _POST_QUALIFIER.match(ctx.text, span_end)
    if post is not None and qualifier is None:
        qualifier = lex.POST_QUALIFIERS[" ".join(post.group(1).lower().split())]
    if m.vague and qualifier is None:
        qualifier = "at least"  # "tens of thousands": the value is the phrase's lower bound
    text_end = post.end() if post is not None else span_end
    what: str | None = None
    if noun is not None:
        text_end = max(text_end, noun.idx + len(noun.text))
        what = _noun_phrase(noun, span_end)
        obj = _of_object(noun)
        if obj is not None:
            text_end = max(text_end, obj.idx + len(obj.text))
            what = f"{what} of {obj.lower_}"
    event = _event(noun, anchor)
    if event:
        what = f"{what} {event}" if what else event
        if noun is None and anchor.head.lower_ == event and anchor.head.i == anchor.i + 1:
            text_end = max(text_end, anchor.head.idx + len(anchor.head.text))  # "300 dead"
    if what is None:
        what = _what_from_governor(anchor)
    if what is None and m.unit is not None:
        what = _of_or_in_phrase(ctx, text_end, ("of",))
    if what is None and not (m.words and m.value == 1):
        what = _what_from_subject(anchor)
    if what is None and m.unit is not None:
        what = _of_or_in_phrase(ctx, text_end, ("in", "for"))
    if what is None and m.unit is None:
        return None  # a bare number with nothing counted: not a claim we can state
    if m.value in (0, 1) and event is None and m.unit is None:
        return None  # "one day", "1 cup", "zero shame": not a reported count
    return _Parts(q_start, text_end, qualifier, what, anchor, noun, m.unit)


def _of_pobj(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.tag_ in lex.NOUN_TAGS:
                    return pobj
    return None


def _number_top(anchor: Token) -> Token:
    """Climb from a number token through its own pieces ("2.3" -> "million", "$" -> ...)."""
    tok = anchor
    for _ in range(4):
        if (
            tok.dep_ == "conj"
            and tok.head.like_num
            or tok.dep_ in ("compound", "quantmod", "nmod", "nummod")
            and tok.head.tag_
            in (
                "CD",
                "$",
            )
        ):
            tok = tok.head
        else:
            break
    return tok


def _what_from_governor(anchor: Token) -> str | None:
    """ "revenue of $4.2 billion", "a death toll of 300": the noun the figure is "of"."""
    tok = _number_top(anchor)
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "of"
        and tok.head.head.tag_ in lex.COMMON_NOUN_TAGS
    ):
        noun = tok.head.head
        return _noun_phrase(noun, noun.doc[max(noun.i - 3, 0)].idx)
    if tok.dep_ == "pobj" and tok.head.lower_ == "at":
        verb = tok.head.head
        if lex.verb_lemma(verb.lower_) in lex.PUT_AT_VERBS:  # "put the death toll at 45"
            for child in verb.children:
                if child.dep_ == "dobj" and child.tag_ in lex.COMMON_NOUN_TAGS:
                    return _noun_phrase(child, child.doc[max(child.i - 3, 0)].idx)
    return None


def _of_or_in_phrase(ctx: ClaimContext, pos: int, preps: tuple[str, ...]) -> str | None:
    """ "12% of voters", "$1.5bn in aid": the noun phrase after one of ``preps``."""
    mt = _OF_IN_FOR.match(ctx.text, pos)
    if mt is None or mt.group(1).lower() not in preps:
        return None
    toks = tokens_in(ctx, mt.start(2), mt.end(2))
    words = []
    for t in toks:
        if t.lower_ in lex.LEADING_DROP and not words:
            continue
        if t.tag_ not in lex.NOUN_TAGS | lex.ADJ_TAGS or t.ent_type_ in _NOT_WHAT_LABELS:
            break  # "€3bn for Ukraine": a recipient; "3.9% in March": a date
        words.append(t.lower_)
    return " ".join(words) or None


def _single_claim(ctx: ClaimContext, m: NumberMatch) -> Claim | None:
    toks = tokens_in(ctx, m.start, m.end)
    parts = _parts(ctx, m, toks, m.start, m.end) if toks else None
    if parts is None:
        return None
    return _make_claim(ctx, parts, m.value, parts.qualifier, parts.unit)


def _make_claim(
    ctx: ClaimContext, parts: _Parts, value: float, qualifier: str | None, unit: str | None
) -> Claim:
    start, end = parts.text_start, parts.text_end
    qi = quote_index(ctx, start, end)
    source = find_source(ctx, parts.anchor, parts.noun, qi)
    return Claim(
        text=ctx.text[start:end],
        start=start,
        end=end,
        value=value,
        qualifier=qualifier,
        unit=unit,
        what=parts.what,
        source=source,
        place=find_place(ctx, parts.anchor),
        quote=qi,
    )


# ---------------------------------------------------------------- ranges


def _range_pair(
    ctx: ClaimContext, matches: list[NumberMatch], i: int
) -> tuple[NumberMatch, NumberMatch, bool] | None:
    """Two matches forming a range ("one or two", "10-20", "between 10 and 20")."""
    if i + 1 >= len(matches):
        return None
    a, b = matches[i], matches[i + 1]
    gap = ctx.text[a.end : b.start]
    if len(gap) > MAX_RANGE_GAP or "\n" in gap:
        return None
    lead = ctx.text[max(0, a.start - RANGE_LEAD) : a.start]
    between = _BETWEEN.search(lead)
    sep = gap.strip().lower()
    if not (_RANGE_SEP.fullmatch(gap) or (sep == "and" and between)):
        return None
    if between and between.group(0).lower().startswith("from"):
        ranging = _word_before(ctx.text, a.start - len(between.group(0))) in _RANGE_VERBS
        if sep == "to" and not ranging:
            return None  # "rose ... from 2.18% to 2.72%" is a change, read as two figures
        between = None  # "ranging from 30 to 600", "from 30-600 MW": "from" stays out of the text
    if sep == "to" and _word_before(ctx.text, a.start) in lex.CHANGE_WORDS:
        return None  # "fell 3.4% to $55.12": a change and a level
    if a.unit and b.unit and a.unit != b.unit:
        return None
    if a.vague or b.vague or (a.words != b.words and sep in ("-", "–", "—")):
        return None
    if sep in ("-", "–", "—") and re.search(r"\d[:/.-]$", lead):
        return None  # part of a date "2023-11-03"
    low, high = a.value, b.value
    if a.scale == 1 and b.scale > 1 and not a.words and a.value * b.scale <= b.value:
        low = a.value * b.scale  # "$10-20 million": the scale printed once applies to both
    if not 0 < low < high:
        return None  # "0-62 mph" is a spec, not a range of counts
    return (
        NumberMatch(a.start, a.end, low, a.unit or b.unit, a.vague, a.words, b.scale),
        NumberMatch(b.start, b.end, high, b.unit or a.unit, b.vague, b.words, b.scale),
        between is not None,
    )


def _range_claims(ctx: ClaimContext, a: NumberMatch, b: NumberMatch, between: bool) -> list[Claim]:
    toks_b = tokens_in(ctx, b.start, b.end)
    toks_a = tokens_in(ctx, a.start, a.end)
    if not toks_a or not toks_b:
        return []
    parts_b = _parts(ctx, b, toks_b, a.start, b.end, in_range=True)
    if parts_b is None:
        parts_b = _parts(ctx, b, toks_a + toks_b, a.start, b.end, in_range=True)
    if parts_b is None or _excluded(ctx, a, toks_a, parts_b.noun, in_range=True):
        return []
    if parts_b.noun is None and parts_b.unit is None and _is_score(ctx, a, toks_a):
        return []  # "lost 1-3 at home": a result, not a range ("lost 10-15 soldiers" is one)
    start = parts_b.text_start
    if between:
        lead = _BETWEEN.search(ctx.text[max(0, a.start - RANGE_LEAD) : a.start])
        if lead is not None:
            start = min(start, a.start - len(lead.group(0)))
    parts = replace(parts_b, text_start=start, qualifier=None, anchor=anchor_of(toks_a))
    return [
        _make_claim(ctx, parts, a.value, "at least", parts.unit),
        _make_claim(ctx, parts, b.value, "up to", parts.unit),
    ]
