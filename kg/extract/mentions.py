"""Entity mentions in a parsed sentence: spaCy's NER plus the proper-noun chunks it misses.

Works on spaCy ``Doc``/``Span`` objects and returns token-index ranges; turning them into
model values with document offsets is the caller's job, and deciding which entity a mention
names is the graph side's (``kg.entities``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Final

from spacy.tokens import Doc, Token

from kg.entities import DEMONYMS, RANKS, TITLES, name_kinds
from kg.extract.titles import is_title_case
from kg.names import person_name_shape

__all__ = [
    "DEMONYMS",
    "PORTFOLIOS",
    "TITLES",
    "TokenMention",
    "demonym_country",
    "find_mentions",
    "mention_index",
    "widen",
]

# Entity types that are quantities or times, not things a graph should have a node for.
_NUMERIC: Final = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_LEADING_DROP: Final = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our"}
)
# Small words no name ends with, written in lower case: a name the tagger ran on into what
# follows it ("the Harbour Ordinance of | 1784").
_TRAILING_DROP: Final = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "by"})
# Capitalised words the small model leaves untagged that are dates, not names.
_TIME_WORDS: Final = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
_HONORIFICS: Final = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir"})
# Class nouns of works and events: "X is a 2005 film", "the album X", "X was a battle".
WORK_CLASSES: Final = frozenset(
    {
        "album",
        "song",
        "single",
        "ep",
        "film",
        "movie",
        "novel",
        "book",
        "poem",
        "play",
        "opera",
        "symphony",
        "painting",
        "series",
        "sitcom",
        "show",
        "episode",
        "soundtrack",
        "musical",
        "documentary",
        "video",
        "anthology",
        "novella",
        "manga",
        "comic",
        "sculpture",
        "mixtape",
        "ballad",
        "hymn",
        "anthem",
        "videogame",
        "telenovela",
        "drama",
        "game",
        "strip",
        "miniseries",
        "serial",
        "franchise",
        "trilogy",
        # A newspaper or a magazine is a publication (schema.org's Periodical), not its publisher.
        "newspaper",
        "magazine",
        "journal",
        "periodical",
        "tabloid",
        "broadsheet",
    }
)
EVENT_CLASSES: Final = frozenset(
    {
        "festival",
        "tournament",
        "championship",
        "championships",
        "war",
        "battle",
        "election",
        "competition",
        "race",
        "olympics",
        "cup",
        "season",
        "conference",
        "summit",
        "rebellion",
        "revolution",
        "uprising",
        "siege",
        "campaign",
        "expedition",
        "ceremony",
        "contest",
    }
)
# Words that name a role, an office, a class or an institution in general, not one thing:
# a mention made only of these ("Coach", "State Attorney", "U.S. Representative", "the
# Government") is a title or a description, not a name.
_GENERIC: Final = (
    TITLES
    | RANKS
    | WORK_CLASSES
    | EVENT_CLASSES
    | frozenset(
        {
            "coach",
            "captain",
            "member",
            "representative",
            "attorney",
            "deputy",
            "scorer",
            "writer",
            "producer",
            "editor",
            "manager",
            "player",
            "singer",
            "actor",
            "actress",
            "grandmaster",
            "champion",
            "bishop",
            "archbishop",
            "metropolitan",
            "cardinal",
            "kapellmeister",
            "judge",
            "government",
            "department",
            "ministry",
            "state",
            "city",
            "county",
            "district",
            "province",
            "region",
            "day",
            "home",
            "bill",
            "lord",
            "lady",
            "sir",
            "dame",
            "test",
            "top",
            "gold",
            "silver",
            "platinum",
            "fm",
            "am",
            "zip",
            "code",
            "sr",
            "jr",
            "mr",
            "mrs",
            "ms",
            "dr",
            "saint",
            "st",
            "central",
            "national",
            "federal",
            "royal",
            "general",
            "special",
            "senior",
            "junior",
            "assistant",
            "associate",
            "acting",
            "interim",
            "former",
            "grand",
            "high",
            "chief",
            "first",
            "second",
            "third",
            "headquarters",
            "office",
            "republic",
            "kingdom",
            "empire",
            "administration",
            "secretariat",
            "agency",
            "authority",
            "service",
            "station",
            "school",
            "university",
            "college",
            "hospital",
            "church",
            "museum",
            "library",
            "airport",
            "bank",
            "company",
            # ranks, offices and honours written capitalised before or instead of a name
            "lieutenant",
            "sergeant",
            "colonel",
            "major",
            "admiral",
            "commander",
            "marshal",
            "viceroy",
            "czar",
            "tsar",
            "emperor",
            "empress",
            "sultan",
            "caliph",
            "khan",
            "shah",
            "pharaoh",
            "mp",
            "mep",
            "advocate",
            "barrister",
            "solicitor",
            "counsel",
            "secretaries",
            "ministers",
            "lordship",
            "ladyship",
            "majesty",
            "highness",
            "excellency",
            "honour",
            "honor",
            # formats, degrees and chart words
            "lp",
            "ep",
            "cd",
            "dvd",
            "vhs",
            "ba",
            "ma",
            "bsc",
            "msc",
            "phd",
            "mba",
            "llb",
            "no",
            "number",
            "area",
            "politics",
            "democrat",
            "republican",
            "conservative",
            "liberal",
            "socialist",
            "communist",
            "repression",
            "award",
            "awards",
            "prize",
            "medal",
            "trophy",
        }
    )
)
# Portfolios of ministers and secretaries: part of an office's title ("Economy Minister",
# "the Defence Secretary"), never a thing of their own.
PORTFOLIOS: Final = frozenset(
    {
        "economy",
        "economic",
        "finance",
        "financial",
        "foreign",
        "defence",
        "defense",
        "health",
        "interior",
        "justice",
        "trade",
        "education",
        "energy",
        "transport",
        "transportation",
        "home",
        "treasury",
        "culture",
        "agriculture",
        "labour",
        "labor",
        "environment",
        "infrastructure",
        "industry",
        "tourism",
        "sport",
        "sports",
        "housing",
        "immigration",
        "security",
        "communications",
        "digital",
        "technology",
        "science",
        "research",
        "budget",
        "commerce",
        "development",
        "welfare",
        "employment",
        "fisheries",
        "mining",
        "veterans",
    }
)
_PLACE_WORDS: Final = frozenset({"u.s.", "us", "u.s", "uk", "u.k.", "un", "eu"})
_TITLE_LABELS: Final = {
    **{n: "WORK_OF_ART" for n in WORK_CLASSES},
    **{n: "EVENT" for n in EVENT_CLASSES},
}
_MAX_TITLE: Final = 12


@dataclass(frozen=True, slots=True)
class TokenMention:
    """A mention as a token range ``[start, end)`` of its Doc, with its NER label ("" if none).

    ``kind`` and ``evidence`` say which coarse kind the parse argues for and by which rule
    (see ``kg.extract.evidence``); both are empty when the parse says nothing.
    """

    start: int
    end: int
    label: str
    kind: str = ""
    evidence: str = ""
    role: str = ""  # the role or occupation the parse gives a person: "drummer", "president"


def _trim(doc: Doc, start: int, end: int, label: str = "") -> tuple[int, int]:
    while start < end and (
        (doc[start].lower_ in _LEADING_DROP and not _is_name_article(doc, start, end))
        or doc[start].is_punct
        or doc[start].is_space
        # "President Vladimir Putin", "Russian President Xi": the title is not the name.
        or (label == "PERSON" and end - start > 1 and _is_title_word(doc[start]))
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or (doc[end - 1].text in _TRAILING_DROP and end - start > 1)
    ):
        end -= 1
    return start, end


def _is_name_article(doc: Doc, start: int, end: int) -> bool:
    # "in The Hague": a capital "The" inside a sentence belongs to the name.
    return doc[start].text == "The" and not doc[start].is_sent_start and end - start > 1


def _is_title_word(token: Token) -> bool:
    return token.lower_ in TITLES or token.lower_ in DEMONYMS or token.lower_ in _HONORIFICS


def _name_token(token: Token, taken: list[bool]) -> bool:
    # Titles ("President") and demonyms ("Russian") modify names; they are not names.
    return (
        token.pos_ == "PROPN"
        and not taken[token.i]
        and token.lower_ not in TITLES
        and token.lower_ not in DEMONYMS
        and token.lower_ not in _TIME_WORDS
        and token.lower_ not in _HONORIFICS
    )


def _propn_chunks(doc: Doc, taken: list[bool]) -> list[TokenMention]:
    """Runs of proper nouns not covered by NER: names the small model does not know."""
    found = []
    i = 0
    while i < len(doc):
        if _name_token(doc[i], taken):
            j = i + 1
            while j < len(doc) and _name_token(doc[j], taken):
                j += 1
            start, end = _trim(doc, i, j)
            # A name has a capital somewhere ("eBay"); "app" tagged a proper noun is not one.
            written = any(c.isupper() for c in doc[start:end].text)
            if start < end and written and any(t.is_alpha or t.like_num for t in doc[start:end]):
                found.append(TokenMention(start, end, ""))
            i = j
        else:
            i += 1
    return found


def _joined(doc: Doc, mentions: list[TokenMention]) -> list[TokenMention]:
    """Join a name the tagger cut in two: "Christophe" + PERSON "Fouquet", "SK" + "Hynix",
    "French" (a proper noun here, not an adjective) + "Guiana"."""
    out: list[TokenMention] = []
    for mention in mentions:
        if out and _continues(doc, out[-1], mention):
            left = out.pop()
            label = mention.label if left.label in {"", "NORP"} else left.label
            mention = TokenMention(left.start, mention.end, label)
        elif out and _campus(doc, out[-1], mention):
            mention = TokenMention(out.pop().start, mention.end, "ORG")
        out.append(mention)
    return out


def _campus(doc: Doc, left: TokenMention, right: TokenMention) -> bool:
    """ "the University of Halden – Tarsk": an institution's name, a spaced dash and the
    place of one of its campuses are one name."""
    if left.end + 1 != right.start or doc[left.end].text not in {"–", "—", "-"}:
        return False
    if not doc[left.end - 1].whitespace_ or not doc[left.end].whitespace_:
        return False
    return "organization" in name_kinds(doc[left.start : left.end].text) and right.label in {
        "GPE",
        "LOC",
        "",
    }


def _continues(doc: Doc, left: TokenMention, right: TokenMention) -> bool:
    if left.end != right.start or ("" not in {left.label, right.label} and left.label != "NORP"):
        return False
    if left.label == "NORP" and right.label not in {"PERSON", "GPE"}:
        # "the French Revolution", "the Chinese Communist Party": a demonym that begins the
        # name of an event, a body or a work is part of it, not the country.
        right_text = doc[right.start : right.end].text
        if right_text[:1].isupper() and name_kinds(right_text) - {"person", "place"}:
            return True
    last, first = doc[left.end - 1], doc[right.start]
    proper = last.tag_ in {"NNP", "NNPS"} and first.tag_ in {"NNP", "NNPS"}
    attached = last.head.i in range(right.start, right.end) and last.dep_ == "compound"
    return proper and attached and not _is_title_word(first) and not _is_title_word(last)


def _epithets(doc: Doc, mentions: list[TokenMention]) -> list[TokenMention]:
    """ "the Google of Russia": a name with an article and "of <place>" is an epithet, one
    name of its own, not a mention of Google and of Russia."""
    out: list[TokenMention] = []
    skip = -1
    for k, mention in enumerate(mentions):
        if k <= skip:
            continue
        before = mention.start - 1
        while before >= 0 and doc[before].is_quote:
            before -= 1
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        after_the = before >= 0 and doc[before].lower_ == "the"
        of_place = (
            nxt is not None
            and nxt.start == mention.end + 1
            and nxt.label in {"GPE", "LOC"}
            and doc[mention.end].lower_ == "of"
        )
        named_place = mention.label in {"GPE", "LOC", "FAC"}
        if after_the and of_place and nxt is not None and not named_place:
            out.append(TokenMention(mention.start, nxt.end, ""))
            skip = k + 1
            continue
        out.append(mention)
    return out


def _listed(doc: Doc, taken: list[bool], names: frozenset[str]) -> list[TokenMention]:
    """Names a user listed (an alias file) that the tagger did not find, as written: at each
    token the longest listed name (of at most as many tokens as the longest name has words)."""
    if not names:
        return []
    longest, by_word = _name_index(names)
    text = doc.text
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t) for t in doc]
    token_at_end = {end: k for k, end in enumerate(ends)}
    found = []
    i = 0
    while i < len(doc):
        size = 0
        for name in _candidates(text, starts, ends, i, by_word):
            j = token_at_end.get(starts[i] + len(name))
            if j is None or not text.startswith(name, starts[i]):
                continue
            n = j - i + 1
            if size < n <= longest and not any(taken[i : i + n]):
                size = n
        if size:
            found.append(TokenMention(i, i + size, ""))
            for k in range(i, i + size):
                taken[k] = True
        i += size or 1
    return found


@lru_cache(maxsize=4)
def _name_index(names: frozenset[str]) -> tuple[int, dict[str, tuple[str, ...]]]:
    """The longest name's word count, and the names by the text before their first space
    (a name begins with its first token's text, so each token looks up few candidates)."""
    by_word: dict[str, list[str]] = {}
    for name in names:
        by_word.setdefault(_first_word(name), []).append(name)
    longest = max(len(n.split()) for n in names)
    return longest, {word: tuple(found) for word, found in by_word.items()}


def _first_word(text: str) -> str:
    cut = next((k for k, c in enumerate(text) if c.isspace()), len(text))
    return text[:cut]


def _candidates(
    text: str, starts: list[int], ends: list[int], i: int, by_word: dict[str, tuple[str, ...]]
) -> Iterator[str]:
    # A name's first word ends at a space or at the end of the name, which is a token end;
    # tokens written without a space between ("U.S.-based") give one candidate word each.
    stop = next((k for k in range(starts[i], ends[-1]) if text[k].isspace()), ends[-1])
    for j in range(i, len(ends)):
        if ends[j] > stop:
            break
        yield from by_word.get(text[starts[i] : ends[j]], ())
        if ends[j] == stop:
            break
    if stop == starts[i]:  # a space token: a name that begins with a space
        yield from by_word.get("", ())


def _cut_parenthesis(doc: Doc, start: int, end: int) -> int:
    # "WHO (World Health Organization": the tagger ran over a definition; the name ends before it.
    return next((k for k in range(start + 1, end) if doc[k].text == "("), end)


def _is_title_cased(tokens: list[Token]) -> bool:
    # Word by word: a title the pipeline merged into one token is still several words.
    return is_title_case([w for t in tokens for w in t.text.split()])


def _titles(doc: Doc) -> list[TokenMention]:
    """Titles of works and events the tagger misses or cuts: a Title Case phrase in quotes
    ("Take the Night Train Home"), and the Title Case subject of "… is a 2005 film" or "… was a
    battle" at a sentence's start."""
    found: list[TokenMention] = []
    quotes = [t.i for t in doc if t.is_quote]
    used: set[int] = set()
    for a, b in pairwise(quotes):
        inner = list(doc[a + 1 : b])
        if a in used or not 0 < len(inner) <= _MAX_TITLE or not _is_title_cased(inner):
            continue
        if any(t.is_punct and t.text in {".", "!", "?", ","} for t in inner[:-1]):
            continue  # a quoted sentence, not a title
        end = b if not inner[-1].is_punct else b - 1
        found.append(TokenMention(a + 1, end, "WORK_OF_ART"))
        used.update({a, b})
    covered = {k for m in found for k in range(m.start, m.end)}
    for sent in doc.sents:
        verb = next((t for t in sent[: _MAX_TITLE + 1] if t.lemma_ == "be"), None)
        if verb is None or verb.i <= sent.start:
            continue
        label = next(
            (
                _TITLE_LABELS[c.lemma_.lower()]
                for c in verb.children
                if c.dep_ == "attr" and c.lemma_.lower() in _TITLE_LABELS
            ),
            "",
        )
        start, end = sent.start, verb.i
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
            end -= 1
        tokens = list(doc[start:end])
        if not label or not tokens or any(k in covered for k in range(start, end)):
            continue
        if not _is_title_cased(tokens) or any(t.pos_ in {"PRON", "VERB"} for t in tokens):
            continue
        ents = [e for e in doc.ents if e.start < end and e.end > start]
        if len(ents) == 1 and (ents[0].start, ents[0].end) == (start, end):
            continue  # the tagger has it already
        found.append(TokenMention(start, end, label))
    covered = {k for m in found for k in range(m.start, m.end)}
    for mention in _named_works(doc):
        if not any(k in covered for k in range(mention.start, mention.end)):
            found.append(mention)
    return sorted(found, key=lambda m: m.start)


# Small words a title runs over after a work noun ("her portrait A Couple in Orrin"); a title
# stops at "by", "on", "with", "for" and "from", which more often begin what follows it ("the
# series Vell Street on ABC", "the song Orrin by Ada Lind").
_TITLE_SMALL: Final = frozenset(
    {"of", "the", "a", "an", "and", "in", "at", "to", "or", "de", "la", "le", "du", "des", "di"}
)
_NAME_LABELS: Final = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_TITLED_NOUNS: Final = WORK_CLASSES | {"portrait", "collection", "memoir", "essay", "story"}


def _named_works(doc: Doc) -> list[TokenMention]:
    """The Title Case title after a work noun ("the album Where I Wander", "her portrait, A
    Couple in Orrin,"), where the tagger cut it or read a place inside it."""
    found = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _TITLED_NOUNS:
            continue
        if noun.tag_ in {"NNS", "NNPS"}:
            continue  # "her singles Copper and Tin": a plural lists titles, it names no one
        start = noun.i + 1
        while start < len(doc) and doc[start].text in {",", ":"}:
            start += 1
        end = start
        while end < len(doc) and end - start < _MAX_TITLE and _in_title(doc[end], end > start):
            end += 1
        while end > start and not doc[end - 1].text[:1].isupper():
            end -= 1  # "Murder in Vell in 1998": the title ends at its last capitalised word
        if end - start < 2 or doc[start].is_sent_start:
            continue
        ents = [e for e in doc.ents if e.start < end and e.end > start]
        if any((e.start, e.end) == (start, end) for e in ents):
            continue  # the tagger has it whole
        if any(e.start == start and e.label_ in _NAME_LABELS for e in ents):
            continue  # "the film Gandhi in India": a name, then where
        found.append(TokenMention(start, end, "WORK_OF_ART"))
    return found


def _in_title(word: Token, inside: bool) -> bool:
    capitalised = word.is_alpha and word.text[:1].isupper()
    return capitalised or (inside and word.lower_ in _TITLE_SMALL)


_SAINTS: Final = frozenset({"saint", "st", "st."})


def find_mentions(doc: Doc, names: frozenset[str] = frozenset()) -> list[TokenMention]:
    """Return the entity mentions of ``doc`` in text order, without overlaps.

    Quantities and dates are left out; leading determiners and titles and a trailing
    possessive are trimmed ("the South China Sea's" → "South China Sea"). ``names`` are
    names to find as written even where the tagger finds nothing (a user's alias file).
    """
    taken = [False] * len(doc)
    mentions = _titles(doc)
    for mention in mentions:
        for k in range(mention.start, mention.end):
            taken[k] = True
    for ent in doc.ents:
        if ent.label_ in _NUMERIC:
            continue
        start, end = _trim(doc, ent.start, _cut_parenthesis(doc, ent.start, ent.end), ent.label_)
        if start >= end or any(taken[start:end]):
            continue
        mentions.append(TokenMention(start, end, ent.label_))
        for k in range(start, end):
            taken[k] = True
    mentions.extend(_listed(doc, taken, names))
    mentions.extend(_propn_chunks(doc, taken))
    mentions.sort(key=lambda m: m.start)
    whole = _whole_names(doc, _epithets(doc, _joined(doc, mentions)))
    return [_as_language(doc, m) for m in whole if not _is_generic(doc, m, names)]


# Verbs and nouns a language is the medium of: "sung in French", "its Spanish title".
_IN_A_LANGUAGE: Final = frozenset(
    {
        "write",
        "sing",
        "perform",
        "publish",
        "dub",
        "translate",
        "speak",
        "call",
        "title",
        "record",
        "subtitle",
        "preach",
        "spell",
        "pronounce",
    }
)
_LANGUAGE_NOUNS: Final = frozenset(
    {
        "name",
        "nickname",
        "title",
        "word",
        "term",
        "translation",
        "version",
        "dub",
        "spelling",
        "pronunciation",
        "transliteration",
        "language",
        "phrase",
        "expression",
    }
)
# Words between "(" and a language naming what follows: "(in Old French: …)".
_GLOSS_LEAD: Final = frozenset(
    {",", ";", "in", "from", "simplified", "traditional", "old", "middle", "ancient", "modern"}
)


def _as_language(doc: Doc, mention: TokenMention) -> TokenMention:
    """``mention`` labelled a language where it names one, not a people or a place: "(Greek:
    σουβλάκι)", "(Thai; …)", "German for the skin", "performed in German", "the French
    nickname", "from Greek σχίζειν"."""
    if mention.label not in {"NORP", "LANGUAGE", "GPE", ""}:
        return mention
    text = doc[mention.start : mention.end].text
    after = doc[mention.end] if mention.end < len(doc) else None
    before = doc[mention.start - 1] if mention.start > 0 else None
    head = doc[mention.end - 1]
    gloss = after is not None and after.text in {":", ";"} and _opens_gloss(doc, mention.start)
    if gloss and mention.label != "GPE":
        return TokenMention(mention.start, mention.end, "LANGUAGE", mention.kind, mention.evidence)
    if mention.label not in {"NORP", "LANGUAGE"} and text.lower() not in DEMONYMS:
        return mention
    medium = (
        gloss
        or (after is not None and after.lower_ == "for" and after.head.i != mention.end)
        or (
            head.dep_ == "pobj"
            and head.head.lower_ == "in"
            and head.head.head.lemma_.lower() in _IN_A_LANGUAGE | _LANGUAGE_NOUNS
        )
        or (head.dep_ in {"amod", "compound"} and head.head.lemma_.lower() in _LANGUAGE_NOUNS)
        or (
            before is not None
            and before.lower_ == "from"
            and after is not None
            and any(c.isalpha() and not c.isascii() for c in after.text)
        )
    )
    if not medium:
        return mention
    return TokenMention(mention.start, mention.end, "LANGUAGE", mention.kind, mention.evidence)


def _opens_gloss(doc: Doc, start: int) -> bool:
    """Whether only a few lead words ("in", "simplified", a comma) stand between "(" and
    ``doc[start]``."""
    k = start - 1
    while k >= 0 and start - k <= 3 and doc[k].lower_ in _GLOSS_LEAD:
        k -= 1
    return k >= 0 and doc[k].text == "("


_YEAR: Final = re.compile(r"^(?:1[0-9]|20)\d\d(?:[–—-](?:\d\d|\d{4}))?$")
_ORDINAL: Final = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)


