"""RDF → networkx projection and its measures, on graphs built by hand with ``kg.graph.to_rdf``."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
from rdflib.namespace import OWL, RDF

from kg.analyze import Evidence, components, degree, pagerank, stats, to_networkx
from kg.cli import main
from kg.graph import to_rdf
from kg.model import Document, Entity, Triple
from kg.namespace import entity_iri, relation_iri
from tests.facts import fact

RUSSIA = Entity("Russia", "place")
CHINA = Entity("China", "place")
YANDEX = Entity("Yandex", "organization")
BAIDU = Entity("Baidu", "organization")
PUTIN = Entity("Vladimir Putin", "person")
DOC_A = Document(
    "news/a.txt", "Yandex partnered with Baidu. Russia seeks collaboration with China."
)
DOC_B = Document("news/b.txt", "Vladimir Putin leads Russia. Baidu partners Yandex.")


def sample_graph():  # type: ignore[no-untyped-def]
    triples = [
        fact(DOC_A, YANDEX, "partners", BAIDU, "Yandex partnered with Baidu.", 0.85),
        fact(DOC_A, RUSSIA, "collaborates", CHINA, "Russia seeks collaboration with China.", 0.6),
        fact(DOC_B, PUTIN, "leads", RUSSIA, "Vladimir Putin leads Russia.", 0.7),
        fact(DOC_B, BAIDU, "partners", YANDEX, "Baidu partners Yandex.", 0.95),
    ]
    graph = to_rdf(triples, [DOC_A, DOC_B])
    graph.add((relation_iri("partners"), RDF.type, OWL.SymmetricProperty))
    return graph


def iri(entity: Entity) -> str:
    return str(entity_iri(entity.name, entity.kind))


def test_projection_has_entities_as_nodes_with_label_and_kind() -> None:
    g = to_networkx(sample_graph())
    assert {(d["label"], d["kind"]) for _, d in g.nodes(data=True)} == {
        ("Russia", "place"),
        ("China", "place"),
        ("Yandex", "organization"),
        ("Baidu", "organization"),
        ("Vladimir Putin", "person"),
    }
    assert g.graph["documents"] == ["news/a.txt", "news/b.txt"]


def test_projection_edges_carry_predicate_label_symmetry_and_evidence() -> None:
    g = to_networkx(sample_graph())
    edges = {
        (g.nodes[s]["label"], d["label"], g.nodes[o]["label"]): d for s, o, d in g.edges(data=True)
    }
    assert set(edges) == {
        ("Yandex", "partners", "Baidu"),
        ("Baidu", "partners", "Yandex"),
        ("Russia", "collaborates", "China"),
        ("Vladimir Putin", "leads", "Russia"),
    }
    assert edges[("Yandex", "partners", "Baidu")]["symmetric"] is True
    assert edges[("Vladimir Putin", "leads", "Russia")]["symmetric"] is False
    (evidence,) = edges[("Vladimir Putin", "leads", "Russia")]["evidence"]
    assert evidence == Evidence(
        document="news/b.txt",
        sentence="Vladimir Putin leads Russia.",
        confidence=0.7,
        rule="svo",
        phrase="leads",
        subject=(0, 14),
        object=(21, 27),
    )


def test_edge_key_is_the_predicate_iri() -> None:
    g = to_networkx(sample_graph())
    assert g.has_edge(iri(PUTIN), iri(RUSSIA), key=str(relation_iri("leads")))


def test_edges_without_provenance_have_no_evidence() -> None:
    g = to_networkx(to_rdf([Triple(YANDEX, "partners", BAIDU)]))
    ((_, _, d),) = g.edges(data=True)
    assert d["evidence"] == ()


@pytest.mark.parametrize(
    ("begin", "end", "expected"),
    [
        pytest.param(100 + 21, 100 + 27, (21, 27), id="document-offsets"),
        pytest.param(21, 27, (21, 27), id="sentence-offsets"),
        pytest.param(0, 3, (21, 27), id="wrong-offsets-found-by-text"),
        pytest.param(None, None, (21, 27), id="no-offsets-found-by-text"),
    ],
)
def test_mentions_are_located_inside_the_sentence(
    begin: int | None, end: int | None, expected: tuple[int, int]
) -> None:
    from kg.analyze import _mark

    assert _mark("Vladimir Putin leads Russia.", "Russia", begin, end, offset=100) == expected


def test_a_mention_not_in_the_sentence_is_not_marked() -> None:
    from kg.analyze import _mark

    assert _mark("Vladimir Putin leads Russia.", "Moscow", None, None, offset=0) is None


@pytest.mark.parametrize(
    "graph",
    [
        pytest.param(nx.star_graph(6), id="star"),
        pytest.param(nx.path_graph(7), id="path"),
        pytest.param(nx.gnm_random_graph(60, 150, seed=3), id="random"),
        pytest.param(nx.barabasi_albert_graph(80, 2, seed=1), id="scale-free"),
        pytest.param(nx.disjoint_union(nx.path_graph(3), nx.empty_graph(2)), id="isolated-nodes"),
    ],
)
def test_pagerank_matches_networkx_over_edges_taken_both_ways(graph: nx.Graph) -> None:
    expected = _pagerank_python(graph.to_directed(), tol=1e-12, max_iter=1000)
    ours = pagerank(nx.DiGraph(graph))  # one direction only: pagerank adds the reverse
    assert ours == pytest.approx(expected, abs=1e-6)


def test_pagerank_counts_parallel_edges_and_is_a_distribution() -> None:
    g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("a", "c")])
    ranks = pagerank(g)
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert ranks["b"] > ranks["c"]
    assert pagerank(nx.MultiDiGraph()) == {}


def test_degree_counts_both_directions_and_parallel_edges() -> None:
    g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("c", "a")])
    assert degree(g) == {"a": 3, "b": 2, "c": 1}


def test_components_ignore_direction_and_come_largest_first() -> None:
    g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("x", "y")])
    g.add_node("lonely")
    assert components(g) == [{"a", "b", "c"}, {"x", "y"}, {"lonely"}]


def test_stats_counts_and_central_entities() -> None:
    s = stats(sample_graph(), top=3)
    assert (s.entities, s.relations, s.documents, s.evidence) == (5, 4, 2, 4)
    assert (s.components, s.largest_component) == (2, 3)
    assert s.entities_by_kind == (("organization", 2), ("place", 2), ("person", 1))
    assert s.relations_by_predicate == (("partners", 2), ("collaborates", 1), ("leads", 1))
    assert [r.label for r in s.top_pagerank] == ["Russia", "Baidu", "Yandex"]
    assert [(r.label, r.score) for r in s.top_degree] == [
        ("Baidu", 2.0),
        ("Russia", 2.0),
        ("Yandex", 2.0),
    ]


def test_stats_of_an_empty_graph() -> None:
    s = stats(to_rdf([]))
    assert (s.entities, s.relations, s.components, s.largest_component, s.top_pagerank) == (
        0,
        0,
        0,
        0,
        (),
    )


def test_stats_to_dict_is_json() -> None:
    out = json.loads(json.dumps(stats(sample_graph(), top=1).to_dict()))
    assert out["entities_by_kind"] == {"organization": 2, "place": 2, "person": 1}
    assert out["top_pagerank"] == [
        {
            "iri": iri(RUSSIA),
            "label": "Russia",
            "kind": "place",
            "score": pytest.approx(out["top_pagerank"][0]["score"]),
        }
    ]


@pytest.fixture
def turtle(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    sample_graph().serialize(path, format="turtle")
    return path


def test_cli_stats_table(turtle: Path) -> None:
    result = CliRunner().invoke(main, ["stats", str(turtle), "--top", "2"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "entities    5",
        "relations   4",
        "documents   2",
        "evidence    4",
        "components  2 (largest: 3 entities)",
    ]
    assert "Entities by type" in lines and "  organization  2" in lines
    assert "Relations by predicate" in lines and "  partners      2" in lines
    central = lines[lines.index("Most central (PageRank)") + 1]
    assert central.split()[1:] == ["Russia", "(place)"]
    assert lines[lines.index("Most connected (degree)") + 1].split() == [
        "2",
        "Baidu",
        "(organization)",
    ]


def test_cli_stats_json(turtle: Path) -> None:
    result = CliRunner().invoke(main, ["stats", str(turtle), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert (out["entities"], out["relations"], out["documents"]) == (5, 4, 2)
    assert out["relations_by_predicate"] == {"partners": 2, "collaborates": 1, "leads": 1}


def test_cli_stats_missing_file_is_one_error_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
