"""Noun phrases → extractions: relations written inside a phrase rather than with a verb.

Titles and demonyms before a name ("Russian President Vladimir Putin"), appositions,
possessives of relational nouns ("Russia's dependence on the West") and "a partnership
between A and B". Reads spaCy tokens only; verb clauses are ``kg.extract.clauses``'.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Final

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg import gazetteer
from kg.entities import COUNTRIES, DEMONYMS, clean_name
from kg.extract.emit import NOMINAL_POS, PLACE_CLASSES, Emitter, Reading, conjuncts, phrase
from kg.extract.mentions import PORTFOLIOS, TITLES, demonym_country
from kg.extract.relations import NOMINALIZATIONS, is_relational_noun, predicate_label

__all__ = ["KIN_NOUNS", "ROLE_NOUNS", "WORK_NOUNS", "describe", "read_nominals"]

# Between a head and its "apposition", these mean a title or a list, not a second name for it.
_NOT_APPOSITIVE: Final = frozenset({":", ";", "--"})
# Prepositions by which a noun's own phrase locates or relates it ("companies in Japan").
_LOCATING: Final = frozenset({"in", "at", "on", "from", "near", "between", "within", "with"})
_MODIFIER_DEPS: Final = frozenset({"compound", "amod", "nmod"})
_PLACE_LABELS: Final = frozenset({"GPE", "LOC"})
# Nouns of family ties: "X's brother Y", "his wife, Y", "Y, the son of X".
KIN_NOUNS: Final = frozenset(
    {"brother", "sister", "son", "daughter", "father", "mother", "wife", "husband", "child"}
)
# Roles in a group written like a title: "Ironwood drummer Sam Reyes", "X, a member of Y".
ROLE_NOUNS: Final = frozenset(
    {
        "member",
        "drummer",
        "guitarist",
        "bassist",
        "singer",
        "vocalist",
        "frontman",
        "keyboardist",
        "player",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "captain",
        "coach",
        "manager",
        "editor",
        "anchor",
        "correspondent",
        "presenter",
        "host",
        "producer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "employee",
        "engineer",
        "officer",
    }
)
_DESCRIBING: Final = frozenset({"in", "by"})
# Words before an office that make it another office: "vice president", "prime minister".
_RANKS: Final = frozenset({"vice", "deputy", "prime", "assistant", "associate", "lieutenant"})
# Nouns of works that name their maker with "by": "an album by X", "X's novel Y".
WORK_NOUNS: Final = frozenset(
    {
        "album",
        "song",
        "single",
        "ep",
        "record",
        "novel",
        "book",
        "poem",
        "play",
        "story",
        "opera",
        "symphony",
        "film",
        "painting",
        "game",
    }
)
_LEVELS: Final = {"country": 3, "subdivision": 2, "city": 1}


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
        (p, o)
        for p in head.children
        if p.dep_ == "prep" and (prepositions is None or p.lower_ in prepositions)
        for c in p.children
        if c.dep_ == "pobj"
        for o in conjuncts(c)
    ]


def _demonym(em: Emitter, token: Token) -> str | None:
    """The country a demonym modifier names ("South Korean" read at "Korean"), unless it is
    part of a longer name ("the Latin American Institute of Arts", "the French Open")."""
    mention = em.mention(token)
    before = em.doc[token.i - 1] if token.i > 0 else None
    pair = f"{before.lower_} {token.lower_}" if before is not None else ""
    if mention is not None and mention.label == "NORP" and DEMONYMS.get(pair):
        return DEMONYMS[pair]
    if mention is not None and (mention.label != "NORP" or mention.end - mention.start > 1):
        return None
    return DEMONYMS.get(pair) or demonym_country(token)


def _names_country(em: Emitter, token: Token) -> bool:
    """Whether ``token`` ends a mention of a country ("U.S." in "a U.S. businessman")."""
    mention = em.mention(token)
    if mention is None or token.i != mention.end - 1 or mention.label != "GPE":
        return False
    name = clean_name(em.doc[mention.start : mention.end].text)
    return name in COUNTRIES or gazetteer.is_country(name)


def _title_words(modifiers: list[Token]) -> list[Token]:
    """The title among a name's modifiers, all its words: "Prime Minister", "President"."""
    titles = TITLES | ROLE_NOUNS
    k = max((i for i, m in enumerate(modifiers) if m.lower_ in titles), default=-1)
    if k < 0:
        return []
    start = k
    while (
        start > 0
        and modifiers[start - 1].lower_ in titles
        and modifiers[start - 1].i == modifiers[start].i - 1
    ):
        start -= 1
    return modifiers[start : k + 1]


