"""Mentions → entities, on the graph side: canonical names, kinds, and one node per real thing.

Works on model values only (no spaCy, no RDF terms). Within a document a name is cleaned
("the Russian President Vladimir Putin's" → "Vladimir Putin"), looked up in the alias
tables, mapped to its expansion when the text defines an acronym, and a short form is mapped
to the one full name it abbreviates. Across documents, equal names are one entity unless the
text gives evidence of two incompatible kinds (Washington the person, Washington the place).

Every decision is a function of the multiset of mentions, never of their order, so the same
input gives the same entities on every run and machine.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Final

from kg import gazetteer
from kg.aliases import Alias, AliasTable, builtin_aliases, match_key
from kg.model import Entity, Mention
from kg.names import person_name_shape
from kg.namespace import KINDS, kind_of

__all__ = [
    "COUNTRIES",
    "DEMONYMS",
    "RANKS",
    "TITLES",
    "WEAK_EVIDENCE",
    "EntityResolver",
    "Occurrence",
    "clean_name",
    "decide_kind",
    "find_acronyms",
    "is_company_name",
    "name_kinds",
]


def _demonyms() -> dict[str, str]:
    text = resources.files("kg").joinpath("data", "demonyms.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["demonym"]: row["country"] for row in rows}


def _name_words() -> dict[str, str]:
    text = resources.files("kg").joinpath("data", "name_words.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["word"]: row["kind"] for row in rows}


def is_company_name(name: str) -> bool:
    """Whether the head word of ``name`` says it is a business ("Harbour Shipping"), not an
    institution tied to a place ("Harbour Council").

    >>> is_company_name("Vanern Shipping"), is_company_name("Vanern County Council")
    (True, False)
    """
    return _head_word(name) in _COMPANY_WORDS


def _head_word(name: str) -> str:
    words = name.lower().replace(".", "").split()
    head = words[: words.index("of")] if "of" in words[1:] else words
    return head[-1] if head else ""


_COMPANY_WORDS: Final = frozenset(w for w, k in _name_words().items() if k == "company")
_NAME_WORDS: Final = {
    w: "organization" if k in {"company", "members"} else k for w, k in _name_words().items()
}
# Members of a party or an order, which name it as a name's last word only: "the Whigs", not
# "Republican Venice".
_MEMBER_WORDS: Final = frozenset(w for w, k in _name_words().items() if k == "members")
# Words for a kind of place that English writes before the name ("Lake Ontario", "Mount Etna").
_PLACE_PREFIXES: Final = frozenset(
    {
        "lake",
        "mount",
        "fort",
        "cape",
        "isle",
        "river",
        "loch",
        "glen",
        "port",
        "lac",
        "mont",
        "monte",
        "rio",
        "río",
        "lago",
        "county",
    }
)


# A number after a name's head word ("Route 9", "Lunar Games III").
_NUMBERING: Final = re.compile(r"\d+[a-z]?|[ivx]+")


def _church(words: list[str], head: list[str]) -> str:
    """ "The Calvinist Church" and "the Church of Norrland" are bodies of believers; "Vigra
    Church", "Christ Church" and "the Church of Saint Olaf" are buildings."""
    if len(head) == 1 and len(words) > 2:
        after = [w for w in words[2:] if w not in _DETERMINERS]
        dedicated = bool(after) and after[0] in {"st", "saint", "san", "santa", "our", "holy"}
        return "place" if dedicated else "organization"
    before = head[-2] if len(head) > 1 else ""
    faith = before.endswith(("ic", "an", "ist", "ox", "al")) or before.title() in DEMONYMS
    return "organization" if faith else "place"


def name_kinds(name: str) -> frozenset[str]:
    """Return the kind the head word of a name points to: its last word before any "of"
    ("Lyon Business School", "Battle of Grey Ridge"), else its first word where English puts
    that word first ("Lake Ontario", "Operation Larch", "FC Norrby"). A word in the middle says
    nothing: "Square Lumen" is no square, "Park Ji-ho" no park.

    >>> sorted(name_kinds("University of Halden")), sorted(name_kinds("Battle of Grey Ridge"))
    (['organization'], ['event'])
    >>> (sorted(name_kinds("Lake Ontario")), sorted(name_kinds("Acme")),
    ...  sorted(name_kinds("Park Ji-ho")))
    (['place'], [], [])
    >>> sorted(name_kinds("Vigra Church")), sorted(name_kinds("Old Calvinist Church"))
    (['place'], ['organization'])
    >>> sorted(name_kinds("Church of Saint Olaf")), sorted(name_kinds("Church of the North"))
    (['place'], ['organization'])
    >>> sorted(name_kinds("State Highway 12")), sorted(name_kinds("Lunar Games III"))
    (['place'], ['event'])
    """
    words = name.lower().replace(".", "").split()
    head = words[: words.index("of")] if "of" in words[1:] else words
    while len(head) > 1 and _NUMBERING.fullmatch(head[-1]):
        head = head[:-1]  # "State Highway 12", "Grand Prix II": the number is not the head
    if not head:
        return frozenset()
    last = _NAME_WORDS.get(head[-1], "")
    if last and head[-1] == "church":
        return frozenset({_church(words, head)})
    if last:
        return frozenset({last})
    first = "" if head[0] in _MEMBER_WORDS else _NAME_WORDS.get(head[0], "")
    # "Fort Vell Pistons": a place and a plural after it name a team, not the fort.
    team = len(head) >= 3 and head[-1].endswith("s") and not head[-1].endswith("ss")
    if first and (first != "place" or (head[0] in _PLACE_PREFIXES and not team)):
        return frozenset({first})
    return frozenset()


