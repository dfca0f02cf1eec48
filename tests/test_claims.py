"""Claims: reported counts and amounts with qualifier, what is counted, source and place."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.model import Claim, Quote, QuoteType, Speaker

pytestmark = pytest.mark.slow

SEED_FIRST = "Israeli Prime Minister Benjamin Netanyahu has ruled out"
SEED_LAST = "since the fighting began."


@pytest.fixture(scope="module")
def nlp():
    """The analysis pipeline's own spaCy model (same components switched off)."""
    pytest.importorskip("spacy")
    from newsledger.analyze.nlp import get_nlp
    from newsledger.errors import AnalysisError

    try:
        return get_nlp()
    except AnalysisError as exc:
        pytest.skip(str(exc))


def claims_of(nlp, text: str, quotes: list[Quote] | None = None) -> list[Claim]:
    from newsledger.analyze.claims import extract_claims

    doc = nlp(text)
    found = extract_claims(doc, quotes or [], [])
    for c in found:
        assert text[c.start : c.end] == c.text  # offsets are the contract
    return found


def one(claims: list[Claim], value: float) -> Claim:
    hits = [c for c in claims if c.value == value]
    assert len(hits) == 1, (value, claims)
    return hits[0]


# ---------------------------------------------------------------- the seed article


def seed_text(path: Path) -> str:
    """Body of the seed scrape: from its first to its last body sentence, tweet lines out."""
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if SEED_FIRST in line)
    last = next(i for i, line in enumerate(lines) if line.rstrip().endswith(SEED_LAST))
    paras = []
    for line in lines[first : last + 1]:
        line = line.strip()
        if not line or "pic.twitter.com" in line or line.startswith("—"):
            continue
        paras.append(line)
    paras[0] = paras[0][paras[0].index(SEED_FIRST) :]
    return "\n\n".join(paras)


@pytest.fixture(scope="module")
def seed(shared_data: Path, nlp) -> tuple[str, list[Claim], dict]:
    folder = shared_data / "seed"
    scrape = folder / "aljazeera_blinken_netanyahu_2023-11-03.txt"
    if not scrape.is_file():
        pytest.skip(f"seed article not found in {folder}")
    text = seed_text(scrape)
    gold = json.loads((folder / "seed_gold.json").read_text(encoding="utf-8"))
    return text, claims_of(nlp, text), gold


def test_seed_headline_figures(seed) -> None:
    _, claims, _ = seed
    c = one(claims, 9227)
    assert (c.text, c.qualifier, c.source, c.place) == (
        "more than 9,227 people",
        "more than",
        "Palestinian authorities",
        "Gaza",
    )
    assert "killed" in c.what
    c = one(claims, 1400)
    assert (c.qualifier, c.source) == ("more than", "Israel")
    assert "killed" in c.what
    c = one(claims, 2_300_000)
    assert (c.qualifier, c.what, c.source) == ("more than", "residents", None)
    c = one(claims, 132)
    assert c.qualifier is None
    assert c.what == "palestinians killed by israeli soldiers and settlers"
    assert c.source is None  # the reporter's own background, not Blinken's words
    assert "West Bank" in c.place


def test_seed_captives_counted_twice(seed) -> None:
    _, claims, _ = seed
    captives = [c for c in claims if c.value == 240]
    assert len(captives) == 2
    assert all(c.qualifier == "more than" for c in captives)
    assert any("captives" in c.what for c in captives)
    assert any("captive" in c.what and c.what.startswith("people") for c in captives)


def test_seed_range_gives_two_claims(seed) -> None:
    _, claims, _ = seed
    bread = [c for c in claims if c.text == "one or two pieces of bread"]
    assert [(c.value, c.qualifier) for c in bread] == [(1, "at least"), (2, "up to")]
    assert all("bread" in c.what and c.source == "Tom White" for c in bread)


def test_seed_no_dates_or_page_furniture(seed) -> None:
    text, claims, _ = seed
    assert "October 7" in text and "list 1 of 3" in text
    assert all("October" not in c.text and "November" not in c.text for c in claims)
    assert all(c.value not in (3, 7) for c in claims)