def _possessors(tokens: list[Token]) -> list[Token]:
    """Names and pronouns written as possessors of any of ``tokens``: "Spain" in "Spain's King
    Felipe", "his" in "his brother John"."""
    return [
        c for t in tokens for c in t.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "PRON"}
    ]


def _modifier_rules(em: Emitter, name: Token) -> None:
    """ "Russian President Vladimir Putin", "Microsoft CEO Satya Nadella", "Spain's King Felipe",
    "Chinese firm Baidu", "the American singer Jo Ray"."""
    mention = em.mention(name)
    assert mention is not None
    modifiers = [m for m in _modifiers(name) if m.i < mention.start]
    title = _title_words(modifiers)
    # "Economy Minister Ana Paz": the portfolio is part of the office, not its owner.
    while title and title[0].i > 0 and em.doc[title[0].i - 1].lower_ in PORTFOLIOS:
        title = [em.doc[title[0].i - 1], *title]
    countries = [m for m in modifiers if _demonym(em, m)]
    owners = [
        m
        for m in modifiers
        if em.mention(m) is not None and m.pos_ == "PROPN" and m.lower_ not in PORTFOLIOS
    ]
    owners += [o for o in _possessors([name, *title]) if em.mention(o) is not None]
    name_span = em.sentence.char_span(mention.start, mention.end)
    if title:
        role = " ".join(t.lower_ for t in title)
        written = " ".join(t.text for t in title)
        for country in countries:
            em.emit_implied(
                "title",
                name_span,
                f"{written} of",
                demonym_country(country) or "",
                country,
                f"{role} of",
                mention_of=name,
            )
        for owner in owners:
            if em.mention(owner) is not mention:
                em.emit("title", name, f"{written} of", owner, f"{role} of")
    for modifier in (m for m in modifiers if m.pos_ == "NOUN"):
        lemma = modifier.lemma_.lower()
        for owner in _possessors([name, modifier]):
            if lemma in KIN_NOUNS:
                em.emit("kinship", owner, f"'s {modifier.text}", name, lemma)
            elif lemma in WORK_NOUNS and em.mention(owner) is not None:
                em.emit("made-by", name, f"'s {modifier.text}", owner, f"{lemma} by")
    if mention.label not in {"NORP", "GPE"}:
        for country in countries:
            em.emit_implied(
                "demonym",
                name_span,
                "from",
                demonym_country(country) or "",
                country,
                "country",
                mention_of=name,
            )


def _apposition(em: Emitter, appos: Token) -> None:
    """ "the Russian tech company, Yandex," and "Jensen Huang, the chief executive of Nvidia,"."""
    head = appos.head
    if head.pos_ not in NOMINAL_POS or any(
        t.lower_ in _NOT_APPOSITIVE for t in em.doc[head.i : appos.i]
    ):
        return
    named, description = (
        (appos, head) if em.mention(appos) and not em.mention(head) else (head, appos)
    )
    if em.mention(named) is None:
        return
    of_preps = _pobjects(description, frozenset({"of"}))
    lemma = description.lemma_.lower()
    if lemma in TITLES | KIN_NOUNS | ROLE_NOUNS and of_preps:
        # "the vice president of Brazil" is not its president; "prime minister" is one office.
        rank = [m.lower_ for m in description.lefts if m.lower_ in _RANKS]
        office = " ".join([*rank, lemma])
        for prep, pobj in of_preps:
            left, _ = em.np_range(description)
            em.emit(
                "apposition",
                named,
                "is " + phrase(list(em.doc[left : prep.i + 1])),
                pobj,
                f"{office} of",
            )
        return
    if description.pos_ == "NOUN" and lemma in KIN_NOUNS:
        # "his brother, John": the owner's brother is John.
        for owner in (c for c in description.children if c.dep_ == "poss"):
            em.emit("kinship", owner, f"'s {description.text}", named, lemma)
    if em.mention(description) is not None and _is_chain(em, named, description):
        return  # "Dallas, Texas": a place and the larger one it lies in (see _location_chains)
    em.emit("apposition", named, "is", description, "is")
    describe(em, named, description, [], Reading(), 0.0, rule="apposition")


