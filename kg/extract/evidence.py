"""What kind of thing a mention names, argued from the parse: appositions, titles, verbs.

The small English model tags company names inconsistently ("Nvidia" as a place, "Ericsson"
as a person), so each mention gets the kind its sentence gives evidence for, with the rule
that found it. Reads spaCy tokens only; weighing the evidence against the tagger across a
build is the graph side's job (``kg.entities``).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

from kg import gazetteer
from kg.extract.mentions import EVENT_CLASSES, WORK_CLASSES, TokenMention
from kg.names import person_name_shape
from kg.wordnet import person_nouns

__all__ = [
    "CLASS_NOUNS",
    "EVIDENCE_RULES",
    "LANDFORM_NOUNS",
    "class_of",
    "is_placed",
    "with_evidence",
    "with_lifespans",
]

# Nouns that say what kind of thing the name beside them is ("X, the chipmaker").
_ORG_NOUNS: Final = frozenset(
    {
        "side",
        "company",
        "firm",
        "chipmaker",
        "band",
        "team",
        "club",
        "university",
        "college",
        "school",
        "party",
        "label",
        "network",
        "channel",
        "station",
        "agency",
        "ministry",
        "army",
        "navy",
        "league",
        "association",
        "federation",
        "union",
        "council",
        "carmaker",
        "automaker",
        "maker",
        "manufacturer",
        "supplier",
        "producer",
        "provider",
        "operator",
        "group",
        "corporation",
        "conglomerate",
        "startup",
        "start-up",
        "retailer",
        "bank",
        "lender",
        "insurer",
        "airline",
        "carrier",
        "developer",
        "designer",
        "vendor",
        "contractor",
        "subsidiary",
        "giant",
        "business",
        "foundry",
        "lab",
        "laboratory",
        "brand",
        "multinational",
        "broadcaster",
        "publisher",
        "exporter",
        "importer",
    }
)
_PLACE_NOUNS: Final = frozenset(
    {
        "country",
        "nation",
        "city",
        "capital",
        "state",
        "province",
        "region",
        "town",
        "village",
        "island",
        "port",
        "county",
        "district",
        "territory",
        "republic",
        "kingdom",
        "prefecture",
        "municipality",
        "suburb",
        "commune",
        "river",
        "lake",
        "mountain",
        "borough",
        "parish",
        "community",
        "neighbourhood",
        "neighborhood",
        "hamlet",
        "peninsula",
        "valley",
    }
)
_PERSON_NOUNS: Final = frozenset(
    {
        "character",
        "protagonist",
        "heroine",
        "president",
        "vice-president",
        "minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "ceo",
        "cto",
        "cfo",
        "coo",
        "chairman",
        "chairwoman",
        "chair",
        "founder",
        "co-founder",
        "governor",
        "mayor",
        "secretary",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "executive",
        "senator",
        "commissioner",
        "envoy",
        "emperor",
        "analyst",
        "economist",
        "professor",
        "scientist",
        "researcher",
        "lawmaker",
        "journalist",
        "director",
        "singer",
        "actor",
        "actress",
        "writer",
        "author",
        "poet",
        "novelist",
        "politician",
        "player",
        "footballer",
        "musician",
        "composer",
        "painter",
        "artist",
        "songwriter",
        "rapper",
        "guitarist",
        "drummer",
        "filmmaker",
        "screenwriter",
        "athlete",
        "cyclist",
        "swimmer",
        "boxer",
        "wrestler",
        "coach",
        "manager",
        "architect",
        "engineer",
        "bishop",
        "priest",
        "officer",
        "soldier",
        "judge",
        "lawyer",
        "historian",
        "philosopher",
        "businessman",
        "businesswoman",
        "entrepreneur",
        "comedian",
        "dancer",
        "pianist",
        "violinist",
        "conductor",
        "photographer",
        "physician",
        "diplomat",
        "mathematician",
        "astronomer",
        "physicist",
        "chemist",
        "biologist",
        "scholar",
        "theologian",
        "monk",
        "nun",
        "saint",
        "defenceman",
        "defenseman",
        "forward",
        "striker",
        "midfielder",
        "goalkeeper",
        "quarterback",
        "pitcher",
        "figure",
        "dealer",
        "merchant",
        "banker",
        "inventor",
        "explorer",
        "aviator",
        "pilot",
        "nobleman",
        "noblewoman",
        "aristocrat",
        "courtier",
        "cardinal",
        "pope",
        "archbishop",
        "rabbi",
        "imam",
        "activist",
        "reformer",
        "revolutionary",
        "general",
        "admiral",
        "colonel",
        "commander",
        "sculptor",
        "illustrator",
        "cartoonist",
        "animator",
        "playwright",
        "lyricist",
        "vocalist",
        "bassist",
        "keyboardist",
        "singer-songwriter",
        "dj",
        "presenter",
        "host",
        "anchor",
        "reporter",
        "columnist",
        "critic",
        "editor",
        "translator",
        "linguist",
        "anthropologist",
        "archaeologist",
        "sociologist",
        "psychologist",
        "psychiatrist",
        "surgeon",
        "nurse",
        "teacher",
        "educator",
        "academic",
        "lecturer",
        "skier",
        "skater",
        "runner",
        "sprinter",
        "gymnast",
        "golfer",
        "jockey",
        "racer",
        "driver",
        "rower",
        "sailor",
        "fencer",
        "archer",
        "shooter",
        "weightlifter",
        "prelate",
        "canon",
        "deacon",
        "missionary",
        "essayist",
    }
)
# Works a sentence classes a name as, beyond the nouns that precede a title.
_MORE_WORKS: Final = frozenset(
    {"programme", "epic", "scripture", "story", "short-story", "memoir", "treatise", "saga"}
)
# Places a sentence classes a name as ("X is a reef", "X, a seaside resort,"), which are not
# said of a place named before ("the coast" is rarely the town the text just named).
LANDFORM_NOUNS: Final = frozenset(
    {
        "reef",
        "bay",
        "gulf",
        "strait",
        "sea",
        "ocean",
        "creek",
        "stream",
        "tributary",
        "waterfall",
        "lagoon",
        "beach",
        "coast",
        "cape",
        "headland",
        "archipelago",
        "atoll",
        "islet",
        "desert",
        "plateau",
        "glacier",
        "volcano",
        "hill",
        "ridge",
        "forest",
        "marsh",
        "wetland",
        "oasis",
        "canyon",
        "gorge",
        "settlement",
        "locality",
        "quarter",
        "ward",
        "township",
        "canton",
        "oblast",
        "voivodeship",
        "governorate",
        "emirate",
        "duchy",
        "principality",
        "metropolis",
        "conurbation",
        "exclave",
        "enclave",
        "colony",
        "resort",
        "camp",
    }
)
# Things made and sold: "X is a full-size car", "X, a smartphone,".
_PRODUCT_NOUNS: Final = frozenset(
    {
        "car",
        "automobile",
        "sedan",
        "hatchback",
        "vehicle",
        "truck",
        "motorcycle",
        "aircraft",
        "airliner",
        "helicopter",
        "smartphone",
        "handset",
        "laptop",
        "tablet",
        "console",
        "software",
        "app",
        "application",
        "browser",
        "processor",
        "microprocessor",
        "rifle",
        "pistol",
        "locomotive",
        "drug",
        "medication",
        "vaccine",
        "beverage",
        "cigarette",
        "camera",
        "satellite",
        "spacecraft",
        "softener",
        "detergent",
        "cosmetic",
    }
)
# Ideas, movements and living kinds: "X is a concept created by …", "X is a genus of plants".
_CONCEPT_NOUNS: Final = frozenset(
    {
        "concept",
        "theory",
        "doctrine",
        "ideology",
        "philosophy",
        "genre",
        "technique",
        "species",
        "subspecies",
        "genus",
        "shrub",
        "herb",
        "tree",
        "flower",
        "bird",
        "fish",
        "mammal",
        "insect",
        "reptile",
        "amphibian",
        "butterfly",
        "moth",
        "beetle",
        "spider",
        "snail",
        "fungus",
        "bacterium",
        "virus",
        "breed",
        "cultivar",
        "dish",
        "cuisine",
        "type",
        "kind",
        "variety",
        "category",
        "style",
    }
)
CLASS_NOUNS: Final[dict[str, frozenset[str]]] = {
    "organization": _ORG_NOUNS,
    "place": _PLACE_NOUNS | LANDFORM_NOUNS,
    "person": _PERSON_NOUNS,
    "work": WORK_CLASSES | _MORE_WORKS,
    "event": EVENT_CLASSES,
    "product": _PRODUCT_NOUNS,
    "concept": _CONCEPT_NOUNS,
}
# What a "player" or a "recorder" is for when it is a device: "a digital media player".
_DEVICE_WORDS: Final = frozenset(
    {"media", "music", "video", "dvd", "cd", "mp3", "audio", "cassette", "record", "tape"}
)
# Nouns for a firm that name people too ("the producer", "a developer", "the publisher").
_FIRM_OR_PERSON: Final = frozenset(
    {
        "producer",
        "designer",
        "developer",
        "publisher",
        "operator",
        "contractor",
        "vendor",
        "dealer",
        "supplier",
        "provider",
        "maker",
        "manufacturer",
        "exporter",
        "importer",
        "broadcaster",
        "retailer",
        "business",
        "brand",
        "band",
        "label",
        "group",
        "team",
        "giant",
    }
)
# Nouns whose first sense is a person but that are said as often of a firm, a country or a
# thing: "the successor to the old line", "a leader in chip design", "a member of NATO".
_SAID_OF_ANYTHING: Final = frozenset(
    {
        "successor",
        "predecessor",
        "replacement",
        "leader",
        "pioneer",
        "partner",
        "rival",
        "competitor",
        "member",
        "owner",
        "sponsor",
        "holder",
        "winner",
        "runner-up",
        "champion",
        "client",
        "customer",
        "beneficiary",
        "ally",
        "neighbour",
        "neighbor",
        "parent",
        "heir",
        "namesake",
        "model",
        "survivor",
        "recipient",
        "contender",
        "entrant",
        "participant",
        "signatory",
        "assistant",
        "agent",
        "server",
        "guide",
    }
)
# Roles that only a company has ("the chief executive of X", "IBM CEO", "X's shareholders").
_CORPORATE_ROLES: Final = frozenset(
    {
        "ceo",
        "cto",
        "cfo",
        "coo",
        "chairman",
        "chairwoman",
        "executive",
        "founder",
        "co-founder",
        "shareholder",
        "shareholders",
        "board",
        "subsidiary",
        "shares",
        "stock",
        "revenue",
        "profit",
        "earnings",
        "investors",
    }
)
# Words that end a company's name ("Infineon Technologies", "Hyundai Motor").
_DESIGNATORS: Final = frozenset(
    {
        "inc",
        "corp",
        "corporation",
        "ltd",
        "llc",
        "plc",
        "gmbh",
        "ag",
        "group",
        "holdings",
        "technologies",
        "technology",
        "industries",
        "electronics",
        "systems",
        "motor",
        "motors",
        "computing",
        "semiconductor",
        "semiconductors",
        "airlines",
        "airways",
        "labs",
        "bank",
        "telecom",
        "communications",
        "pharmaceuticals",
        "networks",
        "software",
        "energy",
    }
)
# Verbs whose subject is a company more often than a country; weak evidence only.
_COMMERCE_VERBS: Final = frozenset(
    {
        "acquire",
        "manufacture",
        "assemble",
        "supply",
        "ship",
        "sell",
        "hire",
        "employ",
        "license",
        "operate",
        "market",
        "design",
        "lay",
    }
)
_ACQUIRED: Final = frozenset({"acquire", "buy", "purchase"})
_LOCATIVE_PREPS: Final = frozenset({"in", "near", "at", "outside"})
# Heads of "<noun> in X" that put X on a map.
_SITES: Final = frozenset(
    {
        "factory",
        "facility",
        "office",
        "headquarters",
        "line",
        "site",
        "campus",
        "centre",
        "center",
        "fab",
        "hub",
        "conference",
        "summit",
        "meeting",
        "warehouse",
        "mine",
        "port",
    }
)
_HEADQUARTERED: Final = frozenset({"headquarter", "headquartered"})
# Verbs only people are the parties of, and works people perform in ("voiced by X").
_MARRY: Final = frozenset({"marry", "wed", "divorce"})
_PERFORMED: Final = frozenset({"voice", "portray", "narrate"})
# Kin a person has ("X's widow", "the daughter of X").
_KIN: Final = frozenset(
    {
        "wife",
        "husband",
        "son",
        "daughter",
        "father",
        "mother",
        "brother",
        "sister",
        "widow",
        "widower",
        "grandson",
        "granddaughter",
        "grandfather",
        "grandmother",
        "nephew",
        "niece",
        "uncle",
        "aunt",
        "cousin",
        "spouse",
        "fiancée",
        "fiancé",
        "stepson",
        "stepdaughter",
        "stepfather",
        "stepmother",
        "half-brother",
        "half-sister",
        "sibling",
        "parent",
        "child",
        "grandchild",
        "consort",
        "mistress",
        "heir",
        "descendant",
    }
)
# What people do, said without an object ("X retired in 1990", "X starred in Y").
_LIVED_ALONE: Final = frozenset({"retire", "resign", "graduate", "star", "emigrate", "immigrate"})
# Verbs of a life's places ("born in X", "died at X").
_LIFE_VERBS: Final = frozenset({"bear", "die", "bury", "baptize", "baptise", "grow", "raise"})
_SITED_VERBS: Final = _HEADQUARTERED | {"base", "locate"}
# Verbs of going somewhere, and the prepositions that say where to ("deployed to X", "fled
# towards X", "settled in X"): where people go is a place.
_MOTION_VERBS: Final = frozenset(
    {
        "move",
        "relocate",
        "emigrate",
        "immigrate",
        "migrate",
        "deploy",
        "travel",
        "flee",
        "retreat",
        "sail",
        "settle",
        "arrive",
        "evacuate",
        "exile",
        "banish",
        "deport",
        "march",
        "live",
        "reside",
        "station",
    }
)
_CAREER_MOVES: Final = frozenset({"move", "relocate"})
_MOTION_PREPS: Final = frozenset({"to", "towards", "toward", "into", "in", "at", "near"})
# What a road, a river or a traveller passes through is a place: "runs west through X".
_ROUTE_VERBS: Final = frozenset({"run", "pass", "flow", "wind", "travel", "continue", "cross"})
_ROUTE_PREPS: Final = frozenset({"through", "across"})
# Verbs and nouns whose object is a territory: "bordered by X", "invaded X", "the invasion of X".
# Place nouns that also name a condition or a body of people: "the state of X".
_STATE_OR_CONDITION: Final = frozenset({"state", "community"})
# Titles held of a territory: "the Duke of X", "Marquis of X", "the Bishop of X".
_TERRITORIAL_TITLES: Final = frozenset(
    {
        "duke",
        "duchess",
        "earl",
        "count",
        "countess",
        "marquis",
        "marquess",
        "marchioness",
        "baron",
        "baroness",
        "viscount",
        "viscountess",
        "margrave",
        "landgrave",
        "elector",
        "sultan",
        "emir",
        "khan",
        "shah",
        "tsar",
        "czar",
        "bishop",
        "archbishop",
        "mayor",
        "lord",
        "lady",
    }
)
_TERRITORY_VERBS: Final = frozenset({"border", "invade", "annex", "colonize", "colonise"})
_TERRITORY_NOUNS: Final = frozenset({"invasion", "annexation", "colonization", "colonisation"})
# "a professor at X (2007)", "graduated from X (1990)"; not "in", as in "her role in X (2005)".
# Verbs whose agent is a person ("directed by X", "a novel written by X") or a firm ("published
# by X", "developed by X"); "produced by" and "performed by" name either.
_AUTHORED: Final = frozenset(
    {"direct", "write", "author", "compose", "paint", "illustrate", "choreograph", "co-write"}
)
_ISSUED: Final = frozenset({"publish", "develop", "distribute", "manufacture"})
# What happens to a person, named before "of" ("the arrest of X", "the reign of X").
_LIFE_NOUNS: Final = frozenset(
    {
        "birth",
        "death",
        "arrest",
        "execution",
        "assassination",
        "murder",
        "funeral",
        "reign",
        "abdication",
        "coronation",
        "biography",
        "autobiography",
        "memoir",
        "memoirs",
    }
)
# What one studies or teaches at: an institution ("taught at X", "studied at X").
_SCHOOLED: Final = frozenset({"teach", "study", "lecture", "educate", "enroll", "enrol"})
# Bodies one is elected or appointed to: "elected to the Senate".
_SEATED: Final = frozenset({"elect", "re-elect", "reelect", "appoint", "nominate", "admit"})
# A club or a label a player or an artist is signed to: "played for X", "signed with X",
# "signed by X", "loaned to X", "a spell with X", "joined X".
_PLAYED_FOR: Final = frozenset({"play", "sign", "score", "appear", "captain", "debut", "compete"})
_SIGNED_BY: Final = frozenset({"sign", "buy", "loan", "draft", "release", "sell"})
_SOLD_TO: Final = frozenset({"sell", "loan", "transfer", "sign"})
_SPELLS: Final = frozenset({"career", "spell", "stint", "contract", "deal", "season"})
_PERSONAL_PRONOUNS: Final = frozenset({"he", "she", "i", "we", "they"})
_PLACED_PREPS: Final = frozenset({"at", "from"})
_MAX_LISTED: Final = 12  # names of one such list looked back over


@dataclass(frozen=True, slots=True)
class _Site:
    """Where a mention stands: its Doc, its head token, the token whose role it shares (the
    first of coordinated names) and, per token, the mention covering it."""

    doc: Doc
    mention: TokenMention
    head: Token
    role: Token
    index: list[TokenMention | None]


Rule = Callable[[_Site], str]


def class_of(noun: Token) -> str:
    """Return the kind a class noun names ("chipmaker" → organization), or "": the hand-made
    lists first, then WordNet's nouns for people ("dockworker", "chaplain")."""
    lemma = noun.lemma_.lower()
    found = next((kind for kind, nouns in CLASS_NOUNS.items() if lemma in nouns), "")
    if found or lemma in _SAID_OF_ANYTHING:
        return found
    return "person" if lemma in person_nouns() else ""