def test_seed_matches_gold(seed) -> None:
    """Every gold claim is found with its value, qualifier, source and place."""
    _, claims, gold = seed
    got = {(c.text, c.value, c.qualifier) for c in claims}
    for g in gold["claims"]:
        assert (g["text"], g["value"], g["qualifier"]) in got, g
        match = next(c for c in claims if (c.text, c.value) == (g["text"], g["value"]))
        assert match.source == g["source"], (g, match)
        assert match.place and match.place in g["place"], (g, match)
    assert len(claims) == len(gold["claims"])  # and nothing else


def test_seed_through_the_whole_analysis(seed) -> None:
    """With the quote stage's quotes: paraphrases around background figures claim nothing."""
    from newsledger.analyze import analyze_text

    text, _, gold = seed
    analysis = analyze_text(text, language="en")
    for g in gold["claims"]:
        match = [
            c
            for c in analysis.claims
            if (c.text, c.value, c.qualifier) == (g["text"], g["value"], g["qualifier"])
        ]
        assert match, g
        assert match[0].source == g["source"], (g, match[0])
        assert match[0].place and match[0].place in g["place"], (g, match[0])
    for c in analysis.claims:
        if c.quote is not None:
            q = analysis.quotes[c.quote]
            assert q.start <= c.start and c.end <= q.end


# ---------------------------------------------------------------- kinds of figures


def test_percentages(nlp) -> None:
    claims = claims_of(
        nlp, "Support fell to 12% while 45 percent of voters backed the plan, up 3.5 per cent."
    )
    assert [(c.value, c.unit) for c in claims] == [(12, "%"), (45, "%"), (3.5, "%")]
    assert one(claims, 45).what == "voters"


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The government pledged $1.5bn in aid to the region.", 1.5e9, "USD"),
        ("The EU approved €3.4 billion for reconstruction.", 3.4e9, "EUR"),
        ("The council spent £200m on new schools.", 2e8, "GBP"),
        ("Tokyo will pay ¥20,000 to every household.", 20_000, "JPY"),
        ("The fund received 5 million yuan in donations.", 5e6, "CNY"),
        ("Investors lost US$4.2 billion in a week.", 4.2e9, "USD"),
    ],
)
def test_money(nlp, sentence: str, value: float, unit: str) -> None:
    claims = claims_of(nlp, sentence)
    assert [(c.value, c.unit) for c in claims] == [(pytest.approx(value), unit)]


def test_money_what_from_of(nlp) -> None:
    c = one(claims_of(nlp, "The company reported revenue of $4.2 billion last year."), 4.2e9)
    assert c.what == "revenue"


@pytest.mark.parametrize(
    ("sentence", "low", "high", "text"),
    [
        ("Between 10 and 20 people died in the floods.", 10, 20, "Between 10 and 20 people"),
        ("Officials said 10-20 homes were destroyed.", 10, 20, "10-20 homes"),
        ("The storm damaged 30–40 boats overnight.", 30, 40, "30–40 boats"),
        ("Two or three soldiers were wounded.", 2, 3, "Two or three soldiers"),
        ("The army lost 10-15 soldiers in the battle.", 10, 15, "10-15 soldiers"),
        ("Plants ranging from 30 to 600 workers were visited.", 30, 600, "30 to 600 workers"),
        ("The repairs will cost $10-20 million, officials said.", 10e6, 20e6, "$10-20 million"),
    ],
)
def test_ranges(nlp, sentence: str, low: float, high: float, text: str) -> None:
    claims = claims_of(nlp, sentence)
    assert [(c.value, c.qualifier, c.text) for c in claims] == [
        (low, "at least", text),
        (high, "up to", text),
    ]


def test_vague_counts_are_lower_bounds(nlp) -> None:
    claims = claims_of(
        nlp,
        "Dozens of people were injured, hundreds of homes were damaged and tens of "
        "thousands of residents fled the city.",
    )
    assert [(c.value, c.qualifier) for c in claims] == [
        (12, "at least"),
        (100, "at least"),
        (10_000, "at least"),
    ]
    assert claims[0].what == "people injured"
    assert claims[2].text == "tens of thousands of residents"


