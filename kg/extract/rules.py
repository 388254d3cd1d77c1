"""Dependency rules: one parsed sentence → raw extractions (spans, relation phrase, predicate).

Clause-based in the spirit of ClausIE: each verb with its subject, objects, complements and
prepositional arguments is a clause; a few nominal rules read relations that sit in noun
phrases (titles, demonyms, appositions, possessives). Reads spaCy tokens only: nothing here
knows RDF or the graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Span as SpacySpan, Token

from kg.extract.mentions import TITLES, TokenMention, demonym_country
from kg.extract.relations import NOMINALIZATIONS, predicate_label, third_person
from kg.model import Argument, Extraction, Mention, Span

__all__ = ["RULES", "Sentence", "extract_sentence"]

_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_OBJECTS: Final = frozenset({"dobj", "obj"})
_COMPLEMENTS: Final = frozenset({"attr", "acomp", "oprd"})
# Children that end a noun phrase: clauses, appositions and other conjuncts are not part of it.
_NP_STOP: Final = frozenset(
    {"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "parataxis", "dep", "preconj"}
)
_NOMINAL_POS: Final = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
_HEDGES: Final = frozenset({"may", "might", "could", "would", "should"})
_SAYING: Final = frozenset(
    {"say", "claim", "report", "state", "believe", "think", "argue", "suggest", "allege",
     "deny", "insist", "warn", "tell", "write", "add", "note", "predict", "expect", "hope"}
)
_NEGATIONS: Final = frozenset({"not", "n't", "never", "no"})
_QUANTITY_ENTS: Final = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY"})

# Base confidence of each rule: how often its extractions were right when the rule was
# written; adjusted per clause below. These names are the ``rule`` field of every extraction.
RULES: Final[dict[str, float]] = {
    "svo": 0.85,
    "sv-prep": 0.75,
    "sv": 0.5,
    "passive": 0.8,
    "copula": 0.7,
    "copula-of": 0.75,
    "xcomp": 0.7,
    "relative-clause": 0.7,
    "participle": 0.55,
    "controlled-clause": 0.55,
    "apposition": 0.7,
    "title": 0.85,
    "demonym": 0.65,
    "possessive": 0.55,
    "nominal-between": 0.6,
}


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

    def mention_at(self, token: Token) -> Mention | None:
        found = self.mentions[token.i]
        if found is None:
            return None
        span = self.char_span(found.start, found.end)
        return Mention(span.text, span.start, span.end, found.label)


def _conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Russia and China" → both)."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ == token.pos_ or (
            child.dep_ == "conj" and child.pos_ in _NOMINAL_POS and token.pos_ in _NOMINAL_POS
        ):
            found.extend(_conjuncts(child))
    return found


def _np_range(token: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``token``, without clauses and conjuncts."""
    kept = {token.i}
    stack = [c for c in token.children if c.dep_ not in _NP_STOP and c.dep_ != "case"]
    while stack:
        tok = stack.pop()
        kept.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in {"relcl", "appos", "advcl", "parataxis"})
    left = token.i
    while left - 1 in kept:
        left -= 1
    right = token.i
    while right + 1 in kept:
        right += 1
    doc = token.doc
    while left < right and (doc[left].is_punct or doc[left].dep_ in {"cc", "preconj"}):
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return left, right + 1


def _has_negation(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never"} for c in token.children)


def _verb_chain_tokens(verb: Token) -> list[Token]:
    """Auxiliaries, negation, the verb and its particle, in text order."""
    parts = [verb]
    parts.extend(
        c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "prt"} and c.i > verb.i - 6
    )
    return sorted(parts, key=lambda t: t.i)


def _phrase(tokens: list[Token]) -> str:
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


@dataclass(frozen=True, slots=True)
class _Clause:
    verb: Token
    subjects: tuple[Token, ...]
    rule_prefix: str  # "" for a clause with its own subject, else how the subject was found
    negated: bool
    modality: str
    attribution: str
    relation_tokens: tuple[Token, ...]  # the verb chain, possibly with a governing verb ("aims to")
    predicate_head: str  # the predicate before the object's preposition ("aims to secure")