def _head(doc: Doc, mention: TokenMention) -> Token:
    for token in doc[mention.start : mention.end]:
        if not mention.start <= token.head.i < mention.end or token.head.i == token.i:
            return token
    return doc[mention.end - 1]


def _designator(at: _Site) -> str:
    m = at.mention
    last = at.doc[m.end - 1].text.strip(".").lower()
    return "organization" if m.end - m.start > 1 and last in _DESIGNATORS else ""


def _person_named(at: _Site) -> bool:
    """Whether the mention is tagged a person and written as a person's name ("Ada Lind")."""
    m = at.mention
    return m.label == "PERSON" and person_name_shape(at.doc[m.start : m.end].text) > 0


def _description(noun: Token, index: list[TokenMention | None], person: bool = False) -> str:
    # The small model tags some occupations as adjectives ("an Italian mathematician").
    if noun.pos_ not in {"NOUN", "ADJ"} or index[noun.i] is not None:
        return ""
    kind = class_of(noun)
    # "producer Ada Lind": a noun for a firm or a person says nothing against a person's name.
    if person and noun.lemma_.lower() in _FIRM_OR_PERSON:
        return ""
    if noun.lemma_.lower() == "family" and not person:
        # "X are a family of flowering plants": a living kind, unless its members are people.
        members = [o for p in noun.children if p.lower_ == "of" for o in p.children]
        if members and not any(class_of(m) == "person" for m in members):
            return "concept"
    # "a digital media player" is a device, "a football player" a person.
    if kind == "person" and any(c.lemma_.lower() in _DEVICE_WORDS for c in noun.children):
        return "product"
    return kind


