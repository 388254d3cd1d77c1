"""Whether a name is written the way people's names are: a given name, then a family name.

The small English model tags many people as companies or places ("Ella Maud Fischer" as an
organization), and often there is nothing else in the sentence to say otherwise. The shape of
the name is evidence of its own: a first word that people are given as a name, in the name
lists of Faker's locales (offline, installed with kg), and a last word that is a family name or
at least says no other kind ("Lake", "University"). It is evidence, weighed with the text by
``kg.entities``, never a verdict: "Florence Lind" and "Florence Cathedral" start alike.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import unicodedata
from typing import Final

__all__ = ["person_name_shape"]

# Words between a given and a family name ("Henri de Valcourt", "Anna van Dijk").
_PARTICLES: Final = frozenset(
    {
        "de",
        "du",
        "des",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "le",
        "la",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "e",
        "mac",
        "st",
        "st.",
    }
)
# Given names in the lists that are far more often the first word of something else.
_NOT_GIVEN: Final = frozenset(
    {
        "santa",
        "san",
        "saint",
        "st",
        "royal",
        "queen",
        "king",
        "prince",
        "princess",
        "lord",
        "lady",
        "general",
        "major",
        "new",
        "north",
        "south",
        "east",
        "west",
        "central",
        "upper",
        "lower",
        "great",
        "grand",
        "little",
        "old",
        "fort",
        "mount",
        "lake",
        "port",
        "cape",
        "las",
        "los",
        "el",
        "la",
        "le",
        "the",
        "united",
        "national",
        "american",
        "british",
        "english",
        "french",
        "german",
        "first",
        "second",
        "golden",
        "silver",
        "star",
        "sky",
        "river",
        "rose",
        "victory",
        "liberty",
        "justice",
        "summer",
        "winter",
        "spring",
        "autumn",
        "dawn",
    }
)


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


@functools.cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    """Return every locale's given names and family names, casefolded."""
    import faker.providers.person as person

    given: set[str] = set()
    family: set[str] = set()
    for info in sorted(pkgutil.iter_modules(person.__path__), key=lambda m: m.name):
        provider = getattr(
            importlib.import_module(f"{person.__name__}.{info.name}"), "Provider", None
        )
        if provider is None:
            continue
        for attr, into in (
            ("first_names", given),
            ("first_names_male", given),
            ("first_names_female", given),
            ("last_names", family),
        ):
            names = getattr(provider, attr, None)
            if isinstance(names, (list, tuple, dict)):
                into.update(_fold(n) for n in names if isinstance(n, str) and n.isalpha())
    return frozenset(given - _NOT_GIVEN), frozenset(family)


@functools.cache
def _common_words() -> frozenset[str]:
    """Return common English words (Faker's English word list): a last word such as "Media"
    or "Song" ends the name of a thing more often than a person's."""
    from faker.providers.lorem.en_US import Provider

    return frozenset(_fold(w) for w in Provider.word_list)


def _is_word(word: str) -> bool:
    return word[:1].isupper() and word.replace("-", "").replace("'", "").replace("’", "").isalpha()


def person_name_shape(name: str) -> int:
    """Return how strongly ``name`` is shaped like a person's name: 2 for a known given name
    and a known family name, 1 for a known given name before a capitalised word, else 0.

    The caller rules out names whose words say another kind ("Lyon Conservatoire").

    >>> person_name_shape("Ella Maud Fischer"), person_name_shape("Henri de Valcourt")
    (2, 1)
    >>> person_name_shape("Jacques-François Zwyrtek"), person_name_shape("Ironwood")
    (1, 0)
    >>> person_name_shape("Santa Barbara"), person_name_shape("Maria delta")
    (0, 0)
    >>> person_name_shape("Ada Song"), person_name_shape("Ada Media")
    (0, 0)
    >>> person_name_shape("Anne-Laure"), person_name_shape("Saint-Denis")
    (1, 0)
    """
    words = name.split()
    given, family = _lists()
    parts = _fold(name).split("-")
    if len(words) == 1 and len(parts) == 2 and all(p in given for p in parts):
        return 1  # "Anne-Laure", "Jean-Marc": two given names joined
    if not 2 <= len(words) <= 4 or not _is_word(words[0]) or not _is_word(words[-1]):
        return 0
    if any(not _is_word(w) and _fold(w) not in _PARTICLES for w in words[1:-1]):
        return 0
    first = _fold(words[0]).split("-")[0]
    if first not in given:
        return 0
    last = _fold(words[-1])
    if last in family or last.split("-")[0] in family:
        return 2
    # An unknown last word that is a common English word ("Media", "Song") names a thing.
    return 0 if last in _common_words() else 1
