"""Long documents: the parser sees a bounded amount of text at once, and a document of
thousands of blocks states the facts its paragraphs state as separate files."""

from __future__ import annotations

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
from kg.extract import extract, load_pipeline
from kg.link import MAX_EVIDENCE
from kg.model import Document
from kg.namespace import KG, NIF
from kg.store import Store
from kg.store.files import load
from kg.validate import validate

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
