"""Raw extractions → entity triples: maps argument spans to entities and keeps only facts.

Works on model values only (no spaCy, no RDF). Which entity a mention names — its canonical
name and kind, decided once over every mention of the build — is ``kg.entities``' job; this
module reads the relations and keeps, for the merge log, which mention became which entity.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, TypeVar

from kg.aliases import AliasTable
from kg.confidence import DEFAULT_MIN_CONFIDENCE, calibrated
from kg.dates import When, document_date, find_dates, find_range
from kg.entities import COUNTRIES, DEMONYMS, EntityResolver, Occurrence, clean_name
from kg.infer import Named, infer
from kg.model import Date, DateFact, Entity, Extraction, Mention, Provenance, Span, Triple
from kg.namespace import content_hash, entity_iri
from kg.relation_table import RelationTable
from kg.vocabulary import DATE_KIND, is_date_relation, read_relation

__all__ = [
    "MAX_EVIDENCE",
    "Linked",
    "LinkedDocument",
    "Linker",
    "Merge",
    "Opening",
    "canonical_name",
    "link",
    "link_documents",
    "resolve_entities",
    "resolve_sections",
]

# Arguments that say when or how, not who: never read as a relation's object.
_CIRCUMSTANTIAL: Final = frozenset(
    {"during", "since", "until", "before", "after", "amid", "amidst", "despite"}
)

Read = tuple[str, str, tuple[Mention, ...], tuple[Extraction, ...]]
# One section of a document: its mentions and its extractions.
Section = tuple[tuple[Mention, ...], tuple[Extraction, ...]]
# The label of a date phrase read as an extraction's object (kg.extract.dates.DATE_LABEL).
_DATE_LABEL: Final = "DATE"
# Prepositions that put an edge at a time ("in 2019"), or open or close its span of time.
_AT_TIME: Final = frozenset({"in", "on", "at", "during"})
_FROM_TIME: Final = frozenset({"since", "from"})
_UNTIL_TIME: Final = frozenset({"until", "till", "through", "to"})
_OPENING: Final = re.compile(r"(?:In|On|During)\s+([^,]{4,30}),\s")
_THEN: Final = re.compile(r"\s*(?:to|until|till|through|[–—-])\s*")
_TOPIC_DEDUCTION: Final = 0.1
# A subject that points back: a pronoun, a possessive one ("his death in 1918"), or "the" and
# a noun ("the album", "the company").
_ANAPHOR: Final = re.compile(r"^(?:he|she|it|his|its|[Tt]he [a-z]+)$", re.IGNORECASE)
_PERSONAL: Final = frozenset({"he", "she", "him", "her", "his"})
_PLURAL: Final = frozenset({"they", "them", "we", "these", "those"})

# How many pieces of evidence (a sentence and the rule that read it) one document keeps for
# one edge: the first ones in document order. A transcript that repeats a claim a thousand
# times gives one edge with this many evidence nodes, each saying how many there were.
MAX_EVIDENCE: Final = 10


def canonical_name(text: str) -> str:
    """Return the canonical form of a mention's text (see ``kg.entities.clean_name``).

    >>> canonical_name("  the\\n“Google  of Russia”  ")
    'Google of Russia'
    """
    return clean_name(text)


@dataclass(frozen=True, slots=True)
class Merge:
    """One line of the merge log: an entity of the graph and every mention read as it."""

    entity: Entity
    kind_reason: dict[str, object]
    occurrences: tuple[Occurrence, ...]

    def to_record(self) -> dict[str, object]:
        """Return the JSON-ready record: the entity's IRI, label, kind and why, its mentions."""
        return {
            "entity": str(entity_iri(self.entity.name, self.entity.kind)),
            "label": self.entity.name,
            "kind": self.entity.kind,
            "kind_reason": self.kind_reason,
            "alt_labels": sorted(self.entity.labels - {self.entity.name}),
            "mentions": [o.to_record() for o in self.occurrences],
        }


