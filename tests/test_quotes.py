"""Quotes and speakers: each construction on a small hand-written text, then the seed article."""

from __future__ import annotations

import json
import re

import pytest

from newsledger.analyze.quote_marks import find_quote_spans

pytestmark = pytest.mark.slow  # loads the spaCy model

_WORD = re.compile(r"\w+")


def _analyse(text: str):
    from newsledger.analyze.pipeline import run_analysis

    return run_analysis(text, language="en")


def _find(quotes, words: str):
    """The quote whose text contains ``words`` (whitespace-insensitive)."""
    want = " ".join(words.split())
    hits = [q for q in quotes if want in " ".join(q.text.split())]
    assert hits, f"no quote containing {words!r} in {[q.text for q in quotes]}"
    return hits[0]


def _check_offsets(text: str, quotes) -> None:
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        for part in q.text.split(" "):
            assert part in text[q.start : q.end]
        if q.cue is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.mention


# ----------------------------------------------------------- quotation marks ----
def test_marks_curly_straight_guillemets_and_ptb():
    text = "“A b,” he said. \"C d\" and « e f » and ``g h'' end"
    parts = [text[s:e] for q in find_quote_spans(text) for s, e in q.parts]
    assert parts == ["A b,", "C d", "e f", "g h"]


def test_marks_quote_running_over_paragraphs_is_one_span():
    text = "“First paragraph goes on\n\n“and the second ends it,” she said."
    spans = find_quote_spans(text)
    assert len(spans) == 1 and len(spans[0].parts) == 2


def test_marks_straight_block_quote_does_not_run_into_a_curly_quotation():
    # An excerpt pasted with a straight mark at its start: the next paragraph's curly
    # quotation is a quote of its own, not the excerpt's continuation.
    text = '"Excerpt that never closes.\n\n“It never crossed my mind,” she said.'
    spans = find_quote_spans(text)
    assert [text[s:e] for s, e in spans[-1].parts] == ["It never crossed my mind,"]
    assert not spans[0].closed


def test_marks_quotation_inside_a_quotation_in_the_same_marks():
    text = "“I’d rather live in what he calls “hell” than live there.” ― Adriana Rodarte"
    spans = find_quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].endswith("live there.”")


def test_marks_unbalanced_quotes_do_not_crash_and_stay_in_paragraph():
    text = "He said “this never closes\n\nA new paragraph with ” stray mark."
    spans = find_quote_spans(text)
    assert spans and all(q.end <= text.index("\n\n") for q in spans[:1])
    assert not spans[0].closed


def test_marks_apostrophes_are_not_quotes():
    text = "Israel’s army and the refugees’ camp were ‘humanitarian pauses’ here"
    parts = [text[s:e] for q in find_quote_spans(text) for s, e in q.parts]
    assert parts == ["humanitarian pauses"]


# --------------------------------------------------------------- constructions ----
def test_direct_quote_with_pronoun_speaker_resolved():
    text = (
        "UN aid chief Martin Griffiths spoke to reporters in Geneva on Friday.\n\n"
        "“We will not keep up with the needs of the people,” he said."
    )
    a = _analyse(text)
    q = _find(a.quotes, "We will not keep up")
    assert q.type.value == "direct"
    assert q.speaker.mention == "he" and q.speaker.name == "Martin Griffiths"
    assert q.speaker.entity is not None
    assert q.cue == "said"
    _check_offsets(text, a.quotes)


def test_quote_split_by_its_cue_is_one_quote():
    text = (
        "“The talks were useful and we made real progress today,” Maria Lopez said, "
        "“but a lot of work remains before any agreement can be signed.”"
    )
    a = _analyse(text)
    direct = [q for q in a.quotes if q.type.value == "direct"]
    assert len(direct) == 1
    q = direct[0]
    assert "real progress" in q.text and "lot of work remains" in q.text
    assert q.speaker.name == "Maria Lopez"


