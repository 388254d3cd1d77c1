"""Long documents: the parser sees a bounded amount of text at once, and a document of
thousands of blocks states the facts its paragraphs state as separate files."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import RDF, XSD

import kg.extract
from kg.build import build
from kg.cli import main
from kg.errors import StoreError
from kg.extract import extract, load_pipeline
from kg.graph import DocumentGraph
from kg.link import (
    MAX_EVIDENCE,
    LinkedDocument,
    Linker,
    Opening,
    resolve_entities,
    resolve_sections,
)
from kg.model import Document
from kg.namespace import KG, NIF
from kg.store import Store
from kg.store.files import load
from kg.validate import validate

_BUILD = importlib.import_module("kg.build")  # the module, not the function kg exports

_PARAGRAPHS = [
    "Acme Robotics acquired Initech Systems in Oslo.",
    "Globex Foods partnered with Umbrella Labs.",
    "Vanern Shipping opened an office in Bergen.",
    "Hooli Cloud signed a contract with Initech Systems.",
]


class _CountingPipeline:
    """The real pipeline, remembering how many characters each ``pipe`` call was given."""

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self.batches: list[int] = []

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[Any]:
        texts = list(texts)
        self.batches.append(sum(map(len, texts)))
        return iter(self._nlp.pipe(texts, batch_size=batch_size))


def _read(result: kg.extract.DocumentResult) -> tuple[object, ...]:
    return result.sentences, result.mentions, result.extractions


def test_the_parser_is_given_a_bounded_amount_of_text_and_reads_it_as_one_block_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One line of 150,000 characters: cut into blocks of up to 20,000, which used to go to
    # the parser sixty-four at a time.
    line = Document("line.txt", "Acme Robotics acquired Initech Systems. " * 3_750)
    counting = _CountingPipeline(load_pipeline())
    monkeypatch.setattr(kg.extract, "load_pipeline", lambda *_: counting)
    batched = next(extract([line]))
    assert len(counting.batches) > 3
    assert max(counting.batches) <= kg.extract._BATCH_CHARS
    # Batching is not reading: one block per batch reads the same.
    assert _read(next(extract([line], batch_size=1))) == _read(batched)


def _edges(documents: list[Document]) -> set[tuple[str, str, str]]:
    graph = build(documents).graph
    return {
        (
            str(graph.value(a, RDF.subject)),
            str(graph.value(a, RDF.predicate)),
            str(graph.value(a, RDF.object)),
        )
        for a in graph.subjects(RDF.type, KG.Assertion)
    }


def test_a_document_of_thousands_of_blocks_states_what_its_paragraphs_state_as_files() -> None:
    paragraphs = [_PARAGRAPHS[i % len(_PARAGRAPHS)] for i in range(2_000)]
    one = _edges([Document("long.txt", "\n\n".join(paragraphs))])
    assert len(one) >= 3
    assert one == _edges([Document(f"{i}.txt", p) for i, p in enumerate(_PARAGRAPHS)])


def test_a_long_document_is_read_in_sections_that_state_what_it_states_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paragraphs = [_PARAGRAPHS[i % len(_PARAGRAPHS)] for i in range(120)]
    document = Document("long.txt", "\n\n".join(paragraphs))
    whole = _edges([document])
    counting = _CountingPipeline(load_pipeline())
    monkeypatch.setattr(kg.extract, "load_pipeline", lambda *_: counting)
    monkeypatch.setattr(kg.extract, "_SECTION_CHARS", 1_000)
    read = next(extract([document]))
    # Each section went to the parser on its own, and every paragraph was read.
    assert len(counting.batches) >= len(document.text) // 1_000
    assert max(counting.batches) <= 1_000
    assert read.sentences == len(paragraphs)
    assert [m.start for m in read.mentions] == sorted(m.start for m in read.mentions)
    monkeypatch.setattr(kg.extract, "load_pipeline", load_pipeline)
    assert _edges([document]) == whole


_SAID = "Globex Foods partnered with Umbrella Labs."


def test_an_edge_stated_many_times_keeps_its_first_evidence_and_counts_the_rest() -> None:
    times = 3 * MAX_EVIDENCE + 2
    graph = build([Document("same.txt", " ".join([_SAID] * times))]).graph
    (assertion,) = graph.subjects(RDF.type, KG.Assertion)
    evidence = list(graph.objects(assertion, KG.evidence))
    assert len(evidence) == MAX_EVIDENCE
    step = len(_SAID) + 1
    begins = sorted(graph.value(e, NIF.beginIndex).toPython() for e in evidence)  # type: ignore[union-attr]
    assert begins == [step * i for i in range(MAX_EVIDENCE)]  # the first, in document order
    assert {graph.value(e, KG.evidenceCount) for e in evidence} == {
        Literal(times, datatype=XSD.integer)
    }
    assert validate(graph).conforms


def test_an_edge_stated_no_more_often_than_kept_has_no_count() -> None:
    graph = build([Document("few.txt", " ".join([_SAID] * MAX_EVIDENCE))]).graph
    assert len(list(graph.subjects(RDF.type, KG.Evidence))) == MAX_EVIDENCE
    assert not list(graph.triples((None, KG.evidenceCount, None)))


def test_counted_evidence_is_the_same_for_any_jobs_and_stats_show_it(tmp_path: Path) -> None:
    documents = [
        Document("a.txt", " ".join([_SAID] * (MAX_EVIDENCE + 5))),
        Document("b.txt", " ".join([_SAID] * (MAX_EVIDENCE + 1) + [_PARAGRAPHS[3]])),
    ]
    two = Store.memory()
    build(documents, sink=two, jobs=2)
    with Store.open(tmp_path / "one") as one:
        build(documents, sink=one)
        assert one.export("turtle") == two.export("turtle")
    lines = CliRunner().invoke(main, ["stats", str(tmp_path / "one")]).stdout.splitlines()
    # Each document keeps its first pieces of evidence for the repeated edge, and b.txt's
    # other edge has its one.
    kept, stated = 2 * MAX_EVIDENCE + 1, (MAX_EVIDENCE + 5) + (MAX_EVIDENCE + 1) + 1
    assert f"evidence    {kept} (of {stated} stated)" in lines


def test_build_keeps_as_much_evidence_per_edge_as_asked(tmp_path: Path) -> None:
    (tmp_path / "same.txt").write_text(" ".join([_SAID] * 5), encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(tmp_path / "same.txt"), "--out", str(out), "--no-html", "-q"]
    result = CliRunner().invoke(main, [*args, "--max-evidence", "2"])
    assert result.exit_code == 0, result.output
    graph = load(out / "graph.ttl")
    evidence = list(graph.subjects(RDF.type, KG.Evidence))
    assert len(evidence) == 2
    assert {graph.value(e, KG.evidenceCount) for e in evidence} == {
        Literal(5, datatype=XSD.integer)
    }
    refused = CliRunner().invoke(main, [*args, "--max-evidence", "0"])
    assert refused.exit_code == 2 and "--max-evidence" in refused.output


# A document whose facts span its sections: what it is about and when it began open it, a
# demonym names a country the document only names later, a role, and an edge stated more
# often than its evidence is kept.
_SPANNING = [
    "Vestfjord Analytics is a Norwegian software company founded in 1998.",
    "Kari Brattli, the drummer of Nordlys Band, joined Vestfjord Analytics in 2004.",
    *["Vestfjord Analytics acquired Brattli Systems in Tromsø."] * (MAX_EVIDENCE + 6),
    "Hooli Cloud signed a contract with Vestfjord Analytics.",
    "Vestfjord Analytics opened an office in Norway.",
]


def _stated(linker: Linker, linked: LinkedDocument) -> tuple[object, ...]:
    entities = {e for t in linked.triples for e in (t.subject, t.object)}
    return (
        [(t, t.provenance) for t in linked.triples],
        [(f, f.provenance) for f in linked.dates],
        linked.labels,
        linked.date,
        {e: (linker.kind_evidence(e), linker.roles(e)) for e in entities},
        [m.to_record() for m in linker.merges()],
    )


def test_a_document_linked_section_by_section_states_what_it_states_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = Document("long.txt", "\n\n".join(_SPANNING))
    monkeypatch.setattr(kg.extract, "_SECTION_CHARS", 300)
    parts = list(extract([document], sections=True))
    whole = next(extract([document]))
    assert len(parts) > 3
    assert [p.continued for p in parts] == [True] * (len(parts) - 1) + [False]
    assert [m for p in parts for m in p.mentions] == list(whole.mentions)
    sections = [(p.mentions, p.extractions) for p in parts]
    opening = Opening()
    for mentions, extractions in sections:
        opening.add(mentions, extractions)
    assert opening.topic() is not None
    read = (document.name, document.text, whole.mentions, whole.extractions)
    one = Linker(resolve_entities([read]))
    by_sections = Linker(resolve_sections([(document.name, document.text, sections)]))
    linked = one.link_document(read)
    in_sections = by_sections.link_sections(*read[:2], sections, opening.topic())
    assert _stated(by_sections, in_sections) == _stated(one, linked)
    # The facts that need the whole document are there: the kept and counted evidence of an
    # edge stated across sections, what follows from places named in different sections,
    # the date the topic began.
    counted = [t for t in linked.triples if t.provenance and t.provenance.count]
    assert len(counted) == MAX_EVIDENCE
    assert {t.provenance.count for t in counted} == {MAX_EVIDENCE + 6}  # type: ignore[union-attr]
    assert any(t.provenance and t.provenance.rule.startswith("inferred") for t in linked.triples)
    assert [f.subject.name for f in linked.dates] == ["Vestfjord Analytics"]


def test_a_long_document_builds_the_same_store_as_its_whole_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = [Document("long.txt", "\n\n".join(_SPANNING)), Document("b.txt", _SAID)]
    monkeypatch.setattr(kg.extract, "_SECTION_CHARS", 300)
    sectioned = build(documents).sink
    whole = list(extract(documents))
    monkeypatch.setattr(_BUILD, "extract_parallel", lambda *a, **k: iter(whole))
    assert isinstance(sectioned, Store)
    assert build(documents).sink.export("turtle") == sectioned.export("turtle")  # type: ignore[union-attr]


class _DiskFull(Store):
    """An on-disk store whose disk is full when the long document is written."""

    def replace_document(self, document: DocumentGraph) -> tuple[str, ...]:
        if document.source == "long.txt":
            raise StoreError("disk full")
        return super().replace_document(document)


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, reads: int) -> None:
    """Ctrl-C after the second pass has read ``reads`` sections back."""
    load = _BUILD._load_section
    count = [0]

    def interrupted(spill: Any) -> Any:
        count[0] += 1
        if count[0] > reads:
            raise KeyboardInterrupt
        return load(spill)

    monkeypatch.setattr(_BUILD, "_load_section", interrupted)


@pytest.mark.parametrize("fault", ["disk-full", "ctrl-c"])
def test_a_long_document_cut_off_in_its_write_is_not_in_the_store_and_a_rerun_completes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    documents = [Document("b.txt", _SAID), Document("long.txt", "\n\n".join(_SPANNING))]
    monkeypatch.setattr(kg.extract, "_SECTION_CHARS", 300)
    clean = build(documents).sink.export("turtle")  # type: ignore[union-attr]
    if fault == "ctrl-c":
        # b.txt is one section, then three of the long document are read back.
        _interrupt_after(monkeypatch, 4)
        store = Store.open(tmp_path / "store")
    else:
        store = _DiskFull(Store.open(tmp_path / "store").oxigraph, tmp_path / "store")
    with pytest.raises(KeyboardInterrupt if fault == "ctrl-c" else StoreError), store:
        build(documents, sink=store)
    monkeypatch.undo()
    monkeypatch.setattr(kg.extract, "_SECTION_CHARS", 300)
    with Store.open(tmp_path / "store") as store:
        # What was committed stays, and nothing of the long document is there.
        assert [d.source for d in store.documents()] == ["b.txt"]
        again = build(documents, sink=store)
        assert (again.unchanged, again.added) == (1, 1)
        assert store.export("turtle") == clean
