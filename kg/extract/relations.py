"""Relation phrases → predicate labels ("partnered with" → "partners"); string rules, no spaCy.

A predicate label is the relation in the third person present ("invests in"), so the same
relation written in any tense or as a noun ("collaboration with") becomes one predicate.
"""

from __future__ import annotations

from typing import Final

__all__ = ["NOMINALIZATIONS", "SYMMETRIC", "is_relational_noun", "predicate_label", "third_person"]

# Verbs whose "with" only names the partner: "X partnered with Y" is the relation "partners".
SYMMETRIC: Final = frozenset(
    {"partner", "collaborate", "cooperate", "ally", "merge", "meet", "team", "unite", "link"}
)

# Relational nouns and the verb they nominalise ("collaboration with" → "collaborates").
# Kept to nouns whose verb reading is unambiguous; others stay as "verb noun prep".
NOMINALIZATIONS: Final[dict[str, str]] = {
    "acquisition": "acquire",
    "alliance": "ally",
    "collaboration": "collaborate",
    "competition": "compete",
    "cooperation": "cooperate",
    "dependence": "depend",
    "dependency": "depend",
    "investment": "invest",
    "merger": "merge",
    "partnership": "partner",
    "reliance": "rely",
    "meeting": "meet",
    "attempt": "attempt",
    "effort": "try",
    "purchase": "purchase",
    "takeover": "take over",
    "support": "support",
    "sale": "sell",
    "supply": "supply",
    "export": "export",
    "import": "import",
}

# Nouns that name a relation between parties without being a verb's nominalisation.
_RELATIONAL: Final = frozenset(
    {
        "ties",
        "tie",
        "relation",
        "relations",
        "relationship",
        "deal",
        "pact",
        "treaty",
        "contract",
        "talks",
        "offer",
        "bid",
        "stake",
        "link",
        "links",
        "dispute",
        "war",
        "rivalry",
        "trade",
    }
)
_NOMINAL_SUFFIXES: Final = ("tion", "sion", "ment", "ence", "ance", "ship")

_IRREGULAR: Final = {"be": "is", "have": "has", "do": "does", "go": "goes"}


def is_relational_noun(lemma: str) -> bool:
    """Whether a noun names a relation to its prepositional object ("collaboration with").

    >>> [is_relational_noun(n) for n in ("partnership", "negotiation", "ties", "president", "idea")]
    [True, True, True, False, False]
    """
    word = lemma.lower()
    return word in NOMINALIZATIONS or word in _RELATIONAL or word.endswith(_NOMINAL_SUFFIXES)


def third_person(lemma: str) -> str:
    """Return the third person singular present of a verb lemma.

    >>> [third_person(v) for v in ("partner", "supply", "push", "be", "go", "play")]
    ['partners', 'supplies', 'pushes', 'is', 'goes', 'plays']
    """
    word = lemma.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def predicate_label(
    verb_lemma: str, particle: str = "", noun: str = "", preposition: str = ""
) -> str:
    """Return the normalised predicate for a verb (with particle), light-verb noun and preposition.

    A relational noun replaces a light verb ("seeks collaboration with" → "collaborates");
    "with" after a symmetric verb is dropped ("partnered with" → "partners").

    >>> predicate_label("partner", preposition="with")
    'partners'
    >>> predicate_label("seek", noun="collaboration", preposition="with")
    'collaborates'
    >>> predicate_label("invest", preposition="in")
    'invests in'
    >>> predicate_label("sign", noun="agreement", preposition="with")
    'signs agreement with'
    """
    verb, part, noun_word = verb_lemma.lower(), particle.lower(), noun.lower()
    if noun_word in NOMINALIZATIONS:
        verb, noun_word = NOMINALIZATIONS[noun_word], ""
        verb, _, part = verb.partition(" ")
    words = [third_person(verb)]
    if part:
        words.append(part)
    if noun_word:
        words.append(noun_word)
    prep = preposition.lower()
    if prep and not (prep == "with" and verb in SYMMETRIC and not noun_word):
        words.append(prep)
    return " ".join(words)