def _apposition(at: _Site) -> str:
    """ "X, the chipmaker," and "the Russian tech company, X,"."""
    person = _person_named(at)
    found = [
        _description(c, at.index, person)
        for c in at.head.children
        if c.dep_ == "appos" and not _misattached_kin(at, c)
    ]
    if at.head.dep_ == "appos":
        found.append(_description(at.head.head, at.index, person))
    return next((k for k in found if k), "")


def _misattached_kin(at: _Site, noun: Token) -> bool:
    # "born in Tarsi, Ostreby, the son of …": the parser hangs the son on the place.
    head = at.head
    while head.dep_ in {"appos", "conj"} and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and noun.lemma_.lower() in _KIN | {"child"}


def _copula(at: _Site) -> str:
    """ "X is the largest supplier of …"."""
    verb = at.role.head
    if at.role.dep_ != "nsubj" or verb.lemma_ != "be":
        return ""
    attributes = (c for c in verb.children if c.dep_ == "attr")
    person = _person_named(at)
    return next((k for c in attributes if (k := _description(c, at.index, person))), "")


def _designation(at: _Site) -> str:
    """ "tech firm Baidu", "President Xi": a class noun or title right before the name."""
    m = at.mention
    if m.start == 0:
        return ""
    before = at.doc[m.start - 1]
    if at.index[before.i] is not None or not m.start <= before.head.i < m.end:
        return ""
    if before.pos_ not in {"NOUN", "PROPN"}:
        return ""
    person = _person_named(at) and before.lemma_.lower() in _FIRM_OR_PERSON
    return "" if person else class_of(before)


