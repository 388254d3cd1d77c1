"""Users' relation names, from files: phrases → a relation and its property; graph side only.

A team's own vocabulary (``kg build --relations FILE``) says which relation a verb or noun
phrase states, and optionally the property that relation is a sub-property of: a Wikidata
property (``P127``) or any IRI of the team's own. It is consulted before kg's built-in
vocabulary (``kg.vocabulary``), so its names win. Knows nothing of spaCy's parse or of RDF
graphs: phrases are matched to the predicates extraction writes ("partners", "invests in").

A CSV file has a header ``phrases,relation,property``, one relation per row, several phrases
separated by ``|``; ``#`` starts a comment line. A TOML file has one ``[[relation]]`` table per
relation with ``phrases`` (a list), ``relation`` and ``property``. A phrase is lemmas, a verb
("acquire", "team up with") or a noun ("stake in"), with an optional preposition. The relation
``-`` states no edge for those phrases. Errors name the file and line.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from kg.errors import InputError
from kg.inputs import read_tables
from kg.namespace import WDT
from kg.vocabulary import has_reading, read_relation

__all__ = [
    "NO_EDGE",
    "RelationName",
    "RelationTable",
    "load_relations",
    "parse_relations",
    "predicate_forms",
]

NO_EDGE: Final = "-"
_SEPARATOR: Final = "|"
_CSV_FIELDS: Final = ("phrases", "relation", "property")
_WIKIDATA: Final = re.compile(r"(?:wdt:)?(P[1-9][0-9]*)")
# An absolute IRI: a scheme, then no space or character RFC 3987 forbids.
_IRI: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
_TABLE_HEADER: Final = re.compile(r"\s*\[\[\s*relation\s*\]\]")


@dataclass(frozen=True, slots=True)
class RelationName:
    """One user relation: the ``phrases`` that state it, its ``relation`` label (``-`` for no
    edge), the ``property`` IRI it is a sub-property of ("" for none), and where it was read."""

    relation: str
    phrases: tuple[str, ...]
    property: str = ""
    source: str = ""


def predicate_forms(phrase: str) -> tuple[str, ...]:
    """Return the predicates extraction writes for a phrase of lemmas: as a noun or
    predicate as written, and read as a verb (third person, "with" after a symmetric verb
    dropped, a nominalisation read as its verb).

    >>> predicate_forms("acquire"), predicate_forms("team up with")
    (('acquire', 'acquires'), ('team up with', 'teams up'))
    >>> predicate_forms("stake in"), predicate_forms("partnership with")
    (('stake in', 'stakes in'), ('partnership with', 'partnerships with', 'partners'))

    """
    # kg.extract.relations is plain string rules, but its package loads spaCy: only a build
    # that is about to parse reads a relation file.
    from kg.extract.relations import NOMINALIZATIONS, predicate_label

    words = phrase.lower().split()
    if not words:
        return ()
    first, *rest = words
    last = rest[-1] if rest else ""
    forms = [
        " ".join(words),
        predicate_label(first, particle=" ".join(rest[:-1]), preposition=last),
    ]
    if first in NOMINALIZATIONS:  # read as its verb, exactly as the nominal rules do
        forms.append(predicate_label(NOMINALIZATIONS[first], preposition=last))
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True, slots=True)
class RelationTable:
    """Users' relations by the predicates their phrases give; a later entry wins a phrase."""

    entries: tuple[RelationName, ...] = ()
    _by_predicate: dict[str, RelationName] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for entry in self.entries:
            for phrase in entry.phrases:
                for form in predicate_forms(phrase):
                    self._by_predicate[form] = entry

    def lookup(self, predicate: str) -> RelationName | None:
        """Return the entry whose phrase gives ``predicate``, if any."""
        return self._by_predicate.get(predicate)

    def read(self, predicate: str, subject_kind: str, object_kind: str) -> str | None:
        """Return the relation ``predicate`` states: the user's, else kg's own reading
        (``kg.vocabulary.read_relation``); None for no edge."""
        entry = self._by_predicate.get(predicate)
        if entry is None:
            return read_relation(predicate, subject_kind, object_kind)
        return None if entry.relation == NO_EDGE else entry.relation

    def has_reading(self, predicate: str) -> bool:
        """Whether the user's table or kg's vocabulary says which relation ``predicate`` is."""
        return predicate in self._by_predicate or has_reading(predicate)

    def properties(self) -> dict[str, str]:
        """Return each user relation's property IRI (relation label → IRI), where one is given."""
        return {e.relation: e.property for e in self.entries if e.property}

    def __add__(self, other: RelationTable) -> RelationTable:
        return RelationTable(self.entries + other.entries)


def _property(value: str, where: str) -> str:
    text = value.strip()
    if not text:
        return ""
    wikidata = _WIKIDATA.fullmatch(text)
    if wikidata:
        return str(WDT[wikidata.group(1)])
    if _IRI.fullmatch(text) and not text.startswith("wdt:"):
        return text
    raise InputError(
        f"{where}: property {text!r} is neither a Wikidata property (P127 or wdt:P127) nor an "
        "absolute IRI (https://example.org/vocab/owns); leave it empty for none"
    )


