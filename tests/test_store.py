"""The embedded store: idempotent builds, one named graph per document, clean removal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import StoreError
from kg.model import Document
from kg.namespace import FACTS_GRAPH, ONTOLOGY_GRAPH, content_hash, document_iri
from kg.query import select
from kg.store import Store, load
from tests.conftest import DATA
from tests.rdfdocs import NVIDIA, SAMSUNG, TAIWAN, doc_a, doc_b, news, store_of


def _quads(store: Store) -> set[ox.Quad]:
    return set(store.oxigraph)


@pytest.fixture
def store() -> Store:
    """An empty store with kg's ontology."""
    store = Store.memory()
    store.install_ontology()
    return store


# -- the store layout --------------------------------------------------------------------


def test_each_statement_lives_in_the_ontology_the_facts_or_its_document_graph(store: Store) -> None:
    dg = doc_a()
    store.replace_document(dg)
    graphs = {str(q.graph_name.value) for q in store.oxigraph}
    assert graphs == {str(ONTOLOGY_GRAPH), str(FACTS_GRAPH), str(dg.iri)}
    assert dg.iri == document_iri(
        content_hash("Nvidia partnered with Foxconn. Nvidia is based in Taiwan.")
    )


def test_an_edge_read_in_two_documents_is_one_row_with_evidence_from_both(store: Store) -> None:
    store.replace_document(doc_a())
    store.replace_document(doc_b())
    rows = select(store, "SELECT ?s ?o WHERE { ?s rel:partners ?o }")
    assert len(rows) == 1
    evidence = select(
        store,
        """
        SELECT ?doc ?sentence WHERE {
          ?a rdf:subject ?s ; rdf:predicate rel:partners ; kg:evidence ?e .
          ?e prov:wasDerivedFrom ?doc ; kg:sentence ?sentence }""",
    )
    assert {str(r["sentence"]) for r in evidence} == {
        "Nvidia partnered with Foxconn.",
        "Foxconn said Nvidia partnered with Foxconn again.",
    }
    labels = select(store, "SELECT ?l WHERE { ?s rdfs:label ?l FILTER(?l = 'Nvidia') }")
    assert len(labels) == 1  # entity descriptions are shared facts, not repeated per document


def test_writing_the_same_document_again_changes_nothing(store: Store) -> None:
    store.replace_document(doc_a())
    before = _quads(store)
    store.replace_document(doc_a())
    assert _quads(store) == before


def test_adding_a_document_adds_only_its_graph_and_new_facts(store: Store) -> None:
    store.replace_document(doc_a())
    before = _quads(store)
    b = doc_b()
    store.replace_document(b)
    after = _quads(store)
    assert before <= after
    assert {str(q.graph_name.value) for q in after - before} == {str(b.iri), str(FACTS_GRAPH)}


def test_removing_a_document_restores_the_store_before_it(store: Store) -> None:
    store.replace_document(doc_a())
    before, export = _quads(store), store.export("trig")
    b = doc_b()
    store.replace_document(b)
    store.remove_document(str(b.iri))
    assert _quads(store) == before
    assert store.export("trig") == export


def test_removing_the_last_evidence_removes_the_edge_and_orphan_entities(store: Store) -> None:
    a, b = doc_a(), doc_b()
    store.replace_document(a)
    store.replace_document(b)
    store.remove_document(str(a.iri))
    assert select(store, "SELECT ?s WHERE { ?s rel:partners ?o }")  # b still says it
    assert not select(store, "SELECT ?o WHERE { ?s rel:basedIn ?o ; rdfs:label 'Nvidia' }")
    store.remove_document(str(b.iri))
    assert (
        set(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(str(FACTS_GRAPH))))
        == set()
    )
    assert {q.graph_name.value for q in store.oxigraph} == {str(ONTOLOGY_GRAPH)}


def test_a_changed_document_replaces_its_earlier_version(store: Store) -> None:
    store.replace_document(doc_a())
    edited = news(
        "a.txt",
        "Samsung is based in Taiwan.",
        ("Samsung is based in Taiwan.", SAMSUNG, "based in", TAIWAN),
    )
    replaced = store.replace_document(edited)
    assert replaced == (str(doc_a().iri),)
    assert [(d.source, d.iri) for d in store.documents()] == [("a.txt", str(edited.iri))]
    assert store.export("nquads") == store_of(edited).export("nquads")


def test_has_document_and_find_document(store: Store) -> None:
    a = doc_a()
    store.replace_document(a)
    assert store.has_document(a.content_hash)
    assert not store.has_document(content_hash("other"))
    assert store.find_document("a.txt").iri == str(a.iri)
    assert store.find_document(a.content_hash[:10]).source == "a.txt"
    with pytest.raises(StoreError, match=r"No document 'nope' in .*documents: a\.txt"):
        store.find_document("nope")


