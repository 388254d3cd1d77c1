"""Coreference within one document: pronouns and definite descriptions → the names they stand for.

Rule-based and deliberately timid. An anaphor ("it", "they", "he", "the nation", "the
company", "both countries") takes the most salient compatible referent of the nearest
sentence that has one — subjects before other roles, number, kind and gender agreeing — and is
left unresolved when two referents tie or when the nearest salient referent is a phrase that
names nothing ("Collaboration with China … it"). Reads spaCy tokens; decides no entity.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.aliases import builtin_aliases
from kg.entities import COUNTRIES, clean_name, decide_kind
from kg.extract.evidence import LANDFORM_NOUNS, class_of
from kg.extract.mentions import TokenMention
from kg.model import Argument, Extraction, Mention, Span
from kg.namespace import kind_of

__all__ = ["Resolution", "apply_resolutions", "resolve_document"]

_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass"})
# Pronoun → (number, kinds it may stand for, gender).
_THING: Final = frozenset(
    {"organization", "place", "product", "concept", "event", "work", "law", "award"}
)
_PRONOUNS: Final[dict[str, tuple[str, frozenset[str], str]]] = {
    "it": ("one", _THING, ""),
    "its": ("one", _THING, ""),
    "they": ("many", frozenset(), ""),
    "them": ("many", frozenset(), ""),
    "their": ("many", frozenset(), ""),
    "he": ("one", frozenset({"person"}), "male"),
    "him": ("one", frozenset({"person"}), "male"),
    "his": ("one", frozenset({"person"}), "male"),
    "she": ("one", frozenset({"person"}), "female"),
    "her": ("one", frozenset({"person"}), "female"),
}
_HONORIFIC_GENDER: Final = {
    "mr": "male",
    "mr.": "male",
    "ms": "female",
    "ms.": "female",
    "mrs": "female",
    "mrs.": "female",
}
_DEFINITE: Final = frozenset({"the", "this", "that", "these", "those", "both"})
_COUNTRY_NOUNS: Final = frozenset({"country", "nation"})
# How many sentences back an anaphor may look: pronouns stay close, descriptions reach further.
_PRONOUN_WINDOW: Final = 1
_DESCRIPTION_WINDOW: Final = 3
# The sentences a reader keeps: the one it reads and those the widest window looks back on.
_KEPT_SENTENCES: Final = max(_PRONOUN_WINDOW, _DESCRIPTION_WINDOW) + 1


@dataclass(frozen=True, slots=True)
class Resolution:
    """An anaphor (document offsets of its phrase, ending at its head) and what it stands for."""

    start: int
    head_start: int
    end: int
    text: str
    antecedents: tuple[Mention, ...]
    rule: str


@dataclass(frozen=True, slots=True)
class _Referent:
    """Something a later anaphor may point back to: entities (none for a phrase naming
    nothing), whether it is plural, and how salient its role is (0 = a subject)."""

    mentions: tuple[Mention, ...]
    plural: bool
    rank: int
    token: int
    kinds: frozenset[str]
    gender: str = ""
    country: bool = False


@dataclass(frozen=True, slots=True)
class _Anaphor:
    head: Token
    start: int  # first token of its phrase
    number: str  # "one", "two" or "many"
    kinds: frozenset[str]
    gender: str
    country: bool
    rule: str
    window: int


def _mention(text: str, offset: int, doc: Doc, m: TokenMention) -> Mention:
    begin = offset + doc[m.start].idx
    last = doc[m.end - 1]
    end = offset + last.idx + len(last.text)
    return Mention(text[begin:end], begin, end, m.label, m.kind, m.evidence, role=m.role)


def _role(token: Token) -> Token:
    while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
        token = token.head
    return token


def _rank(token: Token) -> int:
    role = _role(token)
    if role.dep_ in _SUBJECTS:
        return 0
    if role.dep_ == "poss" and role.head.dep_ in _SUBJECTS:
        return 0  # "Russia’s dependence … has diminished": Russia is what the sentence is about
    return 1


def _document_kinds(mentions: Iterable[Mention]) -> dict[str, str]:
    """Each name's kind in this document: the built-in table, else evidence, else the tagger."""
    strong: dict[str, Counter[str]] = defaultdict(Counter)
    soft: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        name = clean_name(m.text)
        soft[name][kind_of(m.label)] += 1
        if m.kind:
            strong[name][m.kind] += 1
    table = builtin_aliases()
    kinds = {}
    for name in soft:
        alias = table.lookup(name)
        fixed = alias.kind if alias is not None else ""
        kinds[name] = fixed or decide_kind(strong[name], soft[name])[0]
    return kinds


