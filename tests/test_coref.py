"""Coreference rules on hand-built parses: one row per construction, resolved or left out."""

from __future__ import annotations

import pytest

from kg.extract.coref import apply_resolutions, resolve_document
from kg.extract.evidence import with_evidence
from kg.extract.mentions import find_mentions
from kg.model import Extraction, Mention, Span
from tests.docs import parse


def _resolve(vocab, spec, ents):  # type: ignore[no-untyped-def]
    doc = parse(vocab, spec, ents)
    mentions = with_evidence(doc, find_mentions(doc))
    return doc, resolve_document(doc.text, [(0, doc, mentions)])


def _readable(resolutions):  # type: ignore[no-untyped-def]
    return {(r.text, tuple(m.text for m in r.antecedents), r.rule) for r in resolutions}


CASES = [
    pytest.param(
        "Foxconn/NNP/nsubjpass/2 is/VBZ:AUX/auxpass/2/be "
        "based/VBN/ROOT/2/base in/IN/prep/2 Taipei/NNP/pobj/3 ./././2 "
        "The/DT/det/7 company/NN/nsubj/8 builds/VBZ/ROOT/8/build servers/NNS/dobj/8/server ./././8",
        [(0, 1, "ORG"), (4, 5, "GPE")],
        {("The company", ("Foxconn",), "definite-description")},
        id="the-company-to-the-firm",
    ),
    pytest.param(
        "Russia/NNP/nsubj/1 depends/VBZ/ROOT/1/depend "
        "on/IN/prep/1 the/DT/det/4 West/NNP/pobj/2 ./././1 "
        "The/DT/det/7 nation/NN/nsubj/8 looks/VBZ/ROOT/8/look "
        "to/IN/prep/8 China/NNP/pobj/9 ./././8",
        [(0, 1, "GPE"), (4, 5, "LOC"), (10, 11, "GPE")],
        {("The nation", ("Russia",), "definite-description")},
        id="the-nation-to-a-country-not-a-region",
    ),
    pytest.param(
        "Jensen/NNP/compound/1 Huang/NNP/nsubj/2 "
        "visited/VBD/ROOT/2/visit Taipei/NNP/dobj/2 ./././2 "
        "He/PRP/nsubj/6 met/VBD/ROOT/6/meet Young/NNP/compound/8 Liu/NNP/dobj/6 ./././6",
        [(0, 2, "PERSON"), (3, 4, "GPE"), (7, 9, "PERSON")],
        {("He", ("Jensen Huang",), "pronoun")},
        id="he-to-the-person",
    ),
    pytest.param(
        "Intel/NNP/nsubj/3 and/CC/cc/0 Samsung/NNP/conj/0 "
        "make/VBP/ROOT/3 chips/NNS/dobj/3/chip ./././3 "
        "They/PRP/nsubj/7 grew/VBD/ROOT/7/grow ./././7",
        [(0, 1, "ORG"), (2, 3, "ORG")],
        {("They", ("Intel", "Samsung"), "pronoun")},
        id="they-to-a-coordination",
    ),
    pytest.param(
        "Russia/NNP/nsubj/1 works/VBZ/ROOT/1/work with/IN/prep/1 China/NNP/pobj/2 ./././1 "
        "Both/DT/det/6 countries/NNS/nsubj/7/country grew/VBD/ROOT/7/grow ./././7",
        [(0, 1, "GPE"), (3, 4, "GPE")],
        {("Both countries", ("Russia", "China"), "definite-description")},
        id="both-countries-to-two",
    ),
    pytest.param(
        "The/DT/det/3 Russian/JJ/amod/3 tech/NN/compound/3 "
        "company/NN/nsubj/7 ,/,/punct/3 Yandex/NNP/appos/3 "
        ",/,/punct/3 grew/VBD/ROOT/7/grow ./././7",
        [(1, 2, "NORP")],
        {("The Russian tech company", ("Yandex",), "apposition")},
        id="description-with-its-name",
    ),
    pytest.param(
        "Ms/NNP/compound/2 Anna/NNP/compound/2 Berg/NNP/nsubj/3 "
        "met/VBD/ROOT/3/meet Tom/NNP/compound/5 "
        "Lee/NNP/dobj/3 ./././3 He/PRP/nsubj/8 left/VBD/ROOT/8/leave ./././8",
        [(1, 3, "PERSON"), (4, 6, "PERSON")],
        {("He", ("Tom Lee",), "pronoun")},
        id="he-skips-a-woman",
    ),
]