def test_totals_count_documents_sentences_entities_and_edges(store: Store) -> None:
    store.replace_document(doc_a())
    store.replace_document(doc_b())
    totals = store.totals()
    assert (totals.documents, totals.sentences, totals.entities, totals.triples) == (2, 4, 4, 3)


def test_the_ontology_is_installed_once(store: Store) -> None:
    assert not store.install_ontology()
    rows = select(store, "SELECT ?p WHERE { ?p a owl:SymmetricProperty }")
    assert {str(r["p"]).rsplit("/", 1)[1] for r in rows} >= {
        "partners",
        "collaborates",
        "competesWith",
    }


def test_store_directory_persists_and_a_second_writer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with Store.open(path) as store:
        store.install_ontology()
        store.replace_document(doc_a())
        with pytest.raises(StoreError, match="open for writing in another process"):
            Store.open(path)
    with Store.open(path, read_only=True) as reader:
        assert [d.source for d in reader.documents()] == ["a.txt"]
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_document(doc_b())


def test_opening_something_that_is_not_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"not a kg store .*kg build"):
        Store.open(tmp_path, read_only=True)


def test_load_reads_a_store_directory_as_one_graph(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        store.install_ontology()
        store.replace_document(doc_a())
        expected = store.to_graph()
    assert len(load(tmp_path / "store")) == len(expected)


# -- building data/ incrementally, end to end with the real pipeline ---------------------------


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    from kg.inputs import iter_documents

    return list(iter_documents([str(DATA)]))


def test_building_data_twice_adding_one_and_removing_it(
    tmp_path: Path, documents: list[Document]
) -> None:
    from kg.build import build

    *first, last = documents
    with Store.open(tmp_path / "store") as store:
        result = build(first, sink=store)
        assert (result.added, result.unchanged) == (len(first), 0)
        count, export = len(store), store.export("turtle")
        again = build(first, sink=store)
        assert (again.added, again.unchanged, again.sentences) == (0, len(first), result.sentences)
        assert len(store) == count and store.export("turtle") == export
        before = _quads(store)
        added = build(documents, sink=store)
        assert (added.added, added.unchanged) == (1, len(first))
        new_graph = document_iri(content_hash(last.text))
        assert {str(q.graph_name.value) for q in _quads(store) - before} <= {
            str(new_graph),
            str(FACTS_GRAPH),
        }
        assert before <= _quads(store)
        store.remove_document(store.find_document(last.name).iri)
        assert len(store) == count and store.export("turtle") == export


def test_cli_build_twice_leaves_graph_ttl_unchanged_and_remove_restores_it(tmp_path: Path) -> None:
    runner = CliRunner()
    inputs = tmp_path / "in"
    shutil.copytree(DATA, inputs, ignore=shutil.ignore_patterns("queries", "08-*"))
    out = tmp_path / "out"
    args = ["build", str(inputs), "--out", str(out), "--no-html", "-q"]
    assert runner.invoke(main, args).exit_code == 0
    first = (out / "graph.ttl").read_bytes()
    assert runner.invoke(main, args).exit_code == 0
    assert (out / "graph.ttl").read_bytes() == first
    extra = next(DATA.glob("08-*.txt"))
    result = runner.invoke(main, ["build", str(extra), "--out", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    assert "(1 added, 0 replaced, 0 unchanged)" in result.stderr
    result = runner.invoke(main, ["remove", str(extra), "--store", str(out / "store")])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Removed {extra} (https://w3id.org/kg-text/document/")
    result = runner.invoke(main, ["export", str(out / "store"), "-o", str(tmp_path / "again.ttl")])
    assert (tmp_path / "again.ttl").read_bytes() == first


def test_cli_remove_unknown_document_is_one_line_error(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        store.install_ontology()
    result = CliRunner().invoke(main, ["remove", "nope.txt", "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No document 'nope.txt' in ")
    assert result.stderr.count("\n") == 1


def test_an_edited_file_replaces_its_graph_on_the_next_build(tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "news.txt"
    source.write_text("Nvidia partnered with Foxconn.\n", encoding="utf-8")
    args = ["build", str(source), "--out", str(tmp_path / "out"), "--no-html"]
    runner.invoke(main, args)
    source.write_text("Samsung partnered with Apple.\n", encoding="utf-8")
    result = runner.invoke(main, args)
    assert "(0 added, 1 replaced, 0 unchanged)" in result.stderr
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "Samsung" in turtle and "Foxconn" not in turtle
    assert NVIDIA.name not in turtle
