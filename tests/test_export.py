"""Exports: every RDF format from a store or a file, and the entity graph as GraphML and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import GraphFormatError
from kg.export import export, to_csv, to_graphml
from kg.jsonld import compact_jsonld
from kg.model import Entity
from kg.namespace import ENT, KIND_PREFIXES, KINDS, PREFIXES, entity_iri
from kg.store import Store
from tests.rdfdocs import NVIDIA, doc_a, doc_b, news, store_of


@pytest.fixture
def store() -> Store:
    return store_of()


@pytest.mark.parametrize("fmt", ["turtle", "ttl", "nt", "xml"])
def test_triple_formats_hold_the_union_of_the_graphs(store: Store, fmt: str) -> None:
    parsed = Graph().parse(data=export(store, fmt), format={"ttl": "turtle"}.get(fmt, fmt))
    assert isomorphic(parsed, store.to_graph())


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_quad_formats_keep_each_document_graph(store: Store, fmt: str) -> None:
    dataset = Dataset()
    dataset.parse(data=export(store, fmt), format={"jsonld": "json-ld"}.get(fmt, fmt))
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {
        str(doc_a().iri),
        str(doc_b().iri),
        "https://w3id.org/kg-text/graph/facts",
        "https://w3id.org/kg-text/ontology",
    }


def test_graphml_reads_back_as_the_entity_graph(store: Store) -> None:
    graph = nx.read_graphml(io.BytesIO(to_graphml(store).encode()), force_multigraph=True)
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert labels == {"Nvidia", "Foxconn", "Taiwan", "Samsung"}
    edges = {
        (graph.nodes[s]["label"], d["predicate"], graph.nodes[o]["label"], d["evidence"])
        for s, o, d in graph.edges(data=True)
    }
    assert edges == {
        ("Nvidia", "partners", "Foxconn", 2),
        ("Nvidia", "based in", "Taiwan", 1),
        ("Samsung", "based in", "Taiwan", 1),
    }


def test_csv_is_one_row_per_edge_with_its_best_sentence(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(store))))
    assert [
        (r["source_label"], r["predicate_label"], r["target_label"], r["evidence"]) for r in rows
    ] == [
        ("Nvidia", "based in", "Taiwan", "1"),
        ("Nvidia", "partners", "Foxconn", "2"),
        ("Samsung", "based in", "Taiwan", "1"),
    ]
    assert rows[1]["sentence"] in {
        "Nvidia partnered with Foxconn.",
        "Foxconn said Nvidia partnered with Foxconn again.",
    }


def test_unknown_format_lists_the_choices(store: Store) -> None:
    with pytest.raises(
        GraphFormatError, match=r"Unknown RDF format 'yaml'\. Available: csv, graphml, json-ld"
    ):
        export(store, "yaml")


def test_cli_exports_a_store_to_trig_and_back(store: Store, tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as disk:
        disk.install_ontology()
        disk.replace_document(doc_a())
        disk.replace_document(doc_b())
    runner = CliRunner()
    result = runner.invoke(
        main, ["export", str(tmp_path / "store"), "-f", "trig", "-o", str(tmp_path / "g.trig")]
    )
    assert result.exit_code == 0, result.output
    with Store.load(tmp_path / "g.trig") as loaded:
        assert set(loaded.oxigraph) == set(store.oxigraph)
    result = runner.invoke(main, ["export", str(tmp_path / "g.trig"), "-f", "graphml"])
    assert result.stdout.startswith("<graphml")


def test_jsonld_names_terms_with_kgs_prefixes(store: Store) -> None:
    document = json.loads(export(store, "jsonld"))
    assert document["@context"]["rel"] == "https://w3id.org/kg-text/relation/"
    assert document["@context"]["ent"] == "https://w3id.org/kg-text/entity/"
    keys = {
        key for graph in document["@graph"] for node in graph.get("@graph", [graph]) for key in node
    }
    assert {"rel:partners", "rel:basedIn", "kg:evidence", "rdfs:label", "@type"} <= keys
    assert not any(key.startswith("http") for key in keys)
    text = export(store, "jsonld")
    assert '"@id": "org:Nvidia"' in text and '"@id": "place:Taiwan"' in text
    assert document["@context"]["org"] == "https://w3id.org/kg-text/entity/organization/"
    assert '"rdfs:label": [\n            "Nvidia"\n          ]' in text


def test_jsonld_reads_back_isomorphic_in_rdflib(store: Store) -> None:
    dataset = Dataset()
    dataset.parse(data=export(store, "jsonld"), format="json-ld")
    expected = Dataset()
    expected.parse(data=export(store, "nquads"), format="nquads")
    names = {g.identifier for g in expected.graphs() if len(g)}
    assert {g.identifier for g in dataset.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(dataset.graph(name), expected.graph(name)), name


def test_jsonld_reads_back_as_the_same_quads_in_pyoxigraph(store: Store) -> None:
    data = export(store, "jsonld").encode()
    quads = set(ox.parse(data, format=ox.RdfFormat.JSON_LD))
    assert quads == set(store.oxigraph)


def test_jsonld_keeps_an_iri_whose_scheme_is_a_prefix_in_full() -> None:
    odd = "rel:not-a-prefixed-name"
    data = json.dumps([{"@id": odd, "https://w3id.org/kg-text/relation/partners": [{"@id": odd}]}])
    document = json.loads(compact_jsonld(data))
    assert "rel" not in document["@context"]
    assert document["@graph"] == [
        {"@id": odd, "https://w3id.org/kg-text/relation/partners": [{"@id": odd}]}
    ]


def test_cli_exports_jsonld_the_same_on_every_run(store: Store, tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as disk:
        disk.install_ontology()
        disk.replace_document(doc_a())
        disk.replace_document(doc_b())
    runner = CliRunner()
    first = runner.invoke(main, ["export", str(tmp_path / "store"), "-f", "jsonld"])
    second = runner.invoke(main, ["export", str(tmp_path / "store"), "-f", "json-ld"])
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert first.stdout.startswith('{\n  "@context": {\n    "kg": ')


def test_turtle_opens_with_the_entities_then_provenance_then_the_ontology(store: Store) -> None:
    text = export(store, "turtle")
    body = text.split("\n\n", 1)[1]
    assert body.startswith("# Entities: their names, kinds and the relations between them\norg:")
    sections = [line for line in body.splitlines() if line.startswith("# ")]
    assert sections == [
        "# Entities: their names, kinds and the relations between them",
        "# Documents",
        "# Statement nodes, each followed by the evidence for it",
        "# Ontology, relation vocabulary and any other statements",
    ]
    first_statement = min(text.index("\nassertion:"), text.index("\nevidence:"))
    assert text.index("\norg:Nvidia a ") < text.index("\ndoc:") < first_statement
    assert first_statement < text.index("\nkg:Entity a ")
    # Statement nodes in the order of their edges (Nvidia based in Taiwan, Nvidia partners
    # Foxconn, Samsung based in Taiwan), each followed by its own evidence.
    subjects = [line.split()[0] for line in body.splitlines() if line[:1].isalpha()]
    statements = [s for s in subjects if s.startswith(("assertion:", "evidence:"))]
    assert [s.split(":")[0] for s in statements] == [
        "assertion",
        "evidence",
        "assertion",
        "evidence",
        "evidence",
        "assertion",
        "evidence",
    ]
    blocks = body.split("\nassertion:")[1:]
    cited = [
        set(re.findall(r"kg:evidence ([^;.]+)", block)[0].replace(",", " ").split())
        for block in blocks
    ]
    following = [set(re.findall(r"^(evidence:\S+) a kg:Evidence", block, re.M)) for block in blocks]
    assert cited == following


def test_turtle_names_entities_with_their_kinds_prefix(store: Store) -> None:
    text = export(store, "turtle")
    assert "org:Nvidia rel:partners org:Foxconn" not in text  # one subject, several lines
    assert 'org:Nvidia a schema:Organization , kg:Entity ;\n\trdfs:label "Nvidia" ;' in text
    assert "\trel:partners org:Foxconn .\n" in text and "\trel:basedIn place:Taiwan ;\n" in text
    assert "\trdf:subject org:Nvidia ;\n" in text and "\tkg:evidence evidence:" in text
    assert "\\/" not in text and "ent:" not in text.split("\n\n", 1)[1]
    assert "<https://w3id.org/kg-text/" not in text.split("\n\n", 1)[1].split("# Ontology")[0]


def test_every_kind_has_its_own_prefix() -> None:
    assert set(KIND_PREFIXES) == set(KINDS)
    assert len(set(KIND_PREFIXES.values())) == len(KINDS)
    for kind, prefix in KIND_PREFIXES.items():
        assert str(PREFIXES[prefix]) == f"{ENT}{kind}/"
        assert str(entity_iri("Nvidia", kind)) == f"{PREFIXES[prefix]}Nvidia"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("AT&T", id="percent-encoded"),
        pytest.param("Apple Inc.", id="trailing-dot"),
        pytest.param("-1 Co", id="leading-hyphen"),
        pytest.param("x² Corp", id="not-a-name-character"),
        pytest.param("C:\\%41 Ltd", id="backslash-percent"),
        pytest.param("Zürich", id="non-ascii"),
    ],
)
def test_turtle_with_an_awkward_name_reads_back_the_same(name: str) -> None:
    odd = Entity(name, "organization")
    text = f"{name} partnered with Nvidia. The memo said \\%41 and {name}."
    document = news("odd.txt", text, (f"{name} partnered with Nvidia.", odd, "partners", NVIDIA))
    store = store_of(document)
    turtle = export(store, "turtle")
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), store.to_graph())
    parsed = {q.triple for q in ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)}
    assert parsed == set(store.triples())
    assert "\\%" not in turtle.replace("\\\\", "")  # "%XX" bare, no needless "\\%"
    assert str(entity_iri(name, "organization")) in {q.subject.value for q in parsed}


def test_turtle_is_the_same_bytes_whatever_order_documents_arrive_in() -> None:
    forward, backward = store_of(doc_a(), doc_b()), store_of(doc_b(), doc_a())
    assert forward.export("turtle") == backward.export("turtle")