LEFT_OUT = [
    pytest.param(
        "Tarsk/NNP/nsubj/1 lies/VBZ/ROOT/1/lie on/IN/prep/1 Vell/NNP/pobj/2 ./././1 "
        "The/DT/det/6 coast/NN/nsubj/7/coast is/VBZ:AUX/ROOT/7/be rocky/JJ/acomp/7 ./././7",
        [(0, 1, "GPE"), (3, 4, "GPE")],
        id="the-coast-is-no-town-named-before",
    ),
    pytest.param(
        "Collaboration/NN/nsubj/3 with/IN/prep/0 China/NNP/pobj/1 "
        "helps/VBZ/ROOT/3/help Russia/NNP/dobj/3 ./././3 "
        "It/PRP/nsubj/7 matters/VBZ/ROOT/7/matter ./././7",
        [(2, 3, "GPE"), (4, 5, "GPE")],
        id="it-after-a-subject-naming-nothing",
    ),
    pytest.param(
        "Intel/NNP/nsubj/3 and/CC/cc/0 Samsung/NNP/conj/0 "
        "make/VBP/ROOT/3 chips/NNS/dobj/3/chip ./././3 "
        "It/PRP/nsubj/7 grew/VBD/ROOT/7/grow ./././7",
        [(0, 1, "ORG"), (2, 3, "ORG")],
        id="it-between-two-as-salient",
    ),
    pytest.param(
        "Samsung/NNP/nsubj/1 grew/VBD/ROOT/1/grow ./././1 It/PRP/nsubj/4 is/VBZ:AUX/ROOT/4/be "
        "important/JJ/acomp/4 to/TO/aux/7 invest/VB/xcomp/4 ./././4",
        [(0, 1, "ORG")],
        id="pleonastic-it",
    ),
    pytest.param(
        "Gaza/NNP/nsubj/1 waited/VBD/ROOT/1/wait ./././1 It/PRP/nsubj/4 was/VBD:AUX/ROOT/4/be "
        "a/DT/det/7 long/JJ/amod/7 night/NN/attr/4 ./././4",
        [(0, 1, "GPE")],
        id="it-of-a-time-is-nothing",
    ),
    pytest.param(
        "Jensen/NNP/compound/1 Huang/NNP/nsubj/2 "
        "visited/VBD/ROOT/2/visit Taiwan/NNP/dobj/2 ./././2 "
        "The/DT/det/6 company/NN/nsubj/7 grew/VBD/ROOT/7/grow ./././7",
        [(0, 2, "PERSON"), (3, 4, "GPE")],
        id="the-company-with-no-company-before",
    ),
]


@pytest.mark.parametrize(("spec", "ents", "expected"), CASES)
def test_anaphor_resolves(vocab, spec, ents, expected) -> None:  # type: ignore[no-untyped-def]
    _, resolutions = _resolve(vocab, spec, ents)
    assert _readable(resolutions) == expected


@pytest.mark.parametrize(("spec", "ents"), LEFT_OUT)
def test_unsure_anaphor_is_left_out(vocab, spec, ents) -> None:  # type: ignore[no-untyped-def]
    _, resolutions = _resolve(vocab, spec, ents)
    assert resolutions == []


def _extraction(subject: Span, obj: Span, obj_mention: Mention | None) -> Extraction:
    sentence = Span("", 0, 0)
    return Extraction(
        "t.txt",
        sentence,
        subject,
        "grew with",
        obj,
        "grows with",
        "sv-prep",
        0.7,
        subject_mention=None,
        object_mention=obj_mention,
    )


def test_extraction_takes_the_antecedent_and_says_how(vocab) -> None:  # type: ignore[no-untyped-def]
    _doc, resolutions = _resolve(vocab, CASES[0].values[0], CASES[0].values[1])
    subject = Span("The company", 29, 40)
    servers = Span("servers", 48, 55)
    [ex] = apply_resolutions([_extraction(subject, servers, None)], resolutions)
    assert ex.subject_mention is not None
    assert (ex.subject_mention.text, ex.subject_mention.resolved) == (
        "Foxconn",
        "definite-description",
    )
    assert ex.subject == subject  # the span still says what the text wrote


def test_an_anaphor_for_two_gives_one_extraction_each(vocab) -> None:  # type: ignore[no-untyped-def]
    doc, resolutions = _resolve(vocab, CASES[4].values[0], CASES[4].values[1])
    start = doc.text.index("Both")
    subject = Span("Both countries", start, start + len("Both countries"))
    out = apply_resolutions([_extraction(subject, Span("", 0, 0), None)], resolutions)
    assert [e.subject_mention.text for e in out if e.subject_mention] == ["Russia", "China"]


def test_a_longer_phrase_ending_in_an_anaphor_is_not_replaced(vocab) -> None:  # type: ignore[no-untyped-def]
    _doc, resolutions = _resolve(vocab, CASES[0].values[0], CASES[0].values[1])
    longer = Span("Taipei . The company", 20, 40)
    [ex] = apply_resolutions([_extraction(longer, Span("", 0, 0), None)], resolutions)
    assert ex.subject_mention is None