def _restrictive(token: Token) -> bool:
    # "the company that makes X", "the country of origin": a description that says which one.
    return any(
        c.dep_ in {"relcl", "acl", "poss"} or (c.dep_ == "prep" and c.lower_ == "of")
        for c in token.children
    )


def _anaphor(token: Token, index: list[TokenMention | None]) -> _Anaphor | None:
    if index[token.i] is not None:
        return None
    if token.pos_ == "PRON" and token.lower_ in _PRONOUNS:
        if token.lower_ == "it" and _pleonastic(token):
            return None
        number, kinds, gender = _PRONOUNS[token.lower_]
        return _Anaphor(token, token.i, number, kinds, gender, False, "pronoun", _PRONOUN_WINDOW)
    if token.pos_ != "NOUN":
        return None
    kind = class_of(token)
    dets = [c for c in token.children if c.dep_ in {"det", "predet"} and c.lower_ in _DEFINITE]
    two = any(c.dep_ == "nummod" and c.lower_ in {"two", "2"} for c in token.children)
    if kind not in {"organization", "place"} or not (dets or two) or _restrictive(token):
        return None
    if token.lemma_.lower() in LANDFORM_NOUNS:
        return None  # "the coast" is seldom the town just named
    plural = token.tag_ in {"NNS", "NNPS"}
    both = two or any(c.lower_ == "both" for c in dets)
    number = "two" if both else ("many" if plural else "one")
    start = min([token.i, *(c.i for c in token.lefts)])
    country = token.lemma_.lower() in _COUNTRY_NOUNS
    return _Anaphor(
        token,
        start,
        number,
        frozenset({kind}),
        "",
        country,
        "definite-description",
        _DESCRIPTION_WINDOW,
    )


# "It was a long night", "it is time to", "it rained": no antecedent at all.
_TIME_NOUNS: Final = frozenset(
    {
        "night",
        "day",
        "week",
        "month",
        "year",
        "time",
        "morning",
        "evening",
        "afternoon",
        "moment",
        "hour",
        "season",
        "decade",
        "era",
        "weekend",
        "summer",
        "winter",
        "spring",
        "autumn",
    }
)
_WEATHER: Final = frozenset({"rain", "snow", "hail", "drizzle", "pour"})


def _pleonastic(token: Token) -> bool:
    """ "it is important to …", "it seems that …", "it was a long night in Gaza", "it rained":
    an "it" that points at nothing."""
    verb = token.head
    if token.dep_ != "nsubj":
        return False
    if verb.lemma_ in _WEATHER or (
        verb.lemma_ == "be"
        and any(c.dep_ == "attr" and c.lemma_.lower() in _TIME_NOUNS for c in verb.children)
    ):
        return True
    clause = any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children)
    return clause and (
        verb.lemma_ in {"seem", "appear", "happen"}
        or (verb.lemma_ == "be" and any(c.dep_ == "acomp" for c in verb.children))
    )


def _mention_head(doc: Doc, m: TokenMention) -> Token:
    inside = range(m.start, m.end)
    return next((t for t in doc[m.start : m.end] if t.head.i not in inside), doc[m.end - 1])


