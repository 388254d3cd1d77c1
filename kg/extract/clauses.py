"""Verb clauses → extractions: subject, relation phrase, object and extra arguments of each clause.

Clause-based in the spirit of ClausIE: each verb with its subject, objects, complements and
prepositional arguments is a clause, whether it heads the sentence, a relative clause, a
participle or an infinitive. Reads spaCy tokens only; relations inside noun phrases are
``kg.extract.nominal``'s.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract.emit import NOMINAL_POS, RULES, Emitter, Reading, conjuncts, phrase
from kg.extract.mentions import TITLES
from kg.extract.nominal import KIN_NOUNS, ROLE_NOUNS, describe
from kg.extract.relations import SYMMETRIC, is_relational_noun, predicate_label, third_person
from kg.model import Argument

__all__ = ["read_clauses"]

_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_OBJECTS: Final = frozenset({"dobj", "obj"})
_COMPLEMENTS: Final = frozenset({"attr", "acomp", "oprd"})
_HEDGES: Final = frozenset({"may", "might", "could", "would", "should"})
# Adverbs that report a clause as claimed or likely, not as a fact: "allegedly supplied arms".
_HEDGE_ADVERBS: Final = frozenset(
    {
        "allegedly",
        "reportedly",
        "purportedly",
        "supposedly",
        "apparently",
        "possibly",
        "probably",
        "likely",
        "perhaps",
        "presumably",
        "seemingly",
        "rumoredly",
    }
)
# Verbs whose infinitive is wanted, planned or threatened rather than done: "threatened to
# strike the base", "plans to buy X".
_UNREALISED: Final = frozenset(
    {
        "threaten",
        "plan",
        "intend",
        "want",
        "hope",
        "propose",
        "consider",
        "refuse",
        "fail",
        "expect",
        "schedule",
        "decline",
        "offer",
        "promise",
        "wish",
        "need",
        "vow",
        "pledge",
        "prepare",
        "seek",
        "try",
        "attempt",
        "aim",
        "agree",
        "decide",
        "urge",
        "ask",
    }
)
_SAYING: Final = frozenset(
    {
        "say",
        "claim",
        "report",
        "state",
        "believe",
        "think",
        "argue",
        "suggest",
        "allege",
        "deny",
        "insist",
        "warn",
        "tell",
        "write",
        "add",
        "note",
        "predict",
        "expect",
        "hope",
    }
)
_RELATIVE_TAGS: Final = frozenset({"WDT", "WP", "WP$"})
_CHAIN: Final = frozenset({"aux", "auxpass", "neg", "prt"})
_QUANTITY_ENTS: Final = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY"})
# Nouns that, after "is", carry the relation to their "of" object ("the capital of Taiwan").
_RELATIONAL_NOUNS: Final = (
    TITLES
    | KIN_NOUNS
    | ROLE_NOUNS
    | {
        "capital",
        "member",
        "part",
        "home",
        "subsidiary",
        "unit",
        "owner",
        "maker",
        "supplier",
        "partner",
        "rival",
        "competitor",
        "customer",
        "headquarters",
        "division",
        "founder",
        "leader",
        "ally",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "episode",
        "single",
        "track",
        "season",
        "chapter",
        "sequel",
        "prequel",
        "tributary",
        "branch",
        "affiliate",
    }
)


# Verbs and event nouns whose coordinated subjects act on each other: "A and B met", "during a
# summit, A and B agreed" → A meets B. The event is what the participants share.
_RECIPROCAL_VERBS: Final = frozenset({"meet", "talk", "negotiate", "confer"})
_RECIPROCAL_EVENTS: Final = frozenset({"meeting", "summit", "talk", "talks", "negotiation", "call"})
_EVENT_PREPOSITIONS: Final = frozenset({"during", "at", "in", "after", "before", "following"})


@dataclass(frozen=True, slots=True)
class _Clause:
    verb: Token
    subjects: tuple[Token, ...]
    rule_prefix: str  # "" for a clause with its own subject, else how the subject was found
    reading: Reading
    relation_tokens: tuple[Token, ...]  # the verb chain, possibly with a governing verb ("aims to")
    predicate_head: str  # the predicate before the object's preposition ("aims to secure")


def _has_negation(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never"} for c in token.children)


def _verb_chain_tokens(verb: Token) -> list[Token]:
    """Auxiliaries, negation, adverbs inside the chain, the verb and its particle, in text order.

    An adverb belongs to the relation when it sits between the auxiliary and the verb or just
    before the verb ("has sharply improved", "often refers"); elsewhere it is an argument.
    """
    parts = [verb]
    parts.extend(c for c in verb.children if c.dep_ in _CHAIN and c.i > verb.i - 6)
    # A stranded preposition before another one is part of the verb: "referred to as".
    parts.extend(
        c
        for c in verb.children
        if c.dep_ == "prep"
        and c.i > verb.i
        and not any(c.children)
        and c.i + 1 < len(c.doc)
        and c.doc[c.i + 1].dep_ == "prep"
    )
    first = min(p.i for p in parts)
    parts.extend(
        c
        for c in verb.children
        if c.dep_ == "advmod"
        and c.tag_ == "RB"
        and not any(c.children)
        and (first < c.i < verb.i or c.i == verb.i - 1)
    )
    return sorted(parts, key=lambda t: t.i)


def _relative_subjects(noun: Token) -> list[Token]:
    """What a relative clause is about: its noun, or the subject that noun is predicated of
    ("X is a footballer who plays for Y" → X plays for Y)."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        own = [c for c in noun.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if own and own[0].tag_ not in _RELATIVE_TAGS:
            return conjuncts(own[0])
    return conjuncts(noun)