def test_inverted_cue_and_appositive_role():
    text = (
        "“Never have I been in a situation where we are starved of supplies,” said Tom "
        "White, director of the UN agency on Palestinian refugees."
    )
    a = _analyse(text)
    q = _find(a.quotes, "Never have I been")
    assert q.speaker.name == "Tom White"
    ent = next(e for e in a.entities if e.name == "Tom White")
    assert "director of the UN agency on Palestinian refugees" in ent.roles


def test_colon_attribution():
    text = (
        "Mayor John Carter said on Monday: “The bridge will reopen next week after the "
        "repairs are finished.”"
    )
    a = _analyse(text)
    q = _find(a.quotes, "The bridge will reopen")
    assert q.speaker.name == "John Carter"


def test_dash_attribution():
    text = "“Courage is grace under pressure and nothing less than that.” — Ernest Hemingway"
    a = _analyse(text)
    q = _find(a.quotes, "Courage is grace")
    assert q.speaker is not None and q.speaker.name == "Ernest Hemingway"


def test_multi_paragraph_quote_and_carried_speaker():
    text = (
        "Senator Anna Berg spoke at length about the budget on Tuesday.\n\n"
        "“We cannot keep spending money we do not have,” Berg said.\n\n"
        "“Every family in this state knows that you balance your books at the end of "
        "the month.”"
    )
    a = _analyse(text)
    q = _find(a.quotes, "Every family in this state")
    assert q.speaker is not None and q.speaker.name == "Anna Berg"


def test_quote_over_two_paragraphs_is_one_quote():
    text = (
        "“We will rebuild every school that was damaged,” Governor Ruth Adler said. “We "
        "have the people and the plans\n\n“and we now have the money to do it.”"
    )
    a = _analyse(text)
    q = _find(a.quotes, "we now have the money")
    assert "the people and the plans" in q.text
    assert q.speaker is not None and q.speaker.name == "Ruth Adler"
    _check_offsets(text, a.quotes)


def test_guillemets_and_straight_quotes():
    text = (
        "«The border will stay open for trade,» Foreign Minister Ivan Petrov said. "
        '"We do not want a new wall in Europe," Petrov added.'
    )
    a = _analyse(text)
    assert _find(a.quotes, "The border will stay open").speaker.name == "Ivan Petrov"
    assert _find(a.quotes, "We do not want a new wall").speaker.name == "Ivan Petrov"


def test_indirect_said_that_and_told():
    text = (
        "Finance Minister Lars Holm said that the government would cut taxes next year. "
        "Holm told reporters the deficit was under control."
    )
    a = _analyse(text)
    q = _find(a.quotes, "the government would cut taxes")
    assert q.type.value == "indirect" and q.speaker.name == "Lars Holm"
    q2 = _find(a.quotes, "the deficit was under control")
    assert q2.speaker.name == "Lars Holm" and q2.cue == "told"


def test_indirect_object_and_phrasal_cues():
    text = (
        "Prime Minister Sara Quint ruled out any early election until the budget passes. "
        "Quint rejected the idea of a coalition with the opposition. "
        "The opposition leader, Paul Ames, called for an inquiry into the contract."
    )
    a = _analyse(text)
    assert _find(a.quotes, "any early election").speaker.name == "Sara Quint"
    assert _find(a.quotes, "the idea of a coalition").speaker.name == "Sara Quint"
    assert _find(a.quotes, "an inquiry into the contract").speaker.name == "Paul Ames"


def test_according_to():
    text = "According to the health ministry, more than 300 people were injured in the storm."
    a = _analyse(text)
    q = _find(a.quotes, "more than 300 people were injured")
    assert q.speaker is not None and "health ministry" in q.speaker.name


def test_mixed_quote():
    text = (
        "Netanyahu rejected the idea of a “temporary truce” until Hamas releases all of "
        "the captives taken on October 7."
    )
    a = _analyse(text)
    q = _find(a.quotes, "temporary truce")
    assert q.type.value == "mixed"
    assert q.speaker.name == "Netanyahu"


