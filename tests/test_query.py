"""SPARQL over a store or a file: pre-bound prefixes, the union default graph, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.query import ask, construct, is_update, query, select
from kg.store import Store
from tests.conftest import DATA
from tests.rdfdocs import doc_a, store_of


@pytest.fixture
def store() -> Store:
    return store_of()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "SELECT ?s WHERE { ?s ?p }",
            "SPARQL syntax error at line 1, column 26: expected one of",
            id="missing-object",
        ),
        pytest.param(
            "SELECT *\nWHERE {\n  ?s ?p ?o",
            "SPARQL syntax error at line 3, column 11: ",
            id="line-3",
        ),
        pytest.param(
            "SELECT * { ?s foo:bar ?o }",
            "SPARQL syntax error at line 1, column 22: unknown prefix 'foo:' (pre-bound: kg, ent",
            id="unknown-prefix",
        ),
        pytest.param("INSERT DATA { <a:s> <a:p> <a:o> }", "Updates are not allowed", id="update"),
        pytest.param(
            "PREFIX x: <a:#>\nDELETE WHERE { ?s ?p ?o }", "Updates are not allowed", id="delete"
        ),
    ],
)
def test_errors_are_one_line_with_position(store: Store, text: str, message: str) -> None:
    with pytest.raises(QueryError) as error:
        query(store, text)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_default_graph_is_the_union_of_document_graphs(store: Store) -> None:
    # Nvidia is based in Taiwan says a.txt, Samsung is says b.txt; each edge is one row.
    rows = select(
        store, "SELECT ?s ?o WHERE { ?s rel:basedIn ?o ; rdfs:label ?l . ?o rdfs:label ?m }"
    )
    assert len(rows) == 2
    per_graph = select(
        store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e a kg:Evidence } } GROUP BY ?g"
    )
    assert len(per_graph) == 2


def test_query_forms_return_rdflib_values(store: Store) -> None:
    from rdflib import Literal

    assert ask(store, "ASK { ?s rel:partners ?o }")
    assert Literal("Nvidia") in {
        r["l"] for r in select(store, "SELECT ?l WHERE { ?s rdfs:label ?l }")
    }
    graph = construct(store, "CONSTRUCT { ?s rel:partners ?o } WHERE { ?s rel:partners ?o }")
    assert len(graph) == 1
    optional = select(
        store, "SELECT ?s ?x WHERE { ?s rel:partners ?o OPTIONAL { ?s rel:nothing ?x } }"
    )
    assert optional[0]["x"] is None


def test_an_rdflib_graph_is_queried_the_same_way(store: Store) -> None:
    graph = store.to_graph()
    text = "SELECT ?s ?o WHERE { ?s rel:basedIn ?o } ORDER BY ?s"
    assert select(graph, text) == select(store, text)


def test_is_update_reads_the_first_keyword_after_the_prologue() -> None:
    assert is_update(
        "# note\nPREFIX kg: <https://w3id.org/kg-text/ontology#>\nINSERT DATA { kg:a kg:b kg:c }"
    )
    assert not is_update("SELECT * { ?s rdfs:label 'INSERT DATA' }")
    assert not is_update("PREFIX p: <http://x/#> CONSTRUCT WHERE { ?s ?p ?o }")


def test_the_readme_queries_run_on_a_store(store: Store) -> None:
    for rq in sorted((DATA / "queries").glob("*.rq")):
        query(store, rq.read_text(encoding="utf-8"))


def test_why_does_this_edge_exist(store: Store) -> None:
    rows = select(
        store,
        """
        SELECT ?sentence ?source ?begin ?end ?rule ?confidence ?phrase WHERE {
          ?s rdfs:label "Nvidia" . ?o rdfs:label "Foxconn" .
          ?a rdf:subject ?s ; rdf:predicate rel:partners ; rdf:object ?o ; kg:evidence ?e .
          ?e kg:sentence ?sentence ; prov:wasDerivedFrom ?doc ; nif:beginIndex ?begin ;
             nif:endIndex ?end ; kg:rule ?rule ; kg:confidence ?confidence ;
             kg:relationPhrase ?phrase .
          ?doc kg:source ?source .
        } ORDER BY ?source""",
    )
    assert [(str(r["source"]), int(r["begin"]), str(r["rule"])) for r in rows] == [
        ("a.txt", 0, "svo"),
        ("b.txt", 0, "svo"),
    ]


def test_cli_queries_a_store_directory_and_a_file(tmp_path: Path, store: Store) -> None:
    with Store.open(tmp_path / "store") as disk:
        disk.install_ontology()
        disk.replace_document(doc_a())
        (tmp_path / "g.ttl").write_bytes(disk.export("turtle"))
    runner = CliRunner()
    text = "SELECT ?o WHERE { ?s rel:partners ?o }"
    for source in (tmp_path / "store", tmp_path / "g.ttl"):
        result = runner.invoke(main, ["query", str(source), text, "-f", "csv"])
        assert result.exit_code == 0, result.output
        assert result.stdout == "o\nhttps://w3id.org/kg-text/entity/organization/Foxconn\n"


def test_cli_query_on_a_missing_path_says_how_to_make_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", str(tmp_path / "nope.ttl"), "ASK {}"])
    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: {tmp_path / 'nope.ttl'}: no such RDF file or store "
        "(build one with `kg build`)\n"
    )
