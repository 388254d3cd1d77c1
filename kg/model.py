"""kg's data model: plain values passed along the flow text → extraction → graph; stdlib only.

Nothing here knows spaCy or RDF. Every value is a frozen, slotted dataclass, so equal facts
collapse in a set and no stage edits another stage's output.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field

__all__ = [
    "Argument",
    "Date",
    "DateFact",
    "Document",
    "Entity",
    "Extraction",
    "Mention",
    "Provenance",
    "Span",
    "Triple",
]


@dataclass(frozen=True, slots=True)
class Document:
    """A text to read: ``name`` says where it came from (a path, or ``-`` for stdin)."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date at the precision a text gives it: ``month`` and ``day`` are 0 when not
    given ("1998" is a year, "May 2005" a month). ``kg.dates`` reads them from text.

    >>> Date(2005, 5).lexical, Date(2005, 5).datatype
    ('2005-05', 'gYearMonth')
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def lexical(self) -> str:
        """The XML Schema lexical form: ``1963-03-13``, ``2005-05`` or ``1998``."""
        if self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def datatype(self) -> str:
        """The XML Schema datatype of that precision: ``date``, ``gYearMonth`` or ``gYear``."""
        return "date" if self.month and self.day else "gYearMonth" if self.month else "gYear"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a document's text with its character offsets, ``text == doc[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text that refers to an entity; ``label`` is the NER type ("" if unknown).

    ``kind`` is a coarse kind the parse gives evidence for ("organization" in "X, the
    chipmaker") and ``evidence`` the rule that found it. ``resolved`` is set when this mention
    stands in for an anaphor ("the nation", "it") and names the rule that resolved it; the
    offsets are then the antecedent's. None of the three is part of a mention's identity.
    """

    text: str
    start: int
    end: int
    label: str = ""
    kind: str = field(default="", compare=False)
    evidence: str = field(default="", compare=False)
    resolved: str = field(default="", compare=False)
    role: str = field(default="", compare=False)  # "drummer": what the sentence says they are


@dataclass(frozen=True, slots=True)
class Argument:
    """An extra argument of a relation ("in AI"): its span, the entity it names, if any, and
    the predicate the relation takes when this argument is read as its object ("invests in")."""

    span: Span
    preposition: str
    predicate: str
    mention: Mention | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """One raw relation read from one sentence, before it is mapped to entities.

    ``relation`` is the relation phrase as written ("partnered with"); ``predicate`` is its
    normalised form ("partners") used as the graph's predicate. ``args`` are further
    arguments (prepositional or adverbial) of an n-ary relation. ``attribution`` names who
    said it ("officials said"), ``modality`` a hedge ("may"): both mean "not a plain fact".
    """

    doc: str
    sentence: Span
    subject: Span
    relation: str
    object: Span
    predicate: str
    rule: str
    confidence: float
    args: tuple[Argument, ...] = ()
    subject_mention: Mention | None = None
    object_mention: Mention | None = None
    negated: bool = False
    modality: str = ""
    attribution: str = ""
    inverse: bool = False  # the predicate reads object → subject ("Arm was acquired by SoftBank")

    def to_record(self) -> dict[str, builtins.object]:  # ``object`` is a field here
        """Return the JSON-ready record ``kg extract`` prints (offsets index the document)."""
        return {
            "doc": self.doc,
            "sentence": self.sentence.text,
            "subject": self.subject.text,
            "relation": self.relation,
            "object": self.object.text,
            "args": [a.span.text for a in self.args],
            "confidence": self.confidence,
            "negated": self.negated,
            "subject_span": [self.subject.start, self.subject.end],
            "object_span": [self.object.start, self.object.end],
            "rule": self.rule,
            "predicate": self.predicate,
            "inverse": self.inverse,
            "modality": self.modality,
            "attribution": self.attribution,
            "sentence_span": [self.sentence.start, self.sentence.end],
            "arg_spans": [[a.span.start, a.span.end] for a in self.args],
        }

    @property
    def is_fact(self) -> bool:
        """Whether the extraction may be stated as a plain fact (not negated, hedged or
        reported)."""
        return not (self.negated or self.modality or self.attribution)


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world thing: a canonical ``name`` and a coarse ``kind`` (see ``kg.namespace``)."""

    name: str
    kind: str
    labels: frozenset[str] = field(default=frozenset(), compare=False)
    ner_label: str = field(default="", compare=False)
    evidence: str = field(default="", compare=False)  # why it is of its kind, for people
    roles: tuple[str, ...] = field(default=(), compare=False)  # "drummer": what a text calls it


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a triple was read: document, sentence and offsets, the rule and its confidence."""

    doc: str
    doc_id: str
    sentence: Span
    subject: Span
    object: Span
    rule: str
    confidence: float
    relation: str
    # An inferred edge: the stated edges it follows from, and a gazetteer entry it relied on.
    premises: tuple[Triple, ...] = ()
    citation: str = ""
    # When the sentence says it held ("In 2019, …"; "from 1992 to 2002"): a Date, or the
    # phrase as written where it cannot be pinned.
    time: Date | str | None = None
    start: Date | str | None = None
    end: Date | str | None = None
    # How many pieces of evidence (sentence and rule) the document has for the edge, when
    # it states it more often than it keeps evidence of (``kg.link.MAX_EVIDENCE``); else 0.
    count: int = 0


@dataclass(frozen=True, slots=True)
class Triple:
    """An edge between two entities; provenance travels along but is not part of its identity."""

    subject: Entity
    predicate: str
    object: Entity
    provenance: Provenance | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class DateFact:
    """A date stated of an entity ("born 13 March 1963"): ``value`` is a Date, or the phrase
    as written where the text does not pin it ("05/06/2007"). Provenance as for a Triple."""

    subject: Entity
    predicate: str
    value: Date | str
    provenance: Provenance | None = field(default=None, compare=False)