def _subjects_of(verb: Token) -> tuple[list[Token], str]:
    """Subjects of ``verb`` and, where it has none of its own, how they were inherited."""
    own = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if own:
        subject = own[0]
        if subject.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl":
            return _relative_subjects(verb.head), "relative-clause"
        return conjuncts(subject), ""
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        subjects, how = _subjects_of(verb.head)
        return subjects, how
    if verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX"}:
        # "urged the US and Europe to restrain X": the object does the infinitive's action.
        controllers = [c for c in verb.head.children if c.dep_ in _OBJECTS and c.i < verb.i]
        if controllers:
            return conjuncts(controllers[0]), "xcomp"
        subjects, how = _subjects_of(verb.head)
        return subjects, how or "xcomp"
    if verb.dep_ == "relcl":
        return _relative_subjects(verb.head), "relative-clause"
    if verb.dep_ == "acl" and verb.head.pos_ in NOMINAL_POS:
        possessor = [c for c in verb.head.children if c.dep_ == "poss"]
        if possessor and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return conjuncts(possessor[0]), "possessive"
        # "X is a film directed by Y": the participle is said of X.
        return _relative_subjects(verb.head), "participle"
    if verb.dep_ in {"advcl", "pcomp"}:
        governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if governor.pos_ in {"VERB", "AUX"}:
            subjects, _ = _subjects_of(governor)
            return subjects, "controlled-clause"
    return [], ""


def _attribution(verb: Token) -> str:
    """Who the clause is attributed to ("officials said"), if it is reported speech."""
    head = verb
    while head.dep_ in {"conj", "xcomp"} and head.head.i != head.i:
        head = head.head
    if head.dep_ == "ccomp" and head.head.lemma_ in _SAYING:
        sayer = head.head
        subjects = [c for c in sayer.children if c.dep_ in _SUBJECTS]
        return phrase([*subjects, sayer]) if subjects else sayer.text
    return ""


def _is_reported(verb: Token) -> bool:
    """Whether the clause sits inside a content clause ("said that [it grew]"): read with its
    reporting verb, it is less often a relation of its own."""
    return any(t.dep_ == "ccomp" for t in (verb, *verb.ancestors))


def _modality(verb: Token) -> str:
    """The word that makes a clause a hedge, a plan or a claim rather than a stated fact."""
    chain = [verb, *([verb.head] if verb.dep_ in {"xcomp", "conj"} else [])]
    for tok in chain:
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in _HEDGES:
                return child.lower_
            if child.dep_ == "advmod" and child.lower_ in _HEDGE_ADVERBS:
                return child.lower_
    if verb.dep_ == "xcomp":
        governor = verb.head
        # "was chosen to lead", "is reported to have resigned", "urged X to restrain Y",
        # "threatened to strike": the infinitive is a plan, a claim or a request.
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in governor.children)
        controlled = any(c.dep_ in _OBJECTS and c.i < verb.i for c in governor.children)
        if passive or controlled or governor.lemma_.lower() in _UNREALISED:
            return governor.lemma_.lower()
    return ""


def _is_catenative(verb: Token) -> bool:
    """A verb whose only job is to govern an infinitive ("aims to secure")."""
    return any(c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in verb.children) and not any(
        c.dep_ in _OBJECTS | _COMPLEMENTS | {"dative"}
        or (c.dep_ in {"prep", "agent"} and c.i > verb.i)
        for c in verb.children
    )


