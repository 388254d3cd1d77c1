"""Each extraction rule on hand-built parses, one row per construction."""

from __future__ import annotations

import pytest

from kg.extract.mentions import find_mentions, mention_index
from kg.extract.rules import RULES, Sentence, extract_sentence
from tests.docs import parse


def _read(vocab, spec, ents):  # type: ignore[no-untyped-def]
    doc = parse(vocab, spec, ents)
    sentence = Sentence(doc[:], "t.txt", doc.text, 0, mention_index(doc, find_mentions(doc)))
    return extract_sentence(sentence)


def _facts(extractions):  # type: ignore[no-untyped-def]
    return {
        (
            e.subject_mention.text if e.subject_mention else e.subject.text,
            e.predicate,
            e.object_mention.text if e.object_mention else e.object.text,
        )
        for e in extractions
    }


CASES = [
    pytest.param(
        "Samsung/NNP/nsubj/1 supplies/VBZ/ROOT/1/supply "
        "chips/NNS/dobj/1/chip to/IN/prep/1 Apple/NNP/pobj/3 ./././1",
        [(0, 1, "ORG"), (4, 5, "ORG")],
        ("Samsung", "supplies", "chips"),
        "svo",
        id="active-svo",
    ),
    pytest.param(
        "Yandex/NNP/nsubj/1 partnered/VBD/ROOT/1/partner with/IN/prep/1 Baidu/NNP/pobj/2 ./././1",
        [(0, 1, "ORG"), (3, 4, "ORG")],
        ("Yandex", "partners", "Baidu"),
        "sv-prep",
        id="verb-with-preposition",
    ),
    pytest.param(
        "Japan/NNP/nsubj/1 invested/VBD/ROOT/1/invest in/IN/prep/1 Rapidus/NNP/pobj/2 ./././1",
        [(0, 1, "GPE"), (3, 4, "ORG")],
        ("Japan", "invests in", "Rapidus"),
        "sv-prep",
        id="verb-in-preposition",
    ),
    pytest.param(
        "Arm/NNP/nsubjpass/2 was/VBD:AUX/auxpass/2/be "
        "acquired/VBN/ROOT/2/acquire by/IN/agent/2 SoftBank/NNP/pobj/3 ./././2",
        [(0, 1, "ORG"), (4, 5, "ORG")],
        ("Arm", "acquires", "SoftBank"),
        "passive",
        id="passive-with-agent",
    ),
    pytest.param(
        "Taipei/NNP/nsubj/1 is/VBZ:AUX/ROOT/1/be the/DT/det/3 "
        "capital/NN/attr/1 of/IN/prep/3 Taiwan/NNP/pobj/4 ./././1",
        [(0, 1, "GPE"), (5, 6, "GPE")],
        ("Taipei", "capital of", "Taiwan"),
        "copula-of",
        id="copula-noun-of",
    ),
    pytest.param(
        "Rapidus/NNP/nsubj/1 is/VBZ:AUX/ROOT/1/be a/DT/det/4 "
        "young/JJ/amod/4 chipmaker/NN/attr/1 ./././1",
        [(0, 1, "ORG")],
        ("Rapidus", "is", "a young chipmaker"),
        "copula",
        id="copula-is-a",
    ),
    pytest.param(
        "the/DT/det/2 Dutch/JJ/amod/2 chipmaker/NN/nsubj/6 ,/,/punct/2 "
        "ASML/NNP/appos/2 ,/,/punct/2 grew/VBD/ROOT/6/grow ./././6",
        [(1, 2, "NORP"), (4, 5, "ORG")],
        ("ASML", "country", "Netherlands"),
        "demonym",
        id="apposition-demonym",
    ),
    pytest.param(
        "Jensen/NNP/compound/1 Huang/NNP/nsubj/9 ,/,/punct/1 "
        "the/DT/det/5 chief/JJ/amod/5 executive/NN/appos/1 of/IN/prep/5 "
        "Nvidia/NNP/pobj/6 ,/,/punct/1 spoke/VBD/ROOT/9/speak ./././9",
        [(0, 2, "PERSON"), (7, 8, "ORG")],
        ("Jensen Huang", "executive of", "Nvidia"),
        "apposition",
        id="apposition-title-of",
    ),
    pytest.param(
        "Russia/NNP/nsubj/1 seeks/VBZ/ROOT/1/seek "
        "collaboration/NN/dobj/1 with/IN/prep/2 China/NNP/pobj/3 ./././1",
        [(0, 1, "GPE"), (4, 5, "GPE")],
        ("Russia", "collaborates", "China"),
        "svo",
        id="nominal-light-verb",
    ),
    pytest.param(
        "Russian/JJ/amod/1 President/NNP/compound/3 Vladimir/NNP/compound/3 "
        "Putin/NNP/nsubj/4 spoke/VBD/ROOT/4/speak ./././4",
        [(0, 1, "NORP"), (2, 4, "PERSON")],
        ("Vladimir Putin", "president of", "Russia"),
        "title",
        id="title-demonym",
    ),
    pytest.param(
        "Microsoft/NNP/compound/2 CEO/NNP/compound/3 Satya/NNP/compound/3 "
        "Nadella/NNP/nsubj/4 spoke/VBD/ROOT/4/speak ./././4",
        [(0, 1, "ORG"), (2, 4, "PERSON")],
        ("Satya Nadella", "ceo of", "Microsoft"),
        "title",
        id="title-organization",
    ),
    pytest.param(
        "Chinese/JJ/amod/2 tech/NN/compound/2 firm/NN/compound/3 "
        "Baidu/NNP/nsubj/4 grew/VBD/ROOT/4/grow ./././4",
        [(0, 1, "NORP"), (3, 4, "ORG")],
        ("Baidu", "country", "China"),
        "demonym",
        id="demonym-modifier",
    ),
    pytest.param(
        "Shenzhen/NNP/ROOT/0 ,/,/punct/0 which/WDT/nsubj/3 "
        "utilizes/VBZ/relcl/0/utilize AI/NNP/dobj/3 ./././0",
        [(0, 1, "GPE"), (4, 5, "ORG")],
        ("Shenzhen", "utilizes", "AI"),
        "relative-clause",
        id="relative-clause-subject",
    ),
    pytest.param(
        "Russia/NNP/poss/2 's/POS/case/0 dependence/NN/nsubj/5 "
        "on/IN/prep/2 West/NNP/pobj/3 grew/VBD/ROOT/5/grow ./././5",
        [(0, 1, "GPE"), (4, 5, "LOC")],
        ("Russia", "depends on", "West"),
        "possessive",
        id="possessive-nominal",
    ),
    pytest.param(
        "a/DT/det/1 partnership/NN/ROOT/1 between/IN/prep/1 "
        "Airbus/NNP/pobj/2 and/CC/cc/3 Tata/NNP/conj/3",
        [(3, 4, "ORG"), (5, 6, "ORG")],
        ("Airbus", "partners", "Tata"),
        "nominal-between",
        id="nominal-between",
    ),
    pytest.param(
        "Russia/NNP/nsubj/1 aims/VBZ/ROOT/1/aim to/TO/aux/3 "
        "harness/VB/xcomp/1 AI/NNP/dobj/3 ./././1",
        [(0, 1, "GPE"), (4, 5, "ORG")],
        ("Russia", "aims to harness", "AI"),
        "xcomp",
        id="infinitival-complement",
    ),
    pytest.param(
        "the/DT/det/1 West/NNP/poss/3 's/POS/case/1 attempts/NNS/nsubj/7/attempt "
        "to/TO/aux/5 isolate/VB/acl/3 Russia/NNP/dobj/5 failed/VBD/ROOT/7/fail",
        [(1, 2, "LOC"), (6, 7, "GPE")],
        ("West", "attempts to isolate", "Russia"),
        "possessive",
        id="possessive-infinitival-modifier",
    ),
    pytest.param(
        "Acme/NNP/nsubj/1 opened/VBD/ROOT/1/open in/IN/prep/1 "
        "Dallas/NNP/pobj/2 ,/,/punct/3 Texas/NNP/appos/3 ./././1",
        [(0, 1, "ORG"), (3, 4, "GPE"), (5, 6, "GPE")],
        ("Dallas", "located in", "Texas"),
        "location-chain",
        id="location-chain",
    ),
    pytest.param(
        "the/DT/det/2 U.S./NNP/compound/2 state/NN/nsubj/5 "
        "of/IN/prep/2 Alaska/NNP/pobj/3 grew/VBD/ROOT/5/grow ./././5",
        [(1, 2, "GPE"), (4, 5, "GPE")],
        ("Alaska", "located in", "U.S."),
        "place-class",
        id="class-noun-of-place",
    ),
    pytest.param(
        "the/DT/det/2 Tarsi/NNP/compound/2 district/NN/nsubj/5 "
        "of/IN/prep/2 Ostreby/NNP/pobj/3 grew/VBD/ROOT/5/grow ./././5",
        [(1, 2, "GPE"), (4, 5, "GPE")],
        ("Tarsi", "located in", "Ostreby"),
        "place-class",
        id="a-district-of-a-town-lies-in-the-town",
    ),
    pytest.param(
        "Jo/NNP/compound/1 Ray/NNP/nsubj/2 is/VBZ:AUX/ROOT/2/be "
        "an/DT/det/5 American/JJ/amod/5 singer/NN/attr/2 ./././2",
        [(0, 2, "PERSON"), (4, 5, "NORP")],
        ("Jo Ray", "country", "United States"),
        "demonym",
        id="copula-demonym",
    ),
    pytest.param(
        "Spain/NNP/poss/3 's/POS/case/0 King/NNP/compound/3 "
        "Felipe/NNP/nsubj/4 spoke/VBD/ROOT/4/speak ./././4",
        [(0, 1, "GPE"), (3, 4, "PERSON")],
        ("Felipe", "king of", "Spain"),
        "title",
        id="possessive-title",
    ),
    pytest.param(
        "Ironwood/NNP/compound/2 drummer/NN/compound/3 Sam/NNP/compound/3 "
        "Reyes/NNP/nsubj/4 spoke/VBD/ROOT/4/speak ./././4",
        [(0, 1, "ORG"), (2, 4, "PERSON")],
        ("Sam Reyes", "drummer of", "Ironwood"),
        "title",
        id="role-in-a-group",
    ),
    pytest.param(
        "Blue/NNP/nsubj/1 is/VBZ:AUX/ROOT/1/be an/DT/det/3 album/NN/attr/1 "
        "by/IN/prep/3 Joni/NNP/compound/6 Mitchell/NNP/pobj/4 ./././1",
        [(0, 1, "WORK_OF_ART"), (5, 7, "PERSON")],
        ("Blue", "album by", "Joni Mitchell"),
        "made-by",
        id="work-by-its-maker",
    ),
    pytest.param(
        "His/PRP$/poss/1 brother/NN/nsubj/5 ,/,/punct/1 "
        "John/NNP/appos/1 ,/,/punct/1 left/VBD/ROOT/5/leave ./././5",
        [(3, 4, "PERSON")],
        ("His", "brother", "John"),
        "kinship",
        id="kinship-apposition",
    ),
    pytest.param(
        "the/DT/det/2 yacht/NN/compound/2 Aurora/NNP/nsubj/9 ,/,/punct/2 "
        "skippered/VBN/acl/2/skipper by/IN/agent/4 Kim/NNP/compound/7 "
        "Day/NNP/pobj/5 ,/,/punct/2 won/VBD/ROOT/9/win ./././9",
        [(2, 3, "PRODUCT"), (6, 8, "PERSON")],
        ("Aurora", "skippers", "Kim Day"),
        "participle",
        id="participle-passive-reads-active",
    ),
]


