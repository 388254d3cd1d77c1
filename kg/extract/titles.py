"""A pipeline component that keeps quoted titles whole: "Take the Night Train Home" is one name.

The small English model parses a quoted song or film title as a clause of its own ("Your
Disco / needs / You"), which breaks the sentence around it. Run right after the tokenizer,
this merges each quoted Title Case phrase into one token, so the tagger and parser see a
name. Character offsets do not change; nothing but the token boundaries does.
"""

from __future__ import annotations

from typing import Final

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["TITLES_COMPONENT", "is_title_case", "merge_quoted_titles"]

TITLES_COMPONENT: Final = "kg_quoted_titles"
_OPENING: Final = frozenset({'"', "\u201c", "``", "\u2018", "'"})
_CLOSING: Final = frozenset({'"', "\u201d", "''", "\u2019", "'"})
# Words a title keeps in lower case: "Take the Night Train Home", "Les amants de la nuit".
_SMALL: Final = frozenset(
    {
        "of",
        "the",
        "a",
        "an",
        "and",
        "in",
        "to",
        "for",
        "on",
        "at",
        "by",
        "with",
        "or",
        "from",
        "is",
        "it",
        "de",
        "la",
        "le",
        "du",
        "des",
    }
)
_MAX_WORDS: Final = 10
_SENTENCE_PUNCT: Final = frozenset({".", "!", "?", ",", ";", ":"})


def is_title_case(words: list[str], least: int = 1) -> bool:
    """Whether words read as a title: at least ``least`` words, the first capitalised, and
    most of the rest but the small words too.

    >>> is_title_case(["Take", "the", "Night", "Train", "Home"]), is_title_case(["we", "won"])
    (True, False)
    """
    alpha = [w for w in words if w.isalpha()]
    if len(alpha) < least or not alpha or not alpha[0][:1].isupper():
        return False
    content = [w for w in alpha if w.lower() not in _SMALL]
    return bool(content) and sum(w[:1].isupper() for w in content) >= 0.75 * len(content)


def merge_quoted_titles(doc: Doc) -> Doc:
    """Merge every quoted Title Case phrase of two to ten words into one token.

    >>> import spacy
    >>> doc = merge_quoted_titles(spacy.blank("en")('Her hit "Take the Night Train Home" sold.'))
    >>> [t.text for t in doc]
    ['Her', 'hit', '"', 'Take the Night Train Home', '"', 'sold', '.']
    """
    spans = []
    i = 0
    while i < len(doc):
        if doc[i].text in _OPENING:
            close = next(
                (
                    j
                    for j in range(i + 1, min(len(doc), i + _MAX_WORDS + 2))
                    if doc[j].text in _CLOSING
                ),
                None,
            )
            if close is not None and close - i > 2:
                words = [t.text for t in doc[i + 1 : close]]
                # One word in quotes is a word in quotes, not worth a merge.
                if is_title_case(words, least=2) and not _SENTENCE_PUNCT & set(words[:-1]):
                    end = close - 1 if words[-1] in _SENTENCE_PUNCT else close
                    if end - (i + 1) > 1:
                        spans.append(doc[i + 1 : end])
                    i = close + 1
                    continue
        i += 1
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


@Language.component(TITLES_COMPONENT)
def _component(doc: Doc) -> Doc:
    return merge_quoted_titles(doc)
