"""The reading commands on a SPARQL endpoint: Oxigraph's server and Virtuoso (at its shipped
limit of 10,000 rows a request), for real, on loopback; each prints what it prints for the
local store, page by page past the server's limit, and fails in one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib.namespace import RDF, XSD

from kg.build import build
from kg.cli import main
from kg.namespace import KG, document_iri
from kg.query import select
from kg.source import open_source, to_store
from kg.store import Store
from kg.store.remote import PASSWORD_VARIABLE, USER_VARIABLE, RemoteStore
from tests.servers import data_documents, free_port, oxigraph_server, virtuoso_server

# Virtuoso's fresh database has the administrator dba/dba (tests/servers.py).
_CREDENTIALS = {"oxigraph": {}, "virtuoso": {USER_VARIABLE: "dba", PASSWORD_VARIABLE: "dba"}}


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder built from three articles of the demo corpus (2,000 statements): what
    every endpoint below holds too."""
    path = tmp_path_factory.mktemp("local") / "store"
    with Store.open(path) as store:
        build(data_documents()[:3], sink=store)
    return path


@pytest.fixture(scope="module")
def expected(local: Path) -> dict[str, Result]:
    """What each command prints for ``local``, run once for both servers."""
    return {}


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def endpoint(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, local: Path
) -> Iterator[tuple[str, dict[str, str]]]:
    """(URL, credentials) of a running server holding a copy of ``local``'s graphs."""
    start = oxigraph_server if request.param == "oxigraph" else virtuoso_server
    credentials = _CREDENTIALS[request.param]
    with start(tmp_path_factory.mktemp(request.param)) as url:
        remote = RemoteStore(
            url, user=credentials.get(USER_VARIABLE), password=credentials.get(PASSWORD_VARIABLE)
        )
        with Store.open(local, read_only=True) as store:
            remote._insert(sorted(store.oxigraph, key=str))
        yield url, credentials


def _run(args: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner(env={USER_VARIABLE: "", PASSWORD_VARIABLE: "", **(env or {})}).invoke(
        main, args
    )


_SAME_OUTPUT = [
    pytest.param(
        ["query", "SELECT ?s ?o WHERE { ?s rel:partners ?o } ORDER BY ?s ?o"], id="query-table"
    ),
    pytest.param(
        [
            "query",
            "SELECT ?doc (COUNT(?e) AS ?n) WHERE { GRAPH ?doc { ?a kg:evidence ?e } } "
            "GROUP BY ?doc ORDER BY ?doc",
            "-f",
            "json",
        ],
        id="query-named-graphs",
    ),
    pytest.param(["query", "ASK { ?s rel:acquired ?o }"], id="query-ask"),
    pytest.param(
        ["query", "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Entity ; rdfs:label ?l }"],
        id="query-construct",
    ),
    pytest.param(["export"], id="export-turtle"),
    pytest.param(["export", "-f", "trig"], id="export-trig"),
    pytest.param(["export", "-f", "jsonld"], id="export-jsonld"),
    pytest.param(["export", "-f", "csv"], id="export-csv"),
    pytest.param(["stats", "-f", "json", "--explain"], id="stats"),
    pytest.param(["validate"], id="validate"),
]


@pytest.mark.parametrize("args", _SAME_OUTPUT)
def test_a_reading_command_prints_for_an_endpoint_what_it_prints_for_the_store(
    endpoint: tuple[str, dict[str, str]], local: Path, expected: dict[str, Result], args: list[str]
) -> None:
    url, credentials = endpoint
    command, *rest = args
    key = " ".join(args)
    if key not in expected:
        expected[key] = _run([command, str(local), *rest])
    result = _run([command, url, *rest], credentials)
    assert result.exit_code == expected[key].exit_code == 0, result.output
    assert result.stdout == expected[key].stdout


def test_view_draws_the_same_page(
    endpoint: tuple[str, dict[str, str]], local: Path, tmp_path: Path
) -> None:
    url, credentials = endpoint
    for graph, page in ((str(local), "local.html"), (url, "remote.html")):
        result = _run(["view", graph, "-o", str(tmp_path / page), "--title", "t"], credentials)
        assert result.exit_code == 0, result.output
    assert (tmp_path / "remote.html").read_bytes() == (tmp_path / "local.html").read_bytes()
    refused = _run(["view", url], credentials)
    assert refused.exit_code == 2 and "-o FILE" in refused.output


def test_eval_scores_the_endpoint_as_the_store(
    endpoint: tuple[str, dict[str, str]], local: Path, tmp_path: Path
) -> None:
    url, credentials = endpoint
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"subject": "Nvidia", "relation": ["partners"], "object": "Foxconn", "level": "a"}\n'
        '{"subject": "Rapidus", "relation": ["partners"], "object": "Nokia", "level": "b"}\n',
        encoding="utf-8",
    )
    expected = _run(["eval", str(gold), str(local)])
    result = _run(["eval", str(gold), url], credentials)
    assert result.exit_code == expected.exit_code == 0, result.output
    assert result.stdout == expected.stdout and "missed [b] Rapidus" in result.stdout