def _role_of(at: _Site) -> str:
    """ "the chief executive of X" (a company), "the capital of X" (a place)."""
    if at.role.dep_ != "pobj" or at.role.head.lower_ != "of":
        return ""
    noun = at.role.head.head
    if noun.lemma_.lower() in _CORPORATE_ROLES:
        return "organization"
    lemma = noun.lemma_.lower()
    name = at.doc[at.mention.start : at.mention.end].text
    placed = at.mention.label in {"GPE", "LOC"} or gazetteer.kinds(name)
    if lemma in _STATE_OR_CONDITION and not placed:
        return ""  # "the state of Catholicism" is a condition, "the state of Ohio" a place
    return "place" if lemma in CLASS_NOUNS["place"] | _TERRITORIAL_TITLES else ""


def _role_after(at: _Site) -> str:
    """ "IBM CEO Arvind Krishna", "Foxconn Chairman Young Liu", "X's shareholders"."""
    doc, end = at.doc, at.mention.end
    k = end + (1 if end < len(doc) and doc[end].tag_ == "POS" else 0)
    if k < len(doc) and doc[k].lower_ in {"chief", "vice"}:
        k += 1
    if k >= len(doc) or at.index[k] is not None:
        return ""
    return "organization" if {doc[k].lower_, doc[k].lemma_.lower()} & _CORPORATE_ROLES else ""