@pytest.mark.parametrize(
    "sentence",
    [
        "A 45-year-old man was arrested on Friday.",
        "The suspect, aged 45, was arrested.",
        "John Smith, 45, was arrested.",
        "The talks lasted three days and the truce two weeks.",
        "The attack happened on October 7, 2023 at 7:30.",
        "The meeting is on 3 November at 3pm.",
        "Arsenal won 3-1 in the final.",
        "Chelsea lost 1-3 at home on Sunday.",
        "It was one of the worst attacks in years.",
        "See page 5 and Resolution 2334.",
        "She lives at 10 Downing Street.",
        "Call +44 20 7946 0958 for details.",
        "He came first and she finished 2nd in 2021.",
        "The F-16 and COVID-19 were discussed.",
    ],
)
def test_not_claims(nlp, sentence: str) -> None:
    assert claims_of(nlp, sentence) == []


def test_qualifiers_after_the_figure(nlp) -> None:
    claims = claims_of(nlp, "Officials said 300 or more people fled and 500-plus homes burned.")
    assert [(c.value, c.qualifier) for c in claims] == [(300, "at least"), (500, "more than")]
    assert claims[0].text == "300 or more people"


def test_changes_are_not_ranges(nlp) -> None:
    claims = claims_of(nlp, "U.S. crude fell 3.4% to $55.12 a barrel.")
    assert [(c.value, c.unit, c.qualifier) for c in claims] == [
        (3.4, "%", None),
        (55.12, "USD", None),
    ]
    claims = claims_of(nlp, "Unemployment rose from 4% to 5% in a year.")
    assert [(c.value, c.qualifier) for c in claims] == [(4, None), (5, None)]


def test_qualifiers_are_normalised(nlp) -> None:
    claims = claims_of(
        nlp,
        "Nearly 300 people were hurt, some 40 were arrested, as many as 2,000 fled, "
        "fewer than 50 returned, roughly 70 died and over 100 were rescued.",
    )
    assert [c.qualifier for c in claims] == [
        "nearly",
        "about",
        "up to",
        "fewer than",
        "about",
        "more than",
    ]


@pytest.mark.parametrize(
    ("sentence", "value", "what"),
    [
        ("An airstrike hit the camp, killing at least 20 people.", 20, "people killed"),
        (
            "Some 1,200 people have been displaced by the floods.",
            1200,
            "people displaced by floods",
        ),
        ("Police arrested 15 people after the protest.", 15, "people arrested"),
        ("The company laid off 200 workers last month.", 200, "workers laid off"),
        ("At least 12 people died when the bus crashed.", 12, "people died"),
        ("They said 40 people were missing.", 40, "people missing"),
        ("Unemployment fell to 3.9% in March.", 3.9, "unemployment"),
        ("The death toll has risen to 300.", 300, "death toll"),
        ("Congress passed a $2 trillion stimulus package.", 2e12, "stimulus package"),
        ("The EU delivered 3 million doses of vaccine to Ghana.", 3e6, "doses of vaccine"),
    ],
)
def test_what_is_counted(nlp, sentence: str, value: float, what: str) -> None:
    assert one(claims_of(nlp, sentence), value).what == what


def test_codes_and_weights(nlp) -> None:
    claims = claims_of(
        nlp, "The Boeing 787-9 carries up to 290 passengers and 5,200 pounds of cargo."
    )
    assert [(c.value, c.unit) for c in claims] == [(290, None), (5200, "lb")]


# ---------------------------------------------------------------- sources


def test_according_to(nlp) -> None:
    c = one(
        claims_of(
            nlp, "According to the health ministry, at least 300 people were killed in Gaza."
        ),
        300,
    )
    assert (c.source, c.qualifier, c.what, c.place) == (
        "health ministry",
        "at least",
        "people killed",
        "Gaza",
    )


def test_reporting_verb_after_clause(nlp) -> None:
    c = one(claims_of(nlp, "About 5,000 protesters gathered in Paris, police said."), 5000)
    assert (c.source, c.qualifier, c.place) == ("police", "about", "Paris")


