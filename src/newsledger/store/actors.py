"""Merging actors (people, organisations, places) across the documents of the ledger.

Within one article, analysis already merges "US Secretary of State Antony Blinken",
"Blinken" and "he" into one :class:`~newsledger.model.Entity`.  Across articles this
module maps each entity to a corpus-wide actor:

* A person with a first and last name has the key "first last" (titles such as
  "Secretary of State" and middle initials removed, diacritics folded): "Antony Blinken",
  "Antony J. Blinken" and "Secretary of State Antony Blinken" are one actor.
* A person known by one name only ("Blinken") joins the full-name actor with that
  surname in the same article if there is exactly one; else the corpus actor with that
  surname if there is exactly one; else a surname-only actor.  Two different Smiths
  therefore never merge, and a lone "Smith" stays apart from both.
* A surname-only actor is absorbed by the first full-name actor with its surname while
  that surname is unambiguous in the corpus.
* Other actors (organisations, places, groups) merge on their normalised name.

Roles ("US Secretary of State") are kept per actor with the article and its date.
Everything runs inside the writer's per-document transaction, in ingest order, so a
run that is killed and restarted merges exactly as an uninterrupted one.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from newsledger.model import Entity

PERSON = "PERSON"
# Words that open a person's name as printed but are not part of it: titles, offices,
# honorifics and the connectors inside them ("Secretary of State", "Prime Minister").
TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "reverend",
        "fr",
        "father",
        "sister",
        "brother",
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "deputy",
        "assistant",
        "under",
        "state",
        "foreign",
        "defence",
        "defense",
        "interior",
        "home",
        "health",
        "finance",
        "treasury",
        "chancellor",
        "premier",
        "governor",
        "mayor",
        "senator",
        "sen",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "speaker",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "executive",
        "ceo",
        "cfo",
        "director",
        "general",
        "gen",
        "lieutenant",
        "lt",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "commander",
        "admiral",
        "adm",
        "sergeant",
        "sgt",
        "officer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "pope",
        "cardinal",
        "bishop",
        "archbishop",
        "rabbi",
        "imam",
        "sheikh",
        "judge",
        "justice",
        "attorney",
        "us",
        "u",
        "s",
        "uk",
        "un",
        "eu",
        "israeli",
        "palestinian",
        "american",
        "british",
        "french",
        "german",
        "russian",
        "ukrainian",
        "chinese",
        "of",
        "the",
        "and",
        "for",
        "to",
        "top",
        "former",
        "acting",
        "new",
    ]
)
# Name parts that carry no identity: "Jr.", "III" and single-letter initials.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_INITIALS = re.compile(r"\b(\w)\s(?=\w\b)")
# Abbreviations that name the same organisation or country as their long form, after
# normalisation ("U.S." -> "us").  Only unambiguous, very frequent ones.
ALIASES = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "un": "united nations",
    "eu": "european union",
    "nato": "north atlantic treaty organization",
    "who": "world health organization",
    "uae": "united arab emirates",
}


def normalize(name: str) -> str:
    """Case-folded, diacritic-free, punctuation-free form of ``name`` ("Pérez-Reverte" -> "perez reverte")."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Possessives ("Blinken's") are the same name.
    stripped = re.sub(r"['’]s\b", "", stripped)
    return " ".join(_NON_WORD.sub(" ", stripped.casefold()).split())


@dataclass(frozen=True)
class NameKey:
    kind: str  # "person" | "other"
    key: str
    surname: str | None
    full: bool


def person_tokens(name: str) -> list[str]:
    """The identifying tokens of a person's name: titles before it, initials and suffixes dropped."""
    tokens = normalize(name).split()
    # Keep the trailing run of non-title words: "us secretary of state antony blinken" -> antony blinken.
    i = len(tokens)
    while i > 0 and tokens[i - 1] not in TITLE_WORDS:
        i -= 1
    kept = tokens[i:] or tokens[-1:]
    return [t for t in kept if len(t) > 1 and t not in SUFFIXES] or kept


def name_key(name: str, label: str) -> NameKey:
    """The merge key of an actor name with spaCy ``label``."""
    if label == PERSON:
        tokens = person_tokens(name)
        if not tokens:
            return NameKey("person", normalize(name), None, False)
        if len(tokens) == 1:
            return NameKey("person", tokens[0], tokens[0], False)
        return NameKey("person", f"{tokens[0]} {tokens[-1]}", tokens[-1], True)
    norm = normalize(name)
    if norm.startswith("the "):
        norm = norm[4:]
    # "u s" (from "U.S.") -> "us"; then the long form of a known abbreviation.
    norm = _INITIALS.sub(r"\1", norm)
    return NameKey("other", ALIASES.get(norm, norm), None, True)