def _sited(at: _Site) -> str:
    """ "X is headquartered in …", "X was founded by …" (a company); "a plant in X" (a place)."""
    role, verb = at.role, at.role.head
    if role.dep_ in {"nsubj", "nsubjpass"} and verb.lemma_.lower() in _HEADQUARTERED:
        return "organization"
    founded = verb.lemma_ == "found" and any(c.dep_ == "agent" for c in verb.children)
    if role.dep_ == "nsubjpass" and founded:
        # Towns are founded too: "Tarsk was founded in 1525 by …".
        name = at.doc[at.mention.start : at.mention.end].text
        return "" if gazetteer.kinds(name) else "organization"
    if role.dep_ == "pobj" and verb.lower_ in _LOCATIVE_PREPS:
        governor = verb.head
        site = governor.pos_ == "NOUN" and governor.lemma_ in _SITES
        if governor.lemma_.lower() in _SITED_VERBS or site:
            return "place"
    return ""


def _based(at: _Site) -> str:
    """ "X is based in …": a company more often than not (a person can be based somewhere)."""
    verb = at.role.head
    based = at.role.dep_ == "nsubjpass" and verb.lemma_ == "base"
    return "organization" if based and any(c.lower_ == "in" for c in verb.children) else ""


def _commerce(at: _Site) -> str:
    """ "X acquired Y", "X supplies …": verbs of commerce with X (or Y acquired) as a party."""
    verb = at.role.head
    if at.role.dep_ == "nsubj" and verb.lemma_ in _COMMERCE_VERBS:
        return "organization"
    if at.role.dep_ in {"dobj", "nsubjpass"} and verb.lemma_ in _ACQUIRED:
        return "organization"
    return ""


def _personal(at: _Site) -> str:
    """ "X married Y", "married to Y", "voiced by Y", "Y's widow", "the son of Y", "X was
    born", "X died", "X retired": what only people do or have."""
    role, verb = at.role, at.role.head
    lemma = verb.lemma_.lower()
    if role.dep_ in {"nsubj", "dobj", "nsubjpass"} and lemma in _MARRY:
        return "person"
    if role.dep_ == "nsubjpass" and lemma == "bear" and verb.lower_ == "born":
        return "person"
    intransitive = not any(c.dep_ in {"dobj", "attr"} for c in verb.children)
    if role.dep_ == "nsubj" and (lemma == "die" or (lemma in _LIVED_ALONE and intransitive)):
        return "person"
    if role.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ in {"married", "engaged"}:
        return "person"
    if role.dep_ == "pobj" and verb.dep_ == "agent" and verb.head.lemma_.lower() in _PERFORMED:
        return "person"
    if role.dep_ == "poss" and verb.pos_ == "NOUN" and lemma in _KIN:
        return "person"
    of_kin = verb.lower_ == "of" and verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in _KIN
    return "person" if role.dep_ == "pobj" and of_kin else ""


def _lived(at: _Site) -> str:
    """ "born in X", "died at X", "buried in X": where a life happened is a place."""
    role, prep = at.role, at.role.head
    if role.dep_ != "pobj" or prep.lower_ not in {"in", "at", "near"}:
        return ""
    if role is not at.head and _person_named(at):
        return ""  # "born in Tarsk, the son of Ola Berg and Ada Lind": she is no birthplace
    return "place" if prep.head.lemma_.lower() in _LIFE_VERBS and prep.head.pos_ == "VERB" else ""


def _went(at: _Site) -> str:
    """ "moved to X", "deployed to X", "settled in X", "bordered by X", "invaded X", "the
    invasion of X": where people go, and what borders and armies take, is a place."""
    role, governor = at.role, at.role.head
    if role.dep_ == "pobj" and governor.lower_ in _MOTION_PREPS:
        verb = governor.head
        if at.mention.label == "ORG" and verb.lemma_.lower() in _CAREER_MOVES:
            return ""  # "she moved to Harbour Records": a career moves to firms and clubs too
        return "place" if verb.pos_ == "VERB" and verb.lemma_.lower() in _MOTION_VERBS else ""
    if role.dep_ == "pobj" and governor.lower_ in _ROUTE_PREPS:
        verb = governor.head
        return "place" if verb.pos_ == "VERB" and verb.lemma_.lower() in _ROUTE_VERBS else ""
    if role.dep_ == "pobj" and governor.dep_ == "agent":
        return "place" if governor.head.lemma_.lower() in _TERRITORY_VERBS else ""
    if role.dep_ == "dobj" and governor.lemma_.lower() in _TERRITORY_VERBS:
        return "place"
    if role.dep_ == "nsubjpass" and governor.lemma_.lower() in _TERRITORY_VERBS:
        return "place"  # "X is bordered on the south by …"
    if role.dep_ == "pobj" and governor.lower_ == "of":
        return "place" if governor.head.lemma_.lower() in _TERRITORY_NOUNS else ""
    return ""


