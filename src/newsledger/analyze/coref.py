"""Resolve a speaker mention (name, pronoun, description) to an actor.

Small, conservative rules (coreferee cannot load offline):

* a mention whose head word lies inside a named entity is that entity;
* ``he``/``she`` -> the most salient person before it: the subject person of the
  closest earlier sentence (same sentence first), outside quotation marks;
* ``it``/``they`` -> the closest earlier non-person subject noun phrase;
* ``the top US diplomat`` (a definite description ending in a role noun) -> a
  person named shortly before whose printed role is compatible (same role class,
  no clashing nationality).

Anything else stays unresolved: a wrong speaker is worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.analyze.cues import PERSON_ROLE_NOUNS
from newsledger.analyze.entities import TITLES, Actor, EntityIndex
from newsledger.analyze.nlp import doc_text

_ARTICLES = frozenset({"the", "a", "an"})

__all__ = ["Resolution", "resolve_mention", "PRONOUNS_PERSON", "PRONOUNS_THING"]

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_THING = frozenset({"it", "they", "them", "its", "their"})
RELATIVE = frozenset({"who", "which", "that"})
# How many sentences back a pronoun / description may look for its antecedent.
PRONOUN_WINDOW = 4
# Modifiers of a description that say nothing about which person it is.
_VAGUE_MODIFIERS = frozenset({"the", "top", "senior", "former", "new", "veteran", "chief"})
DESCRIPTION_WINDOW = 8

# Role classes: a description's head noun matches a printed role that contains
# any word of its class ("diplomat" ~ "Secretary of State").
_ROLE_CLASSES: dict[str, frozenset[str]] = {
    "diplomat": frozenset({"secretary", "state", "foreign", "ambassador", "envoy", "diplomat"}),
    "leader": frozenset(
        {"prime", "president", "premier", "chancellor", "leader", "chief", "head", "king", "queen"}
    ),
    "minister": frozenset({"minister", "secretary", "premier"}),
    "president": frozenset({"president"}),
    "official": frozenset(
        {
            "official",
            "secretary",
            "minister",
            "director",
            "chief",
            "head",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "commissioner",
        }
    ),
    "chief": frozenset({"chief", "head", "director", "chairman", "chairwoman", "leader"}),
    "candidate": frozenset({"candidate", "nominee", "senator", "governor", "contender"}),
    "nominee": frozenset({"nominee", "candidate"}),
}


@dataclass
class Resolution:
    """A speaker mention and what it resolved to."""

    start: int
    end: int
    mention: str
    name: str | None
    actor: Actor | None


def _span_text(doc, toks: list) -> tuple[int, int]:
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def np_tokens(head) -> list:
    """The tokens of the noun phrase headed by ``head``, without appositive, relative
    clause or trailing punctuation ("Tom White, director of ..." -> "Tom White")."""
    drop: set[int] = set()
    for child in head.children:
        if (
            child.dep_ in ("appos", "relcl", "acl", "punct", "advcl", "parataxis")
            and child.i > head.i
        ):
            drop.update(t.i for t in child.subtree)
        if (
            child.dep_ == "prep"
            and child.i > head.i
            and child.lower_ in ("in", "on", "at", "after", "during", "since")
        ):
            drop.update(t.i for t in child.subtree)
    toks = [t for t in head.subtree if t.i not in drop]
    # Keep the contiguous run around the head.
    idx = [t.i for t in toks]
    lo = hi = idx.index(head.i)
    while lo > 0 and idx[lo - 1] == idx[lo] - 1:
        lo -= 1
    while hi < len(idx) - 1 and idx[hi + 1] == idx[hi] + 1:
        hi += 1
    toks = toks[lo : hi + 1]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    return toks or [head]


def resolve_mention(doc, head, index: EntityIndex, in_quote) -> Resolution:
    """Resolve the noun phrase headed by token ``head`` (a cue's subject).

    ``in_quote(char_offset) -> bool`` says whether an offset lies inside quotation
    marks (antecedents there are skipped).
    """
    toks = np_tokens(head)
    start, end = _span_text(doc, toks)
    mention = doc_text(doc)[start:end]
    low = head.lower_
    if head.tag_ == "WP" or low in RELATIVE:
        # "officials who said": the relative pronoun stands for the noun it modifies.
        clause = head.head
        while clause.dep_ not in ("relcl", "ROOT") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "relcl":
            # The mention stays the pronoun (annotators mark "who" as the source, like
            # "he"); the name is the antecedent's.
            ante = resolve_mention(doc, clause.head, index, in_quote)
            return Resolution(start, end, mention, ante.name, ante.actor)
        return Resolution(start, end, mention, None, None)
    if low in PRONOUNS_PERSON:
        actor = _person_before(doc, head, index, in_quote)
        return Resolution(start, end, mention, actor.name if actor else None, actor)
    if low in PRONOUNS_THING:
        return _thing_before(doc, head, index, in_quote, start, end, mention)
    if head.tag_ == "PRP":  # I, we, you: only meaningful inside the quote itself
        return Resolution(start, end, mention, None, None)
    actor = index.actor_at(start, end, head=head.idx)
    if actor is not None:
        return Resolution(start, end, mention, actor.name, actor)
    for child in head.children:
        # "The opposition leader, Paul Ames, said": the appositive names the speaker.
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            toks = np_tokens(child)
            s2, e2 = _span_text(doc, toks)
            actor = index.actor_at(s2, e2, head=child.idx)
            if actor is not None:
                return Resolution(start, e2, doc_text(doc)[start:e2], actor.name, actor)
    if low in PERSON_ROLE_NOUNS and any(t.lower_ == "the" for t in toks[:1]):
        actor = _described_person(doc, head, toks, index, in_quote)
        if actor is not None:
            return Resolution(start, end, mention, actor.name, actor)
        return Resolution(start, end, mention, None, None)
    # A common-noun speaker ("Palestinian authorities", "aid agencies"): name it as printed.
    name = mention
    if toks[0].lower_ in ("the", "a", "an"):
        name = doc_text(doc)[toks[1].idx : end] if len(toks) > 1 else mention
    if head.tag_ == "NNP":
        # "Mayor Ana Ruiz" that NER missed: the title is a role, not part of the name.
        i = 0
        while i < len(toks) - 1 and toks[i].lower_.rstrip(".") in TITLES | _ARTICLES:
            i += 1
        if i and all(t.tag_ == "NNP" for t in toks[i:]):
            name = doc_text(doc)[toks[i].idx : end]
    return Resolution(start, end, mention, name, None)


def _sentences_back(doc, tok, window: int):
    """The sentence of ``tok`` then up to ``window`` earlier sentences."""
    sent = tok.sent
    yield sent, True
    i = sent.start - 1
    n = 0
    while i >= 0 and n < window:
        s = doc[i].sent
        yield s, False
        i = s.start - 1
        n += 1


def _person_mentions(sent, index: EntityIndex, limit: int, in_quote):
    return [
        (s, actor)
        for s, _, actor in index.mentions_in(sent.start_char, min(limit, sent.end_char))
        if actor.label == "PERSON" and not in_quote(s)
    ]


def _is_subject_at(doc, offset: int) -> bool:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def _person_before(doc, pron, index: EntityIndex, in_quote) -> Actor | None:
    for sent, same in _sentences_back(doc, pron, PRONOUN_WINDOW):
        limit = pron.idx if same else sent.end_char
        cands = _person_mentions(sent, index, limit, in_quote)
        if not cands:
            continue
        subjects = [a for s, a in cands if _is_subject_at(doc, s)]
        if same:
            # "Blinken said he ...": the subject before the pronoun, else the nearest.
            return subjects[-1] if subjects else cands[-1][1]
        return subjects[0] if subjects else cands[0][1]
    return None


def _thing_before(doc, pron, index, in_quote, start, end, mention) -> Resolution:
    for sent, same in _sentences_back(doc, pron, 1):
        limit = pron.idx if same else sent.end_char
        subj = [
            t
            for t in sent
            if t.dep_ in ("nsubj", "nsubjpass")
            and t.idx < limit
            and t.tag_ != "PRP"
            and t.tag_ != "WP"
            and t.tag_ != "WDT"
            and not in_quote(t.idx)
            and t.ent_type_ != "PERSON"
        ]
        if subj:
            head = subj[-1]
            toks = np_tokens(head)
            s, e = _span_text(doc, toks)
            actor = index.actor_at(s, e, head=head.idx)
            if actor is not None and actor.label == "PERSON":
                return Resolution(start, end, mention, None, None)
            name = actor.name if actor else doc_text(doc)[s:e]
            return Resolution(start, end, mention, name, actor)
    return Resolution(start, end, mention, None, None)


def _described_person(doc, head, toks, index: EntityIndex, in_quote) -> Actor | None:
    nationality = {t.lower_ for t in toks if t.ent_type_ in ("GPE", "NORP", "ORG")}
    role_class = _ROLE_CLASSES.get(head.lower_, frozenset({head.lower_}))
    for sent, same in _sentences_back(doc, head, DESCRIPTION_WINDOW):
        limit = head.idx if same else sent.end_char
        for _, actor in reversed(_person_mentions(sent, index, limit, in_quote)):
            role_words = {w.lower() for r in actor.roles for w in r.split()}
            if not role_words:
                continue
            if nationality and not nationality & role_words and _has_nationality(actor):
                continue  # "the top US diplomat" is not the Israeli prime minister
            # Every modifier must fit the printed role ("US" in "US Secretary of State").
            mods = {t.lower_ for t in toks if t.i != head.i and t.is_alpha} - _VAGUE_MODIFIERS
            if mods and not mods <= role_words:
                continue
            if role_class & role_words or head.lower_ in role_words:
                return actor
    return None


def _has_nationality(actor: Actor) -> bool:
    return any(
        w[:1].isupper()
        and w.lower() not in PERSON_ROLE_NOUNS
        and w.lower() not in {"prime", "vice", "deputy", "foreign", "of", "state"}
        for r in actor.roles
        for w in r.split()
    )