@pytest.mark.parametrize(
    ("sentence", "value", "source"),
    [
        ("In a statement, the WHO said that 1,000 cases had been confirmed.", 1000, "WHO"),
        ("Officials put the death toll at 45.", 45, "Officials"),
        ("Hamas took about 240 hostages, Israeli officials said.", 240, "Israeli officials"),
        ("The UN says 1.5 million people need aid in Somalia.", 1.5e6, "UN"),
        ("They said 40 people were missing.", 40, None),  # an unresolved "they" names nobody
        ("The health ministry reported 300 deaths on Monday.", 300, "health ministry"),
        # the figure is the subject:
        ("44 percent of Americans say they want an inquiry.", 44, None),
        # "add" with an object is no report:
        ("The stock added more than 2% on Monday.", 2, None),
        # a passive without an agent names nobody:
        ("A case was reported after two people were diagnosed.", 2, None),
        ("Some 300 deaths were reported by the health ministry.", 300, "health ministry"),
    ],
)
def test_reporting_verbs(nlp, sentence: str, value: float, source: str | None) -> None:
    assert one(claims_of(nlp, sentence), value).source == source


def test_colon_attributions(nlp) -> None:
    c = one(claims_of(nlp, "Health ministry: 300 dead in strikes on Khan Younis."), 300)
    assert c.source == "Health ministry"
    assert c.text == "300 dead"
    c = one(
        claims_of(nlp, "The ministry said in a statement: More than 50 people were wounded."), 50
    )
    assert c.source == "ministry"
    # A list heading is no source.
    c = one(claims_of(nlp, "Portion Fix Containers: 2 Green, 3 Red and 4 Yellow containers."), 2)
    assert c.source is None


def test_dateline_is_a_place_not_a_source(nlp) -> None:
    c = one(
        claims_of(nlp, "NEW DELHI: Nearly 150 Indians were deported from the United States."), 150
    )
    assert c.source is None
    assert c.qualifier == "nearly"


def test_reporter_voice_has_no_source(nlp) -> None:
    c = one(claims_of(nlp, "The attack killed 12 soldiers near Kabul."), 12)
    assert (c.source, c.what, c.place) == (None, "soldiers killed", "Kabul")


def test_claim_inside_a_quote_takes_its_speaker(nlp) -> None:
    text = '"We have counted 4,000 displaced families," he said.'
    quote = Quote(
        text=text[1:43],
        start=1,
        end=43,
        type=QuoteType.DIRECT,
        speaker=Speaker(name="Jan Egeland", mention="he", start=45, end=47),
    )
    c = one(claims_of(nlp, text, [quote]), 4000)
    assert (c.source, c.quote) == ("Jan Egeland", 0)


def test_paraphrase_does_not_make_background_a_claim_of_the_speaker(nlp) -> None:
    text = "Netanyahu ruled out a truce until Hamas releases its more than 240 captives."
    quote = Quote(
        text=text[20:75],
        start=20,
        end=75,
        type=QuoteType.INDIRECT,
        cue="ruled out",
        speaker=Speaker(name="Benjamin Netanyahu", mention="Netanyahu", start=0, end=9),
    )
    c = one(claims_of(nlp, text, [quote]), 240)
    assert (c.source, c.quote) == (None, 0)


def test_quote_index_refers_to_the_list_as_given(nlp) -> None:
    text = 'Officials said 300 homes burned. "We counted 4,000 tents," she said.'
    later = Quote(
        text=text[34:57],
        start=34,
        end=57,
        type=QuoteType.DIRECT,
        speaker=Speaker(name="Ana Ruiz", mention="she", start=59, end=62),
    )
    earlier = Quote(
        text=text[15:31],
        start=15,
        end=31,
        type=QuoteType.INDIRECT,
        cue="said",
        speaker=Speaker(name=None, mention="Officials", start=0, end=9),
    )
    claims = claims_of(nlp, text, [later, earlier])
    assert (one(claims, 4000).quote, one(claims, 4000).source) == (0, "Ana Ruiz")
    assert (one(claims, 300).quote, one(claims, 300).source) == (1, "Officials")


def test_pronoun_resolved_by_the_quote_stage(nlp) -> None:
    text = "Egeland met Tom White. He said 300 trucks had crossed."
    said = text.index("said")
    quote = Quote(
        text="300 trucks had crossed",
        start=text.index("300"),
        end=text.index("300") + 22,
        type=QuoteType.INDIRECT,
        cue="said",
        cue_start=said,
        cue_end=said + 4,
        speaker=Speaker(name="Jan Egeland", mention="He", start=23, end=25),
    )
    assert one(claims_of(nlp, text, [quote]), 300).source == "Jan Egeland"