def _made_by(at: _Site) -> str:
    """ "a film directed by X", "a novel written by X" (a person); "a game published by X",
    "developed by X" (a firm)."""
    role, agent = at.role, at.role.head
    if role.dep_ != "pobj" or agent.dep_ != "agent":
        return ""
    verb = agent.head.lemma_.lower()
    if verb in _AUTHORED:
        return "person"
    return "organization" if verb in _ISSUED else ""


def _cast_in(at: _Site) -> str:
    """ "her role in X", "a character in X", "a cameo in X", "starred in X": what actors
    appear in is a work (a place the gazetteer knows stays a place, and so does one the
    tagger reads as a place after "starred in")."""
    role, prep = at.role, at.role.head
    if role.dep_ != "pobj" or prep.lower_ != "in":
        return ""
    governor = prep.head
    lemma = governor.lemma_.lower()
    part = governor.pos_ == "NOUN" and lemma in _CAST_NOUNS
    starred = governor.pos_ == "VERB" and lemma in _CAST_VERBS
    if not (part or (starred and at.mention.label not in {"GPE", "LOC", "FAC"})):
        return ""
    return "" if gazetteer.kinds(at.doc[at.mention.start : at.mention.end].text) else "work"


_CAST_NOUNS: Final = frozenset({"role", "character", "part", "cameo", "appearance", "lead"})
_CAST_VERBS: Final = frozenset({"star", "co-star", "costar"})


def _degree(at: _Site) -> str:
    """ "an MA in X", "a doctorate in X" (a field of study); "a Master of Business
    Administration" (a degree): ideas, not bodies or places."""
    words = at.doc[at.mention.start : at.mention.end].text.split()
    if len(words) >= 3 and words[0].lower() in _DEGREE_TITLES and words[1] == "of":
        return "concept"
    role, prep = at.role, at.role.head
    if role.dep_ != "pobj" or prep.lower_ != "in":
        return ""
    return "concept" if prep.head.lower_ in _DEGREES else ""


_DEGREE_TITLES: Final = frozenset({"master", "bachelor", "doctor"})
_DEGREES: Final = frozenset(
    {
        "degree",
        "degrees",
        "diploma",
        "doctorate",
        "phd",
        "ph.d.",
        "ma",
        "ba",
        "bsc",
        "msc",
        "mba",
        "bachelor",
        "master",
        "major",
        "doctor",
    }
)


def _life_of(at: _Site) -> str:
    """ "the arrest of X", "the reign of X", "born of X", "X is voiced by Y", "Y as X" (a
    part an actor plays): what only people go through, and characters."""
    role, governor = at.role, at.role.head
    if role.dep_ == "pobj" and governor.lower_ == "of":
        noun = governor.head
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in _LIFE_NOUNS:
            return "person"
        return "person" if noun.lower_ == "born" else ""
    if role.dep_ == "nsubjpass" and governor.lemma_.lower() == "voice":
        return "person"
    if role.dep_ == "pobj" and governor.lower_ == "as":
        actor = at.index[governor.head.i]
        return "person" if actor is not None and actor.label == "PERSON" else ""
    return ""


def _member_of(at: _Site) -> str:
    """ "a member of X" (a body people join); "taught at X", "studied at X" (an institution,
    unless the name is a town)."""
    role, governor = at.role, at.role.head
    if role.dep_ != "pobj":
        return ""
    if governor.lower_ == "of" and governor.head.lemma_.lower() == "member":
        return "organization"
    verb = governor.head
    if verb.pos_ == "VERB" and not _person_named(at) and at.mention.label not in {"GPE", "LOC"}:
        # "elected to the Senate", "appointed to X" (a body); "worked for X" (an employer).
        if governor.lower_ == "to" and verb.lemma_.lower() in _SEATED:
            return "organization"
        if governor.lower_ == "for" and verb.lemma_.lower() == "work":
            return "organization"
    schooled = governor.lower_ == "at" and governor.head.lemma_.lower() in _SCHOOLED
    if not schooled or at.mention.label in {"GPE", "LOC"}:
        return ""
    text = at.doc[at.mention.start : at.mention.end].text
    return "" if gazetteer.kinds(text) else "organization"


def _signed(at: _Site) -> str:
    """ "played for X", "signed with X", "signed by X", "sold to X", "a spell with X", "joined
    X": a club, a label or a firm one plays or works for."""
    role, governor = at.role, at.role.head
    lemma = governor.head.lemma_.lower()
    if role.dep_ == "pobj" and governor.lower_ == "for":
        return "organization" if governor.head.pos_ == "VERB" and lemma in _PLAYED_FOR else ""
    if role.dep_ == "pobj" and governor.lower_ == "with":
        signed = governor.head.pos_ == "VERB" and lemma == "sign"
        return "organization" if signed or lemma in _SPELLS else ""
    if role.dep_ == "pobj" and governor.dep_ == "agent":
        return "organization" if lemma in _SIGNED_BY else ""
    if role.dep_ == "pobj" and governor.lower_ == "to":
        return "organization" if governor.head.pos_ == "VERB" and lemma in _SOLD_TO else ""
    if role.dep_ == "dobj" and governor.lemma_.lower() == "join" and not _person_named(at):
        # "she joined X"; not "the stream joins X"
        subjects = [c for c in governor.children if c.dep_ == "nsubj"]
        personal = any(
            c.lower_ in _PERSONAL_PRONOUNS
            or ((m := at.index[c.i]) is not None and m.label == "PERSON")
            for c in subjects
        )
        # "Joining X in 2016, he …": a participle whose subject is the person of the clause.
        joining = not subjects and governor.tag_ == "VBG" and at.mention.label != "GPE"
        return "organization" if personal or joining else ""
    return ""