# Demonyms used as modifiers ("Chinese tech firm Baidu") and the country they name.
DEMONYMS: Final[dict[str, str]] = _demonyms()
# The countries the demonyms name: a name here is a place whatever the tagger says.
COUNTRIES: Final = frozenset(DEMONYMS.values())

# Titles and roles that precede or describe a person's name ("President", "CEO").
TITLES: Final = frozenset(
    {
        "president",
        "vice-president",
        "vice",
        "prime",
        "minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "ceo",
        "cto",
        "cfo",
        "coo",
        "chairman",
        "chairwoman",
        "chair",
        "founder",
        "co-founder",
        "director",
        "governor",
        "mayor",
        "leader",
        "secretary",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "head",
        "executive",
        "emperor",
        "general",
        "senator",
        "commissioner",
        "envoy",
        "boss",
        "owner",
    }
)
# Titles that can be dropped from the front of a name: not those that begin company names
# ("General Motors") or are common nouns first ("Head", "Owner").
RANKS: Final = frozenset(
    {
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "colonel",
        "col",
        "admiral",
        "commander",
        "corporal",
        "detective",
        "inspector",
        "constable",
        "sheriff",
        "judge",
        "justice",
        "bishop",
        "archbishop",
        "cardinal",
        "reverend",
        "rev",
        "rabbi",
        "imam",
        "sheikh",
        "deputy",
        "councillor",
        "councilor",
        "alderman",
        "marshal",
        "professor",
        "midshipman",
        "brigadier",
        "commodore",
        "maharaja",
        "maharana",
        "raja",
        "rajah",
        "nawab",
        "sultan",
        "emir",
        "shah",
        "tsar",
        "czar",
        "kaiser",
        "khedive",
        "caliph",
        "pharaoh",
        "empress",
        "princess",
        "viscount",
        "viscountess",
        "baron",
        "baroness",
        "marquis",
        "marquess",
        "countess",
        "duchess",
        "pope",
        "ayatollah",
    }
)
_NAME_TITLES: Final = RANKS | TITLES - {
    "general",
    "chief",
    "head",
    "leader",
    "owner",
    "boss",
    "executive",
    "director",
    "founder",
    "co-founder",
    "chair",
}
_HONORIFICS: Final = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof"}
)
_DETERMINERS: Final = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our"}
)
# Legal forms written after a company's name; "Apple Inc." and "Apple" are one company.
_LEGAL_FORMS: Final = frozenset(
    {
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "nv",
        "bv",
        "lp",
        "llp",
        "pte",
        "spa",
        "ab",
        "oy",
        "oyj",
        "kk",
    }
)
_QUOTES: Final = "\"'“”‘’«»`"
_POSSESSIVE: Final = re.compile(r"(?<=\w)['’]s$|(?<=s)['’]$")