class ActorResolver:
    """Maps the entities of one article to corpus actors, writing through ``conn``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- lookups -------------------------------------------------------------------------
    def _by_key(self, k: NameKey) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM actors WHERE kind=? AND key=? AND full=? ORDER BY id LIMIT 1",
            (k.kind, k.key, int(k.full)),
        ).fetchone()
        return row[0] if row else None

    def _full_by_surname(self, surname: str) -> list[int]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM actors WHERE kind='person' AND surname=? AND full=1 ORDER BY id LIMIT 2",
                (surname,),
            )
        ]

    def _create(self, name: str, label: str, k: NameKey, day: str | None) -> int:
        cur = self.conn.execute(
            """INSERT INTO actors(name, label, kind, key, surname, full, first_seen, last_seen)
               VALUES (?,?,?,?,?,?,?,?)""",
            (name, label, k.kind, k.key, k.surname, int(k.full), day, day),
        )
        return int(cur.lastrowid)

    def _absorb_surname_only(self, actor: int, surname: str) -> None:
        # A surname-only actor joins the first full-name actor with that surname, as long as
        # that surname is unambiguous (this is the only full-name actor carrying it).
        if self._full_by_surname(surname) != [actor]:
            return
        row = self.conn.execute(
            "SELECT id FROM actors WHERE kind='person' AND key=? AND full=0", (surname,)
        ).fetchone()
        if row is None:
            return
        self.merge(row[0], actor)

    def merge(self, old: int, new: int) -> None:
        """Fold actor ``old`` into ``new`` (names, roles, entities, quotes, claims)."""
        c = self.conn
        c.execute(
            "INSERT OR IGNORE INTO actor_names(actor, name, norm) "
            "SELECT ?, name, norm FROM actor_names WHERE actor=?",
            (new, old),
        )
        c.execute(
            "INSERT OR IGNORE INTO actor_roles(actor, role, article, day) "
            "SELECT ?, role, article, day FROM actor_roles WHERE actor=?",
            (new, old),
        )
        c.execute("UPDATE entities SET actor=? WHERE actor=?", (new, old))
        c.execute("UPDATE quotes SET actor=? WHERE actor=?", (new, old))
        c.execute("UPDATE claims SET source_actor=? WHERE source_actor=?", (new, old))
        c.execute(
            """UPDATE actors SET
                       first_seen = (SELECT MIN(d) FROM (SELECT first_seen AS d FROM actors WHERE id IN (?,?))),
                       last_seen = (SELECT MAX(d) FROM (SELECT last_seen AS d FROM actors WHERE id IN (?,?)))
                     WHERE id=?""",
            (old, new, old, new, new),
        )
        c.execute("DELETE FROM actor_names WHERE actor=?", (old,))
        c.execute("DELETE FROM actor_roles WHERE actor=?", (old,))
        c.execute("DELETE FROM actors WHERE id=?", (old,))

    # -- resolution ----------------------------------------------------------------------
    def resolve_article(
        self, article: int, entities: list[Entity], day: str | None
    ) -> dict[str, int]:
        """Link every entity of ``article`` to an actor; return {Entity.id: actor id}."""
        keys = {e.id: name_key(e.name, e.label) for e in entities}
        # Full-name persons of this document, by surname, to resolve "Blinken" locally first.
        local_full: dict[str, set[str]] = {}
        for e in entities:
            k = keys[e.id]
            if k.kind == "person" and k.full and k.surname:
                local_full.setdefault(k.surname, set()).add(k.key)
        out: dict[str, int] = {}
        # Full names first, so that a surname in the same article can join them.
        ordered = sorted(entities, key=lambda e: (not keys[e.id].full, entities.index(e)))
        by_key: dict[str, int] = {}
        for e in ordered:
            k = keys[e.id]
            actor = self._resolve(e, k, local_full, by_key, day)
            by_key[f"{k.kind}:{k.key}:{int(k.full)}"] = actor
            out[e.id] = actor
            self._record(actor, e, article, day)
        return out

    def _resolve(
        self,
        e: Entity,
        k: NameKey,
        local_full: dict[str, set[str]],
        by_key: dict[str, int],
        day: str | None,
    ) -> int:
        if not k.key:
            return self._create(e.name, e.label, k, day)
        if k.kind == "person" and not k.full:
            same_doc = local_full.get(k.key, set())
            if len(same_doc) == 1:
                full_key = next(iter(same_doc))
                local = by_key.get(f"person:{full_key}:1")
                if local is not None:
                    return local
            if not same_doc:
                corpus = self._full_by_surname(k.key)
                if len(corpus) == 1:
                    return corpus[0]
            found = self._by_key(k)
            return found if found is not None else self._create(e.name, e.label, k, day)
        found = self._by_key(k)
        if found is not None:
            if k.kind == "other":
                self._prefer_long_form(found, e.name, k.key)
            return found
        actor = self._create(e.name, e.label, k, day)
        if k.kind == "person" and k.surname:
            self._absorb_surname_only(actor, k.surname)
        return actor

    def _prefer_long_form(self, actor: int, name: str, key: str) -> None:
        # "United States" names the actor better than "US" or "U.S.": the written-out form
        # (the one equal to the merge key) wins, whichever was seen first.
        def long_form(n: str) -> bool:
            norm = normalize(n)
            return (norm[4:] if norm.startswith("the ") else norm) == key

        current = self.conn.execute("SELECT name FROM actors WHERE id=?", (actor,)).fetchone()[0]
        if long_form(name) and not long_form(current):
            self.conn.execute("UPDATE actors SET name=? WHERE id=?", (name, actor))

    def _record(self, actor: int, e: Entity, article: int, day: str | None) -> None:
        c = self.conn
        c.execute(
            "INSERT OR IGNORE INTO actor_names(actor, name, norm) VALUES (?,?,?)",
            (actor, e.name, normalize(e.name)),
        )
        own = name_key(e.name, e.label)
        for m in e.mentions:
            # Only mentions that are this actor's name are aliases: "Blinken" and "Secretary of
            # State Antony Blinken" are; "he", "the top US diplomat" or a mention that swallowed
            # a neighbour ("Blinken and US President Joe Biden") are not.
            if m.text.casefold() in _PRONOUNS or m.text == e.name:
                continue
            k = name_key(m.text, e.label)
            words = set(normalize(m.text).split())
            if own.kind == "person" and not words <= TITLE_WORDS | set(normalize(e.name).split()):
                continue
            if k.key and (
                k.key == own.key or (own.surname and k.key == own.surname and not k.full)
            ):
                c.execute(
                    "INSERT OR IGNORE INTO actor_names(actor, name, norm) VALUES (?,?,?)",
                    (actor, m.text, normalize(m.text)),
                )
        for role in e.roles:
            c.execute(
                "INSERT OR IGNORE INTO actor_roles(actor, role, article, day) VALUES (?,?,?,?)",
                (actor, role, article, day),
            )
        if day:
            c.execute(
                """UPDATE actors SET
                           first_seen = CASE WHEN first_seen IS NULL OR ? < first_seen THEN ? ELSE first_seen END,
                           last_seen = CASE WHEN last_seen IS NULL OR ? > last_seen THEN ? ELSE last_seen END
                         WHERE id=?""",
                (day, day, day, day, actor),
            )

    def lookup(self, name: str, article: int | None = None) -> int | None:
        """An existing actor for a bare name (a quote speaker or a claim source); never creates one.

        The article's own entities are tried first, then the corpus (persons, then others).
        """
        norm = normalize(name)
        if not norm:
            return None
        if article is not None:
            row = self.conn.execute(
                """SELECT e.actor FROM entities e JOIN actor_names n ON n.actor = e.actor
                   WHERE e.article=? AND n.norm=? AND e.actor IS NOT NULL LIMIT 1""",
                (article, norm),
            ).fetchone()
            if row:
                return row[0]
        # Organisations and places first: a bare "Israel" is the country, not a Mr Israel.
        for label in ("ORG", PERSON):
            k = name_key(name, label)
            if k.kind == "person" and not k.full:
                corpus = self._full_by_surname(k.key)
                if len(corpus) == 1:
                    return corpus[0]
            found = self._by_key(k)
            if found is not None:
                return found
        return None


_PRONOUNS = frozenset(
    {"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "i", "we", "you"}
)