def describe(
    em: Emitter,
    subject: Token,
    noun: Token,
    relation_words: list[Token],
    reading: Reading,
    penalty: float,
    *,
    rule: str,
) -> None:
    """What "X is a …" and "X, a …," say of X beyond its class: "an American singer" → X /
    country / United States; "a town in Kent" → X / is in / Kent; "a novel by Y" → X / novel
    by / Y."""
    if noun.pos_ not in {"NOUN", "ADJ"}:
        return
    for modifier in _modifiers(noun):
        country = _demonym(em, modifier)
        if country:
            em.emit_implied(
                "demonym",
                em.span_of(subject),
                "is",
                country,
                modifier,
                "country",
                mention_of=subject,
                reading=reading,
            )
        elif _names_country(em, modifier):
            # "a U.S. businessman": the country's name used as a modifier.
            em.emit(
                rule,
                subject,
                phrase([*relation_words, modifier]),
                modifier,
                "country",
                reading=reading,
                penalty=penalty,
                object_tokens=_span_of(em, modifier),
            )
    left, _ = em.np_range(noun)
    lemma = noun.lemma_.lower()
    for prep, pobj in _pobjects(noun, _DESCRIBING):
        if em.mention(pobj) is None or (prep.lower_ == "by") != (lemma in WORK_NOUNS):
            continue
        predicate = f"{lemma} by" if prep.lower_ == "by" else "is in"
        em.emit(
            "made-by" if prep.lower_ == "by" else rule,
            subject,
            phrase([*relation_words, *em.doc[left : prep.i + 1]]),
            pobj,
            predicate,
            reading=reading,
            penalty=penalty,
        )


def _possessive(em: Emitter, noun: Token) -> None:
    """ "Russia's dependence on the West" → Russia / depends on / West."""
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
        predicate = (
            predicate_label(verb, preposition=prep.lower_) if verb else f"{lemma} {prep.lower_}"
        )
        for owner in conjuncts(owners[0]):
            em.emit("possessive", owner, f"'s {noun.text} {prep.text}", pobj, predicate)


def _between(em: Emitter, noun: Token) -> None:
    """ "a partnership between Airbus and Tata" → Airbus / partners / Tata."""
    verb = NOMINALIZATIONS.get(noun.lemma_.lower())
    if verb is None:
        return
    members = [o for _, o in _pobjects(noun, frozenset({"between"}))]
    if len(members) == 2 and all(em.mention(m) for m in members):
        prep = next(c for c in noun.children if c.lower_ == "between")
        em.emit(
            "nominal-between",
            members[0],
            f"{noun.text} {prep.text}",
            members[1],
            predicate_label(verb, preposition="with"),
        )


def _core_end(em: Emitter, noun: Token, stop: int) -> tuple[int, int] | None:
    """The noun phrase of ``noun`` cut before token ``stop`` ("companies" of "companies in
    Japan")."""
    start, _ = em.np_range(noun)
    end = stop
    while end > start and em.doc[end - 1].is_punct:
        end -= 1
    return (start, end) if start <= noun.i < end else None


def _be(noun: Token) -> str:
    return "are" if noun.tag_ in {"NNS", "NNPS"} else "is"


def _noun_preposition(em: Emitter, noun: Token) -> None:
    """ "companies in Japan" → companies / are in / Japan: what a noun's own phrase says of it."""
    for prep, pobj in _pobjects(noun, _LOCATING):
        core = _core_end(em, noun, prep.i)
        if core is None:
            continue
        em.emit(
            "noun-preposition",
            noun,
            f"{_be(noun)} {prep.lower_}",
            pobj,
            f"{_be(noun)} {prep.lower_}",
            subject_tokens=core,
        )


