"""Parsed tokens → Extraction values: phrase extents, rule confidences, the emitter rules write to.

Shared by the clause rules and the nominal rules. Reads spaCy tokens and builds model values;
it decides nothing about which relations a sentence holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract.mentions import TokenMention
from kg.model import Argument, Extraction, Mention, Span

__all__ = [
    "NOMINAL_POS",
    "PLACE_CLASSES",
    "RULES",
    "Emitter",
    "Reading",
    "Sentence",
    "conjuncts",
    "np_range",
    "phrase",
]

NOMINAL_POS: Final = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
# Nouns that name the kind of a place whose name follows in "of": "the city of Lima", "the U.S.
# state of Alaska". The phrase names the place.
PLACE_CLASSES: Final = frozenset(
    {
        "city",
        "town",
        "village",
        "state",
        "province",
        "county",
        "district",
        "region",
        "municipality",
        "commune",
        "island",
        "prefecture",
        "borough",
        "parish",
        "department",
        "canton",
        "territory",
        "kingdom",
        "duchy",
        "oblast",
        "township",
        "governorate",
        "emirate",
        "voivodeship",
        "republic",
        "islands",
        "archipelago",
        "valley",
        "suburb",
    }
)
# Children that end a noun phrase: clauses, appositions and other conjuncts are not part of it.
_NP_STOP: Final = frozenset(
    {"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "parataxis", "dep", "preconj"}
)
# Below the head, only these children open a clause or a second phrase inside the phrase.
_NP_INNER_STOP: Final = frozenset({"relcl", "appos", "advcl", "parataxis"})
# Punctuation that separates a phrase from what follows rather than joining its words.
_PHRASE_BREAKS: Final = frozenset({",", ";", ":", "--", "(", ")", "[", "]"})

# Base confidence of each rule, by clause shape: about how often its extractions match what a
# careful reader takes from the sentence (measured on CaRB dev per rule, never per sentence).
# A clause with its own subject and a verb-attached argument is the safest reading; inherited
# subjects (participles, adverbial clauses) and implied relations are less often right. These
# names are the ``rule`` field of every extraction.
RULES: Final[dict[str, float]] = {
    "sv-prep": 0.8,  # SVA with a preposition: "partnered with Baidu"
    "sv-adverbial": 0.78,  # SVA with an adverbial: "diverge northeast of Tarboro"
    "reported": 0.75,  # SVO whose object is a clause: "said that ..."
    "svo": 0.75,  # SVO / SVOO / SVOA: "supplies chips to Apple"
    "passive": 0.75,  # passive with its agent: "was acquired by SoftBank"
    "copula-of": 0.75,  # SVC with a relational noun: "is the capital of Taiwan"
    "xcomp": 0.72,  # a catenative verb with its infinitive: "aims to harness AI"
    "copula": 0.7,  # SVC: "is a young chipmaker", "became more common"
    "relative-clause": 0.62,  # subject from the noun a relative clause modifies
    "apposition": 0.6,  # "Jensen Huang, the chief executive of Nvidia,"
    "controlled-clause": 0.52,  # subject from the governing clause: "Having returned, they ..."
    "participle": 0.48,  # subject from the noun a participle modifies: "duties specified for"
    "possessive": 0.45,  # a possessed relational noun: "Russia's dependence on the West"
    "nominal-between": 0.6,  # "a partnership between Airbus and Tata"
    "title": 0.7,  # "Russian President Vladimir Putin": the object is implied by a demonym
    "demonym": 0.6,  # "Chinese tech firm Baidu"
    "reciprocal": 0.55,  # coordinated subjects of a meeting: "During a summit, A and B agreed"
    "location-chain": 0.8,  # "Dallas, Texas": a place and the larger place it lies in
    "place-class": 0.75,  # "the U.S. state of Alaska", "the Tarsi district of Ostreby"
    "kinship": 0.7,  # "his brother John", "X's wife, Y"
    "made-by": 0.75,  # "an album by X", "X's novel Y"
    "lifespan": 0.9,  # dates in a parenthesis after a name: "X (1901–1975)", "X (born 1950)"
    "date-clause": 0.8,  # a date on a verb that dates its subject: "X was founded in 1998"
    "date-modifier": 0.75,  # a year before a work's class noun: "X is a 1936 film"
    "date-parenthesis": 0.7,  # a year alone after a title: "the album X (2000)"
    "date-event": 0.7,  # a date on an event: "the Battle of X in 1808", "a 1355 coup"
    "noun-preposition": 0.35,  # a noun's own phrase: "companies in Japan" → are in
    "possessor": 0.35,  # "Nissan 's morale" → Nissan / has / morale
    "sv": 0.25,  # SV with no argument at all: rarely the whole relation
}
# A short extraction ("it was") says too little to be a relation a reader would state.
_SHORT_WORDS: Final = 5


@dataclass(frozen=True, slots=True)
class Sentence:
    """A parsed sentence and what is needed to turn its tokens into document offsets."""

    span: SpacySpan
    doc_name: str
    text: str  # the original document text (the parse may have seen a recased copy)
    offset: int  # where the parsed Doc starts in ``text``
    mentions: list[TokenMention | None]  # per token of the Doc: the mention covering it

    def char_span(self, start: int, end: int) -> Span:
        """Return the document Span of tokens ``[start, end)`` of the parsed Doc."""
        doc = self.span.doc
        begin = self.offset + doc[start].idx
        stop = self.offset + doc[end - 1].idx + len(doc[end - 1].text)
        return Span(self.text[begin:stop], begin, stop)

    def token_mention(self, token: Token) -> TokenMention | None:
        """The mention covering ``token``; for "the city of X", "the state of X", X's."""
        found = self.mentions[token.i]
        if found is None and token.pos_ == "NOUN" and token.lemma_.lower() in PLACE_CLASSES:
            named = [
                o
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj"
            ]
            if named:
                found = self.mentions[named[0].i]
        return found

    def mention_at(self, token: Token) -> Mention | None:
        found = self.token_mention(token)
        if found is None:
            return None
        span = self.char_span(found.start, found.end)
        return Mention(span.text, span.start, span.end, found.label)


