"""The relation vocabulary: its Wikidata mapping, and which relation a predicate states."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef

from kg.graph import new_graph
from kg.namespace import REL, WDT, relation_local_name
from kg.vocabulary import ontology_turtle, read_relation, vocabulary

# The query a Wikidata-aware client runs: a property maps to Wikidata through sub-property and
# equivalence chains, an inverse swapping the direction.
_STEP = "(rdfs:subPropertyOf|owl:equivalentProperty|^owl:equivalentProperty)"
_MAPPING = f"""
SELECT DISTINCT ?w ?inverse WHERE {{
  {{ ?p {_STEP}+ ?w . BIND(false AS ?inverse) }}
  UNION
  {{ ?p {_STEP}*/(owl:inverseOf|^owl:inverseOf)/{_STEP}* ?w . BIND(true AS ?inverse) }}
  FILTER(STRSTARTS(STR(?w), STR(wdt:)))
}}"""


def _ontology() -> Graph:
    graph = new_graph()
    graph.parse(data=ontology_turtle(), format="turtle")
    return graph


def _maps(graph: Graph, label: str) -> set[tuple[str, bool]]:
    rows = graph.query(_MAPPING, initBindings={"p": REL[relation_local_name(label)]})
    return {(str(r[0]).rsplit("/", 1)[-1], r[1].toPython()) for r in rows}  # type: ignore[index]


def test_at_least_forty_wikidata_properties_are_covered() -> None:
    properties = {r.wikidata for r in vocabulary().relations.values() if r.wikidata}
    assert len(properties) >= 40
    assert all(re.fullmatch(r"P[1-9][0-9]*", p) for p in properties)


def test_every_relation_is_defined_and_inverses_are_mutual() -> None:
    relations = vocabulary().relations
    for relation in relations.values():
        assert relation.definition, relation.label
        if relation.inverse:
            assert relations[relation.inverse].inverse == relation.label


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        pytest.param("located in", {("P131", False), ("P150", True)}, id="located-in-and-contains"),
        pytest.param(
            "headquarters in",
            {("P159", False), ("P131", False), ("P150", True)},
            id="headquarters-is-a-location",
        ),
        pytest.param("acquires", {("P127", True)}, id="acquirer-owns"),
        pytest.param("president of", {("P35", True)}, id="office-by-inverse-and-parent"),
        pytest.param("spouse of", {("P26", False)}, id="symmetric"),
        pytest.param("partners", set(), id="open-relation"),
    ],
)
def test_ontology_maps_relations_to_wikidata_properties(
    label: str, expected: set[tuple[str, bool]]
) -> None:
    assert _maps(_ontology(), label) == expected


def test_ontology_marks_symmetric_relations() -> None:
    graph = _ontology()
    symmetric = URIRef("http://www.w3.org/2002/07/owl#SymmetricProperty")
    assert (REL.spouseOf, None, None) in graph
    assert (
        REL.partners,
        URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        symmetric,
    ) in graph
    assert (
        REL.locatedIn,
        URIRef("http://www.w3.org/2000/01/rdf-schema#subPropertyOf"),
        WDT.P131,
    ) in graph


@pytest.mark.parametrize(
    ("predicate", "subject", "obj", "relation"),
    [
        pytest.param("bears in", "person", "place", "born in", id="born-in"),
        pytest.param("country", "person", "place", "citizen of", id="demonym-of-a-person"),
        pytest.param("country", "work", "place", "country of origin", id="demonym-of-a-work"),
        pytest.param("country", "organization", "place", "country", id="demonym-of-a-firm"),
        pytest.param(
            "president of", "person", "place", "president of", id="president-of-a-country"
        ),
        pytest.param("president of", "person", "organization", "leads", id="president-of-a-club"),
        pytest.param("king of", "person", "place", "heads state of", id="king"),
        pytest.param("album by", "work", "person", "performed by", id="album-by"),
        pytest.param("drummer of", "person", "organization", "member of", id="drummer-of-a-band"),
        pytest.param("brother", "person", "person", "sibling of", id="possessive-kinship"),
        pytest.param("has", "place", "organization", None, id="possessive-has-is-no-edge"),
        pytest.param("is", "place", "place", None, id="apposition-is-no-edge"),
        pytest.param("is in", "person", "place", None, id="a-person-is-in-no-edge"),
        pytest.param("is in", "organization", "place", "located in", id="an-office-is-in"),
        pytest.param("wins", "person", "award", "wins award", id="an-award-won"),
        pytest.param(
            "invests in", "organization", "concept", "invests in", id="open-relation-kept"
        ),
    ],
)
def test_a_predicate_reads_by_the_kinds_of_both_ends(
    predicate: str, subject: str, obj: str, relation: str | None
) -> None:
    assert read_relation(predicate, subject, obj) == relation