def _subjects_of(verb: Token) -> tuple[list[Token], str]:
    """Subjects of ``verb`` and, where it has none of its own, how they were inherited."""
    own = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if own:
        subject = own[0]
        if subject.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            return _conjuncts(verb.head), "relative-clause"
        return _conjuncts(subject), ""
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        subjects, how = _subjects_of(verb.head)
        return subjects, how
    if verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX"}:
        subjects, how = _subjects_of(verb.head)
        return subjects, how or "xcomp"
    if verb.dep_ == "relcl":
        return _conjuncts(verb.head), "relative-clause"
    if verb.dep_ == "acl" and verb.head.pos_ in _NOMINAL_POS:
        possessor = [c for c in verb.head.children if c.dep_ == "poss"]
        if possessor and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return _conjuncts(possessor[0]), "possessive"
        return _conjuncts(verb.head), "participle"
    if verb.dep_ in {"advcl", "pcomp"}:
        governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if governor.pos_ in {"VERB", "AUX"}:
            subjects, _ = _subjects_of(governor)
            return subjects, "controlled-clause"
    return [], ""


def _attribution(verb: Token) -> str:
    """Who the clause is attributed to ("officials said"), if it is reported speech."""
    head = verb
    while head.dep_ in {"conj", "xcomp"} and head.head is not head:
        head = head.head
    if head.dep_ == "ccomp" and head.head.lemma_ in _SAYING:
        sayer = head.head
        subjects = [c for c in sayer.children if c.dep_ in _SUBJECTS]
        return _phrase([*subjects, sayer]) if subjects else sayer.text
    return ""


def _modality(verb: Token) -> str:
    chain = [verb, *([verb.head] if verb.dep_ in {"xcomp", "conj"} else [])]
    for tok in chain:
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in _HEDGES:
                return child.lower_
    return ""


def _clause(verb: Token) -> _Clause | None:
    subjects, how = _subjects_of(verb)
    if not subjects:
        return None
    relation_tokens = _verb_chain_tokens(verb)
    predicate_head = third_person(verb.lemma_)
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    if particles:
        predicate_head += " " + particles[0]
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB" and _is_catenative(verb.head):
        governor = verb.head
        relation_tokens = [*_verb_chain_tokens(governor), *relation_tokens]
        predicate_head = f"{third_person(governor.lemma_)} to {verb.lemma_.lower()}"
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
        negated=negated,
        modality=_modality(verb),
        attribution=_attribution(verb),
        relation_tokens=tuple(relation_tokens),
        predicate_head=predicate_head,
    )


def _is_quantity(token: Token) -> bool:
    return token.ent_type_ in _QUANTITY_ENTS or token.like_num


