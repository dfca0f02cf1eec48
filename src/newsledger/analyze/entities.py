"""Named entities merged into actors, one per real person/organisation/place in a text.

spaCy's NER gives mentions ("Antony Blinken", "Blinken"); this module merges them
(a shorter person name that is part of a longer one is the same person), picks a
canonical name (the longest proper name), and collects *roles as printed*: the
title before a name ("US Secretary of State Antony Blinken") and an appositive
after it ("Tom White, director of the UN agency on Palestinian refugees").
Descriptions and pronouns that coreference resolves are added later with
:meth:`EntityIndex.add_mention`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsledger.analyze.cues import word_set
from newsledger.analyze.nlp import doc_text
from newsledger.model import Entity, Mention

__all__ = ["Actor", "EntityIndex", "build_entities", "KEPT_LABELS", "TITLES"]

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})

# Words NER sometimes pulls into a person's name; they belong to the role.
TITLES = word_set("""
    mr mrs ms miss dr sir dame lord lady president vice secretary minister prime sen senator
    rep representative gov governor gen general mayor judge justice chancellor king queen
    prince princess pope rev reverend professor prof chairman ambassador envoy
    """)
# Spelling variants of the same place or body, so "U.S." and "US" are one actor.
_ALIASES = {
    "u.s.": "us",
    "u.s": "us",
    "united states": "us",
    "america": "us",
    "usa": "us",
    "u.s.a.": "us",
    "the united states": "us",
    "u.k.": "uk",
    "britain": "uk",
    "united kingdom": "uk",
    "great britain": "uk",
    "u.n.": "un",
    "united nations": "un",
    "the united nations": "un",
    "e.u.": "eu",
    "european union": "eu",
}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"})
_ROLE_MAX_TOKENS = 12  # a "role" longer than this is a clause, not a title


@dataclass
class Actor:
    """A mutable entity while the analysis runs."""

    id: str
    label: str
    name: str
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    name_tokens: frozenset[str] = frozenset()

    def add_role(self, role: str) -> None:
        role = role.strip(" ,;:-—–")
        if not role or len(role.split()) > _ROLE_MAX_TOKENS or not any(c.isalpha() for c in role):
            return
        low = role.lower()
        if any(low in r.lower() for r in self.roles):
            return
        self.roles = [r for r in self.roles if r.lower() not in low] + [role]


class EntityIndex:
    """Actors of one text and a lookup from character spans to actors."""

    def __init__(self, text: str):
        self.text = text
        self.actors: list[Actor] = []
        # Mentions as (start, order added, end, actor), sorted: a lookup reads only the
        # mentions starting in its range (a long text has thousands of them).
        self._spans: list[tuple[int, int, int, Actor]] = []
        self._seen: set[tuple[int, int, int]] = set()  # (actor, start, end) recorded

    def new_actor(self, label: str, name: str, tokens: frozenset[str]) -> Actor:
        actor = Actor(id=f"e{len(self.actors) + 1}", label=label, name=name, name_tokens=tokens)
        self.actors.append(actor)
        return actor

    def add_mention(self, actor: Actor, start: int, end: int) -> None:
        """Record that ``text[start:end]`` refers to ``actor`` (idempotent)."""
        key = (id(actor), start, end)
        if key not in self._seen:
            self._seen.add(key)
            actor.mentions.append((start, end))
            bisect.insort(self._spans, (start, len(self._seen), end, actor), key=lambda m: m[:2])

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, Actor]]:
        """Mentions ``(s, e, actor)`` with ``start <= s`` and ``e <= end``, by start, then
        in the order they were added."""
        return [(s, e, a) for s, _, e, a in self._starting_in(start, end) if e <= end]

    def _starting_in(self, start: int, end: int) -> list[tuple[int, int, int, Actor]]:
        """The recorded mentions whose start lies in ``[start, end]``, by start."""
        lo = bisect.bisect_left(self._spans, start, key=lambda m: m[0])
        hi = bisect.bisect_right(self._spans, end, key=lambda m: m[0])
        return self._spans[lo:hi]

    def actor_at(self, start: int, end: int, head: int | None = None) -> Actor | None:
        """The actor with a mention inside ``[start, end)``; with ``head``, one covering it.
        A person beats other labels, then the longer mention, then the earlier added."""
        best: Actor | None = None
        best_key = (-1, 0)
        for s, order, e, actor in self._starting_in(start, end):
            if e <= end and (head is None or s <= head < e):
                key = (e - s + (1000 if actor.label == "PERSON" else 0), -order)
                if key > best_key:
                    best, best_key = actor, key
        return best

    def persons(self) -> list[Actor]:
        return [a for a in self.actors if a.label == "PERSON"]

    def to_models(self) -> list[Entity]:
        """The frozen :class:`Entity` list, mentions in text order."""
        out = []
        for a in self.actors:
            mentions = [Mention(text=self.text[s:e], start=s, end=e) for s, e in sorted(a.mentions)]
            out.append(
                Entity(id=a.id, name=a.name, label=a.label, roles=a.roles, mentions=mentions)
            )
        return out


def _clean_name(span) -> tuple[int, int, list[str]]:
    """Offsets and words of an entity span without titles, determiners and 's."""
    toks = list(span)
    while toks and (toks[0].lower_.rstrip(".") in TITLES or toks[0].lower_ in _DETERMINERS):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "’s", "'", "’")):
        toks = toks[:-1]
    if not toks:
        return span.start_char, span.start_char, []
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return start, end, [t.text for t in toks]