@dataclass(frozen=True, slots=True)
class Reading:
    """How a clause is to be read: not a plain fact when negated, hedged or reported."""

    negated: bool = False
    modality: str = ""
    attribution: str = ""


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Russia and China" → both)."""
    found = [token]
    for child in token.children:
        if (child.dep_ == "conj" and child.pos_ == token.pos_) or (
            child.dep_ == "conj" and child.pos_ in NOMINAL_POS and token.pos_ in NOMINAL_POS
        ):
            found.extend(conjuncts(child))
    return found


def np_range(token: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``token``, without clauses and conjuncts."""
    kept = {token.i}
    stack = [c for c in token.children if c.dep_ not in _NP_STOP and c.dep_ != "case"]
    while stack:
        tok = stack.pop()
        kept.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in _NP_INNER_STOP)
    doc = token.doc

    def joins(i: int, step: int) -> bool:
        # A hyphen or quote of the head's own sits inside the phrase when words go on beyond it.
        return i in kept or (
            0 <= i < len(doc)
            and doc[i].is_punct
            and doc[i].head.i == token.i
            and i + step in kept
            and doc[i].lower_ not in _PHRASE_BREAKS
        )

    left = token.i
    while joins(left - 1, -1):
        left -= 1
    right = token.i
    while joins(right + 1, 1):
        right += 1
    while left < right and (doc[left].is_punct or doc[left].dep_ in {"cc", "preconj"}):
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    # A quoted name keeps its quotes: `` Curtis Alerici '', the “Google of Russia”.
    opened = sum(1 for t in doc[left : right + 1] if t.is_quote) % 2 == 1
    if opened and right + 1 < len(doc) and doc[right + 1].is_quote:
        right += 1
    elif left > 0 and right + 1 < len(doc) and doc[left - 1].is_quote and doc[right + 1].is_quote:
        left, right = left - 1, right + 1
    return left, right + 1


def phrase(tokens: list[Token]) -> str:
    """The tokens' words in text order, one space apart."""
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


class Emitter:
    """Collects extractions for one sentence, turning tokens into document spans."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.doc: Doc = sentence.span.doc
        self.out: list[Extraction] = []
        self._ranges: dict[int, tuple[int, int]] = {}
        sent = sentence.span
        self.sentence_span = sentence.char_span(sent.start, sent.end)

    def mention(self, token: Token) -> TokenMention | None:
        """The mention covering ``token``, if it is part of a name ("the state of X": X's)."""
        return self.sentence.token_mention(token)

    def np_range(self, token: Token) -> tuple[int, int]:
        """``np_range(token)``, worked out once per token: every rule asks for the same phrases."""
        found = self._ranges.get(token.i)
        if found is None:
            found = self._ranges[token.i] = np_range(token)
        return found

    def span_of(self, token: Token) -> Span:
        start, end = self.np_range(token)
        return self.sentence.char_span(start, end)

    def phrase_argument(
        self, prep: Token | None, heads: tuple[Token, ...], predicate: str
    ) -> Argument:
        """The argument "in A and B": from the preposition to the end of the last conjunct."""
        start, _ = self.np_range(heads[0])
        _, end = self.np_range(heads[-1])
        if prep is not None:
            start = min(start, prep.i)
        return Argument(
            span=self.sentence.char_span(start, end),
            preposition=prep.lower_ if prep is not None else "",
            predicate=predicate,
            mention=self.sentence.mention_at(heads[0]),
        )

    def emit(
        self,
        rule: str,
        subject: Token,
        relation: str,
        obj: Token | None,
        predicate: str,
        *,
        reading: Reading = Reading(),
        args: tuple[Argument, ...] = (),
        penalty: float = 0.0,
        inverse: bool = False,
        subject_tokens: tuple[int, int] | None = None,
        object_tokens: tuple[int, int] | None = None,
    ) -> None:
        """Emit one extraction; ``subject_tokens`` and ``object_tokens`` replace the noun phrases
        of ``subject`` and ``obj`` where a rule reads a narrower or wider span."""
        subject_span = self.span_of(subject)
        if subject_tokens is not None:
            subject_span = self.sentence.char_span(*subject_tokens)
        end = self.sentence_span.end
        object_span = self.span_of(obj) if obj is not None else Span("", end, end)
        if object_tokens is not None:
            object_span = self.sentence.char_span(*object_tokens)
        confidence = RULES[rule] - penalty
        # A pronoun only points to the entity the relation is about.
        confidence -= 0.05 * ((subject.pos_ == "PRON") + (obj is not None and obj.pos_ == "PRON"))
        words = [subject_span.text, relation, object_span.text, *(a.span.text for a in args)]
        if len(" ".join(words).split()) < _SHORT_WORDS:
            confidence -= 0.1
        self._add(
            rule,
            subject_span,
            relation,
            object_span,
            predicate,
            confidence,
            args=args,
            subject_mention=self.sentence.mention_at(subject),
            object_mention=self.sentence.mention_at(obj) if obj is not None else None,
            negated=reading.negated,
            modality=reading.modality,
            attribution=reading.attribution,
            inverse=inverse,
        )

    def emit_implied(
        self,
        rule: str,
        subject: Span,
        relation: str,
        object_name: str,
        object_token: Token,
        predicate: str,
        *,
        mention_of: Token,
        reading: Reading = Reading(),
    ) -> None:
        """Emit an extraction whose object is implied ("Chinese" → China) rather than written."""
        obj_span = self.sentence.char_span(object_token.i, object_token.i + 1)
        self._add(
            rule,
            subject,
            relation,
            obj_span,
            predicate,
            RULES[rule],
            subject_mention=self.sentence.mention_at(mention_of),
            object_mention=Mention(object_name, obj_span.start, obj_span.end, "GPE"),
            negated=reading.negated,
            modality=reading.modality,
            attribution=reading.attribution,
        )

    def _add(
        self,
        rule: str,
        subject: Span,
        relation: str,
        obj: Span,
        predicate: str,
        confidence: float,
        **details: Any,
    ) -> None:
        self.out.append(
            Extraction(
                doc=self.sentence.doc_name,
                sentence=self.sentence_span,
                subject=subject,
                relation=relation,
                object=obj,
                predicate=predicate,
                rule=rule,
                confidence=round(max(0.05, min(0.99, confidence)), 3),
                **details,
            )
        )