def test_description_resolves_to_named_person():
    text = (
        "US Secretary of State Antony Blinken arrived in Israel on Friday.\n\n"
        "“A number of legitimate questions were raised in our discussions today,” the top "
        "US diplomat told journalists."
    )
    a = _analyse(text)
    q = _find(a.quotes, "legitimate questions")
    assert q.speaker.mention == "the top US diplomat"
    assert q.speaker.name == "Antony Blinken"
    ent = next(e for e in a.entities if e.name == "Antony Blinken")
    assert q.speaker.entity == ent.id
    assert any(m.text == "the top US diplomat" for m in ent.mentions)


def test_no_invented_speaker():
    text = "“This is the worst storm in living memory and we were not prepared,” she said."
    a = _analyse(text)
    q = _find(a.quotes, "worst storm")
    assert q.speaker is None or q.speaker.name is None


# ------------------------------------------------------------ candidate rules ----
def _candidates(text: str):
    """Quote candidates of the hand rules alone (lexicon cues, no trained filter)."""
    from newsledger.analyze.entities import build_entities
    from newsledger.analyze.nlp import parse
    from newsledger.analyze.quotes import QuoteContext, find_candidates

    doc = parse(text)
    return find_candidates(doc, build_entities(doc), QuoteContext(text))


def _content(text: str, cand) -> str:
    return " | ".join(text[s:e] for s, e in cand.parts)


def _cand_with(text: str, words: str):
    hits = [c for c in _candidates(text) if words in _content(text, c)]
    assert hits, f"no candidate containing {words!r}"
    return hits[0]


def test_quotes_around_a_whole_cue_sentence_are_one_quote():
    text = (
        "“The bridge is not safe,” said Ana Ruiz, who has led the council since 2019. "
        "“Nobody should drive over it.”"
    )
    c = _cand_with(text, "The bridge is not safe")
    assert "Nobody should drive over it." in _content(text, c)


def test_next_quote_with_its_own_cue_is_not_joined():
    text = "“The bridge is not safe,” said Ana Ruiz. “It is fine,” Tom Hale replied."
    c = _cand_with(text, "The bridge is not safe")
    assert "It is fine" not in _content(text, c)


def test_object_content_stops_before_place_and_time_modifiers():
    text = "Mayor Ana Ruiz described the plan as reckless in a statement on Tuesday."
    c = _cand_with(text, "the plan")
    assert _content(text, c) == "the plan as reckless"


def test_object_content_keeps_until_clause():
    text = "Mayor Ana Ruiz ruled out new taxes until the audit is finished."
    c = _cand_with(text, "new taxes")
    assert _content(text, c) == "new taxes until the audit is finished"


def test_complement_runs_on_over_a_reason_clause_hung_on_the_cue():
    text = (
        "Ruiz said that claim smacked of hypocrisy, because council members have been "
        "at the forefront of questioning the budget."
    )
    c = _cand_with(text, "that claim smacked")
    assert _content(text, c).endswith("questioning the budget")


def test_quotation_after_an_unquoted_complement_is_a_quote_of_its_own():
    text = (
        "Ruiz will probably use Monday's meeting to make some kind of news, Kall said: "
        '"I feel like she has got a surprise up her sleeve."'
    )
    c = _cand_with(text, "I feel like")
    assert c.type == "direct"
    assert "Kall said" not in _content(text, c)


def test_parenthetical_cue_content_stays_in_its_paragraph():
    text = (
        '"The storm is slow," she said. "It\'s a slow-moving issue that people don\'t '
        "experience and don't see.\"\n\nFlooding, Ms. Ruiz often says, is the greatest "
        "long-term threat facing the town."
    )
    para = text.index("Flooding")
    paren = [c for c in _candidates(text) if c.kind == "paren"]
    assert paren, "no parenthetical candidate"
    assert all(s >= para for c in paren for s, _ in c.parts)


def test_infinitive_content_runs_over_the_cue_verbs_infinitive_conjuncts():
    text = "The mayor promised to fix the roads, hire more teachers and cut fees."
    c = _cand_with(text, "to fix the roads")
    assert _content(text, c) == "to fix the roads, hire more teachers and cut fees"


