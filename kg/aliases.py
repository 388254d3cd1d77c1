"""Alias tables for the graph side: canonical name, kind and other names of entities, from files.

Reads the built-in corrections (``kg/data/aliases.csv``) and users' CSV or TOML files; knows
nothing of text, spaCy or RDF. A later table wins over an earlier one for the same name.

A CSV file has a header ``name,type,aliases`` and one entity per row, its other names
separated by ``|``; ``#`` starts a comment line. A TOML file has one ``[[entity]]`` table per
entity with ``name``, ``type`` and ``aliases`` (a list). ``type`` may be empty (keep the kind
the text gives) or a kind: person, organization, place, group, event, product, work, law,
language, concept (ORG, GPE and spaCy's other labels are read as the kind they give).
"""

from __future__ import annotations

import csv
import functools
import io
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Final

from kg.errors import InputError
from kg.inputs import read_tables
from kg.namespace import KINDS, kind_of

__all__ = ["Alias", "AliasTable", "builtin_aliases", "load_aliases", "match_key", "parse_aliases"]

_SEPARATOR: Final = "|"
_CSV_FIELDS: Final = ("name", "type", "aliases")
# Words people write for a kind, beside kg's own kind names and spaCy's labels.
_KIND_WORDS: Final = {
    "org": "organization",
    "company": "organization",
    "country": "place",
    "city": "place",
    "location": "place",
    "thing": "concept",
}
_SPACY_LABELS: Final = frozenset(
    {
        "PERSON",
        "ORG",
        "NORP",
        "GPE",
        "LOC",
        "FAC",
        "EVENT",
        "PRODUCT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)


# Called for every mention at every stage of entity decisions, mostly with a few names.
@functools.lru_cache(maxsize=1 << 14)
def match_key(name: str) -> str:
    """Return the form two names must share to be the same name: case, accents, dots and
    spacing aside.

    >>> match_key("U.S.") == match_key("US"), match_key("Zürich") == match_key("zurich")
    (True, True)
    """
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace(".", "").casefold().split())


@dataclass(frozen=True, slots=True)
class Alias:
    """One entity a table names: canonical ``name``, ``kind`` ("" = the text decides) and
    other ``names``; ``source`` says which table it came from."""

    name: str
    kind: str = ""
    names: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class AliasTable:
    """Entities by any of their names; where two entries share a name the later one wins."""

    entries: tuple[Alias, ...] = ()
    _index: dict[str, Alias] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for alias in self.entries:
            for name in (alias.name, *alias.names):
                self._index[match_key(name)] = alias

    def lookup(self, name: str) -> Alias | None:
        """Return the entry that has ``name`` as its name or one of its other names."""
        return self._index.get(match_key(name))

    def names(self) -> frozenset[str]:
        """Return every name and other name the table lists."""
        return frozenset(n for alias in self.entries for n in (alias.name, *alias.names))

    def __add__(self, other: AliasTable) -> AliasTable:
        return AliasTable(self.entries + other.entries)


def _kind(value: str, where: str) -> str:
    text = value.strip()
    if not text:
        return ""
    if text.lower() in KINDS:
        return text.lower()
    if text.lower() in _KIND_WORDS:
        return _KIND_WORDS[text.lower()]
    if text.upper() in _SPACY_LABELS:
        return kind_of(text.upper())
    raise InputError(
        f"{where}: unknown type {text!r}. Use one of: {', '.join(KINDS)} "
        "(or leave it empty to let the text decide)"
    )


def _alias(name: object, kind: object, names: object, where: str, source: str) -> Alias:
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where}: every entity needs a non-empty name")
    if not isinstance(kind, str):
        raise InputError(f'{where}: type must be text, e.g. type = "organization"')
    if isinstance(names, str):
        others = [n for n in names.split(_SEPARATOR)]
    elif isinstance(names, list) and all(isinstance(n, str) for n in names):
        others = list(names)
    else:
        raise InputError(f"{where}: aliases must be a list of names")
    clean = " ".join(name.split())
    extra = tuple(dict.fromkeys(" ".join(n.split()) for n in others if n.strip()))
    return Alias(clean, _kind(kind, where), tuple(n for n in extra if n != clean), source)


def _from_csv(text: str, source: str) -> list[Alias]:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    header = tuple(reader.fieldnames or ())
    if not header or header[0] != "name" or not set(header) <= set(_CSV_FIELDS):
        raise InputError(
            f"{source}: the first line must be the header {','.join(_CSV_FIELDS)} "
            f"(found {','.join(header) or 'nothing'})"
        )
    return [
        _alias(
            row.get("name"),
            row.get("type") or "",
            row.get("aliases") or "",
            f"{source} line {reader.line_num}",
            source,
        )
        for row in reader
    ]


def _from_toml(text: str, source: str) -> list[Alias]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{source}: not valid TOML ({e})") from e
    tables = data.get("entity", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise InputError(f"{source}: expected [[entity]] tables with name, type and aliases")
    return [
        _alias(
            t.get("name"), t.get("type", ""), t.get("aliases", []), f"{source} entity {n}", source
        )
        for n, t in enumerate(tables, start=1)
    ]


def parse_aliases(text: str, format: str, source: str = "aliases") -> AliasTable:
    """Return the table written in ``text``, ``format`` being "csv" or "toml".

    >>> table = parse_aliases("name,type,aliases\\nVladimir Putin,person,Putin|V. Putin\\n", "csv")
    >>> table.lookup("putin").name, table.lookup("V Putin").kind
    ('Vladimir Putin', 'person')

    Raises:
        InputError: the text is not a valid table of that format.
    """
    if format == "csv":
        return AliasTable(tuple(_from_csv(text, source)))
    if format == "toml":
        return AliasTable(tuple(_from_toml(text, source)))
    raise InputError(f"{source}: unknown alias file format {format!r}. Available: csv, toml")


def load_aliases(paths: str | Path | Iterable[str | Path]) -> AliasTable:
    """Return the built-in table followed by the tables in ``paths`` (.csv or .toml).

    Raises:
        InputError: a file cannot be read, has another extension, or is not a valid table.
    """
    table = builtin_aliases()
    for text, fmt, source in read_tables(paths, "alias file"):
        table = table + parse_aliases(text, fmt, source)
    return table


@functools.cache
def builtin_aliases() -> AliasTable:
    """Return kg's own corrections: names the small English model is known to mistype."""
    text = resources.files("kg").joinpath("data/aliases.csv").read_text(encoding="utf-8")
    return parse_aliases(text, "csv", "built-in")