# Evidence that only leans towards a kind ("X acquired Y" – countries acquire too) counts as
# two tagger votes; any other evidence from the parse outweighs every tagger vote.
WEAK_EVIDENCE: Final = frozenset({"commerce-verb", "based-in", "coordinated", "he-or-she"})
_WEAK_WEIGHT: Final = 4
_TAGGER_WEIGHT: Final = 2
# A name the gazetteer holds leans to a place once per document, by a little more than one
# tagger vote (a state or province: two): a name the tagger reads as a company every time
# stays a company ("Toyota").
_GAZETTEER_WEIGHTS: Final = {False: 3, True: 5}
# A name shaped like a person's ("given name, family name") leans to a person once per
# document: by more than one tagger vote, and by more than two when both names are known.
_SHAPE_WEIGHTS: Final = {1: 3, 2: 5}
_FAMILY_SEEN: Final = "family name → person"
_COUNTRY_SEEN: Final = "country name → place"
_SHAPE_SEEN: Final = "name shape → person"
_TEAM_WEIGHT: Final = 5
# Tagger labels the shape of a name may argue against: not a law, a work, a product, an event.
_SHAPE_LABELS: Final = frozenset({"", "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_KIND_ORDER: Final = tuple(KINDS)


# The same few names are cleaned for each of their mentions, in both passes of a build.
@lru_cache(maxsize=1 << 14)
def clean_name(text: str) -> str:
    """Return a mention's text as a name: one line, no quotes, determiners, possessive,
    leading titles or trailing legal form.

    >>> clean_name("the Russian President Vladimir Putin's")
    'Vladimir Putin'
    >>> clean_name("  the\\n“Google  of Russia”  "), clean_name("Apple Inc.")
    ('Google of Russia', 'Apple')
    >>> clean_name("The Hague"), clean_name("Queen Mary Hospital")
    ('The Hague', 'Queen Mary Hospital')
    """
    name = " ".join(unicodedata.normalize("NFC", text).split()).strip(_QUOTES + " ,;:")
    name = _POSSESSIVE.sub("", name).strip(_QUOTES + " ,;:")
    words = name.split()
    while len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    words = words[_title_prefix(words) :]
    while len(words) > 1 and words[-1].replace(".", "").strip(",").lower() in _LEGAL_FORMS:
        words = words[:-1]
        words[-1] = words[-1].rstrip(",")
    return " ".join(words).strip(_QUOTES + " ,;:")


def _title_prefix(words: list[str]) -> int:
    """How many leading words are a (demonym and) title before a name: "Russian President"."""
    i = 0
    for size in (2, 1):
        if " ".join(words[:size]).lower() in DEMONYMS:
            i = size
            break
    j = i
    while j < len(words) - 1 and words[j].strip(".").lower() in _NAME_TITLES | _HONORIFICS:
        j += 1
    if j == i or not words[j][:1].isupper():
        return 0
    # "Queen Mary Hospital", "King Olav Bridge": a title inside the name of a thing (but
    # "Secretary Sam Hill" is a title and a person's name).
    rest = " ".join(words[j:])
    if name_kinds(rest) - {"person"} and person_name_shape(rest) < 2:
        return 0
    return j


def _is_team_name(name: str) -> bool:
    """Whether ``name`` is a place followed by a plural, as teams are named ("Leeds Falcons").

    >>> _is_team_name("Toronto Falcons"), _is_team_name("Cook Islands"), _is_team_name("Texas")
    (True, False, False)
    """
    words = name.split()
    last = words[-1] if len(words) > 1 else ""
    plural = last[:1].isupper() and last.endswith("s") and not last.endswith(("ss", "'s", "’s"))
    return plural and bool(gazetteer.kinds(" ".join(words[:-1])))


def _is_short_form(word: str) -> bool:
    return (
        2 <= len(word) <= 10
        and word[:1].isalnum()
        and " " not in word
        and sum(c.isupper() for c in word) >= 2
    )


def _long_form(short: str, text: str) -> str:
    """Schwartz & Hearst (2003): the shortest tail of ``text`` whose letters spell ``short``."""
    s, t = len(short) - 1, len(text) - 1
    while s >= 0:
        ch = short[s].lower()
        if not ch.isalnum():
            s -= 1
            continue
        while t >= 0 and (text[t].lower() != ch or (s == 0 and t > 0 and text[t - 1].isalnum())):
            t -= 1
        if t < 0:
            return ""
        t -= 1
        s -= 1
    start = text.rfind(" ", 0, t + 1) + 1
    long = text[start:].strip()
    return long if len(long) > len(short) and " " in long else ""


_PARENTHESIS: Final = re.compile(r"\(([^()\n]{1,80})\)")
_CLAUSE_BREAK: Final = re.compile(r"[.;:!?()\[\]\n,]")


def find_acronyms(text: str) -> dict[str, str]:
    """Return the acronyms ``text`` defines, "long form (SF)" or "SF (long form)", → long form.

    >>> find_acronyms("its artificial intelligence (AI) plan and IoT (Internet of Things) kit")
    {'AI': 'artificial intelligence', 'IoT': 'Internet of Things'}
    """
    found: dict[str, str] = {}
    for match in _PARENTHESIS.finditer(text):
        inside = match.group(1).strip()
        before = _CLAUSE_BREAK.split(text[max(0, match.start() - 200) : match.start()])[-1]
        words = before.split()
        if _is_short_form(inside):
            window = " ".join(words[-min(len(inside) + 5, 2 * len(inside)) :])
            long = _long_form(inside, window)
            short = inside
        elif words and _is_short_form(words[-1].strip(_QUOTES)):
            short = words[-1].strip(_QUOTES)
            long = _long_form(short, inside) if len(inside.split()) <= 2 * len(short) else ""
            long = long if long == inside else ""
        else:
            continue
        if long and short not in found:
            found[short] = long
    return found


_NAME: Final = r"[A-Z][\w'’.&-]*(?:[ \t]+(?:of|the|and|de|la|von|van|[A-Z0-9][\w'’.&-]*))*"
# "X, also known as Y", "X (formerly Y)", "X, a.k.a. Y": two names of one thing.
_ALIAS_CUES: Final = re.compile(
    r"[,(]\s*(?:(?:also|better|formerly|previously|originally|commonly|later)\s+"
    r"(?:known\s+as|called|named)|(?:formerly|previously|originally)|a\.?k\.?a\.?)\s",
    re.IGNORECASE,
)


def find_aliases(text: str) -> dict[str, str]:
    """Return the other names ``text`` gives things ("X, also known as Y", "X (formerly Y)"),
    each → the name it is another name of.

    >>> find_aliases("Lake Vanern Bank, formerly Vanern Savings, grew. "
    ...              "Ada Lind (also known as Lady Ada) wrote.")
    {'Vanern Savings': 'Lake Vanern Bank', 'Lady Ada': 'Ada Lind'}
    >>> find_aliases("The Vanern Bridge (Swedish: Vänernbron) opened")
    {'Vänernbron': 'Vanern Bridge'}
    """
    found: dict[str, str] = {}
    for cue in _ALIAS_CUES.finditer(text):
        before = re.search(rf"({_NAME})\s*$", text[max(0, cue.start() - 120) : cue.start()])
        after = re.match(rf"(?:the\s+)?[\"“]?({_NAME})", text[cue.end() :])
        if before is None or after is None:
            continue
        main, alias = _alias_name(before.group(1)), _alias_name(after.group(1).rstrip("."))
        if main != alias and alias not in found:
            found[alias] = main
    for named in _TRANSLATION.finditer(text):
        # "the Great Belt Bridge (Danish: Storebæltsbroen)": the name in another language.
        before = re.search(rf"({_NAME})\s*$", text[max(0, named.start() - 120) : named.start()])
        alias = named.group(2).strip().strip(_QUOTES).strip()
        if before is None or not alias or not _is_language(named.group(1)):
            continue
        main = _alias_name(before.group(1))
        if main != alias and alias not in found:
            found[alias] = main
    return found


def _alias_name(text: str) -> str:
    """A name as an alias cue quotes it, without its article ("The Vanern Bridge"; but "The
    Hague"): titles stay ("Lady Ada" is the other name of "Ada Lind")."""
    words = " ".join(text.split()).strip(_QUOTES + " ,;:").split()
    if words and (words[0] == "the" or (words[0] == "The" and len(words) > 2)):
        words = words[1:]
    return " ".join(words)


# "(Danish: Storebæltsbroen)", "(in French: Pont Neuf)": a name in another language.
_TRANSLATION: Final = re.compile(
    r"\((?:in\s+)?([A-Z][a-z]+(?: [A-Z][a-z]+)?):\s*([^();,]{1,60})[);,]"
)


def _is_language(name: str) -> bool:
    import pycountry

    return pycountry.languages.get(name=name) is not None


def _is_proper(phrase: str) -> bool:
    """Whether a long form is written as a name ("Internet of Things"), not a description."""
    words = [w for w in phrase.split() if len(w) > 3]
    return bool(words) and all(w[:1].isupper() for w in words)


_Packed = tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], str, tuple[str, ...]]


