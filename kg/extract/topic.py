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

# Words a title leaves in lower case ("Between Five and Seven", "Sea of Salt").
_SMALL: Final = frozenset(
    {"a", "an", "and", "as", "at", "by", "de", "del", "for", "from", "in", "la", "le"}
    | {"of", "on", "or", "the", "to", "with", "y"}
)
# The longest name read this way, in words.
_LONGEST: Final = 8


def with_title(doc: Doc, mentions: list[TokenMention]) -> list[TokenMention]:
    """Return ``mentions`` with the title-case name the first sentence of ``doc`` opens with,
    when a form of "be" or a parenthesis follows it and the tagger found no name there; the
    names the tagger found inside it are dropped ("Seven" of "Between Five and Seven").

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
    if any(m.start == start for m in mentions):
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
    for token in words:
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
    if any(
        m.start < stop and start < m.end and not (start <= m.start < m.end <= stop)
        for m in mentions
    ):
        return mentions  # a name runs past the title: the tagger saw something else
    kept = [m for m in mentions if not (start <= m.start and m.end <= stop)]
    return sorted([*kept, TokenMention(start, stop, "")], key=lambda m: (m.start, m.end))