def test_cue_inside_a_reported_clause_is_not_a_quote_of_its_own():
    text = "Mayor Ana Ruiz said she hoped the bridge would reopen in May."
    contents = [_content(text, c) for c in _candidates(text)]
    assert contents == ["she hoped the bridge would reopen in May"]
    # A named inner speaker makes a nested report of its own.
    text = "Mayor Ana Ruiz said Tom Hale promised to fix the roads."
    assert "to fix the roads" in [_content(text, c) for c in _candidates(text)]


@pytest.mark.parametrize(
    ("text", "words", "content"),
    [
        (  # a time clause
            "Mayor Ana Ruiz warned the states to boost their election security after "
            "hackers targeted data systems in two states.",
            "to boost",
            "to boost their election security",
        ),
        (  # a time phrase
            "The army has pledged to dismantle the armed group after a deadly attack on "
            "October 7 that killed hundreds of people.",
            "to dismantle",
            "to dismantle the armed group",
        ),
    ],
)
def test_infinitive_content_stops_before_a_closing_time_clause_or_phrase(text, words, content):
    assert _content(text, _cand_with(text, words)) == content


def test_trailing_relative_clause_is_not_content():
    text = "Mayor Ana Ruiz rejected the budget, which the council passed in May."
    c = _cand_with(text, "the budget")
    assert _content(text, c) == "the budget"


def _speaker(text: str, cand):
    from newsledger.analyze.coref import resolve_mention
    from newsledger.analyze.entities import build_entities
    from newsledger.analyze.nlp import parse
    from newsledger.analyze.quotes import QuoteContext

    doc = parse(text)
    subj = doc[[t.i for t in doc if t.idx == cand.subj.idx][0]]
    return resolve_mention(doc, subj, build_entities(doc), QuoteContext(text).in_quote)


def test_relative_pronoun_speaker_keeps_its_mention_and_takes_the_name():
    text = "The plan was opposed by Ana Ruiz, who said the council would vote against it."
    c = _cand_with(text, "the council would vote")
    sp = _speaker(text, c)
    assert sp.mention == "who" and sp.name == "Ana Ruiz"


def test_gerund_after_preposition_takes_the_clause_subject():
    text = "Mayor Ana Ruiz responded by saying the bridge was safe."
    c = _cand_with(text, "the bridge was safe")
    assert c.subj is not None and c.subj.text == "Ruiz"


def test_quote_paragraph_after_a_colon_cue():
    text = "Ana Ruiz said on Monday:\n\n“The bridge is safe and it will stay open all winter.”"
    c = _cand_with(text, "The bridge is safe")
    assert c.kind == "before" and c.subj is not None and c.subj.text == "Ruiz"


def test_dash_signature_glued_to_the_closing_mark():
    text = (
        "“The new bridge is a waste of money and nobody asked for it.”― Pamela Ortiz\n"
        "“We needed it for years and I am glad it is finally here.”― Carla Mendes"
    )
    c = _cand_with(text, "We needed it")
    assert c.kind == "dash" and c.subj is not None and c.subj.text == "Mendes"


def test_dash_signature_after_a_no_break_space():
    # Web copy puts a no-break space between the closing mark and the dash.
    text = (
        "“The new bridge is a waste of money and nobody asked for it.”\u00a0― Pamela Ortiz\n"
        "“We needed it for years and I am glad it is finally here.”\u00a0― Carla Mendes."
    )
    for words, surname in (("a waste of money", "Ortiz"), ("We needed it", "Mendes")):
        c = _cand_with(text, words)
        assert c.kind == "dash" and c.subj is not None and c.subj.text == surname


def test_a_time_parsed_as_subject_is_no_speaker():
    # A live-blog timestamp line before the report: the parser makes "p.m." the subject.
    text = (
        "2:40 p.m.\n\nDonald Trump’s campaign manager says he is “gratified” by a Florida "
        "prosecutor’s decision to drop a battery charge against him."
    )
    c = _cand_with(text, "gratified")
    assert c.subj is None or c.subj.ent_type_ not in ("DATE", "TIME")


