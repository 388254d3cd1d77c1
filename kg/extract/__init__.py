"""Text → raw extractions and mentions: the only package that imports spaCy.

>>> from kg.model import Document
>>> result = next(extract([Document("a.txt", "Intel partnered with Samsung.")]))
>>> [(e.subject.text, e.predicate, e.object.text) for e in result.extractions]
[('Intel', 'partners', 'Samsung')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import PipelineError
from kg.extract.coref import apply_resolutions, resolve_document
from kg.extract.dates import (
    merge_dates,
    read_dates,
    read_lifespans,
    with_dated_works,
    without_dates,
)
from kg.extract.evidence import with_evidence, with_lifespans
from kg.extract.mentions import TokenMention, find_mentions, mention_index, widen
from kg.extract.pipeline import DEFAULT_PIPELINE, load_pipeline
from kg.extract.rules import Sentence, extract_sentence
from kg.extract.segment import Block, split_blocks
from kg.extract.topic import with_title
from kg.model import Document, Extraction, Mention

__all__ = [
    "DEFAULT_PIPELINE",
    "DocumentResult",
    "extract",
    "extract_lines",
    "load_pipeline",
    "read_parsed",
]

_BATCH = 64
# At most this many characters go to the parser at once, whatever the number of blocks: its
# working memory grows with the text of a batch, and sixty-four blocks of a long line cut at
# ``MAX_BLOCK`` took a gigabyte where one took a few dozen megabytes.
_BATCH_CHARS = 40_000
# A longer document is read a section of about this many characters at a time (whole blocks):
# each section is parsed, its names widened and its pronouns resolved on its own, so a long
# document holds one section's parses, not all of them. Which entity a name is stays decided
# over the whole document (kg.entities); a pronoun looks back three sentences at most anyway.
_SECTION_CHARS = 250_000


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What extraction read from one document, or from one section of a long one: then
    ``continued`` says whether the next result goes on with the same document."""

    document: Document
    sentences: int
    mentions: tuple[Mention, ...]
    extractions: tuple[Extraction, ...]
    continued: bool = False


def _read(
    document: Document,
    parts: list[tuple[int, Doc]],
    whole_lines: bool,
    names: frozenset[str] = frozenset(),
    opening: bool = True,
) -> DocumentResult:
    """Read a document's parsed ``parts``; ``opening`` says whether they begin it (a later
    section of a long document does not)."""
    sentences = 0
    mentions: list[Mention] = []
    extractions: list[Extraction] = []
    found = [(offset, doc, without_dates(doc, find_mentions(doc, names))) for offset, doc in parts]
    if found and opening:
        # The name the document opens with, which its later sentences go on to describe.
        offset, doc, first = found[0]
        found[0] = (offset, doc, with_title(doc, first))
    # A name written in full anywhere in the document is the name wherever its end is found.
    longer = {
        doc[m.start : m.end].text: m.label
        for _, doc, ms in found
        for m in ms
        if m.end - m.start > 1
    }
    read: list[tuple[int, Doc, list[TokenMention]]] = []
    for offset, doc, found_here in found:
        token_mentions = with_lifespans(
            with_evidence(doc, widen(doc, found_here, longer)), doc, document.text, offset
        )
        token_mentions = with_dated_works(token_mentions, doc, document.text, offset)
        read.append((offset, doc, token_mentions))
        extractions.extend(
            read_lifespans(doc, token_mentions, document.text, offset, document.name)
        )
        index = mention_index(doc, token_mentions)
        for m in token_mentions:
            begin = offset + doc[m.start].idx
            last = doc[m.end - 1]
            end = offset + last.idx + len(last.text)
            text = document.text[begin:end]
            mentions.append(Mention(text, begin, end, m.label, m.kind, m.evidence, role=m.role))
        spans = [doc[:]] if whole_lines else list(doc.sents)
        for span in spans:
            sentences += 1
            sentence = Sentence(span, document.name, document.text, offset, index)
            extractions.extend(merge_dates(extract_sentence(sentence), read_dates(sentence)))
    resolved = apply_resolutions(extractions, resolve_document(document.text, read))
    return DocumentResult(document, sentences, tuple(mentions), tuple(resolved))