def _whole_names(doc: Doc, mentions: list[TokenMention]) -> list[TokenMention]:
    """Grow names leftwards over words that are part of them: the first part of a hyphenated
    name, a title at the front of a thing's name ("Premier League", "Queen Mary Hospital") and
    the year or number of an edition ("the 2006 Winter Games", "the 42nd Film Awards"):
    editions are different things."""
    out: list[TokenMention] = []
    for mention in mentions:
        start, label = mention.start, mention.label
        while start > 1 and _hyphen_joined(doc, start):
            # "Faure-Favier", "Ajayi-Adeniran": the tagger read the parts apart, or one.
            if out and out[-1].end == start - 1:
                start = out.pop().start
            elif out and out[-1].end > start - 2:
                break
            else:
                start -= 2
        free = start > 0 and not (out and out[-1].end > start - 1)
        if free and _titled_thing(doc, start, mention.end):
            start, label = start - 1, "" if label == "PERSON" else label
        elif free and _edition(doc, start, mention):
            start -= 1
        if start != mention.start:
            mention = TokenMention(start, mention.end, label, mention.kind, mention.evidence)
        out.append(mention)
    return out


def _hyphen_joined(doc: Doc, start: int) -> bool:
    """Whether ``doc[start]`` ends a hyphenated name written without spaces ("Faure-Favier")."""
    hyphen, left = doc[start - 1], doc[start - 2]
    return (
        hyphen.text in {"-", "\N{HYPHEN}"}
        and not hyphen.whitespace_
        and not left.whitespace_
        and left.is_alpha
        and left.text[:1].isupper()
        and doc[start].text[:1].isupper()
    )