def _entry(
    phrases: object, relation: object, prop: object, where: str, source: str
) -> RelationName:
    if isinstance(phrases, str):
        listed = phrases.split(_SEPARATOR)
    elif isinstance(phrases, list) and all(isinstance(p, str) for p in phrases):
        listed = list(phrases)
    else:
        raise InputError(f'{where}: phrases must be a list of phrases, e.g. ["acquire", "buy"]')
    clean = tuple(dict.fromkeys(" ".join(p.lower().split()) for p in listed if p.strip()))
    if not clean:
        raise InputError(f"{where}: every relation needs at least one phrase")
    if not isinstance(relation, str) or not relation.strip():
        raise InputError(
            f"{where}: every row needs a relation name (e.g. owns stake in), or - for no edge"
        )
    name = " ".join(relation.split())
    if name != NO_EDGE and not any(ch.isalnum() for ch in name):
        raise InputError(f"{where}: relation {name!r} has no letters or digits to name it by")
    if not isinstance(prop, str):
        raise InputError(f'{where}: property must be text, e.g. property = "P127"')
    iri = _property(prop, where)
    if iri and name == NO_EDGE:
        raise InputError(f"{where}: relation - states no edge, so it cannot have a property")
    return RelationName(name, clean, iri, where)


def _from_csv(text: str, source: str) -> list[RelationName]:
    # Comment lines become empty lines (which csv skips), so line numbers stay the file's own.
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    reader = csv.reader(io.StringIO("\n".join(lines)))
    rows = ((reader.line_num, row) for row in reader if row)
    header = tuple(field.strip() for field in next(rows, (0, []))[1])
    if header[:2] != _CSV_FIELDS[:2] or not set(header) <= set(_CSV_FIELDS):
        raise InputError(
            f"{source}: the first line must be the header {','.join(_CSV_FIELDS)} "
            f"(found {','.join(header) or 'nothing'})"
        )
    entries = []
    for number, row in rows:
        where = f"{source} line {number}"
        if len(row) > len(header):
            raise InputError(f"{where}: more fields than the header's {len(header)}")
        fields = dict(zip(header, row, strict=False))
        entries.append(
            _entry(
                fields.get("phrases", ""),
                fields.get("relation", ""),
                fields.get("property", ""),
                where,
                source,
            )
        )
    return entries


def _from_toml(text: str, source: str) -> list[RelationName]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{source}: not valid TOML ({e})") from e
    tables = data.get("relation", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise InputError(f"{source}: expected [[relation]] tables with phrases, relation, property")
    starts = [n for n, line in enumerate(text.splitlines(), 1) if _TABLE_HEADER.match(line)]
    entries = []
    for number, table in enumerate(tables):
        line = starts[number] if number < len(starts) else 0
        where = f"{source} line {line}" if line else f"{source} relation {number + 1}"
        unknown = sorted(set(table) - set(_CSV_FIELDS))
        if unknown:
            raise InputError(
                f"{where}: unknown key {unknown[0]!r}. Available: {', '.join(_CSV_FIELDS)}"
            )
        entries.append(
            _entry(
                table.get("phrases"),
                table.get("relation"),
                table.get("property", ""),
                where,
                source,
            )
        )
    return entries


def _check_properties(entries: Iterable[RelationName]) -> None:
    seen: dict[str, RelationName] = {}
    for entry in entries:
        if not entry.property:
            continue
        earlier = seen.setdefault(entry.relation, entry)
        if earlier.property != entry.property:
            raise InputError(
                f"{entry.source}: relation {entry.relation!r} is given property "
                f"{entry.property} here but {earlier.property} at {earlier.source}; give one"
            )


def parse_relations(text: str, format: str, source: str = "relations") -> RelationTable:
    """Return the table written in ``text``, ``format`` being "csv" or "toml".

    >>> table = parse_relations("phrases,relation,property\\nacquire|buy,buys,P127\\n", "csv")
    >>> table.read("acquires", "organization", "organization"), table.properties()["buys"]
    ('buys', 'http://www.wikidata.org/prop/direct/P127')

    Raises:
        InputError: the text is not a valid table of that format; the message names the line.
    """
    if format == "csv":
        entries = _from_csv(text, source)
    elif format == "toml":
        entries = _from_toml(text, source)
    else:
        raise InputError(f"{source}: unknown relation file format {format!r}. Available: csv, toml")
    _check_properties(entries)
    return RelationTable(tuple(entries))


def load_relations(paths: str | Path | Iterable[str | Path]) -> RelationTable:
    """Return the tables in ``paths`` (.csv or .toml) as one, a later file winning a phrase.

    Raises:
        InputError: a file cannot be read, has another extension, or is not a valid table.
    """
    table = RelationTable()
    for text, fmt, source in read_tables(paths, "relation file"):
        table = table + parse_relations(text, fmt, source)
    _check_properties(table.entries)
    return table