@dataclass(slots=True)
class _Tally:
    """Votes for the kinds of one name: evidence from the parse, tagger labels, alias tables."""

    strong: Counter[str] = field(default_factory=Counter)
    soft: Counter[str] = field(default_factory=Counter)
    seen: Counter[str] = field(default_factory=Counter)  # "copula → place", "tagger GPE"
    alias: str = ""
    # Kinds the name itself leans to (the gazetteer, a person's name shape): a document that
    # has no evidence but such a leaning keeps its kind when another document's evidence
    # says otherwise ("Berlin" the city beside "Berlin" the composer).
    leans: set[str] = field(default_factory=set)

    def add(self, mention: Mention, name: str) -> None:
        if mention.kind and mention.evidence:
            self.seen[f"{mention.evidence} → {mention.kind}"] += 1
            if mention.evidence in WEAK_EVIDENCE:
                self.soft[mention.kind] += _WEAK_WEIGHT
            else:
                self.strong[mention.kind] += 1
        self.seen[f"tagger {mention.label or 'none'}"] += 1
        self.soft[kind_of(mention.label)] += _TAGGER_WEIGHT
        if name in COUNTRIES or gazetteer.is_country(name):
            self.strong["place"] += 1
            self.seen[_COUNTRY_SEEN] += 1
            return
        # Words inside the name ("University of Halden", "Battle of Grey Ridge", "Lake Ontario")
        # say what it is as firmly as the parse does, when they agree with each other.
        cues = name_kinds(name)
        if cues == {"place"} and mention.label == "PERSON" and person_name_shape(name) == 2:
            # "Sam Hill", "Ada Street": a family name that is also a word for a place.
            cues = frozenset()
        if len(cues) == 1:
            (cue,) = cues
            self.strong[cue] += 1
            self.seen[f"name word → {cue}"] += 1
        elif (
            not cues
            and mention.label != "PERSON"
            and _is_team_name(name)
            and person_name_shape(name) < 2
        ):
            # "Harbin Falcons": a place and a plural, the way sports teams are named.
            self.soft["organization"] += _TEAM_WEIGHT
            self.seen["team name → organization"] += 1
            self.leans.add("organization")
        elif places := gazetteer.kinds(name):
            # A name the gazetteer holds leans to a place; the text can still say otherwise
            # ("Washington said …"). A state or province leans harder than a city, whose name
            # is more often a person's or a company's too.
            if not self.seen["gazetteer → place"]:
                self.soft["place"] += _GAZETTEER_WEIGHTS["subdivision" in places]
                self.seen["gazetteer → place"] += 1
                self.leans.add("place")
        elif not cues and _place_shaped(name, mention.label):
            # "Old Tarsk" beside a Tarsk the gazetteer holds; "Linkville", "Vellsburg".
            if not self.seen["place shape → place"]:
                self.soft["place"] += _GAZETTEER_WEIGHTS[False]
                self.seen["place shape → place"] += 1
                self.leans.add("place")
        elif (
            not cues
            and mention.label in _SHAPE_LABELS
            and not self.seen[_SHAPE_SEEN]
            and (shape := person_name_shape(name))
        ):
            # "Ella Maud Fischer": a given name and a family name lean to a person, once per
            # document, by more than one tagger vote (two when both names are known).
            self.soft["person"] += _SHAPE_WEIGHTS[shape]
            self.seen[_SHAPE_SEEN] += 1
            self.leans.add("person")

    def packed(self) -> _Packed:
        """The votes a document leaves once it is read: what deciding its kind needs, without
        ``seen`` (only totals report it) and in tuples, a fraction of three Counters' memory."""
        return (
            tuple((sys.intern(k), n) for k, n in self.strong.items()),
            tuple((sys.intern(k), n) for k, n in self.soft.items()),
            self.alias,
            tuple(sorted(self.leans)),
        )

    @classmethod
    def unpacked(cls, packed: _Packed | None) -> _Tally:
        if packed is None:
            return cls()
        strong, soft, alias, leans = packed
        return cls(Counter(dict(strong)), Counter(dict(soft)), Counter(), alias, set(leans))

    def __iadd__(self, other: _Tally) -> _Tally:
        self.strong.update(other.strong)
        self.soft.update(other.soft)
        self.seen.update(other.seen)
        self.alias = self.alias or other.alias
        self.leans |= other.leans
        return self