def test_small_pages_read_the_whole_graph(
    endpoint: tuple[str, dict[str, str]], local: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, credentials = endpoint
    for name, value in credentials.items():
        monkeypatch.setenv(name, value)
    # 2,000 statements in pages of 300 rows: several requests, none overlapping.
    with open_source(url, page_size=300) as source, Store.open(local, read_only=True) as store:
        assert isinstance(source, RemoteStore)
        assert to_store(source).export("nquads") == store.export("nquads")
        assert source.entity_kinds() == store.entity_kinds()
        everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
        assert len(select(source, everything)) == len(select(store, everything)) > 1500


_NUMBER = "https://example.org/number"


def test_more_than_10000_rows_come_back_whole(
    endpoint: tuple[str, dict[str, str]], local: Path
) -> None:
    url, credentials = endpoint
    remote = RemoteStore(
        url, user=credentials.get(USER_VARIABLE), password=credentials.get(PASSWORD_VARIABLE)
    )
    # A document with 12,000 statements of its own, past Virtuoso's 10,000 rows a request.
    iri = ox.NamedNode(str(document_iri("f" * 64)))
    number, integer = ox.NamedNode(_NUMBER), ox.NamedNode(str(XSD.integer))
    quads = [
        ox.Quad(iri, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.Document)), iri),
        *(
            ox.Quad(
                ox.NamedNode(f"{_NUMBER}/{i}"), number, ox.Literal(str(i), datatype=integer), iri
            )
            for i in range(12_000)
        ),
    ]
    remote.chunk = 2000
    remote._insert(quads)
    try:
        with Store.open(local, read_only=True) as store:
            expected = Store.memory()
            expected.oxigraph.extend(store.oxigraph)
        expected.oxigraph.extend(quads)
        exported = _run(["export", url, "-f", "nquads"], credentials)
        assert exported.exit_code == 0, exported.output
        assert exported.stdout == expected.export("nquads").decode()
        numbers = f"SELECT ?n WHERE {{ ?s <{_NUMBER}> ?n }}"
        result = _run(["query", url, numbers, "-f", "csv"], credentials)
        assert result.exit_code == 0, result.output
        rows = result.stdout.splitlines()
        assert rows[0] == "n" and sorted(map(int, rows[1:])) == list(range(12_000))
        ordered = _run(["query", url, numbers + " ORDER BY DESC(?n)", "-f", "csv"], credentials)
        assert ordered.stdout.splitlines()[1:] == [str(i) for i in reversed(range(12_000))]
    finally:
        remote.update(f"DROP SILENT GRAPH {iri}")


@pytest.mark.parametrize(
    ("command", "extra"),
    [
        pytest.param("query", ["SELECT * WHERE { ?s ?p ?o }"], id="query"),
        pytest.param("export", [], id="export"),
        pytest.param("stats", [], id="stats"),
        pytest.param("view", ["-o", "graph.html"], id="view"),
        pytest.param("validate", [], id="validate"),
    ],
)
def test_an_unreachable_or_malformed_url_is_one_line(command: str, extra: list[str]) -> None:
    for url, message in (
        (f"http://127.0.0.1:{free_port()}/query", "cannot reach the SPARQL server"),
        ("http://", "is not a SPARQL endpoint URL"),
        ("http://localhost:port/sparql", "is not a SPARQL endpoint URL"),
    ):
        result = _run([command, url, *extra])
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: ") and message in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr


def test_the_server_s_refusals_are_one_line(endpoint: tuple[str, dict[str, str]]) -> None:
    url, credentials = endpoint
    for args, env, message in (
        (["query", url + "-nothing-here", "ASK {}"], credentials, "404"),
        (["query", url, "SELECT ?s WHERE { ?s ?p }"], credentials, "400"),
        (["query", url, "DELETE WHERE { ?s ?p ?o }"], credentials, "Updates are not allowed"),
        *([(["stats", url], {}, f"401 Unauthorized (set {USER_VARIABLE}")] if credentials else []),
    ):
        result = _run(args, env)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith("Error: ") and message in result.stderr, result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
