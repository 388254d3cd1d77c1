"""The store on a SPARQL server (`--store URL`): Oxigraph's and Virtuoso's, for real, on
loopback; a build through either exports the same Turtle as a local build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.errors import StoreError
from kg.model import Document
from kg.namespace import content_hash
from kg.store import Store
from kg.store.remote import CHUNK_STATEMENTS, PASSWORD_VARIABLE, USER_VARIABLE, RemoteStore
from tests.conftest import DATA
from tests.servers import data_documents, local_turtle, oxigraph_server, virtuoso_server

# Virtuoso's fresh database has the administrator dba/dba, and takes updates only from a
# user it has granted SPARQL_UPDATE (tests/servers.py does).
_CREDENTIALS = {"oxigraph": None, "virtuoso": ("dba", "dba")}


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """(name, endpoint URL) of a running server, one per kind, for this module's tests."""
    start = oxigraph_server if request.param == "oxigraph" else virtuoso_server
    with start(tmp_path_factory.mktemp(request.param)) as url:
        yield request.param, url


def _store(
    server: tuple[str, str], kind: type[RemoteStore] = RemoteStore, chunk: int = CHUNK_STATEMENTS
) -> RemoteStore:
    name, url = server
    user, password = _CREDENTIALS[name] or (None, None)
    return kind(url, user=user, password=password, chunk=chunk)


@pytest.fixture
def store(server: tuple[str, str]) -> Iterator[RemoteStore]:
    """The server's store, emptied of kg's graphs after the test."""
    remote = _store(server)
    yield remote
    for info in remote.to_store().documents():
        remote.remove_document(info.iri)
    remote.update("DROP SILENT GRAPH <https://w3id.org/kg-text/graph/facts>")


def test_a_build_into_the_server_exports_what_a_local_build_does(store: RemoteStore) -> None:
    documents = data_documents()
    result = build(documents, sink=store)
    assert (result.documents, result.added) == (len(documents), len(documents))
    assert store.export("turtle") == local_turtle(documents)
    assert store.totals() == build(documents).sink.totals()


def test_small_chunks_give_the_same_graph(server: tuple[str, str], store: RemoteStore) -> None:
    documents = data_documents()[:3]
    build(documents, sink=_store(server, chunk=7))
    assert store.export("turtle") == local_turtle(documents)


def test_a_rerun_skips_stored_documents_and_an_edit_replaces_its_version(
    store: RemoteStore,
) -> None:
    first = [
        Document("a.txt", "Intel partnered with Samsung."),
        Document("b.txt", "Sony acquired Arm."),
    ]
    build(first, sink=store)
    again = build(first, sink=store)
    assert (again.unchanged, again.added) == (2, 0)
    edited = [Document("a.txt", "Intel partnered with Nokia."), first[1]]
    result = build(edited, sink=store)
    assert (result.replaced, result.unchanged) == (1, 1)
    local = Store.memory()
    build(first, sink=local)
    build(edited, sink=local)
    assert store.export("turtle") == local.export("turtle")


def test_a_document_whose_write_was_cut_off_is_written_again(
    server: tuple[str, str], store: RemoteStore
) -> None:
    documents = data_documents()[:2]

    class CutOff(RemoteStore):
        def _insert(self, quads: list) -> None:  # type: ignore[type-arg]
            super()._insert(quads[: len(quads) // 2])  # the content hash comes last: never sent
            raise StoreError("connection reset")

    with pytest.raises(StoreError):
        build(documents[:1], sink=_store(server, CutOff))
    assert not store.has_document(content_hash(documents[0].text))
    assert build(documents, sink=store).added == 2
    assert store.export("turtle") == local_turtle(documents)


def test_credentials_come_from_the_environment(
    server: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, url = server
    runner = CliRunner()
    args = ["build", str(DATA), "--out", str(tmp_path), "--no-html", "-q", "--store", url]
    if name == "virtuoso":
        monkeypatch.delenv(USER_VARIABLE, raising=False)
        refused = runner.invoke(main, args)
        assert refused.exit_code == 1
        assert USER_VARIABLE in refused.output and "401" in refused.output
        monkeypatch.setenv(USER_VARIABLE, "dba")
        monkeypatch.setenv(PASSWORD_VARIABLE, "dba")
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.ttl").read_bytes() == local_turtle(data_documents())
    remote = _store(server)
    for info in remote.to_store().documents():
        remote.remove_document(info.iri)


# Cut inside the document's description, its evidence, its statement nodes, its other facts.
@pytest.mark.parametrize("sent", [1, 3, 9, 12])
def test_a_write_cut_off_leaves_no_orphan_facts_after_the_next_build(
    server: tuple[str, str], store: RemoteStore, sent: int
) -> None:
    # The file changes before the next build, so nothing of what arrived is written again:
    # the build must find it through the document's graph and take it out.
    before = Document("a.txt", "Intel partnered with Samsung in Seoul.")
    after = Document("a.txt", "Sony acquired Arm.")

    class CutOff(RemoteStore):
        def _insert(self, quads: list) -> None:  # type: ignore[type-arg]
            super()._insert(quads[: sent * self.chunk])
            raise StoreError("connection reset")

    with pytest.raises(StoreError):
        build([before], sink=_store(server, CutOff, chunk=5))
    build([after], sink=store)
    assert store.export("turtle") == local_turtle([after])


def test_kg_remove_takes_a_document_out_of_the_server(
    server: tuple[str, str], store: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, url = server
    credentials = _CREDENTIALS[name]
    if credentials is not None:
        monkeypatch.setenv(USER_VARIABLE, credentials[0])
        monkeypatch.setenv(PASSWORD_VARIABLE, credentials[1])
    kept = Document("b.txt", "Sony acquired Arm.")
    build([Document("a.txt", "Intel partnered with Samsung."), kept], sink=store)
    result = CliRunner().invoke(main, ["remove", "a.txt", "--store", url])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == f"1 documents left in {url}"
    assert store.export("turtle") == local_turtle([kept])
    missing = CliRunner().invoke(main, ["remove", "a.txt", "--store", url])
    assert missing.exit_code == 1
    assert missing.stderr.startswith(f"Error: No document 'a.txt' in {url}. ")
