"""Parsed sentences → date extractions: when something was born, founded, released or held.

Reads spaCy tokens and the document's text. It finds the date phrase and what it dates; what
the phrase means (``kg.dates``) and which relation it states for the subject's kind
(``kg.vocabulary``) are the graph side's job. Each extraction's object is the date phrase,
with a ``DATE`` mention, so the linker can tell it from an entity. The rules' base confidences
are in ``kg.extract.emit.RULES`` with the others.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from functools import cache
from importlib import resources
from typing import Final

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.dates import DateMatch, find_dates, find_range
from kg.extract.emit import RULES, Emitter, Sentence
from kg.extract.evidence import is_placed
from kg.extract.mentions import EVENT_CLASSES, WORK_CLASSES, TokenMention
from kg.model import Date, Extraction, Mention, Span

__all__ = [
    "DATE_LABEL",
    "date_words",
    "merge_dates",
    "read_dates",
    "read_lifespans",
    "with_dated_works",
    "without_dates",
]

# The label of a date mention: an extraction's object that is a date, not an entity.
DATE_LABEL: Final = "DATE"
# Prepositions that put a date on a verb: "in 1998", "on 13 March 1963".
_AT: Final = frozenset({"in", "on", "at", "during"})
# Dependency labels of a date phrase hanging directly on its verb: "born 13 March 1963".
_BARE: Final = frozenset({"npadvmod", "tmod", "dobj", "obl", "advmod", "attr", "oprd"})
# Prepositions that open a span of time: "from 1992 to 2002", "between 1937 and 1984".
_SPAN: Final = frozenset({"from", "between", "since"})
_UNTIL: Final = frozenset({"until", "till", "to"})
# Predicates whose date may be a span: held "on 4–5 June", active "from 1944 to 1958".
_SPANNING: Final = frozenset({"happened", "active"})
# A lifespan is some ten to a hundred and ten years: "X (1991–1995)" is a term, not a life.
_LIFE_YEARS: Final = range(10, 111)
# Class nouns a year before them dates as published: "a 1936 film", "their 2009 release X".
_WORK_NOUNS: Final = WORK_CLASSES | {
    "release",
    "recording",
    "record",
    "biography",
    "sequel",
    "collection",
    "compilation",
    "hit",
}
# Nouns that name an event whose date is when it took place: "the Battle of X in 1808".
_EVENT_NOUNS: Final = EVENT_CLASSES | {
    "incident",
    "coup",
    "operation",
    "invasion",
    "massacre",
    "awards",
    "gala",
    "mutiny",
    "offensive",
    "raid",
    "strike",
    "riot",
    "protest",
    "referendum",
    "crisis",
    "tour",
    "earthquake",
    "hurricane",
    "typhoon",
    "cyclone",
    "tsunami",
    "flood",
    "eruption",
    "disaster",
    "scandal",
    "controversy",
    "pageant",
}
# Events that last: one date written for them is when they began ("the Salt War of 1762").
_LASTING: Final = frozenset({"war", "campaign", "rebellion", "insurgency", "occupation"})
_MODIFIER: Final = frozenset({"nummod", "compound", "amod", "nmod", "npadvmod"})
_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass"})
# Predicates that date their subject even when the verb has an object ("died the next day").
_OF_THE_SUBJECT: Final = frozenset({"born", "died", "happened"})
# The kind a date rule's predicate argues its subject is: only works are released, only people
# are born.
_KIND_OF: Final = {
    "released": "work",
    "made": "work",
    "appeared": "work",
    "born": "person",
    "died": "person",
}
# Predicates a date in a document's first sentence is said of its topic with, when the parse
# ties it to nothing named ("X is a microarchitecture that was launched in 2015"), and how
# much less sure that reading is.
_OF_THE_TOPIC: Final = frozenset({"released", "launched", "happened", "began"})
_TOPIC_PENALTY: Final = 0.15
# Predicates that date a work: what they are said of is a work, when the parse allows.
_OF_A_WORK: Final = frozenset({"released", "made"})
# Predicates that date the work their subject appears in, not the subject.
_IN_A_WORK: Final = frozenset({"appeared"})
_RELATIVE_PRONOUNS: Final = frozenset({"which", "who", "that", "whom"})
# Verbs that create what they name ("designated X a national monument on 2 March 1909",
# "the park, declared in 1938"), and only then date it: not "X declared that …", nor
# "X was designated a heritage site" (what X became, not when X began).
_NAMING: Final = frozenset({"designate", "declare", "proclaim"})
# Verbs that give a thing the name a date begins ("became WSSB in 1989", "was renamed the
# Harbour League in 1935"), and what such a name cannot be: a person's ("became Lady Ada").
_RENAMING: Final = frozenset({"become", "rename"})
_NOT_NEW: Final = frozenset({"PERSON"})
# "found" is the past of "find" ("was found dead on 18 May 1980"), whatever lemma the tagger
# gives it; "to found" is written "founded".
_FOUND: Final = frozenset({"found"})
# Complements of a verb that date its subject, as the words of date_words.csv they are do:
# "committed suicide in 1975", "was found dead on 18 May 1980", "gained independence in 1960".
_COMPLEMENTS: Final = frozenset({"suicide", "dead", "independence"})
# Words that stand for the names they follow, each of them: "X and Y, both released in 2010".
_EACH: Final = frozenset({"both", "all", "each"})
# "X (born 5 May 1950 in Y)", "X (1901–1975)", "X (died 1870)", "X (b. 1950)".
# A closing quotation mark may come between a quoted title and its year ('"Autumn" (1997)').
_PARENTHESIS: Final = re.compile(r"[ \t]*[\"'\u201d\u2019]?[ \t]*,?[ \t]*\(([^()\n]{1,120})\)")
# How far past a name a date it begins may run ("May" + " 13, 1998").
_DATE_TAIL: Final = 12
_YEAR_ALONE: Final = re.compile(r"\s*[12][0-9]{3}\s*$")
_BORN: Final = re.compile(r"^\s*(?:born|b\.)\s*", re.IGNORECASE)
# The dash between the two ends of a span: an en or em dash, or a hyphen between digits or
# with spaces around it, or a hyphen between a place and a date ("1901-1975", "1901 - 1975",
# "1815 in Arlon-21 March 1851"; not "Saint-Petersburg").
_DASH: Final = re.compile(r"\s*[–—]\s*|(?<=[0-9])-|\s-\s|(?<=[a-z])-(?=[0-9])")
# The first half of a lifespan opens with its date, maybe approximate ("c. 1680", "about 1780").
_YEARS_FIRST: Final = re.compile(
    r"^\s*(?:c\.|ca\.|circa|about)?\s*(?:[0-9]|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
)
# A date that points back to the year last written: "released that year", "the same year".
_THAT_YEAR: Final = re.compile(r"^(?:that|the same|that same)\s+year$", re.IGNORECASE)
# How far back, in characters, the year "that year" points to may be written.
_LOOK_BACK: Final = 400
# Predicates of a parenthesis that date a life, not a term or a work.
_LIFE: Final = frozenset({"born", "died", "lifespan-start", "lifespan-end"})
# A title written in title case (or quoted) right before a year in parentheses: "Taste of
# Salt (1997)", '"Autumn" (1997)'. Words of a title a capital need not start.
_TITLE_SMALL: Final = r"(?:of|the|a|an|and|in|on|to|for|with|at|by|from|de|la|le|y)"
_TITLE_WORD: Final = r"[A-Z0-9][\w'\u2019\-.!?&]*"
_TITLE_YEAR: Final = re.compile(
    r"(?P<title>[\"\u201c][^\"\u201d\n()]{1,80}[\"\u201d]|"
    + _TITLE_WORD
    + r"(?:\s+(?:"
    + _TITLE_SMALL
    + r"\s+)*"
    + _TITLE_WORD
    + r")*)\s*\((?P<year>[12][0-9]{3})(?:\s*[–—-]\s*(?P<end>[0-9]{2,4}))?\)"
)
_TITLE_WORDS: Final = 8
# How many words after a year its work's class noun may come ("the 1972 Atari arcade game").
_CLASS_WORDS: Final = 4
# Small words inside a title; not "by", which ends one ("the 2010 album X by the band Y").
_SMALL_WORDS: Final = frozenset(_TITLE_SMALL[3:-1].split("|")) - {"by"}
# A place before the date of a half of a lifespan: "(Arlon, 2 June 1663 – Ghent, May 1719)".
_PLACE_FIRST: Final = re.compile(r"\s*[A-Z][^0-9;:()]{0,40}?,\s*")
_DIED: Final = re.compile(r"(?:^|[;,])\s*(?:died|d\.)\s", re.IGNORECASE)


@cache
def date_words() -> dict[str, str]:
    """Return the table of words that date (a lemma → the predicate its date reads as)."""
    text = resources.files("kg").joinpath("data", "date_words.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {
        row["word"].strip(): row["predicate"].strip()
        for row in csv.DictReader(io.StringIO("\n".join(lines)))
    }


def _dating_word(token: Token) -> Token | None:
    """The verb or adjective of date_words.csv a date's preposition hangs on: the token itself,
    or the verb a noun phrase in between belongs to ("published by X in 2010", where the parse
    hangs "in 2010" on X)."""
    words = date_words()
    for _ in range(3):
        if (
            token.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}
            and (token.lemma_.lower() in words or token.lower_ in words)
            and token.lower_ not in _FOUND
        ):
            return token
        if token.dep_ in {"pobj", "dobj"}:
            token = token.head.head if token.dep_ == "pobj" else token.head
        else:
            return None
    return None


def _names_into_being(verb: Token) -> bool:
    """Whether a verb of ``_NAMING`` creates what it names: it has a direct object or is
    passive, and no complement saying what its object was made ("as a reserve", "a site",
    "that …")."""
    deps = {c.dep_ for c in verb.children}
    if deps & {"oprd", "xcomp", "ccomp", "attr"}:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return False
    return "dobj" in deps or "nsubjpass" in deps or verb.dep_ in {"acl", "relcl"}


def _new_name(em: Emitter, verb: Token) -> Token | None:
    """The name a verb of ``_RENAMING`` gives its subject or object ("became WSSB", "was
    renamed (as) the Harbour League"), when it is a name: not "became a member", nor a
    title the tagger left out ("became Prime Minister")."""
    if verb.lemma_.lower() not in _RENAMING:
        return None
    for child in verb.children:
        named = child
        if child.dep_ == "prep" and child.lower_ in {"as", "to"}:
            named = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ not in {"attr", "oprd"}:
            continue
        mention = em.mention(named)
        if named.pos_ == "PROPN" and mention is not None and mention.label not in _NOT_NEW:
            return named
    return None


def _dating_complement(verb: Token) -> Token | None:
    """The object or complement of a verb that is no word of date_words.csv itself, when the
    complement is one of ``_COMPLEMENTS`` ("committed suicide", "found dead", "gained
    independence"): what a date on the verb is the date of."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in {"dobj", "oprd", "acomp"} and c.lemma_.lower() in _COMPLEMENTS
        ),
        None,
    )