def _area_named(at: _Site) -> str:
    """ "the Kelso district", "the Arvi valley": a name before a noun for a kind of place, as
    its modifier, is that place."""
    head = at.head
    noun = head.head
    regional = at.mention.label == "NORP" and head.dep_ == "amod"
    if not (head.dep_ == "compound" or regional) or noun.i != at.mention.end:
        return ""
    if at.index[noun.i] is not None or noun.pos_ != "NOUN":
        return ""
    lemma = noun.lemma_.lower()
    faith = at.doc[at.mention.start : at.mention.end].text.lower() in _FAITHS
    if faith or (at.mention.label == "NORP" and lemma in _STATE_OR_CONDITION | _REALMS):
        # "the Lutheran community" is a people and "the Christian kingdoms" a faith's realms;
        # "the Sicilian province of X" is the region's.
        return ""
    return "place" if lemma in CLASS_NOUNS["place"] else ""


# Realms a people's or a faith's adjective describes rather than names: "the Frankish kingdoms".
_REALMS: Final = frozenset({"kingdom", "empire", "nation", "republic", "country", "colony"})
_FAITHS: Final = frozenset(
    {
        "christian",
        "catholic",
        "protestant",
        "orthodox",
        "muslim",
        "islamic",
        "jewish",
        "hindu",
        "buddhist",
        "sikh",
        "lutheran",
        "anglican",
        "methodist",
        "baptist",
        "mormon",
    }
)


def is_placed(doc: Doc, mention: TokenMention) -> bool:
    """Whether ``mention`` (or the first name of the list it is in) is the object of a
    preposition of place ("a professor at X (2007)", "graduated from X (1990–1994)"): a year
    after such a name dates a stay, not a work or a life."""
    return _placed_at(doc, _head(doc, mention), mention.start)


def _placed_at(doc: Doc, head: Token, start: int, depth: int = 0) -> bool:
    role = head
    while role.dep_ in {"conj", "appos"} and role.head.i != role.i:
        role = role.head  # "at X (2007), Y (2009–2014)": the list hangs off the first name
    if role.dep_ == "pobj" and role.head.lower_ in _PLACED_PREPS:
        return True
    # The parser often loses such a list after its second name; the writing keeps it: a
    # name after ", " or "and" that follows "(…)" (or the blank a dated parenthesis leaves in
    # the parse) continues the list of the name before.
    k, dated = start - 1, False
    while k >= 0 and depth < _MAX_LISTED:
        if doc[k].text == ")":
            while k >= 0 and doc[k].text != "(":
                k -= 1
            dated = True
        elif doc[k].is_space:
            dated = True
        elif doc[k].text not in {",", "and"}:
            break
        k -= 1
    if not dated or k < 0 or doc[k].pos_ != "PROPN":
        return False
    before = k
    while before > 0 and doc[before - 1].pos_ == "PROPN":
        before -= 1
    return _placed_at(doc, doc[k], before, depth + 1)


def _chained(at: _Site) -> str:
    """ "Kavieng, New Ireland" and "Rabaul, Papua New Guinea": a name followed by the state or
    country it lies in is a place."""
    doc, end = at.doc, at.mention.end
    if end + 1 >= len(doc) or doc[end].text != ",":
        return ""
    nxt = at.index[end + 1]
    if nxt is None or nxt.start != end + 1 or _head(doc, nxt).dep_ != "appos":
        return ""
    text = doc[nxt.start : nxt.end].text
    return "place" if gazetteer.kinds(text) & {"country", "subdivision"} else ""


# Words before a role noun that belong to the role ("chief executive", "bass player").
_ROLE_MODIFIERS: Final = frozenset(
    {
        "chief",
        "vice",
        "deputy",
        "executive",
        "senior",
        "junior",
        "assistant",
        "associate",
        "prime",
        "foreign",
        "general",
        "lead",
        "head",
        "principal",
        "managing",
        "founding",
    }
)


def _role_phrase(at: _Site, rule: str) -> str:
    """The role the parse gives a person, as a lower-case phrase: "drummer" in "X, the band's
    drummer", "bass player" in "the bass player X", "president" in "President X"."""
    nouns: list[Token] = []
    if rule == "apposition":
        nouns = [c for c in at.head.children if c.dep_ == "appos"]
        if at.head.dep_ == "appos":
            nouns.append(at.head.head)
    elif rule == "copula":
        nouns = [c for c in at.role.head.children if c.dep_ == "attr"]
    elif rule == "designation" and at.mention.start > 0:
        nouns = [at.doc[at.mention.start - 1]]
    # A role is an occupation or an office (the hand-made list), not a relation ("nephew").
    roles = (
        n
        for n in nouns
        if class_of(n) == "person" and n.lemma_.lower() in _PERSON_NOUNS and at.index[n.i] is None
    )
    noun = next(roles, None)
    if noun is None:
        return ""
    words = [noun]
    for left in reversed(list(noun.lefts)):
        if left.i != words[0].i - 1:
            break
        modifier = left.dep_ == "compound" and left.pos_ == "NOUN" and at.index[left.i] is None
        if not modifier and left.lower_ not in _ROLE_MODIFIERS:
            break
        words.insert(0, left)
    return " ".join(w.lower_ for w in words)