def _possessor(em: Emitter, noun: Token) -> None:
    """ "Nissan 's morale" → Nissan / has / morale (names only: "his" says nothing alone)."""
    for owner in (c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"):
        marker = next((c for c in owner.children if c.dep_ == "case"), None)
        start = (marker or owner).i + 1
        end = em.np_range(noun)[1]
        preps = [c.i for c in noun.children if c.dep_ == "prep" and c.i > noun.i]
        if preps:
            end = min(preps)
        if start <= noun.i < end:
            em.emit("possessor", owner, "has", noun, "has", object_tokens=(start, end))


def _place_level(em: Emitter, token: Token) -> int:
    """How large a place the name at ``token`` is: 3 a country, 2 a state or province, 1 a
    city, 0 not a place the gazetteer knows."""
    mention = em.mention(token)
    if mention is None:
        return 0
    name = clean_name(em.doc[mention.start : mention.end].text)
    if name in COUNTRIES:
        return 3
    # The smallest kind a name can be: "New York" the city before New York the state.
    return min((_LEVELS[k] for k in gazetteer.kinds(name)), default=0)


def _is_chain(em: Emitter, inner: Token, outer: Token) -> bool:
    """Whether "inner, outer" names a place and the larger one it lies in ("Dallas, Texas",
    "Fairview High School, Ohio"), not two items of a list ("Paris, Berlin and Rome")."""
    first, second = em.mention(inner), em.mention(outer)
    if first is None or second is None or second.label not in _PLACE_LABELS:
        return False
    if first.end + 1 != second.start or em.doc[first.end].text != ",":
        return False
    level = _place_level(em, outer)
    return level > 0 and (level > _place_level(em, inner) or first.label not in _PLACE_LABELS)


def _location_chains(em: Emitter, sent: SpacySpan) -> None:
    """ "in Dallas, Texas, United States" → Dallas / located in / Texas, Texas / … /
    United States."""
    heads: list[Token] = []
    for token in sent:
        mention = em.mention(token)
        if mention is not None and token.i == mention.end - 1:
            heads.append(token)
    for inner, outer in pairwise(heads):
        if _is_chain(em, inner, outer):
            em.emit(
                "location-chain",
                inner,
                ",",
                outer,
                "located in",
                subject_tokens=_span_of(em, inner),
                object_tokens=_span_of(em, outer),
            )


def _span_of(em: Emitter, token: Token) -> tuple[int, int]:
    mention = em.mention(token)
    assert mention is not None
    return mention.start, mention.end


def _place_class(em: Emitter, noun: Token) -> None:
    """ "the U.S. state of Alaska", "the Australian state of Victoria" → Alaska / located in /
    United States: a country before the class noun names the larger place. Any other name
    there names the smaller one: "the Tarsi district of Ostreby" → Tarsi / located in /
    Ostreby."""
    if em.sentence.mentions[noun.i] is not None or noun.lemma_.lower() not in PLACE_CLASSES:
        return
    place = em.mention(noun)
    if place is None:
        return
    name = em.doc[place.end - 1]
    span = em.sentence.char_span(place.start, place.end)
    for modifier in _modifiers(noun):
        country = _demonym(em, modifier)
        outer = em.mention(modifier)
        if country:
            em.emit_implied(
                "place-class",
                span,
                f"{noun.text} of",
                country,
                modifier,
                "located in",
                mention_of=name,
            )
        elif outer is not None and modifier.i == outer.end - 1 and outer is not place:
            outer_name = clean_name(em.doc[outer.start : outer.end].text)
            if outer_name in COUNTRIES or gazetteer.is_country(outer_name):
                em.emit(
                    "place-class",
                    name,
                    f"{noun.text} of",
                    modifier,
                    "located in",
                    subject_tokens=(place.start, place.end),
                    object_tokens=(outer.start, outer.end),
                )
            else:
                em.emit(
                    "place-class",
                    modifier,
                    f"{noun.text} of",
                    name,
                    "located in",
                    subject_tokens=(outer.start, outer.end),
                    object_tokens=(place.start, place.end),
                )


def read_nominals(em: Emitter, sent: SpacySpan) -> None:
    """Emit the relations written inside the noun phrases of ``sent``."""
    _location_chains(em, sent)
    for token in sent:
        if token.pos_ not in {"PROPN", "NOUN"}:
            continue
        mention = em.mention(token)
        if mention is not None and token.i == mention.end - 1:
            _modifier_rules(em, token)
        if token.dep_ == "appos":
            _apposition(em, token)
        if token.pos_ == "NOUN":
            _place_class(em, token)
            _possessive(em, token)
            _between(em, token)
        _noun_preposition(em, token)
        _possessor(em, token)