def _clause(verb: Token) -> _Clause | None:
    subjects, how = _subjects_of(verb)
    if not subjects:
        return None
    relation_tokens = _verb_chain_tokens(verb)
    predicate_head = third_person(verb.lemma_)
    passive = verb.dep_ == "acl" or any(c.dep_ == "auxpass" for c in verb.children)
    if (
        verb.tag_ == "VBN"
        and passive
        and verb.lemma_.lower() not in SYMMETRIC
        and not any(c.dep_ == "agent" for c in verb.children)
    ):
        # Without its agent a passive stays passive: "referred to as", not "refers as"; the
        # participle alone reads like the demonym rule's "based in", so both give one predicate.
        predicate_head = verb.lower_
    particle = _particle(verb)
    if particle:
        predicate_head += " " + particle
    stranded = [t.lower_ for t in relation_tokens if t.dep_ == "prep"]
    if stranded:
        predicate_head += " " + " ".join(stranded)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB" and _is_catenative(verb.head):
        governor = verb.head
        relation_tokens = [*_verb_chain_tokens(governor), *relation_tokens]
        # "was chosen to lead" stays passive: Lee did not choose.
        passive_governor = any(c.dep_ == "auxpass" for c in governor.children)
        head = governor.lower_ if passive_governor else third_person(governor.lemma_)
        predicate_head = f"{head} to {verb.lemma_.lower()}"
        how = how or "xcomp"
    elif how == "possessive":
        noun = verb.head
        relation_tokens = [noun, *relation_tokens]
        predicate_head = f"{third_person(noun.lemma_)} to {verb.lemma_.lower()}"
    negated = _has_negation(verb) or (verb.dep_ == "xcomp" and _has_negation(verb.head))
    return _Clause(
        verb=verb,
        subjects=tuple(subjects),
        rule_prefix=how,
        reading=Reading(negated, _modality(verb), _attribution(verb)),
        relation_tokens=tuple(relation_tokens),
        predicate_head=predicate_head,
    )


def _is_quantity(token: Token) -> bool:
    return token.ent_type_ in _QUANTITY_ENTS or token.like_num


def _particle(verb: Token) -> str:
    return next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")


def _join(head: str, prep: str, *, drop_with: str = "") -> str:
    if prep == "with" and drop_with in SYMMETRIC:
        return head
    return f"{head} {prep}".strip()


