"""The SPARQL endpoint with real clients (SPARQLWrapper, rdflib's SPARQLStore) against a running
`kg serve`: every result format, updates refused, a runaway query stopped, a result-size cap."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.store import Store
from tests.rdfdocs import doc_a, doc_b

_TIMEOUT = 2
_MAX_BYTES = 200_000
_PARTNERS = """PREFIX rel: <https://w3id.org/kg-text/relation/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a ?b WHERE { ?s rel:partners ?o . ?s rdfs:label ?a . ?o rdfs:label ?b }"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def filled_store(path: Path) -> Path:
    """A store with two documents and 3,000 filler statements (for the result-size cap)."""
    with Store.open(path) as store:
        store.install_ontology()
        store.replace_document(doc_a())
        store.replace_document(doc_b())
        filler = ox.NamedNode("https://example.org/filler")
        store.oxigraph.extend(
            ox.Quad(
                ox.NamedNode(f"https://example.org/n{i}"),
                ox.NamedNode("https://example.org/next"),
                ox.NamedNode(f"https://example.org/n{i + 1}"),
                filler,
            )
            for i in range(3000)
        )
    return path


@contextmanager
def serving(path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run `kg serve` on ``path`` as a real process; yield its URL and the process."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "serve",
            str(path),
            "--port",
            str(port),
            "--timeout",
            str(_TIMEOUT),
            "--max-bytes",
            str(_MAX_BYTES),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2) as response:
                    response.read()
                break
            except OSError as e:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"kg serve did not start: {process.stderr.read() if process.stderr else ''}"
                    ) from e
                time.sleep(0.1)
        yield url, process
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()
    assert not list(path.parent.glob(".store.serve-*")), "the snapshot was not removed"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(filled_store(tmp_path_factory.mktemp("serve") / "store")) as (url, _):
        yield url


def _client(url: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def _raw(url: str, query: str, accept: str) -> tuple[int, str, str]:
    request = urllib.request.Request(
        f"{url}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.headers["Content-Type"], e.read().decode()


def test_select_in_json_and_xml(endpoint: str) -> None:
    rows = _client(endpoint, _PARTNERS, JSON).queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [(r["a"]["value"], r["b"]["value"]) for r in rows] == [("Nvidia", "Foxconn")]
    xml = _client(endpoint, _PARTNERS, XML).queryAndConvert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")] == ["Nvidia", "Foxconn"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fmt", "text"), [(CSV, "a,b\r\nNvidia,Foxconn\r\n"), (TSV, '?a\t?b\n"Nvidia"\t"Foxconn"\n')]
)
def test_select_in_csv_and_tsv(endpoint: str, fmt: str, text: str) -> None:
    assert _client(endpoint, _PARTNERS, fmt).queryAndConvert().decode() == text  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(endpoint: str, fmt: str) -> None:
    result = _client(
        endpoint, "ASK { ?s <https://w3id.org/kg-text/relation/partners> ?o }", fmt
    ).queryAndConvert()
    answer = (
        result["boolean"]
        if fmt == JSON
        else result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    )  # type: ignore[index,union-attr]
    assert answer is True


def test_construct_as_turtle_and_n_triples(endpoint: str) -> None:
    from rdflib import Graph

    query = (
        "CONSTRUCT { ?s <https://w3id.org/kg-text/relation/partners> ?o } "
        "WHERE { ?s <https://w3id.org/kg-text/relation/partners> ?o }"
    )
    turtle = _client(endpoint, query, TURTLE).queryAndConvert()
    assert len(Graph().parse(data=turtle, format="turtle")) == 1
    status, kind, text = _raw(endpoint, query, "application/n-triples")
    assert (status, kind.split(";")[0]) == (200, "application/n-triples")
    assert text == (
        "<https://w3id.org/kg-text/entity/organization/Nvidia> "
        "<https://w3id.org/kg-text/relation/partners> "
        "<https://w3id.org/kg-text/entity/organization/Foxconn> .\n"
    )


def test_describe_returns_a_graph(endpoint: str) -> None:
    status, kind, text = _raw(
        endpoint, "DESCRIBE <https://w3id.org/kg-text/entity/place/Taiwan>", "text/turtle"
    )
    assert status == 200 and kind.startswith("text/turtle") and "Taiwan" in text


def test_post_works_like_get(endpoint: str) -> None:
    client = _client(endpoint, _PARTNERS, JSON)
    client.setMethod("POST")
    assert client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]


def test_rdflib_sparqlstore_reads_the_union_default_graph(endpoint: str) -> None:
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(endpoint))
    rows = list(
        graph.query("SELECT ?s WHERE { ?s <https://w3id.org/kg-text/relation/basedIn> ?o }")
    )
    assert len(rows) == 2


def test_updates_are_refused_with_a_clear_error(endpoint: str) -> None:
    update = "INSERT DATA { <https://a.example/s> <https://a.example/p> <https://a.example/o> }"
    client = _client(endpoint, update, JSON)
    client.setMethod("POST")  # SPARQLWrapper itself sends updates only by POST
    with pytest.raises(urllib.error.HTTPError) as error:
        client.query()
    with error.value:
        assert error.value.code == 403
        assert error.value.read().decode().startswith("kg serve is read-only: SPARQL updates")
    status, _, text = _raw(endpoint, update, "application/sparql-results+json")
    assert (status, text.split(":")[0]) == (403, "kg serve is read-only")
    request = urllib.request.Request(
        endpoint.replace("/sparql", "/update"),
        data=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update"},
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    with error.value:
        assert error.value.code == 403
    assert (
        _client(endpoint, "ASK { <https://a.example/s> ?p ?o }", JSON).queryAndConvert()["boolean"]
        is False
    )  # type: ignore[index]


def test_a_syntax_error_is_a_bad_request(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed, match="expected one of"):
        _client(endpoint, "SELECT ?s WHERE { ?s ?p }", JSON).query()


def test_a_runaway_query_is_stopped_at_the_timeout(endpoint: str) -> None:
    started = time.monotonic()
    status, _, text = _raw(
        endpoint,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "application/sparql-results+json",
    )
    assert (status, text.split(",")[0]) == (503, f"The query was stopped after {_TIMEOUT} s")
    assert time.monotonic() - started < _TIMEOUT + 5
    with pytest.raises(urllib.error.HTTPError) as error:
        _client(
            endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", JSON
        ).query()
    with error.value:
        assert error.value.code == 503


def test_a_result_larger_than_the_cap_is_refused(endpoint: str) -> None:
    status, _, text = _raw(
        endpoint, "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json"
    )
    assert status == 413
    assert text.startswith(f"The result is larger than {_MAX_BYTES:,} bytes")
    status, _, text = _raw(
        endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", "application/sparql-results+json"
    )
    assert status == 200 and len(json.loads(text)["results"]["bindings"]) == 10


def test_the_endpoint_listens_only_on_loopback_by_default(endpoint: str) -> None:
    assert endpoint.startswith("http://127.0.0.1:")