def _person_key(words: list[str]) -> frozenset[str]:
    return frozenset(_POSSESSIVE.sub("", w).lower() for w in words if w[:1].isalpha())


def _org_key(text: str) -> str:
    t = _POSSESSIVE.sub("", text.strip()).lower()
    t = _ALIASES.get(t, t)
    if t.startswith("the "):
        t = _ALIASES.get(t[4:], t[4:])
    return t


def build_entities(doc) -> EntityIndex:
    """Merge the NER mentions of ``doc`` into actors and collect the persons' roles."""
    index = EntityIndex(doc_text(doc))
    persons: list[Actor] = []
    others: dict[tuple[str, str], Actor] = {}
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        start, end, words = _clean_name(ent)
        if not words:
            continue
        surface = doc_text(doc)[start:end]
        if ent.label_ == "PERSON" or _matches_person(persons, words):
            key = _person_key(words)
            if not key:
                continue
            actor = _find_person(persons, key)
            if actor is None:
                actor = index.new_actor("PERSON", surface, key)
                persons.append(actor)
            elif len(key) > len(actor.name_tokens) and actor.name_tokens <= key:
                actor.name, actor.name_tokens = surface, key  # the longest proper name wins
            index.add_mention(actor, start, end)
            if start > ent.start_char:  # a title NER pulled into the name
                actor.add_role(doc_text(doc)[ent.start_char : start])
            _collect_roles(doc, ent, actor)
        else:
            okey = (ent.label_ if ent.label_ != "NORP" else "NORP", _org_key(surface))
            actor = others.get(okey)
            if actor is None:
                actor = index.new_actor(ent.label_, surface, frozenset())
                others[okey] = actor
            index.add_mention(actor, start, end)
    _untagged_surnames(doc, index, persons)
    return index


def _untagged_surnames(doc, index: EntityIndex, persons: list[Actor]) -> None:
    """A known person's surname that NER missed ("...,\" Petrov added") is a mention."""
    by_surname: dict[str, Actor | None] = {}
    for actor in persons:
        surname = _POSSESSIVE.sub("", actor.name.split()[-1]).lower()
        # Two people with one surname: a bare surname could be either, leave it.
        by_surname[surname] = None if surname in by_surname else actor
    if not by_surname:
        return
    from spacy.attrs import ENT_TYPE, TAG

    nnp = doc.vocab.strings.add("NNP")
    # Token objects are costly: pick untagged proper nouns from the attribute array.
    for i, (tag, ent) in enumerate(doc.to_array([TAG, ENT_TYPE]).tolist()):
        if tag != nnp or ent:
            continue
        tok = doc[i]
        actor = by_surname.get(tok.lower_)
        if actor is not None:
            index.add_mention(actor, tok.idx, tok.idx + len(tok.text))