def test_pronoun_source_resolved_to_last_person(nlp) -> None:
    c = one(claims_of(nlp, "Tom White spoke on Friday. He said 300 trucks had crossed."), 300)
    assert c.source == "Tom White"


# ---------------------------------------------------------------- robustness and speed


def test_text_given_by_the_caller(nlp) -> None:
    from newsledger.analyze.claims import extract_claims
    from newsledger.errors import AnalysisError

    text = "Officials said 300 people were evacuated."
    doc = nlp(text)
    assert extract_claims(doc, [], [], text=text) == extract_claims(doc, [], [])
    with pytest.raises(AnalysisError):
        extract_claims(doc, [], [], text=text + " More.")


def test_empty_and_blank(nlp) -> None:
    assert claims_of(nlp, "") == []
    assert claims_of(nlp, "   \n\n  ") == []


def test_mixed_scripts(nlp) -> None:
    text = "قتل ٣٠٠ شخص. 死亡人数超过1000人。 Более 500 человек. More than 20 people were killed in Гомель."
    claims = claims_of(nlp, text)
    assert any(c.value == 20 for c in claims)


_PIECES = [
    "more than",
    "about",
    "between",
    "and",
    "or",
    "to",
    "-",
    "–",
    "of",
    "the",
    "people",
    "were",
    "killed",
    "said",
    "according to",
    "police",
    ":",
    ",",
    ".",
    "\n\n",
    "$",
    "€",
    "%",
    "percent",
    "million",
    "bn",
    "m",
    "k",
    "dozens",
    "hundreds",
    "tens of thousands",
    "one",
    "two",
    "a dozen",
    "9,227",
    "2.3",
    "1,400",
    "0",
    "12",
    "2023",
    "7:30",
    "45-year-old",
    "aged",
    "page",
    "Gaza",
    "in",
    "Reuters",
    "he",
    "“",
    "”",
    '"',
    "(",
    ")",
    "٣٠٠",
    "死亡",
    "Гомель",
    "e\u0301",
    "\u200b",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.lists(st.integers(0, 10**7), max_size=5))
def test_any_mix_of_number_words_is_safe(nlp, pieces: list[str], numbers: list[int]) -> None:
    """Whatever the mix, claims never crash and their offsets hold."""
    text = " ".join(pieces + [f"{n:,}" for n in numbers])
    claims = claims_of(nlp, text)  # asserts text[start:end] == claim.text
    for c in claims:
        assert c.value == c.value  # not NaN
        assert c.qualifier in (
            None,
            "more than",
            "at least",
            "about",
            "nearly",
            "up to",
            "fewer than",
            "exactly",
        )


def test_megabyte_of_digits_is_bounded(nlp) -> None:
    from spacy.tokens import Doc

    from newsledger.analyze.claims import extract_claims

    words = [str(i) for i in range(170_000)]  # a little over 1 MB of digits and spaces
    doc = Doc(nlp.vocab, words=words)  # not parsed: the parser is not what is measured here
    text = doc.text
    assert len(text) > 1_000_000
    t0 = time.perf_counter()
    claims = extract_claims(doc, [], [])
    assert time.perf_counter() - t0 < 60  # linear work; a quadratic walk would take hours
    assert all(text[c.start : c.end] == c.text for c in claims)


def test_number_dense_parsed_text_is_fast(nlp) -> None:
    from newsledger.analyze.claims import extract_claims

    text = " ".join(
        f"At least {i},{i % 1000:03d} people were killed in {i} attacks, officials said."
        for i in range(1, 300)
    )
    t0 = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    claims = extract_claims(doc, [], [])
    elapsed = time.perf_counter() - t0
    assert len(claims) >= 299
    # Relative to the parse, so that a loaded machine does not fail it.
    assert elapsed < 0.5 * parse, (elapsed, parse)


def test_claims_add_little_to_parsing(nlp, shared_data: Path) -> None:
    """The stage must cost a small fraction of the spaCy parse it reads."""
    from newsledger.analyze.claims import extract_claims

    scrape = shared_data / "seed" / "aljazeera_blinken_netanyahu_2023-11-03.txt"
    if not scrape.is_file():
        pytest.skip("seed article missing")
    text = seed_text(scrape)
    t0 = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(5):
        extract_claims(doc, [], [])
    claims = (time.perf_counter() - t0) / 5
    assert claims < 0.25 * parse, (claims, parse)