def test_quotation_after_a_report_goes_on_with_its_speaker():
    text = (
        "Mayor Ana Ruiz said the council had made progress against the odds. "
        "“I really believe the bridge will be finished before the winter comes.”\n\n"
        "Tom Hale, the council leader, criticized the budget again.\n\n"
        "“Nobody has shown me where the money for the second lane will come from.”\n\n"
        "The storm closed the road on Monday. “It was a long night for all of us here.”"
    )
    c = _cand_with(text, "I really believe")
    assert c.kind == "follow" and c.subj is not None and c.subj.text == "Ruiz"
    c = _cand_with(text, "Nobody has shown me")
    assert c.kind == "follow_para" and c.subj is not None and c.subj.text == "Hale"
    # No report before it in its paragraph, and not opening the paragraph: no speaker.
    c = _cand_with(text, "a long night")
    assert c.kind == "orphan" and c.subj is None


def test_object_content_goes_on_over_a_comma_aside_to_its_as_phrase():
    text = (
        "He described Smith, whom he has known for years, as “volatile,” and left. "
        "The mayor criticized the plan, which was drafted in May, in a speech on Monday."
    )
    cands = _candidates(text)
    contents = {_content(text, c) for c in cands}
    assert any(x.startswith("Smith, whom he has known for years, as “volatile") for x in contents)
    # A place or time modifier after the aside is not what was said.
    assert "the plan" in contents


def test_inverted_cue_ignores_a_subject_parsed_inside_the_quote():
    text = "“One of the brightest members of the council,” said Mayor Ana Ruiz."
    c = _cand_with(text, "brightest members")
    assert c.subj is not None and c.subj.text == "Ruiz"


def test_trailing_appositive_contrast_clause_and_semicolon_are_not_content():
    text = (
        "Ana Ruiz said the council would hire Tom Hale, a former mayor of the city. "
        "Ruiz said the budget was balanced, although she refused to publish it. "
        "Ruiz said the audit was late; the auditors blamed the storm."
    )
    cands = _candidates(text)
    contents = {_content(text, c) for c in cands}
    assert "the council would hire Tom Hale" in contents
    assert "the budget was balanced" in contents
    assert "the audit was late" in contents


def test_conjunct_cue_in_a_subordinate_clause_shares_its_subject():
    text = (
        "Though Ana Ruiz criticised the budget and called for a new audit of the "
        "accounts, the council passed it."
    )
    c = _cand_with(text, "a new audit")
    assert c.subj is not None and c.subj.text == "Ruiz"


def test_quotation_belongs_to_the_cue_not_to_a_verb_inside_the_content():
    from newsledger.analyze.entities import build_entities
    from newsledger.analyze.nlp import parse
    from newsledger.analyze.quotes import QuoteContext, find_candidates

    text = (
        "The summit accomplished “very little for the workers,” Ana Ruiz added. "
        "“Nothing will change for them this year.”"
    )
    doc = parse(text)
    # Every verb may be a cue (as with a trained filter): "accomplished" must not take it.
    cands = find_candidates(doc, build_entities(doc), QuoteContext(text), is_cue=lambda _: True)
    c = next(c for c in cands if c.lemma == "add")
    assert c.quotes and "Nothing will change" in _content(text, c)
    assert c.subj is not None and c.subj.text == "Ruiz"


def test_name_and_colon_line_is_a_quote_of_that_name():
    text = (
        "Angela Merkel: Europe Must Stay Open to Refugees\n\n"
        "Editor's Note: this story was updated on Monday.\n\n"
        "The mayor spoke to reporters on Monday."
    )
    cands = [c for c in _candidates(text) if c.kind == "colon"]
    assert [_content(text, c) for c in cands] == ["Europe Must Stay Open to Refugees"]
    assert cands[0].subj.text == "Merkel"


