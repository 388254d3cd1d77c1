"""kg's extraction as a spaCy pipeline component: ``nlp.add_pipe("kg_extractor")``.

Registered through the ``spacy_factories`` entry point, so installing kg is enough: spaCy
imports this module when it builds any pipeline. The component reads the parse and entities
the pipeline before it made (it parses nothing) and sets ``doc._.kg_extractions`` (the
``Extraction`` values ``kg extract`` prints) and ``doc._.kg_mentions`` (the names it found).
``kg.build`` takes such Docs as they are (``read_docs``), and any parsed Doc too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import DocumentResult, read_parsed
from kg.extract.titles import TITLES_COMPONENT  # registers kg_quoted_titles with it
from kg.model import Document
from kg.namespace import content_hash

__all__ = [
    "EXTRACTOR_COMPONENT",
    "TITLES_COMPONENT",
    "KGExtractor",
    "document_of",
    "make_extractor",
    "read_docs",
]

EXTRACTOR_COMPONENT: Final = "kg_extractor"
# Doc extensions: the extractions and mentions, and the document name they carry.
_EXTENSIONS: Final = {"kg_extractions": None, "kg_mentions": None, "kg_name": ""}

for _name, _default in _EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def document_of(doc: Doc) -> Document:
    """Return the kg Document a Doc stands for: named ``doc._.kg_name`` if set, else by the
    start of its content hash (``spacy:1f0c…``), which is the same on every run."""
    return Document(doc._.kg_name or f"spacy:{content_hash(doc.text)[:12]}", doc.text)


class KGExtractor:
    """The ``kg_extractor`` component: kg's rules over the Doc's parse, results on the Doc."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names = tuple(names)

    def __call__(self, doc: Doc) -> Doc:
        result = read_parsed(document_of(doc), doc, self.names)
        doc._.kg_extractions = result.extractions
        doc._.kg_mentions = result.mentions
        return doc


@Language.factory(
    EXTRACTOR_COMPONENT,
    default_config={"names": []},
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents", "doc.sents"],
    assigns=["doc._.kg_extractions", "doc._.kg_mentions"],
)
def make_extractor(nlp: Language, name: str, names: list[str]) -> KGExtractor:
    """Return the component; ``names`` (e.g. an alias file's) are found as written."""
    return KGExtractor(names)


def read_docs(docs: Iterable[Doc], names: Iterable[str] = ()) -> Iterator[DocumentResult]:
    """Yield what kg reads from each parsed Doc: the component's extractions where it ran,
    else kg's rules over the Doc's own parse. Nothing is parsed again.

    Raises:
        PipelineError: a Doc carries no extractions and has no parse or entities.
    """
    listed = tuple(names)
    for doc in docs:
        document = document_of(doc)
        extractions, mentions = doc._.kg_extractions, doc._.kg_mentions
        if extractions is None or mentions is None:
            yield read_parsed(document, doc, listed)
            continue
        # The Doc may have been named after the component ran.
        named = tuple(
            e if e.doc == document.name else replace(e, doc=document.name) for e in extractions
        )
        yield DocumentResult(document, sum(1 for _ in doc.sents), tuple(mentions), named)
