"""Noun phrases → extractions: relations written inside a phrase rather than with a verb.

Titles and demonyms before a name ("Russian President Vladimir Putin"), appositions,
possessives of relational nouns ("Russia's dependence on the West") and "a partnership
between A and B". Reads spaCy tokens only; verb clauses are ``kg.extract.clauses``'.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Span as SpacySpan, Token

from kg.extract.emit import NOMINAL_POS, Emitter, conjuncts, phrase
from kg.extract.mentions import TITLES, demonym_country
from kg.extract.relations import NOMINALIZATIONS, is_relational_noun, predicate_label

__all__ = ["read_nominals"]

# Between a head and its "apposition", these mean a title or a list, not a second name for it.
_NOT_APPOSITIVE: Final = frozenset({":", ";", "--"})
# Prepositions by which a noun's own phrase locates or relates it ("companies in Japan").
_LOCATING: Final = frozenset({"in", "at", "on", "from", "near", "between", "within", "with"})
_MODIFIER_DEPS: Final = frozenset({"compound", "amod", "nmod"})


def _modifiers(token: Token) -> list[Token]:
    """Left modifiers of a name: compounds and adjectives, following compound chains."""
    found = []
    stack = [c for c in token.lefts if c.dep_ in _MODIFIER_DEPS]
    while stack:
        tok = stack.pop()
        found.append(tok)
        stack.extend(c for c in tok.lefts if c.dep_ in _MODIFIER_DEPS)
    return sorted(found, key=lambda t: t.i)


def _pobjects(head: Token, prepositions: frozenset[str] | None = None) -> list[tuple[Token, Token]]:
    """(preposition, object) pairs of ``head``'s prepositional phrases, one per conjunct."""
    return [
        (p, o) for p in head.children
        if p.dep_ == "prep" and (prepositions is None or p.lower_ in prepositions)
        for c in p.children if c.dep_ == "pobj" for o in conjuncts(c)
    ]


def _modifier_rules(em: Emitter, name: Token) -> None:
    """"Russian President Vladimir Putin", "Microsoft CEO Satya Nadella", "Chinese firm Baidu"."""
    mention = em.mention(name)
    assert mention is not None
    modifiers = [m for m in _modifiers(name) if m.i < mention.start]
    titles = [m for m in modifiers if m.lower_ in TITLES]
    countries = [m for m in modifiers if demonym_country(m)]
    owners = [m for m in modifiers if em.mention(m) is not None and m.pos_ == "PROPN"]
    name_span = em.sentence.char_span(mention.start, mention.end)
    for title in titles[-1:]:
        for country in countries:
            em.emit_implied("title", name_span, f"{title.text} of", demonym_country(country) or "",
                            country, f"{title.lower_} of", mention_of=name)
        for owner in owners:
            if em.mention(owner) is not mention:
                em.emit("title", name, f"{title.text} of", owner, f"{title.lower_} of")
    if not titles and countries and mention.label not in {"PERSON", "NORP", "GPE"}:
        for country in countries:
            em.emit_implied("demonym", name_span, "based in", demonym_country(country) or "",
                            country, "based in", mention_of=name)


def _apposition(em: Emitter, appos: Token) -> None:
    """"the Russian tech company, Yandex," and "Jensen Huang, the chief executive of Nvidia,"."""
    head = appos.head
    if head.pos_ not in NOMINAL_POS or any(t.lower_ in _NOT_APPOSITIVE for t in em.doc[head.i : appos.i]):
        return
    named, description = (appos, head) if em.mention(appos) and not em.mention(head) else (head, appos)
    if em.mention(named) is None:
        return
    of_preps = _pobjects(description, frozenset({"of"}))
    if description.lemma_.lower() in TITLES and of_preps:
        for prep, pobj in of_preps:
            left, _ = em.np_range(description)
            em.emit("apposition", named, "is " + phrase(list(em.doc[left : prep.i + 1])), pobj,
                    f"{description.lemma_.lower()} of")
        return
    em.emit("apposition", named, "is", description, "is")
    for country in (m for m in _modifiers(description) if demonym_country(m)):
        em.emit_implied("demonym", em.span_of(named), "based in", demonym_country(country) or "",
                        country, "based in", mention_of=named)


def _possessive(em: Emitter, noun: Token) -> None:
    """"Russia's dependence on the West" → Russia / depends on / West."""
    owners = [c for c in noun.children if c.dep_ == "poss" and em.mention(c) is not None]
    if not owners:
        return
    lemma = noun.lemma_.lower()
    if not is_relational_noun(lemma):
        return
    for prep, pobj in _pobjects(noun):
        if prep.lower_ == "of" or em.mention(pobj) is None:
            continue
        verb = NOMINALIZATIONS.get(lemma)
        predicate = predicate_label(verb, preposition=prep.lower_) if verb else f"{lemma} {prep.lower_}"
        for owner in conjuncts(owners[0]):
            em.emit("possessive", owner, f"'s {noun.text} {prep.text}", pobj, predicate)


def _between(em: Emitter, noun: Token) -> None:
    """"a partnership between Airbus and Tata" → Airbus / partners / Tata."""
    verb = NOMINALIZATIONS.get(noun.lemma_.lower())
    if verb is None:
        return
    members = [o for _, o in _pobjects(noun, frozenset({"between"}))]
    if len(members) == 2 and all(em.mention(m) for m in members):
        prep = next(c for c in noun.children if c.lower_ == "between")
        em.emit("nominal-between", members[0], f"{noun.text} {prep.text}", members[1],
                predicate_label(verb, preposition="with"))


def _core_end(em: Emitter, noun: Token, stop: int) -> tuple[int, int] | None:
    """The noun phrase of ``noun`` cut before token ``stop`` ("companies" of "companies in Japan")."""
    start, _ = em.np_range(noun)
    end = stop
    while end > start and em.doc[end - 1].is_punct:
        end -= 1
    return (start, end) if start <= noun.i < end else None


def _be(noun: Token) -> str:
    return "are" if noun.tag_ in {"NNS", "NNPS"} else "is"


def _noun_preposition(em: Emitter, noun: Token) -> None:
    """"companies in Japan" → companies / are in / Japan: what a noun's own phrase says of it."""
    for prep, pobj in _pobjects(noun, _LOCATING):
        core = _core_end(em, noun, prep.i)
        if core is None:
            continue
        em.emit("noun-preposition", noun, f"{_be(noun)} {prep.lower_}", pobj,
                f"{_be(noun)} {prep.lower_}", subject_tokens=core)


def _possessor(em: Emitter, noun: Token) -> None:
    """"Nissan 's morale" → Nissan / has / morale (names only: "his" says nothing alone)."""
    for owner in (c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"):
        marker = next((c for c in owner.children if c.dep_ == "case"), None)
        start = (marker or owner).i + 1
        end = em.np_range(noun)[1]
        preps = [c.i for c in noun.children if c.dep_ == "prep" and c.i > noun.i]
        if preps:
            end = min(preps)
        if start <= noun.i < end:
            em.emit("possessor", owner, "has", noun, "has", object_tokens=(start, end))


def read_nominals(em: Emitter, sent: SpacySpan) -> None:
    """Emit the relations written inside the noun phrases of ``sent``."""
    for token in sent:
        if token.pos_ not in {"PROPN", "NOUN"}:
            continue
        mention = em.mention(token)
        if mention is not None and token.i == mention.end - 1:
            _modifier_rules(em, token)
        if token.dep_ == "appos":
            _apposition(em, token)
        if token.pos_ == "NOUN":
            _possessive(em, token)
            _between(em, token)
        _noun_preposition(em, token)
        _possessor(em, token)