# Words English puts before a place's name to name another near it: "Old Tarsk", "Upper Vell".
_PLACE_MODIFIERS: Final = frozenset(
    {"old", "new", "upper", "lower", "north", "south", "east", "west", "greater", "little"}
)
# Endings of one-word town names: "Linkville", "Vellsburg", "Orrinabad".
_TOWN_ENDINGS: Final = ("ville", "burg", "bourg", "grad", "abad", "stadt")


def _place_shaped(name: str, label: str) -> bool:
    """Whether a name is written the way places are named, with no gazetteer entry of its own
    (a town's ending says less than the tagger's reading of a person: "Melville").

    >>> _place_shaped("Old Tallinn", "PERSON"), _place_shaped("Linkville", "ORG")
    (True, True)
    >>> _place_shaped("Old Navy", "ORG"), _place_shaped("Melville", "PERSON")
    (False, False)
    """
    words = name.split()
    if len(words) == 2 and words[0].lower() in _PLACE_MODIFIERS:
        return bool(gazetteer.kinds(words[1]))
    town = len(name) > 6 and name.lower().endswith(_TOWN_ENDINGS)
    return len(words) == 1 and town and label != "PERSON"


def decide_kind(strong: Counter[str], soft: Counter[str]) -> tuple[str, bool]:
    """Return the kind the votes give and whether evidence from the parse decided it.

    Any evidence outweighs every tagger vote; tagger votes (and weak evidence) break ties
    and decide alone when there is no evidence; "concept" (no label) loses to any label.

    >>> decide_kind(Counter(organization=2), Counter(place=16, organization=3))
    ('organization', True)
    >>> decide_kind(Counter(), Counter(place=2, concept=5))
    ('place', False)
    """
    if strong:
        return max(strong, key=lambda k: (strong[k], soft[k], -_KIND_ORDER.index(k))), True
    named = {k: n for k, n in soft.items() if k != "concept" and n} or {"concept": 1}
    return max(named, key=lambda k: (named[k], -_KIND_ORDER.index(k))), False


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One mention read as an entity: where, as written, and the rules that named it."""

    doc: str
    start: int
    end: int
    text: str
    rules: tuple[str, ...] = ()

    def to_record(self) -> dict[str, object]:
        """Return the JSON-ready form the merge log writes."""
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "rules": list(self.rules),
        }


@dataclass(slots=True)
class _Naming:
    """One naming of a document as its mentions are read: what it names, the last place
    among them it was read at, and how often."""

    found: _Named
    last: int
    count: int = 1


@dataclass(frozen=True, slots=True)
class _Named:
    name: str
    rules: tuple[str, ...]
    alias: Alias | None
    forms: tuple[str, ...]  # the names this mention adds to the entity's labels


def _named(
    surface: str, acronyms: dict[str, str], aliases: AliasTable, other: dict[str, str] | None = None
) -> _Named | None:
    if not surface:
        return None
    rules: tuple[str, ...] = ()
    forms: tuple[str, ...]
    name, forms = surface, (surface,)
    main = (other or {}).get(surface)
    if main is not None:
        # "Ada Lind (also known as Lady Ada)": one entity, named as the text first names it.
        surface, forms, rules = main, (main, surface), ("also-known-as",)
        name = surface
    elif other and surface in other.values():
        forms = (surface, *sorted(a for a, m in other.items() if m == surface))
    words = surface.split()
    if len(words) > 1 and words[-1] in acronyms and _is_region_word(" ".join(words[:-1])):
        # "Queensland SFS", "Norwegian SFS": a branch named by its region and the acronym
        # the text defined is that body.
        surface, forms, rules = words[-1], (*forms, words[-1]), (*rules, "regional-branch")
    long = acronyms.get(surface, "")
    short = next((sf for sf, lf in acronyms.items() if lf.lower() == surface.lower()), "")
    if long or short:
        # "Internet of Things (IoT)": one entity, named by the long form when it is written
        # as a name and by the acronym when the long form is a description ("artificial
        # intelligence (AI)" → AI).
        long, short = long or surface, short or surface
        forms = tuple(dict.fromkeys((*forms, short, long)))
        name = long if _is_proper(long) else short
        rules += ("acronym",)
    alias = aliases.lookup(name) or next(filter(None, map(aliases.lookup, forms)), None)
    if alias is not None:
        if match_key(alias.name) != match_key(name) or alias.kind:
            rules += (f"alias:{alias.source}",)
        name = alias.name
    return _Named(name, rules, alias, forms)


def _is_region_word(text: str) -> bool:
    return text.lower() in DEMONYMS or bool(gazetteer.kinds(text))


def _plural_variants(names: Iterable[str]) -> dict[str, str]:
    """Names of one document written once in the plural of another ("State Flood Services"
    beside "State Flood Service"): the same name, mapped to the singular.

    >>> _plural_variants(["Vanern Rescue Services", "Vanern Rescue Service", "Alps"])
    {'Vanern Rescue Services': 'Vanern Rescue Service'}
    """
    present = set(names)
    return {
        name: name[:-1]
        for name in sorted(present)
        if len(name.split()) > 1 and name.endswith("s") and name[:-1] in present
    }


def _abbreviates(short: list[str], long: list[str], kind: str) -> bool:
    if kind == "organization":
        return long[: len(short)] == short
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _short_forms(tallies: dict[str, _Tally]) -> dict[str, str]:
    """Names of one document that abbreviate exactly one longer name of the same document:
    a person's surname or given name ("Putin"), a company's first words ("Mistral")."""
    decided = {name: decide_kind(t.strong, t.soft) for name, t in tallies.items()}
    longer = {
        kind: [n for n, (k, _) in decided.items() if k == kind and len(n.split()) >= 2]
        for kind in ("person", "organization")
    }
    mapping = _initialed(longer["person"])
    for name, (kind, firm) in decided.items():
        words = name.split()
        if name in mapping or not words[0][:1].isupper() or tallies[name].alias:
            continue
        found = set()
        for long_kind, names in longer.items():
            if firm and kind != long_kind:
                continue
            # Taggers often give a surname another label; a place or a product a firm's name
            # begins with ("Delhi Metro") must have been read as a firm at least once.
            read_as_firm = kind in {long_kind, "concept"} or tallies[name].soft[long_kind]
            if long_kind == "organization" and not read_as_firm:
                continue
            for long in names:
                parts = long.split()
                if long == name or len(parts) <= len(words):
                    continue
                if _abbreviates(words, parts, long_kind):
                    found.add(long)
        found = {mapping.get(long, long) for long in found}
        if len(found) == 1:
            mapping[name] = found.pop()
    return mapping


def _family_names(tallies: dict[str, _Tally], short: dict[str, str]) -> list[str]:
    """One-word names of a document that end two or more of its people's names ("Lind" beside
    "Ada Lind" and "Ola Lind"): no one person, but a person."""
    people = [
        n
        for n, t in tallies.items()
        if len(n.split()) >= 2 and decide_kind(t.strong, t.soft)[0] == "person"
    ]
    ends = Counter(n.split()[-1] for n in people)
    return [
        name
        for name, t in tallies.items()
        if name not in short and " " not in name and ends[name] >= 2 and not t.strong
    ]


def _initialed(people: list[str]) -> dict[str, str]:
    """People's names written with an initial for a name another is written with in full
    ("Ada K. Lind" for "Ada Karin Lind"): the fuller name, where only one fits.

    >>> _initialed(["Ada K. Lind", "Ada Karin Lind", "Ada Lind"])
    {'Ada K. Lind': 'Ada Karin Lind'}
    """
    mapping = {}
    for name in people:
        words = name.split()
        if not any(_is_initial(w) for w in words[1:-1]):
            continue
        fuller = [
            long
            for long in people
            if long != name
            and len(long.split()) == len(words)
            and all(
                w == f or (_is_initial(w) and f[:1] == w[:1] and not _is_initial(f))
                for w, f in zip(words, long.split(), strict=True)
            )
        ]
        if len(fuller) == 1:
            mapping[name] = fuller[0]
    return mapping


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1 and word[:1].isupper()


class EntityResolver:
    """The entity each mention of a build names, decided once over all documents.

    >>> from kg.model import Mention
    >>> docs = [("a.txt", "Vladimir Putin spoke. Putin left.",
    ...          [Mention("Vladimir Putin", 0, 14, "PERSON"), Mention("Putin", 22, 27, "GPE")]),
    ...         ("b.txt", "Putin", [Mention("Putin", 0, 5, "PERSON")])]
    >>> resolver = EntityResolver(docs)
    >>> resolver.entity("a.txt", Mention("Putin", 22, 27, "GPE"))  # doctest: +NORMALIZE_WHITESPACE
    Entity(name='Vladimir Putin', kind='person', labels=frozenset(), ner_label='', evidence='',
           roles=())
    >>> resolver.entity("b.txt", Mention("Putin", 0, 5, "PERSON")).name
    'Putin'
    """

    def __init__(
        self,
        documents: Iterable[tuple[str, str, Iterable[Mention]]],
        aliases: AliasTable | None = None,
        known: Mapping[str, str] | None = None,
    ) -> None:
        self._decide(
            ((doc, text, (mentions,)) for doc, text, mentions in documents), aliases, known
        )

    @classmethod
    def from_sections(
        cls,
        documents: Iterable[tuple[str, str, Iterable[Iterable[Mention]]]],
        aliases: AliasTable | None = None,
        known: Mapping[str, str] | None = None,
    ) -> EntityResolver:
        """Return the decisions over documents given as (name, text, the mentions of each of
        its sections in order): of a document, one section's mentions are held at a time,
        and then only its distinct namings."""
        resolver = cls.__new__(cls)
        resolver._decide(documents, aliases, known)
        return resolver

    def _decide(
        self,
        documents: Iterable[tuple[str, str, Iterable[Iterable[Mention]]]],
        aliases: AliasTable | None,
        known: Mapping[str, str] | None,
    ) -> None:
        table = builtin_aliases() if aliases is None else aliases
        # Kinds a store already holds for names ("Nvidia" → organization): an earlier build's
        # decision stands unless this run has evidence from the parse against it.
        stored = {match_key(name): kind for name, kind in (known or {}).items()}
        # What a mention names follows from its document, its text and its label alone.
        self._names: dict[tuple[str, str, str], _Named] = {}
        tallies: dict[str, dict[str, _Packed]] = defaultdict(dict)  # key → doc → votes
        seen: dict[str, Counter[str]] = defaultdict(Counter)  # key → what every document saw
        shared: dict[_Named, _Named] = {}  # one value per distinct naming, not one per mention
        packs: dict[_Packed, _Packed] = {}  # most documents' votes for a name look alike
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        self._forms: dict[tuple[str, str], tuple[str, ...]] = {}  # (key, doc) → names
        self._votes: dict[str, _Tally] = {}
        for doc, text, sections in documents:
            acronyms = find_acronyms(text)
            other = find_aliases(text)
            # Each naming (text, label, kind, evidence: all a vote reads) once, with what it
            # names, how often it was read and the last place among the mentions it was.
            named: dict[tuple[str, str, str, str], _Naming] = {}
            local: dict[str, _Tally] = defaultdict(_Tally)
            place = 0
            for section in sections:
                # Equal mentions lie at the same place, so in the same section.
                for mention in sorted(set(section), key=lambda m: (m.start, m.end, m.text)):
                    place += 1
                    if _is_demonym(mention):
                        continue
                    people = nationals_country(mention.text) if mention.label == "NORP" else ""
                    found = _named(people or clean_name(mention.text), acronyms, table, other)
                    if found is None:
                        continue
                    naming = (mention.text, mention.label, mention.kind, mention.evidence)
                    if (read := named.get(naming)) is None:
                        named[naming] = _Naming(found, place)
                    else:
                        read.count += 1
                        read.last = place
                    local[found.name].add(mention, found.name)
                    if found.alias is not None and found.alias.kind:
                        local[found.name].alias = found.alias.kind
            short = _short_forms(local) | _plural_variants(local)
            family = set(_family_names(local, short))
            current: dict[str, _Tally] = {}  # this document's votes, packed once it is read
            forms: dict[str, set[str]] = defaultdict(set)  # and its names, kept as tuples
            aliased: dict[str, int] = {}  # key → the last place an alias gave it a kind
            # In the order of their first places, so that what a name's first mention decides
            # (a gazetteer's or a name shape's lean) is decided as in document order.
            for (written, label, kind, evidence), read in named.items():
                found = read.found
                if found.name in short:
                    rules = (*found.rules, "short-form")
                    found = _Named(short[found.name], rules, found.alias, found.forms)
                found = shared.setdefault(found, found)
                self._names[(doc, written, label)] = found
                key = match_key(found.name)
                votes = current.get(key)
                if votes is None:
                    # A document name read twice in one run adds to its earlier votes.
                    votes = current[key] = _Tally.unpacked(tallies[key].get(doc))
                mention = Mention(written, 0, 0, label, kind, evidence)
                for _ in range(read.count):
                    votes.add(mention, found.name)
                if found.name in family and not votes.seen[_FAMILY_SEEN]:
                    votes.soft["person"] += _SHAPE_WEIGHTS[2]
                    votes.seen[_FAMILY_SEEN] += 1
                if found.alias is not None and found.alias.kind and read.last > aliased.get(key, 0):
                    votes.alias = found.alias.kind
                    aliased[key] = read.last
                spellings[key][found.name] += read.count
                forms[key].update(found.forms)
            for key, votes in current.items():
                seen[key].update(votes.seen)
                packed = votes.packed()
                tallies[key][doc] = packs.setdefault(packed, packed)
                written_as = forms[key].union(self._forms.get((key, doc), ()))
                self._forms[(key, doc)] = tuple(written_as)
        self._display = {key: min(c, key=lambda n: (-c[n], n)) for key, c in spellings.items()}
        self._kinds: dict[str, dict[str, tuple[str, str]]] = {}
        for key, by_doc in tallies.items():
            per_doc = {doc: _Tally.unpacked(votes) for doc, votes in by_doc.items()}
            self._kinds[key] = _reconcile(per_doc, stored.get(key, ""))
            total = _Tally()
            for votes in per_doc.values():
                total += votes
            total.seen = seen[key]
            self._votes[key] = total

    def entity(self, doc: str, mention: Mention) -> Entity | None:
        """Return the entity ``mention`` of document ``doc`` names, or None for no entity."""
        found = self._names.get((doc, mention.text, mention.label))
        if found is None:
            return None
        key = match_key(found.name)
        kind, _ = self._kinds[key][doc]
        return Entity(self._display[key], kind)

    def votes(
        self, doc: str, mentions: Iterable[Mention], tallies: dict[Entity, _Tally] | None = None
    ) -> dict[Entity, str]:
        """Return, for each entity ``mentions`` of document ``doc`` name, the votes for its
        kind that this document gave, in words: "copula → person ×1; tagger PERSON ×2".

        For a document read in sections, pass the same ``tallies`` (empty at first) with
        each section's mentions: the last answer is then the whole document's."""
        tallies = {} if tallies is None else tallies
        for mention in sorted(set(mentions), key=lambda m: (m.start, m.end, m.text)):
            entity = self.entity(doc, mention)
            found = self._names.get((doc, mention.text, mention.label))
            if entity is None or found is None:
                continue
            tallies.setdefault(entity, _Tally()).add(mention, found.name)
        return {
            e: "; ".join(f"{k} ×{n}" for k, n in sorted(t.seen.items())) for e, t in tallies.items()
        }

    def explain(self, doc: str, mention: Mention) -> tuple[str, ...]:
        """Return the rules that turned ``mention`` into its entity's name (empty: as written)."""
        found = self._names.get((doc, mention.text, mention.label))
        if found is None:
            return ()
        cleaned = () if clean_name(mention.text) == mention.text else ("clean",)
        return (*cleaned, *found.rules)

    def labels(self, entity: Entity, doc: str) -> frozenset[str]:
        """Return every name document ``doc`` wrote ``entity`` as, its canonical name included."""
        return frozenset((*self._forms.get((match_key(entity.name), doc), ()), entity.name))

    def kind_reason(self, entity: Entity) -> dict[str, object]:
        """Return how ``entity``'s kind was decided: the basis and the votes it weighed."""
        key = match_key(entity.name)
        votes = self._votes.get(key, _Tally())
        decisions = self._kinds.get(key, {}).values()
        bases = sorted({basis for kind, basis in decisions if kind == entity.kind})
        return {"basis": bases, "votes": dict(sorted(votes.seen.items()))}