class _Emitter:
    """Collects extractions for one sentence, turning tokens into document spans."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.doc: Doc = sentence.span.doc
        self.out: list[Extraction] = []
        sent = sentence.span
        self.sentence_span = sentence.char_span(sent.start, sent.end)

    def span_of(self, token: Token) -> Span:
        start, end = _np_range(token)
        return self.sentence.char_span(start, end)

    def argument(self, prep: Token, pobj: Token, predicate: str) -> Argument:
        start, end = _np_range(pobj)
        if pobj.dep_ != "conj":  # a later conjunct ("in A and B" → "B") stands without the preposition
            start = min(start, prep.i)
        return Argument(
            span=self.sentence.char_span(start, end),
            preposition=prep.lower_,
            predicate=predicate,
            mention=self.sentence.mention_at(pobj),
        )

    def emit(
        self,
        rule: str,
        subject: Token,
        relation: str,
        obj: Token | None,
        predicate: str,
        *,
        clause: _Clause | None = None,
        args: tuple[Argument, ...] = (),
        penalty: float = 0.0,
        inverse: bool = False,
    ) -> None:
        confidence = RULES[rule] - penalty
        if subject.pos_ == "PRON":
            confidence -= 0.1
        if obj is not None and obj.pos_ == "PRON":
            confidence -= 0.05
        subject_span = self.span_of(subject)
        object_span = self.span_of(obj) if obj is not None else Span("", self.sentence_span.end, self.sentence_span.end)
        if len(subject_span.text) > 80 or len(object_span.text) > 100:
            confidence -= 0.1
        self.out.append(
            Extraction(
                doc=self.sentence.doc_name,
                sentence=self.sentence_span,
                subject=subject_span,
                relation=relation,
                object=object_span,
                predicate=predicate,
                rule=rule,
                confidence=round(max(0.05, min(0.99, confidence)), 3),
                args=args,
                subject_mention=self.sentence.mention_at(subject),
                object_mention=self.sentence.mention_at(obj) if obj is not None else None,
                negated=clause.negated if clause else False,
                modality=clause.modality if clause else "",
                attribution=clause.attribution if clause else "",
                inverse=inverse,
            )
        )


def _clause_rule(clause: _Clause, default: str) -> str:
    return clause.rule_prefix if clause.rule_prefix in RULES else default


def _extract_clause(em: _Emitter, clause: _Clause) -> None:
    verb = clause.verb
    children = list(verb.children)
    objects = [o for c in children if c.dep_ in _OBJECTS for o in _conjuncts(c)]
    complements = [o for c in children if c.dep_ in _COMPLEMENTS for o in _conjuncts(c)]
    datives = [c for c in children if c.dep_ == "dative"]
    preps = [c for c in children if c.dep_ in {"prep", "agent"}]
    prep_objects = [(p, o) for p in preps for c in p.children if c.dep_ == "pobj" for o in _conjuncts(c)]
    relation_words = list(clause.relation_tokens)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children)
    penalty = 0.05 if clause.rule_prefix else 0.0

    def args_except(skip: Token | None, noun: str = "") -> tuple[Argument, ...]:
        return tuple(
            em.argument(p, o, predicate_label(_lemma_of(clause), _particle(verb), noun, p.lower_))
            for p, o in prep_objects
            if o is not skip
        )

    for subject in clause.subjects:
        if subject.tag_ in {"WDT", "WP"}:
            continue
        if verb.lemma_ == "be" and complements:
            for comp in complements:
                of_preps = [
                    (p, o) for p in comp.children if p.dep_ == "prep" and p.lower_ in {"of", "for", "at", "in"}
                    for c in p.children if c.dep_ == "pobj" for o in _conjuncts(c)
                ]
                if comp.pos_ in {"NOUN", "PROPN"} and of_preps and comp.lemma_.lower() in TITLES | {"capital", "member", "part", "home", "subsidiary", "unit", "owner", "maker", "supplier", "partner", "rival", "competitor", "customer", "headquarters", "division", "founder", "leader", "ally"}:
                    for prep, pobj in of_preps:
                        left, _ = _np_range(comp)
                        rel_tokens = [*relation_words, *em.doc[left : prep.i + 1]]
                        em.emit(
                            "copula-of", subject, _phrase(rel_tokens), pobj,
                            f"{comp.lemma_.lower()} {prep.lower_}", clause=clause, penalty=penalty,
                        )
                else:
                    em.emit(
                        _clause_rule(clause, "copula"), subject, _phrase(relation_words), comp,
                        "is", clause=clause, args=args_except(None), penalty=penalty,
                    )
            continue
        if objects:
            for obj in objects:
                noun = "" if _is_quantity(obj) or obj.pos_ in {"PROPN", "PRON"} else obj.lemma_
                with_rel = [(p, o) for p, o in prep_objects if o.head.head.i != obj.i]
                em.emit(
                    _clause_rule(clause, "svo"), subject, _phrase(relation_words), obj,
                    _join(clause.predicate_head, ""),
                    clause=clause, args=args_except(None, noun), penalty=penalty,
                )
                # "seeks collaboration with China": the relation sits in the object noun.
                for prep in (c for c in obj.children if c.dep_ == "prep"):
                    for pobj in (o for c in prep.children if c.dep_ == "pobj" for o in _conjuncts(c)):
                        if em.sentence.mentions[pobj.i] is None and pobj.pos_ != "PROPN":
                            continue
                        rel_tokens = [*relation_words, *em.doc[_np_range(obj)[0] : prep.i + 1]]
                        em.emit(
                            _clause_rule(clause, "svo"), subject, _phrase(rel_tokens), pobj,
                            predicate_label(_lemma_of(clause), _particle(verb), obj.lemma_, prep.lower_),
                            clause=clause, penalty=penalty + 0.1,
                        )
                del with_rel
            for dative in datives:
                em.emit(
                    _clause_rule(clause, "svo"), subject, _phrase(relation_words), dative,
                    clause.predicate_head, clause=clause, penalty=penalty + 0.1,
                )
            continue
        if passive and clause.rule_prefix != "participle":
            agents = [(p, o) for p, o in prep_objects if p.dep_ == "agent"]
            for prep, agent in agents:
                em.emit(
                    "passive", subject, _phrase([*relation_words, prep]), agent,
                    clause.predicate_head, clause=clause, args=args_except(agent),
                    penalty=penalty, inverse=True,
                )
            if agents:
                continue
        later = [(p, o) for p, o in prep_objects if p.i > verb.i]
        if complements:
            for comp in complements:
                em.emit(
                    _clause_rule(clause, "copula"), subject, _phrase(relation_words), comp,
                    clause.predicate_head, clause=clause, args=args_except(None), penalty=penalty,
                )
            continue
        if later:
            first_prep, _ = later[0]
            for prep, pobj in later:
                if prep is not first_prep:
                    break
                em.emit(
                    _clause_rule(clause, "sv-prep"), subject, _phrase([*relation_words, prep]), pobj,
                    _join(clause.predicate_head, prep.lower_, drop_with=verb.lemma_.lower()),
                    clause=clause, args=args_except(pobj), penalty=penalty,
                )
            continue
        if not any(c.dep_ in {"xcomp", "ccomp"} for c in children):
            em.emit(_clause_rule(clause, "sv"), subject, _phrase(relation_words), None,
                    clause.predicate_head, clause=clause, penalty=penalty)


def _lemma_of(clause: _Clause) -> str:
    head = clause.predicate_head.split(" ")
    if " to " in clause.predicate_head:
        return clause.verb.lemma_
    del head
    return clause.verb.lemma_


def _particle(verb: Token) -> str:
    return next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")


def _join(head: str, prep: str, *, drop_with: str = "") -> str:
    from kg.extract.relations import SYMMETRIC

    if prep == "with" and drop_with in SYMMETRIC:
        return head
    return f"{head} {prep}".strip()


def _nominal_rules(em: _Emitter, sent: SpacySpan) -> None:
    for token in sent:
        if token.pos_ not in {"PROPN", "NOUN"}:
            continue
        mention = em.sentence.mentions[token.i]
        is_head_of_mention = mention is not None and token.i == mention.end - 1
        if is_head_of_mention:
            _modifier_rules(em, token)
        if token.dep_ == "appos":
            _apposition(em, token)
        if token.pos_ == "NOUN":
            _possessive(em, token)
            _between(em, token)


def _modifiers(token: Token) -> list[Token]:
    """Left modifiers of a name: compounds and adjectives, following compound chains."""
    found = []
    stack = [c for c in token.lefts if c.dep_ in {"compound", "amod", "nmod"}]
    while stack:
        tok = stack.pop()
        found.append(tok)
        stack.extend(c for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod"})
    return sorted(found, key=lambda t: t.i)


def _modifier_rules(em: _Emitter, name: Token) -> None:
    """"Russian President Vladimir Putin", "Microsoft CEO Satya Nadella", "Chinese firm Baidu"."""
    mention = em.sentence.mentions[name.i]
    assert mention is not None
    modifiers = [m for m in _modifiers(name) if m.i < mention.start]
    titles = [m for m in modifiers if m.lower_ in TITLES]
    countries = [m for m in modifiers if demonym_country(m)]
    owners = [m for m in modifiers if em.sentence.mentions[m.i] is not None and m.pos_ == "PROPN"]
    for title in titles[-1:]:
        for country in countries:
            em.emit_fixed("title", em.sentence.char_span(mention.start, mention.end),
                          f"{title.text} of", demonym_country(country) or "", country,
                          f"{title.lower_} of", mention_of=name)
        for owner in owners:
            owner_mention = em.sentence.mentions[owner.i]
            if owner_mention is None or owner_mention is mention:
                continue
            em.emit(
                "title", name, f"{title.text} of", owner, f"{title.lower_} of",
            )
    if not titles and countries and mention.label not in {"PERSON", "NORP", "GPE"}:
        for country in countries:
            em.emit_fixed("demonym", em.sentence.char_span(mention.start, mention.end),
                          "based in", demonym_country(country) or "", country, "based in",
                          mention_of=name)


def _apposition(em: _Emitter, appos: Token) -> None:
    """"the Russian tech company, Yandex," and "Jensen Huang, the chief executive of Nvidia,"."""
    head = appos.head
    if head.pos_ not in _NOMINAL_POS:
        return
    named, description = (appos, head) if em.sentence.mentions[appos.i] and not em.sentence.mentions[head.i] else (head, appos)
    if em.sentence.mentions[named.i] is None:
        return
    of_preps = [(p, o) for p in description.children if p.dep_ == "prep" and p.lower_ == "of"
                for c in p.children if c.dep_ == "pobj" for o in _conjuncts(c)]
    if description.lemma_.lower() in TITLES and of_preps:
        for prep, pobj in of_preps:
            left, _ = _np_range(description)
            em.emit("apposition", named, "is " + _phrase(list(em.doc[left : prep.i + 1])), pobj,
                    f"{description.lemma_.lower()} of")
        return
    em.emit("apposition", named, "is", description, "is")
    for country in (m for m in _modifiers(description) if demonym_country(m)):
        em.emit_fixed("demonym", em.span_of(named), "based in", demonym_country(country) or "",
                      country, "based in", mention_of=named)


def _possessive(em: _Emitter, noun: Token) -> None:
    """"Russia's dependence on the West" → Russia / depends on / West."""
    owners = [c for c in noun.children if c.dep_ == "poss" and em.sentence.mentions[c.i] is not None]
    if not owners:
        return
    lemma = noun.lemma_.lower()
    if lemma not in NOMINALIZATIONS and not lemma.endswith(("tion", "ment", "ence", "ance", "ship")):
        return
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ != "of"):
        for pobj in (o for c in prep.children if c.dep_ == "pobj" for o in _conjuncts(c)):
            if em.sentence.mentions[pobj.i] is None:
                continue
            verb = NOMINALIZATIONS.get(lemma)
            predicate = predicate_label(verb, preposition=prep.lower_) if verb else f"{lemma} {prep.lower_}"
            for owner in _conjuncts(owners[0]):
                em.emit("possessive", owner, f"'s {noun.text} {prep.text}", pobj, predicate)


def _between(em: _Emitter, noun: Token) -> None:
    """"a partnership between Airbus and Tata" → Airbus / partners / Tata."""
    verb = NOMINALIZATIONS.get(noun.lemma_.lower())
    if verb is None:
        return
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"):
        members = [o for c in prep.children if c.dep_ == "pobj" for o in _conjuncts(c)]
        if len(members) == 2 and all(em.sentence.mentions[m.i] for m in members):
            em.emit("nominal-between", members[0], f"{noun.text} between", members[1],
                    predicate_label(verb, preposition="with"))


def _emit_fixed(
    self: _Emitter, rule: str, subject: Span, relation: str, object_name: str, object_token: Token,
    predicate: str, *, mention_of: Token,
) -> None:
    """Emit an extraction whose object is implied ("Chinese" → China) rather than written."""
    obj_span = self.sentence.char_span(object_token.i, object_token.i + 1)
    self.out.append(
        Extraction(
            doc=self.sentence.doc_name,
            sentence=self.sentence_span,
            subject=subject,
            relation=relation,
            object=obj_span,
            predicate=predicate,
            rule=rule,
            confidence=RULES[rule],
            subject_mention=self.sentence.mention_at(mention_of),
            object_mention=Mention(object_name, obj_span.start, obj_span.end, "GPE"),
        )
    )


_Emitter.emit_fixed = _emit_fixed  # type: ignore[attr-defined]


def _predicates(sent: SpacySpan) -> Iterator[Token]:
    for token in sent:
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ in {"ROOT", "conj", "relcl", "ccomp", "advcl"}):
            yield token


def _is_catenative(verb: Token) -> bool:
    """A verb whose only job is to govern an infinitive ("aims to secure")."""
    return any(c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in verb.children) and not any(
        c.dep_ in _OBJECTS | _COMPLEMENTS | {"dative"} or (c.dep_ in {"prep", "agent"} and c.i > verb.i)
        for c in verb.children
    )


def extract_sentence(sentence: Sentence) -> list[Extraction]:
    """Return every extraction the rules find in one parsed sentence, in a stable order."""
    em = _Emitter(sentence)
    for verb in _predicates(sentence.span):
        # A verb whose only job is to govern an infinitive ("aims to secure") is read with it.
        if _is_catenative(verb):
            continue
        clause = _clause(verb)
        if clause is not None:
            _extract_clause(em, clause)
    _nominal_rules(em, sentence.span)
    seen: set[tuple[object, ...]] = set()
    unique = []
    for ex in em.out:
        key = (ex.subject, ex.relation, ex.object, ex.predicate)
        if key not in seen:
            seen.add(key)
            unique.append(ex)
    return unique