def _batches(texts: list[str], size: int) -> Iterator[list[str]]:
    """The texts in order, in groups of at most ``size`` texts and ``_BATCH_CHARS``
    characters (a longer text alone).

    >>> [len(b) for b in _batches(["x" * 30_000, "y" * 20_000, "z", "w" * 10], 64)]
    [1, 3]
    """
    group: list[str] = []
    chars = 0
    for text in texts:
        if group and (len(group) >= size or chars + len(text) > _BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(text)
        chars += len(text)
    if group:
        yield group


def _sections(blocks: list[Block]) -> Iterator[list[Block]]:
    """The blocks in order, in runs of at most ``_SECTION_CHARS`` characters (a longer block
    alone).

    >>> blocks = [Block(0, 9, "x" * 9), Block(11, 20, "y" * 9), Block(22, 25, "zzz")]
    >>> [[b.start for b in s] for s in _sections(blocks)]
    [[0, 11, 22]]
    """
    group: list[Block] = []
    chars = 0
    for block in blocks:
        if group and chars + len(block.text) > _SECTION_CHARS:
            yield group
            group, chars = [], 0
        group.append(block)
        chars += len(block.text)
    if group:
        yield group


def _parse(nlp: Language, texts: list[str], batch_size: int) -> list[Doc]:
    return [
        _without_tensor(doc)
        for group in _batches(texts, batch_size)
        for doc in nlp.pipe(group, batch_size=len(group))
    ]


def _read_sections(
    document: Document, blocks: list[Block], nlp: Language, batch_size: int, names: frozenset[str]
) -> Iterator[DocumentResult]:
    """Read a long document section by section (``_sections``), one result for each."""
    sections = list(_sections(blocks))
    for k, section in enumerate(sections):
        parsed = _parse(nlp, [b.text for b in section], batch_size)
        parts = list(zip([b.start for b in section], parsed, strict=True))
        del parsed
        result = _read(document, parts, whole_lines=False, names=names, opening=k == 0)
        del parts
        yield replace(result, continued=k < len(sections) - 1)


def _joined(results: Iterable[DocumentResult]) -> DocumentResult:
    """One result for a document read in sections."""
    sentences = 0
    mentions: list[Mention] = []
    extractions: list[Extraction] = []
    for result in results:
        sentences += result.sentences
        mentions.extend(result.mentions)
        extractions.extend(result.extractions)
    return DocumentResult(result.document, sentences, tuple(mentions), tuple(extractions))


def _without_tensor(doc: Doc) -> Doc:
    # The tok2vec output spaCy leaves on each Doc is two thirds of a parsed block's memory,
    # and no rule reads it: a section keeps every block until it is read as a whole.
    doc.tensor = numpy.empty((0, 0), dtype="float32")
    return doc


def _listed(names: Iterable[str]) -> frozenset[str]:
    """The names worth looking for as written: those that start like a name."""
    return frozenset(n for n in names if n[:1].isupper() or n[:1].isdigit())


def extract(
    documents: Iterable[Document],
    pipeline: str = DEFAULT_PIPELINE,
    *,
    batch_size: int = _BATCH,
    names: Iterable[str] = (),
    sections: bool = False,
) -> Iterator[DocumentResult]:
    """Yield, for each document in order, the mentions and extractions found in it.

    Documents are split into paragraphs and headlines, parsed in batches with ``nlp.pipe``
    and read one at a time, so memory does not grow with the number of documents; a long
    document is read in sections of ``_SECTION_CHARS``, so it does not grow with one
    document's length as fast either. With ``sections`` such a document is yielded as one
    result per section (``DocumentResult.continued``), so that neither does the caller's.
    ``names`` (an alias file's names) are found as written even where the tagger finds no
    entity.
    """
    listed = _listed(names)
    nlp = load_pipeline(pipeline)
    pending: list[tuple[Document, list[int]]] = []
    texts: list[str] = []

    def flush() -> Iterator[DocumentResult]:
        parsed = _parse(nlp, texts, batch_size)
        k = 0
        for document, offsets in pending:
            parts = list(zip(offsets, parsed[k : k + len(offsets)], strict=True))
            k += len(offsets)
            yield _read(document, parts, whole_lines=False, names=listed)
        pending.clear()
        texts.clear()

    for document in documents:
        blocks = split_blocks(document.text)
        if len(document.text) > _SECTION_CHARS:
            yield from flush()
            read = _read_sections(document, blocks, nlp, batch_size, listed)
            yield from read if sections else [_joined(read)]
            continue
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
    for document, doc in zip(
        items, nlp.pipe((d.text for d in items), batch_size=_BATCH), strict=True
    ):
        yield _read(document, [(0, doc)], whole_lines=True)


def read_parsed(document: Document, doc: Doc, names: Iterable[str] = ()) -> DocumentResult:
    """Return what extraction reads from ``doc``, ``document.text`` as some pipeline parsed
    it (with its own sentences; nothing is parsed again).

    Unlike :func:`extract`, the text is not split into paragraphs and headlines first, so a
    text with Title Case headlines may read differently.

    Raises:
        PipelineError: ``doc`` has no dependency parse or no entity annotation.
    """
    if doc.text != document.text:
        raise ValueError(f"{document.name}: the Doc's text is not the document's text")
    needed = (("DEP", "dependency parse"), ("ENT_IOB", "named entities"))
    missing = [what for attr, what in needed if not doc.has_annotation(attr)]
    if missing:
        raise PipelineError(
            f"{document.name}: the spaCy Doc has no {' or '.join(missing)}; kg reads both. "
            "Run it through a pipeline with a parser and an entity recognizer (e.g. "
            "en_core_web_sm), with kg_extractor after them."
        )
    return _read(document, [(0, doc)], whole_lines=False, names=_listed(names))
