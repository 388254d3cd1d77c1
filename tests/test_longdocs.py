"""Long documents: the parser sees a bounded amount of text at once, and a document of
thousands of blocks states the facts its paragraphs state as separate files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from rdflib.namespace import RDF

import kg.extract
from kg.build import build
from kg.extract import extract, load_pipeline
from kg.model import Document
from kg.namespace import KG

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