def _is_demonym(mention: Mention) -> bool:
    # "Russian" in "Russian cities" is an adjective, not a node; the rules read it as a country.
    return mention.label == "NORP" and mention.text.lower() in DEMONYMS


def _nationals() -> dict[str, str]:
    text = resources.files("kg").joinpath("data", "nationals.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["noun"]: row["country"] for row in rows}


_NATIONALS: Final = _nationals()


def nationals_country(text: str) -> str:
    """Return the country whose people ``text`` names ("Canadians", "Irishmen", "the Poles"),
    or "": a nationality is handled as its country.

    >>> nationals_country("Canadians"), nationals_country("Frenchmen"), nationals_country("Swedes")
    ('Canada', 'France', 'Sweden')
    >>> nationals_country("Canadian"), nationals_country("poles apart")
    ('', '')
    """
    word = clean_name(text).lower()
    if word.endswith(("man", "men")):
        return DEMONYMS.get(word[:-3], "")
    if not word.endswith("s"):
        return ""
    return DEMONYMS.get(word[:-1], "") or _NATIONALS.get(word[:-1], "")


def _reconcile(per_doc: dict[str, _Tally], stored: str = "") -> dict[str, tuple[str, str]]:
    """Each document's kind for one name: one kind for all unless two documents give
    evidence of two different kinds; a document without evidence joins the one it leans to.
    Without evidence, the kind the store already holds (``stored``) beats tagger votes."""
    alias = next((t.alias for t in per_doc.values() if t.alias), "")
    if alias:
        return {doc: (alias, "alias") for doc in per_doc}
    total = _Tally()
    for votes in per_doc.values():
        total += votes
    kind, firm = decide_kind(total.strong, total.soft)
    overall = (kind, "evidence") if firm else (stored, "store") if stored else (kind, "tagger-vote")
    local = {doc: decide_kind(t.strong, t.soft) for doc, t in per_doc.items()}
    evidenced = {k for k, firm in local.values() if firm}

    def unevidenced(doc: str, k: str) -> tuple[str, str]:
        if k != overall[0] and k in per_doc[doc].leans and firm:
            return k, "leaning"  # its own name leans to its kind, against another's evidence
        return (k, "tagger-vote") if len(evidenced) > 1 and k in evidenced else overall

    return {
        doc: (k, "evidence")
        if sure and len(evidenced) > 1
        else unevidenced(doc, k)
        if not sure
        else overall
        for doc, (k, sure) in local.items()
    }