def test_transcript_labels_in_a_quoted_excerpt_are_quotes_of_each_speaker():
    # A pasted transcript: each line opens with a straight mark and an upper-case label
    # that the parser does not know as a name; each line is that speaker's own quote.
    text = (
        "Partial transcript as follows:\n\n"
        '"WALLACE: Do you really see those two as equivalent, the two guests tonight?\n\n'
        '"PENCE: Well, look, you know, the truth is that the choice is enormously important.\n\n'
        '"WALLACE: We are almost out of time, governor, so one more question.\n\n'
        '"PENCE: Thank you for having me on the program this morning, Chris."'
    )
    cands = [c for c in _candidates(text) if c.kind == "colon"]
    got = [(c.subj.text, _content(text, c)) for c in cands]
    assert (
        "PENCE",
        "Well, look, you know, the truth is that the choice is enormously important",
    ) in got
    assert [speaker for speaker, _ in got] == ["WALLACE", "PENCE", "WALLACE", "PENCE"]


def test_single_upper_case_label_is_not_a_speaker():
    text = "UPDATE: The mayor spoke to reporters on Monday about the new budget."
    assert not [c for c in _candidates(text) if c.kind == "colon"]


def test_subject_inside_a_quotation_is_not_the_speaker():
    # The parse makes the show in quotation marks the subject of "said" and Flynn an
    # appositive: the speaker is the name right before the cue.
    text = (
        "“He's absolutely right. There's a severe disconnect between this White House and "
        "frankly the president and our military,” Flynn, a top Trump surrogate, said "
        "Thursday morning on Fox News’s “Fox and Friends.”"
    )
    c = _cand_with(text, "absolutely right")
    assert c.subj is not None and c.subj.text == "Flynn"


def test_inverted_cue_after_a_quotation_takes_the_noun_after_it():
    # `“...,” read one`: the parse makes "one" the object of the cue, which has no subject.
    from newsledger.analyze.nlp import parse
    from newsledger.analyze.quotes import _inverted_subject, _subject

    doc = parse("“America is great! Trump is disgusting,” read one. The other signs were blank.")
    cue = next(t for t in doc if t.text == "read")
    assert _subject(cue) is None
    assert _inverted_subject(cue).text == "one"
    # A cue that does not follow a quotation keeps no speaker.
    doc = parse("Officials read one statement aloud.")
    assert _inverted_subject(next(t for t in doc if t.text == "read")) is None


def test_according_to_stays_in_its_paragraph():
    text = (
        '"The number of households led by single mothers has doubled," she wrote\n\n'
        "About 9.9 million single mothers live in the United States, according to federal "
        "statistics."
    )
    c = next(c for c in _candidates(text) if c.kind == "according")
    assert _content(text, c) == "About 9.9 million single mothers live in the United States"


def test_a_line_break_starts_a_sentence():
    from newsledger.analyze.nlp import parse

    doc = parse('Caddell continued:\n\n"The health issue overall is very much a partisan issue."')
    starts = [s.start_char for s in doc.sents]
    assert doc.text.index('"The health') in starts


def test_a_trailing_clause_that_quotes_the_speaker_stays_in_the_content():
    text = (
        "She added that most of the black vote in Florida seems more anti-Trump than "
        "pro-Clinton, which is a problem because, “In the end, we don’t vote against somebody.”"
    )
    c = _cand_with(text, "most of the black vote")
    assert c.type == "mixed" and "we don’t vote against somebody" in _content(text, c)


def test_a_participle_clause_is_cut_even_when_it_holds_a_quotation():
    text = (
        "Netanyahu ruled out any temporary ceasefire in Gaza until Hamas releases its "
        "captives, pushing back against US pressure for “humanitarian pauses” to protect "
        "civilians."
    )
    c = _cand_with(text, "any temporary ceasefire")
    assert _content(text, c).endswith("releases its captives")
    assert c.type == "indirect"


def test_mixed_content_stops_at_its_quote_before_time_and_place():
    text = "Mayor Ana Ruiz criticised the budget as a “total disgrace” during a visit to the port."
    c = _cand_with(text, "total disgrace")
    assert c.type == "mixed"
    assert _content(text, c) == "the budget as a “total disgrace”"


def test_mixed_content_stops_before_a_time_phrase_hung_on_the_quoted_noun():
    text = "Clinton criticized the health law as a “crazy system” during a campaign stop in Flint."
    c = _cand_with(text, "crazy system")
    assert _content(text, c) == "the health law as a “crazy system”"