def _subject(verb: Token) -> Token | None:
    """The subject of a verb: its own, the noun a participle or relative clause modifies, or
    the subject of the clause it is coordinated with or subordinate to. Of a noun ("X's death
    in 1898", "the founding of X in 1998"): its possessor, or what follows "of"."""
    if verb.pos_ == "NOUN":
        for child in verb.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None
    seen = set()
    while verb.i not in seen:
        seen.add(verb.i)
        # Of two subjects the parse gives (an apposition before the clause taken for one:
        # "On 18 May 1980, the eve of the tour, Lind was found dead"), the nearer.
        own = max(
            (c for c in verb.children if c.dep_ in _SUBJECTS),
            key=lambda c: (c.i < verb.i, c.i if c.i < verb.i else -c.i),
            default=None,
        )
        if own is not None:
            if own.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return own
        if verb.dep_ in {"acl", "relcl", "amod"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return verb.head
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i > verb.head.i:
            # "He directed the film X, released in 2008": a participle after the clause
            # describes its object.
            thing = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if thing is not None:
                return thing
        if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def _named(em: Emitter, token: Token) -> Token | None:
    """The token naming what a subject is about: a name, a pronoun or a definite noun phrase
    (coreference may tell what it stands for), or the name a class noun describes ("X is a
    company founded in 1998": X)."""
    if token.lower_ in _EACH and token.i > 1 and token.doc[token.i - 1].text == ",":
        # "X and Y, both released in 2010": the first of the names before it, the others
        # with it.
        named = token.doc[token.i - 2]
        mention = em.mention(named)
        if mention is None or mention.end != named.i + 1:
            return None
        named = token.doc[mention.start : mention.end].root
        while named.dep_ == "conj" and named.head.i < named.i:
            named = named.head
        return named if named.conjuncts and em.mention(named) is not None else None
    if em.mention(token) is not None or token.pos_ == "PRON":
        return token
    if token.pos_ == "PROPN" and token.dep_ in _SUBJECTS and _bare_name(token) is not None:
        return token  # a name the tagger missed: "Tyo was released in 2011"
    if token.pos_ != "NOUN":
        return None
    if token.dep_ in {"attr", "oprd"}:
        subject = _subject(token.head)
        return _named(em, subject) if subject is not None and subject.i != token.i else None
    if token.dep_ == "appos" and em.mention(token.head) is not None:
        return token.head
    # "its debut album, X", "the film X": the name beside the class noun.
    for child in token.children:
        if child.dep_ in {"appos", "compound"} and child.i > token.i and em.mention(child):
            return child
    if token.lemma_.lower() in _WORK_NOUNS and (after := _name_after(em, token)) is not None:
        return after  # 'his first book, "Salt Roads",' however the parse hangs the name
    if any(c.lower_ in {"the", "this"} for c in token.children if c.dep_ == "det"):
        return token
    return None


def _name_after(em: Emitter, noun: Token) -> Token | None:
    """The name written right after a class noun, a comma and a quotation mark aside."""
    doc, i, end = noun.doc, noun.i + 1, em.sentence.span.end
    if i < end and doc[i].text == ",":
        i += 1
    if i < end and doc[i].is_quote:
        i += 1
    mention = em.mention(doc[i]) if i < end else None
    if mention is None or mention.start != i:
        return None
    return doc[mention.start : mention.end].root


def _event(em: Emitter, token: Token) -> Token | None:
    """The token itself if it names an event: a name the tagger calls an event or one headed by
    an event noun ("the Battle of X", "Operation Y"), or an event noun with a name of its own."""
    mention = em.mention(token)
    if mention is not None:
        words = {t.lemma_.lower() for t in token.doc[mention.start : mention.end]}
        if mention.label == "EVENT" or words & _EVENT_NOUNS:
            return token
        return None
    if token.pos_ == "NOUN" and token.lemma_.lower() in _EVENT_NOUNS:
        named = _work_named(em, token)
        return named if named is not None and em.mention(named) is not None else token
    return None


def _emit_event(em: Emitter, event: Token, ent: SpacySpan, relation: str) -> None:
    """A date on an event: when it took place, or when it began and ended."""
    span = find_range(ent.text)
    if span is not None:
        _emit(em, "date-event", event, relation, "span-start", _date_span(em, ent, span[0]))
        _emit(em, "date-event", event, relation, "span-end", _date_span(em, ent, span[1]))
        return
    found = find_dates(ent.text)
    if len(found) == 1:
        held = "began" if _lasting(em, event) else "held"
        _emit(em, "date-event", event, relation, held, _date_span(em, ent, found[0]))


def _lasting(em: Emitter, event: Token) -> bool:
    """Whether ``event`` names an event that lasts (a war, a campaign): one date written for it
    says when it began ("the Harbour War of 1832")."""
    mention = em.mention(event)
    words = (
        {t.lemma_.lower() for t in event.doc[mention.start : mention.end]}
        if mention is not None
        else {event.lemma_.lower()}
    )
    return bool(words & _LASTING)


def _year_before(em: Emitter, ent: SpacySpan) -> list[DateMatch]:
    """The year "that year" or "the same year" points back to: the year of the last date
    written before it, in its sentence or the few before ("released in March 1978 … that
    year"), as a match relative to ``ent`` (so before its start); none if no date is near."""
    begin = em.sentence.offset + ent.start_char
    start = max(0, begin - _LOOK_BACK)
    before = [m for m in find_dates(em.sentence.text[start:begin]) if isinstance(m.value, Date)]
    if not before:
        return []
    last = before[-1]
    written = em.sentence.text[start + last.start : start + last.end]
    year = re.search(r"[12][0-9]{3}", written)
    if year is None:
        return []
    at = start + last.start + year.start() - begin
    return [DateMatch(at, at + 4, Date(int(year.group(0))))]


def _work_named(em: Emitter, noun: Token) -> Token | None:
    """The name a class noun describes: "X is a 1936 film", "X, a 1936 film", "the 1977 album X"."""
    if noun.dep_ in {"attr", "oprd"}:
        return _subject(noun.head)
    if noun.dep_ == "appos":
        return noun.head
    for child in noun.children:
        if child.dep_ in {"appos", "compound"} and child.i > noun.i and em.mention(child):
            return child
    if noun.dep_ in {"compound", "nmod"} and noun.head.i > noun.i and em.mention(noun.head):
        return noun.head  # "her 1928 novel Blanche Rue", where the noun modifies the name
    return None


def _work_of_phrase(em: Emitter, noun: Token, participle: Token) -> Token | None:
    """The work noun a phrase ending in ``noun`` is headed by, when ``participle`` follows the
    phrase after a comma, or the phrase names who made the work ("a novel by the writer Y
    first published …"), and ``noun`` itself is no work ("an album by the band Y, released
    …": album); None otherwise."""
    before = participle.doc[participle.i - 1] if participle.i > 0 else None
    comma = before is not None and before.text == ","
    mention = em.mention(noun)
    if (mention is not None and mention.label == "WORK_OF_ART") or (
        noun.lemma_.lower() in _WORK_NOUNS
    ):
        return None
    maker = False
    for _ in range(6):
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            maker = maker or noun.head.lower_ == "by"
            noun = noun.head.head
        elif noun.dep_ in {"appos", "compound", "conj"}:
            noun = noun.head
        else:
            return None
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in _WORK_NOUNS:
            return noun if comma or maker else None
    return None


def _described(em: Emitter, noun: Token, adjective: Token) -> Token | None:
    """The subject of the copula whose complement a phrase ending in ``noun`` is, when
    ``adjective`` follows the phrase after a comma ("X was a command of the Y Navy, active
    from 1944": X); None otherwise, or when that subject is a person (whose membership the
    words may tell of: "she was a member of the Y band, active from 1990")."""
    if adjective.i == 0 or adjective.doc[adjective.i - 1].text != ",":
        return None
    climbed = False
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.dep_ == "prep":
        noun, climbed = noun.head.head, True
    if not climbed or noun.dep_ != "attr":
        return None
    subject = _subject(noun.head)
    mention = em.mention(subject) if subject is not None else None
    if mention is None or mention.label == "PERSON":
        return None
    return subject


def _owned_work(em: Emitter, year: Token, name: Token) -> bool:
    """Whether ``year`` dates the name ``name`` it modifies as a work: a name the tagger calls a
    work, or one with an owner before the year ("Lind's 1986 Harbour Lights"); not an event
    or place whose name holds a year ("the 1992 Harbour Games")."""
    mention = em.mention(name)
    if mention is None or name.pos_ != "PROPN" or mention.start != year.i + 1:
        return False
    if mention.label in {"WORK_OF_ART", "LAW"}:
        return True  # "the 1936 film X", "the 1787 Harbour Ordinance"
    owner = year.doc[year.i - 1] if year.i > 0 else None
    return (
        owner is not None
        and owner.tag_ == "POS"
        and mention.label not in {"EVENT", "GPE", "LOC", "FAC", "NORP"}
    )


def _name_before_relative(em: Emitter, verb: Token) -> Token | None:
    """The name written right before the relative pronoun that is the subject of the passive
    ``verb``, with only a comma (and a closing quotation mark) between them ("\"Salt\", which
    was …")."""
    pronoun = next(
        (c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ in {"which", "that"}),
        None,
    )
    if pronoun is None or pronoun.i < 2 or pronoun.doc[pronoun.i - 1].text != ",":
        return None
    named = pronoun.doc[pronoun.i - 2]
    if named.is_quote and named.i > 0:
        named = pronoun.doc[named.i - 1]
    mention = em.mention(named)
    if mention is None or mention.end != named.i + 1:
        return None
    return pronoun.doc[mention.start : mention.end].root


def _title_after_class(em: Emitter, year: Token) -> tuple[int, int] | None:
    """The tokens of the name a year and a work's class noun stand before, read in the order
    they are written whatever the parse made of them: "the 1972 arcade game Pong", "her 2004
    debut album Where I Stand", "Lind's 2002 single \"Lanterns\"", "a 1978 sequel, Tin Roads".
    Only modifiers may come between the year and the class noun (no article, preposition or
    verb), and the name is a name the tagger found or words written as a title."""
    doc, end = year.doc, em.sentence.span.end
    i = year.i + 1
    if i < end and doc[i].lower_ in {"'s", "’s"}:
        return None  # "1987's Salt Roads" is the possessive rule's
    noun = None
    for k in range(i, min(i + _CLASS_WORDS, end)):
        token = doc[k]
        if token.pos_ in {"NOUN", "ADJ"} and token.lemma_.lower() in _WORK_NOUNS:
            if token.tag_ in {"NNS", "NNPS"}:
                return None  # "the 1998 singles X and Y": one year, several works
            noun = k
            if k + 1 < end and doc[k + 1].lemma_.lower() in _WORK_NOUNS:
                continue  # "the 1966 feature film X": the last class noun
            break
        if token.pos_ not in {"NOUN", "ADJ", "PROPN", "PART", "NUM"} and token.text != "-":
            return None
    if noun is None:
        return None
    i = noun + 1
    if i < end and doc[i].text == ",":
        i += 1
    if i < end and doc[i].is_quote:
        i += 1
    if i >= end:
        return None
    mention = em.mention(doc[i])
    if mention is not None:
        return (mention.start, mention.end) if mention.start == i else None
    stop = i
    while stop < end and stop - i < _TITLE_WORDS:
        token = doc[stop]
        titled = token.text[:1].isupper() or (token.like_num and not _YEAR_ALONE.match(token.text))
        if not (titled or (stop > i and token.lower_ in _SMALL_WORDS)) or token.ent_type_ == "DATE":
            break
        stop += 1
    while stop > i and doc[stop - 1].lower_ in _SMALL_WORDS:
        stop -= 1
    if stop == i or doc[i].pos_ == "PRON":
        return None
    return i, stop


def _emit_title(em: Emitter, name: tuple[int, int], relation: str, date: Span) -> None:
    """A work's date said of the name tokens ``name``, which the class noun before it argues
    is a work's, whatever the tagger took it for ("the 1973 collection East of No Harbour")."""
    subject = em.sentence.char_span(*name)
    found = em.mention(em.sentence.span.doc[name[0]])
    label = found.label if found is not None and (found.start, found.end) == name else ""
    confidence = RULES["date-modifier"]
    em.out.append(
        Extraction(
            doc=em.sentence.doc_name,
            sentence=em.sentence_span,
            subject=subject,
            relation=relation,
            object=date,
            predicate="dated",
            rule="date-modifier",
            confidence=confidence,
            subject_mention=Mention(
                subject.text, subject.start, subject.end, label, "work", "dated"
            ),
            object_mention=Mention(date.text, date.start, date.end, DATE_LABEL),
        )
    )


def _opening_topic(em: Emitter) -> Token | None:
    """The name a document's first sentence is about, when it is a copula's subject ("X is a
    microarchitecture that was launched in 2015"): what a date in that sentence is said of,
    where the parse ties it to nothing named. None in any other sentence."""
    span = em.sentence.span
    if em.sentence.offset != 0 or span.start != 0:
        return None
    root = span.root
    if root.lemma_ != "be":
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        # "Across the Dark Waters is a novel …", where the parse reads the title as a phrase
        # of its own: the name the sentence opens with, if it ends before the copula.
        opening = em.mention(span[0])
        if opening is None or opening.start != span.start or opening.end > root.i:
            return None
        return span.doc[opening.end - 1]
    if subject.pos_ == "PRON":
        return None
    return subject if em.mention(subject) is not None or _bare_name(subject) else None


def _bare_name(token: Token) -> SpacySpan | None:
    """The proper noun ``token`` heads with the proper nouns before it ("Tin Roads"), when the
    tagger found no name there and it is written as one (capitalised, no quotation marks)."""
    start = token.i
    while (
        start > 0
        and token.doc[start - 1].pos_ == "PROPN"
        and token.doc[start - 1].dep_
        in {
            "compound",
            "flat",
        }
    ):
        start -= 1
    span = token.doc[start : token.i + 1]
    if not all(t.text[:1].isupper() or t.text[:1].isdigit() for t in span):
        return None
    if any(t.ent_type_ for t in span):
        return None
    return span


def _named_after_year(em: Emitter, ent: SpacySpan) -> Token | None:
    """The name a year written in the possessive stands before, as the year it came out in
    ("1987's Salt Roads", "their next album, 1987's Salt Roads"), whatever the parse made of
    it; None if ``ent`` is not such a year."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in {"'s", "’s"}:
        return None
    if not _YEAR_ALONE.match(ent.text):
        return None
    after = doc[ent.end + 1]
    mention = em.mention(after)
    if mention is None or mention.start != after.i:
        return None
    if mention.label in {"EVENT", "GPE", "LOC", "FAC", "NORP", "PERSON"}:
        return None
    return doc[mention.start : mention.end].root


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in {"dobj", "ccomp"} for c in verb.children)


def _emit(
    em: Emitter,
    rule: str,
    subject: Token,
    relation: str,
    predicate: str,
    date: Span,
    penalty: float = 0.0,
    argue: bool = True,
    kind: str = "",
) -> None:
    """Add a date extraction of ``subject``; ``kind`` is the kind the words around it argue,
    where the predicate does not ("the 1973 collection X": a work)."""
    confidence = RULES[rule] - penalty - 0.05 * (subject.pos_ == "PRON")
    mention = em.sentence.mention_at(subject)
    bare = _bare_name(subject) if mention is None and subject.pos_ == "PROPN" else None
    if bare is not None:
        span = em.sentence.char_span(bare.start, bare.end)
        mention = Mention(span.text, span.start, span.end, "")
    kind = kind or _KIND_OF.get(predicate, "")
    if kind == "work" and subject.dep_ == "nsubj" and _has_object(subject.head):
        # "X announced on 15 May that …": the date is the announcement's, and X its maker.
        if any(c.dep_ == "ccomp" for c in subject.head.children):
            return
        kind = ""
    if mention is not None and kind and argue:
        # What is released is a work, who is born a person: the date argues a kind.
        mention = dataclasses.replace(mention, kind=kind, evidence="date")
    em.out.append(
        Extraction(
            doc=em.sentence.doc_name,
            sentence=em.sentence_span,
            subject=em.span_of(subject),
            relation=relation,
            object=date,
            predicate=predicate,
            rule=rule,
            confidence=round(confidence, 3),
            subject_mention=mention,
            object_mention=Mention(date.text, date.start, date.end, DATE_LABEL),
        )
    )


def _date_span(em: Emitter, ent: SpacySpan, found: DateMatch) -> Span:
    start = em.sentence.offset + ent.start_char + found.start
    end = em.sentence.offset + ent.start_char + found.end
    return Span(em.sentence.text[start:end], start, end)


def read_dates(sentence: Sentence) -> list[Extraction]:
    """Return the date extractions of one parsed sentence: each date phrase the tagger found
    with the verb or class noun it hangs on, read against the entity it dates."""
    em = Emitter(sentence)
    words = date_words()
    for ent in _entities(sentence.span):
        if ent.label_ != "DATE":
            continue
        found = find_dates(ent.text)
        if not found and _THAT_YEAR.match(ent.text):
            found = _year_before(em, ent)
        if not found:
            continue
        head = ent.root
        named_after = _named_after_year(em, ent)
        if named_after is not None:
            if len(found) == 1:
                written = f"{ent.text}{sentence.span.doc[ent.end].text}"
                date = _date_span(em, ent, found[0])
                _emit(em, "date-modifier", named_after, written, "dated", date, kind="work")
            continue
        # The last date of a phrase of several ("1 May 2004, 2005") is the one the head is.
        if head.dep_ == "pobj" and head.head.lower_ in _AT | _SPAN | _UNTIL | {"of"}:
            governor, how = head.head.head, head.head.lower_
            event = _event(em, governor)
            if event is None and governor.pos_ in {"VERB", "AUX"} and how != "of":
                # "losing the Battle of X in April 1834": the event the verb is about.
                event = next(
                    (
                        e
                        for c in governor.children
                        if c.dep_ in {"dobj", "nsubjpass"}
                        for e in [_event(em, c)]
                        if e is not None
                    ),
                    None,
                )
            if event is None and governor.pos_ == "VERB" and _dating_word(governor) is None:
                # "injured at the Battle of X in 1917", "destroyed by Hurricane Y in 1961":
                # where or by what it happened dates the event.
                event = next(
                    (
                        e
                        for c in governor.children
                        if (c.dep_ == "prep" and c.lower_ in {"at", "during"}) or c.dep_ == "agent"
                        for o in c.children
                        if o.dep_ == "pobj"
                        for e in [_event(em, o)]
                        if e is not None and em.mention(o) is not None
                    ),
                    None,
                )
            if event is not None:
                _emit_event(em, event, ent, head.head.text)
                continue
            law = em.mention(governor)
            if how == "of" and law is not None and law.label == "LAW" and len(found) == 1:
                # "the Harbour Act of 1916": a law is dated by the year it was passed.
                date = _date_span(em, ent, found[0])
                _emit(em, "date-modifier", governor, f"of {ent.text}", "dated", date)
                continue
            if how == "of":
                continue
        elif head.dep_ in _BARE:
            governor, how = head.head, ""
        elif head.dep_ in _MODIFIER | {"poss"} and head.i < head.head.i:
            noun = head.head
            while (
                noun.dep_ in {"compound", "nmod"}
                and noun.head.pos_ == "NOUN"
                and noun.head.i > noun.i
            ):
                noun = noun.head
            named: Token | None = None
            kind = ""
            if head.dep_ == "poss" and em.mention(noun) is not None:
                named, kind = noun, "work"  # "1987's X": a work, whatever the tagger says
            elif _owned_work(em, head, noun):
                named = noun  # "Lind's 1986 Harbour Lights"

            elif noun.pos_ in {"NOUN", "ADJ"} and noun.lemma_.lower() in _WORK_NOUNS:
                named, kind = _work_named(em, noun), "work"
            elif noun.pos_ == "NOUN" and noun.lemma_.lower() in _EVENT_NOUNS:
                # "a failed 1355 coup"; not "the 1992 Harbour Games", where the year is a
                # part of the name.
                if (event := _event(em, noun)) is not None and em.mention(noun) is None:
                    _emit_event(em, event, ent, noun.text)
                continue
            named = _named(em, named) if named is not None else None
            if named is not None and len(found) == 1:
                _emit(
                    em,
                    "date-modifier",
                    named,
                    f"{ent.text} {noun.text}",
                    "dated",
                    _date_span(em, ent, found[0]),
                    kind=kind,
                )
            elif len(found) == 1 and _YEAR_ALONE.match(ent.text):
                # "her 2004 debut album Where I Stand", however the parse hangs it together
                title = _title_after_class(em, sentence.span.doc[ent.end - 1])
                if title is not None:
                    date = _date_span(em, ent, found[0])
                    relation = sentence.span.doc[ent.start : title[0]].text.rstrip(' ,"“')
                    _emit_title(em, title, relation, date)
            continue
        else:
            continue
        if len(found) == 1 and (renamed := _new_name(em, governor)) is not None:
            # "It became WSSB in 1989", "renamed the Harbour League in 1935": the name is new.
            date = _date_span(em, ent, found[0])
            _emit(em, "date-clause", renamed, f"{governor.text} {how}".strip(), "founded", date)
            continue
        word = _dating_word(governor)
        complement = _dating_complement(governor) if word is None else None
        if word is not None:
            governor = word
        elif complement is not None:
            # "X committed suicide in 1975", "X was found dead on 18 May 1980", "X gained
            # independence in 1960": the verb's complement says what the date is of X.
            word = complement
        else:
            continue
        predicate = words.get(word.lemma_.lower()) or words[word.lower_]
        if word.lemma_.lower() in _NAMING and not _names_into_being(word):
            continue
        subject = _subject(governor)
        if predicate in _SPANNING and subject is not None:
            # "X was a command of the Y Navy, active from 1944 to 1958": X was.
            subject = _described(em, subject, governor) or subject
        # "The band released its album X in 1999": what is released, founded or closed is
        # the object of an active verb.
        thing = next((c for c in governor.children if c.dep_ == "dobj"), None)
        if complement is not None:
            thing = None
        if thing is not None and predicate not in _OF_THE_SUBJECT and thing.i != head.i:
            subject = thing
        if predicate in _OF_A_WORK and subject is not None and governor.dep_ == "acl":
            # "X is an album by the band Y, released in 1986": a participle set off by a
            # comma after a phrase tells of the work the phrase is about, not of its last noun.
            subject = _work_of_phrase(em, subject, governor) or subject
        if predicate not in _IN_A_WORK and (subject is None or _named(em, subject) is None):
            # "the band's first single, \"Salt\", which was released in 1981", "the league
            # of Ostra, which was founded in 1920": the name the relative clause follows,
            # wherever the parse hangs the clause.
            subject = _name_before_relative(em, governor) or subject
        if predicate in _IN_A_WORK:
            # "In 2007 she starred in the film X": an appearance dates the work it is in.
            subject = next(
                (
                    o
                    for c in governor.children
                    if c.dep_ == "prep" and c.lower_ in {"in", "on"}
                    for o in c.children
                    if o.dep_ == "pobj" and o.i != head.i
                ),
                None,
            )
        subject = _named(em, subject) if subject is not None else None
        penalty = 0.0
        if subject is None and predicate in _OF_THE_TOPIC:
            subject, penalty = _opening_topic(em), _TOPIC_PENALTY
        if subject is None:
            continue
        relation = f"{governor.text} {how}".strip()
        span = find_range(ent.text)
        if span is not None and predicate in _SPANNING:
            _emit(em, "date-clause", subject, relation, "began", _date_span(em, ent, span[0]))
            _emit(em, "date-clause", subject, relation, "ended", _date_span(em, ent, span[1]))
        elif len(found) == 1 and how in _SPAN | _UNTIL:
            # "existed from 1708", "active until 1984", "broadcast since 1980": a work that
            # has been out since a date has run since then.
            if predicate in _SPANNING:
                bound = "began" if how in _SPAN else "ended"
                _emit(em, "date-clause", subject, relation, bound, _date_span(em, ent, found[0]))
            elif predicate in _OF_A_WORK | _IN_A_WORK:
                bound = "run-began" if how in _SPAN else "run-ended"
                _emit(em, "date-clause", subject, relation, bound, _date_span(em, ent, found[0]))
        elif len(found) == 1:
            if predicate == "happened" and _lasting(em, subject):
                predicate = "began"  # "the war took place in 1827"
            date = _date_span(em, ent, found[0])
            _emit(em, "date-clause", subject, relation, predicate, date, penalty, not penalty)
            for other in subject.conjuncts:
                # "X and Y were released in 1996": the date is each one's.
                if em.mention(other) is not None and not penalty:
                    _emit(em, "date-clause", other, relation, predicate, date)
    return em.out


def merge_dates(extractions: list[Extraction], dates: list[Extraction]) -> list[Extraction]:
    """Return a sentence's extractions with its date extractions merged in: a date extraction
    takes the place of a clause's reading of the same subject whose object is that date, cut
    short or not ("released on | May 5" for "released on May 5, 2004"), keeping the clause's
    relation words and arguments; any other is added. A reading whose object names an
    entity is kept. The merged reading states the date as sure as the date rule is, under its
    name, unless the clause has arguments of its own ("born on 13 March 1963 | in Leeds"): those
    keep the clause's rule and confidence, which the edges they give are measured by."""
    out = list(extractions)
    for date in dates:
        for k, ex in enumerate(out):
            mention = ex.object_mention
            if (
                ex.subject == date.subject
                and ex.object_mention is not date.object_mention
                and ex.object.start < date.object.end
                and date.object.start < ex.object.end
                and (
                    mention is None
                    or date.object.start <= mention.start < mention.end <= date.object.end
                )
                and (mention is None or mention.label != DATE_LABEL)
            ):
                argued = date.subject_mention is not None and date.subject_mention.kind
                # A weak clause reading ("participle", "apposition") of a date the date rules
                # read surely would otherwise state it as weakly as the clause.
                dated = not ex.args
                out[k] = dataclasses.replace(
                    ex,
                    object=date.object,
                    object_mention=date.object_mention,
                    predicate=date.predicate,
                    subject_mention=date.subject_mention if argued else ex.subject_mention,
                    rule=date.rule if dated else ex.rule,
                    confidence=date.confidence if dated else ex.confidence,
                )
                break
        else:
            out.append(date)
    return out


def _entities(span: SpacySpan) -> list[SpacySpan]:
    """The named entities wholly inside ``span``, as ``span.ents`` gives them, read from its
    own tokens: ``Span.ents`` goes through every entity of the Doc, for each sentence of a
    block that may hold hundreds."""
    doc, out, i = span.doc, [], span.start
    while i < span.end:
        token = doc[i]
        if token.ent_iob_ != "B" or not token.ent_type_:
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= span.end:
            out.append(SpacySpan(doc, i, end, label=token.ent_type))
        i = end
    return out


def without_dates(doc: Doc, mentions: list[TokenMention]) -> list[TokenMention]:
    """Return ``mentions`` without those that are a date and nothing else ("05/06/2007",
    "March 1998", which the tagger sometimes takes for a name): a date is a value, not a node."""
    out = []
    whole = doc.text  # Doc.text joins every token: once per block, not once per mention
    for mention in mentions:
        text = doc[mention.start : mention.end].text
        found = find_dates(text)
        if len(found) == 1 and not (text[: found[0].start] + text[found[0].end :]).strip(" ,."):
            continue
        # "May" of "May 1998": the start of a date the name was cut from.
        begin = doc[mention.start].idx
        around = find_dates(whole[begin : begin + len(text) + _DATE_TAIL])
        if around and around[0].start == 0 and around[0].end >= len(text):
            continue
        out.append(mention)
    return out


def with_dated_works(
    mentions: list[TokenMention], doc: Doc, text: str, offset: int
) -> list[TokenMention]:
    """Return ``mentions`` with those followed by a year alone in parentheses ("Tin Harbour
    (1990)", "the album X (2000)") argued to be works, where nothing argued their kind yet and
    the name is no event's ("the Battle of X (1808)" is dated as held, not as published);
    ``offset`` is where ``doc`` starts in ``text``, as for ``read_lifespans``."""
    out = []
    for mention in mentions:
        last = doc[mention.end - 1]
        match = _PARENTHESIS.match(text, offset + last.idx + len(last.text))
        if (
            match is not None
            and _YEAR_ALONE.match(match.group(1))
            and mention.kind in {"", "organization"}
            and mention.evidence in {"", "coordinated"}
            and mention.label not in {"GPE", "LOC", "FAC", "NORP", "EVENT"}
            and not {t.lemma_.lower() for t in doc[mention.start : mention.end]} & _EVENT_NOUNS
            and not is_placed(doc, mention)
        ):
            mention = dataclasses.replace(mention, kind="work", evidence="dated")
        out.append(mention)
    return out


def read_lifespans(
    doc: Doc, mentions: list[TokenMention], text: str, offset: int, doc_name: str
) -> list[Extraction]:
    """Return the dates written in a parenthesis right after a name: a lifespan ("X (1901–1975)",
    "X (born 13 March 1963 in Y)", "X, (1820 in Y – 5 May 1890 in Z)", "X (died 1870)"), or a
    work's or event's date ("the album X (2000)"). A parenthesis of other words before it
    ("X (Arabic: …) (1901–1975)") is passed over.

    ``offset`` is where ``doc`` starts in ``text``: the parenthesis may have been blanked out of
    the parse (``kg.extract.segment``), so it is read from the original text.
    """
    out: list[Extraction] = []
    for mention in mentions:
        last = doc[mention.end - 1]
        after = offset + last.idx + len(last.text)
        match = _PARENTHESIS.match(text, after)
        read: list[tuple[str, str, DateMatch]] = []
        while match is not None:
            read = list(_parenthesis_dates(match.group(1)))
            if read:
                break
            match = _PARENTHESIS.match(text, match.end())
        if match is None:
            continue
        sent = doc[mention.start].sent
        begin = offset + doc[sent.start].idx
        stop = offset + doc[sent.end - 1].idx + len(doc[sent.end - 1].text)
        sentence = Span(text[begin:stop], begin, stop)
        inner, base = match.group(1), match.start(1)
        for predicate, rule, found in read:
            named = mention
            if predicate in _LIFE:
                named = _life_of(doc, mentions, mention)
            first = offset + doc[named.start].idx
            last = doc[named.end - 1]
            end = offset + last.idx + len(last.text)
            subject = Span(text[first:end], first, end)
            date = Span(
                text[base + found.start : base + found.end], base + found.start, base + found.end
            )
            # A life is a person's: the lifespan argues the kind, as the parse would.
            kind, evidence = ("person", "lifespan") if predicate in _LIFE else ("", "")
            out.append(
                Extraction(
                    doc=doc_name,
                    sentence=sentence,
                    subject=subject,
                    relation=f"({inner})",
                    object=date,
                    predicate=predicate,
                    rule=rule,
                    confidence=RULES[rule],
                    subject_mention=Mention(
                        subject.text, subject.start, subject.end, named.label, kind, evidence
                    ),
                    object_mention=Mention(date.text, date.start, date.end, DATE_LABEL),
                )
            )
    titles = _untagged_titles(doc, mentions, text, offset, doc_name, out)
    longer = {e.object.start for e in titles}
    # A title read whole takes the place of the end of it the tagger found ("Salt").
    return [e for e in out if e.predicate != "dated" or e.object.start not in longer] + titles


def _untagged_titles(
    doc: Doc,
    mentions: list[TokenMention],
    text: str,
    offset: int,
    doc_name: str,
    read: list[Extraction],
) -> list[Extraction]:
    """The year in parentheses after a title the tagger missed or cut short ("directing Taste
    of Salt (1997)", where it found only "Salt"), or the years of its run ("So Haunt Ada
    (1992–94)"): the title-case words before them are the work's name. Names with an event's
    noun are left to the event rules, and a span as long as a life to the lifespan rules."""
    out: list[Extraction] = []
    dated = {e.object.start for e in read}
    ends = {offset + doc[m.end - 1].idx + len(doc[m.end - 1].text): m for m in mentions}
    for sent in doc.sents:
        begin = offset + sent.start_char
        stop = offset + sent.end_char
        for match in _TITLE_YEAR.finditer(text, begin, stop):
            title = match.group("title").strip('"“”')
            year_at = match.start("year")
            first = match.start("title") + (match.group("title") != title)
            last = first + len(title)
            words = {w.lower() for w in title.split()}
            if words & _EVENT_NOUNS or not title or len(words) > _TITLE_WORDS:
                continue
            known = ends.get(last)
            if year_at in dated and (known is None or offset + doc[known.start].idx <= first):
                continue  # read already, under the whole name
            inner = text[year_at : match.end() - 1]
            found = [(predicate, m) for predicate, _, m in _part_dates(inner)]
            if match.group("end") is None:
                found = [("dated", DateMatch(0, 4, Date(int(match.group("year")))))]
            elif year_at in dated or any(p.startswith("lifespan") for p, _ in found):
                # "Lena Varga (1901–1975)": a life, and so a person's; "Admiral Ada Lind
                # (1944–45)", read under the name the tagger found: a term, not a work's run.
                continue
            sentence = Span(text[begin:stop], begin, stop)
            subject = Span(title, first, last)
            for predicate, at in found:
                # "So Haunt Ada (1992–94)": a work's run, as for a name the tagger found.
                date = Span(inner[at.start : at.end], year_at + at.start, year_at + at.end)
                out.append(
                    Extraction(
                        doc=doc_name,
                        sentence=sentence,
                        subject=subject,
                        relation=f"({inner})",
                        object=date,
                        predicate=predicate,
                        rule="date-parenthesis",
                        confidence=RULES["date-parenthesis"],
                        subject_mention=Mention(title, first, last, "", "work", "dated"),
                        object_mention=Mention(date.text, date.start, date.end, DATE_LABEL),
                    )
                )
    return out


def _life_of(doc: Doc, mentions: list[TokenMention], mention: TokenMention) -> TokenMention:
    """Whose life a lifespan after ``mention`` is: the name its sentence opens with (a title
    before it aside) when ``mention`` only describes it ("Sir Ada Lind, 2nd Baronet (…)",
    "Ada Lind, OBE (born 1950)", "Ada Lind, née Berg (…)"), else ``mention`` itself. Only
    words of the same noun phrase may come between: no verb and no "and" ("Ada and Eve
    Lind (born …)")."""
    sent = doc[mention.start].sent
    opening = next((m for m in mentions if sent.start <= m.start < mention.start), None)
    if opening is None or opening.end > mention.start:
        return mention
    before = doc[sent.start : opening.start]
    between = doc[opening.end : mention.start]
    if (
        len(before) > 4
        or any(t.pos_ in {"VERB", "AUX", "ADP"} for t in before)
        or not between
        or between[0].text != ","
        or len(between) > 6
        or any(t.pos_ in {"VERB", "AUX", "CCONJ", "ADP"} and t.lower_ != "of" for t in between)
    ):
        return mention
    return opening


def _parenthesis_dates(inner: str) -> list[tuple[str, str, DateMatch]]:
    """The dates of a parenthesis after a name, each with its predicate and rule. Parts set
    apart by semicolons ("; 1859 – April 1920") are read one by one, the first with a date
    winning."""
    start = 0
    for part in inner.split(";"):
        found = _part_dates(part)
        if found:
            return [(p, rule, _shifted(m, start)) for p, rule, m in found]
        start += len(part) + 1
    return []


def _part_dates(inner: str) -> list[tuple[str, str, DateMatch]]:
    born, died = _BORN.match(inner), _DIED.search(inner)
    out = []
    # A date kept as written ("c. 1680", "1950s") is stated as written; a relative one is
    # not written in a lifespan.
    if born:
        found = find_dates(inner[born.end() :])
        if found:
            out.append(("born", "lifespan", _shifted(found[0], born.end())))
    if died and not re.match(r"\s*(?:between|after|before)\b", inner[died.end() :]):
        found = find_dates(inner[died.end() :])
        if found:
            out.append(("died", "lifespan", _shifted(found[0], died.end())))
    if born or died:
        return out
    halves = _DASH.split(inner, maxsplit=1)
    if len(halves) == 2:
        # "1820 in Y – 5 May 1890 in Z", "c. 1680–1764", "1993–": a date opens each half.
        left, right = halves[0], halves[1]
        right_at = len(inner) - len(right)
        begun = [m for m in find_dates(left) if _opens(left[: m.start])]
        ended = [m for m in find_dates(right) if _opens(right[: m.start])]
        years = [int(y) for y in re.findall(r"(?<![0-9])[12]?[0-9]{3}(?![0-9])", left)[:1]]
        short = re.match(r"\s*([0-9]{2})(?![0-9])", right)
        if not ended and short and years:
            # "1989–94": the century of the first year.
            year = years[0] // 100 * 100 + int(short.group(1))
            if year > years[0]:
                ended = [DateMatch(short.start(1), short.end(1), Date(year))]
        # What comes before the first date was let pass by ``_opens``: a place, however many
        # commas it has ("San Remo, Liguria, 2 June 1663"), or a comma alone.
        opening = left[begun[0].start :] if begun else left
        if not years or (not begun and not ended) or not _YEARS_FIRST.match(opening):
            return []
        last_year = ended[0].value.year if ended and isinstance(ended[0].value, Date) else None
        span = None if last_year is None else last_year - years[0]
        if span is not None and span not in _LIFE_YEARS:
            kinds = ("span-start", "span-end")
        else:
            kinds = ("lifespan-start", "lifespan-end")
        if begun:
            out.append((kinds[0], "lifespan", begun[0]))
            if kinds[0] == "span-start":
                # A work that ran from a year (a series "(1989–94)") first came out that year.
                out.append(("run-start", "lifespan", begun[0]))
        if ended:
            out.append((kinds[1], "lifespan", _shifted(ended[0], right_at)))
        return out
    found = find_dates(inner)
    if len(found) == 1 and isinstance(found[0].value, Date):
        rest = inner[: found[0].start] + inner[found[0].end :]
        if not rest.strip(" ,."):  # "(2000)", "(May 29, 1658)": the date and nothing else
            out.append(("dated", "date-parenthesis", found[0]))
    return out


def _opens(before: str) -> bool:
    """Whether a half of a lifespan opens with the date after ``before``: nothing but commas
    before it, or a place and a comma ("Arlon, 2 June 1663")."""
    return not before.strip(" ,") or _PLACE_FIRST.fullmatch(before) is not None


def _shifted(found: DateMatch, by: int) -> DateMatch:
    return DateMatch(found.start + by, found.end + by, found.value)