@pytest.mark.parametrize(("spec", "ents", "fact", "rule"), CASES)
def test_rule_reads_construction(vocab, spec, ents, fact, rule) -> None:  # type: ignore[no-untyped-def]
    extractions = _read(vocab, spec, ents)
    assert fact in _facts(extractions)
    matching = [e for e in extractions if (fact[1] == e.predicate)]
    assert rule in {e.rule for e in matching}
    assert all(e.rule in RULES for e in extractions)


def test_coordinated_subjects_and_objects_each_get_the_edge(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "France/NNP/nsubj/3 and/CC/cc/0 Germany/NNP/conj/0 partnered/VBD/ROOT/3/partner "
        "with/IN/prep/3 Mistral/NNP/pobj/4 and/CC/cc/5 Cohere/NNP/conj/5 ./././3"
    )
    ents = [(0, 1, "GPE"), (2, 3, "GPE"), (5, 6, "ORG"), (7, 8, "ORG")]
    facts = _facts(_read(vocab, spec, ents))
    assert {
        ("France", "partners", "Mistral"),
        ("Germany", "partners", "Mistral"),
        ("France", "partners", "Cohere"),
        ("Germany", "partners", "Cohere"),
    } <= facts


def test_coordinated_verbs_share_the_subject(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "BYD/NNP/nsubj/1 built/VBD/ROOT/1/build a/DT/det/3 factory/NN/dobj/1 and/CC/cc/1 "
        "hired/VBD/conj/1/hire workers/NNS/dobj/5/worker ./././1"
    )
    facts = _facts(_read(vocab, spec, [(0, 1, "ORG")]))
    assert {("BYD", "builds", "a factory"), ("BYD", "hires", "workers")} <= facts


