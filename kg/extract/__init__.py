"""Text → raw extractions and mentions: the only package that imports spaCy.

>>> from kg.model import Document
>>> result = next(extract([Document("a.txt", "Intel partnered with Samsung.")]))
>>> [(e.subject.text, e.predicate, e.object.text) for e in result.extractions]
[('Intel', 'partners', 'Samsung')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.extract.mentions import find_mentions, mention_index
from kg.extract.pipeline import DEFAULT_PIPELINE, load_pipeline
from kg.extract.rules import Sentence, extract_sentence
from kg.extract.segment import split_blocks
from kg.model import Document, Extraction, Mention

__all__ = ["DEFAULT_PIPELINE", "DocumentResult", "extract", "extract_lines", "load_pipeline"]

_BATCH = 64


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What extraction read from one document."""

    document: Document
    sentences: int
    mentions: tuple[Mention, ...]
    extractions: tuple[Extraction, ...]


def _read(document: Document, parts: list[tuple[int, object]], whole_lines: bool) -> DocumentResult:
    sentences = 0
    mentions: list[Mention] = []
    extractions: list[Extraction] = []
    for offset, parsed in parts:
        doc = parsed  # a spaCy Doc
        token_mentions = find_mentions(doc)  # type: ignore[arg-type]
        index = mention_index(doc, token_mentions)  # type: ignore[arg-type]
        for m in token_mentions:
            begin = offset + doc[m.start].idx  # type: ignore[index]
            last = doc[m.end - 1]  # type: ignore[index]
            end = offset + last.idx + len(last.text)
            mentions.append(Mention(document.text[begin:end], begin, end, m.label))
        spans = [doc[:]] if whole_lines else list(doc.sents)  # type: ignore[index, attr-defined]
        for span in spans:
            sentences += 1
            sentence = Sentence(span, document.name, document.text, offset, index)
            extractions.extend(extract_sentence(sentence))
    return DocumentResult(document, sentences, tuple(mentions), tuple(extractions))


def extract(
    documents: Iterable[Document],
    pipeline: str = DEFAULT_PIPELINE,
    *,
    batch_size: int = _BATCH,
) -> Iterator[DocumentResult]:
    """Yield, for each document in order, the mentions and extractions found in it.

    Documents are split into paragraphs and headlines, parsed in batches with ``nlp.pipe``
    and read one at a time, so memory does not grow with the number of documents.
    """
    nlp = load_pipeline(pipeline)
    pending: list[tuple[Document, list[int]]] = []
    texts: list[str] = []

    def flush() -> Iterator[DocumentResult]:
        parsed = list(nlp.pipe(texts, batch_size=batch_size))
        k = 0
        for document, offsets in pending:
            parts = list(zip(offsets, parsed[k : k + len(offsets)], strict=True))
            k += len(offsets)
            yield _read(document, parts, whole_lines=False)  # type: ignore[arg-type]
        pending.clear()
        texts.clear()

    for document in documents:
        blocks = split_blocks(document.text)
        pending.append((document, [b.start for b in blocks]))
        texts.extend(b.text for b in blocks)
        if len(texts) >= batch_size:
            yield from flush()
    yield from flush()


def extract_lines(
    lines: Iterable[Document], pipeline: str = DEFAULT_PIPELINE
) -> Iterator[DocumentResult]:
    """Yield one result per document, each read as one sentence exactly as written.

    For pre-split benchmark input: no paragraph or sentence splitting, no recasing.
    """
    nlp = load_pipeline(pipeline)
    items = list(lines)
    for document, doc in zip(items, nlp.pipe((d.text for d in items), batch_size=_BATCH), strict=True):
        yield _read(document, [(0, doc)], whole_lines=True)
