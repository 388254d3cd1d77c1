"""SHACL: the demo graph conforms to kg's shapes, and each shape catches what it is for."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS

from kg.cli import main
from kg.namespace import KG, REL, entity_iri
from kg.validate import validate
from tests.rdfdocs import store_of


@pytest.fixture
def graph() -> Graph:
    return store_of().to_graph()


def test_the_demo_graph_conforms(data_graph: Graph) -> None:
    report = validate(data_graph)
    assert report.conforms, "\n".join(map(str, report.violations[:20]))


def test_a_small_store_conforms(graph: Graph) -> None:
    assert validate(graph).conforms


def _messages(graph: Graph) -> set[str]:
    report = validate(graph)
    assert not report.conforms
    return {v.message for v in report.violations}


def test_evidence_without_its_document_is_reported(graph: Graph) -> None:
    graph.remove((None, PROV.wasDerivedFrom, None))
    assert any("wasDerivedFrom" in m or "Less than 1" in m for m in _messages(graph))


def test_an_edge_without_a_statement_node_is_reported(graph: Graph) -> None:
    graph.add(
        (entity_iri("Samsung", "organization"), REL.partners, entity_iri("Nvidia", "organization"))
    )
    assert (
        "An edge between entities has no statement node (kg:Assertion) explaining it"
        in _messages(graph)
    )


def test_an_unknown_kind_and_a_second_label_are_reported(graph: Graph) -> None:
    nvidia = entity_iri("Nvidia", "organization")
    graph.set((nvidia, KG.kind, Literal("robot")))
    graph.add((nvidia, RDF.type, KG.Entity))
    graph.add((entity_iri("Taiwan", "place"), RDFS.label, Literal("Formosa")))
    messages = _messages(graph)
    assert "An entity has exactly one kg:kind, one of kg's kinds" in messages
    assert "An entity has exactly one non-empty rdfs:label" in messages


def test_cli_validate_exit_status(tmp_path: Path, graph: Graph) -> None:
    good = tmp_path / "good.ttl"
    graph.serialize(good, format="turtle")
    result = CliRunner().invoke(main, ["validate", str(good)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Conforms to kg's shapes\n")
    graph.remove((None, KG.evidence, None))
    bad = tmp_path / "bad.ttl"
    graph.serialize(bad, format="turtle")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.stdout.startswith("Violation: <https://w3id.org/kg-text/assertion/")
    assert result.stderr.endswith("violation(s)\n")