def test_name_head_of_a_misparsed_cue_clause():
    from newsledger.analyze.nlp import parse
    from newsledger.analyze.quotes import _name_head

    doc = parse("the Rep. Elijah Cummings (D-Md.) said")
    assert _name_head(list(doc)).text == "Cummings"
    assert _name_head(list(parse(", he said"))).text == "he"
    assert _name_head(list(parse("."))) is None


def test_timestamp_line_is_not_the_speaker():
    text = "12:15 p.m.\n\nAna Ruiz says the council has run out of money for the bridge."
    c = _cand_with(text, "run out of money")
    assert c.subj is not None and c.subj.text == "Ruiz"


# ------------------------------------------------------------------------ seed ----
QUOTE_OVERLAP = 0.5
_STOP = {"the", "a", "an", "of", "and", "unnamed", "s"}


def _words(s: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(s or "")}


def _seed_body(raw: str) -> str:
    i = raw.index("Israeli Prime Minister Benjamin Netanyahu has ruled out")
    marker = "since the fighting began."
    j = raw.index(marker, i) + len(marker)
    paras = [ln.strip() for ln in raw[i:j].split("\n") if ln.strip()]
    paras = [p for p in paras if not p.startswith("Met with @") and not p.startswith("\u2014 ")]
    return "\n\n".join(paras)


def test_seed_quotes_and_speakers(shared_data):
    seed = shared_data / "seed"
    if not (seed / "seed_gold.json").is_file():
        pytest.skip(f"seed data not found under {seed}")
    raw = (seed / "aljazeera_blinken_netanyahu_2023-11-03.txt").read_text(encoding="utf-8")
    gold = json.loads((seed / "seed_gold.json").read_text(encoding="utf-8"))
    body = _seed_body(raw)
    squashed = " ".join(body.split())
    wanted = [g for g in gold["quotes"] if " ".join(g["quote"].split()[:4]) in squashed]
    assert len(wanted) >= 15
    quotes = _analyse(body).quotes
    _check_offsets(body, quotes)
    ok: dict[str, list[bool]] = {}
    misses = []
    for g in wanted:
        gw = _words(g["quote"])
        best, best_j = None, 0.0
        for q in quotes:
            qw = _words(q.text)
            inter = len(gw & qw)
            if inter >= QUOTE_OVERLAP * len(gw) and inter >= QUOTE_OVERLAP * len(qw):
                j = inter / len(gw | qw)
                if j > best_j:
                    best, best_j = q, j
        right = bool(
            best
            and best.speaker
            and best.speaker.name
            and (_words(best.speaker.name) - _STOP) & (_words(g["speaker"]) - _STOP)
        )
        ok.setdefault(g["type"], []).append(right)
        if not right:
            misses.append((g["type"], g["speaker"], g["quote"][:50]))
    assert all(ok["direct"]), misses
    assert all(ok["mixed"]), misses
    assert sum(ok["indirect"]) >= 0.8 * len(ok["indirect"]), misses
    by_mention = {(q.speaker.mention, q.speaker.name) for q in quotes if q.speaker}
    assert ("the top US diplomat", "Antony Blinken") in by_mention
    assert ("he", "Martin Griffiths") in by_mention


def test_span_cover_answers_as_a_full_scan():
    import random

    from newsledger.analyze.quote_spans import SpanCover

    rng = random.Random(5)
    spans = []
    for _ in range(300):
        s = rng.randrange(0, 1000)
        spans.append((s, s + rng.randrange(0, 60)))
    spans += spans[:20]  # duplicates: a span is never its own container
    cover = SpanCover(spans)
    for _ in range(500):
        at = rng.randrange(0, 1100)
        assert cover.covers(at) == any(s <= at < e for s, e in spans)
    for q in [*spans[:100], *((a, a + rng.randrange(0, 30)) for a in range(0, 1000, 7))]:
        want = any(s <= q[0] and q[1] <= e and (s, e) != q for s, e in spans)
        assert cover.contains(*q) == want
    assert not SpanCover([]).covers(0) and not SpanCover([]).contains(0, 1)