def _edition(doc: Doc, start: int, mention: TokenMention) -> bool:
    """Whether the token before ``mention`` is the year or ordinal of an edition of it."""
    before = doc[start - 1].text
    if not (_YEAR.match(before) or _ORDINAL.match(before)):
        return False
    return mention.label == "EVENT" or "event" in name_kinds(doc[start : mention.end].text)


def _titled_thing(doc: Doc, start: int, end: int) -> bool:
    """Whether the capitalised title before ``doc[start:end]`` begins the name of a thing
    ("Queen Mary Hospital", "King Olav Bridge"), the head word of the span saying so."""
    if start == 0 or start >= end:
        return False
    before = doc[start - 1]
    if not before.text[:1].isupper() or before.lower_ not in TITLES | _HONORIFICS | _SAINTS:
        return False
    text = doc[start:end].text
    return bool(name_kinds(text) - {"person"}) and person_name_shape(text) < 2


def _is_generic(doc: Doc, mention: TokenMention, names: frozenset[str]) -> bool:
    """Whether a mention is a title or a class noun rather than a name ("Coach", "Deputy",
    "the Government", "U.S. Representative", "Gold" of a Gold-certified album)."""
    tokens = doc[mention.start : mention.end]
    # "the French Revolution", "the Clean Air Act": the tagger read a name of an event, a law
    # or a work, which class words and demonyms make up.
    if tokens.text in names or mention.label == "NORP":
        return False
    if mention.label in {"EVENT", "LAW", "WORK_OF_ART"} and len(tokens) > 1:
        return False
    words = [t.lower_ for t in tokens if t.is_alpha or "." in t.text]
    if not words:
        return False
    generic = [w for w in words if w in _GENERIC or w in PORTFOLIOS]
    rest = [
        w
        for w in words
        if w not in _GENERIC | PORTFOLIOS and w not in _PLACE_WORDS and w not in DEMONYMS
    ]
    return bool(generic) and not rest