def test_negation_is_flagged_never_a_fact(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "Intel/NNP/nsubj/3 did/VBD:AUX/aux/3/do not/RB:PART/neg/3 partner/VB/ROOT/3 "
        "with/IN/prep/3 Huawei/NNP/pobj/4 ./././3"
    )
    extractions = _read(vocab, spec, [(0, 1, "ORG"), (5, 6, "ORG")])
    assert extractions and all(e.negated and not e.is_fact for e in extractions)
    assert ("Intel", "partners", "Huawei") in _facts(extractions)


def test_hedged_clause_is_not_a_fact(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = "Nvidia/NNP/nsubj/2 may/MD/aux/2 acquire/VB/ROOT/2 Arm/NNP/dobj/2 ./././2"
    extractions = _read(vocab, spec, [(0, 1, "ORG"), (3, 4, "ORG")])
    assert [e.modality for e in extractions] == ["may"]
    assert not extractions[0].is_fact


def test_reported_speech_keeps_its_attribution(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "officials/NNS/nsubj/1/official said/VBD/ROOT/1/say that/IN/mark/4 Nvidia/NNP/nsubj/4 "
        "acquired/VBD/ccomp/1/acquire Arm/NNP/dobj/4 ./././1"
    )
    extractions = [
        e for e in _read(vocab, spec, [(3, 4, "ORG"), (5, 6, "ORG")]) if e.predicate == "acquires"
    ]
    assert extractions[0].attribution == "officials said"
    assert not extractions[0].is_fact


def test_extraction_spans_index_the_text(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = "Yandex/NNP/nsubj/1 partnered/VBD/ROOT/1/partner with/IN/prep/1 Baidu/NNP/pobj/2 ./././1"
    doc = parse(vocab, spec, [(0, 1, "ORG"), (3, 4, "ORG")])
    (extraction,) = _read(vocab, spec, [(0, 1, "ORG"), (3, 4, "ORG")])
    for span in (extraction.subject, extraction.object, extraction.sentence):
        assert doc.text[span.start : span.end] == span.text
    assert extraction.relation == "partnered with"


def _spans(extractions):  # type: ignore[no-untyped-def]
    """The extractions as CaRB reads them: spans and relation phrase as written."""
    return {
        (e.subject.text, e.relation, e.object.text, tuple(a.span.text for a in e.args)): e.rule
        for e in extractions
    }


SPAN_CASES = [
    pytest.param(
        "Nissan/NNP/nsubj/3 has/VBZ:AUX/aux/3/have sharply/RB/advmod/3 "
        "improved/VBN/ROOT/3/improve morale/NN/dobj/3 ./././3",
        [(0, 1, "ORG")],
        ("Nissan", "has sharply improved", "morale", ()),
        "svo",
        id="adverb-inside-verb-chain",
    ),
    pytest.param(
        "It/PRP/nsubj/1 occurs/VBZ/ROOT/1/occur in/IN/prep/1 homes/NNS/pobj/2/home "
        "and/CC/cc/3 schools/NNS/conj/3/school in/IN/prep/1 winter/NN/pobj/6 ./././1",
        [],
        ("It", "occurs in", "schools", ("in winter",)),
        "sv-prep",
        id="coordinated-prepositional-objects",
    ),
    pytest.param(
        "routes/NNS/nsubj/1/route diverge/VBP/ROOT/1 "
        "northeast/RB/advmod/1 of/IN/prep/2 Tarboro/NNP/pobj/3 ./././1",
        [(4, 5, "GPE")],
        ("routes", "diverge", "northeast of Tarboro", ()),
        "sv-adverbial",
        id="adverbial-argument",
    ),
    pytest.param(
        "In/IN/prep/6 the/DT/det/2 volume/NN/pobj/0 ,/,/punct/6 nature/NN/nsubjpass/6 "
        "is/VBZ:AUX/auxpass/6/be explained/VBN/ROOT/6/explain ./././6",
        [],
        ("nature", "is explained", "In the volume", ()),
        "sv-adverbial",
        id="fronted-prepositional-argument",
    ),
    pytest.param(
        "Officials/NNS/nsubj/1/official found/VBD/ROOT/1/find a/DT/det/3 loophole/NN/dobj/1 "
        "that/WDT/dobj/6 firms/NNS/nsubj/6/firm exploit/VBP/relcl/3 ./././1",
        [],
        ("firms", "exploit", "a loophole", ()),
        "svo",
        id="relative-pronoun-object",
    ),
    pytest.param(
        "the/DT/det/1 book/NN/nsubj/4 he/PRP/nsubj/3 wrote/VBD/relcl/1/write "
        "sold/VBD/ROOT/4/sell well/RB/advmod/4 ./././4",
        [],
        ("he", "wrote", "the book", ()),
        "svo",
        id="relative-clause-without-pronoun",
    ),
    pytest.param(
        "Hall/NNP/compound/1 effect/NN/nsubj/2 continues/VBZ/ROOT/2/continue "
        "to/TO/aux/4 be/VB:AUX/xcomp/2/be influential/JJ/acomp/4 ./././2",
        [],
        ("Hall effect", "continues to be", "influential", ()),
        "xcomp",
        id="copular-infinitive",
    ),
    pytest.param(
        "This/DT/det/1 finding/NN/nsubj/2 indicated/VBD/ROOT/2/indicate "
        "that/IN/mark/7 organic/JJ/amod/5 compounds/NNS/nsubj/7/compound "
        "could/MD/aux/7 carry/VB/ccomp/2 current/NN/dobj/7 ./././2",
        [],
        ("This finding", "indicated that", "organic compounds could carry current", ()),
        "reported",
        id="content-clause-object",
    ),
    pytest.param(
        "Saint/NNP/compound/2 -/HYPH/punct/2 Simon/NNP/nsubj/3 "
        "wrote/VBD/ROOT/3/write books/NNS/dobj/3/book ./././3",
        [],
        ("Saint - Simon", "wrote", "books", ()),
        "svo",
        id="hyphenated-name-stays-whole",
    ),
    pytest.param(
        "He/PRP/nsubj/1 earned/VBD/ROOT/1/earn the/DT/det/3 nickname/NN/dobj/1 "
        "``/``/punct/5 Organ/NNP/appos/3 ''/''/punct/5 ./././1",
        [(4, 5, "WORK_OF_ART")],
        ("`` Organ ''", "is", "the nickname", ()),
        "apposition",
        id="quoted-name-keeps-quotes",
    ),
    pytest.param(
        "Yandex/NNP/nsubjpass/3 is/VBZ:AUX/auxpass/3/be often/RB/advmod/3 "
        "referred/VBN/ROOT/3/refer to/IN/prep/3 as/IN/prep/3 the/DT/det/7 Google/NNP/pobj/5",
        [(0, 1, "ORG"), (7, 8, "ORG")],
        ("Yandex", "is often referred to as", "the Google", ()),
        "sv-prep",
        id="stranded-preposition",
    ),
    pytest.param(
        "companies/NNS/nsubj/3/company in/IN/prep/0 Japan/NNP/pobj/1 grew/VBD/ROOT/3/grow ./././3",
        [(2, 3, "GPE")],
        ("companies", "are in", "Japan", ()),
        "noun-preposition",
        id="noun-with-own-preposition",
    ),
    pytest.param(
        "Nissan/NNP/poss/2 's/POS/case/0 morale/NN/nsubj/3 rose/VBD/ROOT/3/rise ./././3",
        [(0, 1, "ORG")],
        ("Nissan", "has", "morale", ()),
        "possessor",
        id="possessor-has",
    ),
    pytest.param(
        "Celeski/NNP/nsubj/1 is/VBZ:AUX/ROOT/1/be a/DT/det/3 footballer/NN/attr/1 "
        "who/WP/nsubj/5 plays/VBZ/relcl/3/play for/IN/prep/5 Jets/NNPS/pobj/6 ./././1",
        [(0, 1, "PERSON"), (7, 8, "ORG")],
        ("Celeski", "plays for", "Jets", ()),
        "relative-clause",
        id="relative-clause-on-predicate-noun",
    ),
]


@pytest.mark.parametrize(("spec", "ents", "reading", "rule"), SPAN_CASES)
def test_rule_reads_spans_as_written(vocab, spec, ents, reading, rule) -> None:  # type: ignore[no-untyped-def]
    found = _spans(_read(vocab, spec, ents))
    assert reading in found, sorted(found)
    assert found[reading] == rule


def test_other_conjuncts_are_not_repeated_as_arguments(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = SPAN_CASES[1].values[0]
    for extraction in _read(vocab, spec, []):
        assert not any("homes" in a.span.text or "schools" in a.span.text for a in extraction.args)


def test_light_verb_needs_a_relational_noun(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "Macron/NNP/nsubj/1 visited/VBD/ROOT/1/visit the/DT/det/3 museum/NN/dobj/1 in/IN/prep/3 "
        "Paris/NNP/pobj/4"
    )
    extractions = _read(vocab, spec, [(0, 1, "PERSON"), (5, 6, "GPE")])
    clauses = {(e.relation, e.object.text) for e in extractions if e.rule == "svo"}
    assert clauses == {("visited", "the museum in Paris")}


def test_colon_does_not_make_an_apposition(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = "Gladiators/NNPS/ROOT/0 :/:/punct/0 Train/NNP/appos/0"
    assert not [
        e for e in _read(vocab, spec, [(0, 1, "ORG"), (2, 3, "ORG")]) if e.rule == "apposition"
    ]


def test_bare_clause_is_the_least_confident_reading(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "the/DT/det/1 army/NN/nsubjpass/4 was/VBD:AUX/auxpass/4/be not/RB:PART/neg/4 "
        "disbanded/VBN/ROOT/4/disband ./././4"
    )
    (extraction,) = _read(vocab, spec, [])
    assert extraction.rule == "sv" and extraction.negated
    assert extraction.confidence < min(RULES[r] for r in RULES if r != "sv")


def test_pronoun_subject_lowers_confidence(vocab) -> None:  # type: ignore[no-untyped-def]
    named = _read(
        vocab,
        "Intel/NNP/nsubj/1 bought/VBD/ROOT/1/buy a/DT/det/3 big/JJ/amod/3 plant/NN/dobj/1",
        [(0, 1, "ORG")],
    )
    pronoun = _read(
        vocab, "It/PRP/nsubj/1 bought/VBD/ROOT/1/buy a/DT/det/3 big/JJ/amod/3 plant/NN/dobj/1", []
    )
    assert pronoun[0].confidence < named[0].confidence


def test_clause_inside_reported_speech_is_less_confident(vocab) -> None:  # type: ignore[no-untyped-def]
    plain = _read(
        vocab,
        "Nvidia/NNP/nsubj/1 acquired/VBD/ROOT/1/acquire Arm/NNP/dobj/1 ./././1",
        [(0, 1, "ORG"), (2, 3, "ORG")],
    )
    spec = (
        "officials/NNS/nsubj/1/official said/VBD/ROOT/1/say that/IN/mark/4 Nvidia/NNP/nsubj/4 "
        "acquired/VBD/ccomp/1/acquire Arm/NNP/dobj/4 ./././1"
    )
    reported = [
        e for e in _read(vocab, spec, [(3, 4, "ORG"), (5, 6, "ORG")]) if e.predicate == "acquires"
    ]
    assert reported[0].confidence < plain[0].confidence


def test_passive_without_agent_keeps_passive_predicate(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = next(c.values[0] for c in SPAN_CASES if c.id == "stranded-preposition")
    facts = _facts(_read(vocab, spec, [(0, 1, "ORG"), (7, 8, "ORG")]))
    assert ("Yandex", "referred to as", "Google") in facts


@pytest.mark.parametrize(
    ("spec", "ents"),
    [
        pytest.param(
            "Macron/NNP/nsubj/3 and/CC/cc/0 Scholz/NNP/conj/0 met/VBD/ROOT/3/meet ./././3",
            [(0, 1, "PERSON"), (2, 3, "PERSON")],
            id="reciprocal-verb",
        ),
        pytest.param(
            "During/IN/prep/8 a/DT/det/3 bilateral/JJ/amod/3 meeting/NN/pobj/0 ,/,/punct/8 "
            "Macron/NNP/nsubj/8 and/CC/cc/5 Scholz/NNP/conj/5 signed/VBD/ROOT/8/sign a/DT/det/10 "
            "treaty/NN/dobj/8 ./././8",
            [(5, 6, "PERSON"), (7, 8, "PERSON")],
            id="reciprocal-event",
        ),
    ],
)
def test_coordinated_participants_of_a_meeting_meet(vocab, spec, ents) -> None:  # type: ignore[no-untyped-def]
    facts = _facts(_read(vocab, spec, ents))
    assert ("Macron", "meets", "Scholz") in facts


def test_coordinated_subjects_of_an_ordinary_verb_do_not_meet(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "France/NNP/nsubj/3 and/CC/cc/0 Germany/NNP/conj/0 signed/VBD/ROOT/3/sign a/DT/det/5 "
        "treaty/NN/dobj/3 ./././3"
    )
    facts = _facts(_read(vocab, spec, [(0, 1, "GPE"), (2, 3, "GPE")]))
    assert not [f for f in facts if f[1] == "meets"]


def test_a_list_of_places_is_not_a_location_chain(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "Talks/NNS/nsubjpass/2/talk were/VBD:AUX/auxpass/2/be held/VBN/ROOT/2/hold in/IN/prep/2 "
        "Paris/NNP/pobj/3 ,/,/punct/4 Berlin/NNP/appos/4 and/CC/cc/6 Rome/NNP/conj/6 ./././2"
    )
    ents = [(4, 5, "GPE"), (6, 7, "GPE"), (8, 9, "GPE")]
    extractions = _read(vocab, spec, ents)
    assert not [e for e in extractions if e.predicate == "located in"]


def test_a_participle_passive_reads_its_agent_as_the_subject(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "the/DT/det/2 yacht/NN/compound/2 Aurora/NNP/nsubj/9 "
        ",/,/punct/2 skippered/VBN/acl/2/skipper "
        "by/IN/agent/4 Kim/NNP/compound/7 Day/NNP/pobj/5 ,/,/punct/2 won/VBD/ROOT/9/win ./././9"
    )
    found = [
        e
        for e in _read(vocab, spec, [(2, 3, "PRODUCT"), (6, 8, "PERSON")])
        if e.predicate == "skippers"
    ]
    assert found and all(e.inverse for e in found)
    assert not [
        e
        for e in _read(vocab, spec, [(2, 3, "PRODUCT"), (6, 8, "PERSON")])
        if e.predicate.endswith(" by")
    ]


@pytest.mark.parametrize(
    ("spec", "ents", "fact", "modality"),
    [
        pytest.param(
            "He/PRP/nsubj/1 urged/VBD/ROOT/1/urge the/DT/det/3 "
            "US/NNP/dobj/1 and/CC/cc/3 Europe/NNP/conj/3 "
            "to/TO/aux/7 restrain/VB/xcomp/1 Lang/NNP/dobj/7 ./././1",
            [(3, 4, "GPE"), (5, 6, "LOC"), (8, 9, "PERSON")],
            ("US", "restrains", "Lang"),
            "urge",
            id="object-control-is-a-request",
        ),
        pytest.param(
            "The/DT/det/1 group/NN/nsubj/3 allegedly/RB/advmod/3 "
            "supplied/VBD/ROOT/3/supply arms/NNS/dobj/3/arm "
            "to/IN/prep/3 the/DT/det/7 rebels/NNS/pobj/5/rebel ./././3",
            [],
            ("The group", "supplies", "arms"),
            "allegedly",
            id="hedging-adverb",
        ),
        pytest.param(
            "Iran/NNP/nsubj/1 threatened/VBD/ROOT/1/threaten to/TO/aux/3 "
            "strike/VB/xcomp/1 the/DT/det/5 base/NN/dobj/3 ./././1",
            [(0, 1, "GPE")],
            ("Iran", "threatens to strike", "the base"),
            "threaten",
            id="threat-is-not-a-deed",
        ),
        pytest.param(
            "Lee/NNP/nsubjpass/2 was/VBD:AUX/auxpass/2/be "
            "chosen/VBN/ROOT/2/choose to/TO/aux/4 lead/VB/xcomp/2 "
            "the/DT/det/6 team/NN/dobj/4 ./././2",
            [(0, 1, "PERSON")],
            ("Lee", "chosen to lead", "the team"),
            "choose",
            id="passive-control-is-not-a-deed",
        ),
    ],
)
def test_plans_requests_and_hedges_are_not_facts(vocab, spec, ents, fact, modality) -> None:  # type: ignore[no-untyped-def]
    extractions = _read(vocab, spec, ents)
    matching = [e for e in extractions if _facts([e]) == {fact}]
    assert matching, _facts(extractions)
    assert all(e.modality == modality and not e.is_fact for e in matching)


def test_the_controller_of_an_object_control_verb_is_its_object(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "He/PRP/nsubj/1 urged/VBD/ROOT/1/urge the/DT/det/3 "
        "US/NNP/dobj/1 and/CC/cc/3 Europe/NNP/conj/3 "
        "to/TO/aux/7 restrain/VB/xcomp/1 Lang/NNP/dobj/7 ./././1"
    )
    facts = _facts(_read(vocab, spec, [(3, 4, "GPE"), (5, 6, "LOC"), (8, 9, "PERSON")]))
    assert {("US", "restrains", "Lang"), ("Europe", "restrains", "Lang")} <= facts
    assert ("He", "restrains", "Lang") not in facts


def test_a_portfolio_is_part_of_the_office_not_its_owner(vocab) -> None:  # type: ignore[no-untyped-def]
    spec = (
        "Economy/NNP/compound/1 Minister/NNP/compound/3 Ana/NNP/compound/3 Paz/NNP/nsubj/4 "
        "spoke/VBD/ROOT/4/speak ./././4"
    )
    extractions = _read(vocab, spec, [(0, 1, "ORG"), (2, 4, "PERSON")])
    assert not [e for e in extractions if e.rule == "title"]
    spec = (
        "British/JJ/amod/2 Defence/NNP/compound/2 Secretary/NNP/compound/4 Sam/NNP/compound/4 "
        "Hill/NNP/nsubj/5 left/VBD/ROOT/5/leave ./././5"
    )
    facts = _facts(_read(vocab, spec, [(0, 1, "NORP"), (3, 5, "PERSON")]))
    assert ("Sam Hill", "defence secretary of", "United Kingdom") in facts
