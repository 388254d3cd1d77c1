"""Parsed sentences → date extractions: when something was born, founded, released or held.

Reads spaCy tokens and the document's text. It finds the date phrase and what it dates; what
the phrase means (``kg.dates``) and which relation it states for the subject's kind
(``kg.vocabulary``) are the graph side's job. Each extraction's object is the date phrase,
with a ``DATE`` mention, so the linker can tell it from an entity.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Final

from spacy.tokens import Doc, Span as SpacySpan, Token

from kg.dates import DateMatch, find_dates, find_range
from kg.extract.emit import Emitter, Sentence
from kg.extract.mentions import WORK_CLASSES, TokenMention
from kg.model import Extraction, Mention, Span

__all__ = ["DATE_LABEL", "DATE_RULES", "date_words", "read_dates", "read_lifespans"]

# The label of a date mention: an extraction's object that is a date, not an entity.
DATE_LABEL: Final = "DATE"
# Base confidence of each date rule (the rule field of its extractions).
DATE_RULES: Final[dict[str, float]] = {
    "lifespan": 0.9,  # "X (1901–1975)", "X (born 13 March 1963)"
    "date-clause": 0.8,  # "X was founded in 1998", "X, released in May 2005,"
    "date-modifier": 0.75,  # "X is a 1936 film"
    "date-parenthesis": 0.7,  # "the album X (2000)"
}
# Prepositions that put a date on a verb: "in 1998", "on 13 March 1963".
_AT: Final = frozenset({"in", "on", "at", "during"})
# Dependency labels of a date phrase hanging directly on its verb: "born 13 March 1963".
_BARE: Final = frozenset({"npadvmod", "tmod", "dobj", "obl", "advmod", "attr", "oprd"})
_MODIFIER: Final = frozenset({"nummod", "compound", "amod", "nmod", "npadvmod"})
_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass"})
_RELATIVE_PRONOUNS: Final = frozenset({"which", "who", "that", "whom"})
# "X (born 5 May 1950 in Y)", "X (1901–1975)", "X (died 1870)", "X (b. 1950)".
_PARENTHESIS: Final = re.compile(r"[ \t]*\(([^()\n]{1,120})\)")
_BORN: Final = re.compile(r"^\s*(?:born|b\.)\s", re.IGNORECASE)
_DIED: Final = re.compile(r"(?:^|[;,]\s*)(?:died|d\.)\s", re.IGNORECASE)
_YEAR_ONLY: Final = re.compile(r"^\s*([12][0-9]{3})\s*$")


@cache
def date_words() -> dict[str, str]:
    """Return the table of words that date (a lemma → the predicate its date reads as)."""
    text = resources.files("kg").joinpath("data", "date_words.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row["word"].strip(): row["predicate"].strip()
            for row in csv.DictReader(io.StringIO("\n".join(lines)))}


def _subject(verb: Token) -> Token | None:
    """The subject of a verb: its own, the noun a participle or relative clause modifies, or
    the subject of the clause it is coordinated with or subordinate to."""
    seen = set()
    while verb.i not in seen:
        seen.add(verb.i)
        own = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if own is not None:
            if own.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return own
        if verb.dep_ in {"acl", "relcl", "amod"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return verb.head
        if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def _named(em: Emitter, token: Token) -> bool:
    return token.pos_ == "PRON" or em.mention(token) is not None


def _work_named(em: Emitter, noun: Token) -> Token | None:
    """The name a class noun describes: "X is a 1936 film", "X, a 1936 film", "the 1977 album X"."""
    if noun.dep_ in {"attr", "oprd"}:
        return _subject(noun.head)
    if noun.dep_ == "appos":
        return noun.head
    for child in noun.children:
        if child.dep_ in {"appos", "compound"} and child.i > noun.i and em.mention(child):
            return child
    if noun.dep_ == "compound" and noun.head.i > noun.i and em.mention(noun.head):
        return noun.head
    return None


def _emit(
    em: Emitter, rule: str, subject: Token, relation: str, predicate: str, date: Span,
    penalty: float = 0.0,
) -> None:
    confidence = DATE_RULES[rule] - penalty - 0.05 * (subject.pos_ == "PRON")
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
            subject_mention=em.sentence.mention_at(subject),
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
    for ent in sentence.span.ents:
        if ent.label_ != "DATE":
            continue
        found = find_dates(ent.text)
        if not found:
            continue
        head = ent.root
        # The last date of a phrase of several ("1 May 2004, 2005") is the one the head is.
        if head.dep_ == "pobj" and head.head.lower_ in _AT:
            governor, how = head.head.head, head.head.lower_
        elif head.dep_ in _BARE:
            governor, how = head.head, ""
        elif head.dep_ in _MODIFIER and head.head.pos_ == "NOUN" and head.i < head.head.i:
            noun = head.head
            named = _work_named(em, noun) if noun.lemma_.lower() in WORK_CLASSES else None
            if named is not None and _named(em, named) and len(found) == 1:
                _emit(em, "date-modifier", named, f"{ent.text} {noun.text}", "dated",
                      _date_span(em, ent, found[0]))
            continue
        else:
            continue
        predicate = words.get(governor.lemma_.lower()) or words.get(governor.lower_)
        if predicate is None or governor.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        subject = _subject(governor)
        if subject is None or not _named(em, subject):
            continue
        relation = f"{governor.text} {how}".strip()
        span = find_range(ent.text)
        if span is not None and predicate == "happened":
            _emit(em, "date-clause", subject, relation, "began", _date_span(em, ent, span[0]))
            _emit(em, "date-clause", subject, relation, "ended", _date_span(em, ent, span[1]))
        elif len(found) == 1:
            _emit(em, "date-clause", subject, relation, predicate, _date_span(em, ent, found[0]))
    return em.out


def read_lifespans(
    doc: Doc, mentions: list[TokenMention], text: str, offset: int, doc_name: str
) -> list[Extraction]:
    """Return the dates written in a parenthesis right after a name: a lifespan ("X (1901–1975)",
    "X (born 13 March 1963 in Y)", "X (died 1870)"), or a work's year ("the album X (2000)").

    ``offset`` is where ``doc`` starts in ``text``: the parenthesis may have been blanked out of
    the parse (``kg.extract.segment``), so it is read from the original text.
    """
    out: list[Extraction] = []
    for mention in mentions:
        last = doc[mention.end - 1]
        after = offset + last.idx + len(last.text)
        match = _PARENTHESIS.match(text, after)
        if match is None:
            continue
        sent = doc[mention.start].sent
        begin = offset + doc[sent.start].idx
        stop = offset + doc[sent.end - 1].idx + len(doc[sent.end - 1].text)
        sentence = Span(text[begin:stop], begin, stop)
        first = offset + doc[mention.start].idx
        subject = Span(text[first:after], first, after)
        inner, base = match.group(1), match.start(1)
        for predicate, rule, found in _parenthesis_dates(inner, mention.label):
            date = Span(text[base + found.start : base + found.end], base + found.start,
                        base + found.end)
            out.append(
                Extraction(
                    doc=doc_name,
                    sentence=sentence,
                    subject=subject,
                    relation=f"({inner})",
                    object=date,
                    predicate=predicate,
                    rule=rule,
                    confidence=DATE_RULES[rule],
                    subject_mention=Mention(subject.text, subject.start, subject.end,
                                            mention.label),
                    object_mention=Mention(date.text, date.start, date.end, DATE_LABEL),
                )
            )
    return out


def _parenthesis_dates(inner: str, label: str) -> Iterator[tuple[str, str, DateMatch]]:
    born, died = _BORN.match(inner), _DIED.search(inner)
    if born:
        found = find_dates(inner[born.end() :])
        if found:
            yield "born", "lifespan", _shifted(found[0], born.end())
    if died:
        found = find_dates(inner[died.end() :])
        if found:
            yield "died", "lifespan", _shifted(found[0], died.end())
    if born or died:
        return
    span = find_range(inner)
    if span is not None and not inner[: span[0].start].strip(" ,;"):
        yield "lifespan-start", "lifespan", span[0]
        yield "lifespan-end", "lifespan", span[1]
    elif _YEAR_ONLY.match(inner):
        found = find_dates(inner)
        if found:
            yield "dated", "date-parenthesis", found[0]


def _shifted(found: DateMatch, by: int) -> DateMatch:
    return DateMatch(found.start + by, found.end + by, found.value)