def widen(doc: Doc, mentions: list[TokenMention], names: dict[str, str]) -> list[TokenMention]:
    """Return ``mentions`` grown leftwards to a longer name the same document writes elsewhere.

    ``names`` maps the document's multi-word mention texts to their labels: "Mistral" read
    as an adjective at the start of a sentence still belongs to "Mistral AI".
    """
    covered = {k for m in mentions for k in range(m.start, m.end)}
    out = []
    for mention in mentions:
        for size in (1, 2):
            start = mention.start - size
            between = range(max(start, 0), mention.start)
            if start < 0 or any(k in covered or doc[k].is_punct for k in between):
                break
            text = doc[start : mention.end].text
            if text in names:
                mention = TokenMention(start, mention.end, names[text] or mention.label)
                break
        out.append(mention)
    return out


def mention_index(doc: Doc, mentions: list[TokenMention]) -> list[TokenMention | None]:
    """Return, for each token of ``doc``, the mention covering it (or None)."""
    index: list[TokenMention | None] = [None] * len(doc)
    for mention in mentions:
        for k in range(mention.start, mention.end):
            index[k] = mention
    return index


def demonym_country(token: Token) -> str | None:
    """Return the country a demonym token names ("Chinese" → "China"), or None."""
    return DEMONYMS.get(token.lower_)