def _clause_rule(clause: _Clause, default: str) -> str:
    return clause.rule_prefix if clause.rule_prefix in RULES else default


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A prepositional or adverbial argument of a verb: its preposition and coordinated heads."""

    prep: Token | None  # None for an adverbial ("last week", "northeast of Tarboro")
    heads: tuple[Token, ...]

    @property
    def preposition(self) -> str:
        return self.prep.lower_ if self.prep is not None else ""

    def extent(self, em: Emitter, head: Token) -> tuple[int, int]:
        """Token range of the phrase read with one of its heads: "in [A]" of "in A and B"."""
        start, end = em.np_range(head)
        return (min(start, self.prep.i) if self.prep is not None else start), end


def _phrases(verb: Token) -> list[_Phrase]:
    """The verb's prepositional phrases ("in AI", "by adding salt") and adverbial arguments."""
    found = []
    for child in verb.children:
        if child.dep_ in {"prep", "agent"} or (child.dep_ == "dative" and child.pos_ == "ADP"):
            heads = [o for c in child.children if c.dep_ == "pobj" for o in conjuncts(c)]
            heads = heads or [c for c in child.children if c.dep_ == "pcomp"]
            if heads:
                found.append(_Phrase(child, tuple(heads)))
        elif child.dep_ == "npadvmod" or (
            child.dep_ == "advmod" and any(c.dep_ == "prep" for c in child.children)
        ):
            found.append(_Phrase(None, (child,)))
    return found


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("the loophole that firms exploit" → loophole)."""
    verb = token.head
    if token.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl":
        return verb.head
    return token


def _drops_relative_object(verb: Token, phrases: list[_Phrase]) -> bool:
    """A relative clause without a pronoun whose gap is the object ("the book he wrote")."""
    if verb.dep_ != "relcl" or verb.pos_ != "VERB" or phrases:
        return False
    own = [c for c in verb.children if c.dep_ in _SUBJECTS]
    return (
        bool(own)
        and own[0].tag_ not in _RELATIVE_TAGS
        and not any(
            c.dep_ in _COMPLEMENTS | {"ccomp", "xcomp", "auxpass", "dative", "mark"}
            or c.tag_ in _RELATIVE_TAGS | {"WRB"}
            for c in verb.children
        )
    )


def _emit_content(em: Emitter, clause: _Clause, subject: Token, content: Token) -> None:
    """ "X said that Y ...": the reported clause, as written, is the object of the saying.

    The clause's own extractions carry the attribution; this one only records who said it.
    """
    marks = [c for c in content.children if c.dep_ == "mark" and c.i < content.i]
    start, end = content.left_edge.i, content.right_edge.i + 1
    if marks:
        start = max(start, marks[0].i + 1)
    doc = em.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ == "that"):
        start += 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    if start >= end or start <= clause.verb.i < end:
        return
    em.emit(
        _clause_rule(clause, "reported"),
        subject,
        phrase([*clause.relation_tokens, *marks[:1]]),
        content,
        clause.predicate_head,
        reading=clause.reading,
        object_tokens=(start, end),
    )


def _extract_clause(em: Emitter, clause: _Clause) -> None:
    verb = clause.verb
    children = list(verb.children)
    objects = [_antecedent(o) for c in children if c.dep_ in _OBJECTS for o in conjuncts(c)]
    complements = [o for c in children if c.dep_ in _COMPLEMENTS for o in conjuncts(c)]
    datives = [c for c in children if c.dep_ == "dative" and c.pos_ != "ADP"]
    phrases = _phrases(verb)
    contents = [c for c in children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}]
    if not objects and _drops_relative_object(verb, phrases):
        objects = [verb.head]  # "the book he wrote" → he wrote the book
    relation_words = list(clause.relation_tokens)
    # "the yacht Aurora, skippered by Kim Day": a participle with its agent is a passive too.
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )
    penalty = (0.05 if clause.rule_prefix else 0.0) + (0.15 if _is_reported(verb) else 0.0)
    reading = clause.reading
    particle = _particle(verb)

    def args_except(skip: _Phrase | None, noun: str = "") -> tuple[Argument, ...]:
        return tuple(
            em.phrase_argument(
                ph.prep, ph.heads, predicate_label(verb.lemma_, particle, noun, ph.preposition)
            )
            for ph in phrases
            if ph is not skip
        )

    for subject in clause.subjects:
        if subject.tag_ in _RELATIVE_TAGS:
            continue
        if verb.lemma_ == "be" and complements:
            for comp in complements:
                of_preps = [
                    (p, o)
                    for p in comp.children
                    if p.dep_ == "prep" and p.lower_ in {"of", "for", "at", "in"}
                    for c in p.children
                    if c.dep_ == "pobj"
                    for o in conjuncts(c)
                ]
                if (
                    comp.pos_ in {"NOUN", "PROPN"}
                    and of_preps
                    and comp.lemma_.lower() in _RELATIONAL_NOUNS
                ):
                    for prep, pobj in of_preps:
                        left, _ = em.np_range(comp)
                        rel_tokens = [*relation_words, *em.doc[left : prep.i + 1]]
                        em.emit(
                            "copula-of",
                            subject,
                            phrase(rel_tokens),
                            pobj,
                            f"{comp.lemma_.lower()} {prep.lower_}",
                            reading=reading,
                            penalty=penalty,
                        )
                else:
                    em.emit(
                        _clause_rule(clause, "copula"),
                        subject,
                        phrase(relation_words),
                        comp,
                        "is",
                        reading=reading,
                        args=args_except(None),
                        penalty=penalty,
                    )
                    describe(em, subject, comp, relation_words, reading, penalty, rule="copula-of")
            continue
        if objects:
            for obj in objects:
                noun = "" if _is_quantity(obj) or obj.pos_ in {"PROPN", "PRON"} else obj.lemma_
                extra = tuple(
                    em.phrase_argument(None, (d,), clause.predicate_head) for d in datives
                )
                em.emit(
                    _clause_rule(clause, "svo"),
                    subject,
                    phrase(relation_words),
                    obj,
                    _join(clause.predicate_head, ""),
                    reading=reading,
                    args=extra + args_except(None, noun),
                    penalty=penalty,
                )
                # "seeks collaboration with China": the relation sits in the object noun.
                if not is_relational_noun(obj.lemma_):
                    continue
                for prep in (c for c in obj.children if c.dep_ == "prep"):
                    for pobj in (
                        o for c in prep.children if c.dep_ == "pobj" for o in conjuncts(c)
                    ):
                        if em.mention(pobj) is None and pobj.pos_ != "PROPN":
                            continue
                        rel_tokens = [*relation_words, *em.doc[em.np_range(obj)[0] : prep.i + 1]]
                        em.emit(
                            _clause_rule(clause, "svo"),
                            subject,
                            phrase(rel_tokens),
                            pobj,
                            predicate_label(verb.lemma_, particle, obj.lemma_, prep.lower_),
                            reading=reading,
                            penalty=penalty + 0.1,
                        )
            continue
        if contents:
            for content in contents:
                _emit_content(em, clause, subject, content)
            continue
        if passive:
            agents = [ph for ph in phrases if ph.prep is not None and ph.prep.dep_ == "agent"]
            for ph in agents:
                assert ph.prep is not None  # agents are phrases with a preposition
                for agent in ph.heads:
                    em.emit(
                        _clause_rule(clause, "passive"),
                        subject,
                        phrase([*relation_words, ph.prep]),
                        agent,
                        clause.predicate_head,
                        reading=reading,
                        args=args_except(ph),
                        penalty=penalty,
                        inverse=True,
                    )
            if agents:
                continue
        if complements:
            for comp in complements:
                em.emit(
                    _clause_rule(clause, "copula"),
                    subject,
                    phrase(relation_words),
                    comp,
                    clause.predicate_head,
                    reading=reading,
                    args=args_except(None),
                    penalty=penalty,
                )
            continue
        later = [ph for ph in phrases if ph.prep is not None and ph.prep.i > verb.i]
        if later:
            first = later[0]
            assert first.prep is not None  # later holds phrases with a preposition
            for pobj in first.heads:
                em.emit(
                    _clause_rule(clause, "sv-prep"),
                    subject,
                    phrase([*relation_words, first.prep]),
                    pobj,
                    _join(clause.predicate_head, first.preposition, drop_with=verb.lemma_.lower()),
                    reading=reading,
                    args=args_except(first),
                    penalty=penalty,
                )
            continue
        if phrases:
            first = phrases[0]
            em.emit(
                _clause_rule(clause, "sv-adverbial"),
                subject,
                phrase(relation_words),
                first.heads[0],
                clause.predicate_head,
                reading=reading,
                args=args_except(first),
                penalty=penalty,
                object_tokens=first.extent(em, first.heads[0]),
            )
            continue
        if not any(c.dep_ in {"xcomp", "ccomp"} for c in children):
            em.emit(
                _clause_rule(clause, "sv"),
                subject,
                phrase(relation_words),
                None,
                clause.predicate_head,
                reading=reading,
                penalty=penalty,
            )


def _predicates(sent: SpacySpan) -> Iterator[Token]:
    for token in sent:
        if token.pos_ == "VERB" or (
            token.pos_ == "AUX"
            and token.dep_ in {"ROOT", "conj", "relcl", "ccomp", "advcl", "xcomp"}
            and (token.dep_ != "xcomp" or any(c.dep_ in _COMPLEMENTS for c in token.children))
        ):
            yield token


def _reciprocal(em: Emitter, clause: _Clause) -> None:
    """ "A and B met" or "During a summit, A and B signed …" → A / meets / B, once per pair."""
    named = [s for s in clause.subjects if em.mention(s) is not None]
    if len(named) < 2 or clause.rule_prefix:
        return
    verb = clause.verb
    if verb.lemma_.lower() in _RECIPROCAL_VERBS and not any(
        c.dep_ in _OBJECTS for c in verb.children
    ):
        relation = phrase(list(clause.relation_tokens))
    else:
        events = [
            (prep, pobj)
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ in _EVENT_PREPOSITIONS
            for pobj in prep.children
            if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _RECIPROCAL_EVENTS
        ]
        if not events:
            return
        prep, event = events[0]
        relation = phrase([prep, *[t for t in event.subtree if t.i <= event.i]])
    for k, first in enumerate(named):
        for second in named[k + 1 :]:
            em.emit("reciprocal", first, relation, second, "meets", reading=clause.reading)


def read_clauses(em: Emitter, sent: SpacySpan) -> None:
    """Emit the extractions of every verb clause in ``sent``."""
    for verb in _predicates(sent):
        # A verb whose only job is to govern an infinitive ("aims to secure") is read with it.
        if _is_catenative(verb):
            continue
        clause = _clause(verb)
        if clause is not None:
            _extract_clause(em, clause)
            _reciprocal(em, clause)
