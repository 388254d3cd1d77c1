"""Parsed first sentence → the name a document opens with, where the tagger found none.

Reads spaCy tokens only. An article about one thing names it first, in title case, before
its verb ("Harbour Lights is a 1998 album", "Tin and Salt was a band"); the tagger misses
such names when their words are common ones. What the name refers to, and its kind, are
left to the evidence rules and ``kg.entities``, as for any other mention.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Doc

from kg.extract.mentions import TokenMention

__all__ = ["with_title"]

# Words a title leaves in lower case ("Under Nine and Ten", "Sea of Salt").
_SMALL: Final = frozenset(
    {"a", "an", "and", "as", "at", "by", "de", "del", "for", "from", "in", "la", "le"}
    | {"of", "on", "or", "the", "to", "with", "y"}
)
# The longest name read this way, in words.
_LONGEST: Final = 8


def with_title(doc: Doc, mentions: list[TokenMention]) -> list[TokenMention]:
    """Return ``mentions`` with the title-case name the first sentence of ``doc`` opens with,
    when a form of "be" or a parenthesis follows it and the tagger found no name there; the
    names found inside it without the tagger are dropped ("Seven" of "Between Five and
    Seven").

    >>> from spacy.lang.en import English
    >>> doc = Doc(English().vocab, words=["Tin", "and", "Salt", "was", "a", "band", "."],
    ...           pos=["PROPN", "CCONJ", "PROPN", "AUX", "DET", "NOUN", "PUNCT"],
    ...           lemmas=["Tin", "and", "Salt", "be", "a", "band", "."],
    ...           sent_starts=[True] + [False] * 6)
    >>> [(m.start, m.end) for m in with_title(doc, [])]
    [(0, 3)]
    """
    if not len(doc):
        return mentions
    sent = next(iter(doc.sents))
    start = sent.start
    while start < sent.end and (doc[start].is_quote or doc[start].is_punct):
        start += 1
    name_start = start + (doc[start].lower_ in {"the", "a", "an"})
    if any(m.start in {start, name_start} for m in mentions):
        return mentions
    end = start
    while end < sent.end and end - start <= _LONGEST:
        token = doc[end]
        if token.text == "(" or (token.lemma_ == "be" and token.pos_ in {"AUX", "VERB"}):
            break
        end += 1
    else:
        return mentions
    stop = end
    while stop > start and (doc[stop - 1].is_quote or doc[stop - 1].is_punct):
        stop -= 1
    words = doc[start:stop]
    if not words or not (words[0].is_title or words[0].is_upper or words[0].like_num):
        return mentions
    if words[0].pos_ == "PRON":
        return mentions  # "He was …"
    for token in words:
        if token.pos_ in {"PRON", "VERB", "AUX", "DET"} and token.i > start:
            return mentions
        if token.is_punct and token.text not in {"-", "&", ":", "'"}:
            return mentions
        if not (
            token.is_title
            or token.is_upper
            or token.like_num
            or token.is_punct
            or token.lower_ in _SMALL
        ):
            return mentions
    inside = [m for m in mentions if m.start < stop and start < m.end]
    if any(m.label or not (start <= m.start and m.end <= stop) for m in inside):
        return mentions  # the tagger named something there: it saw more than a title
    kept = [m for m in mentions if not (start <= m.start and m.end <= stop)]
    if name_start >= stop:
        return mentions
    # The article is no part of the name, as elsewhere ("The Harbour Games" → "Harbour Games").
    title = TokenMention(name_start, stop, "")
    return sorted([*kept, title], key=lambda m: (m.start, m.end))
