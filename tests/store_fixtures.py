"""Hand-built articles for the ledger tests (no extraction or analysis needed)."""

from __future__ import annotations

import re
from pathlib import Path

from newsledger.model import (
    Article,
    Claim,
    DocumentKind,
    Entity,
    Mention,
    Origin,
    Quote,
    QuoteType,
    Source,
    Speaker,
    paragraphs_of,
)
from newsledger.sources.document import RawDocument


def shared_data() -> Path | None:
    """The shared evaluation data folder, or None when it is not beside the repository."""
    import os

    env = os.environ.get("NEWSLEDGER_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"
    return path if path.is_dir() else None


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    i = text.index(needle, after)
    return i, i + len(needle)


def entity(
    eid: str, name: str, label: str, text: str, surfaces: list[str], roles: list[str] = ()
) -> Entity:
    mentions = []
    for s in surfaces:
        for m in re.finditer(re.escape(s), text):
            mentions.append(Mention(text=s, start=m.start(), end=m.end()))
    mentions.sort(key=lambda m: m.start)
    return Entity(id=eid, name=name, label=label, roles=list(roles), mentions=mentions)


def quote(
    text: str,
    said: str,
    speaker_name: str | None,
    mention: str,
    entity_id: str | None,
    qtype: QuoteType = QuoteType.DIRECT,
    cue: str = "said",
) -> Quote:
    s, e = _span(text, said)
    ms, me = _span(text, mention)
    return Quote(
        text=said,
        start=s,
        end=e,
        type=qtype,
        cue=cue,
        speaker=Speaker(name=speaker_name, mention=mention, start=ms, end=me, entity=entity_id),
    )


def claim(
    text: str,
    phrase: str,
    value: float,
    what: str,
    source: str | None,
    place: str | None = None,
    qualifier: str | None = None,
) -> Claim:
    s, e = _span(text, phrase)
    return Claim(
        text=phrase,
        start=s,
        end=e,
        value=value,
        qualifier=qualifier,
        what=what,
        source=source,
        place=place,
    )


def make(
    text: str,
    *,
    title: str,
    published: str | None = "2023-11-03",
    site: str = "Example News",
    url: str | None = None,
    section: str | None = None,
    entities=(),
    quotes=(),
    claims=(),
    salt: str = "",
) -> tuple[RawDocument, Article]:
    """A raw document (its bytes: title + text + salt) and the article 'extracted' from it."""
    raw = RawDocument(
        data=f"{title}\n\n{text}\n{salt}".encode(),
        kind=DocumentKind.TEXT,
        path=f"/corpus/{abs(hash((title, text, salt)))}.txt",
        url=url,
    )
    art = Article(
        id=raw.id,
        source=Source(path=raw.path, url=url, kind=DocumentKind.TEXT),
        url=url,
        site_name=site,
        language="en",
        title=title,
        published=published,
        section=section,
        text=text,
        paragraphs=paragraphs_of(text),
        provenance={"title": Origin.TEXT_RULE},
        entities=list(entities),
        quotes=list(quotes),
        claims=list(claims),
    )
    return raw, art


SEED_TEXT = (
    "Israeli Prime Minister Benjamin Netanyahu has ruled out any temporary ceasefire in Gaza until Hamas "
    "releases its more than 240 captives, pushing back against US pressure for humanitarian pauses.\n\n"
    "US Secretary of State Antony Blinken arrived in Israel on Friday to call for steps to protect "
    "civilians and allow greater aid into Gaza.\n\n"
    "\u201cWe believe that each of these efforts would be facilitated by humanitarian pauses,\u201d "
    "the top US diplomat told reporters in Tel Aviv.\n\n"
    "Netanyahu said: \u201cIsrael refuses a temporary ceasefire which does not include the release of "
    "our hostages.\u201d\n\n"
    "Israel says Hamas killed more than 1,400 people in its October 7 attack. Palestinian authorities "
    "say more than 9,227 people have been killed in Gaza since then.\n\n"
    "Blinken emphasised US support for Israel."
)


def seed_article(salt: str = "", published: str = "2023-11-03") -> tuple[RawDocument, Article]:
    """A small hand-analysed version of the seed story (Blinken, Netanyahu, two death tolls)."""
    t = SEED_TEXT
    ents = [
        entity(
            "e1",
            "Benjamin Netanyahu",
            "PERSON",
            t,
            ["Benjamin Netanyahu", "Netanyahu"],
            ["Israeli Prime Minister"],
        ),
        entity(
            "e2",
            "Antony Blinken",
            "PERSON",
            t,
            ["Antony Blinken", "Blinken", "the top US diplomat"],
            ["US Secretary of State"],
        ),
        entity("e3", "Israel", "GPE", t, ["Israel"]),
        entity("e4", "Palestinian authorities", "ORG", t, ["Palestinian authorities"]),
    ]
    qs = [
        quote(
            t,
            "We believe that each of these efforts would be facilitated by humanitarian pauses",
            "Antony Blinken",
            "the top US diplomat",
            "e2",
            cue="told",
        ),
        quote(
            t,
            "Israel refuses a temporary ceasefire which does not include the release of our hostages",
            "Benjamin Netanyahu",
            "Netanyahu said",
            "e1",
        ),
        quote(
            t,
            "US support for Israel",
            "Antony Blinken",
            "Blinken emphasised",
            "e2",
            qtype=QuoteType.INDIRECT,
            cue="emphasised",
        ),
    ]
    cs = [
        claim(t, "more than 1,400 people", 1400, "people killed", "Israel", "Israel", "more than"),
        claim(
            t,
            "more than 9,227 people",
            9227,
            "people killed",
            "Palestinian authorities",
            "Gaza",
            "more than",
        ),
        claim(t, "more than 240 captives", 240, "captives", None, "Gaza", "more than"),
    ]
    return make(
        t,
        title="Netanyahu resists pressure for \u2018humanitarian pauses\u2019 after Blinken meeting",
        published=published,
        site="Al Jazeera",
        section="Israel-Palestine conflict",
        url="https://www.aljazeera.com/news/2023/11/3/netanyahu",
        entities=ents,
        quotes=qs,
        claims=cs,
        salt=salt,
    )