class _Reader:
    """Walks one document's sentences in order, keeping the referents each one adds."""

    def __init__(self, text: str, kinds: dict[str, str], genders: dict[str, str]) -> None:
        self.text = text
        self.kinds = kinds
        self.genders = genders
        # Only the last few: an anaphor looks back at most a window of sentences, and a long
        # document's referents would otherwise pile up (and be copied for every anaphor).
        self.sentences: deque[list[_Referent]] = deque(maxlen=_KEPT_SENTENCES)
        self.found: list[Resolution] = []

    def referent(self, mentions: tuple[Mention, ...], rank: int, token: int) -> _Referent:
        names = [clean_name(m.text) for m in mentions]
        kinds = frozenset(self.kinds.get(n, "concept") for n in names)
        gender = self.genders.get(names[0], "") if len(names) == 1 else ""
        country = all(n in COUNTRIES for n in names)
        return _Referent(mentions, len(mentions) > 1, rank, token, kinds, gender, country)

    def read(self, doc: Doc, offset: int, mentions: list[TokenMention]) -> None:
        """Read one parsed block, sentence by sentence."""
        index: list[TokenMention | None] = [None] * len(doc)
        for m in mentions:
            for k in range(m.start, m.end):
                index[k] = m
        # Demonyms ("Russian") are adjectives here, not things a pronoun points back to.
        by_head = {
            _mention_head(doc, m).i: _mention(self.text, offset, doc, m)
            for m in mentions
            if m.label != "NORP"
        }
        for sent in doc.sents:
            self.read_sentence(sent, offset, index, by_head)

    def read_sentence(
        self,
        sent: SpacySpan,
        offset: int,
        index: list[TokenMention | None],
        by_head: dict[int, Mention],
    ) -> None:
        """Resolve the anaphors of one sentence, then keep what it mentions for later ones."""
        doc = sent.doc
        here: list[_Referent] = []
        self.sentences.append(here)
        for token in sent:
            anaphor = _anaphor(token, index)
            if anaphor is not None:
                self.resolve(doc, offset, anaphor, by_head, here)
            elif token.i in by_head and (token.dep_ != "conj" or _role(token).i not in by_head):
                group = [by_head[token.i]]
                group += [by_head[c.i] for c in _conjuncts(token) if c.i in by_head]
                rank = _rank(token)
                here.extend(self.referent((m,), rank, token.i) for m in dict.fromkeys(group))
                if len(group) > 1:
                    here.append(self.referent(tuple(dict.fromkeys(group)), rank, token.i))
            elif _names_nothing(token, index, by_head):
                # A subject that names nothing ("Collaboration with China") still draws "it".
                kind = class_of(token)
                kinds = frozenset({kind}) if kind else frozenset()
                here.append(_Referent((), token.tag_ == "NNS", 0, token.i, kinds))

    def resolve(
        self,
        doc: Doc,
        offset: int,
        anaphor: _Anaphor,
        by_head: dict[int, Mention],
        here: list[_Referent],
    ) -> None:
        token = anaphor.head
        named = [by_head[c.i] for c in token.children if c.dep_ == "appos" and c.i in by_head]
        if named and anaphor.rule != "pronoun":
            chosen: tuple[Mention, ...] | None = tuple(named[:1])
            rule = "apposition"
        else:
            chosen, rule = self.antecedent(anaphor, here), anaphor.rule
        if chosen:
            self.record(doc, offset, anaphor, chosen, rule)
            here.append(self.referent(chosen, _rank(token), token.i))
        elif _rank(token) == 0 and anaphor.rule == "pronoun":
            # An unresolved subject pronoun still takes the stage from what came before.
            here.append(_Referent((), anaphor.number != "one", 0, token.i, frozenset()))

    def antecedent(self, anaphor: _Anaphor, here: list[_Referent]) -> tuple[Mention, ...] | None:
        """The referents of the nearest sentence that has a fitting one, if exactly one is
        the most salient there; None when unsure or when that one names nothing."""
        sentences = [[r for r in here if r.token < anaphor.start]]
        earlier = len(self.sentences) - 1  # the last one is ``here``
        sentences += [
            self.sentences[earlier - k] for k in range(1, min(anaphor.window, earlier) + 1)
        ]
        if anaphor.number == "two":
            return self._pair(anaphor, sentences)
        for referents in sentences:
            fitting = [r for r in referents if self._fits(anaphor, r)]
            if not fitting:
                continue
            best = min(r.rank for r in fitting)
            top = {r.mentions: r for r in fitting if r.rank == best}
            names = {tuple(clean_name(m.text) for m in key) for key in top}
            if len(names) != 1:
                return None  # two referents as salient as each other: unsure
            return next(iter(top)) or None
        return None

    def _pair(
        self, anaphor: _Anaphor, sentences: list[list[_Referent]]
    ) -> tuple[Mention, ...] | None:
        """ "both countries": a coordination of two, or the two nearest that fit, no third."""
        found: dict[str, Mention] = {}
        for referents in sentences:
            for r in referents:
                both_fit = all(self._fits_one(anaphor, m) for m in r.mentions)
                if r.plural and len(r.mentions) == 2 and both_fit:
                    return r.mentions if not found else None
            for r in referents:
                if not r.plural and r.mentions and self._fits_one(anaphor, r.mentions[0]):
                    found.setdefault(clean_name(r.mentions[0].text), r.mentions[0])
            if len(found) >= 2:
                pair = tuple(sorted(found.values(), key=lambda m: m.start))
                return pair if len(pair) == 2 else None
        return None

    def _fits_one(self, anaphor: _Anaphor, m: Mention) -> bool:
        name = clean_name(m.text)
        if anaphor.country and name not in COUNTRIES:
            return False
        return not anaphor.kinds or self.kinds.get(name, "concept") in anaphor.kinds

    def _fits(self, anaphor: _Anaphor, r: _Referent) -> bool:
        if (anaphor.number == "one") == r.plural:
            return False
        if not r.mentions:
            # A phrase naming nothing competes only with pronouns, and only by number and kind.
            agrees = not r.kinds or not anaphor.kinds or bool(r.kinds & anaphor.kinds)
            return anaphor.rule == "pronoun" and agrees
        if anaphor.country and not r.country:
            return False
        if anaphor.gender and r.gender and anaphor.gender != r.gender:
            return False
        if not anaphor.kinds:
            return "person" not in r.kinds or len(r.kinds) == 1
        return r.kinds <= anaphor.kinds

    def record(
        self, doc: Doc, offset: int, anaphor: _Anaphor, chosen: tuple[Mention, ...], rule: str
    ) -> None:
        head = anaphor.head
        begin = offset + doc[anaphor.start].idx
        head_begin = offset + head.idx
        end = head_begin + len(head.text)
        resolved = tuple(dataclasses.replace(m, resolved=rule) for m in chosen)
        self.found.append(Resolution(begin, head_begin, end, self.text[begin:end], resolved, rule))


