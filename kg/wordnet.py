"""Nouns for people, read out of a WordNet 3.0 database into the table kg ships.

"X, a cellist," and "X is a calligrapher" say X is a person; kg's hand-made class nouns
name the common occupations, and this table the thousands of others ("dockworker",
"chaplain", "groomsman"). A noun counts when its most frequent sense is a kind of person
(under ``person.n.01``) and is not a proper name (an instance, or written capitalised).
Other kinds are left to the hand-made lists: WordNet's first senses of group and place
nouns ("family", "field", "front") too often mean something else in running text.

The table is built once, offline, from the ``dict`` files Debian's ``wordnet-base``
installs, and shipped as ``kg/data/person_nouns.txt``; kg never reads WordNet at run time::

    python -m kg.wordnet /usr/share/wordnet > kg/data/person_nouns.txt
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from kg.errors import KGError

__all__ = ["person_nouns", "read_person_nouns"]

_PERSON: Final = "00007846"  # person.n.01: "a human being"
_HYPERNYMS: Final = frozenset({"@", "@i"})
_NOTICE: Final = """\
# Nouns whose most frequent sense is a person, from WordNet 3.0 (python -m kg.wordnet).
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT
# LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
# ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE,
# DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS,
# TRADEMARKS OR OTHER RIGHTS. Permission to use, copy, modify and distribute this
# database for any purpose and without fee or royalty is granted, provided this notice
# appears on all copies. The name of Princeton University or Princeton may not be used
# in advertising or publicity pertaining to distribution of the database."""


@dataclass(frozen=True, slots=True)
class _Synset:
    words: tuple[str, ...]
    hypernyms: tuple[str, ...]
    instance: bool  # a named individual ("Paris", "Einstein"), not a class


def _synsets(path: Path) -> dict[str, _Synset]:
    synsets = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue  # the licence at the head of the file
        fields = line.split(" | ", 1)[0].split()
        count = int(fields[3], 16)
        words = tuple(fields[4 + 2 * i] for i in range(count))
        rest = fields[4 + 2 * count :]
        pointers = [rest[1 + 4 * i : 3 + 4 * i] for i in range(int(rest[0]))]
        synsets[fields[0]] = _Synset(
            words,
            tuple(offset for symbol, offset in pointers if symbol in _HYPERNYMS),
            any(symbol == "@i" for symbol, _ in pointers),
        )
    return synsets


def _first_senses(path: Path) -> Iterator[tuple[str, str]]:
    """Each noun of the index with the synset of its most frequent sense."""
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        senses, pointers = int(fields[2]), int(fields[3])
        yield fields[0], fields[6 + pointers : 6 + pointers + senses][0]


def _is_person(offset: str, synsets: dict[str, _Synset]) -> bool:
    seen: set[str] = set()
    stack = [offset]
    while stack:
        current = stack.pop()
        if current == _PERSON:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(synsets[current].hypernyms)
    return False


def read_person_nouns(root: str | Path) -> list[str]:
    """Return the one-word nouns of the WordNet database in ``root`` whose most frequent
    sense is a person, sorted."""
    root = Path(root)
    try:
        synsets = _synsets(root / "data.noun")
        senses = list(_first_senses(root / "index.noun"))
    except (OSError, ValueError, IndexError) as error:
        raise KGError(f"{root} is not a readable WordNet 3.0 dict directory: {error}") from error
    nouns = []
    for lemma, offset in senses:
        synset = synsets[offset]
        if "_" in lemma or not lemma.isascii() or synset.instance:
            continue
        written = next((w for w in synset.words if w.lower() == lemma), lemma)
        if not written[:1].isupper() and _is_person(offset, synsets):
            nouns.append(lemma)
    return sorted(nouns)


@cache
def person_nouns() -> frozenset[str]:
    """The nouns for people kg ships (``kg/data/person_nouns.txt``)."""
    text = resources.files("kg").joinpath("data", "person_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m kg.wordnet WORDNET_DICT_DIR > kg/data/person_nouns.txt")
        return 2
    try:
        nouns = read_person_nouns(argv[0])
    except KGError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(_NOTICE)
    print("\n".join(nouns))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