def _he_or_she(at: _Site) -> str:
    """ "Tarvik crossed the river with his army." and "Tarvik crossed the river. He …": the
    subject of a sentence that "he" or "she" goes on from, with no one else there to be it."""
    role, sentence = at.role, at.head.sent
    if role.dep_ not in {"nsubj", "nsubjpass"} or role.head.dep_ != "ROOT":
        return ""
    others = [
        m
        for m in dict.fromkeys(at.index[sentence.start : sentence.end])
        if m is not None and m is not at.mention and (m.label == "PERSON" or m.kind == "person")
    ]
    if others or any(t.lower_ in _HE_OR_SHE for t in sentence if t.i < at.mention.start):
        return ""
    after = [t for t in sentence if t.i >= at.mention.end]
    if any(t.tag_ == "PRP$" and t.lower_ in {"his", "her"} for t in after):
        return "person"
    following = at.doc[sentence.end :] if sentence.end < len(at.doc) else None
    if following is None:
        return ""
    subject = next(
        (t for t in following[:4] if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"),
        None,
    )
    return "person" if subject is not None and subject.lower_ in _HE_OR_SHE else ""


_HE_OR_SHE: Final = frozenset({"he", "she", "him", "her", "his", "hers"})


# In order of trust: the first rule that finds a kind names the mention's evidence.
EVIDENCE_RULES: Final[dict[str, Rule]] = {
    "designator": _designator,
    "apposition": _apposition,
    "copula": _copula,
    "designation": _designation,
    "role-of": _role_of,
    "role-after": _role_after,
    "personal": _personal,
    "lived-in": _lived,
    "chained": _chained,
    "went-to": _went,
    "made-by": _made_by,
    "life-of": _life_of,
    "degree": _degree,
    "cast-in": _cast_in,
    "member-of": _member_of,
    "signed": _signed,
    "area-named": _area_named,
    "sited": _sited,
    "based-in": _based,
    "commerce-verb": _commerce,
    "he-or-she": _he_or_she,
}
# Also "coordinated", given to the rest of a list that names a company (see _coordinated).


# "X (born 5 May 1950)", "X (1731–1803)", "X (c. 1200 – 1260)": a name with a lifespan.
_LIFESPAN: Final = re.compile(
    r"\s*\((?:[^()]{0,40}?[;,]\s*)?(?:born|b\.|died|d\.|née|c\.\s*\d|fl\.|\d{3,4}\s*[–—-]\s*\d{3,4}"
    r"|\d{1,2}\s+\w+\s+\d{3,4}\s*[–—-]|\w+\s+\d{1,2},\s+\d{3,4}\s*[–—-])",
    re.IGNORECASE,
)


# Tagger labels of things whose years are no lifespan: "the Salt War (1718–1720)".
_LIFELESS_LABELS: Final = frozenset({"EVENT", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"})


def with_lifespans(
    mentions: list[TokenMention], doc: Doc, text: str, offset: int
) -> list[TokenMention]:
    """Return ``mentions`` with those followed by a lifespan in the original ``text`` ("X
    (1731–1803) was …", "X (born 1950)") argued to be people; ``offset`` is where ``doc``
    starts in ``text`` (the parse may have had the parenthesis blanked out)."""
    out = []
    for mention in mentions:
        last = doc[mention.end - 1]
        after = offset + last.idx + len(last.text)
        if (
            mention.kind != "person"
            and mention.label not in _LIFELESS_LABELS
            and _LIFESPAN.match(text, after)
            and not is_placed(doc, mention)
        ):
            mention = dataclasses.replace(mention, kind="person", evidence="lifespan")
        out.append(mention)
    return out


def with_evidence(doc: Doc, mentions: list[TokenMention]) -> list[TokenMention]:
    """Return ``mentions`` with the kind their sentence argues for, and the rule, where one does.

    Coordinated names share the role of the first ("Samsung and SK Hynix still depend …").
    """
    index: list[TokenMention | None] = [None] * len(doc)
    for mention in mentions:
        for k in range(mention.start, mention.end):
            index[k] = mention
    out: list[TokenMention] = []
    roles: dict[int, list[int]] = {}
    for mention in mentions:
        head = _head(doc, mention)
        role = head
        while role.dep_ == "conj" and role.head.i != role.i:
            role = role.head
        roles.setdefault(role.i, []).append(len(out))
        site = _Site(doc, mention, head, role, index)
        for name, rule in EVIDENCE_RULES.items():
            kind = rule(site)
            if kind:
                title = _role_phrase(site, name) if kind == "person" else ""
                mention = dataclasses.replace(mention, kind=kind, evidence=name, role=title)
                break
        out.append(mention)
    return _coordinated(doc, out, roles)


def _coordinated(
    doc: Doc, mentions: list[TokenMention], roles: dict[int, list[int]]
) -> list[TokenMention]:
    """ "Samsung, SK Group, Hyundai Motor and Naver": names listed together are things of one
    kind, so a list with a company in it leans the others to companies, and a list of works
    or places the parse has argued for leans the rest to its kind (weak evidence)."""
    out = list(mentions)
    for members in roles.values():
        if len(members) < 2:
            continue
        kinds = Counter(out[k].kind for k in members if out[k].kind)
        firms = [k for k in members if out[k].label == "ORG" or out[k].kind == "organization"]
        (kind,) = kinds if len(kinds) == 1 else ("",)
        if kind and kind != "organization":
            # What the parse argued for one member, and nothing against, it says of the list.
            like = [k for k in members if out[k].kind == kind]
        elif firms and 2 * len(firms) >= len(members):
            # A list of people with one name mistagged as a company stays a list of people:
            # the companies must be at least half of it.
            kind, like = "organization", firms
        else:
            continue
        for k in members:
            # "Ada Lind and Bosch": a name the tagger reads as a person and that is written as
            # a person's is not leaned to a company by the company beside it.
            person = out[k].label == "PERSON" and person_name_shape(
                doc[out[k].start : out[k].end].text
            )
            if not out[k].kind and not (person and kind != "person") and set(like) - {k}:
                out[k] = dataclasses.replace(out[k], kind=kind, evidence="coordinated")
    return out