@dataclass(frozen=True, slots=True)
class LinkedDocument:
    """One document's fact triples and date facts, the names it gave each entity they name,
    and the date its relative dates were counted from (None if it has none)."""

    triples: list[Triple]
    dates: list[DateFact]
    labels: dict[Entity, frozenset[str]]
    date: Date | None = None


@dataclass(frozen=True, slots=True)
class Linked:
    """The entities and fact triples of a build, and the merge log that explains the entities.

    ``labels`` holds, per document, the names it wrote each entity as (its alternative labels).
    """

    entities: list[Entity]
    triples: list[Triple]
    merges: list[Merge]
    labels: dict[str, dict[Entity, frozenset[str]]] = field(default_factory=dict)
    dates: list[DateFact] = field(default_factory=list)
    _by_document: dict[str, list[Triple]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for t in self.triples:
            if t.provenance is not None:
                self._by_document.setdefault(t.provenance.doc, []).append(t)

    def of_document(self, name: str) -> tuple[list[Triple], list[Entity]]:
        """Return the triples read from document ``name`` and its entities, with the names
        that document gave them."""
        triples = self._by_document.get(name, [])
        own = self.labels.get(name, {})
        entities = {
            Entity(e.name, e.kind, own.get(e, frozenset({e.name})))
            for t in triples
            for e in (t.subject, t.object)
        }
        return triples, sorted(entities, key=lambda e: (e.name, e.kind))


def _argument_edge(
    extraction: Extraction, relations: RelationTable
) -> tuple[str, Mention, Span] | None:
    """The first prepositional argument naming an entity, read as the relation's object."""
    for arg in extraction.args:
        # "during the war" says when, unless the vocabulary reads the verb with it ("served
        # during World War II": fought in it).
        if arg.mention is not None and (
            arg.preposition not in _CIRCUMSTANTIAL or relations.has_reading(arg.predicate)
        ):
            return arg.predicate, arg.mention, arg.span
    return None


_SENTENCE_BREAK: Final = re.compile(r"(?<=[.!?])\s+|\n|[()]")


def _sentence_around(text: str, start: int, end: int) -> Span:
    """The sentence (or parenthesis, or line) holding ``text[start:end]``, by punctuation."""
    begin = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    stop = next((m.start() for m in _SENTENCE_BREAK.finditer(text, end)), len(text))
    return Span(text[begin:stop], begin, stop)


def _all_mentions(
    mentions: tuple[Mention, ...], extractions: tuple[Extraction, ...]
) -> Iterator[Mention]:
    # A name the parse gave no kind for takes the kind an extraction argues for it ("X was
    # released in 1996": a work), since one naming is counted once.
    argued = {
        (m.text, m.start, m.end, m.label): m
        for ex in extractions
        if (m := ex.subject_mention) is not None and m.kind and m.evidence
    }
    for mention in mentions:
        found = argued.get((mention.text, mention.start, mention.end, mention.label))
        yield found if found is not None and not mention.evidence else mention
    for ex in extractions:
        for m in (ex.subject_mention, ex.object_mention, *(a.mention for a in ex.args)):
            if m is not None and m.label != _DATE_LABEL:  # a date is a value, not an entity
                yield m


def _topic(mentions: tuple[Mention, ...], extractions: tuple[Extraction, ...]) -> Mention | None:
    """What a document is about, when its first sentence opens with a name ("X is a 1998
    film", "X (1901–1975) was a painter"): that name."""
    opening = Opening()
    opening.add(mentions, extractions)
    return opening.topic()


class Opening:
    """How a document opens, read section by section: its first sentence and first name,
    for what it is about (``topic``)."""

    def __init__(self) -> None:
        self._first: Span | None = None
        self._name: Mention | None = None

    def add(self, mentions: tuple[Mention, ...], extractions: tuple[Extraction, ...]) -> None:
        """Read one section's mentions and extractions (the sections in order)."""
        if extractions:
            first = min((ex.sentence for ex in extractions), key=lambda s: s.start)
            if self._first is None or first.start < self._first.start:
                self._first = first
        if mentions:
            name = min(mentions, key=lambda m: (m.start, -m.end))
            if self._name is None or (name.start, -name.end) < (self._name.start, -self._name.end):
                self._name = name

    def topic(self) -> Mention | None:
        """The name the document's first sentence opens with, if it opens with one."""
        first, opening = self._first, self._name
        if first is None or opening is None:
            return None
        lead = first.text[: opening.start - first.start] if opening.start >= first.start else "x"
        # Only an article or a quotation mark may come before the name.
        if lead.strip(" \"'“‘").lower() not in {"", "the", "a", "an"}:
            return None
        return opening


_Stated = TypeVar("_Stated", Triple, DateFact)


class _EvidenceCap:
    """Which of one document's evidence each edge keeps: its first ``limit`` pieces (a
    sentence and a rule, one evidence node each) in document order; the rest are counted.

    >>> cap = _EvidenceCap(2)
    >>> said = [Provenance("d", "h", Span("A owns B.", 10 * i, 10 * i + 9), Span("A", 0, 1),
    ...     Span("B", 7, 8), "svo", 0.9, "owns") for i in range(5)]
    >>> [cap.admit("A owns B", p) for p in said]
    [True, True, False, False, False]
    >>> cap.counts()
    {'A owns B': 5}
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._kept: dict[Hashable, set[tuple[int, int, str]]] = {}
        self._dropped: Counter[Hashable] = Counter()
        # The sentence last counted past the limit, with its rules: extractions come sentence
        # by sentence, so each dropped piece is counted once without being remembered.
        self._last: dict[Hashable, tuple[int, int, set[str]]] = {}

    def admit(self, edge: Hashable, provenance: Provenance | None) -> bool:
        """Count one piece of evidence for ``edge``; return whether it is kept."""
        if provenance is None:
            return True  # no evidence node to keep or count
        start, end, rule = provenance.sentence.start, provenance.sentence.end, provenance.rule
        kept = self._kept.setdefault(edge, set())
        if (start, end, rule) in kept:
            return True  # the same evidence node again
        if len(kept) < self._limit:
            kept.add((start, end, rule))
            return True
        last = self._last.get(edge)
        if last is None or last[:2] != (start, end):
            self._last[edge] = (start, end, {rule})
            self._dropped[edge] += 1
        elif rule not in last[2]:
            last[2].add(rule)
            self._dropped[edge] += 1
        return False

    def counts(self) -> dict[Hashable, int]:
        """Return each edge that had more evidence than it keeps, with how much it had."""
        return {edge: self._limit + n for edge, n in self._dropped.items()}

    def counted(self, stated: list[_Stated]) -> list[_Stated]:
        """Return ``stated`` with each kept piece of such an edge saying how many there were."""
        counts = self.counts()
        if not counts:
            return stated
        out = []
        for item in stated:
            p = item.provenance
            n = counts.get(_edge(item))
            out.append(
                item if p is None or n is None else replace(item, provenance=replace(p, count=n))
            )
        return out


def _edge(item: Triple | DateFact) -> Hashable:
    """What makes one statement node: subject, predicate and object (an entity or a date)."""
    if isinstance(item, Triple):
        return item.subject, item.predicate, item.object
    return item.subject, item.predicate, item.value


def _when(extraction: Extraction, anchor: Date | None) -> dict[str, When]:
    """When an extraction's arguments say its relation held: ``time``, or ``start`` and
    ``end`` ("In 2019, …" → time; "from 1992 to 2002" → start and end; "since 2010")."""
    out: dict[str, When] = {}
    # "In 2019, Nvidia acquired Mellanox": a date opening the sentence dates what it says.
    opening = _OPENING.match(extraction.sentence.text)
    if opening is not None:
        found = find_dates(opening.group(1), anchor)
        if len(found) == 1 and found[0].end == len(opening.group(1)):
            out["time"] = found[0].value
    for arg in extraction.args:
        if arg.mention is not None:
            continue
        words = arg.span.text
        span = find_range(words, anchor)
        if span is not None and arg.preposition in _FROM_TIME | {"between"}:
            out.setdefault("start", span[0].value)
            out.setdefault("end", span[1].value)
            continue
        found = find_dates(words, anchor)
        # The argument must be the date itself ("in May 2005"), not a phrase holding one.
        alone = len(found) == 1 and not words[found[0].end :].strip()
        if not alone or len(words[: found[0].start].split()) > 2:
            continue
        key = (
            "time"
            if arg.preposition in _AT_TIME or not arg.preposition
            else "start"
            if arg.preposition in _FROM_TIME
            else "end"
            if arg.preposition in _UNTIL_TIME
            else ""
        )
        if key:
            out.setdefault(key, found[0].value)
        if key == "start":
            # "from 1992 to 2002", where the parse left "to 2002" out of the argument.
            rest = extraction.sentence.text[arg.span.end - extraction.sentence.start :]
            joined = _THEN.match(rest)
            later = find_dates(rest[joined.end() :], anchor) if joined else []
            if later and later[0].start == 0:
                out.setdefault("end", later[0].value)
    return out


class Linker:
    """Links documents one at a time with entities already decided over the whole run.

    Keeps only what the merge log needs (each entity's occurrences and names), so a build
    can link and write each document as it reads it back instead of holding them all. Each
    edge keeps the first ``max_evidence`` pieces of evidence a document gives it, and counts
    the rest (``Provenance.count``).
    """

    def __init__(
        self,
        resolver: EntityResolver,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        relations: RelationTable | None = None,
        date: Date | None = None,
        *,
        max_evidence: int = MAX_EVIDENCE,
    ) -> None:
        if max_evidence < 1:
            raise ValueError(f"max_evidence must be at least 1, not {max_evidence}")
        self._resolver = resolver
        self._min_confidence = min_confidence
        self._max_evidence = max_evidence
        # Users' relation names first, then kg's own vocabulary (an empty table is kg's alone).
        self._relations = RelationTable() if relations is None else relations
        self._date = date  # relative dates count from it where a document gives no date
        self._seen: dict[Entity, set[Occurrence]] = defaultdict(set)
        self._names: dict[Entity, frozenset[str]] = defaultdict(frozenset)
        self._votes: dict[Entity, str] = {}
        self._roles: dict[Entity, tuple[str, ...]] = {}

    def _note(
        self, doc: str, mention: Mention, entity: Entity, written: Span | None = None
    ) -> None:
        if mention.resolved and written is not None:
            rules = (f"coref:{mention.resolved}", *self._resolver.explain(doc, mention))
            self._seen[entity].add(Occurrence(doc, written.start, written.end, written.text, rules))
        else:
            rules = self._resolver.explain(doc, mention)
            self._seen[entity].add(Occurrence(doc, mention.start, mention.end, mention.text, rules))

    def link(self, read: Read) -> tuple[list[Triple], dict[Entity, frozenset[str]]]:
        """Return one document's fact triples and, for each entity they name, the names
        that document wrote it as; ``read`` is (name, text, mentions, extractions)."""
        linked = self.link_document(read)
        return linked.triples, linked.labels

    def link_document(self, read: Read) -> LinkedDocument:
        """Return one document's fact triples, its date facts and the names it wrote each
        entity they name as; ``read`` is (name, text, mentions, extractions).

        Relative dates ("on Monday") count from the document's own date line or front matter
        (``kg.dates.document_date``), else from the Linker's ``date``; with neither they are
        kept as written. An edge the document states more often than it keeps evidence of
        has its first pieces of evidence, each with the count of them all.
        """
        doc_name, text, mentions, extractions = read
        return self.link_sections(
            doc_name, text, [(mentions, extractions)], _topic(mentions, extractions)
        )

    def link_sections(
        self,
        doc_name: str,
        text: str,
        sections: Iterable[Section],
        topic: Mention | None,
    ) -> LinkedDocument:
        """Return what :meth:`link_document` does for a document given as the (mentions,
        extractions) of its sections in order, holding one section at a time: ``topic`` is
        what it opens with (``Opening``). A mention must lie in the section of its sentence.
        """
        resolver = self._resolver
        doc_id = content_hash(text)
        anchor = document_date(text) or self._date
        triples: list[Triple] = []
        dates: list[DateFact] = []
        cap = _EvidenceCap(self._max_evidence)
        # The first naming of each entity, by its place among the document's mentions.
        named: dict[Entity, tuple[tuple[int, int], Named]] = {}
        # "a Canadian city" names the country the document names as "Canada", wherever it does.
        countries: dict[str, Entity] = {}
        demonyms: dict[str, tuple[tuple[int, int], Named]] = {}
        tallies: dict[Entity, Any] = {}
        roles: dict[Entity, set[str]] = {}
        self._votes = {}
        for part, (mentions, extractions) in enumerate(sections):
            self._link_extractions(
                doc_name, doc_id, extractions, anchor, topic, cap, triples, dates
            )
            sentences = sorted({ex.sentence for ex in extractions}, key=lambda s: s.start)
            starts = [s.start for s in sentences]
            resolved = [
                (m, resolver.entity(doc_name, m))
                for m in sorted(mentions, key=lambda m: (m.start, m.end))
            ]
            for order, (mention, entity) in enumerate(resolved):
                if entity is not None:
                    self._note(doc_name, mention, entity)
                    if entity.name in COUNTRIES:
                        countries[entity.name] = entity
                    if entity.kind == "person" and mention.role:
                        roles.setdefault(entity, set()).add(mention.role)
                elif mention.label == "NORP" and mention.text.lower() in DEMONYMS:
                    if DEMONYMS[mention.text.lower()] in demonyms:
                        continue
                else:
                    continue
                if entity in named:
                    continue
                k = bisect_right(starts, mention.start) - 1
                inside = k >= 0 and mention.end <= sentences[k].end
                sentence = (
                    sentences[k] if inside else _sentence_around(text, mention.start, mention.end)
                )
                where = Span(mention.text, mention.start, mention.end)
                naming = (part, order), Named(where, sentence)
                if entity is None:
                    demonyms[DEMONYMS[mention.text.lower()]] = naming
                else:
                    named[entity] = naming
            self._votes = resolver.votes(doc_name, mentions, tallies)
        for country, naming in demonyms.items():
            entity = countries.get(country, Entity(country, "place"))
            if entity not in named or naming[0] < named[entity][0]:
                named[entity] = naming
        first_named = {e: n for e, (_, n) in sorted(named.items(), key=lambda item: item[1][0])}
        for t in infer(triples, first_named, doc_name, doc_id):
            assert t.provenance is not None
            confidence = calibrated(t.provenance.rule, t.predicate, t.provenance.confidence)
            if confidence >= self._min_confidence and cap.admit(_edge(t), t.provenance):
                triples.append(replace(t, provenance=replace(t.provenance, confidence=confidence)))
        triples, dates = cap.counted(triples), cap.counted(dates)
        self._roles = {e: tuple(sorted(r)) for e, r in roles.items()}
        named_here = [e for t in triples for e in (t.subject, t.object)]
        named_here += [f.subject for f in dates]
        labels = {e: resolver.labels(e, doc_name) for e in named_here}
        for e, names in labels.items():
            self._names[e] = self._names[e] | names
        return LinkedDocument(triples, dates, labels, anchor)

    def _link_extractions(
        self,
        doc_name: str,
        doc_id: str,
        extractions: Iterable[Extraction],
        anchor: Date | None,
        topic: Mention | None,
        cap: _EvidenceCap,
        triples: list[Triple],
        dates: list[DateFact],
    ) -> None:
        """Add the fact triples and date facts ``extractions`` state that ``cap`` admits."""
        resolver = self._resolver
        for ex in extractions:
            dated = ex.object_mention is not None and ex.object_mention.label == _DATE_LABEL
            if ex.is_fact and dated:
                fact = self._date_fact(doc_name, doc_id, ex, anchor, topic)
                if fact is not None and cap.admit(_edge(fact), fact.provenance):
                    dates.append(fact)
                if not ex.args:
                    continue
                # "born on 13 March 1963 in Leeds": an argument may still name the object of an
                # edge, as it does when the date is no mention at all.
                ex = replace(ex, object_mention=None)
            if not ex.is_fact or ex.subject_mention is None:
                continue
            if ex.object_mention is not None:
                predicate, obj_mention, obj_span = ex.predicate, ex.object_mention, ex.object
            elif (found := _argument_edge(ex, self._relations)) is not None:
                predicate, obj_mention, obj_span = found
            else:
                continue
            subject = resolver.entity(doc_name, ex.subject_mention)
            obj = resolver.entity(doc_name, obj_mention)
            if subject is None or obj is None or subject == obj:
                continue
            self._note(doc_name, ex.subject_mention, subject, ex.subject)
            self._note(doc_name, obj_mention, obj, obj_span)
            subject_span = ex.subject
            if ex.inverse:
                subject, obj = obj, subject
                subject_span, obj_span = obj_span, subject_span
            relation = self._relations.read(predicate, subject.kind, obj.kind)
            if relation is None:
                continue
            confidence = calibrated(ex.rule, relation, ex.confidence)
            if confidence < self._min_confidence:
                continue
            when = _when(ex, anchor)
            provenance = Provenance(
                doc=doc_name,
                doc_id=doc_id,
                sentence=ex.sentence,
                subject=subject_span,
                object=obj_span,
                rule=ex.rule,
                confidence=confidence,
                relation=ex.relation,
                time=when.get("time"),
                start=when.get("start"),
                end=when.get("end"),
            )
            if cap.admit((subject, relation, obj), provenance):
                triples.append(Triple(subject, relation, obj, provenance))

    def _date_fact(
        self,
        doc_name: str,
        doc_id: str,
        ex: Extraction,
        anchor: Date | None,
        topic: Mention | None = None,
    ) -> DateFact | None:
        """The date fact of an extraction whose object is a date phrase, if it states one.

        A subject coreference left unresolved ("He died in 1964", "The album was released in
        May 2005") is taken to be the document's topic (``_topic``) when it fits its kind:
        an article about one thing dates that thing."""
        mention, confidence = ex.subject_mention, ex.confidence
        if mention is None and topic is not None and _ANAPHOR.match(ex.subject.text):
            mention, confidence = topic, confidence - _TOPIC_DEDUCTION
        if mention is None:
            return None
        subject = self._resolver.entity(doc_name, mention)
        if subject is not None and ex.subject_mention is None:
            personal = ex.subject.text.lower() in _PERSONAL
            if personal != (subject.kind == "person") or ex.subject.text.lower() in _PLURAL:
                return None
        found = find_dates(ex.object.text, anchor)
        if not found and (span := find_range(ex.relation)) is not None:
            # The end of "(1989–94)" is written "94": the range says which year.
            found = [m for m in span if ex.relation[m.start : m.end] == ex.object.text]
        if subject is None or len(found) != 1:
            return None
        relation = read_relation(ex.predicate, subject.kind, DATE_KIND)
        if relation is None or not is_date_relation(relation):
            return None
        confidence = calibrated(ex.rule, relation, confidence)
        if confidence < self._min_confidence:
            return None
        self._note(doc_name, mention, subject, ex.subject)
        provenance = Provenance(
            doc=doc_name,
            doc_id=doc_id,
            sentence=ex.sentence,
            subject=ex.subject,
            object=ex.object,
            rule=ex.rule,
            confidence=confidence,
            relation=ex.relation,
        )
        return DateFact(subject, relation, found[0].value, provenance)

    def kind_evidence(self, entity: Entity) -> str:
        """Return the votes for ``entity``'s kind that the document last linked gave, in words
        ("copula → person ×1; tagger PERSON ×2"): a function of that document alone."""
        return self._votes.get(entity, "")

    def roles(self, entity: Entity) -> tuple[str, ...]:
        """Return the roles the document last linked gives the person ``entity`` ("drummer",
        "chief executive"), kept on the person rather than as nodes of their own."""
        return self._roles.get(entity, ())

    def entities(self) -> list[Entity]:
        """Return every entity a linked fact names, with all the names documents gave it."""
        return sorted(
            (Entity(e.name, e.kind, names) for e, names in self._names.items()),
            key=lambda e: (e.name, e.kind),
        )

    def merges(self) -> list[Merge]:
        """Return the merge log of the documents linked so far, one line per entity."""
        return [
            Merge(e, self._resolver.kind_reason(e), tuple(sorted(self._seen[e], key=_by_place)))
            for e in sorted(self.entities(), key=lambda e: str(entity_iri(e.name, e.kind)))
        ]


def resolve_entities(
    documents: Iterable[tuple[str, str, tuple[Mention, ...], tuple[Extraction, ...]]],
    aliases: AliasTable | None = None,
    known: Mapping[str, str] | None = None,
) -> EntityResolver:
    """Return the entity decisions over documents given as (name, text, mentions, extractions).

    Reads each document once, in order, keeping only its names' evidence: ``documents`` may
    be a stream that is consumed as it goes.
    """
    return resolve_sections(
        ((name, text, [(mentions, exs)]) for name, text, mentions, exs in documents), aliases, known
    )


def resolve_sections(
    documents: Iterable[tuple[str, str, Iterable[Section]]],
    aliases: AliasTable | None = None,
    known: Mapping[str, str] | None = None,
) -> EntityResolver:
    """Return what :func:`resolve_entities` does for documents given as (name, text,
    sections), each section its (mentions, extractions): of a document, only its mentions
    are held at once, not its extractions."""
    return EntityResolver.from_sections(
        (
            (name, text, (_all_mentions(mentions, exs) for mentions, exs in sections))
            for name, text, sections in documents
        ),
        aliases,
        known,
    )


def link_documents(
    results: Iterable[Read],
    aliases: AliasTable | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    relations: RelationTable | None = None,
) -> Linked:
    """Return the entities, fact triples and merge log of documents given as
    (name, text, mentions, extractions); ``aliases`` defaults to the built-in table and
    ``relations`` (``kg.relation_table``) names relations before kg's own vocabulary does.

    Negated, hedged and reported extractions are not facts and give no triple.
    """
    results = list(results)
    linker = Linker(resolve_entities(results, aliases), min_confidence, relations)
    triples: list[Triple] = []
    dates: list[DateFact] = []
    labels: dict[str, dict[Entity, frozenset[str]]] = {}
    for read in results:
        linked = linker.link_document(read)
        triples.extend(linked.triples)
        dates.extend(linked.dates)
        labels[read[0]] = linked.labels
    labels = {doc: named for doc, named in labels.items() if named}
    return Linked(linker.entities(), triples, linker.merges(), labels, dates)


def _by_place(occurrence: Occurrence) -> tuple[str, int, int, str]:
    return occurrence.doc, occurrence.start, occurrence.end, occurrence.text


def link(results: Iterable[Read]) -> tuple[list[Entity], list[Triple]]:
    """Return the entities and fact triples of (name, text, mentions, extractions) documents."""
    linked = link_documents(results)
    return linked.entities, linked.triples