def _matches_person(persons: list[Actor], words: list[str]) -> bool:
    """A non-PERSON mention that is exactly a known person's surname is that person."""
    key = _person_key(words)
    return bool(key) and len(key) <= 2 and _find_person(persons, key) is not None


def _find_person(persons: list[Actor], key: frozenset[str]) -> Actor | None:
    # Most recent first: a bare surname belongs to the last person with it.
    for actor in reversed(persons):
        if key <= actor.name_tokens or actor.name_tokens <= key:
            return actor
    return None


def _collect_roles(doc, ent, actor: Actor) -> None:
    root = ent.root
    # Title before the name: the contiguous left part of the name's noun phrase.
    left_ids = {t.i for t in root.subtree if t.i < ent.start}
    run = []
    j = ent.start - 1
    # Stop at a coordination or another person ("Blinken and US President Joe Biden").
    while (
        j in left_ids
        and doc[j].dep_ not in ("cc", "conj", "punct")
        and doc[j].ent_type_ != "PERSON"
    ):
        run.append(doc[j])
        j -= 1
    run.reverse()
    if not run:
        run = _surface_title(doc, ent.start)
    while run and (
        run[0].lower_ in _DETERMINERS
        or run[0].is_punct
        or run[0].tag_ == "POS"
        or run[0].dep_ == "poss"
        or run[0].ent_type_ == "PERSON"
    ):
        run = run[1:]
    if run and run[-1].tag_.startswith("NN") and not any(t.tag_.startswith("VB") for t in run):
        actor.add_role(doc_text(doc)[run[0].idx : run[-1].idx + len(run[-1].text)])
    # Appositive after the name: "Tom White, director of the UN agency ...".
    for child in root.children:
        if (
            child.dep_ == "appos"
            and child.i > ent.end
            and child.tag_.startswith("NN")
            and child.ent_type_ != "PERSON"
        ):
            toks = [t for t in child.subtree if not (t.dep_ == "relcl" or t.is_space)]
            toks = _contiguous(toks)
            while toks and (toks[0].lower_ in _DETERMINERS or toks[0].is_punct):
                toks = toks[1:]
            while toks and toks[-1].is_punct:
                toks = toks[:-1]
            if toks:
                actor.add_role(doc_text(doc)[toks[0].idx : toks[-1].idx + len(toks[-1].text)])
    # Name as appositive of a role: "the top US diplomat, Antony Blinken".
    if (
        root.dep_ == "appos"
        and root.head.i < ent.start
        and root.head.tag_.startswith("NN")
        and root.head.ent_type_ != "PERSON"
    ):
        head = root.head
        toks = _contiguous([t for t in head.subtree if t.i <= head.i])
        while toks and (toks[0].lower_ in _DETERMINERS or toks[0].is_punct):
            toks = toks[1:]
        if toks:
            actor.add_role(doc_text(doc)[toks[0].idx : toks[-1].idx + len(toks[-1].text)])


def _surface_title(doc, name_start: int) -> list:
    """Title words right before a name when the parse missed them ("US President Joe Biden")."""
    from newsledger.analyze.cues import PERSON_ROLE_NOUNS

    j = name_start - 1
    if j < 0 or (doc[j].lower_ not in TITLES and doc[j].lower_ not in PERSON_ROLE_NOUNS):
        return []
    run = []
    while (
        j >= 0
        and (doc[j].tag_ in ("NNP", "NN", "NNPS", "JJ") or doc[j].lower_ == "of")
        and doc[j].ent_type_ != "PERSON"
        and doc[j].lower_ not in _DETERMINERS
    ):
        run.append(doc[j])
        j -= 1
    run.reverse()
    while run and run[0].lower_ == "of":
        run = run[1:]
    return run


def _contiguous(toks: list) -> list:
    """The leading run of ``toks`` with consecutive token indices."""
    out = []
    for t in toks:
        if out and t.i != out[-1].i + 1:
            break
        out.append(t)
    return out
