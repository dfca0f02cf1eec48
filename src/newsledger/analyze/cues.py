"""Attribution cues: the reporting-verb lexicon (kept as data) and cue lookup.

A *cue* is the word or phrase that ties a speaker to what is reported:
"said", "told", "warned", "according to", "called for", "ruled out".  The
lexicon below lists verb lemmas by how they take their content; the spaCy
pipeline runs without a lemmatizer (speed), so :func:`verb_lemma` maps an
inflected form back to a lexicon lemma with an irregular-form table and
suffix rules.
"""

from __future__ import annotations

__all__ = [
    "word_set",
    "SPEECH_VERBS",
    "OBJECT_VERBS",
    "PARTICLE_CUES",
    "NOUN_CUES",
    "PERSON_ROLE_NOUNS",
    "is_cue_lemma",
    "verb_lemma",
]


def word_set(block: str) -> frozenset[str]:
    """The whitespace-separated words of a lexicon block."""
    return frozenset(block.split())


# Verbs of saying that take a clause ("said that ...", "warned ...", "“...,” he added").
SPEECH_VERBS: frozenset[str] = word_set("""
    say tell add warn claim state argue explain insist note acknowledge admit announce
    assert write tweet declare report reply respond answer confirm deny suggest
    predict promise pledge vow threaten urge stress emphasise emphasize recall concede
    complain contend maintain observe remark reveal reiterate repeat allege testify
    estimate caution counter agree disagree indicate signal hint joke quip lament
    mention comment describe ask demand recommend propose conclude charge accuse
    acknowledge boast brag believe think feel expect hope fear worry know say
    predict declare tout order instruct advise remind assure inform recount shout
    write post blog speculate wonder question tell proclaim swear
    criticize criticise slam blast praise defend reject dismiss rule call
    """)

# Verbs whose reported content can be a plain object ("rejected the idea of ...",
# "emphasised US support for Israel", "denied the allegations").
OBJECT_VERBS: frozenset[str] = word_set("""
    reject deny emphasise emphasize stress dismiss welcome criticise criticize condemn
    demand announce promise pledge vow propose reiterate acknowledge admit confirm
    praise defend oppose support endorse question dispute blame describe call label
    brand dub laud blast slam hail accuse mock decry deride tout characterize
    characterise
    """)

# Phrasal cues: verb lemma -> particles/prepositions that make it a cue with the
# object as content ("called for steps", "ruled out a ceasefire", "warned of a catastrophe").
PARTICLE_CUES: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "ask": frozenset({"for"}),
    "rule": frozenset({"out"}),
    "warn": frozenset({"of", "against", "about"}),
    "push": frozenset({"for"}),
    "point": frozenset({"out"}),
    "press": frozenset({"for"}),
    "appeal": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
    "speak": frozenset({"of", "about", "out"}),
    "talk": frozenset({"about"}),
    "insist": frozenset({"on"}),
}

# Nouns that head an attribution ("according to", "in a statement", "his claim that").
NOUN_CUES: frozenset[str] = word_set("""
    statement claim claims remarks comments announcement warning assertion belief
    view argument promise pledge accusation allegation denial admission testimony
    """)

# Role nouns that a definite description of a person ends in ("the top US diplomat",
# "the minister", "the spokeswoman"): such a description may refer back to a named person.
PERSON_ROLE_NOUNS: frozenset[str] = word_set("""
    diplomat minister president secretary spokesman spokeswoman spokesperson official
    chief leader envoy ambassador senator governor mayor chancellor premier general
    commander candidate nominee director chairman chairwoman chair head adviser advisor
    aide negotiator representative congressman congresswoman lawmaker politician
    billionaire businessman executive ceo founder prosecutor judge lawyer attorney
    king queen prince monarch pope cleric activist campaigner economist analyst
    """)

# Irregular past / participle forms of the lexicon verbs.
_IRREGULAR: dict[str, str] = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "spoke": "speak",
    "spoken": "speak",
    "swore": "swear",
    "sworn": "swear",
    "held": "hold",
    "found": "find",
    "saw": "see",
    "seen": "see",
    "taught": "teach",
    "meant": "mean",
    "made": "make",
}

_ALL_VERBS = SPEECH_VERBS | OBJECT_VERBS | frozenset(PARTICLE_CUES)


def verb_lemma(form: str) -> str:
    """Best-effort lemma of an English verb form, exact for lexicon verbs.

    Suffix rules are tried in turn and the first candidate that is a lexicon verb
    wins; otherwise the cheapest plausible stem is returned (used only as a
    feature, so an imperfect stem for a non-cue verb is harmless).
    """
    w = form.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _ALL_VERBS:
        return w
    cands: list[str] = []
    if w.endswith("ies"):
        cands.append(w[:-3] + "y")
    if w.endswith("ied"):
        cands.append(w[:-3] + "y")
    if w.endswith("es"):
        cands += [w[:-2], w[:-1]]
    elif w.endswith("s"):
        cands.append(w[:-1])
    if w.endswith("ed"):
        cands += [w[:-2], w[:-1]]
        if len(w) > 4 and w[-3] == w[-4]:
            cands.append(w[:-3])
    if w.endswith("ing"):
        cands += [w[:-3], w[:-3] + "e"]
        if len(w) > 5 and w[-4] == w[-5]:
            cands.append(w[:-4])
    for c in cands:
        if c in _ALL_VERBS:
            return c
    return cands[0] if cands else w


def is_cue_lemma(lemma: str) -> bool:
    """True for a lemma in the speech/object verb lexicon."""
    return lemma in SPEECH_VERBS or lemma in OBJECT_VERBS
