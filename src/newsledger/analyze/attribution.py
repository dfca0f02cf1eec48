"""From quote candidates to :class:`~newsledger.model.Quote` objects with resolved speakers."""

from __future__ import annotations

from collections.abc import Callable

from newsledger.analyze import quote_model
from newsledger.analyze.coref import resolve_mention
from newsledger.analyze.cues import OBJECT_VERBS, PARTICLE_CUES, SPEECH_VERBS
from newsledger.analyze.entities import EntityIndex
from newsledger.analyze.nlp import doc_text
from newsledger.analyze.quote_spans import SpanCover
from newsledger.analyze.quotes import Candidate, QuoteContext, find_candidates
from newsledger.model import Quote, QuoteType, Speaker

__all__ = ["attribute", "dedupe", "extract_quotes", "resolve_speakers", "select", "to_quote"]

# Candidate kinds the rules alone decide: precise patterns too rare in the training
# data for the model to have learnt them ("“...” — Jane Doe", "Netanyahu: “...”").
RULE_KINDS = frozenset({"dash", "colon"})
# A rule-backed indirect candidate (lexicon cue, named speaker) is kept from this model
# score on, below the model's own threshold (PolNeAR annotates fewer such cues than news
# readers expect: "pledged to dismantle", "called for steps").  On PolNeAR dev most of
# those kept below 0.3 match no annotated quote (dev quoted attribution F1 0.802 at 0.25,
# 0.804 at 0.3, 0.808 at 0.4); the seed article's "instructed ... to move south" and
# "has said killed more than 1,400 people" score 0.33 and 0.36, so 0.3 keeps them.
RULE_BACKED_MIN_SCORE = 0.3
# Trailing characters trimmed from a direct quote's text ("... advantage," he said).
_TRAIL = " ,;:\u2014\u2013-"


def attribute(doc, index: EntityIndex) -> list[Candidate]:
    """Quote candidates of ``doc`` with speakers resolved, filtered and de-duplicated."""
    qctx = QuoteContext(doc_text(doc))
    model = quote_model.load()
    cands = find_candidates(doc, index, qctx, is_cue=model.is_cue if model else None)
    resolve_speakers(doc, cands, index, qctx)
    if model is not None:
        near = quote_model.Neighbours(cands)
        for cand in cands:
            cand.score = model.score(doc, cand, qctx, near)
    cands = select(cands, model.keep if model is not None else None)
    for cand in cands:
        sp = cand.speaker
        if (
            sp is not None
            and sp.actor is not None
            and cand.carry_from is None
            and not any(a is sp.actor for _, _, a in index.mentions_in(sp.start, sp.end))
        ):
            # A pronoun or description that refers to the actor is a mention of it.
            index.add_mention(sp.actor, sp.start, sp.end)
    return cands


def resolve_speakers(doc, cands: list[Candidate], index: EntityIndex, qctx: QuoteContext) -> None:
    """Fill each candidate's speaker: the carried-over one, else its subject resolved."""
    for cand in cands:
        if cand.carry_from is not None:
            cand.speaker = cand.carry_from.speaker
        elif cand.subj is not None:
            cand.speaker = resolve_mention(doc, cand.subj, index, qctx.in_quote)


def select(cands: list[Candidate], keep: Callable[[Candidate], bool] | None) -> list[Candidate]:
    """The scored candidates ``attribute`` keeps: rule kinds, those ``keep`` accepts (all
    when ``keep`` is None) and rule-backed ones, de-duplicated, nested ones dropped."""
    if keep is not None:
        cands = [c for c in cands if c.kind in RULE_KINDS or keep(c) or _rule_backed(c)]
    return _drop_nested(dedupe(cands))


def _rule_backed(c: Candidate) -> bool:
    """An indirect quote the hand rules vouch for: a lexicon cue with an infinitive or
    phrasal content ("pledged to ...", "called for ...") and a named speaker; the
    model's doubt is allowed a margin."""
    if c.type != "indirect" or c.speaker is None or c.speaker.name is None:
        return False
    lexicon = c.lemma in SPEECH_VERBS or c.lemma in OBJECT_VERBS or c.lemma in PARTICLE_CUES
    fits = c.kind in ("xcomp", "particle")
    return lexicon and fits and c.score >= RULE_BACKED_MIN_SCORE


def dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Drop a candidate whose content is the same as a better one's."""
    out: list[Candidate] = []
    seen: dict[tuple[int, int], int] = {}  # content span -> its place in ``out``
    for c in cands:
        key = (c.start, c.end)
        at = seen.get(key)
        if at is None:
            seen[key] = len(out)
            out.append(c)
        elif c.score > out[at].score:
            out[at] = c
    return out


def _drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """Drop an indirect candidate with no named speaker lying inside another quote's
    content ("said that *it wants to* ..."): PolNeAR counts the outer report, and
    such an inner one is mostly a verb of the reported clause.  A named inner
    speaker is kept (nested attributions exist: "X said the military, which
    *pledged to dismantle Hamas*, ...")."""
    cover = SpanCover((c.start, c.end) for c in cands)
    out = []
    for c in cands:
        named = c.speaker is not None and c.speaker.name is not None
        if not (c.type == "indirect" and not named and cover.contains(c.start, c.end)):
            out.append(c)
    return out


def to_quote(text: str, cand: Candidate) -> Quote:
    """The public model of one candidate."""
    parts = [(s, e) for s, e in cand.parts]
    if cand.type == "direct":
        trimmed = []
        for s, e in parts:
            while e > s and text[e - 1] in _TRAIL:
                e -= 1
            trimmed.append((s, e))
        parts = [p for p in trimmed if p[1] > p[0]] or parts
    # A quote split by its cue is one quote: its text joins the quoted parts.
    qtext = " ".join(text[s:e] for s, e in parts)
    speaker = None
    sp = cand.speaker
    if sp is not None:
        speaker = Speaker(
            name=sp.name,
            mention=sp.mention,
            start=sp.start,
            end=sp.end,
            entity=sp.actor.id if sp.actor is not None else None,
        )
    cue = cue_start = cue_end = None
    if cand.cue is not None:
        cue_start, cue_end = cand.cue
        cue = text[cue_start:cue_end]
    return Quote(
        text=qtext,
        start=parts[0][0],
        end=parts[-1][1],
        type=QuoteType(cand.type),
        cue=cue,
        cue_start=cue_start,
        cue_end=cue_end,
        speaker=speaker,
    )


def extract_quotes(doc, index: EntityIndex) -> list[Quote]:
    """All quotes of a parsed text, in text order."""
    return [to_quote(doc_text(doc), c) for c in attribute(doc, index)]