def _names_nothing(
    token: Token, index: list[TokenMention | None], by_head: dict[int, Mention]
) -> bool:
    """A subject that is no name and has no name in apposition ("Collaboration with China")."""
    if token.dep_ not in _SUBJECTS or token.pos_ != "NOUN" or index[token.i] is not None:
        return False
    return not any(c.dep_ == "appos" and c.i in by_head for c in token.children)


def _conjuncts(token: Token) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ == "conj":
            yield child
            yield from _conjuncts(child)


def _genders(doc: Doc, mentions: list[TokenMention], text: str, offset: int) -> dict[str, str]:
    """Names written with "Mr" or "Ms" before them, and the gender that says."""
    found = {}
    for m in mentions:
        title = doc[m.start - 1].lower_ if m.start > 0 else ""
        if title in _HONORIFIC_GENDER:
            found[clean_name(_mention(text, offset, doc, m).text)] = _HONORIFIC_GENDER[title]
    return found


def resolve_document(
    text: str, parts: list[tuple[int, Doc, list[TokenMention]]]
) -> list[Resolution]:
    """Return the anaphors of one document resolved to the mentions they stand for.

    ``parts`` are the document's parsed blocks in order: (offset in ``text``, Doc, mentions).
    """
    everything = [_mention(text, offset, doc, m) for offset, doc, ms in parts for m in ms]
    genders: dict[str, str] = {}
    for offset, doc, ms in parts:
        genders.update(_genders(doc, ms, text, offset))
    reader = _Reader(text, _document_kinds(everything), genders)
    for offset, doc, ms in parts:
        reader.read(doc, offset, ms)
    return reader.found


def _lookup(
    span: Span, mention: Mention | None, found: dict[int, list[Resolution]]
) -> list[Mention | None]:
    """What a phrase stands for: its own mention, else the antecedents of the anaphor it is."""
    if mention is not None:
        return [mention]
    for r in found.get(span.end, []):
        # The phrase must be the anaphor itself ("the Russian tech company"), not a longer
        # phrase that happens to end with it ("collaboration with the company").
        if r.start <= span.start <= r.head_start:
            return list(r.antecedents)
    return [None]


def _without_preposition(arg: Argument) -> Span:
    span, prep = arg.span, arg.preposition
    if prep and span.text.lower().startswith(prep + " "):
        cut = len(prep) + 1
        return Span(span.text[cut:], span.start + cut, span.end)
    return span


def apply_resolutions(
    extractions: Iterable[Extraction], resolutions: Iterable[Resolution]
) -> list[Extraction]:
    """Return ``extractions`` with anaphoric subjects, objects and arguments replaced by what
    they stand for; an anaphor standing for two ("both countries") gives one extraction each."""
    found: dict[int, list[Resolution]] = defaultdict(list)
    for r in resolutions:
        found[r.end].append(r)
    out = []
    for ex in extractions:
        args = tuple(
            dataclasses.replace(a, mention=options[0])
            if len(options := _lookup(_without_preposition(a), a.mention, found)) == 1
            and options[0] is not a.mention
            else a
            for a in ex.args
        )
        same_args = all(a is b for a, b in zip(args, ex.args, strict=True))
        for subject in _lookup(ex.subject, ex.subject_mention, found):
            for obj in _lookup(ex.object, ex.object_mention, found):
                if same_args and subject is ex.subject_mention and obj is ex.object_mention:
                    out.append(ex)  # nothing stood for anything else: most extractions
                    continue
                out.append(
                    dataclasses.replace(ex, subject_mention=subject, object_mention=obj, args=args)
                )
    return out
